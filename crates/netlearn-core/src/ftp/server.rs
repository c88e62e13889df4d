//! An FTP server in-process: libunftp with its file-system back end, on a directory the caller
//! owns, accepting on a listener the caller bound (so port 0 works and the port is known).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use libunftp::ServerBuilder;
use libunftp::options::ActivePassiveMode;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use unftp_sbe_fs::Filesystem;

/// The server's first line to every client.
pub const GREETING: &str = "netlearn's FTP demo server (libunftp)";
/// A session with nothing sent for this long is closed by the server.
pub const IDLE_SESSION_SECS: u64 = 60;
/// Sessions served at once; one more gets "421" and is closed.
pub const MAX_SESSIONS: usize = 64;

/// Serves FTP sessions on `listener` until `shutdown`, files under `root`. Any user name and
/// password are accepted (the demo's point is to watch them cross in clear text). Both passive
/// and active mode are on, as an old server's would be.
pub async fn serve(listener: TcpListener, root: PathBuf, shutdown: CancellationToken) {
    let sessions = tokio_util::task::TaskTracker::new();
    loop {
        let accepted = tokio::select! {
            _ = shutdown.cancelled() => break,
            accepted = listener.accept() => accepted,
        };
        let Ok((mut stream, _)) = accepted else {
            // Out of descriptors: back off rather than spin.
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            continue;
        };
        if sessions.len() >= MAX_SESSIONS {
            let _ = stream
                .write_all(b"421 Too many sessions, try again later\r\n")
                .await;
            continue;
        }
        // Each session gets its own view of the directory; opening it is where a failure shows.
        let storage = match Filesystem::new(&root) {
            Ok(storage) => storage,
            Err(_) => {
                let _ = stream
                    .write_all(b"421 The server's directory cannot be opened\r\n")
                    .await;
                continue;
            }
        };
        let stop = shutdown.clone();
        let root = root.clone();
        sessions.spawn(async move {
            let built = ServerBuilder::new(generator(storage, &root))
                .greeting(GREETING)
                .active_passive_mode(ActivePassiveMode::ActiveAndPassive)
                .passive_ports(49152..=65535)
                .idle_session_timeout(IDLE_SESSION_SECS)
                .build();
            let server = match built {
                Ok(server) => server,
                Err(_) => {
                    let _ = stream.write_all(b"421 Server not available\r\n").await;
                    return;
                }
            };
            tokio::select! {
                _ = stop.cancelled() => {}
                _ = server.service(stream) => {}
            }
        });
    }
    sessions.close();
    let _ = tokio::time::timeout(std::time::Duration::from_secs(2), sessions.wait()).await;
}

/// libunftp asks for storage through a generator, once per session (`service`): hand it the
/// one opened for this session. Should it ever ask again, a fresh view of the same directory.
type Generator = Box<dyn Fn() -> Filesystem + Send + Sync>;

fn generator(storage: Filesystem, root: &Path) -> Generator {
    let slot = Arc::new(Mutex::new(Some(storage)));
    let root = root.to_path_buf();
    Box::new(move || {
        let taken = slot
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
            .take();
        match taken {
            Some(storage) => storage,
            None => reopen(&root),
        }
    })
}

/// A second view of a directory already opened once for this session.
#[allow(clippy::panic)]
fn reopen(root: &Path) -> Filesystem {
    match Filesystem::new(root) {
        Ok(storage) => storage,
        // The generator must return storage and cannot fail. Reaching here needs libunftp to
        // ask twice *and* the directory opened a moment ago to be gone: the panic stays inside
        // this session's task, which ends that one session and nothing else.
        Err(error) => panic!(
            "the FTP directory {} cannot be opened: {error}",
            root.display()
        ),
    }
}
