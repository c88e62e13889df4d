//! One packet as people read it (a tcpdump-like line with names, then what it means in plain
//! words) and as a JSON Lines record.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::net::{IpAddr, SocketAddr};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

use crate::i18n::{self, Lang, Template};
use crate::net::ftp::password::hide_passwords;
use crate::net::wire::decode::{
    ArpOp, Body, DnsSummary, IcmpMessage, LinkInfo, Packet, Preview, TcpFlags,
};
use crate::net::wire::track::{Mark, Role, TcpEvent, Tracked};
use crate::output::escape::{bytes_terminal_safe, push_bytes_terminal_safe, terminal_safe};
use crate::output::width::{display_width, pad, truncate};
use crate::output::wrap;
use crate::tr;

/// The link layer under `--link`.
#[derive(Debug, Serialize)]
pub struct LinkView {
    pub src_mac: Option<String>,
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

/// A packet record: the JSON Lines contract of `capture --json` and the demos' `--wire`
/// (snake_case, stable). Every record has every key: what a packet lacks is `null` (README.md,
/// "Packet records").
#[derive(Debug, Serialize)]
pub struct PacketView {
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Seconds since the first packet.
    pub time: f64,
    pub src: String,
    pub dst: String,
    /// In a demo, who sent it: `client → server` or `server → client`.
    pub direction: Option<&'static str>,
    pub proto: &'static str,
    #[serde(serialize_with = "serialize_flags")]
    pub flags: Option<TcpFlags>,
    pub seq: Option<u32>,
    pub ack: Option<u32>,
    /// The sequence and acknowledgement numbers as the header carries them.
    pub seq_raw: Option<u32>,
    pub ack_raw: Option<u32>,
    pub win: Option<u16>,
    /// Payload bytes.
    pub len: usize,
    pub ttl: Option<u8>,
    /// TCP: the sender's state after this packet.
    pub state: Option<&'static str>,
    /// TCP: the receiver's state once it arrives.
    pub peer_state: Option<&'static str>,
    pub mark: Option<&'static str>,
    pub icmp_type: Option<u8>,
    pub icmp_code: Option<u8>,
    pub dns: Option<DnsView>,
    pub link: Option<LinkView>,
    /// The first payload bytes (up to 32), as text; the terminal view escapes them.
    #[serde(serialize_with = "serialize_preview")]
    pub preview: Option<Preview>,
    pub error: Option<String>,
    pub explain: String,
    /// The line's head after the addresses (`TCP [SYN, ACK]`, `ICMP echo request id=1 seq=1`),
    /// for the text view only.
    #[serde(skip)]
    head: String,
    /// The `key=value` details after the head, in the order of the whole line.
    #[serde(skip)]
    details: Vec<(Detail, String)>,
    /// In a demo, the ends as roles with their ports (`client:54412 → server:5008`), shown
    /// instead of the addresses (the calls above the packets name those).
    #[serde(skip)]
    pub ends: Option<String>,
    /// The column widths this packet's line shares with the others of its screen (a demo sets
    /// them over all its packets).
    #[serde(skip)]
    pub align: Option<Align>,
}

fn serialize_flags<S: serde::Serializer>(
    flags: &Option<TcpFlags>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match flags {
        Some(flags) => serializer.collect_seq(flags.names()),
        None => serializer.serialize_none(),
    }
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
            ack_data: t("wire-tcp-ack-data", &["me", "peer", "ack", "last"]),
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

    /// "1 byte", "5 bytes" pushed onto `out`.
    fn push_bytes(&self, out: &mut String, n: usize) {
        push_number(out, "", n as u64);
        out.push('\u{a0}');
        out.push_str(&self.byte[usize::from(n != 1)]);
    }
}

/// The payload's bytes as the terminal shows them, one character or escape at a time.
fn preview_pieces(bytes: &[u8]) -> impl Iterator<Item = String> + '_ {
    bytes.utf8_chunks().flat_map(|chunk| {
        let mut buf = [0u8; 4];
        chunk
            .valid()
            .chars()
            .map(move |c| terminal_safe(c.encode_utf8(&mut buf)).into_owned())
            .chain(chunk.invalid().iter().map(|byte| format!("\\x{byte:02x}")))
    })
}

/// `len=` and `ttl=`, the details of UDP and other IP packets.
fn len_ttl(len: usize, ttl: u8) -> Vec<(Detail, String)> {
    vec![
        (Detail::Len, format!("len={len}")),
        (Detail::Ttl, format!("ttl={ttl}")),
    ]
}

/// A `key=value` detail of a packet's line; the kind decides which are left out to fit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Detail {
    Seq,
    Ack,
    Win,
    Len,
    Ttl,
    Mss,
    /// `(retransmission)`, `(out-of-order)`.
    Mark,
}

/// Column widths the packet lines of one screen share, so that their ends and heads line up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Align {
    time: usize,
    ends: usize,
    head: usize,
    /// The widest line (without its preview) with the details each level of [`LEAST_USEFUL`]
    /// leaves: the fields a screen shows are chosen once for all its lines, like a table's
    /// columns.
    widest: [usize; LEVELS],
}

/// The details left out first to fit a line, in that order (after the link layer).
const LEAST_USEFUL: [Detail; 3] = [Detail::Ttl, Detail::Win, Detail::Mss];

/// Level 0 shows everything; 1 leaves the link layer out; each level after it one more of
/// [`LEAST_USEFUL`].
const LEVELS: usize = LEAST_USEFUL.len() + 2;

/// The widest two IPv4 socket addresses with their arrow: ends wider than this (IPv6) are not
/// padded to, so one long address does not push every line right.
const MAX_ALIGNED_ENDS: usize = 45;

/// TCP heads (`TCP [FIN, PSH, ACK]`) up to this wide line up.
const MAX_ALIGNED_HEAD: usize = 24;

impl Align {
    /// The widths over `views`.
    pub fn over<'a>(views: impl IntoIterator<Item = &'a PacketView>) -> Align {
        let mut align = Align::default();
        for view in views {
            align.grow(view);
        }
        align
    }

    /// Widens the columns to hold `view` (a capture aligns as it goes).
    pub fn grow(&mut self, view: &PacketView) {
        self.time = self.time.max(view.time_text().len());
        if let Some(ends) = view.ends_text() {
            let columns = display_width(&ends);
            if columns <= MAX_ALIGNED_ENDS {
                self.ends = self.ends.max(columns);
            }
        }
        if view.proto == "tcp" {
            let columns = display_width(&view.head);
            if columns <= MAX_ALIGNED_HEAD {
                self.head = self.head.max(columns);
            }
        }
        for (level, widest) in self.widest.iter_mut().enumerate() {
            *widest = (*widest).max(view.line_width(level));
        }
    }

    /// The first level at which every line seen so far fits `width` columns.
    fn level(&self, width: usize) -> usize {
        (0..LEVELS)
            .find(|&level| self.widest[level] <= width)
            .unwrap_or(LEVELS - 1)
    }
}

/// How a packet's line is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Every field on one line, however long (a pipe, `--wide`), as tcpdump writes it.
    Whole,
    /// Fitted to `width` columns, its columns as wide as `align` says.
    Fit { width: usize, align: Align },
}

/// Whether `--wide` asked for whole packet lines.
static WIDE: AtomicBool = AtomicBool::new(false);

/// `--wide` (`-v`): every packet line whole, whatever the screen's width.
pub fn set_wide(wide: bool) {
    WIDE.store(wide, Ordering::Relaxed);
}

/// Whether `--wide` was given (a child process run for this one is told too).
pub fn wide() -> bool {
    WIDE.load(Ordering::Relaxed)
}

/// The layout of this run's packet lines: fitted to the screen when lines are laid out for a
/// width (a terminal, or `COLUMNS` set) and `--wide` was not given; whole otherwise.
pub fn layout(align: Align) -> Layout {
    if wide() || !crate::output::screen::screen().fits_width {
        Layout::Whole
    } else {
        Layout::Fit {
            width: crate::output::width::terminal_width(),
            align,
        }
    }
}

/// Strings an explanation is assembled in, kept from one packet to the next (a capture
/// explains a million packets: a String per piece per packet was a quarter of its time).
#[derive(Debug, Default)]
pub(super) struct Scratch {
    /// "26 bytes".
    bytes: String,
    /// A list being joined: the SYN's offers, the states that changed.
    list: String,
    /// The offers' sentence.
    part: String,
}

/// What a TCP segment means, in plain words (texts/*/wire.ftl).
fn tcp_explain(
    tracked: &Tracked,
    flags: TcpFlags,
    options: &crate::net::wire::decode::TcpOptions,
    payload_len: usize,
    ports: (u16, u16),
) -> String {
    let mut text = String::with_capacity(128);
    push_tcp_explain(
        &mut text,
        &mut Scratch::default(),
        tracked,
        flags,
        options,
        payload_len,
        ports,
    );
    text
}

/// [`tcp_explain`] pushed onto `text`, assembled in `scratch`; `ports` are the source's and
/// the destination's.
pub(super) fn push_tcp_explain(
    text: &mut String,
    scratch: &mut Scratch,
    tracked: &Tracked,
    flags: TcpFlags,
    options: &crate::net::wire::decode::TcpOptions,
    payload_len: usize,
    (src_port, dst_port): (u16, u16),
) {
    let texts = Texts::get();
    let me = texts.who(tracked.role, true);
    let peer = texts.who(tracked.role, false);
    let Scratch { bytes, list, part } = scratch;
    // Digits without a String each.
    let (mut d1, mut d2) = (itoa::Buffer::new(), itoa::Buffer::new());
    match tracked.event {
        TcpEvent::Open => {
            list.clear();
            let mut offers = 0;
            let mut separate = |list: &mut String| {
                if offers > 0 {
                    list.push_str(&texts.separator);
                }
                offers += 1;
            };
            if let Some(mss) = options.mss {
                separate(list);
                texts.offer_mss.fill_into(list, &[d1.format(mss)]);
            }
            if let Some(scale) = options.window_scale {
                separate(list);
                texts
                    .offer_window_scale
                    .fill_into(list, &[d1.format(scale)]);
            }
            if options.sack_permitted {
                separate(list);
                list.push_str(&texts.offer_sack);
            }
            if options.timestamps.is_some() {
                separate(list);
                list.push_str(&texts.offer_timestamps);
            }
            part.clear();
            if offers > 0 {
                texts.offers.fill_into(part, &[list]);
            }
            texts.open.fill_into(text, &[me, d1.format(dst_port), part]);
        }
        TcpEvent::OpenAccepted => texts.open_accepted.fill_into(text, &[me]),
        TcpEvent::HandshakeDone => text.push_str(&texts.handshake_done),
        TcpEvent::Data => {
            bytes.clear();
            texts.push_bytes(bytes, payload_len);
            let first = tracked.seq;
            if first > 0 {
                texts.data_range.fill_into(
                    text,
                    &[
                        me,
                        bytes,
                        d1.format(first),
                        d2.format(u64::from(first) + payload_len as u64 - 1),
                    ],
                );
            } else {
                texts.data.fill_into(text, &[me, bytes]);
            }
        }
        TcpEvent::Finish => texts.finish.fill_into(text, &[me]),
        TcpEvent::Reset if tracked.refuses_syn => {
            texts.refused.fill_into(text, &[d1.format(src_port)]);
        }
        TcpEvent::Reset => texts.reset.fill_into(text, &[me]),
        TcpEvent::Ack if tracked.acks_fin => texts.ack_fin.fill_into(text, &[me, peer]),
        // ack=N: "I have received every byte before N" (the SYN took number 0).
        TcpEvent::Ack => match tracked.ack {
            Some(ack) if ack > 1 => texts.ack_data.fill_into(
                text,
                &[me, peer, d1.format(ack), d2.format(u64::from(ack) - 1)],
            ),
            _ => texts.ack.fill_into(text, &[me, peer]),
        },
        TcpEvent::NothingNew => texts.nothing_new.fill_into(text, &[me]),
    }
    if flags.has(TcpFlags::ACK) && tracked.event == TcpEvent::Finish && tracked.acks_fin {
        texts.and_ack_fin.fill_into(text, &[peer]);
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
                .fill_into(text, &[tracked.sender_state.rfc_name()]);
            return;
        }
        list.clear();
        if tracked.sender_changed {
            texts
                .side_state
                .fill_into(list, &[me, tracked.sender_state.rfc_name()]);
        }
        if tracked.receiver_changed {
            if tracked.sender_changed {
                list.push_str(&texts.separator);
            }
            texts
                .side_state
                .fill_into(list, &[peer, tracked.receiver_state.rfc_name()]);
        }
        texts.states.fill_into(text, &[list]);
    }
}

/// What a UDP datagram (not DNS) of `payload_len` bytes means, pushed onto `text`.
pub(super) fn push_udp_explain(text: &mut String, scratch: &mut Scratch, payload_len: usize) {
    let texts = Texts::get();
    scratch.bytes.clear();
    texts.push_bytes(&mut scratch.bytes, payload_len);
    texts.udp.fill_into(text, &[&scratch.bytes]);
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
    out.push_str(itoa::Buffer::new().format(n));
}

/// An address with its port, as `SocketAddr` shows it (`[::1]:53` for IPv6); IPv4, the common
/// case, without the formatting machinery.
fn endpoint(addr: IpAddr, port: Option<u16>) -> String {
    let mut out = String::with_capacity(21);
    push_endpoint(&mut out, addr, port);
    out
}

/// [`endpoint`] pushed onto `out`.
pub(super) fn push_endpoint(out: &mut String, addr: IpAddr, port: Option<u16>) {
    match addr {
        IpAddr::V4(v4) => {
            // Digits into a buffer on the stack, then one push: this runs twice per packet.
            let mut text = [0u8; 21];
            let mut len = 0;
            let mut put = |piece: &[u8]| {
                text[len..len + piece.len()].copy_from_slice(piece);
                len += piece.len();
            };
            let mut buffer = itoa::Buffer::new();
            for (i, octet) in v4.octets().into_iter().enumerate() {
                if i > 0 {
                    put(b".");
                }
                put(buffer.format(octet).as_bytes());
            }
            if let Some(port) = port {
                put(b":");
                put(buffer.format(port).as_bytes());
            }
            out.push_str(std::str::from_utf8(&text[..len]).unwrap_or_default());
        }
        IpAddr::V6(_) => {
            let _ = match port {
                Some(port) => write!(out, "{}", SocketAddr::new(addr, port)),
                None => write!(out, "{addr}"),
            };
        }
    }
}

/// Whether every character of `text` is one column wide the way [`wrap_narrow`] counts them:
/// ASCII, arrows, ellipses and no-break spaces (English explanations).
fn one_column(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        let rest = &bytes[i..];
        if rest.starts_with("→".as_bytes()) || rest.starts_with("…".as_bytes()) {
            i += 3;
        } else if rest.starts_with("\u{a0}".as_bytes()) {
            i += 2;
        } else {
            return false;
        }
    }
    true
}

/// Greedy word wrap, at spaces, of `text` whose every character is one column wide (English
/// explanations, arrows included), to `width` columns, each line after `indent`; a word longer
/// than a line gets a line of its own. Pushed onto `out`.
fn wrap_narrow(text: &str, indent: &str, width: usize, out: &mut String) {
    let room = width.saturating_sub(indent.len()).max(1);
    let mut line_len = 0;
    out.push_str(indent);
    // Only ASCII whitespace separates words: a no-break space joins a number to its unit.
    // Cut at byte offsets: an ASCII byte is never inside a longer character, so every word is
    // a whole `str`.
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        if bytes[start].is_ascii_whitespace() {
            start += 1;
            continue;
        }
        let mut end = start;
        // Characters: the bytes that do not continue one.
        let mut columns = 0;
        while end < bytes.len() && !bytes[end].is_ascii_whitespace() {
            columns += usize::from(bytes[end] & 0xc0 != 0x80);
            end += 1;
        }
        if line_len > 0 && line_len + 1 + columns > room {
            out.push('\n');
            out.push_str(indent);
            line_len = 0;
        }
        if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(&text[start..end]);
        line_len += columns;
        start = end;
    }
}

/// [`wrap_narrow`] a line at a time, for text whose words are separated by single spaces and
/// whose characters are all one column wide (every explanation netlearn words in English): a
/// line is the longest run of words that fits, cut at the space after it, written at once.
/// Returns false, having written nothing, for any other text.
fn wrap_lines(text: &str, indent: &str, width: usize, out: &mut String) -> bool {
    let bytes = text.as_bytes();
    if bytes.first().is_none_or(|&b| b == b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let room = width.saturating_sub(indent.len()).max(1);
    let saved = out.len();
    let mut start = 0;
    loop {
        // Columns of text[start..at], and where the line can end: the last space after which
        // the words before it still fit.
        let mut columns = 0;
        let mut cut = None;
        let mut at = start;
        let mut after_space = false;
        while at < bytes.len() {
            let byte = bytes[at];
            if byte <= b' ' {
                // Another kind of whitespace, a control, or two spaces: not this wrapper's.
                if byte != b' ' || after_space {
                    out.truncate(saved);
                    return false;
                }
                if columns > room {
                    break;
                }
                cut = Some(at);
                after_space = true;
                columns += 1;
            } else {
                after_space = false;
                if byte >= 0xc0 {
                    let rest = &bytes[at..];
                    let narrow = rest.starts_with("→".as_bytes())
                        || rest.starts_with("…".as_bytes())
                        || rest.starts_with("\u{a0}".as_bytes());
                    if !narrow {
                        out.truncate(saved);
                        return false;
                    }
                }
                // Characters: the bytes that do not continue one.
                columns += usize::from(byte & 0xc0 != 0x80);
            }
            at += 1;
        }
        let end = if at == bytes.len() && columns <= room {
            bytes.len()
        } else {
            // The words before the last space that fits, or a word too long for any line alone.
            cut.unwrap_or(at)
        };
        out.push_str(indent);
        out.push_str(&text[start..end]);
        if end == bytes.len() {
            return true;
        }
        out.push('\n');
        start = end + 1;
        if bytes[start] == b' ' {
            // Two spaces.
            out.truncate(saved);
            return false;
        }
    }
}

/// [`wrap_lines`] for printable ASCII with single spaces (most explanations), found with
/// memchr instead of a walk over every byte: each line ends at the last space that fits
/// (`memrchr` over one line's window), or after a word too long for any line. Returns false,
/// having written nothing, for any other text.
fn wrap_ascii_lines(text: &str, indent: &str, width: usize, out: &mut String) -> bool {
    let bytes = text.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    // One pass without an early exit, which the compiler turns into vector code: every byte
    // printable ASCII, and no space followed by another.
    let simple = bytes.iter().zip(&bytes[1..]).fold(true, |ok, (&a, &b)| {
        ok & (a.wrapping_sub(b' ') < 0x5f) & !(a == b' ' && b == b' ')
    });
    if !simple || first == b' ' || last == b' ' || last.wrapping_sub(b' ') >= 0x5f {
        return false;
    }
    let room = width.saturating_sub(indent.len()).max(1);
    let mut start = 0;
    loop {
        let rest = bytes.len() - start;
        let end = if rest <= room {
            bytes.len()
        } else if let Some(space) = memchr::memrchr(b' ', &bytes[start..=start + room]) {
            start + space
        } else {
            // A word longer than a line: the line is the word.
            let after = start + room + 1;
            memchr::memchr(b' ', &bytes[after..]).map_or(bytes.len(), |space| after + space)
        };
        out.push_str(indent);
        out.push_str(&text[start..end]);
        if end == bytes.len() {
            return true;
        }
        out.push('\n');
        start = end + 1;
    }
}

/// A packet's explanation wrapped to `width` under its line, and its newline, pushed onto
/// `out`; `network` when it holds text that came from the network (DNS names), escaped.
pub(super) fn push_explanation(out: &mut String, explain: &str, network: bool, width: usize) {
    if explain.is_empty() {
        return;
    }
    const INDENT: &str = "    ";
    let explain = if network {
        terminal_safe(explain)
    } else {
        std::borrow::Cow::Borrowed(explain)
    };
    // This runs once per packet: text whose characters are all one column wide (nearly every
    // explanation) is wrapped here greedily, without the general Unicode line breaker.
    if wrap_ascii_lines(&explain, INDENT, width, out) || wrap_lines(&explain, INDENT, width, out) {
        // Written a line at a time.
    } else if one_column(&explain) {
        wrap_narrow(&explain, INDENT, width, out);
    } else {
        out.push_str(&wrap(&explain, INDENT, width));
    }
    out.push('\n');
}

/// The time column: seconds since the first packet with microseconds, pushed onto `out`.
pub(super) fn push_time(out: &mut String, time: f64) {
    // Integer formatting: the float and padding formatters are slow, and this runs once per
    // packet.
    let micros = (time * 1e6).round() as u64;
    push_number(out, "", micros / 1_000_000);
    let fraction = micros % 1_000_000;
    out.push('.');
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(fraction);
    out.push_str(&"000000"[digits.len()..]);
    out.push_str(digits);
}

/// A payload preview as the whole line shows it, after a space: `"GET / HTTP/1.1\r\n"`, with
/// an ellipsis when the payload (`len` bytes) is longer than the preview.
pub(super) fn push_preview(out: &mut String, preview: &Preview, len: usize) {
    out.push_str(" \"");
    // One rule with the FTP dialogue and the ladders: a password never reaches the screen.
    push_bytes_terminal_safe(out, &hide_passwords(preview.bytes()));
    out.push('"');
    if len > preview.bytes().len() {
        out.push('…');
    }
}

/// A segment's mark as the line shows it in parentheses, in tcpdump's and Wireshark's English
/// like the flags.
pub(super) fn mark_name(mark: Mark) -> &'static str {
    match mark {
        Mark::Retransmission => "retransmission",
        Mark::OutOfOrder => "out-of-order",
    }
}

/// The TCP head: `TCP [SYN, ACK]`.
pub(super) fn push_tcp_head(out: &mut String, flags: TcpFlags) {
    out.push_str("TCP [");
    for (i, name) in flags.names().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(name);
    }
    out.push(']');
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
            head: String::new(),
            details: Vec::new(),
            ends: None,
            align: None,
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
                let mut summary = String::with_capacity(24);
                push_tcp_head(&mut summary, tcp.flags);
                if let Some(tracked) = tracked {
                    view.seq = Some(tracked.seq);
                    view.ack = tracked.ack;
                    view.state = Some(tracked.sender_state.rfc_name());
                    view.peer_state = Some(tracked.receiver_state.rfc_name());
                    view.mark = tracked.mark.map(mark_name);
                    view.explain = tcp_explain(
                        tracked,
                        tcp.flags,
                        &tcp.options,
                        *payload_len,
                        (src.port(), dst.port()),
                    );
                }
                let detail = |label: &str, n: u64| {
                    let mut text = String::with_capacity(12);
                    push_number(&mut text, label, n);
                    text
                };
                let mut details = Vec::with_capacity(7);
                details.push((
                    Detail::Seq,
                    detail("seq=", u64::from(view.seq.unwrap_or(tcp.seq))),
                ));
                if let Some(ack) = view.ack.or(view.ack_raw) {
                    details.push((Detail::Ack, detail("ack=", u64::from(ack))));
                }
                details.push((Detail::Win, detail("win=", u64::from(tcp.window))));
                details.push((Detail::Len, detail("len=", *payload_len as u64)));
                details.push((Detail::Ttl, detail("ttl=", u64::from(ip.ttl))));
                if let Some(mss) = tcp.options.mss {
                    details.push((Detail::Mss, detail("mss=", u64::from(mss))));
                }
                if let Some(mark) = view.mark {
                    details.push((Detail::Mark, format!("({mark})")));
                }
                view.head = summary;
                view.details = details;
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
                    view.head = format!("UDP {summary}");
                    view.details = len_ttl(*payload_len, ip.ttl);
                    view.explain = explain;
                    view.dns = Some(dns);
                } else {
                    if *payload_len > 0 {
                        view.preview = Some(*preview);
                    }
                    view.head = "UDP".to_string();
                    view.details = len_ttl(*payload_len, ip.ttl);
                    push_udp_explain(&mut view.explain, &mut Scratch::default(), *payload_len);
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
                view.head = format!("{} {name}", if v6 { "ICMPv6" } else { "ICMP" });
                view.details = vec![(Detail::Ttl, format!("ttl={}", ip.ttl))];
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
                        view.head = format!("ARP who-has {} tell {}", view.dst, view.src);
                        view.explain = tr!(
                            "wire-arp-request",
                            asker = view.src.as_str(),
                            target = view.dst.as_str()
                        );
                    }
                    ArpOp::Reply => {
                        view.head = format!("ARP {} is-at {sender_mac}", view.src);
                        view.explain = tr!(
                            "wire-arp-reply",
                            sender = view.src.as_str(),
                            mac = sender_mac.as_str()
                        );
                    }
                    ArpOp::Other(op) => {
                        view.head = format!("ARP operation {op}");
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
                view.head = format!("IP protocol {protocol}");
                view.details = len_ttl(*payload_len, ip.ttl);
                view.explain = if ip.fragment {
                    tr!("wire-ip-fragment")
                } else {
                    tr!("wire-ip-other", protocol = *protocol)
                };
            }
            Body::OtherLink { ether_type, len } => {
                view.proto = "link";
                view.len = *len;
                view.head = ether_type_name(*ether_type);
                view.details = vec![(Detail::Len, format!("len={len}"))];
                view.explain = tr!("wire-link-other");
            }
            Body::Undecodable { reason } => {
                let reason = super::words::undecodable(crate::i18n::language(), reason);
                view.proto = "undecodable";
                view.head = format!("undecodable: {}", terminal_safe(&reason));
                view.error = Some(reason);
                view.explain = tr!("wire-undecodable");
            }
        }
        view
    }

    /// Writes the packet's line, whole as tcpdump writes it, and its explanation wrapped to
    /// `width`.
    pub fn render(&self, out: &mut dyn Write, width: usize) -> io::Result<()> {
        self.render_with(out, width, Layout::Whole)
    }

    /// The time column: seconds with microseconds.
    fn time_text(&self) -> String {
        let mut out = String::with_capacity(16);
        self.push_time(&mut out);
        out
    }

    /// [`PacketView::time_text`] pushed onto `out`.
    fn push_time(&self, out: &mut String) {
        push_time(out, self.time);
    }

    /// The link layer: `src → dst EtherType`.
    fn link_text(&self) -> Option<String> {
        self.link.as_ref().map(|link| {
            format!(
                "{} → {} {}",
                link.src_mac.as_deref().unwrap_or("?"),
                link.dst_mac.as_deref().unwrap_or("?"),
                link.ether_type
            )
        })
    }

    /// The ends: the demo's roles, or the addresses (ARP names them in its head).
    fn ends_text(&self) -> Option<String> {
        if let Some(ends) = &self.ends {
            Some(ends.clone())
        } else if !self.src.is_empty() && self.proto != "arp" {
            let mut ends = String::with_capacity(self.src.len() + self.dst.len() + 5);
            self.push_addresses(&mut ends);
            Some(ends)
        } else {
            None
        }
    }

    /// `src → dst` pushed onto `out`.
    fn push_addresses(&self, out: &mut String) {
        out.push_str(&self.src);
        out.push_str(" → ");
        out.push_str(&self.dst);
    }

    /// The head, escaped where it holds network text: only DNS puts names and answers there
    /// (and in the explanation); everything else is netlearn's own words, numbers and typed
    /// addresses.
    fn head_text(&self) -> std::borrow::Cow<'_, str> {
        if self.dns.is_some() {
            terminal_safe(&self.head)
        } else {
            std::borrow::Cow::Borrowed(self.head.as_str())
        }
    }

    /// Columns of this packet's line without its preview, unpadded, at `level` (see
    /// [`LEVELS`]).
    fn line_width(&self, level: usize) -> usize {
        let mut columns = self.time_text().len();
        if level == 0 {
            columns += self.link_text().map_or(0, |link| display_width(&link) + 1);
        }
        columns += self.ends_text().map_or(0, |ends| display_width(&ends) + 1);
        columns += 1 + display_width(&self.head);
        let dropped = &LEAST_USEFUL[..level.saturating_sub(1)];
        for (kind, detail) in &self.details {
            if !dropped.contains(kind) {
                columns += 1 + detail.len();
            }
        }
        columns
    }

    /// The whole line, as tcpdump would: every field, one line however long.
    fn whole_line(&self) -> String {
        let mut line = String::with_capacity(160);
        self.push_time(&mut line);
        line.push(' ');
        if let Some(link) = self.link_text() {
            line.push_str(&link);
            line.push(' ');
        }
        // The ends as [`PacketView::ends_text`] says, without a string of their own.
        if let Some(ends) = &self.ends {
            line.push_str(ends);
            line.push(' ');
        } else if !self.src.is_empty() && self.proto != "arp" {
            self.push_addresses(&mut line);
            line.push(' ');
        }
        line.push_str(&self.head_text());
        for (_, detail) in &self.details {
            line.push(' ');
            line.push_str(detail);
        }
        if let Some(preview) = &self.preview {
            push_preview(&mut line, preview, self.len);
        }
        line
    }

    /// The payload preview cut to at most `room` columns, at a character or an escape, never
    /// inside one: `"GET / HT"…`; `None` when not even a few characters fit.
    fn preview_within(&self, room: usize) -> Option<String> {
        let preview = self.preview.as_ref()?;
        let whole = bytes_terminal_safe(&hide_passwords(preview.bytes()));
        let more = self.len > preview.bytes().len();
        let whole_width = display_width(&whole) + 2 + usize::from(more);
        if whole_width <= room {
            let mut text = format!("\"{whole}\"");
            if more {
                text.push('…');
            }
            return Some(text);
        }
        // Quotes and the ellipsis take three columns; below three characters a preview says
        // nothing.
        let budget = room.checked_sub(3).filter(|&b| b >= 3)?;
        let mut text = String::from("\"");
        let mut used = 0;
        for piece in preview_pieces(&hide_passwords(preview.bytes())) {
            let columns = display_width(&piece);
            if used + columns > budget {
                break;
            }
            used += columns;
            text.push_str(&piece);
        }
        text.push_str("\"…");
        Some(text)
    }

    /// Whether `shown` (from [`PacketView::preview_within`]) was cut to fit.
    fn preview_is_cut(&self, shown: &str) -> bool {
        self.preview.as_ref().is_some_and(|preview| {
            let whole = bytes_terminal_safe(&hide_passwords(preview.bytes()));
            shown.len() < whole.len() + 2
        })
    }

    /// The line fitted to `width` columns: the fields least useful to a reader are left out
    /// first (the link layer, ttl, win, mss), then the preview is shortened; what still does
    /// not fit continues on lines of its own, under the ends, each field whole.
    fn fitted_line(&self, width: usize, align: Align) -> String {
        let time = format!(
            "{}{}",
            " ".repeat(align.time.saturating_sub(self.time_text().len())),
            self.time_text()
        );
        let ends = self.ends_text();
        let head = self.head_text();
        let tcp = self.proto == "tcp";
        // The fields in the order of the line, each with the width it is padded to.
        let fields = |dropped: &[Detail], link: bool| {
            let mut fields: Vec<(String, usize)> = Vec::with_capacity(12);
            fields.push((time.clone(), 0));
            if link && let Some(link) = self.link_text() {
                fields.push((link, 0));
            }
            if let Some(ends) = &ends {
                fields.push((ends.clone(), align.ends));
            }
            fields.push((head.to_string(), if tcp { align.head } else { 0 }));
            for (kind, detail) in &self.details {
                if !dropped.contains(kind) {
                    fields.push((detail.clone(), 0));
                }
            }
            fields
        };
        let one_line = |fields: &[(String, usize)]| {
            let mut line = String::with_capacity(128);
            for (i, (text, pad_to)) in fields.iter().enumerate() {
                if i > 0 {
                    line.push(' ');
                }
                line.push_str(&pad(text, *pad_to));
            }
            line.truncate(line.trim_end().len());
            line
        };
        let last = LEVELS - 1;
        for level in align.level(width)..=last {
            let line = one_line(&fields(
                &LEAST_USEFUL[..level.saturating_sub(1)],
                level == 0,
            ));
            let used = display_width(&line);
            if used > width {
                continue;
            }
            let room = width.saturating_sub(used + 1);
            let preview = self.preview_within(room);
            let whole = preview.as_ref().is_some_and(|p| !self.preview_is_cut(p));
            if self.preview.is_none() || whole || level == last {
                return match preview {
                    Some(preview) => format!("{line} {preview}"),
                    None => line,
                };
            }
        }
        // Even the fewest fields are wider than the screen: they continue on the next lines,
        // indented under the ends.
        let indent = display_width(&time) + 1;
        let room = width.saturating_sub(indent).max(8);
        let mut tokens: Vec<(String, usize)> = Vec::new();
        for (text, pad_to) in fields(&LEAST_USEFUL, false).into_iter().skip(1) {
            if display_width(&text) <= room {
                tokens.push((text, pad_to));
                continue;
            }
            // An address pair or a long DNS head: split at its spaces, arrows kept with the
            // address after them; a word still too wide is cut, marked with an ellipsis.
            let mut words: Vec<String> = Vec::new();
            for word in text.split(' ') {
                match words.last_mut() {
                    Some(last) if last == "→" => {
                        last.push(' ');
                        last.push_str(word);
                    }
                    _ => words.push(word.to_string()),
                }
            }
            for word in words {
                let word = if display_width(&word) > room {
                    format!("{}…", truncate(&word, room - 1))
                } else {
                    word
                };
                tokens.push((word, 0));
            }
        }
        // The details (seq=, ack=, len=) stay together on a line of their own when they do not
        // all fit after the head.
        let details = self
            .details
            .iter()
            .filter(|(kind, _)| !LEAST_USEFUL.contains(kind))
            .count();
        let first_detail = tokens.len().saturating_sub(details);
        let together: usize = tokens[first_detail..]
            .iter()
            .map(|(text, _)| display_width(text) + 1)
            .sum();
        let mut out = time;
        let mut used = display_width(&out);
        for (i, (text, pad_to)) in tokens.into_iter().enumerate() {
            let columns = display_width(&text);
            let keep_together =
                i == first_detail && used + together > width && indent + together <= width + 1;
            if used + 1 + columns > width || keep_together {
                out.truncate(out.trim_end().len());
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                used = indent;
            } else {
                out.push(' ');
                used += 1;
            }
            let padded = pad(&text, pad_to);
            used += display_width(&padded);
            out.push_str(&padded);
        }
        out.truncate(out.trim_end().len());
        let used = display_width(out.rsplit('\n').next().unwrap_or(""));
        if self.preview.is_some() {
            let left = width.saturating_sub(used + 1);
            if let Some(preview) = self.preview_within(left) {
                out.push(' ');
                out.push_str(&preview);
            } else if let Some(preview) = self.preview_within(room) {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                out.push_str(&preview);
            }
        }
        out
    }

    /// The packet's line laid out as `layout` says, without its explanation (a screen that
    /// pairs lines, as the NAT lab's before and after).
    pub fn line(&self, layout: Layout) -> String {
        match layout {
            Layout::Whole => self.whole_line(),
            Layout::Fit { width, align } => self.fitted_line(width, align),
        }
    }

    /// Writes the packet's line laid out as `layout` says, and its explanation wrapped to
    /// `width`.
    pub fn render_with(&self, out: &mut dyn Write, width: usize, layout: Layout) -> io::Result<()> {
        let mut text = self.line(layout);
        text.push('\n');
        push_explanation(&mut text, &self.explain, self.dns.is_some(), width);
        out.write_all(text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(text: &str, width: usize) -> String {
        let mut out = String::new();
        wrap_narrow(text, "    ", width, &mut out);
        out
    }

    #[test]
    fn a_line_at_a_time_wraps_as_word_by_word() {
        let texts = [
            "the client asks to open a connection to port 47123 (step 1 of the handshake), offering segments up to 65495\u{a0}bytes (MSS) → the client SYN_SENT",
            "a",
            "averyveryverylongwordthatfitsnowhere and then short ones … a b c",
            "x → y",
            "two  spaces",
            " leading",
            "trailing ",
            "tab\there",
            "line\nbreak",
            "ようこそ is wide",
            "\u{a0}\u{a0}\u{a0} → …",
        ];
        for text in texts {
            for width in [1, 4, 5, 6, 10, 20, 40, 80, 200] {
                let mut ascii = String::from("before");
                if wrap_ascii_lines(text, "    ", width, &mut ascii) {
                    assert_eq!(
                        ascii,
                        format!("before{}", wrapped(text, width)),
                        "{text:?} at {width}"
                    );
                } else {
                    assert_eq!(ascii, "before", "nothing written for {text:?}");
                    let printable = text.bytes().all(|b| (b' '..=b'~').contains(&b));
                    let simple = printable
                        && !text.starts_with(' ')
                        && !text.ends_with(' ')
                        && !text.contains("  ");
                    assert!(!simple, "{text:?} at {width}");
                }
                let mut lines = String::from("before");
                if wrap_lines(text, "    ", width, &mut lines) {
                    assert_eq!(
                        lines,
                        format!("before{}", wrapped(text, width)),
                        "{text:?} at {width}"
                    );
                } else {
                    assert_eq!(lines, "before", "nothing written for {text:?}");
                    let simple = one_column(text)
                        && !text.starts_with(' ')
                        && !text.ends_with(' ')
                        && !text.contains("  ")
                        && !text.contains(['\t', '\n']);
                    assert!(!simple, "{text:?} at {width}");
                }
            }
        }
    }

    /// `count` texts of single-spaced words, each of 1 to `most_pieces` of `pieces`, with a
    /// width of 1 to 90 columns for each (narrower than the indent too): a fixed xorshift
    /// sequence from `seed`, so a failure names a text that comes again.
    fn generated_texts(
        pieces: &[&str],
        most_pieces: u32,
        seed: u32,
        count: usize,
    ) -> Vec<(String, usize)> {
        let mut state = seed;
        let mut next = |n: u32| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state % n) as usize
        };
        (0..count)
            .map(|_| {
                let mut text = String::new();
                for word in 0..1 + next(30) {
                    if word > 0 {
                        text.push(' ');
                    }
                    for _ in 0..1 + next(most_pieces) {
                        text.push_str(pieces[next(pieces.len() as u32)]);
                    }
                }
                (text, 1 + next(90))
            })
            .collect()
    }

    #[test]
    fn a_line_at_a_time_wraps_any_simple_text_as_word_by_word() {
        // Texts of words of every length from one-column characters, at every width.
        let pieces = ["a", "bc", "→", "…", "\u{a0}", "xyz", "0123456789"];
        for (text, width) in generated_texts(&pieces, 6, 0x2545_f491, 400) {
            let mut lines = String::new();
            assert!(wrap_lines(&text, "    ", width, &mut lines), "{text:?}");
            assert_eq!(lines, wrapped(&text, width), "{text:?} at {width}");
        }
    }

    #[test]
    fn the_ascii_wrapper_wraps_any_simple_ascii_text_as_word_by_word() {
        // Texts of printable ASCII words of every length, as the word-by-word wrapper cuts them.
        let pieces = ["a", "bc", "(", "\"", "xyz", "0123456789", "~!"];
        for (text, width) in generated_texts(&pieces, 8, 0x1b87_3593, 600) {
            let mut lines = String::new();
            assert!(
                wrap_ascii_lines(&text, "    ", width, &mut lines),
                "{text:?}"
            );
            assert_eq!(lines, wrapped(&text, width), "{text:?} at {width}");
        }
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

#[cfg(test)]
mod layout_tests {
    use super::*;
    use crate::app::wire::Explainer;
    use crate::net::wire::{LinkType, decode};
    use etherparse::PacketBuilder;

    const MAC_A: [u8; 6] = [2, 0, 0, 0, 1, 16];
    const MAC_B: [u8; 6] = [2, 0, 0, 0, 1, 1];

    fn tcp(payload: &[u8], syn: bool) -> Vec<u8> {
        let mut data = Vec::new();
        let builder = PacketBuilder::ethernet2(MAC_A, MAC_B)
            .ipv4([192, 0, 2, 10], [198, 51, 100, 20], 64)
            .tcp(40888, 5008, 1000, 64240);
        let builder = if syn {
            builder.syn()
        } else {
            builder.psh().ack(2000)
        };
        builder.write(&mut data, payload).expect("write");
        data
    }

    fn icmp() -> Vec<u8> {
        let mut data = Vec::new();
        PacketBuilder::ethernet2(MAC_A, MAC_B)
            .ipv4([192, 0, 2, 10], [198, 51, 100, 20], 1)
            .icmpv4_echo_request(8072, 1)
            .write(&mut data, b"ping")
            .expect("write");
        data
    }

    fn arp() -> Vec<u8> {
        let mut data = vec![0xff; 6];
        data.extend_from_slice(&MAC_A);
        data.extend_from_slice(&[0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1]);
        data.extend_from_slice(&MAC_A);
        data.extend_from_slice(&[192, 0, 2, 10]);
        data.extend_from_slice(&[0; 6]);
        data.extend_from_slice(&[192, 0, 2, 1]);
        data
    }

    fn dns() -> Vec<u8> {
        let mut query = vec![0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        query.extend_from_slice(b"\x02h2\x03lab\x00\x00\x01\x00\x01");
        let mut data = Vec::new();
        PacketBuilder::ethernet2(MAC_A, MAC_B)
            .ipv4([192, 0, 2, 10], [198, 51, 100, 53], 64)
            .udp(49682, 53)
            .write(&mut data, &query)
            .expect("write");
        data
    }

    fn views(link: bool) -> Vec<PacketView> {
        let frames = [
            tcp(b"", true),
            tcp(
                "hello across r1 ようこそ\r\n and then some more".as_bytes(),
                false,
            ),
            icmp(),
            arp(),
            dns(),
            vec![0x45, 0, 0],
        ];
        let mut explainer = Explainer::with_origin(link, 0);
        frames
            .iter()
            .enumerate()
            .map(|(i, frame)| {
                let packet = decode(LinkType::Ethernet, frame);
                explainer.view(277_933_000 + i as u64 * 1000, &packet)
            })
            .collect()
    }

    fn rendered(view: &PacketView, layout: Layout) -> String {
        let mut out = Vec::new();
        view.render_with(&mut out, 60, layout).expect("render");
        let text = String::from_utf8(out).expect("utf-8");
        text.lines()
            .take_while(|line| !line.starts_with("    ") || line.starts_with("         "))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn every_packet_record_has_every_key() {
        let keys = |view: &PacketView| {
            let value = serde_json::to_value(view).expect("json");
            value
                .as_object()
                .expect("object")
                .keys()
                .cloned()
                .collect::<Vec<_>>()
        };
        let all = views(true);
        let first = keys(&all[0]);
        assert_eq!(first.len(), 24, "{first:?}");
        for view in all.iter().chain(&views(false)) {
            assert_eq!(keys(view), first, "{view:?}");
        }
        let arp = serde_json::to_value(&all[3]).expect("json");
        assert_eq!(arp["proto"], "arp");
        assert!(arp["flags"].is_null() && arp["ttl"].is_null(), "{arp}");
        let icmp = serde_json::to_value(&all[2]).expect("json");
        assert!(icmp["seq"].is_null() && icmp["icmp_type"] == 8, "{icmp}");
    }

    #[test]
    fn fitted_lines_fit_with_whole_fields_and_the_least_useful_left_out_first() {
        let all = views(true);
        let align = Align::over(&all);
        for width in [40, 50, 60, 70, 80, 100, 200] {
            let layout = Layout::Fit { width, align };
            for view in &all {
                let text = rendered(view, layout);
                for line in text.lines() {
                    assert!(display_width(line) <= width, "{width}: {line:?}");
                    // No escape cut in two, no address cut from its port.
                    assert!(!line.ends_with('\\'), "{line:?}");
                }
                let whole = view.whole_line();
                // Every field shown is a field of the whole line.
                for field in text.split_whitespace() {
                    let field = field.trim_end_matches('…').trim_end_matches('"');
                    assert!(whole.contains(field), "{field:?} of {whole:?}");
                }
            }
        }
        // At 90 columns the TCP data segment is one line: no MAC addresses, ttl or win, the
        // preview shortened.
        let layout = Layout::Fit { width: 90, align };
        let data = rendered(&all[1], layout);
        assert_eq!(data.lines().count(), 1, "{data}");
        assert!(
            data.starts_with("0.277934 192.0.2.10:40888 → 198.51.100.20:5008"),
            "{data}"
        );
        assert!(
            data.contains("TCP [PSH, ACK] seq=") && data.contains(" len="),
            "{data}"
        );
        assert!(!data.contains("02:00") && !data.contains("ttl=") && !data.contains("win="));
        assert!(data.contains(" \"hel") && data.ends_with("\"…"), "{data}");
        // Wide enough, everything is there.
        let layout = Layout::Fit { width: 400, align };
        assert_eq!(rendered(&all[1], layout).trim_end(), all[1].whole_line());
    }

    #[test]
    fn a_preview_is_cut_between_characters_and_escapes_counting_cjk_double() {
        let all = views(false);
        let data = &all[1];
        for room in 6..60 {
            let Some(preview) = data.preview_within(room) else {
                continue;
            };
            assert!(display_width(&preview) <= room, "{room}: {preview}");
            let inner = preview.trim_start_matches('"').trim_end_matches('…');
            let inner = inner.trim_end_matches('"');
            assert!(!inner.ends_with('\\'), "{preview}");
            assert!(
                !inner.contains("\\r") || inner.contains("\\r") && !inner.ends_with("\\"),
                "{preview}"
            );
        }
        assert!(data.preview_within(4).is_none());
    }

    #[test]
    fn the_tcp_heads_of_one_screen_line_up() {
        let all = views(false);
        let align = Align::over(&all);
        let layout = Layout::Fit { width: 100, align };
        let syn = rendered(&all[0], layout);
        let data = rendered(&all[1], layout);
        assert_eq!(syn.find("seq="), data.find("seq="), "{syn}\n{data}");
    }
}
