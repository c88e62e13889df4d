//! netlearn: learn networking by doing. The library behind the `netlearn` binary.

pub mod app;
pub mod cli;
pub mod error;
pub mod learn;
pub mod net;
pub mod output;

use std::io::Write;
use std::process::ExitCode;

use cli::{Cli, Command, EchoCommand, FtpCommand, HttpCommand, SocketCommand};

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
            EchoCommand::Serve(args) => app::echo::serve::run(args, format, out),
            EchoCommand::Client(args) => app::echo::client::run(args, format, out),
            EchoCommand::Bench(args) => app::echo::bench::run(args, format, out),
            EchoCommand::Demo(args) => learn::demo::echo::run(args, format, out),
        },
        Command::Cidr(args) => app::addr::cidr::run(args, format, out),
        Command::Mask(args) => app::addr::mask::run(args, format, out),
        Command::Ip(args) => app::addr::ip::run(args, format, out),
        Command::Dns(args) => app::dns::run(args, format, out),
        Command::Http(http) => match &http.command {
            HttpCommand::Get(args) => app::http::get::run(args, format, out),
            HttpCommand::Serve(args) => app::http::serve::run(args, format, out),
            HttpCommand::Demo(args) => learn::demo::http::run(args, format, out),
        },
        Command::Ftp(ftp) => match &ftp.command {
            FtpCommand::Demo(args) => learn::demo::ftp::run(args, format, out),
        },
        Command::Socket(socket) => match &socket.command {
            SocketCommand::Demo(args) => learn::demo::socket::run(args, format, out),
        },
        Command::Capture(args) => app::wire::run(args, format, out),
        Command::Ifaces(args) => app::host::ifaces::run(args, format, out),
        Command::Gateway(args) => app::host::gateway::run(args, format, out),
        Command::Port(args) => app::host::port::run(args, format, out),
        Command::Explain(args) => learn::explain::run(args, format, out),
        Command::Tour(args) => learn::tour::run(args, format, out),
        Command::Completions { shell } => {
            app::completions::completions(*shell, out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            app::completions::man(out)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
