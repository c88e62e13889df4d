//! `--help` in the reader's language: the clap command built from the doc comments (English)
//! gets its about texts, argument help and headings from `texts/<lang>/help.ftl` at run time.
//! English keeps the doc comments as they are, so the English help never changes.

use clap::Command;
use unicode_width::UnicodeWidthChar;

use crate::i18n::{self, Lang};

/// Columns Japanese help is folded to, for a screen `width` columns wide: clap breaks lines
/// only at spaces, which Japanese has none of, so the texts arrive folded to fit: a long text
/// from column 0, an argument's help and a subcommand's summary on the line after it, from
/// column 10; two columns are left free at the edge.
#[derive(Clone, Copy, Debug)]
struct Widths {
    /// The screen.
    screen: usize,
    /// A text from column 0.
    long: usize,
    /// A text from column 10 (an argument's help, a subcommand's summary).
    arg: usize,
}

impl Widths {
    fn of(screen: usize) -> Widths {
        Widths {
            screen,
            long: screen.saturating_sub(2).max(16),
            arg: screen.saturating_sub(12).max(16),
        }
    }
}

/// Splits a line where Unicode's line-breaking rules allow, except inside a run of ASCII
/// characters without a space: Japanese breaks between characters, but a flag, a path or an
/// address (`--half-close`, `/run/netns`, `2001:db8::/32`) is a token a reader copies whole.
fn help_words(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    let offset =
        |word: &textwrap::core::Word<'_>| word.word.as_ptr() as usize - line.as_ptr() as usize;
    // Where a line may break: where Unicode's rules say, and after every space (the rules keep
    // "は /run" together, as they would "a /run").
    let mut breaks: Vec<usize> = textwrap::WordSeparator::UnicodeBreakProperties
        .find_words(line)
        .map(|word| offset(&word))
        .chain(
            textwrap::WordSeparator::AsciiSpace
                .find_words(line)
                .map(|word| offset(&word)),
        )
        .filter(|&at| {
            let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_graphic());
            at == 0
                || !(ascii(line[..at].chars().last()) && ascii(line[at..].chars().next())
                    || option_and_value(&line[..at], &line[at..]))
        })
        .collect();
    breaks.sort_unstable();
    breaks.dedup();
    let mut ends: Vec<usize> = breaks.iter().skip(1).copied().collect();
    ends.push(line.len());
    Box::new(
        breaks
            .into_iter()
            .zip(ends)
            .map(move |(start, end)| textwrap::core::Word::from(&line[start..end])),
    )
}

/// A paragraph's lines as one line: the texts arrive folded for an 80-column screen, and a
/// line break between two Japanese characters is no space at all (「同時に⏎扱い」), while one
/// next to a Latin word or a number is (「ポート⏎5008」). Only ASCII spaces are collapsed: a
/// no-break space keeps a number with its unit.
fn joined(paragraph: &str) -> String {
    let mut line = String::new();
    for word in paragraph.lines().flat_map(|line| line.split([' ', '\t'])) {
        if word.is_empty() {
            continue;
        }
        if !line.is_empty() {
            line.push_str(joiner(&line, word));
        }
        line.push_str(word);
    }
    line
}

/// What goes between `before` and the next `word` of a help text: nothing between Japanese
/// characters; a no-break space between a number and its unit or counter (`1 秒`, `100 ms`,
/// `10000 個`) and between a name and its number (`RFC 3021`, `ポート 5008`, `終了コード 0`),
/// so that folding never parts them; else a space. (An option and its value keep a real
/// space, which a reader may copy to a shell: [`help_words`] does not break there.)
fn joiner(before: &str, word: &str) -> &'static str {
    const UNITS: &[&str] = &[
        "ms", "s", "m", "h", "d", "B", "KiB", "MiB", "GiB", "bytes", "bits",
    ];
    const NAMES: &[&str] = &["RFC", "ポート", "コード", "TTL"];
    let wide = |c: Option<char>| c.is_some_and(|c| UnicodeWidthChar::width(c) == Some(2));
    let last = before.chars().last();
    let first = word.chars().next();
    if wide(last) && wide(first) {
        return "";
    }
    let number_before = last.is_some_and(|c| c.is_ascii_digit());
    let unit = word.trim_end_matches(|c: char| c.is_ascii_punctuation());
    if number_before && (wide(first) || UNITS.contains(&unit)) {
        return "\u{a0}";
    }
    let number_after = first.is_some_and(|c| c.is_ascii_digit());
    let named = NAMES.iter().any(|name| {
        before.ends_with(name)
            && !before[..before.len() - name.len()]
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric())
    });
    if number_after && named {
        return "\u{a0}";
    }
    " "
}

/// Whether `before` ends with an option and a space and `after` starts with its value
/// (`--framing raw`, `--unix PATH`, `--port 0`): a line is not broken between them.
fn option_and_value(before: &str, after: &str) -> bool {
    let Some(before) = before.strip_suffix(' ') else {
        return false;
    };
    let option = before.rsplit([' ', '\u{a0}']).next().unwrap_or_default();
    option.len() > 1
        && option.starts_with('-')
        && option[1..].starts_with(|c: char| c == '-' || c.is_ascii_alphabetic())
        && after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '<')
}

fn fold_paragraph(paragraph: &str, width: usize, indent: &str) -> String {
    let collapsed = joined(paragraph);
    let options = textwrap::Options::new(width)
        .subsequent_indent(indent)
        .word_separator(textwrap::WordSeparator::Custom(help_words))
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(true);
    textwrap::wrap(&collapsed, options).join("\n")
}

fn folded(text: &str, width: usize) -> String {
    text.split("\n\n")
        .map(|paragraph| fold_paragraph(paragraph, width, ""))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// An example of the help's examples section as lines that fit `width`: `  COMMAND  # WHY`
/// as it is when it fits; else the comment first, on lines of its own, and the command
/// after it, continued with ` \` at spaces where it is still too wide, so that every line
/// can be copied to a shell as it is.
fn example_lines(example: &str, width: usize) -> Vec<String> {
    use crate::output::width::display_width;
    let example = example.trim();
    if display_width(example) + 2 <= width {
        return vec![format!("  {example}")];
    }
    let (command, comment) = match example.split_once(" # ") {
        Some((command, comment)) => (command.trim_end(), Some(comment.trim())),
        None => (example, None),
    };
    let mut lines = Vec::new();
    if let Some(comment) = comment {
        let folded = fold_paragraph(comment, width.saturating_sub(4), "");
        lines.extend(folded.lines().map(|line| format!("  # {line}")));
    }
    // A quoted argument ("hi there") is one word: a line is never continued inside it.
    let mut words: Vec<String> = Vec::new();
    for word in command.split(' ').filter(|word| !word.is_empty()) {
        match words.last_mut() {
            Some(last) if last.matches('"').count() % 2 == 1 => {
                last.push(' ');
                last.push_str(word);
            }
            _ => words.push(word.to_string()),
        }
    }
    let mut line = String::from("  ");
    for word in &words {
        let first = line.trim().is_empty();
        if !first && display_width(&line) + 1 + display_width(word) + 2 > width {
            lines.push(format!("{line} \\"));
            line = String::from("      ");
        } else if !first {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

/// The examples section: its heading in `lang`, each example laid out for `width`.
fn examples_section(heading: &str, examples: &[String], width: usize) -> String {
    let lines: Vec<String> = examples
        .iter()
        .flat_map(|example| example_lines(example, width))
        .collect();
    format!("{heading}:\n{}", lines.join("\n"))
}

/// The name a value placeholder has in `lang` (`NET` → `ネットワーク`), from the attributes
/// of `help-value`; the English name where there is none.
pub(super) fn value_name(lang: Lang, name: &str) -> String {
    if let Some(told) = text(lang, "help-value", name) {
        return told;
    }
    // A placeholder of several names (`NAME|TYPE|@SERVER`, `NAME: VALUE`): each told.
    let mut told = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, told: &mut String| {
        if !word.is_empty() {
            told.push_str(&text(lang, "help-value", word).unwrap_or_else(|| word.clone()));
            word.clear();
        }
    };
    for c in name.chars() {
        if c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut told);
            told.push(c);
        }
    }
    flush(&mut word, &mut told);
    told
}

/// The names a placeholder is made of (`NAME|TYPE|@SERVER`: NAME, TYPE, SERVER).
#[cfg(test)]
fn value_name_words(name: &str) -> Vec<&str> {
    name.split(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
        .filter(|word| !word.is_empty())
        .collect()
}

/// `command` with its help in `lang` (unchanged in English), laid out for prose `width`
/// columns wide ([`crate::output::width::prose_width`] in a run).
pub fn localize(command: Command, lang: Lang, width: usize) -> Command {
    if lang == Lang::En {
        return command;
    }
    // --lang is hidden from the English help (whose text stays as it was); a reader who chose
    // another language sees how to choose.
    // clap breaks lines at display width but assumes 100 columns without a terminal; netlearn
    // lays out for 80 then, like everything else it prints, and for COLUMNS when it is set.
    // Prose is kept to a readable width on a wide terminal too, as clap keeps English help
    // to 100 columns.
    let widths = Widths::of(width);
    let command = command
        .mut_arg("lang", |arg| arg.hide(false))
        .term_width(width);
    let mut command = localize_at(command, lang, "help", widths);
    // clap adds its `help` subcommand while building: built here, so it can be told too.
    command.build();
    let mut command = localize_help_subcommands(command, lang, widths);
    localize_usage(&mut command, lang, widths);
    command
}

/// Each command's usage line with clap's words in `lang` (`[OPTIONS]`, `<COMMAND>`): clap
/// writes them itself, so the usage it renders is rewritten and given back as the command's
/// own. The value names were told before (`localize_at`).
fn localize_usage(command: &mut Command, lang: Lang, widths: Widths) {
    let rendered = command.render_usage().to_string();
    let lines: Vec<&str> = rendered
        .lines()
        .map(|line| {
            let line = line.trim();
            line.strip_prefix("Usage:").unwrap_or(line).trim()
        })
        .collect();
    let heading = i18n::lookup_in(lang, "help-heading", Some("usage"), None);
    // Continuation lines under the first, after "使い方: ".
    let indent = " ".repeat(crate::output::width::display_width(&heading) + 2);
    let options = format!("[{}]", value_name(lang, "OPTIONS"));
    // A usage too wide for the screen continues on the next line, further indented; it breaks
    // only between words, so a placeholder or an option stays whole.
    let wrapped: Vec<String> = lines
        .iter()
        .map(|line| {
            let line = line.replace("[OPTIONS]", &options);
            let mut out = String::new();
            let mut used = indent.len();
            // `--` (the end of the options) stays with what follows it, and an option with
            // its value (`--containerlab <ファイル>`).
            let mut words: Vec<String> = Vec::new();
            for word in line.split(' ').filter(|word| !word.is_empty()) {
                match words.last_mut() {
                    Some(last)
                        if last == "--"
                            || (last.starts_with('-')
                                && !last.contains(' ')
                                && word.starts_with('<')) =>
                    {
                        last.push(' ');
                        last.push_str(word);
                    }
                    _ => words.push(word.to_string()),
                }
            }
            for word in &words {
                let width = crate::output::width::display_width(word);
                if !out.is_empty() && used + 1 + width > widths.long {
                    out.push_str(&format!("\n{indent}    "));
                    used = indent.len() + 4;
                } else if !out.is_empty() {
                    out.push(' ');
                    used += 1;
                }
                out.push_str(word);
                used += width;
            }
            out
        })
        .collect();
    let usage = wrapped.join(&format!("\n{indent}"));
    *command = std::mem::take(command).override_usage(usage);
    for sub in command.get_subcommands_mut() {
        localize_usage(sub, lang, widths);
    }
}

fn localize_help_subcommands(mut command: Command, lang: Lang, widths: Widths) -> Command {
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(name.as_str(), |sub| {
            if name == "help" {
                let about = i18n::lookup_in(lang, "help-heading", Some("help-command"), None);
                let sub = sub.about(folded(&about, widths.arg));
                localize_value_names(sub, lang)
            } else {
                localize_help_subcommands(sub, lang, widths)
            }
        });
    }
    command
}

/// Every value placeholder of `command`'s own arguments in `lang` (`<NET>` → `<ネットワーク>`),
/// and the subcommand placeholder (`<COMMAND>`).
fn localize_value_names(mut command: Command, lang: Lang) -> Command {
    // Every argument, in order: clap moves an argument it changes to the end of the list,
    // and the help lists headings in the order of the arguments.
    let ids: Vec<String> = command
        .get_arguments()
        .map(|arg| arg.get_id().to_string())
        .collect();
    for arg_id in ids {
        command = command.mut_arg(arg_id.as_str(), |arg| {
            if !arg.get_action().takes_values() {
                return arg;
            }
            let names: Vec<String> = match arg.get_value_names() {
                Some(names) => names.iter().map(|name| name.to_string()).collect(),
                None => vec![arg.get_id().as_str().to_uppercase()],
            };
            let names: Vec<String> = names.iter().map(|name| value_name(lang, name)).collect();
            arg.value_names(names)
        });
    }
    if command.has_subcommands() {
        let name = command
            .get_subcommand_value_name()
            .unwrap_or("COMMAND")
            .to_string();
        command = command.subcommand_value_name(value_name(lang, &name));
    }
    command
}

fn text(lang: Lang, id: &str, attribute: &str) -> Option<String> {
    i18n::has(lang, id, Some(attribute)).then(|| i18n::lookup_in(lang, id, Some(attribute), None))
}

/// The possible values of `arg` as clap would list them, in `lang`: one line each with its
/// help, or `[values: a, b]` when they have none. None when clap would show none.
fn possible_values(lang: Lang, id: &str, arg: &clap::Arg, widths: Widths) -> Option<String> {
    let values: Vec<clap::builder::PossibleValue> = arg
        .get_possible_values()
        .into_iter()
        .filter(|value| !value.is_hide_set())
        .collect();
    if values.is_empty() || arg.is_hide_possible_values_set() || !arg.get_action().takes_values() {
        return None;
    }
    let heading = i18n::lookup_in(lang, "help-heading", Some("possible-values"), None);
    if values.iter().all(|value| value.get_help().is_none()) {
        let names: Vec<&str> = values.iter().map(|value| value.get_name()).collect();
        return Some(folded(
            &format!("[{heading}: {}]", names.join(", ")),
            widths.arg,
        ));
    }
    let lines: Vec<String> = values
        .iter()
        .map(|value| {
            let name = value.get_name();
            let help = text(lang, id, &format!("pv-{}-{name}", arg.get_id()))
                .or_else(|| value.get_help().map(|h| h.to_string()))
                .unwrap_or_default();
            // A value's help hangs under its name, folded like the rest of the help.
            let line = format!("- {name}: {help}");
            fold_paragraph(&line, widths.arg, "  ")
        })
        .collect();
    Some(format!("{heading}:\n{}", lines.join("\n")))
}

fn localize_at(mut command: Command, lang: Lang, id: &str, widths: Widths) -> Command {
    let heading = |name: &str| i18n::lookup_in(lang, "help-heading", Some(name), None);
    let about = text(lang, id, "about");
    if let Some(about) = &about {
        command = command.about(folded(about, widths.arg));
    }
    if let Some(long) = text(lang, id, "long") {
        // clap's long help shows the long text alone: it starts with the summary, as a doc
        // comment's first paragraph does.
        let long = match &about {
            Some(about) => format!("{about}\n\n{long}"),
            None => long,
        };
        command = command.long_about(folded(&long, widths.long));
    } else if let Some(about) = &about {
        // A summary alone is the long help too: at column 0 it may take the whole width.
        command = command.long_about(folded(about, widths.long));
    }
    let examples = heading("examples");
    let translated = i18n::lines_in(lang, id, "examples");
    if !translated.is_empty() {
        // Commands with their comments in the reader's language, one example a line.
        command = command.after_help(examples_section(&examples, &translated, widths.screen));
    } else if let Some(after) = command.get_after_help().map(|a| a.to_string())
        && let Some(lines) = after.strip_prefix("Examples:")
    {
        let lines: Vec<String> = lines
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(str::to_string)
            .collect();
        command = command.after_help(examples_section(&examples, &lines, widths.screen));
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|arg| arg.get_id().to_string())
        .collect();
    for arg_id in ids {
        let help = text(lang, id, &format!("arg-{arg_id}"));
        let options = heading("options");
        let arguments = heading("arguments");
        command = command.mut_arg(arg_id.as_str(), |arg| {
            let arg = if arg.is_positional() {
                arg.help_heading(arguments)
            } else {
                arg.help_heading(options)
            };
            let arg = match help {
                Some(help) => arg.help(folded(&help, widths.arg)),
                None => arg,
            };
            // clap writes "Possible values:" and "[default: …]" in English: said here instead,
            // each value's help from `.pv-<arg>-<value>`.
            let arg = match possible_values(lang, id, &arg, widths) {
                Some(values) => {
                    let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                    arg.help(format!("{help}\n{values}"))
                }
                None => arg,
            };
            let defaults: Vec<String> = arg
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            let arg = if arg.get_action().takes_values() {
                arg.hide_possible_values(true)
            } else {
                arg
            };
            if defaults.is_empty() || arg.is_hide_default_value_set() {
                arg
            } else {
                let help = arg
                    .get_long_help()
                    .or(arg.get_help())
                    .map(|h| h.to_string())
                    .unwrap_or_default();
                let default = i18n::lookup_in(lang, "help-heading", Some("default"), None);
                let default = folded(&format!("[{default}: {}]", defaults.join(", ")), widths.arg);
                arg.hide_default_value(true)
                    .help(format!("{help}\n{default}"))
            }
        });
    }
    command = localize_value_names(command, lang);
    let usage = heading("usage");
    command = command
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{usage}: {{usage}}\n\n{{all-args}}{{after-help}}"
        ))
        .subcommand_help_heading(heading("commands"))
        .next_line_help(true)
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help(heading("help-flag"))
                .help_heading(heading("options")),
        );
    if command.get_version().is_some() {
        command = command.arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(heading("version-flag"))
                .help_heading(heading("options")),
        );
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for name in names {
        let sub_id = format!("{id}-{name}");
        command =
            command.mut_subcommand(name.as_str(), |sub| localize_at(sub, lang, &sub_id, widths));
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command path (`help`, `help-echo`, `help-echo-serve`) with its argument ids.
    fn paths(command: &Command, id: &str, into: &mut Vec<(String, Vec<String>)>) {
        let args = command
            .get_arguments()
            .map(|arg| arg.get_id().to_string())
            .collect();
        into.push((id.to_string(), args));
        for sub in command.get_subcommands() {
            paths(sub, &format!("{id}-{}", sub.get_name()), into);
        }
    }

    /// Every text of the clap tree a reader sees, as the key its Japanese text has:
    /// (`help-echo-serve`, `about`), (`help-echo-serve`, `arg-port`), ...
    fn texts_needed(command: &Command, id: &str, into: &mut Vec<(String, String)>) {
        let mut need = |attribute: String| into.push((id.to_string(), attribute));
        if command.get_about().is_some() {
            need("about".into());
        }
        if command.get_long_about().is_some() {
            need("long".into());
        }
        // Examples whose comments are prose need them in the reader's language.
        if command
            .get_after_help()
            .is_some_and(|after| after.to_string().contains(" # "))
        {
            need("examples".into());
        }
        for arg in command.get_arguments() {
            let arg_id = arg.get_id();
            if arg.get_help().is_some() || arg.get_long_help().is_some() {
                need(format!("arg-{arg_id}"));
            }
            if arg.is_hide_possible_values_set() {
                continue;
            }
            for value in arg.get_possible_values() {
                if value.get_help().is_some() && !value.is_hide_set() {
                    need(format!("pv-{arg_id}-{}", value.get_name()));
                }
            }
        }
        for sub in command.get_subcommands() {
            texts_needed(sub, &format!("{id}-{}", sub.get_name()), into);
        }
    }

    #[test]
    fn every_text_of_every_command_is_in_japanese() {
        let mut needed = Vec::new();
        texts_needed(&crate::cli::Cli::command(), "help", &mut needed);
        let missing: Vec<String> = needed
            .iter()
            .filter(|(id, attribute)| !i18n::has(Lang::Ja, id, Some(attribute)))
            .map(|(id, attribute)| format!("{id}.{attribute}"))
            .collect();
        assert!(
            missing.is_empty(),
            "not in texts/ja/help.ftl: {}",
            missing.join(" ")
        );
    }

    #[test]
    fn every_japanese_help_text_names_a_real_command_and_argument() {
        let mut all = Vec::new();
        paths(&crate::cli::Cli::command(), "help", &mut all);
        let texts = texts_ja();
        for (id, args) in &all {
            let Some(message) = texts.get_message(id) else {
                continue;
            };
            for attribute in message.attributes() {
                let name = attribute.id();
                let arg = name
                    .strip_prefix("arg-")
                    .or_else(|| name.strip_prefix("pv-"));
                if let Some(arg) = arg {
                    assert!(
                        args.iter()
                            .any(|a| arg == a || arg.starts_with(&format!("{a}-"))),
                        "{id}: no argument {arg}"
                    );
                }
            }
        }
        let ids: Vec<&String> = all.iter().map(|(id, _)| id).collect();
        for (_, _, ja) in i18n::FILES {
            for line in ja.lines() {
                if let Some(id) = line
                    .strip_prefix("help")
                    .and_then(|rest| rest.split(' ').next())
                {
                    let id = format!("help{id}");
                    assert!(
                        id == "help-heading" || id == "help-value" || ids.contains(&&id),
                        "{id} is not a command"
                    );
                }
            }
        }
    }

    #[test]
    fn japanese_folds_between_characters_but_never_inside_an_ascii_token() {
        let text = "ソケットファイルは /run/netns/lab の下にあり、--half-close で閉じます";
        for width in 16..40 {
            let folded = folded(text, width);
            for token in ["/run/netns/lab", "--half-close"] {
                assert!(folded.contains(token), "{width}: {folded}");
            }
        }
        assert_eq!(
            folded("ソケット (socket) です", 13),
            "ソケット\n(socket) です"
        );
        // An option and its value stay on one line, with a real space between them.
        for width in 16..30 {
            let folded = folded("記事のサーバーには --framing raw を使います", width);
            assert!(folded.contains("--framing raw"), "{width}: {folded}");
        }
    }

    /// Every command's help, short and long, as the Japanese reader sees it at 80 columns.
    fn every_help(command: &mut Command, into: &mut Vec<String>) {
        into.push(command.render_help().to_string());
        into.push(command.render_long_help().to_string());
        for sub in command.get_subcommands_mut() {
            every_help(sub, into);
        }
    }

    #[test]
    fn japanese_help_fits_80_columns_and_breaks_no_flag() {
        let mut command = localize(crate::cli::Cli::command(), Lang::Ja, 80).term_width(80);
        command.build();
        let mut helps = Vec::new();
        every_help(&mut command, &mut helps);
        for help in &helps {
            for line in help.lines() {
                let japanese = line
                    .chars()
                    .any(|c| unicode_width::UnicodeWidthChar::width(c) == Some(2));
                // Example command lines are what a user types: they stay whole, like the
                // English ones.
                if japanese {
                    assert!(
                        crate::output::width::display_width(line) <= 80,
                        "wider than 80 columns: {line}"
                    );
                }
                assert!(
                    !line.trim_end().ends_with(" -") && !line.trim_end().ends_with("--"),
                    "a flag broken at its hyphen: {line}"
                );
                let first = line.trim_start().chars().next();
                assert!(
                    !matches!(first, Some('。' | '、' | '」' | '）')),
                    "a line starts with closing punctuation: {line}"
                );
            }
            assert!(!help.contains("[default:"), "{help}");
            assert!(!help.contains("Possible values"), "{help}");
        }
    }

    #[test]
    fn an_example_too_wide_puts_its_comment_above_and_continues_between_words() {
        let example = r#"netlearn echo demo --framing length "hi there" --wire  # 長さ標識で"#;
        let lines = example_lines(example, 36);
        assert_eq!(
            lines,
            [
                "  # 長さ標識で",
                "  netlearn echo demo --framing \\",
                "      length \"hi there\" --wire",
            ]
        );
        assert_eq!(example_lines("netlearn tour", 36), ["  netlearn tour"]);
    }

    /// Paragraphs of a help text (separated by a blank line).
    fn paragraphs(text: &str) -> usize {
        text.split("\n\n")
            .filter(|paragraph| !paragraph.trim().is_empty())
            .count()
    }

    /// Each command's Japanese texts in the paragraphs of the English ones: a long text whose
    /// paragraphs ran on into the attribute after it (`help-echo-serve`'s `--mode` once carried
    /// the framing and limits paragraphs of the command) shows up as an argument with more
    /// paragraphs than its English help, and a long text with fewer.
    #[test]
    fn japanese_texts_have_the_paragraphs_of_the_english_ones() {
        fn walk(command: &Command, id: &str, wrong: &mut Vec<String>) {
            if let Some(long) = command.get_long_about()
                && let Some(ja) = text(Lang::Ja, id, "long")
            {
                // The English long text starts with the summary, the Japanese one after it.
                let english = paragraphs(&long.to_string()).saturating_sub(1);
                if paragraphs(&ja) != english {
                    wrong.push(format!(
                        "{id}.long: {} paragraphs, English {english}",
                        paragraphs(&ja)
                    ));
                }
            }
            for arg in command.get_arguments() {
                let english = arg
                    .get_long_help()
                    .or(arg.get_help())
                    .map_or(1, |help| paragraphs(&help.to_string()).max(1));
                let attribute = format!("arg-{}", arg.get_id());
                if let Some(ja) = text(Lang::Ja, id, &attribute)
                    && paragraphs(&ja) > english
                {
                    wrong.push(format!(
                        "{id}.{attribute}: {} paragraphs, English {english}",
                        paragraphs(&ja)
                    ));
                }
            }
            for sub in command.get_subcommands() {
                walk(sub, &format!("{id}-{}", sub.get_name()), wrong);
            }
        }
        let mut wrong = Vec::new();
        walk(&crate::cli::Cli::command(), "help", &mut wrong);
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// An attribute written twice in one message is a text lost: Fluent keeps one of them.
    #[test]
    fn no_japanese_help_text_is_written_twice() {
        let mut seen = std::collections::HashSet::new();
        let mut message = String::new();
        for (_, _, ja) in i18n::FILES {
            for line in ja.lines() {
                if let Some((id, _)) = line.split_once(" =")
                    && !line.starts_with([' ', '#'])
                {
                    message = id.to_string();
                } else if let Some(attribute) = line.trim_start().strip_prefix('.')
                    && line.starts_with("    .")
                {
                    let name = attribute.split(' ').next().unwrap_or_default();
                    assert!(
                        seen.insert(format!("{message}.{name}")),
                        "{message}.{name} is written twice"
                    );
                }
            }
        }
    }

    /// Every value placeholder a command shows (`<NET>`, `[MASK]`) has a Japanese name.
    #[test]
    fn every_value_name_is_in_japanese() {
        fn walk(command: &Command, missing: &mut Vec<String>) {
            for arg in command.get_arguments() {
                if !arg.get_action().takes_values() {
                    continue;
                }
                let names: Vec<String> = match arg.get_value_names() {
                    Some(names) => names.iter().map(|name| name.to_string()).collect(),
                    None => vec![arg.get_id().as_str().to_uppercase()],
                };
                for name in names {
                    for word in value_name_words(&name) {
                        if !i18n::has(Lang::Ja, "help-value", Some(word)) {
                            missing.push(format!("{} {word}", command.get_name()));
                        }
                    }
                }
            }
            for sub in command.get_subcommands() {
                walk(sub, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&crate::cli::Cli::command(), &mut missing);
        for name in ["OPTIONS", "COMMAND"] {
            if !i18n::has(Lang::Ja, "help-value", Some(name)) {
                missing.push(name.to_string());
            }
        }
        assert!(missing.is_empty(), "no help-value in ja: {missing:?}");
    }

    fn texts_ja() -> fluent_bundle::FluentBundle<fluent_bundle::FluentResource> {
        let mut bundle = fluent_bundle::FluentBundle::new(vec![unic_langid::langid!("ja")]);
        for (_, _, ja) in i18n::FILES {
            if let Ok(resource) = fluent_bundle::FluentResource::try_new((*ja).to_string()) {
                let _ = bundle.add_resource(resource);
            }
        }
        bundle
    }

    #[test]
    fn japanese_help_builds_and_english_help_is_the_doc_comments() {
        let english = crate::cli::Cli::command().render_long_help().to_string();
        assert_eq!(
            localize(crate::cli::Cli::command(), Lang::En, 80)
                .render_long_help()
                .to_string(),
            english
        );
        let mut japanese = localize(crate::cli::Cli::command(), Lang::Ja, 80);
        japanese.build();
        let help = japanese.render_long_help().to_string();
        assert!(
            help.contains("使い方") && help.contains("コマンド"),
            "{help}"
        );
    }
}
