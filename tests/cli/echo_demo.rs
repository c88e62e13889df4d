//! `echo demo`: both ends in one process, every framing, several clients, TCP and UDP.

use crate::common::{json_lines_of, netlearn, one_line_error, stdout_of};
use netlearn::learn::glossary::{Lookup, lookup};
use serde_json::Value;

#[test]
fn echo_demo_shows_each_framing_on_the_wire() {
    let framing = match lookup("framing") {
        Lookup::Found(term) => term.demos[0],
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

/// A datagram keeps its own boundaries: the UDP run's result names no stream framing (the four
/// ways to mark a message's end in a byte stream) but says that each datagram is one message.
#[test]
fn a_datagram_demo_says_each_datagram_is_one_message_not_a_framing() {
    for (args, proto) in [
        (&["echo", "demo", "--udp"][..], "udp"),
        (&["echo", "demo", "--unix", "--udp"][..], "unix-dgram"),
    ] {
        let english = demo_at("en", 200, args);
        let result = english
            .lines()
            .find(|l| l.starts_with("result:"))
            .unwrap_or_else(|| panic!("{english}"));
        assert!(!result.contains("framing:"), "{result}");
        assert!(!result.contains("line framing"), "{result}");
        assert!(
            result.starts_with(&format!("result: {proto}, one datagram per message")),
            "{result}"
        );
        assert!(result.ends_with("6 B out, 1 datagram"), "{result}");
        let japanese = demo_at("ja", 200, args);
        let result = japanese
            .lines()
            .find(|l| l.starts_with("結果:"))
            .unwrap_or_else(|| panic!("{japanese}"));
        assert!(!result.contains("フレーミングは区切り文字"), "{result}");
        assert!(
            result.contains("1 つのデータグラムが 1 つのメッセージです"),
            "{result}"
        );
    }
    // A stream still names its framing.
    let tcp = demo_at("en", 200, &["echo", "demo"]);
    assert!(tcp.contains("result: tcp with line framing:"), "{tcp}");
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

/// A number of bytes is said with its noun in the right number, in both languages: "1 byte",
/// not "1 bytes" glued by the code.
#[test]
fn echo_demo_counts_one_byte_as_one_byte() {
    // Notes are folded to the width: compared without the folds.
    let flat = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let compact = |text: &str| text.split_whitespace().collect::<String>();
    let text = flat(&stdout_of(&["echo", "demo", "--framing", "fixed:1", "x"]));
    for said in [
        "every message is exactly 1 byte",
        "sending 1 byte: 78 |x|",
        "echo verified: 1 byte, byte for byte",
    ] {
        assert!(text.contains(said), "no {said:?} in:\n{text}");
    }
    assert!(!text.contains("1 bytes"), "{text}");
    let text = compact(&stdout_of(&[
        "--lang",
        "ja",
        "echo",
        "demo",
        "--framing",
        "fixed:1",
        "x",
    ]));
    for said in [
        "ちょうど 1 バイトです",
        "1 バイトを送信します: 78 |x|",
        "エコーを確認しました: 1 バイト、",
    ] {
        assert!(text.contains(&compact(said)), "no {said:?} in:\n{text}");
    }
}

/// The demo's own input errors are one line in the reader's language.
#[test]
fn echo_demo_input_errors_are_worded_in_japanese() {
    let mut unframeable = netlearn();
    unframeable.args([
        "--lang",
        "ja",
        "echo",
        "demo",
        "--framing",
        "fixed:3",
        "hello",
    ]);
    let message = one_line_error(&mut unframeable, 2);
    assert!(
        message.contains("固定長 (fixed:3) のフレーミングでは \"hello\" を運べません"),
        "{message}"
    );
    assert!(!message.contains("cannot carry"), "{message}");
    let mut delay = netlearn();
    delay.args([
        "--lang",
        "ja",
        "echo",
        "demo",
        "--nonblocking",
        "--delay",
        "2s",
        "--timeout",
        "1s",
    ]);
    let message = one_line_error(&mut delay, 2);
    assert!(
        message.contains("--delay 2s は --timeout 1s より短くしてください"),
        "{message}"
    );
    assert!(!message.contains("must be shorter"), "{message}");
}

/// Lines of `text` wider than `width` columns (a CJK character takes two).
fn too_wide(text: &str, width: usize) -> Vec<String> {
    text.lines()
        .filter(|line| unicode_width::UnicodeWidthStr::width(*line) > width)
        .map(str::to_string)
        .collect()
}

fn demo_at(lang: &str, columns: usize, args: &[&str]) -> String {
    let output = netlearn()
        .env("COLUMNS", columns.to_string())
        .args(["--lang", lang])
        .args(args)
        .output()
        .expect("run the demo");
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// Under --lang ja the sides of a demo are named in Japanese, every line starting with one
/// tag of one width, so the calls after them line up; the socket demos' sides too.
#[test]
fn japanese_demos_name_their_sides_in_japanese_aligned_by_display_width() {
    let text = demo_at("ja", 200, &["echo", "demo", "--clients", "2"]);
    for english in ["[server]", "[client]", "[conn "] {
        assert!(!text.contains(english), "{english:?} in:\n{text}");
    }
    for tag in ["[サーバー]", "[クライアント]", "[接続 1]", "[接続 2]"] {
        assert!(text.contains(tag), "no {tag:?} in:\n{text}");
    }
    // Where the text after the tag starts, in columns: the same on every tagged line.
    let starts: std::collections::BTreeSet<usize> = text
        .lines()
        .filter(|line| {
            line.starts_with("[サーバー]")
                || line.starts_with("[クライアント]")
                || line.starts_with("[接続")
        })
        .map(|line| {
            let (tag, rest) = line.split_once(']').expect("a tag");
            let gap = rest.len() - rest.trim_start_matches(' ').len();
            unicode_width::UnicodeWidthStr::width(tag) + 1 + gap
        })
        .collect();
    assert_eq!(starts.len(), 1, "{starts:?}:\n{text}");
    assert!(
        text.contains("フレーミングは区切り文字 (line)"),
        "the result names the framing as the glossary does:\n{text}"
    );
    let sockets = demo_at("ja", 200, &["socket", "demo", "time-wait"]);
    for english in ["[server]", "[client]", "[conn]", "[restart]"] {
        assert!(!sockets.contains(english), "{english:?} in:\n{sockets}");
    }
    assert!(sockets.contains("[再起動]"), "{sockets}");
    let english = demo_at("en", 200, &["echo", "demo"]);
    assert!(
        english.contains("[server] socket(AF_INET, SOCK_STREAM)"),
        "{english}"
    );
    assert!(english.contains("[conn 1] accept() -> "), "{english}");
}

/// Every line of the echo demos fits 80 and 60 columns in both languages, a number never
/// parted from its unit.
#[test]
fn echo_demos_fit_80_and_60_columns_in_both_languages() {
    for args in [
        &["echo", "demo"][..],
        &["echo", "demo", "--clients", "3"][..],
        &["echo", "demo", "--udp"][..],
        &["echo", "demo", "--half-close"][..],
        &["echo", "demo", "--framing", "length", "--framing", "raw"][..],
    ] {
        for lang in ["en", "ja"] {
            for columns in [80, 60] {
                let text = demo_at(lang, columns, args);
                let wide = too_wide(&text, columns);
                assert!(wide.is_empty(), "{lang} {columns} {args:?}: {wide:#?}");
                assert!(text.contains(" B out") || text.contains(" B、"), "{text}");
            }
        }
    }
}

/// The zero-copy entry's demo: the same raw echo with splice(2) and with read()/write(), each
/// measured, every byte echoed and counted alike on both paths, and the ratio of the two.
#[test]
fn echo_demo_zero_copy_measures_both_paths() {
    let demo = match lookup("zero-copy") {
        Lookup::Found(term) => term.demos[0],
        other => panic!("{other:?}"),
    };
    let run = crate::common::json_of(demo);
    assert_eq!(run["event"], "result");
    assert_eq!(run["splice_available"], cfg!(target_os = "linux"));
    for (path, spliced) in [("spliced", true), ("copied", false)] {
        let path = &run[path];
        assert_eq!(path["splice"], spliced);
        let echoed = path["bytes_echoed"].as_u64().unwrap();
        assert!(echoed > 0, "{path}");
        assert_eq!(path["server_bytes_in"], path["server_bytes_out"], "{path}");
        assert!(
            path["server_bytes_out"].as_u64().unwrap() >= echoed,
            "{path}"
        );
        assert!(path["mb_per_s"].as_f64().unwrap() > 0.0, "{path}");
    }
    let ratio = run["ratio"].as_f64().unwrap();
    let expected =
        run["spliced"]["mb_per_s"].as_f64().unwrap() / run["copied"]["mb_per_s"].as_f64().unwrap();
    assert!((ratio - expected).abs() < 1e-9, "{ratio} {expected}");

    let text = stdout_of(demo);
    assert!(
        text.contains("splice(2)") && text.contains("read() + write()"),
        "{text}"
    );
    assert!(text.contains("MB/s"), "{text}");
}
