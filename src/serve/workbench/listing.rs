//! `GET /api/documents?after=KEY&n=50`: the documents in IRI order, a page at a
//! time: the page starts after the key (the last IRI of the page before), so a
//! page costs the same wherever it is in the list.

use super::{Api, Failure, after, local_name, number, page_size, string, text};
use crate::serve::reply::Params;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

pub(super) fn answer(api: &Api, params: &Params) -> Result<Value, Failure> {
    let n = page_size(params)?;
    let after = after(params, "d")?;
    let total_sparql = "SELECT (COUNT(?d) AS ?n) WHERE { ?d a pkg:Document }";
    let total = api
        .rows(total_sparql)?
        .first()
        .map_or(Value::Null, |r| number(&r[0]));
    let page_sparql = format!(
        "SELECT ?d (SAMPLE(?t) AS ?title) (SAMPLE(?k) AS ?kind) (SAMPLE(?s) AS ?spatial)
                (SAMPLE(?y) AS ?year) (SAMPLE(?i) AS ?issued) (SAMPLE(?src) AS ?source)
         WHERE {{
           ?d a pkg:Document . {after}
           OPTIONAL {{ ?d dcterms:title ?t }}
           OPTIONAL {{ ?d a ?k FILTER(?k != pkg:Document) }}
           OPTIONAL {{ ?d dcterms:spatial ?s }}
           OPTIONAL {{ ?d dcterms:temporal ?y }}
           OPTIONAL {{ ?d dcterms:issued ?i }}
           OPTIONAL {{ ?d dcterms:source ?src }}
         }} GROUP BY ?d ORDER BY ?d LIMIT {}",
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

/// What kind of document a type makes it: a law for ELI's legal resources, a
/// report otherwise.
fn kind(other_type: &str) -> &'static str {
    if other_type.starts_with(crate::vocab::eli::NS) {
        "law"
    } else {
        "document"
    }
}
