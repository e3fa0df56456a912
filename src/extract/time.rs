//! Time expressions and their normalised values.
//!
//! Normalisation: a year (1984年, 一九八四年) → `1984` as `xsd:gYear`; a month
//! (2026年2月) → `2026-02` as `xsd:gYearMonth`; a day (2026年2月3日) → `2026-02-03` as
//! `xsd:date`; a decade (20世纪50年代, 50年代) → the EDTF/ISO 8601-2 form `195X` with the
//! interval 1950–1959; a century (20世纪) → `19XX`, 1900–1999; a five-year-plan
//! period (“十四五”时期) → the EDTF interval `2021/2025`.

use crate::numerals;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// The XSD datatype a normalised time value is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimeType {
    /// xsd:gYear.
    Year,
    /// xsd:gYearMonth.
    YearMonth,
    /// xsd:date.
    Date,
    /// An EDTF string (decades `195X`, centuries `19XX`, intervals `2021/2025`).
    Edtf,
}

/// A normalised time: its value and the interval of years or days it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimeValue {
    /// `1984`, `2026-02`, `2026-02-03`, `195X`, `19XX`, `2021/2025`.
    pub value: String,
    /// How to type `value`.
    pub datatype: TimeType,
    /// First year (`1950`) or day (`2026-02-03`) covered.
    pub start: String,
    /// Last year or day covered.
    pub end: String,
}

impl TimeValue {
    fn year(y: u64) -> Self {
        Self {
            value: format!("{y:04}"),
            datatype: TimeType::Year,
            start: format!("{y:04}"),
            end: format!("{y:04}"),
        }
    }

    /// A canonical Chinese label derived from the value alone, so one value has one label.
    ///
    /// ```
    /// use policykg::extract::{TimeType, TimeValue};
    /// let fifties = TimeValue {
    ///     value: "195X".into(),
    ///     datatype: TimeType::Edtf,
    ///     start: "1950".into(),
    ///     end: "1959".into(),
    /// };
    /// assert_eq!(fifties.label(), "20世纪50年代");
    /// ```
    pub fn label(&self) -> String {
        match self.datatype {
            TimeType::Year => format!("{}年", self.value.trim_start_matches('0')),
            TimeType::YearMonth => {
                let (y, m) = self.value.split_once('-').unwrap_or((&self.value, "1"));
                format!("{}年{}月", y, m.trim_start_matches('0'))
            }
            TimeType::Date => {
                let parts: Vec<&str> = self.value.split('-').collect();
                format!(
                    "{}年{}月{}日",
                    parts[0],
                    parts.get(1).unwrap_or(&"1").trim_start_matches('0'),
                    parts.get(2).unwrap_or(&"1").trim_start_matches('0')
                )
            }
            TimeType::Edtf => {
                if let Some((a, b)) = self.value.split_once('/') {
                    format!("{a}—{b}年")
                } else if let Some(decade) =
                    self.value.strip_suffix('X').filter(|d| !d.ends_with('X'))
                {
                    let n: u64 = decade.parse().unwrap_or(0);
                    format!("{}世纪{}0年代", n / 10 + 1, n % 10)
                } else {
                    let century: u64 = self.value.trim_end_matches('X').parse().unwrap_or(0);
                    format!("{}世纪", century + 1)
                }
            }
        }
    }
}

const CN_DIGITS: &str = "〇零一二三四五六七八九";
const CN_SMALL: &str = "一二三四五六七八九十";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"([0-9]{{4}}|[0-9０-９]{{4}}|[{CN_DIGITS}]{{4}})年(?:([0-9]{{1,2}}|[{CN_SMALL}]{{1,3}})月(?:([0-9]{{1,2}}|[{CN_SMALL}]{{1,3}})日)?)?"
    ))
    .unwrap()
});
static DECADE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:([0-9]{{1,2}}|[{CN_SMALL}]{{1,3}})世纪)?(?:([1-9]0|[一二三四五六七八九]十)年代)|([0-9]{{1,2}}|[{CN_SMALL}]{{1,3}})世纪"
    ))
    .unwrap()
});
static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([12][0-9]{3})-([01][0-9])-([0-3][0-9])\b").unwrap());
static PLAN_PERIOD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"“([一二三四五六七八九十]{1,3}五)”(?:时期|期间|以来)?").unwrap());

static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:当年|次年|上年|同年|翌年)[0-9]{{1,2}}月(?:[0-9]{{1,2}}日)?|今年|去年|明年|前年|后年|上一年度|上一年|上年度|本年度|上年|一年来|过去的?一年|(?:过去的?|近|这)([{CN_SMALL}两]{{1,2}}|[0-9]{{1,2}})年|([{CN_SMALL}两]{{1,2}}|[0-9]{{1,2}})年(?:来|间)|的([{CN_SMALL}两]{{1,2}})年[。！；]"
    ))
    .unwrap()
});

/// Parts of a year: halves and quarters (上半年, 三季度, 第一季度, 前三季度, a list
/// of them: 一、二季度) and its start and end (年初, 年末, 年底), with the year
/// before them when one is written (2025年末, 今年上半年).
static PART_OF_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:[0-9]{4}年|今年|去年|明年|上年)?",
        r"(?:上半年|下半年|前三季度|(?:第?[一二三四]、)*第?[一二三四]季度)",
        r"|(?:[0-9]{4}|今|去|明)?年(?:初|末|底)",
    ))
    .expect("a valid pattern")
});

/// Relative time expressions (今年, 去年, 一年来, 过去五年, 五年来): (byte begin, byte
/// end, value). The value is resolved against `anchor`, the year the document was
/// written (a 2026 report's 过去五年 is 2021–2025), and is `None` without one.
pub(crate) fn find_relative(
    text: &str,
    anchor: Option<u64>,
    legal: bool,
) -> Vec<(usize, usize, Option<TimeValue>)> {
    let mut out = Vec::new();
    for c in RELATIVE.captures_iter(text) {
        let all = c.get(0).unwrap();
        // 十年来 inside 二十年来 is caught whole by the regex; a digit before means a
        // longer number (120年来), which is not a relative time. 以上年龄 holds
        // no 上年.
        let before = text[..all.start()].chars().next_back();
        if before.is_some_and(|ch| ch.is_ascii_digit() || numerals::is_numeral_char(ch))
            || all.as_str().starts_with('上') && before == Some('以')
        {
            continue;
        }
        // 感恩奋进的五年。, 很不平凡的一年。: the span is the years alone, a
        // period the text looks back on, like 五年来.
        // In a law, …的十年。 is a term of validity, not a period looked back on.
        if legal && c.get(3).is_some() {
            continue;
        }
        let (begin, end) = match c.get(3) {
            Some(years) => (years.start(), years.end() + '年'.len_utf8()),
            None => (all.start(), all.end()),
        };
        let span_years = c
            .get(1)
            .or(c.get(2))
            .or(c.get(3))
            .and_then(|m| numerals::parse(m.as_str()));
        // A law's 上一年度 is the year before the one it is applied in, not before
        // the law's own year.
        let anchor = anchor.filter(|_| !(legal && all.as_str().contains("年度")));
        let value = anchor.and_then(|y| {
            let (from, to) = match all.as_str() {
                "今年" | "本年度" => (y, y),
                "去年" | "上年" | "上一年" | "上一年度" | "上年度" | "一年来" | "过去一年"
                | "过去的一年" => (y - 1, y - 1),
                "明年" => (y + 1, y + 1),
                "前年" => (y - 2, y - 2),
                "后年" => (y + 2, y + 2),
                // 当年7月1日: a day in a year the text names elsewhere.
                s if s.contains('月') => return None,
                _ => {
                    let n = span_years.filter(|n| (1..=100).contains(n))?;
                    (y - n, y - 1)
                }
            };
            Some(if from == to {
                TimeValue::year(from)
            } else {
                TimeValue {
                    value: format!("{from:04}/{to:04}"),
                    datatype: TimeType::Edtf,
                    start: format!("{from:04}"),
                    end: format!("{to:04}"),
                }
            })
        });
        out.push((begin, end, value));
    }
    out
}

/// Parts of a year (上半年, 三季度, 一、二季度, 年末, 2025年末): (byte begin, byte
/// end). Not inside a longer number or word: 十年末 is the end of ten years,
/// 年初步 the start of 初步, and 第一季度 after a numeral is no quarter.
pub(crate) fn find_parts_of_years(text: &str) -> Vec<(usize, usize)> {
    PART_OF_YEAR
        .find_iter(text)
        .filter(|m| {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            let in_a_number =
                before.is_some_and(|ch| ch.is_ascii_digit() || numerals::is_numeral_char(ch));
            let in_a_word = m.as_str().ends_with('初')
                && after.is_some_and(|ch| "步期心级始衷次中等".contains(ch));
            !(in_a_number || in_a_word)
        })
        .map(|m| (m.start(), m.end()))
        .collect()
}

/// A time of day (夜间十点, 次日早上六点, 二十三时): an optional day (次日) and part
/// of the day (晚上, 夜间), an hour and its minutes.
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<day>(?:次日|当日|当天|翌日)?(?:凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜间|夜里|晚|晨|早|夜)|次日|翌日)?",
        r"(?P<hour>[0-9]{1,2}|[零〇一二两三四五六七八九十]{1,3})(?P<unit>时|点)",
        r"(?:(?:[0-9]{1,2}|[零〇一二三四五六七八九十]{1,3})分)?",
    ))
    .expect("a valid pattern")
});

/// A date of the lunar calendar (农历九月初九, 农历除夕), or a month and day of a
/// year named relative to another (翌年四月三十日).
static LUNAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:农历|(?:次年|当年|翌年))(?:除夕|(?:正|腊|冬|[一二三四五六七八九十]{1,2})月",
        r"(?:(?:初[一二三四五六七八九十]|廿[一二三四五六七八九]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日?)?)",
    ))
    .expect("a valid pattern")
});

/// Times of day and lunar dates (ANNOTATION.md's dates, as laws write them: 在
/// 夜间十点至次日早上六点之间, 农历九月初九): (byte begin,
/// byte end). An hour counts with a part of the day before it (夜间十点) or in a
/// range with another hour (二十二时至六时); alone, 三点 is as often "three points".
pub(crate) fn find_times_of_day(text: &str) -> Vec<(usize, usize)> {
    struct Hour {
        begin: usize,
        end: usize,
        marked: bool,
    }
    let mut hours: Vec<Hour> = Vec::new();
    for c in CLOCK.captures_iter(text) {
        let hour = c.name("hour").unwrap();
        let all = c.get(0).unwrap();
        let before = text[..all.start()].chars().next_back();
        let after = text[all.end()..].chars().next();
        // Part of a longer number or word (同时 has no numeral; 一时间, 两点一线,
        // 12时期 are no times of day).
        if before
            .is_some_and(|ch| ch.is_ascii_digit() || numerals::is_numeral_char(ch) || ch == '第')
            || after.is_some_and(|ch| {
                matches!(
                    ch,
                    '期' | '代' | '候' | '间' | '刻' | '段' | '节' | '许' | '一'
                )
            })
        {
            continue;
        }
        let value = if hour.as_str().chars().all(|ch| ch.is_ascii_digit()) {
            hour.as_str().parse().ok()
        } else {
            numerals::parse(hour.as_str())
        };
        if value.is_none_or(|v| v > 24) {
            continue;
        }
        hours.push(Hour {
            begin: all.start(),
            end: all.end(),
            marked: c.name("day").is_some(),
        });
    }
    // Hours joined by 至 (or a dash) are a range of times of day, each a time.
    let joined = |a: &Hour, b: &Hour| {
        matches!(
            &text[a.end..b.begin],
            "至" | "到" | "-" | "－" | "—" | "～" | "~"
        )
    };
    let mut keep: Vec<bool> = hours.iter().map(|h| h.marked).collect();
    for i in 1..hours.len() {
        if joined(&hours[i - 1], &hours[i]) {
            keep[i - 1] = true;
            keep[i] = true;
        }
    }
    let mut out: Vec<(usize, usize)> = hours
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(h, _)| (h.begin, h.end))
        .collect();
    out.extend(LUNAR.find_iter(text).map(|m| (m.start(), m.end())));
    out
}

/// Time expressions in `text`: (byte begin, byte end, value).
pub(crate) fn find(text: &str) -> Vec<(usize, usize, TimeValue)> {
    let mut out = Vec::new();
    for c in DATE.captures_iter(text) {
        let all = c.get(0).unwrap();
        // 12025年 is not a year; nor is the tail of a longer number.
        if text[..all.start()]
            .chars()
            .next_back()
            .is_some_and(|ch| ch.is_ascii_digit())
        {
            continue;
        }
        let Some(year) = numerals::parse(&c[1]) else {
            continue;
        };
        let month = c
            .get(2)
            .and_then(|m| numerals::parse(m.as_str()))
            .filter(|m| (1..=12).contains(m));
        let day = c
            .get(3)
            .and_then(|d| numerals::parse(d.as_str()))
            .filter(|d| (1..=31).contains(d));
        let (end, value) = match (month, day) {
            (Some(m), Some(d)) => {
                let v = format!("{year:04}-{m:02}-{d:02}");
                (
                    all.end(),
                    TimeValue {
                        value: v.clone(),
                        datatype: TimeType::Date,
                        start: v.clone(),
                        end: v,
                    },
                )
            }
            (Some(m), None) => {
                let month_end = c.get(2).unwrap().end() + '月'.len_utf8();
                let v = format!("{year:04}-{m:02}");
                let last = days_in_month(year, m);
                (
                    month_end,
                    TimeValue {
                        value: v.clone(),
                        datatype: TimeType::YearMonth,
                        start: format!("{v}-01"),
                        end: format!("{v}-{last:02}"),
                    },
                )
            }
            _ => (
                c.get(1).unwrap().end() + '年'.len_utf8(),
                TimeValue::year(year),
            ),
        };
        out.push((all.start(), end, value));
    }
    for c in DECADE.captures_iter(text) {
        let all = c.get(0).unwrap();
        if text[..all.start()]
            .chars()
            .next_back()
            .is_some_and(|ch| ch.is_ascii_digit())
        {
            continue;
        }
        let value = if let Some(century) = c.get(3) {
            let Some(n) = numerals::parse(century.as_str()).filter(|n| (1..=30).contains(n)) else {
                continue;
            };
            let hundreds = n - 1;
            TimeValue {
                value: format!("{hundreds:02}XX"),
                datatype: TimeType::Edtf,
                start: format!("{:04}", hundreds * 100),
                end: format!("{:04}", hundreds * 100 + 99),
            }
        } else {
            // Without a century, 50年代 means the 1950s.
            let century = c.get(1).map_or(Some(20), |m| numerals::parse(m.as_str()));
            // 零世纪, 九百年代: not a decade of a century.
            let (Some(century), Some(decade)) = (
                century.filter(|n| (1..=30).contains(n)),
                c.get(2)
                    .and_then(|m| numerals::parse(m.as_str()))
                    .filter(|d| *d < 100),
            ) else {
                continue;
            };
            let first = (century - 1) * 100 + decade;
            TimeValue {
                value: format!("{:03}X", first / 10),
                datatype: TimeType::Edtf,
                start: format!("{first:04}"),
                end: format!("{:04}", first + 9),
            }
        };
        out.push((all.start(), all.end(), value));
    }
    for c in ISO_DATE.captures_iter(text) {
        let all = c.get(0).unwrap();
        let (Ok(m), Ok(d)) = (c[2].parse::<u64>(), c[3].parse::<u64>()) else {
            continue;
        };
        if (1..=12).contains(&m) && (1..=31).contains(&d) {
            let v = format!("{}-{m:02}-{d:02}", &c[1]);
            out.push((
                all.start(),
                all.end(),
                TimeValue {
                    value: v.clone(),
                    datatype: TimeType::Date,
                    start: v.clone(),
                    end: v,
                },
            ));
        }
    }
    for c in PLAN_PERIOD.captures_iter(text) {
        let all = c.get(0).unwrap();
        let ordinal = c[1].strip_suffix('五').and_then(numerals::parse);
        let Some(n) = ordinal.filter(|n| (1..=30).contains(n)) else {
            continue;
        };
        let start = match n {
            1 => 1953,
            2 => 1958,
            _ => 1966 + 5 * (n - 3),
        };
        out.push((
            all.start(),
            all.end(),
            TimeValue {
                value: format!("{start}/{}", start + 4),
                datatype: TimeType::Edtf,
                start: format!("{start}"),
                end: format!("{}", start + 4),
            },
        ));
    }
    out
}

fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> (String, TimeValue) {
        let found = find(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let (b, e, v) = found.into_iter().next().unwrap();
        (text[b..e].to_owned(), v)
    }

    #[test]
    fn years_months_days() {
        let (s, v) = one("1984年成立了");
        assert_eq!(
            (s.as_str(), v.value.as_str(), v.datatype),
            ("1984年", "1984", TimeType::Year)
        );
        let (s, v) = one("——2026年2月3日在上海");
        assert_eq!(
            (s.as_str(), v.value.as_str(), v.datatype),
            ("2026年2月3日", "2026-02-03", TimeType::Date)
        );
        let (_, v) = one("二〇二五年十二月");
        assert_eq!(
            (v.value.as_str(), v.end.as_str()),
            ("2025-12", "2025-12-31")
        );
        assert_eq!(v.label(), "2025年12月");
    }

    #[test]
    fn decades_centuries_and_plan_periods() {
        let (s, v) = one("20世纪50年代，中国工会");
        assert_eq!(s, "20世纪50年代");
        assert_eq!(
            (v.value.as_str(), v.start.as_str(), v.end.as_str()),
            ("195X", "1950", "1959")
        );
        assert_eq!(v.label(), "20世纪50年代");
        let (_, v) = one("上世纪八十年代");
        assert_eq!(v.value, "198X");
        let (_, v) = one("二十一世纪");
        assert_eq!((v.value.as_str(), v.start.as_str()), ("20XX", "2000"));
        assert_eq!(v.label(), "21世纪");
        let (s, v) = one("“十四五”时期");
        assert_eq!(
            (s.as_str(), v.value.as_str()),
            ("“十四五”时期", "2021/2025")
        );
        let (_, v) = one("“十五五”期间");
        assert_eq!(v.value, "2026/2030");
        // 末 and 初 say a point of the period, outside its name (ANNOTATION.md
        // annotates “十三五” in “十三五”末).
        let (s, _) = one("较“十三五”末净增");
        assert_eq!(s, "“十三五”");
    }

    #[test]
    fn parts_of_years_and_the_year_before() {
        let text = "比上年增长，上一年度工资，本年度任务，过去的一年，上半年，今年上半年，\
                    一、二季度，第四季度，前三季度，2025年末，年底前，年初步入，十年末，\
                    六十周岁以上年龄";
        let mut found: Vec<(usize, String, Option<String>)> =
            find_relative(text, Some(2026), false)
                .into_iter()
                .map(|(b, e, v)| (b, text[b..e].to_owned(), v.map(|v| v.value)))
                .chain(
                    find_parts_of_years(text)
                        .into_iter()
                        .map(|(b, e)| (b, text[b..e].to_owned(), None)),
                )
                .collect();
        found.sort();
        let spans: Vec<(&str, Option<&str>)> = found
            .iter()
            .map(|(_, s, v)| (s.as_str(), v.as_deref()))
            .collect();
        assert_eq!(
            spans,
            [
                ("上年", Some("2025")),
                ("上一年度", Some("2025")),
                ("本年度", Some("2026")),
                ("过去的一年", Some("2025")),
                ("上半年", None),
                ("今年", Some("2026")),
                ("今年上半年", None),
                ("一、二季度", None),
                ("第四季度", None),
                ("前三季度", None),
                ("2025年末", None),
                ("年底", None),
            ]
        );
        // In a law, the year before is the one before the law is applied.
        assert_eq!(find_relative("上一年度", Some(2020), true)[0].2, None);
    }

    #[test]
    fn relative_times_resolve_against_the_document_year() {
        let found: Vec<(String, Option<String>)> =
            find_relative("一年来，过去五年，今年，去年，二十年来", Some(2026), false)
                .into_iter()
                .map(|(b, e, v)| {
                    let text = "一年来，过去五年，今年，去年，二十年来";
                    (text[b..e].to_owned(), v.map(|v| v.value))
                })
                .collect();
        let s = |a: &str, v: &str| (a.to_owned(), Some(v.to_owned()));
        assert_eq!(
            found,
            vec![
                s("一年来", "2025"),
                s("过去五年", "2021/2025"),
                s("今年", "2026"),
                s("去年", "2025"),
                s("二十年来", "2006/2025")
            ]
        );
        assert_eq!(find_relative("今年", None, false)[0].2, None);
        // A period the text looks back on (天津's, 重庆's and 青海's reports):
        // the years alone, resolved like 五年来; not a duration inside a clause.
        let text = "是感恩奋进的五年。五年间，极不平凡的一年！建设五年的项目";
        let found: Vec<(String, Option<String>)> = find_relative(text, Some(2026), false)
            .into_iter()
            .map(|(b, e, v)| (text[b..e].to_owned(), v.map(|v| v.value)))
            .collect();
        assert_eq!(
            found,
            vec![
                s("五年", "2021/2025"),
                s("五年间", "2021/2025"),
                s("一年", "2025")
            ]
        );
        assert_eq!(
            find_relative("有效期为十六周岁以上的十年。", Some(2026), true),
            vec![]
        );
    }

    #[test]
    fn times_of_day_and_lunar_dates() {
        let found = |text: &str| -> Vec<String> {
            find_times_of_day(text)
                .into_iter()
                .map(|(b, e)| text[b..e].to_owned())
                .collect()
        };
        assert_eq!(
            found("在夜间十点至次日早上六点之间"),
            ["夜间十点", "次日早上六点"]
        );
        assert_eq!(found("每日二十三时至次日七时"), ["二十三时", "次日七时"]);
        assert_eq!(found("工作日11时至13时"), ["11时", "13时"]);
        assert_eq!(
            found("农历九月初九为老年节，翌年四月三十日前"),
            ["农历九月初九", "翌年四月三十日"]
        );
        // An hour alone, a numeral in a word, a period: no time of day.
        assert!(found("提出三点建议，同时一时间难以，12时期，第3时").is_empty());
    }

    #[test]
    fn not_times() {
        assert!(find("12025年").is_empty());
        assert!(find("200多年的发展").is_empty());
    }
}
