//! The workbench: a web page for people at `/`, and the JSON API it is a view of.
//!
//! - `/` (for a browser: `Accept: text/html`) and `/assets/…`: the page, from
//!   files compiled into the binary ([`assets`]); no CDN, no network.
//! - `/api/search`: full-text hits with facets ([`crate::search`]).
//! - `/api/documents`: the documents, a page at a time, by key (not OFFSET).
//! - `/api/document`: one document: text, outline, measures, mentions, evidence.
//! - `/api/entity`: one resource: names, properties, links in and out, mentions
//!   across the corpus (by key), counts per document, relations with evidence.
//! - `/api/examples`: the example queries of `queries/` and the predeclared prefixes.
//!
//! Every API answer is JSON, and carries the SPARQL it ran (`sparql`), so the page
//! is a view of the same data any client can ask for. The API only reads; its
//! queries run under the server's `--timeout` and `--max-results` like any other.

mod assets;
mod document;
mod entity;
mod examples;
mod listing;
mod search;

use super::reply::{Params, Reply};
use super::{App, Failure, Lane, run_store_work, store_failure};
use crate::store::KgStore;
use crate::store::protocol::ProtocolOptions;
use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use oxigraph::model::{Literal, NamedNode, Term};
use oxigraph::sparql::{CancellationToken, QueryResults};
use serde_json::{Value, json};
use std::sync::Arc;

/// True for the paths the workbench answers.
pub(super) fn owns(path: &str) -> bool {
    path.starts_with("/assets/") || path.starts_with("/api/")
}

/// `GET /` from a browser: the page.
pub(super) fn page() -> Reply {
    assets::index()
}

/// Answers a workbench path.
pub(super) async fn handle(app: Arc<App>, request: Request) -> Reply {
    let path = request.uri().path().to_owned();
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return Reply::method_not_allowed(&path, "GET, HEAD, OPTIONS");
    }
    if let Some(name) = path.strip_prefix("/assets/") {
        return assets::get(name);
    }
    let params = Params::parse(request.uri().query().unwrap_or_default().as_bytes());
    let endpoint: fn(&Api, &Params) -> Result<Value, Failure> = match path.as_str() {
        "/api/search" => search::answer,
        "/api/documents" => listing::answer,
        "/api/document" => document::answer,
        "/api/entity" => entity::answer,
        "/api/examples" => return json_reply(&examples::answer()),
        _ => {
            return error(
                StatusCode::NOT_FOUND,
                format!(
                    "nothing at {path}; the API has /api/search, /api/documents, /api/document, /api/entity and /api/examples"
                ),
            );
        }
    };
    run_store_work(app, Lane::Selective, move |app, token| {
        let api = Api {
            store: &app.store,
            token,
            max_results: app.config.max_results,
            truncated: std::cell::Cell::new(false),
        };
        let mut value = endpoint(&api, &params)?;
        if api.truncated.get() {
            // Some list was cut at --max-results: say so, in the body and the header.
            value["truncated"] = Value::Bool(true);
            return Ok(json_reply(&value).with_header(
                header::HeaderName::from_static(super::reply::TRUNCATED),
                "true",
            ));
        }
        Ok(json_reply(&value))
    })
    .await
}

/// What an API call has to work with.
struct Api<'a> {
    store: &'a KgStore,
    token: CancellationToken,
    max_results: Option<usize>,
    /// Set when a query's rows were cut at `max_results`.
    truncated: std::cell::Cell<bool>,
}

/// One row of a SELECT: the values in the order of the query's variables.
type Row = Vec<Option<Term>>;

impl Api<'_> {
    /// Runs a SELECT under the time limit; at most `--max-results` rows, and
    /// whether there were more.
    fn select(&self, sparql: &str) -> Result<(Vec<Row>, bool), Failure> {
        let options = ProtocolOptions {
            dataset: None,
            cancellation: Some(self.token.clone()),
        };
        let QueryResults::Solutions(solutions) = self
            .store
            .protocol_query(sparql, &options)
            .map_err(store_failure)?
        else {
            return Ok((Vec::new(), false));
        };
        let mut rows = Vec::new();
        for solution in solutions {
            if self.max_results.is_some_and(|cap| rows.len() >= cap) {
                return Ok((rows, true));
            }
            let solution = solution.map_err(|e| store_failure(e.into()))?;
            rows.push(solution.values().to_vec());
        }
        Ok((rows, false))
    }

    /// Like [`Api::select`], rows only; a cut is recorded for the answer.
    fn rows(&self, sparql: &str) -> Result<Vec<Row>, Failure> {
        let (rows, truncated) = self.select(sparql)?;
        if truncated {
            self.truncated.set(true);
        }
        Ok(rows)
    }
}

/// A value's text: a literal's lexical form, an IRI; empty when unbound.
fn text(value: &Option<Term>) -> String {
    match value {
        Some(Term::Literal(l)) => l.value().to_owned(),
        Some(Term::NamedNode(n)) => n.as_str().to_owned(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// A value as JSON: a string, or null when unbound.
fn string(value: &Option<Term>) -> Value {
    match value {
        None => Value::Null,
        some => Value::String(text(some)),
    }
}

/// A value as a number, or null.
fn number(value: &Option<Term>) -> Value {
    text(value).parse::<u64>().map_or(Value::Null, Value::from)
}

/// The last segment of an IRI: `…#Organization` → `Organization`.
fn local_name(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

/// A required IRI parameter.
fn iri_param(params: &Params, name: &str) -> Result<NamedNode, Failure> {
    let value = params.one(name).map_err(Failure::Reply)?.ok_or_else(|| {
        Failure::Reply(error(
            StatusCode::BAD_REQUEST,
            format!("give the resource with ?{name}=IRI"),
        ))
    })?;
    super::reply::iri(name, value).map_err(Failure::Reply)
}

/// The page size: `n`, between 1 and 500, 50 by default.
fn page_size(params: &Params) -> Result<usize, Failure> {
    match params.one("n").map_err(Failure::Reply)? {
        None => Ok(50),
        Some(n) => n
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=500).contains(n))
            .ok_or_else(|| {
                Failure::Reply(error(
                    StatusCode::BAD_REQUEST,
                    format!("n={n}: give a page size from 1 to 500"),
                ))
            }),
    }
}

/// The SPARQL filter for keyset pagination: `?var` after the key, if one is given.
fn after(params: &Params, var: &str) -> Result<String, Failure> {
    Ok(match params.one("after").map_err(Failure::Reply)? {
        Some(key) if !key.is_empty() => {
            format!("FILTER(STR(?{var}) > {})", Literal::new_simple_literal(key))
        }
        _ => String::new(),
    })
}

fn json_reply(value: &Value) -> Reply {
    Reply::bytes(
        StatusCode::OK,
        "application/json",
        serde_json::to_vec(value).expect("JSON values serialise"),
    )
    .with_header(header::CACHE_CONTROL, "no-store")
}

/// An error as JSON: `{"error": "…"}`.
fn error(status: StatusCode, message: String) -> Reply {
    Reply::bytes(
        status,
        "application/json",
        serde_json::to_vec(&json!({ "error": message })).expect("JSON values serialise"),
    )
}
