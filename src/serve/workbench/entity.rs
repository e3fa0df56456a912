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
use std::collections::HashMap;

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
    let key = params.one("after").map_err(Failure::Reply)?;
    let listed = match api.store.search_index() {
        // The index counts and orders the mentions (milliseconds, where the
        // store takes a second for the most mentioned entities).
        Ok(index) => from_index(&index, e, key, n)?,
        Err(_) => from_store(&mut run, e, &after, n)?,
    };
    let values: String = listed.keys.iter().map(|m| format!("<{m}> ")).collect();
    // Each part of a mention's detail in its own query from the page's IRIs:
    // an OPTIONAL group over the sentences would be joined with every sentence.
    let (mut mention_rows, mut sentences) = (Vec::new(), HashMap::new());
    if !listed.keys.is_empty() {
        mention_rows = run(format!(
            "SELECT ?m ?d ?anchor ?begin ?end WHERE {{
               VALUES ?m {{ {values}}}
               ?m nif:referenceContext ?d ; nif:anchorOf ?anchor ; nif:beginIndex ?begin ; nif:endIndex ?end .
             }}"
        ))?;
        for r in run(format!(
            "SELECT ?m ?sentence ?sbegin WHERE {{
               VALUES ?m {{ {values}}}
               ?m pkg:inSentence ?s . ?s nif:anchorOf ?sentence ; nif:beginIndex ?sbegin
             }}"
        ))? {
            sentences.insert(text(&r[0]), (text(&r[1]), r[2].clone()));
        }
    }
    let mut documents = listed.documents;
    let mut wanted: Vec<String> = documents.iter().map(|(d, _)| d.clone()).collect();
    wanted.extend(mention_rows.iter().map(|r| text(&r[1])));
    let titles = titles(&mut run, wanted)?;
    let position: HashMap<&str, usize> = listed
        .keys
        .iter()
        .enumerate()
        .map(|(i, m)| (m.as_str(), i))
        .collect();
    mention_rows.sort_by_key(|r| position.get(text(&r[0]).as_str()).copied());
    let mentions: Vec<Value> = mention_rows
        .iter()
        .map(|r| {
            let m = text(&r[0]);
            let (left, right) = sentences.get(&m).map_or_else(
                || (String::new(), String::new()),
                |(sentence, sbegin)| context(sentence, sbegin, &r[3], &r[4]),
            );
            let d = text(&r[1]);
            json!({
                "iri": m, "document": d, "title": titles.get(&d),
                "anchor": string(&r[2]), "begin": number(&r[3]), "end": number(&r[4]),
                "left": left, "right": right,
            })
        })
        .collect();
    let documents: Vec<Value> = documents
        .drain(..)
        .map(|(d, count)| json!({ "title": titles.get(&d), "document": d, "count": count }))
        .collect();
    let relations = relations(&mut run, e)?;
    let (total_mentions, next) = (listed.total, listed.next);
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

/// An entity's mentions as the page lists them: how many, the page's IRIs in
/// order, the next page's key, and the documents with their counts (at most
/// [`DOCUMENTS`], most mentions first).
struct Listed {
    total: u64,
    keys: Vec<String>,
    next: Option<String>,
    documents: Vec<(String, u64)>,
}

/// How many documents the page lists with their counts.
const DOCUMENTS: usize = 200;

fn from_index(
    index: &crate::search::SearchIndex,
    e: &str,
    key: Option<&str>,
    n: usize,
) -> Result<Listed, Failure> {
    let failure = |e: crate::search::SearchError| {
        let status = match e {
            crate::search::SearchError::Key(_) => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Failure::Reply(error(status, e.to_string()))
    };
    let mentions = index.mentions_of(e).map_err(failure)?;
    let page = mentions.page(key, n).map_err(failure)?;
    let mut documents = mentions.documents;
    documents.truncate(DOCUMENTS);
    Ok(Listed {
        total: mentions.total,
        keys: page.mentions,
        next: page.next,
        documents,
    })
}

/// The same from the store, when it has no index: a query sorts the mention
/// IRIs, another counts them per document.
fn from_store(
    run: &mut impl FnMut(String) -> Result<Vec<super::Row>, Failure>,
    e: &str,
    after: &str,
    n: usize,
) -> Result<Listed, Failure> {
    let total = run(format!(
        "SELECT (COUNT(?m) AS ?n) WHERE {{ ?m itsrdf:taIdentRef <{e}> }}"
    ))?
    .first()
    .and_then(|r| text(&r[0]).parse().ok())
    .unwrap_or(0);
    let mut keys: Vec<String> = run(format!(
        "SELECT ?m WHERE {{ ?m itsrdf:taIdentRef <{e}> . {after} }} ORDER BY ?m LIMIT {}",
        n + 1
    ))?
    .iter()
    .map(|r| text(&r[0]))
    .collect();
    let next = if keys.len() > n {
        keys.truncate(n);
        keys.last().cloned()
    } else {
        None
    };
    let documents = run(format!(
        "SELECT ?d (COUNT(?m) AS ?n) WHERE {{
           ?m itsrdf:taIdentRef <{e}> ; nif:referenceContext ?d .
         }} GROUP BY ?d ORDER BY DESC(?n) ?d LIMIT {DOCUMENTS}"
    ))?
    .iter()
    .map(|r| (text(&r[0]), text(&r[1]).parse().unwrap_or(0)))
    .collect();
    Ok(Listed {
        total,
        keys,
        next,
        documents,
    })
}

/// The titles of documents, in one query.
fn titles(
    run: &mut impl FnMut(String) -> Result<Vec<super::Row>, Failure>,
    mut documents: Vec<String>,
) -> Result<HashMap<String, String>, Failure> {
    documents.sort();
    documents.dedup();
    if documents.is_empty() {
        return Ok(HashMap::new());
    }
    let values: String = documents.iter().map(|d| format!("<{d}> ")).collect();
    Ok(run(format!(
        "SELECT ?d ?t WHERE {{ VALUES ?d {{ {values}}} ?d dcterms:title ?t }}"
    ))?
    .iter()
    .map(|r| (text(&r[0]), text(&r[1])))
    .collect())
}

/// The statements (reified relations) the entity is the subject or object of,
/// with their evidence sentence and the names of both ends. Evidence and names
/// are asked for by the statements' IRIs: as OPTIONAL groups of the first query
/// they would be joined with every evidence and every name in the store.
fn relations(
    run: &mut impl FnMut(String) -> Result<Vec<super::Row>, Failure>,
    e: &str,
) -> Result<Vec<Value>, Failure> {
    let statements = run(format!(
        "SELECT DISTINCT ?st ?s ?p ?o WHERE {{
           {{ ?st rdf:subject <{e}> }} UNION {{ ?st rdf:object <{e}> }}
           ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
         }} ORDER BY ?st LIMIT 200"
    ))?;
    if statements.is_empty() {
        return Ok(Vec::new());
    }
    let values: String = statements
        .iter()
        .map(|r| format!("<{}> ", text(&r[0])))
        .collect();
    let mut evidence: HashMap<String, super::Row> = HashMap::new();
    for r in run(format!(
        "SELECT ?st ?ev ?evtext ?d ?begin ?end WHERE {{
           VALUES ?st {{ {values}}}
           ?st pkg:evidence ?ev . ?ev nif:anchorOf ?evtext ; nif:referenceContext ?d ;
               nif:beginIndex ?begin ; nif:endIndex ?end
         }}"
    ))? {
        evidence.entry(text(&r[0])).or_insert(r);
    }
    let ends: String = statements
        .iter()
        .flat_map(|r| [&r[1], &r[3]])
        .filter_map(|t| match t {
            Some(Term::NamedNode(n)) => Some(format!("<{}> ", n.as_str())),
            _ => None,
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let names: HashMap<String, String> = if ends.is_empty() {
        HashMap::new()
    } else {
        run(format!(
            "SELECT ?x (SAMPLE(?l) AS ?label) WHERE {{ VALUES ?x {{ {ends}}} ?x rdfs:label ?l }} GROUP BY ?x"
        ))?
        .iter()
        .map(|r| (text(&r[0]), text(&r[1])))
        .collect()
    };
    Ok(statements
        .iter()
        .map(|r| {
            let ev = evidence.get(&text(&r[0]));
            let at = |i: usize| ev.map_or(Value::Null, |ev| string(&ev[i]));
            let count = |i: usize| ev.map_or(Value::Null, |ev| number(&ev[i]));
            json!({
                "statement": string(&r[0]),
                "subject": string(&r[1]), "subjectLabel": names.get(&text(&r[1])),
                "predicate": string(&r[2]), "predicateName": local_name(&text(&r[2])),
                "object": string(&r[3]), "objectLabel": names.get(&text(&r[3])),
                "evidenceIri": at(1), "evidence": at(2), "document": at(3),
                "begin": count(4), "end": count(5),
            })
        })
        .collect())
}
