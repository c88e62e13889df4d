//! The real binary end to end: serve with --port 0, the client in every mode, bench, errors.

use crate::common::{SpawnedServer, netlearn};
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
fn a_piped_quit_line_ends_the_session_normally() {
    let server = SpawnedServer::start(&[]);
    // The server closes at the quit line having echoed what came before: exit 0, no error,
    // and what follows the quit line is not sent.
    for input in [
        "hello\nquit\n",
        "hello\r\nquit\r\nnever sent\n",
        "hello\nquit",
    ] {
        netlearn()
            .args(["echo", "client", &server.addr.to_string()])
            .write_stdin(input)
            .assert()
            .success()
            .stdout(input.split("quit").next().unwrap().to_string())
            .stderr("");
    }
    // A line that only starts with quit is a message like any other.
    netlearn()
        .args(["echo", "client", &server.addr.to_string()])
        .write_stdin("quitting\n")
        .assert()
        .success()
        .stdout("quitting\n");
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
    assert!(summary.contains("1 connection ("), "{summary}");
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
fn bench_against_a_closed_port_says_why_in_english_and_japanese() {
    let addr = format!("127.0.0.1:{}", closed_port());
    let args = [
        "echo",
        "bench",
        &addr,
        "--connections",
        "2",
        "--messages",
        "4",
    ];
    netlearn()
        .args(args)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "no connection to {addr} could be opened: connect to {addr}: "
        )));
    netlearn()
        .args(["--lang", "ja"])
        .args(args)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{addr} への接続を 1 つも開けませんでした: {addr} への connect に失敗しました"
        )))
        .stderr(predicate::str::contains("サーバーが動いているか"));
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
    // --mode connect opens a connection per echo: the table says how many were opened and how
    // many at a time, not "400 of 4 connected".
    let table = netlearn()
        .args(["echo", "bench", &server.addr.to_string()])
        .args([
            "--mode",
            "connect",
            "--connections",
            "4",
            "--messages",
            "40",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let table = String::from_utf8_lossy(&table);
    assert!(
        table.contains("40 opened and closed, 4 at a time"),
        "{table}"
    );
}

/// A port that is known to be closed now: bound, then released.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn client_against_a_closed_port_names_the_server_to_start_on_one_line_with_exit_1() {
    let port = closed_port();
    let addr = format!("127.0.0.1:{port}");
    let output = netlearn()
        .args(["echo", "client", &addr, "--count", "1"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!("netlearn: error: nothing listens on {addr} (tcp)")),
        "{stderr}"
    );
    assert!(stderr.contains("`netlearn echo serve`"), "{stderr}");
    assert_eq!(
        stderr.matches("refused").count(),
        1,
        "the cause is said once: {stderr}"
    );
    assert!(!stderr.contains("os error"), "{stderr}");

    // UDP: the refusal is an ICMP error that the first recv reports.
    let udp_port = std::net::UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let udp_addr = format!("127.0.0.1:{udp_port}");
    let output = netlearn()
        .args(["echo", "client", "--udp", &udp_addr])
        .write_stdin("anyone there?\n")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!("nothing listens on {udp_addr} (udp)")),
        "{stderr}"
    );
    assert!(stderr.contains("`netlearn echo serve --udp`"), "{stderr}");
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

/// Kills and reaps a child process when the test ends, also when it fails.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A command run on a pseudo-terminal by `script` (util-linux), typed into as a person would:
/// each line only after the screen shows what it waits for.
struct Terminal {
    child: std::process::Child,
    stdin: Option<std::process::ChildStdin>,
    screen_updates: std::sync::mpsc::Receiver<String>,
    screen: String,
}

impl Terminal {
    fn run(args: &[&str]) -> Terminal {
        use std::io::Read;
        let bin = assert_cmd::cargo::cargo_bin!("netlearn");
        let command = std::iter::once(bin.display().to_string())
            .chain(args.iter().map(|arg| arg.to_string()))
            .collect::<Vec<_>>()
            .join(" ");
        let mut child = std::process::Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("run script(1)");
        let stdin = child.stdin.take();
        let mut stdout = child.stdout.take().unwrap();
        let (tx, screen_updates) = std::sync::mpsc::channel::<String>();
        std::thread::spawn(move || {
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
        Terminal {
            child,
            stdin,
            screen_updates,
            screen: String::new(),
        }
    }

    /// Waits until `needle` is on the screen (after everything already waited for).
    fn wait_for(&mut self, needle: &str) {
        while !self.screen.contains(needle) {
            match self.screen_updates.recv_timeout(crate::common::WAIT) {
                Ok(update) => self.screen.push_str(&update),
                Err(_) => panic!("{needle:?} never appeared on the terminal: {}", self.screen),
            }
        }
    }

    /// Waits for the prompt, then types `line` and Enter.
    fn type_line(&mut self, line: &str) {
        use std::io::Write;
        self.wait_for("> ");
        // What came before is done with: the next wait looks at what this line brings.
        self.screen.clear();
        let stdin = self.stdin.as_mut().expect("terminal still open");
        stdin.write_all(line.as_bytes()).unwrap();
        stdin.write_all(b"\n").unwrap();
    }

    /// Waits for the program to end; returns its status and the screen since the last line typed.
    fn finish(mut self) -> (std::process::ExitStatus, String) {
        drop(self.stdin.take());
        let status = wait_bounded(&mut self.child);
        while let Ok(update) = self
            .screen_updates
            .recv_timeout(std::time::Duration::from_secs(1))
        {
            self.screen.push_str(&update);
        }
        (status, self.screen)
    }
}

#[test]
fn interactive_client_on_a_terminal_prints_echo_rtt_and_honours_quit() {
    let server = SpawnedServer::start(&[]);
    let mut terminal = Terminal::run(&["echo", "client", &server.addr.to_string()]);
    terminal.wait_for("connected to");
    terminal.type_line("hello there");
    terminal.wait_for("echo: hello there");
    assert!(terminal.screen.contains("µs)"), "round-trip time shown");
    terminal.type_line("quit");
    terminal.wait_for("server closed the connection");
    server.wait_for_line("peer sent quit");
    let (status, screen) = terminal.finish();
    assert!(status.success(), "{screen}");
}

/// The article's server.py, started on a free port: (process, address, its output lines).
fn article_server() -> (
    std::process::Child,
    String,
    std::sync::mpsc::Receiver<String>,
) {
    let mut python = std::process::Command::new("python3")
        .arg(crate::common::fixture("article_server.py"))
        .args(["127.0.0.1", "0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 is on the machine");
    let stdout = python.stdout.take().unwrap();
    let (tx, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufRead::lines(std::io::BufReader::new(stdout)) {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let first = lines
        .recv_timeout(crate::common::WAIT)
        .expect("server.py started");
    let addr = crate::common::parse_listening(first.trim()).to_string();
    (python, addr, lines)
}

/// Everything server.py printed until it exited.
fn printed(lines: &std::sync::mpsc::Receiver<String>) -> Vec<String> {
    std::iter::from_fn(|| lines.recv_timeout(crate::common::WAIT).ok()).collect()
}

#[test]
fn interactive_raw_client_and_the_articles_server_py_talk_and_quit_together() {
    let (mut python, addr, lines) = article_server();
    let mut terminal = Terminal::run(&["echo", "client", &addr, "--framing", "raw"]);
    terminal.wait_for("raw framing");
    for message in ["hello", "two words", "the last one"] {
        terminal.type_line(message);
        terminal.wait_for(&format!("echo: {message}  ("));
    }
    terminal.type_line("quit");
    terminal.wait_for("server closed the connection");
    let (status, screen) = terminal.finish();
    assert!(status.success(), "{screen}");
    // server.py ended because it got exactly "quit" (status 0), not left spinning (3).
    assert_eq!(wait_bounded(&mut python).code(), Some(0));
    let printed = printed(&lines);
    for message in ["hello", "two words", "the last one", "quit"] {
        let expected = format!("Received message: {message}, addr: ('127.0.0.1'");
        assert!(
            printed.iter().any(|line| line.starts_with(&expected)),
            "each message on one line, no newline in it: {printed:?}"
        );
    }
}

#[test]
fn line_framed_client_explains_the_articles_server_py_and_still_ends_it() {
    let (mut python, addr, _lines) = article_server();
    let mut terminal = Terminal::run(&["echo", "client", &addr]);
    terminal.type_line("hello");
    terminal.wait_for("echo: hello  (");
    terminal.type_line("quit");
    // The server echoed "quit\n": the client says why, and what to use instead.
    terminal.wait_for("--framing raw");
    let (status, screen) = terminal.finish();
    assert!(status.success(), "{screen}");
    assert!(screen.contains("does not end on a quit line"), "{screen}");
    assert!(
        screen.contains("the server closed the connection"),
        "{screen}"
    );
    assert!(!screen.contains("did not close"), "{screen}");
    // The bare quit that followed ended server.py cleanly instead of leaving it spinning.
    assert_eq!(wait_bounded(&mut python).code(), Some(0));
}

#[test]
fn the_articles_client_py_talks_to_netlearn_echo_serve() {
    let server = SpawnedServer::start(&[]);
    let output = std::process::Command::new("python3")
        .arg(crate::common::fixture("article_client.py"))
        .args(["127.0.0.1", &server.addr.port().to_string()])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(b"hello\nsecond message\nquit\n")?;
            child.wait_with_output()
        })
        .expect("python3 runs client.py");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("Received from server: hello\n"), "{stdout}");
    assert!(
        stdout.contains("Received from server: second message\n"),
        "{stdout}"
    );
    // The server shows what it received, and the bare quit ends the session.
    let first = server.wait_for_line("received");
    assert_eq!(first, "[conn 1] received 5 bytes: \"hello\"");
    let second = server.wait_for_line("received");
    assert_eq!(second, "[conn 1] received 14 bytes: \"second message\"");
    server.wait_for_line("received 4 bytes: \"quit\"");
    let closed = server.wait_for_line("closed");
    assert!(closed.contains("peer sent quit"), "{closed}");
    assert!(closed.contains("2 frames"), "{closed}");
}

#[test]
fn the_server_notices_a_length_prefix_that_is_text_and_the_client_a_framing_mismatch() {
    let server = SpawnedServer::start(&["--framing", "length"]);
    let output = netlearn()
        .args(["echo", "client", &server.addr.to_string()])
        .write_stdin("hello\n")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("after echoing 0 of 6 bytes"), "{stderr}");
    assert!(stderr.contains("use the same --framing"), "{stderr}");
    let closed = server.wait_for_line("closed");
    assert!(
        closed.contains(
            "the first 4 bytes read as a length of 1,751,477,356 (\"hell\"), over --max-frame 1048576: \
             is the client using --framing line?"
        ),
        "{closed}"
    );
}

#[test]
fn interactive_client_notices_at_once_when_the_server_goes_away() {
    let server = SpawnedServer::start(&[]);
    let mut terminal = Terminal::run(&["echo", "client", &server.addr.to_string()]);
    terminal.type_line("one");
    terminal.wait_for("echo: one");
    terminal.wait_for("> ");
    server.signal(15);
    // Nothing typed: the client watches the connection while it waits for its user.
    terminal.wait_for("the server closed the connection");
    terminal.type_line("");
    let (status, screen) = terminal.finish();
    assert_eq!(status.code(), Some(1), "{screen}");
}

#[test]
fn received_messages_are_shown_a_few_a_second_and_the_rest_counted() {
    use std::io::{Read, Write};
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("netlearn"))
        .args(["--json", "echo", "serve", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn netlearn echo serve");
    let mut log = std::io::BufReader::new(child.stdout.take().unwrap());
    let _child = KillOnDrop(child);
    let mut next_event = || {
        let mut line = String::new();
        std::io::BufRead::read_line(&mut log, &mut line).expect("a log line");
        serde_json::from_str::<serde_json::Value>(&line).expect("a JSON line")
    };
    let listening = next_event();
    let addr: std::net::SocketAddr = listening["addr"].as_str().unwrap().parse().unwrap();
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(crate::common::WAIT)).unwrap();
    // One message per round trip, so each is its own recv on the server.
    let mut echo = [0u8; 4];
    let sending = std::time::Instant::now();
    for n in 0..500 {
        let message = format!("{:03}\n", n);
        stream.write_all(message.as_bytes()).unwrap();
        stream.read_exact(&mut echo).unwrap();
        assert_eq!(&echo, message.as_bytes());
    }
    // Every message arrived at the server inside this span, so its gate (a burst of 20, then
    // 20 a second) can have admitted no more than this many: the bound follows the time the
    // round trips took, which a loaded machine stretches (a fixed 25 failed there).
    let span = sending.elapsed();
    drop(stream);
    let per_second = u64::from(netlearn::net::echo::shown::MESSAGE_LINES_PER_SECOND);
    let at_most = per_second + (span.as_secs_f64() * per_second as f64).ceil() as u64;
    let mut shown = 0;
    let mut hidden = 0;
    // Bounded: one connection's events end with its "closed".
    for _ in 0..1000 {
        let event = next_event();
        match event["event"].as_str() {
            Some("message") => {
                assert_eq!(event["conn"], 1);
                assert_eq!(event["bytes"], 4);
                assert!(event["text"].as_str().unwrap().ends_with('\n'), "{event}");
                shown += 1;
            }
            Some("messages_not_shown") => hidden += event["messages"].as_u64().unwrap(),
            Some("closed") => break,
            _ => {}
        }
    }
    assert!(
        (1..=at_most).contains(&shown),
        "{shown} message lines in {span:?}, at most {at_most}"
    );
    assert_eq!(shown + hidden, 500);

    // The text log says how many were not shown, and --quiet shows none.
    let server = SpawnedServer::start(&[]);
    let mut stream = std::net::TcpStream::connect(server.addr).unwrap();
    stream.set_read_timeout(Some(crate::common::WAIT)).unwrap();
    for _ in 0..100 {
        stream.write_all(b"hi!\n").unwrap();
        stream.read_exact(&mut echo).unwrap();
    }
    drop(stream);
    let not_shown = server.wait_for_line("not shown");
    assert!(not_shown.starts_with("… "), "{not_shown}");
    let quiet = SpawnedServer::start(&["-q"]);
    assert_eq!(echo_once(quiet.addr, b"secret\n"), b"secret\n");
    let closed = quiet.wait_for_line("[conn 1]");
    assert!(closed.contains("open from"), "{closed}");
    let next = quiet.wait_for_line("[conn 1]");
    assert!(next.contains("closed"), "no received line under -q: {next}");
}

#[test]
fn an_unfinished_last_line_is_reported_with_what_was_echoed() {
    let server = SpawnedServer::start(&[]);
    netlearn()
        .args([
            "echo",
            "client",
            &server.addr.to_string(),
            "--framing",
            "raw",
        ])
        .write_stdin("12345678")
        .assert()
        .success()
        .stdout("12345678");
    let tail = server.wait_for_line("no newline");
    assert_eq!(
        tail,
        "[conn 1] last 8 bytes had no newline (8 bytes echoed anyway)"
    );
    let closed = server.wait_for_line("closed");
    assert!(closed.contains("8 B out, 1 frame"), "{closed}");
}

#[test]
fn trace_lines_fit_the_terminal_width() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("netlearn"))
        .args(["echo", "serve", "--port", "0", "--trace"])
        .env("COLUMNS", "72")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut child = KillOnDrop(child);
    let mut log = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut log).unwrap();
    let addr = crate::common::parse_listening(log.trim_end());
    assert_eq!(
        echo_once(addr, b"a message long enough to wrap its hex dump\n"),
        b"a message long enough to wrap its hex dump\n"
    );
    kill(&child.0, 15);
    wait_bounded(&mut child.0);
    std::io::Read::read_to_string(&mut stdout, &mut log).unwrap();
    let traced: Vec<&str> = log
        .lines()
        .filter(|line| line.contains(" # ") || line.starts_with("    "))
        .collect();
    assert!(traced.len() > 10, "{log}");
    for line in traced {
        assert!(line.chars().count() <= 72, "{line:?} in {log}");
    }
    assert!(
        log.contains("\n    # s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n"),
        "{log}"
    );
    assert!(log.contains("    61 20 6d 65 73 73 61 67 65"), "{log}");
}

#[test]
fn non_loopback_bind_warns_on_the_second_line() {
    // Binding the wildcard address sends no traffic anywhere; it only makes the server reachable.
    let server = SpawnedServer::start(&["--bind", "0.0.0.0"]);
    let warning = server
        .lines
        .recv_timeout(crate::common::WAIT)
        .expect("a second line");
    assert!(
        warning.starts_with("warning: 0.0.0.0 is not a loopback address"),
        "{warning}"
    );
}

#[test]
fn port_in_use_names_the_holder_on_one_line_with_exit_1() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let taken_udp = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let udp_port = taken_udp.local_addr().unwrap().port().to_string();
    for (args, proto, port) in [
        (vec!["echo", "serve", "--port", &port], "tcp", &port),
        (
            vec!["echo", "serve", "--udp", "--port", &udp_port],
            "udp",
            &udp_port,
        ),
    ] {
        let output = netlearn().args(&args).assert().code(1).get_output().clone();
        let stderr = String::from_utf8_lossy(&output.stderr).to_string();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with(&format!(
                "netlearn: error: 127.0.0.1:{port} ({proto}) is already in use: "
            )),
            "{stderr}"
        );
        // The holder is this test process, visible in /proc.
        assert!(
            stderr.contains(&format!("(pid {})", std::process::id())),
            "{stderr}"
        );
    }
    // http serve gets the same hint.
    let output = netlearn()
        .args(["http", "serve", "--port", &port])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!("127.0.0.1:{port} (tcp) is already in use")),
        "{stderr}"
    );
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
        let _ = held.recv_timeout(crate::common::WAIT);
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
/// image ships). It serves one client, then ends.
#[test]
fn client_works_against_the_articles_python_server() {
    let (mut python, addr, _lines) = article_server();
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
    // --count ends without quit: server.py then spins on empty reads and gives up (3).
    assert_eq!(wait_bounded(&mut python).code(), Some(3));
    let (mut python, addr, _lines) = article_server();
    netlearn()
        .args(["echo", "client", &addr, "--framing", "raw"])
        .write_stdin("hello from netlearn\n")
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .success()
        .stdout("hello from netlearn\n");
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

/// `netlearn echo serve --port 0 ARGS` with stdout piped; the caller decides who reads it.
fn spawn_serve(args: &[&str], stderr: std::process::Stdio) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin!("netlearn"))
        .args(["echo", "serve", "--port", "0"])
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("spawn netlearn echo serve")
}

/// Waits at most `crate::common::WAIT` for the process to exit.
fn wait_bounded(child: &mut std::process::Child) -> std::process::ExitStatus {
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status;
        }
        assert!(
            started.elapsed() < crate::common::WAIT,
            "the server did not exit in time"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

fn kill(child: &std::process::Child, signal: i32) {
    let status = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(child.id().to_string())
        .status()
        .expect("run kill");
    assert!(status.success());
}

/// One short connection: send a line, read its echo, close.
fn echo_once(addr: std::net::SocketAddr, line: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(crate::common::WAIT))
        .expect("read timeout");
    stream.write_all(line).expect("write");
    let mut echoed = vec![0u8; line.len()];
    stream.read_exact(&mut echoed).expect("echo came back");
    echoed
}

fn first_line(
    child: &mut std::process::Child,
) -> (std::net::SocketAddr, std::process::ChildStdout) {
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut reader = std::io::BufReader::new(stdout);
    let mut line = String::new();
    std::io::BufRead::read_line(&mut reader, &mut line).expect("first line");
    let addr = crate::common::parse_listening(line.trim_end());
    (addr, reader.into_inner())
}

#[test]
fn second_sigterm_during_the_grace_period_exits_at_once() {
    let mut child = spawn_serve(
        &["--framing", "raw", "--grace", "300s"],
        std::process::Stdio::null(),
    );
    let stdout = child.stdout.take().expect("stdout is piped");
    let (tx, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufRead::lines(std::io::BufReader::new(stdout)) {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let wait_for = |needle: &str| loop {
        let line = lines
            .recv_timeout(crate::common::WAIT)
            .unwrap_or_else(|_| panic!("no line containing {needle:?}"));
        if line.contains(needle) {
            return line;
        }
    };
    let addr = crate::common::parse_listening(&wait_for("listening on"));
    // A client that sends without ever reading keeps the server stuck writing its echo, so
    // the grace period would run its full 300 s.
    let mut stalled = std::net::TcpStream::connect(addr).unwrap();
    stalled
        .set_write_timeout(Some(std::time::Duration::from_millis(300)))
        .unwrap();
    let chunk = vec![b'x'; 64 * 1024];
    for _ in 0..4096 {
        if std::io::Write::write_all(&mut stalled, &chunk).is_err() {
            break;
        }
    }
    kill(&child, 15);
    wait_for("shutting down");
    kill(&child, 15);
    let status = wait_bounded(&mut child);
    assert_eq!(status.code(), Some(130), "{status:?}");
}

#[test]
fn server_keeps_serving_after_its_log_reader_goes_away() {
    let mut child = spawn_serve(&[], std::process::Stdio::piped());
    let (addr, stdout) = first_line(&mut child);
    // Like `netlearn echo serve | head -1`: the reader takes one line and leaves.
    drop(stdout);
    for n in 0..5 {
        let line = format!("still here {n}\n");
        assert_eq!(echo_once(addr, line.as_bytes()), line.as_bytes());
    }
    kill(&child, 15);
    let status = wait_bounded(&mut child);
    assert!(status.success(), "{status:?}");
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(
        stderr.matches("can no longer be written").count(),
        1,
        "said once: {stderr:?}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
}

#[test]
fn a_log_nobody_reads_does_not_stop_the_server() {
    let mut child = spawn_serve(&[], std::process::Stdio::null());
    // Read the first line, then never again: the pipe fills after a few hundred lines.
    let (addr, stdout) = first_line(&mut child);
    for n in 0..3000 {
        let line = format!("{n}\n");
        assert_eq!(
            echo_once(addr, line.as_bytes()),
            line.as_bytes(),
            "connection {n}"
        );
    }
    // Reading again finds the dropped lines counted, not lost silently.
    let mut reader = std::io::BufReader::new(stdout);
    let mut dropped = String::new();
    for _ in 0..100_000 {
        dropped.clear();
        if std::io::BufRead::read_line(&mut reader, &mut dropped).unwrap() == 0
            || dropped.contains("log lines dropped")
        {
            break;
        }
    }
    assert!(dropped.contains("log lines dropped"), "{dropped:?}");
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn durations_past_what_a_clock_holds_are_usage_errors() {
    for args in [
        ["echo", "serve", "--idle-timeout", "2562047788015215h"],
        ["echo", "bench", "--duration", "2562047788015215h"],
        ["echo", "serve", "--grace", "2562047788015215h"],
    ] {
        let output = netlearn().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
        assert!(stderr.contains(args[3]), "names the input: {stderr:?}");
        assert!(stderr.contains("7 days"), "{stderr:?}");
    }
}

#[test]
fn nonblocking_demo_shows_ewouldblock_then_readiness_then_data_beside_a_blocking_recv() {
    let lines =
        crate::common::json_lines_of(&["echo", "demo", "--nonblocking", "--delay", "200ms"]);
    let calls: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|line| line["event"] == "trace" && line["role"] == "client")
        .collect();
    let position = |wanted: &dyn Fn(&serde_json::Value) -> bool| {
        calls
            .iter()
            .position(|call| wanted(call))
            .unwrap_or_else(|| panic!("call missing from {calls:#?}"))
    };
    let nonblocking = position(&|c| c["call"] == "set_blocking" && c["blocking"] == false);
    let would_block = position(&|c| c["call"] == "unfinished" && c["function"] == "recv()");
    let ready = position(&|c| c["call"] == "poll" && c["want"] == "read" && c["ready"] == true);
    let data = position(&|c| c["call"] == "recv" && c["bytes"] == 5);
    assert!(nonblocking < would_block && would_block < ready && ready < data);
    let said = &calls[would_block];
    assert_eq!(said["code"], libc::EAGAIN);
    assert!(
        said["python"]
            .as_str()
            .is_some_and(|python| python.contains("BlockingIOError: [Errno 11]")),
        "{said}"
    );
    // Readiness came when the server's delayed echo did, not before.
    assert!(
        calls[ready]["waited_ms"]
            .as_f64()
            .is_some_and(|ms| ms >= 150.0)
    );
    let result = lines.last().expect("a result line");
    assert_eq!(result["event"], "result");
    assert_eq!(result["echoes_verified"], 2);
    assert!(
        result["would_block_us"]
            .as_f64()
            .is_some_and(|us| us < 150_000.0)
    );
    assert!(
        result["blocking_waited_ms"]
            .as_f64()
            .is_some_and(|ms| ms >= 150.0)
    );
    // The connect either completed at once or said EINPROGRESS and was then polled writable.
    if result["connect_in_progress"] == true {
        position(&|c| {
            c["call"] == "unfinished"
                && c["function"]
                    .as_str()
                    .is_some_and(|f| f.starts_with("connect("))
        });
        position(&|c| c["call"] == "poll" && c["want"] == "write");
    }
}

#[test]
fn vanish_demo_notices_a_close_at_once_and_a_frozen_client_only_at_the_idle_timeout() {
    let lines = crate::common::json_lines_of(&["echo", "demo", "--vanish", "--idle-timeout", "1s"]);
    let closed: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|line| line["event"] == "closed")
        .collect();
    assert_eq!(closed.len(), 2, "{lines:#?}");
    assert_eq!(closed[0]["reason"]["kind"], "peer_closed");
    assert!(
        closed[0]["duration_ms"]
            .as_f64()
            .is_some_and(|ms| ms < 900.0)
    );
    assert_eq!(closed[1]["reason"]["kind"], "idle_timeout");
    assert!(
        closed[1]["duration_ms"]
            .as_f64()
            .is_some_and(|ms| ms >= 1000.0)
    );
    let ticks = lines
        .iter()
        .filter(|line| {
            line["event"] == "note"
                && line["message"]
                    .as_str()
                    .is_some_and(|text| text.contains("recv() still waiting"))
        })
        .count();
    assert!(ticks >= 1, "the wait is shown ticking");
    let result = lines.last().expect("a result");
    assert_eq!(result["event"], "result");
}

#[test]
fn a_japanese_client_says_in_japanese_that_nothing_listens_and_that_the_framings_differ() {
    let addr = format!("127.0.0.1:{}", closed_port());
    let stderr = crate::common::one_line_error(
        netlearn().args(["--lang", "ja", "echo", "client", &addr, "--count", "1"]),
        1,
    );
    assert!(
        stderr.contains(&format!("{addr} (tcp) で待ち受けているものはありません")),
        "{stderr}"
    );
    assert!(
        stderr.contains("`netlearn echo serve` を実行して"),
        "{stderr}"
    );

    let server = SpawnedServer::start(&["--framing", "length"]);
    let stderr = crate::common::one_line_error(
        netlearn()
            .args(["--lang", "ja", "echo", "client", &server.addr.to_string()])
            .write_stdin("hello\n"),
        1,
    );
    assert!(
        stderr.contains("サーバーは 6 バイトのうち 0 バイトをエコーしたところで接続を閉じました"),
        "{stderr}"
    );
    assert!(stderr.contains("同じ --framing を使っているか"), "{stderr}");
    assert!(!stderr.contains("server closed"), "{stderr}");
}

#[test]
fn a_count_run_that_stops_early_shows_its_report_says_why_and_exits_1() {
    let server = SpawnedServer::start(&["--framing", "length"]);
    let output = netlearn()
        .args(["--json", "echo", "client", &server.addr.to_string()])
        .args(["--count", "3"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["sent"], 1, "{report}");
    assert_eq!(report["echoed"], 0, "{report}");
    let error = report["error"].as_str().unwrap();
    assert!(
        error.starts_with("server closed the connection after echoing 0 of 65 bytes: check that"),
        "{error}"
    );

    let output = netlearn()
        .args(["--lang", "ja", "echo", "client", &server.addr.to_string()])
        .args(["--count", "3"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let table = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(table.contains("送信 1、エコー 0、不一致 0"), "{table}");
    assert!(table.contains("途中で止まりました: サーバーは"), "{table}");
    // The server row is a sentence too: Japanese punctuation, no English comma.
    assert!(
        table.contains(&format!("{} (tcp、line)", server.addr)),
        "{table}"
    );
    assert!(!table.contains("stopped"), "{table}");
}

/// A message is held whole in memory: a size over the documented limit is refused before
/// anything is allocated or connected, on one line that names the limit, in both languages.
#[test]
fn message_sizes_over_the_limit_are_usage_errors_naming_it() {
    let addr = format!("127.0.0.1:{}", closed_port());
    for size in ["99999999999", "1GiB", "16777217"] {
        let stderr = crate::common::one_line_error(
            netlearn().args(["echo", "client", &addr, "--count", "3", "--size", size]),
            2,
        );
        assert!(
            stderr.contains(&format!(
                "invalid value '{size}' for '--size <SIZE>': more than the limit of \
                 16 MiB (16,777,216 bytes) per message"
            )),
            "{stderr}"
        );
    }
    let stderr = crate::common::one_line_error(
        netlearn().args(["--lang", "ja", "echo", "bench", &addr, "--size", "3GiB"]),
        2,
    );
    assert!(
        stderr.contains("1 メッセージあたりの上限 16 MiB (16,777,216 バイト) を超えています"),
        "{stderr}"
    );
    // The limit itself is fine (and its message is then framed as usual).
    netlearn()
        .args(["echo", "client", &addr, "--count", "1", "--size", "16MiB"])
        .timeout(crate::common::WAIT)
        .assert()
        .code(1);

    // Every bench connection holds its own message: their sum is bounded too.
    let stderr = crate::common::one_line_error(
        netlearn().args([
            "echo",
            "bench",
            &addr,
            "--connections",
            "4097",
            "--size",
            "64KiB",
        ]),
        2,
    );
    assert!(
        stderr.contains("--connections 4,097 × --size 65,536 would hold 256.1 MiB"),
        "{stderr}"
    );
    assert!(stderr.contains("the limit of 256 MiB"), "{stderr}");
    let stderr = crate::common::one_line_error(
        netlearn().args([
            "--lang",
            "ja",
            "echo",
            "bench",
            &addr,
            "--connections",
            "4097",
            "--size",
            "64KiB",
        ]),
        2,
    );
    assert!(stderr.contains("上限の 256 MiB を超えます"), "{stderr}");
}
