//! The law graph's facts: which work a legal text is a version of, what its header
//! says, which laws it cites and which articles it refers to.
//!
//! A law is a *work*, one per law across its versions, keyed by its normalised
//! title ([`work_key`]); a loaded document of it is a *version*. Articles are
//! addressed by number (第二十条 → `20`, 第十条之一 → `10-1`), their 款 by position
//! and their 项 by number, so references resolve to nodes a reader can name.

pub mod header;
mod references;
mod title;

pub use header::{Amendment, Header};
pub use title::{amended_work, work_key};

use super::{EntityKind, Extraction};
use crate::numerals;
use crate::structure::{Outline, Span, numbering::Kind};
use regex::Regex;
use serde::Serialize;
use std::collections::HashSet;
use std::sync::LazyLock;

/// What a legal text (a document with articles) says of itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegalText {
    /// The key of the work it is a version of (广告法; 民法典 for each of its books).
    pub work: String,
    /// Its official title as written.
    pub title: String,
    /// The part of the work it holds when loaded on its own (民法典's 合同编).
    pub part: Option<String>,
    /// The date of this version: from the file name (广告法(2021-04-29).md), else
    /// the header's latest date.
    pub version_date: Option<String>,
    /// What its header says.
    pub header: Header,
    /// The organ that adopted it, as an index into [`Extraction::entities`].
    pub passed_by: Option<usize>,
    /// Per section of the outline: its article key (`20`, `10-1`) when it is an
    /// article whose number is unique in the document.
    pub articles: Vec<Option<String>>,
    /// Per paragraph of the outline: its place in an article, when it is in one.
    pub paragraphs: Vec<Option<Place>>,
    /// Works it says it is made on the basis of (根据宪法，制定本法), with the sentence.
    pub based_on: Vec<(String, usize)>,
}

/// Where a paragraph is in its article: the 款 (1-based) and, for an item, its 项.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Place {
    /// The article's section.
    pub section: usize,
    /// The 款 it is (an item: the 款 it belongs to).
    pub paragraph: u32,
    /// The item's number, for a 项.
    pub item: Option<u32>,
}

/// Which law a reference or citation names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WorkRef {
    /// The law the document is (本法, or a bare 第X条).
    This,
    /// Another law, by work key.
    Work(String),
}

/// The article, 款 and 项 a reference names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Target {
    /// Article key: `20`, `10-1`.
    pub article: String,
    /// The last article of a range (第十条至第十二条).
    pub through: Option<String>,
    /// The 款.
    pub paragraph: Option<u32>,
    /// The 项.
    pub item: Option<u32>,
}

impl Target {
    /// The articles it names: one, or each of a range (at most 100).
    pub fn articles(&self) -> Vec<String> {
        let parse = |k: &str| k.parse::<u64>().ok();
        match self
            .through
            .as_deref()
            .and_then(parse)
            .zip(parse(&self.article))
        {
            Some((last, first)) if last > first && last - first < 100 => {
                (first..=last).map(|n| n.to_string()).collect()
            }
            _ => vec![self.article.clone()],
        }
    }
}

/// A reference to an article (本法第五十三条第（二）项), a mention in its sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleReference {
    /// The whole reference, law included.
    pub span: Span,
    /// The text as written.
    pub text: String,
    /// Index of its sentence in the outline.
    pub sentence: usize,
    /// The law it is in.
    pub work: WorkRef,
    /// What it names in that law.
    pub target: Target,
}

/// A citation of a work from a part of the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Citation {
    /// The citing section (an article), or `None` for the document.
    pub section: Option<usize>,
    /// The cited work's key.
    pub work: String,
    /// How the text names it (中华人民共和国反垄断法, 刑法).
    pub written: String,
    /// The sentence that cites it.
    pub sentence: usize,
}

static DATE_IN_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([0-9]{4}-[0-9]{2}-[0-9]{2})\)[^/\\]*$").unwrap());

/// The verbs before a law cited without 《》: 根据宪法, 依照刑法.
const CITING_VERBS: &[&str] = &[
    "根据", "依照", "依据", "按照", "违反", "适用", "遵守", "参照", "依",
];

/// Finds the law graph's facts of a document: its citations and article
/// references always, and, when it has articles, what it is as a law.
pub(crate) fn find(
    title: &str,
    source: &str,
    text: &str,
    outline: &Outline,
    lexicon: &super::Lexicon,
    out: &mut Extraction,
) {
    let chars: Vec<char> = text.chars().collect();
    let legal = outline.sections.iter().any(|s| s.kind == Kind::Article);
    let key = work_key(title);
    let own = if legal {
        Some(key.clone())
    } else {
        amended_work(&key)
    };
    let articles = article_keys(outline);
    let places = places(&chars, outline, &articles);

    // Citations: 《》 titles the entity layer found, and short titles after a citing
    // verb or before an article.
    let mut citations = Vec::new();
    for m in &out.mentions {
        let entity = &out.entities[m.entity];
        if entity.kind != EntityKind::Legislation || m.sentence >= outline.sentences.len() {
            continue;
        }
        if Some(&entity.key) != own.as_ref() {
            citations.push(cite(outline, m.sentence, &entity.key, &m.text));
        }
    }
    for (index, sentence) in outline.sentences.iter().enumerate() {
        let s: String = chars[sentence.span.begin..sentence.span.end]
            .iter()
            .collect();
        for m in title::short_title_matcher().find_iter(&s) {
            let name = &s[m.range()];
            let before = &s[..m.start()];
            let after = &s[m.end()..];
            let inside_title =
                before.ends_with('《') || before.ends_with('〈') || before.ends_with("实施");
            let cited = !inside_title
                && (CITING_VERBS.iter().any(|v| before.ends_with(v)) || after.starts_with('第'))
                && after
                    .chars()
                    .next()
                    .is_none_or(|c| !is_han(c) || "第的有和及或规关等".contains(c));
            if cited && Some(name) != own.as_deref() {
                citations.push(cite(outline, index, name, name));
            }
        }
        let paragraph = &outline.paragraphs[sentence.paragraph];
        let place = places[sentence.paragraph];
        let article_of = |s: Option<usize>| s.and_then(|s| articles[s].as_deref());
        let current = paragraph.section;
        let previous_article =
            current.and_then(|c| (0..c).rev().find_map(|s| articles[s].as_deref()));
        let position = references::Position {
            article: article_of(current),
            previous_article,
            paragraph: place.map(|p| p.paragraph),
        };
        references::find(
            &s,
            sentence.span.begin,
            index,
            own.as_deref(),
            position,
            &mut out.references,
        );
    }
    // A text that amends a law without articles of its own (关于修改〈X〉的决定)
    // refers to the articles of X.
    if !legal && let Some(own) = &own {
        for r in &mut out.references {
            if r.work == WorkRef::This {
                r.work = WorkRef::Work(own.clone());
            }
        }
    }
    // One citation per section and work: its first sentence is the evidence.
    let mut seen = HashSet::new();
    citations.sort_by_key(|c| c.sentence);
    citations.retain(|c| seen.insert((c.section, c.work.clone())));
    out.citations = citations;

    if !legal {
        return;
    }
    let opening = header_text(text);
    let header = header::parse(&opening.text);
    let passed_by = header.passed_by.as_deref().map(|name| {
        let entity = organ_entity(name, lexicon);
        match out
            .entities
            .iter()
            .position(|e| e.kind == entity.kind && e.key == entity.key)
        {
            Some(i) => i,
            None => {
                out.entities.push(entity);
                out.entities.len() - 1
            }
        }
    });
    let version_date = DATE_IN_NAME
        .captures(source)
        .map(|c| c[1].to_owned())
        .or_else(|| {
            header
                .amendments
                .iter()
                .map(|a| a.date.clone())
                .chain(header.adopted.clone())
                .chain(header.published.clone())
                .max()
        });
    let based_on = based_on(&chars, outline, &out.citations);
    out.law = Some(LegalText {
        work: key,
        title: title.trim().to_owned(),
        part: opening.part,
        version_date,
        header,
        passed_by,
        articles,
        paragraphs: places,
        based_on,
    });
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

fn cite(outline: &Outline, sentence: usize, work: &str, written: &str) -> Citation {
    let paragraph = outline.sentences[sentence].paragraph;
    Citation {
        section: outline.paragraphs[paragraph].section,
        work: work.to_owned(),
        written: written.to_owned(),
        sentence,
    }
}

/// The entity of an organ named in a header: the lexicon's when it knows the
/// whole name, else an organisation of that name.
fn organ_entity(name: &str, lexicon: &super::Lexicon) -> super::Entity {
    let found = super::entities::find(name, lexicon, super::entities::Context::default(), None);
    found
        .into_iter()
        .find(|f| f.begin == 0 && f.end == name.len() && f.entity.kind == EntityKind::Organization)
        .map_or_else(
            || super::Entity::named(EntityKind::Organization, name),
            |f| f.entity,
        )
}

/// A document's opening: the header lines before its first heading (without `#`
/// title lines and comments), and the part a second `#` title names.
struct Opening {
    text: String,
    part: Option<String>,
}

fn header_text(text: &str) -> Opening {
    let mut titles = 0;
    let mut part = None;
    let mut lines = Vec::new();
    for line in text.lines().take(60) {
        let line = line.trim();
        if line.starts_with("<!-- INFO END") || line.starts_with("##") {
            break;
        }
        if let Some(t) = line.strip_prefix("# ") {
            titles += 1;
            if titles == 2 {
                part = Some(t.split_whitespace().collect::<String>());
            }
        } else if crate::structure::numbering::numbering_of(line).is_some() {
            break;
        } else if !line.starts_with("<!--") && !line.is_empty() {
            lines.push(line);
        }
    }
    Opening {
        text: lines.join("\n"),
        part,
    }
}

/// Each article section's key, when its number is unique in the document.
fn article_keys(outline: &Outline) -> Vec<Option<String>> {
    static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^第([一二三四五六七八九十百千零〇两0-9０-９]+)条(?:之([一二三四五六七八九十]+))?",
        )
        .unwrap()
    });
    let mut seen = HashSet::new();
    outline
        .sections
        .iter()
        .map(|s| {
            if s.kind != Kind::Article {
                return None;
            }
            let c = ARTICLE.captures(&s.numbering)?;
            let n = numerals::parse(&c[1])?;
            let sub = c.get(2).and_then(|m| numerals::parse(m.as_str()));
            let key = references::article_key(n, sub);
            seen.insert(key.clone()).then_some(key)
        })
        .collect()
}

/// Each paragraph's 款 and 项 in its article.
fn places(chars: &[char], outline: &Outline, articles: &[Option<String>]) -> Vec<Option<Place>> {
    static ITEM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[（(]([一二三四五六七八九十]+)[）)]").unwrap());
    let mut out = Vec::with_capacity(outline.paragraphs.len());
    let mut seen = HashSet::new();
    let mut section = None;
    let mut paragraph = 0;
    for p in &outline.paragraphs {
        if p.section != section {
            section = p.section;
            paragraph = 0;
        }
        let Some(s) = p.section.filter(|&s| articles[s].is_some()) else {
            out.push(None);
            continue;
        };
        let place = if p.list_item {
            let start: String = chars[p.span.begin..p.span.end.min(p.span.begin + 8)]
                .iter()
                .collect();
            ITEM.captures(&start)
                .and_then(|c| numerals::parse(&c[1]))
                .map(|item| Place {
                    section: s,
                    paragraph: paragraph.max(1),
                    item: Some(item as u32),
                })
        } else {
            paragraph += 1;
            Some(Place {
                section: s,
                paragraph,
                item: None,
            })
        };
        out.push(place.filter(|p| seen.insert(*p)));
    }
    out
}

/// Works a sentence says the law is made on the basis of: 根据宪法，制定本法;
/// 根据《X》和有关法律，制定本办法.
fn based_on(chars: &[char], outline: &Outline, citations: &[Citation]) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for c in citations {
        let sentence = &outline.sentences[c.sentence];
        let s: String = chars[sentence.span.begin..sentence.span.end]
            .iter()
            .collect();
        let Some(made) = s.find("制定本") else {
            continue;
        };
        let basis = ["根据", "依据", "依照"]
            .iter()
            .filter_map(|v| s[..made].find(v))
            .min();
        if basis.is_some_and(|b| s[b..made].contains(c.written.as_str()))
            && !out.iter().any(|(w, _)| *w == c.work)
        {
            out.push((c.work.clone(), c.sentence));
        }
    }
    out
}
