//! The NAT lab: a private LAN (RFC 1918) behind a router that masquerades with nftables to an
//! "outside" network, all inside the lab's namespaces; the router's connection-tracking
//! entries, typed from `/proc/net/nf_conntrack` (or `conntrack -L -o extended`, the same
//! format).

use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::process::Stdio;
use std::time::{Duration, Instant};

use tokio_util::sync::CancellationToken;

use super::netns::NetNs;
use super::services::ECHO_PORT;
use super::{Host, Interface, Link, Service, Topology, impair, mac, veth};

/// h1, on the private LAN.
pub const H1: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 10);
/// h2, on the private LAN.
pub const H2: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 20);
/// r1's LAN side: the LAN's default gateway.
pub const R1_INSIDE: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 1);
/// r1's outside address (TEST-NET-3): every LAN host's connections leave with it.
pub const R1_OUTSIDE: Ipv4Addr = Ipv4Addr::new(203, 0, 113, 1);
/// The server outside.
pub const SRV: Ipv4Addr = Ipv4Addr::new(203, 0, 113, 80);
/// r1's interface on the LAN (a bridge: the LAN's switch).
pub const INSIDE_INTERFACE: &str = "eth0";
/// r1's interface to the outside network.
pub const OUTSIDE_INTERFACE: &str = "eth1";
/// The source port h1 and h2 both choose on purpose: the second connection through r1 cannot
/// keep it.
pub const SOURCE_PORT: u16 = 40000;

/// r1's rules, in nft's language: rewrite the source of what leaves by eth1 to eth1's address.
pub const RULESET: &str = "table ip nat {
  chain postrouting {
    type nat hook postrouting priority srcnat;
    oifname \"eth1\" masquerade
  }
}
";

/// h1 and h2 on a LAN switch in r1 (10.0.0.0/24), r1's eth1 to srv (203.0.113.0/24). srv
/// has no route to the LAN: as on the internet, no router outside carries private addresses.
pub fn topology() -> Topology {
    let lan_host = |name: &str, last: u8, address: &str| Host {
        name: name.into(),
        interfaces: vec![veth("eth0", mac([1, last]), &[address])],
        gateways: vec![R1_INSIDE.into()],
        forwarding: false,
        services: Vec::new(),
    };
    let r1 = Host {
        name: "r1".into(),
        interfaces: vec![
            veth("sw-h1", mac([1, 0xf1]), &[]),
            veth("sw-h2", mac([1, 0xf2]), &[]),
            Interface {
                name: INSIDE_INTERFACE.into(),
                mac: mac([1, 0x01]),
                addresses: vec![super::net("10.0.0.1/24")],
                ports: vec!["sw-h1".into(), "sw-h2".into()],
            },
            veth(OUTSIDE_INTERFACE, mac([3, 0x01]), &["203.0.113.1/24"]),
        ],
        gateways: Vec::new(),
        forwarding: true,
        services: Vec::new(),
    };
    let srv = Host {
        name: "srv".into(),
        interfaces: vec![veth("eth0", mac([3, 0x80]), &["203.0.113.80/24"])],
        gateways: Vec::new(),
        forwarding: false,
        services: vec![Service::Echo],
    };
    let link = |a: (&str, &str), b: (&str, &str)| Link {
        a: (a.0.into(), a.1.into()),
        b: (b.0.into(), b.1.into()),
        impairment: impair::Impairment::default(),
    };
    Topology {
        hosts: vec![
            lan_host("h1", 0x10, "10.0.0.10/24"),
            lan_host("h2", 0x20, "10.0.0.20/24"),
            r1,
            srv,
        ],
        links: vec![
            link(("h1", "eth0"), ("r1", "sw-h1")),
            link(("h2", "eth0"), ("r1", "sw-h2")),
            link(("r1", OUTSIDE_INTERFACE), ("srv", "eth0")),
        ],
    }
}

/// One direction of a tracked connection, as the kernel writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tuple {
    pub src: IpAddr,
    pub dst: IpAddr,
    /// Ports (TCP, UDP); none for ICMP and others.
    pub sport: Option<u16>,
    pub dport: Option<u16>,
}

impl Tuple {
    pub fn source(&self) -> Option<SocketAddr> {
        self.sport.map(|port| SocketAddr::new(self.src, port))
    }

    pub fn destination(&self) -> Option<SocketAddr> {
        self.dport.map(|port| SocketAddr::new(self.dst, port))
    }
}

/// One entry of the router's connection-tracking table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConntrackEntry {
    /// `tcp`, `udp`, `icmp`, ...
    pub protocol: String,
    /// Seconds left before the entry is forgotten if nothing more is seen.
    pub timeout: Duration,
    /// TCP only: the kernel's name of the connection's state (`ESTABLISHED`, `TIME_WAIT`).
    pub state: Option<String>,
    /// The first packet's addresses and ports, as it arrived at the router.
    pub original: Tuple,
    /// What an answer must look like when it arrives at the router.
    pub reply: Tuple,
    /// Traffic was seen both ways long enough: the entry is not dropped early when the table
    /// is full.
    pub assured: bool,
    /// No answer seen yet.
    pub unreplied: bool,
}

impl ConntrackEntry {
    /// The source the original direction's packets leave with (the reply's destination):
    /// different from the original source when the router rewrites it.
    pub fn translated_source(&self) -> Option<SocketAddr> {
        self.reply.destination()
    }

    /// Whether the router rewrites this connection's source (its address or its port).
    pub fn source_rewritten(&self) -> bool {
        self.translated_source() != self.original.source()
    }
}

/// A line of the table that is not in the kernel's format.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("conntrack line {line}: {problem:?}")]
pub struct ParseError {
    /// 1-based.
    pub line: usize,
    pub problem: ParseProblem,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseProblem {
    /// Fewer words than the fixed columns.
    Short,
    /// A column that should be a number is not.
    NotANumber(String),
    /// `src=` / `dst=` that is not an address, `sport=` / `dport=` that is not a port.
    BadValue(String),
    /// Not two `src=` `dst=` groups (original and reply).
    MissingTuple,
}

/// Parses the table as `/proc/net/nf_conntrack` and `conntrack -L -o extended` write it:
///
/// `ipv4 2 tcp 6 431999 ESTABLISHED src=10.0.0.10 dst=203.0.113.80 sport=40000 dport=5008
/// src=203.0.113.80 dst=203.0.113.1 sport=5008 dport=40000 [ASSURED] mark=0 zone=0 use=2`
///
/// (`conntrack -L` without `-o extended` leaves out the first two columns: accepted too).
pub fn parse_conntrack(text: &str) -> Result<Vec<ConntrackEntry>, ParseError> {
    let mut entries = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() || line.starts_with("conntrack v") {
            continue;
        }
        let fail = |problem| ParseError {
            line: n + 1,
            problem,
        };
        // With the layer-3 columns (`ipv4 2`), the protocol is the third word.
        let skip =
            if words.len() > 1 && words[1].parse::<u8>().is_ok() && words[0].starts_with("ipv") {
                2
            } else {
                0
            };
        let fixed = &words[skip.min(words.len())..];
        if fixed.len() < 3 {
            return Err(fail(ParseProblem::Short));
        }
        let protocol = fixed[0].to_string();
        fixed[1]
            .parse::<u8>()
            .map_err(|_| fail(ParseProblem::NotANumber(fixed[1].to_string())))?;
        let timeout = fixed[2]
            .parse::<u64>()
            .map_err(|_| fail(ParseProblem::NotANumber(fixed[2].to_string())))?;
        let mut rest = &fixed[3..];
        let state = match rest.first() {
            Some(word) if !word.contains('=') && !word.starts_with('[') => {
                rest = &rest[1..];
                Some(word.to_string())
            }
            _ => None,
        };
        let mut tuples: Vec<Tuple> = Vec::new();
        let (mut assured, mut unreplied) = (false, false);
        for word in rest {
            match *word {
                "[ASSURED]" => assured = true,
                "[UNREPLIED]" => unreplied = true,
                _ => {}
            }
            let Some((key, value)) = word.split_once('=') else {
                continue;
            };
            let bad = || fail(ParseProblem::BadValue(word.to_string()));
            match key {
                "src" => {
                    // A new tuple starts at each src= (the original, then the reply).
                    if tuples.len() == 2 {
                        continue;
                    }
                    let src: IpAddr = value.parse().map_err(|_| bad())?;
                    tuples.push(Tuple {
                        src,
                        dst: src,
                        sport: None,
                        dport: None,
                    });
                }
                "dst" | "sport" | "dport" => {
                    let Some(tuple) = tuples.last_mut() else {
                        return Err(fail(ParseProblem::MissingTuple));
                    };
                    match key {
                        "dst" => tuple.dst = value.parse().map_err(|_| bad())?,
                        "sport" => tuple.sport = Some(value.parse().map_err(|_| bad())?),
                        _ => tuple.dport = Some(value.parse().map_err(|_| bad())?),
                    }
                }
                _ => {}
            }
        }
        let [original, reply] = tuples[..] else {
            return Err(fail(ParseProblem::MissingTuple));
        };
        entries.push(ConntrackEntry {
            protocol,
            timeout: Duration::from_secs(timeout),
            state,
            original,
            reply,
            assured,
            unreplied,
        });
    }
    Ok(entries)
}

/// Why the table could not be read (worded by the NAT view).
#[derive(Debug, thiserror::Error)]
pub enum ConntrackError {
    /// No `/proc/net/nf_conntrack` and no `conntrack` program (Debian: the conntrack package).
    #[error("neither /proc/net/nf_conntrack nor the conntrack program is there")]
    Missing,
    /// conntrack ran and refused: its own words.
    #[error("conntrack refused: {said}")]
    Refused { said: String },
    #[error(transparent)]
    Parse(#[from] ParseError),
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// The connection-tracking table of `ns`: the kernel's file, else `conntrack -L -o extended`
/// run inside the namespace.
pub fn conntrack(ns: &NetNs) -> Result<Vec<ConntrackEntry>, ConntrackError> {
    // /proc/thread-self/net is the namespace of the reading thread (/proc/net would be the
    // process's).
    match ns.run(|| std::fs::read_to_string("/proc/thread-self/net/nf_conntrack"))? {
        Ok(text) => return Ok(parse_conntrack(&text)?),
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(error) => return Err(error.into()),
    }
    let mut command = ns.command("conntrack")?;
    command
        .args(["-L", "-o", "extended"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let output = match command.output() {
        Ok(output) => output,
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return Err(ConntrackError::Missing);
        }
        Err(error) => return Err(error.into()),
    };
    if !output.status.success() {
        return Err(ConntrackError::Refused {
            said: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        });
    }
    Ok(parse_conntrack(&String::from_utf8_lossy(&output.stdout))?)
}

/// netlearn's echo server on port 5008 of a host, until [`EchoServer::stop`].
pub struct EchoServer {
    shutdown: CancellationToken,
    thread: std::thread::JoinHandle<()>,
}

/// How long the server's thread may take to bind.
const START_WITHIN: Duration = Duration::from_secs(5);

impl EchoServer {
    /// Starts the server inside `ns`, listening on every address; returns once it listens.
    pub fn start(ns: &NetNs) -> io::Result<EchoServer> {
        use crate::echo::event::{Events, Role};
        use crate::echo::server::{ServerConfig, serve_tcp};
        let shutdown = CancellationToken::new();
        let token = shutdown.clone();
        let (ready, waiting) = std::sync::mpsc::channel();
        let thread = ns.spawn("lab-nat-echo", move || {
            let started = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .and_then(|rt| {
                    let listener = {
                        let _guard = rt.enter();
                        let std = std::net::TcpListener::bind(SocketAddr::from((
                            [0, 0, 0, 0],
                            ECHO_PORT,
                        )))?;
                        std.set_nonblocking(true)?;
                        tokio::net::TcpListener::from_std(std)?
                    };
                    Ok((rt, listener))
                });
            match started {
                Ok((rt, listener)) => {
                    let _ = ready.send(Ok(()));
                    rt.block_on(async move {
                        let (events, mut log) = Events::channel(Role::Server, false);
                        // The server's log is not shown: drained so it never blocks.
                        tokio::spawn(async move { while log.recv().await.is_some() {} });
                        let config = ServerConfig {
                            grace: Duration::from_millis(200),
                            ..ServerConfig::default()
                        };
                        serve_tcp(listener, config, events, token).await;
                    });
                }
                Err(error) => {
                    let _ = ready.send(Err(error));
                }
            }
        })?;
        let started = waiting.recv_timeout(START_WITHIN).map_err(|_| {
            shutdown.cancel();
            io::Error::new(io::ErrorKind::TimedOut, "the echo server did not start")
        })?;
        if let Err(error) = started {
            let _ = thread.join();
            return Err(error);
        }
        Ok(EchoServer { shutdown, thread })
    }

    pub fn stop(self) {
        self.shutdown.cancel();
        let _ = self.thread.join();
    }
}

/// An open connection that has sent a line and read it back.
pub struct Exchange {
    /// Kept open until dropped (the router's entry stays ESTABLISHED meanwhile).
    pub stream: TcpStream,
    pub local: SocketAddr,
    pub echoed: String,
    pub rtt: Duration,
}

/// From inside `ns`: connects from `local_port` to `server`, sends `line` and a newline, reads
/// the echoed line back; each step within `timeout`.
pub fn exchange(
    ns: &NetNs,
    local_port: u16,
    server: SocketAddr,
    line: &str,
    timeout: Duration,
) -> io::Result<Exchange> {
    let stream = ns.run(|| -> io::Result<TcpStream> {
        let socket = socket2::Socket::new(
            socket2::Domain::IPV4,
            socket2::Type::STREAM,
            Some(socket2::Protocol::TCP),
        )?;
        socket.set_reuse_address(true)?;
        socket.bind(&SocketAddr::from(([0, 0, 0, 0], local_port)).into())?;
        socket.connect_timeout(&server.into(), timeout)?;
        Ok(socket.into())
    })??;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    let started = Instant::now();
    (&stream).write_all(format!("{line}\n").as_bytes())?;
    let mut echoed = Vec::new();
    let mut buffer = [0u8; 256];
    // Bounded: the echo of one short line.
    while !echoed.contains(&b'\n') && echoed.len() < 4096 {
        let n = (&stream).read(&mut buffer)?;
        if n == 0 {
            break;
        }
        echoed.extend_from_slice(&buffer[..n]);
    }
    let rtt = started.elapsed();
    let echoed = String::from_utf8_lossy(&echoed)
        .trim_end_matches('\n')
        .to_string();
    Ok(Exchange {
        local: stream.local_addr()?,
        stream,
        echoed,
        rtt,
    })
}

/// What a connection attempt came to.
#[derive(Debug)]
pub enum Attempt {
    Connected,
    /// The kernel has no route to the address: nothing was sent.
    NoRoute,
    /// A RST came back: the address answers, nothing listens on the port.
    Refused,
    /// No answer within the time given.
    TimedOut,
    Failed(io::Error),
}

/// From inside `ns`: tries to open a TCP connection to `target` within `timeout`.
pub fn try_connect(ns: &NetNs, target: SocketAddr, timeout: Duration) -> io::Result<Attempt> {
    ns.run(|| match TcpStream::connect_timeout(&target, timeout) {
        Ok(_) => Attempt::Connected,
        Err(error) => match error.raw_os_error() {
            Some(libc::ENETUNREACH) | Some(libc::EHOSTUNREACH) => Attempt::NoRoute,
            Some(libc::ECONNREFUSED) => Attempt::Refused,
            _ if error.kind() == io::ErrorKind::TimedOut => Attempt::TimedOut,
            _ => Attempt::Failed(error),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROC: &str = "ipv4     2 tcp      6 431999 ESTABLISHED src=10.0.0.10 dst=203.0.113.80 sport=40000 dport=5008 src=203.0.113.80 dst=203.0.113.1 sport=5008 dport=40000 [ASSURED] mark=0 zone=0 use=2
ipv4     2 tcp      6 119 SYN_SENT src=10.0.0.20 dst=203.0.113.80 sport=40000 dport=5008 [UNREPLIED] src=203.0.113.80 dst=203.0.113.1 sport=5008 dport=61001 mark=0 zone=0 use=2
ipv4     2 icmp     1 29 src=10.0.0.10 dst=203.0.113.80 type=8 code=0 id=7 src=203.0.113.80 dst=203.0.113.1 type=0 code=0 id=7 mark=0 zone=0 use=2
";

    #[test]
    fn the_kernel_table_reads_as_typed_entries() {
        let entries = parse_conntrack(PROC).expect("parses");
        assert_eq!(entries.len(), 3);
        let first = &entries[0];
        assert_eq!(first.protocol, "tcp");
        assert_eq!(first.state.as_deref(), Some("ESTABLISHED"));
        assert_eq!(first.timeout, Duration::from_secs(431_999));
        assert!(first.assured && !first.unreplied);
        assert_eq!(
            first.original.source(),
            Some("10.0.0.10:40000".parse().unwrap())
        );
        assert_eq!(
            first.translated_source(),
            Some("203.0.113.1:40000".parse().unwrap())
        );
        assert!(first.source_rewritten());
        let second = &entries[1];
        assert!(second.unreplied && !second.assured);
        assert_eq!(second.reply.dport, Some(61001));
        let icmp = &entries[2];
        assert_eq!(icmp.state, None);
        assert_eq!(icmp.original.sport, None);
        assert_eq!(icmp.reply.dst, IpAddr::V4(R1_OUTSIDE));
    }

    #[test]
    fn conntrack_programs_output_reads_the_same() {
        let short = "tcp      6 119 TIME_WAIT src=10.0.0.10 dst=203.0.113.80 sport=51160 dport=5008 src=203.0.113.80 dst=203.0.113.1 sport=5008 dport=51160 [ASSURED] mark=0 use=1\nconntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n";
        let entries = parse_conntrack(short).expect("parses");
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].state.as_deref(), Some("TIME_WAIT"));
        // The address rewritten, the port kept.
        assert!(entries[0].source_rewritten());
        assert_eq!(
            entries[0].translated_source(),
            Some("203.0.113.1:51160".parse().unwrap())
        );
    }

    #[test]
    fn a_malformed_line_is_named() {
        assert_eq!(
            parse_conntrack("tcp 6 x ESTABLISHED").unwrap_err(),
            ParseError {
                line: 1,
                problem: ParseProblem::NotANumber("x".into())
            }
        );
        assert_eq!(
            parse_conntrack("\ntcp 6 9 ESTABLISHED src=10.0.0.300 dst=1.2.3.4")
                .unwrap_err()
                .line,
            2
        );
        assert_eq!(
            parse_conntrack("tcp 6 9 CLOSE src=10.0.0.1 dst=10.0.0.2")
                .unwrap_err()
                .problem,
            ParseProblem::MissingTuple
        );
    }

    #[test]
    fn the_lab_has_a_private_lan_and_a_server_without_a_way_back() {
        let topology = topology();
        let h1 = topology.host("h1").expect("h1");
        assert_eq!(h1.gateways, vec![IpAddr::V4(R1_INSIDE)]);
        assert!(topology.host("r1").expect("r1").forwarding);
        assert!(topology.host("srv").expect("srv").gateways.is_empty());
        assert_eq!(
            topology
                .owner(R1_OUTSIDE.into())
                .map(|(h, i)| (h.name.as_str(), i.name.as_str())),
            Some(("r1", OUTSIDE_INTERFACE))
        );
    }
}
