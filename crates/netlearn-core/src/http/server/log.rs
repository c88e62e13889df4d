//! The server's log: one event per request and per connection that ends badly, put on a
//! queue that never waits (a full queue drops and counts), and the counts of a whole run.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;
use tokio::sync::mpsc;

use super::refusal::Refusal;
use crate::cause::{Cause, IoCause};
use crate::drops::DropCount;

/// One request as the log shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RequestLog {
    pub conn: u64,
    pub peer: SocketAddr,
    pub method: String,
    pub path: String,
    pub status: u16,
    pub bytes: u64,
    pub ms: f64,
    /// Why the request was refused, when it was (the http view's JSON words it as `note`).
    #[serde(skip)]
    pub note: Option<Refusal>,
}

/// Why the server cut a connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CutReason {
    /// No byte moved either way for the idle timeout.
    Idle,
    /// Still open at the end of the shutdown grace period.
    Grace,
}

/// What the server reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ServerEvent {
    Request(RequestLog),
    ConnectionError {
        conn: u64,
        peer: SocketAddr,
        /// The http view's JSON words it as `message`.
        #[serde(skip)]
        message: ConnectionFailure,
    },
    /// A connection closed at once because `max_conns` were open.
    ConnectionRefused {
        peer: SocketAddr,
        max_conns: usize,
    },
    /// A connection the server closed: `seconds` is the limit that was reached.
    ConnectionCut {
        conn: u64,
        peer: SocketAddr,
        reason: CutReason,
        seconds: f64,
    },
    /// The server stopped accepting; `open` connections have `grace_seconds` to finish.
    ShuttingDown {
        open: usize,
        grace_seconds: f64,
    },
}

/// Why a connection ended in an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConnectionFailure {
    /// No TLS handshake within the idle timeout.
    TlsHandshakeTimeout,
    /// The TLS handshake failed: the connection's error (rustls's inside when TLS refused).
    TlsHandshake(IoCause),
    /// hyper's error (a malformed request, a reset, a body that could not be sent).
    Http(Cause<hyper::Error>),
}

/// Where the server's tasks put log events: never waits. An event the queue cannot take is
/// dropped and counted, so a slow or paused log reader never slows serving.
#[derive(Clone, Debug)]
pub struct EventSink {
    sender: mpsc::Sender<ServerEvent>,
    dropped: DropCount,
}

impl EventSink {
    pub fn new(sender: mpsc::Sender<ServerEvent>, dropped: DropCount) -> Self {
        EventSink { sender, dropped }
    }

    pub fn emit(&self, event: ServerEvent) {
        if let Err(mpsc::error::TrySendError::Full(_)) = self.sender.try_send(event) {
            self.dropped.add();
        }
    }
}

/// What a server did from start to shutdown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ServeSummary {
    pub connections: u64,
    pub requests: u64,
    pub refused: u64,
    pub cut_idle: u64,
    pub cut_at_grace: u64,
    pub errors: u64,
}

#[derive(Default)]
pub(super) struct Counters {
    pub(super) connections: AtomicU64,
    pub(super) requests: AtomicU64,
    pub(super) refused: AtomicU64,
    pub(super) cut_idle: AtomicU64,
    pub(super) cut_at_grace: AtomicU64,
    pub(super) errors: AtomicU64,
}

impl Counters {
    pub(super) fn summary(&self) -> ServeSummary {
        let get = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
        ServeSummary {
            connections: get(&self.connections),
            requests: get(&self.requests),
            refused: get(&self.refused),
            cut_idle: get(&self.cut_idle),
            cut_at_grace: get(&self.cut_at_grace),
            errors: get(&self.errors),
        }
    }
}

pub(super) fn bump(counter: &AtomicU64) {
    counter.fetch_add(1, Ordering::Relaxed);
}
