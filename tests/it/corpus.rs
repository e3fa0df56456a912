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

/// The 25 reports in one store: each report's own Party committee, named by its
/// short form (省委, 市委, 自治区党委), is the committee of the report's province,
/// 25 distinct entities; every coded place lies inside a province; no report has
/// more plans than quoted phrases that name one by their form.
#[test]
fn reports_resolve_organs_places_and_plans() {
    use oxigraph::sparql::QueryResults;
    use policykg::store::KgStore;
    let settings = Settings::default();
    let store = KgStore::in_memory().unwrap();
    let mut quoted_plans: BTreeMap<String, usize> = BTreeMap::new();
    let numbered = regex::Regex::new(r"[0-9一二两三四五六七八九十百千万双]").unwrap();
    let quoted = regex::Regex::new(r"“([^“”\n]{1,24})”").unwrap();
    for input in source::discover(&corpus("gov-reports-2026")).unwrap() {
        for doc in source::read(&input, &ReadOptions::default()).unwrap() {
            // The quoted phrases that name a plan by their form: numbered formulas,
            // and phrases followed by a plan word (directly or in the next few
            // characters: “信号升格”专项行动), ending in one or in “+”; campaigns
            // (“甲”等惠企活动: 活动 within 等 and eight characters).
            let plan_words = [
                "规划", "计划", "纲要", "战略", "工程", "行动", "倡议", "方案",
            ];
            let count = quoted
                .captures_iter(&doc.text)
                .filter(|c| {
                    let inner = &c[1];
                    let after: String = doc.text[c.get(0).unwrap().end()..]
                        .chars()
                        .take(5)
                        .collect();
                    let campaign: String = doc.text[c.get(0).unwrap().end()..]
                        .chars()
                        .take(11)
                        .collect();
                    numbered.is_match(inner)
                        || inner.ends_with('+')
                        || campaign.contains("活动")
                        || plan_words
                            .iter()
                            .any(|w| inner.ends_with(w) || after.contains(w))
                })
                .count();
            quoted_plans.insert(doc.title.clone(), count);
            let graph = pipeline::graph_iri(&doc, &settings);
            let sha = doc.sha256();
            store
                .load(&graph, &sha, || pipeline::convert(doc, &settings))
                .unwrap();
        }
    }
    let rows = |query: &str| -> Vec<Vec<String>> {
        let QueryResults::Solutions(solutions) = store.query(query).unwrap() else {
            panic!("a SELECT query")
        };
        solutions
            .map(|s| {
                let s = s.unwrap();
                s.values()
                    .iter()
                    .map(|v| match v {
                        Some(oxigraph::model::Term::Literal(l)) => l.value().to_owned(),
                        Some(t) => t.to_string(),
                        None => String::new(),
                    })
                    .collect()
            })
            .collect()
    };
    let shipped =
        std::fs::read_to_string(crate::root().join("queries/organ-short-forms.rq")).unwrap();
    let organs = rows(&shipped);
    // report, province, short form, organ, region, mentions
    let mut by_report: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for r in &organs {
        by_report
            .entry(r[1].clone())
            .or_default()
            .push((r[3].clone(), r[4].clone()));
    }
    assert_eq!(by_report.len(), 25, "{organs:#?}");
    let mut committees = std::collections::BTreeSet::new();
    for (report, found) in &by_report {
        assert_eq!(found.len(), 1, "{report}: {found:?}");
        let (organ, region) = &found[0];
        assert_eq!(report, region, "{organ} governs {region}");
        assert_eq!(organ, &format!("中共{region}委员会"));
        committees.insert(organ.clone());
    }
    assert_eq!(committees.len(), 25);
    // A short form never resolves to another region's organ: every mention of a
    // committee short form resolves to its own report's committee or to the
    // generic organ.
    let wrong = rows(
        "PREFIX pkg: <https://w3id.org/policykg/ontology#>
         PREFIX dcterms: <http://purl.org/dc/terms/>
         PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
         PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
         PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
         SELECT ?province ?form ?region WHERE {
           ?m nif:anchorOf ?form ; nif:referenceContext ?doc ; itsrdf:taIdentRef ?e .
           FILTER(?form IN (\"省委\", \"市委\", \"自治区党委\", \"省政府\", \"市政府\", \"政协\", \"人大\", \"工商联\", \"妇联\", \"科协\", \"残联\"))
           ?e pkg:jurisdiction/rdfs:label ?region .
           ?doc dcterms:spatial ?province .
           FILTER(STR(?province) != STR(?region))
         }",
    );
    assert!(wrong.is_empty(), "{wrong:?}");
    // Every coded place reaches a province up the hierarchy.
    let stranded = rows(
        "PREFIX pkg: <https://w3id.org/policykg/ontology#>
         PREFIX schema: <http://schema.org/>
         PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
         SELECT DISTINCT ?place WHERE {
           ?m itsrdf:taIdentRef ?place . ?place pkg:adminCode ?code .
           FILTER NOT EXISTS {
             ?place schema:containedInPlace* ?top . ?top pkg:adminCode ?pc .
             FILTER NOT EXISTS { ?top schema:containedInPlace ?x }
             FILTER(STRENDS(?pc, \"0000\"))
           }
         }",
    );
    assert!(stranded.is_empty(), "{stranded:?}");
    let counties = rows(
        "PREFIX pkg: <https://w3id.org/policykg/ontology#>
         PREFIX schema: <http://schema.org/>
         PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
         SELECT (COUNT(?m) AS ?n) WHERE {
           ?m itsrdf:taIdentRef ?place . ?place pkg:adminCode ?code ; schema:containedInPlace/schema:containedInPlace ?top .
         }",
    );
    let counties: usize = counties[0][0].parse().unwrap();
    assert!(counties > 50, "county-level mentions: {counties}");
    let per_province = rows(
        &std::fs::read_to_string(crate::root().join("queries/mentions-per-province.rq")).unwrap(),
    );
    assert!(per_province.len() >= 25, "{per_province:?}");
    // Plans per report.
    let plans = rows(
        "PREFIX pkg: <https://w3id.org/policykg/ontology#>
         PREFIX dcterms: <http://purl.org/dc/terms/>
         PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
         PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
         SELECT ?title (COUNT(?m) AS ?n) WHERE {
           ?m nif:referenceContext ?doc ; itsrdf:taIdentRef ?e .
           ?e a pkg:Plan . ?doc dcterms:title ?title .
         } GROUP BY ?title",
    );
    for r in &plans {
        let bound = quoted_plans[&r[0]];
        let n: usize = r[1].parse().unwrap();
        assert!(
            n <= bound,
            "{}: {n} plans, {bound} quoted phrases that name one",
            r[0]
        );
    }
    eprintln!("organs: {organs:#?}\nplaces per province: {per_province:?}\nplans: {plans:?}");
}

/// Every example query of `queries/` answers on a store of reports, laws and the
/// seed; those the sample has facts for return rows, and the offsets invariant
/// holds. (Their speed on the whole law corpus is measured by `cargo bench
/// --bench queries`, see BENCHMARKS.md.)
#[test]
fn every_shipped_query_answers_on_reports_and_laws() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let laws = corpus("laws");
    for input in [
        corpus("gov-reports-2026"),
        laws.join("刑法"),
        laws.join("民法典"),
        crate::seed(),
    ] {
        crate::policykg()
            .arg("load")
            .arg(&input)
            .args(["-q", "--id-prefix"])
            .arg(input.file_name().unwrap())
            .arg("--store")
            .arg(&store)
            .assert()
            .success();
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(crate::root().join("queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    files.sort();
    assert!(files.len() >= 12);
    for file in files {
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        let graph = name == "citation-graph";
        let out = crate::policykg()
            .arg("query")
            .arg("-q")
            .arg(&file)
            .args(["-f", if graph { "nt" } else { "tsv" }, "--store"])
            .arg(&store)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let lines = String::from_utf8(out.stdout).unwrap().lines().count();
        let answers = if graph { lines } else { lines - 1 };
        match name.as_str() {
            "offsets-invariant" => assert_eq!(answers, 0, "{name}"),
            // Facts the sample has no law for (versions by date, amendments).
            "laws-in-force" | "amendment-history" => {}
            _ => assert!(answers > 0, "{name}: no answer on the sample"),
        }
    }
}

/// Quantities in the 25 reports (issue 13, item 7): a range is one quantity with
/// both bounds, never its upper bound alone; the indicator of a quantity is the
/// whole phrase before it; targets are marked apart from results; and the store
/// conforms to the shapes.
#[test]
fn report_quantities_keep_ranges_whole_phrases_and_targets() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    crate::policykg()
        .arg("load")
        .arg(corpus("gov-reports-2026"))
        .args(["-q", "--store"])
        .arg(&store)
        .assert()
        .success();
    let kg = policykg::store::KgStore::open_read_only(&store).unwrap();
    let rows = |sparql: &str| -> Vec<Vec<String>> {
        let oxigraph::sparql::QueryResults::Solutions(solutions) = kg.query(sparql).unwrap() else {
            panic!("not a SELECT")
        };
        solutions
            .map(|s| {
                s.unwrap()
                    .values()
                    .iter()
                    .map(|v| v.as_ref().map_or(String::new(), policykg::store::term_text))
                    .collect()
            })
            .collect()
    };
    // Every quantity mention, with its document's text around it.
    let mentions = rows(
        "SELECT ?text ?begin ?doc ?min ?max ?value ?indicator ?target WHERE {
           ?m a pkg:Mention ; nif:anchorOf ?text ; nif:beginIndex ?begin ;
              nif:referenceContext ?doc ; itsrdf:taIdentRef ?q .
           ?q a pkg:Quantity .
           OPTIONAL { ?q schema:minValue ?min ; schema:maxValue ?max }
           OPTIONAL { ?q pkg:normalizedValue ?value }
           OPTIONAL { ?m pkg:indicator/rdfs:label ?indicator }
           OPTIONAL { ?m pkg:isTarget ?target }
         }",
    );
    let texts: BTreeMap<String, Vec<char>> =
        rows("SELECT ?d ?t WHERE { ?d a pkg:Document ; nif:isString ?t }")
            .into_iter()
            .map(|r| (r[0].clone(), r[1].chars().collect()))
            .collect();
    assert!(
        mentions.len() > 2000,
        "{} quantity mentions",
        mentions.len()
    );
    let (mut ranges, mut targets, mut results) = (0, 0, 0);
    for m in &mentions {
        let (text, doc) = (&m[0], &texts[&m[2]]);
        let begin: usize = m[1].parse().unwrap();
        let before: String = doc[begin.saturating_sub(60)..begin].iter().collect();
        let sentence = before.rsplit(['。', '；', '\n']).next().unwrap_or_default();
        // A range has both bounds and no single value, the lower below the upper.
        if !m[3].is_empty() {
            ranges += 1;
            assert!(m[5].is_empty(), "{m:?}");
            let (min, max): (f64, f64) = (m[3].parse().unwrap(), m[4].parse().unwrap());
            assert!(min < max, "{m:?}");
        } else {
            assert!(!m[5].is_empty(), "{m:?}: no value");
        }
        // Never the upper bound of a range alone.
        let mut back = before.chars().rev();
        if let (Some('-' | '—' | '–' | '~' | '～'), Some(c)) = (back.next(), back.next()) {
            assert!(!(c.is_ascii_digit() || c == '%'), "{before}|{text}");
        }
        // After a statement of aims in its sentence, a quantity is a target.
        let target = m[7] == "true";
        if sentence.contains("主要预期目标") {
            assert!(target, "{sentence}|{text}");
        }
        if text.ends_with("左右") {
            assert!(target, "{sentence}|{text}");
        }
        if target {
            targets += 1
        } else {
            results += 1
        }
        // A known indicator inside a longer name is not the indicator.
        if sentence.contains("二氧化碳排放") && sentence.ends_with("下降") {
            assert!(m[6].contains("二氧化碳排放"), "{sentence}|{text}: {}", m[6]);
        }
    }
    eprintln!(
        "{ranges} ranges, {targets} targets, {results} results among {} quantity mentions",
        mentions.len()
    );
    assert!(ranges >= 5, "{ranges} ranges");
    assert!(
        targets > 100 && results > targets,
        "{targets} targets, {results} results"
    );
    drop(kg);
    let out = crate::policykg()
        .args(["validate", "--store"])
        .arg(&store)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && said.starts_with("conforms"),
        "{said}"
    );
}
