//! The real binary end to end: serve with --port 0, the client in every mode, bench, errors.

mod common;

use common::{SpawnedServer, netlearn};
use predicates::prelude::*;

fn sample_file() -> Vec<u8> {
    // Binary and text mixed: NULs, invalid UTF-8, CRLF, multibyte characters, long lines.
    let mut data = Vec::new();
    for i in 0..3000u32 {
        data.extend_from_slice(format!("line {i} grüße 世界\r\n").as_bytes());
        data.extend_from_slice(&[0, 0xff, 0xfe, (i % 256) as u8, b'\n']);
    }
    data.extend_from_slice(&[b'z'; 70_000]);
    data.extend_from_slice(b"\nno final newline");
    data
}

#[test]
fn article_session_reproduced_with_the_real_binaries() {
    let server = SpawnedServer::start(&[]);
    let addr = server.addr.to_string();
    let data = sample_file();
    for framing in ["line", "raw", "length", "fixed:7"] {
        let framed_server;
        let target = if framing == "line" {
            addr.clone()
        } else {
            framed_server = SpawnedServer::start(&["--framing", framing]);
            framed_server.addr.to_string()
        };
        netlearn()
            .args(["echo", "client", &target, "--framing", framing])
            .write_stdin(data.clone())
            .assert()
            .success()
            .stdout(predicate::eq(data.clone()));
    }
    server.wait_for_line("closed");
}

#[test]
fn udp_pipe_is_byte_exact_in_every_framing() {
    let data = sample_file();
    for framing in ["line", "raw", "length", "fixed:512"] {
        let server = SpawnedServer::start(&["--udp", "--framing", framing]);
        netlearn()
            .args([
                "echo",
                "client",
                "--udp",
                &server.addr.to_string(),
                "--framing",
                framing,
            ])
            .write_stdin(data.clone())
            .assert()
            .success()
            .stdout(predicate::eq(data.clone()));
    }
}

#[test]
fn listening_line_and_trace_narrate_socket_calls() {
    let server = SpawnedServer::start(&["--trace"]);
    server.wait_for_line("listen(128)");
    netlearn()
        .args(["echo", "client", &server.addr.to_string()])
        .write_stdin("hi\n")
        .assert()
        .success()
        .stdout("hi\n");
    let accept = server.wait_for_line("accept()");
    assert!(accept.contains("conn, addr = s.accept()"), "{accept}");
    server.wait_for_line("recv() -> 3 bytes");
    server.wait_for_line("shutdown(SHUT_WR)");
    server.wait_for_line("close()");
}

#[test]
fn json_log_is_json_lines() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("netlearn"))
        .args(["--json", "echo", "serve", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut reader, &mut first).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let event: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(event["event"], "listening");
    assert_eq!(event["proto"], "tcp");
    assert_eq!(event["framing"], "line");
    assert!(event["addr"].as_str().unwrap().starts_with("127.0.0.1:"));
}

#[test]
fn sigterm_stops_gracefully_with_a_summary_and_exit_zero() {
    let server = SpawnedServer::start(&[]);
    netlearn()
        .args(["echo", "client", &server.addr.to_string()])
        .write_stdin("before shutdown\n")
        .assert()
        .success();
    server.wait_for_line("closed");
    server.signal(15);
    let summary = server.wait_for_line("summary:");
    assert!(summary.contains("1 connections"), "{summary}");
    assert!(server.wait().success());
}

#[test]
fn count_mode_verifies_generated_messages() {
    let server = SpawnedServer::start(&["--framing", "length"]);
    let output = netlearn()
        .args(["--json", "echo", "client", &server.addr.to_string()])
        .args(["--framing", "length", "--count", "50", "--size", "1KiB"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&output).unwrap();
    assert_eq!(report["sent"], 50);
    assert_eq!(report["echoed"], 50);
    assert_eq!(report["mismatches"], 0);
    assert!(report["latency"]["p50_us"].as_f64().unwrap() > 0.0);
}

#[test]
fn bench_measures_and_verifies_every_mode() {
    let server = SpawnedServer::start(&[]);
    for mode in ["latency", "throughput", "connect"] {
        let output = netlearn()
            .args(["--json", "echo", "bench", &server.addr.to_string()])
            .args(["--mode", mode, "--connections", "4", "--messages", "400"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let result: serde_json::Value = serde_json::from_slice(&output).unwrap();
        assert_eq!(result["mode"], mode);
        assert_eq!(result["errors"], 0, "{result}");
        assert_eq!(result["mismatches"], 0, "{result}");
        assert_eq!(result["messages"], 400, "{result}");
        assert!(result["bytes_echoed"].as_u64().unwrap() > 0);
    }
}

#[test]
fn client_against_a_closed_port_fails_with_one_line_and_exit_1() {
    // Bind then drop a listener: that port is known to be closed now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    netlearn()
        .args([
            "echo",
            "client",
            &format!("127.0.0.1:{port}"),
            "--count",
            "1",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(
            "netlearn: error: cannot connect to 127.0.0.1:",
        ))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
}

#[test]
fn bad_input_is_a_usage_error_with_exit_2() {
    for args in [
        vec!["echo", "serve", "--framing", "fixed:0"],
        vec!["echo", "serve", "--framing", "lines"],
        vec!["echo", "serve", "--max-frame", "lots"],
        vec![
            "echo",
            "serve",
            "--framing",
            "fixed:4096",
            "--max-frame",
            "1KiB",
        ],
        vec!["echo", "client", "127.0.0.1:99999"],
        vec![
            "echo",
            "client",
            "--count",
            "1",
            "--framing",
            "fixed:8",
            "--size",
            "9",
        ],
        vec!["echo", "bench", "--framing", "fixed:8", "--size", "9"],
        vec!["echo", "bench", "--duration", "soon"],
    ] {
        netlearn()
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::is_empty().not());
    }
}

#[test]
fn quit_in_a_piped_line_stream_is_reported_not_hidden() {
    let server = SpawnedServer::start(&[]);
    netlearn()
        .args(["echo", "client", &server.addr.to_string()])
        .write_stdin("a\nquit\nb\n")
        .assert()
        .code(1)
        .stdout("a\n")
        .stderr(predicate::str::contains("server closed the connection"));
}

/// The interactive client needs a terminal: `script` (util-linux) gives it a pseudo-terminal.
/// Each line is typed only after the screen shows the client is ready for it, as a person would.
#[test]
fn interactive_client_on_a_terminal_prints_echo_rtt_and_honours_quit() {
    use std::io::{Read, Write};
    let server = SpawnedServer::start(&[]);
    let bin = assert_cmd::cargo::cargo_bin!("netlearn");
    let command = format!("{} echo client {}", bin.display(), server.addr);
    let mut child = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run script(1)");
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let (tx, screen_updates) = std::sync::mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0
                || tx
                    .send(String::from_utf8_lossy(&buf[..n]).into_owned())
                    .is_err()
            {
                break;
            }
        }
    });
    let mut screen = String::new();
    let wait_for = |needle: &str, screen: &mut String| {
        while !screen.contains(needle) {
            match screen_updates.recv_timeout(common::WAIT) {
                Ok(update) => screen.push_str(&update),
                Err(_) => panic!("{needle:?} never appeared on the terminal: {screen}"),
            }
        }
    };
    wait_for("> ", &mut screen);
    stdin.write_all(b"hello there\n").unwrap();
    wait_for("echo: hello there", &mut screen);
    stdin.write_all(b"quit\n").unwrap();
    wait_for("server closed the connection", &mut screen);
    server.wait_for_line("peer sent quit");
    drop(stdin);
    let status = child.wait().unwrap();
    let _ = reader.join();
    assert!(status.success(), "{screen}");
    assert!(screen.contains("connected to"), "{screen}");
    assert!(screen.contains("µs)"), "round-trip time shown: {screen}");
}

#[test]
fn non_loopback_bind_warns_on_the_second_line() {
    // Binding the wildcard address sends no traffic anywhere; it only makes the server reachable.
    let server = SpawnedServer::start(&["--bind", "0.0.0.0"]);
    let warning = server
        .lines
        .recv_timeout(common::WAIT)
        .expect("a second line");
    assert!(
        warning.starts_with("warning: 0.0.0.0 is not a loopback address"),
        "{warning}"
    );
}

#[test]
fn port_in_use_is_a_runtime_error_on_one_line() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    netlearn()
        .args(["echo", "serve", "--port", &port])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(format!(
            "netlearn: error: cannot listen on 127.0.0.1:{port} (tcp): "
        )))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
}

#[test]
fn client_trace_narrates_its_own_calls_on_stderr_leaving_stdout_byte_exact() {
    let server = SpawnedServer::start(&[]);
    let output = netlearn()
        .args(["echo", "client", &server.addr.to_string(), "--trace"])
        .write_stdin("traced\n")
        .assert()
        .success()
        .stdout("traced\n");
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).to_string();
    for expected in [
        "[client] socket(AF_INET, SOCK_STREAM)",
        &format!("s.connect((\"127.0.0.1\", {}))", server.addr.port()),
        "[client] send(7 bytes)",
        "s.shutdown(socket.SHUT_WR)",
        "s.close()",
    ] {
        assert!(stderr.contains(expected), "{expected:?} in {stderr}");
    }
}

#[test]
fn pipe_finishes_against_a_server_that_never_closes_after_half_close() {
    use std::io::{Read, Write};
    // A foreign echo server that echoes but keeps its side open after our half-close.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let (release, held) = std::sync::mpsc::channel::<()>();
    let server = std::thread::spawn(move || {
        let (mut conn, _) = listener.accept().unwrap();
        let mut buf = [0u8; 4096];
        loop {
            match conn.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => conn.write_all(&buf[..n]).unwrap(),
            }
        }
        // Hold the connection open until the test is over (bounded).
        let _ = held.recv_timeout(common::WAIT);
    });
    netlearn()
        .args(["echo", "client", &addr.to_string(), "--framing", "raw"])
        .write_stdin("echoed, but the server never closes\n")
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .success()
        .stdout("echoed, but the server never closes\n");
    release.send(()).unwrap();
    server.join().unwrap();
}

/// An independent peer: the article's own Python server (needs python3, which the machine
/// image ships).
#[test]
fn client_works_against_the_articles_python_server() {
    use std::io::BufRead;
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/article_server.py"
    );
    let mut python = std::process::Command::new("python3")
        .arg(script)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 is on the machine");
    let mut first = String::new();
    std::io::BufReader::new(python.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let addr = common::parse_listening(first.trim()).to_string();
    netlearn()
        .args(["echo", "client", &addr, "--framing", "raw"])
        .write_stdin("hello from netlearn\n")
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .success()
        .stdout("hello from netlearn\n");
    netlearn()
        .args([
            "echo",
            "client",
            &addr,
            "--framing",
            "raw",
            "--count",
            "20",
            "--size",
            "100",
        ])
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .success();
    let _ = python.kill();
    let _ = python.wait();
}

#[test]
fn bench_measures_udp_round_trips_and_counts_losses() {
    let server = SpawnedServer::start(&["--udp"]);
    let output = netlearn()
        .args(["--json", "echo", "bench", "--udp", &server.addr.to_string()])
        .args(["--connections", "4", "--messages", "400"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let result: serde_json::Value = serde_json::from_slice(&output).unwrap();
    assert_eq!(result["proto"], "udp");
    assert_eq!(result["messages"], 400, "{result}");
    assert_eq!(result["lost"], 0, "{result}");
    assert_eq!(result["mismatches"], 0, "{result}");

    // A UDP port that never answers: every datagram is lost, and that is a failure.
    let silent = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let output = netlearn()
        .args([
            "--json",
            "echo",
            "bench",
            "--udp",
            &silent.local_addr().unwrap().to_string(),
        ])
        .args(["--messages", "3", "--timeout", "100ms"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let result: serde_json::Value = serde_json::from_slice(&output).unwrap();
    assert_eq!(result["lost"], 3, "{result}");
    netlearn()
        .args(["echo", "bench", "--udp", "--mode", "throughput"])
        .assert()
        .code(2);
}
