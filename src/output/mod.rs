//! How reports reach the user: one `emit` that picks table or JSON, and the house table style.

pub mod escape;
pub(crate) mod fit;
pub mod server_log;
pub mod sink;
pub mod width;
pub mod words;

pub use width::{prose_width, wrap};

use std::io::{self, IsTerminal, Write};

use comfy_table::{Table, presets};
use serde::Serialize;

/// Output format chosen with `--format` (or `--json`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable tables and lines.
    #[default]
    Table,
    /// JSON (JSON Lines for streaming commands).
    Json,
}

/// A report that can draw itself for people.
pub trait Render {
    fn render(&self, out: &mut dyn Write) -> io::Result<()>;
}

/// Writes `report` in `format`: the only place that branches on the format.
pub fn emit<T: Serialize + Render>(
    report: &T,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => report.render(out),
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, report).map_err(json_error)?;
            writeln!(out)
        }
    }
}

/// serde_json wraps the writer's own failures; unwrapping them keeps a closed pipe a
/// `BrokenPipe` (success: the reader had enough) instead of an opaque error.
fn json_error(error: serde_json::Error) -> io::Error {
    match error.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(error),
    }
}

/// Writes a line of prose (a note, an explanation) wrapped to the terminal, continuation lines
/// indented two spaces.
pub fn write_prose_line(out: &mut dyn Write, text: &str) -> io::Result<()> {
    writeln!(out, "{}", width::wrap_hanging(text, "  ", prose_width()))
}

/// Writes one JSON Lines record (streaming commands under `--json`).
pub fn json_line<T: Serialize>(record: &T, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer(&mut *out, record).map_err(json_error)?;
    out.write_all(b"\n")
}

/// The house table: box drawing on a terminal, plain aligned columns when piped; fitted to
/// the terminal by [`write_table`]. comfy-table adds no colour of its own, so NO_COLOR holds.
pub fn table() -> Table {
    let mut table = Table::new();
    if io::stdout().is_terminal() {
        table.load_style(presets::UTF8_FULL_CONDENSED);
    } else {
        table.load_style(presets::NOTHING);
    }
    table
}

/// A two-column key/value table for a single object.
pub fn key_value_table<K: AsRef<str>>(rows: impl IntoIterator<Item = (K, String)>) -> Table {
    let mut table = table();
    for (key, value) in rows {
        table.add_row(vec![key.as_ref().to_string(), value]);
    }
    table
}

/// Writes a table, trimming the trailing spaces plain tables leave. On a terminal the table is
/// fitted to its width without splitting a word, or shown as one record per row when it
/// cannot fit; piped, it stays plain columns.
pub fn write_table(table: &Table, out: &mut dyn Write) -> io::Result<()> {
    let lines = if width::stdout_is_terminal() {
        fit::fit(table, width::terminal_width())
    } else {
        table.lines().collect()
    };
    for line in lines {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
