//! `netlearn echo client`: interactive prompt, byte-exact pipe, or generated `--count` run.

use std::io::{self, Write};
use std::os::fd::OwnedFd;
use std::pin::Pin;
use std::process::ExitCode;
use std::task::{Context as TaskContext, Poll};

use anyhow::Context;
use rustyline::error::ReadlineError;

use crate::app::echo::events::EventRecord;
use crate::app::text::t;
use crate::cli::ClientArgs;
use crate::error::Error;
use crate::i18n::Lang;
use crate::net::echo::client::ClientError;
use crate::net::echo::endpoint::Endpoint;
use crate::net::echo::event::{Event, Events, Proto, Role};
use crate::net::echo::framing::Framing;
use crate::net::echo::pipe;
use crate::net::echo::session::{self, CountResult, Session, TracedCalls};
use crate::net::echo::stats::LatencyStats;
use crate::output::escape::bytes_terminal_safe;
use crate::output::sink::{ErrStream, Sink};
use crate::output::{self, Format, Render, write_record};

pub mod words;

use words::{Peer, describe, framing_hint};

/// Default payload for `--count` when `--size` is not given (and the framing is not fixed).
const DEFAULT_COUNT_SIZE: usize = 64;

pub fn run(args: &ClientArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let err = sink.err();
    // A name is looked up now, when the command runs, never while the line is parsed.
    let addr = args.target.resolve().map_err(Error::Usage)?;
    let (endpoint, proto) = args.target(addr);
    let server = Server {
        endpoint,
        addr,
        proto,
    };
    if let Some(count) = args.count {
        return count_mode(args, &server, count, sink);
    }
    if sink.screen().prompts {
        return interactive(args, &server, sink);
    }
    let (format, out) = sink.parts();
    piped(args, &server, format, out, err)
}

/// The server the client talks to, found when the command runs.
struct Server {
    /// The socket file or the resolved address.
    endpoint: Endpoint,
    /// The resolved address (what a failure names when there is no socket file).
    addr: std::net::SocketAddr,
    proto: Proto,
}

/// Where the client talks to, as its failures name it.
fn peer<'a>(args: &'a ClientArgs, server: &Server) -> Peer<'a> {
    Peer {
        unix: args.unix.as_deref(),
        addr: server.addr,
        proto: server.proto,
        framing: args.framing,
    }
}

/// The error for the command's exit: one line in the run's language, exit 1.
fn failed(error: &ClientError, args: &ClientArgs, server: &Server) -> anyhow::Error {
    Error::Runtime(describe(crate::i18n::language(), error, peer(args, server))).into()
}

fn trace_calls(calls: TracedCalls, format: Format, err: &ErrStream) {
    let mut err = err.clone();
    if calls.dropped > 0 {
        let _ = write_record(
            &EventRecord(&Event::CallsNotShown {
                calls: calls.dropped,
            }),
            format,
            &mut err,
        );
    }
    for call in calls.calls {
        let _ = write_record(
            &EventRecord(&Event::trace(Role::Client, None, call)),
            format,
            &mut err,
        );
    }
}

fn count_mode(
    args: &ClientArgs,
    server: &Server,
    count: u64,
    sink: &mut Sink,
) -> anyhow::Result<ExitCode> {
    let lang = crate::i18n::language();
    let size = match (args.framing, args.size) {
        (Framing::Fixed(n), Some(size)) if size != n => {
            return Err(Error::Usage(t!(
                lang,
                "echo-client-size-not-fixed",
                size = size,
                frame = n
            ))
            .into());
        }
        (Framing::Fixed(n), _) => n,
        (_, Some(size)) => size,
        (_, None) => DEFAULT_COUNT_SIZE,
    };
    let (runtime, mut session) = open_session(args, server, lang)?;
    let (format, err) = (sink.format(), sink.err());
    // Each exchange's calls are written (or dropped) as soon as it is over.
    let result = runtime.block_on(session::send_generated(
        &mut session,
        server.proto,
        count,
        size,
        |calls| {
            if args.trace {
                trace_calls(calls, format, &err);
            }
        },
    ));
    let mut calls = session.take_calls();
    calls.extend(runtime.block_on(session.close()));
    if args.trace {
        trace_calls(calls, format, &err);
    }
    let report = CountReport::new(lang, &result, peer(args, server));
    sink.report(&report)?;
    // The whole report was shown; a run that stopped early or saw a wrong echo says "no".
    Ok(sink.verdict(report.clean))
}

/// The `--count` report: the run's numbers, and why it stopped in the run's language (under
/// `--json` too: the `error` field has always held the sentence the table shows).
#[derive(serde::Serialize)]
struct CountReport<'a> {
    peer: &'a Endpoint,
    proto: Proto,
    framing: Framing,
    size: usize,
    sent: u64,
    echoed: u64,
    mismatches: u64,
    latency: &'a Option<LatencyStats>,
    error: Option<String>,
    #[serde(skip)]
    clean: bool,
    #[serde(skip)]
    lang: Lang,
}

impl<'a> CountReport<'a> {
    fn new(lang: Lang, result: &'a CountResult, peer: Peer<'_>) -> CountReport<'a> {
        CountReport {
            peer: &result.peer,
            proto: result.proto,
            framing: result.framing,
            size: result.size,
            sent: result.sent,
            echoed: result.echoed,
            mismatches: result.mismatches,
            latency: &result.latency,
            error: result
                .error
                .as_ref()
                .map(|error| describe(lang, error, peer)),
            clean: result.clean(),
            lang,
        }
    }
}

impl Render for CountReport<'_> {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let lang = self.lang;
        let row = |id: &str| t!(lang, id);
        let mut rows = vec![
            (
                row("echo-client-row-server"),
                t!(
                    lang,
                    "echo-client-server",
                    peer = self.peer.to_string(),
                    proto = self.proto.to_string(),
                    framing = self.framing.to_string()
                ),
            ),
            (
                row("echo-client-row-messages"),
                t!(
                    lang,
                    "echo-client-messages",
                    sent = output::words::thousands(self.sent),
                    echoed = output::words::thousands(self.echoed),
                    mismatched = output::words::thousands(self.mismatches)
                ),
            ),
            (
                row("echo-client-row-payload"),
                t!(
                    lang,
                    "echo-client-payload",
                    bytes = crate::app::text::counted("count-bytes", self.size as u64)
                ),
            ),
        ];
        if let Some(latency) = self.latency {
            let us = |value: f64| format!("{value:.1}");
            rows.push((
                row("echo-client-row-rtt"),
                t!(
                    lang,
                    "echo-client-rtt",
                    min = us(latency.min_us),
                    p50 = us(latency.p50_us),
                    p99 = us(latency.p99_us),
                    max = us(latency.max_us)
                ),
            ));
        }
        rows.push((
            row("echo-client-row-result"),
            match &self.error {
                Some(error) => t!(lang, "echo-client-stopped", error = error.as_str()),
                None if self.clean => t!(lang, "echo-client-all-matched"),
                None => t!(
                    lang,
                    "echo-client-some-differed",
                    hint = framing_hint(lang, self.framing)
                ),
            },
        ));
        output::write_table(&output::key_value_table(rows), out)
    }
}

/// A single-threaded runtime and the session connected on it (the prompt and `--count` drive
/// it one exchange at a time).
fn open_session(
    args: &ClientArgs,
    server: &Server,
    lang: crate::i18n::Lang,
) -> anyhow::Result<(tokio::runtime::Runtime, Session)> {
    let runtime = crate::app::process::current_thread_runtime()
        .with_context(|| t!(lang, "process-no-runtime"))?;
    let session = runtime
        .block_on(Session::connect(
            server.endpoint.clone(),
            server.proto,
            args.framing,
            args.timeout,
        ))
        .map_err(|error| failed(&error, args, server))?;
    Ok((runtime, session))
}

fn interactive(args: &ClientArgs, server: &Server, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let lang = crate::i18n::language();
    let err = sink.err();
    let (format, out) = sink.parts();
    let (runtime, mut session) = open_session(args, server, lang)?;
    let local = session.local_addr()?;
    writeln!(
        out,
        "{}",
        t!(
            lang,
            "echo-client-connected",
            peer = session.peer().to_string(),
            local = local.to_string(),
            proto = server.proto.to_string(),
            framing = args.framing.to_string(),
            how = words::how_lines_are_sent(lang, args.framing)
        )
    )?;
    if args.trace {
        trace_calls(session.take_calls(), format, &err);
    }
    let mut editor = rustyline::DefaultEditor::new().context(t!(lang, "echo-client-no-editor"))?;
    let watch = session.connection_handle().map(|stream| {
        CloseWatch::start(
            stream,
            editor.create_external_printer().ok(),
            words::server_gone_enter(lang),
        )
    });
    let mut view = PromptView {
        lang,
        format,
        out,
        err: &err,
        runtime: &runtime,
    };
    let ended = prompt(
        args,
        server.proto,
        &mut session,
        &mut editor,
        watch.as_ref(),
        &mut view,
    );
    drop(watch);
    let calls = runtime.block_on(session.close());
    if args.trace {
        trace_calls(calls, format, &err);
    }
    match ended? {
        Ended::User => Ok(sink.exit_code()),
        // The session ran to its end, and the end was the server's: the answer is "no".
        Ended::ServerGone => Ok(sink.verdict(false)),
        Ended::Failed(error) => Err(failed(&error, args, server)),
    }
}

/// How a session at the prompt ended.
enum Ended {
    /// The user typed quit or Ctrl-D.
    User,
    /// The server closed while the client waited for its user (said already).
    ServerGone,
    /// An exchange failed.
    Failed(ClientError),
}

/// Where the prompt writes, in which language, and the runtime its session's calls run on.
struct PromptView<'a> {
    lang: Lang,
    format: Format,
    out: &'a mut (dyn Write + Send),
    err: &'a ErrStream,
    runtime: &'a tokio::runtime::Runtime,
}

/// The prompt's loop: a line read, sent, its echo shown, until the user or the server ends it.
fn prompt(
    args: &ClientArgs,
    proto: Proto,
    session: &mut Session,
    editor: &mut rustyline::DefaultEditor,
    watch: Option<&CloseWatch>,
    view: &mut PromptView,
) -> anyhow::Result<Ended> {
    let (lang, format, err, runtime) = (view.lang, view.format, view.err, view.runtime);
    let out = &mut *view.out;
    loop {
        let line = match watch {
            Some(watch) => watch.while_waiting(|| editor.readline("> ")),
            None => Some(editor.readline("> ")),
        };
        if let Some(watch) = watch
            && watch.server_gone()
        {
            if !watch.announced() {
                writeln!(out, "{}", words::server_gone(lang))?;
            }
            return Ok(Ended::ServerGone);
        }
        let line = match line {
            None => return Ok(Ended::User),
            Some(Ok(line)) => line,
            Some(Err(ReadlineError::Eof | ReadlineError::Interrupted)) => return Ok(Ended::User),
            Some(Err(error)) => {
                return Err(error).context(t!(lang, "echo-client-no-terminal"));
            }
        };
        let _ = editor.add_history_entry(line.as_str());
        if line == "quit" {
            let outcome = match runtime.block_on(session.quit()) {
                Ok(outcome) => outcome,
                Err(error) => return Ok(Ended::Failed(error)),
            };
            if args.trace {
                trace_calls(session.take_calls(), format, err);
            }
            if let Some(said) = words::quit_text(lang, outcome, args.framing) {
                writeln!(out, "{said}")?;
            }
            return Ok(Ended::User);
        }
        let message = match args.framing {
            // Fixed framing: pad short input with spaces so it fills one frame.
            Framing::Fixed(size) if line.len() < size => format!("{line:<size$}"),
            _ => line,
        };
        let exchanged = runtime.block_on(session.exchange(message.as_bytes()));
        if args.trace {
            trace_calls(session.take_calls(), format, err);
        }
        match exchanged {
            Ok(exchange) => {
                let differs = (!exchange.matches).then_some(args.framing);
                let echoed = bytes_terminal_safe(&exchange.echoed);
                writeln!(
                    out,
                    "{}",
                    words::echo_line(lang, &echoed, exchange.rtt, differs)
                )?;
            }
            Err(ClientError::Encode(error)) => err.say(t!(
                lang,
                "echo-client-cannot-send",
                reason = super::words::encode_error(lang, &error)
            )),
            // A lost datagram is normal for UDP and leaves no stream out of step: carry on.
            Err(error @ ClientError::Timeout { .. }) if !proto.is_stream() => err.say(t!(
                lang,
                "echo-client-datagram-lost",
                error = words::client_error(lang, &error)
            )),
            Err(error) => return Ok(Ended::Failed(error)),
        }
    }
}

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
    /// `gone` is what the watcher prints when the server closes while the prompt waits;
    /// `stream` is a descriptor of the connection.
    fn start<P>(stream: OwnedFd, printer: Option<P>, gone: String) -> CloseWatch
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
                    && printer.print(gone.clone()).is_ok()
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

fn piped(
    args: &ClientArgs,
    server: &Server,
    format: Format,
    out: &mut (dyn Write + Send),
    mut err: ErrStream,
) -> anyhow::Result<ExitCode> {
    let lang = crate::i18n::language();
    let runtime = crate::app::process::runtime().with_context(|| t!(lang, "process-no-runtime"))?;
    runtime.block_on(async {
        let (events, mut received) = Events::channel(Role::Client, args.trace);
        let printer = tokio::spawn(async move {
            while let Some(event) = received.recv().await {
                let _ = write_record(&EventRecord(&event), format, &mut err);
            }
        });
        let input = tokio::io::stdin();
        let output = SyncWriter(out);
        let piped = pipe::run(
            &server.endpoint,
            server.proto,
            args.framing,
            input,
            output,
            args.timeout,
            events,
        )
        .await;
        let _ = printer.await;
        piped.map_err(|error| failed(&error, args, server))?;
        Ok(ExitCode::SUCCESS)
    })
}
