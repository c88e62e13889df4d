//! The echo client's request/response session over datagrams: `--count` over UDP and over a
//! Unix datagram socket runs on the one datagram socket type, client and server alike, with
//! the socket calls `--trace` narrates; and a datagram that is never answered ends the run at
//! `--timeout`, not later.

use crate::common::{SpawnedServer, WAIT, netlearn};

/// The `--json` report on stdout and the trace records on stderr of one `--count` run.
fn count_run(args: &[&str]) -> (serde_json::Value, Vec<serde_json::Value>) {
    let output = netlearn()
        .args(["--json", "echo", "client", "--trace", "--count", "20"])
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    let report = serde_json::from_slice(&output.stdout).expect("a JSON report");
    let traced = String::from_utf8_lossy(&output.stderr)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON trace record"))
        .collect();
    (report, traced)
}

/// The calls in order, by name.
fn call_names(traced: &[serde_json::Value]) -> Vec<&str> {
    traced
        .iter()
        .filter(|record| record["event"] == "trace")
        .map(|record| record["call"].as_str().expect("a call name"))
        .collect()
}

fn assert_all_echoed(report: &serde_json::Value, proto: &str) {
    assert_eq!(report["proto"], proto, "{report}");
    assert_eq!(report["sent"], 20, "{report}");
    assert_eq!(report["echoed"], 20, "{report}");
    assert_eq!(report["mismatches"], 0, "{report}");
    assert!(report["error"].is_null(), "{report}");
}

#[test]
fn count_runs_over_udp_and_a_unix_datagram_socket_with_their_calls_traced() {
    let server = SpawnedServer::start(&["--udp"]);
    let addr = server.addr.to_string();
    let (report, traced) = count_run(&["--udp", &addr]);
    assert_all_echoed(&report, "udp");
    let calls = call_names(&traced);
    assert_eq!(calls[..2], ["socket", "connect"], "{traced:?}");
    assert_eq!(traced[0]["family"], "AF_INET");
    assert_eq!(traced[0]["kind"], "SOCK_DGRAM");
    assert_eq!(calls.iter().filter(|call| **call == "send").count(), 20);
    assert_eq!(calls.iter().filter(|call| **call == "recv").count(), 20);
    assert_eq!(calls.last(), Some(&"close"), "{traced:?}");

    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("echo.sock");
    let (_unix_server, first) = SpawnedServer::start_unix(&path, &["--udp"]);
    assert!(first.contains("(unix-dgram, line"), "{first}");
    let (report, traced) = count_run(&["--udp", "--unix", path.to_str().expect("UTF-8")]);
    assert_all_echoed(&report, "unix_dgram");
    let calls = call_names(&traced);
    assert_eq!(
        calls[..3],
        ["socket", "bind_path", "connect_path"],
        "{traced:?}"
    );
    assert_eq!(traced[0]["family"], "AF_UNIX");
    assert_eq!(traced[0]["kind"], "SOCK_DGRAM");
    assert_eq!(traced[2]["path"], path.to_str().expect("UTF-8"));
    assert_eq!(calls.iter().filter(|call| **call == "send").count(), 20);
    assert_eq!(calls.iter().filter(|call| **call == "recv").count(), 20);
    // The client's own socket file lived in a private directory, removed when it ended.
    let own = std::path::PathBuf::from(traced[1]["path"].as_str().expect("its own file"));
    assert!(own.ends_with("client.sock"), "{own:?}");
    let private = own.parent().expect("a private directory");
    assert!(!private.exists(), "{private:?} left behind");
}

#[test]
fn a_udp_count_run_nobody_answers_stops_at_the_timeout_with_exit_1() {
    // A socket that receives and never answers.
    let silent = std::net::UdpSocket::bind("127.0.0.1:0").expect("bind udp");
    let addr = silent.local_addr().expect("local addr").to_string();
    let started = std::time::Instant::now();
    let output = netlearn()
        .args(["--json", "echo", "client", "--udp", &addr])
        .args(["--count", "3", "--timeout", "300ms"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(started.elapsed() < WAIT, "took {:?}", started.elapsed());
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
    assert_eq!(report["sent"], 1, "{report}");
    assert_eq!(report["echoed"], 0, "{report}");
    let error = report["error"].as_str().expect("why it stopped");
    assert!(error.contains("300"), "the wait is named: {error}");
    let mut buf = [0u8; 256];
    silent.set_read_timeout(Some(WAIT)).expect("a read timeout");
    let (len, _) = silent
        .recv_from(&mut buf)
        .expect("the client's datagram arrived");
    assert_eq!(len, 65, "a 64-byte message and its newline");
}
