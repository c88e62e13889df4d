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
