//! JSON-LD output: one object per document graph, nodes grouped by subject, IRIs
//! compacted with the project's prefixes, which the `@context` declares.
//!
//! Oxigraph's JSON-LD writer cannot compact (oxigraph issue #1543), so this module
//! writes the JSON itself with serde_json. Any JSON-LD 1.1 processor expands it
//! back to the same quads.

use super::ExportError;
use crate::vocab::{PREFIXES, xsd};
use indexmap::IndexMap;
use oxigraph::model::{GraphName, Literal, NamedOrBlankNode, Quad, Term};
use serde_json::{Map, Value, json};
use std::io::Write;

type Node = IndexMap<String, Vec<Value>>;

/// Compacts an IRI with the longest matching prefix, or leaves it whole.
fn compact(iri: &str, prefixes: &[(&str, &str)]) -> String {
    prefixes
        .iter()
        .filter(|(_, ns)| iri.starts_with(ns) && iri.len() > ns.len())
        .max_by_key(|(_, ns)| ns.len())
        .map(|(p, ns)| {
            let local = &iri[ns.len()..];
            // A local part starting with // would read as an absolute IRI.
            if local.starts_with("//") {
                iri.to_owned()
            } else {
                format!("{p}:{local}")
            }
        })
        .unwrap_or_else(|| iri.to_owned())
}

fn subject_id(s: &NamedOrBlankNode, prefixes: &[(&str, &str)]) -> String {
    match s {
        NamedOrBlankNode::NamedNode(n) => compact(n.as_str(), prefixes),
        NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
    }
}

fn literal(l: &Literal, prefixes: &[(&str, &str)]) -> Value {
    if let Some(lang) = l.language() {
        return json!({"@value": l.value(), "@language": lang});
    }
    let datatype = l.datatype().as_str();
    if datatype == xsd::STRING {
        return Value::String(l.value().to_owned());
    }
    if datatype == xsd::INTEGER {
        // Only canonical integers round-trip as JSON numbers.
        if let Ok(n) = l.value().parse::<i64>()
            && n.to_string() == l.value()
        {
            return json!(n);
        }
    }
    json!({"@value": l.value(), "@type": compact(datatype, prefixes)})
}

fn object(o: &Term, prefixes: &[(&str, &str)]) -> Value {
    match o {
        Term::NamedNode(n) => json!({"@id": compact(n.as_str(), prefixes)}),
        Term::BlankNode(b) => json!({"@id": format!("_:{}", b.as_str())}),
        Term::Literal(l) => literal(l, prefixes),
        #[allow(unreachable_patterns)]
        _ => Value::Null,
    }
}

/// Writes quads as JSON-LD with the project's prefixes in the context.
pub fn write<E>(
    base: &str,
    quads: impl IntoIterator<Item = Result<Quad, E>>,
    mut out: impl Write,
) -> Result<(), ExportError<E>> {
    let mut prefixes: Vec<(&str, &str)> = PREFIXES.to_vec();
    prefixes.push(("id", base));
    let rdf_type = crate::vocab::rdf::TYPE;
    // graph → subject → property → values, in order of first appearance.
    let mut graphs: IndexMap<Option<String>, IndexMap<String, Node>> = IndexMap::new();
    for quad in quads {
        let quad = quad.map_err(ExportError::Source)?;
        let graph = match &quad.graph_name {
            GraphName::NamedNode(n) => Some(compact(n.as_str(), &prefixes)),
            GraphName::BlankNode(b) => Some(format!("_:{}", b.as_str())),
            GraphName::DefaultGraph => None,
        };
        let node = graphs
            .entry(graph)
            .or_default()
            .entry(subject_id(&quad.subject, &prefixes))
            .or_default();
        if quad.predicate.as_str() == rdf_type
            && let Term::NamedNode(class) = &quad.object
        {
            node.entry("@type".into())
                .or_default()
                .push(Value::String(compact(class.as_str(), &prefixes)));
            continue;
        }
        let values = node
            .entry(compact(quad.predicate.as_str(), &prefixes))
            .or_default();
        let value = object(&quad.object, &prefixes);
        if !values.contains(&value) {
            values.push(value);
        }
    }
    let nodes = |subjects: IndexMap<String, Node>| -> Vec<Value> {
        subjects
            .into_iter()
            .map(|(id, props)| {
                let mut obj = Map::new();
                obj.insert("@id".into(), Value::String(id));
                for (p, mut values) in props {
                    let v = if values.len() == 1 {
                        values.remove(0)
                    } else {
                        Value::Array(values)
                    };
                    obj.insert(p, v);
                }
                Value::Object(obj)
            })
            .collect()
    };
    let mut top = Vec::new();
    for (graph, subjects) in graphs {
        match graph {
            Some(g) => top.push(json!({"@id": g, "@graph": nodes(subjects)})),
            None => top.extend(nodes(subjects)),
        }
    }
    let mut context = Map::new();
    for (p, ns) in &prefixes {
        context.insert((*p).to_owned(), Value::String((*ns).to_owned()));
    }
    let doc = json!({"@context": context, "@graph": top});
    serde_json::to_writer_pretty(&mut out, &doc).map_err(std::io::Error::from)?;
    out.write_all(b"\n")?;
    Ok(())
}
