//! Companies named in an enumeration that a word of their kind closes (A、B、C等
//! 企业, …等一批龙头企业, …等央企): in a report, the items of such a list are
//! organisations, though most are named by short forms no list holds. The words
//! that close such a list are in data/rules/company-list-words.tsv.
//!
//! A list of sectors closed the same way (钢铁、化工等企业, common in laws) is told
//! apart by its items: when most of them are phrases of common words and none is a
//! known organisation, the list names kinds of business, not companies.

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
        let known = items
            .iter()
            .filter(|&&(b, e)| found_at(b, e).any(|f| f.entity.kind == EntityKind::Organization))
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
        for (b, e) in items {
            if !closed && (common_phrase(&chars[b..e], lexicon) || e - b > 6) {
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
    if digits > 0 && rest.get(digits) == Some(&'家') {
        at = digits + 1;
    } else if rest.starts_with(&['一', '批']) {
        at = 2;
    }
    'ranks: loop {
        for rank in &lexicon.company_list_ranks {
            if super::starts_with_word(&rest[at..], rank) {
                at += rank.chars().count();
                continue 'ranks;
            }
        }
        break;
    }
    let starts = |heads: &[String]| {
        heads
            .iter()
            .any(|h| super::starts_with_word(&rest[at..], h))
    };
    if starts(&lexicon.company_list_heads) {
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
        let after_comma = b > 0 && chars[b - 1] == '、';
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
fn common_phrase(item: &[char], lexicon: &Lexicon) -> bool {
    item.len().is_multiple_of(2)
        && item
            .chunks(2)
            .all(|w| lexicon.common_words.contains(&[w[0], w[1]]))
}
