//! Quantities: a number, an optional Chinese scale (万, 亿, 万亿) and a unit from
//! `data/rules/units.tsv`, normalised to an exact decimal and the unit.
//! 5.67万亿元 → 5670000000000 元; 增长5.4% → 5.4 %; 4.5%左右 → 4.5 %, approximate.

use super::Lexicon;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// A quantity's normalised value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuantityValue {
    /// Exact decimal, no exponent, no trailing zeros after the point: `5670000000000`, `5.4`.
    pub value: String,
    /// The normalised unit: 元, %, 个百分点, 座 ….
    pub unit: String,
    /// Written with 左右, 约, 多 or 余.
    pub approximate: bool,
    /// For a range (4.5-5%, 3至5万人), its lower bound, as exact as `value`,
    /// which is then the upper bound.
    pub lower: Option<String>,
}

impl QuantityValue {
    /// A canonical label derived from value and unit: 5.67万亿元, 5.4%, 127座.
    ///
    /// ```
    /// use policykg::extract::QuantityValue;
    /// let q = QuantityValue { value: "5670000000000".into(), unit: "元".into(), approximate: false, lower: None };
    /// assert_eq!(q.label(), "5.67万亿元");
    /// ```
    pub fn label(&self) -> String {
        let (scale, shift) = self.scale();
        match &self.lower {
            Some(lower) => format!(
                "{}-{}{scale}{}",
                shift_decimal(lower, -shift),
                shift_decimal(&self.value, -shift),
                self.unit
            ),
            None => format!("{}{scale}{}", shift_decimal(&self.value, -shift), self.unit),
        }
    }

    /// The key of the quantity's entity: value and unit, or both bounds and unit.
    ///
    /// ```
    /// use policykg::extract::QuantityValue;
    /// let q = QuantityValue { value: "5".into(), unit: "%".into(), approximate: false, lower: Some("4.5".into()) };
    /// assert_eq!((q.label(), q.key()), ("4.5-5%".to_owned(), "4.5-5%".to_owned()));
    /// ```
    pub fn key(&self) -> String {
        match &self.lower {
            Some(lower) => format!("{lower}-{}{}", self.value, self.unit),
            None => format!("{}{}", self.value, self.unit),
        }
    }

    /// The scale word a label uses and its power of ten.
    fn scale(&self) -> (&'static str, i32) {
        let (int_part, _) = self.value.split_once('.').unwrap_or((&self.value, ""));
        let digits = int_part.trim_start_matches('-').len();
        let (shift, scale) = if digits > 12 {
            (12, "万亿")
        } else if digits > 8 {
            (8, "亿")
        } else if digits > 4 && self.unit.contains('元') {
            (4, "万")
        } else {
            (0, "")
        };
        (scale, shift)
    }
}

/// The units as alternatives of a pattern, each escaped (longest first, as given).
fn alternatives(units: &[(String, String)]) -> String {
    let escaped: Vec<String> = units.iter().map(|(w, _)| regex::escape(w)).collect();
    escaped.join("|")
}

/// Builds the quantity pattern for the lexicon's units, longest unit first: a
/// number, or a range of two (4.5-5%, 4.5%—5%, 3至5万人), with its scale and unit.
pub(crate) fn pattern(units: &[(String, String)]) -> Regex {
    let unit = alternatives(units);
    let number = r"[0-9]+(?:\.[0-9]+)?|[0-9０-９]+(?:[.．][0-9０-９]+)?";
    Regex::new(&format!(
        r"(?P<about>约|近|超过|超)?(?:(?P<low>{number})(?P<lowscale>万亿|亿|万|千)?(?P<lowunit>{unit})?(?:-|－|—|–|~|～|至|到)(?P<lowsign>-)?)?(?P<number>{number})(?P<more>多|余)?(?P<scale>万亿|亿|万|千)?(?P<more2>多|余)?(?P<unit>{unit})(?P<per>/(?:年|日|天|小时|月|人|户|亩|千克|公斤|平方米))?(?P<after>左右|以上|以内|以下)?"
    ))
    .expect("units are escaped")
}

/// Builds the pattern of quantities written in Chinese numerals (十个, 两项, 千万吨,
/// 六个月), for the same units.
pub(crate) fn chinese_pattern(units: &[(String, String)]) -> Regex {
    Regex::new(&format!(
        r"([零〇一二两三四五六七八九十百千万亿]+)(多|余)?({})(左右|以上|以内|以下)?",
        alternatives(units)
    ))
    .expect("units are escaped")
}

/// Builds the pattern of a bare round number after a word that leads an amount
/// (近万场, 突破百场, 超百家): the magnitude is the number, for any unit.
pub(crate) fn magnitude_pattern(units: &[(String, String)]) -> Regex {
    Regex::new(&format!(
        r"(?:近|超过|超|突破|逾)([百千万])(多|余)?({})(左右|以上)?",
        alternatives(units)
    ))
    .expect("units are escaped")
}

/// Bare round numbers after a word that leads an amount: (byte begin, byte end,
/// value). Alone before a noun they are no amount (万家, 千方百计).
pub(crate) fn find_magnitudes(text: &str, lexicon: &Lexicon) -> Vec<(usize, usize, QuantityValue)> {
    let mut out = Vec::new();
    for c in lexicon.magnitude_re.captures_iter(text) {
        let number = c.get(1).unwrap();
        let end = c.get(0).unwrap().end();
        // 千家万户 and the like pair round numbers: an idiom.
        if text[end..]
            .chars()
            .next()
            .is_some_and(crate::numerals::is_numeral_char)
        {
            continue;
        }
        let value = match number.as_str() {
            "百" => 100,
            "千" => 1_000,
            _ => 10_000,
        };
        out.push((
            number.start(),
            end,
            QuantityValue {
                value: value.to_string(),
                unit: normal_unit(lexicon, c.get(3).unwrap().as_str()).to_owned(),
                approximate: true,
                lower: None,
            },
        ));
    }
    out
}

/// Numbers listed before a quantity whose unit they share (提高15、22个百分点: 15
/// is a quantity of 个百分点 too): (byte begin, byte end, value) of each.
pub(crate) fn shared_units(
    text: &str,
    found: &[(usize, usize, QuantityValue)],
) -> Vec<(usize, usize, QuantityValue)> {
    let mut out = Vec::new();
    for (b, e, value) in found {
        // A scale belongs to the last number only (3、5万人 is unclear).
        if value.lower.is_some() || text[*b..*e].contains(['万', '亿', '千']) {
            continue;
        }
        let mut at = *b;
        while let Some(before) = text[..at].strip_suffix('、') {
            let digits = before
                .char_indices()
                .rev()
                .take_while(|(_, ch)| ch.is_ascii_digit() || *ch == '.')
                .last()
                .map(|(i, _)| i);
            let Some(start) = digits else { break };
            if text[..start]
                .chars()
                .next_back()
                .is_some_and(|ch| ch.is_ascii_alphanumeric() || ch == '.' || ch == '第')
                || before[start..].starts_with('.')
            {
                break;
            }
            out.push((
                start,
                before.len(),
                QuantityValue {
                    value: before[start..].to_owned(),
                    unit: value.unit.clone(),
                    approximate: false,
                    lower: None,
                },
            ));
            at = start;
        }
    }
    out
}

/// Characters that, right before a Chinese numeral, make it part of a word or an
/// ordinal rather than an amount: 第一个, 统一, 唯一, 同一, 之一, 逐一, 万一.
const NOT_BEFORE_NUMERAL: &[char] = &[
    '第', '统', '唯', '同', '单', '逐', '划', '之', '其', '每', '初', '周', '星', '礼', '拜', '进',
];

/// Words of a bound before an amount: after them even 一 counts (超过一个月).
/// (不超过 and 不少于 end with 超过 and 少于.)
const BOUNDS: &[&str] = &["超过", "至少", "少于", "不足", "满", "达到", "逾"];

/// Whether the text before a numeral ends with a bound, right there or before a
/// verb of at most three characters (至少|轮休|一日, 至少|配备|一名): the amount
/// is what the bound measures.
fn bounded(before: &str) -> bool {
    let chars: Vec<char> = before.chars().collect();
    (0..=3.min(chars.len())).any(|n| {
        let gap = &chars[chars.len() - n..];
        gap.iter()
            .all(|&c| matches!(c, '\u{4e00}'..='\u{9fff}') && !crate::numerals::is_numeral_char(c))
            && {
                let head: String = chars[..chars.len() - n].iter().collect();
                BOUNDS.iter().any(|b| head.ends_with(b))
            }
    })
}

/// Quantities in Chinese numerals with a unit or classifier: (byte begin, byte
/// end, value). A numeral after 第 or inside a word (统一, 唯一) is not an amount.
pub(crate) fn find_chinese(text: &str, lexicon: &Lexicon) -> Vec<(usize, usize, QuantityValue)> {
    let mut out = Vec::new();
    for c in lexicon.chinese_quantity_re.captures_iter(text) {
        let number = c.get(1).unwrap();
        let before = text[..number.start()].chars().next_back();
        // A bare 亿 or 万亿 of money is an amount too (突破万亿元, 亿元以上重点技改项目), as
        // 万 or 亿 alone before other words is not (万家, 万众).
        let money = c
            .get(3)
            .is_some_and(|u| normal_unit(lexicon, u.as_str()) == "元");
        let bare = match number.as_str() {
            "亿" if money => Some(100_000_000),
            "万亿" if money => Some(1_000_000_000_000),
            _ => None,
        };
        if before.is_some_and(|ch| {
            NOT_BEFORE_NUMERAL.contains(&ch) && bare.is_none()
                || crate::numerals::is_numeral_char(ch)
                || ch.is_ascii_digit()
        }) {
            continue;
        }
        // 一 alone is the article of a phrase (一个重要, 一家人) as often as an
        // amount; only larger numbers count when nothing else shows an amount,
        // such as a bound before it (超过一个月, 不少于一年).
        let Some(value) = crate::numerals::parse(number.as_str()).or(bare) else {
            continue;
        };
        if value < 2 && !bounded(&text[..number.start()]) {
            continue;
        }
        // Idioms pair round numbers (千家万户, 万水千山): not amounts.
        let after = text[c.get(0).unwrap().end()..].chars().next();
        if number.as_str().chars().count() == 1
            && after.is_some_and(crate::numerals::is_numeral_char)
        {
            continue;
        }
        let unit = normal_unit(lexicon, c.get(3).unwrap().as_str());
        // A day after a month is a date (十月三十日), not a period of days; tenths
        // (八成) go up to ten (百亿|成为 is a verb after an amount).
        let written = c.get(3).unwrap().as_str();
        if written == "日" && before == Some('月') || written == "成" && value > 10 {
            continue;
        }
        out.push((
            number.start(),
            c.get(0).unwrap().end(),
            QuantityValue {
                value: value.to_string(),
                unit: unit.to_owned(),
                approximate: c.get(2).is_some() || c.get(4).is_some_and(|m| m.as_str() == "左右"),
                lower: None,
            },
        ));
    }
    out
}

/// Shares written in words, as laws write them: 百分之五十 (50%), 千分之三 (3‰),
/// 万分之五 (5‱), 百分之零点五 (0.5%), and fractions 三分之二 (2/3), with 左右,
/// 以上, 以内 or 以下 after them (ANNOTATION.md: a numeral with %).
static SHARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<den>[零〇一二两三四五六七八九十百千万]+)分之(?P<num>[零〇一二两三四五六七八九十百千]+)",
        r"(?:点(?P<frac>[零〇一二三四五六七八九]+))?(?P<after>左右|以上|以内|以下)?",
    ))
    .expect("a valid pattern")
});

/// Shares in words: (byte begin, byte end, value). A percentage, per mille or per
/// ten thousand is its number and %, ‰ or ‱; a fraction (三分之二) is its
/// numerator with the unit /denominator (2 with /3, labelled 2/3), which keeps it
/// exact. Not part of a longer numeral, nor a ratio of scale (万分之一地形图).
pub(crate) fn find_shares(text: &str) -> Vec<(usize, usize, QuantityValue)> {
    let mut out: Vec<(usize, usize, QuantityValue)> = Vec::new();
    for c in SHARE.captures_iter(text) {
        let den = c.name("den").unwrap();
        if text[..den.start()]
            .chars()
            .next_back()
            .is_some_and(|ch| ch.is_ascii_digit() || crate::numerals::is_numeral_char(ch))
        {
            continue;
        }
        let unit = match den.as_str() {
            "百" => "%".to_owned(),
            "千" => "‰".to_owned(),
            "万" => "‱".to_owned(),
            other => match crate::numerals::parse(other) {
                Some(d) if d >= 2 => format!("/{d}"),
                _ => continue,
            },
        };
        let Some(num) = crate::numerals::parse(c.name("num").unwrap().as_str()) else {
            continue;
        };
        let value = match c.name("frac") {
            // Tenths and smaller of a percentage (百分之零点五); a fraction has none.
            Some(frac) if !unit.starts_with('/') => {
                let digits: Option<String> = frac
                    .as_str()
                    .chars()
                    .map(|ch| crate::numerals::digit(ch).map(|d| d.to_string()))
                    .collect();
                let Some(digits) = digits else { continue };
                let digits = digits.trim_end_matches('0');
                if digits.is_empty() {
                    num.to_string()
                } else {
                    format!("{num}.{digits}")
                }
            }
            Some(_) => continue,
            None => num.to_string(),
        };
        // 万分之一地形图, 五万分之一比例尺: a map's scale, no share of anything.
        let end = c.get(0).unwrap().end();
        if ["地形图", "比例尺", "的地形图"]
            .iter()
            .any(|w| text[end..].starts_with(w))
        {
            continue;
        }
        let share = QuantityValue {
            value,
            unit,
            approximate: c.name("after").is_some_and(|m| m.as_str() == "左右"),
            lower: None,
        };
        // A range of two shares of one unit (百分之八至百分之十) is one quantity
        // with both bounds, as 4.5%—5% is.
        if let Some((_, last_end, last)) = out.last_mut()
            && last.unit == share.unit
            && last.lower.is_none()
            && ["至", "到", "—", "－", "-", "～", "~"].contains(&&text[*last_end..den.start()])
        {
            last.lower = Some(std::mem::replace(&mut last.value, share.value));
            last.approximate |= share.approximate;
            *last_end = end;
            continue;
        }
        out.push((den.start(), end, share));
    }
    out
}

/// Durations in years that do not place anything in time (ANNOTATION.md: 连续13年
/// → 13年): a number of years after a word of lasting or extending (连续8年, 延长
/// 30年, 历时三年), or before 内 or a doubling (3年内, 五年翻番). A year
/// (2025年) or a deictic period (五年来, 未来五年) is a time, found elsewhere.
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:连续|延长|长达|历时|仅用|用了|超过|为期|[期效间限]为|推算|满)(?P<a>[0-9]{1,3}|[一二两三四五六七八九十]{1,3})年(?P<after>以上|左右|以内)?(?:[^来]|$)",
        r"|(?P<b>[0-9]{1,3}|[一二两三四五六七八九十]{1,3})年(?:内|翻一番|翻番)",
    ))
    .expect("a valid pattern")
});

/// Durations in years: (byte begin, byte end, value).
pub(crate) fn find_durations(text: &str) -> Vec<(usize, usize, QuantityValue)> {
    let mut out = Vec::new();
    for c in DURATION.captures_iter(text) {
        let (number, end) = match (c.name("a"), c.name("b")) {
            (Some(a), _) => (a, c.name("after").map_or(a.end() + "年".len(), |m| m.end())),
            (None, Some(b)) => (b, b.end() + "年".len()),
            _ => continue,
        };
        // Part of a longer number (2025年内) or an ordinal (第3年内).
        if text[..number.start()]
            .chars()
            .next_back()
            .is_some_and(|ch| {
                ch.is_ascii_digit() || crate::numerals::is_numeral_char(ch) || ch == '第'
            })
        {
            continue;
        }
        let value = if number.as_str().chars().all(|ch| ch.is_ascii_digit()) {
            number.as_str().trim_start_matches('0').to_owned()
        } else {
            match crate::numerals::parse(number.as_str()) {
                Some(v) => v.to_string(),
                None => continue,
            }
        };
        if value.is_empty() {
            continue;
        }
        out.push((
            number.start(),
            end,
            QuantityValue {
                value,
                unit: "年".to_owned(),
                approximate: c.name("after").is_some_and(|m| m.as_str() == "左右"),
                lower: None,
            },
        ));
    }
    out
}

/// Half a year, a month, a day or an hour (居住半年以上, 每半年公布, 半个月内), as laws
/// set periods: a numeral with a unit (ANNOTATION.md), its value 0.5. Not the
/// halves of the calendar (上半年, 下半年: times), a half after a number (一年半,
/// 两个半月), nor the words 半年度 and 半年报.
static HALF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"半(?P<unit>年|个月|小时|天|日)(?P<after>以上|以内|以下|左右)?")
        .expect("a valid pattern")
});

/// Halves of periods: (byte begin, byte end, value).
pub(crate) fn find_halves(text: &str, lexicon: &Lexicon) -> Vec<(usize, usize, QuantityValue)> {
    let mut out = Vec::new();
    for c in HALF.captures_iter(text) {
        let all = c.get(0).unwrap();
        let before = text[..all.start()].chars().next_back();
        if before.is_some_and(|ch| {
            "上下前后年月个大多过".contains(ch)
                || ch.is_ascii_digit()
                || crate::numerals::is_numeral_char(ch)
        }) {
            continue;
        }
        let unit = c.name("unit").unwrap();
        if c.name("after").is_none()
            && text[unit.end()..]
                .chars()
                .next()
                .is_some_and(|ch| "度报".contains(ch))
        {
            continue;
        }
        out.push((
            all.start(),
            all.end(),
            QuantityValue {
                value: "0.5".to_owned(),
                unit: normal_unit(lexicon, unit.as_str()).to_owned(),
                approximate: c.name("after").is_some_and(|m| m.as_str() == "左右"),
                lower: None,
            },
        ));
    }
    out
}

/// Quantities in `text`: (byte begin, byte end, value).
pub(crate) fn find(
    text: &str,
    lexicon: &Lexicon,
    re: &Regex,
) -> Vec<(usize, usize, QuantityValue)> {
    let mut out = Vec::new();
    for c in re.captures_iter(text) {
        let number = c.name("number").unwrap();
        let low = c.name("low");
        let first = low.unwrap_or(number);
        // Part of a longer token (v5.4%, A1级) or a year (2025年 is a time, not here).
        if text[..first.start()]
            .chars()
            .next_back()
            .is_some_and(|ch| ch.is_ascii_alphanumeric() || ch == '.')
        {
            continue;
        }
        // An ordinal or a rank (第7位, 第142次, 前10位), not an amount.
        let before = text[..first.start()].chars().next_back();
        let unit = c.name("unit").map_or("", |u| u.as_str());
        if c.name("about").is_none()
            && (before == Some('第') || before == Some('前') && matches!(unit, "位" | "名"))
        {
            continue;
        }
        let unit = normal_unit(lexicon, c.name("unit").unwrap().as_str());
        // Tenths (3成) go up to ten, with no scale (100亿|成为 is a verb after an
        // amount).
        if unit == "成"
            && (c.name("scale").is_some() || number.as_str().parse::<f64>().is_ok_and(|v| v > 10.0))
        {
            continue;
        }
        // A rate (400万吨/年, 28克/千克) keeps its denominator in its unit.
        let rate = match c.name("per") {
            Some(per) => format!("{unit}{}", per.as_str()),
            None => unit.to_owned(),
        };
        let scale = |m: Option<regex::Match<'_>>| match m.map(|m| m.as_str()) {
            Some("万亿") => 12,
            Some("亿") => 8,
            Some("万") => 4,
            Some("千") => 3,
            _ => 0,
        };
        let exponent = scale(c.name("scale"));
        let approximate = c.name("about").is_some()
            || c.name("more").is_some()
            || c.name("more2").is_some()
            || c.name("after").is_some_and(|m| m.as_str() == "左右");
        let value = shift_decimal(&ascii_digits(number.as_str()), exponent);
        // A range is one quantity with two bounds. The first bound takes the
        // second's scale when it has none (3-5万人: 30000 to 50000), and a unit,
        // when written, must be the second's (4.5%-5%, not 3个-5%). A range that
        // does not go up (5-3%) or a minus sign after the dash is not one.
        let lower = low.and_then(|low| {
            let low_unit = c.name("lowunit").map(|u| normal_unit(lexicon, u.as_str()));
            let low_exponent = match c.name("lowscale") {
                Some(s) => scale(Some(s)),
                None => exponent,
            };
            let bound = shift_decimal(&ascii_digits(low.as_str()), low_exponent);
            (c.name("lowsign").is_none()
                && low_unit.is_none_or(|u| u == unit)
                && less(&bound, &value))
            .then_some(bound)
        });
        if low.is_some() && lower.is_none() {
            // Not a range: the second number alone is the quantity.
            out.push((
                number.start(),
                c.get(0).unwrap().end(),
                QuantityValue {
                    value,
                    unit: rate,
                    approximate: c.name("more").is_some()
                        || c.name("more2").is_some()
                        || c.name("after").is_some_and(|m| m.as_str() == "左右"),
                    lower: None,
                },
            ));
            continue;
        }
        // The mention starts at the number; 约/超过 are not part of the quantity's name.
        out.push((
            first.start(),
            c.get(0).unwrap().end(),
            QuantityValue {
                value,
                unit: rate,
                approximate,
                lower,
            },
        ));
    }
    out
}

/// Full-width digits and points as ASCII.
fn ascii_digits(number: &str) -> String {
    number
        .chars()
        .map(|ch| match ch {
            '０'..='９' => char::from_u32(ch as u32 - '０' as u32 + '0' as u32).unwrap(),
            '．' => '.',
            _ => ch,
        })
        .collect()
}

/// `a < b` for two non-negative exact decimals as [`shift_decimal`] writes them.
fn less(a: &str, b: &str) -> bool {
    let split = |s: &str| -> (String, String) {
        let (i, f) = s.split_once('.').unwrap_or((s, ""));
        (i.to_owned(), f.to_owned())
    };
    let ((ai, af), (bi, bf)) = (split(a), split(b));
    if ai.len() != bi.len() {
        return ai.len() < bi.len();
    }
    let width = af.len().max(bf.len());
    (ai, format!("{af:0<width$}")) < (bi, format!("{bf:0<width$}"))
}

fn normal_unit<'a>(lexicon: &'a Lexicon, written: &'a str) -> &'a str {
    lexicon
        .units
        .iter()
        .find(|(w, _)| w == written)
        .map_or(written, |(_, n)| n.as_str())
}

/// Multiplies a decimal string by 10^`exponent` exactly, in canonical form.
fn shift_decimal(number: &str, exponent: i32) -> String {
    let (int_part, frac_part) = number.split_once('.').unwrap_or((number, ""));
    let mut digits: String = format!("{int_part}{frac_part}");
    let mut point = int_part.len() as i32 + exponent;
    if point < 0 {
        digits = format!("{}{digits}", "0".repeat((-point) as usize));
        point = 0;
    }
    let point = point as usize;
    if digits.len() < point {
        digits.push_str(&"0".repeat(point - digits.len()));
    }
    let (i, f) = digits.split_at(point);
    let i = i.trim_start_matches('0');
    let i = if i.is_empty() { "0" } else { i };
    let f = f.trim_end_matches('0');
    if f.is_empty() {
        i.to_owned()
    } else {
        format!("{i}.{f}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String, String, bool)> {
        let lexicon = Lexicon::bundled();
        let re = pattern(&lexicon.units);
        find(text, &lexicon, &re)
            .into_iter()
            .map(|(b, e, q)| (text[b..e].to_owned(), q.value, q.unit, q.approximate))
            .collect()
    }

    #[test]
    fn amounts_percentages_and_counts() {
        let s = |a: &str, v: &str, u: &str, approx: bool| {
            (a.to_owned(), v.to_owned(), u.to_owned(), approx)
        };
        assert_eq!(
            found("全市生产总值5.67万亿元"),
            vec![s("5.67万亿元", "5670000000000", "元", false)]
        );
        assert_eq!(found("增长5.4%"), vec![s("5.4%", "5.4", "%", false)]);
        assert_eq!(
            found("160.6亿美元"),
            vec![s("160.6亿美元", "16060000000", "美元", false)]
        );
        assert_eq!(found("新建127座"), vec![s("127座", "127", "座", false)]);
        assert_eq!(found("增长4.5%左右"), vec![s("4.5%左右", "4.5", "%", true)]);
        assert_eq!(
            found("下降0.1个百分点"),
            vec![s("0.1个百分点", "0.1", "个百分点", false)]
        );
        assert!(found("1984年").is_empty());
        // Rates keep their denominator; upper bounds are part of the amount
        // (陕西's and 吉林's reports; the bound made up).
        assert_eq!(
            found("新增产能3095万吨/年"),
            vec![s("3095万吨/年", "30950000", "吨/年", false)]
        );
        assert_eq!(
            found("有机质含量达到27克/千克"),
            vec![s("27克/千克", "27", "克/千克", false)]
        );
        assert_eq!(
            found("误差控制在3%以内"),
            vec![s("3%以内", "3", "%", false)]
        );
        // Classifiers reports count with; ordinals and ranks are no amounts.
        assert_eq!(
            found("培训1200名教师，建成35处站点"),
            vec![
                s("1200名", "1200", "名", false),
                s("35处", "35", "处", false)
            ]
        );
        assert_eq!(found("居全国第7位，进入前10位，第142次会议"), vec![]);
        assert_eq!(found("院士2位"), vec![s("2位", "2", "位", false)]);
    }

    #[test]
    fn amounts_in_chinese_numerals() {
        let lexicon = Lexicon::bundled();
        let found = |text: &str| -> Vec<(String, String, String)> {
            find_chinese(text, &lexicon)
                .into_iter()
                .map(|(b, e, q)| (text[b..e].to_owned(), q.value, q.unit))
                .collect()
        };
        let s = |a: &str, v: &str, u: &str| (a.to_owned(), v.to_owned(), u.to_owned());
        assert_eq!(found("抓好十个方面工作"), vec![s("十个", "10", "个")]);
        assert_eq!(found("新增两项"), vec![s("两项", "2", "项")]);
        assert_eq!(found("运量千万吨"), vec![s("千万吨", "10000000", "吨")]);
        assert_eq!(found("居第三个"), vec![]);
        assert_eq!(found("统一个人"), vec![]);
        assert_eq!(found("这是一个重要的方面"), vec![]);
        assert_eq!(found("走进千家万户"), vec![]);
        // A bare 亿 or 万亿 of money (安徽's report), not 万 before a classifier.
        assert_eq!(
            found("进出口总额突破万亿元，实施亿元以上重点技改项目"),
            vec![
                s("万亿元", "1000000000000", "元"),
                s("亿元以上", "100000000", "元"),
            ]
        );
        assert_eq!(found("送温暖进万家"), vec![]);
    }

    #[test]
    fn durations_tenths_days_and_shared_units() {
        let lexicon = Lexicon::bundled();
        let all = |text: &str| -> Vec<(String, String, String)> {
            let arabic = find(text, &lexicon, &lexicon.quantity_re);
            let shared = shared_units(text, &arabic);
            let mut out: Vec<_> = arabic
                .into_iter()
                .chain(shared)
                .chain(find_chinese(text, &lexicon))
                .chain(find_durations(text))
                .chain(find_halves(text, &lexicon))
                .chain(find_magnitudes(text, &lexicon))
                .map(|(b, e, q)| (text[b..e].to_owned(), q.value, q.unit))
                .collect();
            out.sort();
            out
        };
        let s = |a: &str, v: &str, u: &str| (a.to_owned(), v.to_owned(), u.to_owned());
        // Years that last, not years of the calendar (ANNOTATION.md: 连续13年 → 13年).
        assert_eq!(all("粮食产量连续9年增长"), vec![s("9年", "9", "年")]);
        assert_eq!(all("合同期限延长二十年"), vec![s("二十年", "20", "年")]);
        assert_eq!(all("收入5年翻番"), vec![s("5年", "5", "年")]);
        assert_eq!(all("保护期间为二年"), vec![s("二年", "2", "年")]);
        assert_eq!(all("连续五年来，2025年内"), vec![]);
        // Days in Chinese numerals are periods; a day after a month is a date.
        assert_eq!(all("收到申请后二十五日内"), vec![s("二十五日", "25", "天")]);
        assert_eq!(all("十月三十日，每月15日"), vec![]);
        assert_eq!(all("不满十四周岁"), vec![s("十四周岁", "14", "岁")]);
        // Half a period is one too; the halves of the calendar and a half after a
        // number are not.
        assert_eq!(
            all("连续居住半年以上，每半年公布一次"),
            vec![s("半年", "0.5", "年"), s("半年以上", "0.5", "年")]
        );
        assert_eq!(all("上半年，一年半，半年度报告"), vec![]);
        // After a bound even 一 is an amount; alone it is an article.
        assert_eq!(all("每次不超过一个月"), vec![s("一个月", "1", "个月")]);
        assert_eq!(all("这是一个重要方面"), vec![]);
        // So it is with a verb of up to three characters between: the bound
        // measures what the verb does.
        assert_eq!(all("每月至少轮休一日"), vec![s("一日", "1", "天")]);
        assert_eq!(all("至少配备一名专职人员"), vec![s("一名", "1", "名")]);
        assert_eq!(all("宽三十厘米"), vec![s("三十厘米", "30", "厘米")]);
        // Tenths up to ten; an amount before the verb 成为 is none.
        assert_eq!(all("近三成，规模突破100亿成为"), vec![s("三成", "3", "成")]);
        // Numbers before 、 share the unit of the last; bare round numbers count
        // after a word that leads an amount.
        assert_eq!(
            all("分别提高1.5、2个百分点"),
            vec![s("1.5", "1.5", "个百分点"), s("2个百分点", "2", "个百分点")]
        );
        assert_eq!(
            all("开行超千列，走进千家万户"),
            vec![s("千列", "1000", "列")]
        );
    }

    #[test]
    fn shares_in_words() {
        let found = |text: &str| -> Vec<(String, String, String)> {
            find_shares(text)
                .into_iter()
                .map(|(b, e, q)| (text[b..e].to_owned(), q.value.clone(), q.label()))
                .collect()
        };
        let s = |a: &str, v: &str, l: &str| (a.to_owned(), v.to_owned(), l.to_owned());
        // Laws of the shared corpus: percentages with 以上, tenths of one, per
        // mille, and fractions, which keep their denominator as the unit.
        assert_eq!(
            found("并处违法所得百分之五十以上三倍以下"),
            vec![s("百分之五十以上", "50", "50%")]
        );
        assert_eq!(
            found("处单位工程合同价款百分之零点五以上百分之一"),
            vec![
                s("百分之零点五以上", "0.5", "0.5%"),
                s("百分之一", "1", "1%")
            ]
        );
        assert_eq!(
            found("并从欠缴之日起按日加收千分之五的滞纳金"),
            vec![s("千分之五", "5", "5‰")]
        );
        assert_eq!(
            found("业主委员会成员经递补人数仍不足总数的三分之二"),
            vec![s("三分之二", "2", "2/3")]
        );
        // A range of shares is one quantity with both bounds.
        assert_eq!(
            found("会议主席团人数为市人民代表大会代表总数的百分之八至百分之十"),
            vec![s("百分之八至百分之十", "10", "8-10%")]
        );
        // A map's scale is no share.
        assert_eq!(
            found("经济发展较快地区的万分之一地形图每五年更新一次"),
            vec![]
        );
        assert_eq!(found("小于五千分之一比例尺的地形图测绘"), vec![]);
    }

    #[test]
    fn decimal_shift_is_exact() {
        assert_eq!(shift_decimal("5.67", 12), "5670000000000");
        assert_eq!(shift_decimal("0.10", 0), "0.1");
        assert_eq!(shift_decimal("5670000000000", -12), "5.67");
        assert_eq!(shift_decimal("12", -4), "0.0012");
    }

    #[test]
    fn labels_are_derived_from_the_value() {
        let q = |v: &str, u: &str| {
            QuantityValue {
                value: v.into(),
                unit: u.into(),
                approximate: false,
                lower: None,
            }
            .label()
        };
        assert_eq!(q("16060000000", "美元"), "160.6亿美元");
        assert_eq!(q("5.4", "%"), "5.4%");
        assert_eq!(q("127", "座"), "127座");
        assert_eq!(q("35000", "元"), "3.5万元");
    }
}
