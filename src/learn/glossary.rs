//! The glossary: every word from the article as data — definition, layer, standard, related
//! terms and a live demo (a netlearn command line that runs offline) — and term lookup.

use serde::Serialize;

/// Where a term sits, from the wire up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layer {
    /// Frames on one link: Ethernet, MAC addresses.
    Link,
    /// Addresses and routing between networks: IP.
    Internet,
    /// Ports, connections and datagrams between programs: TCP, UDP.
    Transport,
    /// What programs say to each other: DNS, HTTP, FTP.
    Application,
    /// How a program talks to the operating system's network stack.
    SocketApi,
    /// How a stream of bytes is cut back into messages.
    Framing,
}

impl Layer {
    pub const ALL: [Layer; 6] = [
        Layer::Link,
        Layer::Internet,
        Layer::Transport,
        Layer::Application,
        Layer::SocketApi,
        Layer::Framing,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Layer::Link => "Link layer (TCP/IP layer 1, OSI 2)",
            Layer::Internet => "Internet layer (TCP/IP layer 2, OSI 3)",
            Layer::Transport => "Transport layer (TCP/IP layer 3, OSI 4)",
            Layer::Application => "Application layer (TCP/IP layer 4, OSI 7)",
            Layer::SocketApi => "The socket API (between your program and the OS)",
            Layer::Framing => "Framing (messages on a byte stream)",
        }
    }
}

/// One glossary entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Term {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub layer: Layer,
    pub definition: &'static str,
    pub standard: &'static str,
    pub see_also: &'static [&'static str],
    /// Command lines (netlearn's arguments, without the program name) that show the term on
    /// this machine, offline; the first is the main one.
    pub demos: &'static [&'static [&'static str]],
}

const ECHO_DEMO: &[&str] = &["echo", "demo", "hello"];

/// Sorted by name, case-insensitively (a test keeps it so).
pub const TERMS: &[Term] = &[
    Term {
        name: "127.0.0.1",
        aliases: &["127.0.0.0/8", "localhost address"],
        layer: Layer::Internet,
        definition: "The IPv4 loopback address: packets sent to it never leave this machine; the \
            operating system hands them straight back to its own network stack. The whole block \
            127.0.0.0/8 is loopback, and 127.0.0.1 is the address everyone uses. A server bound \
            to 127.0.0.1, like the article's, can only be reached from this machine.",
        standard: "RFC 1122 section 3.2.1.3; RFC 6890 (special-purpose registry)",
        see_also: &["loopback", "localhost", "IPv4"],
        demos: &[&["ip", "127.0.0.1"]],
    },
    Term {
        name: "address already in use",
        aliases: &[
            "eaddrinuse",
            "address in use",
            "port already in use",
            "errno 98",
        ],
        layer: Layer::SocketApi,
        definition: "The error bind() returns (EADDRINUSE; Python's OSError: [Errno 98]) when \
            another socket already holds that address and port: a server that is still \
            running, or, on Linux, connections in TIME_WAIT left by a server that did not set \
            SO_REUSEADDR, like the article's server.py restarted within a minute. netlearn names \
            the holder: the program and pid from /proc, or the TIME_WAIT connections and how \
            long they have left.",
        standard: "POSIX bind() [EADDRINUSE]",
        see_also: &["TIME_WAIT", "SO_REUSEADDR", "port"],
        demos: &[
            &["socket", "demo", "in-use"],
            &["socket", "demo", "time-wait"],
        ],
    },
    Term {
        name: "AF_INET",
        aliases: &["af_inet6", "address family", "pf_inet"],
        layer: Layer::SocketApi,
        definition: "The address family argument of socket(): AF_INET means IPv4 addresses \
            (an IP and a port), AF_INET6 means IPv6, AF_UNIX means a path on this machine. It \
            fixes what bind() and connect() accept: an AF_INET socket cannot talk to ::1.",
        standard: "POSIX socket(); RFC 3493 (AF_INET6)",
        see_also: &["socket", "SOCK_STREAM", "IPv4", "IPv6"],
        demos: &[ECHO_DEMO],
    },
    Term {
        name: "backlog",
        aliases: &["listen backlog", "accept queue", "listen"],
        layer: Layer::SocketApi,
        definition: "The number passed to listen(): how many connections the kernel may complete \
            and queue before the program calls accept(). The handshake happens in the kernel, so \
            clients connect even while the server is busy; when the queue is full, new ones wait \
            or fail. The article's listen(5) suits one client at a time; netlearn uses 128.",
        standard: "POSIX listen()",
        see_also: &["server socket", "blocking vs non-blocking", "TCP"],
        demos: &[&["echo", "demo", "--clients", "3", "hi"]],
    },
    Term {
        name: "blocking vs non-blocking",
        aliases: &[
            "blocking",
            "non-blocking",
            "nonblocking",
            "async",
            "setblocking",
        ],
        layer: Layer::SocketApi,
        definition: "A blocking call (accept, recv, send) waits until it can finish, so a \
            one-thread server like the article's serves one client at a time. A non-blocking \
            socket returns at once with 'would block', and an event loop (epoll, kqueue; asyncio \
            or tokio above them) waits on many sockets together, which is how one thread serves \
            thousands of clients. netlearn's server is non-blocking.",
        standard: "POSIX O_NONBLOCK; Linux epoll(7)",
        see_also: &[
            "socket",
            "backlog",
            "server socket",
            "EWOULDBLOCK",
            "select/poll",
        ],
        demos: &[
            &["echo", "demo", "--nonblocking"],
            &["echo", "demo", "--clients", "3", "hi"],
        ],
    },
    Term {
        name: "CIDR",
        aliases: &[
            "classless inter-domain routing",
            "prefix",
            "slash notation",
            "prefix length",
        ],
        layer: Layer::Internet,
        definition: "Classless Inter-Domain Routing: a network written as address/prefix-length, \
            e.g. 192.168.0.0/24 — the first 24 bits name the network, the rest number its hosts. \
            It replaced the old class A/B/C sizes so networks can be any power-of-two size, and \
            routes can be merged (aggregated) into shorter prefixes.",
        standard: "RFC 4632",
        see_also: &["subnet mask", "IPv4", "IPv6"],
        demos: &[&["cidr", "192.168.0.0/24"]],
    },
    Term {
        name: "client socket",
        aliases: &["client", "connect"],
        layer: Layer::SocketApi,
        definition: "The socket a client creates and connect()s to a server's address and port. \
            The OS picks its local port (an ephemeral one) unless it is bound first. It sends and \
            receives on the same socket; there is no listen() or accept() on this side.",
        standard: "POSIX connect()",
        see_also: &["server socket", "socket", "port"],
        demos: &[ECHO_DEMO],
    },
    Term {
        name: "close the connection",
        aliases: &["close framing", "end of stream", "eof framing", "raw"],
        layer: Layer::Framing,
        definition: "The simplest framing: no marks at all; the message is everything sent until \
            the sender closes (or half-closes) its side, and the reader reads until recv() \
            returns 0 bytes. One message per connection — how HTTP/1.0 ended a response.",
        standard: "RFC 1945 (HTTP/1.0 bodies ended by close)",
        see_also: &["framing", "shutdown", "TCP"],
        demos: &[&["echo", "demo", "--framing", "raw", "hello"]],
    },
    Term {
        name: "connection refused",
        aliases: &[
            "econnrefused",
            "connectionrefusederror",
            "errno 111",
            "refused",
        ],
        layer: Layer::Transport,
        definition: "What connect() reports (ECONNREFUSED; Python's ConnectionRefusedError: \
            [Errno 111]) when no socket listens on the port: the peer's kernel answered the SYN \
            with a reset (RST). For UDP the kernel answers with an ICMP 'port unreachable', which \
            a connected UDP socket sees on its next call. The usual cause is simply that the \
            server is not running, or listens on another address or port.",
        standard: "RFC 9293 section 3.10.7.1 (RST for a closed port); RFC 1122 section 4.1.3.1 (UDP)",
        see_also: &["TCP", "UDP", "port", "server socket"],
        demos: &[&["socket", "demo", "refused"]],
    },
    Term {
        name: "default gateway",
        aliases: &["gateway", "default route", "router"],
        layer: Layer::Internet,
        definition: "The router this machine sends a packet to when the destination is not on \
            any network it is directly attached to. It must itself be on a local subnet. The \
            routing table's 0.0.0.0/0 (and ::/0) entry names it.",
        standard: "RFC 1122 section 3.3.1",
        see_also: &["subnet mask", "IPv4", "Ethernet"],
        demos: &[&["gateway"]],
    },
    Term {
        name: "delimiter",
        aliases: &["delimiter framing", "line", "newline", "line framing"],
        layer: Layer::Framing,
        definition: "A framing where a reserved byte ends each message — usually a newline. The \
            reader buffers until it sees the delimiter; the message must not contain it (or must \
            escape it). Text protocols such as SMTP, Redis and the article's 'quit' use it.",
        standard: "RFC 5321 (SMTP lines end in CRLF)",
        see_also: &["framing", "length prefix"],
        demos: &[&["echo", "demo", "--framing", "line", "hello"]],
    },
    Term {
        name: "DNS",
        aliases: &[
            "domain name system",
            "name server",
            "resolver",
            "nslookup",
            "dig",
        ],
        layer: Layer::Application,
        definition: "The Domain Name System: the distributed database that turns names such as \
            python.org into addresses (A and AAAA records), mail servers (MX) and more. A \
            resolver asks servers over UDP port 53 (TCP when the answer is large). Before DNS, \
            your system checks the hosts file, which is why localhost works offline.",
        standard: "RFC 1034, RFC 1035",
        see_also: &["localhost", "UDP", "port"],
        demos: &[&["dns", "localhost", "--system"]],
    },
    Term {
        name: "Ethernet",
        aliases: &["mac address", "mac", "mtu", "link layer", "wifi", "802.3"],
        layer: Layer::Link,
        definition: "The link layer most networks use (Wi-Fi imitates it): frames carrying IP \
            packets between machines on the same link, addressed by 48-bit MAC addresses. Each \
            link has an MTU, the largest packet it carries (1500 bytes on classic Ethernet).",
        standard: "IEEE 802.3; RFC 894 (IP over Ethernet)",
        see_also: &["IP", "default gateway"],
        demos: &[&["ifaces"]],
    },
    Term {
        name: "EWOULDBLOCK",
        aliases: &[
            "EAGAIN",
            "would block",
            "BlockingIOError",
            "EINPROGRESS",
            "resource temporarily unavailable",
        ],
        layer: Layer::SocketApi,
        definition: "What a call on a non-blocking socket answers when it cannot finish at once:             recv() with no data yet, send() with a full buffer, accept() with no client             (EAGAIN and EWOULDBLOCK are the same number on Linux); a connect() still shaking             hands answers EINPROGRESS. Python raises BlockingIOError. It is not a failure but             'try again when select/poll says the socket is ready'.",
        standard: "POSIX recv(), connect(); errno(3)",
        see_also: &["blocking vs non-blocking", "select/poll"],
        demos: &[&["echo", "demo", "--nonblocking"]],
    },
    Term {
        name: "fixed length",
        aliases: &["fixed", "fixed-length framing", "fixed size"],
        layer: Layer::Framing,
        definition: "A framing where every message is exactly N bytes, so the reader just reads \
            N bytes at a time. Nothing to parse, but short messages must be padded and long ones \
            cannot be sent. Binary protocols with fixed records use it.",
        standard: "(a convention, not a standard)",
        see_also: &["framing", "length prefix"],
        demos: &[&["echo", "demo", "--framing", "fixed:5", "hello"]],
    },
    Term {
        name: "framing",
        aliases: &["message framing", "message boundaries", "frames"],
        layer: Layer::Framing,
        definition: "TCP delivers a stream of bytes, not messages: one send() may arrive in \
            several recv()s, or two in one. Framing is how the receiver finds where a message \
            ends. There are four ways: a fixed length, a delimiter, a length prefix, or closing \
            the connection. UDP needs none: a datagram is a message.",
        standard: "RFC 9293 (TCP is a byte stream)",
        see_also: &[
            "fixed length",
            "delimiter",
            "length prefix",
            "close the connection",
            "TCP",
        ],
        demos: &[&[
            "echo",
            "demo",
            "--framing",
            "line",
            "--framing",
            "length",
            "--framing",
            "fixed:5",
            "--framing",
            "raw",
            "hello",
        ]],
    },
    Term {
        name: "FTP",
        aliases: &["file transfer protocol", "ftp-data"],
        layer: Layer::Application,
        definition: "The File Transfer Protocol: commands on a control connection (TCP port 21) \
            and each file on a separate data connection (port 20 in active mode, or a port the \
            server names in passive mode). It predates the web, sends passwords in clear text, \
            and is mostly replaced by SFTP and HTTPS.",
        standard: "RFC 959",
        see_also: &["TCP", "port", "HTTP", "passive vs active FTP"],
        demos: &[
            &["ftp", "demo"],
            &["ftp", "demo", "--active"],
            &["port", "ftp"],
        ],
    },
    Term {
        name: "HTTP",
        aliases: &["hypertext transfer protocol", "web", "http/1.1"],
        layer: Layer::Application,
        definition: "The Hypertext Transfer Protocol: a client sends a request (method, path, \
            headers, optional body), the server sends a response (status, headers, body). \
            HTTP/1.1 is text over TCP port 80, framed by header lines and Content-Length or \
            chunked encoding; the article's raw-socket request to python.org is HTTP.",
        standard: "RFC 9110 (semantics), RFC 9112 (HTTP/1.1)",
        see_also: &["HTTPS", "TCP", "port", "framing"],
        demos: &[&["http", "demo"], &["port", "http"]],
    },
    Term {
        name: "HTTPS",
        aliases: &["http over tls", "tls", "ssl"],
        layer: Layer::Application,
        definition: "HTTP inside a TLS connection, on TCP port 443: TLS encrypts the bytes and \
            proves the server's identity with a certificate chain ending at a trusted authority. \
            The HTTP inside is unchanged.",
        standard: "RFC 9110 section 4.2.2; RFC 8446 (TLS 1.3)",
        see_also: &["HTTP", "TCP", "port"],
        demos: &[&["http", "demo", "--tls"], &["port", "https"]],
    },
    Term {
        name: "IP",
        aliases: &["internet protocol", "ip address", "packet"],
        layer: Layer::Internet,
        definition: "The Internet Protocol: every packet carries a source and destination address \
            and is forwarded router by router, with no promise it arrives, arrives once or \
            arrives in order (TCP adds those promises on top). Two versions are in use, IPv4 and \
            IPv6.",
        standard: "RFC 791 (IPv4), RFC 8200 (IPv6)",
        see_also: &["IPv4", "IPv6", "TCP/IP", "CIDR"],
        demos: &[&["ip", "compare"]],
    },
    Term {
        name: "IPC",
        aliases: &["inter-process communication", "interprocess communication"],
        layer: Layer::SocketApi,
        definition: "Inter-process communication: ways two programs exchange data — pipes, \
            shared memory, Unix domain sockets, and TCP or UDP over loopback. A socket to \
            127.0.0.1 is IPC that uses the same code as talking across the world.",
        standard: "POSIX (pipes, sockets, shared memory)",
        see_also: &["socket", "loopback", "127.0.0.1", "Unix domain socket"],
        demos: &[&["echo", "demo", "--unix"], ECHO_DEMO],
    },
    Term {
        name: "IPv4",
        aliases: &["ipv4 address", "internet protocol version 4"],
        layer: Layer::Internet,
        definition: "Version 4 of IP: 32-bit addresses written as four decimal bytes \
            (192.168.0.77), about 4.3 billion in all — too few, hence private ranges and NAT. \
            Special ranges (loopback, private, documentation, ...) are in an IANA registry.",
        standard: "RFC 791; RFC 6890 (special-purpose addresses)",
        see_also: &["IPv6", "CIDR", "subnet mask", "127.0.0.1"],
        demos: &[&["ip", "192.168.0.77"]],
    },
    Term {
        name: "IPv6",
        aliases: &["ipv6 address", "internet protocol version 6", "::1"],
        layer: Layer::Internet,
        definition: "Version 6 of IP: 128-bit addresses written in hex groups with :: for a run \
            of zeros (2001:db8::1). Every interface also has a link-local fe80:: address; ::1 is \
            loopback. No broadcast and, usually, no NAT.",
        standard: "RFC 8200; RFC 4291 (addressing); RFC 5952 (text form)",
        see_also: &["IPv4", "CIDR", "loopback"],
        demos: &[&["ip", "::1"]],
    },
    Term {
        name: "keepalive",
        aliases: &["TCP keepalive", "SO_KEEPALIVE", "idle timeout", "dead peer"],
        layer: Layer::Transport,
        definition: "TCP keepalive (SO_KEEPALIVE) sends an empty probe on a connection idle for             a while and drops the connection when a few probes go unanswered: it finds a peer             whose machine died or whose path was cut. A program that merely hangs still has a             kernel that answers the probes, so servers also keep their own idle timeout;             without either, a peer that vanishes without closing is waited for forever.",
        standard: "RFC 1122 section 4.2.3.6; Linux tcp(7) tcp_keepalive_time",
        see_also: &["TCP", "close the connection", "shutdown"],
        demos: &[&[
            "echo",
            "demo",
            "--vanish",
            "--keepalive",
            "--idle-timeout",
            "1s",
        ]],
    },
    Term {
        name: "length prefix",
        aliases: &["length-prefixed", "length framing", "length"],
        layer: Layer::Framing,
        definition: "A framing where each message starts with its size (here 4 bytes, big-endian) \
            so the reader knows how many bytes to wait for. Any bytes may appear in the message; \
            binary protocols (TLS records, HTTP/2 frames, DNS over TCP) use it.",
        standard: "RFC 1035 section 4.2.2 (DNS over TCP); RFC 8446 (TLS records)",
        see_also: &["framing", "delimiter", "fixed length"],
        demos: &[&["echo", "demo", "--framing", "length", "hello"]],
    },
    Term {
        name: "localhost",
        aliases: &["local host", "hosts file", "/etc/hosts"],
        layer: Layer::Application,
        definition: "The name of this machine as seen from itself. It always means loopback \
            (127.0.0.1 and ::1): the hosts file says so and RFC 6761 forbids sending it to DNS, \
            so it works with no network at all.",
        standard: "RFC 6761 section 6.3",
        see_also: &["127.0.0.1", "loopback", "DNS"],
        demos: &[&["dns", "localhost", "--system"]],
    },
    Term {
        name: "loopback",
        aliases: &["lo", "loopback interface", "lo0"],
        layer: Layer::Link,
        definition: "A virtual network interface (lo) that delivers every packet back to this \
            machine. It carries 127.0.0.0/8 and ::1, is always up, and needs no hardware: the \
            article's client and server talk over it.",
        standard: "RFC 1122 section 3.2.1.3; RFC 4291 section 2.5.3",
        see_also: &["127.0.0.1", "localhost", "IPC"],
        demos: &[&["ifaces", "--loopback"]],
    },
    Term {
        name: "passive vs active FTP",
        aliases: &[
            "passive mode",
            "active mode",
            "PASV",
            "EPSV",
            "PORT command",
        ],
        layer: Layer::Application,
        definition: "Where FTP's data connection comes from. Passive (PASV): the server opens a             port and names it as (h1,h2,h3,h4,p1,p2), port = p1 × 256 + p2, and the client             connects to it; EPSV names the port alone. Active (PORT): the client listens and             the server connects back to it, which firewalls and NAT block, so passive is what             clients use today.",
        standard: "RFC 959 (PORT, PASV); RFC 2428 (EPSV)",
        see_also: &["FTP", "port", "TCP"],
        demos: &[&["ftp", "demo"], &["ftp", "demo", "--active"]],
    },
    Term {
        name: "port",
        aliases: &[
            "port number",
            "well-known port",
            "ephemeral port",
            "service",
        ],
        layer: Layer::Transport,
        definition: "A 16-bit number that picks one program's socket on a machine: the address \
            finds the machine, the port the program. 0-1023 are system ports (HTTP 80, HTTPS \
            443, DNS 53), 1024-49151 registered, 49152-65535 ephemeral (given to clients). TCP \
            and UDP ports are separate.",
        standard: "RFC 6335; IANA service name and port number registry",
        see_also: &["TCP", "UDP", "socket"],
        demos: &[&["port", "5008"]],
    },
    Term {
        name: "select/poll",
        aliases: &["select", "poll", "epoll", "readiness", "event loop"],
        layer: Layer::SocketApi,
        definition: "Calls that wait until one of many sockets is ready to read or write             (select.select([s], [], [], 1.0) in Python), so one thread can serve many             connections with non-blocking sockets: wait, then recv() from whichever is ready.             epoll (Linux) and kqueue (BSD) do the same for thousands of sockets; asyncio and             tokio are built on them.",
        standard: "POSIX select(), poll(); Linux epoll(7)",
        see_also: &["blocking vs non-blocking", "EWOULDBLOCK"],
        demos: &[&["echo", "demo", "--nonblocking"]],
    },
    Term {
        name: "server socket",
        aliases: &["server", "listening socket", "accept", "bind"],
        layer: Layer::SocketApi,
        definition: "The listening socket: socket(), bind() to an address and port, listen(), \
            then accept() in a loop. accept() never reuses the listening socket for data: it \
            returns a new connected socket per client (the article's conn).",
        standard: "POSIX bind(), listen(), accept()",
        see_also: &["client socket", "backlog", "socket"],
        demos: &[ECHO_DEMO],
    },
    Term {
        name: "shutdown",
        aliases: &["half-close", "shut_wr", "shutdown(shut_wr)"],
        layer: Layer::SocketApi,
        definition: "shutdown(SHUT_WR) closes only the sending direction of a TCP connection: \
            the peer's recv() returns 0 (end of stream), yet it can still send, and this side \
            can still read. That is how a client says 'my request is complete' and waits for the \
            answer, as in the article's HTTP example. close() ends both directions.",
        standard: "RFC 9293 section 3.6 (closing a connection); POSIX shutdown()",
        see_also: &["close the connection", "TCP", "socket"],
        demos: &[
            &["echo", "demo", "--half-close", "hello"],
            &["http", "demo", "--half-close"],
        ],
    },
    Term {
        name: "SO_REUSEADDR",
        aliases: &["reuseaddr", "reuse address", "so reuse addr"],
        layer: Layer::SocketApi,
        definition: "A socket option set with setsockopt() before bind(). On Linux it lets a new \
            socket bind a port that connections in TIME_WAIT still use, but only when those \
            connections' socket had it set too; it never lets two servers listen on the same \
            port. Servers set it so that a restart does not fail for a minute: the article's \
            server.py does not, netlearn's servers do.",
        standard: "POSIX setsockopt() SO_REUSEADDR; Linux socket(7)",
        see_also: &["TIME_WAIT", "address already in use", "server socket"],
        demos: &[&["socket", "demo", "time-wait"]],
    },
    Term {
        name: "SOCK_STREAM",
        aliases: &[
            "sock_dgram",
            "socket type",
            "stream socket",
            "datagram socket",
        ],
        layer: Layer::SocketApi,
        definition: "The socket type argument of socket(): SOCK_STREAM is a reliable byte stream \
            (TCP for AF_INET), SOCK_DGRAM is separate datagrams (UDP).",
        standard: "POSIX socket()",
        see_also: &["AF_INET", "TCP", "UDP", "socket"],
        demos: &[&["echo", "demo", "--tcp-and-udp", "hello"]],
    },
    Term {
        name: "socket",
        aliases: &["sockets", "berkeley sockets", "socket api"],
        layer: Layer::SocketApi,
        definition: "The operating system's handle for one end of network communication, created \
            by socket(family, type) and used with bind, listen, accept, connect, send, recv, \
            shutdown and close. Python's socket module is a thin layer over these calls.",
        standard: "POSIX.1 sockets (from 4.2BSD)",
        see_also: &["AF_INET", "SOCK_STREAM", "server socket", "client socket"],
        demos: &[ECHO_DEMO],
    },
    Term {
        name: "subnet mask",
        aliases: &["netmask", "mask", "wildcard mask", "subnet"],
        layer: Layer::Internet,
        definition: "A 32-bit pattern of ones then zeros (255.255.255.0) that splits an IPv4 \
            address into network and host parts; /24 says the same as a prefix length. Two \
            addresses are on the same subnet when their masked bits match — then they talk \
            directly, otherwise through the default gateway.",
        standard: "RFC 950; RFC 4632",
        see_also: &["CIDR", "default gateway", "IPv4"],
        demos: &[&["mask", "255.255.255.0"]],
    },
    Term {
        name: "TCP",
        aliases: &[
            "transmission control protocol",
            "tcp connection",
            "three-way handshake",
        ],
        layer: Layer::Transport,
        definition: "The Transmission Control Protocol: a connection (three-way handshake) \
            carrying a reliable, ordered byte stream in each direction, with retransmission and \
            flow and congestion control. It keeps no message boundaries, hence framing.",
        standard: "RFC 9293",
        see_also: &["UDP", "framing", "shutdown", "port"],
        demos: &[ECHO_DEMO],
    },
    Term {
        name: "TCP/IP",
        aliases: &[
            "internet protocol suite",
            "tcp/ip model",
            "protocol stack",
            "osi",
        ],
        layer: Layer::Transport,
        definition: "The Internet protocol suite, named after its two main protocols: link \
            (Ethernet), internet (IP), transport (TCP, UDP) and application (DNS, HTTP) layers, \
            each carried inside the one below.",
        standard: "RFC 1122, RFC 1123",
        see_also: &["TCP", "UDP", "IP", "Ethernet"],
        demos: &[&["echo", "demo", "--tcp-and-udp", "hello"]],
    },
    Term {
        name: "TIME_WAIT",
        aliases: &["timewait", "2msl", "tcp states"],
        layer: Layer::Transport,
        definition: "The TCP state the side that closes first stays in after the connection \
            ends: 60 s on Linux (twice the maximum segment lifetime), so that late packets of the \
            old connection cannot be taken for a new one's and the last ACK can be resent. No \
            process holds the socket any more, yet it keeps its port: a server that closes first \
            and does not set SO_REUSEADDR cannot be restarted on that port until it expires.",
        standard: "RFC 9293 section 3.6.1 (TIME-WAIT state)",
        see_also: &["SO_REUSEADDR", "close the connection", "TCP"],
        demos: &[&["socket", "demo", "time-wait"]],
    },
    Term {
        name: "UDP",
        aliases: &["user datagram protocol", "datagram"],
        layer: Layer::Transport,
        definition: "The User Datagram Protocol: single datagrams with ports and a checksum, no \
            connection, no retransmission, no ordering. Each datagram is a whole message. DNS, \
            QUIC and games use it when speed matters more than TCP's guarantees.",
        standard: "RFC 768",
        see_also: &["TCP", "port", "DNS"],
        demos: &[&["echo", "demo", "--udp", "hello"]],
    },
    Term {
        name: "Unix domain socket",
        aliases: &[
            "AF_UNIX",
            "unix socket",
            "socketpair",
            "UDS",
            "local socket",
        ],
        layer: Layer::SocketApi,
        definition: "A socket for programs on the same machine, named by a file path instead             of an address and port (AF_UNIX). The same calls as TCP (bind, listen, accept,             connect, recv, send), SOCK_STREAM or SOCK_DGRAM, but no IP or TCP underneath, so it             is faster; the file's permissions say who may connect, and the server learns the             client's process and user (SO_PEERCRED). socketpair() makes two already connected             ones with no file at all. The file stays after close: servers remove it.",
        standard: "POSIX socket(AF_UNIX); Linux unix(7)",
        see_also: &["IPC", "socket", "SOCK_STREAM"],
        demos: &[
            &["echo", "demo", "--unix"],
            &["echo", "demo", "--unix", "--udp"],
        ],
    },
];

/// The key terms are sorted and compared by.
pub fn sort_key(name: &str) -> String {
    name.to_ascii_lowercase()
}

/// Longest word that still gets "did you mean" suggestions.
pub const MAX_SUGGESTABLE: usize = 64;

/// Levenshtein distance, ASCII case-insensitive (for "did you mean").
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

fn normalise(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The result of looking a word up.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    Found(&'static Term),
    /// No entry; the closest names (by name or alias), best first.
    NotFound {
        suggestions: Vec<&'static str>,
    },
}

/// Finds a term by name or alias (any case, `-`/`_`/spaces alike), else suggests near ones.
/// Every name and alias, normalised once, with the term it names.
static WORDS: std::sync::LazyLock<Vec<(String, &'static Term)>> = std::sync::LazyLock::new(|| {
    TERMS
        .iter()
        .flat_map(|term| {
            std::iter::once(term.name)
                .chain(term.aliases.iter().copied())
                .map(move |word| (normalise(word), term))
        })
        .collect()
});

pub fn lookup(word: &str) -> Lookup {
    let wanted = normalise(word);
    if let Some((_, term)) = WORDS.iter().find(|(candidate, _)| *candidate == wanted) {
        return Lookup::Found(term);
    }
    // Nothing in the glossary is long: a long word cannot be a near miss (and stays cheap).
    let wanted_len = wanted.chars().count();
    if wanted_len > MAX_SUGGESTABLE {
        return Lookup::NotFound {
            suggestions: Vec::new(),
        };
    }
    let mut best: Vec<(usize, &'static str)> = Vec::new();
    for (candidate, term) in WORDS.iter() {
        let candidate_len = candidate.chars().count();
        let score = if wanted.len() >= 3 && candidate.starts_with(&wanted) {
            Some(0)
        } else {
            // Close relative to length: two typos in a long word, one in a short one.
            let allowed = (candidate_len.max(wanted_len) / 4).max(1);
            (candidate_len.abs_diff(wanted_len) <= allowed)
                .then(|| edit_distance(candidate, &wanted))
                .filter(|distance| *distance <= allowed)
        };
        if let Some(score) = score {
            match best.iter_mut().find(|(_, name)| *name == term.name) {
                Some(entry) => entry.0 = entry.0.min(score),
                None => best.push((score, term.name)),
            }
        }
    }
    best.sort();
    Lookup::NotFound {
        suggestions: best.into_iter().take(3).map(|(_, name)| name).collect(),
    }
}

/// Terms of one layer, in table order.
pub fn by_layer(layer: Layer) -> impl Iterator<Item = &'static Term> {
    TERMS.iter().filter(move |t| t.layer == layer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_sorted() {
        for pair in TERMS.windows(2) {
            assert!(
                sort_key(pair[0].name) < sort_key(pair[1].name),
                "{} must sort before {}",
                pair[0].name,
                pair[1].name
            );
        }
    }

    #[test]
    fn aliases_never_name_two_terms() {
        let mut seen = std::collections::HashMap::new();
        for term in TERMS {
            for word in std::iter::once(&term.name).chain(term.aliases) {
                if let Some(other) = seen.insert(normalise(word), term.name) {
                    panic!("{word:?} names both {other} and {}", term.name);
                }
            }
        }
    }

    #[test]
    fn every_see_also_resolves_and_every_term_has_a_demo() {
        for term in TERMS {
            for related in term.see_also {
                assert!(
                    TERMS.iter().any(|t| t.name == *related),
                    "{}: see also {related:?} is not a term",
                    term.name
                );
                assert_ne!(*related, term.name);
            }
            assert!(!term.demos.is_empty(), "{} has no demo", term.name);
            assert!(
                term.demos.iter().all(|d| !d.is_empty()),
                "{} has an empty demo",
                term.name
            );
            assert!(
                term.definition.len() > 80,
                "{} needs a real definition",
                term.name
            );
        }
    }

    #[test]
    fn the_articles_vocabulary_is_all_here() {
        for word in [
            "localhost",
            "loopback",
            "127.0.0.1",
            "subnet mask",
            "TCP",
            "IP",
            "UDP",
            "TCP/IP",
            "CIDR",
            "IPv4",
            "IPv6",
            "Ethernet",
            "DNS",
            "HTTP",
            "FTP",
            "HTTPS",
            "default gateway",
            "socket",
            "AF_INET",
            "SOCK_STREAM",
            "blocking",
            "non-blocking",
            "server socket",
            "client socket",
            "IPC",
            "shutdown",
            "half-close",
            "backlog",
            "framing",
            "fixed length",
            "delimiter",
            "length prefix",
            "close the connection",
            "port",
        ] {
            assert!(
                matches!(lookup(word), Lookup::Found(_)),
                "{word} has no entry"
            );
        }
    }

    #[test]
    fn lookups_forgive_case_separators_and_typos() {
        assert!(
            matches!(lookup("Default-Gateway"), Lookup::Found(t) if t.name == "default gateway")
        );
        assert!(matches!(lookup("af-inet"), Lookup::Found(t) if t.name == "AF_INET"));
        assert!(matches!(lookup("half close"), Lookup::Found(t) if t.name == "shutdown"));
        match lookup("gatway") {
            Lookup::NotFound { suggestions } => assert_eq!(suggestions[0], "default gateway"),
            found => panic!("{found:?}"),
        }
        match lookup("loopbak") {
            Lookup::NotFound { suggestions } => assert_eq!(suggestions[0], "loopback"),
            found => panic!("{found:?}"),
        }
        assert_eq!(
            lookup("zebra"),
            Lookup::NotFound {
                suggestions: vec![]
            }
        );
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    proptest::proptest! {
        #[test]
        fn any_word_is_found_or_gets_at_most_three_suggestions(word in "\\PC{0,40}") {
            if let Lookup::NotFound { suggestions } = lookup(&word) {
                proptest::prop_assert!(suggestions.len() <= 3);
            }
        }
    }
}
