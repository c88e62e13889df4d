//! How reports reach the user: `emit` for one-shot reports and `write_record` for the records
//! of a stream, the only two places that pick text or JSON; and the house table style.

pub mod escape;
pub(crate) mod fit;
pub mod screen;
pub mod server_log;
pub mod sink;
pub mod spaces;
pub mod width;
pub mod words;

pub use width::{prose_width, wrap};

use std::io::{self, Write};

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

/// Writes one record of a stream: its text for people, or one JSON Lines record under
/// `--json`. Flushed at once: a reader at the other end of a pipe (a test, `jq`, `head`) waits
/// on each record, not on a buffer.
pub fn write_record<T: Serialize + Render + ?Sized>(
    record: &T,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => record.render(out)?,
        Format::Json => json_line(record, out)?,
    }
    out.flush()
}

/// A record whose text is one line, and whose JSON is another value: for streams whose JSON
/// record and text line are made from different things (a summary flattened under an
/// `event` tag, a line that needs the terminal's width).
pub struct Line<'a, T: Serialize + ?Sized> {
    pub json: &'a T,
    pub text: String,
}

impl<T: Serialize + ?Sized> Serialize for Line<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(serializer)
    }
}

impl<T: Serialize + ?Sized> Render for Line<'_, T> {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", self.text)
    }
}

/// Writes a line of prose (a note, an explanation) wrapped to the terminal, continuation lines
/// indented two spaces.
pub fn write_prose_line(out: &mut dyn Write, text: &str) -> io::Result<()> {
    writeln!(out, "{}", width::wrap_hanging(text, "  ", prose_width()))
}

/// Writes one JSON Lines record (streaming commands under `--json`).
pub fn json_line<T: Serialize + ?Sized>(record: &T, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer(&mut *out, record).map_err(json_error)?;
    out.write_all(b"\n")
}

/// The house table: box drawing on a terminal, plain aligned columns when piped; fitted to
/// the terminal by [`write_table`]. comfy-table adds no colour of its own, so NO_COLOR holds.
pub fn table() -> Table {
    let mut table = Table::new();
    if screen::screen().on_terminal {
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
    let lines = if screen::screen().fits_width {
        fit::fit(table, width::terminal_width())
    } else {
        table.lines().collect()
    };
    for line in lines {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Hop {
        ttl: u8,
        host: &'static str,
    }

    impl Render for Hop {
        fn render(&self, out: &mut dyn Write) -> io::Result<()> {
            writeln!(out, "{:>2}  {}", self.ttl, self.host)
        }
    }

    /// Counts flushes, to prove each record leaves at once.
    #[derive(Default)]
    struct Flushes {
        bytes: Vec<u8>,
        flushes: usize,
    }

    impl Write for Flushes {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.bytes.extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            self.flushes += 1;
            Ok(())
        }
    }

    fn written(format: Format) -> (String, usize) {
        let mut out = Flushes::default();
        for (ttl, host) in [(1, "router"), (2, "h2")] {
            write_record(&Hop { ttl, host }, format, &mut out).unwrap();
        }
        (String::from_utf8(out.bytes).unwrap(), out.flushes)
    }

    #[test]
    fn a_record_is_its_text_line_and_flushed() {
        assert_eq!(written(Format::Table), (" 1  router\n 2  h2\n".into(), 2));
    }

    #[test]
    fn a_record_is_one_compact_json_line_under_json() {
        let (text, flushes) = written(Format::Json);
        assert_eq!(
            text,
            "{\"ttl\":1,\"host\":\"router\"}\n{\"ttl\":2,\"host\":\"h2\"}\n"
        );
        assert_eq!(flushes, 2);
    }

    #[test]
    fn a_line_record_shows_its_text_and_serializes_its_json_value() {
        let summary = Hop { ttl: 3, host: "h3" };
        let line = Line {
            json: &summary,
            text: "3 hops".into(),
        };
        let mut text = Vec::new();
        write_record(&line, Format::Table, &mut text).unwrap();
        assert_eq!(text, b"3 hops\n");
        let mut json = Vec::new();
        write_record(&line, Format::Json, &mut json).unwrap();
        assert_eq!(json, b"{\"ttl\":3,\"host\":\"h3\"}\n");
    }

    #[test]
    fn a_closed_pipe_stays_a_broken_pipe() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let hop = Hop { ttl: 1, host: "a" };
        for format in [Format::Table, Format::Json] {
            let error = write_record(&hop, format, &mut Closed).unwrap_err();
            assert_eq!(error.kind(), io::ErrorKind::BrokenPipe, "{format:?}");
        }
    }
}
