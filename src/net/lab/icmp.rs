//! ICMP echo (ping) and TTL-limited probes (traceroute) for IPv4 on a raw ICMP socket: every
//! ICMP message the host receives reaches it, so Time Exceeded and Destination Unreachable
//! are matched to the probe they quote.

use std::io;
use std::mem::MaybeUninit;
use std::net::{Ipv4Addr, SocketAddrV4};
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::{Duration, Instant};

use socket2::{Domain, Protocol, SockAddr, Socket, Type};

pub const ECHO_REPLY: u8 = 0;
pub const DEST_UNREACHABLE: u8 = 3;
pub const ECHO_REQUEST: u8 = 8;
pub const TIME_EXCEEDED: u8 = 11;

/// What came back for one probe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// An echo reply, with the TTL it arrived with.
    Echo { from: Ipv4Addr, ttl: u8, rtt: Duration },
    /// A router on the way dropped the probe when its TTL reached 0.
    TimeExceeded { from: Ipv4Addr, rtt: Duration },
    /// Someone (a router, or this host when ARP got no answer) could not deliver it.
    Unreachable { from: Ipv4Addr, code: u8, rtt: Duration },
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

/// An ICMP socket of the namespace it was opened in.
pub struct Pinger {
    socket: Socket,
    id: u16,
    seq: u16,
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

/// The sender, TTL, type, code and (id, seq) of our echo request or reply found in `ip`
/// (an IPv4 packet with its header); for errors, the (id, seq) of the quoted request.
fn parse(ip: &[u8]) -> Option<(Ipv4Addr, u8, u8, u8, (u16, u16))> {
    let header_len = usize::from(ip.first()? & 0x0f) * 4;
    if ip.len() < header_len + 8 || ip[9] != 1 {
        return None;
    }
    let from = Ipv4Addr::new(ip[12], ip[13], ip[14], ip[15]);
    let ttl = ip[8];
    let icmp = &ip[header_len..];
    let (kind, code) = (icmp[0], icmp[1]);
    let ids = |at: &[u8]| (u16::from_be_bytes([at[4], at[5]]), u16::from_be_bytes([at[6], at[7]]));
    match kind {
        ECHO_REPLY => Some((from, ttl, kind, code, ids(icmp))),
        DEST_UNREACHABLE | TIME_EXCEEDED => {
            let quoted = &icmp[8..];
            let quoted_len = usize::from(quoted.first()? & 0x0f) * 4;
            if quoted.len() < quoted_len + 8 || quoted[9] != 1 || quoted[quoted_len] != ECHO_REQUEST {
                return None;
            }
            Some((from, ttl, kind, code, ids(&quoted[quoted_len..])))
        }
        _ => None,
    }
}

impl Pinger {
    /// A raw ICMP socket (root, or root of the lab's user namespace).
    pub fn open() -> io::Result<Pinger> {
        let socket = Socket::new(Domain::IPV4, Type::RAW, Some(Protocol::ICMPV4))?;
        // Distinct ids keep two pingers of one process (or two processes) apart.
        let id = (std::process::id() as u16).wrapping_add(NEXT_ID.fetch_add(1, Ordering::Relaxed).wrapping_mul(7919));
        Ok(Pinger { socket, id, seq: 0 })
    }

    /// Sends one echo request with `ttl` and waits up to `timeout` for its answer.
    pub fn probe(&mut self, target: Ipv4Addr, ttl: u8, timeout: Duration) -> io::Result<Probe> {
        self.seq = self.seq.wrapping_add(1);
        let seq = self.seq;
        self.socket.set_ttl_v4(u32::from(ttl))?;
        let started = Instant::now();
        let destination = SockAddr::from(SocketAddrV4::new(target, 0));
        if let Err(error) = self.socket.send_to(&echo_request(self.id, seq), &destination) {
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
        let mut buffer = [MaybeUninit::<u8>::uninit(); 1500];
        // Bounded by the deadline: every pass waits at most what is left of it.
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Ok(Probe { seq, ttl, answer: Answer::Silence });
            }
            self.socket.set_read_timeout(Some(left))?;
            let len = match self.socket.recv(&mut buffer) {
                Ok(len) => len,
                Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => continue,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            // SAFETY: recv initialised the first `len` bytes.
            let data: Vec<u8> = buffer[..len].iter().map(|b| unsafe { b.assume_init() }).collect();
            let Some((from, arrived_ttl, kind, code, ids)) = parse(&data) else { continue };
            if ids != (self.id, seq) {
                continue;
            }
            let rtt = started.elapsed();
            let answer = match kind {
                ECHO_REPLY if from == target => Answer::Echo { from, ttl: arrived_ttl, rtt },
                ECHO_REPLY => continue,
                TIME_EXCEEDED => Answer::TimeExceeded { from, rtt },
                _ => Answer::Unreachable { from, code, rtt },
            };
            return Ok(Probe { seq, ttl, answer });
        }
    }

    /// traceroute: probes with TTL 1, 2, ... until the target answers, something else than
    /// Time Exceeded comes back, or `max_hops`.
    pub fn trace(&mut self, target: Ipv4Addr, max_hops: u8, timeout: Duration) -> io::Result<Vec<Probe>> {
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
        let mut inner = vec![0x45, 0, 0, 84, 0, 0, 0x40, 0, 1, 1, 0, 0, 192, 0, 2, 10, 198, 51, 100, 20];
        inner.extend_from_slice(&request[..8]);
        let mut outer = vec![0x45, 0, 0, 0, 0, 0, 0, 0, 64, 1, 0, 0, 192, 0, 2, 1, 192, 0, 2, 10];
        outer.extend_from_slice(&[TIME_EXCEEDED, 0, 0, 0, 0, 0, 0, 0]);
        outer.extend_from_slice(&inner);
        assert_eq!(parse(&outer), Some((Ipv4Addr::new(192, 0, 2, 1), 64, TIME_EXCEEDED, 0, (9, 3))));
        // Cut short inside the quoted header: not ours to judge.
        assert_eq!(parse(&outer[..outer.len() - 4]), None);
    }
}
