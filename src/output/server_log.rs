//! A server's log on stdout that can never stop the server: lines the reader cannot take in
//! time are dropped and counted where they are made, and a reader that went away (a closed
//! pipe) is reported once on stderr while the server keeps serving.

use super::sink::ErrStream;
use std::io::{self, Write};

use serde::Serialize;

use super::{Format, Render};
use crate::net::drops::DropCount;

#[derive(Serialize)]
struct DroppedRecord {
    event: &'static str,
    lines: u64,
    total: u64,
}

/// The writing end of a server's log. Every write goes through [`ServerLog::write`], which
/// first says how many lines were dropped since the last write.
pub struct ServerLog<'a> {
    out: &'a mut (dyn Write + Send),
    err: ErrStream,
    format: Format,
    open: bool,
    dropped: DropCount,
    reported: u64,
}

impl<'a> ServerLog<'a> {
    pub fn new(
        out: &'a mut (dyn Write + Send),
        err: ErrStream,
        format: Format,
        dropped: DropCount,
    ) -> Self {
        ServerLog {
            out,
            err,
            format,
            open: true,
            dropped,
            reported: 0,
        }
    }

    /// Whether lines still reach the reader.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Writes one record with `write` (a line of text, or a JSON Lines record) and flushes.
    /// A failed write closes the log for good: said once on stderr, never an error, so the
    /// server goes on serving until it is signalled.
    pub fn write(&mut self, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) {
        if !self.open {
            return;
        }
        let result = self
            .write_dropped()
            .and_then(|()| write(&mut *self.out))
            .and_then(|()| self.out.flush());
        if let Err(error) = result {
            self.open = false;
            let why = if error.kind() == io::ErrorKind::BrokenPipe {
                crate::tr!("server-log-reader-gone")
            } else {
                error.to_string()
            };
            self.err.say(crate::tr!("server-log-closed", why = why));
        }
    }

    /// Writes one record of the server's stream (a text line, or a JSON Lines record).
    pub fn record<T: Serialize + Render + ?Sized>(&mut self, record: &T) {
        let format = self.format;
        self.write(|out| super::write_record(record, format, out));
    }

    /// Says how many lines were dropped since the last time, if any.
    pub fn flush_dropped(&mut self) {
        if self.open && self.dropped.total() > self.reported {
            self.write(|_| Ok(()));
        }
    }

    fn write_dropped(&mut self) -> io::Result<()> {
        let total = self.dropped.total();
        let lines = total - self.reported;
        if lines == 0 {
            return Ok(());
        }
        self.reported = total;
        super::write_record(
            &DroppedRecord {
                event: "log_dropped",
                lines,
                total,
            },
            self.format,
            &mut *self.out,
        )
    }
}

impl Render for DroppedRecord {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "{}",
            crate::tr!("server-log-dropped", lines = self.lines)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Closed;
    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(io::ErrorKind::BrokenPipe))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn dropped_lines_are_counted_before_the_next_line() {
        let mut buffer = Vec::new();
        let dropped = DropCount::default();
        {
            let mut log = ServerLog::new(
                &mut buffer,
                ErrStream::buffer().0,
                Format::Table,
                dropped.clone(),
            );
            log.write(|out| writeln!(out, "first"));
            dropped.add();
            dropped.add();
            log.write(|out| writeln!(out, "second"));
            log.flush_dropped();
        }
        let text = String::from_utf8(buffer).unwrap();
        assert_eq!(
            text,
            "first\n… 2 log lines dropped: the log's reader was slower than the server\nsecond\n"
        );
    }

    #[test]
    fn one_dropped_line_is_one_line_in_both_languages() {
        use crate::i18n::Lang;
        let text =
            |lang: Lang, lines: u64| crate::tr_in!(lang, "server-log-dropped", lines = lines);
        assert_eq!(
            text(Lang::En, 1),
            "… 1 log line dropped: the log's reader was slower than the server"
        );
        assert!(text(Lang::En, 2).starts_with("… 2 log lines dropped"));
        assert!(
            crate::output::spaces::plain(&text(Lang::Ja, 1)).starts_with("… ログを 1 行捨てました")
        );
    }

    #[test]
    fn a_closed_reader_closes_the_log_without_an_error() {
        let mut closed = Closed;
        let mut log = ServerLog::new(
            &mut closed,
            ErrStream::buffer().0,
            Format::Json,
            DropCount::default(),
        );
        log.write(|out| writeln!(out, "x"));
        assert!(!log.is_open());
        log.write(|out| writeln!(out, "y"));
    }
}
