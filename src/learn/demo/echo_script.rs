//! `echo demo`: a server on 127.0.0.1 port 0 and scripted clients in one process, both sides
//! narrated into one log, so each socket call, frame and half-close can be watched in order.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpStream, UdpSocket};
use tokio_util::sync::CancellationToken;

use super::echo_run::{
    DemoConfig, DemoError, DemoRun, SETTLE, announce, read_echo, server_config, stop_server, within,
};
use super::story::{Say, Step};
use crate::net::echo::event::{Call, Proto, Role};
use crate::net::echo::framing::{self, Framing};
use crate::net::echo::server::{bind_tcp, family_name, serve_tcp};
use crate::net::echo::udp::{bind_udp, serve_udp};

/// Runs every protocol × framing in turn, narrating into `events` (server and client sides).
pub async fn run(config: &DemoConfig, events: Say) -> Result<Vec<DemoRun>, DemoError> {
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

async fn run_tcp(
    config: &DemoConfig,
    framing: Framing,
    wire: Vec<u8>,
    events: &Say,
) -> Result<DemoRun, DemoError> {
    let server_events = events.for_role(Role::Server);
    let client_events = events.for_role(Role::Client);
    let (listener, setup) =
        bind_tcp(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), 128).map_err(DemoError::Bind)?;
    let server = listener.local_addr().map_err(DemoError::Bind)?;
    let story = Step::TcpServer { server, framing };
    announce(&server_events, story, setup).await;
    let shutdown = CancellationToken::new();
    let task = tokio::spawn(serve_tcp(
        listener,
        server_config(framing),
        server_events.events(),
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
    client_events: &Say,
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
        client_events.step(Step::ClientsAtOnce { clients }).await;
    }
    // Raw framing without a half-close has no end mark: the demo closes to end the message.
    let half_close = config.half_close || framing == Framing::Raw;
    for (index, stream) in streams.iter_mut().enumerate() {
        let client = index + 1;
        client_events
            .step(Step::Sending {
                wire: wire.to_vec(),
            })
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
            client_events.step(Step::WriteSideClosed).await;
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
            .step(Step::Verified {
                bytes: echoed.len(),
            })
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
async fn run_reset(config: &DemoConfig, wire: &[u8], events: &Say) -> Result<(), DemoError> {
    let server_events = events.for_role(Role::Server);
    let client_events = events.for_role(Role::Client);
    let (listener, setup) =
        bind_tcp(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), 128).map_err(DemoError::Bind)?;
    let server = listener.local_addr().map_err(DemoError::Bind)?;
    let story = Step::ResetServer { server };
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
        .step(Step::ResetSending {
            wire: wire.to_vec(),
        })
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
        .step(Step::ResetClosed { unread: wire.len() })
        .await;
    let mut buf = [0u8; 1024];
    match tokio::time::timeout(config.timeout, stream.read(&mut buf)).await {
        Ok(Ok(bytes)) => client_events.call(None, Call::Recv { bytes }).await,
        Ok(Err(error)) if error.kind() == std::io::ErrorKind::ConnectionReset => {
            client_events.step(Step::ResetRecvFails).await;
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

async fn run_udp(
    config: &DemoConfig,
    framing: Framing,
    wire: Vec<u8>,
    events: &Say,
) -> Result<DemoRun, DemoError> {
    let server_events = events.for_role(Role::Server);
    let client_events = events.for_role(Role::Client);
    let (socket, setup) =
        bind_udp(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).map_err(DemoError::Bind)?;
    let server = socket.local_addr().map_err(DemoError::Bind)?;
    let story = Step::UdpServer { server };
    announce(&server_events, story, setup).await;
    let shutdown = CancellationToken::new();
    let task = tokio::spawn(serve_udp(
        socket,
        server_config(framing),
        server_events.events(),
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
    client_events: &Say,
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
        .step(Step::SendingDatagram {
            wire: wire.to_vec(),
        })
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
        .step(Step::VerifiedDatagram { bytes: n })
        .await;
    drop(client);
    client_events.call(None, Call::Close).await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_framing_over_tcp_and_udp_echoes_byte_for_byte() {
        let (events, mut received) = Say::channel(|_| None);
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
