//! `GET /api/documents?after=KEY&n=50`: the documents in IRI order, a page at a
//! time: the page starts after the key (the last IRI of the page before), so a
//! page costs the same wherever it is in the list.

use super::{Api, Failure, after, local_name, number, page_size, string, text};
use crate::serve::reply::Params;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

/// The columns of a listed document, in the order the rows are read.
const COLUMNS: &str =
    "SELECT ?d (SAMPLE(?t) AS ?title) (SAMPLE(?k) AS ?kind) (SAMPLE(?s) AS ?spatial)
    (SAMPLE(?y) AS ?year) (SAMPLE(?i) AS ?issued) (SAMPLE(?src) AS ?source)";

/// What a listed document shows, bound for `?d` (the SELECTs take a SAMPLE of each).
const METADATA: &str = "
    OPTIONAL { ?d dcterms:title ?t }
    OPTIONAL { ?d a ?k FILTER(?k != pkg:Document) }
    OPTIONAL { ?d dcterms:spatial ?s }
    OPTIONAL { ?d dcterms:temporal ?y }
    OPTIONAL { ?d dcterms:issued ?i }
    OPTIONAL { ?d dcterms:source ?src }";

pub(super) fn answer(api: &Api, params: &Params) -> Result<Value, Failure> {
    // The search index holds the store's list of documents, sorted, and counts
    // their parts: a page costs the same wherever it is, without a query that
    // sorts every document (seconds on the law corpus).
    if let Ok(index) = api.store.search_index() {
        return from_index(api, params, &index);
    }
    let n = page_size(params)?;
    let after = after(params, "d")?;
    let total_sparql = "SELECT (COUNT(?d) AS ?n) WHERE { ?d a pkg:Document }";
    let total = api
        .rows(total_sparql)?
        .first()
        .map_or(Value::Null, |r| number(&r[0]));
    let page_sparql = format!(
        "{COLUMNS}
         WHERE {{ ?d a pkg:Document . {after} {METADATA} }} GROUP BY ?d ORDER BY ?d LIMIT {}",
        n + 1
    );
    let mut rows = api.rows(&page_sparql)?;
    let next = if rows.len() > n {
        rows.truncate(n);
        rows.last().map(|r| text(&r[0]))
    } else {
        None
    };
    // What each document of the page holds, by type, in one query.
    let values: String = rows.iter().map(|r| format!("<{}> ", text(&r[0]))).collect();
    let counts_sparql = format!(
        "SELECT ?d ?type (COUNT(?node) AS ?n) WHERE {{
           VALUES ?d {{ {values}}}
           VALUES ?type {{ pkg:Sentence pkg:Measure pkg:Mention pkg:Section }}
           ?node nif:referenceContext ?d ; a ?type .
         }} GROUP BY ?d ?type"
    );
    let mut counts: HashMap<String, Map<String, Value>> = HashMap::new();
    if !rows.is_empty() {
        for r in api.rows(&counts_sparql)? {
            counts
                .entry(text(&r[0]))
                .or_default()
                .insert(local_name(&text(&r[1])).to_lowercase() + "s", number(&r[2]));
        }
    }
    let documents: Vec<Value> = rows
        .iter()
        .map(|r| {
            let iri = text(&r[0]);
            let mut d = json!({
                "iri": iri,
                "title": string(&r[1]),
                "kind": kind(&text(&r[2])),
                "province": string(&r[3]),
                "year": string(&r[4]),
                "issued": string(&r[5]),
                "source": string(&r[6]),
            });
            for name in ["sentences", "measures", "mentions", "sections"] {
                d[name] = counts
                    .get(&iri)
                    .and_then(|c| c.get(name).cloned())
                    .unwrap_or(Value::from(0));
            }
            d
        })
        .collect();
    let sparql = [total_sparql, page_sparql.as_str(), counts_sparql.as_str()].join("\n\n");
    Ok(json!({
        "total": total,
        "documents": documents,
        "next": next,
        "sparql": sparql,
    }))
}

fn from_index(
    api: &Api,
    params: &Params,
    index: &crate::search::SearchIndex,
) -> Result<Value, Failure> {
    use crate::search::Kind;
    let n = page_size(params)?;
    let key = params
        .one("after")
        .map_err(Failure::Reply)?
        .unwrap_or_default();
    let all = index.documents();
    let start = all.partition_point(|d| d.as_str() <= key);
    let page = &all[start..(start + n).min(all.len())];
    let next = (start + n < all.len())
        .then(|| page.last().cloned())
        .flatten();
    let values: String = page.iter().map(|d| format!("<{d}> ")).collect();
    let sparql = format!(
        "{COLUMNS}
         WHERE {{ VALUES ?d {{ {values}}} {METADATA} }} GROUP BY ?d"
    );
    let mut meta: HashMap<String, super::Row> = HashMap::new();
    if !page.is_empty() {
        for r in api.rows(&sparql)? {
            meta.insert(text(&r[0]), r);
        }
    }
    let failure = |e: crate::search::SearchError| {
        Failure::Reply(super::error(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            e.to_string(),
        ))
    };
    let mut documents = Vec::with_capacity(page.len());
    for iri in page {
        let r = meta.get(iri);
        let get = |i: usize| r.map_or(Value::Null, |r| string(&r[i]));
        documents.push(json!({
            "iri": iri,
            "title": get(1),
            "kind": kind(&r.map(|r| text(&r[2])).unwrap_or_default()),
            "province": get(3),
            "year": get(4),
            "issued": get(5),
            "source": get(6),
            "sentences": index.count_in_document(iri, Kind::Sentence).map_err(failure)?,
            "measures": index.count_in_document(iri, Kind::Measure).map_err(failure)?,
            "sections": index.count_in_document(iri, Kind::Section).map_err(failure)?,
            "mentions": index.mentions_in_document(iri).map_err(failure)?,
        }));
    }
    Ok(json!({
        "total": all.len(),
        "documents": documents,
        "next": next,
        "sparql": sparql,
    }))
}

/// What kind of document a type makes it: a law for ELI's legal resources, a
/// report otherwise.
fn kind(other_type: &str) -> &'static str {
    if other_type.starts_with(crate::vocab::eli::NS) {
        "law"
    } else {
        "document"
    }
}
