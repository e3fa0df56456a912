//! Full-text search on the 25 shared reports: the index finds what CONTAINS
//! finds, ranks and filters it, and refuses to answer for a store it was not
//! built from.

use crate::{policykg, root, seed};
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

fn search(store: &Path, args: &[&str]) -> Vec<Value> {
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
        .arg("--store")
        .arg(&store)
        .assert()
        .success();
    // No index yet: a clear error that says how to build it.
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

    // After the store changes, the index is stale until it is rebuilt.
    policykg()
        .arg("load")
        .arg(seed())
        .arg("--store")
        .arg(&store)
        .assert()
        .success();
    policykg()
        .args(["search", "低空经济", "--store"])
        .arg(&store)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("before the store's last change"));
    policykg()
        .args(["index", "--store"])
        .arg(&store)
        .assert()
        .success();
    let seed_hits = search(&store, &["中国职工对外交流中心"]);
    assert!(
        seed_hits.iter().any(|h| h["kind"] == "sentence"),
        "{seed_hits:?}"
    );
}
