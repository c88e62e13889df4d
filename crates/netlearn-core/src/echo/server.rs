//! The TCP echo server: accept loop, one task per connection, limits and graceful shutdown.

use std::collections::HashMap;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use socket2::{Domain, Protocol, SockRef, Socket, Type};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, Interest};
use tokio::net::{TcpListener, UnixListener};
use tokio::task::AbortHandle;
use tokio::time::Sleep;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use super::endpoint::Endpoint;
use super::event::{Call, CloseReason, Counts, Event, Events, Proto, Summary, Warning};
use super::framing::{Deframer, Framing, Stop, Tail};
use super::readbuf::{QUIET_AFTER, ReadBuffer};
use super::shown::{HiddenCount, MESSAGE_LINES_PER_SECOND, MessageGate};
use super::splice::{self, PIPE_CAPACITY, Pipe, Readiness};

/// First read buffer of a connection; it doubles while reads fill it, up to [`MAX_READ_BUF`]
/// ([`MAX_RAW_READ_BUF`] for the raw framing), and returns to this size once the connection
/// has been quiet for [`QUIET_AFTER`] (see [`ReadBuffer`]), so ten thousand quiet connections
/// cost 4 KiB each.
pub const INITIAL_READ_BUF: usize = 4 * 1024;
/// Largest read buffer a busy connection grows to (framing may need more to hold one frame).
pub const MAX_READ_BUF: usize = 64 * 1024;
/// Largest read buffer of a busy raw-framing connection (not traced): one recv and one send per
/// MiB instead of per 64 KiB, which lowered the server's CPU time per byte by a quarter to a
/// third (BENCHMARKS.md, "Echo raw framing"); it is also the most one peer's bytes cost.
pub const MAX_RAW_READ_BUF: usize = 1024 * 1024;

/// Limits and behaviour shared by every connection.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    pub framing: Framing,
    /// Connections open at once; one more is accepted and closed with a reason.
    pub max_conns: usize,
    /// Longest frame (line, length-prefixed payload) accepted.
    pub max_frame: usize,
    /// Close a connection when nothing moved for this long.
    pub idle_timeout: Option<Duration>,
    /// After a shutdown request, how long in-flight echoes may take before they are cut.
    pub grace: Duration,
    /// UDP: datagrams answered per second per source IP address (0 = no limit).
    pub udp_rate: u32,
    /// Log what each recv brought in (a few lines a second, the rest counted).
    pub show_messages: bool,
    /// Raw framing on Linux: echo with splice(2), the bytes never copied through this process
    /// (see [`super::splice`]). Off (the default, faster on loopback as measured in
    /// BENCHMARKS.md): read into a buffer and write it back, as elsewhere.
    pub splice: bool,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            framing: Framing::Line,
            max_conns: 10_000,
            max_frame: 1024 * 1024,
            idle_timeout: Some(Duration::from_secs(300)),
            grace: Duration::from_secs(5),
            udp_rate: 1000,
            show_messages: true,
            splice: false,
        }
    }
}

/// The socket calls a bind made, in order, for `--trace`.
pub type SetupCalls = Vec<Call>;

/// Creates the listening socket the way the article does (socket, bind, listen), plus
/// SO_REUSEADDR so a restarted server does not fail on connections in TIME_WAIT.
/// Must be called inside a tokio runtime.
pub fn bind_tcp(addr: SocketAddr, backlog: u32) -> io::Result<(TcpListener, SetupCalls)> {
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
    let mut calls = vec![Call::Socket {
        family: family_name(addr),
        kind: "SOCK_STREAM",
    }];
    #[cfg(unix)]
    {
        socket.set_reuse_address(true)?;
        calls.push(Call::Setsockopt {
            option: "SO_REUSEADDR",
        });
    }
    socket.set_nonblocking(true)?;
    socket.bind(&addr.into())?;
    let bound = socket.local_addr()?.as_socket().unwrap_or(addr);
    calls.push(Call::Bind { addr: bound });
    let backlog_arg = i32::try_from(backlog).unwrap_or(i32::MAX);
    socket.listen(backlog_arg)?;
    calls.push(Call::Listen { backlog });
    let listener = TcpListener::from_std(std::net::TcpListener::from(socket))?;
    Ok((listener, calls))
}

pub fn family_name(addr: SocketAddr) -> &'static str {
    match addr {
        SocketAddr::V4(_) => "AF_INET",
        SocketAddr::V6(_) => "AF_INET6",
    }
}

#[derive(Default)]
struct Totals {
    connections: AtomicU64,
    refused: AtomicU64,
    bytes_in: AtomicU64,
    bytes_out: AtomicU64,
    frames: AtomicU64,
    shutting_down: std::sync::atomic::AtomicBool,
}

struct Entry {
    #[cfg(unix)]
    fd: std::os::fd::RawFd,
    abort: Option<AbortHandle>,
}

/// Open connections, so shutdown can reach them without every connection polling a shared
/// flag on each read (which would put a lock on the hot path).
#[derive(Default)]
struct Registry {
    open: Mutex<HashMap<u64, Entry>>,
}

impl Registry {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Entry>> {
        // A poisoned map is still a valid map: the panicking task only held it to insert/remove.
        self.open
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    fn len(&self) -> usize {
        self.lock().len()
    }

    /// Graceful: stop reading from every peer. Each connection then sees end-of-stream, echoes
    /// what it already has, half-closes and ends by itself.
    fn stop_reading(&self) {
        for entry in self.lock().values() {
            #[cfg(unix)]
            {
                // SAFETY: a connection removes its entry (under this lock) before its socket is
                // closed, so every fd in the map is open for as long as the lock is held here.
                let fd = unsafe { std::os::fd::BorrowedFd::borrow_raw(entry.fd) };
                let _ = SockRef::from(&fd).shutdown(std::net::Shutdown::Read);
            }
            #[cfg(not(unix))]
            let _ = entry;
        }
    }

    /// After the grace period: cut whatever is still running.
    fn abort_all(&self) -> usize {
        let handles: Vec<AbortHandle> = self
            .lock()
            .values_mut()
            .filter_map(|entry| entry.abort.take())
            .collect();
        for handle in &handles {
            handle.abort();
        }
        handles.len()
    }
}

/// Removes a connection from the registry when its task ends, however it ends.
struct Registered {
    registry: Arc<Registry>,
    conn: u64,
}

impl Drop for Registered {
    fn drop(&mut self) {
        self.registry.lock().remove(&self.conn);
    }
}

/// A listening stream socket the echo server accepts from: TCP, or a Unix domain socket. The
/// server is one piece of code for both; only accepting (and naming the peer) differs.
pub trait StreamListener: Send + 'static {
    type Stream: AsyncRead + AsyncWrite + Readiness + Unpin + Send + Sync + 'static;
    const PROTO: Proto;
    fn accept_peer(&self) -> impl Future<Output = io::Result<(Self::Stream, Endpoint)>> + Send;
}

impl StreamListener for TcpListener {
    type Stream = tokio::net::TcpStream;
    const PROTO: Proto = Proto::Tcp;

    async fn accept_peer(&self) -> io::Result<(Self::Stream, Endpoint)> {
        let (stream, peer) = self.accept().await?;
        // An echo is a reply to a small write: waiting to coalesce it (Nagle) only adds delay.
        let _ = stream.set_nodelay(true);
        Ok((stream, peer.into()))
    }
}

impl StreamListener for UnixListener {
    type Stream = tokio::net::UnixStream;
    const PROTO: Proto = Proto::Unix;

    async fn accept_peer(&self) -> io::Result<(Self::Stream, Endpoint)> {
        let (stream, _) = self.accept().await?;
        let peer = Endpoint::unix_peer(&stream);
        Ok((stream, peer))
    }
}

/// The TCP echo server: see [`serve_stream`].
pub async fn serve_tcp(
    listener: TcpListener,
    config: ServerConfig,
    events: Events,
    shutdown: CancellationToken,
) -> Summary {
    serve_stream(listener, config, events, shutdown).await
}

/// Runs the accept loop until `shutdown` is cancelled, then winds connections down within
/// `config.grace` and returns the totals.
pub async fn serve_stream<L: StreamListener>(
    listener: L,
    config: ServerConfig,
    events: Events,
    shutdown: CancellationToken,
) -> Summary {
    let started = Instant::now();
    let config = Arc::new(config);
    let totals = Arc::new(Totals::default());
    let registry = Arc::new(Registry::default());
    let tracker = TaskTracker::new();
    let mut next_conn = 0u64;
    let gate = Arc::new(MessageGate::new(
        MESSAGE_LINES_PER_SECOND,
        config.show_messages,
    ));
    let mut report_hidden = tokio::time::interval(HIDDEN_REPORT_EVERY);
    report_hidden.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);

    let cancelled = shutdown.cancelled();
    tokio::pin!(cancelled);
    loop {
        let accepted = tokio::select! {
            _ = &mut cancelled => break,
            accepted = listener.accept_peer() => accepted,
            _ = report_hidden.tick(), if gate.enabled() => {
                report_not_shown(&gate, &events).await;
                continue;
            }
        };
        let (stream, peer) = match accepted {
            Ok(pair) => pair,
            Err(error) => {
                events
                    .emit(Event::Warning(Warning::Accept {
                        error: error.into(),
                    }))
                    .await;
                // Out of file descriptors or memory: back off instead of spinning on the error.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        if registry.len() >= config.max_conns {
            totals.refused.fetch_add(1, Ordering::Relaxed);
            events
                .emit(Event::Refused {
                    peer,
                    reason: CloseReason::TooManyConnections {
                        max: config.max_conns,
                    },
                })
                .await;
            drop(stream);
            continue;
        }
        next_conn += 1;
        let conn = next_conn;
        totals.connections.fetch_add(1, Ordering::Relaxed);

        #[cfg(unix)]
        let fd = std::os::fd::AsRawFd::as_raw_fd(&stream);
        // Hold the registry lock across spawn so the task cannot finish (and deregister)
        // before it is registered.
        let mut open = registry.lock();
        let guard = Registered {
            registry: Arc::clone(&registry),
            conn,
        };
        let task = tracker.spawn(connection(
            stream,
            peer,
            conn,
            Shared {
                config: Arc::clone(&config),
                events: events.clone(),
                totals: Arc::clone(&totals),
                gate: Arc::clone(&gate),
            },
            guard,
        ));
        open.insert(
            conn,
            Entry {
                #[cfg(unix)]
                fd,
                abort: Some(task.abort_handle()),
            },
        );
        drop(open);
    }
    drop(listener);
    tracker.close();

    let open = registry.len();
    let mut aborted = 0;
    if open > 0 {
        events
            .emit(Event::ShuttingDown {
                open_connections: open,
                grace_ms: config.grace.as_millis() as u64,
            })
            .await;
        totals.shutting_down.store(true, Ordering::Relaxed);
        registry.stop_reading();
        if tokio::time::timeout(config.grace, tracker.wait())
            .await
            .is_err()
        {
            aborted = registry.abort_all();
            tracker.wait().await;
        }
    }
    report_not_shown(&gate, &events).await;

    Summary {
        proto: L::PROTO,
        connections: totals.connections.load(Ordering::Relaxed),
        refused: totals.refused.load(Ordering::Relaxed),
        datagrams: 0,
        dropped: 0,
        bytes_in: totals.bytes_in.load(Ordering::Relaxed),
        bytes_out: totals.bytes_out.load(Ordering::Relaxed),
        frames: totals.frames.load(Ordering::Relaxed),
        aborted_at_shutdown: aborted as u64,
        uptime_s: started.elapsed().as_secs_f64(),
    }
}

/// A connection's byte and frame counts, added to the server's totals when the connection
/// ends however it ends: also when shutdown cuts it, which drops its task mid-echo.
struct Tally {
    counts: Counts,
    totals: Arc<Totals>,
}

impl Drop for Tally {
    fn drop(&mut self) {
        let totals = &self.totals;
        totals
            .bytes_in
            .fetch_add(self.counts.bytes_in, Ordering::Relaxed);
        totals
            .bytes_out
            .fetch_add(self.counts.bytes_out, Ordering::Relaxed);
        totals
            .frames
            .fetch_add(self.counts.frames, Ordering::Relaxed);
    }
}

/// How often messages not shown are reported while a server is busy.
const HIDDEN_REPORT_EVERY: Duration = Duration::from_secs(1);

/// Reports the messages not shown since the last report, if any.
async fn report_not_shown(gate: &MessageGate, events: &Events) {
    let messages = gate.take_hidden();
    if messages > 0 {
        events.emit(Event::MessagesNotShown { messages }).await;
    }
}

/// What every connection task shares with the server.
struct Shared {
    config: Arc<ServerConfig>,
    events: Events,
    totals: Arc<Totals>,
    gate: Arc<MessageGate>,
}

/// One connection from accept to close.
async fn connection<S: AsyncRead + AsyncWrite + Readiness + Unpin + Sync>(
    mut stream: S,
    peer: Endpoint,
    conn: u64,
    shared: Shared,
    registered: Registered,
) {
    let Shared {
        config,
        events,
        totals,
        gate,
    } = shared;
    let started = Instant::now();
    events
        .call(Some(conn), Call::Accept { peer: peer.clone() })
        .await;
    events
        .emit(Event::Open {
            conn,
            peer: peer.clone(),
        })
        .await;
    let shutting_down = Arc::clone(&totals);
    let mut tally = Tally {
        counts: Counts::default(),
        totals,
    };
    let mut hidden = HiddenCount::default();
    let mut reason = Echoer {
        stream: &mut stream,
        conn,
        config: &config,
        events: &events,
        counts: &mut tally.counts,
        idle: IdleClock::new(config.idle_timeout),
        hold: IdleClock::new(Some(HOLD_FLUSH)),
        gate: &gate,
        hidden: &mut hidden,
    }
    .run()
    .await;
    if reason == CloseReason::PeerClosed && shutting_down.shutting_down.load(Ordering::Relaxed) {
        reason = CloseReason::ServerShutdown;
    }
    // Deregister before the socket closes so shutdown never touches a reused descriptor.
    drop(registered);
    drop(stream);
    events.call(Some(conn), Call::Close).await;
    // The count of messages not shown comes before the close, so a short burst reads in order.
    hidden.flush(&gate);
    report_not_shown(&gate, &events).await;
    let counts = tally.counts.clone();
    drop(tally);
    events
        .emit(Event::Closed {
            conn,
            peer,
            counts,
            reason,
            duration_ms: started.elapsed().as_secs_f64() * 1000.0,
        })
        .await;
}

/// Resolves once nothing has happened for its limit, with one timer per connection that is
/// only re-armed when it fires, instead of a fresh timer for every read. Used for the idle
/// timeout and for line framing's hold of an unfinished line.
struct IdleClock {
    limit: Option<Duration>,
    last_activity: Instant,
    timer: std::pin::Pin<Box<Sleep>>,
}

impl IdleClock {
    fn new(limit: Option<Duration>) -> Self {
        // Without a limit the timer is parked far in the future and never re-armed.
        let first = super::deadline_after(limit.unwrap_or(super::FAR_FUTURE));
        IdleClock {
            limit,
            last_activity: Instant::now(),
            timer: Box::pin(tokio::time::sleep_until(first)),
        }
    }

    fn touch(&mut self) {
        self.touch_at(Instant::now());
    }

    fn touch_at(&mut self, now: Instant) {
        self.last_activity = now;
    }

    /// Resolves when the connection has really been idle for the limit.
    async fn expired(&mut self) {
        loop {
            (&mut self.timer).await;
            let Some(limit) = self.limit else {
                std::future::pending::<()>().await;
                return;
            };
            // A limit too long for the clock is a limit never reached.
            let Some(deadline) = self.last_activity.checked_add(limit) else {
                std::future::pending::<()>().await;
                return;
            };
            if Instant::now() >= deadline {
                return;
            }
            self.timer.as_mut().reset(deadline.into());
        }
    }
}

/// Resolves when `clock` (once there is one) expires.
async fn expired(clock: &mut Option<IdleClock>) {
    match clock {
        Some(clock) => clock.expired().await,
        None => std::future::pending().await,
    }
}

fn idle_reason(limit: Option<Duration>) -> CloseReason {
    CloseReason::IdleTimeout {
        seconds: limit.map_or(0.0, |d| d.as_secs_f64()),
    }
}

/// How long line framing holds a short unterminated line before treating it as a whole
/// message (long enough for the rest of a line split across packets to arrive).
pub const HOLD_FLUSH: Duration = Duration::from_millis(100);

/// Reads exactly `buf.len()` bytes the pipe is known to hold.
fn read_pipe(pipe: &Pipe, buf: &mut [u8]) -> std::io::Result<()> {
    let mut at = 0;
    while at < buf.len() {
        match pipe.read_into(&mut buf[at..])? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => at += n,
        }
    }
    Ok(())
}

/// What woke a connection up.
enum Wake {
    Read(std::io::Result<usize>),
    HoldExpired,
    /// A grown read buffer saw nothing for [`QUIET_AFTER`].
    Quiet,
}

/// The state of one connection while it echoes.
struct Echoer<'a, S> {
    stream: &'a mut S,
    conn: u64,
    config: &'a ServerConfig,
    events: &'a Events,
    counts: &'a mut Counts,
    idle: IdleClock,
    /// Line framing: when an unfinished line has been quiet long enough to count as whole.
    hold: IdleClock,
    gate: &'a MessageGate,
    hidden: &'a mut HiddenCount,
}

impl<S: AsyncRead + AsyncWrite + Readiness + Unpin + Sync> Echoer<'_, S> {
    async fn run(&mut self) -> CloseReason {
        // Raw bytes need no look: splice them back without copying. A trace narrates each
        // recv and send with the bytes it moved, so it keeps the copying path it describes.
        if self.config.framing == Framing::Raw
            && self.config.splice
            && !self.events.tracing()
            && let Some(reason) = self.splice().await
        {
            return reason;
        }
        let mut deframer = Deframer::new(self.config.framing, self.config.max_frame);
        // A trace narrates each read as `recv(65536)`, so a traced connection reads no more.
        let most = if self.config.framing == Framing::Raw && !self.events.tracing() {
            MAX_RAW_READ_BUF
        } else {
            MAX_READ_BUF
        };
        let mut buf = ReadBuffer::new(INITIAL_READ_BUF, most.max(deframer.max_pending() + 1));
        // Made when the buffer first grows: a connection that never grows pays for no timer.
        let mut quiet: Option<IdleClock> = None;
        let mut filled = 0usize;

        loop {
            if filled == buf.len() {
                buf.grow();
            }
            let space = buf.len() - filled;
            // Line framing holds a short unfinished line (it might be "quit"); if nothing more
            // arrives soon, it is a message sent without a newline, as the article's client does.
            let holding = deframer.in_unfinished_line(filled);
            let grown = buf.is_grown();
            if grown && quiet.is_none() {
                quiet = Some(IdleClock::new(Some(QUIET_AFTER)));
            }
            let woke = tokio::select! {
                biased;
                read = self.stream.read(&mut buf[filled..]) => Wake::Read(read),
                _ = self.idle.expired() => return idle_reason(self.config.idle_timeout),
                _ = self.hold.expired(), if holding => Wake::HoldExpired,
                _ = expired(&mut quiet), if grown => Wake::Quiet,
            };
            let scan = match woke {
                Wake::Quiet => {
                    buf.quiet(filled);
                    continue;
                }
                Wake::HoldExpired => deframer.flush_held(&buf[..filled]),
                Wake::Read(Err(error)) => {
                    return CloseReason::Error {
                        message: error.into(),
                    };
                }
                Wake::Read(Ok(n)) => {
                    let now = Instant::now();
                    self.idle.touch_at(now);
                    self.hold.touch_at(now);
                    if let Some(quiet) = quiet.as_mut() {
                        quiet.touch_at(now);
                    }
                    let received = &buf[filled..filled + n];
                    self.events
                        .call_data(Some(self.conn), Call::Recv { bytes: n }, received)
                        .await;
                    if n == 0 {
                        return self.finish(&deframer, &buf[..filled]).await;
                    }
                    self.show(received, now).await;
                    self.counts.bytes_in += n as u64;
                    filled += n;
                    // A read that filled the buffer: this peer is busy, give it a bigger one.
                    buf.after_read(n, space);
                    deframer.scan(&buf[..filled])
                }
            };

            if scan.echo_len > 0
                && let Err(reason) = self.send_all(&buf[..scan.echo_len]).await
            {
                return reason;
            }
            self.counts.frames += scan.frames;
            buf.copy_within(scan.echo_len..filled, 0);
            filled -= scan.echo_len;

            match scan.stop {
                None => {}
                Some(Stop::Quit) => {
                    self.half_close().await;
                    return CloseReason::Quit;
                }
                Some(stop) => return CloseReason::from_stop(&stop),
            }
        }
    }

    /// The raw framing without copies (see [`super::splice`]): socket → pipe → the same
    /// socket, waiting on tokio's readiness. None when the kernel will not splice this socket
    /// (no pipe, EINVAL): whatever was in flight is echoed and the caller copies the rest.
    async fn splice(&mut self) -> Option<CloseReason> {
        let pipe = Pipe::new(PIPE_CAPACITY).ok()?;
        let fd = self.stream.as_raw_fd();
        let mut shown = Vec::new();
        loop {
            let ready = tokio::select! {
                biased;
                ready = self.stream.ready(Interest::READABLE) => ready,
                _ = self.idle.expired() => return Some(idle_reason(self.config.idle_timeout)),
            };
            let filled = ready.and_then(|_| {
                self.stream
                    .try_io(Interest::READABLE, || pipe.fill_from(fd, pipe.capacity()))
            });
            let n = match filled {
                Ok(n) => n,
                Err(error) if error.kind() == std::io::ErrorKind::WouldBlock => continue,
                Err(error) if splice::is_unsupported(&error) => return None,
                Err(error) => {
                    return Some(CloseReason::Error {
                        message: error.into(),
                    });
                }
            };
            let now = Instant::now();
            self.idle.touch_at(now);
            if n == 0 {
                // The peer half-closed and everything before its FIN is echoed already.
                self.half_close().await;
                return Some(CloseReason::PeerClosed);
            }
            self.counts.bytes_in += n as u64;
            if self.gate.admit(now) {
                // The log shows this message: take it out of the pipe and send it by copying.
                shown.resize(n, 0);
                if let Err(error) = read_pipe(&pipe, &mut shown) {
                    return Some(CloseReason::Error {
                        message: error.into(),
                    });
                }
                self.events
                    .emit(Event::message(Some(self.conn), None, &shown))
                    .await;
                if let Err(reason) = self.send_all(&shown).await {
                    return Some(reason);
                }
                continue;
            }
            if self.gate.enabled() {
                self.hidden.add(self.gate);
            }
            match self.drain(&pipe, n).await {
                Ok(true) => {}
                Ok(false) => return None,
                Err(reason) => return Some(reason),
            }
        }
    }

    /// Splices the `left` bytes in the pipe back to the peer. False when the kernel refused
    /// (the bytes were then copied out instead): stop splicing.
    async fn drain(&mut self, pipe: &Pipe, mut left: usize) -> Result<bool, CloseReason> {
        let fd = self.stream.as_raw_fd();
        while left > 0 {
            let ready = tokio::select! {
                biased;
                ready = self.stream.ready(Interest::WRITABLE) => ready,
                _ = self.idle.expired() => return Err(idle_reason(self.config.idle_timeout)),
            };
            let drained = ready.and_then(|_| {
                self.stream
                    .try_io(Interest::WRITABLE, || pipe.drain_into(fd, left))
            });
            match drained {
                Ok(0) => {
                    return Err(CloseReason::Error {
                        message: std::io::Error::from(std::io::ErrorKind::WriteZero).into(),
                    });
                }
                Ok(n) => {
                    self.idle.touch();
                    self.counts.bytes_out += n as u64;
                    left -= n;
                }
                Err(error) if error.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(error) if splice::is_unsupported(&error) => {
                    let mut rest = vec![0u8; left];
                    read_pipe(pipe, &mut rest).map_err(|error| CloseReason::Error {
                        message: error.into(),
                    })?;
                    self.send_all(&rest).await?;
                    return Ok(false);
                }
                Err(error) => {
                    return Err(CloseReason::Error {
                        message: error.into(),
                    });
                }
            }
        }
        Ok(true)
    }

    /// Logs what one recv brought in, when the server-wide line rate allows.
    async fn show(&mut self, received: &[u8], now: Instant) {
        if !self.gate.enabled() {
            return;
        }
        if self.gate.admit(now) {
            self.events
                .emit(Event::message(Some(self.conn), None, received))
                .await;
        } else {
            self.hidden.add(self.gate);
        }
    }

    /// The peer half-closed: echo what is left (no byte is lost), then close our side too.
    async fn finish(&mut self, deframer: &Deframer, pending: &[u8]) -> CloseReason {
        if let Some(stop) = deframer.over_long_tail(pending) {
            return CloseReason::from_stop(&stop);
        }
        if deframer.tail_is_quit(pending) {
            self.half_close().await;
            return CloseReason::Quit;
        }
        let tail = deframer.finish(pending);
        if !pending.is_empty()
            && let Err(reason) = self.send_all(pending).await
        {
            return reason;
        }
        if tail != Tail::Clean {
            self.counts.frames += 1;
            self.events
                .emit(Event::Tail {
                    conn: self.conn,
                    tail,
                })
                .await;
        }
        self.half_close().await;
        CloseReason::PeerClosed
    }

    /// Narrated after the call, like every other: a capture barrier taken at the event then
    /// finds the FIN already sent.
    async fn half_close(&mut self) {
        let _ = self.stream.shutdown().await;
        self.events
            .call(Some(self.conn), Call::Shutdown { how: "SHUT_WR" })
            .await;
    }

    /// Writes all of `data`, giving up when the peer stops reading for the idle timeout: that
    /// is the backpressure rule, since while we wait here we do not read from this peer either.
    async fn send_all(&mut self, mut data: &[u8]) -> Result<(), CloseReason> {
        while !data.is_empty() {
            let written = tokio::select! {
                biased;
                written = self.stream.write(data) => written,
                _ = self.idle.expired() => return Err(idle_reason(self.config.idle_timeout)),
            };
            match written {
                Ok(0) => {
                    return Err(CloseReason::Error {
                        message: std::io::Error::from(std::io::ErrorKind::WriteZero).into(),
                    });
                }
                Ok(n) => {
                    self.idle.touch();
                    self.events
                        .call_data(Some(self.conn), Call::Send { bytes: n }, &data[..n])
                        .await;
                    self.counts.bytes_out += n as u64;
                    data = &data[n..];
                }
                Err(error) => {
                    return Err(CloseReason::Error {
                        message: error.into(),
                    });
                }
            }
        }
        Ok(())
    }
}

/// The raw framing: copied through a read buffer that grows (see [`ReadBuffer`]), and spliced
/// (Linux, see [`super::splice`]).
#[cfg(test)]
mod raw_tests {
    use tokio::net::TcpStream;
    use tokio::sync::mpsc::Receiver;

    use super::*;
    use crate::echo::event::Role;
    use crate::echo::payload;

    struct Running {
        addr: SocketAddr,
        shutdown: CancellationToken,
        server: tokio::task::JoinHandle<Summary>,
        events: tokio::task::JoinHandle<Vec<Event>>,
    }

    async fn start(splice: bool, show_messages: bool) -> Running {
        start_traced(splice, show_messages, false).await
    }

    async fn start_traced(splice: bool, show_messages: bool, trace: bool) -> Running {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (events, rx) = Events::channel(Role::Server, trace);
        let config = ServerConfig {
            framing: Framing::Raw,
            show_messages,
            splice,
            ..ServerConfig::default()
        };
        let shutdown = CancellationToken::new();
        let server = tokio::spawn(serve_tcp(listener, config, events, shutdown.clone()));
        let events = tokio::spawn(collect(rx));
        Running {
            addr,
            shutdown,
            server,
            events,
        }
    }

    async fn collect(mut rx: Receiver<Event>) -> Vec<Event> {
        let mut all = Vec::new();
        while let Some(event) = rx.recv().await {
            all.push(event);
        }
        all
    }

    impl Running {
        async fn stop(self) -> (Summary, Vec<Event>) {
            self.shutdown.cancel();
            let summary = self.server.await.unwrap();
            (summary, self.events.await.unwrap())
        }
    }

    /// Sends `data`, half-closes, and reads until the server closes its side.
    async fn echo(addr: SocketAddr, data: &[u8]) -> Vec<u8> {
        let stream = TcpStream::connect(addr).await.unwrap();
        let (mut from, mut to) = stream.into_split();
        let sending = async {
            to.write_all(data).await.unwrap();
            to.shutdown().await.unwrap();
        };
        let receiving = async {
            let mut back = Vec::new();
            from.read_to_end(&mut back).await.unwrap();
            back
        };
        let ((), back) = tokio::time::timeout(std::time::Duration::from_secs(60), async {
            tokio::join!(sending, receiving)
        })
        .await
        .expect("the echo finishes");
        back
    }

    fn closed(events: &[Event]) -> Vec<(u64, CloseReason, u64, u64)> {
        events
            .iter()
            .filter_map(|event| match event {
                Event::Closed {
                    conn,
                    counts,
                    reason,
                    ..
                } => Some((*conn, reason.clone(), counts.bytes_in, counts.bytes_out)),
                _ => None,
            })
            .collect()
    }

    /// Each size echoed byte for byte on its own connection (spliced or copied, with and
    /// without the message log), answered with the server's FIN after the last byte
    /// (half-close), every byte counted once each way.
    async fn echo_each_exactly(splice: bool, sizes: &[usize]) {
        for show_messages in [false, true] {
            let running = start(splice, show_messages).await;
            let mut total = 0u64;
            for (seq, &size) in sizes.iter().enumerate() {
                let data = payload::pattern(size, seq as u64);
                let back = echo(running.addr, &data).await;
                assert!(back == data, "size {size}: {} bytes came back", back.len());
                total += size as u64;
            }
            let (summary, events) = running.stop().await;
            assert_eq!((summary.bytes_in, summary.bytes_out), (total, total));
            // A connection's task may report its close after the client has already
            // opened the next one, so the closes are put back in the order of accepting.
            let mut closed = closed(&events);
            closed.sort_by_key(|&(conn, ..)| conn);
            assert_eq!(closed.len(), sizes.len());
            for ((_, reason, bytes_in, bytes_out), &size) in closed.iter().zip(sizes) {
                assert_eq!(*reason, CloseReason::PeerClosed);
                assert_eq!((*bytes_in, *bytes_out), (size as u64, size as u64));
            }
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_pipe_takes_the_capacity_asked_for_or_the_default() {
        let pipe = Pipe::new(PIPE_CAPACITY).unwrap();
        assert!(pipe.capacity() >= 64 * 1024, "{}", pipe.capacity());
        assert!(pipe.capacity() <= PIPE_CAPACITY, "{}", pipe.capacity());
    }

    /// Sizes around the pipe's capacity (the default and the one asked for) and a few MB,
    /// each echoed byte for byte, the half-close answered with the server's own FIN after the
    /// last byte, and every byte counted once each way.
    #[cfg(target_os = "linux")]
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn raw_echo_is_byte_exact_around_the_pipe_capacity() {
        let capacity = Pipe::new(PIPE_CAPACITY).unwrap().capacity();
        let sizes = [
            0,
            1,
            65_535,
            65_536,
            65_537,
            capacity - 1,
            capacity,
            capacity + 1,
            5 * 1024 * 1024 + 3,
        ];
        echo_each_exactly(true, &sizes).await;
    }

    /// A client that sends megabytes, never reads, and resets the connection: the server
    /// ends that connection with an error, counts no byte it did not move, and goes on
    /// echoing for the next client.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_client_vanishing_mid_transfer_leaves_the_others_served() {
        for splice in [false, cfg!(target_os = "linux")] {
            vanishing_client(splice).await;
        }
    }

    /// Sizes around each step the copying path's read buffer grows through (4 KiB doubling to
    /// 1 MiB) and several MiB past the cap, each echoed byte for byte and answered with the
    /// server's FIN after the last byte (half-close), every byte counted once each way.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn copied_raw_echo_is_byte_exact_around_each_growth_step() {
        let sizes = [
            0,
            1,
            INITIAL_READ_BUF - 1,
            INITIAL_READ_BUF,
            INITIAL_READ_BUF + 1,
            65_535,
            65_536,
            65_537,
            128 * 1024,
            MAX_RAW_READ_BUF - 1,
            MAX_RAW_READ_BUF,
            MAX_RAW_READ_BUF + 1,
            2 * MAX_RAW_READ_BUF + 7,
            5 * MAX_RAW_READ_BUF + 3,
        ];
        echo_each_exactly(false, &sizes).await;
    }

    /// Under `--trace` every recv and send is narrated with its exact byte count, the counts
    /// add up to what moved, and no recv brings more than the `recv(65536)` the trace shows.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_traced_raw_echo_narrates_every_byte_in_reads_of_at_most_64_kib() {
        let running = start_traced(false, false, true).await;
        let data = payload::pattern(3 * MAX_RAW_READ_BUF + 5, 3);
        let back = echo(running.addr, &data).await;
        assert!(back == data, "{} bytes came back", back.len());
        let (summary, events) = running.stop().await;
        let (mut received, mut sent, mut largest) = (0usize, 0usize, 0usize);
        for event in &events {
            if let Event::Trace { call, .. } = event {
                match call {
                    Call::Recv { bytes } => {
                        received += bytes;
                        largest = largest.max(*bytes);
                    }
                    Call::Send { bytes } => sent += bytes,
                    _ => {}
                }
            }
        }
        assert_eq!((received, sent), (data.len(), data.len()));
        assert_eq!(
            (summary.bytes_in, summary.bytes_out),
            (data.len() as u64, data.len() as u64)
        );
        assert!(largest <= 65_536, "{largest}");
    }

    /// A client that sends megabytes, never reads (so the server's reads fill its buffer and
    /// it grows), and resets the connection: see [`a_client_vanishing_mid_transfer_leaves_the_others_served`].
    async fn vanishing_client(splice: bool) {
        let running = start(splice, false).await;
        let vanishing = std::net::TcpStream::connect(running.addr).unwrap();
        let data = payload::pattern(8 * 1024 * 1024, 7);
        vanishing
            .set_write_timeout(Some(std::time::Duration::from_millis(300)))
            .unwrap();
        let mut writer = &vanishing;
        // Fill both directions until the write stalls (the server's echo is not read).
        let mut sent = 0;
        while sent < data.len() {
            match std::io::Write::write(&mut writer, &data[sent..]) {
                Ok(n) => sent += n,
                Err(_) => break,
            }
        }
        assert!(sent > 0);
        socket2::SockRef::from(&vanishing)
            .set_linger(Some(std::time::Duration::ZERO))
            .unwrap();
        drop(vanishing);

        let other = payload::pattern(3 * 1024 * 1024, 8);
        assert!(echo(running.addr, &other).await == other);
        let (summary, events) = running.stop().await;
        let mut closed = closed(&events);
        closed.sort_by_key(|&(conn, ..)| conn);
        assert_eq!(closed.len(), 2, "{closed:?}");
        let (conn, reason, bytes_in, bytes_out) = &closed[0];
        assert_eq!(*conn, 1);
        assert!(matches!(reason, CloseReason::Error { .. }), "{reason:?}");
        assert!(bytes_out <= bytes_in && *bytes_in <= sent as u64);
        assert_eq!(closed[1].1, CloseReason::PeerClosed);
        assert_eq!(
            (summary.bytes_in, summary.bytes_out),
            (
                bytes_in + other.len() as u64,
                bytes_out + other.len() as u64
            )
        );
    }
}
