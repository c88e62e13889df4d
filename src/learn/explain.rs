//! `netlearn explain`: one glossary entry and its live demo, or every term by layer.

use std::io;
use std::process::ExitCode;

use serde::Serialize;

use crate::cli::ExplainArgs;
use crate::error::Error;
use crate::i18n::{self, Lang};
use crate::learn::glossary::{self, Layer, Lookup, Term};
use crate::learn::live::{self, CapturedRun};
use crate::output::sink::Sink;
use crate::output::width::{display_width, pad, truncate};
use crate::output::{self, Format, wrap};
use crate::tr;

/// A labelled line of an entry (`  standard:    RFC 791`), wrapped under its value.
fn field(label: &str, value: &str, width: usize) -> String {
    let lead = format!("  {} ", pad(label, 12));
    let indent = " ".repeat(display_width(&lead));
    let wrapped = wrap(value, &indent, width);
    format!("{lead}{}\n", wrapped.trim_start())
}

/// The first sentence of a definition, for the list (English or Japanese).
fn first_sentence(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let english = flat.find(". ").filter(|end| end + 1 < flat.len());
    let japanese = flat
        .find('。')
        .map(|end| end + '。'.len_utf8() - 1)
        .filter(|end| end + 1 < flat.len());
    match english.into_iter().chain(japanese).min() {
        Some(end) => flat[..=end].to_string(),
        None => flat,
    }
}

/// A term's name as a heading: in Japanese followed by its English name, the word a reader
/// meets in documentation and in netlearn's own output.
fn heading_name(term: &Term) -> String {
    let name = term.name();
    let english = term.english_name();
    if name == english {
        name
    } else {
        format!("{name} ({english})")
    }
}

/// The words a term is also looked up by, in the chosen language first, then in English.
fn also_called(term: &Term) -> Vec<String> {
    let lang = i18n::language();
    let mut words = term.aliases_in(lang);
    if lang != Lang::En {
        words.push(term.english_name());
        words.extend(term.aliases_in(Lang::En));
    }
    // A Japanese entry lists its own name among its aliases (so it is found in any width);
    // the heading already shows it.
    let mut seen = vec![glossary::normalise(&term.name())];
    words.retain(|word| {
        let key = glossary::normalise(word);
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    words
}

/// An entry as text, without its demo's output.
pub fn entry_text(term: &Term) -> String {
    let width = output::prose_width();
    let separator = tr!("list-separator");
    let heading = format!("{}  ·  {}", heading_name(term), term.layer.title());
    let mut text = format!(
        "{}\n\n",
        output::width::wrap_hanging(&heading, "  ", output::width::terminal_width())
    );
    text.push_str(&wrap(&term.definition(), "  ", width));
    text.push_str("\n\n");
    text.push_str(&field(&tr!("explain-standard"), &term.standard(), width));
    let aliases = also_called(term);
    if !aliases.is_empty() {
        text.push_str(&field(
            &tr!("explain-aliases"),
            &aliases.join(&separator),
            width,
        ));
    }
    let related: Vec<String> = term.related().map(Term::name).collect();
    text.push_str(&field(
        &tr!("explain-see-also"),
        &related.join(&separator),
        width,
    ));
    for (n, demo) in term.demos.iter().enumerate() {
        let label = if n == 0 {
            tr!("explain-try")
        } else {
            tr!("explain-and")
        };
        text.push_str(&field(&label, &live::shell_words(demo), width));
    }
    text
}

/// Every term, grouped by layer, one line each.
pub fn list_text() -> String {
    let width = output::prose_width();
    let mut text = wrap(&tr!("explain-list-intro"), "", width);
    text.push('\n');
    let names: Vec<(&Term, String)> = glossary::TERMS.iter().map(|t| (t, t.name())).collect();
    let name_width = names
        .iter()
        .map(|(_, name)| display_width(name))
        .max()
        .unwrap_or(0);
    for layer in Layer::ALL {
        text.push_str(&format!("\n{}\n", layer.title()));
        for (term, name) in names.iter().filter(|(t, _)| t.layer == layer) {
            let summary = first_sentence(&term.definition());
            let room = width.saturating_sub(name_width + 4);
            if crate::i18n::language() != crate::i18n::Lang::En {
                // A Japanese first sentence cut at the column's edge says too little to
                // choose by: it is folded under itself by display width instead.
                text.push_str(&summary_lines(name, name_width.min(24), &summary, width));
                continue;
            }
            let summary = if display_width(&summary) > room {
                format!("{}…", truncate(&summary, room.saturating_sub(1)).trim_end())
            } else {
                summary
            };
            text.push_str(&format!("  {}  {summary}\n", pad(name, name_width)));
        }
    }
    text
}

/// One entry of the list with its whole summary: beside the name, folded by display width
/// (with the line-breaking rules) into the column after the names (at most 24 columns: a longer
/// name takes a line of its own); under the name when that column would be too narrow to read.
fn summary_lines(name: &str, name_width: usize, summary: &str, width: usize) -> String {
    const NARROWEST: usize = 24;
    let column = name_width + 4;
    if width.saturating_sub(column) < NARROWEST {
        let indent = "      ";
        return format!("  {name}\n{}\n", wrap(summary, indent, width));
    }
    let indent = " ".repeat(column);
    let folded = wrap(summary, &indent, width);
    if display_width(name) > name_width {
        // A long name (an error message's words) takes a line of its own.
        return format!("  {name}\n{folded}\n");
    }
    let first = folded.trim_start();
    format!("  {}  {first}\n", pad(name, name_width))
}

/// A term as JSON: its texts in the chosen language, its names as English keys, and its names
/// in the chosen language beside them (the same keys in every language: in English they repeat
/// the English names), so a script can show a reader the name they know.
#[derive(Serialize)]
pub struct TermView {
    name: String,
    aliases: Vec<String>,
    /// The chosen language's code (`en`, `ja`): the language of the `*_local` names, the
    /// definition and the standard.
    lang: &'static str,
    name_local: String,
    aliases_local: Vec<String>,
    layer: Layer,
    definition: String,
    standard: String,
    see_also: Vec<String>,
    demos: &'static [&'static [&'static str]],
}

impl From<&Term> for TermView {
    fn from(term: &Term) -> Self {
        TermView {
            name: term.english_name(),
            aliases: term.aliases_in(Lang::En),
            lang: i18n::language().code(),
            name_local: term.name(),
            aliases_local: term.aliases_in(i18n::language()),
            layer: term.layer,
            definition: term.definition(),
            standard: term.standard(),
            see_also: term.related().map(Term::english_name).collect(),
            demos: term.demos,
        }
    }
}

#[derive(Serialize)]
struct EntryReport {
    #[serde(flatten)]
    term: TermView,
    demo_commands: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    demo_runs: Vec<CapturedRun>,
}

/// Most names a "several entries" error lists before it says how many more there are: the
/// error stays one line.
const MOST_LISTED: usize = 5;

fn find(words: &[String]) -> Result<&'static Term, Error> {
    let word = words.join(" ");
    let quoted = |terms: &[&Term]| -> Vec<String> {
        terms
            .iter()
            .map(|term| format!("{:?}", term.name()))
            .collect()
    };
    match glossary::lookup(&word) {
        Lookup::Found(term) => Ok(term),
        Lookup::Several(terms) => {
            let mut names = quoted(&terms[..terms.len().min(MOST_LISTED)]);
            if terms.len() > MOST_LISTED {
                names.push(tr!("explain-more", count = terms.len() - MOST_LISTED));
            }
            Err(Error::Usage(tr!(
                "explain-several",
                word = format!("{word:?}"),
                terms = names.join(&tr!("list-separator"))
            )))
        }
        Lookup::NotFound { suggestions } if suggestions.is_empty() => Err(Error::Usage(tr!(
            "explain-not-found",
            word = format!("{word:?}")
        ))),
        Lookup::NotFound { suggestions } => Err(Error::Usage(tr!(
            "explain-did-you-mean",
            word = format!("{word:?}"),
            suggestions = quoted(&suggestions).join(&tr!("explain-or"))
        ))),
    }
}

/// Every term: their names as text, their whole entries as JSON.
struct TermList;

impl output::Render for TermList {
    fn render(&self, out: &mut dyn io::Write) -> io::Result<()> {
        out.write_all(list_text().as_bytes())
    }
}

impl Serialize for TermList {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(glossary::TERMS.iter().map(TermView::from))
    }
}

pub fn run(args: &ExplainArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let err = sink.err();
    let (format, out) = sink.parts();
    if args.term.is_empty() {
        output::emit(&TermList, format, out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let term = find(&args.term)?;
    match format {
        Format::Json => {
            let report = EntryReport {
                term: TermView::from(term),
                demo_commands: term.demos.iter().map(|d| live::shell_words(d)).collect(),
                demo_runs: if args.no_demo {
                    Vec::new()
                } else {
                    term.demos.iter().map(|d| live::capture(d)).collect()
                },
            };
            serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::other)?;
            writeln!(out)?;
            // The entry was shown whole: a demo that failed makes its verdict "no".
            let all_ok = report.demo_runs.iter().all(|r| r.ok);
            Ok(sink.verdict(all_ok))
        }
        Format::Table => {
            out.write_all(entry_text(term).as_bytes())?;
            if args.no_demo {
                return Ok(ExitCode::SUCCESS);
            }
            let mut all_ok = true;
            for demo in term.demos {
                writeln!(out, "\n$ {}", live::shell_words(demo))?;
                out.flush()?;
                // A demo that cannot run here (loopback down) is said so; the others still run.
                match live::run(demo, format, out, err.clone()) {
                    Ok(code) => all_ok &= code == ExitCode::SUCCESS,
                    Err(error) => {
                        all_ok = false;
                        let error = format!("{error:#}");
                        writeln!(out, "{}", tr!("explain-demo-failed", error = error))?;
                    }
                }
            }
            Ok(sink.verdict(all_ok))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_whole_and_indents() {
        let text = wrap("one two three four five six", "  ", 14);
        assert_eq!(text, "  one two\n  three four\n  five six");
        for line in entry_text(&glossary::TERMS[0]).lines() {
            assert!(line.chars().count() <= output::prose_width(), "{line}");
        }
    }

    #[test]
    fn every_demo_parses_as_a_netlearn_command() {
        for term in glossary::TERMS {
            for (demo, format) in term
                .demos
                .iter()
                .flat_map(|d| [(d, Format::Table), (d, Format::Json)])
            {
                if let Err(error) = live::parse(demo, format) {
                    panic!("{}: demo does not parse: {error}", term.id);
                }
            }
        }
    }

    #[test]
    fn first_sentences_end_at_a_full_stop() {
        assert_eq!(first_sentence("A b. C d."), "A b.");
        assert_eq!(first_sentence("No stop"), "No stop");
        assert_eq!(first_sentence("ソケットです。次の文。"), "ソケットです。");
    }
}
