//! What the reader's screen is, decided once for the whole run: whether standard output is a
//! terminal (long lines fold at its edge, tables are drawn), whether a person can answer on
//! standard input (prompts), and whether standard error is watched (progress lines). Views ask
//! here, never the operating system.

use std::io::{self, IsTerminal};
use std::sync::OnceLock;

/// The terminals of this run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Screen {
    /// Standard output is a terminal: tables are drawn with lines, colour may be used.
    pub on_terminal: bool,
    /// Lines are laid out for a width: on a terminal, or when `COLUMNS` names one (a reader
    /// who sets it asks for that width even through a pipe, as `ls` and `man` honour it).
    /// Otherwise a piped line stays one line.
    pub fits_width: bool,
    /// Colour may be used: standard output is a terminal, `NO_COLOR` is not set and the
    /// terminal is not `dumb`.
    pub colour: bool,
    /// Standard input is a terminal: a person can answer a prompt.
    pub prompts: bool,
    /// Standard error is a terminal: a progress line may redraw itself there.
    pub progress: bool,
}

impl Screen {
    fn detect() -> Screen {
        let on_terminal = io::stdout().is_terminal();
        let columns_set = std::env::var("COLUMNS")
            .ok()
            .and_then(|columns| columns.trim().parse::<usize>().ok())
            .is_some_and(|columns| columns > 0);
        Screen {
            on_terminal,
            fits_width: on_terminal || columns_set,
            colour: on_terminal
                && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
                && std::env::var_os("TERM").is_none_or(|term| term != "dumb"),
            prompts: io::stdin().is_terminal(),
            progress: io::stderr().is_terminal(),
        }
    }
}

static SCREEN: OnceLock<Screen> = OnceLock::new();

/// This run's screen, looked at once.
pub fn screen() -> Screen {
    *SCREEN.get_or_init(Screen::detect)
}
