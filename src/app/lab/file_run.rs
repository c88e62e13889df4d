//! `lab --topology FILE`: a lab built from a topology file, drawn with its mistakes marked,
//! then every host (not a router) pinging every other, so the file's reachability shows, and
//! torn down.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::error::Error;
use crate::net::lab::file::{FileError, FileProblem, parse};
use crate::net::lab::icmp::{Answer, Pinger};
use crate::net::lab::{Lab, Topology};
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
    };
    tr!(
        "lab-file-error",
        file = terminal_safe(&path.display().to_string()).into_owned(),
        line = error.line,
        column = error.column,
        problem = problem
    )
}

/// Reads and checks the file: nothing is built from a file with a mistake in it.
pub fn topology(path: &Path) -> anyhow::Result<Topology> {
    let source = std::fs::read_to_string(path).map_err(|error| {
        Error::Usage(tr!(
            "lab-file-unreadable",
            file = terminal_safe(&path.display().to_string()).into_owned(),
            cause = crate::app::text::system_error_in(crate::i18n::language(), &error)
        ))
    })?;
    parse(&source).map_err(|error| Error::Usage(file_error(path, &error)).into())
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
    teardown_ms: f64,
    #[serde(skip)]
    topology: Topology,
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

/// Builds the file's lab, pings across it (every host, not a router, to every other) and
/// tears it down; then shows what it saw.
pub fn run(path: &Path, format: Format, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let topology = topology(path)?;
    let started = Instant::now();
    let lang = crate::i18n::language();
    let lab = Lab::build(topology)
        .map_err(|error| anyhow::anyhow!(super::words::build_error(lang, &error)))?;
    let built = started.elapsed();
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
            let answer = ns
                .run(|| {
                    Pinger::open()
                        .ok()
                        .and_then(|mut pinger| pinger.probe(target, 64, PROBE_TIMEOUT).ok())
                })
                .ok()
                .flatten()
                .map(|probe| probe.answer);
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
    let report_topology = lab.topology.clone();
    let teardown = lab.tear_down();
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
        teardown_ms: teardown.as_secs_f64() * 1e3,
        topology: report_topology,
    };
    crate::output::write_record(&report, format, out)?;
    Ok(ExitCode::SUCCESS)
}
