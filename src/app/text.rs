//! Texts in a language given by the caller, for views that are built (and tested) in a
//! language other than the run's: `t!(lang, "id", name = value)`.

/// The text `id` in `lang`, with placeholders: `t!(lang, "id")`, `t!(lang, "id", n = v)`.
macro_rules! t {
    ($lang:expr, $id:expr) => {
        $crate::i18n::lookup_in($lang, $id, None, None)
    };
    ($lang:expr, $id:expr, $($key:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $(args.set(stringify!($key), $value);)+
        $crate::i18n::lookup_in($lang, $id, None, Some(&args))
    }};
}
pub(crate) use t;

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
