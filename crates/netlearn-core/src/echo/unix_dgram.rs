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
use std::io;
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::Path;
use std::time::Instant;

use tokio_util::sync::CancellationToken;

use super::datagram::{
    Admission, DatagramSocket, Dest, FileId, Source, check_datagram, serve_datagrams,
};
use super::event::{
    DroppedDatagrams, Events, InvalidDatagram, RateSource, SenderFileRisk, Summary, UntrustedSender,
};
use super::framing::Framing;
use super::limit::{MAX_SOURCES, SourceLimiter};
use super::server::ServerConfig;

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

/// The Unix datagram server's rules on whom it answers.
struct UnixDgramRules {
    own_file: FileId,
    limiter: SourceLimiter<u32>,
    framing: Framing,
    max_frame: usize,
}

impl UnixDgramRules {
    /// The sender's socket, opened and checked, or why it is not answered.
    fn reply_to(&self, path: &Path, uid: u32, dropped: &mut DroppedDatagrams) -> Option<Dest> {
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
                        error: error.into(),
                    },
                };
                dropped.add_untrusted_sender(untrusted(risk));
                return None;
            }
        };
        match check_sender_file(&SenderFile::of(&meta), uid, self.own_file) {
            Ok(()) => Some(Dest::Unix {
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

impl Admission for UnixDgramRules {
    /// Only a sender bound to a file, known by its credentials, with whole messages, at most
    /// `rate` times a second per user, and only at its own socket.
    fn admit(
        &mut self,
        source: Source,
        datagram: &[u8],
        dropped: &mut DroppedDatagrams,
    ) -> Option<Dest> {
        // A Unix datagram socket has no other kind of source.
        let Source::Unix(sender) = source else {
            return None;
        };
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
}

/// Echoes datagrams until `shutdown` is cancelled; unanswerable and invalid ones are summed up
/// once a second.
pub async fn serve_unix_dgram(
    socket: DatagramSocket,
    config: ServerConfig,
    events: Events,
    shutdown: CancellationToken,
) -> Summary {
    let own_file = match &socket {
        DatagramSocket::Unix { own_file, .. } => *own_file,
        // A UDP socket is answered by the UDP server's rules.
        DatagramSocket::Udp(_) => {
            let DatagramSocket::Udp(socket) = socket else {
                unreachable!("matched just above")
            };
            return super::udp::serve_udp(socket, config, events, shutdown).await;
        }
    };
    let rules = UnixDgramRules {
        own_file,
        limiter: SourceLimiter::new(config.udp_rate, MAX_SOURCES, Instant::now()),
        framing: config.framing,
        max_frame: config.max_frame,
    };
    serve_datagrams(socket, rules, &config, events, shutdown).await
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
        let (len, source) = bound.socket.recv_from(&mut buf).await.unwrap();
        let Source::Unix(sender) = source else {
            panic!("a Unix socket's sender: {source:?}")
        };
        assert_eq!(&buf[..len], b"hi\n");
        assert_eq!(sender.path.as_deref(), Some(client_path.as_path()));
        let credentials = sender.credentials.expect("SO_PASSCRED gives credentials");
        assert_eq!(credentials.pid, std::process::id() as i32);
        assert_eq!(credentials.uid, rustix::process::getuid().as_raw());

        let echo = UnixDgramRules {
            own_file: bound.socket.own_file().expect("a Unix socket's file"),
            limiter: SourceLimiter::new(0, 4, Instant::now()),
            framing: Framing::Line,
            max_frame: 64,
        };
        let mut dropped = DroppedDatagrams::default();
        let reply = echo
            .reply_to(&client_path, credentials.uid, &mut dropped)
            .expect("the sender's own socket");
        bound.socket.send_to(b"hi\n", &reply).await.unwrap();
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
