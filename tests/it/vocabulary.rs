//! The code's IRI constants and ontology/policykg.ttl must declare the same terms.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedOrBlankNode, Term};
use policykg::vocab::{PKG_TERMS, pkg, rdf, rdfs};
use std::collections::BTreeSet;

fn ontology() -> Vec<oxigraph::model::Triple> {
    let text = std::fs::read(crate::root().join("ontology/policykg.ttl")).unwrap();
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(&text)
        .map(|q| q.expect("the ontology is valid Turtle").into())
        .collect()
}

#[test]
fn vocab_matches_ontology() {
    let triples = ontology();
    let declared: BTreeSet<String> = triples
        .iter()
        .filter(|t| t.predicate.as_str() == rdf::TYPE)
        .filter_map(|t| match &t.subject {
            NamedOrBlankNode::NamedNode(n) if n.as_str().starts_with(pkg::NS) => {
                Some(n.as_str().to_owned())
            }
            _ => None,
        })
        .collect();
    let code: BTreeSet<String> = PKG_TERMS.iter().map(|s| (*s).to_owned()).collect();
    let missing_in_ontology: Vec<_> = code.difference(&declared).collect();
    let missing_in_code: Vec<_> = declared.difference(&code).collect();
    assert!(
        missing_in_ontology.is_empty() && missing_in_code.is_empty(),
        "declared in code only: {missing_in_ontology:?}; in the ontology only: {missing_in_code:?}"
    );
}

#[test]
fn every_term_has_zh_and_en_labels_and_comments() {
    let triples = ontology();
    for term in PKG_TERMS {
        for property in [rdfs::LABEL, "http://www.w3.org/2000/01/rdf-schema#comment"] {
            let languages: BTreeSet<String> = triples
                .iter()
                .filter(
                    |t| matches!(&t.subject, NamedOrBlankNode::NamedNode(n) if n.as_str() == *term),
                )
                .filter(|t| t.predicate.as_str() == property)
                .filter_map(|t| match &t.object {
                    Term::Literal(l) => l.language().map(str::to_owned),
                    _ => None,
                })
                .collect();
            assert!(
                languages.contains("zh") && languages.contains("en"),
                "{term} lacks a zh or en {property}: {languages:?}"
            );
        }
    }
}

#[test]
fn every_predicate_and_class_the_seed_uses_is_in_the_vocabulary() {
    use policykg::pipeline::{self, Settings};
    use policykg::source::Document;
    let text = std::fs::read_to_string(crate::seed()).unwrap();
    let quads = pipeline::convert(Document::from_text("seed", text), &Settings::default());
    let known: BTreeSet<&str> = policykg::vocab::PREFIXES
        .iter()
        .map(|(_, ns)| *ns)
        .collect();
    for q in &quads {
        let p = q.predicate.as_str();
        assert!(
            known.iter().any(|ns| p.starts_with(ns)),
            "predicate outside the vocabulary: {p}"
        );
        if p.starts_with(pkg::NS) {
            assert!(PKG_TERMS.contains(&p), "undeclared {p}");
        }
        if let (true, Term::NamedNode(class)) = (p == rdf::TYPE, &q.object)
            && class.as_str().starts_with(pkg::NS)
        {
            assert!(
                PKG_TERMS.contains(&class.as_str()),
                "undeclared class {class}"
            );
        }
    }
}
