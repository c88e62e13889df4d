//! Help texts, completions and the man page, snapshot-tested from the one clap definition.

use crate::common::netlearn;

fn stdout_of(args: &[&str]) -> String {
    let output = netlearn()
        .args(args)
        .env("COLUMNS", "100")
        .assert()
        .success();
    String::from_utf8(output.get_output().stdout.clone()).expect("utf-8 output")
}

#[test]
fn help_texts() {
    for (name, args) in [
        ("help", vec!["--help"]),
        ("echo_help", vec!["echo", "--help"]),
        ("echo_serve_help", vec!["echo", "serve", "--help"]),
        ("echo_client_help", vec!["echo", "client", "--help"]),
        ("echo_bench_help", vec!["echo", "bench", "--help"]),
        ("cidr_help", vec!["cidr", "--help"]),
        ("cidr_split_help", vec!["cidr", "split", "--help"]),
        ("cidr_merge_help", vec!["cidr", "merge", "--help"]),
        ("mask_help", vec!["mask", "--help"]),
        ("ip_help", vec!["ip", "--help"]),
        ("dns_help", vec!["dns", "--help"]),
        ("echo_demo_help", vec!["echo", "demo", "--help"]),
        ("ifaces_help", vec!["ifaces", "--help"]),
        ("gateway_help", vec!["gateway", "--help"]),
        ("port_help", vec!["port", "--help"]),
        ("explain_help", vec!["explain", "--help"]),
        ("tour_help", vec!["tour", "--help"]),
        ("http_get_help", vec!["http", "get", "--help"]),
        ("http_serve_help", vec!["http", "serve", "--help"]),
        ("http_demo_help", vec!["http", "demo", "--help"]),
        ("socket_demo_help", vec!["socket", "demo", "--help"]),
        ("capture_help", vec!["capture", "--help"]),
    ] {
        let help = stdout_of(&args);
        assert!(
            help.contains("Examples:") || name == "echo_help",
            "{name} has examples"
        );
        insta::assert_snapshot!(name, help);
    }
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout_of(&["completions", shell]);
        assert!(script.contains("netlearn"), "{shell}");
        assert!(script.contains("serve"), "{shell} completes subcommands");
    }
    insta::assert_snapshot!("completions_bash", stdout_of(&["completions", "bash"]));
}

#[test]
fn man_page() {
    let page = stdout_of(&["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH netlearn"),
        "roff page"
    );
    insta::assert_snapshot!("man", page);
}

#[test]
fn version_flag() {
    let version = stdout_of(&["--version"]);
    assert_eq!(
        version.trim(),
        format!("netlearn {}", env!("CARGO_PKG_VERSION"))
    );
}

/// Runs `args` with stdout a pipe whose reader takes one line and leaves, as `| head -1`
/// does: the command must end with success and say nothing on stderr.
fn exits_cleanly_when_the_reader_leaves(args: &[&str]) {
    use std::io::{BufRead, BufReader, Read};
    use std::process::{Command, Stdio};
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("netlearn"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn netlearn");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("read one line");
    let status = child.wait().expect("wait");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("read stderr");
    assert!(!first.is_empty(), "{args:?} printed a first line");
    assert!(status.success(), "{args:?} exited {status}: {stderr}");
    assert!(stderr.is_empty(), "{args:?} said on stderr: {stderr}");
}

#[test]
fn a_closed_pipe_is_success_for_every_format() {
    for args in [
        vec!["--json", "ip", "compare"],
        vec!["--json", "explain"],
        vec!["--json", "port", "--list"],
        vec!["port", "--list"],
        vec!["--json", "tour"],
        vec!["tour"],
        vec!["--json", "cidr", "split", "10.0.0.0/8", "--prefix", "24"],
        vec!["man"],
    ] {
        exits_cleanly_when_the_reader_leaves(&args);
    }
}

/// `netlearn ARGS >&-`: standard output closed before the start, so everything printed would be
/// lost; like cat and ls, netlearn says so on stderr and fails, in the reader's language.
#[test]
fn a_closed_standard_output_is_a_runtime_error() {
    for (lang, said) in [
        ("en", "standard output is closed"),
        ("ja", "標準出力が閉じられている"),
    ] {
        let output = std::process::Command::new("sh")
            .args(["-c", "exec \"$0\" \"$@\" >&-"])
            .arg(assert_cmd::cargo::cargo_bin!("netlearn"))
            .args(["--lang", lang, "cidr", "10.0.0.0/8"])
            .output()
            .expect("run sh");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{lang}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{lang}: {stderr}");
        assert!(stderr.contains(said), "{lang}: {stderr}");
    }
}

#[test]
fn completions_never_panic_on_a_closed_pipe() {
    for _ in 0..30 {
        exits_cleanly_when_the_reader_leaves(&["completions", "bash"]);
    }
}

/// Columns `line` takes on a terminal (CJK characters are two).
fn display_width(line: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(line)
}

/// Runs netlearn with stdout a pseudo-terminal `columns` wide (util-linux `script`), so tables
/// and prose are laid out for a person; None where `script` is missing.
pub(crate) fn on_a_terminal(args: &[&str], columns: usize) -> Option<String> {
    let command = std::iter::once(
        assert_cmd::cargo::cargo_bin!("netlearn")
            .display()
            .to_string(),
    )
    .chain(args.iter().map(|a| format!("'{a}'")))
    .collect::<Vec<_>>()
    .join(" ");
    let output = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("COLUMNS", columns.to_string())
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&output.stdout).replace('\r', ""))
}

#[test]
fn every_line_fits_80_and_60_column_terminals() {
    for columns in [80, 60] {
        for args in [
            vec!["tour"],
            vec!["explain", "tcp"],
            vec!["explain", "subnet", "mask"],
            vec!["explain"],
            vec!["ifaces"],
            vec!["gateway", "--routes"],
            vec!["cidr", "192.0.2.0/24"],
            vec!["cidr", "2001:db8::/32"],
            vec!["ip", "2001:db8::1"],
            vec!["ip", "compare"],
            vec!["mask", "255.255.240.0"],
            vec!["port", "--list"],
            vec!["echo", "demo"],
            vec!["echo", "demo", "--half-close"],
            vec!["socket", "demo", "time-wait"],
            vec!["echo", "demo", "--wire", "--half-close"],
            vec!["http", "demo", "--wire"],
        ] {
            let Some(output) = on_a_terminal(&args, columns) else {
                eprintln!("skipped: `script` (util-linux) is not installed");
                return;
            };
            assert!(!output.trim().is_empty(), "{args:?} printed nothing");
            for line in output.lines() {
                assert!(
                    display_width(line) <= columns,
                    "{args:?} at {columns} columns: {} wide: {line}",
                    display_width(line)
                );
            }
        }
    }
}
