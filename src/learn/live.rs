//! Running a netlearn command line in-process: the live demos of `explain` and `tour`.

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::process::ExitCode;
use std::time::Duration;

use serde_json::Value;

use crate::app::text::t;
use crate::cli::{Cli, Command};
use crate::i18n::Lang;
use crate::output::Format;
use crate::output::sink::{ErrStream, Sink};

/// Parses `args` (without the program name) as netlearn's own command line.
pub fn parse(args: &[&str], format: Format) -> Result<Cli, clap::Error> {
    let mut argv = vec!["netlearn"];
    if format == Format::Json {
        argv.push("--json");
    }
    argv.extend_from_slice(args);
    crate::cli::parse_from(argv)
}

/// Runs `args` with its output going to `out` and its standard error to `err`. A demo may be
/// any command a reader can type except the curriculum itself: `explain` or `tour` inside a
/// demo would run demos inside demos.
pub fn run(
    args: &[&str],
    format: Format,
    out: &mut (dyn Write + Send),
    err: ErrStream,
) -> anyhow::Result<ExitCode> {
    let lang = crate::i18n::language();
    let cli = parse(args, format).map_err(|e| anyhow::anyhow!(unparsed(lang, args, &e)))?;
    if matches!(cli.command, Command::Explain(_) | Command::Tour(_)) {
        anyhow::bail!(t!(lang, "live-demo-nested", command = shell_words(args)));
    }
    crate::run(cli, &mut Sink::new(format, out, err))
}

/// Why a demo's command line is not one netlearn takes, in `lang`.
fn unparsed(lang: Lang, args: &[&str], error: &clap::Error) -> String {
    let error = crate::cli::usage_error_line(error, lang).unwrap_or_else(|| error.to_string());
    t!(
        lang,
        "live-demo-unparsed",
        command = shell_words(args),
        error = error
    )
}

/// The command line as a reader would type it (arguments with spaces quoted).
pub fn shell_words(args: &[&str]) -> String {
    let quoted: Vec<String> = args
        .iter()
        .map(|a| {
            if a.is_empty() || a.contains([' ', '"', '\'', '$', '*', '?']) {
                format!("'{}'", a.replace('\'', "'\\''"))
            } else {
                a.to_string()
            }
        })
        .collect();
    format!("netlearn {}", quoted.join(" "))
}

/// A demo run under `--json`: its command, whether it succeeded, and its output as JSON (one
/// document, or the records of a JSON Lines stream as an array).
#[derive(serde::Serialize)]
pub struct CapturedRun {
    pub command: String,
    pub ok: bool,
    pub output: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// What the demo said on standard error (warnings, hints), when it said anything.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub stderr: String,
}

pub fn capture(args: &[&str]) -> CapturedRun {
    let mut buffer: Vec<u8> = Vec::new();
    let (err, said) = ErrStream::buffer();
    let result = run(args, Format::Json, &mut buffer, err);
    let text = String::from_utf8_lossy(&buffer);
    let output = serde_json::from_str::<Value>(&text).unwrap_or_else(|_| {
        Value::Array(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| serde_json::from_str(l).unwrap_or_else(|_| Value::String(l.to_string())))
                .collect(),
        )
    });
    let (ok, error) = match result {
        Ok(code) => (code == ExitCode::SUCCESS, None),
        Err(e) => (false, Some(format!("{e:#}"))),
    };
    CapturedRun {
        command: shell_words(args),
        ok,
        output,
        error,
        stderr: said.text(),
    }
}

/// Longest the loopback check waits for its own connection to be accepted by the kernel.
const LOOPBACK_CHECK: Duration = Duration::from_secs(2);

/// Why the demos cannot reach 127.0.0.1 here, in plain words; None when they can. A quick
/// check (a listener on a free port and one connection to it) run before any demo, so a
/// machine whose loopback is down is told so instead of seeing a bare "Network is
/// unreachable" (or, worse, waiting).
pub fn loopback_problem() -> Option<String> {
    let error = match loopback_check() {
        Ok(()) => return None,
        Err(error) => error,
    };
    let snapshot = crate::net::iface::snapshot();
    let down = snapshot
        .interfaces
        .iter()
        .find(|i| i.loopback && i.up == Some(false));
    Some(match down {
        Some(lo) => crate::tr!("live-loopback-down", name = lo.name.clone()),
        None => crate::tr!("live-loopback-unreachable", error = error.to_string()),
    })
}

fn loopback_check() -> std::io::Result<()> {
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
    let addr = listener.local_addr()?;
    // The kernel completes the handshake from the listen queue: no accept() is needed.
    TcpStream::connect_timeout(&addr, LOOPBACK_CHECK).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_demo_that_does_not_parse_is_said_in_the_readers_language() {
        let args = ["echo", "demo", "--no-such-flag"];
        let error = parse(&args, Format::Table).expect_err("not a flag");
        let ja = unparsed(Lang::Ja, &args, &error);
        assert!(
            ja.starts_with("デモ `netlearn echo demo --no-such-flag` は netlearn が受け付ける"),
            "{ja}"
        );
        assert!(ja.contains("--no-such-flag"), "{ja}");
        let en = unparsed(Lang::En, &args, &error);
        assert!(
            en.starts_with("the demo `netlearn echo demo --no-such-flag` is not a command line"),
            "{en}"
        );
    }
}
