//! clap's errors in the reader's language: the message rendered from the error's kind and
//! context (the invalid argument, the value, the value parser's reason, the suggestions), as
//! clap's own rich formatter does in English. English keeps clap's rendering untouched.

use std::fmt::Write as _;
use std::num::{IntErrorKind, ParseIntError};

use clap::error::{ContextKind, ContextValue, Error, ErrorFormatter, ErrorKind, RichFormatter};

use crate::i18n::{self, FluentArgs, Lang};

fn say(lang: Lang, id: &str, pairs: &[(&str, String)]) -> String {
    let mut args = FluentArgs::new();
    for (name, value) in pairs {
        args.set(*name, value.clone());
    }
    i18n::lookup_in(lang, id, None, Some(&args))
}

fn string<F: ErrorFormatter>(error: &Error<F>, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(value) => Some(value.clone()),
        ContextValue::StyledStr(value) => Some(value.to_string()),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn strings<F: ErrorFormatter>(error: &Error<F>, kind: ContextKind) -> Vec<String> {
    match error.get(kind) {
        Some(ContextValue::Strings(values)) => values.clone(),
        Some(ContextValue::String(value)) => vec![value.clone()],
        Some(ContextValue::StyledStrs(values)) => values.iter().map(|v| v.to_string()).collect(),
        Some(ContextValue::StyledStr(value)) => vec![value.to_string()],
        _ => Vec::new(),
    }
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|name| format!("'{name}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The value parser's reason, in `lang`: netlearn's own parsers already speak it; the integer
/// parsers of the standard library and clap's ranges are told here.
fn reason<F: ErrorFormatter>(lang: Lang, error: &Error<F>) -> Option<String> {
    let source = std::error::Error::source(error)?;
    if let Some(int) = source.downcast_ref::<ParseIntError>() {
        let id = match int.kind() {
            IntErrorKind::Empty => "clap-int-empty",
            IntErrorKind::PosOverflow => "clap-int-too-large",
            IntErrorKind::NegOverflow => "clap-int-too-small",
            IntErrorKind::Zero => "clap-int-zero",
            _ => "clap-int-invalid-digit",
        };
        return Some(say(lang, id, &[]));
    }
    let text = source.to_string();
    // clap's ranged integer parsers: "2000 is not in 1..=100".
    if let Some((value, range)) = text.split_once(" is not in ")
        && !value.contains(' ')
        && !range.contains(' ')
    {
        let pairs = [("value", value.to_string()), ("range", range.to_string())];
        return Some(say(lang, "clap-out-of-range", &pairs));
    }
    Some(text)
}

/// The text between the first pair of single quotes in each of clap's suggestions.
fn quoted_parts(text: &str) -> Vec<String> {
    text.split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// clap's free-text suggestions ("to pass '-x' as a value, use '-- -x'"), told in `lang`.
fn suggestion(lang: Lang, text: &str) -> String {
    let parts = quoted_parts(text);
    if text.starts_with("to pass ") && parts.len() == 2 {
        let pairs = [("arg", parts[0].clone()), ("use", parts[1].clone())];
        say(lang, "clap-pass-as-value", &pairs)
    } else if text.starts_with("subcommand ") && !parts.is_empty() {
        say(lang, "clap-remove-dashes", &[("arg", parts[0].clone())])
    } else if text.ends_with("' exists") && parts.len() == 1 {
        say(
            lang,
            "clap-subcommand-flag-exists",
            &[("command", parts[0].clone())],
        )
    } else {
        text.to_string()
    }
}

/// What went wrong, in `lang`: None for the kinds that are not mistakes (help, version).
fn message<F: ErrorFormatter>(lang: Lang, error: &Error<F>) -> Option<String> {
    let arg = || string(error, ContextKind::InvalidArg).unwrap_or_default();
    let value = || string(error, ContextKind::InvalidValue).unwrap_or_default();
    let text = match error.kind() {
        ErrorKind::UnknownArgument => say(lang, "clap-unknown-argument", &[("arg", arg())]),
        ErrorKind::InvalidValue if value().is_empty() => {
            say(lang, "clap-missing-value", &[("arg", arg())])
        }
        ErrorKind::InvalidValue => {
            let mut text = say(
                lang,
                "clap-invalid-value",
                &[("arg", arg()), ("value", value())],
            );
            let valid = strings(error, ContextKind::ValidValue);
            if !valid.is_empty() {
                let values = say(
                    lang,
                    "clap-possible-values",
                    &[("values", valid.join(", "))],
                );
                let _ = write!(text, " [{values}]");
            }
            text
        }
        ErrorKind::ValueValidation => match reason(lang, error) {
            Some(reason) => say(
                lang,
                "clap-invalid-value-because",
                &[("arg", arg()), ("value", value()), ("reason", reason)],
            ),
            None => say(
                lang,
                "clap-invalid-value",
                &[("arg", arg()), ("value", value())],
            ),
        },
        ErrorKind::InvalidSubcommand => {
            let name = string(error, ContextKind::InvalidSubcommand).unwrap_or_default();
            say(lang, "clap-invalid-subcommand", &[("name", name)])
        }
        ErrorKind::MissingRequiredArgument => {
            let args = strings(error, ContextKind::InvalidArg).join(", ");
            say(lang, "clap-missing-required", &[("args", args)])
        }
        ErrorKind::MissingSubcommand => {
            let name = string(error, ContextKind::InvalidSubcommand).unwrap_or_default();
            let mut text = say(lang, "clap-missing-subcommand", &[("name", name)]);
            let valid = strings(error, ContextKind::ValidSubcommand);
            if !valid.is_empty() {
                let names = say(lang, "clap-subcommands", &[("names", valid.join(", "))]);
                let _ = write!(text, " [{names}]");
            }
            text
        }
        ErrorKind::ArgumentConflict => {
            let prior = strings(error, ContextKind::PriorArg).join(", ");
            match string(error, ContextKind::InvalidArg) {
                Some(invalid) if invalid == prior => {
                    say(lang, "clap-conflict-repeat", &[("arg", invalid)])
                }
                Some(invalid) => say(lang, "clap-conflict", &[("arg", invalid), ("other", prior)]),
                None => {
                    let name = string(error, ContextKind::InvalidSubcommand).unwrap_or_default();
                    say(
                        lang,
                        "clap-conflict-subcommand",
                        &[("name", name), ("other", prior)],
                    )
                }
            }
        }
        ErrorKind::NoEquals => say(lang, "clap-no-equals", &[("arg", arg())]),
        ErrorKind::TooManyValues => say(
            lang,
            "clap-too-many-values",
            &[("arg", arg()), ("value", value())],
        ),
        ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            let id = if error.kind() == ErrorKind::TooFewValues {
                ("clap-too-few", ContextKind::MinValues)
            } else {
                ("clap-wrong-number", ContextKind::ExpectedNumValues)
            };
            let expected = string(error, id.1).unwrap_or_default();
            let actual = string(error, ContextKind::ActualNumValues).unwrap_or_default();
            say(
                lang,
                id.0,
                &[("arg", arg()), ("expected", expected), ("actual", actual)],
            )
        }
        ErrorKind::InvalidUtf8 => say(lang, "clap-invalid-utf8", &[]),
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        | ErrorKind::DisplayVersion => return None,
        _ => return None,
    };
    Some(text)
}

/// An option given before the subcommand that takes it (`netlearn cidr --prefix 16`): the
/// option as typed and each subcommand's command line with it (`netlearn cidr split <NET>
/// --prefix <PREFIX>`). clap only offers to pass it as a value, which is not what was meant.
fn option_of_subcommands<F: ErrorFormatter>(error: &Error<F>) -> Option<(String, Vec<String>)> {
    if error.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let typed = string(error, ContextKind::InvalidArg)?;
    let flag = typed.split('=').next().unwrap_or_default();
    let long = flag.strip_prefix("--")?;
    let usage = string(error, ContextKind::Usage)?;
    let path: Vec<&str> = usage
        .lines()
        .next()?
        .split_whitespace()
        .skip_while(|word| word.ends_with(':'))
        .take_while(|word| !word.starts_with(['<', '[', '-']))
        .collect();
    let mut command = <super::Cli as clap::CommandFactory>::command();
    for name in path.iter().skip(1) {
        command = command.find_subcommand(name)?.clone();
    }
    let placeholder = |arg: &clap::Arg| match arg.get_value_names() {
        Some([name, ..]) => format!("<{name}>"),
        _ => format!("<{}>", arg.get_id().as_str().to_uppercase()),
    };
    let lines: Vec<String> = command
        .get_subcommands()
        .filter_map(|sub| {
            let option = sub.get_arguments().find(|a| a.get_long() == Some(long))?;
            let mut line = format!("{} {}", path.join(" "), sub.get_name());
            for positional in sub.get_positionals().filter(|a| a.is_required_set()) {
                let _ = write!(line, " {}", placeholder(positional));
            }
            let _ = write!(line, " --{long}");
            if option.get_action().takes_values() {
                let _ = write!(line, " {}", placeholder(option));
            }
            Some(line)
        })
        .collect();
    (!lines.is_empty()).then(|| (flag.to_string(), lines))
}

/// Whether netlearn words this error itself in English too, where clap's words would point
/// the wrong way.
pub fn english_is_ours(error: &clap::Error) -> bool {
    option_of_subcommands(error).is_some()
}

/// The tips clap adds (a similar argument, how to pass a value that looks like a flag).
fn tips<F: ErrorFormatter>(lang: Lang, error: &Error<F>) -> Vec<String> {
    let tip = say(lang, "clap-tip", &[]);
    if let Some((arg, lines)) = option_of_subcommands(error) {
        let commands = lines.join(&say(lang, "clap-or", &[]));
        let pairs = [("arg", arg), ("commands", commands)];
        return vec![format!(
            "{tip}: {}",
            say(lang, "clap-option-of-subcommand", &pairs)
        )];
    }
    let mut tips = Vec::new();
    for (kind, id) in [
        (ContextKind::SuggestedSubcommand, "clap-similar-subcommand"),
        (ContextKind::SuggestedArg, "clap-similar-argument"),
        (ContextKind::SuggestedValue, "clap-similar-value"),
    ] {
        let names = strings(error, kind);
        if !names.is_empty() {
            tips.push(say(lang, id, &[("names", quoted(&names))]));
        }
    }
    for text in strings(error, ContextKind::Suggested) {
        tips.push(suggestion(lang, &text));
    }
    tips.into_iter().map(|t| format!("{tip}: {t}")).collect()
}

/// The one line netlearn prints for a usage mistake in `lang` (after `netlearn: `): the
/// message and its tips, without the usage and the pointer to --help. None for help and
/// version, which are printed as they are.
pub fn one_line(error: &clap::Error, lang: Lang) -> Option<String> {
    let message = message(lang, error)?;
    let mut line = format!("{}: {message}", say(lang, "clap-error", &[]));
    for tip in tips(lang, error) {
        line.push(' ');
        line.push_str(&tip);
    }
    Some(line)
}

/// clap's whole error screen in Japanese: the message, its tips, the usage and where to read
/// more, laid out as clap lays out its English one (`error.apply::<JapaneseErrors>()`).
pub struct JapaneseErrors;

impl ErrorFormatter for JapaneseErrors {
    fn format_error(error: &Error<Self>) -> clap::builder::StyledStr {
        let lang = Lang::Ja;
        let Some(message) = message(lang, error) else {
            return RichFormatter::format_error(&Error::<RichFormatter>::new(error.kind()));
        };
        let mut out = clap::builder::StyledStr::new();
        let _ = write!(out, "{}: {message}", say(lang, "clap-error", &[]));
        let tips = tips(lang, error);
        if !tips.is_empty() {
            out.push_str("\n");
        }
        for tip in tips {
            let _ = write!(out, "\n  {tip}");
        }
        if let Some(usage) = string(error, ContextKind::Usage) {
            let usage = usage.trim_start().strip_prefix("Usage:").unwrap_or(&usage);
            let _ = write!(out, "\n\n{}:{usage}", say(lang, "clap-usage", &[]));
        }
        let help = [("help", "--help".to_string())];
        let _ = write!(out, "\n\n{}\n", say(lang, "clap-more-information", &help));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(args: &[&str]) -> clap::Error {
        match crate::cli::Cli::try_parse_localized(args.iter().copied()) {
            Ok(_) => panic!("{args:?} parsed"),
            Err(error) => error,
        }
    }

    #[test]
    fn english_lines_say_what_clap_says() {
        for args in [
            vec!["netlearn", "--foo"],
            vec!["netlearn", "echo", "serve", "--port"],
            vec!["netlearn", "echo", "serve", "--port", "x"],
            vec!["netlearn", "lab", "--mistake", "nope"],
            vec!["netlearn", "cidr"],
            vec![
                "netlearn",
                "cidr",
                "split",
                "10.0.0.0/8",
                "--prefix",
                "1",
                "--count",
                "2",
            ],
            vec!["netlearn", "echo", "demo", "--clients", "1000"],
            vec!["netlearn", "echo", "serv"],
        ] {
            let error = error_of(&args);
            let clap_line: Vec<String> = error
                .render()
                .to_string()
                .lines()
                .map(str::trim)
                .take_while(|line| !line.starts_with("Usage:"))
                .filter(|line| !line.is_empty() && !line.starts_with("For more information"))
                .map(str::to_string)
                .collect();
            assert_eq!(
                one_line(&error, Lang::En),
                Some(clap_line.join(" ")),
                "{args:?}"
            );
        }
    }

    #[test]
    fn an_option_before_its_subcommand_names_the_subcommands_that_take_it() {
        let error = error_of(&["netlearn", "cidr", "--prefix", "16"]);
        assert_eq!(
            one_line(&error, Lang::En).as_deref(),
            Some(
                "error: unexpected argument '--prefix' found tip: '--prefix' belongs to a \
                 subcommand: netlearn cidr split <NET> --prefix <PREFIX> or netlearn cidr \
                 supernet <NET> --prefix <PREFIX>"
            )
        );
        assert!(english_is_ours(&error));
        let ja = one_line(&error, Lang::Ja).unwrap_or_default();
        assert!(
            ja.ends_with(
                "netlearn cidr split <NET> --prefix <PREFIX> か netlearn cidr supernet <NET> \
                 --prefix <PREFIX> のように、サブコマンドの後ろに書きます"
            ),
            "{ja}"
        );
        // An option no subcommand takes keeps clap's words.
        assert!(!english_is_ours(&error_of(&["netlearn", "cidr", "--nope"])));
        assert!(!english_is_ours(&error_of(&["netlearn", "--foo"])));
    }

    #[test]
    fn japanese_lines_keep_the_input_and_translate_the_reason() {
        let line = |args: &[&str]| one_line(&error_of(args), Lang::Ja).unwrap_or_default();
        assert_eq!(
            line(&["netlearn", "--foo"]),
            "エラー: 予期しない引数 '--foo' があります"
        );
        assert_eq!(
            line(&["netlearn", "echo", "serve", "--port", "x"]),
            "エラー: '--port <PORT>' の値 'x' が正しくありません: 数字でない文字があります"
        );
        assert_eq!(
            line(&["netlearn", "echo", "demo", "--clients", "1000"]),
            "エラー: '--clients <CLIENTS>' の値 '1000' が正しくありません: 1000 は 1..=100 の範囲にありません"
        );
        assert!(line(&["netlearn", "lab", "--mistake", "nope"]).contains("[使える値: mask,"));
        assert!(
            line(&["netlearn", "echo", "serv"])
                .contains("ヒント: よく似たサブコマンドがあります: 'serve'")
        );
        let screen = error_of(&["netlearn", "--foo"])
            .apply::<JapaneseErrors>()
            .render()
            .to_string();
        assert!(screen.contains("\n\n使い方: netlearn"), "{screen}");
        assert!(
            screen.ends_with("詳しくは '--help' を実行してください。\n"),
            "{screen}"
        );
    }
}
