//! `--help` in the reader's language: the clap command built from the doc comments (English)
//! gets its about texts, argument help and headings from `texts/<lang>/help.ftl` at run time.
//! English keeps the doc comments as they are, so the English help never changes.

use clap::Command;

use crate::i18n::{self, Lang};
use crate::output::width::wrap;

/// Columns Japanese help is folded to: clap breaks lines only at spaces, which Japanese has
/// none of, so the texts arrive folded to fit an 80-column terminal: a long text from column
/// 0, an argument's help and a subcommand's summary on the line after it, from column 10.
const LONG_WIDTH: usize = 78;
const ARG_WIDTH: usize = 68;

fn folded(text: &str, width: usize) -> String {
    text.split("\n\n")
        .map(|paragraph| wrap(paragraph, "", width))
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
    localize_at(command, lang, "help")
}

fn text(lang: Lang, id: &str, attribute: &str) -> Option<String> {
    i18n::has(lang, id, Some(attribute)).then(|| i18n::lookup_in(lang, id, Some(attribute), None))
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
            // clap writes "[default: …]" and "Possible values:" in English: said here instead.
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

    #[test]
    fn every_command_has_a_japanese_summary_and_every_translation_names_a_real_argument() {
        let mut all = Vec::new();
        paths(&crate::cli::Cli::command(), "help", &mut all);
        let texts = texts_ja();
        for (id, args) in &all {
            assert!(
                i18n::has(Lang::Ja, id, Some("about")),
                "{id} has no .about in Japanese"
            );
            let Some(message) = texts.get_message(id) else {
                continue;
            };
            for attribute in message.attributes() {
                if let Some(arg) = attribute.id().strip_prefix("arg-") {
                    assert!(args.iter().any(|a| a == arg), "{id}: no argument {arg}");
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
