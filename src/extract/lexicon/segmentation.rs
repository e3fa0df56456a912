//! How likely a run of characters is one word or the letters of two, by the
//! frequencies of jieba's dictionary (data/rules/word-frequencies.tsv): a
//! two-character name whose first character ends a word and whose last starts one
//! (隆重|庆祝 holds 重庆, 有关|中小 holds 关中, 其中|国务院 holds 中国) is read as
//! those two words when the dictionary's segmentation prefers them by a wide
//! margin, as jieba itself would, and as a name otherwise (以|北京|城市: 以北 and
//! 京城 are words too, but no likelier than the city).

use super::lines;
use std::collections::HashMap;

pub(super) const WORD_FREQUENCIES: &str = include_str!("../../../data/rules/word-frequencies.tsv");

/// How much likelier (natural log) the two words must be than the name between
/// single characters: e^3 ≈ 20 times. In the shared corpus the words crossed by a
/// name they hide are 50 to 8,000 times likelier (有关|中小, 隆重|庆祝), those
/// beside a real name at most 3 times (以北|京城).
const MARGIN: f64 = 3.0;

/// The log frequencies of single characters and two-character words, keyed by
/// characters, so that a look-up on the matcher's path allocates nothing.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordFrequencies {
    log_total: f64,
    log_of_char: HashMap<char, f64>,
    log_of_word: HashMap<[char; 2], f64>,
}

impl WordFrequencies {
    pub(super) fn parse(text: &str) -> Self {
        let mut found = Self::default();
        for (_, line) in lines(text) {
            let Some((word, count)) = line.split_once('\t') else {
                continue;
            };
            let Ok(count) = count.trim().parse::<f64>() else {
                continue;
            };
            let mut letters = word.chars();
            match (letters.next(), letters.next(), letters.next()) {
                _ if word == "TOTAL" => found.log_total = count.ln(),
                (Some(c), None, _) => {
                    found.log_of_char.insert(c, count.ln());
                }
                (Some(a), Some(b), None) => {
                    found.log_of_word.insert([a, b], count.ln());
                }
                _ => {}
            }
        }
        found
    }

    /// Whether `before`, the two characters of `name` and `after` read as two words
    /// of the dictionary (`before`+first, last+`after`) far likelier than as a
    /// character, the name and a character.
    pub(crate) fn splits(&self, before: char, name: &str, after: char) -> bool {
        let mut letters = name.chars();
        let (Some(first), Some(last), None) = (letters.next(), letters.next(), letters.next())
        else {
            return false;
        };
        let (Some(left), Some(right)) = (
            self.log_of_word.get(&[before, first]),
            self.log_of_word.get(&[last, after]),
        ) else {
            return false;
        };
        let single = |c: char| self.log_of_char.get(&c).copied().unwrap_or(0.0);
        // A name jieba does not know is as rare as a word can be there.
        let as_name = single(before)
            + self.log_of_word.get(&[first, last]).copied().unwrap_or(0.0)
            + single(after)
            - self.log_total;
        *left + *right - as_name > MARGIN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_across_two_words_and_names_beside_them() {
        let f = WordFrequencies::parse(WORD_FREQUENCIES);
        assert!(f.log_total > 17.0, "the total row is read");
        // Two words far likelier than the name.
        assert!(f.splits('隆', "重庆", '祝'));
        assert!(f.splits('有', "关中", '小'));
        assert!(f.splits('其', "中国", '内'));
        assert!(f.splits('入', "海河", '流'));
        // Words on both sides, but no likelier than the name.
        assert!(!f.splits('以', "北京", '城'));
        // No word on one side.
        assert!(!f.splits('在', "重庆", '召'));
        // Only two-character names.
        assert!(!f.splits('隆', "重庆市", '政'));
    }
}
