//! Shared test helpers: the binary with a pinned environment, a spawned-server guard, and an
//! in-process echo server on 127.0.0.1:0.

pub mod dns;
pub mod http;
pub mod lab;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use netlearn::net::echo::endpoint::Endpoint;
use netlearn::net::echo::event::{Event, Events, Role, Summary};
use netlearn::net::echo::server::{ServerConfig, bind_tcp, serve_stream, serve_tcp};
use netlearn::net::echo::udp::{bind_udp, serve_udp};
use netlearn::net::echo::unix::bind_unix;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

fn unbounded(
    mut bounded: tokio::sync::mpsc::Receiver<Event>,
) -> tokio::sync::mpsc::UnboundedReceiver<Event> {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Some(event) = bounded.recv().await {
            if tx.send(event).is_err() {
                break;
            }
        }
    });
    rx
}

/// Longest any test waits for a line or an event before failing (never a sleep).
pub const WAIT: Duration = Duration::from_secs(20);

/// The netlearn binary with a pinned, terminal-free environment.
pub fn netlearn() -> assert_cmd::Command {
    let mut command = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin!("netlearn"));
    command
        .env("NO_COLOR", "1")
        .env_remove("CI")
        // A width the test did not choose would wrap errors and lay out tables for it.
        .env_remove("COLUMNS")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    command
}

/// The lines `stdout` (a child's piped output) writes, as they come, read by a thread of their
/// own until the stream ends or nobody listens.
pub fn lines_of(stdout: std::process::ChildStdout) -> mpsc::Receiver<String> {
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    lines
}

/// A `netlearn echo serve` process, killed on Drop.
pub struct SpawnedServer {
    child: Child,
    pub addr: SocketAddr,
    /// Every stdout line after the first.
    pub lines: mpsc::Receiver<String>,
}

impl SpawnedServer {
    /// Starts the real binary with `--port 0` plus `args`, waits for "listening on".
    pub fn start(args: &[&str]) -> SpawnedServer {
        let (child, first, lines) =
            Self::spawn(&[&["echo", "serve", "--port", "0"], args].concat());
        let addr = parse_listening(&first);
        SpawnedServer { child, addr, lines }
    }

    /// Starts `echo serve --unix path` plus `args`; returns it with its first line.
    pub fn start_unix(path: &std::path::Path, args: &[&str]) -> (SpawnedServer, String) {
        let path = path.to_str().expect("a UTF-8 path");
        let (child, first, lines) =
            Self::spawn(&[&["echo", "serve", "--unix", path], args].concat());
        let addr = SocketAddr::from(([0, 0, 0, 0], 0));
        (SpawnedServer { child, addr, lines }, first)
    }

    fn spawn(args: &[&str]) -> (Child, String, mpsc::Receiver<String>) {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin!("netlearn"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn netlearn echo serve");
        let lines = lines_of(child.stdout.take().expect("stdout is piped"));
        let first = lines
            .recv_timeout(WAIT)
            .expect("server printed its first line");
        (child, first, lines)
    }

    /// Waits for a log line containing `needle`; returns it.
    pub fn wait_for_line(&self, needle: &str) -> String {
        loop {
            let line = self
                .lines
                .recv_timeout(WAIT)
                .unwrap_or_else(|_| panic!("no line containing {needle:?}"));
            if line.contains(needle) {
                return line;
            }
        }
    }

    /// Sends a signal (by number) to the server process.
    pub fn signal(&self, signal: i32) {
        let status = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.child.id().to_string())
            .status()
            .expect("run kill");
        assert!(status.success());
    }

    /// Waits for the process to exit and returns its status.
    pub fn wait(mut self) -> std::process::ExitStatus {
        let status = self.child.wait().expect("wait for server");
        std::mem::forget(self);
        status
    }
}

impl Drop for SpawnedServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Parses `listening on <addr> (<proto>, <framing>)`.
pub fn parse_listening(line: &str) -> SocketAddr {
    let rest = line
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line is not 'listening on': {line:?}"));
    rest.split(' ')
        .next()
        .and_then(|addr| addr.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
}

/// An in-process echo server on 127.0.0.1:0 (TCP or UDP) with its event stream.
/// The stream transports the echo server serves alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamKind {
    Tcp,
    Unix,
}

pub struct InProcessServer {
    /// The IP address and port (TCP, UDP); 0.0.0.0:0 for a Unix socket, see `endpoint`.
    pub addr: SocketAddr,
    /// Where clients connect: the address, or the Unix socket's file.
    pub endpoint: Endpoint,
    /// A Unix socket's private directory, removed with the server.
    pub _dir: Option<tempfile::TempDir>,
    pub shutdown: CancellationToken,
    /// Every event, buffered without limit so a test that does not read them never stalls the server.
    pub events: tokio::sync::mpsc::UnboundedReceiver<Event>,
    pub task: JoinHandle<Summary>,
}

impl InProcessServer {
    pub fn tcp(config: ServerConfig) -> InProcessServer {
        let (listener, _) = bind_tcp(([127, 0, 0, 1], 0).into(), 1024).expect("bind tcp");
        let addr = listener.local_addr().expect("local addr");
        let (events, receiver) = Events::channel(Role::Server, false);
        let shutdown = CancellationToken::new();
        let task = tokio::spawn(serve_tcp(listener, config, events, shutdown.clone()));
        InProcessServer {
            addr,
            endpoint: addr.into(),
            _dir: None,
            shutdown,
            events: unbounded(receiver),
            task,
        }
    }

    /// A Unix stream socket server on a file in a private temporary directory.
    pub fn unix(config: ServerConfig) -> InProcessServer {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("echo.sock");
        let bound = bind_unix(&path, 1024, None).expect("bind unix");
        let (events, receiver) = Events::channel(Role::Server, false);
        let shutdown = CancellationToken::new();
        let file = bound.file;
        let served = serve_stream(bound.socket, config, events, shutdown.clone());
        let task = tokio::spawn(async move {
            let summary = served.await;
            drop(file);
            summary
        });
        InProcessServer {
            addr: SocketAddr::from(([0, 0, 0, 0], 0)),
            endpoint: Endpoint::Path(path),
            _dir: Some(dir),
            shutdown,
            events: unbounded(receiver),
            task,
        }
    }

    /// A stream server of either kind.
    pub fn stream(kind: StreamKind, config: ServerConfig) -> InProcessServer {
        match kind {
            StreamKind::Tcp => Self::tcp(config),
            StreamKind::Unix => Self::unix(config),
        }
    }

    pub fn udp(config: ServerConfig) -> InProcessServer {
        let (socket, _) = bind_udp(([127, 0, 0, 1], 0).into()).expect("bind udp");
        let addr = socket.local_addr().expect("local addr");
        let (events, receiver) = Events::channel(Role::Server, false);
        let shutdown = CancellationToken::new();
        let task = tokio::spawn(serve_udp(socket, config, events, shutdown.clone()));
        InProcessServer {
            addr,
            endpoint: addr.into(),
            _dir: None,
            shutdown,
            events: unbounded(receiver),
            task,
        }
    }

    /// Waits for the first event matching `wanted`.
    pub async fn wait_for(&mut self, wanted: impl Fn(&Event) -> bool) -> Event {
        loop {
            let event = tokio::time::timeout(WAIT, self.events.recv())
                .await
                .expect("event arrived in time")
                .expect("server still running");
            if wanted(&event) {
                return event;
            }
        }
    }

    /// Stops the server and returns its summary.
    pub async fn stop(self) -> Summary {
        self.shutdown.cancel();
        tokio::time::timeout(WAIT, self.task)
            .await
            .expect("server stopped in time")
            .expect("server task")
    }
}

/// A file under tests/fixtures.
pub fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs with --json and parses the one JSON document printed.
pub fn json_of(args: &[&str]) -> serde_json::Value {
    let output = netlearn().arg("--json").args(args).assert().success();
    serde_json::from_slice::<serde_json::Value>(&output.get_output().stdout)
        .expect("one JSON document")
}

/// Runs with --json and parses every JSON line printed.
pub fn json_lines_of(args: &[&str]) -> Vec<serde_json::Value> {
    let output = netlearn().arg("--json").args(args).assert().success();
    String::from_utf8_lossy(&output.get_output().stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

/// Runs `command`, expects exit `code` and a one-line error, returns standard error.
pub fn one_line_error(command: &mut assert_cmd::Command, code: i32) -> String {
    let output = command.assert().code(code);
    let stderr = String::from_utf8_lossy(&output.get_output().stderr).to_string();
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    stderr
}

/// Runs, expects exit 0, returns standard output.
pub fn stdout_of(args: &[&str]) -> String {
    let output = netlearn().args(args).assert().success();
    String::from_utf8_lossy(&output.get_output().stdout).to_string()
}
