//! netlearn: learn networking by doing. The library behind the `netlearn` binary.

pub mod app;
pub mod cli;
pub mod error;
pub mod i18n;
pub mod learn;
pub mod output;

/// The domain crate under the name the application's modules use for it.
pub use netlearn_core as net;

use std::process::ExitCode;

use output::sink::Sink;

use cli::{Cli, Command, EchoCommand, FtpCommand, HttpCommand, SocketCommand};

/// Whether `cli` runs a demo that captures its own packets, and so needs a private network
/// namespace entered before any thread starts (see `net::wire::private_net`).
pub fn needs_private_network(cli: &Cli) -> bool {
    match &cli.command {
        Command::Socket(socket) => {
            matches!(&socket.command, SocketCommand::Demo(args) if args.wire || args.ladder)
        }
        Command::Echo(echo) => {
            matches!(&echo.command, EchoCommand::Demo(args) if args.wire || args.ladder)
        }
        Command::Http(http) => {
            matches!(&http.command, HttpCommand::Demo(args) if args.wire || args.ladder)
        }
        // ls and get talk to a server out there: a private network would hide it, so their
        // --ladder captures only where this process may capture on lo itself.
        Command::Ftp(ftp) => matches!(&ftp.command, FtpCommand::Demo(args) if args.ladder),
        // Only where every demo of the term needs one itself (each parsed as the command it
        // is): the namespace has nothing but lo, so a demo that shows this machine's
        // interfaces would see none of them.
        Command::Explain(args) if !args.no_demo && !args.term.is_empty() => {
            match learn::glossary::lookup(&args.term.join(" ")) {
                learn::glossary::Lookup::Found(term) => term
                    .demo_commands()
                    .all(|demo| demo.is_some_and(|demo| needs_private_network(&demo))),
                _ => false,
            }
        }
        // A file is written: no namespace.
        Command::Lab(cli::LabArgs {
            command: Some(cli::LabCommand::Export(_)),
            ..
        }) => false,
        Command::Lab(_) => true,
        _ => false,
    }
}

/// Before any thread starts: `lab run`, `lab shell`, `lab ping`, `lab trace` and `lab check`
/// join a running `lab up` (or `lab exercise`) where there is one; commands that need a
/// private network enter one.
pub fn prepare_namespaces(cli: &Cli) {
    use cli::{LabArgs, LabCommand};
    if let Command::Lab(LabArgs {
        command:
            Some(
                LabCommand::Run(_)
                | LabCommand::Shell(_)
                | LabCommand::Ping(_)
                | LabCommand::Trace(_)
                | LabCommand::Check(_),
            ),
        ..
    }) = &cli.command
        && net::lab::attach::join_running()
    {
        return;
    }
    if needs_private_network(cli) {
        net::wire::private_net::prepare();
    }
}

/// Runs one parsed command line; everything it shows goes through `sink`. Exit codes: `Err` is
/// a command that could not produce its result (main prints one line, exit 1 or 2); a result
/// that was shown whole but says "no" is told to [`Sink::verdict`] (exit 1, as grep and diff
/// do).
pub fn run(cli: Cli, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let code = dispatch(&cli, sink)?;
    Ok(if sink.exit_code() == ExitCode::SUCCESS {
        code
    } else {
        sink.exit_code()
    })
}

fn dispatch(cli: &Cli, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    if let Some(lang) = cli.global.lang {
        i18n::set_language(lang);
    }
    // A demo run in-process (explain, tour) keeps the --wide of the command around it.
    if cli.global.wide {
        app::wire::view::set_wide(true);
    }
    match &cli.command {
        Command::Echo(echo) => match &echo.command {
            EchoCommand::Serve(args) => app::echo::serve::run(args, sink),
            EchoCommand::Client(args) => app::echo::client::run(args, sink),
            EchoCommand::Bench(args) => app::echo::bench::run(args, sink),
            EchoCommand::Demo(args) => learn::demo::echo::run(args, sink),
        },
        Command::Cidr(args) => app::addr::cidr::run(args, sink),
        Command::Mask(args) => app::addr::mask::run(args, sink),
        Command::Ip(args) => app::addr::ip::run(args, sink),
        Command::Dns(args) => app::dns::run(args, sink),
        Command::Http(http) => match &http.command {
            HttpCommand::Get(args) => app::http::get::run(args, sink),
            HttpCommand::Serve(args) => app::http::serve::run(args, sink),
            HttpCommand::Demo(args) => learn::demo::http::run(args, sink),
        },
        Command::Ftp(ftp) => match &ftp.command {
            FtpCommand::Demo(args) => learn::demo::ftp::run(args, sink),
            FtpCommand::Ls(args) => app::ftp::run_ls(args, sink),
            FtpCommand::Get(args) => app::ftp::run_get(args, sink),
        },
        Command::Socket(socket) => match &socket.command {
            SocketCommand::Demo(args) => learn::demo::socket::run(args, sink),
        },
        Command::Capture(args) => app::wire::run(args, sink),
        Command::Lab(args) => app::lab::run(args, sink),
        Command::Ping(args) => app::lab::ping::run_host_ping(args, sink),
        Command::Trace(args) => app::lab::ping::run_host_trace(args, sink),
        Command::Ifaces(args) => app::host::ifaces::run(args, sink),
        Command::Gateway(args) => app::host::gateway::run(args, sink),
        Command::Port(args) => app::host::port::run(args, sink),
        Command::Explain(args) => learn::explain::run(args, sink),
        Command::Tour(args) => learn::tour::run(args, sink),
        Command::Completions { shell } => {
            app::completions::completions(*shell, sink.out())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            app::completions::man(sink.out())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needs(line: &[&str]) -> bool {
        let cli = Cli::try_parse_localized(std::iter::once("netlearn").chain(line.iter().copied()))
            .expect("parses");
        needs_private_network(&cli)
    }

    /// A term's demos decide by what they run, not by how they are spelled: all of `ack`'s
    /// watch packets, `default-gateway` also shows this machine's gateway, `cidr` computes.
    #[test]
    fn explain_enters_a_private_network_only_when_every_demo_needs_one() {
        assert!(needs(&["echo", "demo", "--wire", "hello"]));
        assert!(!needs(&["echo", "demo", "hello"]));
        assert!(needs(&["explain", "ack"]));
        assert!(!needs(&["explain", "ack", "--no-demo"]));
        assert!(!needs(&["explain", "default-gateway"]));
        assert!(!needs(&["explain", "cidr"]));
    }
}
