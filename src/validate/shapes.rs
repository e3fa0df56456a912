//! The shapes model: the SHACL Core node and property shapes of a shapes graph,
//! read with Oxigraph's parser into plain Rust values that `sparql.rs` turns into
//! queries.
//!
//! Only the constructs `ontology/shapes.ttl` uses are read (the list is in
//! [`Constraint`] and [`Target`]). Any other SHACL term on a shape fails here,
//! naming the shape and the term, so that nobody gets a silent pass from a
//! constraint that was never checked. Knows nothing of stores or queries.

use oxigraph::io::{RdfFormat, RdfParser, RdfSyntaxError};
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{
    Graph, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Term, TermRef,
    Triple,
};
use std::collections::HashMap;
use std::fmt;

/// The SHACL namespace and the terms of it that policykg reads.
pub mod sh {
    macro_rules! terms {
        ($($name:ident = $local:literal),* $(,)?) => {
            $( #[doc = concat!("sh:", $local)] pub const $name: &str = concat!("http://www.w3.org/ns/shacl#", $local); )*
        };
    }
    /// The namespace IRI.
    pub const NS: &str = "http://www.w3.org/ns/shacl#";
    terms! {
        NODE_SHAPE = "NodeShape",
        PROPERTY_SHAPE = "PropertyShape",
        VIOLATION = "Violation",
        IRI = "IRI",
        LITERAL = "Literal",
        BLANK_NODE = "BlankNode",
        BLANK_NODE_OR_IRI = "BlankNodeOrIRI",
        IRI_OR_LITERAL = "IRIOrLiteral",
        BLANK_NODE_OR_LITERAL = "BlankNodeOrLiteral",
    }
}

/// Why a shapes graph could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ShapesError {
    /// The text is not valid RDF in the syntax given.
    #[error("the shapes are not valid RDF: {0}")]
    Syntax(#[from] RdfSyntaxError),
    /// A shape uses a SHACL construct that `policykg validate` does not check.
    #[error(
        "{shape}: {construct} is not supported by policykg validate, which checks the SHACL Core subset that ontology/shapes.ttl uses; remove it, or validate with a full SHACL validator such as pySHACL"
    )]
    Unsupported {
        /// The shape (a compact IRI, or where a blank node shape sits).
        shape: String,
        /// The construct, e.g. `sh:targetNode` or `an inverse path`.
        construct: String,
    },
    /// A shape is not well-formed SHACL.
    #[error("{shape}: {message}")]
    Invalid {
        /// The shape.
        shape: String,
        /// What is wrong with it.
        message: String,
    },
    /// No shape has a target, so validation would check nothing.
    #[error(
        "the shapes declare no target (sh:targetClass or sh:targetSubjectsOf), so nothing would be checked"
    )]
    NoTargets,
}

/// The shapes of a shapes graph: those with targets, each with its property
/// shapes and the shapes its constraints refer to (`sh:or`, `sh:node`).
///
/// ```
/// use policykg::validate::Shapes;
/// let shapes = Shapes::bundled();
/// assert!(shapes.targeted().iter().any(|s| s.name == "pkgsh:SectionShape"));
/// assert_eq!(shapes.compact("https://w3id.org/policykg/ontology#level"), "pkg:level");
/// ```
#[derive(Debug, Clone)]
pub struct Shapes {
    targeted: Vec<Shape>,
    declared: usize,
    prefixes: Vec<(String, String)>,
}

/// One node shape or property shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The shape's node in the shapes graph.
    pub id: NamedOrBlankNode,
    /// A name for people: the compact IRI, or for a blank node where it sits.
    pub name: String,
    /// `sh:path`: a property shape's predicate; `None` for a node shape.
    pub path: Option<NamedNode>,
    /// How focus nodes are selected; only those of top-level shapes are used.
    pub targets: Vec<Target>,
    /// The constraints on the value nodes (for a node shape, the focus node itself).
    pub constraints: Vec<Constraint>,
    /// `sh:property`: the property shapes of a node shape.
    pub properties: Vec<Shape>,
    /// `sh:message` (English preferred), if the shape has one.
    pub message: Option<String>,
    /// `sh:severity`; `sh:Violation` by default.
    pub severity: NamedNode,
    /// `sh:deactivated true`: the shape is not checked.
    pub deactivated: bool,
}

/// How a shape selects its focus nodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `sh:targetClass C`: the SHACL instances of C (`rdf:type/rdfs:subClassOf*`).
    Class(NamedNode),
    /// `sh:targetSubjectsOf P`: every subject of a P triple.
    SubjectsOf(NamedNode),
}

/// A node kind, the value of `sh:nodeKind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// `sh:IRI`.
    Iri,
    /// `sh:Literal`.
    Literal,
    /// `sh:BlankNode`.
    BlankNode,
    /// `sh:BlankNodeOrIRI`.
    BlankNodeOrIri,
    /// `sh:IRIOrLiteral`.
    IriOrLiteral,
    /// `sh:BlankNodeOrLiteral`.
    BlankNodeOrLiteral,
}

impl NodeKind {
    /// The SHACL IRI.
    pub fn iri(self) -> &'static str {
        match self {
            Self::Iri => sh::IRI,
            Self::Literal => sh::LITERAL,
            Self::BlankNode => sh::BLANK_NODE,
            Self::BlankNodeOrIri => sh::BLANK_NODE_OR_IRI,
            Self::IriOrLiteral => sh::IRI_OR_LITERAL,
            Self::BlankNodeOrLiteral => sh::BLANK_NODE_OR_LITERAL,
        }
    }

    fn from_iri(iri: &str) -> Option<Self> {
        [
            Self::Iri,
            Self::Literal,
            Self::BlankNode,
            Self::BlankNodeOrIri,
            Self::IriOrLiteral,
            Self::BlankNodeOrLiteral,
        ]
        .into_iter()
        .find(|k| k.iri() == iri)
    }
}

/// One constraint of a shape, with SHACL Core semantics
/// (<https://www.w3.org/TR/shacl/#core-components>).
#[derive(Debug, Clone, PartialEq)]
pub enum Constraint {
    /// `sh:class C`: each value is a SHACL instance of C.
    Class(NamedNode),
    /// `sh:datatype D`: each value is a literal of datatype D, well-formed for it.
    Datatype(NamedNode),
    /// `sh:nodeKind K`: each value is of that kind.
    NodeKind(NodeKind),
    /// `sh:minCount n`: at least n distinct values.
    MinCount(u64),
    /// `sh:maxCount n`: at most n distinct values.
    MaxCount(u64),
    /// `sh:minInclusive m`: each value is ≥ m (a value that does not compare fails).
    MinInclusive(Literal),
    /// `sh:pattern` with `sh:flags`: the string form of each value (not a blank
    /// node) matches the XPath regular expression.
    Pattern {
        /// The regular expression.
        pattern: String,
        /// The flags (`i`, `s`, `m`, `x`, `q`), if any.
        flags: Option<String>,
    },
    /// `sh:languageIn (…)`: each value is a literal whose language tag matches one.
    LanguageIn(Vec<String>),
    /// `sh:lessThan P`: each value is < every value of P on the focus node.
    LessThan(NamedNode),
    /// `sh:lessThanOrEquals P`: each value is ≤ every value of P on the focus node.
    LessThanOrEquals(NamedNode),
    /// `sh:or (…)`: each value conforms to at least one of the shapes.
    Or(Vec<Shape>),
    /// `sh:node S`: each value conforms to S.
    Node(Box<Shape>),
    /// `sh:hasValue v`: v is among the values.
    HasValue(Term),
    /// `sh:in (…)`: each value is one of the terms.
    In(Vec<Term>),
}

/// A SHACL constraint component, the kind of a [`Constraint`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Component {
    /// `sh:ClassConstraintComponent`.
    Class,
    /// `sh:DatatypeConstraintComponent`.
    Datatype,
    /// `sh:NodeKindConstraintComponent`.
    NodeKind,
    /// `sh:MinCountConstraintComponent`.
    MinCount,
    /// `sh:MaxCountConstraintComponent`.
    MaxCount,
    /// `sh:MinInclusiveConstraintComponent`.
    MinInclusive,
    /// `sh:PatternConstraintComponent`.
    Pattern,
    /// `sh:LanguageInConstraintComponent`.
    LanguageIn,
    /// `sh:LessThanConstraintComponent`.
    LessThan,
    /// `sh:LessThanOrEqualsConstraintComponent`.
    LessThanOrEquals,
    /// `sh:OrConstraintComponent`.
    Or,
    /// `sh:NodeConstraintComponent`.
    Node,
    /// `sh:HasValueConstraintComponent`.
    HasValue,
    /// `sh:InConstraintComponent`.
    In,
}

impl Component {
    /// The local name in the SHACL namespace, e.g. `MinCountConstraintComponent`.
    pub fn local_name(self) -> &'static str {
        match self {
            Self::Class => "ClassConstraintComponent",
            Self::Datatype => "DatatypeConstraintComponent",
            Self::NodeKind => "NodeKindConstraintComponent",
            Self::MinCount => "MinCountConstraintComponent",
            Self::MaxCount => "MaxCountConstraintComponent",
            Self::MinInclusive => "MinInclusiveConstraintComponent",
            Self::Pattern => "PatternConstraintComponent",
            Self::LanguageIn => "LanguageInConstraintComponent",
            Self::LessThan => "LessThanConstraintComponent",
            Self::LessThanOrEquals => "LessThanOrEqualsConstraintComponent",
            Self::Or => "OrConstraintComponent",
            Self::Node => "NodeConstraintComponent",
            Self::HasValue => "HasValueConstraintComponent",
            Self::In => "InConstraintComponent",
        }
    }

    /// The full IRI, as in a SHACL validation report's `sh:sourceConstraintComponent`.
    pub fn iri(self) -> String {
        format!("{}{}", sh::NS, self.local_name())
    }
}

impl Constraint {
    /// The constraint component this constraint belongs to.
    pub fn component(&self) -> Component {
        match self {
            Self::Class(_) => Component::Class,
            Self::Datatype(_) => Component::Datatype,
            Self::NodeKind(_) => Component::NodeKind,
            Self::MinCount(_) => Component::MinCount,
            Self::MaxCount(_) => Component::MaxCount,
            Self::MinInclusive(_) => Component::MinInclusive,
            Self::Pattern { .. } => Component::Pattern,
            Self::LanguageIn(_) => Component::LanguageIn,
            Self::LessThan(_) => Component::LessThan,
            Self::LessThanOrEquals(_) => Component::LessThanOrEquals,
            Self::Or(_) => Component::Or,
            Self::Node(_) => Component::Node,
            Self::HasValue(_) => Component::HasValue,
            Self::In(_) => Component::In,
        }
    }

    /// True for the constraints that look at the values of a path together (counts,
    /// comparisons with another property, `sh:hasValue`) rather than at each value
    /// on its own.
    pub fn is_per_focus(&self) -> bool {
        matches!(
            self,
            Self::MinCount(_)
                | Self::MaxCount(_)
                | Self::LessThan(_)
                | Self::LessThanOrEquals(_)
                | Self::HasValue(_)
        )
    }
}

const SH_PATH: &str = "http://www.w3.org/ns/shacl#path";

/// The shapes that come with policykg.
pub const BUNDLED: &str = include_str!("../../ontology/shapes.ttl");

impl Shapes {
    /// Reads shapes from Turtle.
    ///
    /// ```
    /// use policykg::validate::{Shapes, ShapesError};
    /// let ttl = "@prefix sh: <http://www.w3.org/ns/shacl#> .
    ///     <http://example.org/S> a sh:NodeShape ; sh:targetNode <http://example.org/x> .";
    /// let error = Shapes::parse(ttl).unwrap_err();
    /// assert!(matches!(error, ShapesError::Unsupported { .. }));
    /// assert!(error.to_string().contains("sh:targetNode"));
    /// ```
    pub fn parse(text: &str) -> Result<Self, ShapesError> {
        Self::parse_format(text, RdfFormat::Turtle)
    }

    /// Reads shapes from any RDF syntax Oxigraph reads; graphs are merged.
    pub fn parse_format(text: &str, format: RdfFormat) -> Result<Self, ShapesError> {
        let mut parser = RdfParser::from_format(format).for_slice(text);
        let mut graph = Graph::new();
        let mut order = HashMap::new();
        for quad in parser.by_ref() {
            let quad = quad?;
            let next = order.len();
            order.entry(quad.subject.clone()).or_insert(next);
            graph.insert(&Triple::from(quad));
        }
        let mut prefixes: Vec<(String, String)> = parser
            .prefixes()
            .map(|(p, ns)| (p.to_owned(), ns.to_owned()))
            .collect();
        for (p, ns) in crate::vocab::PREFIXES {
            if !prefixes.iter().any(|(q, _)| q == p) {
                prefixes.push(((*p).to_owned(), (*ns).to_owned()));
            }
        }
        if !prefixes.iter().any(|(q, _)| q == "sh") {
            prefixes.push(("sh".to_owned(), sh::NS.to_owned()));
        }
        // Longest namespace first, so the most specific prefix wins.
        prefixes.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        let reader = Reader {
            graph: &graph,
            order: &order,
            prefixes: &prefixes,
        };
        let (targeted, declared) = reader.read()?;
        Ok(Self {
            targeted,
            declared,
            prefixes,
        })
    }

    /// The shapes of `ontology/shapes.ttl`, compiled in.
    pub fn bundled() -> Self {
        Self::parse(BUNDLED).expect("ontology/shapes.ttl is read by a unit test")
    }

    /// The shapes with targets, in the order of the shapes file. Validation starts
    /// from these.
    pub fn targeted(&self) -> &[Shape] {
        &self.targeted
    }

    /// How many shapes the file declares (node and property shapes, named or blank).
    pub fn declared(&self) -> usize {
        self.declared
    }

    /// An IRI as a compact IRI with the shapes' prefixes (and the project's), or
    /// `<iri>` when no prefix fits.
    pub fn compact(&self, iri: &str) -> String {
        compact(&self.prefixes, iri)
    }

    /// A term for people: compact IRIs, literals with their tag or datatype, long
    /// lexical forms cut to `max_chars` characters.
    pub fn display_term(&self, term: &Term, max_chars: usize) -> String {
        display_term(&self.prefixes, term, max_chars)
    }

    /// A constraint for people, e.g. `sh:minCount 1` or `sh:datatype xsd:integer`.
    pub fn describe(&self, constraint: &Constraint) -> String {
        describe(&self.prefixes, constraint, 2)
    }
}

fn compact(prefixes: &[(String, String)], iri: &str) -> String {
    for (prefix, ns) in prefixes {
        if let Some(local) = iri.strip_prefix(ns.as_str())
            && !local.is_empty()
            && !local.ends_with('.')
            && local
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        {
            return format!("{prefix}:{local}");
        }
    }
    format!("<{iri}>")
}

fn display_term(prefixes: &[(String, String)], term: &Term, max_chars: usize) -> String {
    match term {
        Term::NamedNode(n) => compact(prefixes, n.as_str()),
        Term::Literal(l) if is_turtle_number(l) => l.value().to_owned(),
        Term::Literal(l) => {
            let value = l.value();
            let count = value.chars().count();
            let mut shown: String = value.chars().take(max_chars).collect();
            if count > max_chars {
                shown.push('…');
            }
            let mut out = String::from("\"");
            for c in shown.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    c => out.push(c),
                }
            }
            out.push('"');
            if let Some(language) = l.language() {
                out.push('@');
                out.push_str(language);
            } else if l.datatype() != xsd::STRING {
                out.push_str("^^");
                out.push_str(&compact(prefixes, l.datatype().as_str()));
            }
            if count > max_chars {
                out.push_str(&format!(" ({count} characters)"));
            }
            out
        }
        other => other.to_string(),
    }
}

/// True for the literals Turtle writes bare: well-formed integers, decimals and
/// booleans (`0`, `2.5`, `true`).
fn is_turtle_number(l: &Literal) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let unsigned = |s: &str| s.strip_prefix(['+', '-']).unwrap_or(s).to_owned();
    match l.datatype().as_str() {
        d if d == xsd::INTEGER.as_str() => digits(&unsigned(l.value())),
        d if d == xsd::DECIMAL.as_str() => unsigned(l.value())
            .split_once('.')
            .is_some_and(|(int, frac)| (int.is_empty() || digits(int)) && digits(frac)),
        d if d == xsd::BOOLEAN.as_str() => matches!(l.value(), "true" | "false"),
        _ => false,
    }
}

/// At most this many characters of a constraint's description (a long `sh:or`
/// of nested shapes), so that a report line stays readable.
const DESCRIPTION_CHARS: usize = 160;

fn describe(prefixes: &[(String, String)], constraint: &Constraint, depth: usize) -> String {
    let text = describe_in_full(prefixes, constraint, depth);
    if text.chars().count() <= DESCRIPTION_CHARS {
        return text;
    }
    let mut cut: String = text.chars().take(DESCRIPTION_CHARS - 1).collect();
    cut.push('…');
    cut
}

fn describe_in_full(
    prefixes: &[(String, String)],
    constraint: &Constraint,
    depth: usize,
) -> String {
    let term = |t: &Term| display_term(prefixes, t, 40);
    let iri = |n: &NamedNode| compact(prefixes, n.as_str());
    let shape = |s: &Shape| describe_shape(prefixes, s, depth);
    match constraint {
        Constraint::Class(c) => format!("sh:class {}", iri(c)),
        Constraint::Datatype(d) => format!("sh:datatype {}", iri(d)),
        Constraint::NodeKind(k) => format!("sh:nodeKind {}", compact(prefixes, k.iri())),
        Constraint::MinCount(n) => format!("sh:minCount {n}"),
        Constraint::MaxCount(n) => format!("sh:maxCount {n}"),
        Constraint::MinInclusive(m) => format!("sh:minInclusive {}", term(&m.clone().into())),
        Constraint::Pattern { pattern, flags } => {
            let mut text = format!(
                "sh:pattern {}",
                term(&Literal::new_simple_literal(pattern).into())
            );
            if let Some(flags) = flags {
                text += &format!(" sh:flags \"{flags}\"");
            }
            text
        }
        Constraint::LanguageIn(tags) => format!(
            "sh:languageIn ({})",
            tags.iter()
                .map(|t| format!("\"{t}\""))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        Constraint::LessThan(p) => format!("sh:lessThan {}", iri(p)),
        Constraint::LessThanOrEquals(p) => format!("sh:lessThanOrEquals {}", iri(p)),
        Constraint::Or(shapes) => format!(
            "sh:or ({})",
            shapes.iter().map(shape).collect::<Vec<_>>().join(" ")
        ),
        Constraint::Node(s) => format!("sh:node {}", shape(s)),
        Constraint::HasValue(v) => format!("sh:hasValue {}", term(v)),
        Constraint::In(values) => format!(
            "sh:in ({})",
            values.iter().map(term).collect::<Vec<_>>().join(" ")
        ),
    }
}

/// A named shape by its name; a blank node shape by its content, `[…]` when deep.
fn describe_shape(prefixes: &[(String, String)], shape: &Shape, depth: usize) -> String {
    if let NamedOrBlankNode::NamedNode(n) = &shape.id {
        return compact(prefixes, n.as_str());
    }
    if depth == 0 {
        return "[…]".to_owned();
    }
    let mut parts = Vec::new();
    if let Some(path) = &shape.path {
        parts.push(format!("sh:path {}", compact(prefixes, path.as_str())));
    }
    parts.extend(
        shape
            .constraints
            .iter()
            .map(|c| describe(prefixes, c, depth - 1)),
    );
    for property in &shape.properties {
        parts.push(format!(
            "sh:property {}",
            describe_shape(prefixes, property, depth - 1)
        ));
    }
    format!("[{}]", parts.join(" ; "))
}

/// Reads shapes out of the graph.
struct Reader<'a> {
    graph: &'a Graph,
    /// Where each subject first appears in the file, to keep the file's order.
    order: &'a HashMap<NamedOrBlankNode, usize>,
    prefixes: &'a [(String, String)],
}

/// The SHACL terms that say something about a shape but not about its data.
const ANNOTATIONS: [&str; 5] = ["name", "description", "order", "group", "defaultValue"];

impl Reader<'_> {
    /// Every shape in the graph, read (so that an unsupported construct fails even
    /// in a shape nothing refers to); returns those with targets and the count.
    fn read(&self) -> Result<(Vec<Shape>, usize), ShapesError> {
        let mut candidates: Vec<NamedOrBlankNode> = Vec::new();
        for triple in self.graph {
            let is_shape = triple.predicate.as_str().starts_with(sh::NS)
                || (triple.predicate == rdf::TYPE
                    && matches!(triple.object, TermRef::NamedNode(c)
                        if c.as_str() == sh::NODE_SHAPE || c.as_str() == sh::PROPERTY_SHAPE));
            if is_shape {
                candidates.push(triple.subject.into_owned());
            }
        }
        candidates.sort_by_key(|s| self.position(s.as_ref()));
        candidates.dedup();
        let mut targeted = Vec::new();
        for node in &candidates {
            let shape = self.shape(node.as_ref(), None, &mut Vec::new())?;
            if !shape.targets.is_empty() {
                targeted.push(shape);
            }
        }
        if targeted.is_empty() {
            return Err(ShapesError::NoTargets);
        }
        Ok((targeted, candidates.len()))
    }

    fn position(&self, node: NamedOrBlankNodeRef<'_>) -> usize {
        self.order
            .get(&node.into_owned())
            .copied()
            .unwrap_or(usize::MAX)
    }

    fn name(&self, node: NamedOrBlankNodeRef<'_>, hint: Option<&str>) -> String {
        match (node, hint) {
            (NamedOrBlankNodeRef::NamedNode(n), _) => compact(self.prefixes, n.as_str()),
            (NamedOrBlankNodeRef::BlankNode(_), Some(hint)) => hint.to_owned(),
            (NamedOrBlankNodeRef::BlankNode(b), None) => format!("_:{}", b.as_str()),
        }
    }

    /// Reads the shape at `node`. `hint` names a blank node shape by where it sits;
    /// `stack` holds the shapes being read, to refuse recursive shapes.
    fn shape(
        &self,
        node: NamedOrBlankNodeRef<'_>,
        hint: Option<&str>,
        stack: &mut Vec<NamedOrBlankNode>,
    ) -> Result<Shape, ShapesError> {
        let mut name = self.name(node, hint);
        if let (NamedOrBlankNodeRef::BlankNode(_), Some(TermRef::NamedNode(path))) = (
            node,
            self.graph
                .object_for_subject_predicate(node, NamedNodeRef::new_unchecked(SH_PATH)),
        ) {
            name = format!("{name}[{}]", compact(self.prefixes, path.as_str()));
        }
        let unsupported = |name: &str, construct: &str| ShapesError::Unsupported {
            shape: name.to_owned(),
            construct: construct.to_owned(),
        };
        if stack.iter().any(|s| s.as_ref() == node) {
            return Err(unsupported(
                &name,
                "a recursive shape (one that refers to itself)",
            ));
        }
        let is_class = self.graph.triples_for_subject(node).any(|t| {
            t.predicate == rdf::TYPE
                && matches!(t.object, TermRef::NamedNode(c) if c == rdfs::CLASS || c.as_str() == "http://www.w3.org/2002/07/owl#Class")
        });
        if is_class {
            return Err(unsupported(
                &name,
                "an implicit class target (a shape that is also a class)",
            ));
        }
        let mut shape = Shape {
            id: node.into_owned(),
            name: name.clone(),
            path: None,
            targets: Vec::new(),
            constraints: Vec::new(),
            properties: Vec::new(),
            message: None,
            severity: NamedNode::new_unchecked(sh::VIOLATION),
            deactivated: false,
        };
        let mut messages: Vec<Literal> = Vec::new();
        let mut properties: Vec<NamedOrBlankNode> = Vec::new();
        let mut references: Vec<(&'static str, Term)> = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut flags: Option<String> = None;
        let mut paths = 0;
        let mut closed = false;
        for triple in self.graph.triples_for_subject(node) {
            let Some(local) = triple.predicate.as_str().strip_prefix(sh::NS) else {
                continue;
            };
            let object = triple.object;
            let invalid = |message: String| ShapesError::Invalid {
                shape: name.clone(),
                message,
            };
            let iri = || match object {
                TermRef::NamedNode(n) => Ok(n.into_owned()),
                other => Err(invalid(format!(
                    "the value of sh:{local} must be an IRI, not {other}"
                ))),
            };
            match local {
                "targetClass" => shape.targets.push(Target::Class(iri()?)),
                "targetSubjectsOf" => shape.targets.push(Target::SubjectsOf(iri()?)),
                "path" => {
                    paths += 1;
                    match object {
                        TermRef::NamedNode(n) => shape.path = Some(n.into_owned()),
                        _ => {
                            return Err(unsupported(
                                &name,
                                "a property path other than a single predicate IRI (an inverse, sequence, alternative or zero-or-more path)",
                            ));
                        }
                    }
                }
                "property" => match object {
                    TermRef::NamedNode(n) => properties.push(n.into_owned().into()),
                    TermRef::BlankNode(b) => properties.push(b.into_owned().into()),
                    other => return Err(invalid(format!("sh:property {other} is not a shape"))),
                },
                "minCount" => shape
                    .constraints
                    .push(Constraint::MinCount(self.count(object, local, &name)?)),
                "maxCount" => shape
                    .constraints
                    .push(Constraint::MaxCount(self.count(object, local, &name)?)),
                "datatype" => shape.constraints.push(Constraint::Datatype(iri()?)),
                "nodeKind" => {
                    let kind = NodeKind::from_iri(iri()?.as_str()).ok_or_else(|| {
                        invalid(format!(
                            "sh:nodeKind {object} is not one of the six SHACL node kinds"
                        ))
                    })?;
                    shape.constraints.push(Constraint::NodeKind(kind));
                }
                "class" => shape.constraints.push(Constraint::Class(iri()?)),
                "or" | "node" => references.push((
                    if local == "or" { "or" } else { "node" },
                    object.into_owned(),
                )),
                "minInclusive" => match object {
                    TermRef::Literal(l) => shape
                        .constraints
                        .push(Constraint::MinInclusive(l.into_owned())),
                    other => {
                        return Err(invalid(format!("sh:minInclusive {other} is not a literal")));
                    }
                },
                "hasValue" => match object {
                    TermRef::BlankNode(_) => {
                        return Err(unsupported(&name, "sh:hasValue with a blank node"));
                    }
                    other => shape
                        .constraints
                        .push(Constraint::HasValue(other.into_owned())),
                },
                "lessThan" => shape.constraints.push(Constraint::LessThan(iri()?)),
                "lessThanOrEquals" => shape.constraints.push(Constraint::LessThanOrEquals(iri()?)),
                "pattern" => patterns.push(self.string(object, local, &name)?),
                "flags" => flags = Some(self.string(object, local, &name)?),
                "languageIn" => {
                    let mut tags = Vec::new();
                    for tag in self.list(object, local, &name)? {
                        tags.push(self.string(tag.as_ref(), local, &name)?);
                    }
                    shape.constraints.push(Constraint::LanguageIn(tags));
                }
                "in" => {
                    let values = self.list(object, local, &name)?;
                    if values.iter().any(Term::is_blank_node) {
                        return Err(unsupported(&name, "sh:in with a blank node"));
                    }
                    shape.constraints.push(Constraint::In(values));
                }
                "closed" => closed = self.boolean(object, local, &name)?,
                "deactivated" => shape.deactivated = self.boolean(object, local, &name)?,
                "message" => match object {
                    TermRef::Literal(l) => messages.push(l.into_owned()),
                    other => return Err(invalid(format!("sh:message {other} is not a literal"))),
                },
                "severity" => shape.severity = iri()?,
                local if ANNOTATIONS.contains(&local) => {}
                other => return Err(unsupported(&name, &format!("sh:{other}"))),
            }
        }
        if closed {
            return Err(unsupported(&name, "sh:closed true"));
        }
        if paths > 1 {
            return Err(ShapesError::Invalid {
                shape: name,
                message: "a shape has at most one sh:path".into(),
            });
        }
        if shape.path.is_none()
            && let Some(c) = shape
                .constraints
                .iter()
                .find(|c| c.is_per_focus() && !matches!(c, Constraint::HasValue(_)))
        {
            return Err(ShapesError::Invalid {
                shape: name,
                message: format!(
                    "{} needs sh:path: only a property shape has values to count or compare",
                    describe(self.prefixes, c, 0)
                ),
            });
        }
        if shape.path.is_some() && !properties.is_empty() {
            return Err(unsupported(&name, "sh:property inside a property shape"));
        }
        if flags.is_some() && patterns.is_empty() {
            return Err(ShapesError::Invalid {
                shape: name,
                message: "sh:flags without sh:pattern".into(),
            });
        }
        for pattern in patterns {
            check_regex(&pattern, flags.as_deref()).map_err(|e| ShapesError::Invalid {
                shape: name.clone(),
                message: format!("sh:pattern {pattern:?} is not a valid regular expression: {e}"),
            })?;
            shape.constraints.push(Constraint::Pattern {
                pattern,
                flags: flags.clone(),
            });
        }
        stack.push(node.into_owned());
        for (kind, object) in references {
            match kind {
                "or" => {
                    let mut members = Vec::new();
                    for (i, member) in self.list(object.as_ref(), "or", &name)?.iter().enumerate() {
                        let member = self.reference(member, &name, "or")?;
                        let hint = format!("{name} sh:or #{}", i + 1);
                        members.push(self.shape(member.as_ref(), Some(&hint), stack)?);
                    }
                    shape.constraints.push(Constraint::Or(members));
                }
                _ => {
                    let target = self.reference(&object, &name, "node")?;
                    let hint = format!("{name} sh:node");
                    let node_shape = self.shape(target.as_ref(), Some(&hint), stack)?;
                    shape
                        .constraints
                        .push(Constraint::Node(Box::new(node_shape)));
                }
            }
        }
        properties.sort_by_key(|p| self.position(p.as_ref()));
        for property in properties {
            let hint = format!("{name} sh:property");
            let child = self.shape(property.as_ref(), Some(&hint), stack)?;
            if child.path.is_none() {
                return Err(ShapesError::Invalid {
                    shape: child.name,
                    message: "a property shape (the value of sh:property) needs sh:path".into(),
                });
            }
            shape.properties.push(child);
        }
        stack.pop();
        shape
            .constraints
            .sort_by_key(|c| (c.component(), describe(self.prefixes, c, 1)));
        shape.message = pick_message(messages);
        Ok(shape)
    }

    fn reference(
        &self,
        term: &Term,
        shape: &str,
        what: &str,
    ) -> Result<NamedOrBlankNode, ShapesError> {
        match term {
            Term::NamedNode(n) => Ok(n.clone().into()),
            Term::BlankNode(b) => Ok(b.clone().into()),
            other => Err(ShapesError::Invalid {
                shape: shape.to_owned(),
                message: format!("sh:{what} refers to {other}, which is not a shape"),
            }),
        }
    }

    fn count(&self, object: TermRef<'_>, what: &str, shape: &str) -> Result<u64, ShapesError> {
        match object {
            TermRef::Literal(l) if l.datatype() == xsd::INTEGER => l.value().parse().ok(),
            _ => None,
        }
        .ok_or_else(|| ShapesError::Invalid {
            shape: shape.to_owned(),
            message: format!("sh:{what} {object} is not a non-negative xsd:integer"),
        })
    }

    fn string(&self, object: TermRef<'_>, what: &str, shape: &str) -> Result<String, ShapesError> {
        match object {
            TermRef::Literal(l) if l.language().is_none() => Ok(l.value().to_owned()),
            _ => Err(ShapesError::Invalid {
                shape: shape.to_owned(),
                message: format!("sh:{what} {object} is not a string literal"),
            }),
        }
    }

    fn boolean(&self, object: TermRef<'_>, what: &str, shape: &str) -> Result<bool, ShapesError> {
        match object {
            TermRef::Literal(l) if l.datatype() == xsd::BOOLEAN => match l.value() {
                "true" | "1" => Some(true),
                "false" | "0" => Some(false),
                _ => None,
            },
            _ => None,
        }
        .ok_or_else(|| ShapesError::Invalid {
            shape: shape.to_owned(),
            message: format!("sh:{what} {object} is not an xsd:boolean"),
        })
    }

    /// The members of an RDF list.
    fn list(&self, head: TermRef<'_>, what: &str, shape: &str) -> Result<Vec<Term>, ShapesError> {
        let invalid = || ShapesError::Invalid {
            shape: shape.to_owned(),
            message: format!("the value of sh:{what} is not a well-formed RDF list"),
        };
        let mut members = Vec::new();
        let mut node = head.into_owned();
        let nil = Term::from(rdf::NIL.into_owned());
        while node != nil {
            let subject: NamedOrBlankNode = match &node {
                Term::NamedNode(n) => n.clone().into(),
                Term::BlankNode(b) => b.clone().into(),
                _ => return Err(invalid()),
            };
            let first = self
                .graph
                .object_for_subject_predicate(subject.as_ref(), rdf::FIRST)
                .ok_or_else(invalid)?;
            members.push(first.into_owned());
            node = self
                .graph
                .object_for_subject_predicate(subject.as_ref(), rdf::REST)
                .ok_or_else(invalid)?
                .into_owned();
            if members.len() > self.graph.len() {
                return Err(invalid());
            }
        }
        Ok(members)
    }
}

/// SHACL allows one message per language; people here read English first.
fn pick_message(mut messages: Vec<Literal>) -> Option<String> {
    messages.sort_by_key(|m| match m.language() {
        Some("en") => 0,
        None => 1,
        Some(l) if l.starts_with("en-") => 2,
        Some(_) => 3,
    });
    messages.into_iter().next().map(|m| m.value().to_owned())
}

/// Checks a pattern the way the SPARQL engine will compile it (XPath flags), so
/// that a bad pattern fails when the shapes are read, not as a silent pass.
fn check_regex(pattern: &str, flags: Option<&str>) -> Result<(), String> {
    let mut builder = regex::RegexBuilder::new(pattern);
    for flag in flags.unwrap_or("").chars() {
        match flag {
            'i' => builder.case_insensitive(true),
            's' => builder.dot_matches_new_line(true),
            'm' => builder.multi_line(true),
            'x' => builder.ignore_whitespace(true),
            'q' => return Ok(()),
            other => {
                return Err(format!(
                    "unknown flag {other:?}; SHACL allows i, s, m, x and q"
                ));
            }
        };
    }
    builder.build().map(|_| ()).map_err(|e| e.to_string())
}

impl fmt::Display for Component {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sh:{}", self.local_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PREFIXES: &str = "@prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n";

    fn parse(body: &str) -> Result<Shapes, ShapesError> {
        Shapes::parse(&format!("{PREFIXES}{body}"))
    }

    /// Reading `body` fails, and the message says `expected`.
    fn check_error(body: &str, expected: &str) {
        let error = parse(body).expect_err(body).to_string();
        assert!(
            error.contains(expected),
            "{error:?} does not contain {expected:?}"
        );
    }

    fn shape<'s>(shapes: &'s Shapes, name: &str) -> &'s Shape {
        shapes
            .targeted()
            .iter()
            .flat_map(|s| std::iter::once(s).chain(&s.properties))
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("no shape {name}"))
    }

    #[test]
    fn the_bundled_shapes_are_read_in_file_order() {
        let shapes = Shapes::bundled();
        let names: Vec<&str> = shapes.targeted().iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names.len(), 25, "{names:?}");
        assert_eq!(names[0], "pkgsh:DocumentShape");
        assert_eq!(names[1], "pkgsh:SectionShape");
        assert_eq!(names.last(), Some(&"pkgsh:StoreShape"));
        let section = &shapes.targeted()[1];
        assert_eq!(
            section.targets,
            [Target::Class(NamedNode::new_unchecked(
                "https://w3id.org/policykg/ontology#Section"
            ))]
        );
        assert_eq!(section.constraints, [Constraint::NodeKind(NodeKind::Iri)]);
        assert_eq!(section.properties[0].name, "pkgsh:Section-level-count");
        assert_eq!(section.properties[1].name, "pkgsh:Section-level-value");
        assert_eq!(section.properties.len(), 22);
        assert!(shapes.declared() > 150, "{}", shapes.declared());
    }

    #[test]
    fn property_shapes_carry_path_constraints_and_message() {
        let shapes = Shapes::bundled();
        let level = shape(&shapes, "pkgsh:Section-level-value");
        assert_eq!(
            level.path.as_ref().map(NamedNode::as_str),
            Some("https://w3id.org/policykg/ontology#level")
        );
        let described: Vec<String> = level
            .constraints
            .iter()
            .map(|c| shapes.describe(c))
            .collect();
        assert_eq!(described, ["sh:datatype xsd:integer", "sh:minInclusive 1"]);
        assert!(
            level
                .message
                .as_deref()
                .unwrap()
                .starts_with("The pkg:level of a section")
        );
        assert_eq!(level.severity.as_str(), sh::VIOLATION);
        let order = shape(&shapes, "pkgsh:Mention-beginIndex-order");
        assert_eq!(
            shapes.describe(&order.constraints[0]),
            "sh:lessThan nif:endIndex"
        );
        let predicate = shape(&shapes, "pkgsh:Statement-predicate-value");
        assert_eq!(
            shapes.describe(&predicate.constraints[1]),
            "sh:in (schema:foundingDate pkg:basedOn eli:cites eli:based_on)"
        );
    }

    #[test]
    fn named_shapes_in_sh_or_are_read_with_their_constraints() {
        let shapes = Shapes::bundled();
        let title = shape(&shapes, "pkgsh:Document-title-value");
        let Constraint::Or(members) = &title.constraints[0] else {
            panic!("{:?}", title.constraints)
        };
        assert_eq!(members[0].name, "pkgsh:ZhTaggedText");
        assert_eq!(
            members[0].constraints,
            [
                Constraint::Datatype(rdf::LANG_STRING.into_owned()),
                Constraint::LanguageIn(vec!["zh".into()])
            ]
        );
        assert_eq!(
            members[1].constraints[1],
            Constraint::Pattern {
                pattern: "^[^\u{4E00}-\u{9FFF}]*$".into(),
                flags: None
            }
        );
        assert_eq!(
            shapes.describe(&title.constraints[0]),
            "sh:or (pkgsh:ZhTaggedText pkgsh:PlainText)"
        );
        let source = shape(&shapes, "pkgsh:Document-source-value");
        assert_eq!(
            shapes.describe(&source.constraints[0]),
            "sh:or ([sh:nodeKind sh:IRI] [sh:datatype xsd:string] pkgsh:ZhTaggedText)"
        );
    }

    #[test]
    fn nested_node_shapes_keep_their_property_shapes() {
        let shapes = Shapes::bundled();
        let time = shape(&shapes, "pkgsh:TimeExpressionValueShape");
        let Constraint::Or(members) = &time.constraints[0] else {
            panic!("{:?}", time.constraints)
        };
        assert_eq!(members.len(), 2);
        assert_eq!(members[0].properties.len(), 3);
        assert!(
            members[0]
                .name
                .starts_with("pkgsh:TimeExpressionValueShape sh:or #1"),
            "{}",
            members[0].name
        );
        assert_eq!(
            members[1].properties[0].constraints,
            [Constraint::MaxCount(0)]
        );
        let entity = shape(&shapes, "pkgsh:EntityShape");
        assert_eq!(entity.targets.len(), 9);
        let store = shape(&shapes, "pkgsh:StoreShape");
        assert_eq!(
            store.targets,
            [Target::SubjectsOf(NamedNode::new_unchecked(
                "https://w3id.org/policykg/ontology#schemaVersion"
            ))]
        );
    }

    #[test]
    fn unsupported_constructs_fail_naming_the_shape() {
        check_error(
            "ex:S a sh:NodeShape ; sh:targetNode ex:x .",
            "ex:S: sh:targetNode is not supported",
        );
        check_error(
            "ex:S a sh:NodeShape ; sh:targetObjectsOf ex:p .",
            "ex:S: sh:targetObjectsOf",
        );
        check_error(
            "ex:S sh:targetClass ex:C ; sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ] .",
            "ex:S sh:property: a property path other than a single predicate IRI",
        );
        check_error(
            "ex:S sh:targetClass ex:C ; sh:property ex:P . ex:P sh:path ( ex:p ex:q ) .",
            "ex:P: a property path other than a single predicate IRI",
        );
        check_error(
            "ex:S sh:targetClass ex:C ; sh:closed true .",
            "ex:S: sh:closed true",
        );
        check_error(
            "ex:S sh:targetClass ex:C ; sh:and ( ex:A ) .",
            "ex:S: sh:and",
        );
        check_error("ex:S sh:targetClass ex:C ; sh:not ex:A .", "ex:S: sh:not");
        check_error(
            "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:maxLength 3 ] .",
            "ex:S sh:property[ex:p]: sh:maxLength",
        );
        check_error(
            "ex:S sh:targetClass ex:C ; sh:sparql [ sh:select \"SELECT $this {}\" ] .",
            "ex:S: sh:sparql",
        );
        check_error(
            "ex:S a sh:NodeShape , rdfs:Class ; sh:datatype xsd:string .",
            "ex:S: an implicit class target",
        );
        check_error(
            "ex:S sh:targetClass ex:C ; sh:node ex:S .",
            "ex:S: a recursive shape",
        );
        check_error(
            "ex:S sh:targetClass ex:C ; sh:hasValue [] .",
            "ex:S: sh:hasValue with a blank node",
        );
        check_error(
            "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:property [ sh:path ex:q ] ] .",
            "sh:property inside a property shape",
        );
    }

    #[test]
    fn malformed_shapes_fail_naming_the_shape() {
        check_error(
            "ex:S sh:targetClass ex:C ; sh:minCount 1 .",
            "ex:S: sh:minCount 1 needs sh:path",
        );
        check_error(
            "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount \"one\" ] .",
            "sh:minCount \"one\" is not a non-negative xsd:integer",
        );
        check_error(
            "ex:S sh:targetClass ex:C ; sh:property [ sh:minCount 1 ] .",
            "needs sh:path",
        );
        check_error(
            "ex:S sh:targetClass ex:C ; sh:pattern \"a(\" .",
            "is not a valid regular expression",
        );
        check_error(
            "ex:S sh:targetClass ex:C ; sh:flags \"i\" .",
            "sh:flags without sh:pattern",
        );
        check_error(
            "ex:S sh:targetClass ex:C ; sh:nodeKind sh:Thing .",
            "is not one of the six SHACL node kinds",
        );
        check_error(
            "ex:S sh:targetClass ex:C ; sh:in ex:notAList .",
            "not a well-formed RDF list",
        );
        check_error(
            "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p , ex:q ] .",
            "at most one sh:path",
        );
        check_error(
            "ex:S a sh:NodeShape ; sh:datatype xsd:string .",
            "declare no target",
        );
        check_error("ex:S sh:targetClass ex:C ; sh:datatype", "not valid RDF");
    }

    #[test]
    fn messages_severity_and_deactivation_are_read() {
        let shapes = parse(
            "ex:S sh:targetClass ex:C ; sh:severity sh:Warning ; sh:deactivated true ;
                 sh:message \"Nachricht\"@de , \"message\"@en , \"plain\" ;
                 sh:name \"ignored\" ; sh:property [ sh:path ex:p ; sh:pattern \"^a\" ; sh:flags \"i\" ] .",
        )
        .unwrap();
        let s = &shapes.targeted()[0];
        assert_eq!(s.message.as_deref(), Some("message"));
        assert_eq!(s.severity.as_str(), "http://www.w3.org/ns/shacl#Warning");
        assert!(s.deactivated);
        assert_eq!(s.properties[0].name, "ex:S sh:property[ex:p]");
        assert_eq!(
            s.properties[0].constraints,
            [Constraint::Pattern {
                pattern: "^a".into(),
                flags: Some("i".into())
            }]
        );
    }

    #[test]
    fn terms_are_shown_compactly() {
        let shapes = Shapes::bundled();
        let show = |t: Term| shapes.display_term(&t, 5);
        assert_eq!(
            show(NamedNode::new_unchecked("https://w3id.org/policykg/ontology#level").into()),
            "pkg:level"
        );
        assert_eq!(
            show(NamedNode::new_unchecked("https://w3id.org/policykg/id/doc/x").into()),
            "<https://w3id.org/policykg/id/doc/x>"
        );
        assert_eq!(show(Literal::from(0).into()), "0");
        assert_eq!(
            show(Literal::new_typed_literal("abc", xsd::INTEGER).into()),
            "\"abc\"^^xsd:integer"
        );
        assert_eq!(
            show(Literal::new_language_tagged_literal_unchecked("中国", "zh").into()),
            "\"中国\"@zh"
        );
        assert_eq!(
            show(Literal::new_simple_literal("a\"b\nc").into()),
            "\"a\\\"b\\nc\""
        );
        assert_eq!(
            show(Literal::new_simple_literal("abcdefgh").into()),
            "\"abcde…\" (8 characters)"
        );
    }
}
