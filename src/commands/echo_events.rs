//! How echo events look as text lines (the JSON form is their serde form).

use std::io::{self, Write};

use serde::Serialize;

use crate::net::echo::event::{DroppedDatagrams, Event, Proto, Role, Summary};
use crate::net::echo::udp::reflection_risk;
use crate::output::escape::terminal_safe;
use crate::output::{self, Format};

/// A count with thousands separators: 1,234,567.
pub fn grouped(count: u64) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// "dropped 1,234 datagrams in the last second: 1,200 over the rate limit of 1000/s from
/// 127.0.0.1, 34 from the server's own address".
fn dropped_text(report: &DroppedDatagrams) -> String {
    let mut parts = Vec::new();
    if report.over_rate > 0 {
        let listed: u64 = report.over_rate_sources.iter().map(|s| s.datagrams).sum();
        let sources = match report.over_rate_sources.as_slice() {
            [only] if listed == report.over_rate => only.source.to_string(),
            many => {
                // A spoofed flood claims a new source per datagram: the counts show that.
                let mut named: Vec<String> = many
                    .iter()
                    .map(|seen| format!("{} ({})", seen.source, grouped(seen.datagrams)))
                    .collect();
                if listed < report.over_rate {
                    named.push(format!(
                        "other sources ({})",
                        grouped(report.over_rate - listed)
                    ));
                }
                named.join(", ")
            }
        };
        parts.push(format!(
            "{} over the rate limit of {}/s per source (--udp-rate) from {}",
            grouped(report.over_rate),
            report.rate_limit,
            sources
        ));
    }
    if report.own_address > 0 {
        parts.push(format!(
            "{} from the server's own address (answering would loop forever)",
            grouped(report.own_address)
        ));
    }
    if report.service_port > 0 {
        let example = report
            .service_port_example
            .and_then(|source| Some(format!(" (e.g. {source}: {})", reflection_risk(source)?)))
            .unwrap_or_default();
        parts.push(format!(
            "{} from service ports{example}",
            grouped(report.service_port)
        ));
    }
    if report.invalid > 0 {
        let example = report
            .invalid_example
            .as_deref()
            .map(|reason| format!(" (e.g. {})", terminal_safe(reason)))
            .unwrap_or_default();
        parts.push(format!("{} invalid{example}", grouped(report.invalid)));
    }
    let seconds = report.interval_ms as f64 / 1000.0;
    let period = if (0.9..1.5).contains(&seconds) {
        "the last second".to_string()
    } else {
        format!("the last {seconds:.1} s")
    };
    format!(
        "dropped {} {} in {period}: {}",
        grouped(report.datagrams),
        if report.datagrams == 1 {
            "datagram"
        } else {
            "datagrams"
        },
        parts.join(", ")
    )
}

/// Bytes in a human unit.
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

fn who(role: Role, conn: Option<u64>) -> String {
    match (role, conn) {
        (_, Some(conn)) => format!("[conn {conn}]"),
        (Role::Server, None) => "[server]".to_string(),
        (Role::Client, None) => "[client]".to_string(),
    }
}

/// One line of text for an event.
pub fn event_text(event: &Event) -> String {
    match event {
        Event::Listening {
            addr,
            proto,
            framing,
        } => format!("listening on {addr} ({proto}, {framing})"),
        Event::Warning { message } => format!("warning: {message}"),
        Event::Note { role, message } => format!("{} {message}", who(*role, None)),
        Event::Trace {
            role,
            conn,
            describe,
            python,
            ..
        } => format!("{} {describe:<40} # {python}", who(*role, *conn)),
        Event::Open { conn, peer } => format!("[conn {conn}] open from {peer}"),
        Event::Tail { conn, tail } => format!(
            "[conn {conn}] {} ({} bytes echoed anyway)",
            tail.tail, tail.echoed_bytes
        ),
        Event::Closed {
            conn,
            peer,
            counts,
            reason,
            duration_ms,
        } => format!(
            "[conn {conn}] closed {peer}: {reason}; {} in, {} out, {} frames, {duration_ms:.1} ms",
            human_bytes(counts.bytes_in),
            human_bytes(counts.bytes_out),
            counts.frames
        ),
        Event::Refused { peer, reason } => format!("refused {peer}: {reason}"),
        Event::DatagramsDropped(report) => dropped_text(report),
        Event::ShuttingDown {
            open_connections,
            grace_ms,
        } => format!(
            "shutting down: no new connections; finishing {open_connections} open (up to {grace_ms} ms)"
        ),
    }
}

/// Writes one event as a text line or a JSON line, flushed at once (tests and pipes wait on it).
pub fn write_event(event: &Event, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table => writeln!(out, "{}", event_text(event))?,
        Format::Json => output::json_line(event, out)?,
    }
    out.flush()
}

#[derive(Serialize)]
struct SummaryRecord<'a> {
    event: &'static str,
    #[serde(flatten)]
    summary: &'a Summary,
}

pub fn write_summary(summary: &Summary, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table => {
            let traffic = if summary.proto == Proto::Udp {
                format!(
                    "{} datagrams ({} dropped)",
                    summary.datagrams, summary.dropped
                )
            } else {
                format!(
                    "{} connections ({} refused, {} cut at shutdown)",
                    summary.connections, summary.refused, summary.aborted_at_shutdown
                )
            };
            writeln!(
                out,
                "summary: {traffic}, {} in, {} out, {} frames, up {:.1} s",
                human_bytes(summary.bytes_in),
                human_bytes(summary.bytes_out),
                summary.frames,
                summary.uptime_s
            )?;
        }
        Format::Json => output::json_line(
            &SummaryRecord {
                event: "summary",
                summary,
            },
            out,
        )?,
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1234), "1,234");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    #[test]
    fn a_tcp_summary_speaks_of_connections_even_with_none() {
        let mut text = Vec::new();
        write_summary(&Summary::default(), Format::Table, &mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(
            text.starts_with("summary: 0 connections (0 refused"),
            "{text}"
        );
        assert!(!text.contains("datagram"), "{text}");
        let udp = Summary {
            proto: Proto::Udp,
            datagrams: 3,
            dropped: 1,
            ..Summary::default()
        };
        let mut text = Vec::new();
        write_summary(&udp, Format::Table, &mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(
            text.starts_with("summary: 3 datagrams (1 dropped)"),
            "{text}"
        );
    }

    #[test]
    fn dropped_datagrams_are_one_line_by_reason() {
        let mut report = DroppedDatagrams {
            rate_limit: 1000,
            ..DroppedDatagrams::default()
        };
        for _ in 0..1200 {
            report.add_over_rate([127, 0, 0, 1].into());
        }
        for _ in 0..34 {
            report.add_own_address();
        }
        let report = report.take(1000).unwrap();
        assert_eq!(
            event_text(&Event::DatagramsDropped(report)),
            "dropped 1,234 datagrams in the last second: 1,200 over the rate limit of 1000/s \
             per source (--udp-rate) from 127.0.0.1, 34 from the server's own address \
             (answering would loop forever)"
        );
        let mut report = DroppedDatagrams {
            rate_limit: 10,
            ..DroppedDatagrams::default()
        };
        for last in 1..=200u8 {
            report.add_over_rate([127, 0, 0, last].into());
        }
        report.add_over_rate([127, 0, 0, 2].into());
        let text = event_text(&Event::DatagramsDropped(report.take(1000).unwrap()));
        assert!(
            text.ends_with("from 127.0.0.2 (2), 127.0.0.1 (1), 127.0.0.3 (1), other sources (197)"),
            "{text}"
        );
        let mut report = DroppedDatagrams::default();
        report.add_service_port(([127, 0, 0, 1], 53).into());
        report.add_invalid(|| "datagram of 9 bytes exceeds --max-frame 8".to_string());
        let text = event_text(&Event::DatagramsDropped(report.take(2500).unwrap()));
        assert!(text.starts_with("dropped 2 datagrams in the last 2.5 s: 1 from service ports (e.g. 127.0.0.1:53: source port 53 (DNS)"), "{text}");
        assert!(
            text.ends_with("1 invalid (e.g. datagram of 9 bytes exceeds --max-frame 8)"),
            "{text}"
        );
    }

    #[test]
    fn human_bytes_picks_a_unit() {
        assert_eq!(human_bytes(12), "12 B");
        assert_eq!(human_bytes(2048), "2.0 KiB");
        assert_eq!(human_bytes(3 * 1024 * 1024), "3.0 MiB");
    }
}
