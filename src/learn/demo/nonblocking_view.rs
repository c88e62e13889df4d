//! `echo demo --nonblocking` as printed: both clients' calls as they happen, then one result.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;

use crate::cli::DemoArgs;
use crate::error::Error;
use crate::learn::demo::echo_run::DemoError;
use crate::learn::demo::narrator::write_logged;
use crate::learn::demo::nonblocking::{self, NonblockingRun};
use crate::learn::demo::story::Say;
use crate::output::{self, Format};
use crate::tr;

#[derive(Serialize)]
struct ResultRecord<'a> {
    event: &'static str,
    #[serde(flatten)]
    run: &'a NonblockingRun,
}

impl output::Render for ResultRecord<'_> {
    fn render(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let text = result_text(self.run);
        let fitted = output::width::wrap_hanging(&text, "    ", output::width::terminal_width());
        writeln!(out, "{fitted}")
    }
}

fn result_text(run: &NonblockingRun) -> String {
    let connect = if run.connect_in_progress {
        tr!("demo-nb-result-connect")
    } else {
        String::new()
    };
    tr!(
        "demo-nb-result",
        connect = connect,
        us = format!("{:.0}", run.would_block_us),
        poll_ms = format!("{:.0}", run.poll_waited_ms),
        blocking_ms = format!("{:.0}", run.blocking_waited_ms),
        delay_ms = format!("{:.0}", run.delay_ms),
        echoes = crate::app::text::counted("count-echoes", run.echoes_verified as u64)
    )
}

pub fn run(
    args: &DemoArgs,
    format: Format,
    out: &mut (dyn Write + Send),
) -> anyhow::Result<ExitCode> {
    if let Some(problem) = crate::learn::live::loopback_problem() {
        return Err(Error::Runtime(problem).into());
    }
    let message = args.message.as_bytes().to_vec();
    let (delay, timeout) = (args.delay, args.timeout);
    if delay >= timeout {
        return Err(Error::Usage(tr!(
            "echo-demo-delay-not-shorter",
            delay = format!("{delay:?}"),
            timeout = format!("{timeout:?}")
        ))
        .into());
    }
    let runtime =
        crate::app::process::runtime().with_context(|| crate::tr!("process-no-runtime"))?;
    runtime.block_on(async move {
        let (events, mut received) = Say::channel(|_| None);
        let task =
            tokio::spawn(async move { nonblocking::run(message, delay, timeout, events).await });
        while let Some(logged) = received.recv().await {
            write_logged(&logged, format, out)?;
        }
        let run = task.await.unwrap_or(Err(DemoError::Stopped)).map_err(|e| {
            Error::Runtime(crate::learn::demo::echo_run::demo_error(
                crate::i18n::language(),
                &e,
            ))
        })?;
        output::write_record(
            &ResultRecord {
                event: "result",
                run: &run,
            },
            format,
            out,
        )?;
        Ok(ExitCode::SUCCESS)
    })
}
