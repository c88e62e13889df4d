//! `lab`, `ping` and `trace`: their arguments.

use std::ffi::OsString;
use std::net::Ipv4Addr;
use std::time::Duration;

use clap::{Args, Subcommand, ValueEnum};

use super::values::*;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct LabArgs {
    /// Build one mistake into the lab and watch what it breaks.
    #[arg(long, value_enum)]
    pub mistake: Option<LabMistake>,
    /// Draw each step's packets as a ladder diagram: a line per host (the router too), an arrow
    /// per packet, the TCP state each end enters.
    #[arg(long)]
    pub ladder: bool,
    /// Also draw the lab as an SVG picture in FILE (its networks, hosts, addresses, masks and
    /// gateways, the mistake in red); a browser opens it.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<std::path::PathBuf>,
    /// Build the lab of a topology file (TOML: [host.NAME] tables, router = true, gateway =
    /// "ADDRESS"; [[link]] tables of NAME = "ADDRESS/PREFIX"), draw it, ping across it, tear it
    /// down. examples/lab/ has a few.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["mistake", "ladder"])]
    pub topology: Option<std::path::PathBuf>,
    #[command(subcommand)]
    pub command: Option<LabCommand>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LabMistake {
    /// h1 gets mask 240.0.0.0 (/4): h2 looks on-link, ARP for it gets no answer.
    Mask,
    /// h1 has no default gateway: "Network is unreachable".
    Gateway,
    /// h1's gateway is r1's far address, outside h1's subnet: the kernel refuses the route.
    GatewayOffSubnet,
    /// r1 does not forward: the echo request vanishes at the router.
    NoForwarding,
}

#[derive(Debug, Subcommand)]
pub enum LabCommand {
    /// Build the lab and keep it running in the foreground; Ctrl-C tears it down.
    Up(LabUpArgs),
    /// Run a command inside one of the lab's hosts (its network; your files).
    Run(LabRunArgs),
    /// Open a shell inside one of the lab's hosts.
    Shell(LabShellArgs),
    /// netlearn's ping from one lab host to an address or lab name.
    Ping(LabPingArgs),
    /// netlearn's traceroute from one lab host to an address or lab name.
    Trace(LabTraceArgs),
    /// Build a link that loses, limits or delays (h1 — h2, or each impaired link of a topology
    /// file), say how each impairment is made, and measure it: pings, datagrams, a transfer.
    LinkTest(LabLinkTestArgs),
    /// TCP's insides, plotted: a bulk transfer over a slow link with a queue, then with loss;
    /// the sender's cwnd and RTT read from TCP_INFO every 5 ms, drawn over time and read out.
    Congestion(LabCongestionArgs),
}

#[derive(Debug, Args)]
pub struct LabLinkTestArgs {
    /// Share of frames each direction loses: 30%, 0.5.
    #[arg(long, value_name = "PERCENT")]
    pub loss: Option<String>,
    /// The most each direction carries: 10mbit, 512kbit, 1gbit (bits per second).
    #[arg(long)]
    pub rate: Option<String>,
    /// Bytes that may wait in the rate limit's queue (default: 50 ms at the rate): 64KiB.
    #[arg(long, value_name = "SIZE", requires = "rate", value_parser = parse_size)]
    pub queue: Option<usize>,
    /// Delay added each way: 20ms.
    #[arg(long, value_parser = parse_duration)]
    pub delay: Option<Duration>,
    /// Test each impaired link of this topology file instead.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["loss", "rate", "queue", "delay"])]
    pub topology: Option<std::path::PathBuf>,
    /// Echo requests per link.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub pings: u16,
}

#[derive(Debug, Args)]
pub struct LabCongestionArgs {
    /// The slow link's rate (bit, kbit, mbit, gbit as tc writes them), from 100kbit to 1gbit.
    #[arg(long, default_value = "10mbit", value_parser = parse_rate)]
    pub rate: u64,
    /// How much the slow link's queue holds, from 1500B to 64MiB (256k is 256KiB).
    #[arg(long, value_name = "SIZE", default_value = "256k", value_parser = parse_size)]
    pub queue: usize,
    /// The share of packets the link loses in the second phase (0.1% to 10%).
    #[arg(long, value_name = "PERCENT", default_value = "3%", value_parser = parse_percent)]
    pub loss: f64,
    /// How long each phase sends (e.g. 1.5 or 800ms; at most 30s).
    #[arg(long, default_value = "1.5", value_parser = parse_nonzero_duration)]
    pub seconds: Duration,
    /// The sender's congestion control (this machine's default does not matter).
    #[arg(long, value_enum, default_value_t = LabAlgorithm::Reno)]
    pub algorithm: LabAlgorithm,
    /// Also draw the plots as SVG in FILE (- for standard output, instead of the text).
    #[arg(long, value_name = "FILE")]
    pub svg: Option<std::path::PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LabAlgorithm {
    /// The textbook's: halves the window at each loss, one more segment per round trip.
    Reno,
    /// Linux's usual default: to 70% at each loss, then a cubic curve back.
    Cubic,
    /// Paces to the path's measured rate; keeps the queue short (if this kernel has it).
    Bbr,
}

#[derive(Debug, Args)]
pub struct LabUpArgs {
    /// Leave the lab after this long instead of waiting for Ctrl-C (e.g. 30s).
    #[arg(long, value_parser = parse_nonzero_duration)]
    pub duration: Option<Duration>,
}

#[derive(Debug, Args)]
pub struct LabRunArgs {
    /// The host: h1, r1, h2 or dns.
    pub host: String,
    /// The command and its arguments (after `--`).
    #[arg(last = true, required = true, num_args = 1..)]
    pub command: Vec<OsString>,
}

#[derive(Debug, Args)]
pub struct LabShellArgs {
    /// The host: h1, r1, h2 or dns.
    pub host: String,
}

#[derive(Debug, Args)]
pub struct LabPingArgs {
    /// The host that pings: h1, r1, h2 or dns.
    pub host: String,
    /// An IPv4 address or a lab name (h2, h2.lab).
    pub target: String,
    #[command(flatten)]
    pub ping: PingOptions,
}

#[derive(Debug, Args)]
pub struct LabTraceArgs {
    /// The host that traces: h1, r1, h2 or dns.
    pub host: String,
    /// An IPv4 address or a lab name (h2, h2.lab).
    pub target: String,
    #[command(flatten)]
    pub trace: TraceOptions,
}

#[derive(Debug, Args)]
pub struct PingOptions {
    /// Echo requests to send.
    #[arg(long, short = 'c', default_value_t = 3, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub count: u16,
    /// TTL of the requests (1 makes the first router answer "Time Exceeded").
    #[arg(long, short = 't', default_value_t = 64, value_parser = clap::value_parser!(u8).range(1..))]
    pub ttl: u8,
    /// How long to wait for each answer.
    #[arg(long, short = 'W', default_value = "1s", value_parser = parse_nonzero_duration)]
    pub timeout: Duration,
    /// Pause between requests.
    #[arg(long, short = 'i', default_value = "200ms", value_parser = parse_duration)]
    pub interval: Duration,
}

#[derive(Debug, Args)]
pub struct TraceOptions {
    /// Give up after this many hops.
    #[arg(long, short = 'm', default_value_t = 30, value_parser = clap::value_parser!(u8).range(1..))]
    pub max_hops: u8,
    /// How long to wait for each hop's answer.
    #[arg(long, short = 'W', default_value = "1s", value_parser = parse_nonzero_duration)]
    pub timeout: Duration,
}

#[derive(Debug, Args)]
pub struct PingArgs {
    /// The IPv4 address to ping.
    pub target: Ipv4Addr,
    #[command(flatten)]
    pub ping: PingOptions,
}

#[derive(Debug, Args)]
pub struct TraceArgs {
    /// The IPv4 address to trace the route to.
    pub target: Ipv4Addr,
    #[command(flatten)]
    pub trace: TraceOptions,
}
