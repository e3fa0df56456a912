//! STRUCTURE: a document's text becomes sections, paragraphs and sentences, each
//! with code-point spans into the text.
//!
//! Parsing never fails: odd input yields a flatter outline plus diagnostics.
//! This module knows nothing of extraction or RDF.

pub mod front;
pub mod noise;
pub mod numbering;
pub mod sentence;

use crate::diagnostic::Diagnostic;
use numbering::{Kind, Numbered, numbering_of};
use serde::Serialize;
use std::collections::HashMap;

/// A half-open range `[begin, end)` of code points in the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First code point, inclusive.
    pub begin: usize,
    /// Last code point, exclusive.
    pub end: usize,
}

impl Span {
    /// A span from its bounds.
    pub fn new(begin: usize, end: usize) -> Self {
        Self { begin, end }
    }

    /// True when `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.begin <= other.begin && other.end <= self.end
    }
}

/// A heading and the part of the document it opens.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Index of the parent section in [`Outline::sections`]; `None` at the top.
    pub parent: Option<usize>,
    /// Depth, 1 = outermost.
    pub level: u32,
    /// The number the numbering states (第二十三条 → 23), else the position among siblings.
    pub ordinal: u32,
    /// The numbering as written (第一章, 一、, （一）); empty for unnumbered headings.
    pub numbering: String,
    /// Which numbering convention it follows.
    pub kind: Kind,
    /// The heading text without its numbering, inner spaces removed (总　则 → 总则).
    pub title: String,
    /// 1-based line of the heading.
    pub line: usize,
    /// The heading as written (numbering and title).
    pub heading: Span,
}

/// A block of body text: one line of the source (a 款 in a law).
#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    /// The innermost section it belongs to; `None` for text before the first heading.
    pub section: Option<usize>,
    /// Position among the paragraphs of its section (or of the document), 1-based.
    pub ordinal: u32,
    /// Its text.
    pub span: Span,
    /// 1-based line.
    pub line: usize,
    /// True for enumerated items (a law's 项, `（一）…。` after a line ending in ：).
    pub list_item: bool,
}

/// A sentence of a paragraph.
#[derive(Debug, Clone, Serialize)]
pub struct Sentence {
    /// Index of its paragraph in [`Outline::paragraphs`].
    pub paragraph: usize,
    /// Position in the paragraph, 1-based.
    pub ordinal: u32,
    /// Its text.
    pub span: Span,
}

/// The structure of one document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Outline {
    /// Sections in document order; a parent always comes before its children.
    pub sections: Vec<Section>,
    /// Paragraphs in document order.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences in document order.
    pub sentences: Vec<Sentence>,
    /// Title line, dateline and 来源/时间 lines of a scraped report.
    pub front_matter: front::FrontMatter,
    /// What was odd about the text.
    pub diagnostics: Vec<Diagnostic>,
}

/// A line of the text with its position.
struct Line<'a> {
    number: usize,
    /// Code-point offset of the trimmed content.
    begin: usize,
    text: &'a str,
    /// Number of leading `#` marks, when the line is a Markdown heading.
    markdown: Option<u8>,
}

/// Splits the text into trimmed non-empty lines with code-point offsets, dropping
/// page noise and Markdown comments.
fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut offset = 0; // code points
    for (i, raw) in text.split('\n').enumerate() {
        let raw_chars = raw.chars().count();
        let lead = raw
            .chars()
            .take_while(|c| c.is_whitespace() || *c == '\u{feff}')
            .count();
        let trimmed = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        let mut begin = offset + lead;
        let mut content = trimmed;
        let mut markdown = None;
        if content.starts_with('#') {
            let hashes = content.chars().take_while(|&c| c == '#').count();
            let after = &content[hashes..];
            if hashes <= 6 && (after.is_empty() || after.starts_with([' ', '\t', '\u{3000}'])) {
                let stripped = after.trim_start_matches(|c: char| c.is_whitespace());
                begin += hashes + (after.chars().count() - stripped.chars().count());
                content = stripped.trim_end_matches([' ', '#']);
                markdown = Some(hashes as u8);
            }
        }
        if !content.is_empty() && !noise::is_noise(content) {
            out.push(Line {
                number: i + 1,
                begin,
                text: content,
                markdown,
            });
        }
        offset += raw_chars + 1;
    }
    out
}

/// Parses a document's text into its outline.
///
/// ```
/// use policykg::structure::parse;
/// let outline = parse("（一）标题\n正文一。正文二！\n（二）另一节\n正文三。");
/// assert_eq!(outline.sections.len(), 2);
/// assert_eq!(outline.sections[1].title, "另一节");
/// assert_eq!(outline.paragraphs.len(), 2);
/// assert_eq!(outline.sentences.len(), 3);
/// ```
pub fn parse(text: &str) -> Outline {
    let mut builder = Builder::default();
    let lines = lines(text);
    // A leading `# 标题` is the document's title, not a section.
    let skip_title = lines
        .first()
        .is_some_and(|l| l.markdown == Some(1) && numbering_of(l.text).is_none());
    // Topic lines without a numbering (——……。, 一是……。 alone, an unnumbered
    // one-sentence line) title paragraphs in reports; in laws every line belongs to
    // an article, and such lines are body text.
    builder.report = !lines
        .iter()
        .any(|l| numbering_of(l.text).is_some_and(|n| n.kind == Kind::Article));
    let mut opening = true;
    let body = &lines[usize::from(skip_title)..];
    let mut i = 0;
    while i < body.len() {
        let line = &body[i];
        i += 1;
        // Front matter comes before any heading or body text. Its lines stay
        // paragraphs (the title line and dateline name times and organisations) but
        // are never headings, and what they say is kept as metadata.
        if opening && front::take(line.text, &mut builder.outline.front_matter) {
            let section = builder.stack.last().map(|&(_, i)| i);
            builder.paragraph(line, 0, section, false);
            continue;
        }
        opening =
            opening && builder.outline.sections.is_empty() && builder.outline.paragraphs.len() < 6;
        if builder.line(line, body.get(i)) {
            // The line after an appendix label was its title.
            i += 1;
        }
    }
    let mut outline = builder.finish(text);
    remove_repeated_sections(text, &mut outline);
    outline
}

/// The body text, in characters, that a run-in heading after a lead-in ending in
/// ： goes on with, unlike a list item of a sentence or two.
const MIN_RUN_IN_BODY: usize = 60;

#[derive(Default)]
struct Builder {
    outline: Outline,
    /// Open sections, outermost first: (kind, index).
    stack: Vec<(Kind, usize)>,
    /// The previous body line ended with ：, so numbered lines are list items.
    list_context: bool,
    /// The kind of numbering of the current run of list items.
    list_kind: Option<Kind>,
    /// The document has no articles: topic lines can be headings.
    report: bool,
    /// The last body line opened with a measure marker (一是) in a list context (after
    /// a line ending in ：): the next marker lines are its items, not headings.
    marker_run: bool,
    /// The salutation (各位代表) or a heading was seen: the opening lines (speaker,
    /// photo caption) are over.
    past_opening: bool,
}

impl Builder {
    /// Adds one line; returns true when it also took the next line (an appendix
    /// label's title).
    fn line(&mut self, line: &Line<'_>, next: Option<&Line<'_>>) -> bool {
        if line.text.starts_with("各位代表") {
            self.past_opening = true;
        }
        let numbered = numbering_of(line.text);
        if let Some(n) = &numbered
            && n.kind == Kind::Appendix
        {
            return self.appendix(line, n, next);
        }
        let marker_line = starts_with_marker(line.text);
        if numbered.is_none()
            && line.markdown.is_none()
            && self.report
            && !self.list_context
            && !(marker_line && self.marker_run)
            && let Some(topic) = self.topic_line(line, next)
        {
            let shape = HeadingShape {
                kind: topic.kind,
                title_end: line.text.chars().count(),
                body_begin: None,
            };
            self.open_section(line, Some(&topic), &shape);
            self.past_opening = true;
            return false;
        }
        let heading = match (&numbered, line.markdown) {
            // A Markdown heading is a heading whatever its shape.
            (Some(n), md) => self.numbered_heading(line, n, next).or_else(|| {
                md.map(|_| HeadingShape {
                    kind: n.kind,
                    title_end: line.text.chars().count(),
                    body_begin: None,
                })
            }),
            (None, Some(depth)) => Some(HeadingShape {
                kind: Kind::Markdown(depth),
                title_end: line.text.chars().count(),
                body_begin: None,
            }),
            (None, None) => None,
        };
        match heading {
            Some(shape) => {
                let index = self.open_section(line, numbered.as_ref(), &shape);
                self.past_opening = true;
                self.list_context = false;
                self.list_kind = None;
                if let Some(body) = shape.body_begin {
                    self.paragraph(line, body, Some(index), false);
                }
            }
            None => {
                let list_item = numbered.is_some() && (self.list_context || self.in_article());
                if list_item {
                    self.list_kind = numbered.as_ref().map(|n| n.kind);
                } else {
                    self.list_kind = None;
                }
                let section = self.stack.last().map(|&(_, i)| i);
                self.paragraph(line, 0, section, list_item);
                self.marker_run = marker_line && (self.list_context || self.marker_run);
                self.list_context =
                    line.text.ends_with(['：', ':']) || (list_item && self.list_context);
            }
        }
        false
    }

    /// An appendix heading: 附件1 alone on its line takes the next line as its
    /// title; 名词解释 is a heading with no numbering. Returns true when the next
    /// line was taken.
    fn appendix(&mut self, line: &Line<'_>, n: &Numbered, next: Option<&Line<'_>>) -> bool {
        let len = line.text.chars().count();
        let glossary = n.numbering.starts_with("名词解释");
        let title_line = next.filter(|next| {
            !glossary
                && n.rest == len
                && numbering_of(next.text).is_none()
                && next.text.chars().count() <= 60
                && single_sentence(next.text)
        });
        let shape = HeadingShape {
            kind: Kind::Appendix,
            title_end: len,
            body_begin: None,
        };
        let numbered = if glossary {
            Numbered {
                numbering: String::new(),
                rest: 0,
                ..n.clone()
            }
        } else {
            n.clone()
        };
        let index = self.open_section(line, Some(&numbered), &shape);
        if let Some(title) = title_line {
            // One heading over two lines: the label, then its title.
            let s = &mut self.outline.sections[index];
            s.title = title
                .text
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .trim_end_matches(sentence::is_terminator)
                .to_owned();
            s.heading = Span::new(line.begin, title.begin + title.text.chars().count());
        }
        self.past_opening = true;
        self.list_context = false;
        self.list_kind = None;
        title_line.is_some()
    }

    /// A report's topic line that titles the paragraphs below it: a whole line
    /// 一是……。 or ——……。 that is one sentence, or an unnumbered one-sentence line
    /// of at most 45 characters followed by body text (这五年，我们…，…展现新面貌。).
    /// Lead-ins (重点做好以下工作。), salutations (各位代表！), citations (根据《…》),
    /// lines with figures and lines with a colon are not headings.
    fn topic_line(&self, line: &Line<'_>, next: Option<&Line<'_>>) -> Option<Numbered> {
        let text = line.text;
        if !single_sentence(text) || text.contains(['：', ':', '！', '!', '？', '?']) {
            return None;
        }
        if let Some(m) = MARKER.find(text) {
            let rest = text[m.end()..].chars().count();
            return (rest >= 4 && text.chars().count() <= 80).then(|| Numbered {
                kind: Kind::Marker,
                numbering: m.as_str().to_owned(),
                number: crate::numerals::parse(m.as_str().trim_end_matches('是'))
                    .and_then(|n| u32::try_from(n).ok()),
                rest: m.as_str().chars().count(),
            });
        }
        let dashes = text.chars().take_while(|&c| c == '—').count();
        if dashes >= 2 {
            return (text.chars().count() - dashes >= 4 && text.chars().count() <= 80).then(|| {
                Numbered {
                    kind: Kind::Dash,
                    numbering: "—".repeat(dashes),
                    number: None,
                    rest: dashes,
                }
            });
        }
        let len = text.chars().count();
        // Titles state no figures (五年生产原煤65亿吨 is body text); a year may be
        // named (2026年重点工作).
        static FIGURE: std::sync::LazyLock<regex::Regex> =
            std::sync::LazyLock::new(|| regex::Regex::new(r"[0-9０-９]+").unwrap());
        let figures = FIGURE
            .find_iter(text)
            .any(|m| !(m.as_str().chars().count() == 4 && text[m.end()..].starts_with('年')));
        let lead_in = ["以下", "如下", "下列", "方面工作", "几个方面"]
            .iter()
            .any(|w| text.contains(w));
        let introduces = next.is_some_and(|n| {
            numbering_of(n.text).is_none()
                && n.markdown.is_none()
                && n.text.chars().count() >= 20
                && n.text.contains('。')
        });
        (self.past_opening
            && !figures
            && (4..=45).contains(&len)
            && !lead_in
            && introduces
            && !text.starts_with(['（', '(', '【', '[', '《'])
            && !text.contains('《'))
        .then(|| Numbered {
            kind: Kind::Unnumbered,
            numbering: String::new(),
            number: None,
            rest: 0,
        })
    }

    fn in_article(&self) -> bool {
        self.stack.last().is_some_and(|&(k, _)| k == Kind::Article)
    }

    /// Decides whether a numbered line is a heading, and where its title ends.
    fn numbered_heading(
        &self,
        line: &Line<'_>,
        n: &Numbered,
        next: Option<&Line<'_>>,
    ) -> Option<HeadingShape> {
        let chars: Vec<char> = line.text.chars().collect();
        let rest: String = chars[n.rest..].iter().collect();
        let rest_len = chars.len() - n.rest;
        match n.kind {
            // An article always opens a section; its body is its first paragraph.
            Kind::Article => Some(HeadingShape {
                kind: n.kind,
                title_end: n.rest,
                body_begin: (rest_len > 0).then_some(n.rest),
            }),
            Kind::Part | Kind::SubPart | Kind::Chapter | Kind::Section => {
                (rest_len <= 40 && !rest.contains('。')).then_some(HeadingShape {
                    kind: n.kind,
                    title_end: chars.len(),
                    body_begin: None,
                })
            }
            _ => {
                let ends_open = !rest.ends_with(|c: char| {
                    sentence::is_terminator(c) || matches!(c, '，' | ',' | '：' | ':' | '、')
                });
                // Inside an article, （一） items are 项, never headings.
                if self.in_article() && n.kind != Kind::Appendix {
                    return None;
                }
                // Decisions and interpretations number their clauses 一、二、 at the top
                // level, each a line of body text: each clause is a section of its own
                // with no title, as an article is (even after …决定：).
                let clause_level = match self.stack.last() {
                    None => true,
                    Some(&(k, i)) => {
                        k == Kind::CnComma && self.outline.sections[i].title.is_empty()
                    }
                };
                if n.kind == Kind::CnComma && clause_level && !(ends_open && rest_len <= 50) {
                    return Some(HeadingShape {
                        kind: n.kind,
                        title_end: n.rest,
                        body_begin: Some(n.rest),
                    });
                }
                // After a line ending in ：, numbered lines are list items, unless their
                // kind is already open as a heading (二、 after （一）…（三） items).
                // In a report, a lead-in (重点抓好以下工作：, 具体抓好9个方面工作：) is
                // followed by the sections it announces, not a list: a （一） or 一、
                // line shaped as a heading (a title alone, with body text on the next
                // line, or a run-in title followed by body text) opens a section.
                let open_kind = self.stack.iter().any(|&(k, _)| k == n.kind);
                let announced = self.report && matches!(n.kind, Kind::CnParen | Kind::CnComma);
                if self.list_context && !open_kind && !announced {
                    return None;
                }
                let in_list = self.list_context && !open_kind;
                if ends_open && rest_len <= 50 {
                    let body_follows = next.is_some_and(|next| {
                        numbering_of(next.text).is_none_or(|m| m.kind != n.kind)
                    });
                    return (!in_list || body_follows).then_some(HeadingShape {
                        kind: n.kind,
                        title_end: chars.len(),
                        body_begin: None,
                    });
                }
                // A run-in heading: a short first sentence, then body text.
                let first_end = rest.chars().position(sentence::is_terminator)?;
                let first: String = rest.chars().take(first_end).collect();
                // Reports write run-in headings such as （一）着力强化内需主导作用，服务构建新发展格局。
                if first_end <= 40 && !first.contains(['：', ':', '；', ';']) {
                    let title_end = n.rest + first_end;
                    let body = title_end + 1;
                    // After a lead-in, an item of one or two sentences is a list item;
                    // a section's run-in title goes on with a paragraph of body text.
                    if in_list && chars.len() < body + MIN_RUN_IN_BODY {
                        return None;
                    }
                    return Some(HeadingShape {
                        kind: n.kind,
                        title_end,
                        body_begin: (body < chars.len()).then_some(body),
                    });
                }
                None
            }
        }
    }

    fn open_section(
        &mut self,
        line: &Line<'_>,
        n: Option<&Numbered>,
        shape: &HeadingShape,
    ) -> usize {
        let kind = shape.kind;
        // A topic line (——……。, 一是……。 alone, an unnumbered title) titles the
        // paragraphs after it, not headings: the next topic line is its sibling
        // whatever its marker, and a numbered heading closes it, unless it is a
        // top-level part title.
        let topic = |k: Kind| matches!(k, Kind::Marker | Kind::Dash | Kind::Unnumbered);
        while self.stack.len() > 1 && self.stack.last().is_some_and(|&(k, _)| topic(k)) {
            self.stack.pop();
        }
        if topic(kind) && self.stack.last().is_some_and(|&(k, _)| topic(k)) {
            self.stack.pop();
        }
        // Close sections until the new one fits: a sibling of its own kind, a child of
        // a higher legal rank, or of whatever is open for kinds ranked by appearance.
        if let Some(pos) = self.stack.iter().rposition(|&(k, _)| k == kind) {
            self.stack.truncate(pos);
        } else if let Some(rank) = kind.legal_rank() {
            while self
                .stack
                .last()
                .is_some_and(|&(k, _)| k.legal_rank().is_none_or(|r| r >= rank))
            {
                self.stack.pop();
            }
        } else if let Kind::Markdown(depth) = kind {
            while self.stack.last().is_some_and(|&(k, _)| match k {
                Kind::Markdown(d) => d >= depth,
                _ => false,
            }) {
                self.stack.pop();
            }
        } else if kind == Kind::Appendix {
            self.stack.clear();
        } else if let Some(rank) = kind.report_rank().filter(|_| self.report) {
            // In a report, a numbering of a higher rank closes the lower ones open
            // (三、 after （七）, when the text starts inside a section).
            while self
                .stack
                .last()
                .is_some_and(|&(k, _)| k.report_rank().is_some_and(|r| r > rank))
            {
                self.stack.pop();
            }
        }
        let parent = self.stack.last().map(|&(_, i)| i);
        let chars: Vec<char> = line.text.chars().collect();
        let title_begin = n.map_or(0, |n| n.rest);
        let title: String = chars[title_begin.min(shape.title_end)..shape.title_end]
            .iter()
            .filter(|c| !c.is_whitespace())
            .collect();
        let siblings = self
            .outline
            .sections
            .iter()
            .filter(|s| s.parent == parent)
            .count() as u32;
        let heading_end = if shape.body_begin.is_some() {
            // Include the terminator of a run-in title.
            (shape.title_end + 1).min(chars.len())
        } else {
            chars.len()
        };
        let heading_len = if n.is_some_and(|n| n.kind == Kind::Article) {
            n.map_or(0, |n| n.numbering.chars().count())
        } else {
            heading_end
        };
        self.outline.sections.push(Section {
            parent,
            level: self.stack.len() as u32 + 1,
            ordinal: n.and_then(|n| n.number).unwrap_or(siblings + 1),
            numbering: n.map(|n| n.numbering.clone()).unwrap_or_default(),
            kind,
            title: title.trim_end_matches(sentence::is_terminator).to_owned(),
            line: line.number,
            heading: Span::new(line.begin, line.begin + heading_len),
        });
        let index = self.outline.sections.len() - 1;
        self.stack.push((kind, index));
        index
    }

    fn paragraph(&mut self, line: &Line<'_>, from: usize, section: Option<usize>, list_item: bool) {
        let chars: Vec<char> = line.text.chars().collect();
        let lead = chars[from..]
            .iter()
            .take_while(|c| c.is_whitespace())
            .count();
        let begin = line.begin + from + lead;
        let end = line.begin + chars.len();
        if begin >= end {
            return;
        }
        let ordinal = self
            .outline
            .paragraphs
            .iter()
            .rev()
            .take_while(|p| p.section == section)
            .count() as u32
            + 1;
        let index = self.outline.paragraphs.len();
        self.outline.paragraphs.push(Paragraph {
            section,
            ordinal,
            span: Span::new(begin, end),
            line: line.number,
            list_item,
        });
        let body: String = chars[from + lead..].iter().collect();
        for (i, (b, e)) in sentence::split(&body).into_iter().enumerate() {
            self.outline.sentences.push(Sentence {
                paragraph: index,
                ordinal: i as u32 + 1,
                span: Span::new(begin + b, begin + e),
            });
        }
    }

    fn finish(self, _text: &str) -> Outline {
        let mut outline = self.outline;
        if self.report {
            deepen_leading_subsections(&mut outline);
        }
        outline
    }
}

/// In a report that starts inside a section (an excerpt from （七） on, with 三、
/// further down), the headings before the first one of the report's highest rank
/// are deeper than the top: a report's numberings have fixed ranks (一、 above
/// （一） above 1. above （1）, as GB/T 9704 sets them), so （七） is at level 2
/// though its 二、 is not in the text. Each such top-level heading and the
/// headings under it go down by the number of higher ranks the report uses; they
/// keep no parent, as the text shows none.
fn deepen_leading_subsections(outline: &mut Outline) {
    let top_rank = |s: &Section| s.parent.is_none().then(|| s.kind.report_rank()).flatten();
    let Some(highest) = outline.sections.iter().filter_map(top_rank).min() else {
        return;
    };
    let Some(first_highest) = outline
        .sections
        .iter()
        .position(|s| top_rank(s) == Some(highest))
    else {
        return;
    };
    let ranks: std::collections::BTreeSet<u8> = outline
        .sections
        .iter()
        .filter_map(|s| s.kind.report_rank())
        .collect();
    let mut shift = vec![0u32; outline.sections.len()];
    for i in 0..first_highest {
        let s = &outline.sections[i];
        shift[i] = match (s.parent, s.kind.report_rank()) {
            (Some(p), _) => shift[p],
            (None, Some(rank)) => ranks.range(..rank).count() as u32,
            (None, None) => 0,
        };
    }
    for (s, by) in outline.sections.iter_mut().zip(shift) {
        s.level += by;
    }
}

/// The measure markers a topic line or list item opens with: 一是, 二是 ….
static MARKER: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"^[一二三四五六七八九十]+是").unwrap());

fn starts_with_marker(text: &str) -> bool {
    MARKER.is_match(text)
}

/// True when a line holds one sentence: no sentence terminator but at its end.
fn single_sentence(text: &str) -> bool {
    let body = text.trim_end_matches(sentence::is_terminator);
    !body.contains(sentence::is_terminator) && !body.contains(['；', ';'])
}

/// How a heading line divides into title and body.
struct HeadingShape {
    kind: Kind,
    /// Code-point offset in the line where the title ends.
    title_end: usize,
    /// Where run-in body text starts, if the line carries some.
    body_begin: Option<usize>,
}

/// Drops a section whose heading and content repeat an earlier one verbatim (the
/// seed repeats section （一）), with a warning naming both lines.
fn remove_repeated_sections(text: &str, outline: &mut Outline) {
    if outline.sections.len() < 2 {
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    let n = outline.sections.len();
    // A section's extent ends where the next section at its level or above begins.
    let extent_end = |i: usize| -> usize {
        let level = outline.sections[i].level;
        outline.sections[i + 1..]
            .iter()
            .find(|s| s.level <= level)
            .map_or(chars.len(), |s| s.heading.begin)
    };
    let mut seen: HashMap<(u32, String), usize> = HashMap::new();
    let mut dropped = vec![false; n];
    for i in 0..n {
        if outline.sections[i].parent.is_some_and(|p| dropped[p]) {
            dropped[i] = true;
            continue;
        }
        let content: String = chars[outline.sections[i].heading.begin..extent_end(i)]
            .iter()
            .collect::<String>()
            .trim()
            .to_owned();
        let key = (outline.sections[i].level, content);
        if let Some(&first) = seen.get(&key) {
            dropped[i] = true;
            let s = &outline.sections[i];
            outline.diagnostics.push(Diagnostic::warning(
                s.line,
                1,
                format!(
                    "section {} {} at line {} repeats the section at line {} verbatim; kept the first, skipped this one",
                    s.numbering, s.title, s.line, outline.sections[first].line
                ),
            ));
        } else {
            seen.insert(key, i);
        }
    }
    if !dropped.contains(&true) {
        return;
    }
    // Renumber what is kept.
    let mut new_index = vec![None; n];
    let mut sections = Vec::new();
    for (i, s) in outline.sections.iter().enumerate() {
        if !dropped[i] {
            new_index[i] = Some(sections.len());
            let mut s = s.clone();
            s.parent = s.parent.and_then(|p| new_index[p]);
            sections.push(s);
        }
    }
    let mut para_index = vec![None; outline.paragraphs.len()];
    let mut paragraphs = Vec::new();
    for (i, p) in outline.paragraphs.iter().enumerate() {
        if p.section.is_some_and(|s| dropped[s]) {
            continue;
        }
        para_index[i] = Some(paragraphs.len());
        let mut p = p.clone();
        p.section = p.section.and_then(|s| new_index[s]);
        paragraphs.push(p);
    }
    let sentences = outline
        .sentences
        .iter()
        .filter_map(|s| {
            let mut s = s.clone();
            s.paragraph = para_index[s.paragraph]?;
            Some(s)
        })
        .collect();
    // Positions among siblings follow the kept sections.
    let mut counts: HashMap<Option<usize>, u32> = HashMap::new();
    for s in &mut sections {
        let c = counts.entry(s.parent).or_default();
        *c += 1;
        if s.numbering.is_empty() {
            s.ordinal = *c;
        }
    }
    outline.sections = sections;
    outline.paragraphs = paragraphs;
    outline.sentences = sentences;
}

#[cfg(test)]
mod tests;
