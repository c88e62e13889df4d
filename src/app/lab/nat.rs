//! `netlearn lab nat`: a private LAN behind a router that masquerades. h1 and h2 talk to srv
//! outside while r1's two sides are captured: each packet shown before and after r1 rewrote it,
//! then r1's connection-tracking entries, then srv failing to reach h1 from outside.

use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::Serialize;

use super::scenario::{Captures, SeenPacket, Teardown, decoded, write_head};
use super::text::{self, ms};
use crate::app::text::{system_error_in, t};
use crate::app::wire::Explainer;
use crate::app::wire::view::{self, Align, Layout, PacketView};
use crate::i18n::Lang;
use crate::net::lab::nat::{
    self, Attempt, ConntrackEntry, ConntrackError, EchoServer, Exchange, INSIDE_INTERFACE,
    OUTSIDE_INTERFACE, ParseProblem,
};
use crate::net::lab::netns::NetNs;
use crate::net::lab::nft::{self, NftError};
use crate::net::lab::services::ECHO_PORT;
use crate::net::lab::{Lab, Topology};
use crate::net::wire::Packet;
use crate::net::wire::decode::{Body, TcpFlags};
use crate::output::width::display_width;
use crate::output::{self, Format};
use crate::tr;

/// What h1 and h2 send.
const MESSAGE: &str = "hello from the LAN";

/// How long each connection step may take inside the lab.
const TIMEOUT: Duration = Duration::from_secs(2);

/// Where the LAN side and the outside are captured.
fn inside_at() -> String {
    format!("r1 {INSIDE_INTERFACE}")
}

fn outside_at() -> String {
    format!("r1 {OUTSIDE_INTERFACE}")
}

/// One packet seen on both sides of r1: `before` where it entered r1, `after` where it left.
#[derive(Debug, Serialize)]
pub struct Pair {
    /// `out` (LAN → srv) or `back` (srv → LAN).
    pub way: &'static str,
    /// The LAN host of the connection.
    pub host: String,
    pub before: SeenPacket,
    pub after: SeenPacket,
}

/// A LAN host's connection to srv, as its socket and r1's rewriting show it.
#[derive(Debug, Serialize)]
pub struct ConnectionFacts {
    pub host: String,
    /// The host's own end (`10.0.0.10:40000`).
    pub inside: SocketAddr,
    /// The same end as srv sees it, after r1 (`203.0.113.1:40000`); null when no packet of it
    /// was seen on both sides.
    pub outside: Option<SocketAddr>,
    pub server: SocketAddr,
    pub sent: String,
    pub echoed: String,
    pub rtt_ms: f64,
    pub error: Option<String>,
}

/// A tuple of a conntrack entry.
#[derive(Debug, Serialize)]
pub struct TupleFacts {
    pub src: IpAddr,
    pub dst: IpAddr,
    pub sport: Option<u16>,
    pub dport: Option<u16>,
}

impl From<&nat::Tuple> for TupleFacts {
    fn from(tuple: &nat::Tuple) -> Self {
        TupleFacts {
            src: tuple.src,
            dst: tuple.dst,
            sport: tuple.sport,
            dport: tuple.dport,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct EntryFacts {
    /// The LAN host whose connection it is, if it is one of theirs.
    pub host: Option<String>,
    pub protocol: String,
    pub state: Option<String>,
    pub timeout_s: u64,
    pub assured: bool,
    pub unreplied: bool,
    pub original: TupleFacts,
    pub reply: TupleFacts,
}

/// One try from srv to open a connection inward.
#[derive(Debug, Serialize)]
pub struct AttemptFacts {
    pub from: &'static str,
    pub target: SocketAddr,
    /// `connected`, `no_route`, `refused`, `timed_out` or `failed`.
    pub outcome: &'static str,
    pub error: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Facts {
    Build {
        build_ms: f64,
        lan: String,
        router_inside: Ipv4Addr,
        router_outside: Ipv4Addr,
        server: SocketAddr,
        ruleset: String,
    },
    Nat {
        connections: Vec<ConnectionFacts>,
        pairs: Vec<Pair>,
        /// Packets seen on one side only.
        unpaired: Vec<SeenPacket>,
    },
    Conntrack {
        entries: Vec<EntryFacts>,
        error: Option<String>,
    },
    Outside {
        listening: SocketAddr,
        attempts: Vec<AttemptFacts>,
        /// Packets captured on r1's LAN side during the attempts.
        lan_packets: usize,
    },
    Teardown(Teardown),
}

/// How the text view lays out a step's body after its prose.
#[derive(Debug, Default)]
enum Shows {
    #[default]
    Nothing,
    /// The lab drawn, then r1's ruleset.
    Picture(Topology, String),
    /// Before/after pairs by connection (indexes into the facts' pairs, by host).
    Pairs,
    /// The conntrack entries, each with its tuples.
    Entries,
    /// The step's packets, each line with its explanation.
    Packets,
}

/// One step: a JSON Lines record, or a section of text.
#[derive(Debug, Serialize)]
pub struct NatStep {
    #[serde(rename = "type")]
    kind: &'static str,
    step: &'static str,
    ok: bool,
    title: String,
    text: Vec<String>,
    facts: Facts,
    /// Packets captured during the step (the NAT step's are in its pairs).
    packets: Vec<SeenPacket>,
    #[serde(skip)]
    body: Shows,
    /// Prose after the body.
    #[serde(skip)]
    after: Vec<String>,
    /// Under `--ladder`, the lab whose hosts name the ladders' lines: the step's packets are
    /// drawn, one ladder per side of r1, instead of listed.
    #[serde(skip)]
    ladder: Option<Topology>,
}

impl NatStep {
    fn new(step: &'static str, ok: bool, title: String, text: Vec<String>, facts: Facts) -> Self {
        NatStep {
            kind: "step",
            step,
            ok,
            title,
            text,
            facts,
            packets: Vec::new(),
            body: Shows::Nothing,
            after: Vec::new(),
            ladder: None,
        }
    }
}

impl output::Render for NatStep {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let width = output::width::terminal_width();
        write_head(&self.title, self.ok, &self.text, out)?;
        if let (Some(topology), Shows::Pairs | Shows::Packets) = (&self.ladder, &self.body) {
            self.write_ladders(topology, width, out)?;
            for line in &self.after {
                output::write_prose_line(out, line)?;
            }
            return Ok(());
        }
        match (&self.body, &self.facts) {
            (Shows::Picture(topology, ruleset), _) => {
                for line in super::picture::draw(topology, width) {
                    writeln!(out, "{line}")?;
                }
                output::write_prose_line(out, &tr!("nat-ruleset"))?;
                for line in ruleset.lines() {
                    writeln!(out, "    {line}")?;
                }
            }
            (Shows::Pairs, Facts::Nat { pairs, .. }) => render_pairs(pairs, width, out)?,
            (Shows::Entries, Facts::Conntrack { entries, .. }) => {
                render_entries(entries, width, out)?
            }
            (Shows::Packets, _) => {
                let packets = &self.packets;
                let layout = view::layout(Align::over(packets.iter().map(|s| &s.packet)));
                let mut last_at = "";
                for seen in packets {
                    if seen.at != last_at {
                        writeln!(out, "  {}", text::captured_on(&seen.at))?;
                        last_at = &seen.at;
                    }
                    seen.packet.render_with(out, width, layout)?;
                }
            }
            _ => {}
        }
        for line in &self.after {
            output::write_prose_line(out, line)?;
        }
        Ok(())
    }
}

impl NatStep {
    /// The step's packets as ladders: the LAN side's, then the outside's.
    fn write_ladders(
        &self,
        topology: &Topology,
        width: usize,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut seen: Vec<&SeenPacket> = match &self.facts {
            Facts::Nat {
                pairs, unpaired, ..
            } => pairs
                .iter()
                .flat_map(|p| [&p.before, &p.after])
                .chain(unpaired)
                .collect(),
            _ => self.packets.iter().collect(),
        };
        seen.sort_by_key(|s| s.raw.0);
        for at in [inside_at(), outside_at()] {
            let packets: Vec<(&str, u64, &Packet)> = seen
                .iter()
                .filter(|s| s.at == at)
                .map(|s| (s.at.as_str(), s.raw.0, &s.raw.1))
                .collect();
            super::ladder::write(topology, &packets, width, out)?;
        }
        Ok(())
    }
}

/// A pair is shown in text when it opens a connection, or carries data on the first: the rest
/// are rewritten alike (`--json` lists every pair).
fn shown(pair: &Pair, first_host: &str) -> bool {
    let flags = pair.before.packet.flags.unwrap_or(TcpFlags(0));
    flags.has(TcpFlags::SYN) || pair.before.packet.len > 0 && pair.host == first_host
}

/// The pairs by connection: a heading per LAN host, each pair's two lines labelled with the
/// interface, carets under what r1 rewrote.
fn render_pairs(pairs: &[Pair], width: usize, out: &mut dyn Write) -> io::Result<()> {
    let first_host = pairs.first().map_or("", |p| p.host.as_str());
    let visible: Vec<&Pair> = pairs.iter().filter(|p| shown(p, first_host)).collect();
    output::write_prose_line(
        out,
        &tr!(
            "nat-pair-legend",
            inside = inside_at(),
            outside = outside_at(),
            shown = visible.len(),
            pairs = pairs.len()
        ),
    )?;
    let label_width = INSIDE_INTERFACE.len().max(OUTSIDE_INTERFACE.len()) + 3;
    let inner = width.saturating_sub(label_width).max(20);
    let align = Align::over(
        visible
            .iter()
            .flat_map(|p| [&p.before.packet, &p.after.packet]),
    );
    let layout = match view::layout(align) {
        Layout::Fit { align, .. } => Layout::Fit {
            width: inner,
            align,
        },
        whole => whole,
    };
    let rewritten = tr!("nat-rewritten");
    let mut last_host = "";
    for pair in visible {
        if pair.host != last_host {
            writeln!(
                out,
                "  {}",
                tr!("nat-connection", host = pair.host.as_str())
            )?;
            last_host = &pair.host;
        }
        for seen in [&pair.before, &pair.after] {
            let interface = seen.at.rsplit(' ').next().unwrap_or("");
            let line = seen.packet.line(layout);
            for (n, part) in line.lines().enumerate() {
                let label = if n == 0 { interface } else { "" };
                writeln!(
                    out,
                    "  {}{part}",
                    output::width::pad(label, label_width - 2)
                )?;
            }
        }
        // Under the after line: what changed.
        let changed = if pair.way == "out" {
            &pair.after.packet.src
        } else {
            &pair.after.packet.dst
        };
        let line = pair.after.packet.line(layout);
        let first = line.lines().next().unwrap_or("");
        if let Some(at) = first.find(changed.as_str()) {
            let column = label_width + display_width(&first[..at]);
            let carets = "^".repeat(display_width(changed));
            let mut marker = format!("{}{carets}", " ".repeat(column));
            if display_width(&marker) + 1 + display_width(&rewritten) <= width {
                marker.push(' ');
                marker.push_str(&rewritten);
            }
            writeln!(out, "{marker}")?;
        }
    }
    Ok(())
}

fn render_entries(entries: &[EntryFacts], width: usize, out: &mut dyn Write) -> io::Result<()> {
    let original = tr!("nat-entry-original");
    let reply = tr!("nat-entry-reply");
    let label = display_width(&original).max(display_width(&reply)) + 2;
    let tuple = |t: &TupleFacts| match (t.sport, t.dport) {
        (Some(s), Some(d)) => format!(
            "{} → {}",
            SocketAddr::new(t.src, s),
            SocketAddr::new(t.dst, d)
        ),
        _ => format!("{} → {}", t.src, t.dst),
    };
    for entry in entries {
        let mut head = tr!(
            "nat-entry-head",
            host = entry.host.clone().unwrap_or_else(|| "?".into()),
            protocol = entry.protocol.as_str(),
            state = entry.state.clone().unwrap_or_default(),
            seconds = entry.timeout_s
        );
        if entry.assured {
            head.push_str(" [ASSURED]");
        }
        if entry.unreplied {
            head.push_str(" [UNREPLIED]");
        }
        writeln!(
            out,
            "{}",
            output::width::wrap_hanging(&format!("  {head}"), "    ", width)
        )?;
        for (name, t) in [(&original, &entry.original), (&reply, &entry.reply)] {
            writeln!(out, "    {}{}", output::width::pad(name, label), tuple(t))?;
        }
    }
    Ok(())
}

fn now_ns() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}

fn namespace<'a>(lab: &'a Lab, host: &str) -> anyhow::Result<&'a NetNs> {
    lab.namespace(host)
        .ok_or_else(|| anyhow::anyhow!("{}", text::host_unknown(host)))
}

/// Why r1's rule could not be loaded.
fn nft_error(lang: Lang, error: &NftError) -> String {
    match error {
        NftError::Missing => t!(lang, "nat-nft-missing"),
        NftError::Refused { said } => t!(
            lang,
            "nat-nft-refused",
            said = crate::output::escape::terminal_safe(said).into_owned()
        ),
        NftError::Io(error) => t!(lang, "nat-nft-failed", error = system_error_in(lang, error)),
    }
}

/// Why r1's table could not be read.
fn conntrack_error(lang: Lang, error: &ConntrackError) -> String {
    match error {
        ConntrackError::Missing => t!(lang, "nat-conntrack-missing"),
        ConntrackError::Refused { said } => t!(
            lang,
            "nat-conntrack-refused",
            said = crate::output::escape::terminal_safe(said).into_owned()
        ),
        ConntrackError::Parse(error) => {
            let what = match &error.problem {
                ParseProblem::Short | ParseProblem::MissingTuple => String::new(),
                ParseProblem::NotANumber(word) | ParseProblem::BadValue(word) => {
                    crate::output::escape::terminal_safe(word).into_owned()
                }
            };
            t!(
                lang,
                "nat-conntrack-unreadable",
                line = error.line,
                word = what
            )
        }
        ConntrackError::Io(error) => t!(
            lang,
            "nat-conntrack-failed",
            error = system_error_in(lang, error)
        ),
    }
}

/// Runs the NAT lab; the exit code says whether every step did what it should.
pub fn run(ladder: bool, format: Format, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let lang = crate::i18n::language();
    let lab = Lab::build(nat::topology())
        .map_err(|error| anyhow::anyhow!(super::words::build_error(lang, &error)))?;
    let r1 = namespace(&lab, "r1")?;
    nft::apply(r1, nat::RULESET).map_err(|error| anyhow::anyhow!(nft_error(lang, &error)))?;
    let server = EchoServer::start(namespace(&lab, "srv")?).map_err(|error| {
        anyhow::anyhow!(
            "{}",
            t!(
                lang,
                "nat-server-failed",
                error = system_error_in(lang, &error)
            )
        )
    })?;
    let result = steps(&lab, ladder, format, out);
    server.stop();
    let teardown = lab.tear_down();
    let ok = result?;
    let teardown = Teardown::new(teardown, started.elapsed());
    let (title, words) = teardown.words();
    output::write_record(
        &NatStep::new("teardown", true, title, words, Facts::Teardown(teardown)),
        format,
        out,
    )?;
    if ok {
        Ok(ExitCode::SUCCESS)
    } else {
        anyhow::bail!(tr!("nat-failed"))
    }
}

fn steps(lab: &Lab, ladder: bool, format: Format, out: &mut dyn Write) -> anyhow::Result<bool> {
    let ladder = ladder.then(|| lab.topology.clone());
    let emit = |step: &mut NatStep, out: &mut dyn Write| {
        step.ladder.clone_from(&ladder);
        output::write_record(step, format, out)
    };
    let server = SocketAddr::new(nat::SRV.into(), ECHO_PORT);
    let mut build = NatStep::new(
        "build",
        true,
        tr!("nat-build-title", ms = format!("{:.0}", ms(lab.build_time))),
        vec![tr!("nat-build")],
        Facts::Build {
            build_ms: ms(lab.build_time),
            lan: "10.0.0.0/24".into(),
            router_inside: nat::R1_INSIDE,
            router_outside: nat::R1_OUTSIDE,
            server,
            ruleset: nat::RULESET.to_string(),
        },
    );
    build.body = Shows::Picture(lab.topology.clone(), nat::RULESET.to_string());
    emit(&mut build, out)?;

    let mut explainer = Explainer::with_origin(false, now_ns());
    let mut talked = talk(lab, server, &mut explainer)?;
    let mut all_ok = talked.step.ok;
    emit(&mut talked.step, out)?;
    let mut conntrack = conntrack_step(&talked.table, &talked.hosts);
    all_ok &= conntrack.ok;
    emit(&mut conntrack, out)?;
    let mut outside = outside_step(lab, &talked.ends, &mut explainer)?;
    all_ok &= outside.ok;
    emit(&mut outside, out)?;
    Ok(all_ok)
}

/// Whether a packet line's end (`10.0.0.10:40000`, `10.0.0.10`) is on the private LAN.
fn in_lan(end: &str) -> bool {
    let ip = end
        .parse::<SocketAddr>()
        .map(|s| s.ip())
        .or_else(|_| end.parse::<IpAddr>());
    matches!(ip, Ok(IpAddr::V4(v4)) if v4.octets()[..3] == [10, 0, 0])
}

/// The TCP segment's fields that NAT leaves as they are: a packet's identity on both sides.
fn identity(packet: &Packet) -> Option<(u32, u32, u16, usize, bool)> {
    match &packet.body {
        Body::Tcp {
            ip,
            tcp,
            payload_len,
            ..
        } => Some((
            tcp.seq,
            tcp.ack,
            tcp.flags.0,
            *payload_len,
            ip.dst == IpAddr::V4(nat::SRV),
        )),
        _ => None,
    }
}

/// What the NAT step leaves for the next: r1's table as it was while the connections were
/// open, and each LAN host's own end.
struct Talked {
    step: NatStep,
    table: Result<Vec<ConntrackEntry>, ConntrackError>,
    hosts: Vec<(String, SocketAddr)>,
    /// The connections' ends on both sides of r1 (their last packets may still pass).
    ends: Vec<SocketAddr>,
}

/// h1 and h2 each talk to srv while r1's two sides are captured.
fn talk(lab: &Lab, server: SocketAddr, explainer: &mut Explainer) -> anyhow::Result<Talked> {
    let lang = crate::i18n::language();
    let captures = Captures::start_on(lab, &[("r1", INSIDE_INTERFACE), ("r1", OUTSIDE_INTERFACE)])?;
    let mut exchanges: Vec<(String, SocketAddr, io::Result<Exchange>)> = Vec::new();
    for (host, address) in [("h1", nat::H1), ("h2", nat::H2)] {
        let ns = namespace(lab, host)?;
        let exchange = nat::exchange(ns, nat::SOURCE_PORT, server, MESSAGE, TIMEOUT);
        exchanges.push((
            host.to_string(),
            SocketAddr::new(address.into(), nat::SOURCE_PORT),
            exchange,
        ));
    }
    // While both connections are open: their entries are ESTABLISHED.
    let table = nat::conntrack(namespace(lab, "r1")?);
    let packets = decoded(&captures.finish());
    // The connections close now that their packets are in.
    let hosts: Vec<(String, SocketAddr)> = exchanges
        .iter()
        .map(|(host, inside, _)| (host.clone(), *inside))
        .collect();

    let inside_at = inside_at();
    let relevant: Vec<&(String, u64, Packet)> = packets
        .iter()
        .filter(|(_, _, p)| p.involves_port(ECHO_PORT) && identity(p).is_some())
        .collect();
    let mut used = vec![false; relevant.len()];
    let mut pairs_at: Vec<(usize, usize, bool)> = Vec::new();
    for (i, (at, _, packet)) in relevant.iter().enumerate() {
        if at != &inside_at || used[i] {
            continue;
        }
        let wanted = identity(packet);
        let partner = relevant
            .iter()
            .enumerate()
            .position(|(j, (other_at, _, other))| {
                !used[j] && other_at != &inside_at && identity(other) == wanted
            });
        if let Some(j) = partner {
            used[i] = true;
            used[j] = true;
            let out = wanted.is_some_and(|w| w.4);
            pairs_at.push((i, j, out));
        }
    }
    // In the order the packets entered r1.
    pairs_at.sort_by_key(|&(i, j, out)| if out { relevant[i].1 } else { relevant[j].1 });
    let host_of = |packet: &Packet| -> String {
        let lan = packet.ip().map(|ip| {
            if ip.dst == IpAddr::V4(nat::SRV) {
                ip.src
            } else {
                ip.dst
            }
        });
        hosts
            .iter()
            .find(|(_, inside)| Some(inside.ip()) == lan)
            .map_or_else(String::new, |(h, _)| h.clone())
    };
    let view = |explainer: &mut Explainer, (at, time, packet): &(String, u64, Packet)| SeenPacket {
        at: at.clone(),
        packet: explainer.view(*time, packet),
        raw: (*time, packet.clone()),
    };
    // Views in time order, so the explainer follows each connection as it went.
    let mut order: Vec<usize> = (0..relevant.len()).collect();
    order.sort_by_key(|&i| relevant[i].1);
    let mut views: Vec<Option<SeenPacket>> = (0..relevant.len()).map(|_| None).collect();
    for i in order {
        views[i] = Some(view(explainer, relevant[i]));
    }
    let mut pairs = Vec::new();
    for &(i, j, out) in &pairs_at {
        let (Some(inside), Some(outside)) = (views[i].take(), views[j].take()) else {
            continue;
        };
        let host = host_of(&relevant[i].2);
        let (before, after) = if out {
            (inside, outside)
        } else {
            (outside, inside)
        };
        pairs.push(Pair {
            way: if out { "out" } else { "back" },
            host,
            before,
            after,
        });
    }
    let unpaired: Vec<SeenPacket> = views.into_iter().flatten().collect();

    let outside_at = outside_at();
    let outside_seen: Vec<&PacketView> = pairs
        .iter()
        .flat_map(|p| [&p.before, &p.after])
        .chain(unpaired.iter())
        .filter(|s| s.at == outside_at)
        .map(|s| &s.packet)
        .collect();
    let private_outside = outside_seen
        .iter()
        .any(|p| in_lan(&p.src) || in_lan(&p.dst));

    let mut connections = Vec::new();
    let mut ok = !private_outside && !pairs.is_empty();
    for (host, inside, exchange) in &exchanges {
        let outside = pairs.iter().find_map(|p| {
            (p.way == "out" && p.before.packet.src == inside.to_string())
                .then(|| p.after.packet.src.parse::<SocketAddr>().ok())
                .flatten()
        });
        ok &= outside.is_some_and(|o| o.ip() == IpAddr::V4(nat::R1_OUTSIDE));
        connections.push(match exchange {
            Ok(exchange) => {
                ok &= exchange.echoed == MESSAGE;
                ConnectionFacts {
                    host: host.clone(),
                    inside: exchange.local,
                    outside,
                    server,
                    sent: MESSAGE.into(),
                    echoed: exchange.echoed.clone(),
                    rtt_ms: ms(exchange.rtt),
                    error: None,
                }
            }
            Err(error) => {
                ok = false;
                ConnectionFacts {
                    host: host.clone(),
                    inside: *inside,
                    outside,
                    server,
                    sent: MESSAGE.into(),
                    echoed: String::new(),
                    rtt_ms: 0.0,
                    error: Some(text::error_json(error)),
                }
            }
        });
    }
    let h1_outside = connections
        .first()
        .and_then(|c| c.outside)
        .map_or_else(|| "?".to_string(), |o| o.to_string());
    let mut text_lines = vec![tr!(
        "nat-pairs",
        port = nat::SOURCE_PORT,
        h1 = SocketAddr::new(nat::H1.into(), nat::SOURCE_PORT).to_string(),
        h1_outside = h1_outside.as_str()
    )];
    let mut after = Vec::new();
    for connection in &connections {
        if let Some(error) = exchanges
            .iter()
            .find(|(h, _, _)| *h == connection.host)
            .and_then(|(_, _, e)| e.as_ref().err())
        {
            after.push(t!(
                lang,
                "nat-exchange-failed",
                host = connection.host.as_str(),
                error = system_error_in(lang, error)
            ));
        }
    }
    if let Some(h2) = connections.get(1)
        && let Some(outside) = h2.outside
    {
        after.push(if outside.port() == nat::SOURCE_PORT {
            tr!("nat-port-kept", outside = outside.to_string())
        } else {
            tr!(
                "nat-port-rewritten",
                port = nat::SOURCE_PORT,
                taken = h1_outside.as_str(),
                outside = outside.to_string()
            )
        });
    }
    if private_outside {
        text_lines.push(tr!("nat-private-outside"));
    }
    let ends: Vec<SocketAddr> = connections
        .iter()
        .flat_map(|c| [Some(c.inside), c.outside])
        .flatten()
        .collect();
    let mut step = NatStep::new(
        "nat",
        ok,
        tr!("nat-pairs-title"),
        text_lines,
        Facts::Nat {
            connections,
            pairs,
            unpaired,
        },
    );
    step.body = Shows::Pairs;
    step.after = after;
    // The sockets close here, after the table was read.
    drop(exchanges);
    Ok(Talked {
        step,
        table,
        hosts,
        ends,
    })
}

/// r1's table, each of the LAN's connections explained.
fn conntrack_step(
    table: &Result<Vec<ConntrackEntry>, ConntrackError>,
    hosts: &[(String, SocketAddr)],
) -> NatStep {
    let lang = crate::i18n::language();
    let title = tr!("nat-conntrack-title");
    let entries = match table {
        Ok(entries) => entries,
        Err(error) => {
            let said = conntrack_error(lang, error);
            return NatStep::new(
                "conntrack",
                false,
                title,
                vec![said.clone()],
                Facts::Conntrack {
                    entries: Vec::new(),
                    error: Some(said),
                },
            );
        }
    };
    let server = SocketAddr::new(nat::SRV.into(), ECHO_PORT);
    let mut facts = Vec::new();
    let mut after = Vec::new();
    let mut ok = true;
    for (host, inside) in hosts {
        let Some(entry) = entries.iter().find(|e| {
            e.original.source() == Some(*inside) && e.original.destination() == Some(server)
        }) else {
            ok = false;
            after.push(tr!("nat-conntrack-none", host = host.as_str()));
            continue;
        };
        ok &= entry.reply.source() == Some(server)
            && entry.translated_source().map(|s| s.ip()) == Some(IpAddr::V4(nat::R1_OUTSIDE));
        let outside = entry
            .translated_source()
            .map_or_else(|| "?".to_string(), |s| s.to_string());
        if facts.is_empty() {
            after.push(tr!(
                "nat-conntrack-original",
                host = host.as_str(),
                inside = inside.to_string(),
                server = server.to_string()
            ));
            after.push(tr!(
                "nat-conntrack-reply",
                host = host.as_str(),
                inside = inside.to_string(),
                server = server.to_string(),
                outside = outside.as_str()
            ));
            let seconds = entry.timeout.as_secs();
            after.push(match entry.state.as_deref() {
                Some("ESTABLISHED") => tr!("nat-conntrack-established", seconds = seconds),
                state => tr!(
                    "nat-conntrack-state",
                    state = state.unwrap_or("-"),
                    seconds = seconds
                ),
            });
        } else if entry.translated_source().map(|s| s.port()) != inside.port().into() {
            after.push(tr!(
                "nat-conntrack-port",
                host = host.as_str(),
                outside = outside.as_str()
            ));
        }
        facts.push(EntryFacts {
            host: Some(host.clone()),
            protocol: entry.protocol.clone(),
            state: entry.state.clone(),
            timeout_s: entry.timeout.as_secs(),
            assured: entry.assured,
            unreplied: entry.unreplied,
            original: (&entry.original).into(),
            reply: (&entry.reply).into(),
        });
    }
    let mut step = NatStep::new(
        "conntrack",
        ok,
        title,
        vec![tr!("nat-conntrack")],
        Facts::Conntrack {
            entries: facts,
            error: None,
        },
    );
    step.body = Shows::Entries;
    step.after = after;
    step
}

fn attempt_facts(target: SocketAddr, attempt: &Attempt) -> AttemptFacts {
    let (outcome, error) = match attempt {
        Attempt::Connected => ("connected", None),
        Attempt::NoRoute => ("no_route", None),
        Attempt::Refused => ("refused", None),
        Attempt::TimedOut => ("timed_out", None),
        Attempt::Failed(error) => ("failed", Some(text::error_json(error))),
    };
    AttemptFacts {
        from: "srv",
        target,
        outcome,
        error,
    }
}

fn outcome_text(lang: Lang, attempt: &Attempt) -> String {
    match attempt {
        Attempt::Connected => t!(lang, "nat-outcome-connected"),
        Attempt::NoRoute => t!(lang, "nat-outcome-no-route"),
        Attempt::Refused => t!(lang, "nat-outcome-refused"),
        Attempt::TimedOut => t!(lang, "nat-outcome-timed-out"),
        Attempt::Failed(error) => system_error_in(lang, error),
    }
}

/// srv tries the LAN host's own address, then r1's: neither reaches h1, who listens.
fn outside_step(
    lab: &Lab,
    earlier: &[SocketAddr],
    explainer: &mut Explainer,
) -> anyhow::Result<NatStep> {
    let lang = crate::i18n::language();
    let listening = SocketAddr::new(nat::H1.into(), ECHO_PORT);
    let listener = namespace(lab, "h1")?
        .run(|| std::net::TcpListener::bind(SocketAddr::from(([0, 0, 0, 0], ECHO_PORT))))??;
    let srv = namespace(lab, "srv")?;
    let captures = Captures::start_on(lab, &[("r1", INSIDE_INTERFACE), ("r1", OUTSIDE_INTERFACE)])?;
    let private = listening;
    let router = SocketAddr::new(nat::R1_OUTSIDE.into(), ECHO_PORT);
    let to_private = nat::try_connect(srv, private, Duration::from_secs(1))?;
    let to_router = nat::try_connect(srv, router, Duration::from_secs(1))?;
    let packets = decoded(&captures.finish());
    drop(listener);
    // srv's tries only: a packet to or from srv that is not one of the LAN's connections,
    // closing meanwhile. The kernel's own chatter on the LAN (IPv6 listener reports, IGMP
    // from r1's switch) is neither.
    let srv_address = IpAddr::V4(nat::SRV);
    let of_srv = |p: &Packet| {
        let Some(ip) = p.ip() else {
            return false;
        };
        if ip.src != srv_address && ip.dst != srv_address {
            return false;
        }
        let Some((sport, dport)) = p.ports() else {
            return true;
        };
        !earlier.contains(&SocketAddr::new(ip.src, sport))
            && !earlier.contains(&SocketAddr::new(ip.dst, dport))
    };
    let lan_packets = packets
        .iter()
        .filter(|(at, _, p)| *at == inside_at() && of_srv(p))
        .count();
    let ok = matches!(to_private, Attempt::NoRoute)
        && matches!(to_router, Attempt::Refused)
        && lan_packets == 0;
    let text_lines = vec![
        tr!(
            "nat-outside-private",
            target = private.to_string(),
            outcome = outcome_text(lang, &to_private),
            port = ECHO_PORT
        ),
        tr!(
            "nat-outside-router",
            target = router.to_string(),
            outcome = outcome_text(lang, &to_router)
        ),
        tr!("nat-outside-lan", at = inside_at(), count = lan_packets),
    ];
    let seen: Vec<SeenPacket> = packets
        .iter()
        .filter(|(_, _, p)| of_srv(p))
        .map(|(at, time, p)| SeenPacket {
            at: at.clone(),
            packet: explainer.view(*time, p),
            raw: (*time, p.clone()),
        })
        .collect();
    let mut step = NatStep::new(
        "outside",
        ok,
        tr!("nat-outside-title"),
        text_lines,
        Facts::Outside {
            listening,
            attempts: vec![
                attempt_facts(private, &to_private),
                attempt_facts(router, &to_router),
            ],
            lan_packets,
        },
    );
    step.packets = seen;
    step.body = Shows::Packets;
    Ok(step)
}
