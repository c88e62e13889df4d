//! A small static-file HTTP/1.1 server on hyper: GET and HEAD (with single byte ranges) for
//! regular files under one directory (never outside it), directory listings, optional TLS, one
//! log record per request. A hostile client costs bounded memory and time: files are streamed
//! in bounded frames, connections are capped, a connection where nothing moves is cut, and a
//! shutdown finishes within a grace period.

mod answer;
mod body;
mod config;
mod conn;
#[cfg(feature = "testing")]
pub mod fuzzing;
mod log;
mod page;
mod path;
mod range;
mod refusal;

use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::{Semaphore, mpsc};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

pub use self::answer::answer;
pub use self::body::{FRAME, FileBody, ServeBody};
pub use self::config::{
    DEFAULT_GRACE, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNS, FileServer, Limits,
};
use self::conn::Connection;
pub use self::conn::{CONN_BUFFER, serve_stream};
pub use self::log::{
    ConnectionFailure, CutReason, EventSink, RequestLog, ServeSummary, ServerEvent,
};
use self::log::{Counters, bump};
pub use self::page::{BarePages, ErrorPage, MAX_LISTING, Pages};
pub use self::path::{PathRefusal, relative_path, url_path};
pub use self::range::{ByteRange, byte_range};
pub use self::refusal::{FileKind, Refusal};
use crate::drops::DropCount;

/// How long connections cut at the end of the grace period get to let go of their tasks.
const CUT_WAIT: Duration = Duration::from_millis(500);

/// Accepts connections until `shutdown` with the default [`Limits`] and [`BarePages`],
/// logging into `events` (an event the queue cannot take is dropped).
pub async fn serve(
    listener: TcpListener,
    server: Arc<FileServer>,
    events: mpsc::Sender<ServerEvent>,
    shutdown: CancellationToken,
) -> ServeSummary {
    let sink = EventSink::new(events, DropCount::default());
    serve_with(
        listener,
        server,
        Limits::default(),
        &BarePages,
        sink,
        shutdown,
    )
    .await
}

/// What a connection refused for lack of room is told, when it speaks plain HTTP.
const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\nRetry-After: 1\r\n\r\n";

/// Accepts connections until `shutdown`, serving each on its own task within `limits`. On
/// shutdown, stops accepting at once, lets open connections finish for `limits.grace`, then
/// cuts the rest and returns.
pub async fn serve_with(
    listener: TcpListener,
    server: Arc<FileServer>,
    limits: Limits,
    pages: &'static dyn Pages,
    events: EventSink,
    shutdown: CancellationToken,
) -> ServeSummary {
    let tracker = TaskTracker::new();
    let max_conns = limits.max_conns.clamp(1, Semaphore::MAX_PERMITS);
    let room = Arc::new(Semaphore::new(max_conns));
    let counters = Arc::new(Counters::default());
    let cut = CancellationToken::new();
    let mut next_conn = 0u64;
    loop {
        let accepted = tokio::select! {
            biased;
            _ = shutdown.cancelled() => break,
            accepted = listener.accept() => accepted,
        };
        let Ok((stream, peer)) = accepted else {
            // Out of descriptors and the like: pause instead of spinning.
            tokio::select! {
                _ = shutdown.cancelled() => break,
                _ = tokio::time::sleep(Duration::from_millis(50)) => continue,
            }
        };
        let Ok(permit) = room.clone().try_acquire_owned() else {
            bump(&counters.refused);
            if server.tls.is_none() {
                // Never waits: a client that does not read gets nothing, not a stuck task.
                let _ = stream.try_write(BUSY);
            }
            events.emit(ServerEvent::ConnectionRefused { peer, max_conns });
            continue;
        };
        next_conn += 1;
        bump(&counters.connections);
        let task = Connection {
            conn: next_conn,
            peer,
            server: server.clone(),
            limits,
            pages,
            events: events.clone(),
            counters: counters.clone(),
            shutdown: shutdown.clone(),
            cut: cut.clone(),
        };
        let _ = stream.set_nodelay(true);
        tracker.spawn(async move {
            task.run(stream).await;
            drop(permit);
        });
    }
    // New connections are refused by the kernel from here on, not queued.
    drop(listener);
    let open = max_conns - room.available_permits();
    events.emit(ServerEvent::ShuttingDown {
        open,
        grace_seconds: limits.grace.as_secs_f64(),
    });
    tracker.close();
    if tokio::time::timeout(limits.grace, tracker.wait())
        .await
        .is_err()
    {
        cut.cancel();
        // Cut connections drop their sockets and files at once; a file read already handed to
        // a blocking thread is left to finish on its own.
        let _ = tokio::time::timeout(CUT_WAIT, tracker.wait()).await;
    }
    counters.summary()
}
