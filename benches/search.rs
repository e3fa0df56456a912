//! Full-text search against `FILTER(CONTAINS)`, and the workbench's pages, on a
//! loaded store (the whole laws corpus in BENCHMARKS.md).
//!
//! Usage: cargo bench --bench search -- STORE_DIR [--pages]
//!
//! For each of 20 varied phrases, side by side in one run, the median of 7 runs
//! (after a warm-up) of: the 20 best sentences through the index (opened once, as
//! the server keeps it), the same through the SPARQL `SERVICE` form, every
//! sentence that holds the phrase through `FILTER(CONTAINS)` (what ranking them
//! needs) and, for reference, CONTAINS's first 20 in store order. Opening and
//! checking the index (once per process, or per store change in a server) is
//! timed apart. Then the server time of each workbench page (`policykg serve` in
//! process, over loopback), median of 7. One JSON line per measurement, then a
//! summary line.

use oxigraph::sparql::QueryResults;
use policykg::search::{Kind, SearchIndex};
use policykg::serve::{Config, Server};
use policykg::store::KgStore;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const PHRASES: [&str; 20] = [
    "个人信息",
    "行政处罚",
    "国务院",
    "环境保护",
    "食品安全",
    "知识产权",
    "未成年人",
    "数据安全",
    "安全生产",
    "税收",
    "土地管理",
    "消费者权益",
    "反垄断",
    "网络安全",
    "公共卫生",
    "民事责任",
    "劳动合同",
    "著作权",
    "海关",
    "人民法院",
];

fn count(results: QueryResults<'_>) -> usize {
    match results {
        QueryResults::Solutions(rows) => rows.fold(0, |n, row| {
            row.expect("a row");
            n + 1
        }),
        _ => 0,
    }
}

/// Median and maximum of 7 timed runs after a warm-up, in milliseconds.
fn time(mut f: impl FnMut() -> usize) -> (usize, f64, f64) {
    let n = f();
    let mut times: Vec<f64> = (0..7)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (n, times[3], times[6])
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let store_dir: PathBuf = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .expect("usage: cargo bench --bench search -- STORE_DIR");
    let store = KgStore::open_read_only(&store_dir).expect("the store opens");
    // `--pages`: only the workbench pages.
    if std::env::args().any(|a| a == "--pages") {
        pages(store, &store_dir);
        return;
    }
    let (_, open_ms, open_max) = time(|| {
        SearchIndex::open(&store, &store_dir).expect("an index in step with the store");
        1
    });
    println!("{{\"open_and_check_index_ms\": {open_ms:.1}, \"max_ms\": {open_max:.1}}}");
    let index = store
        .search_index()
        .expect("an index in step with the store");
    let (mut search_ms, mut service_ms, mut contains_ms) = (Vec::new(), Vec::new(), Vec::new());
    for phrase in PHRASES {
        let (hits, search, search_max) = time(|| {
            index
                .search(phrase, &[Kind::Sentence], &[], 20)
                .expect("search")
                .len()
        });
        let service_query = format!(
            "SELECT ?s ?score WHERE {{ SERVICE <https://w3id.org/policykg/search> {{
               [] search:query \"{phrase}\" ; search:kind \"sentence\" ; search:limit 20 ;
                  search:hit ?s ; search:score ?score }} }} ORDER BY DESC(?score)"
        );
        let (service_rows, service, service_max) =
            time(|| count(store.query(&service_query).expect("the SERVICE query runs")));
        let first20_query = format!(
            "SELECT ?s WHERE {{ ?s a pkg:Sentence ; nif:anchorOf ?t FILTER(CONTAINS(?t, \"{phrase}\")) }} LIMIT 20"
        );
        let (contains_rows, first20, first20_max) = time(|| {
            count(
                store
                    .query(&first20_query)
                    .expect("the CONTAINS query runs"),
            )
        });
        // Every sentence that holds it: what CONTAINS must read to rank them.
        let all_query = format!(
            "SELECT ?s WHERE {{ ?s a pkg:Sentence ; nif:anchorOf ?t FILTER(CONTAINS(?t, \"{phrase}\")) }}"
        );
        let (all_contains, contains, contains_max) =
            time(|| count(store.query(&all_query).expect("the CONTAINS query runs")));
        let all_search = index
            .search(phrase, &[Kind::Sentence], &[], 1_000_000)
            .unwrap()
            .len();
        assert_eq!(
            all_search, all_contains,
            "search and CONTAINS disagree on {phrase}"
        );
        println!(
            "{{\"phrase\": \"{phrase}\", \"sentences\": {all_contains}, \"hits\": {hits}, \"service_rows\": {service_rows}, \"contains_rows\": {contains_rows}, \
             \"search_ms\": {search:.2}, \"search_max_ms\": {search_max:.2}, \"service_ms\": {service:.2}, \"service_max_ms\": {service_max:.2}, \
             \"contains_all_ms\": {contains:.1}, \"contains_all_max_ms\": {contains_max:.1}, \"contains_first20_ms\": {first20:.1}, \"contains_first20_max_ms\": {first20_max:.1}}}"
        );
        search_ms.push(search);
        service_ms.push(service);
        contains_ms.push(contains);
    }
    println!(
        "{{\"summary\": \"median over 20 phrases\", \"search_ms\": {:.2}, \"service_ms\": {:.2}, \"contains_all_ms\": {:.1}}}",
        median(search_ms),
        median(service_ms),
        median(contains_ms)
    );
    drop(index);
    pages(store, &store_dir);
}

/// The server time of each workbench page, over loopback.
fn pages(store: KgStore, store_dir: &std::path::Path) {
    let pick = |sparql: &str| -> String {
        let QueryResults::Solutions(mut rows) = store.query(sparql).expect("setup query") else {
            unreachable!()
        };
        let row = rows.next().expect("a row").expect("a row");
        policykg::store::term_text(row.values()[0].as_ref().expect("bound"))
    };
    let largest = pick(
        "SELECT ?d WHERE { ?d a pkg:Document ; nif:isString ?t } ORDER BY DESC(STRLEN(?t)) LIMIT 1",
    );
    let entity = pick(
        "SELECT ?e WHERE { ?m itsrdf:taIdentRef ?e . ?e a pkg:Organization } GROUP BY ?e ORDER BY DESC(COUNT(?m)) LIMIT 1",
    );
    let last_key =
        pick("SELECT ?d WHERE { ?d a pkg:Document } ORDER BY DESC(?d) OFFSET 50 LIMIT 1");
    drop(store);
    let store = KgStore::open_read_only(store_dir).expect("the store opens");
    let server =
        Server::bind("127.0.0.1:0".parse().unwrap(), store, Config::default()).expect("bind");
    let base = format!("http://{}", server.local_addr());
    let (stop, stopped) = std::sync::mpsc::channel::<()>();
    let handle = std::thread::spawn(move || {
        server
            .run(async move {
                let _ = tokio_wait(stopped).await;
            })
            .expect("the server runs");
    });
    let encode = |s: &str| {
        percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into();
    for (name, path) in [
        ("page /", "/".to_owned()),
        (
            "search 个人信息 with facets",
            format!("/api/search?q={}", encode("个人信息")),
        ),
        (
            "search 国务院 filtered",
            format!("/api/search?q={}&type=sentence&year=", encode("国务院")),
        ),
        ("documents, first page", "/api/documents?n=50".to_owned()),
        (
            "documents, a page by key",
            format!("/api/documents?n=50&after={}", encode(&last_key)),
        ),
        (
            "document, the largest law",
            format!("/api/document?iri={}", encode(&largest)),
        ),
        (
            "entity, the most mentioned organisation",
            format!("/api/entity?iri={}", encode(&entity)),
        ),
        ("examples", "/api/examples".to_owned()),
    ] {
        let url = format!("{base}{path}");
        let (bytes, ms, max) = time(|| {
            let mut reply = agent
                .get(&url)
                .header("Accept", "text/html,application/json")
                .call()
                .expect("the page answers");
            reply.body_mut().read_to_vec().expect("a body").len()
        });
        println!(
            "{{\"page\": \"{name}\", \"bytes\": {bytes}, \"median_ms\": {ms:.1}, \"max_ms\": {max:.1}}}"
        );
    }
    let _ = stop.send(());
    handle.join().expect("the server stops");
}

async fn tokio_wait(stopped: std::sync::mpsc::Receiver<()>) {
    loop {
        if stopped.try_recv().is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
