//! The graph in a real store: the offsets invariant as SPARQL, the seed's facts,
//! shared entities and per-document graph replacement.

use oxigraph::sparql::QueryResults;
use policykg::pipeline::{self, Settings};
use policykg::source::Document;
use policykg::store::{KgStore, LoadOutcome};

const PREFIXES: &str = "PREFIX pkg: <https://w3id.org/policykg/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
";

fn load(store: &KgStore, id: &str, text: &str) -> LoadOutcome {
    let settings = Settings::default();
    let doc = Document::from_text(id, text);
    let graph = pipeline::graph_iri(&doc, &settings);
    let sha = doc.sha256();
    store
        .load(&graph, &sha, || pipeline::convert(doc, &settings))
        .unwrap()
}

fn rows(store: &KgStore, query: &str) -> Vec<Vec<String>> {
    let QueryResults::Solutions(solutions) = store.query(&format!("{PREFIXES}{query}")).unwrap()
    else {
        panic!("not a SELECT")
    };
    let vars: Vec<_> = solutions.variables().to_vec();
    solutions
        .map(|s| {
            let s = s.unwrap();
            vars.iter()
                .map(|v| match s.get(v) {
                    Some(oxigraph::model::Term::Literal(l)) => l.value().to_owned(),
                    Some(t) => t.to_string(),
                    None => String::new(),
                })
                .collect()
        })
        .collect()
}

fn seed_text() -> String {
    std::fs::read_to_string(crate::seed()).unwrap()
}

#[test]
fn offsets_slice_the_document_text_for_every_span() {
    let store = KgStore::in_memory().unwrap();
    load(&store, "seed", &seed_text());
    let total = rows(&store, "SELECT (COUNT(*) AS ?n) WHERE { ?m a pkg:Mention }");
    assert!(total[0][0].parse::<u32>().unwrap() >= 20, "{total:?}");
    // Mentions, sentences, paragraphs and measures all obey SUBSTR(text, b+1, e-b) = anchor.
    let bad = rows(
        &store,
        "SELECT ?x ?anchor ?slice WHERE {
           ?x nif:anchorOf ?anchor ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:referenceContext ?d .
           ?d nif:isString ?text .
           BIND(SUBSTR(?text, ?b + 1, ?e - ?b) AS ?slice)
           FILTER(?slice != ?anchor)
         }",
    );
    assert!(bad.is_empty(), "{bad:?}");
    let invariant =
        std::fs::read_to_string(crate::root().join("queries/offsets-invariant.rq")).unwrap();
    let QueryResults::Solutions(s) = store.query(&invariant).unwrap() else {
        panic!()
    };
    assert_eq!(s.count(), 0);
    // And it finds a mention whose offsets were moved by one.
    store
        .update(
            "DELETE { GRAPH ?g { ?m nif:beginIndex ?b } } INSERT { GRAPH ?g { ?m nif:beginIndex ?moved } }
             WHERE { { SELECT ?m WHERE { GRAPH ?h { ?m a pkg:Mention ; nif:anchorOf ?a FILTER(STRLEN(?a) > 1) } } LIMIT 1 }
                     GRAPH ?g { ?m nif:beginIndex ?b } BIND(?b + 1 AS ?moved) }",
        )
        .unwrap();
    let QueryResults::Solutions(s) = store.query(&invariant).unwrap() else {
        panic!()
    };
    assert_eq!(s.count(), 1);
}

#[test]
fn seed_facts_with_evidence() {
    let store = KgStore::in_memory().unwrap();
    load(&store, "seed", &seed_text());
    let founding = rows(
        &store,
        "SELECT ?date ?dt WHERE { ?o rdfs:label \"中国职工对外交流中心\"@zh ; schema:foundingDate ?date . BIND(DATATYPE(?date) AS ?dt) }",
    );
    assert_eq!(
        founding,
        vec![vec![
            "1984".to_owned(),
            "<http://www.w3.org/2001/XMLSchema#gYear>".to_owned()
        ]]
    );
    let based = rows(
        &store,
        "SELECT ?evidence WHERE {
           ?o rdfs:label \"中国职工旅行社\"@zh ; pkg:basedOn ?b . ?b rdfs:label \"中国职工对外交流中心\"@zh .
           ?st a pkg:Statement ; rdf:subject ?o ; rdf:predicate pkg:basedOn ; pkg:evidence ?s .
           ?s nif:anchorOf ?evidence }",
    );
    assert_eq!(based.len(), 1);
    assert!(
        based[0][0].contains("在此基础上成立了中国职工旅行社"),
        "{based:?}"
    );
    let measures = rows(
        &store,
        "SELECT ?label WHERE { ?m a pkg:Measure ; rdfs:label ?label ; pkg:ordinal ?o } ORDER BY ?o",
    );
    assert_eq!(measures.len(), 4);
    assert_eq!(measures[0][0], "加强人员之间的交往");
    let times = rows(
        &store,
        "SELECT ?v ?s ?e WHERE { ?t a pkg:TimeExpression ; rdfs:label \"20世纪50年代\"@zh ; pkg:normalizedValue ?v ; pkg:intervalStart ?s ; pkg:intervalEnd ?e }",
    );
    assert_eq!(
        times,
        vec![vec![
            "195X".to_owned(),
            "1950".to_owned(),
            "1959".to_owned()
        ]]
    );
}

#[test]
fn entities_are_shared_and_documents_replace_only_their_graph() {
    let store = KgStore::in_memory().unwrap();
    assert_eq!(
        load(
            &store,
            "a",
            "（一）甲\n中国工会在1984年成立了中国职工对外交流中心。"
        ),
        LoadOutcome::Added
    );
    assert_eq!(
        load(&store, "b", "（一）乙\n中国工会同国际劳工组织开展合作。"),
        LoadOutcome::Added
    );
    let iris = rows(
        &store,
        "SELECT DISTINCT ?e WHERE { ?m itsrdf:taIdentRef ?e . ?e rdfs:label \"中国工会\"@zh }",
    );
    assert_eq!(
        iris.len(),
        1,
        "one IRI for 中国工会 across documents: {iris:?}"
    );
    let graphs = rows(
        &store,
        "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { ?e rdfs:label \"中国工会\"@zh . GRAPH ?g { ?m itsrdf:taIdentRef ?e } }",
    );
    assert_eq!(graphs[0][0], "2");
    // Described once, so counts over the union of graphs are right.
    let mentions = rows(
        &store,
        "SELECT (COUNT(?m) AS ?n) WHERE { ?e a pkg:Organization ; rdfs:label \"中国工会\"@zh . ?m itsrdf:taIdentRef ?e }",
    );
    assert_eq!(mentions[0][0], "2");
    // Same content again: skipped.
    assert_eq!(
        load(
            &store,
            "a",
            "（一）甲\n中国工会在1984年成立了中国职工对外交流中心。"
        ),
        LoadOutcome::Unchanged
    );
    let before_b = rows(
        &store,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/policykg/id/doc/b> { ?s ?p ?o } }",
    );
    // Changed content: a's graph is replaced, b's untouched, nothing of the old a remains.
    assert_eq!(
        load(&store, "a", "（一）甲\n全新的内容。"),
        LoadOutcome::Replaced
    );
    let after_b = rows(
        &store,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/policykg/id/doc/b> { ?s ?p ?o } }",
    );
    assert_eq!(before_b, after_b);
    let old = rows(
        &store,
        "SELECT ?o WHERE { GRAPH <https://w3id.org/policykg/id/doc/a> { ?o rdfs:label \"中国职工对外交流中心\"@zh } }",
    );
    assert!(old.is_empty());
    assert_eq!(store.document_graphs().unwrap().len(), 2);
}

#[test]
fn stats_count_the_seed() {
    let store = KgStore::in_memory().unwrap();
    load(&store, "seed", &seed_text());
    let stats = store.stats().unwrap();
    assert_eq!(stats.documents, 1);
    assert_eq!(
        stats.sections_by_level,
        vec![(1, 4)],
        "the repeated section (一) is counted once"
    );
    assert_eq!(stats.measures, 4);
    let orgs = stats
        .entities_by_type
        .iter()
        .find(|(c, _)| c == "Organization")
        .unwrap()
        .1;
    assert!(orgs >= 4);
    assert!(stats.triples > 500);
    // Mentions by type: the mention is in the document's graph, its entity's type
    // in the entities graph; every mention is counted under exactly one type.
    let by_type: std::collections::BTreeMap<&str, u64> = stats
        .mentions_by_type
        .iter()
        .map(|(c, n)| (c.as_str(), *n))
        .collect();
    assert!(
        by_type.get("Organization").is_some_and(|&n| n >= orgs),
        "{by_type:?}"
    );
    assert!(by_type.contains_key("TimeExpression"), "{by_type:?}");
    assert_eq!(by_type.values().sum::<u64>(), stats.mentions, "{by_type:?}");
}

/// Three real documents' quads, each with its graph IRI.
fn three_documents() -> Vec<(oxigraph::model::NamedNode, Vec<oxigraph::model::Quad>)> {
    let settings = Settings::default();
    let law = std::fs::read_to_string(
        crate::root().join("../shared/corpus/laws/宪法相关法/国旗法(2020-10-17).md"),
    )
    .unwrap();
    [
        ("seed", seed_text()),
        ("flag", law),
        (
            "short",
            "（一）标题\n中国职工对外交流中心成立于1984年。".to_owned(),
        ),
    ]
    .into_iter()
    .map(|(id, text)| {
        let doc = Document::from_text(id, text);
        (
            pipeline::graph_iri(&doc, &settings),
            pipeline::convert(doc, &settings),
        )
    })
    .collect()
}

fn sorted_quads(store: &KgStore) -> Vec<String> {
    let mut quads: Vec<String> = store.quads(None).map(|q| q.unwrap().to_string()).collect();
    quads.sort();
    quads
}

#[test]
fn the_bulk_writer_stores_exactly_the_documents_whatever_the_batches_and_commits() {
    use policykg::store::BulkOptions;
    let documents = three_documents();
    let mut expected: Vec<String> = documents
        .iter()
        .flat_map(|(_, quads)| quads.iter().map(ToString::to_string))
        .collect();
    expected.sort();
    expected.dedup();
    // Batches far smaller than a document, so documents are cut across batches and
    // threads; commits after some documents; and one commit only at the end.
    for options in [
        BulkOptions {
            threads: 2,
            batch_quads: 97,
            commit_every: Some(500),
        },
        BulkOptions {
            threads: 1,
            batch_quads: 1000,
            commit_every: None,
        },
        BulkOptions {
            threads: 3,
            batch_quads: 50,
            commit_every: Some(1),
        },
    ] {
        // On disk: the bulk loader of a persistent store writes sorted files and
        // moves them into the store when it commits.
        let dir = tempfile::tempdir().unwrap();
        let store = KgStore::open(dir.path()).unwrap();
        let mut writer = store.bulk_writer(options);
        for (_, quads) in documents.clone() {
            writer.add_document(quads).unwrap();
        }
        writer.finish().unwrap();
        let stored = sorted_quads(&store);
        assert_eq!(stored.len(), expected.len(), "{options:?}");
        assert_eq!(stored, expected, "{options:?}");
        let graphs: Vec<_> = documents.iter().map(|(g, _)| g.clone()).collect();
        let mut stored = store.document_graphs().unwrap();
        stored.sort();
        let mut want = graphs.clone();
        want.sort();
        assert_eq!(stored, want, "{options:?}");
    }
}

#[test]
fn the_bulk_writer_commits_whole_documents_and_drops_what_it_did_not_commit() {
    use policykg::store::BulkOptions;
    let documents = three_documents();
    let (seed, short) = (&documents[0], &documents[2]);
    assert!(short.1.len() < seed.1.len());
    let dir = tempfile::tempdir().unwrap();
    let store = KgStore::open(dir.path()).unwrap();
    {
        // A commit is due once the seed is in; the short document, below the
        // commit size, waits for the next one, which never comes: the writer is
        // dropped, as in a crash, with the short document already in a batch.
        let mut writer = store.bulk_writer(BulkOptions {
            threads: 2,
            batch_quads: 16,
            commit_every: Some(seed.1.len() as u64),
        });
        writer.add_document(seed.1.clone()).unwrap();
        writer.add_document(short.1.clone()).unwrap();
    }
    let mut expected: Vec<String> = seed.1.iter().map(ToString::to_string).collect();
    expected.sort();
    expected.dedup();
    let stored = sorted_quads(&store);
    assert_eq!(stored.len(), expected.len());
    assert_eq!(stored, expected);
    assert_eq!(store.document_graphs().unwrap(), vec![seed.0.clone()]);
}
