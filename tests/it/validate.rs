//! `policykg validate`: the seed and a corpus sample conform, as a store and as
//! files; graphs broken on purpose (lines of the seed's N-Quads edited) are caught
//! with exit status 1 and the right focus node, path and shape; and on each broken
//! file the violations are those pySHACL finds (tests/external/pyshacl_report.py).

use crate::{policykg, root, seed, venv_python};
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

const DOC: &str = "https://w3id.org/policykg/id/doc/中国工会国际工作";
const SHAPES: &str = "https://w3id.org/policykg/shapes#";

/// (focus node as an N-Triples term, path IRI or "", source shape IRI).
type Found = BTreeSet<(String, String, String)>;

/// The seed converted to N-Quads in `dir`, as lines.
fn seed_lines(dir: &Path) -> Vec<String> {
    let out = dir.join("seed.nq");
    policykg()
        .arg("convert")
        .arg(seed())
        .arg("-o")
        .arg(&out)
        .arg("-q")
        .assert()
        .success();
    fs::read_to_string(out)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// The index of the one line whose subject and predicate are these (IRIs without
/// brackets; a subject starting with `/` is under the seed document).
fn line(lines: &[String], subject: &str, predicate: &str) -> usize {
    let subject = if subject.starts_with('/') {
        format!("<{DOC}{subject}>")
    } else {
        format!("<{subject}>")
    };
    let prefix = format!("{subject} <{}> ", expand(predicate));
    let found: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with(&prefix))
        .collect();
    assert_eq!(found.len(), 1, "lines starting with {prefix}: {found:?}");
    found[0]
}

/// Replaces `from` by `to` in the one line with this subject and predicate.
fn edit_line(lines: &mut [String], subject: &str, predicate: &str, from: &str, to: &str) {
    let i = line(lines, subject, predicate);
    assert!(lines[i].contains(from), "{from} is not in {}", lines[i]);
    lines[i] = lines[i].replace(from, to);
}

/// A compact IRI with the prefixes these tests use, expanded.
fn expand(compact: &str) -> String {
    let (prefix, local) = compact.split_once(':').unwrap();
    let ns = match prefix {
        "pkg" => "https://w3id.org/policykg/ontology#",
        "nif" => "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
        "dcterms" => "http://purl.org/dc/terms/",
        "rdf" => "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs" => "http://www.w3.org/2000/01/rdf-schema#",
        "itsrdf" => "http://www.w3.org/2005/11/its/rdf#",
        "http" | "https" => return compact.to_owned(),
        other => panic!("no prefix {other}"),
    };
    format!("{ns}{local}")
}

/// Runs `policykg validate -f json --limit 0` on a file: the exit status and what
/// it found.
fn ours(file: &Path) -> (i32, Found) {
    let output = policykg()
        .args(["validate", "-f", "json", "--limit", "0"])
        .arg(file)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let mut found = Found::new();
    for outcome in report["outcomes"].as_array().unwrap() {
        let path = outcome["resultPath"].as_str().unwrap_or("").to_owned();
        let shape = outcome["sourceShape"].as_str().unwrap().to_owned();
        assert_eq!(
            outcome["violations"].as_u64().unwrap(),
            outcome["results"].as_array().unwrap().len() as u64
        );
        for result in outcome["results"].as_array().unwrap() {
            let focus = blank_as_one(result["focusNode"].as_str().unwrap());
            found.insert((focus, path.clone(), shape.clone()));
        }
    }
    assert_eq!(report["conforms"].as_bool(), Some(found.is_empty()));
    (output.status.code().unwrap(), found)
}

/// What pySHACL finds on the same file with the same shapes.
fn pyshacl(file: &Path) -> Found {
    let script = root().join("tests/external/pyshacl_report.py");
    let output = Command::new(venv_python())
        .arg(&script)
        .arg(root().join("ontology/shapes.ttl"))
        .arg(file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{} failed on {}:\n{}",
        script.display(),
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let unbracket = |v: &serde_json::Value| {
        v.as_str()
            .map(|s| s.trim_start_matches('<').trim_end_matches('>').to_owned())
            .unwrap_or_default()
    };
    report["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                blank_as_one(r[0].as_str().unwrap()),
                unbracket(&r[1]),
                unbracket(&r[2]),
            )
        })
        .collect()
}

/// Blank node labels differ from run to run; compare blank nodes as one.
fn blank_as_one(term: &str) -> String {
    if term.starts_with("_:") {
        "_:".to_owned()
    } else {
        term.to_owned()
    }
}

/// Writes the seed with `edit` applied, validates it, and checks that exactly the
/// `expected` violations are found — (focus under the seed document or full IRI,
/// compact path or "", shape local name) — that the text report names each of
/// them, and, when `compare` is set, that pySHACL finds the same set.
fn check_broken(
    name: &str,
    edit: impl FnOnce(&mut Vec<String>),
    expected: &[(&str, &str, &str)],
    compare: bool,
) {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = seed_lines(dir.path());
    edit(&mut lines);
    let file = dir.path().join(format!("{name}.nq"));
    fs::write(&file, lines.join("\n") + "\n").unwrap();

    let expected: Found = expected
        .iter()
        .map(|(focus, path, shape)| {
            let focus = match *focus {
                f if f.starts_with('/') => format!("<{DOC}{f}>"),
                f if f.starts_with("_:") => f.to_owned(),
                f => format!("<{f}>"),
            };
            let path = if path.is_empty() {
                String::new()
            } else {
                expand(path)
            };
            (focus, path, format!("{SHAPES}{shape}"))
        })
        .collect();
    let (status, found) = ours(&file);
    assert_eq!(found, expected, "{name}: what policykg validate found");
    assert_eq!(status, 1, "{name}: exit status");

    let output = policykg().arg("validate").arg(&file).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    for (focus, _, shape) in &expected {
        let shape = shape.replace(SHAPES, "pkgsh:");
        assert!(
            text.contains(&format!("\n{shape}  ")) || text.starts_with(&format!("{shape}  ")),
            "{name}: {shape} not in\n{text}"
        );
        assert!(
            focus.starts_with("_:") || text.contains(focus.as_str()),
            "{name}: {focus} not in\n{text}"
        );
    }

    if compare {
        assert_eq!(
            found,
            pyshacl(&file),
            "{name}: policykg validate (left) and pySHACL (right) disagree"
        );
    }
}

#[test]
fn the_seed_store_conforms() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    policykg()
        .args(["load", "-q", "--store"])
        .arg(&store)
        .arg(seed())
        .assert()
        .success();
    let output = policykg()
        .args(["validate", "--store"])
        .arg(&store)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        text.starts_with("conforms: no violations; checked 228 shapes (341 constraints"),
        "{text}"
    );
    // The count is the data's, as `stats` counts it (the store's own schema-version
    // triple is checked by pkgsh:StoreShape but not counted).
    let quads: BTreeSet<String> = seed_lines(dir.path()).into_iter().collect();
    assert!(
        text.contains(&format!("over {} triples", quads.len())),
        "{text}"
    );
    let stats = policykg()
        .args(["stats", "--json", "--store"])
        .arg(&store)
        .output()
        .unwrap();
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(stats["triples"].as_u64(), Some(quads.len() as u64));

    // The store from POLICYKG_STORE, as the other commands.
    policykg()
        .arg("validate")
        .env("POLICYKG_STORE", &store)
        .assert()
        .code(0);
}

#[test]
fn the_seed_conforms_in_every_rdf_syntax_and_on_stdin() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["nq", "trig", "ttl", "nt", "rdf", "jsonld"] {
        let file = dir.path().join(format!("seed.{ext}"));
        policykg()
            .arg("convert")
            .arg(seed())
            .arg("-o")
            .arg(&file)
            .arg("-q")
            .assert()
            .success();
        policykg()
            .arg("validate")
            .arg(&file)
            .assert()
            .code(0)
            .stdout(predicates::str::starts_with("conforms: no violations"));
    }
    let nquads = fs::read(dir.path().join("seed.nq")).unwrap();
    policykg()
        .args(["validate", "-"])
        .write_stdin(nquads)
        .assert()
        .code(0);
}

#[test]
fn a_corpus_sample_conforms_as_pyshacl_agrees() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = root().join("../shared/corpus");
    let laws = corpus.join("laws/刑法");
    let report = corpus.join("gov-reports-2026/2026_河北省_政府工作报告.csv");
    assert!(
        laws.is_dir() && report.is_file(),
        "{}: the shared corpus is missing",
        corpus.display()
    );
    let file = dir.path().join("sample.nq");
    policykg()
        .arg("convert")
        .arg(&laws)
        .arg(&report)
        .arg("-o")
        .arg(&file)
        .arg("-q")
        .assert()
        .success();
    let (status, found) = ours(&file);
    assert_eq!((status, &found), (0, &Found::new()));
    assert_eq!(pyshacl(&file), Found::new(), "pySHACL finds violations");

    // The same documents in a store, with the metadata triple.
    let store = dir.path().join("kg");
    policykg()
        .args(["load", "-q", "--store"])
        .arg(&store)
        .arg(&laws)
        .arg(&report)
        .assert()
        .success();
    policykg()
        .args(["validate", "--store"])
        .arg(&store)
        .assert()
        .code(0);
}

#[test]
fn a_missing_required_property() {
    check_broken(
        "drop-title",
        |lines| {
            let i = line(lines, "/section/1", "dcterms:title");
            lines.remove(i);
        },
        &[("/section/1", "dcterms:title", "Section-title-count")],
        true,
    );
}

#[test]
fn a_second_value_of_a_max_count_1_property() {
    check_broken(
        "two-titles",
        |lines| {
            let i = line(lines, "/section/2", "dcterms:title");
            let second = lines[i].replace("\"在加强", "\"另一个标题");
            lines.push(second);
        },
        &[("/section/2", "dcterms:title", "Section-title-count")],
        true,
    );
}

#[test]
fn an_ill_formed_integer() {
    check_broken(
        "abc-ordinal",
        |lines| {
            edit_line(lines, "/section/2", "pkg:ordinal", "\"2\"^^", "\"abc\"^^");
        },
        // sh:datatype and sh:minInclusive of the same shape: one (focus, path, shape).
        &[("/section/2", "pkg:ordinal", "Section-ordinal-value")],
        true,
    );
}

#[test]
fn an_ill_formed_begin_index_also_breaks_the_order() {
    check_broken(
        "abc-begin",
        |lines| {
            edit_line(lines, "/section/2", "nif:beginIndex", "\"1410\"", "\"abc\"");
        },
        &[
            ("/section/2", "nif:beginIndex", "Section-beginIndex-value"),
            ("/section/2", "nif:beginIndex", "Section-beginIndex-order"),
        ],
        // pySHACL 0.40 stops with a TypeError when sh:lessThanOrEquals compares an
        // ill-typed literal; SHACL says a value that does not compare is a
        // violation, which is what policykg reports.
        false,
    );
}

#[test]
fn a_plain_string_with_han_characters() {
    check_broken(
        "plain-han",
        |lines| {
            edit_line(lines, "/measure/1", "rdfs:label", "\"@zh <", "\" <");
        },
        &[("/measure/1", "rdfs:label", "Measure-label-value")],
        true,
    );
}

#[test]
fn a_section_at_level_0() {
    check_broken(
        "level-0",
        |lines| {
            edit_line(lines, "/section/1", "pkg:level", "\"1\"^^", "\"0\"^^");
        },
        &[("/section/1", "pkg:level", "Section-level-value")],
        true,
    );
}

#[test]
fn a_mention_that_ends_before_it_begins() {
    check_broken(
        "end-before-begin",
        |lines| {
            edit_line(lines, "/mention/25-29", "nif:endIndex", "\"29\"", "\"20\"");
        },
        &[(
            "/mention/25-29",
            "nif:beginIndex",
            "Mention-beginIndex-order",
        )],
        true,
    );
}

#[test]
fn a_value_of_the_wrong_class() {
    check_broken(
        "wrong-class",
        |lines| {
            edit_line(
                lines,
                "/mention/105-109",
                "pkg:inSentence",
                "/sentence/2>",
                "/paragraph/1>",
            );
        },
        &[(
            "/mention/105-109",
            "pkg:inSentence",
            "Mention-inSentence-value",
        )],
        true,
    );
}

#[test]
fn a_time_expression_with_part_of_its_value() {
    check_broken(
        "half-time",
        |lines| {
            let i = line(
                lines,
                "https://w3id.org/policykg/id/time/1984",
                "pkg:intervalEnd",
            );
            lines.remove(i);
        },
        &[(
            "https://w3id.org/policykg/id/time/1984",
            "",
            "TimeExpressionValueShape",
        )],
        true,
    );
}

#[test]
fn a_blank_node_section_and_an_entity_without_its_external_type() {
    check_broken(
        "blank-section",
        |lines| {
            lines.push(format!(
                "_:s <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/policykg/ontology#Section> <{DOC}> ."
            ));
            let external = "<https://w3id.org/policykg/id/org/中国职工对外交流中心> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/org#Organization> ";
            let before = lines.len();
            lines.retain(|l| !l.starts_with(external));
            assert_eq!(lines.len(), before - 1);
        },
        &[
            ("_:", "", "SectionShape"),
            ("_:", "pkg:level", "Section-level-count"),
            ("_:", "pkg:ordinal", "Section-ordinal-count"),
            ("_:", "dcterms:title", "Section-title-count"),
            ("_:", "dcterms:isPartOf", "Section-isPartOf-count"),
            ("_:", "nif:anchorOf", "Section-anchorOf-count"),
            ("_:", "nif:beginIndex", "Section-beginIndex-count"),
            ("_:", "nif:endIndex", "Section-endIndex-count"),
            (
                "_:",
                "nif:referenceContext",
                "Section-referenceContext-count",
            ),
            (
                "https://w3id.org/policykg/id/org/中国职工对外交流中心",
                "rdf:type",
                "Organization-type-external",
            ),
        ],
        true,
    );
}

#[test]
fn a_statement_whose_object_does_not_fit_its_predicate() {
    check_broken(
        "statement-form",
        |lines| {
            edit_line(
                lines,
                "/statement/1",
                "rdf:object",
                "\"1984\"^^<http://www.w3.org/2001/XMLSchema#gYear>",
                "\"1984\"",
            );
            edit_line(
                lines,
                "/statement/2",
                "rdf:predicate",
                "<https://w3id.org/policykg/ontology#basedOn>",
                "<http://schema.org/dissolutionDate>",
            );
        },
        &[
            ("/statement/1", "", "StatementFormShape"),
            ("/statement/2", "", "StatementFormShape"),
            ("/statement/2", "rdf:predicate", "Statement-predicate-value"),
        ],
        true,
    );
}

#[test]
fn the_text_report_shows_focus_path_value_shape_and_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = seed_lines(dir.path());
    edit_line(&mut lines, "/section/1", "pkg:level", "\"1\"^^", "\"0\"^^");
    // Every sentence loses its anchor: 53 violations of one constraint.
    lines.retain(|l| !(l.contains("/sentence/") && l.contains("#anchorOf>")));
    let file = dir.path().join("broken.nq");
    fs::write(&file, lines.join("\n") + "\n").unwrap();

    let output = policykg()
        .args(["validate", "--limit", "2"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains(&format!(
        "pkgsh:Section-level-value  sh:minInclusive 1: 1 violation\n  The pkg:level of a section (pkg:Section) is not an xsd:integer of at least 1.\n    <{DOC}/section/1>  pkg:level  value 0\n"
    )), "{text}");
    let sentences: usize = lines
        .iter()
        .filter(|l| {
            l.ends_with(&format!(
                "<https://w3id.org/policykg/ontology#Sentence> <{DOC}> ."
            ))
        })
        .count();
    assert!(
        text.contains(&format!(
            "pkgsh:Sentence-anchorOf-count  sh:minCount 1: {sentences} violations\n"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "    … and {} more (--limit 0 prints all)\n",
            sentences - 2
        )),
        "{text}"
    );
    let summary = text.lines().last().unwrap();
    assert!(
        summary.starts_with(&format!(
            "{} violations of 2 constraints in {} focus nodes; checked 228 shapes",
            sentences + 1,
            sentences + 1
        )),
        "{summary}"
    );

    // -q prints nothing; the status says it all.
    policykg()
        .args(["validate", "-q"])
        .arg(&file)
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn other_shapes_and_the_queries_they_become() {
    let dir = tempfile::tempdir().unwrap();
    let shapes = dir.path().join("shapes.ttl");
    fs::write(
        &shapes,
        "@prefix sh: <http://www.w3.org/ns/shacl#> .
         @prefix ex: <http://example.org/> .
         @prefix pkg: <https://w3id.org/policykg/ontology#> .
         ex:DocumentHasDate sh:targetClass pkg:Document ;
             sh:property [ sh:path <http://purl.org/dc/terms/issued> ; sh:minCount 1 ] .",
    )
    .unwrap();
    let mut lines = seed_lines(dir.path());
    lines.truncate(5);
    let file = dir.path().join("doc.nq");
    fs::write(&file, lines.join("\n") + "\n").unwrap();
    policykg()
        .arg("validate")
        .arg(&file)
        .arg("--shapes")
        .arg(&shapes)
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "ex:DocumentHasDate sh:property[dcterms:issued]  sh:minCount 1: 1 violation\n  needs at least 1 value(s) of dcterms:issued\n",
        ));
    policykg()
        .args(["validate", "--explain", "--shapes"])
        .arg(&shapes)
        .arg(&file)
        .assert()
        .code(0)
        .stdout(predicates::str::contains(
            "# ex:DocumentHasDate sh:property[dcterms:issued]  sh:minCount 1\nSELECT DISTINCT ?this WHERE { ?this <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/policykg/ontology#Document> . FILTER NOT EXISTS { ?this <http://purl.org/dc/terms/issued> ?value } } ORDER BY ?this",
        ));
}

#[test]
fn bad_input_exits_2_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let unsupported = dir.path().join("unsupported.ttl");
    fs::write(
        &unsupported,
        "@prefix sh: <http://www.w3.org/ns/shacl#> .
         @prefix ex: <http://example.org/> .
         ex:S sh:targetClass ex:C ; sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ] .",
    )
    .unwrap();
    let nq = dir.path().join("seed.nq");
    seed_lines(dir.path());
    let cases: Vec<(Vec<std::ffi::OsString>, &str)> = vec![
        (
            vec![
                "--shapes".into(),
                unsupported.clone().into(),
                nq.clone().into(),
            ],
            "ex:S sh:property: a property path other than a single predicate IRI",
        ),
        (
            vec![seed().into()],
            "this is a document, not RDF; convert it first",
        ),
        (vec![dir.path().join("x.docx").into()], "unknown RDF syntax"),
        (
            vec![dir.path().join("missing.nq").into()],
            "missing.nq: cannot open",
        ),
        (
            vec!["--store".into(), dir.path().join("none").into()],
            "no store here",
        ),
        (
            vec![nq.clone().into(), "--store".into(), dir.path().into()],
            "either RDF files or --store",
        ),
        (
            vec!["-f".into(), "xml".into(), nq.clone().into()],
            "invalid value 'xml'",
        ),
    ];
    for (args, message) in cases {
        policykg()
            .arg("validate")
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(message));
    }
    let broken = dir.path().join("broken.nq");
    fs::write(&broken, "<a> <b> .\n").unwrap();
    policykg()
        .arg("validate")
        .arg(&broken)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "broken.nq: cannot read it as N-Quads",
        ));
}
