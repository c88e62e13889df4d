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

/// The most rungs on one page. A capture is drawn page by page, each with its own columns, so
/// any capture is drawn with bounded memory.
pub const PAGE_RUNGS: usize = 512;

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
    pub from: End,
    pub to: End,
    pub carried: Carried,
    /// TCP: the sender's state before it sent this, and the receiver's before it arrived.
    pub from_before: Option<State>,
    pub to_before: Option<State>,
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
    /// A packet between two ends, with nothing yet known of TCP's states or marks.
    pub fn new(time_ns: u64, from: End, to: End, carried: Carried) -> Rung {
        Rung {
            time_ns,
            from,
            to,
            carried,
            from_before: None,
            to_before: None,
            from_state: None,
            to_state: None,
            mark: None,
            opens: false,
        }
    }

    /// A reset: drawn so it stands out.
    pub fn is_reset(&self) -> bool {
        matches!(&self.carried, Carried::Tcp { flags, .. } if flags.has(TcpFlags::RST))
    }

    /// The state `end` was in before this rung, when the rung is TCP and touches it.
    pub fn state_before(&self, end: End) -> Option<State> {
        if end == self.from {
            self.from_before
        } else if end == self.to {
            self.to_before
        } else {
            None
        }
    }
}

/// Turns packets into rungs: the time origin and the TCP tracking that names each end's state.
#[derive(Default)]
pub struct Ladder {
    tracker: Tracker,
    first_ns: Option<u64>,
    left_off: u64,
}

impl Ladder {
    pub fn new() -> Ladder {
        Ladder::default()
    }

    /// Packets that are on no rung: undecodable, or neither IP nor ARP.
    pub fn left_off(&self) -> u64 {
        self.left_off
    }

    /// TCP connections the tracker forgot to stay bounded (their states restart).
    pub fn connections_evicted(&self) -> u64 {
        self.tracker.evicted()
    }

    /// The rung for a packet seen at `time_ns`, or None when it has no place on a ladder.
    pub fn rung(&mut self, time_ns: u64, packet: &Packet) -> Option<Rung> {
        let first = *self.first_ns.get_or_insert(time_ns);
        let Some((from, to, carried)) = ends_of(packet) else {
            self.left_off += 1;
            return None;
        };
        let mut rung = Rung::new(time_ns.saturating_sub(first), from, to, carried);
        if let Body::Tcp {
            ip,
            tcp,
            payload_len,
            ..
        } = &packet.body
        {
            let tracked = self.tracker.observe(
                time_ns,
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
            rung.from_before = Some(State::of(tracked.sender_before));
            rung.to_before = Some(State::of(tracked.receiver_before));
            rung.from_state = tracked
                .sender_changed
                .then(|| State::of(tracked.sender_state));
            rung.to_state = tracked
                .receiver_changed
                .then(|| State::of(tracked.receiver_state));
        }
        Some(rung)
    }
}

/// Rungs drawn together: a page of a capture, or a whole demo.
#[derive(Default)]
pub struct Page {
    rungs: Vec<Rung>,
    ends: Vec<End>,
    index: HashMap<End, usize>,
}

/// The rungs between two ends: one connection, one exchange of datagrams, one ping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conversation {
    /// The end that sent first, then the other.
    pub ends: [End; 2],
    /// Indexes into [`Page::rungs`], in time order.
    pub rungs: Vec<usize>,
}

impl Page {
    pub fn new() -> Page {
        Page::default()
    }

    /// Adds a rung; true when the page is full ([`PAGE_RUNGS`]) and should be drawn.
    pub fn push(&mut self, rung: Rung) -> bool {
        for end in [rung.from, rung.to] {
            if !self.index.contains_key(&end) {
                self.index.insert(end, self.ends.len());
                self.ends.push(end);
            }
        }
        self.rungs.push(rung);
        self.rungs.len() >= PAGE_RUNGS
    }

    pub fn rungs(&self) -> &[Rung] {
        &self.rungs
    }

    pub fn is_empty(&self) -> bool {
        self.rungs.is_empty()
    }

    /// Every end on the page, in the order first seen.
    pub fn ends(&self) -> &[End] {
        &self.ends
    }

    /// The column of `end` among [`Page::ends`].
    pub fn column(&self, end: End) -> Option<usize> {
        self.index.get(&end).copied()
    }

    /// The state `end` starts the page in: the state before the first TCP rung touching it.
    pub fn first_state(&self, end: End) -> Option<State> {
        self.rungs.iter().find_map(|rung| rung.state_before(end))
    }

    /// The page split by pairs of ends, in the order each pair first spoke. A new SYN on the
    /// same two ends (ports reused) starts a new conversation.
    pub fn conversations(&self) -> Vec<Conversation> {
        let mut open: HashMap<(End, End), usize> = HashMap::new();
        let mut out: Vec<Conversation> = Vec::new();
        for (i, rung) in self.rungs.iter().enumerate() {
            let key = if rung.from <= rung.to {
                (rung.from, rung.to)
            } else {
                (rung.to, rung.from)
            };
            let existing = open.get(&key).copied();
            match existing {
                Some(at)
                    if !(rung.opens && !out[at].rungs.is_empty() && reopened(self, &out[at])) =>
                {
                    out[at].rungs.push(i)
                }
                _ => {
                    open.insert(key, out.len());
                    out.push(Conversation {
                        ends: [rung.from, rung.to],
                        rungs: vec![i],
                    });
                }
            }
        }
        out
    }

    /// Forgets the rungs drawn, keeping nothing: the next page starts empty.
    pub fn clear(&mut self) {
        self.rungs.clear();
        self.ends.clear();
        self.index.clear();
    }
}

/// A conversation whose last TCP rung left both ends closed or in TIME-WAIT: a SYN on the
/// same ends after it is a new connection.
fn reopened(page: &Page, conversation: &Conversation) -> bool {
    conversation.rungs.iter().rev().find_map(|&i| {
        let rung = &page.rungs[i];
        rung.from_before.map(|_| {
            let after = |state: Option<State>, before: Option<State>| state.or(before);
            [
                after(rung.from_state, rung.from_before),
                after(rung.to_state, rung.to_before),
            ]
            .iter()
            .all(|s| matches!(s, Some(State::Closed | State::TimeWait)))
        })
    }) == Some(true)
}

/// TCP and UDP: their packets' ends are sockets.
fn is_socket_protocol(protocol: u8) -> bool {
    protocol == 6 || protocol == 17
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
            // An error about a TCP or UDP packet goes back to the socket that sent it, from
            // the socket it was for when that host is the one answering (a closed port);
            // otherwise from the host that answered (a router: time exceeded).
            match icmp.quoted {
                Some(quoted)
                    if is_socket_protocol(quoted.protocol) && quoted.dst.ip() == ip.src =>
                {
                    End::Socket(quoted.dst)
                }
                _ => End::Host(ip.src),
            },
            match icmp.quoted {
                Some(quoted) if is_socket_protocol(quoted.protocol) => End::Socket(quoted.src),
                _ => End::Host(ip.dst),
            },
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

    fn page_of(packets: &[Packet]) -> Page {
        let mut ladder = Ladder::new();
        let mut page = Page::new();
        for (i, packet) in packets.iter().enumerate() {
            if let Some(rung) = ladder.rung(1_000 * i as u64, packet) {
                page.push(rung);
            }
        }
        page
    }

    fn socket(text: &str) -> End {
        End::Socket(text.parse().expect("a socket address"))
    }

    #[test]
    fn two_loopback_sockets_are_two_columns_and_arrows_go_both_ways() {
        let page = page_of(&echo_exchange());
        assert_eq!(page.ends(), &[socket(CLIENT), socket(SERVER)]);
        let directions: Vec<_> = page
            .rungs()
            .iter()
            .map(|r| (page.column(r.from).unwrap(), page.column(r.to).unwrap()))
            .collect();
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
        assert!(page.rungs()[0].opens && page.rungs().iter().skip(1).all(|r| !r.opens));
    }

    #[test]
    fn states_follow_rfc_9293_through_the_handshake_and_the_close() {
        let page = page_of(&echo_exchange());
        assert_eq!(page.first_state(socket(CLIENT)), Some(State::Closed));
        assert_eq!(page.first_state(socket(SERVER)), Some(State::Listen));
        let name = |s: Option<State>| s.map(State::name);
        let changes: Vec<_> = page
            .rungs()
            .iter()
            .map(|r| (name(r.from_state), name(r.to_state)))
            .collect();
        assert_eq!(changes[0], (Some("SYN-SENT"), None));
        assert_eq!(changes[1], (Some("SYN-RECEIVED"), None));
        assert_eq!(changes[2], (Some("ESTABLISHED"), Some("ESTABLISHED")));
        assert_eq!(changes[7], (Some("FIN-WAIT-1"), Some("CLOSE-WAIT")));
        assert_eq!(changes[8], (Some("LAST-ACK"), Some("TIME-WAIT")));
        assert_eq!(changes[9], (None, Some("CLOSED")));
    }

    #[test]
    fn sequence_numbers_are_relative_and_data_is_previewed() {
        let page = page_of(&echo_exchange());
        let Carried::Tcp {
            seq,
            ack,
            len,
            preview,
            ..
        } = &page.rungs()[3].carried
        else {
            panic!("{:?}", page.rungs()[3]);
        };
        assert_eq!((*seq, *ack, *len), (1, Some(1), 3));
        assert_eq!(preview.bytes(), b"hi\n");
        let Carried::Tcp { seq, ack, .. } = &page.rungs()[0].carried else {
            panic!()
        };
        assert_eq!((*seq, *ack), (0, None), "a SYN acknowledges nothing");
    }

    #[test]
    fn a_retransmission_and_a_reset_are_marked() {
        let mut packets = echo_exchange()[..4].to_vec();
        packets.push(packets[3].clone());
        packets.push(segment(SERVER, CLIENT, TcpFlags::RST, 5001, 0, b""));
        let page = page_of(&packets);
        assert_eq!(page.rungs()[4].mark, Some(Mark::Retransmission));
        assert!(page.rungs()[5].is_reset() && !page.rungs()[4].is_reset());
        assert_eq!(page.rungs()[5].from_state, Some(State::Closed));
    }

    #[test]
    fn a_capture_begun_mid_connection_starts_established() {
        let page = page_of(&echo_exchange()[3..]);
        assert_eq!(page.first_state(socket(CLIENT)), Some(State::Established));
        assert_eq!(page.first_state(socket(SERVER)), Some(State::Established));
    }

    #[test]
    fn connections_are_conversations_and_a_reused_pair_is_a_new_one() {
        let other = "127.0.0.1:40001";
        let mut packets = echo_exchange();
        packets.insert(3, segment(other, SERVER, TcpFlags::SYN, 7, 0, b""));
        packets.extend(echo_exchange());
        let page = page_of(&packets);
        let conversations = page.conversations();
        let shape: Vec<_> = conversations
            .iter()
            .map(|c| (c.ends, c.rungs.len()))
            .collect();
        assert_eq!(
            shape,
            [
                ([socket(CLIENT), socket(SERVER)], 10),
                ([socket(other), socket(SERVER)], 1),
                ([socket(CLIENT), socket(SERVER)], 10),
            ]
        );
    }

    #[test]
    fn a_page_is_full_at_its_bound() {
        let mut ladder = Ladder::new();
        let mut page = Page::new();
        let packet = &echo_exchange()[3];
        let full = (0..PAGE_RUNGS)
            .map(|_| page.push(ladder.rung(0, packet).expect("a rung")))
            .collect::<Vec<_>>();
        assert_eq!(full.iter().filter(|f| **f).count(), 1);
        assert!(full[PAGE_RUNGS - 1]);
        page.clear();
        assert!(page.is_empty() && page.ends().is_empty());
    }
}
