//! `netlearn cidr`, `mask` and `ip` through the real binary: conventions, JSON contract,
//! bad input, list tools.

use crate::common::netlearn;
use predicates::prelude::*;
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let output = netlearn().arg("--json").args(args).assert().success();
    serde_json::from_slice(&output.get_output().stdout).expect("JSON output")
}

fn stdout(args: &[&str]) -> String {
    let output = netlearn().args(args).assert().success();
    String::from_utf8(output.get_output().stdout.clone()).unwrap()
}

#[test]
fn info_json_has_exactly_the_contracted_fields() {
    let info = json(&["cidr", "192.168.0.77/24"]);
    for field in [
        "version",
        "address",
        "prefix_len",
        "cidr",
        "network",
        "netmask",
        "wildcard",
        "broadcast",
        "first_host",
        "last_host",
        "addresses",
        "usable_hosts",
        "host_bits_set",
        "class",
        "iana_name",
        "rfc",
        "registry_block",
        "globally_reachable",
    ] {
        assert!(info.get(field).is_some(), "missing {field}");
    }
    assert_eq!(info["version"], 4);
    assert_eq!(info["prefix_len"], 24);
    assert_eq!(info["cidr"], "192.168.0.0/24");
    assert_eq!(info["host_bits_set"], true);
    assert_eq!(info["addresses"], "256", "counts are decimal strings");
    assert_eq!(info["class"], "private");
    assert_eq!(info["iana_name"], "Private-Use");
    assert_eq!(info["rfc"], "RFC 1918");
    assert_eq!(info["registry_block"], "192.168.0.0/16");
    assert_eq!(info["globally_reachable"], false);
}

#[test]
fn edge_prefixes_follow_the_conventions() {
    let cases: &[(&str, Value, &str, &str, &str, &str)] = &[
        // net, broadcast, first, last, addresses, usable
        (
            "0.0.0.0/0",
            "255.255.255.255".into(),
            "0.0.0.1",
            "255.255.255.254",
            "4294967296",
            "4294967294",
        ),
        (
            "10.0.0.0/30",
            "10.0.0.3".into(),
            "10.0.0.1",
            "10.0.0.2",
            "4",
            "2",
        ),
        ("10.0.0.0/31", Value::Null, "10.0.0.0", "10.0.0.1", "2", "2"),
        ("10.0.0.9/32", Value::Null, "10.0.0.9", "10.0.0.9", "1", "1"),
        (
            "::/0",
            Value::Null,
            "::",
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "340282366920938463463374607431768211456",
            "340282366920938463463374607431768211456",
        ),
        (
            "2001:db8::/127",
            Value::Null,
            "2001:db8::",
            "2001:db8::1",
            "2",
            "2",
        ),
        (
            "2001:db8::5/128",
            Value::Null,
            "2001:db8::5",
            "2001:db8::5",
            "1",
            "1",
        ),
    ];
    for (net, broadcast, first, last, addresses, usable) in cases {
        let info = json(&["cidr", net]);
        assert_eq!(&info["broadcast"], broadcast, "{net}");
        assert_eq!(info["first_host"], *first, "{net}");
        assert_eq!(info["last_host"], *last, "{net}");
        assert_eq!(info["addresses"], *addresses, "{net}");
        assert_eq!(info["usable_hosts"], *usable, "{net}");
    }
    let mapped = json(&["cidr", "::ffff:192.0.2.1"]);
    assert_eq!(mapped["class"], "ipv4-mapped");
    assert_eq!(mapped["embedded_ipv4"], "192.0.2.1");
    assert_eq!(json(&["cidr", "0.0.0.0/0"])["class"], "mixed");
    assert_eq!(json(&["cidr", "8.8.8.0/24"])["class"], "global");
    assert_eq!(
        json(&["cidr", "172.16.5.4", "255.255.240.0"])["cidr"],
        "172.16.0.0/20"
    );
    assert_eq!(
        json(&["cidr", "172.16.5.4/255.255.240.0"])["cidr"],
        "172.16.0.0/20"
    );
}

#[test]
fn tables_read_well() {
    insta::assert_snapshot!("cidr_v4_table", stdout(&["cidr", "192.168.0.77/24"]));
    insta::assert_snapshot!("cidr_v6_table", stdout(&["cidr", "2001:db8::/32"]));
    insta::assert_snapshot!("mask_table", stdout(&["mask", "255.255.240.0"]));
    insta::assert_snapshot!("ip_table", stdout(&["ip", "127.0.0.1"]));
    insta::assert_snapshot!(
        "ip_compare_json",
        serde_json::to_string_pretty(&json(&["ip", "compare"])).unwrap()
    );
}

#[test]
fn bad_input_is_one_line_naming_the_input_with_exit_2() {
    for args in [
        vec!["cidr", "192.168.0.0/33"],
        vec!["cidr", "300.1.1.1/24"],
        vec!["cidr", "abc"],
        vec!["cidr", "2001:db8::/129"],
        vec!["cidr", "010.1.1.1"],
        vec!["mask", "255.0.255.0"],
        vec!["ip", "1.2.3"],
        vec!["cidr", "split", "10.0.0.0/24", "--prefix", "20"],
        vec!["cidr", "supernet", "10.0.0.0/24", "--prefix", "25"],
    ] {
        let input = args.last().unwrap().to_string();
        netlearn()
            .args(&args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::starts_with("netlearn: error:"))
            .stderr(predicate::str::contains(
                input.split('/').next().unwrap().to_string(),
            ))
            .stderr(predicate::function(|s: &str| s.lines().count() == 1));
    }
}

/// The flag that would accept an inverted mask is named only by the command that has it.
#[test]
fn an_inverted_mask_points_to_wildcard_only_where_the_flag_exists() {
    let stderr = |args: &[&str]| {
        let output = netlearn().args(args).assert().code(2);
        String::from_utf8_lossy(&output.get_output().stderr).into_owned()
    };
    let mask = stderr(&["mask", "0.0.15.255"]);
    assert!(
        mask.contains("wildcard (inverted) mask; pass --wildcard to read it as one"),
        "{mask}"
    );
    let cidr = stderr(&["cidr", "10.0.0.0", "0.0.15.255"]);
    assert!(cidr.contains("wildcard (inverted) mask"), "{cidr}");
    assert!(
        !cidr.contains("--wildcard"),
        "cidr has no --wildcard: {cidr}"
    );
    let gap = stderr(&["mask", "255.0.255.0"]);
    assert!(gap.contains("bit 9 is 0 but a later bit is 1"), "{gap}");
}

#[test]
fn cidr_mask_and_ip_name_the_octet_at_fault_the_same_way() {
    for (args, said) in [
        (
            vec!["cidr", "192.168.1.300/24"],
            "'192.168.1.300': octet 4 is 300, above 255",
        ),
        (
            vec!["ip", "192.168.1.300"],
            "'192.168.1.300': octet 4 is 300, above 255",
        ),
        (
            vec!["mask", "255.255.256.0"],
            "'255.255.256.0': octet 3 is 256, above 255",
        ),
        (
            vec!["cidr", "10.0.x.0/24"],
            "'10.0.x.0': octet 3 is 'x', not a number from 0 to 255",
        ),
        (
            vec!["ip", "10.1.2"],
            "'10.1.2': an IPv4 address has 4 octets, this has 3",
        ),
        (
            vec!["ip", "192.168.001.1"],
            "octet '001' has a leading zero",
        ),
    ] {
        netlearn()
            .args(&args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::starts_with("netlearn: error:"))
            .stderr(predicate::str::contains(said))
            .stderr(predicate::function(|s: &str| s.lines().count() == 1));
    }
    // A list line says it the same way, after its line number.
    netlearn()
        .args(["cidr", "merge", "10.0.0.0/24", "10.0.1.300"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "line 2: '10.0.1.300': octet 4 is 300, above 255",
        ));
}

/// The same mistakes in Japanese: one line, the input kept as typed, and what to write.
#[test]
fn bad_input_is_said_in_japanese_with_what_to_write() {
    for (args, said) in [
        (
            vec!["--lang", "ja", "ip", "192.168.1.300"],
            "'192.168.1.300': 4 番目のオクテットが 300 で、255 を超えています",
        ),
        (
            vec!["--lang", "ja", "mask", "0.0.15.255"],
            "--wildcard を付けると、ワイルドカードマスクとして読みます",
        ),
        (
            vec![
                "--lang",
                "ja",
                "cidr",
                "split",
                "10.0.0.0/24",
                "--prefix",
                "20",
            ],
            "10.0.0.0/24 を /20 に分割できません",
        ),
        (
            vec!["--lang", "ja", "cidr", "merge", "10.0.0.0/24", "nope"],
            "2 行目: 'nope' は IPv4 アドレスでも IPv6 アドレスでもありません",
        ),
    ] {
        netlearn()
            .args(&args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(said));
    }
}

/// An option typed before its subcommand: one line naming the subcommands that take it.
#[test]
fn an_option_before_its_subcommand_is_one_line_naming_the_subcommands() {
    netlearn()
        .args(["cidr", "--prefix", "16"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "netlearn: error: unexpected argument '--prefix' found tip: '--prefix' belongs to a \
             subcommand: netlearn cidr split <NET> --prefix <PREFIX> or netlearn cidr supernet \
             <NET> --prefix <PREFIX>\n",
        );
    netlearn()
        .args(["--lang", "ja", "cidr", "--prefix"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("サブコマンドの後ろに書きます"))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
    // Other unknown options keep clap's words, without the second usage line.
    netlearn()
        .args(["cidr", "--nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "netlearn: error: unexpected argument '--nope' found",
        ))
        .stderr(predicate::str::contains("<COMMAND>").not())
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
}

#[test]
fn list_tools() {
    assert_eq!(
        stdout(&["cidr", "split", "192.168.0.0/24", "--prefix", "26"]),
        "192.168.0.0/26\n192.168.0.64/26\n192.168.0.128/26\n192.168.0.192/26\n"
    );
    assert_eq!(
        stdout(&["cidr", "split", "10.0.0.0/24", "--count", "3"])
            .lines()
            .count(),
        4
    );
    assert_eq!(
        stdout(&["cidr", "split", "10.0.0.0/24", "--hosts", "100"]),
        "10.0.0.0/25\n10.0.0.128/25\n"
    );
    assert_eq!(
        stdout(&["cidr", "supernet", "192.168.1.0/24"]),
        "192.168.0.0/23\n"
    );
    assert_eq!(
        stdout(&["cidr", "range", "10.0.0.1", "10.0.0.10"]),
        "10.0.0.1/32\n10.0.0.2/31\n10.0.0.4/30\n10.0.0.8/31\n10.0.0.10/32\n"
    );
    assert_eq!(
        stdout(&["cidr", "range", "192.168.0.0/22"]),
        "192.168.0.0-192.168.3.255\n"
    );
    assert_eq!(
        stdout(&["cidr", "exclude", "10.0.0.0/24", "10.0.0.64/26"]),
        "10.0.0.0/26\n10.0.0.128/25\n"
    );
    assert_eq!(
        json(&[
            "cidr",
            "merge",
            "2001:db8::/33",
            "10.0.0.0/25",
            "2001:db8:8000::/33",
            "10.0.0.128/25"
        ]),
        serde_json::json!(["10.0.0.0/24", "2001:db8::/32"])
    );
    netlearn()
        .args(["cidr", "contains", "10.0.0.0/8", "10.1.2.3", "10.2.0.0/16"])
        .assert()
        .success();
    netlearn()
        .args(["cidr", "contains", "10.0.0.0/8", "10.1.2.3", "192.168.0.1"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("192.168.0.1").and(predicate::str::contains("outside")));
}

#[test]
fn merge_reads_stdin_and_reports_bad_lines_by_number() {
    netlearn()
        .args(["cidr", "merge"])
        .write_stdin("# blocklist\n10.0.0.0/25\n10.0.0.128/25\n\nnot-an-address\n192.168.0.0/33\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("line 5: 'not-an-address'"))
        .stderr(predicate::str::contains("line 6: '192.168.0.0/33'"));
    netlearn()
        .args(["cidr", "merge", "--skip-invalid"])
        .write_stdin("10.0.0.0/25\nnot-an-address\n10.0.0.128/25\n")
        .assert()
        .success()
        .stdout("10.0.0.0/24\n")
        .stderr(predicate::str::contains("line 2"));
}

#[test]
fn contains_and_exclude_read_standard_input_when_given_no_items() {
    netlearn()
        .args(["cidr", "exclude", "10.0.0.0/24"])
        .write_stdin("# holes\n10.0.0.64/26\n")
        .assert()
        .success()
        .stdout("10.0.0.0/26\n10.0.0.128/25\n");
    netlearn()
        .args(["cidr", "contains", "10.0.0.0/8"])
        .write_stdin("10.1.2.3\n\n192.168.0.1\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("192.168.0.1").and(predicate::str::contains("outside")));
    netlearn()
        .args(["cidr", "contains", "10.0.0.0/8"])
        .write_stdin("10.1.2.3\nnope\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 2: 'nope'"));
}

#[test]
fn contains_streams_a_long_list_as_valid_json_and_aligned_lines() {
    let input: String = (0..20_000)
        .map(|i| format!("10.{}.{}.1\n", i / 256, i % 256))
        .chain(std::iter::once("192.168.0.0/24\n".to_string()))
        .collect();
    let output = netlearn()
        .args(["--json", "cidr", "contains", "10.0.0.0/8"])
        .write_stdin(input.clone())
        .assert()
        .code(1);
    let json: Value =
        serde_json::from_slice(&output.get_output().stdout).expect("one JSON document");
    assert_eq!(json["net"], "10.0.0.0/8");
    let results = json["results"].as_array().unwrap();
    assert_eq!(results.len(), 20_001);
    assert_eq!(
        results[0],
        serde_json::json!({"item": "10.0.0.1", "contained": true})
    );
    assert_eq!(
        results[20_000],
        serde_json::json!({"item": "192.168.0.0/24", "contained": false})
    );
    let output = netlearn()
        .args(["cidr", "contains", "10.0.0.0/8"])
        .write_stdin(input)
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&output.get_output().stdout).into_owned();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 20_001);
    assert_eq!(lines[0], " 10.0.0.1            inside 10.0.0.0/8");
    assert_eq!(lines[20_000], " 192.168.0.0/24      outside 10.0.0.0/8");
}

/// What a hostile list does to an error message: a 2 MB line, terminal escapes and binary.
fn hostile_list() -> Vec<u8> {
    let mut input = b"10.0.0.1\n".to_vec();
    input.extend(std::iter::repeat_n(b'A', 2 << 20));
    input.extend_from_slice(b"\n10.0.0.\x1b]0;owned\x07\n\xff\xfe\x00\x9b31m\n");
    input
}

fn assert_inert(stderr: &str) {
    assert!(
        !stderr.chars().any(|c| c.is_control() && c != '\n'),
        "raw control characters in {stderr:?}"
    );
    for line in stderr.lines() {
        assert!(line.chars().count() < 300, "long error line: {line}");
    }
}

#[test]
fn bad_lines_are_quoted_short_and_escaped_never_whole() {
    for args in [
        &["cidr", "contains", "10.0.0.0/8"][..],
        &["cidr", "exclude", "10.0.0.0/8"][..],
    ] {
        let output = netlearn()
            .args(args)
            .write_stdin(hostile_list())
            .assert()
            .code(2);
        let stderr = String::from_utf8(output.get_output().stderr.clone()).expect("UTF-8 errors");
        assert_inert(&stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains("line 2 is longer than 16384 bytes (2097152 bytes)")
                && stderr.contains("3 bad lines in all"),
            "{args:?}: {stderr}"
        );
    }
    let output = netlearn()
        .args(["cidr", "merge"])
        .write_stdin(hostile_list())
        .assert()
        .code(2);
    let stderr = String::from_utf8(output.get_output().stderr.clone()).expect("UTF-8 errors");
    assert_inert(&stderr);
    assert!(
        stderr.contains("line 2 is longer than 16384 bytes"),
        "{stderr}"
    );
    assert!(
        stderr.contains(r"line 3: '10.0.0.\x1b]0;owned\x07'"),
        "{stderr}"
    );
    assert!(
        stderr.contains(r"line 4 is not UTF-8 text: '\xff\xfe\x00\x9b31m'"),
        "{stderr}"
    );
    netlearn()
        .args(["cidr", "merge", "--skip-invalid"])
        .write_stdin(hostile_list())
        .assert()
        .success()
        .stdout("10.0.0.1/32\n");
}

#[test]
fn contains_says_inside_and_outside_in_the_readers_language_and_exits_1_on_a_no() {
    for (lang, inside, outside) in [
        ("en", "inside 10.0.0.0/8", "outside 10.0.0.0/8"),
        ("ja", "10.0.0.0/8 の内側", "10.0.0.0/8 の外側"),
    ] {
        let output = netlearn()
            .args(["--lang", lang, "cidr", "contains", "10.0.0.0/8"])
            .args(["10.1.2.3", "192.168.0.1"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{lang}");
        let text = String::from_utf8(output.stdout).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(
            lines[0].contains("10.1.2.3") && lines[0].ends_with(inside),
            "{text}"
        );
        assert!(
            lines[1].contains("192.168.0.1") && lines[1].ends_with(outside),
            "{text}"
        );
    }
}

/// `netlearn --lang ja ARGS` with `COLUMNS` set: every line fits, and the text is returned.
fn japanese_at(args: &[&str], columns: usize) -> String {
    let output = netlearn()
        .args(["--lang", "ja"])
        .args(args)
        .env("COLUMNS", columns.to_string())
        .assert()
        .success();
    let text = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    for line in text.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= columns,
            "{args:?} at {columns}: {line:?}\n{text}"
        );
    }
    text
}

/// The class line of every special-purpose block a learner meets keeps the IANA registry's
/// name, says it is the registry's name, and adds the Japanese meaning the class word does not
/// give; all fits 80 and 60 columns, `ip compare` too, whose citations are Japanese.
#[test]
fn japanese_classes_keep_the_registry_name_with_its_meaning_and_fit() {
    for columns in [80, 60] {
        for (args, class, name) in [
            (&["ip", "192.0.2.1"][..], "ドキュメント用", "Documentation"),
            (&["ip", "2001:db8::1"], "ドキュメント用", "Documentation"),
            (
                &["ip", "100.64.0.1"],
                "共有アドレス空間",
                "Shared Address Space",
            ),
            (&["ip", "169.254.1.1"], "リンクローカル", "Link Local"),
            (&["ip", "fe80::1"], "リンクローカル", "Link-Local Unicast"),
            (&["ip", "::1"], "ループバック", "Loopback Address"),
            (&["ip", "224.0.0.1"], "マルチキャスト", "Multicast"),
            (
                &["ip", "192.0.0.10"],
                "NAT 越えのリレー",
                "Around NAT Anycast",
            ),
            (&["cidr", "192.0.2.0/24"], "ドキュメント用", "TEST-NET-1"),
        ] {
            let text = japanese_at(args, columns);
            // The words, whatever lines they were wrapped onto (Japanese wraps between
            // characters): compared without any space.
            let bare = |text: &str| -> String {
                text.chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_lowercase()
            };
            let flat = bare(&text);
            for words in ["IANA の登録名", class, name] {
                assert!(flat.contains(&bare(words)), "{args:?} {words}: {text}");
            }
        }
        let compare = japanese_at(&["ip", "compare"], columns);
        assert!(compare.contains("RFC 8200 の 8.1 節"), "{compare}");
        // A record's title is the topic itself, not an empty label.
        assert!(
            compare.lines().all(|line| !line.starts_with(':')),
            "{compare}"
        );
        assert!(
            compare.lines().any(|line| line == "DNS のレコード"),
            "{compare}"
        );
    }
}
