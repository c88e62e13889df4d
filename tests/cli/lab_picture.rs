//! `netlearn lab` draws its topology: every network with its hosts, interfaces, addresses and
//! masks, each host's default gateway, and the scenario's mistake marked where it is, at 80
//! and 60 columns in both languages.

use crate::common::netlearn;

fn lab(args: &[&str], columns: usize) -> Option<String> {
    let out = netlearn()
        .env("COLUMNS", columns.to_string())
        .args(args)
        .output()
        .expect("run netlearn");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    // Where no namespace can be made the lab says why and draws nothing: nothing to check.
    text.contains("192.0.2.0/24").then_some(text)
}

#[test]
fn the_lab_is_drawn_with_its_mistake_marked() {
    for (lang, columns) in [("en", 80), ("ja", 60)] {
        let Some(text) = lab(&["--lang", lang, "lab", "--mistake", "mask"], columns) else {
            println!("skipped: the lab cannot be built here");
            return;
        };
        for line in text.lines() {
            let width = unicode_width::UnicodeWidthStr::width(line);
            assert!(width <= columns, "{lang} {columns}: {width}: {line}");
        }
        // The hosts of the far network are a list in the reader's language (list-separator).
        let hosts = if lang == "ja" { "h2、dns" } else { "h2, dns" };
        let path = format!("h1 ── 192.0.2.0/24 ── r1 ── 198.51.100.0/24 ── {hosts}");
        assert!(text.contains(&path), "{text}");
        for drawn in [
            "├─ h1",
            "└─ r1",
            "└─ dns",
            "eth1",
            "198.51.100.20/24",
            "2001:db8:2::53/64",
        ] {
            assert!(text.contains(drawn), "{lang}: no {drawn}:\n{text}");
        }
        assert!(text.contains("192.0.2.10/4 ✗"), "{text}");
        let why = text
            .lines()
            .find(|l| l.contains("✗ "))
            .expect("the sentence under the mark");
        assert!(why.contains("/4"), "{why}");
    }
    let text = lab(&["lab", "--mistake", "no-forwarding"], 80).expect("built above");
    assert!(text.contains("(router that does not forward ✗)"), "{text}");
}

#[test]
fn lab_ladder_draws_each_step_with_the_router_as_a_line() {
    let Some(text) = lab(&["lab", "--ladder"], 80) else {
        println!("skipped: the lab cannot be built here");
        return;
    };
    for line in text.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }
    // The traceroute step: h1, r1 and h2 in the order of the path, the time exceeded coming
    // back from r1's line, the reply from h2's.
    let trace = text
        .split("\n== ")
        .find(|step| step.contains("ICMP time"))
        .expect("the traceroute step");
    let lines: Vec<&str> = trace.lines().collect();
    let names = lines
        .iter()
        .find(|l| l.contains("h1") && l.contains("r1") && l.contains("h2"))
        .expect("a line naming h1, r1 and h2");
    assert!(names.find("h1") < names.find("r1") && names.find("r1") < names.find("h2"));
    // What the packet is, whole, though three lines share 80 columns.
    let exceeded = lines
        .iter()
        .find(|l| l.contains("ICMP time exceeded") && l.contains('◀'))
        .unwrap_or_else(|| panic!("time exceeded, whole:\n{trace}"));
    // Three lines; the arrow spans only the first gap, from r1's line back to h1's.
    let gaps: Vec<&str> = exceeded.split('│').collect();
    assert_eq!(gaps.len(), 4, "{exceeded}");
    assert!(
        gaps[1].starts_with('◀') && gaps[2].trim().is_empty(),
        "{exceeded}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("ICMP echo reply") && l.contains('◀'))
    );
    // The echo step: a TCP connection drawn with its states.
    assert!(
        text.contains("SYN-SENT") && text.contains("TIME-WAIT"),
        "{text}"
    );
}

#[test]
fn lab_svg_writes_the_picture_a_browser_opens() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("lab.svg");
    let Some(_) = lab(
        &[
            "lab",
            "--mistake",
            "gateway",
            "--svg",
            path.to_str().expect("path"),
        ],
        80,
    ) else {
        println!("skipped: the lab cannot be built here");
        return;
    };
    let svg = std::fs::read_to_string(&path).expect("the picture was written");
    resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("it parses");
    assert!(svg.contains("h1") && svg.contains("198.51.100.0/24") && svg.contains("#c62828"));
}
