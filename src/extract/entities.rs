//! Named entities in one paragraph: gazetteer names, organisations by suffix,
//! 《》 titles, quoted plans and terms, people before their titles, times and
//! quantities. Candidates that overlap are resolved longest first, so mentions never
//! overlap and 上海市人民政府 is one organisation, not a place inside one.

use super::lexicon::{NameStart, OrgSuffix};
use super::{Entity, EntityKind, Lexicon, Value, quantity, time};
use crate::numerals;
use regex::Regex;
use std::sync::LazyLock;

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

/// Characters that, right before an organisation's suffix, make it a reference to
/// a body named elsewhere (贵公司 "your company", 本委员会, 该中心, 各人民政府),
/// unless they make a word with a one-character suffix (本部, headquarters).
const REFERRING: &[char] = &[
    '贵', '本', '该', '我', '其', '各', '此', '你', '他', '她', '它',
];

/// Words that 战略 opens as a compound after a quoted name (“X”战略定位): the
/// quoted name alone is the plan.
const STRATEGY_COMPOUNDS: &[&str] = &[
    "定位", "部署", "布局", "发展", "目标", "任务", "支点", "方向", "重点", "要求", "性",
];

/// The length of 建设 after a quoted programme when it is the work the programme
/// calls for (推进“两重”建设, 支持“双一流”建设高校), not a builder (建设者).
fn building_work(after: &str) -> Option<usize> {
    let rest = after.strip_prefix("建设")?;
    (!rest.starts_with('者')).then_some("建设".len())
}

/// What is left of a quoted amount once its numerals are removed (“十五日”, “二年内”).
const QUOTED_AMOUNT_UNITS: &[&str] = &[
    "日",
    "年",
    "月",
    "天",
    "周",
    "个月",
    "小时",
    "分钟",
    "年内",
    "日内",
    "月内",
    "次",
    "倍",
    "元",
    "万元",
    "人",
    "个",
    "%",
    "日以内",
    "年以下",
    "年以上",
    "日以上",
];

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

/// Short forms of the heads of bodies' names that the suffix lists do not hold:
/// 管委会 (管理委员会) and 机构 ("body", as in 登记机构).
const ABBREVIATED_HEADS: &[&str] = &["管委会", "机构"];

/// True when a defined short name is a head of bodies' names with nothing or
/// only common words before it (管委会, 登记机构, 推进工作委员会): a word any
/// such body is called by, not a name of the one body being defined.
fn generic_head(short: &str, lexicon: &Lexicon) -> bool {
    let heads = lexicon
        .org_suffixes
        .iter()
        .map(|o| o.suffix.as_str())
        .chain(ABBREVIATED_HEADS.iter().copied());
    heads.filter_map(|h| short.strip_suffix(h)).any(|before| {
        let chars: Vec<char> = before.chars().collect();
        super::enumerations::common_phrase(&chars, lexicon)
    })
}

/// The short names a paragraph defines for an organisation or place it names, in
/// the words laws use: 上海市外国投资工作委员会（以下简称市外资委）, 河南小秦岭国家级
/// 自然保护区（以下简称“小秦岭保护区”）. Each is the named entity, with the short
/// name as an alternative label, so that its later mentions are that entity's. A
/// leading 原 ("the former") is no part of the short name. A generic word is no
/// short name of one body or zone (（以下简称示范区）, （以下简称常务委员会）: a
/// suffix of names, or the name's own last word; 本市…, 各…, which refer), and a
/// short name after a list (甲区、乙区、丙县（以下简称两区一县）) names the list,
/// not its last item.
pub(crate) fn defined_short_names(
    text: &str,
    found: &[Found],
    lexicon: &Lexicon,
) -> Vec<(String, Entity)> {
    if !text.contains("（以下") {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    // Where a run of names written one after another (浙江省嘉兴市嘉善县) starts.
    let run_start = |mut begin: usize| {
        while let Some(before) = found.iter().find(|g| g.end == begin && g.begin < begin) {
            begin = before.begin;
        }
        begin
    };
    for f in found
        .iter()
        .filter(|f| matches!(f.entity.kind, EntityKind::Organization | EntityKind::Place))
    {
        let rest = &chars[f.end..];
        let Some(lead) = ["（以下简称", "（以下称"]
            .iter()
            .find(|l| super::starts_with_word(rest, l))
        else {
            continue;
        };
        let begin = run_start(f.begin);
        if begin > 0 && matches!(chars[begin - 1], '、' | '和' | '与' | '及') {
            continue;
        }
        let mut at = lead.chars().count();
        let quoted = rest.get(at) == Some(&'“');
        at += usize::from(quoted);
        let from = at;
        while at < rest.len() && is_name_char(rest[at]) && at - from <= 16 {
            at += 1;
        }
        let closed = if quoted {
            rest.get(at) == Some(&'”') && rest.get(at + 1) == Some(&'）')
        } else {
            rest.get(at) == Some(&'）')
        };
        let mut short = &rest[from..at];
        if short.len() >= 4 && short[0] == '原' {
            short = &short[1..];
        }
        if !closed || short.len() < 2 || short.len() > 16 {
            continue;
        }
        let short: String = short.iter().collect();
        // 本市气象台站, 各分局: words that refer to bodies, not names.
        let generic = short.starts_with(REFERRING)
            || f.entity.label.ends_with(&short) && short.chars().count() <= 3
            || lexicon.org_suffixes.iter().any(|o| o.suffix == short)
            || lexicon.name_suffixes.iter().any(|n| n.suffix == short)
            || generic_head(&short, lexicon);
        if generic {
            continue;
        }
        let mut entity = f.entity.clone();
        if !entity.alt_labels.contains(&short) {
            entity.alt_labels.push(short.clone());
        }
        out.push((short, entity));
    }
    out
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
            if word && !in_a_list(&chars, b, e, &listed) {
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

/// Places, organisations and quoted plans inside the name of an event (中国—中亚
/// 峰会, 尼山世界文明论坛, 兰州国际马拉松, 上海合作组织峰会) are not mentions: the
/// name is a single unit; a quoted plan before an organisation's name is part of
/// it. A place or organisation is inside
/// when at most eight name characters (or a dash joining another place) stand
/// between it and an event word, none of them a stop character or a word of
/// holding (在福州举办的论坛 keeps 福州). The span from the place to the event
/// word becomes a non-name, which wins over the shorter places in it.
fn names_in_events(chars: &[char], lexicon: &Lexicon, candidates: &mut Vec<Found>) {
    let starts = |at: usize, word: &str| super::starts_with_word(&chars[at..], word);
    let mut events = Vec::new();
    let mut organisations = Vec::new();
    for c in candidates.iter() {
        if !matches!(
            c.entity.kind,
            EntityKind::Place | EntityKind::Organization | EntityKind::Plan
        ) || c.priority == NOT_A_NAME
        {
            continue;
        }
        // A quoted plan opens the name after its closing quote (“一带一路”国际合作
        // 高峰论坛), or the name of an organisation found right there (“一带一路”
        // 国际商事调解中心): the whole is that name, quotes included.
        let quoted = c.entity.kind == EntityKind::Plan
            && c.begin > 0
            && chars[c.begin - 1] == '“'
            && chars.get(c.end) == Some(&'”');
        if c.entity.kind == EntityKind::Plan && !quoted {
            continue;
        }
        let start = if quoted { c.end + 1 } else { c.end };
        if quoted
            && let Some(org) = candidates.iter().find(|o| {
                o.begin == start
                    && o.entity.kind == EntityKind::Organization
                    && o.priority != NOT_A_NAME
            })
        {
            organisations.push((c.begin - 1, org.end));
            continue;
        }
        let mut at = start;
        while at < chars.len() && at - start <= 8 {
            // A meeting's name holds no place nor the organ that holds it
            // (甲省|城市工作会议, 省委|经济工作会议), as ANNOTATION.md's names
            // of other kinds; a numbered session of a body (常务委员会|第二次会议,
            // 省委|十二届八次全会) ends with no meeting head and keeps its body.
            let meeting = || {
                matches!(c.entity.kind, EntityKind::Place | EntityKind::Organization)
                    .then(|| lexicon.meeting_heads.iter().find(|h| starts(at, h)))
                    .flatten()
            };
            if let Some(head) = lexicon
                .event_heads
                .iter()
                .find(|h| starts(at, h))
                .or_else(meeting)
            {
                events.push((c.begin, at + head.chars().count()));
                break;
            }
            // A short form (成都世运会) has one character of its own.
            if at == start + 1
                && let Some(head) = lexicon.event_short_heads.iter().find(|h| starts(at, h))
            {
                events.push((c.begin, at + head.chars().count()));
                break;
            }
            let ch = chars[at];
            // A dash joining another place, or brackets around one (2025（中国）
            // 亚欧商品贸易博览会).
            let dash = matches!(ch, '—' | '－' | '·' | '（' | '）' | '(' | ')');
            // A stop character that opens a word (经|济) is inside the name.
            let stop = lexicon.stop_chars.contains(&ch)
                && !chars
                    .get(at + 1)
                    .is_some_and(|&n| lexicon.common_words.contains(&[ch, n]));
            if !dash
                && (!is_name_char(ch) || stop || lexicon.event_breaks.iter().any(|b| starts(at, b)))
            {
                break;
            }
            at += 1;
        }
    }
    candidates.extend(events.into_iter().map(|(b, e)| Found::not_a_name(b, e)));
    candidates.extend(organisations.into_iter().map(|(b, e)| Found {
        begin: b,
        end: e,
        entity: named(
            EntityKind::Organization,
            &chars[b..e].iter().collect::<String>(),
        ),
        priority: 5,
        rule_found: true,
    }));
}

/// Names written 中国（X）… (中国（安徽）自贸试验区, 中国（太原）国际能源产业博览会,
/// 中国（安徽）科交会): a zone's whole name is a place when the name ends with a
/// zone's suffix; any other such name (a platform, an event) is a single unit
/// with no place inside.
fn bracketed_place_names(chars: &[char], lexicon: &Lexicon) -> Vec<Found> {
    let mut out = Vec::new();
    let prefix: Vec<char> = "中国（".chars().collect();
    for begin in (0..chars.len()).filter(|&i| chars[i..].starts_with(&prefix)) {
        let inner = begin + prefix.len();
        let Some(close) = (inner..chars.len().min(inner + 9)).find(|&i| chars[i] == '）') else {
            continue;
        };
        let end = name_run(chars, close + 1, 18);
        if end == close + 1 || close == inner {
            continue;
        }
        out.push(bracketed_designation(chars, lexicon, begin, close, end));
    }
    out
}

/// The designation at chars `begin..end` with a place in brackets closed at
/// `close`: one whole place up to a zone's suffix after the brackets, or else a
/// name of another kind that holds no mention.
fn bracketed_designation(
    chars: &[char],
    lexicon: &Lexicon,
    begin: usize,
    close: usize,
    end: usize,
) -> Found {
    match zone_name_in(lexicon, &chars[close + 1..end]) {
        Some(n) => Found {
            begin,
            end: close + 1 + n,
            entity: named(
                EntityKind::Place,
                &chars[begin..close + 1 + n].iter().collect::<String>(),
            ),
            priority: 3,
            rule_found: true,
        },
        None => Found::not_a_name(begin, end),
    }
}

/// The length of the zone's name that starts at `name` (its characters up to a
/// zone's suffix, the furthest one), if any.
fn zone_name_in(lexicon: &Lexicon, name: &[char]) -> Option<usize> {
    let name: String = name.iter().collect();
    lexicon
        .name_suffixes
        .iter()
        .filter(|rule| rule.kind == EntityKind::Place && !rule.facility)
        .filter_map(|rule| {
            name.find(rule.suffix.as_str())
                .map(|at| name[..at + rule.suffix.len()].chars().count())
        })
        .max()
}

/// A place in brackets that qualifies a name (北方（沧州）跨境电商物流基地, 中欧班列
/// （西安）, …技术转移转化中心（X地区）): the designation is a name of another
/// kind, a single unit with no place inside (ANNOTATION.md), unless a place opens
/// it and it ends with a zone's suffix (长江（安徽）经济带), which is one place. The
/// place counts as qualifying when it fills the brackets and a name runs on both
/// sides of them, or an organisation's name ends at the opening bracket; the place
/// right before the brackets is part of the designation.
fn places_qualifying_names(chars: &[char], lexicon: &Lexicon, candidates: &[Found]) -> Vec<Found> {
    let live = |c: &&Found| c.priority != NOT_A_NAME;
    let mut out = Vec::new();
    for q in candidates
        .iter()
        .filter(live)
        .filter(|c| c.entity.kind == EntityKind::Place)
    {
        let (open, close) = (q.begin.wrapping_sub(1), q.end);
        if q.begin < 2 || chars[open] != '（' || chars.get(close) != Some(&'）') {
            continue;
        }
        let before = chars[open - 1];
        if !is_name_char(before) || "的和与及在对把被向从为将以并或是了等".contains(before)
        {
            continue;
        }
        let ending_here = |kind: EntityKind| {
            candidates
                .iter()
                .filter(live)
                .filter(|c| c.end == open && c.entity.kind == kind)
                .map(|c| c.begin)
                .min()
        };
        // The name runs on to a verb (…（江西片区）建设, …基地落户) or a number
        // (…物流基地投资3亿元), which it does not hold.
        let run = name_run(chars, close + 1, 14);
        let verb_at = |k: usize| {
            let rest = &chars[k..run];
            rest.len() >= 2 && lexicon.verbs.contains(&[rest[0], rest[1]])
                || lexicon
                    .leading_verbs
                    .iter()
                    .any(|v| super::starts_with_word(rest, v))
        };
        let end = (close + 1..run)
            .find(|&k| {
                chars[k].is_ascii_digit() || numerals::is_numeral_char(chars[k]) || verb_at(k)
            })
            .unwrap_or(run);
        if end < close + 3 {
            // Nothing runs on after the brackets: they qualify the name before
            // them only when it is an organisation's (…中心（X地区）).
            if ending_here(EntityKind::Organization).is_some() {
                out.push(Found::not_a_name(open, close + 1));
            }
            continue;
        }
        // With no place before the brackets, a zone's name starts with the
        // fewest name characters there, two to four, that stand at a clause's
        // boundary (推进|中德（甲市）…产业园, 提升|西部（乙市）科学城); anything
        // else is a designation of another kind.
        let opening = || {
            (2..=4.min(open)).map(|n| open - n).find(|&p| {
                clause_boundary(chars, p, lexicon)
                    && chars[p..open]
                        .iter()
                        .all(|&c| is_name_char(c) && !lexicon.stop_chars.contains(&c))
            })
        };
        out.push(match ending_here(EntityKind::Place) {
            Some(begin) => bracketed_designation(chars, lexicon, begin, close, end),
            None => match opening() {
                Some(begin) if zone_name_in(lexicon, &chars[close + 1..end]).is_some() => {
                    bracketed_designation(chars, lexicon, begin, close, end)
                }
                _ => Found::not_a_name(open, end),
            },
        });
    }
    out
}

/// Whether the name at chars `b..e` is an item of a list: a joiner (、, 和, 与, 及)
/// between it and another name marked in `listed`.
fn in_a_list(chars: &[char], b: usize, e: usize, listed: &[bool]) -> bool {
    let joiner = |c: char| matches!(c, '、' | '和' | '与' | '及');
    (b >= 2 && joiner(chars[b - 1]) && listed[b - 2])
        || (e + 1 < chars.len() && joiner(chars[e]) && listed[e + 1])
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

/// The longest place name a name starts with, shorter than the name: its length in
/// bytes and its entry.
fn place_prefix<'a>(
    lexicon: &'a Lexicon,
    name: &str,
    region: Option<usize>,
) -> Option<(usize, &'a super::Entry)> {
    name.char_indices()
        .skip(2)
        .map(|(i, _)| i)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .find_map(|i| match lexicon.resolve(&name[..i], region) {
            Some(Some(e)) if e.kind == EntityKind::Place => Some((i, e)),
            _ => None,
        })
}

/// Coordination with a shared generic head gives only the place names: in
/// 南京、杭州都市圈 and 河南、山东黄河河务局 the last conjunct is not a zone or an
/// organisation of its own (the head is shared), so a name that starts with a place
/// and directly follows 、 and a place is dropped, leaving the places.
fn drop_shared_heads(chars: &[char], candidates: &mut Vec<Found>) {
    let table = crate::divisions::bundled();
    let level = |c: &Found| c.entity.division.map(|d| table.get(d).level);
    // (begin, end, level, a whole name: a zone found by its suffix or a long
    // name of no division, a division written in full)
    let places: Vec<(usize, usize, Option<crate::divisions::Level>, bool, bool)> = candidates
        .iter()
        .filter(|c| c.entity.kind == EntityKind::Place && c.priority != NOT_A_NAME)
        .map(|c| {
            let written: String = chars[c.begin..c.end].iter().collect();
            let full = c.entity.division.is_some() && written == c.entity.label;
            // A long name of no division (a region or corridor of the
            // gazetteer: 珠江三角洲, 长江三角洲) is whole, as one found by its
            // suffix is: no bare place sharing the next zone's head.
            let whole = c.rule_found || c.entity.division.is_none() && c.end - c.begin >= 5;
            (c.begin, c.end, level(c), whole, full)
        })
        .collect();
    // The places by where they start and end: a candidate after a joiner looks up
    // its neighbours, never scans them all.
    let mut by_begin: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    let mut by_end: std::collections::HashMap<usize, Vec<usize>> = Default::default();
    for (i, &(b, e, ..)) in places.iter().enumerate() {
        by_begin.entry(b).or_default().push(i);
        by_end.entry(e).or_default().push(i);
    }
    let at = |map: &std::collections::HashMap<usize, Vec<usize>>, k: usize| {
        map.get(&k)
            .into_iter()
            .flatten()
            .map(|&i| places[i])
            .collect::<Vec<_>>()
    };
    let mut heads = Vec::new();
    candidates.retain(|c| {
        // Only a name built on a place (an organ, a zone found by its suffix), not a
        // division's own name (陕西省 after 内蒙古自治区、).
        let built_on_place = c.entity.kind == EntityKind::Organization
            || c.entity.kind == EntityKind::Place && c.entity.division.is_none() && c.rule_found;
        // A known organisation's own name (the listed company 大连重工 after
        // 、 and a place) shares no head: it is written whole.
        let known_name = c.entity.kind == EntityKind::Organization
            && !c.rule_found
            && c.entity.jurisdiction.is_none();
        if !built_on_place || known_name || c.begin < 2 {
            return true;
        }
        let joiner = chars[c.begin - 1];
        if !matches!(joiner, '、' | '和' | '与' | '及') {
            return true;
        }
        let Some((_, head_end, head, _, _)) = at(&by_begin, c.begin)
            .into_iter()
            .filter(|&(_, e, _, _, _)| e < c.end)
            .max_by_key(|&(_, e, _, _, _)| e)
        else {
            return true;
        };
        // After 、 any place; after 和, 与, 及 only a place of the same level, as
        // coordinated items are alike (陕西省和山西省人民政府; but 和林格尔与乌兰察布片区
        // is a county and a zone).
        // A zone found by its own suffix before the joiner is a whole name, not an
        // item sharing this one's head (渤海新区、北戴河…示范区).
        // Nor does a division written in full before a zone share the zone's head
        // (曹妃甸区、渤海新区): zones share it with bare names (南京、杭州都市圈).
        // A name before the joiner that ends with this one's head is whole too
        // (a gazetteer's 天府新区 before 、成都东部新区).
        let zone = c.entity.kind == EntityKind::Place;
        let head_word = &chars[c.end.saturating_sub(2).max(head_end)..c.end];
        let shared = at(&by_end, c.begin - 1)
            .into_iter()
            .any(|(b, _, before, whole, full)| {
                let same_head = chars[b..c.begin - 1].ends_with(head_word);
                !(whole || zone && full || same_head)
                    && (joiner == '、' || matches!(joiner, '和' | '与' | '及') && before == head)
            });
        if shared {
            // The shared head (黄河河务局 in 山东黄河河务局) is part of a name: nothing
            // inside it is a mention.
            heads.push((head_end, c.end));
        }
        !shared
    });
    candidates.extend(heads.into_iter().map(|(b, e)| Found::not_a_name(b, e)));
}

/// Whether a quoted phrase not followed by a plan word names a programme,
/// initiative, campaign or slogan rather than a term, label, nickname or brand:
/// it is a numbered formula (“四个中心”, “两重”, “双碳”, “高效办成一件事”), ends
/// in a plan word inside the quotes (“千万工程”), or the gazetteer knows it as a
/// plan (“一带一路”). An “X+” formula names an initiative only with a plan word
/// after it (“人工智能+”行动); alone it is a model or a label (“保税+”新业态,
/// “冰雪+”融合发展, “信用+”场景). In a law a
/// quoted phrase is a defined term (“情节严重”) unless it counts something. A
/// phrase followed by a word that makes it a brand or platform (“赣莲”品牌) is not
/// a plan, nor is a ranking (“…500强”). A phrase a few characters before a plan
/// word is one (“信号升格”专项行动).
fn names_a_plan(term: &str, before: &str, after: &str, lexicon: &Lexicon, legal: bool) -> bool {
    // Numbered by a count of items (“四个中心”, “双一流”); 零 counts none: “零距离”,
    // “零门槛” name an absence, a label, not a programme of so many parts.
    let numbered = term.chars().any(|ch| {
        (ch.is_ascii_digit() || numerals::is_numeral_char(ch) || ch == '双') && ch != '零'
    });
    if legal {
        return numbered;
    }
    if lexicon
        .lookup(term)
        .is_some_and(|e| e.kind == EntityKind::Plan)
    {
        return true;
    }
    if lexicon
        .not_plan_heads
        .iter()
        .any(|w| after.starts_with(w.as_str()))
    {
        return false;
    }
    // Nicknames, products and records rather than programmes: an ordinal
    // (“新春第一站”), a numbered model (“陇薯7号”), a run of years
    // (“十连丰”, “5连增”), a ranking, or a list or prize something is chosen
    // for (入选“中国科学十大进展”).
    let chars: Vec<char> = term.chars().collect();
    let is_number = |c: char| c.is_ascii_digit() || numerals::is_numeral_char(c);
    let ordinal = chars.windows(2).any(|w| w[0] == '第' && is_number(w[1]));
    let model = chars.windows(2).any(|w| is_number(w[0]) && w[1] == '号');
    let streak = chars.len() >= 3
        && chars[chars.len() - 2] == '连'
        && chars[..chars.len() - 2].iter().all(|&c| is_number(c));
    // A ranking (“…企业500强”, “…百强”): a list something is chosen for.
    let ranking =
        chars.len() >= 3 && chars[chars.len() - 1] == '强' && is_number(chars[chars.len() - 2]);
    // A programme's list stays the programme's (列入“双一流”建设序列).
    let chosen_for = ["入选", "荣获", "获评", "评为", "列入", "获得"]
        .iter()
        .any(|w| before.ends_with(w) || before.ends_with(&format!("{w}“")))
        && !after.starts_with("建设");
    if ordinal || model || streak || ranking || chosen_for {
        return false;
    }
    let near_plan_word = {
        let next: String = after.chars().take(5).collect();
        ["行动", "工程", "计划", "规划", "战略"]
            .iter()
            .any(|w| next.contains(w))
    };
    numbered
        || lexicon
            .plan_suffixes
            .iter()
            .any(|s| term.ends_with(s.as_str()) && term.chars().count() > s.chars().count())
        || near_plan_word
}

/// Whether the quoted `term`, with the text `after` its closing mark, names a
/// campaign: a campaign word (活动: data/rules/plan-suffixes.tsv) follows at once
/// or after 等 and at most eight characters of its kind (等惠企活动, 系列产销对接
/// 活动), unless the phrase ends as an event's name does or those characters
/// hold an event's end (“X日”活动, “Y”等赛事活动: data/rules/event-heads.tsv).
fn names_a_campaign(term: &str, after: &str, lexicon: &Lexicon) -> bool {
    let after = after.strip_prefix('等').unwrap_or(after);
    // The words between the phrase and the campaign word.
    let Some(kind) = lexicon.campaign_words.iter().find_map(|w| {
        let kind = &after[..after.find(w.as_str())?];
        (kind.chars().count() <= 8 && kind.chars().all(|c| is_name_char(c) && !c.is_ascii()))
            .then_some(kind)
    }) else {
        return false;
    };
    !lexicon
        .event_ends
        .iter()
        .any(|e| term.ends_with(e.as_str()) || kind.contains(e.as_str()))
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

/// True when `name` ends with an organisation suffix whose blocked continuations
/// include the start of `after`.
fn suffix_blocked(lexicon: &Lexicon, name: &str, after: &str) -> bool {
    suffix_rule(lexicon, name).is_some_and(|rule| {
        rule.blocked_after
            .iter()
            .any(|f| after.starts_with(f.as_str()))
    })
}

/// The longest suffix rule that `name` ends with.
fn suffix_rule<'a>(lexicon: &'a Lexicon, name: &str) -> Option<&'a OrgSuffix> {
    lexicon
        .org_suffixes
        .iter()
        .filter(|r| name.ends_with(r.suffix.as_str()))
        .max_by_key(|r| r.suffix.len())
}

pub(crate) fn is_name_char(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}') || c.is_ascii_alphanumeric()
}

/// Organisation names that end in a suffix (…中心, …委员会) and start with a name head
/// (中国, 国际, a known place or organisation), or, with `brands` (in reports, not in
/// legal texts, where 开户银行 and 新设公司 are roles), companies and institutions
/// named by a brand (苏豪集团).
fn organisations_by_suffix(
    chars: &[char],
    text: &str,
    offsets: &Offsets,
    lexicon: &Lexicon,
    joined: &[bool],
    brands: bool,
) -> Vec<Found> {
    const MAX_LEFT: usize = 16;
    let mut out = Vec::new();
    for m in lexicon.suffix_automaton.find_iter(text) {
        let s = offsets.char(m.start());
        let mut e = offsets.char(m.end());
        // A group's registered name goes on with its legal form (甲乙集团|有限公司).
        if text[..m.end()].ends_with("集团") {
            e += registered_form(&chars[e..]);
        }
        if suffix_blocked(lexicon, &text[m.start()..m.end()], &text[m.end()..]) {
            continue;
        }
        // A determiner or pronoun right before the suffix refers to a body named
        // elsewhere (贵公司, 本委员会, 该中心): no name ends here.
        if s > 0
            && REFERRING.contains(&chars[s - 1])
            && !(e - s == 1 && lexicon.common_words.contains(&[chars[s - 1], chars[s]]))
        {
            continue;
        }
        // A series of bodies (甲乙系列实验室) is a kind, no one body's name.
        if chars[..s].ends_with(&['系', '列']) {
            continue;
        }
        // How far left the name may reach. A body that is not a unit of another
        // (政府, 法院, as opposed to 部, 办公厅) does not reach across the end of
        // another organisation's name (黄河水利委员会商十一省区市人民政府).
        let rule = suffix_rule(lexicon, &text[m.start()..m.end()]);
        let unit = rule.is_some_and(|r| r.unit);
        let stop_at = if unit {
            &[][..]
        } else {
            &lexicon.long_suffixes[..]
        };
        let mut k = left_reach(chars, s, MAX_LEFT, lexicon, joined, stop_at);
        // Two stop characters also join the words of a name: 等 ending a word of
        // grade (高等|研究院, 中等|职业学校), and 与 between two fields after a place
        // when no name head follows it (西安材料科学与工程研究院; 加强与|四川大学 is
        // no name).
        while k >= 2 && s - k < MAX_LEFT {
            let grade = chars[k - 1] == '等'
                && chars[k - 2] != '等'
                && lexicon.common_words.contains(&[chars[k - 2], '等']);
            let fields = chars[k - 1] == '与'
                && is_name_char(chars[k - 2])
                && !lexicon.stop_chars.contains(&chars[k - 2])
                && (k..s).all(|p| head_at(&chars[p..s], lexicon).is_none());
            if !grade && !fields {
                break;
            }
            let wider = left_reach(
                chars,
                k - 1,
                MAX_LEFT - (s - k + 1),
                lexicon,
                joined,
                stop_at,
            );
            // Joined by 与, the name starts before it.
            if fields
                && (wider..k - 1).all(|p| !head_at(&chars[p..s], lexicon).is_some_and(|h| h.place))
            {
                break;
            }
            k = wider;
        }
        // The leftmost name head in reach starts the name.
        let Some((begin, head)) = (k..s).find_map(|p| Some((p, head_at(&chars[p..s], lexicon)?)))
        else {
            if brands {
                if rule.is_some_and(|r| r.own)
                    && let Some(begin) = own_region_start(chars, k, s, lexicon)
                {
                    out.push(Found::organisation(chars, begin, e));
                } else if rule.is_some_and(|r| r.brand)
                    && let Some(begin) = brand_start(chars, k, s, lexicon)
                {
                    out.push(Found::organisation(chars, begin, e));
                }
            }
            continue;
        };
        // A laboratory is named by its field before its place (深海探测|山东实验室):
        // the field starts the name after a verb or in a list (see field_start).
        let begin = match rule {
            Some(r) if r.field && head.place && brands => field_start(chars, k, begin, lexicon),
            _ => begin,
        };
        let needs_core = rule.is_some_and(|r| r.needs_core);
        if needs_core && head.place && begin + head.len == s {
            continue;
        }
        // A name head alone before the suffix is a generic phrase (国际组织, 中国政府).
        if !head.place && begin + head.len == s && !head.known {
            continue;
        }
        // A one-character suffix that ends a verb (签署, 部署) is no body's.
        if e - s == 1 && s > 0 && lexicon.verbs.contains(&[chars[s - 1], chars[s]]) {
            continue;
        }
        // 部门 is any department, never inside a body's name: a verb follows it
        // (民政部门定期组织, 卫生行政部门通报总后勤部).
        if chars[begin..s].windows(2).any(|w| w == ['部', '门']) {
            continue;
        }
        // A count of things (法规4部), not a body.
        if s > begin && (chars[s - 1].is_ascii_digit() || numerals::is_numeral_char(chars[s - 1])) {
            continue;
        }
        // A known organisation's name ends this one after more than a place
        // before it (长白山获|联合国教科文组织): the known name is the name.
        if (begin + 2..s).any(|p| {
            let tail: String = chars[p..e].iter().collect();
            lexicon
                .lookup(&tail)
                .is_some_and(|t| t.kind == EntityKind::Organization)
                && head_at(&chars[begin..p], lexicon).is_none_or(|h| begin + h.len != p)
        }) {
            continue;
        }
        // A name of two countries joined by a dash starts with the first (中国—中亚
        // 减贫合作中心, 中国—东盟 …).
        let begin = joined_by_dash(chars, begin, lexicon, None);
        let found = Found::organisation(chars, begin, e);
        if lexicon
            .not_name_words
            .iter()
            .any(|w| found.entity.label.ends_with(w.as_str()))
        {
            continue;
        }
        out.push(found);
    }
    out
}

/// The length of the legal form that goes on a group's registered name right after
/// 集团 (股份有限公司, 有限责任公司, 有限公司), or 0.
fn registered_form(after_group: &[char]) -> usize {
    ["股份有限公司", "有限责任公司", "有限公司"]
        .iter()
        .find(|f| super::starts_with_word(after_group, f))
        .map_or(0, |f| f.chars().count())
}

/// Where a name that starts at `begin` after a dash joining it to a known place
/// (中国—|中亚…) really starts: at that place; else `begin`. With the document's
/// `region`, a township's short name that one township of the region bears is a
/// known place too (a border town joined to its neighbour across the border).
fn joined_by_dash(chars: &[char], begin: usize, lexicon: &Lexicon, region: Option<usize>) -> usize {
    let dashes = chars[..begin]
        .iter()
        .rev()
        .take_while(|&&c| matches!(c, '—' | '－' | '-'))
        .count();
    if dashes == 0 || dashes > 2 {
        return begin;
    }
    let end = begin - dashes;
    (2..=end.min(6))
        .rev()
        .find(|&n| {
            let name: String = chars[end - n..end].iter().collect();
            lexicon
                .lookup(&name)
                .is_some_and(|e| e.kind == EntityKind::Place)
                || matches!(lexicon.township_short(&name, region), Some(Some(_)))
                    && (clause_boundary(chars, end - n, lexicon)
                        || lexicon.ends_with_verb(&chars[..end - n])
                        || lexicon.ends_with_opening_word(&chars[..end - n]))
        })
        .map_or(begin, |n| end - n)
}

/// Where a name that starts at `begin` right after places joined to it by dashes
/// (西宁—|海东…, A—B—|C…) starts: at the first of them; `None` when no
/// known place and dash stand right before `begin`.
fn dash_joined_start(
    chars: &[char],
    begin: usize,
    lexicon: &Lexicon,
    region: Option<usize>,
) -> Option<usize> {
    let mut at = begin;
    loop {
        let b = joined_by_dash(chars, at, lexicon, region);
        if b == at {
            break;
        }
        at = b;
    }
    (at < begin).then_some(at)
}

/// Regions named in the literary way before 大地 (甲乙大地: the land of a province
/// or region by its poetic name, which no gazetteer lists): a name of two
/// characters that is no common word, no verb and no number, and makes no word
/// with the characters around it, is a place. 大地 that starts a longer word
/// (大地震, 大地测量, 大地坐标, 大地水准面, 大地线) names no land.
fn lands(chars: &[char], lexicon: &Lexicon) -> Vec<Found> {
    let mut out = Vec::new();
    for at in 2..chars.len().saturating_sub(1) {
        if chars[at] != '大' || chars[at + 1] != '地' {
            continue;
        }
        if chars
            .get(at + 2)
            .is_some_and(|c| matches!(c, '震' | '测' | '坐' | '水' | '线'))
        {
            continue;
        }
        let b = at - 2;
        let name = &chars[b..at];
        let plain = name.iter().all(|&c| {
            is_name_char(c)
                && !c.is_ascii()
                && !numerals::is_numeral_char(c)
                && !lexicon.stop_chars.contains(&c)
        });
        // The name starts no word with the character before it (心系|甲乙 is
        // fine, 扩|大地 is 扩大) and ends none with 大.
        let word =
            |pair: [char; 2]| lexicon.common_words.contains(&pair) || lexicon.verbs.contains(&pair);
        let starts_clear = clause_boundary(chars, b, lexicon) || !word([chars[b - 1], name[0]]);
        if plain
            && starts_clear
            && !word([name[1], '大'])
            && !lexicon.common_words.contains(&[name[0], name[1]])
            && !lexicon.name_words.contains(&[name[0], name[1]])
            && !lexicon.verbs.contains(&[name[0], name[1]])
        {
            let label: String = name.iter().collect();
            out.push(Found {
                begin: b,
                end: at,
                entity: named(EntityKind::Place, &label),
                priority: 2,
                rule_found: true,
            });
        }
    }
    out
}

/// Central enterprises named 中国 and a brand of two characters (中国华能, 中国星网,
/// 中国中化), at a word boundary on both sides: after a boundary, a verb or a
/// word that joins partners (与, 同, 和, 及), and before punctuation, a
/// conjunction, 等, 总部, a verb or a word that opens a clause (深化, 发展). A
/// common word after 中国 is a description (中国特色, 中国制造), not a brand.
fn national_brands(chars: &[char], lexicon: &Lexicon) -> Vec<Found> {
    let mut out = Vec::new();
    for b in 0..chars.len().saturating_sub(3) {
        if chars[b] != '中' || chars[b + 1] != '国' {
            continue;
        }
        let stem = &chars[b + 2..b + 4];
        let before = b == 0
            || !is_name_char(chars[b - 1])
            || lexicon.stop_chars.contains(&chars[b - 1])
            || matches!(chars[b - 1], '与' | '同' | '和' | '及')
            || lexicon.ends_with_verb(&chars[..b]);
        let after = chars
            .get(b + 4)
            .is_none_or(|&c| !is_name_char(c) || matches!(c, '和' | '与' | '及' | '等'))
            || chars[b + 4..].starts_with(&['总', '部'])
            || lexicon.starts_with_verb(&chars[b + 4..])
            || lexicon.starts_with_opening_word(&chars[b + 4..]);
        // Nor 中 before a known name that 国 opens (其中|国务院).
        let known_after = (b + 4..=chars.len().min(b + 10)).any(|e| {
            lexicon
                .lookup(&chars[b + 1..e].iter().collect::<String>())
                .is_some()
        });
        if before
            && after
            && !known_after
            && stem.iter().all(|&c| is_name_char(c) && !c.is_ascii())
            && !lexicon.ends_with_common_word(stem)
        {
            out.push(Found::organisation(chars, b, b + 4));
        }
    }
    out
}

/// Where a body of the document's own province or city starts when it is named
/// by 省 or 市 and a name of its own before its suffix (省|氢能产业|研究院,
/// 市|先进材料|研究院), or `None`: 省 or 市 right after the reach's start or a
/// verb, not starting a common word (市场, 省份), and two to eight characters of
/// name between it and the suffix, holding no numeral.
fn own_region_start(chars: &[char], k: usize, s: usize, lexicon: &Lexicon) -> Option<usize> {
    const NUMERALS: &str = "一二三四五六七八九十百千万亿两几零〇";
    let begin = (k..s).find(|&p| {
        matches!(chars[p], '省' | '市') && (p == k || lexicon.ends_with_verb(&chars[k..p]))
    })?;
    let name = &chars[begin + 1..s];
    ((2..=8).contains(&name.len())
        && !lexicon.common_words.contains(&[chars[begin], name[0]])
        && !matches!(
            name[0],
            '级' | '属' | '内' | '外' | '委' | '直' | '县' | '区' | '、'
        )
        && !lexicon.starts_with_verb(name)
        && !name
            .iter()
            .any(|&c| NUMERALS.contains(c) || c.is_ascii_digit()))
    .then_some(begin)
}

/// Where a laboratory's name starts when its field stands before its place
/// (深海探测|山东实验室): right after a common verb or a word that opens a clause
/// (培育|量子信息湖北实验室), or after a list's 、 or a conjunction
/// (A和|深海探测山东实验室), when two to eight characters of field are left that
/// do not start with a verb; else at the place. A clause starts with a verb more
/// often than with a field (，培育海洋科技|山东实验室 would hold the verb), so a
/// field after a comma alone is not taken.
fn field_start(chars: &[char], k: usize, place: usize, lexicon: &Lexicon) -> usize {
    // The first boundary that leaves a field: a verb's end inside a word of the
    // field (培育|人工智能: 育人 is a verb too) is passed over.
    (k..place)
        .find(|&p| {
            // A verb or a word that opens a clause (培育, 建设), which the reach
            // may end right after.
            let after_verb = (p == k || p >= k + 2)
                && (lexicon.ends_with_verb(&chars[..p])
                    || lexicon.ends_with_opening_word(&chars[..p]));
            let listed = p > 0 && p == k && matches!(chars[p - 1], '、' | '和' | '与' | '及');
            let field = &chars[p..place];
            (after_verb || listed)
                && (2..=8).contains(&field.len())
                && !lexicon.starts_with_verb(field)
        })
        .unwrap_or(place)
}

/// Where a brand name before a company's or institution's suffix starts (苏豪|集团,
/// 推动磷化|集团, ，北大荒|集团, 西湖|大学), or `None`: two to four characters within
/// the left reach `k`, right after a boundary (the reach's end, or a common verb),
/// not starting with a verb, holding no numeral, and neither ending nor (when longer
/// than two) starting with a common word (上市|公司, 项目|公司, 高水平|大学,
/// 股份制|银行 are descriptions, not names). The longest such name wins.
const NUMERALS: &str = "一二三四五六七八九十百千万亿两几零〇";

/// A brand that opens with one numeral and goes on with no count (九峰山实验室),
/// as opposed to a count or a rank of bodies (三家银行, 两个实验室, 十大集团,
/// 一批实验室): the numeral is followed by no numeral, unit or word of rank.
fn numbered_brand(name: &[char], lexicon: &Lexicon) -> bool {
    let rest: String = name[1..].iter().collect();
    NUMERALS.contains(name[0])
        && !name[1..].iter().any(|&c| NUMERALS.contains(c))
        && !"大批类项级强种些股届期".contains(name[1])
        && !lexicon
            .units
            .iter()
            .any(|(u, _)| rest.starts_with(u.as_str()))
}

fn brand_start(chars: &[char], k: usize, s: usize, lexicon: &Lexicon) -> Option<usize> {
    (2..=4usize).rev().find_map(|len| {
        let begin = s.checked_sub(len).filter(|&b| b >= k)?;
        let name = &chars[begin..s];
        let at_boundary = begin == k || lexicon.ends_with_verb(&chars[k..begin]);
        (at_boundary
            && !lexicon.starts_with_verb(name)
            && !lexicon.ends_with_common_word(name)
            && (len == 2 || !lexicon.ends_with_common_word(&name[..2]))
            && !name.iter().any(|&c| c.is_ascii_digit())
            && (!name.iter().any(|&c| NUMERALS.contains(c)) || numbered_brand(name, lexicon)))
        .then_some(begin)
    })
}

/// How far left of `s` a name may start: not across a non-name character, a stop
/// character or stop phrase (unless inside a joined phrase), or the end of any of
/// `stop_at`; at most `max` characters.
fn left_reach(
    chars: &[char],
    s: usize,
    max: usize,
    lexicon: &Lexicon,
    joined: &[bool],
    stop_at: &[String],
) -> usize {
    let mut k = s;
    while k > 0 && s - k < max {
        let c = chars[k - 1];
        if !is_name_char(c) || (lexicon.stop_chars.contains(&c) && !joined[k - 1]) {
            break;
        }
        if !joined[k - 1] && ends_with_any(&chars[..k], &lexicon.stop_phrases) {
            break;
        }
        if ends_with_any(&chars[..k], stop_at) {
            break;
        }
        k -= 1;
    }
    k
}

/// Places by suffix (…试验区 after a known place, …水库 after a boundary) and
/// unquoted strategies (扩大内需战略), from data/rules/name-suffixes.tsv.
fn names_by_suffix(
    chars: &[char],
    text: &str,
    offsets: &Offsets,
    lexicon: &Lexicon,
    (known, joined): (&[bool], &[bool]),
    region: Option<usize>,
    held: &mut Vec<(usize, usize)>,
) -> Vec<Found> {
    let mut out = Vec::new();
    // Zones' suffixes with no known place before them, for zones_listed_beside:
    // (reach, suffix start, end, the rule's least and most core characters).
    let mut unopened = Vec::new();
    for m in lexicon.name_suffix_automaton.find_iter(text) {
        let rule = &lexicon.name_suffixes[m.pattern().as_usize()];
        let s = offsets.char(m.start());
        let e = offsets.char(m.end());
        if rule
            .blocked_after
            .iter()
            .any(|f| text[m.end()..].starts_with(f.as_str()))
        {
            continue;
        }
        // The suffix opens the name of a known place (发展|湖南, 扩大|山东): no
        // name ends with it.
        if (e - s == 1)
            && (2..=4).any(|n| {
                s + n <= chars.len() && {
                    let name: String = chars[s..s + n].iter().collect();
                    lexicon
                        .lookup(&name)
                        .is_some_and(|x| x.kind == EntityKind::Place && x.division.is_some())
                }
            })
        {
            continue;
        }
        let reach = rule.max_core.max(12);
        let k = left_reach(chars, s, reach, lexicon, joined, &lexicon.long_suffixes);
        let begin = match rule.start {
            // A known place and the suffix, nothing between (黄浦江, 苏州河, 赤峰道),
            // after a boundary.
            // A mountain is named after a county or a town (五台山 of 五台县),
            // never a province: a province's name and 山 speak of its mountains.
            NameStart::Exact => {
                let suffix = &text[m.start()..m.end()];
                let mountain = suffix == "山";
                // A known place may open with a stop character (日照|港, 日 of
                // dates): the reach stops before the name, not inside it.
                let Some(begin) = (s.saturating_sub(8)..s).find(|&p| {
                    if p < k && !chars[p..k].iter().all(|&c| is_name_char(c)) {
                        return false;
                    }
                    let name: String = chars[p..s].iter().collect();
                    lexicon.lookup(&name).is_some_and(|e| {
                        e.kind == EntityKind::Place
                            && !(mountain
                                && e.division.is_some_and(|d| {
                                    crate::divisions::bundled().get(d).level
                                        == crate::divisions::Level::Province
                                }))
                    })
                    // or a short name of the region's own that is a word too
                    // (日照|港 in 山东's documents).
                        || (!mountain
                            && regional_short_at(&chars[p..s], lexicon, region) == Some(s - p))
                }) else {
                    continue;
                };
                // A mountain's or an island's name starts at a word's start, not
                // inside a word (乾元|山南|山角 is no 山南山).
                if (mountain || suffix == "岛") && {
                    let byte =
                        m.start() - chars[begin..s].iter().map(|c| c.len_utf8()).sum::<usize>();
                    !clause_boundary(chars, begin, lexicon)
                        && !at_name_boundary(text, byte, lexicon)
                        && !lexicon.ends_with_opening_word(&chars[..begin])
                } {
                    continue;
                }
                begin
            }
            // Named after a known place: from that place on (江西内陆开放型经济试验区).
            // It starts at a boundary too, never in the middle of a word.
            NameStart::Place => {
                let opened = (k..s)
                    .find(|&p| head_at(&chars[p..s], lexicon).is_some_and(|h| h.place))
                    .or_else(|| regional_opening(chars, k, s, lexicon, region))
                    .or_else(|| {
                        (!rule.facility)
                            .then(|| township_opening(chars, k, s, lexicon, region))
                            .flatten()
                    })
                    .or_else(|| {
                        (!rule.facility && rule.kind == EntityKind::Place)
                            .then(|| place_word_opening(chars, k, s, lexicon))
                            .flatten()
                    });
                // A zone of places joined by dashes is named from the first
                // (西宁—海东都市圈), whatever the part after the last dash is (an
                // organisation, a foreign town no list knows).
                let joined = match opened {
                    Some(b) if b > k => None,
                    _ if !rule.facility && rule.kind == EntityKind::Place => {
                        dash_joined_start(chars, k, lexicon, region)
                    }
                    _ => None,
                };
                let Some(begin) = joined.or(opened) else {
                    // Facilities counted after their places (共和2个抽水蓄能电站)
                    // are a description: the places are mentions.
                    if !rule.facility && rule.kind == EntityKind::Place {
                        unopened.push((k, s, e, rule.min_core, rule.max_core));
                    }
                    continue;
                };
                // Places joined by dashes are a name's start wherever they
                // stand, after any verb (融入|A—B自由贸易区).
                let at_boundary = joined.is_some()
                    || clause_boundary(chars, begin, lexicon)
                    // After a word that opens a clause (健全|南京都市圈), for the
                    // names of zones, which reports write as its object.
                    || (!rule.facility && lexicon.ends_with_opening_word(&chars[..begin]))
                    // Right after a known name, not inside one.
                    || known.get(begin - 1).is_some_and(|&k| k) && !known[begin];
                if !at_boundary && !rule.facility {
                    continue;
                }
                // A facility's name goes on from its place with no verb (渝东南|迈入
                // 高铁时代) and no count of places (镇原4县高速项目): those are
                // phrases about the place.
                if rule.facility {
                    let place = match head_at(&chars[begin..s], lexicon) {
                        Some(h) if h.place => h.len,
                        other => regional_short_at(&chars[begin..s], lexicon, region)
                            .or(other.map(|h| h.len))
                            .unwrap_or(0),
                    };
                    let rest = &chars[begin + place..s];
                    let counts_places = rest.windows(2).any(|w| {
                        (w[0].is_ascii_digit() || numerals::is_numeral_char(w[0]))
                            && matches!(w[1], '县' | '市' | '区' | '州' | '盟' | '地' | '省')
                    });
                    // An event's one-character suffix (节, 赛) needs a name of two
                    // characters or more after the place: one character makes a
                    // word with it (…|季节, …|比赛, …|拔节).
                    let short_event =
                        matches!(&text[m.start()..m.end()], "节" | "赛") && rest.len() < 2;
                    // The China–Europe (–Asia, –Laos …) freight trains are one
                    // national service that cities run (甲市中欧班列, 乙市中亚班列):
                    // the city is a description of it, a mention, and the
                    // service's own name holds none.
                    let national_trains =
                        &text[m.start()..m.end()] == "班列" && rest.first() == Some(&'中');
                    if national_trains {
                        out.push(Found::not_a_name(begin + place, e));
                        continue;
                    }
                    if counts_places
                        || short_event
                        || lexicon
                            .leading_verbs
                            .iter()
                            .any(|v| super::starts_with_word(rest, v))
                        || lexicon.starts_with_verb(rest)
                    {
                        continue;
                    }
                }
                // A street is the place, a direction at most, and 路/街/大道
                // (南京东路); 江苏道路 is a road of 江苏, no street's name.
                let suffix = &text[m.start()..m.end()];
                if matches!(suffix, "路" | "街" | "大道" | "大街") {
                    let head = head_at(&chars[begin..s], lexicon).map_or(0, |h| h.len);
                    let middle: String = chars[begin + head..s].iter().collect();
                    if !matches!(middle.as_str(), "" | "东" | "西" | "南" | "北" | "中") {
                        continue;
                    }
                }
                // 园区 right after a place is that place's park (陈仓、洋县|园区), a
                // description: a park's name has words of its own between.
                if suffix == "园区"
                    && head_at(&chars[begin..s], lexicon).is_some_and(|h| begin + h.len == s)
                {
                    continue;
                }
                zone_preposition(chars, begin, rule.facility, lexicon)
            }
            // A name of its own starts at a clear boundary: the end of a known place
            // (信阳市|鲇鱼山水库), else the start of the text, punctuation, a stop
            // word or a verb (开工建设|河套灌区).
            NameStart::Own => {
                let lowest = s.saturating_sub(rule.max_core).max(k);
                // The end of an administrative division is the surest start
                // (信阳市|鲇鱼山水库, 呼和浩特|敕勒川草原); other places may be part
                // of the name (东北虎豹国家公园).
                // Not a division whose name runs on (东兰|县: the county 东兰县
                // ends after 县, and the feature's name starts there).
                let after_place = |p: usize| {
                    p >= 2
                        && (2..=p.min(12)).any(|n| {
                            let name: String = chars[p - n..p].iter().collect();
                            let longer: String = chars[p - n..=p].iter().collect();
                            lexicon.lookup(&name).is_some_and(|e| {
                                e.kind == EntityKind::Place && e.division.is_some()
                            }) && lexicon
                                .lookup(&longer)
                                .is_none_or(|e| e.kind != EntityKind::Place)
                        })
                };
                // Else the start of the text, punctuation, a stop word or a verb.
                let boundary = |p: usize| {
                    ends_with_any(&chars[..p], &lexicon.leading_verbs)
                        || lexicon.ends_with_verb(&chars[..p])
                        || p == k
                            && (p == 0
                                || !is_name_char(chars[p - 1])
                                || lexicon.stop_chars.contains(&chars[p - 1])
                                || ends_with_any(&chars[..p], &lexicon.stop_phrases))
                };
                // A division's name that leaves too short a core is the start of
                // the name's own word (贡嘎|山: 贡嘎县 is a county, 贡嘎山 the
                // mountain of a national park), no place before it.
                let Some(begin) = (lowest..s)
                    .find(|&p| after_place(p) && s - p >= rule.min_core)
                    .or_else(|| (lowest..s).find(|&p| boundary(p)))
                else {
                    continue;
                };
                // A known place across the name's core and suffix is the name (巢湖
                // after 申报): the gazetteer finds it.
                let whole: String = chars[begin..e].iter().collect();
                if lexicon.lookup(&whole).is_none()
                    && (begin + 1..s).any(|q| {
                        let name: String = chars[q..e].iter().collect();
                        lexicon
                            .lookup(&name)
                            .is_some_and(|x| x.kind == EntityKind::Place)
                    })
                {
                    continue;
                }
                // Nor does one start with 中国: that is a company's (中国|盐湖).
                if chars[begin..s].starts_with(&['中', '国']) {
                    continue;
                }
                let begin = lexicon.past_clause_verbs(chars, begin, s, true);
                // A verb inside the core makes it a clause about the feature
                // (部门确定|水库), no name.
                if (begin + 1..s).any(|q| lexicon.starts_with_verb(&chars[q..s])) {
                    continue;
                }
                begin
            }
        };
        // Places joined by dashes before the name's own words are no part of its
        // core (甲—乙|经济合作区): the core is what follows the last dash.
        let core = s - chars[begin..s]
            .iter()
            .rposition(|c| matches!(c, '—' | '－' | '-'))
            .map_or(begin, |d| begin + d + 1);
        if rule.start != NameStart::Exact && (core < rule.min_core || core > rule.max_core) {
            continue;
        }
        let e = if rule.facility {
            section_end(chars, e, lexicon)
        } else {
            e
        };
        let label: String = chars[begin..e].iter().collect();
        // 美丽 and a place is a goal (美丽中国, ANNOTATION.md's 美丽江苏建设): a zone
        // built on it (美丽中国先行区, 美丽城市先行区) is no name, and the place in it
        // is a mention of its own.
        // Nor is a batch of zones (我国首批国家公园, 第一批…先行区) a zone's name.
        if rule.kind == EntityKind::Place
            && !rule.facility
            && (label.contains("美丽")
                || chars[..begin].ends_with(&['美', '丽'])
                || label.contains("首批")
                || label.contains("一批"))
        {
            continue;
        }
        // Words that end no name (物流中心: a role, a description) end none here,
        // unless the rule's own suffix is one of them (保税物流中心, a customs
        // facility of that name).
        let suffix = &text[m.start()..m.end()];
        if lexicon
            .not_name_words
            .iter()
            .any(|w| label.ends_with(w.as_str()) && !suffix.ends_with(w.as_str()))
        {
            continue;
        }
        // Facilities coordinated before one shared head are as many facilities,
        // with no place mention in any, unless the head is a site's that
        // places_before_shared_heads reads as shared (榆林、延安|机场: two places).
        if rule.facility {
            held.extend(coordinated_before(chars, begin, lexicon));
        }
        // Features coordinated before one shared head (龙羊峡、刘家峡、小浪底水库):
        // each name is a place of its own, without the head.
        if rule.start == NameStart::Own && !rule.facility {
            let items = coordinated_before(chars, begin, lexicon);
            if !items.is_empty() {
                for (b, e) in items.into_iter().chain([(begin, s)]) {
                    let label: String = chars[b..e].iter().collect();
                    out.push(Found {
                        begin: b,
                        end: e,
                        entity: named(EntityKind::Place, &label),
                        priority: 3,
                        rule_found: false,
                    });
                }
                continue;
            }
        }
        out.push(Found {
            begin,
            end: e,
            entity: named(rule.kind, &label),
            priority: if rule.facility { NOT_A_NAME } else { 3 },
            rule_found: rule.kind == EntityKind::Place && !rule.facility,
        });
    }
    zones_listed_beside(chars, lexicon, &unopened, &mut out);
    out
}

/// Where a zone's name opens with a township of the document's region (a zone
/// named after the town or subdistrict it lies in, X科学城 of X街道): a
/// township's name less its 镇, 乡, 街道 or 地区, of two or three characters,
/// that only one township of the region bears and that is no common word, at a
/// clause's boundary between the reach `k` and the suffix at `s`.
fn township_opening(
    chars: &[char],
    k: usize,
    s: usize,
    lexicon: &Lexicon,
    region: Option<usize>,
) -> Option<usize> {
    region?;
    (k..s).find(|&p| {
        (clause_boundary(chars, p, lexicon) || lexicon.ends_with_opening_word(&chars[..p]))
            && [3, 2].iter().any(|&n| {
                p + n <= s && {
                    let name = &chars[p..p + n];
                    let word = |w: &[char]| {
                        lexicon.common_words.contains(&[w[0], w[1]])
                            || lexicon.name_words.contains(&[w[0], w[1]])
                    };
                    // No common word, nor one ending it, nor a verb opening it.
                    let worded = word(name) || n == 3 && word(&name[1..]);
                    !(worded || lexicon.starts_with_verb(name))
                        && matches!(
                            lexicon.township_short(&name.iter().collect::<String>(), region),
                            Some(Some(_))
                        )
                }
            })
    })
}

/// Where a zone's name opens with a place name that jieba knows and no list of
/// divisions holds (data/rules/place-words.tsv: 临港, 漕河泾), between the reach
/// `k` and the suffix at `s`: after a clause's boundary or a word that opens one
/// (推进|漕河泾开发区), not after a count (23个|甲乙协作产业园 is a kind of zone
/// that many places have).
fn place_word_opening(chars: &[char], k: usize, s: usize, lexicon: &Lexicon) -> Option<usize> {
    (k..s).find(|&p| {
        (clause_boundary(chars, p, lexicon) || lexicon.ends_with_opening_word(&chars[..p]))
            && !(p >= 2
                && matches!(chars[p - 1], '个' | '批' | '家' | '座')
                && (chars[p - 2].is_ascii_digit() || numerals::is_numeral_char(chars[p - 2])))
            && (2..=4).rev().any(|n| {
                p + n <= s
                    && lexicon
                        .place_words
                        .contains(&chars[p..p + n].iter().collect::<String>())
            })
    })
}

/// Where a name opens with a short name that counts only in its own region's
/// documents (data/rules/regional-short-names.tsv: 运城, 大同 in 山西's), between
/// the reach `k` and the suffix at `s`: the gazetteer lookup of [`head_at`] does
/// not know them, so a facility named after one (运城机场) would hold a place.
fn regional_opening(
    chars: &[char],
    k: usize,
    s: usize,
    lexicon: &Lexicon,
    region: Option<usize>,
) -> Option<usize> {
    (k..s).find(|&p| regional_short_at(&chars[p..s], lexicon, region).is_some())
}

/// How many characters of `chars` a short name of [`regional_opening`] takes.
fn regional_short_at(chars: &[char], lexicon: &Lexicon, region: Option<usize>) -> Option<usize> {
    let region = region?;
    let start: String = chars.iter().take(4).collect();
    if let Some(n) = lexicon.own_abbreviated_region_at(&start, region) {
        return Some(n);
    }
    [3, 2].into_iter().find(|&n| {
        n <= chars.len() && {
            let name: String = chars[..n].iter().collect();
            lexicon
                .regional_shorts_in(&name, region)
                .any(|(b, e, ..)| b == 0 && e == name.len())
        }
    })
}

/// Zones listed beside zones (甲科学城、乙科学城和丙创新城): an item of a list
/// that ends with a zone's suffix is a zone's whole name when the item next to it
/// is one, even though no known place opens it. `unopened` holds the suffixes
/// with no place before them: (reach, suffix start, end, the rule's core
/// bounds). The item runs from the reach, less the verbs that open the clause, to
/// the suffix's end; it holds no numeral and is two to eight characters before
/// its suffix.
fn zones_listed_beside(
    chars: &[char],
    lexicon: &Lexicon,
    unopened: &[(usize, usize, usize, usize, usize)],
    out: &mut Vec<Found>,
) {
    let joins = |c: char| matches!(c, '、' | '和' | '及' | '与');
    // Where the zones found so far begin and end, kept up to date as more are.
    let zone = |f: &Found| f.entity.kind == EntityKind::Place && f.rule_found;
    let mut begins: std::collections::HashSet<usize> =
        out.iter().filter(|f| zone(f)).map(|f| f.begin).collect();
    let mut ends: std::collections::HashSet<usize> =
        out.iter().filter(|f| zone(f)).map(|f| f.end).collect();
    let mut done = vec![false; unopened.len()];
    loop {
        let mut added = false;
        for (i, &(k, s, e, min_core, max_core)) in unopened.iter().enumerate() {
            if done[i] {
                continue;
            }
            let begin = lexicon.past_clause_verbs(chars, k, s, true);
            let core = s.saturating_sub(begin);
            // A designation opens with a grade or a scope, no name (国家生态文明
            // 试验区, 省级高新区).
            let designation = ["国家", "全国", "省级", "市级", "县级", "国际", "世界"]
                .iter()
                .any(|w| super::starts_with_word(&chars[begin..s], w))
                || head_at(&chars[begin..s], lexicon).is_some_and(|h| !h.place);
            if begin >= s
                || designation
                || !(2..=8).contains(&core)
                || core < min_core
                || core > max_core
                || chars[begin..s]
                    .iter()
                    .any(|&c| c.is_ascii_digit() || numerals::is_numeral_char(c))
            {
                continue;
            }
            let beside = begin > 0 && joins(chars[begin - 1]) && ends.contains(&(begin - 1))
                || chars.get(e).is_some_and(|&c| joins(c)) && begins.contains(&(e + 1));
            if !beside {
                continue;
            }
            begins.insert(begin);
            ends.insert(e);
            let label: String = chars[begin..e].iter().collect();
            out.push(Found {
                begin,
                end: e,
                entity: named(EntityKind::Place, &label),
                priority: 3,
                rule_found: true,
            });
            done[i] = true;
            added = true;
        }
        if !added {
            break;
        }
    }
}

/// Where a zone's name that starts with a place at `begin` really starts: a
/// preposition of place before the place is part of the name (环渤海经济圈,
/// 沿长江产业带) when it stands at a boundary itself; a facility's name never
/// takes one (环湖|公路 is a road around the lake).
fn zone_preposition(chars: &[char], begin: usize, facility: bool, lexicon: &Lexicon) -> usize {
    if facility || begin == 0 || !matches!(chars[begin - 1], '环' | '沿' | '泛') {
        return begin;
    }
    let p = begin - 1;
    if clause_boundary(chars, p, lexicon) || lexicon.ends_with_opening_word(&chars[..p]) {
        p
    } else {
        begin
    }
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

/// Whether the characters between a list's last item and the head it shares are
/// filler: nothing, 等, a count with the kind of site after it (4个|抽水蓄能|电站,
/// 等|14个), or a word of size (大型).
fn shared_head_filler(rest: &[char]) -> bool {
    let rest = rest.strip_prefix(&['等']).unwrap_or(rest);
    rest.is_empty()
        || matches!(rest, ['大' | '中' | '小', '型'])
        || count_at(rest, 0).is_some_and(|end| {
            rest.len() - end <= 6 && rest[end..].iter().all(|&c| is_name_char(c))
        })
}

/// Words after the head of an area that make it modify them (区域品牌, 区域中心城市,
/// 片区化): the list before it names kinds of thing, not areas.
const HEAD_MODIFIES: &[&str] = &["品牌", "特色", "公用", "中心", "化", "性"];

/// Places listed before the generic head of a site they share
/// (data/rules/site-heads.tsv): 榆林、延安|机场, 旭龙、古水|水电站, 昆明、玉溪大型|水库,
/// 同德、共和2个抽水蓄能|电站. Each item is two to
/// four name characters after 、 or a clear boundary, and at least one of them is a
/// known place, a county written without its kind in the document's region, or a
/// township's name that is not a common word (奔子栏 of 奔子栏镇), which says the
/// list is of places; then every item is one, and the head belongs to none of them. The
/// items, as candidates; the caller frees their spans from the facility names
/// that held them.
fn places_before_shared_heads(
    chars: &[char],
    lexicon: &Lexicon,
    region: Option<usize>,
    legal: bool,
) -> Vec<Found> {
    let mut out = Vec::new();
    // Place names hold characters that are stop characters elsewhere (同德 holds
    // 同), but not these words of grammar.
    let is_item_char = |c: char| {
        is_name_char(c) && !c.is_ascii_digit() && !"的和与及或等在对把被从向为将以并".contains(c)
    };
    // The end of the head starting at `p`, if one does; most characters start
    // none, which their first characters tell at once.
    let heads = || lexicon.site_heads.iter().chain(&lexicon.named_site_heads);
    let firsts: Vec<char> = heads().filter_map(|w| w.chars().next()).collect();
    let head_end = |p: usize| {
        if !firsts.contains(&chars[p]) {
            return None;
        }
        heads()
            .filter(|w| super::starts_with_word(&chars[p..], w))
            .map(|w| p + w.chars().count())
            .max()
    };
    let is_head = |list: &[String], h: usize, end: usize| {
        list.iter()
            .any(|w| super::starts_with_word(&chars[h..], w) && h + w.chars().count() == end)
    };
    for h in 1..chars.len() {
        let Some(end) = head_end(h) else {
            continue;
        };
        // The longest head only (古水|水电站, not 古水水|电站).
        if (h.saturating_sub(3)..h).any(|p| head_end(p).is_some_and(|e| e >= end)) {
            continue;
        }
        // The last 、 before the head, with name characters, digits and fillers
        // only between.
        let Some(sep) = (h.saturating_sub(14)..h)
            .rev()
            .take_while(|&p| chars[p] == '、' || is_name_char(chars[p]))
            .find(|&p| chars[p] == '、')
        else {
            continue;
        };
        // A head of sites named after localities (遗址, 片区): in a report, its
        // list may name none that is known, when 等 closes it (with words of kind
        // between: 等国家考古|遗址) and the head names the areas, not a kind of
        // thing it modifies (区域|转型, not 区域|品牌). Laws list kinds of area
        // before 区域 (幼儿园、居民区等区域), no names.
        let plain_head = is_head(&lexicon.site_heads, h, end);
        let local_head = !legal
            && is_head(&lexicon.named_site_heads, h, end)
            && !HEAD_MODIFIES
                .iter()
                .any(|w| super::starts_with_word(&chars[end..], w));
        let kind_filler = |rest: &[char]| {
            rest.first() == Some(&'等')
                && rest.len() <= 7
                && rest[1..]
                    .iter()
                    .all(|&c| is_item_char(c) && !lexicon.stop_chars.contains(&c))
        };
        // The shortest item the filler follows (玉溪|大型, not 玉溪大型).
        let Some(last_end) = (2..=4).map(|n| sep + 1 + n).find(|&e| {
            e <= h
                && chars[sep + 1..e].iter().all(|&c| is_item_char(c))
                && (plain_head && shared_head_filler(&chars[e..h])
                    || local_head && kind_filler(&chars[e..h]))
        }) else {
            continue;
        };
        let closed_by_kind = local_head && kind_filler(&chars[last_end..h]);
        let mut items = vec![(sep + 1, last_end)];
        let mut at = sep;
        while at > 0 && chars[at] == '、' {
            let item_end = at;
            let start = (2..=4usize)
                .rev()
                .filter(|&n| n <= item_end)
                .map(|n| item_end - n)
                .find(|&st| {
                    let item = &chars[st..item_end];
                    let before = &chars[..st];
                    item.iter().all(|&c| is_item_char(c))
                        && !lexicon.starts_with_verb(item)
                        && !lexicon.starts_with_opening_word(item)
                        && (st == 0
                            || chars[st - 1] == '、'
                            || !is_item_char(chars[st - 1])
                            || lexicon.ends_with_verb(before)
                            || lexicon.ends_with_opening_word(before)
                            || ends_with_any(before, &lexicon.leading_verbs)
                            || ends_with_any(before, &lexicon.stop_phrases))
                });
            let Some(start) = start else {
                break;
            };
            items.push((start, item_end));
            at = start.saturating_sub(1);
            if start == 0 {
                break;
            }
        }
        if items.len() < 2 {
            continue;
        }
        items.reverse();
        let text = |(b, e): (usize, usize)| chars[b..e].iter().collect::<String>();
        let word = |b: usize| {
            b + 2 <= chars.len()
                && (lexicon.common_words.contains(&[chars[b], chars[b + 1]])
                    || lexicon.name_words.contains(&[chars[b], chars[b + 1]]))
        };
        // An item's place: (its entity, whether it shows the list is of places).
        // A township's name counts as evidence only when it is not a common word
        // too (联合 of 联合乡, 车站 of 车站街道).
        let known = |(b, e): (usize, usize)| -> Option<(Entity, bool)> {
            let name = text((b, e));
            match lexicon.resolve(&name, region) {
                Some(Some(entry)) if entry.kind == EntityKind::Place => {
                    Some((Entity::of_entry(entry), true))
                }
                Some(None) => Some((named(EntityKind::Place, &name), true)),
                _ => {
                    // A county written without its kind (同德 of 同德县).
                    let county = ["县", "市", "区", "旗"].iter().find_map(|kind| {
                        match lexicon.resolve(&format!("{name}{kind}"), region) {
                            Some(Some(entry))
                                if entry.division.is_some_and(|d| {
                                    region.is_some_and(|r| crate::divisions::bundled().within(d, r))
                                }) =>
                            {
                                Some(entry)
                            }
                            _ => None,
                        }
                    });
                    if let Some(entry) = county {
                        return Some((Entity::of_entry(entry), true));
                    }
                    let evidence = !(e - b == 2 && word(b));
                    match lexicon.township_short(&name, region)? {
                        Some(entry) => Some((Entity::of_entry(entry), evidence)),
                        None => Some((named(EntityKind::Place, &name), evidence)),
                    }
                }
            }
        };
        // (begin, end, the item's place and whether it shows the list is of places)
        type Item = (usize, usize, Option<(Entity, bool)>);
        let entities: Vec<Item> = items.iter().map(|&(b, e)| (b, e, known((b, e)))).collect();
        // A list of places has a known one, and no item that is a common word or
        // two (国家重点、省级重点实验室, 研发机构、…), a verb's phrase, or a name of
        // its own (酒额铁路、中川|机场, …配置工程、龙湘|水库).
        let not_a_place = |&(b, e, ref entity): &Item| {
            let name = text((b, e));
            let own_name = lexicon
                .name_suffixes
                .iter()
                .filter(|rule| rule.facility)
                .map(|rule| rule.suffix.as_str())
                .chain(lexicon.site_heads.iter().map(String::as_str))
                .chain(lexicon.org_suffixes.iter().map(|o| o.suffix.as_str()))
                .any(|suffix| name.ends_with(suffix));
            // A township's name that is a common word too (河流 of a 河流镇)
            // shows nothing: it counts as no place here.
            own_name
                || entity.as_ref().is_none_or(|k| !k.1)
                    && (e - b == 2 && word(b)
                        || e - b == 4 && word(b) && word(b + 2)
                        || lexicon.starts_with_verb(&chars[b..e]))
        };
        if !(closed_by_kind
            || plain_head && entities.iter().any(|x| x.2.as_ref().is_some_and(|k| k.1)))
            || entities.iter().any(not_a_place)
        {
            continue;
        }
        let entities = entities.into_iter().map(|(b, e, k)| (b, e, k.map(|k| k.0)));
        for (b, e, entity) in entities {
            let entity = entity.unwrap_or_else(|| named(EntityKind::Place, &text((b, e))));
            out.push(Found {
                begin: b,
                end: e,
                entity,
                priority: 4,
                rule_found: false,
            });
        }
    }
    out
}

/// Words that end a route's name (白山至临江|高速公路, 同德至玛沁等|公路项目, 西宁至
/// 玉树|航线): a route between two places is the name of a road, line or project,
/// a single unit.
const ROUTE_HEADS: &[&str] = &[
    "铁路",
    "高铁",
    "城际",
    "公路",
    "高速",
    "国道",
    "省道",
    "快速路",
    "线",
    "通道",
    "管道",
    "航道",
    "航线",
    "班列",
    "项目",
    "工程",
    "段",
    "大桥",
    "隧道",
];

/// The end of a zone's name that goes on from `at` (after the place that opens
/// it): up to eight name characters, none a stop character, no verb first, then a
/// zone's word of data/rules/name-suffixes.tsv (都市圈, 示范区); the shortest.
fn zone_after(chars: &[char], at: usize, lexicon: &Lexicon) -> Option<usize> {
    let suffix_at = |p: usize| {
        lexicon
            .name_suffixes
            .iter()
            .filter(|s| {
                s.kind == EntityKind::Place
                    && !s.facility
                    && s.start == NameStart::Place
                    && super::starts_with_word(&chars[p..], &s.suffix)
            })
            .map(|s| s.suffix.chars().count())
            .max()
    };
    // A verb opens a clause, unless it is the suffix's own first word (甲乙|示范区).
    if lexicon.starts_with_verb(&chars[at..]) && suffix_at(at).is_none() {
        return None;
    }
    let mut p = at;
    while p < chars.len() && p - at <= 8 {
        if let Some(len) = suffix_at(p) {
            return Some(p + len);
        }
        if !is_name_char(chars[p]) || lexicon.stop_chars.contains(&chars[p]) {
            return None;
        }
        p += 1;
    }
    None
}

/// True when the name characters from `at` (up to a stop character, twelve at
/// most) hold the head of a longer name: a route's (铁路, 通道), or a suffix of
/// data/rules/name-suffixes.tsv (新区, 机场; with `facilities`, only those of
/// facilities), or start with a letter or digit (R1线). What comes before `at`
/// is then part of that name.
fn starts_a_longer_name(chars: &[char], at: usize, lexicon: &Lexicon, facilities: bool) -> bool {
    if chars.get(at).is_some_and(char::is_ascii_alphanumeric) {
        return true;
    }
    let mut end = at;
    while end < chars.len()
        && end - at < 12
        && is_name_char(chars[end])
        && !lexicon.stop_chars.contains(&chars[end])
    {
        end += 1;
    }
    (at..end).any(|p| {
        let rest = &chars[p..end];
        ROUTE_HEADS.iter().any(|h| super::starts_with_word(rest, h))
            || lexicon.name_suffixes.iter().any(|s| {
                // A suffix that needs a known place right before it (…江, …河)
                // names no longer name after a run of other characters.
                (s.facility || !facilities)
                    && s.start != NameStart::Exact
                    && super::starts_with_word(rest, &s.suffix)
            })
    })
}

/// Sections of routes and bridges named by a place (甲乙高速|丙丁段, 丙丁大桥（甲市段）):
/// the section's name is the route's, no mention of its place, as a facility's
/// name is one unit; a river's or a park's section (珠江甲省段) names its place.
/// Pushes the place and 段 to `held`.
fn route_sections(chars: &[char], candidates: &[Found], held: &mut Vec<(usize, usize)>) {
    for c in candidates
        .iter()
        .filter(|c| c.entity.kind == EntityKind::Place && c.priority != NOT_A_NAME)
    {
        if chars.get(c.end) != Some(&'段') {
            continue;
        }
        let mut before = &chars[..c.begin];
        if let Some(rest) = before.strip_suffix(&['（']).or(before.strip_suffix(&['(']))
            && matches!(chars.get(c.end + 1), Some('）' | ')'))
        {
            before = rest;
        }
        if ROUTE_HEADS.iter().any(|h| {
            let n = h.chars().count();
            before.len() >= n && before[before.len() - n..].iter().copied().eq(h.chars())
        }) {
            held.push((c.begin, c.end + 1));
        }
    }
}

/// Routes between places (尖扎至贵德、小柴旦湖至老茫崖等公路): a place, 至, a name,
/// and in the same clause, past other routes, 等 and a count, a word of
/// [`ROUTE_HEADS`]. Pushes the route's span to `held`.
fn routes(chars: &[char], lexicon: &Lexicon, candidates: &[Found], held: &mut Vec<(usize, usize)>) {
    let neighbours = Neighbours::new(candidates);
    for (i, _) in chars.iter().enumerate().filter(|&(_, &c)| c == '至') {
        // From a place, or from a name of its own to a place (同德至玛沁).
        let Some(from) = neighbours
            .place_ending_at(i)
            .map(|c| c.begin)
            .or_else(|| {
                neighbours.place_starting_at(i + 1).is_some().then(|| {
                    let mut from = i;
                    while from > 0
                        && i - from < 4
                        && is_name_char(chars[from - 1])
                        && !lexicon.stop_chars.contains(&chars[from - 1])
                    {
                        from -= 1;
                    }
                    from
                })
            })
            .filter(|&from| from < i)
        else {
            continue;
        };
        let mut to = i + 1;
        while to < chars.len()
            && to - i <= 8
            && is_name_char(chars[to])
            && !lexicon.stop_chars.contains(&chars[to])
        {
            to += 1;
        }
        if to == i + 1 {
            continue;
        }
        let mut at = i + 1;
        while at < chars.len() && at - i <= 40 {
            if ROUTE_HEADS
                .iter()
                .any(|h| super::starts_with_word(&chars[at..], h))
            {
                held.push((from, to));
                break;
            }
            let c = chars[at];
            let counted = c.is_ascii_digit() || numerals::is_numeral_char(c);
            if !counted
                && !matches!(c, '、' | '等' | '个' | '条' | '座' | '项' | '至')
                && (!is_name_char(c) || lexicon.stop_chars.contains(&c))
            {
                break;
            }
            at += 1;
        }
    }
}

/// Words that end the name of a body's unit in a place (中科院|山西|煤化所,
/// 教育部|重庆|高等研究院, a hospital's campus: 四川省人民医院|成都|东院区), besides the
/// organisation suffixes.
const UNIT_HEADS: &[&str] = &["基地", "平台", "代表处", "分院", "分所", "所", "院区"];

/// A body's unit in a place is one organisation (教育部重庆高等研究院, 新加坡
/// 设计业总商会重庆代表处, 中科院山西煤化所): an organisation, a place right after it,
/// and at most ten name characters ending with an organisation suffix or a word
/// of [`UNIT_HEADS`].
fn units_in_places(chars: &[char], lexicon: &Lexicon, candidates: &mut Vec<Found>) {
    let neighbours = Neighbours::new(candidates);
    let mut units = Vec::new();
    for org in candidates
        .iter()
        .filter(|c| c.entity.kind == EntityKind::Organization && c.priority != NOT_A_NAME)
    {
        let Some(place) = neighbours.place_starting_at(org.end) else {
            continue;
        };
        let rest = &chars[place.end..name_run(chars, place.end, 10)];
        if rest.len() < 2 || lexicon.starts_with_verb(rest) {
            continue;
        }
        let end = (2..=rest.len()).rev().find(|&n| {
            let name: String = rest[..n].iter().collect();
            UNIT_HEADS.iter().any(|h| name.ends_with(h))
                || lexicon
                    .org_suffixes
                    .iter()
                    .any(|o| o.suffix.chars().count() >= 2 && name.ends_with(o.suffix.as_str()))
        });
        if let Some(n) = end {
            units.push(Found::organisation(chars, org.begin, place.end + n));
        }
    }
    candidates.extend(units);
}

/// The last characters of natural features' names by their bare name (江, 河,
/// 湖, 山, 峰; 错 and 措, lake in Tibetan place names).
const FEATURE_ENDS: &[char] = &['江', '河', '湖', '山', '峰', '错', '措'];

/// Rivers named before their basin that no list knows (在|X河|流域, Y市|X江|流域): 流域
/// says the word before it ends with a river's name. The name is the longest run
/// of one to four characters and 河 or 江 after a clear boundary (punctuation, a
/// stop character, a word, the end of a known name), with no stop character or
/// numeral in it, opened by no common word (大江|大河) and none itself (江河).
fn rivers_before_basins(chars: &[char], lexicon: &Lexicon, known: &[bool]) -> Vec<Found> {
    // Besides a clause's boundaries, the ends of words of legal prose that stand
    // before a river's name (所称, 是指, 报, 抄送, 区域内, 实施前).
    let ends_prose = |c: char| matches!(c, '称' | '指' | '报' | '送' | '内' | '前');
    let boundary = |b: usize| {
        clause_boundary(chars, b, lexicon)
            || ends_prose(chars[b - 1])
            || known[b - 1] && !known[b]
            || lexicon.ends_with_common_word(&chars[..b])
    };
    let mut out = Vec::new();
    for i in 2..chars.len().saturating_sub(1) {
        if chars[i] != '流' || chars[i + 1] != '域' || !matches!(chars[i - 1], '河' | '江') {
            continue;
        }
        let s = i - 1;
        if known[s] {
            continue;
        }
        let begin = (1..=4.min(s)).rev().map(|n| s - n).find(|&b| {
            let name = &chars[b..i];
            // Its first character ends no word (所称|流溪河, not 所|称流溪河).
            let ends_a_word = b > 0 && lexicon.common_words.contains(&[chars[b - 1], chars[b]]);
            let foreign = name.iter().any(|&c| {
                lexicon.stop_chars.contains(&c)
                    || ends_prose(c)
                    || c.is_ascii_digit()
                    || numerals::is_numeral_char(c)
            });
            boundary(b)
                && !ends_a_word
                && !foreign
                && !lexicon.common_words.contains(&[name[0], name[1]])
        });
        let Some(begin) = begin else { continue };
        let label: String = chars[begin..i].iter().collect();
        out.push(Found {
            begin,
            end: i,
            entity: named(EntityKind::Place, &label),
            priority: 3,
            rule_found: true,
        });
    }
    out
}

/// Natural features listed beside natural features (甲江、乙江、丙河流域): an item
/// of a list joined by 、 or 和 that ends like a feature's name (FEATURE_ENDS) is
/// a place when the item next to it is a known place that ends like one too, or
/// when three items in a row of three characters or more end with the same
/// character (甲乙山、丙丁山、戊己山).
/// An item is two to four name characters, starts after the joiner (or a clause's
/// opening verb) and is no known name of another kind; the last item of a list
/// is the shortest run that ends like a feature (丙河|流域, 丁江|保护).
fn features_listed_beside(chars: &[char], lexicon: &Lexicon, candidates: &mut Vec<Found>) {
    let joins = |c: char| matches!(c, '、' | '和');
    let item_char = |c: char| is_name_char(c) && !c.is_ascii() && !lexicon.stop_chars.contains(&c);
    // After a joiner an item is a name, whose characters may be stop characters
    // elsewhere (将台山 holds 将): only particles and determiners end it.
    let inside_char = |c: char| {
        is_name_char(c)
            && !c.is_ascii()
            && !"的了和与及或等是就都也还又而且但却使让给个些各该其这那此之每，。、；：".contains(c)
    };
    let ends_like_feature = |e: usize| e >= 1 && FEATURE_ENDS.contains(&chars[e - 1]);
    // Characters inside a candidate that is a name (not a place), which no item
    // may cut into; and the places by their span. Each is built once, so a long
    // paragraph costs its candidates and its items, not their product.
    let mut in_name = vec![false; chars.len()];
    let mut places = std::collections::HashSet::new();
    for c in candidates.iter().filter(|c| c.priority != NOT_A_NAME) {
        if c.entity.kind == EntityKind::Place {
            places.insert((c.begin, c.end));
        } else {
            in_name[c.begin..c.end].iter_mut().for_each(|m| *m = true);
        }
    }
    let taken = |b: usize, e: usize| in_name[b..e].contains(&true);
    // Items of every list: runs of item characters between joiners.
    let mut lists: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut p = 0;
    while p < chars.len() {
        if !joins(chars[p]) {
            p += 1;
            continue;
        }
        // A joiner: the item before it, then the items after it.
        let mut items = Vec::new();
        let mut run = p;
        while run > 0 && p - run < 6 && item_char(chars[run - 1]) {
            run -= 1;
        }
        // The first item starts where the run does, or after the clause's verb
        // (推进|甲湖, 加强|乙错).
        let starts = p.saturating_sub(4).max(run)..p.saturating_sub(1);
        let Some(b) = starts
            .clone()
            .find(|&b| {
                (lexicon.ends_with_verb(&chars[run..b])
                    || ends_with_any(&chars[run..b], &lexicon.leading_verbs))
                    && !lexicon.starts_with_verb(&chars[b..p])
                    && !lexicon.common_words.contains(&[chars[b - 1], chars[b]])
            })
            .or_else(|| {
                starts.clone().find(|&b| {
                    b == run
                        && (run == 0
                            || joins(chars[run - 1])
                            || !item_char(chars[run - 1])
                                && !lexicon.common_words.contains(&[chars[run - 1], chars[run]]))
                })
            })
        else {
            p += 1;
            continue;
        };
        items.push((b, p));
        let mut at = p;
        while at < chars.len() && joins(chars[at]) {
            let from = at + 1;
            let mut e = from;
            while e < chars.len() && e - from < 4 && inside_char(chars[e]) {
                e += 1;
            }
            // Within the list an item runs to the next joiner; the last one is
            // the shortest run that ends like a feature.
            if e < chars.len() && joins(chars[e]) {
                items.push((from, e));
                at = e;
            } else {
                // Not inside a word (城市河|道, 江|山): 流域 follows a river's name.
                let ends_name = |x: usize| {
                    x == chars.len()
                        || chars[x..].starts_with(&['流', '域'])
                        || !lexicon.common_words.contains(&[chars[x - 1], chars[x]])
                };
                if let Some(end) = (from + 2..=e).find(|&x| ends_like_feature(x) && ends_name(x)) {
                    items.push((from, end));
                }
                at = e;
                break;
            }
        }
        p = at.max(p + 1);
        lists.push(items);
    }
    let mut added = Vec::new();
    let place = |item: (usize, usize)| places.contains(&item);
    for items in lists {
        // Two characters that are a word or start with a verb's character are a
        // verb's phrase (跨河, 临河: crossing, beside the river) more often than a
        // name; a run of them is no list of names.
        let fits = |(b, e): (usize, usize)| {
            (2..=4).contains(&(e - b))
                && ends_like_feature(e)
                && !taken(b, e)
                && !(e - b == 2 && lexicon.common_words.contains(&[chars[b], chars[b + 1]]))
                // 城市河湖: rivers and lakes of a kind, no name.
                && !FEATURE_ENDS.contains(&chars[e - 2])
        };
        for (i, &item) in items.iter().enumerate() {
            if !fits(item) || place(item) {
                continue;
            }
            let last = chars[item.1 - 1];
            let same = |x: (usize, usize)| fits(x) && x.1 - x.0 >= 3 && chars[x.1 - 1] == last;
            let beside = [i.checked_sub(1), Some(i + 1)]
                .into_iter()
                .flatten()
                .filter_map(|j| items.get(j))
                .any(|&x| fits(x) && place(x));
            let run = (i.saturating_sub(2)..=i)
                .filter(|&j| j + 3 <= items.len())
                .any(|j| items[j..j + 3].iter().all(|&x| same(x)));
            if !beside && !run {
                continue;
            }
            let label: String = chars[item.0..item.1].iter().collect();
            added.push(Found {
                begin: item.0,
                end: item.1,
                entity: named(EntityKind::Place, &label),
                priority: 3,
                rule_found: true,
            });
        }
    }
    candidates.extend(added);
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

/// Units of a plant's or a line's capacity (吨, 千伏, 万千瓦): a place written
/// right before such an amount names a plant or a project (哈密|750千伏输变电工程,
/// 川渝|千亿立方米天然气生产基地), not the place.
const CAPACITY_UNITS: &[&str] = &[
    "吨",
    "立方米",
    "千瓦",
    "千瓦时",
    "瓦",
    "兆瓦",
    "千伏",
    "标准箱",
    "GW",
    "MW",
    "TEU",
];

/// Plants and projects named by a place and their capacity (榆林千万吨煤制油):
/// the place, and the places coordinated before it, are pushed to `held`. A count
/// after a place (天水3个省级区域医疗中心, 酒泉、张掖2座10万千瓦光热电站) makes
/// the phrase a description, whose places are mentions.
fn plants(chars: &[char], lexicon: &Lexicon, candidates: &[Found], held: &mut Vec<(usize, usize)>) {
    let neighbours = Neighbours::new(candidates);
    let quantity_at = |at: usize| neighbours.quantities.get(&at).copied();
    let capacity = |unit: &str| CAPACITY_UNITS.contains(&unit);
    for place in candidates
        .iter()
        .filter(|c| c.entity.kind == EntityKind::Place && c.priority != NOT_A_NAME)
    {
        let Some((_, unit)) = quantity_at(place.end) else {
            continue;
        };
        if capacity(unit) {
            held.push((place.begin, place.end));
            held.extend(coordinated_before(chars, place.begin, lexicon));
            held.extend(places_listed_before(chars, &neighbours, place.begin));
        }
    }
}

/// What a ranking ranks, the last word of its name before the count.
const RANKED: &[&str] = &[
    "企业",
    "公司",
    "集团",
    "独角兽",
    "品牌",
    "大学",
    "高校",
    "医院",
    "城市",
    "县",
    "园区",
];

/// Rankings named after a place (中国民营企业500强, 中国企业500强): a list's
/// title, a name of another kind, whose place is no mention (ANNOTATION.md). The
/// place is followed by a count and 强, right after it or after up to eight
/// characters that end with what is ranked ([`RANKED`]) and hold no verb nor
/// stop character; other words between (入围全球百强, 跻身全国50强) make a
/// phrase about the place, whose places are mentions.
fn rankings(
    chars: &[char],
    lexicon: &Lexicon,
    candidates: &[Found],
    held: &mut Vec<(usize, usize)>,
) {
    // The count and 强 at the start of `rest` (500强, 百强, 五十强): their length.
    let count_at = |rest: &[char]| {
        let n = rest
            .iter()
            .take_while(|&&c| c.is_ascii_digit() || numerals::is_numeral_char(c))
            .count();
        (n > 0 && rest.get(n) == Some(&'强')).then_some(n + 1)
    };
    for place in candidates
        .iter()
        .filter(|c| c.entity.kind == EntityKind::Place && c.priority != NOT_A_NAME)
    {
        let rest = &chars[place.end..];
        let Some((k, n)) =
            (0..=rest.len().min(8)).find_map(|k| count_at(&rest[k..]).map(|n| (k, n)))
        else {
            continue;
        };
        let words = &rest[..k];
        let ranked: String = words.iter().collect();
        if !words.is_empty() && !RANKED.iter().any(|r| ranked.ends_with(r)) {
            continue;
        }
        let phrase = words
            .iter()
            .any(|c| !is_name_char(*c) || c.is_ascii() || lexicon.stop_chars.contains(c))
            || words
                .windows(2)
                .any(|w| lexicon.verbs.contains(&[w[0], w[1]]));
        if !phrase {
            held.push((place.begin, place.end + k + n));
        }
    }
}

/// Verbs that act on laws (出台, 修订): after a place, they make it the subject
/// of a clause about a law, not the start of the law's title.
const LAW_VERBS: &[&str] = &[
    "出台", "制定", "制订", "修订", "修改", "颁布", "公布", "施行", "实施", "执行", "落实", "贯彻",
    "审议", "通过", "起草", "废止", "研究", "发布", "印发", "依照", "根据", "按照",
];

/// The longest a regulation's title runs from its place to 条例 (重庆市|哲学社会科学
/// 发展促进|条例).
const REGULATION_TOPIC: usize = 16;

/// Regulations named without 《》 (落实重庆市平安建设条例, 推动制定重庆市公平竞争
/// 审查条例): a law's title written without its marks, a name of another kind
/// whose place is no mention (ANNOTATION.md). The place is followed by a topic of
/// two to [`REGULATION_TOPIC`] Han characters and 条例, none of them a particle
/// that a title never holds (的, 了, 在, 是, 将, 把, 被); a title's own words are
/// verbs as often as not (管理, 促进, 审查), so no verb ends it, but one that acts
/// on laws ([`LAW_VERBS`]: 重庆市|出台条例) makes the place its subject.
fn unquoted_regulations(chars: &[char], candidates: &[Found], held: &mut Vec<(usize, usize)>) {
    for place in candidates
        .iter()
        .filter(|c| c.entity.kind == EntityKind::Place && c.priority != NOT_A_NAME)
    {
        let rest = &chars[place.end..];
        let topic = rest
            .iter()
            .take(REGULATION_TOPIC + 2)
            .take_while(|&&c| is_name_char(c) && !c.is_ascii() && !"的了在是将把被".contains(c))
            .count();
        let Some(k) = (2..topic.min(REGULATION_TOPIC + 1))
            .find(|&k| rest[k..].starts_with(&['条', '例']))
            // 本条例, 该条例: the law at hand, no title.
            .filter(|&k| !"本该此其各".contains(rest[k - 1]))
        else {
            continue;
        };
        if LAW_VERBS.iter().any(|v| super::starts_with_word(rest, v)) {
            continue;
        }
        held.push((place.begin, place.end + k + 2));
    }
}

/// The bodies whose websites are named by their place and short form (中国政府网,
/// 浙江人大网).
const WEBSITE_OWNERS: &[&str] = &["人大", "政府", "政协", "人民政府"];

/// Websites named by a place and a body (刊载于中国人大网、中国政府网, 在衢州人大网公布):
/// a platform's name, a single unit with no mention inside (ANNOTATION.md), as
/// laws publish themselves on them. 网 ends the name unless it begins a longer
/// word (政府网站 is a description: the government's website, whose place counts).
fn websites(chars: &[char], candidates: &[Found], held: &mut Vec<(usize, usize)>) {
    for place in candidates
        .iter()
        .filter(|c| c.entity.kind == EntityKind::Place && c.priority != NOT_A_NAME)
    {
        let rest = &chars[place.end..];
        for owner in WEBSITE_OWNERS {
            let n = owner.chars().count();
            if super::starts_with_word(rest, owner)
                && rest.get(n) == Some(&'网')
                && !rest
                    .get(n + 1)
                    .is_some_and(|c| "站络格点页民友店购".contains(*c))
            {
                held.push((place.begin, place.end + n + 1));
            }
        }
    }
}

/// The places found before `begin` in a list joined by 、 (格尔木、|德令哈).
fn places_listed_before(
    chars: &[char],
    neighbours: &Neighbours<'_>,
    begin: usize,
) -> Vec<(usize, usize)> {
    let mut items = Vec::new();
    let mut at = begin;
    while at > 0 && chars[at - 1] == '、' {
        let Some(item) = neighbours.place_ending_at(at - 1) else {
            break;
        };
        items.push((item.begin, item.end));
        at = item.begin;
    }
    items
}

/// Where a facility's name ends that goes on with a section of it named by its
/// places (沪渝蓉高铁|上海段, 潮南高速|三明段, …高速|甲至乙段): after the 段,
/// else `end`. The section is part of the facility's name (ANNOTATION.md: a
/// facility's name is one unit), so its places are no mentions; a river's
/// section (黄河宁夏段) is a description and keeps them, as no facility's name
/// comes before it.
fn section_end(chars: &[char], end: usize, lexicon: &Lexicon) -> usize {
    let place_at = |at: usize| {
        head_at(&chars[at..], lexicon)
            .filter(|h| h.place)
            .map(|h| at + h.len)
    };
    let Some(mut at) = place_at(end) else {
        return end;
    };
    if chars.get(at) == Some(&'至') {
        match place_at(at + 1) {
            Some(to) => at = to,
            None => return end,
        }
    }
    if chars.get(at) == Some(&'段') {
        at + 1
    } else {
        end
    }
}

/// The names listed with 、 right before `begin` (龙羊峡、刘家峡、 before 小浪底水库):
/// each two to four name characters, with no stop character, not a verb, the
/// first after a clear boundary. Empty when there is no such list.
fn coordinated_before(chars: &[char], begin: usize, lexicon: &Lexicon) -> Vec<(usize, usize)> {
    let mut items = Vec::new();
    let mut end = begin;
    while end >= 3 && chars[end - 1] == '、' {
        let item_end = end - 1;
        let len = (1..=4)
            .take_while(|&n| {
                item_end >= n
                    && is_name_char(chars[item_end - n])
                    && !lexicon.stop_chars.contains(&chars[item_end - n])
            })
            .last()
            .unwrap_or(0);
        // The item starts where the run of name characters starts: after 、 or
        // another clear boundary, never in the middle of a word.
        let mut start = item_end - len;
        let bounded = start == 0
            || !is_name_char(chars[start - 1])
            || lexicon.stop_chars.contains(&chars[start - 1]);
        let item: String = chars[start..item_end].iter().collect();
        if !(2..=4).contains(&len) || !bounded || lexicon.leading_verbs.contains(&item) {
            return Vec::new();
        }
        // A common word of two that names nothing known is the kind of the
        // things listed, no name (河流、甲水库: rivers, and a reservoir).
        if len == 2
            && lexicon
                .common_words
                .contains(&[chars[start], chars[start + 1]])
            && lexicon.lookup(&item).is_none()
        {
            return Vec::new();
        }
        // The verb that opens the clause opens the list, not its first item
        // (推进|甲湖、乙湖).
        if len == 4 && lexicon.starts_with_verb(&chars[start..item_end]) {
            start += 2;
            items.push((start, item_end));
            break;
        }
        items.push((start, item_end));
        end = start;
    }
    items.reverse();
    items
}

/// Extends organisation names to the session number before them:
/// 第十三届全国人民代表大会常务委员会 is one name; a report's 省十四届人大 is one
/// mention of the province's congress (a party committee's 十二届市委 is not).
fn with_session_numbers(chars: &[char], candidates: &mut [Found]) {
    for c in candidates
        .iter_mut()
        .filter(|c| c.entity.kind == EntityKind::Organization)
    {
        let before = &chars[..c.begin];
        let Some(jie) = before.len().checked_sub(1).filter(|&i| before[i] == '届') else {
            continue;
        };
        let digits = before[..jie]
            .iter()
            .rev()
            .take_while(|&&ch| numerals::is_numeral_char(ch))
            .count();
        if digits > 0 && jie > digits && before[jie - digits - 1] == '第' {
            let begin = jie - digits - 1;
            let prefix: String = chars[begin..c.begin].iter().collect();
            c.entity.label = format!("{prefix}{}", c.entity.label);
            c.entity.key = c.entity.label.clone();
            c.begin = begin;
        } else if digits > 0
            && ["人民代表大会", "政治协商会议", "人大", "政协"]
                .iter()
                .any(|b| c.entity.label.contains(b))
        {
            // A report's short form of a congress (省十四届人大, 县十八届人大, 十四届
            // 全国人大): the session and the level of its own region are part of the
            // mention, which still denotes the body its short form resolved to. A
            // party committee's term (十二届市委) stays out: 市委 is the mention.
            let mut begin = jie - digits;
            if let Some(level) = ["自治区", "省", "市", "区", "县", "州"]
                .iter()
                .find(|l| before[..begin].ends_with(&l.chars().collect::<Vec<_>>()))
            {
                begin -= level.chars().count();
            }
            c.begin = begin;
        }
    }
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

/// A name head at the start of some text.
struct Head {
    /// Its length in code points.
    len: usize,
    /// It is a place from the gazetteer.
    place: bool,
    /// It is a place or organisation from the gazetteer.
    known: bool,
}

/// The longest name head (from name-heads.txt, or a known place or organisation)
/// that `chars` starts with.
fn head_at(chars: &[char], lexicon: &Lexicon) -> Option<Head> {
    let known = (2..=chars.len().min(12)).rev().find_map(|n| {
        let prefix: String = chars[..n].iter().collect();
        let entry = lexicon.lookup(&prefix)?;
        matches!(entry.kind, EntityKind::Place | EntityKind::Organization).then_some(Head {
            len: n,
            place: entry.kind == EntityKind::Place,
            known: true,
        })
    });
    let known = known.or_else(|| {
        let text: String = chars.iter().take(6).collect();
        lexicon
            .abbreviated_region_at(&text)
            .or_else(|| lexicon.abbreviation_run_at(&text))
            .map(|len| Head {
                len,
                place: true,
                known: true,
            })
    });
    known.or_else(|| {
        lexicon
            .name_heads
            .iter()
            .filter(|h| {
                h.chars().count() <= chars.len()
                    && chars.iter().copied().zip(h.chars()).all(|(a, b)| a == b)
            })
            .map(|h| Head {
                len: h.chars().count(),
                place: false,
                known: false,
            })
            .max_by_key(|h| h.len)
    })
}

/// People: a two- or three-character name starting with a common surname, right
/// before a title and after a boundary (习近平总书记), or after a title and spaces at
/// the end of the text (上海市市长 龚 正).
fn people(chars: &[char], text: &str, offsets: &Offsets, lexicon: &Lexicon) -> Vec<Found> {
    let is_boundary = |i: usize| {
        i == 0 || {
            let c = chars[i - 1];
            !is_name_char(c)
                || c.is_ascii()
                || matches!(
                    c,
                    '的' | '和' | '与' | '同' | '及' | '对' | '向' | '是' | '由' | '在' | '了'
                )
        }
    };
    let plausible = |name: &[char]| -> bool {
        let surname_len = if name.len() >= 3
            && lexicon
                .surnames
                .contains(&name[..2].iter().collect::<String>())
        {
            2
        } else if lexicon.surnames.contains(&name[0].to_string()) {
            1
        } else {
            return false;
        };
        let given = &name[surname_len..];
        !given.is_empty()
            && given.len() <= 2
            && name
                .iter()
                .all(|&c| is_name_char(c) && !c.is_ascii() && !lexicon.stop_chars.contains(&c))
            && given.iter().all(|c| !lexicon.not_given_name.contains(c))
            && lexicon.lookup(&name.iter().collect::<String>()).is_none()
    };
    let mut out = Vec::new();
    for m in lexicon.title_automaton.find_iter(text) {
        let t = offsets.char(m.start());
        let title_end = offsets.char(m.end());
        // Name, then title.
        for len in [3, 2] {
            if t >= len && is_boundary(t - len) && plausible(&chars[t - len..t]) {
                out.push(person(&chars[t - len..t], t - len, t));
                break;
            }
        }
        // Title, spaces, name at the end of the line: a signature.
        let spaces = chars[title_end..]
            .iter()
            .take_while(|c| matches!(c, ' ' | '\u{3000}'))
            .count();
        if spaces > 0 {
            let begin = title_end + spaces;
            let rest = &chars[begin..];
            let name: Vec<char> = rest
                .iter()
                .copied()
                .filter(|c| !matches!(c, ' ' | '\u{3000}'))
                .collect();
            if (2..=3).contains(&name.len()) && rest.len() <= name.len() + 1 && plausible(&name) {
                out.push(person(&name, begin, chars.len()));
            }
        }
    }
    out
}

/// What may follow 某 when it means "a certain" rather than standing for a
/// name (某种, 某些, 某个, 某地, 某年): after a surname these are no person.
const NOT_AFTER_SOMEONE: &[char] = &[
    '种', '些', '个', '一', '地', '时', '年', '月', '日', '项', '方', '类', '处', '人', '单', '部',
];

/// Companies whose words after 某 end with these kinds are anonymised companies.
const ANONYMISED_KINDS: &[&str] = &[
    "有限责任公司",
    "股份有限公司",
    "有限公司",
    "公司",
    "集团",
    "银行",
    "医院",
    "合作社",
];

/// Parties that court cases and judicial texts name by 某 (张某, 李某某; 某科技公司,
/// 某食品有限责任公司): one person or company each, named as the text names it.
/// A surname that is also a preposition (于某, 向某) and 某 meaning "a certain"
/// (王某种) are no person.
fn anonymised(chars: &[char], lexicon: &Lexicon) -> Vec<Found> {
    const PREPOSITIONS: &[char] = &[
        '于', '向', '对', '将', '和', '与', '在', '从', '为', '以', '由', '及',
    ];
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '某' {
            i += 1;
            continue;
        }
        let surname = i > 0
            && lexicon.surnames.contains(&chars[i - 1].to_string())
            && !PREPOSITIONS.contains(&chars[i - 1]);
        // A person: a surname, 某 and perhaps another 某.
        if surname {
            let end = if chars.get(i + 1) == Some(&'某') {
                i + 2
            } else {
                i + 1
            };
            if !chars
                .get(end)
                .is_some_and(|c| NOT_AFTER_SOMEONE.contains(c))
            {
                out.push(person(&chars[i - 1..end], i - 1, end));
                i = end;
                continue;
            }
        }
        // A company: 某, one to ten Han characters (no other 某 but one right
        // after it: 某某公司), and its kind.
        let company = (i + 2..=(i + 11).min(chars.len())).find_map(|end| {
            let middle = &chars[i + 1..end];
            ANONYMISED_KINDS
                .iter()
                .find(|k| {
                    let kind: Vec<char> = k.chars().collect();
                    middle.len() > kind.len()
                        && middle.ends_with(&kind)
                        && middle.iter().all(|&c| {
                            is_name_char(c) && !c.is_ascii() && !lexicon.stop_chars.contains(&c)
                        })
                        && !middle[1..].contains(&'某')
                        && !NOT_AFTER_SOMEONE.contains(&middle[0])
                })
                .map(|_| end)
        });
        if let Some(end) = company {
            let label: String = chars[i..end].iter().collect();
            out.push(Found {
                begin: i,
                end,
                entity: named(EntityKind::Organization, &label),
                priority: 3,
                rule_found: true,
            });
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

fn person(name: &[char], begin: usize, end: usize) -> Found {
    Found {
        begin,
        end,
        entity: named(EntityKind::Person, &name.iter().collect::<String>()),
        priority: 2,
        rule_found: true,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &[(&str, EntityKind)]) {
        let lexicon = Lexicon::bundled();
        let chars: Vec<char> = text.chars().collect();
        let context = Context {
            anchor: Some(2026),
            region: None,
            legal: false,
        };
        let got: Vec<(String, EntityKind)> = find(text, &lexicon, context, None)
            .into_iter()
            .map(|f| (chars[f.begin..f.end].iter().collect(), f.entity.kind))
            .collect();
        let expected: Vec<(String, EntityKind)> = expected
            .iter()
            .map(|(s, k)| ((*s).to_owned(), *k))
            .collect();
        assert_eq!(got, expected, "{text}");
    }

    use EntityKind::*;

    /// The places found in `text` in a document of the division `code`, as written.
    fn place_names(code: &str, text: &str) -> Vec<String> {
        places_in(code, text).into_iter().map(|(n, _)| n).collect()
    }

    /// The places found in `text` in a document of the division `code`, with the
    /// code each resolves to.
    fn places_in(code: &str, text: &str) -> Vec<(String, String)> {
        let lexicon = Lexicon::bundled();
        let chars: Vec<char> = text.chars().collect();
        let context = Context {
            anchor: Some(2026),
            region: crate::divisions::bundled().index_of(code),
            legal: false,
        };
        find(text, &lexicon, context, None)
            .into_iter()
            .filter(|f| f.entity.kind == Place)
            .map(|f| (chars[f.begin..f.end].iter().collect(), f.entity.key))
            .collect()
    }

    #[test]
    fn peoples_organisations_are_the_organs_of_the_documents_region() {
        // The closing part of every shared report lists the people's organisations
        // by short forms, as it does 工商联: each is the body of the report's region.
        // Bare 工会 is a common noun; a workplace's or every place's body (企业科协,
        // 地方人大) is no one body; organs in a list make no list of companies.
        let lexicon = Lexicon::bundled();
        let text = "支持工会、共青团、妇联、科协、残联、红十字、计生协等群团组织发挥作用，省总工会、团省委（共青团江苏省委员会）、企业科协和地方人大";
        let chars: Vec<char> = text.chars().collect();
        let context = Context {
            anchor: Some(2026),
            region: crate::divisions::bundled().index_of("320000"),
            legal: false,
        };
        let found: Vec<(String, String)> = find(text, &lexicon, context, None)
            .into_iter()
            .map(|f| (chars[f.begin..f.end].iter().collect(), f.entity.label))
            .collect();
        let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(
            found,
            [
                pair("共青团", "中国共产主义青年团"),
                pair("妇联", "江苏省妇女联合会"),
                pair("科协", "江苏省科学技术协会"),
                pair("残联", "江苏省残疾人联合会"),
                pair("省总工会", "江苏省总工会"),
                // The Youth League's committee, no party committee's 省委, by
                // its short form and its full name (which holds 江苏省委).
                pair("团省委", "共青团江苏省委员会"),
                pair("共青团江苏省委员会", "共青团江苏省委员会"),
            ]
        );
    }

    #[test]
    fn short_names_that_are_also_words_count_in_their_own_region() {
        let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        // 保定 in 河北's report is the city; elsewhere, or inside 医保定点, nothing.
        assert_eq!(
            places_in("130000", "推动廊坊、保定承接非首都功能"),
            [pair("廊坊", "131000"), pair("保定", "130600")]
        );
        assert_eq!(places_in("130000", "规范医保定点管理"), []);
        assert_eq!(
            places_in("320000", "推动廊坊、保定承接非首都功能"),
            [pair("廊坊", "131000")]
        );
        // A short name that is also a word counts only in a list of places.
        assert_eq!(
            places_in("140000", "太原、长治两市"),
            [pair("太原", "140100"), pair("长治", "140400")]
        );
        assert_eq!(places_in("140000", "确保社会长治久安"), []);
        // Such a short name opens a zone's or a facility's name like any place,
        // though it holds a stop character (大同: 同; 山西's report).
        assert_eq!(
            place_names("140000", "大同经开区、阳泉高新区入选"),
            ["大同经开区", "阳泉高新区"]
        );
        // Every listed short name names a prefecture or county, and becomes its
        // alternative label.
        let lexicon = Lexicon::bundled();
        let entry = lexicon.lookup("保定市").unwrap();
        assert!(
            entry.aliases.iter().any(|a| a == "保定"),
            "{:?}",
            entry.aliases
        );
    }

    #[test]
    fn regions_named_by_the_abbreviations_of_their_cities() {
        let labels = |code: &str, text: &str| -> Vec<String> {
            places_in(code, text).into_iter().map(|(l, _)| l).collect()
        };
        // The first characters of a province's cities (徐州, 宿迁, 淮安; 西安, 咸阳)
        // name a region together in that province's report.
        assert_eq!(labels("320000", "推动徐宿淮一体化发展"), ["徐宿淮"]);
        assert_eq!(labels("610000", "加快西咸同城化"), ["西咸"]);
        // A city whose short name starts with a direction or 无 is named by its
        // second character (南通 → 通, 无锡 → 锡); a run that goes on with another
        // province's city (通苏|杭…) is no region of this one; a run before a
        // common word that its next character does not start (闽台|基础) holds.
        assert_eq!(labels("320000", "推进通泰扬协同发展"), ["通泰扬"]);
        assert!(labels("320000", "规划通苏杭城际铁路").is_empty());
        assert_eq!(labels("350000", "深化闽台基础设施联通"), ["闽台"]);
        // Not in another province's report, not a common word (合作) and not
        // ending where the next character makes one (宿马合|作 → 宿马).
        assert!(labels("440000", "推动徐宿淮一体化发展").is_empty());
        assert_eq!(labels("340000", "深化宿马合作共建"), ["宿马"]);
        assert!(labels("340000", "加强区域合作").is_empty());
        // A run that names a city again is two runs (成都 with 德阳, then with
        // 眉山), each a region even where it spells a word (大理 and 红河, 大理 and
        // 德宏: 大红, 大德).
        assert_eq!(labels("510000", "推进成德成眉产业协同"), ["成德", "成眉"]);
        assert_eq!(labels("530000", "推进大红大德交通协同"), ["大红", "大德"]);
        assert!(labels("530000", "推进大红灯笼工程").is_empty());
        // A province whose abbreviation is too common a character elsewhere names
        // its own regions by it and a direction (宁夏's report; 北京's 京西), as
        // zones' heads too, and facilities named after them hold none.
        assert_eq!(
            labels(
                "640000",
                "宁东现代煤化工、中卫精细化工入选国家先进制造业集群"
            ),
            ["宁东", "中卫"]
        );
        assert_eq!(labels("110000", "推动京西地区转型发展"), ["京西地区"]);
        assert_eq!(labels("640000", "做活宁东环线"), Vec::<String>::new());
        assert!(labels("320000", "宁东现代煤化工").is_empty());
        // A zone a run opens (粤东: 广东 and 东莞) is a whole name before 、, with
        // no head shared with the zone after it.
        assert_eq!(
            labels("440000", "推动粤东城市群、粤西沿海经济带建设"),
            ["粤东城市群", "粤西沿海经济带"]
        );
    }

    #[test]
    fn regions_named_by_sichuan_and_tibet_and_zones_by_their_heads() {
        check(
            "推动川南经济区和藏东南发展",
            &[("川南经济区", Place), ("藏东南", Place)],
        );
        // 保藏 and 山川 are words, not abbreviations before a direction.
        check("建设菌种保藏中心", &[]);
        // A gazetteer's zone before 、 is whole, not an item sharing the next one's head.
        check(
            "天府新区、成都东部新区",
            &[("天府新区", Place), ("成都东部新区", Place)],
        );
        // So is a long name of the gazetteer that ends with no zone's suffix.
        check(
            "推动珠江三角洲、成都东部新区合作",
            &[("珠江三角洲", Place), ("成都东部新区", Place)],
        );
        // A national park is named after its mountain though a town bears the
        // mountain's name (贡嘎山镇), and its name may be long.
        check("创建贡嘎山国家公园", &[("贡嘎山国家公园", Place)]);
        check(
            "推进雅鲁藏布大峡谷国家公园建设",
            &[("雅鲁藏布大峡谷国家公园", Place)],
        );
        // Areas, belts and corridors named after a place are whole names.
        check(
            "建设宿州城市圈、沈阳科创走廊和赣南革命老区",
            &[
                ("宿州城市圈", Place),
                ("沈阳科创走廊", Place),
                ("赣南革命老区", Place),
            ],
        );
        // Provinces named together by their abbreviations are one region; not 新
        // ("new") before one, nor a run that starts a facility's name.
        check(
            "深化湘赣合作，推进鄂豫皖协作",
            &[("湘赣", Place), ("鄂豫皖", Place)],
        );
        // Before a word of cooperation the run holds whatever comes before it, even
        // of the other abbreviations only; naming a province again, it is two
        // pairs (the last two from 宁夏's and 福建's reports).
        check("做深做实粤桂协作", &[("粤桂", Place)]);
        check("宁港澳合作提升年", &[("宁港澳", Place)]);
        check("加强闽港闽澳合作", &[("闽港", Place), ("闽澳", Place)]);
        check("新晋院士2位", &[("2位", Quantity)]);
        check("加快沪渝蓉高铁建设", &[]);
        // 产业带动 is "industry drives", not a belt.
        check("江苏产业带动就业", &[("江苏", Place)]);
        // Science cities, new towns and bay areas named after a place are whole
        // names; a preposition of place at a boundary opens a zone's name.
        check(
            "建设怀柔科学城、嘉定新城，深化环渤海科创圈合作",
            &[
                ("怀柔科学城", Place),
                ("嘉定新城", Place),
                ("环渤海科创圈", Place),
            ],
        );
        // 创新城市 is a city that innovates; 湾区域 the area of a bay.
        check("嘉定创新城市建设", &[("嘉定", Place)]);
    }

    #[test]
    fn a_word_that_opens_a_clause_opens_no_features_name() {
        // 充分发挥 and 不断提升 govern the generic 水库 and 草原: no name starts with
        // the verb or adverb (data/rules/opening-words.tsv as well as verbs.tsv).
        check(
            "防洪应当蓄泄兼施，充分发挥水库、湖泊、洼淀和沟道截流工程的调蓄洪水功能",
            &[],
        );
        check(
            "建立数量、质量、功能三维体系，不断提升草原湿地综合效益",
            &[],
        );
        check("加强密云水库保护", &[("密云水库", Place)]);
    }

    #[test]
    fn natural_features_listed_beside_natural_features() {
        // Rivers the bundled lists lack, beside rivers they hold; the verb that
        // opens the clause is no part of the first item.
        assert_eq!(
            place_names(
                "110000",
                "编制潮白河、北运河、永定河、大清河、蓟运河流域综合规划"
            ),
            ["潮白河", "北运河", "永定河", "大清河", "蓟运河"]
        );
        assert_eq!(
            place_names("340000", "深入推进长江、淮河、新安江、大运河等保护治理"),
            ["长江", "淮河", "新安江", "大运河"]
        );
        assert_eq!(
            place_names("530000", "杞麓湖、异龙湖实现脱劣"),
            ["杞麓湖", "异龙湖"]
        );
        // After 、 an item's name may hold a character that is a stop character
        // elsewhere (将台山 holds 将; a 杭州 regulation on 西湖's hills).
        assert_eq!(
            place_names("330100", "包括吴山、紫阳山、凤凰山、将台山、玉皇山"),
            ["吴山", "紫阳山", "凤凰山", "将台山", "玉皇山"]
        );
        // Verbs' phrases and kinds of water are no names, listed or not.
        assert!(place_names("110000", "新建、改建、扩建跨河、穿河、临河、穿堤的桥梁").is_empty());
        assert_eq!(
            place_names("110000", "保护永定河、北运河和城市河湖"),
            ["永定河", "北运河"]
        );
    }

    #[test]
    fn zones_opened_by_a_township_or_listed_beside_zones() {
        // A zone named after a subdistrict of the document's city (中关村 of
        // 中关村街道, 张江 of 张江镇), and a zone beside one, opened by no place.
        assert_eq!(
            place_names(
                "110000",
                "以中关村科学城、怀柔科学城、未来科学城、北京经济技术开发区为主要平台"
            ),
            [
                "中关村科学城",
                "怀柔科学城",
                "未来科学城",
                "北京经济技术开发区"
            ]
        );
        assert_eq!(
            place_names(
                "310000",
                "推进张江科学城、大零号湾等科技创新中心重要承载区建设"
            ),
            ["张江科学城"]
        );
        // Beijing's townships named X地区 (亦庄地区) are known by X too.
        let lexicon = Lexicon::bundled();
        let beijing = crate::divisions::bundled().index_of("110000");
        let town = lexicon.township_short("亦庄", beijing).flatten();
        assert_eq!(town.map(|e| e.label.as_str()), Some("亦庄地区"));
        // Not without the document's region, nor a township of another province.
        check("推进张江科学城建设", &[]);
        assert!(place_names("110000", "推进张江科学城建设").is_empty());
        // A designation beside a zone names no zone (国家…试验区).
        let places = place_names("150000", "推进宿州城市圈和国家生态文明试验区建设");
        assert!(!places.iter().any(|p| p.contains("试验区")), "{places:?}");
    }

    #[test]
    fn zones_opened_by_a_place_jieba_knows() {
        // Places no division list holds but jieba tags ns (data/rules/place-words.tsv)
        // open a zone's name after a boundary or an opening word.
        assert_eq!(
            place_names(
                "460000",
                "深化漕河泾开发区建设，加快江东新区建设，保护大河村遗址。"
            ),
            ["漕河泾开发区", "江东新区", "大河村遗址"]
        );
        // Alone they are no mention; after a count the zone is a kind many places
        // have, no name.
        assert!(place_names("460000", "漕河泾的企业增加。").is_empty());
        assert!(place_names("460000", "建设5个海西协作产业园。").is_empty());
        // Before 地区 such a name is a region's (攀西地区 of 四川), at a boundary.
        assert_eq!(
            place_names("510000", "支持攀西地区发展，缩小东西地区差距。"),
            ["攀西地区"]
        );
    }

    #[test]
    fn named_parks_are_zones_kinds_of_parks_are_not() {
        // ANNOTATION.md: named zones and parks are places, whole (宁夏's and
        // 甘肃's reports).
        assert_eq!(
            place_names("640000", "银川苏银产业园、中卫工业园入选首批国家级零碳园区"),
            ["银川苏银产业园", "中卫工业园"]
        );
        assert_eq!(
            place_names("620000", "金昌经开区、庆阳东数西算产业园入选"),
            ["金昌经开区", "庆阳东数西算产业园"]
        );
        // Agricultural high-tech zones (农高区) and tourist resorts named after a
        // place are zones (内蒙古's report).
        assert_eq!(
            place_names(
                "150000",
                "高质量建设巴彦淖尔国家农高区，阿尔山国家级旅游度假区"
            ),
            ["巴彦淖尔国家农高区", "阿尔山国家级旅游度假区"]
        );
        // Nature reserves, scenic areas and forest, wetland and geological parks
        // named after a place are zones, whole; a kind of them is none.
        assert_eq!(
            place_names(
                "510000",
                "建设峨眉山风景名胜区、神农架国家森林公园、西溪国家湿地公园和石林世界地质公园，\
                 加强若尔盖湿地国家级自然保护区保护，建设自然保护区"
            ),
            [
                "峨眉山风景名胜区",
                "神农架国家森林公园",
                "西溪国家湿地公园",
                "石林世界地质公园",
                "若尔盖湿地国家级自然保护区"
            ]
        );
        // A city's sub-centre named after the city is a zone (北京's regulations);
        // alone, 城市副中心 is a kind.
        check(
            "支持北京城市副中心建设，编制城市副中心规划",
            &[("北京城市副中心", Place)],
        );
        // A demonstration zone's name may run to fourteen characters before its
        // suffix (a 东营 regulation).
        check(
            "东营港经济开发区、黄河三角洲农业高新技术产业示范区为重点管理区",
            &[
                ("东营港经济开发区", Place),
                ("黄河三角洲农业高新技术产业示范区", Place),
            ],
        );
        // 美丽 and a place is a goal, no zone's name: the place is the mention
        // (江苏's and 甘肃's reports); nor is a batch of zones a name.
        assert_eq!(place_names("320000", "建设美丽中国先行区"), ["中国"]);
        assert_eq!(
            place_names("620000", "陇南入列全国第一批美丽城市先行区"),
            ["陇南"]
        );
        assert_eq!(
            place_names("630000", "三江源国家公园入选我国首批国家公园"),
            ["三江源国家公园"]
        );
        // A resultative verb of policy prose opens the clause (做大做强 before a
        // zone, as 陕西's report writes 加快推进|西安都市圈).
        assert_eq!(place_names("610000", "做大做强西安都市圈"), ["西安都市圈"]);
        // A place's park (陕西's report) and places sharing one park's head are
        // the places; a kind of park (云南's) is no name, its place is a mention.
        assert_eq!(
            place_names(
                "610000",
                "陈仓、洋县园区产值超过100亿元，富平园区产值超过200亿元"
            ),
            ["陈仓", "洋县", "富平"]
        );
        assert_eq!(
            place_names("350000", "加快建设福州、厦门、泉州省级人工智能产业园"),
            ["福州", "厦门", "泉州"]
        );
        assert_eq!(
            place_names("530000", "瑞丽获批国家级产业协作园区"),
            ["瑞丽"]
        );
    }

    #[test]
    fn holidays_are_times() {
        // 全国年节及纪念日放假办法, articles 2 and 5: a holiday names a day; an
        // organisation inside a memorial day's name is none.
        let times = |text: &str| -> Vec<String> {
            let chars: Vec<char> = text.chars().collect();
            let context = Context {
                anchor: None,
                region: None,
                legal: true,
            };
            find(text, &Lexicon::bundled(), context, None)
                .into_iter()
                .filter(|f| f.entity.kind == Time)
                .map(|f| chars[f.begin..f.end].iter().collect())
                .collect()
        };
        assert_eq!(
            times("(二)春节，放假3天(农历正月初一、初二、初三)；"),
            ["春节", "农历正月初一"]
        );
        assert_eq!(
            times("(四)中国人民解放军建军纪念日(8月1日)，现役军人放假半天。"),
            ["中国人民解放军建军纪念日"]
        );
        assert_eq!(
            times(
                "二七纪念日、五卅纪念日、七七抗战纪念日、九三抗战胜利纪念日、九一八纪念日、教师节、护士节、记者节、植树节等其他节日"
            ),
            [
                "二七纪念日",
                "五卅纪念日",
                "七七抗战纪念日",
                "九三抗战胜利纪念日",
                "九一八纪念日",
                "教师节",
                "护士节",
                "记者节",
                "植树节"
            ]
        );
    }

    #[test]
    fn rivers_before_their_basin_are_places() {
        // 广州市流溪河流域管理条例 and a 自治县's regulation: rivers no list knows, by
        // the 流域 after them; not a word of legal prose before them, nor 江河.
        // (The second 流溪河, with no 流域, is found as the document's name.)
        check(
            "第二条 本条例所称流溪河流域，是指本市行政区域内流溪河自源头至下游南",
            &[("流溪河", Place)],
        );
        check(
            "第二条 自治县行政区域内梅江河流域的水生态环境保护",
            &[("梅江河", Place)],
        );
        check("（三）其他江河流域或者区域的综合规划", &[]);
    }

    #[test]
    fn counties_of_two_characters_count_in_their_region_at_word_boundaries() {
        // 陕西's and 甘肃's reports.
        assert_eq!(
            place_names("610000", "山阳、勉县等6个抽水蓄能项目核准建设"),
            ["山阳", "勉县"]
        );
        assert_eq!(
            places_in("620000", "西和县礼县西汉水人饮等"),
            [
                ("西和县".to_owned(), "621225".to_owned()),
                ("礼县".to_owned(), "621226".to_owned())
            ]
        );
        // Not in another province's document, nor ending a word (提高|县城, 示范|县:
        // 高县 and 范县 are counties of 四川 and 河南).
        assert!(!place_names("440000", "山阳、勉县等6个抽水蓄能项目").contains(&"勉县".to_owned()));
        assert!(place_names("510000", "提高县城辐射带动能力").is_empty());
        assert!(place_names("410000", "创建国家乡村振兴示范县").is_empty());
        // 和县 of 安徽 is no county after a noun it joins (城市和县城).
        assert!(place_names("340000", "城市和县城建成区黑臭水体").is_empty());
    }

    #[test]
    fn organisations_in_events_institutions_and_names_joined_by_a_dash() {
        // 天津's report: an organisation inside an event's name is no mention; 安徽's:
        // nor a place in brackets inside one.
        check("举办2025年上海合作组织峰会", &[("2025年", Time)]);
        check("地方政府暨友城合作（黄山）论坛", &[]);
        // A region's public institutions by their short forms, as its organs; not
        // every one of a kind (全市博物馆), nor 全市|政府系统.
        check(
            "推进市人民医院建设，市博物馆、市图书馆开放",
            &[
                ("市人民医院", Organization),
                ("市博物馆", Organization),
                ("市图书馆", Organization),
            ],
        );
        check("全市博物馆、美术馆举办活动，全市政府系统要", &[]);
        // A name of two places joined by a dash starts with the first.
        check(
            "建设中国—东盟农业合作中心",
            &[("中国—东盟农业合作中心", Organization)],
        );
    }

    #[test]
    fn short_forms_inside_words_references_and_websites_are_no_organs() {
        // 政协 between 行政 and 协调 is letters of two words; 执行|人大 is not.
        check("加强行政协调", &[]);
        check("执行人大决定", &[("人大", Organization)]);
        // ANNOTATION.md: 人大 and 政协 also when they modify a role.
        check(
            "邀请全国人大代表和市政协委员",
            &[("全国人大", Organization), ("市政协", Organization)],
        );
        // A pronoun before the suffix refers to a body named elsewhere; a
        // website of a body is a platform.
        check("特此函告贵公司", &[]);
        check("在本市政府网发布", &[]);
    }

    #[test]
    fn parties_anonymised_by_some_are_people_and_companies() {
        check(
            "原告钱某某诉被告某食品有限公司，钱某与某某公司协商",
            &[
                ("钱某某", Person),
                ("某食品有限公司", Organization),
                ("钱某", Person),
                ("某某公司", Organization),
            ],
        );
        // 某 meaning "a certain", and a preposition before it, name no one.
        check("属于某种情形的，向某单位申请", &[]);
    }

    #[test]
    fn session_numbers_before_short_forms_are_part_of_the_mention() {
        // The openings of the shared reports (山西, 上海's 十二届市委): the
        // session and the level of the report's own region belong to the mention.
        check(
            "落实省十四届人大四次会议部署",
            &[("省十四届人大", Organization)],
        );
        check(
            "在十四届全国人大三次会议上",
            &[("十四届全国人大", Organization)],
        );
        check("贯彻十二届市委历次全会精神", &[("市委", Organization)]);
    }

    #[test]
    fn short_names_of_the_party_and_the_armed_police() {
        // Every report's thanks paragraph names the armed police by its short form.
        check(
            "向驻地部队和武警官兵致以崇高敬意，共产党领导",
            &[("武警", Organization), ("共产党", Organization)],
        );
    }

    #[test]
    fn central_enterprises_named_by_china_and_a_brand() {
        // A shared report's line: 中国 and a brand of two characters, between
        // boundaries, is a central enterprise; 中国 before a common word is a place.
        check(
            "引入国机集团、中国国新等央企，坚持中国特色",
            &[
                ("国机集团", Organization),
                ("中国国新", Organization),
                ("中国", Place),
            ],
        );
    }

    #[test]
    fn works_of_art_and_books_in_titles_are_not_laws() {
        // Shared reports (青海, 安徽 …): plays, films and books named in 《》, and a
        // title chained to one, are single units; a law's title stays a law.
        let lexicon = Lexicon::bundled();
        let text = "话剧《青春之歌》、歌曲《西海情歌》《在那遥远的地方》入选，根据《中华人民共和国专利法》。";
        let kinds: Vec<EntityKind> = find(text, &lexicon, Context::default(), None)
            .iter()
            .map(|f| f.entity.kind)
            .collect();
        assert_eq!(kinds, vec![Legislation], "{text}");
    }

    #[test]
    fn periodicals_and_websites_where_laws_are_published_hold_no_names() {
        // The closing articles of local regulations (浙江's, 山东's, 广东's in the
        // shared laws): a newspaper or gazette in 《》 is no law cited (a newspaper
        // is an organisation by its suffix, as without the marks; a gazette holds
        // no mention), and a website named by a place and a body is a platform; a
        // document's title (《关于…的通报》) stays a law, and a body's website
        // described (政府网站) keeps its place.
        let lexicon = Lexicon::bundled();
        let context = Context {
            anchor: None,
            region: None,
            legal: true,
        };
        let found = |text: &str| -> Vec<(String, EntityKind)> {
            let chars: Vec<char> = text.chars().collect();
            find(text, &lexicon, context, None)
                .into_iter()
                .map(|f| (chars[f.begin..f.end].iter().collect(), f.entity.kind))
                .collect()
        };
        assert_eq!(
            found("在《浙江日报》和《潍坊市人大常委会公报》上公布"),
            [("浙江日报".to_owned(), Organization)]
        );
        assert_eq!(found("同时刊载于中国人大网、中国政府网和衢州人大网"), []);
        assert_eq!(
            found("依照《国务院办公厅关于安全生产情况的通报》，在杭州市人民政府网站公开"),
            [
                ("国务院办公厅关于安全生产情况的通报".to_owned(), Legislation),
                ("杭州市人民政府".to_owned(), Organization),
            ]
        );
    }

    #[test]
    fn regions_and_literary_names_of_provinces() {
        // 福建's report: a province's literary name (别称) is a mention of it.
        check("八闽气韵风采生动展现", &[("八闽", Place)]);
        // A region and 地区 are one name (重庆's report, and ANNOTATION.md's
        // 中部地区).
        check("推动渝西地区协同发展", &[("渝西地区", Place)]);
        check("融入长江三角洲地区发展", &[("长江三角洲地区", Place)]);
        // Regions named by abbreviations together, with no region inside (京津|中).
        check(
            "服务京津中加快发展，港澳台同胞",
            &[("京津", Place), ("港澳台", Place)],
        );
        check(
            "激活渝西文旅资源，全面加快川陕革命老区振兴",
            &[("渝西", Place), ("川陕革命老区", Place)],
        );
        // 重庆's report: 成渝 is the region of 成都 and 重庆.
        check(
            "成渝地区纳入国家三大区域，构建成渝现代水网体系",
            &[("成渝地区", Place), ("成渝", Place)],
        );
    }

    #[test]
    fn places_inside_unquoted_programme_names_are_mentions() {
        // An unquoted programme name is a descriptive phrase (ANNOTATION.md: 长江大保护
        // → 长江), not a plan: its places are mentions. Sentences of the shared reports.
        check(
            "纵深推进京津冀协同发展，推动长江经济带发展和中部地区崛起，实施乡村振兴战略。",
            &[
                ("京津冀", Place),
                ("长江经济带", Place),
                ("中部地区", Place),
            ],
        );
        // A zone's name may be as long as its rule allows (14 characters before
        // 先行区), not cut at 12.
        check(
            "建设苏州全面深化改革开放创新发展先行区",
            &[("苏州全面深化改革开放创新发展先行区", Place)],
        );
    }

    #[test]
    fn names_joined_by_grade_words_and_fields() {
        // 等 of 高等/中等 and 与 between two fields stay inside a name after a place;
        // 与 before another place (加强与|四川大学) ends a name.
        check(
            "建设江西高等研究院，发展湖南中等职业学院，组建西安材料科学与工程研究院。",
            &[
                ("江西高等研究院", Organization),
                ("湖南中等职业学院", Organization),
                ("西安材料科学与工程研究院", Organization),
            ],
        );
        check("加强与四川大学合作", &[("四川大学", Organization)]);
    }

    #[test]
    fn companies_and_institutions_named_by_a_brand() {
        // Sentences of the shared reports (江苏, 安徽, 天津, 甘肃).
        check(
            "海螺集团与皖维集团启动重组。苏豪集团重组整合。",
            &[
                ("海螺集团", Organization),
                ("皖维集团", Organization),
                ("苏豪集团", Organization),
            ],
        );
        check(
            "推动磷化集团，支持吉翼公司上半年产品面市，支持苏州实验室、紫金山实验室等加快建设",
            &[
                ("磷化集团", Organization),
                ("吉翼公司", Organization),
                ("上半年", Time),
                ("苏州实验室", Organization),
                ("紫金山实验室", Organization),
            ],
        );
        // Forest farms and memorial halls (甘肃's and 陕西's reports).
        check(
            "八步沙林场三代人治沙，关中革命纪念馆、秦岭博物馆等建成",
            &[
                ("八步沙林场", Organization),
                ("关中革命纪念馆", Organization),
                ("秦岭博物馆", Organization),
            ],
        );
        // Descriptions ending or starting with a common word are no names.
        check(
            "加强上市公司风险监测，新增境内上市公司，引导项目公司，城市医疗集团，推进高水平大学建设，全国首家股份制银行",
            &[],
        );
        check("新增老年大学，推动康复大学建设", &[]);
        // In a legal text, 开户银行 and 新设公司 are roles.
        let lexicon = Lexicon::bundled();
        let text = "当事人应当在开户银行办理，新设公司应当登记。";
        let found = find(
            text,
            &lexicon,
            Context {
                legal: true,
                ..Context::default()
            },
            None,
        );
        assert!(
            found.iter().all(|f| f.entity.kind != Organization),
            "{text}"
        );
    }

    #[test]
    fn names_of_other_kinds_hold_no_place() {
        // Facilities, events and streets named after a place are single units.
        check("上海东站、南京北站", &[]);
        check("中国国际进口博览会圆满举办", &[]);
        check("上海港运营，宁德核电投产", &[]);
        check("香港、澳门", &[("香港", Place), ("澳门", Place)]);
        check("南京东路、赤峰道，江苏道路运输", &[("江苏", Place)]);
        // Water named after a place is a place of its own.
        check(
            "黄浦江挡潮闸，苏州河滨水，泉州湾",
            &[("黄浦江", Place), ("苏州河", Place), ("泉州湾", Place)],
        );
        // A county's name inside words is no place (适应城市).
        check("适应城市发展阶段", &[]);
        // Coordination with a shared head gives the places.
        check("南京、杭州都市圈", &[("南京", Place), ("杭州", Place)]);
        check("河南、山东黄河河务局", &[("河南", Place), ("山东", Place)]);
        check(
            "陕西省和山西省人民政府",
            &[("陕西省", Place), ("山西省", Place)],
        );
        check(
            "龙羊峡、刘家峡、小浪底水库",
            &[("龙羊峡", Place), ("刘家峡", Place), ("小浪底", Place)],
        );
        check("推进赣东北开放合作", &[("赣东北", Place)]);
        // A division written in full, or a zone, before another zone shares no head
        // with it (福建's report).
        check(
            "南平市和莆田高新区列入国家碳达峰试点",
            &[("南平市", Place), ("莆田高新区", Place)],
        );
        // Science parks and ports of entry are facilities (天津's report); 湖体 and
        // 湖泡 are words, not lakes (江苏's report).
        check("宝坻京津中关村科技城", &[]);
        // A pass named after a place is a site; 上海关于 and 北京关心 are no passes.
        check(
            "上海关于加强，北京关心",
            &[("上海", Place), ("北京", Place)],
        );
        check("太湖湖体平均水质", &[("太湖", Place)]);
        // A short slogan of a few clauses is a brand, a single unit (made up).
        check("“山水相连，周末游江苏”持续走红", &[]);
        check("建设创新中心", &[]);
    }

    #[test]
    fn places_listed_before_a_shared_site_head() {
        // Coordination with a shared generic head gives the places (ANNOTATION.md),
        // a site's head too: airports, power stations, reservoirs, laboratories,
        // sites (陕西's, 云南's, 安徽's and 内蒙古's reports).
        check("建成榆林、延安机场", &[("榆林", Place), ("延安", Place)]);
        check(
            "建设包头、鄂尔多斯实验室",
            &[("包头", Place), ("鄂尔多斯", Place)],
        );
        // Unknown items in a list with a known place; a count, a size or 等 between
        // the last item and the head; the longest head (水电站).
        check(
            "推进哇玉、同仁、西宁3个抽水蓄能电站",
            &[
                ("哇玉", Place),
                ("同仁", Place),
                ("西宁", Place),
                ("3个", Quantity),
            ],
        );
        check(
            "旭龙、古水、奔子栏水电站等建成",
            &[("旭龙", Place), ("古水", Place), ("奔子栏", Place)],
        );
        check(
            "昆明、玉溪大型水库建成投用",
            &[("昆明", Place), ("玉溪", Place)],
        );
        // The first item starts after a word that opens a clause (深化).
        check(
            "深化石峁、太平遗址研究",
            &[("石峁", Place), ("太平", Place)],
        );
        // Not a list of places: kinds (国家重点、省级重点), verbs and common words
        // (新建、整合8家), names of their own (…铁路、中川机场), and lists with no
        // known place.
        check("建设国家重点、省级重点实验室", &[]);
        check("推进新建、整合8家省重点实验室", &[("8家", Quantity)]);
        check("加快宝中铁路、包兰铁路、中川机场改造", &[]);
        check("推进甲乙、丙丁水电站", &[]);
        // In a report, sites and areas named after villages and localities no
        // gazetteer lists: 等 and the head (with words of kind between) say the
        // list is of places; a head that modifies a kind of thing (区域品牌), or an
        // item of common words, says it is not.
        check(
            "加强杨官寨、芦山峁、寨峁梁等国家考古遗址公园建设",
            &[("杨官寨", Place), ("芦山峁", Place), ("寨峁梁", Place)],
        );
        check("培育马铃薯、小杂粮等区域品牌", &[]);
        check("整治轨道站点、群租空间等重点区域", &[]);
        // A count of plants before their capacity is a description too.
        check(
            "加快酒泉市、张掖市2座10万千瓦光热电站",
            &[
                ("酒泉市", Place),
                ("张掖市", Place),
                ("2座", Quantity),
                ("10万千瓦", Quantity),
            ],
        );
    }

    #[test]
    fn sections_of_routes_hold_no_place_sections_of_rivers_do() {
        // ANNOTATION.md: a facility's name is one unit, its section's too; a
        // river's section names the river and the place.
        check(
            "建成京昆高速四川段和京哈高速（沈阳段），治理珠江广东段",
            &[("珠江", Place), ("广东", Place)],
        );
    }

    #[test]
    fn facilities_and_routes_hold_no_place() {
        // Bridges, locks, metro lines and power stations named after a place
        // (重庆's, 江苏's, 上海's and 宁夏's reports).
        check("开工支坪长江大桥等节点工程", &[]);
        // A city's China–Europe or China–Asia trains: the national service, run
        // from the city, which is a mention; a route's trains hold their places.
        check(
            "开行成都中欧班列、西安中亚班列和甲至乙班列",
            &[("成都", Place), ("西安", Place)],
        );
        check("镇江谏壁一线船闸扩容改造", &[]);
        check("加快建设崇明线、南枫线", &[]);
        check("太原地铁1号线开通运营", &[]);
        // A facility named after its place, alone; coordinated places before a
        // route's head are routes' names (陕西's report).
        check("建成延安机场", &[]);
        // A bonded logistics centre is a customs facility of that name, though a
        // logistics centre alone is no name (建设区域物流中心).
        check("支持泸州保税物流中心封关运行", &[]);
        check("建成甲乙、丙丁高铁", &[]);
        // Routes between places are roads, lines and projects (青海's, 吉林's and
        // 陕西's reports).
        check("建成尖扎至贵德、小柴旦湖至老茫崖等公路", &[]);
        check("白山至临江、松江河至长白等高速公路", &[]);
        check("重庆至武汉段4.5米水深航道", &[("4.5米", Quantity)]);
        // Not facilities: a verb after the place (重庆's report), a count of
        // counties (甘肃's), ports of places like one (内蒙古's), a journey.
        check("渝东南迈入高铁时代", &[]);
        check(
            "江苏、安徽2省高速项目全部开工",
            &[("江苏", Place), ("安徽", Place)],
        );
        check(
            "在上海、天津等口岸开展",
            &[("上海", Place), ("天津", Place)],
        );
        check("从北京至上海的旅客", &[("北京", Place), ("上海", Place)]);
        // Metro lines and meetings named after a place (甘肃's and 新疆's
        // reports); a node city of a train service is a place.
        check("建成兰州轨道交通二号线。", &[]);
        check("第十次全国对口支援新疆工作会议精神", &[]);
        check("加快兰州中欧班列节点城市建设", &[("兰州", Place)]);
        // Plants and projects named by a place and their capacity (陕西's
        // report); a count of places or of plants is a description (甘肃's).
        check("推进哈密750千伏输变电工程", &[("750千伏", Quantity)]);
        check("推进榆林千万吨煤制油", &[("千万吨", Quantity)]);
        check(
            "做大做强酒泉、天水两个区域中心城市",
            &[("酒泉", Place), ("天水", Place), ("两个", Quantity)],
        );
        // Power lines named by the regions they join (陕西's, 重庆's and 福建's
        // reports) are facilities; a river's section keeps its places (宁夏's).
        check("陕皖直流输电工程有序推进", &[]);
        check(
            "川渝特高压交流工程结束重庆迎峰度夏缺电历史",
            &[("重庆", Place)],
        );
        check("开工建设闽赣电力联网工程", &[]);
        // A section of a railway or an expressway named by its place is part of
        // the facility's name (上海's and 福建's reports).
        check("推进沪渝蓉高铁上海段等重大项目建设", &[]);
        check("开工建设潮南高速三明段", &[]);
        check(
            "黄河宁夏段河道治理工程全面贯通",
            &[("黄河", Place), ("宁夏", Place)],
        );
        // Festivals, contests and fairs named after a place are events, single
        // units (上海's laws, 陕西's and 内蒙古's reports).
        check("本市强化全民科普工作，办好上海科技节等品牌活动", &[]);
        check(
            "本市支持举办中国上海国际艺术节、上海国际电影节、上海电视节",
            &[],
        );
        check("办好汉中油菜花节、安康汉江龙舟节", &[]);
        check("举办中国产业转移发展对接会", &[]);
        // A ranking named after a place is a list's title (天津's report); other
        // words before the count than what is ranked (入围全球, 跻身全国) make a
        // phrase about the places (福建's and 甘肃's reports).
        check("承办好中国民营企业500强发布活动", &[]);
        check(
            "厦门、宁德入围全球百强",
            &[("厦门", Place), ("宁德", Place)],
        );
        check("天水经开区跻身全国50强", &[("天水经开区", Place)]);
    }

    #[test]
    fn rivers_jieba_tags_as_people_or_names_by_a_direction_are_places() {
        // Laws of the shared corpus: a river jieba's dictionary tags nr, and
        // one named by a direction before 江.
        check(
            "凉水河、通惠河、清河以及其他跨区、县河道防洪规划",
            &[("凉水河", Place), ("通惠河", Place), ("清河", Place)],
        );
        check("禁止在西江干流、一级支流两岸", &[("西江", Place)]);
    }

    #[test]
    fn an_organisation_found_by_its_suffix_ends_where_it_should() {
        // A known body's name after a verb (吉林's report, 引渡法), a count
        // (上海's report) and designated centres (云南's and 重庆's) are not one
        // organisation's name.
        check(
            "长白山获联合国教科文组织批准",
            &[("长白山", Place), ("联合国教科文组织", Organization)],
        );
        check(
            "由最高人民法院接到公安部的请求",
            &[("最高人民法院", Organization), ("公安部", Organization)],
        );
        // A verb ending in a suffix (签署), and 部门 with a verb after it (laws).
        check("由民政部门定期组织检查，在境内签署", &[]);
        check(
            "农业农村部门报市人民政府批准",
            &[("市人民政府", Organization)],
        );
        check(
            "制定修改浦东新区法规4部",
            &[("浦东新区", Place), ("4部", Quantity)],
        );
        check(
            "面向南亚东南亚辐射中心建设，长江上游航运中心基本建成",
            &[("南亚", Place), ("东南亚", Place), ("长江", Place)],
        );
        // A group's registered name ends with its legal form.
        check(
            "支持中国东方电气集团有限公司、四川省投资集团有限责任公司发展",
            &[
                ("中国东方电气集团有限公司", Organization),
                ("四川省投资集团有限责任公司", Organization),
            ],
        );
    }

    #[test]
    fn names_written_china_and_a_bracketed_place() {
        // A zone's whole name is a place; an event's or platform's holds none
        // (安徽's, 甘肃's and 山西's reports).
        check(
            "中国（安徽）自贸试验区累计推出259项",
            &[("中国（安徽）自贸试验区", Place), ("259项", Quantity)],
        );
        check(
            "积极申建中国（甘肃）自由贸易试验区。",
            &[("中国（甘肃）自由贸易试验区", Place)],
        );
        check(
            "办好中国（安徽）科交会、中国（太原）国际能源产业博览会",
            &[],
        );
    }

    #[test]
    fn a_place_in_brackets_that_qualifies_a_name_is_no_mention() {
        // Bases, routes and platforms qualified by a place in brackets are
        // single units (河北's, 陕西's and 甘肃's reports); a place's own
        // part in brackets stays a place, and the designation ends before a verb
        // (江西's) or a number.
        check("建好北方（沧州）跨境电商物流基地。", &[]);
        check("中欧班列（西安）开行6037列", &[("6037列", Quantity)]);
        check("加快国家数据基础设施（甘肃）区域功能节点建设", &[]);
        check(
            "推进武夷山国家公园（江西片区）建设",
            &[("武夷山国家公园", Place), ("江西片区", Place)],
        );
        check(
            "北方（沧州）跨境电商物流基地投资3亿元",
            &[("3亿元", Quantity)],
        );
        // A zone's name that opens with no place before the brackets starts at
        // the clause's boundary and is one place (ANNOTATION.md: named zones).
        check(
            "推进中德（沈阳）高端装备制造产业园建设",
            &[("中德（沈阳）高端装备制造产业园", Place)],
        );
    }

    #[test]
    fn a_bodys_unit_in_a_place_is_one_organisation() {
        // 重庆's, 山西's and 青海's reports.
        check(
            "建好教育部重庆高等研究院等新型创新平台",
            &[("教育部重庆高等研究院", Organization)],
        );
        check(
            "新加坡设计业总商会重庆代表处成立",
            &[("新加坡设计业总商会重庆代表处", Organization)],
        );
        check("中科院山西煤化所", &[("中科院山西煤化所", Organization)]);
        // A design institute is a body like a research institute, with no place
        // inside; the generic word alone is none.
        check(
            "中国核动力研究设计院、中国建筑设计研究院参与攻关",
            &[
                ("中国核动力研究设计院", Organization),
                ("中国建筑设计研究院", Organization),
            ],
        );
        check("推动建筑设计院改制", &[]);
        // A hospital's campus in a city (written for the rule).
        check(
            "四川省人民医院成都东院区开诊",
            &[("四川省人民医院成都东院区", Organization)],
        );
        check(
            "青海大学三江源生态大数据应用实验室成为",
            &[("青海大学三江源生态大数据应用实验室", Organization)],
        );
        // A place after an organisation, then no unit's name (made up).
        check(
            "国务院江苏工作组的同志",
            &[("国务院", Organization), ("江苏", Place)],
        );
    }

    #[test]
    fn quoted_terms_in_laws_are_terms() {
        let lexicon = Lexicon::bundled();
        let found = find(
            "“情节严重”，是指",
            &lexicon,
            Context {
                anchor: None,
                region: None,
                legal: true,
            },
            None,
        );
        assert_eq!(found[0].entity.kind, Term);
    }

    #[test]
    fn seed_organisations_have_clean_boundaries() {
        check(
            "为了增进友谊， 1984年成立了中国职工对外交流中心，并在此基础上成立了中国职工旅行社。",
            &[
                ("1984年", Time),
                ("中国职工对外交流中心", Organization),
                ("中国职工旅行社", Organization),
            ],
        );
        check(
            "要求在国际工会运动和国际劳工组织中享有应有的权利",
            &[("国际劳工组织", Organization)],
        );
        check("同周边国家和发展中国家工会的关系", &[]);
        check("加强与区域工会组织的交流交往", &[]);
    }

    #[test]
    fn places_inside_shows_races_weeks_and_meetings_are_not_mentions() {
        // Motor shows, open tournaments, fashion weeks: events, single units.
        check("支持办好西安国际车展，举办上海时装周和杭州网球公开赛", &[]);
        // A meeting's name holds no place nor the organ that holds it; a place
        // where a meeting is held is a mention.
        assert_eq!(
            place_names(
                "540000",
                "全面贯彻中央第七次西藏工作座谈会精神，在拉萨召开座谈会"
            ),
            ["拉萨"]
        );
        check(
            "落实省委城市工作会议、市委经济工作会议安排，在省委领导下",
            &[("省委", Organization)],
        );
        // A numbered session of a body keeps the body.
        check("落实省委十二届八次全会安排", &[("省委", Organization)]);
        check(
            "陕西省第十四届人民代表大会常务委员会第三次会议通过",
            &[("陕西省第十四届人民代表大会常务委员会", Organization)],
        );
    }

    #[test]
    fn a_companys_seat_in_a_city_is_the_company_and_the_city() {
        // An item of a company list that ends with a city before 总部.
        check(
            "东风汽车、小米武汉总部、烽火通信等企业加快发展",
            &[
                ("东风汽车", Organization),
                ("小米", Organization),
                ("武汉", Place),
                ("烽火通信", Organization),
            ],
        );
    }

    #[test]
    fn places_inside_event_names_are_not_mentions() {
        // Sentences of the shared reports (../shared/corpus/gov-reports-2026).
        check("全面落实中国—中亚峰会涉陕成果", &[]);
        check("成功举办兰州国际马拉松", &[]);
        check("跨国公司领导人青岛峰会", &[]);
        check("办好长江文明论坛", &[]);
        // The short forms of fairs and games hold one character after the place;
        // further on, the place is what the sentence is about.
        check("办好成都世运会", &[]);
        check("支持北京冬奥会场馆赛后利用", &[]);
        check("四川代表团夺得全运会金牌", &[("四川", Place)]);
        // A place before a word of holding, or before the generic word alone after
        // 的, is a mention.
        check("在福州举办的论坛", &[("福州", Place)]);
        check("厦门成功举办峰会", &[("厦门", Place)]);
        // A quoted plan opening an event's or an organisation's name is part of
        // that name.
        check("举办“一带一路”国际合作高峰论坛", &[]);
        check(
            "成立“一带一路”国际商事调解中心",
            &[("“一带一路”国际商事调解中心", Organization)],
        );
        check("共建“一带一路”，举办论坛", &[("一带一路", Plan)]);
    }

    #[test]
    fn longest_mention_wins() {
        check("上海市人民政府", &[("上海市人民政府", Organization)]);
        check(
            "依照《中华人民共和国专利法》的规定",
            &[("中华人民共和国专利法", Legislation)],
        );
        check("财政部门负责", &[]);
    }

    #[test]
    fn quoted_plans_terms_and_people() {
        check("“十五五”规划谋篇布局", &[("“十五五”规划", Plan)]);
        check("加快建设“五个中心”", &[("五个中心", Plan)]);
        // A quoted phrase that is not numbered and has no plan word is a term
        // (scare quotes, labels), not a plan; so is an “X+” model without one.
        check("简单地搞“接轨”", &[("接轨", Term)]);
        check("“三公”经费", &[("三公", Term)]);
        check("推进“千万工程”", &[("千万工程", Plan)]);
        check("实施“人工智能+”行动", &[("“人工智能+”行动", Plan)]);
        // A programme's motto of a few phrases, with its plan word, is its name;
        // without one it is a slogan, a single unit of no kind.
        check(
            "实施“千村精品、万村美丽”工程和“育新苗，壮主体”行动",
            &[
                ("“千村精品、万村美丽”工程", Plan),
                ("“育新苗，壮主体”行动", Plan),
            ],
        );
        check("唱响“千村精品、万村美丽”", &[]);
        check("培育“农村+”特色产业", &[("农村+", Term)]);
        check("用好“两重”“两新”政策", &[("两重", Plan), ("两新", Plan)]);
        check("“赣莲”品牌", &[("赣莲", Term)]);
        // 战略 opening a compound is no plan word of the name before it.
        check("围绕“三核两带”战略定位", &[("三核两带", Plan)]);
        check("实施“强省会”战略", &[("“强省会”战略", Plan)]);
        // 建设 after a plan and 改革 after any quoted phrase are the plan's work:
        // part of its name (ANNOTATION.md's “十五五”规划). After a label, 建设 is
        // not (“智慧书房”建设); a programme named after a division is a plan.
        check("推进“两新”建设", &[("“两新”建设", Plan)]);
        check("深化“证照分离”改革", &[("“证照分离”改革", Plan)]);
        check("推进“智慧书房”建设", &[("智慧书房", Term)]);
        check("加快“数字江苏”建设", &[("“数字江苏”建设", Plan)]);
        check("致敬“两新”建设者", &[("两新", Plan)]);
        // Unquoted programme names are not plans; quoted ones the gazetteer knows are.
        check("实施乡村振兴战略", &[]);
        check("共建“一带一路”", &[("一带一路", Plan)]);
        check("“十四五”时期", &[("“十四五”时期", Time)]);
        check("他说：“我们要坚定不移地走自己的路，不照搬。”", &[]);
        check("贯彻落实习近平总书记重要讲话", &[("习近平", Person)]);
        check("我们同王小明同志谈话", &[("王小明", Person)]);
        check("上海市市长 龚 正", &[("上海市", Place), ("龚 正", Person)]);
        check(
            "全国人民代表大会常务委员会委员长会议",
            &[("全国人民代表大会常务委员会", Organization)],
        );
        check("由管理同志负责", &[]);
    }

    #[test]
    fn united_banks_and_long_free_trade_areas() {
        // A united bank: 联合 stops a name's reach (联合甲会), not inside the
        // bank's own suffix.
        check("组建四川联合银行", &[("四川联合银行", Organization)]);
        // A free trade area's whole name may run past fourteen characters after
        // its province.
        assert_eq!(
            place_names(
                "510000",
                "推进中国（四川）自由贸易试验区成都天府新区片区建设"
            ),
            ["中国（四川）自由贸易试验区成都天府新区片区"]
        );
    }

    #[test]
    fn a_brand_may_open_with_a_numeral_but_a_count_is_none() {
        // A laboratory named by a mountain whose name opens with a numeral.
        check("支持九峰山实验室建设", &[("九峰山实验室", Organization)]);
        // Counts and ranks of bodies stay none.
        check(
            "新增三家银行，建设两个实验室，培育十大集团",
            &[("三家", Quantity), ("两个", Quantity)],
        );
    }

    #[test]
    fn a_development_zone_named_by_a_city_and_a_town_is_whole() {
        // City, district, 经济技术开发区: up to ten characters before 开发区.
        assert_eq!(
            place_names("210000", "推进营口鲅鱼圈经济技术开发区建设"),
            ["营口鲅鱼圈经济技术开发区"]
        );
    }

    #[test]
    fn a_central_hub_is_no_organisation() {
        // 中心枢纽 is a hub's role (建设甲地区乙中心枢纽), not a centre's name.
        check("建设中亚地区交流中心枢纽", &[("中亚地区", Place)]);
    }

    #[test]
    fn a_motto_before_a_strategy_of_development_is_its_name() {
        // 发展战略 is a strategy's word as 战略 is: the motto of a few phrases
        // before it names the strategy.
        check(
            "深入实施“产城同步、县域共兴”发展战略",
            &[("产城同步、县域共兴", Plan)],
        );
        check("实施“强省会”发展战略", &[("强省会", Plan)]);
        // Without it, a motto of a few phrases is a slogan, a single unit.
        check("推进“产城同步、县域共兴”", &[]);
    }

    #[test]
    fn a_port_named_by_a_regional_short_name_holds_no_place() {
        // 内江 is a short name only 四川's documents know, and a port named
        // after it is a facility, a single unit; the city alone is a place.
        assert_eq!(place_names("510000", "建设内江港，支持内江发展"), ["内江"]);
    }

    #[test]
    fn quoted_campaigns_before_activities_are_plans() {
        // A campaign (活动) after the quoted phrase, at once or after 等 and a few
        // words of its kind, makes it a plan, counted or not, one of a few
        // phrases or not; the span is the quoted phrase alone.
        check("开展“春风暖万家”等惠企活动", &[("春风暖万家", Plan)]);
        check("举办“乐享山水”系列活动", &[("乐享山水", Plan)]);
        check("开展“五个一”活动", &[("五个一", Plan)]);
        check(
            "开展“学思想、强党性”等理论宣讲活动",
            &[("学思想、强党性", Plan)],
        );
        // A named day, a gathering or a match before 活动 is an event, not a
        // campaign.
        check("举办“中国航天日”活动", &[("中国航天日", Term)]);
        check("办好“乡超”等赛事活动", &[("乡超", Term)]);
        check("举办“乡村音乐汇”等活动", &[("乡村音乐汇", Term)]);
    }

    #[test]
    fn a_feature_starts_after_a_whole_county_and_holds_no_verb() {
        // The county's name runs to its 县: the lake's name starts after it.
        check("保护宾川县海稍湖", &[("宾川县", Place), ("海稍湖", Place)]);
        // A verb before the head makes a clause about a reservoir, no name.
        check("由环境保护部门确定水库的管理范围", &[]);
    }

    #[test]
    fn a_known_place_ends_a_lake_name_and_a_brand_of_china_is_a_company() {
        // The city 巢湖, not a lake named 申报巢湖 after the verb.
        check("争取申报巢湖", &[("巢湖", Place)]);
        // 中国 and a brand before a verb is a company, not a lake or a place.
        check("中国星河攻克关键技术", &[("中国星河", Organization)]);
        // After a word that joins partners, and before a word that opens a clause.
        check("与中国星河深化合作", &[("中国星河", Organization)]);
    }

    #[test]
    fn universities_and_companies_named_by_no_place_are_organisations() {
        // No place opens their names and their heads are words of the language:
        // the institutions jieba knows as organisations.
        check(
            "支持清华大学、同济大学和东南大学在当地设立研究院",
            &[
                ("清华大学", Organization),
                ("同济大学", Organization),
                ("东南大学", Organization),
            ],
        );
        // A kind of university is no name.
        check("新建一所农业大学", &[]);
        // Companies named by a brand that is a word of the language too.
        check(
            "支持海尔集团、华夏银行发展",
            &[("海尔集团", Organization), ("华夏银行", Organization)],
        );
    }

    #[test]
    fn universities_of_finance_and_museums_named_after_a_place() {
        // 经 stops a name's left edge (经|国务院同意), but not inside 财经; a
        // 博物院 is a museum as a 博物馆 is.
        check(
            "支持东北财经大学和南京博物院发展",
            &[("东北财经大学", Organization), ("南京博物院", Organization)],
        );
        check("经国务院同意", &[("国务院", Organization)]);
    }

    #[test]
    fn central_enterprises_named_by_a_common_word_in_lists_of_companies() {
        // 中国 and a common word beside two known companies is a company; alone,
        // or beside no company, it is a description and 中国 the place.
        check(
            "深化与国家电网、南方电网、中国石化、中国电信合作",
            &[
                ("国家电网", Organization),
                ("南方电网", Organization),
                ("中国石化", Organization),
                ("中国电信", Organization),
            ],
        );
        check(
            "弘扬中国精神、中国文化",
            &[("中国", Place), ("中国", Place)],
        );
    }

    #[test]
    fn a_laboratory_is_named_by_its_field_before_its_place() {
        // After a verb or a clause's opening word, the field opens the name; after
        // a comma alone, the place does.
        check(
            "培育量子信息湖北实验室，加快建设深海探测山东实验室",
            &[
                ("量子信息湖北实验室", Organization),
                ("深海探测山东实验室", Organization),
            ],
        );
        check("，海洋科技山东实验室", &[("山东实验室", Organization)]);
    }

    #[test]
    fn a_series_of_laboratories_is_no_one_body() {
        assert_eq!(place_names("420000", "建设荆楚系列实验室"), ["荆楚"]);
    }

    #[test]
    fn countries_by_their_common_names_at_word_boundaries() {
        check(
            "深化同法国、巴拿马和北欧国家合作",
            &[("法国", Place), ("巴拿马", Place), ("北欧", Place)],
        );
        // A two-character country counts at word boundaries only: 鸡汤|加热,
        // 执法|国际.
        check("同汤加合作，鸡汤加热", &[("汤加", Place)]);
        check("加强执法国际合作", &[]);
    }

    #[test]
    fn listed_companies_and_two_character_rivers_at_word_boundaries() {
        check(
            "支持比亚迪、宁德时代扩产",
            &[("比亚迪", Organization), ("宁德时代", Organization)],
        );
        // jieba tags some short names as abbreviations (j): still companies.
        check(
            "支持中联重科、中青旅拓展海外市场",
            &[("中联重科", Organization), ("中青旅", Organization)],
        );
        // A company listed with its share class (京东方Ａ) by its name.
        check(
            "京东方在合肥建设生产线",
            &[("京东方", Organization), ("合肥", Place)],
        );
        // Two-character rivers count at word boundaries only: 自信|江西 holds no
        // 信江.
        check("治理汉江和渭河", &[("汉江", Place), ("渭河", Place)]);
        check("坚定自信江西必将更好", &[("江西", Place)]);
        // Not across the words around it: 创新|和成|果 is no company.
        check("促进科技创新和成果转化", &[]);
    }

    #[test]
    fn companies_before_the_capacities_of_their_projects() {
        // Sentences of the shared reports (陕西, 吉林): in a list of projects, the
        // name before a capacity is the company's.
        check(
            "芯业时代8英寸半导体、弗迪12吉瓦时动力电池扩产等项目投产",
            &[
                ("芯业时代", Organization),
                ("8英寸", Quantity),
                ("弗迪", Organization),
            ],
        );
        check(
            "推动吉林梅花60万吨赖氨酸等项目释放产能",
            &[("吉林梅花", Organization), ("60万吨", Quantity)],
        );
        // Outputs and counts are no companies: a common phrase (粮食), a count
        // of things (3个), a list closed by no 项目.
        check(
            "粮食1300万吨、蔬菜2000万吨等项目",
            &[("1300万吨", Quantity), ("2000万吨", Quantity)],
        );
        check("加快西部3个煤制气等项目", &[("3个", Quantity)]);
        check("芯业时代8英寸半导体实现量产", &[("8英寸", Quantity)]);
    }

    #[test]
    fn items_of_a_list_closed_by_a_kind_of_company_are_organisations() {
        // Short names no list holds, before 等…企业: companies, the first after
        // its verb; a known company among them is found once.
        check(
            "支持蔚来、理想汽车、小鹏等车企扩大产能。",
            &[
                ("蔚来", Organization),
                ("理想汽车", Organization),
                ("小鹏", Organization),
            ],
        );
        check(
            "引进鞍钢、宝武等央企。",
            &[("鞍钢", Organization), ("宝武", Organization)],
        );
        // A list of no kind, most of it listed companies: the rest are too.
        check(
            "宁德时代、比亚迪、曜石科技等加快布局。",
            &[
                ("宁德时代", Organization),
                ("比亚迪", Organization),
                ("曜石科技", Organization),
            ],
        );
        check(
            "促进诺和瑞康、蓝星动力等重点外企发展。",
            &[("诺和瑞康", Organization), ("蓝星动力", Organization)],
        );
        // Counted by 家, the items are companies though they read as phrases.
        check(
            "北方矿业、城乡发展集团等5家企业获评国家级绿色工厂。",
            &[
                ("北方矿业", Organization),
                ("城乡发展集团", Organization),
                ("5家", Quantity),
            ],
        );
        // Sectors closed the same way are no companies.
        check("推动钢铁、化工等企业节能降碳。", &[]);
        check("支持专业、高效等中小企业发展。", &[]);
        // An item ending with a kind of body says which bodies, no name.
        check(
            "推动在京高校、中国科学院、清华大学等组建攻关团队。",
            &[("中国科学院", Organization), ("清华大学", Organization)],
        );
        // A partner joined to an item by 与 is no company of the list, which
        // starts after the joiner.
        check(
            "推动中国人民大学、北京师范大学与比亚迪、大疆、百度等企业合作。",
            &[
                ("中国人民大学", Organization),
                ("北京师范大学", Organization),
                ("比亚迪", Organization),
                ("大疆", Organization),
                ("百度", Organization),
            ],
        );
    }

    #[test]
    fn numbered_labels_records_and_nicknames_are_terms() {
        // A numbered formula is a plan unless a word after it makes it a label.
        check("完善“三诊”机制", &[("三诊", Term)]);
        check("优化“两核多极”布局", &[("两核多极", Term)]);
        // Runs of years, ordinals, numbered models and prizes are no programmes.
        check("粮食实现“十连丰”", &[("十连丰", Term)]);
        check("实现“零门槛”准入", &[("零门槛", Term)]);
        check("实施“零碳”行动", &[("“零碳”行动", Plan)]);
        check("建成“新春第一站”", &[("新春第一站", Term)]);
        check("推广“陇薯7号”", &[("陇薯7号", Term)]);
        check("研究入选“中国科学十大进展”", &[("中国科学十大进展", Term)]);
        // A ranking is a list, no programme (甘肃's report).
        check(
            "10家企业进入“中国隐形独角兽500强”",
            &[("10家", Quantity), ("中国隐形独角兽500强", Term)],
        );
        // A programme's list is still the programme's, and its work part of
        // its name.
        check("列入“双一流”建设序列", &[("“双一流”建设", Plan)]);
    }

    #[test]
    fn a_district_named_by_a_common_word_right_after_its_city() {
        // 城关区 names the urban area far more often than a district: it counts
        // right after the city it is a district of, and nowhere else.
        let codes = |code, text| {
            places_in(code, text)
                .into_iter()
                .map(|(n, key)| format!("{n} {key}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            codes("540000", "推进拉萨市城关区建设"),
            ["拉萨市 540100", "城关区 540102"]
        );
        assert_eq!(codes("620000", "完善城关区功能"), Vec::<String>::new());
        // Suzhou has no district named 城区: its urban area is meant.
        assert_eq!(codes("320000", "苏州市城区"), ["苏州市 320500"]);
    }

    #[test]
    fn a_zone_whose_suffix_opens_with_a_verb_after_cities_initials() {
        // 示范 is a verb, and here the first word of the zone's own suffix.
        assert_eq!(place_names("210000", "推进沈抚示范区建设"), ["沈抚示范区"]);
        assert_eq!(
            place_names("360000", "支持昌九示范区、景鹰示范区发展"),
            ["昌九示范区", "景鹰示范区"]
        );
    }

    #[test]
    fn initials_of_cities_and_regions_open_a_corridor_and_belts_are_named_whole() {
        // 广 and 深 are cities' initials, 港澳 a region's name that ends the run:
        // the run opens a corridor, one zone; 港澳 alone stays a place.
        assert_eq!(
            place_names("440000", "加快广深港澳科技创新走廊建设，深化与港澳合作"),
            ["广深港澳科技创新走廊", "港澳"]
        );
        // A belt of culture is named whole after its feature (ANNOTATION.md:
        // named belts as whole names), an economic zone after an airport too.
        assert_eq!(
            place_names("130000", "推进大运河文化带建设"),
            ["大运河文化带"]
        );
        assert_eq!(
            place_names(
                "110000",
                "支持首都国际机场临空经济区和北京大兴国际机场临空经济区发展"
            ),
            ["北京大兴国际机场临空经济区"]
        );
    }

    #[test]
    fn zones_of_places_joined_by_dashes_are_one_place() {
        // 青海's report: a metropolitan area named by two cities joined by a dash
        // is one zone, not a city and a zone named after the other.
        check(
            "加快西宁—海东都市圈一体化进程，引导省内人口优先向都市圈集聚",
            &[("西宁—海东都市圈", Place)],
        );
    }

    #[test]
    fn a_kind_listed_before_a_feature_is_no_name_nor_is_the_old_town() {
        // 河流 before 、 is the kind of the things listed, not a river's name:
        // the reservoir after it keeps its whole name.
        check(
            "包括拒马河等跨省（市）河流、官厅水库库区",
            &[("拒马河", Place), ("官厅水库", Place)],
        );
        // 老城区 names a district of one city and the old town of every other.
        check("推进老城区改造", &[]);
    }

    #[test]
    fn goals_named_like_centres_are_no_organisations() {
        // A capital's functions and a nation's goals end like a body's name
        // (data/rules/not-names.tsv); a body of a place that ends in 中心 stays one.
        check("坚持全国政治中心、文化中心的城市战略定位", &[]);
        check("加快建设世界主要科学中心和创新高地", &[]);
        check(
            "北京市政务服务中心负责受理",
            &[("北京市政务服务中心", Organization)],
        );
    }

    #[test]
    fn a_region_by_its_poetic_name_before_its_land_is_a_place() {
        check("让塞上大地处处生机勃勃", &[("塞上", Place)]);
        // 大 ending a word before 地 (加大|地方), a common word (神州), a longer
        // word on 大地 (大地震): no land of a region.
        check("加大地方投入", &[]);
        check("神州大地", &[]);
        check("开展塞上大地测量", &[]);
    }

    #[test]
    fn border_zones_of_a_town_and_a_foreign_town_are_one_place() {
        // The zone's own words are counted after the dash: a long foreign
        // name before them leaves the zone whole.
        check(
            "推进满洲里—后贝加尔斯克经济合作区建设",
            &[("满洲里—后贝加尔斯克经济合作区", Place)],
        );
        // A border town of the document's region, known as a township, opens
        // the zone it shares with the town across the border.
        assert_eq!(
            place_names("530000", "加快打洛—勐拉经济合作区建设"),
            ["打洛—勐拉经济合作区"]
        );
    }

    #[test]
    fn regulations_named_without_marks_hold_no_place() {
        // 重庆's report names its regulations without 《》: each title is a name of
        // another kind, with no place inside (ANNOTATION.md); 本条例 in a law is
        // no title, and the place before it stays (上海市推进国际金融中心建设条例).
        check("推动出台重庆市哲学社会科学发展促进条例。", &[]);
        check("落实重庆市平安建设条例、社区工作者管理办法", &[]);
        check(
            "本市推进上海国际金融中心建设工作适用本条例。",
            &[("上海", Place)],
        );
    }

    #[test]
    fn a_county_short_name_inside_a_word_gives_way_to_the_name_after_it() {
        // 东营's regulation: 扩|大东|营 holds 东营, not 大东 (of 大东区), which
        // shares 大 with 扩大.
        check(
            "营造全社会关注和参与湿地城市建设工作的浓厚氛围，扩大东营国际湿地城市品牌影响力。",
            &[("东营", Place)],
        );
    }

    #[test]
    fn a_short_name_read_across_two_likelier_words_is_no_place() {
        // 隆重|庆祝, 有关|中小, 其中|国务院, 入海|河流: the dictionary's words
        // hide 重庆, 关中, 中国 and 海河.
        check(
            "隆重庆祝建区七十周年。对有关中小企业给予扶持，其中国务院主管部门负责指导，治理入海河流。",
            &[("七十周年", Quantity), ("国务院", Organization)],
        );
        // Words on both sides no likelier than the province: 以北|京城.
        check("规划应当以北京城市总体规划为依据。", &[("北京", Place)]);
    }

    #[test]
    fn mountains_and_islands_named_after_a_place() {
        // 山西's and 天津's reports: a known place and 山 or 岛 is a feature's
        // name (吕梁山; 元宝岛, after 元宝区's short name), unless the character starts a
        // common word (山水, 山区, 岛屿).
        check("推动吕梁山山水工程完工。", &[("吕梁山", Place)]);
        check(
            "提升一批特色街区，建设开放元宝岛等公园",
            &[("元宝岛", Place)],
        );
        // Archipelagos by their own names (长山群岛 of 大连), after a city; a
        // kind of them is none.
        check(
            "大连长山群岛和沿海群岛",
            &[("大连", Place), ("长山群岛", Place)],
        );
    }
}
