//! What `netlearn dns` says about failures, attempts and notes, in the reader's language.
//! Every function takes the language, so tests can read both without a global switch.

use std::net::SocketAddr;
use std::time::Duration;

use hickory_resolver::net::NetError;
use hickory_resolver::proto::op::ResponseCode;

use crate::app::text::{system_error_in, t};
use crate::i18n::Lang;
use crate::net::dns::lookup::{Attempt, Cause, Ended, Failure, Note, Status};
use crate::net::dns::name::{NameProblem, QueryInputError, TypeProblem, record_type_name};
use crate::net::dns::server::{ServerSpecError, SpecProblem};
use crate::net::dns::system::{ConfigNote, ConfigSource, SystemConfigError};
use crate::net::dns::transport::{ExchangeError, Malformed, NoRoute, Transport};
use crate::output::words::duration;

/// Why DNS over HTTPS failed: the system's error when the connection failed, else hickory's
/// own words (English reads as hickory says it).
fn https_cause(lang: Lang, error: &NetError) -> String {
    match error {
        NetError::Io(io) => t!(lang, "dns-https-io", error = system_error_in(lang, io)),
        other => other.to_string(),
    }
}

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
        ExchangeError::Network(error) => system_error_in(lang, error),
        ExchangeError::Encode(error) => {
            t!(lang, "dns-cannot-encode", what = error.to_string())
        }
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
        ExchangeError::Https(error) => {
            t!(lang, "dns-https-failed", reason = https_cause(lang, error))
        }
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
            detail = detail.to_string()
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
        Ended::PassedOver(rcode) => status_word(lang, Status::Rcode(*rcode)),
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

/// Why a word of `netlearn dns WORD...` (or a `-t` type) cannot become a query.
pub fn query_input_error(lang: Lang, error: &QueryInputError) -> String {
    match error {
        QueryInputError::Name { input, problem } => {
            let reason = match problem {
                NameProblem::Empty => t!(lang, "dns-bad-name-empty"),
                NameProblem::NotPunycode => t!(lang, "dns-bad-name-idna"),
                NameProblem::EmptyLabel => t!(lang, "dns-bad-name-empty-label"),
                NameProblem::LabelTooLong(len) => {
                    t!(lang, "dns-bad-name-label-too-long", len = *len)
                }
                NameProblem::NameTooLong(len) => t!(lang, "dns-bad-name-too-long", len = *len),
                NameProblem::Invalid(library) => library.to_string(),
            };
            t!(
                lang,
                "dns-bad-name",
                input = format!("{input:?}"),
                reason = reason
            )
        }
        QueryInputError::RecordType { input, problem } => t!(
            lang,
            "dns-bad-type",
            input = format!("{input:?}"),
            reason = t!(
                lang,
                match problem {
                    TypeProblem::NumberTooLarge => "dns-bad-type-number",
                    TypeProblem::UnknownMnemonic => "dns-bad-type-mnemonic",
                    TypeProblem::ZoneTransfer => "dns-bad-type-zone-transfer",
                    TypeProblem::Opt => "dns-bad-type-opt",
                }
            )
        ),
        QueryInputError::Server(error) => server_spec_error(lang, error),
    }
}

/// Why a `@server` (or `--server`) cannot be asked; a bad spec says what to write instead.
pub fn server_spec_error(lang: Lang, error: &ServerSpecError) -> String {
    match error {
        ServerSpecError::Invalid { spec, problem } => t!(
            lang,
            "dns-bad-server",
            spec = format!("{spec:?}"),
            reason = t!(
                lang,
                match problem {
                    SpecProblem::NotHttps => "dns-bad-server-not-https",
                    SpecProblem::PortZero => "dns-bad-server-port-zero",
                    SpecProblem::PortNotNumber => "dns-bad-server-port-number",
                    SpecProblem::HostMissing => "dns-bad-server-host-missing",
                    SpecProblem::Ipv6WithoutBrackets => "dns-bad-server-ipv6",
                    SpecProblem::NotAHost => "dns-bad-server-not-host",
                }
            )
        ),
        ServerSpecError::Unresolvable { host, error } => t!(
            lang,
            "dns-server-unresolvable",
            host = format!("{host:?}"),
            reason = match error {
                Some(error) => system_error_in(lang, error),
                None => t!(lang, "dns-server-no-address"),
            }
        ),
    }
}

/// Why the system's resolver settings could not be read.
pub(crate) fn system_config_error(lang: Lang, error: &SystemConfigError) -> String {
    match error {
        SystemConfigError::Read { path, error } => t!(
            lang,
            "dns-resolv-conf-unreadable",
            path = path.display().to_string(),
            error = system_error_in(lang, error)
        ),
        SystemConfigError::Parse { source, reason } => t!(
            lang,
            "dns-settings-unusable",
            source = config_source(lang, source),
            reason = reason.to_string()
        ),
        #[cfg(not(unix))]
        SystemConfigError::FileOnlyOnUnix(path) => t!(
            lang,
            "dns-settings-unusable",
            source = path.display().to_string(),
            reason = t!(lang, "dns-resolv-conf-unix-only")
        ),
    }
}

/// A status as the report's STATUS cell and the `tried:` lines say it: a protocol response
/// code stays as the protocol names it (NXDOMAIN), with a short gloss where the language
/// needs one; netlearn's own words for a question no server answered (TIMEOUT, UNREACHABLE,
/// ERROR) are words of the language. JSON keeps [`Status::code`].
pub fn status_word(lang: Lang, status: Status) -> String {
    let id = match status {
        Status::Rcode(ResponseCode::NoError) => "dns-status-word-noerror",
        Status::NoData => "dns-status-word-nodata",
        Status::Rcode(ResponseCode::NXDomain) => "dns-status-word-nxdomain",
        Status::Rcode(ResponseCode::ServFail) => "dns-status-word-servfail",
        Status::Rcode(ResponseCode::Refused) => "dns-status-word-refused",
        Status::Rcode(ResponseCode::FormErr) => "dns-status-word-formerr",
        Status::Rcode(ResponseCode::NotImp) => "dns-status-word-notimp",
        Status::Rcode(_) => {
            return t!(lang, "dns-status-word-other", code = status.code());
        }
        Status::Timeout => "dns-status-word-timeout",
        Status::Unreachable => "dns-status-word-unreachable",
        Status::Error => "dns-status-word-error",
    };
    t!(lang, id)
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
    use crate::net::dns::name::QueryName;

    #[test]
    fn foreign_errors_read_as_before_in_english_and_in_japanese_in_japanese() {
        let reset = || std::io::Error::from_raw_os_error(libc::ECONNRESET);
        let doh = NetError::Io(std::sync::Arc::new(reset()));
        let said = doh.to_string();
        let (en, ja) = both(&ExchangeError::Https(doh.into()), exchange_error);
        assert_eq!(en, format!("DNS over HTTPS failed: {said}"));
        assert!(ja.contains("相手が接続をリセットしました"), "{ja}");
        let (en, ja) = both(&ExchangeError::Network(reset().into()), exchange_error);
        assert_eq!(en, reset().to_string());
        assert!(ja.starts_with("相手が接続をリセットしました"), "{ja}");
    }

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
        assert_eq!(both(&one, attempt).0, "no answer within 5\u{a0}s");
        let three = Attempt {
            count: 3,
            ..one.clone()
        };
        let (en, ja) = both(&three, attempt);
        assert_eq!(
            crate::output::spaces::plain(&en),
            "no answer in 15 s: 3 tries of 5 s"
        );
        assert!(
            ja.contains("15\u{a0}s") && ja.contains("5\u{a0}s") && ja.contains('3'),
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
            crate::output::spaces::plain(&en),
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
            ("SERVFAIL".into(), "SERVFAIL (サーバーの失敗)".into())
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
            crate::output::spaces::plain(&en),
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
        assert_eq!(
            crate::output::spaces::plain(&en),
            "answered from /etc/hosts"
        );
        assert!(ja.contains("/etc/hosts") && ja.contains("hosts"), "{ja}");
        let truncated = Note::TruncatedAskedOverTcp { payload: 1232 };
        let (en, ja) = both(&truncated, note);
        assert_eq!(
            crate::output::spaces::plain(&en),
            "the UDP answer was truncated (TC flag: more than 1232 bytes); asked again over TCP"
        );
        assert!(ja.contains("1232") && ja.contains("TCP"), "{ja}");

        let (en, ja) = both(&Status::Rcode(ResponseCode::NXDomain), |lang, s| {
            status_meaning(lang, *s)
        });
        assert_eq!(crate::output::spaces::plain(&en), "no such name");
        assert!(ja.contains("名前"), "{ja}");
    }

    /// Response codes stay as the protocol names them, glossed in Japanese; netlearn's own
    /// status words are Japanese in Japanese; English reads as the JSON codes.
    #[test]
    fn status_words_keep_rcodes_and_say_netlearns_own_words_in_the_language() {
        let all = [
            Status::NOERROR,
            Status::NoData,
            Status::Rcode(ResponseCode::NXDomain),
            Status::Rcode(ResponseCode::ServFail),
            Status::Rcode(ResponseCode::Refused),
            Status::Rcode(ResponseCode::FormErr),
            Status::Rcode(ResponseCode::NotImp),
            Status::Rcode(ResponseCode::YXDomain),
            Status::Timeout,
            Status::Unreachable,
            Status::Error,
        ];
        for status in all {
            let code = status.code();
            assert_eq!(status_word(Lang::En, status), code);
            let ja = status_word(Lang::Ja, status);
            if matches!(status, Status::Rcode(_) | Status::NoData) {
                assert!(ja.starts_with(&format!("{code} (")), "{ja}");
                assert!(!ja[code.len()..].is_ascii(), "{ja}");
            } else {
                assert!(!ja.contains(&code) && !ja.is_ascii(), "{ja}");
            }
        }
        assert_eq!(
            status_word(Lang::Ja, Status::Rcode(ResponseCode::NXDomain)),
            "NXDOMAIN (その名前はありません)"
        );
        assert_eq!(status_word(Lang::Ja, Status::Unreachable), "到達不能");
    }

    #[test]
    fn words_that_are_not_names_or_types_are_worded_in_both_languages() {
        let empty = QueryInputError::Name {
            input: String::new(),
            problem: NameProblem::Empty,
        };
        let (en, ja) = both(&empty, query_input_error);
        assert_eq!(
            crate::output::spaces::plain(&en),
            "\"\" is not a valid domain name: it is empty"
        );
        assert_eq!(ja, "\"\" はドメイン名として正しくありません: 空です");
        let idn = QueryInputError::Name {
            input: "a\u{1b}b".into(),
            problem: NameProblem::NotPunycode,
        };
        let (en, ja) = both(&idn, query_input_error);
        assert_eq!(
            crate::output::spaces::plain(&en),
            "\"a\\u{1b}b\" is not a valid domain name: it cannot be converted to punycode (IDNA)"
        );
        assert!(ja.contains("punycode") && ja.contains("a\\u{1b}b"), "{ja}");
        let empty = QueryName::parse("a..b").unwrap_err();
        let (en, ja) = both(&empty, query_input_error);
        assert_eq!(
            crate::output::spaces::plain(&en),
            "\"a..b\" is not a valid domain name: a label is empty (two dots in a row, or a dot first)"
        );
        assert!(
            ja.starts_with("\"a..b\" はドメイン名として正しくありません: "),
            "{ja}"
        );
        assert!(ja.contains("ラベル"), "{ja}");
        let long = format!("{}.test", "a".repeat(64));
        let (en, ja) = both(&QueryName::parse(&long).unwrap_err(), query_input_error);
        assert!(
            en.ends_with(": a label has 64\u{a0}bytes, at most 63 are allowed"),
            "{en}"
        );
        assert!(
            ja.contains("64\u{a0}バイト") && ja.contains("63\u{a0}バイト"),
            "{ja}"
        );
        assert!(QueryName::parse(".").is_ok());
        assert!(QueryName::parse("a.b.").is_ok());

        let axfr = QueryInputError::RecordType {
            input: "axfr".into(),
            problem: TypeProblem::ZoneTransfer,
        };
        let (en, ja) = both(&axfr, query_input_error);
        assert_eq!(
            crate::output::spaces::plain(&en),
            "\"axfr\" is not a record type netlearn can ask for: zone transfers are not lookups \
             (try A, AAAA, MX, TXT, ... or TYPE123)"
        );
        assert!(
            ja.starts_with("\"axfr\" は") && ja.contains("ゾーン転送") && ja.contains("TYPE123"),
            "{ja}"
        );
        for (problem, en_reason, ja_reason) in [
            (
                TypeProblem::NumberTooLarge,
                "type numbers go up to 65535",
                "65535 まで",
            ),
            (
                TypeProblem::UnknownMnemonic,
                "unknown mnemonic",
                "ありません",
            ),
            (
                TypeProblem::Opt,
                "OPT is the EDNS pseudo-record",
                "疑似レコード",
            ),
        ] {
            let error = QueryInputError::RecordType {
                input: "x".into(),
                problem,
            };
            let (en, ja) = both(&error, query_input_error);
            assert!(en.contains(en_reason), "{en}");
            assert!(ja.contains(ja_reason), "{ja}");
        }
    }

    #[test]
    fn a_bad_server_is_worded_with_what_to_write_in_japanese() {
        let zero = QueryInputError::Server(ServerSpecError::Invalid {
            spec: "127.0.0.1:0".into(),
            problem: SpecProblem::PortZero,
        });
        let (en, ja) = both(&zero, query_input_error);
        assert_eq!(
            crate::output::spaces::plain(&en),
            "\"127.0.0.1:0\" is not a server: port 0 is not a port a server listens on"
        );
        assert!(
            crate::output::spaces::plain(&ja)
                .starts_with("\"127.0.0.1:0\" はサーバーとして使えません: ポート 0"),
            "{ja}"
        );
        assert!(
            ja.contains("@127.0.0.1:5353") && ja.contains("@[::1]:53"),
            "{ja}"
        );
        for (problem, en_reason, ja_reason) in [
            (SpecProblem::NotHttps, "only https:// URLs", "https://"),
            (
                SpecProblem::PortNotNumber,
                "from 1 to 65535",
                "1 から 65535",
            ),
            (
                SpecProblem::HostMissing,
                "the host is missing",
                "ホストがありません",
            ),
            (SpecProblem::Ipv6WithoutBrackets, "as [::1]:53", "角かっこ"),
            (
                SpecProblem::NotAHost,
                "an address or a host name",
                "ホスト名",
            ),
        ] {
            let error = ServerSpecError::Invalid {
                spec: "x".into(),
                problem,
            };
            let (en, ja) = both(&error, server_spec_error);
            assert!(
                en.starts_with("\"x\" is not a server: ") && en.contains(en_reason),
                "{en}"
            );
            assert!(ja.contains(ja_reason), "{ja}");
        }
        let nowhere = ServerSpecError::Unresolvable {
            host: "dns.invalid".into(),
            error: None,
        };
        let (en, ja) = both(&nowhere, server_spec_error);
        assert_eq!(
            crate::output::spaces::plain(&en),
            "cannot find the server \"dns.invalid\": no address"
        );
        assert_eq!(
            ja,
            "サーバー \"dns.invalid\" が見つかりません: アドレスがありません"
        );
        let said = ServerSpecError::Unresolvable {
            host: "dns.invalid".into(),
            error: Some(std::io::Error::other("Name or service not known").into()),
        };
        assert!(
            both(&said, server_spec_error)
                .1
                .ends_with(": Name or service not known")
        );
    }

    #[test]
    fn unreadable_system_settings_are_worded_in_both_languages() {
        let read = SystemConfigError::Read {
            path: "/etc/resolv.conf".into(),
            error: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        };
        let (en, ja) = both(&read, system_config_error);
        assert_eq!(
            crate::output::spaces::plain(&en),
            "cannot read /etc/resolv.conf: permission denied"
        );
        assert_eq!(ja, "/etc/resolv.conf を読めません: permission denied");
        let parse = SystemConfigError::Parse {
            source: ConfigSource::System,
            reason: "no adapters".into(),
        };
        let (en, ja) = both(&parse, system_config_error);
        assert_eq!(
            crate::output::spaces::plain(&en),
            "cannot use the system's DNS settings (the operating system's network configuration): \
             no adapters"
        );
        assert!(
            ja.contains("オペレーティングシステムのネットワーク設定")
                && ja.ends_with("no adapters"),
            "{ja}"
        );
        let file = SystemConfigError::Parse {
            source: ConfigSource::File("/tmp/resolv.conf".into()),
            reason: "bad line".into(),
        };
        assert_eq!(
            both(&file, system_config_error).0,
            "cannot use the system's DNS settings (/tmp/resolv.conf): bad line"
        );
    }
}
