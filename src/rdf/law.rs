//! The law graph's quads: a legal text as a version (`eli:LegalExpression`) of its
//! work (`pkg:Legislation`, an `eli:LegalResource`), its header, articles by
//! number, citations (`eli:cites`) and article references (`pkg:refersTo`).
//!
//! IRIs a reader can name: the work `law/广告法`; a version's article
//! `doc/…/article/20`, its 款 `…/article/20/paragraph/2`, its 项
//! `…/paragraph/1/item/3`; and the work's own article `law/广告法/article/20`, which
//! every version's article `eli:realizes`. A reference to this law's article
//! names the version's node; to another law's, the work's, which any loaded
//! version realises (`?ref pkg:refersTo/eli:realizes? <law/X/article/N>` finds
//! both).

use super::{Graph, int, node, zh};
use crate::extract::law::{Place, Target, WorkRef};
use crate::extract::{EntityKind, Extraction};
use crate::rdf::iri::{entity_iri, segment};
use crate::vocab::{dcterms, eli, pkg, rdf, rdfs, schema, skos, xsd};
use oxigraph::model::{Literal, NamedNode};
use std::collections::{HashMap, HashSet};

/// The IRI of a work.
pub fn work_iri(base: &str, key: &str) -> String {
    entity_iri(base, EntityKind::Legislation, key)
}

fn subpath(target_article: &str, paragraph: Option<u32>, item: Option<u32>) -> String {
    let mut path = format!("/article/{}", segment(target_article));
    if let Some(p) = paragraph {
        path += &format!("/paragraph/{p}");
    }
    if let Some(i) = item {
        path += &format!("/item/{i}");
    }
    path
}

/// The IRIs of a document's articles, 款 and 项, by number.
pub(super) struct Nodes<'a> {
    doc: &'a str,
    found: &'a Extraction,
}

impl<'a> Nodes<'a> {
    pub(super) fn new(doc: &'a str, found: &'a Extraction) -> Self {
        Self { doc, found }
    }

    /// An article's IRI, for a section that is one.
    pub(super) fn section(&self, i: usize) -> Option<String> {
        let key = self.found.law.as_ref()?.articles[i].as_deref()?;
        Some(format!("{}{}", self.doc, subpath(key, None, None)))
    }

    fn place_path(&self, place: &Place) -> Option<String> {
        let key = self.found.law.as_ref()?.articles[place.section].as_deref()?;
        Some(subpath(key, Some(place.paragraph), place.item))
    }

    /// A 款's or 项's IRI, for a paragraph of an article.
    pub(super) fn paragraph(&self, i: usize) -> Option<String> {
        let place = self.found.law.as_ref()?.paragraphs[i].as_ref()?;
        Some(format!("{}{}", self.doc, self.place_path(place)?))
    }
}

/// Describes a work once per document, in the entities graph: its classes, its
/// key as label, the titles it is written with as alternative labels.
struct Works<'a> {
    base: &'a str,
    described: HashSet<String>,
    labels: HashSet<(String, String)>,
}

impl Works<'_> {
    fn describe(&mut self, eg: &mut Graph, key: &str, written: Option<&str>) -> NamedNode {
        let n = node(work_iri(self.base, key));
        if self.described.insert(key.to_owned()) {
            eg.add(&n, rdf::TYPE, node(pkg::LEGISLATION));
            eg.add(&n, rdf::TYPE, node(schema::LEGISLATION));
            eg.add(&n, rdf::TYPE, node(eli::LEGAL_RESOURCE));
            eg.add(&n, rdfs::LABEL, zh(key));
        }
        if let Some(w) = written.filter(|w| *w != key)
            && self.labels.insert((key.to_owned(), w.to_owned()))
        {
            eg.add(&n, skos::ALT_LABEL, zh(w));
        }
        n
    }

    /// A work's article, 款 or 项, described in the entities graph: an article
    /// with its class, its work and a label (刑法第一百二十条); a 款 or 项 with a
    /// label and the node it is part of, so `eli:is_part_of*` from an article
    /// reaches them.
    fn article(
        &mut self,
        eg: &mut Graph,
        key: &str,
        target: &str,
        paragraph: Option<u32>,
        item: Option<u32>,
    ) -> NamedNode {
        let work = self.describe(eg, key, None);
        let iri = |p: Option<u32>, i: Option<u32>| {
            node(format!("{}{}", work.as_str(), subpath(target, p, i)))
        };
        let article = iri(None, None);
        let mut label = format!("{key}{}", chinese_article(target));
        if self.described.insert(article.as_str().to_owned()) {
            eg.add(&article, rdf::TYPE, node(eli::LEGAL_RESOURCE_SUBDIVISION));
            eg.add(&article, eli::IS_PART_OF, work.clone());
            eg.add(&article, rdfs::LABEL, zh(&label));
        }
        let mut parent = article;
        if let Some(p) = paragraph {
            label += &format!("第{}款", crate::numerals::to_chinese(u64::from(p)));
            let n = iri(Some(p), None);
            if self.described.insert(n.as_str().to_owned()) {
                eg.add(&n, eli::IS_PART_OF, parent.clone());
                eg.add(&n, rdfs::LABEL, zh(&label));
            }
            parent = n;
        }
        if let Some(i) = item {
            label += &format!("第（{}）项", crate::numerals::to_chinese(u64::from(i)));
            let n = iri(paragraph, Some(i));
            if self.described.insert(n.as_str().to_owned()) {
                eg.add(&n, eli::IS_PART_OF, parent.clone());
                eg.add(&n, rdfs::LABEL, zh(&label));
            }
            parent = n;
        }
        parent
    }
}

/// 20 → 第二十条, 10-1 → 第十条之一: an article key as laws write it.
fn chinese_article(key: &str) -> String {
    let number = |s: &str| {
        s.parse::<u64>()
            .map_or_else(|_| s.to_owned(), crate::numerals::to_chinese)
    };
    match key.split_once('-') {
        Some((n, sub)) => format!("第{}条之{}", number(n), number(sub)),
        None => format!("第{}条", number(key)),
    }
}

/// What the law mapping needs of the document mapping.
pub(super) struct Context<'a> {
    pub base: &'a str,
    pub doc: &'a NamedNode,
    pub found: &'a Extraction,
    pub chars: &'a [char],
    pub section: &'a dyn Fn(usize) -> NamedNode,
    pub sentence: &'a dyn Fn(usize) -> NamedNode,
    pub statement: &'a mut dyn FnMut() -> NamedNode,
    pub entity_iris: &'a [NamedNode],
}

/// Maps the law graph's facts of a document.
pub(super) fn map(g: &mut Graph, eg: &mut Graph, cx: Context) {
    let Context {
        base,
        doc,
        found,
        chars,
        section,
        sentence,
        statement,
        entity_iris,
    } = cx;
    let nodes = Nodes::new(doc.as_str(), found);
    // Works named by a 《》 mention are described with the other entities.
    let mut works = Works {
        base,
        described: HashSet::new(),
        labels: HashSet::new(),
    };
    for e in found
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Legislation)
    {
        works.described.insert(e.key.clone());
        for alt in &e.alt_labels {
            works.labels.insert((e.key.clone(), alt.clone()));
        }
    }
    let own = found.law.as_ref().map(|l| l.work.as_str());

    if let Some(law) = &found.law {
        let work = works.describe(eg, &law.work, Some(&law.title));
        let version_of = match &law.part {
            Some(part) => {
                let n = node(format!("{}/{}", work.as_str(), segment(part)));
                if works.described.insert(n.as_str().to_owned()) {
                    eg.add(&n, rdf::TYPE, node(pkg::LEGISLATION));
                    eg.add(&n, rdf::TYPE, node(schema::LEGISLATION));
                    eg.add(&n, rdf::TYPE, node(eli::LEGAL_RESOURCE));
                    eg.add(&n, rdfs::LABEL, zh(&format!("{}{part}", law.work)));
                    eg.add(&n, eli::IS_PART_OF, work.clone());
                }
                n
            }
            None => work.clone(),
        };
        g.add(doc, rdf::TYPE, node(eli::LEGAL_EXPRESSION));
        g.add(doc, eli::REALIZES, version_of.clone());
        g.add(&version_of, eli::IS_REALIZED_BY, doc.clone());
        let date = |d: &str| Literal::new_typed_literal(d, node(xsd::DATE));
        if let Some(d) = &law.version_date {
            g.add(doc, eli::VERSION_DATE, date(d));
        }
        let h = &law.header;
        if let Some(d) = &h.adopted {
            g.add(doc, eli::DATE_DOCUMENT, date(d));
        }
        if let Some(d) = &h.published {
            g.add(doc, eli::DATE_PUBLICATION, date(d));
        }
        if let Some(d) = &h.in_force {
            g.add(doc, eli::FIRST_DATE_ENTRY_IN_FORCE, date(d));
        }
        if let Some(organ) = law.passed_by {
            g.add(doc, eli::PASSED_BY, entity_iris[organ].clone());
        }
        for (i, a) in h.amendments.iter().enumerate() {
            let n = node(format!("{}/amendment/{}", doc.as_str(), i + 1));
            g.add(doc, pkg::HAS_AMENDMENT, n.clone());
            g.add(&n, rdf::TYPE, node(pkg::AMENDMENT));
            g.add(&n, eli::DATE_DOCUMENT, date(&a.date));
            g.add(&n, pkg::ORDINAL, int(i as i64 + 1));
            if let Some(numbering) = &a.numbering {
                g.add(&n, pkg::NUMBERING, zh(numbering));
            }
            g.add(&n, dcterms::DESCRIPTION, zh(&a.text));
            if let Some(act) = crate::extract::law::header::act_key(a) {
                let act = works.describe(eg, &act, a.act.as_deref());
                g.add(&n, pkg::AMENDING_ACT, act.clone());
                g.add(&act, eli::AMENDS, work.clone());
            }
        }
        for (basis, evidence) in &law.based_on {
            let b = works.describe(eg, basis, None);
            stated(
                g,
                statement(),
                &work,
                eli::BASED_ON,
                &b,
                sentence(*evidence),
                doc,
            );
        }
        for (i, key) in law.articles.iter().enumerate() {
            if let Some(key) = key {
                let a = works.article(eg, &law.work, key, None, None);
                g.add(&section(i), eli::REALIZES, a);
            }
        }
        for (i, place) in law.paragraphs.iter().enumerate() {
            let (Some(place), Some(p)) = (place, nodes.paragraph(i)) else {
                continue;
            };
            if let Some(key) = law.articles[place.section].as_deref() {
                let a = works.article(eg, &law.work, key, Some(place.paragraph), place.item);
                g.add(&node(p), eli::REALIZES, a);
            }
        }
    }

    for c in &found.citations {
        let cited = works.describe(eg, &c.work, Some(&c.written));
        let subject = c.section.map_or_else(|| doc.clone(), section);
        stated(
            g,
            statement(),
            &subject,
            eli::CITES,
            &cited,
            sentence(c.sentence),
            doc,
        );
    }

    // Local nodes, for references to this law's own articles.
    let mut local_articles = HashMap::new();
    let mut local_places = HashMap::new();
    if let Some(law) = &found.law {
        for (i, key) in law.articles.iter().enumerate() {
            if let Some(key) = key {
                local_articles.insert(key.as_str(), i);
            }
        }
        for (i, place) in law.paragraphs.iter().enumerate() {
            if let Some(place) = place {
                local_places.insert(*place, i);
            }
        }
    }
    let local = |target: &Target, article: &str| -> Option<String> {
        let s = *local_articles.get(article)?;
        let paragraph = target.paragraph.or_else(|| {
            // 第X条第（三）项: the 款 of the article that has that item.
            let item = target.item?;
            local_places
                .keys()
                .filter(|p| p.section == s && p.item == Some(item))
                .map(|p| p.paragraph)
                .min()
        });
        let place = match (paragraph, target.item) {
            (None, _) => return nodes.section(s),
            (Some(paragraph), item) => Place {
                section: s,
                paragraph,
                item,
            },
        };
        local_places
            .get(&place)
            .and_then(|&p| nodes.paragraph(p))
            .or_else(|| {
                Some(format!(
                    "{}{}",
                    doc.as_str(),
                    subpath(article, Some(place.paragraph), place.item)
                ))
            })
    };
    for r in &found.references {
        let n = node(format!(
            "{}/reference/{}-{}",
            doc.as_str(),
            r.span.begin,
            r.span.end
        ));
        g.add(&n, rdf::TYPE, node(pkg::ARTICLE_REFERENCE));
        g.span(&n, chars, r.span.begin, r.span.end, doc);
        g.add(&n, pkg::IN_SENTENCE, sentence(r.sentence));
        let t = &r.target;
        for article in t.articles() {
            let ranged = t.through.is_some();
            let (paragraph, item) = if ranged {
                (None, None)
            } else {
                (t.paragraph, t.item)
            };
            // An item without its 款 is taken to be in the first 款.
            let paragraph_or_first = paragraph.or(item.map(|_| 1));
            let target = match (&r.work, own) {
                (WorkRef::This, Some(own)) => {
                    let exact = if ranged {
                        local_articles
                            .get(article.as_str())
                            .and_then(|&s| nodes.section(s))
                    } else {
                        local(t, &article)
                    };
                    match exact {
                        Some(iri) => node(iri),
                        None => works.article(eg, own, &article, paragraph_or_first, item),
                    }
                }
                (WorkRef::This, None) => continue,
                (WorkRef::Work(key), _) => {
                    works.article(eg, key, &article, paragraph_or_first, item)
                }
            };
            g.add(&n, pkg::REFERS_TO, target);
        }
    }
}

/// States a relation with its evidence, as `map` does for facts.
fn stated(
    g: &mut Graph,
    st: NamedNode,
    subject: &NamedNode,
    predicate: &str,
    object: &NamedNode,
    evidence: NamedNode,
    doc: &NamedNode,
) {
    g.add(subject, predicate, object.clone());
    g.add(&st, rdf::TYPE, node(pkg::STATEMENT));
    g.add(&st, rdf::SUBJECT, subject.clone());
    g.add(&st, rdf::PREDICATE, node(predicate));
    g.add(&st, rdf::OBJECT, object.clone());
    g.add(&st, pkg::EVIDENCE, evidence);
    g.add(&st, crate::vocab::prov::WAS_DERIVED_FROM, doc.clone());
}
