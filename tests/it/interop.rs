//! Interop: policykg's output read back by tools that share no code with it.
//! rdflib and Raptor (`rapper`) parse every RDF syntax, PyLD expands the JSON-LD,
//! the `rfc3987` package checks every IRI, pySHACL validates against
//! ontology/shapes.ttl, NetworkX reads the GraphML, and the Neo4j CSV pair is
//! checked against the `neo4j-admin database import` header format. The counts
//! must agree with the store's. The tools come from `scripts/setup --test`; a
//! missing tool fails the test with what to install.

use crate::{policykg, root, seed, venv_python};
use oxigraph::sparql::QueryResults;
use policykg::store::KgStore;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A store of the seed and a sample of the shared corpora: a criminal-law
/// amendment (full-width brackets in its IRIs), a constitutional amendment and two
/// government work reports (CSV rows with metadata).
struct Sample {
    dir: tempfile::TempDir,
    store: PathBuf,
}

impl Sample {
    fn load() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let inputs = dir.path().join("inputs");
        std::fs::create_dir(&inputs).unwrap();
        let corpus = root().join("../shared/corpus");
        let files = [
            seed(),
            corpus.join("laws/刑法/刑法修正案（七）.md"),
            corpus.join("laws/宪法/宪法修正案（1988年）.md"),
            corpus.join("gov-reports-2026/2026_上海市_政府工作报告.csv"),
            corpus.join("gov-reports-2026/2026_云南省_政府工作报告.csv"),
        ];
        for file in files {
            std::fs::copy(&file, inputs.join(file.file_name().unwrap())).unwrap_or_else(|e| {
                panic!(
                    "{}: {e}; the tests read ../shared beside the checkout",
                    file.display()
                )
            });
        }
        let store = dir.path().join("kg");
        policykg()
            .arg("load")
            .arg(&inputs)
            .arg("--store")
            .arg(&store)
            .arg("-q")
            .assert()
            .success();
        Self { dir, store }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Exports the store to `name`, the format from its extension, plus `extra` args.
    fn export(&self, name: &str, extra: &[&str]) -> PathBuf {
        let out = self.path(name);
        policykg()
            .arg("export")
            .arg("--store")
            .arg(&self.store)
            .arg("-o")
            .arg(&out)
            .args(extra)
            .assert()
            .success();
        out
    }

    fn count(&self, sparql: &str) -> u64 {
        let store = KgStore::open_read_only(&self.store).unwrap();
        let QueryResults::Solutions(mut rows) = store.query(sparql).unwrap() else {
            panic!("not a SELECT: {sparql}")
        };
        let row = rows.next().unwrap().unwrap();
        match row.get("n").unwrap() {
            oxigraph::model::Term::Literal(l) => l.value().parse().unwrap(),
            other => panic!("{other}"),
        }
    }

    /// Quads in the document and entities graphs: what an export holds.
    fn quads(&self) -> u64 {
        self.count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/policykg/store>) }")
    }

    /// Distinct triples over those graphs: what a triples-only syntax holds.
    fn triples(&self) -> u64 {
        self.count("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/policykg/store>) } }")
    }
}

/// Runs tests/external/rdf_tools.py and returns its JSON answer; panics with its
/// output when the check fails.
fn rdf_tools(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Value {
    let python = venv_python();
    let script = root().join("tests/external/rdf_tools.py");
    let mut command = Command::new(&python);
    command.arg(&script);
    for arg in args {
        command.arg(arg);
    }
    let output = command.output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{command:?} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// `rapper -c`: the number of triples Raptor parsed; fails on any error or warning.
fn rapper_count(file: &Path, syntax: &str) -> u64 {
    let output = Command::new("rapper")
        .args(["-i", syntax, "-c"])
        .arg(file)
        .output()
        .unwrap_or_else(|e| {
            panic!("rapper: {e}; install Raptor with scripts/setup --test (Debian package raptor2-utils)")
        });
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "rapper -i {syntax} {}: {stderr}",
        file.display()
    );
    assert!(
        !stderr.contains("Error") && !stderr.contains("Warning"),
        "rapper -i {syntax} {}: {stderr}",
        file.display()
    );
    let count = stderr
        .lines()
        .find_map(|l| {
            l.strip_prefix("rapper: Parsing returned ")?
                .strip_suffix(" triples")
        })
        .unwrap_or_else(|| panic!("no count in rapper's output: {stderr}"));
    count.parse().unwrap()
}

#[test]
fn every_rdf_syntax_reads_back_in_rdflib_and_rapper() {
    let sample = Sample::load();
    let (quads, triples) = (sample.quads(), sample.triples());
    assert!(quads > 10_000, "the sample is a real one: {quads} quads");
    // (extension, rdflib format, Raptor syntax, keeps named graphs)
    let syntaxes = [
        ("nq", "nquads", Some("nquads"), true),
        ("trig", "trig", Some("trig"), true),
        ("nt", "nt", Some("ntriples"), false),
        ("ttl", "turtle", Some("turtle"), false),
        ("rdf", "xml", Some("rdfxml"), false),
        // Raptor has no JSON-LD parser; PyLD reads it too (the next test).
        ("jsonld", "json-ld", None, true),
    ];
    for (ext, rdflib_format, raptor, graphs) in syntaxes {
        let file = sample.export(&format!("sample.{ext}"), &[]);
        let want = if graphs { quads } else { triples };
        let parsed = rdf_tools(&[&"count", &file, &rdflib_format]);
        assert_eq!(parsed["quads"], want, "rdflib on {ext}: {parsed}");
        if graphs {
            // The document graphs and the entities graph.
            assert_eq!(parsed["graphs"], 6, "rdflib on {ext}: {parsed}");
        }
        if let Some(syntax) = raptor {
            assert_eq!(rapper_count(&file, syntax), want, "rapper on {ext}");
        }
    }
}

#[test]
fn json_ld_expands_in_pyld_to_the_same_quads() {
    let sample = Sample::load();
    let nquads = sample.export("sample.nq", &[]);
    let embedded = sample.export("embedded.jsonld", &[]);
    let answer = rdf_tools(&[&"pyld", &embedded, &nquads]);
    assert_eq!(answer["expanded"], sample.quads(), "{answer}");
    // A file that references the published context instead of embedding it.
    let url = policykg::export::jsonld::CONTEXT_URL;
    let referenced = sample.export("referenced.jsonld", &["--context", url]);
    let text = std::fs::read_to_string(&referenced).unwrap();
    assert!(
        text.starts_with(&format!("{{\"@context\":\"{url}\""))
            || text.contains(&format!("\"@context\": \"{url}\"")),
        "{}",
        &text[..200]
    );
    let context = root().join("ontology/context.jsonld");
    let answer = rdf_tools(&[&"pyld", &referenced, &nquads, &url, &context]);
    assert_eq!(answer["expanded"], sample.quads(), "{answer}");
}

#[test]
fn every_iri_is_valid_for_strict_consumers() {
    let sample = Sample::load();
    let nquads = sample.export("sample.nq", &[]);
    let answer = rdf_tools(&[&"iris", &nquads]);
    // IRIs minted from Chinese names keep their characters (RFC 3987 ucschar) …
    assert!(answer["non_ascii"].as_u64().unwrap() > 100, "{answer}");
    // … and every one matches the IRI rule.
    assert_eq!(answer["invalid"], Value::Array(vec![]), "{answer}");
}

#[test]
fn the_store_conforms_to_the_shapes_in_pyshacl_and_a_broken_copy_does_not() {
    let sample = Sample::load();
    let nquads = sample.export("sample.nq", &[]);
    let shapes = root().join("ontology/shapes.ttl");
    let answer = rdf_tools(&[&"shacl", &nquads, &shapes]);
    assert_eq!(answer["conforms"], true, "{answer}");
    assert_eq!(answer["triples"], sample.triples(), "{answer}");

    // The same data with one measure's label removed and one offset not a number.
    let text = std::fs::read_to_string(&nquads).unwrap();
    let mut dropped = false;
    let mut broken: Vec<String> = Vec::new();
    for line in text.lines() {
        if !dropped && line.contains("/measure/1> <http://www.w3.org/2000/01/rdf-schema#label>") {
            dropped = true;
            continue;
        }
        broken.push(line.to_owned());
    }
    assert!(dropped);
    let begin = broken
        .iter_mut()
        .find(|l| l.contains("nif-core#beginIndex> \""))
        .unwrap();
    let (head, rest) = begin.split_once("nif-core#beginIndex> \"").unwrap();
    let (_, tail) = rest.split_once('"').unwrap();
    *begin = format!("{head}nif-core#beginIndex> \"-1\"{tail}");
    let broken_file = sample.path("broken.nq");
    std::fs::write(&broken_file, broken.join("\n") + "\n").unwrap();
    let output = Command::new(venv_python())
        .arg(root().join("tests/external/rdf_tools.py"))
        .args([
            "shacl".as_ref(),
            broken_file.as_os_str(),
            shapes.as_os_str(),
        ])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "pySHACL accepted a broken graph"
    );
    let answer: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(answer["conforms"], false);
    assert_eq!(answer["violations"], 2, "{answer}");
}

#[test]
fn property_graphs_read_back_in_networkx_and_follow_the_neo4j_import_format() {
    let sample = Sample::load();
    // Every IRI that is a subject or the object of an edge is a node; every
    // triple with an IRI object other than rdf:type is an edge.
    let nodes = sample.count(
        "SELECT (COUNT(DISTINCT ?n) AS ?n) WHERE { GRAPH ?g { { ?n ?p ?o } UNION { ?s ?p ?n FILTER(isIRI(?n) && ?p != <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>) } } FILTER(?g != <https://w3id.org/policykg/store>) }",
    );
    let edges = sample.count(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o FILTER(isIRI(?o) && ?p != <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>) } FILTER(?g != <https://w3id.org/policykg/store>) }",
    );

    let graphml = sample.export("sample.graphml", &[]);
    let answer = rdf_tools(&[&"graphml", &graphml]);
    assert_eq!(answer["nodes"], nodes, "{answer}");
    assert_eq!(answer["edges"], edges, "{answer}");
    assert_eq!(answer["directed"], true);
    assert_eq!(answer["labels"]["Document"], 5, "{answer}");
    assert!(
        answer["labels"]["Section"].as_u64().unwrap() > 10,
        "{answer}"
    );
    assert!(
        answer["edge_types"]["isPartOf"].as_u64().unwrap() > 100,
        "{answer}"
    );
    // An entity described in the entities graph and named in a fact of the seed's
    // graph is one node with its types.
    let labels: HashSet<&str> = answer["labels_of"]["中国职工对外交流中心"]
        .as_array()
        .unwrap_or_else(|| panic!("{answer}"))
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert_eq!(labels, HashSet::from(["Organization"]), "{answer}");

    let dir = sample.path("neo4j");
    policykg()
        .arg("export")
        .arg("--store")
        .arg(&sample.store)
        .args(["-f", "neo4j", "-o"])
        .arg(&dir)
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "neo4j-admin database import full",
        ));
    let mut reader = csv::Reader::from_path(dir.join("nodes.csv")).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[..2], ["id:ID", ":LABEL"]);
    for column in &header[2..] {
        // A property column is name:type with one of the import tool's types.
        let (name, ty) = column.split_once(':').unwrap_or_else(|| panic!("{column}"));
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()),
            "{column}"
        );
        assert!(
            [
                "string", "string[]", "long", "int", "double", "boolean", "date"
            ]
            .contains(&ty),
            "{column}"
        );
    }
    let mut ids = HashSet::new();
    let mut labels_of: HashMap<String, String> = HashMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        assert_eq!(row.len(), header.len());
        assert!(ids.insert(row[0].to_owned()), "node {} twice", &row[0]);
        assert!(
            !row[1].is_empty() && !row[1].contains(':'),
            "labels {:?}",
            &row[1]
        );
        labels_of.insert(row[0].to_owned(), row[1].to_owned());
    }
    assert_eq!(ids.len() as u64, nodes);
    assert_eq!(
        labels_of["https://w3id.org/policykg/id/org/中国职工对外交流中心"],
        "Organization"
    );
    let mut reader = csv::Reader::from_path(dir.join("relationships.csv")).unwrap();
    assert_eq!(
        reader.headers().unwrap(),
        vec![":START_ID", ":END_ID", ":TYPE"]
    );
    let mut relationships = 0;
    for row in reader.records() {
        let row = row.unwrap();
        // Every relationship joins two nodes of the nodes file.
        assert!(ids.contains(&row[0]) && ids.contains(&row[1]), "{row:?}");
        assert!(!row[2].is_empty() && !row[2].contains(':'), "{row:?}");
        relationships += 1;
    }
    assert_eq!(relationships, edges);
}
