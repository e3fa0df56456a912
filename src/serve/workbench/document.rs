//! `GET /api/document?iri=IRI`: one document as a reader sees it: its metadata,
//! its text, its outline, its measures, every mention with its entity, and the
//! sentences that are evidence for a relation. Offsets count characters (code
//! points), as `nif:beginIndex` does.

use super::{Api, Failure, error, iri_param, local_name, number, string, text};
use crate::serve::reply::Params;
use axum::http::StatusCode;
use serde_json::{Value, json};
use std::collections::BTreeMap;

pub(super) fn answer(api: &Api, params: &Params) -> Result<Value, Failure> {
    let d = iri_param(params, "iri")?;
    let d = d.as_str();
    let mut sparql = Vec::new();
    let mut run = |query: String| -> Result<Vec<super::Row>, Failure> {
        let rows = api.rows(&query)?;
        sparql.push(query);
        Ok(rows)
    };
    let metadata_rows = run(format!(
        "SELECT ?p ?o ?label WHERE {{ GRAPH <{d}> {{ <{d}> ?p ?o FILTER(?p != nif:isString) }}
           OPTIONAL {{ ?o rdfs:label ?label }} }}"
    ))?;
    if metadata_rows.is_empty() {
        return Err(Failure::Reply(error(
            StatusCode::NOT_FOUND,
            format!("the store has no document <{d}>"),
        )));
    }
    let mut title = String::new();
    let mut metadata = Vec::new();
    for r in &metadata_rows {
        let property = text(&r[0]);
        if property == crate::vocab::dcterms::TITLE && title.is_empty() {
            title = text(&r[1]);
        }
        let link = matches!(r[1], Some(oxigraph::model::Term::NamedNode(_)));
        metadata.push(json!({
            "name": local_name(&property),
            "property": property,
            "value": if r[2].is_some() { string(&r[2]) } else { string(&r[1]) },
            "link": if link { string(&r[1]) } else { Value::Null },
        }));
    }
    let document_text = run(format!(
        "SELECT ?text WHERE {{ GRAPH <{d}> {{ <{d}> nif:isString ?text }} }}"
    ))?
    .first()
    .map(|r| text(&r[0]))
    .unwrap_or_default();
    let sections: Vec<Value> = run(format!(
        "SELECT ?s ?title ?level ?begin ?end ?parent WHERE {{ GRAPH <{d}> {{
           ?s nif:referenceContext <{d}> ; a pkg:Section .
           OPTIONAL {{ ?s dcterms:title ?title }}
           OPTIONAL {{ ?s pkg:level ?level }}
           OPTIONAL {{ ?s nif:beginIndex ?begin ; nif:endIndex ?end }}
           OPTIONAL {{ ?s dcterms:isPartOf ?parent . ?parent a pkg:Section }} }}
         }} ORDER BY ?begin"
    ))?
    .iter()
    .map(|r| {
        json!({
            "iri": string(&r[0]), "title": string(&r[1]), "level": number(&r[2]),
            "begin": number(&r[3]), "end": number(&r[4]), "parent": string(&r[5]),
        })
    })
    .collect();
    let measures: Vec<Value> = run(format!(
        "SELECT ?m ?label ?begin ?end (SAMPLE(?s) AS ?section) WHERE {{ GRAPH <{d}> {{
           ?m nif:referenceContext <{d}> ; a pkg:Measure ; rdfs:label ?label .
           OPTIONAL {{ ?m nif:beginIndex ?begin ; nif:endIndex ?end }}
           OPTIONAL {{ ?m dcterms:isPartOf/dcterms:isPartOf ?s . ?s a pkg:Section }} }}
         }} GROUP BY ?m ?label ?begin ?end ORDER BY ?begin"
    ))?
    .iter()
    .map(|r| {
        json!({
            "iri": string(&r[0]), "label": string(&r[1]), "begin": number(&r[2]),
            "end": number(&r[3]), "section": string(&r[4]),
        })
    })
    .collect();
    let mentions: Vec<Value> = run(format!(
        "SELECT ?m ?begin ?end ?anchor ?entity (SAMPLE(?t) AS ?type) (SAMPLE(?l) AS ?label)
                (SAMPLE(?v) AS ?value) WHERE {{
           GRAPH <{d}> {{ ?m nif:referenceContext <{d}> ; a pkg:Mention ; nif:beginIndex ?begin ;
                nif:endIndex ?end ; nif:anchorOf ?anchor ; itsrdf:taIdentRef ?entity . }}
           OPTIONAL {{ ?entity a ?t FILTER(STRSTARTS(STR(?t), STR(pkg:)) && ?t != pkg:Entity) }}
           OPTIONAL {{ ?entity rdfs:label ?l }}
           OPTIONAL {{ ?entity pkg:normalizedValue ?v }}
         }} GROUP BY ?m ?begin ?end ?anchor ?entity ORDER BY ?begin DESC(?end)"
    ))?
    .iter()
    .map(|r| {
        json!({
            "iri": string(&r[0]), "begin": number(&r[1]), "end": number(&r[2]),
            "anchor": string(&r[3]), "entity": string(&r[4]),
            "type": local_name(&text(&r[5])), "label": string(&r[6]), "value": string(&r[7]),
        })
    })
    .collect();
    // Sentences that are evidence for a relation, with the relations they support.
    let mut evidence: BTreeMap<String, (Value, Value, Vec<String>)> = BTreeMap::new();
    for r in run(format!(
        "SELECT ?sentence ?begin ?end ?s ?p ?o ?sl ?ol WHERE {{
           GRAPH <{d}> {{ ?st pkg:evidence ?sentence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
             ?sentence nif:beginIndex ?begin ; nif:endIndex ?end . }}
           OPTIONAL {{ ?s rdfs:label ?sl }} OPTIONAL {{ ?o rdfs:label ?ol }}
         }}"
    ))? {
        let name = |label: &Option<oxigraph::model::Term>, node: &Option<oxigraph::model::Term>| {
            if label.is_some() { text(label) } else { local_name(&text(node)).to_owned() }
        };
        let relation = format!(
            "{} {} {}",
            name(&r[6], &r[3]),
            local_name(&text(&r[4])),
            name(&r[7], &r[5])
        );
        evidence
            .entry(text(&r[0]))
            .or_insert_with(|| (number(&r[1]), number(&r[2]), Vec::new()))
            .2
            .push(relation);
    }
    let evidence: Vec<Value> = evidence
        .into_iter()
        .map(|(iri, (begin, end, relations))| {
            json!({ "iri": iri, "begin": begin, "end": end, "relations": relations })
        })
        .collect();
    Ok(json!({
        "iri": d,
        "title": title,
        "metadata": metadata,
        "text": document_text,
        "sections": sections,
        "measures": measures,
        "mentions": mentions,
        "evidence": evidence,
        "sparql": sparql.join("\n\n"),
    }))
}
