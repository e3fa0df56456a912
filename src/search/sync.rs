//! Keeping the index in step with the store. An [`IndexUpdate`] takes documents
//! as `load` writes them (their entries come straight from their quads, no query),
//! then [`IndexUpdate::finish`] compares what the index holds with what the store
//! holds, reads from the store the documents still missing (after a killed load,
//! or `load --no-index`), drops those the store no longer has, rewrites the entity
//! names, and commits with the store's list of documents, atomically.

use super::{Fields, Kind, LAYOUT, Payload, SearchError, analysis, schema, store_documents};
use crate::store::KgStore;
use crate::vocab::{dcterms, eli, itsrdf, nif, pkg, rdf, rdfs, skos};
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;
use tantivy::{Index, IndexWriter, TantivyDocument, Term as IndexTerm};

/// What a sync did.
#[derive(Debug, Default, Clone, Serialize)]
pub struct SyncCounts {
    /// Documents whose entries were written (new or changed documents).
    pub added: u64,
    /// Documents whose entries were removed because the store no longer has them.
    pub removed: u64,
    /// Entries written, all kinds.
    pub entries: u64,
    /// Documents the index holds now.
    pub documents: u64,
    /// True when the index was created afresh.
    pub created: bool,
}

/// An open update of a store's index; nothing is visible until [`IndexUpdate::finish`].
pub struct IndexUpdate {
    writer: IndexWriter<TantivyDocument>,
    fields: Fields,
    /// Graph → SHA-256 of what the index will hold once committed.
    held: BTreeMap<String, String>,
    counts: SyncCounts,
    changed: bool,
    /// The graphs written in this update.
    written: HashSet<String>,
    /// The entity names the written documents' quads carry: entity → names.
    names: HashMap<String, BTreeSet<String>>,
    /// False once a document was read back from the store (its quads then hold
    /// no entity descriptions).
    names_complete: bool,
    /// True when a document the index held was replaced or removed.
    lost: bool,
}

impl IndexUpdate {
    /// Opens the index of the store in `store_dir` for writing, creating it when
    /// missing, unreadable or of another layout.
    pub fn begin(store_dir: &Path) -> Result<Self, SearchError> {
        let dir = super::index_dir(store_dir);
        let io = |source| SearchError::Io {
            path: dir.clone(),
            source,
        };
        let existing = if dir.join("meta.json").exists() {
            super::open_index(&dir)
                .ok()
                .filter(|index| Payload::of(index).layout == LAYOUT)
        } else {
            None
        };
        let mut counts = SyncCounts::default();
        let index = match existing {
            Some(index) => index,
            None => {
                if dir.exists() {
                    std::fs::remove_dir_all(&dir).map_err(io)?;
                }
                std::fs::create_dir_all(&dir).map_err(io)?;
                counts.created = true;
                let index = Index::create_in_dir(&dir, schema().0)?;
                index
                    .tokenizers()
                    .register(analysis::NAME, analysis::Bigrams);
                index
            }
        };
        let held = Payload::of(&index).documents;
        let writer = index.writer(96 << 20)?;
        Ok(Self {
            writer,
            fields: schema().1,
            held,
            changed: counts.created,
            counts,
            written: HashSet::new(),
            names: HashMap::new(),
            names_complete: true,
            lost: false,
        })
    }

    /// Writes a document's entries (replacing any it had) from its quads: those of
    /// its own graph; others are ignored.
    pub fn put(
        &mut self,
        graph: &NamedNode,
        sha256: &str,
        quads: &[Quad],
    ) -> Result<(), SearchError> {
        if !self.replacing(graph, sha256) {
            return Ok(());
        }
        let f = &self.fields;
        self.counts.entries += add_document(&self.writer, f, graph, quads)?;
        quads.iter().for_each(|q| collect_name(q, &mut self.names));
        self.document_written(graph, sha256);
        Ok(())
    }

    /// Writes a document's entries (replacing any it had) from its quads as
    /// `write` makes them, in bounded memory: how `load` indexes a document too
    /// large to hold as quads. `write` is called twice and must give the same
    /// quads each time in [`crate::rdf::map`]'s order: the first pass keeps the
    /// document's own node, sections and paragraphs; the second writes the
    /// entries of each node as its quads go by (a node's quads come together).
    pub fn put_streamed(
        &mut self,
        graph: &NamedNode,
        sha256: &str,
        write: impl Fn(&mut dyn FnMut(Quad)),
    ) -> Result<(), SearchError> {
        if !self.replacing(graph, sha256) {
            return Ok(());
        }
        let f = &self.fields;
        let mut outline = OutlineNodes::default();
        each_node_of(
            graph,
            &write,
            |iri, quads| {
                outline.keep(graph, iri, quads);
                Ok(())
            },
            |_| {},
        )?;
        let document = outline.document_node();
        let mut entries = Entries::start(&self.writer, f, graph, document.as_ref())?;
        let lookup = |iri: &str| outline.lookup(iri);
        let names = &mut self.names;
        each_node_of(
            graph,
            &write,
            |iri, quads| {
                if iri == graph.as_str() {
                    return Ok(());
                }
                let mut node = Node::default();
                quads.iter().for_each(|q| node.read(q));
                entries.node(iri, &node, section_of(lookup, node.parent))
            },
            |q| collect_name(q, names),
        )?;
        self.counts.entries += entries.written;
        self.document_written(graph, sha256);
        Ok(())
    }

    /// Unless the index already holds the document with this hash, removes its
    /// entries and returns true: they are to be written again.
    fn replacing(&mut self, graph: &NamedNode, sha256: &str) -> bool {
        if self.held.get(graph.as_str()).map(String::as_str) == Some(sha256) {
            return false;
        }
        self.writer.delete_term(IndexTerm::from_field_text(
            self.fields.document,
            graph.as_str(),
        ));
        true
    }

    /// Records that a document's entries were written.
    fn document_written(&mut self, graph: &NamedNode, sha256: &str) {
        self.written.insert(graph.as_str().to_owned());
        if self
            .held
            .insert(graph.as_str().to_owned(), sha256.to_owned())
            .is_some()
        {
            self.lost = true;
        }
        self.counts.added += 1;
        self.changed = true;
    }

    /// Writes a document's entries (replacing any it had) from the store, in
    /// bounded memory: how a document the index misses is indexed.
    pub fn put_stored(
        &mut self,
        store: &KgStore,
        graph: &NamedNode,
        sha256: &str,
    ) -> Result<(), SearchError> {
        let f = &self.fields;
        self.writer
            .delete_term(IndexTerm::from_field_text(f.document, graph.as_str()));
        self.counts.entries += add_stored_document(&self.writer, f, store, graph)?;
        self.document_written(graph, sha256);
        Ok(())
    }

    /// Brings the index to exactly the store's documents and commits.
    pub fn finish(mut self, store: &KgStore) -> Result<SyncCounts, SearchError> {
        let current = store_documents(store.inner())?;
        let f = &self.fields;
        let gone: Vec<String> = self
            .held
            .iter()
            .filter(|(g, sha)| current.get(*g) != Some(sha))
            .map(|(g, _)| g.clone())
            .collect();
        for graph in &gone {
            self.writer
                .delete_term(IndexTerm::from_field_text(f.document, graph));
            self.held.remove(graph);
            if !current.contains_key(graph) {
                self.counts.removed += 1;
            }
            self.changed = true;
            self.lost = true;
        }
        // What the store has and the index does not: read it from the store.
        let missing: Vec<(String, String)> = current
            .iter()
            .filter(|(g, sha)| self.held.get(*g) != Some(sha))
            .map(|(g, sha)| (g.clone(), sha.clone()))
            .collect();
        for (graph, sha) in missing {
            let graph = NamedNode::new_unchecked(graph);
            self.names_complete = false;
            self.put_stored(store, &graph, &sha)?;
        }
        self.counts.documents = current.len() as u64;
        if !self.changed {
            return Ok(self.counts);
        }
        self.counts.entries += self.write_entities(store, &current)?;
        let mut commit = self.writer.prepare_commit()?;
        commit.set_payload(
            &serde_json::to_string(&Payload {
                layout: LAYOUT,
                documents: current,
            })
            .expect("a payload serialises"),
        );
        commit.commit()?;
        self.writer.wait_merging_threads()?;
        Ok(self.counts)
    }
}

impl IndexUpdate {
    /// Writes the entity names. Entities belong to no one document: when every
    /// document of the store was written in this update, with its entity
    /// descriptions, their names are all there are; when documents were only
    /// added, the names of the entities they mention are rewritten from the
    /// store; otherwise (a document replaced or removed may have taken entities
    /// with it) all names are read again from the store.
    fn write_entities(
        &mut self,
        store: &KgStore,
        current: &BTreeMap<String, String>,
    ) -> Result<u64, SearchError> {
        let f = &self.fields;
        let kind = IndexTerm::from_field_text(f.kind, Kind::Entity.name());
        let all_written = self.names_complete && current.keys().all(|g| self.written.contains(g));
        if all_written {
            self.writer.delete_term(kind);
            let names = std::mem::take(&mut self.names);
            return add_names(&self.writer, f, names);
        }
        if self.lost || !self.names_complete {
            self.writer.delete_term(kind);
            return add_names(&self.writer, f, entity_names(store, None)?);
        }
        let touched: Vec<String> = self.names.keys().cloned().collect();
        for iri in &touched {
            self.writer
                .delete_term(IndexTerm::from_field_text(f.iri, iri));
        }
        add_names(&self.writer, f, entity_names(store, Some(&touched))?)
    }
}

/// Entity → names: takes in a quad of an entity description (a label or
/// alternative label in a graph of entity descriptions).
fn collect_name(q: &Quad, names: &mut HashMap<String, BTreeSet<String>>) {
    let (GraphName::NamedNode(g), NamedOrBlankNode::NamedNode(s), Term::Literal(name)) =
        (&q.graph_name, &q.subject, &q.object)
    else {
        return;
    };
    let p = q.predicate.as_str();
    if (p == rdfs::LABEL || p == skos::ALT_LABEL) && g.as_str().ends_with("/entities") {
        names
            .entry(s.as_str().to_owned())
            .or_default()
            .insert(name.value().to_owned());
    }
}

/// An entry per name of each entity.
fn add_names(
    writer: &IndexWriter<TantivyDocument>,
    f: &Fields,
    names: HashMap<String, BTreeSet<String>>,
) -> Result<u64, SearchError> {
    let mut entries = 0;
    for (iri, names) in names {
        for name in names {
            let mut d = TantivyDocument::default();
            d.add_text(f.kind, Kind::Entity.name());
            d.add_text(f.iri, &iri);
            d.add_text(f.text, &name);
            writer.add_document(d)?;
            entries += 1;
        }
    }
    Ok(entries)
}

pub(super) fn sync(store: &KgStore, store_dir: &Path) -> Result<SyncCounts, SearchError> {
    IndexUpdate::begin(store_dir)?.finish(store)
}

/// What the quads say about one node of a document.
#[derive(Default)]
struct Node<'a> {
    types: Vec<&'a str>,
    anchor: Option<&'a str>,
    label: Option<&'a str>,
    title: Option<&'a str>,
    parent: Option<&'a str>,
    /// The entity a mention refers to.
    reference: Option<&'a str>,
    begin: Option<u64>,
    end: Option<u64>,
    spatial: Option<String>,
    temporal: Option<String>,
}

impl<'a> Node<'a> {
    fn is(&self, class: &str) -> bool {
        self.types.contains(&class)
    }

    /// Takes in what one quad about the node says.
    fn read(&mut self, q: &'a Quad) {
        let literal = match &q.object {
            Term::Literal(l) => Some(l.value()),
            _ => None,
        };
        match q.predicate.as_str() {
            rdf::TYPE => {
                if let Term::NamedNode(class) = &q.object {
                    self.types.push(class.as_str());
                }
            }
            nif::ANCHOR_OF => self.anchor = literal,
            rdfs::LABEL => self.label = literal,
            dcterms::TITLE => self.title = literal,
            dcterms::IS_PART_OF => {
                if let Term::NamedNode(parent) = &q.object {
                    self.parent = Some(parent.as_str());
                }
            }
            itsrdf::TA_IDENT_REF => {
                if let Term::NamedNode(entity) = &q.object {
                    self.reference = Some(entity.as_str());
                }
            }
            nif::BEGIN_INDEX => self.begin = literal.and_then(|v| v.parse().ok()),
            nif::END_INDEX => self.end = literal.and_then(|v| v.parse().ok()),
            dcterms::SPATIAL => self.spatial = Some(crate::store::term_text(&q.object)),
            dcterms::TEMPORAL => self.temporal = Some(crate::store::term_text(&q.object)),
            _ => {}
        }
    }
}

/// A section or paragraph, kept while the rest of a document is read.
struct Outline {
    section: bool,
    title: Option<String>,
    parent: Option<String>,
}

/// The title of the nearest section above a node; `outline` gives a node's
/// (is a section, title, parent).
fn section_of<'a>(
    outline: impl Fn(&str) -> Option<(bool, Option<&'a str>, Option<&'a str>)>,
    at: Option<&str>,
) -> &'a str {
    let mut next = at.and_then(&outline);
    for _ in 0..8 {
        let Some((section, title, parent)) = next else {
            break;
        };
        if section && title.is_some_and(|t| !t.is_empty()) {
            return title.unwrap_or_default();
        }
        next = parent.and_then(&outline);
    }
    ""
}

/// Writes the entries of one document's nodes.
struct Entries<'w> {
    writer: &'w IndexWriter<TantivyDocument>,
    f: &'w Fields,
    graph: &'w str,
    title: String,
    province: String,
    year: String,
    doctype: &'static str,
    written: u64,
}

impl<'w> Entries<'w> {
    /// Starts a document's entries from its own node, and writes its entry.
    fn start(
        writer: &'w IndexWriter<TantivyDocument>,
        f: &'w Fields,
        graph: &'w NamedNode,
        document: Option<&Node<'_>>,
    ) -> Result<Self, SearchError> {
        let mut entries = Self {
            writer,
            f,
            graph: graph.as_str(),
            title: document
                .and_then(|d| d.title)
                .unwrap_or_default()
                .to_owned(),
            province: document.and_then(|d| d.spatial.clone()).unwrap_or_default(),
            year: document
                .and_then(|d| d.temporal.clone())
                .unwrap_or_default(),
            doctype: if document.is_some_and(|d| d.is(eli::LEGAL_EXPRESSION)) {
                "law"
            } else {
                "document"
            },
            written: 0,
        };
        if let Some(d) = document {
            let title = entries.title.clone();
            entries.add(Kind::Document, graph.as_str(), &title, "", d)?;
        }
        Ok(entries)
    }

    fn add(
        &mut self,
        kind: Kind,
        iri: &str,
        text: &str,
        section: &str,
        node: &Node<'_>,
    ) -> Result<(), SearchError> {
        let f = self.f;
        let mut d = TantivyDocument::default();
        d.add_text(f.kind, kind.name());
        d.add_text(f.iri, iri);
        d.add_text(f.text, text);
        d.add_text(f.document, self.graph);
        d.add_text(f.title, &self.title);
        d.add_text(f.section, section);
        d.add_text(f.province, &self.province);
        d.add_text(f.year, &self.year);
        d.add_text(f.doctype, self.doctype);
        if let (Some(begin), Some(end)) = (node.begin, node.end) {
            d.add_u64(f.begin, begin);
            d.add_u64(f.end, end);
        }
        self.written += 1;
        self.writer.add_document(d)?;
        Ok(())
    }

    /// The entries of one node: a sentence, measure or section, and a mention.
    fn node(&mut self, iri: &str, node: &Node<'_>, section: &str) -> Result<(), SearchError> {
        if node.is(pkg::SENTENCE) {
            if let Some(text) = node.anchor {
                self.add(Kind::Sentence, iri, text, section, node)?;
            }
        } else if node.is(pkg::MEASURE) {
            if let Some(text) = node.label {
                self.add(Kind::Measure, iri, text, section, node)?;
            }
        } else if node.is(pkg::SECTION)
            && let Some(text) = node.title.filter(|t| !t.is_empty())
        {
            self.add(Kind::Section, iri, text, text, node)?;
        }
        if let (Some(entity), Some(begin)) = (node.reference, node.begin) {
            let f = self.f;
            let mut d = TantivyDocument::default();
            d.add_text(f.kind, super::MENTION_KIND);
            d.add_text(f.iri, iri);
            d.add_text(f.document, self.graph);
            d.add_text(f.entity, entity);
            d.add_text(f.mention_document, self.graph);
            d.add_u64(f.mention_begin, begin);
            d.add_u64(f.begin, begin);
            if let Some(end) = node.end {
                d.add_u64(f.end, end);
            }
            self.written += 1;
            self.writer.add_document(d)?;
        }
        Ok(())
    }
}

/// Adds the entries of one document (its title, sections, sentences, measures,
/// mentions) from the quads of its graph. Returns how many.
fn add_document(
    writer: &IndexWriter<TantivyDocument>,
    f: &Fields,
    graph: &NamedNode,
    quads: &[Quad],
) -> Result<u64, SearchError> {
    let mut nodes: HashMap<&str, Node<'_>> = HashMap::new();
    for q in quads {
        if !matches!(&q.graph_name, GraphName::NamedNode(g) if g == graph) {
            continue;
        }
        let NamedOrBlankNode::NamedNode(s) = &q.subject else {
            continue;
        };
        nodes.entry(s.as_str()).or_default().read(q);
    }
    let mut entries = Entries::start(writer, f, graph, nodes.get(graph.as_str()))?;
    let outline = |iri: &str| {
        nodes
            .get(iri)
            .map(|n| (n.is(pkg::SECTION), n.title, n.parent))
    };
    let mut iris: Vec<&&str> = nodes.keys().collect();
    iris.sort();
    for iri in iris {
        let node = &nodes[*iri];
        entries.node(iri, node, section_of(outline, node.parent))?;
    }
    Ok(entries.written)
}

/// The same entries as [`add_document`], read from the store a node at a time
/// (the store gives a subject's quads together), after the document's sections
/// and paragraphs, found by their type. Memory holds one node and the
/// document's outline, not its quads, so a document of any size is indexed in
/// bounded memory.
fn add_stored_document(
    writer: &IndexWriter<TantivyDocument>,
    f: &Fields,
    store: &KgStore,
    graph: &NamedNode,
) -> Result<u64, SearchError> {
    let in_graph = GraphNameRef::NamedNode(graph.as_ref());
    let about = |subject: &NamedNode| -> Result<Vec<Quad>, SearchError> {
        Ok(store
            .inner()
            .quads_for_pattern(Some(subject.as_ref().into()), None, None, Some(in_graph))
            .collect::<Result<_, _>>()
            .map_err(crate::store::StoreError::from)?)
    };
    let mut outline: HashMap<String, Outline> = HashMap::new();
    for class in [pkg::SECTION, pkg::PARAGRAPH] {
        let typed = store.inner().quads_for_pattern(
            None,
            Some(NamedNodeRef::new_unchecked(rdf::TYPE)),
            Some(NamedNodeRef::new_unchecked(class).into()),
            Some(in_graph),
        );
        for quad in typed {
            let quad = quad.map_err(crate::store::StoreError::from)?;
            let NamedOrBlankNode::NamedNode(subject) = quad.subject else {
                continue;
            };
            let quads = about(&subject)?;
            let mut node = Node::default();
            quads.iter().for_each(|q| node.read(q));
            outline.insert(
                subject.into_string(),
                Outline {
                    section: node.is(pkg::SECTION),
                    title: node.title.map(str::to_owned),
                    parent: node.parent.map(str::to_owned),
                },
            );
        }
    }
    let document = about(graph)?;
    let mut document_node = Node::default();
    document.iter().for_each(|q| document_node.read(q));
    let mut entries = Entries::start(
        writer,
        f,
        graph,
        (!document.is_empty()).then_some(&document_node),
    )?;
    let lookup = |iri: &str| {
        outline
            .get(iri)
            .map(|o| (o.section, o.title.as_deref(), o.parent.as_deref()))
    };
    each_node(store, graph, |iri, quads| {
        if iri == graph.as_str() {
            return Ok(());
        }
        let mut node = Node::default();
        quads.iter().for_each(|q| node.read(q));
        entries.node(iri, &node, section_of(lookup, node.parent))
    })?;
    Ok(entries.written)
}

/// A document's own node, sections and paragraphs, kept from a first pass
/// over its quads.
#[derive(Default)]
struct OutlineNodes {
    document: Vec<Quad>,
    nodes: HashMap<String, Outline>,
}

impl OutlineNodes {
    /// Takes in one node's quads: kept when it is the document, a section or a
    /// paragraph (or more about one already kept).
    fn keep(&mut self, graph: &NamedNode, iri: &str, quads: &[Quad]) {
        if iri == graph.as_str() {
            self.document.extend_from_slice(quads);
            return;
        }
        let mut node = Node::default();
        quads.iter().for_each(|q| node.read(q));
        if !(self.nodes.contains_key(iri) || node.is(pkg::SECTION) || node.is(pkg::PARAGRAPH)) {
            return;
        }
        let kept = self.nodes.entry(iri.to_owned()).or_insert(Outline {
            section: false,
            title: None,
            parent: None,
        });
        kept.section |= node.is(pkg::SECTION);
        if let Some(t) = node.title {
            kept.title = Some(t.to_owned());
        }
        if let Some(p) = node.parent {
            kept.parent = Some(p.to_owned());
        }
    }

    fn document_node(&self) -> Option<Node<'_>> {
        (!self.document.is_empty()).then(|| {
            let mut node = Node::default();
            self.document.iter().for_each(|q| node.read(q));
            node
        })
    }

    fn lookup(&self, iri: &str) -> Option<(bool, Option<&str>, Option<&str>)> {
        self.nodes
            .get(iri)
            .map(|o| (o.section, o.title.as_deref(), o.parent.as_deref()))
    }
}

/// Calls `each` with every run of quads about one named subject of `graph`
/// that `write` makes, and `other` with the quads of other graphs.
fn each_node_of(
    graph: &NamedNode,
    write: &impl Fn(&mut dyn FnMut(Quad)),
    mut each: impl FnMut(&str, &[Quad]) -> Result<(), SearchError>,
    mut other: impl FnMut(&Quad),
) -> Result<(), SearchError> {
    let mut group: Vec<Quad> = Vec::new();
    let mut failed = None;
    let mut flush = |group: &mut Vec<Quad>, failed: &mut Option<SearchError>| {
        if failed.is_none()
            && let Some(NamedOrBlankNode::NamedNode(s)) = group.first().map(|q| &q.subject)
            && let Err(e) = each(s.as_str(), group)
        {
            *failed = Some(e);
        }
        group.clear();
    };
    write(&mut |quad| {
        if !matches!(&quad.graph_name, GraphName::NamedNode(g) if g == graph) {
            other(&quad);
            return;
        }
        if group.first().is_some_and(|g| g.subject != quad.subject) {
            flush(&mut group, &mut failed);
        }
        group.push(quad);
    });
    flush(&mut group, &mut failed);
    failed.map_or(Ok(()), Err)
}

/// Calls `each` with every named subject of a graph and its quads, in the
/// store's order.
fn each_node(
    store: &KgStore,
    graph: &NamedNode,
    mut each: impl FnMut(&str, &[Quad]) -> Result<(), SearchError>,
) -> Result<(), SearchError> {
    let mut group: Vec<Quad> = Vec::new();
    let mut flush = |group: &mut Vec<Quad>| -> Result<(), SearchError> {
        if let Some(NamedOrBlankNode::NamedNode(s)) = group.first().map(|q| q.subject.clone()) {
            each(s.as_str(), group)?;
        }
        group.clear();
        Ok(())
    };
    for quad in store.quads(Some(graph)) {
        let quad = quad?;
        if group.first().is_some_and(|g| g.subject != quad.subject) {
            flush(&mut group)?;
        }
        group.push(quad);
    }
    flush(&mut group)
}

/// The names (labels and alternative labels) of the entities, from the graphs
/// of entity descriptions: of all of them, or of the given ones.
fn entity_names(
    store: &KgStore,
    only: Option<&[String]>,
) -> Result<HashMap<String, BTreeSet<String>>, SearchError> {
    let predicates = [rdfs::LABEL, skos::ALT_LABEL].map(NamedNode::new_unchecked);
    // The graphs of entity descriptions (`{base}entities`, one per base).
    let mut graphs = Vec::new();
    for graph in store.inner().named_graphs() {
        let graph = graph.map_err(crate::store::StoreError::from)?;
        if let NamedOrBlankNode::NamedNode(g) = graph
            && g.as_str().ends_with("/entities")
        {
            graphs.push(GraphName::NamedNode(g));
        }
    }
    let subjects: Option<Vec<NamedNode>> = only.map(|iris| {
        iris.iter()
            .map(|i| NamedNode::new_unchecked(i.as_str()))
            .collect()
    });
    let mut names: HashMap<String, BTreeSet<String>> = HashMap::new();
    for g in &graphs {
        for p in &predicates {
            let quads: Box<dyn Iterator<Item = _>> = match &subjects {
                None => Box::new(store.inner().quads_for_pattern(
                    None,
                    Some(p.as_ref()),
                    None,
                    Some(g.as_ref()),
                )),
                Some(subjects) => Box::new(subjects.iter().flat_map(|s| {
                    store.inner().quads_for_pattern(
                        Some(s.as_ref().into()),
                        Some(p.as_ref()),
                        None,
                        Some(g.as_ref()),
                    )
                })),
            };
            for quad in quads {
                let quad = quad.map_err(crate::store::StoreError::from)?;
                if let (NamedOrBlankNode::NamedNode(s), Term::Literal(name)) =
                    (&quad.subject, &quad.object)
                {
                    names
                        .entry(s.as_str().to_owned())
                        .or_default()
                        .insert(name.value().to_owned());
                }
            }
        }
    }
    Ok(names)
}
