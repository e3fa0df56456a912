//! `GET /api/examples`: the example queries of `queries/`, compiled in, with the
//! prefixes a query may use without declaring them.

use serde_json::{Map, Value, json};

/// Every file of `queries/`, by name (a unit test keeps the list complete).
const EXAMPLES: &[(&str, &str)] = &[
    (
        "amendment-history",
        include_str!("../../../queries/amendment-history.rq"),
    ),
    (
        "articles-applying",
        include_str!("../../../queries/articles-applying.rq"),
    ),
    (
        "citation-graph",
        include_str!("../../../queries/citation-graph.rq"),
    ),
    (
        "founding-facts",
        include_str!("../../../queries/founding-facts.rq"),
    ),
    (
        "laws-in-force",
        include_str!("../../../queries/laws-in-force.rq"),
    ),
    ("measures", include_str!("../../../queries/measures.rq")),
    (
        "mentions-per-province",
        include_str!("../../../queries/mentions-per-province.rq"),
    ),
    (
        "most-cited-laws",
        include_str!("../../../queries/most-cited-laws.rq"),
    ),
    (
        "offsets-invariant",
        include_str!("../../../queries/offsets-invariant.rq"),
    ),
    (
        "organ-short-forms",
        include_str!("../../../queries/organ-short-forms.rq"),
    ),
    (
        "organizations",
        include_str!("../../../queries/organizations.rq"),
    ),
    ("sections", include_str!("../../../queries/sections.rq")),
];

pub(super) fn answer() -> Value {
    let prefixes: Map<String, Value> = crate::vocab::query_prefixes()
        .map(|(p, iri)| (p.to_owned(), Value::from(iri)))
        .collect();
    let examples: Vec<Value> = EXAMPLES
        .iter()
        .map(|(name, query)| json!({ "name": name, "title": crate::queries::title(query), "query": query }))
        .collect();
    json!({ "prefixes": prefixes, "examples": examples })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_query_file_is_an_example() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".rq"))
            .map(|n| n.trim_end_matches(".rq").to_owned())
            .collect();
        files.sort();
        let listed: Vec<&str> = super::EXAMPLES.iter().map(|(n, _)| *n).collect();
        assert_eq!(listed, files);
        for (name, query) in super::EXAMPLES {
            assert!(
                !crate::queries::title(query).is_empty(),
                "{name} has no opening comment"
            );
        }
    }
}
