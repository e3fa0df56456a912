//! Property graphs for tools that do not read RDF: GraphML (Gephi, Cytoscape, yEd,
//! NetworkX) and a nodes/relationships CSV pair for `neo4j-admin database import`.
//!
//! Every IRI is a node; its rdf:types become labels (Section, Organization …) and
//! its literal values become properties named by the context's short terms
//! (`title`, `begin`, `label` …). A triple whose object is an IRI becomes an edge
//! whose type is the predicate's short term (`isPartOf`, `entity`, `cites` …).
//! Quads stream through one document graph at a time: a document's own nodes are
//! written when its graph ends; the entities, which several graphs describe, are
//! merged and written once, at the end. Each node is written once, as both formats
//! require, and an IRI that is only ever an object gets a node labelled `Resource`.

use super::jsonld;
use crate::vocab::rdf;
use oxigraph::model::{GraphName, NamedOrBlankNode, Quad, Term};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Write};

/// The property columns: every forward term of the context, in a fixed order.
fn property_keys() -> Vec<(String, String)> {
    let mut keys: Vec<(String, String)> = jsonld::property_terms()
        .into_iter()
        .map(|(iri, term)| (term, iri))
        .collect();
    keys.sort();
    keys
}

/// A node being collected.
#[derive(Default)]
struct Node {
    labels: Vec<String>,
    properties: BTreeMap<String, Vec<String>>,
}

impl Node {
    fn label(&mut self, label: String) {
        if !self.labels.contains(&label) {
            self.labels.push(label);
        }
    }
}

/// Where nodes and edges go.
trait GraphWriter {
    fn node(&mut self, id: &str, node: &Node) -> io::Result<()>;
    fn edge(&mut self, from: &str, to: &str, kind: &str) -> io::Result<()>;
    fn finish(&mut self) -> io::Result<()>;
}

fn term_id(term: &NamedOrBlankNode) -> String {
    match term {
        NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
        NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
    }
}

/// A node label for a class: its context term (`Section`, `Organization`), else its
/// local name (`Concept` for skos:Concept), so labels never hold a `:`. A node typed
/// pkg:Organization and org:Organization gets the label once.
fn node_label(class: &str) -> String {
    let term = jsonld::class_term(class);
    match term.rsplit_once([':', '/', '#']) {
        Some((_, local)) if !local.is_empty() => local.to_owned(),
        _ => term,
    }
}

/// Whether a node belongs to one document graph: the document itself and the
/// sections, sentences, mentions … minted under its IRI.
fn is_local(graph: &str, id: &str) -> bool {
    !graph.is_empty()
        && id
            .strip_prefix(graph)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Groups a stream of quads into nodes and edges, and hands them to a writer.
///
/// Edges are written as they come. A node local to a document graph is held until
/// its graph ends, so memory holds one document; nodes shared between graphs (the
/// entities, described in the entities graph and named in facts of several
/// documents) are merged across graphs and written at the end.
struct Builder<W: GraphWriter> {
    writer: W,
    /// The graph whose quads are coming in.
    graph: String,
    /// Nodes local to that graph.
    local: HashMap<String, Node>,
    /// Local IRIs seen as objects, which need nodes even if nothing describes them.
    local_objects: HashSet<String>,
    /// Nodes shared between graphs, in IRI order.
    shared: BTreeMap<String, Node>,
    /// Predicate IRI → property name, for literal values.
    properties: HashMap<String, String>,
    counts: GraphCounts,
}

impl<W: GraphWriter> Builder<W> {
    fn new(writer: W) -> Self {
        Self {
            writer,
            graph: String::new(),
            local: HashMap::new(),
            local_objects: HashSet::new(),
            shared: BTreeMap::new(),
            properties: property_keys()
                .into_iter()
                .map(|(term, iri)| (iri, term))
                .collect(),
            counts: GraphCounts::default(),
        }
    }

    /// Writes the nodes of the graph that just ended.
    fn end_graph(&mut self) -> io::Result<()> {
        let mut ids: Vec<String> = self.local.keys().cloned().collect();
        for object in self.local_objects.drain() {
            if !self.local.contains_key(&object) {
                ids.push(object);
            }
        }
        ids.sort();
        for id in ids {
            let node = self.local.remove(&id).unwrap_or_default();
            self.write_node(&id, node)?;
        }
        Ok(())
    }

    fn write_node(&mut self, id: &str, mut node: Node) -> io::Result<()> {
        if node.labels.is_empty() {
            node.labels.push("Resource".into());
        }
        self.writer.node(id, &node)?;
        self.counts.nodes += 1;
        Ok(())
    }

    fn node(&mut self, id: &str) -> &mut Node {
        if is_local(&self.graph, id) {
            self.local.entry(id.to_owned()).or_default()
        } else {
            self.shared.entry(id.to_owned()).or_default()
        }
    }

    fn quad(&mut self, quad: &Quad) -> io::Result<()> {
        let graph = match &quad.graph_name {
            GraphName::NamedNode(g) => g.as_str(),
            _ => "",
        };
        if graph != self.graph {
            self.end_graph()?;
            self.graph = graph.to_owned();
        }
        let subject = term_id(&quad.subject);
        let predicate = quad.predicate.as_str();
        match &quad.object {
            Term::NamedNode(class) if predicate == rdf::TYPE => {
                let label = node_label(class.as_str());
                self.node(&subject).label(label);
            }
            Term::NamedNode(_) | Term::BlankNode(_) => {
                let object = match &quad.object {
                    Term::NamedNode(n) => n.as_str().to_owned(),
                    Term::BlankNode(b) => format!("_:{}", b.as_str()),
                    _ => unreachable!("matched above"),
                };
                self.node(&subject);
                if is_local(&self.graph, &object) {
                    self.local_objects.insert(object.clone());
                } else {
                    self.shared.entry(object.clone()).or_default();
                }
                let kind = jsonld::property_term(predicate);
                self.writer.edge(&subject, &object, &kind)?;
                self.counts.edges += 1;
            }
            Term::Literal(l) => {
                let key = self.properties.get(predicate).cloned();
                let node = self.node(&subject);
                if let Some(key) = key {
                    let values = node.properties.entry(key).or_default();
                    if !values.iter().any(|v| v == l.value()) {
                        values.push(l.value().to_owned());
                    }
                }
            }
            #[allow(unreachable_patterns)]
            _ => {}
        }
        Ok(())
    }

    fn finish(mut self) -> io::Result<GraphCounts> {
        self.end_graph()?;
        for (id, node) in std::mem::take(&mut self.shared) {
            self.write_node(&id, node)?;
        }
        self.writer.finish()?;
        Ok(self.counts)
    }
}

/// What a property-graph export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GraphCounts {
    /// Nodes written.
    pub nodes: u64,
    /// Edges written.
    pub edges: u64,
}

/// Quads in, nodes and edges out. The quads come grouped by graph, as a store
/// lists them.
fn run<W: GraphWriter, E>(
    writer: W,
    quads: impl IntoIterator<Item = Result<Quad, E>>,
) -> Result<GraphCounts, super::ExportError<E>> {
    let mut builder = Builder::new(writer);
    for quad in quads {
        builder.quad(&quad.map_err(super::ExportError::Source)?)?;
    }
    Ok(builder.finish()?)
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 forbids.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

struct GraphMl<W: Write> {
    out: W,
    keys: Vec<String>,
    edge_id: u64,
}

impl<W: Write> GraphWriter for GraphMl<W> {
    fn node(&mut self, id: &str, node: &Node) -> io::Result<()> {
        write!(self.out, "    <node id=\"{}\">", xml_escape(id))?;
        write!(
            self.out,
            "<data key=\"labels\">{}</data>",
            xml_escape(&node.labels.join(":"))
        )?;
        for (i, key) in self.keys.iter().enumerate() {
            if let Some(values) = node.properties.get(key) {
                write!(
                    self.out,
                    "<data key=\"p{i}\">{}</data>",
                    xml_escape(&values.join("|"))
                )?;
            }
        }
        writeln!(self.out, "</node>")
    }

    fn edge(&mut self, from: &str, to: &str, kind: &str) -> io::Result<()> {
        self.edge_id += 1;
        writeln!(
            self.out,
            "    <edge id=\"e{}\" source=\"{}\" target=\"{}\"><data key=\"type\">{}</data></edge>",
            self.edge_id,
            xml_escape(from),
            xml_escape(to),
            xml_escape(kind)
        )
    }

    fn finish(&mut self) -> io::Result<()> {
        writeln!(self.out, "  </graph>\n</graphml>")?;
        self.out.flush()
    }
}

/// Writes GraphML: node attribute `labels` (types joined by `:`), one attribute per
/// property term, and edge attribute `type`.
pub fn write_graphml<E>(
    quads: impl IntoIterator<Item = Result<Quad, E>>,
    mut out: impl Write,
) -> Result<GraphCounts, super::ExportError<E>> {
    let keys: Vec<String> = property_keys().into_iter().map(|(term, _)| term).collect();
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        out,
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">"
    )?;
    writeln!(
        out,
        "  <key id=\"labels\" for=\"node\" attr.name=\"labels\" attr.type=\"string\"/>"
    )?;
    for (i, key) in keys.iter().enumerate() {
        writeln!(
            out,
            "  <key id=\"p{i}\" for=\"node\" attr.name=\"{}\" attr.type=\"string\"/>",
            xml_escape(key)
        )?;
    }
    writeln!(
        out,
        "  <key id=\"type\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>"
    )?;
    writeln!(out, "  <graph id=\"policykg\" edgedefault=\"directed\">")?;
    let counts = run(
        GraphMl {
            out,
            keys,
            edge_id: 0,
        },
        quads,
    )?;
    Ok(counts)
}

struct Neo4jCsv<N: Write, R: Write> {
    nodes: csv::Writer<N>,
    relationships: csv::Writer<R>,
    keys: Vec<String>,
}

fn csv_error(e: csv::Error) -> io::Error {
    io::Error::other(e)
}

impl<N: Write, R: Write> GraphWriter for Neo4jCsv<N, R> {
    fn node(&mut self, id: &str, node: &Node) -> io::Result<()> {
        let mut row = vec![id.to_owned(), node.labels.join(";")];
        for key in &self.keys {
            // Multiple values go in one string[] cell, separated by ';'.
            row.push(
                node.properties
                    .get(key)
                    .map(|v| v.join(";"))
                    .unwrap_or_default(),
            );
        }
        self.nodes.write_record(&row).map_err(csv_error)
    }

    fn edge(&mut self, from: &str, to: &str, kind: &str) -> io::Result<()> {
        self.relationships
            .write_record([from, to, kind])
            .map_err(csv_error)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.nodes.flush()?;
        self.relationships.flush()
    }
}

/// Writes the nodes and relationships files of `neo4j-admin database import full`:
/// `id:ID,:LABEL,<property>:string[]…` and `:START_ID,:END_ID,:TYPE`.
pub fn write_neo4j_csv<E>(
    quads: impl IntoIterator<Item = Result<Quad, E>>,
    nodes: impl Write,
    relationships: impl Write,
) -> Result<GraphCounts, super::ExportError<E>> {
    let keys: Vec<String> = property_keys().into_iter().map(|(term, _)| term).collect();
    let mut nodes = csv::Writer::from_writer(nodes);
    let mut relationships = csv::Writer::from_writer(relationships);
    let mut header = vec!["id:ID".to_owned(), ":LABEL".to_owned()];
    header.extend(keys.iter().map(|k| format!("{k}:string[]")));
    nodes.write_record(&header).map_err(csv_error)?;
    relationships
        .write_record([":START_ID", ":END_ID", ":TYPE"])
        .map_err(csv_error)?;
    let counts = run(
        Neo4jCsv {
            nodes,
            relationships,
            keys,
        },
        quads,
    )?;
    Ok(counts)
}
