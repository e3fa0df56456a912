//! The Chinese analysis of the full-text index: overlapping character bigrams.
//!
//! Chinese has no spaces, and a dictionary segmenter splits a phrase one way in
//! the text and perhaps another in the query (低空经济 as 低空|经济 or 低|空经|济).
//! Bigrams do not depend on segmentation: a text contains the query as a
//! substring exactly when it holds the query's bigrams at consecutive positions,
//! so a phrase query over bigrams finds what `CONTAINS` finds, through an inverted
//! index. The same analysis runs on the text and on the query. Runs of Latin
//! letters and digits are one lower-cased token each; a lone Han character is a
//! token of its own; punctuation and spaces separate tokens and leave a gap in
//! the positions, so no phrase matches across them.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The tokenizer's name in the index.
pub const NAME: &str = "zh_bigram";

/// Overlapping bigrams of Han characters; Latin and digit runs as words.
#[derive(Debug, Clone, Default)]
pub struct Bigrams;

/// The tokens of one text, precomputed.
pub struct Tokens {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for Tokens {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

impl Tokenizer for Bigrams {
    type TokenStream<'a> = Tokens;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Tokens {
        Tokens {
            tokens: tokens(text),
            next: 0,
        }
    }
}

/// True for the Han characters indexed as bigrams.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2ffff}')
}

#[derive(PartialEq, Clone, Copy)]
enum Class {
    Han,
    Word,
    Gap,
}

fn class(c: char) -> Class {
    if is_han(c) {
        Class::Han
    } else if c.is_alphanumeric() {
        Class::Word
    } else {
        Class::Gap
    }
}

/// The tokens of a text, with byte offsets and positions.
///
/// ```
/// use policykg::search::analysis::tokens;
/// let t: Vec<String> = tokens("发展低空经济，AI+").into_iter().map(|t| t.text).collect();
/// assert_eq!(t, ["发展", "展低", "低空", "空经", "经济", "ai"]);
/// let t: Vec<(String, usize)> = tokens("法、5G").into_iter().map(|t| (t.text, t.position)).collect();
/// assert_eq!(t, [("法".to_owned(), 0), ("5g".to_owned(), 2)]);
/// ```
pub fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
    let mut out = Vec::new();
    let mut position = 0;
    let mut i = 0;
    while i < chars.len() {
        let kind = class(chars[i].1);
        let mut j = i + 1;
        while j < chars.len() && class(chars[j].1) == kind {
            j += 1;
        }
        let mut push = |from: usize, to: usize, text: String| {
            out.push(Token {
                offset_from: from,
                offset_to: to,
                position,
                text,
                position_length: 1,
            });
            position += 1;
        };
        match kind {
            Class::Han if j - i == 1 => push(chars[i].0, end_of(i + 1), chars[i].1.to_string()),
            Class::Han => {
                for k in i..j - 1 {
                    push(
                        chars[k].0,
                        end_of(k + 2),
                        text[chars[k].0..end_of(k + 2)].to_owned(),
                    );
                }
            }
            Class::Word => push(
                chars[i].0,
                end_of(j),
                text[chars[i].0..end_of(j)].to_lowercase(),
            ),
            Class::Gap => position += 1,
        }
        i = j;
    }
    out
}
