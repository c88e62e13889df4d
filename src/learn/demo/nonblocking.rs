//! `echo demo --nonblocking`: a recv that returns at once with EWOULDBLOCK (Python's
//! `BlockingIOError`), a connect still in progress (EINPROGRESS), waiting for readiness with
//! poll/select, and beside it the blocking spelling with how long its recv stood still.

use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use serde::Serialize;
use socket2::{Domain, Protocol, Socket, Type};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::echo_run::DemoError;
use super::story::{Say, Step};
use crate::net::echo::endpoint::Endpoint;
use crate::net::echo::event::{Call, Role};
use crate::net::echo::server::family_name;

/// How long the demo's server holds each echo: long enough that the client's first recv
/// surely finds nothing, short enough not to bore.
pub const DEFAULT_DELAY: Duration = Duration::from_millis(300);

/// What the demo measured.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NonblockingRun {
    pub server: Endpoint,
    pub delay_ms: f64,
    /// The non-blocking connect said EINPROGRESS (false: it completed at once).
    pub connect_in_progress: bool,
    /// How long the non-blocking recv took to say EWOULDBLOCK.
    pub would_block_us: f64,
    /// How long poll() waited for the echo.
    pub poll_waited_ms: f64,
    /// How long the blocking recv stood still.
    pub blocking_waited_ms: f64,
    pub echoes_verified: usize,
}

/// Runs both clients against a server that answers after `delay`.
pub async fn run(
    message: Vec<u8>,
    delay: Duration,
    timeout: Duration,
    events: Say,
) -> Result<NonblockingRun, DemoError> {
    let server_events = events.for_role(Role::Server);
    let client_events = events.for_role(Role::Client);
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .map_err(DemoError::Bind)?;
    let addr = listener.local_addr().map_err(DemoError::Bind)?;
    server_events
        .step(Step::NonblockingServer {
            server: addr,
            delay,
        })
        .await;
    let server = tokio::spawn(delayed_echo(listener, delay, timeout, server_events));
    let handle = tokio::runtime::Handle::current();
    let client = tokio::task::spawn_blocking(move || {
        let nonblocking = nonblocking_client(addr, &message, timeout, &client_events, &handle)?;
        let blocking = blocking_client(addr, &message, timeout, &client_events, &handle)?;
        Ok::<_, DemoError>((nonblocking, blocking))
    });
    let joined = client.await.map_err(|_| DemoError::Stopped);
    server.abort();
    let ((connect_in_progress, would_block, poll_waited), blocking_waited) = joined??;
    Ok(NonblockingRun {
        server: addr.into(),
        delay_ms: delay.as_secs_f64() * 1000.0,
        connect_in_progress,
        would_block_us: would_block.as_secs_f64() * 1e6,
        poll_waited_ms: poll_waited.as_secs_f64() * 1000.0,
        blocking_waited_ms: blocking_waited.as_secs_f64() * 1000.0,
        echoes_verified: 2,
    })
}

/// Accepts connections and echoes what each sends, `delay` later. Bounded: every read and
/// the whole connection have the demo's time limit.
async fn delayed_echo(listener: TcpListener, delay: Duration, timeout: Duration, events: Say) {
    let mut conn = 0u64;
    while let Ok((mut stream, peer)) = listener.accept().await {
        conn += 1;
        events
            .call(Some(conn), Call::Accept { peer: peer.into() })
            .await;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let Ok(Ok(n)) = tokio::time::timeout(timeout, stream.read(&mut buf)).await else {
                break;
            };
            events
                .call_data(Some(conn), Call::Recv { bytes: n }, &buf[..n])
                .await;
            if n == 0 {
                break;
            }
            tokio::time::sleep(delay).await;
            if stream.write_all(&buf[..n]).await.is_err() {
                break;
            }
            events
                .call_data(Some(conn), Call::Send { bytes: n }, &buf[..n])
                .await;
        }
        events.call(Some(conn), Call::Close).await;
    }
}

/// Emits from the client's own thread (the blocking calls must not hold up the runtime).
struct Narrator<'a> {
    events: &'a Say,
    handle: &'a tokio::runtime::Handle,
}

impl Narrator<'_> {
    fn call(&self, call: Call) {
        self.handle.block_on(self.events.call(None, call));
    }

    fn step(&self, step: Step) {
        self.handle.block_on(self.events.step(step));
    }
}

/// errno's name, number and text as Python shows them.
fn unfinished(function: &str, python_call: String, error: &io::Error) -> Call {
    let code = error.raw_os_error().unwrap_or(0);
    let errno = match code {
        libc::EINPROGRESS => "EINPROGRESS",
        // EAGAIN and EWOULDBLOCK are the same number on Linux.
        libc::EAGAIN => "EAGAIN (EWOULDBLOCK)",
        _ => "error",
    };
    let text = error.to_string();
    let message = match text.find(" (os error") {
        Some(end) => text[..end].to_string(),
        None => text,
    };
    Call::Unfinished {
        function: function.to_string(),
        python_call,
        errno,
        code,
        message,
    }
}

/// Waits until `socket` is readable or writable, at most `timeout`; how long it took.
fn wait_ready(socket: &Socket, read: bool, timeout: Duration) -> io::Result<(bool, Duration)> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let flags = if read { PollFlags::IN } else { PollFlags::OUT };
    let started = Instant::now();
    loop {
        let left = timeout.saturating_sub(started.elapsed());
        let spec = Timespec {
            tv_sec: i64::try_from(left.as_secs()).unwrap_or(i64::MAX),
            tv_nsec: i64::from(left.subsec_nanos()),
        };
        let mut fds = [PollFd::new(socket, flags)];
        match poll(&mut fds, Some(&spec)) {
            Ok(0) => return Ok((false, started.elapsed())),
            Ok(_) => return Ok((true, started.elapsed())),
            Err(rustix::io::Errno::INTR) => continue,
            Err(errno) => return Err(errno.into()),
        }
    }
}

fn client_error(source: io::Error) -> DemoError {
    DemoError::Client { client: 1, source }
}

/// The non-blocking client: EINPROGRESS, EWOULDBLOCK, poll, then the data.
fn nonblocking_client(
    addr: SocketAddr,
    message: &[u8],
    timeout: Duration,
    events: &Say,
    handle: &tokio::runtime::Handle,
) -> Result<(bool, Duration, Duration), DemoError> {
    let say = Narrator { events, handle };
    let timeout_ms = timeout.as_millis() as u64;
    let socket =
        Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).map_err(client_error)?;
    say.call(Call::Socket {
        family: family_name(addr),
        kind: "SOCK_STREAM",
    });
    socket.set_nonblocking(true).map_err(client_error)?;
    say.call(Call::SetBlocking { blocking: false });
    say.step(Step::NonblockingSet);
    let python_connect = format!("s.connect((\"{}\", {}))", addr.ip(), addr.port());
    let in_progress = match socket.connect(&addr.into()) {
        Ok(()) => {
            say.call(Call::Connect { addr });
            false
        }
        Err(error) if error.raw_os_error() == Some(libc::EINPROGRESS) => {
            say.call(unfinished(
                &format!("connect({addr})"),
                python_connect,
                &error,
            ));
            say.step(Step::ConnectInProgress);
            let (ready, waited) = wait_ready(&socket, false, timeout).map_err(client_error)?;
            say.call(Call::Poll {
                want: "write",
                timeout_ms,
                waited_ms: waited.as_secs_f64() * 1000.0,
                ready,
            });
            if !ready {
                return Err(DemoError::Stalled {
                    client: 1,
                    step: "connect()",
                    waited: timeout,
                });
            }
            if let Some(error) = socket.take_error().map_err(client_error)? {
                return Err(client_error(error));
            }
            say.step(Step::Connected);
            true
        }
        Err(error) => return Err(client_error(error)),
    };
    let mut socket = socket;
    socket.write_all(message).map_err(client_error)?;
    say.call(Call::Send {
        bytes: message.len(),
    });
    let started = Instant::now();
    let would_block = match socket.read(&mut [0u8; 1024]) {
        Err(error) if error.kind() == io::ErrorKind::WouldBlock => {
            let took = started.elapsed();
            say.call(unfinished(
                "recv()",
                "data = s.recv(1024)".to_string(),
                &error,
            ));
            say.step(Step::WouldBlock { took });
            took
        }
        Ok(_) => return Err(DemoError::Early { client: 1 }),
        Err(error) => return Err(client_error(error)),
    };
    let mut echoed = Vec::with_capacity(message.len());
    let mut poll_waited = Duration::ZERO;
    let mut buf = vec![0u8; 64 * 1024];
    // Bounded: each round waits at most the time limit, and a round without data ends it.
    while echoed.len() < message.len() {
        let (ready, waited) = wait_ready(&socket, true, timeout).map_err(client_error)?;
        say.call(Call::Poll {
            want: "read",
            timeout_ms,
            waited_ms: waited.as_secs_f64() * 1000.0,
            ready,
        });
        poll_waited += waited;
        if !ready {
            return Err(DemoError::Timeout {
                client: 1,
                waited: timeout,
            });
        }
        match socket.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                say.call(Call::Recv { bytes: n });
                echoed.extend_from_slice(&buf[..n]);
            }
            Err(error) if error.kind() == io::ErrorKind::WouldBlock => continue,
            Err(error) => return Err(client_error(error)),
        }
    }
    if echoed != message {
        return Err(DemoError::Mismatch { client: 1 });
    }
    say.step(Step::Polled {
        waited: poll_waited,
        wire: echoed.clone(),
    });
    drop(socket);
    say.call(Call::Close);
    Ok((in_progress, would_block, poll_waited))
}

/// The blocking spelling: recv simply stops the program until the echo is there.
fn blocking_client(
    addr: SocketAddr,
    message: &[u8],
    timeout: Duration,
    events: &Say,
    handle: &tokio::runtime::Handle,
) -> Result<Duration, DemoError> {
    let say = Narrator { events, handle };
    say.step(Step::BlockingSocket);
    say.call(Call::Socket {
        family: family_name(addr),
        kind: "SOCK_STREAM",
    });
    let mut stream = std::net::TcpStream::connect_timeout(&addr, timeout).map_err(client_error)?;
    say.call(Call::Connect { addr });
    stream
        .set_read_timeout(Some(timeout))
        .map_err(client_error)?;
    stream.write_all(message).map_err(client_error)?;
    say.call(Call::Send {
        bytes: message.len(),
    });
    let started = Instant::now();
    let mut echoed = vec![0u8; message.len()];
    stream.read_exact(&mut echoed).map_err(client_error)?;
    let waited = started.elapsed();
    say.call(Call::Recv {
        bytes: echoed.len(),
    });
    if echoed != message {
        return Err(DemoError::Mismatch { client: 2 });
    }
    say.step(Step::StoodStill { waited });
    drop(stream);
    say.call(Call::Close);
    Ok(waited)
}
