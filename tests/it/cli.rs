//! The command line on the seed and on bad input: exit codes, messages, formats.

use crate::{policykg, root, seed};
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

#[test]
fn convert_writes_every_format_and_they_parse_back() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["ttl", "trig", "nt", "nq", "rdf", "jsonld"] {
        let out = dir.path().join(format!("out.{ext}"));
        policykg()
            .arg("convert")
            .arg(seed())
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let bytes = fs::read(&out).unwrap();
        assert!(bytes.len() > 10_000, "{ext}: {} bytes", bytes.len());
        let format = match ext {
            "jsonld" => oxigraph::io::RdfFormat::JsonLd {
                profile: Default::default(),
            },
            other => oxigraph::io::RdfFormat::from_extension(other).unwrap(),
        };
        let mut count = 0;
        for quad in oxigraph::io::RdfParser::from_format(format).for_slice(&bytes) {
            quad.unwrap_or_else(|e| panic!("{ext}: {e}"));
            count += 1;
        }
        assert!(count > 500, "{ext}: {count} quads");
    }
    let ttl = fs::read_to_string(dir.path().join("out.ttl")).unwrap();
    assert!(ttl.contains("@prefix pkg: <https://w3id.org/policykg/ontology#>"));
    assert!(ttl.contains("pkg:Measure"));
}

#[test]
fn convert_to_stdout_with_format_flag() {
    policykg()
        .args(["convert", "-f", "nq"])
        .arg(seed())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "<https://w3id.org/policykg/id/org/中国职工对外交流中心>",
        ))
        .stderr(predicate::str::contains("repeats the section at line 1"));
}

#[test]
fn convert_reads_stdin() {
    policykg()
        .args(["convert", "-", "-f", "nt"])
        .write_stdin("（一）标题\n1984年成立了中国职工对外交流中心。")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "\"1984\"^^<http://www.w3.org/2001/XMLSchema#gYear>",
        ));
}

#[test]
fn load_query_stats_export_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    policykg()
        .arg("load")
        .arg(seed())
        .arg("--store")
        .arg(&store)
        .assert()
        .success()
        .stderr(predicate::str::contains("1 added"));
    // Again: unchanged, skipped.
    policykg()
        .arg("load")
        .arg(seed())
        .arg("--store")
        .arg(&store)
        .assert()
        .success()
        .stderr(predicate::str::contains("1 unchanged"));
    let measures = crate::root().join("queries/measures.rq");
    policykg()
        .args(["query", "-f", "csv", "-q"])
        .arg(&measures)
        .arg("--store")
        .arg(&store)
        .assert()
        .success()
        .stdout(predicate::str::contains("加强人员之间的交往"))
        .stdout(predicate::str::contains("推动发展中国家工会之间团结合作"));
    policykg()
        .args(["query", "-f", "table", "SELECT ?l WHERE { ?o a <https://w3id.org/policykg/ontology#Organization> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l"])
        .arg("--store")
        .arg(&store)
        .assert()
        .success()
        .stdout(predicate::str::contains("中国职工旅行社"))
        .stdout(predicate::str::contains("rows"));
    for format in ["json", "tsv", "xml"] {
        policykg()
            .args([
                "query",
                "-f",
                format,
                "ASK { ?s a <https://w3id.org/policykg/ontology#Measure> }",
            ])
            .arg("--store")
            .arg(&store)
            .assert()
            .success()
            .stdout(predicate::str::contains("true"));
    }
    policykg()
        .args(["query", "-f", "nt", "CONSTRUCT { ?o <http://schema.org/foundingDate> ?d } WHERE { ?o <http://schema.org/foundingDate> ?d }"])
        .arg("--store")
        .arg(&store)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"1984\"^^<http://www.w3.org/2001/XMLSchema#gYear>"));
    policykg()
        .args(["stats", "--json", "--store"])
        .arg(&store)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"measures\": 4"))
        .stdout(predicate::str::contains("\"documents\": 1"));
    let out = dir.path().join("kg.jsonld");
    policykg()
        .args(["export", "-o"])
        .arg(&out)
        .arg("--store")
        .arg(&store)
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
    assert_eq!(
        json["@context"]["pkg"],
        "https://w3id.org/policykg/ontology#"
    );
    policykg()
        .args(["update", "DELETE WHERE { GRAPH ?g { ?m a <https://w3id.org/policykg/ontology#Measure> ; ?p ?o } }", "--store"])
        .arg(&store)
        .assert()
        .success();
    policykg()
        .args(["stats", "--json", "--store"])
        .arg(&store)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"measures\": 0"));
}

#[test]
fn parse_json_prints_the_document_model() {
    let output = policykg()
        .arg("parse")
        .arg(seed())
        .arg("--json")
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&output.get_output().stdout).unwrap();
    assert_eq!(json["outline"]["sections"].as_array().unwrap().len(), 4);
    assert_eq!(
        json["extraction"]["measures"][0]["label"],
        "加强人员之间的交往"
    );
    policykg()
        .arg("parse")
        .arg(seed())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "中国职工旅行社 basedOn 中国职工对外交流中心",
        ));
}

#[test]
fn demo_prints_the_answers() {
    policykg()
        .arg("demo")
        .assert()
        .success()
        .stdout(predicate::str::contains("加强人员之间的交往"))
        .stdout(predicate::str::contains("中国职工对外交流中心"))
        .stdout(predicate::str::contains("foundingDate"))
        .stdout(predicate::str::contains(
            "在对外交往中注意学习借鉴外国工运经验",
        ));
}

#[test]
fn missing_file_is_an_error_naming_it() {
    policykg()
        .args(["convert", "no/such/file.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no/such/file.txt: no such file or folder",
        ));
}

#[test]
fn empty_folder_empty_file_and_binary_file() {
    let dir = tempfile::tempdir().unwrap();
    let empty_dir = dir.path().join("empty");
    fs::create_dir(&empty_dir).unwrap();
    policykg()
        .arg("convert")
        .arg(&empty_dir)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no documents found"));
    let empty = dir.path().join("empty.txt");
    fs::write(&empty, "  \n").unwrap();
    policykg()
        .arg("convert")
        .arg(&empty)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("empty.txt: the file is empty"));
    let binary = dir.path().join("image.txt");
    fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    policykg()
        .arg("convert")
        .arg(&binary)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("image.txt: not a text file"));
}

#[test]
fn a_bad_file_in_a_folder_is_reported_and_the_rest_loaded_without_losing_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    // Something already in the store.
    policykg()
        .arg("load")
        .arg(seed())
        .arg("--store")
        .arg(&store)
        .assert()
        .success();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    fs::write(corpus.join("a.txt"), "（一）甲\n国际劳工组织召开会议。").unwrap();
    fs::write(corpus.join("b.txt"), b"\0\0\0binary").unwrap();
    fs::write(
        corpus.join("c.md"),
        "# 标题\n\n## 第一章 总则\n\n第一条 为了规范，制定本法。\n",
    )
    .unwrap();
    policykg()
        .arg("load")
        .arg(&corpus)
        .arg("--store")
        .arg(&store)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("b.txt: not a text file"))
        .stderr(predicate::str::contains("2 added"));
    policykg()
        .args(["stats", "--json", "--store"])
        .arg(&store)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"documents\": 3"));
}

#[test]
fn bad_arguments_are_usage_errors() {
    policykg()
        .args(["convert", "-f", "docx"])
        .arg(seed())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown RDF format"));
    policykg()
        .args(["convert", "--base", "not an iri"])
        .arg(seed())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid base IRI"));
    policykg()
        .args(["convert", "-o", "/no/such/dir/out.ttl"])
        .arg(seed())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot create the output file"));
    policykg()
        .args(["query", "--store", "/no/such/store", "ASK {}"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/no/such/store: no store here"));
    let dir = tempfile::tempdir().unwrap();
    policykg()
        .args(["stats", "--store"])
        .arg(dir.path().join("kg"))
        .assert()
        .code(2);
    assert!(
        !dir.path().join("kg").exists(),
        "reading commands never create a store"
    );
    policykg().arg("frobnicate").assert().code(2);
}

#[test]
fn gb18030_and_utf8_copies_of_a_law_give_the_same_graph() {
    let law = crate::root().join("../shared/corpus/laws/民法商法/专利法(2020-10-17).md");
    let text = fs::read_to_string(&law).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (utf8, gbk) = (dir.path().join("utf8"), dir.path().join("gbk"));
    fs::create_dir(&utf8).unwrap();
    fs::create_dir(&gbk).unwrap();
    fs::write(utf8.join("专利法.md"), format!("\u{feff}{text}")).unwrap();
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    fs::write(gbk.join("专利法.md"), &bytes).unwrap();
    let convert = |dir: &std::path::Path| {
        let out = policykg()
            .arg("convert")
            .arg(dir)
            .args(["-f", "nq"])
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let (a, b) = (convert(&utf8), convert(&gbk));
    // Only the source path differs.
    let strip = |s: &str| {
        s.lines()
            .filter(|l| !l.contains("dc/terms/source"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert!(a.contains("第二十三条"));
    assert_eq!(strip(&a), strip(&b));
}

#[test]
fn csv_and_jsonl_collections_with_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("reports.csv");
    fs::write(
        &csv,
        "\u{feff}province,year,title,source_url,publish_date,full_text\n上海市,2026,2026年上海市政府工作报告,https://example.org/sh,2026-02-09,\"下载\n打印\n2026年上海市政府工作报告\n——2026年2月3日在上海市第十六届人民代表大会第四次会议上\n一、2025年工作回顾\n过去一年，全市生产总值5.67万亿元、增长5.4%。\"\n",
    )
    .unwrap();
    let out = policykg()
        .arg("convert")
        .arg(&csv)
        .args(["-f", "nt"])
        .assert()
        .success();
    let nt = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for expected in [
        "<http://purl.org/dc/terms/spatial> \"上海市\"@zh",
        "<http://purl.org/dc/terms/source> <https://example.org/sh>",
        "<http://purl.org/dc/terms/issued> \"2026-02-09\"^^<http://www.w3.org/2001/XMLSchema#date>",
        "<http://purl.org/dc/terms/temporal> \"2026\"^^<http://www.w3.org/2001/XMLSchema#gYear>",
        "<http://purl.org/dc/terms/date> \"2026-02-03\"^^<http://www.w3.org/2001/XMLSchema#date>",
        "<https://w3id.org/policykg/id/doc/reports/1>",
        "<https://w3id.org/policykg/id/indicator/地区生产总值>",
        // 过去一年 in a 2026 report is 2025.
        "<https://w3id.org/policykg/id/time/2025>",
    ] {
        assert!(nt.contains(expected), "missing {expected}");
    }
    assert!(!nt.contains("\"下载\""), "page noise is not content");
    let jsonl = dir.path().join("docs.jsonl");
    fs::write(&jsonl, "{\"title\":\"甲\",\"text\":\"（一）标题\\n国务院发布通知。\"}\n{\"title\":\"乙\",\"content\":\"正文。\"}\n").unwrap();
    policykg()
        .arg("convert")
        .arg(&jsonl)
        .args(["-f", "nq"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "<https://w3id.org/policykg/id/doc/docs/2>",
        ))
        .stdout(predicate::str::contains(
            "<https://w3id.org/policykg/id/org/中华人民共和国国务院>",
        ));
}

/// A copy, in `dir`, of a store folder of the repository (opening one writes to it).
fn copy_of_store(dir: &Path, folder: &str) -> PathBuf {
    let store = dir.join("store");
    fs::create_dir(&store).unwrap();
    for entry in fs::read_dir(crate::root().join(folder)).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), store.join(entry.file_name())).unwrap();
    }
    store
}

/// tests/data/store-v1 is the seed loaded by policykg at schema version 1 (commit
/// bfae637), before places were keyed by code and organs by full name. Opening it
/// is refused, for reading and for writing alike, with what changed and what to do.
#[test]
fn a_store_of_the_previous_schema_says_to_reload() {
    let dir = tempfile::tempdir().unwrap();
    let store = copy_of_store(dir.path(), "tests/data/store-v1");
    for args in [
        vec!["stats", "--store"],
        vec!["query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--store"],
    ] {
        policykg().args(&args).arg(&store).assert().code(2).stderr(
            predicate::str::contains("schema version 1")
                .and(predicate::str::contains("place/320000"))
                .and(predicate::str::contains("load your documents again")),
        );
    }
    policykg()
        .arg("load")
        .arg(seed())
        .arg("--store")
        .arg(&store)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("load your documents again"));
}

/// tests/data/store-v32 is the seed loaded by policykg at schema version 32 (commit
/// aac7997), before the Hengqin cooperation zone was found by its bare name. Its
/// documents are unchanged, so a load would skip them and keep the older extraction: opening it is refused with
/// what changed and what to do.
#[test]
fn a_store_of_older_extraction_rules_says_to_reload() {
    let dir = tempfile::tempdir().unwrap();
    let store = copy_of_store(dir.path(), "tests/data/store-v32");
    policykg()
        .arg("stats")
        .arg("--store")
        .arg(&store)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("schema version 32")
                .and(predicate::str::contains("横琴"))
                .and(predicate::str::contains("load your documents again")),
        );
    policykg()
        .arg("load")
        .arg(seed())
        .arg("--store")
        .arg(&store)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("load your documents again"));
}

/// Newcomer snags (issue 13): the help's first query example runs as written, with
/// the project's prefixes predeclared; `parse` says "warning" once; a load of a
/// missing path leaves no store folder behind.
#[test]
fn newcomer_snags_prefixes_warnings_and_no_empty_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    policykg()
        .args([
            "query",
            "-f",
            "tsv",
            "SELECT ?l WHERE { ?o a pkg:Organization ; rdfs:label ?l } ORDER BY ?l",
            "--store",
        ])
        .arg(&store)
        .assert()
        .success()
        .stdout(predicate::str::contains("中国职工对外交流中心"));
    // A query's own declaration of a predeclared prefix wins.
    policykg()
        .args([
            "query",
            "-f",
            "tsv",
            "PREFIX pkg: <https://example.org/other#> ASK { ?o a pkg:Organization }",
            "--store",
        ])
        .arg(&store)
        .assert()
        .success()
        .stdout(predicate::str::contains("false"));
    policykg()
        .arg("parse")
        .arg(seed())
        .assert()
        .success()
        .stdout(
            predicate::str::contains("  4:1: warning: section (一)")
                .and(predicate::str::contains("warning: 4:1: warning").not()),
        );
    let missing = dir.path().join("new-store");
    policykg()
        .args(["load", "no/such/folder", "--store"])
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no/such/folder: no such file or folder",
        ));
    assert!(
        !missing.exists(),
        "a failed load created {}",
        missing.display()
    );
}

/// A new store is made in a sibling folder and renamed into place once it has all
/// its column families and its schema version, so a load killed while RocksDB
/// creates it leaves no store that cannot be opened (tests/it/scale.rs kills loads;
/// one landed in that window: "Column family not found"). What remains beside it is
/// the store alone, and it opens read-only at once.
#[test]
fn a_new_store_appears_whole_with_nothing_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(&dir.path().join("kg"));
    let beside: Vec<String> = std::fs::read_dir(dir.path().join("kg"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, ["store"]);
    policykg()
        .args(["export", "-f", "nq", "--store"])
        .arg(&store)
        .assert()
        .success()
        .stdout(predicate::str::contains("中国职工对外交流中心"));
    // An empty folder made beforehand becomes the store the same way.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    policykg()
        .arg("load")
        .arg(seed())
        .arg("--store")
        .arg(&empty)
        .assert()
        .success();
    assert!(empty.join("CURRENT").exists());
}

/// Errors when opening a store end with their message and exit 2, not a crash
/// (issue 13, item 8: a store path that is a file, or a corrupt store, ended in a
/// segmentation fault, exit 139, after the right message).
#[test]
fn store_open_errors_exit_2_without_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    fs::write(&file, "not a store").unwrap();
    let corrupt = dir.path().join("corrupt");
    fs::create_dir(&corrupt).unwrap();
    fs::write(corrupt.join("CURRENT"), "junk\n").unwrap();
    for (store, says) in [
        (&file, "not a directory"),
        (&corrupt, "CURRENT file corrupted"),
    ] {
        policykg()
            .args([
                "update",
                "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                "--store",
            ])
            .arg(store)
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("cannot open the store")
                    .and(predicate::str::contains(says)),
            );
        policykg()
            .arg("load")
            .arg(seed())
            .arg("--store")
            .arg(store)
            .assert()
            .code(2);
    }
    policykg()
        .arg("stats")
        .arg("--store")
        .arg(&corrupt)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("CURRENT file corrupted"));
}

/// An update's WHERE sees the default graph only, which policykg leaves empty:
/// when an update changes nothing, it says so and shows the GRAPH form (issue 13,
/// item 9: `DELETE WHERE { ?s ?p ?o }` said "update applied" and deleted nothing).
#[test]
fn an_update_that_changes_nothing_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    policykg()
        .args(["update", "DELETE WHERE { ?s ?p ?o }", "--store"])
        .arg(&store)
        .assert()
        .success()
        .stderr(
            predicate::str::contains("note: nothing changed")
                .and(predicate::str::contains("GRAPH ?g")),
        );
    policykg()
        .args([
            "update",
            "DELETE { GRAPH ?g { ?m ?p ?o } } WHERE { GRAPH ?g { ?m a pkg:Mention ; ?p ?o } }",
            "--store",
        ])
        .arg(&store)
        .assert()
        .success()
        .stderr(predicate::str::contains("note:").not());
    policykg()
        .args(["query", "-f", "tsv", "ASK { ?m a pkg:Mention }", "--store"])
        .arg(&store)
        .assert()
        .success()
        .stdout(predicate::str::contains("false"));
}

/// A dangling or looping symlink in a folder is reported and skipped; the other
/// documents load (issue 13, item 9: one such link aborted the whole folder).
#[test]
fn a_broken_symlink_in_a_folder_is_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("docs");
    fs::create_dir(&folder).unwrap();
    fs::copy(seed(), folder.join("a.txt")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("nowhere.txt"), folder.join("dangling.txt"))
        .unwrap();
    std::os::unix::fs::symlink(folder.join("loop1.txt"), folder.join("loop2.txt")).unwrap();
    std::os::unix::fs::symlink(folder.join("loop2.txt"), folder.join("loop1.txt")).unwrap();
    let store = dir.path().join("store");
    policykg()
        .arg("load")
        .arg(&folder)
        .arg("--store")
        .arg(&store)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("dangling.txt")
                .and(predicate::str::contains("loop1.txt"))
                .and(predicate::str::contains("1 added")),
        );
}

/// A CSV whose quote is left open loads, but warns naming the line where rows were
/// merged (issue 13, item 9: three rows were silently one document).
#[test]
fn an_unbalanced_csv_quote_is_a_warning_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("reports.csv");
    fs::write(
        &csv,
        "title,text\nA,\"第一份报告。\nB,第二份报告。\nC,第三份报告。\n",
    )
    .unwrap();
    policykg()
        .arg("convert")
        .arg(&csv)
        .args(["-f", "nq"])
        .assert()
        .success()
        .stderr(
            predicate::str::contains("the CSV row at line 2 holds 2 line(s) that look like rows")
                .and(predicate::str::contains("1 warning(s)")),
        );
    // A well-quoted file with line breaks inside its text gives no such warning.
    fs::write(&csv, "title,text\nA,\"第一段。\n第二段。\"\nB,第三段。\n").unwrap();
    policykg()
        .arg("convert")
        .arg(&csv)
        .args(["-f", "nq"])
        .assert()
        .success()
        .stderr(predicate::str::contains("look like rows").not());
}

/// A query nested past the bound is an error with exit 2, not an abort (exit 134
/// before: 10,000 nested parentheses overflowed the stack); one within it runs.
#[test]
fn deep_queries_exit_2_and_queries_within_the_bound_run() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    let parens = format!(
        "ASK {{ FILTER({}1{}) }}",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    policykg()
        .args(["query", &parens, "--store"])
        .arg(&store)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "nests brackets more than 512 deep",
        ));
    let within = format!("ASK {}?s ?p ?o{}", "{".repeat(500), "}".repeat(500));
    policykg()
        .args(["query", "-f", "tsv", &within, "--store"])
        .arg(&store)
        .assert()
        .success()
        .stdout(predicate::str::contains("true"));
}

/// Two folders with a file of the same name (laws/行政法 and laws/经济法 both hold
/// 广告法(2021-04-29).md): the second load no longer replaces the first silently
/// (issue 13, item 1). It is refused, naming both sources and what to do; with
/// --id-prefix it gets ids of its own; with --replace it replaces. The same file
/// given by another path, or changed in place, is still the same document.
#[test]
fn a_document_of_another_source_never_replaces_a_stored_one_silently() {
    let dir = tempfile::tempdir().unwrap();
    for (folder, text) in [("a", "第一条 甲法。\n"), ("b", "第一条 乙法。\n")] {
        fs::create_dir(dir.path().join(folder)).unwrap();
        fs::write(dir.path().join(folder).join("广告法(2021-04-29).md"), text).unwrap();
    }
    let load = |args: &[&str]| {
        let mut cmd = policykg();
        cmd.current_dir(dir.path())
            .arg("load")
            .args(args)
            .args(["--store", "s"]);
        cmd.assert()
    };
    load(&["a"])
        .success()
        .stderr(predicate::str::contains("1 added"));
    load(&["b"]).code(1).stderr(
        predicate::str::contains("b/广告法(2021-04-29).md: the store already holds a document")
            .and(predicate::str::contains("from a/广告法(2021-04-29).md"))
            .and(predicate::str::contains("--id-prefix")),
    );
    // The first law is still there, unchanged.
    let ask = |query: &str| {
        policykg()
            .current_dir(dir.path())
            .args(["query", "-f", "tsv", query, "--store", "s"])
            .output()
            .unwrap()
            .stdout
    };
    assert!(
        String::from_utf8(ask(
            "ASK { ?d nif:isString ?t FILTER(CONTAINS(?t, \"甲法\")) }"
        ))
        .unwrap()
        .contains("true")
    );
    load(&["./a"])
        .success()
        .stderr(predicate::str::contains("1 unchanged"));
    fs::write(
        dir.path().join("a/广告法(2021-04-29).md"),
        "第一条 甲法，修正。\n",
    )
    .unwrap();
    load(&["a"])
        .success()
        .stderr(predicate::str::contains("1 replaced"));
    load(&["b", "--id-prefix", "经济法"])
        .success()
        .stderr(predicate::str::contains("1 added"));
    assert!(
        String::from_utf8(ask(
            "ASK { ?d a pkg:Document FILTER(STRSTARTS(STR(?d), \"https://w3id.org/policykg/id/doc/经济法/广告法\")) }"
        ))
        .unwrap()
        .contains("true")
    );
    load(&["b", "--replace"])
        .success()
        .stderr(predicate::str::contains("1 replaced"));
    assert!(
        String::from_utf8(ask(
            "ASK { ?d nif:isString ?t FILTER(CONTAINS(?t, \"甲法\")) }"
        ))
        .unwrap()
        .contains("false")
    );
}

#[test]
fn stdin_documents_get_ids_of_their_own_and_collections_come_on_stdin() {
    let dir = tempfile::tempdir().unwrap();
    // A store folder whose parent does not exist yet.
    let store = dir.path().join("new/kg");
    let load = |text: &str, args: &[&str]| {
        policykg()
            .args(["load", "-"])
            .args(args)
            .arg("--store")
            .arg(&store)
            .write_stdin(text.to_owned())
            .assert()
    };
    load("第一条 甲法。\n", &[])
        .success()
        .stderr(predicate::str::contains("1 added"));
    load("第一条 乙法。\n", &[])
        .success()
        .stderr(predicate::str::contains("1 added"));
    load("第一条 甲法。\n", &[])
        .success()
        .stderr(predicate::str::contains("1 unchanged"));
    let reports = root().join("../shared/corpus/gov-reports-2026/2026_江苏省_政府工作报告.csv");
    let csv = fs::read_to_string(&reports).unwrap();
    load(&csv, &["--input-format", "csv", "--id-prefix", "报告"])
        .success()
        .stderr(predicate::str::contains("1 added"));
    let out = policykg()
        .args([
            "query",
            "-f",
            "tsv",
            "SELECT ?d ?region WHERE { ?d a pkg:Document OPTIONAL { ?d dcterms:spatial ?region } } ORDER BY ?d",
            "--store",
        ])
        .arg(&store)
        .output()
        .unwrap();
    let rows = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = rows.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{rows:?}");
    let base = "<https://w3id.org/policykg/id/doc/";
    // Two texts, two ids; the CSV read as rows with their metadata.
    assert!(rows[0].starts_with(&format!("{base}stdin-")), "{rows:?}");
    assert!(rows[1].starts_with(&format!("{base}stdin-")), "{rows:?}");
    assert_ne!(rows[0], rows[1]);
    assert!(
        rows[2].starts_with(&format!("{base}报告/stdin-")) && rows[2].contains("/1>"),
        "{rows:?}"
    );
    assert!(rows[2].contains("江苏"), "{rows:?}");
}

/// A store in `dir` holding the seed, as `policykg load` writes it.
fn seed_store(dir: &std::path::Path) -> std::path::PathBuf {
    let store = dir.join("store");
    policykg()
        .arg("load")
        .arg(seed())
        .arg("--store")
        .arg(&store)
        .assert()
        .success();
    store
}

/// `query` and `update` stop at `--timeout` with exit 2 and say so; an update
/// stopped there changes nothing.
#[test]
fn query_and_update_stop_at_the_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let store = seed_store(dir.path());
    let cartesian = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
    let started = std::time::Instant::now();
    policykg()
        .args(["query", "--timeout", "1s", cartesian, "--store"])
        .arg(&store)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("stopped after --timeout 1s"));
    // It stopped at the limit, not after the product's 10^11 rows.
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    let count = || {
        let out = policykg()
            .args([
                "query",
                "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                "-f",
                "csv",
                "--store",
            ])
            .arg(&store)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let before = count();
    policykg()
        .args([
            "update",
            "--timeout",
            "1s",
            "INSERT { GRAPH <urn:x> { ?a <urn:p> ?j } } WHERE { GRAPH ?g { ?a ?b ?c . ?d ?e ?f . ?j ?k ?l } }",
            "--store",
        ])
        .arg(&store)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--timeout"));
    assert_eq!(count(), before);
    // Without the flag there is no limit, and a cheap query answers.
    policykg()
        .args(["query", "ASK {}", "--store"])
        .arg(&store)
        .assert()
        .success();
}
