//! TCP streams followed packet by packet: sequence numbers relative to each side's first
//! (0 at the SYN, as Wireshark shows them), the state each side is in, and segments that
//! repeat data already seen (retransmissions) or jump past a gap (out of order).

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;

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

#[derive(Clone, Copy, Debug)]
struct Side {
    addr: SocketAddr,
    initial: Option<u32>,
    /// The sequence number after the highest byte this side has sent.
    next: Option<u32>,
    state: TcpState,
    fin_sent: bool,
    /// The other side acknowledged this side's FIN.
    fin_acked: bool,
}

impl Side {
    fn new(addr: SocketAddr, state: TcpState) -> Side {
        Side {
            addr,
            initial: None,
            next: None,
            state,
            fin_sent: false,
            fin_acked: false,
        }
    }
}

struct Connection {
    /// sides[0] sent the first segment seen.
    sides: [Side; 2],
    opened_with_syn: bool,
    /// Its place in the eviction order.
    order: Order,
}

impl Connection {
    fn closed(&self) -> bool {
        self.sides
            .iter()
            .all(|s| matches!(s.state, TcpState::Close | TcpState::TimeWait))
    }
}

/// Where a connection stands in the eviction order: closed ones (`open == false`) sort first,
/// then by the segment that last touched it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Order {
    open: bool,
    last_use: u64,
}

type Key = (SocketAddr, SocketAddr);

/// Follows every TCP connection in a capture, at most [`MAX_CONNECTIONS`] at once.
pub struct Tracker {
    connections: HashMap<Key, Connection>,
    /// Every followed connection once, in eviction order: the first is forgotten next.
    order: BTreeMap<Order, Key>,
    clock: u64,
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

fn key(a: SocketAddr, b: SocketAddr) -> (SocketAddr, SocketAddr) {
    if a <= b { (a, b) } else { (b, a) }
}

impl Tracker {
    pub fn new() -> Tracker {
        Tracker::default()
    }

    /// A tracker that follows at most `limit` connections (at least one).
    pub fn with_limit(limit: usize) -> Tracker {
        Tracker {
            connections: HashMap::new(),
            order: BTreeMap::new(),
            clock: 0,
            limit: limit.max(1),
            evicted: 0,
        }
    }

    /// Connections forgotten so far to stay within the limit.
    pub fn evicted(&self) -> u64 {
        self.evicted
    }

    /// Connections followed now.
    pub fn len(&self) -> usize {
        self.connections.len()
    }

    pub fn is_empty(&self) -> bool {
        self.connections.is_empty()
    }

    /// Accounts for one segment from `src` to `dst` carrying `payload_len` bytes.
    pub fn observe(
        &mut self,
        src: SocketAddr,
        dst: SocketAddr,
        tcp: &TcpSegment,
        payload_len: usize,
    ) -> Tracked {
        self.clock += 1;
        let flags = tcp.flags;
        let syn = flags.has(TcpFlags::SYN);
        let ack_flag = flags.has(TcpFlags::ACK);
        let conn_key = key(src, dst);
        let created = match self.connections.get(&conn_key) {
            Some(conn) => {
                // Taken out of the order here and put back, moved, at the end.
                self.order.remove(&conn.order);
                false
            }
            None => {
                self.make_room();
                true
            }
        };
        let clock = self.clock;
        let placeholder = Order {
            open: true,
            last_use: clock,
        };
        let conn = self.connections.entry(conn_key).or_insert_with(|| {
            // A first segment that is a SYN opens the connection; anything else means the
            // capture started in the middle of one.
            let (first, second) = if syn && !ack_flag {
                (TcpState::SynSent, TcpState::Listen)
            } else {
                (TcpState::Established, TcpState::Established)
            };
            Connection {
                sides: [Side::new(src, first), Side::new(dst, second)],
                opened_with_syn: syn && !ack_flag,
                order: placeholder,
            }
        });
        // A new SYN on a closed or TIME_WAIT pair is a new connection on the same ports.
        if syn && !ack_flag && conn.closed() {
            *conn = Connection {
                sides: [
                    Side::new(src, TcpState::SynSent),
                    Side::new(dst, TcpState::Listen),
                ],
                opened_with_syn: true,
                order: placeholder,
            };
        }
        let from = usize::from(conn.sides[0].addr != src);
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
        if sender.initial.is_none() || syn {
            sender.initial = Some(tcp.seq);
        }
        let initial = sender.initial.unwrap_or(tcp.seq);
        let seq = tcp.seq.wrapping_sub(initial);
        let fin = flags.has(TcpFlags::FIN);
        let occupies = payload_len as u32 + u32::from(syn) + u32::from(fin);
        let end = tcp.seq.wrapping_add(occupies);
        let mut mark = None;
        match sender.next {
            Some(next) if occupies > 0 && !syn => {
                if !after(end, next) {
                    mark = Some(Mark::Retransmission);
                } else if after(tcp.seq, next) {
                    mark = Some(Mark::OutOfOrder);
                    sender.next = Some(end);
                } else {
                    sender.next = Some(end);
                }
            }
            Some(next) if syn && after(end, next) => sender.next = Some(end),
            Some(_) if syn => mark = Some(Mark::Retransmission),
            Some(_) => {}
            None => sender.next = Some(end),
        }
        let receiver_initial = conn.sides[to].initial;
        let ack = (ack_flag)
            .then(|| receiver_initial.map(|i| tcp.ack.wrapping_sub(i)))
            .flatten();
        // Whether this ACK covers the receiver's FIN.
        let acks_fin = ack_flag
            && conn.sides[to].fin_sent
            && conn.sides[to]
                .next
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
            if acks_fin && !conn.sides[to].fin_acked {
                conn.sides[to].fin_acked = true;
                conn.sides[to].state = match conn.sides[to].state {
                    TcpState::FinWait1 => TcpState::FinWait2,
                    TcpState::Closing => TcpState::TimeWait,
                    TcpState::LastAck => TcpState::Close,
                    other => other,
                };
            }
            if fin && mark.is_none() {
                conn.sides[from].fin_sent = true;
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
                if conn.sides[from].state == TcpState::FinWait1 && conn.sides[to].fin_acked {
                    conn.sides[from].state = TcpState::FinWait2;
                }
            }
            // The sender acknowledges the other side's FIN while waiting for it.
            if ack_flag && conn.sides[to].fin_sent {
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
        conn.order = Order {
            open: !conn.closed(),
            last_use: clock,
        };
        self.order.insert(conn.order, conn_key);
        let event = if event == TcpEvent::NothingNew && ack_flag && payload_len == 0 {
            // Tell a bare ACK of new data from one that moves nothing.
            let acked_new = conn.sides[to]
                .next
                .is_some_and(|_| ack.is_some_and(|a| a > 0));
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
    /// least recently used closed connection, else the least recently used one). One step of
    /// the ordered map, whatever the table holds.
    fn make_room(&mut self) {
        while self.connections.len() >= self.limit {
            let Some((_, oldest)) = self.order.pop_first() else {
                break;
            };
            self.connections.remove(&oldest);
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
        let syn = t.observe(c, s, &seg(1000, 0, S), 0);
        assert_eq!(
            (syn.seq, syn.event, syn.sender_state),
            (0, TcpEvent::Open, TcpState::SynSent)
        );
        let synack = t.observe(s, c, &seg(9000, 1001, S | A), 0);
        assert_eq!((synack.seq, synack.ack), (0, Some(1)));
        assert_eq!(synack.sender_state, TcpState::SynRecv);
        let ack = t.observe(c, s, &seg(1001, 9001, A), 0);
        assert_eq!(ack.event, TcpEvent::HandshakeDone);
        assert_eq!(
            (ack.sender_state, ack.receiver_state),
            (TcpState::Established, TcpState::Established)
        );
        let data = t.observe(c, s, &seg(1001, 9001, P | A), 5);
        assert_eq!(
            (data.seq, data.ack, data.event),
            (1, Some(1), TcpEvent::Data)
        );
        let echo = t.observe(s, c, &seg(9001, 1006, P | A), 5);
        assert_eq!((echo.seq, echo.ack), (1, Some(6)));
        let fin = t.observe(c, s, &seg(1006, 9006, F | A), 0);
        assert_eq!(fin.event, TcpEvent::Finish);
        assert_eq!(
            (fin.sender_state, fin.receiver_state),
            (TcpState::FinWait1, TcpState::CloseWait)
        );
        let fin2 = t.observe(s, c, &seg(9006, 1007, F | A), 0);
        assert_eq!(fin2.sender_state, TcpState::LastAck);
        assert_eq!(fin2.receiver_state, TcpState::TimeWait);
        let last = t.observe(c, s, &seg(1007, 9007, A), 0);
        assert_eq!(
            (last.sender_state, last.receiver_state),
            (TcpState::TimeWait, TcpState::Close)
        );
    }

    #[test]
    fn repeated_data_is_a_retransmission_and_a_gap_is_out_of_order() {
        let (c, s) = addrs();
        let mut t = Tracker::new();
        t.observe(c, s, &seg(1000, 0, S), 0);
        t.observe(s, c, &seg(9000, 1001, S | A), 0);
        t.observe(c, s, &seg(1001, 9001, A), 0);
        assert_eq!(t.observe(c, s, &seg(1001, 9001, P | A), 10).mark, None);
        assert_eq!(
            t.observe(c, s, &seg(1001, 9001, P | A), 10).mark,
            Some(Mark::Retransmission)
        );
        assert_eq!(
            t.observe(c, s, &seg(1021, 9001, P | A), 10).mark,
            Some(Mark::OutOfOrder)
        );
    }

    #[test]
    fn a_reset_closes_both_sides() {
        let (c, s) = addrs();
        let mut t = Tracker::new();
        t.observe(c, s, &seg(1000, 0, S), 0);
        let rst = t.observe(s, c, &seg(0, 1001, R | A), 0);
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
        let first = t.observe(c, s, &seg(5_000_000, 77, P | A), 3);
        assert_eq!((first.seq, first.role), (0, Role::Unknown));
        assert_eq!(t.observe(c, s, &seg(5_000_003, 77, P | A), 3).seq, 3);
    }

    #[test]
    fn sequence_numbers_wrap_around() {
        let (c, s) = addrs();
        let mut t = Tracker::new();
        t.observe(c, s, &seg(u32::MAX - 1, 0, S), 0);
        t.observe(s, c, &seg(7, u32::MAX, S | A), 0);
        t.observe(c, s, &seg(u32::MAX, 8, A), 0);
        let data = t.observe(c, s, &seg(u32::MAX, 8, P | A), 4);
        assert_eq!((data.seq, data.mark), (1, None));
        let next = t.observe(c, s, &seg(3, 8, P | A), 4);
        assert_eq!((next.seq, next.mark), (5, None));
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
            t.observe(client(i), server, &seg(i, 0, S), 0);
        }
        assert_eq!((t.len(), t.evicted()), (MAX_CONNECTIONS, 0));
        let resets = 2 * MAX_CONNECTIONS as u32;
        for i in syns..syns + resets {
            t.observe(client(i), server, &seg(i, 0, R), 0);
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
            let answer = t.observe(server, client(i), &seg(7, i.wrapping_add(1), S | A), 0);
            assert_eq!(answer.role, Role::Server, "connection {i}");
        }
        let answer = t.observe(server, client(0), &seg(7, 1, S | A), 0);
        assert_eq!(answer.role, Role::Unknown, "connection 0 was forgotten");
    }

    #[test]
    fn the_least_recently_used_open_connection_is_forgotten_first() {
        let mut t = Tracker::with_limit(3);
        let server: SocketAddr = "127.0.0.1:80".parse().expect("addr");
        for i in 0..3 {
            t.observe(client(i), server, &seg(100, 0, S), 0);
        }
        // Connection 0 is used again; 1 is now the least recently used.
        t.observe(server, client(0), &seg(900, 101, S | A), 0);
        t.observe(client(3), server, &seg(100, 0, S), 0);
        assert_eq!((t.len(), t.evicted()), (3, 1));
        let role_of_answer =
            |t: &mut Tracker, i| t.observe(server, client(i), &seg(900, 101, S | A), 0).role;
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
        t.observe(client(0), server, &seg(100, 0, S), 0);
        t.observe(client(1), server, &seg(100, 0, S), 0);
        t.observe(server, client(1), &seg(0, 101, R | A), 0);
        t.observe(client(2), server, &seg(100, 0, S), 0);
        assert_eq!(t.evicted(), 1);
        let answer = t.observe(server, client(0), &seg(900, 101, S | A), 0);
        assert_eq!(answer.role, Role::Server, "the older open connection stays");
    }
}
