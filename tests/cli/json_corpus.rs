//! Every hermetic command's `--json` output compared with a recorded corpus (insta snapshots
//! named `json_corpus__*`), byte for byte after volatile values (times, ephemeral ports, pids,
//! HTTP dates, this checkout's path) are replaced by placeholders: the JSON field names, their
//! order and their values are a contract that refactoring must not change. Machine-specific
//! reports (interfaces, gateway, the tour's sections about this host) are compared by shape:
//! keys and value types only.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde_json::Value;

use crate::common::dns::{DnsServer, SilentServer, closed_udp_port};
use crate::common::http::HttpServer;
use crate::common::{fixture, netlearn};

/// Keys whose numbers are measured times (or derived from them).
const TIMED_KEYS: &[&str] = &[
    "time_ms",
    "total_ms",
    "connect_ms",
    "tls_ms",
    "dns_ms",
    "first_byte_ms",
    "duration_ms",
    "uptime_s",
    "elapsed_ms",
    "rtt_ms",
    "time_left_s",
    "ms",
];

/// Text before an ephemeral port or a process id in any string.
const PORT_PREFIXES: &[&str] = &["127.0.0.1:", "[::1]:", "127.0.0.1\", ", "pid "];

fn dns_server() -> &'static DnsServer {
    static SERVER: OnceLock<DnsServer> = OnceLock::new();
    SERVER.get_or_init(DnsServer::start)
}

/// Runs `netlearn --json ARGS` (stdin empty unless given), returning stdout and the exit code.
fn run(args: &[&str], stdin: Option<&str>) -> (String, i32) {
    let mut command = netlearn();
    command.arg("--json").args(args);
    command.write_stdin(stdin.unwrap_or(""));
    let output = command.output().expect("run netlearn");
    let stdout = String::from_utf8(output.stdout).expect("JSON is UTF-8");
    assert!(
        !stdout.trim().is_empty(),
        "{args:?} printed no JSON; stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (stdout, output.status.code().expect("exit code"))
}

/// Replaces the digits after each of `prefixes` by `placeholder`.
fn scrub_digits_after(text: &str, prefix: &str, placeholder: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(prefix) {
        let after = at + prefix.len();
        out.push_str(&rest[..after]);
        rest = &rest[after..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            out.push_str(placeholder);
            rest = &rest[digits..];
        }
    }
    out.push_str(rest);
    out
}

/// Replaces IMF-fixdate values ("Thu, 26 Nov 2026 11:32:40 GMT") by `<date>`.
fn scrub_http_dates(text: &str) -> String {
    const DATE_LEN: usize = "Thu, 26 Nov 2026 11:32:40".len();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(" GMT") {
        let start = at.saturating_sub(DATE_LEN);
        let candidate = &rest[start..at];
        if candidate.len() == DATE_LEN && candidate.as_bytes()[3] == b',' {
            out.push_str(&rest[..start]);
            out.push_str("<date>");
        } else {
            out.push_str(&rest[..at]);
        }
        out.push_str(" GMT");
        rest = &rest[at + " GMT".len()..];
    }
    out.push_str(rest);
    out
}

/// A JSON value that keeps its object keys in the order they were printed (serde_json's
/// `Value` sorts them unless a feature is on that would also change the binary under test).
#[derive(Clone, Debug, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl<'de> serde::Deserialize<'de> for Json {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Json, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Json;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_none<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
                Ok(Json::Bool(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
                Ok(Json::Number(v.into()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
                Ok(Json::Number(v.into()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Json, E> {
                serde_json::Number::from_f64(v)
                    .map(Json::Number)
                    .ok_or_else(|| E::custom("not a JSON number"))
            }
            fn visit_str<E>(self, v: &str) -> Result<Json, E> {
                Ok(Json::String(v.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Json::Array(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Json::Object(entries))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl serde::Serialize for Json {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Number(n) => n.serialize(serializer),
            Json::String(s) => serializer.serialize_str(s),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

/// What to treat as volatile beyond times, loopback ports, pids and dates.
#[derive(Clone, Copy, Default)]
struct Volatile<'a> {
    /// Numbers under these keys too (counts a race decides).
    keys: &'a [&'a str],
    /// Port numbers from 1024 up under `port` and after "port " (a demo's own free port).
    ports: bool,
    /// Values that describe this machine's state (its sockets): replaced whole.
    machine: &'a [&'a str],
}

const DEMO: Volatile<'static> = Volatile {
    keys: &[],
    ports: true,
    machine: &[],
};

/// How many connections are still open when the HTTP demo's server stops is a race.
const HTTP_DEMO: Volatile<'static> = Volatile {
    keys: &["open"],
    ports: true,
    machine: &[],
};

/// Which sockets use a port right now depends on what else runs (other tests included).
const PORT: Volatile<'static> = Volatile {
    keys: &[],
    ports: false,
    machine: &["on_this_machine"],
};

fn scrub_text(text: &str, volatile: Volatile) -> String {
    let mut text = text.replace(env!("CARGO_MANIFEST_DIR"), "$ROOT");
    for prefix in PORT_PREFIXES {
        text = scrub_digits_after(&text, prefix, "<n>");
    }
    if volatile.ports {
        text = scrub_digits_after(&text, "port ", "<n>");
    }
    scrub_http_dates(&text)
}

fn role_of(item: &Json) -> Option<&str> {
    let Json::Object(entries) = item else {
        return None;
    };
    entries.iter().find_map(|(k, v)| match (k.as_str(), v) {
        ("role", Json::String(role)) => Some(role.as_str()),
        _ => None,
    })
}

/// Volatile values out. A list of events from a server and a client running at once keeps
/// each side's order, but which side's line comes first is the scheduler's choice: such
/// events are grouped by role (a stable sort).
fn scrub(value: &mut Json, volatile: Volatile) {
    match value {
        Json::String(text) => *text = scrub_text(text, volatile),
        Json::Array(items) => {
            items.iter_mut().for_each(|item| scrub(item, volatile));
            if items.iter().any(|item| role_of(item).is_some()) {
                items.sort_by(|a, b| role_of(a).cmp(&role_of(b)));
            }
        }
        Json::Object(entries) => {
            for (key, value) in entries.iter_mut() {
                let timed =
                    TIMED_KEYS.contains(&key.as_str()) || volatile.keys.contains(&key.as_str());
                let port = volatile.ports
                    && key == "port"
                    && matches!(value, Json::Number(n) if n.as_u64().is_some_and(|p| p >= 1024));
                let machine = volatile.machine.contains(&key.as_str());
                if machine || (timed && matches!(value, Json::Number(_))) || port {
                    *value = Json::String(format!("<{key}>"));
                } else {
                    scrub(value, volatile);
                }
                // An earlier connection on the same (free, reused) port may still be in
                // TIME_WAIT: after scrubbing the ports, such sockets look like this demo's own.
                if let (true, "sockets", Json::Array(items)) = (volatile.ports, key.as_str(), value)
                {
                    items.dedup();
                }
            }
        }
        Json::Null | Json::Bool(_) | Json::Number(_) => {}
    }
}

/// Every run of number characters rounded to 12 significant digits: serde_json parses floats
/// fast rather than exactly, so a reprint may differ in the last digit.
fn numbers_rounded(text: &str) -> String {
    let is_number_byte = |c: char| c.is_ascii_digit() || "-+.eE".contains(c);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !is_number_byte(c))
            .unwrap_or(rest.len());
        let token = &rest[..end];
        match token.parse::<f64>() {
            Ok(x) if token.contains('.') => out.push_str(&format!("{x:.11e}")),
            _ => out.push_str(token),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Panics at the first byte where the printed JSON and its reprint differ.
fn same_bytes(again: &str, printed: &str) {
    let (again, printed) = (&numbers_rounded(again), &numbers_rounded(printed));
    if again != printed {
        let at = again
            .bytes()
            .zip(printed.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let context = |text: &str| {
            text.get(at.saturating_sub(80)..(at + 80).min(text.len()))
                .unwrap_or("")
                .to_string()
        };
        panic!(
            "the JSON printed is not serde_json's layout at byte {at}:\nprinted: {:?}\nreprint: {:?}",
            context(printed),
            context(again)
        );
    }
}

/// Parses one pretty JSON document or JSON Lines, checks that printing the parsed value again
/// gives the same bytes (so the comparison covers key order and layout), and returns it
/// normalised, in the same layout.
fn normalise(stdout: &str, volatile: Volatile) -> String {
    let one_line = stdout.lines().count() == 1;
    if let Some(mut document) = serde_json::from_str::<Json>(stdout)
        .ok()
        .filter(|_| !one_line)
    {
        let again = serde_json::to_string_pretty(&document).expect("serialise") + "\n";
        same_bytes(&again, stdout);
        scrub(&mut document, volatile);
        return serde_json::to_string_pretty(&document).expect("serialise") + "\n";
    }
    let lines: Vec<Json> = stdout
        .lines()
        .map(|line| {
            let parsed: Json = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("neither a JSON document nor JSON lines: {e}: {line}"));
            let again = serde_json::to_string(&parsed).expect("serialise");
            same_bytes(&again, line);
            parsed
        })
        .collect();
    let mut all = Json::Array(lines);
    scrub(&mut all, volatile);
    let Json::Array(lines) = all else {
        unreachable!("still an array")
    };
    lines
        .iter()
        .map(|line| serde_json::to_string(line).expect("serialise") + "\n")
        .collect()
}

/// Keys and value types only, for values that differ from machine to machine. Elements of an
/// array are merged into one shape (union of keys, types joined with `|`).
fn shape(value: &Value) -> Value {
    match value {
        Value::Null => Value::String("null".into()),
        Value::Bool(_) => Value::String("bool".into()),
        Value::Number(_) => Value::String("number".into()),
        Value::String(_) => Value::String("string".into()),
        Value::Array(items) => {
            let merged = items.iter().map(shape).reduce(merge);
            Value::Array(merged.into_iter().collect())
        }
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    // Set or null by what this machine's ARP table holds at the moment.
                    if NULLABLE.contains(&k.as_str()) {
                        (k.clone(), Value::String("null|string".into()))
                    } else {
                        (k.clone(), shape(v))
                    }
                })
                .collect(),
        ),
    }
}

/// Keys that are null or a string by the machine's state, not by the command.
const NULLABLE: &[&str] = &["gateway_mac"];

fn merge(a: Value, b: Value) -> Value {
    match (a, b) {
        (Value::Object(mut a), Value::Object(b)) => {
            for (key, value) in b {
                let joined = match a.remove(&key) {
                    Some(old) => merge(old, value),
                    None => value,
                };
                a.insert(key, joined);
            }
            Value::Object(a)
        }
        (Value::Array(a), Value::Array(b)) => {
            Value::Array(a.into_iter().chain(b).reduce(merge).into_iter().collect())
        }
        (Value::String(a), Value::String(b)) => {
            let mut kinds: Vec<&str> = a.split('|').chain(b.split('|')).collect();
            kinds.sort_unstable();
            kinds.dedup();
            Value::String(kinds.join("|"))
        }
        (a, _) => a,
    }
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).expect("serialise")
}

/// The corpus entry for one command: its exit code, then its normalised JSON.
fn entry(args: &[&str], stdin: Option<&str>, volatile: Volatile) -> String {
    let (stdout, code) = run(args, stdin);
    format!("exit {code}\n{}", normalise(&stdout, volatile))
}

/// Records every (name, args) in one snapshot each.
fn corpus(cases: &[(&str, &[&str])], volatile: Volatile) {
    for (name, args) in cases {
        insta::assert_snapshot!(
            name.to_string(),
            entry(args, None, volatile),
            &scrub_text(&args.join(" "), DEMO)
        );
    }
}

#[test]
fn cidr_and_its_actions() {
    corpus(
        &[
            ("cidr_v4_host_bits", &["cidr", "192.168.0.77/24"]),
            (
                "cidr_v4_dotted_mask",
                &["cidr", "172.16.5.4", "255.255.240.0"],
            ),
            ("cidr_v4_slash31", &["cidr", "10.0.0.0/31"]),
            ("cidr_v4_slash32", &["cidr", "198.51.100.7"]),
            ("cidr_v4_global", &["cidr", "8.8.8.0/24"]),
            ("cidr_v4_mixed", &["cidr", "192.0.0.0/16"]),
            ("cidr_v4_default", &["cidr", "0.0.0.0/0"]),
            ("cidr_v6_doc", &["cidr", "2001:db8::/32"]),
            ("cidr_v6_link_local", &["cidr", "fe80::1/64"]),
            ("cidr_v6_slash128", &["cidr", "::1"]),
            (
                "cidr_split_prefix",
                &["cidr", "split", "192.168.0.0/24", "--prefix", "26"],
            ),
            (
                "cidr_split_count",
                &["cidr", "split", "10.0.0.0/16", "--count", "5"],
            ),
            (
                "cidr_split_hosts",
                &["cidr", "split", "10.0.0.0/24", "--hosts", "50"],
            ),
            (
                "cidr_split_v6",
                &["cidr", "split", "2001:db8::/48", "--prefix", "50"],
            ),
            ("cidr_supernet", &["cidr", "supernet", "192.168.1.0/24"]),
            (
                "cidr_supernet_prefix",
                &["cidr", "supernet", "192.168.1.0/24", "--prefix", "16"],
            ),
            (
                "cidr_merge",
                &[
                    "cidr",
                    "merge",
                    "10.0.0.0/25",
                    "10.0.0.128/25",
                    "10.0.1.0/24",
                    "192.168.0.1",
                    "2001:db8::/33",
                    "2001:db8:8000::/33",
                ],
            ),
            (
                "cidr_range_pair",
                &["cidr", "range", "10.0.0.1", "10.0.0.10"],
            ),
            ("cidr_range_net", &["cidr", "range", "192.168.0.0/22"]),
            (
                "cidr_range_v6",
                &["cidr", "range", "2001:db8::1", "2001:db8::ff"],
            ),
            (
                "cidr_contains",
                &[
                    "cidr",
                    "contains",
                    "10.0.0.0/8",
                    "10.1.2.3",
                    "192.168.0.1",
                    "10.0.0.0/7",
                    "10.9.0.0/16",
                ],
            ),
            (
                "cidr_contains_v6",
                &[
                    "cidr",
                    "contains",
                    "2001:db8::/32",
                    "2001:db8:1::/48",
                    "10.0.0.1",
                ],
            ),
            (
                "cidr_exclude",
                &["cidr", "exclude", "10.0.0.0/24", "10.0.0.64/26"],
            ),
            (
                "cidr_exclude_private",
                &[
                    "cidr",
                    "exclude",
                    "0.0.0.0/0",
                    "10.0.0.0/8",
                    "172.16.0.0/12",
                    "192.168.0.0/16",
                ],
            ),
        ],
        Volatile::default(),
    );
    insta::assert_snapshot!(
        "cidr_merge_stdin",
        entry(
            &["cidr", "merge", "--skip-invalid"],
            Some("10.0.0.0/24\nnot-a-net\n10.0.1.0/24 # comment\n\n192.168.0.0/16\n"),
            Volatile::default()
        ),
        "cidr merge --skip-invalid < stdin"
    );
}

#[test]
fn mask_and_ip() {
    corpus(
        &[
            ("mask_dotted", &["mask", "255.255.240.0"]),
            ("mask_slash", &["mask", "/20"]),
            ("mask_v6_length", &["mask", "64"]),
            ("mask_v6", &["mask", "ffff:ffff:ffff::"]),
            ("mask_zero", &["mask", "0"]),
            ("mask_wildcard", &["mask", "0.0.15.255", "--wildcard"]),
            ("ip_loopback", &["ip", "127.0.0.1"]),
            ("ip_private", &["ip", "10.1.2.3"]),
            ("ip_global", &["ip", "8.8.8.8"]),
            ("ip_mapped", &["ip", "::ffff:192.0.2.1"]),
            ("ip_link_local", &["ip", "fe80::1"]),
            ("ip_documentation_v6", &["ip", "2001:db8::1"]),
            ("ip_6to4", &["ip", "2002:c000:201::1"]),
            ("ip_multicast", &["ip", "ff02::1"]),
            ("ip_v6_loopback", &["ip", "::1"]),
            ("ip_compare", &["ip", "compare"]),
        ],
        Volatile::default(),
    );
}

#[test]
fn dns_against_the_in_process_server() {
    let at = dns_server().at();
    let cases: &[(&str, &[&str])] = &[
        ("dns_a_aaaa", &["dns", "netlearn.test"]),
        (
            "dns_mx_txt_caa_soa_ns",
            &["dns", "netlearn.test", "MX", "TXT", "CAA", "SOA", "NS"],
        ),
        ("dns_txt_strings", &["dns", "multi.netlearn.test", "TXT"]),
        ("dns_srv", &["dns", "_sip._tcp.netlearn.test", "SRV"]),
        ("dns_cname_chain", &["dns", "www.netlearn.test", "A"]),
        ("dns_wildcard", &["dns", "x.wild.netlearn.test", "A"]),
        ("dns_https", &["dns", "svc.netlearn.test", "HTTPS"]),
        ("dns_idn", &["dns", "bücher.netlearn.test", "A"]),
        ("dns_tcp_retry", &["dns", "big.netlearn.test", "TXT"]),
        ("dns_tcp", &["dns", "netlearn.test", "A", "--tcp"]),
        ("dns_reverse_v4", &["dns", "-x", "192.0.2.1"]),
        ("dns_reverse_v6", &["dns", "-x", "2001:db8::1"]),
        ("dns_nxdomain", &["dns", "nothing.netlearn.test", "A"]),
        ("dns_nodata", &["dns", "v4only.netlearn.test", "AAAA"]),
        ("dns_refused", &["dns", "example.com", "A"]),
        (
            "dns_several",
            &["dns", "netlearn.test", "mail.netlearn.test", "A", "MX"],
        ),
        ("dns_short", &["dns", "many.netlearn.test", "A", "--short"]),
    ];
    for (name, args) in cases {
        let mut with_server: Vec<&str> = args.to_vec();
        with_server.push(&at);
        insta::assert_snapshot!(
            name.to_string(),
            entry(&with_server, None, Volatile::default()),
            &args.join(" ")
        );
    }
    let (hosts, resolv) = (fixture("hosts"), fixture("resolv.conf"));
    let system: &[(&str, &[&str])] = &[
        ("dns_system_localhost", &["localhost"]),
        (
            "dns_system_hosts_override",
            &["hostsover.netlearn.test", "A"],
        ),
        ("dns_system_search", &["mail", "A"]),
        ("dns_system_reverse", &["-x", "192.0.2.201"]),
    ];
    for (name, args) in system {
        let mut full = vec![
            "dns",
            "--system",
            "--hosts-file",
            &hosts,
            "--resolv-conf",
            &resolv,
        ];
        full.extend_from_slice(args);
        full.push(&at);
        insta::assert_snapshot!(
            name.to_string(),
            entry(&full, None, Volatile::default()),
            &args.join(" ")
        );
    }
    let closed = format!("@{}", closed_udp_port());
    let silent = SilentServer::start();
    let silent_at = format!("@{}", silent.addr);
    let failing: &[(&str, &[&str])] = &[
        (
            "dns_port_unreachable",
            &["dns", "netlearn.test", "A", &closed],
        ),
        (
            "dns_timeout",
            &[
                "dns",
                "netlearn.test",
                "A",
                "--timeout",
                "200ms",
                "--tries",
                "2",
                &silent_at,
            ],
        ),
    ];
    corpus(failing, Volatile::default());
    let ca = dns_server().ca_file.display().to_string();
    let tls_at = format!("@{}", dns_server().tls_addr);
    insta::assert_snapshot!(
        "dns_tls",
        entry(
            &[
                "dns",
                "netlearn.test",
                "A",
                "--tls",
                "--ca-file",
                &ca,
                &tls_at
            ],
            None,
            Volatile::default()
        )
        .replace(&ca, "$CA"),
        "dns --tls"
    );
}

#[test]
fn port_with_a_services_file() {
    let services = fixture("services");
    corpus(
        &[
            ("port_number", &["port", "80", "--services-file", &services]),
            (
                "port_name",
                &["port", "https", "--services-file", &services],
            ),
            (
                "port_user_range",
                &["port", "5008", "--services-file", &services],
            ),
            (
                "port_dynamic_range",
                &["port", "50000", "--services-file", &services],
            ),
            (
                "port_list",
                &["port", "--list", "--services-file", &services],
            ),
        ],
        PORT,
    );
}

#[test]
fn explain_list_entries_and_a_demo() {
    corpus(
        &[
            ("explain_list", &["explain", "--no-demo"]),
            ("explain_loopback", &["explain", "loopback", "--no-demo"]),
            (
                "explain_alias",
                &["explain", "default gateway", "--no-demo"],
            ),
            ("explain_with_demo", &["explain", "framing"]),
            ("explain_ip_demo", &["explain", "127.0.0.1"]),
        ],
        DEMO,
    );
}

#[test]
fn echo_demo_and_socket_demos() {
    corpus(
        &[
            ("echo_demo", &["echo", "demo"]),
            ("echo_demo_udp", &["echo", "demo", "--udp", "one datagram"]),
            (
                "echo_demo_half_close",
                &["echo", "demo", "--half-close", "last words"],
            ),
            (
                "echo_demo_fixed",
                &["echo", "demo", "--framing", "fixed:5", "hello"],
            ),
            (
                "echo_demo_length",
                &["echo", "demo", "--framing", "length", "hi"],
            ),
            ("socket_demo_refused", &["socket", "demo", "refused"]),
            ("socket_demo_in_use", &["socket", "demo", "in-use"]),
            ("socket_demo_time_wait", &["socket", "demo", "time-wait"]),
        ],
        DEMO,
    );
}

#[test]
fn http_get_against_the_in_process_server_and_the_demo() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("hello.txt"), "hello, world\n").expect("write");
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    std::fs::write(dir.path().join("sub/page.html"), "<p>sub</p>\n").expect("write");
    let server = HttpServer::start(dir.path(), None);
    let base = format!("http://{}", server.addr);
    let url = |path: &str| format!("{base}{path}");
    let (hello, missing, sub, page) = (
        url("/hello.txt"),
        url("/missing"),
        url("/sub"),
        url("/sub/page.html"),
    );
    corpus(
        &[
            ("http_get", &["http", "get", &hello]),
            ("http_get_body", &["http", "get", "--body", &page]),
            ("http_get_head", &["http", "get", "-X", "HEAD", &hello]),
            ("http_get_404", &["http", "get", &missing]),
            ("http_get_redirect", &["http", "get", &sub]),
            (
                "http_get_half_close",
                &["http", "get", "--half-close", &page],
            ),
        ],
        Volatile::default(),
    );
    // How many connections are still open when the demo's server stops is a race.
    let demo = Volatile {
        keys: &["open"],
        ..DEMO
    };
    corpus(&[("http_demo", &["http", "demo"])], demo);
}

#[test]
fn capture_read_of_the_fixture() {
    let pcap = fixture("wire/handshake.pcap");
    corpus(
        &[
            ("capture_read", &["capture", "--read", &pcap]),
            (
                "capture_read_port",
                &[
                    "capture", "--read", &pcap, "--port", "47123", "--count", "3",
                ],
            ),
        ],
        Volatile::default(),
    );
}

/// Sections of the tour whose runs show this machine (interfaces, gateway, its subnet, the
/// hosts file) are compared by shape; the others exactly.
#[test]
fn tour_sections() {
    let (stdout, code) = run(&["tour"], None);
    let mut out = format!("exit {code}\n");
    for line in stdout.lines() {
        let section: Value = serde_json::from_str(line).expect("one JSON line per section");
        let title = section["section"].as_str().expect("section title");
        // Chosen by title, not number, so a new stop does not shift them. "What travelled"
        // shows packets: which ones (a delayed ACK or not), their times and raw sequence
        // numbers are the kernel's, and without root there are none; the blocking stop shows
        // how long a recv waited; the lab needs namespaces the machine may refuse.
        let machine = [
            "Blocking vs non-blocking",
            "Loopback",
            "This machine on its network",
            "The default gateway",
            "localhost",
            "What travelled",
            "The lab",
        ]
        .iter()
        .any(|name| title.contains(name));
        if machine {
            out.push_str(&format!(
                "{title}: {}\n",
                serde_json::to_string(&shape(&section)).expect("json")
            ));
        } else {
            out.push_str(&normalise(line, HTTP_DEMO));
            out.push('\n');
        }
    }
    insta::assert_snapshot!("tour", out);
}

/// Interfaces and gateway differ from machine to machine: their keys and types are the contract.
#[test]
fn ifaces_and_gateway_by_shape() {
    let shapes = |args: &[&str]| {
        let (stdout, code) = run(args, None);
        assert_eq!(code, 0, "{args:?}");
        let value: Value = serde_json::from_str(&stdout).expect("one JSON document");
        value
    };
    let ifaces = shapes(&["ifaces", "--loopback"]);
    let lo = &ifaces["interfaces"][0];
    let mut keys: BTreeMap<&str, Value> = BTreeMap::new();
    keys.insert(
        "top",
        shape(&Value::Object(
            ifaces
                .as_object()
                .expect("object")
                .iter()
                .map(|(k, _)| (k.clone(), Value::Null))
                .collect(),
        )),
    );
    keys.insert("interface", shape(lo));
    let all = shapes(&["ifaces"]);
    let first = &all["interfaces"][0];
    assert_eq!(
        shape(first)
            .as_object()
            .map(|o| o.keys().cloned().collect::<Vec<_>>()),
        shape(lo)
            .as_object()
            .map(|o| o.keys().cloned().collect::<Vec<_>>())
    );
    let gateway = shapes(&["gateway", "--routes"]);
    let object = gateway.as_object().expect("object");
    keys.insert(
        "gateway_keys",
        Value::Array(object.keys().map(|k| Value::String(k.clone())).collect()),
    );
    for (name, list) in [
        ("gateway_default", &gateway["defaults"]),
        ("gateway_route", &gateway["routes"]),
    ] {
        // Every element must have exactly the recorded keys; values vary per machine.
        let elements = list.as_array().expect("array");
        for element in elements {
            let found: Vec<&String> = element.as_object().expect("object").keys().collect();
            let expected: Vec<&str> = match name {
                "gateway_default" => vec![
                    "family",
                    "gateway",
                    "interface",
                    "metric",
                    "gateway_mac",
                    "on_link",
                    "local_address",
                    "source",
                ],
                _ => vec![
                    "family",
                    "destination",
                    "gateway",
                    "interface",
                    "metric",
                    "kind",
                    "up",
                ],
            };
            let mut found: Vec<&str> = found.iter().map(|s| s.as_str()).collect();
            found.sort_unstable();
            let mut expected = expected;
            expected.sort_unstable();
            assert_eq!(found, expected, "{name} keys");
        }
    }
    insta::assert_snapshot!(
        "ifaces_gateway_shape",
        pretty(&serde_json::to_value(keys).expect("json"))
    );
}
