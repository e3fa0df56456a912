//! Names of other kinds that are single units with nothing inside annotated
//! (ANNOTATION.md): events, routes and their sections, plants, rankings,
//! regulations without 《》, websites, units inside places.

use super::*;

/// Places, organisations and quoted plans inside the name of an event (中国—中亚
/// 峰会, 尼山世界文明论坛, 兰州国际马拉松, 上海合作组织峰会) are not mentions: the
/// name is a single unit; a quoted plan before an organisation's name is part of
/// it. A place or organisation is inside
/// when at most eight name characters (or a dash joining another place) stand
/// between it and an event word, none of them a stop character or a word of
/// holding (在福州举办的论坛 keeps 福州). The span from the place to the event
/// word becomes a non-name, which wins over the shorter places in it.
pub(super) fn names_in_events(chars: &[char], lexicon: &Lexicon, candidates: &mut Vec<Found>) {
    let starts = |at: usize, word: &str| starts_with_word(&chars[at..], word);
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

/// Words that end a route's name (白山至临江|高速公路, 同德至玛沁等|公路项目, 西宁至
/// 玉树|航线): a route between two places is the name of a road, line or project,
/// a single unit.
pub(super) const ROUTE_HEADS: &[&str] = &[
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

/// Sections of routes and bridges named by a place (甲乙高速|丙丁段, 丙丁大桥（甲市段）):
/// the section's name is the route's, no mention of its place, as a facility's
/// name is one unit; a river's or a park's section (珠江甲省段) names its place.
/// Pushes the place and 段 to `held`.
pub(super) fn route_sections(chars: &[char], candidates: &[Found], held: &mut Vec<(usize, usize)>) {
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
pub(super) fn routes(
    chars: &[char],
    lexicon: &Lexicon,
    candidates: &[Found],
    held: &mut Vec<(usize, usize)>,
) {
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
                .any(|h| starts_with_word(&chars[at..], h))
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
pub(super) const UNIT_HEADS: &[&str] = &["基地", "平台", "代表处", "分院", "分所", "所", "院区"];

/// A body's unit in a place is one organisation (教育部重庆高等研究院, 新加坡
/// 设计业总商会重庆代表处, 中科院山西煤化所): an organisation, a place right after it,
/// and at most ten name characters ending with an organisation suffix or a word
/// of [`UNIT_HEADS`].
pub(super) fn units_in_places(chars: &[char], lexicon: &Lexicon, candidates: &mut Vec<Found>) {
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

/// Units of a plant's or a line's capacity (吨, 千伏, 万千瓦): a place written
/// right before such an amount names a plant or a project (哈密|750千伏输变电工程,
/// 川渝|千亿立方米天然气生产基地), not the place.
pub(super) const CAPACITY_UNITS: &[&str] = &[
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
pub(super) fn plants(
    chars: &[char],
    lexicon: &Lexicon,
    candidates: &[Found],
    held: &mut Vec<(usize, usize)>,
) {
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
pub(super) const RANKED: &[&str] = &[
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
pub(super) fn rankings(
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
pub(super) const LAW_VERBS: &[&str] = &[
    "出台", "制定", "制订", "修订", "修改", "颁布", "公布", "施行", "实施", "执行", "落实", "贯彻",
    "审议", "通过", "起草", "废止", "研究", "发布", "印发", "依照", "根据", "按照",
];

/// The longest a regulation's title runs from its place to 条例 (重庆市|哲学社会科学
/// 发展促进|条例).
pub(super) const REGULATION_TOPIC: usize = 16;

/// Regulations named without 《》 (落实重庆市平安建设条例, 推动制定重庆市公平竞争
/// 审查条例): a law's title written without its marks, a name of another kind
/// whose place is no mention (ANNOTATION.md). The place is followed by a topic of
/// two to [`REGULATION_TOPIC`] Han characters and 条例, none of them a particle
/// that a title never holds (的, 了, 在, 是, 将, 把, 被); a title's own words are
/// verbs as often as not (管理, 促进, 审查), so no verb ends it, but one that acts
/// on laws ([`LAW_VERBS`]: 重庆市|出台条例) makes the place its subject.
pub(super) fn unquoted_regulations(
    chars: &[char],
    candidates: &[Found],
    held: &mut Vec<(usize, usize)>,
) {
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
        if LAW_VERBS.iter().any(|v| starts_with_word(rest, v)) {
            continue;
        }
        held.push((place.begin, place.end + k + 2));
    }
}

/// The bodies whose websites are named by their place and short form (中国政府网,
/// 浙江人大网).
pub(super) const WEBSITE_OWNERS: &[&str] = &["人大", "政府", "政协", "人民政府"];

/// Websites named by a place and a body (刊载于中国人大网、中国政府网, 在衢州人大网公布):
/// a platform's name, a single unit with no mention inside (ANNOTATION.md), as
/// laws publish themselves on them. 网 ends the name unless it begins a longer
/// word (政府网站 is a description: the government's website, whose place counts).
pub(super) fn websites(chars: &[char], candidates: &[Found], held: &mut Vec<(usize, usize)>) {
    for place in candidates
        .iter()
        .filter(|c| c.entity.kind == EntityKind::Place && c.priority != NOT_A_NAME)
    {
        let rest = &chars[place.end..];
        for owner in WEBSITE_OWNERS {
            let n = owner.chars().count();
            if starts_with_word(rest, owner)
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
