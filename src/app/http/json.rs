//! The JSON of an exchange and of the server's log records: the domain's fields as they are,
//! with the reasons the domain keeps as values (a refusal, a failure, a verification) worded.

use serde::Serialize;

use crate::i18n;
use crate::net::http::client::{Exchange, TlsFacts};
use crate::net::http::server::{RequestLog, ServerEvent};
use crate::output::Render;

use super::words::{connection_failure, refusal, verification_text};

/// An exchange's fields for `--json`, in the order they have always had.
#[derive(Serialize)]
pub struct ExchangeJson<'a> {
    url: &'a str,
    resolved: &'a [std::net::IpAddr],
    peer: std::net::SocketAddr,
    local: std::net::SocketAddr,
    request_text: &'a str,
    half_closed: bool,
    tls: Option<TlsJson<'a>>,
    /// Interim 1xx responses that came before the final one.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    informational: &'a [crate::net::http::wire::ResponseHead],
    head: &'a crate::net::http::wire::ResponseHead,
    framing: &'a crate::net::http::wire::BodyFraming,
    body_bytes: usize,
    chunk_sizes: &'a [usize],
    chunk_count: usize,
    timings: &'a crate::net::http::client::Timings,
}

impl<'a> From<&'a Exchange> for ExchangeJson<'a> {
    fn from(e: &'a Exchange) -> Self {
        ExchangeJson {
            url: &e.url,
            resolved: &e.resolved,
            peer: e.peer,
            local: e.local,
            request_text: &e.request_text,
            half_closed: e.half_closed,
            tls: e.tls.as_ref().map(TlsJson::from),
            informational: &e.informational,
            head: &e.head,
            framing: &e.framing,
            body_bytes: e.body_bytes,
            chunk_sizes: &e.chunk_sizes,
            chunk_count: e.chunk_count,
            timings: &e.timings,
        }
    }
}

/// For `#[serde(flatten, serialize_with = …)]` on a report that holds an exchange.
pub fn exchange_fields<S: serde::Serializer>(e: &Exchange, s: S) -> Result<S::Ok, S::Error> {
    ExchangeJson::from(e).serialize(s)
}

#[derive(Serialize)]
struct TlsJson<'a> {
    version: &'a str,
    cipher_suite: &'a str,
    alpn: Option<&'a str>,
    chain: &'a [crate::net::tls::CertificateFacts],
    verified: bool,
    verification: String,
}

impl<'a> From<&'a TlsFacts> for TlsJson<'a> {
    fn from(tls: &'a TlsFacts) -> Self {
        TlsJson {
            version: &tls.version,
            cipher_suite: &tls.cipher_suite,
            alpn: tls.alpn.as_deref(),
            chain: &tls.chain,
            verified: tls.verified,
            verification: verification_text(i18n::language(), &tls.verification),
        }
    }
}

/// A server log record: the event as the domain serializes it, with the refusal of a request
/// (`note`) and the failure of a connection (`message`) worded in the run's language.
pub struct EventJson<'a>(pub &'a ServerEvent);

#[derive(Serialize)]
struct RequestJson<'a> {
    event: &'static str,
    #[serde(flatten)]
    log: &'a RequestLog,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(Serialize)]
struct ConnectionErrorJson<'a> {
    event: &'static str,
    conn: u64,
    peer: &'a std::net::SocketAddr,
    message: String,
}

impl Serialize for EventJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let lang = i18n::language();
        match self.0 {
            ServerEvent::Request(log) => RequestJson {
                event: "request",
                log,
                note: log.note.as_ref().map(|note| refusal(lang, note)),
            }
            .serialize(s),
            ServerEvent::ConnectionError {
                conn,
                peer,
                message,
            } => ConnectionErrorJson {
                event: "connection_error",
                conn: *conn,
                peer,
                message: connection_failure(lang, message),
            }
            .serialize(s),
            other => other.serialize(s),
        }
    }
}

impl Render for EventJson<'_> {
    fn render(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        self.0.render(out)
    }
}

/// For `#[serde(serialize_with = …)]` on a report that holds a server log.
pub fn event_list<S: serde::Serializer>(events: &[ServerEvent], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(events.iter().map(EventJson))
}
