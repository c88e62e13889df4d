//! The words for TLS settings that cannot be built and for a refused certificate or
//! handshake, shared by `dns` and `http` (texts/*/tls.ftl).

use crate::app::text::{system_error_in, t};
use crate::i18n::Lang;
use crate::net::tls::{CaFileProblem, PemError, TlsRejection, TlsSetupError};

/// Why TLS settings could not be built, in `lang`: a `--ca-file` that cannot be used (the
/// system's error when it cannot be read), or rustls's and rcgen's own words.
pub fn setup_error(lang: Lang, error: &TlsSetupError) -> String {
    match error {
        TlsSetupError::CaFile { path, problem } => t!(
            lang,
            "tls-ca-file",
            path = path.display().to_string(),
            reason = match problem {
                CaFileProblem::Unreadable(pem) => match &**pem {
                    PemError::Io(io) => system_error_in(lang, io),
                    other => other.to_string(),
                },
                CaFileProblem::Refused(webpki) => webpki.to_string(),
                CaFileProblem::NoCertificate => t!(lang, "tls-ca-file-no-certificate"),
            }
        ),
        TlsSetupError::Rustls(library) => {
            t!(lang, "tls-setup-failed", reason = library.to_string())
        }
        TlsSetupError::Verifier(library) => {
            t!(lang, "tls-setup-failed", reason = library.to_string())
        }
        TlsSetupError::Certificate(library) => t!(
            lang,
            "tls-cannot-make-certificate",
            reason = library.to_string()
        ),
        TlsSetupError::UnusableKey(rustls) => t!(
            lang,
            "tls-cannot-make-certificate",
            reason = rustls.to_string()
        ),
    }
}

/// Why the handshake was refused in `lang`, in the reader's language, with the next step where there
/// is one (a private CA is passed with `--ca-file`).
pub fn rejection_words(lang: Lang, rejection: &TlsRejection) -> String {
    match rejection {
        TlsRejection::Expired => t!(lang, "tls-expired"),
        TlsRejection::NotValidYet => t!(lang, "tls-not-valid-yet"),
        TlsRejection::WrongName { expected: None, .. } => t!(lang, "tls-wrong-name"),
        TlsRejection::WrongName {
            expected: Some(expected),
            presented,
        } => {
            let names = if presented.is_empty() {
                t!(lang, "tls-no-names")
            } else {
                presented.join(", ")
            };
            t!(
                lang,
                "tls-wrong-name-for",
                expected = expected.as_str(),
                names = names
            )
        }
        TlsRejection::UnknownIssuer => t!(lang, "tls-unknown-issuer"),
        TlsRejection::BadSignature => t!(lang, "tls-bad-signature"),
        TlsRejection::Revoked => t!(lang, "tls-revoked"),
        // rustls's own name for the verdict, as its Debug form spells it.
        TlsRejection::OtherCertificate(what) => {
            t!(lang, "tls-other-certificate", what = format!("{what:?}"))
        }
        TlsRejection::Handshake(what) => t!(lang, "tls-handshake", what = what.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_lang(lang: Lang, rejection: &TlsRejection) -> String {
        rejection_words(lang, rejection)
    }

    #[test]
    fn rejections_are_worded_in_both_languages_with_the_next_step() {
        let unknown = TlsRejection::UnknownIssuer;
        let en = in_lang(Lang::En, &unknown);
        assert!(en.starts_with("unknown issuer:"), "{en}");
        assert!(en.contains("--ca-file"), "{en}");
        let ja = in_lang(Lang::Ja, &unknown);
        assert!(ja.contains("--ca-file") && ja.contains("認証局"), "{ja}");

        let wrong = TlsRejection::WrongName {
            expected: Some("a.test".into()),
            presented: vec!["b.test".into(), "c.test".into()],
        };
        assert_eq!(
            in_lang(Lang::En, &wrong),
            "wrong name: the certificate is not for a.test, it is for b.test, c.test"
        );
        let ja = in_lang(Lang::Ja, &wrong);
        assert!(
            ja.contains("a.test") && ja.contains("b.test, c.test"),
            "{ja}"
        );
        let nameless = TlsRejection::WrongName {
            expected: Some("a.test".into()),
            presented: Vec::new(),
        };
        assert!(in_lang(Lang::En, &nameless).ends_with("no names at all (no subjectAltName)"));
        assert!(in_lang(Lang::Ja, &TlsRejection::Expired).contains("期限"));
    }

    #[test]
    fn setup_errors_are_worded_in_both_languages() {
        let empty = TlsSetupError::CaFile {
            path: "/tmp/ca.pem".into(),
            problem: CaFileProblem::NoCertificate,
        };
        assert_eq!(
            setup_error(Lang::En, &empty),
            "cannot read the CA file /tmp/ca.pem: it holds no PEM certificate"
        );
        let ja = setup_error(Lang::Ja, &empty);
        assert!(
            crate::output::spaces::plain(&ja).starts_with(
                "CA ファイル /tmp/ca.pem を読めません: PEM の証明書が 1 つも入っていません"
            ),
            "{ja}"
        );
        assert!(ja.contains("--ca-file"), "{ja}");
        let unreadable = TlsSetupError::CaFile {
            path: "/tmp/ca.pem".into(),
            problem: CaFileProblem::Unreadable(
                PemError::Io(std::io::Error::from_raw_os_error(libc::ENOENT)).into(),
            ),
        };
        assert_eq!(
            setup_error(Lang::En, &unreadable),
            "cannot read the CA file /tmp/ca.pem: No such file or directory (os error 2)"
        );
        let ja = setup_error(Lang::Ja, &unreadable);
        assert!(
            ja.starts_with(
                "CA ファイル /tmp/ca.pem を読めません: そのようなファイルやディレクトリはありません (エラー番号 2)"
            ),
            "{ja}"
        );
        let rustls = TlsSetupError::Rustls(rustls::Error::General("no usable versions".into()));
        let said = rustls::Error::General("no usable versions".into()).to_string();
        assert_eq!(
            setup_error(Lang::En, &rustls),
            format!("TLS setup failed: {said}")
        );
        assert_eq!(
            setup_error(Lang::Ja, &rustls),
            format!("TLS の設定に失敗しました: {said}")
        );
        let rcgen = TlsSetupError::Certificate(rcgen::Error::RingUnspecified);
        let said = rcgen::Error::RingUnspecified.to_string();
        assert_eq!(
            setup_error(Lang::En, &rcgen),
            format!("cannot make a certificate: {said}")
        );
        assert_eq!(
            setup_error(Lang::Ja, &rcgen),
            format!("証明書を作れません: {said}")
        );
    }
}
