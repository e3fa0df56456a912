//! `policykg push`: sends the graphs of a store or of RDF files to a remote Graph
//! Store endpoint, prints each failure as it happens and a summary at the end.

use super::Reporter;
use super::args::PushArgs;
use anyhow::{Result, bail};
use policykg::push::{AuthScheme, Credentials, FileGraphs, Mode, Options, Pusher, Source};
use policykg::store::KgStore;
use std::process::ExitCode;

/// Runs `policykg push`.
pub fn run(args: PushArgs) -> Result<ExitCode> {
    let credentials = match (&args.user, &args.password) {
        (Some(user), Some(password)) => Some(Credentials {
            user: user.clone(),
            password: password.clone(),
            scheme: if args.auth == "basic" {
                AuthScheme::Basic
            } else {
                AuthScheme::Digest
            },
        }),
        (Some(user), None) => {
            bail!("no password for user {user}: set POLICYKG_PUSH_PASSWORD (or pass --password)")
        }
        (None, Some(_)) => bail!("a password but no user: pass --user too"),
        (None, None) => None,
    };
    let options = Options {
        batch: usize::try_from(args.batch).unwrap_or(usize::MAX),
        retries: args.retries,
        ..Options::default()
    };
    let mut pusher = Pusher::new(&args.endpoint, credentials, options)?;

    let store;
    let source = match &args.store {
        Some(dir) => {
            store = KgStore::open_read_only(dir)?;
            Source::Store(&store)
        }
        None => {
            let files = FileGraphs::read(&args.files)?;
            if files.is_empty() {
                bail!("the files hold no triples in named graphs; nothing to push");
            }
            Source::Files(files)
        }
    };
    let graphs = source.select(&args.graph)?;
    let from = match &args.store {
        Some(dir) => dir.display().to_string(),
        None if args.files.len() == 1 => args.files[0].display().to_string(),
        None => format!("{} files", args.files.len()),
    };

    let mut reporter = Reporter::new(args.verbosity);
    reporter.detail(&format!(
        "pushing {} graph(s) from {from} to {}",
        graphs.len(),
        args.endpoint
    ));
    let report = pusher.push(&source, &graphs, |outcome| match outcome.result {
        Ok(sent) => reporter.detail(&format!(
            "{} <{}>: {} triple(s) in {} request(s)",
            match outcome.graph.mode {
                Mode::Replace => "replaced",
                Mode::Merge => "merged",
            },
            outcome.graph.name.as_str(),
            sent.triples,
            sent.requests
        )),
        Err(error) => reporter.failure(&error),
    });
    reporter.info(&format!(
        "pushed {} of {} graph(s) from {from} to {}: {} replaced, {} merged; {} triples in {} request(s); {} retries; {} failure(s); {:.1}s",
        report.graphs(),
        graphs.len(),
        args.endpoint,
        report.replaced,
        report.merged,
        report.triples,
        report.requests,
        report.retries,
        report.failed.len(),
        report.elapsed.as_secs_f64(),
    ));
    if report.stopped {
        bail!(
            "stopped: the error above would repeat for every graph; {} graph(s) not sent",
            report.skipped
        );
    }
    if !report.failed.is_empty() {
        reporter.info("push again to send the failed graphs (document graphs are replaced whole)");
    }
    Ok(reporter.exit_code())
}
