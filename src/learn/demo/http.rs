//! `netlearn http demo`: a static server on 127.0.0.1 and one request to it, both shown.

use std::io::{self, Write};
use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use serde::Serialize;
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::app::http::get::tls_settings;
use crate::app::http::serve::{event_text, throwaway_tls};
use crate::app::http::view::ExchangeReport;
use crate::app::http::words::WordedPages;
use crate::app::wire::PacketView;
use crate::cli::HttpDemoArgs;
use crate::error::Error;
use crate::learn::demo::wire::{self, Watch};
use crate::net::drops::DropCount;
use crate::net::http::client::{self, FetchOptions};
use crate::net::http::server::{self, FileServer, ServerEvent};
use crate::net::http::target::Target;
use crate::output::sink::Sink;
use crate::output::{self, Render};
use crate::tr;

/// Longest the demo server is given to stop once told to.
const STOP_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

const PAGE: &str = "<!DOCTYPE html>\n<html><body><h1>Hello from netlearn</h1>\n<p>This page came over a socket on your own machine.</p></body></html>\n";

#[derive(Serialize)]
struct DemoReport {
    server: String,
    exchange: ExchangeReport,
    /// `--wire`: the exchange's packets, in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    packets: Option<Vec<PacketView>>,
    /// `--wire` where no packets could be captured: why.
    #[serde(skip_serializing_if = "Option::is_none")]
    wire_note: Option<String>,
    #[serde(serialize_with = "crate::app::http::json::event_list")]
    server_log: Vec<ServerEvent>,
}

impl Render for DemoReport {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let width = crate::output::width::terminal_width();
        let fit = |text: &str| crate::output::width::wrap_hanging(text, "    ", width);
        writeln!(
            out,
            "{}\n",
            fit(&tr!("demo-http-server", url = self.server.as_str()))
        )?;
        self.exchange.render(out)?;
        if let Some(note) = &self.wire_note {
            writeln!(out, "\n{}", fit(note))?;
        }
        if let Some(packets) = &self.packets {
            writeln!(out, "\n{}", fit(&wire::text::http_packets(packets.len())))?;
            let align = crate::app::wire::Align::over(packets);
            let layout = crate::app::wire::view::layout(align);
            for packet in packets {
                packet.render_with(out, width, layout)?;
            }
        }
        writeln!(out, "\n{}", tr!("demo-http-server-log"))?;
        for event in &self.server_log {
            // No signal stopped this server (nobody pressed Ctrl-C): the demo is over.
            let text = match event {
                ServerEvent::ShuttingDown { .. } => tr!("http-serve-demo-stopped"),
                event => event_text(event),
            };
            writeln!(out, "{}", fit(&text))?;
        }
        Ok(())
    }
}

pub fn run(args: &HttpDemoArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let (format, out) = sink.parts();
    if let Some(problem) = crate::learn::live::loopback_problem() {
        return Err(Error::Runtime(problem).into());
    }
    let site =
        crate::net::private_dir::PrivateDir::create(crate::net::private_dir::Kind::HttpDemo)?;
    std::fs::write(site.path().join("index.html"), PAGE)?;
    let root = site.path().canonicalize()?;
    let pcap = wire::PcapFile::create(args.pcap.as_deref())?;
    let (watch, wire_note) = match (args.wire || args.ladder).then(Watch::start) {
        Some(Ok(watch)) => (Some(watch), None),
        Some(Err(note)) => (None, Some(note)),
        None => (None, None),
    };
    let runtime =
        crate::app::process::runtime().with_context(|| crate::tr!("process-no-runtime"))?;
    let (mut report, port) = runtime.block_on(async {
        let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
            .await
            .with_context(|| crate::tr!("demo-http-cannot-listen"))?;
        let port = listener.local_addr()?.port();
        let (acceptor, ca_file) = if args.tls {
            let (acceptor, ca_file) = throwaway_tls(site.path())?;
            (Some(acceptor), Some(ca_file))
        } else {
            (None, None)
        };
        // https:// by name, so the certificate's DNS name is what gets checked.
        let url = if args.tls {
            format!("https://localhost:{port}/")
        } else {
            format!("http://127.0.0.1:{port}/")
        };
        let (events, mut received) = mpsc::channel(64);
        let shutdown = CancellationToken::new();
        let server = Arc::new(FileServer {
            root,
            tls: acceptor,
        });
        let sink = server::EventSink::new(events, DropCount::default());
        let mut task = tokio::spawn(server::serve_with(
            listener,
            server,
            server::Limits::default(),
            &WordedPages,
            sink,
            shutdown.clone(),
        ));
        let target = Target::parse(&url).map_err(|e| {
            Error::Runtime(crate::app::http::words::target_error(
                crate::i18n::language(),
                &e,
            ))
        })?;
        let tls = match &ca_file {
            Some(ca) => Some(tls_settings(Some(ca), false)?),
            None => None,
        };
        let options = FetchOptions {
            method: "GET".into(),
            headers: Vec::new(),
            half_close: args.half_close,
            timeout: std::time::Duration::from_secs(5),
            tls,
        };
        let fetched = client::fetch(&target, &options).await;
        shutdown.cancel();
        // The server finishes its connection within a grace period; the demo does not wait
        // longer than that for it.
        if tokio::time::timeout(STOP_GRACE, &mut task).await.is_err() {
            task.abort();
        }
        let mut server_log = Vec::new();
        while let Ok(event) = received.try_recv() {
            server_log.push(event);
        }
        let exchange = fetched.map_err(|e| Error::Runtime(crate::app::http::get::explain(&e)))?;
        let report = DemoReport {
            server: url,
            exchange: ExchangeReport::new(exchange, false),
            packets: None,
            wire_note,
            server_log,
        };
        anyhow::Ok((report, port))
    })?;
    if let Some(watch) = watch {
        // The server has stopped: every packet of the exchange was sent before this mark.
        let mark = watch.mark();
        let mut wire = watch.finish_over(&[port], Some(crate::net::sockets::Transport::Tcp), false);
        wire.name_ends(&[port]);
        if args.tls {
            wire.explain_encrypted();
        }
        if let Some(file) = pcap {
            wire.write_pcap(file)?;
        }
        if args.ladder && format == output::Format::Table {
            output::emit(&report, format, out)?;
            writeln!(out)?;
            crate::learn::demo::ladder::write(&[], &wire, &[port], out)?;
            return Ok(ExitCode::SUCCESS);
        }
        report.packets = Some(wire.into_packets(mark));
    }
    output::emit(&report, format, out)?;
    Ok(ExitCode::SUCCESS)
}
