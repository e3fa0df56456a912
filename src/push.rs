//! Sends named graphs to a remote triple store with the SPARQL 1.1 Graph Store HTTP
//! Protocol (<https://www.w3.org/TR/sparql11-http-rdf-update/>), from a policykg
//! store or from N-Quads/TriG files.
//!
//! A *document graph* (a graph that holds `<g> a pkg:Document`, named after that
//! document) belongs to policykg, so it is **replaced**: `PUT {endpoint}?graph={g}`.
//! Every other graph, above all the shared entities graph `{base}entities`, may also
//! hold what other machines pushed, so it is **merged**: `POST`, which adds triples
//! and never removes any. A graph larger than [`Options::batch`] triples goes in
//! several requests: the first request of a replaced graph is a PUT and the rest are
//! POSTs, so for a moment a reader sees it partly sent; a graph whose push failed
//! halfway is reported, and pushing it again replaces it whole.
//!
//! The body is N-Triples (`application/n-triples`), UTF-8. Authentication is HTTP
//! Basic or Digest (RFC 7616, which Virtuoso's `/sparql-graph-crud-auth` asks for).
//! Connection errors and 5xx answers are retried with exponential backoff; 4xx
//! answers are not, and their body is reported.
//!
//! This module never prints: the caller gets a [`GraphOutcome`] per graph and a
//! [`Report`] at the end.

use crate::store::{KgStore, META_GRAPH, StoreError};
use crate::vocab::{pkg, rdf};
use indexmap::{IndexMap, IndexSet};
use oxigraph::io::{RdfFormat, RdfParseError, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Term, Triple};
use std::collections::BTreeSet;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Why a push, or the push of one graph, failed.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// The endpoint is not an http(s) URL.
    #[error(
        "{url}: not an endpoint URL ({reason}); give the Graph Store endpoint, e.g. http://localhost:8890/sparql-graph-crud-auth"
    )]
    Endpoint {
        /// What was given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The server answered 401 and no credentials were given.
    #[error(
        "graph <{graph}>: the endpoint asks for authentication (HTTP 401, {challenge}); give --user and --password (or POLICYKG_PUSH_PASSWORD)"
    )]
    AuthenticationRequired {
        /// The graph being sent.
        graph: String,
        /// The schemes the server offered (`WWW-Authenticate`).
        challenge: String,
    },
    /// The server refused the credentials.
    #[error(
        "graph <{graph}>: the endpoint refused the credentials of user {user:?} (HTTP 401){body}; check --user and --password"
    )]
    Unauthorized {
        /// The graph being sent.
        graph: String,
        /// The user name sent.
        user: String,
        /// The response body, prefixed with ": " when not empty.
        body: String,
    },
    /// The server asks for an authentication scheme other than the one chosen.
    #[error(
        "graph <{graph}>: the endpoint asks for {offered} authentication, not {chosen}; use --auth {suggestion}"
    )]
    AuthScheme {
        /// The graph being sent.
        graph: String,
        /// What `WWW-Authenticate` offered.
        offered: String,
        /// The scheme that was chosen.
        chosen: AuthScheme,
        /// The `--auth` value to use instead.
        suggestion: String,
    },
    /// The Digest challenge cannot be answered (unknown algorithm, no `auth` qop).
    #[error("graph <{graph}>: cannot answer the endpoint's Digest challenge: {reason}")]
    Digest {
        /// The graph being sent.
        graph: String,
        /// What is unsupported.
        reason: String,
    },
    /// The server refused a request with a 4xx status; not retried.
    #[error("graph <{graph}>: {method} was refused with HTTP {status}{body}; {advice}")]
    Rejected {
        /// The graph being sent.
        graph: String,
        /// PUT or POST.
        method: Method,
        /// The HTTP status.
        status: u16,
        /// The response body, prefixed with ": " when not empty.
        body: String,
        /// What to do about it.
        advice: &'static str,
    },
    /// The server failed with a 5xx status on every attempt.
    #[error(
        "graph <{graph}>: {method} failed with HTTP {status} after {attempts} attempt(s){body}; the server's log may say why; push again later (a re-push replaces document graphs)"
    )]
    Server {
        /// The graph being sent.
        graph: String,
        /// PUT or POST.
        method: Method,
        /// The last HTTP status.
        status: u16,
        /// How many times the request was sent.
        attempts: u32,
        /// The last response body, prefixed with ": " when not empty.
        body: String,
    },
    /// The server redirected; bodies are not sent again to another URL.
    #[error(
        "graph <{graph}>: the endpoint redirects (HTTP {status}) to {location}; give that URL as --endpoint"
    )]
    Redirect {
        /// The graph being sent.
        graph: String,
        /// The HTTP status.
        status: u16,
        /// The `Location` header.
        location: String,
    },
    /// The server could not be reached, or the connection broke, on every attempt.
    #[error(
        "graph <{graph}>: cannot reach {url} after {attempts} attempt(s): {source}; check the endpoint URL and that the server is up"
    )]
    Connection {
        /// The graph being sent.
        graph: String,
        /// The request URL.
        url: String,
        /// How many times the request was sent.
        attempts: u32,
        /// The last error.
        source: Box<ureq::Error>,
    },
    /// A graph with blank nodes needs more than one request: a blank node split
    /// across requests would become two nodes on the server.
    #[error(
        "graph <{graph}>: it has blank nodes and more than {batch} triples, and blank nodes cannot be split across requests; raise --batch above the graph's size{partial}"
    )]
    BlankNodes {
        /// The graph being sent.
        graph: String,
        /// Triples per request.
        batch: usize,
        /// Whether part of the graph was already sent.
        partial: &'static str,
    },
    /// A graph asked for with `--graph` is not among the sources.
    #[error(
        "graph <{graph}> is not in the {source_kind}; the graphs there are listed by `policykg query --store DIR 'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{}} }}'`"
    )]
    UnknownGraph {
        /// The IRI asked for.
        graph: String,
        /// "store" or "files".
        source_kind: &'static str,
    },
    /// A file is not N-Quads or TriG.
    #[error(
        "{path}: push reads N-Quads (.nq) and TriG (.trig) files, which name their graphs; write one with `policykg export -f nq`"
    )]
    Format {
        /// The file.
        path: PathBuf,
    },
    /// A file holds triples outside any named graph.
    #[error(
        "{path}: {count} triple(s) are in the default graph; push sends named graphs only: put them in a graph (TriG `GRAPH <…> {{ … }}`) or leave them out"
    )]
    DefaultGraph {
        /// The file.
        path: PathBuf,
        /// How many triples.
        count: usize,
    },
    /// A file could not be opened.
    #[error("{path}: cannot read the file: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file is not valid RDF.
    #[error("{path}: {source}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// The syntax error, with its position.
        source: RdfParseError,
    },
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl PushError {
    /// True when the error would be the same for every other graph (credentials,
    /// the endpoint, the server being down), so a push stops at the first one.
    pub fn is_fatal(&self) -> bool {
        match self {
            Self::Rejected { status, .. } => matches!(status, 403..=405),
            Self::BlankNodes { .. } | Self::Server { .. } => false,
            _ => true,
        }
    }
}

/// An HTTP method the protocol uses to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Replaces the graph.
    Put,
    /// Adds to the graph.
    Post,
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Put => "PUT",
            Self::Post => "POST",
        })
    }
}

/// How a graph is written on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A document graph: the first request PUTs, so the server's copy is replaced.
    Replace,
    /// A shared graph (the entities): every request POSTs, adding to what is there.
    Merge,
}

/// A graph to send, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Graph {
    /// The graph's IRI.
    pub name: NamedNode,
    /// Replace or merge.
    pub mode: Mode,
}

/// HTTP authentication schemes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthScheme {
    /// RFC 7617: user and password in every request (use it over https only).
    Basic,
    /// RFC 7616: a hash of the password, answering the server's challenge.
    Digest,
}

impl fmt::Display for AuthScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Basic => "Basic",
            Self::Digest => "Digest",
        })
    }
}

/// Who to authenticate as.
#[derive(Clone)]
pub struct Credentials {
    /// The user name.
    pub user: String,
    /// The password.
    pub password: String,
    /// Basic or Digest.
    pub scheme: AuthScheme,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .field("password", &"…")
            .field("scheme", &self.scheme)
            .finish()
    }
}

/// How to send.
#[derive(Debug, Clone)]
pub struct Options {
    /// Triples per request (at least 1).
    pub batch: usize,
    /// How many times a request is sent again after a connection error or a 5xx.
    pub retries: u32,
    /// The wait before the first retry; it doubles before each next one (at most 30 s).
    pub backoff: Duration,
    /// Time limit for one request, upload and answer included.
    pub timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            batch: 10_000,
            retries: 3,
            backoff: Duration::from_millis(500),
            timeout: Duration::from_secs(300),
        }
    }
}

/// What was sent for one graph.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sent {
    /// Triples the server accepted.
    pub triples: u64,
    /// Requests that carried them (retries and authentication round trips included).
    pub requests: u64,
}

/// The result of sending one graph, handed to the caller as soon as it is known.
#[derive(Debug)]
pub struct GraphOutcome<'a> {
    /// The graph.
    pub graph: &'a Graph,
    /// What was sent, or why it failed (part of it may have been sent).
    pub result: Result<Sent, PushError>,
}

/// What a whole push did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Graphs sent completely, replaced.
    pub replaced: u64,
    /// Graphs sent completely, merged.
    pub merged: u64,
    /// Triples the server accepted (of failed graphs too).
    pub triples: u64,
    /// HTTP requests made (retries and authentication round trips included).
    pub requests: u64,
    /// Requests sent again after a connection error or a 5xx.
    pub retries: u64,
    /// Graphs that failed, in order.
    pub failed: Vec<NamedNode>,
    /// True when a fatal error (see [`PushError::is_fatal`]) stopped the push.
    pub stopped: bool,
    /// Graphs not tried because the push stopped.
    pub skipped: u64,
    /// Wall-clock time.
    pub elapsed: Duration,
}

impl Report {
    /// Graphs sent completely.
    pub fn graphs(&self) -> u64 {
        self.replaced + self.merged
    }
}

/// Where the graphs come from.
pub enum Source<'a> {
    /// A policykg store: its document graphs and the shared graphs.
    Store(&'a KgStore),
    /// N-Quads or TriG files, read into memory.
    Files(FileGraphs),
}

/// The graphs of RDF files, grouped by graph, each triple once.
#[derive(Debug, Default)]
pub struct FileGraphs {
    graphs: IndexMap<NamedNode, IndexSet<Triple>>,
}

impl FileGraphs {
    /// Reads N-Quads (`.nq`) and TriG (`.trig`) files, chosen by extension. Every
    /// file is read before anything is sent, so a bad file fails the push early.
    pub fn read(paths: &[PathBuf]) -> Result<Self, PushError> {
        let mut graphs = Self::default();
        for path in paths {
            graphs.read_file(path)?;
        }
        Ok(graphs)
    }

    fn read_file(&mut self, path: &Path) -> Result<(), PushError> {
        let format = path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(|e| RdfFormat::from_extension(&e.to_ascii_lowercase()))
            .filter(|f| matches!(f, RdfFormat::NQuads | RdfFormat::TriG))
            .ok_or_else(|| PushError::Format {
                path: path.to_owned(),
            })?;
        let file = std::fs::File::open(path).map_err(|source| PushError::Io {
            path: path.to_owned(),
            source,
        })?;
        let mut in_default = 0;
        for quad in RdfParser::from_format(format).for_reader(std::io::BufReader::new(file)) {
            let quad = quad.map_err(|source| PushError::Parse {
                path: path.to_owned(),
                source,
            })?;
            match &quad.graph_name {
                GraphName::NamedNode(g) => {
                    let g = g.clone();
                    self.graphs.entry(g).or_default().insert(quad.into());
                }
                _ => in_default += 1,
            }
        }
        if in_default > 0 {
            return Err(PushError::DefaultGraph {
                path: path.to_owned(),
                count: in_default,
            });
        }
        Ok(())
    }

    /// Triples read, over all graphs.
    pub fn len(&self) -> usize {
        self.graphs.values().map(IndexSet::len).sum()
    }

    /// True when no triple was read.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Source<'_> {
    /// The graphs to send: the shared graphs first (so documents never point at
    /// entities the server has not heard of), then the document graphs, each group
    /// sorted by IRI. Empty graphs and the store's own metadata graph are left out.
    pub fn graphs(&self) -> Result<Vec<Graph>, PushError> {
        let mut documents = BTreeSet::new();
        let mut shared = BTreeSet::new();
        match self {
            Self::Store(store) => {
                documents.extend(store.document_graphs()?);
                for name in store.inner().named_graphs() {
                    let NamedOrBlankNode::NamedNode(name) = name.map_err(StoreError::from)? else {
                        continue;
                    };
                    if name.as_str() == META_GRAPH || documents.contains(&name) {
                        continue;
                    }
                    if store.quads(Some(&name)).next().is_some() {
                        shared.insert(name);
                    }
                }
            }
            Self::Files(files) => {
                let rdf_type = NamedNode::new_unchecked(rdf::TYPE);
                let document = Term::from(NamedNode::new_unchecked(pkg::DOCUMENT));
                for (name, triples) in &files.graphs {
                    let is_document = triples.iter().any(|t| {
                        t.predicate == rdf_type
                            && t.object == document
                            && matches!(&t.subject, NamedOrBlankNode::NamedNode(s) if s == name)
                    });
                    if is_document {
                        documents.insert(name.clone());
                    } else if !triples.is_empty() {
                        shared.insert(name.clone());
                    }
                }
            }
        }
        let shared = shared.into_iter().map(|name| Graph {
            name,
            mode: Mode::Merge,
        });
        let documents = documents.into_iter().map(|name| Graph {
            name,
            mode: Mode::Replace,
        });
        Ok(shared.chain(documents).collect())
    }

    /// The graphs to send, limited to `only` when it is not empty (in the order
    /// given). An IRI that is not among the sources is an error, before anything
    /// is sent.
    pub fn select(&self, only: &[String]) -> Result<Vec<Graph>, PushError> {
        let all = self.graphs()?;
        if only.is_empty() {
            return Ok(all);
        }
        only.iter()
            .map(|iri| {
                all.iter()
                    .find(|g| g.name.as_str() == iri)
                    .cloned()
                    .ok_or_else(|| PushError::UnknownGraph {
                        graph: iri.clone(),
                        source_kind: match self {
                            Self::Store(_) => "store",
                            Self::Files(_) => "files",
                        },
                    })
            })
            .collect()
    }

    /// The triples of one graph.
    fn triples<'s>(
        &'s self,
        graph: &NamedNode,
    ) -> Box<dyn Iterator<Item = Result<Triple, PushError>> + 's> {
        match self {
            Self::Store(store) => Box::new(
                store
                    .quads(Some(graph))
                    .map(|q| q.map(Triple::from).map_err(PushError::from)),
            ),
            Self::Files(files) => match files.graphs.get(graph) {
                Some(triples) => Box::new(triples.iter().cloned().map(Ok)),
                None => Box::new(std::iter::empty()),
            },
        }
    }
}

/// Sends graphs to one Graph Store endpoint. Keeps the connection, the Digest
/// session (so later requests authenticate without a round trip) and the counts.
pub struct Pusher {
    agent: ureq::Agent,
    endpoint: String,
    credentials: Option<Credentials>,
    options: Options,
    digest: Option<digest::Session>,
    requests: u64,
    retries: u64,
}

impl Pusher {
    /// A pusher for `endpoint`, e.g. `http://localhost:8890/sparql-graph-crud-auth`.
    ///
    /// ```
    /// use policykg::push::{Options, Pusher};
    /// assert!(Pusher::new("http://localhost:8890/sparql-graph-crud-auth", None, Options::default()).is_ok());
    /// assert!(Pusher::new("localhost:8890", None, Options::default()).is_err());
    /// ```
    pub fn new(
        endpoint: &str,
        credentials: Option<Credentials>,
        options: Options,
    ) -> Result<Self, PushError> {
        check_endpoint(endpoint)?;
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(Some(Duration::from_secs(30)))
            .timeout_global(Some(options.timeout))
            .user_agent(concat!("policykg/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Ok(Self {
            agent,
            endpoint: endpoint.to_owned(),
            credentials,
            options: Options {
                batch: options.batch.max(1),
                ..options
            },
            digest: None,
            requests: 0,
            retries: 0,
        })
    }

    /// Sends `graphs` from `source`, one after the other. A graph that fails is
    /// handed to `on_graph` with its error and the others are still sent, unless
    /// the error is fatal (wrong credentials, wrong endpoint, server down): then
    /// the push stops and the rest are counted in [`Report::skipped`].
    pub fn push(
        &mut self,
        source: &Source<'_>,
        graphs: &[Graph],
        mut on_graph: impl FnMut(GraphOutcome<'_>),
    ) -> Report {
        let start = Instant::now();
        let (requests, retries) = (self.requests, self.retries);
        let mut report = Report::default();
        for (i, graph) in graphs.iter().enumerate() {
            let mut sent = Sent::default();
            let result = self.send_graph(graph, source.triples(&graph.name), &mut sent);
            report.triples += sent.triples;
            match result {
                Ok(()) => match graph.mode {
                    Mode::Replace => report.replaced += 1,
                    Mode::Merge => report.merged += 1,
                },
                Err(_) => report.failed.push(graph.name.clone()),
            }
            let fatal = result.as_ref().is_err_and(PushError::is_fatal);
            on_graph(GraphOutcome {
                graph,
                result: result.map(|()| sent),
            });
            if fatal {
                report.stopped = true;
                report.skipped = (graphs.len() - i - 1) as u64;
                break;
            }
        }
        report.requests = self.requests - requests;
        report.retries = self.retries - retries;
        report.elapsed = start.elapsed();
        report
    }

    /// Sends one graph's triples in batches; `sent` counts what got through, also
    /// when a later batch fails.
    fn send_graph(
        &mut self,
        graph: &Graph,
        triples: impl Iterator<Item = Result<Triple, PushError>>,
        sent: &mut Sent,
    ) -> Result<(), PushError> {
        let batch_size = self.options.batch;
        let mut batch: Vec<Triple> = Vec::with_capacity(batch_size.min(100_000));
        let mut has_blank = false;
        let mut requests = 0u64;
        let mut method = match graph.mode {
            Mode::Replace => Method::Put,
            Mode::Merge => Method::Post,
        };
        for triple in triples {
            let triple = triple?;
            has_blank |= is_blank(&triple);
            if batch.len() == batch_size {
                if has_blank {
                    return Err(PushError::BlankNodes {
                        graph: graph.name.as_str().to_owned(),
                        batch: batch_size,
                        partial: if requests > 0 {
                            "; part of the graph was sent"
                        } else {
                            ""
                        },
                    });
                }
                self.send_batch(&graph.name, method, &batch, sent)?;
                requests += 1;
                method = Method::Post;
                batch.clear();
            }
            batch.push(triple);
        }
        // A replaced graph is PUT even when empty, which empties it on the server.
        if !batch.is_empty() || requests == 0 && graph.mode == Mode::Replace {
            self.send_batch(&graph.name, method, &batch, sent)?;
        }
        Ok(())
    }

    fn send_batch(
        &mut self,
        graph: &NamedNode,
        method: Method,
        triples: &[Triple],
        sent: &mut Sent,
    ) -> Result<(), PushError> {
        let body = ntriples(triples);
        let before = self.requests;
        let result = self.send(graph, method, &body);
        sent.requests += self.requests - before;
        result?;
        sent.triples += triples.len() as u64;
        Ok(())
    }

    /// One write request, with authentication round trips and retries.
    fn send(&mut self, graph: &NamedNode, method: Method, body: &[u8]) -> Result<(), PushError> {
        let url = graph_url(&self.endpoint, graph.as_str());
        let target = request_target(&url);
        let graph_str = || graph.as_str().to_owned();
        let mut attempts = 0u32;
        let mut auth_rounds = 0u32;
        loop {
            let authorization = self.authorization(method, &target);
            let sent_authorization = authorization.is_some();
            let request = match method {
                Method::Put => self.agent.put(&url),
                Method::Post => self.agent.post(&url),
            };
            let mut request = request.header("Content-Type", "application/n-triples");
            if let Some(value) = &authorization {
                request = request.header("Authorization", value);
            }
            self.requests += 1;
            attempts += 1;
            let mut response = match request.send(body) {
                Ok(response) => response,
                Err(error) if is_transient(&error) && attempts <= self.options.retries => {
                    self.wait_before_retry(attempts);
                    continue;
                }
                Err(error) => {
                    return Err(PushError::Connection {
                        graph: graph_str(),
                        url,
                        attempts,
                        source: Box::new(error),
                    });
                }
            };
            let status = response.status().as_u16();
            match status {
                200..=299 => return Ok(()),
                401 => {
                    let challenges: Vec<String> = response
                        .headers()
                        .get_all("www-authenticate")
                        .iter()
                        .filter_map(|v| v.to_str().ok())
                        .map(str::to_owned)
                        .collect();
                    let body = body_text(&mut response);
                    self.on_unauthorized(
                        graph,
                        &challenges,
                        sent_authorization,
                        auth_rounds,
                        body,
                    )?;
                    auth_rounds += 1;
                    // An authentication round trip is not a retry.
                    attempts -= 1;
                }
                300..=399 => {
                    return Err(PushError::Redirect {
                        graph: graph_str(),
                        status,
                        location: response
                            .headers()
                            .get("location")
                            .and_then(|l| l.to_str().ok())
                            .unwrap_or("(no Location header)")
                            .to_owned(),
                    });
                }
                500..=599 if attempts <= self.options.retries => {
                    self.wait_before_retry(attempts);
                }
                500..=599 => {
                    return Err(PushError::Server {
                        graph: graph_str(),
                        method,
                        status,
                        attempts,
                        body: body_text(&mut response),
                    });
                }
                _ => {
                    return Err(PushError::Rejected {
                        graph: graph_str(),
                        method,
                        status,
                        body: body_text(&mut response),
                        advice: advice(status),
                    });
                }
            }
        }
    }

    /// Decides what to do after a 401: set up a Digest session and go again, or fail.
    fn on_unauthorized(
        &mut self,
        graph: &NamedNode,
        challenges: &[String],
        sent_authorization: bool,
        auth_rounds: u32,
        body: String,
    ) -> Result<(), PushError> {
        let graph = graph.as_str().to_owned();
        let parsed: Vec<digest::Challenge> = challenges
            .iter()
            .flat_map(|h| digest::parse_challenges(h))
            .collect();
        let offered = if parsed.is_empty() {
            "no WWW-Authenticate header".to_owned()
        } else {
            parsed
                .iter()
                .map(|c| c.scheme.clone())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let Some(credentials) = &self.credentials else {
            return Err(PushError::AuthenticationRequired {
                graph,
                challenge: offered,
            });
        };
        let refused = || PushError::Unauthorized {
            graph: graph.clone(),
            user: credentials.user.clone(),
            body: body.clone(),
        };
        let wrong_scheme = |suggestion: &str| PushError::AuthScheme {
            graph: graph.clone(),
            offered: offered.clone(),
            chosen: credentials.scheme,
            suggestion: suggestion.to_owned(),
        };
        let digest_challenge = parsed
            .iter()
            .find(|c| c.scheme.eq_ignore_ascii_case("digest"));
        match credentials.scheme {
            AuthScheme::Basic => {
                if parsed
                    .iter()
                    .any(|c| c.scheme.eq_ignore_ascii_case("basic"))
                {
                    return Err(refused());
                }
                if digest_challenge.is_some() && !sent_authorization {
                    return Err(wrong_scheme("digest"));
                }
                // Virtuoso answers refused Basic credentials with a bare 401, on
                // its Digest endpoint and on a Basic one alike.
                Err(PushError::Unauthorized {
                    graph: graph.clone(),
                    user: credentials.user.clone(),
                    body: format!(
                        "{body} (the endpoint does not ask for Basic; if the credentials are right, try --auth digest)"
                    ),
                })
            }
            AuthScheme::Digest => {
                let Some(challenge) = digest_challenge else {
                    return Err(
                        if parsed
                            .iter()
                            .any(|c| c.scheme.eq_ignore_ascii_case("basic"))
                        {
                            wrong_scheme("basic")
                        } else {
                            refused()
                        },
                    );
                };
                // First challenge, or a stale nonce: answer it. A fresh challenge to
                // an answer we just sent means the password is wrong.
                let fresh_start = !sent_authorization
                    || challenge
                        .param("stale")
                        .is_some_and(|s| s.eq_ignore_ascii_case("true"));
                if auth_rounds >= 2 || !fresh_start {
                    self.digest = None;
                    return Err(refused());
                }
                self.digest =
                    Some(
                        digest::Session::new(challenge).map_err(|reason| PushError::Digest {
                            graph: graph.clone(),
                            reason,
                        })?,
                    );
                Ok(())
            }
        }
    }

    /// The Authorization header for the next request, if there is one to send.
    fn authorization(&mut self, method: Method, target: &str) -> Option<String> {
        let credentials = self.credentials.as_ref()?;
        match credentials.scheme {
            AuthScheme::Basic => Some(basic_authorization(
                &credentials.user,
                &credentials.password,
            )),
            AuthScheme::Digest => {
                let session = self.digest.as_mut()?;
                Some(session.authorization(
                    &credentials.user,
                    &credentials.password,
                    &method.to_string(),
                    target,
                    &random_hex(),
                ))
            }
        }
    }

    fn wait_before_retry(&mut self, attempts: u32) {
        self.retries += 1;
        let factor = 1u32 << (attempts - 1).min(16);
        let wait = self
            .options
            .backoff
            .saturating_mul(factor)
            .min(Duration::from_secs(30));
        std::thread::sleep(wait);
    }
}

/// Checks that the endpoint is an absolute http(s) URL without a fragment.
fn check_endpoint(endpoint: &str) -> Result<(), PushError> {
    let error = |reason: &str| PushError::Endpoint {
        url: endpoint.to_owned(),
        reason: reason.to_owned(),
    };
    let lower = endpoint.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err(error("it must start with http:// or https://"));
    }
    if endpoint.contains('#') {
        return Err(error("it must not have a #fragment"));
    }
    let uri: ureq::http::Uri = endpoint.parse().map_err(|e| error(&format!("{e}")))?;
    if uri.host().is_none_or(str::is_empty) {
        return Err(error("it has no host"));
    }
    Ok(())
}

/// Characters kept as they are in a query-string value: RFC 3986's unreserved
/// ones. Everything else, UTF-8 bytes of Han characters included, is %XX.
const QUERY_VALUE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The request URL for a graph: `{endpoint}?graph={percent-encoded IRI}` (or `&graph=`
/// when the endpoint already has a query).
///
/// ```
/// use policykg::push::graph_url;
/// assert_eq!(
///     graph_url("http://h:8890/sparql-graph-crud-auth", "https://w3id.org/policykg/id/doc/工会%20x"),
///     "http://h:8890/sparql-graph-crud-auth?graph=https%3A%2F%2Fw3id.org%2Fpolicykg%2Fid%2Fdoc%2F%E5%B7%A5%E4%BC%9A%2520x",
/// );
/// ```
pub fn graph_url(endpoint: &str, graph: &str) -> String {
    let separator = if endpoint.contains('?') { '&' } else { '?' };
    format!(
        "{endpoint}{separator}graph={}",
        percent_encoding::utf8_percent_encode(graph, QUERY_VALUE)
    )
}

/// The request target (path and query) of an absolute URL, as Digest signs it.
fn request_target(url: &str) -> String {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find(['/', '?']) {
        Some(i) if url[after_scheme + i..].starts_with('/') => url[after_scheme + i..].to_owned(),
        Some(i) => format!("/{}", &url[after_scheme + i..]),
        None => "/".to_owned(),
    }
}

/// N-Triples for a batch, as UTF-8 bytes.
fn ntriples(triples: &[Triple]) -> Vec<u8> {
    let mut serializer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    for triple in triples {
        serializer
            .serialize_triple(triple)
            .expect("writing to memory does not fail");
    }
    serializer
        .finish()
        .expect("writing to memory does not fail")
}

fn is_blank(triple: &Triple) -> bool {
    matches!(triple.subject, NamedOrBlankNode::BlankNode(_))
        || matches!(triple.object, Term::BlankNode(_))
}

/// Errors worth sending the request again for: the network, not the request.
fn is_transient(error: &ureq::Error) -> bool {
    matches!(
        error,
        ureq::Error::Io(_)
            | ureq::Error::Timeout(_)
            | ureq::Error::ConnectionFailed
            | ureq::Error::HostNotFound
            | ureq::Error::Protocol(_)
    )
}

/// What to do about a 4xx answer.
fn advice(status: u16) -> &'static str {
    match status {
        400 | 415 | 422 => {
            "the server could not take the data; its message above says which triple"
        }
        403 => {
            "the user may not write there; on Virtuoso, grant it the SPARQL_UPDATE role (isql: GRANT SPARQL_UPDATE TO \"user\";)"
        }
        404 | 405 => {
            "check --endpoint: it must be the Graph Store endpoint (Virtuoso: /sparql-graph-crud-auth), not the query endpoint"
        }
        413 => "the request is too large for the server; lower --batch",
        _ => "not retried; fix the cause and push again",
    }
}

/// The start of a response body, on one line, prefixed with ": "; empty when the
/// body is.
fn body_text(response: &mut ureq::http::Response<ureq::Body>) -> String {
    let mut bytes = Vec::new();
    let _ = response
        .body_mut()
        .as_reader()
        .take(2000)
        .read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        String::new()
    } else {
        format!(": {text}")
    }
}

fn basic_authorization(user: &str, password: &str) -> String {
    use base64::Engine as _;
    let credentials =
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    format!("Basic {credentials}")
}

/// 16 random bytes as hex, for Digest's client nonce.
fn random_hex() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system provides random bytes");
    digest::hex(&bytes)
}

/// HTTP Digest authentication, client side (RFC 7616, with RFC 2069's answer when
/// the server offers no qop).
mod digest {
    use md5::Md5;
    use sha2::{Digest as _, Sha256};

    /// One challenge of a `WWW-Authenticate` header: its scheme and parameters.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Challenge {
        pub scheme: String,
        pub params: Vec<(String, String)>,
    }

    impl Challenge {
        pub fn param(&self, name: &str) -> Option<&str> {
            self.params
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        }
    }

    /// Parses a `WWW-Authenticate` value, which may hold several challenges:
    /// `Digest realm="a, b", qop="auth", Basic realm="x"` (RFC 9110 §11.6.1).
    pub fn parse_challenges(header: &str) -> Vec<Challenge> {
        let mut challenges: Vec<Challenge> = Vec::new();
        let mut rest = header.trim_start();
        while !rest.is_empty() {
            let token_end = rest
                .find(|c: char| c.is_whitespace() || c == ',' || c == '=')
                .unwrap_or(rest.len());
            let token = &rest[..token_end];
            let after = rest[token_end..].trim_start();
            if let Some(value_start) = after.strip_prefix('=') {
                // name=value: a parameter of the current challenge.
                let value_start = value_start.trim_start();
                let (value, remainder) = if let Some(quoted) = value_start.strip_prefix('"') {
                    let mut value = String::new();
                    let mut chars = quoted.char_indices();
                    let mut end = quoted.len();
                    while let Some((i, c)) = chars.next() {
                        match c {
                            '\\' => {
                                if let Some((_, escaped)) = chars.next() {
                                    value.push(escaped);
                                }
                            }
                            '"' => {
                                end = i + 1;
                                break;
                            }
                            _ => value.push(c),
                        }
                    }
                    (value, &quoted[end..])
                } else {
                    let end = value_start.find(',').unwrap_or(value_start.len());
                    (value_start[..end].trim().to_owned(), &value_start[end..])
                };
                if let Some(current) = challenges.last_mut() {
                    current.params.push((token.to_owned(), value));
                }
                rest = remainder.trim_start().trim_start_matches(',').trim_start();
            } else if token.is_empty() {
                rest = after.trim_start_matches(',').trim_start();
            } else {
                // A bare token starts a new challenge (token68 values are ignored).
                challenges.push(Challenge {
                    scheme: token.to_owned(),
                    params: Vec::new(),
                });
                rest = after.trim_start_matches(',').trim_start();
            }
        }
        challenges
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Algorithm {
        Md5,
        Sha256,
    }

    /// What a Digest challenge set up: reused for later requests with a growing
    /// nonce count, so they need no round trip.
    #[derive(Debug, Clone)]
    pub struct Session {
        realm: String,
        nonce: String,
        opaque: Option<String>,
        algorithm: Algorithm,
        algorithm_name: String,
        session: bool,
        qop_auth: bool,
        nc: u32,
    }

    impl Session {
        pub fn new(challenge: &Challenge) -> Result<Self, String> {
            let algorithm_name = challenge.param("algorithm").unwrap_or("MD5").to_owned();
            let upper = algorithm_name.to_ascii_uppercase();
            let (base, session) = match upper.strip_suffix("-SESS") {
                Some(base) => (base, true),
                None => (upper.as_str(), false),
            };
            let algorithm = match base {
                "MD5" => Algorithm::Md5,
                "SHA-256" => Algorithm::Sha256,
                other => {
                    return Err(format!(
                        "algorithm {other} is not supported (MD5 and SHA-256 are)"
                    ));
                }
            };
            let qop_auth = match challenge.param("qop") {
                None => false,
                Some(list)
                    if list
                        .split(',')
                        .any(|q| q.trim().eq_ignore_ascii_case("auth")) =>
                {
                    true
                }
                Some(list) => return Err(format!("qop {list:?} is not supported (auth is)")),
            };
            Ok(Self {
                realm: challenge.param("realm").unwrap_or_default().to_owned(),
                nonce: challenge
                    .param("nonce")
                    .ok_or("the challenge has no nonce")?
                    .to_owned(),
                opaque: challenge.param("opaque").map(str::to_owned),
                algorithm,
                algorithm_name,
                session,
                qop_auth,
                nc: 0,
            })
        }

        fn hash(&self, text: &str) -> String {
            match self.algorithm {
                Algorithm::Md5 => hex(&Md5::digest(text.as_bytes())),
                Algorithm::Sha256 => hex(&Sha256::digest(text.as_bytes())),
            }
        }

        /// The `Authorization` value for one request; `target` is the request's
        /// path and query as sent.
        pub fn authorization(
            &mut self,
            user: &str,
            password: &str,
            method: &str,
            target: &str,
            cnonce: &str,
        ) -> String {
            self.nc += 1;
            let nc = format!("{:08x}", self.nc);
            let mut ha1 = self.hash(&format!("{user}:{}:{password}", self.realm));
            if self.session {
                ha1 = self.hash(&format!("{ha1}:{}:{cnonce}", self.nonce));
            }
            let ha2 = self.hash(&format!("{method}:{target}"));
            let response = if self.qop_auth {
                self.hash(&format!("{ha1}:{}:{nc}:{cnonce}:auth:{ha2}", self.nonce))
            } else {
                self.hash(&format!("{ha1}:{}:{ha2}", self.nonce))
            };
            let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
            let mut header = format!(
                "Digest username=\"{}\", realm=\"{}\", nonce=\"{}\", uri=\"{}\", algorithm={}, response=\"{response}\"",
                quote(user),
                quote(&self.realm),
                quote(&self.nonce),
                quote(target),
                self.algorithm_name,
            );
            if let Some(opaque) = &self.opaque {
                header.push_str(&format!(", opaque=\"{}\"", quote(opaque)));
            }
            if self.qop_auth {
                header.push_str(&format!(", qop=auth, nc={nc}, cnonce=\"{cnonce}\""));
            }
            header
        }
    }

    pub fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn check_response(header: &str, method: &str, target: &str, cnonce: &str, expected: &str) {
            let challenge = &parse_challenges(header)[0];
            let mut session = Session::new(challenge).unwrap();
            let authorization =
                session.authorization("Mufasa", PASSWORD_7616, method, target, cnonce);
            let response = authorization
                .split("response=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap();
            assert_eq!(response, expected, "{authorization}");
        }

        const PASSWORD_7616: &str = "Circle of Life";

        #[test]
        fn rfc7616_examples() {
            // RFC 7616 §3.9.1, the MD5 and SHA-256 answers to the same challenge.
            let challenge = |algorithm: &str| {
                format!(
                    r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm={algorithm}, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#
                )
            };
            let cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
            check_response(
                &challenge("MD5"),
                "GET",
                "/dir/index.html",
                cnonce,
                "8ca523f5e9506fed4657c9700eebdbec",
            );
            check_response(
                &challenge("SHA-256"),
                "GET",
                "/dir/index.html",
                cnonce,
                "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
            );
        }

        #[test]
        fn rfc2617_example() {
            let challenge = parse_challenges(
                r#"Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41""#,
            );
            let mut session = Session::new(&challenge[0]).unwrap();
            let header = session.authorization(
                "Mufasa",
                "Circle Of Life",
                "GET",
                "/dir/index.html",
                "0a4f113b",
            );
            assert_eq!(
                header,
                r#"Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/dir/index.html", algorithm=MD5, response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41", qop=auth, nc=00000001, cnonce="0a4f113b""#
            );
            // The next request counts up.
            assert!(
                session
                    .authorization("Mufasa", "Circle Of Life", "GET", "/", "x")
                    .contains("nc=00000002")
            );
        }

        #[test]
        fn several_challenges_and_quoted_commas() {
            let parsed = parse_challenges(
                r#"Digest realm="a, \"b\"", nonce=abc, stale=TRUE, Basic realm="x",Bearer"#,
            );
            let schemes: Vec<&str> = parsed.iter().map(|c| c.scheme.as_str()).collect();
            assert_eq!(schemes, ["Digest", "Basic", "Bearer"]);
            assert_eq!(parsed[0].param("realm"), Some(r#"a, "b""#));
            assert_eq!(parsed[0].param("nonce"), Some("abc"));
            assert_eq!(parsed[0].param("STALE"), Some("TRUE"));
            assert_eq!(parsed[1].param("realm"), Some("x"));
        }

        #[test]
        fn virtuoso_challenge() {
            let parsed = parse_challenges(
                r#"Digest realm="SPARQL", domain="/sparql-graph-crud-auth", nonce="3933a30c1fe040945087a01f9f944787", opaque="5ebe2294ecd0e0f08eab7690d2a6ee69", stale="false", qop="auth", algorithm="MD5""#,
            );
            let session = Session::new(&parsed[0]).unwrap();
            assert!(session.qop_auth && session.algorithm == Algorithm::Md5 && !session.session);
        }

        #[test]
        fn unsupported_challenges() {
            let sha512 =
                &parse_challenges(r#"Digest realm="r", nonce="n", algorithm=SHA-512-256"#)[0];
            assert!(Session::new(sha512).unwrap_err().contains("SHA-512-256"));
            let auth_int = &parse_challenges(r#"Digest realm="r", nonce="n", qop="auth-int""#)[0];
            assert!(Session::new(auth_int).unwrap_err().contains("auth-int"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_targets() {
        let check = |url: &str, expected: &str| assert_eq!(request_target(url), expected, "{url}");
        check("http://h:1/a/b?graph=x%2F", "/a/b?graph=x%2F");
        check("https://h?graph=x", "/?graph=x");
        check("http://h", "/");
    }

    #[test]
    fn graph_urls() {
        let check = |endpoint: &str, graph: &str, expected: &str| {
            assert_eq!(graph_url(endpoint, graph), expected);
        };
        check(
            "http://h/g",
            "http://e.org/a b",
            "http://h/g?graph=http%3A%2F%2Fe.org%2Fa%20b",
        );
        check("http://h/g?x=1", "urn:a", "http://h/g?x=1&graph=urn%3Aa");
        check(
            "http://h/g",
            "https://w3id.org/policykg/id/doc/刑法修正案%EF%BC%88七%EF%BC%89",
            "http://h/g?graph=https%3A%2F%2Fw3id.org%2Fpolicykg%2Fid%2Fdoc%2F%E5%88%91%E6%B3%95%E4%BF%AE%E6%AD%A3%E6%A1%88%25EF%25BC%2588%E4%B8%83%25EF%25BC%2589",
        );
    }

    #[test]
    fn endpoints() {
        assert!(check_endpoint("http://127.0.0.1:8890/sparql-graph-crud-auth").is_ok());
        assert!(check_endpoint("https://example.org/store?x=1").is_ok());
        for bad in ["localhost:8890/x", "ftp://h/x", "http://h/x#f", "http://"] {
            assert!(check_endpoint(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn basic_header() {
        // RFC 7617 §2.
        assert_eq!(
            basic_authorization("Aladdin", "open sesame"),
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
    }

    #[test]
    fn batches_of_ntriples() {
        let t = |s: &str, o: &str| {
            Triple::new(
                NamedNode::new_unchecked(format!("http://e.org/{s}")),
                NamedNode::new_unchecked("http://e.org/p"),
                oxigraph::model::Literal::new_simple_literal(o),
            )
        };
        let body = ntriples(&[t("中", "一\n\"二\""), t("b", "c")]);
        assert_eq!(
            String::from_utf8(body).unwrap(),
            "<http://e.org/中> <http://e.org/p> \"一\\n\\\"二\\\"\" .\n<http://e.org/b> <http://e.org/p> \"c\" .\n"
        );
    }
}
