//! Keeping the index in step with the store. An [`IndexUpdate`] takes documents
//! as `load` writes them (their entries come straight from their quads, no query),
//! then [`IndexUpdate::finish`] compares what the index holds with what the store
//! holds, reads from the store the documents still missing (after a killed load,
//! or `load --no-index`), drops those the store no longer has, rewrites the entity
//! names, and commits with the store's list of documents, atomically.

use super::{Fields, Kind, LAYOUT, Payload, SearchError, analysis, schema, store_documents};
use crate::store::KgStore;
use crate::vocab::{dcterms, eli, itsrdf, nif, pkg, rdf, rdfs, skos};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad, Term};
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
        if self.held.get(graph.as_str()).map(String::as_str) == Some(sha256) {
            return Ok(());
        }
        let f = &self.fields;
        self.writer
            .delete_term(IndexTerm::from_field_text(f.document, graph.as_str()));
        self.counts.entries += add_document(&self.writer, f, graph, quads)?;
        collect_names(quads, &mut self.names);
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
            let quads = store.quads(Some(&graph)).collect::<Result<Vec<_>, _>>()?;
            self.names_complete = false;
            self.put(&graph, &sha, &quads)?;
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

/// Entity → names, from the entity descriptions among a document's quads.
fn collect_names(quads: &[Quad], names: &mut HashMap<String, BTreeSet<String>>) {
    for q in quads {
        let (GraphName::NamedNode(g), NamedOrBlankNode::NamedNode(s), Term::Literal(name)) =
            (&q.graph_name, &q.subject, &q.object)
        else {
            continue;
        };
        let p = q.predicate.as_str();
        if (p == rdfs::LABEL || p == skos::ALT_LABEL) && g.as_str().ends_with("/entities") {
            names
                .entry(s.as_str().to_owned())
                .or_default()
                .insert(name.value().to_owned());
        }
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

impl Node<'_> {
    fn is(&self, class: &str) -> bool {
        self.types.contains(&class)
    }
}

/// Adds the entries of one document (its title, sections, sentences, measures)
/// from the quads of its graph. Returns how many.
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
        let node = nodes.entry(s.as_str()).or_default();
        let literal = match &q.object {
            Term::Literal(l) => Some(l.value()),
            _ => None,
        };
        match q.predicate.as_str() {
            rdf::TYPE => {
                if let Term::NamedNode(class) = &q.object {
                    node.types.push(class.as_str());
                }
            }
            nif::ANCHOR_OF => node.anchor = literal,
            rdfs::LABEL => node.label = literal,
            dcterms::TITLE => node.title = literal,
            dcterms::IS_PART_OF => {
                if let Term::NamedNode(parent) = &q.object {
                    node.parent = Some(parent.as_str());
                }
            }
            itsrdf::TA_IDENT_REF => {
                if let Term::NamedNode(entity) = &q.object {
                    node.reference = Some(entity.as_str());
                }
            }
            nif::BEGIN_INDEX => node.begin = literal.and_then(|v| v.parse().ok()),
            nif::END_INDEX => node.end = literal.and_then(|v| v.parse().ok()),
            dcterms::SPATIAL => node.spatial = Some(crate::store::term_text(&q.object)),
            dcterms::TEMPORAL => node.temporal = Some(crate::store::term_text(&q.object)),
            _ => {}
        }
    }
    let document = nodes.get(graph.as_str());
    let title = document.and_then(|d| d.title).unwrap_or_default();
    let province = document
        .and_then(|d| d.spatial.as_deref())
        .unwrap_or_default();
    let year = document
        .and_then(|d| d.temporal.as_deref())
        .unwrap_or_default();
    let doctype = if document.is_some_and(|d| d.is(eli::LEGAL_EXPRESSION)) {
        "law"
    } else {
        "document"
    };
    // The title of the nearest section above a node.
    fn section_of<'a>(nodes: &HashMap<&'a str, Node<'a>>, mut at: Option<&'a str>) -> &'a str {
        for _ in 0..8 {
            let Some(node) = at.and_then(|a| nodes.get(a)) else {
                break;
            };
            if node.is(pkg::SECTION) && node.title.is_some_and(|t| !t.is_empty()) {
                return node.title.unwrap_or_default();
            }
            at = node.parent;
        }
        ""
    }
    let mut entries = 0;
    let mut add = |kind: Kind, iri: &str, text: &str, section: &str, node: &Node<'_>| {
        let mut d = TantivyDocument::default();
        d.add_text(f.kind, kind.name());
        d.add_text(f.iri, iri);
        d.add_text(f.text, text);
        d.add_text(f.document, graph.as_str());
        d.add_text(f.title, title);
        d.add_text(f.section, section);
        d.add_text(f.province, province);
        d.add_text(f.year, year);
        d.add_text(f.doctype, doctype);
        if let (Some(begin), Some(end)) = (node.begin, node.end) {
            d.add_u64(f.begin, begin);
            d.add_u64(f.end, end);
        }
        entries += 1;
        writer.add_document(d)
    };
    if let Some(d) = document {
        add(Kind::Document, graph.as_str(), title, "", d)?;
    }
    let mut iris: Vec<&&str> = nodes.keys().collect();
    iris.sort();
    let mut mentions = 0;
    for iri in iris {
        let node = &nodes[*iri];
        if node.is(pkg::SENTENCE) {
            if let Some(text) = node.anchor {
                add(
                    Kind::Sentence,
                    iri,
                    text,
                    section_of(&nodes, node.parent),
                    node,
                )?;
            }
        } else if node.is(pkg::MEASURE) {
            if let Some(text) = node.label {
                add(
                    Kind::Measure,
                    iri,
                    text,
                    section_of(&nodes, node.parent),
                    node,
                )?;
            }
        } else if node.is(pkg::SECTION)
            && let Some(text) = node.title.filter(|t| !t.is_empty())
        {
            add(Kind::Section, iri, text, text, node)?;
        }
        if let (Some(entity), Some(begin)) = (node.reference, node.begin) {
            let mut d = TantivyDocument::default();
            d.add_text(f.kind, super::MENTION_KIND);
            d.add_text(f.iri, iri);
            d.add_text(f.document, graph.as_str());
            d.add_text(f.entity, entity);
            d.add_text(f.mention_document, graph.as_str());
            d.add_u64(f.mention_begin, begin);
            d.add_u64(f.begin, begin);
            if let Some(end) = node.end {
                d.add_u64(f.end, end);
            }
            mentions += 1;
            writer.add_document(d)?;
        }
    }
    Ok(entries + mentions)
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
