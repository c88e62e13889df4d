//! `netlearn ifaces`: this machine's interfaces as a table (or JSON), loopback first.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;

use crate::cli::IfacesArgs;
use crate::net::iface::{self, NetInterface};
use crate::output::sink::Sink;
use crate::output::{self, Render};

/// What 127.0.0.0/8 and ::1 are, printed under `--loopback`.
const LOOPBACK_NOTES: &[&str] = &[
    "Loopback never leaves this machine: what is sent to it comes straight back up the stack.",
    "IPv4 reserves the whole 127.0.0.0/8 block (16.7 million addresses) for it; 127.0.0.1 is the one everyone uses, and any 127.x.y.z works too.",
    "IPv6 has exactly one loopback address, ::1/128.",
    "\"localhost\" is the name for both (RFC 6761): a server bound to 127.0.0.1, like the article's, is reachable only from here.",
];

#[derive(Serialize)]
pub struct IfacesReport {
    pub interfaces: Vec<NetInterface>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
}

fn state(interface: &NetInterface) -> &'static str {
    match (interface.up, interface.running) {
        (Some(true), Some(false)) => "up, no carrier",
        (Some(true), _) => "up",
        (Some(false), _) => "down",
        (None, _) => "?",
    }
}

/// The interfaces as a table: one row per address, the interface's facts on its first row.
pub fn interfaces_table(interfaces: &[NetInterface]) -> comfy_table::Table {
    let mut table = output::table();
    table.set_header(vec![
        "#",
        "INTERFACE",
        "STATE",
        "MAC",
        "MTU",
        "ADDRESS",
        "NETWORK",
        "SCOPE",
    ]);
    for interface in interfaces {
        let name = if interface.loopback {
            format!("{} (loopback)", interface.name)
        } else {
            interface.name.clone()
        };
        let facts = vec![
            interface.index.map_or("-".into(), |i| i.to_string()),
            name,
            state(interface).to_string(),
            interface.mac.clone().unwrap_or_else(|| "-".into()),
            interface.mtu.map_or("-".into(), |m| m.to_string()),
        ];
        if interface.addresses.is_empty() {
            let mut row = facts;
            row.extend(["(no address)".to_string(), String::new(), String::new()]);
            table.add_row(row);
            continue;
        }
        for (n, address) in interface.addresses.iter().enumerate() {
            let mut row = if n == 0 {
                facts.clone()
            } else {
                vec![String::new(); 5]
            };
            row.push(format!("{}/{}", address.addr, address.prefix));
            row.push(address.network.to_string());
            row.push(address.scope.label().to_string());
            table.add_row(row);
        }
    }
    table
}

impl Render for IfacesReport {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        output::write_table(&interfaces_table(&self.interfaces), out)?;
        if !self.notes.is_empty() {
            writeln!(out)?;
            for note in &self.notes {
                output::write_prose_line(out, note)?;
            }
        }
        for problem in &self.problems {
            output::write_prose_line(out, &format!("note: {problem}"))?;
        }
        Ok(())
    }
}

pub fn report(loopback_only: bool) -> IfacesReport {
    let snapshot = iface::snapshot();
    let mut interfaces = snapshot.interfaces;
    let mut notes = Vec::new();
    if loopback_only {
        interfaces.retain(|i| i.loopback);
        notes.extend(LOOPBACK_NOTES.iter().map(|n| n.to_string()));
        let has_v6 = interfaces
            .iter()
            .flat_map(|i| &i.addresses)
            .any(|a| a.addr.is_ipv6());
        if !has_v6 {
            notes.push(
                "This machine has no ::1: IPv6 is off here, so only 127.0.0.1 answers.".into(),
            );
        }
    }
    IfacesReport {
        interfaces,
        notes,
        problems: snapshot.problems,
    }
}

pub fn run(args: &IfacesArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let (format, out) = sink.parts();
    output::emit(&report(args.loopback), format, out)?;
    Ok(ExitCode::SUCCESS)
}
