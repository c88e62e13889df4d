//! `netlearn http serve`: a static file server with a request log, until Ctrl-C or SIGTERM;
//! the server's limits come from the command line, its log never holds the server up.

use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;

use crate::app::tls_view::setup_error;

use super::json::EventJson;
use serde::Serialize;
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::cli::HttpServeArgs;
use crate::error::Error;
use crate::net::drops::DropCount;
use crate::net::http::server::{
    self, CutReason, EventSink, FileServer, Limits, ServeSummary, ServerEvent,
};
use crate::net::tls;
use crate::output::escape::terminal_safe;
use crate::output::server_log::ServerLog;
use crate::output::sink::{ErrStream, Sink};
use crate::output::{self, Format, Render};
use crate::tr;

/// Names the throwaway certificate is valid for: loopback only.
pub const LOOPBACK_NAMES: &[&str] = &["localhost", "127.0.0.1", "::1"];

/// A TLS acceptor with a fresh throwaway CA, and that CA's PEM file for clients.
pub fn throwaway_tls(ca_dir: &Path) -> anyhow::Result<(tokio_rustls::TlsAcceptor, PathBuf)> {
    let worded = |e| crate::error::Error::Runtime(setup_error(crate::i18n::language(), &e));
    let made =
        tls::throwaway_certificates("netlearn throwaway CA", LOOPBACK_NAMES).map_err(worded)?;
    let ca_file = ca_dir.join("netlearn-ca.pem");
    std::fs::write(&ca_file, &made.ca_pem).with_context(|| {
        tr!(
            "http-serve-cannot-write",
            file = ca_file.display().to_string()
        )
    })?;
    let config = tls::server_config(made.chain, made.key).map_err(worded)?;
    Ok((tokio_rustls::TlsAcceptor::from(Arc::new(config)), ca_file))
}

/// The served directory, canonical, or a usage error naming it.
pub fn served_root(dir: &Path) -> Result<PathBuf, Error> {
    let shown = || dir.display().to_string();
    let root = dir.canonicalize().map_err(|e| {
        Error::Usage(tr!(
            "http-serve-cannot-serve",
            dir = shown(),
            error = crate::app::text::system_error(&e)
        ))
    })?;
    if !root.is_dir() {
        return Err(Error::Usage(tr!(
            "http-serve-not-a-directory",
            dir = shown()
        )));
    }
    Ok(root)
}

#[derive(Serialize)]
struct Listening<'a> {
    event: &'static str,
    url: String,
    #[serde(skip)]
    local: SocketAddr,
    #[serde(skip)]
    scheme: &'static str,
    dir: &'a Path,
    #[serde(skip_serializing_if = "Option::is_none")]
    ca_file: Option<&'a Path>,
}

/// One log line per event; anything a client chose (the path, the method) is escaped, so no
/// control character or bidi override from the network reaches the terminal.
pub fn event_text(event: &ServerEvent) -> String {
    match event {
        ServerEvent::Request(log) => {
            let reason = hyper::StatusCode::from_u16(log.status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("");
            let line = tr!(
                "http-serve-request",
                conn = log.conn,
                method = terminal_safe(&log.method).into_owned(),
                path = terminal_safe(&log.path).into_owned(),
                status = log.status,
                reason = reason,
                bytes = log.bytes,
                ms = format!("{:.2}", log.ms),
                peer = log.peer.to_string()
            );
            match &log.note {
                Some(note) => {
                    let note = super::words::refusal(crate::i18n::language(), note);
                    tr!(
                        "http-serve-request-note",
                        line = line,
                        note = terminal_safe(&note).into_owned()
                    )
                }
                None => line,
            }
        }
        ServerEvent::ConnectionError {
            conn,
            peer,
            message,
        } => {
            let message = super::words::connection_failure(crate::i18n::language(), message);
            tr!(
                "http-serve-conn-error",
                conn = *conn,
                peer = peer.to_string(),
                message = terminal_safe(&message).into_owned()
            )
        }
        ServerEvent::ConnectionRefused { peer, max_conns } => {
            tr!(
                "http-serve-refused",
                peer = peer.to_string(),
                max = *max_conns
            )
        }
        ServerEvent::ConnectionCut {
            conn,
            peer,
            reason,
            seconds,
        } => tr!(
            match reason {
                CutReason::Idle => "http-serve-cut-idle",
                CutReason::Grace => "http-serve-cut-grace",
            },
            conn = *conn,
            peer = peer.to_string(),
            seconds = seconds_text(*seconds)
        ),
        ServerEvent::ShuttingDown {
            open,
            grace_seconds,
        } => tr!(
            "http-serve-shutting-down",
            open = *open,
            grace = seconds_text(*grace_seconds)
        ),
    }
}

/// A duration the server reports in seconds, with its unit: `5 s` (`5 秒` in Japanese).
fn seconds_text(seconds: f64) -> String {
    let duration = std::time::Duration::try_from_secs_f64(seconds).unwrap_or_default();
    crate::app::echo::words::duration_in(crate::i18n::language(), duration)
}

/// The last line: what the server did.
pub fn summary_text(summary: &ServeSummary, dropped: u64) -> String {
    let mut line = tr!(
        "http-serve-summary",
        requests = summary.requests,
        connections = summary.connections
    );
    for (count, id) in [
        (summary.refused, "http-serve-summary-refused"),
        (summary.cut_idle, "http-serve-summary-cut-idle"),
        (summary.cut_at_grace, "http-serve-summary-cut-at-grace"),
        (summary.errors, "http-serve-summary-errors"),
        (dropped, "http-serve-summary-dropped"),
    ] {
        if count > 0 {
            line.push_str(&tr!(id, count = count));
        }
    }
    line
}

/// The server's last record: `{"event": "summary", ..., "log_dropped": n}`, or the summary line.
#[derive(Serialize)]
struct SummaryRecord<'a> {
    event: &'static str,
    #[serde(flatten)]
    summary: &'a ServeSummary,
    log_dropped: u64,
}

impl Render for SummaryRecord<'_> {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", summary_text(self.summary, self.log_dropped))
    }
}

/// A request or a connection's fate reads as one line; its JSON is its serde form.
impl Render for ServerEvent {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", event_text(self))
    }
}

impl Render for Listening<'_> {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let said = tr!(
            "http-serve-listening",
            local = self.local.to_string(),
            scheme = self.scheme,
            dir = self.dir.display().to_string()
        );
        writeln!(out, "{said}")
    }
}

fn limits(args: &HttpServeArgs) -> Limits {
    Limits {
        max_conns: usize::try_from(args.max_conns).unwrap_or(usize::MAX),
        idle_timeout: args.idle_timeout,
        grace: args.grace,
    }
}

/// Events the printing loop may be behind by before the server drops and counts them.
const LOG_QUEUE: usize = 1024;

pub fn run(args: &HttpServeArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let err = sink.err();
    let (format, out) = sink.parts();
    let root = served_root(&args.dir)?;
    crate::app::process::raise_fd_limit();
    let runtime = crate::app::process::runtime().with_context(|| tr!("process-no-runtime"))?;
    let result = runtime.block_on(serve(args, root, format, out, err));
    // A file read handed to a blocking thread must not hold the exit.
    runtime.shutdown_timeout(Duration::from_millis(100));
    result
}

async fn serve(
    args: &HttpServeArgs,
    root: PathBuf,
    format: Format,
    out: &mut (dyn Write + Send),
    err: ErrStream,
) -> anyhow::Result<ExitCode> {
    let addr = SocketAddr::new(args.bind, args.port);
    let listener = TcpListener::bind(addr).await.map_err(|error| {
        crate::app::echo::serve::bind_error(error, crate::net::sockets::Transport::Tcp, addr)
    })?;
    let local = listener.local_addr()?;
    // Only TLS needs a directory (for the CA's file); removed when the server ends.
    let ca_dir = if args.tls {
        Some(crate::net::private_dir::PrivateDir::create(
            crate::net::private_dir::Kind::HttpCa,
        )?)
    } else {
        None
    };
    let (tls, ca_file) = match &ca_dir {
        Some(dir) => {
            let (acceptor, ca_file) = throwaway_tls(dir.path())?;
            (Some(acceptor), Some(ca_file))
        }
        None => (None, None),
    };
    let scheme = if args.tls { "https" } else { "http" };
    let host = match local {
        SocketAddr::V6(v6) => format!("[{}]", v6.ip()),
        SocketAddr::V4(v4) => v4.ip().to_string(),
    };
    let listening = Listening {
        event: "listening",
        url: format!("{scheme}://{host}:{}/", local.port()),
        local,
        scheme,
        dir: &root,
        ca_file: ca_file.as_deref(),
    };
    let limits = limits(args);
    // The listening line must get out (it names the address); after it, a reader that leaves
    // (`| head -1`) must not stop the server, so the rest goes through the server's log.
    output::write_record(&listening, format, out)?;
    let dropped = DropCount::default();
    let mut log = ServerLog::new(out, err, format, dropped.clone());
    if format == Format::Table {
        log.write(|out| {
            let url = listening.url.as_str();
            writeln!(out, "{}", tr!("http-serve-open", url = url))?;
            if let Some(ca) = &ca_file {
                let said = tr!(
                    "http-serve-certificate",
                    names = LOOPBACK_NAMES.join(", "),
                    ca = ca.display().to_string()
                );
                writeln!(out, "{said}")?;
            }
            if !args.bind.is_loopback() {
                let said = tr!("http-serve-not-loopback", addr = args.bind.to_string());
                writeln!(out, "{said}")?;
            }
            if let Some(limit) = descriptor_shortfall(limits.max_conns) {
                let said = tr!(
                    "http-serve-descriptors",
                    limit = limit,
                    max = limits.max_conns
                );
                writeln!(out, "{said}")?;
            }
            Ok(())
        });
    }
    let (events, mut received) = mpsc::channel(LOG_QUEUE);
    let shutdown = CancellationToken::new();
    crate::app::process::watch_signals(shutdown.clone());
    crate::app::process::exit_after_grace(shutdown.clone(), limits.grace);
    let server = Arc::new(FileServer {
        root: root.clone(),
        tls,
    });
    let sink = EventSink::new(events, dropped.clone());
    let mut task = tokio::spawn(server::serve_with(
        listener,
        server,
        limits,
        &super::words::WordedPages,
        sink,
        shutdown,
    ));
    // Writing blocks this thread when the reader is slow; the server runs on the runtime's
    // workers and drops log lines meanwhile instead of waiting.
    let summary = loop {
        tokio::select! {
            event = received.recv() => match event {
                Some(event) => log.record(&EventJson(&event)),
                None => break (&mut task).await,
            },
            summary = &mut task => break summary,
        }
    };
    let summary = summary.context(tr!("http-serve-task-failed"))?;
    // The server has returned; what it queued is bounded by the queue's size.
    while let Ok(event) = received.try_recv() {
        log.record(&EventJson(&event));
    }
    log.record(&SummaryRecord {
        event: "summary",
        summary: &summary,
        log_dropped: dropped.total(),
    });
    drop(ca_dir);
    Ok(ExitCode::SUCCESS)
}

/// The descriptor limit, when it is too low for `max_conns` downloads (a socket and a file
/// each, plus a few the process holds anyway).
fn descriptor_shortfall(max_conns: usize) -> Option<u64> {
    let (soft, _) = rlimit::getrlimit(rlimit::Resource::NOFILE).ok()?;
    let needed = (max_conns as u64).saturating_mul(2).saturating_add(32);
    (soft < needed).then_some(soft)
}
