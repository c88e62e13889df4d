//! What the lab says when it cannot be built, its servers do not start, it cannot be published
//! or the scenario's DNS query finds no answer.

use crate::app::text::{system_error_in, t};
use crate::i18n::Lang;
use crate::net::lab::attach::PublishError;
use crate::net::lab::services::{LookupError, StartError};
use crate::net::lab::{BuildError, Step};
use crate::output::escape::terminal_safe;

/// Why the lab could not be built.
pub fn build_error(lang: Lang, error: &BuildError) -> String {
    match error {
        BuildError::Namespace(error) => {
            t!(
                lang,
                "lab-build-namespace",
                error = system_error_in(lang, error)
            )
        }
        BuildError::Step { host, step, error } => t!(
            lang,
            "lab-build-step",
            host = host.as_str(),
            step = step_text(lang, step),
            error = system_error_in(lang, error)
        ),
        BuildError::NotUp {
            host,
            interface,
            within,
        } => t!(
            lang,
            "lab-build-not-up",
            host = host.as_str(),
            step = step_text(lang, &Step::WaitForLinks),
            interface = interface.as_str(),
            seconds = within.as_secs()
        ),
        BuildError::UnknownHost(host) => {
            t!(lang, "lab-build-unknown-host", host = format!("{host:?}"))
        }
        BuildError::UnknownInterface { host, interface } => t!(
            lang,
            "lab-build-unknown-host",
            host = format!("{:?}", [host.as_str(), interface.as_str()].join("/"))
        ),
        BuildError::Impair(error) => super::impair_view::words::impair_error(lang, error),
    }
}

fn step_text(lang: Lang, step: &Step) -> String {
    match step {
        Step::Cable { interface, peer } => t!(
            lang,
            "lab-step-cable",
            interface = interface.as_str(),
            peer = peer.as_str()
        ),
        Step::Configure => t!(lang, "lab-step-configure"),
        Step::WaitForLinks => t!(lang, "lab-step-wait-for-links"),
    }
}

/// Why the lab's servers did not start.
pub fn start_error(lang: Lang, error: &StartError) -> String {
    match error {
        StartError::NoHost(host) => t!(lang, "lab-start-no-host", host = host.as_str()),
        StartError::NotStarted(within) => {
            t!(lang, "lab-start-not-started", seconds = within.as_secs())
        }
        StartError::Io(error) => system_error_in(lang, error),
    }
}

/// Why `lab up` could not say that its lab is up.
pub fn publish_error(lang: Lang, error: &PublishError) -> String {
    match error {
        PublishError::AlreadyUp(pid) => t!(lang, "lab-already-up", pid = pid.to_string()),
        PublishError::NotOurs { path, owner } => t!(
            lang,
            "lab-runtime-not-ours",
            path = terminal_safe(&path.display().to_string()).into_owned(),
            owner = owner.to_string()
        ),
        PublishError::NotADirectory(path) => t!(
            lang,
            "lab-runtime-not-directory",
            path = terminal_safe(&path.display().to_string()).into_owned()
        ),
        PublishError::Io { path, error } => t!(
            lang,
            "lab-publish-cannot-write",
            path = terminal_safe(&path.display().to_string()).into_owned(),
            error = system_error_in(lang, error)
        ),
    }
}

/// Why the scenario's DNS query found no answer.
pub fn lookup_error(lang: Lang, error: &LookupError) -> String {
    match error {
        LookupError::NoAnswer { tries, timeout } => t!(
            lang,
            "lab-lookup-no-answer",
            tries = *tries,
            ms = timeout.as_millis() as u64
        ),
        LookupError::Io(error) => system_error_in(lang, error),
    }
}

#[cfg(test)]
mod tests {
    use std::io;
    use std::time::Duration;

    use super::*;

    #[test]
    fn build_errors_in_both_languages() {
        let cable = BuildError::Step {
            host: "h1".into(),
            step: Step::Cable {
                interface: "eth0".into(),
                peer: "r1".into(),
            },
            error: io::Error::from_raw_os_error(libc::EPERM),
        };
        let en = build_error(Lang::En, &cable);
        assert!(en.starts_with("h1: cable eth0 to r1: "), "{en}");
        let ja = build_error(Lang::Ja, &cable);
        assert!(
            ja.contains("h1") && ja.contains("eth0 から r1 へケーブル"),
            "{ja}"
        );
        let late = BuildError::NotUp {
            host: "r1".into(),
            interface: "eth1".into(),
            within: Duration::from_secs(5),
        };
        assert_eq!(
            crate::output::spaces::plain(&build_error(Lang::En, &late)),
            "r1: wait for its links: eth1 did not come up within 5 s"
        );
        assert!(build_error(Lang::Ja, &late).contains("5\u{a0}秒以内に"));
        let unknown = BuildError::UnknownInterface {
            host: "h1".into(),
            interface: "eth9".into(),
        };
        assert_eq!(
            build_error(Lang::En, &unknown),
            "the topology names a host \"h1/eth9\" it does not define"
        );
        assert!(build_error(Lang::Ja, &unknown).contains("\"h1/eth9\""));
    }

    #[test]
    fn server_publish_and_lookup_errors_in_both_languages() {
        let none = StartError::NoHost("h9".into());
        assert_eq!(start_error(Lang::En, &none), "no host h9");
        assert!(start_error(Lang::Ja, &none).contains("h9 というホスト"));
        let late = StartError::NotStarted(Duration::from_secs(5));
        assert_eq!(
            crate::output::spaces::plain(&start_error(Lang::En, &late)),
            "a lab server did not start within 5 s"
        );
        assert!(start_error(Lang::Ja, &late).contains("5\u{a0}秒"));
        let up = PublishError::AlreadyUp(42);
        assert_eq!(
            publish_error(Lang::En, &up),
            "a lab is already up (process 42)"
        );
        let write = PublishError::Io {
            path: "/tmp/x.json".into(),
            error: io::Error::from_raw_os_error(libc::EACCES),
        };
        assert!(publish_error(Lang::En, &write).starts_with("cannot write /tmp/x.json: "));
        assert!(publish_error(Lang::Ja, &write).contains("/tmp/x.json に書き込めません"));
        let theirs = PublishError::NotOurs {
            path: "/tmp/netlearn-0".into(),
            owner: 65534,
        };
        let en = publish_error(Lang::En, &theirs);
        assert!(
            en.starts_with("/tmp/netlearn-0 belongs to user id 65534, not to you"),
            "{en}"
        );
        assert!(en.contains("XDG_RUNTIME_DIR"), "{en}");
        let ja = publish_error(Lang::Ja, &theirs);
        assert!(ja.contains("ユーザー ID 65534 のもの"), "{ja}");
        let link = PublishError::NotADirectory("/tmp/netlearn-0".into());
        assert!(publish_error(Lang::En, &link).contains("symbolic link"));
        assert!(publish_error(Lang::Ja, &link).contains("シンボリックリンク"));
        let silent = LookupError::NoAnswer {
            tries: 3,
            timeout: Duration::from_millis(500),
        };
        assert_eq!(
            crate::output::spaces::plain(&lookup_error(Lang::En, &silent)),
            "no answer from the DNS server (3 queries, 500 ms each)"
        );
        assert!(lookup_error(Lang::Ja, &silent).contains("DNS サーバーから応答がありません"));
    }
}
