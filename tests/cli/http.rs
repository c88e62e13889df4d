//! `netlearn http get|serve|demo` end to end against netlearn's own file server in-process
//! (plain and TLS with a throwaway CA) and raw responders on 127.0.0.1.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::common::http::{HttpServer, certificates, raw_responder};
use crate::common::{json_of, netlearn};

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("hello.txt"), "hello, world\n").unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/page.html"), "<p>sub</p>\n").unwrap();
    dir
}

fn stderr_of(args: &[&str], code: i32) -> String {
    crate::common::one_line_error(netlearn().args(args), code)
}

/// Sends raw bytes, returns the status line of the answer.
fn raw_status(addr: std::net::SocketAddr, request: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer)
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

#[test]
fn get_shows_request_bytes_status_headers_and_a_content_length_body() {
    let dir = site();
    let server = HttpServer::start(dir.path(), None);
    let url = format!("http://{}/hello.txt", server.addr);
    let report = json_of(&["http", "get", &url]);
    let request = report["request_text"].as_str().unwrap();
    assert!(request.starts_with(&format!(
        "GET /hello.txt HTTP/1.1\r\nHost: {}\r\n",
        server.addr
    )));
    assert!(request.ends_with("\r\n\r\n"));
    assert_eq!(report["head"]["status"], 200);
    assert_eq!(report["framing"]["kind"], "content-length");
    assert_eq!(report["framing"]["bytes"], 13);
    assert_eq!(report["body_text"], "hello, world\n");
    assert!(report["timings"]["total_ms"].as_f64().unwrap() > 0.0);
    assert!(report["timings"]["dns_ms"].is_null(), "an IP needs no DNS");
    let text = String::from_utf8(
        netlearn()
            .args(["http", "get", &url])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    assert!(text.contains("> GET /hello.txt HTTP/1.1"), "{text}");
    assert!(text.contains("< HTTP/1.1 200 OK"), "{text}");
    assert!(
        text.contains("* body: 13 bytes, framed by Content-Length"),
        "{text}"
    );
}

#[test]
fn head_404_directories_and_fail() {
    let dir = site();
    let server = HttpServer::start(dir.path(), None);
    let base = format!("http://{}", server.addr);
    let head = json_of(&["http", "get", "-X", "HEAD", &format!("{base}/hello.txt")]);
    assert_eq!(head["framing"]["kind"], "none");
    assert_eq!(head["body_bytes"], 0);
    let missing = json_of(&["http", "get", &format!("{base}/nope")]);
    assert_eq!(missing["head"]["status"], 404);
    stderr_of(&["http", "get", "--fail", &format!("{base}/nope")], 1);
    let listing = json_of(&["http", "get", &format!("{base}/")]);
    let page = listing["body_text"].as_str().unwrap();
    assert!(
        page.contains("hello.txt") && page.contains("sub/"),
        "{page}"
    );
    let redirect = json_of(&["http", "get", &format!("{base}/sub")]);
    assert_eq!(redirect["head"]["status"], 301);
}

#[test]
fn path_traversal_is_refused() {
    let dir = site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret"), "top secret").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path(), dir.path().join("escape")).unwrap();
    let server = HttpServer::start(dir.path(), None);
    for path in [
        "/../secret",
        "/sub/../../secret",
        "/%2e%2e/secret",
        "/sub/%2E%2E/%2e%2e/secret",
        "/sub/..%2f..%2fsecret",
        "/..%5csecret",
        "/escape/secret",
    ] {
        let status = raw_status(
            server.addr,
            &format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        );
        assert!(
            status.contains(" 403 ") || status.contains(" 404 "),
            "{path}: {status}"
        );
    }
    let fine = raw_status(
        server.addr,
        "GET /sub/../hello.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(
        fine.contains(" 403 "),
        "any .. is refused, even one that stays inside: {fine}"
    );
}

#[test]
fn chunked_and_until_close_bodies_are_decoded() {
    let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n6\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\n\r\n".to_vec();
    let (addr, peer) = raw_responder(chunked, false);
    let report = json_of(&["http", "get", &format!("http://{addr}/")]);
    assert_eq!(report["framing"]["kind"], "chunked");
    assert_eq!(report["chunk_sizes"], serde_json::json!([4, 6, 14]));
    assert_eq!(report["body_text"], "Wikipedia in \r\n\r\nchunks.");
    peer.join().unwrap();

    let early_hints = b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".to_vec();
    let (addr, peer) = raw_responder(early_hints, false);
    let report = json_of(&["http", "get", &format!("http://{addr}/")]);
    assert_eq!(report["informational"][0]["status"], 103);
    assert_eq!(report["head"]["status"], 200);
    assert_eq!(report["body_text"], "ok");
    peer.join().unwrap();

    let until_close =
        b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nbody until close".to_vec();
    let (addr, peer) = raw_responder(until_close, false);
    let report = json_of(&["http", "get", &format!("http://{addr}/")]);
    assert_eq!(report["framing"]["kind"], "until-close");
    assert_eq!(report["body_text"], "body until close");
    peer.join().unwrap();
}

/// The article's exchange: a server that reads the request to end of stream answers only
/// when the client half-closes.
#[test]
fn half_close_lets_a_read_to_eof_server_answer() {
    let response = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".to_vec();
    let (addr, peer) = raw_responder(response, true);
    let report = json_of(&[
        "http",
        "get",
        "--half-close",
        &format!("http://{addr}/article"),
    ]);
    assert_eq!(report["half_closed"], true);
    assert_eq!(report["body_text"], "ok");
    let request = peer.join().unwrap();
    assert!(String::from_utf8_lossy(&request).starts_with("GET /article HTTP/1.1\r\n"));

    let dir = site();
    let server = HttpServer::start(dir.path(), None);
    let report = json_of(&[
        "http",
        "get",
        "--half-close",
        &format!("http://{}/hello.txt", server.addr),
    ]);
    assert_eq!(
        report["head"]["status"], 200,
        "hyper answers after a half-close"
    );
}

#[test]
fn tls_handshake_facts_with_a_private_ca() {
    let dir = site();
    let certs = tempfile::tempdir().unwrap();
    let (ca, config) = certificates(certs.path(), &["localhost"], (2099, 1, 1));
    let server = HttpServer::start(dir.path(), Some(config));
    let url = format!("https://localhost:{}/hello.txt", server.addr.port());
    let report = json_of(&["http", "get", &url, "--ca-file", ca.to_str().unwrap()]);
    let tls = &report["tls"];
    assert_eq!(tls["version"], "TLS 1.3");
    assert_eq!(tls["alpn"], "http/1.1");
    assert!(tls["cipher_suite"].as_str().unwrap().starts_with("TLS13_"));
    assert_eq!(tls["verified"], true);
    assert_eq!(tls["chain"][0]["names"], serde_json::json!(["localhost"]));
    assert!(
        tls["chain"][0]["issuer"]
            .as_str()
            .unwrap()
            .contains("netlearn test CA")
    );
    assert!(
        tls["chain"][0]["not_after"]
            .as_str()
            .unwrap()
            .contains("2099")
    );
    assert_eq!(report["body_text"], "hello, world\n");
    assert!(report["timings"]["tls_ms"].as_f64().is_some());
}

#[test]
fn each_verification_failure_is_named() {
    let dir = site();
    let certs = tempfile::tempdir().unwrap();
    let (ca, good) = certificates(certs.path(), &["localhost"], (2099, 1, 1));
    let ca = ca.to_str().unwrap().to_string();
    let server = HttpServer::start(dir.path(), Some(good));
    let port = server.addr.port();
    let unknown = stderr_of(&["http", "get", &format!("https://localhost:{port}/")], 1);
    assert!(unknown.contains("unknown issuer"), "{unknown}");
    let wrong_name = stderr_of(
        &[
            "http",
            "get",
            &format!("https://127.0.0.1:{port}/"),
            "--ca-file",
            &ca,
        ],
        1,
    );
    assert!(wrong_name.contains("wrong name"), "{wrong_name}");

    let expired_dir = tempfile::tempdir().unwrap();
    let (old_ca, expired) = certificates(expired_dir.path(), &["localhost"], (2020, 1, 1));
    let old_ca = old_ca.to_str().unwrap().to_string();
    let old = HttpServer::start(dir.path(), Some(expired));
    let url = format!("https://localhost:{}/hello.txt", old.addr.port());
    let message = stderr_of(&["http", "get", &url, "--ca-file", &old_ca], 1);
    assert!(message.contains("expired"), "{message}");
    let insecure = json_of(&["http", "get", &url, "--ca-file", &old_ca, "--insecure"]);
    assert_eq!(insecure["tls"]["verified"], false);
    assert!(
        insecure["tls"]["verification"]
            .as_str()
            .unwrap()
            .contains("expired")
    );
    assert_eq!(insecure["body_text"], "hello, world\n");
}

#[test]
fn bad_urls_and_unreachable_servers_are_one_line() {
    assert!(stderr_of(&["http", "get", "ftp://example.test/"], 2).contains("ftp"));
    assert!(stderr_of(&["http", "get", "http://exa mple/"], 2).contains("not a URL"));
    assert!(
        stderr_of(&["http", "get", "http://127.0.0.1/", "-H", "no colon"], 2)
            .contains("Name: value")
    );
    assert!(
        stderr_of(
            &[
                "http",
                "get",
                "https://localhost:1/",
                "--ca-file",
                "/nonexistent/ca.pem"
            ],
            2
        )
        .contains("/nonexistent/ca.pem")
    );
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let refused = stderr_of(&["http", "get", &format!("http://127.0.0.1:{port}/")], 1);
    assert!(refused.contains("connection refused"), "{refused}");
}

/// Ends a chunked body with a size that is not hexadecimal.
const BAD_CHUNK: &[u8] = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n";

#[test]
fn errors_read_in_japanese_and_stay_the_same_in_english() {
    let ja = |args: &[&str], code: i32| {
        let mut all = vec!["--lang", "ja"];
        all.extend_from_slice(args);
        stderr_of(&all, code)
    };
    let scheme = ja(&["http", "get", "ftp://example.test/"], 2);
    assert!(
        scheme.contains("使えるのは http:// と https:// だけで、ftp:// は使えません"),
        "{scheme}"
    );
    let invalid = ja(&["http", "get", "http://host:99999/"], 2);
    assert!(invalid.contains("URL ではありません"), "{invalid}");
    assert_eq!(
        stderr_of(&["http", "get", "http://host:99999/"], 2),
        "netlearn: error: \"http://host:99999/\" is not a URL: invalid port number\n"
    );

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = closed.local_addr().unwrap();
    drop(closed);
    let refused = ja(&["http", "get", &format!("http://{addr}/")], 1);
    assert!(
        refused.contains(&format!("{addr} に接続できません")),
        "{refused}"
    );
    assert!(
        refused.contains("netlearn http serve"),
        "the next step: {refused}"
    );

    let (server, _) = raw_responder(BAD_CHUNK.to_vec(), false);
    let chunk = ja(&["http", "get", &format!("http://{server}/")], 1);
    assert!(
        chunk.contains("チャンクのサイズ 'zz' は 16 進数ではありません"),
        "{chunk}"
    );
    let (server, _) = raw_responder(BAD_CHUNK.to_vec(), false);
    assert_eq!(
        stderr_of(&["http", "get", &format!("http://{server}/")], 1),
        "netlearn: error: bad chunked encoding: chunk size 'zz' is not a hexadecimal number\n"
    );
}

#[test]
fn serve_prints_its_url_and_logs_requests() {
    let dir = site();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("netlearn"))
        .args(["http", "serve", "--port", "0"])
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut lines, &mut first).unwrap();
    assert!(first.starts_with("listening on 127.0.0.1:"), "{first}");
    assert!(first.contains("(http, serving "), "{first}");
    let addr = first.split_whitespace().nth(2).unwrap().to_string();
    let url = format!("http://{addr}/");
    let mut second = String::new();
    std::io::BufRead::read_line(&mut lines, &mut second).unwrap();
    assert!(second.contains(&url), "{second}");
    let report = json_of(&["http", "get", &format!("{url}hello.txt")]);
    assert_eq!(report["body_text"], "hello, world\n");
    let mut log = String::new();
    std::io::BufRead::read_line(&mut lines, &mut log).unwrap();
    assert!(log.contains("GET /hello.txt -> 200 OK"), "{log}");
    let _ = child.kill();
    let _ = child.wait();
    let missing = stderr_of(&["http", "serve", "/nonexistent/dir", "--port", "0"], 2);
    assert!(missing.contains("/nonexistent/dir"), "{missing}");
}

#[test]
fn demo_runs_both_halves_offline() {
    for args in [
        vec!["http", "demo"],
        vec!["http", "demo", "--tls", "--half-close"],
    ] {
        let report = json_of(&args);
        assert_eq!(report["exchange"]["head"]["status"], 200);
        assert_eq!(report["server_log"][0]["status"], 200);
    }
}

fn demo_text(lang: &str, columns: usize, args: &[&str]) -> String {
    let output = netlearn()
        .env("COLUMNS", columns.to_string())
        .args(["--lang", lang, "http", "demo"])
        .args(args)
        .output()
        .expect("run http demo");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// The certificate block gives its dates as ISO 8601 in UTC (OpenSSL's form is English:
/// `Jan  1 00:00:00 1975 +00:00`), and under --lang ja every label is Japanese.
#[test]
fn the_certificate_block_has_iso_dates_and_labels_in_the_readers_language() {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    for lang in ["en", "ja"] {
        let text = demo_text(lang, 200, &["--tls"]);
        // The `*` lines are netlearn's narration (`< date:` is the server's header, as sent).
        let block: Vec<&str> = text
            .lines()
            .filter(|line| line.starts_with("*  "))
            .collect();
        assert!(block.len() >= 4, "{text}");
        let block = block.join("\n");
        assert!(
            block.contains("1975-01-01 00:00:00 UTC"),
            "{lang}: ISO dates in\n{block}"
        );
        for month in MONTHS {
            assert!(!block.contains(month), "{lang}: {month:?} in\n{block}");
        }
        if lang == "ja" {
            for label in [
                "証明書 1 (サーバー)",
                "発行者:",
                "名前:",
                "有効期間:",
                "証明書 2 (チェーン)",
            ] {
                assert!(block.contains(label), "{label:?} not in\n{block}");
            }
            for english in [
                "certificate",
                "issued by",
                "names:",
                "valid:",
                "until",
                "server",
                "chain",
            ] {
                assert!(!block.contains(english), "{english:?} in\n{block}");
            }
        } else {
            assert!(block.contains("valid:"), "{block}");
        }
    }
}

/// Nobody pressed Ctrl-C in a demo: its server just stops, and the timing labels are the
/// reader's words (connect is 接続 in Japanese).
#[test]
fn the_demo_server_stops_without_a_ctrl_c_sentence_and_its_timings_are_labelled_in_japanese() {
    let en = demo_text("en", 200, &[]);
    assert!(!en.contains("Ctrl-C"), "{en}");
    assert!(en.contains("the demo is over: the server stops"), "{en}");
    let ja = demo_text("ja", 200, &[]);
    assert!(!ja.contains("Ctrl-C"), "{ja}");
    assert!(
        ja.contains("デモが終わったので、サーバーを止めます"),
        "{ja}"
    );
    let timings = ja
        .lines()
        .find(|line| line.contains("所要時間"))
        .unwrap_or_else(|| panic!("no timings in\n{ja}"));
    assert!(timings.contains("接続 "), "{timings}");
    assert!(!timings.contains("connect"), "{timings}");
}

/// Every line netlearn writes in `http demo` (plain and TLS) fits 80 and 60 columns in both
/// languages; the page's own bytes (the body, shown as sent) are data, not netlearn's lines.
#[test]
fn http_demo_fits_80_and_60_columns_in_both_languages() {
    for args in [&[][..], &["--tls"][..], &["--half-close"][..]] {
        for lang in ["en", "ja"] {
            for columns in [80, 60] {
                let text = demo_text(lang, columns, args);
                let wide: Vec<&str> = text
                    .lines()
                    .filter(|line| !line.starts_with("<p>") && !line.starts_with("<html>"))
                    .filter(|line| unicode_width::UnicodeWidthStr::width(*line) > columns)
                    .collect();
                assert!(
                    wide.is_empty(),
                    "{lang} {columns} {args:?}: {wide:#?}\n{text}"
                );
                // A duration stays with its unit when the line is folded.
                assert!(text.contains(" ms"), "{text}");
            }
        }
    }
}

/// The runtime that cannot start is one message, process-no-runtime, in both languages.
#[test]
fn a_runtime_that_cannot_start_is_one_message() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("texts");
    for lang in ["en", "ja"] {
        let mut ids = Vec::new();
        for entry in std::fs::read_dir(root.join(lang)).expect("texts") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
            for line in text.lines() {
                if let Some((id, _)) = line.split_once(" = ")
                    && id.ends_with("-no-runtime")
                {
                    ids.push(id.to_string());
                }
            }
        }
        assert_eq!(ids, ["process-no-runtime"], "{lang}");
    }
}
