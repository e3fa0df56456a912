//! Full-text search over the text a store holds: document titles, section titles,
//! sentences, measure labels and entity labels, in a tantivy index inside the
//! store folder (`{store}/search`), analysed by Chinese character bigrams
//! ([`analysis`]) so that a search finds any substring whatever the segmentation.
//!
//! The index records a fingerprint of the store's documents (each graph's
//! SHA-256); [`SearchIndex::open`] refuses an index whose fingerprint is not the
//! store's, so a search never answers from another state of the store: rebuild it
//! with [`SearchIndex::build`] (`policykg index`).

pub mod analysis;

use crate::store::{KgStore, StoreError};
use crate::vocab::pkg;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query, RegexQuery, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::{Index, TantivyDocument, Term as IndexTerm};

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
    /// A filter that is not `name=value` with a known name.
    #[error("unknown filter {0:?}: use province=…, year=… or document=…")]
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
}

struct Fields {
    text: Field,
    kind: Field,
    iri: Field,
    document: Field,
    title: Field,
    section: Field,
    province: Field,
    year: Field,
}

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
    };
    (b.build(), fields)
}

const FINGERPRINT: &str = "policykg-fingerprint";

/// The folder of a store's index.
pub fn index_dir(store: &Path) -> PathBuf {
    store.join("search")
}

/// A fingerprint of the store's documents: the SHA-256 of each document graph
/// with its text's SHA-256, in order.
pub fn fingerprint(store: &KgStore) -> Result<String, SearchError> {
    let rows = select(
        store,
        &format!(
            "SELECT ?g ?sha WHERE {{ GRAPH ?g {{ ?g <{}> ?sha }} }} ORDER BY ?g",
            pkg::SHA256
        ),
    )?;
    let mut hash = Sha256::new();
    for row in rows {
        hash.update(row.join("\t").as_bytes());
        hash.update(b"\n");
    }
    Ok(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

fn select(store: &KgStore, sparql: &str) -> Result<Vec<Vec<String>>, SearchError> {
    let QueryResults::Solutions(solutions) = store.query(sparql)? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for s in solutions {
        let s = s.map_err(StoreError::from)?;
        out.push(
            s.values()
                .iter()
                .map(|v| match v {
                    Some(Term::Literal(l)) => l.value().to_owned(),
                    Some(Term::NamedNode(n)) => n.as_str().to_owned(),
                    _ => String::new(),
                })
                .collect(),
        );
    }
    Ok(out)
}

/// A store's full-text index.
pub struct SearchIndex {
    index: Index,
    fields: Fields,
}

/// What a build indexed.
#[derive(Debug, Default, Clone, Serialize)]
pub struct BuildCounts {
    /// Entries indexed, all kinds.
    pub entries: u64,
    /// Documents of the store.
    pub documents: u64,
}

impl SearchIndex {
    /// Builds the index of a store afresh, replacing any index in `dir`.
    pub fn build(store: &KgStore, dir: &Path) -> Result<BuildCounts, SearchError> {
        let io = |source| SearchError::Io {
            path: dir.to_owned(),
            source,
        };
        // Build beside, then swap: a reader never sees half an index.
        let building = dir.with_extension("building");
        if building.exists() {
            std::fs::remove_dir_all(&building).map_err(io)?;
        }
        std::fs::create_dir_all(&building).map_err(io)?;
        let (schema, f) = schema();
        let index = Index::create_in_dir(&building, schema)?;
        index
            .tokenizers()
            .register(analysis::NAME, analysis::Bigrams);
        let mut writer = index.writer::<TantivyDocument>(64 << 20)?;
        let mut counts = BuildCounts::default();
        // The documents' metadata, to store with each hit.
        let mut meta = std::collections::HashMap::new();
        for r in select(
            store,
            &format!(
                "SELECT ?d ?title (SAMPLE(?s) AS ?spatial) (SAMPLE(?y) AS ?year) WHERE {{
                   ?d a <{doc}> ; <http://purl.org/dc/terms/title> ?title .
                   OPTIONAL {{ ?d <http://purl.org/dc/terms/spatial> ?s }}
                   OPTIONAL {{ ?d <http://purl.org/dc/terms/temporal> ?y }} }} GROUP BY ?d ?title",
                doc = pkg::DOCUMENT
            ),
        )? {
            counts.documents += 1;
            let mut d = TantivyDocument::default();
            d.add_text(f.kind, Kind::Document.name());
            d.add_text(f.iri, &r[0]);
            d.add_text(f.text, &r[1]);
            d.add_text(f.document, &r[0]);
            d.add_text(f.title, &r[1]);
            d.add_text(f.province, &r[2]);
            d.add_text(f.year, &r[3]);
            writer.add_document(d)?;
            counts.entries += 1;
            meta.insert(r[0].clone(), (r[1].clone(), r[2].clone(), r[3].clone()));
        }
        let parts = [
            (
                Kind::Sentence,
                format!(
                    "SELECT ?n ?text ?d ?section WHERE {{ ?n a <{}> ; <{nif}anchorOf> ?text ; <{nif}referenceContext> ?d .
                       OPTIONAL {{ ?n <{part}>/<{part}>? ?s . ?s a <{}> ; <http://purl.org/dc/terms/title> ?section }} }}",
                    pkg::SENTENCE,
                    pkg::SECTION,
                    nif = crate::vocab::nif::NS,
                    part = crate::vocab::dcterms::IS_PART_OF,
                ),
            ),
            (
                Kind::Measure,
                format!(
                    "SELECT ?n ?text ?d ?section WHERE {{ ?n a <{}> ; <{label}> ?text ; <{nif}referenceContext> ?d .
                       OPTIONAL {{ ?n <{part}>/<{part}> ?s . ?s a <{}> ; <http://purl.org/dc/terms/title> ?section }} }}",
                    pkg::MEASURE,
                    pkg::SECTION,
                    label = crate::vocab::rdfs::LABEL,
                    nif = crate::vocab::nif::NS,
                    part = crate::vocab::dcterms::IS_PART_OF,
                ),
            ),
            (
                Kind::Section,
                format!(
                    "SELECT ?n ?text ?d ?section WHERE {{ ?n a <{}> ; <http://purl.org/dc/terms/title> ?text ; <{nif}referenceContext> ?d .
                       FILTER(STRLEN(?text) > 0) BIND(?text AS ?section) }}",
                    pkg::SECTION,
                    nif = crate::vocab::nif::NS,
                ),
            ),
            (
                Kind::Entity,
                format!(
                    "SELECT DISTINCT ?n ?text ?d ?section WHERE {{ GRAPH ?g {{ ?n <{label}>|<{alt}> ?text }}
                       FILTER(STRENDS(STR(?g), \"entities\")) }}",
                    label = crate::vocab::rdfs::LABEL,
                    alt = crate::vocab::skos::ALT_LABEL,
                ),
            ),
        ];
        for (kind, sparql) in parts {
            for r in select(store, &sparql)? {
                let mut d = TantivyDocument::default();
                d.add_text(f.kind, kind.name());
                d.add_text(f.iri, &r[0]);
                d.add_text(f.text, &r[1]);
                d.add_text(f.document, &r[2]);
                d.add_text(f.section, &r[3]);
                if let Some((title, province, year)) = meta.get(&r[2]) {
                    d.add_text(f.title, title);
                    d.add_text(f.province, province);
                    d.add_text(f.year, year);
                }
                writer.add_document(d)?;
                counts.entries += 1;
            }
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        std::fs::write(building.join(FINGERPRINT), fingerprint(store)?).map_err(io)?;
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(io)?;
        }
        std::fs::rename(&building, dir).map_err(io)?;
        Ok(counts)
    }

    /// Opens the index of a store, if it was built from the store as it is.
    pub fn open(store: &KgStore, store_dir: &Path) -> Result<Self, SearchError> {
        let dir = index_dir(store_dir);
        let stale = |why: &str| SearchError::Stale(why.to_owned(), store_dir.display().to_string());
        let Ok(recorded) = std::fs::read_to_string(dir.join(FINGERPRINT)) else {
            return Err(stale("the store has no search index"));
        };
        if recorded != fingerprint(store)? {
            return Err(stale(
                "the search index was built before the store's last change",
            ));
        }
        let index = Index::open_in_dir(&dir)?;
        index
            .tokenizers()
            .register(analysis::NAME, analysis::Bigrams);
        let (_, fields) = schema();
        Ok(Self { index, fields })
    }

    /// The `limit` best hits of `text`, of the given kinds (all when empty), that
    /// pass the filters (`province=江苏省`, `year=2026`, `document=IRI`).
    pub fn search(
        &self,
        text: &str,
        kinds: &[Kind],
        filters: &[String],
        limit: usize,
    ) -> Result<Vec<Hit>, SearchError> {
        let f = &self.fields;
        let tokens = analysis::tokens(text);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let terms: Vec<(usize, IndexTerm)> = tokens
            .iter()
            .map(|t| (t.position, IndexTerm::from_field_text(f.text, &t.text)))
            .collect();
        let first = terms.first().map_or(0, |t| t.0);
        match terms.as_slice() {
            [] => return Ok(Vec::new()),
            // One Han character: any bigram that holds it.
            [_] if tokens[0].text.chars().count() == 1
                && analysis::is_han(tokens[0].text.chars().next().unwrap_or(' ')) =>
            {
                let c = regex::escape(&tokens[0].text);
                clauses.push((
                    Occur::Must,
                    Box::new(RegexQuery::from_pattern(&format!("{c}|{c}.|.{c}"), f.text)?),
                ));
            }
            [(_, term)] => clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
            )),
            _ => clauses.push((
                Occur::Must,
                Box::new(PhraseQuery::new_with_offset(
                    terms.iter().map(|(p, t)| (p - first, t.clone())).collect(),
                )),
            )),
        }
        if !kinds.is_empty() {
            let any: Vec<(Occur, Box<dyn Query>)> = kinds
                .iter()
                .map(|k| {
                    let q: Box<dyn Query> = Box::new(TermQuery::new(
                        IndexTerm::from_field_text(f.kind, k.name()),
                        IndexRecordOption::Basic,
                    ));
                    (Occur::Should, q)
                })
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        for filter in filters {
            let (name, value) = filter
                .split_once('=')
                .ok_or_else(|| SearchError::Filter(filter.clone()))?;
            let field = match name.trim() {
                "province" | "region" => f.province,
                "year" => f.year,
                "document" => f.document,
                _ => return Err(SearchError::Filter(filter.clone())),
            };
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    IndexTerm::from_field_text(field, value.trim()),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        let query = BooleanQuery::new(clauses);
        let reader = self.index.reader()?;
        let searcher = reader.searcher();
        let top = searcher.search(&query, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let d: TantivyDocument = searcher.doc(address)?;
            let get = |field: Field| {
                d.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_owned()
            };
            hits.push(Hit {
                score,
                kind: get(f.kind),
                iri: get(f.iri),
                text: get(f.text),
                document: get(f.document),
                title: get(f.title),
                section: get(f.section),
                province: get(f.province),
                year: get(f.year),
            });
        }
        Ok(hits)
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
