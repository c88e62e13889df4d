//! `lab link-test`: a link that loses, limits or delays, how each impairment is made (tbf,
//! nftables, netem or netlearn's relay) and what it does, measured. The words for an
//! impairment the lab could not apply are in [`words`] (the lab's build errors use them).

use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::Ordering;

use serde::Serialize;

pub mod words;

use super::text::ms;
use crate::app::text::{counted_in, system_error_in, t};
use crate::cli::LabLinkTestArgs;
use crate::error::Error;
use crate::i18n::Lang;
use crate::net::lab::impair::measure::{self, Measurement, Plan};
use crate::net::lab::impair::{
    self, Applied, DelayMethod, Impairment, LossMethod, MAX_DELAY, RateMethod,
};
use crate::net::lab::{Host, Interface, Lab, Link, Topology};
use crate::output::Format;
use crate::output::escape::terminal_safe;
use crate::output::width::{terminal_width, wrap_hanging};
use crate::tr;

/// The fastest rate `lab link-test --rate` takes: 1 tbit, in bits per second.
const MAX_RATE: u64 = 1_000_000_000_000;

/// The two hosts of `lab link-test` without a file: h1 and h2 on one cable, documentation
/// addresses.
fn pair(impairment: Impairment) -> Topology {
    let host = |name: &str, last: u8| Host {
        name: name.into(),
        interfaces: vec![Interface {
            name: "eth0".into(),
            mac: [0x02, 0, 0, 0x27, 0, last],
            addresses: vec![
                ipnet::IpNet::new(std::net::Ipv4Addr::new(192, 0, 2, last).into(), 24)
                    .unwrap_or_else(|_| ipnet::IpNet::from(std::net::IpAddr::from([0, 0, 0, 0]))),
            ],
            ports: Vec::new(),
        }],
        gateways: Vec::new(),
        forwarding: false,
        services: Vec::new(),
    };
    Topology {
        hosts: vec![host("h1", 1), host("h2", 2)],
        links: vec![Link {
            a: ("h1".into(), "eth0".into()),
            b: ("h2".into(), "eth0".into()),
            impairment,
        }],
    }
}

/// The impairment the flags ask for; a flag that does not read is a usage error.
fn asked(args: &LabLinkTestArgs) -> anyhow::Result<Impairment> {
    let bad = |flag: &str, text: &str, id: &str| -> anyhow::Error {
        Error::Usage(tr!(
            id,
            flag = flag.to_string(),
            text = terminal_safe(text).into_owned()
        ))
        .into()
    };
    let loss = match &args.loss {
        None => None,
        Some(text) => {
            Some(impair::parse_loss(text).map_err(|_| bad("--loss", text, "impair-bad-loss"))?)
        }
    };
    let rate = match &args.rate {
        None => None,
        Some(text) => Some(
            impair::parse_rate(text)
                .ok()
                .filter(|bits| *bits <= MAX_RATE)
                .ok_or_else(|| bad("--rate", text, "impair-bad-rate"))?,
        ),
    };
    let queue = match args.queue {
        None => None,
        Some(bytes) => Some(
            u32::try_from(bytes)
                .map_err(|_| bad("--queue", &bytes.to_string(), "impair-bad-queue"))?,
        ),
    };
    if let Some(delay) = args.delay.filter(|d| *d > MAX_DELAY) {
        return Err(bad(
            "--delay",
            &format!("{}ms", delay.as_millis()),
            "impair-bad-delay",
        ));
    }
    Ok(Impairment {
        loss,
        rate_bits_per_second: rate,
        queue_bytes: queue,
        delay: args.delay.filter(|d| !d.is_zero()),
    })
}

/// The lab `lab link-test` builds: the file's (read and checked whole by the caller, before
/// anything is built), else h1 — h2 with the flags' impairment.
pub fn topology(args: &LabLinkTestArgs, file: Option<Topology>) -> anyhow::Result<Topology> {
    match file {
        Some(topology) => Ok(topology),
        None => Ok(pair(asked(args)?)),
    }
}

/// One link's test, for JSON and for the text view.
#[derive(Serialize)]
struct LinkRecord {
    a: String,
    b: String,
    asked: Asked,
    /// How each impairment is made: "tbf", "nftables", "netem", "relay".
    methods: Methods,
    #[serde(skip_serializing_if = "Option::is_none")]
    tbf: Option<TbfRecord>,
    #[serde(skip_serializing_if = "Option::is_none")]
    measured: Option<Measured>,
    /// Why nothing was measured (no IPv4 address at both ends, no ICMP socket), as said.
    #[serde(skip_serializing_if = "Option::is_none")]
    not_measured: Option<String>,
    /// For a relayed link: frames the relay carried and dropped (its queue full), both ways.
    #[serde(skip_serializing_if = "Option::is_none")]
    relay: Option<RelayRecord>,
}

#[derive(Serialize)]
struct RelayRecord {
    frames: u64,
    dropped: u64,
}

#[derive(Serialize)]
struct Asked {
    loss_percent: Option<f64>,
    rate_bits_per_second: Option<u64>,
    queue_bytes: Option<u32>,
    delay_ms: Option<f64>,
}

#[derive(Serialize)]
struct Methods {
    rate: Option<&'static str>,
    loss: Option<&'static str>,
    delay: Option<&'static str>,
}

#[derive(Serialize)]
struct TbfRecord {
    burst_bytes: u32,
    queue_bytes: u32,
}

#[derive(Serialize)]
struct Measured {
    from: String,
    to: String,
    target: std::net::Ipv4Addr,
    pings_sent: usize,
    pings_answered: usize,
    /// Round trips of the answered pings, in order.
    rtt_ms: Vec<f64>,
    datagrams_sent: u32,
    datagrams_arrived: u32,
    transfer_bytes: u64,
    transfer_planned_bytes: u64,
    transfer_seconds: f64,
    transfer_complete: bool,
    goodput_bits_per_second: Option<f64>,
    retransmits: u32,
}

/// What `lab link-test` did.
#[derive(Serialize)]
struct Report {
    #[serde(rename = "type")]
    kind: &'static str,
    build_ms: f64,
    links: Vec<LinkRecord>,
    #[serde(skip)]
    title: Title,
}

/// Which lab the report is about, for its title.
enum Title {
    /// h1 — h2 of the flags.
    Pair,
    /// The impaired links of a topology file (`lab link-test --topology`).
    File(String),
}

fn record(
    lab: &Lab,
    applied: &Applied,
    measured: Result<Measurement, String>,
    plan: &Plan,
) -> LinkRecord {
    let link = &lab.topology.links[applied.link];
    let asked = applied.asked;
    let tbf = applied.rate.map(
        |RateMethod::Tbf {
             burst_bytes,
             queue_bytes,
         }| TbfRecord {
            burst_bytes,
            queue_bytes,
        },
    );
    let (measured, not_measured) = match measured {
        Ok(m) => {
            let rtts: Vec<f64> = m.pings.iter().flatten().map(|d| ms(*d)).collect();
            (
                Some(Measured {
                    from: m.from.clone(),
                    to: m.to.clone(),
                    target: m.target,
                    pings_sent: m.pings.len(),
                    pings_answered: rtts.len(),
                    rtt_ms: rtts,
                    datagrams_sent: m.train.sent,
                    datagrams_arrived: m.train.arrived,
                    transfer_bytes: m.transfer.bytes,
                    transfer_planned_bytes: plan.transfer_bytes as u64,
                    transfer_seconds: m.transfer.elapsed.as_secs_f64(),
                    transfer_complete: m.transfer.complete,
                    goodput_bits_per_second: m.transfer.goodput_bits_per_second(),
                    retransmits: m.transfer.retransmits,
                }),
                None,
            )
        }
        Err(why) => (None, Some(why)),
    };
    LinkRecord {
        a: format!("{}/{}", link.a.0, link.a.1),
        b: format!("{}/{}", link.b.0, link.b.1),
        asked: Asked {
            loss_percent: asked.loss.map(|l| l.percent()),
            rate_bits_per_second: asked.rate_bits_per_second,
            queue_bytes: asked.queue_bytes,
            delay_ms: asked.delay.map(ms),
        },
        methods: Methods {
            rate: applied.rate.map(|_| "tbf"),
            loss: applied.loss.map(|LossMethod::Nftables| "nftables"),
            delay: applied.delay.map(|d| match d {
                DelayMethod::Netem => "netem",
                DelayMethod::Relay => "relay",
            }),
        },
        tbf,
        measured,
        not_measured,
        relay: lab.relay_counters(applied.link).map(|c| RelayRecord {
            frames: c.forwarded.load(Ordering::Relaxed),
            dropped: c.dropped.load(Ordering::Relaxed),
        }),
    }
}

/// Why a link could not be measured, in `lang`.
fn measure_error(lang: Lang, error: &measure::MeasureError) -> String {
    match error {
        measure::MeasureError::NoLink(_) | measure::MeasureError::NoAddress(_) => {
            t!(lang, "impair-no-address")
        }
        measure::MeasureError::Pinger(no) => system_error_in(lang, &no.raw),
        measure::MeasureError::Io(error) => system_error_in(lang, error),
    }
}

/// Measures every impaired link of `lab` (every link, for the two hosts of the flags).
fn measure_all(lab: &Lab, plan: &Plan, every: bool) -> Vec<LinkRecord> {
    let lang = crate::i18n::language();
    let mut applied: Vec<Applied> = lab.impairments.clone();
    if every {
        for n in 0..lab.topology.links.len() {
            if !applied.iter().any(|a| a.link == n) {
                applied.push(Applied {
                    link: n,
                    asked: lab.topology.links[n].impairment,
                    rate: None,
                    loss: None,
                    delay: None,
                });
            }
        }
    }
    applied
        .iter()
        .map(|a| {
            let measured = measure::measure(lab, a.link, plan).map_err(|e| measure_error(lang, &e));
            record(lab, a, measured, plan)
        })
        .collect()
}

/// `lab link-test`: builds the lab, says how each impaired link is made, measures it, tears
/// the lab down.
pub fn run(
    args: &LabLinkTestArgs,
    file: Option<Topology>,
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let topology = topology(args, file)?;
    let lang = crate::i18n::language();
    let lab = Lab::build(topology)
        .map_err(|error| anyhow::anyhow!(super::words::build_error(lang, &error)))
        .with_context_lab()?;
    let plan = Plan {
        pings: args.pings,
        ..Plan::default()
    };
    let links = measure_all(&lab, &plan, args.topology.is_none());
    let report = Report {
        kind: "link_test",
        build_ms: ms(lab.build_time),
        links,
        title: args
            .topology
            .as_ref()
            .map_or(Title::Pair, |p| Title::File(p.display().to_string())),
    };
    lab.tear_down();
    crate::output::write_record(&report, format, out)?;
    Ok(ExitCode::SUCCESS)
}

/// The impaired links of a file's lab, measured while `lab --topology FILE` runs it: part of
/// that run's record (`impaired_links`) and of its text.
#[derive(Serialize)]
#[serde(transparent)]
pub struct ImpairedLinks(Vec<LinkRecord>);

impl ImpairedLinks {
    /// Measures each impaired link of `lab` (none when no link is impaired).
    pub fn measure(lab: &Lab) -> ImpairedLinks {
        if lab.impairments.is_empty() {
            return ImpairedLinks(Vec::new());
        }
        ImpairedLinks(measure_all(lab, &Plan::default(), false))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The links' section of `file`'s run: a title, then each link.
    pub fn render(&self, file: &str, out: &mut dyn Write) -> std::io::Result<()> {
        if self.0.is_empty() {
            return Ok(());
        }
        let lang = crate::i18n::language();
        let title = t!(
            lang,
            "impair-measured-file",
            file = terminal_safe(file).into_owned(),
            links = self.0.len() as u64
        );
        writeln!(out, "{}", wrap_hanging(&title, "   ", terminal_width()))?;
        write_links(lang, &self.0, out)
    }
}

trait LabContext<T> {
    fn with_context_lab(self) -> anyhow::Result<T>;
}

impl<T> LabContext<T> for anyhow::Result<T> {
    fn with_context_lab(self) -> anyhow::Result<T> {
        anyhow::Context::with_context(self, super::text::cannot_build_lab)
    }
}

/// "30 %", "0.5 %": a share as people read it.
fn percent(value: f64) -> String {
    let text = format!("{value:.1}");
    text.strip_suffix(".0").unwrap_or(&text).to_string()
}

/// A rate in the unit that reads best: 10 Mbit/s, 512 kbit/s.
fn rate_words(lang: Lang, bits: f64) -> String {
    let (value, id) = if bits >= 1e9 {
        (bits / 1e9, "impair-gbit")
    } else if bits >= 1e6 {
        (bits / 1e6, "impair-mbit")
    } else if bits >= 1e3 {
        (bits / 1e3, "impair-kbit")
    } else {
        (bits, "impair-bit")
    };
    let shown = if value >= 100.0 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    t!(lang, id, value = shown)
}

/// A delay as it was asked: 20, 2.5, 0.25 (milliseconds).
fn asked_ms(value: f64) -> String {
    let text = format!("{value:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A measured time in milliseconds, to a sensible precision.
fn ms_words(value: f64) -> String {
    if value >= 10.0 {
        format!("{value:.1}")
    } else if value >= 0.1 {
        format!("{value:.2}")
    } else {
        format!("{value:.3}")
    }
}

impl LinkRecord {
    /// What was asked, in a few words: "loss 30 %, 10 Mbit/s, delay 20 ms".
    fn asked_words(&self, lang: Lang) -> String {
        let mut parts = Vec::new();
        if let Some(loss) = self.asked.loss_percent {
            parts.push(t!(lang, "impair-asked-loss", percent = percent(loss)));
        }
        if let Some(rate) = self.asked.rate_bits_per_second {
            parts.push(t!(
                lang,
                "impair-asked-rate",
                rate = rate_words(lang, rate as f64)
            ));
        }
        if let Some(delay) = self.asked.delay_ms {
            parts.push(t!(lang, "impair-asked-delay", ms = asked_ms(delay)));
        }
        if parts.is_empty() {
            t!(lang, "impair-perfect")
        } else {
            parts.join(&t!(lang, "impair-list-separator"))
        }
    }

    fn lines(&self, lang: Lang) -> Vec<String> {
        let mut lines = vec![t!(
            lang,
            "impair-link-title",
            a = terminal_safe(&self.a).into_owned(),
            b = terminal_safe(&self.b).into_owned(),
            asked = self.asked_words(lang)
        )];
        if let (Some(tbf), Some(rate)) = (&self.tbf, self.asked.rate_bits_per_second) {
            lines.push(t!(
                lang,
                "impair-how-rate",
                rate = rate_words(lang, rate as f64),
                burst = counted_in(lang, "count-bytes", u64::from(tbf.burst_bytes)),
                queue = counted_in(lang, "count-bytes", u64::from(tbf.queue_bytes))
            ));
        }
        if let (Some(_), Some(loss)) = (self.methods.loss, self.asked.loss_percent) {
            lines.push(t!(
                lang,
                "impair-how-loss",
                percent = percent(loss),
                points = format!("{:.0}", loss * 100.0)
            ));
        }
        match (self.methods.delay, self.asked.delay_ms) {
            (Some("netem"), Some(ms)) => {
                lines.push(t!(lang, "impair-how-delay-netem", ms = asked_ms(ms)));
            }
            (Some(_), Some(ms)) => {
                lines.push(t!(lang, "impair-how-delay-relay", ms = asked_ms(ms)));
            }
            _ => {}
        }
        match (&self.measured, &self.not_measured) {
            (Some(m), _) => lines.extend(measured_lines(lang, m)),
            (None, Some(why)) => lines.push(t!(lang, "impair-not-measured", why = why.clone())),
            (None, None) => {}
        }
        if let Some(relay) = &self.relay {
            lines.push(t!(
                lang,
                "impair-relay-counted",
                frames = relay.frames,
                dropped = relay.dropped
            ));
        }
        lines
    }
}

fn measured_lines(lang: Lang, m: &Measured) -> Vec<String> {
    let mut lines = Vec::new();
    let pings = if m.rtt_ms.is_empty() {
        t!(
            lang,
            "impair-pings-none",
            from = m.from.clone(),
            target = m.target.to_string(),
            sent = m.pings_sent as u64
        )
    } else {
        let min = m.rtt_ms.iter().copied().fold(f64::INFINITY, f64::min);
        let max = m.rtt_ms.iter().copied().fold(0.0, f64::max);
        let avg = m.rtt_ms.iter().sum::<f64>() / m.rtt_ms.len() as f64;
        t!(
            lang,
            "impair-pings",
            from = m.from.clone(),
            target = m.target.to_string(),
            sent = m.pings_sent as u64,
            answered = m.pings_answered as u64,
            min = ms_words(min),
            avg = ms_words(avg),
            max = ms_words(max)
        )
    };
    lines.push(pings);
    if m.datagrams_sent > 0 {
        let lost =
            f64::from(m.datagrams_sent - m.datagrams_arrived) * 100.0 / f64::from(m.datagrams_sent);
        lines.push(t!(
            lang,
            "impair-datagrams",
            from = m.from.clone(),
            to = m.to.clone(),
            sent = u64::from(m.datagrams_sent),
            arrived = u64::from(m.datagrams_arrived),
            percent = percent(lost)
        ));
    }
    let seconds = format!("{:.2}", m.transfer_seconds);
    let bytes = counted_in(lang, "count-bytes", m.transfer_bytes);
    let transfer = match m.goodput_bits_per_second {
        None => t!(
            lang,
            "impair-transfer-nothing",
            from = m.from.clone(),
            to = m.to.clone(),
            planned = counted_in(lang, "count-bytes", m.transfer_planned_bytes)
        ),
        Some(goodput) if m.transfer_complete => t!(
            lang,
            "impair-transfer",
            from = m.from.clone(),
            to = m.to.clone(),
            bytes = bytes,
            seconds = seconds,
            goodput = rate_words(lang, goodput),
            retransmits = u64::from(m.retransmits)
        ),
        Some(goodput) => t!(
            lang,
            "impair-transfer-partial",
            from = m.from.clone(),
            to = m.to.clone(),
            bytes = bytes,
            planned = counted_in(lang, "count-bytes", m.transfer_planned_bytes),
            seconds = seconds,
            goodput = rate_words(lang, goodput),
            retransmits = u64::from(m.retransmits)
        ),
    };
    lines.push(transfer);
    lines
}

impl crate::output::Render for Report {
    fn render(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let lang = crate::i18n::language();
        let width = terminal_width();
        let title = match &self.title {
            Title::File(file) => t!(
                lang,
                "impair-built-file",
                file = terminal_safe(file).into_owned(),
                links = self.links.len() as u64,
                ms = format!("{:.1}", self.build_ms)
            ),
            Title::Pair => t!(lang, "impair-built", ms = format!("{:.1}", self.build_ms)),
        };
        writeln!(out, "{}", wrap_hanging(&title, "   ", width))?;
        if self.links.is_empty() {
            writeln!(
                out,
                "{}",
                wrap_hanging(&t!(lang, "impair-none"), "   ", width)
            )?;
        }
        write_links(lang, &self.links, out)?;
        Ok(())
    }
}

/// Each link's lines: what was set and how, then what was measured.
fn write_links(lang: Lang, links: &[LinkRecord], out: &mut dyn Write) -> std::io::Result<()> {
    let width = terminal_width();
    for link in links {
        let mut lines = link.lines(lang).into_iter();
        if let Some(first) = lines.next() {
            writeln!(out, "{}", wrap_hanging(&first, "   ", width))?;
        }
        for line in lines {
            writeln!(
                out,
                "{}",
                wrap_hanging(&format!("   {line}"), "     ", width)
            )?;
        }
    }
    Ok(())
}
