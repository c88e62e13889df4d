//! The lab, `ftp demo` and the Unix-socket and vanish demos in Japanese: every step and every
//! mistake told in Japanese with no English sentence left, snapshots of their words, layout at
//! 80 and 60 columns, and the English under `LANG=C` pinned by snapshots of its own.

use serde_json::Value;

use crate::common::netlearn;
use crate::help::on_a_terminal;
use crate::lab::{json_lines, run_as};

/// Names of things that stay English inside a Japanese sentence: ICMP messages as ping prints
/// them, the system's words for an errno, an error's name, and the lab's message.
const KEPT_ENGLISH: &[&str] = &[
    "Destination Host Unreachable",
    "Network is unreachable",
    "address in use",
    "hello across r1",
];

/// The first run of three English words in `text` (after the names in [`KEPT_ENGLISH`]): a
/// sentence left untranslated. Acronyms (TTL, ARP) and words with digits (h1, eth0) are
/// names, not English.
fn english_left(text: &str) -> Option<String> {
    let mut text = without_glosses(text);
    for kept in KEPT_ENGLISH {
        text = text.replace(kept, "·");
    }
    let is_word = |token: &str| {
        let word = token.trim_matches(|c: char| ",.:;()\"'?".contains(c));
        word.len() >= 2
            && word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
            && word.chars().skip(1).any(|c| c.is_ascii_lowercase())
    };
    // A command line (`netlearn lab shell h1`) is a name too, up to the next Japanese word.
    let mut in_command = false;
    let mut run: Vec<&str> = Vec::new();
    for token in text.split_whitespace() {
        in_command = token.trim_matches(|c: char| "(`".contains(c)) == "netlearn"
            || (in_command && token.is_ascii());
        if !in_command && is_word(token) {
            run.push(token);
            if run.len() == 3 {
                return Some(run.join(" "));
            }
        } else {
            run.clear();
        }
    }
    None
}

/// `text` without the English terms the Japanese style puts in parentheses after the
/// Japanese word on first use: 「ソケット (Unix domain socket)」 (three words at most).
fn without_glosses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(" (") {
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        let gloss = after[2..]
            .find(')')
            .map(|end| &after[2..2 + end])
            .filter(|inner| inner.is_ascii() && inner.split_whitespace().count() <= 3)
            .filter(|_| before.chars().last().is_some_and(|c| !c.is_ascii()));
        match gloss {
            Some(inner) => rest = &after[3 + inner.len()..],
            None => {
                out.push_str(" (");
                rest = &after[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn assert_japanese(what: &str, text: &str) {
    assert!(
        text.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)),
        "{what} is not Japanese: {text}"
    );
    if let Some(english) = english_left(text) {
        panic!("{what} has English left (\"{english}\"): {text}");
    }
}

#[test]
fn english_left_finds_a_sentence_and_lets_names_be() {
    assert_eq!(
        english_left("r1 が the packet goes を返しました"),
        Some("the packet goes".to_string())
    );
    assert_eq!(
        english_left("192.0.2.10 が Destination Host Unreachable を返しました"),
        None
    );
    assert_eq!(
        english_left("ICMP の Time Exceeded (時間超過) と TTL 63"),
        None
    );
    assert_eq!(
        english_left("Unix ドメインソケット (Unix domain socket) の"),
        None
    );
    assert_eq!(
        english_left("h1 は (nobody on the cable) です"),
        Some("(nobody on the".to_string())
    );
    assert_eq!(
        english_left("別の端末から (netlearn echo client 198.51.100.20) です"),
        None
    );
}

/// `netlearn --json [--lang ja] lab ARGS`: the steps' JSON records; None where no lab can be
/// built here (the reason is printed).
fn lab_steps(lang: Option<&str>, args: &[&str]) -> Option<Vec<Value>> {
    let mut all = Vec::new();
    if let Some(lang) = lang {
        all.extend(["--lang", lang]);
    }
    all.extend(["--json", "lab"]);
    all.extend_from_slice(args);
    let output = run_as(&all, false)?;
    assert!(output.status.success(), "{output:?}");
    Some(
        json_lines(&output)
            .into_iter()
            .filter(|r| r["type"] == "step")
            .collect(),
    )
}

/// Durations change from run to run: "0.27 ms" becomes "N ms".
fn without_durations(text: &str) -> String {
    // A number and its unit are joined by a no-break space: the snapshot compares words.
    let mut out = String::with_capacity(text.len());
    let mut number = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || (c == '.' && !number.is_empty()) {
            number.push(c);
            continue;
        }
        if !number.is_empty() {
            let rest: String = std::iter::once(c).chain(chars.clone().take(2)).collect();
            if rest == " ms" {
                out.push('N');
            } else {
                out.push_str(&number);
            }
            number.clear();
        }
        out.push(c);
    }
    out.push_str(&number);
    out
}

/// The words of a run of the lab: each step's title and text, durations normalised.
fn narration(steps: &[Value]) -> String {
    steps
        .iter()
        .map(|step| {
            let text: Vec<&str> = step["text"]
                .as_array()
                .expect("text")
                .iter()
                .filter_map(Value::as_str)
                .collect();
            without_durations(&format!(
                "== {} [{}]\n{}\n",
                step["title"].as_str().expect("title"),
                step["step"].as_str().expect("step"),
                text.join("\n")
            ))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const MISTAKES: [&str; 4] = ["mask", "gateway", "gateway-off-subnet", "no-forwarding"];

#[test]
fn the_lab_tells_every_step_and_every_mistake_in_japanese() {
    let Some(guided) = lab_steps(Some("ja"), &[]) else {
        return;
    };
    let names: Vec<&str> = guided.iter().filter_map(|s| s["step"].as_str()).collect();
    assert_eq!(
        names,
        [
            "build", "dns", "route", "arp", "ping", "trace", "echo", "http", "teardown"
        ]
    );
    let mut words = vec![("guided".to_string(), narration(&guided))];
    for mistake in MISTAKES {
        let steps = lab_steps(Some("ja"), &["--mistake", mistake]).expect("the lab ran once");
        // The mask's failure is either "Destination Host Unreachable" or silence, and its ARP
        // retries are counted: checked for Japanese, left out of the snapshot.
        let snapshot: Vec<Value> = steps
            .iter()
            .filter(|s| !(mistake == "mask" && s["step"] == "ping"))
            .cloned()
            .collect();
        words.push((mistake.to_string(), narration(&snapshot)));
        for step in &steps {
            assert!(step["ok"] == true, "{mistake}: {step:#}");
            let words = format!("{}\n{}", step["title"], step["text"]);
            assert_japanese(&format!("{mistake}: {}", step["step"]), &words);
        }
    }
    for step in &guided {
        assert_japanese(&format!("{}", step["step"]), &step["title"].to_string());
        for line in step["text"].as_array().expect("text") {
            assert_japanese(&format!("{}", step["step"]), line.as_str().expect("a line"));
        }
        // Machine values stay as they are.
        assert!(step["facts"].to_string().is_ascii(), "{step:#}");
    }
    for (name, text) in words {
        insta::assert_snapshot!(format!("ja_lab_{name}"), text);
    }
}

#[test]
fn japanese_json_keeps_the_labs_keys_and_facts() {
    let Some(english) = lab_steps(None, &["--mistake", "gateway-off-subnet"]) else {
        return;
    };
    let japanese =
        lab_steps(Some("ja"), &["--mistake", "gateway-off-subnet"]).expect("the lab ran once");
    assert_eq!(english.len(), japanese.len());
    for (en, ja) in english.iter().zip(&japanese) {
        let keys = |v: &Value| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>());
        assert_eq!(keys(en), keys(ja));
        assert_eq!(en["step"], ja["step"]);
        let facts = |v: &Value| {
            let mut facts = v["facts"].clone();
            for timing in ["build_ms", "teardown_ms", "total_ms"] {
                if let Some(object) = facts.as_object_mut() {
                    object.remove(timing);
                }
            }
            facts
        };
        assert_eq!(facts(en), facts(ja), "{}", en["step"]);
        assert_ne!(en["text"], ja["text"]);
    }
}

#[test]
fn english_lab_words_are_unchanged_under_lang_c() {
    let mut command = match crate::lab::netlearn_as(false) {
        Some(command) => command,
        None => return,
    };
    let runtime = tempfile::tempdir().expect("tempdir");
    let output = command
        .args(["--json", "lab", "--mistake", "no-forwarding"])
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("XDG_RUNTIME_DIR", runtime.path())
        .output()
        .expect("run netlearn");
    if String::from_utf8_lossy(&output.stderr).contains("cannot build the lab here") {
        return;
    }
    assert!(output.status.success(), "{output:?}");
    let steps: Vec<Value> = json_lines(&output)
        .into_iter()
        .filter(|r| r["type"] == "step")
        .collect();
    insta::assert_snapshot!("en_lab_no_forwarding", narration(&steps));
    let Some(guided) = lab_steps(Some("en"), &[]) else {
        return;
    };
    insta::assert_snapshot!("en_lab_guided", narration(&guided));
}

#[test]
fn lab_ping_trace_and_errors_in_japanese() {
    let args: Vec<&str> = "--lang ja lab ping h1 h2 --count 2 --interval 0s"
        .split(' ')
        .collect();
    let Some(output) = run_as(&args, false) else {
        return;
    };
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("198.51.100.20 から応答 (TTL 63、")
            && text.contains("--- 198.51.100.20: 送信 2、受信 2、パケットロス 0%"),
        "{text}"
    );
    for (args, said) in [
        (["ping", "h9", "h2"], "\"h9\" はラボのホストではありません"),
        (
            ["trace", "h1", "nowhere"],
            "\"nowhere\" は IPv4 アドレスでもラボの名前",
        ),
    ] {
        netlearn()
            .args(["--lang", "ja", "lab"])
            .args(args)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(said));
    }
    let up = run_as(&["--lang", "ja", "lab", "up", "--duration", "10ms"], false)
        .expect("the lab ran once");
    let said = String::from_utf8_lossy(&up.stdout);
    for line in said.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }
    assert!(
        said.contains("ラボが動いています") && said.contains("ラボを止めました"),
        "{said}"
    );
}

/// Digits change from run to run (ports, process ids, dates): each run of them becomes N,
/// except inside names such as p1, h2 or eth0.
fn without_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous: Option<char> = None;
    for c in text.chars() {
        let in_name = previous.is_some_and(|p| p.is_ascii_alphabetic());
        if c.is_ascii_digit() && !in_name {
            if !previous.is_some_and(|p| p.is_ascii_digit()) {
                out.push('N');
            }
        } else {
            out.push(c);
        }
        if !(c.is_ascii_digit() && in_name) {
            previous = Some(c);
        }
    }
    out
}

/// The ftp demo's output with what changes from run to run made N: ports (in addresses, PASV
/// and PORT tuples and their arithmetic, EPSV's answer), and the listing's dates, ids and size.
/// A listing line's date is made `DATE` and its columns one space apart (`Dec  7` and `Dec 17`
/// differ in width), so the snapshot holds on any date.
fn ftp_normalised(text: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    text.lines()
        .map(|line| {
            if let Some(entry) = line.strip_prefix("  | ") {
                // The date is `Mon DD HH:MM` this year and `Mon DD YYYY` otherwise (a clock
                // set to another year than the files'): both become DATE.
                let mut words: Vec<String> = Vec::new();
                let mut date_left = 0;
                for word in entry.split_whitespace() {
                    if date_left > 0 {
                        date_left -= 1;
                    } else if MONTHS.contains(&word) {
                        words.push("DATE".to_string());
                        date_left = 2;
                    } else {
                        words.push(without_numbers(word));
                    }
                }
                return format!("  | {}", words.join(" "));
            }
            let varies = ["127", "× 256", "|||", "  | ", "[data] ", "[データ] "]
                .iter()
                .any(|mark| line.contains(mark));
            if varies {
                without_numbers(&without_listing_date(line))
            } else if line.contains("EPSV (RFC 2428)") {
                line.replace("RFC 2428", "RFC·")
                    .split(' ')
                    .map(|word| {
                        if word.starts_with(|c: char| c.is_ascii_digit()) {
                            without_numbers(word)
                        } else {
                            word.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
                    .replace("RFC·", "RFC 2428")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A directory listing's date (`Dec 07 12:44`, or `Dec 31 2025` when the year differs) made
/// `DATE`, so a snapshot taken in one month passes in any other.
fn without_listing_date(line: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let words: Vec<&str> = line.split(' ').collect();
    let Some(month) = words.iter().position(|word| MONTHS.contains(word)) else {
        return line.to_string();
    };
    let date_ends = words[month + 1..]
        .iter()
        .enumerate()
        .filter(|(_, word)| !word.is_empty())
        .nth(1)
        .map(|(at, _)| month + 1 + at);
    match date_ends {
        Some(end) => [&words[..month], &["DATE"], &words[end + 1..]]
            .concat()
            .join(" "),
        None => line.to_string(),
    }
}

/// The Unix demo's words with the temporary directory's random name and the user's id made
/// fixed.
fn unix_normalised(text: &str, tmp: &std::path::Path) -> String {
    let text = text.replace(&tmp.display().to_string(), "$TMPDIR");
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("netlearn-demo-") {
        out.push_str(&rest[..at + "netlearn-demo-".len()]);
        out.push_str("XXXXXX");
        rest = rest[at + "netlearn-demo-".len()..]
            .trim_start_matches(|c: char| c.is_ascii_alphanumeric());
    }
    out.push_str(rest);
    let mut fixed = String::new();
    let mut rest = out.as_str();
    while let Some(at) = rest.find("uid ") {
        fixed.push_str(&rest[..at + 4]);
        fixed.push('N');
        rest = rest[at + 4..].trim_start_matches(|c: char| c.is_ascii_digit());
    }
    fixed.push_str(rest);
    fixed
}

/// `netlearn ARGS` with prose unwrapped (so the snapshot does not depend on how wide a port
/// number is) and a temporary directory of the test's own.
fn unwrapped(lang: &str, args: &[&str], tmp: &std::path::Path) -> String {
    let output = netlearn()
        .args(["--lang", lang])
        .args(args)
        .env("COLUMNS", "1000")
        .env("TMPDIR", tmp)
        .output()
        .expect("run netlearn");
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    ftp_normalised(&text.replace(&tmp.display().to_string(), "$TMPDIR"))
}

/// The lines of the ftp demo that are the demo's own words (not the server's replies, the
/// commands or the listing).
fn ftp_words(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|line| !line.starts_with("S> ") && !line.starts_with("C> "))
        .filter(|line| !line.starts_with("  | ") && !line.is_empty())
        .collect()
}

#[test]
fn ftp_demo_in_japanese_and_english() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for mode in [&["ftp", "demo"][..], &["ftp", "demo", "--active"]] {
        let japanese = unwrapped("ja", mode, tmp.path());
        for line in ftp_words(&japanese) {
            assert_japanese(&format!("{mode:?}"), line);
        }
    }
    insta::assert_snapshot!("ja_ftp_demo", unwrapped("ja", &["ftp", "demo"], tmp.path()));
    insta::assert_snapshot!(
        "ja_ftp_demo_active",
        unwrapped("ja", &["ftp", "demo", "--active"], tmp.path())
    );
    let english = netlearn()
        .args(["ftp", "demo"])
        .env("LANG", "C")
        .env("COLUMNS", "1000")
        .output()
        .expect("run netlearn");
    insta::assert_snapshot!(
        "en_ftp_demo",
        ftp_normalised(&String::from_utf8_lossy(&english.stdout))
    );
}

/// The demo's narration (its notes), the server's then the client's, each in its own order:
/// the two run side by side, so only within one role is the order fixed.
fn notes_by_role(args: &[&str], tmp: &std::path::Path) -> String {
    let output = netlearn()
        .args(["--lang", "ja", "--json", "echo", "demo"])
        .args(args)
        .env("TMPDIR", tmp)
        .output()
        .expect("run netlearn");
    assert!(output.status.success(), "{output:?}");
    let records: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    let mut said = Vec::new();
    for role in ["server", "client"] {
        for record in &records {
            if record["event"] == "note" && record["role"] == role {
                let message = record["message"].as_str().expect("a message");
                assert_japanese(&format!("{args:?}"), message);
                said.push(format!("[{role}] {message}"));
            }
        }
    }
    unix_normalised(&said.join("\n"), tmp)
}

#[test]
fn unix_and_vanish_demos_in_japanese() {
    let tmp = tempfile::tempdir().expect("tempdir");
    insta::assert_snapshot!("ja_unix_demo", notes_by_role(&["--unix"], tmp.path()));
    let datagram = notes_by_role(&["--unix", "--udp"], tmp.path());
    assert!(datagram.contains("データグラムのクライアントは、自分用のファイルにも bind します"));
    let vanish = notes_by_role(
        &["--vanish", "--keepalive", "--idle-timeout", "1s"],
        tmp.path(),
    );
    for said in [
        "アイドルタイムアウト",
        "SIGSTOP で止められます",
        "キープアライブでは終わりませんでした",
        "接続 2 の recv() はまだ待っています",
    ] {
        assert!(vanish.contains(said), "{said}: {vanish}");
    }
}

#[test]
fn japanese_lessons_fit_80_and_60_columns() {
    for columns in [80, 60] {
        for args in [
            vec!["lab"],
            vec!["lab", "--mistake", "gateway-off-subnet"],
            vec!["ftp", "demo", "--active"],
            vec!["echo", "demo", "--unix"],
            vec!["echo", "demo", "--vanish", "--idle-timeout", "1s"],
        ] {
            let mut all = vec!["--lang", "ja"];
            all.extend_from_slice(&args);
            let Some(output) = on_a_terminal(&all, columns) else {
                eprintln!("skipped: `script` (util-linux) is not installed");
                return;
            };
            if output.contains("ラボを組み立てられません") {
                eprintln!("skipped {args:?}: {output}");
                continue;
            }
            assert_fits_in_japanese(&format!("{args:?}"), &output, columns);
        }
    }
}

/// `output` is Japanese, every line fits `columns`, and no line starts with closing
/// punctuation (Japanese line breaking).
pub(crate) fn assert_fits_in_japanese(what: &str, output: &str, columns: usize) {
    assert!(
        output.contains(['の', 'は']),
        "{what} is not Japanese: {output}"
    );
    for line in output.lines() {
        let width = unicode_width::UnicodeWidthStr::width(line);
        assert!(
            width <= columns,
            "{what} at {columns}: {width} wide: {line}"
        );
        assert!(
            !line.trim_start().starts_with(['。', '、', '」', '）']),
            "{what} at {columns}: {line}"
        );
    }
}
