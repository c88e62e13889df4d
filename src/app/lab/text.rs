//! Every sentence the lab says to a person, in one place (so it can be translated).

use std::io;
use std::net::{IpAddr, Ipv4Addr};

use crate::net::lab::icmp::{Answer, DEST_UNREACHABLE};
use crate::net::lab::{Mistake, RouteDecision, Verdict, netlink::Mac};
use crate::net::wire::private_net::Refusal;

/// The system's words for an errno, without Rust's "(os error N)".
pub fn errno_text(errno: i32) -> String {
    let text = io::Error::from_raw_os_error(errno).to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

pub fn error_text(error: &io::Error) -> String {
    error
        .raw_os_error()
        .map_or_else(|| error.to_string(), errno_text)
}

pub fn mac(mac: &Mac) -> String {
    mac.iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

pub fn build_title(ms: f64) -> String {
    format!("Building the lab: 4 hosts, 3 cables, 1 switch ({ms:.0} ms)")
}

pub const BUILD_TEXT: &str = "Each host is a network namespace of the Linux kernel: its own interfaces, addresses, routes and ARP table. Each cable is a veth pair with a MAC address at each end; r1's second side is a bridge (a switch) joining h2 and dns. r1 forwards packets between its sides; h1, h2 and dns send everything not on their subnet to r1, their default gateway.";

pub fn dns_title(name: &str) -> String {
    format!("h1 looks up {name}")
}

pub fn dns_text(name: &str, server: IpAddr, answers: &[IpAddr], ms: f64) -> String {
    let answers: Vec<String> = answers.iter().map(ToString::to_string).collect();
    format!(
        "h1 asks the lab's DNS server {server} for the A record of {name} (one UDP datagram to port 53) and gets {} back in {ms:.1} ms. Names are for people; the packets that follow carry only the address.",
        if answers.is_empty() {
            "no address".to_string()
        } else {
            answers.join(", ")
        }
    )
}

pub fn route_title(destination: Ipv4Addr) -> String {
    format!("h1 decides where {destination} goes")
}

pub fn route_arithmetic(d: &RouteDecision) -> Vec<String> {
    vec![
        format!(
            "h1's address {}/{} has mask {}: its network is {} AND {} = {}.",
            d.address, d.prefix, d.mask, d.address, d.mask, d.network
        ),
        format!(
            "{} AND {} = {}: {}",
            d.destination,
            d.mask,
            d.destination_network,
            match &d.verdict {
                Verdict::OnLink => format!(
                    "the same network, so {} counts as on-link: h1 will ask ARP for {} itself and send it straight there on {}.",
                    d.destination, d.destination, d.interface
                ),
                Verdict::Gateway(gateway) => format!(
                    "not in {}/{} (mask {}): send to the default gateway {gateway}.",
                    d.network, d.prefix, d.mask
                ),
                Verdict::NoRoute => format!(
                    "not in {}/{}, and h1 has no default gateway: no route to {}.",
                    d.network, d.prefix, d.destination
                ),
            }
        ),
    ]
}

pub fn arp_title(asked: Ipv4Addr) -> String {
    format!("ARP: who has {asked}?")
}

pub fn arp_text(asked: Ipv4Addr, answer: Option<&Mac>, expected: &Mac) -> String {
    match answer {
        Some(found) => format!(
            "An Ethernet frame needs a destination MAC address, and h1 knows only the IP address {asked}. It broadcasts \"who has {asked}?\" to ff:ff:ff:ff:ff:ff; r1 answers \"{asked} is at {}\"{}. h1 keeps that in its ARP table and puts it in every frame for the gateway; the IP destination stays 198.51.100.20.",
            mac(found),
            if found == expected {
                " (r1's eth0)"
            } else {
                ", which is not r1's eth0"
            }
        ),
        None => format!("h1 asked \"who has {asked}?\" and no answer was seen."),
    }
}

pub fn ping_title() -> &'static str {
    "ping: ICMP echo from h1 to h2, and the TTL"
}

pub fn ping_text(sent: u8, arrived: Option<u8>, answer: &Answer) -> String {
    let arrival = arrived.map_or_else(
        || "its arrival at h2 was not captured".to_string(),
        |ttl| format!("it arrives at h2 with TTL {ttl}"),
    );
    match answer {
        Answer::Echo { ttl, rtt, .. } => format!(
            "The echo request leaves h1 with TTL {sent}; r1 lowers it by one as it forwards, so {arrival}. h2's echo reply starts at 64 and reaches h1 with TTL {ttl}, after {:.2} ms. Every router on the way takes one off: a TTL that reaches 0 is dropped, so no packet can loop for ever.",
            rtt.as_secs_f64() * 1e3
        ),
        other => format!(
            "The echo request left with TTL {sent}, but {}.",
            answer_text(other)
        ),
    }
}

pub fn answer_text(answer: &Answer) -> String {
    match answer {
        Answer::Echo { from, ttl, rtt } => format!(
            "{from} answered (TTL {ttl}, {:.2} ms)",
            rtt.as_secs_f64() * 1e3
        ),
        Answer::TimeExceeded { from, .. } => format!("{from} said Time Exceeded"),
        Answer::Unreachable { from, code, .. } => {
            format!("{from} said {}", unreachable_name(DEST_UNREACHABLE, *code))
        }
        Answer::Silence => "no answer came back".to_string(),
        Answer::NotSent { errno } => {
            format!("the kernel refused to send it: {}", errno_text(*errno))
        }
    }
}

pub fn unreachable_name(_kind: u8, code: u8) -> &'static str {
    match code {
        0 => "Destination Net Unreachable",
        1 => "Destination Host Unreachable",
        2 => "Destination Protocol Unreachable",
        3 => "Destination Port Unreachable",
        4 => "Fragmentation Needed",
        13 => "Communication Administratively Prohibited",
        _ => "Destination Unreachable",
    }
}

pub fn trace_title() -> &'static str {
    "traceroute: who is on the way to h2"
}

pub fn trace_text(hops: &[(u8, Option<IpAddr>, Option<String>)]) -> String {
    let list: Vec<String> = hops
        .iter()
        .map(|(ttl, address, name)| match (address, name) {
            (Some(a), Some(n)) => format!("TTL {ttl}: {a} ({n})"),
            (Some(a), None) => format!("TTL {ttl}: {a}"),
            _ => format!("TTL {ttl}: no answer"),
        })
        .collect();
    format!(
        "traceroute sends echo requests with TTL 1, 2, ...: the router where the TTL runs out drops the packet and sends back ICMP Time Exceeded from its own address, so each TTL names one hop. {}.",
        list.join("; ")
    )
}

pub fn echo_title() -> &'static str {
    "The echo client in h1 talks to the echo server in h2"
}

pub fn echo_text(message: &str, matches: bool, ms: f64) -> String {
    format!(
        "The article's program, across a router: a TCP connection from 192.0.2.10 to 198.51.100.20 port 5008 (three-way handshake through r1), the line {message:?} sent and {} in {ms:.2} ms, then the connection closed. TCP never sees r1: routing happens below it.",
        if matches {
            "echoed back byte for byte"
        } else {
            "something else came back"
        }
    )
}

pub fn http_title() -> &'static str {
    "An HTTP GET from h1 to h2"
}

pub fn http_text(status: u16, bytes: usize, ms: f64) -> String {
    format!(
        "GET http://198.51.100.20/ over a new TCP connection: status {status}, {bytes} bytes of HTML in {ms:.2} ms. The same routing, ARP and TTL rules carry it as carried the ping."
    )
}

pub fn teardown_title(ms: f64, total_ms: f64) -> String {
    format!("Tearing the lab down ({ms:.2} ms; {total_ms:.0} ms in all)")
}

pub const TEARDOWN_TEXT: &str = "Closing the namespaces' descriptors is all it takes: the kernel removes each namespace with its interfaces, addresses and routes (finishing in the background). Nothing was mounted under /run/netns and nothing on this machine's own network was touched.";

pub fn mistake_title(mistake: Mistake) -> &'static str {
    match mistake {
        Mistake::Mask => "The mistake: h1's mask is 240.0.0.0 (/4) instead of 255.255.255.0",
        Mistake::Gateway => "The mistake: h1 has no default gateway",
        Mistake::GatewayOffSubnet => {
            "The mistake: h1's gateway is 198.51.100.1, outside h1's subnet"
        }
        Mistake::NoForwarding => "The mistake: r1 does not forward packets (ip_forward = 0)",
    }
}

pub fn refused_route_text(gateway: IpAddr, error: &io::Error) -> String {
    format!(
        "Adding \"default via {gateway}\" on h1 was refused by the kernel: {}. A gateway must be reachable directly, on one of the host's own subnets, because h1 must find its MAC address with ARP; {gateway} is in 198.51.100.0/24, which h1 is not on. h1 is left with no default route.",
        error_text(error)
    )
}

pub fn mistake_outcome(mistake: Mistake, answer: &Answer, arp_unanswered: usize) -> String {
    let seen = answer_text(answer);
    match mistake {
        Mistake::Mask => format!(
            "h1 believes 198.51.100.20 is on its own wire, so it asks ARP for it instead of for the gateway: {arp_unanswered} \"who has 198.51.100.20?\" went unanswered (nobody on h1's cable has that address), and ping reports: {seen}. The fix: mask 255.255.255.0 (/24), and the packet goes to 192.0.2.1."
        ),
        Mistake::Gateway | Mistake::GatewayOffSubnet => format!(
            "With no route for 198.51.100.20, the packet never leaves h1: {seen}. ping says \"Network is unreachable\". The fix: \"default via 192.0.2.1\", an address on h1's own subnet."
        ),
        Mistake::NoForwarding => format!(
            "The request leaves h1 and reaches r1 (ARP for the gateway works), but r1 is not a router any more: a packet for someone else is dropped without a word. {}. From h1 this looks like a lost packet or a firewall; the fix is net.ipv4.ip_forward = 1 on r1.",
            capitalise(&seen)
        ),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

pub fn mistake_failed(mistake: Mistake) -> String {
    format!(
        "the lab with --mistake {} did not fail as it should: see the steps above",
        match mistake {
            Mistake::Mask => "mask",
            Mistake::Gateway => "gateway",
            Mistake::GatewayOffSubnet => "gateway-off-subnet",
            Mistake::NoForwarding => "no-forwarding",
        }
    )
}

pub fn step_failed(step: &str) -> String {
    format!("the lab's {step} step did not do what it should: see above")
}

/// Why the lab cannot be built here, and what would allow it.
pub fn refusal(refusal: &Refusal) -> String {
    let why = match refusal {
        Refusal::UnshareRefused { sysctl_off: true, .. } => "this kernel has unprivileged user namespaces switched off (sysctl kernel.unprivileged_userns_clone or user.max_user_namespaces is 0); an administrator can switch them on, or run the lab as root".to_string(),
        Refusal::UnshareRefused { .. } => "making a user namespace was refused (EPERM): inside a container, the runtime's seccomp profile (Docker's default) forbids it; run the lab on the host, in a container started with --privileged or a profile that allows unshare, or as root".to_string(),
        Refusal::CapabilitiesDenied { apparmor_rule: true } => "the user namespace was made but AppArmor withholds its capabilities (Ubuntu 24.04's kernel.apparmor_restrict_unprivileged_userns = 1); run the lab with sudo, or give netlearn an AppArmor profile that allows userns".to_string(),
        Refusal::CapabilitiesDenied { .. } => "the user namespace was made but gives no capabilities; run the lab with sudo".to_string(),
        Refusal::UnshareFailed(errno) | Refusal::MapRefused(errno) | Refusal::LoopbackDown(errno) => format!("no user namespace: {}; run the lab with sudo", io::Error::from_raw_os_error(*errno)),
        Refusal::Unsupported => "the lab needs Linux network namespaces".to_string(),
    };
    format!(
        "cannot build the lab here: each host is a Linux network namespace, which needs root or a user namespace of its own, and {why}"
    )
}

pub fn up_ready(pid: u32) -> Vec<String> {
    vec![
        "The lab is up: h1 192.0.2.10, r1 192.0.2.1 and 198.51.100.1, h2 198.51.100.20 (echo on port 5008, HTTP on 80), dns 198.51.100.53 (answers h1.lab, h2.lab, r1.lab, dns.lab).".to_string(),
        "From another terminal, step into it: netlearn lab shell h1, or netlearn lab run h1 -- netlearn echo client 198.51.100.20 (lab run and lab shell join this lab while it is up).".to_string(),
        format!("Its namespaces belong to this process ({pid}) and end with it: press Ctrl-C to tear it down."),
    ]
}

pub fn cannot_join(pid: u32) -> String {
    format!("cannot step into the lab of process {pid} (lab up)")
}

pub fn up_down(ms: f64) -> String {
    format!("The lab is down ({ms:.2} ms): its namespaces are closed, nothing is left.")
}

pub fn host_unknown(host: &str) -> String {
    format!("{host:?} is not a host of the lab: use h1, r1, h2 or dns")
}

pub fn target_unknown(target: &str) -> String {
    format!("{target:?} is neither an IPv4 address nor a lab name (h1, r1, h2, dns, or NAME.lab)")
}

pub fn ping_line(seq: u16, ttl_sent: u8, answer: &Answer) -> String {
    format!("seq {seq} (TTL {ttl_sent}): {}", answer_text(answer))
}

pub fn ping_summary(target: IpAddr, sent: usize, received: usize) -> String {
    let loss = if sent == 0 {
        0.0
    } else {
        100.0 * (sent - received) as f64 / sent as f64
    };
    format!("--- {target}: {sent} sent, {received} received, {loss:.0}% packet loss")
}

pub fn hop_line(ttl: u8, answer: &Answer, name: Option<&str>) -> String {
    let named = |from: &Ipv4Addr| match name {
        Some(n) => format!("{from} ({n})"),
        None => from.to_string(),
    };
    match answer {
        Answer::Echo { from, rtt, .. } | Answer::TimeExceeded { from, rtt } => {
            format!(
                "{ttl:>2}  {}  {:.2} ms",
                named(from),
                rtt.as_secs_f64() * 1e3
            )
        }
        Answer::Unreachable { from, code, rtt } => format!(
            "{ttl:>2}  {}  {:.2} ms  {}",
            named(from),
            rtt.as_secs_f64() * 1e3,
            unreachable_name(DEST_UNREACHABLE, *code)
        ),
        Answer::Silence => format!("{ttl:>2}  *"),
        Answer::NotSent { .. } => format!("{ttl:>2}  {}", answer_text(answer)),
    }
}

pub fn no_icmp_socket(gid: u32, range: &str) -> String {
    format!(
        "ping needs a raw ICMP socket (root or CAP_NET_RAW) or an ICMP datagram socket, which the kernel gives only to groups in net.ipv4.ping_group_range (here \"{range}\"; your group is {gid}): run it with sudo, or once `sudo setcap cap_net_raw+ep $(command -v netlearn)`, or let groups ping with `sudo sysctl -w net.ipv4.ping_group_range=\"0 2147483647\"`; inside the lab (netlearn lab ping h1 h2) it works without any of these"
    )
}
