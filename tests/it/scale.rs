//! Corpus-scale behaviour: shards add up to the whole, a load killed halfway
//! leaves no partial document and a rerun finishes the job, unchanged reruns
//! convert nothing, and --prune removes deleted documents.

use crate::policykg;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

fn laws(folder: &str) -> PathBuf {
    crate::root().join("../shared/corpus/laws").join(folder)
}

/// `policykg load CORPUS --store STORE`, ready for more arguments.
fn load(corpus: &Path, store: &Path) -> assert_cmd::Command {
    let mut command = policykg();
    command.arg("load").arg(corpus).arg("--store").arg(store);
    command
}

fn nquads(args: &[&str], input: &Path) -> BTreeSet<String> {
    let out = policykg()
        .arg("convert")
        .arg(input)
        .args(["-f", "nq", "-q"])
        .args(args)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone())
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_union_of_the_shards_is_the_whole() {
    let corpus = laws("经济法");
    let whole = nquads(&[], &corpus);
    let mut union = BTreeSet::new();
    let mut sizes = Vec::new();
    // Quads of document graphs; the shared entity graph repeats across shards.
    let documents = |set: &BTreeSet<String>| -> BTreeSet<String> {
        set.iter()
            .filter(|l| !l.ends_with("/entities> ."))
            .cloned()
            .collect()
    };
    for i in 1..=3 {
        let shard = nquads(&["--shard", &format!("{i}/3")], &corpus);
        sizes.push(shard.len());
        assert!(
            documents(&shard).is_disjoint(&documents(&union)),
            "shard {i} repeats document quads of another shard"
        );
        union.extend(shard);
    }
    assert!(
        sizes.iter().all(|&n| n > 0),
        "every shard has documents: {sizes:?}"
    );
    assert_eq!(union.len(), whole.len());
    assert!(
        union == whole,
        "the union of the shards differs from the unsharded output"
    );
    policykg()
        .args(["convert", "--shard", "4/3"])
        .arg(&corpus)
        .assert()
        .code(2);
}

fn export_sorted(store: &Path) -> Vec<String> {
    let out = policykg()
        .args(["export", "-f", "nq", "--store"])
        .arg(store)
        .assert()
        .success();
    let mut lines: Vec<String> = String::from_utf8(out.get_output().stdout.clone())
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines
}

/// The graph name at the end of an N-Quads line.
fn graph_of(line: &str) -> &str {
    let rest = line.trim_end_matches(" .");
    rest.rsplit_once(' ').map_or("", |(_, g)| g)
}

#[test]
fn a_load_killed_halfway_leaves_whole_documents_and_a_rerun_finishes() {
    let corpus = laws("行政法");
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("reference");
    // Small commits, so that a kill can land between them.
    let load_args = ["-q", "-j", "1", "--commit-every", "20000"];
    let started = std::time::Instant::now();
    load(&corpus, &reference).args(load_args).assert().success();
    let full = started.elapsed().as_millis() as u64;
    let expected = export_sorted(&reference);
    let expected_set: BTreeSet<&String> = expected.iter().collect();
    let total_documents = expected
        .iter()
        .filter(|l| l.contains("ontology#Document>"))
        .count();
    let mut partial_runs = 0;
    // Kill at a fifth, half and four fifths of the time a whole load takes here.
    for (attempt, delay) in [full / 5, full / 2, full * 4 / 5].into_iter().enumerate() {
        let store = dir.path().join(format!("killed-{attempt}"));
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("policykg"))
            .arg("load")
            .arg(&corpus)
            .arg("--store")
            .arg(&store)
            .args(load_args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill(); // SIGKILL: no chance to clean up
        child.wait().unwrap();
        if store.join("CURRENT").exists() {
            // What a killed load leaves is whole documents: every stored document
            // graph equals that document's graph after a full load.
            let partial = export_sorted(&store);
            assert!(
                partial.iter().all(|l| expected_set.contains(l)),
                "a killed load left quads a full load does not have"
            );
            let documents = partial
                .iter()
                .filter(|l| l.contains("ontology#Document>"))
                .count();
            if documents > 0 && documents < total_documents {
                partial_runs += 1;
            }
            let graphs: BTreeSet<&str> = partial
                .iter()
                .map(|l| graph_of(l))
                .filter(|g| g.contains("/doc/"))
                .collect();
            for graph in graphs {
                let want = expected.iter().filter(|l| graph_of(l) == graph).count();
                let have = partial.iter().filter(|l| graph_of(l) == graph).count();
                assert_eq!(
                    have, want,
                    "graph {graph} is partial after a kill at {delay} ms"
                );
            }
        }
        // Running it again completes the job without duplicates.
        load(&corpus, &store).arg("-q").assert().success();
        assert_eq!(
            export_sorted(&store),
            expected,
            "rerun after a kill at {delay} ms"
        );
        assert_eq!(bulk_files(&store), 0, "files of the killed load are left");
    }
    assert!(
        partial_runs > 0,
        "no kill landed in the middle of a load (a whole load takes {full} ms here)"
    );

    // A load that commits only at the end, killed once its loader has written
    // sorted files beside the store: the store is unchanged, and the next load
    // removes the files, says so, and loads everything.
    let store = dir.path().join("killed-before-commit");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("policykg"))
        .arg("load")
        .arg(&corpus)
        .arg("--store")
        .arg(&store)
        .args(["-q", "-j", "1", "--commit-every", "0"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    while bulk_files(&store) == 0 {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the load ended without writing any bulk-*.sst file: Oxigraph's bulk loader names its files differently now; update remove_bulk_leftovers"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    let _ = child.kill();
    child.wait().unwrap();
    assert!(bulk_files(&store) > 0, "the killed load left no bulk files");
    let documents = |store: &Path| {
        export_sorted(store)
            .iter()
            .filter(|l| l.contains("ontology#Document>"))
            .count()
    };
    assert_eq!(
        documents(&store),
        0,
        "an uncommitted load changed the store"
    );
    load(&corpus, &store)
        .assert()
        .success()
        .stderr(predicates::str::contains("that an interrupted load left"));
    assert_eq!(bulk_files(&store), 0, "the leftovers are still there");
    assert_eq!(
        export_sorted(&store),
        expected,
        "rerun after a kill before the commit"
    );
}

/// How many files named like the bulk loader's sorted files are in a store folder.
fn bulk_files(store: &Path) -> usize {
    std::fs::read_dir(store).map_or(0, |entries| {
        entries
            .filter(|e| {
                e.as_ref().is_ok_and(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    name.starts_with("bulk-") && name.ends_with(".sst")
                })
            })
            .count()
    })
}

#[test]
fn unchanged_reruns_convert_nothing_and_prune_removes_deleted_documents() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for entry in std::fs::read_dir(laws("刑法")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
    }
    let store = dir.path().join("kg");
    load(&corpus, &store)
        .assert()
        .success()
        .stderr(predicates::str::contains("12 added"));
    load(&corpus, &store)
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "12 unchanged (skipped); 0 quads written",
        ));
    // Change one file: only its graph is replaced.
    let changed = corpus.join("刑法修正案.md");
    let text = std::fs::read_to_string(&changed).unwrap();
    std::fs::write(&changed, format!("{text}\n第九十九条 新增的条文。\n")).unwrap();
    load(&corpus, &store)
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "0 added, 1 replaced, 11 unchanged",
        ));
    // Delete one: --prune removes its graph.
    std::fs::remove_file(corpus.join("刑法修正案（七）.md")).unwrap();
    load(&corpus, &store)
        .arg("--prune")
        .assert()
        .success()
        .stderr(predicates::str::contains("1 pruned"));
    policykg()
        .args(["stats", "--json", "--store"])
        .arg(&store)
        .assert()
        .success()
        .stdout(predicates::str::contains("\"documents\": 11"));
}

/// Entities described in the store that no document mentions.
fn orphans(store: &Path) -> u64 {
    let out = policykg()
        .args([
            "query",
            "-f",
            "csv",
            "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?e rdfs:label ?l } FILTER(STRENDS(STR(?g), \"entities\")) FILTER NOT EXISTS { ?m ?p ?e } }",
            "--store",
        ])
        .arg(store)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone())
        .unwrap()
        .lines()
        .nth(1)
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// A run killed after a changed document's graph was replaced, before the
/// entities only its old text mentioned were removed, left them for ever: the
/// rerun found the document unchanged and did nothing. The store now keeps a
/// marker from before such a write until the entities are removed; here the
/// library's own replace stands in for the killed run (it commits the new graph,
/// and the process goes away before the removal).
#[test]
fn a_replace_cut_short_leaves_no_orphans_after_the_rerun() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("in");
    std::fs::create_dir(&corpus).unwrap();
    let doc = corpus.join("通知.txt");
    std::fs::write(
        &doc,
        "（一）总则\n1984年成立了中国职工对外交流中心，由中华全国总工会领导。\n",
    )
    .unwrap();
    let store = dir.path().join("store");
    load(&corpus, &store).assert().success();
    assert_eq!(orphans(&store), 0);

    std::fs::write(&doc, "（一）总则\n本通知自发布之日起施行。\n").unwrap();
    let quads: Vec<oxigraph::model::Quad> = nquads(&[], &doc)
        .iter()
        .map(|line| {
            oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads)
                .for_slice(line.as_bytes())
                .next()
                .unwrap()
                .unwrap()
        })
        .collect();
    let graph = oxigraph::model::NamedNode::new("https://w3id.org/policykg/id/doc/通知").unwrap();
    {
        let kg = policykg::store::KgStore::open(&store).unwrap();
        kg.replace_graph(&graph, &quads).unwrap();
        assert!(kg.orphans_pending());
    }
    assert!(orphans(&store) > 0, "the old text's entities are left");
    load(&corpus, &store)
        .assert()
        .success()
        .stderr(predicates::str::contains("1 unchanged"));
    assert_eq!(orphans(&store), 0, "the rerun removed them");
    let kg = policykg::store::KgStore::open_read_only(&store).unwrap();
    assert!(!kg.orphans_pending());
}

/// A reader started while another process loads the store is refused at once
/// with a message, instead of catching up with the writer's commits (which took
/// gigabytes); once the writer is gone, even killed, it reads.
#[test]
fn a_reader_is_refused_while_a_load_writes_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let mut loading = Command::new(env!("CARGO_BIN_EXE_policykg"))
        .arg("load")
        .arg(laws("行政法规"))
        .arg("--store")
        .arg(&store)
        .arg("-q")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lock = store.join(policykg::store::WRITER_LOCK);
    for _ in 0..600 {
        if lock.exists() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(lock.exists(), "the load took no lock");
    let stats = policykg()
        .args(["stats", "--store"])
        .arg(&store)
        .timeout(Duration::from_secs(60))
        .assert();
    assert!(
        loading.try_wait().unwrap().is_none(),
        "the load ended before the reader came; load more"
    );
    stats.code(2).stderr(predicates::str::contains(
        "another policykg process is writing this store",
    ));
    loading.kill().unwrap();
    loading.wait().unwrap();
    policykg()
        .args(["stats", "--store"])
        .arg(&store)
        .assert()
        .success();
}
