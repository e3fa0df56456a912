//! Content negotiation: which result or RDF syntax to answer in, from the
//! `Accept` header (RFC 9110 §12.5.1, with q-values) or a `format=` parameter.
//!
//! Pure functions over strings; knows nothing of HTTP libraries or the store.

use crate::export::Format;
use oxigraph::sparql::results::QueryResultsFormat;

/// The syntaxes of SELECT and ASK results, in order of preference, with the media
/// types that ask for them. The first entry of each syntax is the one answered in
/// `Content-Type`; `application/json` and `application/xml` are accepted as aliases
/// because common clients (SPARQLWrapper) send them.
pub const RESULTS: &[(&str, QueryResultsFormat)] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
    ("application/json", QueryResultsFormat::Json),
    ("application/xml", QueryResultsFormat::Xml),
    ("text/xml", QueryResultsFormat::Xml),
];

/// The syntaxes of CONSTRUCT and DESCRIBE results and of graphs, in order of
/// preference, with aliases after the canonical media types. N3 readers read
/// Turtle, so `text/n3` gets Turtle.
pub const GRAPHS: &[(&str, Format)] = &[
    ("text/turtle", Format::Turtle),
    ("application/n-triples", Format::NTriples),
    ("application/n-quads", Format::NQuads),
    ("application/trig", Format::TriG),
    ("application/rdf+xml", Format::RdfXml),
    ("application/ld+json", Format::JsonLd),
    ("application/x-turtle", Format::Turtle),
    ("application/turtle", Format::Turtle),
    ("text/n3", Format::Turtle),
    ("text/rdf+n3", Format::Turtle),
    ("application/n3", Format::Turtle),
    ("text/plain", Format::NTriples),
    ("application/json", Format::JsonLd),
    ("application/xml", Format::RdfXml),
    ("text/xml", Format::RdfXml),
];

/// The syntaxes that keep named graphs, for a dump of the whole store: N-Quads first.
pub const DATASETS: &[(&str, Format)] = &[
    ("application/n-quads", Format::NQuads),
    ("application/trig", Format::TriG),
    ("application/ld+json", Format::JsonLd),
    ("text/x-nquads", Format::NQuads),
    ("application/json", Format::JsonLd),
];

/// One range of an `Accept` header: `type/subtype` (either may be `*`) and its
/// quality in thousandths (`q=0.5` is 500).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaRange {
    /// The type, lower case (`text`, `application`, `*`).
    pub kind: String,
    /// The subtype, lower case (`turtle`, `*`).
    pub subtype: String,
    /// The quality, 0 to 1000.
    pub quality: u16,
}

impl MediaRange {
    /// How well this range matches a media type: `None` if not at all, else a
    /// specificity (2 for an exact match, 1 for `type/*`, 0 for `*/*`).
    fn specificity(&self, media_type: &str) -> Option<u8> {
        let (kind, subtype) = media_type.split_once('/')?;
        match (self.kind.as_str(), self.subtype.as_str()) {
            ("*", "*") => Some(0),
            (k, "*") if k.eq_ignore_ascii_case(kind) => Some(1),
            (k, s) if k.eq_ignore_ascii_case(kind) && s.eq_ignore_ascii_case(subtype) => Some(2),
            _ => None,
        }
    }
}

/// Parses an `Accept` header into its ranges, in the order given. Parameters
/// other than `q` (such as `charset` or a JSON-LD `profile`) are ignored, and so
/// are malformed ranges, so one odd entry does not spoil the rest.
///
/// ```
/// use policykg::serve::negotiate::parse_accept;
/// let ranges = parse_accept("text/turtle;q=0.8, application/*;q=0.5, */*;q=0.1");
/// assert_eq!(ranges.len(), 3);
/// assert_eq!((ranges[0].subtype.as_str(), ranges[0].quality), ("turtle", 800));
/// ```
pub fn parse_accept(header: &str) -> Vec<MediaRange> {
    header
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let media = parts.next()?.trim();
            let (kind, subtype) = media.split_once('/')?;
            let (kind, subtype) = (kind.trim(), subtype.trim());
            if kind.is_empty() || subtype.is_empty() || (kind == "*" && subtype != "*") {
                return None;
            }
            let mut quality = 1000;
            for param in parts {
                let Some((name, value)) = param.split_once('=') else {
                    continue;
                };
                if name.trim().eq_ignore_ascii_case("q") {
                    quality = parse_quality(value.trim())?;
                }
            }
            Some(MediaRange {
                kind: kind.to_ascii_lowercase(),
                subtype: subtype.to_ascii_lowercase(),
                quality,
            })
        })
        .collect()
}

/// `0`, `0.5`, `1.000` … as thousandths; `None` for anything else (RFC 9110 §12.4.2).
fn parse_quality(value: &str) -> Option<u16> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// Picks what to answer in: the offer whose media type the client rates highest
/// (each offer takes the quality of the most specific range that matches it; an
/// offer no range matches, or rated `q=0`, is not acceptable). Ties go to the
/// earlier offer, so the first offer is the default, also when there is no
/// `Accept` header or it is empty.
///
/// ```
/// use policykg::serve::negotiate::{choose, GRAPHS};
/// use policykg::export::Format;
/// assert_eq!(choose(None, GRAPHS), Some(Format::Turtle));
/// assert_eq!(choose(Some("application/n-triples"), GRAPHS), Some(Format::NTriples));
/// assert_eq!(choose(Some("application/unknown"), GRAPHS), None);
/// ```
pub fn choose<T: Copy>(accept: Option<&str>, offers: &[(&str, T)]) -> Option<T> {
    let ranges = accept.map(parse_accept).unwrap_or_default();
    if ranges.is_empty() {
        return offers.first().map(|(_, value)| *value);
    }
    let mut best: Option<(u16, T)> = None;
    for (media_type, value) in offers {
        let quality = ranges
            .iter()
            .filter_map(|range| Some((range.specificity(media_type)?, range.quality)))
            .max_by_key(|(specificity, _)| *specificity)
            .map_or(0, |(_, quality)| quality);
        if quality > 0 && best.is_none_or(|(q, _)| quality > q) {
            best = Some((quality, *value));
        }
    }
    best.map(|(_, value)| value)
}

/// The canonical media types of some offers (aliases left out), for messages.
pub fn supported<T: Copy + PartialEq>(offers: &[(&str, T)]) -> String {
    let mut seen: Vec<T> = Vec::new();
    let mut names = Vec::new();
    for (media_type, value) in offers {
        if !seen.contains(value) {
            seen.push(*value);
            names.push(*media_type);
        }
    }
    names.join(", ")
}

/// The results syntax a `format=` value names: `json`, `xml`, `csv`, `tsv` or a
/// media type.
pub fn results_format_named(name: &str) -> Option<QueryResultsFormat> {
    let name = name.trim().to_ascii_lowercase();
    match name.as_str() {
        "json" | "srj" => Some(QueryResultsFormat::Json),
        "xml" | "srx" => Some(QueryResultsFormat::Xml),
        "csv" => Some(QueryResultsFormat::Csv),
        "tsv" => Some(QueryResultsFormat::Tsv),
        media => RESULTS
            .iter()
            .find(|(media_type, _)| *media_type == media)
            .map(|(_, format)| *format),
    }
}

/// The RDF syntax a `format=` value names: `ttl`/`turtle`, `nt`, `nq`, `trig`,
/// `rdf`/`xml`, `jsonld`/`json`, or a media type.
pub fn graph_format_named(name: &str) -> Option<Format> {
    let name = name.trim().to_ascii_lowercase();
    match name.as_str() {
        "n3" | "ttl" => Some(Format::Turtle),
        "rdf+xml" => Some(Format::RdfXml),
        media if media.contains('/') => GRAPHS
            .iter()
            .find(|(media_type, _)| *media_type == media)
            .map(|(_, format)| *format),
        short => Format::from_name(short).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `Accept` chooses among the result syntaxes, as a media type.
    fn check_results(accept: Option<&str>, expected: Option<&str>) {
        let chosen = choose(accept, RESULTS).map(|f| f.media_type().split(';').next().unwrap());
        assert_eq!(chosen, expected, "Accept: {accept:?}");
    }

    /// What `Accept` chooses among the RDF syntaxes, as an extension.
    fn check_graphs(accept: &str, expected: Option<&str>) {
        let chosen = choose(Some(accept), GRAPHS).map(Format::extension);
        assert_eq!(chosen, expected, "Accept: {accept:?}");
    }

    #[test]
    fn no_accept_or_anything_gives_the_default() {
        check_results(None, Some("application/sparql-results+json"));
        check_results(Some(""), Some("application/sparql-results+json"));
        check_results(Some("*/*"), Some("application/sparql-results+json"));
        check_results(Some(" , ;q=1"), Some("application/sparql-results+json"));
        check_graphs("*/*", Some("ttl"));
    }

    #[test]
    fn exact_types_and_aliases() {
        check_results(Some("text/csv"), Some("text/csv"));
        check_results(
            Some("text/tab-separated-values"),
            Some("text/tab-separated-values"),
        );
        check_results(
            Some("application/sparql-results+xml"),
            Some("application/sparql-results+xml"),
        );
        // SPARQLWrapper's JSON Accept header.
        check_results(
            Some(
                "application/sparql-results+json,application/json,text/javascript,application/javascript",
            ),
            Some("application/sparql-results+json"),
        );
        check_results(
            Some("application/json"),
            Some("application/sparql-results+json"),
        );
        check_graphs("application/rdf+xml", Some("rdf"));
        check_graphs("application/ld+json", Some("jsonld"));
        check_graphs("application/turtle,text/turtle", Some("ttl"));
        check_graphs("application/n-quads", Some("nq"));
        check_graphs("application/trig", Some("trig"));
    }

    #[test]
    fn q_values_rank_the_offers() {
        check_results(
            Some("application/sparql-results+json;q=0.5, text/csv"),
            Some("text/csv"),
        );
        check_results(
            Some("text/csv;q=0.2, application/sparql-results+xml;q=0.9"),
            Some("application/sparql-results+xml"),
        );
        check_graphs(
            "text/turtle;q=0.1, application/n-triples;q=0.3, */*;q=0.2",
            Some("nt"),
        );
        // Equal quality: the server's order decides, whatever the client's order.
        check_graphs("application/n-triples, text/turtle", Some("ttl"));
    }

    #[test]
    fn the_most_specific_range_sets_the_quality() {
        // text/csv is refused outright even though text/* is welcome.
        check_results(
            Some("text/*, text/csv;q=0"),
            Some("text/tab-separated-values"),
        );
        // */* at q=0.1 still beats nothing, but an explicit range wins.
        check_results(
            Some("*/*;q=0.1, application/sparql-results+xml"),
            Some("application/sparql-results+xml"),
        );
        check_graphs("application/*", Some("nt"));
    }

    #[test]
    fn unacceptable_gives_none() {
        check_results(Some("application/unknown"), None);
        check_results(Some("text/turtle"), None);
        check_results(Some("*/*;q=0"), None);
        check_graphs("application/sparql-results+json", None);
    }

    #[test]
    fn browsers_get_something_readable() {
        let firefox = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        check_results(Some(firefox), Some("application/sparql-results+xml"));
        check_graphs(firefox, Some("rdf"));
    }

    #[test]
    fn parameters_and_malformed_ranges() {
        let ranges = parse_accept("text/turtle; charset=utf-8; q=0.7, nonsense, */json, a/b;q=2");
        assert_eq!(
            ranges,
            vec![MediaRange {
                kind: "text".into(),
                subtype: "turtle".into(),
                quality: 700
            }]
        );
        assert_eq!(parse_quality("0"), Some(0));
        assert_eq!(parse_quality("0.05"), Some(50));
        assert_eq!(parse_quality("1.000"), Some(1000));
        assert_eq!(parse_quality("1.5"), None);
        assert_eq!(parse_quality("0.1234"), None);
        assert_eq!(parse_quality("-1"), None);
        check_graphs(
            "application/ld+json;profile=\"http://www.w3.org/ns/json-ld#compacted\"",
            Some("jsonld"),
        );
        check_results(Some("TEXT/CSV"), Some("text/csv"));
    }

    #[test]
    fn format_parameter_names() {
        assert_eq!(results_format_named("json"), Some(QueryResultsFormat::Json));
        assert_eq!(results_format_named("XML"), Some(QueryResultsFormat::Xml));
        assert_eq!(
            results_format_named("text/csv"),
            Some(QueryResultsFormat::Csv)
        );
        assert_eq!(results_format_named("turtle"), None);
        assert_eq!(graph_format_named("turtle"), Some(Format::Turtle));
        assert_eq!(graph_format_named("n3"), Some(Format::Turtle));
        assert_eq!(graph_format_named("nt"), Some(Format::NTriples));
        assert_eq!(graph_format_named("xml"), Some(Format::RdfXml));
        assert_eq!(graph_format_named("rdf+xml"), Some(Format::RdfXml));
        assert_eq!(graph_format_named("json-ld"), Some(Format::JsonLd));
        assert_eq!(
            graph_format_named("application/n-quads"),
            Some(Format::NQuads)
        );
        assert_eq!(graph_format_named("csv"), None);
    }

    #[test]
    fn supported_lists_canonical_types_once() {
        assert_eq!(
            supported(RESULTS),
            "application/sparql-results+json, application/sparql-results+xml, text/csv, text/tab-separated-values"
        );
        assert_eq!(
            supported(GRAPHS),
            "text/turtle, application/n-triples, application/n-quads, application/trig, application/rdf+xml, application/ld+json"
        );
    }
}
