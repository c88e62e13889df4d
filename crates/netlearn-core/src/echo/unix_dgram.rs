//! The echo server on a Unix datagram socket (AF_UNIX, SOCK_DGRAM): each datagram goes back
//! whole to the file its sender is bound to.
//!
//! No per-source rate is needed as for UDP: a sender's address is a file it bound itself,
//! which the kernel will not let it take from another socket, so no one can aim the echo at a
//! third party, and the answer is never larger than the question.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;

use tokio::net::UnixDatagram;
use tokio_util::sync::CancellationToken;

use super::datagram::{DatagramSocket, serve_datagrams};
use super::endpoint::Endpoint;
use super::event::{Call, DroppedDatagrams, Events, Proto, Summary};
use super::framing::Framing;
use super::server::ServerConfig;
use super::udp::{InvalidDatagram, check_datagram};

/// The Unix datagram socket with the rule on whom it answers: a sender bound to a file.
struct UnixDgramEcho {
    socket: UnixDatagram,
    framing: Framing,
    max_frame: usize,
}

impl DatagramSocket for UnixDgramEcho {
    type Source = tokio::net::unix::SocketAddr;
    type Dest = PathBuf;
    const PROTO: Proto = Proto::UnixDgram;

    fn recv_from(
        &self,
        buf: &mut [u8],
    ) -> impl Future<Output = io::Result<(usize, Self::Source)>> + Send {
        self.socket.recv_from(buf)
    }

    fn send_to(
        &self,
        datagram: &[u8],
        dest: &PathBuf,
    ) -> impl Future<Output = io::Result<usize>> + Send {
        self.socket.send_to(datagram, dest)
    }

    fn rate_limit(&self) -> u32 {
        0
    }

    /// An unnamed sender has nowhere to be answered; otherwise only whole messages are.
    fn admit(
        &mut self,
        source: Self::Source,
        datagram: &[u8],
        dropped: &mut DroppedDatagrams,
    ) -> Option<PathBuf> {
        let Some(path) = source.as_pathname() else {
            dropped.add_invalid(InvalidDatagram::UnnamedSender);
            return None;
        };
        if let Err(reason) = check_datagram(self.framing, self.max_frame, datagram) {
            dropped.add_invalid(reason);
            return None;
        }
        Some(path.to_path_buf())
    }

    fn received(_: &Self::Source, bytes: usize) -> Call {
        Call::Recv { bytes }
    }

    fn sent(_: &PathBuf, bytes: usize) -> Call {
        Call::Send { bytes }
    }

    fn message_peer(_: &PathBuf) -> Option<SocketAddr> {
        None
    }

    fn endpoint(path: &PathBuf) -> Endpoint {
        Endpoint::Path(path.clone())
    }
}

/// Echoes datagrams until `shutdown` is cancelled; unanswerable and invalid ones are summed up
/// once a second.
pub async fn serve_unix_dgram(
    socket: UnixDatagram,
    config: ServerConfig,
    events: Events,
    shutdown: CancellationToken,
) -> Summary {
    let echo = UnixDgramEcho {
        socket,
        framing: config.framing,
        max_frame: config.max_frame,
    };
    serve_datagrams(echo, &config, events, shutdown).await
}
