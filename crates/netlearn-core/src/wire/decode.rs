//! One captured frame decoded into typed layers: link, IP, and TCP/UDP/ICMP/ARP, with a DNS
//! summary for UDP on port 53 or 5353. Never panics: what cannot be decoded is `Undecodable`.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use etherparse::{EtherType, NetSlice, SlicedPacket, TransportSlice};
use hickory_resolver::proto::op::{Message, MessageType, ResponseCode};

/// The link-layer header type of a capture (the `LINKTYPE_` registry numbers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkType {
    Ethernet,
    /// Linux "cooked" capture v1 (16-byte header; `tcpdump -i any` before libpcap 1.10).
    LinuxSll,
    /// Linux "cooked" capture v2 (20-byte header).
    LinuxSll2,
    /// Raw IP: the frame starts with the IPv4 or IPv6 header.
    Raw,
    Ipv4,
    Ipv6,
}

impl LinkType {
    /// The link type for a `LINKTYPE_` number, `None` for one netlearn does not decode.
    pub fn from_number(number: u32) -> Option<LinkType> {
        Some(match number {
            1 => LinkType::Ethernet,
            113 => LinkType::LinuxSll,
            276 => LinkType::LinuxSll2,
            // 12 and 14 are the DLT_RAW values some systems wrote before LINKTYPE_RAW existed.
            101 | 12 | 14 => LinkType::Raw,
            228 => LinkType::Ipv4,
            229 => LinkType::Ipv6,
            _ => return None,
        })
    }

    pub fn number(self) -> u32 {
        match self {
            LinkType::Ethernet => 1,
            LinkType::LinuxSll => 113,
            LinkType::LinuxSll2 => 276,
            LinkType::Raw => 101,
            LinkType::Ipv4 => 228,
            LinkType::Ipv6 => 229,
        }
    }

    /// The name tcpdump prints ("link-type EN10MB").
    pub fn name(self) -> &'static str {
        match self {
            LinkType::Ethernet => "EN10MB",
            LinkType::LinuxSll => "LINUX_SLL",
            LinkType::LinuxSll2 => "LINUX_SLL2",
            LinkType::Raw => "RAW",
            LinkType::Ipv4 => "IPV4",
            LinkType::Ipv6 => "IPV6",
        }
    }
}

pub type Mac = [u8; 6];

/// What the link layer said: MAC addresses where the header carries them, and the EtherType.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkInfo {
    pub src: Option<Mac>,
    pub dst: Option<Mac>,
    pub ether_type: u16,
}

/// The IP layer of a packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IpInfo {
    pub src: IpAddr,
    pub dst: IpAddr,
    /// TTL (IPv4) or hop limit (IPv6).
    pub ttl: u8,
    /// The packet is a fragment; its transport header may be elsewhere.
    pub fragment: bool,
}

/// TCP flags as the header carries them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TcpFlags(pub u16);

impl TcpFlags {
    pub const FIN: u16 = 0x001;
    pub const SYN: u16 = 0x002;
    pub const RST: u16 = 0x004;
    pub const PSH: u16 = 0x008;
    pub const ACK: u16 = 0x010;
    pub const URG: u16 = 0x020;
    pub const ECE: u16 = 0x040;
    pub const CWR: u16 = 0x080;

    pub fn has(self, flag: u16) -> bool {
        self.0 & flag != 0
    }

    /// The flags set, in the order Wireshark lists them (`[SYN, ACK]`, `[PSH, ACK]`).
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        const ORDER: [(u16, &str); 8] = [
            (TcpFlags::CWR, "CWR"),
            (TcpFlags::ECE, "ECE"),
            (TcpFlags::URG, "URG"),
            (TcpFlags::SYN, "SYN"),
            (TcpFlags::FIN, "FIN"),
            (TcpFlags::RST, "RST"),
            (TcpFlags::PSH, "PSH"),
            (TcpFlags::ACK, "ACK"),
        ];
        ORDER
            .into_iter()
            .filter(move |(bit, _)| self.has(*bit))
            .map(|(_, name)| name)
    }
}

/// The TCP options a learner meets on a handshake.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TcpOptions {
    pub mss: Option<u16>,
    pub window_scale: Option<u8>,
    pub sack_permitted: bool,
    /// SACK blocks carried (selective acknowledgements of data past a gap).
    pub sack_blocks: u8,
    /// Timestamp value and echo reply.
    pub timestamps: Option<(u32, u32)>,
}

/// A TCP segment's header fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TcpSegment {
    pub src_port: u16,
    pub dst_port: u16,
    pub seq: u32,
    pub ack: u32,
    pub flags: TcpFlags,
    pub window: u16,
    pub options: TcpOptions,
}

/// Up to 32 payload bytes kept for a preview, without allocating per packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preview {
    bytes: [u8; Preview::MAX],
    len: u8,
}

impl Preview {
    pub const MAX: usize = 32;

    pub fn of(payload: &[u8]) -> Preview {
        let len = payload.len().min(Preview::MAX);
        let mut bytes = [0; Preview::MAX];
        bytes[..len].copy_from_slice(&payload[..len]);
        Preview {
            bytes,
            len: len as u8,
        }
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }
}

/// A UDP datagram's ports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UdpDatagram {
    pub src_port: u16,
    pub dst_port: u16,
}

/// A DNS message carried in a UDP datagram, summarised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DnsSummary {
    pub id: u16,
    pub response: bool,
    /// The response code.
    pub rcode: ResponseCode,
    /// Each question: name and record type. Names came from the network: escape them.
    pub questions: Vec<(String, String)>,
    /// Each answer: name, type and data as text.
    pub answers: Vec<(String, String, String)>,
}

/// The transport header an ICMP error quotes: which packet it is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quoted {
    /// The IP protocol number of the quoted packet (6 TCP, 17 UDP).
    pub protocol: u8,
    pub src: SocketAddr,
    pub dst: SocketAddr,
}

/// An ICMP or ICMPv6 message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IcmpMessage {
    pub kind: u8,
    pub code: u8,
    /// Identifier and sequence number of an echo request or reply.
    pub echo: Option<(u16, u16)>,
    /// For errors (unreachable, time exceeded): the packet it reports on.
    pub quoted: Option<Quoted>,
}

/// ARP operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArpOp {
    Request,
    Reply,
    Other(u16),
}

/// An ARP message for IPv4 over Ethernet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArpMessage {
    pub op: ArpOp,
    pub sender_mac: Option<Mac>,
    pub sender_ip: Option<Ipv4Addr>,
    pub target_mac: Option<Mac>,
    pub target_ip: Option<Ipv4Addr>,
}

/// What a frame carries, as far as it could be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    Tcp {
        ip: IpInfo,
        tcp: TcpSegment,
        payload_len: usize,
        preview: Preview,
    },
    Udp {
        ip: IpInfo,
        udp: UdpDatagram,
        payload_len: usize,
        preview: Preview,
        dns: Option<Box<DnsSummary>>,
    },
    Icmp {
        ip: IpInfo,
        icmp: IcmpMessage,
        payload_len: usize,
    },
    Icmpv6 {
        ip: IpInfo,
        icmp: IcmpMessage,
        payload_len: usize,
    },
    Arp(ArpMessage),
    /// IP with a transport netlearn does not decode (or a fragment without its header).
    OtherIp {
        ip: IpInfo,
        protocol: u8,
        payload_len: usize,
    },
    /// A link-layer frame whose EtherType netlearn does not decode.
    OtherLink {
        ether_type: u16,
        len: usize,
    },
    /// The bytes do not form the headers they claim; `reason` says which and why.
    Undecodable {
        reason: Undecodable,
    },
}

/// The link-layer headers a frame can be too short for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkHeader {
    Ethernet,
    LinuxSll,
    LinuxSll2,
}

impl LinkHeader {
    /// The header's length in bytes.
    pub fn size(self) -> usize {
        match self {
            LinkHeader::Ethernet => 14,
            LinkHeader::LinuxSll => 16,
            LinkHeader::LinuxSll2 => 20,
        }
    }
}

/// What etherparse finds wrong with a frame's headers: `Len` when the frame is cut short.
pub use etherparse::err::packet::SliceError;

/// Why a frame could not be decoded (worded by the capture view: `app::wire::words`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Undecodable {
    /// The frame is shorter than its link-layer header.
    ShortLinkHeader {
        header: LinkHeader,
        frame_len: usize,
    },
    /// A raw IP frame whose version nibble is neither 4 nor 6.
    RawIpVersion(u8),
    EmptyRawIp,
    /// etherparse found the headers wrong (the view shows its own description).
    Headers(SliceError),
}

/// One decoded frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Packet {
    pub link: Option<LinkInfo>,
    pub body: Body,
}

impl Packet {
    /// The IP layer, when there is one.
    pub fn ip(&self) -> Option<&IpInfo> {
        match &self.body {
            Body::Tcp { ip, .. }
            | Body::Udp { ip, .. }
            | Body::Icmp { ip, .. }
            | Body::Icmpv6 { ip, .. }
            | Body::OtherIp { ip, .. } => Some(ip),
            _ => None,
        }
    }

    /// Source and destination ports (TCP and UDP).
    pub fn ports(&self) -> Option<(u16, u16)> {
        match &self.body {
            Body::Tcp { tcp, .. } => Some((tcp.src_port, tcp.dst_port)),
            Body::Udp { udp, .. } => Some((udp.src_port, udp.dst_port)),
            _ => None,
        }
    }

    /// True when either end uses `port`; an ICMP error about such a packet counts too.
    pub fn involves_port(&self, port: u16) -> bool {
        if let Some((src, dst)) = self.ports() {
            return src == port || dst == port;
        }
        match &self.body {
            Body::Icmp { icmp, .. } | Body::Icmpv6 { icmp, .. } => icmp
                .quoted
                .is_some_and(|q| q.src.port() == port || q.dst.port() == port),
            _ => false,
        }
    }

    /// True when either end is `host` (ARP's sender and target included).
    pub fn involves_host(&self, host: IpAddr) -> bool {
        if let Some(ip) = self.ip() {
            return ip.src == host || ip.dst == host;
        }
        match &self.body {
            Body::Arp(arp) => [arp.sender_ip, arp.target_ip]
                .into_iter()
                .flatten()
                .any(|addr| IpAddr::V4(addr) == host),
            _ => false,
        }
    }
}

fn mac(bytes: &[u8]) -> Option<Mac> {
    bytes.try_into().ok()
}

fn be16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn undecodable(reason: Undecodable) -> Packet {
    Packet {
        link: None,
        body: Body::Undecodable { reason },
    }
}

/// The frame when it holds `header` whole; otherwise why it cannot be decoded.
fn holding(frame: &[u8], header: LinkHeader) -> Result<&[u8], Undecodable> {
    if frame.len() < header.size() {
        return Err(Undecodable::ShortLinkHeader {
            header,
            frame_len: frame.len(),
        });
    }
    Ok(frame)
}

/// Decodes one captured frame of `link` type.
pub fn decode(link: LinkType, frame: &[u8]) -> Packet {
    let (info, ether_type, rest) = match link {
        LinkType::Ethernet => {
            let frame = match holding(frame, LinkHeader::Ethernet) {
                Ok(frame) => frame,
                Err(reason) => return undecodable(reason),
            };
            let ether_type = be16(frame, 12).unwrap_or(0);
            let info = LinkInfo {
                dst: mac(&frame[0..6]),
                src: mac(&frame[6..12]),
                ether_type,
            };
            (Some(info), ether_type, &frame[14..])
        }
        LinkType::LinuxSll => {
            let frame = match holding(frame, LinkHeader::LinuxSll) {
                Ok(frame) => frame,
                Err(reason) => return undecodable(reason),
            };
            let addr_len = usize::from(be16(frame, 4).unwrap_or(0)).min(8);
            let ether_type = be16(frame, 14).unwrap_or(0);
            let info = LinkInfo {
                src: mac(&frame[6..6 + addr_len]),
                dst: None,
                ether_type,
            };
            (Some(info), ether_type, &frame[16..])
        }
        LinkType::LinuxSll2 => {
            let frame = match holding(frame, LinkHeader::LinuxSll2) {
                Ok(frame) => frame,
                Err(reason) => return undecodable(reason),
            };
            let ether_type = be16(frame, 0).unwrap_or(0);
            let addr_len = usize::from(frame[11]).min(8);
            let info = LinkInfo {
                src: mac(&frame[12..12 + addr_len]),
                dst: None,
                ether_type,
            };
            (Some(info), ether_type, &frame[20..])
        }
        LinkType::Raw => match frame.first().map(|b| b >> 4) {
            Some(4) => (None, 0x0800, frame),
            Some(6) => (None, 0x86dd, frame),
            Some(version) => {
                return undecodable(Undecodable::RawIpVersion(version));
            }
            None => return undecodable(Undecodable::EmptyRawIp),
        },
        LinkType::Ipv4 => (None, 0x0800, frame),
        LinkType::Ipv6 => (None, 0x86dd, frame),
    };
    let body = decode_ether_payload(ether_type, rest);
    Packet { link: info, body }
}

/// EtherTypes below 0x0600 are 802.3 lengths; netlearn reports them as other link traffic.
fn decode_ether_payload(ether_type: u16, data: &[u8]) -> Body {
    let known = matches!(
        ether_type,
        0x0800 | 0x86dd | 0x0806 | 0x8100 | 0x88a8 | 0x9100
    );
    if !known {
        return Body::OtherLink {
            ether_type,
            len: data.len(),
        };
    }
    let sliced = match SlicedPacket::from_ether_type(EtherType(ether_type), data) {
        Ok(sliced) => sliced,
        Err(error) => {
            return Body::Undecodable {
                reason: Undecodable::Headers(error),
            };
        }
    };
    let (ip, protocol, ip_payload_len) = match &sliced.net {
        Some(NetSlice::Ipv4(v4)) => {
            let header = v4.header();
            (
                IpInfo {
                    src: IpAddr::V4(header.source_addr()),
                    dst: IpAddr::V4(header.destination_addr()),
                    ttl: header.ttl(),
                    fragment: v4.is_payload_fragmented(),
                },
                v4.payload().ip_number.0,
                v4.payload().payload.len(),
            )
        }
        Some(NetSlice::Ipv6(v6)) => {
            let header = v6.header();
            (
                IpInfo {
                    src: IpAddr::V6(header.source_addr()),
                    dst: IpAddr::V6(header.destination_addr()),
                    ttl: header.hop_limit(),
                    fragment: v6.is_payload_fragmented(),
                },
                v6.payload().ip_number.0,
                v6.payload().payload.len(),
            )
        }
        Some(NetSlice::Arp(arp)) => return Body::Arp(arp_message(arp)),
        None => {
            return Body::OtherLink {
                ether_type,
                len: data.len(),
            };
        }
    };
    match &sliced.transport {
        Some(TransportSlice::Tcp(tcp)) => {
            let payload = tcp.payload();
            Body::Tcp {
                ip,
                tcp: TcpSegment {
                    src_port: tcp.source_port(),
                    dst_port: tcp.destination_port(),
                    seq: tcp.sequence_number(),
                    ack: tcp.acknowledgment_number(),
                    flags: TcpFlags(tcp_flag_bits(tcp.header_slice())),
                    window: tcp.window_size(),
                    options: tcp_options(tcp.options()),
                },
                payload_len: payload.len(),
                preview: Preview::of(payload),
            }
        }
        Some(TransportSlice::Udp(udp)) => {
            let payload = udp.payload();
            let (src_port, dst_port) = (udp.source_port(), udp.destination_port());
            let dns = [53, 5353]
                .iter()
                .any(|p| *p == src_port || *p == dst_port)
                .then(|| dns_summary(payload))
                .flatten()
                .map(Box::new);
            Body::Udp {
                ip,
                udp: UdpDatagram { src_port, dst_port },
                payload_len: payload.len(),
                preview: Preview::of(payload),
                dns,
            }
        }
        Some(TransportSlice::Icmpv4(icmp)) => Body::Icmp {
            ip,
            icmp: icmp_message(icmp.type_u8(), icmp.code_u8(), icmp.slice(), false),
            payload_len: icmp.payload().len(),
        },
        Some(TransportSlice::Icmpv6(icmp)) => Body::Icmpv6 {
            ip,
            icmp: icmp_message(icmp.type_u8(), icmp.code_u8(), icmp.slice(), true),
            payload_len: icmp.payload().len(),
        },
        _ => Body::OtherIp {
            ip,
            protocol,
            payload_len: ip_payload_len,
        },
    }
}

/// The flag bits of a TCP header: byte 13, plus NS from byte 12 shifted above CWR.
fn tcp_flag_bits(header: &[u8]) -> u16 {
    let low = header.get(13).copied().map(u16::from).unwrap_or(0);
    let ns = header.get(12).map(|b| u16::from(b & 1) << 8).unwrap_or(0);
    low | ns
}

fn tcp_options(mut bytes: &[u8]) -> TcpOptions {
    let mut options = TcpOptions::default();
    // Each step consumes at least one byte, so this ends within 40 steps.
    while let Some((&kind, rest)) = bytes.split_first() {
        match kind {
            0 => break,
            1 => {
                bytes = rest;
                continue;
            }
            _ => {}
        }
        let Some(&len) = rest.first() else { break };
        let len = usize::from(len);
        if len < 2 || len > bytes.len() {
            break;
        }
        let data = &bytes[2..len];
        match (kind, data.len()) {
            (2, 2) => options.mss = Some(u16::from_be_bytes([data[0], data[1]])),
            (3, 1) => options.window_scale = Some(data[0]),
            (4, 0) => options.sack_permitted = true,
            (5, n) => options.sack_blocks = (n / 8) as u8,
            (8, 8) => {
                let value = u32::from_be_bytes([data[0], data[1], data[2], data[3]]);
                let echo = u32::from_be_bytes([data[4], data[5], data[6], data[7]]);
                options.timestamps = Some((value, echo));
            }
            _ => {}
        }
        bytes = &bytes[len..];
    }
    options
}

fn arp_message(arp: &etherparse::ArpPacketSlice<'_>) -> ArpMessage {
    let ipv4 = |bytes: &[u8]| -> Option<Ipv4Addr> {
        let octets: [u8; 4] = bytes.try_into().ok()?;
        Some(Ipv4Addr::from(octets))
    };
    ArpMessage {
        op: match arp.operation().0 {
            1 => ArpOp::Request,
            2 => ArpOp::Reply,
            other => ArpOp::Other(other),
        },
        sender_mac: mac(arp.sender_hw_addr()),
        sender_ip: ipv4(arp.sender_protocol_addr()),
        target_mac: mac(arp.target_hw_addr()),
        target_ip: ipv4(arp.target_protocol_addr()),
    }
}

/// `message` is the whole ICMP message: 8 header bytes, then (for errors) the quoted packet.
fn icmp_message(kind: u8, code: u8, message: &[u8], v6: bool) -> IcmpMessage {
    let (echo_request, echo_reply, errors): (u8, u8, &[u8]) = if v6 {
        (128, 129, &[1, 2, 3, 4])
    } else {
        (8, 0, &[3, 11, 12])
    };
    let echo = (kind == echo_request || kind == echo_reply)
        .then(|| Some((be16(message, 4)?, be16(message, 6)?)))
        .flatten();
    let quoted = errors
        .contains(&kind)
        .then(|| quoted(message.get(8..)?))
        .flatten();
    IcmpMessage {
        kind,
        code,
        echo,
        quoted,
    }
}

/// The ports of the packet an ICMP error quotes (its IP header and first 8 transport bytes).
fn quoted(inner: &[u8]) -> Option<Quoted> {
    let (src, dst, protocol, transport) = match inner.first()? >> 4 {
        4 => {
            let header_len = usize::from(inner[0] & 0x0f) * 4;
            if header_len < 20 {
                return None;
            }
            let src: [u8; 4] = inner.get(12..16)?.try_into().ok()?;
            let dst: [u8; 4] = inner.get(16..20)?.try_into().ok()?;
            (
                IpAddr::V4(Ipv4Addr::from(src)),
                IpAddr::V4(Ipv4Addr::from(dst)),
                *inner.get(9)?,
                inner.get(header_len..)?,
            )
        }
        6 => {
            let src: [u8; 16] = inner.get(8..24)?.try_into().ok()?;
            let dst: [u8; 16] = inner.get(24..40)?.try_into().ok()?;
            (
                IpAddr::V6(Ipv6Addr::from(src)),
                IpAddr::V6(Ipv6Addr::from(dst)),
                *inner.get(6)?,
                inner.get(40..)?,
            )
        }
        _ => return None,
    };
    if protocol != 6 && protocol != 17 {
        return None;
    }
    Some(Quoted {
        protocol,
        src: SocketAddr::new(src, be16(transport, 0)?),
        dst: SocketAddr::new(dst, be16(transport, 2)?),
    })
}

/// At most this many questions and answers are kept: a datagram may claim thousands.
const DNS_MAX_RECORDS: usize = 8;

fn dns_summary(payload: &[u8]) -> Option<DnsSummary> {
    let message = Message::from_vec(payload).ok()?;
    let questions = message
        .queries
        .iter()
        .take(DNS_MAX_RECORDS)
        .map(|q| (q.name().to_string(), q.query_type().to_string()))
        .collect();
    let answers = message
        .answers
        .iter()
        .take(DNS_MAX_RECORDS)
        .map(|record| {
            (
                record.name.to_string(),
                record.record_type().to_string(),
                record.data.to_string(),
            )
        })
        .collect();
    Some(DnsSummary {
        id: message.metadata.id,
        response: message.metadata.message_type == MessageType::Response,
        rcode: message.metadata.response_code,
        questions,
        answers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use etherparse::PacketBuilder;

    fn tcp_frame(
        flags: impl Fn(
            etherparse::PacketBuilderStep<etherparse::TcpHeader>,
        ) -> etherparse::PacketBuilderStep<etherparse::TcpHeader>,
        payload: &[u8],
    ) -> Vec<u8> {
        let builder = PacketBuilder::ethernet2([1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12])
            .ipv4([127, 0, 0, 1], [127, 0, 0, 1], 64)
            .tcp(50312, 5008, 1000, 65495);
        let builder = flags(builder);
        let mut out = Vec::new();
        builder.write(&mut out, payload).expect("write");
        out
    }

    #[test]
    fn decodes_a_syn_with_its_fields() {
        let frame = tcp_frame(|b| b.syn(), b"");
        let packet = decode(LinkType::Ethernet, &frame);
        let Body::Tcp {
            ip,
            tcp,
            payload_len,
            ..
        } = packet.body
        else {
            panic!("not TCP: {packet:?}");
        };
        assert_eq!(ip.src, IpAddr::V4(Ipv4Addr::LOCALHOST));
        assert_eq!(ip.ttl, 64);
        assert_eq!((tcp.src_port, tcp.dst_port, tcp.seq), (50312, 5008, 1000));
        assert_eq!(tcp.flags.names().collect::<Vec<_>>(), ["SYN"]);
        assert_eq!(payload_len, 0);
        let link = packet.link.expect("link");
        assert_eq!(link.ether_type, 0x0800);
        assert_eq!(link.src, Some([1, 2, 3, 4, 5, 6]));
    }

    #[test]
    fn flags_are_named_in_wireshark_order() {
        let frame = tcp_frame(|b| b.psh().ack(1), b"hello");
        let packet = decode(LinkType::Ethernet, &frame);
        let Body::Tcp {
            tcp,
            payload_len,
            preview,
            ..
        } = packet.body
        else {
            panic!("not TCP");
        };
        assert_eq!(tcp.flags.names().collect::<Vec<_>>(), ["PSH", "ACK"]);
        assert_eq!(payload_len, 5);
        assert_eq!(preview.bytes(), b"hello");
    }

    #[test]
    fn raw_ip_and_cooked_headers_decode_the_same_packet() {
        let frame = tcp_frame(|b| b.fin().ack(7), b"");
        let ip_part = &frame[14..];
        let raw = decode(LinkType::Raw, ip_part);
        let mut sll = vec![0, 0, 0, 772, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 8, 0]
            .into_iter()
            .map(|v: u16| v as u8)
            .collect::<Vec<u8>>();
        sll.extend_from_slice(ip_part);
        let cooked = decode(LinkType::LinuxSll, &sll);
        assert_eq!(raw.body, cooked.body);
        assert!(matches!(raw.body, Body::Tcp { .. }));
    }

    #[test]
    fn truncated_and_garbage_frames_are_marked_not_panicked() {
        let frame = tcp_frame(|b| b.syn(), b"");
        for cut in 0..frame.len() {
            let packet = decode(LinkType::Ethernet, &frame[..cut]);
            if cut < frame.len() {
                assert!(
                    !matches!(packet.body, Body::Tcp { .. }),
                    "a frame cut at {cut} bytes decoded as whole TCP"
                );
            }
        }
        let packet = decode(LinkType::Raw, &[0x45, 0, 0, 0xff]);
        assert!(matches!(packet.body, Body::Undecodable { .. }));
    }

    #[test]
    fn icmp_port_unreachable_names_the_quoted_udp_ports() {
        // The UDP datagram that was refused, then the ICMP error quoting it.
        let mut udp = Vec::new();
        PacketBuilder::ipv4([127, 0, 0, 1], [127, 0, 0, 1], 64)
            .udp(40000, 9)
            .write(&mut udp, b"hi")
            .expect("udp");
        let mut icmp = Vec::new();
        PacketBuilder::ipv4([127, 0, 0, 1], [127, 0, 0, 1], 64)
            .icmpv4(etherparse::Icmpv4Type::DestinationUnreachable(
                etherparse::icmpv4::DestUnreachableHeader::Port,
            ))
            .write(&mut icmp, &udp)
            .expect("icmp");
        let packet = decode(LinkType::Raw, &icmp);
        let Body::Icmp { icmp, .. } = packet.body else {
            panic!("not ICMP: {packet:?}");
        };
        assert_eq!((icmp.kind, icmp.code), (3, 3));
        let quoted = icmp.quoted.expect("quoted");
        assert_eq!((quoted.protocol, quoted.dst.port()), (17, 9));
        assert!(packet_involves(&icmp, 9));
    }

    fn packet_involves(icmp: &IcmpMessage, port: u16) -> bool {
        Packet {
            link: None,
            body: Body::Icmp {
                ip: IpInfo {
                    src: IpAddr::V4(Ipv4Addr::LOCALHOST),
                    dst: IpAddr::V4(Ipv4Addr::LOCALHOST),
                    ttl: 64,
                    fragment: false,
                },
                icmp: *icmp,
                payload_len: 0,
            },
        }
        .involves_port(port)
    }

    #[test]
    fn tcp_options_of_a_linux_syn() {
        // MSS 65495, SACK permitted, timestamps, NOP, window scale 7.
        let bytes = [
            2, 4, 0xff, 0xd7, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7,
        ];
        let options = tcp_options(&bytes);
        assert_eq!(options.mss, Some(65495));
        assert!(options.sack_permitted);
        assert_eq!(options.timestamps, Some((1, 0)));
        assert_eq!(options.window_scale, Some(7));
        // A length that runs past the end stops the walk rather than reading beyond it.
        assert_eq!(tcp_options(&[2, 40, 1]), TcpOptions::default());
    }

    #[test]
    fn dns_query_is_summarised() {
        let mut message = Message::query();
        message.metadata.id = 0x1234;
        message.add_query(hickory_resolver::proto::op::Query::query(
            "example.com.".parse().expect("name"),
            hickory_resolver::proto::rr::RecordType::A,
        ));
        let bytes = message.to_vec().expect("encode");
        let summary = dns_summary(&bytes).expect("summary");
        assert_eq!(summary.id, 0x1234);
        assert!(!summary.response);
        assert_eq!(summary.questions, [("example.com.".into(), "A".into())]);
    }
}
