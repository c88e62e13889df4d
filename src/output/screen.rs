//! What the reader's screen is, decided once for the whole run: whether standard output is a
//! terminal (long lines fold at its edge, tables are drawn), whether a person can answer on
//! standard input (prompts), and whether standard error is watched (progress lines). Views ask
//! here, never the operating system.

use std::io::{self, IsTerminal};
use std::sync::OnceLock;

/// The terminals of this run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Screen {
    /// Standard output is a terminal: lines fold at spaces before its edge. Piped, a line
    /// stays one line (for grep and scripts), as tcpdump's do.
    pub on_terminal: bool,
    /// Standard input is a terminal: a person can answer a prompt.
    pub prompts: bool,
    /// Standard error is a terminal: a progress line may redraw itself there.
    pub progress: bool,
}

impl Screen {
    fn detect() -> Screen {
        Screen {
            on_terminal: io::stdout().is_terminal(),
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
