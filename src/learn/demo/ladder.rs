//! A demo's packets drawn as a ladder, with its socket calls written in the margins at the
//! moment they happened: each call's packets come after it (connect() before the SYN), and a
//! call that returns on a packet comes after that packet (accept() after the handshake, recv()
//! returning b'' after the FIN).

use std::io::{self, Write};

use crate::app::wire::ladder::{Drawing, Row, draw, write_lines};
use crate::learn::demo::story::Logged;
use crate::learn::demo::wire::Wire;
use crate::net::echo::event::{Call, Event, Role};
use crate::net::wire::decode::decode;
use crate::net::wire::ladder::{End, Ladder, Rung};
use crate::output::{screen, width};
use crate::tr;

/// A call as the margin shows it: its C name and what it returned, short enough for a margin;
/// None for calls that put nothing on the wire and would crowd it (setsockopt, fcntl).
pub fn margin_text(call: &Call) -> Option<String> {
    Some(match call {
        Call::Socket { .. } => "socket()".into(),
        Call::Bind { .. } => "bind()".into(),
        Call::Listen { .. } => "listen()".into(),
        Call::Connect { .. } => "connect()".into(),
        Call::Accept { .. } => "accept()".into(),
        Call::Recv { bytes: 0 } => "recv()→b''".into(),
        Call::Recv { bytes } => format!("recv()→{bytes}"),
        Call::Send { bytes } => format!("send({bytes})"),
        Call::Recvfrom { bytes, .. } => format!("recvfrom()→{bytes}"),
        Call::Sendto { bytes, .. } => format!("sendto({bytes})"),
        Call::Shutdown { how } => format!("shutdown({})", how.trim_start_matches("SHUT_")),
        Call::Close => "close()".into(),
        Call::Poll { .. } => "poll()".into(),
        Call::Unfinished {
            function, errno, ..
        } => format!("{function} {errno}"),
        Call::Setsockopt { .. }
        | Call::SetBlocking { .. }
        | Call::BindPath { .. }
        | Call::ConnectPath { .. }
        | Call::Chmod { .. }
        | Call::Unlink { .. }
        | Call::Socketpair => return None,
    })
}

/// A socket call of a demo placed on its ladder.
pub struct MarginCall {
    /// The capture's mark taken just after the call: its packets are those before it.
    pub mark: u64,
    /// Made on the server's side (its listening socket or an accepted connection).
    pub server_side: bool,
    /// What the margin shows.
    pub text: String,
    /// The call returns when packets arrive (accept, recv): written after them.
    pub returns_on_packets: bool,
}

/// The echo demo's calls from its log.
pub fn echo_calls(log: &[Logged]) -> Vec<MarginCall> {
    log.iter()
        .filter_map(|logged| match logged {
            Logged::Event {
                event: Event::Trace { role, call, .. },
                mark: Some(mark),
            } => Some(MarginCall {
                mark: *mark,
                server_side: *role == Role::Server,
                text: margin_text(call)?,
                returns_on_packets: matches!(
                    call,
                    Call::Accept { .. } | Call::Recv { .. } | Call::Recvfrom { .. }
                ),
            }),
            _ => None,
        })
        .collect()
}

/// The demo's ladder: its ends (the server's on the right), what to call each, and the calls
/// and packets in the order they happened.
pub fn rows(
    calls: &[MarginCall],
    wire: &Wire,
    server_ports: &[u16],
) -> (Vec<End>, Vec<String>, Vec<Row>) {
    let mut ladder = Ladder::new();
    let marks = wire.frame_marks();
    let rungs: Vec<(u64, _)> = wire
        .frames
        .iter()
        .zip(marks)
        .filter_map(|(frame, mark)| {
            let packet = decode(wire.link, &frame.data);
            ladder.rung(frame.time_ns, &packet).map(|rung| (mark, rung))
        })
        .collect();
    let mut columns: Vec<End> = Vec::new();
    for (_, rung) in &rungs {
        for end in [rung.from, rung.to] {
            if !columns.contains(&end) {
                columns.push(end);
            }
        }
    }
    let is_server =
        |end: &End| matches!(end, End::Socket(addr) if server_ports.contains(&addr.port()));
    // The server's line on the right, as textbooks draw it.
    columns.sort_by_key(|end| is_server(end));
    let names = columns
        .iter()
        .map(|end| {
            if is_server(end) {
                tr!("ladder-server")
            } else {
                tr!("ladder-client")
            }
        })
        .collect();
    // A call is made on the socket of the packets around it: the next ones it causes, or
    // the last ones it returned on.
    let column_of = |server_side: bool, near: Option<&Rung>| {
        near.and_then(|rung| {
            [rung.from, rung.to]
                .into_iter()
                .find(|end| is_server(end) == server_side)
                .and_then(|end| columns.iter().position(|c| *c == end))
        })
        .or_else(|| columns.iter().position(|end| is_server(end) == server_side))
    };
    let mut rows = Vec::new();
    let mut next = 0;
    let take_until = |mark: u64, rows: &mut Vec<Row>, next: &mut usize| {
        while *next < rungs.len() && rungs[*next].0 <= mark {
            rows.push(Row::Rung(rungs[*next].1.clone()));
            *next += 1;
        }
    };
    for call in calls {
        let near = if call.returns_on_packets {
            take_until(call.mark, &mut rows, &mut next);
            next.checked_sub(1).map(|at| &rungs[at].1)
        } else {
            rungs
                .get(next)
                .filter(|(mark, _)| *mark <= call.mark)
                .map(|(_, rung)| rung)
        };
        if let Some(end) = column_of(call.server_side, near) {
            rows.push(Row::Call {
                end,
                text: call.text.clone(),
            });
        }
        take_until(call.mark, &mut rows, &mut next);
    }
    take_until(u64::MAX, &mut rows, &mut next);
    (columns, names, rows)
}

/// Writes the demo's ladder fitted to the terminal.
pub fn write(
    calls: &[MarginCall],
    wire: &Wire,
    server_ports: &[u16],
    out: &mut dyn Write,
) -> io::Result<()> {
    let (columns, names, rows) = rows(calls, wire, server_ports);
    let drawing = Drawing {
        columns,
        names,
        rows: &rows,
    };
    write_lines(
        draw(&drawing, width::terminal_width()),
        screen::screen().colour,
        out,
    )
}
