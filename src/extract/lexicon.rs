//! The gazetteer and rule tables: what the extractors know, loaded from `data/`.
//!
//! The bundled tables are compiled in, so the binary works anywhere; users add
//! entities with `--gazetteer FILE` in the same format, without recompiling.

use super::EntityKind;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Why a gazetteer file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// The file could not be read.
    #[error("{path}: cannot read the gazetteer: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A line does not follow the `label<TAB>type<TAB>aliases` format.
    #[error(
        "{path}:{line}: {message}; each line is label<TAB>type<TAB>aliases (see data/gazetteer.tsv)"
    )]
    Format {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// One gazetteer entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Canonical name.
    pub label: String,
    /// Its type.
    pub kind: EntityKind,
    /// Other names it is written by (`skos:altLabel`).
    pub aliases: Vec<String>,
    /// For an administrative division: its index in [`crate::divisions`].
    pub division: Option<usize>,
    /// For an organ of a division (省委, 省政府): the division's index.
    pub jurisdiction: Option<usize>,
}

/// A name in the lexicon and the entity it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NameRef {
    entry: usize,
    /// A county's short name: it counts only in a document of the county's region
    /// (昆山 in a Jiangsu report), as two-character county names collide with
    /// names elsewhere and with words.
    regional: bool,
}

/// An organ's name templates, from `data/rules/organs.tsv`.
#[derive(Debug, Clone)]
pub(crate) struct Organ {
    label: String,
    full: Vec<String>,
    short: Vec<String>,
}

/// A short form of an organ (省委, 政协) as it is matched in text.
#[derive(Debug, Clone)]
pub(crate) struct OrganShort {
    /// Index into the organ templates.
    pub organ: usize,
    /// The kind of region it needs (省 for 省委), or `None` for a bare form (政协).
    pub kind_word: Option<String>,
}

/// An organisation suffix rule from `data/rules/org-suffixes.tsv`.
#[derive(Debug, Clone)]
pub(crate) struct OrgSuffix {
    pub suffix: String,
    /// Words that, right after the suffix, show it is part of a longer common word.
    pub blocked_after: Vec<String>,
    /// A place alone before the suffix is not a name.
    pub needs_core: bool,
    /// A unit of another body (部, 办公厅): its name may hold another's whole name.
    pub unit: bool,
}

/// Where a name found by its suffix starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameStart {
    /// With a known place.
    Place,
    /// After any known place before it.
    Own,
    /// The name is a known place and the suffix (黄浦江, 泉州湾).
    Exact,
}

/// A rule from `data/rules/name-suffixes.tsv`.
#[derive(Debug, Clone)]
pub(crate) struct NameSuffix {
    pub kind: EntityKind,
    /// A facility named after a place (包头氢能装备制造产业园, 临河至哈密铁路): a name
    /// of another kind, a single unit with no mention inside it.
    pub facility: bool,
    pub start: NameStart,
    pub min_core: usize,
    pub max_core: usize,
    pub blocked_after: Vec<String>,
}

/// Everything the extractors look up: names, suffixes, heads, stop words.
#[derive(Debug, Clone)]
pub struct Lexicon {
    entries: Vec<Entry>,
    /// Name → the entries it names, for every label and alias.
    names: HashMap<String, Vec<NameRef>>,
    /// Organ templates and their short forms, matched leftmost-longest.
    organs: Vec<Organ>,
    pub(crate) organ_shorts: Vec<(String, OrganShort)>,
    pub(crate) organ_automaton: AhoCorasick,
    /// Built over `name_list` for leftmost-longest matching.
    automaton: AhoCorasick,
    name_list: Vec<(String, usize)>,
    /// Organisation suffixes with the words that, following them, cancel the match.
    pub(crate) org_suffixes: Vec<OrgSuffix>,
    pub(crate) suffix_automaton: AhoCorasick,
    /// Organisation suffixes of two characters or more: a non-unit name does not
    /// reach across their end.
    pub(crate) long_suffixes: Vec<String>,
    /// Place and plan suffix rules, in the order of `name_suffix_automaton`'s patterns.
    pub(crate) name_suffixes: Vec<NameSuffix>,
    pub(crate) name_suffix_automaton: AhoCorasick,
    /// Verbs a name found by its own suffix never starts with.
    pub(crate) leading_verbs: Vec<String>,
    pub(crate) name_heads: Vec<String>,
    pub(crate) stop_chars: HashSet<char>,
    pub(crate) stop_phrases: Vec<String>,
    pub(crate) joined_phrases: Vec<String>,
    pub(crate) surnames: HashSet<String>,
    /// Characters never in a rule-found person's given name.
    pub(crate) not_given_name: HashSet<char>,
    pub(crate) plan_suffixes: Vec<String>,
    /// Words after a quoted phrase that make it a brand, platform or label, not a
    /// plan (“赣莲”品牌, “蒙科聚”平台).
    pub(crate) not_plan_heads: Vec<String>,
    /// Unit as written → normalised unit, longest first.
    pub(crate) units: Vec<(String, String)>,
    /// Quantity pattern built from `units`.
    pub(crate) quantity_re: regex::Regex,
    /// The same for amounts in Chinese numerals (十个, 两项).
    pub(crate) chinese_quantity_re: regex::Regex,
    /// Words that hold a name but are not one (发展中国家).
    pub(crate) not_names: AhoCorasick,
    /// The same words, for checking the end of rule-found names.
    pub(crate) not_name_words: Vec<String>,
    /// Indicator names (labels and aliases) and the canonical label of each.
    pub(crate) indicators: AhoCorasick,
    pub(crate) indicator_labels: Vec<String>,
    /// Person titles, matched leftmost-longest (副市长 before 市长).
    pub(crate) title_automaton: AhoCorasick,
}

const GAZETTEER: &str = include_str!("../../data/gazetteer.tsv");
const ORG_SUFFIXES: &str = include_str!("../../data/rules/org-suffixes.tsv");
const NAME_HEADS: &str = include_str!("../../data/rules/name-heads.tsv");
const STOP_CHARS: &str = include_str!("../../data/rules/stop-chars.tsv");
const STOP_PHRASES: &str = include_str!("../../data/rules/stop-phrases.tsv");
const JOINED_PHRASES: &str = include_str!("../../data/rules/joined-phrases.tsv");
const PERSON_TITLES: &str = include_str!("../../data/rules/person-titles.tsv");
const NOT_GIVEN_NAME: &str = include_str!("../../data/rules/not-given-name-chars.tsv");
const SURNAMES: &str = include_str!("../../data/rules/surnames.tsv");
const PLAN_SUFFIXES: &str = include_str!("../../data/rules/plan-suffixes.tsv");
const NOT_PLAN_HEADS: &str = include_str!("../../data/rules/not-plan-heads.tsv");
const NOT_NAMES: &str = include_str!("../../data/rules/not-names.tsv");
const INDICATORS: &str = include_str!("../../data/rules/indicators.tsv");
const NAME_SUFFIXES: &str = include_str!("../../data/rules/name-suffixes.tsv");
const LEADING_VERBS: &str = include_str!("../../data/rules/leading-verbs.tsv");
const UNITS: &str = include_str!("../../data/rules/units.tsv");
const ORGANS: &str = include_str!("../../data/rules/organs.tsv");

fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

fn words(text: &str) -> Vec<String> {
    lines(text).map(|(_, l)| l.trim().to_owned()).collect()
}

impl Lexicon {
    /// The bundled gazetteer and rules from `data/`.
    ///
    /// ```
    /// use policykg::extract::{Lexicon, EntityKind};
    /// let lexicon = Lexicon::bundled();
    /// assert_eq!(lexicon.lookup("中国职工对外交流中心").unwrap().kind, EntityKind::Organization);
    /// ```
    pub fn bundled() -> Self {
        let mut lexicon = Self::rules_only();
        lexicon
            .add_gazetteer(Path::new("data/gazetteer.tsv"), GAZETTEER)
            .expect("the bundled gazetteer is well-formed (checked by a test)");
        lexicon.add_divisions();
        lexicon.add_organs();
        lexicon.rebuild();
        lexicon
    }

    fn rules_only() -> Self {
        let org_suffixes: Vec<OrgSuffix> = lines(ORG_SUFFIXES)
            .map(|(_, l)| {
                let mut parts = l.split('\t');
                let suffix = parts.next().unwrap_or("").trim().to_owned();
                let blocked_after = parts
                    .next()
                    .map(|f| {
                        f.split('|')
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default();
                let flags = parts.next().unwrap_or("");
                OrgSuffix {
                    suffix,
                    blocked_after,
                    needs_core: flags.split(',').any(|f| f.trim() == "core"),
                    unit: flags.split(',').any(|f| f.trim() == "unit"),
                }
            })
            .collect();
        let mut units: Vec<(String, String)> = lines(UNITS)
            .map(|(_, l)| {
                let mut parts = l.split('\t');
                let written = parts.next().unwrap_or("").trim().to_owned();
                let normal = parts
                    .next()
                    .map_or_else(|| written.clone(), |n| n.trim().to_owned());
                (written, normal)
            })
            .collect();
        units.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
        let surnames = lines(SURNAMES)
            .flat_map(|(_, l)| {
                let l = l.trim();
                if l.chars().count() == 2 && !l.contains(|c: char| c.is_ascii()) && l.len() == 6 {
                    // Lines of two characters are double surnames.
                    vec![l.to_owned()]
                } else {
                    l.chars().map(String::from).collect()
                }
            })
            .collect();
        let suffix_automaton = build(org_suffixes.iter().map(|s| s.suffix.as_str()));
        let long_suffixes = org_suffixes
            .iter()
            .map(|s| s.suffix.clone())
            .filter(|s| s.chars().count() >= 2)
            .collect();
        let mut name_suffix_words = Vec::new();
        let mut name_suffixes = Vec::new();
        for (_, l) in lines(NAME_SUFFIXES) {
            let cols: Vec<&str> = l.split('\t').map(str::trim).collect();
            let facility = cols[1] == "facility";
            let kind = if facility {
                EntityKind::Term
            } else {
                EntityKind::from_gazetteer_type(cols[1]).expect("name-suffixes.tsv types are valid")
            };
            name_suffix_words.push(cols[0].to_owned());
            name_suffixes.push(NameSuffix {
                kind,
                facility,
                start: match cols[2] {
                    "place" => NameStart::Place,
                    "exact" => NameStart::Exact,
                    _ => NameStart::Own,
                },
                min_core: cols[3].parse().expect("a number"),
                max_core: cols[4].parse().expect("a number"),
                blocked_after: cols
                    .get(5)
                    .map(|f| {
                        f.split('|')
                            .filter(|w| !w.is_empty())
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default(),
            });
        }
        let person_titles = words(PERSON_TITLES);
        let title_automaton = build(person_titles.iter().map(String::as_str));
        let quantity_re = super::quantity::pattern(&units);
        let chinese_quantity_re = super::quantity::chinese_pattern(&units);
        let mut indicator_names: Vec<(String, String)> = Vec::new();
        for (_, l) in lines(INDICATORS) {
            let mut cols = l.split('\t');
            let label = cols.next().unwrap_or("").trim().to_owned();
            indicator_names.push((label.clone(), label.clone()));
            for alias in cols
                .next()
                .unwrap_or("")
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
            {
                indicator_names.push((alias.to_owned(), label.clone()));
            }
        }
        indicator_names.sort();
        indicator_names.dedup_by(|a, b| a.0 == b.0);
        let split = |s: Option<&str>| -> Vec<String> {
            s.unwrap_or("")
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let organs: Vec<Organ> = lines(ORGANS)
            .filter(|(_, l)| !l.starts_with("organ\t"))
            .map(|(_, l)| {
                let cols: Vec<&str> = l.split('\t').collect();
                Organ {
                    label: cols[1].trim().to_owned(),
                    full: split(cols.get(2).copied()),
                    short: split(cols.get(3).copied()),
                }
            })
            .collect();
        let mut organ_shorts = Vec::new();
        for (o, organ) in organs.iter().enumerate() {
            for form in &organ.short {
                if form.contains("{K}") {
                    for kind in KIND_WORDS {
                        organ_shorts.push((
                            form.replace("{K}", kind),
                            OrganShort {
                                organ: o,
                                kind_word: Some((*kind).to_owned()),
                            },
                        ));
                    }
                } else {
                    organ_shorts.push((
                        form.clone(),
                        OrganShort {
                            organ: o,
                            kind_word: None,
                        },
                    ));
                }
            }
        }
        organ_shorts.sort_by(|a, b| a.0.cmp(&b.0));
        organ_shorts.dedup_by(|a, b| a.0 == b.0);
        Self {
            entries: Vec::new(),
            names: HashMap::new(),
            organ_automaton: build(organ_shorts.iter().map(|(f, _)| f.as_str())),
            organ_shorts,
            organs,
            automaton: build(std::iter::empty::<&str>()),
            name_list: Vec::new(),
            org_suffixes,
            suffix_automaton,
            long_suffixes,
            name_suffix_automaton: build(name_suffix_words.iter().map(String::as_str)),
            name_suffixes,
            leading_verbs: words(LEADING_VERBS),
            name_heads: words(NAME_HEADS),
            stop_chars: lines(STOP_CHARS)
                .flat_map(|(_, l)| l.chars().collect::<Vec<_>>())
                .collect(),
            stop_phrases: words(STOP_PHRASES),
            joined_phrases: words(JOINED_PHRASES),
            surnames,
            not_given_name: lines(NOT_GIVEN_NAME)
                .flat_map(|(_, l)| l.chars().collect::<Vec<_>>())
                .collect(),
            plan_suffixes: words(PLAN_SUFFIXES),
            not_plan_heads: words(NOT_PLAN_HEADS),
            units,
            quantity_re,
            chinese_quantity_re,
            not_names: build(words(NOT_NAMES).iter().map(String::as_str)),
            not_name_words: words(NOT_NAMES),
            indicators: build(indicator_names.iter().map(|(n, _)| n.as_str())),
            indicator_labels: indicator_names.into_iter().map(|(_, l)| l).collect(),
            title_automaton,
        }
    }

    /// Adds the entities of a user gazetteer file (same format as `data/gazetteer.tsv`).
    /// A name already known is re-pointed to the user's entity.
    pub fn extend_from_file(&mut self, path: &Path) -> Result<(), LexiconError> {
        let text = std::fs::read_to_string(path).map_err(|source| LexiconError::Io {
            path: path.to_owned(),
            source,
        })?;
        self.add_gazetteer(path, &text)?;
        self.rebuild();
        Ok(())
    }

    fn add_gazetteer(&mut self, path: &Path, text: &str) -> Result<(), LexiconError> {
        let format = |line: usize, message: String| LexiconError::Format {
            path: path.to_owned(),
            line,
            message,
        };
        let mut header_seen = false;
        for (line, l) in lines(text) {
            let cols: Vec<&str> = l.split('\t').collect();
            if !header_seen {
                header_seen = true;
                if cols.first().map(|c| c.trim()) == Some("label") {
                    continue;
                }
            }
            if cols.len() < 2 || cols.len() > 3 {
                return Err(format(
                    line,
                    format!(
                        "expected 2 or 3 tab-separated columns, found {}",
                        cols.len()
                    ),
                ));
            }
            let label = cols[0].trim();
            if label.is_empty() {
                return Err(format(line, "the label is empty".into()));
            }
            let kind = EntityKind::from_gazetteer_type(cols[1].trim()).ok_or_else(|| {
                format(
                    line,
                    format!(
                        "unknown type {:?}; use organization, place, person, legislation or plan",
                        cols[1].trim()
                    ),
                )
            })?;
            let aliases: Vec<String> = cols
                .get(2)
                .into_iter()
                .flat_map(|a| a.split('|'))
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_owned)
                .collect();
            let index = self.entries.len();
            // A user's entity takes over the names it gives.
            for name in std::iter::once(label).chain(aliases.iter().map(String::as_str)) {
                self.names.insert(
                    name.to_owned(),
                    vec![NameRef {
                        entry: index,
                        regional: false,
                    }],
                );
            }
            self.entries.push(Entry {
                label: label.to_owned(),
                kind,
                aliases,
                division: None,
                jurisdiction: None,
            });
        }
        Ok(())
    }

    /// Adds every administrative division as a place, by its full name and its short
    /// names. A division the gazetteer already names (江苏省) becomes that entry's
    /// code; short names of counties count only in their own region. (Short names
    /// that are common words are left out of the table by scripts/gen-divisions.)
    fn add_divisions(&mut self) {
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
                    if !generic_name(&d.name) && d.name.chars().count() > 2 {
                        // Town names repeat across the country (城关镇 ×88) and
                        // read as words elsewhere (发展乡村): a township counts
                        // only in a document of its own region.
                        let township = d.level == crate::divisions::Level::Township;
                        self.add_name(&d.name, e, township);
                    }
                    e
                }
            };
            for short in &d.short {
                if short.chars().count() < 2 {
                    continue;
                }
                if !self.entries[index].aliases.contains(short) {
                    self.entries[index].aliases.push(short.clone());
                }
                let regional = d.level >= crate::divisions::Level::County;
                self.add_name(short, index, regional);
            }
        }
    }

    /// Adds the organs of every province and prefecture by their full names
    /// (中共江苏省委员会, 江苏省委, 江苏省政府), from data/rules/organs.tsv.
    fn add_organs(&mut self) {
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
                        self.entries.push(entry.clone());
                        self.entries.len() - 1
                    }
                };
                for name in std::iter::once(&entry.label).chain(&entry.aliases) {
                    // Short forms (省委) are matched apart, by the document's region.
                    if name.contains(&d.name) {
                        self.add_name(name, index, false);
                    }
                }
            }
        }
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

    fn add_name(&mut self, name: &str, entry: usize, regional: bool) {
        let refs = self.names.entry(name.to_owned()).or_default();
        if !refs.iter().any(|r| r.entry == entry) {
            refs.push(NameRef { entry, regional });
        }
    }

    fn rebuild(&mut self) {
        let mut name_list: Vec<(String, usize)> = self
            .names
            .iter()
            .map(|(n, refs)| (n.clone(), refs[0].entry))
            .collect();
        name_list.sort();
        self.automaton = build(name_list.iter().map(|(n, _)| n.as_str()));
        self.name_list = name_list;
    }

    /// The entity a name (label or alias) stands for; for a name of several, the
    /// first (see [`Lexicon::resolve`]).
    pub fn lookup(&self, name: &str) -> Option<&Entry> {
        self.names.get(name).map(|refs| &self.entries[refs[0].entry])
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
                if let Some(r) = many.iter().find(|r| self.entries[r.entry].division.is_none()) {
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
            Some(kind) => table.chain(region?).find(|d| d.kind_word() == kind).and_then(|d| table.index_of(&d.code))?,
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

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entities.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
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
                "[{PROVINCE_ABBREVIATIONS}](?:东北|东南|西北|西南|东|西|南|北|中)"
            ))
            .expect("a character class")
        });
        RE.find_iter(text).filter_map(move |m| {
            // The abbreviation ends a name (天津|中…, 江苏|北…): not a region.
            if let Some(before) = text[..m.start()].chars().next_back() {
                let abbreviation = &text[m.start()..m.start() + 3];
                if self.lookup(&format!("{before}{abbreviation}")).is_some() {
                    return None;
                }
            }
            let after = text[m.end()..].chars().next();
            // 苏北部, 皖南地区: a direction followed by 部/方 is a part, not the name.
            (!after.is_some_and(|c| matches!(c, '部' | '方' | '面' | '侧' | '端')))
                .then_some((m.start(), m.end()))
        })
    }

    /// The length in characters of a region named by abbreviation and direction that
    /// `text` starts with (赣南实验室 → 2).
    pub(crate) fn abbreviated_region_at(&self, text: &str) -> Option<usize> {
        self.abbreviated_regions(text)
            .next()
            .filter(|&(b, _)| b == 0)
            .map(|(_, e)| text[..e].chars().count())
    }

    /// Leftmost-longest gazetteer matches in `text`: (byte begin, byte end, entry).
    pub(crate) fn find_names<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, usize, &'a Entry)> + 'a {
        self.automaton.find_iter(text).map(move |m| {
            let entry = &self.entries[self.name_list[m.pattern().as_usize()].1];
            (m.start(), m.end(), entry)
        })
    }
}

/// Division names that are also common words of the text: districts named only by
/// position (城区, 郊区, 矿区, 东区, 市中区, 城关区) say "the urban area", "the west
/// district" far more often than they name one; they are not matched.
fn generic_name(name: &str) -> bool {
    name.strip_suffix('区').is_some_and(|stem| {
        !stem.is_empty()
            && stem
                .chars()
                .all(|c| "城郊矿东西南北中市关新上下前后".contains(c))
    })
}

/// The official one-character abbreviations of the provinces (简称), for regions
/// named by one and a direction (赣东北, 苏北, 皖南, 蒙东). Left out are 京 (京东 is
/// a company) and those that end common words before a direction (创新中心, 云中,
/// 四川中医, 安宁东路): 新, 云, 川, 宁, 青, 黑, 吉, 贵, 甘, 藏.
const PROVINCE_ABBREVIATIONS: &str = "津沪渝冀豫辽湘皖鲁苏浙赣鄂桂晋蒙陕闽粤琼滇黔陇";

/// The words for kinds of division that short forms of organs start with.
const KIND_WORDS: &[&str] = &["省", "自治区", "市", "州", "县", "区", "旗", "盟"];

fn build<'a>(patterns: impl IntoIterator<Item = &'a str>) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .expect("patterns are plain strings")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_tables_load() {
        let l = Lexicon::bundled();
        assert!(l.len() > 1000);
        assert_eq!(l.lookup("上海").unwrap().label, "上海市");
        assert!(l.surnames.contains("欧阳") && l.surnames.contains("王"));
        assert!(l.stop_chars.contains(&'了'));
        assert_eq!(
            l.units[0].0.chars().count(),
            l.units.iter().map(|u| u.0.chars().count()).max().unwrap()
        );
    }

    #[test]
    fn user_gazetteer_extends_and_errors_name_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.tsv");
        std::fs::write(
            &path,
            "label\ttype\taliases\n测试联合体\torganization\t测联\n",
        )
        .unwrap();
        let mut l = Lexicon::bundled();
        l.extend_from_file(&path).unwrap();
        assert_eq!(l.lookup("测联").unwrap().label, "测试联合体");
        std::fs::write(&path, "label\ttype\n甲\tthing\n").unwrap();
        let err = l.extend_from_file(&path).unwrap_err().to_string();
        assert!(
            err.contains("mine.tsv:2:") && err.contains("unknown type"),
            "{err}"
        );
    }
}
