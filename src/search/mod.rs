//! Full-text search over the text a store holds: document titles, section titles,
//! sentences, measure labels and entity labels, in a tantivy index inside the
//! store folder (`{store}/search`), analysed by Chinese character bigrams
//! ([`analysis`]) so that a search finds any substring whatever the segmentation.
//!
//! The index is kept in step with the store ([`SearchIndex::sync`]): each commit
//! of the index records, in the same atomic commit, the SHA-256 of every document
//! it holds. `load` syncs it after writing the store, `policykg index` syncs it on
//! demand, and a sync touches only the documents that were added, changed or
//! removed since. [`SearchIndex::open`] refuses an index whose documents are not
//! exactly the store's, so a search never answers from another state of the store
//! (after a load killed between the store's commit and the index's, for example).
//!
//! - [`query`]: searching, with facet counts.
//! - [`mentions`]: an entity's mentions, counted per document and paged.
//! - [`service`]: the same search inside SPARQL, as
//!   `SERVICE <https://w3id.org/policykg/search>`.

pub mod analysis;
pub mod mentions;
pub mod query;
pub mod service;
mod sync;

use crate::store::{KgStore, StoreError};
use crate::vocab::pkg;
use oxigraph::model::Term;
use oxigraph::store::Store;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tantivy::Index;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

pub use sync::{IndexUpdate, SyncCounts};

/// Why an index could not be built, opened or searched.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The index library failed.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// Reading or writing the index folder failed.
    #[error("search index {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// There is no index, or it was built from another state of the store.
    #[error("{0}; build it with `policykg index --store {1}`")]
    Stale(String, String),
    /// A page key that is not one of the entity's mentions.
    #[error("{0} is not a mention of this entity: start from the first page")]
    Key(String),
    /// A filter that is not `name=value` with a known name.
    #[error("unknown filter {0:?}: use province=…, year=…, doctype=law|document or document=…")]
    Filter(String),
}

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A sentence of the body (or a heading's title).
    Sentence,
    /// A measure's label.
    Measure,
    /// A section's title.
    Section,
    /// An entity's label or other name.
    Entity,
    /// A document's title.
    Document,
}

impl std::str::FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "sentence" => Kind::Sentence,
            "measure" => Kind::Measure,
            "section" => Kind::Section,
            "entity" => Kind::Entity,
            "document" => Kind::Document,
            _ => {
                return Err(format!(
                    "{s:?} is not a kind: use sentence, measure, section, entity or document"
                ));
            }
        })
    }
}

impl Kind {
    /// Its name: sentence, measure, section, entity, document.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Sentence => "sentence",
            Kind::Measure => "measure",
            Kind::Section => "section",
            Kind::Entity => "entity",
            Kind::Document => "document",
        }
    }
}

/// One hit, with what a reader needs to place it.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// BM25 score over the bigrams.
    pub score: f32,
    /// What it is.
    pub kind: String,
    /// The node's IRI (sentence, measure, section, entity or document).
    pub iri: String,
    /// The text indexed (sentence, label or title).
    pub text: String,
    /// The document it is in (empty for entities).
    pub document: String,
    /// That document's title.
    pub title: String,
    /// The title of the section it is in, when it is in one.
    pub section: String,
    /// The document's region (dcterms:spatial), when it has one.
    pub province: String,
    /// The document's year (dcterms:temporal), when it has one.
    pub year: String,
    /// What kind of document it is in: `law` (an ELI legal expression) or
    /// `document` (any other, such as a work report); empty for entities.
    pub doctype: String,
    /// Where the hit starts in its document's text (characters), when it is a
    /// span of the text.
    pub begin: Option<u64>,
    /// Where it ends.
    pub end: Option<u64>,
}

#[derive(Clone)]
struct Fields {
    text: Field,
    kind: Field,
    iri: Field,
    document: Field,
    title: Field,
    section: Field,
    province: Field,
    year: Field,
    doctype: Field,
    entity: Field,
    begin: Field,
    end: Field,
    mention_document: Field,
    mention_begin: Field,
}

/// The version of the index's layout: an index of another version is rebuilt.
const LAYOUT: u32 = 4;

/// The `kind` of the entries that place a mention of an entity (its IRI, its
/// document, where it begins): they have no text, so no search finds them; they
/// give an entity's mentions and counts without reading them all from the store.
const MENTION_KIND: &str = "mention";

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text_options = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analysis::NAME)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let fields = Fields {
        text: b.add_text_field("text", text_options),
        kind: b.add_text_field("kind", STRING | STORED),
        iri: b.add_text_field("iri", STRING | STORED),
        document: b.add_text_field("document", STRING | STORED),
        title: b.add_text_field("title", STORED),
        section: b.add_text_field("section", STORED),
        province: b.add_text_field("province", STRING | STORED),
        year: b.add_text_field("year", STRING | STORED),
        doctype: b.add_text_field("doctype", STRING | STORED),
        entity: b.add_text_field("entity", STRING),
        begin: b.add_u64_field("begin", STORED | INDEXED),
        // Columns of the mention entries only, so that they cost nothing to
        // the other entries: an entity's mentions are counted and ordered
        // from them.
        mention_document: b.add_text_field("mention_document", FAST),
        mention_begin: b.add_u64_field("mention_begin", FAST),
        end: b.add_u64_field("end", STORED),
    };
    (b.build(), fields)
}

/// The folder of a store's index.
pub fn index_dir(store: &Path) -> PathBuf {
    store.join("search")
}

/// The store's documents: each document graph with the SHA-256 of its text.
fn store_documents(store: &Store) -> Result<BTreeMap<String, String>, SearchError> {
    let sha256 = oxigraph::model::NamedNodeRef::new_unchecked(pkg::SHA256);
    let mut documents = BTreeMap::new();
    for quad in store.quads_for_pattern(None, Some(sha256), None, None) {
        let quad = quad.map_err(StoreError::from)?;
        if let (
            oxigraph::model::NamedOrBlankNode::NamedNode(s),
            oxigraph::model::GraphName::NamedNode(g),
            Term::Literal(sha),
        ) = (&quad.subject, &quad.graph_name, &quad.object)
            && s == g
        {
            documents.insert(g.as_str().to_owned(), sha.value().to_owned());
        }
    }
    Ok(documents)
}

/// What one commit of the index records about itself (its commit payload).
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct Payload {
    /// [`LAYOUT`] when it was written.
    layout: u32,
    /// The documents it holds: graph IRI → SHA-256 of the text.
    documents: BTreeMap<String, String>,
}

impl Payload {
    fn of(index: &Index) -> Payload {
        index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| serde_json::from_str(&p).ok())
            .unwrap_or_default()
    }
}

fn open_index(dir: &Path) -> Result<Index, tantivy::TantivyError> {
    let index = Index::open_in_dir(dir)?;
    index
        .tokenizers()
        .register(analysis::NAME, analysis::Bigrams);
    Ok(index)
}

/// A store's full-text index, checked to hold exactly the store's documents.
pub struct SearchIndex {
    reader: tantivy::IndexReader,
    fields: Fields,
    /// The documents it holds (the store's), sorted.
    documents: Vec<String>,
}

impl SearchIndex {
    /// Brings the index of the store in `store_dir` in step with the store:
    /// creates it when missing (or of an older layout), removes the entries of
    /// documents the store no longer holds or holds changed, adds those of new
    /// and changed documents, and commits with the store's list of documents.
    pub fn sync(store: &KgStore, store_dir: &Path) -> Result<SyncCounts, SearchError> {
        sync::sync(store, store_dir)
    }

    /// Opens the index of a store, if it holds exactly the store's documents.
    pub fn open(store: &KgStore, store_dir: &Path) -> Result<Self, SearchError> {
        Self::open_for(store.inner(), store_dir)
    }

    pub(crate) fn open_for(store: &Store, store_dir: &Path) -> Result<Self, SearchError> {
        let dir = index_dir(store_dir);
        let stale = |why: &str| SearchError::Stale(why.to_owned(), store_dir.display().to_string());
        if !dir.join("meta.json").exists() {
            return Err(stale("the store has no search index"));
        }
        let index = open_index(&dir)?;
        let payload = Payload::of(&index);
        if payload.layout != LAYOUT {
            return Err(stale(
                "the search index was made by another version of policykg",
            ));
        }
        if payload.documents != store_documents(store)? {
            return Err(stale(
                "the search index does not hold the store's documents as they are now (the store changed after the index was last synced)",
            ));
        }
        // The reader stays on the commit just checked against the store.
        let reader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()?;
        let (_, fields) = schema();
        Ok(Self {
            reader,
            fields,
            documents: payload.documents.into_keys().collect(),
        })
    }

    /// The documents the index holds, which are the store's, in IRI order.
    pub fn documents(&self) -> &[String] {
        &self.documents
    }

    /// How many entries of a kind a document has (its sentences, measures, …).
    pub fn count_in_document(&self, document: &str, kind: Kind) -> Result<u64, SearchError> {
        self.count_entries(document, kind.name())
    }

    /// How many mentions of entities a document has.
    pub fn mentions_in_document(&self, document: &str) -> Result<u64, SearchError> {
        self.count_entries(document, MENTION_KIND)
    }

    fn count_entries(&self, document: &str, kind: &str) -> Result<u64, SearchError> {
        use tantivy::query::{BooleanQuery, Occur, TermQuery};
        let f = &self.fields;
        let term = |field, value: &str| -> Box<dyn tantivy::query::Query> {
            Box::new(TermQuery::new(
                tantivy::Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            ))
        };
        let query = BooleanQuery::new(vec![
            (Occur::Must, term(f.document, document)),
            (Occur::Must, term(f.kind, kind)),
        ]);
        Ok(self
            .reader
            .searcher()
            .search(&query, &tantivy::collector::Count)? as u64)
    }
}

/// The hit's text around the first occurrence of the query: up to `width`
/// characters on each side, and the match.
///
/// ```
/// let (l, m, r) = policykg::search::in_context("大力发展低空经济和商业航天", "低空经济", 2);
/// assert_eq!((l.as_str(), m.as_str(), r.as_str()), ("发展", "低空经济", "和商"));
/// ```
pub fn in_context(text: &str, query: &str, width: usize) -> (String, String, String) {
    let lower = text.to_lowercase();
    let Some(at) = lower
        .find(&query.to_lowercase())
        .filter(|_| lower.len() == text.len())
    else {
        let head: String = text.chars().take(width * 2).collect();
        return (String::new(), String::new(), head);
    };
    let end = at + query.len();
    let left: Vec<char> = text[..at].chars().collect();
    let left: String = left[left.len().saturating_sub(width)..].iter().collect();
    let right: String = text[end..].chars().take(width).collect();
    (left, text[at..end].to_owned(), right)
}

/// A store's opened index, kept while the store does not change: opening checks
/// the index against every document of the store (tens of milliseconds on the
/// law corpus), which a server should not pay per search. Every write through
/// [`KgStore`] calls [`SearchCache::invalidate`]; the next search opens and
/// checks the index again.
#[derive(Default)]
pub struct SearchCache {
    generation: std::sync::atomic::AtomicU64,
    slot: std::sync::Mutex<Option<(u64, std::sync::Arc<SearchIndex>)>>,
}

impl SearchCache {
    /// Forgets the opened index: the store changed.
    pub fn invalidate(&self) {
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }

    /// The index of the store in `store_dir`, opened and checked once per state
    /// of the store.
    pub fn get(
        &self,
        store: &Store,
        store_dir: &Path,
    ) -> Result<std::sync::Arc<SearchIndex>, SearchError> {
        let generation = self.generation.load(std::sync::atomic::Ordering::SeqCst);
        if let Some((seen, index)) = &*self.slot.lock().unwrap_or_else(|e| e.into_inner())
            && *seen == generation
        {
            return Ok(std::sync::Arc::clone(index));
        }
        let index = std::sync::Arc::new(SearchIndex::open_for(store, store_dir)?);
        *self.slot.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((generation, std::sync::Arc::clone(&index)));
        Ok(index)
    }
}
