//! A client's stream to an echo server: TCP or a Unix domain socket, one type for both so the
//! client (its prompt, `--count` and the pipe), the load generator and the demos need no
//! second copy for AF_UNIX.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpStream, UnixStream};

use super::endpoint::Endpoint;

/// A connected stream socket.
#[derive(Debug)]
pub enum Conn {
    Tcp(TcpStream),
    Unix(UnixStream),
}

/// The reading half of a [`Conn`], moved to its own task.
pub type ReadHalf = Box<dyn AsyncRead + Send + Unpin>;
/// The writing half of a [`Conn`].
pub type WriteHalf = Box<dyn AsyncWrite + Send + Unpin>;

impl Conn {
    /// Connects to `peer` within `timeout`. TCP connections send small writes at once
    /// (TCP_NODELAY): an echo client waits for each answer, so Nagle's delay is pure loss.
    pub async fn connect(peer: &Endpoint, timeout: Duration) -> io::Result<Conn> {
        let connect = async {
            match peer {
                Endpoint::Inet(addr) => {
                    let stream = TcpStream::connect(addr).await?;
                    stream.set_nodelay(true)?;
                    Ok(Conn::Tcp(stream))
                }
                Endpoint::Path(path) => Ok(Conn::Unix(UnixStream::connect(path).await?)),
                // Only a peer's description, never a place to connect to: the kind says it,
                // and the caller words it.
                Endpoint::Process { .. } | Endpoint::Unnamed => {
                    Err(io::Error::from(io::ErrorKind::InvalidInput))
                }
            }
        };
        tokio::time::timeout(timeout, connect)
            .await
            .map_err(|_| io::Error::from(io::ErrorKind::TimedOut))?
    }

    /// The local end, as the user would name it.
    pub fn local_endpoint(&self) -> io::Result<Endpoint> {
        match self {
            Conn::Tcp(stream) => Ok(stream.local_addr()?.into()),
            Conn::Unix(stream) => Ok(Endpoint::from_unix(stream.local_addr()?.as_pathname())),
        }
    }

    /// Owned halves, so reading and writing can run in separate tasks without a lock.
    pub fn into_split(self) -> (ReadHalf, WriteHalf) {
        match self {
            Conn::Tcp(stream) => {
                let (read, write) = stream.into_split();
                (Box::new(read), Box::new(write))
            }
            Conn::Unix(stream) => {
                let (read, write) = stream.into_split();
                (Box::new(read), Box::new(write))
            }
        }
    }
}

impl std::os::fd::AsFd for Conn {
    fn as_fd(&self) -> std::os::fd::BorrowedFd<'_> {
        match self {
            Conn::Tcp(stream) => stream.as_fd(),
            Conn::Unix(stream) => stream.as_fd(),
        }
    }
}

impl AsyncRead for Conn {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Conn::Tcp(stream) => Pin::new(stream).poll_read(cx, buf),
            Conn::Unix(stream) => Pin::new(stream).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Conn {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Conn::Tcp(stream) => Pin::new(stream).poll_write(cx, buf),
            Conn::Unix(stream) => Pin::new(stream).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Conn::Tcp(stream) => Pin::new(stream).poll_flush(cx),
            Conn::Unix(stream) => Pin::new(stream).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Conn::Tcp(stream) => Pin::new(stream).poll_shutdown(cx),
            Conn::Unix(stream) => Pin::new(stream).poll_shutdown(cx),
        }
    }
}
