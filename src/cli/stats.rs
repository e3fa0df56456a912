//! `policykg stats`: counts over the whole store.

use super::args::StatsArgs;
use anyhow::Result;
use policykg::store::{KgStore, Stats};
use std::process::ExitCode;

pub fn run(args: StatsArgs) -> Result<ExitCode> {
    let store = KgStore::open_read_only(&args.store.store)?;
    let stats = store.stats()?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&to_json(&stats))?);
    } else {
        print!("{}", render(&stats));
    }
    Ok(ExitCode::SUCCESS)
}

/// The counts as the wire format of `stats --json`.
pub fn to_json(stats: &Stats) -> serde_json::Value {
    serde_json::json!({
        "documents": stats.documents,
        "sections": stats.sections_by_level.iter().map(|(_, n)| n).sum::<u64>(),
        "sectionsByLevel": stats.sections_by_level.iter().map(|(l, n)| (l.to_string(), serde_json::json!(n))).collect::<serde_json::Map<_, _>>(),
        "paragraphs": stats.paragraphs,
        "sentences": stats.sentences,
        "measures": stats.measures,
        "entitiesByType": stats.entities_by_type.iter().map(|(c, n)| (c.clone(), serde_json::json!(n))).collect::<serde_json::Map<_, _>>(),
        "articles": stats.articles,
        "mentions": stats.mentions,
        "mentionsByType": stats.mentions_by_type.iter().map(|(c, n)| (c.clone(), serde_json::json!(n))).collect::<serde_json::Map<_, _>>(),
        "triples": stats.triples,
    })
}

/// The counts as lines for people.
pub fn render(stats: &Stats) -> String {
    let mut out = String::new();
    let sections: u64 = stats.sections_by_level.iter().map(|(_, n)| n).sum();
    out += &format!("documents   {}\n", stats.documents);
    out += &format!("sections    {sections}");
    if !stats.sections_by_level.is_empty() {
        let levels: Vec<String> = stats
            .sections_by_level
            .iter()
            .map(|(l, n)| format!("level {l}: {n}"))
            .collect();
        out += &format!("  ({})", levels.join(", "));
    }
    out += "\n";
    if stats.articles > 0 {
        out += &format!("articles    {}\n", stats.articles);
    }
    out += &format!("paragraphs  {}\n", stats.paragraphs);
    out += &format!("sentences   {}\n", stats.sentences);
    out += &format!("measures    {}\n", stats.measures);
    let entities: u64 = stats.entities_by_type.iter().map(|(_, n)| n).sum();
    out += &format!("entities    {entities}\n");
    for (class, n) in &stats.entities_by_type {
        out += &format!("  {class:<15} {n}\n");
    }
    out += &format!("mentions    {}\n", stats.mentions);
    for (class, n) in &stats.mentions_by_type {
        out += &format!("  {class:<15} {n}\n");
    }
    out += &format!("triples     {}\n", stats.triples);
    out
}
