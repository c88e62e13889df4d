//! `echo serve|client|bench --unix` end to end with the real binary: socat as an independent
//! client, a stale socket file replaced, a live one and a plain file refused, permissions, and
//! the file removed on exit.

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::process::Stdio;

use crate::common::{SpawnedServer, WAIT, netlearn};
use predicates::prelude::*;

fn socket_path() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("echo.sock");
    (dir, path)
}

fn path_str(path: &std::path::Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

#[test]
fn socat_is_echoed_byte_for_byte_and_the_file_goes_away_on_exit() {
    let (_dir, path) = socket_path();
    let (server, first) = SpawnedServer::start_unix(&path, &["--mode", "600"]);
    assert!(
        first.starts_with(&format!(
            "listening on {} (unix, line, mode 0600)",
            path.display()
        )),
        "{first}"
    );
    let meta = std::fs::symlink_metadata(&path).expect("the socket file exists");
    assert!(meta.file_type().is_socket());
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);

    // socat: an independent client that knows nothing of netlearn.
    let data: Vec<u8> = (0..20_000u32)
        .flat_map(|i| format!("line {i} grüße\n").into_bytes())
        .collect();
    let mut socat = std::process::Command::new("socat")
        .args(["-t", "2", "-", &format!("UNIX-CONNECT:{}", path.display())])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("socat is installed (.ci/run installs it)");
    let mut stdin = socat.stdin.take().expect("piped");
    let writer = {
        let data = data.clone();
        std::thread::spawn(move || std::io::Write::write_all(&mut stdin, &data))
    };
    let output = socat.wait_with_output().expect("socat ran");
    writer
        .join()
        .expect("writer")
        .expect("socat took the input");
    assert!(output.status.success());
    assert_eq!(output.stdout.len(), data.len());
    assert!(output.stdout == data, "socat got back exactly what it sent");
    server.wait_for_line("peer closed its side");

    server.signal(libc::SIGTERM);
    assert!(server.wait().success());
    assert!(!path.exists(), "the server removed its socket file");
}

#[test]
fn netlearn_client_pipe_count_and_bench_over_a_unix_socket() {
    let (_dir, path) = socket_path();
    let (_server, _) = SpawnedServer::start_unix(&path, &["--framing", "length", "-q"]);
    let data: Vec<u8> = (0..=255u8).cycle().take(300_000).collect();
    netlearn()
        .args([
            "echo",
            "client",
            "--unix",
            path_str(&path),
            "--framing",
            "length",
        ])
        .write_stdin(data.clone())
        .assert()
        .success()
        .stdout(predicate::eq(data));
    netlearn()
        .args(["echo", "client", "--unix", path_str(&path)])
        .args(["--framing", "length", "--count", "20"])
        .assert()
        .success()
        .stdout(predicate::str::contains("every echo matched"));
    let bench = crate::common::json_of(&[
        "echo",
        "bench",
        "--unix",
        path_str(&path),
        "--framing",
        "length",
        "--connections",
        "4",
        "--messages",
        "400",
    ]);
    assert_eq!(bench["proto"], "unix");
    assert_eq!(bench["peer"], path_str(&path));
    assert_eq!(bench["messages"], 400);
    assert_eq!(bench["errors"], 0);
    assert_eq!(bench["mismatches"], 0);
}

#[test]
fn unix_datagram_server_answers_a_client_bound_to_its_own_file() {
    let (_dir, path) = socket_path();
    let (_server, first) = SpawnedServer::start_unix(&path, &["--udp"]);
    assert!(first.contains("(unix-dgram, line"), "{first}");
    netlearn()
        .args(["echo", "client", "--unix", path_str(&path), "--udp"])
        .write_stdin("one\ntwo\nthree\n")
        .assert()
        .success()
        .stdout("one\ntwo\nthree\n");

    // socat's datagram client binds a file of its own, as any answerable client must.
    let own = path.with_file_name("socat.sock");
    let output = std::process::Command::new("socat")
        .args(["-t", "1", "-"])
        .arg(format!(
            "UNIX-SENDTO:{},bind={}",
            path.display(),
            own.display()
        ))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .expect("piped")
                .write_all(b"datagram\n")?;
            child.wait_with_output()
        })
        .expect("socat ran");
    assert_eq!(output.stdout, b"datagram\n");
}

#[test]
fn a_stale_socket_file_is_replaced_a_live_one_and_a_plain_file_are_not() {
    let (_dir, path) = socket_path();
    // A crashed run: the socket is closed, its file stays.
    drop(std::os::unix::net::UnixListener::bind(&path).expect("bind"));
    assert!(path.exists());
    let (server, first) = SpawnedServer::start_unix(&path, &[]);
    assert!(first.starts_with("listening on"), "{first}");
    server.wait_for_line("replaced a stale socket file");

    // Now it is live: a second server must not take it away.
    netlearn()
        .args(["echo", "serve", "--unix", path_str(&path)])
        .timeout(WAIT)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "another server is accepting connections on it",
        ));
    drop(server);

    let plain = path.with_file_name("notes.txt");
    std::fs::write(&plain, "keep me").expect("write");
    netlearn()
        .args(["echo", "serve", "--unix", path_str(&plain)])
        .timeout(WAIT)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "is not a socket, so it is left alone",
        ));
    assert_eq!(
        std::fs::read_to_string(&plain).expect("still there"),
        "keep me"
    );
}

#[test]
fn a_missing_socket_file_names_the_server_to_start() {
    let (_dir, path) = socket_path();
    netlearn()
        .args(["echo", "client", "--unix", path_str(&path), "--count", "1"])
        .timeout(WAIT)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "there is no socket file at that path",
        ))
        .stderr(predicate::str::contains("netlearn echo serve --unix"));
    netlearn()
        .args(["echo", "serve", "--unix", path_str(&path), "--port", "7"])
        .assert()
        .code(2);
    netlearn()
        .args(["echo", "serve", "--unix", path_str(&path), "--mode", "1777"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("more than 777"));
}

#[test]
fn the_unix_demo_shows_permissions_the_peer_process_and_socketpair() {
    let output = netlearn()
        .args(["echo", "demo", "--unix"])
        .timeout(WAIT)
        .assert()
        .success();
    let text = String::from_utf8_lossy(&output.get_output().stdout).to_string();
    for needle in [
        "socket(AF_UNIX, SOCK_STREAM)",
        "os.chmod(",
        "mode 0600",
        "accept() -> pid ",
        "echo verified",
        "os.unlink(",
        "a, b = socket.socketpair()",
        "result: unix with line framing: 1 echo verified",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
    }
    let dgram = netlearn()
        .args(["echo", "demo", "--unix", "--udp"])
        .timeout(WAIT)
        .assert()
        .success();
    let text = String::from_utf8_lossy(&dgram.get_output().stdout).to_string();
    assert!(text.contains("socket(AF_UNIX, SOCK_DGRAM)"), "{text}");
    assert!(text.contains("result: unix-dgram"), "{text}");
}

#[test]
fn the_server_log_speaks_japanese_from_its_first_line() {
    let (_dir, path) = socket_path();
    // A crashed run's file, then a datagram server in Japanese on the same path.
    drop(std::os::unix::net::UnixListener::bind(&path).expect("bind"));
    let (server, first) = SpawnedServer::start_unix(&path, &["--udp", "--lang", "ja"]);
    assert!(
        first.starts_with(&format!(
            "{} で待ち受けています (unix-dgram、line",
            path.display()
        )),
        "{first}"
    );
    server.wait_for_line("古いソケットファイルを置き換えました");

    // A sender with no file of its own cannot be answered: the drop line says why.
    let unnamed = std::os::unix::net::UnixDatagram::unbound().expect("socket");
    unnamed.send_to(b"hello\n", &path).expect("send");
    let dropped = server.wait_for_line("を捨てました");
    assert!(
        dropped.contains("1 個のデータグラムを捨てました: 不正なもの 1 個 (例: 送信側が"),
        "{dropped}"
    );

    // The file is live now: a second server says so, with the way out, in Japanese.
    netlearn()
        .args(["--lang", "ja", "echo", "serve", "--unix", path_str(&path)])
        .timeout(WAIT)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("で待ち受けられません"))
        .stderr(predicate::str::contains(
            "--unix に別のパスを指定してください",
        ));
}

/// `python3 -c SCRIPT` as the user nobody, or None (said) where the test cannot drop to it. The
/// PATH is the system's: the test's own may lead through a home directory nobody cannot enter.
fn as_nobody_python(script: &str) -> Option<std::process::Output> {
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0");
    let setpriv = std::process::Command::new("setpriv")
        .arg("--version")
        .output()
        .is_ok();
    if !root || !setpriv {
        println!("skipped: acting as another user needs root and setpriv");
        return None;
    }
    let output = std::process::Command::new("setpriv")
        .args(["--reuid=nobody", "--regid=nogroup", "--clear-groups"])
        .args(["env", "PATH=/usr/local/bin:/usr/bin:/bin", "python3", "-c"])
        .arg(script)
        .output()
        .expect("setpriv runs");
    Some(output)
}

/// A hostile sender (as nobody) binds a socket, then puts a symbolic link where it was: to the
/// server's own socket (the echo would go to the server itself, forever), or to a socket of
/// root's that nobody may not write to (the server would deliver the datagram for it). Neither
/// is answered; the drop line says why; a real client is still served.
#[test]
fn a_unix_datagram_server_never_answers_through_a_link_its_sender_planted() {
    let (dir, path) = socket_path();
    // Everyone may make files here, as in /tmp (and the guard still removes them all).
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o1777)).expect("chmod");
    let victim_path = dir.path().join("victim.sock");
    let victim = std::os::unix::net::UnixDatagram::bind(&victim_path).expect("bind the victim");
    std::fs::set_permissions(&victim_path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    victim.set_nonblocking(true).expect("non-blocking");

    let (server, first) =
        SpawnedServer::start_unix(&path, &["--udp", "--mode", "666", "--json", "-q"]);
    assert!(first.contains("\"proto\":\"unix_dgram\""), "{first}");
    let script = format!(
        r#"
import os, socket
server, victim, d = {server:?}, {victim:?}, {dir:?}
for name, target, text in (("loop.sock", server, b"loop\n"), ("forged.sock", victim, b"forged\n")):
    own = os.path.join(d, name)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(own)
    os.unlink(own)
    os.symlink(target, own)
    s.sendto(text, server)
# Nobody may not write to the victim itself.
try:
    socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).sendto(b"direct\n", victim)
    print("sent directly")
except PermissionError:
    print("refused directly")
"#,
        server = path_str(&path),
        victim = path_str(&victim_path),
        dir = path_str(dir.path()),
    );
    let Some(output) = as_nobody_python(&script) else {
        return;
    };
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "refused directly\n"
    );

    // The sender is gone; the server still answers a real client.
    netlearn()
        .args(["echo", "client", "--unix", path_str(&path), "--udp"])
        .write_stdin("hello\n")
        .timeout(WAIT)
        .assert()
        .success()
        .stdout("hello\n");
    // Datagrams are delivered in order: the forged one was handled before the client's.
    let mut buf = [0u8; 64];
    let delivered = victim.recv(&mut buf);

    server.signal(libc::SIGTERM);
    let mut untrusted = 0;
    let summary = loop {
        let line = server
            .lines
            .recv_timeout(WAIT)
            .expect("the server logs until its summary");
        let record: serde_json::Value = serde_json::from_str(&line).expect("a JSON line");
        if record["event"] == "datagrams_dropped" {
            untrusted += record["untrusted_sender"].as_u64().unwrap_or(0);
            assert!(
                record["untrusted_sender_example"]
                    .as_str()
                    .is_some_and(
                        |text| text.contains("uid 65534") && text.contains("symbolic link")
                    ),
                "{record}"
            );
        }
        if record["event"] == "summary" {
            break record;
        }
    };
    assert!(server.wait().success());
    // Two forged datagrams and the client's: nothing went round and round.
    assert_eq!(summary["datagrams"], 3, "{summary}");
    assert_eq!(summary["frames"], 1, "{summary}");
    assert_eq!(summary["dropped"], 2, "{summary}");
    assert_eq!(untrusted, 2);
    assert!(
        delivered
            .as_ref()
            .is_err_and(|error| error.kind() == std::io::ErrorKind::WouldBlock),
        "the victim received {delivered:?}"
    );
}

/// A --unix path that is a regular file, a FIFO or a directory is said to be one (not a socket
/// left by a server that ended), with where to go instead, in both languages.
#[test]
fn a_unix_path_that_is_no_socket_is_named_for_what_it_is() {
    let (dir, _) = socket_path();
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "keep me").expect("write");
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let cases = [
        (&file, "a regular file", "通常のファイル"),
        (&fifo, "a FIFO (named pipe)", "FIFO (名前付きパイプ)"),
        (&dir.path().to_path_buf(), "a directory", "ディレクトリ"),
    ];
    for (path, en, ja) in cases {
        for udp in [false, true] {
            let mut args = vec!["echo", "client", "--unix", path_str(path), "--count", "1"];
            if udp {
                args.push("--udp");
            }
            let stderr = crate::common::one_line_error(netlearn().args(&args).timeout(WAIT), 1);
            assert!(
                stderr.contains(&format!("{} is {en}, not a socket", path.display())),
                "{stderr}"
            );
            assert!(!stderr.contains("left by a server"), "{stderr}");
            assert!(stderr.contains("netlearn echo serve --unix "), "{stderr}");
            let stderr = crate::common::one_line_error(
                netlearn().arg("--lang").arg("ja").args(&args).timeout(WAIT),
                1,
            );
            assert!(
                stderr.contains(&format!("{} はソケットではなく{ja}なので", path.display())),
                "{stderr}"
            );
        }
        // Piped input takes the same way in.
        let stderr = crate::common::one_line_error(
            netlearn()
                .args(["echo", "client", "--unix", path_str(path)])
                .write_stdin("hi\n")
                .timeout(WAIT),
            1,
        );
        assert!(
            stderr.contains(&format!("is {en}, not a socket")),
            "{stderr}"
        );
    }
    // A directory can hold the server's socket: the example starts one inside it.
    let stderr = crate::common::one_line_error(
        netlearn()
            .args([
                "echo",
                "client",
                "--unix",
                path_str(dir.path()),
                "--count",
                "1",
            ])
            .timeout(WAIT),
        1,
    );
    assert!(
        stderr.contains(&format!(
            "`netlearn echo serve --unix {}`",
            dir.path().join("echo.sock").display()
        )),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("untouched"),
        "keep me"
    );
}

#[test]
fn a_socket_path_in_a_missing_directory_is_said_in_the_readers_language() {
    let (_dir, path) = socket_path();
    let path = path.with_file_name("missing").join("echo.sock");
    for (lang, said) in [
        ("en", "No such file or directory (os error 2)"),
        (
            "ja",
            "そのようなファイルやディレクトリはありません (エラー番号 2)",
        ),
    ] {
        let output = netlearn()
            .args(["--lang", lang, "echo", "serve", "--unix", path_str(&path)])
            .timeout(WAIT)
            .output()
            .expect("run netlearn");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains(path_str(&path)) && stderr.contains(said),
            "{stderr}"
        );
    }
}
