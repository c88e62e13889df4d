//! `netlearn echo demo`: runs the scripted exchange and prints both sides' log as it happens.

use std::io::Write;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use serde::Serialize;

use crate::app::echo::events::{EventRecord, human_bytes};
use crate::cli::DemoArgs;
use crate::error::Error;
use crate::learn::demo::echo_run::{DemoConfig, DemoError, DemoRun};
use crate::learn::demo::echo_script;
use crate::learn::demo::wire::{self, Watch};
use crate::net::echo::event::{Call, Event, Events, Proto, Role};
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
        let line = crate::tr!(
            "echo-demo-result",
            proto = run.proto.to_string(),
            framing = run.framing.to_string(),
            echoes = crate::app::text::counted("count-echoes", run.echoes_verified as u64),
            bytes_in = human_bytes(run.summary.bytes_in),
            bytes_out = human_bytes(run.summary.bytes_out),
            frames = crate::app::text::counted("count-frames", run.summary.frames)
        );
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
    let config = config(args);
    for &framing in &config.framings {
        crate::net::echo::framing::encode(framing, &config.message).map_err(|e| {
            Error::Usage(format!(
                "{framing} framing cannot carry {:?}: {}",
                args.message,
                crate::app::echo::words::encode_error(crate::i18n::language(), &e)
            ))
        })?;
    }
    if let Some(problem) = crate::learn::live::loopback_problem() {
        return Err(Error::Runtime(problem).into());
    }
    if args.wire {
        return run_wire(args, config, format, out);
    }
    let runtime = crate::app::process::runtime().context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let (events, mut received) = Events::channel(Role::Server, true);
        let (vanish, idle, keepalive) = (args.vanish, args.idle_timeout, args.keepalive);
        let task = tokio::spawn(async move {
            if vanish {
                let run = super::vanish::run(idle, keepalive, config.timeout, &events).await?;
                return Ok(vec![run]);
            }
            echo_script::run(&config, events).await
        });
        while let Some(event) = received.recv().await {
            output::write_record(&EventRecord(&event), format, out)?;
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
    Ok(task
        .await
        .context("the demo stopped unexpectedly")?
        .map_err(|e| {
            Error::Runtime(crate::learn::demo::echo_run::demo_error(
                crate::i18n::language(),
                &e,
            ))
        })?)
}

/// Each event as it was emitted, with the capture mark taken after a socket call.
type Log = Arc<Mutex<Vec<(Event, Option<u64>)>>>;

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
            let note = Event::Note {
                role: Role::Client,
                message,
            };
            output::write_record(&EventRecord(&note), format, out)?;
            None
        }
    };
    let unread = config
        .framings
        .first()
        .and_then(|&framing| crate::net::echo::framing::encode(framing, &config.message).ok())
        .map_or(0, |wire| wire.len());
    let log: Log = Arc::default();
    // One thread: a task runs from its socket call to its event without another task acting
    // in between, so the barrier separates the packets of consecutive calls.
    let runtime =
        crate::app::process::current_thread_runtime().context("cannot start the async runtime")?;
    let runs = runtime.block_on(async {
        let (events, mut received) = Events::channel(Role::Server, true);
        let recorded = log.clone();
        let marker = watch.clone();
        let events = events.observed(move |event| {
            let Ok(mut log) = recorded.lock() else {
                return;
            };
            let mark = match (&marker, event) {
                (Some(watch), Event::Trace { .. }) => Some(watch.mark()),
                _ => None,
            };
            log.push((event.clone(), mark));
        });
        let task = tokio::spawn(async move { echo_script::run(&config, events).await });
        // The log keeps the events; the channel only has to be drained.
        while received.recv().await.is_some() {}
        finished(task).await
    });
    let wire = watch.and_then(Arc::into_inner).map(|watch| {
        let events = log.lock().map(|log| log.clone()).unwrap_or_default();
        let ports: Vec<u16> = events.iter().filter_map(|(e, _)| event_port(e)).collect();
        let servers: Vec<u16> = events
            .iter()
            .filter_map(|(event, _)| match event {
                Event::Trace {
                    role: Role::Server,
                    call: Call::Bind { addr },
                    ..
                } => Some(addr.port()),
                _ => None,
            })
            .collect();
        let mut wire = watch.finish(&ports, args.link);
        wire.name_ends(&servers);
        if args.reset {
            wire.explain_resets(wire::text::Closer::Server, unread);
        }
        wire
    });
    if let (Some(wire), Some(file)) = (&wire, pcap) {
        wire.write_pcap(file)?;
    }
    let events = log.lock().map(|log| log.clone()).unwrap_or_default();
    let mut last_mark = None;
    for (event, mark) in &events {
        output::write_record(&EventRecord(event), format, out)?;
        let (Some(wire), Some(mark)) = (&wire, mark) else {
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
            let note = Event::Note {
                role: Role::Server,
                message: wire::text::accept_sent_nothing(),
            };
            output::write_record(&EventRecord(&note), format, out)?;
        }
    }
    if let (Some(wire), Some(last)) = (&wire, last_mark) {
        wire::emit(wire.after_mark(last), format, out)?;
    }
    if let Some(dropped) = wire.as_ref().map(|w| w.dropped).filter(|&d| d > 0) {
        let note = Event::Note {
            role: Role::Client,
            message: wire::text::dropped(dropped),
        };
        output::write_record(&EventRecord(&note), format, out)?;
    }
    for run in &runs? {
        write_result(run, format, out)?;
    }
    Ok(ExitCode::SUCCESS)
}
