//! The echo session: one request, one echo, each call with a timeout (what `echo client`
//! runs at its prompt and for `--count`), as the article's client does. Async, on the same
//! socket as the pipe ([`super::client::connect`]); the prompt drives it a line at a time.

use std::collections::VecDeque;
use std::io;
use std::os::fd::{AsFd, OwnedFd};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::client::{self, ClientError, ClientSocket};
use super::endpoint::Endpoint;
use super::event::{Call, Proto};
use super::framing::{self, Framing};
use super::payload;
use super::stats::{LatencyStats, new_histogram};

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

/// Socket calls a [`CallWindow`] keeps before it drops the oldest.
pub const CALL_WINDOW: usize = 1024;

/// The socket calls a session made and has not handed out yet (for `--trace`): at most
/// [`CALL_WINDOW`] of them, the oldest dropped and counted past that, so a session nobody
/// takes the calls from (a prompt without `--trace`, a long `--count`) holds bounded memory.
#[derive(Debug, Default)]
pub struct CallWindow {
    calls: VecDeque<Call>,
    dropped: u64,
}

/// The calls taken from a [`CallWindow`], and how many earlier ones it dropped.
#[derive(Debug, Default, PartialEq)]
pub struct TracedCalls {
    pub calls: Vec<Call>,
    /// Calls made before these that were not kept.
    pub dropped: u64,
}

impl TracedCalls {
    /// These calls, then `later` (whose own dropped calls came after these).
    pub fn extend(&mut self, later: TracedCalls) {
        self.dropped += later.dropped;
        self.calls.extend(later.calls);
    }
}

impl CallWindow {
    pub fn push(&mut self, call: Call) {
        if self.calls.len() >= CALL_WINDOW {
            self.calls.pop_front();
            self.dropped += 1;
        }
        self.calls.push_back(call);
    }

    /// Calls kept right now.
    pub fn len(&self) -> usize {
        self.calls.len()
    }

    pub fn is_empty(&self) -> bool {
        self.calls.is_empty()
    }

    /// Hands out the calls kept so far and empties the window.
    pub fn take(&mut self) -> TracedCalls {
        TracedCalls {
            calls: std::mem::take(&mut self.calls).into(),
            dropped: std::mem::take(&mut self.dropped),
        }
    }
}

impl Extend<Call> for CallWindow {
    fn extend<I: IntoIterator<Item = Call>>(&mut self, calls: I) {
        for call in calls {
            self.push(call);
        }
    }
}

/// A client session, as in the article's client (every call has a timeout).
pub struct Session {
    socket: ClientSocket,
    framing: Framing,
    timeout: Duration,
    peer: Endpoint,
    calls: CallWindow,
}

/// `operation`, or a timed-out error when it takes longer than `limit`.
async fn within<T>(
    limit: Duration,
    operation: impl Future<Output = io::Result<T>>,
) -> io::Result<T> {
    tokio::time::timeout(limit, operation)
        .await
        .unwrap_or_else(|_| Err(io::ErrorKind::TimedOut.into()))
}

impl Session {
    /// Opens `proto`'s socket to `peer`. Must be called inside a tokio runtime, as must every
    /// other call on the session.
    pub async fn connect(
        peer: Endpoint,
        proto: Proto,
        framing: Framing,
        timeout: Duration,
    ) -> Result<Session, ClientError> {
        let mut calls = Vec::new();
        let socket = client::connect(&peer, proto, timeout, &mut calls).await?;
        let mut window = CallWindow::default();
        window.extend(calls);
        Ok(Session {
            socket,
            framing,
            timeout,
            peer,
            calls: window,
        })
    }

    pub fn peer(&self) -> &Endpoint {
        &self.peer
    }

    pub fn local_addr(&self) -> io::Result<Endpoint> {
        match &self.socket {
            ClientSocket::Stream(stream) => stream.local_endpoint(),
            ClientSocket::Datagram(socket) => socket.local_endpoint(),
        }
    }

    /// The socket calls made since the last call to this method (for `--trace`), at most
    /// [`CALL_WINDOW`] of them.
    pub fn take_calls(&mut self) -> TracedCalls {
        self.calls.take()
    }

    /// Sends one message and waits for its echo.
    pub async fn exchange(&mut self, message: &[u8]) -> Result<Exchange, ClientError> {
        let wire = framing::encode(self.framing, message)?;
        let started = Instant::now();
        let timeout = self.timeout;
        let reply = match &mut self.socket {
            ClientSocket::Stream(stream) => {
                within(timeout, stream.write_all(&wire)).await?;
                self.calls.push(Call::Send { bytes: wire.len() });
                let mut reply = vec![0u8; wire.len()];
                let mut received = 0;
                while received < wire.len() {
                    match within(timeout, stream.read(&mut reply[received..])).await {
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
                                waited: timeout,
                                received,
                                expected: wire.len(),
                            });
                        }
                        Err(error) => return Err(error.into()),
                    }
                }
                reply
            }
            ClientSocket::Datagram(socket) => {
                socket.send(&wire).await?;
                self.calls.push(Call::Send { bytes: wire.len() });
                let mut reply = vec![0u8; 65_536];
                let n = match within(timeout, socket.recv(&mut reply)).await {
                    Ok(n) => n,
                    Err(error) if is_timeout(&error) => {
                        return Err(ClientError::Timeout {
                            waited: timeout,
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
    pub async fn quit(&mut self) -> Result<QuitOutcome, ClientError> {
        let word = match self.framing {
            Framing::Line => framing::encode(self.framing, framing::QUIT_LINE)?,
            Framing::Raw => framing::QUIT_LINE.to_vec(),
            Framing::Length | Framing::Fixed(_) => return Ok(QuitOutcome::NotSpoken),
        };
        let ClientSocket::Stream(stream) = &mut self.socket else {
            return Ok(QuitOutcome::NotSpoken);
        };
        within(self.timeout, stream.write_all(&word)).await?;
        self.calls.push(Call::Send { bytes: word.len() });
        match self.await_close(&word).await? {
            AfterQuit::Closed => Ok(QuitOutcome::Closed),
            AfterQuit::EchoedBack if self.framing == Framing::Line => {
                let ClientSocket::Stream(stream) = &mut self.socket else {
                    return Ok(QuitOutcome::NotSpoken);
                };
                within(self.timeout, stream.write_all(framing::QUIT_LINE)).await?;
                self.calls.push(Call::Send {
                    bytes: framing::QUIT_LINE.len(),
                });
                let closed = self.await_close(framing::QUIT_LINE).await? == AfterQuit::Closed;
                Ok(QuitOutcome::EchoedQuitLine { closed })
            }
            AfterQuit::EchoedBack | AfterQuit::StillOpen => Ok(QuitOutcome::StillOpen),
        }
    }

    /// Reads until the server closes, sends `word` back, or [`QUIT_WAIT`] passes.
    async fn await_close(&mut self, word: &[u8]) -> Result<AfterQuit, ClientError> {
        let ClientSocket::Stream(stream) = &mut self.socket else {
            return Ok(AfterQuit::StillOpen);
        };
        let each_read = self.timeout.min(QUIT_WAIT);
        let started = Instant::now();
        let mut seen = Vec::with_capacity(word.len());
        let mut scratch = [0u8; 512];
        // Bounded by time: a server that keeps sending cannot hold the client here.
        while started.elapsed() < QUIT_WAIT {
            match within(each_read, stream.read(&mut scratch)).await {
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

    /// A second descriptor of the stream connection, to notice the server closing while the
    /// client waits for its user (None for datagrams, which have no connection to close).
    pub fn connection_handle(&self) -> Option<OwnedFd> {
        match &self.socket {
            ClientSocket::Stream(stream) => stream.as_fd().try_clone_to_owned().ok(),
            ClientSocket::Datagram(_) => None,
        }
    }

    /// Half-closes (a stream), then closes.
    pub async fn close(mut self) -> TracedCalls {
        if let ClientSocket::Stream(stream) = &mut self.socket {
            let _ = within(self.timeout, stream.shutdown()).await;
            self.calls.push(Call::Shutdown { how: "SHUT_WR" });
        }
        self.calls.push(Call::Close);
        self.calls.take()
    }
}

fn is_timeout(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

/// Outcome of sending generated messages (`--count`).
#[derive(Debug)]
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
    pub error: Option<ClientError>,
}

impl CountResult {
    pub fn clean(&self) -> bool {
        self.error.is_none() && self.mismatches == 0 && self.echoed == self.sent
    }
}

/// Sends `count` generated messages of `size` payload bytes one after another, verifying
/// each echo; stops at the first failure and keeps it. The socket calls of each exchange are
/// handed to `calls` as soon as it is over (to narrate, or to drop), so a run of any length
/// holds one message's worth of them.
pub async fn send_generated(
    session: &mut Session,
    proto: Proto,
    count: u64,
    size: usize,
    mut calls: impl FnMut(TracedCalls),
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
        let exchanged = session.exchange(&message).await;
        calls(session.take_calls());
        match exchanged {
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
                result.error = Some(error);
                break;
            }
        }
    }
    result.latency = histogram.as_ref().and_then(LatencyStats::from_histogram);
    result
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};

    use super::*;

    #[test]
    fn the_call_window_keeps_the_latest_calls_and_counts_the_rest() {
        let mut window = CallWindow::default();
        for bytes in 0..CALL_WINDOW * 3 + 5 {
            window.push(Call::Send { bytes });
            assert!(window.len() <= CALL_WINDOW);
        }
        let taken = window.take();
        assert_eq!(taken.calls.len(), CALL_WINDOW);
        assert_eq!(taken.dropped, (CALL_WINDOW * 2 + 5) as u64);
        // The newest survive, in order.
        assert_eq!(
            taken.calls.first(),
            Some(&Call::Send {
                bytes: CALL_WINDOW * 2 + 5
            })
        );
        assert_eq!(
            taken.calls.last(),
            Some(&Call::Send {
                bytes: CALL_WINDOW * 3 + 4
            })
        );
        // Taking empties it, the count too.
        assert!(window.is_empty());
        assert_eq!(window.take(), TracedCalls::default());
    }

    /// A run of many messages hands its calls out as it goes: the session never holds more
    /// than one exchange's.
    #[tokio::test]
    async fn a_long_count_run_holds_no_more_than_one_exchanges_calls() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let server = std::thread::spawn(move || {
            let (mut conn, _) = listener.accept().unwrap();
            let mut buf = [0u8; 4096];
            loop {
                match conn.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => conn.write_all(&buf[..n]).unwrap(),
                }
            }
        });
        let mut session = Session::connect(
            Endpoint::Inet(addr),
            Proto::Tcp,
            Framing::Line,
            Duration::from_secs(5),
        )
        .await
        .unwrap();
        let mut handed = 0;
        let mut most = 0;
        let result = send_generated(&mut session, Proto::Tcp, 3000, 8, |calls| {
            handed += calls.calls.len();
            most = most.max(calls.calls.len());
            assert_eq!(calls.dropped, 0);
        })
        .await;
        assert!(result.clean(), "{result:?}");
        assert!(session.calls.is_empty());
        assert!(handed >= 6000, "{handed}");
        assert!(most <= CALL_WINDOW, "{most}");
        drop(session.close().await);
        server.join().unwrap();
    }
}
