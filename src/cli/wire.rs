//! `capture`: its arguments.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::values::*;

#[derive(Debug, Args)]
pub struct CaptureArgs {
    /// The interface to capture on (live capture).
    #[arg(long, short = 'i', default_value = "lo")]
    pub iface: String,
    /// Only packets to or from this port (TCP or UDP; ICMP errors about it too).
    #[arg(long, short = 'p')]
    pub port: Option<u16>,
    /// Only packets to or from this address.
    #[arg(long)]
    pub host: Option<IpAddr>,
    /// Stop after this many packets (after filtering).
    #[arg(long, short = 'c', value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,
    /// Stop live capture after this long (e.g. 10s, 2m).
    #[arg(long, value_parser = parse_duration, conflicts_with = "read")]
    pub duration: Option<Duration>,
    /// Also save the packets shown to this pcapng file (nanosecond timestamps).
    #[arg(long, short = 'w', value_name = "FILE", conflicts_with = "read")]
    pub write: Option<PathBuf>,
    /// Read packets from a pcap or pcapng file instead of capturing (- reads standard input).
    #[arg(long, short = 'r', value_name = "FILE")]
    pub read: Option<PathBuf>,
    /// Show the link layer: MAC addresses and EtherType.
    #[arg(long)]
    pub link: bool,
    /// Draw the packets as a ladder diagram: a vertical line per end (address:port), an arrow
    /// per packet with its flags, relative seq/ack, length and payload, and the TCP state each
    /// end enters (RFC 9293's names).
    #[arg(long, requires = "read")]
    pub ladder: bool,
    /// Write the ladder as a Mermaid sequence diagram to FILE (- for standard output).
    #[arg(long, value_name = "FILE", requires = "read")]
    pub mermaid: Option<PathBuf>,
    /// Write the ladder as an SVG picture to FILE (- for standard output); a browser opens it.
    #[arg(long, value_name = "FILE", requires = "read")]
    pub svg: Option<PathBuf>,
}
