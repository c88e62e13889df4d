//! `ping` and `trace`, on this machine or from a host of the lab: one line per probe, or
//! JSON Lines records.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr};
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;

use super::{Running, text};
use crate::cli::{LabPingArgs, LabTraceArgs, PingArgs, PingOptions, TraceArgs, TraceOptions};
use crate::error::Error as NetlearnError;
use crate::net::lab::Topology;
use crate::net::lab::icmp::{Answer, Pinger, Probe};
use crate::output::sink::Sink;
use crate::output::{self, Format, Line};

#[derive(Debug, Serialize)]
struct ProbeRecord {
    #[serde(rename = "type")]
    kind: &'static str,
    seq: u16,
    ttl_sent: u8,
    answer: &'static str,
    from: Option<Ipv4Addr>,
    host: Option<String>,
    /// The TTL the reply arrived with (echo replies).
    ttl: Option<u8>,
    icmp_code: Option<u8>,
    rtt_ms: Option<f64>,
    error: Option<String>,
}

#[derive(Debug, Serialize)]
struct PingSummary {
    #[serde(rename = "type")]
    kind: &'static str,
    target: Ipv4Addr,
    sent: usize,
    received: usize,
}

fn record(kind: &'static str, probe: &Probe, topology: Option<&Topology>) -> ProbeRecord {
    let (answer, from, ttl, code, rtt) = match &probe.answer {
        Answer::Echo { from, ttl, rtt } => {
            ("echo_reply", Some(*from), Some(*ttl), None, Some(*rtt))
        }
        Answer::TimeExceeded { from, rtt } => {
            ("time_exceeded", Some(*from), None, None, Some(*rtt))
        }
        Answer::Unreachable { from, code, rtt } => {
            ("unreachable", Some(*from), None, Some(*code), Some(*rtt))
        }
        Answer::Silence => ("no_answer", None, None, None, None),
        Answer::NotSent { .. } => ("not_sent", None, None, None, None),
    };
    ProbeRecord {
        kind,
        seq: probe.seq,
        ttl_sent: probe.ttl,
        answer,
        from,
        host: from.and_then(|f| topology?.owner(IpAddr::V4(f)).map(|(h, _)| h.name.clone())),
        ttl,
        icmp_code: code,
        rtt_ms: rtt.map(|r| r.as_secs_f64() * 1e3),
        error: match probe.answer {
            Answer::NotSent { errno } => Some(text::errno_json(errno)),
            _ => None,
        },
    }
}

fn open() -> anyhow::Result<Pinger> {
    Pinger::open().map_err(|error| {
        let refused =
            |e: &std::io::Error| matches!(e.raw_os_error(), Some(libc::EPERM) | Some(libc::EACCES));
        if refused(&error.raw) && refused(&error.datagram) {
            // SAFETY: getgid has no preconditions.
            let gid = unsafe { libc::getgid() };
            let range =
                std::fs::read_to_string("/proc/sys/net/ipv4/ping_group_range").unwrap_or_default();
            anyhow::anyhow!(text::no_icmp_socket(
                gid,
                &range.split_whitespace().collect::<Vec<_>>().join(" ")
            ))
        } else {
            anyhow::anyhow!(text::icmp_socket_failed(&error.datagram))
        }
    })
}

/// Pings from the calling thread's namespace; whether any echo came back.
fn ping(
    target: Ipv4Addr,
    options: &PingOptions,
    topology: Option<&Topology>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<bool> {
    let mut pinger = open()?;
    let mut received = 0;
    for n in 0..options.count {
        if n > 0 {
            std::thread::sleep(options.interval);
        }
        let probe = pinger.probe(target, options.ttl, options.timeout)?;
        if matches!(probe.answer, Answer::Echo { .. }) {
            received += 1;
        }
        let line = Line {
            json: &record("reply", &probe, topology),
            text: text::ping_line(probe.seq, probe.ttl, &probe.answer),
        };
        output::write_record(&line, format, out)?;
        if matches!(probe.answer, Answer::NotSent { .. }) {
            break;
        }
    }
    let sent = usize::from(options.count);
    let summary = Line {
        json: &PingSummary {
            kind: "summary",
            target,
            sent,
            received,
        },
        text: text::ping_summary(target.into(), sent, received),
    };
    output::write_record(&summary, format, out)?;
    Ok(received > 0)
}

/// Traces from the calling thread's namespace; whether the last hop is the target.
fn trace(
    target: Ipv4Addr,
    options: &TraceOptions,
    topology: Option<&Topology>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<bool> {
    let mut pinger = open()?;
    let hops = pinger.trace(target, options.max_hops, options.timeout)?;
    for probe in &hops {
        let rec = record("hop", probe, topology);
        let text = text::hop_line(probe.ttl, &probe.answer, rec.host.as_deref());
        output::write_record(&Line { json: &rec, text }, format, out)?;
    }
    Ok(hops
        .last()
        .is_some_and(|p| matches!(p.answer, Answer::Echo { .. })))
}

/// Every probe's line and the summary are shown; no answer at all is the verdict "no" (exit
/// 1, as ping's).
pub fn run_host_ping(args: &PingArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let (format, out) = sink.parts();
    let answered = ping(args.target, &args.ping, None, format, out)?;
    Ok(sink.verdict(answered))
}

/// Every hop is shown; a trace that never reached the target is the verdict "no".
pub fn run_host_trace(args: &TraceArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let (format, out) = sink.parts();
    let reached = trace(args.target, &args.trace, None, format, out)?;
    Ok(sink.verdict(reached))
}

/// An IPv4 address, or a lab name: `h2`, `h2.lab`, `h2.lab.`.
fn lab_target(topology: &Topology, target: &str) -> anyhow::Result<Ipv4Addr> {
    if let Ok(ip) = target.parse::<Ipv4Addr>() {
        return Ok(ip);
    }
    let fqdn = format!(
        "{}.lab.",
        target.trim_end_matches('.').trim_end_matches(".lab")
    );
    topology
        .names()
        .into_iter()
        .find_map(|(name, address)| match address {
            IpAddr::V4(v4) if name == fqdn => Some(v4),
            _ => None,
        })
        .ok_or_else(|| NetlearnError::Usage(text::target_unknown(target)).into())
}

/// `lab ping`: whether any echo came back.
pub fn run_lab_ping(
    args: &LabPingArgs,
    format: Format,
    out: &mut (dyn Write + Send),
) -> anyhow::Result<bool> {
    in_lab_with_output(&args.host, &args.target, out, |target, topology, out| {
        ping(target, &args.ping, Some(topology), format, out)
    })
}

/// `lab trace`: whether the trace reached the target.
pub fn run_lab_trace(
    args: &LabTraceArgs,
    format: Format,
    out: &mut (dyn Write + Send),
) -> anyhow::Result<bool> {
    in_lab_with_output(&args.host, &args.target, out, |target, topology, out| {
        trace(target, &args.trace, Some(topology), format, out)
    })
}

/// Runs `work` in `host` of the running `lab up` this process joined, else of a fresh default
/// lab, writing straight to `out` as it goes.
fn in_lab_with_output<F>(
    host: &str,
    target: &str,
    out: &mut (dyn Write + Send),
    work: F,
) -> anyhow::Result<bool>
where
    F: FnOnce(Ipv4Addr, &Topology, &mut dyn Write) -> anyhow::Result<bool> + Send,
{
    if let Some(published) = crate::net::lab::attach::joined() {
        let cannot_join = || text::cannot_join(published.pid);
        let topology =
            crate::net::lab::attach::live_topology(published).with_context(cannot_join)?;
        let target = lab_target(&topology, target)?;
        let ns =
            crate::net::lab::attach::host_namespace(published, host).with_context(cannot_join)?;
        return ns.run(|| work(target, &topology, out))?;
    }
    let topology = Topology::default_lab();
    let target = lab_target(&topology, target)?;
    let running = Running::start(Topology::default_lab())?;
    let ns = running
        .lab
        .namespace(host)
        .ok_or_else(|| NetlearnError::Usage(text::host_unknown(host)))?;
    let result = ns.run(|| work(target, &running.lab.topology, out));
    running.stop();
    result?
}
