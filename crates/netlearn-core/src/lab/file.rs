//! A lab from a topology file (TOML): its hosts (a router forwards; a host may run services),
//! its links, each a table from host name to that host's addresses on it (plus what the link
//! does wrong on purpose); two hosts make a cable, more make a LAN whose switch sits on its
//! router; and what the file expects to reach and not to reach. A file is checked whole
//! before anything is built, and each mistake is told with the line, the field and what was
//! expected.
//!
//! ```toml
//! [host.h1]
//! gateway = "10.0.1.1"
//! [host.r1]
//! router = true
//! services = ["echo", "http", "dns"]
//!
//! [[link]]
//! h1 = "10.0.1.10/24"
//! r1 = ["10.0.1.1/24", "2001:db8:1::1/64"]
//! loss = "2%"
//! rate = "1mbit"
//! queue = "16kB"
//! delay = "20ms"
//!
//! [[expect]]
//! from = "h1"
//! to = "r1"
//! service = "http"
//! reach = true
//! ```

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};

use ipnet::IpNet;
use serde::Deserialize;
use toml::Spanned;

use super::impair::{self, Impairment};
use super::{Host, Interface, Link, Service, Topology};

/// The most hosts one file may build: each is a namespace of the kernel's.
pub const MAX_HOSTS: usize = 100;
/// The longest host name: interface names are built from it and the kernel allows 15 bytes.
pub const MAX_NAME: usize = 10;
/// The most expectations one file may hold (each is checked in turn).
pub const MAX_EXPECTATIONS: usize = 200;
/// The longest delay a link may add.
pub use super::impair::MAX_DELAY;

/// The services a host may list, by the name a file gives them.
pub const SERVICES: [(&str, Service); 3] = [
    ("echo", Service::Echo),
    ("http", Service::Http),
    ("dns", Service::Dns),
];

/// The name a file gives `service`.
pub fn service_name(service: Service) -> &'static str {
    match service {
        Service::Echo => "echo",
        Service::Http => "http",
        Service::Dns => "dns",
    }
}

fn service_named(name: &str) -> Option<Service> {
    SERVICES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, service)| *service)
}

/// The keys of a `[[link]]` table that say how the link misbehaves (no host may be named so).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImpairKey {
    /// `loss = "20%"`: the share of frames dropped.
    Loss,
    /// `rate = "1mbit"`: bits per second (kbit, mbit, gbit as tc writes them).
    Rate,
    /// `queue = "64kB"`: bytes that may wait behind the rate limit.
    Queue,
    /// `delay = "20ms"`: added one way (us, ms, s).
    Delay,
}

impl ImpairKey {
    pub const ALL: [ImpairKey; 4] = [
        ImpairKey::Loss,
        ImpairKey::Rate,
        ImpairKey::Queue,
        ImpairKey::Delay,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ImpairKey::Loss => "loss",
            ImpairKey::Rate => "rate",
            ImpairKey::Queue => "queue",
            ImpairKey::Delay => "delay",
        }
    }

    fn named(name: &str) -> Option<ImpairKey> {
        ImpairKey::ALL.into_iter().find(|k| k.name() == name)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    #[serde(default)]
    host: BTreeMap<Spanned<String>, Spanned<HostSpec>>,
    #[serde(default)]
    link: Vec<Spanned<BTreeMap<Spanned<String>, Spanned<toml::Value>>>>,
    #[serde(default)]
    expect: Vec<Spanned<ExpectSpec>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct HostSpec {
    #[serde(default)]
    router: bool,
    #[serde(default)]
    gateway: Option<Spanned<toml::Value>>,
    #[serde(default)]
    services: Option<Vec<Spanned<String>>>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectSpec {
    from: Spanned<String>,
    to: Spanned<String>,
    #[serde(default = "yes")]
    reach: bool,
    #[serde(default)]
    service: Option<Spanned<String>>,
}

/// What an expectation is aimed at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A host of the file (its first IPv4 address).
    Host(String),
    /// An address, whoever has it.
    Address(Ipv4Addr),
}

/// One `[[expect]]` of a file: `from` reaches `to` (by ping, or the service's own exchange),
/// or, with `reach = false`, must not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expectation {
    pub from: String,
    pub to: Target,
    /// None: a ping. Echo: a TCP connection to its port; HTTP: a GET; DNS: a query.
    pub service: Option<Service>,
    pub reach: bool,
    /// The line of its `[[expect]]` in the file.
    pub line: usize,
}

/// A whole topology file: the lab and what it expects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TopologyFile {
    pub topology: Topology,
    pub expectations: Vec<Expectation>,
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
    /// A link or an expectation names a host the file does not declare under `[host.NAME]`.
    UnknownHost(String),
    /// A host name that is empty, too long, or not made of a-z, 0-9 and `-`.
    BadName(String),
    /// A host named like a link's impairment key (loss, rate, queue, delay).
    ReservedName(String),
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
    /// A service no lab host can run (the allowed names are [`SERVICES`]).
    UnknownService(String),
    /// An impairment key's value is not what that key takes.
    BadImpairment { key: ImpairKey, text: String },
    /// `queue` without `rate`: only a rate limit makes a queue.
    QueueWithoutRate,
    /// An expectation's `to` is neither a host of the file nor an IPv4 address.
    BadTarget(String),
    /// More than [`MAX_EXPECTATIONS`] expectations.
    ExpectationCount(usize),
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

/// A value as the file wrote it, for an error message (a string without its quotes).
fn shown(value: &toml::Value) -> String {
    match value {
        toml::Value::String(text) => text.clone(),
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::Float(n) => n.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::Array(items) => {
            let items: Vec<String> = items
                .iter()
                .map(|item| match item {
                    toml::Value::String(text) => format!("{text:?}"),
                    other => shown(other),
                })
                .collect();
            format!("[{}]", items.join(", "))
        }
        toml::Value::Table(_) => "{…}".to_string(),
    }
}

/// Each item of `field` (a string or a list of strings) read as a `T`; the first that is not
/// one is the field's mistake.
fn parsed_items<T: std::str::FromStr>(
    source: &str,
    field: &Spanned<toml::Value>,
    problem: fn(String) -> FileProblem,
) -> Result<Vec<T>, FileError> {
    let wrong = |text: String| error_at(source, field.span().start, problem(text));
    let items: Vec<&toml::Value> = match field.get_ref() {
        toml::Value::Array(items) => items.iter().collect(),
        one => vec![one],
    };
    items
        .into_iter()
        .map(|item| match item {
            toml::Value::String(text) => text.parse().map_err(|_| wrong(text.clone())),
            other => Err(wrong(shown(other))),
        })
        .collect()
}

/// Sets `key` of `impairment` from the file's `value`.
fn impair(
    source: &str,
    impairment: &mut Impairment,
    key: ImpairKey,
    value: &Spanned<toml::Value>,
) -> Result<(), FileError> {
    let wrong = || {
        error_at(
            source,
            value.span().start,
            FileProblem::BadImpairment {
                key,
                text: shown(value.get_ref()),
            },
        )
    };
    let toml::Value::String(text) = value.get_ref() else {
        return Err(wrong());
    };
    // A file writes the unit of a share and of a rate ("20%", "10mbit"), never a bare number.
    let unit = || impair::unit_written(text).then_some(()).ok_or_else(wrong);
    match key {
        ImpairKey::Loss => {
            unit()?;
            impairment.loss = Some(impair::parse_loss(text).map_err(|_| wrong())?);
        }
        ImpairKey::Rate => {
            unit()?;
            impairment.rate_bits_per_second = Some(impair::parse_rate(text).map_err(|_| wrong())?);
        }
        ImpairKey::Queue => {
            impairment.queue_bytes = Some(impair::parse_bytes(text).map_err(|_| wrong())?);
        }
        ImpairKey::Delay => {
            impairment.delay = Some(impair::parse_delay(text).map_err(|_| wrong())?);
        }
    }
    Ok(())
}

/// Reads a topology file's lab; nothing is built until the whole file is right.
pub fn parse(source: &str) -> Result<Topology, FileError> {
    parse_file(source).map(|file| file.topology)
}

/// Reads a whole topology file: the lab and its expectations.
pub fn parse_file(source: &str) -> Result<TopologyFile, FileError> {
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
        let at = |problem| Err(error_at(source, name.span().start, problem));
        if ImpairKey::named(name.get_ref()).is_some() {
            return at(FileProblem::ReservedName(name.get_ref().clone()));
        }
        if !valid_name(name.get_ref()) {
            return at(FileProblem::BadName(name.get_ref().clone()));
        }
    }
    let declared = |name: &str| spec.host.keys().any(|k| k.get_ref() == name);
    // Hosts in the order the links first name them: the path a reader follows.
    let mut order: Vec<String> = Vec::new();
    let mut interfaces: BTreeMap<String, Vec<Interface>> = BTreeMap::new();
    let mut links = Vec::new();
    let mut seen_addresses: Vec<IpAddr> = Vec::new();
    for link in &spec.link {
        let mut impairment = Impairment::default();
        let mut members = Vec::new();
        for (name, addresses) in link.get_ref() {
            if let Some(key) = ImpairKey::named(name.get_ref()) {
                impair(source, &mut impairment, key, addresses)?;
                continue;
            }
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
            members.push((name.get_ref().clone(), nets));
        }
        if members.len() < 2 {
            return Err(error_at(source, link.span().start, FileProblem::LonelyLink));
        }
        if impairment.queue_bytes.is_some() && impairment.rate_bits_per_second.is_none() {
            let queue = link
                .get_ref()
                .iter()
                .find(|(k, _)| k.get_ref() == ImpairKey::Queue.name())
                .map_or(link.span().start, |(k, _)| k.span().start);
            return Err(error_at(source, queue, FileProblem::QueueWithoutRate));
        }
        for (name, _) in &members {
            if !order.contains(name) {
                order.push(name.clone());
            }
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
                impairment,
            });
        } else {
            // A LAN: a bridge on its router, a port on the bridge for every other member;
            // the impairment is every member's cable's.
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
                    impairment,
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
        let spec_host = spec_host.get_ref();
        let gateways: Vec<IpAddr> = match &spec_host.gateway {
            Some(gateway) => parsed_items(source, gateway, FileProblem::BadGateway)?,
            None => Vec::new(),
        };
        let mut services = Vec::new();
        for item in spec_host.services.iter().flatten() {
            let service = service_named(item.get_ref()).ok_or_else(|| {
                error_at(
                    source,
                    item.span().start,
                    FileProblem::UnknownService(item.get_ref().clone()),
                )
            })?;
            if !services.contains(&service) {
                services.push(service);
            }
        }
        let mut list = interfaces.remove(name).unwrap_or_default();
        for (n, interface) in list.iter_mut().enumerate() {
            interface.mac = mac(h + 1, n + 1);
        }
        hosts.push(Host {
            name: name.clone(),
            interfaces: list,
            gateways,
            forwarding: spec_host.router,
            services,
        });
    }
    let topology = Topology { hosts, links };
    let expectations = expectations(source, &spec.expect, &topology)?;
    Ok(TopologyFile {
        topology,
        expectations,
    })
}

fn expectations(
    source: &str,
    specs: &[Spanned<ExpectSpec>],
    topology: &Topology,
) -> Result<Vec<Expectation>, FileError> {
    if specs.len() > MAX_EXPECTATIONS {
        let at = specs.get(MAX_EXPECTATIONS).map_or(0, |s| s.span().start);
        return Err(error_at(
            source,
            at,
            FileProblem::ExpectationCount(specs.len()),
        ));
    }
    let mut expectations = Vec::new();
    for spec in specs {
        let expect = spec.get_ref();
        let from = expect.from.get_ref();
        if topology.host(from).is_none() {
            return Err(error_at(
                source,
                expect.from.span().start,
                FileProblem::UnknownHost(from.clone()),
            ));
        }
        let to = expect.to.get_ref();
        let to = if topology.host(to).is_some() {
            Target::Host(to.clone())
        } else if let Ok(address) = to.parse::<Ipv4Addr>() {
            Target::Address(address)
        } else {
            return Err(error_at(
                source,
                expect.to.span().start,
                FileProblem::BadTarget(to.clone()),
            ));
        };
        let service = match &expect.service {
            Some(name) => Some(service_named(name.get_ref()).ok_or_else(|| {
                error_at(
                    source,
                    name.span().start,
                    FileProblem::UnknownService(name.get_ref().clone()),
                )
            })?),
            None => None,
        };
        expectations.push(Expectation {
            from: from.clone(),
            to,
            service,
            reach: expect.reach,
            line: position(source, spec.span().start).0,
        });
    }
    Ok(expectations)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::lab::impair::Loss;

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

    /// Two hosts on one cable, then `extra` lines appended to the file.
    fn pair(extra: &str) -> String {
        format!("[host.a]\n[host.b]\n[[link]]\na = \"10.0.0.1/24\"\nb = \"10.0.0.2/24\"\n{extra}")
    }

    #[test]
    fn services_impairment_and_expectations_are_read() {
        let source = r#"
[host.r1]
router = true
[host.h1]
gateway = "10.0.0.1"
services = ["echo", "http", "dns", "echo"]
[host.h2]
gateway = "10.0.0.1"

[[link]]
r1 = "10.0.0.1/24"
h1 = "10.0.0.10/24"
h2 = "10.0.0.11/24"
loss = "2.5%"
rate = "1.5mbit"
queue = "64KiB"
delay = "20ms"

[[expect]]
from = "h2"
to = "h1"
service = "http"

[[expect]]
from = "h1"
to = "192.0.2.99"
reach = false
"#;
        let file = parse_file(source).expect("a topology");
        let h1 = file.topology.host("h1").expect("h1");
        assert_eq!(h1.services, [Service::Echo, Service::Http, Service::Dns]);
        assert!(file.topology.host("h2").expect("h2").services.is_empty());
        // A LAN's impairment is every member's cable's.
        assert_eq!(file.topology.links.len(), 2);
        for link in &file.topology.links {
            let impairment = link.impairment;
            assert_eq!(impairment.loss.map(Loss::basis_points), Some(250));
            assert_eq!(impairment.rate_bits_per_second, Some(1_500_000));
            assert_eq!(impairment.queue_bytes, Some(65536));
            assert_eq!(impairment.delay, Some(Duration::from_millis(20)));
        }
        assert_eq!(
            file.expectations,
            [
                Expectation {
                    from: "h2".into(),
                    to: Target::Host("h1".into()),
                    service: Some(Service::Http),
                    reach: true,
                    line: 19,
                },
                Expectation {
                    from: "h1".into(),
                    to: Target::Address(Ipv4Addr::new(192, 0, 2, 99)),
                    service: None,
                    reach: false,
                    line: 24,
                },
            ]
        );
        // A file without these keys: perfect links, no services, nothing expected.
        let plain = parse_file(&pair("")).expect("a topology");
        assert!(plain.topology.links[0].impairment.is_perfect());
        assert!(plain.expectations.is_empty());
    }

    #[test]
    fn each_new_mistake_names_its_line_column_and_key() {
        let bad = |key, text: &str| FileProblem::BadImpairment {
            key,
            text: text.into(),
        };
        let cases: Vec<(String, usize, usize, FileProblem)> = vec![
            (
                "[host.a]\nservices = [\"echo\", \"ftp\"]\n[host.b]\n[[link]]\na = \"10.0.0.1/24\"\nb = \"10.0.0.2/24\"\n".into(),
                2,
                21,
                FileProblem::UnknownService("ftp".into()),
            ),
            (pair("loss = \"20\"\n"), 6, 8, bad(ImpairKey::Loss, "20")),
            (pair("loss = \"101%\"\n"), 6, 8, bad(ImpairKey::Loss, "101%")),
            (pair("rate = \"fast\"\n"), 6, 8, bad(ImpairKey::Rate, "fast")),
            (pair("rate = 1000\n"), 6, 8, bad(ImpairKey::Rate, "1000")),
            (pair("rate = \"1000\"\n"), 6, 8, bad(ImpairKey::Rate, "1000")),
            (pair("rate = \"1mbit\"\nqueue = \"lots\"\n"), 7, 9, bad(ImpairKey::Queue, "lots")),
            (pair("delay = \"20\"\n"), 6, 9, bad(ImpairKey::Delay, "20")),
            (pair("delay = [\"20ms\"]\n"), 6, 9, bad(ImpairKey::Delay, "[\"20ms\"]")),
            (pair("queue = \"64kB\"\n"), 6, 1, FileProblem::QueueWithoutRate),
            (
                "[host.a]\n[host.rate]\n".into(),
                2,
                7,
                FileProblem::ReservedName("rate".into()),
            ),
            (
                "[host.a]\n[host.b]\n[[link]]\na = \"10.0.0.1/24\"\nloss = \"1%\"\n".into(),
                3,
                1,
                FileProblem::LonelyLink,
            ),
            (
                pair("[[expect]]\nfrom = \"z\"\nto = \"b\"\n"),
                7,
                8,
                FileProblem::UnknownHost("z".into()),
            ),
            (
                pair("[[expect]]\nfrom = \"a\"\nto = \"nowhere\"\n"),
                8,
                6,
                FileProblem::BadTarget("nowhere".into()),
            ),
            (
                pair("[[expect]]\nfrom = \"a\"\nto = \"b\"\nservice = \"smtp\"\n"),
                9,
                11,
                FileProblem::UnknownService("smtp".into()),
            ),
        ];
        for (source, line, column, problem) in cases {
            let error = parse_file(&source).expect_err(&source);
            assert_eq!(
                (error.line, error.column, &error.problem),
                (line, column, &problem),
                "{source}"
            );
        }
        let unknown_field = parse_file(&pair(
            "[[expect]]\nfrom = \"a\"\nto = \"b\"\nreach = \"yes\"\n",
        ))
        .expect_err("reach is true or false");
        assert!(matches!(unknown_field.problem, FileProblem::Syntax(_)));
        assert_eq!(unknown_field.line, 9);
    }

    #[test]
    fn the_default_lab_and_its_file_agree_on_services() {
        let file = parse(include_str!("../../../../examples/lab/scenario.toml")).expect("parsed");
        let default = Topology::default_lab();
        for host in &default.hosts {
            let from_file = file.host(&host.name).expect("same hosts");
            assert_eq!(from_file.services, host.services, "{}", host.name);
        }
    }

    #[test]
    fn too_many_expectations_are_refused_at_the_first_one_too_many() {
        let mut source = pair("");
        for _ in 0..=MAX_EXPECTATIONS {
            source.push_str("[[expect]]\nfrom = \"a\"\nto = \"b\"\n");
        }
        let error = parse_file(&source).expect_err("too many");
        assert_eq!(
            error.problem,
            FileProblem::ExpectationCount(MAX_EXPECTATIONS + 1)
        );
        assert_eq!(error.line, 6 + 3 * MAX_EXPECTATIONS);
    }

    /// Every prefix of each example, and each with one character replaced, is read or refused
    /// with a place inside the file: never a panic.
    #[test]
    fn cut_and_damaged_files_are_refused_with_a_place_never_a_panic() {
        let examples = [
            include_str!("../../../../examples/lab/scenario.toml"),
            include_str!("../../../../examples/lab/slow-link.toml"),
            include_str!("../../../../examples/lab/broken-mask.toml"),
        ];
        for source in examples {
            let lines = source.lines().count() + 1;
            let check = |text: &str| {
                if let Err(error) = parse_file(text) {
                    assert!(error.line >= 1 && error.line <= lines, "{error:?}");
                    assert!(error.column >= 1, "{error:?}");
                }
            };
            for (at, _) in source.char_indices() {
                check(&source[..at]);
            }
            for (at, c) in source.char_indices().step_by(7) {
                for replacement in ["\"", "=", "[", "x", "%", "-", "\n"] {
                    let damaged = format!(
                        "{}{replacement}{}",
                        &source[..at],
                        &source[at + c.len_utf8()..]
                    );
                    check(&damaged);
                }
            }
        }
    }
}
