//! `explain` (every glossary demo run) and `tour` through the real binary, offline.

use std::collections::BTreeSet;

use crate::common::{json_lines_of, json_of, netlearn, stdout_of};
use netlearn::learn::glossary::TERMS;

/// Every glossary demo runs offline and exits 0 (each distinct command line once).
#[test]
fn every_glossary_demo_runs_and_exits_0() {
    let demos: BTreeSet<Vec<&str>> = TERMS
        .iter()
        .flat_map(|t| t.demos.iter().map(|d| d.to_vec()))
        .collect();
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
    assert_eq!(entry["demo_runs"][0]["ok"], true);
    assert_eq!(
        entry["demo_runs"][0]["command"],
        "netlearn ifaces --loopback"
    );
    assert!(entry["demo_runs"][0]["output"]["interfaces"].is_array());
    let shutdown = json_of(&["explain", "half-close"]);
    assert_eq!(shutdown["name"], "shutdown");
    let calls: Vec<String> = shutdown["demo_runs"][0]["output"]
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
        "== 4. Blocking vs non-blocking",
        "== 5. Loopback",
        "== 7. The default gateway",
        "== 8. localhost",
        "== 9. HTTP",
        "== 10. The addresses you saw",
        "== 11. What travelled",
        "== 12. The lab",
    ] {
        assert!(text.contains(heading), "{heading} missing");
    }
    assert!(text.contains("echo verified"));
    assert!(text.contains("EWOULDBLOCK"), "{text}");
    assert!(!text.contains("could not run"), "{text}");
    let sections = json_lines_of(&["tour"]);
    assert_eq!(sections.len(), 12);
    for section in &sections {
        for run in section["runs"].as_array().unwrap() {
            assert_eq!(run["ok"], true, "{run}");
        }
    }
}

/// Runs netlearn with `args` in a fresh network namespace (`unshare -n`), where the loopback
/// interface is down. None, with the reason printed, where namespaces are not allowed.
/// Waits at most `limit`, then kills the run and fails.
fn in_fresh_netns(args: &[&str], limit: std::time::Duration) -> Option<std::process::Output> {
    use std::process::{Command, Stdio};
    match Command::new("unshare").args(["-n", "true"]).output() {
        Ok(output) if output.status.success() => {}
        Ok(output) => {
            eprintln!(
                "skipped: `unshare -n` is refused here: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            );
            return None;
        }
        Err(error) => {
            eprintln!("skipped: cannot run unshare: {error}");
            return None;
        }
    }
    let child = Command::new("unshare")
        .arg("-n")
        .arg(assert_cmd::cargo::cargo_bin!("netlearn"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn unshare");
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(output) => Some(output.expect("wait for netlearn")),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!(
                "`netlearn {}` with loopback down still ran after {limit:?}",
                args.join(" ")
            );
        }
    }
}

fn flat(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

const LO_DOWN: &str =
    "the loopback interface lo is down, so 127.0.0.1 is unreachable: `ip link set lo up`";

#[test]
fn with_loopback_down_the_tour_says_so_and_goes_on() {
    let limit = std::time::Duration::from_secs(15);
    let Some(output) = in_fresh_netns(&["tour"], limit) else {
        return;
    };
    let text = flat(&output.stdout);
    assert!(text.contains(LO_DOWN), "{text}");
    // The sections that need no loopback still ran.
    assert!(text.contains("== 10. The addresses you saw =="), "{text}");
    assert!(text.contains("Loopback"), "{text}");
    assert!(text.contains("localhost. A"), "{text}");
    assert!(!text.contains("echo verified"), "{text}");

    let Some(output) = in_fresh_netns(&["--json", "tour"], limit) else {
        return;
    };
    let sections: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    assert_eq!(sections.len(), 12);
    assert!(
        sections[0]["skipped"]
            .as_str()
            .unwrap()
            .starts_with(LO_DOWN),
        "{}",
        sections[0]
    );
    assert_eq!(sections[9]["runs"][0]["ok"], true, "{}", sections[9]);

    for demo in [
        &["echo", "demo", "hi"][..],
        &["echo", "demo", "--udp", "hi"],
        &["http", "demo"],
    ] {
        let Some(output) = in_fresh_netns(demo, limit) else {
            return;
        };
        assert_eq!(output.status.code(), Some(1), "{demo:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(LO_DOWN), "{demo:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}

/// A term's Japanese name, from the texts.
fn ja_name(id: &str) -> String {
    netlearn::learn::glossary::by_id(id)
        .expect("a term")
        .name_in(netlearn::i18n::Lang::Ja)
}

/// `netlearn ARGS` fails with exit 2 and one line on stderr: that line.
fn usage_error(args: &[&str]) -> String {
    let output = netlearn().args(args).output().expect("run netlearn");
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
    stderr.trim_end().to_string()
}

#[test]
fn explain_finds_a_term_by_its_words_in_either_language() {
    for args in [
        &["explain", "passive FTP", "--no-demo"][..],
        &["explain", "passive", "ftp", "--no-demo"],
        &["explain", "FTP", "Passive", "--no-demo"],
        &["explain", "パッシブ", "--no-demo"],
    ] {
        let text = stdout_of(args);
        assert!(
            text.starts_with("passive vs active FTP"),
            "{args:?}: {text}"
        );
    }
    let text = stdout_of(&["--lang", "ja", "explain", "パッシブ", "FTP", "--no-demo"]);
    assert!(
        text.starts_with(&ja_name("passive-vs-active-ftp")),
        "{text}"
    );
}

#[test]
fn explain_names_every_entry_a_shared_word_is_in() {
    let message = usage_error(&["explain", "モード", "--no-demo"]);
    assert!(message.contains("\"モード\""), "{message}");
    assert!(message.contains("\"passive vs active FTP\""), "{message}");
    assert!(
        message.contains("\"blocking vs non-blocking\""),
        "{message}"
    );
    assert!(message.contains("`netlearn explain`"), "{message}");
    // A long list stops after five names and says how many more there are.
    let message = usage_error(&["explain", "address"]);
    assert!(message.contains(" more; "), "{message}");
    let message = usage_error(&["--lang", "ja", "explain", "モード"]);
    assert!(message.contains("複数"), "{message}");
    let passive = format!("{:?}", ja_name("passive-vs-active-ftp"));
    assert!(message.contains(&passive), "{message}");
}

#[test]
fn explain_suggests_the_closest_entry_for_a_near_miss() {
    for (args, name) in [
        (&["explain", "hanshake"][..], "\"three-way handshake\""),
        (&["explain", "pasive", "ftp"], "\"passive vs active FTP\""),
        (&["explain", "サブネットマクス"], "\"subnet mask\""),
    ] {
        let message = usage_error(args);
        assert!(
            message.contains(&format!("{:?}", args[1..].join(" "))),
            "{message}"
        );
        assert!(
            message.contains(&format!("did you mean {name}")),
            "{message}"
        );
        assert!(message.contains("`netlearn explain`"), "{message}");
    }
    let message = usage_error(&["--lang", "ja", "explain", "サブネットマクス"]);
    let subnet_mask = format!("{:?} のことですか？", ja_name("subnet-mask"));
    assert!(message.contains(&subnet_mask), "{message}");
    assert!(message.contains("`netlearn explain`"), "{message}");
    let message = usage_error(&["explain", "zebra", "crossing"]);
    assert!(message.contains("\"zebra crossing\""), "{message}");
    assert!(message.contains("`netlearn explain`"), "{message}");
}

#[test]
fn explain_json_carries_the_names_in_the_chosen_language() {
    let ja = {
        let output = netlearn()
            .args([
                "--lang",
                "ja",
                "--json",
                "explain",
                "passive",
                "ftp",
                "--no-demo",
            ])
            .output()
            .expect("run netlearn");
        assert!(output.status.success());
        serde_json::from_slice::<serde_json::Value>(&output.stdout).expect("JSON")
    };
    assert_eq!(ja["name"], "passive vs active FTP");
    assert_eq!(ja["lang"], "ja");
    assert_eq!(ja["name_local"], ja_name("passive-vs-active-ftp"));
    assert!(
        ja["aliases"]
            .as_array()
            .unwrap()
            .contains(&"passive mode".into())
    );
    assert!(
        ja["aliases_local"]
            .as_array()
            .unwrap()
            .contains(&"パッシブモード".into()),
        "{ja}"
    );
    let en = json_of(&["explain", "passive", "ftp", "--no-demo"]);
    assert_eq!(en["lang"], "en");
    assert_eq!(en["name_local"], en["name"]);
    assert_eq!(en["aliases_local"], en["aliases"]);
    // The list has the same keys.
    let output = netlearn()
        .args(["--lang", "ja", "--json", "explain"])
        .output()
        .expect("run netlearn");
    let all: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let tcp = all
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["name"] == "three-way handshake")
        .expect("the handshake");
    assert_eq!(tcp["name_local"], ja_name("three-way-handshake"));
    assert_eq!(tcp["lang"], "ja");
}

/// The tour's echo demos send their messages in the reader's language: no English sentence of
/// the tour's own under `--lang ja`.
#[test]
fn the_japanese_tour_sends_japanese_messages() {
    let text = stdout_of(&["--lang", "ja", "tour"]);
    for english in ["hello from the tour", "last words", "one datagram"] {
        assert!(!text.contains(english), "{english}: {text}");
    }
    assert!(text.contains("$ netlearn echo demo こんにちは\n"), "{text}");
    assert!(
        text.contains("$ netlearn echo demo --udp データグラム\n"),
        "{text}"
    );
    // The bytes the reader sees are the message's UTF-8 (5 characters, 15 bytes and \n).
    assert!(text.contains("\"さようなら\\n\""), "{text}");
    assert!(
        text.contains("16 バイト") || text.contains("16 バイト"),
        "{text}"
    );
    let english = stdout_of(&["tour"]);
    assert!(english.contains("$ netlearn echo demo 'hello from the tour'\n"));
}
