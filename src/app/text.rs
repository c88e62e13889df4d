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
        assert_eq!(counted_in(Lang::En, "count-frames", 0), "0 frames");
        assert_eq!(counted_in(Lang::En, "count-echoes", 1), "1 echo");
        assert_eq!(
            counted_in(Lang::En, "count-connections", 2),
            "2 connections"
        );
        assert_eq!(
            counted_in(Lang::En, "count-bytes", 1_751_477_356),
            "1,751,477,356 bytes"
        );
        assert_eq!(counted_in(Lang::En, "count-packets", 1), "1 packet");
        assert_eq!(counted_in(Lang::Ja, "count-bytes", 1), "1 バイト");
        assert_eq!(
            counted_in(Lang::Ja, "count-connections", 1234),
            "1,234 個の接続"
        );
    }
}
