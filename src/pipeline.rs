//! The whole conversion of one document, read → structure → extract → map, as
//! values in and values out. The CLI, the store loader and the tests all go
//! through here.

use crate::extract::{self, Extraction, Lexicon};
use crate::rdf::{self, iri::Minter};
use crate::source::Document;
use crate::structure::{self, Outline};
use oxigraph::model::{NamedNode, Quad};
use serde::Serialize;

/// What the tool knows before it reads a document: data IRIs' base and the lexicon.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Base of data IRIs, ending in `/` or `#`.
    pub base: String,
    /// Gazetteer and rule tables.
    pub lexicon: Lexicon,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            base: crate::vocab::DEFAULT_BASE.to_owned(),
            lexicon: Lexicon::bundled(),
        }
    }
}

/// A document with its structure and what was extracted from it: what
/// `policykg parse --json` prints.
#[derive(Debug, Clone, Serialize)]
pub struct Parsed {
    /// The document as read.
    pub document: Document,
    /// Its sections, paragraphs and sentences.
    pub outline: Outline,
    /// Its measures, entities, mentions and relations.
    pub extraction: Extraction,
}

/// Structures a document and extracts from it.
pub fn parse(document: Document, settings: &Settings) -> Parsed {
    let outline = structure::parse(&document.text);
    let extraction = extract::extract(&document.text, &outline, &settings.lexicon);
    Parsed {
        document,
        outline,
        extraction,
    }
}

impl Parsed {
    /// The document's quads, all in its own named graph.
    pub fn quads(&self, settings: &Settings) -> Vec<Quad> {
        rdf::map(
            &self.document,
            &self.outline,
            &self.extraction,
            &settings.base,
        )
    }
}

/// The IRI of a document, which also names its graph.
pub fn graph_iri(document: &Document, settings: &Settings) -> NamedNode {
    NamedNode::new_unchecked(Minter::new(&settings.base, &document.id).document())
}

/// Converts one document to quads.
///
/// ```
/// use policykg::{pipeline, source::Document};
/// let settings = pipeline::Settings::default();
/// let doc = Document::from_text("demo", "（一）标题\n中国工会在1984年成立了中国职工对外交流中心。");
/// let quads = pipeline::convert(doc, &settings);
/// assert!(quads.len() > 20);
/// ```
pub fn convert(document: Document, settings: &Settings) -> Vec<Quad> {
    parse(document, settings).quads(settings)
}
