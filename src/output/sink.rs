//! The one place a command's output leaves it: reports and JSON Lines records on standard
//! output, notes and warnings on standard error, both handed in by whoever runs the command
//! (`main`, the live runner of the demos, a test).

use std::fmt;
use std::io::{self, Write};
use std::sync::{Arc, Mutex, PoisonError};

use serde::Serialize;

use super::{Format, Render, emit, write_record};

/// Where a command writes: the chosen format, standard output, and standard error.
pub struct Sink<'a> {
    format: Format,
    out: &'a mut (dyn Write + Send),
    err: ErrStream,
    failed: bool,
}

impl<'a> Sink<'a> {
    pub fn new(format: Format, out: &'a mut (dyn Write + Send), err: ErrStream) -> Sink<'a> {
        Sink {
            format,
            out,
            err,
            failed: false,
        }
    }

    /// The grep-like exit: a command that showed its whole result, and the result says "no"
    /// (a benchmark with errors, an address outside the network, a demo that failed), says so
    /// here and still returns `Ok`; a command that could not produce its result returns `Err`.
    /// Either way the exit code is 1; `lib::run` reads this one.
    pub fn verdict(&mut self, ok: bool) -> std::process::ExitCode {
        self.failed |= !ok;
        self.exit_code()
    }

    /// 0, or 1 when a result said failure through [`Sink::verdict`].
    pub fn exit_code(&self) -> std::process::ExitCode {
        if self.failed {
            std::process::ExitCode::from(crate::error::EXIT_RUNTIME)
        } else {
            std::process::ExitCode::SUCCESS
        }
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// Standard output, for commands that write tables and lines themselves.
    pub fn out(&mut self) -> &mut (dyn Write + Send) {
        self.out
    }

    /// The format and standard output at once (most commands need both for their whole run).
    pub fn parts(&mut self) -> (Format, &mut (dyn Write + Send)) {
        (self.format, self.out)
    }

    /// The terminals of this run (the same for every sink of the process).
    pub fn screen(&self) -> super::screen::Screen {
        super::screen::screen()
    }

    /// Standard error: a handle that threads and long-running loops can keep.
    pub fn err(&self) -> ErrStream {
        self.err.clone()
    }

    /// One finite report, as a table or as one JSON document.
    pub fn report<T: Serialize + Render>(&mut self, report: &T) -> io::Result<()> {
        emit(report, self.format, self.out)
    }

    /// One record of a stream: a text line, or one JSON Lines record under `--json`.
    pub fn record<T: Serialize + Render + ?Sized>(&mut self, record: &T) -> io::Result<()> {
        write_record(record, self.format, self.out)
    }
}

/// Standard error, shareable across threads. Failures to write it are ignored: when standard
/// error itself is gone there is nobody left to tell.
#[derive(Clone)]
pub struct ErrStream(Arc<Mutex<Box<dyn Write + Send>>>);

impl ErrStream {
    /// The process's standard error.
    pub fn stderr() -> ErrStream {
        ErrStream::to(Box::new(super::spaces::PlainSpaces::new(io::stderr())))
    }

    /// Any writer, such as a buffer that the live runner shows or a test reads.
    pub fn to(writer: Box<dyn Write + Send>) -> ErrStream {
        ErrStream(Arc::new(Mutex::new(writer)))
    }

    /// A buffer in memory, and the handle to read it back.
    pub fn buffer() -> (ErrStream, ErrBuffer) {
        let buffer = ErrBuffer::default();
        (ErrStream::to(Box::new(buffer.clone())), buffer)
    }

    /// Writes `netlearn: {message}` on a line of its own.
    pub fn say(&self, message: impl fmt::Display) {
        self.write_text(&format!("netlearn: {message}\n"));
    }

    /// Writes `text` as it is (progress lines that redraw themselves need no newline).
    pub fn write_text(&self, text: &str) {
        let mut writer = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let _ = writer.write_all(text.as_bytes());
        let _ = writer.flush();
    }
}

impl Write for ErrStream {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let mut writer = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        writer.write(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        let mut writer = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        writer.flush()
    }
}

/// What a command wrote to an [`ErrStream::buffer`].
#[derive(Clone, Default)]
pub struct ErrBuffer(Arc<Mutex<Vec<u8>>>);

impl ErrBuffer {
    pub fn text(&self) -> String {
        let bytes = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

impl Write for ErrBuffer {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let mut buffer = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_that_says_no_exits_1_and_stays_so() {
        let mut out = Vec::new();
        let mut sink = Sink::new(Format::Table, &mut out, ErrStream::buffer().0);
        assert_eq!(sink.exit_code(), std::process::ExitCode::SUCCESS);
        assert_eq!(sink.verdict(true), std::process::ExitCode::SUCCESS);
        assert_eq!(sink.verdict(false), std::process::ExitCode::from(1));
        assert_eq!(sink.verdict(true), std::process::ExitCode::from(1));
    }

    #[test]
    fn standard_error_can_be_captured_and_shared() {
        let (err, buffer) = ErrStream::buffer();
        let mut out = Vec::new();
        let sink = Sink::new(Format::Table, &mut out, err);
        let from_thread = sink.err();
        std::thread::spawn(move || from_thread.say("from a thread"))
            .join()
            .expect("the thread ends");
        sink.err().write_text("progress\r");
        assert_eq!(buffer.text(), "netlearn: from a thread\nprogress\r");
    }
}
