//! The last step before bytes leave the process: a no-break space (U+00A0), which kept a
//! number with its unit (`6 B`, `RFC 9293`) while lines were laid out, is written as a plain
//! space. What people see is the same; what scripts, grep and older readers of netlearn's
//! output get is one kind of space. Bytes written verbatim (a body fetched over HTTP) pass
//! untouched.

use std::borrow::Cow;
use std::cell::Cell;
use std::io::{self, Write};

const NO_BREAK: [u8; 2] = [0xc2, 0xa0];

thread_local! {
    static VERBATIM: Cell<bool> = const { Cell::new(false) };
}

/// Runs `write` with its bytes passed on exactly as they are: for data that is not netlearn's
/// text (an HTTP body, a file).
pub fn verbatim<T>(write: impl FnOnce() -> T) -> T {
    let before = VERBATIM.with(|v| v.replace(true));
    let result = write();
    VERBATIM.with(|v| v.set(before));
    result
}

/// `text` with every no-break space written as a plain one.
pub fn plain(text: &str) -> Cow<'_, str> {
    if text.contains('\u{a0}') {
        Cow::Owned(text.replace('\u{a0}', " "))
    } else {
        Cow::Borrowed(text)
    }
}

/// A writer that turns each no-break space into a plain space on its way out. Each write is
/// passed on as one write (a line-buffered standard output would otherwise make a system call
/// of every piece between two no-break spaces).
pub struct PlainSpaces<W: Write> {
    inner: W,
    /// The first byte of a no-break space ended the last write: its second may start the next.
    pending: bool,
    /// The bytes of one write with their no-break spaces replaced, kept between writes.
    scratch: Vec<u8>,
}

impl<W: Write> PlainSpaces<W> {
    pub fn new(inner: W) -> PlainSpaces<W> {
        PlainSpaces {
            inner,
            pending: false,
            scratch: Vec::new(),
        }
    }
}

impl<W: Write> Write for PlainSpaces<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let verbatim = VERBATIM.with(Cell::get);
        if !self.pending && (verbatim || memchr::memchr(NO_BREAK[0], buf).is_none()) {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        self.scratch.clear();
        let mut rest = buf;
        if self.pending {
            self.pending = false;
            if !verbatim && rest.first() == Some(&NO_BREAK[1]) {
                self.scratch.push(b' ');
                rest = &rest[1..];
            } else {
                self.scratch.push(NO_BREAK[0]);
            }
        }
        if verbatim {
            self.scratch.extend_from_slice(rest);
            rest = &[];
        }
        while let Some(at) = memchr::memchr(NO_BREAK[0], rest) {
            self.scratch.extend_from_slice(&rest[..at]);
            match rest.get(at + 1) {
                Some(&second) if second == NO_BREAK[1] => {
                    self.scratch.push(b' ');
                    rest = &rest[at + 2..];
                }
                Some(_) => {
                    self.scratch.push(rest[at]);
                    rest = &rest[at + 1..];
                }
                None => {
                    // Held until the next write says whether it was a no-break space.
                    self.pending = true;
                    rest = &[];
                }
            }
        }
        self.scratch.extend_from_slice(rest);
        self.inner.write_all(&self.scratch)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.pending {
            self.pending = false;
            self.inner.write_all(&NO_BREAK[..1])?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for PlainSpaces<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(pieces: &[&[u8]]) -> Vec<u8> {
        let mut out = PlainSpaces::new(Vec::new());
        for piece in pieces {
            out.write_all(piece).expect("write");
        }
        out.flush().expect("flush");
        std::mem::take(&mut out.inner)
    }

    #[test]
    fn no_break_spaces_leave_as_plain_spaces_even_split_between_writes() {
        assert_eq!(through(&["6\u{a0}B in".as_bytes()]), b"6 B in");
        assert_eq!(through(&[b"6\xc2", b"\xa0B"]), b"6 B");
        // Other characters that start with 0xc2 are kept whole.
        assert_eq!(through(&["µs ©".as_bytes()]), "µs ©".as_bytes());
        assert_eq!(through(&[b"x\xc2", "©".as_bytes()]), b"x\xc2\xc2\xa9");
        assert_eq!(through(&[b"end\xc2"]), b"end\xc2");
    }

    /// Counts the writes that reach the writer underneath.
    #[derive(Default)]
    struct Writes(Vec<Vec<u8>>);

    impl Write for Writes {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.push(buf.to_vec());
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn one_write_stays_one_write_however_many_spaces_it_holds() {
        let mut out = PlainSpaces::new(Writes::default());
        out.write_all("1\u{a0}B\n2\u{a0}B\n3\u{a0}B\n".as_bytes())
            .expect("write");
        assert_eq!(out.inner.0, [b"1 B\n2 B\n3 B\n".to_vec()]);
    }

    #[test]
    fn verbatim_bytes_pass_untouched() {
        let mut out = PlainSpaces::new(Vec::new());
        verbatim(|| out.write_all("a\u{a0}b".as_bytes())).expect("write");
        out.write_all("c\u{a0}d".as_bytes()).expect("write");
        assert_eq!(out.inner, "a\u{a0}bc d".as_bytes());
    }
}
