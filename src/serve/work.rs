//! Store work: every query, update and graph read runs on a blocking thread
//! under the time limit, and waits for one in a bounded queue.
//!
//! - [`Config::threads`] requests use the store at once. One more waits, if fewer
//!   than [`Config::max_queue`] are waiting; otherwise it gets 503 at once. The
//!   wait counts against [`Config::timeout`].
//! - [`Config::quick_threads`] more threads are kept for *selective* requests
//!   (queries whose every pattern is anchored, see
//!   [`crate::store::shape::is_selective`], and the workbench's pages): when the
//!   others are all busy, such a request runs there at once, for at most
//!   [`Config::quick_timeout`]. So `ASK {}` or a page of the workbench is answered
//!   while scans hold every other thread, and a scan never takes those threads.
//!
//! [`Config::threads`]: super::Config::threads
//! [`Config::max_queue`]: super::Config::max_queue
//! [`Config::timeout`]: super::Config::timeout
//! [`Config::quick_threads`]: super::Config::quick_threads
//! [`Config::quick_timeout`]: super::Config::quick_timeout

use super::{App, Failure, Reply};
use axum::http::{StatusCode, header};
use oxigraph::sparql::CancellationToken;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::SemaphorePermit;
use tokio::time::Instant;

/// Which threads a request may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lane {
    /// The shared threads only.
    Shared,
    /// The shared threads, or one of those kept for selective requests.
    Selective,
}

/// Runs store work on a blocking thread, with a cancellation token that fires
/// when the time limit runs out or the server stops; turns a cancellation into a
/// 503 that says which.
pub(super) async fn run_store_work<F>(app: Arc<App>, lane: Lane, work: F) -> Reply
where
    F: FnOnce(&App, CancellationToken) -> Result<Reply, Failure> + Send + 'static,
{
    let timeout = app.config.timeout;
    let deadline = timeout.map(|limit| Instant::now() + limit);
    let (slot, quick) = match admit(&app, lane, deadline).await {
        Ok(admitted) => admitted,
        Err(reply) => return reply,
    };
    // On a kept thread the request has its own, shorter, limit.
    let quick_deadline = quick.then(|| Instant::now() + app.config.quick_timeout);
    let effective = match (deadline, quick_deadline) {
        (Some(d), Some(q)) => Some(d.min(q)),
        (d, q) => d.or(q),
    };
    let token = CancellationToken::new();
    let entry = app.running.enter(&token);
    let watchdog = {
        let token = token.clone();
        let ended = ended(&app, effective);
        tokio::spawn(async move {
            ended.await;
            token.cancel();
        })
    };
    let worker = {
        let app = Arc::clone(&app);
        tokio::task::spawn_blocking(move || work(&app, token))
    };
    let outcome = worker.await;
    drop(slot);
    watchdog.abort();
    let over_memory = entry.stopped.load(std::sync::atomic::Ordering::SeqCst);
    drop(entry);
    match outcome {
        Ok(Ok(reply) | Err(Failure::Reply(reply))) => reply,
        Ok(Err(Failure::Cancelled)) if over_memory && !*app.stopping.borrow() => Reply::text(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the server's memory passed its limit of {} MB (--max-memory) while this request \
                 ran, so it was stopped, with the others running then; narrow the query (a LIMIT, \
                 fewer rows to sort or group), or start the server with a larger --max-memory",
                app.config.max_memory.unwrap_or_default() >> 20
            ),
        )
        .with_header(header::RETRY_AFTER, "1"),
        Ok(Err(Failure::Cancelled))
            if cut_short(quick_deadline, deadline) && !*app.stopping.borrow() =>
        {
            Reply::text(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "every shared store thread was busy, so this query ran on a thread kept for \
                     selective queries, which gives a query at most {}; try again shortly, or \
                     narrow it",
                    describe(app.config.quick_timeout)
                ),
            )
            .with_header(header::RETRY_AFTER, "1")
        }
        Ok(Err(Failure::Cancelled)) => cancelled(&app, timeout),
        Err(error) => Reply::text(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the request failed inside the server: {error}"),
        ),
    }
}

/// True when a kept thread's limit came before the request's own.
fn cut_short(quick: Option<Instant>, deadline: Option<Instant>) -> bool {
    match (quick, deadline) {
        (Some(q), Some(d)) => q < d,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// A thread for the request: a shared one, else a kept one (selective requests),
/// else a place in the queue for either, else 503. Returns the permit and
/// whether it is a kept thread's.
async fn admit(
    app: &App,
    lane: Lane,
    deadline: Option<Instant>,
) -> Result<(SemaphorePermit<'_>, bool), Reply> {
    let selective = lane == Lane::Selective;
    if let Ok(slot) = app.store_slots.try_acquire() {
        return Ok((slot, false));
    }
    if selective && let Ok(slot) = app.quick_slots.try_acquire() {
        return Ok((slot, true));
    }
    let queued = app.waiting.fetch_add(1, Ordering::SeqCst);
    let _leave = Leave(&app.waiting);
    if queued >= app.config.max_queue {
        return Err(busy(app));
    }
    let quick = async {
        if selective {
            app.quick_slots.acquire().await
        } else {
            std::future::pending().await
        }
    };
    tokio::select! {
        slot = app.store_slots.acquire() => slot.map(|s| (s, false)).map_err(|_| busy(app)),
        slot = quick => slot.map(|s| (s, true)).map_err(|_| busy(app)),
        () = ended(app, deadline) => Err(cancelled(app, app.config.timeout)),
    }
}

/// Resolves when the deadline passes or the server stops.
fn ended(app: &App, deadline: Option<Instant>) -> impl Future<Output = ()> + Send + 'static {
    let mut stopping = app.stopping.subscribe();
    async move {
        let expired = async {
            match deadline {
                Some(deadline) => tokio::time::sleep_until(deadline).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            () = expired => {},
            _ = stopping.wait_for(|stop| *stop) => {},
        }
    }
}

/// Takes a request off the queue's count when it leaves, however it leaves.
struct Leave<'a>(&'a AtomicUsize);

impl Drop for Leave<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// 503 for a request that finds every store thread busy and the queue full.
fn busy(app: &App) -> Reply {
    Reply::text(
        StatusCode::SERVICE_UNAVAILABLE,
        format!(
            "the server is busy: {} requests are using the store and {} are waiting; \
             try again shortly (or start the server with a larger --max-queue)",
            app.config.threads.max(1),
            app.config.max_queue
        ),
    )
    .with_header(header::RETRY_AFTER, "1")
}

/// 503 for a request stopped by its time limit or by the server stopping.
fn cancelled(app: &App, timeout: Option<Duration>) -> Reply {
    if *app.stopping.borrow() {
        return Reply::text(
            StatusCode::SERVICE_UNAVAILABLE,
            "the server is shutting down; the query was stopped",
        );
    }
    Reply::text(
        StatusCode::SERVICE_UNAVAILABLE,
        format!(
            "the request ran longer than the time limit of {} and was stopped; \
             narrow the query (a LIMIT, more specific patterns) or start the server with a larger --timeout",
            describe(timeout.unwrap_or_default())
        ),
    )
}

/// A duration as people write it: 1ms, 2.5s, 30s.
fn describe(duration: Duration) -> String {
    if duration < Duration::from_secs(1) {
        format!("{}ms", duration.as_millis())
    } else {
        format!("{}s", duration.as_secs_f64())
    }
}
