//! `ifaces`, `gateway` and `port` through the real binary, on this machine, offline.

use std::collections::BTreeSet;
use std::process::Command;

use crate::common::{fixture, json_lines_of, json_of, netlearn, stdout_of};

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
fn port_shows_who_listens_on_it_now() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port().to_string();
    // Another test thread may be between fork and exec: its child holds a copy of every
    // descriptor until exec closes it, and then the kernel rightly names that child as a
    // holder. That lasts a moment, so ask again (bounded) until the holder named is this test.
    let mut holders = Vec::new();
    for _ in 0..20 {
        let report = json_of(&["port", &port]);
        let sockets = report["on_this_machine"].as_array().expect("sockets");
        let ours = sockets
            .iter()
            .find(|s| s["state"] == "LISTEN")
            .expect("our listener is listed");
        assert_eq!(ours["proto"], "tcp");
        assert_eq!(ours["local"], format!("127.0.0.1:{port}"));
        if ours["pid"] == std::process::id() {
            drop(listener);
            return;
        }
        holders.push(ours["pid"].clone());
    }
    panic!("the listener's holder was never this test: {holders:?}");
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

#[test]
fn socket_demos_show_refused_in_use_and_time_wait() {
    let errnos = |records: &[serde_json::Value]| -> Vec<i64> {
        records.iter().filter_map(|r| r["errno"].as_i64()).collect()
    };
    let refused = json_lines_of(&["socket", "demo", "refused"]);
    assert_eq!(errnos(&refused), [111, 111], "TCP connect and UDP recv");
    let in_use = json_lines_of(&["socket", "demo", "in-use"]);
    assert_eq!(errnos(&in_use), [98]);
    assert!(
        in_use
            .iter()
            .any(|r| r["event"] == "note" && r["message"].as_str().unwrap_or("").contains("(pid "))
    );
    let time_wait = json_lines_of(&["socket", "demo", "time-wait"]);
    assert_eq!(
        errnos(&time_wait),
        [98],
        "only the restart without SO_REUSEADDR fails"
    );
    let tables: Vec<&serde_json::Value> = time_wait
        .iter()
        .filter(|r| r["event"] == "sockets")
        .collect();
    assert_eq!(tables.len(), 2);
    for table in tables {
        assert!(
            table["sockets"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["state"] == "TIME_WAIT" && s["time_left_s"].as_f64() > Some(30.0)),
            "{table}"
        );
    }
    let text = stdout_of(&["socket", "demo", "time-wait"]);
    assert!(
        text.contains("OSError: [Errno 98] Address already in use"),
        "{text}"
    );
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
}

/// `netlearn ARGS` in a fresh network namespace whose loopback is up with a second address
/// (192.0.2.5/24, a documentation address), so one interface has several addresses whatever
/// this machine's own interfaces are. None, with the reason printed, where namespaces or
/// `ip` are not available. Nothing outside the namespace is touched.
fn in_netns_with_two_addresses(args: &[&str], env: &[(&str, &str)]) -> Option<String> {
    let setup = "ip link set lo up && ip addr add 192.0.2.5/24 dev lo && exec \"$0\" \"$@\"";
    let output = Command::new("unshare")
        .args(["-n", "sh", "-c", setup])
        .arg(assert_cmd::cargo::cargo_bin!("netlearn"))
        .args(args)
        .envs(env.iter().copied())
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output();
    match output {
        Ok(output) if output.status.success() => {
            Some(String::from_utf8_lossy(&output.stdout).into_owned())
        }
        Ok(output) => {
            eprintln!(
                "skipped: no network namespace with two addresses here: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            );
            None
        }
        Err(error) => {
            eprintln!("skipped: cannot run unshare: {error}");
            None
        }
    }
}

/// The lines of a record layout that are one of `labels` with nothing after it (`#:`,
/// `インターフェース:`).
fn empty_fields<'a>(text: &'a str, labels: &[&str]) -> Vec<&'a str> {
    text.lines()
        .filter(|line| {
            labels
                .iter()
                .any(|label| line.trim_end() == format!("{label}:"))
        })
        .collect()
}

/// The headings of `ifaces` in both languages.
const IFACES_LABELS: &[&str] = &[
    "#",
    "INTERFACE",
    "STATE",
    "MAC",
    "MTU",
    "ADDRESS",
    "NETWORK",
    "SCOPE",
    "インターフェース",
    "状態",
    "アドレス",
    "ネットワーク",
    "スコープ",
];

/// The headings of `port`'s services table in both languages.
const PORT_LABELS: &[&str] = &[
    "PORT",
    "PROTO",
    "SERVICE",
    "ALIASES",
    "RANGE",
    "DESCRIPTION",
    "ポート",
    "プロトコル",
    "サービス",
    "別名",
    "範囲",
    "説明",
];

#[test]
fn ifaces_with_several_addresses_has_no_empty_field_at_80_and_60_in_both_languages() {
    for lang in ["en", "ja"] {
        for columns in ["80", "60"] {
            let Some(text) =
                in_netns_with_two_addresses(&["--lang", lang, "ifaces"], &[("COLUMNS", columns)])
            else {
                return;
            };
            let at = format!("{lang} at {columns}:\n{text}");
            assert!(
                text.contains("127.0.0.1/8") && text.contains("192.0.2.5/24"),
                "{at}"
            );
            assert!(empty_fields(&text, IFACES_LABELS).is_empty(), "{at}");
            // One record for the one interface: its second address goes on it.
            assert_eq!(text.matches("#:").count(), 1, "{at}");
            let width: usize = columns.parse().unwrap();
            for line in text.lines() {
                assert!(unicode_width::UnicodeWidthStr::width(line) <= width, "{at}");
            }
        }
    }
}

/// `port`'s sentences (the range, the TCP/UDP note, this machine's sockets) and `port --list`
/// fit 80 and 60 columns in both languages, the number staying with its name.
#[test]
fn port_notes_and_list_fit_80_and_60_columns_in_both_languages() {
    let services = fixture("services");
    for lang in ["en", "ja"] {
        for columns in ["80", "60"] {
            for args in [
                &["port", "5009"][..],
                &["port", "80"],
                &["port", "50000"],
                &["port", "--list"],
            ] {
                let output = netlearn()
                    .args(["--lang", lang])
                    .args(args)
                    .args(["--services-file", &services])
                    .env("COLUMNS", columns)
                    .output()
                    .unwrap();
                assert!(output.status.success(), "{args:?}");
                let text = String::from_utf8_lossy(&output.stdout);
                let at = format!("{lang} {args:?} at {columns}:\n{text}");
                let width: usize = columns.parse().unwrap();
                for line in text.lines() {
                    assert!(unicode_width::UnicodeWidthStr::width(line) <= width, "{at}");
                }
                assert!(empty_fields(&text, PORT_LABELS).is_empty(), "{at}");
                if args[1] == "80" {
                    let said = if lang == "ja" {
                        ["ポート 80 はシステムポート", "特権"]
                    } else {
                        ["port 80: system", "privilege"]
                    };
                    for words in said {
                        assert!(text.contains(words), "{words}: {at}");
                    }
                }
                if args[1] == "5009" {
                    let said = if lang == "ja" {
                        "別のポート"
                    } else {
                        "two different"
                    };
                    assert!(text.contains(said), "{at}");
                }
            }
        }
    }
}

/// The Japanese texts of addr, dns, host and system keep a number (or a placeholder that is
/// one) with its unit or counter, and `RFC` with its number, by a no-break space; Japanese
/// sentences end in full-width ？ and ！.
#[test]
fn japanese_host_address_dns_and_system_texts_keep_numbers_with_units() {
    const UNITS: &[&str] = &[
        "ビット",
        "バイト",
        "個",
        "件",
        "回",
        "行",
        "台",
        "秒",
        "桁",
        "文字",
        "節",
        "億",
        "万",
    ];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("texts/ja");
    let mut faults = Vec::new();
    for file in ["addr.ftl", "dns.ftl", "host.ftl", "system.ftl"] {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        for (number, line) in text.lines().enumerate() {
            if line.trim_start().starts_with('#') {
                continue;
            }
            let at = format!("{file}:{}: {line}", number + 1);
            let chars: Vec<char> = line.chars().collect();
            for (i, pair) in chars.windows(2).enumerate() {
                if pair[1] != ' ' || !(pair[0].is_ascii_digit() || pair[0] == '}') {
                    continue;
                }
                let rest: String = chars[i + 2..].iter().collect();
                if UNITS.iter().any(|unit| rest.starts_with(unit)) {
                    faults.push(format!("a plain space before a unit: {at}"));
                }
            }
            if line.contains("RFC ") {
                faults.push(format!("RFC and its number apart: {at}"));
            }
            for pair in chars.windows(2) {
                let japanese = !pair[0].is_ascii();
                if japanese && (pair[1] == '?' || pair[1] == '!') {
                    faults.push(format!("a half-width ? or ! in Japanese: {at}"));
                }
            }
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}
