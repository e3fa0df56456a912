//! Web-page noise: toolbar lines of scraped pages (下载, 打印, 全屏, 【字号：…) that are
//! not content. Such lines never become paragraphs or sections.

/// Whole lines that are page chrome, not text.
const NOISE_LINES: &[&str] = &[
    "下载",
    "打印",
    "全屏",
    "收藏",
    "分享",
    "加大",
    "还原",
    "减小",
    "】",
    "【",
    "【字号：",
    "【字号:",
    "字号：",
    "字号",
    "大",
    "中",
    "小",
    "关闭",
    "关闭窗口",
    "打印本页",
    "返回顶部",
    "【打印】",
    "【关闭】",
    "【字体：大 中 小】",
    "<!-- INFO END -->",
    "扫一扫",
    "分享到：",
];

/// True when a trimmed line is page noise or a Markdown/HTML comment.
///
/// ```
/// use policykg::structure::noise::is_noise;
/// assert!(is_noise("全屏"));
/// assert!(is_noise("【字号：大 中 小】"));
/// assert!(!is_noise("各位代表："));
/// ```
pub fn is_noise(line: &str) -> bool {
    NOISE_LINES.contains(&line)
        || (line.starts_with("<!--") && line.ends_with("-->"))
        || (line.starts_with('【') && line.contains("字号"))
}
