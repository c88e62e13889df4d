//! `explain`, `tour` and `socket demo`: their arguments.

use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The term (any case; aliases and near misses work). Without one, every term by layer.
    #[arg(num_args = 0..)]
    pub term: Vec<String>,
    /// Show the entry without running its demo.
    #[arg(long)]
    pub no_demo: bool,
}

#[derive(Debug, Args)]
pub struct SocketArgs {
    #[command(subcommand)]
    pub command: SocketCommand,
}

#[derive(Debug, Subcommand)]
pub enum SocketCommand {
    /// Run one socket scenario on 127.0.0.1, every call shown with its Python line and result.
    ///
    /// refused: connect() to a port nothing listens on (TCP answers with a reset, UDP with an
    /// ICMP error that the next recv reports). in-use: a second bind() to a port a listener
    /// holds, and who holds it. time-wait: a server that closes first keeps its side in
    /// TIME_WAIT for 60 s; without SO_REUSEADDR that blocks a restart on the port, with it not.
    #[command(
        after_help = "Examples:\n  netlearn socket demo refused\n  netlearn socket demo in-use\n  netlearn socket demo time-wait\n  netlearn socket demo refused --wire\n  netlearn socket demo time-wait --wire --pcap time-wait.pcapng"
    )]
    Demo(SocketDemoArgs),
}

#[derive(Debug, Args)]
pub struct SocketDemoArgs {
    /// Which scenario to run.
    #[arg(value_enum)]
    pub scenario: SocketScenario,
    /// Under each socket call, the packets it caused (SYN, SYN-ACK, RST, ICMP, FIN...), each
    /// explained with the TCP state each side enters. Without root, the demo runs in a private
    /// user + network namespace of its own; where none can be made it says why and runs
    /// without packets.
    #[arg(long)]
    pub wire: bool,
    /// Draw the scenario as a ladder diagram: a line per socket, an arrow per packet, the TCP
    /// state each end enters, and the socket calls in the margins. Captures like --wire.
    #[arg(long)]
    pub ladder: bool,
    /// With --wire: also write the demo's packets to FILE as pcapng (nanosecond timestamps),
    /// for tcpdump -r or Wireshark.
    #[arg(long, value_name = "FILE", requires = "wire")]
    pub pcap: Option<std::path::PathBuf>,
}

/// The socket scenarios of `netlearn socket demo`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SocketScenario {
    /// connect() where nothing listens: "Connection refused".
    Refused,
    /// bind() where a listener is: "Address already in use".
    InUse,
    /// The TIME_WAIT a closed connection leaves, with and without SO_REUSEADDR.
    TimeWait,
}

#[derive(Debug, Args)]
pub struct TourArgs {
    /// Wait for Enter between sections.
    #[arg(long)]
    pub step: bool,
}
