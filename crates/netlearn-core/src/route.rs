//! Routes: the default gateway(s) from netdev (netlink, sysctl or Win32 underneath) and, on
//! Linux, the whole routing table parsed from /proc/net/route and /proc/net/ipv6_route.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::IpNet;
use mac_addr::MacAddr;
use serde::Serialize;

use super::address::{Family, make_net};
use super::cause::IoCause;
use super::iface::{NetInterface, on_link};

pub const PROC_IPV4_ROUTES: &str = "/proc/net/route";
pub const PROC_IPV6_ROUTES: &str = "/proc/net/ipv6_route";

// Flags from <linux/route.h> and <linux/ipv6_route.h>.
const RTF_UP: u32 = 0x0001;
const RTF_GATEWAY: u32 = 0x0002;
const RTF_HOST: u32 = 0x0004;
const RTF_REJECT: u32 = 0x0200;
const RTF_LOCAL: u32 = 0x8000_0000;

/// What a route does with a packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RouteKind {
    /// Sent straight to the destination on the interface's own link.
    OnLink,
    /// Sent to a gateway (router) that forwards it on.
    ViaGateway,
    /// Addressed to this machine itself.
    Local,
    Multicast,
    /// Dropped with "network unreachable".
    Unreachable,
}

/// One row of the routing table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Route {
    pub family: Family,
    pub destination: IpNet,
    pub gateway: Option<IpAddr>,
    pub interface: String,
    pub metric: u32,
    pub kind: RouteKind,
    pub up: bool,
}

impl Route {
    pub fn is_default(&self) -> bool {
        self.destination.prefix_len() == 0 && self.kind != RouteKind::Unreachable
    }
}

/// A line of a /proc routing table that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteParseError {
    pub file: &'static str,
    pub line: usize,
    pub reason: BadRouteLine,
}

/// A field of a /proc routing table line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteField {
    Destination,
    Gateway,
    Flags,
    Mask,
    NextHop,
    Metric,
}

/// What is wrong with a routing table line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadRouteLine {
    FieldCount {
        found: usize,
        expected: usize,
    },
    /// The field (as the file has it) is not `digits` hex digits.
    NotHex {
        field: RouteField,
        text: String,
        digits: u8,
    },
    /// The metric (as the file has it) is not a decimal number.
    Metric(String),
    MaskNotContiguous(Ipv4Addr),
    /// The prefix length (as the file has it) is not 0..=0x80.
    Prefix(String),
}

fn hex_u32(text: &str, field: RouteField) -> Result<u32, BadRouteLine> {
    u32::from_str_radix(text, 16).map_err(|_| BadRouteLine::NotHex {
        field,
        text: text.to_string(),
        digits: 8,
    })
}

/// The kernel prints each IPv4 address as the raw 32-bit word in host byte order.
fn proc_ipv4(text: &str, field: RouteField) -> Result<Ipv4Addr, BadRouteLine> {
    Ok(Ipv4Addr::from(hex_u32(text, field)?.to_ne_bytes()))
}

fn proc_ipv6(text: &str, field: RouteField) -> Result<Ipv6Addr, BadRouteLine> {
    let bad = || BadRouteLine::NotHex {
        field,
        text: text.to_string(),
        digits: 32,
    };
    if text.len() != 32 {
        return Err(bad());
    }
    u128::from_str_radix(text, 16)
        .map(Ipv6Addr::from)
        .map_err(|_| bad())
}

/// Parses /proc/net/route (a header line, then Iface Destination Gateway Flags RefCnt Use
/// Metric Mask MTU Window IRTT).
pub fn parse_ipv4_routes(text: &str) -> Result<Vec<Route>, RouteParseError> {
    let mut routes = Vec::new();
    for (number, line) in text.lines().enumerate().skip(1) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.is_empty() {
            continue;
        }
        let error = |reason: BadRouteLine| RouteParseError {
            file: PROC_IPV4_ROUTES,
            line: number + 1,
            reason,
        };
        if fields.len() < 8 {
            return Err(error(BadRouteLine::FieldCount {
                found: fields.len(),
                expected: 11,
            }));
        }
        let destination = proc_ipv4(fields[1], RouteField::Destination).map_err(error)?;
        let gateway = proc_ipv4(fields[2], RouteField::Gateway).map_err(error)?;
        let flags = hex_u32(fields[3], RouteField::Flags).map_err(error)?;
        let metric = fields[6]
            .parse::<u32>()
            .map_err(|_| error(BadRouteLine::Metric(fields[6].to_string())))?;
        let mask = u32::from(proc_ipv4(fields[7], RouteField::Mask).map_err(error)?);
        let prefix = mask.leading_ones() as u8;
        if mask != u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0) {
            return Err(error(BadRouteLine::MaskNotContiguous(Ipv4Addr::from(mask))));
        }
        let kind = if flags & RTF_REJECT != 0 {
            RouteKind::Unreachable
        } else if flags & RTF_GATEWAY != 0 {
            RouteKind::ViaGateway
        } else {
            RouteKind::OnLink
        };
        let prefix = if flags & RTF_HOST != 0 { 32 } else { prefix };
        routes.push(Route {
            family: Family::V4,
            destination: make_net(IpAddr::V4(destination), prefix).trunc(),
            gateway: (flags & RTF_GATEWAY != 0).then_some(IpAddr::V4(gateway)),
            interface: fields[0].to_string(),
            metric,
            kind,
            up: flags & RTF_UP != 0,
        });
    }
    Ok(routes)
}

/// Parses /proc/net/ipv6_route (no header: destination, prefix, source, source prefix, next
/// hop, metric, refcount, use, flags, interface; numbers in hex).
pub fn parse_ipv6_routes(text: &str) -> Result<Vec<Route>, RouteParseError> {
    let mut routes = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.is_empty() {
            continue;
        }
        let error = |reason: BadRouteLine| RouteParseError {
            file: PROC_IPV6_ROUTES,
            line: number + 1,
            reason,
        };
        if fields.len() < 10 {
            return Err(error(BadRouteLine::FieldCount {
                found: fields.len(),
                expected: 10,
            }));
        }
        let destination = proc_ipv6(fields[0], RouteField::Destination).map_err(error)?;
        let prefix = u8::from_str_radix(fields[1], 16)
            .ok()
            .filter(|p| *p <= 128)
            .ok_or_else(|| error(BadRouteLine::Prefix(fields[1].to_string())))?;
        let next_hop = proc_ipv6(fields[4], RouteField::NextHop).map_err(error)?;
        let metric = hex_u32(fields[5], RouteField::Metric).map_err(error)?;
        let flags = hex_u32(fields[8], RouteField::Flags).map_err(error)?;
        let destination = make_net(IpAddr::V6(destination), prefix).trunc();
        let kind = if flags & RTF_REJECT != 0 {
            RouteKind::Unreachable
        } else if flags & RTF_LOCAL != 0 {
            RouteKind::Local
        } else if destination.addr().is_multicast() {
            RouteKind::Multicast
        } else if flags & RTF_GATEWAY != 0 || !next_hop.is_unspecified() {
            RouteKind::ViaGateway
        } else {
            RouteKind::OnLink
        };
        routes.push(Route {
            family: Family::V6,
            destination,
            gateway: (kind == RouteKind::ViaGateway).then_some(IpAddr::V6(next_hop)),
            interface: fields[9].to_string(),
            metric,
            kind,
            up: flags & RTF_UP != 0,
        });
    }
    Ok(routes)
}

/// A routing table file that could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RouteTableProblem {
    Unreadable { path: &'static str, error: IoCause },
    Parse(RouteParseError),
}

/// The routing table as the kernel holds it (Linux only; elsewhere the files do not exist).
pub struct RouteTable {
    pub routes: Vec<Route>,
    /// Files that could not be read or parsed, with why.
    pub problems: Vec<RouteTableProblem>,
}

/// Reads both /proc tables; a missing or unreadable one is a problem noted, not a failure.
pub fn read_route_table() -> RouteTable {
    let mut routes = Vec::new();
    let mut problems = Vec::new();
    type Parser = fn(&str) -> Result<Vec<Route>, RouteParseError>;
    let sources: [(&str, Parser); 2] = [
        (PROC_IPV4_ROUTES, parse_ipv4_routes),
        (PROC_IPV6_ROUTES, parse_ipv6_routes),
    ];
    for (path, parse) in sources {
        match std::fs::read_to_string(path) {
            Ok(text) => match parse(&text) {
                Ok(found) => routes.extend(found),
                Err(error) => problems.push(RouteTableProblem::Parse(error)),
            },
            Err(error) => problems.push(RouteTableProblem::Unreadable {
                path,
                error: error.into(),
            }),
        }
    }
    routes.sort_by(|a, b| {
        (
            a.family,
            a.metric,
            std::cmp::Reverse(a.destination.prefix_len()),
        )
            .cmp(&(
                b.family,
                b.metric,
                std::cmp::Reverse(b.destination.prefix_len()),
            ))
    });
    RouteTable { routes, problems }
}

/// What netdev reports as the default gateway: the router's addresses, its MAC (from the
/// neighbour table) and the interface whose default route uses it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GatewayView {
    pub interface: Option<String>,
    pub addresses: Vec<IpAddr>,
    pub mac: Option<MacAddr>,
}

/// Asks netdev; None when it finds no default route (a normal answer) or cannot tell.
pub fn netdev_gateway() -> Result<Option<GatewayView>, String> {
    let interface = match netdev::get_default_interface() {
        Ok(interface) => interface,
        Err(error) => {
            return match netdev::get_default_gateway() {
                Ok(device) => Ok(Some(GatewayView {
                    interface: None,
                    addresses: device_addresses(&device),
                    mac: known_mac(&device.mac_addr),
                })),
                Err(_) => Err(error),
            };
        }
    };
    let Some(device) = interface.gateway else {
        return Ok(None);
    };
    Ok(Some(GatewayView {
        interface: Some(interface.name),
        addresses: device_addresses(&device),
        mac: known_mac(&device.mac_addr),
    }))
}

fn device_addresses(device: &netdev::NetworkDevice) -> Vec<IpAddr> {
    device
        .ipv4
        .iter()
        .map(|a| IpAddr::V4(*a))
        .chain(device.ipv6.iter().map(|a| IpAddr::V6(*a)))
        .collect()
}

fn known_mac(mac: &MacAddr) -> Option<MacAddr> {
    (*mac != MacAddr::zero()).then_some(*mac)
}

/// Which source named a default route; serialised as it always was (the source's name or
/// file).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum RouteSource {
    #[serde(rename = "netdev")]
    Netdev,
    #[serde(rename = "/proc/net/route")]
    ProcIpv4,
    #[serde(rename = "/proc/net/ipv6_route")]
    ProcIpv6,
}

/// One default route, with where its gateway sits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DefaultRoute {
    pub family: Family,
    /// The router packets for other networks go to; None for a point-to-point default.
    pub gateway: Option<IpAddr>,
    pub interface: Option<String>,
    pub metric: Option<u32>,
    /// The gateway's link-layer (Ethernet) address, when the neighbour table has it.
    pub gateway_mac: Option<MacAddr>,
    /// The subnet, on the interface, that the gateway is reached in.
    pub on_link: Option<IpNet>,
    /// This machine's address in that subnet.
    pub local_address: Option<IpAddr>,
    /// Which source said so.
    pub source: RouteSource,
}

/// Joins netdev's answer with the kernel table: netdev names the gateway, the table adds
/// metrics and any default it missed (e.g. a second family). Ordered v4 then v6, by metric.
pub fn default_routes(
    netdev: Option<&GatewayView>,
    table: &[Route],
    interfaces: &[NetInterface],
) -> Vec<DefaultRoute> {
    let mut defaults: Vec<DefaultRoute> = Vec::new();
    if let Some(view) = netdev {
        for &gateway in &view.addresses {
            let from_table = table
                .iter()
                .find(|r| r.is_default() && r.gateway == Some(gateway));
            defaults.push(DefaultRoute {
                family: Family::of(gateway),
                gateway: Some(gateway),
                interface: view
                    .interface
                    .clone()
                    .or_else(|| from_table.map(|r| r.interface.clone())),
                metric: from_table.map(|r| r.metric),
                gateway_mac: view.mac.filter(|_| gateway.is_ipv4()),
                on_link: None,
                local_address: None,
                source: RouteSource::Netdev,
            });
        }
    }
    for route in table.iter().filter(|r| r.is_default()) {
        let known = defaults
            .iter()
            .any(|d| d.gateway == route.gateway && d.family == route.family);
        if known {
            continue;
        }
        defaults.push(DefaultRoute {
            family: route.family,
            gateway: route.gateway,
            interface: Some(route.interface.clone()),
            metric: Some(route.metric),
            gateway_mac: None,
            on_link: None,
            local_address: None,
            source: match route.family {
                Family::V4 => RouteSource::ProcIpv4,
                Family::V6 => RouteSource::ProcIpv6,
            },
        });
    }
    for default in &mut defaults {
        if let Some((interface, address)) = default.gateway.and_then(|g| on_link(interfaces, g)) {
            default.on_link = Some(address.network);
            default.local_address = Some(address.addr);
            default
                .interface
                .get_or_insert_with(|| interface.name.clone());
        }
    }
    defaults.sort_by_key(|d| (d.family, d.metric.unwrap_or(u32::MAX)));
    defaults
}

#[cfg(test)]
mod tests {
    use super::*;

    const SANDBOX_V4: &str = include_str!("../fixtures/proc_net_route");
    const SANDBOX_V6: &str = include_str!("../fixtures/proc_net_ipv6_route");

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn ipv4_table_from_this_sandbox() {
        let routes = parse_ipv4_routes(SANDBOX_V4).unwrap();
        assert_eq!(routes.len(), 2);
        assert_eq!(routes[0].destination.to_string(), "0.0.0.0/0");
        assert_eq!(routes[0].gateway, Some(ip("192.0.2.1")));
        assert_eq!(routes[0].kind, RouteKind::ViaGateway);
        assert!(routes[0].is_default());
        assert_eq!(routes[1].destination.to_string(), "192.0.2.0/24");
        assert_eq!(routes[1].gateway, None);
        assert_eq!(routes[1].kind, RouteKind::OnLink);
        assert_eq!(routes[1].interface, "eth0");
    }

    #[test]
    fn ipv6_table_from_this_sandbox() {
        let routes = parse_ipv6_routes(SANDBOX_V6).unwrap();
        assert_eq!(routes.len(), 8);
        let defaults: Vec<&Route> = routes.iter().filter(|r| r.is_default()).collect();
        assert_eq!(
            defaults.len(),
            1,
            "the lo ::/0 reject route is not a default"
        );
        assert_eq!(defaults[0].gateway, Some(ip("fd00::1")));
        assert_eq!(defaults[0].metric, 1024);
        assert_eq!(routes[0].destination.to_string(), "fd00::/64");
        assert_eq!(routes[0].kind, RouteKind::OnLink);
        assert_eq!(routes[3].kind, RouteKind::Local);
        assert_eq!(routes[3].destination.to_string(), "::1/128");
        assert_eq!(routes[6].kind, RouteKind::Multicast);
        assert_eq!(routes[7].kind, RouteKind::Unreachable);
    }

    #[test]
    fn a_host_route_and_metrics_from_a_router() {
        let text = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n\
                    wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\n\
                    wlan0\t0A0A0A0A\t0101A8C0\t0007\t0\t0\t0\tFFFFFFFF\t0\t0\t0\n\
                    tun0\t0000000A\t00000000\t0001\t0\t0\t50\t000000FF\t0\t0\t0\n";
        let routes = parse_ipv4_routes(text).unwrap();
        assert_eq!(routes[0].metric, 600);
        assert_eq!(routes[0].gateway, Some(ip("192.168.1.1")));
        assert_eq!(routes[1].destination.to_string(), "10.10.10.10/32");
        assert_eq!(routes[2].destination.to_string(), "10.0.0.0/8");
    }

    #[test]
    fn broken_lines_name_the_file_line_and_field() {
        let bad = "Iface\tDestination\nlo\tZZ\n";
        let error = parse_ipv4_routes(bad).unwrap_err();
        assert_eq!(error.line, 2);
        let error =
            parse_ipv4_routes("h\neth0 00000000 00000000 0001 0 0 0 00FF00FF 0 0 0\n").unwrap_err();
        assert_eq!(
            error.reason,
            BadRouteLine::MaskNotContiguous(Ipv4Addr::new(255, 0, 255, 0))
        );
        let error = parse_ipv6_routes("00 99 x\n").unwrap_err();
        assert_eq!((error.file, error.line), ("/proc/net/ipv6_route", 1));
        let long = format!(
            "{} 81 {} 00 {} 0 0 0 1 lo",
            "0".repeat(32),
            "0".repeat(32),
            "0".repeat(32)
        );
        assert_eq!(
            parse_ipv6_routes(&long).unwrap_err().reason,
            BadRouteLine::Prefix("81".into())
        );
        assert_eq!(parse_ipv4_routes("").unwrap(), vec![]);
    }

    #[test]
    fn defaults_join_netdev_and_the_table() {
        let mut table = parse_ipv4_routes(SANDBOX_V4).unwrap();
        table.extend(parse_ipv6_routes(SANDBOX_V6).unwrap());
        let view = GatewayView {
            interface: Some("eth0".into()),
            addresses: vec![ip("192.0.2.1")],
            mac: "02:fc:00:00:00:02".parse().ok(),
        };
        let defaults = default_routes(Some(&view), &table, &[]);
        assert_eq!(defaults.len(), 2);
        assert_eq!(defaults[0].source, RouteSource::Netdev);
        assert_eq!(defaults[0].metric, Some(0));
        assert_eq!(defaults[1].gateway, Some(ip("fd00::1")));
        assert_eq!(defaults[1].source, RouteSource::ProcIpv6);
        assert!(default_routes(None, &[], &[]).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn any_route_table_text_is_parsed_or_refused(text in "[0-9A-Fa-f \t\nlo eth]{0,300}") {
            let _ = parse_ipv4_routes(&text);
            let _ = parse_ipv6_routes(&text);
        }
    }
}
