//! Extraction quality on the hand-annotated excerpts in tests/eval, annotated by
//! ../shared/ANNOTATION.md (the standard the hidden held-out set is annotated by):
//! precision, recall and F1 per entity type, per heading level and for measure
//! items, with floors set from what was measured. Five sets are scored apart: the
//! excerpts the rules were tuned on (tests/eval), those annotated after the rules
//! were frozen and never tuned on (tests/eval/frozen), and three sets annotated
//! blind and first scored as they came, then looked into (tests/eval/dev and
//! tests/eval/dev2 of reports, tests/eval/law-dev of laws), so the gaps between
//! them show how the rules generalise. The tables printed here
//! (run with --nocapture) are the ones in docs/evaluation.md.

use policykg::extract::EntityKind;
use policykg::pipeline::{self, Settings};
use policykg::source::Document;
use std::collections::BTreeMap;

/// One excerpt: its plain text and the gold annotations.
struct Case {
    name: String,
    text: String,
    /// The metadata of the excerpt's source (a CSV row's columns), as policykg
    /// reads them: a report's province is what short forms of organs resolve to.
    meta: Vec<(String, String)>,
    /// (begin, end, type) in code points.
    entities: Vec<(usize, usize, String)>,
    /// (level, numbering, title).
    outline: Vec<(u32, String, String)>,
    /// (marker, label).
    measures: Vec<(String, String)>,
}

/// Strips ⟦span|type⟧ markup, returning the text and the spans.
fn strip(marked: &str) -> (String, Vec<(usize, usize, String)>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut chars = marked.chars().peekable();
    let mut n = 0;
    while let Some(c) = chars.next() {
        if c == '⟦' {
            let begin = n;
            let mut inner = String::new();
            for c in chars.by_ref() {
                if c == '⟧' {
                    break;
                }
                inner.push(c);
            }
            let (span, kind) = inner.rsplit_once('|').expect("⟦span|type⟧");
            text.push_str(span);
            n += span.chars().count();
            spans.push((begin, n, kind.to_owned()));
        } else {
            text.push(c);
            n += 1;
        }
    }
    (text, spans)
}

/// The metadata columns of the CSV row an excerpt comes from (`#source: path row=N`).
fn source_meta(header: &str) -> Vec<(String, String)> {
    let source = header.trim_start_matches("#source:").trim();
    let Some((path, row)) = source.split_once(" row=") else {
        return Vec::new();
    };
    let path = crate::root().join("../shared/corpus").join(path);
    let row: usize = row.trim().parse().expect("row=N");
    let inputs = policykg::source::discover(&path).unwrap_or_else(|e| {
        panic!("{e}: the evaluation reads its sources' metadata from ../shared/corpus")
    });
    let documents =
        policykg::source::read(&inputs[0], &policykg::source::ReadOptions::default()).unwrap();
    documents[row - 1]
        .meta
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn cases(set: &str) -> Vec<Case> {
    let dir = crate::root().join("tests/eval").join(set);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "txt").then(|| p.file_stem().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let read =
                |ext: &str| std::fs::read_to_string(dir.join(format!("{name}.{ext}"))).unwrap();
            let marked = read("txt");
            let (header, body) = marked.split_once('\n').unwrap_or(("", ""));
            assert!(
                header.starts_with("#source:"),
                "{name}: first line is #source:"
            );
            let meta = source_meta(header);
            let (text, entities) = strip(body);
            let outline = read("outline")
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| {
                    let cols: Vec<&str> = l.split('\t').collect();
                    (
                        cols[0].parse().unwrap(),
                        cols[1].to_owned(),
                        cols.get(2).map_or(String::new(), |t| (*t).to_owned()),
                    )
                })
                .collect();
            let measures = read("measures")
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| {
                    let (m, label) = l.split_once('\t').unwrap();
                    (m.to_owned(), label.to_owned())
                })
                .collect();
            Case {
                name,
                text,
                meta,
                entities,
                outline,
                measures,
            }
        })
        .collect()
}

fn gold_type(kind: EntityKind) -> Option<&'static str> {
    Some(match kind {
        EntityKind::Organization => "org",
        EntityKind::Person => "person",
        EntityKind::Place => "place",
        EntityKind::Legislation => "law",
        EntityKind::Plan => "plan",
        EntityKind::Time => "time",
        EntityKind::Quantity => "quantity",
        EntityKind::Term | EntityKind::Indicator => return None,
    })
}

/// True positives, predictions and gold items.
#[derive(Default, Clone, Copy)]
struct Count {
    tp: usize,
    predicted: usize,
    gold: usize,
}

impl Count {
    fn add<T: Ord + Clone>(&mut self, predicted: &[T], gold: &[T]) {
        let mut remaining: BTreeMap<T, usize> = BTreeMap::new();
        for g in gold {
            *remaining.entry(g.clone()).or_default() += 1;
        }
        for p in predicted {
            if let Some(n) = remaining.get_mut(p).filter(|n| **n > 0) {
                *n -= 1;
                self.tp += 1;
            }
        }
        self.predicted += predicted.len();
        self.gold += gold.len();
    }

    fn precision(&self) -> f64 {
        if self.predicted == 0 {
            1.0
        } else {
            self.tp as f64 / self.predicted as f64
        }
    }

    fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.tp as f64 / self.gold as f64
        }
    }

    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// The scores of one set of excerpts.
struct Scores {
    entities: BTreeMap<String, Count>,
    headings: BTreeMap<u32, Count>,
    measures: Count,
}

fn score(set: &str) -> Scores {
    let settings = Settings::default();
    let mut entities: BTreeMap<String, Count> = BTreeMap::new();
    let mut headings: BTreeMap<u32, Count> = BTreeMap::new();
    let mut measures = Count::default();
    let cases = cases(set);
    assert!(!cases.is_empty(), "no excerpts in tests/eval/{set}");
    // EVAL_DETAIL=1 lists every miss and false hit of the tuned and dev sets; the
    // frozen set's are listed only when asked for by name (EVAL_DETAIL=frozen), so
    // that looking into them is a choice, never a side effect.
    let detail = std::env::var("EVAL_DETAIL")
        .is_ok_and(|v| !v.is_empty() && (set != "frozen" || v == "frozen"));
    for case in cases {
        let mut document = Document::from_text(&case.name, case.text.as_str());
        document.meta.extend(case.meta.iter().cloned());
        if let Some((_, title)) = case.meta.iter().find(|(k, _)| k == "title") {
            document.title = title.clone();
        }
        let parsed = pipeline::parse(document, &settings);
        // Entities, per type: exact span and type.
        let mut types: Vec<String> = case.entities.iter().map(|e| e.2.clone()).collect();
        types.extend(
            ["org", "person", "place", "law", "plan", "time", "quantity"].map(String::from),
        );
        types.sort();
        types.dedup();
        for t in &types {
            let gold: Vec<(usize, usize)> = case
                .entities
                .iter()
                .filter(|e| &e.2 == t)
                .map(|e| (e.0, e.1))
                .collect();
            let predicted: Vec<(usize, usize)> = parsed
                .extraction
                .mentions
                .iter()
                .filter(|m| {
                    gold_type(parsed.extraction.entities[m.entity].kind) == Some(t.as_str())
                })
                .map(|m| (m.span.begin, m.span.end))
                .collect();
            if detail {
                let chars: Vec<char> = case.text.chars().collect();
                // The span in its context: four characters either side.
                let show = |s: &(usize, usize)| {
                    let at = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
                    let (before, after) = (s.0.saturating_sub(4), (s.1 + 4).min(chars.len()));
                    format!("{}[{}]{}", at(before, s.0), at(s.0, s.1), at(s.1, after))
                        .replace('\n', "⏎")
                };
                let missed: Vec<String> = gold
                    .iter()
                    .filter(|g| !predicted.contains(g))
                    .map(show)
                    .collect();
                let wrong: Vec<String> = predicted
                    .iter()
                    .filter(|p| !gold.contains(p))
                    .map(show)
                    .collect();
                eprintln!(
                    "{} {t}\n  missed: {}\n  wrong:  {}",
                    case.name,
                    missed.join(" "),
                    wrong.join(" ")
                );
            }
            entities
                .entry(t.clone())
                .or_default()
                .add(&predicted, &gold);
        }
        // Headings, per level: level, numbering and title.
        let predicted: Vec<(u32, String, String)> = parsed
            .outline
            .sections
            .iter()
            .map(|s| (s.level, s.numbering.clone(), s.title.clone()))
            .collect();
        let levels: Vec<u32> = predicted.iter().chain(&case.outline).map(|h| h.0).collect();
        for level in levels
            .into_iter()
            .collect::<std::collections::BTreeSet<_>>()
        {
            let p: Vec<_> = predicted.iter().filter(|h| h.0 == level).cloned().collect();
            let g: Vec<_> = case
                .outline
                .iter()
                .filter(|h| h.0 == level)
                .cloned()
                .collect();
            if detail {
                let missed: Vec<_> = g.iter().filter(|h| !p.contains(h)).collect();
                let wrong: Vec<_> = p.iter().filter(|h| !g.contains(h)).collect();
                if !missed.is_empty() || !wrong.is_empty() {
                    println!("{} heading level {level}", case.name);
                    println!("  missed: {missed:?}");
                    println!("  wrong:  {wrong:?}");
                }
            }
            headings.entry(level).or_default().add(&p, &g);
        }
        let predicted: Vec<(String, String)> = parsed
            .extraction
            .measures
            .iter()
            .map(|m| (m.marker.clone(), m.label.clone()))
            .collect();
        measures.add(&predicted, &case.measures);
    }
    Scores {
        entities,
        headings,
        measures,
    }
}

/// The table of one set, as in docs/evaluation.md.
fn table(scores: &Scores) -> String {
    let Scores {
        entities,
        headings,
        measures,
    } = scores;
    let mut table = String::from(
        "| what | gold | predicted | precision | recall | F1 |\n|---|---:|---:|---:|---:|---:|\n",
    );
    let mut row = |what: String, c: &Count| {
        table.push_str(&format!(
            "| {what} | {} | {} | {:.2} | {:.2} | {:.2} |\n",
            c.gold,
            c.predicted,
            c.precision(),
            c.recall(),
            c.f1()
        ));
    };
    let mut all = Count::default();
    for (t, c) in entities {
        row(format!("entity: {t}"), c);
        all.tp += c.tp;
        all.predicted += c.predicted;
        all.gold += c.gold;
    }
    row("entity: all (micro)".into(), &all);
    for (level, c) in headings {
        row(format!("heading level {level}"), c);
    }
    row("measure items".into(), measures);
    let mut headings_all = Count::default();
    for c in headings.values() {
        headings_all.tp += c.tp;
        headings_all.predicted += c.predicted;
        headings_all.gold += c.gold;
    }
    row("headings, all levels".into(), &headings_all);
    table
}

/// Checks one set's scores against its floors: a little under what was measured
/// when they were set, so that a rule change that loses quality fails here. Raise
/// them when quality improves.
fn check_floors(set: &str, floors: &Floors) {
    let scores = score(set);
    let table = table(&scores);
    eprintln!("tests/eval/{set}\n{table}");
    let mut failures = Vec::new();
    for (t, floor) in floors.entities {
        let f1 = scores.entities.get(*t).map_or(0.0, Count::f1);
        if f1 < *floor {
            failures.push(format!("entity {t}: F1 {f1:.2} < {floor}"));
        }
    }
    let mut all = Count::default();
    for c in scores.entities.values() {
        all.tp += c.tp;
        all.predicted += c.predicted;
        all.gold += c.gold;
    }
    if all.f1() < floors.micro {
        failures.push(format!(
            "entities, micro: F1 {:.2} < {}",
            all.f1(),
            floors.micro
        ));
    }
    for (level, c) in &scores.headings {
        if *level <= 2 && c.f1() < floors.headings {
            failures.push(format!(
                "heading level {level}: F1 {:.2} < {}",
                c.f1(),
                floors.headings
            ));
        }
    }
    if scores.measures.gold > 0 && scores.measures.f1() < floors.measures {
        failures.push(format!(
            "measures: F1 {:.2} < {}",
            scores.measures.f1(),
            floors.measures
        ));
    }
    assert!(
        failures.is_empty(),
        "tests/eval/{set}: {}\n{table}",
        failures.join("\n")
    );
}

/// F1 floors of one set.
struct Floors {
    entities: &'static [(&'static str, f64)],
    micro: f64,
    headings: f64,
    measures: f64,
}

/// The excerpts the rules were developed on.
#[test]
fn extraction_quality_on_the_tuned_excerpts() {
    check_floors("", &TUNED);
}

/// The excerpts annotated after the rules were frozen, never tuned on: the
/// project's honest proxy for the hidden held-out reports.
#[test]
fn extraction_quality_on_the_frozen_excerpts() {
    check_floors("frozen", &FROZEN);
}

/// Excerpts of six further reports annotated blind on 2026-12-02 (by reading the
/// text under ANNOTATION.md, without policykg's output), first scored with the rules
/// as they stood, then used to find classes of error: a second measure of the gap
/// that, unlike the frozen set, may be looked into.
#[test]
fn extraction_quality_on_the_dev_excerpts() {
    check_floors("dev", &DEV);
}

/// Sixteen excerpts of eight more reports annotated blind on 2026-12-02 by two
/// annotators reading ANNOTATION.md literally (names of other kinds are single
/// units), first scored with the rules as they stood, then looked into like the
/// dev set (tests/eval/dev2/README.md).
#[test]
fn extraction_quality_on_the_second_dev_excerpts() {
    check_floors("dev2", &DEV2);
}

/// Twelve excerpts of twelve laws, regulations and a court case of other kinds
/// and places than the tuned ones, annotated blind on 2026-12-03 and first scored
/// as they came, then looked into like the dev sets (tests/eval/law-dev/README.md).
#[test]
fn extraction_quality_on_the_law_dev_excerpts() {
    check_floors("law-dev", &LAW_DEV);
}

const TUNED: Floors = Floors {
    entities: &[
        ("org", 0.92),
        ("person", 0.85),
        ("place", 0.87),
        ("law", 0.95),
        ("plan", 0.74),
        ("time", 0.95),
        ("quantity", 0.95),
    ],
    micro: 0.90,
    headings: 0.95,
    measures: 0.95,
};

/// Set a little under what the dev excerpts scored after the rules were revised
/// on them (docs/evaluation.md gives their first score too).
const DEV: Floors = Floors {
    entities: &[
        ("org", 0.76),
        ("person", 0.83),
        ("place", 0.81),
        ("plan", 0.76),
        ("time", 0.94),
        ("quantity", 0.94),
    ],
    micro: 0.87,
    headings: 0.93,
    measures: 0.95,
};

/// Set a little under what the second dev excerpts scored (docs/evaluation.md).
const DEV2: Floors = Floors {
    entities: &[
        ("org", 0.64),
        ("person", 0.85),
        ("place", 0.70),
        ("plan", 0.67),
        ("time", 0.78),
        ("quantity", 0.96),
    ],
    micro: 0.80,
    headings: 0.93,
    measures: 0.95,
};

/// Set a little under the figures last measured on the frozen excerpts
/// (docs/evaluation.md); they keep the held-out quality from falling, and are never
/// a target to tune the rules on.
const FROZEN: Floors = Floors {
    entities: &[
        ("org", 0.79),
        ("person", 0.95),
        ("place", 0.65),
        ("plan", 0.76),
        ("time", 0.90),
        ("quantity", 0.96),
    ],
    micro: 0.86,
    headings: 0.95,
    measures: 0.95,
};

/// Set a little under what the law dev excerpts scored (docs/evaluation.md).
/// They have no plans, people or measure lists; their headings are chapters,
/// sections and articles.
const LAW_DEV: Floors = Floors {
    entities: &[
        ("org", 0.95),
        ("place", 0.82),
        ("law", 0.95),
        ("time", 0.92),
        ("quantity", 0.88),
    ],
    micro: 0.93,
    headings: 0.95,
    measures: 0.95,
};
