//! `netlearn ip`: one address explained, and `ip compare` (IPv4 vs IPv6).

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;

use crate::app::addr::view::{AddressView, Difference, citation, differences, label};
use crate::app::text::for_json;
use crate::cli::{IpAction, IpArgs};
use crate::error::Error;
use crate::i18n::Lang;
use crate::net::subnet::address_info;
use crate::output::sink::Sink;
use crate::output::{self, Render};

pub fn run(args: &IpArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let (format, out) = sink.parts();
    match (&args.action, args.addr) {
        (Some(IpAction::Compare), _) => {
            // JSON values stay English whatever the language; the table is in the reader's.
            let rows = match format {
                crate::output::Format::Json => differences(Lang::En)
                    .into_iter()
                    .map(|row| Difference {
                        topic: for_json(row.topic),
                        ipv4: for_json(row.ipv4),
                        ipv6: for_json(row.ipv6),
                        rfc: row.rfc,
                    })
                    .collect(),
                _ => differences(crate::i18n::language()),
            };
            output::emit(&CompareReport(rows), format, out)?
        }
        (None, Some(addr)) => output::emit(
            &AddressReport(AddressView::from(&address_info(addr))),
            format,
            out,
        )?,
        (None, None) => {
            return Err(Error::Usage(crate::tr!("addr-error-address-required")).into());
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
#[serde(transparent)]
struct AddressReport(AddressView);

impl Render for AddressReport {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let info = &self.0;
        let labelled = |rows: Vec<(&str, String)>| -> Vec<(String, String)> {
            rows.into_iter()
                .map(|(key, value)| (label(key), value))
                .collect()
        };
        let mut rows = labelled(vec![
            ("address", info.address.clone()),
            ("version", format!("IPv{}", info.version)),
            ("integer", info.integer.clone()),
            ("hex", info.hex.clone()),
            ("binary", info.binary.clone()),
        ]);
        rows.extend(info.forms.rows());
        rows.extend(labelled(vec![
            ("class", info.classification.text(crate::i18n::language())),
            ("scope", info.scope_words.clone()),
            ("reverse pointer", info.reverse_pointer.clone()),
        ]));
        output::write_table(&output::key_value_table(rows), out)
    }
}

#[derive(Serialize)]
#[serde(transparent)]
struct CompareReport(Vec<Difference>);

impl Render for CompareReport {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut table = output::table();
        table.set_header(vec!["", "IPv4", "IPv6", "RFC"]);
        let lang = crate::i18n::language();
        for row in &self.0 {
            table.add_row(vec![
                row.topic.clone(),
                row.ipv4.clone(),
                row.ipv6.clone(),
                citation(lang, row.rfc),
            ]);
        }
        output::write_table(&table, out)
    }
}
