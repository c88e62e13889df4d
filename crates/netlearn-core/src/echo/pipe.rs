//! The echo client's pipe: standard input streamed through a server to standard output,
//! byte-exact, over a stream connection (sending and receiving at once) or datagram by
//! datagram (each one retried until its echo is back).

use std::borrow::Cow;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use super::client::{self, ClientError, ClientSocket};
use super::conn::{Conn, WriteHalf};
use super::datagram::DatagramSocket;
use super::endpoint::Endpoint;
use super::event::{Call, Events, Proto};
use super::framing::{self, Framing, PrefixStripper};

/// Payload bytes per length-prefixed frame when a stream is cut into frames.
pub const PIPE_FRAME: usize = 64 * 1024;
/// Payload bytes per UDP datagram when a stream is cut into datagrams: small enough to
/// cross a real network without IP fragmentation (the size QUIC assumes is always safe).
pub const UDP_CHUNK: usize = 1200;
/// Attempts per datagram before a UDP pipe gives up.
pub const UDP_TRIES: u32 = 3;

/// What a pipe moved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PipeStats {
    /// Input bytes read and sent (without framing).
    pub bytes_sent: u64,
    /// Echoed bytes written to the output (without framing).
    pub bytes_echoed: u64,
    /// Messages (frames or datagrams) sent.
    pub messages: u64,
}

/// Streams `input` through the echo server at `peer` to `output`, byte-exact: over a
/// stream connection (TCP, Unix) sending and receiving at once, or datagram by datagram (UDP,
/// Unix datagrams), each one retried until its echo is back.
pub async fn run<R, W>(
    peer: &Endpoint,
    proto: Proto,
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
    let mut calls = Vec::new();
    let connected = client::connect(peer, proto, timeout, &mut calls).await;
    for call in calls {
        events.call(None, call).await;
    }
    match connected? {
        ClientSocket::Stream(stream) => {
            pipe_stream(stream, framing, input, output, timeout, events).await
        }
        ClientSocket::Datagram(socket) => {
            pipe_datagrams(&socket, peer, framing, input, output, timeout, &events).await
        }
    }
}

/// The stream pipe. Sending and receiving run at once, so a file larger than the socket
/// buffers cannot deadlock. At the end of the input the client half-closes and keeps reading
/// until the server has echoed everything.
async fn pipe_stream<R, W>(
    stream: Conn,
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
    let (mut from_server, to_server) = stream.into_split();
    let wire_sent = Arc::new(AtomicU64::new(0));

    // Where the quit line starts on the wire: the server ends the connection there, having
    // echoed everything before it, and nothing after it is sent.
    let quit_at = Arc::new(AtomicU64::new(u64::MAX));

    let (done_tx, done_rx) = tokio::sync::watch::channel(false);
    let sender = {
        let mut outlet = StreamOutlet {
            to_server,
            quit: (framing == Framing::Line).then(QuitScan::default),
            quit_at: Arc::clone(&quit_at),
            wire_sent: Arc::clone(&wire_sent),
            events: events.clone(),
        };
        async move {
            let mut stats = PipeStats::default();
            let sent = match send_input(&mut input, framing, &mut outlet, &mut stats).await {
                Ok(Ended::Input) => outlet.half_close().await.map(|()| stats),
                // The server closed (quit line, frame too long): the receiver reports it.
                Ok(Ended::PeerGone) => Ok(stats),
                Err(error) => Err(error),
            };
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

/// The send call on a datagram socket connected to `peer`, as `--trace` narrates it.
fn send_call(peer: &Endpoint, bytes: usize) -> Call {
    match peer {
        Endpoint::Inet(peer) => Call::Sendto { peer: *peer, bytes },
        _ => Call::Send { bytes },
    }
}

/// The receive call on a datagram socket connected to `peer`, as `--trace` narrates it.
fn recv_call(peer: &Endpoint, bytes: usize) -> Call {
    match peer {
        Endpoint::Inet(peer) => Call::Recvfrom { peer: *peer, bytes },
        _ => Call::Recv { bytes },
    }
}

/// The datagram pipe, shared by UDP and Unix datagram sockets.
async fn pipe_datagrams<R, W>(
    socket: &DatagramSocket,
    peer: &Endpoint,
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
    let mut outlet = DatagramOutlet {
        socket,
        peer,
        framing,
        timeout,
        events,
        output: &mut output,
        reply: vec![0u8; 65_536],
        echoed: 0,
    };
    let mut stats = PipeStats::default();
    send_input(&mut input, framing, &mut outlet, &mut stats).await?;
    stats.bytes_echoed = outlet.echoed;
    output.flush().await?;
    events.call(None, Call::Close).await;
    Ok(stats)
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

/// One UDP datagram at a time, sent, retried and checked, then its payload written out.
struct DatagramOutlet<'a, W> {
    socket: &'a DatagramSocket,
    peer: &'a Endpoint,
    framing: Framing,
    timeout: Duration,
    events: &'a Events,
    output: &'a mut W,
    reply: Vec<u8>,
    /// Payload bytes whose echo came back and was written.
    echoed: u64,
}

impl<W: AsyncWrite + Unpin> Outlet for DatagramOutlet<'_, W> {
    fn cut<'p>(&mut self, pending: &'p [u8], end: bool) -> Cut<'p> {
        let taken = if end {
            pending.len()
        } else {
            ready_for_datagrams(self.framing, pending)
        };
        Cut {
            messages: datagram_payloads(self.framing, &pending[..taken]),
            taken,
            last: false,
        }
    }

    async fn send(&mut self, payload: &[u8], wire: &[u8]) -> Result<Sent, ClientError> {
        let per_try = self.timeout / UDP_TRIES;
        let mut echoed = false;
        for _ in 0..UDP_TRIES {
            self.socket.send(wire).await?;
            self.events
                .call(None, send_call(self.peer, wire.len()))
                .await;
            let deadline = super::deadline_after(per_try);
            // Replies to an earlier retry may still arrive: skip anything that is not ours.
            while let Ok(received) =
                tokio::time::timeout_at(deadline, self.socket.recv(&mut self.reply)).await
            {
                let n = received?;
                self.events.call(None, recv_call(self.peer, n)).await;
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
        self.output.write_all(payload).await?;
        self.echoed += payload.len() as u64;
        Ok(Sent::Sent)
    }
}

/// The sending side of a stream pipe: each chunk of input goes out as it is read (one length
/// prefix per chunk in length framing), until a quit line, after which nothing is sent.
struct StreamOutlet {
    to_server: WriteHalf,
    quit: Option<QuitScan>,
    /// Where the quit line starts on the wire, for the receiver's verdict.
    quit_at: Arc<AtomicU64>,
    /// Wire bytes sent, counted before each write so the receiver knows an echo is owed.
    wire_sent: Arc<AtomicU64>,
    events: Events,
}

impl StreamOutlet {
    /// The end of the input: half-close, so the server sees EOF and can finish echoing.
    async fn half_close(&mut self) -> Result<(), ClientError> {
        self.events
            .call(None, Call::Shutdown { how: "SHUT_WR" })
            .await;
        match self.to_server.shutdown().await {
            Err(error) if !is_disconnect(&error) => Err(error.into()),
            _ => Ok(()),
        }
    }
}

impl Outlet for StreamOutlet {
    /// Takes all of `pending` (each byte is scanned for the quit line exactly once), up to
    /// and with the quit line's newline when one ends in it.
    fn cut<'p>(&mut self, pending: &'p [u8], end: bool) -> Cut<'p> {
        if end {
            if let Some(start) = self.quit.as_ref().and_then(QuitScan::unfinished_quit) {
                self.quit_at.store(start, Ordering::Relaxed);
            }
            return Cut {
                messages: Vec::new(),
                taken: pending.len(),
                last: true,
            };
        }
        let (taken, last) = match self.quit.as_mut().and_then(|scan| scan.feed(pending)) {
            Some((end, start)) => {
                self.quit_at.store(start, Ordering::Relaxed);
                (end, true)
            }
            None => (pending.len(), false),
        };
        Cut {
            messages: vec![&pending[..taken]],
            taken,
            last,
        }
    }

    async fn send(&mut self, _payload: &[u8], wire: &[u8]) -> Result<Sent, ClientError> {
        self.wire_sent
            .fetch_add(wire.len() as u64, Ordering::Relaxed);
        match self.to_server.write_all(wire).await {
            Ok(()) => {}
            Err(error) if is_disconnect(&error) => return Ok(Sent::PeerGone),
            Err(error) => return Err(error.into()),
        }
        self.events
            .call(None, Call::Send { bytes: wire.len() })
            .await;
        Ok(Sent::Sent)
    }
}

/// What a stream pipe and a datagram pipe do differently while both read, frame and send:
/// how the input is cut into messages, and how one message is sent.
trait Outlet {
    /// The messages `pending` holds that can go now (all of it when `end`: the input is
    /// over), and how many of its bytes they take.
    fn cut<'p>(&mut self, pending: &'p [u8], end: bool) -> Cut<'p>;

    /// Sends one message: `wire` is `payload` as the framing puts it on the wire.
    async fn send(&mut self, payload: &[u8], wire: &[u8]) -> Result<Sent, ClientError>;
}

/// The messages cut from the pending input.
struct Cut<'p> {
    messages: Vec<&'p [u8]>,
    /// Bytes of the pending input these messages consume.
    taken: usize,
    /// Nothing after these messages is sent (the quit line was among them).
    last: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sent {
    Sent,
    /// The peer closed the connection: nothing more can be sent.
    PeerGone,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ended {
    /// The input ended, or the quit line was sent.
    Input,
    PeerGone,
}

/// The pipes' one sending loop: reads the input a chunk at a time, cuts it into messages,
/// frames each (a length prefix in length framing; other framings are already in the
/// bytes) and sends it. Only what is not yet a whole message is kept, so memory stays
/// bounded whatever the input size.
async fn send_input<R, O>(
    input: &mut R,
    framing: Framing,
    outlet: &mut O,
    stats: &mut PipeStats,
) -> Result<Ended, ClientError>
where
    R: AsyncRead + Unpin,
    O: Outlet,
{
    let mut pending: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; PIPE_FRAME];
    loop {
        let n = input.read(&mut chunk).await?;
        let end = n == 0;
        pending.extend_from_slice(&chunk[..n]);
        let Cut {
            messages,
            taken,
            last,
        } = outlet.cut(&pending, end);
        for payload in messages {
            let wire = match framing {
                Framing::Length => Cow::Owned(framing::encode(framing, payload)?),
                _ => Cow::Borrowed(payload),
            };
            if outlet.send(payload, &wire).await? == Sent::PeerGone {
                return Ok(Ended::PeerGone);
            }
            stats.bytes_sent += payload.len() as u64;
            stats.messages += 1;
        }
        pending.drain(..taken);
        if end || last {
            return Ok(Ended::Input);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records what the sending loop hands over, and can play a peer that goes away.
    #[derive(Default)]
    struct Recorder {
        sent: Vec<(Vec<u8>, Vec<u8>)>,
        gone_after: Option<usize>,
    }

    impl Outlet for Recorder {
        fn cut<'p>(&mut self, pending: &'p [u8], end: bool) -> Cut<'p> {
            // Whole lines only, until the end: what a line-cutting outlet keeps back waits.
            let taken = match (end, memchr::memrchr(b'\n', pending)) {
                (true, _) => pending.len(),
                (false, Some(newline)) => newline + 1,
                (false, None) => 0,
            };
            Cut {
                messages: pending[..taken].split_inclusive(|&b| b == b'\n').collect(),
                taken,
                last: false,
            }
        }

        async fn send(&mut self, payload: &[u8], wire: &[u8]) -> Result<Sent, ClientError> {
            if self.gone_after == Some(self.sent.len()) {
                return Ok(Sent::PeerGone);
            }
            self.sent.push((payload.to_vec(), wire.to_vec()));
            Ok(Sent::Sent)
        }
    }

    fn send_all(input: &[&[u8]], framing: Framing, outlet: &mut Recorder) -> (Ended, PipeStats) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        // One read per part, so a line can arrive split across reads.
        let mut reader: Box<dyn AsyncRead + Unpin + '_> = Box::new(tokio::io::empty());
        for part in input.iter().rev() {
            reader = Box::new(part.chain(reader));
        }
        let mut stats = PipeStats::default();
        let ended = runtime
            .block_on(send_input(&mut reader, framing, outlet, &mut stats))
            .unwrap();
        (ended, stats)
    }

    #[test]
    fn the_sending_loop_keeps_back_what_is_not_yet_a_message_and_frames_each_one() {
        let mut outlet = Recorder::default();
        let (ended, stats) = send_all(
            &[b"one\ntw", b"o\nthr", b"ee"],
            Framing::Length,
            &mut outlet,
        );
        assert_eq!(ended, Ended::Input);
        let payloads: Vec<&[u8]> = outlet.sent.iter().map(|(p, _)| &p[..]).collect();
        assert_eq!(payloads, [&b"one\n"[..], b"two\n", b"three"]);
        for (payload, wire) in &outlet.sent {
            assert_eq!(wire[..4], (payload.len() as u32).to_be_bytes());
            assert_eq!(&wire[4..], &payload[..]);
        }
        assert_eq!(stats.bytes_sent, 13);
        assert_eq!(stats.messages, 3);

        // Other framings are already in the bytes: the wire is the payload.
        let mut outlet = Recorder::default();
        send_all(&[b"a\nb\n"], Framing::Line, &mut outlet);
        assert!(outlet.sent.iter().all(|(payload, wire)| payload == wire));
    }

    #[test]
    fn the_sending_loop_stops_when_the_peer_is_gone() {
        let mut outlet = Recorder {
            gone_after: Some(1),
            ..Recorder::default()
        };
        let (ended, stats) = send_all(&[b"a\nb\nc\n"], Framing::Raw, &mut outlet);
        assert_eq!(ended, Ended::PeerGone);
        assert_eq!(outlet.sent.len(), 1);
        assert_eq!(stats.messages, 1);
    }

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
