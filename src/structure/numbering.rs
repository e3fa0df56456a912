//! Heading numberings at the start of a line: 第X编/章/节/条, 一、, （一）, 1., （1）, ①.
//!
//! Conventions follow GB/T 9704-2012 (党政机关公文格式, 7.3.3: 一、 → （一） → 1. →
//! （1）) for reports and the 立法技术规范 (编/章/节/条/款/项) for laws.

use crate::numerals;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// The kind of numbering a heading uses; headings of one kind are siblings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// 第一编.
    Part,
    /// 第一分编.
    SubPart,
    /// 第一章.
    Chapter,
    /// 第一节.
    Section,
    /// 第一条: an article of a law, with its body on the same line.
    Article,
    /// 一、
    CnComma,
    /// （一） or (一).
    CnParen,
    /// 1. or 1、 or 1．
    ArabicDot,
    /// （1） or (1).
    ArabicParen,
    /// ① … ⑳.
    Circled,
    /// 附件 / 附录 / 名词解释: appendix headings.
    Appendix,
    /// A Markdown heading without a numbering, by its `#` depth.
    Markdown(u8),
    /// A whole line 一是……。 that titles the paragraphs below it (a report's topic
    /// line, numbered like a measure but standing alone).
    Marker,
    /// A whole line ——……。 that titles the paragraphs below it.
    Dash,
    /// An unnumbered one-sentence line that titles the paragraphs below it.
    Unnumbered,
}

impl Kind {
    /// The rank of a report's numbering in the usual hierarchy of Chinese official
    /// documents (一、 above （一） above 1. above （1））; lower is higher.
    pub fn report_rank(self) -> Option<u8> {
        match self {
            Kind::CnComma => Some(1),
            Kind::CnParen => Some(2),
            Kind::ArabicDot => Some(3),
            Kind::ArabicParen => Some(4),
            _ => None,
        }
    }

    /// The fixed rank of the legal hierarchy (编 < 分编 < 章 < 节 < 条); `None` for
    /// kinds whose depth depends on the order they appear in.
    pub fn legal_rank(self) -> Option<u8> {
        match self {
            Kind::Part => Some(1),
            Kind::SubPart => Some(2),
            Kind::Chapter => Some(3),
            Kind::Section => Some(4),
            Kind::Article => Some(5),
            _ => None,
        }
    }
}

/// A numbering found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbered {
    /// Its kind.
    pub kind: Kind,
    /// The numbering as written, without surrounding spaces: `第一章`, `（一）`, `1.`.
    pub numbering: String,
    /// The number it states (第二十三条 → 23), if it states one.
    pub number: Option<u32>,
    /// Code-point offset in the line where the text after the numbering starts
    /// (after any spaces).
    pub rest: usize,
}

const CN: &str = "[一二三四五六七八九十百千零〇两]+";

static LEGAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^第({CN}|[0-9０-９]+)(分编|编|章|节|条)(之[一二三四五六七八九十]+)?(?:[\s\u3000]+|$)"
    ))
    .unwrap()
});
static CN_COMMA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^({CN})[、，,]\s*")).unwrap());
static CN_PAREN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^[（(]({CN})[）)][\s\u3000]*")).unwrap());
static ARABIC_DOT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9０-９]{1,3})(?:[.．、]|\s)[\s\u3000]*").unwrap());
static ARABIC_PAREN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[（(]([0-9０-９]{1,3})[）)][\s\u3000]*").unwrap());
static CIRCLED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([①-⑳])[\s\u3000]*").unwrap());
static APPENDIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(附件[0-9０-９一二三四五六七八九十]*|附录[0-9０-９一二三四五六七八九十]*|名词解释)[：:]?[\s\u3000]*")
        .unwrap()
});

/// Finds the numbering at the start of `line` (already trimmed, `#` marks removed).
///
/// ```
/// use policykg::structure::numbering::{numbering_of, Kind};
/// let n = numbering_of("第二十三条　本法自公布之日起施行。").unwrap();
/// assert_eq!((n.kind, n.numbering.as_str(), n.number), (Kind::Article, "第二十三条", Some(23)));
/// let n = numbering_of("(一) 巩固发展同周边国家和发展中国家工会的关系").unwrap();
/// assert_eq!((n.kind, n.numbering.as_str(), n.number, n.rest), (Kind::CnParen, "(一)", Some(1), 4));
/// assert!(numbering_of("1.5万亿元").is_none());
/// ```
pub fn numbering_of(line: &str) -> Option<Numbered> {
    if let Some(c) = LEGAL.captures(line) {
        let kind = match &c[2] {
            "编" => Kind::Part,
            "分编" => Kind::SubPart,
            "章" => Kind::Chapter,
            "节" => Kind::Section,
            _ => Kind::Article,
        };
        let written_end = c.get(3).map_or(c.get(2).unwrap().end(), |m| m.end());
        return Some(numbered(
            kind,
            &line[..written_end],
            &c[1],
            line,
            c.get(0).unwrap().end(),
        ));
    }
    let simple: [(&Regex, Kind); 5] = [
        (&CN_PAREN, Kind::CnParen),
        (&CN_COMMA, Kind::CnComma),
        (&ARABIC_PAREN, Kind::ArabicParen),
        (&ARABIC_DOT, Kind::ArabicDot),
        (&CIRCLED, Kind::Circled),
    ];
    for (re, kind) in simple {
        if let Some(c) = re.captures(line) {
            let all = c.get(0).unwrap();
            let digits = &c[1];
            // 1.5万 and 2025年 are numbers in text, not numberings.
            if kind == Kind::ArabicDot {
                let next = line[all.end()..].chars().next();
                if next.is_some_and(|ch| ch.is_ascii_digit() || "年月日%万亿个．.".contains(ch))
                {
                    continue;
                }
            }
            let written = line[..all.end()].trim_end_matches(|c: char| c.is_whitespace());
            let number = if kind == Kind::Circled {
                digits.chars().next().map(|ch| ch as u32 - '①' as u32 + 1)
            } else {
                numerals::parse(digits).and_then(|n| u32::try_from(n).ok())
            };
            return Some(Numbered {
                kind,
                numbering: written.to_owned(),
                number,
                rest: line[..all.end()].chars().count(),
            });
        }
    }
    if let Some(c) = APPENDIX.captures(line) {
        let all = c.get(0).unwrap();
        let name = c.get(1).unwrap();
        let number = numerals::parse(name.as_str().trim_start_matches(['附', '件', '录']))
            .and_then(|n| u32::try_from(n).ok());
        return Some(Numbered {
            kind: Kind::Appendix,
            numbering: name.as_str().to_owned(),
            number,
            rest: line[..all.end()].chars().count(),
        });
    }
    None
}

fn numbered(kind: Kind, written: &str, digits: &str, line: &str, end: usize) -> Numbered {
    Numbered {
        kind,
        numbering: written.to_owned(),
        number: numerals::parse(digits).and_then(|n| u32::try_from(n).ok()),
        rest: line[..end].chars().count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(line: &str, expected: Option<(Kind, &str, Option<u32>)>) {
        let got = numbering_of(line).map(|n| (n.kind, n.numbering, n.number));
        let expected = expected.map(|(k, s, n)| (k, s.to_owned(), n));
        assert_eq!(got, expected, "{line}");
    }

    #[test]
    fn numberings() {
        check("第一章 总则", Some((Kind::Chapter, "第一章", Some(1))));
        check("第一章", Some((Kind::Chapter, "第一章", Some(1))));
        check("第三编　合同", Some((Kind::Part, "第三编", Some(3))));
        check("第一分编 通则", Some((Kind::SubPart, "第一分编", Some(1))));
        check("第十二节 附则", Some((Kind::Section, "第十二节", Some(12))));
        check(
            "第一百零五条 规定",
            Some((Kind::Article, "第一百零五条", Some(105))),
        );
        check(
            "第十条之一 规定",
            Some((Kind::Article, "第十条之一", Some(10))),
        );
        check("一、2025年工作回顾", Some((Kind::CnComma, "一、", Some(1))));
        check("（十二）加强", Some((Kind::CnParen, "（十二）", Some(12))));
        check("(一) 巩固", Some((Kind::CnParen, "(一)", Some(1))));
        check("1. 总体要求", Some((Kind::ArabicDot, "1.", Some(1))));
        check("2、推进", Some((Kind::ArabicDot, "2、", Some(2))));
        check("（3）推进", Some((Kind::ArabicParen, "（3）", Some(3))));
        check("②推进", Some((Kind::Circled, "②", Some(2))));
        check("附件1", Some((Kind::Appendix, "附件1", Some(1))));
        check("名词解释", Some((Kind::Appendix, "名词解释", None)));
    }

    #[test]
    fn text_that_is_not_a_numbering() {
        for line in [
            "第一条规定的", // no space after 条: a reference in running text
            "第一，加强",
            "一是加强",
            "2025年是",
            "1.5万亿元",
            "一系列措施",
            "中国工会",
        ] {
            check(line, None);
        }
    }
}
