//! Full-text search on the 25 shared reports: the index finds what CONTAINS
//! finds, ranks and filters it, and refuses to answer for a store it was not
//! built from.

use crate::{policykg, root, seed};
use oxigraph::sparql::QueryResults;
use policykg::store::KgStore;
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

pub(crate) fn search(store: &Path, args: &[&str]) -> Vec<Value> {
    let out = policykg()
        .arg("search")
        .args(args)
        .args(["-f", "json", "--store"])
        .arg(store)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn search_finds_what_contains_finds_and_knows_when_it_is_stale() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let reports = root().join("../shared/corpus/gov-reports-2026");
    policykg()
        .arg("load")
        .arg(&reports)
        .arg("--no-index")
        .arg("--store")
        .arg(&store)
        .assert()
        .success();
    // Loaded with --no-index: a clear error that says how to build it.
    policykg()
        .args(["search", "低空经济", "--store"])
        .arg(&store)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("policykg index --store"));
    policykg()
        .args(["index", "--store"])
        .arg(&store)
        .assert()
        .success();

    // Every sentence that contains the phrase, from at least 15 provinces.
    let hits = search(&store, &["低空经济", "--type", "sentence", "-n", "1000"]);
    let contains = policykg()
        .args([
            "query",
            "-f",
            "csv",
            "SELECT (COUNT(?s) AS ?n) WHERE { ?s a pkg:Sentence ; nif:anchorOf ?t FILTER(CONTAINS(?t, \"低空经济\")) }",
            "--store",
        ])
        .arg(&store)
        .output()
        .unwrap();
    let expected: usize = String::from_utf8(contains.stdout)
        .unwrap()
        .lines()
        .nth(1)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(expected > 15);
    assert_eq!(hits.len(), expected);
    let provinces: std::collections::BTreeSet<&str> = hits
        .iter()
        .map(|h| h["province"].as_str().unwrap())
        .collect();
    assert!(provinces.len() >= 15, "{provinces:?}");
    assert!(
        hits.iter()
            .all(|h| h["text"].as_str().unwrap().contains("低空经济"))
    );
    // Ranked: scores never increase.
    assert!(
        hits.windows(2)
            .all(|w| w[0]["score"].as_f64() >= w[1]["score"].as_f64())
    );

    // Filters and kinds.
    let jiangsu = search(&store, &["低空经济", "--filter", "province=江苏省"]);
    assert!(!jiangsu.is_empty());
    assert!(
        jiangsu.iter().all(|h| h["province"] == "江苏省"),
        "{jiangsu:?}"
    );
    let organs = search(&store, &["江苏省委员会", "--type", "entity"]);
    assert!(
        organs.iter().any(|h| h["text"] == "中共江苏省委员会"),
        "{organs:?}"
    );
    // A segmentation the words do not follow still matches (空经 inside 低空经济).
    assert!(!search(&store, &["空经", "-n", "3"]).is_empty());
    // Nothing for a phrase no report has.
    assert!(search(&store, &["量子引力波", "-n", "3"]).is_empty());

    // A load that does not index leaves the index stale: search refuses it
    // until `policykg index` adds what changed (only that).
    policykg()
        .arg("load")
        .arg(seed())
        .arg("--no-index")
        .arg("--store")
        .arg(&store)
        .assert()
        .success();
    policykg()
        .args(["search", "低空经济", "--store"])
        .arg(&store)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("store changed after the index"));
    policykg()
        .args(["index", "--store"])
        .arg(&store)
        .assert()
        .success()
        .stderr(
            predicate::str::contains("indexed 1 documents")
                .and(predicate::str::contains("removed 0")),
        );
    let seed_hits = search(&store, &["中国职工对外交流中心"]);
    assert!(
        seed_hits.iter().any(|h| h["kind"] == "sentence"),
        "{seed_hits:?}"
    );
}

/// The sentences of a store that contain a phrase, by `CONTAINS`.
pub(crate) fn contains_sentences(store: &Path, phrase: &str) -> std::collections::BTreeSet<String> {
    let out = policykg()
        .args([
            "query",
            "-f",
            "tsv",
            &format!(
                "SELECT ?s WHERE {{ ?s a pkg:Sentence ; nif:anchorOf ?t FILTER(CONTAINS(?t, \"{phrase}\")) }}"
            ),
            "--store",
        ])
        .arg(store)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.trim_matches(['<', '>']).to_owned())
        .collect()
}

/// The sentences `search` finds for a phrase.
pub(crate) fn searched_sentences(store: &Path, phrase: &str) -> std::collections::BTreeSet<String> {
    search(store, &[phrase, "--type", "sentence", "-n", "100000"])
        .iter()
        .map(|h| h["iri"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn load_keeps_the_index_in_step_with_added_replaced_and_pruned_documents() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("laws");
    std::fs::create_dir(&corpus).unwrap();
    let mut files: Vec<_> = std::fs::read_dir(root().join("../shared/corpus/laws/刑法"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files.iter().take(6) {
        std::fs::copy(path, corpus.join(path.file_name().unwrap())).unwrap();
    }
    // And a report: a document that is not a law.
    std::fs::copy(
        root().join("../shared/corpus/gov-reports-2026/2026_江苏省_政府工作报告.csv"),
        corpus.join("2026_江苏省_政府工作报告.csv"),
    )
    .unwrap();
    let store = dir.path().join("store");
    let load = |extra: &[&str]| {
        policykg()
            .arg("load")
            .arg(&corpus)
            .arg("--store")
            .arg(&store)
            .args(extra)
            .assert()
            .success();
    };
    load(&[]);
    // Indexed by the load itself: search answers, and equals CONTAINS.
    assert!(!contains_sentences(&store, "刑法").is_empty());
    assert_eq!(
        searched_sentences(&store, "刑法"),
        contains_sentences(&store, "刑法")
    );
    check_mentions_agree(&store);
    // Hits say what kind of document they are in, and filter by it.
    let laws = search(&store, &["国家", "--filter", "doctype=law", "-n", "50"]);
    let others = search(
        &store,
        &["国家", "--filter", "doctype=document", "-n", "50"],
    );
    // A law is a document the graph holds as a version of a law (an ELI legal
    // expression); the others are documents.
    let legal: std::collections::BTreeSet<String> = first_column(
        &KgStore::open_read_only(&store).unwrap(),
        "SELECT ?d WHERE { ?d a <http://data.europa.eu/eli/ontology#LegalExpression> }",
    )
    .into_iter()
    .collect();
    assert!(!legal.is_empty());
    let documents = |hits: &[Value]| -> std::collections::BTreeSet<String> {
        hits.iter()
            .map(|h| h["document"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(laws.iter().all(|h| h["doctype"] == "law"), "{laws:?}");
    assert!(documents(&laws).is_subset(&legal));
    assert!(others.iter().all(|h| h["doctype"] == "document"));
    assert!(documents(&others).is_disjoint(&legal));
    assert!(documents(&others).iter().any(|d| d.contains("江苏省")));

    // Replace one document (a new sentence in it) and delete another.
    let mut names: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    names.sort();
    let mut changed = std::fs::read_to_string(&names[0]).unwrap();
    changed.push_str("\n\n第九百九十九条　国家设立量子飞艇试验区，专门审理有关案件。\n");
    std::fs::write(&names[0], changed).unwrap();
    let gone_sentences = {
        let text = std::fs::read_to_string(&names[1]).unwrap();
        // A phrase from the deleted law only: its first 8 characters of body text.
        text.lines()
            .find(|l| l.chars().count() > 20 && !l.starts_with('#'))
            .unwrap()
            .chars()
            .take(8)
            .collect::<String>()
    };
    std::fs::remove_file(&names[1]).unwrap();
    load(&["--prune"]);
    assert_eq!(
        searched_sentences(&store, "量子飞艇试验区").len(),
        1,
        "the replaced document's new sentence is not found"
    );
    for phrase in ["量子飞艇试验区", "刑法", gone_sentences.as_str()] {
        assert_eq!(
            searched_sentences(&store, phrase),
            contains_sentences(&store, phrase),
            "after a replace and a prune, search and CONTAINS disagree on {phrase}"
        );
    }
    check_mentions_agree(&store);
}

/// The values of the first variable of a SELECT on the store, as text.
fn first_column(store: &KgStore, sparql: &str) -> Vec<String> {
    let QueryResults::Solutions(rows) = store.query(sparql).unwrap() else {
        panic!("{sparql}: not a SELECT")
    };
    rows.map(|row| {
        let row = row.unwrap();
        policykg::store::term_text(row.values()[0].as_ref().unwrap())
    })
    .collect()
}

/// For the most mentioned entities, the index's account of their mentions is
/// the store's: the same total, the same count per document, and pages (of 7,
/// by key) that give every mention once, in order of document.
pub(crate) fn check_mentions_agree(store: &Path) {
    let kg = KgStore::open_read_only(store).unwrap();
    let index = kg.search_index().unwrap();
    let top = first_column(
        &kg,
        "SELECT ?e WHERE { ?m <http://www.w3.org/2005/11/its/rdf#taIdentRef> ?e } GROUP BY ?e ORDER BY DESC(COUNT(?m)) ?e LIMIT 4",
    );
    assert_eq!(top.len(), 4);
    for entity in top {
        let pairs = |var: &str| {
            first_column(
                &kg,
                &format!(
                    "SELECT ?{var} WHERE {{ ?m <http://www.w3.org/2005/11/its/rdf#taIdentRef> <{entity}> ; <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext> ?d }} ORDER BY ?m"
                ),
            )
        };
        let (expected, in_documents) = (pairs("m"), pairs("d"));
        let mut counts = std::collections::BTreeMap::<String, u64>::new();
        for d in in_documents {
            *counts.entry(d).or_default() += 1;
        }
        let mentions = index.mentions_of(&entity).unwrap();
        assert_eq!(mentions.total, expected.len() as u64, "{entity}");
        let listed: std::collections::BTreeMap<String, u64> =
            mentions.documents.iter().cloned().collect();
        assert_eq!(listed, counts, "{entity}");
        assert!(
            mentions.documents.windows(2).all(|w| w[0].1 >= w[1].1),
            "most mentions first"
        );
        let mut walked = Vec::new();
        let mut key: Option<String> = None;
        loop {
            let page = mentions.page(key.as_deref(), 7).unwrap();
            assert!(page.mentions.len() <= 7);
            walked.extend(page.mentions);
            match page.next {
                Some(next) => key = Some(next),
                None => break,
            }
        }
        let documents: Vec<&str> = walked
            .iter()
            .map(|m| m.split("/mention/").next().unwrap())
            .collect();
        assert!(documents.windows(2).all(|w| w[0] <= w[1]), "{entity}");
        let mut sorted = walked.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, expected, "{entity}: every mention once");
    }
    assert!(
        mentions_page_refuses_a_foreign_key(&index),
        "a key that is not one of the entity's mentions is refused"
    );
}

fn mentions_page_refuses_a_foreign_key(index: &policykg::search::SearchIndex) -> bool {
    let mentions = index
        .mentions_of("https://w3id.org/policykg/id/org/中华人民共和国国务院")
        .unwrap();
    matches!(
        mentions.page(Some("https://example.org/not-a-mention"), 5),
        Err(policykg::search::SearchError::Key(_))
    )
}

#[test]
fn a_load_killed_at_any_point_never_leaves_an_index_that_answers_for_another_store() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let corpus = root().join("../shared/corpus/laws/行政法");
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("reference");
    let args = ["-q", "-j", "1", "--commit-every", "20000"];
    let started = Instant::now();
    policykg()
        .arg("load")
        .arg(&corpus)
        .arg("--store")
        .arg(&reference)
        .args(args)
        .assert()
        .success();
    let full = started.elapsed().as_millis() as u64;
    let expected = contains_sentences(&reference, "行政");
    assert_eq!(searched_sentences(&reference, "行政"), expected);
    let (mut refused, mut answered) = (0, 0);
    // Kills spread over the whole load, the indexing at its end included.
    for (attempt, delay) in [
        full / 4,
        full / 2,
        full * 3 / 4,
        full * 9 / 10,
        full * 97 / 100,
    ]
    .into_iter()
    .enumerate()
    {
        let store = dir.path().join(format!("killed-{attempt}"));
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("policykg"))
            .arg("load")
            .arg(&corpus)
            .arg("--store")
            .arg(&store)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();
        if store.join("CURRENT").exists() {
            // Either search refuses the index as stale, or it answers exactly
            // what the store holds: never documents the store lacks, or the reverse.
            let out = policykg()
                .args([
                    "search", "行政", "--type", "sentence", "-n", "100000", "-f", "json", "--store",
                ])
                .arg(&store)
                .output()
                .unwrap();
            if out.status.success() {
                answered += 1;
                let hits: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
                let found: std::collections::BTreeSet<String> = hits
                    .iter()
                    .map(|h| h["iri"].as_str().unwrap().to_owned())
                    .collect();
                assert_eq!(
                    found,
                    contains_sentences(&store, "行政"),
                    "kill at {delay} ms"
                );
            } else {
                refused += 1;
                assert_eq!(out.status.code(), Some(2));
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert!(stderr.contains("policykg index --store"), "{stderr}");
            }
        }
        // The next load brings store and index in step, whatever was committed.
        policykg()
            .arg("load")
            .arg(&corpus)
            .arg("--store")
            .arg(&store)
            .arg("-q")
            .assert()
            .success();
        assert_eq!(
            searched_sentences(&store, "行政"),
            expected,
            "rerun after a kill at {delay} ms"
        );
    }
    assert!(
        refused + answered > 0,
        "no kill left a store (a whole load takes {full} ms here)"
    );
}

#[test]
fn sparql_joins_search_hits_with_the_graph() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    policykg()
        .arg("load")
        .arg(root().join("../shared/corpus/gov-reports-2026"))
        .arg("--store")
        .arg(&store)
        .assert()
        .success();
    // Sentences about 低空经济 with their report's province, best first.
    let sparql = r#"SELECT ?sentence ?label ?province ?score WHERE {
        SERVICE <https://w3id.org/policykg/search> {
          [] search:query "低空经济" ; search:kind "sentence" ;
             search:hit ?sentence ; search:score ?score ; search:document ?doc .
        }
        ?sentence nif:anchorOf ?label .
        ?doc dcterms:spatial ?province .
      } ORDER BY DESC(?score)"#;
    let out = policykg()
        .args(["query", "-f", "json", sparql, "--store"])
        .arg(&store)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answer: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = answer["results"]["bindings"].as_array().unwrap();
    let sentences = search(&store, &["低空经济", "--type", "sentence", "-n", "100000"]);
    assert!(sentences.len() > 15);
    assert_eq!(rows.len(), sentences.len());
    let provinces: std::collections::BTreeSet<String> = rows
        .iter()
        .map(|r| r["province"]["value"].as_str().unwrap().to_owned())
        .collect();
    assert!(provinces.len() >= 15, "{provinces:?}");
    let value = |row: &Value, var: &str| row[var]["value"].as_str().unwrap().to_owned();
    for row in rows {
        assert!(value(row, "label").contains("低空经济"), "{row}");
        assert!(!value(row, "province").is_empty());
    }
    let scores: Vec<f64> = rows
        .iter()
        .map(|r| value(r, "score").parse().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
    // Filters inside the call, and a clear error for a call it cannot answer.
    let jiangsu = policykg()
        .args([
            "query",
            "-f",
            "tsv",
            r#"SELECT ?hit WHERE { SERVICE <https://w3id.org/policykg/search> {
                 [] search:query "低空经济" ; search:province "江苏省" ; search:hit ?hit } }"#,
            "--store",
        ])
        .arg(&store)
        .output()
        .unwrap();
    assert!(jiangsu.status.success());
    let jiangsu_hits = String::from_utf8(jiangsu.stdout).unwrap().lines().count() - 1;
    assert_eq!(
        jiangsu_hits,
        search(
            &store,
            &["低空经济", "--filter", "province=江苏省", "-n", "100000"]
        )
        .len()
    );
    policykg()
        .args([
            "query",
            "SELECT ?hit WHERE { SERVICE <https://w3id.org/policykg/search> { [] search:hit ?hit } }",
            "--store",
        ])
        .arg(&store)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("search:query"));
}
