//! `netlearn port`: a port number or service name looked up, or every known service listed.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;

use crate::app::text::{for_json, t};
use crate::cli::PortArgs;
use crate::error::Error;
use crate::i18n::{self, Lang};
use crate::net::services::{PortProto, PortRange, Service, ServiceDatabase, ServicesSource};
use crate::net::sockets::{self, SocketEntry, TcpState, Transport};
use crate::output::sink::Sink;
use crate::output::{self, Render};
use crate::tr;

fn headings(ids: &[&str]) -> Vec<String> {
    crate::app::text::headings(crate::i18n::language(), ids)
}

/// Where the services came from, in `lang`.
fn source_text(lang: Lang, source: &ServicesSource) -> String {
    match source {
        ServicesSource::File(path) => path.display().to_string(),
        ServicesSource::BuiltIn => t!(lang, "host-port-built-in-table"),
    }
}

/// What a range of ports is for.
fn range_meaning(range: PortRange) -> String {
    tr!(match range {
        PortRange::System => "host-range-system",
        PortRange::User => "host-range-user",
        PortRange::Dynamic => "host-range-dynamic",
    })
}

/// What a service is, in `lang`: the built-in table's text, or the comment of its
/// services-file line. A file's comments are English, so in English the file's own comment
/// comes first; in another language, the table's text where there is one.
fn description(lang: Lang, service: &Service) -> Option<String> {
    let known = || {
        service
            .known
            .map(|known| t!(lang, &format!("host-service-{}", known.id())))
    };
    match lang {
        Lang::En => service.comment.clone().or_else(known),
        _ => known().or_else(|| service.comment.clone()),
    }
}

/// A service as `port` shows it: the domain's facts and what the service is (in English in
/// JSON, whose values do not change with the language; in the reader's language in the table).
#[derive(Serialize)]
pub struct ServiceRow {
    pub name: String,
    pub port: u16,
    pub proto: PortProto,
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip)]
    pub description_words: Option<String>,
}

impl From<&Service> for ServiceRow {
    fn from(service: &Service) -> Self {
        ServiceRow {
            name: service.name.clone(),
            port: service.port,
            proto: service.proto,
            aliases: service.aliases.clone(),
            description: description(Lang::En, service).map(for_json),
            description_words: description(i18n::language(), service),
        }
    }
}

fn rows<'a>(services: impl IntoIterator<Item = &'a Service>) -> Vec<ServiceRow> {
    services.into_iter().map(ServiceRow::from).collect()
}

#[derive(Serialize)]
pub struct PortReport {
    pub query: String,
    /// Set when the query was a number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<PortRange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range_meaning: Option<String>,
    pub services: Vec<ServiceRow>,
    /// Where the services came from: a path, or the built-in table in English (JSON values do
    /// not change with the language).
    pub source: String,
    /// The same in the reader's language, for the text.
    #[serde(skip)]
    pub source_words: String,
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
    table.set_header(headings(&[
        "host-col-proto",
        "host-col-local",
        "host-col-remote",
        "host-col-state",
        "host-col-process",
    ]));
    for socket in sockets {
        let process = match (&socket.program, socket.pid, socket.time_left_s) {
            (Some(program), Some(pid), _) => tr!(
                "host-port-process",
                program = program.as_str(),
                pid = pid.to_string()
            ),
            (_, _, Some(left)) => tr!("host-port-gone-in", seconds = format!("{left:.0}")),
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

fn services_table(services: &[ServiceRow]) -> comfy_table::Table {
    let mut table = output::table();
    table.set_header(headings(&[
        "host-col-port",
        "host-col-proto",
        "host-col-service",
        "host-col-aliases",
        "host-col-range",
        "host-col-description",
    ]));
    for s in services {
        let range = tr!(match PortRange::of(s.port) {
            PortRange::System => "host-range-system-short",
            PortRange::User => "host-range-user-short",
            PortRange::Dynamic => "host-range-dynamic-short",
        });
        table.add_row(vec![
            s.port.to_string(),
            s.proto.name().to_string(),
            s.name.clone(),
            s.aliases.join(" "),
            range.to_string(),
            s.description_words.clone().unwrap_or_default(),
        ]);
    }
    table
}

impl Render for PortReport {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        // Sentences wrap to the terminal like any prose; the tables fit through output::fit.
        if let (Some(port), Some(meaning)) = (self.port, &self.range_meaning) {
            output::write_prose_line(
                out,
                &tr!(
                    "host-port-meaning",
                    port = port.to_string(),
                    meaning = meaning.as_str()
                ),
            )?;
        }
        let source = self.source_words.as_str();
        if self.services.is_empty() {
            output::write_prose_line(out, &tr!("host-port-unregistered", source = source))?;
            output::write_prose_line(out, &tr!("host-port-two-protocols"))?;
        } else {
            output::write_table(&services_table(&self.services), out)?;
            output::write_prose_line(out, &tr!("host-port-source", source = source))?;
        }
        if let (Some(port), Some(sockets)) = (self.port, &self.on_this_machine) {
            if sockets.is_empty() {
                output::write_prose_line(out, &tr!("host-port-unused", port = port.to_string()))?;
            } else {
                output::write_prose_line(out, &tr!("host-port-used"))?;
                output::write_table(&local_sockets_table(sockets), out)?;
            }
        }
        Ok(())
    }
}

#[derive(Serialize)]
pub struct PortListReport {
    pub services: Vec<ServiceRow>,
    pub source: String,
    #[serde(skip)]
    pub source_words: String,
}

impl Render for PortListReport {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        output::write_table(&services_table(&self.services), out)?;
        output::write_prose_line(
            out,
            &tr!(
                "host-port-entries",
                count = self.services.len(),
                n = crate::output::words::thousands(self.services.len() as u64),
                source = self.source_words.as_str()
            ),
        )
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
                services: rows(&services),
                source: source_text(Lang::En, &db.source),
                source_words: source_text(i18n::language(), &db.source),
            },
            format,
            out,
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let query = args.port.clone().unwrap_or_default();
    let trimmed = query.trim();
    if trimmed.is_empty() {
        return Err(Error::Usage(tr!("host-port-empty")).into());
    }
    let report = if trimmed.bytes().all(|b| b.is_ascii_digit()) {
        let port: u16 = trimmed
            .parse()
            .map_err(|_| Error::Usage(tr!("host-port-too-big", input = trimmed)))?;
        let range = PortRange::of(port);
        PortReport {
            query: query.clone(),
            port: Some(port),
            range: Some(range),
            range_meaning: Some(range_meaning(range)),
            services: rows(db.by_port(port)),
            source: source_text(Lang::En, &db.source),
            source_words: source_text(i18n::language(), &db.source),
            on_this_machine: Some(local_sockets(port)),
        }
    } else {
        let services = rows(db.by_name(trimmed));
        if services.is_empty() {
            let similar = db.similar_names(trimmed);
            let hint = if similar.is_empty() {
                String::new()
            } else {
                tr!("host-port-did-you-mean", names = similar.join(", "))
            };
            return Err(Error::Runtime(tr!(
                "host-port-no-such-name",
                name = format!("{trimmed:?}"),
                source = source_text(i18n::language(), &db.source),
                hint = hint
            ))
            .into());
        }
        PortReport {
            query: query.clone(),
            port: None,
            range: None,
            range_meaning: None,
            services,
            source: source_text(Lang::En, &db.source),
            source_words: source_text(i18n::language(), &db.source),
            on_this_machine: None,
        }
    };
    output::emit(&report, format, out)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every service of the built-in table is said in both languages, JSON in English.
    #[test]
    fn built_in_services_are_described_in_both_languages() {
        for service in crate::net::services::built_in() {
            let id = format!("host-service-{}", service.name);
            for lang in Lang::ALL {
                let said = description(lang, &service).unwrap();
                assert_ne!(said, id, "{lang:?}");
            }
        }
        let mut echo = crate::net::services::built_in().remove(0);
        assert_eq!(
            description(Lang::En, &echo).as_deref(),
            Some("Echo (RFC\u{a0}862): sends back what it receives")
        );
        assert!(
            description(Lang::Ja, &echo)
                .unwrap()
                .contains("送り返します")
        );
        // A file's own comment is English: said in English, and where no text is known.
        echo.comment = Some("from the file".into());
        assert_eq!(
            description(Lang::En, &echo).as_deref(),
            Some("from the file")
        );
        assert!(
            description(Lang::Ja, &echo)
                .unwrap()
                .contains("送り返します")
        );
        echo.known = None;
        assert_eq!(
            description(Lang::Ja, &echo).as_deref(),
            Some("from the file")
        );
    }

    #[test]
    fn the_source_is_a_path_or_the_built_in_table_in_each_language() {
        let file = ServicesSource::File("/etc/services".into());
        assert_eq!(source_text(Lang::Ja, &file), "/etc/services");
        assert_eq!(
            source_text(Lang::En, &ServicesSource::BuiltIn),
            "built-in table (IANA registry excerpt)"
        );
        assert_eq!(
            source_text(Lang::Ja, &ServicesSource::BuiltIn),
            "組み込みの表 (IANA の登録簿の抜粋)"
        );
    }
}
