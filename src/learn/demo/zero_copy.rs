//! `echo demo --zero-copy`: the same raw echo served twice on loopback, once with splice(2)
//! (the server's bytes stay in the kernel) and once with read() and write() (each byte copied
//! into the server's buffer and out again), one connection streaming through each for a
//! moment; then how many times faster the splice was.

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use serde::Serialize;

use crate::app::echo::bench::{bench_error, bench_failure, decimal};
use crate::app::echo::events::human_bytes;
use crate::app::text::t;
use crate::cli::DemoArgs;
use crate::error::Error;
use crate::i18n::Lang;
use crate::net::echo::bench::{
    self, BenchConfig, BenchError, BenchFailure, BenchMode, Budget, Progress,
};
use crate::net::echo::endpoint::Endpoint;
use crate::net::echo::event::{Events, Proto, Role};
use crate::net::echo::framing::Framing;
use crate::net::echo::server::{ServerConfig, bind_tcp, serve_tcp};
use crate::net::echo::splice::{PIPE_CAPACITY, Pipe};
use crate::output::{self, Format};
use crate::tr;

/// How long one connection streams through each server: long enough for a rate to show, short
/// enough that the glossary's demos (and their tests, run beside others) are not held up by two
/// cores kept busy.
pub const STREAM_FOR: Duration = Duration::from_millis(300);
/// Bytes the client writes at a time, as `echo bench --mode throughput` does.
const CHUNK: usize = 64 * 1024;

/// One server's run: how it echoes and what came back.
#[derive(Debug, Serialize)]
pub struct PathRun {
    /// Whether the server echoed with splice(2).
    pub splice: bool,
    pub mb_per_s: f64,
    /// Bytes the client got back, each checked.
    pub bytes_echoed: u64,
    /// What the server counted: equal to each other once the client is done.
    pub server_bytes_in: u64,
    pub server_bytes_out: u64,
}

/// Both runs and their ratio.
#[derive(Debug, Serialize)]
pub struct ZeroCopyRun {
    /// Whether this system can splice at all (Linux); elsewhere both runs copy.
    pub splice_available: bool,
    pub seconds: f64,
    pub spliced: PathRun,
    pub copied: PathRun,
    /// The splice run's MB/s over the copying run's.
    pub ratio: f64,
}

/// Why the demo stopped.
#[derive(Debug)]
pub enum ZeroCopyError {
    Bind(std::io::Error),
    Bench(BenchError),
    Failed(BenchFailure),
    /// An echo differed from what was sent.
    Mismatch,
}

fn error_text(lang: Lang, error: &ZeroCopyError) -> String {
    match error {
        ZeroCopyError::Bind(error) => {
            t!(lang, "echo-demo-error-bind", error = error.to_string())
        }
        ZeroCopyError::Bench(error) => bench_error(lang, error),
        ZeroCopyError::Failed(failure) => bench_failure(lang, failure),
        ZeroCopyError::Mismatch => t!(lang, "demo-zc-mismatch"),
    }
}

/// Serves the raw echo on 127.0.0.1, with splice or without, and streams through it.
async fn measure(splice: bool, timeout: Duration) -> Result<PathRun, ZeroCopyError> {
    let (listener, _setup) =
        bind_tcp(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), 128).map_err(ZeroCopyError::Bind)?;
    let addr = listener.local_addr().map_err(ZeroCopyError::Bind)?;
    let (events, mut log) = Events::channel(Role::Server, false);
    let drained = tokio::spawn(async move { while log.recv().await.is_some() {} });
    let shutdown = tokio_util::sync::CancellationToken::new();
    let config = ServerConfig {
        framing: Framing::Raw,
        show_messages: false,
        splice,
        ..ServerConfig::default()
    };
    let server = tokio::spawn(serve_tcp(listener, config, events, shutdown.clone()));
    let result = bench::run(
        BenchConfig {
            peer: Endpoint::Inet(addr),
            mode: BenchMode::Throughput,
            connections: 1,
            budget: Budget::Duration(STREAM_FOR),
            size: CHUNK,
            framing: Framing::Raw,
            timeout,
            proto: Proto::Tcp,
        },
        Arc::new(Progress::default()),
    )
    .await;
    shutdown.cancel();
    let summary = server.await;
    let _ = drained.await;
    let result = result.map_err(ZeroCopyError::Bench)?;
    if let Some(failure) = result.first_error {
        return Err(ZeroCopyError::Failed(failure));
    }
    if result.mismatches > 0 {
        return Err(ZeroCopyError::Mismatch);
    }
    let (server_bytes_in, server_bytes_out) = summary
        .map(|summary| (summary.bytes_in, summary.bytes_out))
        .unwrap_or_default();
    Ok(PathRun {
        splice,
        mb_per_s: result.mb_per_s,
        bytes_echoed: result.bytes_echoed,
        server_bytes_in,
        server_bytes_out,
    })
}

/// Both servers, one after the other.
pub async fn run(timeout: Duration) -> Result<ZeroCopyRun, ZeroCopyError> {
    let spliced = measure(true, timeout).await?;
    let copied = measure(false, timeout).await?;
    let ratio = if copied.mb_per_s > 0.0 {
        spliced.mb_per_s / copied.mb_per_s
    } else {
        0.0
    };
    Ok(ZeroCopyRun {
        splice_available: Pipe::new(PIPE_CAPACITY).is_ok(),
        seconds: STREAM_FOR.as_secs_f64(),
        spliced,
        copied,
        ratio,
    })
}

#[derive(Serialize)]
struct ResultRecord<'a> {
    event: &'static str,
    #[serde(flatten)]
    run: &'a ZeroCopyRun,
}

impl output::Render for ResultRecord<'_> {
    fn render(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let width = output::width::terminal_width();
        for line in result_lines(self.run) {
            writeln!(out, "{}", output::width::wrap_hanging(&line, "    ", width))?;
        }
        Ok(())
    }
}

fn rate(path: &PathRun) -> String {
    format!("{}\u{a0}MB/s", decimal(path.mb_per_s, 0))
}

/// The lines `echo demo --zero-copy` prints, in the chosen language.
pub fn result_lines(run: &ZeroCopyRun) -> Vec<String> {
    let mut lines = vec![tr!(
        "demo-zc-intro",
        seconds = crate::app::echo::words::duration_in(crate::i18n::language(), STREAM_FOR)
    )];
    if !run.splice_available {
        lines.push(tr!("demo-zc-no-splice"));
    }
    lines.push(tr!(
        "demo-zc-splice",
        rate = rate(&run.spliced),
        bytes = human_bytes(run.spliced.bytes_echoed)
    ));
    lines.push(tr!(
        "demo-zc-copy",
        rate = rate(&run.copied),
        bytes = human_bytes(run.copied.bytes_echoed)
    ));
    lines.push(tr!("demo-zc-result", ratio = decimal(run.ratio, 2)));
    lines
}

pub fn show(
    args: &DemoArgs,
    format: Format,
    out: &mut (dyn Write + Send),
) -> anyhow::Result<ExitCode> {
    if let Some(problem) = crate::learn::live::loopback_problem() {
        return Err(Error::Runtime(problem).into());
    }
    let runtime = crate::app::process::runtime().with_context(|| tr!("process-no-runtime"))?;
    let run = runtime
        .block_on(run(args.timeout))
        .map_err(|error| Error::Runtime(error_text(crate::i18n::language(), &error)))?;
    output::write_record(
        &ResultRecord {
            event: "result",
            run: &run,
        },
        format,
        out,
    )?;
    Ok(ExitCode::SUCCESS)
}
