//! `lab congestion`: TCP's insides, plotted. Two phases over the same slow link (a queue, then
//! loss too); the sender's cwnd and RTT drawn over time as braille charts (textplots) fitted to
//! the terminal, or as SVG (plotters' SVG backend); under each phase the sentences that read its
//! plot, every number in them measured from the samples (`net::lab::congestion`).

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use serde::Serialize;
use textplots::{Chart, LabelBuilder, LabelFormat, Plot, Shape, TickDisplay, TickDisplayBuilder};

use super::text::ms;
use crate::cli::{LabAlgorithm, LabCongestionArgs};
use crate::error::Error;
use crate::net::lab::congestion::{
    self, Algorithm, CongestionError, PhaseKind, PhaseRun, Sample, Settings, TransferStep,
};
use crate::net::lab::impair::Loss;
use crate::net::sockets::TcpState;
use crate::output::sink::ErrStream;
use crate::output::width::{display_width, prose_width, terminal_width, wrap_hanging};
use crate::output::{self, Format, Render};
use crate::tr;

/// How often TCP_INFO is read.
const INTERVAL: Duration = Duration::from_millis(5);

/// The longest phase `--seconds` may ask for.
const MAX_PHASE: Duration = Duration::from_secs(30);

/// The smallest and largest queue `--queue` takes.
const MIN_QUEUE: usize = 1500;
const MAX_QUEUE: usize = 64 << 20;

/// A chart's height in braille dots (four to a line): 12 lines, a y tick every 4.
const CHART_DOTS_HIGH: u32 = 48;

fn algorithm(a: LabAlgorithm) -> Algorithm {
    match a {
        LabAlgorithm::Reno => Algorithm::Reno,
        LabAlgorithm::Cubic => Algorithm::Cubic,
        LabAlgorithm::Bbr => Algorithm::Bbr,
    }
}

/// The settings `args` ask for, or the one-line usage error of a value out of range.
fn settings(args: &LabCongestionArgs) -> Result<Settings, Error> {
    if args.seconds > MAX_PHASE {
        return Err(Error::Usage(tr!(
            "congestion-seconds-too-long",
            seconds = args.seconds.as_secs_f64(),
            max = MAX_PHASE.as_secs()
        )));
    }
    if !(MIN_QUEUE..=MAX_QUEUE).contains(&args.queue) {
        return Err(Error::Usage(tr!(
            "congestion-queue-out-of-range",
            bytes = args.queue,
            min = MIN_QUEUE,
            max = "64MiB"
        )));
    }
    let loss = Loss::from_percent(args.loss).ok_or_else(|| {
        Error::Usage(tr!(
            "congestion-value-percent",
            text = args.loss.to_string(),
            min = crate::cli::MIN_LOSS,
            max = crate::cli::MAX_LOSS
        ))
    })?;
    Ok(Settings {
        rate_bits_per_second: args.rate,
        queue_bytes: u32::try_from(args.queue).unwrap_or(u32::MAX),
        loss,
        phase_length: args.seconds,
        interval: INTERVAL,
        algorithm: algorithm(args.algorithm),
    })
}

/// What went wrong running a phase, in the reader's language.
fn failure(error: &CongestionError) -> anyhow::Error {
    let lang = crate::i18n::language();
    match error {
        CongestionError::Build(error) => {
            anyhow::anyhow!(super::words::build_error(lang, error))
        }
        CongestionError::Algorithm { name, error } => Error::Runtime(tr!(
            "congestion-no-algorithm",
            name = *name,
            cause = crate::app::text::system_error_in(lang, error)
        ))
        .into(),
        CongestionError::Transfer { step, error } => {
            let step = match step {
                TransferStep::Listen => "bind()",
                TransferStep::Connect => "connect()",
                TransferStep::Accept => "accept()",
                TransferStep::Send => "send()",
                TransferStep::Receive => "recv()",
            };
            Error::Runtime(tr!(
                "congestion-transfer-failed",
                call = step,
                cause = crate::app::text::system_error_in(lang, error)
            ))
            .into()
        }
        CongestionError::TooFewSamples(count) => {
            Error::Runtime(tr!("congestion-too-few-samples", count = *count)).into()
        }
        CongestionError::TcpInfo(error) => {
            let cause = match error {
                crate::net::lab::tcp_info::TcpInfoError::Call(error) => {
                    crate::app::text::system_error_in(lang, error)
                }
                crate::net::lab::tcp_info::TcpInfoError::Short { len } => {
                    tr!("congestion-tcp-info-short", len = *len)
                }
            };
            Error::Runtime(tr!("congestion-tcp-info-failed", cause = cause)).into()
        }
    }
}

pub fn run(
    args: &LabCongestionArgs,
    format: Format,
    out: &mut dyn Write,
    err: &ErrStream,
) -> anyhow::Result<ExitCode> {
    let settings = settings(args)?;
    let to_stdout = args.svg.as_deref() == Some(Path::new("-"));
    if to_stdout && format == Format::Json {
        return Err(Error::Usage(tr!("congestion-svg-and-json")).into());
    }
    // A few seconds of sending: where standard error is a terminal, a line says which phase.
    let progress = crate::output::screen::screen().progress;
    let kinds = [PhaseKind::Queue, PhaseKind::Loss];
    let mut phases = Vec::with_capacity(kinds.len());
    for (n, kind) in kinds.into_iter().enumerate() {
        if progress {
            err.write_text(&format!(
                "\r\x1b[2K{}",
                tr!(
                    "congestion-progress",
                    phase = n + 1,
                    phases = kinds.len(),
                    seconds = settings.phase_length.as_secs_f64()
                )
            ));
        }
        let run = congestion::run_phase(&settings, kind);
        if progress {
            err.write_text("\r\x1b[2K");
        }
        phases.push(run.map_err(|e| failure(&e))?);
    }
    let report = Report::new(&settings, &phases);
    match &args.svg {
        Some(_) if to_stdout => {
            out.write_all(svg(&report)?.as_bytes())?;
            return Ok(ExitCode::SUCCESS);
        }
        Some(path) => std::fs::write(path, svg(&report)?).map_err(|error| {
            Error::Runtime(tr!(
                "ladder-cannot-write-file",
                path =
                    crate::output::escape::terminal_safe(&path.display().to_string()).into_owned(),
                cause = crate::app::text::system_error_in(crate::i18n::language(), &error)
            ))
        })?,
        None => {}
    }
    output::emit(&report, format, out)?;
    Ok(ExitCode::SUCCESS)
}

/// Milliseconds as the sentences show them: two decimals below 1 ms, one below 10 ms.
fn ms_words(duration: Duration) -> String {
    let ms = ms(duration);
    if ms < 1.0 {
        format!("{ms:.2}")
    } else if ms < 10.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.0}")
    }
}

/// A rate as network people write it, the same in every language: `10 Mbps`, `512 kbps`
/// (no slash: Japanese lines may break after one).
fn rate_words(bits_per_second: u64) -> String {
    let bps = bits_per_second as f64;
    let (value, unit) = if bps >= 1e9 {
        (bps / 1e9, "Gbps")
    } else if bps >= 1e6 {
        (bps / 1e6, "Mbps")
    } else {
        (bps / 1e3, "kbps")
    };
    let number = format!("{value:.1}");
    let number = number.strip_suffix(".0").unwrap_or(&number);
    format!("{number}\u{a0}{unit}")
}

/// A byte count in IEC symbols: `256 KiB`, `1.5 MiB`, `900 B`.
fn bytes_words(bytes: u64) -> String {
    let b = bytes as f64;
    let (value, unit) = if b >= f64::from(1 << 20) {
        (b / f64::from(1 << 20), "MiB")
    } else if b >= 1024.0 {
        (b / 1024.0, "KiB")
    } else {
        return format!("{bytes}\u{a0}B");
    };
    let number = format!("{value:.1}");
    let number = number.strip_suffix(".0").unwrap_or(&number);
    format!("{number}\u{a0}{unit}")
}

/// One reading, as JSON has it.
#[derive(Serialize)]
struct SampleView {
    t_ms: f64,
    state: &'static str,
    ca_state: &'static str,
    cwnd_segments: u32,
    cwnd_bytes: u64,
    mss: u32,
    ssthresh_segments: Option<u32>,
    srtt_ms: f64,
    rttvar_ms: f64,
    rto_ms: f64,
    min_rtt_ms: Option<f64>,
    unacked: u32,
    total_retrans: u32,
    bytes_acked: Option<u64>,
    delivery_rate_bits_per_second: Option<u64>,
}

impl From<&Sample> for SampleView {
    fn from(sample: &Sample) -> Self {
        let info = &sample.info;
        SampleView {
            t_ms: ms(sample.at),
            state: info.state.map_or("UNKNOWN", TcpState::rfc_name),
            ca_state: info.ca_state.name(),
            cwnd_segments: info.cwnd_segments,
            cwnd_bytes: info.cwnd_bytes(),
            mss: info.mss,
            ssthresh_segments: info.ssthresh_segments,
            srtt_ms: ms(info.srtt),
            rttvar_ms: ms(info.rttvar),
            rto_ms: ms(info.rto),
            min_rtt_ms: info.min_rtt.map(ms),
            unacked: info.unacked,
            total_retrans: info.total_retrans,
            bytes_acked: info.bytes_acked,
            delivery_rate_bits_per_second: info.delivery_rate.map(|r| r.saturating_mul(8)),
        }
    }
}

/// Slow start as measured, for JSON.
#[derive(Serialize)]
struct SlowStartView {
    from_segments: u32,
    to_segments: u32,
    lasted_ms: f64,
    doubling_ms: f64,
    mean_srtt_ms: f64,
    ended: bool,
}

/// What one phase's samples show, as numbers (JSON) and as sentences (text).
#[derive(Serialize)]
struct PhaseView {
    phase: &'static str,
    loss_percent: Option<f64>,
    build_ms: f64,
    bytes_written: u64,
    samples: Vec<SampleView>,
    slow_start: Option<SlowStartView>,
    cwnd_falls: usize,
    mean_fall_percent: Option<f64>,
    retransmits: u32,
    srtt_first_ms: Option<f64>,
    srtt_highest_ms: Option<f64>,
    srtt_median_ms: Option<f64>,
    goodput_bits_per_second: Option<u64>,
    #[serde(skip)]
    heading: String,
    #[serde(skip)]
    reading: Vec<String>,
    #[serde(skip)]
    cwnd: Vec<(f32, f32)>,
    #[serde(skip)]
    rtt: Vec<(f32, f32)>,
}

/// `lab congestion`'s one record.
#[derive(Serialize)]
struct Report {
    #[serde(rename = "type")]
    kind: &'static str,
    algorithm: &'static str,
    rate_bits_per_second: u64,
    queue_bytes: u32,
    loss_percent: f64,
    interval_ms: f64,
    phase_ms: f64,
    phases: Vec<PhaseView>,
    #[serde(skip)]
    title: String,
    /// The SVG page's one-line title.
    #[serde(skip)]
    svg_title: String,
}

impl Report {
    fn new(settings: &Settings, runs: &[PhaseRun]) -> Report {
        // The queue phase's highest RTT, which the loss phase's is set against.
        let queue_highest = runs
            .iter()
            .find(|r| r.kind == PhaseKind::Queue)
            .and_then(|r| congestion::rtt_range(&r.samples))
            .map(|r| r.highest);
        Report {
            kind: "congestion",
            algorithm: settings.algorithm.name(),
            rate_bits_per_second: settings.rate_bits_per_second,
            queue_bytes: settings.queue_bytes,
            loss_percent: settings.loss.percent(),
            interval_ms: ms(settings.interval),
            phase_ms: ms(settings.phase_length),
            phases: runs
                .iter()
                .map(|run| phase_view(settings, run, queue_highest))
                .collect(),
            title: tr!(
                "congestion-title",
                rate = rate_words(settings.rate_bits_per_second),
                queue = bytes_words(settings.queue_bytes.into()),
                algorithm = settings.algorithm.name(),
                interval = ms(settings.interval)
            ),
            svg_title: tr!(
                "congestion-svg-title",
                rate = rate_words(settings.rate_bits_per_second),
                queue = bytes_words(settings.queue_bytes.into()),
                loss = settings.loss.percent(),
                algorithm = settings.algorithm.name()
            ),
        }
    }
}

fn phase_view(settings: &Settings, run: &PhaseRun, queue_highest: Option<Duration>) -> PhaseView {
    let samples = &run.samples;
    let start = congestion::slow_start(samples);
    let falls = congestion::falls(samples);
    let share = congestion::mean_fall_share(&falls);
    let retransmits = congestion::retransmits(samples);
    let rtt = congestion::rtt_range(samples);
    let goodput = congestion::goodput_bits_per_second(samples);
    let mut reading = Vec::new();
    let heading = match run.kind {
        PhaseKind::Queue => tr!(
            "congestion-phase-queue",
            rate = rate_words(settings.rate_bits_per_second),
            queue = bytes_words(settings.queue_bytes.into())
        ),
        PhaseKind::Loss => tr!(
            "congestion-phase-loss",
            rate = rate_words(settings.rate_bits_per_second),
            loss = settings.loss.percent()
        ),
    };
    if run.kind == PhaseKind::Queue {
        if let Some(start) = &start {
            let id = if start.ended {
                "congestion-slow-start"
            } else {
                "congestion-slow-start-still"
            };
            reading.push(tr!(
                id,
                from = start.from_segments,
                to = start.to_segments,
                ms = ms_words(start.lasted),
                doubling = ms_words(start.doubling),
                rtt = ms_words(start.mean_srtt)
            ));
        }
        // Only CUBIC leaves slow start on its own here (HyStart, on by default in Linux).
        if start.is_none()
            && settings.algorithm == Algorithm::Cubic
            && let Some(set) = congestion::threshold_set(samples).filter(|s| !s.after_loss)
        {
            reading.push(tr!(
                "congestion-slow-start-early",
                at = ms_words(set.at),
                cwnd = set.cwnd_segments,
                algorithm = settings.algorithm.name()
            ));
        }
        if let Some(rtt) = &rtt {
            let grew = rtt.highest >= rtt.first * 3 && rtt.highest - rtt.first >= ms_dur(5);
            if grew {
                let wait = rtt.highest - rtt.first;
                reading.push(tr!(
                    "congestion-rtt-grew",
                    from = ms_words(rtt.first),
                    to = ms_words(rtt.highest),
                    at = ms_words(rtt.highest_at),
                    wait = ms_words(wait),
                    queued = bytes_words(congestion::queued_bytes(
                        wait,
                        settings.rate_bits_per_second
                    ))
                ));
            } else {
                reading.push(tr!(
                    "congestion-rtt-flat",
                    median = ms_words(rtt.median),
                    highest = ms_words(rtt.highest)
                ));
            }
        }
        if let Some(first) = falls.first().filter(|_| retransmits == 0) {
            // The window fell with nothing lost: the algorithm's own doing (bbr draining).
            reading.push(tr!(
                "congestion-fall-no-loss",
                at = ms_words(first.at),
                from = first.from_segments,
                to = first.to_segments,
                algorithm = settings.algorithm.name()
            ));
        } else if let Some(first) = falls.first() {
            reading.push(tr!(
                "congestion-overflow",
                at = ms_words(first.at),
                from = first.from_segments,
                to = first.to_segments,
                falls = falls.len(),
                retransmits = retransmits
            ));
        }
    } else {
        match (falls.len(), share) {
            (0, _) | (_, None) if retransmits > 0 => reading.push(tr!(
                "congestion-no-fall-despite-loss",
                retransmits = retransmits,
                algorithm = settings.algorithm.name()
            )),
            (0, _) | (_, None) => reading.push(tr!(
                "congestion-no-fall",
                ms = ms_words(settings.phase_length)
            )),
            (1, Some(share)) => reading.push(tr!(
                "congestion-one-fall",
                percent = format!("{:.0}", share * 100.0),
                retransmits = retransmits
            )),
            (n, Some(share)) => {
                // Reno's rule, halve and grow one segment per round trip, is the one the
                // half-sentence names.
                let id = if settings.algorithm == Algorithm::Reno && (0.4..=0.6).contains(&share) {
                    "congestion-sawtooth-half"
                } else {
                    "congestion-sawtooth"
                };
                reading.push(tr!(
                    id,
                    falls = n,
                    percent = format!("{:.0}", share * 100.0),
                    retransmits = retransmits
                ));
            }
        }
        if let Some(rtt) = &rtt {
            let short = |full: Duration| full > rtt.median * 2 && full - rtt.median >= ms_dur(5);
            match queue_highest {
                Some(full) if short(full) => reading.push(tr!(
                    "congestion-rtt-low",
                    median = ms_words(rtt.median),
                    full = ms_words(full)
                )),
                Some(full) if full >= ms_dur(5) => reading.push(tr!(
                    "congestion-rtt-still-full",
                    median = ms_words(rtt.median),
                    full = ms_words(full)
                )),
                _ => reading.push(tr!(
                    "congestion-rtt-flat",
                    median = ms_words(rtt.median),
                    highest = ms_words(rtt.highest)
                )),
            }
        }
    }
    if let Some(goodput) = goodput {
        reading.push(tr!(
            "congestion-goodput",
            rate = rate_words(goodput),
            link = rate_words(settings.rate_bits_per_second),
            retransmits = retransmits
        ));
    }
    let points = |value: &dyn Fn(&Sample) -> f32| -> Vec<(f32, f32)> {
        samples
            .iter()
            .map(|s| (ms(s.at) as f32, value(s)))
            .collect()
    };
    PhaseView {
        phase: run.kind.name(),
        loss_percent: run.impairment.loss.map(Loss::percent),
        build_ms: ms(run.build_time),
        bytes_written: run.bytes_written,
        samples: samples.iter().map(SampleView::from).collect(),
        slow_start: start.map(|s| SlowStartView {
            from_segments: s.from_segments,
            to_segments: s.to_segments,
            lasted_ms: ms(s.lasted),
            doubling_ms: ms(s.doubling),
            mean_srtt_ms: ms(s.mean_srtt),
            ended: s.ended,
        }),
        cwnd_falls: falls.len(),
        mean_fall_percent: share.map(|s| s * 100.0),
        retransmits,
        srtt_first_ms: rtt.map(|r| ms(r.first)),
        srtt_highest_ms: rtt.map(|r| ms(r.highest)),
        srtt_median_ms: rtt.map(|r| ms(r.median)),
        goodput_bits_per_second: goodput,
        heading,
        reading,
        cwnd: points(&|s| s.info.cwnd_segments as f32),
        rtt: points(&|s| ms(s.info.srtt) as f32),
    }
}

fn ms_dur(ms: u64) -> Duration {
    Duration::from_millis(ms)
}

/// The smallest of 1, 2, 5 × 10^k at or above `value` (an axis's round top).
fn nice_ceiling(value: f32) -> f32 {
    if value <= 0.0 || !value.is_finite() {
        return 1.0;
    }
    let power = 10_f32.powf(value.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|top| *top >= value)
        .unwrap_or(10.0 * power)
}

/// An axis value as its tick label shows it: whole numbers, one decimal below 10.
fn tick(value: f32, top: f32) -> String {
    if top < 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.0}")
    }
}

/// One braille chart of `points` (time in ms → value), `x_top` ms wide, fitted to `columns`:
/// the plot, its y ticks at the right with `y_unit`, the time axis's ends under it.
fn chart(points: &[(f32, f32)], x_top: f32, y_unit: &'static str, columns: usize) -> String {
    let y_top = nice_ceiling(points.iter().map(|p| p.1).fold(0.0, f32::max) * 1.05);
    let y_label = move |v: f32| {
        let number = tick(v, y_top);
        if y_unit.is_empty() {
            number
        } else {
            format!("{number}\u{a0}{y_unit}")
        }
    };
    // textplots labels every fourth line (TickDisplay::Sparse) from the top, and the bottom.
    let steps = CHART_DOTS_HIGH / 16;
    let label_width = (0..=steps)
        .map(|i| y_top - y_top * i as f32 / steps as f32)
        .map(|v| display_width(&y_label(v)))
        .max()
        .unwrap_or(1);
    // A line is the canvas (half its dots, plus one), a space and the label: one column spare.
    let chars = columns.saturating_sub(label_width + 3).max(16);
    let width = u32::try_from(chars * 2).unwrap_or(32);
    let x_label = |v: f32| format!("{v:.0}\u{a0}ms");
    let shape = Shape::Lines(points);
    let mut chart = Chart::new_with_y_range(width, CHART_DOTS_HIGH, 0.0, x_top, 0.0, y_top);
    // textplots' builders borrow the chart for its whole life: one chain, then the result.
    let drawn = chart
        .y_tick_display(TickDisplay::Sparse)
        .x_label_format(LabelFormat::Custom(Box::new(x_label)))
        .y_label_format(LabelFormat::Custom(Box::new(y_label)))
        .lineplot(&shape);
    drawn.axis();
    drawn.figures();
    drawn.to_string()
}

impl Render for Report {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let width = prose_width();
        let columns = terminal_width().min(width);
        writeln!(out, "{}", wrap_hanging(&self.title, "  ", width))?;
        for phase in &self.phases {
            writeln!(out)?;
            writeln!(out, "{}", wrap_hanging(&phase.heading, "   ", width))?;
            writeln!(out)?;
            for (title, points, unit) in [
                (tr!("congestion-chart-cwnd"), &phase.cwnd, ""),
                (tr!("congestion-chart-rtt"), &phase.rtt, "ms"),
            ] {
                writeln!(out, "{}", wrap_hanging(&title, "  ", width))?;
                for line in chart(points, self.phase_ms as f32, unit, columns).lines() {
                    writeln!(out, "{}", line.trim_end())?;
                }
            }
            for sentence in &phase.reading {
                writeln!(
                    out,
                    "{}",
                    wrap_hanging(&format!("• {sentence}"), "  ", width)
                )?;
            }
        }
        Ok(())
    }
}

/// The same charts as an SVG page: a row per phase, cwnd on the left and RTT on the right.
fn svg(report: &Report) -> anyhow::Result<String> {
    use plotters::prelude::*;
    let drawing = |error: &dyn std::fmt::Display| {
        Error::Runtime(tr!("congestion-svg-failed", cause = error.to_string()))
    };
    let mut page = String::new();
    {
        let root = SVGBackend::with_string(&mut page, (1000, 760)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| drawing(&e))?;
        let root = root
            .titled(&report.svg_title, ("sans-serif", 20))
            .map_err(|e| drawing(&e))?;
        let panels = root.split_evenly((report.phases.len().max(1), 2));
        let x_top = report.phase_ms;
        let time = tr!("congestion-axis-time");
        for (row, phase) in report.phases.iter().enumerate() {
            for (column, (points, axis, colour)) in [
                (&phase.cwnd, tr!("congestion-axis-cwnd"), BLUE),
                (&phase.rtt, tr!("congestion-axis-rtt"), RED),
            ]
            .into_iter()
            .enumerate()
            {
                let Some(panel) = panels.get(row * 2 + column) else {
                    continue;
                };
                let y_top = f64::from(nice_ceiling(
                    points.iter().map(|p| p.1).fold(0.0, f32::max) * 1.05,
                ));
                let mut chart = ChartBuilder::on(panel)
                    .caption(&phase.heading, ("sans-serif", 14))
                    .margin(12)
                    .x_label_area_size(36)
                    .y_label_area_size(56)
                    .build_cartesian_2d(0.0..x_top, 0.0..y_top)
                    .map_err(|e| drawing(&e))?;
                chart
                    .configure_mesh()
                    .x_desc(time.as_str())
                    .y_desc(axis.as_str())
                    .draw()
                    .map_err(|e| drawing(&e))?;
                chart
                    .draw_series(LineSeries::new(
                        points.iter().map(|&(x, y)| (f64::from(x), f64::from(y))),
                        colour.stroke_width(2),
                    ))
                    .map_err(|e| drawing(&e))?;
            }
        }
        root.present().map_err(|e| drawing(&e))?;
    }
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_end_on_round_numbers() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(7.3), 10.0);
        assert_eq!(nice_ceiling(180.0), 200.0);
        assert_eq!(nice_ceiling(210.0), 500.0);
        assert_eq!(nice_ceiling(1.2), 2.0);
    }

    #[test]
    fn a_chart_fits_the_columns_it_is_given() {
        let points: Vec<(f32, f32)> = (0..300)
            .map(|n| (n as f32 * 5.0, (n % 50) as f32 * 3.0))
            .collect();
        for columns in [60, 80, 100] {
            let drawn = chart(&points, 1500.0, "ms", columns);
            assert!(drawn.lines().count() >= 8, "{drawn}");
            for line in drawn.lines() {
                assert!(display_width(line) <= columns, "{columns}: {line:?}");
            }
            assert!(drawn.contains("1500\u{a0}ms"), "{drawn}");
            assert!(drawn.contains("200\u{a0}ms"), "{drawn}");
        }
    }

    #[test]
    fn rates_and_sizes_in_symbols() {
        assert_eq!(rate_words(10_000_000), "10\u{a0}Mbps");
        assert_eq!(rate_words(1_500_000), "1.5\u{a0}Mbps");
        assert_eq!(rate_words(512_000), "512\u{a0}kbps");
        assert_eq!(bytes_words(256 * 1024), "256\u{a0}KiB");
        assert_eq!(bytes_words(900), "900\u{a0}B");
    }
}
