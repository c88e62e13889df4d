//! `lab congestion`: TCP's insides read from TCP_INFO over a real lab link, plotted. Each run
//! sends for a short `--seconds` per phase (two phases), so the whole file takes a few seconds.

use std::process::Output;

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use crate::lab::netlearn_as;

/// Short phases: long enough for slow start to fill the 256 KiB queue at 10 Mbit/s (~0.4 s),
/// and for 5% loss to hit a few hundred segments.
const SECONDS: &str = "0.7";
const LOSS: &str = "5%";

/// `netlearn ARGS` with `COLUMNS=columns`; None (with the reason printed) where no lab can be
/// built here.
fn congestion(args: &[&str], columns: usize, unprivileged: bool) -> Option<Output> {
    let mut command = netlearn_as(unprivileged)?;
    let output = command
        .args(args)
        .env("COLUMNS", columns.to_string())
        .env("NO_COLOR", "1")
        .output()
        .expect("run netlearn");
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("cannot build the lab here") || stderr.contains("ラボを組み立てられません")
    {
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        println!("skipped: {}", stderr.trim());
        return None;
    }
    assert!(output.status.success(), "{args:?}: {output:?}");
    Some(output)
}

const SAMPLE_KEYS: &[&str] = &[
    "t_ms",
    "state",
    "ca_state",
    "cwnd_segments",
    "cwnd_bytes",
    "mss",
    "ssthresh_segments",
    "srtt_ms",
    "rttvar_ms",
    "rto_ms",
    "min_rtt_ms",
    "unacked",
    "total_retrans",
    "bytes_acked",
    "delivery_rate_bits_per_second",
];

fn phase<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["phases"]
        .as_array()
        .expect("phases")
        .iter()
        .find(|p| p["phase"] == name)
        .unwrap_or_else(|| panic!("no {name} phase in {report:#}"))
}

fn f(value: &Value) -> f64 {
    value
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {value}"))
}

/// What every run's samples must show, root or not.
fn check_samples(report: &Value) {
    assert_eq!(report["type"], "congestion");
    assert_eq!(report["algorithm"], "reno");
    assert_eq!(report["rate_bits_per_second"], 10_000_000);
    assert_eq!(f(&report["loss_percent"]), 5.0);
    for name in ["queue", "loss"] {
        let samples = phase(report, name)["samples"].as_array().expect("samples");
        // 0.7 s read every 5 ms: about 140 samples, fewer on a busy machine.
        assert!(samples.len() >= 40, "{name}: {} samples", samples.len());
        let mut last_t = -1.0;
        for sample in samples {
            for key in SAMPLE_KEYS {
                assert!(sample.get(key).is_some(), "{name}: no {key} in {sample}");
            }
            assert!(f(&sample["t_ms"]) > last_t, "time goes forward: {sample}");
            last_t = f(&sample["t_ms"]);
            assert_eq!(sample["state"], "ESTABLISHED", "{sample}");
            assert!(f(&sample["cwnd_segments"]) > 0.0, "{sample}");
            assert_eq!(
                f(&sample["cwnd_bytes"]),
                f(&sample["cwnd_segments"]) * f(&sample["mss"])
            );
        }
        let last = samples.last().expect("a sample");
        assert!(f(&last["bytes_acked"]) > 10_000.0, "{name}: {last}");
    }
    // The queue fills: RTT grows from under a millisecond to tens of milliseconds (256 KiB
    // at 10 Mbit/s is 210 ms when full).
    let queue = phase(report, "queue");
    let first = f(&queue["srtt_first_ms"]);
    let highest = f(&queue["srtt_highest_ms"]);
    assert!(
        highest >= 30.0 && highest >= 5.0 * first,
        "{first} → {highest}"
    );
    let start = &queue["slow_start"];
    assert!(
        f(&start["to_segments"]) >= 4.0 * f(&start["from_segments"]),
        "{start}"
    );
    // Loss: retransmits, falls of the window, and round trips shorter than the full queue's.
    let loss = phase(report, "loss");
    assert!(f(&loss["retransmits"]) > 0.0, "{loss:#}");
    let samples = loss["samples"].as_array().expect("samples");
    let retrans = |s: &Value| f(&s["total_retrans"]);
    assert!(retrans(samples.last().expect("last")) > retrans(&samples[0]));
    assert!(f(&loss["cwnd_falls"]) >= 1.0, "{loss:#}");
    assert!(f(&loss["srtt_median_ms"]) < highest / 2.0, "{loss:#}");
    // The link is the bottleneck: h2 got at most its 10 Mbit/s (and something).
    let goodput = f(&queue["goodput_bits_per_second"]);
    assert!(goodput > 1e6 && goodput <= 11e6, "{goodput}");
}

/// `lab congestion --json` (as nobody when `unprivileged`): real samples, every key.
fn samples_are_real(unprivileged: bool) {
    let args = [
        "--json",
        "lab",
        "congestion",
        "--seconds",
        SECONDS,
        "--loss",
        LOSS,
    ];
    let Some(output) = congestion(&args, 80, unprivileged) else {
        return;
    };
    let report: Value = serde_json::from_slice(&output.stdout).expect("one JSON record");
    check_samples(&report);
}

#[test]
fn the_samples_are_real_and_json_has_every_key() {
    samples_are_real(false);
}

#[test]
fn the_samples_are_real_as_nobody_too() {
    samples_are_real(true);
}

/// Every line of `text` fits `columns`.
fn fits(text: &str, columns: usize) {
    for line in text.lines() {
        assert!(
            line.width() <= columns,
            "{} columns > {columns}: {line:?}\n{text}",
            line.width()
        );
    }
}

#[test]
fn the_plot_fits_80_columns_in_english_with_its_sentences_and_an_svg() {
    let dir = tempfile::tempdir().expect("tempdir");
    let svg_path = dir.path().join("congestion.svg");
    let args = [
        "--lang",
        "en",
        "lab",
        "congestion",
        "--seconds",
        SECONDS,
        "--loss",
        LOSS,
        "--svg",
        svg_path.to_str().expect("path"),
    ];
    let Some(output) = congestion(&args, 80, false) else {
        return;
    };
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    fits(&text, 80);
    // Two phases, each with a cwnd and an RTT chart drawn in braille, axes labelled.
    assert_eq!(
        text.matches("cwnd, the congestion window").count(),
        2,
        "{text}"
    );
    assert_eq!(text.matches("RTT, the smoothed round-trip time").count(), 2);
    let braille = text
        .lines()
        .filter(|l| l.chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c)))
        .count();
    assert!(braille >= 4 * 8, "{text}");
    assert!(
        text.contains("700 ms"),
        "the time axis ends at the phase's end: {text}"
    );
    // The sentences that read the plot, numbers in them (read as one text: a phrase may be
    // wrapped across two lines when the measured numbers are longer).
    let sentences = text.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    assert!(sentences.contains("that is slow start"), "{text}");
    assert!(sentences.contains("bufferbloat"), "{text}");
    assert!(
        sentences.contains("the sawtooth of loss recovery"),
        "{text}"
    );
    assert!(sentences.contains("retransmitted"), "{text}");

    let svg = std::fs::read_to_string(&svg_path).expect("the SVG was written");
    let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default())
        .expect("the SVG parses");
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).expect("a pixmap");
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    // Something was drawn besides the white page: the lines of four charts.
    let inked = pixmap
        .pixels()
        .iter()
        .filter(|p| p.red() < 200 || p.green() < 200 || p.blue() < 200)
        .count();
    assert!(inked > 2000, "{inked} inked pixels");
    // Four line series: cwnd in blue and RTT in red, per phase (the mesh is thin and black).
    assert_eq!(
        svg.matches(r##"stroke="#0000FF" stroke-width="2""##)
            .count(),
        2
    );
    assert_eq!(
        svg.matches(r##"stroke="#FF0000" stroke-width="2""##)
            .count(),
        2
    );
    assert!(svg.contains("cwnd (segments)") && svg.contains("RTT (ms)"));
}

#[test]
fn the_plot_fits_60_columns_in_japanese() {
    let args = [
        "--lang",
        "ja",
        "lab",
        "congestion",
        "--seconds",
        SECONDS,
        "--loss",
        LOSS,
    ];
    let Some(output) = congestion(&args, 60, false) else {
        return;
    };
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    fits(&text, 60);
    assert_eq!(text.matches("輻輳ウィンドウ").count(), 2, "{text}");
    // Japanese lines break between any two characters: read the sentences as one text.
    let sentences: String = text.lines().map(str::trim).collect();
    assert!(sentences.contains("スロースタート"), "{text}");
    assert!(sentences.contains("バッファーブロート"), "{text}");
    assert!(sentences.contains("のこぎり歯"), "{text}");
}

#[test]
fn bad_values_are_one_line_errors_with_exit_2() {
    for (args, names) in [
        (&["lab", "congestion", "--rate", "fast"][..], "fast"),
        (&["lab", "congestion", "--loss", "20%"][..], "20%"),
        (&["lab", "congestion", "--seconds", "5m"][..], "--seconds"),
        (&["lab", "congestion", "--queue", "100"][..], "--queue"),
        (
            &["--json", "lab", "congestion", "--svg", "-"][..],
            "--svg -",
        ),
    ] {
        let output = crate::common::netlearn()
            .args(args)
            .output()
            .expect("run netlearn");
        assert_eq!(output.status.code(), Some(2), "{args:?}: {output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.trim().lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains(names), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn svg_to_standard_output_replaces_the_text() {
    let args = ["lab", "congestion", "--seconds", "0.3", "--svg", "-"];
    let Some(output) = congestion(&args, 80, false) else {
        return;
    };
    let svg = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(200)]);
    assert!(
        !svg.contains("that is slow start"),
        "no text around the SVG"
    );
    resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("it parses");
    assert_eq!(
        svg.matches(r##"stroke="#0000FF" stroke-width="2""##)
            .count(),
        2
    );
}
