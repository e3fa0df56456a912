//! Short names a law defines for itself (以下简称…) and the generic heads that are no
//! short name.

use super::*;

/// Short forms of the heads of bodies' names that the suffix lists do not hold:
/// 管委会 (管理委员会) and 机构 ("body", as in 登记机构).
pub(super) const ABBREVIATED_HEADS: &[&str] = &["管委会", "机构"];

/// True when a defined short name is a head of bodies' names with nothing or
/// only common words before it (管委会, 登记机构, 推进工作委员会): a word any
/// such body is called by, not a name of the one body being defined.
pub(super) fn generic_head(short: &str, lexicon: &Lexicon) -> bool {
    let heads = lexicon
        .org_suffixes
        .iter()
        .map(|o| o.suffix.as_str())
        .chain(ABBREVIATED_HEADS.iter().copied());
    heads.filter_map(|h| short.strip_suffix(h)).any(|before| {
        let chars: Vec<char> = before.chars().collect();
        enumerations::common_phrase(&chars, lexicon)
    })
}

/// The short names a paragraph defines for an organisation or place it names, in
/// the words laws use: 上海市外国投资工作委员会（以下简称市外资委）, 河南小秦岭国家级
/// 自然保护区（以下简称“小秦岭保护区”）. Each is the named entity, with the short
/// name as an alternative label, so that its later mentions are that entity's. A
/// leading 原 ("the former") is no part of the short name. A generic word is no
/// short name of one body or zone (（以下简称示范区）, （以下简称常务委员会）: a
/// suffix of names, or the name's own last word; 本市…, 各…, which refer), and a
/// short name after a list (甲区、乙区、丙县（以下简称两区一县）) names the list,
/// not its last item.
pub(crate) fn defined_short_names(
    text: &str,
    found: &[Found],
    lexicon: &Lexicon,
) -> Vec<(String, Entity)> {
    if !text.contains("（以下") {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    // Where a run of names written one after another (浙江省嘉兴市嘉善县) starts.
    let run_start = |mut begin: usize| {
        while let Some(before) = found.iter().find(|g| g.end == begin && g.begin < begin) {
            begin = before.begin;
        }
        begin
    };
    for f in found
        .iter()
        .filter(|f| matches!(f.entity.kind, EntityKind::Organization | EntityKind::Place))
    {
        let rest = &chars[f.end..];
        let Some(lead) = ["（以下简称", "（以下称"]
            .iter()
            .find(|l| starts_with_word(rest, l))
        else {
            continue;
        };
        let begin = run_start(f.begin);
        if begin > 0 && matches!(chars[begin - 1], '、' | '和' | '与' | '及') {
            continue;
        }
        let mut at = lead.chars().count();
        let quoted = rest.get(at) == Some(&'“');
        at += usize::from(quoted);
        let from = at;
        while at < rest.len() && is_name_char(rest[at]) && at - from <= 16 {
            at += 1;
        }
        let closed = if quoted {
            rest.get(at) == Some(&'”') && rest.get(at + 1) == Some(&'）')
        } else {
            rest.get(at) == Some(&'）')
        };
        let mut short = &rest[from..at];
        if short.len() >= 4 && short[0] == '原' {
            short = &short[1..];
        }
        if !closed || short.len() < 2 || short.len() > 16 {
            continue;
        }
        let short: String = short.iter().collect();
        // 本市气象台站, 各分局: words that refer to bodies, not names.
        let generic = short.starts_with(REFERRING)
            || f.entity.label.ends_with(&short) && short.chars().count() <= 3
            || lexicon.org_suffixes.iter().any(|o| o.suffix == short)
            || lexicon.name_suffixes.iter().any(|n| n.suffix == short)
            || generic_head(&short, lexicon);
        if generic {
            continue;
        }
        let mut entity = f.entity.clone();
        if !entity.alt_labels.contains(&short) {
            entity.alt_labels.push(short.clone());
        }
        out.push((short, entity));
    }
    out
}
