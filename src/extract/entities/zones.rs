//! Places by suffix: zones, belts, corridors and parks with what opens their names
//! (a known place, a township, a regional short name, initials), and places in
//! brackets that qualify a name.

use super::*;
use crate::extract::lexicon::NameSuffix;

/// Names written 中国（X）… (中国（安徽）自贸试验区, 中国（太原）国际能源产业博览会,
/// 中国（安徽）科交会): a zone's whole name is a place when the name ends with a
/// zone's suffix; any other such name (a platform, an event) is a single unit
/// with no place inside.
pub(super) fn bracketed_place_names(chars: &[char], lexicon: &Lexicon) -> Vec<Found> {
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
pub(super) fn bracketed_designation(
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
pub(super) fn zone_name_in(lexicon: &Lexicon, name: &[char]) -> Option<usize> {
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
pub(super) fn places_qualifying_names(
    chars: &[char],
    lexicon: &Lexicon,
    candidates: &[Found],
) -> Vec<Found> {
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
                    .any(|v| starts_with_word(rest, v))
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

/// The longest place name a name starts with, shorter than the name: its length in
/// bytes and its entry.
pub(super) fn place_prefix<'a>(
    lexicon: &'a Lexicon,
    name: &str,
    region: Option<usize>,
) -> Option<(usize, &'a Entry)> {
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

/// Places by suffix (…试验区 after a known place, …水库 after a boundary) and
/// unquoted strategies (扩大内需战略), from data/rules/name-suffixes.tsv.
pub(super) fn names_by_suffix(
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
                // A spirit's place is no tail of a known place before it (上|海城市|
                // 精神 is 上海 and 城市精神, no spirit of 海城市), nor the country:
                // 中国精神 is the nation's, as 中国 before other common words.
                if suffix == "精神"
                    && (chars[begin..s] == ['中', '国']
                        || (begin.saturating_sub(6)..begin).any(|p| {
                            (begin + 1..s).any(|q| {
                                let name: String = chars[p..q].iter().collect();
                                lexicon
                                    .lookup(&name)
                                    .is_some_and(|x| x.kind == EntityKind::Place)
                            })
                        }))
                {
                    continue;
                }
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
            NameStart::Place | NameStart::Either | NameStart::Named => {
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
                // A site no known place opens has a name of its own (甲乙遗址)
                // that ends with no common word (工业|遗址, 革命旧址|遗址) and no
                // word of size or age, which makes a kind of site (因|大遗址
                // 保护, the category of large sites), of four characters at
                // most: a longer run holds words of the clause (挪用|甲乙故城).
                let own = || match rule.start {
                    NameStart::Either => {
                        let b = own_start(chars, k, s, e, rule, lexicon)?;
                        ((2..=4).contains(&(s - b))
                            && !lexicon.common_words.contains(&[chars[s - 2], chars[s - 1]])
                            && !matches!(chars[s - 1], '大' | '小' | '古' | '老' | '新' | '旧'))
                        .then_some(b)
                    }
                    // A zone named after a quarter or a company no list knows
                    // opens with a word of its own: no common word (特色|小镇,
                    // 中央|商务区 are kinds), no numeral (一批|小镇), no word cut
                    // from a longer one (非|物质文化遗产小镇: 物质 is a word), and
                    // holds no 特色 (甲乙|特色小镇 is a town of a trade, a kind).
                    NameStart::Named => {
                        let b = own_start(chars, k, s, e, rule, lexicon)?;
                        (s - b >= 2
                            && !lexicon.common_words.contains(&[chars[b], chars[b + 1]])
                            && !(s - b >= 3
                                && lexicon.common_words.contains(&[chars[b + 1], chars[b + 2]]))
                            && !numerals::is_numeral_char(chars[b])
                            && !chars[b].is_ascii_digit()
                            && !chars[b..s].windows(2).any(|w| w == ['特', '色']))
                        .then_some(b)
                    }
                    _ => None,
                };
                let Some(begin) = joined.or(opened).or_else(own) else {
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
                            .any(|v| starts_with_word(rest, v))
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
                let Some(begin) = own_start(chars, k, s, e, rule, lexicon) else {
                    continue;
                };
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

/// Where a name of its own (…水库, a site's …遗址 with no known place opening it)
/// starts: at a clear boundary, the end of a known place (信阳市|鲇鱼山水库), else
/// the start of the text, punctuation, a stop word or a verb (开工建设|河套灌区).
/// `k` is as far left as the name may reach, `s` where the suffix starts and `e`
/// where it ends.
fn own_start(
    chars: &[char],
    k: usize,
    s: usize,
    e: usize,
    rule: &NameSuffix,
    lexicon: &Lexicon,
) -> Option<usize> {
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
                lexicon
                    .lookup(&name)
                    .is_some_and(|e| e.kind == EntityKind::Place && e.division.is_some())
                    && lexicon
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
        return None;
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
        return None;
    }
    // Nor does one start with 中国: that is a company's (中国|盐湖).
    if chars[begin..s].starts_with(&['中', '国']) {
        return None;
    }
    let begin = lexicon.past_clause_verbs(chars, begin, s, true);
    // A verb inside the core makes it a clause about the feature
    // (部门确定|水库), no name.
    if (begin + 1..s).any(|q| lexicon.starts_with_verb(&chars[q..s])) {
        return None;
    }
    Some(begin)
}

/// Where a zone's name opens with a township of the document's region (a zone
/// named after the town or subdistrict it lies in, X科学城 of X街道): a
/// township's name less its 镇, 乡, 街道 or 地区, of two or three characters,
/// that only one township of the region bears and that is no common word, at a
/// clause's boundary between the reach `k` and the suffix at `s`.
pub(super) fn township_opening(
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
pub(super) fn place_word_opening(
    chars: &[char],
    k: usize,
    s: usize,
    lexicon: &Lexicon,
) -> Option<usize> {
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
pub(super) fn regional_opening(
    chars: &[char],
    k: usize,
    s: usize,
    lexicon: &Lexicon,
    region: Option<usize>,
) -> Option<usize> {
    (k..s).find(|&p| regional_short_at(&chars[p..s], lexicon, region).is_some())
}

/// How many characters of `chars` a short name of [`regional_opening`] takes.
pub(super) fn regional_short_at(
    chars: &[char],
    lexicon: &Lexicon,
    region: Option<usize>,
) -> Option<usize> {
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
pub(super) fn zones_listed_beside(
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
                .any(|w| starts_with_word(&chars[begin..s], w))
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
pub(super) fn zone_preposition(
    chars: &[char],
    begin: usize,
    facility: bool,
    lexicon: &Lexicon,
) -> usize {
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

/// The end of a zone's name that goes on from `at` (after the place that opens
/// it): up to eight name characters, none a stop character, no verb first, then a
/// zone's word of data/rules/name-suffixes.tsv (都市圈, 示范区); the shortest.
pub(super) fn zone_after(chars: &[char], at: usize, lexicon: &Lexicon) -> Option<usize> {
    let suffix_at = |p: usize| {
        lexicon
            .name_suffixes
            .iter()
            .filter(|s| {
                s.kind == EntityKind::Place
                    && !s.facility
                    && s.start == NameStart::Place
                    && starts_with_word(&chars[p..], &s.suffix)
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
pub(super) fn starts_a_longer_name(
    chars: &[char],
    at: usize,
    lexicon: &Lexicon,
    facilities: bool,
) -> bool {
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
        ROUTE_HEADS.iter().any(|h| starts_with_word(rest, h))
            || lexicon.name_suffixes.iter().any(|s| {
                // A suffix that needs a known place right before it (…江, …河)
                // names no longer name after a run of other characters.
                (s.facility || !facilities)
                    && s.start != NameStart::Exact
                    && starts_with_word(rest, &s.suffix)
            })
    })
}
