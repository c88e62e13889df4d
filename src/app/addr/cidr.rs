//! `netlearn cidr`: one network explained, and the list tools (split, supernet, merge, range,
//! contains, exclude).

use crate::i18n::Template;
use std::io::{self, Write};
use std::process::ExitCode;

use ipnet::IpNet;
use serde::Serialize;

use crate::app::addr::view::{SubnetView, label};
use crate::app::addr::words;
use crate::cli::{CidrAction, CidrArgs};
use crate::error::Error;
use crate::net::address::make_net;
use crate::net::aggregate::{AddressList, LineError, read_networks};
use crate::net::subnet;
use crate::output::sink::{ErrStream, Sink};
use crate::output::{self, Format, Render};
use crate::tr;

pub fn run(args: &CidrArgs, sink: &mut Sink) -> anyhow::Result<ExitCode> {
    let err = sink.err();
    let (format, out) = sink.parts();
    match &args.action {
        Some(action) => {
            let yes = run_action(action, format, out, &err)?;
            Ok(sink.verdict(yes))
        }
        None => {
            let Some(net) = args.net else {
                return Err(Error::Usage(tr!("addr-error-network-required")).into());
            };
            let net = match args.mask {
                None => net,
                Some(_) if net.prefix_len() != net.max_prefix_len() => {
                    return Err(Error::Usage(tr!(
                        "addr-error-prefix-and-mask",
                        net = net.to_string()
                    ))
                    .into());
                }
                Some(_) if matches!(net, IpNet::V6(_)) => {
                    return Err(Error::Usage(tr!(
                        "addr-error-mask-not-ipv4",
                        addr = net.addr().to_string()
                    ))
                    .into());
                }
                Some(prefix) => make_net(net.addr(), prefix),
            };
            output::emit(
                &InfoReport(SubnetView::from(&subnet::info(&net))),
                format,
                out,
            )?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[derive(Serialize)]
#[serde(transparent)]
struct InfoReport(SubnetView);

impl Render for InfoReport {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        let info = &self.0;
        let no_broadcast = match (info.version, info.prefix_len) {
            (4, 31) => tr!("addr-no-broadcast-31"),
            (4, _) => tr!("addr-no-broadcast-32"),
            _ => tr!("addr-no-broadcast-v6"),
        };
        let address = if info.host_bits_set {
            format!("{}  {}", info.address, tr!("addr-host-bits-set"))
        } else {
            info.address.clone()
        };
        let mut rows: Vec<(String, String)> = [
            ("address", address),
            ("version", format!("IPv{}", info.version)),
            ("cidr", info.cidr.clone()),
            ("network", info.network.clone()),
            (
                "netmask",
                format!("{} (/{})", info.netmask, info.prefix_len),
            ),
            ("wildcard", info.wildcard.clone()),
            ("broadcast", info.broadcast.clone().unwrap_or(no_broadcast)),
            ("first host", info.first_host.clone()),
            ("last host", info.last_host.clone()),
            ("addresses", info.addresses.clone()),
            ("usable hosts", info.usable_hosts.clone()),
            ("class", info.classification.text(crate::i18n::language())),
            ("globally reachable", info.classification.reachable_text()),
            ("binary", info.binary.clone()),
            ("netmask binary", info.netmask_binary.clone()),
            ("reverse zone", info.reverse_zone.clone()),
        ]
        .into_iter()
        .map(|(key, value)| (label(key), value))
        .collect();
        rows.extend(info.forms.rows());
        output::write_table(&output::key_value_table(rows), out)
    }
}

/// A list of CIDR blocks (or other lines): one per line, or a JSON array.
#[derive(Serialize)]
#[serde(transparent)]
struct Lines(Vec<String>);

impl Render for Lines {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        for line in &self.0 {
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}

/// Networks one per line, or a JSON array of CIDR strings; drawn as they are made, so a split
/// into millions of subnets is never held in memory.
struct Nets<I>(I);

impl<I: Iterator<Item = IpNet> + Clone> Render for Nets<I> {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        for net in self.0.clone() {
            writeln!(out, "{net}")?;
        }
        Ok(())
    }
}

impl<I: Iterator<Item = IpNet> + Clone> serde::Serialize for Nets<I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.clone().map(|net| net.to_string()))
    }
}

/// The merged list: written in batches as text (it can be long), an array of CIDR strings
/// as JSON.
struct MergedView<'a>(&'a crate::net::aggregate::Merged);

impl Render for MergedView<'_> {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        self.0.write_cidrs(out)
    }
}

impl serde::Serialize for MergedView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.cidrs())
    }
}

fn strings(nets: impl IntoIterator<Item = IpNet>) -> Vec<String> {
    nets.into_iter().map(|net| net.to_string()).collect()
}

fn usage(text: String) -> anyhow::Error {
    Error::Usage(text).into()
}

/// A list operation that cannot be done, as a usage error in the run's language.
fn subnet_usage(error: subnet::SubnetError) -> anyhow::Error {
    usage(words::subnet_error(crate::i18n::language(), &error))
}

fn run_action(
    action: &CidrAction,
    format: Format,
    out: &mut dyn Write,
    err: &ErrStream,
) -> anyhow::Result<bool> {
    match action {
        CidrAction::Split {
            net,
            prefix,
            count,
            hosts,
        } => {
            let prefix = match (prefix, count, hosts) {
                (Some(prefix), _, _) => *prefix,
                (_, Some(count), _) => u32::from(
                    subnet::prefix_for_count(net, u128::from(*count)).map_err(subnet_usage)?,
                ),
                (_, _, Some(hosts)) => u32::from(
                    subnet::prefix_for_hosts(net, u128::from(*hosts)).map_err(subnet_usage)?,
                ),
                _ => u32::from(net.prefix_len()) + 1,
            };
            let subnets = subnet::split(net, prefix).map_err(subnet_usage)?;
            output::emit(&Nets(subnets), format, out)?;
        }
        CidrAction::Supernet { net, prefix } => {
            let supernet = subnet::supernet(net, *prefix).map_err(subnet_usage)?;
            output::emit(&Lines(vec![supernet.to_string()]), format, out)?;
        }
        CidrAction::Merge {
            items,
            skip_invalid,
        } => return merge(items, *skip_invalid, format, out, err),
        CidrAction::Range { first, last } => match last {
            Some(last) => {
                if first.prefix_len() != first.max_prefix_len() {
                    return Err(usage(tr!(
                        "addr-error-range-of-network",
                        net = first.to_string()
                    )));
                }
                let blocks = subnet::range(first.addr(), *last).map_err(subnet_usage)?;
                output::emit(&Lines(strings(blocks)), format, out)?;
            }
            None => {
                let report = RangeReport {
                    first: first.network().to_string(),
                    last: first.broadcast().to_string(),
                    addresses: subnet::info(first).addresses.to_string(),
                };
                output::emit(&report, format, out)?;
            }
        },
        CidrAction::Contains { net, items } => return contains(net, items, format, out),
        CidrAction::Exclude { net, excluded } => {
            let excluded = &items_or_stdin(excluded)?;
            output::emit(&Lines(strings(subnet::exclude(net, excluded))), format, out)?;
        }
    }
    Ok(true)
}

/// The networks given as arguments, or else read from standard input; a bad line is a usage
/// error naming its line number.
fn items_or_stdin(items: &[IpNet]) -> anyhow::Result<Vec<IpNet>> {
    if !items.is_empty() {
        return Ok(items.to_vec());
    }
    let mut networks = Vec::new();
    let mut bad = BadLines::default();
    read_networks(stdin_lines(), |entry| {
        match entry {
            Ok(net) => networks.push(net),
            Err(error) => bad.add(error),
        }
        Ok(())
    })?;
    bad.into_result()?;
    if networks.is_empty() {
        return Err(usage(tr!("addr-error-no-networks")));
    }
    Ok(networks)
}

fn stdin_lines() -> impl io::BufRead {
    io::BufReader::with_capacity(1 << 16, io::stdin().lock())
}

/// Bad lines of an input: the first kept for the message, the rest counted.
#[derive(Default)]
struct BadLines {
    first: Option<LineError>,
    count: usize,
}

impl BadLines {
    fn add(&mut self, error: LineError) {
        self.count += 1;
        self.first.get_or_insert(error);
    }

    fn into_result(self) -> anyhow::Result<()> {
        match self.first {
            None => Ok(()),
            Some(first) => Err(usage(tr!(
                "addr-error-bad-lines",
                first = words::line_error(crate::i18n::language(), &first),
                count = self.count
            ))),
        }
    }
}

/// `cidr contains`: each item's verdict is written as soon as it is read, so memory does not
/// grow with the input (a list of ten million addresses streams through). True when every
/// item lies inside: an item outside is the answer "no" (exit 1, as grep's no match).
fn contains(
    net: &IpNet,
    items: &[IpNet],
    format: Format,
    out: &mut dyn Write,
) -> anyhow::Result<bool> {
    let network = net.trunc().to_string();
    // Arguments are few and known: align to the widest. Standard input is not known ahead,
    // so the column fits the longest network of the family.
    let width = match items.iter().map(|i| item_text(i).len()).max() {
        Some(widest) => widest,
        None if net.addr().is_ipv4() => "255.255.255.255/32".len(),
        None => "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128".len(),
    };
    let lang = crate::i18n::language();
    let mut writer = ContainsWriter {
        net: &network,
        inside: Template::new(lang, "addr-contains-inside", &["net"]),
        outside: Template::new(lang, "addr-contains-outside", &["net"]),
        format,
        width,
        written: 0,
        all_inside: true,
        out,
    };
    let mut bad = BadLines::default();
    if items.is_empty() {
        read_networks(stdin_lines(), |entry| match entry {
            Ok(item) => writer.write(&item, subnet::contains(net, &item)),
            Err(error) => {
                bad.add(error);
                Ok(())
            }
        })?;
    } else {
        for item in items {
            writer.write(item, subnet::contains(net, item))?;
        }
    }
    writer.finish()?;
    bad.into_result()?;
    if writer.written == 0 {
        return Err(usage(tr!("addr-error-no-networks")));
    }
    Ok(writer.all_inside)
}

/// An address as itself, a network in CIDR form.
fn item_text(item: &IpNet) -> String {
    if item.prefix_len() == item.max_prefix_len() {
        item.addr().to_string()
    } else {
        item.to_string()
    }
}

/// Writes `contains` verdicts one by one: plain columns, or the JSON document
/// `{"net": ..., "results": [{"item": ..., "contained": ...}, ...]}` piece by piece.
struct ContainsWriter<'a> {
    net: &'a str,
    /// "inside NET" and "outside NET" in the reader's language, looked up once per run.
    inside: Template,
    outside: Template,
    format: Format,
    width: usize,
    written: usize,
    all_inside: bool,
    out: &'a mut dyn Write,
}

impl ContainsWriter<'_> {
    fn write(&mut self, item: &IpNet, contained: bool) -> io::Result<()> {
        self.all_inside &= contained;
        let item = item_text(item);
        match self.format {
            Format::Table => {
                let verdict = if contained {
                    &self.inside
                } else {
                    &self.outside
                };
                writeln!(
                    self.out,
                    " {item:<width$}  {}",
                    verdict.fill(&[self.net]),
                    width = self.width
                )?;
            }
            Format::Json => {
                let record = Containment { item, contained };
                let text = serde_json::to_string_pretty(&record).map_err(io::Error::other)?;
                if self.written == 0 {
                    let net = serde_json::to_string(self.net).map_err(io::Error::other)?;
                    write!(self.out, "{{\n  \"net\": {net},\n  \"results\": [\n")?;
                } else {
                    self.out.write_all(b",\n")?;
                }
                for (n, line) in text.lines().enumerate() {
                    if n > 0 {
                        self.out.write_all(b"\n")?;
                    }
                    write!(self.out, "    {line}")?;
                }
            }
        }
        self.written += 1;
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        if self.format == Format::Json && self.written > 0 {
            self.out.write_all(b"\n  ]\n}\n")?;
        }
        self.out.flush()
    }
}

#[derive(Serialize)]
struct RangeReport {
    first: String,
    last: String,
    addresses: String,
}

impl Render for RangeReport {
    fn render(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}-{}", self.first, self.last)
    }
}

#[derive(Serialize)]
struct Containment {
    item: String,
    contained: bool,
}

fn merge(
    items: &[String],
    skip_invalid: bool,
    format: Format,
    out: &mut dyn Write,
    err: &ErrStream,
) -> anyhow::Result<bool> {
    let from_stdin = items.is_empty() || (items.len() == 1 && items[0] == "-");
    let list = if from_stdin {
        AddressList::read_from(io::stdin())?
    } else {
        AddressList::parse_items(items.iter().map(String::as_str))
    };
    let error_count = list.error_count;
    let lang = crate::i18n::language();
    for error in &list.errors {
        err.say(words::line_error(lang, error));
    }
    if error_count > list.errors.len() {
        err.say(tr!(
            "addr-error-more-bad-lines",
            count = error_count - list.errors.len()
        ));
    }
    if error_count > 0 && !skip_invalid {
        return Err(Error::Usage(tr!(
            "addr-error-entries-unread",
            count = error_count,
            entries = list.entries
        ))
        .into());
    }
    let merged = list.merge();
    output::emit(&MergedView(&merged), format, out)?;
    Ok(true)
}
