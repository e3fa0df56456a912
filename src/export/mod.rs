//! RDF syntaxes for quads: Turtle, TriG, N-Triples, N-Quads, RDF/XML through
//! Oxigraph's serializers with the project's prefixes, and JSON-LD written here.
//!
//! Knows nothing of stores or files: it turns quads into bytes on a writer.

pub mod jsonld;
pub mod property_graph;

use crate::vocab::PREFIXES;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Quad, Triple};
use std::io::Write;

/// An output syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Turtle (`.ttl`): triples only; graphs are merged.
    Turtle,
    /// TriG (`.trig`): one block per document graph.
    TriG,
    /// N-Triples (`.nt`): triples only.
    NTriples,
    /// N-Quads (`.nq`): the lossless line format for bulk loaders.
    NQuads,
    /// RDF/XML (`.rdf`, `.xml`, `.owl`): triples only.
    RdfXml,
    /// JSON-LD (`.jsonld`, `.json`) with the project's prefixes as context.
    JsonLd,
}

/// A format name that policykg does not know.
#[derive(Debug, thiserror::Error)]
#[error(
    "unknown RDF format {0:?}; use ttl, trig, nt, nq, rdf or jsonld (or a media type such as text/turtle)"
)]
pub struct UnknownFormat(pub String);

impl Format {
    /// Every format, for help texts and tests.
    pub const ALL: [Format; 6] = [
        Format::Turtle,
        Format::TriG,
        Format::NTriples,
        Format::NQuads,
        Format::RdfXml,
        Format::JsonLd,
    ];

    /// The format for an extension or media type: `ttl`, `nq`, `text/turtle`,
    /// `application/ld+json` ….
    ///
    /// ```
    /// use policykg::export::Format;
    /// assert_eq!(Format::from_name("ttl").unwrap(), Format::Turtle);
    /// assert_eq!(Format::from_name("application/n-quads").unwrap(), Format::NQuads);
    /// assert_eq!(Format::from_name("jsonld").unwrap(), Format::JsonLd);
    /// assert!(Format::from_name("docx").is_err());
    /// ```
    pub fn from_name(name: &str) -> Result<Self, UnknownFormat> {
        let lower = name.trim().trim_start_matches('.').to_ascii_lowercase();
        match lower.as_str() {
            "jsonld" | "json-ld" | "json" | "application/ld+json" => return Ok(Self::JsonLd),
            "xml" | "owl" => return Ok(Self::RdfXml),
            "turtle" => return Ok(Self::Turtle),
            "ntriples" | "n-triples" => return Ok(Self::NTriples),
            "nquads" | "n-quads" => return Ok(Self::NQuads),
            "rdfxml" | "rdf/xml" => return Ok(Self::RdfXml),
            _ => {}
        }
        let rdf = RdfFormat::from_extension(&lower).or_else(|| RdfFormat::from_media_type(&lower));
        match rdf {
            Some(RdfFormat::Turtle) => Ok(Self::Turtle),
            Some(RdfFormat::TriG) => Ok(Self::TriG),
            Some(RdfFormat::NTriples) => Ok(Self::NTriples),
            Some(RdfFormat::NQuads) => Ok(Self::NQuads),
            Some(RdfFormat::RdfXml) => Ok(Self::RdfXml),
            Some(RdfFormat::JsonLd { .. }) => Ok(Self::JsonLd),
            _ => Err(UnknownFormat(name.to_owned())),
        }
    }

    /// The format for a file name's extension.
    pub fn from_path(path: &std::path::Path) -> Option<Self> {
        Self::from_name(path.extension()?.to_str()?).ok()
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Turtle => "ttl",
            Self::TriG => "trig",
            Self::NTriples => "nt",
            Self::NQuads => "nq",
            Self::RdfXml => "rdf",
            Self::JsonLd => "jsonld",
        }
    }

    /// The media type.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::JsonLd => "application/ld+json",
            other => other
                .rdf_format()
                .map_or("application/octet-stream", RdfFormat::media_type),
        }
    }

    /// True when the syntax keeps named graphs.
    pub fn keeps_graphs(self) -> bool {
        matches!(self, Self::TriG | Self::NQuads | Self::JsonLd)
    }

    fn rdf_format(self) -> Option<RdfFormat> {
        Some(match self {
            Self::Turtle => RdfFormat::Turtle,
            Self::TriG => RdfFormat::TriG,
            Self::NTriples => RdfFormat::NTriples,
            Self::NQuads => RdfFormat::NQuads,
            Self::RdfXml => RdfFormat::RdfXml,
            Self::JsonLd => return None,
        })
    }
}

/// Writes quads in a format as they come, holding at most one document graph in
/// memory (JSON-LD) and nothing otherwise. Syntaxes without graphs (Turtle,
/// N-Triples, RDF/XML) get the triples of every graph; an entity described in
/// several documents is then written more than once, which RDF readers merge.
pub struct QuadWriter<W: Write> {
    inner: Inner<W>,
}

enum Inner<W: Write> {
    Rdf(Box<oxigraph::io::WriterQuadSerializer<W>>, bool),
    JsonLd(jsonld::JsonLdWriter<W>),
}

impl<W: Write> QuadWriter<W> {
    /// Starts writing `format` to `out`; JSON-LD refers to its context as `context` says.
    pub fn new(format: Format, out: W, context: &jsonld::ContextRef) -> std::io::Result<Self> {
        let Some(rdf_format) = format.rdf_format() else {
            return Ok(Self {
                inner: Inner::JsonLd(jsonld::JsonLdWriter::start(out, context)?),
            });
        };
        let mut serializer = RdfSerializer::from_format(rdf_format);
        if matches!(format, Format::Turtle | Format::TriG | Format::RdfXml) {
            for (prefix, ns) in PREFIXES {
                serializer = serializer
                    .with_prefix(*prefix, *ns)
                    .expect("prefixes are valid IRIs");
            }
        }
        Ok(Self {
            inner: Inner::Rdf(Box::new(serializer.for_writer(out)), format.keeps_graphs()),
        })
    }

    /// Writes one quad.
    pub fn write(&mut self, quad: Quad) -> std::io::Result<()> {
        match &mut self.inner {
            Inner::Rdf(writer, true) => writer.serialize_quad(&quad),
            Inner::Rdf(writer, false) => writer.serialize_triple(&Triple::from(quad)),
            Inner::JsonLd(writer) => writer.quad(quad),
        }
    }

    /// Ends the output and returns the writer.
    pub fn finish(self) -> std::io::Result<W> {
        match self.inner {
            Inner::Rdf(writer, _) => writer.finish(),
            Inner::JsonLd(writer) => writer.finish(),
        }
    }
}

/// Writes quads in `format` with the context embedded in JSON-LD.
///
/// ```
/// use policykg::export::{write, Format};
/// use oxigraph::model::*;
/// let s = NamedNode::new("https://w3id.org/policykg/id/org/中国工会").unwrap();
/// let label = NamedNode::new("http://www.w3.org/2000/01/rdf-schema#label").unwrap();
/// let g = NamedNode::new("https://w3id.org/policykg/id/doc/a").unwrap();
/// let quad = Quad::new(s, label, Literal::new_language_tagged_literal("中国工会", "zh").unwrap(), g);
/// let mut out = Vec::new();
/// write(Format::Turtle, [Ok::<_, std::io::Error>(quad)], &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().contains("rdfs:label \"中国工会\"@zh"));
/// ```
pub fn write<E>(
    format: Format,
    quads: impl IntoIterator<Item = Result<Quad, E>>,
    out: impl Write,
) -> Result<(), ExportError<E>> {
    let mut writer = QuadWriter::new(format, out, &jsonld::ContextRef::Embed)?;
    for quad in quads {
        writer.write(quad.map_err(ExportError::Source)?)?;
    }
    writer.finish()?;
    Ok(())
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError<E> {
    /// Reading the quads failed.
    #[error(transparent)]
    Source(E),
    /// Writing failed.
    #[error("cannot write the output: {0}")]
    Io(#[from] std::io::Error),
}

/// Sorted N-Quads of some quads: the canonical form the golden tests compare,
/// byte-identical for the same input.
pub fn sorted_nquads(quads: &[Quad]) -> String {
    let mut writer = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
    for quad in quads {
        writer.serialize_quad(quad).expect("writing to memory");
    }
    let bytes = writer.finish().expect("writing to memory");
    let text = String::from_utf8(bytes).expect("N-Quads is UTF-8");
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    lines.dedup();
    let mut out = lines.join("\n");
    out.push('\n');
    out
}
