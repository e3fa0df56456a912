//! `policykg export`: the store, or one document graph, in an RDF syntax or as a
//! property graph (GraphML, Neo4j import CSV).

use super::args::ExportArgs;
use super::open_output;
use anyhow::{Context, Result};
use oxigraph::model::NamedNode;
use policykg::export::{self, Format, property_graph};
use policykg::store::KgStore;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// What `export` writes.
enum Target {
    Rdf(Format),
    GraphMl,
    Neo4j,
}

fn target(args: &ExportArgs) -> Result<Target> {
    let name = args.format.clone().or_else(|| {
        let path = args.output.as_deref()?;
        path.extension().map(|e| e.to_string_lossy().into_owned())
    });
    Ok(
        match name.as_deref().map(str::to_ascii_lowercase).as_deref() {
            Some("graphml") => Target::GraphMl,
            Some("neo4j" | "csv") => Target::Neo4j,
            Some(other) => {
                Target::Rdf(Format::from_name(other).map_err(|e| {
                    anyhow::anyhow!("{e}; for property graphs use graphml or neo4j")
                })?)
            }
            None => Target::Rdf(Format::NQuads),
        },
    )
}

/// Writes quads as RDF or GraphML, as `export` does for the store and for a
/// CONSTRUCT's graph.
fn write_graph<E>(
    target: Target,
    quads: impl Iterator<Item = Result<oxigraph::model::Quad, E>>,
    args: &ExportArgs,
) -> Result<()>
where
    E: std::error::Error + Send + Sync + 'static,
{
    let mut out = open_output(args.output.as_deref())?;
    match target {
        Target::Rdf(format) => {
            let mut writer = export::QuadWriter::new(
                format,
                &mut out,
                &super::convert::context_ref(&args.context),
            )?;
            for quad in quads {
                writer.write(quad?)?;
            }
            writer.finish()?;
        }
        Target::GraphMl => {
            let counts = property_graph::write_graphml(quads, &mut out)?;
            eprintln!(
                "wrote GraphML: {} nodes, {} edges",
                counts.nodes, counts.edges
            );
        }
        Target::Neo4j => unreachable!("neo4j writes two files"),
    }
    out.flush()?;
    Ok(())
}

/// Exports the graph a CONSTRUCT query builds, in the default graph.
fn construct(store: &KgStore, file: &Path, args: &ExportArgs, target: Target) -> Result<ExitCode> {
    use oxigraph::model::{GraphName, Quad};
    use oxigraph::sparql::QueryResults;
    let sparql = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read the query file {}", file.display()))?;
    let QueryResults::Graph(triples) = store
        .query(&sparql)
        .with_context(|| format!("the query in {} failed", file.display()))?
    else {
        anyhow::bail!(
            "{} is not a CONSTRUCT or DESCRIBE query; export writes a graph",
            file.display()
        );
    };
    let quads = triples
        .map(|t| t.map(|t| Quad::new(t.subject, t.predicate, t.object, GraphName::DefaultGraph)));
    match target {
        Target::Neo4j => {
            anyhow::bail!("--construct writes RDF or GraphML; for neo4j export the store")
        }
        target => write_graph(target, quads, args)?,
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run(args: ExportArgs) -> Result<ExitCode> {
    let target = target(&args)?;
    let graph = args
        .graph
        .as_deref()
        .map(|g| NamedNode::new(g).with_context(|| format!("{g:?} is not a valid IRI")))
        .transpose()?;
    let store = KgStore::open_read_only(&args.store.store)?;
    if let Some(file) = &args.construct {
        return construct(&store, file, &args, target);
    }
    if let Some(g) = &graph
        && !store.document_graphs()?.contains(g)
    {
        anyhow::bail!(
            "no document graph {g} in {}; list them with `policykg query 'SELECT ?g WHERE {{ GRAPH ?g {{ ?g a <https://w3id.org/policykg/ontology#Document> }} }}'`",
            args.store.store.display()
        );
    }
    match target {
        Target::Rdf(_) | Target::GraphMl => {
            write_graph(target, store.quads(graph.as_ref()), &args)?
        }
        Target::Neo4j => {
            let dir = args
                .output
                .as_deref()
                .context("neo4j export writes two files: give the folder for them with -o DIR")?;
            std::fs::create_dir_all(dir)
                .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
            let create = |name: &str| -> Result<std::io::BufWriter<std::fs::File>> {
                let path = Path::new(dir).join(name);
                let file = std::fs::File::create(&path)
                    .with_context(|| format!("{}: cannot create the file", path.display()))?;
                Ok(std::io::BufWriter::new(file))
            };
            let counts = property_graph::write_neo4j_csv(
                store.quads(graph.as_ref()),
                create("nodes.csv")?,
                create("relationships.csv")?,
            )?;
            eprintln!(
                "wrote {0}/nodes.csv ({1} nodes) and {0}/relationships.csv ({2} relationships); import with: neo4j-admin database import full --nodes={0}/nodes.csv --relationships={0}/relationships.csv",
                dir.display(),
                counts.nodes,
                counts.edges
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
