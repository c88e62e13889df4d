//! The words of a command-line value that does not parse ([`ValueError`], typed by the value
//! parsers in `cli`): clap shows an error through its `Display`, given here in the reader's
//! language from the families' words.

use crate::app::text::t;
use crate::cli::ValueError;
use crate::i18n::{Lang, language};

/// Why `error`'s value does not parse, in `lang`.
pub fn value_error(lang: Lang, error: &ValueError) -> String {
    let text = |text: &String| text.clone();
    match error {
        ValueError::Address(error) => super::addr::words::parse_error(lang, error),
        ValueError::Framing(error) => super::echo::words::framing_parse_error(lang, error),
        ValueError::RecordType(error) => super::dns::words::query_input_error(lang, error),
        ValueError::SizeUnit { text: t, unit } => t!(
            lang,
            "value-size-unit",
            text = text(t),
            unit = unit.as_str()
        ),
        ValueError::SizeNumber { text: t } => {
            t!(lang, "value-size-number", text = text(t))
        }
        ValueError::DurationUnit { text: t, unit } => t!(
            lang,
            "value-duration-unit",
            text = text(t),
            unit = unit.as_str()
        ),
        ValueError::DurationNumber { text: t } => {
            t!(lang, "value-duration-number", text = text(t))
        }
        ValueError::DurationTooLong { text: t } => {
            t!(lang, "value-duration-too-long", text = text(t))
        }
        ValueError::DurationZero { text: t } => {
            t!(lang, "value-duration-zero", text = text(t))
        }
        ValueError::TargetPort { text: t, port } => t!(
            lang,
            "value-target-port",
            text = text(t),
            port = port.as_str()
        ),
        ValueError::TargetForm { text: t } => {
            t!(lang, "value-target-form", text = text(t))
        }
        ValueError::MessageTooLarge { max } => t!(
            lang,
            "echo-size-over-max",
            max_mib = (max >> 20).to_string(),
            max = crate::output::words::thousands(*max as u64)
        ),
        ValueError::ModeTooLarge { text: t } => {
            t!(lang, "value-mode-too-large", text = text(t))
        }
        ValueError::ModeNotOctal { text: t } => {
            t!(lang, "value-mode-octal", text = text(t))
        }
        ValueError::Rate { text: t } => t!(
            lang,
            "congestion-value-rate",
            text = text(t),
            min = "100kbit",
            max = "1gbit"
        ),
        ValueError::Percent { text: t } => t!(
            lang,
            "congestion-value-percent",
            text = text(t),
            min = crate::cli::MIN_LOSS,
            max = crate::cli::MAX_LOSS
        ),
    }
}

/// What clap prints after "invalid value … for …:", in the run's language.
impl std::fmt::Display for ValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&value_error(language(), self))
    }
}

impl std::error::Error for ValueError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{parse_duration, parse_size, parse_target};

    #[test]
    fn value_errors_are_worded_in_both_languages() {
        let unit = parse_size("5X").unwrap_err();
        assert_eq!(
            value_error(Lang::En, &unit),
            "invalid size '5X': unknown unit 'X' (use B, KiB, MiB, GiB)"
        );
        assert!(value_error(Lang::Ja, &unit).contains("単位 'X'"));
        let long = parse_duration("8d").unwrap_err();
        assert_eq!(
            value_error(Lang::En, &long),
            "invalid duration '8d': longer than the maximum of 7 days (7d)"
        );
        let form = parse_target("a b").unwrap_err();
        assert!(value_error(Lang::Ja, &form).contains("HOST:PORT"));
    }
}
