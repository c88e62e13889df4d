//! The password an FTP client sends in clear on the control connection (`PASS secret`): one
//! rule for every view that would show it (the client's dialogue, a ladder's arrow, a capture's
//! payload preview), as vsftpd's log writes `PASS <password>`.

use std::borrow::Cow;

/// What a hidden password is shown as.
pub const HIDDEN: &[u8] = b"****";

/// `bytes` with the argument of each `PASS` command in them replaced by [`HIDDEN`]: a line
/// that starts `PASS ` (in any case: RFC 959's commands are case-insensitive), up to its CR or
/// LF, or to the end of `bytes` (a preview may stop inside the password). Borrowed when no
/// password is in them.
pub fn hide_passwords(bytes: &[u8]) -> Cow<'_, [u8]> {
    let mut hidden: Option<Vec<u8>> = None;
    // Bytes of `bytes` already copied into `hidden`.
    let mut copied = 0;
    let mut start = 0;
    while start < bytes.len() {
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |at| start + at + 1);
        let line = &bytes[start..end];
        if line.len() > 5 && line[..5].eq_ignore_ascii_case(b"PASS ") {
            let from = start + 5;
            let to = bytes[from..end]
                .iter()
                .position(|&b| b == b'\r' || b == b'\n')
                .map_or(end, |at| from + at);
            if to > from {
                let out = hidden.get_or_insert_with(|| Vec::with_capacity(bytes.len()));
                out.extend_from_slice(&bytes[copied..from]);
                out.extend_from_slice(HIDDEN);
                copied = to;
            }
        }
        start = end;
    }
    match hidden {
        None => Cow::Borrowed(bytes),
        Some(mut out) => {
            out.extend_from_slice(&bytes[copied..]);
            Cow::Owned(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pass_commands_argument_is_hidden_and_nothing_else() {
        assert_eq!(&*hide_passwords(b"PASS netlearn@\r\n"), b"PASS ****\r\n");
        assert_eq!(&*hide_passwords(b"pass s3cret"), b"pass ****");
        // A preview cut inside the password.
        assert_eq!(&*hide_passwords(b"PASS netlear"), b"PASS ****");
        // Several commands in one segment.
        assert_eq!(
            &*hide_passwords(b"USER bob\r\nPASS x y\r\nSYST\r\n"),
            b"USER bob\r\nPASS ****\r\nSYST\r\n"
        );
        for untouched in [
            &b"USER bob\r\n"[..],
            b"PASS \r\n",
            b"PASS",
            b"PASV\r\n",
            b"230 PASS accepted",
            b"",
        ] {
            assert!(
                matches!(hide_passwords(untouched), Cow::Borrowed(_)),
                "{untouched:?}"
            );
        }
    }
}
