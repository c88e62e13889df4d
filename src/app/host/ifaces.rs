//! `netlearn ifaces`: this machine's interfaces as a table (or JSON), loopback first.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;

use crate::app::text::{headings, system_error_in, t};
use crate::cli::IfacesArgs;
use crate::i18n::{self, Lang};
use crate::net::iface::{self, AddressScope, NetInterface, SnapshotProblem};
use crate::output::sink::Sink;
use crate::output::{self, Render};

/// What 127.0.0.0/8 and ::1 are, printed under `--loopback`.
const LOOPBACK_NOTES: &[&str] = &[
    "host-loopback-stays",
    "host-loopback-v4",
    "host-loopback-v6",
    "host-loopback-name",
];

#[derive(Serialize)]
pub struct IfacesReport {
    /// The language the report is written in.
    #[serde(skip)]
    pub lang: Lang,
    pub interfaces: Vec<NetInterface>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<String>,
}

fn state(lang: Lang, interface: &NetInterface) -> String {
    t!(
        lang,
        match (interface.up, interface.running) {
            (Some(true), Some(false)) => "host-state-up-no-carrier",
            (Some(true), _) => "host-state-up",
            (Some(false), _) => "host-state-down",
            (None, _) => "host-state-unknown",
        }
    )
}

/// A source of interface facts that failed, as a note.
fn problem(lang: Lang, problem: &SnapshotProblem) -> String {
    match problem {
        SnapshotProblem::Addresses(error) => t!(
            lang,
            "host-problem-addresses",
            error = system_error_in(lang, error)
        ),
        SnapshotProblem::NoLinks => t!(lang, "host-problem-no-links"),
    }
}

/// The interfaces as a table: one row per address, the interface's facts on its first row.
pub fn interfaces_table(lang: Lang, interfaces: &[NetInterface]) -> comfy_table::Table {
    let mut table = output::table();
    table.set_header(headings(
        lang,
        &[
            "host-col-index",
            "host-col-interface",
            "host-col-state",
            "host-col-mac",
            "host-col-mtu",
            "host-col-address",
            "host-col-network",
            "host-col-scope",
        ],
    ));
    for interface in interfaces {
        let name = if interface.loopback {
            t!(lang, "host-iface-loopback", name = interface.name.as_str())
        } else {
            interface.name.clone()
        };
        let facts = vec![
            interface.index.map_or("-".into(), |i| i.to_string()),
            name,
            state(lang, interface),
            interface.mac.map_or_else(|| "-".into(), |m| m.to_string()),
            interface.mtu.map_or("-".into(), |m| m.to_string()),
        ];
        if interface.addresses.is_empty() {
            let mut row = facts;
            row.extend([t!(lang, "host-no-address"), String::new(), String::new()]);
            table.add_row(row);
            continue;
        }
        for (n, address) in interface.addresses.iter().enumerate() {
            let mut row = if n == 0 {
                facts.clone()
            } else {
                vec![String::new(); 5]
            };
            row.push(format!("{}/{}", address.addr, address.prefix));
            row.push(address.network.to_string());
            row.push(scope_label(lang, address.scope));
            table.add_row(row);
        }
    }
    table
}

impl Render for IfacesReport {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let lang = self.lang;
        output::write_table(&interfaces_table(lang, &self.interfaces), out)?;
        if !self.notes.is_empty() {
            writeln!(out)?;
            for note in &self.notes {
                output::write_prose_line(out, note)?;
            }
        }
        for problem in &self.problems {
            output::write_prose_line(out, &t!(lang, "host-note", note = problem.as_str()))?;
        }
        Ok(())
    }
}

pub fn report(lang: Lang, loopback_only: bool) -> IfacesReport {
    let snapshot = iface::snapshot();
    let mut interfaces = snapshot.interfaces;
    let mut notes = Vec::new();
    if loopback_only {
        interfaces.retain(|i| i.loopback);
        notes.extend(LOOPBACK_NOTES.iter().map(|id| t!(lang, id)));
        let has_v6 = interfaces
            .iter()
            .flat_map(|i| &i.addresses)
            .any(|a| a.addr.is_ipv6());
        if !has_v6 {
            notes.push(t!(lang, "host-loopback-no-v6"));
        }
    }
    IfacesReport {
        lang,
        interfaces,
        notes,
        problems: snapshot.problems.iter().map(|p| problem(lang, p)).collect(),
    }
}

pub fn run(args: &IfacesArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let (format, out) = sink.parts();
    output::emit(&report(i18n::language(), args.loopback), format, out)?;
    Ok(ExitCode::SUCCESS)
}

/// A few words for a table cell.
fn scope_label(lang: Lang, scope: AddressScope) -> String {
    t!(
        lang,
        match scope {
            AddressScope::Loopback => "host-scope-loopback",
            AddressScope::LinkLocal => "host-scope-link-local",
            AddressScope::UniqueLocal => "host-scope-unique-local",
            AddressScope::Private => "host-scope-private",
            AddressScope::SharedNat => "host-scope-shared-nat",
            AddressScope::Documentation => "host-scope-documentation",
            AddressScope::Multicast => "host-scope-multicast",
            AddressScope::Unspecified => "host-scope-unspecified",
            AddressScope::Global => "host-scope-global",
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::text::at_80;
    use crate::net::iface::merge;

    #[test]
    fn the_interfaces_table_reads_in_japanese() {
        let (addresses, links) = crate::net::iface::tests::sandbox();
        let interfaces = merge(&addresses, &links);
        let text = at_80(&interfaces_table(Lang::Ja, &interfaces));
        for word in [
            "インターフェース",
            "lo (ループバック)",
            "無効",
            "ドキュメント用",
            "リンクローカル",
        ] {
            assert!(text.contains(word), "{word}: {text}");
        }
        insta::assert_snapshot!("ifaces_ja", text);
        let english = at_80(&interfaces_table(Lang::En, &interfaces));
        assert!(english.contains("lo (loopback)"), "{english}");
        assert!(english.contains("link-local"), "{english}");
    }
}
