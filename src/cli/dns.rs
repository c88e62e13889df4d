//! `dns`: its arguments.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use hickory_resolver::proto::rr::RecordType;

use super::values::*;

#[derive(Debug, Args)]
pub struct DnsArgs {
    /// Names, record types and @SERVER[:PORT], in any order.
    #[arg(value_name = "NAME|TYPE|@SERVER")]
    pub words: Vec<String>,
    /// Record types to ask for (repeat or separate with commas).
    #[arg(short = 't', long = "type", value_name = "TYPE", value_delimiter = ',', value_parser = parse_record_type_arg)]
    pub types: Vec<RecordType>,
    /// Reverse lookup: the PTR record for an IPv4 or IPv6 address (repeatable).
    #[arg(short = 'x', long = "reverse", value_name = "ADDR", value_parser = parse_addr_arg)]
    pub reverse: Vec<IpAddr>,
    /// The server to ask: HOST[:PORT], [IPv6]:PORT or an https:// URL (same as @SERVER).
    #[arg(long, value_name = "SERVER")]
    pub server: Vec<String>,
    /// Ask over TCP.
    #[arg(long, conflicts_with_all = ["tls", "https"])]
    pub tcp: bool,
    /// Ask over TLS (DNS over TLS, RFC 7858; port 853 unless given).
    #[arg(long, conflicts_with = "https")]
    pub tls: bool,
    /// Ask over HTTPS (DNS over HTTPS, RFC 8484; port 443 and /dns-query unless given).
    #[arg(long)]
    pub https: bool,
    /// Trust only the CA certificates in this PEM file for --tls/--https (a private CA).
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
    /// The name the server's certificate must carry (default: the server as written).
    #[arg(long, value_name = "NAME")]
    pub tls_name: Option<String>,
    /// Print only the record data, one per line (like dig +short).
    #[arg(long)]
    pub short: bool,
    /// Resolve as applications do: localhost, the hosts file, then DNS with the search list.
    #[arg(long)]
    pub system: bool,
    /// How long to wait for one answer from one server.
    #[arg(long, value_parser = parse_nonzero_duration, default_value = "5s")]
    pub timeout: Duration,
    /// Rounds over the servers before giving up (dig's +tries).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=10))]
    pub tries: u8,
    /// Clear the RD flag: ask the server what it knows itself, without recursion.
    #[arg(long)]
    pub norecurse: bool,
    /// Read this file instead of /etc/resolv.conf.
    #[arg(long, value_name = "FILE")]
    pub resolv_conf: Option<PathBuf>,
    /// With --system, read this file instead of the system's hosts file.
    #[arg(long, value_name = "FILE")]
    pub hosts_file: Option<PathBuf>,
}

fn parse_record_type_arg(text: &str) -> Result<RecordType, ValueError> {
    crate::net::dns::name::parse_record_type(text).map_err(ValueError::RecordType)
}
