//! `netlearn echo client`: interactive prompt, byte-exact pipe, or generated `--count` run.

use std::io::{self, IsTerminal, Write};
use std::pin::Pin;
use std::process::ExitCode;
use std::task::{Context as TaskContext, Poll};

use anyhow::Context;
use rustyline::error::ReadlineError;

use crate::app::echo::events::EventRecord;
use crate::app::hints;
use crate::cli::ClientArgs;
use crate::error::Error;
use crate::net::echo::client::{self, ClientError, CountResult, QuitOutcome, Session};
use crate::net::echo::event::{Call, Event, Events, Proto, Role};
use crate::net::echo::framing::Framing;
use crate::net::sockets::Transport;
use crate::output::escape::bytes_terminal_safe;
use crate::output::sink::{ErrStream, Sink};
use crate::output::words::count;
use crate::output::{self, Format, Render, write_record};

/// Default payload for `--count` when `--size` is not given (and the framing is not fixed).
const DEFAULT_COUNT_SIZE: usize = 64;

pub fn run(args: &ClientArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let err = sink.err();
    let resolved = ClientArgs {
        addr: args.target.resolve().map_err(Error::Usage)?,
        ..args.clone()
    };
    let args = &resolved;
    let (format, out) = sink.parts();
    let (_, proto) = args.target();
    if let Some(count) = args.count {
        return count_mode(args, proto, count, format, out, &err);
    }
    if io::stdin().is_terminal() {
        return interactive(args, proto, format, out, &err);
    }
    pipe(args, proto, format, out, err)
}

/// An error as the reader should see it: a refused connection names the server to start,
/// and an answer that does not fit the framing suggests the framings differ.
fn describe(error: &ClientError, args: &ClientArgs, proto: Proto) -> String {
    if let Some(path) = &args.unix
        && (error.is_refused() || error.is_missing_file())
    {
        let path = path.display().to_string();
        let udp = if args.udp { " --udp" } else { "" };
        let what = if error.is_refused() {
            "the socket file is there but no server accepts on it (left by a server that ended \
             without removing it)"
        } else {
            "there is no socket file at that path"
        };
        return crate::output::escape::terminal_safe(&format!(
            "nothing listens on {path} ({proto}): {what}. Is the server running? Start one \
             with `netlearn echo serve --unix {path}{udp}` in another terminal, then try again"
        ))
        .into_owned();
    }
    if error.is_refused() {
        let (transport, server) = match proto {
            Proto::Udp | Proto::UnixDgram => (Transport::Udp, "netlearn echo serve --udp"),
            Proto::Tcp | Proto::Unix => (Transport::Tcp, "netlearn echo serve"),
        };
        return hints::connection_refused(transport, args.addr, Some(server));
    }
    if error.suggests_other_framing() {
        return format!("{error}: {}", framing_hint(args.framing));
    }
    error.to_string()
}

/// What to check when the echo does not fit this client's framing.
fn framing_hint(framing: Framing) -> String {
    crate::tr!("echo-framing-hint", framing = framing.to_string())
}

/// The error for the command's exit: one line, exit 1.
fn failed(error: ClientError, args: &ClientArgs, proto: Proto) -> anyhow::Error {
    match error {
        ClientError::Encode(_) => error.into(),
        _ => Error::Runtime(describe(&error, args, proto)).into(),
    }
}

fn trace_calls(calls: Vec<Call>, format: Format, err: &ErrStream) {
    let mut err = err.clone();
    for call in calls {
        let _ = write_record(
            &EventRecord(&Event::trace(Role::Client, None, call)),
            format,
            &mut err,
        );
    }
}

fn count_mode(
    args: &ClientArgs,
    proto: Proto,
    count: u64,
    format: Format,
    out: &mut (dyn Write + Send),
    err: &ErrStream,
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
    let mut session = Session::connect(args.target().0, proto, args.framing, args.timeout)
        .map_err(|error| failed(error, args, proto))?;
    let result = client::send_generated(&mut session, proto, count, size, |error| {
        describe(error, args, proto)
    });
    let mut calls = session.take_calls();
    calls.extend(session.close());
    if args.trace {
        trace_calls(calls, format, err);
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
                    output::words::thousands(result.sent),
                    output::words::thousands(result.echoed),
                    output::words::thousands(result.mismatches)
                ),
            ),
            (
                "payload",
                format!("{} each", count(result.size as u64, "byte", "bytes")),
            ),
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
                None => format!(
                    "some echoes differed from what was sent: {}",
                    framing_hint(result.framing)
                ),
            },
        ));
        output::write_table(&output::key_value_table(rows), out)
    }
}

fn interactive(
    args: &ClientArgs,
    proto: Proto,
    format: Format,
    out: &mut (dyn Write + Send),
    err: &ErrStream,
) -> anyhow::Result<ExitCode> {
    let mut session = Session::connect(args.target().0, proto, args.framing, args.timeout)
        .map_err(|error| failed(error, args, proto))?;
    let local = session.local_addr()?;
    let how = match args.framing {
        Framing::Raw => {
            "each line is sent as typed, without its newline, as the article's client does"
        }
        Framing::Line => "each line is sent with its newline",
        Framing::Length => "each line is sent after a 4-byte length",
        Framing::Fixed(_) => "each line is padded to one fixed frame",
    };
    writeln!(
        out,
        "connected to {} from {local} ({proto}, {} framing: {how}). Type a message; \"quit\" or Ctrl-D ends.",
        session.peer(),
        args.framing
    )?;
    if args.trace {
        trace_calls(session.take_calls(), format, err);
    }
    let mut editor = rustyline::DefaultEditor::new().context("cannot start the line editor")?;
    let watch = session
        .connection_handle()
        .map(|stream| CloseWatch::start(stream, editor.create_external_printer().ok()));
    let mut status = ExitCode::SUCCESS;
    loop {
        let line = match watch.as_ref() {
            Some(watch) => watch.while_waiting(|| editor.readline("> ")),
            None => Some(editor.readline("> ")),
        };
        if let Some(watch) = &watch
            && watch.server_gone()
        {
            if !watch.announced() {
                writeln!(out, "{SERVER_GONE}")?;
            }
            status = ExitCode::from(crate::error::EXIT_RUNTIME);
            break;
        }
        let line = match line {
            None => break,
            Some(Ok(line)) => line,
            Some(Err(ReadlineError::Eof | ReadlineError::Interrupted)) => break,
            Some(Err(error)) => return Err(error).context("cannot read from the terminal"),
        };
        let _ = editor.add_history_entry(line.as_str());
        if line == "quit" {
            let outcome = session.quit()?;
            if args.trace {
                trace_calls(session.take_calls(), format, err);
            }
            if let Some(said) = quit_text(outcome, args.framing) {
                writeln!(out, "{said}")?;
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
            trace_calls(session.take_calls(), format, err);
        }
        match exchanged {
            Ok(exchange) if exchange.matches => writeln!(
                out,
                "echo: {}  ({:.1} µs)",
                bytes_terminal_safe(&exchange.echoed),
                exchange.rtt.as_secs_f64() * 1e6,
            )?,
            Ok(exchange) => writeln!(
                out,
                "echo: {}  ({:.1} µs, DIFFERS from what was sent: {})",
                bytes_terminal_safe(&exchange.echoed),
                exchange.rtt.as_secs_f64() * 1e6,
                framing_hint(args.framing)
            )?,
            Err(ClientError::Encode(error)) => err.say(format_args!(
                "cannot send that: {}",
                super::words::encode_error(crate::i18n::language(), &error)
            )),
            // A lost datagram is normal for UDP and leaves no stream out of step: carry on.
            Err(error @ ClientError::Timeout { .. }) if !proto.is_stream() => err.say(
                format_args!("{error} (datagrams are not retransmitted; try again)"),
            ),
            Err(error) => {
                err.say(format_args!("error: {}", describe(&error, args, proto)));
                status = ExitCode::from(crate::error::EXIT_RUNTIME);
                break;
            }
        }
    }
    drop(watch);
    let calls = session.close();
    if args.trace {
        trace_calls(calls, format, err);
    }
    Ok(status)
}

/// What the client says after `quit`, if anything.
fn quit_text(outcome: QuitOutcome, framing: Framing) -> Option<String> {
    let text = match outcome {
        QuitOutcome::Closed => "server closed the connection".to_string(),
        QuitOutcome::EchoedQuitLine { closed } => format!(
            "the server sent \"quit\\n\" back instead of closing: it does not end on a quit line \
             (the article's server.py compares each recv() with \"quit\", and line framing adds \
             a newline to every message, which it also printed after each one). Sent a bare \
             \"quit\" as the article's client does: {}. With such a server use --framing raw, \
             which sends exactly what you type, one message per Enter",
            if closed {
                "the server closed the connection"
            } else {
                "the server still did not close; closing ours"
            }
        ),
        QuitOutcome::StillOpen => format!(
            "server did not close the connection within {} s of quit; closing ours (does it \
             end on \"quit\"? with {framing} framing the client sent {})",
            client::QUIT_WAIT.as_secs(),
            if framing == Framing::Line {
                "\"quit\\n\""
            } else {
                "\"quit\""
            }
        ),
        QuitOutcome::NotSpoken => return None,
    };
    Some(text)
}

/// Said when the server closed while the client waited for its user.
const SERVER_GONE: &str = "the server closed the connection (it was stopped, or ended the \
                           session); nothing more can be sent";

/// Watches the connection while the client waits for its user, so a server that closes is
/// noticed at once, not when the next line is typed.
struct CloseWatch {
    state: std::sync::Arc<WatchState>,
    thread: Option<std::thread::JoinHandle<()>>,
}

#[derive(Default)]
struct WatchState {
    waiting: std::sync::atomic::AtomicBool,
    gone: std::sync::atomic::AtomicBool,
    announced: std::sync::atomic::AtomicBool,
    stop: std::sync::atomic::AtomicBool,
}

/// How often the watcher checks that it should stop (each wait is this long at most).
const WATCH_TICK_MS: i64 = 200;

impl CloseWatch {
    fn start<P>(stream: client::SyncStream, printer: Option<P>) -> CloseWatch
    where
        P: rustyline::ExternalPrinter + Send + 'static,
    {
        use std::sync::atomic::Ordering::SeqCst;
        let state = std::sync::Arc::new(WatchState::default());
        let shared = std::sync::Arc::clone(&state);
        let thread = std::thread::spawn(move || {
            let mut printer = printer;
            let tick = rustix::event::Timespec {
                tv_sec: 0,
                tv_nsec: WATCH_TICK_MS * 1_000_000,
            };
            while !shared.stop.load(SeqCst) {
                // Only hang-ups wake this wait: data the main thread has yet to read does not.
                let mut fds = [rustix::event::PollFd::new(
                    &stream,
                    rustix::event::PollFlags::RDHUP,
                )];
                match rustix::event::poll(&mut fds, Some(&tick)) {
                    Ok(0) | Err(rustix::io::Errno::INTR) => continue,
                    Ok(_) => {}
                    Err(_) => break,
                }
                let seen = fds[0].revents();
                use rustix::event::PollFlags;
                if !seen.intersects(PollFlags::RDHUP | PollFlags::HUP | PollFlags::ERR) {
                    continue;
                }
                shared.gone.store(true, SeqCst);
                if shared.waiting.load(SeqCst)
                    && let Some(printer) = printer.as_mut()
                    && printer
                        .print(format!("{SERVER_GONE}: press Enter to leave"))
                        .is_ok()
                {
                    shared.announced.store(true, SeqCst);
                }
                break;
            }
        });
        CloseWatch {
            state,
            thread: Some(thread),
        }
    }

    /// Runs `wait` (the prompt) with the watcher allowed to speak; None when the server was
    /// already gone, so there is nothing to wait for.
    fn while_waiting<T>(&self, wait: impl FnOnce() -> T) -> Option<T> {
        use std::sync::atomic::Ordering::SeqCst;
        // Set before checking, while the watcher sets gone before checking waiting: one of the
        // two always sees the other, so a close is never left unsaid.
        self.state.waiting.store(true, SeqCst);
        let result = (!self.state.gone.load(SeqCst)).then(wait);
        self.state.waiting.store(false, SeqCst);
        result
    }

    fn server_gone(&self) -> bool {
        self.state.gone.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn announced(&self) -> bool {
        self.state
            .announced
            .load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl Drop for CloseWatch {
    fn drop(&mut self) {
        self.state
            .stop
            .store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
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
    mut err: ErrStream,
) -> anyhow::Result<ExitCode> {
    let runtime = crate::app::process::runtime().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let (events, mut received) = Events::channel(Role::Client, args.trace);
        let printer = tokio::spawn(async move {
            while let Some(event) = received.recv().await {
                let _ = write_record(&EventRecord(&event), format, &mut err);
            }
        });
        let input = tokio::io::stdin();
        let output = SyncWriter(out);
        let (peer, _) = args.target();
        let piped = match proto {
            Proto::Udp => {
                client::pipe_udp(args.addr, args.framing, input, output, args.timeout, events).await
            }
            Proto::UnixDgram => {
                client::pipe_unix_dgram(&peer, args.framing, input, output, args.timeout, events)
                    .await
            }
            Proto::Tcp | Proto::Unix => {
                client::pipe_stream(&peer, args.framing, input, output, args.timeout, events).await
            }
        };
        let _ = printer.await;
        piped.map_err(|error| failed(error, args, proto))?;
        Ok(ExitCode::SUCCESS)
    })
}
