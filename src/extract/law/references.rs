//! References to articles (第X条, 第X条第X款, 第X条第（X）项, 第X条至第Y条, 前款, 前条,
//! 本条) and the law each belongs to (本法, 《X》, 刑法, 该法), read sentence by
//! sentence.

use super::title::{short_titles, work_key};
use super::{ArticleReference, Target, WorkRef};
use crate::numerals;
use crate::structure::Span;
use regex::Regex;
use std::sync::LazyLock;

const NUM: &str = "[一二三四五六七八九十百千零〇两0-9]+";

static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    let bare = short_titles()
        .iter()
        .map(|t| regex::escape(t))
        .collect::<Vec<_>>()
        .join("|");
    let pattern = format!(
        "(?:《(?P<title>[^《》\\n]{{1,120}})》\
         |(?P<own>本(?:实施)?(?:法|条例|规定|办法|解释|细则|规则|决定|准则|通则|章程|规程))\
         |(?P<that>该(?:法|条例|规定|办法|解释|决定))\
         |(?P<bare>{bare}))?\
         (?:(?:第(?P<a>{NUM})条(?:之(?P<asub>{NUM}))?(?:至第(?P<b>{NUM})条(?:之(?P<bsub>{NUM}))?)?|(?P<relart>前条|本条))\
         (?:第(?P<p>{NUM})款|(?P<relp>前款|本款))?\
         (?:第[（(](?P<i>{NUM})[）)]项|第(?P<i2>{NUM})项)?\
         |(?:第(?P<p2>{NUM})款|(?P<relp2>前款|本款))(?:第[（(](?P<i3>{NUM})[）)]项|第(?P<i4>{NUM})项)?\
         |第[（(](?P<i5>{NUM})[）)]项|第(?P<i6>{NUM})项)"
    );
    Regex::new(&pattern).expect("reference pattern compiles")
});

/// Where a sentence is in its law: its article and 款, and the article before.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Position<'a> {
    pub article: Option<&'a str>,
    pub previous_article: Option<&'a str>,
    pub paragraph: Option<u32>,
}

/// The key of an article number: 20, or 10-1 for 第十条之一.
pub(crate) fn article_key(number: u64, sub: Option<u64>) -> String {
    match sub {
        Some(s) => format!("{number}-{s}"),
        None => number.to_string(),
    }
}

fn number(m: Option<regex::Match>) -> Option<u64> {
    m.and_then(|m| numerals::parse(m.as_str()))
        .filter(|&n| n > 0 && n < 100_000)
}

/// Words that end a title of some law the short titles do not know (征管法,
/// 实施条例): a 第X条 right after one is that law's, not this one's.
fn ends_with_title_word(before: &str) -> bool {
    [
        "法",
        "条例",
        "规定",
        "办法",
        "解释",
        "细则",
        "规则",
        "决定",
        "通则",
        "章程",
        "规程",
        "公约",
        "协定",
        "修正案",
    ]
    .iter()
    .any(|w| before.ends_with(w))
}

/// Finds the article references of one sentence. `own` is the law the document
/// is (or amends), `None` in a document that is not a law; 该法 is the law last
/// named before it in the sentence.
pub(crate) fn find(
    sentence: &str,
    begin: usize,
    index: usize,
    own: Option<&str>,
    position: Position,
    out: &mut Vec<ArticleReference>,
) {
    let mut chars_before = 0; // code points before `scanned`
    let mut scanned = 0; // bytes
    let mut previous: Option<(usize, WorkRef, Target)> = None; // end (bytes), work, target
    // The laws named in the sentence, by where they end, for 该法's antecedent.
    static TITLE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"《([^《》\n]{1,120})》").unwrap());
    let mut named: Vec<(usize, String)> = TITLE
        .captures_iter(sentence)
        .map(|c| (c.get(0).unwrap().end(), work_key(&c[1])))
        .chain(
            super::title::short_title_matcher()
                .find_iter(sentence)
                .map(|m| (m.end(), sentence[m.range()].to_owned())),
        )
        .collect();
    named.sort();
    for c in REFERENCE.captures_iter(sentence) {
        let whole = c.get(0).unwrap();
        chars_before += sentence[scanned..whole.start()].chars().count();
        scanned = whole.start();
        let start = chars_before;
        let length = whole.as_str().chars().count();
        let before = &sentence[..whole.start()];
        let continues = previous.as_ref().filter(|(end, ..)| {
            let gap = &sentence[*end..whole.start()];
            gap.chars().count() <= 3 && gap.chars().all(|c| "、和及与或者以及至，,".contains(c))
        });
        let article = number(c.name("a")).map(|n| article_key(n, number(c.name("asub"))));
        let through = number(c.name("b")).map(|n| article_key(n, number(c.name("bsub"))));
        let small = |name: &str| number(c.name(name)).and_then(|n| u32::try_from(n).ok());
        let paragraph = small("p").or(small("p2"));
        let item = small("i")
            .or(small("i2"))
            .or(small("i3"))
            .or(small("i4"))
            .or(small("i5"));
        let loose_item = small("i6");
        let relative_article = c.name("relart").map(|m| m.as_str());
        // 本条例, 本条款: the law or a clause in general, not this article.
        if relative_article.is_some() && sentence[whole.end()..].starts_with(['例', '款']) {
            previous = None;
            continue;
        }
        let relative_paragraph = c.name("relp").or(c.name("relp2")).map(|m| m.as_str());
        let named_work = c.name("title").map(|t| work_key(t.as_str()));
        let bare_work = c.name("bare").map(|t| t.as_str().to_owned());
        let work = if let Some(key) = named_work.or(bare_work) {
            Some(if own == Some(key.as_str()) {
                WorkRef::This
            } else {
                WorkRef::Work(key)
            })
        } else if c.name("own").is_some() {
            own.map(|_| WorkRef::This)
        } else if c.name("that").is_some() {
            let at = named.partition_point(|(end, _)| *end <= whole.start());
            at.checked_sub(1).map(|i| WorkRef::Work(named[i].1.clone()))
        } else if let Some((_, work, _)) = continues {
            Some(work.clone())
        } else if ends_with_title_word(before) {
            None
        } else {
            own.map(|_| WorkRef::This)
        };
        let inherited = continues.map(|(_, _, t)| t.clone());
        let this = work == Some(WorkRef::This);
        let target = if let Some(article) = article {
            Some(Target {
                article,
                through,
                paragraph,
                item,
            })
        } else if let Some(relative) = relative_article {
            let article = match relative {
                "本条" => position.article,
                _ => position.previous_article,
            };
            article.filter(|_| this).map(|a| Target {
                article: a.to_owned(),
                through: None,
                paragraph,
                item,
            })
        } else if paragraph.is_some() || relative_paragraph.is_some() {
            let paragraph = match relative_paragraph {
                Some("本款") => position.paragraph,
                Some(_) => position
                    .paragraph
                    .and_then(|k| k.checked_sub(1))
                    .filter(|&k| k > 0),
                None => paragraph,
            };
            let article = match &inherited {
                Some(t) => Some(t.article.clone()),
                None => position.article.filter(|_| this).map(str::to_owned),
            };
            article.zip(paragraph).map(|(article, paragraph)| Target {
                article,
                through: None,
                paragraph: Some(paragraph),
                item,
            })
        } else {
            // An item alone: of the 款 of the reference it continues, or, written
            // with brackets, of the 款 it is in.
            let item = item.or(loose_item.filter(|_| inherited.is_some()));
            match (&inherited, item) {
                (Some(t), Some(item)) => Some(Target {
                    article: t.article.clone(),
                    through: None,
                    paragraph: t.paragraph,
                    item: Some(item),
                }),
                (None, Some(item)) if this && loose_item.is_none() => {
                    position.article.map(|a| Target {
                        article: a.to_owned(),
                        through: None,
                        paragraph: position.paragraph,
                        item: Some(item),
                    })
                }
                _ => None,
            }
        };
        if let (Some(work), Some(target)) = (work, target) {
            out.push(ArticleReference {
                span: Span::new(begin + start, begin + start + length),
                sentence: index,
                text: whole.as_str().to_owned(),
                work: work.clone(),
                target: target.clone(),
            });
            previous = Some((whole.end(), work, target));
        } else {
            previous = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(
        sentence: &str,
        own: Option<&str>,
        article: Option<&str>,
        paragraph: Option<u32>,
    ) -> Vec<String> {
        let mut out = Vec::new();
        let position = Position {
            article,
            previous_article: Some("1"),
            paragraph,
        };
        find(sentence, 0, 0, own, position, &mut out);
        out.iter()
            .map(|r| {
                let work = match &r.work {
                    WorkRef::This => "本".to_owned(),
                    WorkRef::Work(w) => w.clone(),
                };
                let t = &r.target;
                format!(
                    "{}={work}:{}{}{}{}",
                    r.text,
                    t.article,
                    t.through
                        .as_ref()
                        .map(|a| format!("..{a}"))
                        .unwrap_or_default(),
                    t.paragraph.map(|p| format!("/{p}")).unwrap_or_default(),
                    t.item.map(|i| format!("({i})")).unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn forms_of_reference() {
        assert_eq!(
            refs(
                "有本法第五十三条第（二）项规定情形的，依照刑法第一百二十条、第一百二十条之一处理。",
                Some("广告法"),
                Some("60"),
                Some(1)
            ),
            [
                "本法第五十三条第（二）项=本:53(2)",
                "刑法第一百二十条=刑法:120",
                "第一百二十条之一=刑法:120-1"
            ]
        );
        assert_eq!(
            refs(
                "依照《中华人民共和国民法典》第五百八十四条第一款、第二款的规定。",
                None,
                None,
                None
            ),
            [
                "《中华人民共和国民法典》第五百八十四条第一款=民法典:584/1",
                "第二款=民法典:584/2"
            ]
        );
        assert_eq!(
            refs(
                "违反前款规定，或者有本条第一款第（三）项、第（四）项行为的，适用第十条至第十二条。",
                Some("x"),
                Some("7"),
                Some(2)
            ),
            [
                "前款=本:7/1",
                "本条第一款第（三）项=本:7/1(3)",
                "第（四）项=本:7/1(4)",
                "第十条至第十二条=本:10..12"
            ]
        );
    }

    #[test]
    fn this_regulation_is_not_this_article() {
        assert!(
            refs(
                "违反本条例规定的，依照本条例处罚。",
                Some("x"),
                Some("3"),
                Some(1)
            )
            .is_empty()
        );
        assert_eq!(
            refs("本条所称", Some("x"), Some("3"), Some(1)),
            ["本条=本:3"]
        );
    }

    #[test]
    fn what_is_not_this_law() {
        // An unknown law's article, a report's bare 第X条, 该法 without antecedent.
        assert!(refs("依照税收征管法第五条处理。", Some("x"), Some("1"), Some(1)).is_empty());
        assert!(refs("第十条规定", None, None, None).is_empty());
        assert!(refs("依照该法第五条处理。", Some("x"), Some("1"), Some(1)).is_empty());
        assert_eq!(
            refs(
                "《中华人民共和国公司法》规定的，依照该法第五条处理。",
                Some("x"),
                Some("1"),
                Some(1)
            ),
            ["该法第五条=公司法:5"]
        );
    }
}
