//! `echo demo --unix`: the same echo over a Unix domain socket (a file instead of an address
//! and port), who may connect by the file's permissions, the peer known by its process, and
//! `socketpair()`: two sockets connected from birth, with no file at all.

use std::os::unix::fs::MetadataExt;
use std::path::Path;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{UnixDatagram, UnixStream};
use tokio_util::sync::CancellationToken;

use super::echo_run::{
    DemoConfig, DemoError, DemoRun, SETTLE, announce, read_echo, server_config, stop_server, within,
};
use super::story::{Say, Step};
use crate::net::echo::endpoint::Endpoint;
use crate::net::echo::event::{Call, Proto, Role};
use crate::net::echo::framing::Framing;
use crate::net::echo::server::serve_stream;
use crate::net::echo::unix::{UnixBindError, bind_unix, bind_unix_dgram};
use crate::net::echo::unix_dgram::serve_unix_dgram;

/// The demo server's socket file: only its owner may connect.
const DEMO_MODE: u32 = 0o600;

fn bind_error(error: UnixBindError) -> DemoError {
    DemoError::BindUnix(error)
}

/// One run over a Unix socket (stream or datagram), in a private temporary directory.
pub async fn run(
    config: &DemoConfig,
    proto: Proto,
    framing: Framing,
    wire: Vec<u8>,
    events: &Say,
) -> Result<DemoRun, DemoError> {
    let dir = tempfile::Builder::new()
        .prefix("netlearn-demo-")
        .tempdir()
        .map_err(DemoError::Bind)?;
    let path = dir.path().join("echo.sock");
    let server_events = events.for_role(Role::Server);
    let client_events = events.for_role(Role::Client);
    let shutdown = CancellationToken::new();
    let story = || Step::UnixServer {
        path: path.clone(),
        proto,
        framing,
    };
    let (task, file) = if proto == Proto::UnixDgram {
        let bound = bind_unix_dgram(&path, Some(DEMO_MODE)).map_err(bind_error)?;
        announce(&server_events, story(), bound.calls).await;
        let task = tokio::spawn(serve_unix_dgram(
            bound.socket,
            server_config(framing),
            server_events.events(),
            shutdown.clone(),
        ));
        (task, bound.file)
    } else {
        let bound = bind_unix(&path, 128, Some(DEMO_MODE)).map_err(bind_error)?;
        announce(&server_events, story(), bound.calls).await;
        let task = tokio::spawn(serve_stream(
            bound.socket,
            server_config(framing),
            server_events.events(),
            shutdown.clone(),
        ));
        (task, bound.file)
    };
    server_events.step(permissions_story(&path)).await;

    let verified = if proto == Proto::UnixDgram {
        dgram_client(config, &path, dir.path(), &wire, &client_events).await
    } else {
        stream_client(config, framing, &path, &wire, &client_events).await
    };
    let summary = stop_server(shutdown, task).await;
    drop(file);
    server_events
        .call(
            None,
            Call::Unlink {
                path: path.to_path_buf(),
            },
        )
        .await;
    server_events
        .step(Step::UnixRemoved {
            gone: !path.exists(),
        })
        .await;
    let verified = verified?;
    if proto == Proto::Unix {
        socketpair(&wire, config, &client_events).await?;
    }
    Ok(DemoRun {
        proto,
        framing,
        server: Endpoint::Path(path),
        wire,
        echoes_verified: verified,
        summary,
    })
}

/// What the socket file's mode and owner mean for who may connect.
fn permissions_story(path: &Path) -> Step {
    match std::fs::symlink_metadata(path) {
        Ok(meta) => Step::UnixPermissions {
            mode: meta.mode() & 0o7777,
            uid: meta.uid(),
        },
        Err(error) => Step::UnixCannotExamine { error },
    }
}

async fn stream_client(
    config: &DemoConfig,
    framing: Framing,
    path: &Path,
    wire: &[u8],
    client_events: &Say,
) -> Result<usize, DemoError> {
    let client = 1;
    client_events
        .call(
            None,
            Call::Socket {
                family: "AF_UNIX",
                kind: "SOCK_STREAM",
            },
        )
        .await;
    let mut stream = within(
        client,
        "connect()",
        config.timeout,
        UnixStream::connect(path),
    )
    .await?;
    client_events
        .call(
            None,
            Call::ConnectPath {
                path: path.to_path_buf(),
            },
        )
        .await;
    tokio::time::sleep(SETTLE).await;
    client_events.step(Step::UnixPeer).await;
    client_events
        .step(Step::Sending {
            wire: wire.to_vec(),
        })
        .await;
    within(client, "send()", config.timeout, stream.write_all(wire)).await?;
    client_events
        .call(None, Call::Send { bytes: wire.len() })
        .await;
    let half_close = config.half_close || framing == Framing::Raw;
    if half_close {
        within(client, "shutdown()", config.timeout, stream.shutdown()).await?;
        client_events
            .call(None, Call::Shutdown { how: "SHUT_WR" })
            .await;
    }
    let echoed = read_echo(&mut stream, wire, half_close, config.timeout, client_events)
        .await
        .map_err(|source| DemoError::Client { client, source })?
        .ok_or(DemoError::Timeout {
            client,
            waited: config.timeout,
        })?;
    if echoed != wire {
        return Err(DemoError::Mismatch { client });
    }
    client_events
        .step(Step::UnixVerified {
            bytes: echoed.len(),
        })
        .await;
    drop(stream);
    client_events.call(None, Call::Close).await;
    Ok(1)
}

async fn dgram_client(
    config: &DemoConfig,
    server: &Path,
    dir: &Path,
    wire: &[u8],
    client_events: &Say,
) -> Result<usize, DemoError> {
    let client = 1;
    let error = |source| DemoError::Client { client, source };
    let own = dir.join("client.sock");
    client_events
        .call(
            None,
            Call::Socket {
                family: "AF_UNIX",
                kind: "SOCK_DGRAM",
            },
        )
        .await;
    let socket = UnixDatagram::bind(&own).map_err(error)?;
    client_events
        .call(None, Call::BindPath { path: own.clone() })
        .await;
    client_events.step(Step::UnixDgramOwnFile).await;
    socket.connect(server).map_err(error)?;
    client_events
        .call(
            None,
            Call::ConnectPath {
                path: server.to_path_buf(),
            },
        )
        .await;
    within(client, "send()", config.timeout, socket.send(wire)).await?;
    client_events
        .call(None, Call::Send { bytes: wire.len() })
        .await;
    let mut reply = vec![0u8; 65_536];
    let n = within(client, "recv()", config.timeout, socket.recv(&mut reply)).await?;
    client_events.call(None, Call::Recv { bytes: n }).await;
    if reply[..n] != *wire {
        return Err(DemoError::Mismatch { client });
    }
    client_events
        .step(Step::UnixDgramVerified { bytes: n })
        .await;
    drop(socket);
    client_events.call(None, Call::Close).await;
    Ok(1)
}

/// `socketpair()`: two connected sockets, no file, no bind, listen or accept: how a process
/// talks to a child it starts (the child inherits one end).
async fn socketpair(wire: &[u8], config: &DemoConfig, events: &Say) -> Result<(), DemoError> {
    let client = 1;
    let error = |source| DemoError::Client { client, source };
    let (mut a, mut b) = UnixStream::pair().map_err(error)?;
    events.call(None, Call::Socketpair).await;
    events.step(Step::UnixSocketpair).await;
    within(client, "a.send()", config.timeout, a.write_all(wire)).await?;
    events.call(None, Call::Send { bytes: wire.len() }).await;
    let mut got = vec![0u8; wire.len()];
    within(client, "b.recv()", config.timeout, b.read_exact(&mut got)).await?;
    events.call(None, Call::Recv { bytes: got.len() }).await;
    if got != wire {
        return Err(DemoError::Mismatch { client });
    }
    events
        .step(Step::UnixSocketpairReceived { wire: got })
        .await;
    Ok(())
}
