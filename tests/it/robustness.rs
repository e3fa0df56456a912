//! Property-based robustness: arbitrary bytes and mutated real documents go
//! through decoding, structure, extraction and mapping without a panic; every
//! span's anchor is the text at its offsets; the output reads back as N-Quads and
//! converting twice gives the same bytes.
//!
//! Each property runs `PROPTEST_CASES` cases (1,000 by default here). A long run:
//! `PROPTEST_CASES=200000 cargo nextest run --release -E 'test(/robustness/)'`.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedOrBlankNode, Term};
use policykg::export::sorted_nquads;
use policykg::pipeline::{self, Settings};
use policykg::source::{Document, decode};
use proptest::prelude::*;
use std::collections::HashMap;
use std::sync::LazyLock;

static SETTINGS: LazyLock<Settings> = LazyLock::new(Settings::default);

const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";

/// Runs the whole pipeline on a text and checks what must hold for any input.
fn check(text: &str) -> Result<(), TestCaseError> {
    let doc = Document::from_text("prop/doc", text);
    let chars: Vec<char> = doc.text.chars().collect();
    let quads = pipeline::convert(doc.clone(), &SETTINGS);
    let nquads = sorted_nquads(&quads);
    // Deterministic.
    prop_assert_eq!(&nquads, &sorted_nquads(&pipeline::convert(doc, &SETTINGS)));
    // Reads back as N-Quads, the same number of quads.
    let parsed: Vec<_> = RdfParser::from_format(RdfFormat::NQuads)
        .for_reader(nquads.as_bytes())
        .collect::<Result<_, _>>()
        .map_err(|e| TestCaseError::fail(format!("N-Quads do not parse: {e}")))?;
    prop_assert_eq!(parsed.len(), nquads.lines().count());
    // Every span: begin <= end <= length, and its anchor is the text there.
    // Per node: begin, end, anchor.
    type Span = (Option<usize>, Option<usize>, Option<String>);
    let mut spans: HashMap<String, Span> = HashMap::new();
    for q in &quads {
        let NamedOrBlankNode::NamedNode(s) = &q.subject else {
            return Err(TestCaseError::fail("a blank node"));
        };
        let Term::Literal(l) = &q.object else {
            continue;
        };
        let entry = spans.entry(s.as_str().to_owned()).or_default();
        match q.predicate.as_str().strip_prefix(NIF) {
            Some("beginIndex") => entry.0 = l.value().parse().ok(),
            Some("endIndex") => entry.1 = l.value().parse().ok(),
            Some("anchorOf") => entry.2 = Some(l.value().to_owned()),
            _ => {}
        }
    }
    for (node, (begin, end, anchor)) in spans {
        let Some(anchor) = anchor else { continue };
        let (Some(b), Some(e)) = (begin, end) else {
            return Err(TestCaseError::fail(format!(
                "{node}: an anchor without offsets"
            )));
        };
        prop_assert!(
            b <= e && e <= chars.len(),
            "{node}: {b}..{e} of {}",
            chars.len()
        );
        let at: String = chars[b..e].iter().collect();
        prop_assert_eq!(at, anchor, "{}", node);
    }
    Ok(())
}

/// Real documents to mutate: the seed, a law with its header, a report excerpt.
fn originals() -> Vec<String> {
    let root = crate::root();
    [
        root.join("data/中国工会国际工作.txt"),
        root.join("tests/golden/law-articles/input(2014-08-31).md"),
        root.join("tests/golden/law-interpretation/input(2023-12-04).md"),
        root.join("tests/eval/report-jiangxi.txt"),
    ]
    .iter()
    .map(|p| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
    .collect()
}

/// Characters that steer structure and extraction: numbering, brackets, markers,
/// punctuation, line breaks, digits, and a few that are not Chinese at all.
const STEERING: &[char] = &[
    '第', '条', '款', '项', '章', '节', '编', '之', '一', '二', '十', '百', '千', '零', '（', '）',
    '(', ')', '、', '。', '，', '；', '：', '\n', '\n', '#', ' ', '　', '《', '》', '〈', '〉',
    '“', '”', '是', '要', '本', '法', '前', '该', '省', '市', '县', '委', '年', '月', '日', '%',
    '亿', '元', '至', '1', '9', '-', '—', '<', '>', '&', '"', '\\', '\u{0}', '\u{feff}', '😀', 'a',
    '\r', '\t',
];

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, Vec<char>),
    Duplicate(usize, usize),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let steering = proptest::sample::select(STEERING);
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(a, n)| Edit::Delete(a, n)),
        (any::<usize>(), proptest::collection::vec(steering, 1..12))
            .prop_map(|(a, s)| Edit::Insert(a, s)),
        (any::<usize>(), 1usize..200).prop_map(|(a, n)| Edit::Duplicate(a, n)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for e in edits {
        let len = chars.len().max(1);
        match e {
            Edit::Delete(a, n) => {
                let a = a % len;
                let end = (a + n).min(chars.len());
                if a < end {
                    chars.drain(a..end);
                }
            }
            Edit::Insert(a, s) => {
                let a = a % (chars.len() + 1);
                chars.splice(a..a, s.iter().copied());
            }
            Edit::Duplicate(a, n) => {
                let a = a % len;
                let end = (a + n).min(chars.len());
                let copy: Vec<char> = chars.get(a..end).unwrap_or_default().to_vec();
                chars.splice(end..end, copy);
            }
            Edit::Truncate(a) => chars.truncate(a % len),
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1000),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Arbitrary bytes: decoding gives text or a clear problem, never a panic.
    #[test]
    fn arbitrary_bytes_decode_or_are_refused(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
        let _ = decode::decode(&bytes);
    }

    /// Any text, written as UTF-8 (with or without BOM) or UTF-16 with BOM, decodes
    /// back to itself, and converts.
    #[test]
    fn encoded_text_decodes_back_and_converts(
        text in "[\\PC\n\u{3000}-\u{303f}\u{4e00}-\u{9fff}]{0,400}",
        form in 0u8..4,
    ) {
        let bytes: Vec<u8> = match form {
            0 => text.as_bytes().to_vec(),
            1 => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
            2 => [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect(),
            _ => [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect(),
        };
        match decode::decode(&bytes) {
            Ok(decoded) => {
                prop_assert_eq!(&decoded.text, &text);
                check(&decoded.text)?;
            }
            // Text with control characters is refused as binary: a clear refusal.
            Err(problem) => prop_assert!(text.chars().any(|c| c.is_control() && c != '\n'), "{problem:?}"),
        }
    }

    /// Text made of the characters that steer the rules, in any order.
    #[test]
    fn steering_characters_in_any_order_convert(text in proptest::collection::vec(proptest::sample::select(STEERING), 0..600)) {
        check(&text.into_iter().collect::<String>())?;
    }

    /// Real documents with random deletions, insertions, duplications and cuts.
    #[test]
    fn mutated_real_documents_convert(which in 0usize..4, edits in proptest::collection::vec(edit(), 1..8)) {
        static ORIGINALS: LazyLock<Vec<String>> = LazyLock::new(originals);
        check(&apply(&ORIGINALS[which], &edits))?;
    }
}
