//! Help texts, completions and the man page, snapshot-tested from the one clap definition.

mod common;

use common::netlearn;

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
