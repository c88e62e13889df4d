//! What the http family says about a URL that is not a target, an exchange that failed, a
//! response that cannot be read, and the server's refusals and pages, in the reader's
//! language. Every function takes the language, so tests read both without a global switch.

use crate::app::text::{system_error_in, t};
use crate::i18n::Lang;
use crate::net::http::client::{Closed, HttpError, Phase, TlsFailure, Verification};
use crate::net::http::server::{
    ConnectionFailure, ErrorPage, FileKind, Pages, PathRefusal, Refusal,
};
use crate::net::http::target::TargetError;
use crate::net::http::wire::{ChunkError, HeadError, WireError};
use crate::output::escape::{quote_line, terminal_safe};

/// A byte count the way a limit is written: `64 KiB`, `64 MiB`, or plain bytes (the binary
/// unit symbols read the same in every language).
pub fn size(lang: Lang, n: u64) -> String {
    for (unit, size) in [("GiB", 1u64 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] {
        if n >= size && n.is_multiple_of(size) {
            return format!("{}\u{a0}{unit}", n / size);
        }
    }
    t!(lang, "http-size-bytes", n = n.to_string())
}

/// Why a URL is not an http:// or https:// target.
pub fn target_error(lang: Lang, error: &TargetError) -> String {
    match error {
        TargetError::Invalid { url, reason } => t!(
            lang,
            "http-target-invalid",
            url = format!("{url:?}"),
            reason = reason.to_string()
        ),
        TargetError::Scheme { url, scheme } => t!(
            lang,
            "http-target-scheme",
            url = format!("{url:?}"),
            scheme = scheme.as_str()
        ),
        TargetError::NoHost { url } => t!(lang, "http-target-no-host", url = format!("{url:?}")),
    }
}

/// Why a response cannot be read. Text from the peer is quoted with its control characters
/// escaped.
pub fn wire_error(lang: Lang, error: &WireError) -> String {
    let limit = |limit: usize| size(lang, limit as u64);
    match error {
        WireError::BadHead(reason) => {
            t!(lang, "http-wire-bad-head", reason = bad_head(lang, *reason))
        }
        WireError::HeadTooLarge { limit: n } => {
            t!(lang, "http-wire-head-too-large", limit = limit(*n))
        }
        WireError::TooManyInterim { limit } => {
            t!(
                lang,
                "http-wire-too-many-interim",
                limit = limit.to_string()
            )
        }
        WireError::BadLength(value) => t!(lang, "http-wire-bad-length", value = quote_line(value)),
        WireError::ConflictingLength(first, second) => t!(
            lang,
            "http-wire-conflicting-length",
            first = quote_line(first),
            second = quote_line(second)
        ),
        WireError::BodyTooLarge { limit } => {
            t!(lang, "http-wire-body-too-large", limit = size(lang, *limit))
        }
        WireError::ChunkExtensionsTooLarge { limit: n } => {
            t!(
                lang,
                "http-wire-chunk-extensions-too-large",
                limit = limit(*n)
            )
        }
        WireError::TrailersTooLarge { limit: n } => {
            t!(lang, "http-wire-trailers-too-large", limit = limit(*n))
        }
        WireError::BadChunk(problem) => t!(
            lang,
            "http-wire-bad-chunk",
            problem = chunk_error(lang, problem)
        ),
    }
}

fn chunk_error(lang: Lang, error: &ChunkError) -> String {
    match error {
        ChunkError::DataWithoutCrlf => t!(lang, "http-chunk-data-without-crlf"),
        ChunkError::LineWithoutCrlf => t!(lang, "http-chunk-line-without-crlf"),
        ChunkError::SizeLineTooLong { limit } => t!(
            lang,
            "http-chunk-size-line-too-long",
            limit = size(lang, *limit as u64)
        ),
        ChunkError::NotHex(size) => t!(lang, "http-chunk-not-hex", size = quote_line(size)),
    }
}

/// The step of an exchange, as a timeout names it.
pub fn phase(lang: Lang, phase: Phase) -> String {
    let id = match phase {
        Phase::Resolving => "http-phase-resolving",
        Phase::Connecting => "http-phase-connecting",
        Phase::TlsHandshake => "http-phase-tls-handshake",
        Phase::SendingRequest => "http-phase-sending-request",
        Phase::HalfClosing => "http-phase-half-closing",
        Phase::WaitingForResponse => "http-phase-waiting-for-response",
        Phase::ReadingBody => "http-phase-reading-body",
    };
    t!(lang, id)
}

fn closed(lang: Lang, closed: Closed) -> String {
    match closed {
        Closed::BeforeOpen => t!(lang, "http-closed-before-open"),
        Closed::BeforeHead { received } => t!(
            lang,
            "http-closed-before-head",
            received = received.to_string()
        ),
        Closed::InBody { received, promised } => t!(
            lang,
            "http-closed-in-body",
            received = received.to_string(),
            promised = promised.to_string()
        ),
        Closed::InChunkedBody => t!(lang, "http-closed-in-chunked-body"),
    }
}

/// Why an exchange failed, in one line (not yet escaped for a terminal: names and errors in
/// it may have come from the network).
pub fn http_error(lang: Lang, error: &HttpError) -> String {
    match error {
        HttpError::Resolve { host, error } => t!(
            lang,
            "http-resolve",
            host = host.as_str(),
            error = system_error_in(lang, error)
        ),
        HttpError::NoAddresses { host } => t!(lang, "http-no-addresses", host = host.as_str()),
        HttpError::Connect { addr, error } => {
            let reason = if error.kind() == std::io::ErrorKind::ConnectionRefused {
                t!(lang, "http-connection-refused")
            } else {
                system_error_in(lang, error)
            };
            t!(
                lang,
                "http-connect",
                addr = addr.to_string(),
                reason = reason
            )
        }
        HttpError::Timeout { phase: p, after } => t!(
            lang,
            "http-timeout",
            phase = phase(lang, *p),
            after = crate::app::echo::words::duration_in(lang, *after)
        ),
        HttpError::Deadline { phase: p, limit } => t!(
            lang,
            "http-deadline",
            phase = phase(lang, *p),
            limit = crate::app::echo::words::duration_in(lang, *limit)
        ),
        HttpError::Tls { host, failure } => tls_failure_text_in(lang, host, failure),
        HttpError::SpeaksTls { addr, suggestion } | HttpError::NotTls { addr, suggestion } => {
            let id = match error {
                HttpError::SpeaksTls { .. } => "http-speaks-tls",
                _ => "http-not-tls",
            };
            t!(
                lang,
                id,
                addr = addr.to_string(),
                suggestion = suggestion.as_str()
            )
        }
        HttpError::Wire(error) => wire_error(lang, error),
        HttpError::Closed(at) => closed(lang, *at),
        HttpError::Io(error) => t!(lang, "http-network", error = system_error_in(lang, error)),
    }
}

/// The flag that changes the limit an error reached, if one does.
pub fn limit_flag(error: &HttpError) -> Option<&'static str> {
    match error {
        HttpError::Wire(WireError::BodyTooLarge { .. }) => Some("--max-body"),
        HttpError::Deadline { .. } => Some("--max-time"),
        HttpError::Timeout { .. } => Some("--timeout"),
        _ => None,
    }
}

/// An error with the flag that changes its limit, when one does.
pub fn http_error_with_flag(lang: Lang, error: &HttpError) -> String {
    let text = http_error(lang, error);
    match limit_flag(error) {
        Some(flag) => t!(lang, "http-flag-changes-it", error = text, flag = flag),
        None => text,
    }
}

/// Why a request path was refused.
pub fn path_refusal(lang: Lang, refusal: PathRefusal) -> String {
    match refusal {
        PathRefusal::BadEncoding => t!(lang, "http-path-bad-encoding"),
        PathRefusal::Traversal => t!(lang, "http-path-traversal"),
        PathRefusal::ForbiddenCharacter => t!(lang, "http-path-forbidden-character"),
    }
}

fn file_kind(lang: Lang, kind: FileKind) -> String {
    let id = match kind {
        FileKind::Fifo => "http-kind-fifo",
        FileKind::CharDevice => "http-kind-char-device",
        FileKind::BlockDevice => "http-kind-block-device",
        FileKind::Socket => "http-kind-socket",
        FileKind::Other => "http-kind-other",
        FileKind::DirectoryForFile => "http-kind-directory-for-file",
    };
    t!(lang, id)
}

/// Where a response head stops being HTTP (httparse's finding).
fn bad_head(lang: Lang, error: HeadError) -> String {
    let id = match error {
        HeadError::HeaderName => "http-head-header-name",
        HeadError::HeaderValue => "http-head-header-value",
        HeadError::NewLine => "http-head-new-line",
        HeadError::Status => "http-head-status",
        HeadError::Token => "http-head-token",
        HeadError::TooManyHeaders => "http-head-too-many-headers",
        HeadError::Version => "http-head-version",
    };
    t!(lang, id)
}

/// Why the server refused a request, as its log says it (the operating system's error for a
/// file or directory it could not read).
pub fn refusal(lang: Lang, refusal: &Refusal) -> String {
    match refusal {
        Refusal::Path(path) => path_refusal(lang, *path),
        Refusal::LinkOutside => t!(lang, "http-refused-link-outside"),
        Refusal::NotRegular(kind) => {
            t!(
                lang,
                "http-refused-not-regular",
                kind = file_kind(lang, *kind)
            )
        }
        Refusal::CannotRead(os) | Refusal::CannotList(os) => system_error_in(lang, os),
    }
}

/// Why a connection to the server ended in an error.
pub fn connection_failure(lang: Lang, failure: &ConnectionFailure) -> String {
    match failure {
        ConnectionFailure::TlsHandshakeTimeout => t!(lang, "http-conn-tls-timeout"),
        // rustls's own words when TLS refused, the system's error when the connection failed.
        ConnectionFailure::TlsHandshake(error) => t!(
            lang,
            "http-conn-tls-failed",
            error = system_error_in(lang, error)
        ),
        ConnectionFailure::Http(error) => hyper_failure(lang, error),
    }
}

/// What hyper found wrong with a connection: the usual ways a request goes wrong in words
/// (English as hyper says it), anything else in hyper's own.
fn hyper_failure(lang: Lang, error: &hyper::Error) -> String {
    if error.is_incomplete_message() {
        t!(lang, "http-conn-incomplete")
    } else if error.is_parse_too_large() {
        t!(lang, "http-conn-head-too-large", what = error.to_string())
    } else if error.is_timeout() {
        t!(lang, "http-conn-head-timeout", what = error.to_string())
    } else if error.is_parse() {
        t!(lang, "http-conn-malformed", what = error.to_string())
    } else {
        error.to_string()
    }
}

/// The line under an error page's status line: what a browser shows.
pub fn error_detail(lang: Lang, page: ErrorPage<'_>) -> String {
    match page {
        ErrorPage::MethodNotAllowed => t!(lang, "http-page-method-not-allowed"),
        ErrorPage::NotFound => t!(lang, "http-page-not-found"),
        ErrorPage::AddSlash => t!(lang, "http-page-add-slash"),
        ErrorPage::RangeNotSatisfiable { len } => {
            t!(lang, "http-page-range", len = len.to_string())
        }
        // The operating system's error stays in the log: the client learns only what failed.
        ErrorPage::Refused(Refusal::CannotRead(_)) => t!(lang, "http-page-cannot-read"),
        ErrorPage::Refused(Refusal::CannotList(_)) => t!(lang, "http-page-cannot-list"),
        ErrorPage::Refused(other) => refusal(lang, other),
    }
}

/// The server's pages worded in the run's language (English unless `--lang` or the
/// environment asks for another).
pub struct WordedPages;

impl Pages for WordedPages {
    fn error_detail(&self, page: ErrorPage<'_>) -> String {
        error_detail(crate::i18n::language(), page)
    }

    fn listing_title(&self, path: &str) -> String {
        t!(crate::i18n::language(), "http-listing-title", path = path)
    }

    fn listing_cut(&self, shown: usize) -> String {
        t!(
            crate::i18n::language(),
            "http-listing-cut",
            shown = shown.to_string()
        )
    }
}

/// The verdict on the server's certificate chain, in `lang` (JSON's `verification` too, in
/// the run's language like the log's notes).
pub fn verification_text(lang: Lang, verification: &Verification) -> String {
    match verification {
        Verification::Trusted => t!(lang, "http-verified-trusted"),
        Verification::UncheckedButValid => t!(lang, "http-verified-anyway"),
        Verification::Unchecked(why) => t!(
            lang,
            "http-not-verified",
            reason = crate::app::tls_view::rejection_words(lang, why)
        ),
    }
}

/// Why TLS with `host` failed, in `lang`: a beginner meets these first (an expired or
/// self-signed certificate, a wrong name), so each says what it means and what to do.
pub(crate) fn tls_failure_text_in(lang: Lang, host: &str, failure: &TlsFailure) -> String {
    let host = terminal_safe(host).into_owned();
    let reason = match failure {
        TlsFailure::Rejected(rejection) => crate::app::tls_view::rejection_words(lang, rejection),
        TlsFailure::Broken(error) => {
            t!(
                lang,
                "http-tls-broken",
                error = system_error_in(lang, error)
            )
        }
        TlsFailure::BadServerName(_) => {
            t!(lang, "http-tls-bad-server-name", host = host.clone())
        }
        TlsFailure::NoSettings => t!(lang, "http-tls-no-settings"),
    };
    t!(lang, "http-tls-failed", host = host, reason = reason)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::net::tls::TlsRejection;

    #[test]
    fn sizes_read_as_limits_are_written() {
        assert_eq!(size(Lang::En, 64 * 1024), "64\u{a0}KiB");
        assert_eq!(size(Lang::En, 64 << 20), "64\u{a0}MiB");
        assert_eq!(size(Lang::En, 1000), "1000\u{a0}bytes");
        assert_eq!(size(Lang::Ja, 1000), "1000\u{a0}バイト");
        assert_eq!(size(Lang::Ja, 1 << 30), "1\u{a0}GiB");
    }

    #[test]
    fn wire_errors_in_both_languages() {
        let body = WireError::BodyTooLarge { limit: 1 << 20 };
        assert_eq!(
            wire_error(Lang::En, &body),
            "the body is larger than the limit of 1\u{a0}MiB"
        );
        assert!(wire_error(Lang::Ja, &body).contains("1\u{a0}MiB"));
        let chunk = WireError::BadChunk(ChunkError::NotHex("zz\u{1b}".into()));
        assert_eq!(
            wire_error(Lang::En, &chunk),
            "bad chunked encoding: chunk size 'zz\\x1b' is not a hexadecimal number"
        );
        let ja = wire_error(Lang::Ja, &chunk);
        assert!(ja.contains("'zz\\x1b'") && ja.contains("16 進数"), "{ja}");
        let long = WireError::BadChunk(ChunkError::SizeLineTooLong { limit: 1024 });
        assert_eq!(
            wire_error(Lang::En, &long),
            "bad chunked encoding: a chunk-size line is longer than 1\u{a0}KiB"
        );
        let conflict = WireError::ConflictingLength("5".into(), "6".into());
        assert_eq!(
            wire_error(Lang::En, &conflict),
            "two different Content-Length values, '5' and '6': the body's end is ambiguous"
        );
        assert!(wire_error(Lang::Ja, &conflict).contains("'5' と '6'"));
        let interim = WireError::TooManyInterim { limit: 10 };
        assert_eq!(
            wire_error(Lang::En, &interim),
            "more than 10 interim (1xx) answers came before the real one"
        );
    }

    #[test]
    fn exchange_errors_in_both_languages() {
        let refused = HttpError::Connect {
            addr: "127.0.0.1:9".parse().unwrap(),
            error: std::io::ErrorKind::ConnectionRefused.into(),
        };
        assert_eq!(
            http_error(Lang::En, &refused),
            "cannot connect to 127.0.0.1:9: connection refused: nothing listens on that port"
        );
        let ja = http_error(Lang::Ja, &refused);
        assert!(ja.starts_with("127.0.0.1:9 に接続できません"), "{ja}");
        assert!(ja.contains("netlearn http serve"), "the next step: {ja}");
        let slow = HttpError::Timeout {
            phase: Phase::ReadingBody,
            after: Duration::from_secs(1),
        };
        assert_eq!(
            http_error_with_flag(Lang::En, &slow),
            "reading the body timed out after 1\u{a0}s: nothing arrived for that long \
             (--timeout changes it)"
        );
        let ja = http_error_with_flag(Lang::Ja, &slow);
        assert!(
            ja.contains("本文の読み込み") && ja.contains("--timeout"),
            "{ja}"
        );
        let deadline = HttpError::Deadline {
            phase: Phase::WaitingForResponse,
            limit: Duration::from_secs(30),
        };
        assert_eq!(
            http_error(Lang::En, &deadline),
            "gave up waiting for the response: the whole exchange took longer than its limit \
             of 30\u{a0}s"
        );
        let cut = HttpError::Closed(Closed::InBody {
            received: 3,
            promised: 10,
        });
        assert_eq!(
            http_error(Lang::En, &cut),
            "the server closed the connection after 3 of the 10 body bytes Content-Length \
             promised"
        );
        assert!(http_error(Lang::Ja, &cut).contains("10\u{a0}バイトのうち 3\u{a0}バイト"));
        let tls = HttpError::SpeaksTls {
            addr: "127.0.0.1:443".parse().unwrap(),
            suggestion: "https://127.0.0.1/".into(),
        };
        assert_eq!(
            http_error(Lang::En, &tls),
            "127.0.0.1:443 answered in TLS, not plain HTTP: this port speaks TLS, try \
             https://127.0.0.1/"
        );
        assert!(http_error(Lang::Ja, &tls).contains("https://127.0.0.1/"));
    }

    #[test]
    fn bad_urls_in_both_languages() {
        let Err(scheme) = crate::net::http::target::Target::parse("ftp://x/") else {
            panic!("ftp is not http");
        };
        assert_eq!(
            target_error(Lang::En, &scheme),
            "\"ftp://x/\": only http:// and https:// are supported, not ftp://"
        );
        assert!(target_error(Lang::Ja, &scheme).contains("ftp://"));
        let Err(invalid) = crate::net::http::target::Target::parse("http://host:99999/") else {
            panic!("the port is too large");
        };
        assert_eq!(
            target_error(Lang::En, &invalid),
            "\"http://host:99999/\" is not a URL: invalid port number"
        );
        assert!(target_error(Lang::Ja, &invalid).contains("URL ではありません"));
    }

    #[test]
    fn a_head_that_is_not_http_says_where_in_both_languages() {
        let all = [
            HeadError::HeaderName,
            HeadError::HeaderValue,
            HeadError::NewLine,
            HeadError::Status,
            HeadError::Token,
            HeadError::TooManyHeaders,
            HeadError::Version,
        ];
        for error in all {
            // English keeps httparse's own words, as before.
            assert_eq!(
                wire_error(Lang::En, &WireError::BadHead(error)),
                format!("the response is not HTTP: {error}")
            );
        }
        assert_eq!(
            wire_error(Lang::Ja, &WireError::BadHead(HeadError::Version)),
            "応答が HTTP ではありません: HTTP のバージョンが正しくありません"
        );
    }

    #[test]
    fn refusals_and_pages_in_both_languages() {
        let fifo = Refusal::NotRegular(FileKind::Fifo);
        assert_eq!(
            refusal(Lang::En, &fifo),
            "only regular files are served, this is a FIFO (named pipe)"
        );
        assert!(refusal(Lang::Ja, &fifo).contains("FIFO"));
        let traversal = Refusal::Path(PathRefusal::Traversal);
        assert_eq!(
            error_detail(Lang::En, ErrorPage::Refused(&traversal)),
            "the path tries to leave the served directory (\"..\")"
        );
        // What the OS said stays in the log; the page says only what failed.
        let unreadable =
            Refusal::CannotRead(std::io::Error::from_raw_os_error(libc::EACCES).into());
        assert_eq!(
            refusal(Lang::En, &unreadable),
            "Permission denied (os error 13)"
        );
        assert_eq!(
            refusal(Lang::Ja, &unreadable),
            "権限がありません (エラー番号 13)"
        );
        assert_eq!(
            error_detail(Lang::En, ErrorPage::Refused(&unreadable)),
            "cannot read this file"
        );
        assert!(error_detail(Lang::Ja, ErrorPage::Refused(&unreadable)).contains("読めません"));
        assert_eq!(
            error_detail(Lang::En, ErrorPage::RangeNotSatisfiable { len: 12 }),
            "the file has 12\u{a0}bytes"
        );
        assert_eq!(
            error_detail(Lang::Ja, ErrorPage::RangeNotSatisfiable { len: 12 }),
            "このファイルは 12\u{a0}バイトです"
        );
        assert_eq!(
            connection_failure(
                Lang::En,
                &ConnectionFailure::TlsHandshake(
                    std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "tls handshake eof")
                        .into()
                )
            ),
            "TLS handshake failed: tls handshake eof"
        );
        let reset = ConnectionFailure::TlsHandshake(
            std::io::Error::from_raw_os_error(libc::ECONNRESET).into(),
        );
        assert_eq!(
            connection_failure(Lang::Ja, &reset),
            format!(
                "TLS ハンドシェイクに失敗しました: 相手が接続をリセットしました (エラー番号 {})",
                libc::ECONNRESET
            )
        );
        assert!(
            connection_failure(Lang::Ja, &ConnectionFailure::TlsHandshakeTimeout)
                .contains("TLS ハンドシェイク")
        );
    }

    #[test]
    fn tls_failures_are_worded_in_both_languages() {
        let unknown = TlsFailure::Rejected(TlsRejection::UnknownIssuer);
        assert_eq!(
            tls_failure_text_in(Lang::En, "localhost", &unknown),
            "TLS with localhost failed: unknown issuer: the certificate chain does not lead to a \
             CA you trust (a self-signed or private-CA certificate: pass that CA with --ca-file)"
        );
        let ja = tls_failure_text_in(Lang::Ja, "localhost", &unknown);
        assert!(
            ja.starts_with("localhost との TLS に失敗しました: "),
            "{ja}"
        );
        assert!(ja.contains("--ca-file"), "{ja}");
        let wrong = TlsFailure::Rejected(TlsRejection::WrongName {
            expected: Some("example.test".into()),
            presented: vec!["localhost".into(), "127.0.0.1".into()],
        });
        assert_eq!(
            tls_failure_text_in(Lang::En, "example.test", &wrong),
            "TLS with example.test failed: wrong name: the certificate is not for example.test, \
             it is for localhost, 127.0.0.1"
        );
        let ja = tls_failure_text_in(Lang::Ja, "example.test", &wrong);
        assert!(ja.contains("localhost, 127.0.0.1"), "{ja}");
        let expired =
            tls_failure_text_in(Lang::Ja, "a", &TlsFailure::Rejected(TlsRejection::Expired));
        assert!(expired.contains("期限"), "{expired}");
        // A host from the command line reaches the terminal escaped.
        let text = tls_failure_text_in(Lang::En, "a\u{1b}b", &TlsFailure::NoSettings);
        assert!(!text.contains('\u{1b}'), "{text}");
    }
}
