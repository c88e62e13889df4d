//! Graded exercises: `lab exercise NAME` keeps a broken lab up, `lab check` fails on it (the
//! failing check and its hint shown, exit 1) and passes (exit 0) once the learner's ordinary
//! commands, run through `lab run`, have fixed it; as root and as nobody. Each host's own
//! /etc/resolv.conf, the machine's left alone. Every screen fits 80 and 60 columns.

use std::process::{Command, Output, Stdio};
use std::time::Instant;

use unicode_width::UnicodeWidthStr;

use crate::common::lab::{LabChild, runtime_dir};
use crate::lab::netlearn_as;

/// A running `lab exercise NAME` and how to join it; stopped (SIGTERM by its pid, a bounded
/// wait) when dropped, so a failing assertion leaves no lab behind.
struct Running {
    lab: LabChild,
    runtime: tempfile::TempDir,
    unprivileged: bool,
}

impl Running {
    /// Starts exercise `name` and waits for its ready line; None (the reason printed) where
    /// no lab can be built here.
    fn start(name: &str, unprivileged: bool) -> Option<Running> {
        let command = netlearn_as(unprivileged)?;
        let runtime = runtime_dir(unprivileged);
        let args = ["--json", "lab", "exercise", name, "--duration", "60s"];
        let lab = match LabChild::start(command, &args, runtime.path()) {
            Ok(lab) => lab,
            Err(said) => {
                assert!(said.contains("cannot build the lab here"), "{said}");
                return None;
            }
        };
        assert_eq!(lab.ready["type"], "exercise", "{}", lab.ready);
        assert_eq!(lab.ready["exercise"], name, "{}", lab.ready);
        Some(Running {
            lab,
            runtime,
            unprivileged,
        })
    }

    /// `netlearn ARGS` joining this lab (same user, same runtime directory).
    fn netlearn(&self, args: &[&str]) -> Output {
        netlearn_as(self.unprivileged)
            .expect("the lab started, so this runs")
            .args(args)
            .env("XDG_RUNTIME_DIR", self.runtime.path())
            .env("NO_COLOR", "1")
            .env("COLUMNS", "80")
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .stdin(Stdio::null())
            .output()
            .expect("run netlearn")
    }

    /// `lab run HOST -- sh -c SCRIPT`, which must succeed.
    fn fix(&self, host: &str, script: &str) {
        let output = self.netlearn(&["lab", "run", host, "--", "sh", "-c", script]);
        assert!(output.status.success(), "{script}: {output:?}");
    }

    /// SIGTERM, then the exit status (bounded).
    fn stop(&mut self) -> Option<std::process::ExitStatus> {
        self.lab.stop()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `said` with its wrapped lines joined again (continuations are indented).
fn unwrapped(said: &str) -> String {
    said.replace("\n    ", " ").replace("\n  ", " ")
}

/// The exercise from start to solved: `lab check` fails showing `failing` and `hint`, the
/// `fix` (a shell script run in `host` through `lab run`) mends it, `lab check` passes, and the
/// lab leaves nothing in its runtime directory.
fn solve(name: &str, failing: &str, hint: &str, host: &str, fix: &str, unprivileged: bool) {
    let started = Instant::now();
    let Some(mut lab) = Running::start(name, unprivileged) else {
        return;
    };
    let before = lab.netlearn(&["lab", "check"]);
    let said = unwrapped(&text(&before.stdout));
    assert_eq!(
        before.status.code(),
        Some(1),
        "{said}{}",
        text(&before.stderr)
    );
    let failed = said
        .lines()
        .find(|line| line.starts_with('✗'))
        .unwrap_or_else(|| panic!("no failing check: {said}"));
    assert!(failed.contains(failing), "{failed}\n{said}");
    assert!(said.contains(hint), "no hint {hint:?}: {said}");
    assert!(said.contains("checks fail"), "{said}");

    let json = lab.netlearn(&["--json", "lab", "check"]);
    assert_eq!(json.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(report["exercise"], name);
    assert_eq!(report["passed"], false);
    assert!(!report["findings"].as_array().expect("findings").is_empty());

    lab.fix(host, fix);
    let after = lab.netlearn(&["lab", "check"]);
    let said = text(&after.stdout);
    assert_eq!(
        after.status.code(),
        Some(0),
        "{said}{}",
        text(&after.stderr)
    );
    assert_eq!(
        said.lines().filter(|l| l.starts_with('✓')).count(),
        3,
        "{said}"
    );
    assert!(!said.contains('✗'), "{said}");

    let runtime = lab.runtime.path().join("netlearn");
    assert!(lab.stop().expect("stopped").success());
    let left: Vec<_> = std::fs::read_dir(&runtime)
        .map(|entries| entries.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "left behind: {left:?}");
    println!("{name}: {:?}", started.elapsed());
}

fn mask(unprivileged: bool) {
    solve(
        "mask",
        "h1 pings h2 (198.51.100.20)",
        "hint: h1's eth0 has 192.0.2.10/4 (mask 240.0.0.0)",
        "h1",
        "ip addr add 192.0.2.10/24 dev eth0 && ip addr del 192.0.2.10/4 dev eth0",
        unprivileged,
    );
}

#[test]
fn exercise_mask_fails_then_passes_once_ip_addr_fixes_the_mask() {
    mask(false);
}

#[test]
fn exercise_mask_as_an_unprivileged_user() {
    mask(true);
}

fn gateway(unprivileged: bool) {
    solve(
        "gateway",
        "Network is unreachable",
        "hint: h1 has no IPv4 default route",
        "h1",
        "ip route add default via 192.0.2.1",
        unprivileged,
    );
}

#[test]
fn exercise_gateway_fails_then_passes_once_ip_route_adds_the_default() {
    gateway(false);
}

#[test]
fn exercise_gateway_as_an_unprivileged_user() {
    gateway(true);
}

fn dns(unprivileged: bool) {
    solve(
        "dns",
        "h1 finds h2.lab through its resolver (server 198.51.100.20)",
        "hint: h1's /etc/resolv.conf sends its questions to 198.51.100.20, which is h2",
        "h1",
        "echo 'nameserver 198.51.100.53' > /etc/resolv.conf",
        unprivileged,
    );
}

#[test]
fn exercise_dns_fails_then_passes_once_resolv_conf_names_the_lab_server() {
    let machines = std::fs::read("/etc/resolv.conf").ok();
    dns(false);
    assert_eq!(
        std::fs::read("/etc/resolv.conf").ok(),
        machines,
        "this machine's /etc/resolv.conf is never written"
    );
}

#[test]
fn exercise_dns_as_an_unprivileged_user() {
    dns(true);
}

fn forwarding(unprivileged: bool) {
    solve(
        "forwarding",
        "h1 pings h2 (198.51.100.20): no answer came back",
        "hint: r1 does not forward: net.ipv4.ip_forward is 0 there",
        "r1",
        "echo 1 > /proc/sys/net/ipv4/ip_forward",
        unprivileged,
    );
}

#[test]
fn exercise_forwarding_fails_then_passes_once_r1_forwards() {
    forwarding(false);
}

#[test]
fn exercise_forwarding_as_an_unprivileged_user() {
    forwarding(true);
}

fn nft_installed() -> bool {
    let found = Command::new("nft").arg("--version").output().is_ok();
    if !found {
        println!("skipped: no nft program (Debian: nftables)");
    }
    found
}

fn firewall(unprivileged: bool) {
    if !nft_installed() {
        return;
    }
    solve(
        "firewall",
        "echo server on h2 (198.51.100.20 port 5008): no answer to the connection request",
        "hint: h2's firewall has the rule `tcp dport 5008 drop` in table inet filter, chain input",
        "h2",
        "nft delete rule inet filter input handle \
         $(nft -a list chain inet filter input | sed -n 's/.*dport 5008 drop # handle //p')",
        unprivileged,
    );
}

#[test]
fn exercise_firewall_fails_then_passes_once_nft_deletes_the_rule() {
    firewall(false);
}

#[test]
fn exercise_firewall_as_an_unprivileged_user() {
    firewall(true);
}

/// Each host reads its own /etc/resolv.conf: the lab's DNS server for all, a wrong one for h1
/// in the DNS exercise; a file written inside a host is that host's alone.
#[test]
fn each_host_has_its_own_resolv_conf() {
    let Some(lab) = Running::start("dns", false) else {
        return;
    };
    let read = |host: &str| {
        text(
            &lab.netlearn(&["lab", "run", host, "--", "cat", "/etc/resolv.conf"])
                .stdout,
        )
    };
    assert_eq!(read("h1"), "nameserver 198.51.100.20\n");
    for host in ["r1", "h2", "dns"] {
        assert_eq!(read(host), "nameserver 198.51.100.53\n", "{host}");
    }
    lab.fix("h2", "echo 'nameserver 192.0.2.1' > /etc/resolv.conf");
    assert_eq!(read("h2"), "nameserver 192.0.2.1\n");
    assert_eq!(read("r1"), "nameserver 198.51.100.53\n");
    // A plain lab run (a lab of its own) gives every host the lab's server too.
    let fresh = netlearn_as(false)
        .expect("root")
        .args(["lab", "run", "dns", "--", "cat", "/etc/resolv.conf"])
        .env("XDG_RUNTIME_DIR", runtime_dir(false).path())
        .output()
        .expect("lab run");
    assert_eq!(
        text(&fresh.stdout),
        "nameserver 198.51.100.53\n",
        "{fresh:?}"
    );
}

/// `lab check` with no exercise running, or with a plain `lab up`: one line that says what to
/// do next, exit 1.
#[test]
fn lab_check_without_an_exercise_says_how_to_start_one() {
    let Some(mut command) = netlearn_as(false) else {
        return;
    };
    let runtime = runtime_dir(false);
    let output = command
        .args(["lab", "check"])
        .env("XDG_RUNTIME_DIR", runtime.path())
        .env_remove("COLUMNS")
        .output()
        .expect("lab check");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let said = text(&output.stderr);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(
        said.contains("no exercise is running: start one with netlearn lab exercise NAME"),
        "{said}"
    );
    let ja = netlearn_as(false)
        .expect("root")
        .args(["--lang", "ja", "lab", "check"])
        .env("XDG_RUNTIME_DIR", runtime.path())
        .env_remove("COLUMNS")
        .output()
        .expect("lab check");
    assert_eq!(ja.status.code(), Some(1));
    assert!(
        text(&ja.stderr).contains("動いている演習がありません"),
        "{ja:?}"
    );

    // A plain lab up is not an exercise.
    let up = netlearn_as(false).expect("root");
    let args = ["--json", "lab", "up", "--duration", "60s"];
    let Ok(mut up) = LabChild::start(up, &args, runtime.path()) else {
        return;
    };
    let plain = netlearn_as(false)
        .expect("root")
        .args(["lab", "check"])
        .env("XDG_RUNTIME_DIR", runtime.path())
        .env_remove("COLUMNS")
        .output()
        .expect("lab check");
    up.stop();
    assert_eq!(plain.status.code(), Some(1));
    assert!(
        text(&plain.stderr).contains("is a plain lab up, not an exercise"),
        "{plain:?}"
    );
}

#[test]
fn an_unknown_exercise_is_a_usage_error() {
    let output = crate::common::netlearn()
        .args(["lab", "exercise", "subnet"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let said = text(&output.stderr);
    assert!(said.contains("subnet") && said.contains("mask"), "{said}");
}

/// Columns `line` takes on a terminal.
fn columns(line: &str) -> usize {
    UnicodeWidthStr::width(line)
}

fn assert_fits(said: &str, width: usize, what: &str) {
    for line in said.lines() {
        assert!(
            columns(line) <= width,
            "{what} at {width}: {line:?} ({})",
            columns(line)
        );
    }
}

/// The list, the task, the check's failing and passing screens, in English and Japanese, fit
/// 80 and 60 columns.
#[test]
fn exercise_screens_fit_80_and_60_columns_in_both_languages() {
    for lang in ["en", "ja"] {
        for width in [80usize, 60] {
            let list = crate::common::netlearn()
                .args(["--lang", lang, "lab", "exercise"])
                .env("COLUMNS", width.to_string())
                .output()
                .expect("run");
            assert!(list.status.success());
            let said = text(&list.stdout);
            for name in ["mask", "gateway", "dns", "forwarding", "firewall"] {
                assert!(said.lines().any(|l| l.starts_with(name)), "{said}");
            }
            assert_fits(&said, width, "lab exercise");
        }
    }
    let Some(lab) = Running::start("mask", false) else {
        return;
    };
    // The runs are independent processes that mostly wait: side by side.
    std::thread::scope(|scope| {
        for lang in ["en", "ja"] {
            for width in [80usize, 60] {
                let lab = &lab;
                scope.spawn(move || {
                    let check = netlearn_as(false)
                        .expect("root")
                        .args(["--lang", lang, "lab", "check"])
                        .env("XDG_RUNTIME_DIR", lab.runtime.path())
                        .env("COLUMNS", width.to_string())
                        .output()
                        .expect("lab check");
                    assert_eq!(check.status.code(), Some(1));
                    let said = text(&check.stdout);
                    let hint = if lang == "ja" { "ヒント" } else { "hint" };
                    assert!(said.contains(hint), "{said}");
                    assert_fits(&said, width, "lab check");
                });
                for exercise in ["mask", "gateway", "dns", "forwarding", "firewall"] {
                    // The task as lab exercise says it (over at once: --duration).
                    scope.spawn(move || {
                        let runtime = runtime_dir(false);
                        let task = netlearn_as(false)
                            .expect("root")
                            .args(["--lang", lang, "lab", "exercise", exercise])
                            .args(["--duration", "1ms"])
                            .env("XDG_RUNTIME_DIR", runtime.path())
                            .env("COLUMNS", width.to_string())
                            .output()
                            .expect("lab exercise");
                        if exercise == "firewall" && !task.status.success() {
                            assert!(text(&task.stderr).contains("nft"), "{task:?}");
                            return;
                        }
                        assert!(task.status.success(), "{task:?}");
                        let said = text(&task.stdout);
                        assert!(unwrapped(&said).contains("netlearn lab check"), "{said}");
                        assert_fits(&said, width, exercise);
                    });
                }
            }
        }
    });
}
