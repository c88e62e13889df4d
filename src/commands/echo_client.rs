//! `netlearn echo client`: interactive prompt, byte-exact pipe, or generated `--count` run.

use std::io::{self, IsTerminal, Write};
use std::pin::Pin;
use std::process::ExitCode;
use std::task::{Context as TaskContext, Poll};

use anyhow::Context;
use rustyline::error::ReadlineError;

use super::echo_events::write_event;
use crate::cli::ClientArgs;
use crate::error::Error;
use crate::net::echo::client::{self, ClientError, CountResult, Session};
use crate::net::echo::event::{Call, Event, Events, Proto, Role};
use crate::net::echo::framing::Framing;
use crate::output::{self, Format, Render};

/// Default payload for `--count` when `--size` is not given (and the framing is not fixed).
const DEFAULT_COUNT_SIZE: usize = 64;

pub fn run(
    args: &ClientArgs,
    format: Format,
    out: &mut (dyn Write + Send),
) -> anyhow::Result<ExitCode> {
    let proto = if args.udp { Proto::Udp } else { Proto::Tcp };
    if let Some(count) = args.count {
        return count_mode(args, proto, count, format, out);
    }
    if io::stdin().is_terminal() {
        return interactive(args, proto, format);
    }
    pipe(args, proto, format, out)
}

fn trace_calls(calls: Vec<Call>, format: Format) {
    let mut err = io::stderr();
    for call in calls {
        let _ = write_event(&Event::trace(Role::Client, None, call), format, &mut err);
    }
}

fn count_mode(
    args: &ClientArgs,
    proto: Proto,
    count: u64,
    format: Format,
    out: &mut (dyn Write + Send),
) -> anyhow::Result<ExitCode> {
    let size = match (args.framing, args.size) {
        (Framing::Fixed(n), Some(size)) if size != n => {
            return Err(Error::Usage(format!(
                "--size {size} does not fit --framing fixed:{n}: fixed framing sends exactly {n} bytes"
            ))
            .into());
        }
        (Framing::Fixed(n), _) => n,
        (_, Some(size)) => size,
        (_, None) => DEFAULT_COUNT_SIZE,
    };
    let mut session = Session::connect(args.addr, proto, args.framing, args.timeout)?;
    let result = client::send_generated(&mut session, proto, count, size);
    let mut calls = session.take_calls();
    calls.extend(session.close());
    if args.trace {
        trace_calls(calls, format);
    }
    output::emit(&CountReport(&result), format, out)?;
    Ok(if result.clean() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(crate::error::EXIT_RUNTIME)
    })
}

#[derive(serde::Serialize)]
#[serde(transparent)]
struct CountReport<'a>(&'a CountResult);

impl Render for CountReport<'_> {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let result = self.0;
        let mut rows = vec![
            (
                "server",
                format!("{} ({}, {})", result.peer, result.proto, result.framing),
            ),
            (
                "messages",
                format!(
                    "{} sent, {} echoed, {} mismatched",
                    result.sent, result.echoed, result.mismatches
                ),
            ),
            ("payload", format!("{} bytes each", result.size)),
        ];
        if let Some(latency) = &result.latency {
            rows.push((
                "rtt",
                format!(
                    "min {:.1} µs, p50 {:.1} µs, p99 {:.1} µs, max {:.1} µs",
                    latency.min_us, latency.p50_us, latency.p99_us, latency.max_us
                ),
            ));
        }
        rows.push((
            "result",
            match &result.error {
                Some(error) => format!("stopped: {error}"),
                None if result.clean() => "every echo matched".to_string(),
                None => "some echoes differed from what was sent".to_string(),
            },
        ));
        output::write_table(&output::key_value_table(rows), out)
    }
}

fn interactive(args: &ClientArgs, proto: Proto, format: Format) -> anyhow::Result<ExitCode> {
    let mut session = Session::connect(args.addr, proto, args.framing, args.timeout)?;
    let local = session.local_addr()?;
    println!(
        "connected to {} from {local} ({proto}, {} framing). Type a message; \"quit\" or Ctrl-D ends.",
        session.peer(),
        args.framing
    );
    if args.trace {
        trace_calls(session.take_calls(), format);
    }
    let mut editor = rustyline::DefaultEditor::new().context("cannot start the line editor")?;
    let mut status = ExitCode::SUCCESS;
    loop {
        let line = match editor.readline("> ") {
            Ok(line) => line,
            Err(ReadlineError::Eof | ReadlineError::Interrupted) => break,
            Err(error) => return Err(error).context("cannot read from the terminal"),
        };
        let _ = editor.add_history_entry(line.as_str());
        if line == "quit" {
            if matches!(args.framing, Framing::Line | Framing::Raw) && proto == Proto::Tcp {
                let closed = session.quit()?;
                if args.trace {
                    trace_calls(session.take_calls(), format);
                }
                println!(
                    "{}",
                    if closed {
                        "server closed the connection"
                    } else {
                        "server did not close the connection; closing ours"
                    }
                );
            }
            break;
        }
        let message = match args.framing {
            // Fixed framing: pad short input with spaces so it fills one frame.
            Framing::Fixed(size) if line.len() < size => format!("{line:<size$}"),
            _ => line,
        };
        let exchanged = session.exchange(message.as_bytes());
        if args.trace {
            trace_calls(session.take_calls(), format);
        }
        match exchanged {
            Ok(exchange) => println!(
                "echo: {}  ({:.1} µs{})",
                String::from_utf8_lossy(&exchange.echoed),
                exchange.rtt.as_secs_f64() * 1e6,
                if exchange.matches {
                    ""
                } else {
                    ", DIFFERS from what was sent"
                }
            ),
            Err(ClientError::Encode(error)) => eprintln!("netlearn: cannot send that: {error}"),
            // A lost datagram is normal for UDP and leaves no stream out of step: carry on.
            Err(error @ ClientError::Timeout { .. }) if proto == Proto::Udp => {
                eprintln!("netlearn: {error} (UDP does not retransmit; try again)")
            }
            Err(error) => {
                eprintln!("netlearn: error: {error}");
                status = ExitCode::from(crate::error::EXIT_RUNTIME);
                break;
            }
        }
    }
    let calls = session.close();
    if args.trace {
        trace_calls(calls, format);
    }
    Ok(status)
}

/// Lets the async pipe write into the command's synchronous output.
struct SyncWriter<'a>(&'a mut (dyn Write + Send));

impl tokio::io::AsyncWrite for SyncWriter<'_> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _: &mut TaskContext<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Poll::Ready(self.0.write(buf))
    }

    fn poll_flush(mut self: Pin<&mut Self>, _: &mut TaskContext<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(self.0.flush())
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, _: &mut TaskContext<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(self.0.flush())
    }
}

fn pipe(
    args: &ClientArgs,
    proto: Proto,
    format: Format,
    out: &mut (dyn Write + Send),
) -> anyhow::Result<ExitCode> {
    let runtime = super::runtime().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let (events, mut received) = Events::channel(Role::Client, args.trace);
        let printer = tokio::spawn(async move {
            let mut err = io::stderr();
            while let Some(event) = received.recv().await {
                let _ = write_event(&event, format, &mut err);
            }
        });
        let input = tokio::io::stdin();
        let output = SyncWriter(out);
        let piped = match proto {
            Proto::Tcp => {
                client::pipe_tcp(args.addr, args.framing, input, output, args.timeout, events).await
            }
            Proto::Udp => {
                client::pipe_udp(args.addr, args.framing, input, output, args.timeout, events).await
            }
        };
        let _ = printer.await;
        piped?;
        Ok(ExitCode::SUCCESS)
    })
}
