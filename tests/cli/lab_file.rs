//! `lab --topology FILE` and `lab up --topology FILE`: every shipped example builds, as root
//! and as an unprivileged user, and its expectations (what reaches and what must not) are met;
//! an expectation that is not met fails the run; a file with a mistake is refused in one line
//! naming the file, the line, the column and what was expected, before anything is built; a
//! file's lab kept by `lab up` is joined by `lab run`/`ping`, and a SIGKILL of it leaves
//! nothing behind.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::lab::{LabChild, runtime_dir};
use crate::common::netlearn;
use crate::lab::{netlearn_as, run_as};

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/lab")
        .join(name)
        .display()
        .to_string()
}

/// A copy of the example `name` that any user can read, for the runs as nobody: a checkout (a
/// CI's fresh clone in a private temporary directory) may be readable by its owner alone.
fn readable_example(name: &str) -> (tempfile::TempDir, String) {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let copy = dir.path().join(name);
    std::fs::copy(example(name), &copy).expect("copy the example");
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let path = copy.display().to_string();
    (dir, path)
}

/// The shipped examples, with how many of each one's expectations say "must not reach".
const EXAMPLES: [(&str, usize); 4] = [
    ("scenario.toml", 1),
    ("two-routers.toml", 0),
    ("broken-mask.toml", 2),
    ("slow-link.toml", 1),
];

/// `file` without its `[[expect]]` tables (each runs to the end of the file or the next table).
fn without_expectations(file: &str) -> String {
    let text = std::fs::read_to_string(file).expect("read the example");
    let mut kept = String::new();
    let mut in_expect = false;
    for line in text.lines() {
        if line.starts_with('[') {
            in_expect = line.trim() == "[[expect]]";
        }
        if !in_expect {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    kept
}

/// The lab of `file` at 80 columns, or None where no lab can be built here.
fn lab_of(file: &str, lang: &str) -> Option<(i32, String)> {
    let out = netlearn()
        .env("COLUMNS", "80")
        .args(["--lang", lang, "lab", "--topology", file])
        .output()
        .expect("run netlearn");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    text.contains(" → ")
        .then_some((out.status.code().unwrap_or(-1), text))
}

fn every_example_meets_its_expectations(unprivileged: bool) {
    for (name, must_not) in EXAMPLES {
        let (_dir, file) = readable_example(name);
        let Some(output) = run_as(&["--json", "lab", "--topology", &file], unprivileged) else {
            return;
        };
        let stderr = String::from_utf8_lossy(&output.stderr);
        let record: Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("{name}: one JSON record ({e}): {stderr}"));
        let expectations = record["expectations"].as_array().expect("expectations");
        assert!(!expectations.is_empty(), "{name} says what it expects");
        for checked in expectations {
            assert_eq!(checked["met"], true, "{name}: {checked}");
            assert_eq!(checked["reached"], checked["reach"], "{name}: {checked}");
        }
        let unreached: Vec<&Value> = expectations
            .iter()
            .filter(|c| c["reach"] == false)
            .collect();
        assert_eq!(unreached.len(), must_not, "{name}: {record}");
        for checked in &unreached {
            assert!(
                !["echo_reply", "connected", "http_response", "dns_answer"]
                    .contains(&checked["answer"].as_str().unwrap_or_default()),
                "{name}: {checked}"
            );
        }
        assert_eq!(output.status.code(), Some(0), "{name}: {stderr}");
        assert_eq!(record["reach"], serde_json::json!([]), "{name}");
    }
}

#[test]
fn every_shipped_topology_meets_its_expectations_as_root() {
    every_example_meets_its_expectations(false);
}

#[test]
fn every_shipped_topology_meets_its_expectations_as_an_unprivileged_user() {
    every_example_meets_its_expectations(true);
}

#[test]
fn the_checks_are_real_services_and_what_the_file_says_of_each() {
    let Some((code, text)) = lab_of(&example("scenario.toml"), "en") else {
        println!("skipped: no lab can be built here");
        return;
    };
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("== Servers: dns (dns 53), h2 (echo 5008, http 80)"),
        "{text}"
    );
    for line in [
        "✓ h1 → h2 (198.51.100.20) echo: reached, as expected: connected in ",
        "✓ h1 → h2 (198.51.100.20) http: reached, as expected: HTTP status 200 in",
        "✓ h1 → dns (198.51.100.53) dns: reached, as expected: the DNS server",
        "✓ h2 → h1 (192.0.2.10) http: not reached, as expected: Connection refused",
        "== 6 of 6 expectations met.",
    ] {
        assert!(text.contains(line), "{line}: {text}");
    }
    let (code, text) = lab_of(&example("slow-link.toml"), "ja").expect("built above");
    assert_eq!(code, 0, "{text}");
    // (No-break spaces are plain ones where the output is not a terminal.)
    assert!(
        text.contains("== h1 ── r1 (わざと品質を落としたリンク): 損失 2%、帯域 1 Mbps、"),
        "{text}"
    );
    assert!(
        text.contains("== 期待 4 件のうち 4 件を満たしました。"),
        "{text}"
    );
    for width in ["80", "60"] {
        let out = netlearn()
            .env("COLUMNS", width)
            .args([
                "--lang",
                "ja",
                "lab",
                "--topology",
                &example("slow-link.toml"),
            ])
            .output()
            .expect("run netlearn");
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            let columns = unicode_width::UnicodeWidthStr::width(line);
            assert!(columns <= width.parse().unwrap(), "{width}: {line}");
        }
    }
}

#[test]
fn an_expectation_not_met_is_marked_and_fails_the_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("wrong.toml");
    let mut text = without_expectations(&example("two-routers.toml"));
    text.push_str(
        "[[expect]]\nfrom = \"h1\"\nto = \"h2\"\nreach = false\n\n\
         [[expect]]\nfrom = \"h1\"\nto = \"h2\"\nservice = \"echo\"\n",
    );
    std::fs::write(&file, text).expect("write");
    let Some((code, text)) = lab_of(&file.display().to_string(), "en") else {
        println!("skipped: no lab can be built here");
        return;
    };
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("✗ h1 → h2 (10.0.3.20) ping: expected not to reach, but it did: answered"),
        "{text}"
    );
    assert!(
        text.contains("✗ h1 → h2 (10.0.3.20) echo: expected to reach, but: Connection refused"),
        "h2 runs no echo server in this file: {text}"
    );
    assert!(text.contains("== 0 of 2 expectations met."), "{text}");
}

#[test]
fn a_file_that_expects_nothing_pings_every_pair() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut texts = Vec::new();
    for (name, lang) in [
        ("two-routers.toml", "en"),
        ("scenario.toml", "ja"),
        ("broken-mask.toml", "en"),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, without_expectations(&example(name))).expect("write");
        let Some((code, text)) = lab_of(&file.display().to_string(), lang) else {
            println!("skipped: no lab can be built here");
            return;
        };
        assert_eq!(code, 0, "nothing expected, nothing failed: {text}");
        texts.push(text);
    }
    let text = &texts[0];
    assert!(text.contains("h1 ── 10.0.1.0/24 ── r1 ── 10.0.2.0/24 ── r2 ── 10.0.3.0/24 ── h2"));
    assert!(
        text.contains("h1 → h2 (10.0.3.20): answered")
            && text.contains("h2 → h1 (10.0.1.10): answered"),
        "{text}"
    );
    assert_eq!(
        texts[1].matches("応答がありました").count(),
        6,
        "every pair of h1, h2, dns: {}",
        texts[1]
    );
    let text = &texts[2];
    assert!(text.contains("10.0.0.12/8 ✗"), "the mask is marked: {text}");
    let c_to_far = text
        .lines()
        .find(|l| l.contains("c → far"))
        .expect("c pings far");
    assert!(!c_to_far.contains("answered"), "{c_to_far}");
    assert!(text.contains("a → far (10.9.0.20): answered"), "{text}");
    for line in text.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }
}

/// Two hosts on one cable, then `extra`.
fn pair(extra: &str) -> String {
    format!("[host.a]\n[host.b]\n[[link]]\na = \"10.0.0.1/24\"\nb = \"10.0.0.2/24\"\n{extra}")
}

#[test]
fn a_topology_with_a_mistake_is_refused_in_one_line_naming_where() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases: Vec<(String, &str, &str)> = vec![
        (
            "[host.h1]\n[[link]]\nh1 = \"10.0.0.1/24\"\nh9 = \"10.0.0.2/24\"\n".into(),
            "4:1",
            "the link names host \"h9\", which no [host.h9] declares",
        ),
        (
            "[host.a]\n[host.b]\n[[link]]\na = \"10.0.0.1\"\nb = \"10.0.0.2/24\"\n".into(),
            "4:5",
            "\"10.0.0.1\" is not an address with its prefix length",
        ),
        ("[host.a\n".into(), "1:8", "not a topology"),
        (
            "[host.a]\nservices = [\"echo\", \"ftp\"]\n[host.b]\n[[link]]\na = \"10.0.0.1/24\"\nb = \"10.0.0.2/24\"\n".into(),
            "2:21",
            "service \"ftp\": expected one of \"echo\", \"http\", \"dns\"",
        ),
        (
            pair("loss = \"twenty\"\n"),
            "6:8",
            "loss \"twenty\": expected a share like \"20%\" (0% to 100%)",
        ),
        (
            pair("rate = \"fast\"\n"),
            "6:8",
            "rate \"fast\": expected a rate like \"10mbit\" (bits per second: kbit, mbit, gbit)",
        ),
        (
            pair("rate = \"1mbit\"\nqueue = 64\n"),
            "7:9",
            "queue \"64\": expected a size like \"64kB\" (B, kB, KiB, MB, MiB)",
        ),
        (
            pair("delay = \"1min\"\n"),
            "6:9",
            "delay \"1min\": expected a delay like \"20ms\" (us, ms or s, at most 10 s)",
        ),
        (
            pair("queue = \"64kB\"\n"),
            "6:1",
            "queue needs a rate on the same link",
        ),
        (
            "[host.a]\n[host.delay]\n".into(),
            "2:7",
            "host name \"delay\": loss, rate, queue, delay are the keys of a link's impairment",
        ),
        (
            pair("[[expect]]\nfrom = \"a\"\nto = \"b.lab\"\n"),
            "8:6",
            "to \"b.lab\": expected a host of this file or an IPv4 address",
        ),
        (
            pair("[[expect]]\nfrom = \"a\"\nto = \"b\"\nservice = \"ssh\"\n"),
            "9:11",
            "service \"ssh\": expected one of",
        ),
        (
            pair("[[expect]]\nfrom = \"a\"\nto = \"b\"\nreach = \"yes\"\n"),
            "9:9",
            "not a topology",
        ),
    ];
    for (body, place, says) in cases {
        let file = dir.path().join("bad.toml");
        std::fs::write(&file, &body).expect("write");
        let out = netlearn()
            .args(["lab", "--topology"])
            .arg(&file)
            .output()
            .expect("run netlearn");
        assert_eq!(out.status.code(), Some(2), "{body}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        let place = format!("{}:{place}: ", file.display());
        assert!(
            stderr.contains(&place) && stderr.contains(says),
            "{place} {says}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "nothing is built");
        // lab up refuses it the same way, before building anything.
        let up = netlearn()
            .args(["lab", "up", "--duration", "1s"])
            .arg(&file)
            .output()
            .expect("run netlearn");
        assert_eq!(up.status.code(), Some(2), "{body}");
        assert!(String::from_utf8_lossy(&up.stderr).contains(&place));
    }
    // In Japanese, the same place and the key.
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, pair("rate = \"fast\"\n")).expect("write");
    let out = netlearn()
        .args(["--lang", "ja", "lab", "--topology"])
        .arg(&file)
        .output()
        .expect("run netlearn");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(":6:8: rate「fast」: 「10mbit」のような速さを書いてください"),
        "{stderr}"
    );
}

#[test]
fn a_topology_run_is_one_json_record_under_json() {
    let out = netlearn()
        .args(["--json", "lab", "--topology", &example("two-routers.toml")])
        .output()
        .expect("run netlearn");
    if !out.status.success() {
        println!("skipped: no lab can be built here: {out:?}");
        return;
    }
    let record: Value = serde_json::from_slice(&out.stdout).expect("one JSON record");
    assert_eq!(record["type"], "topology");
    assert_eq!(record["hosts"], serde_json::json!(["h1", "r1", "r2", "h2"]));
    let expectations = record["expectations"].as_array().expect("expectations");
    assert_eq!(expectations.len(), 3);
    assert_eq!(expectations[0]["line"], 32);
    assert_eq!(expectations[0]["check"], "ping");
    assert_eq!(expectations[0]["answer"], "echo_reply");
    assert_eq!(expectations[2]["to"], "10.0.2.2");
}

/// The network namespaces (`net:[INODE]`) process `pid` holds open as descriptors.
fn namespaces_held_by(pid: u32) -> BTreeSet<PathBuf> {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .expect("the lab's descriptors")
        .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
        .filter(|link| link.to_string_lossy().starts_with("net:["))
        .collect()
}

/// Every process whose network namespace, or one of whose descriptors, is one of `namespaces`.
fn users_of(namespaces: &BTreeSet<PathBuf>) -> Vec<String> {
    let mut found = Vec::new();
    for process in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let path = process.path();
        let Ok(tasks) = std::fs::read_dir(path.join("task")) else {
            continue;
        };
        for task in tasks.flatten() {
            if std::fs::read_link(task.path().join("ns/net"))
                .is_ok_and(|ns| namespaces.contains(&ns))
            {
                found.push(task.path().display().to_string());
            }
        }
        for fd in std::fs::read_dir(path.join("fd"))
            .into_iter()
            .flatten()
            .flatten()
        {
            if std::fs::read_link(fd.path()).is_ok_and(|link| namespaces.contains(&link)) {
                found.push(fd.path().display().to_string());
            }
        }
    }
    found
}

/// `netlearn --json lab up --topology FILE` as root, its state in `runtime` and its web pages in
/// `tmp`; returns once it said it is up. None where no lab can be built.
fn lab_up(file: &str, runtime: &Path, tmp: &Path) -> Option<LabChild> {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin!("netlearn"));
    command.env("TMPDIR", tmp);
    let args = [
        "--json",
        "lab",
        "up",
        "--duration",
        "60s",
        "--topology",
        file,
    ];
    let lab = LabChild::start(command, &args, runtime).ok()?;
    assert_eq!(lab.ready["type"], "up", "{}", lab.ready);
    assert_eq!(lab.ready["pid"], lab.id(), "{}", lab.ready);
    Some(lab)
}

/// `netlearn ARGS` joining the lab whose state is in `runtime`.
fn in_lab(runtime: &Path, args: &[&str]) -> std::process::Output {
    netlearn()
        .env("XDG_RUNTIME_DIR", runtime)
        .args(args)
        .output()
        .expect("run netlearn")
}

fn web_dirs(tmp: &Path) -> Vec<String> {
    std::fs::read_dir(tmp)
        .expect("tmp")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("netlearn-lab-web-"))
        .collect()
}

/// A file's lab killed with SIGKILL leaves nothing: its namespaces were only descriptors of its
/// process (the kernel drops them with it), its servers were threads of it, and the state file
/// and web pages it could not remove are taken for leftovers and replaced by the next `lab up`;
/// `lab run` and `lab ping` then join the new lab, by its own hosts' names.
#[test]
fn a_file_lab_killed_with_sigkill_leaves_nothing_and_the_next_one_is_joined() {
    if unsafe { libc::geteuid() } != 0 {
        println!("skipped: reading another process's descriptors needs root");
        return;
    }
    let runtime = tempfile::tempdir().expect("tempdir");
    let tmp = tempfile::tempdir().expect("tempdir");
    let Some(mut first) = lab_up(&example("slow-link.toml"), runtime.path(), tmp.path()) else {
        return;
    };
    let pid = first.id();
    let namespaces = namespaces_held_by(pid);
    // One per host, and the delay relay's where the kernel has no netem.
    assert!(
        (4..=5).contains(&namespaces.len()),
        "one per host (and the relay's): {namespaces:?}"
    );
    assert!(users_of(&namespaces).len() >= 4, "the lab holds them");
    let threads = std::fs::read_dir(format!("/proc/{pid}/task"))
        .expect("tasks")
        .count();
    assert!(
        threads > 1,
        "h2's and dns's servers run as threads of the lab"
    );
    let state = runtime.path().join("netlearn/lab.json");
    assert!(state.exists());
    let pages = web_dirs(tmp.path());
    assert_eq!(pages.len(), 1, "h2's page");
    // While it runs, lab run knows its hosts and lists them for a wrong one.
    let wrong = in_lab(runtime.path(), &["lab", "run", "r2", "--", "true"]);
    assert_eq!(wrong.status.code(), Some(2));
    let said = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        said.contains(&format!(
            "\"r2\" is not a host of the running lab (lab up, process {pid}): use h1, r1, dns, h2"
        )),
        "{said}"
    );

    let status = first.signal(libc::SIGKILL);
    assert!(!status.success());
    assert!(
        !Path::new(&format!("/proc/{pid}")).exists(),
        "no process of it remains"
    );
    assert_eq!(
        users_of(&namespaces),
        Vec::<String>::new(),
        "no process or descriptor refers to its namespaces"
    );
    // What only a clean exit removes is still there, and ignored: its process is dead.
    assert!(state.exists(), "a SIGKILL removes nothing itself");
    assert_eq!(web_dirs(tmp.path()), pages);
    let alone = in_lab(runtime.path(), &["lab", "run", "r2", "--", "true"]);
    assert!(
        String::from_utf8_lossy(&alone.stderr).contains("use h1, r1, h2, dns"),
        "a dead lab is not joined: {alone:?}"
    );

    let Some(mut second) = lab_up(&example("two-routers.toml"), runtime.path(), tmp.path()) else {
        panic!("a lab was built a moment ago");
    };
    let new_pid = second.id();
    let published: Value =
        serde_json::from_slice(&std::fs::read(&state).expect("state")).expect("JSON");
    assert_eq!(
        published["pid"], new_pid,
        "the stale state file was replaced"
    );
    assert!(
        !web_dirs(tmp.path()).contains(&pages[0]),
        "the dead lab's pages went"
    );
    let forwarding = in_lab(
        runtime.path(),
        &[
            "lab",
            "run",
            "r2",
            "--",
            "cat",
            "/proc/sys/net/ipv4/ip_forward",
        ],
    );
    let pinged = in_lab(
        runtime.path(),
        &["--json", "lab", "ping", "h1", "h2", "--count", "1"],
    );
    let status = second.stop().expect("stopped");
    assert!(status.success());
    assert!(!state.exists(), "a clean exit removes its state file");
    assert_eq!(
        String::from_utf8_lossy(&forwarding.stdout).trim(),
        "1",
        "r2 of the new lab forwards: {forwarding:?}"
    );
    let replies = crate::lab::json_lines(&pinged);
    assert_eq!(replies[0]["answer"], "echo_reply", "{pinged:?}");
    assert_eq!(replies[0]["ttl"], 62, "across r1 and r2: {pinged:?}");
}

#[test]
fn a_file_lab_is_kept_by_lab_up_as_an_unprivileged_user_and_joined() {
    let Some(up) = netlearn_as(true) else {
        return;
    };
    let runtime = runtime_dir(true);
    let (_dir, file) = readable_example("two-routers.toml");
    let args = ["--json", "lab", "up", "--duration", "60s", &file];
    let Ok(mut lab) = LabChild::start(up, &args, runtime.path()) else {
        return;
    };
    let trace = netlearn_as(true)
        .expect("as above")
        .args(["--json", "lab", "trace", "h1", "h2"])
        .env("XDG_RUNTIME_DIR", runtime.path())
        .output()
        .expect("lab trace");
    assert!(lab.stop().expect("stopped").success());
    let hops = crate::lab::json_lines(&trace);
    let names: Vec<&str> = hops.iter().filter_map(|h| h["host"].as_str()).collect();
    assert_eq!(names, ["r1", "r2", "h2"], "{trace:?}");
}
