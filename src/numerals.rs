//! Chinese numerals (一, 二十三, 一百零五, 二〇二五) as integers.
//!
//! A leaf module: used by structure (第二十三条 → 23) and extraction
//! (一九八四年 → 1984). It knows nothing of documents.

/// The value of one Chinese digit character, or `None`.
///
/// Accepts the common forms (一…九, 〇/零), the financial forms (壹…玖) and 两.
pub fn digit(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' | '○' | 'Ｏ' => 0,
        '一' | '壹' => 1,
        '二' | '贰' | '两' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1_000,
        _ => return None,
    })
}

/// True for characters that can appear in a Chinese numeral.
pub fn is_numeral_char(c: char) -> bool {
    digit(c).is_some() || unit(c).is_some() || c == '万' || c == '亿'
}

/// Parses a Chinese numeral, positional (二十三 → 23, 一百零五 → 105, 十一 → 11) or
/// digit by digit (二〇二五 → 2025), or ASCII/full-width digits (23, ２３).
///
/// ```
/// use policykg::numerals::parse;
/// assert_eq!(parse("二十三"), Some(23));
/// assert_eq!(parse("一百零五"), Some(105));
/// assert_eq!(parse("十"), Some(10));
/// assert_eq!(parse("一九八四"), Some(1984));
/// assert_eq!(parse("１２"), Some(12));
/// assert_eq!(parse("第一"), None);
/// ```
pub fn parse(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    if let Some(n) = parse_arabic(s) {
        return Some(n);
    }
    // Digit by digit when there is no unit character: 二〇二五, 一九八四.
    if s.chars().count() > 1 && s.chars().all(|c| digit(c).is_some() && c != '两') {
        return s
            .chars()
            .try_fold(0u64, |acc, c| acc.checked_mul(10)?.checked_add(digit(c)?));
    }
    let mut total: u64 = 0; // completed 亿 and 万 groups
    let mut section: u64 = 0; // below 万
    let mut pending: Option<u64> = None; // last digit not yet multiplied
    for c in s.chars() {
        if let Some(d) = digit(c) {
            pending = Some(d);
        } else if let Some(u) = unit(c) {
            // 十 alone means 一十.
            section += pending.take().unwrap_or(1) * u;
        } else if c == '万' || c == '亿' {
            let big = if c == '万' { 10_000 } else { 100_000_000 };
            let group = section + pending.take().unwrap_or(0);
            if group == 0 && total == 0 {
                return None;
            }
            total = if c == '亿' {
                (total + group) * big
            } else {
                total + group * big
            };
            section = 0;
        } else {
            return None;
        }
    }
    Some(total + section + pending.unwrap_or(0))
}

/// Writes a number below 100,000 in Chinese numerals as laws number their
/// articles (二十, 一百零五, 一千二百六十); larger numbers stay in digits.
///
/// ```
/// use policykg::numerals::{parse, to_chinese};
/// assert_eq!(to_chinese(20), "二十");
/// assert_eq!(to_chinese(105), "一百零五");
/// assert_eq!(to_chinese(1260), "一千二百六十");
/// assert_eq!(to_chinese(10), "十");
/// for n in 1..3000 { assert_eq!(parse(&to_chinese(n)), Some(n)); }
/// ```
pub fn to_chinese(n: u64) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    const UNITS: [&str; 5] = ["", "十", "百", "千", "万"];
    if n == 0 {
        return "零".to_owned();
    }
    if n >= 100_000 {
        return n.to_string();
    }
    let digits: Vec<u64> = n.to_string().bytes().map(|b| u64::from(b - b'0')).collect();
    let mut out = String::new();
    let mut zero = false;
    for (i, &d) in digits.iter().enumerate() {
        let unit = UNITS[digits.len() - 1 - i];
        if d == 0 {
            zero = true;
            continue;
        }
        if zero && !out.is_empty() {
            out.push('零');
        }
        zero = false;
        // 十, 十一 … 十九: no leading 一 before a leading 十.
        if !(d == 1 && unit == "十" && i == 0) {
            out.push(DIGITS[d as usize]);
        }
        out.push_str(unit);
    }
    out
}

/// Parses ASCII or full-width decimal digits.
pub fn parse_arabic(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    s.chars().try_fold(0u64, |acc, c| {
        let d = match c {
            '0'..='9' => c as u64 - '0' as u64,
            '０'..='９' => c as u64 - '０' as u64,
            _ => return None,
        };
        acc.checked_mul(10)?.checked_add(d)
    })
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn positional_numerals() {
        let cases = [
            ("一", 1),
            ("九", 9),
            ("十", 10),
            ("十一", 11),
            ("二十", 20),
            ("二十三", 23),
            ("一百", 100),
            ("一百零五", 105),
            ("一百一十", 110),
            ("二百三十四", 234),
            ("一千二百三十四", 1234),
            ("一千零一", 1001),
            ("两千", 2000),
            ("一万二千", 12000),
            ("三亿", 300_000_000),
        ];
        for (s, n) in cases {
            assert_eq!(parse(s), Some(n), "{s}");
        }
    }

    #[test]
    fn digit_by_digit_and_arabic() {
        assert_eq!(parse("二〇二五"), Some(2025));
        assert_eq!(parse("一九五〇"), Some(1950));
        assert_eq!(parse("2026"), Some(2026));
        assert_eq!(parse("２０"), Some(20));
    }

    #[test]
    fn not_numerals() {
        for s in ["", "第一", "一是", "abc", "万"] {
            assert_eq!(parse(s), None, "{s}");
        }
    }
}
