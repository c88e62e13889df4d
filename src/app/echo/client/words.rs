//! What the echo client says: why it stopped, its prompt's lines and its `--count` report,
//! worded from the typed values the session and the pipes give (texts/*/echo_client.ftl).

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use crate::app::echo::words::encode_error;
use crate::app::hints;
use crate::app::text::t;
use crate::i18n::Lang;
use crate::net::echo::client::{ClientError, FileKind};
use crate::net::echo::event::Proto;
use crate::net::echo::framing::Framing;
use crate::net::echo::session::{QUIT_WAIT, QuitOutcome};
use crate::net::sockets::Transport;
use crate::output::escape::terminal_safe;

/// Why the client stopped, as a sentence of its own.
pub fn client_error(lang: Lang, error: &ClientError) -> String {
    match error {
        ClientError::Encode(error) => encode_error(lang, error),
        ClientError::Connect { addr, cause } => t!(
            lang,
            "echo-client-connect",
            addr = addr.to_string(),
            cause = crate::app::text::system_error_in(lang, cause)
        ),
        ClientError::NotASocket { path, kind } => not_a_socket(lang, path, *kind, ""),
        ClientError::AddressDoesNotFit { addr, proto } => t!(
            lang,
            "echo-client-address-does-not-fit",
            addr = addr.to_string(),
            proto = proto.to_string()
        ),
        ClientError::Timeout {
            waited,
            received,
            expected,
        } => t!(
            lang,
            "echo-client-timeout",
            waited = waited_text(lang, *waited),
            received = *received,
            expected = *expected
        ),
        ClientError::Closed { received, expected } => t!(
            lang,
            "echo-client-closed",
            received = *received,
            expected = *expected
        ),
        ClientError::Io(cause) => crate::app::text::system_error_in(lang, cause),
    }
}

/// A `--unix` path that is no socket at all: what it is, and where a server can be found or
/// started instead (`udp` is " --udp" for a datagram client).
fn not_a_socket(lang: Lang, path: &Path, kind: FileKind, udp: &str) -> String {
    let what = match kind {
        FileKind::RegularFile => t!(lang, "echo-client-kind-file"),
        FileKind::Fifo => t!(lang, "echo-client-kind-fifo"),
        FileKind::Directory => t!(lang, "echo-client-kind-directory"),
        FileKind::Other => t!(lang, "echo-client-kind-other"),
    };
    // A directory can hold the server's socket; any other path is taken.
    let example = match kind {
        FileKind::Directory => path.join("echo.sock"),
        _ => Path::new("/tmp/echo.sock").to_path_buf(),
    };
    terminal_safe(&t!(
        lang,
        "echo-client-unix-not-a-socket",
        path = path.display().to_string(),
        kind = what,
        example = example.display().to_string(),
        udp = udp
    ))
    .into_owned()
}

/// A wait with its unit: `500 ms`, `5 s` (`5 秒` in Japanese).
fn waited_text(lang: Lang, waited: Duration) -> String {
    crate::app::echo::words::duration_in(lang, waited)
}

/// Where the client was talking to, for the next step a failure suggests.
#[derive(Clone, Copy, Debug)]
pub struct Peer<'a> {
    /// The socket file, for a Unix socket.
    pub unix: Option<&'a Path>,
    /// The IP address and port, for TCP and UDP.
    pub addr: SocketAddr,
    pub proto: Proto,
    pub framing: Framing,
}

/// A failure as the reader should see it: a refused connection names the server to start,
/// and an answer that does not fit the framing suggests the framings differ.
pub fn describe(lang: Lang, error: &ClientError, peer: Peer<'_>) -> String {
    if let ClientError::NotASocket { path, kind } = error {
        let udp = if peer.proto == Proto::UnixDgram {
            " --udp"
        } else {
            ""
        };
        return not_a_socket(lang, path, *kind, udp);
    }
    if let Some(path) = peer.unix
        && (error.is_refused() || error.is_missing_file())
    {
        let what = if error.is_refused() {
            t!(lang, "echo-client-unix-stale")
        } else {
            t!(lang, "echo-client-unix-missing")
        };
        let udp = if peer.proto == Proto::UnixDgram {
            " --udp"
        } else {
            ""
        };
        return terminal_safe(&t!(
            lang,
            "echo-client-unix-nothing-listens",
            path = path.display().to_string(),
            proto = peer.proto.to_string(),
            what = what,
            udp = udp
        ))
        .into_owned();
    }
    if error.is_refused() {
        let (transport, server) = match peer.proto {
            Proto::Udp | Proto::UnixDgram => (Transport::Udp, "netlearn echo serve --udp"),
            Proto::Tcp | Proto::Unix => (Transport::Tcp, "netlearn echo serve"),
        };
        return hints::connection_refused(transport, peer.addr, Some(server));
    }
    if error.suggests_other_framing() {
        return t!(
            lang,
            "echo-client-other-framing",
            error = client_error(lang, error),
            hint = framing_hint(lang, peer.framing)
        );
    }
    client_error(lang, error)
}

/// What to check when the echo does not fit this client's framing.
pub fn framing_hint(lang: Lang, framing: Framing) -> String {
    t!(lang, "echo-framing-hint", framing = framing.to_string())
}

/// How the prompt sends each line in `framing`.
pub fn how_lines_are_sent(lang: Lang, framing: Framing) -> String {
    match framing {
        Framing::Raw => t!(lang, "echo-client-how-raw"),
        Framing::Line => t!(lang, "echo-client-how-line"),
        Framing::Length => t!(lang, "echo-client-how-length"),
        Framing::Fixed(_) => t!(lang, "echo-client-how-fixed"),
    }
}

/// A round-trip time in microseconds with one decimal, as every client line shows it.
pub fn micros(rtt: Duration) -> String {
    format!("{:.1}", rtt.as_secs_f64() * 1e6)
}

/// One echo at the prompt; `echoed` is already safe for the terminal. When it differs from
/// what was sent, the framing hint follows.
pub fn echo_line(lang: Lang, echoed: &str, rtt: Duration, differs: Option<Framing>) -> String {
    match differs {
        None => t!(lang, "echo-client-echo", echoed = echoed, us = micros(rtt)),
        Some(framing) => t!(
            lang,
            "echo-client-echo-differs",
            echoed = echoed,
            us = micros(rtt),
            hint = framing_hint(lang, framing)
        ),
    }
}

/// Said when the server closed while the client waited for its user.
pub fn server_gone(lang: Lang) -> String {
    t!(lang, "echo-client-server-gone")
}

/// [`server_gone`], said while the prompt waits for a line that can no longer be sent.
pub fn server_gone_enter(lang: Lang) -> String {
    t!(
        lang,
        "echo-client-server-gone-enter",
        gone = server_gone(lang)
    )
}

/// What the client says after `quit`, if anything.
pub fn quit_text(lang: Lang, outcome: QuitOutcome, framing: Framing) -> Option<String> {
    let text = match outcome {
        QuitOutcome::Closed => t!(lang, "echo-client-quit-closed"),
        QuitOutcome::EchoedQuitLine { closed } => {
            let then = if closed {
                t!(lang, "echo-client-quit-bare-closed")
            } else {
                t!(lang, "echo-client-quit-bare-open")
            };
            t!(lang, "echo-client-quit-echoed", then = then)
        }
        QuitOutcome::StillOpen => {
            // What went on the wire, written as a string literal would be.
            let sent = if framing == Framing::Line {
                "\"quit\\n\""
            } else {
                "\"quit\""
            };
            t!(
                lang,
                "echo-client-quit-still-open",
                seconds = QUIT_WAIT.as_secs(),
                framing = framing.to_string(),
                sent = sent
            )
        }
        QuitOutcome::NotSpoken => return None,
    };
    Some(text)
}

#[cfg(test)]
mod tests {
    use std::io;

    use super::*;
    use crate::net::echo::endpoint::Endpoint;
    use crate::net::echo::framing::EncodeError;

    fn tcp_peer(framing: Framing) -> Peer<'static> {
        Peer {
            unix: None,
            addr: "127.0.0.1:5000".parse().unwrap(),
            proto: Proto::Tcp,
            framing,
        }
    }

    #[test]
    fn each_failure_is_worded_in_both_languages() {
        let timeout = ClientError::Timeout {
            waited: Duration::from_millis(500),
            received: 2,
            expected: 6,
        };
        assert_eq!(
            client_error(Lang::En, &timeout),
            "no echo within 500\u{a0}ms: got 2 of 6\u{a0}bytes"
        );
        assert_eq!(
            client_error(Lang::Ja, &timeout),
            "500\u{a0}ms待ってもエコーが返ってきません: 6\u{a0}バイトのうち 2\u{a0}バイトを受け取りました"
        );
        let connect = ClientError::Connect {
            addr: Endpoint::Path("/tmp/x.sock".into()),
            cause: io::Error::from(io::ErrorKind::PermissionDenied),
        };
        assert_eq!(
            client_error(Lang::En, &connect),
            "cannot connect to /tmp/x.sock: permission denied"
        );
        assert!(client_error(Lang::Ja, &connect).starts_with("/tmp/x.sock に接続できません: "));
        let misfit = ClientError::AddressDoesNotFit {
            addr: Endpoint::Path("/tmp/x.sock".into()),
            proto: Proto::Tcp,
        };
        assert_eq!(
            client_error(Lang::En, &misfit),
            "cannot connect to /tmp/x.sock: this address does not fit the transport (tcp)"
        );
        assert!(client_error(Lang::Ja, &misfit).contains("トランスポート (tcp) に合いません"));
        let encode = ClientError::Encode(EncodeError::NewlineInLine);
        assert_eq!(
            client_error(Lang::En, &encode),
            "a line-framed message cannot contain a newline byte"
        );
        assert!(client_error(Lang::Ja, &encode).contains("改行のバイト"));
    }

    #[test]
    fn a_short_echo_then_close_suggests_the_framings_differ() {
        let closed = ClientError::Closed {
            received: 0,
            expected: 6,
        };
        let en = describe(Lang::En, &closed, tcp_peer(Framing::Length));
        assert!(
            en.starts_with(
                "server closed the connection after echoing 0 of 6\u{a0}bytes: check that client \
                 and server use the same --framing (this client uses length;"
            ),
            "{en}"
        );
        let ja = describe(Lang::Ja, &closed, tcp_peer(Framing::Length));
        assert!(
            ja.starts_with(
                "サーバーは 6\u{a0}バイトのうち 0\u{a0}バイトをエコーしたところで接続を閉じました: "
            ),
            "{ja}"
        );
        assert!(ja.contains("同じ --framing を使っているか"), "{ja}");
        // Everything echoed, then closed: nothing hints at the framing.
        let whole = ClientError::Closed {
            received: 6,
            expected: 6,
        };
        assert!(!describe(Lang::En, &whole, tcp_peer(Framing::Line)).contains("--framing"));
    }

    #[test]
    fn a_unix_socket_nobody_serves_names_the_server_to_start() {
        let path = Path::new("/tmp/echo.sock");
        let missing = ClientError::Connect {
            addr: Endpoint::Path(path.into()),
            cause: io::Error::from(io::ErrorKind::NotFound),
        };
        let peer = Peer {
            unix: Some(path),
            addr: "127.0.0.1:5000".parse().unwrap(),
            proto: Proto::UnixDgram,
            framing: Framing::Line,
        };
        assert_eq!(
            describe(Lang::En, &missing, peer),
            "nothing listens on /tmp/echo.sock (unix-dgram): there is no socket file at that \
             path. Is the server running? Start one with `netlearn echo serve --unix \
             /tmp/echo.sock --udp` in another terminal, then try again"
        );
        let ja = describe(Lang::Ja, &missing, peer);
        assert!(ja.starts_with("/tmp/echo.sock (unix-dgram) で待ち受けているものはありません: そのパスにソケットファイルがありません。"), "{ja}");
        assert!(
            ja.contains("`netlearn echo serve --unix /tmp/echo.sock --udp` を実行して"),
            "{ja}"
        );
        let stale = ClientError::Connect {
            addr: Endpoint::Path(path.into()),
            cause: io::Error::from(io::ErrorKind::ConnectionRefused),
        };
        let peer = Peer {
            proto: Proto::Unix,
            ..peer
        };
        let en = describe(Lang::En, &stale, peer);
        assert!(
            en.contains("(unix): the socket file is there but no server"),
            "{en}"
        );
        assert!(en.contains("--unix /tmp/echo.sock` in another"), "{en}");
        assert!(describe(Lang::Ja, &stale, peer).contains("終了したサーバーが消さずに残した"));
    }

    #[test]
    fn a_unix_path_that_is_no_socket_says_what_it_is_and_where_to_go() {
        let peer = Peer {
            unix: Some(Path::new("/srv/notes.txt")),
            addr: "127.0.0.1:5000".parse().unwrap(),
            proto: Proto::Unix,
            framing: Framing::Line,
        };
        let file = ClientError::NotASocket {
            path: "/srv/notes.txt".into(),
            kind: FileKind::RegularFile,
        };
        let en = describe(Lang::En, &file, peer);
        assert!(
            en.starts_with("/srv/notes.txt is a regular file, not a socket"),
            "{en}"
        );
        assert!(!en.contains("left by a server"), "{en}");
        assert!(
            en.contains("`netlearn echo serve --unix /tmp/echo.sock`"),
            "{en}"
        );
        let dir = ClientError::NotASocket {
            path: "/srv".into(),
            kind: FileKind::Directory,
        };
        let dgram = Peer {
            proto: Proto::UnixDgram,
            ..peer
        };
        let en = describe(Lang::En, &dir, dgram);
        assert!(en.starts_with("/srv is a directory, not a socket"), "{en}");
        assert!(en.contains("--unix /srv/echo.sock --udp`"), "{en}");
        let ja = describe(Lang::Ja, &dir, dgram);
        assert!(
            ja.starts_with("/srv はソケットではなくディレクトリなので"),
            "{ja}"
        );
        let fifo = ClientError::NotASocket {
            path: "/srv/p".into(),
            kind: FileKind::Fifo,
        };
        assert!(describe(Lang::Ja, &fifo, peer).contains("FIFO (名前付きパイプ)"));
    }

    #[test]
    fn prompt_lines_in_both_languages() {
        let rtt = Duration::from_nanos(52_345);
        assert_eq!(
            echo_line(Lang::En, "hello", rtt, None),
            "echo: hello  (52.3\u{a0}µs)"
        );
        assert_eq!(
            echo_line(Lang::Ja, "hello", rtt, None),
            "エコー: hello  (52.3\u{a0}µs)"
        );
        let differs = echo_line(Lang::En, "x", rtt, Some(Framing::Raw));
        assert!(
            differs.starts_with("echo: x  (52.3\u{a0}µs, DIFFERS from what was sent: check that"),
            "{differs}"
        );
        assert!(echo_line(Lang::Ja, "x", rtt, Some(Framing::Raw)).contains("送ったものと違います"));
        assert_eq!(
            how_lines_are_sent(Lang::En, Framing::Length),
            "each line is sent after a 4-byte length"
        );
        assert_eq!(
            how_lines_are_sent(Lang::Ja, Framing::Length),
            "各行の前に 4\u{a0}バイトの長さ標識を付けて送ります"
        );
        assert_eq!(
            server_gone_enter(Lang::En),
            "the server closed the connection (it was stopped, or ended the session); nothing \
             more can be sent: press Enter to leave"
        );
        assert_eq!(
            server_gone_enter(Lang::Ja),
            "サーバーが接続を閉じました (止められたか、セッションを終えました)。これ以上は送れません: \
             Enter キーを押すと終わります"
        );
    }

    #[test]
    fn what_follows_quit_in_both_languages() {
        assert_eq!(
            quit_text(Lang::En, QuitOutcome::Closed, Framing::Line).as_deref(),
            Some("server closed the connection")
        );
        assert_eq!(
            quit_text(Lang::Ja, QuitOutcome::NotSpoken, Framing::Line),
            None
        );
        let still = quit_text(Lang::En, QuitOutcome::StillOpen, Framing::Line).unwrap();
        assert_eq!(
            still,
            "server did not close the connection within 1\u{a0}s of quit; closing ours (does it end \
             on \"quit\"? with line framing the client sent \"quit\\n\")"
        );
        let ja = quit_text(Lang::Ja, QuitOutcome::StillOpen, Framing::Raw).unwrap();
        assert!(ja.starts_with("quit から 1\u{a0}秒たっても"), "{ja}");
        assert!(
            ja.contains("raw フレーミングでは、クライアントは \"quit\" を送りました"),
            "{ja}"
        );
        let echoed = QuitOutcome::EchoedQuitLine { closed: true };
        let en = quit_text(Lang::En, echoed, Framing::Line).unwrap();
        assert!(en.starts_with("the server sent \"quit\\n\" back instead of closing: it does not end on a quit line (the article's server.py"), "{en}");
        assert!(
            en.contains("client does: the server closed the connection. With"),
            "{en}"
        );
        let ja = quit_text(Lang::Ja, echoed, Framing::Line).unwrap();
        assert!(
            ja.contains("quit の行では終わりません (記事の server.py"),
            "{ja}"
        );
        assert!(
            ja.contains("送りました: サーバーが接続を閉じました。"),
            "{ja}"
        );
    }
}
