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
    // clap's ranged integer parsers: "2000 is not in 1..=100", "0 is not in 1..".
    if let Some((value, range)) = text.split_once(" is not in ")
        && !value.contains(' ')
        && !range.contains(' ')
    {
        let bounds = range
            .split_once("..=")
            .map(|(min, max)| (min, Some(max)))
            .or_else(|| range.strip_suffix("..").map(|min| (min, None)));
        return Some(match bounds {
            Some(_) if lang == Lang::En => {
                let pairs = [("value", value.to_string()), ("range", range.to_string())];
                say(lang, "clap-out-of-range", &pairs)
            }
            Some((min, Some(max))) => {
                let pairs = [("min", min.to_string()), ("max", max.to_string())];
                say(lang, "clap-range-between", &pairs)
            }
            Some((min, None)) => say(lang, "clap-range-at-least", &[("min", min.to_string())]),
            None => {
                let pairs = [("value", value.to_string()), ("range", range.to_string())];
                say(lang, "clap-out-of-range", &pairs)
            }
        });
    }
    Some(text)
}

/// Whether the value parser's reason is netlearn's own: it names the value as typed.
fn names_the_value<F: ErrorFormatter>(error: &Error<F>) -> bool {
    std::error::Error::source(error)
        .is_some_and(|source| source.downcast_ref::<super::ValueError>().is_some())
}

/// An argument as a reader names it: the option alone (`--framing`, not `--framing
/// <FRAMING>`), a positional argument by its placeholder (`<NET>`).
fn arg_name(arg: &str) -> String {
    if arg.starts_with('-') {
        arg.split([' ', '=']).next().unwrap_or(arg).to_string()
    } else {
        arg.to_string()
    }
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
        ErrorKind::UnknownArgument if arg().starts_with('-') => {
            say(lang, "clap-unknown-option", &[("arg", arg())])
        }
        ErrorKind::UnknownArgument => say(lang, "clap-unknown-argument", &[("arg", arg())]),
        ErrorKind::InvalidValue if value().is_empty() => {
            say(lang, "clap-missing-value", &[("arg", arg())])
        }
        ErrorKind::InvalidValue => {
            // English says what clap says; other languages name the option alone.
            let named = if lang == Lang::En {
                arg()
            } else {
                arg_name(&arg())
            };
            let mut text = say(
                lang,
                "clap-invalid-value",
                &[("arg", named), ("value", value())],
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
            // netlearn's own parsers name the value and say what to write instead: the
            // argument is named once in front of that, nothing said twice.
            // English says what clap says (netlearn's words only where clap's point the wrong
            // way).
            Some(reason) if lang == Lang::En => say(
                lang,
                "clap-invalid-value-because",
                &[("arg", arg()), ("value", value()), ("reason", reason)],
            ),
            Some(reason) if names_the_value(error) => say(
                lang,
                "clap-invalid-value-reason",
                &[("arg", arg_name(&arg())), ("reason", reason)],
            ),
            Some(reason) => say(
                lang,
                "clap-invalid-value-because",
                &[
                    ("arg", arg_name(&arg())),
                    ("value", value()),
                    ("reason", reason),
                ],
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
/// The command a usage error is about (`netlearn echo client`), as words, and its definition.
fn command_of<F: ErrorFormatter>(error: &Error<F>) -> Option<(Vec<String>, clap::Command)> {
    let usage = string(error, ContextKind::Usage)?;
    let path: Vec<String> = usage
        .lines()
        .next()?
        .split_whitespace()
        .skip_while(|word| word.ends_with(':'))
        .take_while(|word| !word.starts_with(['<', '[', '-']))
        .map(str::to_string)
        .collect();
    let mut command = <super::Cli as clap::CommandFactory>::command();
    for name in path.iter().skip(1) {
        command = command.find_subcommand(name)?.clone();
    }
    Some((path, command))
}

/// An unknown option, as typed before any `=VALUE`, and its value when it came with one.
fn unknown_option<F: ErrorFormatter>(error: &Error<F>) -> Option<(String, Option<String>)> {
    if error.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let typed = string(error, ContextKind::InvalidArg)?;
    Some(match typed.split_once('=') {
        Some((flag, value)) => (flag.to_string(), Some(value.to_string())),
        None => (typed, None),
    })
}

fn option_of_subcommands<F: ErrorFormatter>(
    lang: Lang,
    error: &Error<F>,
) -> Option<(String, Vec<String>)> {
    let (flag, _) = unknown_option(error)?;
    let long = flag.strip_prefix("--")?;
    let (path, command) = command_of(error)?;
    let placeholder = |arg: &clap::Arg| {
        let name = match arg.get_value_names() {
            Some([name, ..]) => name.to_string(),
            _ => arg.get_id().as_str().to_uppercase(),
        };
        format!("<{}>", super::localize::value_name(lang, &name))
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

/// `--port` (or `-p`) given to a command that takes its server as one address
/// (`HOST:PORT`): the command line with the port written into the address, the way a reader
/// of the Python article, used to `port = 5008`, should write it.
fn port_in_address<F: ErrorFormatter>(error: &Error<F>, args: &[String]) -> Option<String> {
    let (flag, value) = unknown_option(error)?;
    if flag != "--port" && flag != "-p" {
        return None;
    }
    let (path, command) = command_of(error)?;
    let takes_address = command.get_positionals().any(|arg| {
        arg.get_help()
            .is_some_and(|help| help.to_string().contains("HOST:PORT"))
    });
    if !takes_address
        || command
            .get_arguments()
            .any(|arg| arg.get_long() == Some("port"))
    {
        return None;
    }
    // The port as typed: `--port=5008` or `--port 5008`.
    let value = value.or_else(|| {
        let with_equals = format!("{flag}=");
        args.iter().enumerate().find_map(|(at, arg)| {
            if *arg == flag {
                args.get(at + 1).cloned()
            } else {
                arg.strip_prefix(&with_equals).map(str::to_string)
            }
        })
    });
    let port = value
        .filter(|value| value.parse::<u16>().is_ok())
        .unwrap_or_else(|| super::DEFAULT_PORT.to_string());
    Some(format!("{} 127.0.0.1:{port}", path.join(" ")))
}

/// Whether clap's only advice for an unknown option is to pass it as a value (`-- --nope`),
/// which is almost never what was meant: a `--word` is a mistyped or a missing option.
fn only_pass_as_value<F: ErrorFormatter>(error: &Error<F>) -> bool {
    let Some((flag, _)) = unknown_option(error) else {
        return false;
    };
    let suggested = strings(error, ContextKind::Suggested);
    flag.starts_with("--")
        && flag.len() > 2
        && strings(error, ContextKind::SuggestedArg).is_empty()
        && strings(error, ContextKind::SuggestedSubcommand).is_empty()
        && !suggested.is_empty()
        && suggested.iter().all(|text| text.starts_with("to pass "))
}

/// Whether netlearn words this error itself in English too, where clap's words would point
/// the wrong way.
pub fn english_is_ours(error: &clap::Error, args: &[String]) -> bool {
    option_of_subcommands(Lang::En, error).is_some()
        || port_in_address(error, args).is_some()
        || only_pass_as_value(error)
}

/// The tips clap adds (a similar argument, how to pass a value that looks like a flag), or
/// netlearn's own where clap's would point the wrong way.
fn tips<F: ErrorFormatter>(lang: Lang, error: &Error<F>, args: &[String]) -> Vec<String> {
    let tip = say(lang, "clap-tip", &[]);
    if let Some((arg, lines)) = option_of_subcommands(lang, error) {
        let commands = lines.join(&say(lang, "clap-or", &[]));
        let pairs = [("arg", arg), ("commands", commands)];
        return vec![format!(
            "{tip}: {}",
            say(lang, "clap-option-of-subcommand", &pairs)
        )];
    }
    if let Some(command) = port_in_address(error, args) {
        let said = say(lang, "clap-port-in-address", &[("command", command)]);
        return vec![format!("{tip}: {said}")];
    }
    if only_pass_as_value(error)
        && let Some((path, _)) = command_of(error)
    {
        let help = format!("{} --help", path.join(" "));
        let said = say(lang, "clap-see-help", &[("help", help)]);
        return vec![format!("{tip}: {said}")];
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
/// message and its tips, without the usage and the pointer to --help. `args` is the command
/// line as typed (program name first). None for help and version, which are printed as they
/// are.
pub fn one_line(error: &clap::Error, lang: Lang) -> Option<String> {
    one_line_for(error, lang, &[])
}

/// [`one_line`], with the command line as typed (program name first) for the advice that
/// repeats what was typed.
pub fn one_line_for(error: &clap::Error, lang: Lang, args: &[String]) -> Option<String> {
    let message = message(lang, error)?;
    let mut line = format!("{}: {message}", say(lang, "clap-error", &[]));
    for tip in tips(lang, error, args) {
        line.push_str(&say(lang, "clap-tip-joiner", &[]));
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
        let tips = tips(lang, error, &[]);
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
        assert!(english_is_ours(&error, &[]));
        let ja = one_line(&error, Lang::Ja).unwrap_or_default();
        assert!(
            ja.ends_with(
                "netlearn cidr split <ネットワーク> --prefix <プレフィックス長> か netlearn cidr \
                 supernet <ネットワーク> --prefix <プレフィックス長> のように、サブコマンドの後ろに\
                 書きます"
            ),
            "{ja}"
        );
        // An option no subcommand takes keeps clap's words, except clap's advice to pass it
        // as a value (`-- --nope`), which is not what was meant: where the options are listed.
        assert!(!english_is_ours(&error_of(&["netlearn", "--foo"]), &[]));
        let error = error_of(&["netlearn", "cidr", "--nope"]);
        assert!(english_is_ours(&error, &[]));
        assert_eq!(
            one_line(&error, Lang::En).as_deref(),
            Some(
                "error: unexpected argument '--nope' found tip: 'netlearn cidr --help' lists \
                 the options"
            )
        );
    }

    /// A reader of the Python article gives the port as `--port 5008`; echo client and bench
    /// take the server as one address, and say how to write it.
    #[test]
    fn a_port_option_for_a_command_that_takes_an_address_says_how_to_write_it() {
        let args = |line: &[&str]| line.iter().map(|word| word.to_string()).collect::<Vec<_>>();
        for (line, command) in [
            (
                vec!["netlearn", "echo", "client", "--port", "5009"],
                "netlearn echo client 127.0.0.1:5009",
            ),
            (
                vec!["netlearn", "echo", "bench", "--port=7000"],
                "netlearn echo bench 127.0.0.1:7000",
            ),
            (
                vec!["netlearn", "echo", "client", "-p", "x"],
                "netlearn echo client 127.0.0.1:5008",
            ),
        ] {
            let error = error_of(&line);
            assert!(english_is_ours(&error, &args(&line)), "{line:?}");
            let english = one_line_for(&error, Lang::En, &args(&line)).unwrap_or_default();
            assert!(
                english.ends_with(&format!(
                    "tip: the port is part of the server's address: {command}"
                )),
                "{english}"
            );
            assert!(!english.contains("--format"), "{english}");
            let japanese = one_line_for(&error, Lang::Ja, &args(&line)).unwrap_or_default();
            assert!(
                japanese.ends_with(&format!(
                    "ヒント: ポートはサーバーのアドレスに続けて書きます: {command}"
                )),
                "{japanese}"
            );
        }
        // A command with a --port of its own is not told so.
        let error = error_of(&["netlearn", "echo", "serve", "--port"]);
        assert!(!english_is_ours(&error, &[]));
    }

    #[test]
    fn japanese_lines_keep_the_input_and_translate_the_reason() {
        let line = |args: &[&str]| one_line(&error_of(args), Lang::Ja).unwrap_or_default();
        assert_eq!(
            line(&["netlearn", "--foo"]),
            "エラー: '--foo' というオプションはありません"
        );
        assert_eq!(
            line(&["netlearn", "echo", "serve", "--port", "x"]),
            "エラー: --port の値 'x' が正しくありません: 数字でない文字があります"
        );
        assert_eq!(
            line(&["netlearn", "echo", "demo", "--clients", "1000"]),
            "エラー: --clients の値 '1000' が正しくありません: 1 から 100 までの数を指定してください"
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
