//! `echo serve|client|bench|demo`: their arguments.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand, ValueEnum};

use super::DEFAULT_PORT;
use super::values::*;
use crate::net::echo::bench::BenchMode;
use crate::net::echo::endpoint::Endpoint;
use crate::net::echo::event::Proto;
use crate::net::echo::framing::Framing;

#[derive(Debug, Args)]
pub struct EchoArgs {
    #[command(subcommand)]
    pub command: EchoCommand,
}

#[derive(Debug, Subcommand)]
pub enum EchoCommand {
    /// Run an echo server: concurrent, byte-exact, TCP or UDP, with limits and a --trace.
    ///
    /// Binds 127.0.0.1:5008 like the article's Python server, but serves thousands of clients
    /// at once, frames messages explicitly (--framing), echoes everything a client sent before
    /// it half-closed, and shuts down gracefully on Ctrl-C or SIGTERM (exit 0 with a summary).
    /// The first line printed is always `listening on <addr> (<tcp|udp>, <framing>)`; with
    /// --unix PATH it is `listening on PATH (unix|unix-dgram, <framing>, mode <octal>)`.
    ///
    /// Framing (how a message ends on a stream): line = delimiter "\n" (a line "quit" closes the
    /// connection, as in the article; a client that sends without newlines, like the article's,
    /// has a message end when it pauses for 100 ms, so a bare "quit" works too); length = u32
    /// big-endian length prefix; fixed:N = exactly N bytes; raw = no messages, the stream is
    /// echoed as it comes and ends by closing.
    /// Over UDP each datagram is one message: it is echoed whole to its sender, never larger
    /// than it came. Datagrams from the server's own address, from well-known service ports
    /// (below 1024) and from known reflectors are never answered, and each source IP address
    /// is answered at most --udp-rate times a second, so a loop with another echo service is
    /// cut or held to that rate; what is dropped is summed up in one log line a second.
    /// Over a Unix datagram socket (--unix with --udp) the echo goes only to the sender's own
    /// socket file: a socket (not a symbolic link) owned by the user the kernel says sent the
    /// datagram, and never the server's own; each sending user is answered at most --udp-rate
    /// times a second.
    ///
    /// Limits (every one a flag): --max-conns 10000 connections open at once; --max-frame
    /// 1MiB per frame (a longer one closes that connection); --idle-timeout 300s without
    /// traffic, also for a peer that stops reading its echo; --grace 5s to finish in-flight
    /// echoes after Ctrl-C/SIGTERM, and a second Ctrl-C/SIGTERM exits at once (status 130);
    /// --udp-rate 1000 datagrams a second per source. The log never stops the server: lines
    /// a slow or paused reader cannot take are dropped and counted, and when the reader is
    /// gone (`| head -1`) that is said once on standard error and serving goes on. What each
    /// recv brought in is shown as the article's server prints it, at most 20 lines a second
    /// for the whole server (the rest are counted); -q hides those lines.
    #[command(
        after_help = "Examples:\n  netlearn echo serve                          # 127.0.0.1:5008, line framing\n  netlearn echo serve --port 0 --trace         # any free port; narrate every socket call\n  netlearn echo serve --framing length --max-frame 64KiB\n  netlearn echo serve --udp --port 5009\n  netlearn echo serve --unix /tmp/echo.sock --mode 600\n  netlearn --json echo serve --port 0          # JSON Lines log"
    )]
    Serve(ServeArgs),
    /// Talk to an echo server: interactive on a terminal, byte-exact pipe otherwise.
    ///
    /// On a terminal: a prompt with line editing and history; each line is sent, and the echo
    /// is printed with its round-trip time; "quit" ends. With standard input from a pipe or file,
    /// the input is streamed through the server and the echo written to standard output byte for
    /// byte (`cat file | netlearn echo client | cmp - file`). With --count, generated messages are
    /// sent and verified and a summary is printed. Every wait is bounded by --timeout.
    ///
    /// Against the article's server.py use --framing raw: each line is then sent as typed,
    /// without its newline, one message per Enter, as the article's client.py does.
    #[command(
        after_help = "Examples:\n  netlearn echo client                         # 127.0.0.1:5008, interactive\n  netlearn echo client 127.0.0.1:5008 --trace\n  cat photo.jpg | netlearn echo client --framing length | cmp - photo.jpg\n  netlearn echo client --count 100 --size 512\n  netlearn echo client --udp 127.0.0.1:5009\n  netlearn echo client --framing raw           # the article's server.py"
    )]
    Client(ClientArgs),
    /// Load-test any TCP echo server: throughput, latency percentiles or connection rate.
    ///
    /// Works against any echo server (netlearn, socat, ncat, Python) because it only assumes
    /// the bytes come back unchanged; every echoed byte is verified. All connections are opened
    /// before the clock starts. A progress line is drawn on standard error when it is a terminal.
    #[command(
        after_help = "Examples:\n  netlearn echo bench --mode latency --connections 50 --duration 10s\n  netlearn echo bench --mode throughput --connections 8\n  netlearn echo bench --mode connect --messages 10000\n  netlearn --json echo bench 127.0.0.1:7000 --mode latency"
    )]
    Bench(BenchArgs),
    /// Watch both ends at once: a server on 127.0.0.1 (a free port) and a client, in one
    /// process, every socket call, frame and half-close narrated in order.
    ///
    /// Each --framing (repeat it to compare) gets its own server; the message's bytes on the
    /// wire are shown in hex. --clients connects several clients at once (the article's
    /// blocking server would serve them one by one). --half-close sends, then shutdown(SHUT_WR),
    /// and the server still answers. --udp shows the same with datagrams. --reset shows what a
    /// close with unread data does. --wire shows, under each call, the packets it caused.
    #[command(
        after_help = "Examples:\n  netlearn echo demo\n  netlearn echo demo --framing length \"hi there\"\n  netlearn echo demo --framing line --framing length --framing fixed:5 --framing raw hello\n  netlearn echo demo --half-close\n  netlearn echo demo --clients 3\n  netlearn echo demo --tcp-and-udp\n  netlearn echo demo --wire\n  netlearn echo demo --wire --half-close\n  netlearn echo demo --wire --reset\n  netlearn echo demo --wire --udp --pcap demo.pcapng"
    )]
    Demo(DemoArgs),
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The message to echo.
    #[arg(default_value = "hello")]
    pub message: String,
    /// Framing to show; repeat to compare several: line, length, fixed:N or raw.
    #[arg(long, value_parser = parse_framing)]
    pub framing: Vec<Framing>,
    /// Use UDP datagrams instead of TCP.
    #[arg(long, conflicts_with = "tcp_and_udp")]
    pub udp: bool,
    /// Run over TCP, then over UDP, to compare.
    #[arg(long)]
    pub tcp_and_udp: bool,
    /// After sending, shutdown(SHUT_WR) the client's side and read the echo to end of stream.
    #[arg(long, conflicts_with = "udp")]
    pub half_close: bool,
    /// Clients connected at once (TCP).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=100))]
    pub clients: u16,
    /// Longest wait for an echo.
    #[arg(long, default_value = "5s", value_parser = parse_nonzero_duration)]
    pub timeout: Duration,
    /// The server closes the connection without reading what the client sent: instead of a
    /// FIN its kernel sends a reset (RST), and the client's recv() fails with ECONNRESET.
    #[arg(long, conflicts_with_all = ["udp", "tcp_and_udp", "half_close"])]
    pub reset: bool,
    /// Under each socket call, the packets it caused (SYN, SYN-ACK, ACK, data, FIN, RST, UDP
    /// datagrams), each explained with the TCP state each side enters. Without root, the demo
    /// runs in a private user + network namespace of its own; where none can be made it says
    /// why and runs without packets.
    #[arg(long)]
    pub wire: bool,
    /// Draw the exchange as a ladder diagram: a line for the client and one for the server,
    /// an arrow per packet (flags, relative seq/ack, length, payload), the TCP state each end
    /// enters, and the socket calls in the margins where they happened. Captures like --wire.
    #[arg(long, conflicts_with_all = ["link", "unix"])]
    pub ladder: bool,
    /// With --wire: each packet's Ethernet header too, its MAC addresses and EtherType (on lo
    /// both addresses are zeros: loopback frames never meet another network card).
    #[arg(long, requires = "wire")]
    pub link: bool,
    /// With --wire: also write the demo's packets to FILE as pcapng (nanosecond timestamps),
    /// for tcpdump -r or Wireshark.
    #[arg(long, value_name = "FILE", requires = "wire")]
    pub pcap: Option<std::path::PathBuf>,
    /// Over a Unix domain socket (a file, mode 0600) instead of TCP, then socketpair();
    /// with --udp, a Unix datagram socket.
    #[arg(long, conflicts_with = "tcp_and_udp")]
    pub unix: bool,
    /// Blocking vs non-blocking: a non-blocking client's connect (EINPROGRESS) and recv
    /// (EWOULDBLOCK) return at once, poll() waits for readiness; then a blocking client's
    /// recv stands still until the echo comes. The server answers after --delay.
    #[arg(long, conflicts_with_all = ["udp", "tcp_and_udp", "unix", "half_close", "clients", "framing"])]
    pub nonblocking: bool,
    /// With --nonblocking: how long the demo's server holds each echo.
    #[arg(long, default_value = "300ms", value_parser = parse_nonzero_duration, requires = "nonblocking")]
    pub delay: Duration,
    /// The socket that vanishes: one client closes and is noticed at once; another is frozen
    /// (SIGSTOP) without closing, and the server's recv waits until its idle timeout.
    #[arg(long, conflicts_with_all = ["udp", "tcp_and_udp", "unix", "half_close", "clients", "framing", "nonblocking"])]
    pub vanish: bool,
    /// With --vanish: the server's idle timeout.
    #[arg(long, default_value = "3s", value_parser = parse_nonzero_duration, requires = "vanish")]
    pub idle_timeout: Duration,
    /// With --vanish: the server also turns on TCP keepalive (probes every second).
    #[arg(long, requires = "vanish")]
    pub keepalive: bool,
    /// Zero-copy: the same raw echo served twice, with splice(2) (socket → pipe → socket, the
    /// bytes never enter the server's memory) and with read() and write(); one connection
    /// streams through each for a second, and the demo compares their throughput.
    #[arg(long, conflicts_with_all = ["udp", "tcp_and_udp", "unix", "half_close", "clients", "framing", "nonblocking", "vanish", "reset", "wire", "ladder"])]
    pub zero_copy: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to bind. A non-loopback address is reachable from other machines (warned).
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Port to bind; 0 lets the system pick a free one (printed on the first line).
    #[arg(long, short, default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// Serve UDP datagrams instead of TCP connections (with --unix: a SOCK_DGRAM socket).
    #[arg(long)]
    pub udp: bool,
    /// Serve on a Unix domain socket at this path instead of an IP port (local processes
    /// only; the file's permissions say who may connect). A socket file left by a run that
    /// crashed is replaced; a live one, or a file that is not a socket, is an error. The file
    /// is removed when the server ends.
    #[arg(long, value_name = "PATH", conflicts_with_all = ["bind", "port"])]
    pub unix: Option<PathBuf>,
    /// With --unix: the socket file's permissions in octal (e.g. 600: only this user may
    /// connect; 660: this user and the group). Default: what the umask gives.
    #[arg(long, value_name = "OCTAL", requires = "unix", value_parser = parse_mode)]
    pub mode: Option<u32>,
    /// Message framing: line, length, fixed:N or raw.
    #[arg(long, default_value = "line", value_parser = parse_framing)]
    pub framing: Framing,
    /// listen() backlog: connections the kernel queues before accept(). The article uses 5,
    /// enough for one client at a time; Python's own default is 128.
    #[arg(long, default_value_t = 128)]
    pub backlog: u32,
    /// Narrate every socket call (socket, bind, listen, accept, recv, send, shutdown, close)
    /// with its Python equivalent.
    #[arg(long)]
    pub trace: bool,
    /// Most connections open at once; further ones are accepted and closed with a reason.
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_conns: u64,
    /// Longest frame accepted (bytes; suffixes KiB, MiB, k, M); a longer one closes that
    /// connection.
    #[arg(long, default_value = "1MiB", value_parser = parse_size)]
    pub max_frame: usize,
    /// Close a connection when nothing moved for this long (e.g. 30s, 5m; 0 = never).
    #[arg(long, default_value = "300s", value_parser = parse_duration)]
    pub idle_timeout: Duration,
    /// On Ctrl-C/SIGTERM, how long in-flight echoes may take before connections are cut
    /// (a second Ctrl-C/SIGTERM exits at once).
    #[arg(long, default_value = "5s", value_parser = parse_duration)]
    pub grace: Duration,
    /// UDP: datagrams answered per second from one source IP address (a Unix datagram
    /// socket: from one user), in bursts of up to as many (0 = no limit). Caps any loop with
    /// another echo service at this rate.
    #[arg(long, default_value_t = 1000)]
    pub udp_rate: u32,
    /// Raw framing on Linux: echo with splice(2), socket → pipe → socket, the bytes never
    /// copied through this process (`echo demo --zero-copy` compares both ways). Off by
    /// default: on loopback it measured slower than copying (BENCHMARKS.md).
    #[arg(long)]
    pub splice: bool,
    /// Do not log received messages (by default each recv is shown, as the article's server
    /// prints it, at most 20 lines a second; the rest are counted).
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Clone, Debug, Args)]
pub struct ClientArgs {
    /// Server address: HOST:PORT, [IPv6]:PORT, an IP address alone (port 5008) or a port
    /// number alone (host 127.0.0.1).
    #[arg(id = "addr", value_name = "ADDR", default_value = "127.0.0.1:5008", value_parser = parse_target)]
    pub target: Target,
    /// Use UDP datagrams instead of a TCP connection (with --unix: SOCK_DGRAM).
    #[arg(long)]
    pub udp: bool,
    /// Connect to a Unix domain socket at this path instead of an IP address.
    #[arg(long, value_name = "PATH", conflicts_with = "addr")]
    pub unix: Option<PathBuf>,
    /// Message framing; must match the server's: line, length, fixed:N or raw.
    #[arg(long, default_value = "line", value_parser = parse_framing)]
    pub framing: Framing,
    /// Send this many generated messages, verify each echo and print a summary.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,
    /// Payload bytes per generated message (--count), at most 16MiB (each message is held
    /// whole in memory); fixed:N framing needs exactly N.
    #[arg(long, value_parser = parse_message_size, requires = "count")]
    pub size: Option<usize>,
    /// Longest wait for connecting and for each echo.
    #[arg(long, default_value = "5s", value_parser = parse_nonzero_duration)]
    pub timeout: Duration,
    /// Narrate every socket call on standard error, with its Python equivalent.
    #[arg(long)]
    pub trace: bool,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Server address: HOST:PORT, [IPv6]:PORT, an IP address alone (port 5008) or a port
    /// number alone (host 127.0.0.1).
    #[arg(default_value = "127.0.0.1:5008", value_parser = parse_target)]
    pub addr: Target,
    /// Measure a Unix domain socket echo server at this path instead of an IP address.
    #[arg(long, value_name = "PATH", conflicts_with = "addr")]
    pub unix: Option<PathBuf>,
    /// What to measure.
    #[arg(long, value_enum, default_value_t = BenchModeArg::Latency)]
    pub mode: BenchModeArg,
    /// Concurrent connections (connect mode: concurrent connecting workers).
    #[arg(long, short, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub connections: u64,
    /// How long to run (default 5s when --messages is not given).
    #[arg(long, value_parser = parse_nonzero_duration, conflicts_with = "messages")]
    pub duration: Option<Duration>,
    /// Messages to send in total, shared among the connections.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub messages: Option<u64>,
    /// Payload bytes per message [default: 64; throughput: 64KiB], at most 16MiB; all
    /// connections together hold at most 256MiB of messages (--connections × --size).
    #[arg(long, value_parser = parse_message_size)]
    pub size: Option<usize>,
    /// Message framing: line, length, fixed:N or raw. Any echo server echoes any of them.
    #[arg(long, default_value = "line", value_parser = parse_framing)]
    pub framing: Framing,
    /// Longest wait for one connect or one echo (UDP: then the datagram counts as lost).
    #[arg(long, default_value = "5s", value_parser = parse_nonzero_duration)]
    pub timeout: Duration,
    /// Measure a UDP echo server (latency mode: datagram round trips, losses counted).
    #[arg(long)]
    pub udp: bool,
}

/// The server to talk to and how: `--unix PATH` or the address, `--udp` or a stream.
fn target(addr: SocketAddr, unix: Option<&PathBuf>, udp: bool) -> (Endpoint, Proto) {
    match (unix, udp) {
        (Some(path), false) => (Endpoint::Path(path.clone()), Proto::Unix),
        (Some(path), true) => (Endpoint::Path(path.clone()), Proto::UnixDgram),
        (None, false) => (Endpoint::Inet(addr), Proto::Tcp),
        (None, true) => (Endpoint::Inet(addr), Proto::Udp),
    }
}

impl ClientArgs {
    /// The server and how to reach it, given the address the command resolved.
    pub fn target(&self, addr: SocketAddr) -> (Endpoint, Proto) {
        target(addr, self.unix.as_ref(), self.udp)
    }
}

impl BenchArgs {
    /// The server and how to reach it, given the address the command resolved.
    pub fn target(&self, addr: SocketAddr) -> (Endpoint, Proto) {
        target(addr, self.unix.as_ref(), self.udp)
    }
}

/// A generated message's payload size: a size, at most
/// [`crate::net::echo::payload::MAX_MESSAGE_SIZE`] (each message is held whole in memory).
fn parse_message_size(text: &str) -> Result<usize, ValueError> {
    use crate::net::echo::payload::MAX_MESSAGE_SIZE;
    let size = parse_size(text)?;
    if size > MAX_MESSAGE_SIZE {
        return Err(ValueError::MessageTooLarge {
            max: MAX_MESSAGE_SIZE,
        });
    }
    Ok(size)
}

/// Permission bits in octal, as chmod takes them: 600, 0660, 0o600.
fn parse_mode(text: &str) -> Result<u32, ValueError> {
    let digits = text.strip_prefix("0o").unwrap_or(text);
    let text = text.to_string();
    match u32::from_str_radix(digits, 8) {
        Ok(mode) if mode <= 0o777 => Ok(mode),
        Ok(_) => Err(ValueError::ModeTooLarge { text }),
        Err(_) => Err(ValueError::ModeNotOctal { text }),
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum BenchModeArg {
    /// MB/s echoed: each connection streams while reading the echo back.
    Throughput,
    /// Round-trip times and messages/s: one message in flight per connection.
    Latency,
    /// Connections/s: connect, one echo, close.
    Connect,
}

impl From<BenchModeArg> for BenchMode {
    fn from(mode: BenchModeArg) -> Self {
        match mode {
            BenchModeArg::Throughput => BenchMode::Throughput,
            BenchModeArg::Latency => BenchMode::Latency,
            BenchModeArg::Connect => BenchMode::Connect,
        }
    }
}
