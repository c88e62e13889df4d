//! An FTP server (RFC 959, with RFC 2428's EPSV and EPRT) on a directory the caller owns,
//! accepting on a listener the caller bound (so port 0 works and the port is known).
//!
//! Written for the demo and for a hostile peer: at most [`ServerConfig::max_sessions`]
//! sessions, [`ServerConfig::max_sessions_per_address`] of them from one address; each
//! session with at most one prepared data connection, PORT and EPRT only back to the client
//! (RFC 2577); uploads capped per file and in all, a cut upload removed. Each refusal says
//! what ran out.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;

use super::files::usage;
use super::session::Session;
pub use super::shared::ServerConfig;
use super::shared::{MAX_COUNTED_AT_START, Refusal, Shared};

/// A server ready to serve: what its directory holds is measured and its spare descriptor
/// held, so nothing more is opened between saying "listening" and serving.
#[derive(Debug)]
pub struct Server {
    shared: Arc<Shared>,
    /// One descriptor kept spare: when accept() finds none left, closing it lets the server
    /// take the connection and say why it cannot serve it, instead of leaving it waiting.
    spare: Option<std::fs::File>,
}

impl Server {
    /// A server for the files under `root` (measured here: the directory is the caller's own
    /// and small).
    pub fn new(root: PathBuf, config: ServerConfig) -> Server {
        let used = usage(&root, MAX_COUNTED_AT_START);
        Server {
            shared: Arc::new(Shared::new(root, config, used)),
            spare: spare_descriptor(),
        }
    }

    /// Serves FTP sessions on `listener` until `shutdown`. Any user name and password are
    /// accepted (the demo's point is to watch them cross in clear text). Both passive and
    /// active mode are on, as an old server's would be, active only back to the client.
    pub async fn serve(self, listener: TcpListener, shutdown: CancellationToken) {
        let Server { shared, mut spare } = self;
        let sessions = tokio_util::task::TaskTracker::new();
        loop {
            let accepted = tokio::select! {
                _ = shutdown.cancelled() => break,
                accepted = listener.accept() => accepted,
            };
            let (stream, peer) = match accepted {
                Ok(accepted) => accepted,
                Err(error) if out_of_descriptors(&error) => {
                    drop(spare.take());
                    let next = tokio::time::timeout(Duration::from_millis(100), listener.accept());
                    if let Ok(Ok((stream, _))) = next.await {
                        refuse(stream, Refusal::OutOfDescriptors, &shared.config);
                    }
                    spare = spare_descriptor();
                    if spare.is_none() {
                        // Still none: back off rather than spin.
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                    continue;
                }
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let admitted = match shared.admit(peer.ip().to_canonical()) {
                Ok(admitted) => admitted,
                Err(refusal) => {
                    refuse(stream, refusal, &shared.config);
                    continue;
                }
            };
            let stop = shutdown.clone();
            let shared = Arc::clone(&shared);
            sessions.spawn(async move {
                let _admitted = admitted;
                let Ok(session) = Session::new(stream, shared) else {
                    return;
                };
                tokio::select! {
                    _ = stop.cancelled() => {}
                    _ = session.run() => {}
                }
            });
        }
        sessions.close();
        let _ = tokio::time::timeout(Duration::from_secs(2), sessions.wait()).await;
    }
}

fn spare_descriptor() -> Option<std::fs::File> {
    std::fs::File::open("/dev/null").ok()
}

fn out_of_descriptors(error: &io::Error) -> bool {
    matches!(error.raw_os_error(), Some(libc::EMFILE | libc::ENFILE))
}

/// Says why, without waiting (a fresh connection's send buffer is empty), and closes.
fn refuse(stream: TcpStream, refusal: Refusal, config: &ServerConfig) {
    let _ = stream.try_write(refusal.reply(config).as_bytes());
    if let Ok(stream) = stream.into_std() {
        let _ = stream.shutdown(std::net::Shutdown::Write);
    }
}
