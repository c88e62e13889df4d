//! `lab --topology FILE`: a lab built from a topology file, drawn with its mistakes marked,
//! then every host (not a router) pinging every other, so the file's reachability shows, and
//! torn down.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::net::lab::file::{FileError, FileProblem, parse};
use crate::net::lab::icmp::{Answer, Pinger};
use crate::net::lab::{Lab, Topology};
use crate::output::escape::terminal_safe;
use crate::output::width::terminal_width;
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

/// Builds the file's lab, draws it, pings across it and tears it down.
pub fn run(path: &Path, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let topology = topology(path)?;
    let started = Instant::now();
    let lang = crate::i18n::language();
    let lab = Lab::build(topology)
        .map_err(|error| anyhow::anyhow!(super::words::build_error(lang, &error)))?;
    let built = started.elapsed();
    let hosts = lab.topology.hosts.len() as u64;
    let title = tr!(
        "lab-file-built",
        file = terminal_safe(&path.display().to_string()).into_owned(),
        hosts = hosts,
        links = lab.topology.links.len() as u64,
        ms = format!("{:.1}", built.as_secs_f64() * 1e3)
    );
    writeln!(
        out,
        "{}",
        crate::output::width::wrap_hanging(&title, "   ", terminal_width())
    )?;
    for line in super::picture::draw(&lab.topology, terminal_width()) {
        writeln!(out, "{line}")?;
    }
    let ends: Vec<String> = lab
        .topology
        .hosts
        .iter()
        .filter(|h| !h.forwarding)
        .map(|h| h.name.clone())
        .collect();
    if ends.len() > 1 {
        writeln!(out, "{}", tr!("lab-file-reach-title"))?;
    }
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
                .flatten();
            let words = answer.map_or_else(
                || tr!("lab-file-no-pinger"),
                |probe| answer_words(&probe.answer),
            );
            writeln!(
                out,
                "{}",
                crate::output::width::wrap_hanging(
                    &tr!(
                        "lab-file-reach",
                        from = from.clone(),
                        to = to.clone(),
                        address = target.to_string(),
                        answer = words
                    ),
                    "    ",
                    terminal_width()
                )
            )?;
        }
    }
    let teardown = lab.tear_down();
    writeln!(
        out,
        "{}",
        tr!(
            "lab-file-torn-down",
            ms = format!("{:.2}", teardown.as_secs_f64() * 1e3)
        )
    )?;
    Ok(ExitCode::SUCCESS)
}
