//! A cap on the server's memory ([`Config::max_memory`]): a watcher reads the
//! process's resident memory every 50 ms and, when it passes the cap, stops every
//! query and update running at that moment (through their cancellation tokens),
//! so that their memory is freed and the server lives on. Each gets 503 saying
//! why. A query cannot be measured alone, so all those running are stopped: one
//! of them is taking the memory, and any that started in the last 50 ms may be.
//! The allocator keeps what a stopped query freed, for the next requests; see
//! [`watch`] for how the limit follows it.
//!
//! Resident memory is read from `/proc/self/status` (Linux); elsewhere there is no
//! cap, and `serve` says so when it starts.
//!
//! [`Config::max_memory`]: super::Config::max_memory

use oxigraph::sparql::CancellationToken;
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

/// How often resident memory is read.
const EVERY: Duration = Duration::from_millis(50);

/// The store work running now, so that it can be stopped.
#[derive(Default)]
pub(super) struct Running {
    next: AtomicU64,
    tokens: Mutex<HashMap<u64, (CancellationToken, std::sync::Arc<AtomicBool>)>>,
}

/// A running request's place in [`Running`]; leaves it when dropped.
pub(super) struct Entry<'a> {
    running: &'a Running,
    id: u64,
    /// Set when the memory cap stopped this request.
    pub(super) stopped: std::sync::Arc<AtomicBool>,
}

impl Running {
    /// Registers a request's token.
    pub(super) fn enter(&self, token: &CancellationToken) -> Entry<'_> {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let stopped = std::sync::Arc::new(AtomicBool::new(false));
        self.tokens
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, (token.clone(), std::sync::Arc::clone(&stopped)));
        Entry {
            running: self,
            id,
            stopped,
        }
    }

    /// Stops every request running now; returns how many.
    fn stop_all(&self) -> usize {
        let tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        for (token, stopped) in tokens.values() {
            stopped.store(true, Ordering::SeqCst);
            token.cancel();
        }
        tokens.len()
    }
}

impl Drop for Entry<'_> {
    fn drop(&mut self) {
        self.running
            .tokens
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&self.id);
    }
}

/// The process's resident memory in bytes, where the system tells it.
pub fn resident() -> Option<u64> {
    kib_field("/proc/self/status", "VmRSS:")
}

/// The machine's memory in bytes, where the system tells it.
pub fn total() -> Option<u64> {
    kib_field("/proc/meminfo", "MemTotal:")
}

/// A `Name:   1234 kB` line of a /proc file, in bytes.
fn kib_field(file: &str, name: &str) -> Option<u64> {
    let text = std::fs::read_to_string(file).ok()?;
    let line = text.lines().find(|l| l.starts_with(name))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Watches resident memory until the server stops; above the limit, stops the
/// running requests. The limit starts at `cap`. Memory a stopped query freed goes
/// back to the allocator, which keeps it for the next requests rather than
/// returning it to the system, so resident memory stays near the height it
/// reached: after a stop the limit becomes that height (never less than `cap`).
/// The next requests use the memory kept; one that needs more than that is
/// stopped in turn. The server's memory so stays at the highest point a stop
/// left it at: `cap` and what a query can allocate in one reading's interval.
pub(super) async fn watch(
    app: std::sync::Arc<super::App>,
    cap: u64,
    mut stopping: tokio::sync::watch::Receiver<bool>,
) {
    let mut ticks = tokio::time::interval(EVERY);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut limit = cap;
    loop {
        tokio::select! {
            _ = ticks.tick() => {}
            _ = stopping.wait_for(|stop| *stop) => return,
        }
        if resident().is_some_and(|rss| rss > limit) && app.running.stop_all() > 0 {
            // Give the stopped requests time to unwind before reading again.
            let mut waited = Duration::ZERO;
            while waited < Duration::from_secs(5) && app.running.busy() {
                tokio::time::sleep(EVERY).await;
                waited += EVERY;
            }
            limit = resident().unwrap_or(cap).max(cap);
        }
    }
}

impl Running {
    /// True while a stopped request is still running.
    fn busy(&self) -> bool {
        self.tokens
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .values()
            .any(|(_, stopped)| stopped.load(Ordering::SeqCst))
    }
}
