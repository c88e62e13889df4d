//! `netlearn http serve`: a static file server with a request log, until Ctrl-C.

use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use serde::Serialize;
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::cli::HttpServeArgs;
use crate::error::Error;
use crate::net::http::server::{self, FileServer, ServerEvent};
use crate::net::tls;
use crate::output::{self, Format};

/// Names the throwaway certificate is valid for: loopback only.
pub const LOOPBACK_NAMES: &[&str] = &["localhost", "127.0.0.1", "::1"];

/// A TLS acceptor with a fresh throwaway CA, and that CA's PEM file for clients.
pub fn throwaway_tls(ca_dir: &Path) -> anyhow::Result<(tokio_rustls::TlsAcceptor, PathBuf)> {
    let made = tls::throwaway_certificates("netlearn throwaway CA", LOOPBACK_NAMES)?;
    let ca_file = ca_dir.join("netlearn-ca.pem");
    std::fs::write(&ca_file, &made.ca_pem)
        .with_context(|| format!("cannot write {}", ca_file.display()))?;
    let config = tls::server_config(made.chain, made.key)?;
    Ok((tokio_rustls::TlsAcceptor::from(Arc::new(config)), ca_file))
}

/// The served directory, canonical, or a usage error naming it.
pub fn served_root(dir: &Path) -> Result<PathBuf, Error> {
    let root = dir
        .canonicalize()
        .map_err(|e| Error::Usage(format!("cannot serve {}: {e}", dir.display())))?;
    if !root.is_dir() {
        return Err(Error::Usage(format!(
            "cannot serve {}: not a directory",
            dir.display()
        )));
    }
    Ok(root)
}

#[derive(Serialize)]
struct Listening<'a> {
    event: &'static str,
    url: String,
    dir: &'a Path,
    #[serde(skip_serializing_if = "Option::is_none")]
    ca_file: Option<&'a Path>,
}

/// One log line per request.
pub fn event_text(event: &ServerEvent) -> String {
    match event {
        ServerEvent::Request(log) => {
            let reason = hyper::StatusCode::from_u16(log.status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("");
            let mut line = format!(
                "[conn {}] {} {} -> {} {reason}, {} B, {:.2} ms ({})",
                log.conn, log.method, log.path, log.status, log.bytes, log.ms, log.peer
            );
            if let Some(note) = &log.note {
                line.push_str(&format!(": {note}"));
            }
            line
        }
        ServerEvent::ConnectionError {
            conn,
            peer,
            message,
        } => format!("[conn {conn}] {peer}: {message}"),
    }
}

pub fn write_event(event: &ServerEvent, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table => writeln!(out, "{}", event_text(event))?,
        Format::Json => output::json_line(event, out)?,
    }
    out.flush()
}

pub fn run(
    args: &HttpServeArgs,
    format: Format,
    out: &mut (dyn Write + Send),
) -> anyhow::Result<ExitCode> {
    let root = served_root(&args.dir)?;
    let runtime = super::runtime().context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let addr = SocketAddr::new(args.bind, args.port);
        let listener = TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        let local = listener.local_addr()?;
        let ca_dir = tempfile::Builder::new().prefix("netlearn-http-").tempdir()?;
        let (tls, ca_file) = if args.tls {
            let (acceptor, ca_file) = throwaway_tls(ca_dir.path())?;
            (Some(acceptor), Some(ca_file))
        } else {
            (None, None)
        };
        let scheme = if args.tls { "https" } else { "http" };
        let host = match local {
            SocketAddr::V6(v6) => format!("[{}]", v6.ip()),
            SocketAddr::V4(v4) => v4.ip().to_string(),
        };
        let listening = Listening {
            event: "listening",
            url: format!("{scheme}://{host}:{}/", local.port()),
            dir: &root,
            ca_file: ca_file.as_deref(),
        };
        match format {
            Format::Table => {
                // The first line has the same shape as every netlearn server's.
                writeln!(out, "listening on {local} ({scheme}, serving {})", root.display())?;
                writeln!(out, "open {} in a browser, or: netlearn http get {}", listening.url, listening.url)?;
                if let Some(ca) = &ca_file {
                    writeln!(
                        out,
                        "certificate for {} from a throwaway CA; clients trust it with --ca-file {}",
                        LOOPBACK_NAMES.join(", "),
                        ca.display()
                    )?;
                }
                if !args.bind.is_loopback() {
                    writeln!(out, "warning: {} is not a loopback address: other machines can reach this server", args.bind)?;
                }
            }
            Format::Json => output::json_line(&listening, out)?,
        }
        out.flush()?;
        let (events, mut received) = mpsc::channel(1024);
        let shutdown = CancellationToken::new();
        super::watch_signals(shutdown.clone());
        let server = Arc::new(FileServer { root: root.clone(), tls });
        let task = tokio::spawn(server::serve(listener, server, events, shutdown));
        while let Some(event) = received.recv().await {
            write_event(&event, format, out)?;
        }
        task.await.context("the server task failed")?;
        drop(ca_dir);
        Ok(ExitCode::SUCCESS)
    })
}
