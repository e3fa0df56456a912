//! The SPARQL 1.1 Protocol (<https://www.w3.org/TR/sparql11-protocol/>): reading a
//! query or update from a request, running it, and answering in the syntax the
//! client asked for.

use super::negotiate::{self, GRAPHS, RESULTS};
use super::reply::{self, Params, Reply};
use super::{App, Failure, Lane, run_store_work, store_failure, write_quads};
use crate::store::protocol::{ProtocolOptions, ProtocolUpdateError, RequestDataset};
use axum::extract::Request;
use axum::http::{Method, StatusCode};
use oxigraph::model::GraphName;
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use std::sync::Arc;

/// What a request asks for.
enum Operation {
    Query(String),
    Update(String),
}

const UNSUPPORTED_BODY: &str = "POST a query as application/sparql-query, an update as \
    application/sparql-update, or either as an application/x-www-form-urlencoded form \
    (query=… or update=…)";

/// Answers a request to `/sparql`.
pub(super) async fn handle(app: Arc<App>, request: Request) -> Reply {
    let accept = reply::accept(request.headers()).map(str::to_owned);
    match read(&app, request).await {
        Ok((Operation::Query(sparql), params)) => query(app, sparql, params, accept).await,
        Ok((Operation::Update(sparql), params)) => update(app, sparql, params).await,
        Err(reply) => reply,
    }
}

/// Reads the operation and its parameters, as the protocol's three ways of sending
/// a query (and two of sending an update) allow.
async fn read(app: &App, request: Request) -> Result<(Operation, Params), Reply> {
    let (parts, body) = request.into_parts();
    let mut params = Params::parse(parts.uri.query().unwrap_or("").as_bytes());
    match parts.method {
        Method::GET | Method::HEAD => {
            if params.has("update") {
                return Err(Reply::bad_request(format!(
                    "updates cannot be sent with GET; {UNSUPPORTED_BODY}"
                )));
            }
            let operation = from_params(&params)?;
            Ok((operation, params))
        }
        Method::POST => {
            let read = reply::read_body(
                body,
                &parts.headers,
                app.config.max_body,
                app.config.body_timeout,
            );
            let operation = match reply::content_type(&parts.headers).as_deref() {
                Some("application/x-www-form-urlencoded") => {
                    let body = read.await?;
                    params.extend(Params::parse(&body));
                    from_params(&params)?
                }
                Some("application/sparql-query") => {
                    let body = read.await?;
                    Operation::Query(reply::utf8(body, "query")?)
                }
                Some("application/sparql-update") => {
                    let body = read.await?;
                    Operation::Update(reply::utf8(body, "update")?)
                }
                other => {
                    return Err(Reply::text(
                        StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        format!(
                            "cannot read a body of type {}; {UNSUPPORTED_BODY}",
                            other.unwrap_or("(no Content-Type)")
                        ),
                    ));
                }
            };
            Ok((operation, params))
        }
        _ => Err(Reply::method_not_allowed(
            parts.uri.path(),
            "GET, POST, OPTIONS",
        )),
    }
}

/// The query or update named by `query=` or `update=`.
fn from_params(params: &Params) -> Result<Operation, Reply> {
    match (params.one("query")?, params.one("update")?) {
        (Some(query), None) => Ok(Operation::Query(query.to_owned())),
        (None, Some(update)) => Ok(Operation::Update(update.to_owned())),
        (Some(_), Some(_)) => Err(Reply::bad_request(
            "give either query= or update=, not both",
        )),
        (None, None) => Err(Reply::bad_request(
            "missing the query parameter: send ?query=SPARQL (GET), or POST a query \
             (see GET / for the endpoints)",
        )),
    }
}

/// The dataset named by the request's parameters, if any.
fn dataset(
    params: &Params,
    default_name: &str,
    named_name: &str,
) -> Result<Option<RequestDataset>, Reply> {
    if !params.has(default_name) && !params.has(named_name) {
        return Ok(None);
    }
    Ok(Some(RequestDataset {
        default_graphs: params.iris(default_name)?,
        named_graphs: params.iris(named_name)?,
    }))
}

async fn query(app: Arc<App>, sparql: String, params: Params, accept: Option<String>) -> Reply {
    let dataset = match dataset(&params, "default-graph-uri", "named-graph-uri") {
        Ok(dataset) => dataset,
        Err(reply) => return reply,
    };
    let formats: Vec<String> = params.all("format").map(str::to_owned).collect();
    // A query of anchored patterns, and only such, may use the kept threads.
    let lane = if crate::store::shape::is_selective(&sparql) {
        Lane::Selective
    } else {
        Lane::Shared
    };
    run_store_work(app, lane, move |app, token| {
        let options = ProtocolOptions {
            dataset,
            cancellation: Some(token),
        };
        let results = app
            .store
            .protocol_query(&sparql, &options)
            .map_err(store_failure)?;
        let cap = app.config.max_results;
        match results {
            QueryResults::Graph(triples) => {
                let format = pick(
                    &formats,
                    accept.as_deref(),
                    GRAPHS,
                    negotiate::graph_format_named,
                    "CONSTRUCT and DESCRIBE",
                )?;
                let quads = triples.map(|t| {
                    t.map(|t| t.in_graph(GraphName::DefaultGraph))
                        .map_err(Into::into)
                });
                let (body, truncated) = write_quads(format, quads, cap)?;
                Ok(super::answer(format.media_type(), body, truncated))
            }
            results => {
                let format = pick(
                    &formats,
                    accept.as_deref(),
                    RESULTS,
                    negotiate::results_format_named,
                    "SELECT and ASK",
                )?;
                let (body, truncated) = write_results(results, format, cap)?;
                Ok(super::answer(format.media_type(), body, truncated))
            }
        }
    })
    .await
}

/// Chooses the syntax: the first `format=` value that names one for this kind
/// of result, else content negotiation on `Accept`; 406 when nothing fits.
fn pick<T: Copy + PartialEq>(
    formats: &[String],
    accept: Option<&str>,
    offers: &[(&str, T)],
    named: fn(&str) -> Option<T>,
    forms: &str,
) -> Result<T, Reply> {
    if !formats.is_empty() {
        return formats.iter().find_map(|f| named(f)).ok_or_else(|| {
            Reply::text(
                StatusCode::NOT_ACCEPTABLE,
                format!(
                    "format={} is not a syntax for {forms} results; supported: {}",
                    formats.join(", format="),
                    negotiate::supported(offers)
                ),
            )
        });
    }
    negotiate::choose(accept, offers).ok_or_else(|| {
        Reply::text(
            StatusCode::NOT_ACCEPTABLE,
            format!(
                "cannot answer {forms} results in any media type of Accept: {}; supported: {}",
                accept.unwrap_or(""),
                negotiate::supported(offers)
            ),
        )
    })
}

/// Serializes SELECT or ASK results, at most `cap` solutions.
fn write_results(
    results: QueryResults<'static>,
    format: QueryResultsFormat,
    cap: Option<usize>,
) -> Result<(Vec<u8>, bool), Failure> {
    let serializer = QueryResultsSerializer::from_format(format);
    match results {
        QueryResults::Boolean(value) => {
            let body = serializer
                .serialize_boolean_to_writer(Vec::new(), value)
                .map_err(super::internal)?;
            Ok((body, false))
        }
        QueryResults::Solutions(solutions) => {
            let mut writer = serializer
                .serialize_solutions_to_writer(Vec::new(), solutions.variables().to_vec())
                .map_err(super::internal)?;
            let mut truncated = false;
            for (count, solution) in solutions.enumerate() {
                let solution = solution.map_err(|e| store_failure(e.into()))?;
                if cap.is_some_and(|cap| count >= cap) {
                    truncated = true;
                    break;
                }
                writer.serialize(&solution).map_err(super::internal)?;
            }
            Ok((writer.finish().map_err(super::internal)?, truncated))
        }
        QueryResults::Graph(_) => unreachable!("graphs are written as RDF"),
    }
}

async fn update(app: Arc<App>, sparql: String, params: Params) -> Reply {
    if !app.config.writable {
        return Reply::text(
            StatusCode::FORBIDDEN,
            "this endpoint is read-only and refuses updates; \
             start it with `policykg serve --writable` to accept them",
        );
    }
    let dataset = match dataset(&params, "using-graph-uri", "using-named-graph-uri") {
        Ok(dataset) => dataset,
        Err(reply) => return reply,
    };
    run_store_work(app, Lane::Shared, move |app, token| {
        let options = ProtocolOptions {
            dataset,
            cancellation: Some(token),
        };
        app.store
            .protocol_update(&sparql, &options)
            .map_err(|error| match error {
                ProtocolUpdateError::DatasetConflict(message) => {
                    Failure::Reply(Reply::bad_request(message))
                }
                ProtocolUpdateError::Store(error) => store_failure(error),
            })?;
        Ok(Reply::no_content())
    })
    .await
}
