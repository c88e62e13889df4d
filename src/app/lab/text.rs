//! Every sentence the lab says to a person, one function per step, looked up in the reader's
//! language (`texts/*/lab.ftl`).

use std::io;
use std::net::{IpAddr, Ipv4Addr};

use crate::app::text::{system_error_in, t};
use crate::i18n::Lang;
use crate::net::lab::icmp::{Answer, DEST_UNREACHABLE};
use crate::net::lab::{Mistake, RouteDecision, Verdict, netlink::Mac};
use crate::net::wire::private_net::Refusal;
use crate::tr;

/// The system's English words for an errno, without Rust's "(os error N)": the `error` value
/// of the lab's JSON, which does not change with the language. A person reads
/// [`said_in`] instead.
pub fn errno_json(errno: i32) -> String {
    let text = io::Error::from_raw_os_error(errno).to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// [`errno_json`] for an error that may carry no errno.
pub fn error_json(error: &io::Error) -> String {
    error
        .raw_os_error()
        .map_or_else(|| error.to_string(), errno_json)
}

/// What the system said, as a person reads it in `lang`: the one wording of system errors
/// (`system_error_in`, texts/*/system.ftl), as every other command says them.
fn said_in(lang: Lang, error: &io::Error) -> String {
    system_error_in(lang, error)
}

/// [`said_in`] the run's language.
fn said(error: &io::Error) -> String {
    said_in(crate::i18n::language(), error)
}

/// The kernel refused to send a probe, in `lang`.
fn not_sent_in(lang: Lang, errno: i32) -> String {
    t!(
        lang,
        "lab-answer-not-sent",
        error = said_in(lang, &io::Error::from_raw_os_error(errno))
    )
}

pub fn mac(mac: &Mac) -> String {
    mac.iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// A duration in milliseconds, as a number (JSON, and the words' numbers).
pub fn ms(duration: std::time::Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

/// A duration in milliseconds as the texts show it, with `places` decimals.
fn ms_text(ms: f64, places: usize) -> String {
    format!("{ms:.places$}")
}

fn yes_no(yes: bool) -> &'static str {
    if yes { "yes" } else { "no" }
}

pub fn build_title(ms: f64) -> String {
    tr!("lab-build-title", ms = ms_text(ms, 0))
}

pub fn build_text() -> String {
    tr!("lab-build")
}

pub fn dns_title(name: &str) -> String {
    tr!("lab-dns-title", name = name)
}

pub fn dns_text(name: &str, server: IpAddr, answers: &[IpAddr], ms: f64) -> String {
    let answers: Vec<String> = answers.iter().map(ToString::to_string).collect();
    tr!(
        "lab-dns",
        server = server.to_string(),
        name = name,
        answers = if answers.is_empty() {
            tr!("lab-dns-no-address")
        } else {
            answers.join(", ")
        },
        ms = ms_text(ms, 1),
    )
}

pub fn route_title(destination: Ipv4Addr) -> String {
    tr!("lab-route-title", destination = destination.to_string())
}

pub fn route_arithmetic(d: &RouteDecision) -> Vec<String> {
    let verdict = match &d.verdict {
        Verdict::OnLink => tr!(
            "lab-route-on-link",
            destination = d.destination.to_string(),
            interface = d.interface.as_str(),
        ),
        Verdict::Gateway(gateway) => tr!(
            "lab-route-gateway",
            network = d.network.to_string(),
            prefix = d.prefix.to_string(),
            mask = d.mask.to_string(),
            gateway = gateway.to_string(),
        ),
        Verdict::NoRoute => tr!(
            "lab-route-no-route",
            network = d.network.to_string(),
            prefix = d.prefix.to_string(),
            destination = d.destination.to_string(),
        ),
    };
    vec![
        tr!(
            "lab-route-network",
            address = d.address.to_string(),
            prefix = d.prefix.to_string(),
            mask = d.mask.to_string(),
            network = d.network.to_string(),
        ),
        tr!(
            "lab-route-destination",
            destination = d.destination.to_string(),
            mask = d.mask.to_string(),
            destination_network = d.destination_network.to_string(),
            verdict = verdict,
        ),
    ]
}

pub fn arp_title(asked: Ipv4Addr) -> String {
    tr!("lab-arp-title", asked = asked.to_string())
}

pub fn arp_text(asked: Ipv4Addr, answer: Option<&Mac>, expected: &Mac) -> String {
    match answer {
        Some(found) => tr!(
            "lab-arp",
            asked = asked.to_string(),
            mac = mac(found),
            gateway = yes_no(found == expected),
        ),
        None => tr!("lab-arp-unanswered", asked = asked.to_string()),
    }
}

pub fn ping_title() -> String {
    tr!("lab-ping-title")
}

pub fn ping_text(sent: u8, arrived: Option<u8>, answer: &Answer) -> String {
    let arrival = arrived.map_or_else(
        || tr!("lab-ping-arrival-unseen"),
        |ttl| tr!("lab-ping-arrival", ttl = ttl.to_string()),
    );
    match answer {
        Answer::Echo { ttl, rtt, .. } => tr!(
            "lab-ping",
            sent = sent.to_string(),
            arrival = arrival,
            ttl = ttl.to_string(),
            ms = ms_text(rtt.as_secs_f64() * 1e3, 2),
        ),
        other => tr!(
            "lab-ping-failed",
            sent = sent.to_string(),
            answer = answer_text(other),
        ),
    }
}

pub fn answer_text(answer: &Answer) -> String {
    match answer {
        Answer::Echo { from, ttl, rtt } => tr!(
            "lab-answer-echo",
            from = from.to_string(),
            ttl = ttl.to_string(),
            ms = ms_text(rtt.as_secs_f64() * 1e3, 2),
        ),
        Answer::TimeExceeded { from, .. } => {
            tr!("lab-answer-time-exceeded", from = from.to_string())
        }
        Answer::Unreachable { from, code, .. } => tr!(
            "lab-answer-unreachable",
            from = from.to_string(),
            kind = unreachable_name(DEST_UNREACHABLE, *code),
        ),
        Answer::Silence => tr!("lab-answer-silence"),
        Answer::NotSent { errno } => not_sent_in(crate::i18n::language(), *errno),
    }
}

/// The ICMP message's name as ping prints it: a protocol name, the same in every language.
pub fn unreachable_name(_kind: u8, code: u8) -> &'static str {
    match code {
        0 => "Destination Net Unreachable",
        1 => "Destination Host Unreachable",
        2 => "Destination Protocol Unreachable",
        3 => "Destination Port Unreachable",
        4 => "Fragmentation Needed",
        13 => "Communication Administratively Prohibited",
        _ => "Destination Unreachable",
    }
}

pub fn trace_title() -> String {
    tr!("lab-trace-title")
}

pub fn trace_text(hops: &[(u8, Option<IpAddr>, Option<String>)]) -> String {
    let list: Vec<String> = hops
        .iter()
        .map(|(ttl, address, name)| {
            let ttl = ttl.to_string();
            match (address, name) {
                (Some(a), Some(n)) => tr!(
                    "lab-trace-hop-named",
                    ttl = ttl,
                    address = a.to_string(),
                    host = n.as_str(),
                ),
                (Some(a), None) => tr!("lab-trace-hop", ttl = ttl, address = a.to_string()),
                _ => tr!("lab-trace-hop-silent", ttl = ttl),
            }
        })
        .collect();
    tr!("lab-trace", hops = list.join(&tr!("lab-trace-separator")))
}

pub fn echo_title() -> String {
    tr!("lab-echo-title")
}

pub fn echo_text(message: &str, matches: bool, ms: f64) -> String {
    tr!(
        "lab-echo",
        message = format!("{message:?}"),
        matches = yes_no(matches),
        ms = ms_text(ms, 2),
    )
}

pub fn http_title() -> String {
    tr!("lab-http-title")
}

pub fn http_text(status: u16, bytes: usize, ms: f64) -> String {
    tr!(
        "lab-http",
        status = status.to_string(),
        bytes = bytes.to_string(),
        ms = ms_text(ms, 2),
    )
}

pub fn teardown_title(ms: f64, total_ms: f64) -> String {
    tr!(
        "lab-teardown-title",
        ms = ms_text(ms, 2),
        total_ms = ms_text(total_ms, 0),
    )
}

pub fn teardown_text() -> String {
    tr!("lab-teardown")
}

/// Above the packets a step captured on one interface ("h1 eth0").
pub fn captured_on(at: &str) -> String {
    tr!("lab-captured-on", at = at)
}

/// After the title of a step that did not do what it should.
pub fn failed_mark() -> String {
    tr!("lab-step-failed-mark")
}

pub fn mistake_title(mistake: Mistake) -> String {
    match mistake {
        Mistake::Mask => tr!("lab-mistake-mask"),
        Mistake::Gateway => tr!("lab-mistake-gateway"),
        Mistake::GatewayOffSubnet => tr!("lab-mistake-gateway-off-subnet"),
        Mistake::NoForwarding => tr!("lab-mistake-no-forwarding"),
    }
}

pub fn refused_route_title(gateway: IpAddr) -> String {
    tr!("lab-route-refused-title", gateway = gateway.to_string())
}

pub fn refused_route_text(gateway: IpAddr, error: &io::Error) -> String {
    tr!(
        "lab-route-refused",
        gateway = gateway.to_string(),
        error = said(error),
    )
}

pub fn mistake_outcome(mistake: Mistake, answer: &Answer, arp_unanswered: usize) -> String {
    let seen = answer_text(answer);
    match mistake {
        Mistake::Mask => tr!(
            "lab-outcome-mask",
            unanswered = arp_unanswered.to_string(),
            seen = seen,
        ),
        Mistake::Gateway | Mistake::GatewayOffSubnet => tr!("lab-outcome-gateway", seen = seen),
        Mistake::NoForwarding => tr!("lab-outcome-no-forwarding", seen = capitalise(&seen)),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

pub fn mistake_failed(mistake: Mistake) -> String {
    tr!(
        "lab-mistake-failed",
        mistake = match mistake {
            Mistake::Mask => "mask",
            Mistake::Gateway => "gateway",
            Mistake::GatewayOffSubnet => "gateway-off-subnet",
            Mistake::NoForwarding => "no-forwarding",
        }
    )
}

pub fn scenario_failed() -> String {
    tr!("lab-scenario-failed")
}

/// Why the lab cannot be built here, and what would allow it.
pub fn refusal(refusal: &Refusal) -> String {
    let why = match refusal {
        Refusal::UnshareRefused {
            sysctl_off: true, ..
        } => tr!("lab-refusal-sysctl"),
        Refusal::UnshareRefused { .. } => tr!("lab-refusal-seccomp"),
        Refusal::CapabilitiesDenied {
            apparmor_rule: true,
        } => tr!("lab-refusal-apparmor"),
        Refusal::CapabilitiesDenied { .. } => tr!("lab-refusal-no-capabilities"),
        Refusal::UnshareFailed(errno)
        | Refusal::MapRefused(errno)
        | Refusal::LoopbackDown(errno) => {
            tr!(
                "lab-refusal-failed",
                error = said(&io::Error::from_raw_os_error(*errno)),
            )
        }
        Refusal::Unsupported => tr!("lab-refusal-unsupported"),
    };
    cannot_build(&tr!("lab-refusal", why = why))
}

/// "cannot build the lab here: " followed by `reason`.
pub fn cannot_build(reason: &str) -> String {
    tr!("lab-cannot-build", reason = reason)
}

pub fn up_ready(pid: u32) -> Vec<String> {
    vec![
        tr!("lab-up-ready"),
        tr!("lab-up-step-in"),
        tr!("lab-up-owner", pid = pid.to_string()),
    ]
}

pub fn cannot_join(pid: u32) -> String {
    tr!("lab-cannot-join", pid = pid.to_string())
}

pub fn up_down(ms: f64) -> String {
    tr!("lab-up-down", ms = ms_text(ms, 2))
}

pub fn host_unknown(host: &str) -> String {
    tr!("lab-host-unknown", host = format!("{host:?}"))
}

pub fn target_unknown(target: &str) -> String {
    tr!("lab-target-unknown", target = format!("{target:?}"))
}

pub fn cannot_build_lab() -> String {
    tr!("lab-cannot-build-lab")
}

pub fn cannot_start_servers() -> String {
    tr!("lab-cannot-start-servers")
}

pub fn cannot_find_self() -> String {
    tr!("lab-cannot-find-self")
}

pub fn cannot_start_child() -> String {
    tr!("lab-cannot-start-child")
}

pub fn run_needs_command() -> String {
    tr!("lab-run-needs-command")
}

pub fn cannot_run(program: &std::ffi::OsStr, host: &str) -> String {
    tr!(
        "lab-cannot-run",
        program = format!("{program:?}"),
        host = host
    )
}

/// One probe's line, folded under itself where a narrow terminal cannot hold it (a refusal in
/// Japanese is wider than ping's usual line).
pub fn ping_line(seq: u16, ttl_sent: u8, answer: &Answer) -> String {
    let line = tr!(
        "lab-ping-line",
        seq = seq.to_string(),
        ttl = ttl_sent.to_string(),
        answer = answer_text(answer),
    );
    crate::output::width::wrap_hanging(&line, "    ", crate::output::width::terminal_width())
}

pub fn ping_summary(target: IpAddr, sent: usize, received: usize) -> String {
    let loss = if sent == 0 {
        0.0
    } else {
        100.0 * (sent - received) as f64 / sent as f64
    };
    tr!(
        "lab-ping-summary",
        target = target.to_string(),
        sent = sent.to_string(),
        received = received.to_string(),
        loss = format!("{loss:.0}"),
    )
}

/// One line per hop, as traceroute prints it: numbers and addresses, words only for a probe
/// that could not be sent.
pub fn hop_line(ttl: u8, answer: &Answer, name: Option<&str>) -> String {
    let named = |from: &Ipv4Addr| match name {
        Some(n) => format!("{from} ({n})"),
        None => from.to_string(),
    };
    match answer {
        Answer::Echo { from, rtt, .. } | Answer::TimeExceeded { from, rtt } => {
            format!(
                "{ttl:>2}  {}  {:.2} ms",
                named(from),
                rtt.as_secs_f64() * 1e3
            )
        }
        Answer::Unreachable { from, code, rtt } => format!(
            "{ttl:>2}  {}  {:.2} ms  {}",
            named(from),
            rtt.as_secs_f64() * 1e3,
            unreachable_name(DEST_UNREACHABLE, *code)
        ),
        Answer::Silence => format!("{ttl:>2}  *"),
        Answer::NotSent { .. } => format!("{ttl:>2}  {}", answer_text(answer)),
    }
}

pub fn no_icmp_socket(gid: u32, range: &str) -> String {
    tr!("lab-no-icmp-socket", range = range, gid = gid.to_string())
}

pub fn icmp_socket_failed(error: &io::Error) -> String {
    tr!("lab-icmp-socket-failed", error = said(error))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lab words a refused send as every command words a system error (system.ftl):
    /// Japanese in Japanese, the system's own words with their number in English; its JSON
    /// keeps the system's English words.
    #[test]
    fn a_probe_the_kernel_refused_is_said_through_system_ftl() {
        let ja = not_sent_in(Lang::Ja, libc::ENETUNREACH);
        assert!(
            ja.contains(&t!(Lang::Ja, "system-network-unreachable"))
                && ja.contains(&format!("エラー番号 {}", libc::ENETUNREACH)),
            "{ja}"
        );
        assert!(!ja.contains("Network is unreachable"), "{ja}");
        let en = not_sent_in(Lang::En, libc::ENETUNREACH);
        assert!(
            en.ends_with(&io::Error::from_raw_os_error(libc::ENETUNREACH).to_string()),
            "{en}"
        );
        assert_eq!(errno_json(libc::ENETUNREACH), "Network is unreachable");
        let refused = io::Error::from_raw_os_error(libc::EPERM);
        assert_eq!(
            said_in(Lang::Ja, &refused),
            system_error_in(Lang::Ja, &refused)
        );
    }
}
