//! The Graph Store HTTP Protocol (<https://www.w3.org/TR/sparql11-http-rdf-update/>)
//! with indirect graph identification: `/store?graph=IRI` and `/store?default`.
//! GET reads a graph; with `--writable`, PUT replaces it, POST adds to it and
//! DELETE removes it. GET `/store` alone reads the whole store in a syntax that
//! keeps graphs.
//!
//! `?default` is the store's own default graph, so that what is PUT there reads
//! back the same; queries see a different default graph, the union of all graphs.

use super::negotiate::{self, DATASETS, GRAPHS};
use super::reply::{self, Params, Reply};
use super::{App, Failure, Lane, answer, run_store_work, store_failure, write_quads};
use crate::store::META_GRAPH;
use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, Quad};
use std::sync::Arc;

/// Which graph a request is about.
enum Target {
    /// `?default`.
    Default,
    /// `?graph=IRI`.
    Named(NamedNode),
    /// Neither: the whole store.
    Dataset,
}

impl Target {
    fn graph_name(&self) -> GraphName {
        match self {
            Target::Named(iri) => iri.clone().into(),
            _ => GraphName::DefaultGraph,
        }
    }

    fn describe(&self) -> String {
        match self {
            Target::Named(iri) => format!("the graph <{}>", iri.as_str()),
            Target::Default => "the default graph".into(),
            Target::Dataset => "the store".into(),
        }
    }
}

/// Answers a request to `/store`.
pub(super) async fn handle(app: Arc<App>, request: Request) -> Reply {
    match answer_request(app, request).await {
        Ok(reply) | Err(reply) => reply,
    }
}

async fn answer_request(app: Arc<App>, request: Request) -> Result<Reply, Reply> {
    let (parts, body) = request.into_parts();
    let params = Params::parse(parts.uri.query().unwrap_or("").as_bytes());
    let target = target(&params)?;
    let allowed = super::methods(&app, "/store").unwrap_or_default();
    match parts.method {
        Method::GET | Method::HEAD => Ok(read(
            app,
            target,
            reply::accept(&parts.headers).map(str::to_owned),
        )
        .await),
        Method::PUT | Method::POST | Method::DELETE if !app.config.writable => Err(Reply::text(
            StatusCode::FORBIDDEN,
            "this endpoint is read-only and refuses graph writes; \
             start it with `policykg serve --writable` to accept PUT, POST and DELETE",
        )
        .with_header(axum::http::header::ALLOW, allowed)),
        Method::PUT | Method::POST | Method::DELETE => {
            if matches!(target, Target::Dataset) {
                return Err(Reply::bad_request(
                    "name the graph to change: /store?graph=IRI or /store?default",
                ));
            }
            if matches!(&target, Target::Named(iri) if iri.as_str() == META_GRAPH) {
                return Err(Reply::text(
                    StatusCode::FORBIDDEN,
                    format!(
                        "<{META_GRAPH}> holds policykg's own bookkeeping and cannot be changed over HTTP"
                    ),
                ));
            }
            if parts.method == Method::DELETE {
                return Ok(delete(app, target).await);
            }
            let quads = parse_body(&app, &parts.headers, body, &target).await?;
            Ok(write(app, target, quads, parts.method == Method::PUT).await)
        }
        _ => Err(Reply::method_not_allowed("/store", allowed)),
    }
}

fn target(params: &Params) -> Result<Target, Reply> {
    match (params.one("graph")?, params.has("default")) {
        (Some(_), true) => Err(Reply::bad_request(
            "give either graph=IRI or default, not both",
        )),
        (Some(iri), false) => Ok(Target::Named(reply::iri("graph", iri)?)),
        (None, true) => Ok(Target::Default),
        (None, false) => Ok(Target::Dataset),
    }
}

/// GET: the graph (or the whole store) in the negotiated syntax; 404 for a named
/// graph the store does not have.
async fn read(app: Arc<App>, target: Target, accept: Option<String>) -> Reply {
    let offers = match target {
        Target::Dataset => DATASETS,
        _ => GRAPHS,
    };
    let Some(format) = negotiate::choose(accept.as_deref(), offers) else {
        return Reply::text(
            StatusCode::NOT_ACCEPTABLE,
            format!(
                "cannot send {} in any media type of Accept: {}; supported: {}",
                target.describe(),
                accept.as_deref().unwrap_or(""),
                negotiate::supported(offers)
            ),
        );
    };
    run_store_work(app, Lane::Shared, move |app, _| {
        let cap = app.config.max_results;
        let (body, truncated) = match &target {
            Target::Named(iri) => {
                if !app.store.has_graph(iri).map_err(store_failure)? {
                    return Err(Failure::Reply(Reply::text(
                        StatusCode::NOT_FOUND,
                        format!(
                            "no graph <{}> in the store; list the graphs with \
                             SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{}} }}",
                            iri.as_str()
                        ),
                    )));
                }
                write_quads(format, app.store.graph_quads(&target.graph_name()), cap)?
            }
            Target::Default => {
                write_quads(format, app.store.graph_quads(&GraphName::DefaultGraph), cap)?
            }
            Target::Dataset => write_quads(format, app.store.dataset_quads(), cap)?,
        };
        Ok(answer(format.media_type(), body, truncated))
    })
    .await
}

/// Reads and parses the RDF body of a PUT or POST by its `Content-Type`.
async fn parse_body(
    app: &App,
    headers: &HeaderMap,
    body: axum::body::Body,
    target: &Target,
) -> Result<Vec<Quad>, Reply> {
    let media_type = reply::content_type(headers);
    let Some(format) = media_type.as_deref().and_then(RdfFormat::from_media_type) else {
        return Err(Reply::text(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "cannot read a body of type {}; send RDF as one of: {}",
                media_type.as_deref().unwrap_or("(no Content-Type)"),
                negotiate::supported(GRAPHS)
            ),
        ));
    };
    let bytes =
        reply::read_body(body, headers, app.config.max_body, app.config.body_timeout).await?;
    let mut parser = RdfParser::from_format(format)
        .without_named_graphs()
        .rename_blank_nodes();
    if let Target::Named(iri) = target {
        parser = parser
            .with_base_iri(iri.as_str())
            .map_err(|e| Reply::bad_request(format!("graph: {e}")))?;
    }
    parser
        .for_slice(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Reply::bad_request(format!("cannot read the {} body: {e}", format.name())))
}

/// PUT (replace) or POST (add): 201 when a named graph was created, else 204.
async fn write(app: Arc<App>, target: Target, quads: Vec<Quad>, replace: bool) -> Reply {
    run_store_work(app, Lane::Shared, move |app, _| {
        let graph = target.graph_name();
        let created = if replace {
            app.store.put_graph(&graph, quads)
        } else {
            app.store.add_to_graph(&graph, quads)
        }
        .map_err(store_failure)?;
        Ok(if created {
            Reply::text(
                StatusCode::CREATED,
                format!("created {}", target.describe()),
            )
        } else {
            Reply::no_content()
        })
    })
    .await
}

/// DELETE: 204, or 404 for a named graph the store does not have.
async fn delete(app: Arc<App>, target: Target) -> Reply {
    run_store_work(app, Lane::Shared, move |app, _| {
        if app
            .store
            .delete_graph(&target.graph_name())
            .map_err(store_failure)?
        {
            Ok(Reply::no_content())
        } else {
            Ok(Reply::text(
                StatusCode::NOT_FOUND,
                format!(
                    "no graph to delete: {} is not in the store",
                    target.describe()
                ),
            ))
        }
    })
    .await
}
