//! The echo family speaks the reader's language everywhere, `--trace` included: under
//! `--lang ja` the server's log, the client's traced calls, `echo bench`'s report and
//! `echo demo`'s narration carry no English word (the socket calls, their Python spelling,
//! flags and protocol names are code and stay), and in English they still read as before.

use std::process::{Command, Stdio};

use crate::common::{SpawnedServer, WAIT, netlearn};

/// English words that must not reach a Japanese reader of the echo family's output.
const ENGLISH: &[&str] = &[
    "bytes",
    "byte",
    "from",
    "end",
    "of",
    "stream",
    "connection",
    "connections",
    "message",
    "messages",
    "received",
    "closed",
    "summary",
    "refused",
    "dropped",
    "frame",
    "frames",
    "listening",
    "open",
    "peer",
    "echoed",
    "anyway",
    "last",
    "newline",
    "cut",
    "server",
    "mode",
    "elapsed",
    "errors",
    "verified",
    "payload",
    "connected",
    "msgs",
    "every",
    "matched",
    "min",
    "max",
    "sending",
    "verify",
    "echo",
    "write",
    "side",
    "ready",
    "after",
    "the",
    "and",
];

/// The text a person reads: each line without its Python comment (`# s.recv(65536)`, code in
/// every language) and without the `[server]`, `[client]` and `[conn N]` tags (Japanese
/// ones too: a tag left in English would be found by the callers).
fn prose(text: &str) -> String {
    text.lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .map(|line| line.split(" # ").next().unwrap_or(line))
        .map(|line| {
            ["[server]", "[client]", "[サーバー]", "[クライアント]"]
                .iter()
                .fold(line.to_string(), |line, tag| line.replace(tag, ""))
        })
        .map(
            |line| match line.strip_prefix("[conn ").or(line.strip_prefix("[接続 ")) {
                Some(rest) => rest.split_once(']').map_or(rest, |(_, r)| r).to_string(),
                None => line,
            },
        )
        .collect::<Vec<_>>()
        .join("\n")
}

/// The words of `ENGLISH` found in `text`'s prose, as whole lowercase words (code such as
/// SOCK_STREAM or SHUT_WR is upper case and is not a word a person reads).
fn english_words(text: &str) -> Vec<String> {
    let prose = prose(text);
    let words: Vec<&str> = prose
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let mut found: Vec<String> = ENGLISH
        .iter()
        .filter(|wanted| {
            let parts: Vec<&str> = wanted.split(' ').collect();
            words
                .windows(parts.len())
                .any(|window| window == parts.as_slice())
        })
        .map(|w| w.to_string())
        .collect();
    found.dedup();
    found
}

fn assert_no_english(what: &str, text: &str) {
    let found = english_words(text);
    assert!(found.is_empty(), "{what}: English {found:?} in\n{text}");
}

/// `netlearn --lang LANG echo serve --port 0 --trace`, two clients (one ends its line, one
/// stops in the middle of one, one byte long), then SIGTERM: the server's whole log and the
/// first client's traced calls.
fn serve_and_talk(lang: &str) -> (String, String) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("netlearn"))
        .args(["--lang", lang, "echo", "serve", "--port", "0", "--trace"])
        .env("NO_COLOR", "1")
        .env("COLUMNS", "200")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn netlearn echo serve");
    let lines = crate::common::lines_of(child.stdout.take().expect("piped"));
    let first = lines.recv_timeout(WAIT).expect("the listening line");
    let at = first
        .find("127.0.0.1:")
        .expect("an address in the first line");
    let addr: String = first[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ':')
        .collect();
    let mut log = vec![first.clone()];
    let wait_for = |needle: &str, log: &mut Vec<String>| loop {
        let line = lines
            .recv_timeout(WAIT)
            .unwrap_or_else(|_| panic!("no line with {needle:?} in {log:#?}"));
        log.push(line.clone());
        // A Japanese tag is padded to the widest one: compare with single spaces.
        if line
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
            .contains(needle)
        {
            break;
        }
    };
    let client = netlearn()
        .args(["--lang", lang, "echo", "client", &addr, "--trace"])
        .write_stdin("hi\n")
        .output()
        .expect("run the client");
    assert!(client.status.success(), "{client:?}");
    let tag = |conn: u32| match lang {
        "ja" => format!("[接続 {conn}]"),
        _ => format!("[conn {conn}]"),
    };
    wait_for(&format!("{} close()", tag(1)), &mut log);
    let tail = netlearn()
        .args(["--lang", lang, "echo", "client", &addr])
        .write_stdin("x")
        .output()
        .expect("run the second client");
    assert_eq!(tail.stdout, b"x");
    wait_for(&format!("{} close()", tag(2)), &mut log);
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(status.success());
    // The log ends when the server exits (its stdout closes), within the wait.
    while let Ok(line) = lines.recv_timeout(WAIT) {
        log.push(line);
    }
    assert!(child.wait().expect("the server exits").success());
    let trace = String::from_utf8(client.stderr).expect("UTF-8");
    (log.join("\n"), trace)
}

#[test]
fn a_japanese_server_log_and_client_trace_have_no_english_words() {
    let (log, trace) = serve_and_talk("ja");
    assert!(log.contains("recv() -> 3 バイト"), "{log}");
    assert!(
        log.contains("recv() -> 0 バイト (ストリームの終わり)"),
        "{log}"
    );
    assert!(
        log.contains("まとめ: 2 個の接続 (拒否 0、終了時に切断 0)"),
        "{log}"
    );
    assert!(
        log.contains("最後の 1 バイトに改行がありませんでした"),
        "{log}"
    );
    assert_no_english("echo serve --trace", &log);
    assert!(trace.contains("[クライアント] send(3 バイト)"), "{trace}");
    assert_no_english("echo client --trace", &trace);
}

#[test]
fn the_english_server_log_and_client_trace_read_as_before() {
    let (log, trace) = serve_and_talk("en");
    for wanted in [
        "[conn 1] recv() -> 3 bytes ",
        "[conn 1] send(3 bytes) ",
        "[conn 1] recv() -> 0 bytes (end of stream)",
        "[conn 1] received 3 bytes: \"hi\\n\"",
        // One byte is one byte, not "1 bytes".
        "[conn 2] recv() -> 1 byte ",
        "[conn 2] last 1 byte had no newline (1 byte echoed anyway)",
        ", 1 frame, ",
        "summary: 2 connections (0 refused, 0 cut at shutdown), ",
    ] {
        assert!(log.contains(wanted), "{wanted:?} not in\n{log}");
    }
    assert!(trace.contains("[client] send(3 bytes) "), "{trace}");
    assert!(trace.contains("[client] recv() -> 3 bytes "), "{trace}");
}

fn bench(lang: &str, addr: &str) -> String {
    let output = netlearn()
        .env("COLUMNS", "200")
        .args(["--lang", lang, "echo", "bench", addr])
        .args(["--connections", "2", "--messages", "20"])
        .output()
        .expect("run echo bench");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn echo_bench_reports_in_japanese_and_in_english() {
    let server = SpawnedServer::start(&[]);
    let addr = server.addr.to_string();
    let ja = bench("ja", &addr);
    assert!(ja.contains("ペイロード 64 バイト"), "{ja}");
    assert!(ja.contains("2 個中 2 個が接続しました"), "{ja}");
    assert!(
        ja.contains("エコーされたバイトはすべて一致しました"),
        "{ja}"
    );
    assert_no_english("echo bench", &ja);
    let en = bench("en", &addr);
    for wanted in [
        "64 bytes payload",
        "2 of 2 connected",
        "every echoed byte matched",
        "msgs/s",
        "min ",
    ] {
        assert!(en.contains(wanted), "{wanted:?} not in\n{en}");
    }
}

#[test]
fn echo_demo_narrates_in_japanese_without_english_words() {
    for args in [&["echo", "demo"][..], &["echo", "demo", "--udp"][..]] {
        let output = netlearn()
            .env("COLUMNS", "200")
            .args(["--lang", "ja"])
            .args(args)
            .output()
            .expect("run echo demo");
        assert!(output.status.success(), "{output:?}");
        let text = String::from_utf8(output.stdout).expect("UTF-8");
        assert!(text.contains("バイト"), "{text}");
        assert_no_english(&args.join(" "), &text);
    }
}

/// Lines of `text` wider than `width` columns (a CJK character takes two).
fn too_wide(text: &str, width: usize) -> Vec<String> {
    text.lines()
        .filter(|line| unicode_width::UnicodeWidthStr::width(*line) > width)
        .map(str::to_string)
        .collect()
}

/// echo bench's report names its framing and mode in the reader's language, separates
/// thousands, and fits 80 and 60 columns.
#[test]
fn echo_bench_labels_its_values_in_the_readers_language_and_fits_80_and_60_columns() {
    let server = SpawnedServer::start(&["-q"]);
    let addr = server.addr.to_string();
    for mode in ["latency", "throughput", "connect"] {
        for lang in ["en", "ja"] {
            for columns in [80, 60] {
                let output = netlearn()
                    .env("COLUMNS", columns.to_string())
                    .args(["--lang", lang, "echo", "bench", &addr, "--mode", mode])
                    .args(["--messages", "1200", "--size", "64"])
                    .output()
                    .expect("run echo bench");
                assert!(output.status.success(), "{output:?}");
                let text = String::from_utf8(output.stdout).expect("UTF-8");
                let wide = too_wide(&text, columns);
                assert!(
                    wide.is_empty(),
                    "{lang} {columns} {mode}: {wide:#?}\n{text}"
                );
                let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(flat.contains("1,200"), "thousands separated:\n{text}");
                if lang == "ja" {
                    assert!(flat.contains("フレーミング: 区切り文字 (line)"), "{text}");
                    let named = match mode {
                        "latency" => "往復時間 (latency)",
                        "throughput" => "スループット (throughput)",
                        _ => "接続の速さ (connect)",
                    };
                    assert!(flat.contains(named), "{named:?} not in\n{text}");
                    assert!(text.contains(" 秒"), "seconds in Japanese:\n{text}");
                } else {
                    assert!(flat.contains("(tcp, line framing)"), "{text}");
                    assert!(text.contains(" s\n"), "{text}");
                }
            }
        }
    }
}

/// The server's log lines and its shutdown summary fit 80 and 60 columns in both languages
/// when a width is known (COLUMNS); piped without one, each stays one line for grep.
#[test]
fn the_server_log_and_summary_fit_80_and_60_columns_and_stay_whole_without_a_width() {
    for (lang, columns) in [
        ("en", Some(80)),
        ("en", Some(60)),
        ("ja", Some(80)),
        ("ja", Some(60)),
        ("en", None),
    ] {
        let mut command = Command::new(assert_cmd::cargo::cargo_bin!("netlearn"));
        command
            .args(["--lang", lang, "echo", "serve", "--port", "0"])
            .env("NO_COLOR", "1")
            .env_remove("COLUMNS")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if let Some(columns) = columns {
            command.env("COLUMNS", columns.to_string());
        }
        let mut child = command.spawn().expect("spawn echo serve");
        let lines = crate::common::lines_of(child.stdout.take().expect("piped"));
        let first = lines.recv_timeout(WAIT).expect("the listening line");
        let at = first
            .find("127.0.0.1:")
            .expect("an address in the first line");
        let addr: String = first[at..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ':')
            .collect();
        let client = netlearn()
            .args(["echo", "client", &addr])
            .write_stdin("hello\n")
            .output()
            .expect("run the client");
        assert!(client.status.success(), "{client:?}");
        let mut log = vec![first];
        let closed = if lang == "ja" {
            "との接続を閉じました"
        } else {
            "closed 127.0.0.1"
        };
        while !log.iter().any(|line| line.contains(closed)) {
            log.push(lines.recv_timeout(WAIT).expect("the closed line"));
        }
        let status = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success());
        // The stream ends when the server exits: every line it wrote is in.
        while let Ok(line) = lines.recv_timeout(WAIT) {
            log.push(line);
        }
        assert!(child.wait().expect("wait").success());
        let text = log.join("\n");
        match columns {
            Some(columns) => {
                let wide = too_wide(&text, columns);
                assert!(wide.is_empty(), "{lang} {columns}: {wide:#?}\n{text}");
            }
            None => {
                assert!(
                    log.iter()
                        .any(|line| line.contains(closed) && line.ends_with(" ms")),
                    "the closed line is one line:\n{text}"
                );
                assert!(
                    log.iter()
                        .any(|line| line.starts_with("summary: ") && line.contains(", up ")),
                    "the summary is one line:\n{text}"
                );
            }
        }
        assert!(text.contains("6 B"), "{text}");
    }
}
