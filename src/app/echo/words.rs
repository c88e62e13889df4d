//! What the echo family says about a framing that cannot be parsed or cannot carry a message.

use crate::app::text::t;
use crate::i18n::Lang;
use crate::net::echo::framing::{EncodeError, FramingParseError, MAX_FIXED_FRAME};

/// Why a `--framing` value is not a framing.
pub fn framing_parse_error(lang: Lang, error: &FramingParseError) -> String {
    match error {
        FramingParseError::Unknown(value) => {
            t!(lang, "echo-framing-unknown", value = value.as_str())
        }
        FramingParseError::BadFixedSize(value) => t!(
            lang,
            "echo-framing-bad-fixed-size",
            value = value.as_str(),
            max = MAX_FIXED_FRAME
        ),
    }
}

/// Why a message cannot be framed.
pub fn encode_error(lang: Lang, error: &EncodeError) -> String {
    match error {
        EncodeError::NewlineInLine => t!(lang, "echo-encode-newline-in-line"),
        EncodeError::WrongFixedSize { len, size } => {
            t!(
                lang,
                "echo-encode-wrong-fixed-size",
                len = *len,
                size = *size
            )
        }
        EncodeError::TooLongForPrefix { len } => {
            t!(lang, "echo-encode-too-long-for-prefix", len = *len)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framing_errors_in_both_languages() {
        let unknown = FramingParseError::Unknown("lines".into());
        assert_eq!(
            framing_parse_error(Lang::En, &unknown),
            "unknown framing 'lines': expected line, length, fixed:N or raw"
        );
        assert!(framing_parse_error(Lang::Ja, &unknown).contains("'lines' というフレーミング"));
        let bad = FramingParseError::BadFixedSize("0".into());
        assert!(framing_parse_error(Lang::En, &bad).ends_with("from 1 to 16777216"));
        let wrong = EncodeError::WrongFixedSize { len: 3, size: 8 };
        assert_eq!(
            encode_error(Lang::En, &wrong),
            "message is 3 bytes but fixed framing needs exactly 8"
        );
        assert!(encode_error(Lang::Ja, &wrong).contains("ちょうど 8 バイト"));
    }
}
