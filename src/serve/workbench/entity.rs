//! `GET /api/entity?iri=IRI&after=KEY&n=50`: any resource of the graph, entity or
//! not: its names, types and value, its properties and the links to it, and for an
//! entity every mention across the corpus (a page at a time, by key) in the
//! context of its sentence, its counts per document, and the relations it takes
//! part in with their evidence.

use super::{Api, Failure, after, error, iri_param, local_name, number, page_size, string, text};
use crate::serve::reply::Params;
use axum::http::StatusCode;
use oxigraph::model::Term;
use serde_json::{Value, json};

/// Characters of context on each side of a mention.
const CONTEXT: usize = 40;

pub(super) fn answer(api: &Api, params: &Params) -> Result<Value, Failure> {
    let e = iri_param(params, "iri")?;
    let e = e.as_str();
    let n = page_size(params)?;
    let after = after(params, "m")?;
    let mut sparql = Vec::new();
    let mut run = |query: String| -> Result<Vec<super::Row>, Failure> {
        let rows = api.rows(&query)?;
        sparql.push(query);
        Ok(rows)
    };
    let out_rows = run(format!(
        "SELECT ?p ?o (SAMPLE(?l) AS ?label) WHERE {{ <{e}> ?p ?o
           FILTER(?p != nif:isString)
           OPTIONAL {{ ?o rdfs:label ?l }} }} GROUP BY ?p ?o LIMIT 500"
    ))?;
    // No GROUP BY here: it would read every link in (tens of thousands of
    // mentions for 国务院) before the LIMIT; a name repeated is dropped below.
    let mut seen = std::collections::HashSet::new();
    let incoming_rows: Vec<super::Row> = run(format!(
        "SELECT ?s ?p ?label WHERE {{ {{ SELECT ?s ?p WHERE {{ ?s ?p <{e}>
           FILTER(?p NOT IN (itsrdf:taIdentRef, rdf:subject, rdf:object, nif:referenceContext)) }} LIMIT 200 }}
           OPTIONAL {{ ?s rdfs:label|dcterms:title ?label }} }}"
    ))?
    .into_iter()
    .filter(|r| seen.insert((text(&r[0]), text(&r[1]))))
    .collect();
    if out_rows.is_empty() && incoming_rows.is_empty() {
        return Err(Failure::Reply(error(
            StatusCode::NOT_FOUND,
            format!("the store says nothing about <{e}>"),
        )));
    }
    let (mut label, mut value) = (Value::Null, Value::Null);
    let (mut types, mut alt_labels, mut properties) = (Vec::new(), Vec::new(), Vec::new());
    for r in &out_rows {
        let p = text(&r[0]);
        match p.as_str() {
            crate::vocab::rdfs::LABEL if label.is_null() => label = string(&r[1]),
            crate::vocab::dcterms::TITLE if label.is_null() => label = string(&r[1]),
            crate::vocab::skos::ALT_LABEL => alt_labels.push(string(&r[1])),
            crate::vocab::rdf::TYPE => types.push(text(&r[1])),
            crate::vocab::pkg::NORMALIZED_VALUE => value = string(&r[1]),
            _ => {}
        }
        if p == crate::vocab::rdf::TYPE || p == crate::vocab::skos::ALT_LABEL {
            continue;
        }
        let link = matches!(r[1], Some(Term::NamedNode(_)));
        properties.push(json!({
            "name": local_name(&p),
            "property": p,
            "value": if r[2].is_some() { string(&r[2]) } else { string(&r[1]) },
            "link": if link { string(&r[1]) } else { Value::Null },
        }));
    }
    let main_type = types
        .iter()
        .find(|t| t.starts_with(crate::vocab::pkg::NS) && t.as_str() != crate::vocab::pkg::ENTITY)
        .or(types.first())
        .map_or("", |t| local_name(t))
        .to_owned();
    let incoming: Vec<Value> = incoming_rows
        .iter()
        .map(|r| {
            json!({
                "name": local_name(&text(&r[1])), "property": string(&r[1]),
                "subject": string(&r[0]), "label": string(&r[2]),
            })
        })
        .collect();
    let total_mentions = run(format!(
        "SELECT (COUNT(?m) AS ?n) WHERE {{ ?m itsrdf:taIdentRef <{e}> }}"
    ))?
    .first()
    .map_or(Value::from(0), |r| number(&r[0]));
    // The page's keys first (sorting only the IRIs), then their details.
    let mut keys = run(format!(
        "SELECT ?m WHERE {{ ?m itsrdf:taIdentRef <{e}> . {after} }} ORDER BY ?m LIMIT {}",
        n + 1
    ))?;
    let next = if keys.len() > n {
        keys.truncate(n);
        keys.last().map(|r| text(&r[0]))
    } else {
        None
    };
    let values: String = keys.iter().map(|r| format!("<{}> ", text(&r[0]))).collect();
    let mention_rows = if keys.is_empty() {
        Vec::new()
    } else {
        run(format!(
            "SELECT ?m ?d ?anchor ?begin ?end ?sentence ?sbegin (SAMPLE(?t) AS ?title) WHERE {{
               VALUES ?m {{ {values}}}
               ?m nif:referenceContext ?d ; nif:anchorOf ?anchor ; nif:beginIndex ?begin ; nif:endIndex ?end .
               OPTIONAL {{ ?m pkg:inSentence ?s . ?s nif:anchorOf ?sentence ; nif:beginIndex ?sbegin }}
               OPTIONAL {{ ?d dcterms:title ?t }}
             }} GROUP BY ?m ?d ?anchor ?begin ?end ?sentence ?sbegin ORDER BY ?m"
        ))?
    };
    let mentions: Vec<Value> = mention_rows
        .iter()
        .map(|r| {
            let (left, right) = context(&text(&r[5]), &r[6], &r[3], &r[4]);
            json!({
                "iri": string(&r[0]), "document": string(&r[1]), "title": string(&r[7]),
                "anchor": string(&r[2]), "begin": number(&r[3]), "end": number(&r[4]),
                "left": left, "right": right,
            })
        })
        .collect();
    let documents: Vec<Value> = run(format!(
        "SELECT ?d (SAMPLE(?t) AS ?title) (COUNT(?m) AS ?n) WHERE {{
           ?m itsrdf:taIdentRef <{e}> ; nif:referenceContext ?d .
           OPTIONAL {{ ?d dcterms:title ?t }}
         }} GROUP BY ?d ORDER BY DESC(?n) ?d LIMIT 200"
    ))?
    .iter()
    .map(|r| json!({ "document": string(&r[0]), "title": string(&r[1]), "count": number(&r[2]) }))
    .collect();
    let relations: Vec<Value> = run(format!(
        "SELECT ?st ?s ?p ?o (SAMPLE(?sl) AS ?slabel) (SAMPLE(?ol) AS ?olabel) ?ev ?evtext ?d ?begin ?end WHERE {{
           {{ ?st rdf:subject <{e}> }} UNION {{ ?st rdf:object <{e}> }}
           ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
           OPTIONAL {{ ?st pkg:evidence ?ev . ?ev nif:anchorOf ?evtext ; nif:referenceContext ?d ;
                       nif:beginIndex ?begin ; nif:endIndex ?end }}
           OPTIONAL {{ ?s rdfs:label ?sl }} OPTIONAL {{ ?o rdfs:label ?ol }}
         }} GROUP BY ?st ?s ?p ?o ?ev ?evtext ?d ?begin ?end LIMIT 200"
    ))?
    .iter()
    .map(|r| {
        json!({
            "statement": string(&r[0]), "subject": string(&r[1]), "subjectLabel": string(&r[4]),
            "predicate": string(&r[2]), "predicateName": local_name(&text(&r[2])),
            "object": string(&r[3]), "objectLabel": string(&r[5]),
            "evidenceIri": string(&r[6]), "evidence": string(&r[7]), "document": string(&r[8]),
            "begin": number(&r[9]), "end": number(&r[10]),
        })
    })
    .collect();
    Ok(json!({
        "iri": e,
        "label": label,
        "type": main_type,
        "types": types,
        "altLabels": alt_labels,
        "value": value,
        "properties": properties,
        "incoming": incoming,
        "mentions": mentions,
        "next": next,
        "total_mentions": total_mentions,
        "documents": documents,
        "relations": relations,
        "sparql": sparql.join("\n\n"),
    }))
}

/// The text of the sentence before and after a mention (at most [`CONTEXT`]
/// characters each side), from the sentence's text and the offsets.
fn context(
    sentence: &str,
    sentence_begin: &Option<Term>,
    begin: &Option<Term>,
    end: &Option<Term>,
) -> (String, String) {
    let offset = |t: &Option<Term>| text(t).parse::<usize>().ok();
    let (Some(s), Some(b), Some(e)) = (offset(sentence_begin), offset(begin), offset(end)) else {
        return (String::new(), String::new());
    };
    let chars: Vec<char> = sentence.chars().collect();
    let (b, e) = (
        b.saturating_sub(s).min(chars.len()),
        e.saturating_sub(s).min(chars.len()),
    );
    let left: String = chars[b.saturating_sub(CONTEXT)..b].iter().collect();
    let right: String = chars[e..(e + CONTEXT).min(chars.len())].iter().collect();
    (left, right)
}
