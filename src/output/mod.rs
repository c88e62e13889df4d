//! How reports reach the user: one `emit` that picks table or JSON, and the house table style.

pub mod escape;
pub mod server_log;

use std::io::{self, IsTerminal, Write};

use comfy_table::{ContentArrangement, Table, presets};
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

/// Writes one JSON Lines record (streaming commands under `--json`).
pub fn json_line<T: Serialize>(record: &T, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer(&mut *out, record).map_err(json_error)?;
    out.write_all(b"\n")
}

/// The house table: box drawing on a terminal, plain aligned columns when piped, wrapped to
/// the terminal width. comfy-table adds no colour of its own, so NO_COLOR holds by default.
pub fn table() -> Table {
    let mut table = Table::new();
    if io::stdout().is_terminal() {
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
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

/// Writes a table followed by a newline, trimming the trailing spaces plain tables leave.
pub fn write_table(table: &Table, out: &mut dyn Write) -> io::Result<()> {
    for line in table.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Width prose (explanations, the tour) is wrapped to, whatever the terminal.
pub const PROSE_WIDTH: usize = 88;

/// Wraps `text` to `width` columns, each line starting with `indent`.
pub fn wrap(text: &str, indent: &str, width: usize) -> String {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent.len() + line.len() + 1 + word.len() > width {
            lines.push(format!("{indent}{line}"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(format!("{indent}{line}"));
    }
    lines.join("\n")
}
