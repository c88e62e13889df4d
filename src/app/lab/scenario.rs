//! `netlearn lab`: builds the default lab (or one with a mistake), runs the guided scenario
//! with the packets under each step, tears it down.

use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::Serialize;

use super::text::{self, ms};
use crate::app::wire::Explainer;
use crate::app::wire::view::PacketView;
use crate::net::lab::icmp::{Answer, Pinger};
use crate::net::lab::netlink::Netlink;
use crate::net::lab::services::{self, DNS_PORT, ECHO_PORT, HTTP_PORT, Services};
use crate::net::lab::{self, Lab, Mistake, Topology, Verdict};
use crate::net::wire::decode::{ArpOp, Body};
use crate::net::wire::live::{Captured, Recording};
use crate::net::wire::{LinkType, Packet, decode};
use crate::output::{self, Format};

/// Under `lab --ladder`, the lab whose hosts name the ladders' lines: each step draws its
/// packets as a ladder instead of listing them.
static LADDER_OF: std::sync::OnceLock<Topology> = std::sync::OnceLock::new();

/// A packet and where it was captured.
#[derive(Debug, Serialize)]
pub struct SeenPacket {
    /// "h1 eth0".
    pub at: String,
    #[serde(flatten)]
    pub packet: PacketView,
    /// The packet itself and when it was seen, for the step's ladder.
    #[serde(skip)]
    pub raw: (u64, Packet),
}

/// One hop of the traceroute step.
#[derive(Debug, Serialize)]
pub struct Hop {
    pub ttl: u8,
    pub address: Option<IpAddr>,
    pub host: Option<String>,
    pub answer: &'static str,
}

/// The typed facts of a step (for JSON; the text says them in words).
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Facts {
    Build {
        build_ms: f64,
        hosts: Vec<HostFacts>,
    },
    Dns {
        name: String,
        server: SocketAddr,
        rcode: String,
        addresses: Vec<IpAddr>,
        rtt_ms: f64,
    },
    Route {
        destination: Ipv4Addr,
        address: Ipv4Addr,
        prefix: u8,
        mask: Ipv4Addr,
        network: Ipv4Addr,
        destination_network: Ipv4Addr,
        on_link: bool,
        next_hop: Option<Ipv4Addr>,
        interface: String,
    },
    Arp {
        asked: Ipv4Addr,
        answer_mac: Option<String>,
        gateway_mac: String,
        requests: usize,
    },
    Ping {
        target: Ipv4Addr,
        ttl_sent: u8,
        ttl_on_arrival: Option<u8>,
        reply_ttl: Option<u8>,
        answer: &'static str,
        from: Option<Ipv4Addr>,
        rtt_ms: Option<f64>,
        error: Option<String>,
    },
    Trace {
        target: Ipv4Addr,
        hops: Vec<Hop>,
    },
    Echo {
        server: SocketAddr,
        sent: String,
        echoed: String,
        matches: bool,
        rtt_ms: f64,
    },
    Http {
        url: String,
        status: u16,
        body_bytes: usize,
        ms: f64,
    },
    RefusedRoute {
        host: String,
        gateway: IpAddr,
        error: String,
    },
    Teardown(Teardown),
}

/// The last step's facts: how long the teardown and the whole walk took (the scenario's and
/// the NAT lab's alike).
#[derive(Debug, Serialize)]
pub struct Teardown {
    pub teardown_ms: f64,
    pub total_ms: f64,
}

impl Teardown {
    pub fn new(teardown: Duration, total: Duration) -> Teardown {
        Teardown {
            teardown_ms: ms(teardown),
            total_ms: ms(total),
        }
    }

    /// The step's title and its text.
    pub fn words(&self) -> (String, Vec<String>) {
        (
            text::teardown_title(self.teardown_ms, self.total_ms),
            vec![text::teardown_text()],
        )
    }
}

#[derive(Debug, Serialize)]
pub struct HostFacts {
    pub name: String,
    pub forwarding: bool,
    pub gateways: Vec<IpAddr>,
    pub interfaces: Vec<InterfaceFacts>,
}

#[derive(Debug, Serialize)]
pub struct InterfaceFacts {
    pub name: String,
    pub mac: String,
    pub addresses: Vec<String>,
}

/// One step of the scenario: a JSON Lines record, or a section of text.
#[derive(Debug, Serialize)]
pub struct Step {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub step: &'static str,
    pub ok: bool,
    pub title: String,
    pub text: Vec<String>,
    pub facts: Facts,
    pub packets: Vec<SeenPacket>,
    /// The lab drawn under the build step's text (JSON has it in `facts`).
    #[serde(skip)]
    pub picture: Option<crate::net::lab::Topology>,
}

/// A step's head in the text view: `== TITLE` (marked where the step failed), then its text.
/// The scenario's steps and the NAT lab's begin alike.
pub(super) fn write_head(
    title: &str,
    ok: bool,
    text: &[String],
    out: &mut dyn Write,
) -> io::Result<()> {
    let failed = if ok {
        String::new()
    } else {
        text::failed_mark()
    };
    // A title longer than a narrow terminal folds under itself, as the text does.
    let title = format!("== {title}{failed}");
    writeln!(
        out,
        "\n{}",
        output::width::wrap_hanging(&title, "   ", output::width::prose_width())
    )?;
    for line in text {
        output::write_prose_line(out, line)?;
    }
    Ok(())
}

impl Step {
    fn new(step: &'static str, ok: bool, title: String, text: Vec<String>, facts: Facts) -> Step {
        Step {
            kind: "step",
            step,
            ok,
            title,
            text,
            facts,
            packets: Vec::new(),
            picture: None,
        }
    }

    fn render(&self, out: &mut dyn Write, width: usize) -> io::Result<()> {
        write_head(&self.title, self.ok, &self.text, out)?;
        if let Some(topology) = &self.picture {
            for line in super::picture::draw(topology, width) {
                writeln!(out, "{line}")?;
            }
        }
        if let Some(topology) = LADDER_OF.get() {
            let packets: Vec<(&str, u64, &Packet)> = self
                .packets
                .iter()
                .map(|seen| (seen.at.as_str(), seen.raw.0, &seen.raw.1))
                .collect();
            return super::ladder::write(topology, &packets, width, out);
        }
        let mut last_at = "";
        // A packet's line is whole when piped (as tcpdump's); fitted to the screen, the
        // step's packets line up and show the fields that fit.
        let layout = crate::app::wire::view::layout(crate::app::wire::Align::over(
            self.packets.iter().map(|seen| &seen.packet),
        ));
        for seen in &self.packets {
            if seen.at != last_at {
                writeln!(out, "  {}", text::captured_on(&seen.at))?;
                last_at = &seen.at;
            }
            seen.packet.render_with(out, width, layout)?;
        }
        Ok(())
    }
}

impl output::Render for Step {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        Step::render(self, out, output::width::terminal_width())
    }
}

fn emit(step: &Step, format: Format, out: &mut dyn Write) -> io::Result<()> {
    output::write_record(step, format, out)
}

fn now_ns() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}

/// Captures on `eth0` of each of `hosts` (or on the interfaces named) while `work` runs.
pub(crate) struct Captures {
    recordings: Vec<(String, Recording)>,
}

impl Captures {
    fn start(lab: &Lab, hosts: &[&str]) -> anyhow::Result<Captures> {
        let on: Vec<(&str, &str)> = hosts.iter().map(|host| (*host, "eth0")).collect();
        Captures::start_on(lab, &on)
    }

    /// Captures on each `(host, interface)`; each packet's place reads "host interface".
    pub(crate) fn start_on(lab: &Lab, interfaces: &[(&str, &str)]) -> anyhow::Result<Captures> {
        let mut recordings = Vec::new();
        for &(host, interface) in interfaces {
            let ns = lab
                .namespace(host)
                .ok_or_else(|| anyhow::anyhow!("{}", text::host_unknown(host)))?;
            let recording = ns
                .run(|| Recording::start_quiet(interface))?
                .map_err(|error| {
                    let lang = crate::i18n::language();
                    let cause = crate::app::wire::words::live_cause(lang, &error);
                    anyhow::anyhow!(
                        "{}",
                        crate::tr!(
                            "wire-live-failed",
                            name = format!("{host} {interface}"),
                            error = cause
                        )
                    )
                })?;
            recordings.push((format!("{host} {interface}"), recording));
        }
        Ok(Captures { recordings })
    }

    /// Stops capturing once every frame queued so far is read (a step's answer has come, so
    /// the frames that carried it are queued: the capture sees a frame before the stack does).
    pub(crate) fn finish(self) -> Vec<(String, LinkType, Vec<Captured>)> {
        self.recordings
            .into_iter()
            .map(|(at, recording)| {
                let link = recording.link();
                (at, link, recording.finish_frames().0)
            })
            .collect()
    }
}

/// The decoded packets of several captures, each with where it was seen.
pub(crate) fn decoded(
    captures: &[(String, LinkType, Vec<Captured>)],
) -> Vec<(String, u64, Packet)> {
    let mut packets = Vec::new();
    for (at, link, frames) in captures {
        for frame in frames {
            packets.push((at.clone(), frame.time_ns, decode(*link, &frame.data)));
        }
    }
    packets
}

fn views(
    explainer: &mut Explainer,
    packets: &[(String, u64, Packet)],
    keep: impl Fn(&Packet) -> bool,
) -> Vec<SeenPacket> {
    packets
        .iter()
        .filter(|(_, _, p)| keep(p))
        .map(|(at, time, p)| SeenPacket {
            at: at.clone(),
            packet: explainer.view(*time, p),
            raw: (*time, p.clone()),
        })
        .collect()
}

fn is_arp(packet: &Packet) -> bool {
    matches!(packet.body, Body::Arp(_))
}

fn is_icmp(packet: &Packet) -> bool {
    matches!(packet.body, Body::Icmp { .. })
}

fn answer_name(answer: &Answer) -> &'static str {
    match answer {
        Answer::Echo { .. } => "echo_reply",
        Answer::TimeExceeded { .. } => "time_exceeded",
        Answer::Unreachable { .. } => "unreachable",
        Answer::Silence => "no_answer",
        Answer::NotSent { .. } => "not_sent",
    }
}

fn ping_facts(target: Ipv4Addr, ttl_sent: u8, arrival: Option<u8>, answer: &Answer) -> Facts {
    let (reply_ttl, from, rtt) = match answer {
        Answer::Echo { from, ttl, rtt } => (Some(*ttl), Some(*from), Some(ms(*rtt))),
        Answer::TimeExceeded { from, rtt } | Answer::Unreachable { from, rtt, .. } => {
            (None, Some(*from), Some(ms(*rtt)))
        }
        _ => (None, None, None),
    };
    Facts::Ping {
        target,
        ttl_sent,
        ttl_on_arrival: arrival,
        reply_ttl,
        answer: answer_name(answer),
        from,
        rtt_ms: rtt,
        error: match answer {
            Answer::NotSent { errno } => Some(text::errno_json(*errno)),
            _ => None,
        },
    }
}

fn build_facts(lab: &Lab) -> Facts {
    Facts::Build {
        build_ms: ms(lab.build_time),
        hosts: lab
            .topology
            .hosts
            .iter()
            .map(|h| HostFacts {
                name: h.name.clone(),
                forwarding: h.forwarding,
                gateways: h.gateways.clone(),
                interfaces: h
                    .interfaces
                    .iter()
                    .map(|i| InterfaceFacts {
                        name: i.name.clone(),
                        mac: text::mac(&i.mac),
                        addresses: i.addresses.iter().map(ToString::to_string).collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The TTL the echo request to `target` had where it was captured at `at`.
fn request_ttl(packets: &[(String, u64, Packet)], at: &str, target: Ipv4Addr) -> Option<u8> {
    packets.iter().find_map(|(where_, _, p)| match &p.body {
        Body::Icmp { ip, icmp, .. }
            if where_ == at && icmp.kind == 8 && ip.dst == IpAddr::V4(target) =>
        {
            Some(ip.ttl)
        }
        _ => None,
    })
}

/// Runs the scenario; the exit code says whether every step did what it should.
pub fn run(
    mistake: Option<Mistake>,
    ladder: bool,
    svg: Option<&std::path::Path>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let topology = mistake.map_or_else(Topology::default_lab, Topology::with_mistake);
    if ladder {
        let _ = LADDER_OF.set(topology.clone());
    }
    let lang = crate::i18n::language();
    let lab = Lab::build(topology)
        .map_err(|error| anyhow::anyhow!(super::words::build_error(lang, &error)))?;
    if let Some(path) = svg {
        std::fs::write(path, super::picture_svg::svg(&lab.topology)).map_err(|error| {
            crate::error::Error::Runtime(crate::tr!(
                "ladder-cannot-write-file",
                path =
                    crate::output::escape::terminal_safe(&path.display().to_string()).into_owned(),
                cause = crate::app::text::system_error_in(lang, &error)
            ))
        })?;
    }
    let services = Services::start(&lab)
        .map_err(|error| anyhow::anyhow!(super::words::start_error(lang, &error)))?;
    let mut explainer = Explainer::with_origin(true, now_ns());
    let result = match mistake {
        None => guided(&lab, &mut explainer, format, out),
        Some(mistake) => mistaken(&lab, mistake, &mut explainer, format, out),
    };
    services.stop();
    let teardown = lab.tear_down();
    let ok = result?;
    let teardown = Teardown::new(teardown, started.elapsed());
    let (title, words) = teardown.words();
    emit(
        &Step::new("teardown", true, title, words, Facts::Teardown(teardown)),
        format,
        out,
    )?;
    if ok {
        Ok(ExitCode::SUCCESS)
    } else {
        anyhow::bail!(match mistake {
            Some(m) => text::mistake_failed(m),
            None => text::scenario_failed(),
        })
    }
}

fn build_step(lab: &Lab) -> Step {
    let mut step = Step::new(
        "build",
        true,
        text::build_title(ms(lab.build_time)),
        vec![text::build_text()],
        build_facts(lab),
    );
    step.picture = Some(lab.topology.clone());
    step
}

fn h1(lab: &Lab) -> anyhow::Result<&crate::net::lab::netns::NetNs> {
    lab.namespace("h1")
        .ok_or_else(|| anyhow::anyhow!("{}", text::host_unknown("h1")))
}

fn route_step(lab: &Lab) -> Option<Step> {
    let host = lab.topology.host("h1")?;
    let decision = lab::route_decision(host, &lab.refused_routes, lab::H2_V4)?;
    let (on_link, next_hop) = match decision.verdict {
        Verdict::OnLink => (true, Some(decision.destination)),
        Verdict::Gateway(g) => (false, Some(g)),
        Verdict::NoRoute => (false, None),
    };
    Some(Step::new(
        "route",
        true,
        text::route_title(decision.destination),
        text::route_arithmetic(&decision),
        Facts::Route {
            destination: decision.destination,
            address: decision.address,
            prefix: decision.prefix,
            mask: decision.mask,
            network: decision.network,
            destination_network: decision.destination_network,
            on_link,
            next_hop,
            interface: decision.interface.clone(),
        },
    ))
}

/// The default scenario; returns whether every step did what it should.
fn guided(
    lab: &Lab,
    explainer: &mut Explainer,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<bool> {
    let mut all_ok = true;
    let h1 = h1(lab)?;
    emit(&build_step(lab), format, out)?;

    // DNS.
    let name = "h2.lab.";
    let server = SocketAddr::new(lab::DNS_V4.into(), DNS_PORT);
    let captures = Captures::start(lab, &["h1"])?;
    let lookup = h1.run(|| {
        services::lookup(
            server,
            name,
            hickory_resolver::proto::rr::RecordType::A,
            Duration::from_millis(500),
        )
    })?;
    let packets = decoded(&captures.finish());
    let step = match lookup {
        Ok(found) => {
            let ok = found.addresses.contains(&IpAddr::V4(lab::H2_V4));
            let mut step = Step::new(
                "dns",
                ok,
                text::dns_title(name),
                vec![text::dns_text(
                    name,
                    server.ip(),
                    &found.addresses,
                    ms(found.rtt),
                )],
                Facts::Dns {
                    name: name.to_string(),
                    server,
                    rcode: found.rcode.to_string(),
                    addresses: found.addresses.clone(),
                    rtt_ms: ms(found.rtt),
                },
            );
            step.packets = views(explainer, &packets, |p| p.involves_port(DNS_PORT));
            step
        }
        Err(error) => Step::new(
            "dns",
            false,
            text::dns_title(name),
            vec![super::words::lookup_error(crate::i18n::language(), &error)],
            Facts::Dns {
                name: name.to_string(),
                server,
                rcode: String::new(),
                addresses: Vec::new(),
                rtt_ms: 0.0,
            },
        ),
    };
    all_ok &= step.ok;
    emit(&step, format, out)?;

    // The routing decision.
    if let Some(step) = route_step(lab) {
        emit(&step, format, out)?;
    }

    // ARP and ping: h1 forgets r1's MAC first, so ARP is asked again in front of us.
    h1.run(|| Netlink::open()?.forget_neighbour("eth0", lab::R1_LEFT_V4.into()))?
        .or_else(|e| {
            if e.raw_os_error() == Some(libc::ENOENT) {
                Ok(())
            } else {
                Err(e)
            }
        })?;
    let captures = Captures::start(lab, &["h1", "h2"])?;
    let probe = h1.run(|| Pinger::open_raw()?.probe(lab::H2_V4, 64, Duration::from_secs(1)))??;
    let packets = decoded(&captures.finish());
    let r1_mac = lab
        .topology
        .owner(lab::R1_LEFT_V4.into())
        .map(|(_, i)| i.mac)
        .unwrap_or_default();
    let arp_answer = packets.iter().find_map(|(at, _, p)| match &p.body {
        Body::Arp(arp)
            if at == "h1 eth0"
                && arp.op == ArpOp::Reply
                && arp.sender_ip == Some(lab::R1_LEFT_V4) =>
        {
            arp.sender_mac
        }
        _ => None,
    });
    let requests = packets
        .iter()
        .filter(|(at, _, p)| {
            at == "h1 eth0" && matches!(&p.body, Body::Arp(a) if a.op == ArpOp::Request)
        })
        .count();
    let mut step = Step::new(
        "arp",
        arp_answer == Some(r1_mac),
        text::arp_title(lab::R1_LEFT_V4),
        vec![text::arp_text(
            lab::R1_LEFT_V4,
            arp_answer.as_ref(),
            &r1_mac,
        )],
        Facts::Arp {
            asked: lab::R1_LEFT_V4,
            answer_mac: arp_answer.as_ref().map(text::mac),
            gateway_mac: text::mac(&r1_mac),
            requests,
        },
    );
    step.packets = views(explainer, &packets, is_arp);
    step.packets.retain(|s| s.at == "h1 eth0");
    all_ok &= step.ok;
    emit(&step, format, out)?;

    let arrival = request_ttl(&packets, "h2 eth0", lab::H2_V4);
    let ok = arrival == Some(63) && matches!(probe.answer, Answer::Echo { ttl: 63, .. });
    let mut step = Step::new(
        "ping",
        ok,
        text::ping_title(),
        vec![text::ping_text(64, arrival, &probe.answer)],
        ping_facts(lab::H2_V4, 64, arrival, &probe.answer),
    );
    step.packets = views(explainer, &packets, is_icmp);
    all_ok &= step.ok;
    emit(&step, format, out)?;

    // traceroute.
    let captures = Captures::start(lab, &["h1"])?;
    let hops = h1.run(|| Pinger::open_raw()?.trace(lab::H2_V4, 8, Duration::from_secs(1)))??;
    let packets = decoded(&captures.finish());
    let hops: Vec<Hop> = hops
        .iter()
        .map(|probe| {
            let address = match probe.answer {
                Answer::Echo { from, .. }
                | Answer::TimeExceeded { from, .. }
                | Answer::Unreachable { from, .. } => Some(IpAddr::V4(from)),
                _ => None,
            };
            Hop {
                ttl: probe.ttl,
                address,
                host: address
                    .and_then(|a| lab.topology.owner(a))
                    .map(|(h, _)| h.name.clone()),
                answer: answer_name(&probe.answer),
            }
        })
        .collect();
    let names: Vec<Option<&str>> = hops.iter().map(|h| h.host.as_deref()).collect();
    let listed: Vec<(u8, Option<IpAddr>, Option<String>)> = hops
        .iter()
        .map(|h| (h.ttl, h.address, h.host.clone()))
        .collect();
    let mut step = Step::new(
        "trace",
        names == [Some("r1"), Some("h2")],
        text::trace_title(),
        vec![text::trace_text(&listed)],
        Facts::Trace {
            target: lab::H2_V4,
            hops,
        },
    );
    step.packets = views(explainer, &packets, is_icmp);
    all_ok &= step.ok;
    emit(&step, format, out)?;

    // The echo client.
    let server = SocketAddr::new(lab::H2_V4.into(), ECHO_PORT);
    let message = "hello across r1";
    let captures = Captures::start(lab, &["h1"])?;
    let exchange = h1.run(|| -> anyhow::Result<_> {
        use crate::net::echo::session::Session;
        let said = |error| {
            let lang = crate::i18n::language();
            anyhow::Error::msg(crate::app::echo::client::words::client_error(lang, &error))
        };
        // On this thread, so its socket is made in h1's network namespace.
        let runtime = crate::app::process::current_thread_runtime()?;
        runtime.block_on(async {
            let mut session = Session::connect(
                server.into(),
                crate::net::echo::event::Proto::Tcp,
                crate::net::echo::framing::Framing::Line,
                Duration::from_secs(2),
            )
            .await
            .map_err(said)?;
            let exchange = session.exchange(message.as_bytes()).await.map_err(said)?;
            let _ = session.quit().await;
            Ok(exchange)
        })
    })?;
    let packets = decoded(&captures.finish());
    let step = match exchange {
        Ok(exchange) => {
            let mut step = Step::new(
                "echo",
                exchange.matches,
                text::echo_title(),
                vec![text::echo_text(message, exchange.matches, ms(exchange.rtt))],
                Facts::Echo {
                    server,
                    sent: message.to_string(),
                    echoed: String::from_utf8_lossy(&exchange.echoed).into_owned(),
                    matches: exchange.matches,
                    rtt_ms: ms(exchange.rtt),
                },
            );
            step.packets = views(explainer, &packets, |p| p.involves_port(ECHO_PORT));
            step
        }
        Err(error) => Step::new(
            "echo",
            false,
            text::echo_title(),
            vec![format!("{error:#}")],
            Facts::Echo {
                server,
                sent: message.to_string(),
                echoed: String::new(),
                matches: false,
                rtt_ms: 0.0,
            },
        ),
    };
    all_ok &= step.ok;
    emit(&step, format, out)?;

    // HTTP.
    let url = format!("http://{}:{HTTP_PORT}/", lab::H2_V4);
    let captures = Captures::start(lab, &["h1"])?;
    let fetched = h1.run(|| -> anyhow::Result<_> {
        use crate::net::http::client::{FetchOptions, fetch};
        let lang = crate::i18n::language();
        let target = crate::net::http::target::Target::parse(&url).map_err(|e| {
            crate::error::Error::Runtime(crate::app::http::words::target_error(lang, &e))
        })?;
        let options = FetchOptions {
            method: "GET".to_string(),
            headers: Vec::new(),
            half_close: false,
            timeout: Duration::from_secs(2),
            tls: None,
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let began = Instant::now();
        let exchange = runtime.block_on(fetch(&target, &options)).map_err(|e| {
            crate::error::Error::Runtime(crate::app::http::words::http_error(lang, &e))
        })?;
        Ok((exchange.head.status, exchange.body_bytes, began.elapsed()))
    })?;
    let packets = decoded(&captures.finish());
    let step = match fetched {
        Ok((status, bytes, took)) => {
            let mut step = Step::new(
                "http",
                status == 200,
                text::http_title(),
                vec![text::http_text(status, bytes, ms(took))],
                Facts::Http {
                    url: url.clone(),
                    status,
                    body_bytes: bytes,
                    ms: ms(took),
                },
            );
            step.packets = views(explainer, &packets, |p| p.involves_port(HTTP_PORT));
            step
        }
        Err(error) => Step::new(
            "http",
            false,
            text::http_title(),
            vec![format!("{error:#}")],
            Facts::Http {
                url: url.clone(),
                status: 0,
                body_bytes: 0,
                ms: 0.0,
            },
        ),
    };
    all_ok &= step.ok;
    emit(&step, format, out)?;
    Ok(all_ok)
}

/// A lab with one mistake: the routing decision it leads to and the failure it causes.
fn mistaken(
    lab: &Lab,
    mistake: Mistake,
    explainer: &mut Explainer,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<bool> {
    let h1 = h1(lab)?;
    let mut title_step = build_step(lab);
    title_step.text.push(text::mistake_title(mistake));
    emit(&title_step, format, out)?;
    let mut ok = true;
    for refused in &lab.refused_routes {
        emit(
            &Step::new(
                "route_refused",
                true,
                text::refused_route_title(refused.gateway),
                vec![text::refused_route_text(refused.gateway, &refused.error)],
                Facts::RefusedRoute {
                    host: refused.host.clone(),
                    gateway: refused.gateway,
                    error: text::error_json(&refused.error),
                },
            ),
            format,
            out,
        )?;
    }
    if mistake == Mistake::GatewayOffSubnet {
        ok &= !lab.refused_routes.is_empty();
    }
    if let Some(step) = route_step(lab) {
        emit(&step, format, out)?;
    }
    let captures = Captures::start(lab, &["h1", "h2"])?;
    // Long enough for the lab's ARP retries (3 × 100 ms) to give up.
    let probe =
        h1.run(|| Pinger::open_raw()?.probe(lab::H2_V4, 64, Duration::from_millis(1500)))??;
    let packets = decoded(&captures.finish());
    let unanswered = packets
        .iter()
        .filter(|(at, _, p)| at == "h1 eth0" && matches!(&p.body, Body::Arp(a) if a.op == ArpOp::Request && a.target_ip == Some(lab::H2_V4)))
        .count();
    let arrived = request_ttl(&packets, "h2 eth0", lab::H2_V4);
    let failed_as_it_should = match mistake {
        Mistake::Mask => {
            unanswered > 0
                && matches!(
                    probe.answer,
                    Answer::Unreachable { code: 1, .. } | Answer::Silence
                )
        }
        Mistake::Gateway | Mistake::GatewayOffSubnet => {
            probe.answer
                == Answer::NotSent {
                    errno: libc::ENETUNREACH,
                }
        }
        Mistake::NoForwarding => probe.answer == Answer::Silence && arrived.is_none(),
    };
    ok &= failed_as_it_should;
    let mut step = Step::new(
        "ping",
        failed_as_it_should,
        text::ping_title(),
        vec![text::mistake_outcome(mistake, &probe.answer, unanswered)],
        ping_facts(lab::H2_V4, 64, arrived, &probe.answer),
    );
    step.packets = views(explainer, &packets, |p| is_icmp(p) || is_arp(p));
    emit(&step, format, out)?;
    Ok(ok)
}
