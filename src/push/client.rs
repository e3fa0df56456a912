//! The HTTP client: one endpoint, its connection, authentication and retries.

use super::auth::{basic_authorization, random_hex};
use super::digest;
use super::{
    AuthScheme, Credentials, Graph, GraphOutcome, Method, Mode, Options, PushError, Report, Sent,
    Source,
};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNode, NamedOrBlankNode, Term, Triple};
use std::io::Read;
use std::time::{Duration, Instant};

/// Sends graphs to one Graph Store endpoint. Keeps the connection, the Digest
/// session (so later requests authenticate without a round trip) and the counts.
pub struct Pusher {
    agent: ureq::Agent,
    endpoint: String,
    credentials: Option<Credentials>,
    options: Options,
    digest: Option<digest::Session>,
    /// Whether the Digest challenge was asked for without a body since the last
    /// broken connection (see [`Pusher::ask_for_challenge`]).
    challenge_asked: bool,
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
            challenge_asked: false,
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
        let unreachable = |error: ureq::Error, attempts: u32| PushError::Connection {
            graph: graph_str(),
            url: url.clone(),
            attempts,
            source: Box::new(error),
        };
        let mut attempts = 0u32;
        let mut auth_rounds = 0u32;
        loop {
            if self.wants_challenge() {
                self.requests += 1;
                attempts += 1;
                match self.ask_for_challenge(&url) {
                    Ok(None) => attempts -= 1,
                    Ok(Some((challenges, body))) => {
                        self.on_unauthorized(graph, &challenges, false, auth_rounds, body)?;
                        auth_rounds += 1;
                        attempts -= 1;
                    }
                    Err(error) if is_transient(&error) && attempts <= self.options.retries => {
                        self.wait_before_retry(attempts);
                        continue;
                    }
                    Err(error) => return Err(unreachable(error, attempts)),
                }
            }
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
                    // The server may have refused the request (a stale nonce) and
                    // closed before reading the body: ask for a new challenge.
                    self.digest = None;
                    self.challenge_asked = false;
                    self.wait_before_retry(attempts);
                    continue;
                }
                Err(error) => return Err(unreachable(error, attempts)),
            };
            let status = response.status().as_u16();
            match status {
                200..=299 => return Ok(()),
                401 => {
                    let challenges = challenges(&response);
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

    /// Whether the next write should be preceded by [`Pusher::ask_for_challenge`]:
    /// Digest credentials and no session yet.
    fn wants_challenge(&self) -> bool {
        self.credentials
            .as_ref()
            .is_some_and(|c| c.scheme == AuthScheme::Digest)
            && self.digest.is_none()
            && !self.challenge_asked
    }

    /// Asks for the Digest challenge with a request without a body (`HEAD`) and
    /// returns the challenges of a 401, or `None` when the server answers
    /// otherwise. A write sent first would carry its body into the refusal:
    /// Virtuoso answers a request without credentials with a 401 and closes the
    /// connection before reading the body, so a body larger than the socket's
    /// buffers breaks the pipe and the challenge is never read.
    fn ask_for_challenge(
        &mut self,
        url: &str,
    ) -> Result<Option<(Vec<String>, String)>, ureq::Error> {
        let mut response = self.agent.head(url).call()?;
        self.challenge_asked = true;
        if response.status().as_u16() != 401 {
            return Ok(None);
        }
        Ok(Some((challenges(&response), body_text(&mut response))))
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

/// The WWW-Authenticate headers of a response.
fn challenges(response: &ureq::http::Response<ureq::Body>) -> Vec<String> {
    response
        .headers()
        .get_all("www-authenticate")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(str::to_owned)
        .collect()
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
