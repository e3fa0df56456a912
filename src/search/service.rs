//! Full-text search inside SPARQL: `SERVICE <https://w3id.org/policykg/search>`,
//! answered from the store's index through Oxigraph's service handler, so a query
//! joins hits with the graph.
//!
//! ```sparql
//! SELECT ?measure ?label ?province ?score WHERE {
//!   SERVICE <https://w3id.org/policykg/search> {
//!     [] search:query "低空经济" ; search:kind "measure" ;
//!        search:hit ?measure ; search:score ?score ; search:document ?doc .
//!   }
//!   ?measure rdfs:label ?label .
//!   ?doc dcterms:spatial ?province .
//! } ORDER BY DESC(?score)
//! ```
//!
//! The block holds one node with `search:query` (the phrase); constants given to
//! `search:kind`, `search:province`, `search:year`, `search:document` filter the
//! hits, `search:limit` caps them (default [`DEFAULT_LIMIT`]); variables given to
//! `search:hit`, `search:score`, `search:text`, `search:kind`, `search:document`,
//! `search:section`, `search:province`, `search:year` are bound for each hit.
//! Put the SERVICE first in its group: Oxigraph evaluates it once per solution
//! of what comes before it.

use super::{Kind, SearchError};
use oxigraph::model::{Literal, NamedNode, Term, Variable};
use oxigraph::sparql::{QuerySolution, QuerySolutionIter, ServiceHandler};
use oxigraph::store::Store;
use oxiri::Iri;
use spargebra::algebra::GraphPattern;
use spargebra::term::{NamedNodePattern, TermPattern};
use std::path::PathBuf;
use std::sync::Arc;

/// The service's IRI.
pub const SERVICE: &str = "https://w3id.org/policykg/search";
/// The namespace of its properties (prefix `search:`).
pub const NS: &str = "https://w3id.org/policykg/search#";
/// How many hits a call returns without `search:limit`.
pub const DEFAULT_LIMIT: usize = 1000;

/// Why a SERVICE call could not be answered.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The block is not a search this service understands.
    #[error("SERVICE <{SERVICE}>: {0}")]
    Pattern(String),
    /// The index is missing or stale, or failed.
    #[error("SERVICE <{SERVICE}>: {0}")]
    Search(#[from] SearchError),
}

/// Answers `SERVICE <https://w3id.org/policykg/search>` from a store's index.
#[derive(Clone)]
pub struct SearchService {
    store: Store,
    store_dir: Option<PathBuf>,
    cache: Arc<super::SearchCache>,
}

impl SearchService {
    /// The service of the store in `store_dir` (none for a store in memory),
    /// with the store's cache of its opened index.
    pub fn new(store: Store, store_dir: Option<PathBuf>, cache: Arc<super::SearchCache>) -> Self {
        Self {
            store,
            store_dir,
            cache,
        }
    }
}

/// What one call asks.
#[derive(Debug, Default)]
struct Call {
    text: Option<String>,
    kinds: Vec<Kind>,
    filters: Vec<String>,
    limit: Option<usize>,
    /// Output variables by the property that binds them.
    outputs: Vec<(&'static str, Variable)>,
}

const OUTPUTS: [&str; 8] = [
    "hit", "score", "text", "kind", "document", "section", "province", "year",
];

fn parse(pattern: &GraphPattern) -> Result<Call, ServiceError> {
    let bad = |m: String| ServiceError::Pattern(m);
    let GraphPattern::Bgp { patterns } = pattern else {
        return Err(bad(
            "write the call as triple patterns on one node, e.g. [] search:query \"低空经济\" ; search:hit ?hit".into(),
        ));
    };
    let mut call = Call::default();
    let mut subject: Option<&TermPattern> = None;
    for triple in patterns {
        if subject.is_some_and(|s| s != &triple.subject) {
            return Err(bad(
                "one search per SERVICE block: every pattern must have the same subject".into(),
            ));
        }
        subject = Some(&triple.subject);
        let NamedNodePattern::NamedNode(p) = &triple.predicate else {
            return Err(bad(
                "the properties must be search: IRIs, not variables".into()
            ));
        };
        let Some(name) = p.as_str().strip_prefix(NS) else {
            return Err(bad(format!(
                "<{}> is not a property of the search service (prefix search: <{NS}>)",
                p.as_str()
            )));
        };
        match (&triple.object, name) {
            (TermPattern::Variable(v), _) => {
                let Some(output) = OUTPUTS.iter().find(|o| **o == name) else {
                    return Err(bad(format!("search:{name} takes a value, not a variable")));
                };
                call.outputs.push((output, v.clone()));
            }
            (object, "query") => call.text = Some(value(object)),
            (object, "kind") => call.kinds.push(value(object).parse().map_err(bad)?),
            (object, "province" | "year" | "document") => {
                call.filters.push(format!("{name}={}", value(object)));
            }
            (object, "limit") => {
                call.limit = Some(value(object).parse().map_err(|_| {
                    bad(format!(
                        "search:limit takes a whole number, not {}",
                        value(object)
                    ))
                })?);
            }
            (_, other) => return Err(bad(format!("unknown property search:{other}"))),
        }
    }
    if call.text.is_none() {
        return Err(bad("give the phrase to find with search:query \"…\"".into()));
    }
    Ok(call)
}

fn value(term: &TermPattern) -> String {
    match term {
        TermPattern::NamedNode(n) => n.as_str().to_owned(),
        TermPattern::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    }
}

impl ServiceHandler for SearchService {
    type Error = ServiceError;

    fn handle(
        &self,
        pattern: &GraphPattern,
        _base_iri: Option<&Iri<String>>,
    ) -> Result<QuerySolutionIter<'static>, ServiceError> {
        let call = parse(pattern)?;
        let Some(dir) = &self.store_dir else {
            return Err(ServiceError::Pattern(
                "this store lives in memory and has no search index".into(),
            ));
        };
        let index = self.cache.get(&self.store, dir)?;
        let text = call.text.as_deref().unwrap_or_default();
        let hits = index.search(
            text,
            &call.kinds,
            &call.filters,
            call.limit.unwrap_or(DEFAULT_LIMIT),
        )?;
        let variables: Arc<[Variable]> = call.outputs.iter().map(|(_, v)| v.clone()).collect();
        let names: Vec<&'static str> = call.outputs.iter().map(|(n, _)| *n).collect();
        let solutions: Vec<_> = hits
            .into_iter()
            .map(|hit| {
                let iri = |s: &str| NamedNode::new(s).ok().map(Term::from);
                let text = |s: &str| (!s.is_empty()).then(|| Literal::new_simple_literal(s).into());
                let values = names
                    .iter()
                    .map(|name| match *name {
                        "hit" => iri(&hit.iri),
                        "score" => Some(Literal::from(f64::from(hit.score)).into()),
                        "text" => text(&hit.text),
                        "kind" => text(&hit.kind),
                        "document" => iri(&hit.document),
                        "section" => text(&hit.section),
                        "province" => text(&hit.province),
                        _ => text(&hit.year),
                    })
                    .collect::<Vec<Option<Term>>>();
                Ok(QuerySolution::from((Arc::clone(&variables), values)))
            })
            .collect();
        Ok(QuerySolutionIter::new(variables, solutions))
    }
}
