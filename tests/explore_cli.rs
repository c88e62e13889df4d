//! `ifaces`, `gateway`, `port`, `explain`, `tour` and `echo demo` through the real binary, on
//! this machine, offline.

mod common;

use std::collections::BTreeSet;
use std::process::Command;

use common::netlearn;
use netlearn::net::glossary::{Lookup, TERMS, lookup};
use serde_json::Value;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn json_of(args: &[&str]) -> Value {
    let output = netlearn().arg("--json").args(args).assert().success();
    serde_json::from_slice(&output.get_output().stdout).expect("one JSON document")
}

fn json_lines_of(args: &[&str]) -> Vec<Value> {
    let output = netlearn().arg("--json").args(args).assert().success();
    String::from_utf8_lossy(&output.get_output().stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

fn stdout_of(args: &[&str]) -> String {
    let output = netlearn().args(args).assert().success();
    String::from_utf8_lossy(&output.get_output().stdout).to_string()
}

#[test]
fn ifaces_lists_loopback_first_with_networks() {
    let report = json_of(&["ifaces"]);
    let interfaces = report["interfaces"].as_array().expect("interfaces");
    assert!(!interfaces.is_empty());
    assert_eq!(interfaces[0]["loopback"], true, "loopback first");
    let addresses: Vec<&str> = interfaces[0]["addresses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["network"].as_str().unwrap())
        .collect();
    assert!(addresses.contains(&"127.0.0.0/8"), "{addresses:?}");
    let table = stdout_of(&["ifaces"]);
    assert!(
        table.contains("(loopback)") && table.contains("127.0.0.1/8"),
        "{table}"
    );
}

/// Every address `ip addr` shows appears (where iproute2 is installed).
#[test]
fn ifaces_shows_every_address_ip_addr_shows() {
    let Ok(output) = Command::new("ip").args(["-o", "addr", "show"]).output() else {
        eprintln!("skipped: no `ip` command on this machine");
        return;
    };
    let expected: BTreeSet<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            let at = words.iter().position(|w| *w == "inet" || *w == "inet6")?;
            Some(format!("{} {}", words[1], words.get(at + 1)?))
        })
        .collect();
    let report = json_of(&["ifaces"]);
    let found: BTreeSet<String> = report["interfaces"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| {
            let name = i["name"].as_str().unwrap().to_string();
            i["addresses"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |a| format!("{name} {}/{}", a["addr"].as_str().unwrap(), a["prefix"]))
        })
        .collect();
    let missing: Vec<&String> = expected.difference(&found).collect();
    assert!(
        missing.is_empty(),
        "ip addr shows {missing:?}, netlearn has {found:?}"
    );
}

#[test]
fn ifaces_loopback_explains_127_8_and_1() {
    let report = json_of(&["ifaces", "--loopback"]);
    let interfaces = report["interfaces"].as_array().unwrap();
    assert!(interfaces.iter().all(|i| i["loopback"] == true));
    let notes = report["notes"].to_string();
    assert!(
        notes.contains("127.0.0.0/8") && notes.contains("::1"),
        "{notes}"
    );
}

#[test]
fn gateway_reports_defaults_or_says_there_are_none() {
    let report = json_of(&["gateway", "--routes"]);
    assert!(report["explanation"].as_str().unwrap().contains("router"));
    let defaults = report["defaults"].as_array().unwrap();
    for default in defaults {
        assert!(
            default["family"] == "4" || default["family"] == "6",
            "{default}"
        );
        if let Some(subnet) = default["on_link"].as_str() {
            let gateway = default["gateway"].as_str().unwrap();
            let net: ipnet::IpNet = subnet.parse().unwrap();
            assert!(net.contains(&gateway.parse::<std::net::IpAddr>().unwrap()));
        }
    }
    if cfg!(target_os = "linux") {
        assert!(report["routes"].is_array());
    }
    let table = stdout_of(&["gateway"]);
    assert!(
        table.contains("GATEWAY") || table.contains("No default route"),
        "{table}"
    );
}

#[test]
fn port_by_number_and_by_name() {
    let services = fixture("services");
    let http = json_of(&["port", "80", "--services-file", &services]);
    assert_eq!(http["range"], "system");
    assert_eq!(http["services"][0]["name"], "http");
    assert_eq!(http["services"][0]["aliases"][0], "www");
    let https = json_of(&["port", "HTTPS", "--services-file", &services]);
    let protos: Vec<&str> = https["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["proto"].as_str().unwrap())
        .collect();
    assert_eq!(protos, ["tcp", "udp"], "TCP and UDP shown separately");
    let article = json_of(&["port", "article", "--services-file", &services]);
    assert_eq!(article["services"][0]["port"], 5008);
    let free = stdout_of(&["port", "50000", "--services-file", &services]);
    assert!(
        free.contains("dynamic") && free.contains("no service"),
        "{free}"
    );
    let fallback = json_of(&["port", "ftp", "--services-file", "/nonexistent/services"]);
    assert!(fallback["source"].as_str().unwrap().starts_with("built-in"));
    assert_eq!(fallback["services"][0]["port"], 21);
    let list = json_of(&["port", "--list", "--services-file", &services]);
    assert_eq!(list["services"].as_array().unwrap().len(), 6);
}

#[test]
fn port_errors_name_the_input() {
    let services = fixture("services");
    let out = netlearn()
        .args(["port", "70000"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let message = String::from_utf8_lossy(&out);
    assert!(
        message.contains("70000") && message.lines().count() == 1,
        "{message}"
    );
    let out = netlearn()
        .args(["port", "htps", "--services-file", &services])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let message = String::from_utf8_lossy(&out);
    assert!(message.contains("did you mean https"), "{message}");
}

/// Every glossary demo runs offline and exits 0 (each distinct command line once).
#[test]
fn every_glossary_demo_runs_and_exits_0() {
    let demos: BTreeSet<Vec<&str>> = TERMS.iter().map(|t| t.demo.to_vec()).collect();
    for demo in demos {
        let output = netlearn().args(&demo).output().expect("run demo");
        assert!(
            output.status.success(),
            "demo `netlearn {}` failed: {}",
            demo.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            !output.stdout.is_empty(),
            "demo `{}` printed nothing",
            demo.join(" ")
        );
    }
}

#[test]
fn explain_runs_the_demo_after_the_entry() {
    let text = stdout_of(&["explain", "subnet", "mask"]);
    assert!(text.starts_with("subnet mask"), "{text}");
    assert!(text.contains("$ netlearn mask 255.255.255.0"));
    assert!(text.contains("usable hosts"), "the demo ran: {text}");
    let entry = json_of(&["explain", "loopback"]);
    assert_eq!(entry["name"], "loopback");
    assert_eq!(entry["demo_run"]["ok"], true);
    assert_eq!(entry["demo_run"]["command"], "netlearn ifaces --loopback");
    assert!(entry["demo_run"]["output"]["interfaces"].is_array());
    let shutdown = json_of(&["explain", "half-close"]);
    assert_eq!(shutdown["name"], "shutdown");
    let calls: Vec<String> = shutdown["demo_run"]["output"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["describe"].as_str().map(str::to_string))
        .collect();
    assert!(calls.iter().any(|c| c == "shutdown(SHUT_WR)"), "{calls:?}");
}

#[test]
fn explain_suggests_near_misses_and_lists_everything() {
    let out = netlearn().args(["explain", "gatway"]).assert().code(2);
    let message = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        message.contains("did you mean \"default gateway\""),
        "{message}"
    );
    let all = json_of(&["explain"]);
    assert_eq!(all.as_array().unwrap().len(), TERMS.len());
}

#[test]
fn glossary_rendering() {
    insta::assert_snapshot!("explain_list", stdout_of(&["explain"]));
    insta::assert_snapshot!("explain_tcp", stdout_of(&["explain", "tcp", "--no-demo"]));
    insta::assert_snapshot!(
        "explain_framing",
        stdout_of(&["explain", "FRAMING", "--no-demo"])
    );
}

#[test]
fn tour_walks_every_section_offline() {
    let text = stdout_of(&["tour"]);
    for heading in [
        "== 1. Your echo server",
        "== 4. Loopback",
        "== 6. The default gateway",
        "== 7. localhost",
        "== 8. The addresses you saw",
    ] {
        assert!(text.contains(heading), "{heading} missing");
    }
    assert!(text.contains("echo verified"));
    assert!(!text.contains("could not run"), "{text}");
    let sections = json_lines_of(&["tour"]);
    assert_eq!(sections.len(), 8);
    for section in &sections {
        for run in section["runs"].as_array().unwrap() {
            assert_eq!(run["ok"], true, "{run}");
        }
    }
}

#[test]
fn echo_demo_shows_each_framing_on_the_wire() {
    let framing = match lookup("framing") {
        Lookup::Found(term) => term.demo,
        other => panic!("{other:?}"),
    };
    let events = json_lines_of(framing);
    let results: Vec<&Value> = events.iter().filter(|e| e["event"] == "result").collect();
    assert_eq!(results.len(), 4);
    let wires: Vec<Vec<u64>> = results
        .iter()
        .map(|r| {
            r["wire"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| b.as_u64().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(wires[0], b"hello\n".map(u64::from));
    assert_eq!(wires[1][..4], [0, 0, 0, 5]);
    assert_eq!(wires[2], b"hello".map(u64::from));
    for result in results {
        assert_eq!(result["echoes_verified"], 1);
    }
    let raw_closes = events
        .iter()
        .any(|e| e["call"] == "shutdown" && e["role"] == "client");
    assert!(
        raw_closes,
        "raw framing ends the message by closing the sending side"
    );
}

#[test]
fn echo_demo_several_clients_and_udp() {
    let events = json_lines_of(&["echo", "demo", "--clients", "3", "hi"]);
    let accepts = events.iter().filter(|e| e["call"] == "accept").count();
    assert_eq!(accepts, 3);
    let result = events.iter().find(|e| e["event"] == "result").unwrap();
    assert_eq!(result["echoes_verified"], 3);
    let text = stdout_of(&["echo", "demo", "--tcp-and-udp"]);
    assert!(
        text.contains("result: tcp") && text.contains("result: udp"),
        "{text}"
    );
    assert!(text.contains("sendto(") && text.contains("connect("));
}

#[test]
fn echo_demo_rejects_a_message_its_framing_cannot_carry() {
    let out = netlearn()
        .args(["echo", "demo", "--framing", "fixed:3", "hello"])
        .assert()
        .code(2);
    let message = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        message.contains("fixed:3") && message.lines().count() == 1,
        "{message}"
    );
}
