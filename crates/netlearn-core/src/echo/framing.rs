//! Message framing on a byte stream: the four ways to tell where one message ends.
//!
//! TCP delivers bytes, not messages: one `recv` may return half a message or three of them.
//! A protocol therefore frames its messages in one of four ways, and this module implements
//! each one as an incremental scanner (server side) plus an encoder/decoder (client side).

use std::fmt;
use std::str::FromStr;

/// The line that closes a connection in `line` framing, as in the original Python server.
pub const QUIT_LINE: &[u8] = b"quit";

/// Longest unfinished line that could still turn out to be the quit line ("quit\r").
const QUIT_WINDOW: usize = QUIT_LINE.len() + 1;

/// Size of the big-endian length prefix in `length` framing.
pub const LENGTH_PREFIX_LEN: usize = 4;

/// How messages are delimited on the stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framing {
    /// Delimiter: each message ends with `\n`; a `quit` line closes the connection.
    Line,
    /// Length prefix: a u32 big-endian byte count, then that many bytes.
    Length,
    /// Fixed length: every message is exactly N bytes.
    Fixed(usize),
    /// No framing: the stream is echoed as it comes; the sender ends it by closing (half-close).
    Raw,
}

/// Why a framing's name does not parse (worded by the echo view: `app::echo::words`).
#[derive(Debug, PartialEq, Eq)]
pub enum FramingParseError {
    /// Not one of line, length, fixed:N, raw.
    Unknown(String),
    /// `fixed:N` with N not a whole number from 1 to [`MAX_FIXED_FRAME`].
    BadFixedSize(String),
}

/// Largest accepted `fixed:N`, so a typo cannot make a server allocate gigabytes per peer.
pub const MAX_FIXED_FRAME: usize = 16 * 1024 * 1024;

impl FromStr for Framing {
    type Err = FramingParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "line" => Ok(Framing::Line),
            "length" => Ok(Framing::Length),
            "raw" => Ok(Framing::Raw),
            _ => match text.strip_prefix("fixed:") {
                Some(size) => match size.parse::<usize>() {
                    Ok(n) if (1..=MAX_FIXED_FRAME).contains(&n) => Ok(Framing::Fixed(n)),
                    _ => Err(FramingParseError::BadFixedSize(size.to_string())),
                },
                None => Err(FramingParseError::Unknown(text.to_string())),
            },
        }
    }
}

impl fmt::Display for Framing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Framing::Line => f.write_str("line"),
            Framing::Length => f.write_str("length"),
            Framing::Fixed(n) => write!(f, "fixed:{n}"),
            Framing::Raw => f.write_str("raw"),
        }
    }
}

impl serde::Serialize for Framing {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Why a scan asks the server to stop reading from this connection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The peer sent the `quit` line (line framing).
    Quit,
    /// A frame is longer than the configured maximum.
    FrameTooLong { len: u64, max: usize },
    /// Length framing: a prefix over the maximum whose four bytes are printable text, as when
    /// the peer sends lines or raw text to a length-framed server ("hell" of "hello" reads as
    /// 1,751,477,356).
    TextAsLength {
        len: u64,
        max: usize,
        prefix: [u8; LENGTH_PREFIX_LEN],
    },
}

/// The result of scanning the bytes buffered so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scan {
    /// Bytes at the front of the buffer that form complete (or streamable) frames: echo them now.
    pub echo_len: usize,
    /// Frames completed within `echo_len`.
    pub frames: u64,
    /// Set when the connection must close after echoing `echo_len` bytes.
    pub stop: Option<Stop>,
}

/// What remained unframed when the peer closed its side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tail {
    /// Nothing pending: the stream ended on a frame boundary.
    Clean,
    /// A last line without its `\n`.
    UnterminatedLine { len: usize },
    /// A last fixed frame shorter than N.
    ShortFrame { len: usize, expected: usize },
    /// The stream ended inside a length-prefixed frame, `received` bytes into it (prefix
    /// included).
    TruncatedFrame { missing: u64, received: u64 },
}

/// Incremental server-side frame scanner. Feed it the whole pending buffer after every read;
/// it remembers how far it got, so each byte is examined once.
#[derive(Clone, Debug)]
pub struct Deframer {
    framing: Framing,
    max_frame: usize,
    /// Line framing: bytes at the front of the pending buffer already known to hold no `\n`.
    scanned: usize,
    /// Line framing: bytes of the current, unfinished line already echoed.
    line_streamed: usize,
    /// Line framing: whether the last byte already echoed was `\r` (it may end a CRLF line).
    streamed_cr: bool,
    /// Length framing: payload bytes of the current frame not yet seen.
    payload_left: u64,
    /// Length framing: payload length of the current frame.
    frame_len: u64,
}

impl Deframer {
    pub fn new(framing: Framing, max_frame: usize) -> Self {
        Deframer {
            framing,
            max_frame,
            scanned: 0,
            line_streamed: 0,
            streamed_cr: false,
            payload_left: 0,
            frame_len: 0,
        }
    }

    pub fn framing(&self) -> Framing {
        self.framing
    }

    /// Scans `pending` (everything received and not yet echoed). The caller echoes
    /// `pending[..echo_len]`, keeps the rest at the front of its buffer and calls again after
    /// the next read.
    pub fn scan(&mut self, pending: &[u8]) -> Scan {
        match self.framing {
            Framing::Raw => Scan {
                echo_len: pending.len(),
                frames: 0,
                stop: None,
            },
            Framing::Fixed(size) => {
                let frames = pending.len() / size;
                Scan {
                    echo_len: frames * size,
                    frames: frames as u64,
                    stop: None,
                }
            }
            Framing::Line => self.scan_lines(pending),
            Framing::Length => self.scan_length(pending),
        }
    }

    fn scan_lines(&mut self, pending: &[u8]) -> Scan {
        // A client that sends without newlines (the article's) gets a long message echoed
        // as it streams, and may send "quit" before the pause that would end that message:
        // a read of exactly the quit word after a streamed line ends the line and the session.
        if self.line_streamed > 0 && self.scanned == 0 && pending == QUIT_LINE {
            self.line_streamed = 0;
            self.streamed_cr = false;
            return Scan {
                echo_len: 0,
                frames: 1,
                stop: Some(Stop::Quit),
            };
        }
        let mut line_start = 0;
        let mut frames = 0;
        let from = self.scanned.min(pending.len());
        for newline in memchr::memchr_iter(b'\n', &pending[from..]) {
            let end = from + newline;
            let raw_len = self.line_streamed + (end - line_start);
            let ends_in_cr = if end > line_start {
                pending[end - 1] == b'\r'
            } else {
                self.streamed_cr
            };
            let line_len = raw_len - usize::from(ends_in_cr && raw_len > 0);
            let line = &pending[line_start..end];
            if line_len > self.max_frame {
                return self.stopped(line_start, frames, line_len as u64);
            }
            if self.line_streamed == 0 && strip_cr(line) == QUIT_LINE {
                self.scanned = 0;
                return Scan {
                    echo_len: line_start,
                    frames,
                    stop: Some(Stop::Quit),
                };
            }
            frames += 1;
            self.line_streamed = 0;
            self.streamed_cr = false;
            line_start = end + 1;
        }
        let unterminated = pending.len() - line_start;
        let line_len = self.line_streamed + unterminated;
        // A line may end in "\r\n", so allow one byte beyond the maximum before it is too long.
        if line_len > self.max_frame + 1 {
            return self.stopped(line_start, frames, line_len as u64);
        }
        if line_len > QUIT_WINDOW {
            // Too long to be the quit line: echo the partial line now instead of holding it.
            // This keeps every connection's buffer small whatever --max-frame is, and long
            // lines flow as fast as raw bytes.
            self.line_streamed = line_len;
            self.streamed_cr = pending.last() == Some(&b'\r');
            self.scanned = 0;
            return Scan {
                echo_len: pending.len(),
                frames,
                stop: None,
            };
        }
        self.scanned = unterminated;
        Scan {
            echo_len: line_start,
            frames,
            stop: None,
        }
    }

    fn scan_length(&mut self, pending: &[u8]) -> Scan {
        let mut pos = 0;
        let mut frames = 0;
        loop {
            if self.payload_left > 0 {
                let take = self.payload_left.min((pending.len() - pos) as u64);
                pos += take as usize;
                self.payload_left -= take;
                if self.payload_left > 0 {
                    break;
                }
                frames += 1;
            }
            if pending.len() - pos < LENGTH_PREFIX_LEN {
                break;
            }
            let mut prefix = [0u8; LENGTH_PREFIX_LEN];
            prefix.copy_from_slice(&pending[pos..pos + LENGTH_PREFIX_LEN]);
            let len = u64::from(u32::from_be_bytes(prefix));
            if len > self.max_frame as u64 {
                let mut scan = self.stopped(pos, frames, len);
                if prefix.iter().all(|b| b.is_ascii_graphic() || *b == b' ') {
                    scan.stop = Some(Stop::TextAsLength {
                        len,
                        max: self.max_frame,
                        prefix,
                    });
                }
                return scan;
            }
            pos += LENGTH_PREFIX_LEN;
            if len == 0 {
                frames += 1;
            }
            self.payload_left = len;
            self.frame_len = len;
        }
        Scan {
            echo_len: pos,
            frames,
            stop: None,
        }
    }

    fn stopped(&mut self, echo_len: usize, frames: u64, len: u64) -> Scan {
        self.scanned = 0;
        Scan {
            echo_len,
            frames,
            stop: Some(Stop::FrameTooLong {
                len,
                max: self.max_frame,
            }),
        }
    }

    /// Line framing: whether a line has begun (held in `pending_len` bytes, or partly
    /// echoed already) and not yet ended.
    pub fn in_unfinished_line(&self, pending_len: usize) -> bool {
        self.framing == Framing::Line && (pending_len > 0 || self.line_streamed > 0)
    }

    /// Line framing: the unfinished line saw no more bytes for a while, so it was a whole
    /// message sent without a newline (the article's client sends exactly that): a bare
    /// "quit" closes, anything else is echoed, and the next byte starts a new message.
    /// Other framings hold partial frames by design and echo nothing here.
    pub fn flush_held(&mut self, pending: &[u8]) -> Scan {
        if !self.in_unfinished_line(pending.len()) {
            return Scan {
                echo_len: 0,
                frames: 0,
                stop: None,
            };
        }
        let line_len = self.line_streamed + pending.len();
        if line_len > self.max_frame {
            // Scanning allows one byte more in case a "\n" follows a "\r"; none came.
            return self.stopped(0, 0, line_len as u64);
        }
        let quit = self.line_streamed == 0 && strip_cr(pending) == QUIT_LINE;
        self.line_streamed = 0;
        self.streamed_cr = false;
        self.scanned = 0;
        if quit {
            return Scan {
                echo_len: 0,
                frames: 0,
                stop: Some(Stop::Quit),
            };
        }
        Scan {
            echo_len: pending.len(),
            frames: 1,
            stop: None,
        }
    }

    /// Called after the peer half-closed, before echoing `pending`: the last line when it
    /// is over `--max-frame` (scanning lets one more byte wait, in case it is the "\r" of a
    /// "\r\n"; with the stream ended it is part of the line).
    pub fn over_long_tail(&self, pending: &[u8]) -> Option<Stop> {
        let len = self.line_streamed + pending.len();
        (self.framing == Framing::Line && len > self.max_frame).then_some(Stop::FrameTooLong {
            len: len as u64,
            max: self.max_frame,
        })
    }

    /// Called after the peer half-closed: whether what is left is a bare "quit" (the
    /// article's client sends it without a newline and closes at once).
    pub fn tail_is_quit(&self, pending: &[u8]) -> bool {
        self.framing == Framing::Line && self.line_streamed == 0 && strip_cr(pending) == QUIT_LINE
    }

    /// Called after the peer half-closed: describes what is left in `pending`, which the
    /// server still echoes so that no byte is lost.
    pub fn finish(&self, pending: &[u8]) -> Tail {
        match self.framing {
            _ if self.payload_left > 0 => Tail::TruncatedFrame {
                missing: self.payload_left,
                received: LENGTH_PREFIX_LEN as u64 + self.frame_len - self.payload_left,
            },
            Framing::Line if self.line_streamed + pending.len() > 0 => Tail::UnterminatedLine {
                len: self.line_streamed + pending.len(),
            },
            _ if pending.is_empty() => Tail::Clean,
            Framing::Line | Framing::Raw => Tail::UnterminatedLine { len: pending.len() },
            Framing::Fixed(expected) => Tail::ShortFrame {
                len: pending.len(),
                expected,
            },
            Framing::Length => Tail::TruncatedFrame {
                missing: (LENGTH_PREFIX_LEN - pending.len()) as u64,
                received: pending.len() as u64,
            },
        }
    }

    /// Largest pending buffer this framing needs to hold before it can decide.
    pub fn max_pending(&self) -> usize {
        match self.framing {
            Framing::Line => QUIT_WINDOW + 1,
            Framing::Fixed(size) => size,
            Framing::Length => LENGTH_PREFIX_LEN,
            Framing::Raw => 0,
        }
    }
}

fn strip_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Why a message cannot be framed (worded by the echo view: `app::echo::words`).
#[derive(Debug, PartialEq, Eq)]
pub enum EncodeError {
    /// A line-framed message holds a newline byte, which would end it early.
    NewlineInLine,
    /// Fixed framing carries exactly `size` bytes per message.
    WrongFixedSize { len: usize, size: usize },
    /// The length prefix is a u32.
    TooLongForPrefix { len: usize },
}

/// Encodes one message for the wire.
pub fn encode(framing: Framing, payload: &[u8]) -> Result<Vec<u8>, EncodeError> {
    match framing {
        Framing::Line => {
            if memchr::memchr(b'\n', payload).is_some() {
                return Err(EncodeError::NewlineInLine);
            }
            let mut wire = Vec::with_capacity(payload.len() + 1);
            wire.extend_from_slice(payload);
            wire.push(b'\n');
            Ok(wire)
        }
        Framing::Length => {
            let len = u32::try_from(payload.len())
                .map_err(|_| EncodeError::TooLongForPrefix { len: payload.len() })?;
            let mut wire = Vec::with_capacity(payload.len() + LENGTH_PREFIX_LEN);
            wire.extend_from_slice(&len.to_be_bytes());
            wire.extend_from_slice(payload);
            Ok(wire)
        }
        Framing::Fixed(size) if payload.len() != size => Err(EncodeError::WrongFixedSize {
            len: payload.len(),
            size,
        }),
        Framing::Fixed(_) | Framing::Raw => Ok(payload.to_vec()),
    }
}

/// Recovers the message from its wire form (the inverse of [`encode`]).
pub fn decode(framing: Framing, wire: &[u8]) -> &[u8] {
    match framing {
        Framing::Line => wire.strip_suffix(b"\n").unwrap_or(wire),
        Framing::Length => wire.get(LENGTH_PREFIX_LEN..).unwrap_or_default(),
        Framing::Fixed(_) | Framing::Raw => wire,
    }
}

/// Client-side streaming decoder for length framing: strips the prefixes from an echoed
/// stream so a piped file comes back exactly as it went in.
#[derive(Clone, Debug, Default)]
pub struct PrefixStripper {
    prefix: [u8; LENGTH_PREFIX_LEN],
    prefix_have: usize,
    payload_left: u64,
}

impl PrefixStripper {
    /// Appends the payload bytes found in `wire` to `payload`.
    pub fn feed(&mut self, mut wire: &[u8], payload: &mut Vec<u8>) {
        while !wire.is_empty() {
            if self.payload_left > 0 {
                let take = self.payload_left.min(wire.len() as u64) as usize;
                payload.extend_from_slice(&wire[..take]);
                wire = &wire[take..];
                self.payload_left -= take as u64;
                continue;
            }
            let take = (LENGTH_PREFIX_LEN - self.prefix_have).min(wire.len());
            self.prefix[self.prefix_have..self.prefix_have + take].copy_from_slice(&wire[..take]);
            self.prefix_have += take;
            wire = &wire[take..];
            if self.prefix_have == LENGTH_PREFIX_LEN {
                self.payload_left = u64::from(u32::from_be_bytes(self.prefix));
                self.prefix_have = 0;
            }
        }
    }

    /// True when the stream so far ended exactly on a frame boundary.
    pub fn at_boundary(&self) -> bool {
        self.prefix_have == 0 && self.payload_left == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_all(deframer: &mut Deframer, chunks: &[&[u8]]) -> (Vec<u8>, u64, Option<Stop>) {
        let mut pending = Vec::new();
        let mut echoed = Vec::new();
        let mut frames = 0;
        for chunk in chunks {
            pending.extend_from_slice(chunk);
            let scan = deframer.scan(&pending);
            echoed.extend_from_slice(&pending[..scan.echo_len]);
            pending.drain(..scan.echo_len);
            frames += scan.frames;
            if scan.stop.is_some() {
                return (echoed, frames, scan.stop);
            }
        }
        echoed.extend_from_slice(&pending);
        (echoed, frames, None)
    }

    #[test]
    fn parses_and_displays_every_framing() {
        for text in ["line", "length", "raw", "fixed:16"] {
            assert_eq!(text.parse::<Framing>().unwrap().to_string(), text);
        }
        assert!(matches!(
            "fixed:0".parse::<Framing>(),
            Err(FramingParseError::BadFixedSize(_))
        ));
        assert!(matches!(
            "fixed:x".parse::<Framing>(),
            Err(FramingParseError::BadFixedSize(_))
        ));
        assert!(matches!(
            "lines".parse::<Framing>(),
            Err(FramingParseError::Unknown(_))
        ));
    }

    #[test]
    fn line_framing_holds_short_partial_lines_until_complete() {
        let mut deframer = Deframer::new(Framing::Line, 100);
        let mut pending = b"hel".to_vec();
        assert_eq!(deframer.scan(&pending).echo_len, 0);
        pending.extend_from_slice(b"lo\nwor");
        let scan = deframer.scan(&pending);
        assert_eq!((scan.echo_len, scan.frames), (6, 1));
        pending.drain(..6);
        pending.extend_from_slice(b"ld\n");
        assert_eq!(deframer.scan(&pending).echo_len, 6);
    }

    #[test]
    fn held_short_line_flushes_as_a_message_or_quits() {
        let mut deframer = Deframer::new(Framing::Line, 100);
        assert_eq!(deframer.scan(b"hi").echo_len, 0, "could still become quit");
        assert_eq!(deframer.flush_held(b"hi").echo_len, 2);
        // After a quiet spell the next bytes are a new message, so a bare quit closes.
        assert_eq!(deframer.scan(b"quit").echo_len, 0);
        assert_eq!(deframer.flush_held(b"quit").stop, Some(Stop::Quit));
        // A long message is echoed at once; after the quiet spell, quit still works.
        let mut deframer = Deframer::new(Framing::Line, 100);
        assert_eq!(deframer.scan(b"hello world").echo_len, 11);
        assert!(deframer.in_unfinished_line(0));
        assert_eq!(deframer.flush_held(b"").echo_len, 0);
        assert!(!deframer.in_unfinished_line(0));
        assert_eq!(deframer.scan(b"quit").echo_len, 0);
        assert_eq!(deframer.flush_held(b"quit").stop, Some(Stop::Quit));
        let mut fixed = Deframer::new(Framing::Fixed(4), 100);
        assert_eq!(
            fixed.flush_held(b"ab").echo_len,
            0,
            "fixed frames wait for all N bytes"
        );
    }

    #[test]
    fn a_bare_quit_right_after_a_streamed_message_ends_it_and_quits() {
        let mut deframer = Deframer::new(Framing::Line, 100);
        assert_eq!(deframer.scan(b"second message").echo_len, 14);
        let scan = deframer.scan(b"quit");
        assert_eq!((scan.echo_len, scan.frames), (0, 1));
        assert_eq!(scan.stop, Some(Stop::Quit));
        // Inside a line the word is just text when more follows it.
        let mut deframer = Deframer::new(Framing::Line, 100);
        deframer.scan(b"second message");
        assert_eq!(deframer.scan(b"quit it\n").stop, None);
    }

    #[test]
    fn crlf_split_after_a_streamed_cr_is_not_counted_twice() {
        let mut deframer = Deframer::new(Framing::Line, 8);
        assert_eq!(deframer.scan(b"12345678\r").echo_len, 9);
        let scan = deframer.scan(b"\n");
        assert_eq!((scan.echo_len, scan.frames, scan.stop), (1, 1, None));
    }

    #[test]
    fn long_partial_lines_stream_but_still_count_against_max_frame() {
        let mut deframer = Deframer::new(Framing::Line, 10);
        let scan = deframer.scan(b"abcdefg");
        assert_eq!(
            (scan.echo_len, scan.frames),
            (7, 0),
            "cannot be quit: streamed"
        );
        let scan = deframer.scan(b"hi\nquit");
        assert_eq!((scan.echo_len, scan.frames), (3, 1));
        let scan = deframer.scan(b"quit\n");
        assert_eq!(scan.stop, Some(Stop::Quit));

        let mut deframer = Deframer::new(Framing::Line, 10);
        assert_eq!(deframer.scan(b"12345678").echo_len, 8);
        assert_eq!(
            deframer.scan(b"9abc").stop,
            Some(Stop::FrameTooLong { len: 12, max: 10 })
        );
        let mut deframer = Deframer::new(Framing::Line, 10);
        deframer.scan(b"1234567");
        assert_eq!(deframer.finish(b""), Tail::UnterminatedLine { len: 7 });
    }

    #[test]
    fn quit_line_stops_without_being_echoed() {
        let mut deframer = Deframer::new(Framing::Line, 100);
        let (echoed, frames, stop) = scan_all(&mut deframer, &[b"a\nqu", b"it\r\nb\n"]);
        assert_eq!(echoed, b"a\n");
        assert_eq!(frames, 1);
        assert_eq!(stop, Some(Stop::Quit));
    }

    #[test]
    fn overlong_line_stops_even_without_a_newline() {
        let mut deframer = Deframer::new(Framing::Line, 4);
        let (_, _, stop) = scan_all(&mut deframer, &[b"ok\n123456"]);
        assert_eq!(stop, Some(Stop::FrameTooLong { len: 6, max: 4 }));
        let mut deframer = Deframer::new(Framing::Line, 4);
        let (_, _, stop) = scan_all(&mut deframer, &[b"1234\r\n12345\n"]);
        assert_eq!(stop, Some(Stop::FrameTooLong { len: 5, max: 4 }));
    }

    #[test]
    fn unterminated_line_one_byte_over_max_frame_is_refused_at_the_end() {
        // Held (short enough to be "quit\r"), then the peer half-closes or goes quiet.
        let mut deframer = Deframer::new(Framing::Line, 4);
        let scan = deframer.scan(b"12345");
        assert_eq!((scan.echo_len, scan.stop), (0, None));
        let over = Some(Stop::FrameTooLong { len: 5, max: 4 });
        assert_eq!(deframer.over_long_tail(b"12345"), over);
        assert_eq!(deframer.flush_held(b"12345").stop, over);
        // Streamed as it came (longer than the quit window), then the stream ends.
        let mut deframer = Deframer::new(Framing::Line, 8);
        let scan = deframer.scan(b"123456789");
        assert_eq!((scan.echo_len, scan.stop), (9, None));
        let over = Some(Stop::FrameTooLong { len: 9, max: 8 });
        assert_eq!(deframer.over_long_tail(b""), over);
        // Exactly --max-frame is fine, and other framings have no lines to refuse.
        let deframer = Deframer::new(Framing::Line, 4);
        assert_eq!(deframer.over_long_tail(b"1234"), None);
        let deframer = Deframer::new(Framing::Raw, 4);
        assert_eq!(deframer.over_long_tail(b"123456"), None);
    }

    #[test]
    fn length_framing_streams_payload_and_checks_each_prefix() {
        let mut deframer = Deframer::new(Framing::Length, 8);
        let mut wire = encode(Framing::Length, b"abc").unwrap();
        wire.extend(encode(Framing::Length, b"").unwrap());
        wire.extend(encode(Framing::Length, b"12345678").unwrap());
        let chunks: Vec<&[u8]> = wire.chunks(3).collect();
        let (echoed, frames, stop) = scan_all(&mut deframer, &chunks);
        assert_eq!(echoed, wire);
        assert_eq!(frames, 3);
        assert_eq!(stop, None);

        let mut deframer = Deframer::new(Framing::Length, 8);
        let (echoed, _, stop) = scan_all(&mut deframer, &[&[0, 0, 0, 1, b'x', 0, 0, 0, 9]]);
        assert_eq!(echoed, [0, 0, 0, 1, b'x']);
        assert_eq!(stop, Some(Stop::FrameTooLong { len: 9, max: 8 }));
    }

    #[test]
    fn text_sent_to_a_length_framed_server_is_recognised_as_text() {
        let mut deframer = Deframer::new(Framing::Length, 1024 * 1024);
        assert_eq!(
            deframer.scan(b"hello\n").stop,
            Some(Stop::TextAsLength {
                len: 1_751_477_356,
                max: 1024 * 1024,
                prefix: *b"hell"
            })
        );
        // An over-long prefix that is not text is just too long.
        let mut deframer = Deframer::new(Framing::Length, 8);
        assert_eq!(
            deframer.scan(&[0xff, 0, 0, 1]).stop,
            Some(Stop::FrameTooLong {
                len: 0xff00_0001,
                max: 8
            })
        );
    }

    #[test]
    fn fixed_framing_holds_partial_frames() {
        let mut deframer = Deframer::new(Framing::Fixed(4), 100);
        let scan = deframer.scan(b"abcdefghij");
        assert_eq!((scan.echo_len, scan.frames), (8, 2));
        assert_eq!(
            deframer.finish(b"ij"),
            Tail::ShortFrame {
                len: 2,
                expected: 4
            }
        );
    }

    #[test]
    fn tails_describe_what_was_left() {
        let deframer = Deframer::new(Framing::Line, 10);
        assert_eq!(deframer.finish(b""), Tail::Clean);
        assert_eq!(deframer.finish(b"ab"), Tail::UnterminatedLine { len: 2 });
        assert!(deframer.tail_is_quit(b"quit"));
        assert!(!deframer.tail_is_quit(b"quit!"));
        let mut deframer = Deframer::new(Framing::Length, 10);
        deframer.scan(&[0, 0, 0, 5, 1]);
        assert_eq!(
            deframer.finish(b""),
            Tail::TruncatedFrame {
                missing: 4,
                received: 5
            }
        );
        let deframer = Deframer::new(Framing::Length, 10);
        assert_eq!(
            deframer.finish(b"\0\0"),
            Tail::TruncatedFrame {
                missing: 2,
                received: 2
            }
        );
    }

    #[test]
    fn encode_decode_round_trip() {
        for framing in [
            Framing::Line,
            Framing::Length,
            Framing::Raw,
            Framing::Fixed(5),
        ] {
            let wire = encode(framing, b"hello").unwrap();
            assert_eq!(decode(framing, &wire), b"hello");
        }
        assert_eq!(
            encode(Framing::Line, b"a\nb"),
            Err(EncodeError::NewlineInLine)
        );
        assert_eq!(
            encode(Framing::Fixed(3), b"ab"),
            Err(EncodeError::WrongFixedSize { len: 2, size: 3 })
        );
    }

    #[test]
    fn prefix_stripper_recovers_payload_from_any_split() {
        let mut wire = encode(Framing::Length, b"hello ").unwrap();
        wire.extend(encode(Framing::Length, b"").unwrap());
        wire.extend(encode(Framing::Length, "wörld".as_bytes()).unwrap());
        for split in 1..wire.len() {
            let mut stripper = PrefixStripper::default();
            let mut payload = Vec::new();
            for chunk in wire.chunks(split) {
                stripper.feed(chunk, &mut payload);
            }
            assert_eq!(payload, "hello wörld".as_bytes());
            assert!(stripper.at_boundary());
        }
    }

    fn any_framing() -> impl proptest::strategy::Strategy<Value = Framing> {
        use proptest::prelude::*;
        prop_oneof![
            Just(Framing::Line),
            Just(Framing::Length),
            Just(Framing::Raw),
            (1usize..40).prop_map(Framing::Fixed),
        ]
    }

    proptest::proptest! {
        /// However the stream is cut into reads, the scanner echoes every byte exactly once,
        /// in order, and counts the same frames; it never panics on arbitrary bytes.
        #[test]
        fn any_split_of_the_stream_scans_the_same(
            framing in any_framing(),
            data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..600),
            cuts in proptest::collection::vec(1usize..64, 1..40),
        ) {
            let mut whole = Deframer::new(framing, 300);
            let (echoed_whole, frames_whole, stop_whole) = scan_all(&mut whole, &[&data]);
            let mut chunks = Vec::new();
            let mut rest = &data[..];
            for cut in cuts.iter().cycle() {
                if rest.is_empty() {
                    break;
                }
                let (chunk, tail) = rest.split_at((*cut).min(rest.len()));
                chunks.push(chunk);
                rest = tail;
            }
            let mut split = Deframer::new(framing, 300);
            let (echoed_split, frames_split, stop_split) = scan_all(&mut split, &chunks);
            proptest::prop_assert_eq!(stop_whole.is_some(), stop_split.is_some());
            if stop_whole.is_none() {
                proptest::prop_assert_eq!(&echoed_whole, &data);
                proptest::prop_assert_eq!(&echoed_split, &data);
                proptest::prop_assert_eq!(frames_whole, frames_split);
            }
        }
    }
}
