//! `lab nat`: h1 and h2 on a private LAN reach srv through r1, which masquerades. The outside
//! capture never shows a private address, r1's conntrack entries hold the captured ports, srv
//! cannot open a connection inward; as root and as nobody, fitted to 80 and 60 columns in
//! English and Japanese.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use serde_json::Value;

use crate::lab::{json_lines, netlearn_as, run_as};

const R1_OUTSIDE: Ipv4Addr = Ipv4Addr::new(203, 0, 113, 1);

fn step<'a>(records: &'a [Value], name: &str) -> &'a Value {
    records
        .iter()
        .find(|r| r["step"] == name)
        .unwrap_or_else(|| panic!("no {name} step in {records:#?}"))
}

/// A packet line's end (`10.0.0.10:40000`) as an address.
fn ip_of(end: &Value) -> IpAddr {
    let text = end.as_str().expect("an end");
    text.parse::<SocketAddr>()
        .map(|s| s.ip())
        .or_else(|_| text.parse::<IpAddr>())
        .unwrap_or_else(|_| panic!("not an address: {text}"))
}

fn is_private(ip: IpAddr) -> bool {
    matches!(ip, IpAddr::V4(v4) if v4.is_private())
}

/// Every packet of the NAT step: both lines of each pair, and those seen on one side only.
fn packets_of(nat: &Value) -> Vec<&Value> {
    let pairs = nat["facts"]["pairs"].as_array().expect("pairs");
    let unpaired = nat["facts"]["unpaired"].as_array().expect("unpaired");
    pairs
        .iter()
        .flat_map(|p| [&p["before"], &p["after"]])
        .chain(unpaired)
        .collect()
}

fn nat_lab(unprivileged: bool) {
    let Some(output) = run_as(&["--json", "lab", "nat"], unprivileged) else {
        return;
    };
    assert!(output.status.success(), "{output:?}");
    let records = json_lines(&output);
    let names: Vec<&str> = records.iter().filter_map(|r| r["step"].as_str()).collect();
    assert_eq!(
        names,
        ["build", "nat", "conntrack", "outside", "teardown"],
        "{records:#?}"
    );
    for record in &records {
        let keys: std::collections::BTreeSet<&str> = record
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        let expected = ["type", "step", "ok", "title", "text", "facts", "packets"];
        assert_eq!(keys, expected.into_iter().collect(), "{record}");
        assert_eq!(record["type"], "step");
        assert_eq!(record["ok"], true, "{record:#}");
    }
    let build = step(&records, "build");
    assert!(
        build["facts"]["ruleset"]
            .as_str()
            .is_some_and(|r| r.contains("oifname \"eth1\" masquerade")),
        "{build}"
    );

    let nat = step(&records, "nat");
    let packets = packets_of(nat);
    let outside: Vec<&Value> = packets
        .iter()
        .copied()
        .filter(|p| p["at"] == "r1 eth1")
        .collect();
    let inside: Vec<&Value> = packets
        .iter()
        .copied()
        .filter(|p| p["at"] == "r1 eth0")
        .collect();
    assert!(outside.len() >= 8 && inside.len() >= 8, "{nat:#}");
    // Outside, only r1's address and srv's: never 10.0.0.10 (nor h2's).
    for packet in &outside {
        for end in [&packet["src"], &packet["dst"]] {
            assert!(
                !is_private(ip_of(end)),
                "a private address outside: {packet}"
            );
        }
        let ends = [ip_of(&packet["src"]), ip_of(&packet["dst"])];
        assert!(ends.contains(&IpAddr::V4(R1_OUTSIDE)), "{packet}");
    }
    // Inside, the LAN host's own address on every packet.
    for packet in &inside {
        let ends = [ip_of(&packet["src"]), ip_of(&packet["dst"])];
        assert!(ends.iter().any(|ip| is_private(*ip)), "{packet}");
    }
    assert!(
        inside.iter().any(|p| p["src"] == "10.0.0.10:40000"),
        "{inside:#?}"
    );

    let conntrack = step(&records, "conntrack");
    let entries = conntrack["facts"]["entries"].as_array().expect("entries");
    let mut translated_ports = Vec::new();
    for (host, own) in [("h1", "10.0.0.10:40000"), ("h2", "10.0.0.20:40000")] {
        let own: SocketAddr = own.parse().expect("end");
        // The SYN as it entered r1, and as it left: the source rewritten to r1's address.
        let syn = nat["facts"]["pairs"]
            .as_array()
            .expect("pairs")
            .iter()
            .find(|p| {
                p["way"] == "out"
                    && p["before"]["src"] == own.to_string()
                    && p["before"]["flags"] == serde_json::json!(["SYN"])
            })
            .unwrap_or_else(|| panic!("no SYN pair of {host}: {nat:#}"));
        assert_eq!(syn["host"], host);
        assert_eq!(syn["before"]["at"], "r1 eth0");
        assert_eq!(syn["after"]["at"], "r1 eth1");
        assert_eq!(syn["before"]["seq_raw"], syn["after"]["seq_raw"]);
        let translated: SocketAddr = syn["after"]["src"]
            .as_str()
            .expect("src")
            .parse()
            .expect("an end");
        assert_eq!(translated.ip(), IpAddr::V4(R1_OUTSIDE), "{syn}");
        // srv's answer reached r1 addressed to that end.
        assert!(
            outside
                .iter()
                .any(|p| p["src"] == "203.0.113.80:5008" && p["dst"] == translated.to_string()),
            "{outside:#?}"
        );
        // r1's entry: the original tuple as the host sent it, the reply to the captured end.
        let entry = entries
            .iter()
            .find(|e| e["host"] == host)
            .unwrap_or_else(|| panic!("no entry of {host}: {conntrack:#}"));
        assert_eq!(entry["protocol"], "tcp");
        assert_eq!(entry["state"], "ESTABLISHED");
        assert_eq!(entry["original"]["src"], own.ip().to_string());
        assert_eq!(entry["original"]["sport"], own.port());
        assert_eq!(entry["original"]["dst"], "203.0.113.80");
        assert_eq!(entry["original"]["dport"], 5008);
        assert_eq!(entry["reply"]["src"], "203.0.113.80");
        assert_eq!(entry["reply"]["sport"], 5008);
        assert_eq!(entry["reply"]["dst"], R1_OUTSIDE.to_string());
        assert_eq!(entry["reply"]["dport"], translated.port(), "{entry}");
        let connection = nat["facts"]["connections"]
            .as_array()
            .expect("connections")
            .iter()
            .find(|c| c["host"] == host)
            .expect("connection");
        assert_eq!(connection["outside"], translated.to_string());
        assert_eq!(connection["echoed"], connection["sent"]);
        translated_ports.push(translated.port());
    }
    // Both chose port 40000: r1 told them apart by giving the second another port.
    assert_eq!(translated_ports[0], 40000);
    assert_ne!(translated_ports[1], translated_ports[0]);

    let from_outside = step(&records, "outside");
    let facts = &from_outside["facts"];
    assert_eq!(facts["listening"], "10.0.0.10:5008");
    assert_eq!(facts["attempts"][0]["target"], "10.0.0.10:5008");
    assert_eq!(facts["attempts"][0]["outcome"], "no_route", "{facts}");
    assert_eq!(facts["attempts"][1]["target"], "203.0.113.1:5008");
    assert_eq!(facts["attempts"][1]["outcome"], "refused", "{facts}");
    assert_eq!(facts["lan_packets"], 0);
    let seen = from_outside["packets"].as_array().expect("packets");
    assert!(seen.iter().all(|p| p["at"] == "r1 eth1"), "{seen:#?}");
    assert!(
        seen.iter().any(|p| p["src"] == "203.0.113.1:5008"
            && p["flags"]
                .as_array()
                .is_some_and(|f| f.contains(&"RST".into()))),
        "{seen:#?}"
    );
}

#[test]
fn the_outside_sees_only_the_routers_address_and_conntrack_holds_the_captured_ports() {
    nat_lab(false);
}

#[test]
fn the_nat_lab_runs_as_nobody() {
    nat_lab(true);
}

#[test]
fn the_nat_lab_fits_80_and_60_columns_in_english_and_japanese() {
    let runs: Vec<_> = [
        ("en", 80, false),
        ("en", 60, false),
        ("ja", 80, false),
        ("ja", 60, false),
        ("en", 60, true),
    ]
    .into_iter()
    .map(|(lang, columns, ladder)| {
        std::thread::spawn(move || {
            let mut command = netlearn_as(false).expect("netlearn");
            let output = command
                .args(["--lang", lang, "lab", "nat"])
                .args(ladder.then_some("--ladder"))
                .env("COLUMNS", columns.to_string())
                .env("NO_COLOR", "1")
                .output()
                .expect("run netlearn");
            (lang, columns, ladder, output)
        })
    })
    .collect();
    for run in runs {
        let (lang, columns, ladder, output) = run.join().expect("thread");
        let stderr = String::from_utf8_lossy(&output.stderr);
        if stderr.contains("cannot build the lab here")
            || stderr.contains("ラボを組み立てられません")
        {
            println!("skipped: {}", stderr.trim());
            return;
        }
        assert!(output.status.success(), "{lang} {columns}: {output:?}");
        let text = String::from_utf8_lossy(&output.stdout);
        for line in text.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= columns,
                "{lang} at {columns} columns: {line:?}\n{text}"
            );
        }
        if ladder {
            // srv's side of r1: a line for r1 per connection, none for h1 or h2.
            let outside = text
                .split("captured on r1 eth1:")
                .nth(1)
                .expect("the outside ladder");
            let names = outside.lines().nth(1).expect("the names");
            assert_eq!(
                names.split_whitespace().collect::<Vec<_>>(),
                ["r1", "r1", "srv"]
            );
            assert!(outside.contains("203.0.113.1:40000"), "{text}");
            continue;
        }
        // The rewritten ends are marked, in the reader's language.
        let (mark, sentence) = match lang {
            "en" => ("rewritten by r1", "h2 chose port"),
            _ => ("r1 が書き換えた部分", "h2 もポート"),
        };
        assert!(text.contains(mark), "{lang}: {text}");
        assert!(text.contains(sentence), "{lang}: {text}");
        assert!(text.contains("^^^^^^^^^^^^^^^^^"), "{text}");
        assert!(text.contains("203.0.113.1:40000"), "{text}");
        assert!(
            text.contains("reply     203.0.113.80:5008 → 203.0.113.1:"),
            "{text}"
        );
    }
}
