//! `netlearn port`: a port number or service name looked up, or every known service listed.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;

use crate::cli::PortArgs;
use crate::error::Error;
use crate::net::services::{PortRange, Service, ServiceDatabase};
use crate::net::sockets::{self, SocketEntry, TcpState, Transport};
use crate::output::sink::Sink;
use crate::output::{self, Render};

#[derive(Serialize)]
pub struct PortReport {
    pub query: String,
    /// Set when the query was a number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<PortRange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range_meaning: Option<&'static str>,
    pub services: Vec<Service>,
    pub source: String,
    /// Sockets on this machine using the port now (set when the query was a number).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_this_machine: Option<Vec<LocalSocket>>,
}

/// A socket of this machine on the queried port, as `ss -tunap` would show it.
#[derive(Serialize)]
pub struct LocalSocket {
    pub proto: &'static str,
    pub local: std::net::SocketAddr,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remote: Option<std::net::SocketAddr>,
    pub state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pid: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub program: Option<String>,
    /// Seconds left before a TIME_WAIT socket disappears.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_left_s: Option<f64>,
}

fn local_sockets(port: u16) -> Vec<LocalSocket> {
    let entries: Vec<SocketEntry> = [Transport::Tcp, Transport::Udp]
        .into_iter()
        .flat_map(sockets::read_sockets)
        .filter(|e| e.local.port() == port)
        .collect();
    let inodes: Vec<u64> = entries.iter().map(|e| e.inode).collect();
    let owners = sockets::owners(&inodes);
    entries
        .into_iter()
        .map(|e| {
            let owner = owners.get(&e.inode);
            let unconnected = e.remote.port() == 0 && e.remote.ip().is_unspecified();
            LocalSocket {
                proto: match e.transport {
                    Transport::Tcp => "tcp",
                    Transport::Udp => "udp",
                },
                local: e.local,
                remote: (!unconnected).then_some(e.remote),
                state: match (e.transport, e.state) {
                    (Transport::Udp, TcpState::Close) => "UNCONN",
                    (_, state) => state.name(),
                },
                pid: owner.map(|o| o.pid),
                program: owner.map(|o| o.program.clone()),
                time_left_s: (e.state == TcpState::TimeWait)
                    .then_some(e.timer_left)
                    .flatten()
                    .map(|d| d.as_secs_f64()),
            }
        })
        .collect()
}

fn local_sockets_table(sockets: &[LocalSocket]) -> comfy_table::Table {
    let mut table = output::table();
    table.set_header(vec!["PROTO", "LOCAL", "REMOTE", "STATE", "PROCESS"]);
    for socket in sockets {
        let process = match (&socket.program, socket.pid, socket.time_left_s) {
            (Some(program), Some(pid), _) => format!("{program} (pid {pid})"),
            (_, _, Some(left)) => format!("none: gone in {left:.0} s"),
            _ => "-".to_string(),
        };
        table.add_row(vec![
            socket.proto.to_string(),
            socket.local.to_string(),
            socket.remote.map_or("-".to_string(), |r| r.to_string()),
            socket.state.to_string(),
            process,
        ]);
    }
    table
}

fn services_table(services: &[Service]) -> comfy_table::Table {
    let mut table = output::table();
    table.set_header(vec![
        "PORT",
        "PROTO",
        "SERVICE",
        "ALIASES",
        "RANGE",
        "DESCRIPTION",
    ]);
    for s in services {
        let range = match PortRange::of(s.port) {
            PortRange::System => "system",
            PortRange::User => "user",
            PortRange::Dynamic => "dynamic",
        };
        table.add_row(vec![
            s.port.to_string(),
            s.proto.name().to_string(),
            s.name.clone(),
            s.aliases.join(" "),
            range.to_string(),
            s.description.clone().unwrap_or_default(),
        ]);
    }
    table
}

impl Render for PortReport {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        if let (Some(port), Some(meaning)) = (self.port, self.range_meaning) {
            writeln!(out, "port {port}: {meaning}")?;
        }
        if self.services.is_empty() {
            writeln!(out, "no service is registered on it in {}", self.source)?;
            writeln!(
                out,
                "(TCP and UDP have separate port numbers: 5008/tcp and 5008/udp are two different ports)"
            )?;
        } else {
            output::write_table(&services_table(&self.services), out)?;
            writeln!(out, "source: {}", self.source)?;
        }
        if let (Some(port), Some(sockets)) = (self.port, &self.on_this_machine) {
            if sockets.is_empty() {
                writeln!(out, "on this machine: no socket uses port {port} now")?;
            } else {
                writeln!(out, "on this machine now:")?;
                output::write_table(&local_sockets_table(sockets), out)?;
            }
        }
        Ok(())
    }
}

#[derive(Serialize)]
pub struct PortListReport {
    pub services: Vec<Service>,
    pub source: String,
}

impl Render for PortListReport {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        output::write_table(&services_table(&self.services), out)?;
        writeln!(out, "{} entries from {}", self.services.len(), self.source)
    }
}

pub fn run(args: &PortArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let (format, out) = sink.parts();
    let db = ServiceDatabase::load(args.services_file.as_deref());
    if args.list {
        let mut services = db.services.clone();
        services.sort_by_key(|s| (s.port, s.proto));
        output::emit(
            &PortListReport {
                services,
                source: db.source.clone(),
            },
            format,
            out,
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let query = args.port.clone().unwrap_or_default();
    let trimmed = query.trim();
    if trimmed.is_empty() {
        return Err(
            Error::Usage("an empty port: give a number (80) or a name (http)".into()).into(),
        );
    }
    let report = if trimmed.bytes().all(|b| b.is_ascii_digit()) {
        let port: u16 = trimmed.parse().map_err(|_| {
            Error::Usage(format!(
                "{trimmed} is not a port: port numbers are 0-65535 (16 bits)"
            ))
        })?;
        let range = PortRange::of(port);
        PortReport {
            query: query.clone(),
            port: Some(port),
            range: Some(range),
            range_meaning: Some(range.describe()),
            services: db.by_port(port).into_iter().cloned().collect(),
            source: db.source.clone(),
            on_this_machine: Some(local_sockets(port)),
        }
    } else {
        let services: Vec<Service> = db.by_name(trimmed).into_iter().cloned().collect();
        if services.is_empty() {
            let similar = db.similar_names(trimmed);
            let hint = if similar.is_empty() {
                String::new()
            } else {
                format!("; did you mean {}?", similar.join(", "))
            };
            return Err(Error::Runtime(format!(
                "no service named {trimmed:?} in {}{hint}",
                db.source
            ))
            .into());
        }
        PortReport {
            query: query.clone(),
            port: None,
            range: None,
            range_meaning: None,
            services,
            source: db.source.clone(),
            on_this_machine: None,
        }
    };
    output::emit(&report, format, out)?;
    Ok(ExitCode::SUCCESS)
}
