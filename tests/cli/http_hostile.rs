//! `netlearn http get` against malicious servers on 127.0.0.1: every response a server can
//! stretch (interim answers, heads, chunk extensions, trailers, bodies, time) ends at its
//! limit with a one-line error naming the limit, exit 1; network text never reaches the
//! terminal raw.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::common::http::{HttpServer, certificates};
use crate::common::{json_of, netlearn};

/// Most a hostile responder sends before it gives up: far more than any limit lets through,
/// so a responder that got this far means the client kept reading.
const FLOOD: usize = 256 * 1024 * 1024;

/// Longest any one run of the client may take before the test calls it stuck.
const STUCK: Duration = Duration::from_secs(60);

fn accept_request(listener: &TcpListener) -> Option<TcpStream> {
    let (mut stream, _) = listener.accept().ok()?;
    stream.set_read_timeout(Some(STUCK)).ok()?;
    stream.set_write_timeout(Some(STUCK)).ok()?;
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") && request.len() < 64 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return None,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    Some(stream)
}

/// A one-connection responder: `prefix`, then `repeat` over and over until the client goes
/// away or [`FLOOD`] bytes are sent. Returns how many bytes it got out.
fn flooder(prefix: &[u8], repeat: &[u8]) -> (SocketAddr, JoinHandle<usize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (prefix, repeat) = (prefix.to_vec(), repeat.repeat(64 * 1024 / repeat.len() + 1));
    let thread = std::thread::spawn(move || {
        let Some(mut stream) = accept_request(&listener) else {
            return 0;
        };
        if stream.write_all(&prefix).is_err() {
            return 0;
        }
        let mut sent = prefix.len();
        while sent < FLOOD {
            if stream.write_all(&repeat).is_err() {
                break;
            }
            sent += repeat.len();
        }
        sent
    });
    (addr, thread)
}

/// Runs `http get` and returns its one stderr line, asserting the exit code.
fn fails_with(args: &[&str], code: i32) -> String {
    let output = netlearn()
        .args(["http", "get"])
        .args(args)
        .timeout(STUCK)
        .assert()
        .code(code);
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).to_string();
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    stderr
}

/// Floods, expects the client to stop with an error containing every one of `expected`.
fn stopped_by(prefix: &[u8], repeat: &[u8], flags: &[&str], expected: &[&str]) {
    let (addr, server) = flooder(prefix, repeat);
    let url = format!("http://{addr}/");
    let mut args = vec![url.as_str()];
    args.extend_from_slice(flags);
    let stderr = fails_with(&args, 1);
    for part in expected {
        assert!(stderr.contains(part), "{part:?} in {stderr}");
    }
    let sent = server.join().expect("responder");
    assert!(
        sent < FLOOD,
        "the client read all {sent} bytes instead of stopping"
    );
}

#[test]
fn chunk_extensions_have_a_budget() {
    let chunk = format!("1;{}\r\nx\r\n", "e".repeat(998));
    stopped_by(
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
        chunk.as_bytes(),
        &[],
        &["chunk extensions", "limit of 4 KiB"],
    );
}

#[test]
fn endless_interim_answers_stop_after_ten() {
    stopped_by(
        b"",
        b"HTTP/1.1 100 Continue\r\n\r\n",
        &[],
        &["more than 10 interim (1xx) answers"],
    );
    let mut hints = b"HTTP/1.1 103 Early Hints\r\n".to_vec();
    for n in 0..90 {
        hints.extend_from_slice(format!("Link: </s{n}.css>; rel=preload\r\n").as_bytes());
    }
    hints.extend_from_slice(b"\r\n");
    stopped_by(b"", &hints, &[], &["more than 10 interim (1xx) answers"]);
}

#[test]
fn heads_and_trailers_have_size_limits() {
    stopped_by(
        b"HTTP/1.1 200 OK\r\nX-Big: ",
        b"a",
        &[],
        &["response head is larger than the limit of 64 KiB"],
    );
    stopped_by(
        b"HTTP/1.1 200 OK\r\n",
        b"X-Many: header\r\n",
        &[],
        &["response head is larger than the limit of 64 KiB"],
    );
    stopped_by(
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n",
        b"X-Trailer: yyyyyyyy\r\n",
        &[],
        &["trailer fields", "limit of 16 KiB"],
    );
}

#[test]
fn bodies_stop_at_max_body_however_they_are_framed() {
    let expected = &["body is larger than the limit of 64 KiB", "--max-body"];
    let flags = &["--max-body", "64KiB"];
    stopped_by(
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
        b"1\r\nx\r\n",
        flags,
        expected,
    );
    stopped_by(b"HTTP/1.1 200 OK\r\n\r\n", b"z", flags, expected);
    stopped_by(
        b"HTTP/1.1 200 OK\r\nContent-Length: 1000000000\r\n\r\n",
        b"z",
        flags,
        expected,
    );
}

#[test]
fn a_trickling_server_ends_at_the_whole_exchange_deadline() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = std::thread::spawn(move || {
        let Some(mut stream) = accept_request(&listener) else {
            return;
        };
        // Each byte comes well inside --timeout; only the whole-exchange deadline can end it.
        for &byte in b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
            .iter()
            .cycle()
            .take(300)
        {
            if stream.write_all(&[byte]).is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    });
    let stderr = fails_with(
        &[
            &format!("http://{addr}/"),
            "--timeout",
            "5s",
            "--max-time",
            "1s",
        ],
        1,
    );
    assert!(
        stderr.contains("the whole exchange took longer than its limit of 1 s"),
        "{stderr}"
    );
    assert!(stderr.contains("--max-time"), "{stderr}");
    server.join().expect("responder");
}

#[test]
fn a_silent_server_ends_at_the_per_read_timeout() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = std::thread::spawn(move || {
        let Some(mut stream) = accept_request(&listener) else {
            return;
        };
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        // Silent until the client hangs up (bounded by the read timeout).
        let _ = stream.read(&mut [0u8; 16]);
    });
    let stderr = fails_with(
        &[
            &format!("http://{addr}/"),
            "--timeout",
            "1s",
            "--max-time",
            "30s",
        ],
        1,
    );
    assert!(
        stderr.contains("reading the body timed out after 1 s"),
        "{stderr}"
    );
    assert!(stderr.contains("--timeout"), "{stderr}");
    server.join().expect("responder");
}

/// A one-connection responder that writes `response` and closes.
fn answer(response: &[u8]) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let response = response.to_vec();
    std::thread::spawn(move || {
        if let Some(mut stream) = accept_request(&listener) {
            let _ = stream.write_all(&response);
        }
    });
    addr
}

#[test]
fn ambiguous_framing_is_refused() {
    for (response, expected) in [
        (
            &b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\nhello"[..],
            "two different Content-Length values",
        ),
        (
            b"HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\nhello",
            "Content-Length '+5' is not a number",
        ),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n+5\r\nhello\r\n0\r\n\r\n",
            "chunk size '+5' is not a hexadecimal number",
        ),
    ] {
        let addr = answer(response);
        let stderr = fails_with(&[&format!("http://{addr}/")], 1);
        assert!(stderr.contains(expected), "{expected:?} in {stderr}");
    }
    // One value repeated is not ambiguous.
    let addr = answer(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok");
    let report = json_of(&["http", "get", &format!("http://{addr}/")]);
    assert_eq!(report["body_text"], "ok");
}

#[test]
fn many_small_chunks_are_counted_and_listed_in_part() {
    let mut response = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    response.extend_from_slice(&b"1\r\nx\r\n".repeat(1500));
    response.extend_from_slice(b"0\r\n\r\n");
    let addr = answer(&response);
    let report = json_of(&["http", "get", &format!("http://{addr}/")]);
    assert_eq!(report["body_bytes"], 1500);
    assert_eq!(report["chunk_count"], 1500);
    assert_eq!(report["chunk_sizes"].as_array().map(Vec::len), Some(1000));
}

#[test]
fn the_wrong_scheme_is_named_in_plain_words() {
    let site = tempfile::tempdir().expect("tempdir");
    let certs = tempfile::tempdir().expect("tempdir");
    let (ca, config) = certificates(certs.path(), &["localhost"], (2099, 1, 1));
    let tls = HttpServer::start(site.path(), Some(config));
    let port = tls.addr.port();
    let stderr = fails_with(&[&format!("http://127.0.0.1:{port}/x")], 1);
    assert!(
        stderr.contains(&format!(
            "this port speaks TLS, try https://127.0.0.1:{port}/x"
        )),
        "{stderr}"
    );

    let plain = HttpServer::start(site.path(), None);
    let port = plain.addr.port();
    let stderr = fails_with(
        &[
            &format!("https://localhost:{port}/"),
            "--ca-file",
            ca.to_str().expect("utf-8 path"),
        ],
        1,
    );
    assert!(
        stderr.contains(&format!(
            "this port speaks plain HTTP, try http://localhost:{port}/"
        )),
        "{stderr}"
    );
}

#[test]
fn a_wrong_name_error_lists_the_certificate_names() {
    let site = tempfile::tempdir().expect("tempdir");
    let certs = tempfile::tempdir().expect("tempdir");
    let (ca, config) = certificates(certs.path(), &["localhost", "a.test"], (2099, 1, 1));
    let server = HttpServer::start(site.path(), Some(config));
    let stderr = fails_with(
        &[
            &format!("https://127.0.0.1:{}/", server.addr.port()),
            "--ca-file",
            ca.to_str().expect("utf-8 path"),
        ],
        1,
    );
    assert!(
        stderr.contains(
            "wrong name: the certificate is not for 127.0.0.1, it is for localhost, a.test"
        ),
        "{stderr}"
    );
}

/// Bytes that would drive a terminal: an escape sequence that sets the window title, a
/// C1 CSI and a right-to-left override.
const EVIL: &str = "evil\u{1b}]0;pwned\u{7}\u{9b}31m\u{202e}";

#[test]
fn certificate_names_and_headers_reach_the_terminal_escaped() {
    let site = tempfile::tempdir().expect("tempdir");
    std::fs::write(site.path().join("hello.txt"), "hello\n").expect("write");
    let made = netlearn::net::tls::throwaway_certificates(&format!("{EVIL} CA"), &["localhost"])
        .expect("certificates");
    let ca = site.path().join("ca.pem");
    std::fs::write(&ca, &made.ca_pem).expect("write CA");
    let config = netlearn::net::tls::server_config(made.chain, made.key).expect("config");
    let server = HttpServer::start(site.path(), Some(config));
    let url = format!("https://localhost:{}/hello.txt", server.addr.port());
    let output = netlearn()
        .args([
            "http",
            "get",
            &url,
            "--ca-file",
            ca.to_str().expect("utf-8 path"),
        ])
        .timeout(STUCK)
        .assert()
        .success();
    let text = String::from_utf8_lossy(&output.get_output().stdout).to_string();
    assert!(
        !text.contains(['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']),
        "raw control characters in: {text:?}"
    );
    assert!(
        text.contains("issued by: CN=evil\\x1b]0;pwned\\x07\\u{9b}31m\\u{202e} CA"),
        "{text}"
    );
    // JSON keeps the real value.
    let report = json_of(&[
        "http",
        "get",
        &url,
        "--ca-file",
        ca.to_str().expect("utf-8 path"),
    ]);
    let issuer = report["tls"]["chain"][0]["issuer"]
        .as_str()
        .expect("issuer");
    assert!(issuer.contains(EVIL), "{issuer:?}");

    let addr = answer(
        format!(
            "HTTP/1.1 200 OK\r\nX-Evil: {}\r\nContent-Length: 4\r\n\r\nok\u{1b}c",
            "\u{9b}2J"
        )
        .as_bytes(),
    );
    let output = netlearn()
        .args(["http", "get", &format!("http://{addr}/")])
        .timeout(STUCK)
        .assert()
        .success();
    let piped = output.get_output().stdout.clone();
    let text = String::from_utf8_lossy(&piped);
    assert!(text.contains("< X-Evil: \\u{9b}2J"), "{text}");
    assert!(
        piped.windows(4).any(|w| w == b"ok\x1bc"),
        "a piped body stays byte-exact: {text:?}"
    );
}
