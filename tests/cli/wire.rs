//! `capture`: capture files read and compared with tcpdump's reading of the same file, bad
//! files refused in one line, and live capture (as root) read back by tcpdump.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream, UdpSocket};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common::{WAIT, fixture, json_lines_of, netlearn, one_line_error, stdout_of};
use netlearn::net::wire::LinkType;
use netlearn::net::wire::file::{PcapngWriter, write_pcap_header, write_pcap_record};
use serde_json::Value;

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

fn has_tcpdump() -> bool {
    Command::new("tcpdump")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success())
}

/// Why a test that needs root and tcpdump cannot run here, if it cannot.
pub(crate) fn skip_reason() -> Option<&'static str> {
    if !has_tcpdump() {
        return Some("tcpdump is not installed (.ci/run installs it)");
    }
    if !is_root() {
        return Some("capturing on lo needs root");
    }
    None
}

/// A process killed on Drop, so a failing test leaves nothing running. Its stderr lines stay
/// receivable so the reader thread keeps draining the pipe.
pub(crate) struct Guard(Child, #[allow(dead_code)] mpsc::Receiver<String>);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `tcpdump -i lo -w FILE FILTER` and waits until it says it is listening.
pub(crate) fn start_tcpdump(file: &Path, filter: &str) -> Guard {
    let mut child = Command::new("tcpdump")
        .args(["-i", "lo", "-U", "-w"])
        .arg(file)
        .args(filter.split(' '))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn tcpdump");
    let stderr = child.stderr.take().expect("stderr piped");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + WAIT;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = rx.recv_timeout(left).expect("tcpdump says it is listening");
        if line.contains("listening on") {
            break;
        }
    }
    Guard(child, rx)
}

/// Waits until tcpdump has written a packet that `done` accepts (polling the file it writes,
/// bounded by `WAIT`): a SIGINT earlier could lose packets still in the kernel's ring.
///
/// libpcap hands packets over a ring block at a time (at the latest after its 1 s timeout;
/// --immediate-mode lost packets here), and each round calls `nudge`, which sends one more
/// packet the filter takes, so a block never waits for traffic that will not come.
pub(crate) fn wait_for_packet(
    file: &Path,
    done: impl Fn(&netlearn::net::wire::Packet) -> bool,
    nudge: impl Fn(),
) {
    let deadline = Instant::now() + WAIT;
    loop {
        let seen = std::fs::read(file).ok().is_some_and(|bytes| {
            let Ok(mut reader) =
                netlearn::net::wire::file::Reader::new(std::io::Cursor::new(bytes))
            else {
                return false;
            };
            let mut found = false;
            while let Ok(Some(record)) = reader.next_record() {
                found |= done(&netlearn::net::wire::decode(record.link, record.data));
            }
            found
        });
        if seen {
            return;
        }
        nudge();
        assert!(
            Instant::now() < deadline,
            "tcpdump never wrote the last packet"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Stops tcpdump with SIGINT (it writes out what it holds) and waits for it.
pub(crate) fn stop(mut guard: Guard) {
    let pid = guard.0.id().to_string();
    let status = Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill");
    assert!(status.success());
    let deadline = Instant::now() + WAIT;
    while guard.0.try_wait().expect("try_wait").is_none() {
        assert!(Instant::now() < deadline, "tcpdump did not stop");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Loopback traffic on the test's own ports: an echoed line, a half-close, a reset (closed
/// with unread data) and a UDP datagram to a port nothing listens on.
/// Returns the UDP port the datagram was sent from.
fn make_traffic(listener: &TcpListener, closed_udp: u16) -> u16 {
    let addr = listener.local_addr().expect("addr");
    let mut client = TcpStream::connect(addr).expect("connect");
    let (mut conn, _) = listener.accept().expect("accept");
    client.write_all(b"hello\n").expect("send");
    let mut buf = [0u8; 6];
    conn.read_exact(&mut buf).expect("recv");
    conn.write_all(&buf).expect("echo");
    client.read_exact(&mut buf).expect("recv echo");
    client
        .shutdown(std::net::Shutdown::Write)
        .expect("shutdown");
    let mut rest = Vec::new();
    conn.read_to_end(&mut rest).expect("read to FIN");
    drop(conn);
    drop(client);
    // Closing with unread data makes the kernel send a reset.
    let client = TcpStream::connect(addr).expect("connect again");
    let (conn, _) = listener.accept().expect("accept again");
    (&client).write_all(b"unread").expect("send unread");
    // Wait until the bytes are in the server's receive queue (peek, not a sleep).
    let mut peek = [0u8; 6];
    conn.set_read_timeout(Some(WAIT)).expect("timeout");
    conn.peek(&mut peek).expect("peek");
    drop(conn);
    let mut sink = [0u8; 1];
    client.set_read_timeout(Some(WAIT)).expect("timeout");
    let _ = (&client).read(&mut sink);
    let udp = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).expect("udp");
    udp.connect((Ipv4Addr::LOCALHOST, closed_udp))
        .expect("udp connect");
    udp.send(b"anyone?").expect("udp send");
    udp.set_read_timeout(Some(WAIT)).expect("timeout");
    // The ICMP port unreachable comes back as ECONNREFUSED.
    let err = udp
        .recv(&mut [0u8; 16])
        .expect_err("nothing listens on the UDP port");
    assert_eq!(err.kind(), std::io::ErrorKind::ConnectionRefused);
    udp.local_addr().expect("udp addr").port()
}

/// One tcpdump line: addresses, TCP flags as tcpdump writes them, seq, ack, length.
#[derive(Debug)]
struct Dumped {
    src: String,
    dst: String,
    flags: Option<String>,
    seq: Option<u64>,
    ack: Option<u64>,
    len: Option<u64>,
    icmp: bool,
}

/// `12:00:00.000001 IP 127.0.0.1.59936 > 127.0.0.1.47123: Flags [S.], seq 1:7, ack 1, ..., length 6`
fn parse_tcpdump(line: &str) -> Dumped {
    let rest = line.split_once(" IP ").expect("an IP line").1;
    let (ends, detail) = rest.split_once(": ").expect("addresses, then details");
    let (src, dst) = ends.split_once(" > ").expect("src > dst");
    let dotted_to_colon = |end: &str, icmp: bool| -> String {
        if icmp {
            return end.to_string();
        }
        let (addr, port) = end.rsplit_once('.').expect("addr.port");
        format!("{addr}:{port}")
    };
    let icmp = detail.starts_with("ICMP");
    let field = |name: &str| -> Option<String> {
        detail
            .split(", ")
            .find_map(|part| part.strip_prefix(name).map(str::to_string))
    };
    let flags = detail
        .strip_prefix("Flags [")
        .and_then(|f| f.split_once(']'))
        .map(|(f, _)| f.to_string());
    let seq = field("seq ").map(|s| s.split(':').next().unwrap_or("").parse().expect("seq"));
    let ack = field("ack ").map(|s| s.parse().expect("ack"));
    let len = field("length ").map(|s| {
        s.split_whitespace()
            .next()
            .unwrap_or("")
            .parse()
            .expect("length")
    });
    let len = if icmp { None } else { len };
    Dumped {
        src: dotted_to_colon(src, icmp),
        dst: dotted_to_colon(dst, icmp),
        flags,
        seq,
        ack,
        len,
        icmp,
    }
}

/// tcpdump's flag letters for netlearn's flag names.
fn letters(flags: &Value) -> String {
    let mut out = String::new();
    for (name, letter) in [
        ("SYN", 'S'),
        ("FIN", 'F'),
        ("PSH", 'P'),
        ("RST", 'R'),
        ("URG", 'U'),
        ("ECE", 'E'),
        ("CWR", 'W'),
        ("ACK", '.'),
    ] {
        if flags
            .as_array()
            .is_some_and(|list| list.iter().any(|f| f == name))
        {
            out.push(letter);
        }
    }
    out
}

fn sorted(text: &str) -> Vec<char> {
    let mut chars: Vec<char> = text.chars().collect();
    chars.sort_unstable();
    chars
}

/// The packets of `netlearn --json ARGS` (a `capture --read`), checked against the summary
/// record that ends its output.
fn packets_of(args: &[&str]) -> Vec<Value> {
    let mut records = json_lines_of(args);
    let summary = records.pop().expect("a summary record");
    assert_eq!(summary["type"], "summary", "the last record: {summary}");
    assert!(
        records.iter().all(|r| r["type"] == "packet"),
        "{records:#?}"
    );
    assert_eq!(
        summary["shown"].as_u64(),
        Some(records.len() as u64),
        "{summary}"
    );
    assert!(
        summary["read"].as_u64() >= summary["shown"].as_u64(),
        "{summary}"
    );
    records
}

/// Compares netlearn's reading of a file with `tcpdump -nn -r`'s, packet by packet.
fn assert_agrees_with_tcpdump(file: &Path) -> usize {
    let dump = Command::new("tcpdump")
        .args(["-nn", "-r"])
        .arg(file)
        .output()
        .expect("tcpdump -r");
    assert!(dump.status.success(), "tcpdump -r failed: {dump:?}");
    let dumped: Vec<Dumped> = String::from_utf8_lossy(&dump.stdout)
        .lines()
        .map(parse_tcpdump)
        .collect();
    let path = file.to_str().expect("utf-8 path");
    let ours = packets_of(&["capture", "--read", path]);
    assert_eq!(
        ours.len(),
        dumped.len(),
        "packet counts differ: {ours:#?} vs {dumped:#?}"
    );
    let mut seen_ack = std::collections::HashSet::new();
    for (index, (mine, theirs)) in ours.iter().zip(&dumped).enumerate() {
        let context = format!("packet {index}: {mine} vs {theirs:?}");
        assert_eq!(mine["src"], theirs.src.as_str(), "{context}");
        assert_eq!(mine["dst"], theirs.dst.as_str(), "{context}");
        if theirs.icmp {
            assert_eq!(mine["proto"], "icmp", "{context}");
            continue;
        }
        if theirs.flags.is_none() {
            assert_eq!(mine["proto"], "udp", "{context}");
            assert_eq!(mine["len"].as_u64(), theirs.len, "{context}");
            continue;
        }
        assert_eq!(mine["proto"], "tcp", "{context}");
        assert_eq!(
            sorted(&letters(&mine["flags"])),
            sorted(theirs.flags.as_deref().expect("TCP flags")),
            "{context}"
        );
        assert_eq!(mine["len"].as_u64(), theirs.len, "{context}");
        // tcpdump prints numbers as they are on packets without ACK, on SYNs and on the
        // first ACK-bearing packet of a conversation (print-tcp.c); relative ones after that.
        let flags = &mine["flags"];
        let has = |name: &str| {
            flags
                .as_array()
                .is_some_and(|f| f.iter().any(|f| f == name))
        };
        let mut pair = [mine["src"].to_string(), mine["dst"].to_string()];
        pair.sort();
        let absolute = !has("ACK") || has("SYN") || !seen_ack.contains(&pair);
        if has("ACK") {
            seen_ack.insert(pair);
        }
        let (seq, ack) = if absolute {
            (mine["seq_raw"].as_u64(), mine["ack_raw"].as_u64())
        } else {
            (mine["seq"].as_u64(), mine["ack"].as_u64())
        };
        if let Some(expected) = theirs.seq {
            assert_eq!(seq, Some(expected), "seq, {context}");
        }
        if let Some(expected) = theirs.ack {
            assert_eq!(ack, Some(expected), "ack, {context}");
        }
    }
    dumped.len()
}

#[test]
fn capture_read_agrees_with_tcpdump_on_a_file_tcpdump_wrote() {
    if let Some(reason) = skip_reason() {
        println!("skipped: {reason}");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("lo.pcap");
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
    let port = listener.local_addr().expect("addr").port();
    // A UDP port that is free because the test bound and released it.
    let closed_udp = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|s| s.local_addr())
        .expect("udp port")
        .port();
    // TCP and UDP port numbers are separate spaces: another test's TCP connection may use the
    // number of the UDP port, and must not land in this capture.
    let filter = format!("tcp port {port} or udp port {closed_udp} or icmp");
    let tcpdump = start_tcpdump(&file, &filter);
    let udp_port = make_traffic(&listener, closed_udp);
    let nudger = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).expect("udp");
    wait_for_packet(
        &file,
        // The ICMP error about the test's own 7-byte datagram (the nudges carry 5).
        |p| match &p.body {
            netlearn::net::wire::Body::Icmp { icmp, .. } => {
                icmp.quoted.is_some_and(|q| q.src.port() == udp_port)
            }
            _ => false,
        },
        || {
            let _ = nudger.send_to(b"nudge", (Ipv4Addr::LOCALHOST, closed_udp));
        },
    );
    stop(tcpdump);
    let packets = assert_agrees_with_tcpdump(&file);
    // Two handshakes, data both ways, FINs, a reset, a datagram and its ICMP error.
    assert!(packets >= 15, "only {packets} packets captured");
    let lines = packets_of(&["capture", "--read", file.to_str().expect("path")]);
    assert!(lines.iter().any(|l| {
        l["flags"]
            .as_array()
            .is_some_and(|f| f.iter().any(|f| f == "RST"))
    }));
    assert!(lines.iter().any(|l| l["proto"] == "udp" && l["len"] == 7));
    let icmp = lines
        .iter()
        .find(|l| l["proto"] == "icmp")
        .expect("ICMP port unreachable");
    assert!(
        icmp["explain"]
            .as_str()
            .expect("explain")
            .contains(&format!("port {closed_udp}"))
    );
}

#[test]
fn the_fixture_reads_as_a_whole_connection() {
    let lines = packets_of(&["capture", "--read", &fixture("wire/handshake.pcap")]);
    let tcp: Vec<&Value> = lines.iter().filter(|l| l["proto"] == "tcp").collect();
    let flags: Vec<String> = tcp.iter().map(|l| letters(&l["flags"])).collect();
    assert_eq!(flags[..3], ["S", "S.", "."]);
    assert_eq!(tcp[0]["seq"], 0);
    assert_eq!(tcp[0]["state"], "SYN_SENT");
    assert_eq!(tcp[2]["state"], "ESTABLISHED");
    assert_eq!(tcp[2]["peer_state"], "ESTABLISHED");
    let data = tcp.iter().find(|l| l["len"] == 6).expect("data segment");
    assert_eq!(
        (data["seq"].as_u64(), data["ack"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(data["preview"], "hello\n");
    let fin = tcp
        .iter()
        .find(|l| letters(&l["flags"]) == "F.")
        .expect("FIN");
    assert_eq!(fin["state"], "FIN_WAIT_1");
    assert_eq!(fin["peer_state"], "CLOSE_WAIT");
    for line in &lines {
        for key in [
            "type", "time", "src", "dst", "proto", "len", "ttl", "explain",
        ] {
            assert!(line.get(key).is_some(), "{key} missing from {line}");
        }
    }
    // The text view: one line per packet and its explanation under it, indented.
    let text = stdout_of(&[
        "capture",
        "--read",
        &fixture("wire/handshake.pcap"),
        "--count",
        "1",
    ]);
    let mut text_lines = text.lines();
    let first = text_lines.next().expect("a packet line");
    assert!(first.starts_with("0.000000 127.0.0.1:"), "{first}");
    assert!(
        first.contains(" TCP [SYN] seq=0 win=65495 len=0 ttl=64"),
        "{first}"
    );
    assert!(
        text_lines
            .next()
            .is_some_and(|l| l.starts_with("    ") && l.contains("asks to open a connection"))
    );
}

#[test]
fn filters_and_count_pick_packets() {
    let udp = packets_of(&[
        "capture",
        "--read",
        &fixture("wire/handshake.pcap"),
        "--port",
        "47124",
    ]);
    assert!(!udp.is_empty());
    assert!(udp.iter().all(|l| l["proto"] == "udp"));
    let none = packets_of(&[
        "capture",
        "--read",
        &fixture("wire/handshake.pcap"),
        "--host",
        "10.9.9.9",
    ]);
    assert!(none.is_empty());
    let two = packets_of(&[
        "capture",
        "--read",
        &fixture("wire/handshake.pcap"),
        "--count",
        "2",
    ]);
    assert_eq!(two.len(), 2);
    let link = packets_of(&[
        "capture",
        "--read",
        &fixture("wire/handshake.pcap"),
        "--link",
        "--count",
        "1",
    ]);
    assert_eq!(link[0]["link"]["ether_type"], "IPv4 (0x0800)");
    assert_eq!(link[0]["link"]["src_mac"], "00:00:00:00:00:00");
}

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path.to_str().expect("path").to_string()
}

#[test]
fn bad_files_fail_in_one_line_with_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = std::fs::read(fixture("wire/handshake.pcap")).expect("fixture");
    let mut unknown_link = good[..24].to_vec();
    unknown_link[20..24].copy_from_slice(&147u32.to_le_bytes());
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("empty.pcap", Vec::new(), "empty"),
        (
            "text.pcap",
            b"this is not a capture\n".to_vec(),
            "not a pcap or pcapng file",
        ),
        (
            "cut.pcap",
            good[..good.len() - 10].to_vec(),
            "ends in the middle of a packet",
        ),
        ("link.pcap", unknown_link, "link type 147"),
        (
            "head.pcap",
            good[..10].to_vec(),
            "ends in the middle of the pcap file header",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = write_file(dir.path(), name, &bytes);
        let output = netlearn()
            .args(["capture", "--read", &path])
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&output.get_output().stderr).to_string();
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        assert!(
            stderr.contains(expected) && stderr.contains(name),
            "{name}: {stderr}"
        );
    }
    let missing = dir.path().join("missing.pcap");
    netlearn()
        .args(["capture", "--read", missing.to_str().expect("path")])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("missing.pcap"));
}

#[test]
fn garbage_packets_are_marked_undecodable_and_reading_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut file = Vec::new();
    write_pcap_header(&mut file, LinkType::Ethernet).expect("header");
    write_pcap_record(&mut file, 0, &[0xff; 9]).expect("short frame");
    // An IPv4 header claiming more bytes than there are.
    let mut bad_ip = vec![0u8; 12];
    bad_ip.extend_from_slice(&[0x08, 0x00, 0x45, 0, 0xff, 0xff]);
    bad_ip.extend_from_slice(&[0u8; 16]);
    write_pcap_record(&mut file, 1_000, &bad_ip).expect("bad ip");
    let good = std::fs::read(fixture("wire/handshake.pcap")).expect("fixture");
    // The fixture's first packet record follows its 24-byte header.
    let caplen = u32::from_le_bytes(good[32..36].try_into().expect("4 bytes")) as usize;
    file.extend_from_slice(&good[24..40 + caplen]);
    let path = write_file(dir.path(), "mixed.pcap", &file);
    let lines = packets_of(&["capture", "--read", &path]);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["proto"], "undecodable");
    assert_eq!(lines[1]["proto"], "undecodable");
    assert!(lines[1]["error"].as_str().is_some_and(|e| !e.is_empty()));
    assert_eq!(lines[2]["proto"], "tcp");
}

#[test]
fn a_dash_reads_the_capture_from_standard_input() {
    let path = fixture("wire/handshake.pcap");
    let bytes = std::fs::read(&path).expect("fixture");
    for json in [false, true] {
        let format: &[&str] = if json { &["--json"] } else { &[] };
        let from_file = netlearn()
            .args(format)
            .args(["capture", "--read", &path])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let from_stdin = netlearn()
            .args(format)
            .args(["capture", "-r", "-"])
            .write_stdin(bytes.clone())
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8_lossy(&from_stdin);
        assert!(
            text.contains("TCP [SYN]") || text.contains("\"SYN\""),
            "{text}"
        );
        assert_eq!(text, String::from_utf8_lossy(&from_file));
    }
    // What is wrong with standard input is said of "-", in one line.
    let stderr = one_line_error(
        netlearn()
            .args(["capture", "-r", "-"])
            .write_stdin("this is not a capture\n"),
        2,
    );
    assert!(stderr.contains("-: not a pcap or pcapng file"), "{stderr}");
}

#[test]
fn an_empty_capture_says_it_read_0_packets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut pcap = Vec::new();
    write_pcap_header(&mut pcap, LinkType::Ethernet).expect("header");
    let mut ng = Vec::new();
    PcapngWriter::new(&mut ng, LinkType::Ethernet, 262_144)
        .and_then(|mut writer| writer.flush())
        .expect("pcapng");
    for (name, bytes) in [("empty.pcap", pcap), ("empty.pcapng", ng)] {
        let path = write_file(dir.path(), name, &bytes);
        assert_eq!(
            stdout_of(&["capture", "--read", &path]),
            "0 packets read\n",
            "{name}"
        );
        let ja = netlearn()
            .args(["--lang", "ja", "capture", "--read", &path])
            .assert()
            .success();
        assert_eq!(
            String::from_utf8_lossy(&ja.get_output().stdout),
            "0 個のパケットを読み込みました\n",
            "{name}"
        );
        let records = json_lines_of(&["capture", "--read", &path]);
        assert_eq!(
            records,
            [serde_json::json!({
                "type": "summary",
                "read": 0,
                "shown": 0,
                "connections_evicted": 0
            })],
            "{name}"
        );
        let from_stdin = netlearn()
            .args(["capture", "-r", "-"])
            .write_stdin(bytes)
            .assert()
            .success();
        assert_eq!(
            String::from_utf8_lossy(&from_stdin.get_output().stdout),
            "0 packets read\n"
        );
    }
}

#[test]
fn the_summary_counts_packets_read_and_shown() {
    let path = fixture("wire/handshake.pcap");
    let all = json_lines_of(&["capture", "--read", &path]);
    let packets = all.len() as u64 - 1;
    assert_eq!(
        all.last(),
        Some(&serde_json::json!({
            "type": "summary",
            "read": packets,
            "shown": packets,
            "connections_evicted": 0
        }))
    );
    let text = stdout_of(&["capture", "--read", &path]);
    assert!(
        text.ends_with(&format!("\n{packets} packets read\n")),
        "{text}"
    );
    // The UDP port: two datagrams shown of all the packets read.
    let text = stdout_of(&["capture", "--read", &path, "--port", "47124"]);
    assert!(
        text.ends_with(&format!("\n{packets} packets read, 2 shown\n")),
        "{text}"
    );
}

/// A pcap of `n` SYNs, each from its own client (10.x.y.z:40000) to 192.0.2.1:80.
fn syn_flood_pcap(n: u32) -> Vec<u8> {
    let mut file = Vec::new();
    write_pcap_header(&mut file, LinkType::Ethernet).expect("header");
    let mut frame = Vec::with_capacity(64);
    for i in 0..n {
        frame.clear();
        let [_, a, b, c] = i.to_be_bytes();
        etherparse::PacketBuilder::ethernet2([2, 0, 0, 0, 0, 1], [2, 0, 0, 0, 0, 2])
            .ipv4([10, a, b, c], [192, 0, 2, 1], 64)
            .tcp(40000, 80, i, 64240)
            .syn()
            .write(&mut frame, &[])
            .expect("frame");
        write_pcap_record(&mut file, u64::from(i) * 1000, &frame).expect("record");
    }
    file
}

#[test]
fn a_capture_with_more_connections_than_followed_says_how_many_it_forgot() {
    let dir = tempfile::tempdir().expect("tempdir");
    let limit = netlearn::net::wire::track::MAX_CONNECTIONS as u32;
    let path = write_file(dir.path(), "flood.pcap", &syn_flood_pcap(limit + 100));
    let records = json_lines_of(&["capture", "--read", &path]);
    let summary = records.last().expect("summary");
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["read"], limit + 100);
    assert_eq!(summary["connections_evicted"], 100, "{summary}");
    // The sentence under the text summary, in both languages, is the wire view's unit test
    // (the_forgotten_connections_are_counted_with_the_limit_in_both_languages): reading 65,636
    // packets again for each language would be this suite's longest test.
}

#[test]
fn pcapng_with_nanoseconds_reads_like_the_pcap() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = std::fs::read(fixture("wire/handshake.pcap")).expect("fixture");
    let mut reader =
        netlearn::net::wire::file::Reader::new(std::io::Cursor::new(&good)).expect("pcap");
    let mut ng = Vec::new();
    let mut writer = PcapngWriter::new(&mut ng, LinkType::Ethernet, 262_144).expect("pcapng");
    let mut n = 0;
    while let Some(record) = reader.next_record().expect("record") {
        writer
            .write_packet(record.time_ns + 7, record.data, record.orig_len)
            .expect("write");
        n += 1;
    }
    let path = write_file(dir.path(), "same.pcapng", &ng);
    let from_pcap = packets_of(&["capture", "--read", &fixture("wire/handshake.pcap")]);
    let from_ng = packets_of(&["capture", "--read", &path]);
    assert_eq!(from_ng.len(), n);
    for (a, b) in from_pcap.iter().zip(&from_ng) {
        for key in [
            "src", "dst", "flags", "seq", "ack", "len", "state", "explain",
        ] {
            assert_eq!(a[key], b[key], "{key}");
        }
    }
    if has_tcpdump() {
        let dump = Command::new("tcpdump")
            .args(["-nn", "-r", &path])
            .output()
            .expect("tcpdump");
        assert!(dump.status.success());
        assert_eq!(String::from_utf8_lossy(&dump.stdout).lines().count(), n);
    }
}

/// A live `netlearn capture` whose stdout lines arrive on a channel.
struct LiveRun {
    guard: Guard,
    lines: mpsc::Receiver<String>,
}

fn start_live_capture(args: &[&str]) -> LiveRun {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("netlearn"))
        .args(["--json", "capture"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn netlearn capture");
    let stdout = child.stdout.take().expect("stdout piped");
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let (_, stderr) = mpsc::channel();
    LiveRun {
        guard: Guard(child, stderr),
        lines,
    }
}

impl LiveRun {
    /// Waits for a packet record that `done` accepts, calling `nudge` between waits.
    fn wait_for(&self, done: impl Fn(&Value) -> bool, nudge: impl Fn()) -> Vec<Value> {
        let deadline = Instant::now() + WAIT;
        let mut seen = Vec::new();
        loop {
            nudge();
            if let Ok(line) = self.lines.recv_timeout(Duration::from_millis(50)) {
                let record: Value = serde_json::from_str(&line).expect("a JSON line");
                let found = done(&record);
                seen.push(record);
                if found {
                    return seen;
                }
            }
            assert!(Instant::now() < deadline, "no such packet; saw {seen:#?}");
        }
    }
}

#[test]
fn live_capture_writes_pcapng_that_tcpdump_reads_back() {
    if let Some(reason) = skip_reason() {
        println!("skipped: {reason}");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("live.pcapng");
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let port_text = port.to_string();
    let run = start_live_capture(&[
        "--port",
        &port_text,
        "--write",
        file.to_str().expect("path"),
    ]);
    // The capture prints nothing until a packet comes: datagrams to the port show when it is
    // ready (the TCP listener does not take UDP, so each draws an ICMP error too).
    let nudger = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).expect("udp");
    run.wait_for(
        |r| r["proto"] == "udp",
        || {
            let _ = nudger.send_to(b"ready?", (Ipv4Addr::LOCALHOST, port));
        },
    );
    let udp_port = make_traffic_on(&listener);
    let seen = run.wait_for(
        |r| r["proto"] == "tcp" && r["src"] == format!("127.0.0.1:{udp_port}"),
        || {},
    );
    assert!(seen.iter().any(|r| {
        r["flags"]
            .as_array()
            .is_some_and(|f| f.iter().any(|f| f == "SYN"))
    }));
    let pid = run.guard.0.id().to_string();
    let status = Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill");
    assert!(status.success());
    let deadline = Instant::now() + WAIT;
    let summary = loop {
        let line = run
            .lines
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("a summary after Ctrl-C");
        let record: Value = serde_json::from_str(&line).expect("JSON");
        if record["type"] == "summary" {
            break record;
        }
    };
    assert_eq!(summary["dropped_by_kernel"], 0);
    let captured = summary["captured"].as_u64().expect("captured");
    let agreed = assert_agrees_with_tcpdump(&file);
    assert_eq!(agreed as u64, captured, "the file holds every packet shown");
}

/// One echoed line over a fresh connection whose client port is the returned one.
fn make_traffic_on(listener: &TcpListener) -> u16 {
    let addr = listener.local_addr().expect("addr");
    let mut client = TcpStream::connect(addr).expect("connect");
    let (mut conn, _) = listener.accept().expect("accept");
    client.write_all(b"hello\n").expect("send");
    let mut buf = [0u8; 6];
    conn.read_exact(&mut buf).expect("recv");
    client.local_addr().expect("client addr").port()
}

#[test]
fn live_capture_without_cap_net_raw_says_how_to_get_it() {
    let mut command = if is_root() {
        if Command::new("setpriv").arg("--version").output().is_err() {
            println!("skipped: setpriv is missing, and root has CAP_NET_RAW");
            return;
        }
        let mut command = Command::new("setpriv");
        command
            .args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "--inh-caps=-all",
            ])
            .arg(assert_cmd::cargo::cargo_bin!("netlearn"));
        command
    } else {
        Command::new(assert_cmd::cargo::cargo_bin!("netlearn"))
    };
    let output = command
        .args(["capture", "--count", "1"])
        .output()
        .expect("run netlearn capture");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("CAP_NET_RAW") && stderr.contains("sudo"),
        "{stderr}"
    );
}

#[test]
fn live_capture_on_a_missing_interface_is_a_usage_error() {
    netlearn()
        .args(["capture", "--iface", "no-such-if0", "--count", "1"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no-such-if0"));
}

/// Runs `netlearn --json ARGS`, as nobody when `unprivileged`; its JSON lines.
fn demo_json(args: &[&str], unprivileged: bool) -> Vec<Value> {
    let binary = assert_cmd::cargo::cargo_bin!("netlearn");
    let mut command = if unprivileged {
        let mut command = Command::new("setpriv");
        command
            .args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "--inh-caps=-all",
            ])
            .arg(binary);
        command
    } else {
        Command::new(binary)
    };
    let output = command
        .arg("--json")
        .args(args)
        .output()
        .expect("run the demo");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

/// Runs `netlearn --json socket demo SCENARIO --wire`, as nobody when `unprivileged`.
fn wire_demo(scenario: &str, unprivileged: bool) -> Vec<Value> {
    demo_json(&["socket", "demo", scenario, "--wire"], unprivileged)
}

fn has_flags(record: &Value, wanted: &[&str]) -> bool {
    record["type"] == "packet"
        && record["flags"].as_array().is_some_and(|f| {
            f.len() == wanted.len() && wanted.iter().all(|w| f.iter().any(|x| x == w))
        })
}

/// The refused scenario's packets sit under the calls that caused them.
fn assert_refused_packets(records: &[Value]) {
    let position = |pred: &dyn Fn(&Value) -> bool| {
        records
            .iter()
            .position(pred)
            .unwrap_or_else(|| panic!("missing record in {records:#?}"))
    };
    let connect = position(&|r| r["event"] == "trace" && r["call"] == "connect");
    let syn = position(&|r| has_flags(r, &["SYN"]));
    let rst = position(&|r| has_flags(r, &["RST", "ACK"]));
    let udp_socket =
        position(&|r| r["event"] == "trace" && r["describe"] == "socket(AF_INET, SOCK_DGRAM)");
    let icmp = position(&|r| r["proto"] == "icmp");
    let recv = position(&|r| r["event"] == "trace" && r["call"] == "recv");
    assert!(
        connect < syn && syn < rst && rst < udp_socket,
        "{records:#?}"
    );
    assert!(udp_socket < icmp && icmp < recv, "{records:#?}");
    assert_eq!(records[syn]["state"], "SYN_SENT");
    assert_eq!(records[rst]["state"], "CLOSED");
    assert!(
        records[rst]["explain"]
            .as_str()
            .is_some_and(|e| e.contains("Connection refused"))
    );
}

#[test]
fn socket_demo_wire_shows_the_refusals_packets_as_root() {
    if !is_root() {
        println!("skipped: the root run needs root (the unprivileged run is its own test)");
        return;
    }
    assert_refused_packets(&wire_demo("refused", false));
}

#[test]
fn socket_demo_wire_works_unprivileged_in_a_private_namespace() {
    if !is_root() || Command::new("setpriv").arg("--version").output().is_err() {
        println!("skipped: dropping to an unprivileged user needs root and setpriv");
        return;
    }
    let records = wire_demo("refused", true);
    if let Some(note) = records.iter().find(|r| {
        r["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("no packets"))
    }) {
        println!(
            "skipped: this machine allows no private namespace: {}",
            note["message"]
        );
        return;
    }
    assert_refused_packets(&records);
}

#[test]
fn socket_demo_wire_shows_the_fins_before_time_wait() {
    let unprivileged = !is_root();
    let records = if unprivileged {
        Command::new(assert_cmd::cargo::cargo_bin!("netlearn"))
            .args(["--json", "socket", "demo", "time-wait", "--wire"])
            .output()
            .map(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .filter_map(|l| serde_json::from_str(l).ok())
                    .collect::<Vec<Value>>()
            })
            .expect("run the demo")
    } else {
        wire_demo("time-wait", false)
    };
    if records.iter().all(|r| r["type"] != "packet") {
        println!("skipped: no packets can be captured here");
        return;
    }
    let table = records
        .iter()
        .position(|r| r["event"] == "sockets")
        .expect("the socket table");
    let fins: Vec<&Value> = records[..table]
        .iter()
        .filter(|r| {
            r["flags"]
                .as_array()
                .is_some_and(|f| f.iter().any(|x| x == "FIN"))
        })
        .collect();
    assert_eq!(fins.len(), 2, "{records:#?}");
    // The server closes first: its FIN, then the client's; the server ends in TIME_WAIT.
    assert_eq!(fins[0]["state"], "FIN_WAIT_1");
    assert_eq!(fins[1]["state"], "LAST_ACK");
    assert_eq!(fins[1]["peer_state"], "TIME_WAIT");
    assert!(
        records[..table]
            .iter()
            .any(|r| has_flags(r, &["SYN", "ACK"]))
    );
}

#[test]
fn live_capture_stops_after_its_duration_and_counts() {
    if !is_root() {
        println!("skipped: live capture needs root");
        return;
    }
    // A port nothing uses: the capture sees no packet and stops on its own.
    let quiet = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).expect("udp");
    let port = quiet.local_addr().expect("addr").port().to_string();
    let output = netlearn()
        .args(["capture", "--port", &port, "--duration", "200ms"])
        .timeout(WAIT)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&output.get_output().stdout).to_string();
    assert_eq!(stdout, "0 packets captured, 0 dropped by kernel\n");
}

/// Why a demo's packets cannot be seen here, if they cannot: the demo's own note.
fn no_packets(records: &[Value]) -> Option<String> {
    if records.iter().any(|r| r["type"] == "packet") {
        return None;
    }
    Some(
        records
            .iter()
            .find_map(|r| {
                r["message"]
                    .as_str()
                    .filter(|m| m.starts_with("no packets"))
            })
            .unwrap_or("the demo showed no packets and said nothing")
            .to_string(),
    )
}

fn position(records: &[Value], what: &str, pred: impl Fn(&Value) -> bool) -> usize {
    records
        .iter()
        .position(pred)
        .unwrap_or_else(|| panic!("no {what} in {records:#?}"))
}

fn is_call(record: &Value, role: &str, call: &str) -> bool {
    record["event"] == "trace" && record["role"] == role && record["call"] == call
}

fn sent_by(record: &Value, port: &Value) -> bool {
    record["type"] == "packet"
        && record["src"].as_str().is_some_and(|src| {
            port.as_u64()
                .is_some_and(|p| src.ends_with(&format!(":{p}")))
        })
}

/// The echo demo's packets sit under the calls that caused them: the handshake under
/// connect() (none under accept()), the message and its echo, both FINs; with a half-close the
/// client's FIN under shutdown(SHUT_WR), before the server even reads.
fn assert_echo_packets(records: &[Value], half_close: bool) {
    let connect = position(records, "connect()", |r| is_call(r, "client", "connect"));
    let syn = position(records, "SYN", |r| has_flags(r, &["SYN"]));
    let syn_ack = position(records, "SYN-ACK", |r| has_flags(r, &["SYN", "ACK"]));
    let accept = position(records, "accept()", |r| is_call(r, "server", "accept"));
    assert!(
        connect < syn && syn < syn_ack && syn_ack < accept,
        "{records:#?}"
    );
    assert_eq!(records[syn]["state"], "SYN_SENT");
    assert_eq!(records[syn]["seq"], 0);
    assert_eq!(records[syn]["direction"], "client → server");
    assert_eq!(records[syn_ack]["direction"], "server → client");
    let handshake_done = &records[syn_ack + 1];
    assert!(has_flags(handshake_done, &["ACK"]), "{records:#?}");
    assert!(
        handshake_done["explain"]
            .as_str()
            .is_some_and(|e| e.contains("both sides ESTABLISHED")),
        "{handshake_done:#}"
    );
    // accept() caused nothing, and says so.
    assert!(
        records[accept + 1]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("no packet under accept()")),
        "{records:#?}"
    );
    let client_port = &records[accept]["peer"]
        .as_str()
        .and_then(|p| p.rsplit_once(':'))
        .and_then(|(_, port)| port.parse::<u64>().ok())
        .map(Value::from)
        .expect("accept's peer");
    let send = position(records, "send()", |r| is_call(r, "client", "send"));
    let data: Vec<usize> = (0..records.len())
        .filter(|&i| has_flags(&records[i], &["PSH", "ACK"]))
        .collect();
    assert_eq!(data.len(), 2, "the message and its echo: {records:#?}");
    assert!(send < data[0] && sent_by(&records[data[0]], client_port));
    assert_eq!(records[data[0]]["len"], 6);
    assert_eq!(records[data[0]]["seq"], 1);
    assert_eq!(records[data[0]]["preview"], "hello\n");
    assert!(!sent_by(&records[data[1]], client_port));
    let fins: Vec<usize> = (0..records.len())
        .filter(|&i| {
            records[i]["flags"]
                .as_array()
                .is_some_and(|f| f.iter().any(|x| x == "FIN"))
        })
        .collect();
    assert_eq!(fins.len(), 2, "{records:#?}");
    assert!(
        sent_by(&records[fins[0]], client_port),
        "the client closes first"
    );
    assert_eq!(records[fins[0]]["state"], "FIN_WAIT_1");
    if half_close {
        let shutdown = position(records, "shutdown()", |r| is_call(r, "client", "shutdown"));
        let server_recv = position(records, "the server's recv()", |r| {
            is_call(r, "server", "recv")
        });
        assert!(shutdown < fins[0] && fins[0] < server_recv, "{records:#?}");
        // The server still answers after the client's FIN, then sends its own.
        assert!(fins[0] < data[1] && data[1] < fins[1], "{records:#?}");
    } else {
        let close = position(records, "close()", |r| is_call(r, "client", "close"));
        assert!(data[1] < close && close < fins[0], "{records:#?}");
    }
    assert_eq!(records[fins[1]]["state"], "LAST_ACK");
    assert_eq!(records[fins[1]]["peer_state"], "TIME_WAIT");
}

/// The echo demo's JSON as root, or `None` (with the reason printed) where it cannot run.
fn echo_wire_as_root(args: &[&str]) -> Option<Vec<Value>> {
    if !is_root() {
        println!("skipped: the root run needs root (the unprivileged run is its own test)");
        return None;
    }
    let mut all = vec!["echo", "demo", "--wire"];
    all.extend_from_slice(args);
    Some(demo_json(&all, false))
}

#[test]
fn echo_demo_wire_puts_the_handshake_data_and_fins_under_their_calls() {
    if let Some(records) = echo_wire_as_root(&[]) {
        assert_echo_packets(&records, false);
    }
}

#[test]
fn echo_demo_wire_half_close_shows_the_fin_of_shutdown() {
    if let Some(records) = echo_wire_as_root(&["--half-close"]) {
        assert_echo_packets(&records, true);
    }
}

#[test]
fn echo_demo_wire_works_unprivileged_in_a_private_namespace() {
    if !is_root() || Command::new("setpriv").arg("--version").output().is_err() {
        println!("skipped: dropping to an unprivileged user needs root and setpriv");
        return;
    }
    for (args, half_close) in [(&[][..], false), (&["--half-close"][..], true)] {
        let mut all = vec!["echo", "demo", "--wire"];
        all.extend_from_slice(args);
        let records = demo_json(&all, true);
        if let Some(reason) = no_packets(&records) {
            println!("skipped: this machine allows no private namespace: {reason}");
            return;
        }
        assert_echo_packets(&records, half_close);
    }
}

#[test]
fn echo_demo_wire_reset_shows_the_rst_of_a_close_with_unread_data() {
    let Some(records) = echo_wire_as_root(&["--reset"]) else {
        return;
    };
    let close = position(&records, "the server's close()", |r| {
        is_call(r, "server", "close") && r["conn"] == 1
    });
    let rst = position(&records, "RST", |r| {
        r["flags"]
            .as_array()
            .is_some_and(|f| f.iter().any(|x| x == "RST"))
    });
    assert!(close < rst, "{records:#?}");
    assert!(
        records[rst]["explain"]
            .as_str()
            .is_some_and(|e| e.starts_with("reset: the server closed with 6 bytes unread")),
        "{:#}",
        records[rst]
    );
    assert!(
        !records.iter().any(|r| r["flags"]
            .as_array()
            .is_some_and(|f| f.iter().any(|x| x == "FIN"))),
        "a reset instead of FINs: {records:#?}"
    );
    assert!(records.iter().any(|r| {
        r["message"]
            .as_str()
            .is_some_and(|m| m.contains("ConnectionResetError"))
    }));
}

#[test]
fn echo_demo_wire_udp_is_one_datagram_each_way_and_no_handshake() {
    let Some(records) = echo_wire_as_root(&["--udp"]) else {
        return;
    };
    let packets: Vec<&Value> = records.iter().filter(|r| r["type"] == "packet").collect();
    assert_eq!(packets.len(), 2, "{records:#?}");
    assert!(packets.iter().all(|p| p["proto"] == "udp" && p["len"] == 6));
    let sendto = position(&records, "sendto()", |r| is_call(r, "client", "sendto"));
    let first = position(&records, "a datagram", |r| r["type"] == "packet");
    let recvfrom = position(&records, "recvfrom()", |r| is_call(r, "server", "recvfrom"));
    assert!(sendto < first && first < recvfrom, "{records:#?}");
}

/// `tcpdump -nn -r FILE` reads back the packets a demo showed: same order, addresses, flags,
/// lengths.
fn assert_pcap_matches(file: &Path, records: &[Value]) {
    let output = Command::new("tcpdump")
        .args(["-nn", "-r"])
        .arg(file)
        .output()
        .expect("run tcpdump");
    assert!(output.status.success(), "{output:?}");
    let dumped: Vec<Dumped> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(parse_tcpdump)
        .collect();
    let shown: Vec<&Value> = records.iter().filter(|r| r["type"] == "packet").collect();
    assert_eq!(dumped.len(), shown.len(), "{dumped:#?}\n{shown:#?}");
    for (dump, view) in dumped.iter().zip(&shown) {
        assert_eq!(dump.src, view["src"], "{view:#}");
        assert_eq!(dump.dst, view["dst"], "{view:#}");
        if view["proto"] == "tcp" {
            let flags = dump.flags.as_deref().expect("tcp flags");
            assert_eq!(sorted(flags), sorted(&letters(&view["flags"])), "{view:#}");
        }
        if !dump.icmp {
            assert_eq!(dump.len, view["len"].as_u64(), "{view:#}");
        }
    }
}

#[test]
fn demo_pcap_files_read_back_in_tcpdump_as_the_demos_showed_them() {
    if let Some(reason) = skip_reason() {
        println!("skipped: {reason}");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let runs: [&[&str]; 4] = [
        &["echo", "demo", "--wire", "--half-close"],
        &["echo", "demo", "--wire", "--reset"],
        &["echo", "demo", "--wire", "--udp"],
        &["socket", "demo", "refused", "--wire"],
    ];
    for (i, args) in runs.iter().enumerate() {
        let file = dir.path().join(format!("demo{i}.pcapng"));
        let mut all = args.to_vec();
        let path = file.to_str().expect("utf-8 path");
        all.extend(["--pcap", path]);
        let records = demo_json(&all, false);
        assert_pcap_matches(&file, &records);
    }
    let file = dir.path().join("http.pcapng");
    let path = file.to_str().expect("utf-8 path");
    let output = netlearn()
        .args(["--json", "http", "demo", "--wire", "--pcap", path])
        .output()
        .expect("run the http demo");
    assert!(output.status.success(), "{output:?}");
    let report: Value = serde_json::from_slice(&output.stdout).expect("one JSON report");
    let packets = report["packets"].as_array().expect("the packets").clone();
    assert!(packets.len() >= 8, "{packets:#?}");
    assert_pcap_matches(&file, &packets);
}

#[test]
fn demo_pcap_to_a_path_that_cannot_be_written_fails_before_the_demo_runs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("no-such-dir").join("demo.pcapng");
    let path = missing.to_str().expect("utf-8 path");
    for args in [
        &["echo", "demo", "--wire", "--pcap", path][..],
        &["socket", "demo", "refused", "--wire", "--pcap", path],
        &["http", "demo", "--wire", "--pcap", path],
    ] {
        let output = netlearn().args(args).output().expect("run the demo");
        assert_eq!(output.status.code(), Some(2), "{args:?}: {output:?}");
        assert!(output.stdout.is_empty(), "{args:?}: the demo did not run");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains("--pcap") && stderr.contains("no-such-dir"),
            "{stderr}"
        );
    }
    netlearn()
        .args(["echo", "demo", "--pcap", path])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--wire"));
}

/// The packet lines `capture --read` printed for the fixture before lines were fitted to
/// screens (main at 253810d), byte for byte: piped without COLUMNS they must stay so.
const HANDSHAKE_LINES: &str = "\
0.000000 127.0.0.1:59936 → 127.0.0.1:47123 TCP [SYN] seq=0 win=65495 len=0 ttl=64 mss=65495
0.000017 127.0.0.1:47123 → 127.0.0.1:59936 TCP [SYN, ACK] seq=0 ack=1 win=65483 len=0 ttl=64 mss=65495
0.000037 127.0.0.1:59936 → 127.0.0.1:47123 TCP [ACK] seq=1 ack=1 win=64 len=0 ttl=64
0.000108 127.0.0.1:59936 → 127.0.0.1:47123 TCP [PSH, ACK] seq=1 ack=1 win=64 len=6 ttl=64 \"hello\\n\"
0.000117 127.0.0.1:47123 → 127.0.0.1:59936 TCP [ACK] seq=1 ack=7 win=64 len=0 ttl=64
0.000166 127.0.0.1:47123 → 127.0.0.1:59936 TCP [PSH, ACK] seq=1 ack=7 win=64 len=6 ttl=64 \"hello\\n\"
0.000171 127.0.0.1:59936 → 127.0.0.1:47123 TCP [ACK] seq=7 ack=7 win=64 len=0 ttl=64
0.000186 127.0.0.1:59936 → 127.0.0.1:47123 TCP [FIN, ACK] seq=7 ack=7 win=64 len=0 ttl=64
0.000203 127.0.0.1:47123 → 127.0.0.1:59936 TCP [FIN, ACK] seq=7 ack=8 win=64 len=0 ttl=64
0.000213 127.0.0.1:59936 → 127.0.0.1:47123 TCP [ACK] seq=8 ack=8 win=64 len=0 ttl=64
0.000273 127.0.0.1:45143 → 127.0.0.1:47124 UDP len=4 ttl=64 \"ping\"
0.000301 127.0.0.1:45143 → 127.0.0.1:47124 UDP len=1 ttl=64 \"x\"
";

/// The lines of `output` that are packet lines (they start with the time), not explanations.
fn packet_lines(output: &str) -> String {
    output
        .lines()
        .filter(|line| {
            // `0.277933 ...`: seconds, then six digits of microseconds.
            line.split_once(' ')
                .and_then(|(time, _)| time.split_once('.'))
                .is_some_and(|(s, us)| {
                    !s.is_empty()
                        && us.len() == 6
                        && s.bytes().chain(us.bytes()).all(|b| b.is_ascii_digit())
                })
        })
        .map(|line| format!("{line}\n"))
        .collect()
}

fn capture_text(extra: &[&str], columns: Option<&str>, lang: &str) -> String {
    let mut command = netlearn();
    command
        .args(["--lang", lang, "capture", "--read"])
        .arg(fixture("wire/handshake.pcap"))
        .args(extra);
    match columns {
        Some(columns) => command.env("COLUMNS", columns),
        None => command.env_remove("COLUMNS"),
    };
    let output = command.assert().success();
    String::from_utf8_lossy(&output.get_output().stdout).to_string()
}

#[test]
fn piped_without_columns_capture_read_keeps_tcpdumps_whole_lines_byte_for_byte() {
    for lang in ["en", "ja"] {
        assert_eq!(
            packet_lines(&capture_text(&[], None, lang)),
            HANDSHAKE_LINES,
            "{lang}"
        );
    }
    // --wide asks for the same whole lines whatever the width.
    for columns in ["80", "60"] {
        assert_eq!(
            packet_lines(&capture_text(&["--wide"], Some(columns), "en")),
            HANDSHAKE_LINES
        );
    }
    let short = capture_text(&["-v"], Some("60"), "en");
    assert!(
        short.contains("win=65495 len=0 ttl=64 mss=65495"),
        "{short}"
    );
}

/// Lines of `text` wider than `columns` on a terminal (a CJK character takes two).
fn too_wide(text: &str, columns: usize) -> Vec<String> {
    text.lines()
        .filter(|line| netlearn::output::width::display_width(line) > columns)
        .map(str::to_string)
        .collect()
}

#[test]
fn capture_lines_fit_80_and_60_columns_and_line_up() {
    for lang in ["en", "ja"] {
        for columns in [80usize, 60] {
            let text = capture_text(&["--link"], Some(&columns.to_string()), lang);
            assert_eq!(too_wide(&text, columns), Vec::<String>::new(), "{text}");
            // The fields least useful to a reader went first: the MAC addresses, ttl, win.
            assert!(!text.contains("00:00:00:00:00:00"), "{text}");
            assert!(!text.contains("ttl=") && !text.contains("win="), "{text}");
            // What a reader needs stayed, each field whole.
            for field in ["seq=7", "ack=8", "len=6", "TCP [FIN, ACK]", "\"ping\""] {
                assert!(text.contains(field), "{field} in {text}");
            }
            // At 60 the details continue on a line of their own, with room for the preview.
            if columns == 60 {
                assert!(text.contains("seq=1 ack=1 len=6 \"hello\\n\"\n"), "{text}");
            }
        }
    }
    // At 80 columns each packet is one line, its flags in one column.
    let text = capture_text(&[], Some("80"), "en");
    let lines = packet_lines(&text);
    assert_eq!(lines.lines().count(), 12, "{text}");
    let flags_at: Vec<usize> = lines
        .lines()
        .filter(|line| line.contains("TCP ["))
        .skip(1)
        .map(|line| line.find(" seq=").expect("seq"))
        .collect();
    assert!(
        flags_at.windows(2).all(|pair| pair[0] == pair[1]),
        "seq= lines up after the first packet: {lines}"
    );
    // At 60 the details go on a line of their own, under the ends.
    let text = capture_text(&[], Some("60"), "en");
    assert!(
        text.contains("127.0.0.1:47123 TCP [SYN]\n         seq=0 len=0\n"),
        "{text}"
    );
}

#[test]
fn a_pure_ack_says_what_an_acknowledgement_means_in_both_languages() {
    let explain_of_ack = |lang: &str| {
        let records = json_lines_of(&[
            "--lang",
            lang,
            "capture",
            "--read",
            &fixture("wire/handshake.pcap"),
        ]);
        records
            .into_iter()
            .find(|r| r["flags"] == serde_json::json!(["ACK"]) && r["ack"] == 7 && r["len"] == 0)
            .expect("the ACK of the client's data")["explain"]
            .as_str()
            .expect("explain")
            .to_string()
    };
    let en = explain_of_ack("en");
    assert!(
        en.contains("\"I have received everything up to byte 6\""),
        "{en}"
    );
    assert!(en.contains("ack=7 is the next byte it expects"), "{en}");
    let ja = explain_of_ack("ja");
    assert!(
        ja.contains("確認応答を返します。「6 バイト目まですべて受け取りました」"),
        "{ja}"
    );
}

/// The keys of a packet record, as README.md documents them.
const PACKET_KEYS: [&str; 24] = [
    "type",
    "time",
    "src",
    "dst",
    "direction",
    "proto",
    "flags",
    "seq",
    "ack",
    "seq_raw",
    "ack_raw",
    "win",
    "len",
    "ttl",
    "state",
    "peer_state",
    "mark",
    "icmp_type",
    "icmp_code",
    "dns",
    "link",
    "preview",
    "error",
    "explain",
];

fn assert_packet_schema(record: &Value) {
    let keys: Vec<&str> = record
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected: Vec<&str> = PACKET_KEYS.to_vec();
    if keys.contains(&"at") {
        expected.push("at");
    }
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    expected.sort_unstable();
    assert_eq!(sorted, expected, "{record}");
}

#[test]
fn every_packet_record_has_every_key_and_the_readme_documents_them() {
    // TCP and UDP from the fixture, with and without the link layer (the unit tests of
    // src/app/wire/view.rs check ICMP, ARP, DNS and undecodable frames).
    let file = fixture("wire/handshake.pcap");
    let records: Vec<Value> = [&[][..], &["--link"][..]]
        .iter()
        .flat_map(|extra| {
            let mut args = vec!["capture", "--read", file.as_str()];
            args.extend_from_slice(extra);
            json_lines_of(&args)
        })
        .filter(|r| r["type"] == "packet")
        .collect();
    let syn = records
        .iter()
        .find(|r| r["flags"] == serde_json::json!(["SYN"]))
        .expect("a SYN");
    assert!(syn["ack"].is_null() && syn["ack_raw"].is_null(), "{syn}");
    let udp = records.iter().find(|r| r["proto"] == "udp").expect("UDP");
    for key in ["flags", "seq", "win", "state", "dns", "icmp_type"] {
        assert!(udp[key].is_null(), "{key}: {udp}");
    }
    for record in &records {
        assert_packet_schema(record);
    }
    let linked = records
        .iter()
        .find(|r| !r["link"].is_null())
        .expect("--link");
    assert!(linked["link"]["src_mac"].is_string(), "{linked}");
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let table = readme
        .split("#### Packet records")
        .nth(1)
        .expect("README documents packet records");
    for key in PACKET_KEYS {
        assert!(
            table.lines().any(|line| line.starts_with("| `")
                && line
                    .split('|')
                    .nth(1)
                    .is_some_and(|c| c.contains(&format!("`{key}`")))),
            "README's packet record table names {key}"
        );
    }
}

/// Runs `args` as root with `COLUMNS` set, in `lang`; the lab gets a runtime directory of its
/// own.
fn fitted_run(args: &[&str], columns: usize, lang: &str, wide: bool) -> String {
    let runtime = tempfile::tempdir().expect("tempdir");
    let mut command = netlearn();
    command
        .args(["--lang", lang])
        .args(args)
        .env("COLUMNS", columns.to_string())
        .env("XDG_RUNTIME_DIR", runtime.path())
        .timeout(Duration::from_secs(120));
    if wide {
        command.arg("--wide");
    }
    let output = command.output().expect("run netlearn");
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8_lossy(&output.stdout).to_string()
}

#[test]
fn the_packet_lines_of_demos_lab_and_explain_fit_80_and_60_columns_in_both_languages() {
    if !is_root() {
        println!("skipped: the demos' packets and the lab need root here");
        return;
    }
    let commands: [&[&str]; 7] = [
        &["echo", "demo", "--wire", "hello across r1"],
        &["http", "demo", "--wire"],
        &["socket", "demo", "refused", "--wire"],
        &["socket", "demo", "time-wait", "--wire"],
        &["lab"],
        &["explain", "arp"],
        &["explain", "subnet", "mask"],
    ];
    for args in commands {
        for lang in ["en", "ja"] {
            for columns in [80, 60] {
                let text = fitted_run(args, columns, lang, false);
                if text.contains("cannot build the lab here") {
                    println!("skipped {args:?}: no lab here");
                    continue;
                }
                let packets = packet_lines(&text);
                assert!(!packets.is_empty(), "{args:?} shows packets: {text}");
                // Every packet line fits; so does its explanation and what continues it.
                let wide: Vec<String> = too_wide(&text, columns)
                    .into_iter()
                    .filter(|line| {
                        line.starts_with(|c: char| c.is_ascii_digit()) || line.starts_with("    ")
                    })
                    .filter(|line| !line.contains("</"))
                    .collect();
                assert_eq!(wide, Vec::<String>::new(), "{args:?} {lang} {columns}");
                assert!(!packets.contains("win="), "{args:?}: {packets}");
            }
        }
        // --wide: every field, one line per packet.
        let text = fitted_run(args, 60, "en", true);
        let packets = packet_lines(&text);
        assert!(
            packets
                .lines()
                .filter(|line| line.contains(" TCP ["))
                .all(|line| line.contains(" win=") && line.contains(" ttl=")),
            "{args:?} --wide: {packets}"
        );
        assert!(
            !too_wide(&packets, 60).is_empty(),
            "{args:?} --wide: whole lines, wider than the screen: {packets}"
        );
    }
}

#[test]
fn the_wire_texts_join_numbers_to_their_units_and_read_as_japanese() {
    let read = |lang: &str| {
        std::fs::read_to_string(format!(
            "{}/texts/{lang}/wire.ftl",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("wire.ftl")
    };
    let ja = read("ja");
    // Comments are for translators; only the texts are checked.
    let texts: String = ja
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .map(|line| format!("{line}\n"))
        .collect();
    for split in [
        "} バイト",
        "} 個",
        "} 段階",
        "1 段階",
        "2 段階",
        "3 段階",
        "ポート {",
        "バージョンが {",
        "リンクタイプ {",
        "リンクタイプは {",
        "インターフェース { $number",
        "ウィンドウスケール {",
        "プロトコル番号 {",
        "3 ウェイ",
    ] {
        assert!(!texts.contains(split), "texts/ja/wire.ftl: {split:?}");
    }
    // Japanese sentences end with full-width marks, and the ACK is named as the term table
    // names it.
    assert!(!texts.contains("? ") && !texts.contains("?\n"), "{texts}");
    assert!(texts.contains("確認応答を返します。「"), "{texts}");
    let en = read("en");
    for split in ["port {", "} bytes (MSS)", "(step 1", "link type {"] {
        assert!(!en.contains(split), "texts/en/wire.ftl: {split:?}");
    }
}

/// Reading a capture prints exactly what it printed before the reader was made faster
/// (issue 28): the outputs under tests/fixtures/wire/golden/ were recorded from main's binary
/// before that change, as text (piped, fitted to 80 and 40 columns, English and Japanese,
/// with --link, filtered) and as JSON Lines. streams.pcap is bench/wire.py's traffic: four
/// connections (one of them reset) with their data, ACKs and FINs, and UDP datagrams.
#[test]
fn capture_read_output_is_byte_identical_to_the_recorded_output() {
    // The output's name, COLUMNS, and the options before and after `capture`.
    type Case<'a> = (&'a str, Option<&'a str>, &'a [&'a str], &'a [&'a str]);
    let cases: &[Case] = &[
        ("txt", None, &[], &[]),
        ("json", None, &["--json"], &[]),
        ("80.txt", Some("80"), &[], &[]),
        ("ja.txt", None, &["--lang", "ja"], &[]),
        ("ja.80.txt", Some("80"), &["--lang", "ja"], &[]),
        ("link.txt", None, &[], &["--link"]),
    ];
    let mut runs: Vec<(String, Option<&str>, Vec<String>)> = Vec::new();
    for capture in ["handshake", "streams"] {
        for (suffix, columns, global, local) in cases {
            let mut args: Vec<String> = global.iter().map(|a| a.to_string()).collect();
            args.push("capture".into());
            args.extend(local.iter().map(|a| a.to_string()));
            args.push("--read".into());
            args.push(fixture(&format!("wire/{capture}.pcap")));
            runs.push((format!("{capture}.{suffix}"), *columns, args));
        }
    }
    let streams = fixture("wire/streams.pcap");
    for (name, columns, args) in [
        ("streams.40.txt", Some("40"), vec!["capture", "--read"]),
        (
            "streams.link.json",
            None,
            vec!["--json", "capture", "--link", "--read"],
        ),
        (
            "streams.count.txt",
            None,
            vec!["capture", "--port", "5009", "--count", "3", "--read"],
        ),
    ] {
        let mut args: Vec<String> = args.into_iter().map(String::from).collect();
        args.push(streams.clone());
        runs.push((name.to_string(), columns, args));
    }
    for (name, columns, args) in runs {
        let mut command = netlearn();
        if let Some(columns) = columns {
            command.env("COLUMNS", columns);
        }
        let output = command.args(&args).assert().success();
        let expected =
            std::fs::read(fixture(&format!("wire/golden/{name}"))).expect("recorded output");
        let got = &output.get_output().stdout;
        assert!(
            *got == expected,
            "{name}: `netlearn {}` printed\n{}\nrecorded:\n{}",
            args.join(" "),
            String::from_utf8_lossy(got),
            String::from_utf8_lossy(&expected)
        );
    }
}

/// An FTP login as a capture: the handshake, then `USER anonymous` and `PASS netlearn@`.
fn ftp_login_pcap() -> Vec<u8> {
    let mut file = Vec::new();
    write_pcap_header(&mut file, LinkType::Ethernet).expect("header");
    let (client, server) = ([127, 0, 0, 1], [127, 0, 0, 1]);
    let mut at = 0u64;
    let mut record = |frame: Vec<u8>| {
        at += 1_000;
        write_pcap_record(&mut file, at, &frame).expect("record");
    };
    let segment = |from_client: bool, seq: u32, ack: u32, flags: &str, data: &[u8]| {
        let (src, dst, sport, dport) = if from_client {
            (client, server, 40000, 2121)
        } else {
            (server, client, 2121, 40000)
        };
        let mut builder =
            etherparse::PacketBuilder::ethernet2([2, 0, 0, 0, 0, 1], [2, 0, 0, 0, 0, 2])
                .ipv4(src, dst, 64)
                .tcp(sport, dport, seq, 64240);
        if flags.contains('S') {
            builder = builder.syn();
        }
        if flags.contains('A') {
            builder = builder.ack(ack);
        }
        if flags.contains('P') {
            builder = builder.psh();
        }
        let mut frame = Vec::new();
        builder.write(&mut frame, data).expect("frame");
        frame
    };
    record(segment(true, 100, 0, "S", b""));
    record(segment(false, 500, 101, "SA", b""));
    record(segment(true, 101, 501, "A", b""));
    record(segment(true, 101, 501, "PA", b"USER anonymous\r\n"));
    record(segment(true, 117, 501, "PA", b"PASS netlearn@\r\n"));
    file
}

/// A capture's packet line and every ladder of it (terminal, Mermaid, SVG) show an FTP
/// password as the FTP dialogue does, `PASS ****`; the JSON keeps the bytes as they were.
#[test]
fn an_ftp_password_is_hidden_in_the_capture_line_and_every_ladder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write_file(dir.path(), "ftp.pcap", &ftp_login_pcap());
    for args in [
        &["capture", "--read", &path][..],
        &["capture", "--read", &path, "--ladder"][..],
        &["capture", "--read", &path, "--mermaid", "-"][..],
        &["capture", "--read", &path, "--svg", "-"][..],
    ] {
        for columns in ["200", "80"] {
            let out = netlearn()
                .env("COLUMNS", columns)
                .args(args)
                .output()
                .expect("run netlearn");
            assert!(out.status.success(), "{args:?}: {out:?}");
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(!text.contains("netlear"), "{args:?} {columns}:\n{text}");
            if columns == "200" {
                // Previews are shown, the other command's whole.
                assert!(text.contains("USER anonym"), "{args:?}:\n{text}");
                // Mermaid writes each * as #42;.
                let stars = text.contains("PASS ****") || text.contains("PASS #42;#42;#42;#42;");
                assert!(stars, "{args:?}:\n{text}");
            }
        }
    }
    let records = json_lines_of(&["capture", "--read", &path]);
    assert!(
        records.iter().any(|r| r["preview"] == "PASS netlearn@\r\n"),
        "JSON keeps the real bytes"
    );
}
