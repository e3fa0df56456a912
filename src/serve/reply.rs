//! The small HTTP vocabulary the handlers share: a buffered reply, request
//! parameters, content types and bodies read under a size limit.
//!
//! Replies are built whole before they are sent, so a query that fails or runs out
//! of time halfway still gets an honest status code instead of a cut 200.

use axum::body::{Body, HttpBody};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Response, StatusCode};
use oxigraph::model::NamedNode;
use std::pin::Pin;

/// The header that says an answer was cut at `--max-results`.
pub const TRUNCATED: &str = "x-policykg-truncated";

/// A whole HTTP reply.
#[derive(Debug)]
pub struct Reply {
    /// The status code.
    pub status: StatusCode,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Vec<u8>,
}

impl Reply {
    /// A reply with a body of some media type.
    pub fn bytes(status: StatusCode, content_type: &str, body: Vec<u8>) -> Self {
        let content_type = if content_type.starts_with("text/") && !content_type.contains("charset")
        {
            format!("{content_type}; charset=utf-8")
        } else {
            content_type.to_owned()
        };
        Self {
            status,
            headers: vec![(
                header::CONTENT_TYPE,
                HeaderValue::from_str(&content_type).expect("media types are valid header values"),
            )],
            body,
        }
    }

    /// A plain-text reply: what went wrong and what to do, one line or a few.
    pub fn text(status: StatusCode, message: impl Into<String>) -> Self {
        let mut body = message.into();
        if !body.ends_with('\n') {
            body.push('\n');
        }
        Self::bytes(status, "text/plain", body.into_bytes())
    }

    /// 400 with a message.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::text(StatusCode::BAD_REQUEST, message)
    }

    /// 204, no body.
    pub fn no_content() -> Self {
        Self {
            status: StatusCode::NO_CONTENT,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// 405 with the methods this resource takes.
    pub fn method_not_allowed(path: &str, allowed: &str) -> Self {
        Self::text(
            StatusCode::METHOD_NOT_ALLOWED,
            format!("{path} takes {allowed}"),
        )
        .with_header(header::ALLOW, allowed)
    }

    /// Adds a header.
    pub fn with_header(mut self, name: HeaderName, value: &str) -> Self {
        if let Ok(value) = HeaderValue::from_str(value) {
            self.headers.push((name, value));
        }
        self
    }

    /// The body's length in bytes.
    pub fn len(&self) -> usize {
        self.body.len()
    }

    /// Into the HTTP library's response, with the headers every reply carries.
    pub fn into_response(self) -> Response<Body> {
        let mut response = Response::new(Body::from(self.body));
        *response.status_mut() = self.status;
        let headers = response.headers_mut();
        for (name, value) in self.headers {
            headers.append(name, value);
        }
        // Any web page may query the endpoint (it is read-only unless --writable,
        // and sends no credentials), and read the truncation header.
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(TRUNCATED),
        );
        response
    }
}

/// The parameters of a request: its URL's query string, plus the fields of a
/// form body when there is one.
#[derive(Debug, Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    /// Parses `application/x-www-form-urlencoded` text (a query string or a body).
    pub fn parse(encoded: &[u8]) -> Self {
        Self(form_urlencoded::parse(encoded).into_owned().collect())
    }

    /// Adds the fields of another form.
    pub fn extend(&mut self, other: Params) {
        self.0.extend(other.0);
    }

    /// Every value of a parameter, in order.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// True when the parameter is there, even without a value (`?default`).
    pub fn has(&self, name: &str) -> bool {
        self.all(name).next().is_some()
    }

    /// The one value of a parameter; 400 when it is given more than once.
    pub fn one<'a>(&'a self, name: &'a str) -> Result<Option<&'a str>, Reply> {
        let mut values = self.all(name);
        let first = values.next();
        if values.next().is_some() {
            return Err(Reply::bad_request(format!(
                "the parameter {name} is given more than once; give it once"
            )));
        }
        Ok(first)
    }

    /// Every value of a parameter as an IRI; 400 for one that is not an absolute IRI.
    pub fn iris(&self, name: &str) -> Result<Vec<NamedNode>, Reply> {
        self.all(name).map(|value| iri(name, value)).collect()
    }
}

/// Parses an absolute IRI given in a parameter.
pub fn iri(parameter: &str, value: &str) -> Result<NamedNode, Reply> {
    NamedNode::new(value).map_err(|e| {
        Reply::bad_request(format!(
            "{parameter}: {value:?} is not an absolute IRI ({e})"
        ))
    })
}

/// The media type of the request body (`Content-Type` without its parameters,
/// lower case), if given.
pub fn content_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = value.split(';').next()?.trim().to_ascii_lowercase();
    (!essence.is_empty()).then_some(essence)
}

/// The `Accept` header, if given and readable.
pub fn accept(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::ACCEPT)?.to_str().ok()
}

/// Reads a request body of at most `limit` bytes; 413 beyond. A declared
/// `Content-Length` over the limit is refused before anything is read.
pub async fn read_body(
    body: Body,
    headers: &HeaderMap,
    limit: usize,
    deadline: std::time::Duration,
) -> Result<Vec<u8>, Reply> {
    tokio::time::timeout(deadline, read_body_whole(body, headers, limit))
        .await
        .unwrap_or_else(|_| {
            Err(Reply::text(
                StatusCode::REQUEST_TIMEOUT,
                format!(
                    "the request body did not arrive within {}s; send it faster, or smaller",
                    deadline.as_secs_f64()
                ),
            ))
        })
}

async fn read_body_whole(body: Body, headers: &HeaderMap, limit: usize) -> Result<Vec<u8>, Reply> {
    let too_large = || {
        Reply::text(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the request body is larger than {limit} bytes; send less, or start the server with a larger --max-body"
            ),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    let mut body = body;
    let mut bytes = Vec::new();
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let frame =
            frame.map_err(|e| Reply::bad_request(format!("cannot read the request body: {e}")))?;
        if let Ok(data) = frame.into_data() {
            if bytes.len() + data.len() > limit {
                return Err(too_large());
            }
            bytes.extend_from_slice(&data);
        }
    }
    Ok(bytes)
}

/// The body as UTF-8 text; 400 otherwise.
pub fn utf8(body: Vec<u8>, what: &str) -> Result<String, Reply> {
    String::from_utf8(body)
        .map_err(|e| Reply::bad_request(format!("the {what} is not valid UTF-8: {e}")))
}
