//! What a link does, measured: echo requests across it (their round trips, how many came
//! back), a train of small datagrams one way (how many arrived), and a TCP transfer bounded in
//! bytes and time (how long it took, the goodput, the retransmissions). Every part ends by a
//! deadline, whatever the link loses.

use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Shutdown, SocketAddr, TcpListener, UdpSocket};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use socket2::{Domain, Protocol, SockAddr, Socket, Type};

use crate::lab::icmp::{Answer, NoIcmpSocket, Pinger};
use crate::lab::{Lab, Topology, tcp_info};

/// How much to measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Echo requests, one after the other (as many as fit in [`PING_BUDGET`]).
    pub pings: u16,
    /// Datagrams in the train (fewer if the link's rate would make it last longer than
    /// [`TRAIN_TIME`]).
    pub datagrams: u32,
    /// The transfer stops at this many bytes ...
    pub transfer_bytes: usize,
    /// ... or after this long, whichever comes first.
    pub transfer_time: Duration,
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            pings: 10,
            datagrams: 500,
            transfer_bytes: 256 * 1024,
            transfer_time: Duration::from_secs(1),
        }
    }
}

/// The longest a train of datagrams lasts.
pub const TRAIN_TIME: Duration = Duration::from_millis(500);
/// How long past the round trip the train's last datagram, or the transfer, is waited for.
pub const GRACE: Duration = Duration::from_millis(200);
/// The pings stop after this long, however many were asked for (a long delay and many
/// lost replies would make them last minutes).
pub const PING_BUDGET: Duration = Duration::from_secs(10);
/// How long uncounted pings may try to get one answer before the measurement.
pub const WARM_UP: Duration = Duration::from_secs(2);
/// How long past the link's round trip an echo reply is waited for.
pub const PING_GRACE: Duration = Duration::from_millis(250);
/// How long past its deadline the train's receiver goes on counting while datagrams come.
const STRAGGLERS: Duration = Duration::from_secs(1);
/// The smallest gap between two datagrams of the train.
const TRAIN_GAP: Duration = Duration::from_micros(200);
/// A train datagram: this mark, then its number.
const TRAIN_MARK: &[u8; 12] = b"netlearn-trn";

/// A train of datagrams sent one way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Train {
    pub sent: u32,
    pub arrived: u32,
}

/// A bounded TCP transfer one way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transfer {
    /// Bytes the receiver read.
    pub bytes: u64,
    /// From the sender's connect to the last byte read.
    pub elapsed: Duration,
    /// Whether every byte of the plan arrived before the deadline.
    pub complete: bool,
    /// Segments the sender's kernel sent again (TCP_INFO's total_retrans).
    pub retransmits: u32,
}

impl Transfer {
    /// Bits per second of what arrived, if anything did.
    pub fn goodput_bits_per_second(&self) -> Option<f64> {
        let seconds = self.elapsed.as_secs_f64();
        (self.bytes > 0 && seconds > 0.0).then(|| self.bytes as f64 * 8.0 / seconds)
    }
}

/// What was measured across one link.
#[derive(Clone, Debug, PartialEq)]
pub struct Measurement {
    /// The link's place in `Topology::links`.
    pub link: usize,
    /// The host that sent, and the one that answered at `target`.
    pub from: String,
    pub to: String,
    pub target: Ipv4Addr,
    /// One per echo request: its round trip, or None when no reply came in time.
    pub pings: Vec<Option<Duration>>,
    pub train: Train,
    pub transfer: Transfer,
}

/// Why a link could not be measured.
#[derive(Debug, thiserror::Error)]
pub enum MeasureError {
    /// The lab has no link `0`.
    #[error("no link {0}")]
    NoLink(usize),
    /// Neither end, or only one end, has an IPv4 address on the link.
    #[error("no IPv4 address at both ends of link {0}")]
    NoAddress(usize),
    /// No ICMP socket could be opened in the sending host.
    #[error("no ICMP socket")]
    Pinger(NoIcmpSocket),
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// The first IPv4 address `host` has on `interface` (or on the bridge `interface` is a port
/// of).
fn address_on(topology: &Topology, host: &str, interface: &str) -> Option<Ipv4Addr> {
    let host = topology.host(host)?;
    host.interfaces
        .iter()
        .filter(|i| i.name == interface || i.ports.iter().any(|p| p == interface))
        .flat_map(|i| &i.addresses)
        .find_map(|a| match a.addr() {
            IpAddr::V4(v4) => Some(v4),
            IpAddr::V6(_) => None,
        })
}

/// Measures link `link` of `lab` per `plan`: from its first end to its second (the other
/// way if only the first end has an address there).
pub fn measure(lab: &Lab, link: usize, plan: &Plan) -> Result<Measurement, MeasureError> {
    let spec = lab
        .topology
        .links
        .get(link)
        .ok_or(MeasureError::NoLink(link))?;
    let a = address_on(&lab.topology, &spec.a.0, &spec.a.1);
    let b = address_on(&lab.topology, &spec.b.0, &spec.b.1);
    let (from, to, target) = match (a, b) {
        (Some(_), Some(b)) => (&spec.a.0, &spec.b.0, b),
        _ => return Err(MeasureError::NoAddress(link)),
    };
    let (Some(from_ns), Some(to_ns)) = (lab.namespace(from), lab.namespace(to)) else {
        return Err(MeasureError::NoLink(link));
    };
    let delay = spec.impairment.delay.unwrap_or_default();
    let round_trip = delay * 2;

    let pings = from_ns
        .run(|| -> Result<Vec<Option<Duration>>, MeasureError> {
            let mut pinger = Pinger::open().map_err(MeasureError::Pinger)?;
            // Requests first, not counted, until one is answered (or WARM_UP has passed):
            // then the neighbour is known. Otherwise the first counted ping would wait for
            // ARP too, and on a lossy link ARP itself may fail (both its request and answer
            // cross the dice, three times): the datagrams sent meanwhile would be dropped
            // by this host, not by the link.
            let warm = Instant::now() + WARM_UP.max((round_trip + PING_GRACE) * 3);
            while Instant::now() < warm {
                let probe = pinger.probe(target, 64, round_trip + PING_GRACE)?;
                if matches!(probe.answer, Answer::Echo { .. }) {
                    break;
                }
                if !matches!(probe.answer, Answer::Silence) {
                    // Refused at once (no neighbour yet): wait before asking again.
                    std::thread::sleep(PING_GRACE);
                }
            }
            let mut rtts = Vec::with_capacity(usize::from(plan.pings));
            let budget = Instant::now() + PING_BUDGET;
            for _ in 0..plan.pings {
                if Instant::now() >= budget {
                    break;
                }
                let probe = pinger.probe(target, 64, round_trip + PING_GRACE)?;
                rtts.push(match probe.answer {
                    Answer::Echo { rtt, .. } => Some(rtt),
                    _ => None,
                });
            }
            Ok(rtts)
        })
        .map_err(MeasureError::Io)??;

    let receiver = to_ns.run(|| UdpSocket::bind((target, 0)))??;
    let receiver_at = receiver.local_addr()?;
    let sender = from_ns.run(|| UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)))??;
    let train = train(
        &sender,
        receiver,
        receiver_at,
        plan.datagrams,
        spec.impairment.rate_bits_per_second,
        round_trip,
    )?;

    let listener = to_ns.run(|| TcpListener::bind((target, 0)))??;
    let listening_at = listener.local_addr()?;
    let socket = from_ns.run(|| Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)))??;
    let transfer = transfer(listener, socket, listening_at, plan, round_trip)?;

    Ok(Measurement {
        link,
        from: from.clone(),
        to: to.clone(),
        target,
        pings,
        train,
        transfer,
    })
}

/// Sends up to `count` marked datagrams from `sender` to `to`, paced below `rate`, while
/// `receiver` counts the distinct ones that arrive.
fn train(
    sender: &UdpSocket,
    receiver: UdpSocket,
    to: SocketAddr,
    count: u32,
    rate: Option<u64>,
    round_trip: Duration,
) -> io::Result<Train> {
    // A datagram of the train on the wire: mark and number, UDP, IPv4, Ethernet.
    let frame_bits = ((TRAIN_MARK.len() + 4 + 8 + 20 + 14) * 8) as f64;
    let gap = rate.filter(|r| *r > 0).map_or(TRAIN_GAP, |r| {
        Duration::from_secs_f64(1.5 * frame_bits / r as f64).max(TRAIN_GAP)
    });
    let count =
        count.min(u32::try_from(TRAIN_TIME.as_nanos() / gap.as_nanos().max(1)).unwrap_or(u32::MAX));
    let (done_tx, done_rx) = mpsc::channel::<Instant>();
    let counter = std::thread::spawn(move || -> io::Result<u32> {
        receiver.set_read_timeout(Some(Duration::from_millis(10)))?;
        // Room for the whole train should this thread fall behind (the kernel may cap it).
        let _ = socket2::SockRef::from(&receiver).set_recv_buffer_size(1 << 20);
        let mut seen = vec![false; count as usize];
        let mut arrived = 0u32;
        let mut buffer = [0u8; 64];
        let mut until: Option<Instant> = None;
        let mut last = Instant::now();
        // Bounded: once the sender is done, until its deadline, or while datagrams still
        // come (a busy machine may run the link late) up to a second past it; the sender
        // always says when it is done.
        loop {
            if until.is_none() {
                until = done_rx.try_recv().ok();
            }
            let now = Instant::now();
            let quiet = now >= last + GRACE;
            if until.is_some_and(|u| (now >= u && quiet) || now >= u + STRAGGLERS)
                || arrived == count
            {
                return Ok(arrived);
            }
            match receiver.recv(&mut buffer) {
                Ok(n) if n == TRAIN_MARK.len() + 4 && buffer.starts_with(TRAIN_MARK) => {
                    let mut number = [0u8; 4];
                    number.copy_from_slice(&buffer[TRAIN_MARK.len()..n]);
                    let number = u32::from_be_bytes(number) as usize;
                    if let Some(slot) = seen.get_mut(number).filter(|s| !**s) {
                        *slot = true;
                        arrived += 1;
                        last = Instant::now();
                    }
                }
                Ok(_) => {}
                Err(e) if timed_out(&e) => {}
                Err(e) => return Err(e),
            }
        }
    });
    let started = Instant::now();
    let mut sent = 0;
    let mut datagram = [0u8; TRAIN_MARK.len() + 4];
    datagram[..TRAIN_MARK.len()].copy_from_slice(TRAIN_MARK);
    for number in 0..count {
        datagram[TRAIN_MARK.len()..].copy_from_slice(&number.to_be_bytes());
        // A datagram the kernel refuses (a full queue) is one the link lost.
        let _ = sender.send_to(&datagram, to);
        sent += 1;
        // Pacing, not synchronisation: the next datagram leaves one gap after this one.
        let next = started + gap * (number + 1);
        if let Some(wait) = next.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
    }
    let _ = done_tx.send(Instant::now() + round_trip + GRACE);
    let arrived = joined(counter)?;
    Ok(Train { sent, arrived })
}

/// How long one read or write waits at most before the deadline is looked at again.
const STEP: Duration = Duration::from_millis(20);

/// The next read's or write's time limit: what is `left` of the deadline, at most [`STEP`],
/// at least 1 ms (no limit at all would wait for ever).
fn slice(left: Duration) -> Duration {
    left.min(STEP).max(Duration::from_millis(1))
}

/// A read or write that only ran out of its time limit: the loop looks at its deadline again.
fn timed_out(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

/// A thread's result; a panic there goes on here.
fn joined<T>(thread: std::thread::JoinHandle<T>) -> T {
    thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Sends up to `plan.transfer_bytes` from `socket` to the host listening on `listener`, for
/// at most `plan.transfer_time` (plus a round trip for the handshake).
fn transfer(
    listener: TcpListener,
    socket: Socket,
    at: SocketAddr,
    plan: &Plan,
    round_trip: Duration,
) -> io::Result<Transfer> {
    let started = Instant::now();
    let deadline = started + plan.transfer_time + round_trip + GRACE;
    let total = plan.transfer_bytes;
    let sender = std::thread::spawn(move || -> io::Result<u32> {
        let left = || deadline.saturating_duration_since(Instant::now());
        if socket
            .connect_timeout(&SockAddr::from(at), left().max(STEP))
            .is_err()
        {
            return Ok(0);
        }
        let mut stream: std::net::TcpStream = socket.into();
        let chunk = [0x5au8; 16 * 1024];
        let mut written = 0;
        while written < total && !left().is_zero() {
            stream.set_write_timeout(Some(slice(left())))?;
            match stream.write(&chunk[..chunk.len().min(total - written)]) {
                Ok(n) => written += n,
                Err(e) if timed_out(&e) => {}
                Err(_) => break,
            }
        }
        let _ = stream.shutdown(Shutdown::Write);
        // The receiver closes when it has all or its time is up.
        let mut byte = [0u8; 1];
        while !left().is_zero() {
            stream.set_read_timeout(Some(slice(left())))?;
            match stream.read(&mut byte) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) if timed_out(&e) => {}
                Err(_) => break,
            }
        }
        Ok(retransmits(&stream))
    });
    let received = receive(&listener, deadline, total);
    let retransmits = joined(sender)?;
    let (bytes, last) = received?;
    Ok(Transfer {
        bytes,
        elapsed: last.map_or(Duration::ZERO, |l| l.duration_since(started)),
        complete: bytes >= total as u64,
        retransmits,
    })
}

/// Accepts one connection on `listener` and reads it until its end, `total` bytes or the
/// deadline: the bytes read and when the last one came.
fn receive(
    listener: &TcpListener,
    deadline: Instant,
    total: usize,
) -> io::Result<(u64, Option<Instant>)> {
    listener.set_nonblocking(true)?;
    let left = || deadline.saturating_duration_since(Instant::now());
    // Bounded by the deadline; each pass waits for the listener at most STEP.
    let mut stream = loop {
        match listener.accept() {
            Ok((stream, _)) => break stream,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                if left().is_zero() {
                    return Ok((0, None));
                }
                wait_readable(listener, left().min(STEP))?;
            }
            Err(e) => return Err(e),
        }
    };
    stream.set_nonblocking(false)?;
    let mut buffer = vec![0u8; 64 * 1024];
    let mut bytes = 0u64;
    let mut last = None;
    while !left().is_zero() && bytes < total as u64 {
        stream.set_read_timeout(Some(slice(left())))?;
        match stream.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => {
                bytes += n as u64;
                last = Some(Instant::now());
            }
            Err(e) if timed_out(&e) => {}
            Err(_) => break,
        }
    }
    Ok((bytes, last))
}

/// Waits up to `wait` for `listener` to have a connection to accept.
fn wait_readable(listener: &TcpListener, wait: Duration) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let mut fd = libc::pollfd {
        fd: listener.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    let millis = i32::try_from(wait.as_millis()).unwrap_or(i32::MAX).max(1);
    // SAFETY: one valid pollfd.
    if unsafe { libc::poll(&raw mut fd, 1, millis) } < 0 {
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
    Ok(())
}

/// The sender's retransmissions so far (TCP_INFO's tcpi_total_retrans), 0 if unknown.
fn retransmits(stream: &std::net::TcpStream) -> u32 {
    use std::os::fd::AsFd;
    tcp_info::read(stream.as_fd()).map_or(0, |info| info.total_retrans)
}
