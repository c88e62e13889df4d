//! Links that misbehave: `lab link-test` builds h1 — h2 with loss, a rate or delay, says how
//! each is made (tbf, nftables, netem or netlearn's relay) and measures it. Each test checks
//! the measurement against what was asked, within bounds a correct link meets (binomial for
//! loss, ±20 % for the rate, at least the round trip for delay), as root and as nobody.

use std::process::Output;

use serde_json::Value;

use super::lab::{json_lines, run_as};
use crate::common::{netlearn, one_line_error};

/// `lab link-test ARGS --json`: its one link's record.
fn link_test(args: &[&str], unprivileged: bool) -> Option<Value> {
    let mut full = vec!["--json", "lab", "link-test"];
    full.extend_from_slice(args);
    let output = run_as(&full, unprivileged)?;
    assert!(output.status.success(), "{output:?}");
    let records = json_lines(&output);
    assert_eq!(records.len(), 1, "{records:#?}");
    assert_eq!(records[0]["type"], "link_test");
    let links = records[0]["links"].as_array().expect("links").clone();
    assert_eq!(links.len(), 1, "{links:#?}");
    Some(links[0].clone())
}

fn number(value: &Value) -> f64 {
    value
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {value}"))
}

/// 30 % loss each way: of the datagrams sent one way, the share lost lies within the
/// binomial distribution's 99.9 % interval (±3.29 standard deviations).
fn loss_within_bounds(unprivileged: bool) {
    let Some(link) = link_test(&["--loss", "30%", "--pings", "2"], unprivileged) else {
        return;
    };
    assert_eq!(link["methods"]["loss"], "nftables", "{link:#}");
    assert_eq!(link["asked"]["loss_percent"], 30.0, "{link:#}");
    let measured = &link["measured"];
    let sent = number(&measured["datagrams_sent"]);
    let arrived = number(&measured["datagrams_arrived"]);
    assert!(sent >= 400.0, "{measured:#}");
    let (p, lost) = (0.3, sent - arrived);
    let spread = 3.29 * (sent * p * (1.0 - p)).sqrt();
    assert!(
        (sent * p - spread..=sent * p + spread).contains(&lost),
        "{lost} of {sent} lost, expected {} ± {spread:.1}: {measured:#}",
        sent * p
    );
    // TCP meets the loss too: it sends segments again (a drop on the sender's own way out
    // would have been retried silently, with no retransmission at all).
    if number(&measured["transfer_bytes"]) > 0.0 {
        assert!(number(&measured["retransmits"]) > 0.0, "{measured:#}");
    }
}

#[test]
fn loss_is_measured_within_binomial_bounds_as_root() {
    loss_within_bounds(false);
}

#[test]
fn loss_is_measured_within_binomial_bounds_as_nobody() {
    loss_within_bounds(true);
}

/// 10 Mbit/s: a transfer's goodput is within ±20 % (tbf counts Ethernet frames, so TCP's
/// goodput sits a few percent below the rate).
fn rate_within_bounds(unprivileged: bool) {
    let Some(link) = link_test(&["--rate", "10mbit", "--pings", "1"], unprivileged) else {
        return;
    };
    assert_eq!(link["methods"]["rate"], "tbf", "{link:#}");
    assert_eq!(link["tbf"]["burst_bytes"], 5000, "{link:#}");
    assert_eq!(link["tbf"]["queue_bytes"], 62500, "{link:#}");
    let measured = &link["measured"];
    assert_eq!(measured["transfer_complete"], true, "{measured:#}");
    let goodput = number(&measured["goodput_bits_per_second"]);
    assert!(
        (8e6..=12e6).contains(&goodput),
        "goodput {goodput} outside 10 Mbit/s ± 20 %: {measured:#}"
    );
}

#[test]
fn rate_is_measured_within_20_percent_as_root() {
    rate_within_bounds(false);
}

#[test]
fn rate_is_measured_within_20_percent_as_nobody() {
    rate_within_bounds(true);
}

/// 20 ms each way: every answered ping takes at least 40 ms, and the method is said.
fn delay_adds_the_round_trip(unprivileged: bool) {
    let Some(link) = link_test(&["--delay", "20ms", "--pings", "5"], unprivileged) else {
        return;
    };
    let method = link["methods"]["delay"].as_str().expect("a delay method");
    assert!(["netem", "relay"].contains(&method), "{link:#}");
    if method == "relay" {
        // Everything measured crossed it, and its queue had room.
        assert!(number(&link["relay"]["frames"]) > 500.0, "{link:#}");
        assert_eq!(link["relay"]["dropped"], 0, "{link:#}");
    }
    let measured = &link["measured"];
    assert_eq!(measured["pings_answered"], 5, "{measured:#}");
    for rtt in measured["rtt_ms"].as_array().expect("rtts") {
        let rtt = number(rtt);
        // Not above a generous bound either: the relay holds frames no longer than asked.
        assert!((40.0..400.0).contains(&rtt), "{rtt} ms: {measured:#}");
    }
    // The relay carries TCP whole: checksums the sender left to the "card" arrive right.
    assert_eq!(measured["transfer_complete"], true, "{measured:#}");
    assert_eq!(
        measured["datagrams_arrived"], measured["datagrams_sent"],
        "{link:#}"
    );
}

#[test]
fn delay_adds_at_least_the_round_trip_as_root() {
    delay_adds_the_round_trip(false);
}

#[test]
fn delay_adds_at_least_the_round_trip_as_nobody() {
    delay_adds_the_round_trip(true);
}

fn text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The text view says how each impairment is made and what was measured, in both languages,
/// within 60 columns; and the lab leaves no interface behind.
#[test]
fn the_view_says_how_and_what_in_both_languages_within_60_columns() {
    let before = std::fs::read_dir("/sys/class/net").map(|d| d.count()).ok();
    for (lang, words) in [
        (
            "en",
            ["tbf", "nftables", "no netem", "ping h1", "TCP h1 → h2"],
        ),
        (
            "ja",
            ["tbf", "nftables", "netem がない", "往復時間", "再送"],
        ),
    ] {
        let args = [
            "--lang",
            lang,
            "lab",
            "link-test",
            "--loss",
            "1%",
            "--rate",
            "20mbit",
            "--delay",
            "5ms",
            "--pings",
            "3",
        ];
        let Some(mut command) = super::lab::netlearn_as(false) else {
            return;
        };
        let output = command
            .args(args)
            .env("COLUMNS", "60")
            .env("NO_COLOR", "1")
            .output()
            .expect("run netlearn");
        if String::from_utf8_lossy(&output.stderr).contains("cannot build the lab here") {
            println!("skipped: no lab here");
            return;
        }
        assert!(output.status.success(), "{output:?}");
        let shown = text(&output);
        // netem where the kernel has it: then the relay's sentence is not there.
        let netem = !shown.contains("relay") && !shown.contains("中継");
        for word in words {
            if netem && (word == "no netem" || word == "netem がない") {
                continue;
            }
            assert!(shown.contains(word), "{word:?} missing:\n{shown}");
        }
        for line in shown.lines() {
            let width = unicode_width::UnicodeWidthStr::width(line);
            assert!(width <= 60, "{width} columns: {line}\n{shown}");
        }
    }
    let after = std::fs::read_dir("/sys/class/net").map(|d| d.count()).ok();
    assert_eq!(before, after, "the host's interfaces changed");
}

#[test]
fn a_bad_loss_rate_or_queue_is_one_line_naming_the_flag() {
    for (args, flag) in [
        (["--loss", "150%"], "--loss 150%"),
        (["--rate", "fast"], "--rate fast"),
        (["--delay", "1h"], "--delay"),
    ] {
        let line = one_line_error(netlearn().args(["lab", "link-test"]).args(args), 2);
        assert!(line.contains(flag), "{line}");
    }
    let line = one_line_error(netlearn().args(["lab", "link-test", "--queue", "64k"]), 2);
    assert!(line.contains("--rate"), "{line}");
}

/// A file whose links are all perfect has nothing to test: it says so and succeeds.
#[test]
fn a_file_without_impaired_links_says_there_is_nothing_to_test() {
    let Some(output) = run_as(
        &[
            "lab",
            "link-test",
            "--topology",
            concat!(env!("CARGO_MANIFEST_DIR"), "/examples/lab/two-routers.toml"),
        ],
        false,
    ) else {
        return;
    };
    assert!(output.status.success(), "{output:?}");
    assert!(text(&output).contains("nothing to test"), "{output:?}");
}
