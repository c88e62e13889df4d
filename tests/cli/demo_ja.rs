//! The demos' narration and the wire's packet explanations in Japanese: each demo says its
//! sentences in Japanese and none of the English ones (texts/en/demo.ftl and wire.ftl), keeps
//! its socket calls, Python lines and JSON keys as they are, and fits 80 columns.

use std::collections::BTreeSet;

use crate::common::netlearn;
use crate::help::on_a_terminal;

/// A demo's stdout; `COLUMNS=400` so that no note is folded (snapshots compare words, and
/// widths are checked on a real terminal below).
fn run(lang: &str, args: &[&str]) -> String {
    let output = netlearn()
        .env("COLUMNS", "400")
        .args(["--lang", lang])
        .args(args)
        .output()
        .expect("run netlearn");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn ja(args: &[&str]) -> String {
    run("ja", args)
}

/// Every piece of English between the placeholders of the texts this narration comes from
/// (three words or more, so a field name or a flag does not count).
fn english_sentences() -> Vec<String> {
    use fluent_syntax::ast::{Entry, Pattern, PatternElement};
    fn pieces(pattern: &Pattern<&str>, into: &mut Vec<String>) {
        let mut current = String::new();
        for element in &pattern.elements {
            match element {
                PatternElement::TextElement { value } => current.push_str(value),
                PatternElement::Placeable { .. } => {
                    into.push(std::mem::take(&mut current));
                }
            }
        }
        into.push(current);
    }
    let mut all = Vec::new();
    for file in ["demo.ftl", "wire.ftl"] {
        let path = format!("{}/texts/en/{file}", env!("CARGO_MANIFEST_DIR"));
        let source = std::fs::read_to_string(path).expect("texts");
        let resource = fluent_syntax::parser::parse(source.as_str()).expect("parses");
        for entry in resource.body {
            if let Entry::Message(message) = entry {
                let mut found = Vec::new();
                if let Some(value) = &message.value {
                    pieces(value, &mut found);
                }
                for piece in found {
                    let words: Vec<&str> = piece.split_whitespace().collect();
                    let letters = words.iter().filter(|w| w.chars().any(char::is_alphabetic));
                    if letters.count() >= 3 {
                        all.push(words.join(" "));
                    }
                }
            }
        }
    }
    assert!(all.len() > 50, "{all:?}");
    all
}

/// Fails when a sentence of the English texts is left in `text` (whitespace and folding do
/// not matter), and unless `text` says every one of `japanese`.
fn japanese_only(args: &[&str], text: &str, japanese: &[&str]) {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for english in english_sentences() {
        assert!(
            !flat.contains(&english),
            "{args:?} still says \"{english}\":\n{text}"
        );
    }
    // Japanese is folded between any two characters: compared without the folds.
    let compact = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for said in japanese {
        assert!(
            compact(text).contains(&compact(said)),
            "{args:?} does not say {said}:\n{text}"
        );
    }
}

#[test]
fn english_is_found_when_it_is_there() {
    // The check above, proven against the English output it must reject.
    let english = run("en", &["echo", "demo", "--nonblocking", "--delay", "50ms"]);
    let flat = english.split_whitespace().collect::<Vec<_>>().join(" ");
    let found = english_sentences()
        .into_iter()
        .filter(|s| flat.contains(s))
        .count();
    assert!(found >= 5, "{found}: {english}");
}

#[test]
fn echo_demo_nonblocking_and_reset_narrate_in_japanese() {
    let args = ["echo", "demo", "--nonblocking", "--delay", "50ms"];
    let text = ja(&args);
    japanese_only(
        &args,
        &text,
        &[
            "エコーサーバーが 127.0.0.1:",
            "ノンブロッキング (non-blocking): ここから先",
            "あとでもう一度試してください",
            "ブロッキングのソケット (既定) で",
            "結果: ノンブロッキングでは",
            "2 件のエコーを確認しました",
            // The calls and Python's words stay as they are.
            "fcntl(F_SETFL, flags | O_NONBLOCK)",
            "# s.setblocking(False)",
            "-> -1 EAGAIN (EWOULDBLOCK)",
            "BlockingIOError: [Errno 11]",
        ],
    );
    let args = ["echo", "demo", "--reset"];
    let text = ja(&args);
    japanese_only(
        &args,
        &text,
        &[
            "クライアントが送ったものを読まずに",
            "を未読のまま残して閉じました",
            "recv() は ConnectionResetError: [Errno 104] Connection reset by peer で失敗します。",
        ],
    );
}

#[test]
fn socket_demos_narrate_in_japanese() {
    for (scenario, said) in [
        (
            "refused",
            &[
                "いまも、このポートで待ち受けているソケットはありません",
                "「接続拒否 (connection refused)」の意味はそれだけです",
                "netlearn のクライアントは、これを次のように伝えます: 127.0.0.1:",
                "# ConnectionRefusedError: [Errno 111]",
            ][..],
        ),
        (
            "in-use",
            &[
                "で待ち受けられるソケットは 1 つだけです",
                "2 つ目のサーバーが同じアドレスで待ち受けることはできません",
                "Linux で SO_REUSEADDR が許すのは、TIME_WAIT の古い接続が残っているポートに、",
                "/proc で調べると、このポートを使っているのは netlearn (pid ",
                "このデモが最初に作ったソケットです",
                "サーバーに別のポートを使わせます",
            ][..],
        ),
        (
            "time-wait",
            &[
                "1 回目: 記事の server.py と同じく、SO_REUSEADDR を設定しないサーバー",
                "2 回目: 同じサーバーに、netlearn のサーバーと同じく SO_REUSEADDR を設定します",
                "先に接続を閉じたのはサーバーです",
                "FIN_WAIT を経て TIME_WAIT になり、そのまま 60 秒 (最大セグメント寿命の 2 倍) 残ります",
                "の接続の状態 (カーネルの表 /proc/net/tcp):",
                "秒。持ち主のプロセスはもうありません)",
                "待ち受けのソケットはもう閉じたのに、bind() は失敗しました",
                "起動し直したサーバーはすぐにバインドできます",
            ][..],
        ),
    ] {
        let args = ["socket", "demo", scenario];
        japanese_only(&args, &ja(&args), said);
    }
}

#[test]
fn http_demo_narrates_in_japanese() {
    let args = ["http", "demo", "--half-close"];
    japanese_only(
        &args,
        &ja(&args),
        &[
            "サーバー: http://127.0.0.1:",
            "デモのページを配信しています",
            "サーバーのログ:",
            "> GET / HTTP/1.1",
        ],
    );
}

/// Where packets can be captured (root, or a private network namespace), the packets under
/// the calls are explained in Japanese; elsewhere the demo says in Japanese why not.
#[test]
fn wire_demos_explain_packets_in_japanese() {
    for args in [
        &["echo", "demo", "--wire"][..],
        &["echo", "demo", "--wire", "--reset"][..],
        &["socket", "demo", "refused", "--wire"][..],
        &["socket", "demo", "time-wait", "--wire"][..],
        &["http", "demo", "--wire", "--tls"][..],
    ] {
        let text = ja(args);
        let captured = text.contains("TCP [SYN]");
        let said: &[&str] = if !captured {
            &["今回はパケットを表示できません"]
        } else if args.contains(&"--reset") {
            &["リセットです。サーバーが", "ECONNRESET で失敗します"]
        } else if args.contains(&"refused") {
            &["で待ち受けているソケットがここにはないので、connect() は"]
        } else if args.contains(&"time-wait") {
            &["TIME_WAIT", "FIN に確認応答を返します"]
        } else if args.contains(&"--tls") {
            &[
                "流れたもの: lo 上の",
                "個のパケットを順に示します",
                "TLS のハンドシェイクのレコードです",
                "TLS のアプリケーションデータ",
            ]
        } else {
            &[
                "クライアントがポート",
                "3ウェイハンドシェイクの 1 段階目",
                "両側とも ESTABLISHED になります",
                "accept() の下にはパケットがありません",
            ]
        };
        japanese_only(args, &text, said);
    }
}

#[test]
fn capture_explains_each_packet_in_japanese_with_the_same_json_keys() {
    let pcap = format!(
        "{}/tests/fixtures/wire/handshake.pcap",
        env!("CARGO_MANIFEST_DIR")
    );
    let args = ["capture", "--read", &pcap];
    let text = ja(&args);
    japanese_only(
        &args,
        &text,
        &[
            "クライアントがポート 47123 への接続を求めます",
            "使える機能を伝えています: 最大",
            "ハンドシェイクが完了します",
        ],
    );
    // Every packet line is followed by its explanation, in Japanese.
    let explanations: Vec<&str> = text.lines().filter(|l| l.starts_with("    ")).collect();
    assert!(!explanations.is_empty());
    let json = |lang: &str| -> Vec<serde_json::Value> {
        run(lang, &["--json", "capture", "--read", &pcap])
            .lines()
            .map(|line| serde_json::from_str(line).expect("JSON"))
            .filter(|record: &serde_json::Value| record["type"] == "packet")
            .collect()
    };
    let (english, japanese) = (json("en"), json("ja"));
    assert_eq!(english.len(), japanese.len());
    for (en, ja) in english.iter().zip(&japanese) {
        let (mut en, mut ja) = (en.clone(), ja.clone());
        // The explanation is prose and follows the language; every other field is the same.
        assert_ne!(en["explain"], ja["explain"]);
        en["explain"].take();
        ja["explain"].take();
        assert_eq!(en, ja);
    }
}

/// The JSON Lines of a demo: the same records with the same keys and machine values in
/// both languages; only `message` (the narration) differs.
#[test]
fn demo_json_keeps_its_keys_and_values_and_translates_messages() {
    for args in [
        &["--json", "socket", "demo", "time-wait"][..],
        &["--json", "echo", "demo", "--reset"][..],
    ] {
        let records = |lang: &str| -> Vec<serde_json::Value> {
            run(lang, args)
                .lines()
                .map(|line| serde_json::from_str(line).expect("JSON"))
                .collect()
        };
        let (english, japanese) = (records("en"), records("ja"));
        assert_eq!(english.len(), japanese.len(), "{args:?}");
        let mut translated = 0;
        for (en, ja) in english.iter().zip(&japanese) {
            let keys = |v: &serde_json::Value| -> BTreeSet<String> {
                v.as_object().expect("object").keys().cloned().collect()
            };
            assert_eq!(keys(en), keys(ja), "{args:?}");
            for field in [
                "event", "call", "describe", "python", "role", "errno", "state",
            ] {
                // Ports differ from run to run.
                let value = |v: &serde_json::Value| v.get(field).map(|f| normalise(&f.to_string()));
                assert_eq!(value(en), value(ja), "{args:?} {field}");
            }
            if let Some(message) = ja.get("message").and_then(|m| m.as_str()) {
                assert_ne!(en.get("message"), ja.get("message"));
                assert!(message.contains(['の', 'は', 'が', 'を']), "{message}");
                translated += 1;
            }
        }
        assert!(translated >= 2, "{args:?}");
    }
}

#[test]
fn japanese_demos_fit_80_columns_and_no_line_starts_with_closing_punctuation() {
    for args in [
        &["echo", "demo", "--nonblocking", "--delay", "50ms"][..],
        &["echo", "demo", "--reset"][..],
        &["socket", "demo", "refused"][..],
        &["socket", "demo", "time-wait"][..],
        &["socket", "demo", "in-use"][..],
        &["http", "demo", "--half-close"][..],
        &["echo", "demo", "--wire"][..],
    ] {
        let mut all = vec!["--lang", "ja"];
        all.extend_from_slice(args);
        let Some(output) = on_a_terminal(&all, 80) else {
            eprintln!("skipped: `script` (util-linux) is not installed");
            return;
        };
        assert!(output.contains(['の', 'は']), "{args:?}: {output}");
        for line in output.lines() {
            let width = unicode_width::UnicodeWidthStr::width(line);
            assert!(width <= 80, "{args:?}: {width} wide: {line}");
            assert!(
                !line.trim_start().starts_with(['。', '、', '」', '）']),
                "{args:?}: {line}"
            );
        }
    }
}

/// Ports, times and the date change from run to run; the words do not.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if line.starts_with("< date:") {
            out.push_str("< date: DATE\n");
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_ascii_digit() {
                out.push(chars[i]);
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let number: String = chars[start..i].iter().collect();
            let rest: String = chars[i..].iter().take(3).collect();
            // A number and its unit are joined by a space or a no-break space.
            let is_time = [" ms", " µs", " s ", " s)", " s,"]
                .iter()
                .any(|unit| rest.starts_with(unit))
                || rest == " s";
            let digits = number.chars().filter(char::is_ascii_digit).count();
            if is_time {
                out.push('T');
            } else if digits >= 4
                && !number.contains('.')
                && [":", ", ", "port ", "ポート ", "ポート "]
                    .iter()
                    .any(|before| out.ends_with(before))
            {
                out.push_str("PORT");
            } else {
                out.push_str(&number);
            }
        }
        out.push('\n');
    }
    out
}

/// Two tasks narrate the non-blocking demo: the client's lines and the server's connections
/// interleave as the scheduler lets them. Each side's order is fixed, so the snapshot keeps
/// the client's and the announcements in order, then the server's connections in order.
fn by_side(text: &str) -> String {
    let mut blocks: Vec<String> = Vec::new();
    for line in text.lines() {
        match blocks.last_mut() {
            Some(block) if line.starts_with(' ') => {
                block.push('\n');
                block.push_str(line);
            }
            _ => blocks.push(line.to_string()),
        }
    }
    // The demo ends once the client has its second echo: whether the server saw that
    // connection close before it was stopped is timing.
    // Tags are padded to the widest one ("[接続 2]       close()").
    let single = |b: &str| {
        b.split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    blocks.retain(|b| {
        let b = single(b);
        !(b.starts_with("[接続 2] recv() -> 0 ") || b.starts_with("[接続 2] close()"))
    });
    let (conns, others): (Vec<String>, Vec<String>) =
        blocks.into_iter().partition(|b| b.starts_with("[接続"));
    format!(
        "{}\n--- the server's connections ---\n{}\n",
        others.join("\n"),
        conns.join("\n")
    )
}

#[test]
fn japanese_demo_snapshots() {
    let nonblocking = ja(&["echo", "demo", "--nonblocking", "--delay", "50ms"]);
    insta::assert_snapshot!(
        "ja_echo_demo_nonblocking",
        normalise(&by_side(&nonblocking))
    );
    let http = ja(&["http", "demo", "--half-close"]);
    insta::assert_snapshot!("ja_http_demo_half_close", normalise(&http));
}

#[test]
fn normalise_scrubs_ports_and_times_only() {
    assert_eq!(
        normalise(
            "127.0.0.1:40025 after 301 ms, 4 µs; 5 バイト [Errno 115] 2.5 s (\"::1\", 40025) \
             recv(1024) 7 ms ポート 40025\n< date: x"
        ),
        "127.0.0.1:PORT after T ms, T µs; 5 バイト [Errno 115] T s (\"::1\", PORT) \
         recv(1024) T ms ポート PORT\n< date: DATE\n"
    );
}

#[test]
fn lang_c_keeps_the_english_narration() {
    let args = ["socket", "demo", "time-wait"];
    let with_env = |env: &[(&str, &str)]| {
        let mut command = netlearn();
        command.env("COLUMNS", "400").args(args);
        for (name, value) in env {
            command.env(name, value);
        }
        let output = command.output().expect("run netlearn");
        // The seconds left in TIME_WAIT tick between runs.
        normalise(&String::from_utf8_lossy(&output.stdout)).replace("60.0", "T")
    };
    let english = with_env(&[]);
    assert!(
        english.contains("round 1: a server that does not set SO_REUSEADDR"),
        "{english}"
    );
    assert_eq!(with_env(&[("LANG", "C")]), english);
    assert_eq!(
        with_env(&[("LANG", "ja_JP.UTF-8"), ("LC_ALL", "C")]),
        english
    );
    assert_ne!(with_env(&[("LANG", "ja_JP.UTF-8")]), english);
}

/// The socket demo's calls keep their C spelling, and what they moved is said in the reader's
/// language (JSON keeps the English `describe`, checked above and in the JSON corpus).
#[test]
fn socket_demo_calls_say_their_bytes_in_japanese() {
    let text = ja(&["socket", "demo", "time-wait"]);
    for said in [
        "send(4 バイト)",
        "recv() -> 4 バイト",
        "recv() -> 0 バイト (ストリームの終わり)",
    ] {
        assert!(text.contains(said), "no {said:?} in:\n{text}");
    }
    for english in ["bytes", "end of stream"] {
        assert!(!text.contains(english), "{english:?} in:\n{text}");
    }
    let english = run("en", &["socket", "demo", "time-wait"]);
    assert!(
        english.contains("recv() -> 0 bytes (end of stream)"),
        "{english}"
    );
}

/// `ftp demo` names its mode in Japanese (the JSON keeps "passive" and "active").
#[test]
fn ftp_demo_names_its_mode_in_japanese() {
    for (args, mode) in [
        (&["ftp", "demo"][..], "結果: パッシブモード。"),
        (&["ftp", "demo", "--active"][..], "結果: アクティブモード。"),
    ] {
        let text = ja(args);
        japanese_only(args, &text, &[mode]);
        for english in [
            "passive モード",
            "active モード",
            "(パッシブ:",
            "(アクティブ:",
        ] {
            assert!(!text.contains(english), "{args:?}: {english:?} in:\n{text}");
        }
    }
    let text = ja(&["ftp", "demo", "--active"]);
    japanese_only(
        &["ftp", "demo", "--active"],
        &text,
        &[
            "アクティブモード (active mode) では、データ用の接続をサーバーのほうから張ります",
            "アクティブモードがそうした場所で動かず、パッシブモードが使われるのはこのためです",
            "(アクティブモード: サーバーから接続してきました)",
        ],
    );
}

/// The lab's HTTP step, rewritten: who sent what, what came back, and why the router does
/// not care that it is the web.
#[test]
fn the_labs_http_step_says_who_sent_what_in_japanese() {
    let Some(output) = crate::lab::run_as(&["--lang", "ja", "--json", "lab"], false) else {
        return;
    };
    assert!(output.status.success(), "{output:?}");
    let steps = crate::lab::json_lines(&output);
    let http = steps
        .iter()
        .find(|s| s["step"] == "http")
        .expect("an http step");
    let text: String = http["text"]
        .as_array()
        .expect("text")
        .iter()
        .map(|line| line.as_str().expect("a line"))
        .collect();
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for said in [
        "h1は新しいTCPの接続を開いてGEThttp://198.51.100.20/を送り、",
        "ステータス200の応答と",
        "バイトのHTMLを受け取りました。",
        "Webのページだからといって、特別な道を通るわけではありません。",
        "pingと同じく、ルーティング、ARP、TTLのしくみによってr1を越えて届けられています。",
    ] {
        assert!(compact.contains(said), "no {said:?} in {text}");
    }
}

/// The HOWTO is quoted in the words of its official Japanese translation
/// (https://docs.python.org/ja/3/howto/sockets.html, 「切断」).
#[test]
fn the_vanish_demo_quotes_the_howto_in_its_japanese_translation() {
    let args = ["echo", "demo", "--vanish"];
    let text = ja(&args);
    japanese_only(
        &args,
        &text,
        &[
            "Python のソケットプログラミング HOWTO の「もしソケットが close せずに姿を消せば、\
             相手ソケットはこちらが遅いだけだと思ってハングしてしまうかもしれない」とは、このことです。",
            "クライアント 2 を止めました (SIGSTOP)",
        ],
    );
}
