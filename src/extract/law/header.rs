//! A law's header: the lines before its first article that say when and by whom it
//! was adopted, published, amended and put in force.
//!
//! ```text
//! 1994年10月27日 第八届全国人民代表大会常务委员会第十次会议通过
//! 2018年10月26日 第十三届全国人民代表大会常务委员会第六次会议《关于修改〈中华人民共和国野生动物保护法〉等十五部法律的决定》第一次修正
//! 2015年9月1日 施行
//! ```
//!
//! Each date opens a clause that runs to the next date; the clause's verb says what
//! happened on it. The older form in brackets (（1979年7月1日…通过　根据1997年…修订）)
//! reads the same way.

use super::title::work_key;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// What a law's header states.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Header {
    /// The date it was adopted (通过), `YYYY-MM-DD`.
    pub adopted: Option<String>,
    /// The organ that adopted it (or, for a regulation only issued, that issued it),
    /// by name: 全国人民代表大会常务委员会.
    pub passed_by: Option<String>,
    /// The date it was published or issued (公布, 发布).
    pub published: Option<String>,
    /// The date it entered into force (施行).
    pub in_force: Option<String>,
    /// Its amendments and revisions, in header order.
    pub amendments: Vec<Amendment>,
}

/// One amendment (修正) or revision (修订) a header lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Amendment {
    /// Its date, `YYYY-MM-DD`.
    pub date: String,
    /// 修正 or 修订.
    pub kind: String,
    /// Its ordinal as written (第一次修正), when stated.
    pub numbering: Option<String>,
    /// The amending act's title as written (关于修改〈…〉的决定), when named.
    pub act: Option<String>,
    /// The organ that made it.
    pub by: Option<String>,
    /// The clause as written, date included.
    pub text: String,
}

static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日").unwrap());

/// Reads the header lines of a law.
///
/// ```
/// use policykg::extract::law::header;
/// let h = header::parse("1994年10月27日 第八届全国人民代表大会常务委员会第十次会议通过\n\
///     2018年10月26日 第十三届全国人民代表大会常务委员会第六次会议《关于修改〈中华人民共和国野生动物保护法〉等十五部法律的决定》第一次修正\n\
///     2015年9月1日 施行");
/// assert_eq!(h.adopted.as_deref(), Some("1994-10-27"));
/// assert_eq!(h.passed_by.as_deref(), Some("全国人民代表大会常务委员会"));
/// assert_eq!(h.in_force.as_deref(), Some("2015-09-01"));
/// let a = &h.amendments[0];
/// assert_eq!((a.date.as_str(), a.kind.as_str(), a.numbering.as_deref()), ("2018-10-26", "修正", Some("第一次修正")));
/// assert_eq!(a.act.as_deref(), Some("关于修改〈中华人民共和国野生动物保护法〉等十五部法律的决定"));
/// ```
pub fn parse(text: &str) -> Header {
    let mut header = Header::default();
    let dates: Vec<_> = DATE.captures_iter(text).collect();
    for (i, c) in dates.iter().enumerate() {
        let whole = c.get(0).unwrap();
        let end = dates
            .get(i + 1)
            .map_or(text.len(), |next| next.get(0).unwrap().start());
        let (Ok(y), Ok(m), Ok(d)) = (
            c[1].parse::<u32>(),
            c[2].parse::<u32>(),
            c[3].parse::<u32>(),
        ) else {
            continue;
        };
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            continue;
        }
        let date = format!("{y:04}-{m:02}-{d:02}");
        let clause = text[whole.end()..end]
            .trim_matches(|c: char| c.is_whitespace() || "（）()根据，,；;。".contains(c));
        let last = |words: &[&str]| words.iter().filter_map(|w| clause.rfind(w)).max();
        // 修订通过 and 通过的《…修正案》 are amendments too.
        let amended = last(&["修正", "修订"]).filter(|&at| {
            last(&["通过", "施行", "公布", "发布"]).is_none_or(|o| o < at)
                || clause[at..].starts_with("修订通过")
                || clause[at..].starts_with("修正通过")
                || clause.contains("修正案》")
        });
        if let Some(at) = amended {
            static NUMBERING: LazyLock<Regex> =
                LazyLock::new(|| Regex::new(r"第[一二三四五六七八九十]+次(修正|修订)").unwrap());
            static ACT: LazyLock<Regex> =
                LazyLock::new(|| Regex::new(r"《([^《》]{2,120})》").unwrap());
            header.amendments.push(Amendment {
                date,
                kind: if clause.contains("修正案》") {
                    "修正".to_owned()
                } else {
                    clause[at..].chars().take(2).collect()
                },
                numbering: NUMBERING.find(clause).map(|m| m.as_str().to_owned()),
                act: ACT.captures(clause).map(|c| c[1].to_owned()),
                by: organ(clause),
                text: text[whole.start()..end]
                    .trim()
                    .trim_end_matches("根据")
                    .trim()
                    .to_owned(),
            });
            continue;
        }
        // One clause may say several things: 公告公布施行.
        if clause.contains("通过") && header.adopted.is_none() {
            header.adopted = Some(date.clone());
            header.passed_by = organ(clause).or(header.passed_by);
        }
        if clause.contains("施行") && header.in_force.is_none() {
            header.in_force = Some(date.clone());
        }
        if (clause.contains("公布") || clause.contains("发布") || clause.contains("颁布"))
            && header.published.is_none()
        {
            header.published = Some(date);
            if header.adopted.is_none() {
                header.passed_by = organ(clause);
            }
        }
    }
    header
}

/// The organ a clause names before its session or order: 第十三届全国人民代表大会
/// 常务委员会第六次会议 → 全国人民代表大会常务委员会; 中华人民共和国交通部令第8号 →
/// 中华人民共和国交通部; 国务院第X次常务会议 → 国务院.
fn organ(clause: &str) -> Option<String> {
    static TERM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"第[一二三四五六七八九十百零〇0-9]+届").unwrap());
    static CUT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"第[一二三四五六七八九十百千零〇0-9]+次|常务会议|会议|令|公告|《|〈|通过|发布|公布|修正|修订|批准|施行|[（(，,　 ]")
            .unwrap()
    });
    let clause = clause.trim_start_matches(|c: char| c.is_whitespace() || c == '经');
    let clause = TERM.replace_all(clause, "");
    let end = CUT.find(&clause).map_or(clause.len(), |m| m.start());
    let name = clause[..end].trim();
    (name.chars().count() >= 2).then(|| name.to_owned())
}

/// The work key of an amendment's act, when it names one.
pub(crate) fn act_key(amendment: &Amendment) -> Option<String> {
    amendment.act.as_deref().map(work_key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organs_of_headers() {
        for (clause, name) in [
            ("第十三届全国人民代表大会第三次会议通过", "全国人民代表大会"),
            (
                "最高人民检察院第十三届检察委员会第二十八次会议通过",
                "最高人民检察院检察委员会",
            ),
            ("中华人民共和国交通部令第8号发布", "中华人民共和国交通部"),
            ("国务院第100次常务会议通过", "国务院"),
            (
                "上海市第十五届人民代表大会常务委员会第十六次会议通过",
                "上海市人民代表大会常务委员会",
            ),
            ("经国务院批准", "国务院"),
        ] {
            assert_eq!(organ(clause).as_deref(), Some(name), "{clause}");
        }
    }

    #[test]
    fn bracketed_header_with_revision() {
        let h = parse(
            "（1979年7月1日第五届全国人民代表大会第二次会议通过　1997年3月14日第八届全国人民代表大会第五次会议修订　根据2020年12月26日第十三届全国人民代表大会常务委员会第二十四次会议通过的《中华人民共和国刑法修正案（十一）》修正）",
        );
        assert_eq!(h.adopted.as_deref(), Some("1979-07-01"));
        assert_eq!(h.passed_by.as_deref(), Some("全国人民代表大会"));
        assert_eq!(h.amendments.len(), 2);
        assert_eq!(h.amendments[0].kind, "修订");
        assert_eq!(h.amendments[1].kind, "修正");
        assert_eq!(
            act_key(&h.amendments[1]).as_deref(),
            Some("刑法修正案（十一）")
        );
    }

    #[test]
    fn revisions_adopted_and_constitutional_amendments() {
        let h = parse(
            "1993年10月5日 中华人民共和国国务院令第130号公布\n2008年11月19日 国务院第36次常务会议修订通过\n2009年1月1日 施行",
        );
        assert_eq!(h.published.as_deref(), Some("1993-10-05"));
        assert_eq!(h.amendments.len(), 1);
        assert_eq!(h.amendments[0].kind, "修订");
        let h = parse(
            "1982年12月4日 第五届全国人民代表大会第五次会议通过\n1982年12月4日 全国人民代表大会公告公布施行\n1988年4月12日 第七届全国人民代表大会第一次会议通过的《中华人民共和国宪法修正案》",
        );
        assert_eq!(
            (h.published.as_deref(), h.in_force.as_deref()),
            (Some("1982-12-04"), Some("1982-12-04"))
        );
        assert_eq!(h.amendments.len(), 1);
        assert_eq!(act_key(&h.amendments[0]).as_deref(), Some("宪法修正案"));
    }

    #[test]
    fn issued_regulation() {
        let h = parse(
            "1996年9月19日 经国务院批准　\n\n1996年10月3日 中华人民共和国交通部令第8号发布　",
        );
        assert_eq!(h.adopted, None);
        assert_eq!(h.published.as_deref(), Some("1996-10-03"));
        assert_eq!(h.passed_by.as_deref(), Some("中华人民共和国交通部"));
    }
}
