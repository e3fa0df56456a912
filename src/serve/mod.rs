//! A SPARQL endpoint over a [`KgStore`]: the SPARQL 1.1 Protocol at `/sparql`
//! (and `/query`), the Graph Store HTTP Protocol at `/store`, and at `/` the
//! workbench for people (a web page for a browser, a short text for other
//! clients) with its JSON API under `/api/` (`workbench/`).
//!
//! - Queries come by GET `?query=`, POST form (`query=`) or POST
//!   `application/sparql-query`; `default-graph-uri` and `named-graph-uri` name a
//!   dataset. Without one (and without FROM) the default graph is the union of
//!   all graphs, as for `policykg query`.
//! - Answers are negotiated ([`negotiate`]): SPARQL results in JSON (default), XML,
//!   CSV or TSV; graphs in Turtle (default), N-Triples, N-Quads, TriG, RDF/XML or
//!   JSON-LD. A `format=` parameter overrides `Accept`.
//! - Each query or update runs under [`Config::timeout`] (503 when it runs out),
//!   counted from when the request is read, so waiting for a free store thread
//!   counts too. Answers hold at most [`Config::max_results`] solutions or triples;
//!   a cut answer carries the header `X-Policykg-Truncated: true`. Answers are
//!   built whole before they are sent.
//! - Updates and Graph Store writes need [`Config::writable`]; otherwise 403.
//! - Every reply allows any origin (CORS), and `OPTIONS` answers preflights.
//!
//! Requests are served concurrently: the HTTP side on a small tokio runtime, store
//! work on a bounded pool of blocking threads with a bounded queue before it
//! (503 beyond), connections capped and timed out (`listen.rs`). The server stops on SIGINT or
//! SIGTERM, or when the future given to [`Server::run`] completes: it cancels the
//! queries still running, answers them, and returns.
//!
//! The library never prints: [`Config::log`] receives one [`RequestLog`] per request.

mod gsp;
mod listen;
pub mod memory;
pub mod negotiate;
mod reply;
mod sparql;
mod work;
mod workbench;

use crate::export::jsonld::ContextRef;
use crate::export::{Format, QuadWriter};
use crate::store::{KgStore, StoreError};
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::Response;
use oxigraph::model::Quad;
use reply::Reply;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use work::{Lane, run_store_work};

/// How the endpoint behaves.
#[derive(Clone)]
pub struct Config {
    /// Accept SPARQL updates and Graph Store writes. The store should then be
    /// opened with [`KgStore::open`]; read-only stores refuse writes anyway.
    pub writable: bool,
    /// How long one query or update may run; `None` for no limit.
    pub timeout: Option<Duration>,
    /// The most solutions (SELECT) or triples (CONSTRUCT, DESCRIBE, graph reads)
    /// one answer holds; `None` for no limit.
    pub max_results: Option<usize>,
    /// The largest request body accepted, in bytes (413 beyond).
    pub max_body: usize,
    /// How many requests may use the store at once (blocking threads).
    pub threads: usize,
    /// How many more threads are kept for selective requests (queries whose
    /// every pattern is anchored, and the workbench's pages), so that they are
    /// answered while scans hold the others; 0 keeps none.
    pub quick_threads: usize,
    /// How long a request may run on a kept thread.
    pub quick_timeout: Duration,
    /// How many requests may wait for one of those threads; one more is
    /// answered 503 at once (the waiting counts against `timeout`).
    pub max_queue: usize,
    /// How many connections may be open at once; one more is answered 503 and
    /// closed.
    pub max_connections: usize,
    /// How long a client may take to send a request's head, and how long a
    /// connection may stay idle between requests, before it is closed.
    pub header_timeout: Duration,
    /// How long a client may take to send a request's body (408 beyond).
    pub body_timeout: Duration,
    /// The most resident memory the server may use, in bytes: above it, the
    /// queries and updates running are stopped (503); `None` for no cap. By
    /// default half of the machine's memory.
    pub max_memory: Option<u64>,
    /// Called once per request after its reply is built.
    pub log: Option<Logger>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            writable: false,
            timeout: Some(Duration::from_secs(30)),
            max_results: Some(100_000),
            max_body: 32 << 20,
            threads: 8,
            quick_threads: 1,
            quick_timeout: Duration::from_secs(2),
            max_queue: 64,
            max_connections: 1024,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(60),
            max_memory: memory::total().map(|total| total / 2),
            log: None,
        }
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("writable", &self.writable)
            .field("timeout", &self.timeout)
            .field("max_results", &self.max_results)
            .field("max_body", &self.max_body)
            .field("threads", &self.threads)
            .field("quick_threads", &self.quick_threads)
            .field("quick_timeout", &self.quick_timeout)
            .field("max_queue", &self.max_queue)
            .field("max_connections", &self.max_connections)
            .field("header_timeout", &self.header_timeout)
            .field("body_timeout", &self.body_timeout)
            .field("max_memory", &self.max_memory)
            .field("log", &self.log.is_some())
            .finish()
    }
}

/// Receives a [`RequestLog`] per request (the CLI prints them).
pub type Logger = Arc<dyn Fn(&RequestLog) + Send + Sync>;

/// What one request asked and got, for an access log.
#[derive(Debug, Clone)]
pub struct RequestLog {
    /// The HTTP method.
    pub method: String,
    /// The path, without the query string (which may be long).
    pub path: String,
    /// The status code sent.
    pub status: u16,
    /// The size of the reply body in bytes.
    pub bytes: usize,
    /// How long the reply took to build.
    pub elapsed: Duration,
}

/// Why the server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address could not be bound.
    #[error(
        "cannot listen on {addr}: {source}; is another server using this port? pick another with --bind"
    )]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The runtime or the listener failed.
    #[error("the HTTP server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// What the request handlers share.
struct App {
    store: KgStore,
    config: Config,
    /// Flipped to true when the server stops, to cancel running queries.
    stopping: tokio::sync::watch::Sender<bool>,
    /// A permit per store thread ([`Config::threads`]).
    store_slots: tokio::sync::Semaphore,
    /// A permit per thread kept for selective requests ([`Config::quick_threads`]).
    quick_slots: tokio::sync::Semaphore,
    /// Requests waiting for a permit.
    waiting: std::sync::atomic::AtomicUsize,
    /// The store work running now, for the memory cap.
    running: memory::Running,
}

/// A bound, not yet running, endpoint.
pub struct Server {
    listener: std::net::TcpListener,
    addr: SocketAddr,
    app: Arc<App>,
}

impl Server {
    /// Listens on `addr` (port 0 picks a free port; see [`Server::local_addr`]).
    pub fn bind(addr: SocketAddr, store: KgStore, config: Config) -> Result<Self, ServeError> {
        let listener = std::net::TcpListener::bind(addr)
            .map_err(|source| ServeError::Bind { addr, source })?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let (stopping, _) = tokio::sync::watch::channel(false);
        Ok(Self {
            listener,
            addr,
            app: Arc::new(App {
                store,
                store_slots: tokio::sync::Semaphore::new(config.threads.max(1)),
                quick_slots: tokio::sync::Semaphore::new(config.quick_threads),
                waiting: std::sync::atomic::AtomicUsize::new(0),
                running: memory::Running::default(),
                config,
                stopping,
            }),
        })
    }

    /// The address the server listens on, with the actual port.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves until SIGINT (Ctrl-C) or SIGTERM, then stops cleanly.
    pub fn run_until_signal(self) -> Result<(), ServeError> {
        self.run(stop_signal())
    }

    /// Serves until `stop` completes, then cancels running queries, answers the
    /// requests in flight and returns. Blocks the calling thread.
    pub fn run(self, stop: impl Future<Output = ()> + Send + 'static) -> Result<(), ServeError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            // Queries run on the blocking threads, and SPARQL evaluation recurses
            // once per nesting level (see store::shape): a large stack, reserved
            // rather than used, so that no query overflows it.
            .thread_stack_size(256 << 20)
            .max_blocking_threads(self.app.config.threads.max(1) + self.app.config.quick_threads)
            .thread_name("policykg-serve")
            .enable_all()
            .build()?;
        let app = self.app;
        let listener = self.listener;
        let result = runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener)?;
            let router = Router::new()
                .fallback(dispatch)
                .with_state(Arc::clone(&app));
            if let Some(cap) = app.config.max_memory
                && memory::resident().is_some()
            {
                tokio::spawn(memory::watch(
                    Arc::clone(&app),
                    cap,
                    app.stopping.subscribe(),
                ));
            }
            listen::serve(listener, router, app, stop, Duration::from_secs(30)).await
        });
        // Requests in flight were answered; a blocking task still running (an
        // update being committed) gets a moment to finish.
        runtime.shutdown_timeout(Duration::from_secs(10));
        Ok(result?)
    }
}

/// Resolves on SIGINT or SIGTERM.
async fn stop_signal() {
    let interrupt = async {
        // If the handler cannot be installed, only the other signal stops us.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}

/// Every request comes here: route by path, answer, log.
async fn dispatch(State(app): State<Arc<App>>, request: Request) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let reply = if method == Method::OPTIONS {
        preflight(&app, &path, request.headers())
    } else {
        match path.as_str() {
            "/" if wants_html(request.headers())
                && (method == Method::GET || method == Method::HEAD) =>
            {
                workbench::page()
            }
            "/" => home(&app, &method),
            p if workbench::owns(p) => workbench::handle(Arc::clone(&app), request).await,
            "/sparql" | "/query" => sparql::handle(Arc::clone(&app), request).await,
            "/store" => gsp::handle(Arc::clone(&app), request).await,
            _ => not_found(&path),
        }
    };
    if let Some(log) = &app.config.log {
        log(&RequestLog {
            method: method.to_string(),
            path,
            status: reply.status.as_u16(),
            bytes: reply.len(),
            elapsed: started.elapsed(),
        });
    }
    reply.into_response()
}

/// The methods a path takes.
fn methods(app: &App, path: &str) -> Option<&'static str> {
    match path {
        "/" => Some("GET, HEAD, OPTIONS"),
        "/sparql" | "/query" => Some("GET, POST, OPTIONS"),
        "/store" if app.config.writable => Some("GET, HEAD, PUT, POST, DELETE, OPTIONS"),
        "/store" => Some("GET, HEAD, OPTIONS"),
        p if workbench::owns(p) => Some("GET, HEAD, OPTIONS"),
        _ => None,
    }
}

/// Answers a CORS preflight (or a plain OPTIONS): the methods the path takes and
/// the request headers a page may send.
fn preflight(app: &App, path: &str, headers: &HeaderMap) -> Reply {
    let Some(allowed) = methods(app, path) else {
        return not_found(path);
    };
    let requested = headers
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("Accept, Content-Type");
    Reply::no_content()
        .with_header(header::ALLOW, allowed)
        .with_header(header::ACCESS_CONTROL_ALLOW_METHODS, allowed)
        .with_header(header::ACCESS_CONTROL_ALLOW_HEADERS, requested)
        .with_header(header::ACCESS_CONTROL_MAX_AGE, "86400")
}

/// `GET /`: where the endpoints are.
fn home(app: &App, method: &Method) -> Reply {
    if method != Method::GET && method != Method::HEAD {
        return Reply::method_not_allowed("/", "GET, HEAD, OPTIONS");
    }
    let mode = if app.config.writable {
        "writable: SPARQL updates and Graph Store writes are accepted"
    } else {
        "read-only: start with --writable to accept updates"
    };
    Reply::text(
        StatusCode::OK,
        format!(
            "policykg SPARQL endpoint ({mode})\n\n\
             SPARQL 1.1 Protocol:  /sparql?query=…  (GET, or POST a form or application/sparql-query)\n\
             Graph Store Protocol: /store?graph=IRI, /store?default, /store (the whole store)\n\n\
             The default graph of a query is the union of all graphs.\n"
        ),
    )
}

/// True when the client prefers a web page (a browser's `Accept: text/html`).
fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

fn not_found(path: &str) -> Reply {
    Reply::text(
        StatusCode::NOT_FOUND,
        format!("nothing at {path}; the SPARQL endpoint is /sparql and the Graph Store is /store"),
    )
}

/// How a piece of store work ended without a reply of its own.
enum Failure {
    /// A reply to send (an error status with its message).
    Reply(Reply),
    /// The cancellation token fired: the time limit ran out or the server is stopping.
    Cancelled,
}

impl From<Reply> for Failure {
    fn from(reply: Reply) -> Self {
        Failure::Reply(reply)
    }
}

/// Turns a store error into a reply: 503 (via [`Failure::Cancelled`]) for a
/// cancellation, 400 with the message for a bad request, 500 for the store.
fn store_failure(error: StoreError) -> Failure {
    if error.is_cancelled() {
        Failure::Cancelled
    } else if error.is_request_error() {
        Failure::Reply(Reply::bad_request(error.to_string()))
    } else {
        Failure::Reply(Reply::text(
            StatusCode::INTERNAL_SERVER_ERROR,
            error.to_string(),
        ))
    }
}

/// A 500 for a failure to write a reply into memory (which should not happen).
fn internal(error: impl std::fmt::Display) -> Failure {
    Failure::Reply(Reply::text(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("cannot write the answer: {error}"),
    ))
}

/// A negotiated answer: 200, its media type, `Vary: Accept`, and the truncation
/// header when the answer was cut.
fn answer(media_type: &str, body: Vec<u8>, truncated: bool) -> Reply {
    let reply = Reply::bytes(StatusCode::OK, media_type, body).with_header(header::VARY, "Accept");
    if truncated {
        reply.with_header(header::HeaderName::from_static(reply::TRUNCATED), "true")
    } else {
        reply
    }
}

/// Writes quads in an RDF syntax (syntaxes without graphs get their triples), at
/// most `cap` of them; says whether there were more.
fn write_quads(
    format: Format,
    quads: impl Iterator<Item = Result<Quad, StoreError>>,
    cap: Option<usize>,
) -> Result<(Vec<u8>, bool), Failure> {
    let mut writer = QuadWriter::new(format, Vec::new(), &ContextRef::Embed).map_err(internal)?;
    let mut truncated = false;
    for (count, quad) in quads.enumerate() {
        let quad = quad.map_err(store_failure)?;
        if cap.is_some_and(|cap| count >= cap) {
            truncated = true;
            break;
        }
        writer.write(quad).map_err(internal)?;
    }
    Ok((writer.finish().map_err(internal)?, truncated))
}
