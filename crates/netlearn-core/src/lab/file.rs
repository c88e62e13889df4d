//! A lab from a topology file (TOML): its hosts (a router forwards), and its links, each a
//! table from host name to that host's addresses on it; two hosts make a cable, more make a
//! LAN whose switch sits on its router. A file is checked whole before anything is built, and
//! each mistake is told with the line, the field and what was expected.
//!
//! ```toml
//! [host.h1]
//! gateway = "10.0.1.1"
//! [host.r1]
//! router = true
//!
//! [[link]]
//! h1 = "10.0.1.10/24"
//! r1 = ["10.0.1.1/24", "2001:db8:1::1/64"]
//! ```

use std::collections::BTreeMap;
use std::net::IpAddr;

use ipnet::IpNet;
use serde::Deserialize;
use toml::Spanned;

use super::impair::Impairment;
use super::{Host, Interface, Link, Topology};

/// The most hosts one file may build: each is a namespace of the kernel's.
pub const MAX_HOSTS: usize = 100;
/// The longest host name: interface names are built from it and the kernel allows 15 bytes.
pub const MAX_NAME: usize = 10;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    #[serde(default)]
    host: BTreeMap<Spanned<String>, Spanned<HostSpec>>,
    #[serde(default)]
    link: Vec<Spanned<BTreeMap<Spanned<String>, Spanned<OneOrMany>>>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct HostSpec {
    #[serde(default)]
    router: bool,
    #[serde(default)]
    gateway: Option<Spanned<OneOrMany>>,
}

#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn items(&self) -> Vec<String> {
        match self {
            OneOrMany::One(one) => vec![one.clone()],
            OneOrMany::Many(many) => many.clone(),
        }
    }
}

/// What is wrong with a topology file, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    /// 1-based line and column of the field at fault.
    pub line: usize,
    pub column: usize,
    pub problem: FileProblem,
}

/// The mistakes a topology file can hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    /// Not TOML, or a field of the wrong kind: the parser's own words.
    Syntax(String),
    /// A link names a host the file does not declare under `[host.NAME]`.
    UnknownHost(String),
    /// A host name that is empty, too long, or not made of a-z, 0-9 and `-`.
    BadName(String),
    /// Not an address with its prefix length (`10.0.1.10/24`).
    BadAddress(String),
    /// Not an address (a gateway).
    BadGateway(String),
    /// A link with fewer than two hosts.
    LonelyLink,
    /// A link of more than two hosts (a LAN) needs a router among them to hold its switch.
    LanWithoutRouter,
    /// The same address twice.
    DuplicateAddress(IpAddr),
    /// No host at all, or more than [`MAX_HOSTS`].
    HostCount(usize),
    /// A declared host on no link.
    Unlinked(String),
}

fn position(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn error_at(source: &str, offset: usize, problem: FileProblem) -> FileError {
    let (line, column) = position(source, offset);
    FileError {
        line,
        column,
        problem,
    }
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// An interface as the file gives it; its MAC is set once the host's place is known.
fn card(name: &str, addresses: Vec<IpNet>, ports: Vec<String>) -> Interface {
    Interface {
        name: name.to_string(),
        mac: [0; 6],
        addresses,
        ports,
    }
}

/// How many `ethN` a host has so far (a switch's ports are named after their hosts).
fn cards(interfaces: &[Interface]) -> usize {
    interfaces
        .iter()
        .filter(|i| i.name.starts_with("eth"))
        .count()
}

/// A deterministic, locally administered MAC for interface `n` of host `h`.
fn mac(h: usize, n: usize) -> super::Mac {
    [0x02, 0x00, 0x00, 0x01, h as u8, n as u8]
}

/// Each item of `field` read as a `T`; the first that is not one is the field's mistake.
fn parsed_items<T: std::str::FromStr>(
    source: &str,
    field: &Spanned<OneOrMany>,
    problem: fn(String) -> FileProblem,
) -> Result<Vec<T>, FileError> {
    field
        .get_ref()
        .items()
        .into_iter()
        .map(|text| {
            text.parse()
                .map_err(|_| error_at(source, field.span().start, problem(text)))
        })
        .collect()
}

/// Reads a topology file; nothing is built until the whole file is right.
pub fn parse(source: &str) -> Result<Topology, FileError> {
    let spec: FileSpec = toml::from_str(source).map_err(|error| {
        let offset = error.span().map_or(0, |span| span.start);
        error_at(
            source,
            offset,
            FileProblem::Syntax(error.message().to_string()),
        )
    })?;
    if spec.host.is_empty() || spec.host.len() > MAX_HOSTS {
        return Err(error_at(source, 0, FileProblem::HostCount(spec.host.len())));
    }
    for name in spec.host.keys() {
        if !valid_name(name.get_ref()) {
            return Err(error_at(
                source,
                name.span().start,
                FileProblem::BadName(name.get_ref().clone()),
            ));
        }
    }
    let declared = |name: &str| spec.host.keys().any(|k| k.get_ref() == name);
    // Hosts in the order the links first name them: the path a reader follows.
    let mut order: Vec<String> = Vec::new();
    let mut interfaces: BTreeMap<String, Vec<Interface>> = BTreeMap::new();
    let mut links = Vec::new();
    let mut seen_addresses: Vec<IpAddr> = Vec::new();
    for link in &spec.link {
        let ends = link.get_ref();
        if ends.len() < 2 {
            return Err(error_at(source, link.span().start, FileProblem::LonelyLink));
        }
        let mut members = Vec::new();
        for (name, addresses) in ends {
            if !declared(name.get_ref()) {
                return Err(error_at(
                    source,
                    name.span().start,
                    FileProblem::UnknownHost(name.get_ref().clone()),
                ));
            }
            let nets: Vec<IpNet> = parsed_items(source, addresses, FileProblem::BadAddress)?;
            for net in &nets {
                if seen_addresses.contains(&net.addr()) {
                    return Err(error_at(
                        source,
                        addresses.span().start,
                        FileProblem::DuplicateAddress(net.addr()),
                    ));
                }
                seen_addresses.push(net.addr());
            }
            if !order.contains(name.get_ref()) {
                order.push(name.get_ref().clone());
            }
            members.push((name.get_ref().clone(), nets));
        }
        let is_router = |name: &str| {
            spec.host
                .iter()
                .find(|(k, _)| k.get_ref() == name)
                .is_some_and(|(_, h)| h.get_ref().router)
        };
        if members.len() == 2 {
            let mut ends = Vec::new();
            for (name, nets) in &members {
                let list = interfaces.entry(name.clone()).or_default();
                let ifname = format!("eth{}", cards(list));
                list.push(card(&ifname, nets.clone(), Vec::new()));
                ends.push((name.clone(), ifname));
            }
            links.push(Link {
                a: ends[0].clone(),
                b: ends[1].clone(),
                impairment: Impairment::default(),
            });
        } else {
            // A LAN: a bridge on its router, a port on the bridge for every other member.
            let Some(router) = members
                .iter()
                .map(|(n, _)| n.clone())
                .find(|n| is_router(n))
            else {
                return Err(error_at(
                    source,
                    link.span().start,
                    FileProblem::LanWithoutRouter,
                ));
            };
            let bridge_name = format!(
                "eth{}",
                cards(interfaces.entry(router.clone()).or_default())
            );
            let mut ports = Vec::new();
            for (name, nets) in &members {
                if *name == router {
                    continue;
                }
                let port = format!("sw-{name}");
                ports.push(port.clone());
                let list = interfaces.entry(name.clone()).or_default();
                let ifname = format!("eth{}", cards(list));
                list.push(card(&ifname, nets.clone(), Vec::new()));
                links.push(Link {
                    a: (name.clone(), ifname),
                    b: (router.clone(), port),
                    impairment: Impairment::default(),
                });
            }
            let router_nets = members
                .iter()
                .find(|(n, _)| *n == router)
                .map(|(_, nets)| nets.clone())
                .unwrap_or_default();
            let list = interfaces.entry(router.clone()).or_default();
            for port in &ports {
                list.push(card(port, Vec::new(), Vec::new()));
            }
            list.push(card(&bridge_name, router_nets, ports));
        }
    }
    for name in spec.host.keys() {
        if !order.contains(name.get_ref()) {
            return Err(error_at(
                source,
                name.span().start,
                FileProblem::Unlinked(name.get_ref().clone()),
            ));
        }
    }
    let mut hosts = Vec::new();
    for (h, name) in order.iter().enumerate() {
        // Every host in `order` was found declared above.
        let Some((_, spec_host)) = spec.host.iter().find(|(k, _)| k.get_ref() == name) else {
            continue;
        };
        let gateways: Vec<IpAddr> = match &spec_host.get_ref().gateway {
            Some(gateway) => parsed_items(source, gateway, FileProblem::BadGateway)?,
            None => Vec::new(),
        };
        let mut list = interfaces.remove(name).unwrap_or_default();
        for (n, interface) in list.iter_mut().enumerate() {
            interface.mac = mac(h + 1, n + 1);
        }
        hosts.push(Host {
            name: name.clone(),
            interfaces: list,
            gateways,
            forwarding: spec_host.get_ref().router,
            services: Vec::new(),
        });
    }
    Ok(Topology { hosts, links })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHAIN: &str = r#"
[host.h1]
gateway = "10.0.1.1"
[host.r1]
router = true
[host.r2]
router = true
[host.h2]
gateway = ["10.0.3.1"]

[[link]]
h1 = "10.0.1.10/24"
r1 = "10.0.1.1/24"

[[link]]
r1 = "10.0.2.1/24"
r2 = "10.0.2.2/24"

[[link]]
r2 = "10.0.3.1/24"
h2 = "10.0.3.20/24"
"#;

    #[test]
    fn a_chain_reads_as_hosts_in_path_order_with_their_cables() {
        let topology = parse(CHAIN).expect("a topology");
        let names: Vec<_> = topology.hosts.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(names, ["h1", "r1", "r2", "h2"]);
        assert_eq!(topology.links.len(), 3);
        let r1 = topology.host("r1").expect("r1");
        assert!(r1.forwarding);
        assert_eq!(r1.interfaces.len(), 2);
        assert_eq!(r1.interfaces[1].addresses[0].to_string(), "10.0.2.1/24");
        let h2 = topology.host("h2").expect("h2");
        assert_eq!(h2.gateways, ["10.0.3.1".parse::<IpAddr>().unwrap()]);
        let networks = crate::lab::networks::networks(&topology);
        assert_eq!(networks.len(), 3);
        assert!(crate::lab::networks::findings(&topology, &networks).is_empty());
    }

    #[test]
    fn a_lan_puts_its_switch_on_the_router() {
        let lan = r#"
[host.r1]
router = true
[host.a]
gateway = "10.0.0.1"
[host.b]
gateway = "10.0.0.1"

[[link]]
r1 = "10.0.0.1/24"
a = "10.0.0.10/24"
b = "10.0.0.11/24"
"#;
        let topology = parse(lan).expect("a topology");
        let r1 = topology.host("r1").expect("r1");
        let bridge = r1
            .interfaces
            .iter()
            .find(|i| !i.ports.is_empty())
            .expect("a bridge");
        assert_eq!(bridge.ports, ["sw-a", "sw-b"]);
        assert_eq!(topology.links.len(), 2);
    }

    #[test]
    fn each_mistake_names_its_line_and_what_is_wrong() {
        let cases: [(&str, usize, FileProblem); 7] = [
            ("[host.h1\n", 1, FileProblem::Syntax(String::new())),
            (
                "[host.h1]\n[[link]]\nh1 = \"10.0.0.1/24\"\nh9 = \"10.0.0.2/24\"\n",
                4,
                FileProblem::UnknownHost("h9".into()),
            ),
            (
                "[host.h1]\n[host.h2]\n[[link]]\nh1 = \"10.0.0.300/24\"\nh2 = \"10.0.0.2/24\"\n",
                4,
                FileProblem::BadAddress("10.0.0.300/24".into()),
            ),
            ("[host.H_1]\n", 1, FileProblem::BadName("H_1".into())),
            (
                "[host.a]\n[host.b]\n[host.c]\n[[link]]\na = \"10.0.0.1/24\"\nb = \"10.0.0.2/24\"\nc = \"10.0.0.3/24\"\n",
                4,
                FileProblem::LanWithoutRouter,
            ),
            (
                "[host.a]\n[host.b]\n[[link]]\na = \"10.0.0.1/24\"\nb = \"10.0.0.1/24\"\n",
                5,
                FileProblem::DuplicateAddress("10.0.0.1".parse().unwrap()),
            ),
            (
                "[host.a]\n[host.b]\n[host.c]\n[[link]]\na = \"10.0.0.1/24\"\nb = \"10.0.0.2/24\"\n",
                3,
                FileProblem::Unlinked("c".into()),
            ),
        ];
        for (source, line, problem) in cases {
            let error = parse(source).expect_err(source);
            assert_eq!(error.line, line, "{source}: {error:?}");
            match (&error.problem, &problem) {
                (FileProblem::Syntax(_), FileProblem::Syntax(_)) => {}
                (got, wanted) => assert_eq!(got, wanted, "{source}"),
            }
        }
        assert!(matches!(
            parse("[host.h1]\nrouter = 1\n")
                .expect_err("a number")
                .problem,
            FileProblem::Syntax(_)
        ));
        assert!(matches!(
            parse("").expect_err("empty").problem,
            FileProblem::HostCount(0)
        ));
    }
}
