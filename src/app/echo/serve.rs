//! `netlearn echo serve`: bind, print the listening line, stream events until a signal.

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context;
use tokio_util::sync::CancellationToken;

use crate::app::echo::events::{EventRecord, SummaryRecord};
use crate::app::echo::words;
use crate::app::hints;
use crate::cli::ServeArgs;
use crate::error::Error;
use crate::net::drops::DropCount;
use crate::net::echo::endpoint::Endpoint;
use crate::net::echo::event::{Event, Events, Proto, Role, Warning};
use crate::net::echo::framing::Framing;
use crate::net::echo::server::{ServerConfig, bind_tcp, serve_stream, serve_tcp};
use crate::net::echo::udp::{bind_udp, serve_udp};
use crate::net::echo::unix::{Found, SocketFile, UnixBindError, bind_unix, bind_unix_dgram};
use crate::net::echo::unix_dgram::serve_unix_dgram;
use crate::net::sockets::Transport;
use crate::output::Format;
use crate::output::server_log::ServerLog;
use crate::output::sink::{ErrStream, Sink};

pub fn run(args: &ServeArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let err = sink.err();
    let (format, out) = sink.parts();
    if let Framing::Fixed(size) = args.framing
        && size > args.max_frame
    {
        return Err(Error::Usage(crate::tr!(
            "echo-fixed-over-max-frame",
            size = size.to_string(),
            max = args.max_frame.to_string()
        ))
        .into());
    }
    crate::app::process::raise_fd_limit();
    let runtime =
        crate::app::process::runtime().with_context(|| crate::tr!("process-no-runtime"))?;
    runtime.block_on(serve(args, format, out, err))
}

fn config(args: &ServeArgs) -> ServerConfig {
    ServerConfig {
        framing: args.framing,
        max_conns: usize::try_from(args.max_conns).unwrap_or(usize::MAX),
        max_frame: args.max_frame,
        idle_timeout: (!args.idle_timeout.is_zero()).then_some(args.idle_timeout),
        grace: args.grace,
        udp_rate: args.udp_rate,
        show_messages: !args.quiet,
        splice: args.splice,
    }
}

/// A failed bind as one line: "address in use" names who holds the port (or the TIME_WAIT
/// left behind) and what to do; other causes are said once.
pub fn bind_error(error: std::io::Error, transport: Transport, addr: SocketAddr) -> anyhow::Error {
    if error.kind() == std::io::ErrorKind::AddrInUse {
        return Error::Runtime(hints::address_in_use(transport, addr)).into();
    }
    let (addr, error) = (addr.to_string(), crate::app::text::system_error(&error));
    Error::Runtime(match transport {
        Transport::Tcp => crate::tr!("echo-cannot-listen", addr = addr, error = error),
        Transport::Udp => crate::tr!("echo-cannot-bind", addr = addr, error = error),
    })
    .into()
}

/// A socket file that cannot be bound, in one line with the way out.
pub fn unix_bind_error(error: UnixBindError) -> anyhow::Error {
    Error::Runtime(words::unix_bind_error(crate::i18n::language(), &error)).into()
}

/// How often lines dropped from a busy log are reported when no other line comes.
const DROPPED_REPORT_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

async fn serve(
    args: &ServeArgs,
    format: Format,
    out: &mut (dyn Write + Send),
    err: ErrStream,
) -> anyhow::Result<ExitCode> {
    let requested = SocketAddr::new(args.bind, args.port);
    let dropped = DropCount::default();
    let (events, mut received) = Events::lossy_channel(Role::Server, args.trace, dropped.clone());
    let shutdown = CancellationToken::new();
    let proto = match (&args.unix, args.udp) {
        (None, false) => Proto::Tcp,
        (None, true) => Proto::Udp,
        (Some(_), false) => Proto::Unix,
        (Some(_), true) => Proto::UnixDgram,
    };
    // Held until the server ends: dropping it removes the socket file.
    let mut socket_file: Option<SocketFile> = None;
    let mut replaced_stale = false;

    let (server, local, setup) = match (proto, &args.unix) {
        (Proto::Unix | Proto::UnixDgram, Some(path)) => {
            let config = config(args);
            let stop = shutdown.clone();
            let bound = if proto == Proto::Unix {
                bind_unix(path, args.backlog, args.mode)
                    .map_err(unix_bind_error)?
                    .map(|socket| tokio::spawn(serve_stream(socket, config, events, stop)))
            } else {
                bind_unix_dgram(path, args.mode)
                    .map_err(unix_bind_error)?
                    .map(|socket| tokio::spawn(serve_unix_dgram(socket, config, events, stop)))
            };
            replaced_stale = bound.found == Found::StaleSocket;
            socket_file = Some(bound.file);
            (bound.socket, Endpoint::Path(path.clone()), bound.calls)
        }
        (Proto::Udp, _) => {
            let (socket, setup) = bind_udp(requested)
                .map_err(|error| bind_error(error, Transport::Udp, requested))?;
            let local = socket.local_addr()?;
            let task = tokio::spawn(serve_udp(socket, config(args), events, shutdown.clone()));
            (task, local.into(), setup)
        }
        _ => {
            let (listener, setup) = bind_tcp(requested, args.backlog)
                .map_err(|error| bind_error(error, Transport::Tcp, requested))?;
            let local = listener.local_addr()?;
            let task = tokio::spawn(serve_tcp(listener, config(args), events, shutdown.clone()));
            (task, local.into(), setup)
        }
    };
    let mode = socket_file
        .as_ref()
        .and_then(|file| file.mode().ok())
        .map(|mode| format!("{mode:04o}"));
    crate::app::process::watch_signals(shutdown.clone());
    crate::app::process::exit_after_grace(shutdown.clone(), args.grace);

    // Everything below goes through the log: a reader that is slow, paused or gone costs
    // log lines (counted), never the server.
    let mut log = ServerLog::new(out, err, format, dropped);
    let listening = Event::Listening {
        addr: local,
        proto,
        framing: args.framing,
        mode,
        replaced_stale,
    };
    log.record(&EventRecord(&listening));
    if args.unix.is_none() && !args.bind.is_loopback() {
        let warning = Event::Warning(Warning::NotLoopback { addr: args.bind });
        log.record(&EventRecord(&warning));
    }
    if args.trace {
        for call in setup {
            log.record(&EventRecord(&Event::trace(Role::Server, None, call)));
        }
    }
    let mut report_dropped = tokio::time::interval(DROPPED_REPORT_EVERY);
    report_dropped.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            event = received.recv() => match event {
                Some(event) => log.record(&EventRecord(&event)),
                None => break,
            },
            _ = report_dropped.tick() => log.flush_dropped(),
        }
    }
    let summary = server
        .await
        .with_context(|| crate::tr!("echo-server-stopped"))?;
    drop(socket_file);
    log.record(&SummaryRecord::of(&summary));
    Ok(ExitCode::SUCCESS)
}
