//! The echo server in-process on 127.0.0.1:0 and on a Unix socket in a private directory:
//! framings, half-close, limits, shutdown (every stream test runs over both), UDP.

use std::sync::LazyLock;
use std::time::Duration;

use crate::common::{InProcessServer, StreamKind, WAIT};
use netlearn::net::echo::conn::Conn;
use netlearn::net::echo::endpoint::Endpoint;
use netlearn::net::echo::event::{CloseReason, Event};
use netlearn::net::echo::event::{Events, Role};
use netlearn::net::echo::framing::{self, Framing};
use netlearn::net::echo::server::ServerConfig;
use netlearn::net::echo::udp::{bind_udp, serve_udp};
use proptest::prelude::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::UdpSocket;
use tokio_util::sync::CancellationToken;

fn config(framing: Framing) -> ServerConfig {
    ServerConfig {
        framing,
        ..ServerConfig::default()
    }
}

/// Runs a stream test over TCP and over a Unix domain socket: `name::tcp` and `name::unix`.
macro_rules! tcp_and_unix {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn tcp() {
                super::$name(super::StreamKind::Tcp).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn unix() {
                super::$name(super::StreamKind::Unix).await
            }
        }
    };
}

/// A client connection to the server, whichever its kind.
async fn connect(server: &InProcessServer) -> Conn {
    Conn::connect(&server.endpoint, WAIT)
        .await
        .expect("connect")
}

/// Writes `wire`, half-closes, and reads until the server closes: what came back.
async fn round_trip(endpoint: &Endpoint, wire: &[u8]) -> Vec<u8> {
    let stream = Conn::connect(endpoint, WAIT).await.expect("connect");
    let (mut reader, mut writer) = stream.into_split();
    let send = async {
        writer.write_all(wire).await.expect("write");
        writer.shutdown().await.expect("half-close");
    };
    let receive = async {
        let mut echoed = Vec::new();
        reader.read_to_end(&mut echoed).await.expect("read");
        echoed
    };
    let ((), echoed) = tokio::time::timeout(WAIT, async { tokio::join!(send, receive) })
        .await
        .expect("round trip finished in time");
    echoed
}

/// Writes without reading until writes stall for 500 ms (or `cap` bytes went out); returns
/// how many bytes the connection accepted.
async fn write_until_stalled(stream: &mut Conn, cap: usize) -> usize {
    let chunk = vec![7u8; 64 * 1024];
    let mut written = 0usize;
    while written < cap {
        match tokio::time::timeout(Duration::from_millis(500), stream.write(&chunk)).await {
            Err(_) => break,
            Ok(Ok(n)) => written += n,
            Ok(Err(e)) => panic!("write failed: {e}"),
        }
    }
    written
}

static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
});

fn framings() -> impl Strategy<Value = Framing> {
    prop_oneof![
        Just(Framing::Line),
        Just(Framing::Length),
        Just(Framing::Raw),
        (1usize..64).prop_map(Framing::Fixed),
    ]
}

/// Whether a line-framed stream contains the quit line (which ends the echo by design).
fn has_quit_line(data: &[u8]) -> bool {
    data.split(|&b| b == b'\n')
        .any(|line| line.strip_suffix(b"\r").unwrap_or(line) == framing::QUIT_LINE)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any bytes (NUL, invalid UTF-8, split anywhere) come back exactly, in every framing.
    #[test]
    fn stream_echo_is_byte_exact(unix in any::<bool>(), framing in framings(), data in proptest::collection::vec(any::<u8>(), 0..20_000)) {
        prop_assume!(framing != Framing::Line || !has_quit_line(&data));
        let wire = match framing {
            Framing::Length => data.chunks(997).flat_map(|chunk| framing::encode(framing, chunk).unwrap()).collect(),
            _ => data.clone(),
        };
        let echoed = RUNTIME.block_on(async {
            let kind = if unix { StreamKind::Unix } else { StreamKind::Tcp };
            let server = InProcessServer::stream(kind, config(framing));
            let echoed = round_trip(&server.endpoint, &wire).await;
            server.stop().await;
            echoed
        });
        prop_assert_eq!(echoed, wire, "unix: {}", unix);
    }
}

tcp_and_unix!(multibyte_character_split_across_writes_comes_back_whole);
async fn multibyte_character_split_across_writes_comes_back_whole(kind: StreamKind) {
    let server = InProcessServer::stream(kind, config(Framing::Line));
    let mut stream = connect(&server).await;
    let text = "grüße, 世界\n".as_bytes();
    // Split inside the two-byte ü and inside the three-byte 世.
    for part in [&text[..3], &text[3..11], &text[11..]] {
        stream.write_all(part).await.unwrap();
        stream.flush().await.unwrap();
    }
    let mut echoed = vec![0u8; text.len()];
    tokio::time::timeout(WAIT, stream.read_exact(&mut echoed))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(std::str::from_utf8(&echoed).unwrap(), "grüße, 世界\n");
    server.stop().await;
}

tcp_and_unix!(half_close_gets_everything_in_flight_then_eof);
async fn half_close_gets_everything_in_flight_then_eof(kind: StreamKind) {
    let server = InProcessServer::stream(kind, config(Framing::Line));
    // The last line has no newline: it is still echoed after the half-close.
    let echoed = round_trip(&server.endpoint, b"first\nsecond\nno newline").await;
    assert_eq!(echoed, b"first\nsecond\nno newline");
    let summary = server.stop().await;
    assert_eq!(summary.bytes_in, summary.bytes_out);
}

tcp_and_unix!(quit_line_closes_only_that_connection);
async fn quit_line_closes_only_that_connection(kind: StreamKind) {
    let mut server = InProcessServer::stream(kind, config(Framing::Line));
    let echoed = round_trip(&server.endpoint, b"hello\nquit\nnever echoed\n").await;
    assert_eq!(echoed, b"hello\n");
    server
        .wait_for(|e| {
            matches!(
                e,
                Event::Closed {
                    reason: CloseReason::Quit,
                    ..
                }
            )
        })
        .await;
    assert_eq!(
        round_trip(&server.endpoint, b"still serving\n").await,
        b"still serving\n"
    );
    server.stop().await;
}

tcp_and_unix!(thousand_concurrent_clients_are_each_echoed);
async fn thousand_concurrent_clients_are_each_echoed(kind: StreamKind) {
    netlearn::app::process::raise_fd_limit();
    let server = InProcessServer::stream(kind, config(Framing::Line));
    let endpoint = server.endpoint.clone();
    // Connect all first so they really are open at the same time, then talk.
    let mut streams = Vec::new();
    for _ in 0..1000 {
        streams.push(Conn::connect(&endpoint, WAIT).await.expect("connect"));
    }
    let mut tasks = tokio::task::JoinSet::new();
    for (i, mut stream) in streams.into_iter().enumerate() {
        tasks.spawn(async move {
            let message = format!("client {i} says hello\n");
            stream.write_all(message.as_bytes()).await.unwrap();
            let mut echoed = vec![0u8; message.len()];
            stream.read_exact(&mut echoed).await.unwrap();
            assert_eq!(echoed, message.as_bytes());
        });
    }
    let mut done = 0;
    while let Some(joined) = tokio::time::timeout(WAIT, tasks.join_next()).await.unwrap() {
        joined.unwrap();
        done += 1;
    }
    assert_eq!(done, 1000);
    let summary = server.stop().await;
    assert_eq!(summary.connections, 1000);
}

tcp_and_unix!(frame_over_max_frame_closes_that_connection_with_a_reason);
async fn frame_over_max_frame_closes_that_connection_with_a_reason(kind: StreamKind) {
    for framing in [Framing::Line, Framing::Length] {
        let mut server = InProcessServer::stream(
            kind,
            ServerConfig {
                max_frame: 16,
                ..config(framing)
            },
        );
        let small = framing::encode(framing, b"fits").unwrap();
        let big = framing::encode(framing, &[b'x'; 100]).unwrap();
        let stream = [small.clone(), big].concat();
        let echoed = round_trip(&server.endpoint, &stream).await;
        assert_eq!(echoed, small, "{framing}");
        let closed = server.wait_for(|e| matches!(e, Event::Closed { .. })).await;
        let Event::Closed { reason, .. } = closed else {
            unreachable!()
        };
        assert_eq!(
            reason,
            CloseReason::FrameTooLong {
                len: 100,
                max: 16,
                prefix_text: None
            },
            "{framing}"
        );
        assert_eq!(round_trip(&server.endpoint, &small).await, small);
        server.stop().await;
    }
}

tcp_and_unix!(client_that_never_reads_cannot_grow_server_memory);
async fn client_that_never_reads_cannot_grow_server_memory(kind: StreamKind) {
    let server = InProcessServer::stream(kind, config(Framing::Raw));
    let mut hog = connect(&server).await;
    // Write without ever reading. Once the server stops reading (its echo is stuck), the
    // socket buffers fill and writes stall; without backpressure this would run to the cap.
    let written = write_until_stalled(&mut hog, 256 * 1024 * 1024).await;
    assert!(
        written < 64 * 1024 * 1024,
        "server kept reading from a peer that never reads: {written} bytes accepted"
    );
    // Everyone else is still served.
    assert_eq!(
        round_trip(&server.endpoint, b"others fine").await,
        b"others fine"
    );
    drop(hog);
    server.stop().await;
}

tcp_and_unix!(idle_connection_is_closed_after_the_timeout);
async fn idle_connection_is_closed_after_the_timeout(kind: StreamKind) {
    let mut server = InProcessServer::stream(
        kind,
        ServerConfig {
            idle_timeout: Some(Duration::from_millis(200)),
            ..config(Framing::Line)
        },
    );
    let mut stream = connect(&server).await;
    let mut buf = [0u8; 16];
    let n = tokio::time::timeout(WAIT, stream.read(&mut buf))
        .await
        .unwrap()
        .unwrap_or(0);
    assert_eq!(n, 0, "idle connection is closed");
    let closed = server.wait_for(|e| matches!(e, Event::Closed { .. })).await;
    assert!(matches!(
        closed,
        Event::Closed {
            reason: CloseReason::IdleTimeout { .. },
            ..
        }
    ));
    server.stop().await;
}

tcp_and_unix!(max_conns_refuses_the_extra_connection_only);
async fn max_conns_refuses_the_extra_connection_only(kind: StreamKind) {
    let mut server = InProcessServer::stream(
        kind,
        ServerConfig {
            max_conns: 2,
            ..config(Framing::Line)
        },
    );
    let mut first = connect(&server).await;
    let _second = connect(&server).await;
    server
        .wait_for(|e| matches!(e, Event::Open { conn: 2, .. }))
        .await;
    let mut third = connect(&server).await;
    server
        .wait_for(|e| matches!(e, Event::Refused { .. }))
        .await;
    let mut buf = [0u8; 8];
    let n = tokio::time::timeout(WAIT, third.read(&mut buf))
        .await
        .unwrap()
        .unwrap_or(0);
    assert_eq!(n, 0, "third connection is closed");
    first.write_all(b"ok\n").await.unwrap();
    let mut echoed = [0u8; 3];
    first.read_exact(&mut echoed).await.unwrap();
    assert_eq!(&echoed, b"ok\n");
    let summary = server.stop().await;
    assert_eq!(summary.refused, 1);
}

tcp_and_unix!(graceful_shutdown_finishes_in_flight_echoes);
async fn graceful_shutdown_finishes_in_flight_echoes(kind: StreamKind) {
    let mut server = InProcessServer::stream(kind, config(Framing::Line));
    let mut stream = connect(&server).await;
    stream.write_all(b"done\nhalf a li").await.unwrap();
    let mut echoed = [0u8; 5];
    stream.read_exact(&mut echoed).await.unwrap();
    // The partial line is now in the server's buffer: shutting down must not lose it.
    server.wait_for(|e| matches!(e, Event::Open { .. })).await;
    server.shutdown.cancel();
    let mut rest = Vec::new();
    tokio::time::timeout(WAIT, stream.read_to_end(&mut rest))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(rest, b"half a li");
    let summary = tokio::time::timeout(WAIT, server.task)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(summary.aborted_at_shutdown, 0);
    assert_eq!(summary.bytes_in, summary.bytes_out);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn udp_echoes_each_datagram_in_every_framing() {
    for framing in [
        Framing::Line,
        Framing::Raw,
        Framing::Length,
        Framing::Fixed(8),
    ] {
        let server = InProcessServer::udp(config(framing));
        let client = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        client.connect(server.addr).await.unwrap();
        let payload: &[u8] = match framing {
            Framing::Fixed(_) => b"\x00\xff\xc3bytes",
            _ => b"\x00\xff\xc3 any bytes\n",
        };
        let wire = match framing {
            Framing::Length => framing::encode(framing, payload).unwrap(),
            _ => payload.to_vec(),
        };
        client.send(&wire).await.unwrap();
        let mut reply = [0u8; 2048];
        let n = tokio::time::timeout(WAIT, client.recv(&mut reply))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(&reply[..n], &wire[..], "{framing}");
        let summary = server.stop().await;
        assert_eq!(summary.bytes_in, summary.bytes_out, "never an amplifier");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn udp_from_well_known_service_ports_is_dropped() {
    let mut server = InProcessServer::udp(config(Framing::Raw));
    // 1900 (SSDP) is a known reflector that needs no privileges to bind; ports below 1024
    // are refused the same way (see the unit test of reflection_risk).
    let reflector = UdpSocket::bind("127.0.0.1:1900").await;
    let Ok(reflector) = reflector else {
        panic!("port 1900 is busy on this machine; the test needs it free");
    };
    reflector.send_to(b"loop me", server.addr).await.unwrap();
    let mut sent = 1;
    if let Ok(privileged) = UdpSocket::bind("127.0.0.1:19").await {
        privileged.send_to(b"chargen", server.addr).await.unwrap();
        sent += 1;
    }
    // Drops are summed up once a second, not logged one by one.
    let Event::DatagramsDropped(report) = server
        .wait_for(|e| matches!(e, Event::DatagramsDropped(_)))
        .await
    else {
        unreachable!("wait_for returns a matching event");
    };
    assert_eq!(report.service_port, sent, "{report:?}");
    assert_eq!(report.datagrams, sent, "{report:?}");
    assert_eq!(
        report.service_port_example.map(|source| source.port()),
        Some(1900)
    );
    // An ordinary client is still answered.
    let client = UdpSocket::bind("127.0.0.1:0").await.unwrap();
    client.send_to(b"hi", server.addr).await.unwrap();
    let mut reply = [0u8; 16];
    let (n, _) = tokio::time::timeout(WAIT, client.recv_from(&mut reply))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(&reply[..n], b"hi");
    let mut nothing = [0u8; 16];
    assert!(
        reflector.try_recv(&mut nothing).is_err(),
        "no reply went to the reflector port"
    );
    server.stop().await;
}

tcp_and_unix!(reset_by_peer_is_logged_and_costs_nobody_else);
async fn reset_by_peer_is_logged_and_costs_nobody_else(kind: StreamKind) {
    let mut server = InProcessServer::stream(kind, config(Framing::Line));
    let mut bystander = connect(&server).await;
    match &server.endpoint {
        Endpoint::Inet(addr) => {
            let rude = std::net::TcpStream::connect(addr).unwrap();
            std::io::Write::write_all(&mut &rude, b"partial line, then RST").unwrap();
            // SO_LINGER 0 makes close() send RST instead of FIN: an abrupt disconnect.
            socket2::SockRef::from(&rude)
                .set_linger(Some(Duration::ZERO))
                .unwrap();
            drop(rude);
        }
        Endpoint::Path(path) => {
            // A Unix socket has no RST: the abrupt end is a close with a partial line unread.
            let rude = std::os::unix::net::UnixStream::connect(path).unwrap();
            std::io::Write::write_all(&mut &rude, b"partial line, then gone").unwrap();
            drop(rude);
        }
        other => panic!("not a stream endpoint: {other}"),
    }
    let closed = server
        .wait_for(|e| matches!(e, Event::Closed { conn: 2, .. }))
        .await;
    let Event::Closed { reason, .. } = closed else {
        unreachable!()
    };
    assert!(
        matches!(reason, CloseReason::Error { .. } | CloseReason::PeerClosed),
        "{reason:?}"
    );
    bystander.write_all(b"still here\n").await.unwrap();
    let mut echoed = [0u8; 11];
    tokio::time::timeout(WAIT, bystander.read_exact(&mut echoed))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(&echoed, b"still here\n");
    server.stop().await;
}

tcp_and_unix!(messages_without_a_newline_are_echoed_like_the_articles_client_expects);
async fn messages_without_a_newline_are_echoed_like_the_articles_client_expects(kind: StreamKind) {
    let mut server = InProcessServer::stream(kind, config(Framing::Line));
    let mut stream = connect(&server).await;
    // The article's client sends "hi" with no newline and waits for the echo.
    stream.write_all(b"hi").await.unwrap();
    let mut echoed = [0u8; 2];
    tokio::time::timeout(WAIT, stream.read_exact(&mut echoed))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(&echoed, b"hi");
    // ... and ends with a bare "quit".
    stream.write_all(b"quit").await.unwrap();
    let mut rest = Vec::new();
    tokio::time::timeout(WAIT, stream.read_to_end(&mut rest))
        .await
        .unwrap()
        .unwrap();
    assert!(rest.is_empty(), "quit is not echoed: {rest:?}");
    server
        .wait_for(|e| {
            matches!(
                e,
                Event::Closed {
                    reason: CloseReason::Quit,
                    ..
                }
            )
        })
        .await;
    server.stop().await;
}

tcp_and_unix!(shutdown_cuts_connections_that_outlive_the_grace_period);
async fn shutdown_cuts_connections_that_outlive_the_grace_period(kind: StreamKind) {
    let server = InProcessServer::stream(
        kind,
        ServerConfig {
            grace: Duration::from_millis(200),
            ..config(Framing::Raw)
        },
    );
    // A peer that sends without reading leaves the server stuck writing its echo.
    let mut hog = connect(&server).await;
    write_until_stalled(&mut hog, 256 * 1024 * 1024).await;
    server.shutdown.cancel();
    let summary = tokio::time::timeout(WAIT, server.task)
        .await
        .expect("shutdown is bounded by the grace period")
        .unwrap();
    assert_eq!(summary.aborted_at_shutdown, 1);
    // What the cut connection moved still counts in the totals.
    assert!(summary.bytes_in > 0, "{summary:?}");
    assert!(summary.bytes_out > 0, "{summary:?}");
    drop(hog);
}

// Limits longer than the clock can represent mean "never", not a panic in every connection.
tcp_and_unix!(limits_past_what_the_clock_holds_do_not_panic);
async fn limits_past_what_the_clock_holds_do_not_panic(kind: StreamKind) {
    let server = InProcessServer::stream(
        kind,
        ServerConfig {
            idle_timeout: Some(Duration::MAX),
            grace: Duration::MAX,
            ..config(Framing::Line)
        },
    );
    assert_eq!(
        round_trip(&server.endpoint, b"still fine\n").await,
        b"still fine\n"
    );
    // A connection still open at shutdown: the grace period is "forever", and it ends anyway
    // because shutdown stops reading and the connection finishes by itself.
    let mut open = connect(&server).await;
    open.write_all(b"a\n").await.unwrap();
    let mut echoed = [0u8; 2];
    tokio::time::timeout(WAIT, open.read_exact(&mut echoed))
        .await
        .unwrap()
        .unwrap();
    let summary = server.stop().await;
    assert_eq!(summary.connections, 2);
    assert_eq!(summary.aborted_at_shutdown, 0);
    drop(open);
}

/// Two echo servers and one datagram from one to the other: each answers the other forever,
/// so the per-source rate is all that bounds the loop.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_loop_between_two_udp_echo_servers_is_held_to_the_rate() {
    const RATE: u32 = 200;
    let limited = ServerConfig {
        udp_rate: RATE,
        ..config(Framing::Raw)
    };
    let (socket_a, _) = bind_udp(([127, 0, 0, 1], 0).into()).unwrap();
    let (socket_b, _) = bind_udp(([127, 0, 0, 1], 0).into()).unwrap();
    let addr_b = socket_b.local_addr().unwrap();
    // The forged first datagram: A's own socket sends to B, as if A had echoed something.
    socket_a.send_to(b"ping-pong", addr_b).await.unwrap();
    let shutdown = CancellationToken::new();
    let (events_a, mut log_a) = Events::channel(Role::Server, false);
    let (events_b, mut log_b) = Events::channel(Role::Server, false);
    let server_a = tokio::spawn(serve_udp(
        socket_a,
        limited.clone(),
        events_a,
        shutdown.clone(),
    ));
    let server_b = tokio::spawn(serve_udp(socket_b, limited, events_b, shutdown.clone()));
    let started = std::time::Instant::now();
    // Drain both logs so neither server ever waits on them; the first drop report says the
    // limit has cut in.
    let (cut_in, cut) = tokio::sync::oneshot::channel();
    let drain = tokio::spawn(async move {
        let mut cut_in = Some(cut_in);
        let mut reports = Vec::new();
        loop {
            let event = tokio::select! {
                event = log_a.recv() => event,
                event = log_b.recv() => event,
            };
            match event {
                Some(Event::DatagramsDropped(report)) => {
                    reports.push(report);
                    if let Some(cut_in) = cut_in.take() {
                        let _ = cut_in.send(());
                    }
                }
                Some(_) => {}
                None => return reports,
            }
        }
    });
    tokio::time::timeout(WAIT, cut)
        .await
        .expect("the rate limit cut in")
        .unwrap();
    shutdown.cancel();
    let a = tokio::time::timeout(WAIT, server_a).await.unwrap().unwrap();
    let b = tokio::time::timeout(WAIT, server_b).await.unwrap().unwrap();
    let elapsed = started.elapsed().as_secs_f64();
    let reports = tokio::time::timeout(WAIT, drain).await.unwrap().unwrap();
    let echoed = a.frames + b.frames;
    // Each server answers the other at most a burst (one second's worth) plus the rate for
    // the time it ran: without a limit this loop runs at tens of thousands a second.
    let bound = (2.0 * f64::from(RATE) * (1.0 + elapsed)) as u64 + 2;
    assert!(echoed > u64::from(RATE), "the loop ran: {echoed} echoes");
    assert!(
        echoed <= bound,
        "{echoed} echoes in {elapsed:.2} s, at most {bound} expected"
    );
    // What was not answered was summed up, naming the rate limit.
    let over_rate: u64 = reports.iter().map(|r| r.over_rate).sum();
    assert_eq!(over_rate, a.dropped + b.dropped, "{reports:?}");
    assert!(over_rate > 0);
    assert!(reports.iter().all(|r| r.rate_limit == RATE), "{reports:?}");
    let per_second_each = 2.0 * (elapsed + 1.0);
    assert!(
        reports.len() as f64 <= per_second_each,
        "one report per server per second at most: {reports:?}"
    );
}

tcp_and_unix!(text_sent_to_a_length_framed_server_is_named_as_a_framing_mismatch);
async fn text_sent_to_a_length_framed_server_is_named_as_a_framing_mismatch(kind: StreamKind) {
    let mut server = InProcessServer::stream(kind, config(Framing::Length));
    assert_eq!(round_trip(&server.endpoint, b"hello\n").await, b"");
    let closed = server.wait_for(|e| matches!(e, Event::Closed { .. })).await;
    let Event::Closed { reason, .. } = closed else {
        unreachable!()
    };
    assert_eq!(
        reason,
        CloseReason::FrameTooLong {
            len: 1_751_477_356,
            max: 1024 * 1024,
            prefix_text: Some("hell".to_string())
        }
    );
    let said =
        netlearn::output::spaces::plain(&netlearn::app::echo::events::close_reason_text(&reason))
            .into_owned();
    assert!(
        said.starts_with("the first 4 bytes read as a length of 1,751,477,356 (\"hell\")"),
        "{said}"
    );
    assert!(
        said.contains("is the client using --framing line?"),
        "{said}"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_recv_is_logged_as_a_message_unless_quiet() {
    let mut server = InProcessServer::tcp(config(Framing::Line));
    assert_eq!(
        round_trip(&server.endpoint, b"hi there\n").await,
        b"hi there\n"
    );
    let message = server
        .wait_for(|e| matches!(e, Event::Message { .. }))
        .await;
    assert_eq!(
        message,
        Event::Message {
            conn: Some(1),
            peer: None,
            bytes: 9,
            text: "hi there\n".to_string()
        }
    );
    server.stop().await;

    let mut quiet = InProcessServer::tcp(ServerConfig {
        show_messages: false,
        ..config(Framing::Line)
    });
    assert_eq!(round_trip(&quiet.endpoint, b"hush\n").await, b"hush\n");
    let first = quiet
        .wait_for(|e| matches!(e, Event::Message { .. } | Event::Closed { .. }))
        .await;
    assert!(matches!(first, Event::Closed { .. }), "{first:?}");
    quiet.stop().await;

    let mut udp = InProcessServer::udp(config(Framing::Line));
    let socket = UdpSocket::bind("127.0.0.1:0").await.unwrap();
    socket.send_to(b"datagram", udp.addr).await.unwrap();
    let mut reply = [0u8; 64];
    let n = tokio::time::timeout(WAIT, socket.recv(&mut reply))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(&reply[..n], b"datagram");
    let message = udp.wait_for(|e| matches!(e, Event::Message { .. })).await;
    assert_eq!(
        message,
        Event::Message {
            conn: None,
            peer: Some(socket.local_addr().unwrap()),
            bytes: 8,
            text: "datagram".to_string()
        }
    );
    udp.stop().await;
}
