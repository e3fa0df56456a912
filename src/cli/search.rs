//! `policykg index` and `policykg search`.

use super::args::{IndexArgs, SearchArgs};
use anyhow::{Result, bail};
use policykg::search::{self, SearchIndex};
use policykg::store::KgStore;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

pub fn run_index(args: IndexArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let store = KgStore::open_read_only(&args.store.store)?;
    let dir = search::index_dir(&args.store.store);
    let counts = SearchIndex::sync(&store, &args.store.store)?;
    if counts.added + counts.removed == 0 && !counts.created {
        eprintln!(
            "the index in {} is up to date: {} documents",
            dir.display(),
            counts.documents
        );
    } else {
        eprintln!(
            "indexed {} documents ({} entries) and removed {} from {} in {:.1}s; it holds {} documents",
            counts.added,
            counts.entries,
            counts.removed,
            dir.display(),
            started.elapsed().as_secs_f64(),
            counts.documents
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run(args: SearchArgs) -> Result<ExitCode> {
    let store = KgStore::open_read_only(&args.store.store)?;
    let index = SearchIndex::open(&store, &args.store.store)?;
    let hits = index.search(&args.text, &args.kinds, &args.filter, args.limit)?;
    let terminal = std::io::stdout().is_terminal();
    let mut out = std::io::stdout().lock();
    match args
        .format
        .as_deref()
        .unwrap_or(if terminal { "table" } else { "tsv" })
    {
        "json" => writeln!(out, "{}", serde_json::to_string_pretty(&hits)?)?,
        "tsv" => {
            writeln!(
                out,
                "score\tkind\tdocument\tsection\tleft\tmatch\tright\tiri"
            )?;
            for h in &hits {
                let (l, m, r) = search::in_context(&h.text, &args.text, 30);
                let clean = |s: &str| s.replace(['\t', '\n'], " ");
                writeln!(
                    out,
                    "{:.3}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    h.score,
                    h.kind,
                    clean(&h.title),
                    clean(&h.section),
                    clean(&l),
                    clean(&m),
                    clean(&r),
                    h.iri
                )?;
            }
        }
        "table" => {
            let (on, off) = if terminal {
                ("\x1b[1;31m", "\x1b[0m")
            } else {
                ("【", "】")
            };
            for (i, h) in hits.iter().enumerate() {
                let (l, m, r) = search::in_context(&h.text, &args.text, 30);
                let place = [h.province.as_str(), h.title.as_str(), h.section.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" › ");
                writeln!(out, "{:>3}. [{}] {place}", i + 1, h.kind)?;
                writeln!(
                    out,
                    "     …{}{on}{m}{off}{}…",
                    l.replace('\n', " "),
                    r.replace('\n', " ")
                )?;
            }
            writeln!(
                out,
                "{} hit{}",
                hits.len(),
                if hits.len() == 1 { "" } else { "s" }
            )?;
        }
        other => bail!("unknown format {other:?}; use table, tsv or json"),
    }
    Ok(ExitCode::SUCCESS)
}
