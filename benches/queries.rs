//! Latency of the benchmark queries in benches/queries/*.rq on a loaded store.
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
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/queries");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("benches/queries exists")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    files.sort();
    for file in files {
        let sparql = std::fs::read_to_string(&file).expect("a readable query");
        let rows = run(&store, &sparql); // warm-up
        let mut times: Vec<f64> = (0..7)
            .map(|_| {
                let start = Instant::now();
                run(&store, &sparql);
                start.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "{{\"query\": \"{}\", \"rows\": {rows}, \"median_ms\": {:.2}, \"max_ms\": {:.2}}}",
            file.file_stem().unwrap().to_string_lossy(),
            times[3],
            times[6]
        );
    }
}
