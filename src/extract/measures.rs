//! Enumerated measures: 一是…二是…, 一要…二要…, 第一，…第二，…, 其一，…其二，… inside
//! a paragraph, and lists whose items open consecutive lines after a lead-in ending
//! in ：.

use super::{Measure, MeasureList};
use crate::numerals;
use crate::structure::{Outline, Span};
use regex::Regex;
use std::sync::LazyLock;

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(第([一二三四五六七八九十]{1,3})[，、,]|其([一二三四五六七八九十]{1,3})[，、,是]|([一二三四五六七八九十]{1,3})(是|要|则|方面[，、,]))").unwrap()
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Di,
    Qi,
    Shi,
    Yao,
    Ze,
    Fangmian,
}

/// A marker occurrence in a paragraph.
struct Marker {
    family: Family,
    number: u32,
    /// Code points, absolute in the document.
    begin: usize,
    /// Where the item's content starts (after 第一，), absolute.
    content: usize,
    written: String,
}

fn markers(chars: &[char], span: Span) -> Vec<Marker> {
    let text: String = chars[span.begin..span.end].iter().collect();
    let mut out = Vec::new();
    // Byte offsets become code points by counting on from the last match, so a
    // paragraph is counted once (counting from its start each time made a long one
    // quadratic).
    let (mut counted_byte, mut counted_chars) = (0usize, 0usize);
    let mut to_chars = |byte: usize| {
        if byte < counted_byte {
            counted_byte = 0;
            counted_chars = 0;
        }
        counted_chars += text[counted_byte..byte].chars().count();
        counted_byte = byte;
        counted_chars
    };
    for c in MARKER.captures_iter(&text) {
        let all = c.get(0).unwrap();
        let before = text[..all.start()].chars().next_back();
        let at_boundary = before.is_none_or(|ch| {
            ch.is_whitespace()
                || matches!(
                    ch,
                    '。' | '；' | '：' | '！' | '？' | '，' | ',' | ';' | ':' | '）' | ')'
                )
        });
        if !at_boundary {
            continue;
        }
        let (family, digits, marker_text) = if let Some(d) = c.get(2) {
            (Family::Di, d.as_str(), format!("第{}", d.as_str()))
        } else if let Some(d) = c.get(3) {
            let rest = &all.as_str()[3 + d.len()..];
            let written = if rest == "是" {
                format!("其{}是", d.as_str())
            } else {
                format!("其{}", d.as_str())
            };
            (Family::Qi, d.as_str(), written)
        } else {
            let d = c.get(4).unwrap();
            let family = match &c[5] {
                "是" => Family::Shi,
                "要" => Family::Yao,
                "则" => Family::Ze,
                _ => Family::Fangmian,
            };
            let word = c[5].trim_end_matches(['，', '、', ',']);
            (family, d.as_str(), format!("{}{word}", d.as_str()))
        };
        let Some(number) = numerals::parse(digits).and_then(|n| u32::try_from(n).ok()) else {
            continue;
        };
        let begin = span.begin + to_chars(all.start());
        let content = span.begin + to_chars(all.end());
        out.push(Marker {
            family,
            number,
            begin,
            content,
            written: marker_text,
        });
    }
    out
}

/// The short form of an item: its text after the marker up to the first ，or 。.
fn label(chars: &[char], from: usize, to: usize) -> String {
    let from = chars[from..to]
        .iter()
        .position(|c| !matches!(c, '，' | '、' | ',' | ' ' | '：' | ':'))
        .map_or(to, |p| from + p);
    chars[from..to]
        .iter()
        .take_while(|c| {
            !matches!(
                c,
                '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | ':' | '!' | '?'
            )
        })
        .collect::<String>()
        .trim()
        .to_owned()
}

fn trim_end(chars: &[char], begin: usize, mut end: usize) -> usize {
    while end > begin && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    end
}

/// Finds the enumerated measures of a document and the lists they form.
pub(crate) fn find(chars: &[char], outline: &Outline) -> (Vec<Measure>, Vec<MeasureList>) {
    let mut measures: Vec<Measure> = Vec::new();
    let mut lists: Vec<MeasureList> = Vec::new();
    // A list whose last item opened the previous paragraph and ran to its end, so the
    // next paragraph may continue it: (family, last number, list index).
    let mut open: Option<(Family, u32, usize)> = None;
    for (p, paragraph) in outline.paragraphs.iter().enumerate() {
        let found = markers(chars, paragraph.span);
        let mut i = 0;
        let continues = open.filter(|&(family, last, _)| {
            found.first().is_some_and(|m| {
                m.family == family && m.number == last + 1 && m.begin == paragraph.span.begin
            })
        });
        open = None;
        while i < found.len() {
            let run = run_from(&found, i);
            let items = &found[i..i + run];
            let list = match continues.filter(|_| i == 0) {
                Some((_, _, list)) => Some(list),
                None if items[0].number == 1 => {
                    lists.push(MeasureList {
                        paragraph: p,
                        lead_sentence: lead_sentence(chars, outline, p, items[0].begin),
                    });
                    Some(lists.len() - 1)
                }
                None => None,
            };
            if let Some(list) = list {
                for (k, m) in items.iter().enumerate() {
                    // An item runs to the next marker of any list (a new 一是 after
                    // 九是 starts another list), else to the end of the paragraph: a
                    // last item that ran to the paragraph's end whatever followed
                    // made a paragraph of n lists hold n copies of its rest (memory
                    // quadratic in the paragraph's length).
                    let end = found.get(i + k + 1).map_or(paragraph.span.end, |n| n.begin);
                    measures.push(item(chars, m, end, p, list));
                }
                let last = &items[run - 1];
                // Items may go on in the next paragraphs only as line items after a
                // lead-in that ends in ： (主要措施如下：\n一是…\n二是…). Paragraphs
                // that each open with one marker and run on are paragraphs: one
                // marker per paragraph is not a list (../shared/ANNOTATION.md).
                let line_items = lists[list].lead_sentence.is_some_and(|s| {
                    let end = outline.sentences[s].span.end;
                    matches!(chars[end - 1], '：' | ':')
                });
                if i + run == found.len()
                    && run == 1
                    && last.begin == paragraph.span.begin
                    && line_items
                {
                    open = Some((last.family, last.number, list));
                }
            }
            i += run;
        }
    }
    drop_single_item_lists(&mut measures, &mut lists);
    (measures, lists)
}

/// Length of the run of consecutive numbers of one family starting at `found[from]`.
fn run_from(found: &[Marker], from: usize) -> usize {
    let mut n = 1;
    while from + n < found.len()
        && found[from + n].family == found[from].family
        && found[from + n].number == found[from + n - 1].number + 1
    {
        n += 1;
    }
    n
}

fn item(chars: &[char], m: &Marker, end: usize, paragraph: usize, list: usize) -> Measure {
    let end = trim_end(chars, m.begin, end);
    Measure {
        ordinal: m.number,
        marker: m.written.clone(),
        label: label(chars, m.content.min(end), end),
        span: Span::new(m.begin, end),
        paragraph,
        list,
    }
}

/// The sentence before the first item in its paragraph or, when the list opens its
/// paragraph, the previous paragraph's last sentence if that ends in ：.
fn lead_sentence(chars: &[char], outline: &Outline, p: usize, first_item: usize) -> Option<usize> {
    // Sentences are in document order: a binary search finds the last one of the
    // paragraph that ends before the limit (a scan of all of them made a paragraph
    // of many lists quadratic).
    let before = |para: usize, limit: usize| {
        let k = outline
            .sentences
            .partition_point(|s| s.paragraph < para || s.paragraph == para && s.span.end <= limit);
        k.checked_sub(1)
            .filter(|&i| outline.sentences[i].paragraph == para)
    };
    before(p, first_item).or_else(|| {
        let previous = p.checked_sub(1)?;
        (outline.paragraphs[previous].section == outline.paragraphs[p].section).then_some(())?;
        let i = before(previous, usize::MAX)?;
        let end = outline.sentences[i].span.end;
        matches!(chars[end - 1], '：' | ':').then_some(i)
    })
}

/// Removes lists with a single item (一是 alone is not an enumeration), renumbering.
fn drop_single_item_lists(measures: &mut Vec<Measure>, lists: &mut Vec<MeasureList>) {
    let mut counts = vec![0usize; lists.len()];
    for m in measures.iter() {
        counts[m.list] += 1;
    }
    let mut new_index = vec![None; lists.len()];
    let mut kept = Vec::new();
    for (i, list) in lists.drain(..).enumerate() {
        if counts[i] >= 2 {
            new_index[i] = Some(kept.len());
            kept.push(list);
        }
    }
    *lists = kept;
    measures.retain_mut(|m| match new_index[m.list] {
        Some(n) => {
            m.list = n;
            true
        }
        None => false,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structure;

    fn check(text: &str, expected: &[(u32, &str, &str)]) -> Vec<MeasureList> {
        let outline = structure::parse(text);
        let chars: Vec<char> = text.chars().collect();
        let (measures, lists) = find(&chars, &outline);
        let got: Vec<(u32, String, String)> = measures
            .iter()
            .map(|m| (m.ordinal, m.marker.clone(), m.label.clone()))
            .collect();
        let expected: Vec<(u32, String, String)> = expected
            .iter()
            .map(|(o, m, l)| (*o, (*m).to_owned(), (*l).to_owned()))
            .collect();
        assert_eq!(got, expected, "{text}");
        lists
    }

    #[test]
    fn in_paragraph_lists_with_lead_sentence() {
        let lists = check(
            "采取了一系列重大措施。一是加强交往，首先是领导人。二是为发展中国家说话，支持。三是给予帮助。",
            &[
                (1, "一是", "加强交往"),
                (2, "二是", "为发展中国家说话"),
                (3, "三是", "给予帮助"),
            ],
        );
        assert_eq!(lists.len(), 1);
        assert_eq!(lists[0].lead_sentence, Some(0));
        check(
            "第一，稳增长；第二，促改革。",
            &[(1, "第一", "稳增长"), (2, "第二", "促改革")],
        );
        check(
            "一要坚持，二要创新。",
            &[(1, "一要", "坚持"), (2, "二要", "创新")],
        );
    }

    #[test]
    fn an_item_ends_where_the_next_list_begins() {
        let text = "一是甲。二是乙。一是丙。二是丁。";
        let outline = crate::structure::parse(text);
        let chars: Vec<char> = text.chars().collect();
        let (measures, lists) = find(&chars, &outline);
        assert_eq!(lists.len(), 2);
        let spans: Vec<String> = measures
            .iter()
            .map(|m| chars[m.span.begin..m.span.end].iter().collect())
            .collect();
        assert_eq!(spans, ["一是甲。", "二是乙。", "一是丙。", "二是丁。"]);
    }

    #[test]
    fn paragraph_opener_lists() {
        let lists = check(
            "主要措施如下：\n一是加强交往。\n二是扩大合作，深化交流。\n其他正文。\n",
            &[(1, "一是", "加强交往"), (2, "二是", "扩大合作")],
        );
        assert_eq!(lists[0].lead_sentence, Some(0));
    }

    #[test]
    fn not_lists() {
        check("统一是关键。唯一要求是。", &[]);
        check("一是孤立的一项。", &[]);
        check("二是没有开头。三是也没有。", &[]);
    }
}
