//! Small socket scenarios on loopback ports of their own — a refused connection, a port in
//! use, the TIME_WAIT a closed connection leaves and what SO_REUSEADDR changes — recorded as
//! typed steps: each socket call with its result, and what the kernel's tables showed.

use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4, TcpStream, UdpSocket};
use std::time::Duration;

use socket2::{Domain, Socket, Type};

use crate::net::sockets::{self, SocketEntry, TcpState, Transport};

/// Which scenario to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scenario {
    /// connect() to a port nothing listens on (TCP: RST; UDP: ICMP port unreachable).
    Refused,
    /// A second bind() to a port a listener holds.
    InUse,
    /// The side that closes first keeps TIME_WAIT; without SO_REUSEADDR it blocks a restart.
    TimeWait,
}

/// Which socket of the scenario acted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    /// The listening socket (`s` in the article's server).
    Server,
    /// A connection the server accepted (`conn`).
    Conn,
    /// The client's socket.
    Client,
    /// A second server started on the same port (`s2`).
    Restart,
}

/// A socket call of a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Call {
    Socket { transport: Transport },
    SetReuseAddr,
    Bind { addr: SocketAddr },
    Listen { backlog: i32 },
    Connect { addr: SocketAddr },
    Accept { peer: SocketAddr },
    Send { bytes: usize },
    Recv { bytes: usize },
    Close,
}

/// What a scenario saw, in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// A call and its result: the OS error number when it failed.
    Call {
        actor: Actor,
        call: Call,
        error: Option<i32>,
    },
    /// The kernel's socket table rows for the scenario's port at this point.
    Table {
        port: u16,
        entries: Vec<SocketEntry>,
    },
    /// The process that holds the port (for the in-use scenario).
    Holder {
        port: u16,
        holder: sockets::PortHolder,
    },
}

/// Bounds every call of a scenario, so a machine whose loopback is down cannot hang it.
const CALL_TIMEOUT: Duration = Duration::from_secs(2);

struct Recorder<'a> {
    steps: Vec<Step>,
    /// Called after each step when packets are watched: it returns once every packet the
    /// step caused has been captured, so step i's packets are those before barrier i.
    barrier: Option<&'a dyn Fn()>,
}

fn now_ns() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

impl Recorder<'_> {
    fn call<T>(&mut self, actor: Actor, call: Call, result: io::Result<T>) -> io::Result<T> {
        self.steps.push(Step::Call {
            actor,
            call,
            error: result.as_ref().err().map(|e| e.raw_os_error().unwrap_or(0)),
        });
        self.ended();
        result
    }

    fn ended(&mut self) {
        if let Some(barrier) = self.barrier {
            barrier();
        }
    }

    /// The rows of the listener on `port` and of the demo's own connection from `client`,
    /// matched on both ends. Not every row with the port: a listener bound with SO_REUSEADDR
    /// may get a port that some other program's connection still holds in TIME_WAIT, and the
    /// client's ephemeral port may be the local port of another program's TIME_WAIT row.
    fn table(&mut self, port: u16, client: SocketAddr) {
        let entries = sockets::read_sockets(Transport::Tcp)
            .into_iter()
            .filter(|e| {
                let server_side =
                    e.local.port() == port && (e.remote.port() == 0 || e.remote == client);
                let client_side = e.local == client && e.remote.port() == port;
                server_side || client_side
            })
            .collect();
        self.steps.push(Step::Table { port, entries });
        self.ended();
    }
}

const LOOPBACK: SocketAddr = SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0));

fn tcp_socket(rec: &mut Recorder, actor: Actor) -> io::Result<Socket> {
    rec.call(
        actor,
        Call::Socket {
            transport: Transport::Tcp,
        },
        Socket::new(Domain::IPV4, Type::STREAM, None),
    )
}

fn local_addr(socket: &Socket) -> io::Result<SocketAddr> {
    socket
        .local_addr()?
        .as_socket()
        .ok_or_else(|| io::Error::from(io::ErrorKind::AddrNotAvailable))
}

/// A listener on a fresh loopback port, with or without SO_REUSEADDR.
fn listen(rec: &mut Recorder, actor: Actor, reuse: bool, addr: SocketAddr) -> io::Result<Socket> {
    let socket = tcp_socket(rec, actor)?;
    if reuse {
        rec.call(actor, Call::SetReuseAddr, socket.set_reuse_address(true))?;
    }
    let bound = socket.bind(&addr.into()).and_then(|()| local_addr(&socket));
    let shown = bound.as_ref().map_or(addr, |a| *a);
    rec.call(actor, Call::Bind { addr: shown }, bound)?;
    rec.call(actor, Call::Listen { backlog: 5 }, socket.listen(5))?;
    Ok(socket)
}

/// The client's socket() and connect(), recorded; connect()'s result, which a scenario may
/// expect to fail.
fn connect_client(rec: &mut Recorder, addr: SocketAddr) -> io::Result<TcpStream> {
    let socket = Call::Socket {
        transport: Transport::Tcp,
    };
    let _ = rec.call(Actor::Client, socket, Ok(()));
    let connected = TcpStream::connect_timeout(&addr, CALL_TIMEOUT);
    rec.call(Actor::Client, Call::Connect { addr }, connected)
}

fn refused(rec: &mut Recorder) -> io::Result<()> {
    // A port that was just free: bound, then closed without listen().
    let probe = tcp_socket(rec, Actor::Server)?;
    let bound = probe
        .bind(&LOOPBACK.into())
        .and_then(|()| local_addr(&probe));
    let shown = bound.as_ref().map_or(LOOPBACK, |a| *a);
    let addr = rec.call(Actor::Server, Call::Bind { addr: shown }, bound)?;
    drop(probe);
    rec.call(Actor::Server, Call::Close, Ok(()))?;
    let _ = connect_client(rec, addr);
    // UDP: the refusal arrives later, as an ICMP error on the next call of a connected socket.
    let udp = rec.call(
        Actor::Client,
        Call::Socket {
            transport: Transport::Udp,
        },
        UdpSocket::bind(LOOPBACK),
    )?;
    udp.set_read_timeout(Some(CALL_TIMEOUT))?;
    rec.call(Actor::Client, Call::Connect { addr }, udp.connect(addr))?;
    let sent = udp.send(b"hello");
    rec.call(Actor::Client, Call::Send { bytes: 5 }, sent)?;
    let mut buffer = [0u8; 64];
    let received = udp.recv(&mut buffer);
    let bytes = *received.as_ref().unwrap_or(&0);
    let _ = rec.call(Actor::Client, Call::Recv { bytes }, received);
    Ok(())
}

fn in_use(rec: &mut Recorder) -> io::Result<()> {
    let server = listen(rec, Actor::Server, true, LOOPBACK)?;
    let addr = local_addr(&server)?;
    let second = tcp_socket(rec, Actor::Restart)?;
    rec.call(
        Actor::Restart,
        Call::SetReuseAddr,
        second.set_reuse_address(true),
    )?;
    let _ = rec.call(
        Actor::Restart,
        Call::Bind { addr },
        second.bind(&addr.into()),
    );
    rec.steps.push(Step::Holder {
        port: addr.port(),
        holder: sockets::holder(Transport::Tcp, addr.ip(), addr.port()),
    });
    rec.ended();
    Ok(())
}

/// One exchange where the server closes first, as the article's server does after "quit".
/// The server's address and the client's, after an exchange the server ends first.
fn exchange_server_closes_first(
    rec: &mut Recorder,
    server: &Socket,
) -> io::Result<(SocketAddr, SocketAddr)> {
    let addr = local_addr(server)?;
    let mut client = connect_client(rec, addr)?;
    client.set_read_timeout(Some(CALL_TIMEOUT))?;
    let accepted = server.accept().and_then(|(conn, peer)| {
        let peer = peer
            .as_socket()
            .ok_or_else(|| io::Error::from(io::ErrorKind::AddrNotAvailable))?;
        Ok((conn, peer))
    });
    let (conn, peer) = accepted?;
    rec.call(Actor::Server, Call::Accept { peer }, Ok(()))?;
    rec.call(
        Actor::Client,
        Call::Send { bytes: 4 },
        client.write_all(b"quit"),
    )?;
    let mut conn_stream: TcpStream = conn.into();
    conn_stream.set_read_timeout(Some(CALL_TIMEOUT))?;
    let mut buffer = [0u8; 64];
    let got = conn_stream.read(&mut buffer);
    let bytes = *got.as_ref().unwrap_or(&0);
    rec.call(Actor::Conn, Call::Recv { bytes }, got)?;
    drop(conn_stream);
    rec.call(Actor::Conn, Call::Close, Ok(()))?;
    let got = client.read(&mut buffer);
    let bytes = *got.as_ref().unwrap_or(&0);
    rec.call(Actor::Client, Call::Recv { bytes }, got)?;
    drop(client);
    rec.call(Actor::Client, Call::Close, Ok(()))?;
    Ok((addr, peer))
}

fn time_wait(rec: &mut Recorder) -> io::Result<()> {
    for reuse in [false, true] {
        let server = listen(rec, Actor::Server, reuse, LOOPBACK)?;
        let (addr, client) = exchange_server_closes_first(rec, &server)?;
        rec.table(addr.port(), client);
        drop(server);
        rec.call(Actor::Server, Call::Close, Ok(()))?;
        let restart = tcp_socket(rec, Actor::Restart)?;
        rec.call(
            Actor::Restart,
            Call::SetReuseAddr,
            restart.set_reuse_address(true),
        )?;
        let _ = rec.call(
            Actor::Restart,
            Call::Bind { addr },
            restart.bind(&addr.into()),
        );
    }
    Ok(())
}

/// Runs `scenario`; the steps recorded so far come back with the error that stopped it, if any.
pub fn run(scenario: Scenario) -> (Vec<Step>, Option<io::Error>) {
    let timed = run_timed(scenario, None);
    (timed.steps, timed.error)
}

/// A scenario's steps, when it started and what stopped it.
pub struct Timed {
    pub steps: Vec<Step>,
    /// Nanoseconds since the Unix epoch (the clock packet timestamps use).
    pub started: u64,
    pub error: Option<io::Error>,
}

/// Runs `scenario`, calling `barrier` after each step (when its packets are being captured).
pub fn run_timed(scenario: Scenario, barrier: Option<&dyn Fn()>) -> Timed {
    let mut rec = Recorder {
        steps: Vec::new(),
        barrier,
    };
    let started = now_ns();
    let result = match scenario {
        Scenario::Refused => refused(&mut rec),
        Scenario::InUse => in_use(&mut rec),
        Scenario::TimeWait => time_wait(&mut rec),
    };
    Timed {
        steps: rec.steps,
        started,
        error: result.err(),
    }
}

/// The ports a scenario's steps name: its packets are the ones to or from these.
pub fn ports(steps: &[Step]) -> Vec<u16> {
    let mut ports: Vec<u16> = steps
        .iter()
        .filter_map(|step| match step {
            Step::Call {
                call: Call::Bind { addr } | Call::Connect { addr } | Call::Accept { peer: addr },
                ..
            } => Some(addr.port()),
            _ => None,
        })
        .filter(|&port| port != 0)
        .collect();
    ports.sort_unstable();
    ports.dedup();
    ports
}

/// The ports the scenario's servers bound: the other ports of its packets are clients'.
pub fn server_ports(steps: &[Step]) -> Vec<u16> {
    steps
        .iter()
        .filter_map(|step| match step {
            Step::Call {
                actor: Actor::Server | Actor::Restart,
                call: Call::Bind { addr },
                ..
            } => Some(addr.port()),
            _ => None,
        })
        .filter(|&port| port != 0)
        .collect()
}

/// The errno a step failed with, if it did.
pub fn failed_with(step: &Step) -> Option<i32> {
    match step {
        Step::Call { error, .. } => *error,
        _ => None,
    }
}

/// True for the TIME_WAIT row a server that closed first keeps on its own port.
pub fn is_server_time_wait(entry: &SocketEntry, port: u16) -> bool {
    entry.state == TcpState::TimeWait && entry.local.port() == port
}

#[cfg(test)]
mod tests {
    use super::*;

    const ECONNREFUSED: i32 = 111;
    const EADDRINUSE: i32 = 98;

    fn errors(steps: &[Step]) -> Vec<i32> {
        steps.iter().filter_map(failed_with).collect()
    }

    #[test]
    fn refused_fails_for_tcp_at_connect_and_for_udp_at_recv() {
        let (steps, error) = run(Scenario::Refused);
        assert!(error.is_none(), "{error:?}");
        assert_eq!(errors(&steps), [ECONNREFUSED, ECONNREFUSED]);
    }

    #[test]
    fn a_second_bind_is_refused_and_the_holder_is_this_process() {
        let (steps, error) = run(Scenario::InUse);
        assert!(error.is_none(), "{error:?}");
        assert_eq!(errors(&steps), [EADDRINUSE]);
        let holder = steps.iter().find_map(|s| match s {
            Step::Holder { holder, .. } => Some(holder.clone()),
            _ => None,
        });
        match holder {
            Some(sockets::PortHolder::Bound {
                owner: Some(owner), ..
            }) => assert_eq!(owner.pid, std::process::id()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn time_wait_blocks_a_restart_only_without_so_reuseaddr() {
        let (steps, error) = run(Scenario::TimeWait);
        assert!(error.is_none(), "{error:?}");
        // The first round (no SO_REUSEADDR) fails to rebind; the second succeeds.
        assert_eq!(errors(&steps), [EADDRINUSE]);
        let tables: Vec<&Step> = steps
            .iter()
            .filter(|s| matches!(s, Step::Table { .. }))
            .collect();
        assert_eq!(tables.len(), 2);
        for table in tables {
            if let Step::Table { port, entries } = table {
                assert!(
                    entries.iter().any(|e| is_server_time_wait(e, *port)),
                    "{entries:?}"
                );
            }
        }
    }
}
