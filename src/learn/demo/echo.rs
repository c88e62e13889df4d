//! `netlearn echo demo`: runs the scripted exchange and prints both sides' log as it happens.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use serde::Serialize;

use crate::app::echo::events::human_bytes;
use crate::cli::DemoArgs;
use crate::error::Error;
use crate::learn::demo::echo_run::{DemoConfig, DemoError, DemoRun};
use crate::learn::demo::echo_script;
use crate::learn::demo::narrator::{NoteRecord, write_logged};
use crate::learn::demo::story::{Logged, Say};
use crate::learn::demo::wire::{self, Watch};
use crate::net::echo::event::{Call, Event, Proto, Role};
use crate::net::echo::framing::Framing;
use crate::output::sink::Sink;
use crate::output::{self, Format};

pub fn config(args: &DemoArgs) -> DemoConfig {
    let protos = if args.tcp_and_udp {
        vec![Proto::Tcp, Proto::Udp]
    } else if args.unix {
        vec![if args.udp {
            Proto::UnixDgram
        } else {
            Proto::Unix
        }]
    } else if args.udp {
        vec![Proto::Udp]
    } else {
        vec![Proto::Tcp]
    };
    let framings = if args.framing.is_empty() {
        vec![Framing::Line]
    } else {
        args.framing.clone()
    };
    DemoConfig {
        protos,
        framings,
        half_close: args.half_close,
        clients: usize::from(args.clients),
        message: args.message.as_bytes().to_vec(),
        timeout: args.timeout,
        reset: args.reset,
    }
}

#[derive(Serialize)]
struct ResultRecord<'a> {
    event: &'static str,
    #[serde(flatten)]
    run: &'a DemoRun,
}

impl crate::output::Render for ResultRecord<'_> {
    fn render(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let run = self.run;
        // A datagram keeps its own boundaries: no framing is what marks a message there.
        let line = if matches!(run.proto, Proto::Udp | Proto::UnixDgram) {
            crate::tr!(
                "echo-demo-result-datagram",
                proto = run.proto.to_string(),
                echoes = crate::app::text::counted("count-echoes", run.echoes_verified as u64),
                bytes_in = human_bytes(run.summary.bytes_in),
                bytes_out = human_bytes(run.summary.bytes_out),
                datagrams = crate::app::text::counted("count-datagrams", run.summary.datagrams)
            )
        } else {
            crate::tr!(
                "echo-demo-result",
                proto = run.proto.to_string(),
                framing =
                    crate::app::echo::words::framing_name(crate::i18n::language(), &run.framing),
                echoes = crate::app::text::counted("count-echoes", run.echoes_verified as u64),
                bytes_in = human_bytes(run.summary.bytes_in),
                bytes_out = human_bytes(run.summary.bytes_out),
                frames = crate::app::text::counted("count-frames", run.summary.frames)
            )
        };
        let fitted = output::width::wrap_hanging(&line, "    ", output::width::terminal_width());
        writeln!(out, "{fitted}\n")
    }
}

fn write_result(run: &DemoRun, format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    output::write_record(
        &ResultRecord {
            event: "result",
            run,
        },
        format,
        out,
    )
}

pub fn run(args: &DemoArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let (format, out) = sink.parts();
    if args.nonblocking {
        return crate::learn::demo::nonblocking_view::run(args, format, out);
    }
    if args.zero_copy {
        return crate::learn::demo::zero_copy::show(args, format, out);
    }
    let config = config(args);
    for &framing in &config.framings {
        crate::net::echo::framing::encode(framing, &config.message).map_err(|e| {
            Error::Usage(crate::tr!(
                "echo-demo-unframeable",
                framing = crate::app::echo::words::framing_name(crate::i18n::language(), &framing),
                message = format!("{:?}", args.message),
                error = crate::app::echo::words::encode_error(crate::i18n::language(), &e)
            ))
        })?;
    }
    if let Some(problem) = crate::learn::live::loopback_problem() {
        return Err(Error::Runtime(problem).into());
    }
    if args.wire || args.ladder {
        return run_wire(args, config, format, out);
    }
    let runtime =
        crate::app::process::runtime().with_context(|| crate::tr!("process-no-runtime"))?;
    runtime.block_on(async move {
        let (events, mut received) = Say::channel(|_| None);
        let (vanish, idle, keepalive) = (args.vanish, args.idle_timeout, args.keepalive);
        let task = tokio::spawn(async move {
            if vanish {
                let run = super::vanish::run(idle, keepalive, config.timeout, &events).await?;
                return Ok(vec![run]);
            }
            echo_script::run(&config, events).await
        });
        while let Some(logged) = received.recv().await {
            write_logged(&logged, format, out)?;
        }
        let runs = finished(task).await?;
        for run in &runs {
            write_result(run, format, out)?;
        }
        Ok(ExitCode::SUCCESS)
    })
}

async fn finished(
    task: tokio::task::JoinHandle<Result<Vec<DemoRun>, DemoError>>,
) -> anyhow::Result<Vec<DemoRun>> {
    Ok(task.await.unwrap_or(Err(DemoError::Stopped)).map_err(|e| {
        Error::Runtime(crate::learn::demo::echo_run::demo_error(
            crate::i18n::language(),
            &e,
        ))
    })?)
}

/// The ports an event names: the demo's packets are the ones to or from these.
fn event_port(event: &Event) -> Option<u16> {
    match event {
        Event::Listening { addr, .. }
        | Event::Trace {
            call: Call::Accept { peer: addr },
            ..
        } => addr.port(),
        Event::Trace {
            call:
                Call::Bind { addr }
                | Call::Connect { addr }
                | Call::Sendto { peer: addr, .. }
                | Call::Recvfrom { peer: addr, .. },
            ..
        } => Some(addr.port()),
        _ => None,
    }
    .filter(|&port| port != 0)
}

/// `--wire`: the demo runs on one thread with a capture barrier after each socket call (the
/// calling task waits until the capture has seen every packet sent so far), then each call is
/// shown with the packets that came before its barrier.
fn run_wire(
    args: &DemoArgs,
    config: DemoConfig,
    format: Format,
    out: &mut (dyn Write + Send),
) -> anyhow::Result<ExitCode> {
    let pcap = wire::PcapFile::create(args.pcap.as_deref())?;
    let watch = match Watch::start() {
        Ok(watch) => Some(Arc::new(watch)),
        Err(message) => {
            output::write_record(&NoteRecord::new(Role::Client, message), format, out)?;
            None
        }
    };
    let unread = config
        .framings
        .first()
        .and_then(|&framing| crate::net::echo::framing::encode(framing, &config.message).ok())
        .map_or(0, |wire| wire.len());
    // One thread: a task runs from its socket call to its event without another task acting
    // in between, so the barrier separates the packets of consecutive calls.
    let runtime = crate::app::process::current_thread_runtime()
        .with_context(|| crate::tr!("process-no-runtime"))?;
    let (log, runs) = runtime.block_on(async {
        let marker = watch.clone();
        // The mark is taken on the calling task, before it can cause more traffic.
        let (events, mut received) = Say::channel(move |event| match (&marker, event) {
            (Some(watch), Event::Trace { .. }) => Some(watch.mark()),
            _ => None,
        });
        let task = tokio::spawn(async move { echo_script::run(&config, events).await });
        let mut log = Vec::new();
        while let Some(logged) = received.recv().await {
            log.push(logged);
        }
        (log, finished(task).await)
    });
    let events = || {
        log.iter().filter_map(|logged| match logged {
            Logged::Event { event, .. } => Some(event),
            Logged::Step { .. } => None,
        })
    };
    let servers: Vec<u16> = events()
        .filter_map(|event| match event {
            Event::Trace {
                role: Role::Server,
                call: Call::Bind { addr },
                ..
            } => Some(addr.port()),
            _ => None,
        })
        .collect();
    let wire = watch.and_then(Arc::into_inner).map(|watch| {
        let ports: Vec<u16> = events().filter_map(event_port).collect();
        let transport = if args.udp {
            crate::net::sockets::Transport::Udp
        } else {
            crate::net::sockets::Transport::Tcp
        };
        let mut wire = watch.finish_over(&ports, Some(transport), args.link);
        wire.name_ends(&servers);
        if args.reset {
            wire.explain_resets(wire::text::Closer::Server, unread);
        }
        wire
    });
    if let (Some(wire), Some(file)) = (&wire, pcap) {
        wire.write_pcap(file)?;
    }
    if args.ladder && format == Format::Table {
        if let Some(wire) = &wire {
            crate::learn::demo::ladder::write(
                &crate::learn::demo::ladder::echo_calls(&log),
                wire,
                &servers,
                out,
            )?;
        }
        for run in &runs? {
            write_result(run, format, out)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut last_mark = None;
    for logged in &log {
        write_logged(logged, format, out)?;
        let (
            Some(wire),
            Logged::Event {
                event,
                mark: Some(mark),
            },
        ) = (&wire, logged)
        else {
            continue;
        };
        last_mark = Some(*mark);
        let packets = wire.before_mark(*mark);
        wire::emit(packets, format, out)?;
        if packets.is_empty()
            && matches!(
                event,
                Event::Trace {
                    call: Call::Accept { .. },
                    ..
                }
            )
        {
            let note = NoteRecord::new(Role::Server, wire::text::accept_sent_nothing());
            output::write_record(&note, format, out)?;
        }
    }
    if let (Some(wire), Some(last)) = (&wire, last_mark) {
        wire::emit(wire.after_mark(last), format, out)?;
    }
    if let Some(dropped) = wire.as_ref().map(|w| w.dropped).filter(|&d| d > 0) {
        let note = NoteRecord::new(Role::Client, wire::text::dropped(dropped));
        output::write_record(&note, format, out)?;
    }
    for run in &runs? {
        write_result(run, format, out)?;
    }
    Ok(ExitCode::SUCCESS)
}
