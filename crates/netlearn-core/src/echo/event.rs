//! What the echo server and client report as they run: connection log lines and `--trace`
//! socket calls, each paired with the Python line that does the same thing.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use serde::Serialize;

use super::endpoint::Endpoint;
use super::framing::{Framing, Stop, Tail};
use crate::cause::IoCause;
use crate::drops::DropCount;

/// Transport of an echo endpoint.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Proto {
    #[default]
    Tcp,
    Udp,
    /// A Unix domain stream socket (AF_UNIX, SOCK_STREAM).
    Unix,
    /// A Unix domain datagram socket (AF_UNIX, SOCK_DGRAM).
    #[serde(rename = "unix_dgram")]
    UnixDgram,
}

impl Proto {
    /// Whether this transport is a stream of bytes (rather than whole datagrams).
    pub fn is_stream(self) -> bool {
        matches!(self, Proto::Tcp | Proto::Unix)
    }

    /// Whether this transport is a Unix domain socket.
    pub fn is_unix(self) -> bool {
        matches!(self, Proto::Unix | Proto::UnixDgram)
    }

    /// The socket type constant, as `socket()` takes it.
    pub fn kind(self) -> &'static str {
        if self.is_stream() {
            "SOCK_STREAM"
        } else {
            "SOCK_DGRAM"
        }
    }
}

impl std::fmt::Display for Proto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Proto::Tcp => "tcp",
            Proto::Udp => "udp",
            Proto::Unix => "unix",
            Proto::UnixDgram => "unix-dgram",
        })
    }
}

/// Why a connection ended.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CloseReason {
    /// The peer shut down its write side (or closed) and everything was echoed.
    PeerClosed,
    /// The peer sent the `quit` line.
    Quit,
    /// A frame exceeded `--max-frame`.
    FrameTooLong {
        len: u64,
        max: usize,
        /// Length framing: the prefix was four printable characters (this text), so the peer
        /// most likely sent text with another framing.
        #[serde(skip_serializing_if = "Option::is_none")]
        prefix_text: Option<String>,
    },
    /// Nothing moved for `--idle-timeout`.
    IdleTimeout { seconds: f64 },
    /// The server is shutting down.
    ServerShutdown,
    /// `--max-conns` connections were already open.
    TooManyConnections { max: usize },
    /// The peer reset the connection or another socket error happened. The JSON record's
    /// `message` is the error's own text.
    Error { message: IoCause },
}

impl CloseReason {
    /// Why a scan stopped the connection (`None` for the quit line).
    pub fn from_stop(stop: &Stop) -> CloseReason {
        match stop {
            Stop::Quit => CloseReason::Quit,
            Stop::FrameTooLong { len, max } => CloseReason::FrameTooLong {
                len: *len,
                max: *max,
                prefix_text: None,
            },
            Stop::TextAsLength { len, max, prefix } => CloseReason::FrameTooLong {
                len: *len,
                max: *max,
                prefix_text: Some(String::from_utf8_lossy(prefix).into_owned()),
            },
        }
    }
}

/// One socket call, narrated under `--trace`: typed, so that a view words it (its name and
/// arguments as C spells them are code; the counts and outcomes around them are words).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "call", rename_all = "snake_case")]
pub enum Call {
    Socket {
        family: &'static str,
        kind: &'static str,
    },
    Setsockopt {
        option: &'static str,
    },
    Bind {
        addr: SocketAddr,
    },
    Listen {
        backlog: u32,
    },
    Connect {
        addr: SocketAddr,
    },
    Accept {
        peer: Endpoint,
    },
    /// bind() of a Unix domain socket to its file.
    BindPath {
        path: PathBuf,
    },
    /// connect() to a Unix domain socket's file.
    ConnectPath {
        path: PathBuf,
    },
    /// The socket file's permission bits: who may connect.
    Chmod {
        path: PathBuf,
        mode: u32,
    },
    /// A socket file removed: a stale one before bind, or our own at exit.
    Unlink {
        path: PathBuf,
    },
    /// Two Unix sockets already connected to each other, with no file and no listen.
    Socketpair,
    /// O_NONBLOCK set or cleared: whether calls wait or return at once.
    SetBlocking {
        blocking: bool,
    },
    /// A call on a non-blocking socket that could not finish at once and said so.
    Unfinished {
        /// The call as C spells it, e.g. `recv()`.
        function: String,
        /// The same in Python, e.g. `s.recv(1024)`.
        python_call: String,
        errno: &'static str,
        code: i32,
        message: String,
    },
    /// Waiting for readiness: poll()/select() until the socket can be read or written.
    Poll {
        /// "read" or "write".
        want: &'static str,
        timeout_ms: u64,
        waited_ms: f64,
        ready: bool,
    },
    Recv {
        bytes: usize,
    },
    Send {
        bytes: usize,
    },
    Recvfrom {
        peer: SocketAddr,
        bytes: usize,
    },
    Sendto {
        peer: SocketAddr,
        bytes: usize,
    },
    Shutdown {
        how: &'static str,
    },
    Close,
}

impl Call {
    /// The same step written in Python's `socket` module, as in the article: the listening
    /// or client socket is `s`, a connection accepted by a server is `conn`.
    pub fn python(&self, socket: &str) -> String {
        match self {
            Call::Socket { family, kind } => {
                format!("{socket} = socket.socket(socket.{family}, socket.{kind})")
            }
            Call::Setsockopt { option } => {
                format!("{socket}.setsockopt(socket.SOL_SOCKET, socket.{option}, 1)")
            }
            Call::Bind { addr } => format!("{socket}.bind((\"{}\", {}))", addr.ip(), addr.port()),
            Call::Listen { backlog } => format!("{socket}.listen({backlog})"),
            Call::Connect { addr } => {
                format!("{socket}.connect((\"{}\", {}))", addr.ip(), addr.port())
            }
            Call::Accept { .. } => format!("conn, addr = {socket}.accept()"),
            Call::Recv { .. } => format!("data = {socket}.recv(65536)"),
            Call::Send { .. } => format!("{socket}.sendall(data)"),
            Call::Recvfrom { .. } => format!("data, addr = {socket}.recvfrom(65536)"),
            Call::Sendto { .. } => format!("{socket}.sendto(data, addr)"),
            Call::Shutdown { how } => format!("{socket}.shutdown(socket.{how})"),
            Call::Close => format!("{socket}.close()"),
            Call::BindPath { path } => format!("{socket}.bind({})", python_str(path)),
            Call::ConnectPath { path } => format!("{socket}.connect({})", python_str(path)),
            Call::Chmod { path, mode } => format!("os.chmod({}, 0o{mode:o})", python_str(path)),
            Call::Unlink { path } => format!("os.unlink({})", python_str(path)),
            Call::Socketpair => "a, b = socket.socketpair()".to_string(),
            Call::SetBlocking { blocking: true } => format!("{socket}.setblocking(True)"),
            Call::SetBlocking { blocking: false } => format!("{socket}.setblocking(False)"),
            Call::Unfinished {
                python_call,
                code,
                message,
                ..
            } => format!("{python_call}  -> BlockingIOError: [Errno {code}] {message}"),
            Call::Poll {
                want, timeout_ms, ..
            } => {
                let seconds = *timeout_ms as f64 / 1000.0;
                if *want == "read" {
                    format!("select.select([{socket}], [], [], {seconds:.1})")
                } else {
                    format!("select.select([], [{socket}], [], {seconds:.1})")
                }
            }
        }
    }
}

/// A path as a Python string literal.
fn python_str(path: &std::path::Path) -> String {
    format!("{:?}", path.display().to_string())
}

/// Which end of the conversation an event comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Server,
    Client,
}

/// Per-connection byte and frame counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub bytes_in: u64,
    pub bytes_out: u64,
    pub frames: u64,
}

/// Everything the echo server reports while it runs.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    Listening {
        addr: Endpoint,
        proto: Proto,
        framing: Framing,
        /// A Unix socket file's permission bits in octal ("0660"): who may connect.
        #[serde(skip_serializing_if = "Option::is_none")]
        mode: Option<String>,
        /// A socket file left by a run that did not clean up was found and replaced.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        replaced_stale: bool,
    },
    /// Something went wrong that does not stop the server; the view words it (the JSON
    /// record carries the worded `message`, see the echo view's `EventRecord`).
    #[serde(skip_serializing)]
    Warning(Warning),
    /// Worded (and serialized, with the call as `strace` shows it) by the echo view.
    #[serde(skip_serializing)]
    Trace {
        role: Role,
        /// Connection number (1-based); absent for the listening socket.
        #[serde(skip_serializing_if = "Option::is_none")]
        conn: Option<u64>,
        #[serde(flatten)]
        call: Call,
        /// The same call in Python's `socket` module (code, in every language).
        python: String,
        /// The bytes moved by a recv or send, in hex (at most [`Event::TRACE_BYTES`] of them).
        #[serde(skip_serializing_if = "Option::is_none")]
        data_hex: Option<String>,
    },
    Open {
        conn: u64,
        peer: Endpoint,
    },
    /// What a recv brought in, as the article's server prints it ("Received message: …").
    /// Held to a few a second; the rest are counted in [`Event::MessagesNotShown`].
    Message {
        /// TCP: the connection.
        #[serde(skip_serializing_if = "Option::is_none")]
        conn: Option<u64>,
        /// UDP: the datagram's source.
        #[serde(skip_serializing_if = "Option::is_none")]
        peer: Option<SocketAddr>,
        bytes: usize,
        /// The first [`Event::MESSAGE_TEXT`] bytes, invalid UTF-8 replaced.
        text: String,
    },
    /// Messages received but not shown since the last such event (over the line rate).
    MessagesNotShown {
        messages: u64,
    },
    /// Socket calls a client made that `--trace` cannot show: more than
    /// [`super::session::CALL_WINDOW`] went by before they could be written.
    CallsNotShown {
        calls: u64,
    },
    /// The peer closed with a partial frame pending; it was echoed anyway. Never
    /// [`Tail::Clean`]. Worded (and serialized) by the echo view.
    #[serde(skip_serializing)]
    Tail {
        conn: u64,
        tail: Tail,
    },
    Closed {
        conn: u64,
        peer: Endpoint,
        #[serde(flatten)]
        counts: Counts,
        reason: CloseReason,
        duration_ms: f64,
    },
    Refused {
        peer: Endpoint,
        reason: CloseReason,
    },
    /// UDP datagrams not answered during the last interval, summed up (one event per
    /// interval, never one per datagram, so a flood cannot flood the log too).
    DatagramsDropped(DroppedDatagrams),
    ShuttingDown {
        open_connections: usize,
        grace_ms: u64,
    },
}

impl Event {
    /// Bytes of a recv/send shown under `--trace`; the call says how many there were.
    pub const TRACE_BYTES: usize = 64;
    /// Bytes of a received message kept in its log event (the article's recv(1024)).
    pub const MESSAGE_TEXT: usize = 1024;

    /// A received message as logged: its size, and its first bytes as text.
    pub fn message(conn: Option<u64>, peer: Option<SocketAddr>, data: &[u8]) -> Event {
        let kept = &data[..data.len().min(Self::MESSAGE_TEXT)];
        Event::Message {
            conn,
            peer,
            bytes: data.len(),
            text: String::from_utf8_lossy(kept).into_owned(),
        }
    }

    /// A narrated socket call. Calls on an accepted connection (`conn`) act on `conn`; all
    /// others on the listening or client socket `s`, as in the article.
    pub fn trace(role: Role, conn: Option<u64>, call: Call) -> Event {
        let socket = match (role, conn) {
            (Role::Server, Some(_)) if !matches!(call, Call::Accept { .. }) => "conn",
            _ => "s",
        };
        Event::Trace {
            role,
            conn,
            python: call.python(socket),
            call,
            data_hex: None,
        }
    }

    /// A narrated recv or send with the bytes it moved.
    pub fn trace_data(role: Role, conn: Option<u64>, call: Call, data: &[u8]) -> Event {
        let mut event = Event::trace(role, conn, call);
        if let Event::Trace { data_hex, .. } = &mut event {
            let shown = &data[..data.len().min(Self::TRACE_BYTES)];
            *data_hex = Some(shown.iter().map(|byte| format!("{byte:02x}")).collect());
        }
        event
    }
}

/// A server-side failure that concerns one call or one peer, not the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// accept() failed (out of descriptors or memory); the server backs off and goes on.
    Accept { error: IoCause },
    /// recvfrom() failed (an ICMP error for an earlier reply surfaces here on some systems).
    Recvfrom { error: IoCause },
    /// sendto() of a reply failed.
    Sendto { peer: Endpoint, error: IoCause },
    /// The server listens on an address other machines can reach.
    NotLoopback { addr: IpAddr },
}

/// How many bytes of a [`Tail`] were echoed: every byte of it, whether it came in the last
/// read or was streamed earlier (a long unfinished line is echoed as it arrives).
pub fn tail_echoed_bytes(tail: &Tail) -> usize {
    match *tail {
        Tail::Clean => 0,
        Tail::UnterminatedLine { len } | Tail::ShortFrame { len, .. } => len,
        Tail::TruncatedFrame { received, .. } => usize::try_from(received).unwrap_or(usize::MAX),
    }
}

/// Whom a datagram server rates: a UDP source IP address, or the user a Unix datagram came
/// from (its sender's uid, as the kernel gave it). Serialized as one string: `"127.0.0.1"`,
/// `"uid 1000"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RateSource {
    Ip(IpAddr),
    Uid(u32),
}

impl From<IpAddr> for RateSource {
    fn from(ip: IpAddr) -> Self {
        RateSource::Ip(ip)
    }
}

impl std::fmt::Display for RateSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RateSource::Ip(ip) => ip.fmt(f),
            RateSource::Uid(uid) => write!(f, "uid {uid}"),
        }
    }
}

impl Serialize for RateSource {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Datagrams one source sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceCount {
    pub source: RateSource,
    pub datagrams: u64,
}

/// Why a Unix datagram is not answered at the file its sender's address names: the answer
/// would go to a socket other than the sender's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SenderFileRisk {
    /// The kernel gave no credentials with the datagram, so the sender is unknown.
    NoCredentials,
    /// No file has that name any more.
    Gone,
    /// The name is now a symbolic link: following it could reach any socket.
    Link,
    /// The name is another kind of file now.
    NotASocket,
    /// The socket there belongs to another user than the sender.
    OtherOwner { owner: u32 },
    /// The server cannot look at the name (the operating system's error).
    Unreachable { error: IoCause },
}

/// Why a datagram was not answered as a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvalidDatagram {
    /// Longer than the server's largest frame.
    OverMaxFrame { len: usize, max: usize },
    /// Fixed framing: longer than one frame.
    LongerThanFixed { len: usize, size: usize },
    /// Length framing: shorter than the length prefix itself.
    ShortForPrefix { len: usize },
    /// Length framing: the prefix and the payload disagree.
    PrefixDisagrees { declared: usize, carried: usize },
    /// A Unix datagram sender without a socket file of its own: there is nowhere to answer.
    UnnamedSender,
}

/// One datagram refused for [`SenderFileRisk`], with the user who sent it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UntrustedSender {
    pub uid: Option<u32>,
    pub risk: SenderFileRisk,
}

/// A datagram server's unanswered datagrams over one interval, by reason.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DroppedDatagrams {
    /// All datagrams dropped in the interval.
    pub datagrams: u64,
    pub interval_ms: u64,
    /// Over the per-source rate limit.
    pub over_rate: u64,
    /// The limit: datagrams per second answered per source address.
    pub rate_limit: u32,
    /// The sources over the rate, busiest first (at most [`DroppedDatagrams::LISTED`]).
    pub over_rate_sources: Vec<SourceCount>,
    /// Sent from the server's own address and port (answering would loop forever).
    pub own_address: u64,
    /// Sent from a well-known service or reflector port.
    pub service_port: u64,
    /// The first such source in the interval.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_port_example: Option<SocketAddr>,
    /// Not one valid message under the framing, or over `--max-frame`.
    pub invalid: u64,
    /// Why the first invalid datagram in the interval was refused (worded by the view, which
    /// also puts it in the JSON record).
    #[serde(skip)]
    pub invalid_example: Option<InvalidDatagram>,
    /// Unix datagrams whose sender's address no longer leads to the sender's own socket.
    #[serde(skip_serializing_if = "is_zero")]
    pub untrusted_sender: u64,
    /// The first of them in the interval (worded by the view, also in the JSON record).
    #[serde(skip)]
    pub untrusted_sender_example: Option<UntrustedSender>,
}

fn is_zero(count: &u64) -> bool {
    *count == 0
}

impl DroppedDatagrams {
    /// Sources over the rate named one by one; more are only counted.
    pub const LISTED: usize = 3;

    /// Counts one datagram over the rate from `source`.
    pub fn add_over_rate(&mut self, source: RateSource) {
        self.datagrams += 1;
        self.over_rate += 1;
        if let Some(seen) = self
            .over_rate_sources
            .iter_mut()
            .find(|seen| seen.source == source)
        {
            seen.datagrams += 1;
        } else if self.over_rate_sources.len() < Self::LISTED {
            self.over_rate_sources.push(SourceCount {
                source,
                datagrams: 1,
            });
        }
    }

    pub fn add_own_address(&mut self) {
        self.datagrams += 1;
        self.own_address += 1;
    }

    pub fn add_service_port(&mut self, source: SocketAddr) {
        self.datagrams += 1;
        self.service_port += 1;
        self.service_port_example.get_or_insert(source);
    }

    pub fn add_invalid(&mut self, reason: InvalidDatagram) {
        self.datagrams += 1;
        self.invalid += 1;
        self.invalid_example.get_or_insert(reason);
    }

    pub fn add_untrusted_sender(&mut self, sender: UntrustedSender) {
        self.datagrams += 1;
        self.untrusted_sender += 1;
        self.untrusted_sender_example.get_or_insert(sender);
    }

    /// The report so far, sources sorted busiest first; `self` starts a new interval.
    pub fn take(&mut self, interval_ms: u64) -> Option<DroppedDatagrams> {
        if self.datagrams == 0 {
            return None;
        }
        let rate_limit = self.rate_limit;
        let mut report = std::mem::take(self);
        self.rate_limit = rate_limit;
        report.interval_ms = interval_ms;
        report
            .over_rate_sources
            .sort_by_key(|seen| std::cmp::Reverse(seen.datagrams));
        Some(report)
    }
}

/// Totals over a server's whole run.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    pub proto: Proto,
    pub connections: u64,
    pub refused: u64,
    pub datagrams: u64,
    pub dropped: u64,
    pub bytes_in: u64,
    pub bytes_out: u64,
    pub frames: u64,
    pub aborted_at_shutdown: u64,
    pub uptime_s: f64,
}

/// Where a server or client sends its [`Event`]s. The receiving end (a command) decides how
/// to show them. The channel is bounded: a client's or demo's narration waits for a slow
/// terminal (it must not lose its own story), while a server's log is lossy: when the queue
/// is full the event is dropped and counted, so no reader can stop the server.
#[derive(Clone, Debug)]
pub struct Events {
    tx: Tx,
    role: Role,
    trace: bool,
    /// Set for a lossy log: where dropped events are counted.
    dropped: Option<DropCount>,
}

/// A boxed send into a caller's channel.
type Sending = std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>;

/// Where events go: a channel of events, or a caller's channel of its own records, each
/// event wrapped on the task that emitted it (a demo's log, which also holds its own steps).
#[derive(Clone)]
enum Tx {
    Events(tokio::sync::mpsc::Sender<Event>),
    Forward(std::sync::Arc<dyn Fn(Event) -> Sending + Send + Sync>),
}

impl std::fmt::Debug for Tx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Tx::Events(_) => "Tx::Events",
            Tx::Forward(_) => "Tx::Forward",
        })
    }
}

impl Events {
    /// Capacity of the channel between the network tasks and the printer.
    pub const CAPACITY: usize = 1024;

    pub fn channel(role: Role, trace: bool) -> (Events, tokio::sync::mpsc::Receiver<Event>) {
        let (tx, rx) = tokio::sync::mpsc::channel(Self::CAPACITY);
        let events = Events {
            tx: Tx::Events(tx),
            role,
            trace,
            dropped: None,
        };
        (events, rx)
    }

    /// A server's log: an event that finds the queue full is counted in `dropped` instead
    /// of waiting for the reader.
    pub fn lossy_channel(
        role: Role,
        trace: bool,
        dropped: DropCount,
    ) -> (Events, tokio::sync::mpsc::Receiver<Event>) {
        let (mut events, rx) = Self::channel(role, trace);
        events.dropped = Some(dropped);
        (events, rx)
    }

    /// Events sent into a channel of the caller's records: `wrap` turns each event into one,
    /// on the emitting task (it may block that task briefly, e.g. to keep a packet capture in
    /// step with the calls), and the send waits for room as [`Events::channel`]'s does.
    pub fn forwarding<T: Send + 'static>(
        role: Role,
        trace: bool,
        tx: tokio::sync::mpsc::Sender<T>,
        wrap: impl Fn(Event) -> T + Send + Sync + 'static,
    ) -> Events {
        let forward = move |event: Event| -> Sending {
            let record = wrap(event);
            let tx = tx.clone();
            // The receiver only goes away when the command is exiting; losing a line then is fine.
            Box::pin(async move {
                let _ = tx.send(record).await;
            })
        };
        Events {
            tx: Tx::Forward(std::sync::Arc::new(forward)),
            role,
            trace,
            dropped: None,
        }
    }

    /// The same channel, speaking for another side (a demo puts both sides in one log).
    pub fn for_role(&self, role: Role) -> Events {
        Events {
            tx: self.tx.clone(),
            role,
            trace: self.trace,
            dropped: self.dropped.clone(),
        }
    }

    /// Whether socket calls are narrated (`--trace`).
    pub fn tracing(&self) -> bool {
        self.trace
    }

    pub async fn emit(&self, event: Event) {
        match (&self.tx, &self.dropped) {
            (Tx::Events(tx), Some(dropped)) => {
                if let Err(tokio::sync::mpsc::error::TrySendError::Full(_)) = tx.try_send(event) {
                    dropped.add();
                }
            }
            // The receiver only goes away when the command is exiting; losing a line then is fine.
            (Tx::Events(tx), None) => {
                let _ = tx.send(event).await;
            }
            (Tx::Forward(forward), _) => forward(event).await,
        }
    }

    /// Narrates one socket call when tracing.
    pub async fn call(&self, conn: Option<u64>, call: Call) {
        if self.trace {
            self.emit(Event::trace(self.role, conn, call)).await;
        }
    }

    /// Narrates a recv or send with the bytes it moved, when tracing.
    pub async fn call_data(&self, conn: Option<u64>, call: Call, data: &[u8]) {
        if self.trace {
            self.emit(Event::trace_data(self.role, conn, call, data))
                .await;
        }
    }
}
