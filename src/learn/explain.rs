//! `netlearn explain`: one glossary entry and its live demo, or every term by layer.

use std::io;
use std::process::ExitCode;

use serde::Serialize;

use crate::cli::ExplainArgs;
use crate::error::Error;
use crate::learn::glossary::{self, Layer, Lookup, Term};
use crate::learn::live::{self, CapturedRun};
use crate::output::sink::Sink;
use crate::output::{self, Format, wrap};

/// A labelled line of an entry (`  standard:    RFC 791`), wrapped under its value.
fn field(label: &str, value: &str, width: usize) -> String {
    let lead = format!("  {label:<12} ");
    let indent = " ".repeat(lead.len());
    let wrapped = wrap(value, &indent, width);
    format!("{lead}{}\n", wrapped.trim_start())
}

/// The first sentence of a definition, for the list.
fn first_sentence(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.find(". ") {
        Some(end) if end + 1 < flat.len() => flat[..=end].to_string(),
        _ => flat,
    }
}

/// An entry as text, without its demo's output.
pub fn entry_text(term: &Term) -> String {
    let width = output::prose_width();
    let mut text = format!("{}  ·  {}\n\n", term.name, term.layer.title());
    text.push_str(&wrap(term.definition, "  ", width));
    text.push_str("\n\n");
    text.push_str(&field("standard:", term.standard, width));
    if !term.aliases.is_empty() {
        text.push_str(&field("also called:", &term.aliases.join(", "), width));
    }
    text.push_str(&field("see also:", &term.see_also.join(", "), width));
    for (n, demo) in term.demos.iter().enumerate() {
        let label = if n == 0 { "try it:" } else { "and:" };
        text.push_str(&field(label, &live::shell_words(demo), width));
    }
    text
}

/// Every term, grouped by layer, one line each.
pub fn list_text() -> String {
    let mut text = wrap(
        "The glossary: `netlearn explain TERM` for one entry and its live demo.",
        "",
        output::prose_width(),
    );
    text.push('\n');
    let name_width = glossary::TERMS
        .iter()
        .map(|t| t.name.len())
        .max()
        .unwrap_or(0);
    for layer in Layer::ALL {
        text.push_str(&format!("\n{}\n", layer.title()));
        for term in glossary::by_layer(layer) {
            let summary = first_sentence(term.definition);
            let room = output::prose_width().saturating_sub(name_width + 4);
            let summary = if summary.chars().count() > room {
                let cut: String = summary.chars().take(room.saturating_sub(1)).collect();
                format!("{}…", cut.trim_end())
            } else {
                summary
            };
            text.push_str(&format!("  {:<name_width$}  {summary}\n", term.name));
        }
    }
    text
}

#[derive(Serialize)]
struct EntryReport<'a> {
    #[serde(flatten)]
    term: &'a Term,
    demo_commands: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    demo_runs: Vec<CapturedRun>,
}

fn find(words: &[String]) -> Result<&'static Term, Error> {
    let word = words.join(" ");
    match glossary::lookup(&word) {
        Lookup::Found(term) => Ok(term),
        Lookup::NotFound { suggestions } if suggestions.is_empty() => Err(Error::Usage(format!(
            "no glossary entry for {word:?}; `netlearn explain` lists them all"
        ))),
        Lookup::NotFound { suggestions } => {
            let quoted: Vec<String> = suggestions.iter().map(|s| format!("{s:?}")).collect();
            Err(Error::Usage(format!(
                "no glossary entry for {word:?}; did you mean {}?",
                quoted.join(" or ")
            )))
        }
    }
}

pub fn run(args: &ExplainArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let err = sink.err();
    let (format, out) = sink.parts();
    if args.term.is_empty() {
        match format {
            Format::Table => out.write_all(list_text().as_bytes())?,
            Format::Json => {
                serde_json::to_writer_pretty(&mut *out, glossary::TERMS)
                    .map_err(io::Error::other)?;
                writeln!(out)?;
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let term = find(&args.term)?;
    match format {
        Format::Json => {
            let report = EntryReport {
                term,
                demo_commands: term.demos.iter().map(|d| live::shell_words(d)).collect(),
                demo_runs: if args.no_demo {
                    Vec::new()
                } else {
                    term.demos.iter().map(|d| live::capture(d)).collect()
                },
            };
            serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::other)?;
            writeln!(out)?;
            let failed = report.demo_runs.iter().any(|r| !r.ok);
            Ok(if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
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
                        writeln!(out, "(this demo could not run here: {error:#})")?;
                    }
                }
            }
            Ok(if all_ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
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
                    panic!("{}: demo does not parse: {error}", term.name);
                }
            }
        }
    }

    #[test]
    fn first_sentences_end_at_a_full_stop() {
        assert_eq!(first_sentence("A b. C d."), "A b.");
        assert_eq!(first_sentence("No stop"), "No stop");
    }
}
