//! `explain` (every glossary demo run) and `tour` through the real binary, offline.

mod common;

use std::collections::BTreeSet;

use common::{json_lines_of, json_of, netlearn, stdout_of};
use netlearn::net::glossary::TERMS;

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
        "== 4. Loopback",
        "== 6. The default gateway",
        "== 7. localhost",
        "== 8. HTTP",
        "== 9. The addresses you saw",
    ] {
        assert!(text.contains(heading), "{heading} missing");
    }
    assert!(text.contains("echo verified"));
    assert!(!text.contains("could not run"), "{text}");
    let sections = json_lines_of(&["tour"]);
    assert_eq!(sections.len(), 9);
    for section in &sections {
        for run in section["runs"].as_array().unwrap() {
            assert_eq!(run["ok"], true, "{run}");
        }
    }
}
