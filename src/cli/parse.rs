//! `policykg parse`: how one document is read, for debugging rules and data.

use super::args::ParseArgs;
use super::settings;
use anyhow::{Result, bail};
use policykg::extract::{Fact, Value};
use policykg::pipeline::{self, Parsed};
use policykg::source::{self, ReadOptions};
use std::process::ExitCode;

pub fn run(args: ParseArgs) -> Result<ExitCode> {
    let settings = settings(&args.conversion)?;
    let read = ReadOptions {
        text_column: args.conversion.text_column.clone(),
        max_input_bytes: args.conversion.max_input_size as u64,
    };
    let inputs = source::discover(&args.input)?;
    if inputs.len() != 1 {
        bail!(
            "{}: parse takes one file; this folder holds {}",
            args.input.display(),
            inputs.len()
        );
    }
    let documents = source::read(&inputs[0], &read)?;
    let parsed: Vec<Parsed> = documents
        .into_iter()
        .map(|d| pipeline::parse(d, &settings))
        .collect();
    if args.json {
        let json = if parsed.len() == 1 {
            serde_json::to_string_pretty(&parsed[0])?
        } else {
            serde_json::to_string_pretty(&parsed)?
        };
        println!("{json}");
    } else {
        for p in &parsed {
            print!("{}", summary(p));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A readable outline of what was found in one document.
fn summary(p: &Parsed) -> String {
    let chars: Vec<char> = p.document.text.chars().collect();
    let text = |b: usize, e: usize| chars[b..e].iter().collect::<String>();
    let mut out = format!(
        "{} ({}, {} characters, {})\n",
        p.document.title,
        p.document.source,
        chars.len(),
        p.document.encoding
    );
    for d in &p.outline.diagnostics {
        out += &format!("  {d}\n");
    }
    out += &format!("sections ({}):\n", p.outline.sections.len());
    for s in &p.outline.sections {
        out += &format!(
            "  {}{} {} [line {}]\n",
            "  ".repeat(s.level as usize - 1),
            s.numbering,
            s.title,
            s.line
        );
    }
    out += &format!(
        "paragraphs: {}, sentences: {}\n",
        p.outline.paragraphs.len(),
        p.outline.sentences.len()
    );
    let ex = &p.extraction;
    out += &format!("measures ({}):\n", ex.measures.len());
    for m in &ex.measures {
        out += &format!("  {} {}\n", m.marker, m.label);
    }
    out += &format!(
        "entities ({}), mentions ({}):\n",
        ex.entities.len(),
        ex.mentions.len()
    );
    for (i, e) in ex.entities.iter().enumerate() {
        let count = ex.mentions.iter().filter(|m| m.entity == i).count();
        let value = match &e.value {
            Some(Value::Time(t)) => format!(" = {}", t.value),
            Some(Value::Quantity(q)) => format!(" = {} {}", q.value, q.unit),
            None => String::new(),
        };
        out += &format!("  {:<12} {}{value} ×{count}\n", e.kind.slug(), e.label);
    }
    out += &format!("relations ({}):\n", ex.facts.len());
    for f in &ex.facts {
        let (line, s) = match *f {
            Fact::FoundingDate {
                organization,
                time,
                sentence,
            } => (
                format!(
                    "{} foundingDate {}",
                    ex.entities[organization].label, ex.entities[time].label
                ),
                sentence,
            ),
            Fact::BasedOn {
                organization,
                basis,
                sentence,
            } => (
                format!(
                    "{} basedOn {}",
                    ex.entities[organization].label, ex.entities[basis].label
                ),
                sentence,
            ),
        };
        let span = p.outline.sentences[s].span;
        out += &format!("  {line}\n    evidence: {}\n", text(span.begin, span.end));
    }
    out
}
