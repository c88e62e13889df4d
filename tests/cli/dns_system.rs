//! `netlearn dns --system`: localhost (RFC 6761), the hosts file first, the search list, and
//! the warning when the hosts file overrides DNS. Fixture hosts and resolv.conf files; the only
//! DNS server asked is the one this test starts on loopback.

use std::sync::OnceLock;

use crate::common::dns::DnsServer;
use crate::common::{fixture, netlearn};
use serde_json::Value;

fn server() -> &'static DnsServer {
    static SERVER: OnceLock<DnsServer> = OnceLock::new();
    SERVER.get_or_init(DnsServer::start)
}

fn system_json(args: &[&str]) -> (Value, String, i32) {
    let output = netlearn()
        .args([
            "--json",
            "dns",
            "--system",
            "--hosts-file",
            &fixture("hosts"),
        ])
        .args(["--resolv-conf", &fixture("resolv.conf")])
        .args(args)
        .arg(server().at())
        .output()
        .expect("run");
    let json = serde_json::from_slice(&output.stdout).expect("JSON");
    (
        json,
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().expect("code"),
    )
}

#[test]
fn localhost_is_loopback_from_the_hosts_file_and_never_asked() {
    let (json, _, code) = system_json(&["localhost"]);
    assert_eq!(code, 0);
    let queries = json["queries"].as_array().unwrap();
    assert_eq!(queries[0]["answers"][0]["data"], "127.0.0.1");
    assert_eq!(queries[1]["answers"][0]["data"], "::1");
    for q in queries {
        assert_eq!(q["source"], "hosts_file");
        assert_eq!(q["server"], Value::Null, "localhost is not sent to DNS");
    }
}

#[test]
fn localhost_without_a_hosts_line_is_loopback_by_rfc_6761() {
    let dir = tempfile::tempdir().unwrap();
    let hosts = dir.path().join("hosts");
    std::fs::write(&hosts, "127.0.0.1 localhost\n").unwrap();
    let output = netlearn()
        .args([
            "--json",
            "dns",
            "--system",
            "app.localhost",
            "AAAA",
            "--hosts-file",
        ])
        .arg(&hosts)
        .args(["--resolv-conf", &fixture("resolv.conf")])
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["queries"][0]["source"], "rfc6761");
    assert_eq!(json["queries"][0]["answers"][0]["data"], "::1");
}

#[test]
fn the_hosts_file_overriding_dns_is_reported() {
    let (json, _, code) = system_json(&["hostsover.netlearn.test", "A"]);
    assert_eq!(code, 0);
    let q = &json["queries"][0];
    assert_eq!(q["source"], "hosts_file");
    assert_eq!(q["answers"][0]["data"], "192.0.2.200");
    let notes = q["notes"].to_string();
    assert!(
        notes.contains("overrides DNS") && notes.contains("192.0.2.123"),
        "{notes}"
    );
    // A name only the hosts file knows: answered, and no override to report.
    let (json, _, code) = system_json(&["onlyhosts.netlearn.test", "A"]);
    assert_eq!(code, 0);
    assert!(
        !json["queries"][0]["notes"]
            .to_string()
            .contains("overrides")
    );
}

#[test]
fn short_names_go_through_the_search_list() {
    let (json, _, code) = system_json(&["mail", "A"]);
    assert_eq!(code, 0);
    let q = &json["queries"][0];
    assert_eq!(q["asked"], "mail.netlearn.test.");
    assert_eq!(q["source"], "dns");
    assert_eq!(q["answers"][0]["data"], "192.0.2.25");
    assert_eq!(
        json["resolver"]["search"],
        serde_json::json!(["netlearn.test."])
    );
    // With its trailing dot the name is asked as it is: the test server refuses "mail.".
    let (json, stderr, code) = system_json(&["mail.", "A"]);
    assert_eq!(code, 1);
    assert_eq!(json["queries"][0]["asked"], "mail.");
    assert!(stderr.contains("REFUSED"), "{stderr}");
}

#[test]
fn reverse_lookups_consult_the_hosts_file() {
    let (json, _, code) = system_json(&["-x", "192.0.2.201"]);
    assert_eq!(code, 0);
    assert_eq!(json["queries"][0]["source"], "hosts_file");
    assert_eq!(
        json["queries"][0]["answers"][0]["data"],
        "onlyhosts.netlearn.test."
    );
    // Not in the hosts file: DNS answers from the reverse zone.
    let (json, _, code) = system_json(&["-x", "192.0.2.1"]);
    assert_eq!(code, 0);
    assert_eq!(json["queries"][0]["source"], "dns");
}
