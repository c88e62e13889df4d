//! `netlearn echo bench`: run the load generator and report what it measured.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use anyhow::Context;

use crate::cli::BenchArgs;
use crate::net::echo::bench::{self, BenchConfig, BenchMode, BenchResult, Budget, Progress};
use crate::net::echo::event::Proto;
use crate::output::sink::{ErrStream, Sink};
use crate::output::words::{count, thousands};
use crate::output::{self, Render};

const DEFAULT_DURATION: Duration = Duration::from_secs(5);
const DEFAULT_SIZE: usize = 64;
const DEFAULT_THROUGHPUT_SIZE: usize = 64 * 1024;

pub fn run(args: &BenchArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let err = sink.err();
    let (format, out) = sink.parts();
    let mode = BenchMode::from(args.mode);
    let size = args.size.unwrap_or(match mode {
        BenchMode::Throughput => DEFAULT_THROUGHPUT_SIZE,
        _ => DEFAULT_SIZE,
    });
    let budget = match (args.messages, args.duration) {
        (Some(messages), _) => Budget::Messages(messages),
        (None, Some(duration)) => Budget::Duration(duration),
        (None, None) => Budget::Duration(DEFAULT_DURATION),
    };
    let addr = args.addr.resolve().map_err(crate::error::Error::Usage)?;
    let (peer, proto) = args.target(addr);
    let config = BenchConfig {
        peer,
        mode,
        connections: usize::try_from(args.connections).unwrap_or(usize::MAX),
        budget,
        size,
        framing: args.framing,
        timeout: args.timeout,
        proto,
    };
    if config.proto == Proto::UnixDgram {
        return Err(crate::error::Error::Usage(
            "--unix with --udp: echo bench measures Unix stream sockets; drop --udp".to_string(),
        )
        .into());
    }
    if !config.proto.is_stream() && mode != BenchMode::Latency {
        return Err(crate::error::Error::Usage(crate::tr!("echo-bench-udp-needs-latency")).into());
    }
    // Validate the message before any connection is made: bad input is a usage error.
    bench::bench_message(config.framing, config.size, 0)
        .map_err(|error| crate::error::Error::Usage(error.to_string()))?;

    crate::app::process::raise_fd_limit();
    let runtime = crate::app::process::runtime().context("cannot start the async runtime")?;
    let progress = Arc::new(Progress::default());
    let result = runtime.block_on(async {
        let ticker = io::stderr()
            .is_terminal()
            .then(|| tokio::spawn(draw_progress(Arc::clone(&progress), err.clone())));
        let result = bench::run(config, Arc::clone(&progress)).await;
        if let Some(ticker) = ticker {
            ticker.abort();
            err.write_text("\r\x1b[2K");
        }
        result
    })?;
    output::emit(&BenchReport(&result), format, out)?;
    Ok(sink.verdict(result.clean()))
}

async fn draw_progress(progress: Arc<Progress>, err: ErrStream) {
    let started = Instant::now();
    let mut tick = tokio::time::interval(Duration::from_millis(250));
    loop {
        tick.tick().await;
        err.write_text(&format!(
            "\r\x1b[2K  {:>5.1} s  {} connected  {} messages  {:.1} MB  {} errors",
            started.elapsed().as_secs_f64(),
            progress.connected.load(Ordering::Relaxed),
            progress.messages.load(Ordering::Relaxed),
            progress.bytes.load(Ordering::Relaxed) as f64 / 1e6,
            progress.errors.load(Ordering::Relaxed),
        ));
    }
}

#[derive(serde::Serialize)]
#[serde(transparent)]
struct BenchReport<'a>(&'a BenchResult);

impl Render for BenchReport<'_> {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let result = self.0;
        let mut rows = vec![
            (
                "server",
                format!(
                    "{} ({}, {} framing)",
                    result.peer, result.proto, result.framing
                ),
            ),
            ("mode", result.mode.to_string()),
            (
                "connections",
                format!(
                    "{} of {} connected",
                    thousands(result.connected),
                    thousands(result.connections as u64)
                ),
            ),
            (
                "message",
                format!("{} payload", count(result.size as u64, "byte", "bytes")),
            ),
            ("elapsed", format!("{:.2} s", result.elapsed_s)),
            (
                "messages",
                format!(
                    "{} ({:.0} msgs/s)",
                    thousands(result.messages),
                    result.msgs_per_s
                ),
            ),
            (
                "echoed",
                format!(
                    "{:.1} MB ({:.1} MB/s)",
                    result.bytes_echoed as f64 / 1e6,
                    result.mb_per_s
                ),
            ),
        ];
        if result.mode == BenchMode::Connect {
            rows.push((
                "connection rate",
                format!("{:.0} conns/s", result.conns_per_s),
            ));
        }
        if let Some(latency) = &result.latency {
            rows.push((
                "rtt",
                format!(
                    "min {:.1} µs, p50 {:.1} µs, p90 {:.1} µs, p99 {:.1} µs, max {:.1} µs",
                    latency.min_us, latency.p50_us, latency.p90_us, latency.p99_us, latency.max_us
                ),
            ));
        }
        if result.lost > 0 {
            rows.push((
                "lost",
                format!(
                    "{} (no echo within the timeout)",
                    count(result.lost, "datagram", "datagrams")
                ),
            ));
        }
        rows.push(("errors", result.errors.to_string()));
        rows.push((
            "verified",
            if result.mismatches == 0 {
                "every echoed byte matched".to_string()
            } else {
                count(result.mismatches, "mismatch", "mismatches")
            },
        ));
        if let Some(error) = &result.first_error {
            rows.push(("first error", error.clone()));
        }
        output::write_table(&output::key_value_table(rows), out)
    }
}
