//! nftables inside a lab host: the `nft` program run in the host's network namespace (the
//! rules a learner reads and types are nft's own language, so netlearn speaks it too).

use std::io::{self, Write};
use std::process::Stdio;

use super::netns::NetNs;

/// Why `nft` did not do what was asked (worded by the lab view).
#[derive(Debug, thiserror::Error)]
pub enum NftError {
    /// No `nft` program on this machine (Debian: the nftables package).
    #[error("the nft program is not installed")]
    Missing,
    /// nft ran and refused: its own words.
    #[error("nft refused: {said}")]
    Refused { said: String },
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Runs `nft ARGS` inside `ns`, with `input` on its standard input, and returns what it
/// printed.
pub fn nft(ns: &NetNs, args: &[&str], input: Option<&str>) -> Result<String, NftError> {
    let mut command = ns.command("nft")?;
    command
        .args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Err(NftError::Missing),
        Err(error) => return Err(error.into()),
    };
    if let (Some(text), Some(mut stdin)) = (input, child.stdin.take()) {
        stdin.write_all(text.as_bytes())?;
    }
    let output = child.wait_with_output()?;
    if !output.status.success() {
        return Err(NftError::Refused {
            said: String::from_utf8_lossy(&output.stderr).trim().to_string(),
        });
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Loads `ruleset` (nft's language, as `nft -f` reads it) into `ns`.
pub fn apply(ns: &NetNs, ruleset: &str) -> Result<(), NftError> {
    nft(ns, &["-f", "-"], Some(ruleset)).map(|_| ())
}
