//! Runs a set of questions against DNS servers (or, with the system's rules, the hosts file
//! first) and records for each what came back, from where, over what, and how fast.

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use hickory_resolver::proto::op::{Edns, Message, Query, ResponseCode};
use hickory_resolver::proto::rr::{Name, RecordType};
use rustls::ClientConfig;
use serde::Serialize;

use super::answer::{RecordRow, rcode_name};
use super::name::QueryName;
use super::system::{self, HostsFile, SystemConfig};
use super::transport::{self, EDNS_PAYLOAD, ExchangeError, Server, Transport};

/// One thing to ask: a name and a record type (`reverse_of` for `-x` lookups).
#[derive(Clone, Debug)]
pub struct Question {
    pub name: QueryName,
    pub record_type: RecordType,
    pub reverse_of: Option<IpAddr>,
}

/// How to ask DNS.
#[derive(Clone, Debug)]
pub struct DnsSettings {
    /// Servers in the order they are tried.
    pub servers: Vec<Server>,
    pub transport: Transport,
    /// For one attempt at one server, connection included.
    pub timeout: Duration,
    /// Rounds over the server list.
    pub tries: usize,
    pub recursion_desired: bool,
    pub tls: Option<Arc<ClientConfig>>,
}

/// The application's way (getaddrinfo-like): hosts file first, then DNS with the search list.
#[derive(Clone, Debug)]
pub struct SystemRules {
    pub hosts: HostsFile,
    pub config: Option<SystemConfig>,
}

/// Where an answer came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Dns,
    HostsFile,
    /// RFC 6761: localhost names are answered with loopback without asking anyone.
    Rfc6761,
}

/// How one try at one server ended, when it did not give the final answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ended {
    Failed(ExchangeError),
    /// SERVFAIL or REFUSED, passed over for the next server.
    PassedOver(ResponseCode),
}

/// Attempts at one server that did not give the final answer and all ended the same way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    pub server: SocketAddr,
    pub transport: Transport,
    pub ended: Ended,
    /// How many tries ended this way.
    pub count: usize,
    /// The time each try had (three timeouts of 5 s are 15 s in all).
    pub timeout: Duration,
}

/// Why no server answered a question, typed so the command can say what to do next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cause {
    pub server: SocketAddr,
    pub transport: Transport,
    pub error: ExchangeError,
    /// Tries that ended this way at this server.
    pub count: usize,
    /// The time each try had.
    pub timeout: Duration,
    /// Set when every server failed for want of a route: then it is this machine that is
    /// cut off, not one server that is down.
    pub no_route_to_any: Vec<SocketAddr>,
}

/// How a question ended: the response code a server sent (NOERROR only with records of the
/// type asked), NODATA, or why no server answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// A server answered with this code; NOERROR means records of the asked type came back.
    Rcode(ResponseCode),
    /// NOERROR without a record of the type asked: the name exists, the type does not.
    NoData,
    Timeout,
    Unreachable,
    Error,
}

impl Status {
    pub const NOERROR: Status = Status::Rcode(ResponseCode::NoError);

    /// The code as dig and the JSON write it: NOERROR, NXDOMAIN, ..., NODATA, TIMEOUT,
    /// UNREACHABLE, ERROR.
    pub fn code(self) -> String {
        match self {
            Status::Rcode(code) => rcode_name(code),
            Status::NoData => "NODATA".to_string(),
            Status::Timeout => "TIMEOUT".to_string(),
            Status::Unreachable => "UNREACHABLE".to_string(),
            Status::Error => "ERROR".to_string(),
        }
    }
}

/// Why a question got no answer from any server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The server list was empty.
    NoServer,
    /// The search list left no name that DNS accepts.
    NoName,
    /// Every server failed; this is the last failure (the most telling one).
    Exchange(Cause),
}

/// Something worth knowing about how a question was answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// The UDP answer had the TC flag (it was larger than the payload invited) and the
    /// question was asked again over TCP.
    TruncatedAskedOverTcp { payload: u16 },
    /// The hosts file answered.
    FromHostsFile { path: PathBuf },
    /// A localhost name the hosts file has no line of this type for: RFC 6761 loopback.
    LocalhostLoopback {
        path: PathBuf,
        record_type: RecordType,
    },
    /// A localhost name the hosts file answered; it is never sent to DNS.
    LocalhostFromHostsFile { path: PathBuf },
    /// The hosts file answers otherwise than DNS does for this name.
    HostsOverrideDns {
        path: PathBuf,
        server: Option<SocketAddr>,
        dns_answers: Vec<String>,
    },
    /// A localhost name asked of DNS: no application would do that.
    LocalhostAskedOfDns,
}

/// Everything known about one question after asking it.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub name: String,
    pub name_unicode: Option<String>,
    pub record_type: RecordType,
    /// The name actually asked (differs from `name` when the search list added a domain).
    pub asked: String,
    pub status: Status,
    /// The response code as the server sent it, when one answered.
    pub rcode: Option<ResponseCode>,
    pub source: Source,
    /// The server that answered (or, on failure, the last one tried).
    pub server: Option<SocketAddr>,
    pub transport: Option<Transport>,
    /// The UDP answer was truncated (TC bit) and the question was asked again over TCP.
    pub tcp_after_truncation: bool,
    /// Query time: from sending to the answer, connection set-up included.
    pub elapsed: Duration,
    /// Size of the answer on the wire, in bytes.
    pub size: Option<usize>,
    /// Header flags of the answer (qr, aa, tc, rd, ra, ad, cd).
    pub flags: Vec<&'static str>,
    pub answers: Vec<RecordRow>,
    pub authority: Vec<RecordRow>,
    /// Why no server answered, when none did.
    pub failure: Option<Failure>,
    /// Attempts before the final one: timeouts, unreachable servers, refusals.
    pub tried: Vec<Attempt>,
    pub notes: Vec<Note>,
}

impl Outcome {
    /// True when the question got at least one record of the type asked for.
    pub fn found(&self) -> bool {
        self.status == Status::NOERROR
    }

    fn blank(question: &Question, asked: &str, source: Source) -> Outcome {
        Outcome {
            name: question.name.ascii.clone(),
            name_unicode: question
                .name
                .is_idn()
                .then(|| question.name.unicode.clone()),
            record_type: question.record_type,
            asked: asked.to_string(),
            status: Status::Error,
            rcode: None,
            source,
            server: None,
            transport: None,
            tcp_after_truncation: false,
            elapsed: Duration::ZERO,
            size: None,
            flags: Vec::new(),
            answers: Vec::new(),
            authority: Vec::new(),
            failure: None,
            tried: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// Questions asked at once. Each holds a socket (and over TCP a connection) while it waits,
/// so thousands at once run out of file descriptors; 64 keeps a long list fast and the
/// descriptors bounded.
pub const IN_FLIGHT: usize = 64;

/// Asks every question, at most [`IN_FLIGHT`] at a time, and returns the outcomes in
/// question order.
pub async fn lookup_all(
    questions: &[Question],
    dns: &DnsSettings,
    system: Option<&SystemRules>,
) -> Vec<Outcome> {
    use futures_util::StreamExt;
    let work = questions.iter().map(|question| async move {
        match system {
            Some(rules) => lookup_system(question, dns, rules).await,
            None => ask_dns(question, &question.name.name, dns).await,
        }
    });
    futures_util::stream::iter(work)
        .buffered(IN_FLIGHT)
        .collect()
        .await
}

/// Builds the query message: a random ID, RD as asked, EDNS(0) with a 1232-byte payload.
pub fn build_query(name: &Name, record_type: RecordType, recursion_desired: bool) -> Message {
    let mut message = Message::query();
    message.metadata.recursion_desired = recursion_desired;
    message.add_query(Query::query(name.clone(), record_type));
    let mut edns = Edns::new();
    edns.set_max_payload(EDNS_PAYLOAD);
    message.set_edns(edns);
    message
}

/// Tries at one server over one transport that ended the same way, in the order first seen.
#[derive(Clone, Debug)]
struct Group {
    server: SocketAddr,
    transport: Transport,
    ended: Ended,
    count: usize,
}

impl Group {
    fn attempt(&self, timeout: Duration) -> Attempt {
        Attempt {
            server: self.server,
            transport: self.transport,
            ended: self.ended.clone(),
            count: self.count,
            timeout,
        }
    }
}

/// Adds one try to its group (same server, transport and ending), or starts a group.
fn record(groups: &mut Vec<Group>, server: SocketAddr, transport: Transport, ended: Ended) {
    match groups
        .iter_mut()
        .find(|g| g.server == server && g.transport == transport && g.ended == ended)
    {
        Some(group) => group.count += 1,
        None => groups.push(Group {
            server,
            transport,
            ended,
            count: 1,
        }),
    }
}

/// Asks DNS for `asked` (the question's name, or a search-list form of it): each round
/// goes through the servers in order; a server that is unreachable is not asked again, and
/// SERVFAIL or REFUSED moves on to the next server when there is one. Tries that end the
/// same way are counted, not repeated: each cause is said once, with its total.
async fn ask_dns(question: &Question, asked: &Name, dns: &DnsSettings) -> Outcome {
    let mut outcome = Outcome::blank(question, &asked.to_ascii(), Source::Dns);
    let query = build_query(asked, question.record_type, dns.recursion_desired);
    let mut dead: BTreeSet<usize> = BTreeSet::new();
    let mut groups: Vec<Group> = Vec::new();
    // Group indexes of the last failure, and the last passed-over answer.
    let mut last_failure: Option<usize> = None;
    let mut last_no_route: Option<usize> = None;
    let mut fallback: Option<(Outcome, usize)> = None;
    for _round in 0..dns.tries.max(1) {
        for (index, server) in dns.servers.iter().enumerate() {
            if dead.contains(&index) {
                continue;
            }
            match transport::exchange(server, dns.transport, &query, dns.timeout, dns.tls.as_ref())
                .await
            {
                Ok(exchanged) => {
                    let mut answered = outcome.clone();
                    fill_from_response(&mut answered, question.record_type, &exchanged);
                    answered.server = Some(server.addr);
                    let rcode = exchanged.response.metadata.response_code;
                    let try_next = matches!(rcode, ResponseCode::ServFail | ResponseCode::Refused)
                        && dns.servers.len() > 1;
                    if !try_next {
                        answered.tried = groups.iter().map(|g| g.attempt(dns.timeout)).collect();
                        return answered;
                    }
                    let ended = Ended::PassedOver(rcode);
                    record(&mut groups, server.addr, exchanged.transport, ended.clone());
                    let at = groups
                        .iter()
                        .position(|g| g.server == server.addr && g.ended == ended)
                        .unwrap_or(0);
                    fallback = Some((answered, at));
                }
                Err(error) => {
                    if matches!(
                        error,
                        ExchangeError::PortUnreachable
                            | ExchangeError::ConnectionRefused
                            | ExchangeError::NoRoute(_)
                            | ExchangeError::BadTlsName(_)
                            | ExchangeError::NoTlsSettings(_)
                            | ExchangeError::TlsRejected(_)
                    ) {
                        dead.insert(index);
                    }
                    let no_route = matches!(error, ExchangeError::NoRoute(_));
                    let ended = Ended::Failed(error);
                    record(&mut groups, server.addr, dns.transport, ended.clone());
                    let at = groups
                        .iter()
                        .position(|g| g.server == server.addr && g.ended == ended);
                    // A server without a route (an IPv6 one on an IPv4-only machine) is
                    // not the news when another server failed some other way.
                    if no_route {
                        last_no_route = at;
                    } else {
                        last_failure = at;
                    }
                }
            }
        }
    }
    // The final answer or error is said on its own; `tried` keeps the other groups.
    let others = |skip: usize| -> Vec<Attempt> {
        groups
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, g)| g.attempt(dns.timeout))
            .collect()
    };
    if let Some((mut answered, at)) = fallback {
        answered.tried = others(at);
        return answered;
    }
    let Some(last) = last_failure
        .or(last_no_route)
        .and_then(|i| groups.get(i).map(|g| (i, g.clone())))
    else {
        outcome.status = Status::Error;
        outcome.failure = Some(Failure::NoServer);
        return outcome;
    };
    let (at, group) = last;
    let Ended::Failed(error) = &group.ended else {
        return outcome;
    };
    outcome.status = match error {
        ExchangeError::Timeout(_) | ExchangeError::TruncatedRetryTimeout(_) => Status::Timeout,
        ExchangeError::PortUnreachable
        | ExchangeError::ConnectionRefused
        | ExchangeError::NoRoute(_) => Status::Unreachable,
        _ => Status::Error,
    };
    let no_route = |g: &Group| matches!(g.ended, Ended::Failed(ExchangeError::NoRoute(_)));
    let no_route_to_any = if groups.iter().all(no_route) {
        let mut servers: Vec<SocketAddr> = Vec::new();
        for group in &groups {
            if !servers.contains(&group.server) {
                servers.push(group.server);
            }
        }
        servers
    } else {
        Vec::new()
    };
    outcome.server = Some(group.server);
    outcome.transport = Some(group.transport);
    outcome.tried = others(at);
    outcome.failure = Some(Failure::Exchange(Cause {
        server: group.server,
        transport: group.transport,
        error: error.clone(),
        count: group.count,
        timeout: dns.timeout,
        no_route_to_any,
    }));
    outcome
}

/// The outcome a response gives a question of `asked_type` (used by the fuzz targets).
pub fn outcome_of_response(response: Message, asked_type: RecordType) -> Outcome {
    let question = Question {
        name: QueryName::from_name(Name::root()),
        record_type: asked_type,
        reverse_of: None,
    };
    let mut outcome = Outcome::blank(&question, ".", Source::Dns);
    let exchanged = transport::Exchanged {
        size: 0,
        response,
        transport: Transport::Udp,
        tcp_after_truncation: false,
        elapsed: Duration::ZERO,
    };
    fill_from_response(&mut outcome, asked_type, &exchanged);
    outcome
}

fn fill_from_response(
    outcome: &mut Outcome,
    asked_type: RecordType,
    exchanged: &transport::Exchanged,
) {
    let response = &exchanged.response;
    let meta = &response.metadata;
    outcome.answers = response.answers.iter().map(RecordRow::of).collect();
    outcome.authority = response.authorities.iter().map(RecordRow::of).collect();
    let has_asked_type = response
        .answers
        .iter()
        .any(|r| asked_type == RecordType::ANY || r.record_type() == asked_type);
    outcome.status = if meta.response_code == ResponseCode::NoError && !has_asked_type {
        Status::NoData
    } else {
        Status::Rcode(meta.response_code)
    };
    outcome.rcode = Some(meta.response_code);
    outcome.transport = Some(exchanged.transport);
    outcome.tcp_after_truncation = exchanged.tcp_after_truncation;
    outcome.elapsed = exchanged.elapsed;
    outcome.size = Some(exchanged.size);
    outcome.flags = [
        ("qr", true),
        ("aa", meta.authoritative),
        ("tc", meta.truncation),
        ("rd", meta.recursion_desired),
        ("ra", meta.recursion_available),
        ("ad", meta.authentic_data),
        ("cd", meta.checking_disabled),
    ]
    .into_iter()
    .filter_map(|(flag, set)| set.then_some(flag))
    .collect();
    if exchanged.tcp_after_truncation {
        outcome.notes.push(Note::TruncatedAskedOverTcp {
            payload: EDNS_PAYLOAD,
        });
    }
}

/// The application's way: localhost is loopback (RFC 6761), then the hosts file, then DNS
/// with the search list, like the C library's resolver.
async fn lookup_system(question: &Question, dns: &DnsSettings, rules: &SystemRules) -> Outcome {
    let ascii = question.name.ascii.as_str();
    let hosts_path = &rules.hosts.path;
    if let Some(addr) = question.reverse_of {
        let names = rules.hosts.names(addr);
        if question.record_type == RecordType::PTR && !names.is_empty() {
            let mut outcome = Outcome::blank(question, ascii, Source::HostsFile);
            outcome.answers = names
                .iter()
                .map(|host| hosts_row(ascii, RecordType::PTR, host.clone()))
                .collect();
            outcome.status = Status::NOERROR;
            outcome.notes.push(Note::FromHostsFile {
                path: hosts_path.clone(),
            });
            return outcome;
        }
    }
    let from_hosts = rules.hosts.addresses(ascii, question.record_type);
    if system::is_localhost(ascii)
        && let Some(loopback) = system::localhost_address(question.record_type)
    {
        let (source, addrs, note) = if from_hosts.is_empty() {
            (
                Source::Rfc6761,
                vec![loopback],
                Note::LocalhostLoopback {
                    path: hosts_path.clone(),
                    record_type: question.record_type,
                },
            )
        } else {
            (
                Source::HostsFile,
                from_hosts,
                Note::LocalhostFromHostsFile {
                    path: hosts_path.clone(),
                },
            )
        };
        let mut outcome = address_outcome(question, source, &addrs);
        outcome.notes.push(note);
        return outcome;
    }
    if !from_hosts.is_empty() {
        let mut outcome = address_outcome(question, Source::HostsFile, &from_hosts);
        outcome.notes.push(Note::FromHostsFile {
            path: hosts_path.clone(),
        });
        // Would DNS have said something else? Then the hosts file is overriding it.
        let dns_view = ask_dns(question, &question.name.name, dns).await;
        let dns_addrs: Vec<String> = dns_view
            .answers
            .iter()
            .filter(|row| row.record_type == outcome.record_type)
            .map(|row| row.data.clone())
            .collect();
        let hosts_addrs: BTreeSet<String> = from_hosts.iter().map(IpAddr::to_string).collect();
        if !dns_addrs.is_empty() && dns_addrs.iter().any(|a| !hosts_addrs.contains(a)) {
            outcome.notes.push(Note::HostsOverrideDns {
                path: hosts_path.clone(),
                server: dns_view.server,
                dns_answers: dns_addrs,
            });
        }
        return outcome;
    }
    let candidates = match &rules.config {
        Some(config) => system::search_candidates(ascii, question.name.typed_absolute, config),
        None => vec![question.name.ascii.clone()],
    };
    let mut best: Option<Outcome> = None;
    for candidate in candidates {
        let Ok(name) = Name::from_ascii(&candidate) else {
            continue;
        };
        let outcome = ask_dns(question, &name, dns).await;
        let nxdomain = Status::Rcode(ResponseCode::NXDomain);
        match outcome.status {
            status if status == nxdomain => {
                best.get_or_insert(outcome);
            }
            // No data here: remember it (it beats NXDOMAIN), keep searching as the C library does.
            Status::NoData => {
                if best.as_ref().is_none_or(|b| b.status == nxdomain) {
                    best = Some(outcome);
                }
            }
            _ => return outcome,
        }
    }
    best.unwrap_or_else(|| {
        let mut outcome = Outcome::blank(question, ascii, Source::Dns);
        outcome.status = Status::Error;
        outcome.failure = Some(Failure::NoName);
        outcome
    })
}

fn address_outcome(question: &Question, source: Source, addrs: &[IpAddr]) -> Outcome {
    let mut outcome = Outcome::blank(question, &question.name.ascii, source);
    outcome.answers = addrs
        .iter()
        .map(|addr| hosts_row(&question.name.ascii, question.record_type, addr.to_string()))
        .collect();
    outcome.status = Status::NOERROR;
    outcome
}

fn hosts_row(name: &str, record_type: RecordType, data: String) -> RecordRow {
    RecordRow {
        name: name.to_string(),
        name_unicode: None,
        record_type,
        ttl: 0,
        data,
        strings: None,
    }
}

/// The questions of a run that failed, by index: no server answered, or answered with an
/// error code (NXDOMAIN, SERVFAIL, REFUSED, ...), or a name none of whose types had data
/// (NODATA). NODATA for one type of a name that has another (an IPv4-only host's AAAA) is
/// not a failure.
pub fn failed(outcomes: &[Outcome]) -> Vec<usize> {
    let name_found = |name: &str| outcomes.iter().any(|o| o.name == name && o.found());
    outcomes
        .iter()
        .enumerate()
        .filter(|(_, o)| match o.status {
            Status::NoData => !name_found(&o.name),
            status => status != Status::NOERROR,
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(name: &str, record_type: &str, status: Status) -> Outcome {
        let question = Question {
            name: QueryName::parse(name).unwrap(),
            record_type: super::super::name::parse_record_type(record_type).unwrap(),
            reverse_of: None,
        };
        let mut o = Outcome::blank(&question, name, Source::Dns);
        o.status = status;
        o.server = "127.0.0.1:53".parse().ok();
        o
    }

    #[test]
    fn nodata_fails_only_when_the_name_has_no_data_at_all() {
        let v4_only = [
            outcome("a.test", "A", Status::NOERROR),
            outcome("a.test", "AAAA", Status::NoData),
        ];
        assert!(failed(&v4_only).is_empty());
        let mx_missing = [outcome("a.test", "MX", Status::NoData)];
        assert_eq!(failed(&mx_missing), [0]);
        let mixed = [
            outcome("nx.test", "A", Status::Rcode(ResponseCode::NXDomain)),
            outcome("a.test", "A", Status::NOERROR),
            outcome("t.test", "A", Status::Timeout),
        ];
        assert_eq!(failed(&mixed), [0, 2]);
    }

    fn group(ended: Ended, count: usize) -> Group {
        Group {
            server: "127.0.0.1:53".parse().unwrap(),
            transport: Transport::Udp,
            ended,
            count,
        }
    }

    #[test]
    fn tries_that_end_alike_are_counted_with_their_total() {
        let five = Duration::from_secs(5);
        let attempt = group(Ended::Failed(ExchangeError::Timeout(five)), 3).attempt(five);
        assert_eq!(attempt.count, 3);
        assert_eq!(attempt.timeout, five);
        let mut groups = Vec::new();
        let a: SocketAddr = "127.0.0.1:53".parse().unwrap();
        let b: SocketAddr = "127.0.0.2:53".parse().unwrap();
        for server in [a, b, a, b] {
            record(
                &mut groups,
                server,
                Transport::Udp,
                Ended::Failed(ExchangeError::Timeout(five)),
            );
        }
        assert_eq!(groups.len(), 2);
        assert!(groups.iter().all(|g| g.count == 2));
    }
}
