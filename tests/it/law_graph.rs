//! The law graph on real laws of ../shared/corpus/laws: works and versions,
//! header metadata, citations and article references resolved across documents
//! in the store, the shipped legal queries, and the citation graph in NetworkX.

use crate::{policykg, root};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use policykg::store::KgStore;
use std::path::{Path, PathBuf};

fn laws(path: &str) -> PathBuf {
    let p = root().join("../shared/corpus/laws").join(path);
    assert!(p.exists(), "{}: the shared corpus is missing", p.display());
    p
}

fn load(store: &Path, inputs: &[PathBuf]) {
    policykg()
        .arg("load")
        .args(inputs)
        .arg("--store")
        .arg(store)
        .assert()
        .success();
}

fn rows(store: &Path, query: &str) -> Vec<Vec<String>> {
    let store = KgStore::open_read_only(store).unwrap();
    let QueryResults::Solutions(solutions) = store.query(query).unwrap() else {
        panic!("a SELECT query")
    };
    solutions
        .map(|s| {
            s.unwrap()
                .values()
                .iter()
                .map(|v| match v {
                    Some(Term::Literal(l)) => l.value().to_owned(),
                    Some(Term::NamedNode(n)) => n.as_str().to_owned(),
                    Some(t) => t.to_string(),
                    None => String::new(),
                })
                .collect()
        })
        .collect()
}

fn shipped(name: &str) -> String {
    std::fs::read_to_string(root().join("queries").join(name)).unwrap()
}

const ID: &str = "https://w3id.org/policykg/id/";

/// Two versions of one law loaded one after the other stay two versions of one
/// work, each with its date and header.
#[test]
fn two_versions_of_one_law_are_one_work() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    load(&store, &[laws("经济法/野生动物保护法(2018-10-26).md")]);
    load(&store, &[laws("经济法/野生动物保护法(2022-12-30).md")]);
    let versions = rows(
        &store,
        "SELECT ?v ?date ?adopted WHERE { ?w rdfs:label \"野生动物保护法\"@zh ; eli:is_realized_by ?v .
           ?v eli:realizes ?w ; eli:version_date ?date ; eli:date_document ?adopted } ORDER BY ?date",
    );
    let dates: Vec<(&str, &str)> = versions
        .iter()
        .map(|r| (r[1].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        dates,
        [("2018-10-26", "1988-11-08"), ("2022-12-30", "1988-11-08")],
        "{versions:?}"
    );
    // Articles are named by number in each version, and realise the work's article.
    let article = rows(
        &store,
        &format!(
            "SELECT ?a WHERE {{ ?a eli:realizes <{ID}law/野生动物保护法/article/20> }} ORDER BY ?a"
        ),
    );
    assert_eq!(article.len(), 2, "{article:?}");
    assert!(
        article.iter().all(|r| r[0].ends_with("/article/20")),
        "{article:?}"
    );
    // The shipped query: on 2020-01-01 the 2018 version is the one in force.
    let in_force = rows(&store, &shipped("laws-in-force.rq"));
    assert_eq!(in_force.len(), 1, "{in_force:?}");
    assert_eq!(in_force[0][2], "2018-10-26");
}

/// A law's header, a judicial interpretation citing the 民法典 by article, and
/// the 民法典's books: references resolve across documents through the works.
#[test]
fn citations_and_references_resolve_across_laws() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    load(
        &store,
        &[
            laws("民法典"),
            laws("行政法/广告法(2021-04-29).md"),
            laws("经济法/注册会计师法(2014-08-31).md"),
            laws("司法解释/最高人民法院关于适用《民法典》合同编通则若干问题的解释(2023-12-04).md"),
            laws("宪法相关法"),
        ],
    );
    // Header: adopted, by whom, amended three times by named decisions.
    let history = rows(&store, &shipped("amendment-history.rq"));
    let events: Vec<(&str, &str)> = history
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    assert_eq!(
        events,
        [
            ("1994-10-27", "通过"),
            ("2015-04-24", "修订"),
            ("2018-10-26", "第一次修正"),
            ("2021-04-29", "第二次修正")
        ],
        "{history:?}"
    );
    assert!(
        history[2][2].starts_with("关于修改〈野生动物保护法〉等十五部法律的决定"),
        "{history:?}"
    );
    let passed = rows(
        &store,
        "SELECT ?organ WHERE { ?v eli:realizes/rdfs:label \"广告法\"@zh ; eli:passed_by/rdfs:label ?organ }",
    );
    assert_eq!(passed, [["全国人民代表大会常务委员会"]]);

    // 本法第二十二条第（一）项 names the item of this version.
    let own = rows(
        &store,
        "SELECT ?target WHERE { ?r a pkg:ArticleReference ; nif:anchorOf \"本法第二十二条第（一）项\" ; pkg:refersTo ?target . ?target a pkg:Paragraph }",
    );
    assert_eq!(own.len(), 1, "{own:?}");
    assert!(
        own[0][0].ends_with("/article/22/paragraph/1/item/1"),
        "{own:?}"
    );

    // The interpretation's 民法典第五百八十四条 reaches the 合同编's article 584.
    let applying = rows(&store, &shipped("articles-applying.rq"));
    assert!(
        applying.iter().any(|r| r[1].contains("合同编通则")),
        "{applying:?}"
    );
    let text = rows(
        &store,
        &format!(
            "SELECT ?v ?n WHERE {{ ?a eli:realizes <{ID}law/民法典/article/584> ; pkg:numbering ?n ; dcterms:isPartOf+ ?v . ?v a eli:LegalExpression }}"
        ),
    );
    assert_eq!(text.len(), 1, "{text:?}");
    assert!(text[0][0].ends_with("合同编"), "{text:?}");
    assert_eq!(text[0][1], "第五百八十四条");

    // Every reference in these laws names a node the store holds, or a law it
    // does not hold.
    let refs = rows(
        &store,
        "SELECT ?target (EXISTS { ?target a ?c } || EXISTS { ?x eli:realizes ?target } AS ?held)
         WHERE { ?r a pkg:ArticleReference ; pkg:refersTo ?target }",
    );
    let works: std::collections::HashSet<String> = rows(
        &store,
        "SELECT DISTINCT ?w WHERE { ?d eli:realizes/eli:is_part_of? ?w }",
    )
    .into_iter()
    .map(|r| r[0].clone())
    .collect();
    let in_store: Vec<_> = refs
        .iter()
        .filter(|r| {
            !r[0].contains("/law/")
                || r[0]
                    .split_once("/article/")
                    .is_some_and(|(w, _)| works.contains(w))
        })
        .collect();
    let resolved = in_store.iter().filter(|r| r[1] == "true").count();
    assert!(refs.len() > 500, "{}", refs.len());
    assert!(
        resolved as f64 >= 0.95 * in_store.len() as f64,
        "{resolved} of {} references resolve",
        in_store.len()
    );
    // 根据宪法，制定本法.
    let based = rows(
        &store,
        "SELECT (COUNT(DISTINCT ?w) AS ?n) WHERE { ?w eli:based_on ?c . ?c rdfs:label \"宪法\"@zh }",
    );
    assert!(based[0][0].parse::<u32>().unwrap() >= 10, "{based:?}");
    // The books are parts of one work.
    let books = rows(
        &store,
        &format!(
            "SELECT ?b WHERE {{ ?b eli:is_part_of <{ID}law/民法典> ; eli:is_realized_by ?v }}"
        ),
    );
    assert_eq!(books.len(), 8, "{books:?}");

    // Most cited: the constitution, by every law 根据宪法 made.
    let cited = rows(&store, &shipped("most-cited-laws.rq"));
    assert_eq!(cited[0][1], "宪法", "{cited:?}");

    // The citation graph opens in NetworkX with the laws as nodes.
    let graphml = dir.path().join("citations.graphml");
    policykg()
        .args(["export", "--construct"])
        .arg(root().join("queries/citation-graph.rq"))
        .arg("-o")
        .arg(&graphml)
        .arg("--store")
        .arg(&store)
        .assert()
        .success();
    let output = std::process::Command::new(crate::venv_python())
        .arg(root().join("tests/external/rdf_tools.py"))
        .arg("graphml")
        .arg(&graphml)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(answer["labels"]["Legislation"], answer["nodes"], "{answer}");
    assert!(
        answer["edge_types"]["cites"].as_u64().unwrap() > 20,
        "{answer}"
    );
    assert!(answer["nodes"].as_u64().unwrap() > 50, "{answer}");
}
