//! Organisations by suffix (…公司, …研究院), by a partner or a region before them,
//! brands, and session numbers before a body.

use super::*;

/// Characters that, right before an organisation's suffix, make it a reference to
/// a body named elsewhere (贵公司 "your company", 本委员会, 该中心, 各人民政府),
/// unless they make a word with a one-character suffix (本部, headquarters).
pub(super) const REFERRING: &[char] = &[
    '贵', '本', '该', '我', '其', '各', '此', '你', '他', '她', '它',
];

/// True when `name` ends with an organisation suffix whose blocked continuations
/// include the start of `after`.
pub(super) fn suffix_blocked(lexicon: &Lexicon, name: &str, after: &str) -> bool {
    suffix_rule(lexicon, name).is_some_and(|rule| {
        rule.blocked_after
            .iter()
            .any(|f| after.starts_with(f.as_str()))
    })
}

/// The longest suffix rule that `name` ends with.
pub(super) fn suffix_rule<'a>(lexicon: &'a Lexicon, name: &str) -> Option<&'a OrgSuffix> {
    lexicon
        .org_suffixes
        .iter()
        .filter(|r| name.ends_with(r.suffix.as_str()))
        .max_by_key(|r| r.suffix.len())
}

/// Organisation names that end in a suffix (…中心, …委员会) and start with a name head
/// (中国, 国际, a known place or organisation), or, with `brands` (in reports, not in
/// legal texts, where 开户银行 and 新设公司 are roles), companies and institutions
/// named by a brand (苏豪集团).
pub(super) fn organisations_by_suffix(
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
        // A count of things (法规4部), not a body; nor bodies counted after a name
        // (甲乙集团3家子公司 are three companies of the group).
        if s > begin && (chars[s - 1].is_ascii_digit() || numerals::is_numeral_char(chars[s - 1])) {
            continue;
        }
        if (begin + 1..s).any(|p| {
            chars[p].is_ascii_digit()
                && !chars[p - 1].is_ascii_digit()
                && super::count_at(chars, p).is_some_and(|end| end < s)
        }) {
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
pub(super) fn registered_form(after_group: &[char]) -> usize {
    ["股份有限公司", "有限责任公司", "有限公司"]
        .iter()
        .find(|f| starts_with_word(after_group, f))
        .map_or(0, |f| f.chars().count())
}

/// Where a name that starts at `begin` after a dash joining it to a known place
/// (中国—|中亚…) really starts: at that place; else `begin`. With the document's
/// `region`, a township's short name that one township of the region bears is a
/// known place too (a border town joined to its neighbour across the border).
pub(super) fn joined_by_dash(
    chars: &[char],
    begin: usize,
    lexicon: &Lexicon,
    region: Option<usize>,
) -> usize {
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
pub(super) fn dash_joined_start(
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

/// Central enterprises named 中国 and a brand of two characters (中国华能, 中国星网,
/// 中国中化), at a word boundary on both sides: after a boundary, a verb or a
/// word that joins partners (与, 同, 和, 及), and before punctuation, a
/// conjunction, 等, 总部, a verb or a word that opens a clause (深化, 发展). A
/// common word after 中国 is a description (中国特色, 中国制造), not a brand.
pub(super) fn national_brands(chars: &[char], lexicon: &Lexicon) -> Vec<Found> {
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
pub(super) fn own_region_start(
    chars: &[char],
    k: usize,
    s: usize,
    lexicon: &Lexicon,
) -> Option<usize> {
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
pub(super) fn field_start(chars: &[char], k: usize, place: usize, lexicon: &Lexicon) -> usize {
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
pub(super) const NUMERALS: &str = "一二三四五六七八九十百千万亿两几零〇";

/// A brand that opens with one numeral and goes on with no count (九峰山实验室),
/// as opposed to a count or a rank of bodies (三家银行, 两个实验室, 十大集团,
/// 一批实验室): the numeral is followed by no numeral, unit or word of rank.
pub(super) fn numbered_brand(name: &[char], lexicon: &Lexicon) -> bool {
    let rest: String = name[1..].iter().collect();
    NUMERALS.contains(name[0])
        && !name[1..].iter().any(|&c| NUMERALS.contains(c))
        && !"大批类项级强种些股届期".contains(name[1])
        && !lexicon
            .units
            .iter()
            .any(|(u, _)| rest.starts_with(u.as_str()))
}

pub(super) fn brand_start(chars: &[char], k: usize, s: usize, lexicon: &Lexicon) -> Option<usize> {
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
pub(super) fn left_reach(
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

/// Extends organisation names to the session number before them:
/// 第十三届全国人民代表大会常务委员会 is one name; a report's 省十四届人大 is one
/// mention of the province's congress (a party committee's 十二届市委 is not).
pub(super) fn with_session_numbers(chars: &[char], candidates: &mut [Found]) {
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
