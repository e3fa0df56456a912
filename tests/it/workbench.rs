//! The workbench in a real headless Chromium (Debian's `chromium`, installed by
//! `scripts/setup --test`), driven over the DevTools protocol: `policykg serve`
//! runs on a loopback port over the 25 shared reports and a hostile document,
//! and the tests assert what a user sees. With `UPDATE_SCREENSHOTS=1` the four
//! pages' screenshots are written to `docs/screenshots/`.

use crate::serve::{Server, curl};
use crate::{policykg, root};
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

const JIANGSU: &str = "https://w3id.org/policykg/id/doc/2026_江苏省_政府工作报告/1";
const HOSTILE: &str = "https://w3id.org/policykg/id/doc/hostile";

/// A document whose text tries to run script wherever it is shown.
const HOSTILE_TEXT: &str = "一、总体要求\n\
国务院印发通知<script>window.__xss=1</script>，要求各地区加快发展低空经济。\n\
中华人民共和国国务院\"><img src=x onerror=\"window.__xss=2\">决定在江苏省开展试点。\n\
二、<b onmouseover=\"window.__xss=3\">重点任务</b>\n\
一是加强组织领导<svg onload=\"window.__xss=4\">；二是完善配套政策。\n";

fn chromium() -> PathBuf {
    let path = PathBuf::from("/usr/bin/chromium");
    assert!(
        path.exists(),
        "{} is missing: run `scripts/setup --test`, which installs Debian's chromium for these tests",
        path.display()
    );
    path
}

/// The reports and the hostile document in one store, served.
fn server() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    policykg()
        .arg("load")
        .arg(root().join("../shared/corpus/gov-reports-2026"))
        .args(["-q", "--store"])
        .arg(&store)
        .assert()
        .success();
    let hostile = dir.path().join("hostile.txt");
    std::fs::write(&hostile, HOSTILE_TEXT).unwrap();
    policykg()
        .arg("load")
        .arg(&hostile)
        .args(["-q", "--store"])
        .arg(&store)
        .assert()
        .success();
    Server::serve(dir, &["--timeout", "20s"])
}

fn browser() -> Browser {
    Browser::new(
        LaunchOptions::default_builder()
            .path(Some(chromium()))
            .sandbox(false)
            .window_size(Some((1280, 900)))
            .idle_browser_timeout(Duration::from_secs(300))
            .build()
            .unwrap(),
    )
    .expect("headless chromium starts")
}

/// Opens a workbench URL and waits until its page has rendered.
fn open(tab: &Tab, url: &str) {
    // Mark the page stale first: a route change keeps the document, and the
    // test must not take the previous page's "ready" for this one's.
    let _ = tab.evaluate(
        "(() => { const a = document.getElementById('app'); if (a) a.dataset.state = 'stale'; })()",
        false,
    );
    let current = tab.get_url();
    if current.split('#').next() == url.split('#').next() {
        tab.evaluate(&format!("location.href = {}", Value::from(url)), false)
            .unwrap();
    } else {
        tab.navigate_to(url)
            .unwrap()
            .wait_until_navigated()
            .unwrap();
    }
    wait_ready(tab);
}

/// Clicks an element that changes the page, and waits for the new page.
fn click_and_wait(tab: &Tab, selector: &str) {
    let element = tab.find_element(selector).unwrap();
    let _ = tab.evaluate(
        "document.getElementById('app').dataset.state = 'stale'",
        false,
    );
    element.scroll_into_view().unwrap();
    element.click().unwrap();
    wait_ready(tab);
}

fn wait_ready(tab: &Tab) {
    tab.wait_for_element_with_custom_timeout("#app[data-state=ready]", Duration::from_secs(60))
        .unwrap_or_else(|e| {
            let state = js(tab, "document.getElementById('app').dataset.state + ' ' + (document.querySelector('.error') || {}).textContent");
            panic!("the page did not become ready ({e}): {state}")
        });
}

/// Evaluates an expression in the page; its value, through JSON.
fn js(tab: &Tab, expression: &str) -> Value {
    let json = tab
        .evaluate(&format!("JSON.stringify({expression})"), false)
        .unwrap()
        .value
        .unwrap_or(Value::Null);
    json.as_str()
        .map_or(Value::Null, |s| serde_json::from_str(s).unwrap())
}

fn screenshot(tab: &Tab, name: &str) {
    let _ = tab.evaluate("window.scrollTo(0, 0)", false);
    let png = tab
        .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
        .unwrap();
    assert!(png.len() > 10_000, "the {name} screenshot is empty");
    let target = root().join("target/screenshots");
    std::fs::create_dir_all(&target).unwrap();
    std::fs::write(target.join(format!("{name}.png")), &png).unwrap();
    if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
        let docs = root().join("docs/screenshots");
        std::fs::create_dir_all(&docs).unwrap();
        std::fs::write(docs.join(format!("{name}.png")), &png).unwrap();
    }
}

/// Runs a SELECT on the endpoint; each row as variable → value.
fn select(server: &Server, sparql: &str) -> Vec<BTreeMap<String, String>> {
    let reply = curl(&[
        "-H",
        "Accept: application/sparql-results+json",
        "--data-urlencode",
        &format!("query={sparql}"),
        &format!("{}/sparql", server.base),
    ]);
    assert_eq!(reply.status, 200, "{}", reply.text());
    let answer: Value = serde_json::from_slice(&reply.body).unwrap();
    answer["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            b.as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v["value"].as_str().unwrap().to_owned()))
                .collect()
        })
        .collect()
}

fn page(server: &Server, route: &str) -> String {
    format!("{}/#/{route}", server.base)
}

fn encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

#[test]
fn a_researcher_searches_reads_a_report_follows_an_organisation_and_runs_a_query() {
    let server = server();
    let browser = browser();
    let tab: Arc<Tab> = browser.new_tab().unwrap();
    tab.set_default_timeout(Duration::from_secs(60));

    // The page a browser gets at / is the workbench, search first.
    open(&tab, &format!("{}/", server.base));
    assert_eq!(
        js(&tab, "document.activeElement && document.activeElement.id"),
        "search-box"
    );
    // Search through the form, as a user does.
    tab.evaluate(
        "(() => { const b = document.getElementById('search-box'); b.value = '低空经济'; b.dispatchEvent(new Event('input', {bubbles: true})); })()",
        false,
    )
    .unwrap();
    click_and_wait(
        &tab,
        "#search-form button[type=submit], #search-form button",
    );
    let provinces: BTreeSet<String> = serde_json::from_value(js(
        &tab,
        "[...new Set([...document.querySelectorAll('li.hit')].map(h => h.dataset.province))]",
    ))
    .unwrap();
    assert!(provinces.len() >= 15, "hits from {provinces:?}");
    let marked = js(
        &tab,
        "[...document.querySelectorAll('li.hit mark')].every(m => m.textContent === '低空经济')",
    );
    assert_eq!(
        marked, true,
        "a hit highlights something else than the query"
    );
    assert!(
        tab.get_url().contains("#/search?"),
        "the search is not in the URL: {}",
        tab.get_url()
    );
    // Facets: narrowing to one province keeps only its hits.
    click_and_wait(&tab, "a.facet[data-facet=province][data-value='江苏省']");
    let narrowed: BTreeSet<String> = serde_json::from_value(js(
        &tab,
        "[...new Set([...document.querySelectorAll('li.hit')].map(h => h.dataset.province))]",
    ))
    .unwrap();
    assert_eq!(narrowed, BTreeSet::from(["江苏省".to_owned()]));
    open(&tab, &page(&server, "search?q=低空经济"));
    screenshot(&tab, "search");

    // A report: every highlighted mention shows exactly its nif:anchorOf.
    open(
        &tab,
        &page(&server, &format!("doc?iri={}", encode(JIANGSU))),
    );
    let anchors: BTreeMap<String, String> = select(
        &server,
        &format!(
            "SELECT ?m ?anchor WHERE {{ ?m a pkg:Mention ; nif:referenceContext <{JIANGSU}> ; nif:anchorOf ?anchor }}"
        ),
    )
    .into_iter()
    .map(|r| (r["m"].clone(), r["anchor"].clone()))
    .collect();
    assert!(anchors.len() > 100);
    let shown: Vec<(String, String)> = serde_json::from_value(js(
        &tab,
        "[...document.querySelectorAll('#doc-text mark.mention')].map(m => [m.dataset.iri, m.textContent])",
    ))
    .unwrap();
    // A nested mention is drawn inside its outer one, whose text still reads whole.
    let mut checked = 0;
    for (iri, text) in &shown {
        let anchor = anchors
            .get(iri)
            .unwrap_or_else(|| panic!("the page shows a mention the store lacks: {iri}"));
        assert_eq!(text, anchor, "mention {iri}");
        checked += 1;
    }
    let skipped: usize = js(
        &tab,
        "Number(document.getElementById('doc-text').dataset.skipped || 0)",
    )
    .as_u64()
    .unwrap() as usize;
    assert_eq!(
        checked + skipped,
        anchors.len(),
        "every mention is drawn or counted as crossing another"
    );
    assert!(
        checked * 10 >= anchors.len() * 9,
        "{checked} of {} drawn",
        anchors.len()
    );
    // The legend's filter hides a type's colours.
    let legend_types = js(
        &tab,
        "[...document.querySelectorAll('#legend input.type-filter')].map(i => i.dataset.type)",
    );
    assert!(
        legend_types
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "Organization"),
        "{legend_types}"
    );
    screenshot(&tab, "document");

    // Clicking an organisation opens its entity page with its mentions.
    let organisation = tab
        .find_element("#doc-text mark.mention[data-type=Organization]")
        .unwrap();
    let entity = organisation
        .get_attribute_value("data-entity")
        .unwrap()
        .unwrap();
    click_and_wait(
        &tab,
        &format!("#doc-text mark.mention[data-entity=\"{entity}\"]"),
    );
    assert!(tab.get_url().contains("#/entity?"), "{}", tab.get_url());
    let label = select(
        &server,
        &format!("SELECT ?l WHERE {{ <{entity}> rdfs:label ?l }}"),
    );
    let shown_label = js(&tab, "document.getElementById('entity-label').textContent");
    assert_eq!(
        shown_label,
        label[0]["l"].as_str(),
        "the entity page of {entity}"
    );
    let mentions = js(
        &tab,
        "document.querySelectorAll('li.entity-mention').length",
    )
    .as_u64()
    .unwrap();
    let expected = select(
        &server,
        &format!("SELECT (COUNT(?m) AS ?n) WHERE {{ ?m itsrdf:taIdentRef <{entity}> }}"),
    )[0]["n"]
        .parse::<u64>()
        .unwrap();
    assert_eq!(mentions, expected.min(50));
    let documents = js(
        &tab,
        "document.querySelectorAll('#entity-documents tr.entity-document').length",
    );
    assert!(documents.as_u64().unwrap() >= 1);
    screenshot(&tab, "entity");

    // The SPARQL editor runs an example query in one click and shows rows.
    open(&tab, &page(&server, "sparql"));
    let examples = js(&tab, "document.querySelectorAll('button.example').length");
    assert_eq!(
        examples.as_u64().unwrap() as usize,
        std::fs::read_dir(root().join("queries")).unwrap().count()
    );
    tab.find_element("button.example[data-name=sections]")
        .unwrap()
        .click()
        .unwrap();
    click_and_wait(&tab, "#run-query");
    let rows = js(
        &tab,
        "document.querySelectorAll('table#results tbody tr').length",
    )
    .as_u64()
    .unwrap();
    // As many rows as the endpoint answers to the same query (one report's
    // outline).
    let sections = std::fs::read_to_string(root().join("queries/sections.rq")).unwrap();
    let expected = select(&server, &sections).len();
    assert!(expected > 5, "{expected} sections");
    assert_eq!(rows as usize, expected);
    assert!(
        tab.get_url().contains("query="),
        "the query is not in the URL"
    );
    screenshot(&tab, "sparql");
    // A query of one's own; its IRIs link into the resource pages.
    tab.evaluate(
        "window.workbenchEditor.setValue('SELECT ?doc ?title WHERE { ?doc a pkg:Document ; dcterms:title ?title } ORDER BY ?doc LIMIT 5')",
        false,
    )
    .unwrap();
    click_and_wait(&tab, "#run-query");
    let links: Vec<String> = serde_json::from_value(js(
        &tab,
        "[...document.querySelectorAll('table#results tbody a.term-iri')].map(a => a.getAttribute('href'))",
    ))
    .unwrap();
    assert_eq!(links.len(), 5, "{links:?}");
    assert!(
        links.iter().all(|l| l.starts_with("#/entity?iri=")),
        "{links:?}"
    );
    click_and_wait(&tab, "table#results tbody a.term-iri");
    // A document seen as a resource offers to open it as a document.
    assert!(tab.find_element("a#open-document").is_ok());
}

#[test]
fn document_text_is_shown_as_text_and_never_runs() {
    let server = server();
    let browser = browser();
    let tab = browser.new_tab().unwrap();
    tab.set_default_timeout(Duration::from_secs(60));
    let alerts = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    {
        let alerts = Arc::clone(&alerts);
        tab.add_event_listener(Arc::new(
            move |event: &headless_chrome::protocol::cdp::types::Event| {
                if matches!(
                    event,
                    headless_chrome::protocol::cdp::types::Event::PageJavascriptDialogOpening(_)
                ) {
                    alerts.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                }
            },
        ))
        .unwrap();
    }
    for route in [
        format!("doc?iri={}", encode(HOSTILE)),
        "search?q=国务院".to_owned(),
        format!("search?q={}", encode("<script>")),
        format!("entity?iri={}", encode(HOSTILE)),
        format!(
            "sparql?query={}",
            encode(&format!(
                "SELECT ?t WHERE {{ <{HOSTILE}> nif:isString ?t }}"
            ))
        ),
    ] {
        open(&tab, &page(&server, &route));
        if route.starts_with("sparql") {
            click_and_wait(&tab, "#run-query");
        }
        let ran = js(&tab, "window.__xss === undefined ? 0 : window.__xss");
        assert_eq!(ran, 0, "script from the document ran on {route}");
        let injected = js(
            &tab,
            "document.querySelectorAll('#app script, #app img[src=x], #app svg[onload], #app [onmouseover], #app [onerror]').length",
        );
        assert_eq!(
            injected, 0,
            "markup from the document became elements on {route}"
        );
    }
    // The text is there, as text.
    open(
        &tab,
        &page(&server, &format!("doc?iri={}", encode(HOSTILE))),
    );
    let text = js(&tab, "document.getElementById('doc-text').textContent");
    let text = text.as_str().unwrap();
    assert!(text.contains("<script>window.__xss=1</script>"), "{text}");
    assert!(
        text.contains("\"><img src=x onerror=\"window.__xss=2\">"),
        "{text}"
    );
    assert_eq!(alerts.load(std::sync::atomic::Ordering::SeqCst), 0);
    // The page says which scripts may run.
    let home = curl(&["-H", "Accept: text/html", &format!("{}/", server.base)]);
    assert_eq!(home.status, 200);
    assert!(
        home.header("content-security-policy")
            .is_some_and(|p| p.contains("script-src 'self'")),
        "no Content-Security-Policy on the page"
    );
    // A client that does not ask for HTML still gets the text guide.
    let guide = curl(&[&format!("{}/", server.base)]);
    assert!(guide.text().contains("/sparql"));
}

#[test]
fn every_page_answers_as_json_and_lists_paginate_by_key() {
    let server = server();
    let get = |path: &str| -> Value {
        let reply = curl(&[&format!("{}{path}", server.base)]);
        assert_eq!(reply.status, 200, "{path}: {}", reply.text());
        assert!(
            reply
                .header("content-type")
                .unwrap()
                .starts_with("application/json")
        );
        serde_json::from_slice(&reply.body).unwrap()
    };
    // Documents, a page of 10 at a time, by key: all 26, each once, in order.
    let mut seen = Vec::new();
    let mut after = String::new();
    loop {
        let page = get(&format!("/api/documents?n=10&after={}", encode(&after)));
        assert_eq!(page["total"], 26);
        for d in page["documents"].as_array().unwrap() {
            seen.push(d["iri"].as_str().unwrap().to_owned());
        }
        match page["next"].as_str() {
            Some(next) => after = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(seen.len(), 26);
    // Each document's counts are the store's.
    let first = get("/api/documents?n=3");
    for d in first["documents"].as_array().unwrap() {
        let iri = d["iri"].as_str().unwrap();
        for (name, class) in [
            ("mentions", "Mention"),
            ("sentences", "Sentence"),
            ("measures", "Measure"),
        ] {
            let n = select(
                &server,
                &format!("SELECT (COUNT(?x) AS ?n) WHERE {{ ?x a pkg:{class} ; nif:referenceContext <{iri}> }}"),
            )[0]["n"]
                .clone();
            assert_eq!(d[name].to_string(), n, "{name} of {iri}");
        }
    }
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(seen, sorted);
    let doc = get(&format!("/api/document?iri={}", encode(JIANGSU)));
    assert!(doc["sparql"].as_str().unwrap().contains("SELECT"));
    let text: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    for m in doc["mentions"].as_array().unwrap() {
        let (b, e) = (
            m["begin"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text[b..e].iter().collect::<String>(),
            m["anchor"].as_str().unwrap()
        );
    }
    assert!(!doc["sections"].as_array().unwrap().is_empty());
    // An entity's mentions, by key, are the store's, each once, with their
    // counts per document.
    check_entity_page(
        &server,
        "https://w3id.org/policykg/id/org/中华人民共和国国务院",
    );
    let foreign = curl(&[&format!(
        "{}/api/entity?iri={}&after={}",
        server.base,
        encode("https://w3id.org/policykg/id/org/中华人民共和国国务院"),
        encode("https://example.org/not-a-mention")
    )]);
    assert_eq!(foreign.status, 400, "{}", foreign.text());
    let examples = get("/api/examples");
    assert_eq!(
        examples["prefixes"]["pkg"],
        "https://w3id.org/policykg/ontology#"
    );
    // Errors are JSON with a message; the API only reads.
    let missing = curl(&[&format!(
        "{}/api/document?iri={}",
        server.base,
        encode("https://example.org/none")
    )]);
    assert_eq!(missing.status, 404);
    let message: Value = serde_json::from_slice(&missing.body).unwrap();
    assert!(message["error"].as_str().unwrap().contains("no document"));
    let posted = curl(&["-X", "POST", &format!("{}/api/documents", server.base)]);
    assert_eq!(posted.status, 405);
}

/// Walks an entity's page by key and checks it against the store: every
/// mention once, each in its document and with its anchor, the counts per
/// document and the total.
fn check_entity_page(server: &Server, entity: &str) {
    let get = |path: &str| -> Value {
        let reply = curl(&[&format!("{}{path}", server.base)]);
        assert_eq!(reply.status, 200, "{path}: {}", reply.text());
        serde_json::from_slice(&reply.body).unwrap()
    };
    let expected = select(
        server,
        &format!(
            "SELECT ?m ?d ?a WHERE {{ ?m itsrdf:taIdentRef <{entity}> ; nif:referenceContext ?d ; nif:anchorOf ?a }}"
        ),
    );
    assert!(expected.len() > 5, "{entity}");
    let first = get(&format!("/api/entity?iri={}&n=5", encode(entity)));
    assert_eq!(first["total_mentions"], expected.len());
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for row in &expected {
        *counts.entry(row["d"].clone()).or_default() += 1;
    }
    let listed: BTreeMap<String, u64> = first["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["document"].as_str().unwrap().to_owned(),
                d["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(listed, counts, "{entity}: counts per document");
    let mut walked = Vec::new();
    let mut page = first;
    loop {
        for m in page["mentions"].as_array().unwrap() {
            walked.push((
                m["iri"].as_str().unwrap().to_owned(),
                m["document"].as_str().unwrap().to_owned(),
                m["anchor"].as_str().unwrap().to_owned(),
            ));
        }
        let Some(key) = page["next"].as_str() else {
            break;
        };
        page = get(&format!(
            "/api/entity?iri={}&n=50&after={}",
            encode(entity),
            encode(key)
        ));
    }
    let mut want: Vec<(String, String, String)> = expected
        .iter()
        .map(|r| (r["m"].clone(), r["d"].clone(), r["a"].clone()))
        .collect();
    want.sort();
    let mut got = walked.clone();
    got.sort();
    assert_eq!(got, want, "{entity}: every mention once");
}

#[test]
fn the_pages_honour_the_servers_result_cap() {
    let dir = tempfile::tempdir().unwrap();
    policykg()
        .arg("load")
        .arg(root().join("../shared/corpus/gov-reports-2026/2026_江苏省_政府工作报告.csv"))
        .args(["-q", "--store"])
        .arg(dir.path().join("kg"))
        .assert()
        .success();
    let server = Server::serve(dir, &["--max-results", "10"]);
    let reply = curl(&[&format!(
        "{}/api/document?iri={}",
        server.base,
        encode(JIANGSU)
    )]);
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.header("x-policykg-truncated"), Some("true"));
    let doc: Value = serde_json::from_slice(&reply.body).unwrap();
    assert_eq!(doc["truncated"], true);
    assert_eq!(doc["mentions"].as_array().unwrap().len(), 10);
}

#[test]
fn without_an_index_the_documents_are_listed_through_sparql() {
    let dir = tempfile::tempdir().unwrap();
    let reports = root().join("../shared/corpus/gov-reports-2026");
    for name in [
        "2026_江苏省_政府工作报告.csv",
        "2026_上海市_政府工作报告.csv",
        "2026_云南省_政府工作报告.csv",
    ] {
        policykg()
            .arg("load")
            .arg(reports.join(name))
            .args(["-q", "--no-index", "--store"])
            .arg(dir.path().join("kg"))
            .assert()
            .success();
    }
    let server = Server::serve(dir, &[]);
    let mut seen = Vec::new();
    let mut after = String::new();
    loop {
        let reply = curl(&[&format!(
            "{}/api/documents?n=2&after={}",
            server.base,
            encode(&after)
        )]);
        assert_eq!(reply.status, 200, "{}", reply.text());
        let page: Value = serde_json::from_slice(&reply.body).unwrap();
        assert_eq!(page["total"], 3);
        for d in page["documents"].as_array().unwrap() {
            assert!(d["sentences"].as_u64().unwrap() > 100, "{d}");
            assert!(d["mentions"].as_u64().unwrap() > 100, "{d}");
            seen.push(d["iri"].as_str().unwrap().to_owned());
        }
        match page["next"].as_str() {
            Some(next) => after = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(seen.len(), 3);
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
    // The page of the most mentioned entity, from the store alone.
    let top = select(
        &server,
        "SELECT ?e WHERE { ?m itsrdf:taIdentRef ?e } GROUP BY ?e ORDER BY DESC(COUNT(?m)) ?e LIMIT 1",
    );
    check_entity_page(&server, &top[0]["e"]);
    // Search says what to do.
    let search = curl(&[&format!(
        "{}/api/search?q={}",
        server.base,
        encode("低空经济")
    )]);
    assert_eq!(search.status, 503);
    assert!(
        search.text().contains("policykg index"),
        "{}",
        search.text()
    );
}
