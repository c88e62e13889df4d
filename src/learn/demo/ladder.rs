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
use crate::net::wire::ladder::{End, Ladder};
use crate::output::{screen, width};
use crate::tr;

/// A call as the margin shows it: its C name and what it returned, short enough for a margin;
/// None for calls that put nothing on the wire and would crowd it (setsockopt, fcntl).
fn margin_text(call: &Call) -> Option<String> {
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

/// The demo's ladder: its ends, what to call each, and the calls and packets in order.
pub fn rows(
    log: &[Logged],
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
    let column_of = |role: Role| {
        columns
            .iter()
            .position(|end| is_server(end) == (role == Role::Server))
    };
    let mut rows = Vec::new();
    let mut next = 0;
    let mut take_until = |mark: u64, rows: &mut Vec<Row>| {
        while next < rungs.len() && rungs[next].0 <= mark {
            rows.push(Row::Rung(rungs[next].1.clone()));
            next += 1;
        }
    };
    for logged in log {
        let Logged::Event {
            event: Event::Trace { role, call, .. },
            mark: Some(mark),
        } = logged
        else {
            continue;
        };
        if let (Some(text), Some(end)) = (margin_text(call), column_of(*role)) {
            // A call that returns on a packet is written after it; one that sends, before.
            let returns_on_packets = matches!(
                call,
                Call::Accept { .. } | Call::Recv { .. } | Call::Recvfrom { .. }
            );
            if returns_on_packets {
                take_until(*mark, &mut rows);
                rows.push(Row::Call { end, text });
            } else {
                rows.push(Row::Call { end, text });
                take_until(*mark, &mut rows);
            }
        } else {
            take_until(*mark, &mut rows);
        }
    }
    take_until(u64::MAX, &mut rows);
    (columns, names, rows)
}

/// Writes the demo's ladder fitted to the terminal.
pub fn write(
    log: &[Logged],
    wire: &Wire,
    server_ports: &[u16],
    out: &mut dyn Write,
) -> io::Result<()> {
    let (columns, names, rows) = rows(log, wire, server_ports);
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
