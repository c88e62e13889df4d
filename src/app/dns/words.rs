//! What `netlearn dns` says about failures, attempts and notes, in the reader's language.
//! Every function takes the language, so tests can read both without a global switch.

use std::net::SocketAddr;
use std::time::Duration;

use hickory_resolver::proto::op::ResponseCode;

use crate::app::text::t;
use crate::i18n::Lang;
use crate::net::dns::answer::rcode_name;
use crate::net::dns::lookup::{Attempt, Cause, Ended, Failure, Note, Status};
use crate::net::dns::name::record_type_name;
use crate::net::dns::system::{ConfigNote, ConfigSource};
use crate::net::dns::transport::{ExchangeError, Malformed, NoRoute, Transport};
use crate::output::words::duration;

/// Why one exchange failed.
pub fn exchange_error(lang: Lang, error: &ExchangeError) -> String {
    match error {
        ExchangeError::Timeout(limit) => t!(lang, "dns-timeout", limit = duration(*limit)),
        ExchangeError::PortUnreachable => t!(lang, "dns-port-unreachable"),
        ExchangeError::ConnectionRefused => t!(lang, "dns-connection-refused"),
        ExchangeError::NoRoute(kind) => no_route(lang, *kind),
        ExchangeError::TlsRejected(rejection) => t!(
            lang,
            "dns-tls-failed",
            reason = crate::app::tls_view::rejection_words(lang, rejection)
        ),
        ExchangeError::Network(what) => what.clone(),
        ExchangeError::Encode(what) => t!(lang, "dns-cannot-encode", what = what.as_str()),
        ExchangeError::QueryTooLong => t!(lang, "dns-query-too-long"),
        ExchangeError::ClosedWithoutAnswer => t!(lang, "dns-closed-without-answer"),
        ExchangeError::NoTlsSettings(Transport::Https) => {
            t!(
                lang,
                "dns-https-failed",
                reason = t!(lang, "dns-no-tls-settings")
            )
        }
        ExchangeError::NoTlsSettings(_) => {
            t!(
                lang,
                "dns-tls-failed",
                reason = t!(lang, "dns-no-tls-settings")
            )
        }
        ExchangeError::BadTlsName(name) => t!(
            lang,
            "dns-tls-failed",
            reason = t!(lang, "dns-bad-tls-name", name = format!("{name:?}"))
        ),
        ExchangeError::Https(what) => t!(lang, "dns-https-failed", reason = what.as_str()),
        ExchangeError::HttpsNoAnswer => {
            t!(
                lang,
                "dns-https-failed",
                reason = t!(lang, "dns-https-no-answer")
            )
        }
        ExchangeError::Malformed { what, detail } => t!(
            lang,
            "dns-malformed",
            what = malformed(lang, *what),
            detail = detail.as_str()
        ),
        ExchangeError::TruncatedRetryTimeout(limit) => {
            t!(
                lang,
                "dns-truncated-retry-timeout",
                limit = duration(*limit)
            )
        }
        ExchangeError::TruncatedRetryFailed(inner) => {
            t!(
                lang,
                "dns-truncated-retry-failed",
                reason = exchange_error(lang, inner)
            )
        }
    }
}

fn malformed(lang: Lang, what: Malformed) -> String {
    t!(
        lang,
        match what {
            Malformed::PointsForward => "dns-malformed-points-forward",
            Malformed::Overlapping => "dns-malformed-overlapping",
            Malformed::EndsInRecord => "dns-malformed-ends-in-record",
            Malformed::RdataLength => "dns-malformed-rdata-length",
            Malformed::NameTooLong => "dns-malformed-name-too-long",
            Malformed::UnknownLabel => "dns-malformed-unknown-label",
            Malformed::DuplicateEdns => "dns-malformed-duplicate-edns",
            Malformed::Other => "dns-malformed-other",
        }
    )
}

/// Which "no route" the system said.
pub fn no_route(lang: Lang, kind: NoRoute) -> String {
    match kind {
        NoRoute::Network => t!(lang, "dns-network-unreachable"),
        NoRoute::Host => t!(lang, "dns-host-unreachable"),
    }
}

/// How tries that ended alike ended, with the total when there were several (three
/// timeouts of 5 s are "no answer in 15 s: 3 tries of 5 s").
pub fn ended(lang: Lang, ended: &Ended, count: usize, timeout: Duration) -> String {
    let said = match ended {
        Ended::Failed(ExchangeError::Timeout(_)) if count > 1 => {
            let times = u32::try_from(count).unwrap_or(u32::MAX);
            return t!(
                lang,
                "dns-timeouts",
                total = duration(timeout.saturating_mul(times)),
                count = count,
                each = duration(timeout)
            );
        }
        Ended::Failed(error) => exchange_error(lang, error),
        Ended::PassedOver(rcode) => rcode_name(*rcode),
    };
    if count > 1 {
        t!(lang, "dns-tries", what = said, count = count)
    } else {
        said
    }
}

/// One group of attempts: what happened at that server.
pub fn attempt(lang: Lang, attempt: &Attempt) -> String {
    ended(lang, &attempt.ended, attempt.count, attempt.timeout)
}

/// The last failure at a server, said with where it happened.
pub fn cause(lang: Lang, cause: &Cause) -> String {
    at_server(
        lang,
        cause.server,
        cause.transport,
        &ended(
            lang,
            &Ended::Failed(cause.error.clone()),
            cause.count,
            cause.timeout,
        ),
    )
}

/// `127.0.0.1:53 over udp: what happened`.
pub fn at_server(lang: Lang, server: SocketAddr, transport: Transport, what: &str) -> String {
    t!(
        lang,
        "dns-at-server",
        server = server.to_string(),
        transport = transport.name(),
        what = what
    )
}

/// Why a question got no answer: the JSON's `error`.
pub fn failure(lang: Lang, failure: &Failure) -> String {
    match failure {
        Failure::NoServer => t!(lang, "dns-no-server"),
        Failure::NoName => t!(lang, "dns-no-name"),
        Failure::Exchange(exchange) => cause(lang, exchange),
    }
}

/// A note about how a question was answered.
pub fn note(lang: Lang, note: &Note) -> String {
    match note {
        Note::TruncatedAskedOverTcp { payload } => {
            t!(lang, "dns-note-truncated", payload = payload.to_string())
        }
        Note::FromHostsFile { path } => {
            t!(
                lang,
                "dns-note-hosts-file",
                path = path.display().to_string()
            )
        }
        Note::LocalhostLoopback { path, record_type } => t!(
            lang,
            "dns-note-localhost-loopback",
            path = path.display().to_string(),
            record_type = record_type_name(*record_type)
        ),
        Note::LocalhostFromHostsFile { path } => t!(
            lang,
            "dns-note-localhost-hosts-file",
            path = path.display().to_string()
        ),
        Note::HostsOverrideDns {
            path,
            server,
            dns_answers,
        } => t!(
            lang,
            "dns-note-hosts-override",
            path = path.display().to_string(),
            server = server.map_or("?".to_string(), |s| s.to_string()),
            answers = dns_answers.join(", ")
        ),
        Note::LocalhostAskedOfDns => t!(lang, "dns-note-localhost-asked"),
    }
}

/// Where the system's servers came from: a resolv.conf path, or the system's API.
pub fn config_source(lang: Lang, source: &ConfigSource) -> String {
    match source {
        ConfigSource::File(path) => path.display().to_string(),
        ConfigSource::System => t!(lang, "dns-source-system"),
    }
}

/// How the system's settings were read, when it matters.
pub fn config_note(lang: Lang, note: ConfigNote, source: &ConfigSource) -> String {
    match note {
        ConfigNote::NoNameserver => t!(
            lang,
            "dns-config-no-nameserver",
            source = config_source(lang, source)
        ),
    }
}

/// What a status means, in a few words.
pub fn status_meaning(lang: Lang, status: Status) -> String {
    t!(
        lang,
        match status {
            Status::Rcode(ResponseCode::NoError) => "dns-status-noerror",
            Status::NoData => "dns-status-nodata",
            Status::Rcode(ResponseCode::NXDomain) => "dns-status-nxdomain",
            Status::Rcode(ResponseCode::ServFail) => "dns-status-servfail",
            Status::Rcode(ResponseCode::Refused) => "dns-status-refused",
            Status::Rcode(ResponseCode::FormErr) => "dns-status-formerr",
            Status::Rcode(ResponseCode::NotImp) => "dns-status-notimp",
            _ => "dns-status-unusual",
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A wording in English and in Japanese.
    fn both<T>(value: &T, words: fn(Lang, &T) -> String) -> (String, String) {
        (words(Lang::En, value), words(Lang::Ja, value))
    }

    #[test]
    fn tries_that_end_alike_are_said_with_their_total_in_both_languages() {
        let five = Duration::from_secs(5);
        let one = Attempt {
            server: "127.0.0.1:53".parse().unwrap(),
            transport: Transport::Udp,
            ended: Ended::Failed(ExchangeError::Timeout(five)),
            count: 1,
            timeout: five,
        };
        assert_eq!(both(&one, attempt).0, "no answer within 5 s");
        let three = Attempt {
            count: 3,
            ..one.clone()
        };
        let (en, ja) = both(&three, attempt);
        assert_eq!(en, "no answer in 15 s: 3 tries of 5 s");
        assert!(
            ja.contains("15 s") && ja.contains("5 s") && ja.contains('3'),
            "{ja}"
        );
        assert!(ja.contains("応答"), "{ja}");
        let refused = Attempt {
            ended: Ended::Failed(ExchangeError::ConnectionRefused),
            count: 2,
            ..one.clone()
        };
        let (en, ja) = both(&refused, attempt);
        assert_eq!(
            en,
            "connection refused: nothing listens on that TCP port (2 tries)"
        );
        assert!(ja.contains("TCP") && ja.contains('2'), "{ja}");
        let servfail = Attempt {
            ended: Ended::PassedOver(ResponseCode::ServFail),
            count: 1,
            ..one
        };
        assert_eq!(
            both(&servfail, attempt),
            ("SERVFAIL".into(), "SERVFAIL".into())
        );
    }

    #[test]
    fn failures_and_notes_are_worded_in_both_languages() {
        let cause = Failure::Exchange(Cause {
            server: "127.0.0.1:53".parse().unwrap(),
            transport: Transport::Udp,
            error: ExchangeError::PortUnreachable,
            count: 1,
            timeout: Duration::from_secs(5),
            no_route_to_any: Vec::new(),
        });
        let (en, ja) = both(&cause, failure);
        assert_eq!(
            en,
            "127.0.0.1:53 over udp: port unreachable: the host answered with ICMP, nothing \
             listens on that UDP port"
        );
        assert!(
            ja.starts_with("127.0.0.1:53") && ja.contains("ICMP"),
            "{ja}"
        );
        assert_ne!(en, ja);

        let hosts = Note::FromHostsFile {
            path: "/etc/hosts".into(),
        };
        let (en, ja) = both(&hosts, note);
        assert_eq!(en, "answered from /etc/hosts");
        assert!(ja.contains("/etc/hosts") && ja.contains("hosts"), "{ja}");
        let truncated = Note::TruncatedAskedOverTcp { payload: 1232 };
        let (en, ja) = both(&truncated, note);
        assert_eq!(
            en,
            "the UDP answer was truncated (TC flag: more than 1232 bytes); asked again over TCP"
        );
        assert!(ja.contains("1232") && ja.contains("TCP"), "{ja}");

        let (en, ja) = both(&Status::Rcode(ResponseCode::NXDomain), |lang, s| {
            status_meaning(lang, *s)
        });
        assert_eq!(en, "no such name");
        assert!(ja.contains("名前"), "{ja}");
    }
}
