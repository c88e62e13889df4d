//! The echo server on a Unix datagram socket (AF_UNIX, SOCK_DGRAM): each datagram goes back
//! whole to the socket its sender is bound to, and only to that socket.
//!
//! A sender's address is a file name, and a name can change after the datagram was sent: the
//! sender may unlink its socket and put a symbolic link there, to this server's own socket (an
//! endless echo to itself) or to another user's socket it may not write to itself (the server
//! would deliver its datagram for it). So the answer goes to the file only when it is still a
//! socket (not a link) owned by the user the kernel says sent the datagram (SO_PASSCRED), and
//! is not this server's own socket; it is sent through the file descriptor that was checked,
//! so the name cannot be swapped between the check and the send. Each sending user is
//! answered at most `udp_rate` times a second, as each UDP source address is, which holds any
//! loop with another echo service to that rate.

use std::fs::File;
use std::future::Future;
use std::io::{self, IoSliceMut};
use std::mem::MaybeUninit;
use std::net::SocketAddr;
use std::os::fd::AsRawFd;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rustix::net::{RecvAncillaryBuffer, RecvAncillaryMessage, RecvFlags, SocketAddrUnix};
use tokio::io::Interest;
use tokio::net::UnixDatagram;
use tokio_util::sync::CancellationToken;

use super::datagram::{DatagramSocket, serve_datagrams};
use super::endpoint::Endpoint;
use super::event::InvalidDatagram;
use super::event::{
    Call, DroppedDatagrams, Events, Proto, RateSource, SenderFileRisk, Summary, UntrustedSender,
};
use super::framing::Framing;
use super::limit::{MAX_SOURCES, SourceLimiter};
use super::server::ServerConfig;
use super::udp::check_datagram;
use super::unix::{DgramSocket, FileId};

/// The process that sent a datagram, as the kernel vouches for it (SCM_CREDENTIALS).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Credentials {
    pub pid: i32,
    pub uid: u32,
}

/// Where a datagram came from: the name its sender is bound to, and who sent it.
#[derive(Debug)]
pub struct Sender {
    /// None for an unbound sender or an abstract address: there is no file to answer.
    pub path: Option<PathBuf>,
    pub credentials: Option<Credentials>,
}

/// Where an echo goes: the sender's socket file, opened (O_PATH) and checked.
#[derive(Debug)]
pub struct Reply {
    path: PathBuf,
    file: File,
}

/// What the file at a sender's address is, after it was opened without following a link.
pub struct SenderFile {
    pub id: FileId,
    pub is_link: bool,
    pub is_socket: bool,
    pub owner: u32,
}

impl SenderFile {
    fn of(meta: &std::fs::Metadata) -> SenderFile {
        SenderFile {
            id: FileId::of(meta),
            is_link: meta.file_type().is_symlink(),
            is_socket: meta.file_type().is_socket(),
            owner: meta.uid(),
        }
    }
}

/// Why the file at a sender's address must not be answered, if it must not: `Err(None)` when
/// it is this server's own socket (counted as the server's own address), else the risk.
pub fn check_sender_file(
    file: &SenderFile,
    sender_uid: u32,
    own: FileId,
) -> Result<(), Option<SenderFileRisk>> {
    if file.is_link {
        return Err(Some(SenderFileRisk::Link));
    }
    if !file.is_socket {
        return Err(Some(SenderFileRisk::NotASocket));
    }
    if file.id == own {
        return Err(None);
    }
    if file.owner != sender_uid {
        return Err(Some(SenderFileRisk::OtherOwner { owner: file.owner }));
    }
    Ok(())
}

/// Opens the name itself, never what a link there points to (O_PATH | O_NOFOLLOW): a handle
/// that reads no data and can only be looked at or used as a path.
fn open_sender_file(path: &Path) -> io::Result<File> {
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_PATH | libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)
}

/// The same file as a path the kernel resolves to the descriptor's inode, not by name again.
fn descriptor_path(file: &File) -> PathBuf {
    PathBuf::from(format!("/proc/self/fd/{}", file.as_raw_fd()))
}

/// One recvmsg(): the datagram, its sender's address and the kernel's word on who sent it.
fn recv_with_credentials(socket: &UnixDatagram, buf: &mut [u8]) -> io::Result<(usize, Sender)> {
    let mut space = [MaybeUninit::uninit(); rustix::cmsg_space!(ScmCredentials(1))];
    let mut control = RecvAncillaryBuffer::new(&mut space);
    let mut iov = [IoSliceMut::new(buf)];
    let received = rustix::net::recvmsg(socket, &mut iov, &mut control, RecvFlags::CMSG_CLOEXEC)?;
    let mut credentials = None;
    // Any other control message (descriptors a sender passed) is dropped, and so closed, here.
    for message in control.drain() {
        if let RecvAncillaryMessage::ScmCredentials(cred) = message {
            credentials = Some(Credentials {
                pid: cred.pid.as_raw_nonzero().get(),
                uid: cred.uid.as_raw(),
            });
        }
    }
    let path = received
        .address
        .and_then(|address| SocketAddrUnix::try_from(address).ok())
        .and_then(|address| {
            address
                .path_bytes()
                .map(|bytes| PathBuf::from(std::ffi::OsStr::from_bytes(bytes)))
        });
    Ok((received.bytes, Sender { path, credentials }))
}

/// The Unix datagram socket with the rules on whom it answers.
struct UnixDgramEcho {
    socket: UnixDatagram,
    own_file: FileId,
    limiter: SourceLimiter<u32>,
    framing: Framing,
    max_frame: usize,
    rate: u32,
}

impl UnixDgramEcho {
    /// The sender's socket, opened and checked, or why it is not answered.
    fn reply_to(&self, path: &Path, uid: u32, dropped: &mut DroppedDatagrams) -> Option<Reply> {
        let untrusted = |risk| UntrustedSender {
            uid: Some(uid),
            risk,
        };
        let opened = open_sender_file(path).and_then(|file| Ok((file.metadata()?, file)));
        let (meta, file) = match opened {
            Ok(opened) => opened,
            Err(error) => {
                let risk = match error.kind() {
                    io::ErrorKind::NotFound => SenderFileRisk::Gone,
                    _ => SenderFileRisk::Unreachable {
                        error: error.to_string(),
                    },
                };
                dropped.add_untrusted_sender(untrusted(risk));
                return None;
            }
        };
        match check_sender_file(&SenderFile::of(&meta), uid, self.own_file) {
            Ok(()) => Some(Reply {
                path: path.to_path_buf(),
                file,
            }),
            Err(None) => {
                dropped.add_own_address();
                None
            }
            Err(Some(risk)) => {
                dropped.add_untrusted_sender(untrusted(risk));
                None
            }
        }
    }
}

impl DatagramSocket for UnixDgramEcho {
    type Source = Sender;
    type Dest = Reply;
    const PROTO: Proto = Proto::UnixDgram;

    async fn recv_from(&self, buf: &mut [u8]) -> io::Result<(usize, Sender)> {
        self.socket
            .async_io(Interest::READABLE, || {
                recv_with_credentials(&self.socket, buf)
            })
            .await
    }

    fn send_to(
        &self,
        datagram: &[u8],
        dest: &Reply,
    ) -> impl Future<Output = io::Result<usize>> + Send {
        self.socket.send_to(datagram, descriptor_path(&dest.file))
    }

    fn rate_limit(&self) -> u32 {
        self.rate
    }

    /// Only a sender bound to a file, known by its credentials, with whole messages, at most
    /// `rate` times a second per user, and only at its own socket.
    fn admit(
        &mut self,
        sender: Sender,
        datagram: &[u8],
        dropped: &mut DroppedDatagrams,
    ) -> Option<Reply> {
        let Some(path) = sender.path else {
            dropped.add_invalid(InvalidDatagram::UnnamedSender);
            return None;
        };
        let Some(credentials) = sender.credentials else {
            dropped.add_untrusted_sender(UntrustedSender {
                uid: None,
                risk: SenderFileRisk::NoCredentials,
            });
            return None;
        };
        if let Err(reason) = check_datagram(self.framing, self.max_frame, datagram) {
            dropped.add_invalid(reason);
            return None;
        }
        // Before any look at the file system: a flood costs a table lookup per datagram.
        if !self.limiter.allow(credentials.uid, Instant::now()) {
            dropped.add_over_rate(RateSource::Uid(credentials.uid));
            return None;
        }
        self.reply_to(&path, credentials.uid, dropped)
    }

    fn received(_: &Sender, bytes: usize) -> Call {
        Call::Recv { bytes }
    }

    fn sent(_: &Reply, bytes: usize) -> Call {
        Call::Send { bytes }
    }

    fn message_peer(_: &Reply) -> Option<SocketAddr> {
        None
    }

    fn endpoint(reply: &Reply) -> Endpoint {
        Endpoint::Path(reply.path.clone())
    }
}

/// Echoes datagrams until `shutdown` is cancelled; unanswerable and invalid ones are summed up
/// once a second.
pub async fn serve_unix_dgram(
    socket: DgramSocket,
    config: ServerConfig,
    events: Events,
    shutdown: CancellationToken,
) -> Summary {
    let echo = UnixDgramEcho {
        socket: socket.socket,
        own_file: socket.own_file,
        limiter: SourceLimiter::new(config.udp_rate, MAX_SOURCES, Instant::now()),
        framing: config.framing,
        max_frame: config.max_frame,
        rate: config.udp_rate,
    };
    serve_datagrams(echo, &config, events, shutdown).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(is_link: bool, is_socket: bool, owner: u32, ino: u64) -> SenderFile {
        SenderFile {
            id: FileId { dev: 1, ino },
            is_link,
            is_socket,
            owner,
        }
    }

    #[test]
    fn only_the_senders_own_socket_is_answered() {
        let own = FileId { dev: 1, ino: 7 };
        assert_eq!(
            check_sender_file(&file(false, true, 1000, 8), 1000, own),
            Ok(())
        );
        assert_eq!(
            check_sender_file(&file(true, false, 1000, 8), 1000, own),
            Err(Some(SenderFileRisk::Link))
        );
        assert_eq!(
            check_sender_file(&file(false, false, 1000, 8), 1000, own),
            Err(Some(SenderFileRisk::NotASocket))
        );
        assert_eq!(
            check_sender_file(&file(false, true, 0, 8), 1000, own),
            Err(Some(SenderFileRisk::OtherOwner { owner: 0 }))
        );
        // The server's own socket, under any name (a hard link), even for its own user.
        assert_eq!(
            check_sender_file(&file(false, true, 0, 7), 0, own),
            Err(None)
        );
    }

    #[tokio::test]
    async fn a_link_at_the_senders_address_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let server_path = dir.path().join("server.sock");
        let bound = super::super::unix::bind_unix_dgram(&server_path, None).unwrap();
        let client_path = dir.path().join("client.sock");
        let client = std::os::unix::net::UnixDatagram::bind(&client_path).unwrap();
        client.send_to(b"hi\n", &server_path).unwrap();
        let mut buf = [0u8; 64];
        let (len, sender) = bound
            .socket
            .socket
            .async_io(Interest::READABLE, || {
                recv_with_credentials(&bound.socket.socket, &mut buf)
            })
            .await
            .unwrap();
        assert_eq!(&buf[..len], b"hi\n");
        assert_eq!(sender.path.as_deref(), Some(client_path.as_path()));
        let credentials = sender.credentials.expect("SO_PASSCRED gives credentials");
        assert_eq!(credentials.pid, std::process::id() as i32);
        assert_eq!(credentials.uid, rustix::process::getuid().as_raw());

        let echo = UnixDgramEcho {
            socket: bound.socket.socket,
            own_file: bound.socket.own_file,
            limiter: SourceLimiter::new(0, 4, Instant::now()),
            framing: Framing::Line,
            max_frame: 64,
            rate: 0,
        };
        let mut dropped = DroppedDatagrams::default();
        let reply = echo
            .reply_to(&client_path, credentials.uid, &mut dropped)
            .expect("the sender's own socket");
        echo.send_to(b"hi\n", &reply).await.unwrap();
        assert_eq!(client.recv(&mut buf).unwrap(), 3);

        // The sender's name now leads back to the server: not answered, not followed.
        std::fs::remove_file(&client_path).unwrap();
        std::os::unix::fs::symlink(&server_path, &client_path).unwrap();
        assert!(
            echo.reply_to(&client_path, credentials.uid, &mut dropped)
                .is_none()
        );
        assert_eq!(
            dropped
                .untrusted_sender_example
                .as_ref()
                .map(|sender| &sender.risk),
            Some(&SenderFileRisk::Link)
        );
        // A hard link to the server's own socket is the server's own address.
        let hard = dir.path().join("hard.sock");
        std::fs::hard_link(&server_path, &hard).unwrap();
        assert!(
            echo.reply_to(&hard, credentials.uid, &mut dropped)
                .is_none()
        );
        assert_eq!(dropped.own_address, 1);
    }
}
