//! Structure tests through one `outline` helper that renders the tree as text.

use super::*;

/// Renders sections as `level ordinal numbering title` lines and paragraphs as `  ¶`.
fn outline(text: &str) -> String {
    let o = parse(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut paras = o.paragraphs.iter().peekable();
    let mut emit_paras = |section: Option<usize>, out: &mut String| {
        while let Some(p) = paras.next_if(|p| p.section == section) {
            let t: String = chars[p.span.begin..p.span.end].iter().take(8).collect();
            let marker = if p.list_item { "•" } else { "¶" };
            out.push_str(&format!(
                "{}{marker}{} {t}\n",
                "  ".repeat(depth(&o, section)),
                p.ordinal
            ));
        }
    };
    emit_paras(None, &mut out);
    for (i, s) in o.sections.iter().enumerate() {
        out.push_str(&format!(
            "{}{} {} {} {}\n",
            "  ".repeat(s.level as usize - 1),
            s.level,
            s.ordinal,
            s.numbering,
            s.title
        ));
        emit_paras(Some(i), &mut out);
    }
    out
}

fn depth(o: &Outline, section: Option<usize>) -> usize {
    section.map_or(0, |s| o.sections[s].level as usize)
}

#[test]
fn seed_like_chapter_with_repeated_section() {
    let text = "(一) 甲节\n正文一。\n(一) 甲节\n正文一。\n(二) 乙节\n正文二。正文三。\n";
    let o = parse(text);
    assert_eq!(
        outline(text),
        "1 1 (一) 甲节\n  ¶1 正文一。\n1 2 (二) 乙节\n  ¶1 正文二。正文三。\n"
    );
    assert_eq!(o.diagnostics.len(), 1);
    let message = &o.diagnostics[0].message;
    assert!(
        message.contains("line 3") && message.contains("line 1"),
        "{message}"
    );
    assert_eq!(o.sentences.len(), 3);
}

#[test]
fn law_in_markdown_and_plain_text_give_the_same_outline() {
    let md = "# 中华人民共和国某法\n\n<!-- INFO END -->\n\n## 第一章 总　则\n\n第一条 为了规范，制定本法。\n\n第二条 本法适用于：\n\n（一）甲；\n\n（二）乙。\n\n前款规定。\n\n## 第二章 附则\n\n### 第一节 一般规定\n\n第三条　本法自公布之日起施行。\n";
    let plain: String = md
        .lines()
        .map(|l| format!("{}\n", l.trim_start_matches('#').trim_start()))
        .collect();
    let expected = "1 1 第一章 总则\n  2 1 第一条 \n    ¶1 为了规范，制定本\n  2 2 第二条 \n    ¶1 本法适用于：\n    •2 （一）甲；\n    •3 （二）乙。\n    ¶4 前款规定。\n1 2 第二章 附则\n  2 1 第一节 一般规定\n    3 3 第三条 \n      ¶1 本法自公布之日起\n";
    assert_eq!(outline(md), expected);
    // Without `#`, the title line is a paragraph before the first section.
    assert_eq!(outline(&plain), format!("¶1 中华人民共和国某\n{expected}"));
}

#[test]
fn report_headings_run_in_headings_and_list_items() {
    let text = "一、2025年工作回顾\n过去一年，主要做了以下工作：\n（一）稳增长。全年增长5%。\n（二）促转型。\n二、2026年工作安排\n（一）加快发展新质生产力。我们将推进。\n（二）深化改革\n1. 国企改革\n推进国企改革。\n";
    assert_eq!(
        outline(text),
        "1 1 一、 2025年工作回顾\n  ¶1 过去一年，主要做\n  •2 （一）稳增长。全\n  •3 （二）促转型。\n1 2 二、 2026年工作安排\n  2 1 （一） 加快发展新质生产力\n    ¶1 我们将推进。\n  2 2 （二） 深化改革\n    3 1 1. 国企改革\n      ¶1 推进国企改革。\n"
    );
}

/// A report's lead-in ending in ： (具体抓好9个方面工作：) announces sections, not a
/// list (16 of the 25 shared reports write one before their first （一）): a title
/// alone on its line with body text after it, or a run-in title that goes on with a
/// paragraph, opens a section; short items of a sentence or two stay list items.
#[test]
fn headings_after_a_lead_in_are_sections() {
    // 云南's work plan: a title alone on its line.
    let text = "三、2026年重点工作\n具体抓好9个方面工作：\n（一）巩固壮大实体经济根基，纵深推进产业强省建设\n做强做优做大资源型产业。实施新一轮重点产业链高质量发展行动。\n（二）促进消费和投资良性互动，有效释放内需潜力\n深入实施提振消费专项行动。\n";
    assert_eq!(
        outline(text),
        "1 3 三、 2026年重点工作\n  ¶1 具体抓好9个方面\n  2 1 （一） 巩固壮大实体经济根基，纵深推进产业强省建设\n    ¶1 做强做优做大资源\n  2 2 （二） 促进消费和投资良性互动，有效释放内需潜力\n    ¶1 深入实施提振消费\n"
    );
    // Run-in titles, each going on with a paragraph, one line after another.
    let body = "统筹抓好促消费和扩投资，全力释放消费潜力，实施提振消费专项行动，推动重大项目建设，扩大有效投资，稳住经济基本盘。".repeat(2);
    let text = format!(
        "三、2026年重点工作\n重点抓好以下两个方面：\n（一）奋力推进全方位扩大内需。{body}\n（二）奋力推进科技创新。{body}\n"
    );
    assert_eq!(
        outline(&text),
        "1 3 三、 2026年重点工作\n  ¶1 重点抓好以下两个\n  2 1 （一） 奋力推进全方位扩大内需\n    ¶1 统筹抓好促消费和\n  2 2 （二） 奋力推进科技创新\n    ¶1 统筹抓好促消费和\n"
    );
    // Titles alone on consecutive lines are a list.
    let text = "三、措施\n主要措施如下：\n（一）加强组织领导\n（二）强化资金保障\n";
    assert_eq!(
        outline(text),
        "1 3 三、 措施\n  ¶1 主要措施如下：\n  •2 （一）加强组织领\n  •3 （二）强化资金保\n"
    );
}

/// In a report that starts inside a section (an excerpt, a page cut short), a
/// numbering of a higher rank closes the lower ones: 三、 after （七） is a part, and the
/// （一） after it is its child. The （七） before it lies inside a part the text does
/// not show: level 2 with no parent, and what is under it one level deeper still.
#[test]
fn report_numberings_rank_by_the_usual_hierarchy() {
    let text = "（七）稳住工业基本盘\n推进治理。\n三、年度主要任务\n（一）甲节\n正文。\n";
    assert_eq!(
        outline(text),
        "  2 7 （七） 稳住工业基本盘\n    ¶1 推进治理。\n1 3 三、 年度主要任务\n  2 1 （一） 甲节\n    ¶1 正文。\n"
    );
    let o = parse(text);
    assert_eq!(o.sections[0].parent, None);
    // Two ranks above 1. in the report: it goes down by two; a report that
    // starts with （一） and never uses 一、 keeps it at the top.
    let text = "1.推进治理\n正文。\n（二）加强保护\n正文。\n二、主要任务\n正文。\n";
    let levels: Vec<u32> = parse(text).sections.iter().map(|s| s.level).collect();
    assert_eq!(levels, [3, 2, 1]);
    let levels: Vec<u32> = parse("（一）甲节\n正文。\n（二）乙节\n正文。\n")
        .sections
        .iter()
        .map(|s| s.level)
        .collect();
    assert_eq!(levels, [1, 1]);
}

#[test]
fn long_numbered_body_lines_are_paragraphs() {
    let text = "一、总体要求\n（一）这是一个很长的编号正文行，它包含逗号，并且远远超过了一个标题应有的长度，所以它是正文而不是标题。\n";
    assert_eq!(outline(text), "1 1 一、 总体要求\n  ¶1 （一）这是一个很\n");
}

#[test]
fn offsets_are_code_points_into_the_text() {
    let text = "\u{feff}（一）标题\r\n  正文。第二句！\n";
    let o = parse(text);
    let chars: Vec<char> = text.chars().collect();
    let slice = |s: Span| chars[s.begin..s.end].iter().collect::<String>();
    assert_eq!(slice(o.sections[0].heading), "（一）标题");
    assert_eq!(slice(o.paragraphs[0].span), "正文。第二句！");
    assert_eq!(slice(o.sentences[1].span), "第二句！");
}

#[test]
fn noise_lines_are_not_content() {
    let text = "下载\n打印\n全屏\n【字号：\n加大\n】\n一、回顾\n正文。\n";
    assert_eq!(outline(text), "1 1 一、 回顾\n  ¶1 正文。\n");
    // Front matter is metadata and text, never a heading.
    let text = "2026年某省政府工作报告\n——2026年1月27日在某省第十四届人民代表大会第五次会议上\n来源：某日报\n一、回顾\n正文。\n";
    let o = parse(text);
    assert_eq!(o.front_matter.date.as_deref(), Some("2026-01-27"));
    assert_eq!(o.sections.len(), 1);
    assert_eq!(o.paragraphs.len(), 4);
}

#[test]
fn topic_lines_of_reports_are_headings() {
    let text = "各位代表：\n现在，我代表省人民政府向大会报告工作。\n一、工作回顾\n这五年，我们坚定不移走生态优先绿色发展之路，生态文明建设展现新面貌。\n构建国土空间规划体系，森林覆盖率达到65%。\n——能源革命纵深推进。\n五年生产原煤65亿吨，占全国近三成。\n一是经济增长好于预期。地区生产总值增长5.2%。\n过去一年，我们主要做了以下工作。\n（一）稳增长\n正文。\n附件\n2026年民生实事\n1.就业。\n名词解释\n";
    let o = parse(text);
    let headings: Vec<(u32, &str, &str)> = o
        .sections
        .iter()
        .map(|s| (s.level, s.numbering.as_str(), s.title.as_str()))
        .collect();
    assert_eq!(
        headings,
        [
            (1, "一、", "工作回顾"),
            (
                2,
                "",
                "这五年，我们坚定不移走生态优先绿色发展之路，生态文明建设展现新面貌"
            ),
            (2, "——", "能源革命纵深推进"),
            (2, "（一）", "稳增长"),
            (1, "附件", "2026年民生实事"),
            (2, "1.", "就业"),
            (1, "", "名词解释"),
        ]
    );
}
