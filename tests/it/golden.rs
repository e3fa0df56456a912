//! Golden tests: each folder under tests/golden holds an input document, the sorted
//! N-Quads it must convert to, and the diagnostics it must produce. Run with
//! UPDATE_GOLDEN=1 to rewrite the expectations after a deliberate mapping change;
//! the diff then shows in review.

use policykg::export::sorted_nquads;
use policykg::pipeline::{self, Settings};
use policykg::source::{self, ReadOptions};
use std::path::Path;

fn check(case: &str) {
    let dir = crate::root().join("tests/golden").join(case);
    let input = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_stem()
                .is_some_and(|s| s.to_string_lossy().starts_with("input"))
        })
        .unwrap_or_else(|| panic!("{case}: no input.* file"));
    let settings = Settings::default();
    let mut nquads = String::new();
    let mut diagnostics = String::new();
    for found in source::discover(&input).unwrap() {
        for mut doc in source::read(&found, &ReadOptions::default()).unwrap() {
            // dcterms:source is the path as given; make it the same on every machine.
            doc.source = doc
                .source
                .replace(&format!("{}/", crate::root().display()), "");
            let parsed = pipeline::parse(doc, &settings);
            for d in &parsed.outline.diagnostics {
                diagnostics.push_str(&format!("{d}\n"));
            }
            nquads.push_str(&sorted_nquads(&parsed.quads(&settings)));
        }
    }
    compare(&dir.join("expected.nq"), &nquads);
    compare(&dir.join("expected.diagnostics"), &diagnostics);
}

fn compare(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!(
            "{} is missing; run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let diff = similar_lines(&expected, actual);
        panic!(
            "{} differs (run with UPDATE_GOLDEN=1 to accept):\n{diff}",
            path.display()
        );
    }
}

/// The lines only in one side, prefixed with - (expected) and + (actual).
fn similar_lines(expected: &str, actual: &str) -> String {
    let e: std::collections::BTreeSet<&str> = expected.lines().collect();
    let a: std::collections::BTreeSet<&str> = actual.lines().collect();
    let mut out = String::new();
    for line in e.difference(&a).take(20) {
        out.push_str(&format!("- {line}\n"));
    }
    for line in a.difference(&e).take(20) {
        out.push_str(&format!("+ {line}\n"));
    }
    out
}

#[test]
fn golden_seed() {
    check("seed");
}

/// A law's header (adoption, amendment by a decision), articles by number, and
/// 本法第二十二条第（一）项至第（四）项 resolved to the items of this version.
#[test]
fn golden_law_articles() {
    check("law-articles");
}

/// A judicial interpretation: 民法典第一百四十二条第一款 refers to the work's
/// article, 本解释 to its own, and its 《》 citations become eli:cites.
#[test]
fn golden_law_interpretation() {
    check("law-interpretation");
}

#[test]
fn converting_twice_gives_identical_bytes() {
    let settings = Settings::default();
    let convert = || {
        let input = source::discover(&crate::seed()).unwrap().remove(0);
        let doc = source::read(&input, &ReadOptions::default())
            .unwrap()
            .remove(0);
        sorted_nquads(&pipeline::convert(doc, &settings))
    };
    let first = convert();
    assert!(first.lines().count() > 500);
    assert_eq!(first, convert());
    assert!(!first.contains("_:"), "no blank nodes");
}
