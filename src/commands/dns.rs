//! `netlearn dns`: arguments to questions and settings, the lookups, one report.

use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::Arc;

use hickory_resolver::proto::rr::RecordType;
use serde::Serialize;

use crate::cli::DnsArgs;
use crate::error::Error;
use crate::net::dns::lookup::{self, DnsSettings, Outcome, Question, Source, SystemRules};
use crate::net::dns::name::{QueryName, classify_words};
use crate::net::dns::server::ServerSpec;
use crate::net::dns::system::{self, HostsFile};
use crate::net::dns::transport::{self, Server, Transport};
use crate::output::escape::terminal_safe;
use crate::output::{self, Format, Render};

/// Text for the terminal: record data, names, error texts and notes all may carry bytes a
/// server chose (`ESC]0;...BEL` retitles a terminal). JSON keeps the real values.
fn safe(text: &str) -> String {
    terminal_safe(text).into_owned()
}

pub fn run(args: &DnsArgs, format: Format, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let words = classify_words(&args.words).map_err(|e| Error::Usage(e.to_string()))?;
    if words.names.is_empty() && args.reverse.is_empty() {
        return Err(Error::Usage(
            "a name to look up is required, e.g. netlearn dns python.org (or -x ADDR)".into(),
        )
        .into());
    }
    let specs = words
        .servers
        .iter()
        .chain(&args.server)
        .map(|text| ServerSpec::parse(text))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Error::Usage(e.to_string()))?;
    let transport = if args.https || specs.iter().any(|s| s.https_path.is_some()) {
        Transport::Https
    } else if args.tls {
        Transport::Tls
    } else if args.tcp {
        Transport::Tcp
    } else {
        Transport::Udp
    };
    if args.ca_file.is_some() && !matches!(transport, Transport::Tls | Transport::Https) {
        return Err(Error::Usage("--ca-file is for --tls or --https".into()).into());
    }

    // The system's settings are read only when they are used: no @server, or --system.
    let system_config = if specs.is_empty() || args.system {
        match system::read_resolv_conf(args.resolv_conf.as_deref()) {
            Ok(config) => Some(config),
            Err(error) if specs.is_empty() => return Err(Error::Runtime(error.to_string()).into()),
            Err(_) => None,
        }
    } else {
        None
    };
    let (servers, source, note) = if specs.is_empty() {
        let config = system_config
            .as_ref()
            .ok_or_else(|| Error::Runtime("the system's DNS settings could not be read".into()))?;
        let port = transport.default_port();
        let servers = config
            .servers
            .iter()
            .map(|ip| Server::at((*ip, port).into()))
            .collect();
        (servers, config.source.clone(), config.note.clone())
    } else {
        let servers = specs
            .iter()
            .map(|spec| spec.resolve(transport))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| Error::Runtime(e.to_string()))?;
        (servers, "given with @".to_string(), None)
    };
    let servers: Vec<Server> = match &args.tls_name {
        Some(name) => servers
            .into_iter()
            .map(|mut s| {
                s.tls_name = name.clone();
                s
            })
            .collect(),
        None => servers,
    };
    let tls = match transport {
        Transport::Tls => Some(transport::tls_config(args.ca_file.as_deref(), b"dot")),
        Transport::Https => Some(transport::tls_config(args.ca_file.as_deref(), b"h2")),
        _ => None,
    }
    .transpose()
    .map_err(|e| Error::Usage(e.to_string()))?;

    let system_rules = if args.system {
        let hosts = HostsFile::read(args.hosts_file.as_deref()).map_err(|e| {
            Error::Runtime(format!(
                "cannot read the hosts file {}: {e}",
                args.hosts_file
                    .as_deref()
                    .unwrap_or(std::path::Path::new(system::HOSTS_FILE))
                    .display()
            ))
        })?;
        Some(SystemRules {
            hosts,
            config: system_config.clone(),
        })
    } else {
        None
    };

    let questions = questions(&words.names, &words.types, &args.types, &args.reverse);
    let settings = DnsSettings {
        servers,
        transport,
        timeout: args.timeout,
        tries: usize::from(args.tries),
        recursion_desired: !args.norecurse,
        tls: tls.map(|config: Arc<_>| config),
    };
    let runtime = super::current_thread_runtime()?;
    let outcomes = runtime.block_on(lookup::lookup_all(
        &questions,
        &settings,
        system_rules.as_ref(),
    ));

    let report = DnsReport {
        resolver: ResolverInfo {
            source,
            servers: settings
                .servers
                .iter()
                .map(|s| s.addr.to_string())
                .collect(),
            transport,
            search: system_rules
                .as_ref()
                .and_then(|r| r.config.as_ref())
                .map(|c| c.search.clone())
                .unwrap_or_default(),
            hosts_file: system_rules
                .as_ref()
                .map(|r| r.hosts.path.display().to_string()),
            note,
        },
        queries: outcomes,
        short: args.short,
    };
    output::emit(&report, format, out)?;
    match lookup::failure(&report.queries) {
        Some(reason) => Err(Error::Runtime(safe(&reason)).into()),
        None => Ok(ExitCode::SUCCESS),
    }
}

/// Every name for every type (A and AAAA when none is given), then the reverse lookups.
fn questions(
    names: &[QueryName],
    word_types: &[RecordType],
    flag_types: &[RecordType],
    reverse: &[std::net::IpAddr],
) -> Vec<Question> {
    let mut types: Vec<RecordType> = word_types.iter().chain(flag_types).copied().collect();
    if types.is_empty() {
        types = vec![RecordType::A, RecordType::AAAA];
    }
    let mut seen = Vec::new();
    types.retain(|t| {
        let new = !seen.contains(t);
        seen.push(*t);
        new
    });
    let forward = names.iter().flat_map(|name| {
        types.iter().map(move |record_type| Question {
            name: name.clone(),
            record_type: *record_type,
            reverse_of: None,
        })
    });
    let backward = reverse.iter().map(|addr| Question {
        name: QueryName::reverse(*addr),
        record_type: RecordType::PTR,
        reverse_of: Some(*addr),
    });
    forward.chain(backward).collect()
}

#[derive(Serialize)]
struct ResolverInfo {
    /// Where the servers came from: a resolv.conf path, or "given with @".
    source: String,
    servers: Vec<String>,
    transport: Transport,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    search: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hosts_file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(Serialize)]
struct DnsReport {
    resolver: ResolverInfo,
    queries: Vec<Outcome>,
    #[serde(skip)]
    short: bool,
}

impl Render for DnsReport {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.short {
            for answer in self.queries.iter().flat_map(|q| &q.answers) {
                writeln!(out, "{}", safe(&answer.data))?;
            }
            return Ok(());
        }
        let resolver = &self.resolver;
        writeln!(
            out,
            "servers: {} ({}), over {}",
            safe(&resolver.servers.join(", ")),
            safe(&resolver.source),
            resolver.transport
        )?;
        if let Some(hosts) = &resolver.hosts_file {
            let search = if resolver.search.is_empty() {
                "none".to_string()
            } else {
                resolver.search.join(" ")
            };
            writeln!(
                out,
                "system rules: hosts file {}, search list {}",
                safe(hosts),
                safe(&search)
            )?;
        }
        if let Some(note) = &resolver.note {
            writeln!(out, "note: {}", safe(note))?;
        }
        writeln!(out)?;

        let rows: Vec<_> = self.queries.iter().flat_map(|q| &q.answers).collect();
        if rows.is_empty() {
            writeln!(out, "no records")?;
        } else {
            let mut answers = output::table();
            answers.set_header(vec!["NAME", "TYPE", "TTL", "DATA"]);
            for row in rows {
                let name = match &row.name_unicode {
                    Some(unicode) => format!("{} ({unicode})", row.name),
                    None => row.name.clone(),
                };
                answers.add_row(vec![
                    safe(&name),
                    safe(&row.record_type),
                    row.ttl.to_string(),
                    safe(&row.data),
                ]);
            }
            output::write_table(&answers, out)?;
        }
        writeln!(out)?;

        let mut queries = output::table();
        queries.set_header(vec!["QUERY", "STATUS", "FROM", "VIA", "TIME", "SIZE"]);
        for query in &self.queries {
            let name = safe(query.name_unicode.as_deref().unwrap_or(&query.name));
            let (from, via) = match query.source {
                Source::Dns => (
                    query.server.clone().unwrap_or_else(|| "-".into()),
                    query.transport.map_or("-", Transport::name).to_string(),
                ),
                Source::HostsFile => (
                    resolver.hosts_file.clone().unwrap_or_default(),
                    "file".to_string(),
                ),
                Source::Rfc6761 => ("RFC 6761".to_string(), "-".to_string()),
            };
            let time = if query.source == Source::Dns && query.rcode.is_some() {
                format!("{:.2} ms", query.time_ms)
            } else {
                "-".to_string()
            };
            queries.add_row(vec![
                format!("{name} {}", query.record_type),
                query.status.clone(),
                safe(&from),
                via,
                time,
                query.size.map_or("-".to_string(), |s| format!("{s} B")),
            ]);
        }
        output::write_table(&queries, out)?;

        let mut idn_said: Vec<&str> = Vec::new();
        for query in &self.queries {
            let name = safe(query.name_unicode.as_deref().unwrap_or(&query.name));
            if let Some(unicode) = &query.name_unicode
                && !idn_said.contains(&unicode.as_str())
            {
                idn_said.push(unicode);
                writeln!(
                    out,
                    "idn: {} is asked as {} (punycode, RFC 3492)",
                    safe(unicode),
                    safe(&query.name)
                )?;
            }
            if query.asked != query.name {
                writeln!(out, "search: {name} was asked as {}", safe(&query.asked))?;
            }
            for attempt in &query.tried {
                writeln!(
                    out,
                    "tried: {name} {} at {} over {}: {}",
                    query.record_type,
                    safe(&attempt.server),
                    attempt.transport,
                    safe(&attempt.result)
                )?;
            }
            if let Some(error) = &query.error {
                writeln!(out, "error: {name} {}: {}", query.record_type, safe(error))?;
            }
            for note in &query.notes {
                writeln!(out, "note: {name} {}: {}", query.record_type, safe(note))?;
            }
        }
        Ok(())
    }
}
