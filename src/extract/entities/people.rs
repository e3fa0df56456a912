//! People before their titles (习近平 before 总书记) and anonymised parties in court
//! cases (张某).

use super::*;

/// A name head at the start of some text.
pub(super) struct Head {
    /// Its length in code points.
    pub(super) len: usize,
    /// It is a place from the gazetteer.
    pub(super) place: bool,
    /// It is a place or organisation from the gazetteer.
    pub(super) known: bool,
}

/// The longest name head (from name-heads.txt, or a known place or organisation)
/// that `chars` starts with.
pub(super) fn head_at(chars: &[char], lexicon: &Lexicon) -> Option<Head> {
    let known = (2..=chars.len().min(12)).rev().find_map(|n| {
        let prefix: String = chars[..n].iter().collect();
        let entry = lexicon.lookup(&prefix)?;
        matches!(entry.kind, EntityKind::Place | EntityKind::Organization).then_some(Head {
            len: n,
            place: entry.kind == EntityKind::Place,
            known: true,
        })
    });
    let known = known.or_else(|| {
        let text: String = chars.iter().take(6).collect();
        lexicon
            .abbreviated_region_at(&text)
            .or_else(|| lexicon.abbreviation_run_at(&text))
            .map(|len| Head {
                len,
                place: true,
                known: true,
            })
    });
    known.or_else(|| {
        lexicon
            .name_heads
            .iter()
            .filter(|h| {
                h.chars().count() <= chars.len()
                    && chars.iter().copied().zip(h.chars()).all(|(a, b)| a == b)
            })
            .map(|h| Head {
                len: h.chars().count(),
                place: false,
                known: false,
            })
            .max_by_key(|h| h.len)
    })
}

/// People: a two- or three-character name starting with a common surname, right
/// before a title and after a boundary (习近平总书记), or after a title and spaces at
/// the end of the text (上海市市长 龚 正).
pub(super) fn people(
    chars: &[char],
    text: &str,
    offsets: &Offsets,
    lexicon: &Lexicon,
) -> Vec<Found> {
    let is_boundary = |i: usize| {
        i == 0 || {
            let c = chars[i - 1];
            !is_name_char(c)
                || c.is_ascii()
                || matches!(
                    c,
                    '的' | '和' | '与' | '同' | '及' | '对' | '向' | '是' | '由' | '在' | '了'
                )
        }
    };
    let plausible = |name: &[char]| -> bool {
        let surname_len = if name.len() >= 3
            && lexicon
                .surnames
                .contains(&name[..2].iter().collect::<String>())
        {
            2
        } else if lexicon.surnames.contains(&name[0].to_string()) {
            1
        } else {
            return false;
        };
        let given = &name[surname_len..];
        !given.is_empty()
            && given.len() <= 2
            && name
                .iter()
                .all(|&c| is_name_char(c) && !c.is_ascii() && !lexicon.stop_chars.contains(&c))
            && given.iter().all(|c| !lexicon.not_given_name.contains(c))
            && lexicon.lookup(&name.iter().collect::<String>()).is_none()
    };
    let mut out = Vec::new();
    for m in lexicon.title_automaton.find_iter(text) {
        let t = offsets.char(m.start());
        let title_end = offsets.char(m.end());
        // Name, then title.
        for len in [3, 2] {
            if t >= len && is_boundary(t - len) && plausible(&chars[t - len..t]) {
                out.push(person(&chars[t - len..t], t - len, t));
                break;
            }
        }
        // Title, spaces, name at the end of the line: a signature.
        let spaces = chars[title_end..]
            .iter()
            .take_while(|c| matches!(c, ' ' | '\u{3000}'))
            .count();
        if spaces > 0 {
            let begin = title_end + spaces;
            let rest = &chars[begin..];
            let name: Vec<char> = rest
                .iter()
                .copied()
                .filter(|c| !matches!(c, ' ' | '\u{3000}'))
                .collect();
            if (2..=3).contains(&name.len()) && rest.len() <= name.len() + 1 && plausible(&name) {
                out.push(person(&name, begin, chars.len()));
            }
        }
    }
    out
}

/// What may follow 某 when it means "a certain" rather than standing for a
/// name (某种, 某些, 某个, 某地, 某年): after a surname these are no person.
pub(super) const NOT_AFTER_SOMEONE: &[char] = &[
    '种', '些', '个', '一', '地', '时', '年', '月', '日', '项', '方', '类', '处', '人', '单', '部',
];

/// Companies whose words after 某 end with these kinds are anonymised companies.
pub(super) const ANONYMISED_KINDS: &[&str] = &[
    "有限责任公司",
    "股份有限公司",
    "有限公司",
    "公司",
    "集团",
    "银行",
    "医院",
    "合作社",
];

/// Parties that court cases and judicial texts name by 某 (张某, 李某某; 某科技公司,
/// 某食品有限责任公司): one person or company each, named as the text names it.
/// A surname that is also a preposition (于某, 向某) and 某 meaning "a certain"
/// (王某种) are no person.
pub(super) fn anonymised(chars: &[char], lexicon: &Lexicon) -> Vec<Found> {
    const PREPOSITIONS: &[char] = &[
        '于', '向', '对', '将', '和', '与', '在', '从', '为', '以', '由', '及',
    ];
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '某' {
            i += 1;
            continue;
        }
        let surname = i > 0
            && lexicon.surnames.contains(&chars[i - 1].to_string())
            && !PREPOSITIONS.contains(&chars[i - 1]);
        // A person: a surname, 某 and perhaps another 某.
        if surname {
            let end = if chars.get(i + 1) == Some(&'某') {
                i + 2
            } else {
                i + 1
            };
            if !chars
                .get(end)
                .is_some_and(|c| NOT_AFTER_SOMEONE.contains(c))
            {
                out.push(person(&chars[i - 1..end], i - 1, end));
                i = end;
                continue;
            }
        }
        // A company: 某, one to ten Han characters (no other 某 but one right
        // after it: 某某公司), and its kind.
        let company = (i + 2..=(i + 11).min(chars.len())).find_map(|end| {
            let middle = &chars[i + 1..end];
            ANONYMISED_KINDS
                .iter()
                .find(|k| {
                    let kind: Vec<char> = k.chars().collect();
                    middle.len() > kind.len()
                        && middle.ends_with(&kind)
                        && middle.iter().all(|&c| {
                            is_name_char(c) && !c.is_ascii() && !lexicon.stop_chars.contains(&c)
                        })
                        && !middle[1..].contains(&'某')
                        && !NOT_AFTER_SOMEONE.contains(&middle[0])
                })
                .map(|_| end)
        });
        if let Some(end) = company {
            let label: String = chars[i..end].iter().collect();
            out.push(Found {
                begin: i,
                end,
                entity: named(EntityKind::Organization, &label),
                priority: 3,
                rule_found: true,
            });
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

pub(super) fn person(name: &[char], begin: usize, end: usize) -> Found {
    Found {
        begin,
        end,
        entity: named(EntityKind::Person, &name.iter().collect::<String>()),
        priority: 2,
        rule_found: true,
    }
}
