//! Extraction on the seed document.

use super::*;
use crate::structure;

const SEED: &str = include_str!("../../data/中国工会国际工作.txt");

fn seed() -> (Outline, Extraction) {
    let outline = structure::parse(SEED);
    let found = extract(SEED, &outline, &Lexicon::bundled(), None);
    (outline, found)
}

#[test]
fn seed_has_exactly_four_measures() {
    let (_, found) = seed();
    let labels: Vec<&str> = found.measures.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "加强人员之间的交往",
            "为发展中国家说话",
            "给予力所能及的符合发展中国家工会需要的帮助",
            "推动发展中国家工会之间团结合作"
        ]
    );
    let markers: Vec<&str> = found.measures.iter().map(|m| m.marker.as_str()).collect();
    assert_eq!(markers, ["一是", "二是", "三是", "四是"]);
    assert_eq!(found.lists.len(), 1);
}

#[test]
fn seed_entities() {
    let (_, found) = seed();
    let has = |label: &str, kind: EntityKind| {
        found
            .entities
            .iter()
            .any(|e| e.label == label && e.kind == kind)
    };
    for org in [
        "中国工会",
        "中国职工对外交流中心",
        "中国职工旅行社",
        "国际劳工组织",
    ] {
        assert!(has(org, EntityKind::Organization), "{org} missing");
    }
    assert!(has("1984年", EntityKind::Time));
    assert!(has("20世纪50年代", EntityKind::Time));
    // No organisation mention is part of a longer organisation name.
    let orgs: Vec<&Entity> = found
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Organization)
        .collect();
    for a in &orgs {
        for b in &orgs {
            assert!(
                a.label == b.label || !b.label.contains(&a.label) || !SEED.contains(&b.label),
                "{} is a fragment of {}",
                a.label,
                b.label
            );
        }
    }
}

#[test]
fn mention_offsets_slice_the_text() {
    let (_, found) = seed();
    let chars: Vec<char> = SEED.chars().collect();
    assert!(!found.mentions.is_empty());
    for m in &found.mentions {
        let slice: String = chars[m.span.begin..m.span.end].iter().collect();
        assert_eq!(slice, m.text);
    }
    for w in found.mentions.windows(2) {
        assert!(w[0].span.end <= w[1].span.begin, "overlap: {:?}", w);
    }
}

#[test]
fn seed_founding_facts() {
    let (outline, found) = seed();
    let label = |i: usize| found.entities[i].label.as_str();
    let chars: Vec<char> = SEED.chars().collect();
    let mut saw_date = false;
    let mut saw_basis = false;
    for fact in &found.facts {
        match *fact {
            Fact::FoundingDate {
                organization,
                time,
                sentence,
            } => {
                assert_eq!(
                    (label(organization), label(time)),
                    ("中国职工对外交流中心", "1984年")
                );
                let s = outline.sentences[sentence].span;
                let text: String = chars[s.begin..s.end].iter().collect();
                assert!(text.contains("1984年成立了中国职工对外交流中心"), "{text}");
                saw_date = true;
            }
            Fact::BasedOn {
                organization,
                basis,
                ..
            } => {
                assert_eq!(
                    (label(organization), label(basis)),
                    ("中国职工旅行社", "中国职工对外交流中心")
                );
                saw_basis = true;
            }
        }
    }
    assert!(saw_date && saw_basis, "{:?}", found.facts);
}

#[test]
fn names_in_headings_are_mentions_in_the_heading_title() {
    let text = "一、2025年工作及“十四五”时期发展回顾\n过去一年，全省上下迎难而上。\n（一）推进“两重”建设，服务长三角一体化。全年完成投资。\n";
    let outline = structure::parse(text);
    let found = extract(text, &outline, &Lexicon::bundled(), Some(2026));
    let in_titles: Vec<(&str, usize)> = found
        .mentions
        .iter()
        .filter(|m| m.sentence >= outline.sentences.len())
        .map(|m| {
            let title = &found.titles[m.sentence - outline.sentences.len()];
            (m.text.as_str(), title.section)
        })
        .collect();
    assert_eq!(
        in_titles,
        [
            ("2025年", 0),
            ("“十四五”时期", 0),
            ("两重", 1),
            ("长三角", 1)
        ]
    );
    // Mentions stay in document order and never overlap.
    assert!(
        found
            .mentions
            .windows(2)
            .all(|w| w[0].span.end <= w[1].span.begin)
    );
}

/// Found by the property tests: a century 0 (0世纪50年代) is no
/// century, and no arithmetic goes below zero.
#[test]
fn decades_of_impossible_centuries_are_not_times() {
    for text in ["0世纪50年代的", "00世纪五十年代", "0世纪"] {
        let outline = crate::structure::parse(text);
        let found = super::extract(text, &outline, &super::Lexicon::bundled(), Some(2026));
        // At most the decade alone (50年代 → the 1950s), never year 0 or less.
        for e in &found.entities {
            if let Some(super::Value::Time(t)) = &e.value {
                assert!(
                    t.start.as_str() >= "1000" && t.start <= t.end,
                    "{text}: {t:?}"
                );
            }
        }
    }
}
