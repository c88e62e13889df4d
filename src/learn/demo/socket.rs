//! `netlearn socket demo`: a refused connection, a port in use and TIME_WAIT, each socket call
//! with its Python line and result, and what it means in plain words.

use std::io::{self, Write};
use std::net::SocketAddr;
use std::process::ExitCode;

use serde::Serialize;

use crate::app::hints;
use crate::app::text::t;
use crate::cli::{SocketDemoArgs, SocketScenario};
use crate::i18n::Lang;
use crate::learn::demo::socket_script::{self, Actor, Call, Scenario, Step};
use crate::learn::demo::wire::{self, Watch};
use crate::net::sockets::{PortHolder, SocketEntry, TcpState, Transport};
use crate::output::sink::Sink;
use crate::output::{self, width};
use crate::tr;

/// One record of the demo, as text or as a JSON Lines record.
#[derive(Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
enum Record {
    Trace {
        role: &'static str,
        call: &'static str,
        /// The call as JSON keeps it, the same in every language.
        #[serde(serialize_with = "crate::app::echo::events::plain_spaces")]
        describe: String,
        /// The call as the reader sees it: what it moved is worded in the reader's language.
        #[serde(skip)]
        shown: String,
        python: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        errno: Option<i32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        error: Option<String>,
    },
    Note {
        #[serde(serialize_with = "crate::app::echo::events::plain_spaces")]
        message: String,
    },
    Sockets {
        port: u16,
        sockets: Vec<SocketRow>,
    },
}

#[derive(Serialize)]
struct SocketRow {
    local: SocketAddr,
    remote: SocketAddr,
    state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    time_left_s: Option<f64>,
}

fn role(actor: Actor) -> &'static str {
    match actor {
        Actor::Server => "server",
        Actor::Conn => "conn",
        Actor::Client => "client",
        Actor::Restart => "restart",
    }
}

/// The Python variable each socket has in the listing.
fn variable(actor: Actor) -> &'static str {
    match actor {
        Actor::Server => "s",
        Actor::Conn => "conn",
        Actor::Client => "c",
        Actor::Restart => "s2",
    }
}

fn call_name(call: &Call) -> &'static str {
    match call {
        Call::Socket { .. } => "socket",
        Call::SetReuseAddr => "setsockopt",
        Call::Bind { .. } => "bind",
        Call::Listen { .. } => "listen",
        Call::Connect { .. } => "connect",
        Call::Accept { .. } => "accept",
        Call::Send { .. } => "send",
        Call::Recv { .. } => "recv",
        Call::Close => "close",
    }
}

/// `call` as `strace` would show it, what it moved worded in `lang` (JSON keeps English).
fn describe(lang: Lang, call: &Call) -> String {
    match call {
        Call::Socket { transport } => format!(
            "socket(AF_INET, {})",
            match transport {
                Transport::Tcp => "SOCK_STREAM",
                Transport::Udp => "SOCK_DGRAM",
            }
        ),
        Call::SetReuseAddr => "setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)".to_string(),
        Call::Bind { addr } => format!("bind({addr})"),
        Call::Listen { backlog } => format!("listen({backlog})"),
        Call::Connect { addr } => format!("connect({addr})"),
        Call::Accept { peer } => format!("accept() -> {peer}"),
        Call::Send { bytes } => t!(lang, "echo-call-send", count = *bytes),
        Call::Recv { bytes: 0 } => t!(lang, "echo-call-recv-end"),
        Call::Recv { bytes } => t!(lang, "echo-call-recv", count = *bytes),
        Call::Close => "close()".to_string(),
    }
}

fn python(actor: Actor, call: &Call) -> String {
    let v = variable(actor);
    match call {
        Call::Socket { transport } => format!(
            "{v} = socket.socket(socket.AF_INET, socket.{})",
            match transport {
                Transport::Tcp => "SOCK_STREAM",
                Transport::Udp => "SOCK_DGRAM",
            }
        ),
        Call::SetReuseAddr => {
            format!("{v}.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)")
        }
        Call::Bind { addr } => format!("{v}.bind((\"{}\", {}))", addr.ip(), addr.port()),
        Call::Listen { backlog } => format!("{v}.listen({backlog})"),
        Call::Connect { addr } => format!("{v}.connect((\"{}\", {}))", addr.ip(), addr.port()),
        Call::Accept { .. } => "conn, addr = s.accept()".to_string(),
        Call::Send { .. } => format!("{v}.send(data)"),
        Call::Recv { .. } => format!("data = {v}.recv(1024)"),
        Call::Close => format!("{v}.close()"),
    }
}

/// The error's C name and Python's spelling of it.
fn errno_words(errno: i32) -> (String, String) {
    let text = io::Error::from_raw_os_error(errno).to_string();
    let text = text.split(" (os error").next().unwrap_or(&text).to_string();
    let (name, class) = match errno {
        111 => ("ECONNREFUSED", "ConnectionRefusedError"),
        98 => ("EADDRINUSE", "OSError"),
        110 => ("ETIMEDOUT", "TimeoutError"),
        104 => ("ECONNRESET", "ConnectionResetError"),
        _ => ("error", "OSError"),
    };
    (name.to_string(), format!("{class}: [Errno {errno}] {text}"))
}

/// What a step means, in plain words: the demo's narration (texts/*/demo.ftl).
fn notes_after(scenario: Scenario, step: &Step, round: usize) -> Vec<String> {
    let Step::Call { actor, call, error } = step else {
        return Vec::new();
    };
    let failed = error.is_some();
    match (scenario, actor, call, failed) {
        (Scenario::Refused, Actor::Server, Call::Close, _) => {
            vec![tr!("demo-socket-refused-free")]
        }
        (Scenario::Refused, Actor::Client, Call::Connect { addr }, true) if addr.port() != 0 => {
            vec![
                tr!("demo-socket-refused-rst"),
                tr!(
                    "demo-socket-refused-hint",
                    hint = hints::connection_refused(
                        Transport::Tcp,
                        *addr,
                        Some("netlearn echo serve")
                    )
                ),
            ]
        }
        (Scenario::Refused, Actor::Client, Call::Send { .. }, false) => {
            vec![tr!("demo-socket-udp-send")]
        }
        (Scenario::Refused, Actor::Client, Call::Recv { .. }, true) => {
            vec![tr!("demo-socket-udp-recv")]
        }
        (Scenario::InUse, Actor::Restart, Call::Bind { addr }, true) => {
            vec![tr!("demo-socket-in-use", addr = addr.to_string())]
        }
        (Scenario::TimeWait, Actor::Server, Call::Socket { .. }, _) => vec![if round == 0 {
            tr!("demo-socket-round-1")
        } else {
            tr!("demo-socket-round-2")
        }],
        (Scenario::TimeWait, Actor::Conn, Call::Close, _) => vec![tr!("demo-socket-time-wait")],
        (Scenario::TimeWait, Actor::Restart, Call::Bind { addr }, true) => {
            vec![tr!("demo-socket-restart-refused", port = addr.port())]
        }
        (Scenario::TimeWait, Actor::Restart, Call::Bind { .. }, false) => {
            vec![tr!("demo-socket-restart-ok")]
        }
        _ => Vec::new(),
    }
}

fn holder_note(holder: &PortHolder, port: u16) -> String {
    match holder {
        PortHolder::Bound {
            local,
            owner: Some(owner),
        } => tr!(
            "demo-socket-holder",
            program = owner.program.as_str(),
            pid = owner.pid,
            local = local.to_string()
        ),
        other => tr!(
            "demo-socket-holder-unknown",
            holder = hints::port_holder(other, port)
        ),
    }
}

fn socket_rows(entries: &[SocketEntry]) -> Vec<SocketRow> {
    entries
        .iter()
        .map(|e| SocketRow {
            local: e.local,
            remote: e.remote,
            state: e.state.name(),
            time_left_s: (e.state == TcpState::TimeWait)
                .then_some(e.timer_left)
                .flatten()
                .map(|d| d.as_secs_f64()),
        })
        .collect()
}

/// The records of every step, each with the index of the step it belongs to.
fn records(scenario: Scenario, steps: &[Step]) -> Vec<(usize, Record)> {
    let mut records = Vec::new();
    let mut owners = Vec::new();
    let mut round = 0;
    for (index, step) in steps.iter().enumerate() {
        match step {
            Step::Call { actor, call, error } => {
                if *actor == Actor::Server
                    && matches!(call, Call::Socket { .. })
                    && scenario == Scenario::TimeWait
                    && records.iter().any(|r| matches!(r, Record::Trace { .. }))
                {
                    round += 1;
                }
                for message in notes_after(scenario, step, round)
                    .into_iter()
                    .filter(|_| matches!(call, Call::Socket { .. }))
                {
                    records.push(Record::Note { message });
                }
                let (errno_name, python_error) = match error {
                    Some(errno) => {
                        let (name, python) = errno_words(*errno);
                        (Some(name), Some(python))
                    }
                    None => (None, None),
                };
                let describe = |lang| match (&errno_name, call) {
                    (Some(name), Call::Recv { .. }) => format!("recv() -> {name}"),
                    (Some(name), _) => format!("{} -> {name}", describe(lang, call)),
                    (None, _) => describe(lang, call),
                };
                records.push(Record::Trace {
                    role: role(*actor),
                    call: call_name(call),
                    describe: describe(Lang::En),
                    shown: describe(crate::i18n::language()),
                    python: python(*actor, call),
                    errno: *error,
                    error: python_error,
                });
                if !matches!(call, Call::Socket { .. }) {
                    for message in notes_after(scenario, step, round) {
                        records.push(Record::Note { message });
                    }
                }
            }
            Step::Table { port, entries } => records.push(Record::Sockets {
                port: *port,
                sockets: socket_rows(entries),
            }),
            Step::Holder { port, holder } => records.push(Record::Note {
                message: holder_note(holder, *port),
            }),
        }
        owners.resize(records.len(), index);
    }
    owners.into_iter().zip(records).collect()
}

/// The tags of the socket demos' sides, by the JSON's role names.
const ROLE_TAGS: [(&str, &str); 4] = [
    ("server", "echo-tag-server"),
    ("conn", "echo-tag-conn-accepted"),
    ("client", "echo-tag-client"),
    ("restart", "echo-tag-restart"),
];

/// `[role]` in the reader's language, padded to the widest tag so the calls line up.
fn role_tag(role: &str) -> String {
    let lang = crate::i18n::language();
    let text = match ROLE_TAGS.iter().find(|(name, _)| *name == role) {
        Some((_, id)) => t!(lang, id),
        None => format!("[{role}]"),
    };
    let ids: Vec<&str> = ROLE_TAGS.iter().map(|(_, id)| *id).collect();
    crate::app::echo::events::padded_tag(lang, text, &ids)
}

/// A socket call on one line, `[role] call   # python`, or on two when both do not fit.
fn trace_lines(role: &str, describe: &str, python: &str, width: usize) -> Vec<String> {
    let tag = role_tag(role);
    let left = format!("{tag} {describe}");
    // The Python column: where it has always been in English, further right after a wider tag.
    let column = 44.max(width::display_width(&tag) + 36);
    let one_line = format!("{}  # {python}", width::pad(&left, column));
    if width::display_width(&one_line) <= width {
        return vec![one_line];
    }
    let python = width::wrap_hanging(&format!("    # {python}"), "      ", width);
    std::iter::once(width::wrap_hanging(&left, "    ", width))
        .chain(std::iter::once(python))
        .collect()
}

fn render(record: &Record, out: &mut dyn Write, width: usize) -> io::Result<()> {
    match record {
        Record::Trace {
            role,
            shown,
            python,
            error,
            ..
        } => {
            for line in trace_lines(role, shown, python, width) {
                writeln!(out, "{line}")?;
            }
            if let Some(error) = error {
                writeln!(
                    out,
                    "{}",
                    output::wrap(&format!("# {error}"), "    ", width)
                )?;
            }
        }
        Record::Note { message } => {
            writeln!(out, "{}", output::wrap(message, "  ", width))?;
        }
        Record::Sockets { port, sockets } => {
            writeln!(out, "{}", tr!("demo-socket-table", port = *port))?;
            for socket in sockets {
                let left = socket
                    .time_left_s
                    .map(|s| tr!("demo-socket-time-left", seconds = format!("{s:.1}")))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{}",
                    output::wrap(
                        &format!(
                            "{} → {} {}{left}",
                            socket.local, socket.remote, socket.state
                        ),
                        "    ",
                        width
                    )
                )?;
            }
        }
    }
    Ok(())
}

impl output::Render for Record {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        render(self, out, output::prose_width())
    }
}

pub fn run(args: &SocketDemoArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let (format, out) = sink.parts();
    let scenario = match args.scenario {
        SocketScenario::Refused => Scenario::Refused,
        SocketScenario::InUse => Scenario::InUse,
        SocketScenario::TimeWait => Scenario::TimeWait,
    };
    let emit = |record: &Record, out: &mut dyn Write| -> io::Result<()> {
        output::write_record(record, format, out)
    };
    let pcap = wire::PcapFile::create(args.pcap.as_deref())?;
    let watch = if args.wire || args.ladder {
        match Watch::start() {
            Ok(watch) => Some(watch),
            Err(message) => {
                emit(&Record::Note { message }, out)?;
                None
            }
        }
    } else {
        None
    };
    let barrier = watch.as_ref().map(|watch| {
        move || {
            watch.mark();
        }
    });
    let timed = socket_script::run_timed(scenario, barrier.as_ref().map(|b| b as &dyn Fn()));
    let wire = watch.map(|watch| {
        let mut wire = watch.finish(&socket_script::ports(&timed.steps), false);
        wire.name_ends(&socket_script::server_ports(&timed.steps));
        wire
    });
    if let (Some(wire), Some(file)) = (&wire, pcap) {
        wire.write_pcap(file)?;
    }
    if args.ladder && format == output::Format::Table {
        if let Some(wire) = &wire {
            let calls = ladder_calls(&timed.steps);
            let servers = socket_script::server_ports(&timed.steps);
            crate::learn::demo::ladder::write(&calls, wire, &servers, out)?;
        }
        return finish(timed.error);
    }
    let all = records(scenario, &timed.steps);
    for (position, (index, record)) in all.iter().enumerate() {
        emit(record, out)?;
        // A step's packets follow its last record.
        let last_of_step = all.get(position + 1).is_none_or(|(next, _)| next != index);
        let Some(wire) = wire.as_ref().filter(|_| last_of_step) else {
            continue;
        };
        let mark = *index as u64;
        let before = wire.before_mark(mark);
        let after = if position + 1 == all.len() {
            wire.after_mark(mark)
        } else {
            &[]
        };
        wire::emit(before, format, out)?;
        wire::emit(after, format, out)?;
        if before.is_empty()
            && after.is_empty()
            && matches!(
                timed.steps.get(*index),
                Some(Step::Call {
                    call: Call::Accept { .. },
                    ..
                })
            )
        {
            emit(
                &Record::Note {
                    message: wire::text::accept_sent_nothing(),
                },
                out,
            )?;
        }
    }
    if let Some(dropped) = wire.as_ref().map(|w| w.dropped).filter(|&d| d > 0) {
        emit(
            &Record::Note {
                message: wire::text::dropped(dropped),
            },
            out,
        )?;
    }
    finish(timed.error)
}

/// Success, or the error that stopped the scenario.
fn finish(error: Option<impl std::fmt::Display>) -> anyhow::Result<ExitCode> {
    match error {
        None => Ok(ExitCode::SUCCESS),
        Some(error) => Err(crate::error::Error::Runtime(tr!(
            "demo-socket-stopped",
            error = error.to_string()
        ))
        .into()),
    }
}

/// The scenario's calls for its ladder: step i's packets come before mark i.
fn ladder_calls(steps: &[Step]) -> Vec<crate::learn::demo::ladder::MarginCall> {
    steps
        .iter()
        .enumerate()
        .filter_map(|(index, step)| {
            let Step::Call { actor, call, error } = step else {
                return None;
            };
            let text = match call {
                // A failed call returned nothing but its error.
                Call::Connect { .. }
                | Call::Recv { .. }
                | Call::Bind { .. }
                | Call::Send { .. }
                    if error.is_some() =>
                {
                    let name = match call {
                        Call::Connect { .. } => "connect()",
                        Call::Recv { .. } => "recv()",
                        Call::Bind { .. } => "bind()",
                        _ => "send()",
                    };
                    format!("{name} ✗")
                }
                Call::Socket { .. } => "socket()".to_string(),
                Call::SetReuseAddr => return None,
                Call::Bind { .. } => "bind()".to_string(),
                Call::Listen { .. } => "listen()".to_string(),
                Call::Connect { .. } => "connect()".to_string(),
                Call::Accept { .. } => "accept()".to_string(),
                Call::Send { bytes } => format!("send({bytes})"),
                Call::Recv { bytes: 0 } => "recv()→b''".to_string(),
                Call::Recv { bytes } => format!("recv()→{bytes}"),
                Call::Close => "close()".to_string(),
            };
            Some(crate::learn::demo::ladder::MarginCall {
                mark: index as u64,
                server_side: !matches!(actor, Actor::Client),
                text,
                returns_on_packets: matches!(call, Call::Accept { .. } | Call::Recv { .. }),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_say_what_they_moved_in_the_readers_language() {
        assert_eq!(
            describe(Lang::En, &Call::Recv { bytes: 0 }),
            "recv() -> 0\u{a0}bytes (end of stream)"
        );
        assert_eq!(
            describe(Lang::Ja, &Call::Recv { bytes: 0 }),
            "recv() -> 0\u{a0}バイト (ストリームの終わり)"
        );
        assert_eq!(
            describe(Lang::En, &Call::Send { bytes: 5 }),
            "send(5\u{a0}bytes)"
        );
        assert_eq!(
            describe(Lang::Ja, &Call::Send { bytes: 5 }),
            "send(5\u{a0}バイト)"
        );
        assert_eq!(
            describe(Lang::En, &Call::Recv { bytes: 1 }),
            "recv() -> 1\u{a0}byte"
        );
    }

    #[test]
    fn long_traces_put_the_python_line_under_the_call() {
        let lines = trace_lines(
            "restart",
            "setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)",
            "s2.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            80,
        );
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| width::display_width(l) <= 80));
        let short = trace_lines("server", "listen(5)", "s.listen(5)", 80);
        assert_eq!(short.len(), 1);
    }
}
