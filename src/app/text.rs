//! Texts in a language given by the caller, for views that are built (and tested) in a
//! language other than the run's: `t!(lang, "id", name = value)`.

/// The text `id` in `lang`: `t!(lang, "id")`, `t!(lang, "id", n = v)` (`tr_in!` by a short name).
pub(crate) use crate::tr_in as t;

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
