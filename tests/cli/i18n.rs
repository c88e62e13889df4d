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
            "3ウェイハンドシェイク (three-way handshake)",
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
        "エコーサーバーが 127.0.0.1:",
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

/// One word per concept (texts/README.md, "Terms"): the variants the table rejects.
const REJECTED_TERMS: &[(&str, &str)] = &[
    ("リクエスト", "要求"),
    ("レスポンス", "応答"),
    ("返事", "応答"),
    ("返答", "応答"),
    ("答え", "応答 (a DNS answer record: 回答)"),
    ("応え", "応答"),
    ("Unixドメインソケット", "Unix ドメインソケット"),
    ("Unix ソケット", "Unix ドメインソケット"),
    ("送り手", "送信側"),
    ("送り主", "送信側"),
    ("送信者", "送信側"),
    ("受け手", "受信側"),
    ("受信者", "受信側"),
    ("ファイルディスクリプタ", "ファイル記述子"),
    ("行で区切る", "区切り文字"),
];

/// Lines where a rejected variant is genuinely something else, as (file, line, variant, why).
const TERM_ALLOWED: &[(&str, &str, &str, &str)] = &[(
    "glossary.ftl",
    "Unix ソケット",
    "Unix ソケット",
    "an alias of term-unix-domain-socket: `explain` finds the entry by the short name a reader \
     may type, while every text says Unix ドメインソケット",
)];

/// What is wrong with one line of texts/ja, by the term table: rejected variants, 送信元 used
/// for anything but a source address or port, and a counter that is not the table's.
fn term_faults(file: &str, line: &str) -> Vec<String> {
    let mut faults = Vec::new();
    let trimmed = line.trim();
    for (variant, chosen) in REJECTED_TERMS {
        let allowed = TERM_ALLOWED
            .iter()
            .any(|(f, l, v, _)| *f == file && *l == trimmed && v == variant);
        if line.contains(variant) && !allowed {
            faults.push(format!("{variant} (write {chosen})"));
        }
    }
    // 送信元 is the source field of a packet: 送信元アドレス, 送信元ポート, 送信元 IP アドレス.
    // Who sends is 送信側.
    for (at, _) in line.match_indices("送信元") {
        let rest = &line[at + "送信元".len()..];
        if !["アドレス", "ポート", " IP"]
            .iter()
            .any(|w| rest.starts_with(w))
        {
            faults.push("送信元 not followed by アドレス/ポート/IP (who sends is 送信側)".into());
        }
    }
    // A counted placeholder takes the thing's counter (個, 件, 回, 台...), never つ or 本
    // (つ only after a written 1 to 9; 本 only for cables, written as a literal number).
    for (at, _) in line.match_indices('}') {
        let rest = line[at + 1..].trim_start_matches([' ', '\u{a0}']);
        if rest.starts_with('つ')
            || (rest.starts_with('本') && !rest.starts_with("本文") && !rest.starts_with("本当"))
        {
            faults.push(format!("counter after a placeholder: '{}'", &line[at..]));
        }
    }
    faults
}

#[test]
fn japanese_texts_use_one_word_per_concept() {
    // The rule itself: each kind of fault is seen.
    assert_eq!(term_faults("x.ftl", "リクエストの返事").len(), 2);
    assert_eq!(term_faults("x.ftl", "送信元が閉じました").len(), 1);
    assert!(term_faults("x.ftl", "送信元ポート 0 と送信元 IP アドレス").is_empty());
    assert_eq!(term_faults("x.ftl", "これは { $count } つです").len(), 1);
    assert_eq!(
        term_faults("x.ftl", "これは { $count }\u{a0}つです").len(),
        1
    );
    assert!(term_faults("x.ftl", "{ $n } 件の要求に応答しました").is_empty());
    assert!(!term_faults("x.ftl", "        Unix ソケット").is_empty());

    let files = ftl_files("ja");
    let mut faults = Vec::new();
    let mut allowed_seen = vec![false; TERM_ALLOWED.len()];
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).expect("read");
        for (n, line) in text.lines().enumerate() {
            for (i, (f, l, v, _)) in TERM_ALLOWED.iter().enumerate() {
                if *f == name && *l == line.trim() && line.contains(v) {
                    allowed_seen[i] = true;
                }
            }
            for fault in term_faults(&name, line) {
                faults.push(format!("texts/ja/{name}:{}: {fault}", n + 1));
            }
        }
    }
    assert!(
        faults.is_empty(),
        "the term table of texts/README.md is not followed:\n{}",
        faults.join("\n")
    );
    for (seen, entry) in allowed_seen.iter().zip(TERM_ALLOWED) {
        assert!(
            seen,
            "allow-list entry no longer needed, remove it: {entry:?}"
        );
    }
}

/// English words that Japanese texts say in Japanese (texts/README.md, "Japanese style"): a
/// word from this list outside parentheses (where a term's English gloss goes), quotes and
/// backquotes (a system's message, a command line) is English left in a Japanese sentence.
/// Upper-case words (PORT, HOST:PORT) are commands and metavariables, and stay.
const ENGLISH_LEFT_IN: &[(&str, &str)] = &[
    ("passive", "パッシブモード"),
    ("active", "アクティブモード"),
    ("mode", "モード"),
    ("sockets", "ソケット"),
    ("reply", "応答"),
    ("replies", "応答"),
    ("request", "要求"),
    ("requests", "要求"),
    ("response", "応答"),
    ("responses", "応答"),
    ("bytes", "バイト"),
    ("from", "から"),
    ("connected", "接続した"),
    ("sender", "送信側"),
    ("receiver", "受信側"),
    ("seconds", "秒"),
    ("error", "エラー"),
    ("errors", "エラー"),
    ("timeout", "タイムアウト"),
    ("stream", "ストリーム"),
    ("packets", "パケット"),
    ("ready", "準備ができた"),
    ("unreachable", "到達不能"),
    ("exceeded", "時間超過"),
    ("handshake", "ハンドシェイク"),
    ("conn", "接続"),
    ("data", "データ"),
    ("chunk", "チャンク"),
    ("Ethernet", "イーサネット"),
];

/// One message or attribute of a .ftl file, its continuation lines joined: (line, id, text).
fn ftl_entries(text: &str) -> Vec<(usize, String, String)> {
    let mut entries: Vec<(usize, String, String)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') || trimmed.is_empty() {
            continue;
        }
        let starts = !line.starts_with(' ') || trimmed.starts_with('.');
        match trimmed.split_once('=') {
            Some((id, value))
                if starts
                    && !id.trim().is_empty()
                    && id
                        .trim()
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) =>
            {
                entries.push((n + 1, id.trim().to_string(), value.to_string()));
            }
            _ => {
                if let Some(last) = entries.last_mut() {
                    last.2.push('\n');
                    last.2.push_str(trimmed);
                }
            }
        }
    }
    entries
}

fn is_japanese(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF01}'..='\u{FF60}')
}

/// What a Japanese text left in English or half-width (texts/README.md, "Japanese style"):
/// a half-width ? or ! ending a Japanese sentence, 3 ウェイハンドシェイク with a space, and an
/// English word of `ENGLISH_LEFT_IN` in the running text.
fn style_faults(text: &str) -> Vec<String> {
    let mut faults = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if (*c == '?' || *c == '!') && i > 0 && is_japanese(chars[i - 1]) {
            faults.push(format!(
                "half-width '{c}' after Japanese (write '？' / '！')"
            ));
        }
    }
    if text.contains("3 ウェイ") || text.contains("3\u{a0}ウェイ") {
        faults.push("'3 ウェイ' (write 3ウェイハンドシェイク)".into());
    }
    for (i, _) in text.match_indices("3ウェイ") {
        if text[..i].chars().next_back().is_some_and(is_japanese) {
            faults.push(
                "'が3ウェイ' (a space before 3ウェイハンドシェイク, as before any number)".into(),
            );
        }
    }
    if !text.chars().any(is_japanese) {
        return faults; // a name or a command line, not a Japanese sentence
    }
    // The running text: without placeholders, selector keys, `code`, "quotes", 「English」
    // quotes and (glosses).
    let mut running = String::new();
    let mut depth = 0usize;
    let mut skip_until: Option<char> = None;
    let mut rest = text.chars().peekable();
    while let Some(c) = rest.next() {
        if let Some(end) = skip_until {
            if c == end {
                skip_until = None;
            }
            continue;
        }
        match c {
            '{' => {
                // A string literal ({" or "}) is text; a placeholder or selector is not.
                let mut inner = String::new();
                for d in rest.by_ref() {
                    if d == '}' {
                        break;
                    }
                    inner.push(d);
                }
                if let Some(literal) = inner.trim().strip_prefix('"') {
                    running.push_str(literal.trim_end_matches('"'));
                }
                running.push(' ');
            }
            '[' => skip_until = Some(']'),
            '`' => skip_until = Some('`'),
            '"' => skip_until = Some('"'),
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => running.push(c),
            _ => {}
        }
    }
    // 「…」 that holds no Japanese quotes a program's words (「Network is unreachable」).
    let mut kept = String::new();
    let mut pieces = running.split('「');
    kept.push_str(pieces.next().unwrap_or(""));
    for piece in pieces {
        match piece.split_once('」') {
            Some((quoted, after)) if !quoted.chars().any(is_japanese) => {
                kept.push(' ');
                kept.push_str(after);
            }
            _ => {
                kept.push('「');
                kept.push_str(piece);
            }
        }
    }
    let bytes = kept.as_bytes();
    let mut start = None;
    for (i, c) in kept.char_indices().chain([(kept.len(), ' ')]) {
        if c.is_ascii_alphabetic() {
            start.get_or_insert(i);
            continue;
        }
        let Some(s) = start.take() else { continue };
        let word = &kept[s..i];
        let joined =
            |at: Option<&u8>| at.is_some_and(|b| b"-_./=$:@".contains(b) || b.is_ascii_digit());
        if joined(s.checked_sub(1).and_then(|p| bytes.get(p))) || joined(bytes.get(i)) || c == '(' {
            continue; // a flag, a call, a path, a key=value: code
        }
        if let Some((_, japanese)) = ENGLISH_LEFT_IN.iter().find(|(w, _)| *w == word) {
            faults.push(format!("English '{word}' (write {japanese})"));
        }
    }
    faults
}

#[test]
fn japanese_texts_use_full_width_marks_and_no_english_left_in() {
    // The rule itself: each kind of fault is seen, and what is allowed passes.
    assert_eq!(style_faults("サーバーは動いていますか?").len(), 1);
    assert_eq!(style_faults("ちがいます!").len(), 1);
    assert_eq!(
        style_faults("動いていますか？ `ls -l` で見られます! (--help)").len(),
        1
    );
    assert!(style_faults("http://h/?q=1 を開きます").is_empty());
    assert_eq!(style_faults("接続 (3 ウェイハンドシェイク)").len(), 1);
    assert!(style_faults("接続 (3ウェイハンドシェイク)").is_empty());
    assert_eq!(
        style_faults("カーネルが3ウェイハンドシェイクを終えます").len(),
        1
    );
    assert!(style_faults("カーネルが 3ウェイハンドシェイクを終えます").is_empty());
    assert_eq!(style_faults("conn 2 の recv() はまだ待っています").len(), 1);
    assert_eq!(style_faults("結果: passive モード").len(), 1);
    assert_eq!(style_faults("2 つの connected sockets です").len(), 2);
    assert!(style_faults("パッシブモード (passive mode、PASV) です").is_empty());
    assert!(
        style_faults("「Network is unreachable」と表示し、\"Address already in use\" です")
            .is_empty()
    );
    assert!(style_faults("{ $mode -> [active] アクティブ *[passive] パッシブ }モード").is_empty());
    assert!(style_faults("--idle-timeout と recv_from() と from=1 を使います").is_empty());
    assert!(style_faults("Network is unreachable").is_empty());

    let files = ftl_files("ja");
    let mut faults = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).expect("read");
        for (line, id, entry) in ftl_entries(&text) {
            for fault in style_faults(&entry) {
                faults.push(format!("texts/ja/{name}:{line} ({id}): {fault}"));
            }
        }
    }
    assert!(
        faults.is_empty(),
        "Japanese style (texts/README.md) is not followed:\n{}",
        faults.join("\n")
    );
}

/// The entries and the help that read worst, rewritten: each says its point in plain Japanese
/// (folds and no-break spaces aside).
#[test]
fn the_rewritten_entries_and_capture_help_read_as_japanese() {
    let compact = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for (term, said) in [
        (
            "デフォルトゲートウェイ",
            &[
                "パケットを転送してもらうルーターです。ほかのネットワークへの出口にあたります。",
                "この経路をデフォルトルートと呼びます。",
            ][..],
        ),
        (
            "ブロッキング",
            &[
                "処理が終わるまで戻ってきません。",
                "すぐに終わらない呼び出しは待たずに戻り、「今はできません」というエラー",
            ][..],
        ),
        (
            "ARP",
            &[
                "イーサネットのフレームを送るには、宛先のMACアドレスが必要だからです。",
                "「192.0.2.1を持っているのは誰ですか？」",
            ][..],
        ),
        (
            "パッシブモード",
            &[
                "アクティブモード(activemode、PORT)では逆に、クライアントが待ち受けて、",
                "接続してくるのはサーバーのほうです。",
            ][..],
        ),
    ] {
        let text = compact(&ja(&["explain", term, "--no-demo"]));
        for said in said {
            assert!(
                text.contains(&compact(said)),
                "{term}: no {said:?} in {text}"
            );
        }
    }
    let help = compact(&ja(&["capture", "--help"]));
    for said in [
        "学ぶためのtcpdumpです。",
        "パケットを1行に1個ずつ示し、続けてその意味をやさしい言葉で説明します。",
        "ICMPv6(エコー、到達不能、時間超過)",
        "少しずつ読んで処理するので、ファイルが大きくても使うメモリーは増えません。",
    ] {
        assert!(help.contains(&compact(said)), "no {said:?} in {help}");
    }
    assert!(!help.contains("timeexceeded"), "{help}");
}

/// Units and counted names a number is never parted from on screen.
const UNITS_EN: &[&str] = &[
    "B",
    "KB",
    "KiB",
    "MB",
    "MiB",
    "GB",
    "GiB",
    "byte",
    "bytes",
    "ms",
    "µs",
    "us",
    "ns",
    "s",
    "min",
    "h",
    "bit",
    "bits",
    "second",
    "seconds",
    "minute",
    "minutes",
    "hop",
    "hops",
    "packet",
    "packets",
    "connection",
    "connections",
    "frame",
    "frames",
    "segment",
    "segments",
    "datagram",
    "datagrams",
    "echoes",
    "request",
    "requests",
    "client",
    "clients",
    "address",
    "addresses",
    "host",
    "hosts",
    "line",
    "lines",
    "entry",
    "entries",
    "file",
    "files",
    "try",
    "tries",
    "attempt",
    "attempts",
    "query",
    "queries",
];
const UNITS_JA: &[&str] = &[
    "バイト",
    "秒",
    "ミリ秒",
    "マイクロ秒",
    "分",
    "時間",
    "ビット",
    "個",
    "件",
    "回",
    "行",
    "ホップ",
    "台",
];
/// Names a number follows: `RFC 9293`, `port 5008`.
const NAMES: &[&str] = &["RFC", "POSIX", "port", "ポート", "TTL"];

/// Each place in `line` where a number (or a placeholder) and its unit, or a name and its
/// number, are parted by a plain space; code in backticks is left alone (it is copied into
/// shells, where a no-break space would be part of a word).
fn parted_numbers(line: &str, ja: bool) -> Vec<String> {
    let mut found = Vec::new();
    for (index, piece) in line.split('`').enumerate() {
        if index % 2 == 1 {
            continue;
        }
        let chars: Vec<char> = piece.chars().collect();
        for at in 0..chars.len() {
            if chars[at] != ' ' || at == 0 {
                continue;
            }
            let before: String = chars[..at].iter().collect();
            let after: String = chars[at + 1..].iter().collect();
            let token_start =
                before.trim_end_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '.');
            let token = &before[token_start.len()..];
            let number_before = before.ends_with('}') && before.contains("{ $")
                || token.ends_with(|c: char| c.is_ascii_digit())
                    && token.matches('.').count() < 2
                    && !token_start.ends_with(|c: char| c.is_alphanumeric() || "-.:/_".contains(c));
            let unit_after = |units: &[&str], whole_word: bool| {
                units.iter().any(|unit| {
                    after.starts_with(unit)
                        && (!whole_word
                            || !after[unit.len()..]
                                .starts_with(|c: char| c.is_alphanumeric() || c == '-'))
                })
            };
            if number_before && (unit_after(UNITS_EN, true) || ja && unit_after(UNITS_JA, false)) {
                found.push(format!("…{}", tail(&before)));
            }
            let name_before = NAMES.iter().any(|name| {
                before.ends_with(name)
                    && !before[..before.len() - name.len()]
                        .ends_with(|c: char| c.is_alphanumeric() || c == '-')
            });
            if name_before
                && (after.starts_with(|c: char| c.is_ascii_digit()) || after.starts_with("{ $"))
            {
                found.push(format!("…{}", tail(&before)));
            }
        }
    }
    found
}

#[test]
fn numbers_stay_with_their_units_and_names_in_every_text() {
    assert_eq!(parted_numbers("sent { $n } bytes in 5 ms", false).len(), 2);
    assert_eq!(parted_numbers("RFC 9293 and port 80", false).len(), 2);
    assert!(
        parted_numbers(
            "sent { $n }\u{a0}bytes; `netlearn echo client --port 5008 s`",
            false
        )
        .is_empty()
    );
    assert!(parted_numbers("the 2 sides of --port 0 and 127.0.0.1 bytes", false).is_empty());
    assert_eq!(parted_numbers("{ $n } バイトと 60 秒", true).len(), 2);

    let mut faults = Vec::new();
    for lang in ["en", "ja"] {
        for path in ftl_files(lang) {
            // clap's own English messages stay as clap words them.
            if lang == "en" && path.ends_with("clap.ftl") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read");
            for (n, line) in text.lines().enumerate() {
                if line.trim_start().starts_with('#') {
                    continue;
                }
                for place in parted_numbers(line, lang == "ja") {
                    faults.push(format!("{}:{}: {place}", path.display(), n + 1));
                }
            }
        }
    }
    assert!(
        faults.is_empty(),
        "join these with a no-break space (U+00A0):\n{}",
        faults.join("\n")
    );
}

/// The .ftl files of texts/LANG, sorted.
fn ftl_files(lang: &str) -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("texts")
        .join(lang);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("texts/LANG")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    assert!(files.len() > 10, "texts/{lang} has its files: {files:?}");
    files
}

/// The last 20 characters of `text`.
fn tail(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars[chars.len().saturating_sub(20)..].iter().collect()
}
