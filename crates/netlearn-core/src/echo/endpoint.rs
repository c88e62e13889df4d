//! Where an echo endpoint is: an IP address and port, or a Unix domain socket's file.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

use serde::{Serialize, Serializer};

/// An address a server listens on or a peer it talks to. Serialized as one string, as a
/// socket address always was, so JSON consumers read `"peer": "127.0.0.1:5008"` or
/// `"peer": "/tmp/echo.sock"` alike.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    Inet(SocketAddr),
    /// A Unix domain socket's file.
    Path(PathBuf),
    /// A Unix socket's client: it has no file of its own, so the kernel names its process
    /// (SO_PEERCRED).
    Process {
        pid: Option<i32>,
        uid: u32,
    },
    /// A Unix socket with neither a file nor a known process.
    Unnamed,
}

impl From<SocketAddr> for Endpoint {
    fn from(addr: SocketAddr) -> Self {
        Endpoint::Inet(addr)
    }
}

impl Endpoint {
    /// The port of an IP endpoint; a Unix socket's ends have none.
    pub fn port(&self) -> Option<u16> {
        match self {
            Endpoint::Inet(addr) => Some(addr.port()),
            _ => None,
        }
    }

    /// The peer of an accepted Unix connection, by the credentials the kernel recorded.
    pub fn unix_peer(stream: &tokio::net::UnixStream) -> Endpoint {
        match stream.peer_cred() {
            Ok(cred) => Endpoint::Process {
                pid: cred.pid(),
                uid: cred.uid(),
            },
            Err(_) => Endpoint::Unnamed,
        }
    }

    /// A Unix socket's address by its file (`as_pathname()`): none for an unbound socket.
    pub fn from_unix(pathname: Option<&std::path::Path>) -> Endpoint {
        match pathname {
            Some(path) => Endpoint::Path(path.to_path_buf()),
            None => Endpoint::Unnamed,
        }
    }
}

/// The endpoint's machine form: the JSON value and the socket-call lines (`accept() -> pid 42
/// (uid 1000)`), the same in every language. A log line names a process peer through the echo
/// view's words instead.
impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Endpoint::Inet(addr) => addr.fmt(f),
            Endpoint::Path(path) => path.display().fmt(f),
            Endpoint::Process {
                pid: Some(pid),
                uid,
            } => write!(f, "pid {pid} (uid {uid})"),
            Endpoint::Process { pid: None, uid } => write!(f, "uid {uid}"),
            Endpoint::Unnamed => f.write_str("(unnamed)"),
        }
    }
}

impl Serialize for Endpoint {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_the_string_a_socket_address_was() {
        let inet = Endpoint::from(SocketAddr::from(([127, 0, 0, 1], 5008)));
        assert_eq!(
            serde_json::to_string(&inet).ok().as_deref(),
            Some("\"127.0.0.1:5008\"")
        );
        let path = Endpoint::Path("/tmp/echo.sock".into());
        assert_eq!(
            serde_json::to_string(&path).ok().as_deref(),
            Some("\"/tmp/echo.sock\"")
        );
        let process = Endpoint::Process {
            pid: Some(42),
            uid: 1000,
        };
        assert_eq!(process.to_string(), "pid 42 (uid 1000)");
    }
}
