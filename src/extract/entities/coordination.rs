//! Places coordinated before a shared generic head (南京、杭州都市圈 gives two places),
//! places listed before 等, and regions before 大地.

use super::*;

/// Coordination with a shared generic head gives only the place names: in
/// 南京、杭州都市圈 and 河南、山东黄河河务局 the last conjunct is not a zone or an
/// organisation of its own (the head is shared), so a name that starts with a place
/// and directly follows 、 and a place is dropped, leaving the places.
pub(super) fn drop_shared_heads(chars: &[char], candidates: &mut Vec<Found>) {
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

/// Regions named in the literary way before 大地 (甲乙大地: the land of a province
/// or region by its poetic name, which no gazetteer lists): a name of two
/// characters that is no common word, no verb and no number, and makes no word
/// with the characters around it, is a place. 大地 that starts a longer word
/// (大地震, 大地测量, 大地坐标, 大地水准面, 大地线) names no land.
pub(super) fn lands(chars: &[char], lexicon: &Lexicon) -> Vec<Found> {
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

/// Whether the characters between a list's last item and the head it shares are
/// filler: nothing, 等, a count with the kind of site after it (4个|抽水蓄能|电站,
/// 等|14个), or a word of size (大型).
pub(super) fn shared_head_filler(rest: &[char]) -> bool {
    let rest = rest.strip_prefix(&['等']).unwrap_or(rest);
    rest.is_empty()
        || matches!(rest, ['大' | '中' | '小', '型'])
        || count_at(rest, 0).is_some_and(|end| {
            rest.len() - end <= 6 && rest[end..].iter().all(|&c| is_name_char(c))
        })
}

/// Words after the head of an area that make it modify them (区域品牌, 区域中心城市,
/// 片区化): the list before it names kinds of thing, not areas.
pub(super) const HEAD_MODIFIES: &[&str] = &["品牌", "特色", "公用", "中心", "化", "性"];

/// Places listed before the generic head of a site they share
/// (data/rules/site-heads.tsv): 榆林、延安|机场, 旭龙、古水|水电站, 昆明、玉溪大型|水库,
/// 同德、共和2个抽水蓄能|电站. Each item is two to
/// four name characters after 、 or a clear boundary, and at least one of them is a
/// known place, a county written without its kind in the document's region, or a
/// township's name that is not a common word (奔子栏 of 奔子栏镇), which says the
/// list is of places; then every item is one, and the head belongs to none of them. The
/// items, as candidates; the caller frees their spans from the facility names
/// that held them.
pub(super) fn places_before_shared_heads(
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
            .filter(|w| starts_with_word(&chars[p..], w))
            .map(|w| p + w.chars().count())
            .max()
    };
    let is_head = |list: &[String], h: usize, end: usize| {
        list.iter()
            .any(|w| starts_with_word(&chars[h..], w) && h + w.chars().count() == end)
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
                .any(|w| starts_with_word(&chars[end..], w));
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

/// The places found before `begin` in a list joined by 、 (格尔木、|德令哈).
pub(super) fn places_listed_before(
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
pub(super) fn section_end(chars: &[char], end: usize, lexicon: &Lexicon) -> usize {
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
pub(super) fn coordinated_before(
    chars: &[char],
    begin: usize,
    lexicon: &Lexicon,
) -> Vec<(usize, usize)> {
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
