//! The `netlearn` binary: parse, run, print one error line, exit with a documented code.

use std::process::ExitCode;

use clap::error::ErrorKind;

use netlearn::i18n;
use netlearn::output::sink::{ErrStream, Sink};

/// clap's usage errors span several lines (message, usage, a hint); netlearn prints one line
/// naming the input, like every other error, and exits 2.
fn usage_error(error: &clap::Error) -> ExitCode {
    // Other languages are rendered from the error's kind and context; English keeps clap's own
    // words, byte for byte, except where they point the wrong way (an option given before its
    // subcommand).
    if (i18n::language() != i18n::Lang::En || netlearn::cli::english_is_ours(error))
        && let Some(line) = netlearn::cli::usage_error_line(error, i18n::language())
    {
        eprintln!("netlearn: {line}");
        return ExitCode::from(netlearn::error::EXIT_USAGE);
    }
    let rendered = error.render().to_string();
    // A command with subcommands has a usage of several lines: everything from "Usage:" on is
    // left out.
    let message: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .take_while(|line| !line.starts_with("Usage:"))
        .filter(|line| !line.is_empty() && !line.starts_with("For more information"))
        .collect();
    eprintln!("netlearn: {}", message.join(" "));
    ExitCode::from(netlearn::error::EXIT_USAGE)
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // Chosen before parsing, so that help and usage errors are in the reader's language too.
    let lang = i18n::from_args(&args)
        .unwrap_or_else(|| i18n::from_environment(|name| std::env::var_os(name)));
    i18n::set_language(lang);
    let cli = match netlearn::cli::parse_from(&args) {
        Ok(cli) => cli,
        Err(error) => match error.kind() {
            ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => error.exit(),
            _ => return usage_error(&error),
        },
    };
    // Before anything starts a thread: a user namespace cannot be entered after.
    netlearn::prepare_namespaces(&cli);
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
