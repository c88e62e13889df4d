//! What the blocking session ([`super::session`]) and the async pipes ([`super::pipe`])
//! share: how a client fails, and how it opens its socket.

use std::io;
use std::net::SocketAddr;
use std::os::unix::net::UnixDatagram;
use std::time::Duration;

use super::endpoint::Endpoint;
use super::event::{Call, Proto};
use super::framing::EncodeError;

/// Why an echo client stopped: typed values only; the echo view words them.
#[derive(Debug)]
pub enum ClientError {
    /// The message cannot be carried by the framing.
    Encode(EncodeError),
    /// The socket could not be opened or connected to the server.
    Connect { addr: Endpoint, cause: io::Error },
    /// The address is of another kind than the transport (a path for TCP, an IP for Unix).
    AddressDoesNotFit { addr: Endpoint, proto: Proto },
    /// No whole echo came back within `waited`.
    Timeout {
        waited: Duration,
        received: usize,
        expected: usize,
    },
    /// The server closed the connection before echoing everything.
    Closed { received: u64, expected: u64 },
    /// The operating system's error on a connected socket.
    Io(io::Error),
}

impl From<io::Error> for ClientError {
    fn from(error: io::Error) -> Self {
        ClientError::Io(error)
    }
}

impl From<EncodeError> for ClientError {
    fn from(error: EncodeError) -> Self {
        ClientError::Encode(error)
    }
}

impl ClientError {
    /// Whether the server's answer suggests it frames messages differently: it closed having
    /// echoed nothing or only part.
    pub fn suggests_other_framing(&self) -> bool {
        matches!(self, ClientError::Closed { received, expected } if received < expected)
    }

    /// Whether a Unix socket's file is not there at all.
    pub fn is_missing_file(&self) -> bool {
        matches!(self, ClientError::Connect { addr: Endpoint::Path(_), cause }
            if cause.kind() == io::ErrorKind::NotFound)
    }

    /// Whether nothing listens at the server's address: a refused TCP connect, or for UDP
    /// the ICMP "port unreachable" that a later recv reports.
    pub fn is_refused(&self) -> bool {
        match self {
            ClientError::Connect { cause, .. } | ClientError::Io(cause) => {
                cause.kind() == io::ErrorKind::ConnectionRefused
            }
            _ => false,
        }
    }
}

/// A private temporary directory and a datagram socket bound to a file in it.
pub(super) fn bind_private_dgram() -> io::Result<(UnixDatagram, tempfile::TempDir)> {
    let dir = tempfile::Builder::new().prefix("netlearn-").tempdir()?;
    let socket = UnixDatagram::bind(dir.path().join("client.sock"))?;
    Ok((socket, dir))
}

/// socket(AF_UNIX), the datagram client's own bind, and connect() to the server's file.
pub(super) fn unix_calls(
    peer: &std::path::Path,
    proto: Proto,
    own: Option<std::path::PathBuf>,
) -> Vec<Call> {
    let mut calls = vec![Call::Socket {
        family: "AF_UNIX",
        kind: proto.kind(),
    }];
    if let Some(own) = own {
        calls.push(Call::BindPath { path: own });
    }
    calls.push(Call::ConnectPath {
        path: peer.to_path_buf(),
    });
    calls
}

/// The wildcard address of `peer`'s family, port 0: the system picks the local end.
pub fn any_local_port(peer: SocketAddr) -> SocketAddr {
    match peer {
        SocketAddr::V4(_) => (std::net::Ipv4Addr::UNSPECIFIED, 0).into(),
        SocketAddr::V6(_) => (std::net::Ipv6Addr::UNSPECIFIED, 0).into(),
    }
}
