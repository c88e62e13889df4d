//! `--help` in the reader's language: the clap command built from the doc comments (English)
//! gets its about texts, argument help and headings from `texts/<lang>/help.ftl` at run time.
//! English keeps the doc comments as they are, so the English help never changes.

use clap::Command;

use crate::i18n::{self, Lang};

/// Columns Japanese help is folded to: clap breaks lines only at spaces, which Japanese has
/// none of, so the texts arrive folded to fit an 80-column terminal: a long text from column
/// 0, an argument's help and a subcommand's summary on the line after it, from column 10.
const LONG_WIDTH: usize = 78;
const ARG_WIDTH: usize = 68;

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
            at == 0 || !(ascii(line[..at].chars().last()) && ascii(line[at..].chars().next()))
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

fn fold_paragraph(paragraph: &str, width: usize, indent: &str) -> String {
    let collapsed = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
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

/// `command` with its help in `lang` (unchanged in English).
pub fn localize(command: Command, lang: Lang) -> Command {
    if lang == Lang::En {
        return command;
    }
    // --lang is hidden from the English help (whose text stays as it was); a reader who chose
    // another language sees how to choose.
    // clap breaks lines at display width but assumes 100 columns without a terminal; netlearn
    // lays out for 80 then, like everything else it prints.
    let width = crate::output::width::terminal_width();
    let command = command
        .mut_arg("lang", |arg| arg.hide(false))
        .term_width(width);
    let mut command = localize_at(command, lang, "help");
    // clap adds its `help` subcommand while building: built here, so it can be told too.
    command.build();
    localize_help_subcommands(command, lang)
}

fn localize_help_subcommands(mut command: Command, lang: Lang) -> Command {
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(name.as_str(), |sub| {
            if name == "help" {
                let about = i18n::lookup_in(lang, "help-heading", Some("help-command"), None);
                sub.about(folded(&about, ARG_WIDTH))
            } else {
                localize_help_subcommands(sub, lang)
            }
        });
    }
    command
}

fn text(lang: Lang, id: &str, attribute: &str) -> Option<String> {
    i18n::has(lang, id, Some(attribute)).then(|| i18n::lookup_in(lang, id, Some(attribute), None))
}

/// The possible values of `arg` as clap would list them, in `lang`: one line each with its
/// help, or `[values: a, b]` when they have none. None when clap would show none.
fn possible_values(lang: Lang, id: &str, arg: &clap::Arg) -> Option<String> {
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
        return Some(format!("[{heading}: {}]", names.join(", ")));
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
            fold_paragraph(&line, ARG_WIDTH, "  ")
        })
        .collect();
    Some(format!("{heading}:\n{}", lines.join("\n")))
}

fn localize_at(mut command: Command, lang: Lang, id: &str) -> Command {
    let heading = |name: &str| i18n::lookup_in(lang, "help-heading", Some(name), None);
    let about = text(lang, id, "about");
    if let Some(about) = &about {
        command = command.about(folded(about, ARG_WIDTH));
    }
    if let Some(long) = text(lang, id, "long") {
        // clap's long help shows the long text alone: it starts with the summary, as a doc
        // comment's first paragraph does.
        let long = match &about {
            Some(about) => format!("{about}\n\n{long}"),
            None => long,
        };
        command = command.long_about(folded(&long, LONG_WIDTH));
    }
    let examples = heading("examples");
    let translated = i18n::lines_in(lang, id, "examples");
    if !translated.is_empty() {
        // Commands with their comments in the reader's language, one example a line.
        let lines: Vec<String> = translated.iter().map(|line| format!("  {line}")).collect();
        command = command.after_help(format!("{examples}:\n{}", lines.join("\n")));
    } else if let Some(after) = command.get_after_help().map(|a| a.to_string()) {
        command = command.after_help(after.replacen("Examples:", &format!("{examples}:"), 1));
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
                Some(help) => arg.help(folded(&help, ARG_WIDTH)),
                None => arg,
            };
            // clap writes "Possible values:" and "[default: …]" in English: said here instead,
            // each value's help from `.pv-<arg>-<value>`.
            let arg = match possible_values(lang, id, &arg) {
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
                arg.hide_default_value(true)
                    .help(format!("{help}\n[{default}: {}]", defaults.join(", ")))
            }
        });
    }
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
        command = command.mut_subcommand(name.as_str(), |sub| localize_at(sub, lang, &sub_id));
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
                        id == "help-heading" || ids.contains(&&id),
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
        let mut command = localize(crate::cli::Cli::command(), Lang::Ja).term_width(80);
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
            localize(crate::cli::Cli::command(), Lang::En)
                .render_long_help()
                .to_string(),
            english
        );
        let mut japanese = localize(crate::cli::Cli::command(), Lang::Ja);
        japanese.build();
        let help = japanese.render_long_help().to_string();
        assert!(
            help.contains("使い方") && help.contains("コマンド"),
            "{help}"
        );
    }
}
