//! An echo demo's script as typed steps: the socket calls go through the domain's [`Events`],
//! and what each moment of the demo shows (a framing, a half-close, a frozen client) is a
//! [`Step`] in the same ordered log. [`super::narrator`] words both.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use tokio::sync::mpsc;

use crate::net::echo::event::{Call, Event, Events, Proto, Role};
use crate::net::echo::framing::Framing;

/// A moment of an echo demo, with the values its narration needs.
#[derive(Debug)]
pub enum Step {
    /// `echo demo`: the TCP server and what its framing means.
    TcpServer {
        server: SocketAddr,
        framing: Framing,
    },
    /// `echo demo --udp`: the UDP server (no listen, no accept).
    UdpServer { server: SocketAddr },
    /// Several clients connected before any sent.
    ClientsAtOnce { clients: usize },
    /// A client is about to send these bytes (framing included).
    Sending { wire: Vec<u8> },
    /// A client shut down its write side.
    WriteSideClosed,
    /// A client's echo came back whole and equal.
    Verified { bytes: usize },
    /// A UDP client is about to send one datagram of these bytes.
    SendingDatagram { wire: Vec<u8> },
    /// The datagram's echo came back whole and equal.
    VerifiedDatagram { bytes: usize },
    /// `--reset`: a server that will close with the message unread.
    ResetServer { server: SocketAddr },
    /// `--reset`: the client sends these bytes.
    ResetSending { wire: Vec<u8> },
    /// `--reset`: the server closed with `unread` bytes in its receive queue.
    ResetClosed { unread: usize },
    /// `--reset`: the client's recv() failed with a reset.
    ResetRecvFails,
    /// `--unix`: the server's socket file, its transport and framing.
    UnixServer {
        path: PathBuf,
        proto: Proto,
        framing: Framing,
    },
    /// `--unix`: the socket file's permission bits and owner.
    UnixPermissions { mode: u32, uid: u32 },
    /// `--unix`: the socket file could not be examined.
    UnixCannotExamine { error: std::io::Error },
    /// `--unix`: the socket file was unlinked (`gone`: it is no longer there).
    UnixRemoved { gone: bool },
    /// `--unix`: the peer is known by its process, not an address.
    UnixPeer,
    /// `--unix`: the echo came back over the stream socket.
    UnixVerified { bytes: usize },
    /// `--unix --udp`: the client binds a file of its own to be answered at.
    UnixDgramOwnFile,
    /// `--unix --udp`: the datagram's echo came back.
    UnixDgramVerified { bytes: usize },
    /// `--unix`: socketpair(), two sockets connected from birth.
    UnixSocketpair,
    /// `--unix`: b received what a sent.
    UnixSocketpairReceived { wire: Vec<u8> },
    /// `--vanish`: the server, its idle timeout and whether keepalive is on.
    VanishServer {
        server: SocketAddr,
        idle: Duration,
        keepalive: bool,
    },
    /// `--vanish`: client 1 closes properly.
    VanishPolite,
    /// `--vanish`: its FIN was noticed at once.
    VanishFin,
    /// `--vanish`: client 2 is a process that will be frozen.
    VanishFrozenIntro,
    /// `--vanish`: client 2 is frozen.
    VanishFrozen,
    /// `--vanish`: the server's recv has waited `waited` of its `idle` timeout.
    VanishWaiting { waited: Duration, idle: Duration },
    /// `--vanish --keepalive`: why keepalive did not help.
    VanishKeepalive,
    /// `--vanish`: without the timeout the server would wait forever.
    VanishForever,
    /// `--nonblocking`: the server answers each message `delay` late.
    NonblockingServer { server: SocketAddr, delay: Duration },
    /// `--nonblocking`: the socket no longer waits.
    NonblockingSet,
    /// `--nonblocking`: connect() is still in progress.
    ConnectInProgress,
    /// `--nonblocking`: the connection is made.
    Connected,
    /// `--nonblocking`: recv() said EWOULDBLOCK after `took`.
    WouldBlock { took: Duration },
    /// `--nonblocking`: poll() waited `waited` in all, then these bytes came.
    Polled { waited: Duration, wire: Vec<u8> },
    /// `--nonblocking`: the same with a blocking socket.
    BlockingSocket,
    /// `--nonblocking`: the blocking recv stood still for `waited`.
    StoodStill { waited: Duration },
}

/// One record of a demo's log, in the order things happened.
#[derive(Debug)]
pub enum Logged {
    /// A socket call or server event; `mark` is the packet capture's position just after it,
    /// when `--wire` watches the packets.
    Event { event: Event, mark: Option<u64> },
    /// A step of the demo's script, on one side.
    Step { role: Role, step: Step },
}

/// How a demo's script tells its story: socket calls (and the server it starts) through the
/// domain's [`Events`], its own steps straight into the same log.
#[derive(Clone, Debug)]
pub struct Say {
    events: Events,
    tx: mpsc::Sender<Logged>,
    role: Role,
}

impl Say {
    /// A demo's log, every socket call narrated. `mark` is called for each event on the task
    /// that made it, before that task goes on (a capture mark for `--wire`).
    pub fn channel(
        mark: impl Fn(&Event) -> Option<u64> + Send + Sync + 'static,
    ) -> (Say, mpsc::Receiver<Logged>) {
        let (tx, rx) = mpsc::channel(Events::CAPACITY);
        let events = Events::forwarding(Role::Server, true, tx.clone(), move |event| {
            let mark = mark(&event);
            Logged::Event { event, mark }
        });
        let say = Say {
            events,
            tx,
            role: Role::Server,
        };
        (say, rx)
    }

    /// The same log, speaking for another side.
    pub fn for_role(&self, role: Role) -> Say {
        Say {
            events: self.events.for_role(role),
            tx: self.tx.clone(),
            role,
        }
    }

    /// Where a server this side starts sends its events.
    pub fn events(&self) -> Events {
        self.events.clone()
    }

    /// Narrates one socket call.
    pub async fn call(&self, conn: Option<u64>, call: Call) {
        self.events.call(conn, call).await;
    }

    /// Narrates a recv or send with the bytes it moved.
    pub async fn call_data(&self, conn: Option<u64>, call: Call, data: &[u8]) {
        self.events.call_data(conn, call, data).await;
    }

    /// A step of the script. The log's reader only goes away when the command is exiting.
    pub async fn step(&self, step: Step) {
        let _ = self
            .tx
            .send(Logged::Step {
                role: self.role,
                step,
            })
            .await;
    }
}
