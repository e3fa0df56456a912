//! Whether a quoted phrase names a plan (a programme, initiative, campaign or
//! slogan) or is a term.

use super::*;

/// Words that 战略 opens as a compound after a quoted name (“X”战略定位): the
/// quoted name alone is the plan.
pub(super) const STRATEGY_COMPOUNDS: &[&str] = &[
    "定位", "部署", "布局", "发展", "目标", "任务", "支点", "方向", "重点", "要求", "性",
];

/// The length of 建设 after a quoted programme when it is the work the programme
/// calls for (推进“两重”建设, 支持“双一流”建设高校), not a builder (建设者).
pub(super) fn building_work(after: &str) -> Option<usize> {
    let rest = after.strip_prefix("建设")?;
    (!rest.starts_with('者')).then_some("建设".len())
}

/// What is left of a quoted amount once its numerals are removed (“十五日”, “二年内”).
pub(super) const QUOTED_AMOUNT_UNITS: &[&str] = &[
    "日",
    "年",
    "月",
    "天",
    "周",
    "个月",
    "小时",
    "分钟",
    "年内",
    "日内",
    "月内",
    "次",
    "倍",
    "元",
    "万元",
    "人",
    "个",
    "%",
    "日以内",
    "年以下",
    "年以上",
    "日以上",
];

/// Whether a quoted phrase not followed by a plan word names a programme,
/// initiative, campaign or slogan rather than a term, label, nickname or brand:
/// it is a numbered formula (“四个中心”, “两重”, “双碳”, “高效办成一件事”), ends
/// in a plan word inside the quotes (“千万工程”), or the gazetteer knows it as a
/// plan (“一带一路”). An “X+” formula names an initiative only with a plan word
/// after it (“人工智能+”行动); alone it is a model or a label (“保税+”新业态,
/// “冰雪+”融合发展, “信用+”场景). In a law a
/// quoted phrase is a defined term (“情节严重”) unless it counts something. A
/// phrase followed by a word that makes it a brand or platform (“赣莲”品牌) is not
/// a plan, nor is a ranking (“…500强”). A phrase a few characters before a plan
/// word is one (“信号升格”专项行动).
pub(super) fn names_a_plan(
    term: &str,
    before: &str,
    after: &str,
    lexicon: &Lexicon,
    legal: bool,
) -> bool {
    // Numbered by a count of items (“四个中心”, “双一流”); 零 counts none: “零距离”,
    // “零门槛” name an absence, a label, not a programme of so many parts.
    let numbered = term.chars().any(|ch| {
        (ch.is_ascii_digit() || numerals::is_numeral_char(ch) || ch == '双') && ch != '零'
    });
    if legal {
        return numbered;
    }
    if lexicon
        .lookup(term)
        .is_some_and(|e| e.kind == EntityKind::Plan)
    {
        return true;
    }
    if lexicon
        .not_plan_heads
        .iter()
        .any(|w| after.starts_with(w.as_str()))
    {
        return false;
    }
    // Nicknames, products and records rather than programmes: an ordinal
    // (“新春第一站”), a numbered model (“陇薯7号”), a run of years
    // (“十连丰”, “5连增”), a ranking, or a list or prize something is chosen
    // for (入选“中国科学十大进展”).
    let chars: Vec<char> = term.chars().collect();
    let is_number = |c: char| c.is_ascii_digit() || numerals::is_numeral_char(c);
    let ordinal = chars.windows(2).any(|w| w[0] == '第' && is_number(w[1]));
    let model = chars.windows(2).any(|w| is_number(w[0]) && w[1] == '号');
    let streak = chars.len() >= 3
        && chars[chars.len() - 2] == '连'
        && chars[..chars.len() - 2].iter().all(|&c| is_number(c));
    // A ranking (“…企业500强”, “…百强”): a list something is chosen for.
    let ranking =
        chars.len() >= 3 && chars[chars.len() - 1] == '强' && is_number(chars[chars.len() - 2]);
    // A programme's list stays the programme's (列入“双一流”建设序列).
    let chosen_for = ["入选", "荣获", "获评", "评为", "列入", "获得"]
        .iter()
        .any(|w| before.ends_with(w) || before.ends_with(&format!("{w}“")))
        && !after.starts_with("建设");
    if ordinal || model || streak || ranking || chosen_for {
        return false;
    }
    let near_plan_word = {
        let next: String = after.chars().take(5).collect();
        ["行动", "工程", "计划", "规划", "战略"]
            .iter()
            .any(|w| next.contains(w))
    };
    numbered
        || lexicon
            .plan_suffixes
            .iter()
            .any(|s| term.ends_with(s.as_str()) && term.chars().count() > s.chars().count())
        || near_plan_word
}

/// Whether the quoted `term`, with the text `after` its closing mark, names a
/// campaign: a campaign word (活动: data/rules/plan-suffixes.tsv) follows at once
/// or after 等 and at most eight characters of its kind (等惠企活动, 系列产销对接
/// 活动), unless the phrase ends as an event's name does or those characters
/// hold an event's end (“X日”活动, “Y”等赛事活动: data/rules/event-heads.tsv).
pub(super) fn names_a_campaign(term: &str, after: &str, lexicon: &Lexicon) -> bool {
    let after = after.strip_prefix('等').unwrap_or(after);
    // The words between the phrase and the campaign word.
    let Some(kind) = lexicon.campaign_words.iter().find_map(|w| {
        let kind = &after[..after.find(w.as_str())?];
        (kind.chars().count() <= 8 && kind.chars().all(|c| is_name_char(c) && !c.is_ascii()))
            .then_some(kind)
    }) else {
        return false;
    };
    !lexicon
        .event_ends
        .iter()
        .any(|e| term.ends_with(e.as_str()) || kind.contains(e.as_str()))
}
