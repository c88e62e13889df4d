//! A socket call as `--trace` shows it, the way `strace` would: the call and its arguments are
//! code (the same in every language); the bytes it moved and what it came to are words.

use crate::app::text::t;
use crate::i18n::Lang;
use crate::net::echo::event::Call;

/// `call` as `strace` would show it, its outcome worded in `lang`: `recv() -> 11 bytes`.
pub fn call_text(lang: Lang, call: &Call) -> String {
    match call {
        Call::Socket { family, kind } => format!("socket({family}, {kind})"),
        Call::Setsockopt { option } => format!("setsockopt(SOL_SOCKET, {option}, 1)"),
        Call::Bind { addr } => format!("bind({addr})"),
        Call::Listen { backlog } => format!("listen({backlog})"),
        Call::Connect { addr } => format!("connect({addr})"),
        Call::Accept { peer } => format!("accept() -> {peer}"),
        Call::Recv { bytes: 0 } => t!(lang, "echo-call-recv-end"),
        Call::Recv { bytes } => t!(lang, "echo-call-recv", count = *bytes),
        Call::Send { bytes } => t!(lang, "echo-call-send", count = *bytes),
        Call::Recvfrom { peer, bytes } => t!(
            lang,
            "echo-call-recvfrom",
            count = *bytes,
            peer = peer.to_string()
        ),
        Call::Sendto { peer, bytes } => t!(
            lang,
            "echo-call-sendto",
            count = *bytes,
            peer = peer.to_string()
        ),
        Call::Shutdown { how } => format!("shutdown({how})"),
        Call::Close => "close()".to_string(),
        Call::BindPath { path } => format!("bind(\"{}\")", path.display()),
        Call::ConnectPath { path } => format!("connect(\"{}\")", path.display()),
        Call::Chmod { path, mode } => format!("chmod(\"{}\", {mode:04o})", path.display()),
        Call::Unlink { path } => format!("unlink(\"{}\")", path.display()),
        Call::Socketpair => t!(lang, "echo-call-socketpair"),
        Call::SetBlocking { blocking: true } => "fcntl(F_SETFL, flags & ~O_NONBLOCK)".into(),
        Call::SetBlocking { blocking: false } => "fcntl(F_SETFL, flags | O_NONBLOCK)".into(),
        Call::Unfinished {
            function, errno, ..
        } => format!("{function} -> -1 {errno}"),
        Call::Poll {
            want,
            timeout_ms,
            waited_ms,
            ready,
        } => {
            let event = if *want == "read" { "POLLIN" } else { "POLLOUT" };
            let id = if *ready {
                "echo-call-poll-ready"
            } else {
                "echo-call-poll-timed-out"
            };
            t!(
                lang,
                id,
                event = event,
                timeout_ms = timeout_ms.to_string(),
                waited_ms = format!("{waited_ms:.1}")
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_keep_their_c_spelling_and_word_the_rest_in_both_languages() {
        let peer = std::net::SocketAddr::from(([127, 0, 0, 1], 5008));
        let cases = [
            (
                Call::Recv { bytes: 11 },
                "recv() -> 11\u{a0}bytes",
                "recv() -> 11\u{a0}バイト",
            ),
            (
                Call::Recv { bytes: 1 },
                "recv() -> 1\u{a0}byte",
                "recv() -> 1\u{a0}バイト",
            ),
            (
                Call::Recv { bytes: 0 },
                "recv() -> 0\u{a0}bytes (end of stream)",
                "recv() -> 0\u{a0}バイト (ストリームの終わり)",
            ),
            (
                Call::Send { bytes: 11 },
                "send(11\u{a0}bytes)",
                "send(11\u{a0}バイト)",
            ),
            (
                Call::Recvfrom { peer, bytes: 13 },
                "recvfrom() -> 13\u{a0}bytes from 127.0.0.1:5008",
                "recvfrom() -> 127.0.0.1:5008 から 13\u{a0}バイト",
            ),
            (
                Call::Sendto { peer, bytes: 13 },
                "sendto(13\u{a0}bytes, 127.0.0.1:5008)",
                "sendto(13\u{a0}バイト, 127.0.0.1:5008)",
            ),
            (
                Call::Poll {
                    want: "read",
                    timeout_ms: 5000,
                    waited_ms: 300.04,
                    ready: true,
                },
                "poll(POLLIN, 5000\u{a0}ms) -> ready after 300.0\u{a0}ms",
                "poll(POLLIN, 5000\u{a0}ms) -> 300.0\u{a0}ms 後に準備ができました",
            ),
        ];
        for (call, en, ja) in cases {
            assert_eq!(call_text(Lang::En, &call), en);
            assert_eq!(call_text(Lang::Ja, &call), ja);
        }
        assert_eq!(
            call_text(Lang::Ja, &Call::Listen { backlog: 128 }),
            "listen(128)"
        );
    }
}
