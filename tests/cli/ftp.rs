//! `ftp demo`: passive and active against the in-process libunftp server, and Python's ftplib
//! (an independent client) listing and fetching from `ftp demo --serve`.

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
