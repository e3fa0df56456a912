//! The gazetteer and rule tables: what the extractors know, loaded from `data/`.
//!
//! The bundled tables are compiled in, so the binary works anywhere; users add
//! entities with `--gazetteer FILE` in the same format, without recompiling.

use super::EntityKind;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

mod regions;
mod segmentation;

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

/// The names of townships and their entries, with a matcher built on first use.
#[derive(Debug, Clone, Default)]
struct Townships {
    names: Vec<(String, usize)>,
    automaton: std::sync::OnceLock<AhoCorasick>,
    /// The townships by their names less 镇, 乡, 街道 or 地区 (奔子栏 of 奔子栏镇), built on
    /// first use: positions in `names`.
    shorts: std::sync::OnceLock<HashMap<String, Vec<usize>>>,
}

/// A short name of a division that counts only in a document of its region
/// (data/rules/regional-short-names.tsv).
#[derive(Debug, Clone)]
struct RegionalShort {
    /// Also a common word or another entity's name: a name only in a list of places.
    word: bool,
    /// The entries of the divisions it names, the prefecture first.
    entries: Vec<usize>,
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
    /// A company or institution named by a brand (苏豪集团, 魏桥集团, 西湖大学): the
    /// name may be two to four characters with no name head, at a word boundary.
    pub brand: bool,
    /// A name may start with the field of research before its place (深海探测|
    /// 山东实验室).
    pub field: bool,
    /// A report may name the body by 省 or 市 and a name of its own (省氢能产业研究院).
    pub own: bool,
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
    /// With a known place (礼县四角坪遗址), else a name of its own after a
    /// boundary, as `Own` (甲乙遗址), whose core is no common word.
    Either,
    /// With a known place, else a name of its own after a boundary, as `Own`,
    /// that opens with no common word (菁蓉|小镇, not 特色|小镇): a zone named
    /// after a quarter or a company no list knows.
    Named,
}

/// A rule from `data/rules/name-suffixes.tsv`.
#[derive(Debug, Clone)]
pub(crate) struct NameSuffix {
    /// The last word of the name.
    pub suffix: String,
    pub kind: EntityKind,
    /// A facility named after a place (上海东站, 白山至临江高速公路): a name
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
    /// Townships by full name, matched apart (see [`Lexicon::townships_in`]).
    townships: Townships,
    /// Names that count only at word boundaries: the short names of listed
    /// companies (data/companies.tsv), the two-character rivers of
    /// data/features.tsv (汉江, 渭河) and countries of data/world.tsv (不丹, 巴林).
    pub(crate) bounded: HashSet<String>,
    /// Short names of counties (大东 of 大东区): one that shares a character with a
    /// common word gives way to a name starting inside it (扩|大东|营 holds 东营).
    yielding: HashSet<String>,
    /// Districts whose names are common words of the text (城区, 城关区), by name:
    /// matched only right after their city's name (see
    /// [`Lexicon::generic_district_after`]).
    generic_districts: HashMap<String, Vec<usize>>,
    /// Short names matched only in their own region (see
    /// [`Lexicon::regional_shorts_in`]), and their matcher.
    regional_shorts: Vec<RegionalShort>,
    regional_short_automaton: AhoCorasick,
    /// The first characters of each province's prefecture-level divisions by their
    /// short names (合 of 合肥, 马 of 马鞍山), by the province's index: the letters
    /// of regions named by their cities' abbreviations (淮宿蚌).
    pub(crate) city_initials: std::collections::HashMap<usize, HashSet<char>>,
    /// The initials of the county-level divisions each province administers
    /// directly (仙 of 仙桃, 神 of 神农架), by the province's index: letters of its
    /// own runs, never a sign of another province's city.
    pub(crate) direct_initials: std::collections::HashMap<usize, HashSet<char>>,
    /// The initials that two prefectures of a province share (荆 of 荆州 and 荆门),
    /// which a run may repeat (宜荆荆).
    pub(crate) shared_initials: std::collections::HashMap<usize, HashSet<char>>,
    /// The entry of each (division, organ) pair, and the organs' full forms split
    /// around the division's name: (words before, words after, organ).
    organ_index: HashMap<(usize, usize), usize>,
    organ_forms: Vec<(String, String, usize)>,
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
    /// The common two-character verbs (data/rules/verbs.tsv, from jieba's
    /// dictionary): a name found by its suffix does not start with one.
    pub(crate) verbs: std::collections::HashSet<[char; 2]>,
    /// Words before a 《》 title that show it names a work of art or a book
    /// (data/rules/work-heads.tsv).
    pub(crate) work_heads: Vec<String>,
    /// Words that end the title of a work itself, a periodical's (《…日报》,
    /// 《…公报》): the `end` rows of data/rules/work-heads.tsv.
    pub(crate) work_title_ends: Vec<String>,
    /// Words that close a list of companies after 等 (央企), those that also close
    /// lists of sectors (企业), and words of rank that may stand before them (重点,
    /// 头部): data/rules/company-list-words.tsv.
    pub(crate) company_list_heads: Vec<String>,
    pub(crate) company_list_generic_heads: Vec<String>,
    pub(crate) company_list_ranks: Vec<String>,
    /// The common two-character words of any part of speech
    /// (data/rules/common-words.tsv, from jieba's dictionary).
    pub(crate) common_words: std::collections::HashSet<[char; 2]>,
    /// The frequencies of single characters and two-character words, by which a
    /// short name read across two words is known (data/rules/word-frequencies.tsv).
    pub(crate) word_frequencies: segmentation::WordFrequencies,
    /// Two-character names that are common words too (合作, 安宁), which
    /// `common_words` leaves out: data/rules/name-words.tsv.
    pub(crate) name_words: std::collections::HashSet<[char; 2]>,
    /// Place names jieba knows that no division or gazetteer list holds (临港,
    /// 漕河泾): they may open a zone's name, and are no mention alone:
    /// data/rules/place-words.tsv.
    pub(crate) place_words: HashSet<String>,
    /// Words other than verbs that open a clause (深化, 健全), after which a
    /// zone's name may start: data/rules/opening-words.tsv.
    pub(crate) opening_words: std::collections::HashSet<[char; 2]>,
    /// Words that end the name of an event (峰会, 论坛, 博览会 …).
    pub(crate) event_heads: Vec<String>,
    /// The heads of events' short forms (博会, 运会 …), which make an event's
    /// name of a place only with exactly one character between (成都世运会).
    pub(crate) event_short_heads: Vec<String>,
    /// Words that end a meeting's name, which holds no place
    /// (data/rules/event-heads.tsv, column `meeting`).
    pub(crate) meeting_heads: Vec<String>,
    /// Words between a place and an event that are not part of its name (举办 …).
    pub(crate) event_breaks: Vec<String>,
    /// Words that end an indicator's name before a quantity (增长, 下降, 年均 …).
    pub(crate) indicator_verbs: Vec<String>,
    pub(crate) name_heads: Vec<String>,
    pub(crate) stop_chars: HashSet<char>,
    pub(crate) stop_phrases: Vec<String>,
    /// Phrases that hold a stop character but occur inside names (发展和改革), every
    /// occurrence found (overlapping).
    pub(crate) joined_automaton: AhoCorasick,
    pub(crate) surnames: HashSet<String>,
    /// Characters never in a rule-found person's given name.
    pub(crate) not_given_name: HashSet<char>,
    pub(crate) plan_suffixes: Vec<String>,
    /// Words that make the quoted phrase before them a campaign, at once or after
    /// 等 and a few words (data/rules/plan-suffixes.tsv, flagged `campaign`).
    pub(crate) campaign_words: Vec<String>,
    /// One-character ends of an event's name (data/rules/event-heads.tsv,
    /// flagged `end`): 日, 节, 汇 ….
    pub(crate) event_ends: Vec<String>,
    /// Words after a quoted phrase that make it a brand, platform or label, not a
    /// plan (“赣莲”品牌, “蒙科聚”平台).
    pub(crate) not_plan_heads: Vec<String>,
    /// Heads of sites named after their places, which the items of a list before
    /// them share (榆林、延安|机场): data/rules/site-heads.tsv.
    pub(crate) site_heads: Vec<String>,
    /// The heads of sites and areas named after localities no gazetteer lists,
    /// whose lists need no known place (the `named` rows of site-heads.tsv).
    pub(crate) named_site_heads: Vec<String>,
    /// Unit as written → normalised unit, longest first.
    pub(crate) units: Vec<(String, String)>,
    /// Quantity pattern built from `units`.
    pub(crate) quantity_re: regex::Regex,
    /// The same for amounts in Chinese numerals (十个, 两项).
    pub(crate) chinese_quantity_re: regex::Regex,
    /// Bare round numbers after a word that leads an amount (近万场).
    pub(crate) magnitude_re: regex::Regex,
    /// Words that hold a name but are not one (发展中国家).
    pub(crate) not_names: AhoCorasick,
    /// The same words, for checking the end of rule-found names.
    pub(crate) not_name_words: Vec<String>,
    /// The holidays and memorial days of data/rules/holidays.tsv (春节, 国庆节).
    pub(crate) holidays: AhoCorasick,
    /// Indicator names (labels and aliases) and the canonical label of each.
    pub(crate) indicators: AhoCorasick,
    pub(crate) indicator_labels: Vec<String>,
    /// Person titles, matched leftmost-longest (副市长 before 市长).
    pub(crate) title_automaton: AhoCorasick,
}

const GAZETTEER: &str = include_str!("../../data/gazetteer.tsv");
const FEATURES: &str = include_str!("../../data/features.tsv");
const COMPANIES: &str = include_str!("../../data/companies.tsv");
const CENTRAL_ENTERPRISES: &str = include_str!("../../data/central-enterprises.tsv");
const WORLD: &str = include_str!("../../data/world.tsv");
const ORGANISATIONS: &str = include_str!("../../data/organisations.tsv");
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
const SITE_HEADS: &str = include_str!("../../data/rules/site-heads.tsv");
const NOT_NAMES: &str = include_str!("../../data/rules/not-names.tsv");
const INDICATORS: &str = include_str!("../../data/rules/indicators.tsv");
const HOLIDAYS: &str = include_str!("../../data/rules/holidays.tsv");
const NAME_SUFFIXES: &str = include_str!("../../data/rules/name-suffixes.tsv");
const LEADING_VERBS: &str = include_str!("../../data/rules/leading-verbs.tsv");
const VERBS: &str = include_str!("../../data/rules/verbs.tsv");
const COMMON_WORDS: &str = include_str!("../../data/rules/common-words.tsv");
const WORK_HEADS: &str = include_str!("../../data/rules/work-heads.tsv");
const INDICATOR_VERBS: &str = include_str!("../../data/rules/indicator-verbs.tsv");
const EVENT_HEADS: &str = include_str!("../../data/rules/event-heads.tsv");
const EVENT_BREAKS: &str = include_str!("../../data/rules/event-breaks.tsv");
const UNITS: &str = include_str!("../../data/rules/units.tsv");
const ORGANS: &str = include_str!("../../data/rules/organs.tsv");
const REGIONAL_SHORT_NAMES: &str = include_str!("../../data/rules/regional-short-names.tsv");
const OPENING_WORDS: &str = include_str!("../../data/rules/opening-words.tsv");
const NAME_WORDS: &str = include_str!("../../data/rules/name-words.tsv");
const PLACE_WORDS: &str = include_str!("../../data/rules/place-words.tsv");
const COMPANY_LIST_WORDS: &str = include_str!("../../data/rules/company-list-words.tsv");

fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

fn words(text: &str) -> Vec<String> {
    lines(text).map(|(_, l)| l.trim().to_owned()).collect()
}

/// The words of a two-column list whose second column, comma-separated flags,
/// holds `role`.
fn column_words(text: &str, role: &str) -> Vec<String> {
    lines(text)
        .filter_map(|(_, l)| {
            let (word, r) = l.split_once('\t')?;
            r.split(',')
                .any(|f| f.trim() == role)
                .then(|| word.trim().to_owned())
        })
        .collect()
}

/// The words of such a list with no second column.
fn plain_words(text: &str) -> Vec<String> {
    lines(text)
        .filter(|(_, l)| !l.contains('\t'))
        .map(|(_, l)| l.trim().to_owned())
        .collect()
}

/// The two-character words of a word list.
fn pairs(text: &str) -> std::collections::HashSet<[char; 2]> {
    lines(text)
        .filter_map(|(_, w)| {
            let mut c = w.trim().chars();
            Some([c.next()?, c.next()?]).filter(|_| c.next().is_none())
        })
        .collect()
}

impl Lexicon {
    /// True when `chars` end with a common word of any part of speech
    /// (data/rules/common-words.tsv).
    pub(crate) fn ends_with_common_word(&self, chars: &[char]) -> bool {
        chars.len() >= 2
            && self
                .common_words
                .contains(&[chars[chars.len() - 2], chars[chars.len() - 1]])
    }

    /// True when `chars` end with a common verb (data/rules/verbs.tsv).
    pub(crate) fn ends_with_verb(&self, chars: &[char]) -> bool {
        chars.len() >= 2
            && self
                .verbs
                .contains(&[chars[chars.len() - 2], chars[chars.len() - 1]])
    }

    /// True when `chars` start with a common verb (data/rules/verbs.tsv).
    pub(crate) fn starts_with_verb(&self, chars: &[char]) -> bool {
        chars.len() >= 2 && self.verbs.contains(&[chars[0], chars[1]])
    }

    /// Where a name in `chars[begin..end]` starts once the verbs that open its
    /// clause are passed over (推进|甲湖, 开工建设|乙灌区): leading verbs
    /// (data/rules/leading-verbs.tsv) and common verbs, and with `opening_words`
    /// the words that open a clause too (培育|盐湖, 不断提升|草原).
    pub(crate) fn past_clause_verbs(
        &self,
        chars: &[char],
        mut begin: usize,
        end: usize,
        opening_words: bool,
    ) -> usize {
        loop {
            let rest = &chars[begin..end];
            if let Some(verb) = self
                .leading_verbs
                .iter()
                .find(|v| super::starts_with_word(rest, v))
            {
                begin += verb.chars().count();
            } else if self.starts_with_verb(rest)
                || opening_words && self.starts_with_opening_word(rest)
            {
                begin += 2;
            } else {
                return begin;
            }
        }
    }

    /// Whether `chars` starts with a word that opens a clause (深化, 健全:
    /// data/rules/opening-words.tsv).
    pub(crate) fn starts_with_opening_word(&self, chars: &[char]) -> bool {
        chars.len() >= 2 && self.opening_words.contains(&[chars[0], chars[1]])
    }

    /// Whether `chars` ends with a word that opens a clause.
    pub(crate) fn ends_with_opening_word(&self, chars: &[char]) -> bool {
        chars.len() >= 2 && self.starts_with_opening_word(&chars[chars.len() - 2..])
    }

    /// The bundled gazetteer and rules from `data/`.
    ///
    /// ```
    /// use policykg::extract::{Lexicon, EntityKind};
    /// let lexicon = Lexicon::bundled();
    /// assert_eq!(lexicon.lookup("中国职工对外交流中心").unwrap().kind, EntityKind::Organization);
    /// ```
    pub fn bundled() -> Self {
        let mut lexicon = Self::rules_only();
        // The hand-compiled gazetteer first, then the generated name lists.
        for (path, text) in [
            ("data/gazetteer.tsv", GAZETTEER),
            ("data/features.tsv", FEATURES),
            ("data/central-enterprises.tsv", CENTRAL_ENTERPRISES),
            ("data/companies.tsv", COMPANIES),
            ("data/world.tsv", WORLD),
            ("data/organisations.tsv", ORGANISATIONS),
        ] {
            if let Err(e) = lexicon.add_gazetteer(Path::new(path), text) {
                panic!("the bundled {path} is well-formed (checked by a test): {e}");
            }
        }
        let first_column = |text| {
            lines(text)
                .skip(1)
                .filter_map(|(_, l)| l.split('\t').next())
        };
        // A central enterprise's short names count at word boundaries only (其中|石油
        // holds no 中石油); its registered name anywhere.
        let short_names = lines(CENTRAL_ENTERPRISES)
            .skip(1)
            .filter_map(|(_, l)| l.split('\t').nth(2))
            .flat_map(|aliases| aliases.split('|'))
            .filter(|a| !a.is_empty());
        lexicon.bounded = first_column(COMPANIES)
            .chain(short_names)
            .chain(
                first_column(FEATURES)
                    .chain(first_column(WORLD))
                    .filter(|name| name.chars().count() == 2),
            )
            .map(str::to_owned)
            .collect();
        lexicon.add_divisions();
        lexicon.add_regional_shorts();
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
                    brand: flags.split(',').any(|f| f.trim() == "brand"),
                    field: flags.split(',').any(|f| f.trim() == "field"),
                    own: flags.split(',').any(|f| f.trim() == "own"),
                }
            })
            .collect();
        // Classifiers marked `arabic` count only after Arabic digits: in Chinese
        // numerals they make words (一起, 两头, 三部委); units marked `chinese` only
        // after Chinese numerals (15日 is a date).
        let mut arabic_only = Vec::new();
        let mut chinese_only = Vec::new();
        let mut units: Vec<(String, String)> = lines(UNITS)
            .map(|(_, l)| {
                let mut parts = l.split('\t');
                let written = parts.next().unwrap_or("").trim().to_owned();
                let normal = parts
                    .next()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map_or_else(|| written.clone(), str::to_owned);
                match parts.next().map(str::trim) {
                    Some("arabic") => arabic_only.push(written.clone()),
                    Some("chinese") => chinese_only.push(written.clone()),
                    _ => {}
                }
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
                suffix: cols[0].to_owned(),
                kind,
                facility,
                start: match cols[2] {
                    "place" => NameStart::Place,
                    "exact" => NameStart::Exact,
                    "either" => NameStart::Either,
                    "named" => NameStart::Named,
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
        let arabic_units: Vec<(String, String)> = units
            .iter()
            .filter(|(w, _)| !chinese_only.contains(w))
            .cloned()
            .collect();
        let quantity_re = super::quantity::pattern(&arabic_units);
        let chinese_units: Vec<(String, String)> = units
            .iter()
            .filter(|(w, _)| !arabic_only.contains(w))
            .cloned()
            .collect();
        let chinese_quantity_re = super::quantity::chinese_pattern(&chinese_units);
        let magnitude_re = super::quantity::magnitude_pattern(&arabic_units);
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
            townships: Townships::default(),
            bounded: HashSet::new(),
            yielding: HashSet::new(),
            generic_districts: HashMap::new(),
            regional_shorts: Vec::new(),
            regional_short_automaton: build(std::iter::empty::<&str>()),
            city_initials: Default::default(),
            direct_initials: Default::default(),
            shared_initials: Default::default(),
            organ_index: HashMap::new(),
            organ_forms: Vec::new(),
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
            verbs: pairs(VERBS),
            common_words: pairs(COMMON_WORDS),
            word_frequencies: segmentation::WordFrequencies::parse(segmentation::WORD_FREQUENCIES),
            name_words: pairs(NAME_WORDS),
            place_words: words(PLACE_WORDS).into_iter().collect(),
            opening_words: pairs(OPENING_WORDS),
            work_heads: plain_words(WORK_HEADS),
            work_title_ends: column_words(WORK_HEADS, "end"),
            company_list_heads: column_words(COMPANY_LIST_WORDS, "head"),
            company_list_generic_heads: column_words(COMPANY_LIST_WORDS, "generic"),
            company_list_ranks: column_words(COMPANY_LIST_WORDS, "rank"),
            indicator_verbs: words(INDICATOR_VERBS),
            event_heads: plain_words(EVENT_HEADS),
            event_short_heads: column_words(EVENT_HEADS, "short"),
            meeting_heads: column_words(EVENT_HEADS, "meeting"),
            event_breaks: words(EVENT_BREAKS),
            name_heads: words(NAME_HEADS),
            stop_chars: lines(STOP_CHARS)
                .flat_map(|(_, l)| l.chars().collect::<Vec<_>>())
                .collect(),
            stop_phrases: words(STOP_PHRASES),
            joined_automaton: AhoCorasick::new(words(JOINED_PHRASES)).expect("plain strings"),
            surnames,
            not_given_name: lines(NOT_GIVEN_NAME)
                .flat_map(|(_, l)| l.chars().collect::<Vec<_>>())
                .collect(),
            plan_suffixes: plain_words(PLAN_SUFFIXES),
            campaign_words: column_words(PLAN_SUFFIXES, "campaign"),
            event_ends: column_words(EVENT_HEADS, "end"),
            not_plan_heads: words(NOT_PLAN_HEADS),
            site_heads: [plain_words(SITE_HEADS), column_words(SITE_HEADS, "plain")].concat(),
            named_site_heads: column_words(SITE_HEADS, "named"),
            units,
            quantity_re,
            chinese_quantity_re,
            magnitude_re,
            not_names: build(words(NOT_NAMES).iter().map(String::as_str)),
            not_name_words: words(NOT_NAMES),
            holidays: build(words(HOLIDAYS).iter().map(String::as_str)),
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
        self.names
            .get(name)
            .map(|refs| &self.entries[refs[0].entry])
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entities.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Leftmost-longest gazetteer matches in `text`: (byte begin, byte end, entry).
    pub(crate) fn find_names<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, usize, &'a Entry)> + 'a {
        // Leftmost-longest, but a name that counts only at word boundaries and is
        // not at one gives way to the names after its first character (自信|江西
        // holds 江西, not the river 信江).
        let mut at = 0;
        std::iter::from_fn(move || {
            loop {
                let m = self
                    .automaton
                    .find(aho_corasick::Input::new(text).range(at..))?;
                let name = &self.name_list[m.pattern().as_usize()];
                let next = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
                if self.bounded.contains(&name.0) && !self.word_bounded(text, m.start(), m.end()) {
                    at = next;
                    continue;
                }
                // A two-character name read across two words far likelier than
                // it is their letters (隆重|庆祝 holds no 重庆).
                if self.splits_two_words(text, m.start(), m.end()) {
                    at = next;
                    continue;
                }
                if self.yielding.contains(&name.0)
                    && !self.word_bounded(text, m.start(), m.end())
                    && self
                        .automaton
                        .find(aho_corasick::Input::new(text).range(next..))
                        .is_some_and(|after| after.start() < m.end())
                {
                    at = next;
                    continue;
                }
                at = m.end();
                return Some((m.start(), m.end(), &self.entries[name.1]));
            }
        })
    }

    /// Whether the two-character name at bytes `start..end` of `text` is the letters
    /// of a word before and a word after, far likelier than it (隆重|庆祝).
    fn splits_two_words(&self, text: &str, start: usize, end: usize) -> bool {
        match (
            text[..start].chars().next_back(),
            text[end..].chars().next(),
        ) {
            (Some(before), Some(after)) => {
                self.word_frequencies
                    .splits(before, &text[start..end], after)
            }
            _ => false,
        }
    }

    /// Whether the name at bytes `start..end` of `text` shares no character with a
    /// common word on either side (创新|和成|果) and follows no numeral.
    pub(crate) fn word_bounded(&self, text: &str, start: usize, end: usize) -> bool {
        let name = &text[start..end];
        let (Some(first), Some(last)) = (name.chars().next(), name.chars().next_back()) else {
            return true;
        };
        let before = text[..start].chars().next_back().is_some_and(|p| {
            self.common_words.contains(&[p, first])
                || p.is_ascii_digit()
                || crate::numerals::is_numeral_char(p)
        });
        let after = text[end..]
            .chars()
            .next()
            .is_some_and(|n| self.common_words.contains(&[last, n]));
        !before && !after
    }
}

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

    /// The offices of the central commissions are bodies of their own, named by
    /// their standard short forms (中央编办 is the office, 中央编委 the commission).
    #[test]
    fn central_commissions_and_their_offices_are_apart() {
        let l = Lexicon::bundled();
        for (short, full) in [
            ("中央编办", "中央机构编制委员会办公室"),
            ("中央编委", "中央机构编制委员会"),
            ("中央财办", "中央财经委员会办公室"),
            ("中央外办", "中央外事工作委员会办公室"),
            ("中央金融委", "中央金融委员会"),
        ] {
            let entry = l.lookup(short).unwrap_or_else(|| panic!("{short}"));
            assert_eq!(
                (entry.label.as_str(), entry.kind),
                (full, EntityKind::Organization)
            );
        }
    }

    /// The listed companies (data/companies.tsv, from adata's stock list) are
    /// organisations, each name of one entity only, and none is a known place.
    #[test]
    fn listed_companies_are_organisations_of_their_own() {
        let l = Lexicon::bundled();
        let companies: Vec<&str> = lines(COMPANIES)
            .skip(1)
            .map(|(_, line)| line.split('\t').next().unwrap())
            .collect();
        assert!(companies.len() > 4000, "{} companies", companies.len());
        for &name in &companies {
            assert!(l.bounded.contains(name), "{name} counts anywhere");
            let refs = &l.names[name];
            assert_eq!(refs.len(), 1, "{name} names several entities");
            let entry = &l.entries[refs[0].entry];
            assert_eq!(
                (entry.label.as_str(), entry.kind),
                (name, EntityKind::Organization)
            );
        }
        // Places and phrases of the text stay out of the list.
        for name in ["会稽山", "日照港", "农产品", "中国建筑", "线上线下"] {
            assert!(!companies.contains(&name), "{name}");
        }
    }

    /// The central enterprises (data/central-enterprises.tsv, SASAC's list) are
    /// organisations, each name of one entity only, found by their registered names
    /// anywhere and by their short names at word boundaries.
    #[test]
    fn central_enterprises_are_organisations_of_their_own() {
        let l = Lexicon::bundled();
        let names = names_of_their_own(&l, CENTRAL_ENTERPRISES, EntityKind::Organization);
        assert!(names.len() >= 100, "{} enterprises", names.len());
        for (short, full) in [
            ("中广核", "中国广核集团有限公司"),
            ("国家电投", "国家电力投资集团有限公司"),
            ("中石油", "中国石油天然气集团有限公司"),
            ("宝武", "中国宝武钢铁集团有限公司"),
        ] {
            assert_eq!(l.lookup(short).unwrap().label, full);
            assert!(l.bounded.contains(short), "{short} counts anywhere");
        }
        // The registered names count anywhere; 中国 and a common word is no name.
        assert!(!l.bounded.contains("中国广核集团有限公司"));
        for description in ["中国石化", "中国黄金", "航空工业"] {
            assert!(l.lookup(description).is_none(), "{description}");
        }
    }

    /// The natural features (data/features.tsv, from jieba's dictionary) are places,
    /// each name of one entity only: none is also a division's or the gazetteer's.
    #[test]
    fn natural_features_are_places_of_their_own() {
        let l = Lexicon::bundled();
        let mut count = 0;
        for (_, line) in lines(FEATURES).skip(1) {
            let name = line.split('\t').next().unwrap();
            let refs = &l.names[name];
            assert_eq!(refs.len(), 1, "{name} names several entities");
            let entry = &l.entries[refs[0].entry];
            assert_eq!(
                (entry.label.as_str(), entry.kind),
                (name, EntityKind::Place)
            );
            count += 1;
        }
        assert!(count > 400, "{count} features");
        for name in [
            "塔里木河",
            "白洋淀",
            "塔克拉玛干沙漠",
            "河西走廊",
            "大别山",
            "柴达木盆地",
        ] {
            assert_eq!(
                l.lookup(name).map(|e| e.kind),
                Some(EntityKind::Place),
                "{name}"
            );
        }
        // Idioms, people and kinds of feature that jieba tags as places are left out.
        for word in ["人山人海", "半壁江山", "钟南山", "咸水湖", "南运河"] {
            assert!(l.lookup(word).is_none(), "{word}");
        }
    }

    /// The labels of a generated name list in the gazetteer's format, each the name
    /// of one entity only, of that label and `kind`.
    fn names_of_their_own<'a>(l: &Lexicon, file: &'a str, kind: EntityKind) -> Vec<&'a str> {
        let names: Vec<&str> = lines(file)
            .skip(1)
            .map(|(_, line)| line.split('\t').next().unwrap())
            .collect();
        for &name in &names {
            let refs = &l.names[name];
            assert_eq!(refs.len(), 1, "{name} names several entities");
            let entry = &l.entries[refs[0].entry];
            assert_eq!((entry.label.as_str(), entry.kind), (name, kind));
        }
        names
    }

    /// The countries and world regions of data/world.tsv (from CLDR by babel) are
    /// places, each name of one entity only; France is one entity by its short and
    /// its official name.
    #[test]
    fn countries_and_world_regions_are_places_of_their_own() {
        let l = Lexicon::bundled();
        let names = names_of_their_own(&l, WORLD, EntityKind::Place);
        assert!(names.len() > 150, "{} places", names.len());
        for &name in &names {
            assert_eq!(
                l.bounded.contains(name),
                name.chars().count() == 2,
                "{name}"
            );
        }
        for name in ["巴拿马", "北欧", "西非", "乌拉圭", "巴林"] {
            assert!(names.contains(&name), "{name}");
        }
        assert_eq!(l.lookup("法兰西共和国").unwrap().label, "法国");
        // China-Africa, peoples of China and common words stay out.
        for word in ["中非", "朝鲜", "蒙古", "海地", "加纳", "世界"] {
            assert!(!names.contains(&word), "{word}");
        }
    }

    /// The universities, hospitals, companies and banks of data/organisations.tsv
    /// (from jieba's dictionary) are organisations, each name of one entity only;
    /// kinds of body stay out.
    #[test]
    fn jiebas_organisations_are_organisations_of_their_own() {
        let l = Lexicon::bundled();
        let names = names_of_their_own(&l, ORGANISATIONS, EntityKind::Organization);
        assert!(names.len() > 250, "{} organisations", names.len());
        for name in ["清华大学", "同济大学", "协和医院", "海尔集团", "华夏银行"]
        {
            assert!(names.contains(&name), "{name}");
        }
        for kind in [
            "中国大学",
            "农业大学",
            "社会科学院",
            "商业银行",
            "文理学院",
            "信托投资公司",
        ] {
            assert!(!names.contains(&kind), "{kind}");
        }
    }

    /// The place words of data/rules/place-words.tsv (jieba's ns words) are names
    /// no other list knows, and no frequent word jieba tags ns.
    #[test]
    fn place_words_are_unknown_names_only() {
        let l = Lexicon::bundled();
        assert!(l.place_words.len() > 10_000, "{}", l.place_words.len());
        for word in &l.place_words {
            assert!(l.lookup(word).is_none(), "{word} is known");
        }
        for name in ["漕河泾", "临港", "中关村"] {
            assert!(l.place_words.contains(name), "{name}");
        }
        for word in ["城市", "美丽", "上市", "山区", "北京", "法国"] {
            assert!(!l.place_words.contains(word), "{word}");
        }
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
