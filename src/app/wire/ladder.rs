//! The ladder drawn for a terminal: a vertical line per end, an arrow per packet from the
//! sender's line to the receiver's with its flags, relative seq/ack, length and payload, the TCP
//! state each end enters written beside its line, and socket calls in the outer margins. It is
//! fitted to the width by dropping details, never by breaking an arrow.

use netlearn_core::wire::decode::{ArpOp, LinkType, TcpFlags, decode};
use netlearn_core::wire::ladder::{Carried, End, Ladder, Page, Rung, State};
use netlearn_core::wire::live::Captured;
use netlearn_core::wire::track::Mark;

use crate::net::ftp::password::hide_passwords;
use crate::output::escape::bytes_terminal_safe;
use crate::output::width::{display_width, pad, truncate};
use crate::tr;

/// One line of a ladder: a packet, or a socket call at one end.
#[derive(Clone, Debug)]
pub enum Row {
    Rung(Rung),
    /// A socket call made at column `end` (`connect()`, `recv() → b''`), written in that
    /// column's margin at the moment it happened.
    Call {
        end: usize,
        text: String,
    },
}

/// What the ladder draws: its columns and its rows.
pub struct Drawing<'a> {
    pub columns: Vec<End>,
    /// What to call each column's end (`client`, `server`, `r1`), or empty; its address is
    /// written under it.
    pub names: Vec<String>,
    pub rows: &'a [Row],
}

impl Drawing<'_> {
    pub fn column(&self, end: End) -> Option<usize> {
        self.columns.iter().position(|&c| c == end)
    }

    /// The state each column starts in: before the first TCP rung that touches it.
    pub fn first_states(&self) -> Vec<Option<State>> {
        self.columns
            .iter()
            .map(|&end| {
                self.rows.iter().find_map(|row| match row {
                    Row::Rung(rung) => rung.state_before(end),
                    Row::Call { .. } => None,
                })
            })
            .collect()
    }
}

/// How a drawn line should stand out on a terminal that shows colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emphasis {
    Plain,
    /// A reset: the connection is torn down.
    Reset,
    /// Data sent again.
    Retransmission,
}

/// The outer margins' widest: a state name (`SYN-RECEIVED`) or a short socket call.
const MARGIN: usize = 14;
/// The fewest columns between two lines for an arrow and a flag name.
const MIN_GAP: usize = 9;

/// The geometry of one ladder at one width.
struct Layout {
    /// Columns of the time at the start of each line (0: no time shown).
    time: usize,
    /// Columns of each outer margin (states and calls of the first and last end).
    margin: usize,
    /// The column of each end's vertical line.
    lines: Vec<usize>,
    width: usize,
}

impl Layout {
    fn new(ends: usize, width: usize) -> Layout {
        let ends = ends.max(2);
        let time = if width >= 72 { 9 } else { 0 };
        let mut margin = MARGIN;
        // Narrow screens give up the time first, then the margins, never the arrows.
        while margin > 0 && width < time + 2 * margin + 1 + (ends - 1) * (MIN_GAP + 1) {
            margin -= 1;
        }
        let first = time + margin;
        let last = width.saturating_sub(margin + 1).max(first + (ends - 1) * 2);
        let span = last - first;
        let lines = (0..ends).map(|i| first + span * i / (ends - 1)).collect();
        Layout {
            time,
            margin,
            lines,
            width,
        }
    }

    fn gap(&self, from: usize, to: usize) -> usize {
        let (a, b) = (from.min(to), from.max(to));
        self.lines[b] - self.lines[a] - 1
    }

    /// The layout `drawing` is drawn in at `width`: evenly spaced lines between full margins
    /// when the first word of every arrow (what the packet is: `ICMP time exceeded`) fits on
    /// it; otherwise margins only as wide as what they hold, and the lines spaced so that each
    /// gap holds the widest first word of the arrows across it, as far as the width allows.
    fn for_drawing(drawing: &Drawing, width: usize) -> Layout {
        let count = drawing.columns.len().max(2);
        let even = Layout::new(count, width);
        let arrows = first_words(drawing);
        let holds = |layout: &Layout| arrows.iter().all(|&(a, b, need)| layout.gap(a, b) >= need);
        if holds(&even) {
            return even;
        }
        let margin = even.margin.min(margin_needed(drawing, even.time));
        let first = even.time + margin;
        let last = width
            .saturating_sub(margin + 1)
            .max(first + (count - 1) * 2);
        let span = last - first;
        let spread = |gaps: &[usize]| {
            let mut lines = vec![first];
            for gap in gaps {
                lines.push(lines[lines.len() - 1] + gap + 1);
            }
            Layout {
                time: even.time,
                margin,
                lines,
                width,
            }
        };
        // Evenly spaced over the wider span, when that is enough.
        let even_gaps: Vec<usize> = (0..count - 1)
            .map(|i| span * (i + 1) / (count - 1) - span * i / (count - 1) - 1)
            .collect();
        let wider = spread(&even_gaps);
        if holds(&wider) {
            return wider;
        }
        // Each gap as wide as its arrows need (and the names over its lines, where there is
        // room for those too), then what is left shared out evenly.
        let sized = |needs: &[(usize, usize, usize)]| {
            let mut gaps = vec![MIN_GAP; count - 1];
            for &(a, b, need) in needs {
                if b == a + 1 {
                    gaps[a] = gaps[a].max(need);
                }
            }
            for &(a, b, need) in needs {
                let has = gaps[a..b].iter().sum::<usize>() + (b - a - 1);
                if has < need {
                    let short = need - has;
                    let n = b - a;
                    for (i, gap) in gaps[a..b].iter_mut().enumerate() {
                        *gap += short * (i + 1) / n - short * i / n;
                    }
                }
            }
            let used = gaps.iter().sum::<usize>() + (count - 1);
            let left = span.checked_sub(used)?;
            let n = gaps.len();
            for (i, gap) in gaps.iter_mut().enumerate() {
                *gap += left * (i + 1) / n - left * i / n;
            }
            Some(spread(&gaps))
        };
        let with_names: Vec<_> = arrows
            .iter()
            .chain(&name_widths(drawing))
            .copied()
            .collect();
        // Where not all arrows fit this width, the evenly spaced lines cut them least.
        sized(&with_names)
            .or_else(|| sized(&arrows))
            .unwrap_or(wider)
    }
}

/// What each gap between neighbouring lines needs for the names and addresses centred over
/// both of them to be whole: the wider of the two.
fn name_widths(drawing: &Drawing) -> Vec<(usize, usize, usize)> {
    let width = |end: usize| {
        let name = drawing.names.get(end).map_or(0, |n| display_width(n));
        let address = drawing
            .columns
            .get(end)
            .map_or(0, |e| display_width(&end_text(e)));
        name.max(address)
    };
    (1..drawing.columns.len())
        .map(|i| (i - 1, i, width(i - 1).max(width(i))))
        .collect()
}

/// Each arrow between two different lines, as (left line, right line, the gap its first word
/// needs): the word, and the shaft's ends and spaces around it.
fn first_words(drawing: &Drawing) -> Vec<(usize, usize, usize)> {
    drawing
        .rows
        .iter()
        .filter_map(|row| match row {
            Row::Rung(rung) => {
                let (from, to) = (drawing.column(rung.from)?, drawing.column(rung.to)?);
                let word = label_parts(rung).into_iter().next()?;
                (from != to).then(|| (from.min(to), from.max(to), display_width(&word) + 4))
            }
            Row::Call { .. } => None,
        })
        .collect()
}

/// Columns each outer margin needs: its widest state or call and the space before the line,
/// and half the name or address centred over the first and last lines (the time columns
/// taking that part on the left).
fn margin_needed(drawing: &Drawing, time: usize) -> usize {
    let last = drawing.columns.len().saturating_sub(1);
    let outer = |end: usize| end == 0 || end == last;
    let mut words: Vec<usize> = Vec::new();
    for (end, state) in drawing.first_states().iter().enumerate() {
        if let Some(state) = state
            && outer(end)
        {
            words.push(display_width(state.name()));
        }
    }
    for row in drawing.rows {
        match row {
            Row::Rung(rung) => {
                for (end, state) in [(rung.from, rung.from_state), (rung.to, rung.to_state)] {
                    if let (Some(column), Some(state)) = (drawing.column(end), state)
                        && outer(column)
                    {
                        words.push(display_width(state.name()));
                    }
                }
            }
            Row::Call { end, text } if outer(*end) => words.push(display_width(text)),
            Row::Call { .. } => {}
        }
    }
    let said = words.into_iter().max().map_or(0, |w| w + 1);
    let half = |end: usize| {
        let name = drawing.names.get(end).map_or(0, |n| display_width(n));
        let address = drawing
            .columns
            .get(end)
            .map_or(0, |e| display_width(&end_text(e)));
        name.max(address).div_ceil(2)
    };
    said.max(half(0).saturating_sub(time)).max(half(last))
}

/// The ladder as lines at most `width` columns wide, each with how it should stand out.
pub fn draw(drawing: &Drawing, width: usize) -> Vec<(String, Emphasis)> {
    let count = drawing.columns.len();
    let layout = Layout::for_drawing(drawing, width);
    let mut out = Vec::new();
    header(drawing, &layout, &mut out);
    for row in drawing.rows {
        match row {
            Row::Rung(rung) => {
                if let (Some(from), Some(to)) = (drawing.column(rung.from), drawing.column(rung.to))
                {
                    rung_lines(rung, (from, to), count, &layout, &mut out);
                }
            }
            Row::Call { end, text } => {
                let mut cells = Cells::new(&layout, count);
                cells.annotate(&layout, *end, text);
                out.push((cells.finish_at(&layout), Emphasis::Plain));
            }
        }
    }
    out
}

/// The names and addresses over the lines, then each end's first state beside its line.
fn header(drawing: &Drawing, layout: &Layout, out: &mut Vec<(String, Emphasis)>) {
    let count = drawing.columns.len();
    let slot = |i: usize| -> usize {
        // Room for a label centred on line i, between its neighbours' labels.
        let left = if i == 0 {
            layout.lines[0]
        } else {
            layout.gap(i - 1, i) / 2
        };
        let right = if i + 1 == count {
            layout.width - layout.lines[i] - 1
        } else {
            layout.gap(i, i + 1) / 2
        };
        2 * left.min(right) + 1
    };
    let mut labels = Vec::new();
    if drawing.names.iter().any(|name| !name.is_empty()) {
        labels.push(drawing.names.clone());
    }
    labels.push(drawing.columns.iter().map(end_text).collect::<Vec<_>>());
    for label in labels {
        let mut line = String::new();
        for (i, text) in label.iter().enumerate() {
            let room = slot(i);
            let text = fit_text(text, room);
            let w = display_width(&text);
            let start = layout.lines[i]
                .saturating_sub(w / 2)
                .max(display_width(&line) + 1);
            let start = start.min(layout.width.saturating_sub(w));
            if start < display_width(&line) {
                continue;
            }
            line = pad(&line, start);
            line.push_str(&text);
        }
        out.push((line.trim_end().to_string(), Emphasis::Plain));
    }
    let states = drawing.first_states();
    if states.iter().any(Option::is_some) {
        let mut cells = Cells::new(layout, count);
        for (i, state) in states.iter().enumerate() {
            if let Some(state) = state {
                cells.annotate(layout, i, state.name());
            }
        }
        out.push((cells.finish_at(layout), Emphasis::Plain));
    }
}

/// A text cut to `room` columns with an ellipsis when it does not fit.
fn fit_text(text: &str, room: usize) -> String {
    if display_width(text) <= room {
        return text.to_string();
    }
    if room == 0 {
        return String::new();
    }
    format!("{}…", truncate(text, room - 1))
}

/// An end as text: `127.0.0.1:5008`, `192.0.2.1`, `02:00:00:00:01:10`.
pub fn end_text(end: &End) -> String {
    match end {
        End::Socket(addr) => addr.to_string(),
        End::Host(ip) => ip.to_string(),
        End::Station(mac) => mac
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<Vec<_>>()
            .join(":"),
    }
}

/// A line being drawn, one character per screen column (everything drawn in the ladder's
/// body is one column wide but the margins' words, which are placed whole).
struct Cells {
    cells: Vec<char>,
    left: String,
    right: String,
    time: String,
}

impl Cells {
    fn new(layout: &Layout, ends: usize) -> Cells {
        let first = layout.lines[0];
        let last = layout.lines[ends.max(2) - 1];
        let mut cells = vec![' '; last - first + 1];
        for &x in &layout.lines {
            cells[x - first] = '│';
        }
        Cells {
            cells,
            left: String::new(),
            right: String::new(),
            time: String::new(),
        }
    }

    /// Writes `text` beside column `end`'s line: in the outer margin for the first and last
    /// ends, just right of the line for the others.
    fn annotate(&mut self, layout: &Layout, end: usize, text: &str) {
        let last = layout.lines.len() - 1;
        if end == 0 {
            self.left = fit_text(text, layout.margin.saturating_sub(1));
        } else if end == last {
            self.right = fit_text(text, layout.margin.saturating_sub(1));
        } else {
            let room = layout.gap(end, end + 1).saturating_sub(1);
            let at = layout.lines[end] + 1 - layout.lines[0];
            for (i, c) in fit_text(text, room).chars().enumerate() {
                if self.cells[at + i] == ' ' {
                    self.cells[at + i] = c;
                }
            }
        }
    }

    /// The whole line: the time, the first end's margin words right-aligned against its line,
    /// the ladder's body, then the last end's margin words.
    fn finish_at(self, layout: &Layout) -> String {
        let mut text = pad(&self.time, layout.time);
        let left = format!("{} ", self.left);
        let left = if self.left.is_empty() {
            String::new()
        } else {
            left
        };
        text.push_str(&" ".repeat(layout.margin.saturating_sub(display_width(&left))));
        text.push_str(&left);
        text.extend(self.cells);
        if !self.right.is_empty() {
            text.push(' ');
            text.push_str(&self.right);
        }
        text.trim_end().to_string()
    }
}

/// The arrow's words, from the most to the least important: each later one is dropped first
/// when the arrow is too short.
pub fn label_parts(rung: &Rung) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(mark) = rung.mark {
        parts.push(match mark {
            Mark::Retransmission => tr!("ladder-retransmission"),
            Mark::OutOfOrder => tr!("ladder-out-of-order"),
        });
    }
    match &rung.carried {
        Carried::Tcp {
            flags,
            seq,
            ack,
            len,
            preview,
        } => {
            parts.push(flags.names().collect::<Vec<_>>().join(","));
            parts.push(format!("seq={seq}"));
            if let Some(ack) = ack {
                parts.push(format!("ack={ack}"));
            }
            if *len > 0 {
                parts.push(format!("len={len}"));
                parts.push(quoted(preview.bytes(), *len));
            }
            if flags.has(TcpFlags::RST) && parts.len() > 1 {
                // The reset is what matters; its numbers rarely do.
                parts.truncate(parts.len().min(2));
            }
        }
        Carried::Udp { len, preview, dns } => match dns {
            Some(dns) => {
                let kind = if dns.response {
                    "DNS response"
                } else {
                    "DNS query"
                };
                parts.push(kind.to_string());
                if let Some((name, rtype)) = &dns.question {
                    parts.push(format!("{rtype} {}", bytes_terminal_safe(name.as_bytes())));
                }
                parts.push(format!("id={}", dns.id));
            }
            None => {
                parts.push(format!("UDP len={len}"));
                parts.push(quoted(preview.bytes(), *len));
            }
        },
        Carried::Icmp {
            v6,
            kind,
            code,
            echo,
            ttl,
        } => {
            parts.push(icmp_name(*v6, *kind, *code));
            if let Some((_, seq)) = echo {
                parts.push(format!("seq={seq}"));
            }
            parts.push(format!("ttl={ttl}"));
        }
        Carried::Arp { op, target, sender } => match (op, target, sender) {
            (ArpOp::Request, Some(target), Some(sender)) => {
                parts.push(format!("ARP who-has {target}"));
                parts.push(format!("tell {sender}"));
            }
            (ArpOp::Reply, _, Some(sender)) => parts.push(format!("ARP {sender} is-at")),
            _ => parts.push("ARP".to_string()),
        },
        Carried::OtherIp { protocol, len } => {
            parts.push(format!("IP proto={protocol}"));
            parts.push(format!("len={len}"));
        }
    }
    parts
}

fn icmp_name(v6: bool, kind: u8, code: u8) -> String {
    let name = match (v6, kind) {
        (false, 8) | (true, 128) => "echo request",
        (false, 0) | (true, 129) => "echo reply",
        (false, 11) | (true, 3) => "time exceeded",
        (false, 3) | (true, 1) => "unreachable",
        _ => "",
    };
    let proto = if v6 { "ICMPv6" } else { "ICMP" };
    if name.is_empty() {
        format!("{proto} type={kind} code={code}")
    } else {
        format!("{proto} {name}")
    }
}

/// The payload's first bytes, escaped, in quotes, with an ellipsis when there is more. An FTP
/// password is never drawn: `"PASS ****"`, as the FTP dialogue shows it.
fn quoted(bytes: &[u8], len: usize) -> String {
    let hidden = hide_passwords(bytes);
    let shown = hidden.len().min(12);
    let more = if shown < hidden.len() || len > bytes.len() {
        "…"
    } else {
        ""
    };
    format!("\"{}\"{more}", bytes_terminal_safe(&hidden[..shown]))
}

/// The label that fits `room` columns: the most words in order of importance.
/// Words are dropped in this order, the first word (what the packet is) never: the length,
/// then seq, then ack (the payload says more than its numbers), then the payload, then the
/// rest from the end.
fn fitted_label(parts: &[String], room: usize) -> String {
    let rank = |part: &str| {
        if part.starts_with("len=") {
            0
        } else if part.starts_with("seq=") {
            1
        } else if part.starts_with("ack=") {
            2
        } else if part.starts_with('"') {
            3
        } else {
            4
        }
    };
    let mut kept: Vec<usize> = (0..parts.len()).collect();
    loop {
        let label = kept
            .iter()
            .map(|&i| parts[i].as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if display_width(&label) <= room {
            return label;
        }
        let Some(drop) = kept
            .iter()
            .enumerate()
            .skip(1)
            .min_by_key(|&(at, &part)| (rank(&parts[part]), std::cmp::Reverse(at)))
            .map(|(at, _)| at)
        else {
            return fit_text(&label, room);
        };
        kept.remove(drop);
    }
}

fn rung_lines(
    rung: &Rung,
    (from, to): (usize, usize),
    ends: usize,
    layout: &Layout,
    out: &mut Vec<(String, Emphasis)>,
) {
    let emphasis = if rung.is_reset() {
        Emphasis::Reset
    } else if rung.mark == Some(Mark::Retransmission) {
        Emphasis::Retransmission
    } else {
        Emphasis::Plain
    };
    let mut cells = Cells::new(layout, ends);
    let first = layout.lines[0];
    let (a, b) = (from.min(to), from.max(to));
    let (xa, xb) = (layout.lines[a] - first, layout.lines[b] - first);
    let shaft = if emphasis == Emphasis::Reset {
        '═'
    } else {
        '─'
    };
    if a == b {
        // A packet to itself (rare: a socket connected to itself): a mark on its line.
        cells.cells[xa] = '◆';
    } else {
        for cell in &mut cells.cells[xa + 1..xb] {
            *cell = shaft;
        }
        if to > from {
            cells.cells[xb - 1] = '▶';
        } else {
            cells.cells[xa + 1] = '◀';
        }
        // The words sit on the shaft, one column in from the tail, leaving the head free.
        let room = (xb - xa - 1).saturating_sub(4);
        let label = fitted_label(&label_parts(rung), room);
        let label: Vec<char> = format!(" {label} ").chars().collect();
        let start = if to > from {
            xa + 2
        } else {
            xb - 1 - label.len()
        };
        for (i, c) in label.into_iter().enumerate() {
            if start + i > xa && start + i < xb {
                cells.cells[start + i] = c;
            }
        }
    }
    if layout.time > 0 {
        cells.time = format!("{:.6}", rung.time_ns as f64 / 1e9);
    }
    let last = ends.max(2) - 1;
    let mut middle_states = Vec::new();
    for (end, state) in [(from, rung.from_state), (to, rung.to_state)] {
        if let Some(state) = state {
            if end == 0 || end == last {
                cells.annotate(layout, end, state.name());
            } else {
                middle_states.push((end, state));
            }
        }
    }
    out.push((cells.finish_at(layout), emphasis));
    if !middle_states.is_empty() {
        let mut cells = Cells::new(layout, ends);
        for (end, state) in middle_states {
            cells.annotate(layout, end, state.name());
        }
        out.push((cells.finish_at(layout), Emphasis::Plain));
    }
}

/// Writes drawn lines, a reset in red and data sent again in yellow when `colour` allows.
pub fn write_lines(
    lines: Vec<(String, Emphasis)>,
    colour: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    for (line, emphasis) in lines {
        match (colour, emphasis) {
            (true, Emphasis::Reset) => writeln!(out, "\x1b[31m{line}\x1b[0m")?,
            (true, Emphasis::Retransmission) => writeln!(out, "\x1b[33m{line}\x1b[0m")?,
            _ => writeln!(out, "{line}")?,
        }
    }
    Ok(())
}

/// The most columns drawn side by side; a page with more ends is drawn one conversation
/// after another.
const MAX_SIDE_BY_SIDE: usize = 4;
/// The fewest columns between two lines for which ends are drawn side by side.
const READABLE_GAP: usize = 24;

/// What to call each end in a header: the opener of a TCP connection is the client, the end
/// it opened to the server; other ends have no name.
pub fn role_names(columns: &[End], rows: &[Row]) -> Vec<String> {
    columns
        .iter()
        .map(|&end| {
            let opened = rows.iter().find_map(|row| match row {
                Row::Rung(rung) if rung.opens && rung.from == end => Some(true),
                Row::Rung(rung) if rung.opens && rung.to == end => Some(false),
                _ => None,
            });
            match opened {
                Some(true) => tr!("ladder-client"),
                Some(false) => tr!("ladder-server"),
                None => String::new(),
            }
        })
        .collect()
}

/// A page of rungs drawn for a `width`-column screen: side by side when its ends fit,
/// otherwise one conversation after another, each under a line that numbers it.
pub fn draw_page(page: &Page, width: usize) -> Vec<(String, Emphasis)> {
    let ends = page.ends().len();
    let side_by_side = ends <= MAX_SIDE_BY_SIDE && {
        let layout = Layout::new(ends, width);
        (1..ends).all(|i| layout.gap(i - 1, i) >= READABLE_GAP) || ends <= 2
    };
    if side_by_side {
        let rows: Vec<Row> = page.rungs().iter().cloned().map(Row::Rung).collect();
        let columns = page.ends().to_vec();
        let names = role_names(&columns, &rows);
        return draw(
            &Drawing {
                columns,
                names,
                rows: &rows,
            },
            width,
        );
    }
    let mut out = Vec::new();
    for (n, conversation) in page.conversations().iter().enumerate() {
        let rows: Vec<Row> = conversation
            .rungs
            .iter()
            .map(|&i| Row::Rung(page.rungs()[i].clone()))
            .collect();
        let columns = conversation.ends.to_vec();
        let names = role_names(&columns, &rows);
        if n > 0 {
            out.push((String::new(), Emphasis::Plain));
        }
        let heading = tr!(
            "ladder-conversation",
            n = (n + 1) as u64,
            a = end_text(&columns[0]),
            b = end_text(&columns[1])
        );
        out.push((fit_text(&heading, width), Emphasis::Plain));
        out.extend(draw(
            &Drawing {
                columns,
                names,
                rows: &rows,
            },
            width,
        ));
    }
    out
}

/// FTP's two connections side by side: for each data connection, a ladder with the control
/// connection's ends outside (client left, server right) and the data connection's inside,
/// holding the control packets since the last data connection and this one's packets.
pub fn write_ftp(
    frames: &[Captured],
    link: LinkType,
    control_port: u16,
    data_ends: &[(std::net::SocketAddr, std::net::SocketAddr)],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut ladder = Ladder::new();
    let rungs: Vec<Rung> = frames
        .iter()
        .filter_map(|frame| ladder.rung(frame.time_ns, &decode(link, &frame.data)))
        .collect();
    let is_control_server =
        |end: &End| matches!(end, End::Socket(addr) if addr.port() == control_port);
    let Some(control_client) = rungs.iter().find_map(|rung| {
        if is_control_server(&rung.to) {
            Some(rung.from)
        } else if is_control_server(&rung.from) {
            Some(rung.to)
        } else {
            None
        }
    }) else {
        return Ok(());
    };
    let control_server = rungs
        .iter()
        .flat_map(|rung| [rung.from, rung.to])
        .find(is_control_server)
        .unwrap_or(control_client);
    let on_control = |rung: &Rung| {
        [rung.from, rung.to].contains(&control_client)
            && [rung.from, rung.to].contains(&control_server)
    };
    let width = crate::output::width::terminal_width();
    let colour = crate::output::screen::screen().colour;
    let mut next_control = 0;
    for (n, (client, server)) in data_ends.iter().enumerate() {
        let (client, server) = (End::Socket(*client), End::Socket(*server));
        let is_this = |rung: &Rung| {
            [rung.from, rung.to].contains(&client) && [rung.from, rung.to].contains(&server)
        };
        let last_data = rungs.iter().rposition(is_this);
        let last = if n + 1 == data_ends.len() {
            rungs.len()
        } else {
            last_data.map_or(next_control, |at| at + 1)
        };
        let rows: Vec<Row> = rungs
            .iter()
            .enumerate()
            .filter(|(at, rung)| {
                is_this(rung) || on_control(rung) && *at >= next_control && *at < last
            })
            .map(|(_, rung)| Row::Rung(rung.clone()))
            .collect();
        next_control = last;
        if n > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", tr!("ladder-ftp-page", n = (n + 1) as u64))?;
        let drawing = Drawing {
            columns: vec![control_client, client, server, control_server],
            names: vec![
                tr!("ladder-client"),
                tr!("ladder-client-data"),
                tr!("ladder-server-data"),
                tr!("ladder-server"),
            ],
            rows: &rows,
        };
        write_lines(draw(&drawing, width), colour, out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use netlearn_core::wire::ladder::Ladder;
    use netlearn_core::wire::ladder::fixtures::echo_exchange;

    use super::*;

    fn echo_page() -> Page {
        let mut ladder = Ladder::new();
        let mut page = Page::new();
        for (i, packet) in echo_exchange().iter().enumerate() {
            if let Some(rung) = ladder.rung(250_000 * i as u64, packet) {
                page.push(rung);
            }
        }
        page
    }

    /// The drawing's lines as a terminal shows them, without their styles.
    fn drawn_lines(drawing: &Drawing, width: usize) -> Vec<String> {
        draw(drawing, width)
            .into_iter()
            .map(|(line, _)| line)
            .collect()
    }

    fn echo_drawing(width: usize) -> Vec<String> {
        let page = echo_page();
        let rows: Vec<Row> = page.rungs().iter().cloned().map(Row::Rung).collect();
        let drawing = Drawing {
            columns: page.ends().to_vec(),
            names: vec!["client".into(), "server".into()],
            rows: &rows,
        };
        drawn_lines(&drawing, width)
    }

    #[test]
    fn an_echo_fits_80_and_60_columns_with_whole_arrows() {
        for width in [80, 60, 40] {
            let lines = echo_drawing(width);
            for line in &lines {
                assert!(
                    display_width(line) <= width,
                    "{width}: {line}\n{}",
                    lines.join("\n")
                );
            }
        }
    }

    /// A traceroute through a router, as the lab draws it: three lines (h1, r1, h2), the time
    /// exceeded coming back over the first gap only.
    fn trace_drawing(width: usize) -> Vec<String> {
        let [h1, r1, h2] = ["192.0.2.10", "192.0.2.1", "198.51.100.20"]
            .map(|ip| End::Host(ip.parse().expect("an address")));
        let icmp = |from, to, kind, echo: Option<(u16, u16)>, ttl| {
            Row::Rung(Rung::new(
                0,
                from,
                to,
                Carried::Icmp {
                    v6: false,
                    kind,
                    code: 0,
                    echo,
                    ttl,
                },
            ))
        };
        let rows = [
            icmp(h1, h2, 8, Some((1, 1)), 1),
            icmp(r1, h1, 11, None, 64),
            icmp(h1, h2, 8, Some((1, 2)), 2),
            icmp(h2, h1, 0, Some((1, 2)), 63),
        ];
        let drawing = Drawing {
            columns: vec![h1, r1, h2],
            names: vec!["h1".into(), "r1".into(), "h2".into()],
            rows: &rows,
        };
        drawn_lines(&drawing, width)
    }

    #[test]
    fn a_three_line_ladder_shows_what_each_packet_is_whole_at_80_and_60_columns() {
        for width in [80, 60] {
            let lines = trace_drawing(width);
            let text = lines.join("\n");
            for line in &lines {
                assert!(display_width(line) <= width, "{width}: {line}\n{text}");
            }
            let exceeded = lines
                .iter()
                .find(|l| l.contains("ICMP time") && l.contains('◀'))
                .unwrap_or_else(|| panic!("{text}"));
            assert!(exceeded.contains("ICMP time exceeded"), "{width}:\n{text}");
            // Still from r1's line to h1's: three lines, the third gap empty.
            let gaps: Vec<&str> = exceeded.split('│').collect();
            assert_eq!(gaps.len(), 4, "{text}");
            assert!(gaps[2].trim().is_empty(), "{text}");
            for name in ["h1", "r1", "h2", "192.0.2.10", "192.0.2.1", "198.51.100.20"] {
                assert!(text.contains(name), "{width}: {name}:\n{text}");
            }
            assert_eq!(text.matches("ICMP echo request").count(), 2, "{text}");
        }
    }
}
