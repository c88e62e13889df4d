//! `netlearn completions` and `netlearn man`: generated from the same clap definition.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::Cli;

pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> anyhow::Result<()> {
    // clap_complete panics when its writer fails (a closed pipe under `| head`), so the script
    // is generated into memory and written here, where a failure is an ordinary error.
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "netlearn", &mut script);
    out.write_all(&script)?;
    Ok(())
}

pub fn man(out: &mut dyn Write) -> anyhow::Result<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    out.write_all(&page)?;
    Ok(())
}
