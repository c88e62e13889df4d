//! Unix domain sockets for the echo server: binding a socket file (a stale one from a crashed
//! run is replaced, a live one or a non-socket is left alone), its permissions, and removing
//! it again when the server ends.

use std::io;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};

use socket2::{Domain, SockAddr, Socket, Type};
use tokio::net::{UnixDatagram, UnixListener};

use super::datagram::{DatagramSocket, FileId};
use super::event::Call;
use super::server::SetupCalls;

/// Why a socket file could not be bound (the echo view words it, with the way out).
#[derive(Debug)]
pub enum UnixBindError {
    /// A server accepts connections on this file right now.
    InUse { path: PathBuf },
    /// Something that is not a socket has this name: never removed.
    NotASocket { path: PathBuf },
    /// The file is a socket, but whether anyone listens could not be told (permission denied).
    Unprobed { path: PathBuf, cause: io::Error },
    /// Any other failure of a call on the path.
    Io { path: PathBuf, cause: io::Error },
}

/// What was found at the path before binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    Nothing,
    /// A socket file nobody listens on (connect refused): left by a run that did not clean up.
    StaleSocket,
}

/// Looks at `path` before a bind: a socket file that refuses connections is stale and removed;
/// a live one, or any other kind of file, is an error (never deleted).
pub fn clear_stale(path: &Path) -> Result<Found, UnixBindError> {
    let io_error = |cause| UnixBindError::Io {
        path: path.to_path_buf(),
        cause,
    };
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(error) => return Err(io_error(error)),
    };
    if !meta.file_type().is_socket() {
        return Err(UnixBindError::NotASocket {
            path: path.to_path_buf(),
        });
    }
    let probe = Socket::new(Domain::UNIX, Type::STREAM, None).map_err(io_error)?;
    // Non-blocking: a live server whose backlog is full answers EAGAIN instead of holding us.
    probe.set_nonblocking(true).map_err(io_error)?;
    let addr = SockAddr::unix(path).map_err(io_error)?;
    match probe.connect(&addr) {
        Ok(()) => Err(UnixBindError::InUse {
            path: path.to_path_buf(),
        }),
        // A datagram socket file answers a stream connect with EPROTOTYPE: someone has it
        // bound, so it is in use, not stale. EAGAIN: a listener with a full backlog.
        Err(error)
            if error.raw_os_error() == Some(libc::EPROTOTYPE)
                || error.kind() == io::ErrorKind::WouldBlock =>
        {
            Err(UnixBindError::InUse {
                path: path.to_path_buf(),
            })
        }
        Err(error) if error.kind() == io::ErrorKind::ConnectionRefused => {
            std::fs::remove_file(path).map_err(io_error)?;
            Ok(Found::StaleSocket)
        }
        Err(cause) => Err(UnixBindError::Unprobed {
            path: path.to_path_buf(),
            cause,
        }),
    }
}

/// The socket file a server made, removed when this is dropped, and only if the file there is
/// still the one it made (another run may have replaced it meanwhile).
#[derive(Debug)]
pub struct SocketFile {
    path: PathBuf,
    id: FileId,
}

impl SocketFile {
    fn new(path: &Path) -> io::Result<SocketFile> {
        let meta = std::fs::symlink_metadata(path)?;
        Ok(SocketFile {
            path: path.to_path_buf(),
            id: FileId::of(&meta),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file the socket was bound to, even after it is renamed or linked elsewhere.
    pub fn id(&self) -> FileId {
        self.id
    }

    /// The file's permission bits.
    pub fn mode(&self) -> io::Result<u32> {
        Ok(std::fs::symlink_metadata(&self.path)?.permissions().mode() & 0o7777)
    }
}

impl Drop for SocketFile {
    fn drop(&mut self) {
        if let Ok(meta) = std::fs::symlink_metadata(&self.path)
            && FileId::of(&meta) == self.id
        {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// A bound Unix socket, its file and what was found there before.
pub struct BoundUnix<S> {
    pub socket: S,
    pub file: SocketFile,
    pub found: Found,
    pub calls: SetupCalls,
}

impl<S> BoundUnix<S> {
    /// The same binding with its socket put to use (handed to the task that serves it).
    pub fn map<T>(self, serve: impl FnOnce(S) -> T) -> BoundUnix<T> {
        BoundUnix {
            socket: serve(self.socket),
            file: self.file,
            found: self.found,
            calls: self.calls,
        }
    }
}

/// socket(AF_UNIX, kind), bind(path), chmod(path, mode) when asked: the shared start of the
/// stream listener and the datagram socket. The mode is set before listen(), so no client can
/// connect while the file still has the umask's permissions.
fn bind_path(
    path: &Path,
    kind: Type,
    mode: Option<u32>,
) -> Result<(Socket, SocketFile, Found, SetupCalls), UnixBindError> {
    let io_error = |cause| UnixBindError::Io {
        path: path.to_path_buf(),
        cause,
    };
    let found = clear_stale(path)?;
    let mut calls = Vec::new();
    if found == Found::StaleSocket {
        calls.push(Call::Unlink {
            path: path.to_path_buf(),
        });
    }
    let socket = Socket::new(Domain::UNIX, kind, None).map_err(io_error)?;
    calls.push(Call::Socket {
        family: "AF_UNIX",
        kind: if kind == Type::STREAM {
            "SOCK_STREAM"
        } else {
            "SOCK_DGRAM"
        },
    });
    let addr = SockAddr::unix(path).map_err(io_error)?;
    socket.bind(&addr).map_err(|cause| {
        if cause.kind() == io::ErrorKind::AddrInUse {
            UnixBindError::InUse {
                path: path.to_path_buf(),
            }
        } else {
            io_error(cause)
        }
    })?;
    let file = SocketFile::new(path).map_err(io_error)?;
    calls.push(Call::BindPath {
        path: path.to_path_buf(),
    });
    if let Some(mode) = mode {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).map_err(io_error)?;
        calls.push(Call::Chmod {
            path: path.to_path_buf(),
            mode,
        });
    }
    socket.set_nonblocking(true).map_err(io_error)?;
    Ok((socket, file, found, calls))
}

/// A listening Unix stream socket at `path`. Must be called inside a tokio runtime.
pub fn bind_unix(
    path: &Path,
    backlog: u32,
    mode: Option<u32>,
) -> Result<BoundUnix<UnixListener>, UnixBindError> {
    let (socket, file, found, mut calls) = bind_path(path, Type::STREAM, mode)?;
    let io_error = |cause| UnixBindError::Io {
        path: path.to_path_buf(),
        cause,
    };
    socket
        .listen(i32::try_from(backlog).unwrap_or(i32::MAX))
        .map_err(io_error)?;
    calls.push(Call::Listen { backlog });
    let listener =
        UnixListener::from_std(std::os::unix::net::UnixListener::from(socket)).map_err(io_error)?;
    Ok(BoundUnix {
        socket: listener,
        file,
        found,
        calls,
    })
}

/// A bound Unix datagram socket at `path` that receives each sender's credentials with its
/// datagram (SO_PASSCRED). Must be called inside a tokio runtime.
pub fn bind_unix_dgram(
    path: &Path,
    mode: Option<u32>,
) -> Result<BoundUnix<DatagramSocket>, UnixBindError> {
    let (socket, file, found, mut calls) = bind_path(path, Type::DGRAM, mode)?;
    let io_error = |cause| UnixBindError::Io {
        path: path.to_path_buf(),
        cause,
    };
    // Whom to answer is decided on the kernel's word (pid, uid), not on a file name alone.
    rustix::net::sockopt::set_socket_passcred(&socket, true)
        .map_err(|errno| io_error(errno.into()))?;
    calls.push(Call::Setsockopt {
        option: "SO_PASSCRED",
    });
    let socket =
        UnixDatagram::from_std(std::os::unix::net::UnixDatagram::from(socket)).map_err(io_error)?;
    Ok(BoundUnix {
        socket: DatagramSocket::Unix {
            socket,
            own_file: file.id(),
            private_dir: None,
        },
        file,
        found,
        calls,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stale_socket_is_replaced_a_live_one_and_a_plain_file_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("echo.sock");
        assert_eq!(clear_stale(&path).unwrap(), Found::Nothing);

        let live = std::os::unix::net::UnixListener::bind(&path).unwrap();
        assert!(matches!(
            clear_stale(&path),
            Err(UnixBindError::InUse { .. })
        ));
        // Dropping a std listener closes it but leaves its file: exactly a crashed run's trace.
        drop(live);
        assert_eq!(clear_stale(&path).unwrap(), Found::StaleSocket);
        assert!(!path.exists());

        std::fs::write(&path, b"data").unwrap();
        assert!(matches!(
            clear_stale(&path),
            Err(UnixBindError::NotASocket { .. })
        ));
        assert!(path.exists());
    }

    #[tokio::test]
    async fn the_socket_file_is_removed_when_dropped_unless_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("echo.sock");
        let bound = bind_unix(&path, 8, Some(0o600)).unwrap();
        assert_eq!(bound.file.mode().unwrap(), 0o600);
        drop(bound);
        assert!(!path.exists());

        let bound = bind_unix(&path, 8, None).unwrap();
        std::fs::remove_file(&path).unwrap();
        std::fs::write(&path, b"someone else's").unwrap();
        drop(bound);
        assert!(
            path.exists(),
            "a file that replaced ours is not ours to remove"
        );
    }
}
