//! The few rtnetlink requests a lab needs (veth pairs, a bridge, addresses, routes, links
//! up, forgetting a neighbour), sent synchronously on a socket made inside one namespace.

use std::ffi::CString;
use std::io;
use std::net::IpAddr;

use netlink_packet_core::{
    DefaultNla, NLM_F_ACK, NLM_F_CREATE, NLM_F_EXCL, NLM_F_REQUEST, NetlinkHeader, NetlinkMessage,
    NetlinkPayload,
};
use netlink_packet_route::address::{AddressAttribute, AddressFlags, AddressMessage};
use netlink_packet_route::link::{
    InfoData, InfoKind, InfoVeth, LinkAttribute, LinkFlags, LinkInfo, LinkMessage, State,
};
use netlink_packet_route::neighbour::{NeighbourAddress, NeighbourAttribute, NeighbourMessage};
use netlink_packet_route::route::{
    RouteAddress, RouteAttribute, RouteHeader, RouteMessage, RouteProtocol, RouteScope, RouteType,
};
use netlink_packet_route::tc::{TcAttribute, TcHandle, TcMessage, TcOption};
use netlink_packet_route::{AddressFamily, RouteNetlinkMessage};
use netlink_sys::{Socket, SocketAddr, protocols::NETLINK_ROUTE};

/// A MAC address.
pub type Mac = [u8; 6];

/// One end of a veth pair.
#[derive(Clone, Copy, Debug)]
pub struct VethEnd<'a> {
    pub name: &'a str,
    pub mac: Mac,
    /// The interface index to ask for (0: the kernel's choice).
    pub index: u32,
}

/// An rtnetlink socket of the namespace it was made in.
pub struct Netlink {
    socket: Socket,
    sequence: u32,
    buffer: Vec<u8>,
}

fn family(ip: IpAddr) -> AddressFamily {
    match ip {
        IpAddr::V4(_) => AddressFamily::Inet,
        IpAddr::V6(_) => AddressFamily::Inet6,
    }
}

/// The index of interface `name` in the calling thread's namespace.
pub fn index_of(name: &str) -> io::Result<u32> {
    let c_name = CString::new(name).map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))?;
    // SAFETY: if_nametoindex reads a NUL-terminated string and returns 0 when unknown.
    match unsafe { libc::if_nametoindex(c_name.as_ptr()) } {
        0 => Err(io::Error::last_os_error()),
        index => Ok(index),
    }
}

impl Netlink {
    /// Opens a socket in the calling thread's namespace.
    pub fn open() -> io::Result<Netlink> {
        let mut socket = Socket::new(NETLINK_ROUTE)?;
        socket.bind_auto()?;
        socket.connect(&SocketAddr::new(0, 0))?;
        Ok(Netlink {
            socket,
            sequence: 0,
            buffer: vec![0; 16 * 1024],
        })
    }

    /// Sends one request and waits for the kernel's acknowledgement (or its refusal, as the
    /// errno the kernel gave: EEXIST, ENETUNREACH, ...).
    fn request(&mut self, message: RouteNetlinkMessage, create: bool) -> io::Result<()> {
        self.exchange(message, create).map(drop)
    }

    /// Sends one request; the kernel's answer to it (a GET's reply) if it sent one before its
    /// acknowledgement, or its refusal as the errno.
    fn exchange(
        &mut self,
        message: RouteNetlinkMessage,
        create: bool,
    ) -> io::Result<Option<RouteNetlinkMessage>> {
        self.sequence += 1;
        let mut header = NetlinkHeader::default();
        header.flags = NLM_F_REQUEST | NLM_F_ACK;
        if create {
            header.flags |= NLM_F_CREATE | NLM_F_EXCL;
        }
        header.sequence_number = self.sequence;
        let mut packet = NetlinkMessage::new(header, NetlinkPayload::from(message));
        packet.finalize();
        let mut bytes = vec![0; packet.buffer_len()];
        packet.serialize(&mut bytes);
        self.socket.send(&bytes, 0)?;
        let mut answer = None;
        // Bounded: the kernel answers every request with one acknowledgement.
        for _ in 0..64 {
            let len = self.socket.recv(&mut &mut self.buffer[..], 0)?;
            let mut offset = 0;
            while offset < len {
                let reply =
                    NetlinkMessage::<RouteNetlinkMessage>::deserialize(&self.buffer[offset..len])
                        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
                let reply_len = reply.header.length as usize;
                if reply.header.sequence_number == self.sequence {
                    match reply.payload {
                        NetlinkPayload::Error(error) => {
                            return match error.code {
                                None => Ok(answer),
                                Some(code) => Err(io::Error::from_raw_os_error(-code.get())),
                            };
                        }
                        NetlinkPayload::InnerMessage(inner) => answer = Some(inner),
                        _ => {}
                    }
                }
                if reply_len == 0 {
                    break;
                }
                offset += reply_len;
            }
        }
        // The kernel acknowledges every request; 64 messages without it is a kernel that
        // does not answer, which the step that asked words.
        Err(io::Error::from(io::ErrorKind::TimedOut))
    }

    /// A veth pair: `name` here, `peer` in the namespace `peer_ns` (a descriptor), with the
    /// interface indexes given (distinct across the lab: see `Lab::build`).
    pub fn add_veth(&mut self, end: VethEnd, peer: VethEnd, peer_ns: i32) -> io::Result<()> {
        let mut peer_message = LinkMessage::default();
        peer_message.header.index = peer.index;
        peer_message.attributes = vec![
            LinkAttribute::IfName(peer.name.to_string()),
            LinkAttribute::Address(peer.mac.to_vec()),
            LinkAttribute::NetNsFd(peer_ns),
        ];
        let mut message = LinkMessage::default();
        message.header.index = end.index;
        message.attributes = vec![
            LinkAttribute::IfName(end.name.to_string()),
            LinkAttribute::Address(end.mac.to_vec()),
            LinkAttribute::LinkInfo(vec![
                LinkInfo::Kind(InfoKind::Veth),
                LinkInfo::Data(InfoData::Veth(InfoVeth::Peer(peer_message))),
            ]),
        ];
        self.request(RouteNetlinkMessage::NewLink(message), true)
    }

    /// A bridge (a switch inside the namespace).
    pub fn add_bridge(&mut self, name: &str, mac: Mac) -> io::Result<()> {
        let mut message = LinkMessage::default();
        message.attributes = vec![
            LinkAttribute::IfName(name.to_string()),
            LinkAttribute::Address(mac.to_vec()),
            LinkAttribute::LinkInfo(vec![LinkInfo::Kind(InfoKind::Bridge)]),
        ];
        self.request(RouteNetlinkMessage::NewLink(message), true)
    }

    /// Makes `port` a port of the bridge `bridge`.
    pub fn set_master(&mut self, port: &str, bridge: &str) -> io::Result<()> {
        let mut message = LinkMessage::default();
        message.header.index = index_of(port)?;
        message.attributes = vec![LinkAttribute::Controller(index_of(bridge)?)];
        self.request(RouteNetlinkMessage::SetLink(message), false)
    }

    /// `ip link set NAME up`.
    pub fn link_up(&mut self, name: &str) -> io::Result<()> {
        let mut message = LinkMessage::default();
        message.header.index = index_of(name)?;
        message.header.flags = LinkFlags::Up;
        message.header.change_mask = LinkFlags::Up;
        self.request(RouteNetlinkMessage::SetLink(message), false)
    }

    /// Whether the kernel's link worker has seen interface `name` come up with its carrier
    /// (operational state UP). IFF_RUNNING is not enough: a new interface's state is
    /// "unknown", which counts as running, until that worker runs, and until then its
    /// transmit queue drops every frame.
    pub fn oper_up(&mut self, name: &str) -> io::Result<bool> {
        let mut message = LinkMessage::default();
        message.header.index = index_of(name)?;
        let answer = self.exchange(RouteNetlinkMessage::GetLink(message), false)?;
        let Some(RouteNetlinkMessage::NewLink(link)) = answer else {
            return Err(io::Error::from(io::ErrorKind::InvalidData));
        };
        Ok(link
            .attributes
            .iter()
            .any(|attribute| matches!(attribute, LinkAttribute::OperState(State::Up))))
    }

    /// `ip addr add ADDR/PREFIX dev NAME` (IPv6 without duplicate address detection, so
    /// the address is usable at once).
    pub fn add_address(&mut self, name: &str, address: IpAddr, prefix: u8) -> io::Result<()> {
        let mut message = AddressMessage::default();
        message.header.family = family(address);
        message.header.prefix_len = prefix;
        message.header.index = index_of(name)?;
        message.attributes.push(AddressAttribute::Local(address));
        message.attributes.push(AddressAttribute::Address(address));
        if address.is_ipv6() {
            message
                .attributes
                .push(AddressAttribute::Flags(AddressFlags::Nodad));
        }
        self.request(RouteNetlinkMessage::NewAddress(message), true)
    }

    /// `ip route add default via GATEWAY`.
    pub fn add_default_route(&mut self, gateway: IpAddr) -> io::Result<()> {
        let mut message = RouteMessage::default();
        message.header.address_family = family(gateway);
        message.header.table = RouteHeader::RT_TABLE_MAIN;
        message.header.protocol = RouteProtocol::Static;
        message.header.scope = RouteScope::Universe;
        message.header.kind = RouteType::Unicast;
        message
            .attributes
            .push(RouteAttribute::Gateway(match gateway {
                IpAddr::V4(v4) => RouteAddress::Inet(v4),
                IpAddr::V6(v6) => RouteAddress::Inet6(v6),
            }));
        self.request(RouteNetlinkMessage::NewRoute(message), true)
    }

    /// `ip neigh del ADDR dev NAME`: the next packet to ADDR asks ARP again.
    pub fn forget_neighbour(&mut self, name: &str, address: IpAddr) -> io::Result<()> {
        let mut message = NeighbourMessage::default();
        message.header.family = family(address);
        message.header.ifindex = index_of(name)?;
        message
            .attributes
            .push(NeighbourAttribute::Destination(match address {
                IpAddr::V4(v4) => NeighbourAddress::Inet(v4),
                IpAddr::V6(v6) => NeighbourAddress::Inet6(v6),
            }));
        self.request(RouteNetlinkMessage::DelNeighbour(message), false)
    }

    /// `ip link set NAME gso_max_segs 1`: the kernel's TCP hands this interface one segment
    /// at a time rather than 64 KiB to cut up later, so what sees each packet on the way out
    /// (a random drop, a rate) sees each frame the wire carries.
    pub fn one_segment_at_a_time(&mut self, name: &str) -> io::Result<()> {
        let mut message = LinkMessage::default();
        message.header.index = index_of(name)?;
        message.attributes = vec![LinkAttribute::GsoMaxSegs(1)];
        self.request(RouteNetlinkMessage::SetLink(message), false)
    }

    /// `ip link del NAME` (a veth end takes its peer with it).
    pub fn delete_link(&mut self, name: &str) -> io::Result<()> {
        let mut message = LinkMessage::default();
        message.header.index = index_of(name)?;
        self.request(RouteNetlinkMessage::DelLink(message), false)
    }

    /// `tc qdisc add dev NAME root tbf rate RATE burst BURST limit LIMIT` (or under `parent`,
    /// a classful qdisc's class, instead of the root), as iproute2's q_tbf.c asks for it:
    /// TCA_TBF_PARMS with the rate in bytes per second (all ones when it does not fit in 32
    /// bits, then TCA_TBF_RATE64 holds it), the bucket as TCA_TBF_BURST in bytes, the queue's
    /// limit in bytes. The rate table iproute2 also sends is only read by the kernel for a
    /// link layer it is not told; this one says Ethernet.
    pub fn add_tbf(&mut self, name: &str, parent: Option<TcHandle>, tbf: Tbf) -> io::Result<()> {
        let bytes_per_second = tbf.bits_per_second / 8;
        let mut parms = Vec::with_capacity(TC_TBF_QOPT_LEN);
        // struct tc_ratespec rate: cell_log, linklayer, overhead, cell_align, mpu, rate.
        parms.push(0u8);
        parms.push(TC_LINKLAYER_ETHERNET);
        parms.extend_from_slice(&0u16.to_ne_bytes());
        parms.extend_from_slice(&0i16.to_ne_bytes());
        parms.extend_from_slice(&0u16.to_ne_bytes());
        parms.extend_from_slice(
            &u32::try_from(bytes_per_second)
                .unwrap_or(u32::MAX)
                .to_ne_bytes(),
        );
        // struct tc_ratespec peakrate: none.
        parms.extend_from_slice(&[0; 12]);
        // limit (bytes), buffer (the bucket as the time it takes at the rate, in ticks of
        // 64 ns), mtu (for the peak rate: unused).
        parms.extend_from_slice(&tbf.limit_bytes.to_ne_bytes());
        let bucket_ns =
            u128::from(tbf.burst_bytes) * 1_000_000_000 / u128::from(bytes_per_second.max(1));
        let ticks = u32::try_from(bucket_ns >> PSCHED_SHIFT).unwrap_or(u32::MAX);
        parms.extend_from_slice(&ticks.to_ne_bytes());
        parms.extend_from_slice(&0u32.to_ne_bytes());
        let mut options = vec![TcOption::Other(DefaultNla::new(TCA_TBF_PARMS, parms))];
        if bytes_per_second >= 1 << 32 {
            options.push(TcOption::Other(DefaultNla::new(
                TCA_TBF_RATE64,
                bytes_per_second.to_ne_bytes().to_vec(),
            )));
        }
        options.push(TcOption::Other(DefaultNla::new(
            TCA_TBF_BURST,
            tbf.burst_bytes.to_ne_bytes().to_vec(),
        )));
        let message = qdisc(
            index_of(name)?,
            TcHandle {
                major: TBF_HANDLE,
                minor: 0,
            },
            parent.unwrap_or(TcHandle::ROOT),
            vec![
                TcAttribute::Kind("tbf".to_string()),
                TcAttribute::Options(options),
            ],
        );
        self.request(RouteNetlinkMessage::NewQueueDiscipline(message), true)
    }

    /// `tc qdisc add dev NAME root handle 1: netem delay DELAY limit PACKETS`, byte for byte as
    /// iproute2's q_netem.c asks for it: TCA_OPTIONS holds struct tc_netem_qopt, the delay in
    /// ticks of 64 ns, followed by TCA_NETEM_LATENCY64 (nanoseconds) only for a delay too long
    /// for those 32 bits. A kernel without netem answers ENOENT ("Specified qdisc kind is
    /// unknown").
    pub fn add_netem_delay(
        &mut self,
        name: &str,
        delay: std::time::Duration,
        limit_packets: u32,
    ) -> io::Result<()> {
        let message = netem_message(index_of(name)?, delay, limit_packets);
        self.request(RouteNetlinkMessage::NewQueueDiscipline(message), true)
    }
}

/// The RTM_NEWQDISC of [`Netlink::add_netem_delay`] for interface `index`.
fn netem_message(index: u32, delay: std::time::Duration, limit_packets: u32) -> TcMessage {
    let nanos = i64::try_from(delay.as_nanos()).unwrap_or(i64::MAX);
    let ticks = u32::try_from(nanos >> PSCHED_SHIFT);
    let mut options = Vec::with_capacity(TC_NETEM_QOPT_LEN + 12);
    // latency, limit, loss, gap, duplicate, jitter.
    for field in [ticks.unwrap_or(u32::MAX), limit_packets, 0, 0, 0, 0] {
        options.extend_from_slice(&field.to_ne_bytes());
    }
    if ticks.is_err() {
        // One attribute after the struct: length, type, the 64-bit delay.
        options.extend_from_slice(&12u16.to_ne_bytes());
        options.extend_from_slice(&TCA_NETEM_LATENCY64.to_ne_bytes());
        options.extend_from_slice(&nanos.to_ne_bytes());
    }
    qdisc(
        index,
        TcHandle {
            major: NETEM_HANDLE,
            minor: 0,
        },
        TcHandle::ROOT,
        vec![
            TcAttribute::Kind("netem".to_string()),
            TcAttribute::Other(DefaultNla::new(TCA_OPTIONS, options)),
        ],
    )
}

/// A token bucket filter's settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tbf {
    pub bits_per_second: u64,
    /// The bucket: how many bytes may leave at once, at line speed.
    pub burst_bytes: u32,
    /// The queue behind it, in bytes; what does not fit is dropped.
    pub limit_bytes: u32,
}

/// The handle netem gets (`1:`); a tbf under it hangs from its class `1:1`.
pub const NETEM_HANDLE: u16 = 1;
/// The handle tbf gets (`10:`).
pub const TBF_HANDLE: u16 = 0x10;

const TCA_OPTIONS: u16 = 2;
const TCA_TBF_PARMS: u16 = 1;
const TCA_TBF_RATE64: u16 = 4;
const TCA_TBF_BURST: u16 = 6;
const TCA_NETEM_LATENCY64: u16 = 10;
const TC_LINKLAYER_ETHERNET: u8 = 1;
const TC_TBF_QOPT_LEN: usize = 36;
const TC_NETEM_QOPT_LEN: usize = 24;
/// The kernel's scheduler ticks are 2^6 ns (PSCHED_SHIFT).
const PSCHED_SHIFT: u32 = 6;

fn qdisc(
    index: u32,
    handle: TcHandle,
    parent: TcHandle,
    attributes: Vec<TcAttribute>,
) -> TcMessage {
    let mut message = TcMessage::with_index(i32::try_from(index).unwrap_or(i32::MAX));
    message.header.handle = handle;
    message.header.parent = parent;
    message.attributes = attributes;
    message
}

#[cfg(test)]
mod tests {
    use super::*;
    use netlink_packet_core::Emitable;

    #[test]
    fn netem_is_asked_for_byte_for_byte_as_tc_asks() {
        // `strace tc qdisc add dev va root handle 1: netem delay 20ms` (iproute2 6.x): the
        // header, TCA_KIND "netem", TCA_OPTIONS with struct tc_netem_qopt (312500 ticks of
        // 64 ns, limit 1000).
        let mut expected = Vec::new();
        expected.extend_from_slice(&[0, 0, 0, 0]);
        expected.extend_from_slice(&7i32.to_ne_bytes());
        expected.extend_from_slice(&0x0001_0000u32.to_ne_bytes());
        expected.extend_from_slice(&u32::MAX.to_ne_bytes());
        expected.extend_from_slice(&0u32.to_ne_bytes());
        expected.extend_from_slice(&10u16.to_ne_bytes());
        expected.extend_from_slice(&1u16.to_ne_bytes());
        expected.extend_from_slice(b"netem\0\0\0");
        expected.extend_from_slice(&28u16.to_ne_bytes());
        expected.extend_from_slice(&2u16.to_ne_bytes());
        for field in [312_500u32, 1000, 0, 0, 0, 0] {
            expected.extend_from_slice(&field.to_ne_bytes());
        }
        let message = netem_message(7, std::time::Duration::from_millis(20), 1000);
        let mut bytes = vec![0; message.buffer_len()];
        message.emit(&mut bytes);
        assert_eq!(bytes, expected);
    }
}
