//! The whole shared corpora (../shared/corpus): every law and every report
//! converts without error, and no document with numbered headings yields zero
//! sections. The slowest test; it prints the totals.

use policykg::pipeline::{self, Settings};
use policykg::source::{self, ReadOptions};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn corpus(name: &str) -> PathBuf {
    let dir = crate::root().join("../shared/corpus").join(name);
    assert!(
        dir.is_dir(),
        "{}: the shared corpus is missing; CI runs with ../shared beside the checkout",
        dir.display()
    );
    dir
}

/// True when a line opens a heading whatever its context: 第X章/条 in laws, 一、 in reports.
fn has_numbered_heading(text: &str) -> bool {
    let re = regex::Regex::new(r"(?m)^\s*(#+\s*)?(第[一二三四五六七八九十百零〇]+[编章节条][\s\u3000]|[一二三四五六七八九十]+、)").unwrap();
    re.is_match(text)
}

#[derive(Default, Debug)]
struct Totals {
    documents: usize,
    sections_by_level: BTreeMap<u32, usize>,
    articles: usize,
    paragraphs: usize,
    measures: usize,
    mentions_by_type: BTreeMap<String, usize>,
    quads: usize,
}

fn run(name: &str) -> Totals {
    let settings = Settings::default();
    let mut totals = Totals::default();
    let mut failures = Vec::new();
    let mut flat = Vec::new();
    for input in source::discover(&corpus(name)).unwrap() {
        let docs = match source::read(&input, &ReadOptions::default()) {
            Ok(docs) => docs,
            Err(e) => {
                failures.push(e.to_string());
                continue;
            }
        };
        for doc in docs {
            let numbered = has_numbered_heading(&doc.text);
            let source = doc.source.clone();
            let parsed = pipeline::parse(doc, &settings);
            if numbered && parsed.outline.sections.is_empty() {
                flat.push(source);
            }
            totals.documents += 1;
            for s in &parsed.outline.sections {
                *totals.sections_by_level.entry(s.level).or_default() += 1;
                if s.kind == policykg::structure::numbering::Kind::Article {
                    totals.articles += 1;
                }
            }
            totals.paragraphs += parsed.outline.paragraphs.len();
            totals.measures += parsed.extraction.measures.len();
            for m in &parsed.extraction.mentions {
                let kind = parsed.extraction.entities[m.entity].kind.slug().to_owned();
                *totals.mentions_by_type.entry(kind).or_default() += 1;
            }
            totals.quads += parsed.quads(&settings).len();
        }
    }
    assert!(
        failures.is_empty(),
        "{} files failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        flat.is_empty(),
        "{} documents with numbered headings have no sections:\n{}",
        flat.len(),
        flat.join("\n")
    );
    eprintln!("{name}: {totals:#?}");
    totals
}

#[test]
fn every_law_converts_with_sections() {
    let totals = run("laws");
    assert!(totals.documents >= 3000, "{}", totals.documents);
    assert!(totals.articles > 50_000, "{}", totals.articles);
}

#[test]
fn every_report_converts_with_sections() {
    let totals = run("gov-reports-2026");
    assert_eq!(totals.documents, 25);
    assert!(totals.measures > 25, "{}", totals.measures);
}
