//! `netlearn http serve` against hostile clients, on 127.0.0.1 with a port the server picked:
//! downloads nobody reads, FIFOs and devices, signals during a stalled download, a log reader
//! that left or paused, control characters in request paths, too many connections.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::process::{Child, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A sparse 200 MiB file: what a client downloads without reading.
const BIG: u64 = 200 * 1024 * 1024;
/// Longest wait for anything the server should do promptly.
const PROMPT: Duration = Duration::from_secs(10);

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("hello.txt"), "hello, world\n").unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let big = std::fs::File::create(dir.path().join("big.bin")).unwrap();
    big.set_len(BIG).unwrap();
    dir
}

/// A running `http serve`, killed on Drop.
struct Served {
    child: Child,
    addr: SocketAddr,
    /// The server's stdout after its first line, unread until a test reads it.
    stdout: Option<BufReader<ChildStdout>>,
}

impl Served {
    fn start(dir: &Path, extra: &[&str]) -> Served {
        // The text form's first line names the address; this one is JSON, so it is read here.
        let mut child = Command::new(assert_cmd::cargo::cargo_bin!("netlearn"))
            .args(["http", "serve", "--port", "0"])
            .args(extra)
            .arg(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn netlearn");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut first = String::new();
        stdout.read_line(&mut first).expect("first line");
        let addr = first
            .split_whitespace()
            .nth(2)
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        Served {
            child,
            addr,
            stdout: Some(stdout),
        }
    }

    /// Forwards every further stdout line to a channel, read on its own thread.
    fn lines(&mut self) -> mpsc::Receiver<String> {
        let mut stdout = self.stdout.take().expect("stdout not taken yet");
        let (send, receive) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            while matches!(stdout.read_line(&mut line), Ok(n) if n > 0) {
                if send.send(std::mem::take(&mut line)).is_err() {
                    break;
                }
            }
        });
        receive
    }

    fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
    }

    /// Waits at most `limit` for the server to exit.
    fn exit_within(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    fn stderr(&mut self) -> String {
        let mut text = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            let _ = stderr.read_to_string(&mut text);
        }
        text
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits for a log line containing `needle`; returns it.
fn line_with(lines: &mpsc::Receiver<String>, needle: &str) -> String {
    let deadline = Instant::now() + PROMPT;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) if line.contains(needle) => return line,
            Ok(_) => continue,
            Err(_) => panic!("no log line with {needle:?} within {PROMPT:?}"),
        }
    }
}

fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(PROMPT)).unwrap();
    stream.set_write_timeout(Some(PROMPT)).unwrap();
    stream
}

/// Sends `request` raw and reads up to the end of the response head.
fn head_of(stream: &mut TcpStream, request: &[u8]) -> String {
    stream.write_all(request).expect("send request");
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 64 * 1024 {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => break,
        }
    }
    String::from_utf8_lossy(&head).into_owned()
}

/// One whole request on its own connection: the full answer, as text.
fn exchange(addr: SocketAddr, request: &[u8]) -> String {
    let mut stream = connect(addr);
    stream.write_all(request).expect("send request");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

fn get(path: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n").into_bytes()
}

fn header<'a>(answer: &'a str, name: &str) -> Option<&'a str> {
    answer.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

#[test]
fn a_hundred_clients_not_reading_a_big_file_cost_little_and_others_are_still_served() {
    let dir = site();
    let mut served = Served::start(dir.path(), &[]);
    let _lines = served.lines();
    let mut stalled = Vec::new();
    for _ in 0..100 {
        let mut stream = connect(served.addr);
        let head = head_of(&mut stream, &get("/big.bin"));
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert_eq!(header(&head, "content-length"), Some("209715200"));
        stalled.push(stream);
    }
    let answer = exchange(served.addr, &get("/hello.txt"));
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with("hello, world\n"), "{answer}");
    // Reading the file whole would take 200 MiB per client; streaming holds a few frames.
    #[cfg(target_os = "linux")]
    {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", served.child.id())).unwrap();
        let peak_kib: u64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmHWM");
        assert!(peak_kib < 128 * 1024, "peak RSS {peak_kib} KiB");
    }
    drop(stalled);
}

#[test]
fn head_is_answered_from_metadata_and_ranges_give_206_or_416() {
    let dir = site();
    let served = Served::start(dir.path(), &[]);
    let head = exchange(
        served.addr,
        b"HEAD /big.bin HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
    );
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert_eq!(header(&head, "content-length"), Some("209715200"));
    assert!(head.ends_with("\r\n\r\n"), "no body after a HEAD: {head}");
    let part = exchange(
        served.addr,
        b"GET /hello.txt HTTP/1.1\r\nHost: t\r\nRange: bytes=7-\r\nConnection: close\r\n\r\n",
    );
    assert!(part.starts_with("HTTP/1.1 206"), "{part}");
    assert_eq!(header(&part, "content-range"), Some("bytes 7-12/13"));
    assert_eq!(header(&part, "accept-ranges"), Some("bytes"));
    assert!(part.ends_with("\r\n\r\nworld\n"), "{part}");
    let past = exchange(
        served.addr,
        b"GET /hello.txt HTTP/1.1\r\nHost: t\r\nRange: bytes=13-\r\nConnection: close\r\n\r\n",
    );
    assert!(past.starts_with("HTTP/1.1 416"), "{past}");
    assert_eq!(header(&past, "content-range"), Some("bytes */13"));
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_are_refused_without_being_opened() {
    let dir = site();
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let mut served = Served::start(dir.path(), &[]);
    let lines = served.lines();
    // Opening the FIFO would wait for a writer that never comes: the answer would not arrive.
    let started = Instant::now();
    let answer = exchange(served.addr, &get("/pipe"));
    assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
    assert!(
        answer.ends_with(
            "\r\n\r\n403 Forbidden\nonly regular files are served, this is a FIFO (named pipe)\n"
        ),
        "{answer}"
    );
    assert!(started.elapsed() < PROMPT);
    let logged = line_with(&lines, "/pipe");
    assert!(
        logged.ends_with(": only regular files are served, this is a FIFO (named pipe)\n"),
        "{logged}"
    );
    // Nobody opened the FIFO for reading, so a non-blocking writer is refused (ENXIO).
    let writer = std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&fifo);
    assert!(writer.is_err(), "the server holds the FIFO open");
    drop(served);

    let mut dev = Served::start(Path::new("/dev"), &[]);
    let lines = dev.lines();
    for request in [
        get("/zero"),
        b"HEAD /null HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".to_vec(),
    ] {
        let answer = exchange(dev.addr, &request);
        assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
    }
    assert!(line_with(&lines, "/zero").contains("character device"));
}

/// A server run in Japanese words its log and its pages in Japanese; its JSON log keeps the
/// same keys and says the note in the run's language.
#[cfg(unix)]
#[test]
fn refusals_are_worded_in_the_run_language() {
    let dir = site();
    let made = Command::new("mkfifo")
        .arg(dir.path().join("pipe"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let mut served = Served::start(dir.path(), &["--lang", "ja"]);
    let lines = served.lines();
    let answer = exchange(served.addr, &get("/pipe"));
    assert!(
        answer.ends_with(
            "403 Forbidden\n通常のファイルではないので公開しません: FIFO (名前付きパイプ)\n"
        ),
        "{answer}"
    );
    let logged = line_with(&lines, "/pipe");
    assert!(
        logged.contains("公開しません: FIFO (名前付きパイプ)"),
        "{logged}"
    );
    let missing = exchange(served.addr, &get("/nothing"));
    assert!(
        missing.ends_with("404 Not Found\nそのようなファイルはありません\n"),
        "{missing}"
    );
    drop(served);

    // The text form's first line names the address; this one is JSON, so it is read here.
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("netlearn"))
        .args(["http", "serve", "--port", "0", "--json"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn netlearn");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("first line");
    let listening: serde_json::Value = serde_json::from_str(&first).expect("a JSON line");
    let addr: SocketAddr = listening["url"]
        .as_str()
        .and_then(|url| url.strip_prefix("http://"))
        .and_then(|rest| rest.trim_end_matches('/').parse().ok())
        .unwrap_or_else(|| panic!("no address in {first:?}"));
    let mut served = Served {
        child,
        addr,
        stdout: Some(stdout),
    };
    let lines = served.lines();
    exchange(served.addr, &get("/%2e%2e/x"));
    let logged = line_with(&lines, "%2e%2e");
    let record: serde_json::Value = serde_json::from_str(&logged).expect("a JSON line");
    assert_eq!(record["event"], "request");
    assert_eq!(record["status"], 403);
    assert_eq!(
        record["note"],
        "the path tries to leave the served directory (\"..\")"
    );
}

#[test]
fn sigterm_with_a_stalled_download_exits_within_the_grace_period() {
    let dir = site();
    let mut served = Served::start(dir.path(), &["--grace", "1s"]);
    let lines = served.lines();
    let mut stalled = connect(served.addr);
    let head = head_of(&mut stalled, &get("/big.bin"));
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    line_with(&lines, "GET /big.bin -> 200");
    served.terminate();
    let status = served
        .exit_within(Duration::from_secs(2))
        .expect("still running 1 s after the 1 s grace period");
    assert!(status.success(), "{status:?}");
    let shutting = line_with(&lines, "shutting down");
    assert!(shutting.contains("1 connection open"), "{shutting}");
    line_with(&lines, "still open after the 1 s grace period");
    line_with(&lines, "1 cut at shutdown");
}

#[test]
fn a_log_reader_that_left_does_not_stop_the_server() {
    let dir = site();
    let mut served = Served::start(dir.path(), &[]);
    // `| head -1`: the reader closes the pipe after the first line.
    drop(served.stdout.take());
    for _ in 0..20 {
        let answer = exchange(served.addr, &get("/hello.txt"));
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    }
    served.terminate();
    let status = served.exit_within(PROMPT).expect("exits on SIGTERM");
    assert!(status.success(), "{status:?}");
    let stderr = served.stderr();
    assert_eq!(
        stderr.matches("can no longer be written").count(),
        1,
        "{stderr}"
    );
}

#[test]
fn a_paused_log_reader_does_not_stop_the_server_nor_its_shutdown() {
    let dir = site();
    let mut served = Served::start(dir.path(), &["--grace", "1s"]);
    // The pipe stays open and unread, as behind a pager or Ctrl-S: it fills after a few
    // hundred lines, and the server used to stop after about two thousand connections.
    let _paused = served.stdout.take();
    for _ in 0..2500 {
        let answer = exchange(served.addr, &get("/hello.txt"));
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    }
    served.terminate();
    let status = served
        .exit_within(Duration::from_secs(2))
        .expect("a blocked log kept the server alive after its grace period");
    assert!(status.success(), "{status:?}");
}

#[test]
fn control_characters_from_a_request_path_are_escaped_in_the_log() {
    let dir = site();
    let mut served = Served::start(dir.path(), &[]);
    let lines = served.lines();
    // U+009B (the 8-bit CSI) and U+202E (right-to-left override), raw UTF-8 in the target.
    let answer = exchange(
        served.addr,
        b"GET /a\xc2\x9bb\xe2\x80\xaec HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
    );
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
    let logged = line_with(&lines, "GET /a");
    assert!(logged.contains(r"/a\u{9b}b\u{202e}c"), "{logged}");
    assert!(!logged.contains(['\u{9b}', '\u{202e}']), "{logged:?}");
    assert!(
        !logged.trim_end().chars().any(char::is_control),
        "{logged:?}"
    );
}

#[test]
fn a_directory_redirect_stays_a_path() {
    let dir = site();
    let served = Served::start(dir.path(), &[]);
    let answer = exchange(served.addr, &get("//sub"));
    assert!(answer.starts_with("HTTP/1.1 301"), "{answer}");
    assert_eq!(header(&answer, "location"), Some("/sub/"));
}

#[cfg(target_os = "linux")]
#[test]
fn a_name_that_is_not_utf8_is_listed_with_a_link_that_serves_it() {
    use std::os::unix::ffi::OsStrExt;
    let dir = site();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    // Some file systems refuse names that are not UTF-8; then there is nothing to test.
    if std::fs::write(dir.path().join(name), "latin-1\n").is_err() {
        return;
    }
    let served = Served::start(dir.path(), &[]);
    let listing = exchange(served.addr, &get("/"));
    assert!(listing.contains("href=\"caf%E9.txt\""), "{listing}");
    let answer = exchange(served.addr, &get("/caf%E9.txt"));
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with("latin-1\n"), "{answer}");
}

#[test]
fn connections_beyond_max_conns_are_refused_and_logged() {
    let dir = site();
    let mut served = Served::start(dir.path(), &["--max-conns", "2"]);
    let lines = served.lines();
    let mut held = Vec::new();
    for _ in 0..2 {
        let mut stream = connect(served.addr);
        let head = head_of(&mut stream, &get("/big.bin"));
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        held.push(stream);
    }
    // Nothing is sent: a refused connection is closed without reading, and unread bytes
    // would turn its close into a reset that can overtake the answer.
    let mut refused = Vec::new();
    let _ = connect(served.addr).read_to_end(&mut refused);
    let refused = String::from_utf8_lossy(&refused);
    assert!(refused.starts_with("HTTP/1.1 503"), "{refused}");
    let logged = line_with(&lines, "refused");
    assert!(logged.contains("2 connections already open"), "{logged}");
    // Room comes back when a held connection ends.
    drop(held.pop());
    let deadline = Instant::now() + PROMPT;
    let mut answer = String::new();
    while Instant::now() < deadline && !answer.starts_with("HTTP/1.1 200") {
        answer = exchange(served.addr, &get("/hello.txt"));
    }
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[test]
fn a_client_that_stops_reading_or_sending_is_cut_after_the_idle_timeout() {
    let dir = site();
    let mut served = Served::start(dir.path(), &["--idle-timeout", "1s"]);
    let lines = served.lines();
    let mut reader = connect(served.addr);
    let head = head_of(&mut reader, &get("/big.bin"));
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let cut = line_with(&lines, "nothing moved for 1 s");
    assert!(cut.contains("--idle-timeout"), "{cut}");
    // What was in flight drains, then the connection ends well short of the file.
    let mut received = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    while let Ok(n) = reader.read(&mut buf) {
        if n == 0 {
            break;
        }
        received += n as u64;
    }
    assert!(received < BIG, "{received}");

    // A client that sends half a request and stops.
    let mut silent = connect(served.addr);
    silent.write_all(b"GET /hello.txt HTTP/1.1\r\n").unwrap();
    let mut rest = Vec::new();
    let started = Instant::now();
    let _ = silent.read_to_end(&mut rest);
    assert!(
        started.elapsed() < PROMPT,
        "the server kept a silent client"
    );
}

mod fuzz_entry_points {
    //! The fuzz targets' entry points on stable: arbitrary and crafted clients never panic.
    use netlearn::net::http::server::fuzzing;

    #[test]
    fn crafted_connections_are_answered_or_closed() {
        for input in [
            &b"GET / HTTP/1.1\r\nHost: t\r\n\r\nGET /sub HTTP/1.1\r\n\r\nHEAD /hello.txt HTTP/1.1\r\n\r\n"[..],
            b"GET /hello.txt HTTP/1.1\r\nRange: bytes=-3\r\n\r\n",
            b"GET /hello.txt HTTP/1.1\r\nRange: bytes=99-\r\n\r\n",
            b"POST / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\nabc",
            b"GET /%ff%00/../x HTTP/1.1\r\n\r\n",
            b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03",
            b"GET / HTTP/1.1\r\nX: \x7f\x1b[2J\r\n\r\n",
            b"",
        ] {
            fuzzing::request_head(input);
        }
        fuzzing::request_path(b"//sub/../x");
        fuzzing::request_path(b"\x05\0\0\0\0\0\0\0bytes=-7");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn arbitrary_clients_never_panic(
            head in "(GET|HEAD|PUT) /[a-z./%0-9]{0,20} HTTP/1\\.[01]\r\n([A-Za-z-]{1,10}: [ -~]{0,20}\r\n){0,4}\r\n",
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200),
        ) {
            fuzzing::request_head(head.as_bytes());
            fuzzing::request_head(&bytes);
            fuzzing::request_path(&bytes);
        }
    }
}
