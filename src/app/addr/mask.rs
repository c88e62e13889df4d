//! `netlearn mask`: a netmask in every notation.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;

use crate::app::addr::view::{MaskView, label};
use crate::cli::MaskArgs;
use crate::error::Error;
use crate::net::address::parse_any_mask;
use crate::net::subnet::mask_info;
use crate::output::sink::Sink;
use crate::output::{self, Format, Render};

pub fn run(args: &MaskArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let (format, out) = sink.parts();
    let (family, prefix) = parse_any_mask(&args.mask, args.wildcard, None)
        .map_err(|error| Error::Usage(super::words::mask_error(crate::i18n::language(), &error)))?;
    output::emit(
        &MaskReport(MaskView::from(&mask_info(family, prefix))),
        format,
        out,
    )?;
    let bare = args.mask.trim().trim_start_matches('/');
    if format == Format::Table && prefix > 32 && bare.bytes().all(|b| b.is_ascii_digit()) {
        writeln!(out, "{}", crate::tr!("addr-mask-is-ipv6", prefix = prefix))?;
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
#[serde(transparent)]
struct MaskReport(MaskView);

impl Render for MaskReport {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let info = &self.0;
        let rows: Vec<(String, String)> = [
            (
                "prefix",
                format!("/{} (IPv{})", info.prefix_len, info.version),
            ),
            ("netmask", info.netmask.clone()),
            ("wildcard", info.wildcard.clone()),
            ("hex", info.netmask_hex.clone()),
            ("binary", info.netmask_binary.clone()),
            ("addresses", info.addresses.clone()),
            ("usable hosts", info.usable_hosts.clone()),
        ]
        .into_iter()
        .map(|(key, value)| (label(key), value))
        .collect();
        output::write_table(&output::key_value_table(rows), out)
    }
}
