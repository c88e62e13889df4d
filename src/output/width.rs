//! How wide the reader's screen is, and prose wrapped to it by display width (a CJK
//! character takes two columns) with Unicode line-breaking rules.

use std::io;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Width assumed when there is no terminal to ask (a pipe, a file, a test).
pub const DEFAULT_WIDTH: usize = 80;

/// Prose is kept to at most this many columns even on a wide terminal: long lines are hard
/// to read.
pub const MAX_PROSE_WIDTH: usize = 100;

/// Narrowest width netlearn lays text out for; anything narrower is treated as this.
const MIN_WIDTH: usize = 20;

/// The terminal's width in columns: `COLUMNS` when set (as shells and `ls` honour it), else
/// the size of the terminal on stdout, else [`DEFAULT_WIDTH`].
pub fn terminal_width() -> usize {
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.trim().parse::<usize>().ok())
        .filter(|&columns| columns > 0);
    let width = from_env.unwrap_or_else(|| {
        if super::screen::screen().on_terminal {
            terminal_size::terminal_size_of(io::stdout())
                .map_or(DEFAULT_WIDTH, |(terminal_size::Width(w), _)| usize::from(w))
        } else {
            DEFAULT_WIDTH
        }
    });
    width.max(MIN_WIDTH)
}

/// The width prose is wrapped to: the terminal's, at most [`MAX_PROSE_WIDTH`].
pub fn prose_width() -> usize {
    terminal_width().min(MAX_PROSE_WIDTH)
}

/// The width prose is wrapped to on a screen `columns` wide (what [`prose_width`] gives with
/// `COLUMNS=columns`, for a caller that names the width instead of reading it).
pub fn prose_width_of(columns: usize) -> usize {
    columns.clamp(MIN_WIDTH, MAX_PROSE_WIDTH)
}

/// Columns `text` takes on a terminal.
pub fn display_width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` followed by spaces up to `width` columns (format's `{:<12}` counts characters, and a
/// Japanese character takes two columns).
pub fn pad(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(display_width(text));
    format!("{text}{}", " ".repeat(fill))
}

/// The longest start of `text` that fits in `width` columns.
pub fn truncate(text: &str, width: usize) -> &str {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        used += UnicodeWidthChar::width(c).unwrap_or(0);
        if used > width {
            return &text[..at];
        }
    }
    text
}

/// A space that joins what it separates (a number and its unit: `6\u{a0}B`): kept as it is,
/// never a place to break a line.
fn is_no_break_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

/// `text` with each run of breakable white space (spaces, tabs, line ends) made one space;
/// no-break spaces stay.
fn collapse_spaces(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() && !is_no_break_space(c))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Japanese punctuation that ends a sentence or a clause: a line may always break after it.
fn ends_a_japanese_clause(c: char) -> bool {
    matches!(c, '。' | '、' | '！' | '？' | '．' | '，')
}

/// An ASCII character a line may start with (not a closing bracket or trailing punctuation).
fn may_start_a_line(c: char) -> bool {
    c.is_ascii_graphic() && !matches!(c, ')' | ']' | '}' | ',' | '.' | ';' | ':' | '!' | '?' | '%')
}

/// Unicode's break opportunities (UAX #14), plus one after 。 or 、 that an ASCII run follows
/// directly (`します。--half-close`). Unicode allows no break before a hyphen (LB21), so
/// `す。--half-close` was one word and the line broke inside the Japanese word before it
/// (`しま` / `す。--half-close`); now the sentence ends its line and the option starts the next.
fn japanese_words(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    Box::new(
        textwrap::WordSeparator::UnicodeBreakProperties
            .find_words(line)
            .flat_map(split_after_clauses),
    )
}

/// `word` cut after each Japanese full stop or comma that an ASCII run follows; the last piece
/// keeps the word's trailing white space and penalty.
fn split_after_clauses(word: textwrap::core::Word<'_>) -> Vec<textwrap::core::Word<'_>> {
    let text = word.word;
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let cut = at + c.len_utf8();
        if ends_a_japanese_clause(c)
            && chars
                .peek()
                .is_some_and(|&(_, next)| may_start_a_line(next))
        {
            pieces.push(piece(&text[start..cut], "", ""));
            start = cut;
        }
    }
    pieces.push(piece(&text[start..], word.whitespace, word.penalty));
    pieces
}

fn piece<'a>(word: &'a str, whitespace: &'a str, penalty: &'a str) -> textwrap::core::Word<'a> {
    textwrap::core::Word {
        word,
        whitespace,
        penalty,
        width: textwrap::core::display_width(word),
    }
}

/// Wraps `text` to `width` columns, each line starting with `indent`. Words are never split
/// unless a single word is wider than the line; line breaks follow Unicode's rules, so
/// Japanese wraps between characters but never puts 。、」 at the start of a line. A no-break
/// space (between a number and its unit) is never a break, and neither is a hyphen inside a
/// word (`half-close`); only a word wider than the line is cut, so nothing overflows.
pub fn wrap(text: &str, indent: &str, width: usize) -> String {
    let width = width.max(display_width(indent) + 1);
    let options = textwrap::Options::new(width)
        .initial_indent(indent)
        .subsequent_indent(indent)
        .word_separator(textwrap::WordSeparator::Custom(japanese_words))
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(true);
    textwrap::wrap(&collapse_spaces(text), options).join("\n")
}

/// Wraps one line of output to `width`: the first line as it starts, the ones after it
/// indented by `indent`, so a wrapped log or result line still reads as one. As in [`wrap`], a
/// no-break space and a hyphen inside a word are never breaks.
pub fn wrap_hanging(text: &str, indent: &str, width: usize) -> String {
    let width = width.max(display_width(indent) + 8);
    // A log line breaks only at spaces (an address or a hex dump stays whole), unless it holds
    // Japanese, which has no spaces and breaks between characters by Unicode's rules.
    let separator = if text.chars().any(|c| UnicodeWidthChar::width(c) == Some(2)) {
        textwrap::WordSeparator::Custom(japanese_words)
    } else {
        textwrap::WordSeparator::AsciiSpace
    };
    let options = textwrap::Options::new(width)
        .subsequent_indent(indent)
        .word_separator(separator)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(true);
    textwrap::wrap(text, options).join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_log_lines_fold_by_japanese_rules_and_ascii_ones_at_spaces() {
        let text = "[conn 1] 127.0.0.1:60758 との接続を閉じました: 相手が自分の側を閉じました。受信 6 B、送信 6 B、1 フレーム、33.2 ms";
        for width in [30, 40, 60, 80] {
            let wrapped = wrap_hanging(text, "    ", width);
            for line in wrapped.lines() {
                assert!(display_width(line) <= width, "{line:?}");
                let first = line.trim_start().chars().next();
                assert!(
                    !matches!(first, Some('。' | '、' | '」' | '）')),
                    "{line:?}"
                );
            }
        }
        assert_eq!(
            wrap_hanging("non-blocking socket/api", "  ", 12),
            "non-blocking\n  socket/api"
        );
    }

    #[test]
    fn pads_and_truncates_by_display_width() {
        assert_eq!(pad("ポート", 8), "ポート  ");
        assert_eq!(pad("port", 8), "port    ");
        assert_eq!(pad("too long", 3), "too long");
        assert_eq!(truncate("ポート番号", 5), "ポー");
        assert_eq!(truncate("port", 10), "port");
    }

    #[test]
    fn wraps_by_display_width_without_splitting_words() {
        let text = "the loopback interface carries packets that never leave this machine";
        for line in wrap(text, "  ", 24).lines() {
            assert!(display_width(line) <= 24, "{line:?}");
            assert!(line.starts_with("  "));
        }
        assert!(wrap(text, "", 24).contains("loopback"));
    }

    #[test]
    fn japanese_wraps_at_two_columns_per_character_and_keeps_punctuation_attached() {
        let text = "サブネットマスクは、アドレスのどこまでがネットワークを表すかを決めます。ホスト部はその残りです。";
        let wrapped = wrap(text, "", 20);
        for line in wrapped.lines() {
            assert!(display_width(line) <= 20, "{line:?}");
            assert!(
                !line.starts_with('。') && !line.starts_with('、'),
                "{line:?}"
            );
        }
        assert_eq!(wrapped.replace('\n', ""), text);
    }

    /// Every line of `wrapped` fits `width` columns.
    fn fits(wrapped: &str, width: usize) {
        for line in wrapped.lines() {
            assert!(
                display_width(line) <= width,
                "{line:?} is wider than {width}"
            );
        }
    }

    #[test]
    fn a_no_break_space_is_kept_and_never_a_break() {
        // Without the no-break space, `6` would end the first line and `B` start the next.
        let text = "received 6\u{a0}B, sent 6\u{a0}B in 100\u{a0}ms";
        for width in 8..30 {
            let wrapped = wrap(text, "", width);
            fits(&wrapped, width);
            assert!(wrapped.contains("6\u{a0}B"), "{width}: {wrapped:?}");
            assert!(wrapped.contains("100\u{a0}ms"), "{width}: {wrapped:?}");
            let hanging = wrap_hanging(text, "  ", width.max(12));
            fits(&hanging, width.max(12));
            assert!(hanging.contains("6\u{a0}B"), "{width}: {hanging:?}");
            assert!(hanging.contains("100\u{a0}ms"), "{width}: {hanging:?}");
        }
        assert_eq!(wrap("see RFC\u{a0}1918", "", 10), "see\nRFC\u{a0}1918");
        // Ordinary white space still collapses.
        assert_eq!(wrap("a \t b\n c", "", 20), "a b c");
    }

    #[test]
    fn japanese_keeps_a_number_with_its_unit() {
        let text =
            "受信したのは 6\u{a0}バイト、送ったのは 6\u{a0}バイト、かかった時間は 5\u{a0}秒です。";
        for width in 12..40 {
            for wrapped in [wrap(text, "", width), wrap_hanging(text, "  ", width)] {
                fits(&wrapped, width);
                for line in wrapped.lines() {
                    let line = line.trim();
                    assert!(!line.ends_with('6') && !line.ends_with('5'), "{line:?}");
                    assert!(!line.starts_with('\u{a0}'), "{line:?}");
                }
                assert!(wrapped.contains("6\u{a0}バ"), "{width}: {wrapped:?}");
                assert!(wrapped.contains("5\u{a0}秒"), "{width}: {wrapped:?}");
            }
        }
    }

    #[test]
    fn a_hyphen_inside_a_word_is_not_a_break() {
        let text = "the half-close of a non-blocking socket";
        for width in 12..24 {
            let wrapped = wrap(text, "", width);
            fits(&wrapped, width);
            assert!(wrapped.contains("half-close"), "{width}: {wrapped:?}");
            assert!(wrapped.contains("non-blocking"), "{width}: {wrapped:?}");
            let hanging = wrap_hanging(text, "  ", width);
            fits(&hanging, width);
            assert!(hanging.contains("half-close"), "{width}: {hanging:?}");
        }
        assert_eq!(wrap("a half-close", "", 8), "a\nhalf-clo\nse");
        let japanese = "ソケットの half-close（ハーフクローズ）とは、送る側だけを閉じることです。";
        for width in 12..30 {
            let wrapped = wrap(japanese, "", width);
            fits(&wrapped, width);
            assert!(wrapped.contains("half-close"), "{width}: {wrapped:?}");
        }
    }

    /// An option right after 。 starts the next line; the Japanese word before 。 stays whole
    /// (Unicode gives no break before `-`, so `す。--half-close` used to move as one word).
    #[test]
    fn a_line_breaks_after_a_full_stop_not_inside_the_word_before_an_option() {
        let text = "ブロッキングのサーバーなら 1\u{a0}つずつ処理します。--half-close は送信してから shutdown(SHUT_WR) を呼びます。";
        let wrapped = wrap(text, "", 50);
        assert!(!wrapped.contains("しま\nす"), "{wrapped:?}");
        assert!(
            wrapped.contains("処理します。\n--half-close"),
            "{wrapped:?}"
        );
        let hanging = wrap_hanging(text, "  ", 50);
        assert!(
            hanging.contains("処理します。\n  --half-close"),
            "{hanging:?}"
        );
        for width in 16..60 {
            for wrapped in [wrap(text, "", width), wrap_hanging(text, "  ", width)] {
                fits(&wrapped, width);
                assert!(wrapped.contains("--half-close"), "{width}: {wrapped:?}");
                for line in wrapped.lines() {
                    assert!(!line.trim_start().starts_with('。'), "{width}: {wrapped:?}");
                }
            }
        }
        // Nothing is lost or added where no break is taken.
        assert_eq!(wrap(text, "", 200), text);
    }

    #[test]
    fn a_word_wider_than_the_line_still_breaks() {
        let word = "an-address-much-wider-than-the-line\u{a0}and\u{a0}its\u{a0}unit";
        for width in 10..20 {
            for wrapped in [wrap(word, "  ", width), wrap_hanging(word, "  ", width)] {
                fits(&wrapped, width.max(10));
                assert!(wrapped.lines().count() > 1, "{wrapped:?}");
            }
        }
        let japanese = "ハーフクローズ\u{a0}ハーフクローズ\u{a0}ハーフクローズ";
        fits(&wrap(japanese, "", 12), 12);
    }
}
