//! Companies named in an enumeration that a word of their kind closes (A、B、C等
//! 企业, …等一批龙头企业, …等央企): in a report, the items of such a list are
//! organisations, though most are named by short forms no list holds. The words
//! that close such a list are in data/rules/company-list-words.tsv.
//!
//! A list of sectors closed the same way (钢铁、化工等企业, common in laws) is told
//! apart by its items: when most of them are phrases of common words and none is a
//! known organisation, the list names kinds of business, not companies.
//!
//! Central enterprises named 中国 and a common word (中国石化) are companies in
//! a list beside known ones ([`national_companies_in_lists`]).
//!
//! Lists of projects name their companies too: A60万吨尿素、B8英寸晶圆等项目 is a
//! list of plants, each the company's, then its capacity and its product
//! ([`companies_before_capacities`]).

use super::entities::{Found, is_name_char};
use super::{EntityKind, Lexicon};

/// The longest item of a list taken as a name, in characters.
const MAX_ITEM: usize = 10;

/// Organisations named by the items of company lists in `chars`; `candidates` are
/// the names found so far (a known company among the items marks a list of
/// companies, and is not found twice).
pub(crate) fn companies_in_lists(
    chars: &[char],
    lexicon: &Lexicon,
    candidates: &[Found],
) -> Vec<Found> {
    let mut out = Vec::new();
    for (k, &c) in chars.iter().enumerate() {
        if c != '等' {
            continue;
        }
        let closer = closes_a_company_list(&chars[k + 1..], lexicon);
        let items = items_before(chars, k, lexicon);
        if items.len() < 2 {
            continue;
        }
        let found_at = |b: usize, e: usize| {
            candidates
                .iter()
                .filter(move |f| f.begin == b && f.end == e)
        };
        // An organ of a region (妇联, 科协 of the report's province) marks a list of
        // bodies (工会、共青团、妇联、科协等群团组织), no list of companies.
        let known = items
            .iter()
            .filter(|&&(b, e)| {
                found_at(b, e).any(|f| {
                    f.entity.kind == EntityKind::Organization && f.entity.jurisdiction.is_none()
                })
            })
            .count();
        let phrases = items
            .iter()
            .filter(|&&(b, e)| common_phrase(&chars[b..e], lexicon))
            .count();
        // A list closed by a kind of company (…等央企) names companies, and one
        // closed by 企业 does unless it reads as sectors; any other list does when
        // two of its items or more are known organisations (A、B、C、D等加快发展
        // with A and B listed companies), and then only by its items that are no
        // phrases of common words.
        let closed = closer != Closer::None;
        let companies = match closer {
            Closer::Companies => true,
            Closer::Generic => known > 0 || 2 * phrases < items.len(),
            Closer::None => known >= 2,
        };
        if !companies {
            continue;
        }
        for (b, mut e) in items {
            // An item that ends with a known place after two characters or more
            // names a company's seat there (甲乙武汉总部, 总部 left out already):
            // the company, then the place, found as one.
            if let Some(place) = candidates.iter().find(|f| {
                f.entity.kind == EntityKind::Place && f.end == e && f.begin >= b + 2 && f.begin < e
            }) {
                e = place.begin;
            }
            if !closed && (common_phrase(&chars[b..e], lexicon) || e - b > 6) {
                continue;
            }
            // An item that ends with a kind of body (在京高校, 省属企业) says which
            // bodies of that kind, no one's name (ANNOTATION.md: 企业, 高校).
            let item: String = chars[b..e].iter().collect();
            if KINDS_OF_BODIES.iter().any(|k| item.ends_with(k)) {
                continue;
            }
            // A place among the items (上海、江苏等地企业 is not such a list, but a
            // list may hold one) stays a place; known names are found already.
            if found_at(b, e).next().is_none() {
                out.push(Found::organisation(chars, b, e));
            }
        }
    }
    out
}

/// Words for a kind of body that end descriptions, never names: an item of a
/// company list ending with one (在京高校, 市属国企) names no company.
const KINDS_OF_BODIES: &[&str] = &[
    "高校", "企业", "院所", "单位", "部门", "机构", "央企", "国企", "民企", "外企",
];

/// Central enterprises named 中国 and a common word (中国石化, 中国建筑, 中国船舶)
/// as items of a 、-separated list that names two known companies or more
/// (A、中国石化、B): alone such a name reads as a description (中国建筑 is also
/// Chinese architecture), beside companies it is one of them.
pub(crate) fn national_companies_in_lists(
    chars: &[char],
    lexicon: &Lexicon,
    candidates: &[Found],
) -> Vec<Found> {
    let company = |b: usize, e: usize| {
        candidates.iter().any(|f| {
            f.begin == b
                && f.end == e
                && f.entity.kind == EntityKind::Organization
                && f.entity.jurisdiction.is_none()
        })
    };
    let national = |b: usize| {
        chars[b..].starts_with(&['中', '国'])
            && chars
                .get(b + 2..b + 4)
                .is_some_and(|s| s.iter().all(|&c| is_name_char(c) && !c.is_ascii()))
    };
    let mut out = Vec::new();
    for b in 0..chars.len().saturating_sub(3) {
        let e = b + 4;
        if !national(b) || company(b, e) {
            continue;
        }
        let listed_before = b > 0 && chars[b - 1] == '、';
        let listed_after = chars.get(e) == Some(&'、');
        // The name ends at the list's separator, its end or a verb after it.
        let ends = chars
            .get(e)
            .is_none_or(|&c| !is_name_char(c) || matches!(c, '等' | '和' | '与' | '及'))
            || lexicon.starts_with_verb(&chars[e..])
            || lexicon.starts_with_opening_word(&chars[e..]);
        if !(listed_before || listed_after) || !ends {
            continue;
        }
        // The companies of the list, either side, past other such items.
        let mut known = 0;
        let mut at = b;
        while at > 0 && chars[at - 1] == '、' {
            let end = at - 1;
            if let Some(f) = candidates
                .iter()
                .find(|f| f.end == end && company(f.begin, f.end))
            {
                known += 1;
                at = f.begin;
            } else if end >= 4 && national(end - 4) {
                at = end - 4;
            } else {
                break;
            }
        }
        let mut at = e;
        while chars.get(at) == Some(&'、') {
            let begin = at + 1;
            if let Some(f) = candidates
                .iter()
                .find(|f| f.begin == begin && company(f.begin, f.end))
            {
                known += 1;
                at = f.end;
            } else if national(begin) {
                at = begin + 4;
            } else {
                break;
            }
        }
        if known >= 2 {
            out.push(Found::organisation(chars, b, e));
        }
    }
    out
}

/// How the text after 等 closes a list.
#[derive(PartialEq)]
enum Closer {
    /// A kind of company (央企, 车企).
    Companies,
    /// 企业, which closes lists of sectors too.
    Generic,
    /// Neither.
    None,
}

/// How `rest`, the text after 等, closes a list: an optional count (6家, 一批),
/// words of rank (重点, 头部), then a head word of data/rules/company-list-words.tsv.
fn closes_a_company_list(rest: &[char], lexicon: &Lexicon) -> Closer {
    const NUMERALS: &str = "一二三四五六七八九十百千两几";
    let mut at = 0;
    let digits = rest
        .iter()
        .take_while(|c| c.is_ascii_digit() || NUMERALS.contains(**c))
        .count();
    // Companies are counted by 家, sectors are not: 企业 after 6家 closes a list
    // of companies whatever its items read like (西部X、Y发展集团等6家企业).
    let counted = digits > 0 && rest.get(digits) == Some(&'家');
    if counted {
        at = digits + 1;
    } else if rest.starts_with(&['一', '批']) {
        at = 2;
    }
    at += ranks_at(&rest[at..], lexicon, &[]);
    let starts = |heads: &[String]| {
        heads
            .iter()
            .any(|h| super::starts_with_word(&rest[at..], h))
    };
    if starts(&lexicon.company_list_heads) || counted && starts(&lexicon.company_list_generic_heads)
    {
        Closer::Companies
    } else if starts(&lexicon.company_list_generic_heads) {
        Closer::Generic
    } else {
        Closer::None
    }
}

/// The items of the 、-separated list that ends at `end` (the 等), as (begin, end)
/// character spans, trailing 总部 left out (X总部 is the company's seat). Inner items
/// are whole segments of two to ten name characters; the first starts after the last
/// stop character or common verb before it (依托|A、B等企业). The list stops at the
/// first segment that is not a name.
fn items_before(chars: &[char], end: usize, lexicon: &Lexicon) -> Vec<(usize, usize)> {
    let mut items = Vec::new();
    let mut e = end;
    loop {
        let mut b = e;
        while b > 0 && e - b <= MAX_ITEM && is_name_char(chars[b - 1]) {
            b -= 1;
        }
        let mut after_comma = b > 0 && chars[b - 1] == '、';
        // A joiner inside an item, with a name of two characters or more on
        // either side (A、B与C、D等企业: B is the partner of the list, which
        // starts at C), opens the list: the items before are no companies.
        if after_comma
            && let Some(s) = (b + 2..e.saturating_sub(2))
                .rev()
                .find(|&i| matches!(chars[i], '与' | '和' | '同' | '及'))
        {
            b = s + 1;
            after_comma = false;
        }
        if !after_comma {
            // The first item: after the last common verb (依托|A), then after the
            // last stop character (钢铁和|A), though not one with a single character
            // before or after it, which is inside a name (诺和诺德, 宁德时代).
            if let Some(v) = (b + 2..e)
                .rev()
                .find(|&i| lexicon.ends_with_verb(&chars[b..i]))
            {
                b = v;
            }
            if let Some(s) = (b + 3..e.saturating_sub(1))
                .rev()
                .find(|&i| lexicon.stop_chars.contains(&chars[i - 1]))
            {
                b = s;
            }
        }
        if e - b > MAX_ITEM {
            break;
        }
        let mut item_end = e;
        if chars[b..e].ends_with(&['总', '部']) && e - b >= 4 {
            item_end = e - 2;
        }
        if item_end - b >= 2 {
            items.push((b, item_end));
        } else {
            break;
        }
        if !after_comma {
            break;
        }
        e = b - 1;
    }
    items.reverse();
    items
}

/// True when `item` is made of common two-character words only (钢铁, 有色金属):
/// a sector's name, not a company's.
pub(super) fn common_phrase(item: &[char], lexicon: &Lexicon) -> bool {
    item.len().is_multiple_of(2)
        && item
            .chunks(2)
            .all(|w| lexicon.common_words.contains(&[w[0], w[1]]))
}

/// Units of a plant's or a production line's capacity (60万吨, 8英寸, 12吉瓦时,
/// 150亿方/年): what a list of industrial projects gives after each company.
/// Counting words (个, 座, 家) are not among them: 准东3个煤制气 counts places.
const CAPACITY_UNITS: &[&str] = &[
    "吨",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "吉瓦时",
    "吉瓦",
    "GWh",
    "GW",
    "MW",
    "英寸",
    "微米",
    "纳米",
    "立方米",
    "方",
    "辆",
    "台",
    "套",
    "片",
    "标准箱",
    "头",
    "只",
    "羽",
];

/// The longest item of a list of projects, in characters.
const MAX_PROJECT: usize = 30;

/// Companies named before the capacity of their project in a list of projects
/// closed by 等项目 (推动A60万吨尿素扩能、B40万吨电解铝改造等项目; 芯片
/// makers' X8英寸晶圆、Y12英寸封装测试线等项目): in a report, what stands
/// between the list's boundary (a comma, a 、, the verbs that open it) and the
/// capacity is the company's short name, though no list holds most of them. The
/// name has two to six Han characters and is no phrase of common words (a
/// province's 粮食1300万吨 is an output), no verb, no known place (a place and its
/// capacity is a plant: see `plants` in entities/single_units.rs) and no name found already.
pub(crate) fn companies_before_capacities(
    chars: &[char],
    lexicon: &Lexicon,
    candidates: &[Found],
) -> Vec<Found> {
    let mut out = Vec::new();
    for (k, &c) in chars.iter().enumerate() {
        if c != '等' || !closes_a_project_list(&chars[k + 1..], lexicon) {
            continue;
        }
        for (b, e) in project_items_before(chars, k, lexicon) {
            let Some(end) = name_before_capacity(&chars[b..e]) else {
                continue;
            };
            let name = &chars[b..b + end];
            let label: String = name.iter().collect();
            let found = |f: &Found| f.begin < b + end && b < f.end;
            if common_phrase(name, lexicon)
                || lexicon.starts_with_verb(name)
                || lexicon.ends_with_verb(name)
                // No function word (和, 与, 的), though the stop characters of
                // dates may be a name's (芯业时代, …日化).
                || name
                    .iter()
                    .any(|c| lexicon.stop_chars.contains(c) && !"年月日时".contains(*c))
                || lexicon.lookup(&label).is_some()
                || candidates.iter().any(|f| {
                    found(f)
                        && !(f.entity.kind == EntityKind::Place && f.begin == b && f.end < b + end)
                })
            {
                continue;
            }
            out.push(Found::organisation(chars, b, b + end));
        }
    }
    out
}

/// How many characters of words of rank (data/rules/company-list-words.tsv, and
/// `more`) `rest` starts with.
fn ranks_at(rest: &[char], lexicon: &Lexicon, more: &[&str]) -> usize {
    let mut at = 0;
    'ranks: loop {
        for rank in lexicon
            .company_list_ranks
            .iter()
            .map(String::as_str)
            .chain(more.iter().copied())
        {
            if super::starts_with_word(&rest[at..], rank) {
                at += rank.chars().count();
                continue 'ranks;
            }
        }
        return at;
    }
}

/// True when `rest`, the text after 等, closes a list of projects: words of rank
/// (重点, 一批, 新) and 项目.
fn closes_a_project_list(rest: &[char], lexicon: &Lexicon) -> bool {
    let at = ranks_at(rest, lexicon, &["一批", "新", "大"]);
    super::starts_with_word(&rest[at..], "项目")
}

/// The items of the 、-separated list of projects that ends at `end` (the 等), as
/// (begin, end) character spans: runs of name characters (a capacity's point and
/// slash too: 3.5微米, 150亿方/年), the first after the verbs that open it
/// (推动|A…, 加快推进|B…).
fn project_items_before(chars: &[char], end: usize, lexicon: &Lexicon) -> Vec<(usize, usize)> {
    let item_char = |c: char| is_name_char(c) || matches!(c, '.' | '/');
    let mut items = Vec::new();
    let mut e = end;
    loop {
        let mut b = e;
        while b > 0 && e - b <= MAX_PROJECT && item_char(chars[b - 1]) {
            b -= 1;
        }
        if e - b > MAX_PROJECT {
            break;
        }
        let after_comma = b > 0 && chars[b - 1] == '、';
        b = lexicon.past_clause_verbs(chars, b, e, false);
        items.push((b, e));
        if !after_comma {
            break;
        }
        e = b - 1;
    }
    items.reverse();
    items
}

/// Where the name ends in a project `item` that goes on with a capacity: the
/// name is two to six Han characters, then a number (60, 3.5, 150亿) and a unit
/// of [`CAPACITY_UNITS`]. A name's 年产 (A年产60万吨…) is the capacity's.
fn name_before_capacity(item: &[char]) -> Option<usize> {
    let digits = item.iter().position(|c| c.is_ascii_digit())?;
    let mut name = digits;
    if item[..name].ends_with(&['年', '产']) {
        name -= 2;
    }
    if !(2..=6).contains(&name)
        || !item[..name]
            .iter()
            .all(|&c| is_name_char(c) && !c.is_ascii())
    {
        return None;
    }
    let mut at = digits;
    while at < item.len() && (item[at].is_ascii_digit() || item[at] == '.') {
        at += 1;
    }
    while at < item.len() && matches!(item[at], '万' | '亿' | '千' | '百') {
        at += 1;
    }
    let rest = &item[at..];
    CAPACITY_UNITS
        .iter()
        .any(|u| super::starts_with_word(rest, u))
        .then_some(name)
}
