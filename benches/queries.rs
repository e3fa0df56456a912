//! Latency of the benchmark queries in benches/queries/*.rq, and of the example
//! queries shipped in queries/*.rq (named `shipped/NAME`), on a loaded store.
//!
//! Usage: cargo bench --bench queries -- STORE_DIR
//! Prints one JSON line per query: its name, result rows, and the median and
//! maximum of seven runs in milliseconds (after one warm-up run).

use oxigraph::sparql::QueryResults;
use policykg::store::KgStore;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn run(store: &KgStore, sparql: &str) -> usize {
    match store.query(sparql).expect("the benchmark query runs") {
        QueryResults::Solutions(rows) => rows.fold(0, |n, row| {
            row.expect("a row");
            n + 1
        }),
        QueryResults::Boolean(_) => 1,
        QueryResults::Graph(triples) => triples.fold(0, |n, triple| {
            triple.expect("a triple");
            n + 1
        }),
    }
}

fn main() {
    let store_dir: PathBuf = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .expect("usage: cargo bench --bench queries -- STORE_DIR");
    let store = KgStore::open_read_only(&store_dir).expect("the store opens");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for (folder, label) in [("benches/queries", ""), ("queries", "shipped/")] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(root.join(folder))
            .unwrap_or_else(|e| panic!("{folder}: {e}"))
            .map(|e| e.expect("an entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "rq"))
            .collect();
        found.sort();
        files.extend(found.into_iter().map(|p| {
            let name = format!("{label}{}", p.file_stem().unwrap().to_string_lossy());
            (name, p)
        }));
    }
    for (name, file) in files {
        let sparql = std::fs::read_to_string(&file).expect("a readable query");
        let started = Instant::now();
        let rows = run(&store, &sparql); // warm-up
        let once = started.elapsed().as_secs_f64() * 1000.0;
        if once > 10_000.0 {
            // Too slow to repeat: its one run says enough.
            println!(
                "{{\"query\": \"{name}\", \"rows\": {rows}, \"median_ms\": {once:.2}, \"max_ms\": {once:.2}, \"runs\": 1}}"
            );
            continue;
        }
        let mut times: Vec<f64> = (0..7)
            .map(|_| {
                let start = Instant::now();
                run(&store, &sparql);
                start.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "{{\"query\": \"{name}\", \"rows\": {rows}, \"median_ms\": {:.2}, \"max_ms\": {:.2}}}",
            times[3], times[6]
        );
    }
}
