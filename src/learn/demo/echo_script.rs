//! `echo demo`: a server on 127.0.0.1 port 0 and scripted clients in one process, both sides
//! narrated into one log, so each socket call, frame and half-close can be watched in order.

use crate::app::text::t;
use crate::i18n::Lang;
use crate::tr;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpStream, UdpSocket};
use tokio_util::sync::CancellationToken;

use crate::net::echo::event::{Call, Events, Proto, Role, Summary};
use crate::net::echo::framing::{self, EncodeError, Framing};
use crate::net::echo::server::{ServerConfig, bind_tcp, family_name, serve_tcp};
use crate::net::echo::udp::{bind_udp, serve_udp};
use crate::net::echo::unix::UnixBindError;

/// Time given to the other side to act before the next step, so the log reads in the order
/// things happen (the steps themselves never depend on it).
pub(super) const SETTLE: Duration = Duration::from_millis(25);

#[derive(Clone, Debug)]
pub struct DemoConfig {
    pub protos: Vec<Proto>,
    pub framings: Vec<Framing>,
    /// Send, then shutdown(SHUT_WR), then read the echo until end of stream (TCP).
    pub half_close: bool,
    /// Clients connected at once (TCP): all connect, then all send, then all read.
    pub clients: usize,
    pub message: Vec<u8>,
    /// Longest wait for any echo.
    pub timeout: Duration,
    /// Instead of echoing, the server closes with the message unread: a reset (TCP).
    pub reset: bool,
}

/// Why a demo run stopped; [`demo_error`] words it.
#[derive(Debug)]
pub enum DemoError {
    /// The demo's message cannot be framed this way.
    Encode {
        framing: Framing,
        error: EncodeError,
    },
    /// The demo server's socket could not be made.
    Bind(std::io::Error),
    /// The demo server's socket file could not be bound.
    BindUnix(UnixBindError),
    /// A client's socket call failed.
    Client {
        client: usize,
        source: std::io::Error,
    },
    /// A client's echo did not come back whole in time.
    Timeout { client: usize, waited: Duration },
    /// A client's socket call (`step`, as C spells it) did not finish in time.
    Stalled {
        client: usize,
        step: &'static str,
        waited: Duration,
    },
    /// A client's echo differs from what it sent.
    Mismatch { client: usize },
}

/// Why a demo run stopped, in `lang`.
pub fn demo_error(lang: Lang, error: &DemoError) -> String {
    let waited = |waited: &Duration| format!("{waited:?}");
    match error {
        DemoError::Encode { framing, error } => t!(
            lang,
            "echo-demo-error-encode",
            framing = framing.to_string(),
            error = crate::app::echo::words::encode_error(lang, error)
        ),
        DemoError::Bind(error) => {
            t!(lang, "echo-demo-error-bind", error = error.to_string())
        }
        DemoError::BindUnix(error) => t!(
            lang,
            "echo-demo-error-bind",
            error = crate::app::echo::words::unix_bind_error(lang, error)
        ),
        DemoError::Client { client, source } => t!(
            lang,
            "echo-demo-error-client",
            client = client.to_string(),
            error = source.to_string()
        ),
        DemoError::Timeout { client, waited: w } => t!(
            lang,
            "echo-demo-error-timeout",
            client = client.to_string(),
            waited = waited(w)
        ),
        DemoError::Stalled {
            client,
            step,
            waited: w,
        } => t!(
            lang,
            "echo-demo-error-stalled",
            client = client.to_string(),
            step = *step,
            waited = waited(w)
        ),
        DemoError::Mismatch { client } => {
            t!(
                lang,
                "echo-demo-error-mismatch",
                client = client.to_string()
            )
        }
    }
}

/// One run per protocol and framing.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct DemoRun {
    pub proto: Proto,
    pub framing: Framing,
    pub server: crate::net::echo::endpoint::Endpoint,
    /// The bytes one message puts on the wire, framing included.
    pub wire: Vec<u8>,
    pub echoes_verified: usize,
    pub summary: Summary,
}

/// Hex bytes, with the printable ones shown as text after them.
pub fn describe_wire(wire: &[u8]) -> String {
    let hex: Vec<String> = wire.iter().map(|b| format!("{b:02x}")).collect();
    let text: String = wire
        .iter()
        .map(|&b| {
            if b.is_ascii_graphic() || b == b' ' {
                char::from(b)
            } else {
                '.'
            }
        })
        .collect();
    format!("{} |{text}|", hex.join(" "))
}

/// What a framing means for the reader, in one sentence.
pub fn framing_story(framing: Framing) -> String {
    match framing {
        Framing::Line => tr!("echo-story-line"),
        Framing::Length => tr!("echo-story-length"),
        Framing::Fixed(size) => tr!("echo-story-fixed", size = size),
        Framing::Raw => tr!("echo-story-raw"),
    }
}

/// Runs every protocol × framing in turn, narrating into `events` (server and client sides).
pub async fn run(config: &DemoConfig, events: Events) -> Result<Vec<DemoRun>, DemoError> {
    let mut runs = Vec::new();
    for &proto in &config.protos {
        for &framing in &config.framings {
            let wire = framing::encode(framing, &config.message)
                .map_err(|error| DemoError::Encode { framing, error })?;
            if config.reset && proto == Proto::Tcp {
                run_reset(config, &wire, &events).await?;
                continue;
            }
            let run = match proto {
                Proto::Tcp => run_tcp(config, framing, wire, &events).await?,
                Proto::Udp => run_udp(config, framing, wire, &events).await?,
                Proto::Unix | Proto::UnixDgram => {
                    super::unix::run(config, proto, framing, wire, &events).await?
                }
            };
            runs.push(run);
        }
    }
    Ok(runs)
}

/// Longest the demo server is given to stop once told to.
const STOP_GRACE: Duration = Duration::from_secs(2);

/// Lets the last log lines arrive, stops the server and returns its totals. Runs on every
/// path, failures included: the server task holds the log's sender, and the log's reader
/// waits until every sender is gone.
pub(super) async fn stop_server(
    shutdown: CancellationToken,
    mut task: tokio::task::JoinHandle<Summary>,
) -> Summary {
    tokio::time::sleep(SETTLE).await;
    shutdown.cancel();
    match tokio::time::timeout(STOP_GRACE, &mut task).await {
        Ok(summary) => summary.unwrap_or_default(),
        Err(_) => {
            task.abort();
            Summary::default()
        }
    }
}

/// `step` within `limit`, else a `Stalled` error for `client`.
pub(super) async fn within<T>(
    client: usize,
    step: &'static str,
    limit: Duration,
    work: impl std::future::Future<Output = std::io::Result<T>>,
) -> Result<T, DemoError> {
    match tokio::time::timeout(limit, work).await {
        Ok(result) => result.map_err(|source| DemoError::Client { client, source }),
        Err(_) => Err(DemoError::Stalled {
            client,
            step,
            waited: limit,
        }),
    }
}

/// Says what the server is, then narrates the calls that set it up.
pub(super) async fn announce(server_events: &Events, story: String, setup: Vec<Call>) {
    server_events.note(story).await;
    for call in setup {
        server_events.call(None, call).await;
    }
}

pub(super) fn server_config(framing: Framing) -> ServerConfig {
    ServerConfig {
        framing,
        ..ServerConfig::default()
    }
}

async fn run_tcp(
    config: &DemoConfig,
    framing: Framing,
    wire: Vec<u8>,
    events: &Events,
) -> Result<DemoRun, DemoError> {
    let server_events = events.for_role(Role::Server);
    let client_events = events.for_role(Role::Client);
    let (listener, setup) =
        bind_tcp(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), 128).map_err(DemoError::Bind)?;
    let server = listener.local_addr().map_err(DemoError::Bind)?;
    let story = tr!(
        "echo-demo-server-tcp",
        server = server.to_string(),
        story = framing_story(framing)
    );
    announce(&server_events, story, setup).await;
    let shutdown = CancellationToken::new();
    let task = tokio::spawn(serve_tcp(
        listener,
        server_config(framing),
        server_events.clone(),
        shutdown.clone(),
    ));

    let verified = tcp_clients(config, framing, server, &wire, &client_events).await;
    let summary = stop_server(shutdown, task).await;
    Ok(DemoRun {
        proto: Proto::Tcp,
        framing,
        server: server.into(),
        wire,
        echoes_verified: verified?,
        summary,
    })
}

/// The client side of the TCP run: connect, send, read back; every step within the demo's
/// time limit (a loopback that is down fails at once, a stuck one within the limit).
async fn tcp_clients(
    config: &DemoConfig,
    framing: Framing,
    server: SocketAddr,
    wire: &[u8],
    client_events: &Events,
) -> Result<usize, DemoError> {
    let clients = config.clients.max(1);
    let mut streams = Vec::with_capacity(clients);
    for client in 1..=clients {
        let error = |source| DemoError::Client { client, source };
        client_events
            .call(
                None,
                Call::Socket {
                    family: family_name(server),
                    kind: "SOCK_STREAM",
                },
            )
            .await;
        let stream = within(
            client,
            "connect()",
            config.timeout,
            TcpStream::connect(server),
        )
        .await?;
        stream.set_nodelay(true).map_err(error)?;
        client_events
            .call(None, Call::Connect { addr: server })
            .await;
        streams.push(stream);
        tokio::time::sleep(SETTLE).await;
    }
    if clients > 1 {
        client_events
            .note(tr!("echo-demo-clients-at-once", clients = clients))
            .await;
    }
    // Raw framing without a half-close has no end mark: the demo closes to end the message.
    let half_close = config.half_close || framing == Framing::Raw;
    for (index, stream) in streams.iter_mut().enumerate() {
        let client = index + 1;
        client_events
            .note(tr!(
                "echo-demo-sending",
                bytes = wire.len(),
                wire = describe_wire(wire)
            ))
            .await;
        within(client, "send()", config.timeout, stream.write_all(wire)).await?;
        client_events
            .call(None, Call::Send { bytes: wire.len() })
            .await;
        if half_close {
            within(client, "shutdown()", config.timeout, stream.shutdown()).await?;
            client_events
                .call(None, Call::Shutdown { how: "SHUT_WR" })
                .await;
            client_events.note(tr!("echo-demo-write-side-closed")).await;
        }
        tokio::time::sleep(SETTLE).await;
    }
    let mut verified = 0;
    for (index, stream) in streams.iter_mut().enumerate() {
        let client = index + 1;
        let echoed = read_echo(stream, wire, half_close, config.timeout, client_events)
            .await
            .map_err(|source| DemoError::Client { client, source })?
            .ok_or(DemoError::Timeout {
                client,
                waited: config.timeout,
            })?;
        if echoed != wire {
            return Err(DemoError::Mismatch { client });
        }
        verified += 1;
        client_events
            .note(tr!("echo-demo-verified", bytes = echoed.len()))
            .await;
    }
    for stream in streams {
        drop(stream);
        client_events.call(None, Call::Close).await;
    }
    Ok(verified)
}

/// A server that closes a connection with the client's message unread in its receive queue:
/// its kernel resets the connection, and the client's next recv() fails.
async fn run_reset(config: &DemoConfig, wire: &[u8], events: &Events) -> Result<(), DemoError> {
    let server_events = events.for_role(Role::Server);
    let client_events = events.for_role(Role::Client);
    let (listener, setup) =
        bind_tcp(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), 128).map_err(DemoError::Bind)?;
    let server = listener.local_addr().map_err(DemoError::Bind)?;
    let story = tr!("demo-reset-server", server = server.to_string());
    announce(&server_events, story, setup).await;
    let error = |source| DemoError::Client { client: 1, source };
    client_events
        .call(
            None,
            Call::Socket {
                family: family_name(server),
                kind: "SOCK_STREAM",
            },
        )
        .await;
    let mut stream = within(1, "connect()", config.timeout, TcpStream::connect(server)).await?;
    stream.set_nodelay(true).map_err(error)?;
    client_events
        .call(None, Call::Connect { addr: server })
        .await;
    let (conn, peer) = within(1, "accept()", config.timeout, listener.accept()).await?;
    server_events
        .call(Some(1), Call::Accept { peer: peer.into() })
        .await;
    client_events
        .note(tr!(
            "demo-reset-sending",
            bytes = wire.len(),
            wire = describe_wire(wire)
        ))
        .await;
    within(1, "send()", config.timeout, stream.write_all(wire)).await?;
    client_events
        .call(None, Call::Send { bytes: wire.len() })
        .await;
    // Wait until the whole message sits in the server's receive queue, without reading it.
    let mut peeked = vec![0u8; wire.len().max(1)];
    let deadline = crate::net::echo::deadline_after(config.timeout);
    loop {
        let waiting = within(1, "peek()", config.timeout, conn.peek(&mut peeked)).await?;
        if waiting >= wire.len() || tokio::time::Instant::now() >= deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    drop(conn);
    server_events.call(Some(1), Call::Close).await;
    server_events
        .note(tr!(
            "demo-reset-closed",
            bytes = crate::output::words::count(wire.len() as u64, "byte", "bytes")
        ))
        .await;
    let mut buf = [0u8; 1024];
    match tokio::time::timeout(config.timeout, stream.read(&mut buf)).await {
        Ok(Ok(bytes)) => client_events.call(None, Call::Recv { bytes }).await,
        Ok(Err(error)) if error.kind() == std::io::ErrorKind::ConnectionReset => {
            client_events.note(tr!("demo-reset-recv-fails")).await;
        }
        Ok(Err(source)) => return Err(DemoError::Client { client: 1, source }),
        Err(_) => {
            return Err(DemoError::Stalled {
                client: 1,
                step: "recv()",
                waited: config.timeout,
            });
        }
    }
    drop(stream);
    client_events.call(None, Call::Close).await;
    drop(listener);
    server_events.call(None, Call::Close).await;
    Ok(())
}

/// Reads until the whole echo is in (or, after a half-close, until end of stream); None when
/// the time runs out.
pub(super) async fn read_echo<S: tokio::io::AsyncRead + Unpin>(
    stream: &mut S,
    wire: &[u8],
    to_end: bool,
    timeout: Duration,
    events: &Events,
) -> std::io::Result<Option<Vec<u8>>> {
    let mut echoed = Vec::with_capacity(wire.len());
    let mut buf = vec![0u8; 64 * 1024];
    let deadline = crate::net::echo::deadline_after(timeout);
    loop {
        if !to_end && echoed.len() >= wire.len() {
            return Ok(Some(echoed));
        }
        let read = tokio::time::timeout_at(deadline, stream.read(&mut buf)).await;
        let Ok(read) = read else {
            return Ok(None);
        };
        let n = read?;
        events.call(None, Call::Recv { bytes: n }).await;
        if n == 0 {
            return Ok(Some(echoed));
        }
        echoed.extend_from_slice(&buf[..n]);
    }
}

async fn run_udp(
    config: &DemoConfig,
    framing: Framing,
    wire: Vec<u8>,
    events: &Events,
) -> Result<DemoRun, DemoError> {
    let server_events = events.for_role(Role::Server);
    let client_events = events.for_role(Role::Client);
    let (socket, setup) =
        bind_udp(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).map_err(DemoError::Bind)?;
    let server = socket.local_addr().map_err(DemoError::Bind)?;
    let story = tr!("echo-demo-server-udp", server = server.to_string());
    announce(&server_events, story, setup).await;
    let shutdown = CancellationToken::new();
    let task = tokio::spawn(serve_udp(
        socket,
        server_config(framing),
        server_events.clone(),
        shutdown.clone(),
    ));
    let verified = udp_client(config, server, &wire, &client_events).await;
    let summary = stop_server(shutdown, task).await;
    verified?;
    Ok(DemoRun {
        proto: Proto::Udp,
        framing,
        server: server.into(),
        wire,
        echoes_verified: 1,
        summary,
    })
}

/// The client side of the UDP run: one datagram out, its echo back within the time limit.
async fn udp_client(
    config: &DemoConfig,
    server: SocketAddr,
    wire: &[u8],
    client_events: &Events,
) -> Result<(), DemoError> {
    let error = |source| DemoError::Client { client: 1, source };
    client_events
        .call(
            None,
            Call::Socket {
                family: family_name(server),
                kind: "SOCK_DGRAM",
            },
        )
        .await;
    let client = UdpSocket::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .map_err(error)?;
    let local = client.local_addr().map_err(error)?;
    client_events.call(None, Call::Bind { addr: local }).await;
    client_events
        .note(tr!(
            "echo-demo-sending-datagram",
            bytes = wire.len(),
            wire = describe_wire(wire)
        ))
        .await;
    within(1, "sendto()", config.timeout, client.send_to(wire, server)).await?;
    client_events
        .call(
            None,
            Call::Sendto {
                peer: server,
                bytes: wire.len(),
            },
        )
        .await;
    let mut buf = vec![0u8; 64 * 1024];
    let received = tokio::time::timeout(config.timeout, client.recv_from(&mut buf)).await;
    let Ok(received) = received else {
        return Err(DemoError::Timeout {
            client: 1,
            waited: config.timeout,
        });
    };
    let (n, peer) = received.map_err(error)?;
    client_events
        .call(None, Call::Recvfrom { peer, bytes: n })
        .await;
    if buf[..n] != wire[..] {
        return Err(DemoError::Mismatch { client: 1 });
    }
    client_events
        .note(tr!("echo-demo-verified-datagram", bytes = n))
        .await;
    drop(client);
    client_events.call(None, Call::Close).await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_errors_are_worded_in_both_languages() {
        let stalled = DemoError::Stalled {
            client: 2,
            step: "recv()",
            waited: Duration::from_secs(5),
        };
        assert_eq!(
            demo_error(Lang::En, &stalled),
            "client 2: recv() did not finish within 5s"
        );
        assert_eq!(
            demo_error(Lang::Ja, &stalled),
            "クライアント 2: recv() が 5s 以内に終わりませんでした"
        );
        let mismatch = DemoError::Mismatch { client: 1 };
        assert_eq!(
            demo_error(Lang::En, &mismatch),
            "client 1: the echo differs from what was sent"
        );
        assert!(demo_error(Lang::Ja, &mismatch).contains("送ったものと違います"));
        let encode = DemoError::Encode {
            framing: Framing::Fixed(4),
            error: EncodeError::WrongFixedSize { len: 5, size: 4 },
        };
        assert_eq!(
            demo_error(Lang::En, &encode),
            "fixed:4 framing cannot carry this message: message is 5 bytes but fixed framing \
             needs exactly 4"
        );
        let bind = DemoError::BindUnix(UnixBindError::InUse {
            path: "/tmp/demo.sock".into(),
        });
        let ja = demo_error(Lang::Ja, &bind);
        assert!(
            ja.starts_with("デモのサーバーを起動できませんでした: /tmp/demo.sock で"),
            "{ja}"
        );
        let timeout = DemoError::Timeout {
            client: 3,
            waited: Duration::from_millis(250),
        };
        assert_eq!(
            demo_error(Lang::En, &timeout),
            "client 3: no complete echo within 250ms"
        );
    }

    #[test]
    fn wire_bytes_are_shown_as_hex_and_text() {
        assert_eq!(describe_wire(b"hi\n"), "68 69 0a |hi.|");
        assert_eq!(
            describe_wire(&[0, 0, 0, 2, b'h', b'i']),
            "00 00 00 02 68 69 |....hi|"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_framing_over_tcp_and_udp_echoes_byte_for_byte() {
        let (events, mut received) = Events::channel(Role::Server, true);
        let printer = tokio::spawn(async move {
            let mut count = 0;
            while received.recv().await.is_some() {
                count += 1;
            }
            count
        });
        let config = DemoConfig {
            protos: vec![Proto::Tcp, Proto::Udp],
            framings: vec![
                Framing::Line,
                Framing::Length,
                Framing::Fixed(5),
                Framing::Raw,
            ],
            half_close: false,
            clients: 2,
            message: b"hello".to_vec(),
            timeout: Duration::from_secs(5),
            reset: false,
        };
        let runs = run(&config, events).await.unwrap();
        assert_eq!(runs.len(), 8);
        assert_eq!(runs[0].wire, b"hello\n");
        assert_eq!(runs[1].wire, b"\0\0\0\x05hello");
        assert_eq!(runs[0].echoes_verified, 2);
        assert_eq!(runs[0].summary.connections, 2);
        assert_eq!(runs[4].proto, Proto::Udp);
        assert!(printer.await.unwrap() > 40);
    }
}
