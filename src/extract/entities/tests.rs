//! Unit tests of the entity rules: one sentence per rule, each written for it.

use super::*;

fn check(text: &str, expected: &[(&str, EntityKind)]) {
    let lexicon = Lexicon::bundled();
    let chars: Vec<char> = text.chars().collect();
    let context = Context {
        anchor: Some(2026),
        region: None,
        legal: false,
    };
    let got: Vec<(String, EntityKind)> = find(text, &lexicon, context, None)
        .into_iter()
        .map(|f| (chars[f.begin..f.end].iter().collect(), f.entity.kind))
        .collect();
    let expected: Vec<(String, EntityKind)> = expected
        .iter()
        .map(|(s, k)| ((*s).to_owned(), *k))
        .collect();
    assert_eq!(got, expected, "{text}");
}

use EntityKind::*;

/// The places found in `text` in a document of the division `code`, as written.
fn place_names(code: &str, text: &str) -> Vec<String> {
    places_in(code, text).into_iter().map(|(n, _)| n).collect()
}

/// The places found in `text` in a document of the division `code`, with the
/// code each resolves to.
fn places_in(code: &str, text: &str) -> Vec<(String, String)> {
    let lexicon = Lexicon::bundled();
    let chars: Vec<char> = text.chars().collect();
    let context = Context {
        anchor: Some(2026),
        region: crate::divisions::bundled().index_of(code),
        legal: false,
    };
    find(text, &lexicon, context, None)
        .into_iter()
        .filter(|f| f.entity.kind == Place)
        .map(|f| (chars[f.begin..f.end].iter().collect(), f.entity.key))
        .collect()
}

#[test]
fn peoples_organisations_are_the_organs_of_the_documents_region() {
    // The closing part of every shared report lists the people's organisations
    // by short forms, as it does 工商联: each is the body of the report's region.
    // Bare 工会 is a common noun; a workplace's or every place's body (企业科协,
    // 地方人大) is no one body; organs in a list make no list of companies.
    let lexicon = Lexicon::bundled();
    let text = "支持工会、共青团、妇联、科协、残联、红十字、计生协等群团组织发挥作用，省总工会、团省委（共青团江苏省委员会）、企业科协和地方人大";
    let chars: Vec<char> = text.chars().collect();
    let context = Context {
        anchor: Some(2026),
        region: crate::divisions::bundled().index_of("320000"),
        legal: false,
    };
    let found: Vec<(String, String)> = find(text, &lexicon, context, None)
        .into_iter()
        .map(|f| (chars[f.begin..f.end].iter().collect(), f.entity.label))
        .collect();
    let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(
        found,
        [
            pair("共青团", "中国共产主义青年团"),
            pair("妇联", "江苏省妇女联合会"),
            pair("科协", "江苏省科学技术协会"),
            pair("残联", "江苏省残疾人联合会"),
            pair("省总工会", "江苏省总工会"),
            // The Youth League's committee, no party committee's 省委, by
            // its short form and its full name (which holds 江苏省委).
            pair("团省委", "共青团江苏省委员会"),
            pair("共青团江苏省委员会", "共青团江苏省委员会"),
        ]
    );
}

#[test]
fn short_names_that_are_also_words_count_in_their_own_region() {
    let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    // 保定 in 河北's report is the city; elsewhere, or inside 医保定点, nothing.
    assert_eq!(
        places_in("130000", "推动廊坊、保定承接非首都功能"),
        [pair("廊坊", "131000"), pair("保定", "130600")]
    );
    assert_eq!(places_in("130000", "规范医保定点管理"), []);
    assert_eq!(
        places_in("320000", "推动廊坊、保定承接非首都功能"),
        [pair("廊坊", "131000")]
    );
    // A short name that is also a word counts only in a list of places.
    assert_eq!(
        places_in("140000", "太原、长治两市"),
        [pair("太原", "140100"), pair("长治", "140400")]
    );
    assert_eq!(places_in("140000", "确保社会长治久安"), []);
    // A list of companies is no list of places (长治钢铁集团 is a company's name).
    assert_eq!(
        places_in("140000", "推动中国中车、长治钢铁集团深化合作"),
        []
    );
    // Such a short name opens a zone's or a facility's name like any place,
    // though it holds a stop character (大同: 同; 山西's report).
    assert_eq!(
        place_names("140000", "大同经开区、阳泉高新区入选"),
        ["大同经开区", "阳泉高新区"]
    );
    // Every listed short name names a prefecture or county, and becomes its
    // alternative label.
    let lexicon = Lexicon::bundled();
    let entry = lexicon.lookup("保定市").unwrap();
    assert!(
        entry.aliases.iter().any(|a| a == "保定"),
        "{:?}",
        entry.aliases
    );
}

#[test]
fn regions_named_by_the_abbreviations_of_their_cities() {
    let labels = |code: &str, text: &str| -> Vec<String> {
        places_in(code, text).into_iter().map(|(l, _)| l).collect()
    };
    // The first characters of a province's cities (徐州, 宿迁, 淮安; 西安, 咸阳)
    // name a region together in that province's report.
    assert_eq!(labels("320000", "推动徐宿淮一体化发展"), ["徐宿淮"]);
    assert_eq!(labels("610000", "加快西咸同城化"), ["西咸"]);
    // A city whose short name starts with a direction or 无 is named by its
    // second character (南通 → 通, 无锡 → 锡); a run that goes on with another
    // province's city (通苏|杭…) is no region of this one; a run before a
    // common word that its next character does not start (闽台|基础) holds.
    assert_eq!(labels("320000", "推进通泰扬协同发展"), ["通泰扬"]);
    assert!(labels("320000", "规划通苏杭城际铁路").is_empty());
    assert_eq!(labels("350000", "深化闽台基础设施联通"), ["闽台"]);
    // Not in another province's report, not a common word (合作) and not
    // ending where the next character makes one (宿马合|作 → 宿马).
    assert!(labels("440000", "推动徐宿淮一体化发展").is_empty());
    assert_eq!(labels("340000", "深化宿马合作共建"), ["宿马"]);
    assert!(labels("340000", "加强区域合作").is_empty());
    // A run that names a city again is two runs (成都 with 德阳, then with
    // 眉山), each a region even where it spells a word (大理 and 红河, 大理 and
    // 德宏: 大红, 大德).
    assert_eq!(labels("510000", "推进成德成眉产业协同"), ["成德", "成眉"]);
    assert_eq!(labels("530000", "推进大红大德交通协同"), ["大红", "大德"]);
    assert!(labels("530000", "推进大红灯笼工程").is_empty());
    // A province whose abbreviation is too common a character elsewhere names
    // its own regions by it and a direction (宁夏's report; 北京's 京西), as
    // zones' heads too, and facilities named after them hold none.
    assert_eq!(
        labels(
            "640000",
            "宁东现代煤化工、中卫精细化工入选国家先进制造业集群"
        ),
        ["宁东", "中卫"]
    );
    assert_eq!(labels("110000", "推动京西地区转型发展"), ["京西地区"]);
    assert_eq!(labels("640000", "做活宁东环线"), Vec::<String>::new());
    assert!(labels("320000", "宁东现代煤化工").is_empty());
    // A zone a run opens (粤东: 广东 and 东莞) is a whole name before 、, with
    // no head shared with the zone after it.
    assert_eq!(
        labels("440000", "推动粤东城市群、粤西沿海经济带建设"),
        ["粤东城市群", "粤西沿海经济带"]
    );
}

#[test]
fn regions_named_by_sichuan_and_tibet_and_zones_by_their_heads() {
    check(
        "推动川南经济区和藏东南发展",
        &[("川南经济区", Place), ("藏东南", Place)],
    );
    // 保藏 and 山川 are words, not abbreviations before a direction.
    check("建设菌种保藏中心", &[]);
    // A gazetteer's zone before 、 is whole, not an item sharing the next one's head.
    check(
        "天府新区、成都东部新区",
        &[("天府新区", Place), ("成都东部新区", Place)],
    );
    // So is a long name of the gazetteer that ends with no zone's suffix.
    check(
        "推动珠江三角洲、成都东部新区合作",
        &[("珠江三角洲", Place), ("成都东部新区", Place)],
    );
    // A national park is named after its mountain though a town bears the
    // mountain's name (贡嘎山镇), and its name may be long.
    check("创建贡嘎山国家公园", &[("贡嘎山国家公园", Place)]);
    check(
        "推进雅鲁藏布大峡谷国家公园建设",
        &[("雅鲁藏布大峡谷国家公园", Place)],
    );
    // Areas, belts and corridors named after a place are whole names.
    check(
        "建设宿州城市圈、沈阳科创走廊和赣南革命老区",
        &[
            ("宿州城市圈", Place),
            ("沈阳科创走廊", Place),
            ("赣南革命老区", Place),
        ],
    );
    // Provinces named together by their abbreviations are one region; not 新
    // ("new") before one, nor a run that starts a facility's name.
    check(
        "深化湘赣合作，推进鄂豫皖协作",
        &[("湘赣", Place), ("鄂豫皖", Place)],
    );
    // Before a word of cooperation the run holds whatever comes before it, even
    // of the other abbreviations only; naming a province again, it is two
    // pairs (the last two from 宁夏's and 福建's reports).
    check("做深做实粤桂协作", &[("粤桂", Place)]);
    check("宁港澳合作提升年", &[("宁港澳", Place)]);
    check("加强闽港闽澳合作", &[("闽港", Place), ("闽澳", Place)]);
    check("新晋院士2位", &[("2位", Quantity)]);
    check("加快沪渝蓉高铁建设", &[]);
    // 产业带动 is "industry drives", not a belt.
    check("江苏产业带动就业", &[("江苏", Place)]);
    // Science cities, new towns and bay areas named after a place are whole
    // names; a preposition of place at a boundary opens a zone's name.
    check(
        "建设怀柔科学城、嘉定新城，深化环渤海科创圈合作",
        &[
            ("怀柔科学城", Place),
            ("嘉定新城", Place),
            ("环渤海科创圈", Place),
        ],
    );
    // 创新城市 is a city that innovates; 湾区域 the area of a bay.
    check("嘉定创新城市建设", &[("嘉定", Place)]);
}

#[test]
fn a_word_that_opens_a_clause_opens_no_features_name() {
    // 充分发挥 and 不断提升 govern the generic 水库 and 草原: no name starts with
    // the verb or adverb (data/rules/opening-words.tsv as well as verbs.tsv).
    check(
        "防洪应当蓄泄兼施，充分发挥水库、湖泊、洼淀和沟道截流工程的调蓄洪水功能",
        &[],
    );
    check(
        "建立数量、质量、功能三维体系，不断提升草原湿地综合效益",
        &[],
    );
    check("加强密云水库保护", &[("密云水库", Place)]);
}

#[test]
fn natural_features_listed_beside_natural_features() {
    // Rivers the bundled lists lack, beside rivers they hold; the verb that
    // opens the clause is no part of the first item.
    assert_eq!(
        place_names(
            "110000",
            "编制潮白河、北运河、永定河、大清河、蓟运河流域综合规划"
        ),
        ["潮白河", "北运河", "永定河", "大清河", "蓟运河"]
    );
    assert_eq!(
        place_names("340000", "深入推进长江、淮河、新安江、大运河等保护治理"),
        ["长江", "淮河", "新安江", "大运河"]
    );
    assert_eq!(
        place_names("530000", "杞麓湖、异龙湖实现脱劣"),
        ["杞麓湖", "异龙湖"]
    );
    // After 、 an item's name may hold a character that is a stop character
    // elsewhere (将台山 holds 将; a 杭州 regulation on 西湖's hills).
    assert_eq!(
        place_names("330100", "包括吴山、紫阳山、凤凰山、将台山、玉皇山"),
        ["吴山", "紫阳山", "凤凰山", "将台山", "玉皇山"]
    );
    // Verbs' phrases and kinds of water are no names, listed or not.
    assert!(place_names("110000", "新建、改建、扩建跨河、穿河、临河、穿堤的桥梁").is_empty());
    assert_eq!(
        place_names("110000", "保护永定河、北运河和城市河湖"),
        ["永定河", "北运河"]
    );
}

#[test]
fn zones_opened_by_a_township_or_listed_beside_zones() {
    // A zone named after a subdistrict of the document's city (中关村 of
    // 中关村街道, 张江 of 张江镇), and a zone beside one, opened by no place.
    assert_eq!(
        place_names(
            "110000",
            "以中关村科学城、怀柔科学城、未来科学城、北京经济技术开发区为主要平台"
        ),
        [
            "中关村科学城",
            "怀柔科学城",
            "未来科学城",
            "北京经济技术开发区"
        ]
    );
    assert_eq!(
        place_names(
            "310000",
            "推进张江科学城、大零号湾等科技创新中心重要承载区建设"
        ),
        ["张江科学城"]
    );
    // Beijing's townships named X地区 (亦庄地区) are known by X too.
    let lexicon = Lexicon::bundled();
    let beijing = crate::divisions::bundled().index_of("110000");
    let town = lexicon.township_short("亦庄", beijing).flatten();
    assert_eq!(town.map(|e| e.label.as_str()), Some("亦庄地区"));
    // Not without the document's region, nor a township of another province.
    check("推进张江科学城建设", &[]);
    assert!(place_names("110000", "推进张江科学城建设").is_empty());
    // A designation beside a zone names no zone (国家…试验区).
    let places = place_names("150000", "推进宿州城市圈和国家生态文明试验区建设");
    assert!(!places.iter().any(|p| p.contains("试验区")), "{places:?}");
}

#[test]
fn zones_opened_by_a_place_jieba_knows() {
    // Places no division list holds but jieba tags ns (data/rules/place-words.tsv)
    // open a zone's name after a boundary or an opening word.
    assert_eq!(
        place_names(
            "460000",
            "深化漕河泾开发区建设，加快江东新区建设，保护大河村遗址。"
        ),
        ["漕河泾开发区", "江东新区", "大河村遗址"]
    );
    // Alone they are no mention; after a count the zone is a kind many places
    // have, no name.
    assert!(place_names("460000", "漕河泾的企业增加。").is_empty());
    assert!(place_names("460000", "建设5个海西协作产业园。").is_empty());
    // Before 地区 such a name is a region's (攀西地区 of 四川), at a boundary.
    assert_eq!(
        place_names("510000", "支持攀西地区发展，缩小东西地区差距。"),
        ["攀西地区"]
    );
}

#[test]
fn named_parks_are_zones_kinds_of_parks_are_not() {
    // ANNOTATION.md: named zones and parks are places, whole (宁夏's and
    // 甘肃's reports).
    assert_eq!(
        place_names("640000", "银川苏银产业园、中卫工业园入选首批国家级零碳园区"),
        ["银川苏银产业园", "中卫工业园"]
    );
    assert_eq!(
        place_names("620000", "金昌经开区、庆阳东数西算产业园入选"),
        ["金昌经开区", "庆阳东数西算产业园"]
    );
    // Agricultural high-tech zones (农高区) and tourist resorts named after a
    // place are zones (内蒙古's report).
    assert_eq!(
        place_names(
            "150000",
            "高质量建设巴彦淖尔国家农高区，阿尔山国家级旅游度假区"
        ),
        ["巴彦淖尔国家农高区", "阿尔山国家级旅游度假区"]
    );
    // Nature reserves, scenic areas and forest, wetland and geological parks
    // named after a place are zones, whole; a kind of them is none.
    assert_eq!(
        place_names(
            "510000",
            "建设峨眉山风景名胜区、神农架国家森林公园、西溪国家湿地公园和石林世界地质公园，\
             加强若尔盖湿地国家级自然保护区保护，建设自然保护区"
        ),
        [
            "峨眉山风景名胜区",
            "神农架国家森林公园",
            "西溪国家湿地公园",
            "石林世界地质公园",
            "若尔盖湿地国家级自然保护区"
        ]
    );
    // A city's sub-centre named after the city is a zone (北京's regulations);
    // alone, 城市副中心 is a kind.
    check(
        "支持北京城市副中心建设，编制城市副中心规划",
        &[("北京城市副中心", Place)],
    );
    // A demonstration zone's name may run to fourteen characters before its
    // suffix (a 东营 regulation).
    check(
        "东营港经济开发区、黄河三角洲农业高新技术产业示范区为重点管理区",
        &[
            ("东营港经济开发区", Place),
            ("黄河三角洲农业高新技术产业示范区", Place),
        ],
    );
    // 美丽 and a place is a goal, no zone's name: the place is the mention
    // (江苏's and 甘肃's reports); nor is a batch of zones a name.
    assert_eq!(place_names("320000", "建设美丽中国先行区"), ["中国"]);
    assert_eq!(
        place_names("620000", "陇南入列全国第一批美丽城市先行区"),
        ["陇南"]
    );
    assert_eq!(
        place_names("630000", "三江源国家公园入选我国首批国家公园"),
        ["三江源国家公园"]
    );
    // A resultative verb of policy prose opens the clause (做大做强 before a
    // zone, as 陕西's report writes 加快推进|西安都市圈).
    assert_eq!(place_names("610000", "做大做强西安都市圈"), ["西安都市圈"]);
    // A place's park (陕西's report) and places sharing one park's head are
    // the places; a kind of park (云南's) is no name, its place is a mention.
    assert_eq!(
        place_names(
            "610000",
            "陈仓、洋县园区产值超过100亿元，富平园区产值超过200亿元"
        ),
        ["陈仓", "洋县", "富平"]
    );
    assert_eq!(
        place_names("350000", "加快建设福州、厦门、泉州省级人工智能产业园"),
        ["福州", "厦门", "泉州"]
    );
    assert_eq!(
        place_names("530000", "瑞丽获批国家级产业协作园区"),
        ["瑞丽"]
    );
}

#[test]
fn holidays_are_times() {
    // 全国年节及纪念日放假办法, articles 2 and 5: a holiday names a day; an
    // organisation inside a memorial day's name is none.
    let times = |text: &str| -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let context = Context {
            anchor: None,
            region: None,
            legal: true,
        };
        find(text, &Lexicon::bundled(), context, None)
            .into_iter()
            .filter(|f| f.entity.kind == Time)
            .map(|f| chars[f.begin..f.end].iter().collect())
            .collect()
    };
    assert_eq!(
        times("(二)春节，放假3天(农历正月初一、初二、初三)；"),
        ["春节", "农历正月初一"]
    );
    assert_eq!(
        times("(四)中国人民解放军建军纪念日(8月1日)，现役军人放假半天。"),
        ["中国人民解放军建军纪念日"]
    );
    assert_eq!(
        times(
            "二七纪念日、五卅纪念日、七七抗战纪念日、九三抗战胜利纪念日、九一八纪念日、教师节、护士节、记者节、植树节等其他节日"
        ),
        [
            "二七纪念日",
            "五卅纪念日",
            "七七抗战纪念日",
            "九三抗战胜利纪念日",
            "九一八纪念日",
            "教师节",
            "护士节",
            "记者节",
            "植树节"
        ]
    );
}

#[test]
fn rivers_before_their_basin_are_places() {
    // 广州市流溪河流域管理条例 and a 自治县's regulation: rivers no list knows, by
    // the 流域 after them; not a word of legal prose before them, nor 江河.
    // (The second 流溪河, with no 流域, is found as the document's name.)
    check(
        "第二条 本条例所称流溪河流域，是指本市行政区域内流溪河自源头至下游南",
        &[("流溪河", Place)],
    );
    check(
        "第二条 自治县行政区域内梅江河流域的水生态环境保护",
        &[("梅江河", Place)],
    );
    check("（三）其他江河流域或者区域的综合规划", &[]);
}

#[test]
fn counties_of_two_characters_count_in_their_region_at_word_boundaries() {
    // 陕西's and 甘肃's reports.
    assert_eq!(
        place_names("610000", "山阳、勉县等6个抽水蓄能项目核准建设"),
        ["山阳", "勉县"]
    );
    assert_eq!(
        places_in("620000", "西和县礼县西汉水人饮等"),
        [
            ("西和县".to_owned(), "621225".to_owned()),
            ("礼县".to_owned(), "621226".to_owned())
        ]
    );
    // Not in another province's document, nor ending a word (提高|县城, 示范|县:
    // 高县 and 范县 are counties of 四川 and 河南).
    assert!(!place_names("440000", "山阳、勉县等6个抽水蓄能项目").contains(&"勉县".to_owned()));
    assert!(place_names("510000", "提高县城辐射带动能力").is_empty());
    assert!(place_names("410000", "创建国家乡村振兴示范县").is_empty());
    // 和县 of 安徽 is no county after a noun it joins (城市和县城).
    assert!(place_names("340000", "城市和县城建成区黑臭水体").is_empty());
}

#[test]
fn organisations_in_events_institutions_and_names_joined_by_a_dash() {
    // 天津's report: an organisation inside an event's name is no mention; 安徽's:
    // nor a place in brackets inside one.
    check("举办2025年上海合作组织峰会", &[("2025年", Time)]);
    check("地方政府暨友城合作（黄山）论坛", &[]);
    // A region's public institutions by their short forms, as its organs; not
    // every one of a kind (全市博物馆), nor 全市|政府系统.
    check(
        "推进市人民医院建设，市博物馆、市图书馆开放",
        &[
            ("市人民医院", Organization),
            ("市博物馆", Organization),
            ("市图书馆", Organization),
        ],
    );
    check("全市博物馆、美术馆举办活动，全市政府系统要", &[]);
    // A name of two places joined by a dash starts with the first.
    check(
        "建设中国—东盟农业合作中心",
        &[("中国—东盟农业合作中心", Organization)],
    );
}

#[test]
fn short_forms_inside_words_references_and_websites_are_no_organs() {
    // 政协 between 行政 and 协调 is letters of two words; 执行|人大 is not.
    check("加强行政协调", &[]);
    check("执行人大决定", &[("人大", Organization)]);
    // ANNOTATION.md: 人大 and 政协 also when they modify a role.
    check(
        "邀请全国人大代表和市政协委员",
        &[("全国人大", Organization), ("市政协", Organization)],
    );
    // A pronoun before the suffix refers to a body named elsewhere; a
    // website of a body is a platform.
    check("特此函告贵公司", &[]);
    check("在本市政府网发布", &[]);
}

#[test]
fn parties_anonymised_by_some_are_people_and_companies() {
    check(
        "原告钱某某诉被告某食品有限公司，钱某与某某公司协商",
        &[
            ("钱某某", Person),
            ("某食品有限公司", Organization),
            ("钱某", Person),
            ("某某公司", Organization),
        ],
    );
    // 某 meaning "a certain", and a preposition before it, name no one.
    check("属于某种情形的，向某单位申请", &[]);
}

#[test]
fn session_numbers_before_short_forms_are_part_of_the_mention() {
    // The openings of the shared reports (山西, 上海's 十二届市委): the
    // session and the level of the report's own region belong to the mention.
    check(
        "落实省十四届人大四次会议部署",
        &[("省十四届人大", Organization)],
    );
    check(
        "在十四届全国人大三次会议上",
        &[("十四届全国人大", Organization)],
    );
    check("贯彻十二届市委历次全会精神", &[("市委", Organization)]);
}

#[test]
fn short_names_of_the_party_and_the_armed_police() {
    // Every report's thanks paragraph names the armed police by its short form.
    check(
        "向驻地部队和武警官兵致以崇高敬意，共产党领导",
        &[("武警", Organization), ("共产党", Organization)],
    );
}

#[test]
fn central_enterprises_named_by_china_and_a_brand() {
    // A shared report's line: 中国 and a brand of two characters, between
    // boundaries, is a central enterprise; 中国 before a common word is a place.
    check(
        "引入国机集团、中国国新等央企，坚持中国特色",
        &[
            ("国机集团", Organization),
            ("中国国新", Organization),
            ("中国", Place),
        ],
    );
}

#[test]
fn works_of_art_and_books_in_titles_are_not_laws() {
    // Shared reports (青海, 安徽 …): plays, films and books named in 《》, and a
    // title chained to one, are single units; a law's title stays a law.
    let lexicon = Lexicon::bundled();
    let text =
        "话剧《青春之歌》、歌曲《西海情歌》《在那遥远的地方》入选，根据《中华人民共和国专利法》。";
    let kinds: Vec<EntityKind> = find(text, &lexicon, Context::default(), None)
        .iter()
        .map(|f| f.entity.kind)
        .collect();
    assert_eq!(kinds, vec![Legislation], "{text}");
}

#[test]
fn periodicals_and_websites_where_laws_are_published_hold_no_names() {
    // The closing articles of local regulations (浙江's, 山东's, 广东's in the
    // shared laws): a newspaper or gazette in 《》 is no law cited (a newspaper
    // is an organisation by its suffix, as without the marks; a gazette holds
    // no mention), and a website named by a place and a body is a platform; a
    // document's title (《关于…的通报》) stays a law, and a body's website
    // described (政府网站) keeps its place.
    let lexicon = Lexicon::bundled();
    let context = Context {
        anchor: None,
        region: None,
        legal: true,
    };
    let found = |text: &str| -> Vec<(String, EntityKind)> {
        let chars: Vec<char> = text.chars().collect();
        find(text, &lexicon, context, None)
            .into_iter()
            .map(|f| (chars[f.begin..f.end].iter().collect(), f.entity.kind))
            .collect()
    };
    assert_eq!(
        found("在《浙江日报》和《潍坊市人大常委会公报》上公布"),
        [("浙江日报".to_owned(), Organization)]
    );
    assert_eq!(found("同时刊载于中国人大网、中国政府网和衢州人大网"), []);
    assert_eq!(
        found("依照《国务院办公厅关于安全生产情况的通报》，在杭州市人民政府网站公开"),
        [
            ("国务院办公厅关于安全生产情况的通报".to_owned(), Legislation),
            ("杭州市人民政府".to_owned(), Organization),
        ]
    );
}

#[test]
fn regions_and_literary_names_of_provinces() {
    // 福建's report: a province's literary name (别称) is a mention of it.
    check("八闽气韵风采生动展现", &[("八闽", Place)]);
    // A region and 地区 are one name (重庆's report, and ANNOTATION.md's
    // 中部地区).
    check("推动渝西地区协同发展", &[("渝西地区", Place)]);
    check("融入长江三角洲地区发展", &[("长江三角洲地区", Place)]);
    // Regions named by abbreviations together, with no region inside (京津|中).
    check(
        "服务京津中加快发展，港澳台同胞",
        &[("京津", Place), ("港澳台", Place)],
    );
    check(
        "激活渝西文旅资源，全面加快川陕革命老区振兴",
        &[("渝西", Place), ("川陕革命老区", Place)],
    );
    // 重庆's report: 成渝 is the region of 成都 and 重庆.
    check(
        "成渝地区纳入国家三大区域，构建成渝现代水网体系",
        &[("成渝地区", Place), ("成渝", Place)],
    );
}

#[test]
fn places_inside_unquoted_programme_names_are_mentions() {
    // An unquoted programme name is a descriptive phrase (ANNOTATION.md: 长江大保护
    // → 长江), not a plan: its places are mentions. Sentences of the shared reports.
    check(
        "纵深推进京津冀协同发展，推动长江经济带发展和中部地区崛起，实施乡村振兴战略。",
        &[
            ("京津冀", Place),
            ("长江经济带", Place),
            ("中部地区", Place),
        ],
    );
    // A zone's name may be as long as its rule allows (14 characters before
    // 先行区), not cut at 12.
    check(
        "建设苏州全面深化改革开放创新发展先行区",
        &[("苏州全面深化改革开放创新发展先行区", Place)],
    );
}

#[test]
fn names_joined_by_grade_words_and_fields() {
    // 等 of 高等/中等 and 与 between two fields stay inside a name after a place;
    // 与 before another place (加强与|四川大学) ends a name.
    check(
        "建设江西高等研究院，发展湖南中等职业学院，组建西安材料科学与工程研究院。",
        &[
            ("江西高等研究院", Organization),
            ("湖南中等职业学院", Organization),
            ("西安材料科学与工程研究院", Organization),
        ],
    );
    check("加强与四川大学合作", &[("四川大学", Organization)]);
}

#[test]
fn companies_and_institutions_named_by_a_brand() {
    // Sentences of the shared reports (江苏, 安徽, 天津, 甘肃).
    check(
        "海螺集团与皖维集团启动重组。苏豪集团重组整合。",
        &[
            ("海螺集团", Organization),
            ("皖维集团", Organization),
            ("苏豪集团", Organization),
        ],
    );
    check(
        "推动磷化集团，支持吉翼公司上半年产品面市，支持苏州实验室、紫金山实验室等加快建设",
        &[
            ("磷化集团", Organization),
            ("吉翼公司", Organization),
            ("上半年", Time),
            ("苏州实验室", Organization),
            ("紫金山实验室", Organization),
        ],
    );
    // Forest farms and memorial halls (甘肃's and 陕西's reports).
    check(
        "八步沙林场三代人治沙，关中革命纪念馆、秦岭博物馆等建成",
        &[
            ("八步沙林场", Organization),
            ("关中革命纪念馆", Organization),
            ("秦岭博物馆", Organization),
        ],
    );
    // Descriptions ending or starting with a common word are no names.
    check(
        "加强上市公司风险监测，新增境内上市公司，引导项目公司，城市医疗集团，推进高水平大学建设，全国首家股份制银行",
        &[],
    );
    check("新增老年大学，推动康复大学建设", &[]);
    // In a legal text, 开户银行 and 新设公司 are roles.
    let lexicon = Lexicon::bundled();
    let text = "当事人应当在开户银行办理，新设公司应当登记。";
    let found = find(
        text,
        &lexicon,
        Context {
            legal: true,
            ..Context::default()
        },
        None,
    );
    assert!(
        found.iter().all(|f| f.entity.kind != Organization),
        "{text}"
    );
}

#[test]
fn names_of_other_kinds_hold_no_place() {
    // Facilities, events and streets named after a place are single units.
    check("上海东站、南京北站", &[]);
    check("中国国际进口博览会圆满举办", &[]);
    check("上海港运营，宁德核电投产", &[]);
    check("香港、澳门", &[("香港", Place), ("澳门", Place)]);
    check("南京东路、赤峰道，江苏道路运输", &[("江苏", Place)]);
    // Water named after a place is a place of its own.
    check(
        "黄浦江挡潮闸，苏州河滨水，泉州湾",
        &[("黄浦江", Place), ("苏州河", Place), ("泉州湾", Place)],
    );
    // A county's name inside words is no place (适应城市).
    check("适应城市发展阶段", &[]);
    // Coordination with a shared head gives the places.
    check("南京、杭州都市圈", &[("南京", Place), ("杭州", Place)]);
    check("河南、山东黄河河务局", &[("河南", Place), ("山东", Place)]);
    check(
        "陕西省和山西省人民政府",
        &[("陕西省", Place), ("山西省", Place)],
    );
    check(
        "龙羊峡、刘家峡、小浪底水库",
        &[("龙羊峡", Place), ("刘家峡", Place), ("小浪底", Place)],
    );
    check("推进赣东北开放合作", &[("赣东北", Place)]);
    // A division written in full, or a zone, before another zone shares no head
    // with it (福建's report).
    check(
        "南平市和莆田高新区列入国家碳达峰试点",
        &[("南平市", Place), ("莆田高新区", Place)],
    );
    // Science parks and ports of entry are facilities (天津's report); 湖体 and
    // 湖泡 are words, not lakes (江苏's report).
    check("宝坻京津中关村科技城", &[]);
    // A pass named after a place is a site; 上海关于 and 北京关心 are no passes.
    check(
        "上海关于加强，北京关心",
        &[("上海", Place), ("北京", Place)],
    );
    check("太湖湖体平均水质", &[("太湖", Place)]);
    // A short slogan of a few clauses is a brand, a single unit (made up).
    check("“山水相连，周末游江苏”持续走红", &[]);
    check("建设创新中心", &[]);
}

#[test]
fn places_listed_before_a_shared_site_head() {
    // Coordination with a shared generic head gives the places (ANNOTATION.md),
    // a site's head too: airports, power stations, reservoirs, laboratories,
    // sites (陕西's, 云南's, 安徽's and 内蒙古's reports).
    check("建成榆林、延安机场", &[("榆林", Place), ("延安", Place)]);
    check(
        "建设包头、鄂尔多斯实验室",
        &[("包头", Place), ("鄂尔多斯", Place)],
    );
    // Unknown items in a list with a known place; a count, a size or 等 between
    // the last item and the head; the longest head (水电站).
    check(
        "推进哇玉、同仁、西宁3个抽水蓄能电站",
        &[
            ("哇玉", Place),
            ("同仁", Place),
            ("西宁", Place),
            ("3个", Quantity),
        ],
    );
    check(
        "旭龙、古水、奔子栏水电站等建成",
        &[("旭龙", Place), ("古水", Place), ("奔子栏", Place)],
    );
    check(
        "昆明、玉溪大型水库建成投用",
        &[("昆明", Place), ("玉溪", Place)],
    );
    // The first item starts after a word that opens a clause (深化).
    check(
        "深化石峁、太平遗址研究",
        &[("石峁", Place), ("太平", Place)],
    );
    // Not a list of places: kinds (国家重点、省级重点), verbs and common words
    // (新建、整合8家), names of their own (…铁路、中川机场), and lists with no
    // known place.
    check("建设国家重点、省级重点实验室", &[]);
    check("推进新建、整合8家省重点实验室", &[("8家", Quantity)]);
    check("加快宝中铁路、包兰铁路、中川机场改造", &[]);
    check("推进甲乙、丙丁水电站", &[]);
    // In a report, sites and areas named after villages and localities no
    // gazetteer lists: 等 and the head (with words of kind between) say the
    // list is of places; a head that modifies a kind of thing (区域品牌), or an
    // item of common words, says it is not.
    check(
        "加强杨官寨、芦山峁、寨峁梁等国家考古遗址公园建设",
        &[("杨官寨", Place), ("芦山峁", Place), ("寨峁梁", Place)],
    );
    check("培育马铃薯、小杂粮等区域品牌", &[]);
    check("整治轨道站点、群租空间等重点区域", &[]);
    // A count of plants before their capacity is a description too.
    check(
        "加快酒泉市、张掖市2座10万千瓦光热电站",
        &[
            ("酒泉市", Place),
            ("张掖市", Place),
            ("2座", Quantity),
            ("10万千瓦", Quantity),
        ],
    );
}

#[test]
fn sections_of_routes_hold_no_place_sections_of_rivers_do() {
    // ANNOTATION.md: a facility's name is one unit, its section's too; a
    // river's section names the river and the place.
    check(
        "建成京昆高速四川段和京哈高速（沈阳段），治理珠江广东段",
        &[("珠江", Place), ("广东", Place)],
    );
}

#[test]
fn facilities_and_routes_hold_no_place() {
    // Bridges, locks, metro lines and power stations named after a place
    // (重庆's, 江苏's, 上海's and 宁夏's reports).
    check("开工支坪长江大桥等节点工程", &[]);
    // A city's China–Europe or China–Asia trains: the national service, run
    // from the city, which is a mention; a route's trains hold their places.
    check(
        "开行成都中欧班列、西安中亚班列和甲至乙班列",
        &[("成都", Place), ("西安", Place)],
    );
    check("镇江谏壁一线船闸扩容改造", &[]);
    check("加快建设崇明线、南枫线", &[]);
    check("太原地铁1号线开通运营", &[]);
    // A facility named after its place, alone; coordinated places before a
    // route's head are routes' names (陕西's report).
    check("建成延安机场", &[]);
    // A bonded logistics centre is a customs facility of that name, though a
    // logistics centre alone is no name (建设区域物流中心).
    check("支持泸州保税物流中心封关运行", &[]);
    check("建成甲乙、丙丁高铁", &[]);
    // Routes between places are roads, lines and projects (青海's, 吉林's and
    // 陕西's reports).
    check("建成尖扎至贵德、小柴旦湖至老茫崖等公路", &[]);
    check("白山至临江、松江河至长白等高速公路", &[]);
    check("重庆至武汉段4.5米水深航道", &[("4.5米", Quantity)]);
    // Not facilities: a verb after the place (重庆's report), a count of
    // counties (甘肃's), ports of places like one (内蒙古's), a journey.
    check("渝东南迈入高铁时代", &[]);
    check(
        "江苏、安徽2省高速项目全部开工",
        &[("江苏", Place), ("安徽", Place)],
    );
    check(
        "在上海、天津等口岸开展",
        &[("上海", Place), ("天津", Place)],
    );
    check("从北京至上海的旅客", &[("北京", Place), ("上海", Place)]);
    // Metro lines and meetings named after a place (甘肃's and 新疆's
    // reports); a node city of a train service is a place.
    check("建成兰州轨道交通二号线。", &[]);
    check("第十次全国对口支援新疆工作会议精神", &[]);
    check("加快兰州中欧班列节点城市建设", &[("兰州", Place)]);
    // Plants and projects named by a place and their capacity (陕西's
    // report); a count of places or of plants is a description (甘肃's).
    check("推进哈密750千伏输变电工程", &[("750千伏", Quantity)]);
    check("推进榆林千万吨煤制油", &[("千万吨", Quantity)]);
    check(
        "做大做强酒泉、天水两个区域中心城市",
        &[("酒泉", Place), ("天水", Place), ("两个", Quantity)],
    );
    // Power lines named by the regions they join (陕西's, 重庆's and 福建's
    // reports) are facilities; a river's section keeps its places (宁夏's).
    check("陕皖直流输电工程有序推进", &[]);
    check(
        "川渝特高压交流工程结束重庆迎峰度夏缺电历史",
        &[("重庆", Place)],
    );
    check("开工建设闽赣电力联网工程", &[]);
    // A section of a railway or an expressway named by its place is part of
    // the facility's name (上海's and 福建's reports).
    check("推进沪渝蓉高铁上海段等重大项目建设", &[]);
    check("开工建设潮南高速三明段", &[]);
    check(
        "黄河宁夏段河道治理工程全面贯通",
        &[("黄河", Place), ("宁夏", Place)],
    );
    // Festivals, contests and fairs named after a place are events, single
    // units (上海's laws, 陕西's and 内蒙古's reports).
    check("本市强化全民科普工作，办好上海科技节等品牌活动", &[]);
    check(
        "本市支持举办中国上海国际艺术节、上海国际电影节、上海电视节",
        &[],
    );
    check("办好汉中油菜花节、安康汉江龙舟节", &[]);
    check("举办中国产业转移发展对接会", &[]);
    // A ranking named after a place is a list's title (天津's report); other
    // words before the count than what is ranked (入围全球, 跻身全国) make a
    // phrase about the places (福建's and 甘肃's reports).
    check("承办好中国民营企业500强发布活动", &[]);
    check(
        "厦门、宁德入围全球百强",
        &[("厦门", Place), ("宁德", Place)],
    );
    check("天水经开区跻身全国50强", &[("天水经开区", Place)]);
}

#[test]
fn rivers_jieba_tags_as_people_or_names_by_a_direction_are_places() {
    // Laws of the shared corpus: a river jieba's dictionary tags nr, and
    // one named by a direction before 江.
    check(
        "凉水河、通惠河、清河以及其他跨区、县河道防洪规划",
        &[("凉水河", Place), ("通惠河", Place), ("清河", Place)],
    );
    check("禁止在西江干流、一级支流两岸", &[("西江", Place)]);
}

#[test]
fn an_organisation_found_by_its_suffix_ends_where_it_should() {
    // A known body's name after a verb (吉林's report, 引渡法), a count
    // (上海's report) and designated centres (云南's and 重庆's) are not one
    // organisation's name.
    check(
        "长白山获联合国教科文组织批准",
        &[("长白山", Place), ("联合国教科文组织", Organization)],
    );
    check(
        "由最高人民法院接到公安部的请求",
        &[("最高人民法院", Organization), ("公安部", Organization)],
    );
    // A verb ending in a suffix (签署), and 部门 with a verb after it (laws).
    check("由民政部门定期组织检查，在境内签署", &[]);
    check(
        "农业农村部门报市人民政府批准",
        &[("市人民政府", Organization)],
    );
    check(
        "制定修改浦东新区法规4部",
        &[("浦东新区", Place), ("4部", Quantity)],
    );
    check(
        "面向南亚东南亚辐射中心建设，长江上游航运中心基本建成",
        &[("南亚", Place), ("东南亚", Place), ("长江", Place)],
    );
    // A group's registered name ends with its legal form.
    check(
        "支持中国东方电气集团有限公司、四川省投资集团有限责任公司发展",
        &[
            ("中国东方电气集团有限公司", Organization),
            ("四川省投资集团有限责任公司", Organization),
        ],
    );
}

#[test]
fn names_written_china_and_a_bracketed_place() {
    // A zone's whole name is a place; an event's or platform's holds none
    // (安徽's, 甘肃's and 山西's reports).
    check(
        "中国（安徽）自贸试验区累计推出259项",
        &[("中国（安徽）自贸试验区", Place), ("259项", Quantity)],
    );
    check(
        "积极申建中国（甘肃）自由贸易试验区。",
        &[("中国（甘肃）自由贸易试验区", Place)],
    );
    check(
        "办好中国（安徽）科交会、中国（太原）国际能源产业博览会",
        &[],
    );
}

#[test]
fn a_place_in_brackets_that_qualifies_a_name_is_no_mention() {
    // Bases, routes and platforms qualified by a place in brackets are
    // single units (河北's, 陕西's and 甘肃's reports); a place's own
    // part in brackets stays a place, and the designation ends before a verb
    // (江西's) or a number.
    check("建好北方（沧州）跨境电商物流基地。", &[]);
    check("中欧班列（西安）开行6037列", &[("6037列", Quantity)]);
    check("加快国家数据基础设施（甘肃）区域功能节点建设", &[]);
    check(
        "推进武夷山国家公园（江西片区）建设",
        &[("武夷山国家公园", Place), ("江西片区", Place)],
    );
    check(
        "北方（沧州）跨境电商物流基地投资3亿元",
        &[("3亿元", Quantity)],
    );
    // A zone's name that opens with no place before the brackets starts at
    // the clause's boundary and is one place (ANNOTATION.md: named zones).
    check(
        "推进中德（沈阳）高端装备制造产业园建设",
        &[("中德（沈阳）高端装备制造产业园", Place)],
    );
}

#[test]
fn a_bodys_unit_in_a_place_is_one_organisation() {
    // 重庆's, 山西's and 青海's reports.
    check(
        "建好教育部重庆高等研究院等新型创新平台",
        &[("教育部重庆高等研究院", Organization)],
    );
    check(
        "新加坡设计业总商会重庆代表处成立",
        &[("新加坡设计业总商会重庆代表处", Organization)],
    );
    check("中科院山西煤化所", &[("中科院山西煤化所", Organization)]);
    // A design institute is a body like a research institute, with no place
    // inside; the generic word alone is none.
    check(
        "中国核动力研究设计院、中国建筑设计研究院参与攻关",
        &[
            ("中国核动力研究设计院", Organization),
            ("中国建筑设计研究院", Organization),
        ],
    );
    check("推动建筑设计院改制", &[]);
    // A hospital's campus in a city (written for the rule).
    check(
        "四川省人民医院成都东院区开诊",
        &[("四川省人民医院成都东院区", Organization)],
    );
    check(
        "青海大学三江源生态大数据应用实验室成为",
        &[("青海大学三江源生态大数据应用实验室", Organization)],
    );
    // A place after an organisation, then no unit's name (made up).
    check(
        "国务院江苏工作组的同志",
        &[("国务院", Organization), ("江苏", Place)],
    );
}

#[test]
fn quoted_terms_in_laws_are_terms() {
    let lexicon = Lexicon::bundled();
    let found = find(
        "“情节严重”，是指",
        &lexicon,
        Context {
            anchor: None,
            region: None,
            legal: true,
        },
        None,
    );
    assert_eq!(found[0].entity.kind, Term);
}

#[test]
fn seed_organisations_have_clean_boundaries() {
    check(
        "为了增进友谊， 1984年成立了中国职工对外交流中心，并在此基础上成立了中国职工旅行社。",
        &[
            ("1984年", Time),
            ("中国职工对外交流中心", Organization),
            ("中国职工旅行社", Organization),
        ],
    );
    check(
        "要求在国际工会运动和国际劳工组织中享有应有的权利",
        &[("国际劳工组织", Organization)],
    );
    check("同周边国家和发展中国家工会的关系", &[]);
    check("加强与区域工会组织的交流交往", &[]);
}

#[test]
fn places_inside_shows_races_weeks_and_meetings_are_not_mentions() {
    // Motor shows, open tournaments, fashion weeks: events, single units.
    check("支持办好西安国际车展，举办上海时装周和杭州网球公开赛", &[]);
    // A meeting's name holds no place nor the organ that holds it; a place
    // where a meeting is held is a mention.
    assert_eq!(
        place_names(
            "540000",
            "全面贯彻中央第七次西藏工作座谈会精神，在拉萨召开座谈会"
        ),
        ["拉萨"]
    );
    check(
        "落实省委城市工作会议、市委经济工作会议安排，在省委领导下",
        &[("省委", Organization)],
    );
    // A numbered session of a body keeps the body.
    check("落实省委十二届八次全会安排", &[("省委", Organization)]);
    check(
        "陕西省第十四届人民代表大会常务委员会第三次会议通过",
        &[("陕西省第十四届人民代表大会常务委员会", Organization)],
    );
}

#[test]
fn a_companys_seat_in_a_city_is_the_company_and_the_city() {
    // An item of a company list that ends with a city before 总部.
    check(
        "东风汽车、小米武汉总部、烽火通信等企业加快发展",
        &[
            ("东风汽车", Organization),
            ("小米", Organization),
            ("武汉", Place),
            ("烽火通信", Organization),
        ],
    );
}

#[test]
fn places_inside_event_names_are_not_mentions() {
    // Sentences of the shared reports (../shared/corpus/gov-reports-2026).
    check("全面落实中国—中亚峰会涉陕成果", &[]);
    check("成功举办兰州国际马拉松", &[]);
    check("跨国公司领导人青岛峰会", &[]);
    check("办好长江文明论坛", &[]);
    // The short forms of fairs and games hold one character after the place;
    // further on, the place is what the sentence is about.
    check("办好成都世运会", &[]);
    check("支持北京冬奥会场馆赛后利用", &[]);
    check("四川代表团夺得全运会金牌", &[("四川", Place)]);
    // A place before a word of holding, or before the generic word alone after
    // 的, is a mention.
    check("在福州举办的论坛", &[("福州", Place)]);
    check("厦门成功举办峰会", &[("厦门", Place)]);
    // A quoted plan opening an event's or an organisation's name is part of
    // that name.
    check("举办“一带一路”国际合作高峰论坛", &[]);
    check(
        "成立“一带一路”国际商事调解中心",
        &[("“一带一路”国际商事调解中心", Organization)],
    );
    check("共建“一带一路”，举办论坛", &[("一带一路", Plan)]);
}

#[test]
fn longest_mention_wins() {
    check("上海市人民政府", &[("上海市人民政府", Organization)]);
    check(
        "依照《中华人民共和国专利法》的规定",
        &[("中华人民共和国专利法", Legislation)],
    );
    check("财政部门负责", &[]);
}

#[test]
fn quoted_plans_terms_and_people() {
    check("“十五五”规划谋篇布局", &[("“十五五”规划", Plan)]);
    check("加快建设“五个中心”", &[("五个中心", Plan)]);
    // A quoted phrase that is not numbered and has no plan word is a term
    // (scare quotes, labels), not a plan; so is an “X+” model without one.
    check("简单地搞“接轨”", &[("接轨", Term)]);
    check("“三公”经费", &[("三公", Term)]);
    check("推进“千万工程”", &[("千万工程", Plan)]);
    check("实施“人工智能+”行动", &[("“人工智能+”行动", Plan)]);
    // A programme's motto of a few phrases, with its plan word, is its name;
    // without one it is a slogan, a single unit of no kind.
    check(
        "实施“千村精品、万村美丽”工程和“育新苗，壮主体”行动",
        &[
            ("“千村精品、万村美丽”工程", Plan),
            ("“育新苗，壮主体”行动", Plan),
        ],
    );
    check("唱响“千村精品、万村美丽”", &[]);
    check("培育“农村+”特色产业", &[("农村+", Term)]);
    check("用好“两重”“两新”政策", &[("两重", Plan), ("两新", Plan)]);
    check("“赣莲”品牌", &[("赣莲", Term)]);
    // 战略 opening a compound is no plan word of the name before it.
    check("围绕“三核两带”战略定位", &[("三核两带", Plan)]);
    check("实施“强省会”战略", &[("“强省会”战略", Plan)]);
    // 建设 after a plan and 改革 after any quoted phrase are the plan's work:
    // part of its name (ANNOTATION.md's “十五五”规划). After a label, 建设 is
    // not (“智慧书房”建设); a programme named after a division is a plan.
    check("推进“两新”建设", &[("“两新”建设", Plan)]);
    check("深化“证照分离”改革", &[("“证照分离”改革", Plan)]);
    check("推进“智慧书房”建设", &[("智慧书房", Term)]);
    check("加快“数字江苏”建设", &[("“数字江苏”建设", Plan)]);
    check("致敬“两新”建设者", &[("两新", Plan)]);
    // Unquoted programme names are not plans; quoted ones the gazetteer knows are.
    check("实施乡村振兴战略", &[]);
    check("共建“一带一路”", &[("一带一路", Plan)]);
    check("“十四五”时期", &[("“十四五”时期", Time)]);
    check("他说：“我们要坚定不移地走自己的路，不照搬。”", &[]);
    check("贯彻落实习近平总书记重要讲话", &[("习近平", Person)]);
    check("我们同王小明同志谈话", &[("王小明", Person)]);
    check("上海市市长 龚 正", &[("上海市", Place), ("龚 正", Person)]);
    check(
        "全国人民代表大会常务委员会委员长会议",
        &[("全国人民代表大会常务委员会", Organization)],
    );
    check("由管理同志负责", &[]);
}

#[test]
fn united_banks_and_long_free_trade_areas() {
    // A united bank: 联合 stops a name's reach (联合甲会), not inside the
    // bank's own suffix.
    check("组建四川联合银行", &[("四川联合银行", Organization)]);
    // A free trade area's whole name may run past fourteen characters after
    // its province.
    assert_eq!(
        place_names(
            "510000",
            "推进中国（四川）自由贸易试验区成都天府新区片区建设"
        ),
        ["中国（四川）自由贸易试验区成都天府新区片区"]
    );
}

#[test]
fn a_brand_may_open_with_a_numeral_but_a_count_is_none() {
    // A laboratory named by a mountain whose name opens with a numeral.
    check("支持九峰山实验室建设", &[("九峰山实验室", Organization)]);
    // Counts and ranks of bodies stay none.
    check(
        "新增三家银行，建设两个实验室，培育十大集团",
        &[("三家", Quantity), ("两个", Quantity)],
    );
}

#[test]
fn a_development_zone_named_by_a_city_and_a_town_is_whole() {
    // City, district, 经济技术开发区: up to ten characters before 开发区.
    assert_eq!(
        place_names("210000", "推进营口鲅鱼圈经济技术开发区建设"),
        ["营口鲅鱼圈经济技术开发区"]
    );
}

#[test]
fn a_central_hub_is_no_organisation() {
    // 中心枢纽 is a hub's role (建设甲地区乙中心枢纽), not a centre's name.
    check("建设中亚地区交流中心枢纽", &[("中亚地区", Place)]);
}

#[test]
fn a_motto_before_a_strategy_of_development_is_its_name() {
    // 发展战略 is a strategy's word as 战略 is: the motto of a few phrases
    // before it names the strategy.
    check(
        "深入实施“产城同步、县域共兴”发展战略",
        &[("产城同步、县域共兴", Plan)],
    );
    check("实施“强省会”发展战略", &[("强省会", Plan)]);
    // Without it, a motto of a few phrases is a slogan, a single unit.
    check("推进“产城同步、县域共兴”", &[]);
}

#[test]
fn a_port_named_by_a_regional_short_name_holds_no_place() {
    // 内江 is a short name only 四川's documents know, and a port named
    // after it is a facility, a single unit; the city alone is a place.
    assert_eq!(place_names("510000", "建设内江港，支持内江发展"), ["内江"]);
}

#[test]
fn quoted_campaigns_before_activities_are_plans() {
    // A campaign (活动) after the quoted phrase, at once or after 等 and a few
    // words of its kind, makes it a plan, counted or not, one of a few
    // phrases or not; the span is the quoted phrase alone.
    check("开展“春风暖万家”等惠企活动", &[("春风暖万家", Plan)]);
    check("举办“乐享山水”系列活动", &[("乐享山水", Plan)]);
    check("开展“五个一”活动", &[("五个一", Plan)]);
    check(
        "开展“学思想、强党性”等理论宣讲活动",
        &[("学思想、强党性", Plan)],
    );
    // A named day, a gathering or a match before 活动 is an event, not a
    // campaign.
    check("举办“中国航天日”活动", &[("中国航天日", Term)]);
    check("办好“乡超”等赛事活动", &[("乡超", Term)]);
    check("举办“乡村音乐汇”等活动", &[("乡村音乐汇", Term)]);
}

#[test]
fn a_feature_starts_after_a_whole_county_and_holds_no_verb() {
    // The county's name runs to its 县: the lake's name starts after it.
    check("保护宾川县海稍湖", &[("宾川县", Place), ("海稍湖", Place)]);
    // A verb before the head makes a clause about a reservoir, no name.
    check("由环境保护部门确定水库的管理范围", &[]);
}

#[test]
fn a_known_place_ends_a_lake_name_and_a_brand_of_china_is_a_company() {
    // The city 巢湖, not a lake named 申报巢湖 after the verb.
    check("争取申报巢湖", &[("巢湖", Place)]);
    // 中国 and a brand before a verb is a company, not a lake or a place.
    check("中国星河攻克关键技术", &[("中国星河", Organization)]);
    // After a word that joins partners, and before a word that opens a clause.
    check("与中国星河深化合作", &[("中国星河", Organization)]);
}

#[test]
fn universities_and_companies_named_by_no_place_are_organisations() {
    // No place opens their names and their heads are words of the language:
    // the institutions jieba knows as organisations.
    check(
        "支持清华大学、同济大学和东南大学在当地设立研究院",
        &[
            ("清华大学", Organization),
            ("同济大学", Organization),
            ("东南大学", Organization),
        ],
    );
    // A kind of university is no name.
    check("新建一所农业大学", &[]);
    // Companies named by a brand that is a word of the language too.
    check(
        "支持海尔集团、华夏银行发展",
        &[("海尔集团", Organization), ("华夏银行", Organization)],
    );
}

#[test]
fn universities_of_finance_and_museums_named_after_a_place() {
    // 经 stops a name's left edge (经|国务院同意), but not inside 财经; a
    // 博物院 is a museum as a 博物馆 is.
    check(
        "支持东北财经大学和南京博物院发展",
        &[("东北财经大学", Organization), ("南京博物院", Organization)],
    );
    check("经国务院同意", &[("国务院", Organization)]);
}

#[test]
fn central_enterprises_named_by_a_common_word_in_lists_of_companies() {
    // 中国 and a common word beside two known companies is a company; alone,
    // or beside no company, it is a description and 中国 the place.
    check(
        "深化与国家电网、南方电网、中国石化、中国电信合作",
        &[
            ("国家电网", Organization),
            ("南方电网", Organization),
            ("中国石化", Organization),
            ("中国电信", Organization),
        ],
    );
    check(
        "弘扬中国精神、中国文化",
        &[("中国", Place), ("中国", Place)],
    );
}

#[test]
fn a_laboratory_is_named_by_its_field_before_its_place() {
    // After a verb or a clause's opening word, the field opens the name; after
    // a comma alone, the place does.
    check(
        "培育量子信息湖北实验室，加快建设深海探测山东实验室",
        &[
            ("量子信息湖北实验室", Organization),
            ("深海探测山东实验室", Organization),
        ],
    );
    check("，海洋科技山东实验室", &[("山东实验室", Organization)]);
}

#[test]
fn a_series_of_laboratories_is_no_one_body() {
    assert_eq!(place_names("420000", "建设荆楚系列实验室"), ["荆楚"]);
}

#[test]
fn countries_by_their_common_names_at_word_boundaries() {
    check(
        "深化同法国、巴拿马和北欧国家合作",
        &[("法国", Place), ("巴拿马", Place), ("北欧", Place)],
    );
    // A two-character country counts at word boundaries only: 鸡汤|加热,
    // 执法|国际.
    check("同汤加合作，鸡汤加热", &[("汤加", Place)]);
    check("加强执法国际合作", &[]);
}

#[test]
fn listed_companies_and_two_character_rivers_at_word_boundaries() {
    check(
        "支持比亚迪、宁德时代扩产",
        &[("比亚迪", Organization), ("宁德时代", Organization)],
    );
    // jieba tags some short names as abbreviations (j): still companies.
    check(
        "支持中联重科、中青旅拓展海外市场",
        &[("中联重科", Organization), ("中青旅", Organization)],
    );
    // Common words make a listed company's name when jieba knows the whole
    // name as an organisation's (nt): the operators and a carmaker.
    check(
        "中国移动、中国联通在藏加快5G基站建设，长城汽车扩大投资",
        &[
            ("中国移动", Organization),
            ("中国联通", Organization),
            ("长城汽车", Organization),
        ],
    );
    // A company listed with its share class (京东方Ａ) by its name.
    check(
        "京东方在合肥建设生产线",
        &[("京东方", Organization), ("合肥", Place)],
    );
    // Two-character rivers count at word boundaries only: 自信|江西 holds no
    // 信江.
    check("治理汉江和渭河", &[("汉江", Place), ("渭河", Place)]);
    check("坚定自信江西必将更好", &[("江西", Place)]);
    // Not across the words around it: 创新|和成|果 is no company.
    check("促进科技创新和成果转化", &[]);
}

#[test]
fn companies_before_the_capacities_of_their_projects() {
    // Sentences of the shared reports (陕西, 吉林): in a list of projects, the
    // name before a capacity is the company's.
    check(
        "芯业时代8英寸半导体、弗迪12吉瓦时动力电池扩产等项目投产",
        &[
            ("芯业时代", Organization),
            ("8英寸", Quantity),
            ("弗迪", Organization),
        ],
    );
    check(
        "推动吉林梅花60万吨赖氨酸等项目释放产能",
        &[("吉林梅花", Organization), ("60万吨", Quantity)],
    );
    // Outputs and counts are no companies: a common phrase (粮食), a count
    // of things (3个), a list closed by no 项目.
    check(
        "粮食1300万吨、蔬菜2000万吨等项目",
        &[("1300万吨", Quantity), ("2000万吨", Quantity)],
    );
    check("加快西部3个煤制气等项目", &[("3个", Quantity)]);
    check("芯业时代8英寸半导体实现量产", &[("8英寸", Quantity)]);
}

#[test]
fn items_of_a_list_closed_by_a_kind_of_company_are_organisations() {
    // Short names no list holds, before 等…企业: companies, the first after
    // its verb; a known company among them is found once.
    check(
        "支持蔚来、理想汽车、小鹏等车企扩大产能。",
        &[
            ("蔚来", Organization),
            ("理想汽车", Organization),
            ("小鹏", Organization),
        ],
    );
    check(
        "引进鞍钢、宝武等央企。",
        &[("鞍钢", Organization), ("宝武", Organization)],
    );
    // A list of no kind, most of it listed companies: the rest are too.
    check(
        "宁德时代、比亚迪、曜石科技等加快布局。",
        &[
            ("宁德时代", Organization),
            ("比亚迪", Organization),
            ("曜石科技", Organization),
        ],
    );
    check(
        "促进诺和瑞康、蓝星动力等重点外企发展。",
        &[("诺和瑞康", Organization), ("蓝星动力", Organization)],
    );
    // Counted by 家, the items are companies though they read as phrases.
    check(
        "北方矿业、城乡发展集团等5家企业获评国家级绿色工厂。",
        &[
            ("北方矿业", Organization),
            ("城乡发展集团", Organization),
            ("5家", Quantity),
        ],
    );
    // Sectors closed the same way are no companies.
    check("推动钢铁、化工等企业节能降碳。", &[]);
    check("支持专业、高效等中小企业发展。", &[]);
    // An item ending with a kind of body says which bodies, no name.
    check(
        "推动在京高校、中国科学院、清华大学等组建攻关团队。",
        &[("中国科学院", Organization), ("清华大学", Organization)],
    );
    // A partner joined to an item by 与 is no company of the list, which
    // starts after the joiner.
    check(
        "推动中国人民大学、北京师范大学与比亚迪、大疆、百度等企业合作。",
        &[
            ("中国人民大学", Organization),
            ("北京师范大学", Organization),
            ("比亚迪", Organization),
            ("大疆", Organization),
            ("百度", Organization),
        ],
    );
}

#[test]
fn numbered_labels_records_and_nicknames_are_terms() {
    // A numbered formula is a plan unless a word after it makes it a label.
    check("完善“三诊”机制", &[("三诊", Term)]);
    check("优化“两核多极”布局", &[("两核多极", Term)]);
    // Runs of years, ordinals, numbered models and prizes are no programmes.
    check("粮食实现“十连丰”", &[("十连丰", Term)]);
    check("实现“零门槛”准入", &[("零门槛", Term)]);
    check("实施“零碳”行动", &[("“零碳”行动", Plan)]);
    check("建成“新春第一站”", &[("新春第一站", Term)]);
    check("推广“陇薯7号”", &[("陇薯7号", Term)]);
    check("研究入选“中国科学十大进展”", &[("中国科学十大进展", Term)]);
    // A ranking is a list, no programme (甘肃's report).
    check(
        "10家企业进入“中国隐形独角兽500强”",
        &[("10家", Quantity), ("中国隐形独角兽500强", Term)],
    );
    // A programme's list is still the programme's, and its work part of
    // its name.
    check("列入“双一流”建设序列", &[("“双一流”建设", Plan)]);
}

#[test]
fn a_district_named_by_a_common_word_right_after_its_city() {
    // 城关区 names the urban area far more often than a district: it counts
    // right after the city it is a district of, and nowhere else.
    let codes = |code, text| {
        places_in(code, text)
            .into_iter()
            .map(|(n, key)| format!("{n} {key}"))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        codes("540000", "推进拉萨市城关区建设"),
        ["拉萨市 540100", "城关区 540102"]
    );
    assert_eq!(codes("620000", "完善城关区功能"), Vec::<String>::new());
    // Suzhou has no district named 城区: its urban area is meant.
    assert_eq!(codes("320000", "苏州市城区"), ["苏州市 320500"]);
}

#[test]
fn a_zone_whose_suffix_opens_with_a_verb_after_cities_initials() {
    // 示范 is a verb, and here the first word of the zone's own suffix.
    assert_eq!(place_names("210000", "推进沈抚示范区建设"), ["沈抚示范区"]);
    assert_eq!(
        place_names("360000", "支持昌九示范区、景鹰示范区发展"),
        ["昌九示范区", "景鹰示范区"]
    );
}

#[test]
fn initials_of_cities_and_regions_open_a_corridor_and_belts_are_named_whole() {
    // 广 and 深 are cities' initials, 港澳 a region's name that ends the run:
    // the run opens a corridor, one zone; 港澳 alone stays a place.
    assert_eq!(
        place_names("440000", "加快广深港澳科技创新走廊建设，深化与港澳合作"),
        ["广深港澳科技创新走廊", "港澳"]
    );
    // A belt of culture is named whole after its feature (ANNOTATION.md:
    // named belts as whole names), an economic zone after an airport too.
    assert_eq!(
        place_names("130000", "推进大运河文化带建设"),
        ["大运河文化带"]
    );
    assert_eq!(
        place_names(
            "110000",
            "支持首都国际机场临空经济区和北京大兴国际机场临空经济区发展"
        ),
        ["北京大兴国际机场临空经济区"]
    );
}

#[test]
fn zones_of_places_joined_by_dashes_are_one_place() {
    // 青海's report: a metropolitan area named by two cities joined by a dash
    // is one zone, not a city and a zone named after the other.
    check(
        "加快西宁—海东都市圈一体化进程，引导省内人口优先向都市圈集聚",
        &[("西宁—海东都市圈", Place)],
    );
}

#[test]
fn a_kind_listed_before_a_feature_is_no_name_nor_is_the_old_town() {
    // 河流 before 、 is the kind of the things listed, not a river's name:
    // the reservoir after it keeps its whole name.
    check(
        "包括拒马河等跨省（市）河流、官厅水库库区",
        &[("拒马河", Place), ("官厅水库", Place)],
    );
    // 老城区 names a district of one city and the old town of every other.
    check("推进老城区改造", &[]);
}

#[test]
fn goals_named_like_centres_are_no_organisations() {
    // A capital's functions and a nation's goals end like a body's name
    // (data/rules/not-names.tsv); a body of a place that ends in 中心 stays one.
    check("坚持全国政治中心、文化中心的城市战略定位", &[]);
    check("加快建设世界主要科学中心和创新高地", &[]);
    check(
        "北京市政务服务中心负责受理",
        &[("北京市政务服务中心", Organization)],
    );
}

#[test]
fn a_region_by_its_poetic_name_before_its_land_is_a_place() {
    check("让塞上大地处处生机勃勃", &[("塞上", Place)]);
    // 大 ending a word before 地 (加大|地方), a common word (神州), a longer
    // word on 大地 (大地震): no land of a region.
    check("加大地方投入", &[]);
    check("神州大地", &[]);
    check("开展塞上大地测量", &[]);
}

#[test]
fn border_zones_of_a_town_and_a_foreign_town_are_one_place() {
    // The zone's own words are counted after the dash: a long foreign
    // name before them leaves the zone whole.
    check(
        "推进满洲里—后贝加尔斯克经济合作区建设",
        &[("满洲里—后贝加尔斯克经济合作区", Place)],
    );
    // A border town of the document's region, known as a township, opens
    // the zone it shares with the town across the border.
    assert_eq!(
        place_names("530000", "加快打洛—勐拉经济合作区建设"),
        ["打洛—勐拉经济合作区"]
    );
}

#[test]
fn regulations_named_without_marks_hold_no_place() {
    // 重庆's report names its regulations without 《》: each title is a name of
    // another kind, with no place inside (ANNOTATION.md); 本条例 in a law is
    // no title, and the place before it stays (上海市推进国际金融中心建设条例).
    check("推动出台重庆市哲学社会科学发展促进条例。", &[]);
    check("落实重庆市平安建设条例、社区工作者管理办法", &[]);
    check(
        "本市推进上海国际金融中心建设工作适用本条例。",
        &[("上海", Place)],
    );
}

#[test]
fn a_county_short_name_inside_a_word_gives_way_to_the_name_after_it() {
    // 东营's regulation: 扩|大东|营 holds 东营, not 大东 (of 大东区), which
    // shares 大 with 扩大.
    check(
        "营造全社会关注和参与湿地城市建设工作的浓厚氛围，扩大东营国际湿地城市品牌影响力。",
        &[("东营", Place)],
    );
}

#[test]
fn a_short_name_read_across_two_likelier_words_is_no_place() {
    // 隆重|庆祝, 有关|中小, 其中|国务院, 入海|河流: the dictionary's words
    // hide 重庆, 关中, 中国 and 海河.
    check(
        "隆重庆祝建区七十周年。对有关中小企业给予扶持，其中国务院主管部门负责指导，治理入海河流。",
        &[("七十周年", Quantity), ("国务院", Organization)],
    );
    // Words on both sides no likelier than the province: 以北|京城.
    check("规划应当以北京城市总体规划为依据。", &[("北京", Place)]);
}

#[test]
fn mountains_and_islands_named_after_a_place() {
    // 山西's and 天津's reports: a known place and 山 or 岛 is a feature's
    // name (吕梁山; 元宝岛, after 元宝区's short name), unless the character starts a
    // common word (山水, 山区, 岛屿).
    check("推动吕梁山山水工程完工。", &[("吕梁山", Place)]);
    check(
        "提升一批特色街区，建设开放元宝岛等公园",
        &[("元宝岛", Place)],
    );
    // Archipelagos by their own names (长山群岛 of 大连), after a city; a
    // kind of them is none.
    check(
        "大连长山群岛和沿海群岛",
        &[("大连", Place), ("长山群岛", Place)],
    );
}

#[test]
fn sites_named_on_their_own() {
    // A site's name that no known place opens is a place of its own when the
    // word before 遗址 is no common word; a kind of site is none.
    check(
        "推进三星堆遗址、卡若遗址保护利用，用好工业遗址和革命旧址遗址。",
        &[("三星堆遗址", Place), ("卡若遗址", Place)],
    );
    check("加强牛河梁遗址保护。", &[("牛河梁遗址", Place)]);
    // A longer run holds words of the clause.
    check("不得挪用甲乙故城遗址的保护经费。", &[]);
    // 大遗址 is the category of large sites.
    check(
        "各地应当加强大遗址保护，因大遗址保护调整用地的，依法补偿。",
        &[],
    );
    // A law's definition or alias names the site after its verb (所称, 简称),
    // not with the verb's last character.
    check(
        "本条例所称石峁遗址，以下简称石峁遗址。",
        &[("石峁遗址", Place), ("石峁遗址", Place)],
    );
}

#[test]
fn exchanges_by_their_short_names() {
    // Reports name the exchanges where companies list by their short names
    // (data/gazetteer.tsv): Hong Kong's and New York's as the mainland's.
    check(
        "支持企业在港交所、纽交所和北交所上市。",
        &[
            ("港交所", Organization),
            ("纽交所", Organization),
            ("北交所", Organization),
        ],
    );
}

#[test]
fn central_enterprises_by_their_short_names() {
    // Reports name the central enterprises by their short names
    // (data/central-enterprises.tsv), with no 集团 or 公司 to find them by, and no
    // 中国 of them is a place.
    check(
        "中广核核电机组并网发电，国家电投光伏项目开工，中国宝武钢铁基地投产。",
        &[
            ("中广核", Organization),
            ("国家电投", Organization),
            ("中国宝武", Organization),
        ],
    );
    // A short name counts at word boundaries only: 其中|石油 holds no 中石油.
    check("中石油管道建成投运。", &[("中石油", Organization)]);
    check("其中石油产量增长。", &[]);
    // Companies counted after a known one are that many bodies, no name.
    check(
        "推动中国中车3家子公司落户。",
        &[("中国中车", Organization), ("3家", Quantity)],
    );
}

#[test]
fn guangdongs_cooperation_zones_by_their_bare_names() {
    // Reports name the cooperation zones with Macao and Hong Kong by their bare
    // names as often as by their whole ones (data/gazetteer.tsv).
    check(
        "推进横琴、前海等重大平台建设。",
        &[("横琴", Place), ("前海", Place)],
    );
}

#[test]
fn zones_named_after_a_quarter_no_list_knows() {
    // A business district, a town of a trade or a cooperation zone may be named
    // by a word of its own that no list knows; a common word before the zone's
    // word makes a kind of zone (特色小镇, 中央商务区), no name.
    check(
        "加快丽泽金融商务区、菁蓉小镇建设，培育一批特色小镇和中央商务区。",
        &[("丽泽金融商务区", Place), ("菁蓉小镇", Place)],
    );
    // A town of a trade is a kind of town too, and a word cut from a longer one
    // (非|物质) no name of its own.
    check("建设扒鸡特色小镇。", &[]);
    check("建设非物质文化遗产小镇。", &[]);
}

#[test]
fn spirits_named_after_places_hold_no_place() {
    // A spirit named after its place is an ideology, a name of another kind
    // (ANNOTATION.md): nothing inside it is a mention. Where 精神 opens a word of
    // its own (精神文明), the place is a place.
    check(
        "弘扬延安精神、大庆精神和井冈山精神，加强延安精神文明建设。",
        &[("延安", Place)],
    );
    // The city's spirit is a phrase about the place (上海|城市精神), and the
    // place no tail of a known place (海城市).
    check("体现上海城市精神。", &[("上海", Place)]);
}
