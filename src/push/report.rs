//! What a push sent and what failed, per graph and in total.

use super::{Graph, PushError};
use oxigraph::model::NamedNode;
use std::time::Duration;

/// What was sent for one graph.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sent {
    /// Triples the server accepted.
    pub triples: u64,
    /// Requests that carried them (retries and authentication round trips included).
    pub requests: u64,
}

/// The result of sending one graph, handed to the caller as soon as it is known.
#[derive(Debug)]
pub struct GraphOutcome<'a> {
    /// The graph.
    pub graph: &'a Graph,
    /// What was sent, or why it failed (part of it may have been sent).
    pub result: Result<Sent, PushError>,
}

/// What a whole push did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Graphs sent completely, replaced.
    pub replaced: u64,
    /// Graphs sent completely, merged.
    pub merged: u64,
    /// Triples the server accepted (of failed graphs too).
    pub triples: u64,
    /// HTTP requests made (retries and authentication round trips included).
    pub requests: u64,
    /// Requests sent again after a connection error or a 5xx.
    pub retries: u64,
    /// Graphs that failed, in order.
    pub failed: Vec<NamedNode>,
    /// True when a fatal error (see [`PushError::is_fatal`]) stopped the push.
    pub stopped: bool,
    /// Graphs not tried because the push stopped.
    pub skipped: u64,
    /// Wall-clock time.
    pub elapsed: Duration,
}

impl Report {
    /// Graphs sent completely.
    pub fn graphs(&self) -> u64 {
        self.replaced + self.merged
    }
}
