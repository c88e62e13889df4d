//! `echo demo --vanish`: a client that closes is noticed at once (recv returns 0 bytes); a
//! client that stops without closing (its process frozen with SIGSTOP) is not: the server's
//! recv waits, shown ticking, until its idle timeout ends the connection. With --keepalive
//! the server also turns on TCP keepalive, and the demo shows why that does not help here.

use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, SocketAddr};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use socket2::{SockRef, TcpKeepalive};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_util::sync::CancellationToken;

use super::echo_run::{DemoError, DemoRun, announce, server_config, stop_server, within};
use super::story::{Say, Step};
use crate::net::echo::event::{Call, Proto, Role};
use crate::net::echo::framing::Framing;
use crate::net::echo::server::{ServerConfig, bind_tcp, serve_tcp};
use crate::tr;

/// How often the waiting recv is shown.
const TICK: Duration = Duration::from_millis(500);

/// The frozen client: a child process, stopped, and killed (then reaped) however the demo ends.
struct Frozen {
    child: Child,
}

impl Drop for Frozen {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn client_error(source: std::io::Error) -> DemoError {
    DemoError::Client { client: 2, source }
}

/// Starts `netlearn echo client` as a child, checks it is talking, then freezes it.
fn start_and_freeze(server: SocketAddr, timeout: Duration) -> Result<Frozen, DemoError> {
    let exe = std::env::current_exe().map_err(client_error)?;
    let child = Command::new(exe)
        .args(["echo", "client", &server.to_string(), "--framing", "line"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(client_error)?;
    let mut frozen = Frozen { child };
    let stdin = frozen
        .child
        .stdin
        .as_mut()
        .ok_or_else(|| client_error(std::io::Error::other(tr!("vanish-no-stdin"))))?;
    stdin.write_all(b"still here\n").map_err(client_error)?;
    stdin.flush().map_err(client_error)?;
    let stdout = frozen
        .child
        .stdout
        .take()
        .ok_or_else(|| client_error(std::io::Error::other(tr!("vanish-no-stdout"))))?;
    // The echo shows the child connected and talking; read it on a thread, bounded in time.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = tx.send(BufReader::new(stdout).read_line(&mut line).map(|_| line));
    });
    match rx.recv_timeout(timeout) {
        Ok(Ok(line)) if line == "still here\n" => {}
        _ => {
            return Err(DemoError::Timeout {
                client: 2,
                waited: timeout,
            });
        }
    }
    let pid = libc::pid_t::try_from(frozen.child.id())
        .map_err(|_| client_error(std::io::Error::other(tr!("vanish-bad-pid"))))?;
    // SAFETY: kill(2) with a pid this process spawned and has not reaped: no memory is touched.
    if unsafe { libc::kill(pid, libc::SIGSTOP) } != 0 {
        return Err(client_error(std::io::Error::last_os_error()));
    }
    Ok(frozen)
}

pub async fn run(
    idle_timeout: Duration,
    keepalive: bool,
    timeout: Duration,
    events: &Say,
) -> Result<DemoRun, DemoError> {
    let server_events = events.for_role(Role::Server);
    let client_events = events.for_role(Role::Client);
    let (listener, setup) =
        bind_tcp(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), 128).map_err(DemoError::Bind)?;
    if keepalive {
        // Accepted sockets inherit the listener's keepalive settings (Linux).
        let probes = TcpKeepalive::new()
            .with_time(Duration::from_secs(1))
            .with_interval(Duration::from_secs(1))
            .with_retries(3);
        SockRef::from(&listener)
            .set_tcp_keepalive(&probes)
            .map_err(DemoError::Bind)?;
    }
    let server = listener.local_addr().map_err(DemoError::Bind)?;
    announce(
        &server_events,
        Step::VanishServer {
            server,
            idle: idle_timeout,
            keepalive,
        },
        setup,
    )
    .await;
    let shutdown = CancellationToken::new();
    let task = tokio::spawn(serve_tcp(
        listener,
        ServerConfig {
            idle_timeout: Some(idle_timeout),
            ..server_config(Framing::Line)
        },
        server_events.events(),
        shutdown.clone(),
    ));
    let outcome = clients(server, idle_timeout, keepalive, timeout, &client_events).await;
    let summary = stop_server(shutdown, task).await;
    let verified = outcome?;
    Ok(DemoRun {
        proto: Proto::Tcp,
        framing: Framing::Line,
        server: server.into(),
        wire: b"still here\n".to_vec(),
        echoes_verified: verified,
        summary,
    })
}

async fn clients(
    server: SocketAddr,
    idle_timeout: Duration,
    keepalive: bool,
    timeout: Duration,
    events: &Say,
) -> Result<usize, DemoError> {
    // Client 1 closes properly: noticed at once.
    events.step(Step::VanishPolite).await;
    let mut polite = within(1, "connect()", timeout, TcpStream::connect(server)).await?;
    events.call(None, Call::Connect { addr: server }).await;
    within(1, "send()", timeout, polite.write_all(b"bye\n")).await?;
    events.call(None, Call::Send { bytes: 4 }).await;
    let mut echo = [0u8; 4];
    within(1, "recv()", timeout, polite.read_exact(&mut echo)).await?;
    events.call(None, Call::Recv { bytes: 4 }).await;
    drop(polite);
    events.call(None, Call::Close).await;
    events.step(Step::VanishFin).await;
    tokio::time::sleep(Duration::from_millis(100)).await;

    // Client 2 vanishes: a separate process, frozen after it has talked.
    events.step(Step::VanishFrozenIntro).await;
    let frozen = tokio::task::spawn_blocking(move || start_and_freeze(server, timeout))
        .await
        .map_err(|error| client_error(std::io::Error::other(error)))??;
    events.step(Step::VanishFrozen).await;
    let started = Instant::now();
    let server_events = events.for_role(Role::Server);
    // Bounded: one tick per TICK until just before the idle timeout.
    let ticks = (idle_timeout.as_millis() / TICK.as_millis()) as u32;
    for tick in 1..=ticks {
        if TICK * tick >= idle_timeout {
            break;
        }
        tokio::time::sleep_until((started + TICK * tick).into()).await;
        server_events
            .step(Step::VanishWaiting {
                waited: started.elapsed(),
                idle: idle_timeout,
            })
            .await;
    }
    // Let the server's idle timeout fire before the process is ended.
    tokio::time::sleep_until((started + idle_timeout + TICK).into()).await;
    if keepalive {
        events.step(Step::VanishKeepalive).await;
    }
    events.step(Step::VanishForever).await;
    drop(frozen);
    Ok(1)
}
