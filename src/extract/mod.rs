//! EXTRACT: measures, entities and relations found in a document's paragraphs,
//! as plain facts with code-point spans.
//!
//! Knows nothing of RDF; rules and lexicons come from `data/` through [`Lexicon`].

mod entities;
mod enumerations;
pub mod law;
mod lexicon;
mod measures;
mod quantity;
mod relations;
mod time;

pub use lexicon::{Entry, Lexicon, LexiconError};
pub use quantity::QuantityValue;
pub use time::{TimeType, TimeValue};

use crate::structure::{Outline, Span};
use serde::Serialize;

/// The type of a named thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    /// 中国职工对外交流中心, 国务院.
    Organization,
    /// 习近平.
    Person,
    /// 上海市, 长三角.
    Place,
    /// A title in 《》.
    Legislation,
    /// “十五五”规划, “五个中心”.
    Plan,
    /// Another quoted term: “接轨”.
    Term,
    /// 1984年, 20世纪50年代.
    Time,
    /// 5.67万亿元, 5.4%.
    Quantity,
    /// A statistical indicator: 地区生产总值, 城镇调查失业率.
    Indicator,
}

impl EntityKind {
    /// All kinds, in a fixed order.
    pub const ALL: [EntityKind; 9] = [
        EntityKind::Organization,
        EntityKind::Person,
        EntityKind::Place,
        EntityKind::Legislation,
        EntityKind::Plan,
        EntityKind::Term,
        EntityKind::Time,
        EntityKind::Quantity,
        EntityKind::Indicator,
    ];

    /// The kind named in a gazetteer's `type` column.
    pub fn from_gazetteer_type(name: &str) -> Option<Self> {
        Some(match name {
            "organization" | "organisation" | "org" => Self::Organization,
            "person" => Self::Person,
            "place" => Self::Place,
            "legislation" | "law" => Self::Legislation,
            "plan" => Self::Plan,
            "term" => Self::Term,
            _ => return None,
        })
    }

    /// A short lower-case name, used in IRIs and summaries.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Organization => "org",
            Self::Person => "person",
            Self::Place => "place",
            Self::Legislation => "law",
            Self::Plan => "plan",
            Self::Term => "term",
            Self::Time => "time",
            Self::Quantity => "quantity",
            Self::Indicator => "indicator",
        }
    }
}

/// A normalised value of a time expression or quantity.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// A point or interval in time.
    Time(TimeValue),
    /// A number with a unit.
    Quantity(QuantityValue),
}

/// Something named in the text; one per distinct key in a document, and one IRI
/// per key across the corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// Its type.
    pub kind: EntityKind,
    /// Canonical name (gazetteer label, or the normalised text).
    pub label: String,
    /// What makes it the same entity everywhere: the label, or the normalised value.
    pub key: String,
    /// The normalised value, for times and quantities.
    pub value: Option<Value>,
    /// Other names it is known by (gazetteer aliases, short forms).
    pub alt_labels: Vec<String>,
    /// For an administrative division: its index in [`crate::divisions`]; the key is
    /// then its GB/T 2260 code.
    pub division: Option<usize>,
    /// For an organ of a division: that division's index.
    pub jurisdiction: Option<usize>,
}

impl Entity {
    /// An entity known only by its name.
    pub fn named(kind: EntityKind, label: &str) -> Self {
        Self {
            kind,
            label: label.to_owned(),
            key: label.to_owned(),
            value: None,
            alt_labels: Vec::new(),
            division: None,
            jurisdiction: None,
        }
    }

    /// The work a title names (a law, across its versions): keyed and labelled by
    /// its [`law::work_key`], the title as written an alternative label.
    pub fn work(title: &str) -> Self {
        let key = law::work_key(title);
        let mut entity = Self::named(EntityKind::Legislation, &key);
        if key != title {
            entity.alt_labels.push(title.to_owned());
        }
        entity
    }

    /// The entity of a lexicon entry: a division keyed by its code, anything else by
    /// its label.
    pub fn of_entry(entry: &Entry) -> Self {
        let key = match entry.division {
            Some(d) => crate::divisions::bundled().get(d).code.clone(),
            None => entry.label.clone(),
        };
        Self {
            kind: entry.kind,
            label: entry.label.clone(),
            key,
            value: None,
            alt_labels: entry.aliases.clone(),
            division: entry.division,
            jurisdiction: entry.jurisdiction,
        }
    }

    /// An entity with a normalised value (a time or quantity).
    pub fn valued(kind: EntityKind, label: String, key: String, value: Value) -> Self {
        Self {
            kind,
            label,
            key,
            value: Some(value),
            alt_labels: Vec::new(),
            division: None,
            jurisdiction: None,
        }
    }
}

/// One occurrence of an entity in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Its text in the document.
    pub span: Span,
    /// The text itself.
    pub text: String,
    /// Index into [`Extraction::entities`].
    pub entity: usize,
    /// Index of the sentence it occurs in: into the outline's sentences, or, past
    /// their end, into [`Extraction::titles`] (a heading's title).
    pub sentence: usize,
    /// For a quantity, the indicator entity it measures, when the sentence says.
    pub indicator: Option<usize>,
    /// For a quantity, true when it is stated as a target (预期目标, 力争, 左右),
    /// not as a result.
    pub target: bool,
}

/// One item of an enumerated list of measures (一是…).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measure {
    /// 1-based position in its list.
    pub ordinal: u32,
    /// The marker as written: 一是, 一要, 第一, 其一.
    pub marker: String,
    /// Short form: the text after the marker up to the first ，or 。.
    pub label: String,
    /// The whole item, marker included.
    pub span: Span,
    /// Index of the paragraph it starts in.
    pub paragraph: usize,
    /// Index of its list in the document (items of one list share it).
    pub list: usize,
}

/// An enumerated list of measures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureList {
    /// The paragraph its first item is in.
    pub paragraph: usize,
    /// The sentence that introduces it (…采取了一系列重大措施。), when there is one.
    pub lead_sentence: Option<usize>,
}

/// A relation stated in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "relation", rename_all = "kebab-case")]
pub enum Fact {
    /// An organisation was founded at a time (schema:foundingDate).
    FoundingDate {
        /// The organisation entity.
        organization: usize,
        /// The time entity.
        time: usize,
        /// The sentence that says so.
        sentence: usize,
    },
    /// An organisation was founded on the basis of another (pkg:basedOn).
    BasedOn {
        /// The new organisation.
        organization: usize,
        /// The one it was based on.
        basis: usize,
        /// The sentence that says so.
        sentence: usize,
    },
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Extraction {
    /// Measures, in document order.
    pub measures: Vec<Measure>,
    /// The lists the measures form.
    pub lists: Vec<MeasureList>,
    /// Entities, in order of first mention.
    pub entities: Vec<Entity>,
    /// Mentions, in document order; they never overlap.
    pub mentions: Vec<Mention>,
    /// Relations, in document order of their evidence.
    pub facts: Vec<Fact>,
    /// The titles of headings, each a sentence of its section that mentions may be
    /// in (numbered after the outline's sentences).
    pub titles: Vec<Title>,
    /// Citations of laws and documents, one per citing section and work.
    pub citations: Vec<law::Citation>,
    /// References to articles (本法第五十三条第（二）项, 刑法第一百二十条).
    pub references: Vec<law::ArticleReference>,
    /// What the document is as a law, when it has articles.
    pub law: Option<law::LegalText>,
}

/// The title of a heading, as a sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Title {
    /// Index of its section.
    pub section: usize,
    /// The title text, without the numbering.
    pub span: Span,
}

/// Extracts measures, entities and relations from a parsed document.
///
/// ```
/// use policykg::{extract, structure};
/// let text = "1984年成立了中国职工对外交流中心。一是加强交往，增进友谊。二是为发展中国家说话。";
/// let outline = structure::parse(text);
/// let found = extract::extract(text, &outline, &extract::Lexicon::bundled(), Some(2026));
/// assert_eq!(found.measures.len(), 2);
/// assert!(found.entities.iter().any(|e| e.label == "中国职工对外交流中心"));
/// assert_eq!(found.facts.len(), 1);
/// ```
///
/// `anchor_year` is the year the document was written, used to resolve relative
/// times (今年, 过去五年); without it they keep no value.
pub fn extract(
    text: &str,
    outline: &Outline,
    lexicon: &Lexicon,
    anchor_year: Option<u64>,
) -> Extraction {
    extract_in(
        text,
        outline,
        lexicon,
        &Setting {
            anchor_year,
            region: None,
        },
    )
}

/// What extraction knows of a document besides its text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Setting {
    /// The year it was written, for relative times.
    pub anchor_year: Option<u64>,
    /// The administrative division it is of (an index into [`crate::divisions`]):
    /// short forms of organs (省委) are that division's, and ambiguous place names
    /// resolve inside it.
    pub region: Option<usize>,
}

/// Extracts measures, entities and relations from a parsed document of a known
/// year and region.
///
/// ```
/// use policykg::{extract, structure};
/// let lexicon = extract::Lexicon::bundled();
/// let text = "在省委坚强领导下，苏州、昆山加快发展。";
/// let outline = structure::parse(text);
/// let region = lexicon.region_in(["江苏省"]);
/// let setting = extract::Setting { anchor_year: Some(2026), region };
/// let found = extract::extract_in(text, &outline, &lexicon, &setting);
/// let labels: Vec<&str> = found.entities.iter().map(|e| e.label.as_str()).collect();
/// assert_eq!(labels, ["中共江苏省委员会", "苏州市", "昆山市"]);
/// ```
pub fn extract_in(
    text: &str,
    outline: &Outline,
    lexicon: &Lexicon,
    setting: &Setting,
) -> Extraction {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Extraction::default();
    let mut keys = std::collections::HashMap::new();
    let context = entities::Context {
        anchor: setting.anchor_year,
        region: setting.region,
        legal: outline
            .sections
            .iter()
            .any(|s| s.kind == crate::structure::numbering::Kind::Article),
    };
    // Paragraphs, then the titles of headings: names in a heading (一、2025年工作回顾,
    // a run-in （一）…“两重”建设…) are mentions too, in the heading's own sentence.
    let titles = heading_titles(&chars, outline);
    let units: Vec<Span> = outline
        .paragraphs
        .iter()
        .map(|p| p.span)
        .chain(titles.iter().map(|t| t.span))
        .collect();
    let texts: Vec<String> = units
        .iter()
        .map(|span| chars[span.begin..span.end].iter().collect())
        .collect();
    let mut found: Vec<Vec<entities::Found>> = texts
        .iter()
        .map(|t| entities::find(t, lexicon, context, None))
        .collect();
    // A name the rules found once is a name everywhere in its document: 保护鲇鱼山水库
    // gives no boundary for the name, but 信阳市鲇鱼山水库 did.
    // A short name the document defines (上海市外国投资工作委员会（以下简称市外资委）)
    // is that entity wherever it occurs.
    let defined: Vec<(String, Entity)> = texts
        .iter()
        .zip(&found)
        .flat_map(|(t, f)| entities::defined_short_names(t, f, lexicon))
        .collect();
    if let Some(names) = entities::DocumentNames::new(found.iter().flatten(), defined) {
        for (t, f) in texts.iter().zip(found.iter_mut()) {
            if names.occurs_in(t) {
                *f = entities::find(t, lexicon, context, Some(&names));
            }
        }
    }
    let paragraphs = outline.paragraphs.len();
    for (u, (unit, unit_found)) in units.iter().zip(found).enumerate() {
        for found in unit_found {
            let span = Span::new(unit.begin + found.begin, unit.begin + found.end);
            let entity = *keys
                .entry((found.entity.kind, found.entity.key.clone()))
                .or_insert_with(|| {
                    out.entities.push(found.entity.clone());
                    out.entities.len() - 1
                });
            // A short name the document defined for it is one of its labels.
            for alt in &found.entity.alt_labels {
                if !out.entities[entity].alt_labels.contains(alt) {
                    out.entities[entity].alt_labels.push(alt.clone());
                }
            }
            let sentence = if u < paragraphs {
                sentence_of(outline, u, span)
            } else {
                outline.sentences.len() + (u - paragraphs)
            };
            out.mentions.push(Mention {
                span,
                text: chars[span.begin..span.end].iter().collect(),
                entity,
                sentence,
                indicator: None,
                target: false,
            });
        }
    }
    out.mentions.sort_by_key(|m| m.span.begin);
    out.titles = titles;
    link_indicators(&chars, lexicon, &mut keys, &mut out);
    mark_targets(&chars, &mut out);
    drop_unmentioned(&mut out);
    (out.measures, out.lists) = measures::find(&chars, outline);
    out.facts = relations::find(&chars, outline, &out);
    out
}

/// The title text of each heading that has one (without its numbering), as a
/// sentence of its own.
fn heading_titles(chars: &[char], outline: &Outline) -> Vec<Title> {
    outline
        .sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let numbering = s.numbering.chars().count();
            let mut begin = s.heading.begin + numbering.min(s.heading.end - s.heading.begin);
            while begin < s.heading.end && chars[begin].is_whitespace() {
                begin += 1;
            }
            let mut end = s.heading.end;
            while end > begin && chars[end - 1].is_whitespace() {
                end -= 1;
            }
            (begin < end && !s.title.is_empty()).then_some(Title {
                section: i,
                span: Span::new(begin, end),
            })
        })
        .collect()
}

/// Links each quantity to the nearest indicator named before it in its sentence
/// (全市生产总值5.67万亿元、增长5.4% → both measure 地区生产总值): at most one comma
/// between them, and not an indicator that is only the base of a ratio (…的比例).
fn link_indicators(
    chars: &[char],
    lexicon: &Lexicon,
    keys: &mut std::collections::HashMap<(EntityKind, String), usize>,
    out: &mut Extraction,
) {
    let kinds: Vec<EntityKind> = out
        .mentions
        .iter()
        .map(|m| out.entities[m.entity].kind)
        .collect();
    for i in 0..out.mentions.len() {
        if kinds[i] != EntityKind::Quantity {
            continue;
        }
        let q = &out.mentions[i];
        let found = (0..i)
            .rev()
            .take_while(|&j| out.mentions[j].sentence == q.sentence)
            .filter(|&j| kinds[j] == EntityKind::Indicator)
            .find(|&j| {
                let between: String = chars[out.mentions[j].span.end..q.span.begin]
                    .iter()
                    .collect();
                between.matches(['，', ',']).count() <= 1
                    && !between.contains(['；', ';', '。'])
                    && !between.starts_with("的比")
                    && !between.contains("比重")
            });
        if let Some(j) = found {
            whole_indicator(chars, lexicon, keys, out, j, i);
        }
        out.mentions[i].indicator = found.map(|j| out.mentions[j].entity);
    }
}

/// Words before a known indicator that make a rate of it: 单位地区生产总值能耗,
/// 人均地区生产总值.
const RATE_PREFIXES: [&str; 3] = ["单位", "人均", "每"];

/// Characters that end a noun phrase: what follows them is not more of an
/// indicator's name.
const NOT_IN_NAME: &[char] = &['的', '和', '及', '与', '、', '并', '或', '等', '其', '中'];

/// Takes the indicator that quantity `i` measures as a whole phrase: when the
/// known indicator mention `j` is part of a longer name, up to the verb that
/// says what happened to it (单位地区生产总值二氧化碳排放下降3.8% measures
/// 单位地区生产总值二氧化碳排放, not 地区生产总值), mention `j` becomes the whole
/// name, an indicator of its own.
fn whole_indicator(
    chars: &[char],
    lexicon: &Lexicon,
    keys: &mut std::collections::HashMap<(EntityKind, String), usize>,
    out: &mut Extraction,
    j: usize,
    i: usize,
) {
    let (begin, end) = (out.mentions[j].span.begin, out.mentions[j].span.end);
    let gap = &chars[end..out.mentions[i].span.begin];
    let starts_with = starts_with_word;
    let is_verb = |at: &[char]| lexicon.indicator_verbs.iter().any(|v| starts_with(at, v));
    // The name goes on over ideographs up to the first verb, at most 16 of them.
    let mut more = 0;
    while more < gap.len().min(16)
        && !is_verb(&gap[more..])
        && is_ideograph(gap[more])
        && !NOT_IN_NAME.contains(&gap[more])
    {
        more += 1;
    }
    // Only up to a verb, and over no other mention (mentions never overlap).
    if (more < gap.len() && !is_verb(&gap[more..]))
        || out.mentions[j + 1..i]
            .iter()
            .any(|m| m.span.begin < end + more)
    {
        more = 0;
    }
    // A rate of the indicator: 单位…, 人均… right before it, outside any mention.
    let previous_end = out.mentions[..j].last().map_or(0, |m| m.span.end);
    let less = RATE_PREFIXES
        .iter()
        .map(|p| p.chars().count())
        .zip(RATE_PREFIXES)
        .find(|&(n, p)| begin >= previous_end + n && starts_with(&chars[begin - n..], p))
        .map_or(0, |(n, _)| n);
    if more == 0 && less == 0 {
        return;
    }
    let span = Span::new(begin - less, end + more);
    let name: String = chars[span.begin..span.end].iter().collect();
    let entity = *keys
        .entry((EntityKind::Indicator, name.clone()))
        .or_insert_with(|| {
            out.entities
                .push(Entity::named(EntityKind::Indicator, &name));
            out.entities.len() - 1
        });
    let mention = &mut out.mentions[j];
    mention.span = span;
    mention.text = name;
    mention.entity = entity;
}

/// True when `chars` begin with `word`.
pub(crate) fn starts_with_word(chars: &[char], word: &str) -> bool {
    let mut at = chars.iter();
    word.chars().all(|w| at.next() == Some(&w))
}

fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// Words that, before a quantity in its sentence, say it is a target.
const TARGET_WORDS: [&str; 5] = ["预期目标", "力争", "争取", "确保", "预计"];

/// Marks the quantities stated as targets: written with 左右, or after a word of
/// aim in their sentence (up to the last 。；！？ before them): 预期目标, 力争 …,
/// or 目标 with 是, 为 or ： just after it (主要目标是：, 增速目标设定为; not
/// 完成全年目标任务).
fn mark_targets(chars: &[char], out: &mut Extraction) {
    for m in &mut out.mentions {
        if out.entities[m.entity].kind != EntityKind::Quantity {
            continue;
        }
        let start = (m.span.begin.saturating_sub(200)..m.span.begin)
            .rev()
            .find(|&k| matches!(chars[k], '。' | '；' | ';' | '！' | '？' | '\n'))
            .map_or(m.span.begin.saturating_sub(200), |k| k + 1);
        let before: String = chars[start..m.span.begin].iter().collect();
        let aim = before.match_indices("目标").any(|(k, w)| {
            before[k + w.len()..]
                .chars()
                .take(4)
                .any(|c| matches!(c, '是' | '为' | '：' | ':'))
        });
        m.target =
            m.text.ends_with("左右") || aim || TARGET_WORDS.iter().any(|w| before.contains(w));
    }
}

/// Drops the entities no mention refers to any more (a known indicator whose
/// mentions all became part of a longer name), keeping the others' order.
fn drop_unmentioned(out: &mut Extraction) {
    let mut used = vec![false; out.entities.len()];
    for m in &out.mentions {
        used[m.entity] = true;
        if let Some(i) = m.indicator {
            used[i] = true;
        }
    }
    if used.iter().all(|&u| u) {
        return;
    }
    let mut new_index = vec![usize::MAX; used.len()];
    let mut next = 0;
    for (i, &u) in used.iter().enumerate() {
        if u {
            new_index[i] = next;
            next += 1;
        }
    }
    let mut i = 0;
    out.entities.retain(|_| {
        i += 1;
        used[i - 1]
    });
    for m in &mut out.mentions {
        m.entity = new_index[m.entity];
        m.indicator = m.indicator.map(|i| new_index[i]);
    }
}

/// The sentence of paragraph `p` that holds the start of `span`.
fn sentence_of(outline: &Outline, p: usize, span: Span) -> usize {
    let first = outline.sentences.partition_point(|s| s.paragraph < p);
    let after = first
        + outline.sentences[first..]
            .partition_point(|s| s.paragraph == p && s.span.begin <= span.begin);
    after.saturating_sub(1).max(first)
}

#[cfg(test)]
mod tests;
