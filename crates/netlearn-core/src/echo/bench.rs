//! The echo load generator: throughput, latency and connection-rate runs against any TCP or
//! Unix-socket echo server, with every echoed byte verified.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use hdrhistogram::Histogram;
use serde::Serialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::UdpSocket;
use tokio::sync::Semaphore;

use super::client::any_local_port;
use super::conn::Conn;
use super::endpoint::Endpoint;
use super::event::Proto;
use super::framing::{self, Framing};
use super::payload;
use super::readbuf::ReadBuffer;
use super::server::MAX_RAW_READ_BUF;
use super::stats::{LatencyStats, new_histogram};
use crate::cause::{Cause, IoCause};

/// How many connects may be in flight at once while the connections are opened, so that
/// thousands of connections do not overflow the server's accept backlog all at once.
pub const CONNECT_CONCURRENCY: usize = 128;

/// The most message bytes a run holds at once, all connections together (`--connections` ×
/// `--size`): each connection keeps its own message and its echo, so this bounds the memory a
/// run takes to a few times this.
pub const MAX_HELD_BYTES: u64 = 256 * 1024 * 1024;

/// Whether `connections` connections each holding a message of `size` bytes stay within
/// [`MAX_HELD_BYTES`]; the bytes they would hold if not.
pub fn check_held_bytes(connections: usize, size: usize) -> Result<(), u64> {
    let held = (connections.max(1) as u64).saturating_mul(size as u64);
    if held > MAX_HELD_BYTES {
        Err(held)
    } else {
        Ok(())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BenchMode {
    /// Each connection streams messages and reads the echo concurrently: MB/s.
    Throughput,
    /// Each connection sends one message and waits for its echo, over and over: RTT, msgs/s.
    Latency,
    /// Each worker connects, exchanges one message and closes, over and over: connections/s.
    Connect,
}

impl std::fmt::Display for BenchMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            BenchMode::Throughput => "throughput",
            BenchMode::Latency => "latency",
            BenchMode::Connect => "connect",
        })
    }
}

/// When a run ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Budget {
    Duration(Duration),
    /// Messages in total, shared among the connections.
    Messages(u64),
}

#[derive(Clone, Debug)]
pub struct BenchConfig {
    /// An IP address and port, or a Unix domain socket's file.
    pub peer: Endpoint,
    pub mode: BenchMode,
    pub connections: usize,
    pub budget: Budget,
    /// Message payload size in bytes (framing adds its newline or prefix).
    pub size: usize,
    pub framing: Framing,
    /// Longest wait for one connect or one echo before the connection counts as failed
    /// (UDP: before the datagram counts as lost).
    pub timeout: Duration,
    /// TCP connections, or UDP sockets (latency mode only: UDP has no stream or connection).
    pub proto: Proto,
}

/// Live counters, read by the command to draw a progress line.
#[derive(Debug, Default)]
pub struct Progress {
    pub messages: AtomicU64,
    pub bytes: AtomicU64,
    pub connected: AtomicU64,
    pub errors: AtomicU64,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct BenchResult {
    pub mode: BenchMode,
    pub proto: Proto,
    pub peer: Endpoint,
    pub framing: Framing,
    pub connections: usize,
    /// Connections that were established (connect mode: connections made in total).
    pub connected: u64,
    pub size: usize,
    pub elapsed_s: f64,
    pub messages: u64,
    /// Echoed bytes received and verified, framing included.
    pub bytes_echoed: u64,
    pub mb_per_s: f64,
    pub msgs_per_s: f64,
    pub conns_per_s: f64,
    pub latency: Option<LatencyStats>,
    pub errors: u64,
    pub mismatches: u64,
    /// UDP: datagrams whose echo never came back within the timeout.
    pub lost: u64,
    /// The first thing that went wrong; the view words it (its JSON `first_error` is prose).
    #[serde(skip)]
    pub first_error: Option<BenchFailure>,
}

impl BenchResult {
    /// Every echo arrived and matched.
    pub fn clean(&self) -> bool {
        self.errors == 0 && self.mismatches == 0 && self.messages > 0
    }
}

/// Why a benchmark could not run at all.
#[derive(Debug)]
pub enum BenchError {
    /// The message of `size` bytes cannot be framed as asked.
    Message {
        size: usize,
        framing: Framing,
        error: framing::EncodeError,
    },
    /// UDP has no streams or connections: only latency can be measured (the command layer
    /// names the flag).
    UdpNeedsLatency,
    /// Not one connection or socket could be opened; `first_error` says why the first failed
    /// (`None`: none was tried).
    NoConnection {
        peer: Endpoint,
        first_error: Option<BenchFailure>,
    },
}

/// What went wrong for one connection or socket of a run: which step, with the peer, the
/// operating system's error, the counts and the waits the view needs to say it.
#[derive(Clone, Debug, PartialEq)]
pub enum BenchFailure {
    /// UDP needs an IP address and port, and the peer is not one.
    NotInet { peer: Endpoint },
    /// A UDP socket could not be bound or connected to the peer.
    UdpSocket { peer: Endpoint, error: IoCause },
    /// connect() failed or timed out.
    Connect { peer: Endpoint, error: IoCause },
    /// A socket call on an open connection or socket failed.
    Call { call: BenchCall, error: IoCause },
    /// The echo did not arrive within the timeout.
    NoEcho { waited: Duration },
    /// The server did not take more bytes for the whole timeout (throughput).
    StoppedReading { waited: Duration },
    /// The server closed before echoing everything sent (throughput): `echoed` bytes came back.
    ClosedEarly { echoed: u64 },
    /// A datagram with its sequence number stamped in could not be framed.
    Unframeable,
    /// A worker task ended without an outcome: it panicked, or the runtime cancelled it.
    Task {
        error: Cause<tokio::task::JoinError>,
    },
}

/// The step on an open connection or socket whose call failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BenchCall {
    /// send() of a throughput batch.
    Send,
    /// send() of a UDP datagram.
    Sendto,
    /// recv() of the echo.
    Recv,
    /// The write and read of one latency exchange.
    Exchange,
    /// connect, write, read of one connect-mode attempt.
    ConnectExchange,
}

/// The wire form of the message each connection sends: payload from the printable pattern.
pub fn bench_message(framing: Framing, size: usize, seed: u64) -> Result<Vec<u8>, BenchError> {
    framing::encode(framing, &payload::pattern(size, seed)).map_err(|error| BenchError::Message {
        size,
        framing,
        error,
    })
}

/// Shared stop rule: a deadline, or a message budget that workers draw from.
struct StopRule {
    deadline: Option<Instant>,
    remaining: Option<AtomicU64>,
}

impl StopRule {
    fn new(budget: Budget, start: Instant) -> Self {
        match budget {
            Budget::Duration(duration) => StopRule {
                // A duration past what the clock can hold runs until the far future, not a panic.
                deadline: Some(
                    start
                        .checked_add(duration)
                        .or_else(|| start.checked_add(super::FAR_FUTURE))
                        .unwrap_or(start),
                ),
                remaining: None,
            },
            Budget::Messages(count) => StopRule {
                deadline: None,
                remaining: Some(AtomicU64::new(count)),
            },
        }
    }

    /// Claims the right to send one more message.
    fn next(&self) -> bool {
        if let Some(deadline) = self.deadline {
            return Instant::now() < deadline;
        }
        match &self.remaining {
            Some(remaining) => remaining
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                    left.checked_sub(1)
                })
                .is_ok(),
            None => false,
        }
    }
}

#[derive(Default)]
struct WorkerOutcome {
    messages: u64,
    bytes: u64,
    mismatches: u64,
    lost: u64,
    connections: u64,
    error: Option<BenchFailure>,
    histogram: Option<Histogram<u64>>,
}

/// Runs one benchmark to completion. Bounded: every phase has a deadline or a count.
pub async fn run(config: BenchConfig, progress: Arc<Progress>) -> Result<BenchResult, BenchError> {
    let messages: Vec<Vec<u8>> = (0..config.connections.max(1))
        .map(|i| bench_message(config.framing, config.size, i as u64))
        .collect::<Result<_, _>>()?;
    if !config.proto.is_stream() && config.mode != BenchMode::Latency {
        return Err(BenchError::UdpNeedsLatency);
    }
    let config = Arc::new(config);

    let (streams, sockets, mut first_error) = match (config.proto, config.mode) {
        (_, BenchMode::Connect) => (Vec::new(), Vec::new(), None),
        (Proto::Udp | Proto::UnixDgram, _) => {
            let (sockets, error) = open_udp_sockets(&config, &progress).await;
            (Vec::new(), sockets, error)
        }
        (Proto::Tcp | Proto::Unix, _) => {
            let (streams, error) = open_connections(&config, &progress).await;
            (streams, Vec::new(), error)
        }
    };
    if config.mode != BenchMode::Connect && streams.is_empty() && sockets.is_empty() {
        return Err(BenchError::NoConnection {
            peer: config.peer.clone(),
            first_error,
        });
    }
    let connect_errors = progress.errors.load(Ordering::Relaxed);

    let start = Instant::now();
    let stop = Arc::new(StopRule::new(config.budget, start));
    let mut workers = tokio::task::JoinSet::new();
    match config.mode {
        BenchMode::Connect => {
            for message in messages.into_iter().take(config.connections.max(1)) {
                workers.spawn(connect_worker(
                    Arc::clone(&config),
                    message,
                    Arc::clone(&stop),
                    Arc::clone(&progress),
                ));
            }
        }
        BenchMode::Latency if !config.proto.is_stream() => {
            for (socket, message) in sockets.into_iter().zip(messages) {
                workers.spawn(udp_latency_worker(
                    Arc::clone(&config),
                    socket,
                    message,
                    Arc::clone(&stop),
                    Arc::clone(&progress),
                ));
            }
        }
        BenchMode::Latency | BenchMode::Throughput => {
            for (stream, message) in streams.into_iter().zip(messages) {
                let config = Arc::clone(&config);
                let stop = Arc::clone(&stop);
                let progress = Arc::clone(&progress);
                if config.mode == BenchMode::Latency {
                    workers.spawn(latency_worker(config, stream, message, stop, progress));
                } else {
                    workers.spawn(throughput_worker(config, stream, message, stop, progress));
                }
            }
        }
    }

    let mut total = WorkerOutcome {
        histogram: new_histogram(),
        ..WorkerOutcome::default()
    };
    let mut errors = connect_errors;
    while let Some(joined) = workers.join_next().await {
        let outcome = match joined {
            Ok(outcome) => outcome,
            Err(join_error) => WorkerOutcome {
                error: Some(BenchFailure::Task {
                    error: Cause::new(join_error),
                }),
                ..WorkerOutcome::default()
            },
        };
        total.messages += outcome.messages;
        total.bytes += outcome.bytes;
        total.mismatches += outcome.mismatches;
        total.lost += outcome.lost;
        total.connections += outcome.connections;
        if let Some(error) = outcome.error {
            errors += 1;
            first_error.get_or_insert(error);
        }
        if let (Some(sum), Some(part)) = (total.histogram.as_mut(), outcome.histogram.as_ref()) {
            // Same bounds on both sides, so adding cannot fail.
            let _ = sum.add(part);
        }
    }
    let elapsed = start.elapsed().as_secs_f64().max(1e-9);
    let latency = total
        .histogram
        .as_ref()
        .filter(|_| config.mode != BenchMode::Throughput)
        .and_then(LatencyStats::from_histogram);
    let connected = match config.mode {
        BenchMode::Connect => total.connections,
        _ => progress.connected.load(Ordering::Relaxed),
    };
    Ok(BenchResult {
        mode: config.mode,
        proto: config.proto,
        peer: config.peer.clone(),
        framing: config.framing,
        connections: config.connections,
        connected,
        size: config.size,
        elapsed_s: elapsed,
        messages: total.messages,
        bytes_echoed: total.bytes,
        mb_per_s: total.bytes as f64 / elapsed / 1e6,
        msgs_per_s: total.messages as f64 / elapsed,
        conns_per_s: match config.mode {
            BenchMode::Connect => total.connections as f64 / elapsed,
            _ => 0.0,
        },
        latency,
        errors,
        mismatches: total.mismatches,
        lost: total.lost,
        first_error,
    })
}

/// Binds one connected UDP socket per "connection" (a connected socket only hears its peer).
async fn open_udp_sockets(
    config: &Arc<BenchConfig>,
    progress: &Arc<Progress>,
) -> (Vec<UdpSocket>, Option<BenchFailure>) {
    let Endpoint::Inet(peer) = config.peer else {
        let peer = config.peer.clone();
        return (Vec::new(), Some(BenchFailure::NotInet { peer }));
    };
    let local = any_local_port(peer);
    let mut sockets = Vec::with_capacity(config.connections);
    let mut first_error = None;
    for _ in 0..config.connections {
        let opened = async {
            let socket = UdpSocket::bind(local).await?;
            socket.connect(peer).await?;
            Ok::<_, io::Error>(socket)
        };
        match opened.await {
            Ok(socket) => {
                progress.connected.fetch_add(1, Ordering::Relaxed);
                sockets.push(socket);
            }
            Err(error) => {
                progress.errors.fetch_add(1, Ordering::Relaxed);
                first_error.get_or_insert_with(|| BenchFailure::UdpSocket {
                    peer: config.peer.clone(),
                    error: IoCause::new(error),
                });
            }
        }
    }
    (sockets, first_error)
}

/// One datagram, one echo, one measurement; a datagram whose echo does not come back within
/// the timeout is counted as lost (UDP promises nothing), and the worker carries on.
async fn udp_latency_worker(
    config: Arc<BenchConfig>,
    socket: UdpSocket,
    message: Vec<u8>,
    stop: Arc<StopRule>,
    progress: Arc<Progress>,
) -> WorkerOutcome {
    let mut outcome = WorkerOutcome {
        histogram: new_histogram(),
        ..WorkerOutcome::default()
    };
    let mut reply = vec![0u8; message.len() + 1];
    let mut sequence = 0u64;
    while stop.next() {
        sequence += 1;
        // Stamp a sequence number into the payload so a late echo of a datagram already
        // counted lost is never taken for this one's.
        let Ok(datagram) = stamped(&config, &message, sequence) else {
            return outcome.failed(BenchFailure::Unframeable, &progress);
        };
        let sent_at = Instant::now();
        if let Err(error) = socket.send(&datagram).await {
            return outcome.failed(call_failed(BenchCall::Sendto, error), &progress);
        }
        let deadline = super::deadline_after(config.timeout);
        loop {
            match tokio::time::timeout_at(deadline, socket.recv(&mut reply)).await {
                Err(_) => {
                    outcome.lost += 1;
                    break;
                }
                Ok(Err(error)) => {
                    return outcome.failed(call_failed(BenchCall::Recv, error), &progress);
                }
                Ok(Ok(n)) if reply[..n] == datagram[..] => {
                    outcome.record_echo(sent_at, true, n, &progress);
                    break;
                }
                // An echo of an earlier datagram, arriving late: not this one's.
                Ok(Ok(_)) => continue,
            }
        }
    }
    outcome
}

/// The worker's message with `sequence` written (as hex digits, so it stays printable and
/// newline-free) over the start of its payload, then framed.
fn stamped(config: &BenchConfig, message: &[u8], sequence: u64) -> Result<Vec<u8>, BenchError> {
    let mut payload = framing::decode(config.framing, message).to_vec();
    let stamp = format!("{sequence:016x}");
    let width = payload.len().min(stamp.len());
    payload[..width].copy_from_slice(&stamp.as_bytes()[stamp.len() - width..]);
    framing::encode(config.framing, &payload).map_err(|error| BenchError::Message {
        size: config.size,
        framing: config.framing,
        error,
    })
}

/// Opens all connections before the clock starts, a bounded number at a time.
async fn open_connections(
    config: &Arc<BenchConfig>,
    progress: &Arc<Progress>,
) -> (Vec<Conn>, Option<BenchFailure>) {
    let gate = Arc::new(Semaphore::new(CONNECT_CONCURRENCY));
    let mut pending = tokio::task::JoinSet::new();
    for _ in 0..config.connections {
        let gate = Arc::clone(&gate);
        let config = Arc::clone(config);
        pending.spawn(async move {
            let _permit = gate.acquire_owned().await;
            Conn::connect(&config.peer, config.timeout).await
        });
    }
    let mut streams = Vec::with_capacity(config.connections);
    let mut first_error = None;
    while let Some(joined) = pending.join_next().await {
        match joined {
            Ok(Ok(stream)) => {
                progress.connected.fetch_add(1, Ordering::Relaxed);
                streams.push(stream);
            }
            Ok(Err(error)) => {
                progress.errors.fetch_add(1, Ordering::Relaxed);
                first_error.get_or_insert_with(|| BenchFailure::Connect {
                    peer: config.peer.clone(),
                    error: IoCause::new(error),
                });
            }
            Err(error) => {
                progress.errors.fetch_add(1, Ordering::Relaxed);
                first_error.get_or_insert_with(|| BenchFailure::Task {
                    error: Cause::new(error),
                });
            }
        }
    }
    (streams, first_error)
}

/// One message, one echo, one measurement, until the stop rule says stop.
async fn latency_worker(
    config: Arc<BenchConfig>,
    mut stream: Conn,
    message: Vec<u8>,
    stop: Arc<StopRule>,
    progress: Arc<Progress>,
) -> WorkerOutcome {
    let mut outcome = WorkerOutcome {
        histogram: new_histogram(),
        ..WorkerOutcome::default()
    };
    let mut reply = vec![0u8; message.len()];
    while stop.next() {
        let sent_at = Instant::now();
        let exchange = async {
            stream.write_all(&message).await?;
            stream.read_exact(&mut reply).await
        };
        match tokio::time::timeout(config.timeout, exchange).await {
            Ok(Ok(_)) => outcome.record_echo(sent_at, reply == message, message.len(), &progress),
            Ok(Err(error)) => {
                return outcome.failed(call_failed(BenchCall::Exchange, error), &progress);
            }
            Err(_) => return outcome.failed(no_echo(&config), &progress),
        }
    }
    outcome
}

fn no_echo(config: &BenchConfig) -> BenchFailure {
    BenchFailure::NoEcho {
        waited: config.timeout,
    }
}

fn call_failed(call: BenchCall, error: io::Error) -> BenchFailure {
    BenchFailure::Call {
        call,
        error: IoCause::new(error),
    }
}

/// Whether `data`, found at stream offset `offset`, matches `message` repeated forever.
impl WorkerOutcome {
    /// Counts one verified round trip that started at `started`.
    fn record_echo(&mut self, started: Instant, matched: bool, bytes: usize, progress: &Progress) {
        if let Some(histogram) = self.histogram.as_mut() {
            histogram.saturating_record((started.elapsed().as_nanos() as u64).max(1));
        }
        if !matched {
            self.mismatches += 1;
        }
        self.messages += 1;
        self.bytes += bytes as u64;
        progress.messages.fetch_add(1, Ordering::Relaxed);
        progress.bytes.fetch_add(bytes as u64, Ordering::Relaxed);
    }

    /// Ends this worker with an error.
    fn failed(mut self, error: BenchFailure, progress: &Progress) -> WorkerOutcome {
        progress.errors.fetch_add(1, Ordering::Relaxed);
        self.error = Some(error);
        self
    }
}

fn matches_cyclic(message: &[u8], mut offset: u64, mut data: &[u8]) -> bool {
    while !data.is_empty() {
        let start = (offset % message.len() as u64) as usize;
        let take = (message.len() - start).min(data.len());
        if data[..take] != message[start..start + take] {
            return false;
        }
        data = &data[take..];
        offset += take as u64;
    }
    true
}

/// The most all of a throughput run's write batches hold together.
const BATCHES_BYTES: usize = 64 * 1024 * 1024;

/// Messages a throughput connection writes per call: several, so that small messages do not
/// turn into one call each and a server reading big chunks is sent big chunks (with 64 KiB
/// writes the load generator, not the server, set the pace); up to 1 MiB a call, and 64 KiB
/// at least, within [`BATCHES_BYTES`] for all `connections` together.
fn batch_count(message_len: usize, connections: usize) -> usize {
    let batch_bytes = (BATCHES_BYTES / connections.max(1)).clamp(64 * 1024, 1024 * 1024);
    (batch_bytes / message_len.max(1)).clamp(1, 1024)
}

/// Streams the message repeatedly while reading the echo back at the same time.
async fn throughput_worker(
    config: Arc<BenchConfig>,
    stream: Conn,
    message: Vec<u8>,
    stop: Arc<StopRule>,
    progress: Arc<Progress>,
) -> WorkerOutcome {
    let (mut reader, mut writer) = stream.into_split();
    let (done_tx, mut done_rx) = tokio::sync::watch::channel(None::<u64>);
    let batch_count = batch_count(message.len(), config.connections);
    let sender = {
        let message = message.clone();
        let stop = Arc::clone(&stop);
        let config = Arc::clone(&config);
        async move {
            let batch: Vec<u8> = message.repeat(batch_count);
            let mut sent_bytes = 0u64;
            let mut sent_messages = 0u64;
            let mut result = Ok(());
            'send: loop {
                let mut claimed = 0;
                while claimed < batch_count && stop.next() {
                    claimed += 1;
                }
                if claimed == 0 {
                    break 'send;
                }
                let chunk = &batch[..claimed * message.len()];
                match tokio::time::timeout(config.timeout, writer.write_all(chunk)).await {
                    Ok(Ok(())) => {}
                    Ok(Err(error)) => {
                        result = Err(call_failed(BenchCall::Send, error));
                        break;
                    }
                    Err(_) => {
                        result = Err(BenchFailure::StoppedReading {
                            waited: config.timeout,
                        });
                        break;
                    }
                }
                sent_bytes += chunk.len() as u64;
                sent_messages += claimed as u64;
                if claimed < batch_count {
                    break;
                }
            }
            let _ = writer.shutdown().await;
            let _ = done_tx.send(Some(sent_bytes));
            (sent_messages, result)
        }
    };
    let receiver_progress = Arc::clone(&progress);
    let receiver = async move {
        let progress = receiver_progress;
        // Grows while the echo streams in faster than it is read, as the server's does: a
        // load generator that reads 64 KiB at a time spends more on calls than the server it
        // measures.
        let mut buf = ReadBuffer::new(64 * 1024, MAX_RAW_READ_BUF);
        let mut received = 0u64;
        let mut mismatched = false;
        // One timer for the whole stream, moved on only when it fires: a timeout armed per
        // read cost a timer-wheel entry per call.
        let mut last_read = Instant::now();
        let no_echo_yet = tokio::time::sleep(config.timeout);
        tokio::pin!(no_echo_yet);
        loop {
            let target = *done_rx.borrow();
            if target.is_some_and(|sent| received >= sent) {
                return (received, mismatched, None);
            }
            let space = buf.len();
            let read = tokio::select! {
                read = reader.read(&mut buf) => Ok(read),
                _ = done_rx.changed(), if target.is_none() => continue,
                () = &mut no_echo_yet => {
                    let due = last_read + config.timeout;
                    if Instant::now() < due {
                        no_echo_yet.as_mut().reset(due.into());
                        continue;
                    }
                    Err(())
                }
            };
            match read {
                Ok(Ok(0)) => {
                    let error = match *done_rx.borrow() {
                        Some(sent) if received >= sent => None,
                        _ => Some(BenchFailure::ClosedEarly { echoed: received }),
                    };
                    return (received, mismatched, error);
                }
                Ok(Ok(n)) => {
                    last_read = Instant::now();
                    if !mismatched && !matches_cyclic(&message, received, &buf[..n]) {
                        mismatched = true;
                    }
                    received += n as u64;
                    progress.bytes.fetch_add(n as u64, Ordering::Relaxed);
                    buf.after_read(n, space);
                }
                Ok(Err(error)) => {
                    let failure = call_failed(BenchCall::Recv, error);
                    return (received, mismatched, Some(failure));
                }
                Err(_) => {
                    return (received, mismatched, Some(no_echo(&config)));
                }
            }
        }
    };
    let ((sent_messages, send_result), (received, mismatched, receive_error)) =
        tokio::join!(sender, receiver);
    progress
        .messages
        .fetch_add(sent_messages, Ordering::Relaxed);
    WorkerOutcome {
        messages: sent_messages,
        bytes: received,
        mismatches: u64::from(mismatched),
        connections: 1,
        error: send_result.err().or(receive_error),
        ..WorkerOutcome::default()
    }
}

/// Connect, one echo, close — the cost of a connection.
async fn connect_worker(
    config: Arc<BenchConfig>,
    message: Vec<u8>,
    stop: Arc<StopRule>,
    progress: Arc<Progress>,
) -> WorkerOutcome {
    let mut outcome = WorkerOutcome {
        histogram: new_histogram(),
        ..WorkerOutcome::default()
    };
    let mut reply = vec![0u8; message.len()];
    while stop.next() {
        let started = Instant::now();
        let attempt = async {
            let mut stream = Conn::connect(&config.peer, config.timeout).await?;
            stream.write_all(&message).await?;
            stream.read_exact(&mut reply).await?;
            Ok::<_, io::Error>(())
        };
        match tokio::time::timeout(config.timeout, attempt).await {
            Ok(Ok(())) => {
                outcome.connections += 1;
                progress.connected.fetch_add(1, Ordering::Relaxed);
                outcome.record_echo(started, reply == message, message.len(), &progress);
            }
            Ok(Err(error)) => {
                let failure = call_failed(BenchCall::ConnectExchange, error);
                return outcome.failed(failure, &progress);
            }
            Err(_) => return outcome.failed(no_echo(&config), &progress),
        }
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_batches_are_big_for_few_connections_and_bounded_for_many() {
        // One connection of 64 KiB messages: 1 MiB a call.
        assert_eq!(batch_count(64 * 1024, 1), 16);
        // A message larger than a batch still goes whole.
        assert_eq!(batch_count(4 * 1024 * 1024, 1), 1);
        // Small messages: at most 1024 a call.
        assert_eq!(batch_count(1, 1), 1024);
        // Many connections share 64 MiB, but each writes at least 64 KiB a call.
        assert_eq!(batch_count(64 * 1024, 100), 10);
        assert_eq!(batch_count(64, 10_000), 1024);
        for connections in [1, 2, 64, 1000, 10_000] {
            let bytes = batch_count(1000, connections) * 1000;
            assert!(bytes <= 1024 * 1024, "{connections}: {bytes}");
            assert!(bytes * connections <= BATCHES_BYTES.max(connections * 64 * 1024));
        }
    }

    fn throughput_against(
        addr: std::net::SocketAddr,
        messages: u64,
        timeout_ms: u64,
    ) -> BenchConfig {
        BenchConfig {
            peer: Endpoint::Inet(addr),
            mode: BenchMode::Throughput,
            connections: 1,
            budget: Budget::Messages(messages),
            size: 1024,
            framing: Framing::Raw,
            timeout: Duration::from_millis(timeout_ms),
            proto: Proto::Tcp,
        }
    }

    /// A server that takes every byte and echoes none: the stream's one timer fires once the
    /// timeout has passed with nothing read, and the run says no echo came.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_silent_server_ends_a_throughput_run_with_no_echo_after_the_timeout() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let sink = tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut buf = vec![0u8; 4096];
            while stream.read(&mut buf).await.is_ok_and(|n| n > 0) {}
            // Holds the connection open, silent, until the test ends it.
            std::future::pending::<()>().await;
        });
        let started = Instant::now();
        let result = run(throughput_against(addr, 4, 300), Arc::default())
            .await
            .unwrap();
        assert_eq!(
            result.first_error,
            Some(BenchFailure::NoEcho {
                waited: Duration::from_millis(300)
            })
        );
        assert!(started.elapsed() < Duration::from_secs(10));
        sink.abort();
    }

    /// A server that echoes each KiB 150 ms late, 8 times over: never silent for the 400 ms
    /// timeout, though the run lasts longer than it, so the timer moves on and nothing fails.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_slow_but_steady_echo_outlasts_the_timeout_without_failing() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut buf = vec![0u8; 1024];
            loop {
                if stream.read_exact(&mut buf).await.is_err() {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(150)).await;
                if stream.write_all(&buf).await.is_err() {
                    return;
                }
            }
        });
        let result = run(throughput_against(addr, 8, 400), Arc::default())
            .await
            .unwrap();
        assert_eq!(result.first_error, None, "{result:?}");
        assert_eq!(result.bytes_echoed, 8 * 1024);
        assert!(result.elapsed_s >= 1.0, "{}", result.elapsed_s);
        server.abort();
    }

    #[test]
    fn cyclic_match_handles_any_offset_and_length() {
        let message = b"abcde".to_vec();
        let stream: Vec<u8> = message.repeat(5);
        for start in 0..stream.len() {
            for end in start..stream.len() {
                assert!(matches_cyclic(&message, start as u64, &stream[start..end]));
            }
        }
        assert!(!matches_cyclic(&message, 1, b"bcdeX"));
    }

    #[test]
    fn a_duration_past_the_clock_runs_instead_of_panicking() {
        let stop = StopRule::new(Budget::Duration(Duration::MAX), Instant::now());
        assert!(stop.next());
    }

    #[test]
    fn message_budget_is_shared_exactly() {
        let stop = StopRule::new(Budget::Messages(3), Instant::now());
        assert_eq!((0..10).filter(|_| stop.next()).count(), 3);
    }
}
