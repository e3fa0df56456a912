//! MAP: a document, its outline and what was extracted become quads in the
//! vocabulary v1, all in the document's own named graph.
//!
//! No blank nodes, stable IRIs (see [`iri`]), so the same input gives the same
//! quads. This module holds no store and does no I/O.

pub mod iri;
pub mod law;

use crate::extract::{EntityKind, Extraction, Fact, TimeType, Value};
use crate::source::Document;
use crate::structure::Outline;
use crate::vocab::{dcterms, itsrdf, nif, org, pkg, prov, rdf, rdfs, schema, skos, xsd};
use iri::Minter;
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use std::collections::HashSet;

/// Why a base IRI was refused.
#[derive(Debug, thiserror::Error)]
#[error(
    "invalid base IRI {base:?}: {message}; give an absolute IRI ending in / or #, e.g. https://example.org/id/"
)]
pub struct BaseError {
    base: String,
    message: String,
}

/// Checks a `--base` IRI: absolute, ending in `/` or `#`.
pub fn check_base(base: &str) -> Result<(), BaseError> {
    let error = |message: &str| BaseError {
        base: base.to_owned(),
        message: message.to_owned(),
    };
    NamedNode::new(base).map_err(|e| error(&e.to_string()))?;
    if !base.ends_with(['/', '#']) {
        return Err(error("it must end in / or #"));
    }
    Ok(())
}

fn node(iri: impl Into<String>) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

fn int(n: impl Into<i64>) -> Literal {
    Literal::from(n.into())
}

fn zh(text: &str) -> Literal {
    if text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        Literal::new_language_tagged_literal_unchecked(text, "zh")
    } else {
        Literal::new_simple_literal(text)
    }
}

fn typed(value: &str, datatype: &str) -> Literal {
    Literal::new_typed_literal(value, node(datatype))
}

/// The typed literal of a normalised time: gYear, gYearMonth, date, or an EDTF string.
pub fn time_literal(value: &crate::extract::TimeValue) -> Literal {
    match value.datatype {
        TimeType::Year => typed(&value.value, xsd::G_YEAR),
        TimeType::YearMonth => typed(&value.value, xsd::G_YEAR_MONTH),
        TimeType::Date => typed(&value.value, xsd::DATE),
        TimeType::Edtf => Literal::new_simple_literal(&value.value),
    }
}

fn time_point(point: &str) -> Literal {
    if point.len() == 10 {
        typed(point, xsd::DATE)
    } else {
        typed(point, xsd::G_YEAR)
    }
}

/// Hands the quads of one graph to a sink as they are made.
struct Graph<'s> {
    graph: GraphName,
    sink: &'s mut dyn FnMut(Quad),
}

impl Graph<'_> {
    fn add(&mut self, s: &NamedNode, p: &str, o: impl Into<Term>) {
        (self.sink)(Quad::new(
            NamedOrBlankNode::from(s.clone()),
            node(p),
            o.into(),
            self.graph.clone(),
        ));
    }

    fn span(&mut self, s: &NamedNode, chars: &[char], begin: usize, end: usize, doc: &NamedNode) {
        let anchor: String = chars[begin..end].iter().collect();
        self.add(s, nif::ANCHOR_OF, Literal::new_simple_literal(anchor));
        self.add(s, nif::BEGIN_INDEX, int(begin as i64));
        self.add(s, nif::END_INDEX, int(end as i64));
        self.add(s, nif::REFERENCE_CONTEXT, doc.clone());
    }
}

/// The pkg class and the external class an entity of this kind gets.
fn classes(kind: EntityKind) -> (&'static str, Option<&'static str>) {
    match kind {
        EntityKind::Organization => (pkg::ORGANIZATION, Some(org::ORGANIZATION)),
        EntityKind::Person => (pkg::PERSON, Some(schema::PERSON)),
        EntityKind::Place => (pkg::PLACE, Some(schema::PLACE)),
        EntityKind::Legislation => (pkg::LEGISLATION, Some(schema::LEGISLATION)),
        EntityKind::Plan => (pkg::PLAN, Some(skos::CONCEPT)),
        EntityKind::Term => (pkg::TERM, Some(skos::CONCEPT)),
        EntityKind::Time => (pkg::TIME_EXPRESSION, None),
        EntityKind::Quantity => (pkg::QUANTITY, Some(schema::QUANTITATIVE_VALUE)),
        EntityKind::Indicator => (pkg::INDICATOR, Some(skos::CONCEPT)),
    }
}

/// The IRI of an administrative division's place: `place/320000`.
pub fn division_iri(base: &str, division: &crate::divisions::Division) -> NamedNode {
    node(iri::entity_iri(base, EntityKind::Place, &division.code))
}

/// Describes a division's place and every place that contains it (type, label,
/// short names, code, `schema:containedInPlace`), each once per document; returns
/// its IRI.
fn describe_division(
    g: &mut Graph,
    base: &str,
    index: usize,
    done: &mut HashSet<usize>,
) -> NamedNode {
    let table = crate::divisions::bundled();
    let n = division_iri(base, table.get(index));
    let mut at = Some(index);
    while let Some(i) = at.filter(|i| done.insert(*i)) {
        let d = table.get(i);
        let s = division_iri(base, d);
        g.add(&s, rdf::TYPE, node(pkg::PLACE));
        g.add(&s, rdf::TYPE, node(schema::PLACE));
        g.add(&s, rdfs::LABEL, zh(&d.name));
        for short in &d.short {
            g.add(&s, skos::ALT_LABEL, zh(short));
        }
        g.add(&s, pkg::ADMIN_CODE, Literal::new_simple_literal(&d.code));
        if let Some(p) = d.parent {
            g.add(
                &s,
                schema::CONTAINED_IN_PLACE,
                division_iri(base, table.get(p)),
            );
        }
        at = d.parent;
    }
    n
}

/// Metadata columns and the property each maps to; other columns go to
/// `dcterms:description` as `column: value`.
fn meta_property(column: &str) -> Option<&'static str> {
    Some(match column.to_ascii_lowercase().as_str() {
        "source_url" | "url" | "link" | "来源链接" | "网址" => dcterms::SOURCE,
        "publish_date" | "date" | "issued" | "发布日期" | "日期" | "发布时间" => {
            dcterms::ISSUED
        }
        "province" | "region" | "area" | "city" | "省份" | "地区" | "地域" => {
            dcterms::SPATIAL
        }
        "year" | "年份" | "年度" => dcterms::TEMPORAL,
        "publisher" | "source" | "来源" | "发布机关" => dcterms::PUBLISHER,
        "author" | "speaker" | "creator" | "作者" => dcterms::CREATOR,
        _ => return None,
    })
}

fn meta_value(property: &str, value: &str) -> Term {
    let value = value.trim();
    match property {
        dcterms::SOURCE if value.starts_with("http://") || value.starts_with("https://") => {
            match NamedNode::new(value) {
                Ok(n) => n.into(),
                Err(_) => Literal::new_simple_literal(value).into(),
            }
        }
        dcterms::ISSUED if is_iso_date(value) => typed(value, xsd::DATE).into(),
        dcterms::TEMPORAL if value.len() == 4 && value.bytes().all(|b| b.is_ascii_digit()) => {
            typed(value, xsd::G_YEAR).into()
        }
        _ => zh(value).into(),
    }
}

/// The `dcterms:source` of a document's node, as text: its source column when
/// it has one (a URL), else where it was read from.
pub fn document_source(doc: &Document) -> String {
    doc.meta
        .iter()
        .find(|(column, _)| meta_property(column) == Some(dcterms::SOURCE))
        .map_or_else(
            || doc.source.clone(),
            |(_, value)| crate::store::term_text(&meta_value(dcterms::SOURCE, value)),
        )
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Maps one document to quads in its own named graph, in a fixed order: the
/// document, sections, paragraphs, sentences, lists, measures, mentions, facts;
/// then the descriptions of the entities it names (type, label, normalised value),
/// in the graph shared by all documents (`{base}entities`).
///
/// ```
/// use policykg::{extract, rdf, source::Document, structure};
/// let doc = Document::from_text("demo", "（一）标题\n1984年成立了中国职工对外交流中心。");
/// let outline = structure::parse(&doc.text);
/// let found = extract::extract(&doc.text, &outline, &extract::Lexicon::bundled(), None);
/// let quads = rdf::map(&doc, &outline, &found, policykg::vocab::DEFAULT_BASE);
/// let graphs: std::collections::BTreeSet<String> = quads.iter().map(|q| q.graph_name.to_string()).collect();
/// assert_eq!(graphs.into_iter().collect::<Vec<_>>(), [
///     "<https://w3id.org/policykg/id/doc/demo>",
///     "<https://w3id.org/policykg/id/entities>",
/// ]);
/// ```
pub fn map(doc: &Document, outline: &Outline, found: &Extraction, base: &str) -> Vec<Quad> {
    let mut quads = Vec::with_capacity(64 + outline.sentences.len() * 6 + found.mentions.len() * 8);
    map_into(doc, outline, found, base, &mut |q| quads.push(q));
    quads
}

/// What [`map`] returns, handed to `sink` one quad at a time instead of
/// collected, in the same order: the document's graph first, then the
/// descriptions of its entities. Memory then holds the document and what was
/// extracted from it, not its quads (about 400 bytes each, some 180 per KB of
/// text), so a document of any size can be written as it is mapped.
pub fn map_into(
    doc: &Document,
    outline: &Outline,
    found: &Extraction,
    base: &str,
    sink: &mut dyn FnMut(Quad),
) {
    let minter = Minter::new(base, &doc.id);
    let d = node(minter.document());
    let mut g = Graph {
        graph: GraphName::NamedNode(d.clone()),
        sink,
    };
    let chars: Vec<char> = doc.text.chars().collect();

    g.add(&d, rdf::TYPE, node(pkg::DOCUMENT));
    g.add(&d, dcterms::TITLE, zh(&doc.title));
    let mut has_source = false;
    for (column, value) in &doc.meta {
        match meta_property(column) {
            Some(p) => {
                has_source |= p == dcterms::SOURCE;
                g.add(&d, p, meta_value(p, value));
            }
            None => g.add(
                &d,
                dcterms::DESCRIPTION,
                zh(&format!("{column}: {}", value.trim())),
            ),
        }
    }
    if !has_source {
        g.add(
            &d,
            dcterms::SOURCE,
            Literal::new_simple_literal(&doc.source),
        );
    }
    let front = &outline.front_matter;
    if let Some(title) = front.title.as_deref().filter(|t| *t != doc.title) {
        g.add(&d, dcterms::ALTERNATIVE, zh(title));
    }
    if let Some(dateline) = &front.dateline {
        g.add(&d, pkg::DATELINE, zh(dateline));
    }
    if let Some(date) = &front.date {
        g.add(&d, dcterms::DATE, typed(date, xsd::DATE));
    }
    let has = |p: &str| doc.meta.keys().any(|c| meta_property(c) == Some(p));
    if let Some(source) = front.source.as_deref().filter(|_| !has(dcterms::PUBLISHER)) {
        g.add(&d, dcterms::PUBLISHER, zh(source));
    }
    if let Some(published) = front.published.as_deref().filter(|_| !has(dcterms::ISSUED)) {
        g.add(&d, dcterms::ISSUED, meta_value(dcterms::ISSUED, published));
    }
    g.add(&d, pkg::SHA256, Literal::new_simple_literal(doc.sha256()));
    g.add(&d, nif::IS_STRING, Literal::new_simple_literal(&doc.text));

    // Articles and their 款 and 项 are named by number (article/20/paragraph/2),
    // everything else by position (section/3, paragraph/12).
    let legal = law::Nodes::new(minter.document(), found);
    let section = |i: usize| {
        node(
            legal
                .section(i)
                .unwrap_or_else(|| minter.part("section", i + 1)),
        )
    };
    let paragraph = |i: usize| {
        node(
            legal
                .paragraph(i)
                .unwrap_or_else(|| minter.part("paragraph", i + 1)),
        )
    };
    let sentence = |i: usize| node(minter.part("sentence", i + 1));
    for (i, s) in outline.sections.iter().enumerate() {
        let n = section(i);
        g.add(&n, rdf::TYPE, node(pkg::SECTION));
        g.add(&n, pkg::LEVEL, int(s.level));
        g.add(&n, pkg::ORDINAL, int(s.ordinal));
        if !s.numbering.is_empty() {
            g.add(&n, pkg::NUMBERING, zh(&s.numbering));
        }
        g.add(&n, dcterms::TITLE, zh(&s.title));
        g.add(
            &n,
            dcterms::IS_PART_OF,
            s.parent.map_or_else(|| d.clone(), section),
        );
        g.span(&n, &chars, s.heading.begin, s.heading.end, &d);
    }
    for (i, p) in outline.paragraphs.iter().enumerate() {
        let n = paragraph(i);
        g.add(&n, rdf::TYPE, node(pkg::PARAGRAPH));
        g.add(&n, pkg::ORDINAL, int(p.ordinal));
        g.add(
            &n,
            dcterms::IS_PART_OF,
            p.section.map_or_else(|| d.clone(), section),
        );
        g.span(&n, &chars, p.span.begin, p.span.end, &d);
    }
    for (i, s) in outline.sentences.iter().enumerate() {
        let n = sentence(i);
        g.add(&n, rdf::TYPE, node(pkg::SENTENCE));
        g.add(&n, pkg::ORDINAL, int(s.ordinal));
        g.add(&n, dcterms::IS_PART_OF, paragraph(s.paragraph));
        g.span(&n, &chars, s.span.begin, s.span.end, &d);
    }
    // Headings' titles are sentences too, numbered after the body's, part of their
    // section: mentions in a heading are in them. Only titles that hold a mention
    // are written (most headings of laws hold none).
    let titled: HashSet<usize> = found
        .mentions
        .iter()
        .map(|m| m.sentence)
        .filter(|&s| s >= outline.sentences.len())
        .collect();
    for (k, t) in found.titles.iter().enumerate() {
        let index = outline.sentences.len() + k;
        if !titled.contains(&index) {
            continue;
        }
        let n = sentence(index);
        g.add(&n, rdf::TYPE, node(pkg::SENTENCE));
        g.add(&n, pkg::ORDINAL, int(1));
        g.add(&n, dcterms::IS_PART_OF, section(t.section));
        g.span(&n, &chars, t.span.begin, t.span.end, &d);
    }
    let list = |i: usize| node(minter.part("list", i + 1));
    for (i, l) in found.lists.iter().enumerate() {
        let n = list(i);
        g.add(&n, rdf::TYPE, node(pkg::MEASURE_LIST));
        g.add(&n, dcterms::IS_PART_OF, paragraph(l.paragraph));
        if let Some(s) = l.lead_sentence {
            g.add(&n, pkg::LEAD_SENTENCE, sentence(s));
        }
    }
    for (i, m) in found.measures.iter().enumerate() {
        let n = node(minter.part("measure", i + 1));
        g.add(&n, pkg::IN_LIST, list(m.list));
        g.add(&n, rdf::TYPE, node(pkg::MEASURE));
        g.add(&n, pkg::ORDINAL, int(m.ordinal));
        g.add(&n, pkg::MARKER, zh(&m.marker));
        g.add(&n, rdfs::LABEL, zh(&m.label));
        g.add(&n, dcterms::IS_PART_OF, paragraph(m.paragraph));
        g.span(&n, &chars, m.span.begin, m.span.end, &d);
    }
    let entity_iris: Vec<NamedNode> = found
        .entities
        .iter()
        .map(|e| node(minter.entity(e.kind, &e.key)))
        .collect();
    // Entities are shared by every document that names them, so their own
    // descriptions live in one graph for all documents: a triple stored once, not
    // once per document, so queries over the union of graphs count it once.
    // Held back until the document's graph is written (they are few: one
    // description per distinct entity), so the output keeps its order.
    let mut entity_quads = Vec::new();
    let mut keep = |q| entity_quads.push(q);
    let mut eg = Graph {
        graph: GraphName::NamedNode(node(minter.entity_graph())),
        sink: &mut keep,
    };
    let mut places_described = HashSet::new();
    for (e, n) in found.entities.iter().zip(&entity_iris) {
        if let Some(d) = e.division {
            describe_division(&mut eg, base, d, &mut places_described);
            continue;
        }
        let (class, external) = classes(e.kind);
        eg.add(n, rdf::TYPE, node(class));
        if let Some(external) = external {
            eg.add(n, rdf::TYPE, node(external));
        }
        if e.kind == EntityKind::Legislation {
            eg.add(n, rdf::TYPE, node(crate::vocab::eli::LEGAL_RESOURCE));
        }
        eg.add(n, rdfs::LABEL, zh(&e.label));
        for alt in &e.alt_labels {
            eg.add(n, skos::ALT_LABEL, zh(alt));
        }
        if let Some(d) = e.jurisdiction {
            let place = describe_division(&mut eg, base, d, &mut places_described);
            eg.add(n, pkg::JURISDICTION, place);
        }
        match &e.value {
            Some(Value::Time(t)) => {
                eg.add(n, pkg::NORMALIZED_VALUE, time_literal(t));
                eg.add(n, pkg::INTERVAL_START, time_point(&t.start));
                eg.add(n, pkg::INTERVAL_END, time_point(&t.end));
            }
            Some(Value::Quantity(q)) => {
                match &q.lower {
                    // A range (4.5-5%): its bounds, and no single value.
                    Some(lower) => {
                        eg.add(n, schema::MIN_VALUE, typed(lower, xsd::DECIMAL));
                        eg.add(n, schema::MAX_VALUE, typed(&q.value, xsd::DECIMAL));
                    }
                    None => eg.add(n, pkg::NORMALIZED_VALUE, typed(&q.value, xsd::DECIMAL)),
                }
                eg.add(n, pkg::UNIT, zh(&q.unit));
            }
            None => {}
        }
    }
    for m in &found.mentions {
        let n = node(minter.mention(m.span.begin, m.span.end));
        g.add(&n, rdf::TYPE, node(pkg::MENTION));
        g.span(&n, &chars, m.span.begin, m.span.end, &d);
        g.add(&n, pkg::IN_SENTENCE, sentence(m.sentence));
        g.add(&n, itsrdf::TA_IDENT_REF, entity_iris[m.entity].clone());
        if let Some(indicator) = m.indicator {
            g.add(&n, pkg::INDICATOR_PROPERTY, entity_iris[indicator].clone());
        }
        if m.target {
            g.add(&n, pkg::IS_TARGET, Literal::from(true));
        }
    }
    let mut stated = HashSet::new();
    for (i, fact) in found.facts.iter().enumerate() {
        let (subject, predicate, object, evidence): (NamedNode, &str, Term, usize) = match *fact {
            Fact::FoundingDate {
                organization,
                time,
                sentence,
            } => {
                let Some(Value::Time(t)) = &found.entities[time].value else {
                    continue;
                };
                (
                    entity_iris[organization].clone(),
                    schema::FOUNDING_DATE,
                    time_literal(t).into(),
                    sentence,
                )
            }
            Fact::BasedOn {
                organization,
                basis,
                sentence,
            } => (
                entity_iris[organization].clone(),
                pkg::BASED_ON,
                entity_iris[basis].clone().into(),
                sentence,
            ),
        };
        if stated.insert((subject.clone(), predicate, object.clone())) {
            g.add(&subject, predicate, object.clone());
        }
        let st = node(minter.part("statement", i + 1));
        g.add(&st, rdf::TYPE, node(pkg::STATEMENT));
        g.add(&st, rdf::SUBJECT, subject);
        g.add(&st, rdf::PREDICATE, node(predicate));
        g.add(&st, rdf::OBJECT, object);
        g.add(&st, pkg::EVIDENCE, sentence(evidence));
        g.add(&st, prov::WAS_DERIVED_FROM, d.clone());
    }
    let mut statements = found.facts.len();
    law::map(
        &mut g,
        &mut eg,
        law::Context {
            base,
            doc: &d,
            found,
            chars: &chars,
            section: &section,
            sentence: &sentence,
            statement: &mut || {
                statements += 1;
                node(minter.part("statement", statements))
            },
            entity_iris: &entity_iris,
        },
    );
    drop(eg);
    for q in entity_quads {
        (g.sink)(q);
    }
}
