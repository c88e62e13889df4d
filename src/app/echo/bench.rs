//! `netlearn echo bench`: run the load generator and report what it measured.

use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use anyhow::Context;

use crate::app::echo::words::{duration_in, framing_name};
use crate::app::text::{counted_in, system_error_in, t};
use crate::cli::BenchArgs;
use crate::error::Error;
use crate::i18n::Lang;
use crate::net::echo::bench::{
    self, BenchCall, BenchConfig, BenchError, BenchFailure, BenchMode, BenchResult, Budget,
    Progress,
};
use crate::net::echo::event::Proto;
use crate::output::sink::{ErrStream, Sink};
use crate::output::words::thousands;
use crate::output::{self, Render};

const DEFAULT_DURATION: Duration = Duration::from_secs(5);
const DEFAULT_SIZE: usize = 64;
const DEFAULT_THROUGHPUT_SIZE: usize = 64 * 1024;

pub fn run(args: &BenchArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let err = sink.err();
    let screen = sink.screen();
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
        return Err(Error::Usage(crate::tr!("echo-bench-unix-dgram")).into());
    }
    let lang = crate::i18n::language();
    if !config.proto.is_stream() && mode != BenchMode::Latency {
        return Err(Error::Usage(bench_error(lang, &BenchError::UdpNeedsLatency)).into());
    }
    if let Err(held) = bench::check_held_bytes(config.connections, config.size) {
        return Err(Error::Usage(crate::tr!(
            "echo-bench-over-memory",
            connections = thousands(args.connections),
            size = thousands(config.size as u64),
            held = crate::app::echo::events::human_bytes(held),
            max_mib = (bench::MAX_HELD_BYTES >> 20).to_string()
        ))
        .into());
    }
    // Validate the message before any connection is made: bad input is a usage error.
    bench::bench_message(config.framing, config.size, 0)
        .map_err(|error| Error::Usage(bench_error(lang, &error)))?;

    crate::app::process::raise_fd_limit();
    let runtime =
        crate::app::process::runtime().with_context(|| crate::tr!("process-no-runtime"))?;
    let progress = Arc::new(Progress::default());
    let result = runtime
        .block_on(async {
            let ticker = screen
                .progress
                .then(|| tokio::spawn(draw_progress(Arc::clone(&progress), err.clone())));
            let result = bench::run(config, Arc::clone(&progress)).await;
            if let Some(ticker) = ticker {
                ticker.abort();
                err.write_text("\r\x1b[2K");
            }
            result
        })
        .map_err(|error| match error {
            BenchError::NoConnection { .. } => Error::Runtime(bench_error(lang, &error)),
            _ => Error::Usage(bench_error(lang, &error)),
        })?;
    output::emit(&BenchReport::new(&result, lang), format, out)?;
    Ok(sink.verdict(result.clean()))
}

async fn draw_progress(progress: Arc<Progress>, err: ErrStream) {
    let started = Instant::now();
    let mut tick = tokio::time::interval(Duration::from_millis(250));
    loop {
        tick.tick().await;
        let line = crate::tr!(
            "echo-bench-progress",
            seconds = format!("{:>5.1}", started.elapsed().as_secs_f64()),
            connected = thousands(progress.connected.load(Ordering::Relaxed)),
            messages = thousands(progress.messages.load(Ordering::Relaxed)),
            mb = format!("{:.1}", progress.bytes.load(Ordering::Relaxed) as f64 / 1e6),
            errors = thousands(progress.errors.load(Ordering::Relaxed))
        );
        err.write_text(&format!("\r\x1b[2K  {line}"));
    }
}

/// Why a benchmark could not run, in `lang`.
pub fn bench_error(lang: Lang, error: &BenchError) -> String {
    match error {
        BenchError::Message {
            size,
            framing,
            error,
        } => t!(
            lang,
            "echo-bench-message",
            size = size.to_string(),
            framing = framing.to_string(),
            error = crate::app::echo::words::encode_error(lang, error)
        ),
        BenchError::UdpNeedsLatency => t!(lang, "echo-bench-udp-needs-latency"),
        BenchError::NoConnection { peer, first_error } => t!(
            lang,
            "echo-bench-no-connection",
            peer = peer.to_string(),
            first_error = match first_error {
                Some(failure) => bench_failure(lang, failure),
                None => t!(lang, "echo-bench-no-attempt"),
            }
        ),
    }
}

/// What went wrong for one connection or socket of a run, in `lang` (also the JSON
/// `first_error`).
pub fn bench_failure(lang: Lang, failure: &BenchFailure) -> String {
    match failure {
        BenchFailure::NotInet { peer } => {
            t!(lang, "echo-bench-not-inet", peer = peer.to_string())
        }
        BenchFailure::UdpSocket { peer, error } => t!(
            lang,
            "echo-bench-udp-socket",
            peer = peer.to_string(),
            error = system_error_in(lang, error)
        ),
        BenchFailure::Connect { peer, error } => t!(
            lang,
            "echo-bench-connect",
            peer = peer.to_string(),
            error = system_error_in(lang, error)
        ),
        BenchFailure::Call { call, error } => {
            let id = match call {
                BenchCall::Send => "echo-bench-send",
                BenchCall::Sendto => "echo-bench-sendto",
                BenchCall::Recv => "echo-bench-recv",
                BenchCall::Exchange => "echo-bench-exchange",
                BenchCall::ConnectExchange => "echo-bench-connect-exchange",
            };
            t!(lang, id, error = system_error_in(lang, error))
        }
        BenchFailure::NoEcho { waited } => {
            t!(
                lang,
                "echo-bench-no-echo",
                waited = duration_in(lang, *waited)
            )
        }
        BenchFailure::StoppedReading { waited } => t!(
            lang,
            "echo-bench-stopped-reading",
            waited = duration_in(lang, *waited)
        ),
        BenchFailure::ClosedEarly { echoed } => {
            t!(
                lang,
                "echo-bench-closed-early",
                bytes = counted_in(lang, "count-bytes", *echoed)
            )
        }
        BenchFailure::Unframeable => t!(lang, "echo-bench-unframeable"),
        BenchFailure::Task { error } if error.is_panic() => t!(lang, "echo-bench-task-panicked"),
        BenchFailure::Task { .. } => t!(lang, "echo-bench-task-cancelled"),
    }
}

/// The run's result as the report shows it: the JSON is the result's serde form with the
/// first failure worded (the key last, as it always was).
#[derive(serde::Serialize)]
struct BenchReport<'a> {
    #[serde(flatten)]
    result: &'a BenchResult,
    first_error: Option<String>,
    #[serde(skip)]
    lang: Lang,
}

impl<'a> BenchReport<'a> {
    fn new(result: &'a BenchResult, lang: Lang) -> BenchReport<'a> {
        BenchReport {
            result,
            lang,
            first_error: result
                .first_error
                .as_ref()
                .map(|failure| bench_failure(lang, failure)),
        }
    }
}

impl Render for BenchReport<'_> {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        output::write_table(&output::key_value_table(report_rows(self, self.lang)), out)
    }
}

/// `value` with `places` decimals and its whole part's thousands separated: `57,016.3`.
pub fn decimal(value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    match text.split_once('.') {
        Some((whole, fraction)) => match whole.parse::<u64>() {
            Ok(whole) => format!("{}.{fraction}", thousands(whole)),
            Err(_) => text,
        },
        None => text.parse::<u64>().map(thousands).unwrap_or(text),
    }
}

/// The report's rows in `lang`: a row name and its value.
fn report_rows(report: &BenchReport<'_>, lang: Lang) -> Vec<(String, String)> {
    let result = report.result;
    let row = |id: &str| t!(lang, id);
    let counted = |id: &str, n: u64| t!(lang, id, count = n, n = thousands(n));
    let mut rows = vec![
        (
            row("echo-bench-row-server"),
            t!(
                lang,
                "echo-bench-server",
                peer = result.peer.to_string(),
                proto = result.proto.to_string(),
                framing = framing_name(lang, &result.framing)
            ),
        ),
        (
            row("echo-bench-row-mode"),
            row(match result.mode {
                BenchMode::Throughput => "echo-bench-mode-throughput",
                BenchMode::Latency => "echo-bench-mode-latency",
                BenchMode::Connect => "echo-bench-mode-connect",
            }),
        ),
        (
            row("echo-bench-row-connections"),
            t!(
                lang,
                // --mode connect opens a new connection for every echo: `connected` counts
                // them all, `connections` is how many were open at once.
                if result.mode == BenchMode::Connect {
                    "echo-bench-connected-one-by-one"
                } else {
                    "echo-bench-connected"
                },
                connected = thousands(result.connected),
                connections = thousands(result.connections as u64)
            ),
        ),
        (
            row("echo-bench-row-message"),
            counted("echo-bench-payload", result.size as u64),
        ),
        (
            row("echo-bench-row-elapsed"),
            t!(
                lang,
                "echo-duration-s",
                seconds = format!("{:.2}", result.elapsed_s)
            ),
        ),
        (
            row("echo-bench-row-messages"),
            t!(
                lang,
                "echo-bench-messages",
                messages = thousands(result.messages),
                rate = thousands(result.msgs_per_s.round() as u64)
            ),
        ),
        (
            row("echo-bench-row-echoed"),
            format!(
                "{}\u{a0}MB ({}\u{a0}MB/s)",
                decimal(result.bytes_echoed as f64 / 1e6, 1),
                decimal(result.mb_per_s, 1)
            ),
        ),
    ];
    if result.mode == BenchMode::Connect {
        rows.push((
            row("echo-bench-row-connection-rate"),
            t!(
                lang,
                "echo-bench-connection-rate",
                rate = thousands(result.conns_per_s.round() as u64)
            ),
        ));
    }
    if let Some(latency) = &result.latency {
        let us = |value: f64| decimal(value, 1);
        rows.push((
            row("echo-bench-row-rtt"),
            t!(
                lang,
                "echo-bench-rtt",
                min = us(latency.min_us),
                p50 = us(latency.p50_us),
                p90 = us(latency.p90_us),
                p99 = us(latency.p99_us),
                max = us(latency.max_us)
            ),
        ));
    }
    if result.lost > 0 {
        rows.push((
            row("echo-bench-row-lost"),
            counted("echo-bench-lost", result.lost),
        ));
    }
    rows.push((row("echo-bench-row-errors"), thousands(result.errors)));
    rows.push((
        row("echo-bench-row-verified"),
        if result.mismatches == 0 {
            row("echo-bench-all-matched")
        } else {
            counted("echo-bench-mismatches", result.mismatches)
        },
    ));
    if let Some(error) = &report.first_error {
        rows.push((row("echo-bench-row-first-error"), error.clone()));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::echo::endpoint::Endpoint;
    use crate::net::echo::framing::{EncodeError, Framing};

    fn peer() -> Endpoint {
        Endpoint::Inet(([127, 0, 0, 1], 5008).into())
    }

    #[test]
    fn failures_are_worded_in_both_languages() {
        let refused = BenchFailure::Connect {
            peer: peer(),
            error: std::io::Error::from_raw_os_error(libc::ECONNREFUSED).into(),
        };
        assert_eq!(
            bench_failure(Lang::En, &refused),
            "connect to 127.0.0.1:5008: Connection refused (os error 111)"
        );
        assert_eq!(
            bench_failure(Lang::Ja, &refused),
            "127.0.0.1:5008 への connect に失敗しました: 接続を拒否されました (エラー番号 111)"
        );
        let waited = Duration::from_millis(500);
        assert_eq!(
            bench_failure(Lang::En, &BenchFailure::NoEcho { waited }),
            "no echo within 500\u{a0}ms"
        );
        assert_eq!(
            bench_failure(Lang::Ja, &BenchFailure::NoEcho { waited }),
            "500\u{a0}ms以内にエコーが返りませんでした"
        );
        let closed = BenchFailure::ClosedEarly { echoed: 4096 };
        assert_eq!(
            bench_failure(Lang::En, &closed),
            "server closed after echoing 4,096\u{a0}bytes"
        );
        assert!(bench_failure(Lang::Ja, &closed).contains("4,096\u{a0}バイトをエコーしたところで"));
        let recv = BenchFailure::Call {
            call: BenchCall::Recv,
            error: std::io::Error::from_raw_os_error(libc::ECONNRESET).into(),
        };
        assert_eq!(
            bench_failure(Lang::En, &recv),
            "recv: Connection reset by peer (os error 104)"
        );
        assert!(
            bench_failure(Lang::Ja, &recv).starts_with("recv に失敗しました: 相手が接続をリセット")
        );
        let exchange = BenchFailure::Call {
            call: BenchCall::ConnectExchange,
            error: std::io::Error::from_raw_os_error(libc::EPIPE).into(),
        };
        assert_eq!(
            bench_failure(Lang::En, &exchange),
            "connect/echo: Broken pipe (os error 32)"
        );
        let path = BenchFailure::NotInet {
            peer: Endpoint::Path("/tmp/echo.sock".into()),
        };
        assert_eq!(
            bench_failure(Lang::En, &path),
            "/tmp/echo.sock: not an IP address and port"
        );
        assert!(bench_failure(Lang::Ja, &path).contains("IP アドレスとポートではありません"));
    }

    #[test]
    fn errors_are_worded_in_both_languages_with_the_next_step() {
        let none = BenchError::NoConnection {
            peer: peer(),
            first_error: Some(BenchFailure::StoppedReading {
                waited: Duration::from_secs(5),
            }),
        };
        assert_eq!(
            bench_error(Lang::En, &none),
            "no connection to 127.0.0.1:5008 could be opened: server stopped reading for 5\u{a0}s"
        );
        let ja = bench_error(Lang::Ja, &none);
        assert!(
            crate::output::spaces::plain(&ja)
                .contains("127.0.0.1:5008 への接続を 1 つも開けませんでした"),
            "{ja}"
        );
        assert!(ja.contains("サーバーが動いているか"), "{ja}");
        let untried = BenchError::NoConnection {
            peer: peer(),
            first_error: None,
        };
        assert!(bench_error(Lang::En, &untried).ends_with(": no attempt made"));
        let message = BenchError::Message {
            size: 9,
            framing: Framing::Fixed(8),
            error: EncodeError::WrongFixedSize { len: 9, size: 8 },
        };
        assert_eq!(
            bench_error(Lang::En, &message),
            "cannot frame a 9-byte message as fixed:8: message is 9\u{a0}bytes but fixed framing \
             needs exactly 8"
        );
        assert!(bench_error(Lang::Ja, &message).contains("ちょうど 8\u{a0}バイト"));
        assert!(bench_error(Lang::Ja, &BenchError::UdpNeedsLatency).contains("--mode latency"));
    }

    #[test]
    fn decimals_separate_thousands() {
        assert_eq!(decimal(57016.34, 1), "57,016.3");
        assert_eq!(decimal(12.0, 1), "12.0");
        assert_eq!(decimal(1234.0, 0), "1,234");
    }

    #[test]
    fn the_json_keeps_first_error_last_and_worded() {
        let result = BenchResult {
            mode: BenchMode::Latency,
            proto: Proto::Tcp,
            peer: peer(),
            framing: Framing::Line,
            connections: 2,
            connected: 1,
            size: 64,
            elapsed_s: 1.0,
            messages: 10,
            bytes_echoed: 650,
            mb_per_s: 0.0,
            msgs_per_s: 10.0,
            conns_per_s: 0.0,
            latency: None,
            errors: 1,
            mismatches: 0,
            lost: 0,
            first_error: Some(BenchFailure::Connect {
                peer: peer(),
                error: std::io::Error::from_raw_os_error(libc::ECONNREFUSED).into(),
            }),
        };
        let json = serde_json::to_string(&BenchReport::new(&result, Lang::En)).unwrap();
        assert!(
            json.ends_with(
                r#""lost":0,"first_error":"connect to 127.0.0.1:5008: Connection refused (os error 111)"}"#
            ),
            "{json}"
        );
        let clean = BenchResult {
            first_error: None,
            ..result
        };
        let json = serde_json::to_string(&BenchReport::new(&clean, Lang::En)).unwrap();
        assert!(json.ends_with(r#""first_error":null}"#), "{json}");
    }
}
