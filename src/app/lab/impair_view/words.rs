//! Why a link's loss, rate or delay could not be applied: the lab's build error words it
//! through here (`app::lab::words`).

use crate::app::text::{system_error_in, t};
use crate::i18n::Lang;
use crate::net::lab::impair::ImpairError;
use crate::net::lab::nft::NftError;
use crate::output::escape::terminal_safe;

/// Why a link's impairment could not be applied, in `lang`.
pub fn impair_error(lang: Lang, error: &ImpairError) -> String {
    match error {
        ImpairError::Qdisc {
            host,
            interface,
            kind,
            error,
        } => t!(
            lang,
            "impair-error-qdisc",
            host = host.as_str(),
            interface = interface.as_str(),
            kind = *kind,
            error = system_error_in(lang, error)
        ),
        ImpairError::Nft {
            host,
            interface,
            error,
        } => match error {
            NftError::Missing => t!(
                lang,
                "impair-error-nft-missing",
                host = host.as_str(),
                interface = interface.as_str()
            ),
            NftError::Refused { said } => t!(
                lang,
                "impair-error-nft-refused",
                host = host.as_str(),
                interface = interface.as_str(),
                said = terminal_safe(said).into_owned()
            ),
            NftError::Io(error) => t!(
                lang,
                "impair-error-nft-io",
                host = host.as_str(),
                interface = interface.as_str(),
                error = system_error_in(lang, error)
            ),
        },
        ImpairError::Relay { a, b, error } => t!(
            lang,
            "impair-error-relay",
            a = a.as_str(),
            b = b.as_str(),
            error = system_error_in(lang, error)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_refusal_names_the_interface_and_the_way_out_in_both_languages() {
        for lang in [Lang::En, Lang::Ja] {
            let missing = impair_error(
                lang,
                &ImpairError::Nft {
                    host: "h1".into(),
                    interface: "eth0".into(),
                    error: NftError::Missing,
                },
            );
            assert!(missing.starts_with("h1/eth0: "), "{missing}");
            assert!(missing.contains("apt install nftables"), "{missing}");
            let refused = impair_error(
                lang,
                &ImpairError::Qdisc {
                    host: "r1".into(),
                    interface: "eth1".into(),
                    kind: "tbf",
                    error: std::io::Error::from_raw_os_error(libc::EINVAL),
                },
            );
            assert!(
                refused.contains("r1/eth1") && refused.contains("tbf"),
                "{refused}"
            );
            let relay = impair_error(
                lang,
                &ImpairError::Relay {
                    a: "h1".into(),
                    b: "r1".into(),
                    error: std::io::Error::from_raw_os_error(libc::EPERM),
                },
            );
            assert!(relay.contains("h1") && relay.contains("r1"), "{relay}");
        }
    }
}
