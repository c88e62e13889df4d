//! What the echo server and client report as they run: connection log lines and `--trace`
//! socket calls, each paired with the Python line that does the same thing.

use std::net::SocketAddr;

use serde::Serialize;

use super::framing::{Framing, Tail};

/// Transport of an echo endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Proto {
    Tcp,
    Udp,
}

impl std::fmt::Display for Proto {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Proto::Tcp => "tcp",
            Proto::Udp => "udp",
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
    FrameTooLong { len: u64, max: usize },
    /// Nothing moved for `--idle-timeout`.
    IdleTimeout { seconds: f64 },
    /// The server is shutting down.
    ServerShutdown,
    /// `--max-conns` connections were already open.
    TooManyConnections { max: usize },
    /// The peer reset the connection or another socket error happened.
    Error { message: String },
}

impl std::fmt::Display for CloseReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CloseReason::PeerClosed => f.write_str("peer closed its side"),
            CloseReason::Quit => f.write_str("peer sent quit"),
            CloseReason::FrameTooLong { len, max } => {
                write!(f, "frame of {len} bytes exceeds --max-frame {max}")
            }
            CloseReason::IdleTimeout { seconds } => write!(f, "idle for {seconds}s"),
            CloseReason::ServerShutdown => f.write_str("server shutting down"),
            CloseReason::TooManyConnections { max } => {
                write!(f, "refused: {max} connections already open (--max-conns)")
            }
            CloseReason::Error { message } => write!(f, "error: {message}"),
        }
    }
}

/// One socket call, narrated under `--trace`.
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
        peer: SocketAddr,
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
    /// The C-level call as a learner would see it in `strace`.
    pub fn describe(&self) -> String {
        match self {
            Call::Socket { family, kind } => format!("socket({family}, {kind})"),
            Call::Setsockopt { option } => format!("setsockopt(SOL_SOCKET, {option}, 1)"),
            Call::Bind { addr } => format!("bind({addr})"),
            Call::Listen { backlog } => format!("listen({backlog})"),
            Call::Connect { addr } => format!("connect({addr})"),
            Call::Accept { peer } => format!("accept() -> {peer}"),
            Call::Recv { bytes: 0 } => "recv() -> 0 bytes (end of stream)".to_string(),
            Call::Recv { bytes } => format!("recv() -> {bytes} bytes"),
            Call::Send { bytes } => format!("send({bytes} bytes)"),
            Call::Recvfrom { peer, bytes } => format!("recvfrom() -> {bytes} bytes from {peer}"),
            Call::Sendto { peer, bytes } => format!("sendto({bytes} bytes, {peer})"),
            Call::Shutdown { how } => format!("shutdown({how})"),
            Call::Close => "close()".to_string(),
        }
    }

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
        }
    }
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
        addr: SocketAddr,
        proto: Proto,
        framing: Framing,
    },
    Warning {
        message: String,
    },
    /// A step of `echo demo` explained in words (what goes on the wire, and why).
    Note {
        role: Role,
        message: String,
    },
    Trace {
        role: Role,
        /// Connection number (1-based); absent for the listening socket.
        #[serde(skip_serializing_if = "Option::is_none")]
        conn: Option<u64>,
        #[serde(flatten)]
        call: Call,
        describe: String,
        python: String,
    },
    Open {
        conn: u64,
        peer: SocketAddr,
    },
    Tail {
        conn: u64,
        #[serde(flatten)]
        tail: TailReport,
    },
    Closed {
        conn: u64,
        peer: SocketAddr,
        #[serde(flatten)]
        counts: Counts,
        reason: CloseReason,
        duration_ms: f64,
    },
    Refused {
        peer: SocketAddr,
        reason: CloseReason,
    },
    Dropped {
        peer: SocketAddr,
        bytes: usize,
        reason: String,
    },
    ShuttingDown {
        open_connections: usize,
        grace_ms: u64,
    },
}

impl Event {
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
            describe: call.describe(),
            python: call.python(socket),
            call,
        }
    }
}

/// A [`Tail`] as reported: what was left when the peer closed, and that it was echoed anyway.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TailReport {
    pub tail: String,
    pub echoed_bytes: usize,
}

impl TailReport {
    pub fn new(tail: &Tail, echoed_bytes: usize) -> Option<TailReport> {
        let tail = match tail {
            Tail::Clean => return None,
            Tail::UnterminatedLine { len } => format!("last {len} bytes had no newline"),
            Tail::ShortFrame { len, expected } => {
                format!("last frame was {len} of {expected} bytes")
            }
            Tail::TruncatedFrame { missing } => {
                format!("stream ended {missing} bytes short of a full frame")
            }
        };
        Some(TailReport { tail, echoed_bytes })
    }
}

/// Totals over a server's whole run.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
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
/// to show them; a bounded channel means a slow terminal slows the log, never grows memory.
#[derive(Clone, Debug)]
pub struct Events {
    tx: tokio::sync::mpsc::Sender<Event>,
    role: Role,
    trace: bool,
}

impl Events {
    /// Capacity of the channel between the network tasks and the printer.
    pub const CAPACITY: usize = 1024;

    pub fn channel(role: Role, trace: bool) -> (Events, tokio::sync::mpsc::Receiver<Event>) {
        let (tx, rx) = tokio::sync::mpsc::channel(Self::CAPACITY);
        (Events { tx, role, trace }, rx)
    }

    /// The same channel, speaking for another side (a demo puts both sides in one log).
    pub fn for_role(&self, role: Role) -> Events {
        Events {
            tx: self.tx.clone(),
            role,
            trace: self.trace,
        }
    }

    /// Explains a step in words.
    pub async fn note(&self, message: impl Into<String>) {
        self.emit(Event::Note {
            role: self.role,
            message: message.into(),
        })
        .await;
    }

    /// Whether socket calls are narrated (`--trace`).
    pub fn tracing(&self) -> bool {
        self.trace
    }

    pub async fn emit(&self, event: Event) {
        // The receiver only goes away when the command is exiting; losing a log line then is fine.
        let _ = self.tx.send(event).await;
    }

    /// Narrates one socket call when tracing.
    pub async fn call(&self, conn: Option<u64>, call: Call) {
        if self.trace {
            self.emit(Event::trace(self.role, conn, call)).await;
        }
    }
}
