//! A lab step's packets drawn as a ladder: a line per host, named as the lab names it (the
//! router too: a "time exceeded" comes from its line), in the order of the path, from the
//! packets seen at one place (the first the step captured on), so none is drawn twice.

use std::io::{self, Write};
use std::net::IpAddr;

use crate::app::wire::ladder::{Drawing, Row, draw, write_lines};
use crate::net::lab::Topology;
use crate::net::wire::Packet;
use crate::net::wire::ladder::{End, Ladder};

/// The host `end` belongs to, and its place among the lab's hosts.
fn host_of(topology: &Topology, end: &End) -> Option<(usize, String)> {
    let owns = |ip: IpAddr| topology.owner(ip).map(|(host, _)| host.name.clone());
    let name = match end {
        End::Socket(addr) => owns(addr.ip()),
        End::Host(ip) => owns(*ip),
        End::Station(mac) => topology
            .hosts
            .iter()
            .find(|h| h.interfaces.iter().any(|i| i.mac == *mac))
            .map(|h| h.name.clone()),
    }?;
    let at = topology.hosts.iter().position(|h| h.name == name)?;
    Some((at, name))
}

/// Writes the ladder of `packets` (where each was seen, when, and the packet) at `width`
/// columns.
pub fn write(
    topology: &Topology,
    packets: &[(&str, u64, &Packet)],
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let Some(&(first_at, _, _)) = packets.first() else {
        return Ok(());
    };
    writeln!(out, "  {}", super::text::captured_on(first_at))?;
    let mut ladder = Ladder::new();
    let rows: Vec<Row> = packets
        .iter()
        .filter(|(at, _, _)| *at == first_at)
        .filter_map(|(_, time, packet)| ladder.rung(*time, packet))
        .map(Row::Rung)
        .collect();
    let mut columns: Vec<End> = Vec::new();
    for row in &rows {
        if let Row::Rung(rung) = row {
            for end in [rung.from, rung.to] {
                if !columns.contains(&end) {
                    columns.push(end);
                }
            }
        }
    }
    // Left to right as the path goes: h1, r1, h2 (the lab lists its hosts in that order).
    columns.sort_by_key(|end| host_of(topology, end).map_or(usize::MAX, |(at, _)| at));
    let names = columns
        .iter()
        .map(|end| host_of(topology, end).map_or_else(String::new, |(_, name)| name))
        .collect();
    let drawing = Drawing {
        columns,
        names,
        rows: &rows,
    };
    write_lines(
        draw(&drawing, width),
        crate::output::screen::screen().colour,
        out,
    )
}
