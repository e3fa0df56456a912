//! Progress on long runs: a bar with documents, MB/s and an ETA on a terminal; a
//! plain line every few seconds when stderr is not a terminal; nothing with -q.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// How often the plain progress line is printed.
const PLAIN_EVERY: Duration = Duration::from_secs(5);

/// Reports progress through a run over `total` input bytes.
pub struct Progress {
    bar: Option<ProgressBar>,
    plain: bool,
    total: u64,
    bytes: u64,
    documents: u64,
    started: Instant,
    last_line: Instant,
}

impl Progress {
    /// A progress display for `total` bytes; silent when `quiet`.
    pub fn new(total: u64, quiet: bool) -> Self {
        let terminal = std::io::stderr().is_terminal();
        let bar = (!quiet && terminal).then(|| {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {msg} ETA {eta}",
                )
                .expect("a valid template"),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        let now = Instant::now();
        Self {
            bar,
            plain: !quiet && !terminal,
            total,
            bytes: 0,
            documents: 0,
            started: now,
            last_line: now,
        }
    }

    /// Records one more input file of `bytes` bytes holding `documents` documents.
    pub fn advance(&mut self, bytes: u64, documents: u64) {
        self.bytes += bytes;
        self.documents += documents;
        if let Some(bar) = &self.bar {
            bar.set_position(self.bytes);
            bar.set_message(format!("{} docs", self.documents));
        } else if self.plain && self.last_line.elapsed() >= PLAIN_EVERY {
            self.last_line = Instant::now();
            let secs = self.started.elapsed().as_secs_f64().max(1e-9);
            eprintln!(
                "progress: {} documents, {:.1}/{:.1} MB ({:.1}%), {:.1} MB/s",
                self.documents,
                self.bytes as f64 / 1e6,
                self.total as f64 / 1e6,
                100.0 * self.bytes as f64 / self.total.max(1) as f64,
                self.bytes as f64 / 1e6 / secs
            );
        }
    }

    /// Says what the run is doing after the last input (writing, compacting).
    pub fn stage(&self, what: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(format!("{} docs; {what}", self.documents));
        } else if self.plain && self.started.elapsed() >= PLAIN_EVERY {
            // Like the progress lines: only runs long enough to want them.
            eprintln!("progress: {what}");
        }
    }

    /// Prints a line without breaking the bar.
    pub fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// Removes the bar; returns the time since the start.
    pub fn finish(&self) -> Duration {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        self.started.elapsed()
    }

    /// Bytes processed so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }
}
