//! netlearn in Japanese: the language choice, Japanese lookups, layout at 80 and 60 columns,
//! JSON that keeps its keys, and English unchanged under `LANG=C`.

use crate::common::{json_of, netlearn};
use crate::help::on_a_terminal;

fn stdout_with(env: &[(&str, &str)], args: &[&str]) -> String {
    let mut command = netlearn();
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.args(args).output().expect("run netlearn");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn ja(args: &[&str]) -> String {
    let mut all = vec!["--lang", "ja"];
    all.extend_from_slice(args);
    stdout_with(&[], &all)
}

#[test]
fn the_language_comes_from_lang_then_the_environment_in_posix_order() {
    let english = stdout_with(&[], &["explain", "tcp", "--no-demo"]);
    assert!(english.contains("Transport layer"), "{english}");
    for env in [
        vec![("LANG", "C")],
        vec![("LANG", "POSIX")],
        vec![("LANG", "en_US.UTF-8")],
        vec![("LANG", "ja_JP.UTF-8"), ("LC_MESSAGES", "C")],
        vec![("LANG", "ja_JP.UTF-8"), ("LC_ALL", "C")],
    ] {
        assert_eq!(
            stdout_with(&env, &["explain", "tcp", "--no-demo"]),
            english,
            "{env:?}"
        );
    }
    let japanese = stdout_with(&[("LANG", "ja_JP.UTF-8")], &["explain", "tcp", "--no-demo"]);
    assert!(japanese.contains("トランスポート層"), "{japanese}");
    assert_eq!(
        stdout_with(
            &[("LC_ALL", "ja_JP.UTF-8"), ("LANG", "C")],
            &["explain", "tcp", "--no-demo"]
        ),
        japanese
    );
    assert_eq!(
        stdout_with(
            &[("LANG", "ja_JP.UTF-8")],
            &["--lang", "en", "explain", "tcp", "--no-demo"]
        ),
        english
    );
}

#[test]
fn explain_finds_japanese_names_in_any_width_and_suggests_near_misses() {
    for (word, heading) in [
        ("サブネットマスク", "サブネットマスク (subnet mask)"),
        ("ＴＣＰ", "TCP  ·"),
        ("ハーフクローズ", "シャットダウン (shutdown)"),
        ("ﾃﾞﾌｫﾙﾄｹﾞｰﾄｳｪｲ", "デフォルトゲートウェイ (default gateway)"),
        (
            "3ウェイハンドシェイク",
            "3 ウェイハンドシェイク (three-way handshake)",
        ),
        ("名前解決", "DNS  ·"),
    ] {
        let text = ja(&["explain", word, "--no-demo"]);
        assert!(text.starts_with(heading), "{word}: {text}");
    }
    // English words work in Japanese, and Japanese ones in English.
    assert!(ja(&["explain", "loopback", "--no-demo"]).starts_with("ループバック (loopback)"));
    assert!(stdout_with(&[], &["explain", "ループバック", "--no-demo"]).starts_with("loopback  ·"));
    let out = netlearn()
        .args(["--lang", "ja", "explain", "サブネットマク"])
        .assert()
        .code(2);
    let message = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        message.contains("\"サブネットマスク\" のことですか"),
        "{message}"
    );
}

#[test]
fn json_keeps_its_keys_and_names_and_its_prose_follows_the_language() {
    let english = json_of(&["explain", "loopback", "--no-demo"]);
    let output = netlearn()
        .args(["--lang", "ja", "--json", "explain", "loopback", "--no-demo"])
        .output()
        .unwrap();
    let japanese: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&english), keys(&japanese));
    for machine in [
        "name",
        "aliases",
        "layer",
        "see_also",
        "demos",
        "demo_commands",
    ] {
        assert_eq!(english[machine], japanese[machine], "{machine}");
    }
    assert_ne!(english["definition"], japanese["definition"]);
    assert!(japanese["definition"].as_str().unwrap().contains("マシン"));
}

#[test]
fn the_echo_demo_narrates_in_japanese_with_the_socket_calls_as_they_are() {
    let text = ja(&["echo", "demo", "--half-close", "hello"]);
    for said in [
        "エコーサーバーは 127.0.0.1:",
        "送信側を閉じました",
        "エコーを確認しました",
        "shutdown(SHUT_WR)",
        "# s.shutdown(socket.SHUT_WR)",
        "結果: tcp",
    ] {
        assert!(text.contains(said), "{said}: {text}");
    }
}

#[test]
fn japanese_snapshots() {
    insta::assert_snapshot!("ja_explain_list", ja(&["explain"]));
    insta::assert_snapshot!(
        "ja_explain_subnet_mask",
        ja(&["explain", "サブネットマスク", "--no-demo"])
    );
    // The tour's own words (what it runs depends on the machine); section 5 ends in one of
    // two sentences, depending on whether this machine has a network.
    let tour = stdout_with(&[("LANG", "ja_JP.UTF-8")], &["--json", "tour"]);
    let words: Vec<String> = tour
        .lines()
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            let text = record["text"].as_str().unwrap().to_string();
            let text = match text
                .split_once("続いて、")
                .or(text.split_once("このマシンには"))
            {
                Some((before, _)) => format!("{before}…"),
                None => text,
            };
            format!("== {} ==\n{text}\n", record["section"].as_str().unwrap())
        })
        .collect();
    insta::assert_snapshot!("ja_tour", words.join("\n"));
}

#[test]
fn japanese_fits_80_and_60_columns_and_no_line_starts_with_closing_punctuation() {
    let mut cases: Vec<(Vec<&str>, usize)> = Vec::new();
    for columns in [80, 60] {
        for args in [
            vec!["tour"],
            vec!["explain"],
            vec!["explain", "サブネットマスク"],
            vec!["explain", "ＴＣＰ"],
            vec!["explain", "ハーフクローズ"],
            vec!["echo", "demo", "--half-close"],
            vec!["echo", "demo", "--udp"],
        ] {
            cases.push((args, columns));
        }
    }
    // Help is folded for 80 columns (clap cannot break Japanese lines itself).
    for args in [
        vec!["--help"],
        vec!["echo", "--help"],
        vec!["echo", "serve", "--help"],
        vec!["echo", "serve", "-h"],
        vec!["explain", "--help"],
        vec!["tour", "--help"],
        vec!["dns", "--help"],
        vec!["lab", "--help"],
        vec!["capture", "--help"],
        vec!["echo", "bench", "--help"],
        vec!["cidr", "192.168.1.0/24"],
        vec!["ip", "127.0.0.1"],
    ] {
        cases.push((args, 80));
    }
    for (args, columns) in cases {
        let mut all = vec!["--lang", "ja"];
        all.extend_from_slice(&args);
        let Some(output) = on_a_terminal(&all, columns) else {
            eprintln!("skipped: `script` (util-linux) is not installed");
            return;
        };
        crate::lessons::assert_fits_in_japanese(&format!("{args:?}"), &output, columns);
    }
}

#[test]
fn a_beginners_errors_come_with_their_next_step_in_japanese() {
    // A port this test bound and closed again: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let out = netlearn()
        .args(["--lang", "ja", "echo", "client", &addr, "--count", "1"])
        .assert()
        .code(1);
    let message = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        message.contains(&format!("{addr} (tcp) で待ち受けているものはありません"))
            && message.contains("`netlearn echo serve"),
        "{message}"
    );
    // The port is in use by this test's own listener.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let out = netlearn()
        .args(["--lang", "ja", "echo", "serve", "--port", &port])
        .assert()
        .failure();
    let message = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(message.contains("はすでに使われています"), "{message}");
    drop(listener);
}

#[test]
fn addresses_and_help_in_japanese() {
    insta::assert_snapshot!("ja_cidr", ja(&["cidr", "192.168.1.0/24"]));
    insta::assert_snapshot!("ja_ip", ja(&["ip", "127.0.0.1"]));
    let help = |args: &[&str]| {
        let mut command = netlearn();
        command
            .env("COLUMNS", "80")
            .args(["--lang", "ja"])
            .args(args);
        let output = command.output().expect("run netlearn");
        assert!(output.status.success(), "{args:?}");
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    insta::assert_snapshot!("ja_dns_help", help(&["dns", "--help"]));
    insta::assert_snapshot!("ja_lab_help", help(&["lab", "--help"]));
    // JSON keeps its English values whatever the language.
    let english = stdout_with(&[], &["--json", "cidr", "192.168.1.0/24"]);
    assert_eq!(ja(&["--json", "cidr", "192.168.1.0/24"]), english);
    let english = stdout_with(&[], &["--json", "ip", "compare"]);
    assert_eq!(ja(&["--json", "ip", "compare"]), english);
}

#[test]
fn clap_errors_in_japanese_keep_exit_code_2_and_english_stays_clap_s() {
    let stderr_of = |args: &[&str]| {
        let output = netlearn().args(args).output().expect("run netlearn");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        String::from_utf8(output.stderr).expect("UTF-8")
    };
    insta::assert_snapshot!(
        "ja_clap_error",
        [
            stderr_of(&["--lang", "ja", "echo", "serv"]),
            stderr_of(&["--lang", "ja", "echo", "serve", "--idle-timeout", "3q"]),
            stderr_of(&["--lang", "ja", "lab", "--mistake", "nope"]),
            stderr_of(&["--lang", "ja", "cidr"]),
        ]
        .concat()
    );
    assert_eq!(
        stderr_of(&["echo", "serve", "--idle-timeout", "3q"]),
        "netlearn: error: invalid value '3q' for '--idle-timeout <IDLE_TIMEOUT>': invalid duration '3q': unknown unit 'q' (use ms, s, m, h, d)\n"
    );
    assert_eq!(
        stderr_of(&["--foo"]),
        "netlearn: error: unexpected argument '--foo' found\n"
    );
}
