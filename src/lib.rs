//! netlearn: learn networking by doing. The library behind the `netlearn` binary.

pub mod app;
pub mod cli;
pub mod error;
pub mod learn;
pub mod net;
pub mod output;

use std::process::ExitCode;

use output::sink::Sink;

use cli::{Cli, Command, EchoCommand, FtpCommand, HttpCommand, SocketCommand};

/// Whether `cli` runs a demo that captures its own packets, and so needs a private network
/// namespace entered before any thread starts (see `net::wire::private_net`).
pub fn needs_private_network(cli: &Cli) -> bool {
    matches!(&cli.command, Command::Socket(socket) if matches!(&socket.command, SocketCommand::Demo(args) if args.wire))
}

/// Runs one parsed command line; everything it shows goes through `sink`.
pub fn run(cli: Cli, sink: &mut Sink) -> anyhow::Result<ExitCode> {
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
        },
        Command::Socket(socket) => match &socket.command {
            SocketCommand::Demo(args) => learn::demo::socket::run(args, sink),
        },
        Command::Capture(args) => app::wire::run(args, sink),
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
