//! The page's files, compiled into the binary: the server needs no folder of
//! its own and the page loads nothing from the network. CodeMirror 5 (MIT) is
//! vendored in `assets/vendor/` (see its README for the version and licence).

use crate::serve::reply::Reply;
use axum::http::{HeaderName, StatusCode, header};

/// Each file: its path under `/assets/`, media type and bytes.
const FILES: &[(&str, &str, &[u8])] = &[
    (
        "app.js",
        "text/javascript",
        include_bytes!("../assets/app.js"),
    ),
    ("app.css", "text/css", include_bytes!("../assets/app.css")),
    (
        "vendor/codemirror/codemirror.js",
        "text/javascript",
        include_bytes!("../assets/vendor/codemirror/codemirror.js"),
    ),
    (
        "vendor/codemirror/codemirror.css",
        "text/css",
        include_bytes!("../assets/vendor/codemirror/codemirror.css"),
    ),
    (
        "vendor/codemirror/sparql.js",
        "text/javascript",
        include_bytes!("../assets/vendor/codemirror/sparql.js"),
    ),
    (
        "vendor/codemirror/LICENSE",
        "text/plain",
        include_bytes!("../assets/vendor/codemirror/LICENSE"),
    ),
];

const INDEX: &[u8] = include_bytes!("../assets/index.html");

/// Scripts only from this server, no inline script or handler: data that slipped
/// through as markup still could not run.
const POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/// The page.
pub(super) fn index() -> Reply {
    secure(Reply::bytes(StatusCode::OK, "text/html", INDEX.to_vec()))
        .with_header(header::CACHE_CONTROL, "no-cache")
}

/// A file under `/assets/`.
pub(super) fn get(name: &str) -> Reply {
    match FILES.iter().find(|(path, ..)| *path == name) {
        Some((_, media_type, bytes)) => {
            secure(Reply::bytes(StatusCode::OK, media_type, bytes.to_vec()))
                .with_header(header::CACHE_CONTROL, "no-cache")
        }
        None => super::error(StatusCode::NOT_FOUND, format!("no asset {name}")),
    }
}

fn secure(reply: Reply) -> Reply {
    reply
        .with_header(header::CONTENT_SECURITY_POLICY, POLICY)
        .with_header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .with_header(HeaderName::from_static("referrer-policy"), "no-referrer")
}
