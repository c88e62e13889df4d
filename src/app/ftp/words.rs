//! FTP in the reader's words: each step of a session as a line (`C> USER demo`, `S> 331 …`,
//! a data connection opened or closed) and what went wrong talking to a server. The demo and
//! the client commands say them alike.

use crate::app::text::{counted, t};
use crate::i18n::Lang;
use crate::net::ftp::client::{FtpError, MAX_LINE, MAX_REPLY_LINES, Wire};
use crate::output::escape::terminal_safe;
use crate::tr;

/// One step of a session as a line for people.
pub fn wire_text(step: &Wire) -> String {
    match step {
        Wire::Sent { line } => format!("C> {}", terminal_safe(line)),
        Wire::Received { line } => format!("S> {}", terminal_safe(line)),
        Wire::DataOpened {
            local,
            peer,
            active: false,
        } => format!(
            "{} {}",
            tr!("ftp-tag-data"),
            tr!(
                "ftp-data-opened-passive",
                local = local.to_string(),
                peer = peer.to_string()
            )
        ),
        Wire::DataOpened {
            local,
            peer,
            active: true,
        } => format!(
            "{} {}",
            tr!("ftp-tag-data"),
            tr!(
                "ftp-data-opened-active",
                local = local.to_string(),
                peer = peer.to_string()
            )
        ),
        Wire::DataClosed {
            bytes,
            by_server: true,
        } => format!(
            "{} {}",
            tr!("ftp-tag-data"),
            tr!(
                "ftp-data-closed-by-server",
                bytes = counted("count-bytes", *bytes)
            )
        ),
        Wire::DataClosed {
            bytes,
            by_server: false,
        } => format!(
            "{} {}",
            tr!("ftp-tag-data"),
            tr!(
                "ftp-data-closed-by-client",
                bytes = counted("count-bytes", *bytes)
            )
        ),
    }
}

/// What went wrong talking FTP.
pub fn ftp_error(lang: Lang, error: &FtpError) -> String {
    match error {
        FtpError::Connect { addr, cause } => t!(
            lang,
            "ftp-error-connect",
            addr = addr.to_string(),
            error = cause.to_string()
        ),
        FtpError::Io(error) => error.to_string(),
        FtpError::Timeout(limit) => {
            t!(lang, "ftp-error-timeout", limit = format!("{limit:?}"))
        }
        FtpError::Closed => t!(lang, "ftp-error-closed"),
        FtpError::LineTooLong => t!(lang, "ftp-error-line-too-long", max = MAX_LINE),
        FtpError::TooManyLines => {
            t!(lang, "ftp-error-too-many-lines", max = MAX_REPLY_LINES)
        }
        FtpError::NotAReply(line) => t!(
            lang,
            "ftp-error-not-a-reply",
            line = terminal_safe(&format!("{line:?}")).into_owned()
        ),
        FtpError::Refused {
            command,
            code,
            text,
        } => t!(
            lang,
            "ftp-error-refused",
            command = terminal_safe(command).into_owned(),
            code = *code,
            text = terminal_safe(text).into_owned()
        ),
        FtpError::BadPassive(reply) => t!(
            lang,
            "ftp-error-bad-passive",
            reply = terminal_safe(&format!("{reply:?}")).into_owned()
        ),
        FtpError::PortNeedsIpv4 => t!(lang, "ftp-error-port-needs-ipv4"),
        FtpError::TooMuchData(limit) => t!(lang, "ftp-error-too-much-data", limit = *limit),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn ftp_errors_in_both_languages() {
        let refused = FtpError::Refused {
            command: "RETR hello.txt".into(),
            code: 550,
            text: "No such file".into(),
        };
        assert_eq!(
            ftp_error(Lang::En, &refused),
            "RETR hello.txt failed: 550 No such file"
        );
        let ja = ftp_error(Lang::Ja, &refused);
        assert!(
            ja.contains("RETR hello.txt") && ja.contains("550 No such file"),
            "{ja}"
        );
        let late = FtpError::Timeout(Duration::from_secs(5));
        assert_eq!(ftp_error(Lang::En, &late), "no answer within 5s");
        assert!(ftp_error(Lang::Ja, &late).contains("5s 以内に"));
        assert_eq!(
            crate::output::spaces::plain(&ftp_error(Lang::En, &FtpError::LineTooLong)),
            "a reply line longer than 4096 bytes"
        );
        assert!(ftp_error(Lang::Ja, &FtpError::TooManyLines).contains("200\u{a0}行"));
        let odd = FtpError::NotAReply("hello\u{1b}[2J".into());
        let en = ftp_error(Lang::En, &odd);
        assert!(
            en.starts_with("not an FTP reply: ") && !en.contains('\u{1b}'),
            "{en}"
        );
        assert!(ftp_error(Lang::Ja, &FtpError::Closed).contains("制御用の接続"));
        assert_eq!(
            crate::output::spaces::plain(&ftp_error(Lang::En, &FtpError::TooMuchData(1024))),
            "more than 1024 bytes on the data connection"
        );
    }
}
