//! One packet as people read it (a tcpdump-like line with names, then what it means in plain
//! words) and as a JSON Lines record.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::net::{IpAddr, SocketAddr};
use std::sync::OnceLock;

use serde::Serialize;

use crate::i18n::{self, Lang, Template};
use crate::net::sockets::TcpState;
use crate::net::wire::decode::{
    ArpOp, Body, DnsSummary, IcmpMessage, LinkInfo, Packet, Preview, TcpFlags,
};
use crate::net::wire::track::{Mark, Role, TcpEvent, Tracked};
use crate::output::escape::{bytes_terminal_safe, terminal_safe};
use crate::output::wrap;
use crate::tr;

/// The link layer under `--link`.
#[derive(Debug, Serialize)]
pub struct LinkView {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub src_mac: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dst_mac: Option<String>,
    pub ether_type: String,
}

#[derive(Debug, Serialize)]
pub struct DnsView {
    pub id: u16,
    pub response: bool,
    pub rcode: String,
    pub questions: Vec<String>,
    pub answers: Vec<String>,
}

/// A packet record: the JSON Lines contract of `capture --json` (snake_case, stable).
#[derive(Debug, Serialize)]
pub struct PacketView {
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Seconds since the first packet.
    pub time: f64,
    pub src: String,
    pub dst: String,
    /// In a demo, who sent it: `client → server` or `server → client`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<&'static str>,
    pub proto: &'static str,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_flags"
    )]
    pub flags: Option<TcpFlags>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seq: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ack: Option<u32>,
    /// The sequence and acknowledgement numbers as the header carries them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seq_raw: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ack_raw: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub win: Option<u16>,
    /// Payload bytes.
    pub len: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ttl: Option<u8>,
    /// TCP: the sender's state after this packet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<&'static str>,
    /// TCP: the receiver's state once it arrives.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peer_state: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mark: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icmp_type: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icmp_code: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dns: Option<DnsView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<LinkView>,
    /// The first payload bytes (up to 32), as text; the terminal view escapes them.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_preview"
    )]
    pub preview: Option<Preview>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub explain: String,
    /// The line's middle part (everything after the addresses), for the text view only.
    #[serde(skip)]
    summary: String,
    /// In a demo, the ends as roles with their ports (`client:54412 → server:5008`), shown
    /// instead of the addresses (the calls above the packets name those).
    #[serde(skip)]
    pub ends: Option<String>,
}

fn serialize_flags<S: serde::Serializer>(
    flags: &Option<TcpFlags>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(flags.iter().flat_map(|f| f.names()))
}

/// The preview as text in JSON (invalid UTF-8 replaced): the real bytes, unescaped.
fn serialize_preview<S: serde::Serializer>(
    preview: &Option<Preview>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match preview {
        Some(preview) => serializer.serialize_str(&String::from_utf8_lossy(preview.bytes())),
        None => serializer.serialize_none(),
    }
}

fn mac_text(mac: &[u8; 6]) -> String {
    let mut out = String::with_capacity(17);
    for (i, byte) in mac.iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        let _ = write!(out, "{byte:02x}");
    }
    out
}

fn ether_type_name(ether_type: u16) -> String {
    let name = match ether_type {
        0x0800 => "IPv4",
        0x86dd => "IPv6",
        0x0806 => "ARP",
        0x8100 => "802.1Q VLAN",
        0x88cc => "LLDP",
        _ => "",
    };
    if name.is_empty() {
        format!("0x{ether_type:04x}")
    } else {
        format!("{name} (0x{ether_type:04x})")
    }
}

fn link_view(link: &LinkInfo) -> LinkView {
    LinkView {
        src_mac: link.src.as_ref().map(mac_text),
        dst_mac: link.dst.as_ref().map(mac_text),
        ether_type: ether_type_name(link.ether_type),
    }
}

/// The texts of every packet's explanation in the chosen language, looked up once: a
/// capture explains a million packets, and a Fluent lookup per packet doubled its time.
struct Texts {
    who: [String; 4],
    /// "byte" and "bytes" (unit-byte).
    byte: [String; 2],
    separator: String,
    offers: Template,
    offer_mss: Template,
    offer_window_scale: Template,
    offer_sack: String,
    offer_timestamps: String,
    open: Template,
    open_accepted: Template,
    handshake_done: String,
    data: Template,
    data_range: Template,
    finish: Template,
    refused: Template,
    reset: Template,
    ack_fin: Template,
    ack_data: Template,
    ack: Template,
    nothing_new: Template,
    and_ack_fin: Template,
    retransmission: String,
    out_of_order: String,
    both_established: String,
    both_state: Template,
    side_state: Template,
    states: Template,
    udp: Template,
}

impl Texts {
    fn new(lang: Lang) -> Texts {
        let t = |id: &str, names: &[&str]| Template::new(lang, id, names);
        let s = |id: &str| i18n::lookup_in(lang, id, None, None);
        let unit = |count: u32| {
            let mut args = i18n::FluentArgs::new();
            args.set("count", count);
            i18n::lookup_in(lang, "unit-byte", None, Some(&args))
        };
        Texts {
            who: [
                s("wire-who-client"),
                s("wire-who-server"),
                s("wire-who-this-side"),
                s("wire-who-other-side"),
            ],
            byte: [unit(1), unit(2)],
            separator: s("wire-list-separator"),
            offers: t("wire-tcp-offers", &["list"]),
            offer_mss: t("wire-tcp-offer-mss", &["mss"]),
            offer_window_scale: t("wire-tcp-offer-window-scale", &["scale"]),
            offer_sack: s("wire-tcp-offer-sack"),
            offer_timestamps: s("wire-tcp-offer-timestamps"),
            open: t("wire-tcp-open", &["me", "port", "offers"]),
            open_accepted: t("wire-tcp-open-accepted", &["me"]),
            handshake_done: s("wire-tcp-handshake-done"),
            data: t("wire-tcp-data", &["me", "bytes"]),
            data_range: t("wire-tcp-data-range", &["me", "bytes", "first", "last"]),
            finish: t("wire-tcp-finish", &["me"]),
            refused: t("wire-tcp-refused", &["port"]),
            reset: t("wire-tcp-reset", &["me"]),
            ack_fin: t("wire-tcp-ack-fin", &["me", "peer"]),
            ack_data: t("wire-tcp-ack-data", &["me", "peer", "ack"]),
            ack: t("wire-tcp-ack", &["me", "peer"]),
            nothing_new: t("wire-tcp-nothing-new", &["me"]),
            and_ack_fin: t("wire-tcp-and-ack-fin", &["peer"]),
            retransmission: s("wire-tcp-retransmission"),
            out_of_order: s("wire-tcp-out-of-order"),
            both_established: s("wire-tcp-both-established"),
            both_state: t("wire-tcp-both-state", &["state"]),
            side_state: t("wire-tcp-side-state", &["side", "state"]),
            states: t("wire-tcp-states", &["states"]),
            udp: t("wire-udp", &["bytes"]),
        }
    }

    /// The texts of the language chosen for this run.
    fn get() -> &'static Texts {
        static TEXTS: [OnceLock<Texts>; 2] = [const { OnceLock::new() }; 2];
        let lang = i18n::language();
        TEXTS[lang as usize].get_or_init(|| Texts::new(lang))
    }

    fn who(&self, role: Role, sender: bool) -> &str {
        let index = match (role, sender) {
            (Role::Client, true) | (Role::Server, false) => 0,
            (Role::Server, true) | (Role::Client, false) => 1,
            (Role::Unknown, true) => 2,
            (Role::Unknown, false) => 3,
        };
        &self.who[index]
    }

    /// "1 byte", "5 bytes".
    fn bytes(&self, n: usize) -> String {
        let mut out = String::with_capacity(16);
        push_number(&mut out, "", n as u64);
        out.push(' ');
        out.push_str(&self.byte[usize::from(n != 1)]);
        out
    }
}

/// `n` in decimal.
fn number(n: u64) -> String {
    let mut out = String::with_capacity(20);
    push_number(&mut out, "", n);
    out
}

/// RFC 793's names; `ss` says CLOSE where the RFC says CLOSED.
fn state_name(state: TcpState) -> &'static str {
    match state {
        TcpState::Close => "CLOSED",
        other => other.name(),
    }
}

/// What a TCP segment means, in plain words (texts/*/wire.ftl).
fn tcp_explain(
    tracked: &Tracked,
    flags: TcpFlags,
    options: &crate::net::wire::decode::TcpOptions,
    payload_len: usize,
    src: SocketAddr,
    dst: SocketAddr,
) -> String {
    let texts = Texts::get();
    let me = texts.who(tracked.role, true);
    let peer = texts.who(tracked.role, false);
    let mut text = match tracked.event {
        TcpEvent::Open => {
            let mut offers = Vec::new();
            if let Some(mss) = options.mss {
                offers.push(texts.offer_mss.fill(&[&number(mss.into())]));
            }
            if let Some(scale) = options.window_scale {
                offers.push(texts.offer_window_scale.fill(&[&number(scale.into())]));
            }
            if options.sack_permitted {
                offers.push(texts.offer_sack.clone());
            }
            if options.timestamps.is_some() {
                offers.push(texts.offer_timestamps.clone());
            }
            let offers = if offers.is_empty() {
                String::new()
            } else {
                texts.offers.fill(&[&offers.join(&texts.separator)])
            };
            texts.open.fill(&[me, &number(dst.port().into()), &offers])
        }
        TcpEvent::OpenAccepted => texts.open_accepted.fill(&[me]),
        TcpEvent::HandshakeDone => texts.handshake_done.clone(),
        TcpEvent::Data => {
            let first = tracked.seq;
            if first > 0 {
                texts.data_range.fill(&[
                    me,
                    &texts.bytes(payload_len),
                    &number(first.into()),
                    &number(u64::from(first) + payload_len as u64 - 1),
                ])
            } else {
                texts.data.fill(&[me, &texts.bytes(payload_len)])
            }
        }
        TcpEvent::Finish => texts.finish.fill(&[me]),
        TcpEvent::Reset if tracked.refuses_syn => texts.refused.fill(&[&number(src.port().into())]),
        TcpEvent::Reset => texts.reset.fill(&[me]),
        TcpEvent::Ack if tracked.acks_fin => texts.ack_fin.fill(&[me, peer]),
        TcpEvent::Ack => match tracked.ack {
            Some(ack) => texts.ack_data.fill(&[me, peer, &number(ack.into())]),
            None => texts.ack.fill(&[me, peer]),
        },
        TcpEvent::NothingNew => texts.nothing_new.fill(&[me]),
    };
    if flags.has(TcpFlags::ACK) && tracked.event == TcpEvent::Finish && tracked.acks_fin {
        texts.and_ack_fin.fill_into(&mut text, &[peer]);
    }
    match tracked.mark {
        Some(Mark::Retransmission) => text.push_str(&texts.retransmission),
        Some(Mark::OutOfOrder) => text.push_str(&texts.out_of_order),
        None => {}
    }
    if tracked.event == TcpEvent::HandshakeDone
        && tracked.sender_state.name() == "ESTABLISHED"
        && tracked.receiver_state.name() == "ESTABLISHED"
    {
        text.push_str(&texts.both_established);
    } else if tracked.sender_changed || tracked.receiver_changed {
        if tracked.sender_changed
            && tracked.receiver_changed
            && tracked.sender_state == tracked.receiver_state
        {
            texts
                .both_state
                .fill_into(&mut text, &[state_name(tracked.sender_state)]);
            return text;
        }
        let mut states = Vec::new();
        if tracked.sender_changed {
            states.push(
                texts
                    .side_state
                    .fill(&[me, state_name(tracked.sender_state)]),
            );
        }
        if tracked.receiver_changed {
            states.push(
                texts
                    .side_state
                    .fill(&[peer, state_name(tracked.receiver_state)]),
            );
        }
        texts
            .states
            .fill_into(&mut text, &[&states.join(&texts.separator)]);
    }
    text
}

fn icmp_explain(icmp: &IcmpMessage, v6: bool) -> (String, String) {
    let about = icmp.quoted.map(|q| {
        let proto = if q.protocol == 6 { "TCP" } else { "UDP" };
        (proto, q)
    });
    let (name, explain) = match (v6, icmp.kind, icmp.code) {
        (false, 8, _) | (true, 128, _) => {
            ("echo request".to_string(), tr!("wire-icmp-echo-request"))
        }
        (false, 0, _) | (true, 129, _) => ("echo reply".to_string(), tr!("wire-icmp-echo-reply")),
        (false, 3, 3) | (true, 1, 4) => match about {
            Some((proto, q)) => (
                format!("port unreachable ({proto} {} → {})", q.src, q.dst),
                tr!(
                    "wire-icmp-port-unreachable-about",
                    proto = proto,
                    port = q.dst.port(),
                    ip = q.dst.ip().to_string()
                ),
            ),
            None => (
                "port unreachable".to_string(),
                tr!("wire-icmp-port-unreachable"),
            ),
        },
        (false, 3, 4) => (
            "fragmentation needed".to_string(),
            tr!("wire-icmp-fragmentation-needed"),
        ),
        (true, 2, _) => (
            "packet too big".to_string(),
            tr!("wire-icmp-packet-too-big"),
        ),
        (false, 3, code) | (true, 1, code) => (
            format!("destination unreachable (code {code})"),
            tr!("wire-icmp-unreachable"),
        ),
        (false, 11, _) | (true, 3, _) => {
            ("time exceeded".to_string(), tr!("wire-icmp-time-exceeded"))
        }
        (true, 133, _) => (
            "router solicitation".to_string(),
            tr!("wire-icmp-router-solicitation"),
        ),
        (true, 134, _) => (
            "router advertisement".to_string(),
            tr!("wire-icmp-router-advertisement"),
        ),
        (true, 135, _) => (
            "neighbor solicitation".to_string(),
            tr!("wire-icmp-neighbor-solicitation"),
        ),
        (true, 136, _) => (
            "neighbor advertisement".to_string(),
            tr!("wire-icmp-neighbor-advertisement"),
        ),
        (_, kind, code) => (format!("type {kind} code {code}"), tr!("wire-icmp-other")),
    };
    let name = match icmp.echo {
        Some((id, seq)) => format!("{name} id={id} seq={seq}"),
        None => name,
    };
    (name, explain)
}

fn dns_view(dns: &DnsSummary) -> DnsView {
    DnsView {
        id: dns.id,
        response: dns.response,
        // hickory's names (NoError, NXDomain), as the JSON has always said them.
        rcode: format!("{:?}", dns.rcode),
        questions: dns
            .questions
            .iter()
            .map(|(name, kind)| format!("{name} {kind}"))
            .collect(),
        answers: dns
            .answers
            .iter()
            .map(|(name, kind, data)| format!("{name} {kind} {data}"))
            .collect(),
    }
}

fn dns_explain(dns: &DnsView) -> (String, String) {
    let questions = dns.questions.join(", ");
    if dns.response {
        let answers = if dns.answers.is_empty() {
            tr!("wire-dns-no-answer")
        } else {
            dns.answers.join(", ")
        };
        (
            format!("DNS response id={} {}: {}", dns.id, dns.rcode, answers),
            tr!(
                "wire-dns-answer",
                questions = questions.as_str(),
                rcode = dns.rcode.as_str(),
                answers = answers.as_str()
            ),
        )
    } else {
        (
            format!("DNS query id={} {questions}", dns.id),
            tr!("wire-dns-question", questions = questions),
        )
    }
}

/// `label` then `n` in decimal, without the formatting machinery (this runs several times
/// per packet).
fn push_number(out: &mut String, label: &str, n: u64) {
    out.push_str(label);
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &digit in &digits[at..] {
        out.push(char::from(digit));
    }
}

/// An address with its port, as `SocketAddr` shows it (`[::1]:53` for IPv6); IPv4, the common
/// case, without the formatting machinery.
fn endpoint(addr: IpAddr, port: Option<u16>) -> String {
    match addr {
        IpAddr::V4(v4) => {
            let mut out = String::with_capacity(21);
            for (i, octet) in v4.octets().into_iter().enumerate() {
                push_number(&mut out, if i == 0 { "" } else { "." }, u64::from(octet));
            }
            if let Some(port) = port {
                push_number(&mut out, ":", u64::from(port));
            }
            out
        }
        IpAddr::V6(_) => match port {
            Some(port) => SocketAddr::new(addr, port).to_string(),
            None => addr.to_string(),
        },
    }
}

/// Greedy word wrap, at spaces, of `text` whose every character is one column wide (English
/// explanations, arrows included), to `width` columns, each line after `indent`; a word longer
/// than a line gets a line of its own.
fn wrap_narrow(text: &str, indent: &str, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let room = width.saturating_sub(indent.len()).max(1);
    let mut line_len = 0;
    let mut wrapped = String::with_capacity(text.len() + 4 * indent.len());
    wrapped.push_str(indent);
    for word in text.split_whitespace() {
        let columns = if word.is_ascii() {
            word.len()
        } else {
            word.chars().count()
        };
        if line_len > 0 && line_len + 1 + columns > room {
            wrapped.push('\n');
            wrapped.push_str(indent);
            line_len = 0;
        }
        if line_len > 0 {
            wrapped.push(' ');
            line_len += 1;
        }
        wrapped.push_str(word);
        line_len += columns;
    }
    out.write_all(wrapped.as_bytes())
}

impl PacketView {
    /// Builds the view of one packet; `tracked` is the TCP tracker's verdict for TCP.
    pub fn new(
        time: f64,
        packet: &Packet,
        tracked: Option<&Tracked>,
        with_link: bool,
    ) -> PacketView {
        let mut view = PacketView {
            kind: "packet",
            time,
            src: String::new(),
            dst: String::new(),
            direction: None,
            proto: "other",
            flags: None,
            seq: None,
            ack: None,
            seq_raw: None,
            ack_raw: None,
            win: None,
            len: 0,
            ttl: None,
            state: None,
            peer_state: None,
            mark: None,
            icmp_type: None,
            icmp_code: None,
            dns: None,
            link: with_link
                .then(|| packet.link.as_ref().map(link_view))
                .flatten(),
            preview: None,
            error: None,
            explain: String::new(),
            summary: String::new(),
            ends: None,
        };
        if let Some(ip) = packet.ip() {
            view.ttl = Some(ip.ttl);
        }
        match &packet.body {
            Body::Tcp {
                ip,
                tcp,
                payload_len,
                preview,
            } => {
                let src = SocketAddr::new(ip.src, tcp.src_port);
                let dst = SocketAddr::new(ip.dst, tcp.dst_port);
                view.src = endpoint(src.ip(), Some(src.port()));
                view.dst = endpoint(dst.ip(), Some(dst.port()));
                view.proto = "tcp";
                view.flags = Some(tcp.flags);
                view.seq_raw = Some(tcp.seq);
                view.ack_raw = tcp.flags.has(TcpFlags::ACK).then_some(tcp.ack);
                view.win = Some(tcp.window);
                view.len = *payload_len;
                if *payload_len > 0 {
                    view.preview = Some(*preview);
                }
                let mut summary = String::with_capacity(96);
                summary.push_str("TCP [");
                for (i, name) in tcp.flags.names().enumerate() {
                    if i > 0 {
                        summary.push_str(", ");
                    }
                    summary.push_str(name);
                }
                summary.push(']');
                if let Some(tracked) = tracked {
                    view.seq = Some(tracked.seq);
                    view.ack = tracked.ack;
                    view.state = Some(state_name(tracked.sender_state));
                    view.peer_state = Some(state_name(tracked.receiver_state));
                    view.mark = tracked.mark.map(|m| match m {
                        Mark::Retransmission => "retransmission",
                        Mark::OutOfOrder => "out-of-order",
                    });
                    view.explain =
                        tcp_explain(tracked, tcp.flags, &tcp.options, *payload_len, src, dst);
                }
                push_number(
                    &mut summary,
                    " seq=",
                    u64::from(view.seq.unwrap_or(tcp.seq)),
                );
                if let Some(ack) = view.ack.or(view.ack_raw) {
                    push_number(&mut summary, " ack=", u64::from(ack));
                }
                push_number(&mut summary, " win=", u64::from(tcp.window));
                push_number(&mut summary, " len=", *payload_len as u64);
                push_number(&mut summary, " ttl=", u64::from(ip.ttl));
                if let Some(mss) = tcp.options.mss {
                    let _ = write!(summary, " mss={mss}");
                }
                if let Some(mark) = view.mark {
                    let _ = write!(summary, " ({mark})");
                }
                view.summary = summary;
            }
            Body::Udp {
                ip,
                udp,
                payload_len,
                preview,
                dns,
            } => {
                view.src = endpoint(ip.src, Some(udp.src_port));
                view.dst = endpoint(ip.dst, Some(udp.dst_port));
                view.proto = "udp";
                view.len = *payload_len;
                if let Some(dns) = dns {
                    let dns = dns_view(dns);
                    let (summary, explain) = dns_explain(&dns);
                    view.summary = format!("UDP {summary} len={payload_len} ttl={}", ip.ttl);
                    view.explain = explain;
                    view.dns = Some(dns);
                } else {
                    if *payload_len > 0 {
                        view.preview = Some(*preview);
                    }
                    view.summary = format!("UDP len={payload_len} ttl={}", ip.ttl);
                    let texts = Texts::get();
                    view.explain = texts.udp.fill(&[&texts.bytes(*payload_len)]);
                }
            }
            Body::Icmp {
                ip,
                icmp,
                payload_len,
            }
            | Body::Icmpv6 {
                ip,
                icmp,
                payload_len,
            } => {
                let v6 = matches!(packet.body, Body::Icmpv6 { .. });
                view.src = endpoint(ip.src, None);
                view.dst = endpoint(ip.dst, None);
                view.proto = if v6 { "icmpv6" } else { "icmp" };
                view.len = *payload_len;
                view.icmp_type = Some(icmp.kind);
                view.icmp_code = Some(icmp.code);
                let (name, explain) = icmp_explain(icmp, v6);
                view.summary = format!(
                    "{} {name} ttl={}",
                    if v6 { "ICMPv6" } else { "ICMP" },
                    ip.ttl
                );
                view.explain = explain;
            }
            Body::Arp(arp) => {
                view.proto = "arp";
                let ip_text = |ip: Option<std::net::Ipv4Addr>| {
                    ip.map_or("?".to_string(), |ip| ip.to_string())
                };
                view.src = ip_text(arp.sender_ip);
                view.dst = ip_text(arp.target_ip);
                let sender_mac = arp.sender_mac.as_ref().map_or("?".to_string(), mac_text);
                match arp.op {
                    ArpOp::Request => {
                        view.summary = format!("ARP who-has {} tell {}", view.dst, view.src);
                        view.explain = tr!(
                            "wire-arp-request",
                            asker = view.src.as_str(),
                            target = view.dst.as_str()
                        );
                    }
                    ArpOp::Reply => {
                        view.summary = format!("ARP {} is-at {sender_mac}", view.src);
                        view.explain = tr!(
                            "wire-arp-reply",
                            sender = view.src.as_str(),
                            mac = sender_mac.as_str()
                        );
                    }
                    ArpOp::Other(op) => {
                        view.summary = format!("ARP operation {op}");
                        view.explain = tr!("wire-arp-other");
                    }
                }
            }
            Body::OtherIp {
                ip,
                protocol,
                payload_len,
            } => {
                view.src = endpoint(ip.src, None);
                view.dst = endpoint(ip.dst, None);
                view.proto = "ip";
                view.len = *payload_len;
                view.summary = format!("IP protocol {protocol} len={payload_len} ttl={}", ip.ttl);
                view.explain = if ip.fragment {
                    tr!("wire-ip-fragment")
                } else {
                    tr!("wire-ip-other", protocol = *protocol)
                };
            }
            Body::OtherLink { ether_type, len } => {
                view.proto = "link";
                view.len = *len;
                view.summary = format!("{} len={len}", ether_type_name(*ether_type));
                view.explain = tr!("wire-link-other");
            }
            Body::Undecodable { reason } => {
                let reason = super::words::undecodable(crate::i18n::language(), reason);
                view.proto = "undecodable";
                view.summary = format!("undecodable: {}", terminal_safe(&reason));
                view.error = Some(reason);
                view.explain = tr!("wire-undecodable");
            }
        }
        view
    }

    /// Writes the packet's line, whole as tcpdump writes it, and its explanation wrapped to
    /// `width`.
    pub fn render(&self, out: &mut dyn Write, width: usize) -> io::Result<()> {
        self.render_to(out, width, false)
    }

    /// As `render`; with `fold`, the packet's line too is folded at spaces to `width` (for a
    /// terminal; piped lines stay whole, one per packet, for grep and friends).
    pub fn render_to(&self, out: &mut dyn Write, width: usize, fold: bool) -> io::Result<()> {
        let mut line = String::with_capacity(128);
        // Integer formatting: the float formatter is slow, and this runs once per packet.
        let micros = (self.time * 1e6).round() as u64;
        let _ = write!(line, "{}.{:06} ", micros / 1_000_000, micros % 1_000_000);
        if let Some(link) = &self.link {
            let _ = write!(
                line,
                "{} → {} {} ",
                link.src_mac.as_deref().unwrap_or("?"),
                link.dst_mac.as_deref().unwrap_or("?"),
                link.ether_type
            );
        }
        if let Some(ends) = &self.ends {
            let _ = write!(line, "{ends} ");
        } else if !self.src.is_empty() && self.proto != "arp" {
            let _ = write!(line, "{} → {} ", self.src, self.dst);
        }
        // Only DNS puts network text (names, answers) into the summary and the explanation;
        // everything else there is netlearn's own words, numbers and typed addresses.
        let from_network = self.dns.is_some();
        if from_network {
            line.push_str(&terminal_safe(&self.summary));
        } else {
            line.push_str(&self.summary);
        }
        if let Some(preview) = &self.preview {
            let _ = write!(line, " \"{}\"", bytes_terminal_safe(preview.bytes()));
            if self.len > preview.bytes().len() {
                line.push('…');
            }
        }
        if fold && crate::output::width::display_width(&line) > width {
            line = crate::output::width::wrap_hanging(&line, "  ", width);
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
        if !self.explain.is_empty() {
            const INDENT: &str = "    ";
            let explain = if from_network {
                terminal_safe(&self.explain)
            } else {
                std::borrow::Cow::Borrowed(self.explain.as_str())
            };
            // This runs once per packet: ASCII text (nearly every explanation) is wrapped here
            // greedily, without the general Unicode line breaker.
            // Arrows and ellipses are one column wide, like ASCII.
            if explain
                .chars()
                .all(|c| c.is_ascii() || c == '→' || c == '…')
            {
                wrap_narrow(&explain, INDENT, width, out)?;
            } else {
                out.write_all(wrap(&explain, INDENT, width).as_bytes())?;
            }
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(text: &str, width: usize) -> String {
        let mut out = Vec::new();
        wrap_narrow(text, "    ", width, &mut out).expect("write");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn ascii_wrap_matches_the_general_wrapper_without_hyphens() {
        let text = "the client asks to open a connection to port 47123 (step 1 of the handshake), offering segments up to 65495 bytes (MSS)";
        for width in [40, 80, 200] {
            assert_eq!(
                wrapped(text, width),
                wrap(text, "    ", width),
                "width {width}"
            );
        }
        for width in [20, 30, 80] {
            assert!(wrapped(text, width).lines().all(|l| l.len() <= width));
        }
    }
}

#[cfg(test)]
mod endpoint_tests {
    use super::*;

    #[test]
    fn endpoints_read_as_socket_addresses_do() {
        for text in [
            "127.0.0.1:5008",
            "0.0.0.0:0",
            "255.255.255.255:65535",
            "[::1]:53",
        ] {
            let addr: SocketAddr = text.parse().expect("addr");
            assert_eq!(endpoint(addr.ip(), Some(addr.port())), text);
        }
        assert_eq!(endpoint("10.0.0.1".parse().expect("ip"), None), "10.0.0.1");
        let mut out = String::new();
        push_number(&mut out, "n=", u64::MAX);
        assert_eq!(out, format!("n={}", u64::MAX));
    }
}
