//! An entity's mentions across the corpus, from the index's mention entries (one
//! per mention: its IRI, document and place, of kind `mention`).
//!
//! The most mentioned entities have tens of thousands of mentions (国务院: 13,947 in
//! the law corpus). Reading them from the store to count them per document or to
//! sort them for a page costs a second or more, because every mention's IRI and
//! document must be looked up; here they are read from the index's columns (the
//! document as an ordinal of a sorted dictionary, the place as a number), a few
//! milliseconds, and only the page's IRIs are read from the stored entries.

use super::{Fields, MENTION_KIND, SearchError, SearchIndex};
use std::collections::HashMap;
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

/// The mentions of one entity, in order of document (IRI) and place.
pub struct EntityMentions {
    /// How many mentions there are.
    pub total: u64,
    /// The documents that mention the entity with how many times each, most
    /// first, then by IRI.
    pub documents: Vec<(String, u64)>,
    /// Every mention: (document, begin, entry), sorted.
    order: Vec<(u32, u64, DocAddress)>,
    searcher: Searcher,
    fields: Fields,
    entity: String,
}

/// One page of mentions: their IRIs in order, and the key of the next page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionPage {
    /// The mentions' IRIs.
    pub mentions: Vec<String>,
    /// The last mention of the page when more follow: pass it as `after`.
    pub next: Option<String>,
}

impl SearchIndex {
    /// The mentions of `entity` (its `itsrdf:taIdentRef` links), counted per
    /// document and ordered for paging.
    pub fn mentions_of(&self, entity: &str) -> Result<EntityMentions, SearchError> {
        let searcher = self.reader.searcher();
        let f = self.fields.clone();
        let query = mention_query(&f, entity, None);
        let found = searcher.search(&query, &DocSetCollector)?;
        let mut by_segment: HashMap<u32, Vec<DocAddress>> = HashMap::new();
        for address in found {
            by_segment
                .entry(address.segment_ord)
                .or_default()
                .push(address);
        }
        // Documents are named once each; their ordinals are per segment.
        let mut names: Vec<String> = Vec::new();
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut order = Vec::new();
        for (segment, addresses) in by_segment {
            let reader = searcher.segment_reader(segment);
            let columns = reader.fast_fields();
            let documents = columns.str("mention_document")?.ok_or_else(|| {
                SearchError::Index(tantivy::TantivyError::SchemaError(
                    "the index has no document column".to_owned(),
                ))
            })?;
            let begins = columns.u64("mention_begin")?;
            let mut named: HashMap<u64, u32> = HashMap::new();
            let mut text = String::new();
            for address in addresses {
                let Some(ord) = documents.term_ords(address.doc_id).next() else {
                    continue;
                };
                let id = match named.get(&ord) {
                    Some(id) => *id,
                    None => {
                        text.clear();
                        documents
                            .ord_to_str(ord, &mut text)
                            .map_err(|e| SearchError::Index(e.into()))?;
                        let id = *ids.entry(text.clone()).or_insert_with(|| {
                            names.push(text.clone());
                            (names.len() - 1) as u32
                        });
                        named.insert(ord, id);
                        id
                    }
                };
                order.push((id, begins.first(address.doc_id).unwrap_or(0), address));
            }
        }
        // Sort by the documents' IRIs, not their ids.
        let mut rank: Vec<u32> = (0..names.len() as u32).collect();
        rank.sort_by(|a, b| names[*a as usize].cmp(&names[*b as usize]));
        let mut position = vec![0u32; names.len()];
        for (i, id) in rank.iter().enumerate() {
            position[*id as usize] = i as u32;
        }
        let mut counts = vec![0u64; names.len()];
        for entry in &mut order {
            counts[entry.0 as usize] += 1;
            entry.0 = position[entry.0 as usize];
        }
        order.sort_unstable();
        let mut documents: Vec<(String, u64)> = rank
            .iter()
            .map(|id| (names[*id as usize].clone(), counts[*id as usize]))
            .collect();
        documents.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(EntityMentions {
            total: order.len() as u64,
            documents,
            order,
            searcher,
            fields: f,
            entity: entity.to_owned(),
        })
    }
}

impl EntityMentions {
    /// Up to `n` mentions after the mention `after` (from the first when `None`
    /// or empty). A key that is not a mention of this entity is an error.
    pub fn page(&self, after: Option<&str>, n: usize) -> Result<MentionPage, SearchError> {
        let start = match after.filter(|a| !a.is_empty()) {
            None => 0,
            Some(key) => {
                let query = mention_query(&self.fields, &self.entity, Some(key));
                let found = self.searcher.search(&query, &DocSetCollector)?;
                let at = found
                    .iter()
                    .find_map(|address| self.order.iter().position(|e| e.2 == *address))
                    .ok_or_else(|| SearchError::Key(key.to_owned()))?;
                at + 1
            }
        };
        let end = (start + n).min(self.order.len());
        let mut mentions = Vec::with_capacity(end - start);
        for (_, _, address) in &self.order[start..end] {
            let entry: TantivyDocument = self.searcher.doc(*address)?;
            mentions.push(
                entry
                    .get_first(self.fields.iri)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_owned(),
            );
        }
        let next = (end < self.order.len())
            .then(|| mentions.last().cloned())
            .flatten();
        Ok(MentionPage { mentions, next })
    }
}

/// The mention entries of an entity (or its one entry of the mention `iri`).
fn mention_query(f: &Fields, entity: &str, iri: Option<&str>) -> BooleanQuery {
    let term = |field, value: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        ))
    };
    let mut clauses = vec![
        (Occur::Must, term(f.kind, MENTION_KIND)),
        (Occur::Must, term(f.entity, entity)),
    ];
    if let Some(iri) = iri {
        clauses.push((Occur::Must, term(f.iri, iri)));
    }
    BooleanQuery::new(clauses)
}
