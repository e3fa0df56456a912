//! `GET /api/search?q=…&type=…&province=…&year=…&doctype=…&document=…&n=…`: ranked
//! hits from the store's full-text index, with their counts by kind, province,
//! year and kind of document (law or other).

use super::{Api, Failure, error, page_size};
use crate::search::{Kind, SearchError};
use crate::serve::reply::Params;
use axum::http::StatusCode;
use serde_json::{Value, json};

pub(super) fn answer(api: &Api, params: &Params) -> Result<Value, Failure> {
    let fail = |status, message: String| Failure::Reply(error(status, message));
    let text = params.one("q").map_err(Failure::Reply)?.unwrap_or_default();
    let mut kinds = Vec::new();
    for kind in params
        .all("type")
        .flat_map(|k| k.split(','))
        .filter(|k| !k.is_empty())
    {
        kinds.push(
            kind.parse::<Kind>()
                .map_err(|m| fail(StatusCode::BAD_REQUEST, m))?,
        );
    }
    let mut filters = Vec::new();
    for name in ["province", "year", "doctype", "document"] {
        for value in params.all(name).filter(|v| !v.is_empty()) {
            filters.push(format!("{name}={value}"));
        }
    }
    let limit = page_size(params)?;
    let index = api.store.search_index().map_err(|e| match e {
        SearchError::Stale(..) => fail(StatusCode::SERVICE_UNAVAILABLE, e.to_string()),
        other => fail(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
    })?;
    let answer = index
        .search_with_facets(text, &kinds, &filters, limit)
        .map_err(|e| match e {
            SearchError::Filter(_) => fail(StatusCode::BAD_REQUEST, e.to_string()),
            other => fail(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
        })?;
    Ok(json!({
        "query": text,
        "total": answer.total,
        "hits": answer.hits,
        "facets": answer.facets,
    }))
}
