//! Zero-copy echo for the raw framing: splice(2) moves what a peer sent from its socket into a
//! pipe, then from the pipe back into the same socket. The kernel hands page references along;
//! the bytes never enter this process (no read into a buffer, no write out of it).
//!
//! Linux only. Elsewhere [`Pipe::new`] reports [`io::ErrorKind::Unsupported`] and the server
//! copies as before; so does a socket the kernel will not splice (EINVAL).

use std::future::Future;
use std::io;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};

use tokio::io::{Interest, Ready};

/// The capacity asked for each connection's pipe (F_SETPIPE_SZ): what one splice moves at most.
/// 256 KiB measured faster on loopback than 64 KiB or 1 MiB (BENCHMARKS.md), and bounds what a
/// peer that sends without reading pins in the kernel. A refused size leaves the kernel's
/// default (64 KiB, or less for a user past /proc/sys/fs/pipe-user-pages-soft). Pages are only
/// taken while bytes are in flight, so an idle connection costs two descriptors and no buffer.
pub const PIPE_CAPACITY: usize = 256 * 1024;

/// A stream socket whose readiness tokio tracks, so the server can wait for it and then make
/// its own system call (splice) on the descriptor, thousands of connections on one reactor.
pub trait Readiness: AsRawFd {
    fn ready(&self, interest: Interest) -> impl Future<Output = io::Result<Ready>> + Send;
    /// Runs `call`; a WouldBlock from it clears the readiness it waited for.
    fn try_io<R>(&self, interest: Interest, call: impl FnOnce() -> io::Result<R>) -> io::Result<R>;
}

impl Readiness for tokio::net::TcpStream {
    fn ready(&self, interest: Interest) -> impl Future<Output = io::Result<Ready>> + Send {
        tokio::net::TcpStream::ready(self, interest)
    }

    fn try_io<R>(&self, interest: Interest, call: impl FnOnce() -> io::Result<R>) -> io::Result<R> {
        tokio::net::TcpStream::try_io(self, interest, call)
    }
}

impl Readiness for tokio::net::UnixStream {
    fn ready(&self, interest: Interest) -> impl Future<Output = io::Result<Ready>> + Send {
        tokio::net::UnixStream::ready(self, interest)
    }

    fn try_io<R>(&self, interest: Interest, call: impl FnOnce() -> io::Result<R>) -> io::Result<R> {
        tokio::net::UnixStream::try_io(self, interest, call)
    }
}

/// Whether a splice error means "this pair of descriptors cannot splice" (fall back to copying)
/// rather than a failure of the connection.
pub fn is_unsupported(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::Unsupported
        || matches!(
            error.raw_os_error(),
            Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP)
        )
}

/// One connection's pipe: both ends non-blocking.
#[derive(Debug)]
pub struct Pipe {
    read: OwnedFd,
    write: OwnedFd,
    capacity: usize,
}

impl Pipe {
    /// A pipe of about `capacity` bytes (the kernel's default when it refuses the size).
    #[cfg(target_os = "linux")]
    pub fn new(capacity: usize) -> io::Result<Pipe> {
        use std::os::fd::FromRawFd;
        let mut fds = [0 as RawFd; 2];
        // SAFETY: pipe2 writes two descriptors into the array it is given.
        if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_NONBLOCK | libc::O_CLOEXEC) } < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: pipe2 succeeded: both descriptors are open and nothing else owns them.
        let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
        let wanted = libc::c_int::try_from(capacity).unwrap_or(libc::c_int::MAX);
        // SAFETY: fcntl on a descriptor we own, with integer arguments.
        let mut got = unsafe { libc::fcntl(write.as_raw_fd(), libc::F_SETPIPE_SZ, wanted) };
        if got <= 0 {
            // SAFETY: as above.
            got = unsafe { libc::fcntl(write.as_raw_fd(), libc::F_GETPIPE_SZ) };
        }
        Ok(Pipe {
            read,
            write,
            capacity: usize::try_from(got)
                .ok()
                .filter(|&n| n > 0)
                .unwrap_or(64 * 1024),
        })
    }

    /// No splice here: the caller copies instead.
    #[cfg(not(target_os = "linux"))]
    pub fn new(_capacity: usize) -> io::Result<Pipe> {
        Err(io::ErrorKind::Unsupported.into())
    }

    /// Bytes the pipe holds at most.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Moves up to `len` bytes the peer sent from `socket` into the pipe: 0 at end of stream.
    pub fn fill_from(&self, socket: RawFd, len: usize) -> io::Result<usize> {
        splice(socket, self.write.as_raw_fd(), len)
    }

    /// Moves up to `len` bytes from the pipe into `socket`.
    pub fn drain_into(&self, socket: RawFd, len: usize) -> io::Result<usize> {
        splice(self.read.as_raw_fd(), socket, len)
    }

    /// Reads bytes out of the pipe into this process (to show a message the log asks for).
    pub fn read_into(&self, buf: &mut [u8]) -> io::Result<usize> {
        // SAFETY: read(2) into a buffer we own, at most its length.
        let n = unsafe { libc::read(self.read.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
        usize::try_from(n).map_err(|_| io::Error::last_os_error())
    }
}

#[cfg(target_os = "linux")]
fn splice(from: RawFd, to: RawFd, len: usize) -> io::Result<usize> {
    // SAFETY: splice(2) between two open descriptors, no offsets (both are a socket or a pipe).
    let n = unsafe {
        libc::splice(
            from,
            std::ptr::null_mut(),
            to,
            std::ptr::null_mut(),
            len,
            libc::SPLICE_F_MOVE | libc::SPLICE_F_NONBLOCK,
        )
    };
    usize::try_from(n).map_err(|_| io::Error::last_os_error())
}

#[cfg(not(target_os = "linux"))]
fn splice(_from: RawFd, _to: RawFd, _len: usize) -> io::Result<usize> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use std::net::SocketAddr;

    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::{TcpListener, TcpStream};
    use tokio::sync::mpsc::Receiver;
    use tokio_util::sync::CancellationToken;

    use super::*;
    use crate::echo::event::{CloseReason, Event, Events, Role, Summary};
    use crate::echo::framing::Framing;
    use crate::echo::payload;
    use crate::echo::server::{ServerConfig, serve_tcp};

    struct Running {
        addr: SocketAddr,
        shutdown: CancellationToken,
        server: tokio::task::JoinHandle<Summary>,
        events: tokio::task::JoinHandle<Vec<Event>>,
    }

    async fn start(show_messages: bool) -> Running {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (events, rx) = Events::channel(Role::Server, false);
        let config = ServerConfig {
            framing: Framing::Raw,
            show_messages,
            ..ServerConfig::default()
        };
        let shutdown = CancellationToken::new();
        let server = tokio::spawn(serve_tcp(listener, config, events, shutdown.clone()));
        let events = tokio::spawn(collect(rx));
        Running {
            addr,
            shutdown,
            server,
            events,
        }
    }

    async fn collect(mut rx: Receiver<Event>) -> Vec<Event> {
        let mut all = Vec::new();
        while let Some(event) = rx.recv().await {
            all.push(event);
        }
        all
    }

    impl Running {
        async fn stop(self) -> (Summary, Vec<Event>) {
            self.shutdown.cancel();
            let summary = self.server.await.unwrap();
            (summary, self.events.await.unwrap())
        }
    }

    /// Sends `data`, half-closes, and reads until the server closes its side.
    async fn echo(addr: SocketAddr, data: &[u8]) -> Vec<u8> {
        let stream = TcpStream::connect(addr).await.unwrap();
        let (mut from, mut to) = stream.into_split();
        let sending = async {
            to.write_all(data).await.unwrap();
            to.shutdown().await.unwrap();
        };
        let receiving = async {
            let mut back = Vec::new();
            from.read_to_end(&mut back).await.unwrap();
            back
        };
        let ((), back) = tokio::time::timeout(std::time::Duration::from_secs(60), async {
            tokio::join!(sending, receiving)
        })
        .await
        .expect("the echo finishes");
        back
    }

    fn closed(events: &[Event]) -> Vec<(u64, CloseReason, u64, u64)> {
        events
            .iter()
            .filter_map(|event| match event {
                Event::Closed {
                    conn,
                    counts,
                    reason,
                    ..
                } => Some((*conn, reason.clone(), counts.bytes_in, counts.bytes_out)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_pipe_takes_the_capacity_asked_for_or_the_default() {
        let pipe = Pipe::new(PIPE_CAPACITY).unwrap();
        assert!(pipe.capacity() >= 64 * 1024, "{}", pipe.capacity());
        assert!(pipe.capacity() <= PIPE_CAPACITY, "{}", pipe.capacity());
    }

    /// Sizes around the pipe's capacity (the default and the one asked for) and a few MB,
    /// each echoed byte for byte, the half-close answered with the server's own FIN after the
    /// last byte, and every byte counted once each way.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn raw_echo_is_byte_exact_around_the_pipe_capacity() {
        let capacity = Pipe::new(PIPE_CAPACITY).unwrap().capacity();
        let sizes = [
            0,
            1,
            65_535,
            65_536,
            65_537,
            capacity - 1,
            capacity,
            capacity + 1,
            5 * 1024 * 1024 + 3,
        ];
        for show_messages in [false, true] {
            let running = start(show_messages).await;
            let mut total = 0u64;
            for (seq, size) in sizes.into_iter().enumerate() {
                let data = payload::pattern(size, seq as u64);
                let back = echo(running.addr, &data).await;
                assert!(back == data, "size {size}: {} bytes came back", back.len());
                total += size as u64;
            }
            let (summary, events) = running.stop().await;
            assert_eq!((summary.bytes_in, summary.bytes_out), (total, total));
            let closed = closed(&events);
            assert_eq!(closed.len(), sizes.len());
            for ((_, reason, bytes_in, bytes_out), size) in closed.iter().zip(sizes) {
                assert_eq!(*reason, CloseReason::PeerClosed);
                assert_eq!((*bytes_in, *bytes_out), (size as u64, size as u64));
            }
        }
    }

    /// A client that sends megabytes, never reads, and resets the connection: the server
    /// ends that connection with an error, counts no byte it did not move, and goes on
    /// echoing for the next client.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_client_vanishing_mid_transfer_leaves_the_others_served() {
        let running = start(false).await;
        let vanishing = std::net::TcpStream::connect(running.addr).unwrap();
        let data = payload::pattern(8 * 1024 * 1024, 7);
        vanishing
            .set_write_timeout(Some(std::time::Duration::from_millis(300)))
            .unwrap();
        let mut writer = &vanishing;
        // Fill both directions until the write stalls (the server's echo is not read).
        let mut sent = 0;
        while sent < data.len() {
            match std::io::Write::write(&mut writer, &data[sent..]) {
                Ok(n) => sent += n,
                Err(_) => break,
            }
        }
        assert!(sent > 0);
        socket2::SockRef::from(&vanishing)
            .set_linger(Some(std::time::Duration::ZERO))
            .unwrap();
        drop(vanishing);

        let other = payload::pattern(3 * 1024 * 1024, 8);
        assert!(echo(running.addr, &other).await == other);
        let (summary, events) = running.stop().await;
        let mut closed = closed(&events);
        closed.sort_by_key(|&(conn, ..)| conn);
        assert_eq!(closed.len(), 2, "{closed:?}");
        let (conn, reason, bytes_in, bytes_out) = &closed[0];
        assert_eq!(*conn, 1);
        assert!(matches!(reason, CloseReason::Error { .. }), "{reason:?}");
        assert!(bytes_out <= bytes_in && *bytes_in <= sent as u64);
        assert_eq!(closed[1].1, CloseReason::PeerClosed);
        assert_eq!(
            (summary.bytes_in, summary.bytes_out),
            (
                bytes_in + other.len() as u64,
                bytes_out + other.len() as u64
            )
        );
    }
}
