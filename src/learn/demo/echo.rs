//! `netlearn echo demo`: runs the scripted exchange and prints both sides' log as it happens.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;

use crate::app::echo::events::{human_bytes, write_event};
use crate::cli::DemoArgs;
use crate::error::Error;
use crate::learn::demo::echo_script::{self, DemoConfig, DemoRun};
use crate::net::echo::event::{Events, Proto, Role};
use crate::net::echo::framing::Framing;
use crate::output::sink::Sink;
use crate::output::words::count;
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
    }
}

#[derive(Serialize)]
struct ResultRecord<'a> {
    event: &'static str,
    #[serde(flatten)]
    run: &'a DemoRun,
}

fn write_result(run: &DemoRun, format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        Format::Table => {
            let line = format!(
                "result: {} with {} framing: {} verified; the server saw {} in, {} out, {}",
                run.proto,
                run.framing,
                count(run.echoes_verified as u64, "echo", "echoes"),
                human_bytes(run.summary.bytes_in),
                human_bytes(run.summary.bytes_out),
                count(run.summary.frames, "frame", "frames")
            );
            let fitted =
                output::width::wrap_hanging(&line, "    ", output::width::terminal_width());
            writeln!(out, "{fitted}\n")
        }
        Format::Json => output::json_line(
            &ResultRecord {
                event: "result",
                run,
            },
            out,
        ),
    }
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
                "{framing} framing cannot carry {:?}: {e}",
                args.message
            ))
        })?;
    }
    if let Some(problem) = crate::learn::live::loopback_problem() {
        return Err(Error::Runtime(problem).into());
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
            write_event(&event, format, out)?;
        }
        let runs = task
            .await
            .context("the demo stopped unexpectedly")?
            .map_err(|e| Error::Runtime(e.to_string()))?;
        for run in &runs {
            write_result(run, format, out)?;
        }
        Ok(ExitCode::SUCCESS)
    })
}
