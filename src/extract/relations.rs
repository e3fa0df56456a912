//! Relations stated in a sentence, each kept with that sentence as evidence:
//! founding dates (1984年…成立了X) and founded-on-the-basis-of (在此基础上成立了Y).
//! Citations of laws are the law graph's (`law.rs`).

use super::{EntityKind, Extraction, Fact, Mention, Value};
use crate::structure::Outline;

const FOUND_VERBS: &[&str] = &["成立", "组建", "设立", "创建", "创立", "组成", "建立"];

/// True when `before` (the text right before a mention) ends with a founding verb,
/// optionally followed by 了.
fn ends_with_founding(before: &str) -> bool {
    let before = before.strip_suffix('了').unwrap_or(before);
    FOUND_VERBS.iter().any(|v| before.ends_with(v))
}

pub(crate) fn find(chars: &[char], outline: &Outline, found: &Extraction) -> Vec<Fact> {
    let mut facts = Vec::new();
    let kind = |m: &Mention| found.entities[m.entity].kind;
    let mut last_org: Option<usize> = None; // entity of the last organisation mention
    for (i, m) in found.mentions.iter().enumerate() {
        // Relations are stated in body sentences, not in headings' titles.
        let Some(sentence) = outline.sentences.get(m.sentence) else {
            continue;
        };
        let sentence_start = sentence.span.begin;
        let before: String = chars[sentence_start..m.span.begin].iter().collect();
        if kind(m) == EntityKind::Organization {
            if ends_with_founding(&before) {
                // Founding date: a year-like time earlier in the same sentence, with
                // no other organisation named in between.
                let time = found.mentions[..i]
                        .iter()
                        .rev()
                        .take_while(|t| t.sentence == m.sentence && kind(t) != EntityKind::Organization)
                        .find(|t| {
                            kind(t) == EntityKind::Time
                                && matches!(&found.entities[t.entity].value, Some(Value::Time(v)) if v.value.chars().all(|c| c.is_ascii_digit() || c == '-'))
                        });
                if let Some(t) = time {
                    facts.push(Fact::FoundingDate {
                        organization: m.entity,
                        time: t.entity,
                        sentence: m.sentence,
                    });
                }
                let basis_phrase = before.strip_suffix('了').unwrap_or(&before);
                let on_basis = FOUND_VERBS.iter().any(|v| {
                    basis_phrase.strip_suffix(v).is_some_and(|b| {
                        b.ends_with("在此基础上")
                            || b.ends_with("在此基础上，")
                            || b.ends_with("基础上")
                    })
                });
                if on_basis {
                    // 在X的基础上成立了Y, or 在此基础上 referring to the last one named.
                    let explicit = found.mentions[..i]
                        .iter()
                        .rev()
                        .take_while(|t| t.sentence == m.sentence)
                        .find(|t| {
                            kind(t) == EntityKind::Organization && {
                                let between: String =
                                    chars[t.span.end..m.span.begin].iter().collect();
                                between.trim_start_matches('的').starts_with("基础上")
                            }
                        });
                    let basis = explicit.map(|t| t.entity).or(last_org);
                    if let Some(basis) = basis.filter(|&b| b != m.entity) {
                        facts.push(Fact::BasedOn {
                            organization: m.entity,
                            basis,
                            sentence: m.sentence,
                        });
                    }
                }
            }
            last_org = Some(m.entity);
        }
    }
    facts
}
