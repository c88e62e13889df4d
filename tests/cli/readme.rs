//! Runs every `console` example in README.md: the front door must not lie.
//!
//! `$ netlearn …` lines are run (an optional `printf '…' |` feeds standard input); the lines
//! that follow, if any, are the expected output. 127.0.0.1:5008 stands for a server this test
//! starts on a free loopback port with the example's framing and transport, and 127.0.0.1:5353
//! for the test DNS server (tests/common/dns.rs). `netlearn` lines in `sh` blocks reach the
//! network, so they are only parsed.

use crate::common::dns::DnsServer;
use crate::common::{SpawnedServer, netlearn};
use clap::Parser;
use netlearn::cli::Cli;

/// Where README examples find the test DNS server.
const README_DNS: &str = "127.0.0.1:5353";

struct Example {
    command: String,
    expected: Vec<String>,
}

fn console_examples(readme: &str) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    let mut in_console = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_console = line == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        match line.strip_prefix("$ ") {
            Some(command) => examples.push(Example {
                command: command.to_string(),
                expected: Vec::new(),
            }),
            None => examples
                .last_mut()
                .expect("output follows a command")
                .expected
                .push(line.to_string()),
        }
    }
    examples
}

/// Unescapes the body of a single-quoted printf format (only `\n` is used).
fn printf_input(format: &str) -> Vec<u8> {
    format.replace("\\n", "\n").into_bytes()
}

fn split_stdin(command: &str) -> (Option<Vec<u8>>, &str) {
    match command.split_once(" | ") {
        Some((feeder, rest)) => {
            let body = feeder
                .strip_prefix("printf '")
                .and_then(|f| f.strip_suffix('\''))
                .unwrap_or_else(|| panic!("unsupported pipeline in README: {command}"));
            (Some(printf_input(body)), rest)
        }
        None => (None, command),
    }
}

fn flag_value<'a>(args: &[&'a str], flag: &str) -> Option<&'a str> {
    args.iter()
        .position(|arg| *arg == flag)
        .and_then(|i| args.get(i + 1).copied())
}

fn run_serve_example(args: &[&str], expected: &[String]) {
    let serve_at = args.iter().position(|a| *a == "serve").expect("serve");
    let mut serve_args: Vec<&str> = Vec::new();
    let mut rest = args[serve_at + 1..].iter();
    while let Some(arg) = rest.next() {
        if *arg == "--port" {
            rest.next();
        } else {
            serve_args.push(arg);
        }
    }
    let server = SpawnedServer::start(&serve_args);
    let port = server.addr.port().to_string();
    let fix = |line: &str| line.replace("5008", &port);
    if let Some(first) = expected.first() {
        let framing = flag_value(&serve_args, "--framing").unwrap_or("line");
        let proto = if serve_args.contains(&"--udp") {
            "udp"
        } else {
            "tcp"
        };
        assert_eq!(
            fix(first),
            format!("listening on {} ({proto}, {framing})", server.addr)
        );
    }
    for line in expected.iter().skip(1) {
        let got = server
            .lines
            .recv_timeout(crate::common::WAIT)
            .expect("server printed the README's next line");
        // Column padding depends on the port's digits: compare words, not spaces.
        let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(words(&got), words(&fix(line)));
    }
}

/// Every `netlearn …` line of the README's `sh` blocks, without its comment.
fn sh_commands(readme: &str) -> Vec<String> {
    let mut commands = Vec::new();
    let mut in_sh = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_sh = line == "```sh";
            continue;
        }
        if in_sh && line.starts_with("netlearn ") {
            let command = line.split(" # ").next().unwrap_or(line).trim();
            commands.push(command.to_string());
        }
    }
    commands
}

#[test]
fn every_sh_example_in_the_readme_parses() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let commands = sh_commands(&readme);
    assert!(
        commands.iter().any(|c| c == "netlearn dns python.org"),
        "the README shows the dns example"
    );
    for command in commands {
        // The shell's part (redirections, pipes) is not netlearn's.
        let words: Vec<&str> = command
            .split_whitespace()
            .take_while(|w| !matches!(*w, "<" | "|" | ">" | "&&"))
            .collect();
        if let Err(error) = Cli::try_parse_from(&words) {
            panic!("README example `{command}` does not parse: {error}");
        }
    }
}

#[test]
fn every_console_example_in_the_readme_runs() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let examples = console_examples(&readme);
    assert!(examples.len() >= 10, "README has its examples");
    for example in &examples {
        let (stdin, command) = split_stdin(&example.command);
        let args: Vec<&str> = command.split_whitespace().collect();
        assert_eq!(args.first(), Some(&"netlearn"), "{}", example.command);
        let args = &args[1..];
        if args.contains(&"serve") {
            run_serve_example(args, &example.expected);
            continue;
        }
        if args.iter().any(|a| a.contains(README_DNS)) {
            let dns = DnsServer::start();
            let args: Vec<String> = args
                .iter()
                .map(|a| a.replace(README_DNS, &dns.addr.to_string()))
                .collect();
            let output = netlearn().args(&args).assert().success();
            if !example.expected.is_empty() {
                let stdout = String::from_utf8_lossy(&output.get_output().stdout).to_string();
                let expected = example.expected.join("\n") + "\n";
                assert_eq!(stdout, expected, "output of `{}`", example.command);
            }
            continue;
        }
        let needs_server = args.iter().any(|a| a.contains("127.0.0.1:5008"));
        let server = needs_server.then(|| {
            let mut server_args =
                vec!["--framing", flag_value(args, "--framing").unwrap_or("line")];
            if args.contains(&"--udp") {
                server_args.push("--udp");
            }
            SpawnedServer::start(&server_args)
        });
        let args: Vec<String> = args
            .iter()
            .map(|arg| match &server {
                Some(server) => arg.replace("127.0.0.1:5008", &server.addr.to_string()),
                None => arg.to_string(),
            })
            .collect();
        let mut run = netlearn();
        run.args(&args);
        // An echo ends where its input ends: no newline in, no newline out.
        let ends_in_newline = stdin.as_ref().is_none_or(|input| input.ends_with(b"\n"));
        if let Some(stdin) = stdin {
            run.write_stdin(stdin);
        }
        let output = run.assert().success();
        if !example.expected.is_empty() {
            let stdout = String::from_utf8_lossy(&output.get_output().stdout).to_string();
            let mut expected = example.expected.join("\n");
            if ends_in_newline {
                expected.push('\n');
            }
            assert_eq!(stdout, expected, "output of `{}`", example.command);
        }
    }
}
