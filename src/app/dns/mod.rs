//! `netlearn dns`: arguments to questions and settings, the lookups, one report.

pub(crate) mod words;

use std::io::{self, Write};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use hickory_resolver::proto::rr::RecordType;
use serde::Serialize;

use crate::app::text::{for_json, headings};
use crate::cli::DnsArgs;
use crate::error::Error;
use crate::i18n::{self, Lang};
use crate::net::dns::answer::{RecordRow, rcode_name};
use crate::net::dns::lookup::{
    self, DnsSettings, Failure, Note, Outcome, Question, Source, SystemRules,
};
use crate::net::dns::name::{QueryName, classify_words, record_type_name};
use crate::net::dns::server::ServerSpec;
use crate::net::dns::system::{self, HostsFile};
use crate::net::dns::transport::{self, ExchangeError, NoRoute, Server, Transport};
use crate::output::escape::terminal_safe;
use crate::output::sink::Sink;
use crate::output::{self, Render};

/// Text for the terminal: record data, names, error texts and notes all may carry bytes a
/// server chose (`ESC]0;...BEL` retitles a terminal). JSON keeps the real values.
fn safe(text: &str) -> String {
    terminal_safe(text).into_owned()
}

pub fn run(args: &DnsArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let (format, out) = sink.parts();
    let lang = i18n::language();
    let words = classify_words(&args.words)
        .map_err(|e| Error::Usage(words::query_input_error(lang, &e)))?;
    if words.names.is_empty() && args.reverse.is_empty() {
        return Err(Error::Usage(crate::tr!("dns-name-required")).into());
    }
    let mut specs = words.servers;
    for text in &args.server {
        specs.push(
            ServerSpec::parse(text)
                .map_err(|e| Error::Usage(words::server_spec_error(lang, &e)))?,
        );
    }
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
        return Err(Error::Usage(crate::tr!("dns-ca-file-needs-tls")).into());
    }

    // The system's settings are read only when they are used: no @server, or --system.
    let system_config = if specs.is_empty() || args.system {
        match system::read_resolv_conf(args.resolv_conf.as_deref()) {
            Ok(config) => Some(config),
            Err(error) if specs.is_empty() => {
                return Err(Error::Runtime(words::system_config_error(lang, &error)).into());
            }
            Err(_) => None,
        }
    } else {
        None
    };
    let (servers, source, note) = if specs.is_empty() {
        let config = system_config
            .as_ref()
            .ok_or_else(|| Error::Runtime(crate::tr!("dns-settings-unreadable")))?;
        let port = transport.default_port();
        let servers = config
            .servers
            .iter()
            .map(|ip| Server::at((*ip, port).into()))
            .collect();
        (
            servers,
            words::config_source(lang, &config.source),
            config
                .note
                .map(|note| words::config_note(lang, note, &config.source)),
        )
    } else {
        let servers = specs
            .iter()
            .map(|spec| spec.resolve(transport))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| Error::Runtime(words::server_spec_error(lang, &e)))?;
        (servers, crate::tr!("dns-source-given"), None)
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
    .map_err(|e| Error::Usage(crate::app::tls_view::setup_error(lang, &e)))?;

    let system_rules = if args.system {
        let hosts = HostsFile::read(args.hosts_file.as_deref()).map_err(|e| {
            Error::Runtime(crate::tr!(
                "dns-hosts-unreadable",
                path = args
                    .hosts_file
                    .as_deref()
                    .unwrap_or(std::path::Path::new(system::HOSTS_FILE))
                    .display()
                    .to_string(),
                error = crate::app::text::system_error(&e)
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
    let runtime = crate::app::process::current_thread_runtime()?;
    let mut outcomes = runtime.block_on(lookup::lookup_all(
        &questions,
        &settings,
        system_rules.as_ref(),
    ));
    if !args.system {
        for outcome in &mut outcomes {
            if system::is_localhost(&outcome.name) {
                outcome.notes.push(Note::LocalhostAskedOfDns);
            }
        }
    }

    let failed = lookup::failed(&outcomes);
    let mut groups = failure_groups(&outcomes, &failed);
    // The first cause is the command's error line; the report says the others.
    let headline = (!groups.is_empty()).then(|| groups.remove(0));
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
        queries: outcomes.iter().map(QueryView::from).collect(),
        outcomes,
        short: args.short,
        other_failures: groups
            .iter()
            .map(|g| format!("{}: {}", g.who, g.words))
            .collect(),
        failed,
    };
    output::emit(&report, format, out)?;
    match headline {
        Some(first) => {
            let others = report.failed.len().saturating_sub(first.members.len());
            let more = if others == 0 {
                String::new()
            } else {
                crate::tr!("dns-more-failed", count = others.to_string())
            };
            Err(Error::Runtime(safe(&format!("{}: {}{more}", first.who, first.words))).into())
        }
        None => Ok(ExitCode::SUCCESS),
    }
}

/// Failed questions that share one cause, said once for all of them.
#[derive(Debug, PartialEq, Eq)]
struct FailureGroup {
    /// The questions, as `python.org. A, AAAA`.
    who: String,
    words: String,
    members: Vec<usize>,
}

/// The failed questions (indexes into `outcomes`) grouped by what is said about them, in
/// the order they were asked.
fn failure_groups(outcomes: &[Outcome], failed: &[usize]) -> Vec<FailureGroup> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for &index in failed {
        let Some(outcome) = outcomes.get(index) else {
            continue;
        };
        let words = cause_words(outcome);
        match groups.iter_mut().find(|(said, _)| *said == words) {
            Some((_, members)) => members.push(index),
            None => groups.push((words, vec![index])),
        }
    }
    groups
        .into_iter()
        .map(|(words, members)| FailureGroup {
            who: who(outcomes, &members),
            words,
            members,
        })
        .collect()
}

/// Questions named the short way: a name once, then its types (`a.test. A, AAAA, b.test. MX`).
fn who(outcomes: &[Outcome], members: &[usize]) -> String {
    let mut text = String::new();
    let mut last_name: Option<&str> = None;
    for outcome in members.iter().filter_map(|&i| outcomes.get(i)) {
        let name = outcome.name_unicode.as_deref().unwrap_or(&outcome.name);
        if !text.is_empty() {
            text.push_str(", ");
        }
        if last_name != Some(name) {
            text.push_str(name);
            text.push(' ');
        }
        text.push_str(&record_type_name(outcome.record_type));
        last_name = Some(name);
    }
    text
}

/// Why one question failed, ending with what to do next where there is something to do.
fn cause_words(outcome: &Outcome) -> String {
    let lang = i18n::language();
    let said = match (&outcome.failure, outcome.server) {
        (Some(Failure::Exchange(cause)), _) => match &cause.error {
            ExchangeError::NoRoute(kind) => {
                let servers = if cause.no_route_to_any.is_empty() {
                    vec![cause.server]
                } else {
                    cause.no_route_to_any.clone()
                };
                no_route_words(*kind, &servers)
            }
            _ => words::cause(lang, cause),
        },
        (Some(failure), _) => words::failure(lang, failure),
        (None, Some(server)) => crate::tr!(
            "dns-status-from",
            status = outcome.status.code(),
            meaning = words::status_meaning(lang, outcome.status),
            server = server.to_string()
        ),
        (None, None) => words::status_word(lang, outcome.status),
    };
    if outcome.notes.contains(&Note::LocalhostAskedOfDns) {
        let next = words::note(lang, &Note::LocalhostAskedOfDns);
        crate::tr!("dns-and-next-step", said = said, next = next)
    } else {
        said
    }
}

/// The kernel found no route to any of `servers`: the machine is cut off (or has no IPv6
/// route, when the servers are all IPv6), and `netlearn gateway` shows its routes.
fn no_route_words(kind: NoRoute, servers: &[SocketAddr]) -> String {
    let mut ips: Vec<String> = Vec::new();
    for server in servers {
        let ip = server.ip().to_string();
        if !ips.contains(&ip) {
            ips.push(ip);
        }
    }
    let which = match ips.as_slice() {
        [one] => crate::tr!("dns-server-one", server = one.as_str()),
        many => crate::tr!("dns-server-many", servers = many.join(", ")),
    };
    if servers.iter().all(|s| s.is_ipv6()) {
        return crate::tr!("dns-no-route-ipv6", which = which);
    }
    match kind {
        NoRoute::Network => crate::tr!("dns-no-route-offline", which = which),
        NoRoute::Host => crate::tr!("dns-no-route-host", which = which),
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

/// One question as the JSON says it: the typed outcome with its prose worded in the reader's
/// language (machine values stay as they are).
#[derive(Serialize)]
struct QueryView {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name_unicode: Option<String>,
    #[serde(rename = "type")]
    record_type: String,
    asked: String,
    status: String,
    rcode: Option<String>,
    source: Source,
    server: Option<String>,
    transport: Option<Transport>,
    tcp_after_truncation: bool,
    time_ms: f64,
    size: Option<usize>,
    flags: Vec<&'static str>,
    answers: Vec<RecordRow>,
    authority: Vec<RecordRow>,
    error: Option<String>,
    tried: Vec<AttemptView>,
    notes: Vec<String>,
}

#[derive(Serialize)]
struct AttemptView {
    server: String,
    transport: Transport,
    /// What happened, with the total when it happened more than once.
    result: String,
    count: usize,
}

impl From<&Outcome> for QueryView {
    fn from(outcome: &Outcome) -> QueryView {
        let lang: Lang = i18n::language();
        QueryView {
            name: outcome.name.clone(),
            name_unicode: outcome.name_unicode.clone(),
            record_type: record_type_name(outcome.record_type),
            asked: outcome.asked.clone(),
            status: outcome.status.code(),
            rcode: outcome.rcode.map(rcode_name),
            source: outcome.source,
            server: outcome.server.map(|s| s.to_string()),
            transport: outcome.transport,
            tcp_after_truncation: outcome.tcp_after_truncation,
            time_ms: outcome.elapsed.as_secs_f64() * 1000.0,
            size: outcome.size,
            flags: outcome.flags.clone(),
            answers: outcome.answers.clone(),
            authority: outcome.authority.clone(),
            error: outcome
                .failure
                .as_ref()
                .map(|f| for_json(words::failure(lang, f))),
            tried: outcome
                .tried
                .iter()
                .map(|attempt| AttemptView {
                    server: attempt.server.to_string(),
                    transport: attempt.transport,
                    result: for_json(words::attempt(lang, attempt)),
                    count: attempt.count,
                })
                .collect(),
            notes: outcome
                .notes
                .iter()
                .map(|n| for_json(words::note(lang, n)))
                .collect(),
        }
    }
}

/// A result line (`tried:`, `error:`, `idn:`, `search:`): wrapped like prose where lines are
/// laid out for a width (a terminal, or COLUMNS), one line for grep and scripts otherwise.
fn write_result_line(out: &mut dyn Write, text: &str) -> io::Result<()> {
    if output::screen::screen().fits_width {
        output::write_prose_line(out, text)
    } else {
        writeln!(out, "{text}")
    }
}

#[derive(Serialize)]
struct DnsReport {
    resolver: ResolverInfo,
    queries: Vec<QueryView>,
    #[serde(skip)]
    outcomes: Vec<Outcome>,
    #[serde(skip)]
    short: bool,
    /// Indexes of the failed questions.
    #[serde(skip)]
    failed: Vec<usize>,
    /// Causes past the first (the first is the command's error line), each said once.
    #[serde(skip)]
    other_failures: Vec<String>,
}

impl Render for DnsReport {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.short {
            for answer in self.outcomes.iter().flat_map(|q| &q.answers) {
                writeln!(out, "{}", safe(&answer.data))?;
            }
            return Ok(());
        }
        let resolver = &self.resolver;
        // A list of servers can be as long as resolv.conf makes it: wrapped like prose.
        output::write_prose_line(
            out,
            &crate::tr!(
                "dns-servers-line",
                servers = safe(&resolver.servers.join(", ")),
                source = safe(&resolver.source),
                transport = resolver.transport.name()
            ),
        )?;
        if let Some(hosts) = &resolver.hosts_file {
            let search = if resolver.search.is_empty() {
                crate::tr!("dns-search-none")
            } else {
                resolver.search.join(" ")
            };
            output::write_prose_line(
                out,
                &crate::tr!(
                    "dns-system-rules-line",
                    hosts = safe(hosts),
                    search = safe(&search)
                ),
            )?;
        }
        if let Some(note) = &resolver.note {
            output::write_prose_line(out, &crate::tr!("dns-label-note", text = safe(note)))?;
        }
        writeln!(out)?;

        let rows: Vec<_> = self.outcomes.iter().flat_map(|q| &q.answers).collect();
        if rows.is_empty() {
            writeln!(out, "{}", crate::tr!("dns-no-records"))?;
        } else {
            let mut answers = output::table();
            answers.set_header(headings(
                i18n::language(),
                &[
                    "dns-col-name",
                    "dns-col-type",
                    "dns-col-ttl",
                    "dns-col-data",
                ],
            ));
            for row in rows {
                let name = match &row.name_unicode {
                    Some(unicode) => format!("{} ({unicode})", row.name),
                    None => row.name.clone(),
                };
                answers.add_row(vec![
                    safe(&name),
                    record_type_name(row.record_type),
                    row.ttl.to_string(),
                    safe(&row.data),
                ]);
            }
            output::write_table(&answers, out)?;
        }
        writeln!(out)?;

        let mut queries = output::table();
        queries.set_header(headings(
            i18n::language(),
            &[
                "dns-col-query",
                "dns-col-status",
                "dns-col-from",
                "dns-col-via",
                "dns-col-time",
                "dns-col-size",
            ],
        ));
        for query in &self.outcomes {
            let name = safe(query.name_unicode.as_deref().unwrap_or(&query.name));
            let (from, via) = match query.source {
                Source::Dns => (
                    query.server.map_or_else(|| "-".into(), |s| s.to_string()),
                    query.transport.map_or("-", Transport::name).to_string(),
                ),
                Source::HostsFile => (
                    resolver.hosts_file.clone().unwrap_or_default(),
                    crate::tr!("dns-via-file"),
                ),
                Source::Rfc6761 => ("RFC 6761".to_string(), "-".to_string()),
            };
            let time = if query.source == Source::Dns && query.rcode.is_some() {
                format!("{:.2}\u{a0}ms", query.elapsed.as_secs_f64() * 1000.0)
            } else {
                "-".to_string()
            };
            queries.add_row(vec![
                format!("{name} {}", record_type_name(query.record_type)),
                words::status_word(i18n::language(), query.status),
                safe(&from),
                via,
                time,
                query
                    .size
                    .map_or("-".to_string(), |s| format!("{s}\u{a0}B")),
            ]);
        }
        output::write_table(&queries, out)?;

        let mut idn_said: Vec<&str> = Vec::new();
        for query in &self.outcomes {
            let name = safe(query.name_unicode.as_deref().unwrap_or(&query.name));
            if let Some(unicode) = &query.name_unicode
                && !idn_said.contains(&unicode.as_str())
            {
                idn_said.push(unicode);
                write_result_line(
                    out,
                    &crate::tr!(
                        "dns-idn-line",
                        unicode = safe(unicode),
                        ascii = safe(&query.name)
                    ),
                )?;
            }
            if query.asked != query.name {
                write_result_line(
                    out,
                    &crate::tr!(
                        "dns-search-line",
                        name = name.as_str(),
                        asked = safe(&query.asked)
                    ),
                )?;
            }
        }
        // An attempt that ended alike for several questions (a dead first server) is one line.
        let lang = i18n::language();
        let mut tried: Vec<(String, Vec<usize>)> = Vec::new();
        for (index, query) in self.outcomes.iter().enumerate() {
            for attempt in &query.tried {
                let said = crate::tr!(
                    "dns-tried-at",
                    at = words::at_server(
                        lang,
                        attempt.server,
                        attempt.transport,
                        &words::attempt(lang, attempt)
                    )
                );
                match tried.iter_mut().find(|(s, _)| *s == said) {
                    Some((_, members)) => members.push(index),
                    None => tried.push((said, vec![index])),
                }
            }
        }
        for (said, members) in tried {
            write_result_line(
                out,
                &crate::tr!(
                    "dns-tried-line",
                    who = safe(&who(&self.outcomes, &members)),
                    what = safe(&said)
                ),
            )?;
        }
        for failure in &self.other_failures {
            write_result_line(out, &crate::tr!("dns-error-line", text = safe(failure)))?;
        }
        // A note shared by several questions (localhost's, for A and AAAA) is said once;
        // localhost's is left out where a failure already said it as the next step.
        let mut notes: Vec<(&Note, Vec<usize>)> = Vec::new();
        for (index, query) in self.outcomes.iter().enumerate() {
            for note in &query.notes {
                if *note == Note::LocalhostAskedOfDns && self.failed.contains(&index) {
                    continue;
                }
                match notes.iter_mut().find(|(said, _)| *said == note) {
                    Some((_, members)) => members.push(index),
                    None => notes.push((note, vec![index])),
                }
            }
        }
        for (note, members) in notes {
            output::write_prose_line(
                out,
                &crate::tr!(
                    "dns-label-note",
                    text = format!(
                        "{}: {}",
                        safe(&who(&self.outcomes, &members)),
                        safe(&words::note(lang, note))
                    )
                ),
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hickory_resolver::proto::op::Message;
    use hickory_resolver::proto::rr::RecordType;
    use std::time::Duration;

    /// An outcome that failed at `servers` with `error` from every one of them, as `ask_dns`
    /// leaves it.
    fn failed_with(name: &str, error: ExchangeError, servers: &[&str]) -> Outcome {
        let mut outcome = lookup::outcome_of_response(Message::query(), RecordType::A);
        let servers: Vec<SocketAddr> = servers.iter().map(|s| s.parse().unwrap()).collect();
        let last = *servers.last().unwrap();
        outcome.name = name.to_string();
        outcome.status = lookup::Status::Unreachable;
        outcome.rcode = None;
        outcome.server = Some(last);
        let no_route = matches!(error, ExchangeError::NoRoute(_));
        outcome.failure = Some(Failure::Exchange(lookup::Cause {
            server: last,
            transport: Transport::Udp,
            error,
            count: 1,
            timeout: Duration::from_secs(5),
            no_route_to_any: if no_route { servers } else { Vec::new() },
        }));
        outcome
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn no_route_to_the_server_says_the_machine_looks_offline() {
        // ENETUNREACH as the kernel gives it to connect(2) with no default route.
        let error = ExchangeError::from(io::Error::from_raw_os_error(101));
        let outcome = failed_with("python.org.", error, &["192.0.2.53:53"]);
        assert_eq!(
            cause_words(&outcome),
            "no route to the DNS server 192.0.2.53: this machine looks offline (no default \
             route: see `netlearn gateway`)"
        );
        let error = ExchangeError::from(io::Error::from(io::ErrorKind::NetworkUnreachable));
        let both = failed_with("python.org.", error, &["192.0.2.53:53", "192.0.2.54:53"]);
        assert!(
            cause_words(&both).starts_with("no route to the DNS servers 192.0.2.53, 192.0.2.54:"),
            "{}",
            cause_words(&both)
        );
        // EHOSTUNREACH: a route exists, nothing answers on it.
        let error = ExchangeError::from(io::Error::from_raw_os_error(113));
        let host = failed_with("python.org.", error, &["192.0.2.53:53"]);
        let said = cause_words(&host);
        assert!(
            said.contains("(host unreachable)") && said.contains("looks offline"),
            "{said}"
        );
        // Only IPv6 servers without a route: the machine may well be online over IPv4.
        let error = ExchangeError::from(io::Error::from_raw_os_error(101));
        let v6 = failed_with("python.org.", error, &["[2001:db8::53]:53"]);
        assert!(
            cause_words(&v6).contains("no IPv6 route"),
            "{}",
            cause_words(&v6)
        );
    }

    #[test]
    fn other_causes_keep_their_words_and_localhost_gets_its_next_step() {
        let timeout = ExchangeError::Timeout(Duration::from_secs(5));
        let outcome = failed_with("a.test.", timeout, &["127.0.0.1:53"]);
        assert_eq!(
            cause_words(&outcome),
            "127.0.0.1:53 over udp: no answer within 5\u{a0}s"
        );
        let mut local = failed_with(
            "localhost.",
            ExchangeError::PortUnreachable,
            &["127.0.0.1:53"],
        );
        local.notes.push(Note::LocalhostAskedOfDns);
        assert!(
            cause_words(&local).ends_with("--system resolves it as they do"),
            "{}",
            cause_words(&local)
        );
    }

    #[test]
    fn failures_with_one_cause_are_grouped_and_named_once() {
        let refused = ExchangeError::ConnectionRefused;
        let mut a = failed_with("a.test.", refused.clone(), &["127.0.0.1:53"]);
        a.record_type = RecordType::A;
        let mut aaaa = failed_with("a.test.", refused.clone(), &["127.0.0.1:53"]);
        aaaa.record_type = RecordType::AAAA;
        let mut other = failed_with("b.test.", refused, &["127.0.0.2:53"]);
        other.record_type = RecordType::MX;
        let outcomes = [a, aaaa, other];
        let groups = failure_groups(&outcomes, &[0, 1, 2]);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].who, "a.test. A, AAAA");
        assert_eq!(groups[0].members, [0, 1]);
        assert_eq!(groups[1].who, "b.test. MX");
    }
}
