//! `ftp demo`: passive and active against the in-process server, and Python's ftplib (an
//! independent client) listing and fetching from `ftp demo --serve`, and the server against
//! a hostile peer: PORT bounces, data-connection and session floods, oversized uploads, and a
//! served directory left behind by a killed process.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::common::{WAIT, json_lines_of, netlearn};

fn sent(lines: &[serde_json::Value]) -> Vec<String> {
    lines
        .iter()
        .filter(|line| line["event"] == "wire" && line["step"] == "sent")
        .filter_map(|line| line["line"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn passive_demo_logs_in_lists_fetches_and_stores_over_separate_data_connections() {
    let lines = json_lines_of(&["ftp", "demo"]);
    let commands = sent(&lines);
    let verbs: Vec<&str> = commands
        .iter()
        .map(|line| line.split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(
        verbs,
        [
            "USER", "PASS", "SYST", "PWD", "TYPE", "PASV", "LIST", "EPSV", "RETR", "PASV", "STOR",
            "QUIT"
        ]
    );
    // The password crossed as text.
    assert!(commands.contains(&"PASS netlearn-secret".to_string()));
    let received: Vec<&str> = lines
        .iter()
        .filter(|line| line["step"] == "received")
        .filter_map(|line| line["line"].as_str())
        .collect();
    assert!(received[0].starts_with("220"), "{received:?}");
    let pasv = received
        .iter()
        .find(|line| line.starts_with("227"))
        .expect("a PASV answer");
    // The decoded port in the note is p1 × 256 + p2 of the answer.
    let inner = pasv
        .split('(')
        .nth(1)
        .and_then(|rest| rest.split(')').next())
        .unwrap();
    let numbers: Vec<u16> = inner
        .split(',')
        .map(|n| n.trim().parse().unwrap())
        .collect();
    let port = numbers[4] * 256 + numbers[5];
    assert!(
        lines.iter().any(|line| line["event"] == "note"
            && line["text"]
                .as_str()
                .is_some_and(|text| text.contains(&format!("= {port}")))),
        "the note decodes {pasv}"
    );
    let opened = lines
        .iter()
        .filter(|line| line["step"] == "data_opened")
        .count();
    let closed = lines
        .iter()
        .filter(|line| line["step"] == "data_closed")
        .count();
    assert_eq!((opened, closed), (3, 3));
    let result = lines.last().expect("a result");
    assert_eq!(result["event"], "result");
    assert_eq!(result["mode"], "passive");
    assert_eq!(result["files_verified"], 2);
}

#[test]
fn active_demo_sends_port_and_the_server_connects_back() {
    let lines = json_lines_of(&["ftp", "demo", "--active"]);
    let commands = sent(&lines);
    assert!(
        commands
            .iter()
            .any(|line| line.starts_with("PORT 127,0,0,1,")),
        "{commands:?}"
    );
    assert!(!commands.iter().any(|line| line == "PASV" || line == "EPSV"));
    let active_opens = lines
        .iter()
        .filter(|line| line["step"] == "data_opened" && line["active"] == true)
        .count();
    assert_eq!(active_opens, 3);
    // The lesson of RFC 2577: the server connects back only to the client, never below 1024.
    assert!(
        lines.iter().any(|line| line["event"] == "note"
            && line["text"]
                .as_str()
                .is_some_and(|text| text.contains("RFC 2577") && text.contains("bounce"))),
        "a note on the bounce attack"
    );
    let result = lines.last().expect("a result");
    assert_eq!(result["mode"], "active");
    assert_eq!(result["files_verified"], 2);
}

/// Stops the server however the test ends: SIGTERM first, so it removes its temporary
/// directory, then a kill if it has not ended within a few seconds.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        if let Ok(pid) = libc::pid_t::try_from(self.0.id()) {
            // SAFETY: kill(2) on our own child, not yet reaped.
            unsafe { libc::kill(pid, libc::SIGTERM) };
        }
        for _ in 0..50 {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn pythons_ftplib_lists_and_fetches_from_the_demo_server() {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("netlearn"))
        .args(["ftp", "demo", "--serve", "--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn ftp demo --serve");
    let stdout = child.stdout.take().expect("piped");
    let server = Running(child);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        if let Some(Ok(first)) = lines.next() {
            let _ = tx.send(first);
        }
        // Keep reading so the server never writes to a closed pipe.
        for _ in lines {}
    });
    let first = rx.recv_timeout(WAIT).expect("the listening line");
    let addr: std::net::SocketAddr = first
        .strip_prefix("listening on ")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|addr| addr.parse().ok())
        .unwrap_or_else(|| panic!("no address in {first:?}"));
    let script = format!(
        "import ftplib, io\n\
         f = ftplib.FTP(timeout=10)\n\
         f.connect('{}', {})\n\
         f.login('python', 'pw')\n\
         print(sorted(f.nlst()))\n\
         buf = io.BytesIO()\n\
         f.retrbinary('RETR hello.txt', buf.write)\n\
         print(buf.getvalue().decode())\n\
         f.quit()\n",
        addr.ip(),
        addr.port()
    );
    let output = Command::new("python3")
        .args(["-c", &script])
        .output()
        .expect("python3 is installed (.ci/run installs it)");
    assert!(
        output.status.success(),
        "ftplib failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(said.contains("['hello.txt', 'readme.txt']"), "{said}");
    assert!(said.contains("Hello from netlearn's FTP demo!"), "{said}");
    drop(server);
    netlearn()
        .args(["ftp", "demo", "--port", "21"])
        .assert()
        .code(2);
}

/// `ftp demo --serve --port 0` with `args`, its temporary directory `tmp` (TMPDIR): its
/// process, address and served directory; stopped with SIGTERM (then a kill) on drop.
struct Served {
    server: Running,
    addr: std::net::SocketAddr,
    root: std::path::PathBuf,
    /// The notes printed after the listening line.
    notes: std::sync::mpsc::Receiver<serde_json::Value>,
}

impl Served {
    fn start(tmp: &std::path::Path, args: &[&str]) -> Served {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin!("netlearn"))
            .args(["--json", "ftp", "demo", "--serve", "--port", "0"])
            .args(args)
            .env("TMPDIR", tmp)
            .stdout(Stdio::piped())
            .spawn()
            .expect("spawn ftp demo --serve");
        let stdout = child.stdout.take().expect("piped");
        let server = Running(child);
        let (tx, notes) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Ok(value) = serde_json::from_str::<serde_json::Value>(&line) {
                    let _ = tx.send(value);
                }
            }
        });
        let first = notes.recv_timeout(WAIT).expect("the listening line");
        assert_eq!(first["event"], "listening", "{first}");
        let addr = first["addr"].as_str().and_then(|a| a.parse().ok());
        let root = first["root"].as_str().map(std::path::PathBuf::from);
        Served {
            server,
            addr: addr.unwrap_or_else(|| panic!("no address in {first}")),
            root: root.unwrap_or_else(|| panic!("no root in {first}")),
            notes,
        }
    }

    fn pid(&self) -> u32 {
        self.server.0.id()
    }

    /// The server process's open file descriptors.
    fn open_files(&self) -> usize {
        std::fs::read_dir(format!("/proc/{}/fd", self.pid()))
            .expect("the server's /proc/PID/fd")
            .count()
    }

    /// What they are, for a failure's message.
    fn what_is_open(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(format!("/proc/{}/fd", self.pid())) else {
            return Vec::new();
        };
        entries
            .flatten()
            .filter_map(|entry| std::fs::read_link(entry.path()).ok())
            .map(|target| target.display().to_string())
            .collect()
    }
}

/// Runs a Python script (ftplib) with the server's host and port as argv[1] and argv[2];
/// returns its standard output, failing the test on an error exit.
fn python(served: &Served, script: &str) -> String {
    let output = Command::new("python3")
        .args(["-c", script])
        .arg(served.addr.ip().to_string())
        .arg(served.addr.port().to_string())
        .output()
        .expect("python3 is installed (.ci/run installs it)");
    assert!(
        output.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).to_string()
}

/// RFC 2577: PORT and EPRT only to the control connection's own peer address, and only to
/// ports from 1024 up. On loopback a third party is another 127.x address: a listener on
/// 127.0.0.2 must receive nothing when a client on 127.0.0.1 names it.
#[test]
fn port_and_eprt_never_bounce_to_another_address_or_a_low_port() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let served = Served::start(tmp.path(), &[]);
    let third = std::net::TcpListener::bind("127.0.0.2:0").expect("bind 127.0.0.2");
    third.set_nonblocking(true).expect("nonblocking");
    let port = third.local_addr().expect("address").port();
    let script = BOUNCE
        .replace("{p1}", &(port >> 8).to_string())
        .replace("{p2}", &(port & 0xff).to_string())
        .replace("{port}", &port.to_string());
    let said = python(&served, &script);
    let replies: Vec<&str> = said.lines().collect();
    assert_eq!(replies.len(), 5, "{said}");
    for foreign in &replies[..2] {
        assert!(
            foreign.starts_with("504 ") && foreign.contains("127.0.0.1"),
            "refused, naming the client's own address: {foreign}"
        );
    }
    for low in &replies[2..4] {
        assert!(
            low.starts_with("504 ") && low.contains("1024"),
            "refused below 1024: {low}"
        );
    }
    // No data connection was prepared: the transfer has nowhere to go.
    assert!(replies[4].starts_with("425 "), "{}", replies[4]);
    match third.accept() {
        Err(error) if error.kind() == std::io::ErrorKind::WouldBlock => {}
        other => panic!("the third party was reached: {other:?}"),
    }
}

/// The lines a script prints, one at a time, and a way to tell it to go on.
struct Stepped {
    child: std::process::Child,
    lines: std::io::Lines<BufReader<std::process::ChildStdout>>,
}

impl Stepped {
    fn next(&mut self) -> String {
        match self.lines.next() {
            Some(Ok(line)) => line,
            other => panic!("the script stopped: {other:?}"),
        }
    }

    fn go_on(&mut self) {
        use std::io::Write;
        let stdin = self.child.stdin.as_mut().expect("piped");
        stdin
            .write_all(b"\n")
            .and_then(|()| stdin.flush())
            .expect("write to the script");
    }
}

impl Drop for Stepped {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// 200 PORTs and 200 PASVs without a transfer, then 64 sessions held open from one address:
/// the server's open files stay flat (at most one prepared data connection per session, at
/// most 16 sessions from one address, the rest refused with a reply that says why), another
/// address is still served, and everything is given back after QUIT.
#[test]
fn open_files_stay_flat_under_data_connection_and_session_floods() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let served = Served::start(tmp.path(), &[]);
    let baseline = served.open_files();
    let at_start = served.what_is_open();
    let script = FLOOD;
    let mut child = Command::new("python3")
        .args(["-c", script])
        .arg(served.addr.ip().to_string())
        .arg(served.addr.port().to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 is installed (.ci/run installs it)");
    let stdout = child.stdout.take().expect("piped");
    let mut script = Stepped {
        child,
        lines: BufReader::new(stdout).lines(),
    };
    assert_eq!(script.next(), "ported");
    // The control connection; nothing for 200 PORTs (nothing connects before a transfer).
    let after_port = served.open_files();
    assert!(after_port <= baseline + 2, "{baseline} -> {after_port}");
    script.go_on();
    assert_eq!(script.next(), "passive");
    // Each PASV closed the one before: one listener left.
    let after_pasv = served.open_files();
    assert!(after_pasv <= baseline + 3, "{baseline} -> {after_pasv}");
    script.go_on();
    let held: usize = script.next().parse().expect("a count");
    // 16 from one address, the flooding session among them.
    assert_eq!(held, 15);
    assert_eq!(
        script.next(),
        "['421 Too many sessions from your address (16 at most), try again later']"
    );
    assert_eq!(script.next(), "['hello.txt', 'readme.txt']");
    // The flooding session, its passive listener, 15 held sessions; one to spare for the
    // session from 127.0.0.2, whose close the server may not have seen yet.
    let after_sessions = served.open_files();
    assert!(
        after_sessions <= baseline + 2 + 15 + 1,
        "{baseline} -> {after_sessions}: {:?}",
        served.what_is_open()
    );
    script.go_on();
    assert_eq!(script.next(), "done");
    // The server closes each session as the client goes; wait (bounded) for it to see them.
    let deadline = std::time::Instant::now() + WAIT;
    while served.open_files() > baseline && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(
        served.open_files(),
        baseline,
        "all given back: {:?} (at start: {at_start:?})",
        served.what_is_open()
    );
}

/// `--max-upload` and `--max-stored`: an upload past either is refused with 552 "exceeded
/// storage allocation" and leaves no partial file; uploads within them are kept.
#[test]
fn uploads_past_the_caps_are_refused_and_leave_nothing_behind() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let served = Served::start(
        tmp.path(),
        &["--max-upload", "1KiB", "--max-stored", "64KiB"],
    );
    // The limits are said at start, each size held to its unit by a no-break space.
    let limits = std::iter::from_fn(|| served.notes.recv_timeout(WAIT).ok())
        .take(5)
        .filter_map(|note| note["text"].as_str().map(str::to_string))
        .find(|text| text.starts_with("limits:"))
        .expect("a note on the limits");
    assert!(
        limits.contains("1 KiB per file") && limits.contains("64 KiB in all"),
        "{limits}"
    );
    let script = UPLOADS;
    let said = python(&served, script);
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines.len(), 3, "{said}");
    let file_cap = lines[0].to_ascii_lowercase();
    assert!(
        file_cap.starts_with("552 ") && file_cap.contains("exceeded storage allocation"),
        "{said}"
    );
    assert!(lines[1].starts_with("226 "), "{said}");
    // 64 KiB in all, 4 KiB per entry besides its bytes: about ten more files of 1000 bytes.
    let (count, store_cap) = lines[2].split_once(' ').expect("a count and a reply");
    let count: usize = count.parse().expect("a count");
    assert!((5..20).contains(&count), "{said}");
    assert!(
        store_cap.starts_with("552 ")
            && store_cap
                .to_ascii_lowercase()
                .contains("exceeded storage allocation"),
        "{said}"
    );
    assert!(!served.root.join("big.bin").exists(), "no partial file");
    assert!(!served.root.join(format!("more{count}.bin")).exists());
    let small = std::fs::read(served.root.join("small.bin")).expect("small.bin kept");
    assert_eq!(small, vec![b'y'; 1000]);
}

/// The served directory is private (0700) and removed on SIGTERM; one left by a killed
/// server is removed by the next start, unless another user owns it.
#[test]
fn the_served_directory_is_private_and_a_killed_servers_is_removed_at_the_next_start() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("tempdir");
    // Another user's directory of the same name: never ours to remove.
    let foreign = tmp.path().join("netlearn-ftp-root-foreign");
    std::fs::create_dir(&foreign).expect("mkdir");
    let foreign_owned = std::os::unix::fs::chown(&foreign, Some(65534), Some(65534)).is_ok();
    let first = Served::start(tmp.path(), &[]);
    let killed_root = first.root.clone();
    assert!(killed_root.starts_with(tmp.path()), "{killed_root:?}");
    let mode = std::fs::metadata(&killed_root)
        .expect("root")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700, "{mode:o}");
    let Served { mut server, .. } = first;
    server.0.kill().expect("SIGKILL");
    server.0.wait().expect("reaped");
    assert!(killed_root.join("hello.txt").exists(), "a kill leaves it");
    let second = Served::start(tmp.path(), &[]);
    assert!(
        !killed_root.exists(),
        "the next start removed {killed_root:?}"
    );
    assert!(second.root.is_dir());
    if foreign_owned {
        assert!(foreign.is_dir(), "another user's directory stays");
    }
    let second_root = second.root.clone();
    drop(second);
    assert!(!second_root.exists(), "SIGTERM removes it");
}

/// PORT and EPRT to a third party (127.0.0.2) and to low ports, then a transfer; prints each
/// reply.
const BOUNCE: &str = r#"
import ftplib, sys
f = ftplib.FTP(timeout=10)
f.connect(sys.argv[1], int(sys.argv[2]), source_address=('127.0.0.1', 0))
f.login('bouncer', 'pw')
for cmd in ['PORT 127,0,0,2,{p1},{p2}', 'EPRT |1|127.0.0.2|{port}|', 'PORT 127,0,0,1,0,21',
            'EPRT |1|127.0.0.1|25|', 'RETR hello.txt']:
    try:
        print(f.sendcmd(cmd))
    except ftplib.Error as e:
        print(e)
f.quit()
"#;

/// 200 PORTs to its own listener, 200 PASVs, 64 sessions held from 127.0.0.1, a session from
/// 127.0.0.2; waits for a line on stdin between steps.
const FLOOD: &str = r#"
import ftplib, socket, sys
host, port = sys.argv[1], int(sys.argv[2])
mine = socket.socket()
mine.bind(('127.0.0.1', 0))
mine.listen(256)
p = mine.getsockname()[1]
f = ftplib.FTP(timeout=10)
f.connect(host, port, source_address=('127.0.0.1', 0))
f.login('flood', 'pw')
for _ in range(200):
    f.sendcmd('PORT 127,0,0,1,%d,%d' % (p >> 8, p & 255))
print('ported', flush=True)
sys.stdin.readline()
for _ in range(200):
    f.sendcmd('PASV')
print('passive', flush=True)
sys.stdin.readline()
held, refused = [], []
for _ in range(64):
    s = socket.create_connection((host, port), timeout=10, source_address=('127.0.0.1', 0))
    first = s.makefile('rb').readline().decode().strip()
    (held if first.startswith('220') else refused).append((s, first))
print(len(held), flush=True)
print(sorted(set(r for _, r in refused)), flush=True)
other = ftplib.FTP(timeout=10)
other.connect(host, port, source_address=('127.0.0.2', 0))
other.login('other', 'pw')
names = sorted(other.nlst())
other.quit()
print(names, flush=True)
sys.stdin.readline()
f.quit()
for s, _ in held + refused:
    s.close()
print('done', flush=True)
"#;

/// An upload past the per-file cap, one within it, then uploads until the directory is full.
const UPLOADS: &str = r#"
import ftplib, io, sys
f = ftplib.FTP(timeout=10)
f.connect(sys.argv[1], int(sys.argv[2]))
f.login('anyone', 'pw')
try:
    f.storbinary('STOR big.bin', io.BytesIO(b'x' * 4096))
    print('stored')
except ftplib.error_perm as e:
    print(e)
print(f.storbinary('STOR small.bin', io.BytesIO(b'y' * 1000)))
for i in range(100):
    try:
        f.storbinary('STOR more%d.bin' % i, io.BytesIO(b'z' * 1000))
    except ftplib.error_perm as e:
        print(i, e)
        break
f.quit()
"#;

/// pyftpdlib serving `dir` read-only to anonymous users on 127.0.0.1 (a port it picked), and
/// its port; None where Debian's python3-pyftpdlib is not installed (.ci/run installs it).
struct Pyftpd(std::process::Child);

impl Drop for Pyftpd {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn pyftpdlib(dir: &std::path::Path) -> Option<(Pyftpd, u16)> {
    let mut child = Command::new("/usr/bin/python3")
        .args(["-m", "pyftpdlib", "-i", "127.0.0.1", "-p", "0", "-d"])
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let stderr = child.stderr.take()?;
    let server = Pyftpd(child);
    // It says where it listens: ">>> starting FTP server on 127.0.0.1:PORT, pid=... <<<".
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(port) = line
                .split("127.0.0.1:")
                .nth(1)
                .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
                .and_then(|port| port.parse::<u16>().ok())
            {
                let _ = tx.send(port);
            }
        }
    });
    let port = rx.recv_timeout(WAIT).ok()?;
    Some((server, port))
}

#[test]
fn ls_and_get_talk_to_pyftpdlib_passive_and_active_byte_exact() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Every byte value, a no-break space's bytes and a CRLF: a binary transfer keeps them all.
    let mut bytes: Vec<u8> = (0..=255u8).collect();
    bytes.extend_from_slice("a\u{a0}b\r\n".as_bytes());
    std::fs::write(dir.path().join("all.bin"), &bytes).expect("write");
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    let Some((_server, port)) = pyftpdlib(dir.path()) else {
        println!("skipped: pyftpdlib (python3-pyftpdlib) is not installed");
        return;
    };
    for active in [false, true] {
        let mode: &[&str] = if active { &["--active"] } else { &[] };
        let out = netlearn()
            .args(["ftp", "ls", &format!("127.0.0.1:{port}")])
            .args(mode)
            .output()
            .expect("run netlearn");
        assert!(out.status.success(), "{out:?}");
        let listing = String::from_utf8_lossy(&out.stdout);
        assert!(
            listing.contains("all.bin") && listing.contains("sub"),
            "{listing}"
        );
        let dialogue = String::from_utf8_lossy(&out.stderr);
        let asked = if active {
            "C> PORT 127,0,0,1,"
        } else {
            "C> EPSV"
        };
        assert!(
            dialogue.contains(asked) && dialogue.contains("S> 226"),
            "{dialogue}"
        );
        let got = netlearn()
            .args(["ftp", "get", &format!("ftp://127.0.0.1:{port}/all.bin")])
            .args(mode)
            .output()
            .expect("run netlearn");
        assert!(got.status.success(), "{got:?}");
        assert_eq!(got.stdout, bytes, "active: {active}");
    }
    let saved = dir.path().join("saved.bin");
    netlearn()
        .args(["ftp", "get", &format!("127.0.0.1:{port}/all.bin"), "-o"])
        .arg(&saved)
        .assert()
        .success();
    assert_eq!(std::fs::read(&saved).expect("saved"), bytes);
    // A file the server does not have: one line naming the command and the server's words.
    let missing = netlearn()
        .args(["ftp", "get", &format!("127.0.0.1:{port}/nope.txt")])
        .output()
        .expect("run netlearn");
    assert_eq!(missing.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    let last = stderr.lines().last().expect("an error line");
    assert!(
        last.starts_with("netlearn: error: RETR nope.txt failed: 550 "),
        "{stderr}"
    );
    assert!(!last.contains("550 550"), "{last}");
}

#[test]
fn ftp_targets_that_are_not_ftp_addresses_are_usage_errors() {
    for (target, says) in [
        ("http://127.0.0.1/", "the scheme is http"),
        ("ftp://:21/x", "is not an FTP address"),
    ] {
        let out = netlearn()
            .args(["ftp", "ls", target])
            .output()
            .expect("run netlearn");
        assert_eq!(out.status.code(), Some(2), "{target}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
    }
    let out = netlearn()
        .args(["ftp", "get", "127.0.0.1:2121"])
        .output()
        .expect("run netlearn");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("names no file"));
}

#[test]
fn ls_ladder_draws_pyftpdlibs_control_and_data_connections_side_by_side() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("hello.txt"), b"hello\n").expect("write");
    let Some((_server, port)) = pyftpdlib(dir.path()) else {
        println!("skipped: pyftpdlib (python3-pyftpdlib) is not installed");
        return;
    };
    let out = netlearn()
        .env("COLUMNS", "80")
        .args(["ftp", "ls", &format!("127.0.0.1:{port}"), "--ladder"])
        .output()
        .expect("run netlearn");
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("hello.txt"));
    let picture = String::from_utf8_lossy(&out.stderr);
    if !picture.contains("SYN seq=0") {
        println!("skipped: no capture here:\n{picture}");
        return;
    }
    let lines: Vec<&str> = picture.lines().filter(|l| l.contains('│')).collect();
    // The data connection's arrows run between the two inner lines of four.
    let inner = |line: &str| line.split('│').nth(2).unwrap_or("").to_string();
    let data_syn = lines
        .iter()
        .position(|l| l.matches('│').count() == 4 && inner(l).contains("SYN"))
        .expect("the data connection opens between the inner lines");
    let list = lines
        .iter()
        .position(|l| l.contains("\"LIST"))
        .expect("LIST on the control connection");
    let epsv = lines
        .iter()
        .position(|l| l.contains("\"EPSV"))
        .expect("EPSV on the control connection");
    assert!(epsv < data_syn && data_syn < list, "{picture}");
    for line in picture.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }
}
