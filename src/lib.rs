//! netlearn: learn networking by doing. The library behind the `netlearn` binary.

pub mod app;
pub mod cli;
pub mod commands;
pub mod error;
pub mod net;
pub mod output;

use std::io::Write;
use std::process::ExitCode;

use cli::{Cli, Command, EchoCommand, HttpCommand, SocketCommand};

/// Whether `cli` runs a demo that captures its own packets, and so needs a private network
/// namespace entered before any thread starts (see `net::wire::private_net`).
pub fn needs_private_network(cli: &Cli) -> bool {
    matches!(&cli.command, Command::Socket(socket) if matches!(&socket.command, SocketCommand::Demo(args) if args.wire))
}

/// Runs one parsed command line, writing its output to `out`.
pub fn run(cli: Cli, out: &mut (dyn Write + Send)) -> anyhow::Result<ExitCode> {
    let format = cli.output_format();
    match &cli.command {
        Command::Echo(echo) => match &echo.command {
            EchoCommand::Serve(args) => commands::echo_serve::run(args, format, out),
            EchoCommand::Client(args) => commands::echo_client::run(args, format, out),
            EchoCommand::Bench(args) => commands::echo_bench::run(args, format, out),
            EchoCommand::Demo(args) => commands::echo_demo::run(args, format, out),
        },
        Command::Cidr(args) => commands::cidr::run(args, format, out),
        Command::Mask(args) => commands::mask::run(args, format, out),
        Command::Ip(args) => commands::ip::run(args, format, out),
        Command::Dns(args) => commands::dns::run(args, format, out),
        Command::Http(http) => match &http.command {
            HttpCommand::Get(args) => commands::http_get::run(args, format, out),
            HttpCommand::Serve(args) => commands::http_serve::run(args, format, out),
            HttpCommand::Demo(args) => commands::http_demo::run(args, format, out),
        },
        Command::Socket(socket) => match &socket.command {
            SocketCommand::Demo(args) => commands::socket_demo::run(args, format, out),
        },
        Command::Capture(args) => app::wire::run(args, format, out),
        Command::Ifaces(args) => commands::ifaces::run(args, format, out),
        Command::Gateway(args) => commands::gateway::run(args, format, out),
        Command::Port(args) => commands::port::run(args, format, out),
        Command::Explain(args) => commands::explain::run(args, format, out),
        Command::Tour(args) => commands::tour::run(args, format, out),
        Command::Completions { shell } => {
            commands::completions::completions(*shell, out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            commands::completions::man(out)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
