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
    error.chain().any(cause_is_broken_pipe)
}

/// A broken pipe may arrive bare, inside serde_json's error, or inside an `io::Error` that
/// wraps serde_json's (writers that map JSON errors with `io::Error::other`).
fn cause_is_broken_pipe(cause: &(dyn std::error::Error + 'static)) -> bool {
    const BROKEN_PIPE: std::io::ErrorKind = std::io::ErrorKind::BrokenPipe;
    if let Some(json) = cause.downcast_ref::<serde_json::Error>() {
        return json.io_error_kind() == Some(BROKEN_PIPE);
    }
    cause.downcast_ref::<std::io::Error>().is_some_and(|io| {
        io.kind() == BROKEN_PIPE
            || io
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<serde_json::Error>())
                .is_some_and(|json| json.io_error_kind() == Some(BROKEN_PIPE))
    })
}
