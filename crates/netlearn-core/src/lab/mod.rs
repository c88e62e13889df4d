//! The lab: a small real network on this machine, one network namespace per host, veth pairs
//! as cables, a bridge as a switch, addresses and routes set through rtnetlink. Typed and
//! silent: what was built, what the kernel refused, how long it took.

pub mod attach;
pub mod congestion;
pub mod containerlab;
pub mod exercise;
pub mod file;
pub mod icmp;
pub mod impair;
pub mod nat;
pub mod netlink;
pub mod netns;
pub mod networks;
pub mod nft;
pub mod resolv;
pub mod services;
pub mod supervise;
pub mod tcp_info;

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::{Duration, Instant};

use ipnet::IpNet;

pub use netlink::Mac;
use netlink::{Netlink, VethEnd};
use netns::NetNs;

/// One interface of a host: a veth end or a bridge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interface {
    pub name: String,
    pub mac: Mac,
    /// Addresses with their prefix (192.0.2.10/24).
    pub addresses: Vec<IpNet>,
    /// For a bridge: its ports (veth ends of this host).
    pub ports: Vec<String>,
}

/// A host: a namespace with interfaces, gateways and, for a router, forwarding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Host {
    pub name: String,
    pub interfaces: Vec<Interface>,
    /// Default routes' next hops, one per family at most.
    pub gateways: Vec<IpAddr>,
    pub forwarding: bool,
    /// The servers the lab starts on this host, each on every address of it.
    pub services: Vec<Service>,
}

/// A server a lab host runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Service {
    /// netlearn's echo server on TCP port 5008 (the article's).
    Echo,
    /// netlearn's HTTP server on port 80, serving one page.
    Http,
    /// A DNS server on port 53 answering the zone `lab.` (every host's name).
    Dns,
}

/// A cable: a veth pair between two hosts' interfaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub a: (String, String),
    pub b: (String, String),
    /// What the cable does wrong on purpose (both directions alike).
    pub impairment: impair::Impairment,
}

/// Which mistake to build into the default lab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mistake {
    /// h1's mask is so short that h2 looks on-link.
    Mask,
    /// h1 has no default route.
    Gateway,
    /// h1's gateway is outside its subnet.
    GatewayOffSubnet,
    /// r1 does not forward.
    NoForwarding,
}

/// The wrong mask of [`Mistake::Mask`]: 192.0.0.0/4 holds 198.51.100.20 too.
pub const MISTAKE_PREFIX: u8 = 4;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Topology {
    pub hosts: Vec<Host>,
    pub links: Vec<Link>,
}

fn mac(last: [u8; 2]) -> Mac {
    // Locally administered (the 02 bit): never the address of a real card.
    [0x02, 0x00, 0x00, 0x00, last[0], last[1]]
}

fn net(text: &str) -> IpNet {
    // The default topology's literals are all valid; a typo would fail every test.
    text.parse()
        .unwrap_or_else(|_| IpNet::from(IpAddr::V4(Ipv4Addr::UNSPECIFIED)))
}

fn veth(name: &str, mac: Mac, addresses: &[&str]) -> Interface {
    Interface {
        name: name.to_string(),
        mac,
        addresses: addresses.iter().map(|a| net(a)).collect(),
        ports: Vec::new(),
    }
}

pub const H1_V4: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 10);
pub const R1_LEFT_V4: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 1);
pub const R1_RIGHT_V4: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 1);
pub const H2_V4: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 20);
pub const DNS_V4: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 53);
pub const H1_V6: Ipv6Addr = Ipv6Addr::new(0x2001, 0xdb8, 1, 0, 0, 0, 0, 0x10);
pub const R1_LEFT_V6: Ipv6Addr = Ipv6Addr::new(0x2001, 0xdb8, 1, 0, 0, 0, 0, 1);
pub const R1_RIGHT_V6: Ipv6Addr = Ipv6Addr::new(0x2001, 0xdb8, 2, 0, 0, 0, 0, 1);
pub const H2_V6: Ipv6Addr = Ipv6Addr::new(0x2001, 0xdb8, 2, 0, 0, 0, 0, 0x20);
pub const DNS_V6: Ipv6Addr = Ipv6Addr::new(0x2001, 0xdb8, 2, 0, 0, 0, 0, 0x53);

impl Topology {
    /// h1 — r1 — (switch) — h2, dns: documentation prefixes only, so nothing in it can be
    /// mistaken for a real network.
    pub fn default_lab() -> Topology {
        let h1 = Host {
            name: "h1".into(),
            interfaces: vec![veth(
                "eth0",
                mac([1, 0x10]),
                &["192.0.2.10/24", "2001:db8:1::10/64"],
            )],
            gateways: vec![R1_LEFT_V4.into(), R1_LEFT_V6.into()],
            forwarding: false,
            services: Vec::new(),
        };
        let r1 = Host {
            name: "r1".into(),
            interfaces: vec![
                veth(
                    "eth0",
                    mac([1, 0x01]),
                    &["192.0.2.1/24", "2001:db8:1::1/64"],
                ),
                veth("sw-h2", mac([2, 0xf2]), &[]),
                veth("sw-dns", mac([2, 0xf3]), &[]),
                Interface {
                    name: "eth1".into(),
                    mac: mac([2, 0x01]),
                    addresses: vec![net("198.51.100.1/24"), net("2001:db8:2::1/64")],
                    ports: vec!["sw-h2".into(), "sw-dns".into()],
                },
            ],
            gateways: Vec::new(),
            forwarding: true,
            services: Vec::new(),
        };
        let h2 = Host {
            name: "h2".into(),
            interfaces: vec![veth(
                "eth0",
                mac([2, 0x20]),
                &["198.51.100.20/24", "2001:db8:2::20/64"],
            )],
            gateways: vec![R1_RIGHT_V4.into(), R1_RIGHT_V6.into()],
            forwarding: false,
            services: vec![Service::Echo, Service::Http],
        };
        let dns = Host {
            name: "dns".into(),
            interfaces: vec![veth(
                "eth0",
                mac([2, 0x53]),
                &["198.51.100.53/24", "2001:db8:2::53/64"],
            )],
            gateways: vec![R1_RIGHT_V4.into(), R1_RIGHT_V6.into()],
            forwarding: false,
            services: vec![Service::Dns],
        };
        let link = |a: (&str, &str), b: (&str, &str)| Link {
            a: (a.0.into(), a.1.into()),
            b: (b.0.into(), b.1.into()),
            impairment: impair::Impairment::default(),
        };
        Topology {
            hosts: vec![h1, r1, h2, dns],
            links: vec![
                link(("h1", "eth0"), ("r1", "eth0")),
                link(("h2", "eth0"), ("r1", "sw-h2")),
                link(("dns", "eth0"), ("r1", "sw-dns")),
            ],
        }
    }

    /// The default lab with `mistake` built in.
    pub fn with_mistake(mistake: Mistake) -> Topology {
        let mut topology = Topology::default_lab();
        let hosts = &mut topology.hosts;
        match mistake {
            Mistake::Mask => {
                if let Some(address) = hosts[0].interfaces[0].addresses.first_mut() {
                    *address = IpNet::new(H1_V4.into(), MISTAKE_PREFIX).unwrap_or(*address);
                }
            }
            Mistake::Gateway => hosts[0].gateways.retain(|g| !g.is_ipv4()),
            Mistake::GatewayOffSubnet => {
                hosts[0].gateways.retain(|g| !g.is_ipv4());
                hosts[0].gateways.insert(0, R1_RIGHT_V4.into());
            }
            Mistake::NoForwarding => hosts[1].forwarding = false,
        }
        topology
    }

    pub fn host(&self, name: &str) -> Option<&Host> {
        self.hosts.iter().find(|h| h.name == name)
    }

    /// The host and interface that own `address`.
    pub fn owner(&self, address: IpAddr) -> Option<(&Host, &Interface)> {
        self.hosts.iter().find_map(|host| {
            host.interfaces
                .iter()
                .find(|i| i.addresses.iter().any(|a| a.addr() == address))
                .map(|i| (host, i))
        })
    }

    /// The names the lab's DNS server answers: `NAME.lab.` for every host's first address
    /// of each family.
    pub fn names(&self) -> Vec<(String, IpAddr)> {
        let mut names = Vec::new();
        for host in &self.hosts {
            for want_v4 in [true, false] {
                if let Some(address) = host
                    .interfaces
                    .iter()
                    .flat_map(|i| &i.addresses)
                    .find(|a| a.addr().is_ipv4() == want_v4)
                {
                    names.push((format!("{}.lab.", host.name), address.addr()));
                }
            }
        }
        names
    }
}

/// What went wrong while building (worded by the lab view: `app::lab::words`).
#[derive(Debug)]
pub enum BuildError {
    /// The kernel refused a new network namespace.
    Namespace(io::Error),
    /// A step of building `host` failed.
    Step {
        host: String,
        step: Step,
        error: io::Error,
    },
    /// An interface of `host` was not running when the build's time was up.
    NotUp {
        host: String,
        interface: String,
        within: Duration,
    },
    /// A link names a host the topology does not define.
    UnknownHost(String),
    /// A link names an interface its host does not have.
    UnknownInterface { host: String, interface: String },
    /// A link's loss, rate or delay could not be applied.
    Impair(impair::ImpairError),
}

/// The steps of building one host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// A veth pair from `interface` of the host to `peer` (another host).
    Cable { interface: String, peer: String },
    /// Addresses, bridges, forwarding and routes.
    Configure,
    /// Waiting for its interfaces to run.
    WaitForLinks,
}

/// A route the kernel refused (the gateway-off-subnet mistake).
#[derive(Debug)]
pub struct RefusedRoute {
    pub host: String,
    pub gateway: IpAddr,
    pub error: io::Error,
}

/// A built lab. Dropping it closes the namespaces' descriptors: the kernel then removes
/// them and every interface in them.
pub struct Lab {
    pub topology: Topology,
    namespaces: Vec<NetNs>,
    pub refused_routes: Vec<RefusedRoute>,
    pub build_time: Duration,
    /// What was done to each impaired link, and how (tbf, nftables, netem or the relay).
    pub impairments: Vec<impair::Applied>,
    /// The delay relays of links this kernel cannot delay (no netem); stopped on drop.
    relays: Option<impair::Relays>,
}

fn step<T>(host: &str, step: Step, result: io::Result<T>) -> Result<T, BuildError> {
    result.map_err(|error| BuildError::Step {
        host: host.to_string(),
        step,
        error,
    })
}

/// How long the lab's hosts wait for an ARP answer (the kernel's default, 1 s × 3, would
/// make the lab's failures slow to show).
const ARP_RETRANS_MS: &str = "100";

impl Lab {
    pub fn build(topology: Topology) -> Result<Lab, BuildError> {
        let started = Instant::now();
        let mut namespaces = Vec::with_capacity(topology.hosts.len());
        for _ in &topology.hosts {
            namespaces.push(NetNs::new().map_err(BuildError::Namespace)?);
        }
        let index = |name: &str| {
            topology
                .hosts
                .iter()
                .position(|h| h.name == name)
                .ok_or_else(|| BuildError::UnknownHost(name.to_string()))
        };
        let mac_of = |host: usize, name: &str| {
            topology.hosts[host]
                .interfaces
                .iter()
                .find(|i| i.name == name)
                .map(|i| i.mac)
        };
        for (n, link) in topology.links.iter().enumerate() {
            let (a, b) = (index(&link.a.0)?, index(&link.b.0)?);
            let (Some(a_mac), Some(b_mac)) = (mac_of(a, &link.a.1), mac_of(b, &link.b.1)) else {
                let missing = match mac_of(a, &link.a.1) {
                    None => &link.a,
                    Some(_) => &link.b,
                };
                return Err(BuildError::UnknownInterface {
                    host: missing.0.clone(),
                    interface: missing.1.clone(),
                });
            };
            // Both ends of a veth pair would get index 2 in fresh namespaces; the kernel then
            // takes the pair for a plain device and may delay noticing its carrier by up to a
            // second. Distinct indexes across the lab keep link changes immediate.
            let first = FIRST_VETH_INDEX + 2 * n as u32;
            let end = VethEnd {
                name: &link.a.1,
                mac: a_mac,
                index: first,
            };
            let peer = VethEnd {
                name: &link.b.1,
                mac: b_mac,
                index: first + 1,
            };
            let peer_ns = namespaces[b].raw_fd();
            let result = namespaces[a].run(|| Netlink::open()?.add_veth(end, peer, peer_ns));
            step(
                &link.a.0,
                Step::Cable {
                    interface: link.a.1.clone(),
                    peer: link.b.0.clone(),
                },
                result.and_then(|r| r),
            )?;
        }
        let (impairments, relays) = impair::apply(&impair::Building {
            topology: &topology,
            namespaces: &namespaces,
            deadline: Instant::now() + READY_WITHIN,
        })
        .map_err(BuildError::Impair)?;
        let mut refused_routes = Vec::new();
        for (host, ns) in topology.hosts.iter().zip(&namespaces) {
            let refused = ns.run(|| configure(host));
            let refused = step(&host.name, Step::Configure, refused.and_then(|r| r))?;
            refused_routes.extend(refused.into_iter().map(|(gateway, error)| RefusedRoute {
                host: host.name.clone(),
                gateway,
                error,
            }));
        }
        // A link the kernel has set up but not yet activated (its carrier is noticed by a
        // worker that may wait up to a second on a busy machine) drops what is sent on it:
        // the lab is ready when every interface is running.
        let deadline = Instant::now() + READY_WITHIN;
        for (host, ns) in topology.hosts.iter().zip(&namespaces) {
            let names: Vec<&str> = host.interfaces.iter().map(|i| i.name.as_str()).collect();
            let ready = ns.run(|| wait_running(&names, deadline));
            match step(&host.name, Step::WaitForLinks, ready)? {
                Ok(()) => {}
                Err(NotRunning::Late(interface)) => {
                    return Err(BuildError::NotUp {
                        host: host.name.clone(),
                        interface,
                        within: READY_WITHIN,
                    });
                }
                Err(NotRunning::Io(error)) => {
                    return Err(BuildError::Step {
                        host: host.name.clone(),
                        step: Step::WaitForLinks,
                        error,
                    });
                }
            }
        }
        Ok(Lab {
            topology,
            namespaces,
            refused_routes,
            build_time: started.elapsed(),
            impairments,
            relays,
        })
    }

    pub fn namespace(&self, host: &str) -> Option<&NetNs> {
        let at = self.topology.hosts.iter().position(|h| h.name == host)?;
        self.namespaces.get(at)
    }

    /// The relay counters of link `link`, if this lab relays it (delay without netem).
    pub fn relay_counters(&self, link: usize) -> Option<&impair::relay::RelayCounters> {
        self.relays.as_ref()?.counters(link)
    }

    /// Each host's name and its namespace's descriptor number in this process.
    pub fn descriptors(&self) -> Vec<(String, i32)> {
        self.topology
            .hosts
            .iter()
            .zip(&self.namespaces)
            .map(|(h, ns)| (h.name.clone(), ns.raw_fd()))
            .collect()
    }

    /// Closes every namespace and returns how long that took.
    pub fn tear_down(self) -> Duration {
        let started = Instant::now();
        drop(self.relays);
        drop(self.namespaces);
        started.elapsed()
    }
}

/// The index of the first veth end; the lab's other interfaces get small ones.
const FIRST_VETH_INDEX: u32 = 100;

/// How long the links may take to come up before the build fails.
const READY_WITHIN: Duration = Duration::from_secs(5);

/// Why the interfaces of a host are not all running.
enum NotRunning {
    /// This one was not running by the deadline.
    Late(String),
    Io(io::Error),
}

impl From<io::Error> for NotRunning {
    fn from(error: io::Error) -> Self {
        NotRunning::Io(error)
    }
}

/// Waits until every interface in `names` is operationally up, checking every few
/// milliseconds.
fn wait_running(names: &[&str], deadline: Instant) -> Result<(), NotRunning> {
    let mut netlink = Netlink::open()?;
    for name in names {
        // Bounded by the deadline.
        while !netlink.oper_up(name)? {
            if Instant::now() >= deadline {
                return Err(NotRunning::Late(name.to_string()));
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }
    Ok(())
}

/// Configures one host from inside its namespace; returns the routes the kernel refused.
fn configure(host: &Host) -> io::Result<Vec<(IpAddr, io::Error)>> {
    let mut netlink = Netlink::open()?;
    netlink.link_up("lo")?;
    let sysctl = |key: &str, value: &str| std::fs::write(format!("/proc/sys/{key}"), value);
    let forwarding = if host.forwarding { "1" } else { "0" };
    sysctl("net/ipv4/ip_forward", forwarding)?;
    sysctl("net/ipv6/conf/all/forwarding", forwarding)?;
    for interface in host.interfaces.iter().filter(|i| !i.ports.is_empty()) {
        netlink.add_bridge(&interface.name, interface.mac)?;
        for port in &interface.ports {
            netlink.set_master(port, &interface.name)?;
        }
    }
    for interface in &host.interfaces {
        if interface.ports.is_empty() && !interface.addresses.is_empty() {
            let _ = sysctl(
                &format!("net/ipv4/neigh/{}/retrans_time_ms", interface.name),
                ARP_RETRANS_MS,
            );
        }
        for address in &interface.addresses {
            netlink.add_address(&interface.name, address.addr(), address.prefix_len())?;
        }
        netlink.link_up(&interface.name)?;
    }
    let mut refused = Vec::new();
    for gateway in &host.gateways {
        if let Err(error) = netlink.add_default_route(*gateway) {
            refused.push((*gateway, error));
        }
    }
    Ok(refused)
}

/// Where a host sends a packet for `destination`, and the arithmetic behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteDecision {
    pub destination: Ipv4Addr,
    /// The host's own address and prefix on the interface it compared with.
    pub address: Ipv4Addr,
    pub prefix: u8,
    pub mask: Ipv4Addr,
    pub interface: String,
    /// address AND mask.
    pub network: Ipv4Addr,
    /// destination AND the same mask.
    pub destination_network: Ipv4Addr,
    pub verdict: Verdict,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Same subnet: ARP for the destination itself.
    OnLink,
    /// Another subnet: hand the packet to the default gateway (ARP for the gateway).
    Gateway(Ipv4Addr),
    /// Another subnet and no default route.
    NoRoute,
}

/// What `host` decides for `destination`, given the default routes that were installed
/// (`refused` lists those the kernel turned down).
pub fn route_decision(
    host: &Host,
    refused: &[RefusedRoute],
    destination: Ipv4Addr,
) -> Option<RouteDecision> {
    let (interface, own) = host.interfaces.iter().find_map(|i| {
        i.addresses.iter().find_map(|a| match a {
            IpNet::V4(v4) => Some((i, *v4)),
            IpNet::V6(_) => None,
        })
    })?;
    let mask = own.netmask();
    let network = own.network();
    let destination_network = Ipv4Addr::from(u32::from(destination) & u32::from(mask));
    let verdict = if network == destination_network {
        Verdict::OnLink
    } else {
        let installed = host.gateways.iter().find_map(|g| match g {
            IpAddr::V4(v4)
                if !refused
                    .iter()
                    .any(|r| r.host == host.name && r.gateway == *g) =>
            {
                Some(*v4)
            }
            _ => None,
        });
        installed.map_or(Verdict::NoRoute, Verdict::Gateway)
    };
    Some(RouteDecision {
        destination,
        address: own.addr(),
        prefix: own.prefix_len(),
        mask,
        interface: interface.name.clone(),
        network,
        destination_network,
        verdict,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn h1_sends_h2_traffic_to_its_gateway() {
        let topology = Topology::default_lab();
        let h1 = topology.host("h1").expect("h1");
        let decision = route_decision(h1, &[], H2_V4).expect("decision");
        assert_eq!(decision.mask, Ipv4Addr::new(255, 255, 255, 0));
        assert_eq!(decision.network, Ipv4Addr::new(192, 0, 2, 0));
        assert_eq!(decision.destination_network, Ipv4Addr::new(198, 51, 100, 0));
        assert_eq!(decision.verdict, Verdict::Gateway(R1_LEFT_V4));
    }

    #[test]
    fn each_mistake_changes_the_decision_it_should() {
        let wrong_mask = Topology::with_mistake(Mistake::Mask);
        let h1 = wrong_mask.host("h1").expect("h1");
        let decision = route_decision(h1, &[], H2_V4).expect("decision");
        assert_eq!(decision.mask, Ipv4Addr::new(240, 0, 0, 0));
        assert_eq!(decision.verdict, Verdict::OnLink);

        let no_gateway = Topology::with_mistake(Mistake::Gateway);
        let h1 = no_gateway.host("h1").expect("h1");
        assert_eq!(
            route_decision(h1, &[], H2_V4).map(|d| d.verdict),
            Some(Verdict::NoRoute)
        );

        let off = Topology::with_mistake(Mistake::GatewayOffSubnet);
        let h1 = off.host("h1").expect("h1");
        let refused = [RefusedRoute {
            host: "h1".into(),
            gateway: R1_RIGHT_V4.into(),
            error: io::Error::from_raw_os_error(libc::ENETUNREACH),
        }];
        assert_eq!(
            route_decision(h1, &refused, H2_V4).map(|d| d.verdict),
            Some(Verdict::NoRoute)
        );

        let no_forwarding = Topology::with_mistake(Mistake::NoForwarding);
        assert!(!no_forwarding.host("r1").expect("r1").forwarding);
    }

    #[test]
    fn the_zone_names_every_host() {
        let names = Topology::default_lab().names();
        assert!(names.contains(&("h2.lab.".to_string(), IpAddr::V4(H2_V4))));
        assert!(names.contains(&("r1.lab.".to_string(), IpAddr::V4(R1_LEFT_V4))));
        assert_eq!(names.len(), 8);
    }
}
