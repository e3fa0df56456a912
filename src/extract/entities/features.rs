//! Natural features by their bare names: rivers before their basins, features
//! listed beside their kind.

use super::*;

/// The last characters of natural features' names by their bare name (江, 河,
/// 湖, 山, 峰; 错 and 措, lake in Tibetan place names).
pub(super) const FEATURE_ENDS: &[char] = &['江', '河', '湖', '山', '峰', '错', '措'];

/// Rivers named before their basin that no list knows (在|X河|流域, Y市|X江|流域): 流域
/// says the word before it ends with a river's name. The name is the longest run
/// of one to four characters and 河 or 江 after a clear boundary (punctuation, a
/// stop character, a word, the end of a known name), with no stop character or
/// numeral in it, opened by no common word (大江|大河) and none itself (江河).
pub(super) fn rivers_before_basins(
    chars: &[char],
    lexicon: &Lexicon,
    known: &[bool],
) -> Vec<Found> {
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
pub(super) fn features_listed_beside(
    chars: &[char],
    lexicon: &Lexicon,
    candidates: &mut Vec<Found>,
) {
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
