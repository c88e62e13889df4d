//! What the echo family says about a framing that cannot be parsed or cannot carry a message,
//! a socket file that cannot be bound, and a Unix peer known only by its process.

use crate::app::text::{system_error_in, t};
use crate::i18n::Lang;
use crate::net::echo::endpoint::Endpoint;
use crate::net::echo::framing::{EncodeError, Framing, FramingParseError, MAX_FIXED_FRAME};
use crate::net::echo::unix::UnixBindError;
use crate::output::escape::terminal_safe;

/// A framing as the reader's language names it (the glossary's words in Japanese, with the
/// flag's value beside them; the flag's value itself in English): `区切り文字 (line)`.
pub fn framing_name(lang: Lang, framing: &Framing) -> String {
    match framing {
        Framing::Line => t!(lang, "echo-framing-name-line"),
        Framing::Length => t!(lang, "echo-framing-name-length"),
        Framing::Fixed(size) => t!(lang, "echo-framing-name-fixed", size = size.to_string()),
        Framing::Raw => t!(lang, "echo-framing-name-raw"),
    }
}

/// A duration as a log or an error says it, the number joined to its unit by a no-break
/// space: `500 ms`, `5 s` (`5 秒` in Japanese).
pub fn duration_in(lang: Lang, duration: std::time::Duration) -> String {
    let ms = duration.as_secs_f64() * 1000.0;
    if ms < 1000.0 {
        t!(lang, "echo-duration-ms", ms = format!("{ms:.0}"))
    } else {
        let seconds = (ms / 100.0).round() / 10.0;
        t!(lang, "echo-duration-s", seconds = seconds.to_string())
    }
}

/// Why a `--framing` value is not a framing.
pub fn framing_parse_error(lang: Lang, error: &FramingParseError) -> String {
    match error {
        FramingParseError::Unknown(value) => {
            t!(lang, "echo-framing-unknown", value = value.as_str())
        }
        FramingParseError::BadFixedSize(value) => t!(
            lang,
            "echo-framing-bad-fixed-size",
            value = value.as_str(),
            max = MAX_FIXED_FRAME
        ),
    }
}

/// Why a message cannot be framed.
pub fn encode_error(lang: Lang, error: &EncodeError) -> String {
    match error {
        EncodeError::NewlineInLine => t!(lang, "echo-encode-newline-in-line"),
        EncodeError::WrongFixedSize { len, size } => {
            t!(
                lang,
                "echo-encode-wrong-fixed-size",
                len = *len,
                size = *size
            )
        }
        EncodeError::TooLongForPrefix { len } => {
            t!(lang, "echo-encode-too-long-for-prefix", len = *len)
        }
    }
}

/// A socket file that cannot be bound, in one line with the way out. The path is the user's
/// own input, escaped all the same: a terminal never sees a raw control byte.
pub fn unix_bind_error(lang: Lang, error: &UnixBindError) -> String {
    let shown = |path: &std::path::Path| terminal_safe(&path.display().to_string()).into_owned();
    match error {
        UnixBindError::InUse { path } => t!(lang, "echo-unix-in-use", path = shown(path)),
        UnixBindError::NotASocket { path } => {
            t!(lang, "echo-unix-not-a-socket", path = shown(path))
        }
        UnixBindError::Unprobed { path, cause } => t!(
            lang,
            "echo-unix-unprobed",
            path = shown(path),
            error = terminal_safe(&system_error_in(lang, cause)).into_owned()
        ),
        UnixBindError::Io { path, cause } => t!(
            lang,
            "echo-unix-io",
            path = shown(path),
            error = terminal_safe(&system_error_in(lang, cause)).into_owned()
        ),
    }
}

/// An endpoint as a log line names it: an address or a path as it is, a Unix peer with no
/// file of its own by its process ("pid 42 (uid 1000)"). JSON keeps the endpoint's own form.
pub fn endpoint_text(lang: Lang, endpoint: &Endpoint) -> String {
    match endpoint {
        Endpoint::Process {
            pid: Some(pid),
            uid,
        } => t!(
            lang,
            "echo-peer-process",
            pid = pid.to_string(),
            uid = uid.to_string()
        ),
        Endpoint::Process { pid: None, uid } => {
            t!(lang, "echo-peer-uid", uid = uid.to_string())
        }
        Endpoint::Unnamed => t!(lang, "echo-peer-unnamed"),
        Endpoint::Inet(_) | Endpoint::Path(_) => endpoint.to_string(),
    }
}

/// Hex bytes, with the printable ones shown as text after them.
pub fn describe_wire(wire: &[u8]) -> String {
    let hex: Vec<String> = wire.iter().map(|b| format!("{b:02x}")).collect();
    let text: String = wire
        .iter()
        .map(|&b| {
            if b.is_ascii_graphic() || b == b' ' {
                char::from(b)
            } else {
                '.'
            }
        })
        .collect();
    format!("{} |{text}|", hex.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framing_errors_in_both_languages() {
        let unknown = FramingParseError::Unknown("lines".into());
        assert_eq!(
            framing_parse_error(Lang::En, &unknown),
            "unknown framing 'lines': expected line, length, fixed:N or raw"
        );
        assert!(framing_parse_error(Lang::Ja, &unknown).contains("'lines' というフレーミング"));
        let bad = FramingParseError::BadFixedSize("0".into());
        assert!(framing_parse_error(Lang::En, &bad).ends_with("from 1 to 16777216"));
        let wrong = EncodeError::WrongFixedSize { len: 3, size: 8 };
        assert_eq!(
            encode_error(Lang::En, &wrong),
            "message is 3\u{a0}bytes but fixed framing needs exactly 8"
        );
        assert!(encode_error(Lang::Ja, &wrong).contains("ちょうど 8\u{a0}バイト"));
    }

    #[test]
    fn unix_bind_errors_say_the_way_out_in_both_languages() {
        let in_use = UnixBindError::InUse {
            path: "/tmp/echo.sock".into(),
        };
        assert_eq!(
            unix_bind_error(Lang::En, &in_use),
            "cannot listen on /tmp/echo.sock: another server is accepting connections on it \
             (stop it, or choose another --unix path)"
        );
        let ja = unix_bind_error(Lang::Ja, &in_use);
        assert!(
            ja.starts_with("/tmp/echo.sock で待ち受けられません"),
            "{ja}"
        );
        assert!(ja.contains("--unix に別のパスを指定してください"), "{ja}");
        let odd = UnixBindError::NotASocket {
            path: "/tmp/a\x1bb".into(),
        };
        let en = unix_bind_error(Lang::En, &odd);
        assert!(
            en.starts_with("cannot listen on /tmp/a\\x1bb: the path exists"),
            "{en}"
        );
        let io = UnixBindError::Io {
            path: "/nope/echo.sock".into(),
            cause: std::io::Error::from_raw_os_error(2),
        };
        assert_eq!(
            unix_bind_error(Lang::En, &io),
            "cannot listen on /nope/echo.sock: No such file or directory (os error 2)"
        );
        let ja = unix_bind_error(Lang::Ja, &io);
        assert!(
            ja.contains("そのようなファイルやディレクトリはありません (エラー番号 2)"),
            "{ja}"
        );
    }

    #[test]
    fn a_process_peer_is_named_in_both_languages() {
        let process = Endpoint::Process {
            pid: Some(42),
            uid: 1000,
        };
        assert_eq!(endpoint_text(Lang::En, &process), "pid 42 (uid 1000)");
        assert_eq!(endpoint_text(Lang::Ja, &process), "プロセス 42 (uid 1000)");
        let uid = Endpoint::Process { pid: None, uid: 7 };
        assert_eq!(endpoint_text(Lang::En, &uid), "uid 7");
        assert_eq!(endpoint_text(Lang::Ja, &uid), "uid 7 のプロセス");
        assert_eq!(endpoint_text(Lang::Ja, &Endpoint::Unnamed), "(名前なし)");
        let path = Endpoint::Path("/tmp/echo.sock".into());
        assert_eq!(endpoint_text(Lang::Ja, &path), "/tmp/echo.sock");
    }

    #[test]
    fn wire_bytes_are_shown_as_hex_and_text() {
        assert_eq!(describe_wire(b"hi\n"), "68 69 0a |hi.|");
        assert_eq!(
            describe_wire(&[0, 0, 0, 2, b'h', b'i']),
            "00 00 00 02 68 69 |....hi|"
        );
    }
}
