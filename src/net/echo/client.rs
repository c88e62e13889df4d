//! The echo client: a blocking request/response session (interactive and `--count`) and an
//! async byte-exact pipe that streams a file through the server.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream, UdpSocket};
use std::os::unix::net::{UnixDatagram, UnixStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use super::conn::Conn;
use super::endpoint::Endpoint;
use super::event::{Call, Events, Proto};
use super::framing::{self, EncodeError, Framing, PrefixStripper};
use super::payload;
use super::server::family_name;
use super::stats::{LatencyStats, new_histogram};

/// Payload bytes per length-prefixed frame when a stream is cut into frames.
pub const PIPE_FRAME: usize = 64 * 1024;
/// Payload bytes per UDP datagram when a stream is cut into datagrams: small enough to
/// cross a real network without IP fragmentation (the size QUIC assumes is always safe).
pub const UDP_CHUNK: usize = 1200;
/// Attempts per datagram before a UDP pipe gives up.
pub const UDP_TRIES: u32 = 3;

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("{0:?}")]
    Encode(EncodeError),
    /// The cause is part of the message, not a chained source, so it is said once.
    #[error("cannot connect to {addr}: {cause}")]
    Connect { addr: Endpoint, cause: io::Error },
    #[error("no echo within {waited:?}: got {received} of {expected} bytes")]
    Timeout {
        waited: Duration,
        received: usize,
        expected: usize,
    },
    #[error("server closed the connection after echoing {received} of {expected} bytes")]
    Closed { received: u64, expected: u64 },
    #[error("echo differs from what was sent")]
    Mismatch,
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl From<EncodeError> for ClientError {
    fn from(error: EncodeError) -> Self {
        ClientError::Encode(error)
    }
}

impl ClientError {
    /// Whether the server's answer suggests it frames messages differently: it closed having
    /// echoed nothing or only part, or echoed something else than what was sent.
    pub fn suggests_other_framing(&self) -> bool {
        match self {
            ClientError::Closed { received, expected } => received < expected,
            ClientError::Mismatch => true,
            _ => false,
        }
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

/// A connected, blocking stream socket: TCP or Unix.
#[derive(Debug)]
pub enum SyncStream {
    Tcp(TcpStream),
    Unix(UnixStream),
}

impl SyncStream {
    fn set_read_timeout(&self, timeout: Option<Duration>) -> io::Result<()> {
        match self {
            SyncStream::Tcp(stream) => stream.set_read_timeout(timeout),
            SyncStream::Unix(stream) => stream.set_read_timeout(timeout),
        }
    }

    fn set_write_timeout(&self, timeout: Option<Duration>) -> io::Result<()> {
        match self {
            SyncStream::Tcp(stream) => stream.set_write_timeout(timeout),
            SyncStream::Unix(stream) => stream.set_write_timeout(timeout),
        }
    }

    fn shutdown(&self, how: std::net::Shutdown) -> io::Result<()> {
        match self {
            SyncStream::Tcp(stream) => stream.shutdown(how),
            SyncStream::Unix(stream) => stream.shutdown(how),
        }
    }

    /// A second handle on the same connection.
    pub fn try_clone(&self) -> io::Result<SyncStream> {
        Ok(match self {
            SyncStream::Tcp(stream) => SyncStream::Tcp(stream.try_clone()?),
            SyncStream::Unix(stream) => SyncStream::Unix(stream.try_clone()?),
        })
    }

    /// The local end, as the user would name it.
    fn local(&self) -> io::Result<Endpoint> {
        match self {
            SyncStream::Tcp(stream) => Ok(stream.local_addr()?.into()),
            SyncStream::Unix(stream) => Ok(Endpoint::from_unix(&stream.local_addr()?)),
        }
    }
}

impl std::os::fd::AsFd for SyncStream {
    fn as_fd(&self) -> std::os::fd::BorrowedFd<'_> {
        match self {
            SyncStream::Tcp(stream) => stream.as_fd(),
            SyncStream::Unix(stream) => stream.as_fd(),
        }
    }
}

impl Read for SyncStream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            SyncStream::Tcp(stream) => stream.read(buf),
            SyncStream::Unix(stream) => stream.read(buf),
        }
    }
}

impl Write for SyncStream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            SyncStream::Tcp(stream) => stream.write(buf),
            SyncStream::Unix(stream) => stream.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

enum Transport {
    Stream(SyncStream),
    Udp(UdpSocket),
    /// A Unix datagram socket must have a file of its own for the server to answer to: it
    /// lives in a private temporary directory, removed with the session.
    UnixDgram {
        socket: UnixDatagram,
        _dir: tempfile::TempDir,
    },
}

impl Transport {
    fn send_datagram(&self, data: &[u8]) -> io::Result<usize> {
        match self {
            Transport::Udp(socket) => socket.send(data),
            Transport::UnixDgram { socket, .. } => socket.send(data),
            Transport::Stream(_) => Err(io::ErrorKind::Unsupported.into()),
        }
    }

    fn recv_datagram(&self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Transport::Udp(socket) => socket.recv(buf),
            Transport::UnixDgram { socket, .. } => socket.recv(buf),
            Transport::Stream(_) => Err(io::ErrorKind::Unsupported.into()),
        }
    }
}

/// A private temporary directory and a datagram socket bound to a file in it.
fn bind_private_dgram() -> io::Result<(UnixDatagram, tempfile::TempDir)> {
    let dir = tempfile::Builder::new().prefix("netlearn-").tempdir()?;
    let socket = UnixDatagram::bind(dir.path().join("client.sock"))?;
    Ok((socket, dir))
}

/// How long the client waits for the server to close after `quit`.
pub const QUIT_WAIT: Duration = Duration::from_secs(1);

/// What the server did after the client sent `quit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuitOutcome {
    /// It closed the connection, as the protocol says.
    Closed,
    /// It sent the quit line back as an ordinary message (it does not end on a quit *line*);
    /// a bare "quit" followed, and `closed` says whether that ended it.
    EchoedQuitLine { closed: bool },
    /// It kept the connection open for [`QUIT_WAIT`].
    StillOpen,
    /// The framing or transport has no quit word: the client just closes.
    NotSpoken,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AfterQuit {
    Closed,
    EchoedBack,
    StillOpen,
}

/// One request/response exchange.
#[derive(Clone, Debug)]
pub struct Exchange {
    /// The message that came back, without its framing.
    pub echoed: Vec<u8>,
    pub rtt: Duration,
    /// Whether the echo was byte-for-byte what was sent.
    pub matches: bool,
}

/// A blocking client session, as in the article's client (every call has a timeout).
pub struct Session {
    transport: Transport,
    framing: Framing,
    timeout: Duration,
    peer: Endpoint,
    calls: Vec<Call>,
}

impl Session {
    pub fn connect(
        peer: Endpoint,
        proto: Proto,
        framing: Framing,
        timeout: Duration,
    ) -> Result<Session, ClientError> {
        let connect_error = |cause| ClientError::Connect {
            addr: peer.clone(),
            cause,
        };
        let (transport, mut calls) = match (&peer, proto) {
            (Endpoint::Inet(addr), Proto::Tcp) => {
                let stream = TcpStream::connect_timeout(addr, timeout).map_err(connect_error)?;
                stream.set_nodelay(true)?;
                let calls = inet_calls(*addr, proto);
                (Transport::Stream(SyncStream::Tcp(stream)), calls)
            }
            (Endpoint::Inet(addr), Proto::Udp) => {
                let socket = UdpSocket::bind(any_local_port(*addr)).map_err(connect_error)?;
                // A connected UDP socket only accepts datagrams from the server.
                socket.connect(addr).map_err(connect_error)?;
                (Transport::Udp(socket), inet_calls(*addr, proto))
            }
            (Endpoint::Path(path), Proto::Unix) => {
                let stream = UnixStream::connect(path).map_err(connect_error)?;
                let calls = unix_calls(path, proto, None);
                (Transport::Stream(SyncStream::Unix(stream)), calls)
            }
            (Endpoint::Path(path), Proto::UnixDgram) => {
                let (socket, dir) = bind_private_dgram().map_err(connect_error)?;
                socket.connect(path).map_err(connect_error)?;
                let own = dir.path().join("client.sock");
                let calls = unix_calls(path, proto, Some(own));
                (Transport::UnixDgram { socket, _dir: dir }, calls)
            }
            _ => {
                return Err(connect_error(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "this address does not fit the transport",
                )));
            }
        };
        match &transport {
            Transport::Stream(stream) => {
                stream.set_read_timeout(Some(timeout))?;
                stream.set_write_timeout(Some(timeout))?;
            }
            Transport::Udp(socket) => socket.set_read_timeout(Some(timeout))?,
            Transport::UnixDgram { socket, .. } => socket.set_read_timeout(Some(timeout))?,
        }
        calls.shrink_to_fit();
        Ok(Session {
            transport,
            framing,
            timeout,
            peer,
            calls,
        })
    }

    pub fn peer(&self) -> &Endpoint {
        &self.peer
    }

    pub fn local_addr(&self) -> io::Result<Endpoint> {
        match &self.transport {
            Transport::Stream(stream) => stream.local(),
            Transport::Udp(socket) => Ok(socket.local_addr()?.into()),
            Transport::UnixDgram { socket, .. } => Ok(Endpoint::from_unix(&socket.local_addr()?)),
        }
    }

    /// The socket calls made since the last call to this method (for `--trace`).
    pub fn take_calls(&mut self) -> Vec<Call> {
        std::mem::take(&mut self.calls)
    }

    /// Sends one message and waits for its echo.
    pub fn exchange(&mut self, message: &[u8]) -> Result<Exchange, ClientError> {
        let wire = framing::encode(self.framing, message)?;
        let started = Instant::now();
        let reply = match &mut self.transport {
            Transport::Stream(stream) => {
                stream.write_all(&wire)?;
                self.calls.push(Call::Send { bytes: wire.len() });
                let mut reply = vec![0u8; wire.len()];
                let mut received = 0;
                while received < wire.len() {
                    match stream.read(&mut reply[received..]) {
                        Ok(0) => {
                            self.calls.push(Call::Recv { bytes: 0 });
                            return Err(ClientError::Closed {
                                received: received as u64,
                                expected: wire.len() as u64,
                            });
                        }
                        Ok(n) => {
                            self.calls.push(Call::Recv { bytes: n });
                            received += n;
                        }
                        Err(error) if is_timeout(&error) => {
                            return Err(ClientError::Timeout {
                                waited: self.timeout,
                                received,
                                expected: wire.len(),
                            });
                        }
                        Err(error) => return Err(error.into()),
                    }
                }
                reply
            }
            transport @ (Transport::Udp(_) | Transport::UnixDgram { .. }) => {
                transport.send_datagram(&wire)?;
                self.calls.push(Call::Send { bytes: wire.len() });
                let mut reply = vec![0u8; 65_536];
                let n = match transport.recv_datagram(&mut reply) {
                    Ok(n) => n,
                    Err(error) if is_timeout(&error) => {
                        return Err(ClientError::Timeout {
                            waited: self.timeout,
                            received: 0,
                            expected: wire.len(),
                        });
                    }
                    Err(error) => return Err(error.into()),
                };
                self.calls.push(Call::Recv { bytes: n });
                reply.truncate(n);
                reply
            }
        };
        let rtt = started.elapsed();
        Ok(Exchange {
            echoed: framing::decode(self.framing, &reply).to_vec(),
            rtt,
            matches: reply == wire,
        })
    }

    /// Sends the article's `quit` (a line in line framing, the bare word in raw framing, as the
    /// article's client does) and waits, at most [`QUIT_WAIT`], for the server to close.
    ///
    /// A server that sends the quit line back treats it as an ordinary message: the article's
    /// server compares each recv() with the bare word, without the newline line framing adds.
    /// The bare word then follows, as the article's client sends it, so such a server still
    /// ends its side instead of being left to spin on an open connection.
    pub fn quit(&mut self) -> Result<QuitOutcome, ClientError> {
        let word = match self.framing {
            Framing::Line => framing::encode(self.framing, framing::QUIT_LINE)?,
            Framing::Raw => framing::QUIT_LINE.to_vec(),
            Framing::Length | Framing::Fixed(_) => return Ok(QuitOutcome::NotSpoken),
        };
        let Transport::Stream(stream) = &mut self.transport else {
            return Ok(QuitOutcome::NotSpoken);
        };
        stream.set_read_timeout(Some(self.timeout.min(QUIT_WAIT)))?;
        stream.write_all(&word)?;
        self.calls.push(Call::Send { bytes: word.len() });
        match self.await_close(&word)? {
            AfterQuit::Closed => Ok(QuitOutcome::Closed),
            AfterQuit::EchoedBack if self.framing == Framing::Line => {
                let Transport::Stream(stream) = &mut self.transport else {
                    return Ok(QuitOutcome::NotSpoken);
                };
                stream.write_all(framing::QUIT_LINE)?;
                self.calls.push(Call::Send {
                    bytes: framing::QUIT_LINE.len(),
                });
                let closed = self.await_close(framing::QUIT_LINE)? == AfterQuit::Closed;
                Ok(QuitOutcome::EchoedQuitLine { closed })
            }
            AfterQuit::EchoedBack | AfterQuit::StillOpen => Ok(QuitOutcome::StillOpen),
        }
    }

    /// Reads until the server closes, sends `word` back, or [`QUIT_WAIT`] passes.
    fn await_close(&mut self, word: &[u8]) -> Result<AfterQuit, ClientError> {
        let Transport::Stream(stream) = &mut self.transport else {
            return Ok(AfterQuit::StillOpen);
        };
        let started = Instant::now();
        let mut seen = Vec::with_capacity(word.len());
        let mut scratch = [0u8; 512];
        // Bounded by time: a server that keeps sending cannot hold the client here.
        while started.elapsed() < QUIT_WAIT {
            match stream.read(&mut scratch) {
                Ok(0) => {
                    self.calls.push(Call::Recv { bytes: 0 });
                    return Ok(AfterQuit::Closed);
                }
                Ok(n) => {
                    self.calls.push(Call::Recv { bytes: n });
                    let room = (word.len() + 1).saturating_sub(seen.len());
                    seen.extend_from_slice(&scratch[..n.min(room)]);
                    if seen == word {
                        return Ok(AfterQuit::EchoedBack);
                    }
                }
                Err(error) if is_timeout(&error) => return Ok(AfterQuit::StillOpen),
                Err(error) if error.kind() == io::ErrorKind::ConnectionReset => {
                    return Ok(AfterQuit::Closed);
                }
                Err(error) => return Err(error.into()),
            }
        }
        Ok(AfterQuit::StillOpen)
    }

    /// A second handle on the stream connection, to notice the server closing while the
    /// client waits for its user (None for datagrams, which have no connection to close).
    pub fn connection_handle(&self) -> Option<SyncStream> {
        match &self.transport {
            Transport::Stream(stream) => stream.try_clone().ok(),
            Transport::Udp(_) | Transport::UnixDgram { .. } => None,
        }
    }

    /// Half-closes (a stream), then closes.
    pub fn close(mut self) -> Vec<Call> {
        if let Transport::Stream(stream) = &self.transport {
            let _ = stream.shutdown(std::net::Shutdown::Write);
            self.calls.push(Call::Shutdown { how: "SHUT_WR" });
        }
        self.calls.push(Call::Close);
        std::mem::take(&mut self.calls)
    }
}

/// socket() and connect() to an IP address, for `--trace`.
fn inet_calls(peer: SocketAddr, proto: Proto) -> Vec<Call> {
    vec![
        Call::Socket {
            family: family_name(peer),
            kind: proto.kind(),
        },
        Call::Connect { addr: peer },
    ]
}

/// socket(AF_UNIX), the datagram client's own bind, and connect() to the server's file.
fn unix_calls(peer: &std::path::Path, proto: Proto, own: Option<std::path::PathBuf>) -> Vec<Call> {
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
pub(crate) fn any_local_port(peer: SocketAddr) -> SocketAddr {
    match peer {
        SocketAddr::V4(_) => (std::net::Ipv4Addr::UNSPECIFIED, 0).into(),
        SocketAddr::V6(_) => (std::net::Ipv6Addr::UNSPECIFIED, 0).into(),
    }
}

fn is_timeout(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

/// What a pipe moved.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct PipeStats {
    /// Input bytes read and sent (without framing).
    pub bytes_sent: u64,
    /// Echoed bytes written to the output (without framing).
    pub bytes_echoed: u64,
    /// Messages (frames or datagrams) sent.
    pub messages: u64,
}

/// Streams `input` through a stream echo server (TCP or Unix) to `output`, byte-exact.
/// Sending and receiving run at once, so a file larger than the socket buffers cannot
/// deadlock. At the end of the input the client half-closes and keeps reading until the
/// server has echoed everything.
pub async fn pipe_stream<R, W>(
    peer: &Endpoint,
    framing: Framing,
    mut input: R,
    mut output: W,
    timeout: Duration,
    events: Events,
) -> Result<PipeStats, ClientError>
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let connect_error = |cause| ClientError::Connect {
        addr: peer.clone(),
        cause,
    };
    let (socket_call, connect_call) = match peer {
        Endpoint::Inet(addr) => (
            Call::Socket {
                family: family_name(*addr),
                kind: "SOCK_STREAM",
            },
            Call::Connect { addr: *addr },
        ),
        other => (
            Call::Socket {
                family: "AF_UNIX",
                kind: "SOCK_STREAM",
            },
            Call::ConnectPath {
                path: match other {
                    Endpoint::Path(path) => path.clone(),
                    _ => std::path::PathBuf::new(),
                },
            },
        ),
    };
    events.call(None, socket_call).await;
    let stream = Conn::connect(peer, timeout).await.map_err(connect_error)?;
    events.call(None, connect_call).await;
    let (mut from_server, mut to_server) = stream.into_split();
    let wire_sent = Arc::new(AtomicU64::new(0));

    // Where the quit line starts on the wire: the server ends the connection there, having
    // echoed everything before it, and nothing after it is sent.
    let quit_at = Arc::new(AtomicU64::new(u64::MAX));

    let (done_tx, done_rx) = tokio::sync::watch::channel(false);
    let sender = {
        let wire_sent = Arc::clone(&wire_sent);
        let quit_at = Arc::clone(&quit_at);
        let events = events.clone();
        let send_all = async move {
            let mut stats = PipeStats::default();
            let mut quit = (framing == Framing::Line).then(QuitScan::default);
            let chunk_size = match framing {
                Framing::Length => PIPE_FRAME,
                _ => 64 * 1024,
            };
            let mut chunk = vec![0u8; chunk_size];
            loop {
                let mut n = input.read(&mut chunk).await?;
                if n == 0 {
                    if let Some(start) = quit.as_ref().and_then(QuitScan::unfinished_quit) {
                        quit_at.store(start, Ordering::Relaxed);
                    }
                    break;
                }
                let quit_line = quit.as_mut().and_then(|scan| scan.feed(&chunk[..n]));
                if let Some((end, start)) = quit_line {
                    n = end;
                    quit_at.store(start, Ordering::Relaxed);
                }
                let wire = match framing {
                    Framing::Length => framing::encode(framing, &chunk[..n])?,
                    _ => chunk[..n].to_vec(),
                };
                // Count before writing so the receiver's timeout knows an echo is owed.
                wire_sent.fetch_add(wire.len() as u64, Ordering::Relaxed);
                match to_server.write_all(&wire).await {
                    Ok(()) => {}
                    // The server closed (quit line, frame too long): the receiver reports it.
                    Err(error) if is_disconnect(&error) => return Ok(stats),
                    Err(error) => return Err(error.into()),
                }
                events.call(None, Call::Send { bytes: wire.len() }).await;
                stats.bytes_sent += n as u64;
                stats.messages += 1;
                if quit_line.is_some() {
                    break;
                }
            }
            events.call(None, Call::Shutdown { how: "SHUT_WR" }).await;
            match to_server.shutdown().await {
                Ok(()) => Ok(stats),
                Err(error) if is_disconnect(&error) => Ok(stats),
                Err(error) => Err(ClientError::from(error)),
            }
        };
        async move {
            let sent = send_all.await;
            let _ = done_tx.send(true);
            sent
        }
    };

    let receiver = {
        let wire_sent = Arc::clone(&wire_sent);
        let events = events.clone();
        let mut done_rx = done_rx;
        async move {
            let mut wire_received = 0u64;
            let mut echoed = 0u64;
            let mut buf = vec![0u8; 64 * 1024];
            let mut stripper = PrefixStripper::default();
            let mut payload = Vec::new();
            loop {
                // Done when everything sent has come back, even if the server keeps its side
                // open after our half-close (not every echo server closes on EOF).
                let sender_done = *done_rx.borrow();
                if sender_done && wire_received >= wire_sent.load(Ordering::Relaxed) {
                    break;
                }
                let read = tokio::select! {
                    read = tokio::time::timeout(timeout, from_server.read(&mut buf)) => read,
                    _ = done_rx.changed(), if !sender_done => continue,
                };
                let n = match read {
                    Ok(read) => read?,
                    Err(_) => {
                        let owed = wire_sent
                            .load(Ordering::Relaxed)
                            .saturating_sub(wire_received);
                        if owed == 0 {
                            // Nothing owed: the input is just slow (a person typing).
                            continue;
                        }
                        return Err(ClientError::Timeout {
                            waited: timeout,
                            received: wire_received as usize,
                            expected: wire_sent.load(Ordering::Relaxed) as usize,
                        });
                    }
                };
                events.call(None, Call::Recv { bytes: n }).await;
                if n == 0 {
                    break;
                }
                wire_received += n as u64;
                let bytes = match framing {
                    Framing::Length => {
                        payload.clear();
                        stripper.feed(&buf[..n], &mut payload);
                        &payload[..]
                    }
                    _ => &buf[..n],
                };
                output.write_all(bytes).await?;
                echoed += bytes.len() as u64;
            }
            output.flush().await?;
            Ok::<_, ClientError>((wire_received, echoed))
        }
    };

    let (sent, (wire_received, echoed)) = tokio::try_join!(sender, receiver)?;
    events.call(None, Call::Close).await;
    let wire_total = wire_sent.load(Ordering::Relaxed);
    // After the quit line the server closing is the normal end, not a short echo.
    let quit_at = quit_at.load(Ordering::Relaxed);
    if wire_received < wire_total && wire_received < quit_at {
        return Err(ClientError::Closed {
            received: wire_received,
            expected: wire_total,
        });
    }
    Ok(PipeStats {
        bytes_echoed: echoed,
        ..sent
    })
}

/// Finds the quit line in line-framed input as it streams past, chunk by chunk, as the
/// server's deframer sees it: a line that is `quit` (a CR before the newline allowed), or
/// `quit` alone at the end of the input.
#[derive(Debug, Default)]
struct QuitScan {
    /// Bytes fed so far.
    offset: u64,
    /// Where the current line started.
    line_start: u64,
    /// The current line's first bytes, kept only while it could still be the quit line.
    head: Vec<u8>,
    /// The current line is already too long (or different) to be the quit line.
    ruled_out: bool,
}

impl QuitScan {
    /// Feeds the next chunk; when the quit line ends in it, returns how much of the chunk to
    /// send (through the quit line's newline) and where the quit line starts in the stream.
    fn feed(&mut self, chunk: &[u8]) -> Option<(usize, u64)> {
        let mut from = 0;
        for newline in memchr::memchr_iter(b'\n', chunk) {
            self.take(&chunk[from..newline]);
            let is_quit = self.is_quit();
            let start = self.line_start;
            from = newline + 1;
            self.line_start = self.offset + from as u64;
            self.head.clear();
            self.ruled_out = false;
            if is_quit {
                self.offset += from as u64;
                return Some((from, start));
            }
        }
        self.take(&chunk[from..]);
        self.offset += chunk.len() as u64;
        None
    }

    /// At the end of the input: where a last, unfinished line starts if it is `quit`.
    fn unfinished_quit(&self) -> Option<u64> {
        (self.offset > self.line_start && self.is_quit()).then_some(self.line_start)
    }

    fn take(&mut self, part: &[u8]) {
        if self.ruled_out {
            return;
        }
        if self.head.len() + part.len() > framing::QUIT_LINE.len() + 1 {
            self.ruled_out = true;
            self.head.clear();
        } else {
            self.head.extend_from_slice(part);
        }
    }

    fn is_quit(&self) -> bool {
        !self.ruled_out && self.head.strip_suffix(b"\r").unwrap_or(&self.head) == framing::QUIT_LINE
    }
}

fn is_disconnect(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::BrokenPipe | io::ErrorKind::ConnectionReset | io::ErrorKind::NotConnected
    )
}

/// Cuts a stream into UDP datagram payloads: one per line in line framing, N bytes in fixed
/// framing, [`UDP_CHUNK`] bytes otherwise.
pub fn datagram_payloads(framing: Framing, data: &[u8]) -> Vec<&[u8]> {
    match framing {
        Framing::Fixed(size) => data.chunks(size).collect(),
        Framing::Line => data
            .split_inclusive(|&byte| byte == b'\n')
            .flat_map(|line| line.chunks(UDP_CHUNK))
            .collect(),
        Framing::Length | Framing::Raw => data.chunks(UDP_CHUNK).collect(),
    }
}

/// A datagram socket connected to an echo server: UDP, or a Unix datagram socket bound to a
/// file in a private temporary directory (removed with it) so the server can answer.
enum DgramSocket {
    Udp(tokio::net::UdpSocket, SocketAddr),
    Unix {
        socket: tokio::net::UnixDatagram,
        _dir: tempfile::TempDir,
    },
}

impl DgramSocket {
    async fn send(&self, data: &[u8]) -> io::Result<usize> {
        match self {
            DgramSocket::Udp(socket, _) => socket.send(data).await,
            DgramSocket::Unix { socket, .. } => socket.send(data).await,
        }
    }

    async fn recv(&self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            DgramSocket::Udp(socket, _) => socket.recv(buf).await,
            DgramSocket::Unix { socket, .. } => socket.recv(buf).await,
        }
    }

    fn send_call(&self, bytes: usize) -> Call {
        match self {
            DgramSocket::Udp(_, peer) => Call::Sendto { peer: *peer, bytes },
            DgramSocket::Unix { .. } => Call::Send { bytes },
        }
    }

    fn recv_call(&self, bytes: usize) -> Call {
        match self {
            DgramSocket::Udp(_, peer) => Call::Recvfrom { peer: *peer, bytes },
            DgramSocket::Unix { .. } => Call::Recv { bytes },
        }
    }
}

/// Streams `input` through a UDP echo server to `output`: one datagram at a time, each
/// retried up to [`UDP_TRIES`] times, so order and content survive a lossy path.
pub async fn pipe_udp<R, W>(
    peer: SocketAddr,
    framing: Framing,
    input: R,
    output: W,
    timeout: Duration,
    events: Events,
) -> Result<PipeStats, ClientError>
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let connect_error = |cause| ClientError::Connect {
        addr: peer.into(),
        cause,
    };
    let socket = tokio::net::UdpSocket::bind(any_local_port(peer))
        .await
        .map_err(connect_error)?;
    socket.connect(peer).await.map_err(connect_error)?;
    events
        .call(
            None,
            Call::Socket {
                family: family_name(peer),
                kind: "SOCK_DGRAM",
            },
        )
        .await;
    events.call(None, Call::Connect { addr: peer }).await;
    let socket = DgramSocket::Udp(socket, peer);
    pipe_datagrams(&socket, framing, input, output, timeout, &events).await
}

/// Streams `input` through a Unix datagram echo server at `peer` (a socket file) to `output`,
/// as [`pipe_udp`] does.
pub async fn pipe_unix_dgram<R, W>(
    peer: &Endpoint,
    framing: Framing,
    input: R,
    output: W,
    timeout: Duration,
    events: Events,
) -> Result<PipeStats, ClientError>
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let connect_error = |cause| ClientError::Connect {
        addr: peer.clone(),
        cause,
    };
    let Endpoint::Path(path) = peer else {
        return Err(connect_error(io::ErrorKind::InvalidInput.into()));
    };
    let (socket, dir) = bind_private_dgram().map_err(connect_error)?;
    socket.connect(path).map_err(connect_error)?;
    socket.set_nonblocking(true).map_err(connect_error)?;
    let socket = tokio::net::UnixDatagram::from_std(socket).map_err(connect_error)?;
    for call in unix_calls(path, Proto::UnixDgram, Some(dir.path().join("client.sock"))) {
        events.call(None, call).await;
    }
    let socket = DgramSocket::Unix { socket, _dir: dir };
    pipe_datagrams(&socket, framing, input, output, timeout, &events).await
}

/// The datagram pipe's loop, shared by UDP and Unix datagram sockets.
async fn pipe_datagrams<R, W>(
    socket: &DgramSocket,
    framing: Framing,
    mut input: R,
    mut output: W,
    timeout: Duration,
    events: &Events,
) -> Result<PipeStats, ClientError>
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut exchange = DatagramExchange {
        socket,
        framing,
        timeout,
        events,
        reply: vec![0u8; 65_536],
        stats: PipeStats::default(),
    };
    // Read the input a chunk at a time and send what forms whole datagrams, so memory stays
    // bounded whatever the input size.
    let mut pending: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = input.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        pending.extend_from_slice(&chunk[..n]);
        let ready = ready_for_datagrams(framing, &pending);
        for payload in datagram_payloads(framing, &pending[..ready]) {
            exchange.echo(payload, &mut output).await?;
        }
        pending.drain(..ready);
    }
    for payload in datagram_payloads(framing, &pending) {
        exchange.echo(payload, &mut output).await?;
    }
    output.flush().await?;
    events.call(None, Call::Close).await;
    Ok(exchange.stats)
}

/// How much of `pending` can be cut into datagrams now without splitting a line or a fixed
/// frame that may still grow (a line longer than [`UDP_CHUNK`] goes out in chunks anyway).
fn ready_for_datagrams(framing: Framing, pending: &[u8]) -> usize {
    let whole = |size: usize| pending.len() / size * size;
    match framing {
        Framing::Line => match memchr::memrchr(b'\n', pending) {
            Some(newline) => newline + 1,
            None => whole(UDP_CHUNK),
        },
        Framing::Fixed(size) => whole(size),
        Framing::Length | Framing::Raw => whole(UDP_CHUNK),
    }
}

/// One UDP datagram at a time, sent, retried and checked.
struct DatagramExchange<'a> {
    socket: &'a DgramSocket,
    framing: Framing,
    timeout: Duration,
    events: &'a Events,
    reply: Vec<u8>,
    stats: PipeStats,
}

impl DatagramExchange<'_> {
    async fn echo<W: AsyncWrite + Unpin>(
        &mut self,
        payload: &[u8],
        output: &mut W,
    ) -> Result<(), ClientError> {
        let wire = match self.framing {
            Framing::Length => framing::encode(self.framing, payload)?,
            _ => payload.to_vec(),
        };
        let per_try = self.timeout / UDP_TRIES;
        let mut echoed = false;
        for _ in 0..UDP_TRIES {
            self.socket.send(&wire).await?;
            self.events
                .call(None, self.socket.send_call(wire.len()))
                .await;
            let deadline = super::deadline_after(per_try);
            // Replies to an earlier retry may still arrive: skip anything that is not ours.
            while let Ok(received) =
                tokio::time::timeout_at(deadline, self.socket.recv(&mut self.reply)).await
            {
                let n = received?;
                self.events.call(None, self.socket.recv_call(n)).await;
                if self.reply[..n] == wire[..] {
                    echoed = true;
                    break;
                }
            }
            if echoed {
                break;
            }
        }
        if !echoed {
            return Err(ClientError::Timeout {
                waited: self.timeout,
                received: 0,
                expected: wire.len(),
            });
        }
        output.write_all(payload).await?;
        self.stats.bytes_sent += payload.len() as u64;
        self.stats.bytes_echoed += payload.len() as u64;
        self.stats.messages += 1;
        Ok(())
    }
}

/// Outcome of sending generated messages (`--count`).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct CountResult {
    pub peer: Endpoint,
    pub proto: Proto,
    pub framing: Framing,
    pub size: usize,
    pub sent: u64,
    pub echoed: u64,
    pub mismatches: u64,
    pub latency: Option<LatencyStats>,
    /// Why the run stopped early, if it did.
    pub error: Option<String>,
}

impl CountResult {
    pub fn clean(&self) -> bool {
        self.error.is_none() && self.mismatches == 0 && self.echoed == self.sent
    }
}

/// Sends `count` generated messages of `size` payload bytes one after another, verifying
/// each echo; stops at the first failure and says why, in the words `describe` gives it.
pub fn send_generated(
    session: &mut Session,
    proto: Proto,
    count: u64,
    size: usize,
    describe: impl Fn(&ClientError) -> String,
) -> CountResult {
    let mut histogram = new_histogram();
    let mut result = CountResult {
        peer: session.peer().clone(),
        proto,
        framing: session.framing,
        size,
        sent: 0,
        echoed: 0,
        mismatches: 0,
        latency: None,
        error: None,
    };
    for seq in 0..count {
        let message = payload::pattern(size, seq);
        result.sent += 1;
        match session.exchange(&message) {
            Ok(exchange) => {
                result.echoed += 1;
                if !exchange.matches {
                    result.mismatches += 1;
                }
                if let Some(histogram) = histogram.as_mut() {
                    histogram.saturating_record((exchange.rtt.as_nanos() as u64).max(1));
                }
            }
            Err(error) => {
                result.error = Some(describe(&error));
                break;
            }
        }
    }
    result.latency = histogram.as_ref().and_then(LatencyStats::from_histogram);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quit_line_is_found_across_chunks_and_not_inside_other_lines() {
        let mut scan = QuitScan::default();
        assert_eq!(scan.feed(b"hello\nqu"), None);
        assert_eq!(scan.feed(b"it\r\nafter\n"), Some((4, 6)));
        let mut scan = QuitScan::default();
        assert_eq!(scan.feed(b"quits\nnot quit\nquit"), None);
        assert_eq!(scan.unfinished_quit(), Some(15));
        let mut scan = QuitScan::default();
        assert_eq!(scan.feed(b"quit\n"), Some((5, 0)));
        let mut scan = QuitScan::default();
        assert_eq!(scan.feed(b"a\n"), None);
        assert_eq!(scan.unfinished_quit(), None);
    }

    #[test]
    fn streaming_cut_points_never_split_a_line_or_frame() {
        assert_eq!(ready_for_datagrams(Framing::Line, b"a\nb\npart"), 4);
        assert_eq!(ready_for_datagrams(Framing::Line, b"no newline yet"), 0);
        assert_eq!(ready_for_datagrams(Framing::Fixed(4), b"abcdefghij"), 8);
        assert_eq!(
            ready_for_datagrams(Framing::Raw, &[0u8; UDP_CHUNK * 2 + 5]),
            UDP_CHUNK * 2
        );
    }

    #[test]
    fn datagram_payloads_cover_the_input_exactly() {
        let data = b"one\ntwo\n\nthree";
        for framing in [
            Framing::Line,
            Framing::Raw,
            Framing::Length,
            Framing::Fixed(3),
        ] {
            let parts = datagram_payloads(framing, data);
            assert_eq!(parts.concat(), data, "{framing}");
        }
        assert_eq!(
            datagram_payloads(Framing::Line, data),
            vec![&b"one\n"[..], b"two\n", b"\n", b"three"]
        );
    }
}
