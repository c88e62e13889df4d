//! This machine's network interfaces as one model: addresses from if-addrs (the card's crate),
//! link facts (MAC, MTU, flags) and the addresses if-addrs misses from netdev, merged.

use std::net::IpAddr;

use ipnet::IpNet;
use mac_addr::MacAddr;
use netdev::interface::types::InterfaceType;
use serde::Serialize;

use super::address::make_net;
use super::cause::IoCause;
use super::special::{AddressClass, classify_addr};

/// What kind of address this is, in the words `ip addr` and the RFCs use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AddressScope {
    /// 127.0.0.0/8 and ::1: this machine only (`scope host`).
    Loopback,
    /// 169.254.0.0/16 and fe80::/10: valid on one link only (`scope link`).
    LinkLocal,
    /// fc00::/7 (RFC 4193): private to a site, IPv6's answer to 10/8.
    UniqueLocal,
    /// 10/8, 172.16/12, 192.168/16 (RFC 1918): private, behind NAT.
    Private,
    /// 100.64.0.0/10 (RFC 6598): carrier-grade NAT.
    SharedNat,
    /// 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32: for examples.
    Documentation,
    Multicast,
    Unspecified,
    /// Reachable from the Internet.
    Global,
}

impl AddressScope {
    /// The scope the special-purpose registry gives the address (one classifier for `ip`,
    /// `cidr` and `ifaces`); an IPv4-mapped address has its IPv4 address's scope.
    pub fn of(addr: IpAddr) -> AddressScope {
        if let IpAddr::V6(v6) = addr
            && let Some(v4) = v6.to_ipv4_mapped()
        {
            return AddressScope::of(IpAddr::V4(v4));
        }
        match classify_addr(addr).class {
            AddressClass::Loopback => AddressScope::Loopback,
            AddressClass::LinkLocal => AddressScope::LinkLocal,
            AddressClass::UniqueLocal => AddressScope::UniqueLocal,
            AddressClass::Private => AddressScope::Private,
            AddressClass::Shared => AddressScope::SharedNat,
            AddressClass::Documentation => AddressScope::Documentation,
            AddressClass::Multicast => AddressScope::Multicast,
            AddressClass::Unspecified | AddressClass::ThisHost | AddressClass::ThisNetwork => {
                AddressScope::Unspecified
            }
            _ => AddressScope::Global,
        }
    }
}

/// One address as the operating system reported it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressRecord {
    pub interface: String,
    pub index: Option<u32>,
    pub addr: IpAddr,
    pub prefix: u8,
    pub broadcast: Option<IpAddr>,
    pub up: Option<bool>,
}

/// One interface's link-layer facts (netdev's view).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkRecord {
    pub index: u32,
    pub name: String,
    pub kind: InterfaceType,
    pub up: bool,
    pub running: bool,
    pub loopback: bool,
    pub mac: Option<MacAddr>,
    pub mtu: Option<u32>,
    pub addresses: Vec<(IpAddr, u8)>,
}

/// One address on an interface, with the network it sits in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InterfaceAddress {
    pub addr: IpAddr,
    pub prefix: u8,
    /// The subnet: the address with its host bits cleared.
    pub network: IpNet,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub broadcast: Option<IpAddr>,
    pub scope: AddressScope,
}

/// One network interface, merged from every source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NetInterface {
    pub index: Option<u32>,
    pub name: String,
    pub loopback: bool,
    /// None when no source said.
    pub up: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub running: Option<bool>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_kind"
    )]
    pub kind: Option<InterfaceType>,
    /// The Ethernet (link-layer) address.
    pub mac: Option<MacAddr>,
    /// Largest packet the link carries, in bytes.
    pub mtu: Option<u32>,
    pub addresses: Vec<InterfaceAddress>,
}

/// The link type by netdev's name for it (`Ethernet`, `Loopback`), as the JSON has it.
fn serialize_kind<S: serde::Serializer>(
    kind: &Option<InterfaceType>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match kind {
        Some(kind) => serializer.serialize_str(&kind.name()),
        None => serializer.serialize_none(),
    }
}

fn interface_address(addr: IpAddr, prefix: u8, broadcast: Option<IpAddr>) -> InterfaceAddress {
    let network = make_net(addr, prefix).trunc();
    InterfaceAddress {
        addr,
        prefix,
        network,
        broadcast,
        scope: AddressScope::of(addr),
    }
}

/// Merges both views: every address either source reports appears once; link facts come from
/// netdev. Loopback interfaces come first, then by index, then by name.
pub fn merge(addresses: &[AddressRecord], links: &[LinkRecord]) -> Vec<NetInterface> {
    let mut interfaces: Vec<NetInterface> = Vec::new();
    for link in links {
        interfaces.push(NetInterface {
            index: Some(link.index),
            name: link.name.clone(),
            loopback: link.loopback,
            up: Some(link.up),
            running: Some(link.running),
            kind: Some(link.kind),
            mac: link.mac,
            mtu: link.mtu,
            addresses: Vec::new(),
        });
    }
    let find =
        |interfaces: &[NetInterface], name: &str| interfaces.iter().position(|i| i.name == name);
    for record in addresses {
        let slot = match find(&interfaces, &record.interface) {
            Some(slot) => slot,
            None => {
                interfaces.push(NetInterface {
                    index: record.index,
                    name: record.interface.clone(),
                    loopback: record.addr.is_loopback(),
                    up: record.up,
                    running: None,
                    kind: None,
                    mac: None,
                    mtu: None,
                    addresses: Vec::new(),
                });
                interfaces.len() - 1
            }
        };
        let interface = &mut interfaces[slot];
        if interface.index.is_none() {
            interface.index = record.index;
        }
        if !interface.addresses.iter().any(|a| a.addr == record.addr) {
            interface.addresses.push(interface_address(
                record.addr,
                record.prefix,
                record.broadcast,
            ));
        }
    }
    for link in links {
        let Some(slot) = find(&interfaces, &link.name) else {
            continue;
        };
        let interface = &mut interfaces[slot];
        for &(addr, prefix) in &link.addresses {
            if !interface.addresses.iter().any(|a| a.addr == addr) {
                interface
                    .addresses
                    .push(interface_address(addr, prefix, None));
            }
        }
    }
    for interface in &mut interfaces {
        // IPv4 before IPv6, as `ip addr` lists them.
        interface
            .addresses
            .sort_by_key(|a| (a.addr.is_ipv6(), a.addr));
    }
    interfaces.sort_by(|a, b| {
        (!a.loopback, a.index.unwrap_or(u32::MAX), &a.name).cmp(&(
            !b.loopback,
            b.index.unwrap_or(u32::MAX),
            &b.name,
        ))
    });
    interfaces
}

/// A source of interface facts that failed; the other source's view is still used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotProblem {
    /// if-addrs could not list the addresses (the system's error).
    Addresses(IoCause),
    /// netdev listed no interfaces: no MAC or MTU is known.
    NoLinks,
}

/// What each source said, and what it could not say.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    pub interfaces: Vec<NetInterface>,
    pub problems: Vec<SnapshotProblem>,
}

fn address_records() -> Result<Vec<AddressRecord>, SnapshotProblem> {
    let found = if_addrs::get_if_addrs().map_err(|e| SnapshotProblem::Addresses(e.into()))?;
    Ok(found
        .into_iter()
        .map(|interface| {
            let (addr, prefix, broadcast) = match &interface.addr {
                if_addrs::IfAddr::V4(v4) => (
                    IpAddr::V4(v4.ip),
                    v4.prefixlen,
                    v4.broadcast.map(IpAddr::V4),
                ),
                if_addrs::IfAddr::V6(v6) => (
                    IpAddr::V6(v6.ip),
                    v6.prefixlen,
                    v6.broadcast.map(IpAddr::V6),
                ),
            };
            AddressRecord {
                up: match interface.oper_status {
                    if_addrs::IfOperStatus::Up => Some(true),
                    if_addrs::IfOperStatus::Down => Some(false),
                    _ => None,
                },
                interface: interface.name,
                index: interface.index,
                addr,
                prefix,
                broadcast,
            }
        })
        .collect())
}

fn link_records() -> Vec<LinkRecord> {
    netdev::get_interfaces()
        .into_iter()
        .map(|interface| {
            let addresses = interface
                .ipv4
                .iter()
                .map(|net| (IpAddr::V4(net.addr()), net.prefix_len()))
                .chain(
                    interface
                        .ipv6
                        .iter()
                        .map(|net| (IpAddr::V6(net.addr()), net.prefix_len())),
                )
                .collect();
            LinkRecord {
                index: interface.index,
                kind: interface.if_type,
                up: interface.is_up(),
                running: interface.is_running(),
                loopback: interface.is_loopback(),
                mac: interface.mac_addr,
                mtu: interface.mtu,
                addresses,
                name: interface.name,
            }
        })
        .collect()
}

/// Every interface on this machine, read now.
pub fn snapshot() -> Snapshot {
    let mut problems = Vec::new();
    let addresses = address_records().unwrap_or_else(|problem| {
        problems.push(problem);
        Vec::new()
    });
    let links = link_records();
    if links.is_empty() {
        problems.push(SnapshotProblem::NoLinks);
    }
    Snapshot {
        interfaces: merge(&addresses, &links),
        problems,
    }
}

/// The interface and on-link network that contain `addr`, if any (where a gateway sits).
pub fn on_link(
    interfaces: &[NetInterface],
    addr: IpAddr,
) -> Option<(&NetInterface, &InterfaceAddress)> {
    interfaces.iter().find_map(|interface| {
        interface
            .addresses
            .iter()
            .filter(|a| a.network.contains(&addr) && a.prefix < a.network.max_prefix_len())
            .max_by_key(|a| a.prefix)
            .map(|a| (interface, a))
    })
}

/// This project's sandbox as a fixture, for tests here and in the application's views.
#[cfg(any(test, feature = "testing"))]
pub mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    /// What this project's sandbox reports: if-addrs misses eth0's link-local address.
    pub fn sandbox() -> (Vec<AddressRecord>, Vec<LinkRecord>) {
        let record = |name: &str, index, addr: &str, prefix| AddressRecord {
            interface: name.to_string(),
            index: Some(index),
            addr: ip(addr),
            prefix,
            broadcast: None,
            up: Some(true),
        };
        let addresses = vec![
            record("eth0", 4, "192.0.2.2", 24),
            record("lo", 1, "127.0.0.1", 8),
            record("lo", 1, "::1", 128),
            record("eth0", 4, "fd00::2", 64),
        ];
        let links = vec![
            LinkRecord {
                index: 4,
                name: "eth0".into(),
                kind: InterfaceType::Ethernet,
                up: true,
                running: true,
                loopback: false,
                mac: "02:fc:00:00:00:01".parse().ok(),
                mtu: Some(1400),
                addresses: vec![
                    (ip("192.0.2.2"), 24),
                    (ip("fd00::2"), 64),
                    (ip("fe80::fc:ff:fe00:1"), 64),
                ],
            },
            LinkRecord {
                index: 1,
                name: "lo".into(),
                kind: InterfaceType::Loopback,
                up: true,
                running: true,
                loopback: true,
                mac: "00:00:00:00:00:00".parse().ok(),
                mtu: Some(65536),
                addresses: vec![(ip("127.0.0.1"), 8), (ip("::1"), 128)],
            },
            LinkRecord {
                index: 2,
                name: "ifb0".into(),
                kind: InterfaceType::Unknown,
                up: false,
                running: false,
                loopback: false,
                mac: "22:6c:fa:70:e7:5f".parse().ok(),
                mtu: Some(1500),
                addresses: vec![],
            },
        ];
        (addresses, links)
    }

    #[test]
    fn loopback_comes_first_and_every_address_appears_once() {
        let (addresses, links) = sandbox();
        let merged = merge(&addresses, &links);
        let names: Vec<&str> = merged.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["lo", "ifb0", "eth0"]);
        let eth0 = &merged[2];
        let addrs: Vec<String> = eth0.addresses.iter().map(|a| a.addr.to_string()).collect();
        assert_eq!(addrs, ["192.0.2.2", "fd00::2", "fe80::fc:ff:fe00:1"]);
        assert_eq!(eth0.mtu, Some(1400));
        assert_eq!(eth0.addresses[0].network.to_string(), "192.0.2.0/24");
        assert_eq!(eth0.addresses[2].scope, AddressScope::LinkLocal);
        assert_eq!(eth0.addresses[1].scope, AddressScope::UniqueLocal);
        assert!(merged[0].loopback);
        assert_eq!(merged[0].addresses[0].network.to_string(), "127.0.0.0/8");
    }

    #[test]
    fn addresses_without_link_facts_still_make_an_interface() {
        let (addresses, _) = sandbox();
        let merged = merge(&addresses, &[]);
        assert_eq!(merged[0].name, "lo");
        assert!(merged[0].loopback);
        assert_eq!(merged[1].mtu, None);
        assert_eq!(merged[1].addresses.len(), 2);
    }

    #[test]
    fn scopes_follow_the_rfcs() {
        for (addr, scope) in [
            ("127.0.0.1", AddressScope::Loopback),
            ("127.255.0.9", AddressScope::Loopback),
            ("::1", AddressScope::Loopback),
            ("169.254.1.1", AddressScope::LinkLocal),
            ("fe80::1", AddressScope::LinkLocal),
            ("fd12::1", AddressScope::UniqueLocal),
            ("10.1.2.3", AddressScope::Private),
            ("172.31.0.1", AddressScope::Private),
            ("100.64.0.1", AddressScope::SharedNat),
            ("100.128.0.1", AddressScope::Global),
            ("2001:db8::1", AddressScope::Documentation),
            ("::ffff:10.0.0.1", AddressScope::Private),
            ("8.8.8.8", AddressScope::Global),
            ("2606:4700::1", AddressScope::Global),
        ] {
            assert_eq!(AddressScope::of(ip(addr)), scope, "{addr}");
        }
    }

    #[test]
    fn a_gateway_is_found_on_its_link() {
        let (addresses, links) = sandbox();
        let merged = merge(&addresses, &links);
        let (interface, address) = on_link(&merged, ip("192.0.2.1")).unwrap();
        assert_eq!(interface.name, "eth0");
        assert_eq!(address.network.to_string(), "192.0.2.0/24");
        let (_, v6) = on_link(&merged, ip("fd00::1")).unwrap();
        assert_eq!(v6.network.to_string(), "fd00::/64");
        assert!(on_link(&merged, ip("198.51.100.1")).is_none());
    }
}
