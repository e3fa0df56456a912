//! `policykg export`: the store, or one document graph, in an RDF syntax.

use super::args::ExportArgs;
use super::open_output;
use anyhow::{Context, Result};
use oxigraph::model::NamedNode;
use policykg::export::{self, Format};
use policykg::store::KgStore;
use std::process::ExitCode;

pub fn run(args: ExportArgs) -> Result<ExitCode> {
    let format = match &args.format {
        Some(name) => Format::from_name(name)?,
        None => args
            .output
            .as_deref()
            .and_then(Format::from_path)
            .unwrap_or(Format::NQuads),
    };
    let graph = args
        .graph
        .as_deref()
        .map(|g| NamedNode::new(g).with_context(|| format!("{g:?} is not a valid IRI")))
        .transpose()?;
    let store = KgStore::open_read_only(&args.store.store)?;
    if let Some(g) = &graph
        && !store.document_graphs()?.contains(g)
    {
        anyhow::bail!(
            "no document graph {g} in {}; list them with `policykg query 'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{}} }}'`",
            args.store.store.display()
        );
    }
    let mut out = open_output(args.output.as_deref())?;
    let mut writer = export::QuadWriter::new(
        format,
        &mut out,
        &super::convert::context_ref(&args.context),
    )?;
    for quad in store.quads(graph.as_ref()) {
        writer.write(quad?)?;
    }
    writer.finish()?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
