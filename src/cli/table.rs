//! SPARQL solutions as a table for people: IRIs shortened with the project's
//! prefixes, literals shown by their text.

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use oxigraph::model::Term;
use oxigraph::sparql::QuerySolutionIter;
use policykg::vocab::{DEFAULT_BASE, PREFIXES};

/// Shortens an IRI with a known prefix (`pkg:Section`, `id:org/中国工会`).
pub fn short_iri(iri: &str) -> String {
    if let Some(rest) = iri.strip_prefix(DEFAULT_BASE) {
        return format!("id:{}", percent_decode(rest));
    }
    for (prefix, ns) in PREFIXES {
        if let Some(local) = iri.strip_prefix(ns) {
            return format!("{prefix}:{local}");
        }
    }
    format!("<{iri}>")
}

/// Decodes %XX escapes for display.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

/// A term as a person reads it.
pub fn display(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => short_iri(n.as_str()),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().to_owned(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// Renders solutions as a table; returns it with the number of rows.
pub fn render(solutions: QuerySolutionIter<'_>) -> anyhow::Result<(String, usize)> {
    let variables: Vec<String> = solutions
        .variables()
        .iter()
        .map(|v| v.as_str().to_owned())
        .collect();
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(variables.clone());
    let mut rows = 0;
    for solution in solutions {
        let solution = solution?;
        rows += 1;
        table.add_row(
            variables
                .iter()
                .map(|v| solution.get(v.as_str()).map(display).unwrap_or_default())
                .collect::<Vec<_>>(),
        );
    }
    Ok((table.to_string(), rows))
}
