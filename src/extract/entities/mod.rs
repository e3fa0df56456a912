//! Named entities in one paragraph: gazetteer names, organisations by suffix,
//! 《》 titles, quoted plans and terms, people before their titles, times and
//! quantities. Candidates that overlap are resolved longest first, so mentions never
//! overlap and 上海市人民政府 is one organisation, not a place inside one.
//!
//! `find` runs every rule over a paragraph and resolves the candidates; the rules
//! live in one file per family: organisations, zones, coordinated places, natural
//! features, names of other kinds that are single units, plans, people, and the
//! short names a law defines.

use super::lexicon::{NameStart, OrgSuffix};
use super::{Entity, EntityKind, Lexicon, Value, quantity, time};
use super::{Entry, enumerations, starts_with_word};
use crate::numerals;
use regex::Regex;
use std::sync::LazyLock;

mod coordination;
mod defined_names;
mod features;
mod organisations;
mod people;
mod plans;
mod single_units;
#[cfg(test)]
mod tests;
mod zones;

use coordination::*;
pub(crate) use defined_names::defined_short_names;
use features::*;
use organisations::*;
use people::*;
use plans::*;
use single_units::*;
use zones::*;

/// An entity found in a paragraph, with code-point offsets relative to it.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub begin: usize,
    pub end: usize,
    pub entity: Entity,
    /// Breaks ties between candidates of equal length; higher wins.
    priority: u8,
    /// Found by a rule (suffix, title) rather than a list or a pattern.
    pub rule_found: bool,
}

/// Priority of a word that holds a name but is not one; such candidates win their
/// span and are then dropped.
const NOT_A_NAME: u8 = 0;

impl Found {
    /// A span that holds names but is none: it wins over the shorter candidates
    /// in it and is then dropped.
    fn not_a_name(begin: usize, end: usize) -> Self {
        Found {
            begin,
            end,
            entity: named(EntityKind::Term, ""),
            priority: NOT_A_NAME,
            rule_found: false,
        }
    }

    /// An organisation found by rule, named by the characters it spans.
    pub(crate) fn organisation(chars: &[char], begin: usize, end: usize) -> Self {
        let label: String = chars[begin..end].iter().collect();
        Found {
            begin,
            end,
            entity: named(EntityKind::Organization, &label),
            priority: 3,
            rule_found: true,
        }
    }
}

static TITLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"《([^《》\n]{1,120})》").unwrap());

static QUOTED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"“([^“”\n]{1,24})”").unwrap());

/// The places and quantities among the candidates by where they start and end, so
/// that the rules which look at neighbours (routes, plants, units of bodies) cost
/// the number of candidates, not its square, on a long paragraph.
struct Neighbours<'a> {
    /// Place candidates (not non-names) by their end, and by their begin.
    places_by_end: std::collections::HashMap<usize, Vec<&'a Found>>,
    places_by_begin: std::collections::HashMap<usize, Vec<&'a Found>>,
    /// Quantities by their begin: (end, unit).
    quantities: std::collections::HashMap<usize, (usize, &'a str)>,
}

impl<'a> Neighbours<'a> {
    fn new(candidates: &'a [Found]) -> Self {
        let mut n = Neighbours {
            places_by_end: Default::default(),
            places_by_begin: Default::default(),
            quantities: Default::default(),
        };
        for c in candidates {
            if c.entity.kind == EntityKind::Place && c.priority != NOT_A_NAME {
                n.places_by_end.entry(c.end).or_default().push(c);
                n.places_by_begin.entry(c.begin).or_default().push(c);
            }
            if let Some(Value::Quantity(q)) = &c.entity.value {
                n.quantities
                    .entry(c.begin)
                    .or_insert((c.end, q.unit.as_str()));
            }
        }
        n
    }

    fn place_ending_at(&self, end: usize) -> Option<&'a Found> {
        self.places_by_end
            .get(&end)?
            .iter()
            .min_by_key(|c| c.begin)
            .copied()
    }

    fn place_starting_at(&self, begin: usize) -> Option<&'a Found> {
        self.places_by_begin.get(&begin)?.first().copied()
    }
}

/// Maps byte offsets of a string to code-point offsets.
struct Offsets(Vec<usize>);

impl Offsets {
    fn new(text: &str) -> Self {
        let mut map = vec![0; text.len() + 1];
        for (n, (b, _)) in text.char_indices().enumerate() {
            map[b] = n;
        }
        map[text.len()] = text.chars().count();
        Self(map)
    }

    fn char(&self, byte: usize) -> usize {
        self.0[byte]
    }
}

fn named(kind: EntityKind, label: &str) -> Entity {
    Entity::named(kind, label)
}

/// Finds the entities of one paragraph, non-overlapping, in text order.
/// What extraction knows about the document a paragraph comes from.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Context {
    /// The year the document was written, for relative times.
    pub anchor: Option<u64>,
    /// The division the document is of (see [`super::Setting::region`]).
    pub region: Option<usize>,
    /// The document is a law (it has articles): quoted terms there are defined
    /// terms, not slogans.
    pub legal: bool,
}

/// Names found by rule in a document, to be found again wherever they occur in it,
/// with the short names the document defines for the names it found.
pub(crate) struct DocumentNames {
    automaton: aho_corasick::AhoCorasick,
    names: Vec<(String, Entity)>,
}

impl DocumentNames {
    /// Collects the rule-found names (people, organisations and places by suffix)
    /// of a document and the short names it defines (`defined`, from
    /// [`defined_short_names`]); `None` when there are none.
    pub(crate) fn new<'a>(
        found: impl Iterator<Item = &'a Found>,
        defined: Vec<(String, Entity)>,
    ) -> Option<Self> {
        let mut names: Vec<(String, Entity)> = defined;
        names.extend(
            found
                .filter(|f| {
                    f.rule_found
                        && f.entity.label.chars().count() >= 3
                        && f.end - f.begin == f.entity.label.chars().count()
                })
                .map(|f| {
                    (
                        f.entity.label.clone(),
                        named(f.entity.kind, &f.entity.label),
                    )
                }),
        );
        // A defined short name comes first and stays when a rule found it too.
        names.sort_by(|a, b| a.0.cmp(&b.0));
        names.dedup_by(|a, b| a.0 == b.0);
        if names.is_empty() {
            return None;
        }
        let automaton = aho_corasick::AhoCorasickBuilder::new()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(names.iter().map(|(n, _)| n.as_str()))
            .expect("plain strings");
        Some(Self { automaton, names })
    }

    /// True when a paragraph holds one of the names.
    pub(crate) fn occurs_in(&self, text: &str) -> bool {
        self.automaton.is_match(text)
    }
}

pub(crate) fn find(
    text: &str,
    lexicon: &Lexicon,
    context: Context,
    document: Option<&DocumentNames>,
) -> Vec<Found> {
    let anchor = context.anchor;
    let chars: Vec<char> = text.chars().collect();
    let offsets = Offsets::new(text);
    let mut candidates = Vec::new();
    let mut push = |b: usize, e: usize, entity: Entity, priority: u8| {
        candidates.push(Found {
            begin: offsets.char(b),
            end: offsets.char(e),
            entity,
            priority,
            rule_found: false,
        });
    };

    // A region and the word 地区 after it are one name (苏北地区, 渝西地区,
    // 长江三角洲地区), as ANNOTATION.md's 中部地区.
    let with_area = |e: usize| {
        e + if text[e..].starts_with("地区") {
            "地区".len()
        } else {
            0
        }
    };
    // Names of the lexicon, matched once: candidates, and the mask of characters
    // inside a known name.
    let names: Vec<(usize, usize, &super::Entry)> = lexicon.find_names(text).collect();
    let mut known = vec![false; chars.len()];
    for &(b, e, _) in &names {
        known[offsets.char(b)..offsets.char(e)]
            .iter_mut()
            .for_each(|m| *m = true);
    }
    // The region's own short names found (大同 in 山西's): a name by suffix may
    // reach across them though they hold a stop character (大同|机场).
    let mut regional = Vec::new();
    if let Some(region) = context.region {
        for (b, e, entry) in lexicon.townships_in(text, region) {
            push(b, e, Entity::of_entry(entry), 4);
        }
        let shorts: Vec<_> = lexicon
            .regional_shorts_in(text, region)
            .map(|(b, e, entry, word)| (offsets.char(b), offsets.char(e), entry, word, b, e))
            // Not a part of a known name (成渝|中线, 保定市 is matched whole), and
            // sharing no character with a common word on either side (医保|定点,
            // 中卫|生, 创新|乡村) or after a numeral (三十四平方米).
            .filter(|&(b, e, _, _, byte_begin, byte_end)| {
                !known[b] && !known[e - 1] && lexicon.word_bounded(text, byte_begin, byte_end)
            })
            .collect();
        // Known names and these short names, for the lists a short name that is
        // also a word needs (长治、晋城).
        let mut listed = known.clone();
        for &(b, e, ..) in &shorts {
            listed[b..e].iter_mut().for_each(|m| *m = true);
        }
        for (b, e, entry, word, byte_begin, byte_end) in shorts {
            // Such a word in a list opens an item's name when the item ends as an
            // organisation's name does (甲乙集团、长治钢铁集团: a company, no city).
            if word
                && (!in_a_list(&chars, b, e, &listed) || opens_an_organisation(&chars, e, lexicon))
            {
                continue;
            }
            regional.push((b, e));
            push(byte_begin, byte_end, Entity::of_entry(entry), 4);
        }
    }
    for &(b, e, entry) in &names {
        // An organ named around a division's name (中共江苏省委员会, 苏州市人民政府),
        // also where the name found is another organ's that opens with it
        // (共青团|江苏省委|员会, where 江苏省委 is the party committee).
        let division = entry.division.map(|d| (d, e)).or_else(|| {
            let d = entry.jurisdiction?;
            let name = &crate::divisions::bundled().get(d).name;
            text[b..e]
                .starts_with(name.as_str())
                .then(|| (d, b + name.len()))
        });
        if let Some((d, de)) = division
            && let Some((ob, oe, organ)) = lexicon.organ_at(text, b, de, d)
            && (ob < b || oe > e)
        {
            push(ob, oe, Entity::of_entry(organ), 4);
        }
        if let Some(end) = gazetteer_end(lexicon, text, b, e, entry.kind) {
            if needs_boundary(lexicon, &text[b..end], context.region)
                && !at_name_boundary(text, b, lexicon)
            {
                continue;
            }
            match lexicon.resolve(&text[b..end], context.region) {
                // A plan is named in quotation marks (“一带一路”); the quoted phrase
                // rule finds those, and an unquoted programme name is not a plan but
                // a descriptive phrase, whose places are mentions (京津冀|协同发展,
                // 美丽|中国, 长江经济带|发展).
                Some(Some(entry)) if entry.kind == EntityKind::Plan => {
                    // The names inside: those of the phrase less its last character,
                    // and less its first (美丽|中国 ends with one).
                    let phrase = &text[b..end];
                    let first = phrase.chars().next().map_or(0, char::len_utf8);
                    let last = phrase.chars().next_back().map_or(0, char::len_utf8);
                    let mut inside: Vec<(usize, usize)> = lexicon
                        .find_names(&phrase[..phrase.len() - last])
                        .chain(
                            lexicon
                                .find_names(&phrase[first..])
                                .map(|(ib, ie, e)| (ib + first, ie + first, e)),
                        )
                        .filter(|(_, _, inner)| inner.kind == EntityKind::Place)
                        .map(|(ib, ie, _)| (b + ib, b + ie))
                        .collect();
                    inside.sort_unstable();
                    inside.dedup();
                    for (ib, ie) in inside {
                        if let Some(Some(place)) = lexicon.resolve(&text[ib..ie], context.region) {
                            push(ib, ie, Entity::of_entry(place), 4);
                        }
                    }
                }
                Some(Some(entry)) => {
                    // The place an organ's name starts with (山东省|人民政府) stands
                    // as a candidate too: it is the mention when the organ's name is
                    // a conjunct sharing its head with another (陕西省和山西省人民政府).
                    if entry.kind == EntityKind::Organization
                        && text[..b].ends_with(['、', '和', '与', '及'])
                        && let Some((n, place)) =
                            place_prefix(lexicon, &text[b..end], context.region)
                    {
                        push(b, b + n, Entity::of_entry(place), 4);
                    }
                    // A region that is no division, or a province, with 地区.
                    let region_like = entry.kind == EntityKind::Place
                        && entry.division.is_none_or(|d| {
                            crate::divisions::bundled().get(d).level
                                == crate::divisions::Level::Province
                        });
                    let end = if region_like { with_area(end) } else { end };
                    push(b, end, Entity::of_entry(entry), 4);
                    // A district named by a common word, right after its city's
                    // name (兰州市|城关区).
                    if let Some(d) = entry.division
                        && let Some((len, district)) = lexicon.generic_district_after(text, end, d)
                    {
                        push(end, end + len, Entity::of_entry(district), 4);
                    }
                }
                // A place name of several divisions, none of them the document's.
                Some(None) => push(b, end, named(EntityKind::Place, &text[b..end]), 4),
                None => {}
            }
        }
    }
    for m in lexicon.organ_automaton.find_iter(text) {
        let form = &text[m.start()..m.end()];
        // Inside a longer name (山西省人民政府 holds 省人民政府).
        let b = offsets.char(m.start());
        if b > 0 && known[b - 1] && known[b] {
            continue;
        }
        // 直辖市人民政府, 县级市人民政府, 地级市: the kind word belongs to a longer word;
        // 全市博物馆, 各市委: every one of a kind, no one body; 地方人大, 基层科协,
        // 企业科协: such bodies of places or workplaces in general.
        if text[..m.start()].chars().next_back().is_some_and(|c| {
            matches!(
                c,
                '辖' | '级' | '治' | '属' | '全' | '各' | '方' | '层' | '业'
            )
        }) {
            continue;
        }
        // A website of the body (人大网, 政府网) is a platform, no mention of it.
        if text[m.end()..].starts_with('网') {
            continue;
        }
        // A bare two-character form is letters of two words when each of its
        // characters makes a common word with its neighbour outside (行政|协议);
        // one such word alone is no proof (执行|人大, 人大|及其).
        if form.chars().count() == 2 {
            let mut letters = form.chars();
            let (first, last) = (letters.next().unwrap(), letters.next().unwrap());
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(|p| lexicon.common_words.contains(&[p, first]))
                && after.is_some_and(|n| lexicon.common_words.contains(&[last, n]))
            {
                continue;
            }
        }
        let entity = match lexicon.organ_short(m.pattern().as_usize(), context.region) {
            Some(entry) => Entity::of_entry(&entry),
            // A document of no known region (an excerpt, a national text that is not
            // a law) still names an organ by the short form: a generic organ. In a
            // law, or in a document whose region is of another kind (市委 in a
            // province's report), the short form speaks of such organs in general
            // (县级以上人民政府, 各市委) and names none.
            None if context.region.is_none() && !context.legal => {
                named(EntityKind::Organization, form)
            }
            None => continue,
        };
        push(m.start(), m.end(), entity, 4);
    }
    // A place name only jieba knows (data/rules/place-words.tsv) before 地区 is a
    // region's name (攀西地区), after a clause's boundary or a word that opens
    // one, and not inside a known name.
    for (at, _) in text.match_indices("地区") {
        let s = offsets.char(at);
        let Some(b) = (2..=4).rev().filter(|&n| n <= s).map(|n| s - n).find(|&b| {
            lexicon
                .place_words
                .contains(&chars[b..s].iter().collect::<String>())
                && !known[b..s].iter().any(|&k| k)
                // Not a name the other rules read (苏北 of a province's regions).
                && head_at(&chars[b..s], lexicon).is_none_or(|h| !h.place)
                && regional_short_at(&chars[b..s], lexicon, context.region).is_none()
                && (clause_boundary(&chars, b, lexicon)
                    || lexicon.ends_with_opening_word(&chars[..b]))
        }) else {
            continue;
        };
        let begin = at - chars[b..s].iter().map(|c| c.len_utf8()).sum::<usize>();
        push(
            begin,
            at + "地区".len(),
            named(EntityKind::Place, &text[begin..at + "地区".len()]),
            3,
        );
    }
    for (b, e) in lexicon.abbreviated_regions(text) {
        push(b, with_area(e), named(EntityKind::Place, &text[b..e]), 3);
    }
    for (b, e) in lexicon.abbreviation_runs(text) {
        push(b, e, named(EntityKind::Place, &text[b..e]), 3);
    }
    if let Some(region) = context.region
        && !context.legal
    {
        for (b, e) in lexicon.own_abbreviated_regions(text, region) {
            push(b, with_area(e), named(EntityKind::Place, &text[b..e]), 3);
        }
    }
    // Zones opened by a run of cities' initials (甲乙都市圈): whole names found by
    // their suffix, which no place before 、 shares a head with.
    let mut run_zones = Vec::new();
    if let Some(region) = context.region
        && !context.legal
    {
        let mut last_run = None;
        for (b, e) in lexicon.city_abbreviation_runs(text, region) {
            let (cb, ce) = (offsets.char(b), offsets.char(e));
            let after_run = last_run.replace(ce) == Some(cb.saturating_sub(1));
            // Not a part of a known name (鄂尔|多斯), nor the start of a longer
            // name: a route or facility (平庆|铁路, 淮宿蚌|铁路), a zone
            // (西咸|新区), all one unit; unless in a list of runs, which share the
            // head (徐宿、徐连|产业走廊).
            // A list of runs before a route's head is a list of routes (甲乙、丙丁
            // 高铁), whose names are single units.
            let routes =
                chars.get(ce) == Some(&'、') && starts_a_longer_name(&chars, ce + 1, lexicon, true);
            let listed =
                (cb > 0 && chars[cb - 1] == '、' && after_run) || chars.get(ce) == Some(&'、');
            // A run that opens a zone's name names the whole zone (甲乙丙都市圈,
            // 甲乙改革创新示范区): name characters, no verb, up to its word.
            let zone = zone_after(&chars, ce, lexicon)
                .map(|end| chars[ce..end].iter().map(|c| c.len_utf8()).sum::<usize>());
            // A known name that ends the run is part of it where the run opens
            // a zone (广深|港澳 of 广深港澳科技创新走廊: cities' and regions'
            // initials), never one that reaches out of the run.
            let inside_zone =
                |&(nb, ne, _): &(usize, usize, &super::Entry)| zone.is_some() && b < nb && ne <= e;
            let crossed = names.iter().any(|n| n.0 < e && b < n.1 && !inside_zone(n));
            if crossed || routes {
                continue;
            }
            if let Some(len) = zone.filter(|_| !listed) {
                push(b, e + len, named(EntityKind::Place, &text[b..e + len]), 3);
                run_zones.push((cb, offsets.char(e + len)));
            } else if listed || !starts_a_longer_name(&chars, ce, lexicon, false) {
                push(b, e, named(EntityKind::Place, &text[b..e]), 3);
            }
        }
    }
    // The end of the last title that named a work of art or a book.
    let mut last_work: Option<usize> = None;
    for c in TITLE.captures_iter(text) {
        let all = c.get(0).unwrap();
        let inner = c.get(1).unwrap();
        let label: String = inner
            .as_str()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if label.is_empty() {
            continue;
        }
        // 电视剧《…》, 编纂《…》, or right after such a title (《A》《B》, 《A》、《B》):
        // a work, a single unit with nothing inside, not a law.
        let before = &text[..all.start()];
        // A periodical (《浙江日报》, 《…常务委员会公报》) where a law is published
        // is a work too; a document's title (《关于…的通报》) holds 关于 or 的.
        let periodical = lexicon
            .work_title_ends
            .iter()
            .any(|w| label.ends_with(w.as_str()))
            && !label.contains("关于")
            && !label.contains('的');
        let work = periodical
            || lexicon
                .work_heads
                .iter()
                .any(|w| before.ends_with(w.as_str()))
            || last_work.is_some_and(|end| matches!(&text[end..all.start()], "" | "、"));
        if work {
            last_work = Some(all.end());
            push(
                inner.start(),
                inner.end(),
                named(EntityKind::Term, ""),
                NOT_A_NAME,
            );
        } else {
            push(inner.start(), inner.end(), Entity::work(&label), 9);
        }
    }
    for c in QUOTED.captures_iter(text) {
        let all = c.get(0).unwrap();
        let inner = c.get(1).unwrap();
        let term = inner.as_str();
        let after = &text[all.end()..];
        // 战略 opening a compound (战略定位, 战略部署, 战略布局) is the strategy's
        // attribute, no plan word of the quoted name: “X”战略定位 is a plan “X”.
        let takes_suffix = |s: &&String| {
            after.starts_with(s.as_str())
                && !(s.as_str() == "战略"
                    && STRATEGY_COMPOUNDS
                        .iter()
                        .any(|c| after["战略".len()..].starts_with(c)))
        };
        // A quotation of speech, not a term; but a programme's motto of a few
        // phrases followed by its plan word (“千村甲、万村乙”工程, “争丙、强丁”行动)
        // is the programme's name.
        let length = term.chars().count();
        // A campaign (“甲乙”等惠企活动) in a report: the quoted phrase is its
        // name, a plan, whatever its form.
        let campaign = !context.legal && names_a_campaign(term, after, lexicon);
        // A strategy of development (“甲、乙、丙”发展战略) names its motto as
        // much as a strategy does.
        let developed = after.strip_prefix("发展").is_some_and(|rest| {
            lexicon.plan_suffixes.iter().any(|s| {
                matches!(s.as_str(), "战略" | "规划" | "行动" | "计划")
                    && rest.starts_with(s.as_str())
            })
        });
        let motto = !term.contains(['。', '；', '：', '！', '？'])
            && (campaign || developed || lexicon.plan_suffixes.iter().any(|s| takes_suffix(&s)));
        if !motto
            && (term.contains(['，', '。', '；', '：', '！', '？', ','])
                || length > 16
                || (term.contains('、') && length > 8))
        {
            // A short slogan of a few clauses (“山水相连，周末游江苏”) is a
            // brand, a single unit: no place inside it is a mention.
            if length <= 16 && !term.contains(['。', '；', '：', '！', '？']) {
                push(
                    inner.start(),
                    inner.end(),
                    named(EntityKind::Term, ""),
                    NOT_A_NAME,
                );
            }
            continue;
        }
        if campaign || developed {
            push(inner.start(), inner.end(), named(EntityKind::Plan, term), 5);
            continue;
        }
        // A quoted amount (将“三日”修改为“五日”), not a name.
        let rest: String = term
            .chars()
            .filter(|&c| !c.is_ascii_digit() && !numerals::is_numeral_char(c) && is_name_char(c))
            .collect();
        let five_year_plan = rest.is_empty() && term.ends_with('五');
        // “11228”, “4+1”: a formula of digits, not an amount.
        let formula = term.chars().filter(|c| c.is_ascii_digit()).count() >= 3
            || term.contains('+') && term.chars().any(|c| c.is_ascii_digit());
        let has_plan_suffix = lexicon.plan_suffixes.iter().any(|s| takes_suffix(&s));
        if !five_year_plan
            && !formula
            && !has_plan_suffix
            && (rest.is_empty() || QUOTED_AMOUNT_UNITS.contains(&rest.as_str()))
        {
            continue;
        }
        if let Some(suffix) = lexicon
            .plan_suffixes
            .iter()
            .filter(takes_suffix)
            .max_by_key(|s| s.len())
        {
            // “十五五”规划, “人工智能+”行动: the quoted name and its plan word.
            let end = all.end() + suffix.len();
            push(
                all.start(),
                end,
                named(EntityKind::Plan, &text[all.start()..end]),
                6,
            );
        } else {
            let before = &text[..all.start()];
            // A programme named after a division (“数字江苏”建设) calls for work
            // as any programme does.
            let provincial = || {
                building_work(after).is_some()
                    && lexicon
                        .find_names(term)
                        .any(|(_, _, e)| e.kind == EntityKind::Place && e.division.is_some())
            };
            if names_a_plan(term, before, after, lexicon, context.legal) || provincial() {
                // “五个中心”建设: a programme named with the work it calls for is
                // one plan.
                let (begin, end) = match building_work(after) {
                    Some(len) => (all.start(), all.end() + len),
                    None => (inner.start(), inner.end()),
                };
                push(begin, end, named(EntityKind::Plan, &text[begin..end]), 5);
            } else {
                push(inner.start(), inner.end(), named(EntityKind::Term, term), 5);
            }
        }
    }
    for (b, e, value) in time::find_relative(text, anchor, context.legal) {
        let entity = match value {
            Some(value) => Entity::valued(
                EntityKind::Time,
                value.label(),
                value.value.clone(),
                Value::Time(value),
            ),
            // Without the document's year, a relative time stays a name.
            None => named(EntityKind::Time, &text[b..e]),
        };
        push(b, e, entity, 8);
    }
    for (b, e) in time::find_times_of_day(text)
        .into_iter()
        .chain(time::find_parts_of_years(text))
    {
        push(b, e, named(EntityKind::Time, &text[b..e]), 8);
    }
    // Holidays name days (春节, 国际劳动节: data/rules/holidays.tsv).
    for m in lexicon.holidays.find_iter(text) {
        push(
            m.start(),
            m.end(),
            named(EntityKind::Time, &text[m.start()..m.end()]),
            8,
        );
    }
    for (b, e, value) in time::find(text) {
        let label = value.label();
        push(
            b,
            e,
            Entity::valued(
                EntityKind::Time,
                label,
                value.value.clone(),
                Value::Time(value),
            ),
            8,
        );
    }
    let arabic = quantity::find(text, lexicon, &lexicon.quantity_re);
    let shared = quantity::shared_units(text, &arabic);
    let chinese = quantity::find_chinese(text, lexicon);
    let durations = quantity::find_durations(text);
    let halves = quantity::find_halves(text, lexicon);
    let shares = quantity::find_shares(text);
    let magnitudes = quantity::find_magnitudes(text, lexicon);
    for (b, e, value) in arabic
        .into_iter()
        .chain(shared)
        .chain(chinese)
        .chain(durations)
        .chain(halves)
        .chain(shares)
        .chain(magnitudes)
    {
        push(
            b,
            e,
            Entity::valued(
                EntityKind::Quantity,
                value.label(),
                value.key(),
                Value::Quantity(value),
            ),
            7,
        );
    }
    if let Some(document) = document {
        for m in document.automaton.find_iter(text) {
            let (_, entity) = &document.names[m.pattern().as_usize()];
            push(m.start(), m.end(), entity.clone(), 4);
        }
    }
    for m in lexicon.indicators.find_iter(text) {
        let label = &lexicon.indicator_labels[m.pattern().as_usize()];
        push(m.start(), m.end(), named(EntityKind::Indicator, label), 1);
    }
    for m in lexicon.not_names.find_iter(text) {
        push(m.start(), m.end(), named(EntityKind::Term, ""), NOT_A_NAME);
    }
    let mut joined = joined_mask(text, &offsets, lexicon, &known);
    for (b, e) in regional {
        joined[b..e].iter_mut().for_each(|j| *j = true);
    }
    candidates.extend(organisations_by_suffix(
        &chars,
        text,
        &offsets,
        lexicon,
        &joined,
        !context.legal,
    ));
    // Spans of facility and route names (延安机场, 白山至临江高速公路): no place
    // inside them is a mention.
    let mut held = Vec::new();
    candidates.extend(names_by_suffix(
        &chars,
        text,
        &offsets,
        lexicon,
        (&known, &joined),
        context.region,
        &mut held,
    ));
    candidates.extend(rivers_before_basins(&chars, lexicon, &known));
    routes(&chars, lexicon, &candidates, &mut held);
    route_sections(&chars, &candidates, &mut held);
    plants(&chars, lexicon, &candidates, &mut held);
    rankings(&chars, lexicon, &candidates, &mut held);
    unquoted_regulations(&chars, &candidates, &mut held);
    websites(&chars, &candidates, &mut held);
    // Places listed before a site's head they share (榆林、延安|机场) are mentions:
    // no facility's name or span holds them, and no name runs from the last one
    // over the head.
    let listed = places_before_shared_heads(&chars, lexicon, context.region, context.legal);
    held.retain(|&(b, e)| !listed.iter().any(|f| f.begin < e && b < f.end));
    candidates.retain(|c| {
        !listed.iter().any(|f| {
            c.begin == f.begin && c.end > f.end
                || c.begin < f.begin && c.end > f.begin && c.priority == NOT_A_NAME
        })
    });
    candidates.extend(listed);
    // reach[p]: the furthest end of a held span that starts at or before p.
    let mut reach = vec![0; chars.len() + 1];
    for &(b, e) in &held {
        reach[b] = reach[b].max(e);
    }
    for p in 1..reach.len() {
        reach[p] = reach[p].max(reach[p - 1]);
    }
    candidates.retain(|c| {
        c.entity.kind != EntityKind::Place || c.priority == NOT_A_NAME || reach[c.begin] < c.end
    });
    if !context.legal {
        candidates.extend(national_brands(&chars, lexicon));
        candidates.extend(lands(&chars, lexicon));
        let listed = super::enumerations::companies_in_lists(&chars, lexicon, &candidates);
        candidates.extend(listed);
        let national =
            super::enumerations::national_companies_in_lists(&chars, lexicon, &candidates);
        candidates.extend(national);
        let makers = super::enumerations::companies_before_capacities(&chars, lexicon, &candidates);
        candidates.extend(makers);
    }
    with_session_numbers(&chars, &mut candidates);
    units_in_places(&chars, lexicon, &mut candidates);
    features_listed_beside(&chars, lexicon, &mut candidates);
    candidates.extend(people(&chars, text, &offsets, lexicon));
    candidates.extend(anonymised(&chars, lexicon));
    for c in candidates.iter_mut() {
        if c.entity.kind == EntityKind::Place && run_zones.contains(&(c.begin, c.end)) {
            c.rule_found = true;
        }
    }
    drop_shared_heads(&chars, &mut candidates);
    names_in_events(&chars, lexicon, &mut candidates);
    candidates.extend(bracketed_place_names(&chars, lexicon));
    let qualified = places_qualifying_names(&chars, lexicon, &candidates);
    candidates.extend(qualified);
    resolve(candidates)
}

/// Whether the name at chars `b..e` is an item of a list: a joiner (、, 和, 与, 及)
/// between it and another name marked in `listed`.
fn in_a_list(chars: &[char], b: usize, e: usize, listed: &[bool]) -> bool {
    let joiner = |c: char| matches!(c, '、' | '和' | '与' | '及');
    (b >= 2 && joiner(chars[b - 1]) && listed[b - 2])
        || (e + 1 < chars.len() && joiner(chars[e]) && listed[e + 1])
}

/// Whether an organisation's suffix ends within six name characters after `e`, with
/// no numeral, verb or word that opens a clause before it (长治|钢铁集团): the word
/// before opens that body's name, where 长治|两市建设中心 names none.
fn opens_an_organisation(chars: &[char], e: usize, lexicon: &Lexicon) -> bool {
    let end = name_run(chars, e, 6);
    (e + 1..=end).any(|p| {
        let run: String = chars[e..p].iter().collect();
        suffix_rule(lexicon, &run).is_some()
            && !chars[e..p].iter().any(|&c| numerals::is_numeral_char(c))
            && !chars[e..p].windows(2).any(|w| {
                lexicon.verbs.contains(&[w[0], w[1]])
                    || lexicon.opening_words.contains(&[w[0], w[1]])
            })
    })
}

/// A county's full name of three characters or fewer outside the document's region
/// (应城市, 和平区) is also a run of characters inside words (适应城市): it counts only
/// after a clear boundary.
fn needs_boundary(lexicon: &Lexicon, name: &str, region: Option<usize>) -> bool {
    let table = crate::divisions::bundled();
    name.chars().count() <= 3
        && lexicon.lookup(name).is_some_and(|e| {
            e.division.is_some_and(|d| {
                table.get(d).level >= crate::divisions::Level::County
                    && table.get(d).name == name
                    && !region.is_some_and(|r| table.within(d, r))
            })
        })
}

/// True when byte `b` of `text` starts a word: the start, a character that is not
/// part of a name, a stop character or phrase, or the end of a known place.
fn at_name_boundary(text: &str, b: usize, lexicon: &Lexicon) -> bool {
    // The few characters before are enough (phrases and names are short), and a
    // copy of everything before would make a long paragraph quadratic.
    let mut before: Vec<char> = text[..b].chars().rev().take(16).collect();
    before.reverse();
    let Some(&last) = before.last() else {
        return true;
    };
    !is_name_char(last)
        || lexicon.stop_chars.contains(&last)
        || ends_with_any(&before, &lexicon.stop_phrases)
        || ends_with_any(&before, &lexicon.leading_verbs)
        || (2..=before.len().min(8)).any(|n| {
            let name: String = before[before.len() - n..].iter().collect();
            lexicon
                .lookup(&name)
                .is_some_and(|e| e.kind == EntityKind::Place)
        })
}

/// The end of a gazetteer match, or `None` when the name runs on into a longer
/// common word (财政部门 is not 财政部); then a shorter name that fits is used.
fn gazetteer_end(
    lexicon: &Lexicon,
    text: &str,
    begin: usize,
    end: usize,
    kind: EntityKind,
) -> Option<usize> {
    let mut end = end;
    loop {
        let name = &text[begin..end];
        let after = &text[end..];
        // 上海市场 is a market, 西安区域 a region of 西安: the suffix is part of a word.
        let blocked = kind == EntityKind::Organization && suffix_blocked(lexicon, name, after)
            || kind == EntityKind::Place
                && (name.ends_with('市') && after.starts_with('场')
                    || name.ends_with('区') && after.starts_with('域'));
        if !blocked && lexicon.lookup(name).is_some() {
            return Some(end);
        }
        // Try the next shorter prefix that is itself a name.
        let (last_start, _) = name.char_indices().next_back()?;
        if last_start == 0 {
            return None;
        }
        end = begin + last_start;
    }
}

pub(crate) fn is_name_char(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}') || c.is_ascii_alphanumeric()
}

/// Whether a name may start at `p`: the start of the text, punctuation, a stop
/// character or phrase, or a verb before it (开工建设|河套灌区).
fn clause_boundary(chars: &[char], p: usize, lexicon: &Lexicon) -> bool {
    p == 0
        || !is_name_char(chars[p - 1])
        || lexicon.stop_chars.contains(&chars[p - 1])
        || ends_with_any(&chars[..p], &lexicon.stop_phrases)
        || ends_with_any(&chars[..p], &lexicon.leading_verbs)
        || lexicon.ends_with_verb(&chars[..p])
}

/// A count right at `at` (4个, 3座, 十个): where it ends.
fn count_at(chars: &[char], at: usize) -> Option<usize> {
    let is_number = |c: char| c.is_ascii_digit() || numerals::is_numeral_char(c);
    let digits = chars[at..].iter().take_while(|&&c| is_number(c)).count();
    (digits > 0
        && chars
            .get(at + digits)
            .is_some_and(|c| "个座处条家所项".contains(*c)))
    .then_some(at + digits + 1)
}

/// Where a run of name characters from `from` ends, at most `max` of them. Stop
/// characters may be part of a name (高等研究院, 煤化所, 自由贸易试验区), but not
/// the words that join or govern phrases.
fn name_run(chars: &[char], from: usize, max: usize) -> usize {
    let mut end = from;
    while end < chars.len()
        && end - from < max
        && is_name_char(chars[end])
        && !"的和与及在对把被向从为将以并或是了".contains(chars[end])
        // 等 ends a list (…研究院等新型平台) unless it is part of a word (高等).
        && (chars[end] != '等' || end > 0 && "高中同平均".contains(chars[end - 1]))
    {
        end += 1;
    }
    end
}

/// Marks the characters a rule-found name may reach across although they are stop
/// characters or phrases: inside a joined phrase (发展和改革) or a known name
/// (呼和浩特).
fn joined_mask(text: &str, offsets: &Offsets, lexicon: &Lexicon, known: &[bool]) -> Vec<bool> {
    let mut joined = known.to_vec();
    for m in lexicon.joined_automaton.find_overlapping_iter(text) {
        joined[offsets.char(m.start())..offsets.char(m.end())]
            .iter_mut()
            .for_each(|j| *j = true);
    }
    joined
}

fn ends_with_any(chars: &[char], phrases: &[String]) -> bool {
    phrases.iter().any(|p| {
        let n = p.chars().count();
        n <= chars.len() && chars[chars.len() - n..].iter().copied().eq(p.chars())
    })
}

/// Keeps the longest candidates (then the higher priority, then the leftmost) so that
/// no two overlap; returns them in text order.
fn resolve(mut candidates: Vec<Found>) -> Vec<Found> {
    candidates.sort_by(|a, b| {
        (b.end - b.begin)
            .cmp(&(a.end - a.begin))
            .then(b.priority.cmp(&a.priority))
            .then(a.begin.cmp(&b.begin))
    });
    // Which characters a kept candidate covers: checking a span against this mask
    // costs its length, where checking it against every kept candidate made a long
    // paragraph quadratic.
    let end = candidates.iter().map(|c| c.end).max().unwrap_or(0);
    let mut covered = vec![false; end];
    let mut taken: Vec<Found> = Vec::new();
    for c in candidates {
        if c.begin < c.end && !covered[c.begin..c.end].iter().any(|&t| t) {
            covered[c.begin..c.end].iter_mut().for_each(|t| *t = true);
            taken.push(c);
        }
    }
    taken.retain(|f| f.priority != NOT_A_NAME);
    taken.sort_by_key(|f| f.begin);
    taken
}
