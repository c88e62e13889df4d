//! The `netlearn` binary: parse, run, print one error line, exit with a documented code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = netlearn::cli::Cli::parse();
    let mut stdout = std::io::stdout();
    match netlearn::run(cli, &mut stdout) {
        Ok(code) => code,
        Err(error) if netlearn::error::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("netlearn: error: {error:#}");
            netlearn::error::exit_code(&error)
        }
    }
}
