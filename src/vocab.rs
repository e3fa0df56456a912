//! The vocabulary v1: every IRI the mapping writes, in one place.
//!
//! These names are the public contract users write SPARQL against. The test
//! `vocab_matches_ontology` fails when this list and `ontology/policykg.ttl`
//! drift apart in either direction. This module knows nothing of documents.

/// Namespace IRIs with the prefixes used in Turtle, TriG, RDF/XML and JSON-LD output.
pub const PREFIXES: &[(&str, &str)] = &[
    ("pkg", pkg::NS),
    ("doco", "http://purl.org/spar/doco/"),
    ("dcterms", dcterms::NS),
    ("nif", nif::NS),
    ("itsrdf", "http://www.w3.org/2005/11/its/rdf#"),
    ("schema", schema::NS),
    ("org", "http://www.w3.org/ns/org#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("rdf", rdf::NS),
    ("rdfs", rdfs::NS),
    ("xsd", xsd::NS),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("eli", eli::NS),
];

/// The prefixes a SPARQL query or update may use without declaring them: those of
/// the output ([`PREFIXES`]), ELI among them, and `search:` for the full-text
/// search service ([`crate::search::service`]). A query that declares one of them
/// itself keeps its own.
pub fn query_prefixes() -> impl Iterator<Item = (&'static str, &'static str)> {
    PREFIXES
        .iter()
        .copied()
        .chain([("search", crate::search::service::NS)])
}

/// The default base for data IRIs (documents, sections, entities), overridable with `--base`.
pub const DEFAULT_BASE: &str = "https://w3id.org/policykg/id/";

macro_rules! terms {
    ($ns:literal; $($(#[$doc:meta])* $name:ident = $local:literal),* $(,)?) => {
        /// The namespace IRI.
        pub const NS: &str = $ns;
        $( $(#[$doc])* pub const $name: &str = concat!($ns, $local); )*
    };
}

/// The policykg ontology, `https://w3id.org/policykg/ontology#`.
pub mod pkg {
    terms! { "https://w3id.org/policykg/ontology#";
        /// A source document: a law, a report, a chapter.
        DOCUMENT = "Document",
        /// A (sub)section of a document, at any depth.
        SECTION = "Section",
        /// A paragraph of body text.
        PARAGRAPH = "Paragraph",
        /// A sentence inside a paragraph.
        SENTENCE = "Sentence",
        /// One item of an enumerated list of policy measures (一是…二是…).
        MEASURE = "Measure",
        /// Anything named in the text.
        ENTITY = "Entity",
        /// An organisation.
        ORGANIZATION = "Organization",
        /// A person.
        PERSON = "Person",
        /// A place.
        PLACE = "Place",
        /// A law, regulation or other titled document cited in 《》.
        LEGISLATION = "Legislation",
        /// A plan, programme or slogan written in quotation marks.
        PLAN = "Plan",
        /// Another quoted term that is not a plan.
        TERM = "Term",
        /// A time expression with a normalised value.
        TIME_EXPRESSION = "TimeExpression",
        /// A quantity with a normalised value and unit.
        QUANTITY = "Quantity",
        /// One occurrence of an entity in a document.
        MENTION = "Mention",
        /// A relation stated in the text, with its evidence.
        STATEMENT = "Statement",
        /// An enumerated list of measures (一是…二是…) with its lead sentence.
        MEASURE_LIST = "MeasureList",
        /// A statistical indicator a quantity measures (地区生产总值).
        INDICATOR = "Indicator",
        /// The list a measure belongs to.
        IN_LIST = "inList",
        /// The sentence that introduces a list (…采取了一系列重大措施。).
        LEAD_SENTENCE = "leadSentence",
        /// The indicator a quantity mention measures.
        INDICATOR_PROPERTY = "indicator",
        /// True on a quantity mention stated as a target (预期目标, 力争, 左右),
        /// not as a result.
        IS_TARGET = "isTarget",
        /// A report's dateline as written (2026年2月3日在…会议上).
        DATELINE = "dateline",
        /// Hex SHA-256 of the document's decoded text.
        SHA256 = "sha256",
        /// Depth of a section, 1 = outermost.
        LEVEL = "level",
        /// Position or stated number among siblings, 1-based.
        ORDINAL = "ordinal",
        /// A section's numbering as written (第一章, 一、, （一）).
        NUMBERING = "numbering",
        /// The marker that opens a measure (一是, 第一).
        MARKER = "marker",
        /// The sentence a mention occurs in.
        IN_SENTENCE = "inSentence",
        /// One organisation was founded on the basis of another.
        BASED_ON = "basedOn",
        /// Deprecated since vocabulary 2.0.0, no longer written: `eli:cites`.
        CITES = "cites",
        /// A reference to an article, 款 or 项 of a law (本法第五十三条第（二）项), a
        /// span of text like a mention.
        ARTICLE_REFERENCE = "ArticleReference",
        /// The article, 款 or 项 an article reference names.
        REFERS_TO = "refersTo",
        /// One amendment (修正) or revision (修订) of a law, as its header lists it.
        AMENDMENT = "Amendment",
        /// A version of a law → an amendment its header lists.
        HAS_AMENDMENT = "amendment",
        /// An amendment → the act that made it (关于修改〈…〉的决定).
        AMENDING_ACT = "amendingAct",
        /// The sentence that states a relation.
        EVIDENCE = "evidence",
        /// The normalised value of a time expression or quantity.
        NORMALIZED_VALUE = "normalizedValue",
        /// First year (or day) covered by a time expression.
        INTERVAL_START = "intervalStart",
        /// Last year (or day) covered by a time expression.
        INTERVAL_END = "intervalEnd",
        /// The unit of a quantity (元, %, 个百分点, 座 …).
        UNIT = "unit",
        /// Version of the on-disk store layout.
        SCHEMA_VERSION = "schemaVersion",
        /// The GB/T 2260 code of an administrative division (320000 for 江苏省).
        ADMIN_CODE = "adminCode",
        /// The place an organ is the organ of (中共江苏省委员会 → 江苏省).
        JURISDICTION = "jurisdiction",
    }
}

/// The European Legislation Identifier ontology.
pub mod eli {
    terms! { "http://data.europa.eu/eli/ontology#";
        /// A law as a work, across its versions.
        LEGAL_RESOURCE = "LegalResource",
        /// A version of a law: one loaded document of it.
        LEGAL_EXPRESSION = "LegalExpression",
        /// An article, 款 or 项 of a law as a work.
        LEGAL_RESOURCE_SUBDIVISION = "LegalResourceSubdivision",
        /// A version → the work (or a part → the part of the work) it realises.
        REALIZES = "realizes",
        /// A work → a version of it.
        IS_REALIZED_BY = "is_realized_by",
        /// The date of a version.
        VERSION_DATE = "version_date",
        /// The date a law was adopted (通过).
        DATE_DOCUMENT = "date_document",
        /// The date a law was published or issued (公布, 发布).
        DATE_PUBLICATION = "date_publication",
        /// The date a law entered into force (施行).
        FIRST_DATE_ENTRY_IN_FORCE = "first_date_entry_in_force",
        /// The organ that adopted a law.
        PASSED_BY = "passed_by",
        /// An amending act → the law it amends.
        AMENDS = "amends",
        /// A part of a law (an article) → a law it cites.
        CITES = "cites",
        /// A law → the law it is made on the basis of (根据宪法，制定本法).
        BASED_ON = "based_on",
        /// A part of a work → the work (民法典's 合同编 → 民法典; an article → its law).
        IS_PART_OF = "is_part_of",
    }
}

/// Dublin Core terms.
pub mod dcterms {
    terms! { "http://purl.org/dc/terms/";
        /// Title of a document or section heading text.
        TITLE = "title",
        /// Where a document came from (path or URL).
        SOURCE = "source",
        /// The parent of a section, paragraph, sentence or measure.
        IS_PART_OF = "isPartOf",
        /// Publication date.
        ISSUED = "issued",
        /// Region a document is about.
        SPATIAL = "spatial",
        /// Generic metadata for columns without a better property.
        DESCRIPTION = "description",
        /// Publisher.
        PUBLISHER = "publisher",
        /// Creator or speaker.
        CREATOR = "creator",
        /// Coverage, e.g. the year of a report.
        TEMPORAL = "temporal",
        /// The date a document was delivered or adopted.
        DATE = "date",
        /// Another title, e.g. the title line in the text.
        ALTERNATIVE = "alternative",
    }
}

/// NLP Interchange Format core.
pub mod nif {
    terms! { "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
        /// The full text of a context (document).
        IS_STRING = "isString",
        /// The exact text of a span.
        ANCHOR_OF = "anchorOf",
        /// Start offset, code points, inclusive.
        BEGIN_INDEX = "beginIndex",
        /// End offset, code points, exclusive.
        END_INDEX = "endIndex",
        /// The document a span belongs to.
        REFERENCE_CONTEXT = "referenceContext",
    }
}

/// Internationalisation Tag Set.
pub mod itsrdf {
    terms! { "http://www.w3.org/2005/11/its/rdf#";
        /// The entity a mention refers to.
        TA_IDENT_REF = "taIdentRef",
    }
}

/// schema.org.
pub mod schema {
    terms! { "http://schema.org/";
        /// The date an organisation was founded.
        FOUNDING_DATE = "foundingDate",
        /// Organisation class.
        ORGANIZATION = "Organization",
        /// Person class.
        PERSON = "Person",
        /// Place class.
        PLACE = "Place",
        /// Legislation class.
        LEGISLATION = "Legislation",
        /// Quantitative value class.
        QUANTITATIVE_VALUE = "QuantitativeValue",
        /// Creative work class.
        CREATIVE_WORK = "CreativeWork",
        /// The place a place lies in (昆山市 → 苏州市 → 江苏省).
        CONTAINED_IN_PLACE = "containedInPlace",
        /// The lower bound of a range quantity (4.5 in 4.5-5%).
        MIN_VALUE = "minValue",
        /// The upper bound of a range quantity (5 in 4.5-5%).
        MAX_VALUE = "maxValue",
    }
}

/// Organisation ontology.
pub mod org {
    terms! { "http://www.w3.org/ns/org#";
        /// Organisation class.
        ORGANIZATION = "Organization",
    }
}

/// SKOS.
pub mod skos {
    terms! { "http://www.w3.org/2004/02/skos/core#";
        /// Concept class.
        CONCEPT = "Concept",
        /// Another name of an entity (江苏 for 江苏省, 省委 for 中共江苏省委员会).
        ALT_LABEL = "altLabel",
    }
}

/// PROV-O.
pub mod prov {
    terms! { "http://www.w3.org/ns/prov#";
        /// The document a statement was derived from.
        WAS_DERIVED_FROM = "wasDerivedFrom",
    }
}

/// RDF.
pub mod rdf {
    terms! { "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
        /// rdf:type.
        TYPE = "type",
        /// Subject of a reified statement.
        SUBJECT = "subject",
        /// Predicate of a reified statement.
        PREDICATE = "predicate",
        /// Object of a reified statement.
        OBJECT = "object",
    }
}

/// RDF Schema.
pub mod rdfs {
    terms! { "http://www.w3.org/2000/01/rdf-schema#";
        /// A human-readable name.
        LABEL = "label",
    }
}

/// XML Schema datatypes.
pub mod xsd {
    terms! { "http://www.w3.org/2001/XMLSchema#";
        /// xsd:integer.
        INTEGER = "integer",
        /// xsd:decimal.
        DECIMAL = "decimal",
        /// xsd:gYear.
        G_YEAR = "gYear",
        /// xsd:gYearMonth.
        G_YEAR_MONTH = "gYearMonth",
        /// xsd:date.
        DATE = "date",
        /// xsd:string.
        STRING = "string",
    }
}

/// Every `pkg:` term the code uses; `ontology/policykg.ttl` must declare exactly these.
pub const PKG_TERMS: &[&str] = &[
    pkg::DOCUMENT,
    pkg::SECTION,
    pkg::PARAGRAPH,
    pkg::SENTENCE,
    pkg::MEASURE,
    pkg::ENTITY,
    pkg::ORGANIZATION,
    pkg::PERSON,
    pkg::PLACE,
    pkg::LEGISLATION,
    pkg::PLAN,
    pkg::TERM,
    pkg::TIME_EXPRESSION,
    pkg::QUANTITY,
    pkg::MENTION,
    pkg::STATEMENT,
    pkg::MEASURE_LIST,
    pkg::INDICATOR,
    pkg::IN_LIST,
    pkg::LEAD_SENTENCE,
    pkg::INDICATOR_PROPERTY,
    pkg::IS_TARGET,
    pkg::DATELINE,
    pkg::SHA256,
    pkg::LEVEL,
    pkg::ORDINAL,
    pkg::NUMBERING,
    pkg::MARKER,
    pkg::IN_SENTENCE,
    pkg::BASED_ON,
    pkg::CITES,
    pkg::ARTICLE_REFERENCE,
    pkg::REFERS_TO,
    pkg::AMENDMENT,
    pkg::HAS_AMENDMENT,
    pkg::AMENDING_ACT,
    pkg::EVIDENCE,
    pkg::NORMALIZED_VALUE,
    pkg::INTERVAL_START,
    pkg::INTERVAL_END,
    pkg::UNIT,
    pkg::SCHEMA_VERSION,
    pkg::ADMIN_CODE,
    pkg::JURISDICTION,
];
