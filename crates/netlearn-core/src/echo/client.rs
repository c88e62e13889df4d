//! The echo client's socket: how it is opened (the same for the request/response session,
//! [`super::session`], and the byte-exact pipes, [`super::pipe`]) and how a client fails.

use std::io;
use std::net::SocketAddr;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::conn::Conn;
use super::datagram::{DatagramSocket, FileId};
use super::endpoint::Endpoint;
use super::event::{Call, Proto};
use super::framing::EncodeError;
use super::server::family_name;

/// Why an echo client stopped: typed values only; the echo view words them.
#[derive(Debug)]
pub enum ClientError {
    /// The message cannot be carried by the framing.
    Encode(EncodeError),
    /// The socket could not be opened or connected to the server.
    Connect { addr: Endpoint, cause: io::Error },
    /// The Unix socket's path is there but is no socket at all: nothing can listen on it.
    NotASocket { path: PathBuf, kind: FileKind },
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

/// What a path that is not a socket is instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    RegularFile,
    Fifo,
    Directory,
    /// A device or anything else.
    Other,
}

impl FileKind {
    /// What is at `path` (a link followed, as connect() follows it), when it is not a socket.
    pub fn of_non_socket(path: &Path) -> Option<FileKind> {
        let kind = std::fs::metadata(path).ok()?.file_type();
        if kind.is_socket() {
            None
        } else if kind.is_file() {
            Some(FileKind::RegularFile)
        } else if kind.is_fifo() {
            Some(FileKind::Fifo)
        } else if kind.is_dir() {
            Some(FileKind::Directory)
        } else {
            Some(FileKind::Other)
        }
    }
}

impl ClientError {
    /// The socket to `addr` could not be opened or connected. A Unix connect that is refused
    /// by a path that is not a socket at all (a regular file, a FIFO, a directory) says so:
    /// the kernel answers those exactly as it answers a socket nobody listens on.
    pub fn connect(addr: Endpoint, cause: io::Error) -> ClientError {
        if cause.kind() == io::ErrorKind::ConnectionRefused
            && let Endpoint::Path(path) = &addr
            && let Some(kind) = FileKind::of_non_socket(path)
        {
            return ClientError::NotASocket {
                path: path.clone(),
                kind,
            };
        }
        ClientError::Connect { addr, cause }
    }

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

/// A client's socket connected to an echo server.
#[derive(Debug)]
pub enum ClientSocket {
    /// TCP or a Unix stream socket.
    Stream(Conn),
    /// UDP or a Unix datagram socket.
    Datagram(DatagramSocket),
}

/// Opens `proto`'s socket to `peer` (a stream connect waits at most `timeout`) and pushes
/// the socket calls it made onto `calls`, for `--trace`: a stream's socket() before it
/// connects, so a connect that fails still follows its socket(); a datagram socket's calls
/// once it is ready.
pub async fn connect(
    peer: &Endpoint,
    proto: Proto,
    timeout: Duration,
    calls: &mut Vec<Call>,
) -> Result<ClientSocket, ClientError> {
    let connect_error = |cause| ClientError::connect(peer.clone(), cause);
    match (peer, proto) {
        (Endpoint::Inet(addr), Proto::Tcp) => {
            calls.push(Call::Socket {
                family: family_name(*addr),
                kind: proto.kind(),
            });
            let stream = Conn::connect(peer, timeout).await.map_err(connect_error)?;
            calls.push(Call::Connect { addr: *addr });
            Ok(ClientSocket::Stream(stream))
        }
        (Endpoint::Path(path), Proto::Unix) => {
            calls.push(Call::Socket {
                family: "AF_UNIX",
                kind: proto.kind(),
            });
            let stream = Conn::connect(peer, timeout).await.map_err(connect_error)?;
            calls.push(Call::ConnectPath { path: path.clone() });
            Ok(ClientSocket::Stream(stream))
        }
        (Endpoint::Inet(addr), Proto::Udp) => {
            let socket = connect_udp(*addr).await.map_err(connect_error)?;
            calls.push(Call::Socket {
                family: family_name(*addr),
                kind: proto.kind(),
            });
            calls.push(Call::Connect { addr: *addr });
            Ok(ClientSocket::Datagram(socket))
        }
        (Endpoint::Path(path), Proto::UnixDgram) => {
            let (socket, own) = connect_unix_dgram(path).map_err(connect_error)?;
            calls.extend([
                Call::Socket {
                    family: "AF_UNIX",
                    kind: proto.kind(),
                },
                Call::BindPath { path: own },
                Call::ConnectPath { path: path.clone() },
            ]);
            Ok(ClientSocket::Datagram(socket))
        }
        _ => Err(ClientError::AddressDoesNotFit {
            addr: peer.clone(),
            proto,
        }),
    }
}

/// A Unix datagram socket bound to a file in a private temporary directory (removed with
/// it), so the server can answer, and connected to the server's file at `peer`; and the path
/// of its own file. Must be called inside a tokio runtime.
fn connect_unix_dgram(peer: &Path) -> io::Result<(DatagramSocket, PathBuf)> {
    let dir = tempfile::Builder::new().prefix("netlearn-").tempdir()?;
    let own = dir.path().join("client.sock");
    let socket = std::os::unix::net::UnixDatagram::bind(&own)?;
    let own_file = FileId::of(&std::fs::symlink_metadata(&own)?);
    socket.connect(peer)?;
    socket.set_nonblocking(true)?;
    let socket = DatagramSocket::Unix {
        socket: tokio::net::UnixDatagram::from_std(socket)?,
        own_file,
        private_dir: Some(dir),
    };
    Ok((socket, own))
}

/// A UDP socket on a port the system picks, connected to `peer`: it only accepts datagrams
/// from the server.
async fn connect_udp(peer: SocketAddr) -> io::Result<DatagramSocket> {
    let socket = tokio::net::UdpSocket::bind(any_local_port(peer)).await?;
    socket.connect(peer).await?;
    Ok(DatagramSocket::Udp(socket))
}

/// The wildcard address of `peer`'s family, port 0: the system picks the local end.
pub fn any_local_port(peer: SocketAddr) -> SocketAddr {
    match peer {
        SocketAddr::V4(_) => (std::net::Ipv4Addr::UNSPECIFIED, 0).into(),
        SocketAddr::V6(_) => (std::net::Ipv6Addr::UNSPECIFIED, 0).into(),
    }
}
