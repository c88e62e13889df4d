//! What the sessions of one FTP server share: its limits ([`ServerConfig`]), the served
//! root, the store that counts what uploads may still take, and the count of sessions open
//! (in all and per address) that decides who is admitted.

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::files::Store;

/// The server's first line to every client.
pub const GREETING: &str = "netlearn's FTP demo server";
/// A session with nothing sent for this long is closed by the server; a transfer that moves
/// no byte for this long is cut.
pub const IDLE_SESSION_SECS: u64 = 60;
/// How long a transfer waits for its data connection to open.
pub const DATA_CONNECT_SECS: u64 = 15;
/// Sessions served at once; one more gets "421" and is closed.
pub const MAX_SESSIONS: usize = 64;
/// Sessions served at once from one client address.
pub const MAX_SESSIONS_PER_ADDRESS: usize = 16;
/// The largest file an upload may make.
pub const MAX_UPLOAD: u64 = 64 << 20;
/// The most the served directory may hold (counting [`super::files::ENTRY_COST`] per entry).
pub const MAX_STORED: u64 = 256 << 20;
/// Entries counted at start when measuring what the directory holds.
pub(super) const MAX_COUNTED_AT_START: usize = 100_000;

/// What the server allows.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    pub max_sessions: usize,
    pub max_sessions_per_address: usize,
    pub idle_timeout: Duration,
    pub data_connect_timeout: Duration,
    pub max_upload: u64,
    pub max_stored: u64,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            max_sessions: MAX_SESSIONS,
            max_sessions_per_address: MAX_SESSIONS_PER_ADDRESS,
            idle_timeout: Duration::from_secs(IDLE_SESSION_SECS),
            data_connect_timeout: Duration::from_secs(DATA_CONNECT_SECS),
            max_upload: MAX_UPLOAD,
            max_stored: MAX_STORED,
        }
    }
}

/// What every session shares.
#[derive(Debug)]
pub(super) struct Shared {
    pub root: PathBuf,
    pub config: ServerConfig,
    pub store: Arc<Store>,
    sessions: Mutex<Sessions>,
}

#[derive(Debug, Default)]
struct Sessions {
    total: usize,
    by_address: HashMap<IpAddr, usize>,
}

/// Why a connection was not served.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Refusal {
    Full,
    FullForAddress,
    OutOfDescriptors,
}

impl Refusal {
    pub(super) fn reply(self, config: &ServerConfig) -> String {
        match self {
            Refusal::Full => format!(
                "421 Too many sessions ({} in all), try again later\r\n",
                config.max_sessions
            ),
            Refusal::FullForAddress => format!(
                "421 Too many sessions from your address ({} at most), try again later\r\n",
                config.max_sessions_per_address
            ),
            Refusal::OutOfDescriptors => {
                "421 The server is out of file descriptors, try again later\r\n".to_string()
            }
        }
    }
}

/// A session's place in the counts, given back on drop.
pub(super) struct Admitted {
    shared: Arc<Shared>,
    address: IpAddr,
}

impl Shared {
    /// A server's shared state for the files under `root`, which hold `used` bytes now.
    pub(super) fn new(root: PathBuf, config: ServerConfig, used: u64) -> Shared {
        Shared {
            store: Arc::new(Store::new(config.max_stored, used)),
            root,
            config,
            sessions: Mutex::new(Sessions::default()),
        }
    }

    pub(super) fn admit(self: &Arc<Self>, address: IpAddr) -> Result<Admitted, Refusal> {
        let mut sessions = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
        if sessions.total >= self.config.max_sessions {
            return Err(Refusal::Full);
        }
        let from_here = sessions.by_address.entry(address).or_default();
        if *from_here >= self.config.max_sessions_per_address {
            return Err(Refusal::FullForAddress);
        }
        *from_here += 1;
        sessions.total += 1;
        Ok(Admitted {
            shared: Arc::clone(self),
            address,
        })
    }
}

impl Drop for Admitted {
    fn drop(&mut self) {
        let mut sessions = self
            .shared
            .sessions
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        sessions.total = sessions.total.saturating_sub(1);
        if let Some(count) = sessions.by_address.get_mut(&self.address) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                sessions.by_address.remove(&self.address);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_are_counted_per_address_and_in_all() {
        let config = ServerConfig {
            max_sessions: 3,
            max_sessions_per_address: 2,
            ..ServerConfig::default()
        };
        let shared = Arc::new(Shared {
            root: PathBuf::new(),
            store: Arc::new(Store::new(0, 0)),
            config,
            sessions: Mutex::new(Sessions::default()),
        });
        let (one, two): (IpAddr, IpAddr) =
            ("127.0.0.1".parse().unwrap(), "127.0.0.2".parse().unwrap());
        let a = shared.admit(one).unwrap();
        let _b = shared.admit(one).unwrap();
        assert!(matches!(shared.admit(one), Err(Refusal::FullForAddress)));
        let _c = shared.admit(two).unwrap();
        assert!(matches!(shared.admit(two), Err(Refusal::Full)));
        drop(a);
        assert!(shared.admit(one).is_ok());
        let reply = Refusal::FullForAddress.reply(&shared.config);
        assert_eq!(
            reply,
            "421 Too many sessions from your address (2 at most), try again later\r\n"
        );
    }
}
