//! TCP streams followed packet by packet: sequence numbers relative to each side's first
//! (0 at the SYN, as Wireshark shows them), the state each side is in, and segments that
//! repeat data already seen (retransmissions) or jump past a gap (out of order).

use std::hash::Hasher;
use std::net::{IpAddr, SocketAddr};

use hashbrown::HashTable;
use rustc_hash::FxHasher;

use super::decode::{TcpFlags, TcpSegment};
use crate::sockets::TcpState;

/// The most connections followed at once. A new connection beyond it makes the tracker forget
/// one: the least recently used closed one (CLOSED or TIME_WAIT on both sides), else the least
/// recently used of all. Memory stays bounded whatever the traffic, and each segment costs the
/// same time however many connections came before it.
pub const MAX_CONNECTIONS: usize = 65_536;

/// What a segment does in its connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TcpEvent {
    /// A SYN: the sender asks to open a connection.
    Open,
    /// A SYN-ACK: the receiver of a SYN agrees.
    OpenAccepted,
    /// The ACK that completes the three-way handshake.
    HandshakeDone,
    /// Payload bytes.
    Data,
    /// A FIN: the sender has nothing more to send.
    Finish,
    /// A reset: the connection is torn down at once.
    Reset,
    /// A bare ACK of data or of a FIN.
    Ack,
    /// A bare ACK that acknowledges nothing new (keep-alive, window update, duplicate ACK).
    NothingNew,
}

/// A segment repeated or arriving ahead of a gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Retransmission,
    OutOfOrder,
}

/// Which side of the connection sent a segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The side that sent the first SYN.
    Client,
    /// The side that answered it.
    Server,
    /// The capture began mid-connection: who opened it is unknown.
    Unknown,
}

/// A segment seen in its connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tracked {
    /// Sequence number relative to the sender's initial one.
    pub seq: u32,
    /// Acknowledgement number relative to the receiver's initial one (when ACK is set and
    /// the receiver's initial number is known).
    pub ack: Option<u32>,
    pub event: TcpEvent,
    pub mark: Option<Mark>,
    pub role: Role,
    /// The sender's state after this segment.
    pub sender_state: TcpState,
    /// The receiver's state once this segment arrives.
    pub receiver_state: TcpState,
    /// The sender's state before this segment (CLOSED for the opener of a connection).
    pub sender_before: TcpState,
    /// The receiver's state before this segment arrives (LISTEN for the end a SYN opens).
    pub receiver_before: TcpState,
    /// The sender's state changed with this segment.
    pub sender_changed: bool,
    pub receiver_changed: bool,
    /// A reset answering a SYN: nothing listens on the port (connection refused).
    pub refuses_syn: bool,
    /// This segment acknowledges the receiver's FIN.
    pub acks_fin: bool,
}

/// How long a closed connection is remembered after its last segment, in capture time, as
/// Linux's connection tracking does (`nf_conntrack_tcp_timeout_close`): a late retransmission
/// of the reset, or of the segment it answered, is still told as part of the connection.
pub const CLOSED_GRACE_NS: u64 = 10 * 1_000_000_000;

/// How long a connection closed with FINs is remembered after its last segment: a TIME_WAIT
/// end waits twice the maximum segment lifetime (`nf_conntrack_tcp_timeout_time_wait`), and a
/// late retransmission of a FIN or its ACK can come that late.
pub const TIME_WAIT_GRACE_NS: u64 = 120 * 1_000_000_000;

/// One side of a connection: 12 bytes (a tracker holds tens of thousands).
#[derive(Clone, Copy, Debug)]
struct Side {
    /// The sender's initial sequence number (valid with [`Side::HAS_INITIAL`]).
    initial: u32,
    /// The sequence number after the highest byte this side has sent (valid with
    /// [`Side::HAS_NEXT`]).
    next: u32,
    state: TcpState,
    bits: u8,
}

impl Side {
    const HAS_INITIAL: u8 = 1;
    const HAS_NEXT: u8 = 2;
    const FIN_SENT: u8 = 4;
    /// The other side acknowledged this side's FIN.
    const FIN_ACKED: u8 = 8;

    fn new(state: TcpState) -> Side {
        Side {
            initial: 0,
            next: 0,
            state,
            bits: 0,
        }
    }

    fn initial(&self) -> Option<u32> {
        (self.bits & Side::HAS_INITIAL != 0).then_some(self.initial)
    }

    fn next(&self) -> Option<u32> {
        (self.bits & Side::HAS_NEXT != 0).then_some(self.next)
    }

    fn set_initial(&mut self, initial: u32) {
        self.initial = initial;
        self.bits |= Side::HAS_INITIAL;
    }

    fn set_next(&mut self, next: u32) {
        self.next = next;
        self.bits |= Side::HAS_NEXT;
    }

    fn has(&self, bit: u8) -> bool {
        self.bits & bit != 0
    }

    fn set(&mut self, bit: u8) {
        self.bits |= bit;
    }
}

/// The two ends of a connection, the lower (address, port) first, so that both directions
/// find the same entry; the address family is kept beside it ([`Flow::v6`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Key {
    ips: [[u8; 16]; 2],
    ports: [u16; 2],
}

/// An address as 16 bytes (IPv4 in the low four), and whether it is IPv6.
fn ip_bytes(addr: &SocketAddr) -> ([u8; 16], bool) {
    match addr.ip() {
        IpAddr::V4(v4) => (v4.to_ipv6_mapped().octets(), false),
        IpAddr::V6(v6) => (v6.octets(), true),
    }
}

impl Key {
    /// The key of the connection between `src` and `dst`, its family, and whether `src` is
    /// the key's first end.
    fn of(src: &SocketAddr, dst: &SocketAddr) -> (Key, bool, bool) {
        let (a, v6) = ip_bytes(src);
        let (b, _) = ip_bytes(dst);
        let (pa, pb) = (src.port(), dst.port());
        let src_first = (a, pa) <= (b, pb);
        let key = if src_first {
            Key {
                ips: [a, b],
                ports: [pa, pb],
            }
        } else {
            Key {
                ips: [b, a],
                ports: [pb, pa],
            }
        };
        (key, v6, src_first)
    }

    fn hash(&self, v6: bool) -> u64 {
        let mut hasher = FxHasher::default();
        for ip in &self.ips {
            let (high, low) = ip.split_at(8);
            hasher.write_u64(u64::from_ne_bytes(high.try_into().unwrap_or_default()));
            hasher.write_u64(u64::from_ne_bytes(low.try_into().unwrap_or_default()));
        }
        hasher.write_u32(u32::from(self.ports[0]) << 16 | u32::from(self.ports[1]));
        hasher.write_u8(u8::from(v6));
        hasher.finish()
    }
}

/// No flow: the end of a list, or no list.
const NONE: u32 = u32::MAX;

/// Which list of the eviction order a flow is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum List {
    /// Not closed: forgotten only when the table is full and nothing closed is left.
    Open,
    /// CLOSED or TIME_WAIT on both sides: forgotten first, or retired once its grace passed.
    Closed,
    /// A free slot.
    Free,
}

/// One followed connection (80 bytes).
struct Flow {
    key: Key,
    v6: bool,
    /// Whether `sides[0]`, the side that sent the first segment seen, is the key's first end.
    first_is_key_first: bool,
    opened_with_syn: bool,
    list: List,
    sides: [Side; 2],
    /// The capture time (the latest seen so far) of the last segment.
    last_ns: u64,
    /// The neighbours on its list (or the next free slot).
    prev: u32,
    next: u32,
}

impl Flow {
    fn closed(&self) -> bool {
        self.sides
            .iter()
            .all(|s| matches!(s.state, TcpState::Close | TcpState::TimeWait))
    }

    /// How long the flow is remembered after its last segment, once closed.
    fn grace_ns(&self) -> u64 {
        if self.sides.iter().any(|s| s.state == TcpState::TimeWait) {
            TIME_WAIT_GRACE_NS
        } else {
            CLOSED_GRACE_NS
        }
    }
}

/// A list's ends, oldest first.
#[derive(Clone, Copy, Debug)]
struct Ends {
    head: u32,
    tail: u32,
}

impl Ends {
    const EMPTY: Ends = Ends {
        head: NONE,
        tail: NONE,
    };
}

/// Follows every TCP connection in a capture, at most [`MAX_CONNECTIONS`] at once; a closed
/// connection is forgotten once its grace ([`CLOSED_GRACE_NS`], [`TIME_WAIT_GRACE_NS`]) has
/// passed in capture time.
pub struct Tracker {
    /// Indices into `flows`, found by their key's hash.
    table: HashTable<u32>,
    flows: Vec<Flow>,
    /// The first free slot of `flows` (chained through `next`).
    free: u32,
    /// Open flows, least recently used first.
    open: Ends,
    /// Closed flows, least recently used first: forgotten before any open one.
    closed: Ends,
    len: usize,
    /// The latest capture time seen.
    now_ns: u64,
    limit: usize,
    evicted: u64,
}

impl Default for Tracker {
    fn default() -> Tracker {
        Tracker::with_limit(MAX_CONNECTIONS)
    }
}

/// `a` is after `b` in sequence space (RFC 1982 serial arithmetic).
fn after(a: u32, b: u32) -> bool {
    (a.wrapping_sub(b) as i32) > 0
}

impl Tracker {
    pub fn new() -> Tracker {
        Tracker::default()
    }

    /// A tracker that follows at most `limit` connections (at least one).
    pub fn with_limit(limit: usize) -> Tracker {
        Tracker {
            table: HashTable::new(),
            flows: Vec::new(),
            free: NONE,
            open: Ends::EMPTY,
            closed: Ends::EMPTY,
            len: 0,
            now_ns: 0,
            limit: limit.clamp(1, NONE as usize - 1),
            evicted: 0,
        }
    }

    /// Connections forgotten so far to stay within the limit.
    pub fn evicted(&self) -> u64 {
        self.evicted
    }

    /// Connections followed now.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn ends_mut(&mut self, list: List) -> &mut Ends {
        match list {
            List::Closed => &mut self.closed,
            List::Open | List::Free => &mut self.open,
        }
    }

    /// Takes flow `i` off its list.
    fn unlink(&mut self, i: u32) {
        let (list, prev, next) = {
            let flow = &self.flows[i as usize];
            (flow.list, flow.prev, flow.next)
        };
        if prev == NONE {
            self.ends_mut(list).head = next;
        } else {
            self.flows[prev as usize].next = next;
        }
        if next == NONE {
            self.ends_mut(list).tail = prev;
        } else {
            self.flows[next as usize].prev = prev;
        }
    }

    /// Puts flow `i` last (most recently used) on `list`.
    fn link_last(&mut self, i: u32, list: List) {
        let tail = self.ends_mut(list).tail;
        {
            let flow = &mut self.flows[i as usize];
            flow.list = list;
            flow.prev = tail;
            flow.next = NONE;
        }
        if tail == NONE {
            self.ends_mut(list).head = i;
        } else {
            self.flows[tail as usize].next = i;
        }
        self.ends_mut(list).tail = i;
    }

    /// Forgets flow `i`: out of the table and its list, its slot free.
    fn remove(&mut self, i: u32) {
        let flow = &self.flows[i as usize];
        let hash = flow.key.hash(flow.v6);
        if let Ok(entry) = self.table.find_entry(hash, |&j| j == i) {
            entry.remove();
        }
        self.unlink(i);
        let flow = &mut self.flows[i as usize];
        flow.list = List::Free;
        flow.next = self.free;
        self.free = i;
        self.len -= 1;
    }

    /// Whether flow `i` is closed and its grace has passed.
    fn expired(&self, i: u32) -> bool {
        let flow = &self.flows[i as usize];
        flow.list == List::Closed && self.now_ns.saturating_sub(flow.last_ns) > flow.grace_ns()
    }

    /// Forgets the closed flows whose grace has passed, oldest first (a flow with a longer
    /// grace ahead holds the others back until it goes: they are forgotten when looked up).
    fn retire(&mut self) {
        while self.closed.head != NONE && self.expired(self.closed.head) {
            self.remove(self.closed.head);
        }
    }

    /// Accounts for one segment from `src` to `dst` carrying `payload_len` bytes, captured at
    /// `time_ns`.
    pub fn observe(
        &mut self,
        time_ns: u64,
        src: SocketAddr,
        dst: SocketAddr,
        tcp: &TcpSegment,
        payload_len: usize,
    ) -> Tracked {
        self.now_ns = self.now_ns.max(time_ns);
        self.retire();
        let flags = tcp.flags;
        let syn = flags.has(TcpFlags::SYN);
        let ack_flag = flags.has(TcpFlags::ACK);
        let (key, v6, src_first) = Key::of(&src, &dst);
        let hash = key.hash(v6);
        let flows = &self.flows;
        let found = self
            .table
            .find(hash, |&i| {
                let flow = &flows[i as usize];
                flow.key == key && flow.v6 == v6
            })
            .copied();
        let found = match found {
            Some(i) if self.expired(i) => {
                self.remove(i);
                None
            }
            found => found,
        };
        let created = found.is_none();
        let i = match found {
            Some(i) => {
                // Taken out of the order here and put back, moved, at the end.
                self.unlink(i);
                i
            }
            None => {
                self.make_room();
                // A first segment that is a SYN opens the connection; anything else means the
                // capture started in the middle of one.
                let (first, second) = if syn && !ack_flag {
                    (TcpState::SynSent, TcpState::Listen)
                } else {
                    (TcpState::Established, TcpState::Established)
                };
                let flow = Flow {
                    key,
                    v6,
                    first_is_key_first: src_first,
                    opened_with_syn: syn && !ack_flag,
                    list: List::Free,
                    sides: [Side::new(first), Side::new(second)],
                    last_ns: self.now_ns,
                    prev: NONE,
                    next: NONE,
                };
                let i = if self.free == NONE {
                    self.flows.push(flow);
                    (self.flows.len() - 1) as u32
                } else {
                    let i = self.free;
                    self.free = self.flows[i as usize].next;
                    self.flows[i as usize] = flow;
                    i
                };
                let flows = &self.flows;
                self.table.insert_unique(hash, i, |&j| {
                    let flow = &flows[j as usize];
                    flow.key.hash(flow.v6)
                });
                self.len += 1;
                i
            }
        };
        let conn = &mut self.flows[i as usize];
        // A new SYN on a closed or TIME_WAIT pair is a new connection on the same ports.
        if syn && !ack_flag && conn.closed() {
            conn.first_is_key_first = src_first;
            conn.opened_with_syn = true;
            conn.sides = [Side::new(TcpState::SynSent), Side::new(TcpState::Listen)];
        }
        let from = usize::from(conn.first_is_key_first != src_first);
        let to = 1 - from;
        let role = match (conn.opened_with_syn, from) {
            (false, _) => Role::Unknown,
            (true, 0) => Role::Client,
            (true, _) => Role::Server,
        };
        let mut before = (conn.sides[from].state, conn.sides[to].state);
        if created && syn && !ack_flag {
            // The opener was CLOSED until this SYN.
            before.0 = TcpState::Close;
        }

        let sender = &mut conn.sides[from];
        if sender.initial().is_none() || syn {
            sender.set_initial(tcp.seq);
        }
        let initial = sender.initial().unwrap_or(tcp.seq);
        let seq = tcp.seq.wrapping_sub(initial);
        let fin = flags.has(TcpFlags::FIN);
        let occupies = payload_len as u32 + u32::from(syn) + u32::from(fin);
        let end = tcp.seq.wrapping_add(occupies);
        let mut mark = None;
        match sender.next() {
            Some(next) if occupies > 0 && !syn => {
                if !after(end, next) {
                    mark = Some(Mark::Retransmission);
                } else if after(tcp.seq, next) {
                    mark = Some(Mark::OutOfOrder);
                    sender.set_next(end);
                } else {
                    sender.set_next(end);
                }
            }
            Some(next) if syn && after(end, next) => sender.set_next(end),
            Some(_) if syn => mark = Some(Mark::Retransmission),
            Some(_) => {}
            None => sender.set_next(end),
        }
        let receiver_initial = conn.sides[to].initial();
        let ack = (ack_flag)
            .then(|| receiver_initial.map(|i| tcp.ack.wrapping_sub(i)))
            .flatten();
        // Whether this ACK covers the receiver's FIN.
        let acks_fin = ack_flag
            && conn.sides[to].has(Side::FIN_SENT)
            && conn.sides[to]
                .next()
                .is_some_and(|next| !after(next, tcp.ack));

        let rst = flags.has(TcpFlags::RST);
        let event;
        if rst {
            conn.sides[from].state = TcpState::Close;
            conn.sides[to].state = TcpState::Close;
            event = TcpEvent::Reset;
        } else if syn && !ack_flag {
            conn.sides[from].state = TcpState::SynSent;
            if conn.sides[to].state != TcpState::Listen {
                conn.sides[to].state = TcpState::Listen;
            }
            event = TcpEvent::Open;
        } else if syn {
            conn.sides[from].state = TcpState::SynRecv;
            event = TcpEvent::OpenAccepted;
        } else {
            let mut handshake = false;
            if before.0 == TcpState::SynSent && mark.is_none() {
                conn.sides[from].state = TcpState::Established;
                if conn.sides[to].state == TcpState::SynRecv {
                    conn.sides[to].state = TcpState::Established;
                }
                handshake = true;
            } else if before.0 == TcpState::SynRecv {
                // The server's first segment after its SYN-ACK: it saw the handshake end.
                conn.sides[from].state = TcpState::Established;
            }
            if acks_fin && !conn.sides[to].has(Side::FIN_ACKED) {
                conn.sides[to].set(Side::FIN_ACKED);
                conn.sides[to].state = match conn.sides[to].state {
                    TcpState::FinWait1 => TcpState::FinWait2,
                    TcpState::Closing => TcpState::TimeWait,
                    TcpState::LastAck => TcpState::Close,
                    other => other,
                };
            }
            if fin && mark.is_none() {
                conn.sides[from].set(Side::FIN_SENT);
                let sender_state = conn.sides[from].state;
                conn.sides[from].state = match sender_state {
                    TcpState::CloseWait => TcpState::LastAck,
                    TcpState::SynRecv | TcpState::Established => TcpState::FinWait1,
                    other => other,
                };
                // The sender's FIN reaches the receiver.
                let receiver_state = conn.sides[to].state;
                conn.sides[to].state = match receiver_state {
                    TcpState::Established | TcpState::SynRecv => TcpState::CloseWait,
                    TcpState::FinWait1 => TcpState::Closing,
                    TcpState::FinWait2 => TcpState::TimeWait,
                    other => other,
                };
                // A FIN that also acknowledges the receiver's FIN.
                if conn.sides[from].state == TcpState::FinWait1
                    && conn.sides[to].has(Side::FIN_ACKED)
                {
                    conn.sides[from].state = TcpState::FinWait2;
                }
            }
            // The sender acknowledges the other side's FIN while waiting for it.
            if ack_flag && conn.sides[to].has(Side::FIN_SENT) {
                let sender_state = conn.sides[from].state;
                conn.sides[from].state = match sender_state {
                    TcpState::FinWait2 if acks_fin => TcpState::TimeWait,
                    TcpState::Closing if acks_fin => TcpState::TimeWait,
                    other => other,
                };
            }
            event = if fin {
                TcpEvent::Finish
            } else if payload_len > 0 {
                TcpEvent::Data
            } else if handshake {
                TcpEvent::HandshakeDone
            } else if acks_fin {
                TcpEvent::Ack
            } else {
                TcpEvent::NothingNew
            };
        }
        let after_states = (conn.sides[from].state, conn.sides[to].state);
        let receiver_next = conn.sides[to].next();
        conn.last_ns = self.now_ns;
        let list = if conn.closed() {
            List::Closed
        } else {
            List::Open
        };
        self.link_last(i, list);
        let event = if event == TcpEvent::NothingNew && ack_flag && payload_len == 0 {
            // Tell a bare ACK of new data from one that moves nothing.
            let acked_new = receiver_next.is_some_and(|_| ack.is_some_and(|a| a > 0));
            if acked_new {
                TcpEvent::Ack
            } else {
                TcpEvent::NothingNew
            }
        } else {
            event
        };
        Tracked {
            seq,
            ack,
            event,
            mark,
            role,
            sender_state: after_states.0,
            receiver_state: after_states.1,
            sender_before: before.0,
            receiver_before: before.1,
            sender_changed: after_states.0 != before.0,
            receiver_changed: after_states.1 != before.1,
            refuses_syn: rst && before.1 == TcpState::SynSent,
            acks_fin,
        }
    }

    /// Makes room for one more connection: at the limit, forgets the first in the order (the
    /// least recently used closed connection, else the least recently used one). A constant
    /// number of steps, whatever the table holds.
    fn make_room(&mut self) {
        while self.len >= self.limit {
            let oldest = if self.closed.head != NONE {
                self.closed.head
            } else {
                self.open.head
            };
            if oldest == NONE {
                break;
            }
            self.remove(oldest);
            self.evicted += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::decode::TcpOptions;

    fn seg(seq: u32, ack: u32, flags: u16) -> TcpSegment {
        TcpSegment {
            src_port: 0,
            dst_port: 0,
            seq,
            ack,
            flags: TcpFlags(flags),
            window: 0,
            options: TcpOptions::default(),
        }
    }

    const S: u16 = TcpFlags::SYN;
    const A: u16 = TcpFlags::ACK;
    const F: u16 = TcpFlags::FIN;
    const P: u16 = TcpFlags::PSH;
    const R: u16 = TcpFlags::RST;

    fn addrs() -> (SocketAddr, SocketAddr) {
        (
            "127.0.0.1:50312".parse().expect("addr"),
            "127.0.0.1:5008".parse().expect("addr"),
        )
    }

    #[test]
    fn a_whole_connection_walks_through_the_states() {
        let (c, s) = addrs();
        let mut t = Tracker::new();
        let syn = t.observe(0, c, s, &seg(1000, 0, S), 0);
        assert_eq!(
            (syn.seq, syn.event, syn.sender_state),
            (0, TcpEvent::Open, TcpState::SynSent)
        );
        let synack = t.observe(0, s, c, &seg(9000, 1001, S | A), 0);
        assert_eq!((synack.seq, synack.ack), (0, Some(1)));
        assert_eq!(synack.sender_state, TcpState::SynRecv);
        let ack = t.observe(0, c, s, &seg(1001, 9001, A), 0);
        assert_eq!(ack.event, TcpEvent::HandshakeDone);
        assert_eq!(
            (ack.sender_state, ack.receiver_state),
            (TcpState::Established, TcpState::Established)
        );
        let data = t.observe(0, c, s, &seg(1001, 9001, P | A), 5);
        assert_eq!(
            (data.seq, data.ack, data.event),
            (1, Some(1), TcpEvent::Data)
        );
        let echo = t.observe(0, s, c, &seg(9001, 1006, P | A), 5);
        assert_eq!((echo.seq, echo.ack), (1, Some(6)));
        let fin = t.observe(0, c, s, &seg(1006, 9006, F | A), 0);
        assert_eq!(fin.event, TcpEvent::Finish);
        assert_eq!(
            (fin.sender_state, fin.receiver_state),
            (TcpState::FinWait1, TcpState::CloseWait)
        );
        let fin2 = t.observe(0, s, c, &seg(9006, 1007, F | A), 0);
        assert_eq!(fin2.sender_state, TcpState::LastAck);
        assert_eq!(fin2.receiver_state, TcpState::TimeWait);
        let last = t.observe(0, c, s, &seg(1007, 9007, A), 0);
        assert_eq!(
            (last.sender_state, last.receiver_state),
            (TcpState::TimeWait, TcpState::Close)
        );
    }

    #[test]
    fn repeated_data_is_a_retransmission_and_a_gap_is_out_of_order() {
        let (c, s) = addrs();
        let mut t = Tracker::new();
        t.observe(0, c, s, &seg(1000, 0, S), 0);
        t.observe(0, s, c, &seg(9000, 1001, S | A), 0);
        t.observe(0, c, s, &seg(1001, 9001, A), 0);
        assert_eq!(t.observe(0, c, s, &seg(1001, 9001, P | A), 10).mark, None);
        assert_eq!(
            t.observe(0, c, s, &seg(1001, 9001, P | A), 10).mark,
            Some(Mark::Retransmission)
        );
        assert_eq!(
            t.observe(0, c, s, &seg(1021, 9001, P | A), 10).mark,
            Some(Mark::OutOfOrder)
        );
    }

    #[test]
    fn a_reset_closes_both_sides() {
        let (c, s) = addrs();
        let mut t = Tracker::new();
        t.observe(0, c, s, &seg(1000, 0, S), 0);
        let rst = t.observe(0, s, c, &seg(0, 1001, R | A), 0);
        assert_eq!(rst.event, TcpEvent::Reset);
        assert_eq!(
            (rst.sender_state, rst.receiver_state),
            (TcpState::Close, TcpState::Close)
        );
    }

    #[test]
    fn mid_stream_capture_counts_from_the_first_segment_seen() {
        let (c, s) = addrs();
        let mut t = Tracker::new();
        let first = t.observe(0, c, s, &seg(5_000_000, 77, P | A), 3);
        assert_eq!((first.seq, first.role), (0, Role::Unknown));
        assert_eq!(t.observe(0, c, s, &seg(5_000_003, 77, P | A), 3).seq, 3);
    }

    #[test]
    fn sequence_numbers_wrap_around() {
        let (c, s) = addrs();
        let mut t = Tracker::new();
        t.observe(0, c, s, &seg(u32::MAX - 1, 0, S), 0);
        t.observe(0, s, c, &seg(7, u32::MAX, S | A), 0);
        t.observe(0, c, s, &seg(u32::MAX, 8, A), 0);
        let data = t.observe(0, c, s, &seg(u32::MAX, 8, P | A), 4);
        assert_eq!((data.seq, data.mark), (1, None));
        let next = t.observe(0, c, s, &seg(3, 8, P | A), 4);
        assert_eq!((next.seq, next.mark), (5, None));
    }

    const SECOND: u64 = 1_000_000_000;

    /// A connection from `c` to `s` opened and closed with FINs at time `at`: both ends in
    /// TIME_WAIT or CLOSED after the last ACK.
    fn open_and_close(t: &mut Tracker, at: u64, c: SocketAddr, s: SocketAddr) {
        t.observe(at, c, s, &seg(1000, 0, S), 0);
        t.observe(at, s, c, &seg(9000, 1001, S | A), 0);
        t.observe(at, c, s, &seg(1001, 9001, A), 0);
        t.observe(at, c, s, &seg(1001, 9001, F | A), 0);
        t.observe(at, s, c, &seg(9001, 1002, F | A), 0);
        let last = t.observe(at, c, s, &seg(1002, 9002, A), 0);
        assert_eq!(
            (last.sender_state, last.receiver_state),
            (TcpState::TimeWait, TcpState::Close)
        );
    }

    #[test]
    fn a_late_retransmission_within_the_grace_is_still_the_connections() {
        let (c, s) = addrs();
        let mut t = Tracker::new();
        open_and_close(&mut t, 0, c, s);
        // The server's FIN again, a minute later (its ACK was lost): still the same connection.
        let late = t.observe(60 * SECOND, s, c, &seg(9001, 1002, F | A), 0);
        assert_eq!(
            (late.role, late.mark, late.seq),
            (Role::Server, Some(Mark::Retransmission), 1)
        );
        assert_eq!(t.len(), 1);
        // After a reset the grace is shorter, as conntrack's CLOSE against TIME_WAIT.
        let mut t = Tracker::new();
        t.observe(0, c, s, &seg(1000, 0, S), 0);
        t.observe(0, s, c, &seg(0, 1001, R | A), 0);
        let again = t.observe(CLOSED_GRACE_NS, s, c, &seg(0, 1001, R | A), 0);
        assert_eq!(
            (again.role, again.sender_before, again.receiver_before),
            (Role::Server, TcpState::Close, TcpState::Close)
        );
    }

    #[test]
    fn a_closed_connection_is_forgotten_once_its_grace_has_passed() {
        let (c, s) = addrs();
        let other: SocketAddr = "127.0.0.1:50313".parse().expect("addr");
        let mut t = Tracker::new();
        open_and_close(&mut t, 0, c, s);
        t.observe(0, other, s, &seg(1, 0, S), 0);
        t.observe(0, other, s, &seg(1, 0, R), 0);
        assert_eq!(t.len(), 2);
        // Past the reset's grace, not the TIME_WAIT's: the reset one goes when looked up.
        let after_reset = t.observe(CLOSED_GRACE_NS + 1, other, s, &seg(5, 0, A), 0);
        assert_eq!(
            (after_reset.role, after_reset.seq),
            (Role::Unknown, 0),
            "a stranger's segment now"
        );
        // Any segment past the TIME_WAIT grace retires the closed connection before it.
        let stranger: SocketAddr = "127.0.0.1:50314".parse().expect("addr");
        t.observe(TIME_WAIT_GRACE_NS + 1, stranger, s, &seg(1, 0, S), 0);
        assert_eq!(
            t.len(),
            2,
            "the old connection is gone, the two others stay"
        );
        assert_eq!(t.evicted(), 0, "retired, not forgotten for room");
        // A late segment of the old connection is now seen as from the middle of one.
        let late = t.observe(TIME_WAIT_GRACE_NS + 2, s, c, &seg(9001, 1002, F | A), 0);
        assert_eq!((late.role, late.mark), (Role::Unknown, None));
        // A new SYN on the old ports opens a connection as on ports never seen.
        let mut fresh = Tracker::new();
        let first = fresh.observe(0, c, s, &seg(1000, 0, S), 0);
        let mut t = Tracker::new();
        open_and_close(&mut t, 0, c, s);
        let reopened = t.observe(TIME_WAIT_GRACE_NS + 1, c, s, &seg(1000, 0, S), 0);
        assert_eq!(reopened, first);
    }

    #[test]
    fn capture_time_going_back_does_not_retire_or_revive() {
        let (c, s) = addrs();
        let mut t = Tracker::new();
        t.observe(100 * SECOND, c, s, &seg(1000, 0, S), 0);
        t.observe(100 * SECOND, s, c, &seg(0, 1001, R | A), 0);
        // A record stamped earlier (files merged out of order): time is the latest seen.
        let again = t.observe(0, s, c, &seg(0, 1001, R | A), 0);
        assert_eq!(again.role, Role::Server);
        assert_eq!(t.len(), 1);
    }

    /// A client address for connection number `i` (distinct for every i < 2^24).
    fn client(i: u32) -> SocketAddr {
        SocketAddr::from(([10, (i >> 16) as u8, (i >> 8) as u8, i as u8], 1000))
    }

    /// The capture: a full table of half-open connections (SYNs), then twice as many
    /// connections that are reset as soon as they are seen.
    #[test]
    fn the_table_stays_bounded_and_counts_what_it_forgets() {
        let mut t = Tracker::new();
        let server: SocketAddr = "127.0.0.1:80".parse().expect("addr");
        let syns = MAX_CONNECTIONS as u32;
        for i in 0..syns {
            t.observe(0, client(i), server, &seg(i, 0, S), 0);
        }
        assert_eq!((t.len(), t.evicted()), (MAX_CONNECTIONS, 0));
        let resets = 2 * MAX_CONNECTIONS as u32;
        for i in syns..syns + resets {
            t.observe(0, client(i), server, &seg(i, 0, R), 0);
            assert!(t.len() <= MAX_CONNECTIONS, "{} after {i}", t.len());
        }
        assert_eq!(t.len(), MAX_CONNECTIONS);
        assert_eq!(
            t.evicted(),
            u64::from(resets),
            "one forgotten per new connection"
        );
        // Closed connections went first: only the oldest half-open one made room for the
        // first reset (nothing was closed yet); every other one is still followed, so the
        // server's answer is known as the server's, not a stranger's.
        for i in [1, syns / 2, syns - 1] {
            let answer = t.observe(0, server, client(i), &seg(7, i.wrapping_add(1), S | A), 0);
            assert_eq!(answer.role, Role::Server, "connection {i}");
        }
        let answer = t.observe(0, server, client(0), &seg(7, 1, S | A), 0);
        assert_eq!(answer.role, Role::Unknown, "connection 0 was forgotten");
    }

    #[test]
    fn the_least_recently_used_open_connection_is_forgotten_first() {
        let mut t = Tracker::with_limit(3);
        let server: SocketAddr = "127.0.0.1:80".parse().expect("addr");
        for i in 0..3 {
            t.observe(0, client(i), server, &seg(100, 0, S), 0);
        }
        // Connection 0 is used again; 1 is now the least recently used.
        t.observe(0, server, client(0), &seg(900, 101, S | A), 0);
        t.observe(0, client(3), server, &seg(100, 0, S), 0);
        assert_eq!((t.len(), t.evicted()), (3, 1));
        let role_of_answer = |t: &mut Tracker, i| {
            t.observe(0, server, client(i), &seg(900, 101, S | A), 0)
                .role
        };
        assert_eq!(role_of_answer(&mut t, 0), Role::Server, "kept");
        assert_eq!(role_of_answer(&mut t, 3), Role::Server, "kept");
        // Forgotten: its SYN-ACK now starts a connection seen from the middle.
        assert_eq!(role_of_answer(&mut t, 1), Role::Unknown, "forgotten");
        assert!(t.len() <= 3);
    }

    #[test]
    fn a_closed_connection_goes_before_an_older_open_one() {
        let mut t = Tracker::with_limit(2);
        let server: SocketAddr = "127.0.0.1:80".parse().expect("addr");
        t.observe(0, client(0), server, &seg(100, 0, S), 0);
        t.observe(0, client(1), server, &seg(100, 0, S), 0);
        t.observe(0, server, client(1), &seg(0, 101, R | A), 0);
        t.observe(0, client(2), server, &seg(100, 0, S), 0);
        assert_eq!(t.evicted(), 1);
        let answer = t.observe(0, server, client(0), &seg(900, 101, S | A), 0);
        assert_eq!(answer.role, Role::Server, "the older open connection stays");
    }
}
