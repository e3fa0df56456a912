//! Front matter of scraped reports: the title line, the dateline
//! (——2026年2月3日在…会议上) and 来源/时间 lines. They are metadata, not content.

use serde::Serialize;

/// What the opening lines of a document say about it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FrontMatter {
    /// The title line, when the text repeats its title.
    pub title: Option<String>,
    /// The dateline as written, without the leading dashes.
    pub dateline: Option<String>,
    /// The date the dateline states, as `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The publisher named on a 来源： line.
    pub source: Option<String>,
    /// The date on a 时间： or 发布时间： line, as written.
    pub published: Option<String>,
}

/// Recognises one opening line; returns true when it is front matter.
pub(crate) fn take(line: &str, front: &mut FrontMatter) -> bool {
    if let Some(rest) = line.strip_prefix("——").or_else(|| line.strip_prefix("—"))
        && front.dateline.is_none()
        && (rest.contains("会议上") || rest.contains("会上") || rest.contains("大会"))
    {
        front.date = date_of(rest);
        front.dateline = Some(rest.trim().to_owned());
        return true;
    }
    for prefix in ["来源：", "来源:"] {
        if let Some(v) = line.strip_prefix(prefix) {
            front.source = Some(v.trim().to_owned());
            return true;
        }
    }
    for prefix in ["时间：", "时间:", "发布时间：", "发布时间:", "发布日期："] {
        if let Some(v) = line.strip_prefix(prefix) {
            front.published = Some(v.trim().to_owned());
            return true;
        }
    }
    let short_title = line.chars().count() <= 40
        && !line.contains(['。', '，', '：', '；'])
        && (line.ends_with("工作报告") || line.ends_with("报告") && line.contains("政府"));
    if front.title.is_none() && short_title {
        front.title = Some(line.to_owned());
        return true;
    }
    false
}

fn date_of(text: &str) -> Option<String> {
    static DATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日").unwrap()
    });
    let c = DATE.captures(text)?;
    let (y, m, d): (u32, u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_front_matter() {
        let mut f = FrontMatter::default();
        for line in [
            "2026年上海市政府工作报告",
            "——2026年2月3日在上海市第十六届人民代表大会第四次会议上",
            "来源：解放日报",
            "时间：2026-02-09",
        ] {
            assert!(take(line, &mut f), "{line}");
        }
        assert!(!take("各位代表：", &mut f));
        assert_eq!(f.title.as_deref(), Some("2026年上海市政府工作报告"));
        assert_eq!(f.date.as_deref(), Some("2026-02-03"));
        assert_eq!(f.source.as_deref(), Some("解放日报"));
        assert_eq!(f.published.as_deref(), Some("2026-02-09"));
    }
}
