//! `capture --read FILE --ladder|--mermaid|--svg`: the ladder of a capture tcpdump wrote agrees
//! with tcpdump's own reading (count, direction, flags, relative seq/ack), the three views agree
//! with each other, the SVG renders, and the terminal view fits 80 and 60 columns in both
//! languages.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::path::Path;
use std::process::Command;

use crate::common::{WAIT, fixture, netlearn};
use crate::wire::{skip_reason, start_tcpdump, stop, wait_for_packet};

/// One arrow: who sent it to whom, and its words (`SYN,ACK seq=0 ack=1`).
#[derive(Debug)]
struct Arrow {
    from: String,
    to: String,
    words: String,
}

/// The arrows of a Mermaid ladder, ends named by their addresses.
fn mermaid_arrows(text: &str) -> Vec<Arrow> {
    let mut names = HashMap::new();
    let mut arrows = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("participant ") {
            let (id, title) = rest.split_once(" as ").expect("participant P as title");
            let address = title.rsplit("<br/>").next().expect("an address");
            names.insert(id.to_string(), address.to_string());
        } else if let Some((ends, words)) = line.split_once(": ")
            && !line.starts_with("Note")
        {
            let (from, to) = ["-->>", "->>", "-x"]
                .iter()
                .find_map(|arrow| ends.split_once(arrow))
                .expect("an arrow");
            arrows.push(Arrow {
                from: names[from].clone(),
                to: names[to].clone(),
                words: words.replace("#34;", "\""),
            });
        }
    }
    arrows
}

/// What tcpdump -nn -S says of one packet.
#[derive(Debug)]
struct Dumped {
    src: String,
    dst: String,
    /// TCP: flag letters, absolute seq (tcpdump leaves it out on a bare ACK) and ack.
    tcp: Option<(String, Option<u32>, Option<u32>)>,
    icmp: bool,
}

fn socket_text(dotted: &str) -> String {
    let (addr, port) = dotted.rsplit_once('.').expect("address.port");
    let ip: IpAddr = addr.parse().expect("an address");
    SocketAddr::new(ip, port.parse().expect("a port")).to_string()
}

/// `... IP 127.0.0.1.59936 > 127.0.0.1.47123: Flags [S.], seq 1, ack 2, win ...`
fn parse_dump(line: &str) -> Dumped {
    let rest = line
        .split_once(" IP ")
        .or_else(|| line.split_once(" IP6 "))
        .expect("an IP line")
        .1;
    let (ends, detail) = rest.split_once(": ").expect("ends: details");
    let (src, dst) = ends.split_once(" > ").expect("src > dst");
    let icmp = detail.starts_with("ICMP");
    if icmp {
        return Dumped {
            src: src.to_string(),
            dst: dst.to_string(),
            tcp: None,
            icmp,
        };
    }
    let tcp = detail.strip_prefix("Flags [").map(|flags| {
        let (letters, after) = flags.split_once(']').expect("flags]");
        let number = |key: &str| {
            after.split(", ").find_map(|field| {
                field.strip_prefix(key).map(|n| {
                    n.split(':')
                        .next()
                        .unwrap_or(n)
                        .parse::<u32>()
                        .expect("number")
                })
            })
        };
        (letters.to_string(), number("seq "), number("ack "))
    });
    Dumped {
        src: socket_text(src),
        dst: socket_text(dst),
        tcp,
        icmp,
    }
}

/// tcpdump's flag letters for the flag names on an arrow.
fn letters(names: &str) -> String {
    let mut out: Vec<char> = names
        .split(',')
        .filter_map(|name| match name {
            "SYN" => Some('S'),
            "FIN" => Some('F'),
            "RST" => Some('R'),
            "PSH" => Some('P'),
            "ACK" => Some('.'),
            "URG" => Some('U'),
            "ECE" => Some('E'),
            "CWR" => Some('W'),
            _ => None,
        })
        .collect();
    out.sort_unstable();
    out.into_iter().collect()
}

fn field(words: &str, key: &str) -> Option<u32> {
    words
        .split(' ')
        .find_map(|w| w.strip_prefix(key))
        .map(|n| n.parse().expect("a number"))
}

/// Checks the Mermaid ladder of `file` against `tcpdump -nn -S -r file`, arrow by packet.
fn assert_ladder_agrees_with_tcpdump(file: &Path) -> usize {
    let dump = Command::new("tcpdump")
        .args(["-nn", "-S", "-r"])
        .arg(file)
        .output()
        .expect("tcpdump -r");
    assert!(dump.status.success(), "{dump:?}");
    let dumped: Vec<Dumped> = String::from_utf8_lossy(&dump.stdout)
        .lines()
        .map(parse_dump)
        .collect();
    let out = netlearn()
        .args(["capture", "--read"])
        .arg(file)
        .args(["--mermaid", "-"])
        .output()
        .expect("run netlearn");
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let arrows = mermaid_arrows(&text);
    assert_eq!(arrows.len(), dumped.len(), "{text}\n{dumped:#?}");
    // Each direction's first sequence number, as tcpdump shows it absolute.
    let mut first_seq: HashMap<String, u32> = HashMap::new();
    for (index, (arrow, dumped)) in arrows.iter().zip(&dumped).enumerate() {
        let context = format!("packet {index}: {arrow:?} vs {dumped:?}");
        if dumped.icmp {
            // An ICMP error is drawn between the sockets it is about; the hosts agree.
            let host = |end: &str| {
                end.parse::<SocketAddr>()
                    .map_or(end.to_string(), |s| s.ip().to_string())
            };
            assert_eq!(host(&arrow.from), dumped.src, "{context}");
            assert_eq!(host(&arrow.to), dumped.dst, "{context}");
            assert!(arrow.words.starts_with("ICMP"), "{context}");
            continue;
        }
        assert_eq!(arrow.from, dumped.src, "{context}");
        assert_eq!(arrow.to, dumped.dst, "{context}");
        let Some((flag_letters, seq, ack)) = &dumped.tcp else {
            assert!(arrow.words.starts_with("UDP"), "{context}");
            continue;
        };
        let names = arrow
            .words
            .split(' ')
            .find(|w| w.chars().all(|c| c.is_ascii_uppercase() || c == ','));
        let mut expected: Vec<char> = flag_letters.chars().collect();
        expected.sort_unstable();
        assert_eq!(
            letters(names.expect("flag names")),
            expected.into_iter().collect::<String>(),
            "{context}"
        );
        if let Some(seq) = seq {
            let sender_first = *first_seq.entry(dumped.src.clone()).or_insert(*seq);
            assert_eq!(
                field(&arrow.words, "seq="),
                Some(seq.wrapping_sub(sender_first)),
                "{context}"
            );
        }
        if let (Some(ack), Some(receiver_first)) = (ack, first_seq.get(&dumped.dst)) {
            assert_eq!(
                field(&arrow.words, "ack="),
                Some(ack.wrapping_sub(*receiver_first)),
                "{context}"
            );
        }
    }
    arrows.len()
}

#[test]
fn the_ladder_of_a_tcpdump_capture_agrees_with_tcpdump_over_ipv4_and_ipv6() {
    if let Some(reason) = skip_reason() {
        println!("skipped: {reason}");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("lo.pcap");
    // Ports the test holds until tcpdump listens, so the filter names them.
    let v4 = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind v4");
    let v6 = TcpListener::bind((Ipv6Addr::LOCALHOST, 0)).ok();
    let closed_udp = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|s| s.local_addr())
        .expect("udp port")
        .port();
    // TCP and UDP port numbers are separate spaces: the filter names each with its transport,
    // so another test's connection on the number of the UDP port stays out.
    let mut tcp_ports = vec![v4.local_addr().expect("addr").port()];
    tcp_ports.extend(v6.as_ref().map(|l| l.local_addr().expect("addr").port()));
    let filter = tcp_ports
        .iter()
        .map(|p| format!("tcp port {p}"))
        .chain([format!("udp port {closed_udp}"), "icmp".to_string()])
        .collect::<Vec<_>>()
        .join(" or ");
    let tcpdump = start_tcpdump(&file, &filter);
    let echo = |listener: TcpListener| {
        let addr = listener.local_addr().expect("addr");
        let mut client = TcpStream::connect(addr).expect("connect");
        let (mut conn, _) = listener.accept().expect("accept");
        client.write_all(b"hi\n").expect("send");
        let mut buf = [0u8; 3];
        conn.read_exact(&mut buf).expect("recv");
        conn.write_all(&buf).expect("echo");
        client.read_exact(&mut buf).expect("recv echo");
        client
            .shutdown(std::net::Shutdown::Write)
            .expect("shutdown");
        conn.read_to_end(&mut Vec::new()).expect("read to FIN");
        drop(conn);
        client.read_to_end(&mut Vec::new()).expect("read to FIN");
    };
    echo(v4);
    if let Some(v6) = v6 {
        echo(v6);
    }
    let udp = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).expect("udp");
    let udp_port = udp.local_addr().expect("addr").port();
    udp.connect((Ipv4Addr::LOCALHOST, closed_udp))
        .expect("connect");
    udp.send(b"anyone?").expect("send");
    udp.set_read_timeout(Some(WAIT)).expect("timeout");
    let _ = udp.recv(&mut [0u8; 8]);
    wait_for_packet(
        &file,
        |p| match &p.body {
            netlearn::net::wire::Body::Icmp { icmp, .. } => {
                icmp.quoted.is_some_and(|q| q.src.port() == udp_port)
            }
            _ => false,
        },
        || {
            let _ = udp.send(b"anyone?");
        },
    );
    stop(tcpdump);
    let arrows = assert_ladder_agrees_with_tcpdump(&file);
    assert!(arrows >= 10, "only {arrows} packets");
}

fn ladder_of(args: &[&str], columns: usize) -> String {
    let out = netlearn()
        .env("COLUMNS", columns.to_string())
        .args(args)
        .output()
        .expect("run netlearn");
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn the_terminal_ladder_fits_80_and_60_columns_in_both_languages() {
    let file = fixture("wire/handshake.pcap");
    for lang in ["en", "ja"] {
        for columns in [80, 60] {
            let text = ladder_of(
                &["--lang", lang, "capture", "--read", &file, "--ladder"],
                columns,
            );
            for line in text.lines() {
                let width = unicode_width::UnicodeWidthStr::width(line);
                assert!(width <= columns, "{lang} {columns}: {width}: {line}");
            }
            for word in ["SYN-SENT", "ESTABLISHED", "│─ SYN", "◀"] {
                assert!(text.contains(word), "{lang} {columns}: no {word}:\n{text}");
            }
            let client = if lang == "ja" {
                "クライアント"
            } else {
                "client"
            };
            assert!(
                text.lines()
                    .any(|l| l.split_whitespace().next() == Some(client)),
                "{text}"
            );
        }
    }
}

#[test]
fn ladder_mermaid_and_svg_agree_and_the_svg_renders() {
    let file = fixture("wire/handshake.pcap");
    let dir = tempfile::tempdir().expect("tempdir");
    let svg_path = dir.path().join("ladder.svg");
    let mermaid = ladder_of(
        &[
            "capture",
            "--read",
            &file,
            "--mermaid",
            "-",
            "--svg",
            svg_path.to_str().expect("path"),
        ],
        80,
    );
    let arrows = mermaid_arrows(&mermaid);
    let terminal = ladder_of(&["capture", "--read", &file, "--ladder"], 200);
    let drawn = terminal
        .lines()
        .filter(|l| l.contains('▶') || l.contains('◀'))
        .count();
    assert_eq!(drawn, arrows.len(), "{terminal}\n{mermaid}");
    let svg = std::fs::read_to_string(&svg_path).expect("the SVG was written");
    let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default())
        .expect("the SVG parses");
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).expect("pixmap");
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    assert!(
        pixmap.pixels().iter().any(|p| p.red() < 100),
        "something is drawn"
    );
    assert_eq!(svg.matches("class=\"arrow\"").count(), arrows.len());
    for arrow in &arrows {
        let words = arrow
            .words
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;");
        assert!(
            svg.contains(&words) || svg.contains(&arrow.words),
            "{words} not in the SVG"
        );
    }
}

#[test]
fn a_ladder_goes_to_people_or_files_not_json() {
    let file = fixture("wire/handshake.pcap");
    let out = netlearn()
        .args(["--json", "capture", "--read", &file, "--ladder"])
        .output()
        .expect("run netlearn");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
    let out = netlearn()
        .args(["capture", "--ladder"])
        .output()
        .expect("run netlearn");
    assert_eq!(out.status.code(), Some(2), "--ladder needs --read");
}

/// The row index of the first line containing every one of `words`.
fn row_of(lines: &[&str], words: &[&str]) -> usize {
    lines
        .iter()
        .position(|line| words.iter().all(|w| line.contains(w)))
        .unwrap_or_else(|| panic!("no line with {words:?}:\n{}", lines.join("\n")))
}

#[test]
fn echo_demo_ladder_shows_the_exchange_with_states_and_calls_at_80_and_60_columns() {
    for lang in ["en", "ja"] {
        for columns in [80, 60] {
            let text = ladder_of(
                &["--lang", lang, "echo", "demo", "--ladder", "hello"],
                columns,
            );
            if !text.contains("SYN") {
                println!("skipped: no capture here ({lang} {columns}):\n{text}");
                return;
            }
            let lines: Vec<&str> = text.lines().collect();
            for line in &lines {
                let width = unicode_width::UnicodeWidthStr::width(*line);
                assert!(width <= columns, "{lang} {columns}: {width}: {line}");
            }
            // Two lines for two ends, on every arrow.
            let arrows: Vec<&&str> = lines
                .iter()
                .filter(|l| l.contains('▶') || l.contains('◀'))
                .collect();
            assert!(arrows.iter().all(|l| l.matches('│').count() == 2), "{text}");
            let syn = row_of(&lines, &["SYN seq=0", "▶", "SYN-SENT"]);
            let syn_ack = row_of(&lines, &["◀", "SYN,ACK", "SYN-RECEIVED"]);
            let established = row_of(&lines, &["ESTABLISHED", "ESTABLISHED", "▶"]);
            let data_out = row_of(&lines, &["PSH,ACK", "hello", "▶"]);
            let data_back = row_of(&lines, &["◀", "PSH,ACK", "hello"]);
            let fin = row_of(&lines, &["FIN-WAIT-1", "FIN,ACK", "▶", "CLOSE-WAIT"]);
            let fin_back = row_of(&lines, &["TIME-WAIT", "◀", "FIN,ACK", "LAST-ACK"]);
            assert!(syn < syn_ack && syn_ack < established && established < data_out);
            assert!(
                data_out < data_back && data_back < fin && fin < fin_back,
                "{text}"
            );
            // The calls where they happen: connect() before the SYN, accept() after the
            // handshake, recv() returning b'' after the client's FIN.
            assert!(row_of(&lines, &["connect()"]) < syn, "{text}");
            assert!(row_of(&lines, &["accept()"]) > established, "{text}");
            assert!(row_of(&lines, &["recv()→b''"]) > fin, "{text}");
            let (client, server) = if lang == "ja" {
                ("クライアント", "サーバー")
            } else {
                ("client", "server")
            };
            assert!(
                lines[0].contains(client) && lines[0].contains(server),
                "{text}"
            );
        }
    }
}

#[test]
fn socket_demo_ladder_shows_the_refusals_reset_and_icmp_error() {
    let text = ladder_of(&["socket", "demo", "refused", "--ladder"], 80);
    if !text.contains("SYN") {
        println!("skipped: no capture here:\n{text}");
        return;
    }
    let lines: Vec<&str> = text.lines().collect();
    let syn = row_of(&lines, &["SYN seq=0", "▶"]);
    let reset = row_of(&lines, &["◀", "RST"]);
    assert!(lines[reset].contains('═'), "a reset stands out: {text}");
    assert!(
        row_of(&lines, &["connect() ✗"]) < syn && syn < reset,
        "{text}"
    );
    let datagram = row_of(&lines, &["UDP len=5", "▶"]);
    let icmp = row_of(&lines, &["◀", "ICMP unreachable"]);
    assert!(reset < datagram && datagram < icmp && icmp < row_of(&lines, &["recv() ✗"]));
}

#[test]
fn http_demo_ladder_draws_the_exchange_after_the_bytes() {
    let text = ladder_of(&["http", "demo", "--ladder"], 80);
    let Some(start) = text.find("SYN seq=0") else {
        println!("skipped: no capture here:\n{text}");
        return;
    };
    let lines: Vec<&str> = text[start..].lines().collect();
    let request = row_of(&lines, &["PSH,ACK", "GET /", "▶"]);
    let response = row_of(&lines, &["◀", "PSH,ACK", "HTTP/1.1 200"]);
    assert!(request < response, "{text}");
    assert!(
        text.contains("> GET / HTTP/1.1"),
        "the exchange is shown first: {text}"
    );
    for line in text.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }
}

#[test]
fn ftp_demo_ladder_draws_each_data_connection_beside_the_control_connection() {
    for active in [false, true] {
        let mut args = vec!["ftp", "demo", "--ladder"];
        if active {
            args.push("--active");
        }
        let text = ladder_of(&args, 80);
        if !text.contains("SYN seq=0") {
            println!("skipped: no capture here:\n{text}");
            return;
        }
        let pages: Vec<&str> = text.split("\n── ").skip(1).collect();
        assert!(pages.len() >= 2, "a ladder per data connection: {text}");
        let inner = |line: &str| line.split('│').nth(2).unwrap_or("").to_string();
        for page in &pages {
            let lines: Vec<&str> = page.lines().collect();
            // Four lines: the control connection outside, the data connection inside.
            let data_syn = lines
                .iter()
                .position(|l| l.matches('│').count() == 4 && inner(l).contains("SYN"))
                .unwrap_or_else(|| panic!("the data connection opens inside: {page}"));
            // The command that asked for it came first, on the control connection.
            let asked = lines
                .iter()
                .position(|l| {
                    ["PASV", "EPSV", "PORT", "EPRT"]
                        .iter()
                        .any(|c| l.contains(c))
                })
                .unwrap_or_else(|| panic!("PASV or PORT: {page}"));
            assert!(asked < data_syn, "{page}");
        }
        for line in text.lines() {
            assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
        }
    }
}

#[test]
fn the_ladder_of_a_capture_tcpdump_made_on_a_veth_agrees_with_it_over_ipv4_and_ipv6() {
    if let Some(reason) = skip_reason() {
        println!("skipped: {reason}");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("veth.pcap");
    let said = dir.path().join("tcpdump.err");
    let netlearn_path = assert_cmd::cargo::cargo_bin!("netlearn")
        .display()
        .to_string();
    // Inside the lab's h1 (a namespace the lab made and removes): tcpdump on its veth, and the
    // article's client to h2's echo server over IPv4, then over IPv6 (where nothing listens:
    // a reset, perhaps after a SYN sent again while the address was still tentative).
    let script = format!(
        "tcpdump -i eth0 -nn -U -w '{file}' 'tcp port 5008' 2>'{said}' & t=$!; i=0; \
         while ! grep -q listening '{said}' && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done; \
         printf 'hi\\n' | '{bin}' echo client 198.51.100.20:5008; \
         printf 'hi\\n' | '{bin}' echo client '[2001:db8:2::20]:5008' --timeout 3s; \
         kill -INT $t; wait $t",
        file = file.display(),
        said = said.display(),
        bin = netlearn_path,
    );
    let out = netlearn()
        .args(["lab", "run", "h1", "--", "sh", "-c", &script])
        .output()
        .expect("run the lab");
    if !file.exists() {
        println!("skipped: the lab could not run tcpdump here: {out:?}");
        return;
    }
    let arrows = assert_ladder_agrees_with_tcpdump(&file);
    assert!(arrows >= 10, "the IPv4 exchange at least: {arrows} packets");
    let dump = Command::new("tcpdump")
        .args(["-nn", "-r"])
        .arg(&file)
        .output()
        .expect("tcpdump -r");
    assert!(
        String::from_utf8_lossy(&dump.stdout).contains(" IP6 "),
        "an IPv6 packet on the veth: {dump:?}"
    );
}
