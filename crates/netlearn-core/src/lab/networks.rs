//! The lab's topology as networks, the way a picture of it is drawn: which interfaces share a
//! wire (a cable, or the ports of a switch), the network each wire carries, and what is wrong
//! with a host's place on it — a mask the other hosts do not share, no default gateway, a
//! gateway outside the host's network, a router that does not forward.

use std::collections::BTreeMap;
use std::net::IpAddr;

use ipnet::IpNet;

use super::Topology;

/// One interface with addresses on a wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub host: String,
    pub interface: String,
    pub addresses: Vec<IpNet>,
    /// The host forwards between its networks (or is meant to: it has more than one).
    pub router: bool,
    /// The host's default gateways (for a host that is not a router).
    pub gateways: Vec<IpAddr>,
}

/// A wire: a cable between two interfaces, or a switch and everything plugged into it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Network {
    /// The IPv4 and IPv6 networks most of its members' addresses say it carries.
    pub prefixes: Vec<IpNet>,
    /// The switch, when it is one: its host and bridge interface.
    pub switch: Option<(String, String)>,
    pub members: Vec<Member>,
}

/// A mistake in the topology, found where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// An address whose prefix length differs from the network's.
    Mask {
        host: String,
        interface: String,
        address: IpNet,
        network: IpNet,
    },
    /// A host on one network, with others beyond a router, and no IPv4 default gateway.
    NoGateway { host: String },
    /// A gateway none of the host's networks holds: the kernel refuses the route.
    GatewayOffNetwork { host: String, gateway: IpAddr },
    /// A host with interfaces on several networks that does not forward between them.
    NotForwarding { host: String },
}

/// Union-find over (host, interface) names.
struct Wires {
    parent: Vec<usize>,
    index: BTreeMap<(String, String), usize>,
}

impl Wires {
    fn node(&mut self, host: &str, interface: &str) -> usize {
        let key = (host.to_string(), interface.to_string());
        if let Some(&at) = self.index.get(&key) {
            return at;
        }
        let at = self.parent.len();
        self.parent.push(at);
        self.index.insert(key, at);
        at
    }

    fn root(&mut self, mut at: usize) -> usize {
        while self.parent[at] != at {
            self.parent[at] = self.parent[self.parent[at]];
            at = self.parent[at];
        }
        at
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        self.parent[a] = b;
    }
}

/// The topology's wires, in the order their first member appears among the hosts.
pub fn networks(topology: &Topology) -> Vec<Network> {
    let mut wires = Wires {
        parent: Vec::new(),
        index: BTreeMap::new(),
    };
    for link in &topology.links {
        let a = wires.node(&link.a.0, &link.a.1);
        let b = wires.node(&link.b.0, &link.b.1);
        wires.join(a, b);
    }
    for host in &topology.hosts {
        for interface in &host.interfaces {
            let bridge = wires.node(&host.name, &interface.name);
            for port in &interface.ports {
                let port = wires.node(&host.name, port);
                wires.join(bridge, port);
            }
        }
    }
    let mut by_root: Vec<(usize, Network)> = Vec::new();
    for host in &topology.hosts {
        let wired = host
            .interfaces
            .iter()
            .filter(|i| !i.addresses.is_empty())
            .count();
        for interface in host.interfaces.iter().filter(|i| !i.addresses.is_empty()) {
            let node = wires.node(&host.name, &interface.name);
            let root = wires.root(node);
            let at = match by_root.iter().position(|(r, _)| *r == root) {
                Some(at) => at,
                None => {
                    by_root.push((
                        root,
                        Network {
                            prefixes: Vec::new(),
                            switch: None,
                            members: Vec::new(),
                        },
                    ));
                    by_root.len() - 1
                }
            };
            let network = &mut by_root[at].1;
            if !interface.ports.is_empty() {
                network.switch = Some((host.name.clone(), interface.name.clone()));
            }
            network.members.push(Member {
                host: host.name.clone(),
                interface: interface.name.clone(),
                addresses: interface.addresses.clone(),
                router: host.forwarding || wired > 1,
                gateways: host.gateways.clone(),
            });
        }
    }
    let mut networks: Vec<Network> = by_root.into_iter().map(|(_, n)| n).collect();
    for network in &mut networks {
        network.prefixes = agreed_prefixes(&network.members);
    }
    networks
}

/// For each family, the network most members' addresses fall in (a router's when tied): one
/// wrong mask does not move the wire.
fn agreed_prefixes(members: &[Member]) -> Vec<IpNet> {
    let mut prefixes = Vec::new();
    for v4 in [true, false] {
        let mut votes: Vec<(IpNet, usize, bool)> = Vec::new();
        for member in members {
            for address in member.addresses.iter().filter(|a| a.addr().is_ipv4() == v4) {
                let network = address.trunc();
                match votes.iter_mut().find(|(n, _, _)| *n == network) {
                    Some(vote) => {
                        vote.1 += 1;
                        vote.2 |= member.router;
                    }
                    None => votes.push((network, 1, member.router)),
                }
            }
        }
        if let Some((network, _, _)) = votes
            .iter()
            .max_by_key(|(_, count, router)| (*count, *router))
        {
            prefixes.push(*network);
        }
    }
    prefixes
}

/// The mistakes in `topology`, each where it is.
pub fn findings(topology: &Topology, networks: &[Network]) -> Vec<Finding> {
    let mut found = Vec::new();
    for network in networks {
        for member in &network.members {
            for address in &member.addresses {
                let agreed = network
                    .prefixes
                    .iter()
                    .find(|p| p.addr().is_ipv4() == address.addr().is_ipv4());
                if let Some(agreed) = agreed
                    && (address.prefix_len() != agreed.prefix_len()
                        || !agreed.contains(&address.addr()))
                {
                    found.push(Finding::Mask {
                        host: member.host.clone(),
                        interface: member.interface.clone(),
                        address: *address,
                        network: *agreed,
                    });
                }
            }
        }
    }
    let several = networks.len() > 1;
    for host in &topology.hosts {
        let own: Vec<IpNet> = host
            .interfaces
            .iter()
            .flat_map(|i| i.addresses.clone())
            .collect();
        let wired = host
            .interfaces
            .iter()
            .filter(|i| !i.addresses.is_empty())
            .count();
        if wired > 1 {
            if !host.forwarding {
                found.push(Finding::NotForwarding {
                    host: host.name.clone(),
                });
            }
            continue;
        }
        if several && !host.gateways.iter().any(IpAddr::is_ipv4) {
            found.push(Finding::NoGateway {
                host: host.name.clone(),
            });
        }
        for gateway in &host.gateways {
            // Judged against the network of the wire, not the host's own (maybe wrong) mask.
            let reachable = networks
                .iter()
                .filter(|n| n.members.iter().any(|m| m.host == host.name))
                .flat_map(|n| &n.prefixes)
                .chain(own.iter())
                .any(|p| p.contains(gateway));
            if !reachable {
                found.push(Finding::GatewayOffNetwork {
                    host: host.name.clone(),
                    gateway: *gateway,
                });
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::Mistake;

    #[test]
    fn the_default_lab_is_two_networks_one_of_them_a_switch() {
        let topology = Topology::default_lab();
        let networks = networks(&topology);
        assert_eq!(networks.len(), 2);
        let names = |n: &Network| {
            n.members
                .iter()
                .map(|m| format!("{} {}", m.host, m.interface))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&networks[0]), ["h1 eth0", "r1 eth0"]);
        assert_eq!(names(&networks[1]), ["r1 eth1", "h2 eth0", "dns eth0"]);
        assert_eq!(networks[0].prefixes[0].to_string(), "192.0.2.0/24");
        assert_eq!(networks[1].prefixes[0].to_string(), "198.51.100.0/24");
        assert_eq!(networks[1].switch, Some(("r1".into(), "eth1".into())));
        assert!(networks[0].members[1].router && !networks[0].members[0].router);
        assert!(findings(&topology, &networks).is_empty());
    }

    #[test]
    fn each_mistake_is_found_where_it_is() {
        let found = |mistake| {
            let topology = Topology::with_mistake(mistake);
            findings(&topology, &networks(&topology))
        };
        assert!(matches!(
            found(Mistake::Mask).as_slice(),
            [Finding::Mask { host, address, network, .. }]
                if host == "h1" && address.prefix_len() == 4 && network.prefix_len() == 24
        ));
        assert_eq!(
            found(Mistake::Gateway),
            [Finding::NoGateway { host: "h1".into() }]
        );
        assert!(matches!(
            found(Mistake::GatewayOffSubnet).as_slice(),
            [Finding::GatewayOffNetwork { host, .. }] if host == "h1"
        ));
        assert_eq!(
            found(Mistake::NoForwarding),
            [Finding::NotForwarding { host: "r1".into() }]
        );
    }
}
