//! `lab --topology FILE`: a lab built from a topology file with the servers its hosts name,
//! drawn with its mistakes marked; then each expectation of the file checked (a ping, a TCP
//! connection, an HTTP GET or a DNS query from one host to another), or, in a file that
//! expects nothing, every host (not a router) pinging every other; and torn down.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use serde::Serialize;

use super::impair_view::ImpairedLinks;
use crate::error::Error;
use crate::net::lab::file::{
    Expectation, FileError, FileProblem, ImpairKey, Target, TopologyFile, parse_file,
};
use crate::net::lab::icmp::{Answer, Pinger};
use crate::net::lab::services::{self, DNS_PORT, ECHO_PORT, HTTP_PORT};
use crate::net::lab::{Service, Topology, attach};
use crate::output::Format;
use crate::output::escape::terminal_safe;
use crate::output::width::{terminal_width, wrap_hanging};
use crate::tr;

/// How long one probe waits for its answer.
const PROBE_TIMEOUT: Duration = Duration::from_millis(400);

/// What is wrong with a topology file, in one line: where, and what was expected.
pub fn file_error(path: &Path, error: &FileError) -> String {
    let problem = match &error.problem {
        FileProblem::Syntax(words) => tr!("lab-file-syntax", words = words.clone()),
        FileProblem::UnknownHost(name) => {
            tr!(
                "lab-file-unknown-host",
                name = terminal_safe(name).into_owned()
            )
        }
        FileProblem::BadName(name) => tr!(
            "lab-file-bad-name",
            name = terminal_safe(name).into_owned(),
            max = crate::net::lab::file::MAX_NAME
        ),
        FileProblem::BadAddress(text) => {
            tr!(
                "lab-file-bad-address",
                text = terminal_safe(text).into_owned()
            )
        }
        FileProblem::BadGateway(text) => {
            tr!(
                "lab-file-bad-gateway",
                text = terminal_safe(text).into_owned()
            )
        }
        FileProblem::LonelyLink => tr!("lab-file-lonely-link"),
        FileProblem::LanWithoutRouter => tr!("lab-file-lan-without-router"),
        FileProblem::DuplicateAddress(ip) => {
            tr!("lab-file-duplicate-address", address = ip.to_string())
        }
        FileProblem::HostCount(count) => tr!(
            "lab-file-host-count",
            count = *count,
            max = crate::net::lab::file::MAX_HOSTS
        ),
        FileProblem::Unlinked(name) => {
            tr!("lab-file-unlinked", name = terminal_safe(name).into_owned())
        }
        FileProblem::ReservedName(name) => tr!(
            "lab-file-reserved-name",
            name = terminal_safe(name).into_owned(),
            keys = ImpairKey::ALL.map(ImpairKey::name).join(", ")
        ),
        FileProblem::UnknownService(name) => tr!(
            "lab-file-unknown-service",
            name = terminal_safe(name).into_owned(),
            allowed = crate::net::lab::file::SERVICES
                .map(|(name, _)| format!("\"{name}\""))
                .join(", ")
        ),
        FileProblem::BadImpairment { key, text } => {
            let text = terminal_safe(text).into_owned();
            match key {
                ImpairKey::Loss => tr!("lab-file-bad-loss", text = text),
                ImpairKey::Rate => tr!("lab-file-bad-rate", text = text),
                ImpairKey::Queue => tr!("lab-file-bad-queue", text = text),
                ImpairKey::Delay => tr!(
                    "lab-file-bad-delay",
                    text = text,
                    max = crate::net::lab::file::MAX_DELAY.as_secs()
                ),
            }
        }
        FileProblem::QueueWithoutRate => tr!("lab-file-queue-without-rate"),
        FileProblem::BadTarget(text) => tr!(
            "lab-file-bad-target",
            text = terminal_safe(text).into_owned()
        ),
        FileProblem::ExpectationCount(count) => tr!(
            "lab-file-expectation-count",
            count = *count,
            max = crate::net::lab::file::MAX_EXPECTATIONS
        ),
    };
    tr!(
        "lab-file-error",
        file = terminal_safe(&path.display().to_string()).into_owned(),
        line = error.line,
        column = error.column,
        problem = problem
    )
}

/// Reads and checks the file's lab: nothing is built from a file with a mistake in it.
pub fn topology(path: &Path) -> anyhow::Result<Topology> {
    read(path).map(|file| file.topology)
}

/// Reads and checks the whole file: its lab and what it expects.
pub fn read(path: &Path) -> anyhow::Result<TopologyFile> {
    let source = std::fs::read_to_string(path).map_err(|error| {
        Error::Usage(tr!(
            "lab-file-unreadable",
            file = terminal_safe(&path.display().to_string()).into_owned(),
            cause = crate::app::text::system_error_in(crate::i18n::language(), &error)
        ))
    })?;
    parse_file(&source).map_err(|error| Error::Usage(file_error(path, &error)).into())
}

/// Whether `host` is a host of the lab a command works in: the running `lab up`'s this
/// process joined, else the default lab's; if not, the usage error lists the ones there are.
pub fn known_host(host: &str) -> anyhow::Result<()> {
    let hosts: Vec<String> = match attach::joined() {
        Some(published) => published
            .hosts
            .iter()
            .map(|(name, _)| name.clone())
            .collect(),
        None => Topology::default_lab()
            .hosts
            .iter()
            .map(|h| h.name.clone())
            .collect(),
    };
    if hosts.iter().any(|name| name == host) {
        return Ok(());
    }
    let host = format!("{:?}", terminal_safe(host));
    let hosts = hosts.join(&tr!("lab-file-list-separator"));
    Err(Error::Usage(match attach::joined() {
        Some(published) => tr!(
            "lab-host-not-in-running",
            host = host,
            hosts = hosts,
            pid = published.pid.to_string()
        ),
        None => tr!("lab-host-not-in-default", host = host, hosts = hosts),
    })
    .into())
}

fn first_v4(topology: &Topology, host: &str) -> Option<Ipv4Addr> {
    topology
        .host(host)?
        .interfaces
        .iter()
        .flat_map(|i| &i.addresses)
        .find_map(|a| match a.addr() {
            IpAddr::V4(v4) => Some(v4),
            IpAddr::V6(_) => None,
        })
}

fn answer_words(answer: &Answer) -> String {
    match answer {
        Answer::Echo { rtt, .. } => tr!(
            "lab-file-reached",
            ms = format!("{:.2}", rtt.as_secs_f64() * 1e3)
        ),
        Answer::TimeExceeded { from, .. } => {
            tr!("lab-file-time-exceeded", from = from.to_string())
        }
        Answer::Unreachable { from, .. } => tr!("lab-file-unreachable", from = from.to_string()),
        Answer::Silence => tr!(
            "lab-file-silence",
            ms = u64::try_from(PROBE_TIMEOUT.as_millis()).unwrap_or(u64::MAX)
        ),
        Answer::NotSent { errno } => tr!(
            "lab-file-not-sent",
            why = crate::app::text::system_error_in(
                crate::i18n::language(),
                &std::io::Error::from_raw_os_error(*errno)
            )
        ),
    }
}

/// One ping across the lab, for JSON (`answer`: echo_reply, time_exceeded, unreachable,
/// no_answer, not_sent or no_socket) and for the text view.
#[derive(Serialize)]
struct Reach {
    from: String,
    to: String,
    address: Ipv4Addr,
    answer: &'static str,
    rtt_ms: Option<f64>,
    #[serde(skip)]
    words: String,
}

/// How many echo requests a ping check sends at most while none is answered (a lossy link
/// may drop one): a ping that draws an error or an ICMP error answer stops at once.
const PING_TRIES: u32 = 3;

/// How long a TCP connection (echo, HTTP) may take, and each read of the HTTP answer: long
/// enough for a SYN lost twice on a lossy link to be sent a third time (after 1 s and 3 s).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(4);

/// How long each of the DNS check's queries waits for its answer.
const DNS_TIMEOUT: Duration = Duration::from_millis(500);

/// What one check across the lab saw.
enum Outcome {
    /// A ping: its last answer (None: no ICMP socket could be opened in the host).
    Ping(Option<Answer>),
    /// The echo port accepted a TCP connection.
    Connected(Duration),
    /// An HTTP server answered with this status.
    Http { status: u16, took: Duration },
    /// A DNS server answered (any response code).
    Dns(Duration),
    /// The DNS query got no answer to any of `tries` queries, each given `timeout`.
    DnsSilent { tries: u32, timeout: Duration },
    /// The connection or exchange failed.
    Failed(std::io::Error),
    /// The target host has no IPv4 address.
    NoAddress,
}

impl Outcome {
    fn reached(&self) -> bool {
        matches!(
            self,
            Outcome::Ping(Some(Answer::Echo { .. }))
                | Outcome::Connected(_)
                | Outcome::Http { .. }
                | Outcome::Dns(_)
        )
    }

    /// The JSON name of what came back.
    fn name(&self) -> &'static str {
        match self {
            Outcome::Ping(answer) => answer_name(answer.as_ref()),
            Outcome::Connected(_) => "connected",
            Outcome::Http { .. } => "http_response",
            Outcome::Dns(_) => "dns_answer",
            Outcome::DnsSilent { .. } => "no_answer",
            Outcome::Failed(error) if timed_out(error) => "no_answer",
            Outcome::Failed(error) if error.kind() == std::io::ErrorKind::ConnectionRefused => {
                "refused"
            }
            Outcome::Failed(_) => "failed",
            Outcome::NoAddress => "no_address",
        }
    }

    fn took(&self) -> Option<Duration> {
        match self {
            Outcome::Ping(Some(Answer::Echo { rtt, .. })) => Some(*rtt),
            Outcome::Connected(took) | Outcome::Dns(took) | Outcome::Http { took, .. } => {
                Some(*took)
            }
            _ => None,
        }
    }

    fn words(&self, timeout: Duration) -> String {
        let ms = |d: &Duration| format!("{:.2}", d.as_secs_f64() * 1e3);
        match self {
            Outcome::Ping(Some(answer)) => answer_words(answer),
            Outcome::Ping(None) => tr!("lab-file-no-pinger"),
            Outcome::Connected(took) => tr!("lab-file-connected", ms = ms(took)),
            Outcome::Http { status, took } => {
                tr!("lab-file-http-status", status = *status, ms = ms(took))
            }
            Outcome::Dns(took) => tr!("lab-file-dns-answered", ms = ms(took)),
            Outcome::DnsSilent { tries, timeout } => tr!(
                "lab-file-dns-silent",
                tries = *tries,
                ms = u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX)
            ),
            Outcome::Failed(error) if timed_out(error) => tr!(
                "lab-file-silence",
                ms = u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX)
            ),
            Outcome::Failed(error) if error.kind() == std::io::ErrorKind::InvalidData => {
                tr!("lab-file-not-http")
            }
            Outcome::Failed(error) => {
                crate::app::text::system_error_in(crate::i18n::language(), error)
            }
            Outcome::NoAddress => tr!("lab-file-no-address"),
        }
    }
}

fn timed_out(error: &std::io::Error) -> bool {
    matches!(
        error.kind(),
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
    )
}

/// One expectation of the file and what its check saw, for JSON and for the text view.
#[derive(Serialize)]
struct Checked {
    /// The line of its `[[expect]]` in the file.
    line: usize,
    from: String,
    to: String,
    address: Option<Ipv4Addr>,
    /// ping, echo, http or dns.
    check: &'static str,
    /// What the file expects: reached (true) or not (false).
    reach: bool,
    reached: bool,
    met: bool,
    /// What came back: echo_reply, time_exceeded, unreachable, no_answer, not_sent,
    /// no_socket (a ping); connected, http_response, dns_answer, refused, failed,
    /// no_address.
    answer: &'static str,
    http_status: Option<u16>,
    rtt_ms: Option<f64>,
    /// The target as the text names it: its host's name where a host has the address.
    #[serde(skip)]
    to_label: String,
    #[serde(skip)]
    words: String,
}

/// What `lab --topology` did: a JSON record, or the text for people.
#[derive(Serialize)]
struct Report {
    #[serde(rename = "type")]
    kind: &'static str,
    file: String,
    build_ms: f64,
    hosts: Vec<String>,
    links: usize,
    reach: Vec<Reach>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    expectations: Vec<Checked>,
    teardown_ms: f64,
    /// Each impaired link: what was set, how, and what was measured across it.
    #[serde(skip_serializing_if = "ImpairedLinks::is_empty")]
    impaired_links: ImpairedLinks,
    #[serde(skip)]
    topology: Topology,
}

/// "h2 (echo 5008, http 80), dns (dns 53)": who serves what, on which port.
fn servers_list(topology: &Topology) -> String {
    let separator = tr!("lab-file-list-separator");
    topology
        .hosts
        .iter()
        .filter(|h| !h.services.is_empty())
        .map(|h| {
            let services: Vec<String> = h
                .services
                .iter()
                .map(|s| format!("{} {}", crate::net::lab::file::service_name(*s), port(*s)))
                .collect();
            format!("{} ({})", h.name, services.join(&separator))
        })
        .collect::<Vec<_>>()
        .join(&separator)
}

/// One line per cable that misbehaves on purpose: its ends and what it does.
fn impaired_links(topology: &Topology) -> Vec<String> {
    let separator = tr!("lab-file-list-separator");
    topology
        .links
        .iter()
        .filter(|link| !link.impairment.is_perfect())
        .map(|link| {
            let i = link.impairment;
            let mut what = Vec::new();
            if let Some(loss) = i.loss {
                what.push(tr!("lab-file-impaired-loss", percent = loss.percent()));
            }
            if let Some(rate) = i.rate_bits_per_second {
                what.push(if rate >= 1_000_000 {
                    tr!(
                        "lab-file-impaired-rate-mbit",
                        mbit = format!("{}", rate as f64 / 1e6)
                    )
                } else {
                    tr!(
                        "lab-file-impaired-rate",
                        kbit = format!("{}", rate as f64 / 1e3)
                    )
                });
            }
            if let Some(queue) = i.queue_bytes {
                what.push(tr!(
                    "lab-file-impaired-queue",
                    bytes = crate::app::text::counted("count-bytes", u64::from(queue))
                ));
            }
            if let Some(delay) = i.delay {
                what.push(tr!(
                    "lab-file-impaired-delay",
                    ms = format!("{}", delay.as_secs_f64() * 1e3)
                ));
            }
            tr!(
                "lab-file-impaired",
                a = link.a.0.clone(),
                b = link.b.0.clone(),
                what = what.join(&separator)
            )
        })
        .collect()
}

/// What `lab up` says of a file's lab once it is up: its hosts with their IPv4 addresses and
/// servers, how to step in, and who owns it.
pub fn up_lines(topology: &Topology, pid: u32) -> Vec<String> {
    let separator = tr!("lab-file-list-separator");
    let hosts: Vec<String> = topology
        .hosts
        .iter()
        .map(|host| {
            let mut words = vec![host.name.clone()];
            words.extend(
                host.interfaces
                    .iter()
                    .flat_map(|i| &i.addresses)
                    .filter(|a| a.addr().is_ipv4())
                    .map(|a| a.addr().to_string()),
            );
            if !host.services.is_empty() {
                let services: Vec<&str> = host
                    .services
                    .iter()
                    .map(|s| crate::net::lab::file::service_name(*s))
                    .collect();
                words.push(format!("({})", services.join(&separator)));
            }
            words.join(" ")
        })
        .collect();
    let first = topology
        .hosts
        .iter()
        .find(|h| !h.forwarding)
        .or(topology.hosts.first())
        .map_or_else(String::new, |h| h.name.clone());
    vec![
        tr!("lab-file-up", hosts = hosts.join(&separator)),
        tr!("lab-file-up-step-in", host = first),
        tr!("lab-up-owner", pid = pid.to_string()),
    ]
}

fn port(service: Service) -> u16 {
    match service {
        Service::Echo => ECHO_PORT,
        Service::Http => HTTP_PORT,
        Service::Dns => DNS_PORT,
    }
}

impl crate::output::Render for Report {
    fn render(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let width = terminal_width();
        let title = tr!(
            "lab-file-built",
            file = terminal_safe(&self.file).into_owned(),
            hosts = self.hosts.len() as u64,
            links = self.links as u64,
            ms = format!("{:.1}", self.build_ms)
        );
        writeln!(out, "{}", wrap_hanging(&title, "   ", width))?;
        for line in super::picture::draw(&self.topology, width) {
            writeln!(out, "{line}")?;
        }
        for line in impaired_links(&self.topology) {
            writeln!(out, "{}", wrap_hanging(&line, "   ", width))?;
        }
        let servers = servers_list(&self.topology);
        if !servers.is_empty() {
            let line = tr!("lab-file-servers", servers = servers);
            writeln!(out, "{}", wrap_hanging(&line, "   ", width))?;
        }
        if !self.reach.is_empty() {
            writeln!(out, "{}", tr!("lab-file-reach-title"))?;
        }
        for reach in &self.reach {
            let line = tr!(
                "lab-file-reach",
                from = reach.from.clone(),
                to = reach.to.clone(),
                address = reach.address.to_string(),
                answer = reach.words.clone()
            );
            writeln!(out, "{}", wrap_hanging(&line, "    ", width))?;
        }
        if !self.expectations.is_empty() {
            writeln!(out, "{}", tr!("lab-file-expect-title"))?;
            for checked in &self.expectations {
                let verdict = match (checked.reach, checked.met) {
                    (true, true) => "lab-file-expect-reached",
                    (false, true) => "lab-file-expect-blocked",
                    (true, false) => "lab-file-expect-missed",
                    (false, false) => "lab-file-expect-leaked",
                };
                let line = tr!(
                    "lab-file-expect",
                    mark = if checked.met { "✓" } else { "✗" },
                    from = checked.from.clone(),
                    to = checked.to_label.clone(),
                    address = checked
                        .address
                        .map_or_else(|| "-".to_string(), |a| a.to_string()),
                    check = checked.check,
                    verdict = tr!(verdict, answer = checked.words.clone())
                );
                writeln!(out, "{}", wrap_hanging(&line, "      ", width))?;
            }
            let met = self.expectations.iter().filter(|c| c.met).count();
            writeln!(
                out,
                "{}",
                tr!(
                    "lab-file-expect-summary",
                    met = met as u64,
                    total = self.expectations.len() as u64
                )
            )?;
        }
        self.impaired_links.render(&self.file, out)?;
        writeln!(
            out,
            "{}",
            tr!(
                "lab-file-torn-down",
                ms = format!("{:.2}", self.teardown_ms)
            )
        )
    }
}

fn answer_name(answer: Option<&Answer>) -> &'static str {
    match answer {
        Some(Answer::Echo { .. }) => "echo_reply",
        Some(Answer::TimeExceeded { .. }) => "time_exceeded",
        Some(Answer::Unreachable { .. }) => "unreachable",
        Some(Answer::Silence) => "no_answer",
        Some(Answer::NotSent { .. }) => "not_sent",
        None => "no_socket",
    }
}

/// Pings `target` once from the calling thread's namespace (None: no ICMP socket).
fn ping_once(target: Ipv4Addr) -> Option<Answer> {
    Pinger::open()
        .ok()
        .and_then(|mut pinger| pinger.probe(target, 64, PROBE_TIMEOUT).ok())
        .map(|probe| probe.answer)
}

/// Checks one expectation from inside its `from` host's namespace.
fn check(expectation: &Expectation, target: Option<Ipv4Addr>, name: &str) -> Outcome {
    let Some(target) = target else {
        return Outcome::NoAddress;
    };
    let at = |port| SocketAddr::new(IpAddr::V4(target), port);
    match expectation.service {
        None => {
            let mut answer = None;
            for _ in 0..PING_TRIES {
                answer = ping_once(target);
                if !matches!(answer, Some(Answer::Silence)) {
                    break;
                }
            }
            Outcome::Ping(answer)
        }
        Some(Service::Echo) => match services::connect(at(ECHO_PORT), CONNECT_TIMEOUT) {
            Ok(took) => Outcome::Connected(took),
            Err(error) => Outcome::Failed(error),
        },
        Some(Service::Http) => {
            match services::http_status(at(HTTP_PORT), &format!("{name}.lab"), CONNECT_TIMEOUT) {
                Ok((status, took)) => Outcome::Http { status, took },
                Err(error) => Outcome::Failed(error),
            }
        }
        Some(Service::Dns) => {
            let query = format!("{}.lab.", expectation.from);
            let kind = hickory_resolver::proto::rr::RecordType::A;
            match services::lookup(at(DNS_PORT), &query, kind, DNS_TIMEOUT) {
                Ok(lookup) => Outcome::Dns(lookup.rtt),
                Err(services::LookupError::NoAnswer { tries, timeout }) => {
                    Outcome::DnsSilent { tries, timeout }
                }
                Err(services::LookupError::Io(error)) => Outcome::Failed(error),
            }
        }
    }
}

/// Checks every expectation of the file in the built lab, in the file's order.
fn check_all(running: &super::Running, expectations: &[Expectation]) -> Vec<Checked> {
    let topology = &running.lab.topology;
    expectations
        .iter()
        .map(|expectation| {
            let (to, target) = match &expectation.to {
                Target::Host(host) => (host.clone(), first_v4(topology, host)),
                Target::Address(address) => (address.to_string(), Some(*address)),
            };
            let name = match &expectation.to {
                Target::Host(host) => host.clone(),
                Target::Address(address) => address.to_string(),
            };
            let outcome = running
                .lab
                .namespace(&expectation.from)
                .map(|ns| ns.run(|| check(expectation, target, &name)))
                .and_then(Result::ok)
                .unwrap_or(Outcome::Ping(None));
            let reached = outcome.reached();
            let to_label = target
                .and_then(|a| topology.owner(IpAddr::V4(a)))
                .map_or_else(|| to.clone(), |(host, _)| host.name.clone());
            let timeout = match expectation.service {
                None => PROBE_TIMEOUT,
                Some(_) => CONNECT_TIMEOUT,
            };
            Checked {
                line: expectation.line,
                from: expectation.from.clone(),
                to,
                address: target,
                check: expectation
                    .service
                    .map_or("ping", crate::net::lab::file::service_name),
                reach: expectation.reach,
                reached,
                met: reached == expectation.reach,
                answer: outcome.name(),
                http_status: match &outcome {
                    Outcome::Http { status, .. } => Some(*status),
                    _ => None,
                },
                rtt_ms: outcome.took().map(|d| d.as_secs_f64() * 1e3),
                to_label,
                words: outcome.words(timeout),
            }
        })
        .collect()
}

/// Every host (not a router) pinging every other once.
fn all_pairs(running: &super::Running) -> Vec<Reach> {
    let lab = &running.lab;
    let ends: Vec<String> = lab
        .topology
        .hosts
        .iter()
        .filter(|h| !h.forwarding)
        .map(|h| h.name.clone())
        .collect();
    let mut reach = Vec::new();
    for from in &ends {
        for to in ends.iter().filter(|to| *to != from) {
            let (Some(ns), Some(target)) = (lab.namespace(from), first_v4(&lab.topology, to))
            else {
                continue;
            };
            let answer = ns.run(|| ping_once(target)).ok().flatten();
            reach.push(Reach {
                from: from.clone(),
                to: to.clone(),
                address: target,
                answer: answer_name(answer.as_ref()),
                rtt_ms: match &answer {
                    Some(Answer::Echo { rtt, .. }) => Some(rtt.as_secs_f64() * 1e3),
                    _ => None,
                },
                words: answer
                    .as_ref()
                    .map_or_else(|| tr!("lab-file-no-pinger"), answer_words),
            });
        }
    }
    reach
}

/// Builds the file's lab with its servers, checks what the file expects (or, where it expects
/// nothing, pings across it: every host, not a router, to every other) and tears it down;
/// then shows what it saw. Exit 1 when an expectation is not met.
pub fn run(path: &Path, format: Format, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let file = read(path)?;
    let running = super::Running::start(file.topology)?;
    let built = running.lab.build_time;
    let (reach, expectations) = if file.expectations.is_empty() {
        (all_pairs(&running), Vec::new())
    } else {
        (Vec::new(), check_all(&running, &file.expectations))
    };
    let impaired_links = ImpairedLinks::measure(&running.lab);
    let report_topology = running.lab.topology.clone();
    let teardown = running.stop();
    let all_met = expectations.iter().all(|c| c.met);
    let report = Report {
        kind: "topology",
        file: path.display().to_string(),
        build_ms: built.as_secs_f64() * 1e3,
        hosts: report_topology
            .hosts
            .iter()
            .map(|h| h.name.clone())
            .collect(),
        links: report_topology.links.len(),
        reach,
        expectations,
        teardown_ms: teardown.as_secs_f64() * 1e3,
        impaired_links,
        topology: report_topology,
    };
    crate::output::write_record(&report, format, out)?;
    Ok(if all_met {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(crate::error::EXIT_RUNTIME)
    })
}
