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
    let mut outline = structure::parse(&document.text);
    outline
        .diagnostics
        .splice(0..0, document.diagnostics.iter().cloned());
    let setting = extract::Setting {
        anchor_year: anchor_year(&document),
        region: region(&document, &settings.lexicon),
    };
    let mut extraction = extract::extract_in(&document.text, &outline, &settings.lexicon, &setting);
    extract::law::find(
        &document.title,
        &document.source,
        &document.text,
        &outline,
        &settings.lexicon,
        &mut extraction,
    );
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

    /// The same quads as [`Parsed::quads`], in the same order, handed to `sink`
    /// one at a time instead of collected (see [`rdf::map_into`]).
    pub fn write_quads(&self, settings: &Settings, sink: &mut dyn FnMut(Quad)) {
        rdf::map_into(
            &self.document,
            &self.outline,
            &self.extraction,
            &settings.base,
            sink,
        );
    }

    /// The `dcterms:source` the document's quads give it.
    pub fn source(&self) -> String {
        rdf::document_source(&self.document)
    }
}

/// The year a document was written, to resolve relative times: a `year` or date
/// column, else the first full date in its opening lines (a report's dateline
/// ——2026年2月3日在…, a law's 2009年2月28日 …通过).
///
/// ```
/// use policykg::{pipeline::anchor_year, source::Document};
/// let doc = Document::from_text("r", "2026年上海市政府工作报告\n——2026年2月3日在上海市第十六届人民代表大会第四次会议上\n今年…");
/// assert_eq!(anchor_year(&doc), Some(2026));
/// assert_eq!(anchor_year(&Document::from_text("s", "1984年成立了…")), None);
/// ```
pub fn anchor_year(document: &Document) -> Option<u64> {
    let four_digits = |s: &str| -> Option<u64> {
        let digits: String = s.trim().chars().take(4).collect();
        (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse().ok())?
    };
    for (column, value) in &document.meta {
        let column = column.to_ascii_lowercase();
        if matches!(
            column.as_str(),
            "year" | "年份" | "年度" | "publish_date" | "date" | "issued" | "发布日期" | "日期"
        ) && let Some(y) = four_digits(value)
        {
            return Some(y);
        }
    }
    static DATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"([0-9]{4})年[0-9]{1,2}月[0-9]{1,2}日").unwrap()
    });
    DATE.captures(&opening(document))
        .and_then(|c| c[1].parse().ok())
}

/// A document's opening lines, where reports and laws state their date and body.
fn opening(document: &Document) -> String {
    document
        .text
        .lines()
        .take(12)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The administrative division a document is of: a region column of its metadata
/// (province, 省份, 地区 …), else its title, else its opening lines (a report's
/// dateline names its province's people's congress). Short forms of organs (省委)
/// are resolved against it.
///
/// ```
/// use policykg::{divisions, extract::Lexicon, pipeline::region, source::Document};
/// let lexicon = Lexicon::bundled();
/// let doc = Document::from_text("r", "2026年江苏省政府工作报告\n——2026年2月3日在江苏省第十四届人民代表大会第五次会议上\n");
/// assert_eq!(divisions::bundled().get(region(&doc, &lexicon).unwrap()).code, "320000");
/// assert_eq!(region(&Document::from_text("s", "1984年成立了中国职工对外交流中心。"), &lexicon), None);
/// ```
pub fn region(document: &Document, lexicon: &Lexicon) -> Option<usize> {
    let columns = document.meta.iter().filter_map(|(column, value)| {
        matches!(
            column.to_lowercase().as_str(),
            "province" | "region" | "city" | "area" | "省份" | "地区" | "地域" | "城市"
        )
        .then_some(value.as_str())
    });
    let opening = opening(document);
    let texts: Vec<&str> = columns
        .chain([document.title.as_str(), opening.as_str()])
        .collect();
    lexicon.region_in(texts)
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
