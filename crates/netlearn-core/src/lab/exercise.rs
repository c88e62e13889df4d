//! Graded exercises: the built-in lab with one thing broken on purpose, and the checks that say
//! whether a learner has fixed it. A check is a real observation made from inside a host (a
//! ping across the router, a line sent to the echo server and read back, a DNS query to the
//! server the host's resolver file names); what explains a failure is read from the lab's
//! state (addresses and default routes, forwarding, the firewall's rules, the resolver file)
//! and compared with the lab as it was planned. Typed and silent: the view words it.

use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, SocketAddrV4, TcpStream};
use std::time::{Duration, Instant};

use ipnet::{IpNet, Ipv4Net};

use super::icmp::{Answer, Pinger};
use super::netns::NetNs;
use super::nft::{self, NftError};
use super::services::{self, DNS_PORT, ECHO_PORT, LookupError};
use super::{Lab, Mistake, Topology};

/// The exercises, in the order they are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Exercise {
    /// h1's mask is too short (/4): h2 looks on-link.
    Mask,
    /// h1 has no IPv4 default route.
    Gateway,
    /// h1's resolver file names h2, where no DNS server listens.
    Dns,
    /// r1 does not forward.
    Forwarding,
    /// h2's firewall drops TCP to the echo port.
    Firewall,
}

/// The rule set the firewall exercise loads into h2 (nft's own language).
pub const FIREWALL_RULESET: &str = "table inet filter {
\tchain input {
\t\ttype filter hook input priority filter; policy accept;
\t\ttcp dport 5008 drop
\t}
}
";

/// The name server the DNS exercise writes into h1's resolver file: h2, which runs no DNS
/// server (it answers port 53 with ICMP port unreachable).
pub const WRONG_NAMESERVER: Ipv4Addr = super::H2_V4;

/// The name every DNS check asks for, and what it must resolve to.
pub const CHECKED_NAME: &str = "h2.lab.";

/// How long each observation waits.
pub const PING_TIMEOUT: Duration = Duration::from_millis(600);
pub const CONNECT_TIMEOUT: Duration = Duration::from_millis(600);
pub const DNS_TIMEOUT: Duration = Duration::from_millis(200);

impl Exercise {
    pub const ALL: [Exercise; 5] = [
        Exercise::Mask,
        Exercise::Gateway,
        Exercise::Dns,
        Exercise::Forwarding,
        Exercise::Firewall,
    ];

    /// The name typed after `lab exercise` and published for `lab check`.
    pub fn name(self) -> &'static str {
        match self {
            Exercise::Mask => "mask",
            Exercise::Gateway => "gateway",
            Exercise::Dns => "dns",
            Exercise::Forwarding => "forwarding",
            Exercise::Firewall => "firewall",
        }
    }

    pub fn from_name(name: &str) -> Option<Exercise> {
        Exercise::ALL.into_iter().find(|e| e.name() == name)
    }

    /// The lab as it is built (broken, except what [`Exercise::break_lab`] adds).
    pub fn topology(self) -> Topology {
        match self {
            Exercise::Mask => Topology::with_mistake(Mistake::Mask),
            Exercise::Gateway => Topology::with_mistake(Mistake::Gateway),
            Exercise::Forwarding => Topology::with_mistake(Mistake::NoForwarding),
            Exercise::Dns | Exercise::Firewall => Topology::default_lab(),
        }
    }

    /// The lab as it should be once fixed: what the state is compared with.
    pub fn planned(self) -> Topology {
        Topology::default_lab()
    }

    /// Host `host`'s resolver file as the exercise starts.
    pub fn resolv_conf(self, topology: &Topology, host: &str) -> String {
        match (self, host) {
            (Exercise::Dns, "h1") => format!("nameserver {WRONG_NAMESERVER}\n"),
            _ => super::resolv::default_conf(topology),
        }
    }

    /// Breaks what the topology alone cannot: the firewall's rule on h2.
    pub fn break_lab(self, lab: &Lab) -> Result<(), NftError> {
        if self == Exercise::Firewall {
            let h2 = lab
                .namespace("h2")
                .ok_or_else(|| NftError::Io(io::Error::from(io::ErrorKind::NotFound)))?;
            nft::apply(h2, FIREWALL_RULESET)?;
        }
        Ok(())
    }

    /// What is graded: the same three things for every exercise, since each breaks one of
    /// them (or all): h1 reaches h2, h2's echo server answers h1, h1's resolver finds h2.lab.
    pub fn checks(self) -> Vec<Check> {
        vec![
            Check::Ping {
                from: "h1",
                to: super::H2_V4,
            },
            Check::Echo {
                from: "h1",
                to: SocketAddrV4::new(super::H2_V4, ECHO_PORT),
            },
            Check::Resolve {
                from: "h1",
                name: CHECKED_NAME,
                expect: super::H2_V4,
            },
        ]
    }
}

/// One thing graded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// `from` pings `to` and gets an echo reply.
    Ping { from: &'static str, to: Ipv4Addr },
    /// `from` sends a line to the echo server at `to` and reads it back whole.
    Echo {
        from: &'static str,
        to: SocketAddrV4,
    },
    /// `from` asks the first server its resolver file names for `name` and gets `expect`.
    Resolve {
        from: &'static str,
        name: &'static str,
        expect: Ipv4Addr,
    },
}

impl Check {
    pub fn from(&self) -> &'static str {
        match self {
            Check::Ping { from, .. } | Check::Echo { from, .. } | Check::Resolve { from, .. } => {
                from
            }
        }
    }
}

/// Why a check failed.
#[derive(Debug)]
pub enum Failure {
    /// The ping got this instead of an echo reply.
    Ping(Answer),
    /// The TCP connection was not made (refused, timed out, unreachable).
    Connect(io::Error),
    /// Connected, but the line did not come back whole within the time.
    NoEcho { sent: usize, received: usize },
    /// The host's resolver file could not be read.
    ResolverFile(io::Error),
    /// The resolver file names no server.
    NoNameserver,
    /// The server named gave no answer.
    Lookup { server: IpAddr, error: LookupError },
    /// The server answered without the expected address.
    WrongAnswer {
        server: IpAddr,
        rcode: String,
        addresses: Vec<IpAddr>,
    },
    /// The observation could not be made (no ICMP socket, no such host).
    Io(io::Error),
}

/// A check and what came of it: the time it took when it passed, or why it failed.
#[derive(Debug)]
pub struct Graded {
    pub check: Check,
    /// The name server asked (DNS checks).
    pub server: Option<IpAddr>,
    pub outcome: Result<Duration, Failure>,
}

impl Graded {
    pub fn passed(&self) -> bool {
        self.outcome.is_ok()
    }
}

/// Something in the lab's state that differs from the plan and explains failures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// `interface` of `host` has `address`, whose prefix is not the planned one.
    Mask {
        host: String,
        interface: String,
        address: Ipv4Net,
    },
    /// A planned IPv4 address is missing from `interface` of `host`.
    NoAddress {
        host: String,
        interface: String,
        planned: Ipv4Net,
    },
    /// `host` has no IPv4 default route.
    NoDefaultRoute { host: String },
    /// `host`'s IPv4 default route goes through `gateway`, not the planned router.
    WrongGateway { host: String, gateway: Ipv4Addr },
    /// `host` is a router that does not forward IPv4.
    NotForwarding { host: String },
    /// `host`'s firewall has `rule` (in `table`, `chain`), which drops or rejects `port`.
    Firewall {
        host: String,
        table: String,
        chain: String,
        rule: String,
        port: u16,
    },
    /// `host`'s resolver file names `nameserver` (first), not the lab's DNS server `dns`.
    Resolver {
        host: String,
        nameserver: Option<IpAddr>,
        dns: IpAddr,
    },
}

impl Finding {
    /// Whether this explains a failure of `check`.
    pub fn explains(&self, check: &Check) -> bool {
        match self {
            Finding::Firewall { port, .. } => {
                matches!(check, Check::Echo { to, .. } if to.port() == *port)
            }
            Finding::Resolver { host, .. } => {
                matches!(check, Check::Resolve { from, .. } if from == host)
            }
            _ => true,
        }
    }
}

/// The whole grade: each check, and what the state shows.
#[derive(Debug)]
pub struct Grade {
    pub exercise: Exercise,
    pub checks: Vec<Graded>,
    pub findings: Vec<Finding>,
}

impl Grade {
    pub fn passed(&self) -> bool {
        self.checks.iter().all(Graded::passed)
    }
}

/// The running lab as `lab check` sees it: each host's namespace, each host's resolver file.
pub trait LabView: Sync {
    fn namespace(&self, host: &str) -> io::Result<NetNs>;
    fn resolv_conf(&self, host: &str) -> io::Result<String>;
}

/// Grades `exercise` on the running lab `lab`: every check and the state read at once, each
/// on a thread of its own (the slowest observation, not their sum, is the time it takes).
pub fn grade(exercise: Exercise, lab: &dyn LabView) -> Grade {
    let checks = exercise.checks();
    let planned = exercise.planned();
    std::thread::scope(|scope| {
        let running: Vec<_> = checks
            .iter()
            .map(|check| scope.spawn(move || observe(*check, lab)))
            .collect();
        let findings = scope.spawn(|| findings(&planned, &checks, lab));
        let checks = running
            .into_iter()
            .zip(&checks)
            .map(|(thread, check)| {
                // A panic there is a bug of this process: it goes on here.
                let graded = thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                debug_assert_eq!(graded.check, *check);
                graded
            })
            .collect();
        Grade {
            exercise,
            checks,
            findings: findings
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        }
    })
}

fn observe(check: Check, lab: &dyn LabView) -> Graded {
    let mut server = None;
    let outcome = match lab.namespace(check.from()) {
        Err(error) => Err(Failure::Io(error)),
        Ok(ns) => match check {
            Check::Ping { to, .. } => ns.run(|| ping(to)).map_err(Failure::Io).and_then(|r| r),
            Check::Echo { to, .. } => ns.run(|| echo(to)).map_err(Failure::Io).and_then(|r| r),
            Check::Resolve {
                from, name, expect, ..
            } => match lab.resolv_conf(from) {
                Err(error) => Err(Failure::ResolverFile(error)),
                Ok(text) => match super::resolv::nameservers(&text).first() {
                    None => Err(Failure::NoNameserver),
                    Some(first) => {
                        server = Some(*first);
                        let asked = SocketAddr::new(*first, DNS_PORT);
                        ns.run(|| resolve(asked, name, expect))
                            .map_err(Failure::Io)
                            .and_then(|r| r)
                    }
                },
            },
        },
    };
    Graded {
        check,
        server,
        outcome,
    }
}

fn ping(to: Ipv4Addr) -> Result<Duration, Failure> {
    let mut pinger = Pinger::open().map_err(|refused| Failure::Io(refused.datagram))?;
    let probe = pinger.probe(to, 64, PING_TIMEOUT).map_err(Failure::Io)?;
    match probe.answer {
        Answer::Echo { rtt, .. } => Ok(rtt),
        answer => Err(Failure::Ping(answer)),
    }
}

/// The line sent to the echo server.
const ECHO_LINE: &[u8] = b"netlearn lab check\n";

fn echo(to: SocketAddrV4) -> Result<Duration, Failure> {
    let started = Instant::now();
    let mut stream = TcpStream::connect_timeout(&SocketAddr::V4(to), CONNECT_TIMEOUT)
        .map_err(Failure::Connect)?;
    let no_echo = |received| Failure::NoEcho {
        sent: ECHO_LINE.len(),
        received,
    };
    stream
        .set_write_timeout(Some(CONNECT_TIMEOUT))
        .map_err(Failure::Io)?;
    stream.write_all(ECHO_LINE).map_err(|_| no_echo(0))?;
    let deadline = Instant::now() + CONNECT_TIMEOUT;
    let mut back = Vec::with_capacity(ECHO_LINE.len());
    let mut buffer = [0u8; 64];
    // Bounded by the deadline and by the line's length.
    while back.len() < ECHO_LINE.len() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(no_echo(back.len()));
        }
        stream.set_read_timeout(Some(left)).map_err(Failure::Io)?;
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return Err(no_echo(back.len())),
            Ok(n) => back.extend_from_slice(&buffer[..n]),
        }
    }
    if back != ECHO_LINE {
        return Err(no_echo(back.len()));
    }
    Ok(started.elapsed())
}

fn resolve(server: SocketAddr, name: &str, expect: Ipv4Addr) -> Result<Duration, Failure> {
    use hickory_server::proto::rr::RecordType;
    let lookup = services::lookup(server, name, RecordType::A, DNS_TIMEOUT).map_err(|error| {
        Failure::Lookup {
            server: server.ip(),
            error,
        }
    })?;
    if lookup.addresses.contains(&IpAddr::V4(expect)) {
        Ok(lookup.rtt)
    } else {
        Err(Failure::WrongAnswer {
            server: server.ip(),
            rcode: lookup.rcode.to_string(),
            addresses: lookup.addresses,
        })
    }
}

/// Reads the lab's state and lists where it differs from `planned` in ways that break
/// `checks`.
fn findings(planned: &Topology, checks: &[Check], lab: &dyn LabView) -> Vec<Finding> {
    let mut found = Vec::new();
    for host in &planned.hosts {
        let Ok(ns) = lab.namespace(&host.name) else {
            continue;
        };
        let Ok(state) = ns.run(|| HostState::read(host.forwarding)) else {
            continue;
        };
        for interface in &host.interfaces {
            for planned_address in interface.addresses.iter().filter_map(|a| match a {
                IpNet::V4(v4) => Some(*v4),
                IpNet::V6(_) => None,
            }) {
                let have: Vec<Ipv4Net> = state
                    .addresses
                    .iter()
                    .filter(|(name, a)| {
                        name == &interface.name && a.addr() == planned_address.addr()
                    })
                    .map(|(_, a)| *a)
                    .collect();
                if have.contains(&planned_address) {
                    continue;
                }
                match have.first() {
                    Some(address) => found.push(Finding::Mask {
                        host: host.name.clone(),
                        interface: interface.name.clone(),
                        address: *address,
                    }),
                    None => found.push(Finding::NoAddress {
                        host: host.name.clone(),
                        interface: interface.name.clone(),
                        planned: planned_address,
                    }),
                }
            }
        }
        if let Some(IpAddr::V4(gateway)) = host.gateways.iter().find(|g| g.is_ipv4()) {
            match state.default_gateway {
                None => found.push(Finding::NoDefaultRoute {
                    host: host.name.clone(),
                }),
                Some(have) if have != *gateway => found.push(Finding::WrongGateway {
                    host: host.name.clone(),
                    gateway: have,
                }),
                Some(_) => {}
            }
        }
        if host.forwarding && state.forwarding == Some(false) {
            found.push(Finding::NotForwarding {
                host: host.name.clone(),
            });
        }
        let ports: Vec<u16> = checks
            .iter()
            .filter_map(|c| match c {
                Check::Echo { to, .. } if *to.ip() == first_v4(host) => Some(to.port()),
                _ => None,
            })
            .collect();
        // nft is started inside the host (its own setns); a host without nft has no rules.
        if !ports.is_empty()
            && let Ok(ruleset) = nft::nft(&ns, &["list", "ruleset"], None)
        {
            found.extend(blocking_rules(&ruleset, &ports).into_iter().map(
                |(table, chain, rule, port)| Finding::Firewall {
                    host: host.name.clone(),
                    table,
                    chain,
                    rule,
                    port,
                },
            ));
        }
    }
    let dns = planned
        .hosts
        .iter()
        .find(|h| h.services.contains(&super::Service::Dns));
    for check in checks {
        if let (Check::Resolve { from, .. }, Some(dns)) = (check, dns) {
            let named = lab
                .resolv_conf(from)
                .ok()
                .and_then(|text| super::resolv::nameservers(&text).first().copied());
            // Any address of the DNS host will do (IPv6 too).
            let serves = |address: IpAddr| {
                dns.interfaces
                    .iter()
                    .flat_map(|i| &i.addresses)
                    .any(|a| a.addr() == address)
            };
            if !named.is_some_and(serves) {
                let dns = IpAddr::V4(first_v4(dns));
                found.push(Finding::Resolver {
                    host: from.to_string(),
                    nameserver: named,
                    dns,
                });
            }
        }
    }
    found
}

fn first_v4(host: &super::Host) -> Ipv4Addr {
    host.interfaces
        .iter()
        .flat_map(|i| &i.addresses)
        .find_map(|a| match a {
            IpNet::V4(v4) => Some(v4.addr()),
            IpNet::V6(_) => None,
        })
        .unwrap_or(Ipv4Addr::UNSPECIFIED)
}

/// What one host's namespace holds, read from inside it.
struct HostState {
    /// (interface, address) for every IPv4 address.
    addresses: Vec<(String, Ipv4Net)>,
    default_gateway: Option<Ipv4Addr>,
    /// net.ipv4.ip_forward, where asked and readable.
    forwarding: Option<bool>,
}

impl HostState {
    fn read(forwarding: bool) -> HostState {
        let addresses = if_addrs::get_if_addrs()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|interface| match interface.addr {
                if_addrs::IfAddr::V4(v4) => {
                    let prefix = u32::from(v4.netmask).leading_ones() as u8;
                    Ipv4Net::new(v4.ip, prefix)
                        .ok()
                        .map(|net| (interface.name.clone(), net))
                }
                if_addrs::IfAddr::V6(_) => None,
            })
            .collect();
        let default_gateway = std::fs::read_to_string("/proc/thread-self/net/route")
            .ok()
            .and_then(|table| default_gateway(&table));
        let forwarding = forwarding
            .then(|| std::fs::read_to_string("/proc/sys/net/ipv4/ip_forward").ok())
            .flatten()
            .map(|value| value.trim() != "0");
        HostState {
            addresses,
            default_gateway,
            forwarding,
        }
    }
}

/// The gateway of the IPv4 default route in /proc/net/route's table (hexadecimal, in the
/// machine's byte order).
fn default_gateway(table: &str) -> Option<Ipv4Addr> {
    table.lines().skip(1).find_map(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let hex = |i: usize| u32::from_str_radix(fields.get(i)?, 16).ok();
        if hex(1)? != 0 || hex(7)? != 0 {
            return None;
        }
        Some(Ipv4Addr::from(hex(2)?.to_ne_bytes()))
    })
}

/// The rules of `nft list ruleset`'s text that drop or reject TCP to one of `ports`: (table,
/// chain, rule, port).
fn blocking_rules(ruleset: &str, ports: &[u16]) -> Vec<(String, String, String, u16)> {
    let mut table = String::new();
    let mut chain = String::new();
    let mut found = Vec::new();
    for line in ruleset.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("table ") {
            table = rest.trim_end_matches('{').trim().to_string();
            continue;
        }
        if let Some(rest) = line.strip_prefix("chain ") {
            chain = rest.trim_end_matches('{').trim().to_string();
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        let blocks = words.iter().any(|w| matches!(*w, "drop" | "reject"));
        if !blocks {
            continue;
        }
        let port = words.windows(2).find_map(|pair| {
            (pair[0] == "dport")
                .then(|| pair[1].parse::<u16>().ok())
                .flatten()
                .filter(|p| ports.contains(p))
        });
        if let Some(port) = port {
            found.push((table.clone(), chain.clone(), line.to_string(), port));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_go_both_ways() {
        for exercise in Exercise::ALL {
            assert_eq!(Exercise::from_name(exercise.name()), Some(exercise));
        }
        assert_eq!(Exercise::from_name("nope"), None);
    }

    #[test]
    fn each_exercise_breaks_what_it_says() {
        let h1 = |t: &Topology| t.host("h1").expect("h1").clone();
        assert_eq!(
            h1(&Exercise::Mask.topology()).interfaces[0].addresses[0].prefix_len(),
            super::super::MISTAKE_PREFIX
        );
        assert!(
            h1(&Exercise::Gateway.topology())
                .gateways
                .iter()
                .all(|g| !g.is_ipv4())
        );
        assert!(
            !Exercise::Forwarding
                .topology()
                .host("r1")
                .expect("r1")
                .forwarding
        );
        let lab = Topology::default_lab();
        assert_eq!(
            Exercise::Dns.resolv_conf(&lab, "h1"),
            "nameserver 198.51.100.20\n"
        );
        assert_eq!(
            Exercise::Dns.resolv_conf(&lab, "h2"),
            "nameserver 198.51.100.53\n"
        );
        assert_eq!(Exercise::Firewall.topology(), lab);
    }

    #[test]
    fn the_default_route_is_read_from_the_kernels_table() {
        let table = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n\
             eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n\
             eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n";
        if cfg!(target_endian = "little") {
            assert_eq!(default_gateway(table), Some(Ipv4Addr::new(192, 0, 2, 1)));
        }
        assert_eq!(
            default_gateway(
                table
                    .lines()
                    .take(2)
                    .collect::<Vec<_>>()
                    .join("\n")
                    .as_str()
            ),
            None
        );
    }

    #[test]
    fn a_rule_dropping_the_echo_port_is_found_with_its_table_and_chain() {
        let ruleset = "table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy accept;\n\t\ttcp dport 5008 drop\n\t\ttcp dport 80 drop\n\t\ttcp dport 5008 accept\n\t}\n}\n";
        assert_eq!(
            blocking_rules(ruleset, &[5008]),
            vec![(
                "inet filter".to_string(),
                "input".to_string(),
                "tcp dport 5008 drop".to_string(),
                5008
            )]
        );
        assert!(blocking_rules("", &[5008]).is_empty());
    }

    #[test]
    fn a_firewall_finding_explains_only_the_echo_check() {
        let finding = Finding::Firewall {
            host: "h2".into(),
            table: "inet filter".into(),
            chain: "input".into(),
            rule: "tcp dport 5008 drop".into(),
            port: 5008,
        };
        let checks = Exercise::Firewall.checks();
        let explained: Vec<bool> = checks.iter().map(|c| finding.explains(c)).collect();
        assert_eq!(explained, vec![false, true, false]);
    }
}
