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

/// Runs netlearn through pipes with `env` set, and gives its exit code, stdout and stderr.
fn run_with(args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let mut command = netlearn();
    command.args(args);
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().expect("run netlearn");
    (
        output.status.code(),
        String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    )
}

/// `netlearn ARGS >&-` (standard output closed): a runtime error, exit 1.
fn runtime_error(lang: &str, columns: Option<&str>) -> String {
    let mut command = std::process::Command::new("sh");
    command
        .args(["-c", "exec \"$0\" \"$@\" >&-"])
        .arg(assert_cmd::cargo::cargo_bin!("netlearn"))
        .args(["--lang", lang, "cidr", "10.0.0.0/8"])
        .env_remove("COLUMNS");
    if let Some(columns) = columns {
        command.env("COLUMNS", columns);
    }
    let output = command.output().expect("run sh");
    assert_eq!(output.status.code(), Some(1));
    String::from_utf8(output.stderr).expect("UTF-8 stderr")
}

/// One prefix per language: runtime errors and usage errors both start with
/// `netlearn: エラー:` in Japanese, `netlearn: error:` in English.
#[test]
fn runtime_and_usage_errors_start_with_one_prefix_per_language() {
    for (lang, prefix) in [("en", "netlearn: error: "), ("ja", "netlearn: エラー: ")] {
        let runtime = runtime_error(lang, None);
        assert!(runtime.starts_with(prefix), "{lang}: {runtime}");
        let (code, _, usage) = run_with(&["--lang", lang, "echo", "serve", "--nope"], &[]);
        assert_eq!(code, Some(2), "{lang}: {usage}");
        assert!(usage.starts_with(prefix), "{lang}: {usage}");
    }
}

/// Errors wider than the reader's width (COLUMNS) are wrapped under a hanging indent; through
/// a pipe without COLUMNS they stay one line, for scripts. Exit codes do not change.
#[test]
fn errors_fit_the_width_when_it_is_known_and_stay_one_line_otherwise() {
    let usage_errors: [&[&str]; 4] = [
        &["--lang", "ja", "echo", "demo", "--framing", "fixed"],
        &["echo", "demo", "--framing", "fixed"],
        &["--lang", "ja", "echo", "bench", "--requests", "50"],
        &["echo", "bench", "--connections", "4", "--requests", "50"],
    ];
    for args in usage_errors {
        let (code, _, one_line) = run_with(args, &[]);
        assert_eq!(code, Some(2), "{args:?}");
        assert_eq!(one_line.lines().count(), 1, "{args:?}: {one_line}");
        for columns in [60, 40] {
            let (code, _, wrapped) = run_with(args, &[("COLUMNS", &columns.to_string())]);
            assert_eq!(code, Some(2), "{args:?}");
            assert!(wrapped.lines().count() > 1, "{args:?}: {wrapped}");
            for (at, line) in wrapped.lines().enumerate() {
                assert!(
                    display_width(line) <= columns,
                    "{args:?} at {columns}: {line}"
                );
                assert!(at == 0 || line.starts_with("  "), "{args:?}: {wrapped}");
            }
            // The same words, only laid out.
            let words = |text: &str| text.split_whitespace().collect::<String>();
            assert_eq!(words(&wrapped), words(&one_line), "{args:?}");
        }
    }
    // The common ones say each thing once: the value and the option are named once.
    let (_, _, framing) = run_with(&["--lang", "ja", "echo", "demo", "--framing", "fixed"], &[]);
    assert_eq!(framing.matches("'fixed'").count(), 1, "{framing}");
    assert_eq!(framing.matches("--framing").count(), 1, "{framing}");
    // clap's advice to pass an unknown option as a value (`-- --requests`) is not the next
    // step: where the options are listed is.
    for (lang, said) in [
        ("en", "'netlearn echo bench --help' lists the options"),
        (
            "ja",
            "使えるオプションは 'netlearn echo bench --help' で確かめられます",
        ),
    ] {
        let (_, _, stderr) = run_with(&["--lang", lang, "echo", "bench", "--requests", "50"], &[]);
        assert!(stderr.contains(said), "{lang}: {stderr}");
        assert!(!stderr.contains("-- --requests"), "{lang}: {stderr}");
    }
    for columns in ["40", "30"] {
        let wrapped = runtime_error("ja", Some(columns));
        let columns: usize = columns.parse().unwrap_or_default();
        assert!(wrapped.lines().count() > 1, "{wrapped}");
        for line in wrapped.lines() {
            assert!(display_width(line) <= columns, "{line}");
        }
    }
    assert_eq!(runtime_error("ja", None).lines().count(), 1);
}

/// clap's words in the Japanese usage line: `[オプション]`, `<コマンド>` and the value names;
/// the English usage is clap's own.
#[test]
fn the_japanese_usage_line_names_options_commands_and_values_in_japanese() {
    let (_, ja, _) = run_with(&["--lang", "ja", "cidr", "--help"], &[]);
    assert!(
        ja.contains("使い方: netlearn cidr [オプション] <ネットワーク> [マスク]\n"),
        "{ja}"
    );
    assert!(ja.contains("netlearn cidr <コマンド>"), "{ja}");
    let (_, ja, _) = run_with(&["--lang", "ja", "--help"], &[]);
    assert!(
        ja.contains("使い方: netlearn [オプション] <コマンド>"),
        "{ja}"
    );
    let (_, ja, _) = run_with(&["--lang", "ja", "echo", "client", "--help"], &[]);
    assert!(ja.contains("--framing <フレーミング>"), "{ja}");
    assert!(ja.contains("[アドレス]"), "{ja}");
    let (_, ja, _) = run_with(&["--lang", "ja", "lab", "run", "--help"], &[]);
    assert!(!ja.contains("<ARGS>") && !ja.contains("<COMMAND>"), "{ja}");
    // No English placeholder is left in any Japanese help.
    for (args, help) in helps("ja", 80) {
        for word in [
            "[OPTIONS]",
            "<COMMAND>",
            "[COMMAND]",
            "<ARGS>",
            "<NET>",
            "<PORT>",
        ] {
            assert!(!help.contains(word), "{word} in {args:?}: {help}");
        }
    }
    // Usage errors name the arguments as the help does.
    let (code, _, stderr) = run_with(&["--lang", "ja", "cidr", "--prefix", "16"], &[]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("netlearn cidr split <ネットワーク> --prefix <プレフィックス長>"),
        "{stderr}"
    );
    let (_, en, _) = run_with(&["cidr", "--help"], &[]);
    assert!(
        en.contains("Usage: netlearn cidr [OPTIONS] <NET> [MASK]\n"),
        "{en}"
    );
}

/// `echo serve --help`: the long paragraphs (framing, limits) belong to the command, not to
/// `--mode`; echo client's address says what a bare port means.
#[test]
fn japanese_help_says_each_thing_under_its_own_heading() {
    let (_, help, _) = run_with(&["--lang", "ja", "echo", "serve", "--help"], &[]);
    let (long, options) = help.split_once("使い方:").expect("a usage line");
    assert!(long.contains("フレーミング (ストリーム上で"), "{long}");
    assert!(
        long.contains("制限 (どれもオプションで変えられます)"),
        "{long}"
    );
    let mode = options
        .split("--mode <8進数>")
        .nth(1)
        .and_then(|after| after.split("\n\n").next())
        .expect("--mode is listed");
    assert!(!mode.contains("フレーミング"), "--mode says: {mode}");
    assert!(mode.contains("パーミッション"), "--mode says: {mode}");
    for lang_args in [
        ["--lang", "ja", "echo", "client", "--help"],
        ["--lang", "ja", "echo", "bench", "--help"],
    ] {
        let (_, help, _) = run_with(&lang_args, &[]);
        let flat: String = help.split_whitespace().collect();
        assert!(
            flat.contains("ポート番号だけ(ホストは127.0.0.1)"),
            "{lang_args:?}: {help}"
        );
    }
    let (_, help, _) = run_with(&["echo", "client", "--help"], &[("COLUMNS", "100")]);
    let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("a port number alone (host 127.0.0.1)"),
        "{help}"
    );
}

/// A beginner from the Python article types `--port 5008`: the error says how to name the
/// port (in the address), never a `--format` that only looks alike.
#[test]
fn a_port_option_to_echo_client_says_how_to_name_the_port() {
    for (lang, said) in [
        (
            "en",
            "the port is part of the server's address: netlearn echo client 127.0.0.1:5008",
        ),
        (
            "ja",
            "ポートはサーバーのアドレスに続けて書きます: netlearn echo client 127.0.0.1:5008",
        ),
    ] {
        let (code, stdout, stderr) =
            run_with(&["--lang", lang, "echo", "client", "--port", "5008"], &[]);
        assert_eq!(code, Some(2), "{lang}: {stderr}");
        assert!(stdout.is_empty());
        assert!(stderr.contains(said), "{lang}: {stderr}");
        assert!(!stderr.contains("--format"), "{lang}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{lang}: {stderr}");
    }
}

/// Every command's path (`["echo", "serve"]`), walked from clap's command tree.
fn command_paths(command: &clap::Command, path: &[String], into: &mut Vec<Vec<String>>) {
    into.push(path.to_vec());
    for sub in command.get_subcommands() {
        let mut path = path.to_vec();
        path.push(sub.get_name().to_string());
        command_paths(sub, &path, into);
    }
}

/// The help `netlearn --lang LANG PATH --help` prints through a pipe with `COLUMNS` set, made
/// in this process by what the binary does: the same definition laid out for that width
/// (`command`, a `Cli::localized_command_at`), the same parse (`Cli::try_parse_with`), clap's
/// rendering of the help it stops with, and no-break spaces written as plain ones.
fn help_in_process(command: &clap::Command, args: &[String]) -> String {
    let argv = std::iter::once("netlearn").chain(args.iter().map(String::as_str));
    let error = match netlearn::cli::Cli::try_parse_with(command.clone(), argv) {
        Ok(_) => panic!("{args:?} ran instead of showing its help"),
        Err(error) => error,
    };
    assert_eq!(
        error.kind(),
        clap::error::ErrorKind::DisplayHelp,
        "{args:?}: {error}"
    );
    // Standard output and exit 0, as a run prints it.
    assert!(!error.use_stderr(), "{args:?}: help on stderr");
    assert_eq!(error.exit_code(), 0, "{args:?}");
    netlearn::output::spaces::plain(&error.render().to_string()).into_owned()
}

/// `--help` of every command in `lang` at `columns`: the arguments after `netlearn` and the
/// help a run with `COLUMNS=columns` prints through a pipe, rendered in this process
/// ([`help_in_process`]): one process per help took most of the width tests' time (a Japanese
/// help costs 65 ms of CPU in a debug build, localizing the whole tree).
/// [`the_binary_prints_the_same`] holds the two to each other.
pub(crate) fn helps(lang: &str, columns: usize) -> Vec<(Vec<String>, String)> {
    use clap::CommandFactory;
    let mut paths = Vec::new();
    command_paths(&netlearn::cli::Cli::command(), &[], &mut paths);
    assert!(paths.len() > 30, "the whole tree: {paths:?}");
    let chosen = netlearn::i18n::Lang::ALL
        .into_iter()
        .find(|chosen| chosen.code() == lang)
        .expect("a language netlearn has");
    let command = netlearn::cli::Cli::localized_command_at(chosen, columns);
    paths
        .into_iter()
        .map(|path| {
            let mut args = vec!["--lang".to_string(), lang.to_string()];
            args.extend(path);
            args.push("--help".to_string());
            let help = help_in_process(&command, &args);
            assert!(!help.trim().is_empty(), "{args:?}");
            (args, help)
        })
        .collect()
}

/// Some of `helps` (of `lang` at `columns`) run as the binary, through a pipe with COLUMNS
/// set: each prints the same bytes on stdout, nothing on stderr, and exits 0. The top
/// command's, the longest and the deepest help, and one more that moves with the language
/// and width, so that the four layouts compare different commands.
fn the_binary_prints_the_same(lang: &str, columns: usize, helps: &[(Vec<String>, String)]) {
    let longest = (0..helps.len()).max_by_key(|&at| helps[at].1.len());
    let deepest = (0..helps.len()).max_by_key(|&at| helps[at].0.len());
    let moving = (columns + 17 * usize::from(lang == "ja")) % helps.len();
    let mut chosen: Vec<usize> = [Some(0), longest, deepest, Some(moving)]
        .into_iter()
        .flatten()
        .collect();
    chosen.sort_unstable();
    chosen.dedup();
    let columns = columns.to_string();
    std::thread::scope(|scope| {
        for at in chosen {
            let (args, in_process) = &helps[at];
            let columns = &columns;
            scope.spawn(move || {
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                let (code, stdout, stderr) = run_with(&args, &[("COLUMNS", columns)]);
                assert_eq!(code, Some(0), "{args:?}: {stderr}");
                assert!(stderr.is_empty(), "{args:?}: {stderr}");
                assert_eq!(
                    &stdout, in_process,
                    "{args:?} at {columns}: the binary's help (left) and the one rendered in \
                     process (right) differ"
                );
            });
        }
    });
}

/// Every `--help` of every command fits 80 and 60 columns in both languages (CJK counted
/// double), and no number is parted from its unit nor an option from its dashes.
#[test]
fn every_help_of_every_command_fits_80_and_60_columns_in_both_languages() {
    let wide =
        |c: Option<char>| c.is_some_and(|c| unicode_width::UnicodeWidthChar::width(c) == Some(2));
    for lang in ["en", "ja"] {
        for columns in [80, 60] {
            let helps = helps(lang, columns);
            the_binary_prints_the_same(lang, columns, &helps);
            for (args, body) in &helps {
                let title = format!("$ netlearn {}", args.join(" "));
                let lines: Vec<&str> = body.lines().collect();
                // The examples are command lines, one a line, laid out by their own rules.
                let examples = lines
                    .iter()
                    .position(|line| *line == "例:" || *line == "Examples:")
                    .unwrap_or(lines.len());
                for (at, line) in lines.iter().enumerate() {
                    assert!(
                        display_width(line) <= columns,
                        "{title} at {columns}: {} wide: {line}",
                        display_width(line)
                    );
                    let end = line.trim_end();
                    assert!(
                        !end.ends_with(" -") && !end.ends_with(" --"),
                        "{title}: an option parted from its name: {line}"
                    );
                    let next = lines.get(at + 1).map(|next| next.trim_start());
                    let next_word = next
                        .and_then(|next| next.split([' ', ',', ')', ';']).next())
                        .unwrap_or_default();
                    let unit = ["ms", "s", "B", "KiB", "MiB", "GiB", "bytes", "connections"]
                        .contains(&next_word);
                    let number_end = end
                        .rsplit(' ')
                        .next()
                        .is_some_and(|word| word.parse::<u64>().is_ok());
                    let name_end = ["RFC", "(port", "port", "TTL"]
                        .iter()
                        .any(|name| end.ends_with(&format!(" {name}")));
                    let parted = (end.chars().last().is_some_and(|c| c.is_ascii_digit())
                        && wide(next.and_then(|next| next.chars().next())))
                        || (number_end && unit)
                        || (name_end && next_word.parse::<u64>().is_ok());
                    assert!(!parted, "{title}: a number parted from its unit: {line}");
                    // Japanese prose: an option at the end of a line and its value on the next.
                    let last = end.rsplit(' ').next().unwrap_or_default();
                    let value_next = next.is_some_and(|next| {
                        next.starts_with(|c: char| c.is_ascii_lowercase() || c == '<')
                    });
                    assert!(
                        lang == "en" || at >= examples || !(last.starts_with("--") && value_next),
                        "{title}: an option parted from its value: {line}"
                    );
                }
            }
        }
    }
}
