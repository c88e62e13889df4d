//! `netlearn dns` end to end against a real DNS server (hickory-server) this test starts on
//! 127.0.0.1 port 0: record types, TCP retry, DoT/DoH with a throwaway CA, failures and codes.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::common::dns::{DnsServer, SilentServer, closed_udp_port};
use crate::common::netlearn;
use serde_json::Value;

fn server() -> &'static DnsServer {
    static SERVER: OnceLock<DnsServer> = OnceLock::new();
    SERVER.get_or_init(DnsServer::start)
}

/// Runs `netlearn --json dns ARGS @server`, returning the JSON and the exit code.
fn dns_json(args: &[&str]) -> (Value, i32) {
    let output = netlearn()
        .args(["--json", "dns"])
        .args(args)
        .arg(server().at())
        .output()
        .expect("run");
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON from {args:?}: {e}\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (json, output.status.code().expect("exit code"))
}

fn data_of(query: &Value) -> Vec<String> {
    query["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .map(|a| a["data"].as_str().expect("data").to_string())
        .collect()
}

fn short(args: &[&str]) -> (String, String, i32) {
    let output = netlearn()
        .arg("dns")
        .args(args)
        .args(["--short", &server().at()])
        .output()
        .expect("run");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().expect("code"),
    )
}

#[test]
fn default_types_are_a_and_aaaa_with_server_transport_and_time() {
    let (json, code) = dns_json(&["netlearn.test"]);
    assert_eq!(code, 0);
    let queries = json["queries"].as_array().unwrap();
    assert_eq!(queries.len(), 2);
    assert_eq!(queries[0]["type"], "A");
    assert_eq!(data_of(&queries[0]), vec!["192.0.2.1"]);
    assert_eq!(queries[1]["type"], "AAAA");
    assert_eq!(data_of(&queries[1]), vec!["2001:db8::1"]);
    for q in queries {
        assert_eq!(q["status"], "NOERROR");
        assert_eq!(q["rcode"], "NOERROR");
        assert_eq!(q["server"], server().addr.to_string());
        assert_eq!(q["transport"], "udp");
        assert_eq!(q["source"], "dns");
        assert!(q["time_ms"].as_f64().unwrap() > 0.0);
        assert!(q["flags"].as_array().unwrap().contains(&"aa".into()));
        assert_eq!(q["answers"][0]["ttl"], 300);
    }
    assert_eq!(json["resolver"]["source"], "given with @");
}

#[test]
fn mx_srv_caa_https_and_soa_records() {
    let (out, _, code) = short(&["netlearn.test", "MX"]);
    assert_eq!(code, 0);
    assert_eq!(out, "10 mail.netlearn.test.\n20 mail2.netlearn.test.\n");
    let (out, _, _) = short(&["_sip._tcp.netlearn.test", "SRV"]);
    assert_eq!(out, "10 60 5060 sip.netlearn.test.\n");
    let (out, _, _) = short(&["netlearn.test", "CAA"]);
    assert!(
        out.contains("issue") && out.contains("letsencrypt.org"),
        "{out}"
    );
    let (out, _, code) = short(&["svc.netlearn.test", "HTTPS"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("1 . ") && out.contains("h2"), "{out}");
    let (out, _, _) = short(&["netlearn.test", "SOA"]);
    assert!(out.starts_with("ns1.netlearn.test. hostmaster.netlearn.test. 2026112501"));
    let (out, _, _) = short(&["netlearn.test", "TYPE2"]);
    assert_eq!(out, "ns1.netlearn.test.\n");
}

#[test]
fn txt_strings_stay_apart() {
    let (json, code) = dns_json(&["multi.netlearn.test", "TXT"]);
    assert_eq!(code, 0);
    let answer = &json["queries"][0]["answers"][0];
    assert_eq!(
        answer["strings"],
        serde_json::json!(["first string", "second string", "third"])
    );
    assert_eq!(answer["data"], r#""first string" "second string" "third""#);
}

#[test]
fn a_txt_set_over_1232_bytes_is_retried_over_tcp() {
    let (json, code) = dns_json(&["big.netlearn.test", "TXT"]);
    assert_eq!(code, 0);
    let q = &json["queries"][0];
    assert_eq!(q["tcp_after_truncation"], true);
    assert_eq!(q["transport"], "tcp");
    assert_eq!(q["answers"].as_array().unwrap().len(), 8);
    assert!(q["size"].as_u64().unwrap() > 1232);
}

#[test]
fn tcp_on_request() {
    let (json, code) = dns_json(&["netlearn.test", "A", "--tcp"]);
    assert_eq!(code, 0);
    assert_eq!(json["queries"][0]["transport"], "tcp");
    assert_eq!(json["queries"][0]["tcp_after_truncation"], false);
}

#[test]
fn cname_chain_wildcard_and_sixteen_records() {
    let (out, _, code) = short(&["www.netlearn.test", "A"]);
    assert_eq!(code, 0);
    assert_eq!(out, "web.netlearn.test.\nhost.netlearn.test.\n192.0.2.80\n");
    let (out, _, _) = short(&["anything.wild.netlearn.test", "A"]);
    assert_eq!(out, "192.0.2.99\n");
    let (json, _) = dns_json(&["many.netlearn.test", "A"]);
    let mut data = data_of(&json["queries"][0]);
    data.sort();
    let expected: Vec<String> = (100..116).map(|i| format!("192.0.2.{i}")).collect();
    assert_eq!(data, expected);
}

#[test]
fn internationalised_names_are_shown_both_ways() {
    let (json, code) = dns_json(&["bücher.netlearn.test", "A"]);
    assert_eq!(code, 0);
    let q = &json["queries"][0];
    assert_eq!(q["name"], "xn--bcher-kva.netlearn.test.");
    assert_eq!(q["name_unicode"], "bücher.netlearn.test.");
    assert_eq!(q["answers"][0]["name_unicode"], "bücher.netlearn.test.");
    assert_eq!(data_of(q), vec!["192.0.2.77"]);
    let table = netlearn()
        .args(["dns", "bücher.netlearn.test", "A", &server().at()])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&table.get_output().stdout).into_owned();
    assert!(
        text.contains("xn--bcher-kva.netlearn.test. (bücher.netlearn.test.)"),
        "{text}"
    );
    assert!(text.contains("idn: bücher.netlearn.test. is asked as xn--bcher-kva.netlearn.test."));
}

#[test]
fn reverse_lookups_for_both_families() {
    let (out, _, code) = short(&["-x", "192.0.2.1"]);
    assert_eq!(code, 0);
    assert_eq!(out, "netlearn.test.\n");
    let (out, _, code) = short(&["-x", "2001:db8::1"]);
    assert_eq!(code, 0);
    assert_eq!(out, "netlearn.test.\n");
    let (json, _) = dns_json(&["-x", "192.0.2.80"]);
    assert_eq!(json["queries"][0]["name"], "80.2.0.192.in-addr.arpa.");
    assert_eq!(json["queries"][0]["type"], "PTR");
}

#[test]
fn nxdomain_nodata_and_refused_exit_1_with_the_code_printed() {
    let (json, code) = dns_json(&["nope.netlearn.test", "A"]);
    assert_eq!(code, 1);
    assert_eq!(json["queries"][0]["status"], "NXDOMAIN");
    assert_eq!(json["queries"][0]["authority"][0]["type"], "SOA");

    let (_, stderr, code) = short(&["mail.netlearn.test", "MX"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("NODATA"), "{stderr}");

    let (_, stderr, code) = short(&["python.org", "A"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("netlearn: error: python.org. A: REFUSED"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);

    // An IPv4-only host: the AAAA is NODATA but the name has an answer, so this succeeds.
    let (json, code) = dns_json(&["v4only.netlearn.test"]);
    assert_eq!(code, 0);
    assert_eq!(json["queries"][1]["status"], "NODATA");
}

#[test]
fn several_names_and_types_in_one_table() {
    let output = netlearn()
        .args(["dns", "netlearn.test", "mail.netlearn.test", "A", "TXT"])
        .arg(server().at())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    // mail has no TXT (NODATA) but has an A: success.
    assert_eq!(output.status.code(), Some(0), "{text}");
    for needle in [
        "NAME",
        "192.0.2.1",
        "192.0.2.25",
        "\"v=spf1 -all\"",
        "mail.netlearn.test. TXT",
        "NODATA",
    ] {
        assert!(text.contains(needle), "{needle} in\n{text}");
    }
    assert!(text.starts_with(&format!(
        "servers: {} (given with @), over udp",
        server().addr
    )));
}

#[test]
fn dns_over_tls_and_https_with_a_private_ca() {
    let server = server();
    let ca = server.ca_file.to_str().unwrap();
    for (flag, addr, transport) in [
        ("--tls", server.tls_addr, "tls"),
        ("--https", server.https_addr, "https"),
    ] {
        let output = netlearn()
            .args(["--json", "dns", "netlearn.test", "A", flag, "--ca-file", ca])
            .arg(format!("@{addr}"))
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{flag}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let json: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(json["queries"][0]["transport"], transport);
        assert_eq!(data_of(&json["queries"][0]), vec!["192.0.2.1"]);
    }
    // The certificate names dns.netlearn.test, so that name verifies too.
    netlearn()
        .args([
            "dns",
            "netlearn.test",
            "A",
            "--tls",
            "--ca-file",
            ca,
            "--tls-name",
            "dns.netlearn.test",
        ])
        .arg(format!("@{}", server.tls_addr))
        .assert()
        .success();
    // Without the private CA the certificate is not trusted: exit 1 and say why.
    let output = netlearn()
        .args(["dns", "netlearn.test", "A", "--tls", "--tries", "1"])
        .arg(format!("@{}", server.tls_addr))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("TLS failed: unknown issuer") && stderr.contains("--ca-file"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_ca_is_said_in_the_words_http_get_uses_over_tls_and_https() {
    let server = server();
    let unknown_issuer = netlearn::app::tls_view::rejection_words(
        netlearn::i18n::Lang::En,
        &netlearn::net::tls::TlsRejection::UnknownIssuer,
    );
    for (flag, addr) in [("--tls", server.tls_addr), ("--https", server.https_addr)] {
        let output = netlearn()
            .args(["dns", "netlearn.test", "A", flag, "--tries", "1"])
            .arg(format!("@{addr}"))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{flag}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "{flag}: {stderr}");
        assert!(
            stderr.contains(&format!("TLS failed: {unknown_issuer}")),
            "{flag}: {stderr}"
        );
        assert!(!stderr.contains("UnknownIssuer"), "{flag}: {stderr}");
    }
}

#[test]
fn a_closed_udp_port_is_reported_fast() {
    let addr = closed_udp_port();
    let started = Instant::now();
    let output = netlearn()
        .args([
            "dns",
            "netlearn.test",
            "A",
            "--timeout",
            "10s",
            "--tries",
            "3",
        ])
        .arg(format!("@{addr}"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&addr.to_string()) && stderr.contains("port unreachable"),
        "{stderr}"
    );
    // Far less than one timeout: ICMP ended the wait, no retries at a dead port.
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_server_that_never_answers_is_a_timeout_after_the_given_time() {
    let silent = SilentServer::start();
    let started = Instant::now();
    let output = netlearn()
        .args([
            "--json",
            "dns",
            "netlearn.test",
            "A",
            "--timeout",
            "300ms",
            "--tries",
            "2",
        ])
        .arg(format!("@{}", silent.addr))
        .output()
        .unwrap();
    let elapsed = started.elapsed();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The real total, not one try's limit said after all of them.
    assert!(
        stderr.contains("no answer in 600 ms: 2 tries of 300 ms")
            && stderr.contains(&silent.addr.to_string()),
        "{stderr}"
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["queries"][0]["status"], "TIMEOUT");
    // Both tries are the error itself; nothing else was tried.
    assert_eq!(json["queries"][0]["tried"].as_array().unwrap().len(), 0);
    assert!(
        elapsed >= Duration::from_millis(600),
        "two tries of 300 ms: {elapsed:?}"
    );
}

#[test]
fn each_cause_is_said_once_for_all_the_questions_it_failed() {
    let silent = SilentServer::start();
    let output = netlearn()
        .args(["dns", "netlearn.test", "--timeout", "200ms", "--tries", "3"])
        .arg(format!("@{}", silent.addr))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let all = format!("{stdout}{stderr}");
    // A and AAAA timed out the same way, three tries each: one sentence for all six.
    assert_eq!(all.matches("no answer").count(), 1, "{all}");
    assert!(
        !stdout.contains("tried:") && !stdout.contains("error:"),
        "{stdout}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "netlearn: error: netlearn.test. A, AAAA: {} over udp: no answer in 600 ms: 3 tries of 200 ms",
            silent.addr
        )),
        "{stderr}"
    );

    // Two causes: the first is the error line, the other is said once in the report.
    let closed = closed_udp_port();
    let output = netlearn()
        .args([
            "dns",
            "netlearn.test",
            "A",
            "nope.netlearn.test",
            "--tries",
            "2",
        ])
        .arg(server().at())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("nope.netlearn.test. A: NXDOMAIN"),
        "{stderr}"
    );
    let output = netlearn()
        .args(["dns", "nope.netlearn.test", "A", "--tries", "2"])
        .arg(server().at())
        .arg(format!("@{closed}"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(
        format!("{stdout}{stderr}").matches("NXDOMAIN (").count(),
        1,
        "{stdout}{stderr}"
    );
}

#[test]
fn a_dead_first_server_is_one_tried_line_for_every_question() {
    let closed = closed_udp_port();
    let output = netlearn()
        .args(["dns", "netlearn.test", "mail.netlearn.test", "A"])
        .arg(format!("@{closed}"))
        .arg(server().at())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    let tried: Vec<&str> = stdout.lines().filter(|l| l.starts_with("tried:")).collect();
    assert_eq!(
        tried,
        [format!(
            "tried: netlearn.test. A, mail.netlearn.test. A at {closed} over udp: port \
             unreachable: the host answered with ICMP, nothing listens on that UDP port"
        )],
        "{stdout}"
    );
}

#[test]
fn localhost_asked_of_dns_points_to_system_resolution() {
    // The test server has no localhost zone and refuses: the note is the next step.
    let output = netlearn()
        .args(["dns", "localhost"])
        .arg(server().at())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("netlearn: error: localhost. A, AAAA: REFUSED")
            && stderr.contains("RFC 6761")
            && stderr.contains("--system resolves it as they do"),
        "{stderr}"
    );
    // Said once: in the error line, not again as a note.
    assert!(!stdout.contains("RFC 6761"), "{stdout}");

    // The query is still the one asked: DNS, with the note in the JSON.
    let (json, code) = dns_json(&["sub.localhost", "A"]);
    assert_eq!(code, 1);
    assert_eq!(json["queries"][0]["source"], "dns");
    assert_eq!(json["queries"][0]["status"], "REFUSED");
    let notes = json["queries"][0]["notes"].as_array().unwrap();
    assert!(
        notes
            .iter()
            .any(|n| n.as_str().unwrap().contains("RFC 6761")),
        "{notes:?}"
    );
    // A name that is not localhost gets no such note.
    let (json, _) = dns_json(&["netlearn.test", "A"]);
    assert_eq!(json["queries"][0]["notes"].as_array().unwrap().len(), 0);
}

#[test]
fn bad_input_exits_2_with_one_line() {
    for args in [
        vec!["dns"],
        vec!["dns", "TYPE99999", "x.test"],
        vec!["dns", "x.test", "--type", "BOGUS"],
        vec!["dns", "a..b"],
        vec!["dns", "x.test", "@127.0.0.1:0"],
        vec!["dns", "x.test", "-x", "not-an-ip"],
        vec!["dns", "x.test", "--ca-file", "/nonexistent.pem"],
        vec![
            "dns",
            "x.test",
            "--tls",
            "--ca-file",
            "/nonexistent.pem",
            "@127.0.0.1",
        ],
        vec!["dns", "x.test", "--timeout", "0s", "@127.0.0.1"],
    ] {
        let output = netlearn().args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("netlearn: "), "{stderr}");
    }
}

#[test]
fn a_bad_server_in_japanese_says_what_to_write_after_the_at_sign() {
    let output = netlearn()
        .args(["--lang", "ja", "dns", "x.test", "@127.0.0.1:0"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(
            "netlearn: エラー: \"127.0.0.1:0\" はサーバーとして使えません: ポート 0 で待ち受ける"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("@127.0.0.1:5353") && stderr.contains("@[::1]:53"),
        "{stderr}"
    );
    // The same input in English, word for word as before.
    let output = netlearn()
        .args(["--lang", "en", "dns", "x.test", "@127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "netlearn: error: \"127.0.0.1:0\" is not a server: port 0 is not a port a server listens on\n"
    );
    // A `-t` type clap parses, and a CA file that holds no certificate, in Japanese too.
    let output = netlearn()
        .args(["--lang", "ja", "dns", "x.test", "-t", "AXFR"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("ゾーン転送"), "{stderr}");
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.pem");
    std::fs::write(&empty, "no certificate here\n").unwrap();
    let empty = empty.to_str().unwrap();
    for (lang, said) in [
        ("en", "cannot read the CA file"),
        ("ja", "PEM の証明書が 1 つも入っていません"),
    ] {
        let output = netlearn()
            .args(["--lang", lang, "dns", "x.test", "--tls", "--ca-file", empty])
            .arg("@127.0.0.1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(said) && stderr.contains(empty), "{stderr}");
    }
}

/// A DNS server that answers the way an attacker would, by the first label of the question:
/// `evil` gets records whose data carries terminal escapes (HINFO, CAA, TXT, and a CNAME to a
/// name with an escape in it), `fwd` a message whose compressed name points forward, `tc` a
/// truncated UDP answer; over TCP (same port) it accepts and never answers.
struct HostileServer {
    addr: std::net::SocketAddr,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    _tcp: std::net::TcpListener,
}

const EVIL: &[u8] = b"\x1b]0;pwned\x07";

fn character_string(text: &[u8]) -> Vec<u8> {
    let mut out = vec![text.len() as u8];
    out.extend_from_slice(text);
    out
}

/// The answer section for the `evil` name and a question of `qtype`.
fn evil_answers(qtype: u16) -> Vec<(u16, Vec<u8>)> {
    match qtype {
        13 => vec![(
            13,
            [character_string(EVIL), character_string(b"Linux\x1b[2J")].concat(),
        )],
        257 => {
            let mut caa = vec![0, 5];
            caa.extend_from_slice(b"issue");
            caa.extend_from_slice(b"ca.test");
            caa.extend_from_slice(EVIL);
            vec![(257, caa)]
        }
        16 => vec![(
            16,
            character_string("\x1b]0;pwned\x07 \u{202e}txet".as_bytes()),
        )],
        _ => {
            let mut target = character_string(b"\x1b[31mred");
            target.extend_from_slice(&character_string(b"test"));
            target.push(0);
            vec![(5, target)]
        }
    }
}

fn hostile_answer(query: &[u8]) -> Option<Vec<u8>> {
    // The question: labels from byte 12 up to the root, then type and class.
    let mut end = 12;
    while *query.get(end)? != 0 {
        end += usize::from(query[end]) + 1;
    }
    let question = query.get(12..end + 5)?;
    let first = query.get(13..13 + usize::from(query[12]))?;
    let qtype = u16::from_be_bytes([query[end + 1], query[end + 2]]);
    let mut answer = vec![query[0], query[1], 0x84, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];
    answer.extend_from_slice(question);
    let records: Vec<(u16, Vec<u8>)> = match first {
        b"evil" => evil_answers(qtype),
        b"tc" => {
            answer[2] |= 0x02;
            Vec::new()
        }
        b"fwd" => {
            // The owner name is a pointer to the byte after it: forward, so malformed.
            let here = answer.len() + 2;
            answer[7] = 1;
            answer.extend_from_slice(&[0xc0 | (here >> 8) as u8, here as u8]);
            answer.extend_from_slice(&[0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1]);
            return Some(answer);
        }
        _ => return None,
    };
    answer[7] = records.len() as u8;
    for (rtype, data) in records {
        answer.extend_from_slice(&[0xc0, 12]);
        answer.extend_from_slice(&rtype.to_be_bytes());
        answer.extend_from_slice(&[0, 1, 0, 0, 1, 44]);
        answer.extend_from_slice(&(data.len() as u16).to_be_bytes());
        answer.extend_from_slice(&data);
    }
    Some(answer)
}

impl HostileServer {
    fn start() -> HostileServer {
        use std::sync::atomic::{AtomicBool, Ordering};
        let (udp, tcp) = (0..50)
            .find_map(|_| {
                let udp = std::net::UdpSocket::bind("127.0.0.1:0").ok()?;
                let tcp = std::net::TcpListener::bind(udp.local_addr().ok()?).ok()?;
                Some((udp, tcp))
            })
            .expect("a free UDP+TCP port pair on 127.0.0.1");
        let addr = udp.local_addr().expect("addr");
        udp.set_read_timeout(Some(Duration::from_millis(100)))
            .expect("read timeout");
        let stop = std::sync::Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        std::thread::spawn(move || {
            let started = Instant::now();
            let mut buf = [0u8; 512];
            // Bounded: stops when dropped, and after a minute whatever happens.
            while !stopped.load(Ordering::Relaxed) && started.elapsed() < Duration::from_secs(60) {
                let Ok((len, peer)) = udp.recv_from(&mut buf) else {
                    continue;
                };
                if let Some(answer) = hostile_answer(&buf[..len]) {
                    let _ = udp.send_to(&answer, peer);
                }
            }
        });
        // TCP: the kernel completes the handshake from the listen queue; nothing ever reads.
        HostileServer {
            addr,
            stop,
            _tcp: tcp,
        }
    }
}

impl Drop for HostileServer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

#[test]
fn escapes_in_record_data_never_reach_the_terminal_raw_but_json_keeps_them() {
    let hostile = HostileServer::start();
    let at = format!("@{}", hostile.addr);
    for kind in ["HINFO", "CAA", "TXT", "A"] {
        let output = netlearn()
            .args(["dns", "evil.test", kind, &at])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        for text in [&stdout, &stderr] {
            assert!(
                !text.contains('\x1b') && !text.contains('\x07') && !text.contains('\u{202e}'),
                "{kind}: raw escape in {text:?}"
            );
        }
        let short = netlearn()
            .args(["dns", "evil.test", kind, "--short", &at])
            .output()
            .unwrap();
        let short = String::from_utf8_lossy(&short.stdout);
        assert!(
            !short.contains('\x1b') && !short.is_empty(),
            "{kind}: {short:?}"
        );
        assert!(
            stdout.contains("pwned") && short.contains("pwned") || kind == "A",
            "{kind}: the data is shown, escaped: {stdout}"
        );
    }
    let output = netlearn()
        .args(["dns", "evil.test", "HINFO", &at])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(r"\x1b]0;pwned\x07") || stdout.contains(r"\027]0;pwned\007"),
        "{stdout}"
    );
    // JSON carries what the server sent.
    let output = netlearn()
        .args(["--json", "dns", "evil.test", "TXT", &at])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json["queries"][0]["answers"][0]["strings"][0],
        "\x1b]0;pwned\x07 \u{202e}txet"
    );
}

#[test]
fn a_malformed_answer_is_said_in_words_with_the_detail_after() {
    let hostile = HostileServer::start();
    let output = netlearn()
        .args(["dns", "fwd.test", "A", "--tries", "1"])
        .arg(format!("@{}", hostile.addr))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("the server's answer is malformed: a compressed name points forward ("),
        "{stderr}"
    );
}

#[test]
fn a_truncated_answer_whose_tcp_retry_hangs_says_so() {
    let hostile = HostileServer::start();
    let output = netlearn()
        .args([
            "--json",
            "dns",
            "tc.test",
            "A",
            "--tries",
            "1",
            "--timeout",
            "500ms",
        ])
        .arg(format!("@{}", hostile.addr))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("answer truncated over UDP; the TCP retry timed out"),
        "{stderr}"
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["queries"][0]["status"], "TIMEOUT");
}

#[cfg(unix)]
#[test]
fn a_long_list_of_names_is_asked_a_bounded_number_at_a_time_in_order() {
    // 400 questions with 128 file descriptors: asked all at once, most would fail with
    // "Too many open files".
    let names: Vec<String> = (0..400)
        .map(|i| format!("n{i}.wild.netlearn.test"))
        .collect();
    let output = std::process::Command::new("sh")
        .args(["-c", "ulimit -n 128 && exec \"$0\" \"$@\""])
        .arg(assert_cmd::cargo::cargo_bin!("netlearn"))
        .args(["--json", "dns", "--type", "A"])
        .args(&names)
        .arg(server().at())
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let queries = json["queries"].as_array().unwrap();
    assert_eq!(queries.len(), 400);
    for (i, query) in queries.iter().enumerate() {
        assert_eq!(query["name"], format!("n{i}.wild.netlearn.test."));
        assert_eq!(data_of(query), vec!["192.0.2.99"]);
    }
}

#[test]
fn a_ca_file_that_is_not_there_is_said_in_the_systems_words_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.pem");
    let missing = missing.to_str().unwrap();
    for (lang, said) in [
        ("en", "No such file or directory (os error 2)"),
        (
            "ja",
            "そのようなファイルやディレクトリはありません (エラー番号 2)",
        ),
    ] {
        let output = netlearn()
            .args([
                "--lang",
                lang,
                "dns",
                "x.test",
                "--tls",
                "--ca-file",
                missing,
            ])
            .arg("@127.0.0.1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        // The file named, what is wrong, and no library prefix ("I/O error: ").
        assert!(
            stderr.contains(missing) && stderr.contains(said),
            "{stderr}"
        );
        assert!(!stderr.contains("I/O error"), "{stderr}");
    }
}

#[test]
fn an_empty_label_is_named_as_such_in_both_languages() {
    for (lang, said) in [("en", "a label is empty"), ("ja", "空のラベルがあります")] {
        let output = netlearn()
            .args(["--lang", lang, "dns", "a..b"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains("\"a..b\"") && stderr.contains(said),
            "{stderr}"
        );
    }
}

/// Runs `netlearn --lang ja dns ARGS` with `COLUMNS` set, returning stdout and stderr.
fn japanese(args: &[&str], columns: &str) -> (String, String, i32) {
    let output = netlearn()
        .args(["--lang", "ja", "dns"])
        .args(args)
        .env("COLUMNS", columns)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().expect("code"),
    )
}

/// In Japanese, response codes stay as the protocol names them with a short Japanese gloss,
/// and netlearn's own status words (UNREACHABLE, TIMEOUT) are Japanese; the JSON keeps the
/// codes. Against the test's DNS server on 127.0.0.1 and ports it bound itself.
#[test]
fn japanese_status_words_gloss_rcodes_and_translate_netlearns_own() {
    let at = server().at();
    let (out, err, code) = japanese(&["nope.netlearn.test", "A", &at], "80");
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("NXDOMAIN (その名前はありません)"), "{out}");
    let (out, err, code) = japanese(&["netlearn.test", "A", &at], "80");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("NOERROR ("), "{out}");

    let closed = closed_udp_port();
    let (out, err, code) = japanese(&["netlearn.test", "A", &format!("@{closed}")], "80");
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("到達不能"), "{out}");
    assert!(!format!("{out}{err}").contains("UNREACHABLE"), "{out}{err}");
    let (json, _) = {
        let output = netlearn()
            .args(["--lang", "ja", "--json", "dns", "netlearn.test", "A"])
            .arg(format!("@{closed}"))
            .output()
            .unwrap();
        (
            serde_json::from_slice::<Value>(&output.stdout).unwrap(),
            output.status.code(),
        )
    };
    assert_eq!(json["queries"][0]["status"], "UNREACHABLE");

    let silent = SilentServer::start();
    let (out, err, code) = japanese(
        &[
            "netlearn.test",
            "A",
            "--timeout",
            "100ms",
            "--tries",
            "1",
            &format!("@{}", silent.addr),
        ],
        "60",
    );
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("タイムアウト"), "{out}");
    assert!(!format!("{out}{err}").contains("TIMEOUT"), "{out}{err}");
    for line in out.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 60,
            "{line}\n{out}"
        );
    }
}
