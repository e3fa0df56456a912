//! China's administrative divisions (GB/T 2260 codes and their hierarchy), from
//! `data/divisions.tsv`, which `scripts/gen-divisions` generates from a registry's
//! data package (its header names the package, version and licence).
//!
//! A leaf module: extraction uses it to recognise and resolve place names and to
//! find a document's region; the RDF mapping uses it to describe a place and the
//! places that contain it. It knows nothing of documents.

use std::collections::HashMap;
use std::sync::LazyLock;

const TABLE: &str = include_str!("../data/divisions.tsv");

/// How high a division stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// 省, 自治区, 直辖市.
    Province,
    /// 地级市, 自治州, 地区, 盟.
    Prefecture,
    /// 县, 县级市, 市辖区, 旗.
    County,
    /// 乡, 镇, 街道.
    Township,
}

/// One division.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division {
    /// Its GB/T 2260 code (6 digits; townships longer).
    pub code: String,
    /// Its full official name: 江苏省, 苏州市, 昆山市.
    pub name: String,
    /// Index of the division that contains it.
    pub parent: Option<usize>,
    /// Its level.
    pub level: Level,
    /// Short names it is written by (江苏, 苏州, 昆山).
    pub short: Vec<String>,
}

impl Division {
    /// The word its kind of division is named with, as short forms of organs use
    /// it (省委, 市委, 自治区党委, 州委, 县委, 区委): 省, 自治区, 市, 州, 县, 区, 旗, 盟.
    pub fn kind_word(&self) -> &'static str {
        let n = self.name.as_str();
        if n.ends_with("自治区") && self.level == Level::Province {
            "自治区"
        } else if n.ends_with('省') {
            "省"
        } else if n.ends_with('市') {
            "市"
        } else if n.ends_with("自治州") {
            "州"
        } else if n.ends_with('县') {
            "县"
        } else if n.ends_with('区') {
            "区"
        } else if n.ends_with('旗') {
            "旗"
        } else if n.ends_with('盟') {
            "盟"
        } else {
            ""
        }
    }
}

/// The whole table, with indexes by code and by name.
#[derive(Debug)]
pub struct Divisions {
    all: Vec<Division>,
    by_code: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    by_short: HashMap<String, Vec<usize>>,
}

/// The bundled table.
pub fn bundled() -> &'static Divisions {
    static BUNDLED: LazyLock<Divisions> = LazyLock::new(|| Divisions::parse(TABLE));
    &BUNDLED
}

impl Divisions {
    /// Reads the table's format: `code  name  parent  level  short`, tab-separated,
    /// `#` comments and one header line. Rows whose parent is unknown keep none.
    fn parse(text: &str) -> Self {
        let mut rows: Vec<(Division, String)> = Vec::new();
        for line in text.lines() {
            let line = line.trim_end_matches('\r');
            if line.is_empty() || line.starts_with('#') || line.starts_with("code\t") {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let level = match cols.get(3).copied() {
                Some("province") => Level::Province,
                Some("prefecture") => Level::Prefecture,
                Some("county") => Level::County,
                Some("township") => Level::Township,
                _ => continue,
            };
            let short = cols
                .get(4)
                .map(|s| {
                    s.split('|')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default();
            rows.push((
                Division {
                    code: cols[0].trim().to_owned(),
                    name: cols[1].trim().to_owned(),
                    parent: None,
                    level,
                    short,
                },
                cols.get(2).map_or(String::new(), |p| p.trim().to_owned()),
            ));
        }
        let by_code: HashMap<String, usize> = rows
            .iter()
            .enumerate()
            .map(|(i, (d, _))| (d.code.clone(), i))
            .collect();
        let all: Vec<Division> = rows
            .into_iter()
            .map(|(mut d, parent)| {
                d.parent = by_code.get(&parent).copied();
                d
            })
            .collect();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_short: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, d) in all.iter().enumerate() {
            by_name.entry(d.name.clone()).or_default().push(i);
            for s in &d.short {
                by_short.entry(s.clone()).or_default().push(i);
            }
        }
        Self {
            all,
            by_code,
            by_name,
            by_short,
        }
    }

    /// Every division, in code order.
    pub fn all(&self) -> &[Division] {
        &self.all
    }

    /// The division at an index.
    pub fn get(&self, index: usize) -> &Division {
        &self.all[index]
    }

    /// The division with a code.
    ///
    /// ```
    /// let d = policykg::divisions::bundled();
    /// assert_eq!(d.by_code("320000").unwrap().name, "江苏省");
    /// ```
    pub fn by_code(&self, code: &str) -> Option<&Division> {
        self.by_code.get(code).map(|&i| &self.all[i])
    }

    /// The index of the division with a code.
    pub fn index_of(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }

    /// Divisions with this full name (朝阳区 names two).
    pub fn named(&self, name: &str) -> &[usize] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// Divisions with this short name.
    pub fn short_named(&self, name: &str) -> &[usize] {
        self.by_short.get(name).map_or(&[], Vec::as_slice)
    }

    /// The division and those containing it, innermost first.
    pub fn chain(&self, index: usize) -> impl Iterator<Item = &Division> + '_ {
        std::iter::successors(Some(index), move |&i| self.all[i].parent).map(|i| &self.all[i])
    }

    /// True when division `inner` is `outer` or lies inside it.
    pub fn within(&self, inner: usize, outer: usize) -> bool {
        std::iter::successors(Some(inner), |&i| self.all[i].parent).any(|i| i == outer)
    }

    /// The province a division lies in.
    pub fn province_of(&self, index: usize) -> usize {
        std::iter::successors(Some(index), |&i| self.all[i].parent)
            .last()
            .unwrap_or(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_whole_and_its_hierarchy_sound() {
        let d = bundled();
        let count = |level| d.all().iter().filter(|x| x.level == level).count();
        assert_eq!(count(Level::Province), 34, "31 provinces + 港澳台");
        assert!(
            count(Level::Prefecture) > 320,
            "{}",
            count(Level::Prefecture)
        );
        assert!(count(Level::County) > 2800, "{}", count(Level::County));
        assert!(count(Level::Township) > 38000, "{}", count(Level::Township));
        for (i, x) in d.all().iter().enumerate() {
            if x.level == Level::Province {
                assert!(x.parent.is_none(), "{}", x.name);
            } else {
                let p = x
                    .parent
                    .unwrap_or_else(|| panic!("{} has no parent", x.code));
                assert!(
                    d.get(p).level < x.level,
                    "{} under {}",
                    x.name,
                    d.get(p).name
                );
                assert!(d.within(i, d.province_of(i)));
            }
        }
        let kunshan = d.named("昆山市")[0];
        let names: Vec<&str> = d.chain(kunshan).map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["昆山市", "苏州市", "江苏省"]);
        assert_eq!(d.get(kunshan).short, ["昆山"]);
        assert_eq!(d.by_code("450000").unwrap().short, ["广西"]);
        assert_eq!(d.by_code("320000").unwrap().kind_word(), "省");
        assert_eq!(d.by_code("450000").unwrap().kind_word(), "自治区");
        assert_eq!(d.by_code("310000").unwrap().kind_word(), "市");
    }
}
