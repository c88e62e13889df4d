# The glossary: `netlearn explain`.
#
# Each term is one message, `term-<id>`, where <id> is the term's id in src/learn/glossary.rs:
# the value is its name, and its attributes are
#   .aliases     other names it is looked up by, one per line (optional)
#   .definition  what it is, for a beginner; wrap the lines freely, a line break is a space
#   .standard    the RFC, POSIX or IEEE text that defines it

## The layers the list is grouped by.

layer-link = Link layer (TCP/IP layer 1, OSI 2)
layer-internet = Internet layer (TCP/IP layer 2, OSI 3)
layer-transport = Transport layer (TCP/IP layer 3, OSI 4)
layer-application = Application layer (TCP/IP layer 4, OSI 7)
layer-socket-api = The socket API (between your program and the OS)
layer-framing = Framing (messages on a byte stream)

## The terms, sorted by name.

term-127-0-0-1 = 127.0.0.1
    .aliases =
        127.0.0.0/8
        localhost address
    .definition =
        The IPv4 loopback address: packets sent to it never leave this machine; the operating
        system hands them straight back to its own network stack. The whole block 127.0.0.0/8 is
        loopback, and 127.0.0.1 is the address everyone uses. A server bound to 127.0.0.1, like
        the article's, can only be reached from this machine.
    .standard = RFC 1122 section 3.2.1.3; RFC 6890 (special-purpose registry)

term-ack = ACK
    .aliases =
        acknowledgement
        acknowledgment
        sequence number
        sequence numbers
        seq
        ack number
    .definition =
        TCP numbers every byte it sends: a segment's sequence number (seq) is the number of its
        first byte, and the ACK flag with an acknowledgement number (ack) says 'I have every byte
        before this one; send this one next'. A sender keeps each byte until it is acknowledged
        and sends it again if no ACK comes: that is how TCP is reliable. Tools show the numbers
        relative, 0 at the SYN (the real ones start at a random value), so the first data byte
        is seq=1.
    .standard = RFC 9293 section 3.4 (sequence numbers)

term-address-already-in-use = address already in use
    .aliases =
        eaddrinuse
        address in use
        port already in use
        errno 98
    .definition =
        The error bind() returns (EADDRINUSE; Python's OSError: [Errno 98]) when another socket
        already holds that address and port: a server that is still running, or, on Linux,
        connections in TIME_WAIT left by a server that did not set SO_REUSEADDR, like the
        article's server.py restarted within a minute. netlearn names the holder: the program
        and pid from /proc, or the TIME_WAIT connections and how long they have left.
    .standard = POSIX bind() [EADDRINUSE]

term-af-inet = AF_INET
    .aliases =
        af_inet6
        address family
        pf_inet
    .definition =
        The address family argument of socket(): AF_INET means IPv4 addresses (an IP and a
        port), AF_INET6 means IPv6, AF_UNIX means a path on this machine. It fixes what bind()
        and connect() accept: an AF_INET socket cannot talk to ::1.
    .standard = POSIX socket(); RFC 3493 (AF_INET6)

term-arp = ARP
    .aliases =
        address resolution protocol
        arp table
        neighbour
        neighbor
        who-has
        is-at
    .definition =
        The Address Resolution Protocol: how a host finds the MAC address behind an IPv4 address
        on its own link. It broadcasts "who has 192.0.2.1?" to every machine on the link; the
        owner answers "192.0.2.1 is at 02:00:00:00:01:01", and the answer is kept in the ARP
        table for a while. For a destination off the subnet the host asks for the gateway's MAC,
        never the destination's. IPv6 does the same with Neighbour Discovery (ICMPv6).
    .standard = RFC 826; RFC 4861 (IPv6 Neighbour Discovery)

term-backlog = backlog
    .aliases =
        listen backlog
        accept queue
        listen
    .definition =
        The number passed to listen(): how many connections the kernel may complete and queue
        before the program calls accept(). The handshake happens in the kernel, so clients
        connect even while the server is busy; when the queue is full, new ones wait or fail.
        The article's listen(5) suits one client at a time; netlearn uses 128.
    .standard = POSIX listen()

term-blocking-vs-non-blocking = blocking vs non-blocking
    .aliases =
        blocking
        non-blocking
        nonblocking
        async
        setblocking
    .definition =
        A blocking call (accept, recv, send) waits until it can finish, so a one-thread server
        like the article's serves one client at a time. A non-blocking socket returns at once
        with 'would block', and an event loop (epoll, kqueue; asyncio or tokio above them) waits
        on many sockets together, which is how one thread serves thousands of clients.
        netlearn's server is non-blocking.
    .standard = POSIX O_NONBLOCK; Linux epoll(7)

term-cidr = CIDR
    .aliases =
        classless inter-domain routing
        prefix
        slash notation
        prefix length
    .definition =
        Classless Inter-Domain Routing: a network written as address/prefix-length, e.g.
        192.168.0.0/24 — the first 24 bits name the network, the rest number its hosts. It
        replaced the old class A/B/C sizes so networks can be any power-of-two size, and routes
        can be merged (aggregated) into shorter prefixes.
    .standard = RFC 4632

term-client-socket = client socket
    .aliases =
        client
        connect
    .definition =
        The socket a client creates and connect()s to a server's address and port. The OS picks
        its local port (an ephemeral one) unless it is bound first. It sends and receives on the
        same socket; there is no listen() or accept() on this side.
    .standard = POSIX connect()

term-close-the-connection = close the connection
    .aliases =
        close framing
        end of stream
        eof framing
        raw
    .definition =
        The simplest framing: no marks at all; the message is everything sent until the sender
        closes (or half-closes) its side, and the reader reads until recv() returns 0 bytes. One
        message per connection — how HTTP/1.0 ended a response.
    .standard = RFC 1945 (HTTP/1.0 bodies ended by close)

term-connection-refused = connection refused
    .aliases =
        econnrefused
        connectionrefusederror
        errno 111
        refused
    .definition =
        What connect() reports (ECONNREFUSED; Python's ConnectionRefusedError: [Errno 111]) when
        no socket listens on the port: the peer's kernel answered the SYN with a reset (RST).
        For UDP the kernel answers with an ICMP 'port unreachable', which a connected UDP socket
        sees on its next call. The usual cause is simply that the server is not running, or
        listens on another address or port.
    .standard = RFC 9293 section 3.10.7.1 (RST for a closed port); RFC 1122 section 4.1.3.1 (UDP)

term-default-gateway = default gateway
    .aliases =
        gateway
        default route
    .definition =
        The router this machine sends a packet to when the destination is not on any network it
        is directly attached to. It must itself be on a local subnet. The routing table's
        0.0.0.0/0 (and ::/0) entry names it.
    .standard = RFC 1122 section 3.3.1

term-delimiter = delimiter
    .aliases =
        delimiter framing
        line
        newline
        line framing
    .definition =
        A framing where a reserved byte ends each message — usually a newline. The reader
        buffers until it sees the delimiter; the message must not contain it (or must escape
        it). Text protocols such as SMTP, Redis and the article's 'quit' use it.
    .standard = RFC 5321 (SMTP lines end in CRLF)

term-destination-host-unreachable = Destination Host Unreachable
    .aliases =
        host unreachable
        no route to host
        ehostunreach
    .definition =
        What ping reports when a host on the way (often this machine itself) asked ARP for the
        next hop's MAC address and got no answer: the ICMP message type 3 code 1. Programs see
        EHOSTUNREACH, "No route to host". Usually the address is wrong, the host is down, or a
        wrong subnet mask made a remote address look local.
    .standard = RFC 792; RFC 1122 section 3.2.2.1

term-dns = DNS
    .aliases =
        domain name system
        name server
        resolver
        nslookup
        dig
    .definition =
        The Domain Name System: the distributed database that turns names such as python.org
        into addresses (A and AAAA records), mail servers (MX) and more. A resolver asks servers
        over UDP port 53 (TCP when the answer is large). Before DNS, your system checks the
        hosts file, which is why localhost works offline.
    .standard = RFC 1034, RFC 1035

term-ethernet = Ethernet
    .aliases =
        mtu
        link layer
        wifi
        802.3
        ethernet frame
        ethertype
    .definition =
        The link layer most networks use (Wi-Fi imitates it): frames carrying IP packets between
        machines on the same link, addressed by 48-bit MAC addresses. Each link has an MTU, the
        largest packet it carries (1500 bytes on classic Ethernet).
    .standard = IEEE 802.3; RFC 894 (IP over Ethernet)

term-fin = FIN
    .aliases =
        fin flag
        fin_wait
        close_wait
        last_ack
    .definition =
        The TCP flag that says 'I have nothing more to send': a side sends a FIN when its
        program calls shutdown(SHUT_WR) or close(). The peer acknowledges it, its recv() returns
        0 (end of stream), and it can still send until it sends its own FIN. The side that sent
        the first FIN goes through FIN_WAIT_1 and FIN_WAIT_2 to TIME_WAIT; the other through
        CLOSE_WAIT and LAST_ACK to CLOSED.
    .standard = RFC 9293 section 3.6 (closing a connection)

term-fixed-length = fixed length
    .aliases =
        fixed
        fixed-length framing
        fixed size
    .definition =
        A framing where every message is exactly N bytes, so the reader just reads N bytes at a
        time. Nothing to parse, but short messages must be padded and long ones cannot be sent.
        Binary protocols with fixed records use it.
    .standard = (a convention, not a standard)

term-framing = framing
    .aliases =
        message framing
        message boundaries
        frames
    .definition =
        TCP delivers a stream of bytes, not messages: one send() may arrive in several recv()s,
        or two in one. Framing is how the receiver finds where a message ends. There are four
        ways: a fixed length, a delimiter, a length prefix, or closing the connection. UDP needs
        none: a datagram is a message.
    .standard = RFC 9293 (TCP is a byte stream)

term-ftp = FTP
    .aliases =
        file transfer protocol
        ftp-data
    .definition =
        The File Transfer Protocol: commands on a control connection (TCP port 21) and each file
        on a separate data connection (port 20 in active mode, or a port the server names in
        passive mode). It predates the web, sends passwords in clear text, and is mostly
        replaced by SFTP and HTTPS.
    .standard = RFC 959

term-http = HTTP
    .aliases =
        hypertext transfer protocol
        web
        http/1.1
    .definition =
        The Hypertext Transfer Protocol: a client sends a request (method, path, headers,
        optional body), the server sends a response (status, headers, body). HTTP/1.1 is text
        over TCP port 80, framed by header lines and Content-Length or chunked encoding; the
        article's raw-socket request to python.org is HTTP.
    .standard = RFC 9110 (semantics), RFC 9112 (HTTP/1.1)

term-https = HTTPS
    .aliases =
        http over tls
        tls
        ssl
    .definition =
        HTTP inside a TLS connection, on TCP port 443: TLS encrypts the bytes and proves the
        server's identity with a certificate chain ending at a trusted authority. The HTTP
        inside is unchanged.
    .standard = RFC 9110 section 4.2.2; RFC 8446 (TLS 1.3)

term-ip = IP
    .aliases =
        internet protocol
        ip address
        packet
    .definition =
        The Internet Protocol: every packet carries a source and destination address and is
        forwarded router by router, with no promise it arrives, arrives once or arrives in order
        (TCP adds those promises on top). Two versions are in use, IPv4 and IPv6.
    .standard = RFC 791 (IPv4), RFC 8200 (IPv6)

term-ipc = IPC
    .aliases =
        inter-process communication
        interprocess communication
    .definition =
        Inter-process communication: ways two programs exchange data — pipes, shared memory,
        Unix domain sockets, and TCP or UDP over loopback. A socket to 127.0.0.1 is IPC that
        uses the same code as talking across the world.
    .standard = POSIX (pipes, sockets, shared memory)

term-ipv4 = IPv4
    .aliases =
        ipv4 address
        internet protocol version 4
    .definition =
        Version 4 of IP: 32-bit addresses written as four decimal bytes (192.168.0.77), about
        4.3 billion in all — too few, hence private ranges and NAT. Special ranges (loopback,
        private, documentation, ...) are in an IANA registry.
    .standard = RFC 791; RFC 6890 (special-purpose addresses)

term-ipv6 = IPv6
    .aliases =
        ipv6 address
        internet protocol version 6
        ::1
    .definition =
        Version 6 of IP: 128-bit addresses written in hex groups with :: for a run of zeros
        (2001:db8::1). Every interface also has a link-local fe80:: address; ::1 is loopback. No
        broadcast and, usually, no NAT.
    .standard = RFC 8200; RFC 4291 (addressing); RFC 5952 (text form)

term-length-prefix = length prefix
    .aliases =
        length-prefixed
        length framing
        length
    .definition =
        A framing where each message starts with its size (here 4 bytes, big-endian) so the
        reader knows how many bytes to wait for. Any bytes may appear in the message; binary
        protocols (TLS records, HTTP/2 frames, DNS over TCP) use it.
    .standard = RFC 1035 section 4.2.2 (DNS over TCP); RFC 8446 (TLS records)

term-localhost = localhost
    .aliases =
        local host
        hosts file
        /etc/hosts
    .definition =
        The name of this machine as seen from itself. It always means loopback (127.0.0.1 and
        ::1): the hosts file says so and RFC 6761 forbids sending it to DNS, so it works with no
        network at all.
    .standard = RFC 6761 section 6.3

term-loopback = loopback
    .aliases =
        lo
        loopback interface
        lo0
    .definition =
        A virtual network interface (lo) that delivers every packet back to this machine. It
        carries 127.0.0.0/8 and ::1, is always up, and needs no hardware: the article's client
        and server talk over it.
    .standard = RFC 1122 section 3.2.1.3; RFC 4291 section 2.5.3

term-mac-address = MAC address
    .aliases =
        mac
        hardware address
        ethernet address
    .definition =
        The 48-bit address of a network card on its link, written as six hex bytes
        (02:fc:00:00:00:01). Ethernet frames are addressed by MAC, not by IP: to send to an IP
        address on the same link, a host first asks with ARP which MAC has it; for any other
        address it sends the frame to the default gateway's MAC. Loopback has no card, so its
        frames carry zeros.
    .standard = IEEE 802 (EUI-48); RFC 826 (ARP)

term-network-is-unreachable = Network is unreachable
    .aliases =
        enetunreach
        network unreachable
        no route
    .definition =
        The error a program gets (ENETUNREACH) when the routing table has no entry for the
        destination: it is not on a subnet of this machine and there is no default gateway. The
        packet never leaves; nothing goes on the wire. A gateway that is not on one of the
        host's own subnets is refused by the kernel with the same error.
    .standard = POSIX connect(2) and sendto(2) errors; RFC 1122 section 3.3.1

term-ping = ping
    .aliases =
        icmp
        echo request
        echo reply
        icmp echo
        ping/icmp
    .definition =
        ICMP, the Internet Control Message Protocol, carries the network's own messages next to
        IP: echo request and echo reply (what ping sends and gets back, with the reply's TTL and
        the round-trip time), Destination Unreachable, Time Exceeded. A ping that comes back
        proves the whole path works both ways; one that does not may only mean a firewall drops
        ICMP.
    .standard = RFC 792 (ICMP); RFC 4443 (ICMPv6)


term-port = port
    .aliases =
        port number
        well-known port
        ephemeral port
        service
    .definition =
        A 16-bit number that picks one program's socket on a machine: the address finds the
        machine, the port the program. 0-1023 are system ports (HTTP 80, HTTPS 443, DNS 53),
        1024-49151 registered, 49152-65535 ephemeral (given to clients). TCP and UDP ports are
        separate.
    .standard = RFC 6335; IANA service name and port number registry

term-rst = RST
    .aliases =
        reset
        tcp reset
        connection reset
        econnreset
        rst flag
    .definition =
        The TCP flag that aborts a connection at once, without the orderly FIN exchange: the
        kernel sends it when a SYN comes to a port nothing listens on ('connection refused'),
        when a program closes a socket with data still unread, or when a segment arrives for a
        connection it does not know. Whatever was in flight is lost, and the peer's next call
        fails with ECONNRESET ('connection reset by peer').
    .standard = RFC 9293 section 3.5.2 (reset generation)

term-router = router
    .aliases =
        routing
        forwarding
        ip forwarding
        ip_forward
        hop
    .definition =
        A machine with a foot in several networks that forwards packets between them: it looks
        up each destination in its routing table, lowers the TTL by one, and sends the packet on
        with a new Ethernet header for the next link. A Linux machine forwards only with
        net.ipv4.ip_forward = 1; otherwise packets for others are dropped without a word.
    .standard = RFC 1812 (requirements for IPv4 routers)


term-server-socket = server socket
    .aliases =
        server
        listening socket
        accept
        bind
    .definition =
        The listening socket: socket(), bind() to an address and port, listen(), then accept()
        in a loop. accept() never reuses the listening socket for data: it returns a new
        connected socket per client (the article's conn).
    .standard = POSIX bind(), listen(), accept()

term-shutdown = shutdown
    .aliases =
        half-close
        shut_wr
        shutdown(shut_wr)
    .definition =
        shutdown(SHUT_WR) closes only the sending direction of a TCP connection: the peer's
        recv() returns 0 (end of stream), yet it can still send, and this side can still read.
        That is how a client says 'my request is complete' and waits for the answer, as in the
        article's HTTP example. close() ends both directions.
    .standard = RFC 9293 section 3.6 (closing a connection); POSIX shutdown()

term-so-reuseaddr = SO_REUSEADDR
    .aliases =
        reuseaddr
        reuse address
        so reuse addr
    .definition =
        A socket option set with setsockopt() before bind(). On Linux it lets a new socket bind
        a port that connections in TIME_WAIT still use, but only when those connections' socket
        had it set too; it never lets two servers listen on the same port. Servers set it so
        that a restart does not fail for a minute: the article's server.py does not, netlearn's
        servers do.
    .standard = POSIX setsockopt() SO_REUSEADDR; Linux socket(7)

term-sock-stream = SOCK_STREAM
    .aliases =
        sock_dgram
        socket type
        stream socket
        datagram socket
    .definition =
        The socket type argument of socket(): SOCK_STREAM is a reliable byte stream (TCP for
        AF_INET), SOCK_DGRAM is separate datagrams (UDP).
    .standard = POSIX socket()

term-socket = socket
    .aliases =
        sockets
        berkeley sockets
        socket api
    .definition =
        The operating system's handle for one end of network communication, created by
        socket(family, type) and used with bind, listen, accept, connect, send, recv, shutdown
        and close. Python's socket module is a thin layer over these calls.
    .standard = POSIX.1 sockets (from 4.2BSD)

term-subnet-mask = subnet mask
    .aliases =
        netmask
        mask
        wildcard mask
        subnet
    .definition =
        A 32-bit pattern of ones then zeros (255.255.255.0) that splits an IPv4 address into
        network and host parts; /24 says the same as a prefix length. Two addresses are on the
        same subnet when their masked bits match — then they talk directly, otherwise through
        the default gateway.
    .standard = RFC 950; RFC 4632

term-syn = SYN
    .aliases =
        syn flag
        syn_sent
        syn_recv
        syn-ack
    .definition =
        The TCP flag that opens a connection: 'synchronise sequence numbers'. The client's
        connect() sends a SYN with its starting sequence number and options (MSS, window scale,
        SACK, timestamps); a listening server answers SYN-ACK, a closed port answers RST. A SYN
        counts as one byte of the sequence, which is why the first data byte is seq=1.
    .standard = RFC 9293 section 3.5 (establishing a connection)

term-tcp = TCP
    .aliases =
        transmission control protocol
        tcp connection
    .definition =
        The Transmission Control Protocol: a connection (three-way handshake) carrying a
        reliable, ordered byte stream in each direction, with retransmission and flow and
        congestion control. It keeps no message boundaries, hence framing.
    .standard = RFC 9293

term-tcp-ip = TCP/IP
    .aliases =
        internet protocol suite
        tcp/ip model
        protocol stack
        osi
    .definition =
        The Internet protocol suite, named after its two main protocols: link (Ethernet),
        internet (IP), transport (TCP, UDP) and application (DNS, HTTP) layers, each carried
        inside the one below.
    .standard = RFC 1122, RFC 1123

term-three-way-handshake = three-way handshake
    .aliases =
        handshake
        3-way handshake
        tcp handshake
    .definition =
        How TCP opens a connection: the client sends SYN, the server answers SYN-ACK, the
        client sends ACK; then both sides are ESTABLISHED. The kernel does it all inside
        connect(): the server's accept() only takes a connection whose handshake is already
        complete off the listen queue, and sends nothing.
    .standard = RFC 9293 section 3.5

term-time-wait = TIME_WAIT
    .aliases =
        timewait
        2msl
        tcp states
    .definition =
        The TCP state the side that closes first stays in after the connection ends: 60 s on
        Linux (twice the maximum segment lifetime), so that late packets of the old connection
        cannot be taken for a new one's and the last ACK can be resent. No process holds the
        socket any more, yet it keeps its port: a server that closes first and does not set
        SO_REUSEADDR cannot be restarted on that port until it expires.
    .standard = RFC 9293 section 3.6.1 (TIME-WAIT state)

term-traceroute = traceroute
    .aliases =
        tracert
        mtr
        trace route
        tracepath
    .definition =
        Finds the routers on the way to a host: it sends probes with TTL 1, 2, 3, ...; the
        router where a probe's TTL runs out drops it and answers ICMP Time Exceeded from its own
        address, so each TTL names one hop, until the destination itself answers. Hops that
        stay silent show as *.
    .standard = RFC 1393 (an IP option version); RFC 792 (Time Exceeded)

term-ttl = TTL
    .aliases =
        time to live
        hop limit
        hops
        time exceeded
        ttl exceeded
    .definition =
        A counter in every IP packet (IPv4's Time To Live, IPv6's Hop Limit): each router on the
        way takes one off, and a router that would send it on at 0 drops the packet and answers
        with ICMP 'time exceeded', so a routing loop cannot keep a packet forever (traceroute
        uses exactly this). Linux starts at 64, so a reply that arrives with 63 crossed one
        router; on loopback no router touches it.
    .standard = RFC 791 (IPv4), RFC 8200 (IPv6 hop limit)

term-udp = UDP
    .aliases =
        user datagram protocol
        datagram
    .definition =
        The User Datagram Protocol: single datagrams with ports and a checksum, no connection,
        no retransmission, no ordering. Each datagram is a whole message. DNS, QUIC and games
        use it when speed matters more than TCP's guarantees.
    .standard = RFC 768

term-ewouldblock = EWOULDBLOCK
    .aliases =
        EAGAIN
        would block
        BlockingIOError
        EINPROGRESS
        resource temporarily unavailable
    .definition =
        What a call on a non-blocking socket answers when it cannot finish at once: recv() with
        no data yet, send() with a full buffer, accept() with no client (EAGAIN and EWOULDBLOCK
        are the same number on Linux); a connect() still shaking hands answers EINPROGRESS.
        Python raises BlockingIOError. It is not a failure but 'try again when select/poll says
        the socket is ready'.
    .standard = POSIX recv(), connect(); errno(3)

term-keepalive = keepalive
    .aliases =
        TCP keepalive
        SO_KEEPALIVE
        idle timeout
        dead peer
    .definition =
        TCP keepalive (SO_KEEPALIVE) sends an empty probe on a connection idle for a while and
        drops the connection when a few probes go unanswered: it finds a peer whose machine died
        or whose path was cut. A program that merely hangs still has a kernel that answers the
        probes, so servers also keep their own idle timeout; without either, a peer that
        vanishes without closing is waited for forever.
    .standard = RFC 1122 section 4.2.3.6; Linux tcp(7) tcp_keepalive_time

term-passive-vs-active-ftp = passive vs active FTP
    .aliases =
        passive mode
        active mode
        PASV
        EPSV
        PORT command
    .definition =
        Where FTP's data connection comes from. Passive (PASV): the server opens a port and
        names it as (h1,h2,h3,h4,p1,p2), port = p1 × 256 + p2, and the client connects to it;
        EPSV names the port alone. Active (PORT): the client listens and the server connects
        back to it, which firewalls and NAT block, so passive is what clients use today.
    .standard = RFC 959 (PORT, PASV); RFC 2428 (EPSV)

term-select-poll = select/poll
    .aliases =
        select
        poll
        epoll
        readiness
        event loop
    .definition =
        Calls that wait until one of many sockets is ready to read or write
        (select.select([s], [], [], 1.0) in Python), so one thread can serve many connections
        with non-blocking sockets: wait, then recv() from whichever is ready. epoll (Linux) and
        kqueue (BSD) do the same for thousands of sockets; asyncio and tokio are built on them.
    .standard = POSIX select(), poll(); Linux epoll(7)

term-unix-domain-socket = Unix domain socket
    .aliases =
        AF_UNIX
        unix socket
        socketpair
        UDS
        local socket
    .definition =
        A socket for programs on the same machine, named by a file path instead of an address
        and port (AF_UNIX). The same calls as TCP (bind, listen, accept, connect, recv, send),
        SOCK_STREAM or SOCK_DGRAM, but no IP or TCP underneath, so it is faster; the file's
        permissions say who may connect, and the server learns the client's process and user
        (SO_PEERCRED). socketpair() makes two already connected ones with no file at all. The
        file stays after close: servers remove it.
    .standard = POSIX socket(AF_UNIX); Linux unix(7)

term-zero-copy = zero-copy
    .aliases =
        splice
        splice(2)
        sendfile
        zerocopy
    .definition =
        Moving bytes between two descriptors without copying them through the program's memory.
        splice(2) moves what a socket received into a pipe, and from the pipe into a socket or a
        file, inside the kernel, as references to the same pages; sendfile(2) sends a file this
        way. A program that only passes bytes along (an echo server, a proxy) then saves two
        copies of every byte (read() into its buffer, write() out of it). It pays only when the
        bytes need no look: a program that parses them has to read them.
    .standard = Linux splice(2), sendfile(2), tee(2)
