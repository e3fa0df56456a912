//! `policykg demo`: the bundled document, converted, loaded into a store, and the
//! example queries of `queries/` answered.

use super::args::DemoArgs;
use super::table;
use anyhow::{Context, Result};
use oxigraph::sparql::QueryResults;
use policykg::pipeline::{self, Settings};
use policykg::source::{self, Input, InputKind, ReadOptions};
use policykg::store::KgStore;
use std::path::PathBuf;
use std::process::ExitCode;

/// The bundled document.
const DOCUMENT: (&str, &str) = (
    "data/中国工会国际工作.txt",
    include_str!("../../data/中国工会国际工作.txt"),
);

/// The example queries, in the order the demo asks them.
pub const QUERIES: &[(&str, &str)] = &[
    (
        "queries/sections.rq",
        include_str!("../../queries/sections.rq"),
    ),
    (
        "queries/measures.rq",
        include_str!("../../queries/measures.rq"),
    ),
    (
        "queries/organizations.rq",
        include_str!("../../queries/organizations.rq"),
    ),
    (
        "queries/founding-facts.rq",
        include_str!("../../queries/founding-facts.rq"),
    ),
    (
        "queries/offsets-invariant.rq",
        include_str!("../../queries/offsets-invariant.rq"),
    ),
];

pub fn run(args: DemoArgs) -> Result<ExitCode> {
    let temp;
    let store_dir = match args.store {
        Some(dir) => dir,
        None => {
            temp = tempfile::tempdir()
                .context("cannot create a temporary folder for the demo store")?;
            temp.path().join("store")
        }
    };
    let settings = Settings::default();
    let (path, text) = DOCUMENT;
    let input = Input {
        path: PathBuf::from(path),
        id: "中国工会国际工作".into(),
        kind: InputKind::Text,
    };
    let document = source::read_bytes(&input, text.as_bytes(), &ReadOptions::default())?
        .into_iter()
        .next()
        .context("the bundled document is empty")?;
    println!(
        "policykg demo: {path} ({} characters)\n",
        document.text.chars().count()
    );
    let parsed = pipeline::parse(document, &settings);
    for d in &parsed.outline.diagnostics {
        println!("warning: {path}:{}:{}: {}", d.line, d.column, d.message);
    }
    let graph = pipeline::graph_iri(&parsed.document, &settings);
    let quads = parsed.quads(&settings);
    let store = KgStore::open(&store_dir)?;
    store.replace_graph(&graph, &quads)?;
    let stats = store.stats()?;
    println!("\nLoaded into {} as graph {graph}:", store_dir.display());
    print!("{}", super::stats::render(&stats));
    for (name, sparql) in QUERIES {
        let title = policykg::queries::title(sparql);
        println!("\n== {name}: {title}");
        match store.query(sparql)? {
            QueryResults::Solutions(solutions) => {
                let (text, rows) = table::render(solutions)?;
                println!("{text}\n{rows} row{}", if rows == 1 { "" } else { "s" });
            }
            QueryResults::Boolean(b) => println!("{b}"),
            QueryResults::Graph(_) => println!("(a graph; run it with `policykg query -q {name}`)"),
        }
    }
    println!(
        "\nTry: policykg convert {path} -o out.ttl   |   policykg load data/ && policykg query -q queries/measures.rq"
    );
    Ok(ExitCode::SUCCESS)
}
