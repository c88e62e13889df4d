//! The echo protocol done right: framing, server (TCP and UDP), client and load generator.

pub mod bench;
pub mod client;
pub mod conn;
pub mod datagram;
pub mod endpoint;
pub mod event;
pub mod framing;
pub mod limit;
pub mod payload;
pub mod pipe;
pub mod readbuf;
pub mod server;
pub mod session;
pub mod shown;
pub mod splice;
pub mod stats;
pub mod udp;
pub mod unix;
pub mod unix_dgram;

/// The instant `after` from now, or a far-off instant when that is past what the clock can
/// represent: a huge limit means "never", not a panic.
pub fn deadline_after(after: std::time::Duration) -> tokio::time::Instant {
    let now = tokio::time::Instant::now();
    now.checked_add(after)
        .or_else(|| now.checked_add(FAR_FUTURE))
        .unwrap_or(now)
}

/// Thirty years: later than any limit a command accepts.
pub const FAR_FUTURE: std::time::Duration = std::time::Duration::from_secs(86_400 * 365 * 30);
