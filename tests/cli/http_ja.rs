//! `http serve` and `http get` in Japanese: against each other on 127.0.0.1 (a port the server
//! picked), every label, unit and sentence of the server's log and of the exchange's `*` lines
//! is Japanese; only protocol, header and call names, flags and values stay as they are.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{WAIT, netlearn};

/// Words that stay English in a Japanese text: protocol, header and call names, the command's
/// own, a key.
const KEPT: &[&str] = &[
    "ms", "connect", "netlearn", "http", "get", "Content", "Length", "Ctrl",
];

/// The English words left in `text`: runs of two or more ASCII letters with a lowercase one
/// (so GET, OK and HTTP are names), outside URLs, flags and paths, and not in [`KEPT`].
fn english_words(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for token in text.split_whitespace() {
        if token.contains("://") || token.starts_with("--") || token.contains('/') {
            continue;
        }
        for word in token.split(|c: char| !c.is_ascii_alphabetic()) {
            if word.len() >= 2
                && word.chars().any(|c| c.is_ascii_lowercase())
                && !KEPT.contains(&word)
            {
                found.push(word.to_string());
            }
        }
    }
    found
}

/// The lines netlearn wrote itself: not the request and response heads (`>`, `<`), which are
/// HTTP as it was sent, nor the body.
fn said_lines(text: &str, body: &str) -> String {
    text.lines()
        .filter(|line| !line.starts_with(['<', '>']) && line.trim() != body.trim())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn english_is_found_when_it_is_there() {
    assert_eq!(
        english_words("[conn 1] GET /x -> 200 OK, 5 B, 0.10 ms (127.0.0.1:9)"),
        ["conn"]
    );
    assert!(english_words("HTTP サーバーが 127.0.0.1:80 で --grace 5 ms").is_empty());
}

#[test]
fn serve_and_get_speak_japanese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let body = "12345\n";
    std::fs::write(dir.path().join("1"), body).unwrap();
    let mut server = Command::new(assert_cmd::cargo::cargo_bin!("netlearn"))
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .args(["--lang", "ja", "http", "serve", "--port", "0"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn netlearn http serve");
    let lines = crate::common::lines_of(server.stdout.take().expect("stdout"));
    let next = |what: &str| {
        lines
            .recv_timeout(WAIT)
            .unwrap_or_else(|_| panic!("no {what} within {WAIT:?}"))
    };
    let first = next("first line");
    let addr = first
        .split_whitespace()
        .find_map(|token| token.parse::<std::net::SocketAddr>().ok())
        .unwrap_or_else(|| {
            let _ = server.kill();
            panic!("no address in {first:?}")
        });
    let mut log = vec![first];

    let url = format!("http://{addr}/1");
    let got = netlearn()
        .args(["--lang", "ja", "http", "get", &url])
        .output()
        .expect("run netlearn http get");
    let exchange = String::from_utf8(got.stdout).expect("UTF-8");
    assert!(got.status.success(), "{exchange}");

    // The request's log line, then the shutdown and the summary after SIGTERM.
    let deadline = Instant::now() + WAIT;
    while !log.iter().any(|line| line.contains(" /1 ")) && Instant::now() < deadline {
        log.push(next("request line"));
    }
    let status = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    while let Ok(line) = lines.recv_timeout(Duration::from_secs(10)) {
        log.push(line);
    }
    let exited = server.wait().expect("wait");
    assert!(exited.success(), "{exited}");
    let log = log.join("\n");

    for (what, text) in [
        ("http serve", log.clone()),
        ("http get", said_lines(&exchange, body)),
    ] {
        assert_eq!(
            english_words(&text),
            Vec::<String>::new(),
            "{what}:\n{text}"
        );
    }
    let compact = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for said in [
        "で待ち受けています",
        "[接続1]GET/1->200OK、6バイト、",
        "終了処理中です",
        "1個の接続で1件の要求に応答しました",
    ] {
        assert!(
            compact(&log).contains(said),
            "http serve does not say {said}:\n{log}"
        );
    }
    for said in ["接続しました", "本文", "所要時間"] {
        assert!(
            compact(&exchange).contains(said),
            "http get does not say {said}:\n{exchange}"
        );
    }
}
