//! ICMP echo (ping) and TTL-limited probes (traceroute) for IPv4. On a raw ICMP socket (root,
//! CAP_NET_RAW, or root of the lab's namespaces) every ICMP message the host receives arrives,
//! so Time Exceeded and Destination Unreachable are matched to the probe they quote. Without
//! that, an ICMP datagram socket (where net.ipv4.ping_group_range allows it): the kernel
//! routes the replies, reports errors on the socket's error queue (IP_RECVERR) and the TTL of
//! replies as ancillary data (IP_RECVTTL).

use std::io;
use std::net::{Ipv4Addr, SocketAddrV4};
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::{Duration, Instant};

use socket2::{Domain, Protocol, SockAddr, Socket, Type};

use crate::wire::live::set_int_option;

pub const ECHO_REPLY: u8 = 0;
pub const DEST_UNREACHABLE: u8 = 3;
pub const ECHO_REQUEST: u8 = 8;
pub const TIME_EXCEEDED: u8 = 11;

/// What came back for one probe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// An echo reply, with the TTL it arrived with.
    Echo {
        from: Ipv4Addr,
        ttl: u8,
        rtt: Duration,
    },
    /// A router on the way dropped the probe when its TTL reached 0.
    TimeExceeded { from: Ipv4Addr, rtt: Duration },
    /// Someone (a router, or this host when ARP got no answer) could not deliver it.
    Unreachable {
        from: Ipv4Addr,
        code: u8,
        rtt: Duration,
    },
    /// Nothing within the timeout.
    Silence,
    /// The kernel refused to send it at all (ENETUNREACH: no route).
    NotSent { errno: i32 },
}

/// A probe and its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Probe {
    pub seq: u16,
    pub ttl: u8,
    pub answer: Answer,
}

/// Which kind of ICMP socket a [`Pinger`] has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SocketKind {
    Raw,
    Datagram,
}

/// An ICMP socket of the namespace it was opened in.
pub struct Pinger {
    socket: Socket,
    id: u16,
    seq: u16,
    kind: SocketKind,
}

/// Why no ICMP socket could be opened: the raw socket's error and the datagram socket's.
#[derive(Debug)]
pub struct NoIcmpSocket {
    pub raw: io::Error,
    pub datagram: io::Error,
}

static NEXT_ID: AtomicU16 = AtomicU16::new(0);

/// RFC 1071's Internet checksum.
pub fn checksum(data: &[u8]) -> u16 {
    let mut sum = 0u32;
    for pair in data.chunks(2) {
        let word = u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]);
        sum += u32::from(word);
    }
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

/// The payload every probe carries (56 bytes, as ping's default).
const PAYLOAD: &[u8; 56] = b"netlearn ping: 56 bytes, as ping(8) sends by default....";

fn echo_request(id: u16, seq: u16) -> Vec<u8> {
    let mut packet = vec![ECHO_REQUEST, 0, 0, 0];
    packet.extend_from_slice(&id.to_be_bytes());
    packet.extend_from_slice(&seq.to_be_bytes());
    packet.extend_from_slice(PAYLOAD);
    let sum = checksum(&packet);
    packet[2..4].copy_from_slice(&sum.to_be_bytes());
    packet
}

/// An ICMP message that concerns an echo request: a reply, or an error quoting one.
#[derive(Debug, PartialEq, Eq)]
struct Seen {
    from: Ipv4Addr,
    /// The TTL the message arrived with.
    ttl: u8,
    kind: u8,
    code: u8,
    /// (id, seq) of the reply, or of the request an error quotes.
    ids: (u16, u16),
}

/// What `ip` (an IPv4 packet with its header) says about an echo request, if anything.
fn parse(ip: &[u8]) -> Option<Seen> {
    let header_len = usize::from(ip.first()? & 0x0f) * 4;
    if header_len < 20 || ip.len() < header_len + 8 || ip[9] != 1 {
        return None;
    }
    let from = Ipv4Addr::new(ip[12], ip[13], ip[14], ip[15]);
    let ttl = ip[8];
    let icmp = &ip[header_len..];
    let (kind, code) = (icmp[0], icmp[1]);
    let ids = |at: &[u8]| {
        (
            u16::from_be_bytes([at[4], at[5]]),
            u16::from_be_bytes([at[6], at[7]]),
        )
    };
    match kind {
        ECHO_REPLY => Some(Seen {
            from,
            ttl,
            kind,
            code,
            ids: ids(icmp),
        }),
        DEST_UNREACHABLE | TIME_EXCEEDED => {
            let quoted = &icmp[8..];
            let quoted_len = usize::from(quoted.first()? & 0x0f) * 4;
            if quoted_len < 20
                || quoted.len() < quoted_len + 8
                || quoted[9] != 1
                || quoted[quoted_len] != ECHO_REQUEST
            {
                return None;
            }
            Some(Seen {
                from,
                ttl,
                kind,
                code,
                ids: ids(&quoted[quoted_len..]),
            })
        }
        _ => None,
    }
}

impl Pinger {
    /// A raw ICMP socket (root, or root of the lab's user namespace).
    pub fn open_raw() -> io::Result<Pinger> {
        let socket = Socket::new(Domain::IPV4, Type::RAW, Some(Protocol::ICMPV4))?;
        // Distinct ids keep two pingers of one process (or two processes) apart.
        let id = (std::process::id() as u16)
            .wrapping_add(NEXT_ID.fetch_add(1, Ordering::Relaxed).wrapping_mul(7919));
        Ok(Pinger {
            socket,
            id,
            seq: 0,
            kind: SocketKind::Raw,
        })
    }

    /// An ICMP datagram socket ("ping socket"): the kernel picks the id (the socket's port).
    pub fn open_datagram() -> io::Result<Pinger> {
        let socket = Socket::new(Domain::IPV4, Type::DGRAM, Some(Protocol::ICMPV4))?;
        socket.bind(&SockAddr::from(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0)))?;
        let id = socket
            .local_addr()?
            .as_socket_ipv4()
            .map_or(0, |a| a.port());
        set_int_option(&socket, libc::IPPROTO_IP, libc::IP_RECVERR, 1)?;
        set_int_option(&socket, libc::IPPROTO_IP, libc::IP_RECVTTL, 1)?;
        Ok(Pinger {
            socket,
            id,
            seq: 0,
            kind: SocketKind::Datagram,
        })
    }

    /// A raw socket where allowed, else a datagram socket.
    pub fn open() -> Result<Pinger, NoIcmpSocket> {
        Pinger::open_raw().or_else(|raw| {
            Pinger::open_datagram().map_err(|datagram| NoIcmpSocket { raw, datagram })
        })
    }

    pub fn kind(&self) -> SocketKind {
        self.kind
    }

    /// Sends one echo request with `ttl` and waits up to `timeout` for its answer.
    pub fn probe(&mut self, target: Ipv4Addr, ttl: u8, timeout: Duration) -> io::Result<Probe> {
        self.seq = self.seq.wrapping_add(1);
        let seq = self.seq;
        self.socket.set_ttl_v4(u32::from(ttl))?;
        let started = Instant::now();
        let destination = SockAddr::from(SocketAddrV4::new(target, 0));
        if let Err(error) = self
            .socket
            .send_to(&echo_request(self.id, seq), &destination)
        {
            return match error.raw_os_error() {
                Some(errno) if errno != libc::EPERM && errno != libc::EACCES => Ok(Probe {
                    seq,
                    ttl,
                    answer: Answer::NotSent { errno },
                }),
                _ => Err(error),
            };
        }
        let deadline = started + timeout;
        let fd = self.socket.as_raw_fd();
        // Bounded by the deadline: every pass waits at most what is left of it.
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                let answer = Answer::Silence;
                return Ok(Probe { seq, ttl, answer });
            }
            let Some(error_queue) = wait_readable(fd, left)? else {
                continue;
            };
            let Some(message) = receive(fd, error_queue)? else {
                continue;
            };
            let rtt = started.elapsed();
            let answer = match self.kind {
                SocketKind::Raw => self.raw_answer(&message.data, target, seq, rtt),
                SocketKind::Datagram => datagram_answer(&message, target, seq, rtt),
            };
            if let Some(answer) = answer {
                return Ok(Probe { seq, ttl, answer });
            }
        }
    }

    /// What a packet read from the raw socket (IP header included) says about probe `seq`.
    fn raw_answer(&self, data: &[u8], target: Ipv4Addr, seq: u16, rtt: Duration) -> Option<Answer> {
        let seen = parse(data)?;
        if seen.ids != (self.id, seq) {
            return None;
        }
        let from = seen.from;
        match seen.kind {
            ECHO_REPLY if from == target => Some(Answer::Echo {
                from,
                ttl: seen.ttl,
                rtt,
            }),
            ECHO_REPLY => None,
            TIME_EXCEEDED => Some(Answer::TimeExceeded { from, rtt }),
            _ => Some(Answer::Unreachable {
                from,
                code: seen.code,
                rtt,
            }),
        }
    }

    /// traceroute: probes with TTL 1, 2, ... until the target answers, something else than
    /// Time Exceeded comes back, or `max_hops`.
    pub fn trace(
        &mut self,
        target: Ipv4Addr,
        max_hops: u8,
        timeout: Duration,
    ) -> io::Result<Vec<Probe>> {
        let mut hops = Vec::new();
        for ttl in 1..=max_hops.max(1) {
            let probe = self.probe(target, ttl, timeout)?;
            let done = !matches!(probe.answer, Answer::TimeExceeded { .. } | Answer::Silence);
            hops.push(probe);
            if done {
                break;
            }
        }
        Ok(hops)
    }
}

/// Waits up to `left` for `fd` to have something to read: Some(true) for the error queue,
/// Some(false) for data, None when nothing came (or a signal interrupted the wait).
fn wait_readable(fd: i32, left: Duration) -> io::Result<Option<bool>> {
    let mut poll = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    let millis = i32::try_from(left.as_millis().max(1)).unwrap_or(i32::MAX);
    // SAFETY: one valid pollfd.
    let ready = unsafe { libc::poll(&raw mut poll, 1, millis) };
    if ready < 0 {
        let error = io::Error::last_os_error();
        return if error.kind() == io::ErrorKind::Interrupted {
            Ok(None)
        } else {
            Err(error)
        };
    }
    Ok((ready > 0).then_some(poll.revents & libc::POLLERR != 0))
}

/// What a message from the datagram socket (ICMP header first; an error from the error
/// queue) says about probe `seq`.
fn datagram_answer(
    message: &Received,
    target: Ipv4Addr,
    seq: u16,
    rtt: Duration,
) -> Option<Answer> {
    let data = &message.data;
    if data.len() < 8 || u16::from_be_bytes([data[6], data[7]]) != seq {
        return None;
    }
    match message.error {
        Some((TIME_EXCEEDED, _, from)) => Some(Answer::TimeExceeded { from, rtt }),
        Some((DEST_UNREACHABLE, code, from)) => Some(Answer::Unreachable { from, code, rtt }),
        Some(_) => None,
        None if data[0] == ECHO_REPLY => Some(Answer::Echo {
            from: message.from.unwrap_or(target),
            ttl: message.ttl.unwrap_or(0),
            rtt,
        }),
        None => None,
    }
}

/// One message from a datagram ICMP socket: its bytes (an ICMP header and payload), the
/// sender, the TTL it arrived with; for the error queue, the ICMP type, code and the address
/// of whoever reported it.
struct Received {
    data: Vec<u8>,
    from: Option<Ipv4Addr>,
    ttl: Option<u8>,
    error: Option<(u8, u8, Ipv4Addr)>,
}

fn receive(fd: i32, error_queue: bool) -> io::Result<Option<Received>> {
    let mut data = [0u8; 1500];
    let mut control = [0u64; 64];
    // SAFETY: sockaddr_in and msghdr are plain data; zeroed is valid.
    let mut name: libc::sockaddr_in = unsafe { std::mem::zeroed() };
    let mut iov = libc::iovec {
        iov_base: data.as_mut_ptr().cast(),
        iov_len: data.len(),
    };
    // SAFETY: as above.
    let mut header: libc::msghdr = unsafe { std::mem::zeroed() };
    header.msg_name = (&raw mut name).cast();
    header.msg_namelen = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
    header.msg_iov = &raw mut iov;
    header.msg_iovlen = 1;
    header.msg_control = control.as_mut_ptr().cast();
    header.msg_controllen = std::mem::size_of_val(&control);
    let flags = libc::MSG_DONTWAIT | if error_queue { libc::MSG_ERRQUEUE } else { 0 };
    // SAFETY: every pointer in `header` points at a live buffer of the stated size.
    let len = unsafe { libc::recvmsg(fd, &raw mut header, flags) };
    if len < 0 {
        let error = io::Error::last_os_error();
        return match error.kind() {
            io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted => Ok(None),
            _ => Err(error),
        };
    }
    let mut received = Received {
        data: data[..len as usize].to_vec(),
        from: (header.msg_namelen > 0).then(|| Ipv4Addr::from(u32::from_be(name.sin_addr.s_addr))),
        ttl: None,
        error: None,
    };
    // SAFETY: walking the control messages the kernel wrote, with the libc macros.
    unsafe {
        let mut cmsg = libc::CMSG_FIRSTHDR(&raw const header);
        while !cmsg.is_null() {
            let level = (*cmsg).cmsg_level;
            let kind = (*cmsg).cmsg_type;
            let payload = libc::CMSG_DATA(cmsg);
            if level == libc::IPPROTO_IP && kind == libc::IP_TTL {
                let ttl = std::ptr::read_unaligned(payload.cast::<i32>());
                received.ttl = u8::try_from(ttl).ok();
            } else if level == libc::IPPROTO_IP && kind == libc::IP_RECVERR {
                let extended = std::ptr::read_unaligned(payload.cast::<libc::sock_extended_err>());
                if extended.ee_origin == libc::SO_EE_ORIGIN_ICMP {
                    // SO_EE_OFFENDER: the reporter's address follows the structure.
                    let offender = std::ptr::read_unaligned(
                        payload
                            .add(std::mem::size_of::<libc::sock_extended_err>())
                            .cast::<libc::sockaddr_in>(),
                    );
                    received.error = Some((
                        extended.ee_type,
                        extended.ee_code,
                        Ipv4Addr::from(u32::from_be(offender.sin_addr.s_addr)),
                    ));
                }
            }
            cmsg = libc::CMSG_NXTHDR(&raw const header, cmsg);
        }
    }
    if error_queue && received.error.is_none() {
        return Ok(None);
    }
    Ok(Some(received))
}

/// Fuzz entry: arbitrary bytes as a raw socket's packet and as a datagram socket's message,
/// with and without an error from the queue. Nothing may panic.
#[cfg(feature = "testing")]
pub fn fuzz_answers(data: &[u8]) {
    let _ = parse(data);
    let target = Ipv4Addr::new(198, 51, 100, 20);
    let seq = data.get(7).copied().map_or(0, u16::from);
    for error in [
        None,
        Some((TIME_EXCEEDED, 0, target)),
        Some((DEST_UNREACHABLE, 1, target)),
    ] {
        let message = Received {
            data: data.to_vec(),
            from: Some(target),
            ttl: data.first().copied(),
            error,
        };
        let _ = datagram_answer(&message, target, seq, Duration::ZERO);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_of_a_request_verifies_to_zero() {
        let packet = echo_request(0x1234, 7);
        assert_eq!(checksum(&packet), 0);
        assert_eq!(&packet[4..8], &[0x12, 0x34, 0, 7]);
    }

    #[test]
    fn a_time_exceeded_is_matched_by_the_request_it_quotes() {
        let request = echo_request(9, 3);
        let mut inner = vec![
            0x45, 0, 0, 84, 0, 0, 0x40, 0, 1, 1, 0, 0, 192, 0, 2, 10, 198, 51, 100, 20,
        ];
        inner.extend_from_slice(&request[..8]);
        let mut outer = vec![
            0x45, 0, 0, 0, 0, 0, 0, 0, 64, 1, 0, 0, 192, 0, 2, 1, 192, 0, 2, 10,
        ];
        outer.extend_from_slice(&[TIME_EXCEEDED, 0, 0, 0, 0, 0, 0, 0]);
        outer.extend_from_slice(&inner);
        assert_eq!(
            parse(&outer),
            Some(Seen {
                from: Ipv4Addr::new(192, 0, 2, 1),
                ttl: 64,
                kind: TIME_EXCEEDED,
                code: 0,
                ids: (9, 3)
            })
        );
        // Cut short inside the quoted header: not ours to judge.
        assert_eq!(parse(&outer[..outer.len() - 4]), None);
        // A header length below the minimum is not read past the end.
        assert_eq!(parse(&[0x40, 0, 0, 0, 0, 0, 0, 0]), None);
    }
}
