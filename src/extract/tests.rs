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
            ("“两重”建设", 1),
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

/// A quantity mention: text, value, unit, lower bound, indicator label, target.
type FoundQuantity = (String, String, String, Option<String>, Option<String>, bool);

/// Quantities of report sentences (from ../shared/corpus/gov-reports-2026).
fn quantities(text: &str) -> Vec<FoundQuantity> {
    let outline = structure::parse(text);
    let found = extract(text, &outline, &Lexicon::bundled(), None);
    found
        .mentions
        .iter()
        .filter_map(|m| {
            let Some(Value::Quantity(q)) = &found.entities[m.entity].value else {
                return None;
            };
            Some((
                m.text.clone(),
                q.value.clone(),
                q.unit.clone(),
                q.lower.clone(),
                m.indicator.map(|i| found.entities[i].label.clone()),
                m.target,
            ))
        })
        .collect()
}

#[test]
fn a_quantity_measures_the_whole_indicator_phrase_before_it() {
    let q = |text: &str| -> Vec<(String, Option<String>)> {
        quantities(text).into_iter().map(|q| (q.0, q.4)).collect()
    };
    let some = |s: &str| Some(s.to_owned());
    // A known indicator inside a longer name: the name is the indicator.
    assert_eq!(
        q("单位地区生产总值二氧化碳排放下降3.8%。"),
        [("3.8%".to_owned(), some("单位地区生产总值二氧化碳排放"))]
    );
    assert_eq!(
        q("单位GDP二氧化碳排放下降3%。"),
        [("3%".to_owned(), some("单位GDP二氧化碳排放"))]
    );
    assert_eq!(
        q("人均地区生产总值达到10万元。"),
        [("10万元".to_owned(), some("人均地区生产总值"))]
    );
    // The indicator alone, with the adverbials before its verb.
    assert_eq!(
        q("全省地区生产总值年均增长5.5%。"),
        [("5.5%".to_owned(), some("地区生产总值"))]
    );
    assert_eq!(
        q("单位生产总值能耗累计下降14%。"),
        [("14%".to_owned(), some("单位地区生产总值能耗"))]
    );
    // Two indicators joined by 和 stay two.
    let both = q("地区生产总值和一般公共预算收入分别增长5%和6%。");
    assert_eq!(both[0].1, some("一般公共预算收入"));
    // The replaced indicator is not described for nothing.
    let outline = structure::parse("单位地区生产总值二氧化碳排放下降3.8%。");
    let found = extract(
        "单位地区生产总值二氧化碳排放下降3.8%。",
        &outline,
        &Lexicon::bundled(),
        None,
    );
    assert!(found.entities.iter().all(|e| e.label != "地区生产总值"));
}

#[test]
fn ranges_are_one_quantity_with_bounds_and_targets_are_marked() {
    let found = quantities(
        "今年经济社会发展主要预期目标是：地区生产总值增长4.5-5%，城镇调查失业率5.5%左右。",
    );
    assert_eq!(
        found,
        [
            (
                "4.5-5%".to_owned(),
                "5".to_owned(),
                "%".to_owned(),
                Some("4.5".to_owned()),
                Some("地区生产总值".to_owned()),
                true
            ),
            (
                "5.5%左右".to_owned(),
                "5.5".to_owned(),
                "%".to_owned(),
                None,
                Some("城镇调查失业率".to_owned()),
                true
            ),
        ]
    );
    let range = |text: &str| -> Vec<(String, String, Option<String>, bool)> {
        quantities(text)
            .into_iter()
            .map(|q| (q.0, q.1, q.3, q.5))
            .collect()
    };
    let r = |t: &str, v: &str, l: Option<&str>, target: bool| {
        (t.to_owned(), v.to_owned(), l.map(str::to_owned), target)
    };
    assert_eq!(
        range("建议“十五五”时期地区生产总值增速目标设定为年均增长5.5%—6%。"),
        [r("5.5%—6%", "6", Some("5.5"), true)]
    );
    assert_eq!(
        range("带动就业3至5万人。"),
        [r("3至5万人", "50000", Some("30000"), false)]
    );
    // Results are not targets; a range that does not go up is not a range.
    assert_eq!(
        range("圆满完成全年目标任务，地区生产总值增长5.4%。"),
        [r("5.4%", "5.4", None, false)]
    );
    assert_eq!(range("编号5-3%。"), [r("3%", "3", None, false)]);
}

#[test]
fn short_names_that_are_words_count_in_a_list_of_their_region() {
    let lexicon = Lexicon::bundled();
    let labels = |province: &str, text: &str| -> Vec<String> {
        let outline = structure::parse(text);
        let setting = super::Setting {
            anchor_year: Some(2026),
            region: lexicon.region_in([province]),
        };
        super::extract_in(text, &outline, &lexicon, &setting)
            .entities
            .into_iter()
            .filter(|e| e.kind == EntityKind::Place)
            .map(|e| e.label)
            .collect()
    };
    // 大兴 (大兴区) and 互助 (互助土族自治县) are words first; listed with other
    // places of their region they name their division, elsewhere nothing.
    assert_eq!(
        labels(
            "北京市",
            "推进海淀、大兴、通州等区域协同发展。大兴调查研究之风。"
        ),
        ["海淀区", "大兴区", "通州区"]
    );
    assert_eq!(
        labels("青海省", "支持互助、民和发展高原特色农业。加强团结互助。"),
        ["互助土族自治县", "民和回族土族自治县"]
    );
    // A run of cities' initials before a zone's word is the whole zone; an
    // initial two cities share may stand twice (宜昌, 荆州, 荆门).
    assert_eq!(labels("湖北省", "推动宜荆荆都市圈发展。"), ["宜荆荆都市圈"]);
    assert_eq!(
        labels("广东省", "支持汕潮揭都市圈和粤东西北地区发展。"),
        ["汕潮揭都市圈", "粤东西北"]
    );
    assert_eq!(
        labels("辽宁省", "推动沈抚改革创新示范区建设。"),
        ["沈抚改革创新示范区"]
    );
    // In another province's report 大兴 is no name.
    assert!(!labels("江苏省", "推进大兴、宿迁等地发展。").contains(&"大兴区".to_owned()));
    // A county-level city or forest district its province administers directly
    // (仙桃, 神农架; GB/T 2260 xx90xx) is a letter of the province's runs, each
    // item of a list before a shared head a place (ANNOTATION.md).
    assert_eq!(
        labels(
            "湖北省",
            "推进襄十随神、宜荆荆恩城市群建设，支持仙潜一体化。"
        ),
        ["襄十随神", "宜荆荆恩", "仙潜"]
    );
}

/// A short name a law defines (（以下简称市物价局）) is the named body wherever it
/// occurs, and one of its labels; a generic word (示范区) or a list's short name
/// (两区一县) names no one entity (the laws of 上海).
#[test]
fn short_names_a_law_defines_are_the_entity_they_name() {
    let text = "第四条 上海市物价局（以下简称市物价局）是本市的价格行政主管部门。\n\
                第五条 市物价局负责本市的价格监督工作。\n\
                第六条 示范区范围包括上海市青浦区、江苏省苏州市吴江区、浙江省嘉兴市嘉善县（以下简称两区一县）。两区一县应当协同。\n\
                第七条 上海市民政局（以下简称本市民政部门）负责殡葬管理。\n\
                第八条 市人民政府依据本条例设立杭州西溪国家湿地公园管理委员会（以下简称管委会）。\n\
                第九条 监督深圳市不动产登记中心（以下简称登记机构）依法履行房地产登记职责。\n";
    let outline = structure::parse(text);
    let found = extract(text, &outline, &Lexicon::bundled(), Some(2020));
    let bureau = found
        .entities
        .iter()
        .position(|e| e.label == "上海市物价局")
        .expect("the bureau");
    assert_eq!(found.entities[bureau].alt_labels, ["市物价局"]);
    let named: Vec<&str> = found
        .mentions
        .iter()
        .filter(|m| m.entity == bureau)
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(named, ["上海市物价局", "市物价局", "市物价局"]);
    assert!(!found.mentions.iter().any(|m| m.text == "两区一县"));
    // A word that refers (本市…) is no short name.
    assert!(found.entities.iter().any(|e| e.label == "上海市民政局"));
    assert!(!found.mentions.iter().any(|m| m.text.starts_with("本市")));
    // Nor is a head of bodies' names, bare or after common words only.
    for (body, head) in [
        ("杭州西溪国家湿地公园管理委员会", "管委会"),
        ("深圳市不动产登记中心", "登记机构"),
    ] {
        let entity = found
            .entities
            .iter()
            .find(|e| e.label == body)
            .expect("the body");
        assert!(
            entity.alt_labels.is_empty(),
            "{body}: {:?}",
            entity.alt_labels
        );
        assert!(!found.mentions.iter().any(|m| m.text == head), "{head}");
    }
}
