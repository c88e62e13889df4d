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
    /// Build the lab of a topology file (TOML: [host.NAME] tables with router = true, gateway =
    /// "ADDRESS", services = ["echo", "http", "dns"]; [[link]] tables of NAME =
    /// "ADDRESS/PREFIX" and loss, rate, queue, delay; [[expect]] tables of from, to, service,
    /// reach), draw it, check what it expects (else ping across it), tear it down; exit 1 when
    /// an expectation is not met. examples/lab/ has a few.
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
    /// Run a command inside one of the lab's hosts (its network and /etc/resolv.conf; your
    /// files).
    Run(LabRunArgs),
    /// Open a shell inside one of the lab's hosts.
    Shell(LabShellArgs),
    /// netlearn's ping from one lab host to an address or lab name.
    Ping(LabPingArgs),
    /// netlearn's traceroute from one lab host to an address or lab name.
    Trace(LabTraceArgs),
    /// Start a graded exercise: the lab with one thing broken, kept up like lab up; you fix it
    /// from inside (lab shell, lab run) and lab check grades it. Without NAME, list them.
    Exercise(LabExerciseArgs),
    /// Grade the running exercise: one line per check, with a hint for each that fails; exit 0
    /// when all pass, 1 otherwise.
    Check(LabCheckArgs),
    /// NAT: a private LAN behind a router that rewrites addresses, captured on both sides.
    ///
    /// h1 and h2 (10.0.0.0/24) reach srv (203.0.113.80) through r1, which masquerades with
    /// nftables: each packet is shown as it entered r1 and as it left, the source address and
    /// port rewritten on the way out and the destination on the way back; then r1's
    /// connection-tracking entries, and srv unable to open a connection to h1 from outside.
    ///
    /// Exit codes: 0 every step did what it should; 1 the lab could not be built, or a step
    /// did not.
    Nat(LabNatArgs),
    /// Write the lab as a containerlab topology file, to run it with containers (on this
    /// machine or across several).
    #[command(
        after_help = "Examples:\n  netlearn lab export --containerlab lab.clab.yml\n  netlearn lab export --containerlab - --mistake mask\n  netlearn lab export --topology t.toml --containerlab t.yml"
    )]
    Export(LabExportArgs),
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
pub struct LabExportArgs {
    /// Write a containerlab topology file to FILE ("-": standard output): a Linux container
    /// per host, the links, the addresses, routes and forwarding, the impairments as netem.
    #[arg(long, value_name = "FILE")]
    pub containerlab: std::path::PathBuf,
    /// Export the lab of this topology file instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub topology: Option<std::path::PathBuf>,
    /// Build this mistake into the built-in lab first.
    #[arg(long, value_enum, conflicts_with = "topology")]
    pub mistake: Option<LabMistake>,
}

#[derive(Debug, Args)]
pub struct LabNatArgs {
    /// Draw the packets as ladder diagrams instead: one on r1's LAN side, one outside, so the
    /// hosts srv talks to are seen to be r1 alone.
    #[arg(long)]
    pub ladder: bool,
}

#[derive(Debug, Args)]
pub struct LabExerciseArgs {
    /// The exercise to start.
    #[arg(value_enum)]
    pub name: Option<LabExercise>,
    /// Leave the lab after this long instead of waiting for Ctrl-C (e.g. 30m).
    #[arg(long, value_parser = parse_nonzero_duration)]
    pub duration: Option<Duration>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LabExercise {
    /// A subnet mask.
    Mask,
    /// The default gateway.
    Gateway,
    /// The resolver's DNS server.
    Dns,
    /// A router that forwards.
    Forwarding,
    /// A firewall rule.
    Firewall,
}

#[derive(Debug, Args)]
pub struct LabCheckArgs {}

#[derive(Debug, Args)]
pub struct LabUpArgs {
    /// Leave the lab after this long instead of waiting for Ctrl-C (e.g. 30s).
    #[arg(long, value_parser = parse_nonzero_duration)]
    pub duration: Option<Duration>,
    /// Keep the lab of this topology file running instead of the default one (`lab up FILE`
    /// says the same).
    #[arg(long, value_name = "FILE", conflicts_with = "file")]
    pub topology: Option<std::path::PathBuf>,
    /// The topology file, as with --topology.
    #[arg(value_name = "FILE")]
    pub file: Option<std::path::PathBuf>,
}

impl LabUpArgs {
    /// The topology file to keep running, given either way.
    pub fn topology_file(&self) -> Option<&std::path::Path> {
        self.topology.as_deref().or(self.file.as_deref())
    }
}

#[derive(Debug, Args)]
pub struct LabRunArgs {
    /// The host: one of the running lab up's, else h1, r1, h2 or dns.
    pub host: String,
    /// The command and its arguments (after `--`).
    #[arg(last = true, required = true, num_args = 1..)]
    pub command: Vec<OsString>,
}

#[derive(Debug, Args)]
pub struct LabShellArgs {
    /// The host: one of the running lab up's, else h1, r1, h2 or dns.
    pub host: String,
}

#[derive(Debug, Args)]
pub struct LabPingArgs {
    /// The host that pings: one of the running lab up's, else h1, r1, h2 or dns.
    pub host: String,
    /// An IPv4 address or a lab name (h2, h2.lab).
    pub target: String,
    #[command(flatten)]
    pub ping: PingOptions,
}

#[derive(Debug, Args)]
pub struct LabTraceArgs {
    /// The host that traces: one of the running lab up's, else h1, r1, h2 or dns.
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
