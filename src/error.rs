//! Errors at the command edge and the exit codes they map to.
//!
//! Exit codes: 0 success · 1 runtime failure (network error, timeout, echo mismatch) ·
//! 2 usage or bad input (clap's own code for parse errors).

use std::process::ExitCode;

/// A failure that should end the program with a specific exit code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that parsed but cannot be used (exit 2).
    #[error("{0}")]
    Usage(String),
    /// Something failed while running (exit 1).
    #[error("{0}")]
    Runtime(String),
}

pub const EXIT_RUNTIME: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// The exit code for an error chain: a usage error anywhere in it means 2, anything else 1.
pub fn exit_code(error: &anyhow::Error) -> ExitCode {
    let usage = error
        .chain()
        .any(|cause| matches!(cause.downcast_ref::<Error>(), Some(Error::Usage(_))));
    ExitCode::from(if usage { EXIT_USAGE } else { EXIT_RUNTIME })
}

/// True when the chain ends in a broken pipe: the reader went away (`| head`), which is success.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
