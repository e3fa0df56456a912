//! Documents too large to hold as quads (issue 13, item 2): their quads are
//! made as they are written, in `convert`, in `load` (through the bulk loader,
//! a batch at a time) and in the index; the graph a changed one replaces is
//! removed in steps; inputs above `--max-input-size` are refused unread. Each
//! path must give exactly what the in-memory path gives.

use crate::policykg;
use crate::search::{check_mentions_agree, contains_sentences, search, searched_sentences};
use policykg::batch::STREAM_ABOVE;
use policykg::export::{Format, write};
use policykg::pipeline::{self, Settings};
use policykg::search::IndexUpdate;
use policykg::source::{self, ReadOptions};
use policykg::store::{INCOMPLETE, KgStore};
use std::collections::BTreeSet;
use std::path::Path;

/// Laws of the corpus, whole, one after the other, until there is more than
/// `bytes` of text: one Markdown document the size of a long code of law.
fn laws_text(bytes: usize) -> String {
    let folder = crate::root().join("../shared/corpus/laws/经济法");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let mut text = String::new();
    for file in files {
        text.push_str(&std::fs::read_to_string(file).unwrap());
        text.push('\n');
        if text.len() > bytes {
            return text;
        }
    }
    panic!("{} holds less than {bytes} bytes of laws", folder.display());
}

/// The N-Quads lines of the files under `path`, converted in memory, one
/// document at a time, the way small documents are.
fn in_memory(path: &Path) -> BTreeSet<String> {
    let settings = Settings::default();
    let mut quads = Vec::new();
    for input in source::discover(path).unwrap() {
        for document in source::read(&input, &ReadOptions::default()).unwrap() {
            quads.extend(pipeline::convert(document, &settings));
        }
    }
    lines(&quads)
}

fn lines(quads: &[oxigraph::model::Quad]) -> BTreeSet<String> {
    let mut out = Vec::new();
    write(
        Format::NQuads,
        quads.iter().cloned().map(Ok::<_, std::io::Error>),
        &mut out,
    )
    .unwrap();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// The lines `policykg ARGS` prints.
fn printed(args: &[&std::ffi::OsStr]) -> BTreeSet<String> {
    let out = policykg().args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone())
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

fn converted(path: &Path) -> BTreeSet<String> {
    printed(&[
        "convert".as_ref(),
        path.as_ref(),
        "-f".as_ref(),
        "nq".as_ref(),
        "-q".as_ref(),
    ])
}

fn exported(store: &Path) -> BTreeSet<String> {
    printed(&[
        "export".as_ref(),
        "-f".as_ref(),
        "nq".as_ref(),
        "--store".as_ref(),
        store.as_ref(),
    ])
}

fn load(path: &Path, store: &Path, more: &[&str]) -> String {
    let out = policykg()
        .arg("load")
        .arg(path)
        .arg("--store")
        .arg(store)
        .args(more)
        .assert()
        .success();
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

/// What `search` finds for some phrases, without scores: kind, IRI, document,
/// title and section of every hit.
fn hits(store: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for phrase in ["国务院", "人民政府", "应当", "第一章"] {
        for hit in search(store, &[phrase, "-n", "100000"]) {
            found.insert(format!(
                "{phrase} {} {} {} {} {}",
                hit["kind"], hit["iri"], hit["document"], hit["title"], hit["section"]
            ));
        }
    }
    assert!(found.len() > 1000, "{} hits", found.len());
    found
}

#[test]
fn a_large_document_streams_to_the_same_graph_and_index_as_a_small_one() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let big = corpus.join("法典.md");
    std::fs::write(&big, laws_text(STREAM_ABOVE * 3 / 2)).unwrap();
    std::fs::copy(crate::seed(), corpus.join("seed.txt")).unwrap();
    let expected = in_memory(&corpus);
    assert!(expected.len() > 100_000, "{} quads", expected.len());

    // convert writes the large document's quads as they are made.
    assert_eq!(converted(&corpus), expected);

    // load: the bulk loader takes them a batch at a time, the index as they go by.
    let store = dir.path().join("kg");
    load(&corpus, &store, &[]);
    assert_eq!(exported(&store), expected);
    for phrase in ["国务院", "人民政府"] {
        let found = searched_sentences(&store, phrase);
        assert!(found.len() > 50, "{phrase}: {}", found.len());
        assert_eq!(found, contains_sentences(&store, phrase), "{phrase}");
    }
    check_mentions_agree(&store);
    let streamed = hits(&store);

    // The same entries as the index makes from the quads in memory …
    let built = dir.path().join("built");
    copy_dir(&store, &built);
    std::fs::remove_dir_all(built.join("search")).unwrap();
    {
        let kg = KgStore::open(&built).unwrap();
        let mut update = IndexUpdate::begin(&built).unwrap();
        let settings = Settings::default();
        for input in source::discover(&corpus).unwrap() {
            for document in source::read(&input, &ReadOptions::default()).unwrap() {
                let graph = pipeline::graph_iri(&document, &settings);
                let sha = document.sha256();
                update
                    .put(&graph, &sha, &pipeline::convert(document, &settings))
                    .unwrap();
            }
        }
        update.finish(&kg).unwrap();
    }
    assert_eq!(hits(&built), streamed);
    // … and as it reads back from the store (`policykg index`).
    std::fs::remove_dir_all(store.join("search")).unwrap();
    policykg()
        .args(["index", "--store"])
        .arg(&store)
        .assert()
        .success();
    assert_eq!(hits(&store), streamed);

    // A changed large document replaces its graph, removed in steps: nothing
    // of the old one is left, and the entities only it mentioned go.
    let mut text = std::fs::read_to_string(&big).unwrap();
    let cut = text.len() / 2;
    let cut = (cut..text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap();
    text.truncate(cut);
    text.push_str("\n第九百条 中国职工对外交流中心负责本法的实施。\n");
    std::fs::write(&big, &text).unwrap();
    let said = load(&corpus, &store, &[]);
    assert!(said.contains("1 replaced"), "{said}");
    same_documents(&exported(&store), &in_memory(&corpus));
    assert_eq!(
        searched_sentences(&store, "中国职工对外交流中心负责本法的实施"),
        contains_sentences(&store, "中国职工对外交流中心负责本法的实施")
    );
    check_mentions_agree(&store);

    // Pruned: its graph is removed in steps too, with its entities.
    std::fs::remove_file(&big).unwrap();
    let said = load(&corpus, &store, &["--prune"]);
    assert!(said.contains("1 pruned"), "{said}");
    same_documents(&exported(&store), &in_memory(&corpus));
}

/// The document graphs of `stored` are exactly `expected`'s, and it describes
/// every entity `expected` describes as `expected` does. (Descriptions are
/// shared by documents: one a removed document also gave is kept while another
/// document mentions the entity, with what the removed one said of it.)
fn same_documents(stored: &BTreeSet<String>, expected: &BTreeSet<String>) {
    let entities = |l: &&String| l.ends_with("/entities> .");
    let documents = |set: &BTreeSet<String>| -> BTreeSet<String> {
        set.iter().filter(|l| !entities(l)).cloned().collect()
    };
    assert_eq!(documents(stored), documents(expected));
    let missing: Vec<&String> = expected
        .iter()
        .filter(entities)
        .filter(|l| !stored.contains(*l))
        .collect();
    assert!(missing.is_empty(), "{missing:?}");
    // The removed document's own entities went with it.
    let described = |set: &BTreeSet<String>| set.iter().filter(entities).count();
    assert!(
        described(stored) < described(expected) * 2,
        "{} entity quads stored, {} expected",
        described(stored),
        described(expected)
    );
}

#[test]
fn a_graph_whose_removal_was_cut_short_is_replaced_by_the_next_load() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("法.md"), laws_text(200_000)).unwrap();
    let store = dir.path().join("kg");
    load(&corpus, &store, &[]);
    let expected = exported(&store);
    // What a kill after the first steps of `clear_graph_in_steps` leaves: the
    // hash marked incomplete and part of the graph gone.
    policykg()
        .args([
            "update",
            &format!(
                "DELETE {{ GRAPH ?g {{ ?d pkg:sha256 ?h }} }} INSERT {{ GRAPH ?g {{ ?d pkg:sha256 \"{INCOMPLETE}\" }} }} WHERE {{ GRAPH ?g {{ ?d pkg:sha256 ?h }} }} ;
                 DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s a pkg:Sentence ; ?p ?o }} }}"
            ),
            "--store",
        ])
        .arg(&store)
        .assert()
        .success();
    assert!(exported(&store).len() < expected.len());
    // The same text is not taken for unchanged: the graph is made whole again.
    let said = load(&corpus, &store, &[]);
    assert!(said.contains("1 replaced"), "{said}");
    assert_eq!(exported(&store), expected);
}

#[test]
fn inputs_above_the_size_limit_are_refused_unread_and_the_rest_load() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::copy(crate::seed(), corpus.join("a.txt")).unwrap();
    std::fs::write(corpus.join("b.md"), laws_text(20_000)).unwrap();
    // Above the default limit (50 MiB), without writing 50 MB: a sparse file.
    let huge = std::fs::File::create(corpus.join("huge.txt")).unwrap();
    huge.set_len(51 << 20).unwrap();
    let store = dir.path().join("kg");
    let out = policykg()
        .arg("load")
        .arg(&corpus)
        .arg("--store")
        .arg(&store)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("huge.txt: 53477376 bytes, more than the limit of 52428800 bytes")
            && said.contains("--max-input-size"),
        "{said}"
    );
    assert!(said.contains("2 added"), "{said}");

    // The limit is an option; stdin is held to it too.
    let out = policykg()
        .args(["convert", "-", "--max-input-size", "1K", "-f", "nq"])
        .write_stdin("第一条 ".repeat(200))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{said}");
    assert!(
        said.contains("-: 1025 bytes, more than the limit of 1024 bytes"),
        "{said}"
    );
    assert!(out.stdout.is_empty());
    policykg()
        .args(["convert", "-", "--max-input-size", "2K", "-f", "nq", "-q"])
        .write_stdin("第一条 ".repeat(200))
        .assert()
        .success();
}

#[test]
fn a_large_collection_converts_its_later_rows_as_they_are_written() {
    // The 25 reports, three times over in one CSV: more text than a collection
    // converts ahead, so the later rows are converted by the writer.
    let dir = tempfile::tempdir().unwrap();
    let reports = crate::root().join("../shared/corpus/gov-reports-2026");
    let mut files: Vec<_> = std::fs::read_dir(&reports)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut csv = csv::Writer::from_path(dir.path().join("all.csv")).unwrap();
    let mut header_written = false;
    for round in 0..3 {
        for file in &files {
            let mut reader = csv::Reader::from_path(file).unwrap();
            let headers = reader.headers().unwrap().clone();
            if !header_written {
                csv.write_record(&headers).unwrap();
                header_written = true;
            }
            for row in reader.records() {
                let row = row.unwrap();
                let mut fields: Vec<String> = row.iter().map(str::to_owned).collect();
                // Distinct titles, so that rows are distinct documents.
                let title = headers.iter().position(|h| h == "title").unwrap();
                fields[title] = format!("{}（{round}）", fields[title]);
                csv.write_record(&fields).unwrap();
            }
        }
    }
    csv.flush().unwrap();
    drop(csv);
    let path = dir.path().join("all.csv");
    let text: usize = source::read(
        &source::discover(&path).unwrap()[0],
        &ReadOptions::default(),
    )
    .unwrap()
    .iter()
    .map(|d| d.text.len())
    .sum();
    assert!(text > 2 * STREAM_ABOVE, "{text} bytes of text");
    let expected = in_memory(&path);
    assert_eq!(converted(&path), expected);
    // Their warnings are reported too, as many as the documents have.
    let warnings: usize = source::read(
        &source::discover(&path).unwrap()[0],
        &ReadOptions::default(),
    )
    .unwrap()
    .into_iter()
    .map(|d| {
        pipeline::parse(d, &Settings::default())
            .outline
            .diagnostics
            .len()
    })
    .sum();
    let out = policykg()
        .arg("convert")
        .arg(&path)
        .args(["-f", "nq", "-o"])
        .arg(dir.path().join("out.nq"))
        .assert()
        .success();
    let said = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        said.contains(&format!("; {warnings} warning(s)")),
        "{warnings}: {said}"
    );
    let store = dir.path().join("kg");
    load(&path, &store, &[]);
    assert_eq!(exported(&store), expected);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else if entry.file_name() != "policykg-writer.lock" {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
