//! The `netlearn` binary: parse, run, print one error line, exit with a documented code.

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::error::ErrorKind;

use netlearn::i18n;
use netlearn::output::sink::{ErrStream, Sink};
use netlearn::output::spaces::plain;
use std::io::Write as _;

/// clap's usage errors span several lines (message, usage, a hint); netlearn prints one line
/// naming the input, like every other error, and exits 2.
fn usage_error(error: &clap::Error, args: &[String]) -> ExitCode {
    // Other languages are rendered from the error's kind and context; English keeps clap's own
    // words, byte for byte, except where they point the wrong way (an option given before its
    // subcommand, `--port` to a command that takes HOST:PORT, clap's `-- --option`).
    if (i18n::language() != i18n::Lang::En || netlearn::cli::english_is_ours(error, args))
        && let Some(line) = netlearn::cli::usage_error_line_for(error, i18n::language(), args)
    {
        print_error(&line);
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
    print_error(&message.join(" "));
    ExitCode::from(netlearn::error::EXIT_USAGE)
}

/// Prints an error line, `netlearn: ` and `message` (which starts with the word for "error"),
/// on standard error. Where the reader's width is known (standard error is a terminal, or
/// COLUMNS names a width) a longer line is wrapped to it, each further line indented; else it
/// stays one line, for scripts that read it.
fn print_error(message: &str) {
    let line = format!("netlearn: {message}");
    match error_width() {
        Some(width) => eprintln!(
            "{}",
            plain(&netlearn::output::width::wrap_hanging(&line, "  ", width))
        ),
        None => eprintln!("{}", plain(&line)),
    }
}

/// The width errors are wrapped to: COLUMNS when set, else standard error's terminal's.
fn error_width() -> Option<usize> {
    let columns_set = std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.trim().parse::<usize>().ok())
        .is_some_and(|columns| columns > 0);
    if columns_set {
        return Some(netlearn::output::width::terminal_width());
    }
    // The sink's look at the screen: `progress` is standard error being a terminal.
    let on_terminal = netlearn::output::screen::screen().progress;
    on_terminal.then(|| {
        terminal_size::terminal_size_of(std::io::stderr()).map_or(
            netlearn::output::width::DEFAULT_WIDTH,
            |(terminal_size::Width(width), _)| usize::from(width),
        )
    })
}

/// A runtime error: the word for "error" in the reader's language, then the message.
fn print_runtime_error(message: &str) {
    print_error(&format!("{}: {message}", netlearn::tr!("clap-error")));
}

/// Whether descriptor 1 was closed when the process started (`netlearn >&-`), as seen by
/// [`note_closed_stdout`].
static STDOUT_WAS_CLOSED: AtomicBool = AtomicBool::new(false);

/// Rust's start-up reopens a closed descriptor 0, 1 or 2 on /dev/null before `main`, so there a
/// closed standard output is already gone: everything printed would vanish and the command
/// would exit 0. A constructor runs before that start-up and sees the descriptor as the shell
/// left it.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static NOTE_CLOSED_STDOUT: extern "C" fn() = note_closed_stdout;

extern "C" fn note_closed_stdout() {
    // SAFETY: F_GETFD only reads the descriptor's flags; it touches no memory.
    let flags = unsafe { libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFD) };
    STDOUT_WAS_CLOSED.store(flags == -1, Ordering::Relaxed);
}

/// Prints help or the version as clap would (standard output, or standard error for help
/// shown because something was missing), its no-break spaces as plain ones like all output,
/// in colour only on a terminal. A reader that went away is not an error.
fn print_help(error: &clap::Error) -> ExitCode {
    let screen = netlearn::output::screen::screen();
    let rendered = error.render();
    let (text, to_stderr) = if error.use_stderr() {
        (rendered.to_string(), true)
    } else if screen.colour {
        (rendered.ansi().to_string(), false)
    } else {
        (rendered.to_string(), false)
    };
    let text = plain(&text);
    let _ = if to_stderr {
        std::io::stderr().write_all(text.as_bytes())
    } else {
        std::io::stdout().write_all(text.as_bytes())
    };
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // Chosen before parsing, so that help and usage errors are in the reader's language too.
    let lang = i18n::from_args(&args)
        .unwrap_or_else(|| i18n::from_environment(|name| std::env::var_os(name)));
    i18n::set_language(lang);
    if STDOUT_WAS_CLOSED.load(Ordering::Relaxed) {
        print_runtime_error(&netlearn::tr!("stdout-closed"));
        return ExitCode::from(netlearn::error::EXIT_RUNTIME);
    }
    let cli = match netlearn::cli::parse_from(&args) {
        Ok(cli) => cli,
        Err(error) => match error.kind() {
            ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return print_help(&error),
            _ => {
                let args: Vec<String> = args
                    .iter()
                    .map(|arg| arg.to_string_lossy().into_owned())
                    .collect();
                return usage_error(&error, &args);
            }
        },
    };
    // Before anything starts a thread: a user namespace cannot be entered after.
    netlearn::prepare_namespaces(&cli);
    let mut stdout = netlearn::output::spaces::PlainSpaces::new(std::io::stdout());
    let mut sink = Sink::new(cli.output_format(), &mut stdout, ErrStream::stderr());
    match netlearn::run(cli, &mut sink) {
        Ok(code) => code,
        Err(error) if netlearn::error::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            print_runtime_error(&format!("{error:#}"));
            netlearn::error::exit_code(&error)
        }
    }
}
