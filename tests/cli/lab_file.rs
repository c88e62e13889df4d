//! `lab --topology FILE`: the shipped examples build, draw and ping as their comments say, and a
//! file with a mistake is refused in one line naming the file, the line and what was expected,
//! before anything is built.

use std::path::Path;

use crate::common::netlearn;

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/lab")
        .join(name)
        .display()
        .to_string()
}

/// The lab of `file` at 80 columns, or None where no lab can be built here.
fn lab_of(file: &str, lang: &str) -> Option<String> {
    let out = netlearn()
        .env("COLUMNS", "80")
        .args(["--lang", lang, "lab", "--topology", file])
        .output()
        .expect("run netlearn");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    (out.status.success() && text.contains(" → ")).then_some(text)
}

#[test]
fn every_shipped_topology_builds_and_reaches_as_its_comment_says() {
    let Some(text) = lab_of(&example("two-routers.toml"), "en") else {
        println!("skipped: no lab can be built here");
        return;
    };
    assert!(text.contains("h1 ── 10.0.1.0/24 ── r1 ── 10.0.2.0/24 ── r2 ── 10.0.3.0/24 ── h2"));
    assert!(
        text.contains("h1 → h2 (10.0.3.20): answered")
            && text.contains("h2 → h1 (10.0.1.10): answered"),
        "{text}"
    );
    let text = lab_of(&example("scenario.toml"), "ja").expect("built above");
    assert_eq!(
        text.matches("応答がありました").count(),
        6,
        "every pair of h1, h2, dns: {text}"
    );
    let text = lab_of(&example("broken-mask.toml"), "en").expect("built above");
    assert!(text.contains("10.0.0.12/8 ✗"), "the mask is marked: {text}");
    let c_to_far = text
        .lines()
        .find(|l| l.contains("c → far"))
        .expect("c pings far");
    assert!(!c_to_far.contains("answered"), "{c_to_far}");
    assert!(text.contains("a → far (10.9.0.20): answered"), "{text}");
    for line in text.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }
}

#[test]
fn a_topology_with_a_mistake_is_refused_in_one_line_naming_where() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (body, line, says) in [
        (
            "[host.h1]\n[[link]]\nh1 = \"10.0.0.1/24\"\nh9 = \"10.0.0.2/24\"\n",
            4,
            "h9",
        ),
        (
            "[host.a]\n[host.b]\n[[link]]\na = \"10.0.0.1\"\nb = \"10.0.0.2/24\"\n",
            4,
            "10.0.0.1",
        ),
        ("[host.a\n", 1, "not a topology"),
    ] {
        let file = dir.path().join("bad.toml");
        std::fs::write(&file, body).expect("write");
        let out = netlearn()
            .args(["lab", "--topology"])
            .arg(&file)
            .output()
            .expect("run netlearn");
        assert_eq!(out.status.code(), Some(2), "{body}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        let place = format!("{}:{line}:", file.display());
        assert!(
            stderr.contains(&place) && stderr.contains(says),
            "{place} {says}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "nothing is built");
    }
}

#[test]
fn a_topology_run_is_one_json_record_under_json() {
    let out = netlearn()
        .args(["--json", "lab", "--topology", &example("two-routers.toml")])
        .output()
        .expect("run netlearn");
    if !out.status.success() {
        println!("skipped: no lab can be built here: {out:?}");
        return;
    }
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON record");
    assert_eq!(record["type"], "topology");
    assert_eq!(record["hosts"], serde_json::json!(["h1", "r1", "r2", "h2"]));
    let reach = record["reach"].as_array().expect("reach");
    assert_eq!(reach.len(), 2);
    assert!(
        reach.iter().all(|r| r["answer"] == "echo_reply"),
        "{record}"
    );
}
