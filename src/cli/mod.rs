//! The command line: clap derive, one module per command family, the value parsers in one
//! module; doc comments are the help text.

mod addr;
mod dns;
mod echo;
mod fast;
mod ftp;
mod host;
mod http;
mod lab;
mod learn;
mod localize;
mod usage_error;
mod values;
mod wire;

pub use addr::*;
pub use dns::*;
pub use echo::*;
pub use fast::parse_from;
pub use ftp::*;
pub use host::*;
pub use http::*;
pub use lab::*;
pub use learn::*;
pub use usage_error::{
    JapaneseErrors, english_is_ours, one_line as usage_error_line,
    one_line_for as usage_error_line_for,
};
pub use values::*;
pub use wire::*;

use clap::{Args, Parser, Subcommand};

use crate::i18n::Lang;
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
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// The flags every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
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
    /// Language of the texts: en or ja (default: from LC_ALL, LC_MESSAGES or LANG, else en).
    #[arg(long, global = true, value_enum, hide = true, value_name = "LANG")]
    pub lang: Option<Lang>,
    /// Packet lines whole: every field (link layer, ttl, win, mss, the whole preview), one line
    /// each.
    #[arg(long, short = 'v', global = true)]
    pub wide: bool,
}

impl Cli {
    /// The command line's definition with its help in the chosen language.
    pub fn localized_command() -> clap::Command {
        use clap::CommandFactory;
        match crate::i18n::language() {
            // English is clap's own layout, which reads COLUMNS or the terminal itself.
            Lang::En => Cli::command(),
            lang => localize::localize(Cli::command(), lang, crate::output::width::prose_width()),
        }
    }

    /// The definition as a run with `--lang lang` and `COLUMNS=columns` (more than 0) lays
    /// out its help, without reading the environment: the help of every command can be
    /// rendered in one process (the width tests do) instead of one process each.
    pub fn localized_command_at(lang: Lang, columns: usize) -> clap::Command {
        use clap::CommandFactory;
        match lang {
            // English is clap's own layout, which takes COLUMNS as it is.
            Lang::En => Cli::command().term_width(columns),
            lang => localize::localize(
                Cli::command(),
                lang,
                crate::output::width::prose_width_of(columns),
            ),
        }
    }

    /// Parses `args` with help and usage in the chosen language.
    pub fn try_parse_localized<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        Cli::try_parse_with(Cli::localized_command(), args)
    }

    /// Parses `args` against `command` (the [`Cli::localized_command`] a run uses, or a
    /// [`Cli::localized_command_at`]): a `--help` comes back as the error clap shows it with.
    pub fn try_parse_with<I, T>(mut command: clap::Command, args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        use clap::FromArgMatches;
        let matches = command.try_get_matches_from_mut(args)?;
        Cli::from_arg_matches(&matches).map_err(|error| error.format(&mut command))
    }

    pub fn output_format(&self) -> Format {
        if self.global.json {
            Format::Json
        } else {
            self.global.format
        }
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
    /// usable hosts; /31 has 2 usable hosts and no broadcast (RFC 3021); /32 has 1. IPv6 has no
    /// broadcast and every address is usable (the first host is the network address).
    /// Classification uses the IANA special-purpose registries: the most specific block that
    /// contains the whole prefix; "mixed" when the prefix only overlaps special blocks; else
    /// "global". Leading zeros in IPv4 octets are rejected (tools disagree on octal).
    #[command(
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
    /// (getaddrinfo): localhost is loopback (RFC 6761), then the hosts file, then DNS with the
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
    /// excerpt of the IANA registry, and says which RFC 6335 range a number is in: system
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
    /// FTP's control and data connections, live against an in-process server.
    Ftp(FtpArgs),
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
    /// A small real network on this machine, and a guided tour across it.
    ///
    /// Hosts h1, h2 and dns and a router r1, built in a fraction of a second. Each host is a Linux network namespace, each cable a veth pair with its own MAC
    /// addresses, r1's second side a bridge; addresses from the documentation prefixes
    /// (192.0.2.0/24, 198.51.100.0/24, 2001:db8::/32), so nothing is confused with a real
    /// network. Without a subcommand it builds the lab, runs the scenario (a DNS lookup, the
    /// routing decision with its subnet arithmetic, ARP, ping with the TTL, traceroute, the
    /// echo client and an HTTP GET across the router), shows the packets under each step and
    /// tears everything down. --mistake builds one classic mistake in and shows its failure.
    ///
    /// Without root it runs in a user namespace of its own; the host's interfaces, routes and
    /// namespaces are never touched, and nothing outlives the process (no /run/netns mounts).
    ///
    /// Exit codes: 0 ok (a mistake that fails as it should is ok too); 1 the lab could not be
    /// built, or a step did not do what it should; 2 bad input.
    #[command(
        after_help = "Examples:\n  netlearn lab\n  netlearn lab --mistake mask\n  netlearn lab --json\n  netlearn lab up\n  netlearn lab run h1 -- netlearn echo client 198.51.100.20\n  netlearn lab ping h1 h2\n  netlearn lab trace h1 h2.lab\n  netlearn lab shell r1"
    )]
    Lab(LabArgs),
    /// ICMP echo (ping) from this machine, with the TTL of each reply.
    ///
    /// Uses a raw ICMP socket (root or CAP_NET_RAW), else an ICMP datagram socket where
    /// net.ipv4.ping_group_range includes your group; says which setting would allow it when
    /// neither is possible. IPv4.
    #[command(
        after_help = "Examples:\n  netlearn ping 127.0.0.1\n  netlearn ping 127.0.0.1 --count 5 --json"
    )]
    Ping(PingArgs),
    /// traceroute from this machine: probes with TTL 1, 2, 3, ... and who answered each.
    #[command(
        after_help = "Examples:\n  netlearn trace 127.0.0.1\n  netlearn trace 127.0.0.1 --max-hops 5"
    )]
    Trace(TraceArgs),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
