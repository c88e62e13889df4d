//! Terminal safety for text that came from the network or from input files: control
//! characters and bidi overrides are shown as escapes, never sent raw to a terminal.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::net::quote::QUOTE_LIMIT;

/// True for characters that must never reach a terminal raw: C0 controls, DEL, C1 controls
/// (U+0080–U+009F, e.g. U+009B, the 8-bit CSI) and the bidi embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069) that can make text read differently from what it is.
pub fn is_unsafe(c: char) -> bool {
    matches!(c, '\0'..='\x1f' | '\x7f' | '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\0'..='\x7f' => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        _ => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

fn escape_where(text: &str, escape: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escape(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` for one line of a terminal or a table cell: every unsafe character escaped
/// (`\x1b`, `\n`, `\u{202e}`), everything else as it is.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    escape_where(text, is_unsafe)
}

/// Like [`terminal_safe`] but keeps line breaks and tabs: for multi-line text such as a body
/// preview. A carriage return is escaped, since it lets one line overwrite another.
pub fn terminal_safe_multiline(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| c != '\n' && c != '\t' && is_unsafe(c))
}

/// Bytes that should be text (a DNS character-string, a received message): valid UTF-8 is
/// shown as [`terminal_safe`] text, each invalid byte as `\xNN`.
pub fn bytes_terminal_safe(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(&terminal_safe(chunk.valid()));
        for byte in chunk.invalid() {
            let _ = write!(out, "\\x{byte:02x}");
        }
    }
    out
}

/// [`bytes_terminal_safe`] pushed onto `out`: printable ASCII (most payloads) byte by byte,
/// the rest from its first other byte as [`bytes_terminal_safe`] writes it.
pub fn push_bytes_terminal_safe(out: &mut String, bytes: &[u8]) {
    for (i, &byte) in bytes.iter().enumerate() {
        match byte {
            b' '..=b'~' => out.push(char::from(byte)),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0..=0x7f => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\x");
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0xf)]));
            }
            // An ASCII byte is a whole character: what follows decodes as it would have.
            _ => {
                out.push_str(&bytes_terminal_safe(&bytes[i..]));
                return;
            }
        }
    }
}

/// A bad input line as an error message quotes it: escaped, at most [`QUOTE_LIMIT`]
/// characters of the escaped text (so a line of control bytes cannot grow fourfold), and when
/// cut, how long the line really was.
pub fn quote_line(line: &str) -> String {
    let mut shown = String::new();
    let mut shown_chars = 0;
    let mut cut = false;
    for c in line.chars() {
        let mut piece = String::new();
        if is_unsafe(c) {
            push_escaped(&mut piece, c);
        } else {
            piece.push(c);
        }
        let piece_chars = piece.chars().count();
        if shown_chars + piece_chars > QUOTE_LIMIT {
            cut = true;
            break;
        }
        shown.push_str(&piece);
        shown_chars += piece_chars;
    }
    if !cut {
        return format!("'{shown}'");
    }
    crate::tr!("quote-cut", shown = shown, length = line.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pushed_bytes_read_as_the_escaped_string() {
        let mut all: Vec<u8> = (0..=255).collect();
        all.extend_from_slice("ようこそ\u{202e}\r\n".as_bytes());
        all.extend_from_slice(&[0xe3, 0x81]);
        for start in [0, 10, 31, 127, 128, 200, 256, 259] {
            let bytes = &all[start..];
            let mut out = String::from("x");
            push_bytes_terminal_safe(&mut out, bytes);
            assert_eq!(
                out,
                format!("x{}", bytes_terminal_safe(bytes)),
                "from {start}"
            );
        }
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(
            terminal_safe("héllo こんにちは"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn controls_and_bidi_overrides_are_escaped() {
        assert_eq!(terminal_safe("a\x1b]0;x\x07b"), "a\\x1b]0;x\\x07b");
        assert_eq!(terminal_safe("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(terminal_safe("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(terminal_safe("\u{2066}x\u{2069}"), "\\u{2066}x\\u{2069}");
        assert_eq!(terminal_safe("a\nb\tc\x7f"), "a\\nb\\tc\\x7f");
        assert_eq!(
            terminal_safe_multiline("a\nb\tc\rd\x1b"),
            "a\nb\tc\\rd\\x1b"
        );
    }

    #[test]
    fn invalid_utf8_bytes_are_shown_as_hex() {
        assert_eq!(bytes_terminal_safe(b"ok\xff\x1b["), "ok\\xff\\x1b[");
    }

    #[test]
    fn long_lines_are_cut_when_quoted() {
        let long = "x".repeat(1000);
        let quoted = quote_line(&long);
        assert!(quoted.chars().count() < 130, "{quoted}");
        assert!(quoted.contains("1000 characters"));
        assert_eq!(quote_line("10.0.0.\x1b"), "'10.0.0.\\x1b'");
        let controls = quote_line(&"\x0f".repeat(200));
        assert!(controls.chars().count() < 130, "{controls}");
        assert!(!controls.chars().any(is_unsafe));
    }
}
