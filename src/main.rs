//! The `netlearn` binary: parse, run, print one error line, exit with a documented code.

use std::process::ExitCode;

use clap::error::ErrorKind;

use netlearn::output::sink::{ErrStream, Sink};

/// clap's usage errors span several lines (message, usage, a hint); netlearn prints one line
/// naming the input, like every other error, and exits 2.
fn usage_error(error: &clap::Error) -> ExitCode {
    let rendered = error.render().to_string();
    let message: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .filter(|line| {
            !line.is_empty()
                && !line.starts_with("Usage:")
                && !line.starts_with("For more information")
        })
        .collect();
    eprintln!("netlearn: {}", message.join(" "));
    ExitCode::from(netlearn::error::EXIT_USAGE)
}

fn main() -> ExitCode {
    let cli = match netlearn::cli::parse_from(std::env::args_os()) {
        Ok(cli) => cli,
        Err(error) => match error.kind() {
            ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => error.exit(),
            _ => return usage_error(&error),
        },
    };
    // Before anything starts a thread: a user namespace cannot be entered after.
    if netlearn::needs_private_network(&cli) {
        netlearn::net::wire::private_net::prepare();
    }
    let mut stdout = std::io::stdout();
    let mut sink = Sink::new(cli.output_format(), &mut stdout, ErrStream::stderr());
    match netlearn::run(cli, &mut sink) {
        Ok(code) => code,
        Err(error) if netlearn::error::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("netlearn: error: {error:#}");
            netlearn::error::exit_code(&error)
        }
    }
}
