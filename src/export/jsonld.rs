//! JSON-LD output compacted with the project's context (`ontology/context.jsonld`):
//! short keys (`title`, `isPartOf`, `label`), typed values, and each document graph
//! nested so that it reads top-down: document → sections → paragraphs → sentences →
//! mentions, through the context's reverse terms (`parts` for dcterms:isPartOf,
//! `mentions` for pkg:inSentence).
//!
//! Oxigraph's JSON-LD writer cannot compact (oxigraph issue #1543), so this module
//! writes the JSON itself with serde_json, one document graph at a time, so memory
//! holds one graph, not the corpus. Any JSON-LD 1.1 processor expands the output
//! back to the same quads.

use crate::vocab::{PREFIXES, rdf, xsd};
use indexmap::IndexMap;
use oxigraph::model::{GraphName, Literal, NamedOrBlankNode, Quad, Term};
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::LazyLock;

/// The project's JSON-LD context, as shipped in `ontology/context.jsonld`.
pub const CONTEXT: &str = include_str!("../../ontology/context.jsonld");

/// The URL the context is published at, for `--context URL` references.
pub const CONTEXT_URL: &str = "https://w3id.org/policykg/context.jsonld";

/// How the output refers to its context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContextRef {
    /// The whole context inline: the file stands alone.
    Embed,
    /// A reference to a published context.
    Url(String),
}

/// A context term: the IRI it stands for and how its values are coerced.
#[derive(Debug, Clone)]
struct TermDef {
    name: String,
    coerce_id: bool,
    datatype: Option<String>,
    language: Option<String>,
}

/// What the context says, indexed for compaction.
struct Context {
    /// The context object itself.
    json: Value,
    /// Prefix → namespace, longest namespace first.
    prefixes: Vec<(String, String)>,
    /// Property IRI → term, for forward terms.
    properties: HashMap<String, TermDef>,
    /// Class IRI → term.
    classes: HashMap<String, String>,
    /// Property IRI → reverse term name, for nesting children under parents.
    reverse: HashMap<String, String>,
}

static PARSED: LazyLock<Context> = LazyLock::new(|| Context::parse(CONTEXT));

impl Context {
    fn parse(text: &str) -> Self {
        let json: Value =
            serde_json::from_str(text).expect("ontology/context.jsonld is valid JSON");
        let defs = json["@context"]
            .as_object()
            .expect("a @context object")
            .clone();
        let mut prefixes: Vec<(String, String)> = Vec::new();
        for (name, def) in &defs {
            if let Some(ns) = def.as_str().filter(|ns| ns.ends_with(['/', '#'])) {
                prefixes.push((name.clone(), ns.to_owned()));
            }
        }
        for (p, ns) in PREFIXES {
            if !prefixes.iter().any(|(q, _)| q == p) {
                prefixes.push(((*p).to_owned(), (*ns).to_owned()));
            }
        }
        prefixes.sort_by_key(|(_, ns)| std::cmp::Reverse(ns.len()));
        let expand = |value: &str| -> String {
            match value.split_once(':') {
                Some((p, local)) if !local.starts_with("//") => prefixes
                    .iter()
                    .find(|(q, _)| q == p)
                    .map_or_else(|| value.to_owned(), |(_, ns)| format!("{ns}{local}")),
                _ => value.to_owned(),
            }
        };
        let mut properties = HashMap::new();
        let mut classes = HashMap::new();
        let mut reverse = HashMap::new();
        for (name, def) in &defs {
            if name.starts_with('@') {
                continue;
            }
            match def {
                Value::String(iri) if !iri.ends_with(['/', '#']) => {
                    let iri = expand(iri);
                    // Capitalised terms name classes; the others properties.
                    if name.chars().next().is_some_and(char::is_uppercase) {
                        classes.insert(iri, name.clone());
                    } else {
                        properties.insert(
                            iri,
                            TermDef {
                                name: name.clone(),
                                coerce_id: false,
                                datatype: None,
                                language: None,
                            },
                        );
                    }
                }
                Value::Object(o) => {
                    if let Some(r) = o.get("@reverse").and_then(Value::as_str) {
                        reverse.insert(expand(r), name.clone());
                        continue;
                    }
                    let Some(iri) = o.get("@id").and_then(Value::as_str) else {
                        continue;
                    };
                    let ty = o.get("@type").and_then(Value::as_str);
                    properties.insert(
                        expand(iri),
                        TermDef {
                            name: name.clone(),
                            coerce_id: ty == Some("@id"),
                            datatype: ty.filter(|t| *t != "@id" && *t != "@vocab").map(expand),
                            language: o
                                .get("@language")
                                .and_then(Value::as_str)
                                .map(str::to_owned),
                        },
                    );
                }
                _ => {}
            }
        }
        Self {
            json: json["@context"].clone(),
            prefixes,
            properties,
            classes,
            reverse,
        }
    }

    /// An IRI as a compact IRI (pkg:Section), or whole.
    fn compact_iri(&self, iri: &str) -> String {
        for (p, ns) in &self.prefixes {
            if let Some(local) = iri.strip_prefix(ns.as_str())
                && !local.is_empty()
                && !local.starts_with("//")
            {
                return format!("{p}:{local}");
            }
        }
        iri.to_owned()
    }

    fn class(&self, iri: &str) -> String {
        self.classes
            .get(iri)
            .cloned()
            .unwrap_or_else(|| self.compact_iri(iri))
    }

    /// The key for a property and its value, written as compactly as the term's
    /// coercion allows.
    fn property(&self, predicate: &str, object: &Term) -> (String, Value) {
        let term = self.properties.get(predicate);
        let key = term.map_or_else(|| self.compact_iri(predicate), |t| t.name.clone());
        let value = match object {
            Term::NamedNode(n) => {
                let id = self.compact_iri(n.as_str());
                if term.is_some_and(|t| t.coerce_id) {
                    Value::String(id)
                } else {
                    json!({ "@id": id })
                }
            }
            Term::BlankNode(b) => json!({ "@id": format!("_:{}", b.as_str()) }),
            Term::Literal(l) => self.literal(l, term),
            #[allow(unreachable_patterns)]
            _ => Value::Null,
        };
        (key, value)
    }

    fn literal(&self, l: &Literal, term: Option<&TermDef>) -> Value {
        let datatype = l.datatype().as_str();
        if let Some(lang) = l.language() {
            if term.and_then(|t| t.language.as_deref()) == Some(lang) {
                return Value::String(l.value().to_owned());
            }
            return json!({ "@value": l.value(), "@language": lang });
        }
        if term.and_then(|t| t.datatype.as_deref()) == Some(datatype) {
            return Value::String(l.value().to_owned());
        }
        let plain_term =
            term.is_none_or(|t| t.datatype.is_none() && t.language.is_none() && !t.coerce_id);
        if datatype == xsd::STRING && plain_term {
            return Value::String(l.value().to_owned());
        }
        if datatype == xsd::STRING && term.is_some_and(|t| t.language.is_some()) {
            // A term with a default language (title, label …) holding text without
            // Han characters, which is a plain string: a value object without
            // @language keeps it one.
            return json!({ "@value": l.value() });
        }
        json!({ "@value": l.value(), "@type": self.compact_iri(datatype) })
    }
}

/// Every forward property term of the context: (property IRI, term).
pub(crate) fn property_terms() -> Vec<(String, String)> {
    PARSED
        .properties
        .iter()
        .map(|(iri, t)| (iri.clone(), t.name.clone()))
        .collect()
}

/// The short name of a property: its context term, else a compact IRI.
pub(crate) fn property_term(iri: &str) -> String {
    PARSED
        .properties
        .get(iri)
        .map_or_else(|| PARSED.compact_iri(iri), |t| t.name.clone())
}

/// The short name of a class: its context term, else a compact IRI.
pub(crate) fn class_term(iri: &str) -> String {
    PARSED.class(iri)
}

/// The context object, for `ontology/context.jsonld` consumers and tests.
pub fn context() -> &'static Value {
    &PARSED.json
}

/// Writes JSON-LD one graph at a time: `start`, then `graph` per named graph (all
/// quads of one graph together), then `finish`.
pub struct JsonLdWriter<W: Write> {
    out: W,
    first: bool,
    /// Quads of the graph being collected.
    pending: Vec<Quad>,
}

impl<W: Write> JsonLdWriter<W> {
    /// Starts the document: the context (inline or by reference) and the graph list.
    pub fn start(mut out: W, context: &ContextRef) -> io::Result<Self> {
        let context = match context {
            ContextRef::Embed => serde_json::to_string_pretty(&PARSED.json)?,
            ContextRef::Url(url) => serde_json::to_string(url)?,
        };
        write!(
            out,
            "{{\n  \"@context\": {},\n  \"@graph\": [",
            indent(&context, 2)
        )?;
        Ok(Self {
            out,
            first: true,
            pending: Vec::new(),
        })
    }

    /// Adds a quad; a quad of another graph than the previous one closes that graph.
    pub fn quad(&mut self, quad: Quad) -> io::Result<()> {
        if self
            .pending
            .first()
            .is_some_and(|q| q.graph_name != quad.graph_name)
        {
            self.flush_graph()?;
        }
        self.pending.push(quad);
        Ok(())
    }

    fn flush_graph(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let quads = std::mem::take(&mut self.pending);
        let graph = quads[0].graph_name.clone();
        let nodes = nest(&quads);
        let mut values = Vec::new();
        match graph {
            GraphName::NamedNode(g) => {
                values.push(json!({ "@id": PARSED.compact_iri(g.as_str()), "@graph": nodes }));
            }
            GraphName::BlankNode(b) => {
                values.push(json!({ "@id": format!("_:{}", b.as_str()), "@graph": nodes }))
            }
            GraphName::DefaultGraph => values.extend(nodes),
        }
        for value in values {
            let text = serde_json::to_string_pretty(&value)?;
            write!(
                self.out,
                "{}\n    {}",
                if self.first { "" } else { "," },
                indent(&text, 4)
            )?;
            self.first = false;
        }
        Ok(())
    }

    /// Ends the document and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.flush_graph()?;
        writeln!(self.out, "\n  ]\n}}")?;
        Ok(self.out)
    }
}

fn indent(text: &str, by: usize) -> String {
    text.replace('\n', &format!("\n{}", " ".repeat(by)))
}

/// The nodes of one graph, children embedded under their parents.
fn nest(quads: &[Quad]) -> Vec<Value> {
    let ctx = &*PARSED;
    // subject → (types, properties, parent link)
    struct Node {
        types: Vec<String>,
        props: IndexMap<String, Vec<Value>>,
        parent: Option<(String, String)>, // (reverse term, parent subject)
    }
    let mut nodes: IndexMap<String, Node> = IndexMap::new();
    for q in quads {
        let subject = match &q.subject {
            NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
            NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
        };
        let node = nodes.entry(subject).or_insert_with(|| Node {
            types: Vec::new(),
            props: IndexMap::new(),
            parent: None,
        });
        let predicate = q.predicate.as_str();
        if predicate == rdf::TYPE
            && let Term::NamedNode(class) = &q.object
        {
            node.types.push(ctx.class(class.as_str()));
            continue;
        }
        if let (Some(reverse), Term::NamedNode(parent), None) =
            (ctx.reverse.get(predicate), &q.object, &node.parent)
        {
            node.parent = Some((reverse.clone(), parent.as_str().to_owned()));
            continue;
        }
        let (key, value) = ctx.property(predicate, &q.object);
        let values = node.props.entry(key).or_default();
        if !values.contains(&value) {
            values.push(value);
        }
    }
    // A child is embedded only when its parent is in this graph; otherwise the
    // link stays a plain property.
    let subjects: Vec<String> = nodes.keys().cloned().collect();
    let mut children: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for s in &subjects {
        let node = &nodes[s];
        if let Some((term, parent)) = &node.parent
            && nodes.contains_key(parent)
            && parent != s
        {
            children
                .entry(parent.clone())
                .or_default()
                .push((term.clone(), s.clone()));
            continue;
        }
    }
    let embedded: std::collections::HashSet<&String> =
        children.values().flatten().map(|(_, c)| c).collect();
    // Parent links that are not embedded become ordinary properties again.
    let reverse_iri: HashMap<&String, &String> =
        ctx.reverse.iter().map(|(iri, term)| (term, iri)).collect();
    fn build(
        s: &str,
        nodes: &mut IndexMap<String, Node>,
        children: &HashMap<String, Vec<(String, String)>>,
        reverse_iri: &HashMap<&String, &String>,
        embedded: bool,
    ) -> Value {
        let ctx = &*PARSED;
        let node = nodes.get_mut(s).expect("known subject");
        let mut obj = Map::new();
        obj.insert("@id".into(), Value::String(ctx.compact_iri(s)));
        match node.types.len() {
            0 => {}
            1 => {
                obj.insert("@type".into(), Value::String(node.types[0].clone()));
            }
            _ => {
                obj.insert(
                    "@type".into(),
                    Value::Array(node.types.iter().cloned().map(Value::String).collect()),
                );
            }
        }
        if let (Some((term, parent)), false) = (node.parent.clone(), embedded) {
            let iri = reverse_iri[&term];
            let (key, value) = ctx.property(
                iri,
                &Term::NamedNode(oxigraph::model::NamedNode::new_unchecked(parent)),
            );
            node.props.entry(key).or_default().insert(0, value);
        }
        let props = std::mem::take(&mut node.props);
        for (key, mut values) in props {
            let v = if values.len() == 1 {
                values.remove(0)
            } else {
                Value::Array(values)
            };
            obj.insert(key, v);
        }
        if let Some(kids) = children.get(s) {
            let mut by_term: IndexMap<String, Vec<Value>> = IndexMap::new();
            for (term, child) in kids {
                let v = build(child, nodes, children, reverse_iri, true);
                by_term.entry(term.clone()).or_default().push(v);
            }
            for (term, values) in by_term {
                obj.insert(term, Value::Array(values));
            }
        }
        Value::Object(obj)
    }
    let mut out = Vec::new();
    for s in &subjects {
        if !embedded.contains(s) {
            out.push(build(s, &mut nodes, &children, &reverse_iri, false));
        }
    }
    out
}
