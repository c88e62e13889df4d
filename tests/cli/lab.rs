//! The lab: a real network of namespaces, built as root and as an unprivileged user where the
//! machine allows user namespaces; what crosses the router, each mistake's failure, and that
//! nothing is left behind.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

use crate::common::lab::{LabChild, NOBODY, runtime_dir};
use crate::common::netlearn;

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

/// The host's own interfaces and named namespaces, to compare before and after.
fn host_network() -> (BTreeSet<String>, BTreeSet<String>) {
    let names = |dir: &str| {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    (names("/sys/class/net"), names("/run/netns"))
}

/// `netlearn ARGS`, as nobody (setpriv) when `unprivileged`; None (with the reason printed)
/// where that cannot run here.
/// The netlearn binary, run as nobody (setpriv) when `unprivileged`; None (with the reason
/// printed) where that cannot be done here.
pub(crate) fn netlearn_as(unprivileged: bool) -> Option<Command> {
    let binary = assert_cmd::cargo::cargo_bin!("netlearn");
    if !unprivileged {
        return Some(Command::new(binary));
    }
    if !is_root() || Command::new("setpriv").arg("--version").output().is_err() {
        println!("skipped: dropping to an unprivileged user needs root and setpriv");
        return None;
    }
    let mut command = Command::new("setpriv");
    command
        .args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--inh-caps=-all",
        ])
        .arg(binary);
    Some(command)
}

pub(crate) fn run_as(args: &[&str], unprivileged: bool) -> Option<Output> {
    let mut command = netlearn_as(unprivileged)?;
    let runtime = runtime_dir(unprivileged);
    let output = command
        .args(args)
        .env("NO_COLOR", "1")
        .env("XDG_RUNTIME_DIR", runtime.path())
        .output()
        .expect("run netlearn");
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("cannot build the lab here") {
        // The one paragraph that says why is itself the behaviour to check.
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        assert!(stderr.contains("namespace"), "{stderr}");
        println!("skipped: {}", stderr.trim());
        return None;
    }
    Some(output)
}

pub(crate) fn json_lines(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

fn step<'a>(records: &'a [Value], name: &str) -> &'a Value {
    records
        .iter()
        .find(|r| r["type"] == "step" && r["step"] == name)
        .unwrap_or_else(|| panic!("no {name} step in {records:#?}"))
}

fn guided_lab(unprivileged: bool) {
    let before = host_network();
    let Some(output) = run_as(&["--json", "lab"], unprivileged) else {
        return;
    };
    assert!(output.status.success(), "{output:?}");
    let records = json_lines(&output);

    let dns = step(&records, "dns");
    assert_eq!(
        dns["facts"]["addresses"],
        serde_json::json!(["198.51.100.20"]),
        "{dns}"
    );
    assert!(
        dns["packets"].as_array().is_some_and(|p| p.len() >= 2),
        "query and answer: {dns}"
    );

    let route = step(&records, "route");
    assert_eq!(route["facts"]["mask"], "255.255.255.0");
    assert_eq!(route["facts"]["next_hop"], "192.0.2.1");
    assert_eq!(route["facts"]["on_link"], false);

    let r1_eth0_mac = records[0]["facts"]["hosts"]
        .as_array()
        .and_then(|hosts| hosts.iter().find(|h| h["name"] == "r1"))
        .and_then(|r1| r1["interfaces"].as_array())
        .and_then(|ifs| ifs.iter().find(|i| i["name"] == "eth0"))
        .map(|i| i["mac"].clone())
        .expect("r1's eth0 in the build step");
    let arp = step(&records, "arp");
    assert_eq!(arp["facts"]["answer_mac"], r1_eth0_mac, "{arp}");
    assert!(
        arp["packets"]
            .as_array()
            .is_some_and(|p| p.iter().any(|p| p["proto"] == "arp")),
        "{arp}"
    );

    let ping = step(&records, "ping");
    assert_eq!(ping["facts"]["ttl_sent"], 64);
    assert_eq!(ping["facts"]["ttl_on_arrival"], 63, "{ping}");
    assert_eq!(ping["facts"]["reply_ttl"], 63, "{ping}");

    let trace = step(&records, "trace");
    let hops: Vec<&Value> = trace["facts"]["hops"]
        .as_array()
        .expect("hops")
        .iter()
        .map(|h| &h["host"])
        .collect();
    assert_eq!(hops, [&Value::from("r1"), &Value::from("h2")], "{trace}");
    assert_eq!(trace["facts"]["hops"][0]["answer"], "time_exceeded");

    let echo = step(&records, "echo");
    assert_eq!(echo["facts"]["matches"], true, "{echo}");
    assert_eq!(echo["facts"]["echoed"], "hello across r1");

    let http = step(&records, "http");
    assert_eq!(http["facts"]["status"], 200, "{http}");

    assert!(
        records
            .iter()
            .filter(|r| r["type"] == "step")
            .all(|r| r["ok"] == true),
        "{records:#?}"
    );
    step(&records, "teardown");
    assert_eq!(
        host_network(),
        before,
        "the lab left an interface or a namespace behind"
    );
}

#[test]
fn the_guided_lab_crosses_the_router() {
    guided_lab(false);
}

#[test]
fn the_guided_lab_runs_as_an_unprivileged_user() {
    guided_lab(true);
}

fn mistake(name: &str) -> Option<Vec<Value>> {
    let before = host_network();
    let output = run_as(&["--json", "lab", "--mistake", name], false)?;
    assert!(output.status.success(), "{output:?}");
    assert_eq!(host_network(), before);
    let records = json_lines(&output);
    assert_eq!(step(&records, "ping")["ok"], true, "{records:#?}");
    Some(records)
}

#[test]
fn a_wrong_mask_makes_arp_ask_for_h2_in_vain() {
    let Some(records) = mistake("mask") else {
        return;
    };
    let route = step(&records, "route");
    assert_eq!(route["facts"]["mask"], "240.0.0.0");
    assert_eq!(route["facts"]["on_link"], true);
    let ping = step(&records, "ping");
    assert!(
        ping["facts"]["answer"] == "unreachable" || ping["facts"]["answer"] == "no_answer",
        "{ping}"
    );
    let who_has_h2 = ping["packets"]
        .as_array()
        .expect("packets")
        .iter()
        .filter(|p| p["proto"] == "arp" && p["dst"] == "198.51.100.20")
        .count();
    assert!(who_has_h2 >= 1, "{ping}");
    assert!(
        ping["text"][0]
            .as_str()
            .is_some_and(|t| t.contains("Destination Host Unreachable") || t.contains("no answer")),
        "{ping}"
    );
}

#[test]
fn no_gateway_is_network_unreachable() {
    let Some(records) = mistake("gateway") else {
        return;
    };
    let ping = step(&records, "ping");
    assert_eq!(ping["facts"]["answer"], "not_sent");
    assert_eq!(
        ping["facts"]["error"]
            .as_str()
            .map(|e| e.contains("Network is unreachable")),
        Some(true),
        "{ping}"
    );
}

#[test]
fn a_gateway_off_the_subnet_is_refused_by_the_kernel() {
    let Some(records) = mistake("gateway-off-subnet") else {
        return;
    };
    let refused = step(&records, "route_refused");
    assert_eq!(refused["facts"]["gateway"], "198.51.100.1");
    assert!(
        refused["facts"]["error"]
            .as_str()
            .is_some_and(|e| !e.is_empty()),
        "{refused}"
    );
    assert_eq!(step(&records, "ping")["facts"]["answer"], "not_sent");
}

#[test]
fn without_forwarding_the_request_vanishes_at_the_router() {
    let Some(records) = mistake("no-forwarding") else {
        return;
    };
    let ping = step(&records, "ping");
    assert_eq!(ping["facts"]["answer"], "no_answer", "{ping}");
    assert_eq!(
        ping["facts"]["ttl_on_arrival"],
        Value::Null,
        "nothing reached h2: {ping}"
    );
    assert!(
        ping["packets"].as_array().is_some_and(|p| p
            .iter()
            .any(|p| p["proto"] == "icmp" && p["at"] == "h1 eth0")),
        "the request left h1: {ping}"
    );
}

#[test]
fn lab_ping_and_trace_from_h1() {
    let Some(output) = run_as(
        &[
            "--json",
            "lab",
            "ping",
            "h1",
            "h2",
            "--count",
            "2",
            "--interval",
            "0s",
        ],
        false,
    ) else {
        return;
    };
    assert!(output.status.success(), "{output:?}");
    let records = json_lines(&output);
    let replies: Vec<&Value> = records.iter().filter(|r| r["type"] == "reply").collect();
    assert_eq!(replies.len(), 2);
    assert!(
        replies.iter().all(|r| r["ttl"] == 63 && r["host"] == "h2"),
        "{records:#?}"
    );

    let output =
        run_as(&["--json", "lab", "trace", "h1", "h2.lab"], false).expect("ran once already");
    assert!(output.status.success(), "{output:?}");
    let hosts: Vec<Value> = json_lines(&output)
        .iter()
        .map(|r| r["host"].clone())
        .collect();
    assert_eq!(hosts, [Value::from("r1"), Value::from("h2")]);
}

#[test]
fn lab_run_runs_inside_the_host() {
    // /proc/net follows the reader's namespace (sysfs would show the host's, where mounted).
    let Some(output) = run_as(&["lab", "run", "h1", "--", "cat", "/proc/net/route"], false) else {
        return;
    };
    assert!(output.status.success(), "{output:?}");
    let routes = String::from_utf8_lossy(&output.stdout);
    // The default route (destination 0) via 192.0.2.1, in the kernel's little-endian hex.
    assert!(
        routes
            .lines()
            .any(|l| l.starts_with("eth0\t00000000\t010200C0")),
        "{routes}"
    );
    let Some(output) = run_as(&["lab", "run", "r1", "--", "sh", "-c", "exit 3"], false) else {
        return;
    };
    assert_eq!(
        output.status.code(),
        Some(3),
        "the command's exit status is the lab's"
    );
}

#[test]
fn lab_up_stays_until_told_and_leaves_nothing() {
    let before = host_network();
    let Some(output) = run_as(&["--json", "lab", "up", "--duration", "300ms"], false) else {
        return;
    };
    assert!(output.status.success(), "{output:?}");
    assert_eq!(json_lines(&output)[0]["type"], "up");
    assert_eq!(host_network(), before);
}

/// `lab run` steps into the lab of a running `lab up`: what one command changes in h1, the
/// next one sees (a fresh lab would start with forwarding off).
fn lab_run_joins_lab_up(unprivileged: bool) {
    let Some(up) = netlearn_as(unprivileged) else {
        return;
    };
    let runtime = runtime_dir(unprivileged);
    let args = ["--json", "lab", "up", "--duration", "60s"];
    let Ok(mut lab) = LabChild::start(up, &args, runtime.path()) else {
        return;
    };
    assert_eq!(lab.ready["type"], "up", "{}", lab.ready);
    let run = |script: &str| {
        let mut args = vec!["lab", "run", "h1", "--", "sh", "-c"];
        args.push(script);
        let Some(mut command) = netlearn_as(unprivileged) else {
            panic!("lab up ran, so lab run can");
        };
        command
            .args(&args)
            .env("XDG_RUNTIME_DIR", runtime.path())
            .output()
            .expect("lab run")
    };
    let wrote = run("echo 1 > /proc/sys/net/ipv4/ip_forward");
    let read = run("cat /proc/sys/net/ipv4/ip_forward");
    assert!(lab.stop().expect("stopped").success());
    assert!(wrote.status.success(), "{wrote:?}");
    assert_eq!(
        String::from_utf8_lossy(&read.stdout).trim(),
        "1",
        "{read:?}"
    );
}

#[test]
fn lab_run_steps_into_a_running_lab_up() {
    lab_run_joins_lab_up(false);
}

#[test]
fn lab_run_steps_into_a_running_lab_up_as_an_unprivileged_user() {
    lab_run_joins_lab_up(true);
}

#[test]
fn an_unknown_lab_host_is_a_usage_error() {
    netlearn()
        .args(["lab", "ping", "h9", "h2"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("\"h9\" is not a host of the lab"));
}

#[test]
fn ping_and_trace_on_loopback() {
    let Some(output) = run_as(&["--json", "ping", "127.0.0.1", "--count", "1"], false) else {
        return;
    };
    if !is_root() {
        assert_eq!(output.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&output.stderr).contains("CAP_NET_RAW"));
        return;
    }
    assert!(output.status.success(), "{output:?}");
    let records = json_lines(&output);
    assert_eq!(records[0]["answer"], "echo_reply");
    assert_eq!(records[0]["ttl"], 64, "nothing on loopback lowers the TTL");
    assert_eq!(records[1]["received"], 1);

    let output = run_as(&["--json", "trace", "127.0.0.1"], false).expect("ran once");
    assert!(output.status.success(), "{output:?}");
    let records = json_lines(&output);
    assert_eq!(
        records.len(),
        1,
        "the target is the first hop: {records:#?}"
    );
    assert_eq!(records[0]["from"], "127.0.0.1");
}

#[test]
fn ping_without_privileges_says_what_allows_it() {
    let Some(output) = run_as(&["ping", "127.0.0.1", "--count", "1"], true) else {
        return;
    };
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("CAP_NET_RAW") && stderr.contains("sudo"),
        "{stderr}"
    );
    assert!(stderr.contains("ping_group_range"), "{stderr}");
}

#[test]
fn ping_uses_a_datagram_socket_where_ping_group_range_allows_it() {
    if !is_root() || Command::new("setpriv").arg("--version").output().is_err() {
        println!("skipped: needs root (to drop to nobody inside the lab) and setpriv");
        return;
    }
    let binary = assert_cmd::cargo::cargo_bin!("netlearn");
    // Only h1's own namespace gets the sysctl: the host's setting is never touched.
    let script = format!(
        "echo '0 2147483647' > /proc/sys/net/ipv4/ping_group_range && exec setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all {} --json ping 198.51.100.20 --count 1",
        binary.display()
    );
    let Some(output) = run_as(&["lab", "run", "h1", "--", "sh", "-c", &script], false) else {
        return;
    };
    assert!(output.status.success(), "{output:?}");
    let records = json_lines(&output);
    assert_eq!(records[0]["answer"], "echo_reply", "{records:#?}");
    assert_eq!(
        records[0]["ttl"], 63,
        "the TTL arrives as ancillary data (IP_RECVTTL)"
    );
}

/// Starts `netlearn --json lab up`, waits for its first line, sends `signal`, and checks that
/// the host is as it was.
fn up_then(signal: i32) {
    let before = host_network();
    let runtime = runtime_dir(false);
    let command = Command::new(assert_cmd::cargo::cargo_bin!("netlearn"));
    let args = ["--json", "lab", "up", "--duration", "60s"];
    let Ok(mut lab) = LabChild::start(command, &args, runtime.path()) else {
        return;
    };
    assert_eq!(lab.ready["type"], "up", "{}", lab.ready);
    let status = lab.signal(signal);
    if signal == libc::SIGKILL {
        assert!(!status.success());
    } else {
        assert!(
            status.success(),
            "a signal tears the lab down and exits cleanly: {status:?}"
        );
    }
    assert_eq!(
        host_network(),
        before,
        "signal {signal} left something behind"
    );
}

#[test]
fn ctrl_c_sigterm_and_even_sigkill_leave_nothing_behind() {
    up_then(libc::SIGINT);
    up_then(libc::SIGTERM);
    up_then(libc::SIGKILL);
}

#[test]
fn lab_shell_reads_commands_inside_the_host() {
    let runtime = runtime_dir(false);
    let output = netlearn()
        .args(["lab", "shell", "h2"])
        .env("SHELL", "/bin/sh")
        .env("XDG_RUNTIME_DIR", runtime.path())
        .write_stdin("cat /proc/net/route\nexit 4\n")
        .output()
        .expect("run lab shell");
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("cannot build the lab here") {
        println!("skipped: {}", stderr.trim());
        return;
    }
    assert_eq!(output.status.code(), Some(4), "{output:?}");
    // h2's default route: via 198.51.100.1, 016433C6 in the kernel's little-endian hex.
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("016433C6"),
        "{output:?}"
    );
}

/// `lab up --duration 300ms` as root with `runtime` as XDG_RUNTIME_DIR; None (with the reason
/// printed) where no lab can be built or nothing can be given to another user.
fn lab_up_in(runtime: &Path) -> Option<Output> {
    if !is_root() {
        println!("skipped: planting files of another user needs root");
        return None;
    }
    let output = Command::new(assert_cmd::cargo::cargo_bin!("netlearn"))
        .args(["--json", "lab", "up", "--duration", "300ms"])
        .env("NO_COLOR", "1")
        .env("XDG_RUNTIME_DIR", runtime)
        .output()
        .expect("run netlearn");
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("cannot build the lab here") {
        println!("skipped: {}", stderr.trim());
        return None;
    }
    Some(output)
}

/// Makes `path` a directory of nobody's with a file inside.
fn plant_directory(path: &Path) {
    std::fs::create_dir(path).expect("mkdir");
    std::fs::write(path.join("planted"), "x").expect("write");
    for planted in [path.join("planted"), path.to_path_buf()] {
        std::os::unix::fs::chown(&planted, Some(NOBODY), Some(NOBODY)).expect("chown");
    }
}

#[test]
fn what_another_user_planted_does_not_block_lab_up() {
    use std::os::unix::fs::DirBuilderExt;
    let before = host_network();
    let runtime = runtime_dir(false);
    // Where the state file used to be, and where it is now, in netlearn's own directory.
    plant_directory(&runtime.path().join("netlearn-lab.json"));
    let own = runtime.path().join("netlearn");
    std::fs::DirBuilder::new()
        .mode(0o700)
        .create(&own)
        .expect("mkdir");
    plant_directory(&own.join("lab.json"));
    let Some(output) = lab_up_in(runtime.path()) else {
        return;
    };
    assert!(output.status.success(), "{output:?}");
    assert_eq!(json_lines(&output)[0]["type"], "up");
    assert!(
        !own.join("lab.json").exists(),
        "the state file goes with the lab"
    );
    assert_eq!(host_network(), before);
}

#[test]
fn lab_up_refuses_a_runtime_directory_another_user_owns() {
    let before = host_network();
    let runtime = runtime_dir(false);
    let theirs = runtime.path().join("netlearn");
    plant_directory(&theirs);
    let Some(output) = lab_up_in(runtime.path()) else {
        return;
    };
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{} belongs to user id {NOBODY}, not to you",
            theirs.display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("XDG_RUNTIME_DIR"), "{stderr}");
    assert!(
        !theirs.join("lab.json").exists(),
        "nothing written into another user's directory"
    );
    assert_eq!(host_network(), before);
}

/// The network namespace `pid` is in ("net:[4026532..]").
fn net_namespace(pid: u32) -> Option<std::path::PathBuf> {
    std::fs::read_link(format!("/proc/{pid}/ns/net")).ok()
}

/// Every process and thread in network namespace `ns`.
fn processes_in(ns: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for process in std::fs::read_dir("/proc")
        .expect("/proc")
        .filter_map(|e| e.ok())
    {
        let Ok(tasks) = std::fs::read_dir(process.path().join("task")) else {
            continue;
        };
        for task in tasks.filter_map(|e| e.ok()) {
            if std::fs::read_link(task.path().join("ns/net")).is_ok_and(|link| link == ns) {
                found.push(task.path().display().to_string());
            }
        }
    }
    found
}

/// Kills (SIGKILL) the processes whose ids it holds when dropped: what a failing test started.
struct Reaper(Vec<u32>);

impl Drop for Reaper {
    fn drop(&mut self) {
        for pid in &self.0 {
            // SAFETY: signalling processes this test started (their ids were just read).
            unsafe { libc::kill(*pid as i32, libc::SIGKILL) };
        }
    }
}

/// Waits (bounded) for `child` to exit.
fn wait_bounded(child: &mut std::process::Child) -> std::process::ExitStatus {
    let deadline = std::time::Instant::now() + crate::common::WAIT;
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "netlearn did not end after the signal"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Starts `lab run h1 -- sh -c SCRIPT` as root; the script's first line of output is the ids
/// of the processes it started. Returns netlearn, those ids and their namespace once every
/// one of them has become `ready` (its name in /proc/PID/comm).
/// A `lab run` started by [`lab_run_script`].
struct LabRun {
    netlearn: std::process::Child,
    reaper: Reaper,
    /// The command's network namespace.
    ns: std::path::PathBuf,
    /// Kept open: netlearn and the command never write to a closed pipe.
    _stdout: std::io::BufReader<std::process::ChildStdout>,
}

fn lab_run_script(script: &str, ready: &str) -> Option<LabRun> {
    use std::io::{BufRead, BufReader};
    if !is_root() {
        println!("skipped: the lab as root");
        return None;
    }
    let runtime = runtime_dir(false);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("netlearn"))
        .args(["lab", "run", "h1", "--", "sh", "-c", script])
        .env("XDG_RUNTIME_DIR", runtime.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn lab run");
    let mut first = String::new();
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    stdout.read_line(&mut first).expect("read the first line");
    if first.is_empty() {
        let output = child.wait_with_output().expect("wait");
        println!(
            "skipped: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
        return None;
    }
    let pids: Vec<u32> = first
        .split_whitespace()
        .map(|pid| pid.parse().expect("a process id"))
        .collect();
    let reaper = Reaper(pids.clone());
    let deadline = std::time::Instant::now() + crate::common::WAIT;
    let comm = |pid: u32| std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    // Bounded: the script's last process replaces itself with `ready` at once.
    while comm(*pids.last().expect("a pid")).trim() != ready {
        assert!(
            std::time::Instant::now() < deadline,
            "{ready} never started"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let ns = net_namespace(pids[0]).expect("the command's namespace");
    assert_ne!(net_namespace(std::process::id()), Some(ns.clone()));
    Some(LabRun {
        netlearn: child,
        reaper,
        ns,
        _stdout: stdout,
    })
}

/// After netlearn ended: the command's processes and its namespace are gone.
fn assert_nothing_left(reaper: &Reaper, ns: &Path) {
    for pid in &reaper.0 {
        assert!(
            !Path::new(&format!("/proc/{pid}")).exists(),
            "process {pid} outlived the lab"
        );
    }
    assert_eq!(
        processes_in(ns),
        Vec::<String>::new(),
        "the lab's namespace is still used"
    );
}

#[test]
fn sigterm_to_lab_run_ends_the_command_and_leaves_nothing() {
    let before = host_network();
    let Some(LabRun {
        mut netlearn,
        reaper,
        ns,
        _stdout,
    }) = lab_run_script("echo $$; exec sleep 25", "sleep")
    else {
        return;
    };
    // SAFETY: signalling the netlearn this test started.
    unsafe { libc::kill(netlearn.id() as i32, libc::SIGTERM) };
    let status = wait_bounded(&mut netlearn);
    assert_eq!(
        status.code(),
        Some(128 + libc::SIGTERM),
        "the command's end, as a shell says it: {status:?}"
    );
    assert_nothing_left(&reaper, &ns);
    assert_eq!(host_network(), before);
}

#[test]
fn a_command_that_traps_sigterm_gets_it_and_its_exit_status_is_lab_runs() {
    let before = host_network();
    let marker = tempfile::tempdir().expect("tempdir");
    let got = marker.path().join("got");
    let script = format!(
        "trap 'echo TERM > {}; kill $!; wait $!; exit 7' TERM; sleep 25 & echo $$ $!; wait",
        got.display()
    );
    let Some(LabRun {
        mut netlearn,
        reaper,
        ns,
        _stdout,
    }) = lab_run_script(&script, "sleep")
    else {
        return;
    };
    // SAFETY: signalling the netlearn this test started.
    unsafe { libc::kill(netlearn.id() as i32, libc::SIGTERM) };
    let status = wait_bounded(&mut netlearn);
    assert_eq!(
        std::fs::read_to_string(&got).ok().as_deref(),
        Some("TERM\n"),
        "the script's trap ran"
    );
    assert_eq!(status.code(), Some(7), "{status:?}");
    assert_nothing_left(&reaper, &ns);
    assert_eq!(host_network(), before);
}
