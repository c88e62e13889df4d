//! Texts in a language given by the caller, for views that are built (and tested) in a
//! language other than the run's: `t!(lang, "id", name = value)`.

/// The text `id` in `lang`: `t!(lang, "id")`, `t!(lang, "id", n = v)` (`tr_in!` by a short name).
pub(crate) use crate::tr_in as t;

/// A number with its noun in `lang`, from a `count-*` message: the message chooses the noun's
/// form by `$count` (Fluent's plural rules) and shows `$n`, thousands separated: "1,234 bytes".
pub(crate) fn counted_in(lang: crate::i18n::Lang, id: &str, n: u64) -> String {
    t!(lang, id, count = n, n = crate::output::words::thousands(n))
}

/// [`counted_in`] the run's language.
pub(crate) fn counted(id: &str, n: u64) -> String {
    counted_in(crate::i18n::language(), id, n)
}

/// What the operating system said when a call failed, in `lang`: the errors people meet
/// (a reset connection, too many open files, ...) through `texts/*/system.ftl`, any other in
/// the system's own words. English reads exactly as the error's own text.
pub(crate) fn system_error_in(lang: crate::i18n::Lang, error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let Some(errno) = error.raw_os_error() else {
        let id = match error.kind() {
            // Only an error made from its kind alone reads as the kind; one with a message of
            // its own (a library's) says that message.
            _ if error.get_ref().is_some() => return error.to_string(),
            ErrorKind::WriteZero => "system-write-zero",
            ErrorKind::UnexpectedEof => "system-unexpected-eof",
            _ => return error.to_string(),
        };
        return t!(lang, id);
    };
    let id = match errno {
        libc::ECONNRESET => "system-connection-reset",
        libc::EPIPE => "system-broken-pipe",
        libc::ECONNREFUSED => "system-connection-refused",
        libc::ECONNABORTED => "system-connection-aborted",
        libc::ETIMEDOUT => "system-timed-out",
        libc::ENOENT => "system-not-found",
        libc::EACCES => "system-permission-denied",
        libc::EPERM => "system-not-permitted",
        libc::EADDRINUSE => "system-address-in-use",
        libc::EADDRNOTAVAIL => "system-address-not-available",
        libc::ENETUNREACH => "system-network-unreachable",
        libc::EHOSTUNREACH => "system-host-unreachable",
        libc::EMFILE => "system-too-many-files",
        libc::ENFILE => "system-too-many-files-in-system",
        libc::ENOMEM => "system-out-of-memory",
        libc::ENOBUFS => "system-no-buffers",
        libc::EISDIR => "system-is-a-directory",
        libc::ENOTDIR => "system-not-a-directory",
        libc::EMSGSIZE => "system-message-too-long",
        libc::ENODEV => "system-no-such-device",
        _ => return error.to_string(),
    };
    t!(
        lang,
        "system-error",
        words = t!(lang, id),
        errno = errno.to_string()
    )
}

/// [`system_error_in`] the run's language.
pub(crate) fn system_error(error: &std::io::Error) -> String {
    system_error_in(crate::i18n::language(), error)
}

/// A sentence as a JSON value: the no-break spaces that keep a number with its unit or name
/// on one terminal line (`1232\u{a0}bytes`, `RFC\u{a0}6761`) are plain spaces for a program, so
/// JSON values read as they did before the texts joined them.
pub(crate) fn for_json(text: String) -> String {
    match crate::output::spaces::plain(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(plain) => plain,
    }
}

/// Table headings from their text ids.
pub(crate) fn headings(lang: crate::i18n::Lang, ids: &[&str]) -> Vec<String> {
    ids.iter().map(|id| t!(lang, id)).collect()
}

/// A table as an 80-column terminal shows it, each line checked to fit.
#[cfg(test)]
pub(crate) fn at_80(table: &comfy_table::Table) -> String {
    let lines: Vec<String> = crate::output::fit::fit(table, 80)
        .into_iter()
        .map(|line| line.trim_end().to_string())
        .collect();
    for line in &lines {
        assert!(crate::output::width::display_width(line) <= 80, "{line}");
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn counted_nouns_agree_in_number_in_both_languages() {
        assert_eq!(counted_in(Lang::En, "count-frames", 0), "0\u{a0}frames");
        assert_eq!(counted_in(Lang::En, "count-echoes", 1), "1\u{a0}echo");
        assert_eq!(
            counted_in(Lang::En, "count-connections", 2),
            "2\u{a0}connections"
        );
        assert_eq!(
            counted_in(Lang::En, "count-bytes", 1_751_477_356),
            "1,751,477,356\u{a0}bytes"
        );
        assert_eq!(counted_in(Lang::En, "count-packets", 1), "1\u{a0}packet");
        assert_eq!(counted_in(Lang::Ja, "count-bytes", 1), "1\u{a0}バイト");
        assert_eq!(
            counted_in(Lang::Ja, "count-connections", 1234),
            "1,234\u{a0}個の接続"
        );
    }

    #[test]
    fn system_errors_read_as_the_system_says_in_english_and_in_japanese_in_japanese() {
        use std::io;
        let errnos = [
            libc::ECONNRESET,
            libc::EPIPE,
            libc::ECONNREFUSED,
            libc::ECONNABORTED,
            libc::ETIMEDOUT,
            libc::ENOENT,
            libc::EACCES,
            libc::EPERM,
            libc::EADDRINUSE,
            libc::EADDRNOTAVAIL,
            libc::ENETUNREACH,
            libc::EHOSTUNREACH,
            libc::EMFILE,
            libc::ENFILE,
            libc::ENOMEM,
            libc::ENOBUFS,
            libc::EISDIR,
            libc::ENOTDIR,
            libc::EMSGSIZE,
            libc::ENODEV,
            libc::EXDEV,
        ];
        for errno in errnos {
            let error = io::Error::from_raw_os_error(errno);
            assert_eq!(system_error_in(Lang::En, &error), error.to_string());
        }
        for kind in [io::ErrorKind::WriteZero, io::ErrorKind::UnexpectedEof] {
            let error = io::Error::from(kind);
            assert_eq!(system_error_in(Lang::En, &error), error.to_string());
            assert!(!system_error_in(Lang::Ja, &error).is_ascii());
        }
        let own = io::Error::new(io::ErrorKind::InvalidData, "bad frame");
        assert_eq!(system_error_in(Lang::Ja, &own), "bad frame");
        let reset = io::Error::from_raw_os_error(libc::ECONNRESET);
        assert_eq!(
            system_error_in(Lang::Ja, &reset),
            format!(
                "相手が接続をリセットしました (エラー番号 {})",
                libc::ECONNRESET
            )
        );
    }
}
