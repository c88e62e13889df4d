//! What a server serves (its directory and TLS) and what it allows each client and all of
//! them together ([`Limits`]).

use std::path::PathBuf;
use std::time::Duration;

use tokio_rustls::TlsAcceptor;

/// Default cap on connections open at once.
pub const DEFAULT_MAX_CONNS: usize = 1000;
/// Default time a connection may go without a byte moving either way.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(30);
/// Default time open connections may finish in after a shutdown request.
pub const DEFAULT_GRACE: Duration = Duration::from_secs(5);

/// What the server allows each client and all of them together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Connections open at once; further ones are closed at once (503 on plain HTTP).
    pub max_conns: usize,
    /// A connection where no byte moved either way for this long is cut (a client that stopped
    /// reading its download or stopped sending); also the longest wait for a request head and
    /// for a TLS handshake.
    pub idle_timeout: Duration,
    /// After a shutdown request, how long open connections may finish before they are cut.
    pub grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_conns: DEFAULT_MAX_CONNS,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            grace: DEFAULT_GRACE,
        }
    }
}

/// What a server serves; the words of its pages are given to [`serve_with`].
pub struct FileServer {
    /// The served directory, canonical.
    pub root: PathBuf,
    pub tls: Option<TlsAcceptor>,
}
