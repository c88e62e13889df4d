//! The few rtnetlink requests a lab needs (veth pairs, a bridge, addresses, routes, links
//! up, forgetting a neighbour), sent synchronously on a socket made inside one namespace.

use std::ffi::CString;
use std::io;
use std::net::IpAddr;

use netlink_packet_core::{
    NLM_F_ACK, NLM_F_CREATE, NLM_F_EXCL, NLM_F_REQUEST, NetlinkHeader, NetlinkMessage,
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
}
