//! `netlearn ip`: one address explained, and `ip compare` (IPv4 vs IPv6).

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;

use crate::app::addr::cidr::{classification_text, form_rows};
use crate::cli::{IpAction, IpArgs};
use crate::error::Error;
use crate::net::compare::{DIFFERENCES, Difference};
use crate::net::subnet::{AddressInfo, address_info};
use crate::output::sink::Sink;
use crate::output::{self, Render};

pub fn run(args: &IpArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let (format, out) = sink.parts();
    match (&args.action, args.addr) {
        (Some(IpAction::Compare), _) => output::emit(&CompareReport(DIFFERENCES), format, out)?,
        (None, Some(addr)) => output::emit(&AddressReport(address_info(addr)), format, out)?,
        (None, None) => {
            return Err(
                Error::Usage("an address is required, e.g. netlearn ip 127.0.0.1".into()).into(),
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
#[serde(transparent)]
struct AddressReport(AddressInfo);

impl Render for AddressReport {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let info = &self.0;
        let mut rows = vec![
            ("address", info.address.clone()),
            ("version", format!("IPv{}", info.version)),
            ("integer", info.integer.clone()),
            ("hex", info.hex.clone()),
            ("binary", info.binary.clone()),
        ];
        rows.extend(form_rows(&info.forms));
        rows.extend([
            ("class", classification_text(&info.classification)),
            ("scope", info.scope.clone()),
            ("reverse pointer", info.reverse_pointer.clone()),
        ]);
        output::write_table(&output::key_value_table(rows), out)
    }
}

#[derive(Serialize)]
#[serde(transparent)]
struct CompareReport(&'static [Difference]);

impl Render for CompareReport {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut table = output::table();
        table.set_header(vec!["", "IPv4", "IPv6", "RFC"]);
        for row in self.0 {
            table.add_row(vec![row.topic, row.ipv4, row.ipv6, row.rfc]);
        }
        output::write_table(&table, out)
    }
}
