//! `lab export --containerlab`: every lab netlearn has (the built-in one, each mistake, the
//! shipped topology files, a lab with impaired links) becomes a file that containerlab's schema
//! accepts and that says what the lab is: every address, gateway and forwarding setting in the
//! node's exec lines, every link between existing nodes' data interfaces.

use std::collections::BTreeMap;
use std::io::Write;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use netlearn::app::lab::export::{Source, containerlab_text};
use netlearn::net::lab::impair::{Impairment, Loss};
use netlearn::net::lab::{Mistake, Topology, file};
use serde_json::Value;

use crate::common::netlearn;

const MISTAKES: [(&str, Mistake); 4] = [
    ("mask", Mistake::Mask),
    ("gateway", Mistake::Gateway),
    ("gateway-off-subnet", Mistake::GatewayOffSubnet),
    ("no-forwarding", Mistake::NoForwarding),
];

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/lab")
        .join(name)
}

fn schema_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/containerlab/topology.schema.json")
}

/// `netlearn lab export --containerlab - ARGS` in English: the file's text.
fn exported(args: &[&str]) -> String {
    let out = netlearn()
        .args(["--lang", "en", "lab", "export", "--containerlab", "-"])
        .args(args)
        .output()
        .expect("run netlearn");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn as_json(text: &str) -> Value {
    yaml_serde::from_str(text).expect("the export is YAML")
}

/// The built-in lab, each mistake and each shipped topology file: the topology netlearn builds
/// and the file it exports for it.
fn every_lab() -> Vec<(String, Topology, String)> {
    let mut labs = vec![(
        "built-in".to_string(),
        Topology::default_lab(),
        exported(&[]),
    )];
    for (name, mistake) in MISTAKES {
        labs.push((
            format!("--mistake {name}"),
            Topology::with_mistake(mistake),
            exported(&["--mistake", name]),
        ));
    }
    for name in ["scenario.toml", "two-routers.toml", "broken-mask.toml"] {
        let path = example(name);
        let source = std::fs::read_to_string(&path).expect("shipped example");
        let topology = file::parse(&source).expect("a valid example");
        let text = exported(&["--topology", &path.display().to_string()]);
        labs.push((name.to_string(), topology, text));
    }
    labs
}

/// The built-in lab with every link impaired in a different way (the topology file's keys for
/// impairments are another part's; the values are built here).
fn impaired_lab() -> Topology {
    let mut topology = Topology::default_lab();
    topology.links[0].impairment = Impairment {
        loss: Loss::from_percent(20.0),
        rate_bits_per_second: Some(2_000_000),
        queue_bytes: Some(15_000),
        delay: Some(Duration::from_millis(40)),
    };
    topology.links[1].impairment = Impairment {
        loss: Loss::from_percent(0.25),
        ..Impairment::default()
    };
    topology.links[2].impairment = Impairment {
        delay: Some(Duration::from_micros(2500)),
        ..Impairment::default()
    };
    topology
}

/// Checks each document against the schema with Python's jsonschema (Debian's
/// python3-jsonschema, which .ci/run installs): the names of the documents it refused, with why.
fn refused_by_schema(documents: &[(String, Value)]) -> Vec<String> {
    const CHECK: &str = r#"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)
for name, document in json.load(sys.stdin):
    for error in validator.iter_errors(document):
        print(name + ": " + "/".join(map(str, error.path)) + ": " + error.message)
"#;
    let mut child = Command::new("/usr/bin/python3")
        .arg("-c")
        .arg(CHECK)
        .arg(schema_path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 is installed (.ci/run installs it)");
    let input = serde_json::to_vec(documents).expect("JSON");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&input)
        .expect("write to python3");
    let out = child.wait_with_output().expect("python3 ends");
    assert!(
        out.status.success(),
        "python3 with jsonschema (Debian's python3-jsonschema; .ci/run installs it): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn every_exported_lab_fits_containerlabs_schema() {
    let mut documents: Vec<(String, Value)> = every_lab()
        .into_iter()
        .map(|(name, _, text)| (name, as_json(&text)))
        .collect();
    let (text, _) = containerlab_text(&impaired_lab(), "impaired", Source::Builtin, "x.clab.yml")
        .expect("exports");
    documents.push(("impaired".into(), as_json(&text)));
    let refused = refused_by_schema(&documents);
    assert!(refused.is_empty(), "{}", refused.join("\n"));
    // The check can say no: a field containerlab does not have, a link end without an
    // interface, a node without a kind it knows.
    let mut wrong = documents[0].1.clone();
    wrong["topology"]["nodes"]["r1"]["sysctls"] = serde_json::json!({"net.ipv4.ip_forward": "1"});
    wrong["topology"]["links"][0]["endpoints"][0] = Value::from("h1");
    wrong["topology"]["nodes"]["h1"]["kind"] = Value::from("namespace");
    let refused = refused_by_schema(&[("wrong".into(), wrong)]);
    assert_eq!(refused.len(), 3, "{refused:?}");
}

fn exec_of<'a>(document: &'a Value, node: &str) -> Vec<&'a str> {
    document["topology"]["nodes"][node]["exec"]
        .as_array()
        .map(|lines| lines.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// What the file must say for `topology` to be the same lab.
fn assert_means(name: &str, topology: &Topology, document: &Value) {
    let nodes = document["topology"]["nodes"]
        .as_object()
        .expect("nodes is a mapping");
    let names: Vec<&String> = nodes.keys().collect();
    let hosts: Vec<&String> = topology.hosts.iter().map(|h| &h.name).collect();
    assert_eq!(names.len(), hosts.len(), "{name}: one node per host");
    for host in &topology.hosts {
        let node = &nodes[&host.name];
        assert_eq!(node["kind"], "linux", "{name}: {}", host.name);
        let exec = exec_of(document, &host.name);
        for interface in &host.interfaces {
            for address in &interface.addresses {
                let wanted = format!("ip addr add {address} dev ");
                assert!(
                    exec.iter().any(|l| l.starts_with(&wanted)),
                    "{name}: {}'s {address} in {exec:#?}",
                    host.name
                );
            }
        }
        for gateway in &host.gateways {
            let wanted = match gateway {
                IpAddr::V4(g) => format!("ip route add default via {g}"),
                IpAddr::V6(g) => format!("ip -6 route add default via {g}"),
            };
            assert!(exec.contains(&wanted.as_str()), "{name}: {wanted}");
        }
        let routes = exec.iter().filter(|l| l.contains("route add")).count();
        assert_eq!(routes, host.gateways.len(), "{name}: {}", host.name);
        // The management network's default route is gone before the lab's is set.
        let flush = exec
            .iter()
            .position(|l| *l == "ip route flush exact 0.0.0.0/0");
        let add = exec
            .iter()
            .position(|l| l.starts_with("ip route add default"));
        assert!(flush.is_some() && (add.is_none() || flush < add), "{name}");
        let forwarding = format!(
            "sysctl -w net.ipv4.ip_forward={}",
            u8::from(host.forwarding)
        );
        assert!(exec.contains(&forwarding.as_str()), "{name}: {forwarding}");
    }
    let links = document["topology"]["links"]
        .as_array()
        .expect("links is a list");
    assert_eq!(links.len(), topology.links.len(), "{name}");
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (link, lab_link) in links.iter().zip(&topology.links) {
        let ends: Vec<&str> = link["endpoints"]
            .as_array()
            .expect("endpoints")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(ends.len(), 2, "{name}: {ends:?}");
        for (end, lab_end) in ends.iter().zip([&lab_link.a, &lab_link.b]) {
            let (node, interface) = end.split_once(':').expect("NODE:INTERFACE");
            assert!(nodes.contains_key(node), "{name}: {end} names no node");
            assert_eq!(node, lab_end.0, "{name}: {end}");
            assert!(
                !interface.is_empty() && interface.len() <= 15,
                "{name}: {end}: an interface name has at most 15 bytes"
            );
            assert!(
                interface.starts_with("eth") && interface != "eth0",
                "{name}: {end}: eth0 is containerlab's management interface"
            );
            *seen.entry((node.into(), interface.into())).or_default() += 1;
        }
    }
    assert!(
        seen.values().all(|&n| n == 1),
        "{name}: each interface is one link's end: {seen:?}"
    );
    // Every name an exec line gives an interface fits the kernel's 15 bytes.
    for host in &topology.hosts {
        for line in exec_of(document, &host.name) {
            let words: Vec<&str> = line.split_whitespace().collect();
            for i in 1..words.len() {
                let names_interface = matches!(words[i - 1], "dev" | "master")
                    || (i >= 2 && words[i - 2] == "link" && matches!(words[i - 1], "add" | "set"));
                if names_interface {
                    assert!(words[i].len() <= 15, "{name}: {line}");
                }
            }
        }
    }
}

#[test]
fn every_address_gateway_and_link_of_the_lab_is_in_the_file() {
    for (name, topology, text) in every_lab() {
        assert_means(&name, &topology, &as_json(&text));
    }
    // The mistakes stay: no gateway, a gateway off the subnet, a router that does not forward.
    let gateway = as_json(&exported(&["--mistake", "gateway"]));
    assert!(!exec_of(&gateway, "h1").contains(&"ip route add default via 192.0.2.1"));
    let forwarding = as_json(&exported(&["--mistake", "no-forwarding"]));
    assert!(exec_of(&forwarding, "r1").contains(&"sysctl -w net.ipv4.ip_forward=0"));
    let mask = as_json(&exported(&["--mistake", "mask"]));
    assert!(exec_of(&mask, "h1").contains(&"ip addr add 192.0.2.10/4 dev eth1"));
    // The LAN's switch is a bridge inside r1, its ports the links to h2 and dns.
    let built_in = as_json(&exported(&[]));
    let r1 = exec_of(&built_in, "r1");
    for line in [
        "ip link add br0 type bridge",
        "ip link set eth2 master br0",
        "ip link set eth3 master br0",
        "ip addr add 198.51.100.1/24 dev br0",
    ] {
        assert!(r1.contains(&line), "{line}: {r1:#?}");
    }
    // h2's servers start (echo on 5008, HTTP on 80); dns's is told in the header.
    let h2 = exec_of(&built_in, "h2").join("\n");
    assert!(h2.contains("socat TCP6-LISTEN:5008") && h2.contains("http.server --bind :: 80"));
}

#[test]
fn impairments_become_netem_at_both_ends_of_their_link() {
    let (text, _) = containerlab_text(&impaired_lab(), "slow", Source::Builtin, "slow.clab.yml")
        .expect("exports");
    let document = as_json(&text);
    assert_means("impaired", &impaired_lab(), &document);
    let first = "tc qdisc replace dev eth1 root netem delay 40ms loss 20% rate 2000000bit limit 10";
    assert!(exec_of(&document, "h1").contains(&first));
    assert!(exec_of(&document, "r1").contains(&first));
    assert!(exec_of(&document, "h2").contains(&"tc qdisc replace dev eth1 root netem loss 0.25%"));
    assert!(exec_of(&document, "r1").contains(&"tc qdisc replace dev eth2 root netem loss 0.25%"));
    assert!(
        exec_of(&document, "r1").contains(&"tc qdisc replace dev eth3 root netem delay 2500us")
    );
    // The header tells containerlab's own command for changing them later.
    assert!(text.contains(
        "#   containerlab tools netem set -n clab-slow-h1 -i eth1 --delay 40ms --loss 20 --rate 2000\n"
    ));
    assert!(
        text.contains("15000\u{a0}bytes became 10\u{a0}full-size frames"),
        "{text}"
    );
}

#[test]
fn the_same_lab_gives_the_same_bytes_and_a_written_file_a_one_line_summary() {
    let first = exported(&["--mistake", "mask"]);
    assert_eq!(first, exported(&["--mistake", "mask"]));
    assert!(first.starts_with("# A containerlab topology exported by netlearn."));
    assert!(first.contains("\n#   containerlab deploy -t netlearn-mask.clab.yml\n"));
    assert_eq!(as_json(&first)["name"], "netlearn-mask");
    for line in first
        .lines()
        .filter(|l| l.starts_with('#') && !l.starts_with("#   "))
    {
        assert!(line.chars().count() <= 80, "{line}");
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("lab.clab.yml");
    for (lang, words) in [("en", "Wrote "), ("ja", "に書き出しました")] {
        let out = netlearn()
            .env("COLUMNS", "200")
            .args(["--lang", lang, "lab", "export", "--containerlab"])
            .arg(&path)
            .output()
            .expect("run netlearn");
        assert!(out.status.success());
        let said = String::from_utf8(out.stdout).expect("UTF-8");
        assert_eq!(said.lines().count(), 1, "{said}");
        assert!(
            said.contains(words) && said.contains("containerlab deploy -t"),
            "{said}"
        );
        let text = std::fs::read_to_string(&path).expect("written");
        assert_eq!(as_json(&text), as_json(&exported(&[])), "{lang}");
    }
    let out = netlearn()
        .args(["--lang", "en", "--json", "lab", "export", "--containerlab"])
        .arg(&path)
        .output()
        .expect("run netlearn");
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["type"], "containerlab_export");
    assert_eq!(
        report["nodes"],
        serde_json::json!(["h1", "r1", "h2", "dns"])
    );
    assert_eq!(report["links"], 3);
}

#[test]
fn a_file_that_cannot_be_written_is_one_line_and_exit_1() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("no-such-directory").join("lab.clab.yml");
    let out = netlearn()
        .args(["--lang", "en", "lab", "export", "--containerlab"])
        .arg(&path)
        .output()
        .expect("run netlearn");
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8(out.stderr).expect("UTF-8");
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(
        said.contains("cannot write the containerlab file") && said.contains("no-such-directory"),
        "{said}"
    );
    assert!(out.stdout.is_empty());
    // A topology file with a mistake is bad input, told as `lab --topology` tells it.
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[host.h1]\ngateway = \"not an address\"\n").expect("write");
    let out = netlearn()
        .args([
            "--lang",
            "en",
            "lab",
            "export",
            "--containerlab",
            "-",
            "--topology",
        ])
        .arg(&bad)
        .output()
        .expect("run netlearn");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
}

/// The processes inside `ns` (servers an exec line started in the background), by pid.
fn processes_in(ns: &netlearn::net::lab::netns::NetNs) -> Vec<i32> {
    use std::os::unix::fs::MetadataExt;
    let Ok(wanted) = std::fs::metadata(format!("/proc/self/fd/{}", ns.raw_fd())) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
        .filter(|pid| {
            std::fs::metadata(format!("/proc/{pid}/ns/net"))
                .is_ok_and(|m| m.dev() == wanted.dev() && m.ino() == wanted.ino())
        })
        .collect()
}

/// Stops what the rehearsal started in its own namespaces, by pid, and waits (bounded) until
/// they are gone.
struct Reaper(Vec<netlearn::net::lab::netns::NetNs>);

impl Drop for Reaper {
    fn drop(&mut self) {
        for _ in 0..100 {
            let pids: Vec<i32> = self.0.iter().flat_map(processes_in).collect();
            if pids.is_empty() {
                return;
            }
            for pid in pids {
                // SAFETY: kill with a pid found in a namespace this test made.
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// Does what `containerlab deploy` would with the file, in network namespaces this test makes
/// (no containers): a namespace per node, a veth pair per link named as its endpoints say, then
/// each node's exec lines in order, except those that write files (the container's own file
/// system) or need netem (this kernel has none). Then h1 talks to h2's echo server.
fn rehearse(document: &Value) -> (Reaper, BTreeMap<String, usize>) {
    use netlearn::net::lab::netns::NetNs;
    let nodes = document["topology"]["nodes"].as_object().expect("nodes");
    let mut index = BTreeMap::new();
    let mut reaper = Reaper(Vec::new());
    for name in nodes.keys() {
        index.insert(name.clone(), reaper.0.len());
        reaper.0.push(NetNs::new().expect("a namespace (root)"));
    }
    let run = |ns: &NetNs, line: &str| {
        let status = ns
            .run(|| {
                Command::new("sh")
                    .arg("-c")
                    .arg(line)
                    .stdin(Stdio::null())
                    .status()
            })
            .expect("a thread in the namespace")
            .expect("sh runs");
        assert!(status.success(), "{line}");
    };
    for link in document["topology"]["links"].as_array().expect("links") {
        let ends: Vec<(&str, &str)> = link["endpoints"]
            .as_array()
            .expect("endpoints")
            .iter()
            .filter_map(|e| e.as_str()?.split_once(':'))
            .collect();
        let (a, b) = (ends[0], ends[1]);
        let (na, nb) = (&reaper.0[index[a.0]], &reaper.0[index[b.0]]);
        let peer_ns = format!("/proc/{}/fd/{}", std::process::id(), nb.raw_fd());
        run(
            na,
            &format!(
                "ip link add {} type veth peer name {} netns {peer_ns}",
                a.1, b.1
            ),
        );
        run(na, &format!("ip link set {} up", a.1));
        run(nb, &format!("ip link set {} up", b.1));
    }
    for (name, node) in nodes {
        let ns = &reaper.0[index[name]];
        run(ns, "ip link set lo up");
        for line in node["exec"].as_array().into_iter().flatten() {
            let line = line.as_str().expect("a command");
            if line.contains("/srv/www") || line.starts_with("tc ") {
                continue;
            }
            run(ns, line);
        }
    }
    (reaper, index)
}

#[test]
fn the_exported_exec_lines_build_a_lab_that_works_as_netlearns_does() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        println!("skipped: making the rehearsal's namespaces and veth pairs needs root");
        return;
    }
    use std::io::Read;
    use std::net::{SocketAddr, TcpStream};
    let h2: SocketAddr = "198.51.100.20:5008".parse().expect("address");
    let (reaper, index) = rehearse(&as_json(&exported(&[])));
    let h1 = &reaper.0[index["h1"]];
    // h2's echo server (socat, started in the background) answers through r1 and its bridge.
    let echoed = h1
        .run(|| -> std::io::Result<Vec<u8>> {
            // socat starts in the background: a bounded wait for its port to answer.
            let mut tries = 0;
            let mut stream = loop {
                match TcpStream::connect_timeout(&h2, Duration::from_secs(1)) {
                    Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused && tries < 100 => {
                        tries += 1;
                        std::thread::sleep(Duration::from_millis(20));
                    }
                    other => break other?,
                }
            };
            stream.set_read_timeout(Some(Duration::from_secs(2)))?;
            stream.write_all(b"across r1\n")?;
            stream.shutdown(std::net::Shutdown::Write)?;
            let mut back = Vec::new();
            stream.read_to_end(&mut back)?;
            Ok(back)
        })
        .expect("a thread in h1");
    assert_eq!(echoed.expect("h1 reaches h2's echo server"), b"across r1\n");
    drop(reaper);
    // Without a gateway, h1 has no route: the mistake travels with the file.
    let (reaper, index) = rehearse(&as_json(&exported(&["--mistake", "gateway"])));
    let refused = reaper.0[index["h1"]]
        .run(|| TcpStream::connect_timeout(&h2, Duration::from_secs(1)).map(|_| ()))
        .expect("a thread in h1");
    let error = refused.expect_err("no route to h2");
    assert_eq!(error.raw_os_error(), Some(libc::ENETUNREACH), "{error}");
    drop(reaper);
    // A file's lab: h1's echo request crosses both routers of the chain (TTL 64 - 2).
    let path = example("two-routers.toml").display().to_string();
    let (reaper, index) = rehearse(&as_json(&exported(&["--topology", &path])));
    let answer = reaper.0[index["h1"]]
        .run(|| {
            let mut pinger = netlearn::net::lab::icmp::Pinger::open().ok()?;
            pinger
                .probe("10.0.3.20".parse().ok()?, 64, Duration::from_secs(2))
                .ok()
        })
        .expect("a thread in h1")
        .map(|probe| probe.answer);
    assert!(
        matches!(
            answer,
            Some(netlearn::net::lab::icmp::Answer::Echo { ttl: 62, .. })
        ),
        "{answer:?}"
    );
}
