//! A ladder diagram's content, taken from packets alone: one column per end (address:port for
//! TCP and UDP, the address for ICMP, the hardware address for ARP), one rung per packet (an
//! arrow from the sender's column to the receiver's), and the TCP state each end enters, with
//! RFC 9293's names. Views draw it (terminal, Mermaid, SVG); this module only decides what is on
//! it.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};

use super::decode::{ArpOp, Body, Mac, Packet, Preview, TcpFlags};
use super::track::{Mark, Tracker};
use crate::sockets::TcpState;

/// The most columns one ladder has. Packets between ends beyond it are counted, not drawn:
/// a ladder is read by a person, and its memory stays bounded on any capture.
pub const MAX_ENDS: usize = 64;

/// What a column stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum End {
    /// A TCP or UDP socket's address: on loopback both ends share 127.0.0.1 and are still
    /// two columns.
    Socket(SocketAddr),
    /// A host as ICMP sees it (a router that says "time exceeded" is one).
    Host(IpAddr),
    /// A station on the link (ARP).
    Station(Mac),
}

/// A TCP state with the name RFC 9293 gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Closed,
    Listen,
    SynSent,
    SynReceived,
    Established,
    FinWait1,
    FinWait2,
    CloseWait,
    Closing,
    LastAck,
    TimeWait,
}

impl State {
    /// RFC 9293's name (section 3.3.2): `SYN-SENT`, `TIME-WAIT`.
    pub fn name(self) -> &'static str {
        match self {
            State::Closed => "CLOSED",
            State::Listen => "LISTEN",
            State::SynSent => "SYN-SENT",
            State::SynReceived => "SYN-RECEIVED",
            State::Established => "ESTABLISHED",
            State::FinWait1 => "FIN-WAIT-1",
            State::FinWait2 => "FIN-WAIT-2",
            State::CloseWait => "CLOSE-WAIT",
            State::Closing => "CLOSING",
            State::LastAck => "LAST-ACK",
            State::TimeWait => "TIME-WAIT",
        }
    }

    fn of(state: TcpState) -> State {
        match state {
            TcpState::Established => State::Established,
            TcpState::SynSent => State::SynSent,
            TcpState::SynRecv | TcpState::NewSynRecv => State::SynReceived,
            TcpState::FinWait1 => State::FinWait1,
            TcpState::FinWait2 => State::FinWait2,
            TcpState::TimeWait => State::TimeWait,
            TcpState::Close => State::Closed,
            TcpState::CloseWait => State::CloseWait,
            TcpState::LastAck => State::LastAck,
            TcpState::Listen => State::Listen,
            TcpState::Closing => State::Closing,
        }
    }
}

/// What a rung's arrow carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Carried {
    Tcp {
        flags: TcpFlags,
        /// Relative to the sender's first sequence number (0 at its SYN).
        seq: u32,
        /// Relative to the receiver's first sequence number, when ACK is set and known.
        ack: Option<u32>,
        len: usize,
        preview: Preview,
    },
    Udp {
        len: usize,
        preview: Preview,
        /// A DNS message: its id, whether it answers, the first question's name and type.
        dns: Option<DnsRung>,
    },
    Icmp {
        v6: bool,
        kind: u8,
        code: u8,
        /// Identifier and sequence number of an echo request or reply.
        echo: Option<(u16, u16)>,
        ttl: u8,
    },
    Arp {
        op: ArpOp,
        /// The address asked about (request) or announced (reply).
        target: Option<IpAddr>,
        sender: Option<IpAddr>,
    },
    /// IP with a transport the ladder does not take apart.
    OtherIp { protocol: u8, len: usize },
}

/// A DNS message on a UDP rung.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DnsRung {
    pub id: u16,
    pub response: bool,
    pub question: Option<(String, String)>,
}

/// One packet drawn as an arrow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rung {
    /// Nanoseconds since the first packet of the ladder.
    pub time_ns: u64,
    /// Column indexes into [`Ladder::ends`].
    pub from: usize,
    pub to: usize,
    pub carried: Carried,
    /// The state the sender entered by sending it, when that changed.
    pub from_state: Option<State>,
    /// The state the receiver enters when it arrives, when that changed.
    pub to_state: Option<State>,
    /// Data sent again, or ahead of a gap.
    pub mark: Option<Mark>,
    /// The packet opened a TCP connection (a SYN without ACK): a new conversation starts here.
    pub opens: bool,
}

impl Rung {
    /// A reset: drawn so it stands out.
    pub fn is_reset(&self) -> bool {
        matches!(&self.carried, Carried::Tcp { flags, .. } if flags.has(TcpFlags::RST))
    }
}

/// The columns found so far and the TCP tracking that names each end's state.
#[derive(Default)]
pub struct Ladder {
    ends: Vec<End>,
    index: HashMap<End, usize>,
    /// The state an end was in before the first packet that changed it (CLOSED for the opener
    /// of a connection, LISTEN for the end its SYN went to), shown at the top of its column.
    first_state: Vec<Option<State>>,
    tracker: Tracker,
    first_ns: Option<u64>,
    /// Packets left off the ladder: between ends beyond [`MAX_ENDS`], or not IP/ARP.
    left_off: u64,
}

impl Ladder {
    pub fn new() -> Ladder {
        Ladder::default()
    }

    /// The columns, in the order their ends were first seen.
    pub fn ends(&self) -> &[End] {
        &self.ends
    }

    /// The state shown at the top of column `end`, before any rung changed it.
    pub fn first_state(&self, end: usize) -> Option<State> {
        self.first_state.get(end).copied().flatten()
    }

    /// Packets that are on no rung: undecodable, not IP or ARP, or beyond [`MAX_ENDS`] columns.
    pub fn left_off(&self) -> u64 {
        self.left_off
    }

    /// The rung for a packet seen at `time_ns`, or None when it has no place on the ladder.
    pub fn rung(&mut self, time_ns: u64, packet: &Packet) -> Option<Rung> {
        let first = *self.first_ns.get_or_insert(time_ns);
        let time_ns = time_ns.saturating_sub(first);
        let Some((src, dst, carried)) = ends_of(packet) else {
            self.left_off += 1;
            return None;
        };
        let (Some(from), Some(to)) = (self.column(src), self.column(dst)) else {
            self.left_off += 1;
            return None;
        };
        let mut rung = Rung {
            time_ns,
            from,
            to,
            carried,
            from_state: None,
            to_state: None,
            mark: None,
            opens: false,
        };
        if let Body::Tcp {
            ip,
            tcp,
            payload_len,
            ..
        } = &packet.body
        {
            let tracked = self.tracker.observe(
                SocketAddr::new(ip.src, tcp.src_port),
                SocketAddr::new(ip.dst, tcp.dst_port),
                tcp,
                *payload_len,
            );
            if let Carried::Tcp { seq, ack, .. } = &mut rung.carried {
                *seq = tracked.seq;
                *ack = tracked.ack;
            }
            rung.mark = tracked.mark;
            rung.opens = tcp.flags.has(TcpFlags::SYN) && !tcp.flags.has(TcpFlags::ACK);
            if rung.opens {
                // The opener was CLOSED and the other end listening until this SYN.
                self.first_state[from].get_or_insert(State::Closed);
                self.first_state[to].get_or_insert(State::Listen);
            }
            rung.from_state = tracked
                .sender_changed
                .then(|| State::of(tracked.sender_state));
            rung.to_state = tracked
                .receiver_changed
                .then(|| State::of(tracked.receiver_state));
            if !rung.opens {
                // A capture that began mid-connection: both ends were already established.
                for (end, state) in [(from, rung.from_state), (to, rung.to_state)] {
                    if self.first_state[end].is_none() && state.is_none() {
                        self.first_state[end] = Some(State::Established);
                    }
                }
            }
        }
        Some(rung)
    }

    fn column(&mut self, end: End) -> Option<usize> {
        if let Some(&at) = self.index.get(&end) {
            return Some(at);
        }
        if self.ends.len() >= MAX_ENDS {
            return None;
        }
        self.index.insert(end, self.ends.len());
        self.ends.push(end);
        self.first_state.push(None);
        Some(self.ends.len() - 1)
    }
}

/// The two ends of a packet and what it carries.
fn ends_of(packet: &Packet) -> Option<(End, End, Carried)> {
    Some(match &packet.body {
        Body::Tcp {
            ip,
            tcp,
            payload_len,
            preview,
        } => (
            End::Socket(SocketAddr::new(ip.src, tcp.src_port)),
            End::Socket(SocketAddr::new(ip.dst, tcp.dst_port)),
            Carried::Tcp {
                flags: tcp.flags,
                seq: tcp.seq,
                ack: tcp.flags.has(TcpFlags::ACK).then_some(tcp.ack),
                len: *payload_len,
                preview: *preview,
            },
        ),
        Body::Udp {
            ip,
            udp,
            payload_len,
            preview,
            dns,
        } => (
            End::Socket(SocketAddr::new(ip.src, udp.src_port)),
            End::Socket(SocketAddr::new(ip.dst, udp.dst_port)),
            Carried::Udp {
                len: *payload_len,
                preview: *preview,
                dns: dns.as_ref().map(|dns| DnsRung {
                    id: dns.id,
                    response: dns.response,
                    question: dns.questions.first().cloned(),
                }),
            },
        ),
        Body::Icmp { ip, icmp, .. } | Body::Icmpv6 { ip, icmp, .. } => (
            End::Host(ip.src),
            End::Host(ip.dst),
            Carried::Icmp {
                v6: matches!(packet.body, Body::Icmpv6 { .. }),
                kind: icmp.kind,
                code: icmp.code,
                echo: icmp.echo,
                ttl: ip.ttl,
            },
        ),
        Body::Arp(arp) => {
            let src = arp.sender_mac?;
            let dst = match (arp.op, arp.target_mac) {
                (ArpOp::Reply, Some(mac)) => mac,
                _ => packet.link.and_then(|link| link.dst)?,
            };
            (
                End::Station(src),
                End::Station(dst),
                Carried::Arp {
                    op: arp.op,
                    target: arp.target_ip.map(IpAddr::V4),
                    sender: arp.sender_ip.map(IpAddr::V4),
                },
            )
        }
        Body::OtherIp {
            ip,
            protocol,
            payload_len,
        } => (
            End::Host(ip.src),
            End::Host(ip.dst),
            Carried::OtherIp {
                protocol: *protocol,
                len: *payload_len,
            },
        ),
        Body::OtherLink { .. } | Body::Undecodable { .. } => return None,
    })
}

/// Packets for tests of the ladder and its views.
#[cfg(any(test, feature = "testing"))]
pub mod fixtures {
    use std::net::SocketAddr;

    use crate::wire::decode::{Body, IpInfo, Packet, Preview, TcpFlags, TcpOptions, TcpSegment};

    pub const CLIENT: &str = "127.0.0.1:40000";
    pub const SERVER: &str = "127.0.0.1:5008";

    /// A TCP segment from `from` to `to` (socket addresses as text).
    pub fn segment(from: &str, to: &str, flags: u16, seq: u32, ack: u32, data: &[u8]) -> Packet {
        let (src, dst): (SocketAddr, SocketAddr) = (
            from.parse().expect("a socket address"),
            to.parse().expect("a socket address"),
        );
        Packet {
            link: None,
            body: Body::Tcp {
                ip: IpInfo {
                    src: src.ip(),
                    dst: dst.ip(),
                    ttl: 64,
                    fragment: false,
                },
                tcp: TcpSegment {
                    src_port: src.port(),
                    dst_port: dst.port(),
                    seq,
                    ack,
                    flags: TcpFlags(flags),
                    window: 512,
                    options: TcpOptions::default(),
                },
                payload_len: data.len(),
                preview: Preview::of(data),
            },
        }
    }

    /// An echo of "hi\n": handshake, data both ways, the client closes first.
    pub fn echo_exchange() -> Vec<Packet> {
        const S: u16 = TcpFlags::SYN;
        const A: u16 = TcpFlags::ACK;
        const P: u16 = TcpFlags::PSH;
        const F: u16 = TcpFlags::FIN;
        vec![
            segment(CLIENT, SERVER, S, 1000, 0, b""),
            segment(SERVER, CLIENT, S | A, 5000, 1001, b""),
            segment(CLIENT, SERVER, A, 1001, 5001, b""),
            segment(CLIENT, SERVER, P | A, 1001, 5001, b"hi\n"),
            segment(SERVER, CLIENT, A, 5001, 1004, b""),
            segment(SERVER, CLIENT, P | A, 5001, 1004, b"hi\n"),
            segment(CLIENT, SERVER, A, 1004, 5004, b""),
            segment(CLIENT, SERVER, F | A, 1004, 5004, b""),
            segment(SERVER, CLIENT, F | A, 5004, 1005, b""),
            segment(CLIENT, SERVER, A, 1005, 5005, b""),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::{CLIENT, SERVER, echo_exchange, segment};
    use super::*;

    fn ladder_of(packets: &[Packet]) -> (Ladder, Vec<Rung>) {
        let mut ladder = Ladder::new();
        let rungs = packets
            .iter()
            .enumerate()
            .filter_map(|(i, p)| ladder.rung(1_000 * i as u64, p))
            .collect();
        (ladder, rungs)
    }

    #[test]
    fn two_loopback_sockets_are_two_columns_and_arrows_go_both_ways() {
        let (ladder, rungs) = ladder_of(&echo_exchange());
        assert_eq!(
            ladder.ends(),
            &[
                End::Socket(CLIENT.parse().unwrap()),
                End::Socket(SERVER.parse().unwrap())
            ]
        );
        let directions: Vec<_> = rungs.iter().map(|r| (r.from, r.to)).collect();
        assert_eq!(
            directions,
            [
                (0, 1),
                (1, 0),
                (0, 1),
                (0, 1),
                (1, 0),
                (1, 0),
                (0, 1),
                (0, 1),
                (1, 0),
                (0, 1)
            ]
        );
        assert!(rungs[0].opens && rungs.iter().skip(1).all(|r| !r.opens));
    }

    #[test]
    fn states_follow_rfc_9293_through_the_handshake_and_the_close() {
        let (ladder, rungs) = ladder_of(&echo_exchange());
        assert_eq!(ladder.first_state(0), Some(State::Closed));
        assert_eq!(ladder.first_state(1), Some(State::Listen));
        let name = |s: Option<State>| s.map(State::name);
        let changes: Vec<_> = rungs
            .iter()
            .map(|r| (name(r.from_state), name(r.to_state)))
            .collect();
        assert_eq!(changes[0], (Some("SYN-SENT"), None));
        assert_eq!(changes[1], (Some("SYN-RECEIVED"), None));
        assert_eq!(changes[2].0, Some("ESTABLISHED"));
        assert_eq!(changes[7].0, Some("FIN-WAIT-1"), "the client's FIN");
        assert_eq!(changes[7].1, Some("CLOSE-WAIT"), "the server gets it");
        assert_eq!(changes[8].0, Some("LAST-ACK"), "the server's FIN");
        assert!(
            [changes[8].1, changes[9].0].contains(&Some("TIME-WAIT")),
            "the client ends in TIME-WAIT: {changes:?}"
        );
    }

    #[test]
    fn sequence_numbers_are_relative_and_data_is_previewed() {
        let (_, rungs) = ladder_of(&echo_exchange());
        let Carried::Tcp {
            seq,
            ack,
            len,
            preview,
            ..
        } = &rungs[3].carried
        else {
            panic!("{:?}", rungs[3]);
        };
        assert_eq!((*seq, *ack, *len), (1, Some(1), 3));
        assert_eq!(preview.bytes(), b"hi\n");
        let Carried::Tcp { seq, ack, .. } = &rungs[0].carried else {
            panic!()
        };
        assert_eq!((*seq, *ack), (0, None), "a SYN acknowledges nothing");
    }

    #[test]
    fn a_retransmission_and_a_reset_are_marked() {
        let mut packets = echo_exchange()[..4].to_vec();
        packets.push(packets[3].clone());
        packets.push(segment(SERVER, CLIENT, TcpFlags::RST, 5001, 0, b""));
        let (_, rungs) = ladder_of(&packets);
        assert_eq!(rungs[4].mark, Some(Mark::Retransmission));
        assert!(rungs[5].is_reset() && !rungs[4].is_reset());
        assert_eq!(rungs[5].from_state, Some(State::Closed));
    }

    #[test]
    fn a_capture_begun_mid_connection_starts_established() {
        let (ladder, _) = ladder_of(&echo_exchange()[3..]);
        assert_eq!(ladder.first_state(0), Some(State::Established));
        assert_eq!(ladder.first_state(1), Some(State::Established));
    }

    #[test]
    fn columns_are_bounded_and_the_rest_is_counted() {
        let mut ladder = Ladder::new();
        for port in 0..(MAX_ENDS as u16 + 10) {
            let from = format!("127.0.0.1:{}", 10_000 + port);
            ladder.rung(0, &segment(&from, SERVER, TcpFlags::SYN, 1, 0, b""));
        }
        assert_eq!(ladder.ends().len(), MAX_ENDS);
        assert_eq!(ladder.left_off(), 11);
    }
}
