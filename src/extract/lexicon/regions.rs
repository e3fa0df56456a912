//! What the lexicon knows of China's administrative divisions and their organs:
//! every division by its full and short names (data/divisions.tsv), the organs of
//! every province and prefecture (data/rules/organs.tsv), regions named by a
//! province's abbreviation (赣东北), and how a name or a short form resolves
//! against the region a document is of.

use super::{EntityKind, Entry, Lexicon, NameRef, REGIONAL_SHORT_NAMES, RegionalShort, lines};
use std::collections::HashSet;

impl Lexicon {
    /// Adds every administrative division as a place, by its full name and its short
    /// names. A division the gazetteer already names (江苏省) becomes that entry's
    /// code; short names of counties count only in their own region. (Short names
    /// that are common words are left out of the table by scripts/gen-divisions.)
    pub(super) fn add_divisions(&mut self) {
        let table = crate::divisions::bundled();
        for (i, d) in table.all().iter().enumerate() {
            let known = self.names.get(&d.name).and_then(|refs| {
                refs.iter()
                    .map(|r| r.entry)
                    .find(|&e| self.entries[e].kind == EntityKind::Place)
            });
            let index = match known {
                Some(e) if self.entries[e].division.is_none() => {
                    self.entries[e].division = Some(i);
                    e
                }
                _ => {
                    self.entries.push(Entry {
                        label: d.name.clone(),
                        kind: EntityKind::Place,
                        aliases: Vec::new(),
                        division: Some(i),
                        jurisdiction: None,
                    });
                    let e = self.entries.len() - 1;
                    if generic_name(&d.name) {
                        // Not matched by its full name alone, only after its
                        // city's (兰州市|城关区).
                        self.generic_districts
                            .entry(d.name.clone())
                            .or_default()
                            .push(e);
                    } else if d.name.chars().count() <= 2 {
                        // A county of two characters (洋县, 礼县, 芒市) ends words
                        // (示范|县, 提高|县域): it counts only in a document of its
                        // region, at word boundaries, and not when its first
                        // character is a conjunction (市和县: and counties).
                        if d.level == crate::divisions::Level::County
                            && !d.name.starts_with(['和', '与', '及', '或', '并'])
                        {
                            self.add_name(&d.name, e, true);
                            self.bounded.insert(d.name.clone());
                        }
                    } else if d.level == crate::divisions::Level::Township {
                        // Town names repeat across the country (城关镇 ×88) and
                        // read as words elsewhere (发展乡村): a township counts only
                        // in a document of its own region, through its own matcher.
                        self.townships.names.push((d.name.clone(), e));
                    } else {
                        self.add_name(&d.name, e, false);
                    }
                    e
                }
            };
            // A county-level city or forest district a province administers
            // directly (GB/T 2260 codes xx90xx: 仙桃, 神农架) stands beside its
            // cities in its province's runs of initials (襄十随神: 襄阳, 十堰,
            // 随州, 神农架).
            if d.level == crate::divisions::Level::County
                && d.code.get(2..4) == Some("90")
                && let Some(first) = d.short.first().and_then(|s| s.chars().next())
            {
                self.direct_initials
                    .entry(table.province_of(i))
                    .or_default()
                    .insert(first);
            }
            if d.level == crate::divisions::Level::Prefecture {
                // A city is abbreviated by its first character, or by its second
                // when the first is a direction or 无 (无锡 → 锡, 南通 → 通).
                let short: Vec<char> = d.short.first().unwrap_or(&d.name).chars().collect();
                let province = table.province_of(i);
                let initials = self.city_initials.entry(province).or_default();
                // An initial a second city of the province has too (荆州, 荆门).
                let shared = short.first().is_some_and(|&first| !initials.insert(first));
                if short.len() == 2 && "东西南北中无".contains(short[0]) {
                    initials.insert(short[1]);
                }
                if shared {
                    self.shared_initials
                        .entry(province)
                        .or_default()
                        .insert(short[0]);
                }
            }
            for short in &d.short {
                if short.chars().count() < 2 {
                    continue;
                }
                if !self.entries[index].aliases.contains(short) {
                    self.entries[index].aliases.push(short.clone());
                }
                let regional = d.level >= crate::divisions::Level::County;
                self.add_name(short, index, regional);
                if regional {
                    self.yielding.insert(short.clone());
                }
            }
        }
    }

    /// Adds the short names that count only in their division's region
    /// (data/rules/regional-short-names.tsv): each becomes an alias of its
    /// divisions (保定 of 保定市) and is matched by [`Lexicon::regional_shorts_in`].
    pub(super) fn add_regional_shorts(&mut self) {
        let table = crate::divisions::bundled();
        let mut names = Vec::new();
        for (n, line) in lines(REGIONAL_SHORT_NAMES) {
            let mut cols = line.split('\t');
            let short = cols.next().unwrap_or("").trim();
            let word = match cols.next().map(str::trim) {
                Some("word") => true,
                Some("letters") => false,
                other => panic!(
                    "data/rules/regional-short-names.tsv:{n}: reading {other:?} is neither letters nor word"
                ),
            };
            let mut divisions: Vec<usize> = (0..table.all().len())
                .filter(|&i| {
                    let d = table.get(i);
                    matches!(
                        d.level,
                        crate::divisions::Level::Prefecture | crate::divisions::Level::County
                    ) && d.name.strip_prefix(short).is_some_and(|rest| {
                        ["市", "地区", "盟", "县", "区"].contains(&rest)
                            || rest.ends_with("自治州")
                            || rest.ends_with("自治县")
                    })
                })
                .collect();
            divisions.sort_by_key(|&i| table.get(i).level);
            let entries: Vec<usize> = divisions
                .iter()
                .filter_map(|&i| self.entries.iter().position(|e| e.division == Some(i)))
                .collect();
            assert!(
                !entries.is_empty(),
                "data/rules/regional-short-names.tsv:{n}: {short} shortens no prefecture or county"
            );
            for &e in &entries {
                if !self.entries[e].aliases.iter().any(|a| a == short) {
                    self.entries[e].aliases.push(short.to_owned());
                }
            }
            names.push(short.to_owned());
            self.regional_shorts.push(RegionalShort { word, entries });
        }
        self.regional_short_automaton = super::build(names.iter().map(String::as_str));
    }

    /// The short names of [`Lexicon::add_regional_shorts`] in `text` whose division
    /// lies in `region`: (byte begin, byte end, the division's entry, whether the
    /// short name is also a word).
    pub(crate) fn regional_shorts_in<'a>(
        &'a self,
        text: &'a str,
        region: usize,
    ) -> impl Iterator<Item = (usize, usize, &'a Entry, bool)> + 'a {
        let table = crate::divisions::bundled();
        self.regional_short_automaton
            .find_iter(text)
            .filter_map(move |m| {
                let short = &self.regional_shorts[m.pattern().as_usize()];
                let entry = short.entries.iter().map(|&e| &self.entries[e]).find(|e| {
                    e.division
                        .is_some_and(|d| table.within(d, region) || table.within(region, d))
                })?;
                Some((m.start(), m.end(), entry, short.word))
            })
    }

    /// Adds the organs of every province and prefecture by their full names
    /// (中共江苏省委员会, 江苏省委, 江苏省政府), from data/rules/organs.tsv.
    pub(super) fn add_organs(&mut self) {
        let table = crate::divisions::bundled();
        for (i, d) in table.all().iter().enumerate() {
            // Taiwan, Hong Kong and Macao have no organs of this system.
            if d.level > crate::divisions::Level::Prefecture
                || ["71", "81", "82"].iter().any(|p| d.code.starts_with(p))
            {
                continue;
            }
            for o in 0..self.organs.len() {
                let entry = self.organ_entry(o, i);
                // The gazetteer may already list the organ under the same full name:
                // then that entry gains the region and the other names.
                let known = self.names.get(&entry.label).and_then(|refs| {
                    refs.iter()
                        .map(|r| r.entry)
                        .find(|&e| self.entries[e].kind == EntityKind::Organization)
                });
                let index = match known {
                    Some(e) => {
                        let target = &mut self.entries[e];
                        target.jurisdiction = Some(i);
                        for alias in &entry.aliases {
                            if !target.aliases.contains(alias) && *alias != target.label {
                                target.aliases.push(alias.clone());
                            }
                        }
                        e
                    }
                    None => {
                        self.entries.push(entry);
                        self.entries.len() - 1
                    }
                };
                // Found in text as the division's name with the organ's words around
                // it (organ_at), not as ten thousand more names to search for.
                self.organ_index.insert((i, o), index);
            }
        }
        for (o, organ) in self.organs.iter().enumerate() {
            for form in std::iter::once(&organ.label).chain(&organ.full) {
                if let Some((prefix, suffix)) = form.split_once("{R}") {
                    self.organ_forms
                        .push((prefix.to_owned(), suffix.to_owned(), o));
                }
            }
        }
    }

    /// The organ whose full name is written around a division's name at byte
    /// range `begin..end` of `text` (中共|江苏省|委员会, 苏州市|人民政府): the longest
    /// such name, as (byte begin, byte end, entry).
    pub(crate) fn organ_at(
        &self,
        text: &str,
        begin: usize,
        end: usize,
        division: usize,
    ) -> Option<(usize, usize, &Entry)> {
        let d = crate::divisions::bundled().get(division);
        if text[begin..end] != d.name {
            return None;
        }
        self.organ_forms
            .iter()
            .filter(|(prefix, suffix, _)| {
                text[..begin].ends_with(prefix.as_str()) && text[end..].starts_with(suffix.as_str())
            })
            .max_by_key(|(prefix, suffix, _)| prefix.len() + suffix.len())
            .and_then(|(prefix, suffix, organ)| {
                let entry = *self.organ_index.get(&(division, *organ))?;
                Some((
                    begin - prefix.len(),
                    end + suffix.len(),
                    &self.entries[entry],
                ))
            })
    }

    /// The entry of organ `organ` of division `division`: its full name, the other
    /// full forms and the short forms that fit the division's kind as aliases.
    pub(crate) fn organ_entry(&self, organ: usize, division: usize) -> Entry {
        let d = crate::divisions::bundled().get(division);
        let o = &self.organs[organ];
        let fill = |t: &str| t.replace("{R}", &d.name).replace("{K}", d.kind_word());
        let mut aliases: Vec<String> = o.full.iter().map(|t| fill(t)).collect();
        aliases.extend(o.short.iter().map(|t| fill(t)));
        aliases.dedup();
        Entry {
            label: fill(&o.label),
            kind: EntityKind::Organization,
            aliases,
            division: None,
            jurisdiction: Some(division),
        }
    }

    /// The entity a name stands for in a document of region `region` (a division
    /// index): a name of one entity is that entity; of several divisions (朝阳区),
    /// the one inside the region; a county's short name counts only inside it.
    /// `Some(None)` is a name that stays ambiguous: a place, but no one division.
    pub fn resolve(&self, name: &str, region: Option<usize>) -> Option<Option<&Entry>> {
        let table = crate::divisions::bundled();
        let refs = self.names.get(name)?;
        let inside = |r: &NameRef| {
            let d = self.entries[r.entry].division;
            matches!((d, region), (Some(d), Some(region)) if table.within(d, region) || table.within(region, d))
        };
        let usable: Vec<&NameRef> = refs.iter().filter(|r| !r.regional || inside(r)).collect();
        match usable.as_slice() {
            [] => None,
            [one] => Some(Some(&self.entries[one.entry])),
            many => {
                // A gazetteer entity that is not a division (the sea 东海) comes first.
                if let Some(r) = many
                    .iter()
                    .find(|r| self.entries[r.entry].division.is_none())
                {
                    return Some(Some(&self.entries[r.entry]));
                }
                let local: Vec<&&NameRef> = many.iter().filter(|r| inside(r)).collect();
                match local.as_slice() {
                    [one] => Some(Some(&self.entries[one.entry])),
                    _ => {
                        // Several divisions of different levels named alike: the
                        // higher one (吉林 is the province before the city).
                        let top = many
                            .iter()
                            .map(|r| &self.entries[r.entry])
                            .min_by_key(|e| e.division.map(|d| table.get(d).level))?;
                        let level = top.division.map(|d| table.get(d).level);
                        let same = many
                            .iter()
                            .filter(|r| {
                                self.entries[r.entry].division.map(|d| table.get(d).level) == level
                            })
                            .count();
                        Some((same == 1 && local.is_empty()).then_some(top))
                    }
                }
            }
        }
    }

    /// The division a document is of, from names in its metadata, title or opening
    /// lines: the first name of a province or prefecture (江苏省, 信阳市) or of its
    /// organ (江苏省政府) found, or of a county that opens a text; a province directly
    /// followed by one of its divisions (河南省信阳市) gives that division.
    pub fn region_in<'t>(&self, texts: impl IntoIterator<Item = &'t str>) -> Option<usize> {
        let table = crate::divisions::bundled();
        let divisions_named = |name: &str| -> Vec<usize> {
            let Some(refs) = self.names.get(name) else {
                return Vec::new();
            };
            refs.iter()
                .filter(|r| !r.regional)
                .filter_map(|r| {
                    let e = &self.entries[r.entry];
                    e.division.or(e.jurisdiction)
                })
                .collect()
        };
        for text in texts {
            let mut matches = self.automaton.find_iter(text).peekable();
            while let Some(m) = matches.next() {
                let candidates = divisions_named(&text[m.start()..m.end()]);
                let [d] = candidates[..] else { continue };
                // A county or township is the region only when it opens the text
                // (昆山市人民政府关于…); elsewhere its name may be letters of words
                // (适应城市), and a city's county follows the city (河南省信阳市).
                if table.get(d).level >= crate::divisions::Level::County && m.start() > 0 {
                    continue;
                }
                if table.get(d).level == crate::divisions::Level::Province
                    && let Some(next) = matches.peek().filter(|n| n.start() == m.end())
                    && let Some(&city) = divisions_named(&text[next.start()..next.end()])
                        .iter()
                        .find(|&&c| c != d && table.within(c, d))
                {
                    return Some(city);
                }
                return Some(d);
            }
        }
        None
    }

    /// The organ templates' short forms that start a text: its length in bytes and
    /// the organ entity it denotes in a document of `region`, or `None` for the
    /// generic organ named by the short form.
    pub(crate) fn organ_short(&self, index: usize, region: Option<usize>) -> Option<Entry> {
        let table = crate::divisions::bundled();
        let (_, short) = &self.organ_shorts[index];
        // The region itself, or the division of the short form's kind that contains
        // it: 省人民政府 in a law of 信阳市 is 河南省's; 市委 in a province's report
        // names no one organ.
        let region = match short.kind_word.as_deref() {
            None => region?,
            Some(kind) => table
                .chain(region?)
                .find(|d| d.kind_word() == kind)
                .and_then(|d| table.index_of(&d.code))?,
        };
        let d = table.get(region);
        // Only provinces, prefectures and counties have these organs.
        if d.level > crate::divisions::Level::County {
            return None;
        }
        let entry = self.organ_entry(short.organ, region);
        // The same entry as the full name's, with all its names.
        Some(
            self.lookup(&entry.label)
                .filter(|e| e.kind == EntityKind::Organization && e.jurisdiction == Some(region))
                .cloned()
                .unwrap_or(entry),
        )
    }

    /// Townships named in `text` that lie in `region`: (byte begin, byte end, entry).
    /// Their matcher (38,000 names) is built the first time a document with a region
    /// asks, so runs without one never pay for it.
    pub(crate) fn townships_in<'a>(
        &'a self,
        text: &'a str,
        region: usize,
    ) -> impl Iterator<Item = (usize, usize, &'a Entry)> + 'a {
        let table = crate::divisions::bundled();
        let automaton = self
            .townships
            .automaton
            .get_or_init(|| super::build(self.townships.names.iter().map(|(n, _)| n.as_str())));
        automaton.find_iter(text).filter_map(move |m| {
            let entry = &self.entries[self.townships.names[m.pattern().as_usize()].1];
            entry
                .division
                .is_some_and(|d| table.within(d, region))
                .then_some((m.start(), m.end(), entry))
        })
    }

    /// The district right at byte `end` of `text` whose name is a common word (城区,
    /// 城关区, 市中区) when it is a district of `parent`, the division whose name
    /// ends there (兰州市|城关区, 阳泉市|城区): its length in bytes and its entry.
    /// A city's urban area in general (苏州市|城区) is no district of it.
    pub(crate) fn generic_district_after(
        &self,
        text: &str,
        end: usize,
        parent: usize,
    ) -> Option<(usize, &Entry)> {
        let table = crate::divisions::bundled();
        let after = &text[end..];
        after
            .char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .take(4)
            .skip(1)
            .filter(|&len| after[..len].ends_with('区'))
            .find_map(|len| {
                let entry = self
                    .generic_districts
                    .get(&after[..len])?
                    .iter()
                    .map(|&e| &self.entries[e])
                    .find(|e| {
                        e.division
                            .is_some_and(|d| table.get(d).parent == Some(parent))
                    })?;
                Some((len, entry))
            })
    }

    /// The township a name is, less its 镇, 乡, 街道 or 地区 (奔子栏 of 奔子栏镇, 亦庄
    /// of 亦庄地区, as Beijing names the townships of its 地区办事处): `None` when
    /// no township of China has that name; `Some(Some(entry))` when exactly one of
    /// them lies in `region`; `Some(None)` when the name is a township's somewhere
    /// but not of one township of the region. Town names repeat and read as words,
    /// so callers need other evidence that the name is a place.
    pub(crate) fn township_short(
        &self,
        name: &str,
        region: Option<usize>,
    ) -> Option<Option<&Entry>> {
        let shorts = self.townships.shorts.get_or_init(|| {
            let mut shorts: std::collections::HashMap<String, Vec<usize>> = Default::default();
            for (i, (full, _)) in self.townships.names.iter().enumerate() {
                let short = ["街道", "镇", "乡", "地区"]
                    .iter()
                    .find_map(|kind| full.strip_suffix(kind))
                    .filter(|s| s.chars().count() >= 2);
                if let Some(short) = short {
                    shorts.entry(short.to_owned()).or_default().push(i);
                }
            }
            shorts
        });
        let found = shorts.get(name)?;
        let table = crate::divisions::bundled();
        let mut inside = found
            .iter()
            .map(|&i| &self.entries[self.townships.names[i].1])
            .filter(|e| region.is_some_and(|r| e.division.is_some_and(|d| table.within(d, r))));
        Some(match (inside.next(), inside.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        })
    }

    /// Regions named by a province's abbreviation and a direction (赣东北, 苏北, 皖南,
    /// 蒙东): (byte begin, byte end). Not inside a longer run of Han characters that
    /// ends with another direction word (苏北部 is 苏 + 北部).
    pub(crate) fn abbreviated_regions<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        static RE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new(&format!(
                "[{PROVINCE_ABBREVIATIONS}](?:东西北|东北|东南|西北|西南|东|西|南|北|中)"
            ))
            .expect("a character class")
        });
        RE.find_iter(text).filter_map(move |m| {
            // The abbreviation ends a name (天津|中…, 江苏|北…) or a run of
            // abbreviations (京津|中…): not a region.
            if let Some(before) = text[..m.start()].chars().next_back() {
                if PROVINCE_ABBREVIATIONS.contains(before) || OTHER_ABBREVIATIONS.contains(before) {
                    return None;
                }
                let abbreviation = &text[m.start()..m.start() + 3];
                if self.lookup(&format!("{before}{abbreviation}")).is_some() {
                    return None;
                }
                // Nor a word that ends with it (复苏|北…, 山川|西…). 川 and 藏 end
                // many words (保藏|中心): after them the region starts at a
                // boundary (a stop character, a verb) or none is named.
                let first = abbreviation.chars().next().expect("one character");
                if self.common_words.contains(&[before, first]) {
                    return None;
                }
                let last_two: Vec<char> = text[..m.start()].chars().rev().take(2).collect();
                if matches!(first, '川' | '藏')
                    && ('\u{4e00}'..='\u{9fff}').contains(&before)
                    && !self.stop_chars.contains(&before)
                    && !(last_two.len() == 2 && self.verbs.contains(&[last_two[1], last_two[0]]))
                {
                    return None;
                }
            }
            let after = text[m.end()..].chars().next();
            // 苏北部, 皖南地区: a direction followed by 部/方 is a part, not the name.
            (!after.is_some_and(|c| matches!(c, '部' | '方' | '面' | '侧' | '端')))
                .then_some((m.start(), m.end()))
        })
    }

    /// Regions of the document's own province named by its abbreviation and a
    /// direction, where the abbreviation is one of the characters too common to be
    /// read as a province elsewhere (宁东 in 宁夏's documents, 京西 in
    /// 北京's): (byte begin, byte end). The region starts at a word boundary
    /// as a run of abbreviations does (推进|宁东), is no known name, and is not a
    /// part (宁东部); 宁南 is a county of 四川 first.
    pub(crate) fn own_abbreviated_regions(&self, text: &str, region: usize) -> Vec<(usize, usize)> {
        let table = crate::divisions::bundled();
        let Some(own) = OWN_ABBREVIATIONS
            .iter()
            .find(|(code, _)| table.get(table.province_of(region)).code == *code)
            .map(|&(_, c)| c)
        else {
            return Vec::new();
        };
        let directions = ["东北", "东南", "西北", "西南", "东", "西", "南", "北"];
        let mut out = Vec::new();
        for (b, c) in text.char_indices() {
            if c != own {
                continue;
            }
            let after = &text[b + c.len_utf8()..];
            let Some(direction) = directions.iter().find(|d| after.starts_with(*d)) else {
                continue;
            };
            let e = b + c.len_utf8() + direction.len();
            let name = &text[b..e];
            let next = text[e..].chars().next();
            if self.lookup(name).is_some()
                || next.is_some_and(|n| matches!(n, '部' | '方' | '面' | '侧' | '端'))
                || !self.run_starts_here(&text[..b])
                || self.ends_in_a_word(name.chars().last().expect("a direction"), &text[e..])
            {
                continue;
            }
            out.push((b, e));
        }
        out
    }

    /// The length in characters of a region of [`Lexicon::own_abbreviated_regions`]
    /// that `text` starts with (宁东|地区 → 2).
    pub(crate) fn own_abbreviated_region_at(&self, text: &str, region: usize) -> Option<usize> {
        self.own_abbreviated_regions(text, region)
            .first()
            .filter(|&&(b, _)| b == 0)
            .map(|&(_, e)| text[..e].chars().count())
    }

    /// Regions named by the abbreviations of two or more provinces together (湘赣,
    /// 鄂豫皖, 晋冀鲁豫): (byte begin, byte end). The run starts at a word
    /// boundary (not after another name character, unless a stop character or the
    /// end of a verb or common word: 深化|湘赣), repeats no character (青青), is not
    /// a known name (京津冀, found as such) and ends where no common word starts
    /// (苏|联…). A run that names one province again is two pairs (闽港|闽澳). Before
    /// a word of cooperation between the regions (粤桂|协作, 鲁渝|合作) the run is
    /// one whatever comes before it (做实|粤桂协作), and may be made of the other
    /// abbreviations only (宁港澳|合作).
    pub(crate) fn abbreviation_runs<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        static RE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new(&format!(
                "[{PROVINCE_ABBREVIATIONS}{OTHER_ABBREVIATIONS}京]{{2,5}}"
            ))
            .expect("a character class")
        });
        RE.find_iter(text).flat_map(move |m| {
            let runs = split_at_repeats(m.as_str());
            let last_run = runs.len() - 1;
            runs.into_iter().enumerate().filter_map(move |(i, (b, e))| {
                let (b, e) = (m.start() + b, m.start() + e);
                let run: Vec<char> = text[b..e].chars().collect();
                let cooperation = i == last_run && starts_with_cooperation(&text[e..]);
                if run.len() < 2
                    || self.names.contains_key(&text[b..e])
                    || run.windows(2).any(|w| w[0] == w[1])
                    || !(cooperation || run.iter().any(|c| PROVINCE_ABBREVIATIONS.contains(*c)))
                    // 新 before a run is "new" far more often (新晋院士).
                    || run[0] == '新'
                {
                    return None;
                }
                // A run after a pair of the same match starts where that one ends.
                if i == 0 && !cooperation && !self.run_starts_here(&text[..b]) {
                    return None;
                }
                let last = *run.last().expect("two characters or more");
                if self.ends_in_a_word(last, &text[e..]) {
                    return None;
                }
                Some((b, e))
            })
        })
    }

    /// Regions named by the abbreviations of cities of the document's province,
    /// with provinces' abbreviations perhaps (淮宿蚌, 徐宿淮, 西咸 in a report of
    /// their province): (byte begin, byte end). Each character is the first of a
    /// prefecture-level division's short name in `region`'s province, or a
    /// province's abbreviation, at least one of them a city's and none repeated;
    /// two to four of them, starting at a word boundary as
    /// [`Lexicon::abbreviation_runs`] do, holding no common word (两个, 安全) and
    /// not ending in one with the character after (合|作). 新 and 和 start words
    /// far more often than runs (新兴, 和新).
    pub(crate) fn city_abbreviation_runs<'a>(
        &'a self,
        text: &'a str,
        region: usize,
    ) -> Vec<(usize, usize)> {
        let table = crate::divisions::bundled();
        let province = table.province_of(region);
        let Some(cities) = self.city_initials.get(&province) else {
            return Vec::new();
        };
        let direct = self.direct_initials.get(&province);
        let initial = |c: char| cities.contains(&c) || direct.is_some_and(|d| d.contains(&c));
        let letter = |c: char| {
            initial(c)
                || PROVINCE_ABBREVIATIONS.contains(c)
                || OTHER_ABBREVIATIONS.contains(c)
                || c == '京'
        };
        let region_letter =
            |c: char| PROVINCE_ABBREVIATIONS.contains(c) || OTHER_ABBREVIATIONS.contains(c);
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if !letter(chars[i].1) {
                i += 1;
                continue;
            }
            let run_begin = i;
            while i < chars.len() && letter(chars[i].1) {
                i += 1;
            }
            // A run that names a city again is two runs (成德|成眉).
            let run_text = &text[chars[run_begin].0..chars.get(i).map_or(text.len(), |&(o, _)| o)];
            let segments: Vec<(usize, usize)> = split_at_repeats(run_text)
                .into_iter()
                .map(|(sb, se)| {
                    let count = |to: usize| run_text[..to].chars().count();
                    (run_begin + count(sb), run_begin + count(se))
                })
                .collect();
            for (segment, &(b, segment_end)) in segments.iter().enumerate() {
                // The run, less a last character that starts a word with the next
                // (宿马合|作 → 宿马).
                let mut e = segment_end;
                // A common word, or a name that is one too (合作, of 合作市).
                let word = |pair: [char; 2]| {
                    self.common_words.contains(&pair) || self.name_words.contains(&pair)
                };
                let next_pair = |e: usize| {
                    chars
                        .get(e)
                        .is_some_and(|&(_, n)| word([chars[e - 1].1, n]))
                };
                if e - b > 2 && next_pair(e) {
                    e -= 1;
                }
                let run: Vec<char> = chars[b..e].iter().map(|&(_, c)| c).collect();
                // Each city once, but an initial two cities share may stand twice in a
                // row (宜荆荆: 宜昌, 荆州, 荆门).
                let shared = self.shared_initials.get(&province);
                let repeats = run.windows(2).filter(|w| w[0] == w[1]).count();
                let distinct = run.iter().collect::<HashSet<_>>().len() + repeats == run.len()
                    && run
                        .windows(2)
                        .all(|w| w[0] != w[1] || shared.is_some_and(|s| s.contains(&w[0])));
                let city = run.iter().any(|&c| {
                    initial(c)
                        && !PROVINCE_ABBREVIATIONS.contains(c)
                        && !OTHER_ABBREVIATIONS.contains(c)
                });
                if !(2..=4).contains(&run.len())
                    || !distinct
                    || !city
                    || matches!(run[0], '新' | '和')
                    // Runs named one after the other are runs even where one
                    // spells a word (大红|大德, of 大理, 红河 and 德宏); two regions'
                    // abbreviations spell a region, no word (广深|港澳).
                    || (segments.len() == 1
                        && run.windows(2).any(|w| {
                            word([w[0], w[1]]) && !(region_letter(w[0]) && region_letter(w[1]))
                        }))
                    || next_pair(e)
                {
                    continue;
                }
                let (begin, end) = (chars[b].0, chars.get(e).map_or(text.len(), |&(o, _)| o));
                if self.names.contains_key(&text[begin..end]) {
                    continue;
                }
                // A run that goes on with the abbreviation of a city of another
                // province (通苏|嘉甬 of a railway) is one name, not this run.
                if e == i
                    && chars.get(e).is_some_and(|&(_, n)| {
                        self.city_initials.values().any(|other| other.contains(&n))
                    })
                {
                    continue;
                }
                if segment == 0 && !self.run_starts_here(&text[..begin]) {
                    continue;
                }
                out.push((begin, end));
            }
        }
        out
    }

    /// True when `last`, the last character of a run, starts a common word with
    /// the first character of `after` (苏|联合, 台|基…), unless that character
    /// starts a common word of its own with the next (闽台|基层).
    fn ends_in_a_word(&self, last: char, after: &str) -> bool {
        let mut next = after.chars();
        match (next.next(), next.next()) {
            (Some(n), second) => {
                self.common_words.contains(&[last, n])
                    && !second.is_some_and(|m| self.common_words.contains(&[n, m]))
            }
            (None, _) => false,
        }
    }

    /// True when a run of abbreviations may start after `before`: at a word
    /// boundary, that is after no Han character, or after a stop character, or
    /// after a common verb or word (深化|湘赣).
    fn run_starts_here(&self, before: &str) -> bool {
        let before: Vec<char> = before.chars().rev().take(2).collect();
        !(before.first().is_some_and(|&p| {
            ('\u{4e00}'..='\u{9fff}').contains(&p)
                && !self.stop_chars.contains(&p)
                && !(before.len() == 2
                    && (self.verbs.contains(&[before[1], p])
                        || self.common_words.contains(&[before[1], p])))
        }))
    }

    /// The length in characters of a run of provinces' abbreviations that `text`
    /// starts with (沪渝|蓉高铁 → 2).
    pub(crate) fn abbreviation_run_at(&self, text: &str) -> Option<usize> {
        self.abbreviation_runs(text)
            .next()
            .filter(|&(b, _)| b == 0)
            .map(|(_, e)| text[..e].chars().count())
    }

    /// The length in characters of a region named by abbreviation and direction that
    /// `text` starts with (赣南实验室 → 2).
    pub(crate) fn abbreviated_region_at(&self, text: &str) -> Option<usize> {
        self.abbreviated_regions(text)
            .next()
            .filter(|&(b, _)| b == 0)
            .map(|(_, e)| text[..e].chars().count())
    }
}

/// Provinces whose abbreviation is too common a character to be read as the
/// province outside its own documents (青, 宁, 京 …): GB/T 2260 code and
/// abbreviation. 新 and 云 are left out: 新 + a direction and 云南 are words.
const OWN_ABBREVIATIONS: [(&str, char); 7] = [
    ("110000", '京'),
    ("220000", '吉'),
    ("230000", '黑'),
    ("520000", '贵'),
    ("620000", '甘'),
    ("630000", '青'),
    ("640000", '宁'),
];

/// Words of cooperation between regions that a run of their abbreviations opens
/// (粤桂|协作, 鲁渝|合作, 川渝|一体化).
const COOPERATION_WORDS: [&str; 7] = ["合作", "协作", "协同", "一体化", "共建", "联动", "对口"];

/// True when `after` starts with a word of cooperation between regions.
fn starts_with_cooperation(after: &str) -> bool {
    COOPERATION_WORDS.iter().any(|w| after.starts_with(w))
}

/// A run of abbreviations cut before each character that names a region of the
/// run again (闽港闽澳 → 闽港, 闽澳; 成德成眉 → 成德, 成眉): byte ranges within
/// `run`. A character repeated right after itself is left to the caller (青青).
pub(crate) fn split_at_repeats(run: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut seen: Vec<char> = Vec::new();
    for (i, c) in run.char_indices() {
        if seen.contains(&c) && seen.last() != Some(&c) {
            out.push((start, i));
            start = i;
            seen.clear();
        }
        seen.push(c);
    }
    out.push((start, run.len()));
    out
}

/// Division names that are also common words of the text: districts named only by
/// position or age (城区, 郊区, 矿区, 东区, 市中区, 城关区, 老城区) say "the urban
/// area", "the west district", "the old town" far more often than they name one;
/// they are not matched.
fn generic_name(name: &str) -> bool {
    name.strip_suffix('区').is_some_and(|stem| {
        !stem.is_empty()
            && stem
                .chars()
                .all(|c| "城郊矿东西南北中市关新老上下前后".contains(c))
    })
}

/// The official one-character abbreviations of the provinces (简称), for regions
/// named by one and a direction (赣东北, 苏北, 皖南, 蒙东). Left out are 京 (京东 is
/// a company) and those that end common words before a direction (创新中心, 云中,
/// 安宁东路): 新, 云, 宁, 青, 黑, 吉, 贵, 甘. 川 and 藏 end their provinces' names
/// (四川南充, 西藏东部) or common words (保藏中心), which the character before
/// rules out.
const PROVINCE_ABBREVIATIONS: &str = "津沪渝冀豫辽湘皖鲁苏浙赣鄂桂晋蒙陕闽粤琼滇黔陇川藏";

/// The other provinces' abbreviations, left out of [`PROVINCE_ABBREVIATIONS`]: one of
/// them before an abbreviation still makes a run of them (京津|中, 港澳|台).
const OTHER_ABBREVIATIONS: &str = "京新云宁青黑吉贵甘港澳台";
