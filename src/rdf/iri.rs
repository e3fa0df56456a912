//! Minting stable IRIs for documents, their parts and entities.
//!
//! Same input, same IRI: a document's IRI comes from its id, its parts from their
//! position in it, and an entity's from its type and key, so one entity has one IRI
//! across the whole corpus. Han characters stay readable; anything that is not a
//! letter or digit is percent-encoded as UTF-8, so every IRI is valid per RFC 3987.

use crate::extract::EntityKind;

/// Percent-encodes a path segment, keeping ASCII unreserved characters and
/// non-ASCII letters and digits (Han characters).
///
/// ```
/// use policykg::rdf::iri::segment;
/// assert_eq!(segment("中国职工对外交流中心"), "中国职工对外交流中心");
/// assert_eq!(segment("5.4%"), "5.4%25");
/// assert_eq!(segment("2021/2025"), "2021%2F2025");
/// assert_eq!(segment("“十五五”规划"), "%E2%80%9C十五五%E2%80%9D规划");
/// ```
pub fn segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let keep = c.is_ascii_alphanumeric()
            || matches!(c, '-' | '.' | '_' | '~')
            || (!c.is_ascii() && c.is_alphanumeric() && !('\u{ff00}'..='\u{ffef}').contains(&c));
        if keep {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// Mints the IRIs of one document and of entities, under a base.
#[derive(Debug, Clone)]
pub struct Minter {
    base: String,
    doc: String,
}

impl Minter {
    /// The minter for document `id` under `base` (which should end in `/` or `#`).
    ///
    /// ```
    /// use policykg::rdf::iri::Minter;
    /// let m = Minter::new("https://w3id.org/policykg/id/", "laws/刑法 修正案");
    /// assert_eq!(m.document(), "https://w3id.org/policykg/id/doc/laws/刑法%20修正案");
    /// assert_eq!(m.part("section", 3), "https://w3id.org/policykg/id/doc/laws/刑法%20修正案/section/3");
    /// ```
    pub fn new(base: &str, id: &str) -> Self {
        let path: Vec<String> = id.split('/').map(segment).collect();
        Self {
            base: base.to_owned(),
            doc: format!("{base}doc/{}", path.join("/")),
        }
    }

    /// The document's IRI, which also names its graph.
    pub fn document(&self) -> &str {
        &self.doc
    }

    /// A numbered part of the document: `section/3`, `paragraph/12`.
    pub fn part(&self, kind: &str, n: usize) -> String {
        format!("{}/{kind}/{n}", self.doc)
    }

    /// A mention, by its code-point span.
    pub fn mention(&self, begin: usize, end: usize) -> String {
        format!("{}/mention/{begin}-{end}", self.doc)
    }

    /// The graph that holds the descriptions of entities, shared by all documents.
    pub fn entity_graph(&self) -> String {
        format!("{}entities", self.base)
    }

    /// An entity, shared by every document: `org/中国职工对外交流中心`, `time/1984`.
    pub fn entity(&self, kind: EntityKind, key: &str) -> String {
        entity_iri(&self.base, kind, key)
    }
}

/// An entity's IRI under `base`.
pub fn entity_iri(base: &str, kind: EntityKind, key: &str) -> String {
    format!("{base}{}/{}", kind.slug(), segment(key))
}
