//! `lab exercise` and `lab check`: the list of exercises, the task said when one starts, and
//! the grade, one line per check with a hint under each that fails (words through
//! texts/*/exercise.ftl; the checks themselves are `net::lab::exercise`).

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::net::IpAddr;
use std::process::ExitCode;

use serde::Serialize;

use super::Ready;
use crate::app::text::system_error;
use crate::cli::LabExercise;
use crate::net::lab::attach::{self, Published};
use crate::net::lab::exercise::{self as domain, Check, Exercise, Failure, Finding, Grade};
use crate::net::lab::icmp::Answer;
use crate::net::lab::netns::NetNs;
use crate::net::lab::nft::NftError;
use crate::net::lab::services::LookupError;
use crate::net::lab::{Topology, resolv};
use crate::output::escape::terminal_safe;
use crate::output::sink::Sink;
use crate::output::{self, Render, width};
use crate::tr;

pub fn exercise(name: LabExercise) -> Exercise {
    match name {
        LabExercise::Mask => Exercise::Mask,
        LabExercise::Gateway => Exercise::Gateway,
        LabExercise::Dns => Exercise::Dns,
        LabExercise::Forwarding => Exercise::Forwarding,
        LabExercise::Firewall => Exercise::Firewall,
    }
}

fn topic(exercise: Exercise) -> String {
    match exercise {
        Exercise::Mask => tr!("exercise-topic-mask"),
        Exercise::Gateway => tr!("exercise-topic-gateway"),
        Exercise::Dns => tr!("exercise-topic-dns"),
        Exercise::Forwarding => tr!("exercise-topic-forwarding"),
        Exercise::Firewall => tr!("exercise-topic-firewall"),
    }
}

fn task(exercise: Exercise) -> String {
    match exercise {
        Exercise::Mask => tr!("exercise-task-mask"),
        Exercise::Gateway => tr!("exercise-task-gateway"),
        Exercise::Dns => tr!("exercise-task-dns"),
        Exercise::Forwarding => tr!("exercise-task-forwarding"),
        Exercise::Firewall => tr!("exercise-task-firewall"),
    }
}

/// `lab exercise` without a name.
#[derive(Serialize)]
struct List {
    exercises: Vec<&'static str>,
}

impl Render for List {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let widest = self.exercises.iter().map(|n| n.len()).max().unwrap_or(0);
        for exercise in Exercise::ALL {
            let line = tr!(
                "exercise-list-line",
                name = width::pad(exercise.name(), widest),
                topic = topic(exercise)
            );
            let indent = " ".repeat(widest + 2);
            writeln!(
                out,
                "{}",
                width::wrap_hanging(&line, &indent, output::prose_width())
            )?;
        }
        writeln!(out)?;
        output::write_prose_line(out, &tr!("exercise-list-start"))
    }
}

pub fn list(sink: &mut Sink) -> anyhow::Result<ExitCode> {
    sink.report(&List {
        exercises: Exercise::ALL.iter().map(|e| e.name()).collect(),
    })?;
    Ok(ExitCode::SUCCESS)
}

/// `lab exercise NAME`'s record once the broken lab is up: `lab up`'s fields and the name.
#[derive(Serialize)]
pub(crate) struct Started<'a> {
    #[serde(flatten)]
    ready: Ready<'a>,
    exercise: &'static str,
    #[serde(skip)]
    chosen: Exercise,
}

impl<'a> Started<'a> {
    pub fn new(exercise: Exercise, mut ready: Ready<'a>) -> Started<'a> {
        ready.kind = "exercise";
        Started {
            ready,
            exercise: exercise.name(),
            chosen: exercise,
        }
    }
}

impl Render for Started<'_> {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        for line in [
            tr!("exercise-started", name = self.exercise),
            task(self.chosen),
            tr!("lab-up-ready"),
            tr!("exercise-how"),
            tr!("lab-up-owner", pid = self.ready.pid.to_string()),
        ] {
            output::write_prose_line(out, &line)?;
        }
        Ok(())
    }
}

/// Why the exercise's lab could not be broken as it should.
pub fn cannot_break(exercise: Exercise, error: &NftError) -> String {
    let error = match error {
        NftError::Missing => tr!("exercise-nft-missing"),
        NftError::Refused { said } => {
            tr!(
                "exercise-nft-refused",
                said = terminal_safe(said).into_owned()
            )
        }
        NftError::Io(error) => system_error(error),
    };
    tr!(
        "exercise-cannot-break",
        name = exercise.name(),
        error = error
    )
}

/// The running lab seen from `lab check`'s process.
struct Joined<'a>(&'a Published);

impl domain::LabView for Joined<'_> {
    fn namespace(&self, host: &str) -> io::Result<NetNs> {
        attach::host_namespace(self.0, host)
    }

    fn resolv_conf(&self, host: &str) -> io::Result<String> {
        resolv::read(self.0.pid, host)
    }
}

/// `lab check`: grades the running exercise.
pub fn check(sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let Some(published) = attach::joined() else {
        anyhow::bail!(tr!("exercise-no-lab"));
    };
    let Some(name) = &published.exercise else {
        anyhow::bail!(tr!(
            "exercise-not-exercise",
            pid = published.pid.to_string()
        ));
    };
    let Some(exercise) = Exercise::from_name(name) else {
        anyhow::bail!(tr!(
            "exercise-unknown",
            name = format!("{:?}", terminal_safe(name))
        ));
    };
    let grade = domain::grade(exercise, &Joined(published));
    let report = Report::new(&grade);
    sink.report(&report)?;
    Ok(sink.verdict(grade.passed()))
}

/// `lab check`'s report.
#[derive(Serialize)]
struct Report {
    exercise: &'static str,
    passed: bool,
    checks: Vec<CheckRecord>,
    findings: Vec<FindingRecord>,
    #[serde(skip)]
    lines: Vec<(bool, String, Option<String>)>,
}

#[derive(Serialize)]
struct CheckRecord {
    check: &'static str,
    from: &'static str,
    /// The address (and port) checked, or the name asked for.
    target: String,
    /// The DNS server asked, for DNS checks.
    server: Option<IpAddr>,
    passed: bool,
    ms: Option<f64>,
    /// Why it failed: a snake_case word (no_answer, unreachable, not_sent, timed_out,
    /// refused, connect_failed, no_echo, resolver_file, no_nameserver, dns_silent,
    /// dns_refused, dns_error, wrong_answer, error).
    failure: Option<&'static str>,
    /// The system's error, where one is behind the failure.
    error: Option<String>,
    /// Indexes into `findings` of what explains the failure.
    explained_by: Vec<usize>,
}

#[derive(Serialize)]
struct FindingRecord {
    kind: &'static str,
    host: String,
    /// The interface, address, gateway, rule or name server the finding is about.
    detail: Option<String>,
}

fn finding_record(finding: &Finding) -> FindingRecord {
    let (kind, host, detail) = match finding {
        Finding::Mask {
            host,
            interface,
            address,
        } => ("mask", host, Some(format!("{interface} {address}"))),
        Finding::NoAddress {
            host,
            interface,
            planned,
        } => ("no_address", host, Some(format!("{interface} {planned}"))),
        Finding::NoDefaultRoute { host } => ("no_default_route", host, None),
        Finding::WrongGateway { host, gateway, .. } => {
            ("wrong_gateway", host, Some(gateway.to_string()))
        }
        Finding::NotForwarding { host } => ("not_forwarding", host, None),
        Finding::Firewall { host, rule, .. } => ("firewall", host, Some(rule.clone())),
        Finding::Resolver {
            host, nameserver, ..
        } => ("resolver", host, nameserver.map(|n| n.to_string())),
    };
    FindingRecord {
        kind,
        host: host.clone(),
        detail,
    }
}

fn errno_text(error: &io::Error) -> Option<String> {
    Some(super::text::error_json(error))
}

/// The failure's JSON word and the system's error behind it.
fn failure_json(failure: &Failure) -> (&'static str, Option<String>) {
    match failure {
        Failure::Ping(Answer::Silence) => ("no_answer", None),
        Failure::Ping(Answer::NotSent { errno }) => {
            ("not_sent", Some(super::text::errno_json(*errno)))
        }
        Failure::Ping(_) => ("unreachable", None),
        Failure::Connect(error) if error.kind() == io::ErrorKind::TimedOut => ("timed_out", None),
        Failure::Connect(error) if error.kind() == io::ErrorKind::ConnectionRefused => {
            ("refused", None)
        }
        Failure::Connect(error) => ("connect_failed", errno_text(error)),
        Failure::NoEcho { .. } => ("no_echo", None),
        Failure::ResolverFile(error) => ("resolver_file", errno_text(error)),
        Failure::NoNameserver => ("no_nameserver", None),
        Failure::Lookup {
            error: LookupError::NoAnswer { .. },
            ..
        } => ("dns_silent", None),
        Failure::Lookup {
            error: LookupError::Io(error),
            ..
        } if error.kind() == io::ErrorKind::ConnectionRefused => ("dns_refused", None),
        Failure::Lookup {
            error: LookupError::Io(error),
            ..
        } => ("dns_error", errno_text(error)),
        Failure::WrongAnswer { .. } => ("wrong_answer", None),
        Failure::Io(error) => ("error", errno_text(error)),
    }
}

fn ms(duration: std::time::Duration) -> String {
    duration.as_millis().to_string()
}

fn why(failure: &Failure) -> String {
    match failure {
        Failure::Ping(answer) => super::text::answer_text(answer),
        Failure::Connect(error) if error.kind() == io::ErrorKind::TimedOut => tr!(
            "exercise-why-connect-timeout",
            ms = ms(domain::CONNECT_TIMEOUT)
        ),
        Failure::Connect(error) if error.kind() == io::ErrorKind::ConnectionRefused => {
            tr!("exercise-why-connect-refused")
        }
        Failure::Connect(error) => tr!("exercise-why-connect", error = system_error(error)),
        Failure::NoEcho { sent, received } => tr!(
            "exercise-why-no-echo",
            sent = *sent as u64,
            received = *received as u64
        ),
        Failure::ResolverFile(error) => {
            tr!("exercise-why-resolver-file", error = system_error(error))
        }
        Failure::NoNameserver => tr!("exercise-why-no-nameserver"),
        Failure::Lookup {
            error: LookupError::NoAnswer { tries, timeout },
            ..
        } => tr!("exercise-why-dns-silent", tries = *tries, ms = ms(*timeout)),
        Failure::Lookup {
            server,
            error: LookupError::Io(error),
        } if error.kind() == io::ErrorKind::ConnectionRefused => {
            tr!("exercise-why-dns-refused", server = server.to_string())
        }
        Failure::Lookup {
            server,
            error: LookupError::Io(error),
        } => tr!(
            "exercise-why-dns-error",
            server = server.to_string(),
            error = system_error(error)
        ),
        Failure::WrongAnswer { rcode, .. } => tr!(
            "exercise-why-dns-wrong",
            rcode = terminal_safe(rcode).into_owned(),
            expect = crate::net::lab::H2_V4.to_string()
        ),
        Failure::Io(error) => tr!("exercise-why-io", error = system_error(error)),
    }
}

fn host_of(topology: &Topology, address: IpAddr) -> String {
    topology
        .owner(address)
        .map_or_else(|| address.to_string(), |(host, _)| host.name.clone())
}

fn check_text(check: &Check, server: Option<IpAddr>, topology: &Topology) -> String {
    match check {
        Check::Ping { from, to } => tr!(
            "exercise-check-ping",
            from = *from,
            target = host_of(topology, IpAddr::V4(*to)),
            to = to.to_string()
        ),
        Check::Echo { from, to } => tr!(
            "exercise-check-echo",
            from = *from,
            target = host_of(topology, IpAddr::V4(*to.ip())),
            to = to.ip().to_string(),
            port = to.port()
        ),
        Check::Resolve { from, name, .. } => {
            let name = name.trim_end_matches('.');
            match server {
                Some(server) => tr!(
                    "exercise-check-resolve",
                    from = *from,
                    name = name,
                    server = server.to_string()
                ),
                None => tr!("exercise-check-resolve-none", from = *from, name = name),
            }
        }
    }
}

fn hint(finding: &Finding, topology: &Topology) -> String {
    match finding {
        Finding::Mask {
            host,
            interface,
            address,
        } => tr!(
            "exercise-hint-mask",
            host = host.as_str(),
            interface = interface.as_str(),
            address = address.to_string(),
            mask = address.netmask().to_string(),
            first = address.network().to_string(),
            last = address.broadcast().to_string()
        ),
        Finding::NoAddress {
            host,
            interface,
            planned,
        } => tr!(
            "exercise-hint-no-address",
            host = host.as_str(),
            interface = interface.as_str(),
            planned = planned.addr().to_string()
        ),
        Finding::NoDefaultRoute { host } => tr!("exercise-hint-no-route", host = host.as_str()),
        Finding::WrongGateway { host, gateway } => tr!(
            "exercise-hint-wrong-gateway",
            host = host.as_str(),
            gateway = gateway.to_string(),
            planned = planned_gateway(topology, host)
        ),
        Finding::NotForwarding { host } => {
            tr!("exercise-hint-not-forwarding", host = host.as_str())
        }
        Finding::Firewall {
            host,
            table,
            chain,
            rule,
            port,
        } => tr!(
            "exercise-hint-firewall",
            host = host.as_str(),
            rule = terminal_safe(rule).into_owned(),
            table = terminal_safe(table).into_owned(),
            chain = terminal_safe(chain).into_owned(),
            port = *port
        ),
        Finding::Resolver {
            host, nameserver, ..
        } => match nameserver {
            None => tr!("exercise-hint-resolver-none", host = host.as_str()),
            Some(address) => match topology.owner(*address) {
                Some((owner, _)) => tr!(
                    "exercise-hint-resolver-host",
                    host = host.as_str(),
                    nameserver = address.to_string(),
                    owner = owner.name.as_str()
                ),
                None => tr!(
                    "exercise-hint-resolver",
                    host = host.as_str(),
                    nameserver = address.to_string()
                ),
            },
        },
    }
}

fn planned_gateway(topology: &Topology, host: &str) -> String {
    topology
        .host(host)
        .and_then(|h| h.gateways.iter().find(|g| g.is_ipv4()))
        .map_or_else(String::new, |g| g.to_string())
}

impl Report {
    fn new(grade: &Grade) -> Report {
        let topology = grade.exercise.planned();
        let mut shown = BTreeSet::new();
        let mut checks = Vec::new();
        let mut lines = Vec::new();
        for graded in &grade.checks {
            let explained_by: Vec<usize> = grade
                .findings
                .iter()
                .enumerate()
                .filter(|(_, f)| !graded.passed() && f.explains(&graded.check))
                .map(|(i, _)| i)
                .collect();
            let text = check_text(&graded.check, graded.server, &topology);
            let (failure, error) = match &graded.outcome {
                Ok(_) => (None, None),
                Err(failure) => {
                    let (word, error) = failure_json(failure);
                    (Some(word), error)
                }
            };
            match &graded.outcome {
                Ok(_) => lines.push((true, text, None)),
                Err(failure) => {
                    let new: Vec<usize> = explained_by
                        .iter()
                        .copied()
                        .filter(|i| !shown.contains(i))
                        .collect();
                    let hints = if explained_by.is_empty() {
                        tr!("exercise-hint-look")
                    } else if new.is_empty() {
                        tr!("exercise-hint-same")
                    } else {
                        new.iter()
                            .map(|i| hint(&grade.findings[*i], &topology))
                            .collect::<Vec<_>>()
                            .join("\n")
                    };
                    shown.extend(new);
                    lines.push((
                        false,
                        tr!("exercise-failed", check = text, why = why(failure)),
                        Some(hints),
                    ));
                }
            }
            let target = match graded.check {
                Check::Ping { to, .. } => to.to_string(),
                Check::Echo { to, .. } => to.to_string(),
                Check::Resolve { name, .. } => name.to_string(),
            };
            checks.push(CheckRecord {
                check: match graded.check {
                    Check::Ping { .. } => "ping",
                    Check::Echo { .. } => "echo",
                    Check::Resolve { .. } => "resolve",
                },
                from: graded.check.from(),
                target,
                server: graded.server,
                passed: graded.passed(),
                ms: graded.outcome.as_ref().ok().map(|d| d.as_secs_f64() * 1e3),
                failure,
                error,
                explained_by,
            });
        }
        Report {
            exercise: grade.exercise.name(),
            passed: grade.passed(),
            checks,
            findings: grade.findings.iter().map(finding_record).collect(),
            lines,
        }
    }
}

impl Render for Report {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let width = output::prose_width();
        for (passed, line, hints) in &self.lines {
            let mark = if *passed { "✓" } else { "✗" };
            let line = format!("{mark} {line}");
            writeln!(out, "{}", width::wrap_hanging(&line, "  ", width))?;
            for hint in hints.iter().flat_map(|h| h.lines()) {
                writeln!(
                    out,
                    "{}",
                    width::wrap_hanging(&format!("  {hint}"), "    ", width)
                )?;
            }
        }
        let count = self.checks.len() as u64;
        let failed = self.checks.iter().filter(|c| !c.passed).count() as u64;
        let verdict = if failed == 0 {
            tr!("exercise-passed", count = count, name = self.exercise)
        } else {
            tr!("exercise-not-yet", failed = failed, count = count)
        };
        output::write_prose_line(out, &verdict)
    }
}
