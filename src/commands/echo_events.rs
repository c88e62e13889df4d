//! How echo events look as text lines (the JSON form is their serde form).

use std::io::{self, Write};

use serde::Serialize;

use crate::net::echo::event::{Event, Role, Summary};
use crate::output::{self, Format};

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
        Event::Dropped {
            peer,
            bytes,
            reason,
        } => format!("dropped {bytes} bytes from {peer}: {reason}"),
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
            let traffic = if summary.datagrams > 0 || summary.connections == 0 {
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
    fn human_bytes_picks_a_unit() {
        assert_eq!(human_bytes(12), "12 B");
        assert_eq!(human_bytes(2048), "2.0 KiB");
        assert_eq!(human_bytes(3 * 1024 * 1024), "3.0 MiB");
    }
}
