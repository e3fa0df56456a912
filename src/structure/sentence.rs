//! Sentence splitting: after 。！？；and their half-width forms, keeping closing
//! quotes and brackets with the sentence they close.

/// Characters that end a sentence.
pub fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '．')
}

/// Closing punctuation that stays with the sentence before it (。” belongs together).
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '】' | '》' | '"' | '\''
    )
}

/// Splits `text` into sentence spans `(begin, end)` in code points relative to `text`,
/// trimmed of surrounding whitespace; empty pieces are dropped.
///
/// ```
/// use policykg::structure::sentence::split;
/// assert_eq!(split("甲。乙！“丙？”丁"), vec![(0, 2), (2, 4), (4, 8), (8, 9)]);
/// assert_eq!(split("影响力; 通过研讨会。"), vec![(0, 4), (5, 11)]);
/// ```
pub fn split(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut spans = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        if is_terminator(chars[i]) {
            let mut end = i + 1;
            // Runs of terminators (？！) and closing quotes end together.
            while end < chars.len() && (is_terminator(chars[end]) || is_closer(chars[end])) {
                end += 1;
            }
            push_trimmed(&chars, start, end, &mut spans);
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    push_trimmed(&chars, start, chars.len(), &mut spans);
    spans
}

fn push_trimmed(chars: &[char], mut begin: usize, mut end: usize, out: &mut Vec<(usize, usize)>) {
    while begin < end && chars[begin].is_whitespace() {
        begin += 1;
    }
    while end > begin && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if begin < end {
        out.push((begin, end));
    }
}
