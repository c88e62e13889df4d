//! Every command-line type: clap derive, with the doc comments as the help text.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use hickory_resolver::proto::rr::RecordType;
use ipnet::IpNet;

use crate::net::address;
use crate::net::echo::bench::BenchMode;
use crate::net::echo::framing::Framing;
use crate::output::Format;

/// The article's port: the Python echo server binds 127.0.0.1:5008.
pub const DEFAULT_PORT: u16 = 5008;

/// Learn networking by doing, on your own machine, offline.
///
/// Every word from a first socket program (loopback, TCP, UDP, framing, half-close, ...) made
/// concrete with a command you can run and a tool worth keeping.
#[derive(Debug, Parser)]
#[command(
    name = "netlearn",
    version,
    propagate_version = true,
    after_help = "Examples:\n  netlearn echo serve                 # the article's server, done right\n  netlearn echo client                # talk to it (type quit to end)\n  netlearn echo bench --mode latency  # measure it\n  netlearn dns python.org             # look a name up, dig-style\n  netlearn completions bash > /etc/bash_completion.d/netlearn"
)]
pub struct Cli {
    /// Output format: table (for people) or json (JSON Lines for streaming commands).
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t = Format::Table,
        hide_possible_values = true
    )]
    pub format: Format,
    /// Shorthand for --format json.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    pub fn output_format(&self) -> Format {
        if self.json { Format::Json } else { self.format }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Echo server, client and load generator: sockets, framing and half-close made visible.
    Echo(EchoArgs),
    /// Subnet calculator: one network explained, and split, supernet, merge, range, contains,
    /// exclude.
    ///
    /// Accepts 192.168.0.0/24, 192.168.0.77/24 (host bits set: reported, network computed),
    /// 172.16.5.4/255.255.240.0 or "172.16.5.4 255.255.240.0" (dotted mask), 2001:db8::/32, or a
    /// bare address (/32 or /128). IPv4 and IPv6 share one code path.
    ///
    /// Conventions: IPv4 up to /30 has a broadcast address and network + broadcast are not
    /// usable hosts; /31 has 2 usable hosts and no broadcast (RFC 3021); /32 has 1. IPv6 has no
    /// broadcast and every address is usable (the first host is the network address).
    /// Classification uses the IANA special-purpose registries: the most specific block that
    /// contains the whole prefix; "mixed" when the prefix only overlaps special blocks; else
    /// "global". Leading zeros in IPv4 octets are rejected (tools disagree on octal).
    #[command(
        args_conflicts_with_subcommands = true,
        subcommand_negates_reqs = true,
        after_help = "Examples:\n  netlearn cidr 192.168.0.77/24\n  netlearn cidr 172.16.5.4 255.255.240.0\n  netlearn cidr 2001:db8::/32 --json\n  netlearn cidr split 192.168.0.0/24 --prefix 26\n  netlearn cidr merge < prefixes.txt\n  netlearn cidr range 10.0.0.1 10.0.0.10"
    )]
    Cidr(CidrArgs),
    /// Netmask, prefix length, wildcard and host count, each from any of the others.
    ///
    /// Accepts 255.255.240.0, /20 or 20 (above 32 means IPv6), or an IPv6 mask. A mask whose
    /// ones are not contiguous is an error that says why; an inverted (wildcard, ACL) mask such
    /// as 0.0.15.255 is accepted only with --wildcard.
    #[command(
        after_help = "Examples:\n  netlearn mask 255.255.240.0\n  netlearn mask /20\n  netlearn mask 64\n  netlearn mask 0.0.15.255 --wildcard"
    )]
    Mask(MaskArgs),
    /// One address explained: its forms, classification, reverse name and scope; or
    /// `ip compare` for IPv4 and IPv6 side by side.
    #[command(
        args_conflicts_with_subcommands = true,
        subcommand_negates_reqs = true,
        after_help = "Examples:\n  netlearn ip 127.0.0.1\n  netlearn ip ::ffff:192.0.2.1\n  netlearn ip fe80::1 --json\n  netlearn ip compare"
    )]
    Ip(IpArgs),
    /// DNS lookups like dig: answers, response code, which server answered over which transport,
    /// and how long it took.
    ///
    /// Words are sorted as dig sorts them: @SERVER[:PORT] is the server, a record type (A, AAAA,
    /// CNAME, MX, NS, TXT, SOA, SRV, PTR, CAA, HTTPS, SVCB, any other by name, or TYPE123) is a
    /// type, anything else a name (write `ns.` with its dot for a host called "ns"). Every name
    /// is asked for every type; the default is A and AAAA. Internationalised names (bücher.de)
    /// are converted to punycode and shown both ways.
    ///
    /// By default it is a pure DNS query, as dig makes: the servers from /etc/resolv.conf (or
    /// @SERVER), no hosts file, no search list. --system resolves the way applications do
    /// (getaddrinfo): localhost is loopback (RFC 6761), then the hosts file, then DNS with the
    /// search list and ndots, and says where each answer came from. localhost asked without
    /// --system still goes to DNS, with a note that applications never send it there.
    ///
    /// UDP answers that come back truncated are asked again over TCP; a UDP port with nothing
    /// behind it is reported as soon as the ICMP "port unreachable" arrives.
    ///
    /// Exit codes: 0 an answer was found for every name; 1 NXDOMAIN, NODATA, SERVFAIL, REFUSED,
    /// a timeout or an unreachable server (each reason printed once, with its total time and
    /// what to do next: no route to the server means this machine looks offline); 2 bad input.
    #[command(
        after_help = "Examples:\n  netlearn dns python.org\n  netlearn dns python.org MX TXT\n  netlearn dns -x 192.0.2.1\n  netlearn dns netlearn.test @127.0.0.1:5353\n  netlearn dns python.org --short\n  netlearn dns python.org --json\n  netlearn dns localhost --system\n  netlearn dns python.org --tls @1.1.1.1\n  netlearn dns python.org @https://cloudflare-dns.com/dns-query"
    )]
    Dns(DnsArgs),
    /// This machine's network interfaces: addresses with their networks, loopback first.
    ///
    /// For each interface: index, name, up or down, the MAC (Ethernet) address and MTU where
    /// the OS gives them, and every address with its prefix length, the network it sits in and
    /// its scope (loopback, link-local, unique local, private, global). Addresses come from
    /// if-addrs and link facts from netdev, merged so every address `ip addr` shows appears.
    #[command(
        after_help = "Examples:\n  netlearn ifaces\n  netlearn ifaces --loopback\n  netlearn --json ifaces"
    )]
    Ifaces(IfacesArgs),
    /// The default gateway: where packets for other networks go, for IPv4 and IPv6.
    ///
    /// Shows each default route's gateway address, interface, metric and the on-link subnet the
    /// gateway sits in (from netdev: netlink on Linux, sysctl on BSD and macOS, the Win32 API on
    /// Windows). --routes adds the whole routing table (Linux: /proc/net/route and
    /// /proc/net/ipv6_route). No default route is a normal answer: this machine then reaches
    /// only the networks it is attached to.
    #[command(
        after_help = "Examples:\n  netlearn gateway\n  netlearn gateway --routes\n  netlearn --json gateway"
    )]
    Gateway(GatewayArgs),
    /// Well-known ports and services: a number or a name, TCP and UDP shown separately.
    ///
    /// Looks in the system services database (/etc/services), falling back to a built-in
    /// excerpt of the IANA registry, and says which RFC 6335 range a number is in: system
    /// (0-1023), user (1024-49151) or dynamic (49152-65535).
    #[command(
        after_help = "Examples:\n  netlearn port 80\n  netlearn port https\n  netlearn port 5008\n  netlearn port --list"
    )]
    Port(PortArgs),
    /// The glossary: every word from a first socket program, with a live demo on this machine.
    ///
    /// With a term: its definition, layer, standard, related terms, and then its demo is run
    /// (a netlearn command, offline). Names, aliases and near misses all work. Without one:
    /// every term, grouped by layer.
    #[command(
        after_help = "Examples:\n  netlearn explain\n  netlearn explain loopback\n  netlearn explain \"default gateway\"\n  netlearn explain half-close --no-demo"
    )]
    Explain(ExplainArgs),
    /// A guided walk through the article on this machine, offline, in a few seconds.
    ///
    /// Starts an echo server on 127.0.0.1 (a free port), echoes through it with every socket
    /// call shown, then shows loopback, this host's addresses and subnet, the default gateway,
    /// how localhost resolves, and what the addresses seen mean. Anything the machine lacks
    /// (no IPv6, no default route) is explained, not an error.
    #[command(after_help = "Examples:\n  netlearn tour\n  netlearn tour --step")]
    Tour(TourArgs),
    /// HTTP and HTTPS made visible: the exact request bytes, the response, the TLS handshake
    /// and the time each phase took; and a small static server to watch the other side.
    #[command(
        after_help = "Examples:\n  netlearn http demo\n  netlearn http demo --tls --half-close\n  netlearn http serve --port 0 ./site\n  netlearn http get http://127.0.0.1:8000/\n  netlearn http get https://localhost:8443/ --ca-file ca.pem\n  netlearn http get http://www.python.org/ --half-close"
    )]
    Http(HttpArgs),
    /// Socket lessons on ports of their own: a refused connection, a port already in use, the
    /// TIME_WAIT a closed connection leaves and what SO_REUSEADDR changes.
    #[command(
        after_help = "Examples:\n  netlearn socket demo refused\n  netlearn socket demo in-use\n  netlearn socket demo time-wait\n  netlearn --json socket demo time-wait"
    )]
    Socket(SocketArgs),
    /// A tcpdump for learners: packets on an interface or in a capture file, each on one line
    /// with names, then what it means in plain words.
    ///
    /// TCP streams are followed: sequence and acknowledgement numbers are relative (0 at the
    /// SYN, as Wireshark shows them), each packet names the TCP state its sender enters, and
    /// retransmissions and out-of-order segments are marked. UDP, ICMP and ICMPv6 (echo,
    /// unreachable, time exceeded), ARP (who-has, is-at) and DNS over UDP are explained too.
    ///
    /// --read takes pcap and pcapng files (micro- and nanosecond, Ethernet, Linux cooked
    /// SLL/SLL2 or raw IP), such as tcpdump and Wireshark write, and streams them: memory does
    /// not grow with the file. Live capture opens a packet socket (AF_PACKET, Linux), which
    /// needs CAP_NET_RAW (root); --write saves what it shows as pcapng with nanosecond
    /// timestamps. At the end it says how many packets were captured and how many the kernel
    /// dropped, as tcpdump does.
    ///
    /// Exit codes: 0 ok; 1 capture failed (no permission); 2 bad input (an unreadable capture
    /// file, an interface that does not exist).
    #[command(
        after_help = "Examples:\n  netlearn capture --read tests/fixtures/wire/handshake.pcap\n  netlearn capture --read trace.pcapng --port 53 --json\n  sudo netlearn capture --port 5008 --count 10\n  sudo netlearn capture --iface eth0 --link --duration 10s --write trace.pcapng"
    )]
    Capture(CaptureArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  netlearn completions bash > ~/.local/share/bash-completion/completions/netlearn\n  netlearn completions zsh > ~/.zfunc/_netlearn\n  netlearn completions fish > ~/.config/fish/completions/netlearn.fish"
    )]
    Completions {
        /// The shell to generate completions for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output.
    #[command(after_help = "Examples:\n  netlearn man > netlearn.1 && man ./netlearn.1")]
    Man,
}

#[derive(Debug, Args)]
pub struct CidrArgs {
    #[command(subcommand)]
    pub action: Option<CidrAction>,
    /// The network: ADDR/LEN, ADDR/MASK, or a bare address.
    #[arg(value_parser = parse_net_arg, required = true)]
    pub net: Option<IpNet>,
    /// A dotted netmask given as a separate word (172.16.5.4 255.255.240.0).
    #[arg(value_parser = parse_mask_arg)]
    pub mask: Option<u8>,
}

#[derive(Debug, Subcommand)]
pub enum CidrAction {
    /// Split a network into equal subnets (by prefix, count, or hosts per subnet).
    #[command(
        after_help = "Examples:\n  netlearn cidr split 192.168.0.0/24 --prefix 26\n  netlearn cidr split 10.0.0.0/16 --count 5\n  netlearn cidr split 10.0.0.0/24 --hosts 50"
    )]
    Split {
        #[arg(value_parser = parse_net_arg)]
        net: IpNet,
        /// The prefix length of each subnet.
        #[arg(long, group = "size", value_parser = clap::value_parser!(u32).range(0..=128))]
        prefix: Option<u32>,
        /// At least this many subnets (rounded up to a power of two).
        #[arg(long, group = "size", value_parser = clap::value_parser!(u64).range(1..))]
        count: Option<u64>,
        /// Subnets as small as possible with at least this many usable hosts each.
        #[arg(long, group = "size", value_parser = clap::value_parser!(u64).range(1..))]
        hosts: Option<u64>,
    },
    /// The enclosing network (one bit shorter, or --prefix).
    #[command(
        after_help = "Examples:\n  netlearn cidr supernet 192.168.1.0/24\n  netlearn cidr supernet 192.168.1.0/24 --prefix 16"
    )]
    Supernet {
        #[arg(value_parser = parse_net_arg)]
        net: IpNet,
        /// Prefix length of the supernet.
        #[arg(long, value_parser = clap::value_parser!(u32).range(0..=128))]
        prefix: Option<u32>,
    },
    /// Merge (aggregate) a list into the minimal sorted CIDR cover, IPv4 before IPv6.
    ///
    /// Reads the arguments, or standard input when there are none (or "-"): one network,
    /// address or range A-B per line; blank lines and # comments are skipped. A bad line is
    /// reported with its number and the command fails (exit 2) unless --skip-invalid.
    #[command(
        after_help = "Examples:\n  netlearn cidr merge 10.0.0.0/25 10.0.0.128/25\n  netlearn cidr merge < blocklist.txt\n  netlearn cidr merge --skip-invalid < messy.txt"
    )]
    Merge {
        /// Networks to merge (default: standard input).
        items: Vec<String>,
        /// Report bad lines on standard error and carry on.
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Range to CIDR blocks (two addresses), or a network to its first-last range (one).
    #[command(
        after_help = "Examples:\n  netlearn cidr range 10.0.0.1 10.0.0.10\n  netlearn cidr range 192.168.0.0/22"
    )]
    Range {
        /// First address, or a network.
        #[arg(value_parser = parse_net_arg)]
        first: IpNet,
        /// Last address.
        #[arg(value_parser = parse_addr_arg)]
        last: Option<IpAddr>,
    },
    /// Whether each address or network lies inside NET (exit 1 if any does not).
    ///
    /// Reads the items from standard input, one per line (# comments), when none are given.
    #[command(
        after_help = "Examples:\n  netlearn cidr contains 10.0.0.0/8 10.1.2.3 192.168.0.1\n  netlearn cidr contains 2001:db8::/32 2001:db8:1::/48"
    )]
    Contains {
        #[arg(value_parser = parse_net_arg)]
        net: IpNet,
        /// Addresses or networks to test (default: standard input, one per line).
        #[arg(value_parser = parse_net_arg)]
        items: Vec<IpNet>,
    },
    /// NET minus the given networks, as a minimal CIDR list.
    ///
    /// Reads the networks from standard input, one per line (# comments), when none are given.
    #[command(
        after_help = "Examples:\n  netlearn cidr exclude 10.0.0.0/24 10.0.0.64/26\n  netlearn cidr exclude 0.0.0.0/0 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16"
    )]
    Exclude {
        #[arg(value_parser = parse_net_arg)]
        net: IpNet,
        /// Networks to remove (default: standard input, one per line).
        #[arg(value_parser = parse_net_arg)]
        excluded: Vec<IpNet>,
    },
}

#[derive(Debug, Args)]
pub struct MaskArgs {
    /// 255.255.240.0, /20, 20, or an IPv6 mask.
    pub mask: String,
    /// Read a dotted mask as a wildcard (inverted) mask: 0.0.15.255 means /20.
    #[arg(long)]
    pub wildcard: bool,
}

#[derive(Debug, Args)]
pub struct IpArgs {
    #[command(subcommand)]
    pub action: Option<IpAction>,
    /// The address to explain.
    #[arg(value_parser = parse_addr_arg, required = true)]
    pub addr: Option<IpAddr>,
}

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
    /// Ask over TLS (DNS over TLS, RFC 7858; port 853 unless given).
    #[arg(long, conflicts_with = "https")]
    pub tls: bool,
    /// Ask over HTTPS (DNS over HTTPS, RFC 8484; port 443 and /dns-query unless given).
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

fn parse_record_type_arg(text: &str) -> Result<RecordType, String> {
    crate::net::dns::name::parse_record_type(text).map_err(|error| error.to_string())
}

#[derive(Debug, Subcommand)]
pub enum IpAction {
    /// IPv4 and IPv6 side by side, each row with its RFCs.
    #[command(after_help = "Examples:\n  netlearn ip compare\n  netlearn ip compare --json")]
    Compare,
}

fn parse_net_arg(text: &str) -> Result<IpNet, String> {
    address::parse_net(text).map_err(|error| error.to_string())
}

fn parse_addr_arg(text: &str) -> Result<IpAddr, String> {
    address::parse_addr(text).map_err(|error| error.to_string())
}

fn parse_mask_arg(text: &str) -> Result<u8, String> {
    address::parse_mask(text, false).map_err(|error| error.to_string())
}

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
    /// The first line printed is always `listening on <addr> (<tcp|udp>, <framing>)`.
    ///
    /// Framing (how a message ends on a stream): line = delimiter "\n" (a line "quit" closes the
    /// connection, as in the article; a client that sends without newlines, like the article's,
    /// has a message end when it pauses for 100 ms, so a bare "quit" works too); length = u32
    /// big-endian length prefix; fixed:N = exactly N bytes; raw = no messages, the stream is
    /// echoed as it comes and ends by closing.
    /// Over UDP each datagram is one message: it is echoed whole to its sender, never larger
    /// than it came. Datagrams from the server's own address, from well-known service ports
    /// (below 1024) and from known reflectors are never answered, and each source IP address
    /// is answered at most --udp-rate times a second, so a loop with another echo service is
    /// cut or held to that rate; what is dropped is summed up in one log line a second.
    ///
    /// Limits (every one a flag): --max-conns 10000 connections open at once; --max-frame
    /// 1MiB per frame (a longer one closes that connection); --idle-timeout 300s without
    /// traffic, also for a peer that stops reading its echo; --grace 5s to finish in-flight
    /// echoes after Ctrl-C/SIGTERM, and a second Ctrl-C/SIGTERM exits at once (status 130);
    /// --udp-rate 1000 datagrams a second per source. The log never stops the server: lines
    /// a slow or paused reader cannot take are dropped and counted, and when the reader is
    /// gone (`| head -1`) that is said once on standard error and serving goes on. What each
    /// recv brought in is shown as the article's server prints it, at most 20 lines a second
    /// for the whole server (the rest are counted); -q hides those lines.
    #[command(
        after_help = "Examples:\n  netlearn echo serve                          # 127.0.0.1:5008, line framing\n  netlearn echo serve --port 0 --trace         # any free port; narrate every socket call\n  netlearn echo serve --framing length --max-frame 64KiB\n  netlearn echo serve --udp --port 5009\n  netlearn --json echo serve --port 0          # JSON Lines log"
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
    /// and the server still answers. --udp shows the same with datagrams.
    #[command(
        after_help = "Examples:\n  netlearn echo demo\n  netlearn echo demo --framing length \"hi there\"\n  netlearn echo demo --framing line --framing length --framing fixed:5 --framing raw hello\n  netlearn echo demo --half-close\n  netlearn echo demo --clients 3\n  netlearn echo demo --tcp-and-udp"
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
}

#[derive(Debug, Args)]
pub struct HttpArgs {
    #[command(subcommand)]
    pub command: HttpCommand,
}

#[derive(Debug, Subcommand)]
pub enum HttpCommand {
    /// Fetch a URL over a plain socket (http://) or TLS (https://) and show every byte.
    ///
    /// Prints, like `curl -v`: where the name resolved, the connection, for https:// the TLS
    /// version, cipher suite, ALPN and the server's certificate chain (subject, issuer, names,
    /// validity) and whether it verified, then the request exactly as sent (> lines), the
    /// response status and headers (< lines) and the body (the first 2 KiB unless --body),
    /// how the body was framed (Content-Length, chunked, or the connection closing) and the time
    /// of each phase. When verification fails it says why in plain words: expired, wrong name,
    /// or an issuer you do not trust. Exit 0 for any HTTP answer (1 with --fail for 4xx/5xx).
    #[command(
        after_help = "Examples:\n  netlearn http get http://127.0.0.1:8000/\n  netlearn http get http://www.python.org/ --half-close\n  netlearn http get https://localhost:8443/ --ca-file ca.pem\n  netlearn http get https://expired.badssl.com/ --insecure\n  netlearn --json http get http://127.0.0.1:8000/hello.txt --body"
    )]
    Get(HttpGetArgs),
    /// Serve a directory over HTTP/1.1 (GET and HEAD), on 127.0.0.1 by default.
    ///
    /// Files under DIR only: paths with "..", encoded or not, are refused, and symbolic links
    /// may not lead outside DIR. Directories show index.html or a listing. --tls serves HTTPS
    /// with a certificate from a throwaway CA made at start-up; the CA's file is printed, for
    /// `http get --ca-file`. The first line printed is always `listening on <addr> (<http|https>,
    /// serving <dir>)`. Each request is logged; Ctrl-C stops it.
    #[command(
        after_help = "Examples:\n  netlearn http serve                      # the current directory on 127.0.0.1:8000\n  netlearn http serve --port 0 ./site      # any free port\n  netlearn http serve --tls --port 8443"
    )]
    Serve(HttpServeArgs),
    /// Both halves at once: a server on 127.0.0.1 (a free port) and a request to it, offline.
    #[command(
        after_help = "Examples:\n  netlearn http demo\n  netlearn http demo --half-close\n  netlearn http demo --tls"
    )]
    Demo(HttpDemoArgs),
}

#[derive(Debug, Args)]
pub struct HttpGetArgs {
    /// The URL: http://HOST[:PORT]/PATH or https://…; a bare HOST[:PORT]/PATH means http://.
    pub url: String,
    /// Request method: GET or HEAD.
    #[arg(long, short = 'X', default_value = "GET", value_parser = ["GET", "HEAD"])]
    pub method: String,
    /// Extra request header, "Name: value" (repeatable).
    #[arg(long = "header", short = 'H', value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
    /// After sending the request, shutdown(SHUT_WR) the socket, as the article's client does.
    #[arg(long)]
    pub half_close: bool,
    /// Print the whole body (raw bytes, even binary) instead of its first 2 KiB.
    #[arg(long)]
    pub body: bool,
    /// Trust only the CA certificates in this PEM file (a private or throwaway CA).
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
    /// DANGER: accept any certificate (still reports why it would have been refused).
    #[arg(long, short = 'k')]
    pub insecure: bool,
    /// Longest wait for any one step: resolving, connecting, the TLS handshake, and each read
    /// of the response (a server silent this long is given up on).
    #[arg(long, default_value = "10s", value_parser = parse_nonzero_duration)]
    pub timeout: Duration,
    /// Longest the whole exchange may take, from resolving the name to the last body byte, so
    /// that a server trickling a byte at a time cannot hold the client forever (as in curl).
    #[arg(long, default_value = "30s", value_parser = parse_nonzero_duration)]
    pub max_time: Duration,
    /// Largest response body accepted (e.g. 512KiB, 1GiB); a bigger one is an error, not
    /// unbounded memory. Other limits are fixed: a response head of 64 KiB, 10 interim
    /// (1xx) answers, chunk extensions of 4 KiB in all, trailer fields of 16 KiB.
    #[arg(long, default_value = "64MiB", value_name = "SIZE", value_parser = parse_size)]
    pub max_body: usize,
    /// Exit 1 when the status is 400 or above.
    #[arg(long)]
    pub fail: bool,
}

#[derive(Debug, Args)]
pub struct HttpServeArgs {
    /// The directory to serve.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Address to bind. A non-loopback address is reachable from other machines (warned).
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Port to bind; 0 picks a free one (printed on the first line).
    #[arg(long, short, default_value_t = 8000)]
    pub port: u16,
    /// Serve HTTPS with a certificate from a throwaway CA.
    #[arg(long)]
    pub tls: bool,
    /// Most connections open at once; further ones are closed at once (503 on plain HTTP)
    /// and logged.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_conns: u64,
    /// Cut a connection when no byte moved either way for this long: a client that stopped
    /// reading its download, or never finished its request (e.g. 30s, 2m).
    #[arg(long, default_value = "30s", value_parser = parse_nonzero_duration)]
    pub idle_timeout: Duration,
    /// On Ctrl-C/SIGTERM, how long open downloads may finish before they are cut; a second
    /// signal exits at once.
    #[arg(long, default_value = "5s", value_parser = parse_duration)]
    pub grace: Duration,
}

#[derive(Debug, Args)]
pub struct HttpDemoArgs {
    /// Use HTTPS (a throwaway CA, trusted for this demo only).
    #[arg(long)]
    pub tls: bool,
    /// The client half-closes after its request, as in the article.
    #[arg(long)]
    pub half_close: bool,
}

#[derive(Debug, Args)]
pub struct IfacesArgs {
    /// Only loopback interfaces, with what 127.0.0.0/8 and ::1 are.
    #[arg(long)]
    pub loopback: bool,
}

#[derive(Debug, Args)]
pub struct GatewayArgs {
    /// Also show the whole routing table (Linux).
    #[arg(long)]
    pub routes: bool,
}

#[derive(Debug, Args)]
pub struct PortArgs {
    /// A port number (80) or a service name (http).
    #[arg(required_unless_present = "list")]
    pub port: Option<String>,
    /// List every known service.
    #[arg(long, conflicts_with = "port")]
    pub list: bool,
    /// Services file to read instead of /etc/services.
    #[arg(long, value_name = "FILE")]
    pub services_file: Option<PathBuf>,
}

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
    /// TIME_WAIT for 60 s; without SO_REUSEADDR that blocks a restart on the port, with it not.
    #[command(
        after_help = "Examples:\n  netlearn socket demo refused\n  netlearn socket demo in-use\n  netlearn socket demo time-wait\n  netlearn socket demo refused --wire"
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

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to bind. A non-loopback address is reachable from other machines (warned).
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Port to bind; 0 lets the system pick a free one (printed on the first line).
    #[arg(long, short, default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// Serve UDP datagrams instead of TCP connections.
    #[arg(long)]
    pub udp: bool,
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
    /// UDP: datagrams answered per second from one source IP address, in bursts of up to as
    /// many (0 = no limit). Caps any loop with another echo service at this rate.
    #[arg(long, default_value_t = 1000)]
    pub udp_rate: u32,
    /// Do not log received messages (by default each recv is shown, as the article's server
    /// prints it, at most 20 lines a second; the rest are counted).
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct ClientArgs {
    /// Server address: HOST:PORT, [IPv6]:PORT, an IP (port 5008) or a port (127.0.0.1).
    #[arg(default_value = "127.0.0.1:5008", value_parser = parse_target)]
    pub addr: SocketAddr,
    /// Use UDP datagrams instead of a TCP connection.
    #[arg(long)]
    pub udp: bool,
    /// Message framing; must match the server's: line, length, fixed:N or raw.
    #[arg(long, default_value = "line", value_parser = parse_framing)]
    pub framing: Framing,
    /// Send this many generated messages, verify each echo and print a summary.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,
    /// Payload bytes per generated message (--count); fixed:N framing needs exactly N.
    #[arg(long, value_parser = parse_size, requires = "count")]
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
    /// Server address: HOST:PORT, [IPv6]:PORT, an IP (port 5008) or a port (127.0.0.1).
    #[arg(default_value = "127.0.0.1:5008", value_parser = parse_target)]
    pub addr: SocketAddr,
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
    /// Payload bytes per message [default: 64; throughput: 64KiB].
    #[arg(long, value_parser = parse_size)]
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

fn parse_framing(text: &str) -> Result<Framing, String> {
    text.parse().map_err(|error| format!("{error}"))
}

/// Parses a byte count: `1024`, `64k`/`64KiB`, `1M`/`1MiB`, `1G`/`1GiB` (binary multiples).
pub fn parse_size(text: &str) -> Result<usize, String> {
    let trimmed = text.trim();
    let split = trimmed
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(trimmed.len());
    let (digits, unit) = trimmed.split_at(split);
    let multiplier: usize = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => {
            return Err(format!(
                "invalid size '{text}': unknown unit '{unit}' (use B, KiB, MiB, GiB)"
            ));
        }
    };
    digits
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(multiplier))
        .ok_or_else(|| {
            format!(
                "invalid size '{text}': expected a whole number of bytes such as 512, 64KiB or 1MiB"
            )
        })
}

/// The longest duration any flag takes: a week. Longer ones would overflow clocks and timers
/// (`Instant + Duration`), and nothing netlearn does needs them.
pub const MAX_DURATION: Duration = Duration::from_secs(7 * 24 * 3600);

/// Parses a duration: `250ms`, `30s`, `5m`, `1h`, `2d`, or a bare number of seconds (`1.5`),
/// at most [`MAX_DURATION`].
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let trimmed = text.trim();
    let split = trimmed
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(split);
    let seconds_per_unit = match unit {
        "" | "s" => 1.0,
        "ms" => 0.001,
        "us" | "µs" => 0.000_001,
        "m" | "min" => 60.0,
        "h" => 3600.0,
        "d" => 86_400.0,
        _ => {
            return Err(format!(
                "invalid duration '{text}': unknown unit '{unit}' (use ms, s, m, h, d)"
            ));
        }
    };
    let value: f64 = number.parse().map_err(|_| {
        format!("invalid duration '{text}': expected a number such as 500ms, 30s or 5m")
    })?;
    match Duration::try_from_secs_f64(value * seconds_per_unit) {
        Ok(duration) if duration <= MAX_DURATION => Ok(duration),
        _ => Err(format!(
            "invalid duration '{text}': longer than the maximum of 7 days (7d)"
        )),
    }
}

fn parse_nonzero_duration(text: &str) -> Result<Duration, String> {
    match parse_duration(text)? {
        Duration::ZERO => Err(format!("invalid duration '{text}': must be more than zero")),
        duration => Ok(duration),
    }
}

/// Parses where to connect: `HOST:PORT`, `[v6]:PORT`, a bare IP (port 5008) or a bare port
/// (127.0.0.1). Host names are resolved with the system's hosts file and resolver.
pub fn parse_target(text: &str) -> Result<SocketAddr, String> {
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok(addr);
    }
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Ok(SocketAddr::new(ip, DEFAULT_PORT));
    }
    if let Ok(port) = text.parse::<u16>() {
        return Ok(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port));
    }
    let with_port = if text.contains(':') {
        text.to_string()
    } else {
        format!("{text}:{DEFAULT_PORT}")
    };
    match with_port.to_socket_addrs() {
        Ok(mut addrs) => addrs
            .next()
            .ok_or_else(|| format!("invalid address '{text}': the name has no addresses")),
        Err(error) => Err(format!("invalid address '{text}': {error}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_durations_parse_with_units() {
        assert_eq!(parse_size("512"), Ok(512));
        assert_eq!(parse_size("64KiB"), Ok(65536));
        assert_eq!(parse_size("1M"), Ok(1 << 20));
        assert!(parse_size("1.5M").is_err());
        assert!(parse_size("-1").is_err());
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1.5"), Ok(Duration::from_millis(1500)));
        assert!(parse_duration("soon").is_err());
        assert_eq!(parse_duration("7d"), Ok(MAX_DURATION));
        assert!(parse_duration("2562047788015215h").is_err());
        assert!(parse_duration("1e300").is_err());
        assert!(parse_nonzero_duration("0").is_err());
    }

    #[test]
    fn targets_fill_in_the_defaults() {
        assert_eq!(parse_target("9000"), Ok("127.0.0.1:9000".parse().unwrap()));
        assert_eq!(parse_target("::1"), Ok("[::1]:5008".parse().unwrap()));
        assert_eq!(parse_target("[::1]:7"), Ok("[::1]:7".parse().unwrap()));
        assert!(parse_target("127.0.0.1:99999").is_err());
    }

    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}

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
    /// Read packets from a pcap or pcapng file instead of capturing.
    #[arg(long, short = 'r', value_name = "FILE")]
    pub read: Option<PathBuf>,
    /// Show the link layer: MAC addresses and EtherType.
    #[arg(long)]
    pub link: bool,
}
