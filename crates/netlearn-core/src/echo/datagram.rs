//! The one datagram socket of the echo family, UDP or Unix domain ([`DatagramSocket`]), as the
//! datagram echo servers and the echo client use it; and the one receive loop of the servers:
//! receive, decide whether to answer, echo, and sum up what was dropped once per
//! [`DROP_REPORT_EVERY`]. Each socket family brings only its rules on whom to answer, through
//! [`Admission`].

use std::fs::File;
use std::io::{self, IoSliceMut};
use std::mem::MaybeUninit;
use std::net::SocketAddr;
use std::os::fd::AsRawFd;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rustix::net::{RecvAncillaryBuffer, RecvAncillaryMessage, RecvFlags, SocketAddrUnix};
use tokio::io::Interest;
use tokio::net::{UdpSocket, UnixDatagram};
use tokio_util::sync::CancellationToken;

use super::endpoint::Endpoint;
use super::event::{
    Call, DroppedDatagrams, Event, Events, InvalidDatagram, Proto, Summary, Warning,
};
use super::framing::{Framing, LENGTH_PREFIX_LEN};
use super::server::ServerConfig;
use super::shown::{HiddenCount, MESSAGE_LINES_PER_SECOND, MessageGate};

/// Largest UDP payload (65,535 minus the 8-byte UDP header); one more byte detects truncation.
pub const DATAGRAM_BUF: usize = 65_536;

/// How often unanswered datagrams are summed up in one event.
pub const DROP_REPORT_EVERY: Duration = Duration::from_secs(1);

/// Which file this is, whatever names it has: its device and inode numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileId {
    pub dev: u64,
    pub ino: u64,
}

impl FileId {
    pub fn of(meta: &std::fs::Metadata) -> FileId {
        FileId {
            dev: meta.dev(),
            ino: meta.ino(),
        }
    }
}

/// A datagram socket, UDP or Unix domain: what the datagram echo servers receive on and
/// answer from, and what the echo client connects to a server.
#[derive(Debug)]
pub enum DatagramSocket {
    Udp(UdpSocket),
    Unix {
        socket: UnixDatagram,
        /// The file the socket is bound to: an echo server never answers a sender whose
        /// address leads back to it.
        own_file: FileId,
        /// A client's private temporary directory holding that file, removed with the socket.
        private_dir: Option<tempfile::TempDir>,
    },
}

/// The process that sent a Unix datagram, as the kernel vouches for it (SCM_CREDENTIALS).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Credentials {
    pub pid: i32,
    pub uid: u32,
}

/// Where a Unix datagram came from: the name its sender is bound to, and who sent it.
#[derive(Debug)]
pub struct Sender {
    /// None for an unbound sender or an abstract address: there is no file to answer.
    pub path: Option<PathBuf>,
    pub credentials: Option<Credentials>,
}

/// Where a datagram came from, as the socket reports it.
#[derive(Debug)]
pub enum Source {
    Inet(SocketAddr),
    Unix(Sender),
}

/// Where an echo goes: a UDP peer, or a Unix sender's socket file, opened (O_PATH) and
/// checked, so the echo goes through that descriptor and never through the name again.
#[derive(Debug)]
pub enum Dest {
    Inet(SocketAddr),
    Unix { path: PathBuf, file: File },
}

impl Source {
    /// The receive call as `--trace` narrates it.
    fn received(&self, bytes: usize) -> Call {
        match self {
            Source::Inet(peer) => Call::Recvfrom { peer: *peer, bytes },
            Source::Unix(_) => Call::Recv { bytes },
        }
    }
}

impl Dest {
    /// The send call as `--trace` narrates it.
    fn sent(&self, bytes: usize) -> Call {
        match self {
            Dest::Inet(peer) => Call::Sendto { peer: *peer, bytes },
            Dest::Unix { .. } => Call::Send { bytes },
        }
    }

    /// The source a message line names (an IP source; a Unix sender is not named).
    fn message_peer(&self) -> Option<SocketAddr> {
        match self {
            Dest::Inet(peer) => Some(*peer),
            Dest::Unix { .. } => None,
        }
    }

    /// The peer a failed send is reported for.
    fn endpoint(&self) -> Endpoint {
        match self {
            Dest::Inet(peer) => Endpoint::Inet(*peer),
            Dest::Unix { path, .. } => Endpoint::Path(path.clone()),
        }
    }
}

impl DatagramSocket {
    /// The transport, as the server's summary names it.
    pub fn proto(&self) -> Proto {
        match self {
            DatagramSocket::Udp(_) => Proto::Udp,
            DatagramSocket::Unix { .. } => Proto::UnixDgram,
        }
    }

    /// The file a Unix datagram socket is bound to.
    pub fn own_file(&self) -> Option<FileId> {
        match self {
            DatagramSocket::Udp(_) => None,
            DatagramSocket::Unix { own_file, .. } => Some(*own_file),
        }
    }

    /// The local end, as the user would name it.
    pub fn local_endpoint(&self) -> io::Result<Endpoint> {
        match self {
            DatagramSocket::Udp(socket) => Ok(socket.local_addr()?.into()),
            DatagramSocket::Unix { socket, .. } => {
                Ok(Endpoint::from_unix(socket.local_addr()?.as_pathname()))
            }
        }
    }

    /// Receives one datagram and where it came from: for a Unix socket with SO_PASSCRED,
    /// also the kernel's word on who sent it.
    pub async fn recv_from(&self, buf: &mut [u8]) -> io::Result<(usize, Source)> {
        match self {
            DatagramSocket::Udp(socket) => {
                let (len, peer) = socket.recv_from(buf).await?;
                Ok((len, Source::Inet(peer)))
            }
            DatagramSocket::Unix { socket, .. } => {
                let (len, sender) = socket
                    .async_io(Interest::READABLE, || recv_with_credentials(socket, buf))
                    .await?;
                Ok((len, Source::Unix(sender)))
            }
        }
    }

    /// Sends `datagram` to `dest` (a destination of the other family fails as invalid input).
    pub async fn send_to(&self, datagram: &[u8], dest: &Dest) -> io::Result<usize> {
        match (self, dest) {
            (DatagramSocket::Udp(socket), Dest::Inet(peer)) => {
                socket.send_to(datagram, *peer).await
            }
            (DatagramSocket::Unix { socket, .. }, Dest::Unix { file, .. }) => {
                socket.send_to(datagram, descriptor_path(file)).await
            }
            _ => Err(io::ErrorKind::InvalidInput.into()),
        }
    }

    /// Sends on a connected socket (a client's).
    pub async fn send(&self, datagram: &[u8]) -> io::Result<usize> {
        match self {
            DatagramSocket::Udp(socket) => socket.send(datagram).await,
            DatagramSocket::Unix { socket, .. } => socket.send(datagram).await,
        }
    }

    /// Receives on a connected socket (a client's): only the peer's datagrams arrive.
    pub async fn recv(&self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            DatagramSocket::Udp(socket) => socket.recv(buf).await,
            DatagramSocket::Unix { socket, .. } => socket.recv(buf).await,
        }
    }
}

/// The same file as a path the kernel resolves to the descriptor's inode, not by name again.
fn descriptor_path(file: &File) -> PathBuf {
    PathBuf::from(format!("/proc/self/fd/{}", file.as_raw_fd()))
}

/// One recvmsg(): the datagram, its sender's address and the kernel's word on who sent it.
fn recv_with_credentials(socket: &UnixDatagram, buf: &mut [u8]) -> io::Result<(usize, Sender)> {
    let mut space = [MaybeUninit::uninit(); rustix::cmsg_space!(ScmCredentials(1))];
    let mut control = RecvAncillaryBuffer::new(&mut space);
    let mut iov = [IoSliceMut::new(buf)];
    let received = rustix::net::recvmsg(socket, &mut iov, &mut control, RecvFlags::CMSG_CLOEXEC)?;
    let mut credentials = None;
    // Any other control message (descriptors a sender passed) is dropped, and so closed, here.
    for message in control.drain() {
        if let RecvAncillaryMessage::ScmCredentials(cred) = message {
            credentials = Some(Credentials {
                pid: cred.pid.as_raw_nonzero().get(),
                uid: cred.uid.as_raw(),
            });
        }
    }
    let path = received
        .address
        .and_then(|address| SocketAddrUnix::try_from(address).ok())
        .and_then(|address| {
            address
                .path_bytes()
                .map(|bytes| PathBuf::from(std::ffi::OsStr::from_bytes(bytes)))
        });
    Ok((received.bytes, Sender { path, credentials }))
}

/// A socket family's rules on whom a datagram echo server answers.
pub trait Admission {
    /// Where the echo of `datagram` goes, or `None` when it is dropped, counted in `dropped`.
    fn admit(
        &mut self,
        source: Source,
        datagram: &[u8],
        dropped: &mut DroppedDatagrams,
    ) -> Option<Dest>;
}

/// Whether a datagram is one valid message under `framing`; the reason if it is not.
pub fn check_datagram(
    framing: Framing,
    max_frame: usize,
    datagram: &[u8],
) -> Result<(), InvalidDatagram> {
    let len = datagram.len();
    if len > max_frame {
        return Err(InvalidDatagram::OverMaxFrame {
            len,
            max: max_frame,
        });
    }
    match framing {
        Framing::Line | Framing::Raw => Ok(()),
        Framing::Fixed(size) if len > size => Err(InvalidDatagram::LongerThanFixed { len, size }),
        Framing::Fixed(_) => Ok(()),
        Framing::Length => {
            let Some((prefix, payload)) = datagram.split_first_chunk::<LENGTH_PREFIX_LEN>() else {
                return Err(InvalidDatagram::ShortForPrefix { len });
            };
            let declared = u32::from_be_bytes(*prefix) as usize;
            if declared != payload.len() {
                return Err(InvalidDatagram::PrefixDisagrees {
                    declared,
                    carried: payload.len(),
                });
            }
            Ok(())
        }
    }
}

/// Reports what the last interval of `interval_ms` dropped and did not show: the
/// once-a-second summary, and the last one at shutdown.
async fn report_hidden(
    events: &Events,
    dropped: &mut DroppedDatagrams,
    hidden: &mut HiddenCount,
    gate: &MessageGate,
    interval_ms: u64,
) {
    if let Some(report) = dropped.take(interval_ms) {
        events.emit(Event::DatagramsDropped(report)).await;
    }
    hidden.flush(gate);
    let messages = gate.take_hidden();
    if messages > 0 {
        events.emit(Event::MessagesNotShown { messages }).await;
    }
}

/// Echoes datagrams until `shutdown` is cancelled: each one the socket's rules admit goes back
/// whole, the rest are summed up once per [`DROP_REPORT_EVERY`]. A failed receive or send
/// concerns one peer, so it is a warning and the server goes on.
pub async fn serve_datagrams(
    socket: DatagramSocket,
    mut rules: impl Admission,
    config: &ServerConfig,
    events: Events,
    shutdown: CancellationToken,
) -> Summary {
    let started = Instant::now();
    let mut summary = Summary {
        proto: socket.proto(),
        ..Summary::default()
    };
    let mut dropped = DroppedDatagrams {
        rate_limit: config.udp_rate,
        ..DroppedDatagrams::default()
    };
    let mut report_tick =
        tokio::time::interval_at(super::deadline_after(DROP_REPORT_EVERY), DROP_REPORT_EVERY);
    report_tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut last_report = started;
    let gate = MessageGate::new(MESSAGE_LINES_PER_SECOND, config.show_messages);
    let mut hidden = HiddenCount::default();
    let mut buf = vec![0u8; DATAGRAM_BUF];
    let cancelled = shutdown.cancelled();
    tokio::pin!(cancelled);
    loop {
        let received = tokio::select! {
            _ = &mut cancelled => break,
            _ = report_tick.tick() => {
                let now = Instant::now();
                let interval_ms = now.saturating_duration_since(last_report).as_millis() as u64;
                last_report = now;
                report_hidden(&events, &mut dropped, &mut hidden, &gate, interval_ms).await;
                continue;
            }
            received = socket.recv_from(&mut buf) => received,
        };
        let (len, source) = match received {
            Ok(pair) => pair,
            Err(error) => {
                // ICMP port-unreachable from an earlier reply surfaces here on some systems;
                // it concerns one peer, so the server carries on.
                events
                    .emit(Event::Warning(Warning::Recvfrom {
                        error: error.into(),
                    }))
                    .await;
                continue;
            }
        };
        summary.datagrams += 1;
        summary.bytes_in += len as u64;
        let datagram = &buf[..len];
        events.call_data(None, source.received(len), datagram).await;
        let Some(dest) = rules.admit(source, datagram, &mut dropped) else {
            summary.dropped += 1;
            continue;
        };
        if gate.enabled() {
            if gate.admit(Instant::now()) {
                let peer = dest.message_peer();
                events.emit(Event::message(None, peer, datagram)).await;
            } else {
                hidden.add(&gate);
            }
        }
        match socket.send_to(datagram, &dest).await {
            Ok(sent) => {
                summary.bytes_out += sent as u64;
                summary.frames += 1;
                events.call_data(None, dest.sent(sent), datagram).await;
            }
            Err(error) => {
                events
                    .emit(Event::Warning(Warning::Sendto {
                        peer: dest.endpoint(),
                        error: error.into(),
                    }))
                    .await;
            }
        }
    }
    let interval_ms = Instant::now()
        .saturating_duration_since(last_report)
        .as_millis() as u64;
    report_hidden(&events, &mut dropped, &mut hidden, &gate, interval_ms).await;
    summary.uptime_s = started.elapsed().as_secs_f64();
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datagrams_are_checked_against_the_framing() {
        assert!(check_datagram(Framing::Raw, 10, b"hello").is_ok());
        assert!(check_datagram(Framing::Raw, 4, b"hello").is_err());
        assert!(check_datagram(Framing::Fixed(4), 10, b"hello").is_err());
        assert!(check_datagram(Framing::Fixed(8), 10, b"hello").is_ok());
        assert!(check_datagram(Framing::Length, 10, &[0, 0, 0, 2, b'h', b'i']).is_ok());
        assert!(check_datagram(Framing::Length, 10, &[0, 0, 0, 3, b'h', b'i']).is_err());
        assert!(check_datagram(Framing::Length, 10, &[0, 0]).is_err());
    }
}
