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
        "ちょうど 1\u{a0}バイトです",
        "1\u{a0}バイトを送信します: 78 |x|",
        "エコーを確認しました: 1\u{a0}バイト、",
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
