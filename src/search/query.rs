//! Searching the index: a phrase of bigrams, filtered by kind and by the
//! document's metadata, ranked by BM25, with counts per kind, province, year and
//! kind of document.

use super::{Fields, Hit, Kind, SearchError, SearchIndex, analysis};
use serde::Serialize;
use std::collections::BTreeMap;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

/// A search's hits, how many there are in all, and their counts by facet.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    /// The best hits, best first.
    pub hits: Vec<Hit>,
    /// How many entries match, all told.
    pub total: u64,
    /// How many of them are of each kind, province and year.
    pub facets: Facets,
}

/// Counts of matching entries by a value of their document's metadata.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    /// By kind (sentence, measure, …).
    pub kind: BTreeMap<String, u64>,
    /// By the document's region.
    pub province: BTreeMap<String, u64>,
    /// By the document's year.
    pub year: BTreeMap<String, u64>,
    /// By the kind of document: `law` or `document`.
    pub doctype: BTreeMap<String, u64>,
}

impl SearchIndex {
    /// The `limit` best hits of `text`, of the given kinds (all when empty), that
    /// pass the filters (`province=江苏省`, `year=2026`, `doctype=law`,
    /// `document=IRI`).
    pub fn search(
        &self,
        text: &str,
        kinds: &[Kind],
        filters: &[String],
        limit: usize,
    ) -> Result<Vec<Hit>, SearchError> {
        let Some(query) = self.query(text, kinds, filters)? else {
            return Ok(Vec::new());
        };
        self.top(&self.reader.searcher(), &query, limit)
    }

    /// Like [`SearchIndex::search`], with the number of matching entries and
    /// their counts by kind, province and year.
    pub fn search_with_facets(
        &self,
        text: &str,
        kinds: &[Kind],
        filters: &[String],
        limit: usize,
    ) -> Result<Answer, SearchError> {
        let Some(query) = self.query(text, kinds, filters)? else {
            return Ok(Answer {
                hits: Vec::new(),
                total: 0,
                facets: Facets::default(),
            });
        };
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let total = searcher.search(&query, &Count)? as u64;
        let mut facets = Facets::default();
        if total > 0 {
            for (field, counts) in [
                (f.kind, &mut facets.kind),
                (f.province, &mut facets.province),
                (f.year, &mut facets.year),
                (f.doctype, &mut facets.doctype),
            ] {
                for value in values(&searcher, field)? {
                    let narrowed = BooleanQuery::new(vec![
                        (Occur::Must, query.box_clone()),
                        (Occur::Must, term_query(field, &value)),
                    ]);
                    let n = searcher.search(&narrowed, &Count)? as u64;
                    if n > 0 {
                        counts.insert(value, n);
                    }
                }
            }
        }
        Ok(Answer {
            hits: self.top(&searcher, &query, limit)?,
            total,
            facets,
        })
    }

    /// The query for a text, kinds and filters; `None` when the text has nothing
    /// to search for (only punctuation or spaces).
    fn query(
        &self,
        text: &str,
        kinds: &[Kind],
        filters: &[String],
    ) -> Result<Option<Box<dyn Query>>, SearchError> {
        let f = &self.fields;
        let tokens = analysis::tokens(text);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let terms: Vec<(usize, Term)> = tokens
            .iter()
            .map(|t| (t.position, Term::from_field_text(f.text, &t.text)))
            .collect();
        let first = terms.first().map_or(0, |t| t.0);
        match terms.as_slice() {
            [] => return Ok(None),
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
            let any = kinds
                .iter()
                .map(|k| (Occur::Should, term_query(f.kind, k.name())))
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
                "doctype" => f.doctype,
                "document" => f.document,
                _ => return Err(SearchError::Filter(filter.clone())),
            };
            clauses.push((Occur::Must, term_query(field, value.trim())));
        }
        Ok(Some(Box::new(BooleanQuery::new(clauses))))
    }

    fn top(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        limit: usize,
    ) -> Result<Vec<Hit>, SearchError> {
        let top = searcher.search(query, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let d: TantivyDocument = searcher.doc(address)?;
            hits.push(hit(&self.fields, score, &d));
        }
        Ok(hits)
    }
}

fn hit(f: &Fields, score: f32, d: &TantivyDocument) -> Hit {
    let get = |field: Field| {
        d.get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned()
    };
    let number = |field: Field| d.get_first(field).and_then(|v| v.as_u64());
    Hit {
        score,
        kind: get(f.kind),
        iri: get(f.iri),
        text: get(f.text),
        document: get(f.document),
        title: get(f.title),
        section: get(f.section),
        province: get(f.province),
        year: get(f.year),
        doctype: get(f.doctype),
        begin: number(f.begin),
        end: number(f.end),
    }
}

/// A filter on a field's value: it selects, and adds nothing to the score, so
/// a hit ranks the same with or without filters.
fn term_query(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(
        Box::new(TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        )),
        0.0,
    ))
}

/// Every value a string field takes in the index (not empty), in order.
fn values(searcher: &Searcher, field: Field) -> Result<Vec<String>, SearchError> {
    let mut all = std::collections::BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .stream()
            .map_err(|e| SearchError::Index(e.into()))?;
        while stream.advance() {
            if let Ok(value) = std::str::from_utf8(stream.key())
                && !value.is_empty()
            {
                all.insert(value.to_owned());
            }
        }
    }
    Ok(all.into_iter().collect())
}
