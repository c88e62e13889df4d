//! How echo events look as text lines (the JSON form is their serde form).

use std::io::{self, Write};

use serde::Serialize;

use crate::app::echo::calls::call_text;
use crate::app::text::{counted, counted_in, system_error, system_error_in, t};
use crate::i18n::Lang;
use crate::net::echo::endpoint::Endpoint;
use crate::net::echo::event::{
    Call, CloseReason, DroppedDatagrams, Event, InvalidDatagram, Role, SenderFileRisk, Summary,
    UntrustedSender, Warning, tail_echoed_bytes,
};
use crate::net::echo::framing::Tail;
use crate::net::echo::session::CALL_WINDOW;
use crate::net::echo::shown::MESSAGE_LINES_PER_SECOND;
use crate::net::echo::udp::{ReflectionRisk, Service, reflection_risk};
use crate::output::Render;
use crate::output::escape::{bytes_terminal_safe, terminal_safe};
use crate::output::width::{display_width, terminal_width};
use crate::output::words::thousands;
use crate::tr;

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
                    .map(|seen| format!("{} ({})", seen.source, thousands(seen.datagrams)))
                    .collect();
                if listed < report.over_rate {
                    named.push(tr!(
                        "echo-dropped-other-sources",
                        count = thousands(report.over_rate - listed)
                    ));
                }
                named.join(&tr!("echo-list-separator"))
            }
        };
        parts.push(tr!(
            "echo-dropped-over-rate",
            count = thousands(report.over_rate),
            rate = report.rate_limit.to_string(),
            sources = sources
        ));
    }
    if report.own_address > 0 {
        parts.push(tr!(
            "echo-dropped-own-address",
            count = thousands(report.own_address)
        ));
    }
    if report.service_port > 0 {
        let count = thousands(report.service_port);
        let example = report.service_port_example.and_then(|source| {
            let risk = reflection_risk(source)?;
            Some((source, reflection_risk_text(&risk)))
        });
        parts.push(match example {
            Some((source, risk)) => tr!(
                "echo-dropped-service-ports-example",
                count = count,
                source = source.to_string(),
                risk = risk
            ),
            None => tr!("echo-dropped-service-ports", count = count),
        });
    }
    if report.invalid > 0 {
        let count = thousands(report.invalid);
        parts.push(match &report.invalid_example {
            Some(reason) => tr!(
                "echo-dropped-invalid-example",
                count = count,
                reason = invalid_datagram_text(reason)
            ),
            None => tr!("echo-dropped-invalid", count = count),
        });
    }
    if report.untrusted_sender > 0 {
        let count = thousands(report.untrusted_sender);
        parts.push(match &report.untrusted_sender_example {
            Some(sender) => tr!(
                "echo-dropped-untrusted-sender-example",
                count = count,
                reason = untrusted_sender_text(sender)
            ),
            None => tr!("echo-dropped-untrusted-sender", count = count),
        });
    }
    let seconds = report.interval_ms as f64 / 1000.0;
    let period = if (0.9..1.5).contains(&seconds) {
        tr!("echo-dropped-last-second")
    } else {
        tr!(
            "echo-dropped-last-seconds",
            seconds = format!("{seconds:.1}")
        )
    };
    tr!(
        "echo-dropped",
        datagrams = counted("count-datagrams", report.datagrams),
        period = period,
        parts = parts.join(&tr!("echo-list-separator"))
    )
}

/// Bytes in a human unit, the number joined to it by a no-break space (`6\u{a0}B`).
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes}\u{a0}B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1}\u{a0}{}", UNITS[unit])
}

/// An endpoint as the log names it, in the run's language, safe for a terminal.
fn peer_text(endpoint: &Endpoint) -> String {
    let text = crate::app::echo::words::endpoint_text(crate::i18n::language(), endpoint);
    terminal_safe(&text).into_owned()
}

/// The tag a log line starts with, in `lang`: `[server]`, `[client]` or `[conn 2]`, padded to
/// the widest of them so the lines of one log stay aligned (a Japanese tag is wider).
pub fn tag_in(lang: Lang, role: Role, conn: Option<u64>) -> String {
    let text = match (role, conn) {
        (_, Some(conn)) => t!(lang, "echo-tag-conn", conn = conn),
        (Role::Server, None) => t!(lang, "echo-tag-server"),
        (Role::Client, None) => t!(lang, "echo-tag-client"),
    };
    padded_tag(lang, text, &["echo-tag-server", "echo-tag-client"])
}

/// `text` padded to the widest of the tags `ids` in `lang` (a tag wider than all of them, such
/// as `[conn 10]`, stays as it is).
pub fn padded_tag(lang: Lang, text: String, ids: &[&str]) -> String {
    let widest = ids
        .iter()
        .map(|id| display_width(&t!(lang, id)))
        .max()
        .unwrap_or(0);
    crate::output::width::pad(&text, widest)
}

fn who(role: Role, conn: Option<u64>) -> String {
    tag_in(crate::i18n::language(), role, conn)
}

/// The text for an event, fitted to the terminal's width.
pub fn event_text(event: &Event) -> String {
    event_text_at(event, terminal_width())
}

/// Cuts `text` to `width` columns, ending in "…" when cut.
fn cut_to(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` wrapped to `width` at spaces, later lines indented by `indent` (hex dumps and notes
/// must fit a terminal: a wrapped line is still readable, a cut one is not).
fn wrap_at_spaces(text: &str, indent: &str, width: usize) -> String {
    crate::output::width::wrap_hanging(text, indent, width)
}

/// Hex bytes with the printable ones as text after them, as `echo demo` shows the wire.
fn hex_dump(data_hex: &str, total: usize) -> String {
    let bytes: Vec<u8> = data_hex
        .as_bytes()
        .chunks(2)
        .filter_map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .collect();
    let dump = crate::app::echo::words::describe_wire(&bytes);
    let more = total.saturating_sub(bytes.len());
    if more > 0 {
        tr!(
            "echo-dump-more",
            dump = dump,
            bytes = counted("count-bytes", more as u64)
        )
    } else {
        dump
    }
}

/// The text for an event at a given terminal width: one line, or a few when it would not fit
/// (continuation lines indented). The listening line always stays whole: scripts read it.
pub fn event_text_at(event: &Event, width: usize) -> String {
    let text = event_text_unfitted(event, width);
    if matches!(event, Event::Listening { .. }) {
        return text;
    }
    fit_log_text(text, width)
}

/// A log line folded to `width` when the screen has one (a terminal, or COLUMNS set), later
/// lines indented; piped without a width, a log line stays one line per event for grep and
/// scripts.
pub fn fit_log_text(text: String, width: usize) -> String {
    if !crate::output::screen::screen().fits_width
        || text.lines().all(|line| display_width(line) <= width)
    {
        return text;
    }
    text.lines()
        .map(|line| wrap_at_spaces(line, "    ", width))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Serializes prose for a JSON record with plain spaces: the no-break spaces that keep a
/// number with its unit on a screen are layout, and the JSON keeps the words it always had.
pub fn plain_spaces<S: serde::Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&text.replace('\u{a0}', " "))
}

/// `plain_spaces` for an optional text.
fn plain_spaces_opt<S: serde::Serializer>(
    text: &Option<String>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match text {
        Some(text) => plain_spaces(text, serializer),
        None => serializer.serialize_none(),
    }
}

fn event_text_unfitted(event: &Event, width: usize) -> String {
    match event {
        Event::Listening {
            addr,
            proto,
            framing,
            mode,
            replaced_stale,
        } => {
            let addr = peer_text(addr);
            let (proto, framing) = (proto.to_string(), framing.to_string());
            let mut line = match mode {
                Some(mode) => tr!(
                    "echo-listening-mode",
                    addr = addr,
                    proto = proto,
                    framing = framing,
                    mode = mode.as_str()
                ),
                None => tr!(
                    "echo-listening",
                    addr = addr,
                    proto = proto,
                    framing = framing
                ),
            };
            if *replaced_stale {
                line.push('\n');
                line.push_str(&tr!("echo-replaced-stale"));
            }
            line
        }
        Event::Warning(warning) => tr!("echo-warning", message = warning_text(warning)),
        Event::Trace {
            role,
            conn,
            call,
            python,
            data_hex,
        } => {
            let who = who(*role, *conn);
            let describe = call_text(crate::i18n::language(), call);
            // Padded by display width: a Japanese call text is two columns a character.
            let pad = " ".repeat(40usize.saturating_sub(display_width(&describe)));
            let one_line = format!("{who} {describe}{pad} # {python}");
            let mut text = if display_width(&one_line) <= width {
                one_line
            } else {
                // The Python line goes on its own line, under the call it matches.
                format!("{who} {describe}\n    # {python}")
            };
            if let Some(hex) = data_hex {
                let total = match call {
                    Call::Recv { bytes }
                    | Call::Send { bytes }
                    | Call::Recvfrom { bytes, .. }
                    | Call::Sendto { bytes, .. } => *bytes,
                    _ => hex.len() / 2,
                };
                if total > 0 {
                    text.push('\n');
                    text.push_str(&wrap_at_spaces(
                        &format!("    {}", hex_dump(hex, total)),
                        "    ",
                        width,
                    ));
                }
            }
            text
        }
        Event::Open { conn, peer } => {
            format!(
                "{} {}",
                who(Role::Server, Some(*conn)),
                tr!("echo-open", peer = peer_text(peer))
            )
        }
        Event::Message {
            conn,
            peer,
            bytes,
            text,
        } => {
            let who = match (conn, peer) {
                (Some(conn), _) => who(Role::Server, Some(*conn)),
                (None, Some(peer)) => format!("[{peer}]"),
                (None, None) => who(Role::Server, None),
            };
            let received = tr!(
                "echo-received",
                bytes = counted("count-bytes", *bytes as u64)
            );
            let head = format!("{who} {received} ");
            let quoted = format!("\"{}\"", bytes_terminal_safe(text.as_bytes()));
            let room = width.saturating_sub(display_width(&head)).max(8);
            format!("{head}{}", cut_to(&quoted, room))
        }
        Event::CallsNotShown { calls } => tr!(
            "echo-calls-not-shown",
            calls = thousands(*calls),
            kept = CALL_WINDOW.to_string()
        ),
        Event::MessagesNotShown { messages } => tr!(
            "echo-messages-not-shown",
            messages = counted("count-messages", *messages),
            rate = MESSAGE_LINES_PER_SECOND.to_string()
        ),
        Event::Tail { conn, tail } => format!(
            "{} {}",
            who(Role::Server, Some(*conn)),
            tr!(
                "echo-tail",
                tail = tail_text(tail),
                bytes = counted("count-bytes", tail_echoed_bytes(tail) as u64)
            )
        ),
        Event::Closed {
            conn,
            peer,
            counts,
            reason,
            duration_ms,
        } => format!(
            "{} {}",
            who(Role::Server, Some(*conn)),
            tr!(
                "echo-closed",
                peer = peer_text(peer),
                reason = close_reason_text(reason),
                bytes_in = human_bytes(counts.bytes_in),
                bytes_out = human_bytes(counts.bytes_out),
                frames = counted("count-frames", counts.frames),
                ms = format!("{duration_ms:.1}")
            )
        ),
        Event::Refused { peer, reason } => tr!(
            "echo-refused",
            peer = peer_text(peer),
            reason = close_reason_text(reason)
        ),
        Event::DatagramsDropped(report) => dropped_text(report),
        Event::ShuttingDown {
            open_connections,
            grace_ms,
        } => tr!(
            "echo-shutting-down",
            open = counted("count-open-connections", *open_connections as u64),
            grace = crate::app::echo::words::duration_in(
                crate::i18n::language(),
                std::time::Duration::from_millis(*grace_ms)
            )
        ),
    }
}

/// Why a connection closed, in the reader's language (the JSON keeps the typed reason).
pub fn close_reason_text(reason: &CloseReason) -> String {
    match reason {
        CloseReason::PeerClosed => tr!("echo-reason-peer-closed"),
        CloseReason::Quit => tr!("echo-reason-quit"),
        CloseReason::FrameTooLong {
            len,
            max,
            prefix_text: None,
        } => tr!(
            "echo-reason-frame-too-long",
            bytes = counted("count-bytes", *len),
            max = max.to_string()
        ),
        CloseReason::FrameTooLong {
            len,
            max,
            prefix_text: Some(text),
        } => tr!(
            "echo-reason-text-as-length",
            length = thousands(*len),
            text = terminal_safe(text).into_owned(),
            max = max.to_string()
        ),
        CloseReason::IdleTimeout { seconds } => {
            tr!("echo-reason-idle", seconds = seconds.to_string())
        }
        CloseReason::ServerShutdown => tr!("echo-reason-shutdown"),
        CloseReason::TooManyConnections { max } => {
            tr!("echo-reason-too-many", max = max.to_string())
        }
        CloseReason::Error { message } => {
            tr!("echo-reason-error", message = system_error(message))
        }
    }
}

/// A server warning in the reader's language (also the JSON record's `message`).
pub fn warning_text(warning: &Warning) -> String {
    match warning {
        Warning::Accept { error } => tr!("echo-warning-accept", error = system_error(error)),
        Warning::Recvfrom { error } => tr!("echo-warning-recvfrom", error = system_error(error)),
        Warning::Sendto { peer, error } => tr!(
            "echo-warning-sendto",
            peer = peer_text(peer),
            error = system_error(error)
        ),
        Warning::NotLoopback { addr } => {
            tr!("echo-warning-not-loopback", addr = addr.to_string())
        }
    }
}

/// What was left when the peer closed: "last 8 bytes had no newline".
pub fn tail_text(tail: &Tail) -> String {
    match *tail {
        // Never reported: the server says nothing when the stream ended on a boundary.
        Tail::Clean => String::new(),
        Tail::UnterminatedLine { len } => tr!(
            "echo-tail-unterminated",
            bytes = counted("count-bytes", len as u64)
        ),
        Tail::ShortFrame { len, expected } => tr!(
            "echo-tail-short-frame",
            len = len.to_string(),
            expected = counted("count-bytes", expected as u64)
        ),
        Tail::TruncatedFrame { missing, .. } => tr!(
            "echo-tail-truncated",
            missing = counted("count-bytes", missing)
        ),
    }
}

/// Why a datagram from a source port is not answered, as one clause.
pub fn reflection_risk_text(risk: &ReflectionRisk) -> String {
    match *risk {
        ReflectionRisk::PortZero => tr!("echo-risk-port-zero"),
        ReflectionRisk::Service { port, service } => {
            let port = port.to_string();
            match (service, service.rfc()) {
                (Service::Echo, _) => tr!("echo-risk-echo-loop", port = port),
                (Service::Chargen, _) => tr!("echo-risk-chargen-loop", port = port),
                (_, Some(rfc)) => tr!(
                    "echo-risk-service-rfc",
                    port = port,
                    service = service.name(),
                    rfc = rfc.to_string()
                ),
                (_, None) => tr!("echo-risk-service", port = port, service = service.name()),
            }
        }
        ReflectionRisk::WellKnown { port } => {
            tr!("echo-risk-well-known", port = port.to_string())
        }
        ReflectionRisk::Reflector { port, name } => {
            tr!("echo-risk-reflector", port = port.to_string(), name = name)
        }
    }
}

/// Why a datagram was dropped as invalid, in the reader's language (also the JSON record's
/// `invalid_example`, which is prose).
pub fn invalid_datagram_text(reason: &InvalidDatagram) -> String {
    invalid_datagram_text_in(crate::i18n::language(), reason)
}

fn invalid_datagram_text_in(lang: Lang, reason: &InvalidDatagram) -> String {
    match *reason {
        InvalidDatagram::OverMaxFrame { len, max } => t!(
            lang,
            "echo-invalid-over-max-frame",
            bytes = counted_in(lang, "count-bytes", len as u64),
            max = max.to_string()
        ),
        InvalidDatagram::LongerThanFixed { len, size } => t!(
            lang,
            "echo-invalid-longer-than-fixed",
            bytes = counted_in(lang, "count-bytes", len as u64),
            size = size.to_string()
        ),
        InvalidDatagram::ShortForPrefix { len } => t!(
            lang,
            "echo-invalid-short-for-prefix",
            bytes = counted_in(lang, "count-bytes", len as u64)
        ),
        InvalidDatagram::PrefixDisagrees { declared, carried } => t!(
            lang,
            "echo-invalid-prefix-disagrees",
            bytes = counted_in(lang, "count-bytes", declared as u64),
            carried = carried.to_string()
        ),
        InvalidDatagram::UnnamedSender => t!(lang, "echo-invalid-unnamed-sender"),
    }
}

/// Why a Unix datagram was not answered at its sender's address, in the reader's language
/// (also the JSON record's `untrusted_sender_example`).
pub fn untrusted_sender_text(sender: &UntrustedSender) -> String {
    untrusted_sender_text_in(crate::i18n::language(), sender)
}

fn untrusted_sender_text_in(lang: Lang, sender: &UntrustedSender) -> String {
    let risk = match &sender.risk {
        SenderFileRisk::NoCredentials => t!(lang, "echo-sender-no-credentials"),
        SenderFileRisk::Gone => t!(lang, "echo-sender-gone"),
        SenderFileRisk::Link => t!(lang, "echo-sender-link"),
        SenderFileRisk::NotASocket => t!(lang, "echo-sender-not-socket"),
        SenderFileRisk::OtherOwner { owner } => {
            t!(lang, "echo-sender-other-owner", owner = owner.to_string())
        }
        SenderFileRisk::Unreachable { error } => t!(
            lang,
            "echo-sender-unreachable",
            error = system_error_in(lang, error)
        ),
    };
    match sender.uid {
        Some(uid) => t!(
            lang,
            "echo-sender-from-uid",
            uid = uid.to_string(),
            risk = risk
        ),
        None => risk,
    }
}

/// An echo event as a stream record: its text line, or its serde form with the prose the
/// domain leaves to the view (why a datagram was invalid) put back in.
pub struct EventRecord<'a>(pub &'a Event);

#[derive(Serialize)]
struct DroppedJson<'a> {
    event: &'static str,
    #[serde(flatten)]
    report: &'a DroppedDatagrams,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "plain_spaces_opt"
    )]
    invalid_example: Option<String>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "plain_spaces_opt"
    )]
    untrusted_sender_example: Option<String>,
}

#[derive(Serialize)]
struct WarningJson {
    event: &'static str,
    #[serde(serialize_with = "plain_spaces")]
    message: String,
}

/// A socket call: its typed fields, then the call as `strace` shows it (`describe`, worded in
/// the reader's language) and in Python.
#[derive(Serialize)]
struct TraceJson<'a> {
    event: &'static str,
    role: Role,
    #[serde(skip_serializing_if = "Option::is_none")]
    conn: Option<u64>,
    #[serde(flatten)]
    call: &'a Call,
    #[serde(serialize_with = "plain_spaces")]
    describe: String,
    python: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_hex: Option<&'a str>,
}

#[derive(Serialize)]
struct TailJson {
    event: &'static str,
    conn: u64,
    #[serde(serialize_with = "plain_spaces")]
    tail: String,
    echoed_bytes: usize,
}

impl Serialize for EventRecord<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Event::DatagramsDropped(report) => DroppedJson {
                event: "datagrams_dropped",
                report,
                invalid_example: report.invalid_example.as_ref().map(invalid_datagram_text),
                untrusted_sender_example: report
                    .untrusted_sender_example
                    .as_ref()
                    .map(untrusted_sender_text),
            }
            .serialize(serializer),
            Event::Warning(warning) => WarningJson {
                event: "warning",
                message: warning_text(warning),
            }
            .serialize(serializer),
            Event::Trace {
                role,
                conn,
                call,
                python,
                data_hex,
            } => TraceJson {
                event: "trace",
                role: *role,
                conn: *conn,
                call,
                // The call as strace shows it is a machine value: the same in every language.
                describe: call_text(Lang::En, call),
                python,
                data_hex: data_hex.as_deref(),
            }
            .serialize(serializer),
            Event::Tail { conn, tail } => TailJson {
                event: "tail",
                conn: *conn,
                tail: tail_text(tail),
                echoed_bytes: tail_echoed_bytes(tail),
            }
            .serialize(serializer),
            event => event.serialize(serializer),
        }
    }
}

impl Render for EventRecord<'_> {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", event_text(self.0))
    }
}

/// The server's last record: `{"event": "summary", ...}`, or the summary line.
#[derive(Serialize)]
pub struct SummaryRecord<'a> {
    event: &'static str,
    #[serde(flatten)]
    summary: &'a Summary,
}

impl<'a> SummaryRecord<'a> {
    pub fn of(summary: &'a Summary) -> SummaryRecord<'a> {
        SummaryRecord {
            event: "summary",
            summary,
        }
    }
}

impl Render for SummaryRecord<'_> {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let summary = self.summary;
        let traffic = if !summary.proto.is_stream() {
            tr!(
                "echo-summary-datagrams",
                datagrams = counted("count-datagrams", summary.datagrams),
                dropped = thousands(summary.dropped)
            )
        } else {
            tr!(
                "echo-summary-connections",
                connections = counted("count-connections", summary.connections),
                refused = thousands(summary.refused),
                cut = thousands(summary.aborted_at_shutdown)
            )
        };
        let line = tr!(
            "echo-summary",
            traffic = traffic,
            bytes_in = human_bytes(summary.bytes_in),
            bytes_out = human_bytes(summary.bytes_out),
            frames = counted("count-frames", summary.frames),
            uptime = format!("{:.1}", summary.uptime_s)
        );
        writeln!(out, "{}", fit_log_text(line, terminal_width()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Format, write_record};

    #[test]
    fn a_tcp_summary_speaks_of_connections_even_with_none() {
        let mut text = Vec::new();
        write_record(
            &SummaryRecord::of(&Summary::default()),
            Format::Table,
            &mut text,
        )
        .unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(
            text.starts_with("summary: 0\u{a0}connections (0 refused"),
            "{text}"
        );
        assert!(!text.contains("datagram"), "{text}");
        let udp = Summary {
            proto: crate::net::echo::event::Proto::Udp,
            datagrams: 3,
            dropped: 1,
            ..Summary::default()
        };
        let mut text = Vec::new();
        write_record(&SummaryRecord::of(&udp), Format::Table, &mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(
            text.starts_with("summary: 3\u{a0}datagrams (1 dropped)"),
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
            report.add_over_rate(std::net::IpAddr::from([127, 0, 0, 1]).into());
        }
        for _ in 0..34 {
            report.add_own_address();
        }
        let report = report.take(1000).unwrap();
        assert_eq!(
            event_text(&Event::DatagramsDropped(report)),
            "dropped 1,234\u{a0}datagrams in the last second: 1,200 over the rate limit of 1000/s \
             per source (--udp-rate) from 127.0.0.1, 34 from the server's own address \
             (answering would loop forever)"
        );
        let mut report = DroppedDatagrams {
            rate_limit: 10,
            ..DroppedDatagrams::default()
        };
        for last in 1..=200u8 {
            report.add_over_rate(std::net::IpAddr::from([127, 0, 0, last]).into());
        }
        report.add_over_rate(std::net::IpAddr::from([127, 0, 0, 2]).into());
        let text = event_text(&Event::DatagramsDropped(report.take(1000).unwrap()));
        assert!(
            text.ends_with("from 127.0.0.2 (2), 127.0.0.1 (1), 127.0.0.3 (1), other sources (197)"),
            "{text}"
        );
        let mut report = DroppedDatagrams::default();
        report.add_service_port(([127, 0, 0, 1], 53).into());
        report.add_invalid(InvalidDatagram::OverMaxFrame { len: 9, max: 8 });
        let text = event_text(&Event::DatagramsDropped(report.take(2500).unwrap()));
        assert!(crate::output::spaces::plain(&text).starts_with("dropped 2 datagrams in the last 2.5 s: 1 from service ports (e.g. 127.0.0.1:53: source port 53 (DNS)"), "{text}");
        assert!(
            crate::output::spaces::plain(&text)
                .ends_with("1 invalid (e.g. datagram of 9 bytes exceeds --max-frame 8)"),
            "{text}"
        );
    }

    fn widest(text: &str) -> usize {
        text.lines().map(display_width).max().unwrap_or(0)
    }

    #[test]
    fn a_received_message_is_escaped_and_cut_to_the_width() {
        let mut data = b"hi\x1b[31m\n".to_vec();
        data.extend_from_slice(&[b'x'; 300]);
        let text = event_text_at(&Event::message(Some(1), None, &data), 60);
        assert!(
            text.starts_with("[conn 1] received 308\u{a0}bytes: \"hi\\x1b[31m\\nxxx"),
            "{text}"
        );
        assert!(text.ends_with('…'), "{text}");
        assert_eq!(display_width(&text), 60, "{text}");
        let short = event_text_at(&Event::message(Some(2), None, b"hello"), 80);
        assert_eq!(short, "[conn 2] received 5\u{a0}bytes: \"hello\"");
        let one = event_text_at(&Event::message(Some(2), None, b"\n"), 80);
        assert_eq!(one, "[conn 2] received 1\u{a0}byte: \"\\n\"");
        let hidden = event_text_at(&Event::MessagesNotShown { messages: 1234 }, 80);
        assert!(
            hidden.starts_with("… 1,234\u{a0}messages not shown"),
            "{hidden}"
        );
    }

    #[test]
    fn a_trace_line_puts_python_on_its_own_line_when_both_do_not_fit() {
        let call = Call::Socket {
            family: "AF_INET",
            kind: "SOCK_STREAM",
        };
        let wide = event_text_at(&Event::trace(Role::Server, None, call.clone()), 120);
        assert_eq!(wide.lines().count(), 1, "{wide}");
        assert!(wide.contains("   # s = socket.socket("), "{wide}");
        let narrow = event_text_at(&Event::trace(Role::Server, None, call), 80);
        let lines: Vec<&str> = narrow.lines().collect();
        assert_eq!(lines[0], "[server] socket(AF_INET, SOCK_STREAM)");
        assert_eq!(
            lines[1],
            "    # s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)"
        );
    }

    #[test]
    fn traced_bytes_and_wire_notes_wrap_to_the_width() {
        let data = b"hello there, a message longer than one line of hex";
        let event = Event::trace_data(
            Role::Server,
            Some(1),
            Call::Recv { bytes: data.len() },
            data,
        );
        for width in [40, 60, 80] {
            let text = event_text_at(&event, width);
            assert!(widest(&text) <= width, "{width}: {text}");
            assert!(text.contains("68 65 6c 6c 6f"), "{text}");
        }
        let big = vec![b'z'; 1000];
        let text = event_text_at(
            &Event::trace_data(Role::Server, Some(1), Call::Send { bytes: 1000 }, &big),
            80,
        );
        assert!(widest(&text) <= 80, "{text}");
        assert!(
            text.replace("\n    ", " ")
                .contains("(and 936\u{a0}bytes not shown)"),
            "{text}"
        );
    }

    #[test]
    fn tails_and_warnings_are_worded_in_the_view_and_recorded_as_before() {
        let short = Event::Tail {
            conn: 2,
            tail: Tail::ShortFrame {
                len: 3,
                expected: 8,
            },
        };
        assert_eq!(
            event_text_at(&short, 200),
            "[conn 2] last frame was 3 of 8\u{a0}bytes (3\u{a0}bytes echoed anyway)"
        );
        let truncated = Event::Tail {
            conn: 3,
            tail: Tail::TruncatedFrame {
                missing: 1,
                received: 6,
            },
        };
        assert_eq!(
            serde_json::to_string(&EventRecord(&truncated)).unwrap(),
            r#"{"event":"tail","conn":3,"tail":"stream ended 1 byte short of a full frame","echoed_bytes":6}"#
        );
        let sendto = Event::Warning(Warning::Sendto {
            peer: std::net::SocketAddr::from(([127, 0, 0, 1], 9)).into(),
            error: io::Error::from_raw_os_error(libc::ECONNREFUSED).into(),
        });
        assert_eq!(
            serde_json::to_string(&EventRecord(&sendto)).unwrap(),
            r#"{"event":"warning","message":"sendto 127.0.0.1:9 failed: Connection refused (os error 111)"}"#
        );
        let exposed = Event::Warning(Warning::NotLoopback {
            addr: std::net::IpAddr::from([0, 0, 0, 0]),
        });
        assert_eq!(
            event_text_at(&exposed, 200),
            "warning: 0.0.0.0 is not a loopback address: other machines can reach this echo server"
        );
    }

    #[test]
    fn refused_source_ports_say_why() {
        let why = |port: u16| {
            let source = std::net::SocketAddr::from(([127, 0, 0, 1], port));
            reflection_risk(source).map(|risk| reflection_risk_text(&risk))
        };
        assert_eq!(
            why(19)
                .as_deref()
                .map(crate::output::spaces::plain)
                .as_deref(),
            Some(
                "source port 19 (chargen, RFC 864: the classic echo/chargen loop) is not answered"
            )
        );
        assert_eq!(
            why(13)
                .as_deref()
                .map(crate::output::spaces::plain)
                .as_deref(),
            Some("source port 13 (daytime, RFC 867) is not answered")
        );
        assert_eq!(
            why(53)
                .as_deref()
                .map(crate::output::spaces::plain)
                .as_deref(),
            Some("source port 53 (DNS) is not answered")
        );
        assert_eq!(
            why(600)
                .as_deref()
                .map(crate::output::spaces::plain)
                .as_deref(),
            Some("source port 600 is a well-known service port and is not answered")
        );
        assert_eq!(
            why(11211)
                .as_deref()
                .map(crate::output::spaces::plain)
                .as_deref(),
            Some("source port 11211 (memcached) is a known reflector and is not answered")
        );
        assert_eq!(why(5008), None);
    }

    #[test]
    fn counts_in_log_lines_agree_in_number() {
        use crate::net::echo::event::{CloseReason, Counts};
        let closed = Event::Closed {
            conn: 1,
            peer: std::net::SocketAddr::from(([127, 0, 0, 1], 5000)).into(),
            counts: Counts {
                bytes_in: 8,
                bytes_out: 8,
                frames: 1,
            },
            reason: CloseReason::PeerClosed,
            duration_ms: 1.0,
        };
        assert!(event_text_at(&closed, 200).contains(", 1\u{a0}frame,"));
        // A long unfinished line is echoed as it streams in: all 8 bytes were echoed.
        let tail = Tail::UnterminatedLine { len: 8 };
        assert_eq!(
            event_text_at(&Event::Tail { conn: 1, tail }, 200),
            "[conn 1] last 8\u{a0}bytes had no newline (8\u{a0}bytes echoed anyway)"
        );
        let shutting = Event::ShuttingDown {
            open_connections: 1,
            grace_ms: 5000,
        };
        assert!(event_text_at(&shutting, 200).contains("finishing 1\u{a0}open connection ("));
        let mut text = Vec::new();
        let one = Summary {
            connections: 1,
            frames: 1,
            ..Summary::default()
        };
        write_record(&SummaryRecord::of(&one), Format::Table, &mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(
            text.starts_with("summary: 1\u{a0}connection (0 refused"),
            "{text}"
        );
        assert!(text.contains(", 1\u{a0}frame,"), "{text}");
    }

    #[test]
    fn invalid_datagrams_are_worded_in_both_languages_and_keep_the_json_prose() {
        let over = InvalidDatagram::OverMaxFrame { len: 9, max: 8 };
        assert_eq!(
            invalid_datagram_text_in(Lang::En, &over),
            "datagram of 9\u{a0}bytes exceeds --max-frame 8"
        );
        assert_eq!(
            invalid_datagram_text_in(Lang::Ja, &over),
            "9\u{a0}バイトのデータグラムが --max-frame 8 を超えています"
        );
        let disagrees = InvalidDatagram::PrefixDisagrees {
            declared: 3,
            carried: 2,
        };
        assert_eq!(
            invalid_datagram_text_in(Lang::En, &disagrees),
            "length prefix says 3\u{a0}bytes but the datagram carries 2"
        );
        let ja = invalid_datagram_text_in(Lang::Ja, &disagrees);
        assert!(
            ja.contains("3\u{a0}バイト") && ja.contains("2\u{a0}バイト"),
            "{ja}"
        );
        let unnamed = invalid_datagram_text_in(Lang::Ja, &InvalidDatagram::UnnamedSender);
        assert!(unnamed.contains("bind"), "{unnamed}");
        // The JSON record carries the same prose the text line does, after the typed fields.
        let mut report = DroppedDatagrams::default();
        report.add_invalid(over);
        let event = Event::DatagramsDropped(report.take(1000).unwrap());
        let json = serde_json::to_string(&EventRecord(&event)).unwrap();
        assert!(
            json.starts_with("{\"event\":\"datagrams_dropped\",\"datagrams\":1,"),
            "{json}"
        );
        assert!(
            json.ends_with(
                ",\"invalid\":1,\"invalid_example\":\"datagram of 9 bytes exceeds --max-frame 8\"}"
            ),
            "{json}"
        );
    }

    #[test]
    fn a_unix_sender_whose_address_is_not_its_socket_is_named_by_uid_and_why() {
        let mut report = DroppedDatagrams {
            rate_limit: 1000,
            ..DroppedDatagrams::default()
        };
        report.add_untrusted_sender(UntrustedSender {
            uid: Some(65534),
            risk: SenderFileRisk::Link,
        });
        report.add_untrusted_sender(UntrustedSender {
            uid: Some(65534),
            risk: SenderFileRisk::OtherOwner { owner: 0 },
        });
        for _ in 0..3 {
            report.add_over_rate(crate::net::echo::event::RateSource::Uid(65534));
        }
        let report = report.take(1000).unwrap();
        let text = event_text(&Event::DatagramsDropped(report.clone()));
        assert!(
            text.contains("3 over the rate limit of 1000/s per source (--udp-rate) from uid 65534"),
            "{text}"
        );
        assert!(
            text.ends_with(
                "2 whose sender's address is not its own socket (e.g. from uid 65534: its \
                 address is now a symbolic link, which could lead to any socket)"
            ),
            "{text}"
        );
        let json = serde_json::to_value(EventRecord(&Event::DatagramsDropped(report))).unwrap();
        assert_eq!(json["untrusted_sender"], 2);
        assert_eq!(json["over_rate_sources"][0]["source"], "uid 65534");
        assert!(
            json["untrusted_sender_example"]
                .as_str()
                .is_some_and(|text| text.contains("symbolic link")),
            "{json}"
        );
        let ja = untrusted_sender_text_in(
            Lang::Ja,
            &UntrustedSender {
                uid: Some(65534),
                risk: SenderFileRisk::OtherOwner { owner: 0 },
            },
        );
        assert!(ja.contains("uid 65534") && ja.contains("uid 0"), "{ja}");
    }

    #[test]
    fn close_reasons_name_the_limit_that_ended_the_connection() {
        let too_many = CloseReason::TooManyConnections { max: 2 };
        assert_eq!(
            close_reason_text(&too_many),
            "refused: 2\u{a0}connections already open (--max-conns)"
        );
        assert_eq!(
            close_reason_text(&CloseReason::IdleTimeout { seconds: 1.5 }),
            "idle for 1.5\u{a0}s"
        );
        assert_eq!(
            t!(Lang::Ja, "echo-reason-too-many", max = "2"),
            "拒否しました: すでに 2\u{a0}個の接続が開いています (--max-conns)"
        );
    }

    #[test]
    fn a_socket_error_is_kept_typed_recorded_in_its_own_words_and_worded_in_japanese() {
        let reset = CloseReason::Error {
            message: io::Error::from_raw_os_error(libc::ECONNRESET).into(),
        };
        assert_eq!(
            serde_json::to_string(&reset).unwrap(),
            format!(
                r#"{{"kind":"error","message":"Connection reset by peer (os error {})"}}"#,
                libc::ECONNRESET
            )
        );
        assert_eq!(
            close_reason_text(&reset),
            format!(
                "error: Connection reset by peer (os error {})",
                libc::ECONNRESET
            )
        );
        let accept = Warning::Accept {
            error: io::Error::from_raw_os_error(libc::EMFILE).into(),
        };
        assert_eq!(
            warning_text(&accept),
            format!(
                "accept failed: Too many open files (os error {})",
                libc::EMFILE
            )
        );
        let unreachable = UntrustedSender {
            uid: Some(1000),
            risk: SenderFileRisk::Unreachable {
                error: io::Error::from_raw_os_error(libc::EACCES).into(),
            },
        };
        let ja = untrusted_sender_text_in(Lang::Ja, &unreachable);
        assert!(ja.contains("権限がありません"), "{ja}");
        assert!(ja.contains("uid 1000"), "{ja}");
    }

    #[test]
    fn human_bytes_picks_a_unit() {
        assert_eq!(human_bytes(12), "12\u{a0}B");
        assert_eq!(human_bytes(2048), "2.0\u{a0}KiB");
        assert_eq!(human_bytes(3 * 1024 * 1024), "3.0\u{a0}MiB");
    }
}
