# What a packet means in plain words (`netlearn capture`, and the packets of the demos'
# --wire and the lab), and the sentences around the demos' packets.

## Who sent a packet, and who received it ($me and $peer below).

wire-who-client = the client
wire-who-server = the server
wire-who-this-side = this side
wire-who-other-side = the other side

## TCP. $me sent the packet, $peer receives it. These are looked up once and filled per
## packet: their placeholders are text, never selectors.

# What the SYN offers, joined by wire-list-separator; $list is that list.
wire-tcp-offers = {", offering "}{ $list }
wire-list-separator = {", "}
wire-tcp-offer-mss = segments up to { $mss } bytes (MSS)
wire-tcp-offer-window-scale = window scale { $scale }
wire-tcp-offer-sack = selective acknowledgements
wire-tcp-offer-timestamps = timestamps
# $offers is wire-tcp-offers or nothing.
wire-tcp-open =
    { $me } asks to open a connection to port { $port } (step 1 of the three-way handshake){ $offers }
wire-tcp-open-accepted =
    { $me } agrees: it acknowledges the SYN and sends its own (step 2 of the handshake)
wire-tcp-handshake-done = handshake complete: the client acknowledges the server's SYN (step 3)
# $bytes is "5 bytes" (unit-byte).
wire-tcp-data = { $me } sends { $bytes }
wire-tcp-data-range = { $me } sends { $bytes } (its stream's bytes { $first } to { $last })
wire-tcp-finish = { $me } has nothing more to send (FIN)
wire-tcp-refused =
    reset: nothing listens on port { $port } here, so connect() fails with "Connection refused"
wire-tcp-reset =
    reset: { $me } tears the connection down at once (closed with unread data, or the peer is
    gone)
# An acknowledgement (ACK) tells the sender what arrived. $ack is the next byte expected,
# $last the byte before it: "I have received everything up to byte $last".
wire-tcp-ack-fin = { $me } acknowledges { $peer }'s FIN: "I have received your end of the stream"
wire-tcp-ack-data =
    { $me } acknowledges { $peer }'s data: "I have received everything up to byte { $last }";
    ack={ $ack } is the next byte it expects
wire-tcp-ack = { $me } acknowledges what { $peer } sent: "I have received it"
wire-tcp-nothing-new =
    { $me } acknowledges nothing new (a duplicate ACK, a window update or a keep-alive)
# After wire-tcp-finish when the FIN also acknowledges the peer's FIN.
wire-tcp-and-ack-fin = {", and acknowledges "}{ $peer }'s FIN
wire-tcp-retransmission = {"; a retransmission: these bytes were sent before"}
wire-tcp-out-of-order = {"; out of order: earlier bytes of this stream have not been seen"}
wire-tcp-both-established = {": both sides ESTABLISHED"}
# States (ESTABLISHED, TIME_WAIT, ...) stay as RFC 793 names them.
wire-tcp-both-state = {" → both sides "}{ $state }
wire-tcp-side-state = { $side } { $state }
# $states is one or two wire-tcp-side-state joined by wire-list-separator.
wire-tcp-states = {" → "}{ $states }

## UDP, DNS, ICMP, ARP and the rest.

wire-udp =
    one datagram of { $bytes }: no connection, no handshake, no acknowledgement; it arrives whole or not at all
wire-dns-no-answer = no answer
wire-dns-answer = a DNS answer to { $questions }: { $rcode } ({ $answers })
wire-dns-question = a DNS question: what is { $questions }? One datagram asks, one answers
wire-icmp-echo-request = ping: an echo request, asking the destination to answer
wire-icmp-echo-reply = the answer to a ping: the destination is reachable
wire-icmp-port-unreachable-about =
    port unreachable: nothing listens on { $proto } port { $port } at { $ip }, so the kernel
    answers with this error instead (a UDP socket then gets ECONNREFUSED)
wire-icmp-port-unreachable = port unreachable: nothing listens on the port the packet was sent to
wire-icmp-fragmentation-needed =
    too big for a link on the way and not to be fragmented: the sender must send smaller packets
    (path MTU discovery)
wire-icmp-packet-too-big =
    too big for a link on the way: the sender must send smaller packets (path MTU discovery)
wire-icmp-unreachable =
    destination unreachable: a router or the destination could not deliver the packet
wire-icmp-time-exceeded =
    time exceeded: the TTL (hop limit) reached zero on the way; traceroute relies on this
wire-icmp-router-solicitation = a host asks the routers on its link to announce themselves
wire-icmp-router-advertisement = a router announces itself and the prefixes of this link
wire-icmp-neighbor-solicitation = neighbour discovery, IPv6's ARP: who has this address?
wire-icmp-neighbor-advertisement = neighbour discovery, IPv6's ARP: this address is at this MAC
wire-icmp-other = an ICMP message netlearn does not explain
wire-arp-request = ARP: { $asker } asks everyone on the link which MAC address has { $target }
wire-arp-reply =
    ARP: { $sender } answers that it is at MAC address { $mac }; the asker can now send it frames
wire-arp-other = an ARP operation netlearn does not explain
wire-ip-fragment =
    a fragment of a larger IP packet: its transport header travels in the first fragment
wire-ip-other = IP protocol { $protocol }, which netlearn does not decode
wire-link-other = a link-layer frame netlearn does not decode
wire-undecodable =
    these bytes do not form the headers they claim: the capture is cut short or the packet is
    corrupt

# A number of packets ($count: the number, which chooses the form; $n: as shown).
count-packets =
    { $count ->
        [one] { $n } packet
       *[other] { $n } packets
    }

# The last line of a live capture: $packets is "12 packets", $dropped a number.
wire-captured = { $packets } captured, { $dropped } dropped by kernel
# The last line of reading a capture file (capture --read): $packets is "12 packets".
wire-read = { $packets } read
# The same when --port or --host left some out: $shown is a number.
wire-read-shown = { $packets } read, { $shown } shown
# Under wire-read or wire-captured when the capture held more TCP connections than netlearn
# follows at once: $connections is "1,234 connections" (count-connections), $limit a number.
wire-evicted =
    forgot { $connections }: netlearn follows at most { $limit } TCP connections at once and
    forgets the least recently used (closed ones first), so a later packet of a forgotten
    connection is explained as if the capture had begun in the middle of it

## The demos' packets (echo demo --wire, socket demo --wire, http demo --wire).

# Why there are no packets: $why is one of the wire-why-* texts.
wire-refusal =
    no packets this time: { $why }. Run it with sudo to see them (root may capture on lo); the
    socket calls below are the same either way
wire-why-sysctl-off =
    this kernel has unprivileged user namespaces switched off (sysctl
    kernel.unprivileged_userns_clone or user.max_user_namespaces is 0)
wire-why-unshare-refused =
    making a private network namespace was refused (EPERM): a container's seccomp profile, such
    as Docker's default, forbids it
wire-why-apparmor =
    the private namespace was made but AppArmor withholds its capabilities (Ubuntu's
    kernel.apparmor_restrict_unprivileged_userns = 1)
wire-why-no-capabilities = the private namespace was made but gives no capabilities
wire-why-no-namespace = no private network namespace: { $error }
wire-why-not-linux = packet capture needs Linux
wire-not-prepared =
    no packets this time: without root, packets are seen in a private network namespace entered
    as netlearn starts, and this run did not start as this demo; run the demo on its own (or
    with sudo) to see them
wire-capture-failed = no packets this time: capturing on lo failed: { $error }
wire-accept-sent-nothing =
    no packet under accept(): the kernel had finished the three-way handshake before accept()
    was called (the packets are under connect()); accept() only takes the ready connection off
    the listen queue
# After a data segment's explanation in an HTTPS exchange, by the TLS record it starts with.
wire-tls-handshake =
    {"; a TLS handshake record: the hellos travel in the clear, the keys they agree encrypt "}everything after them
wire-tls-change-cipher-spec =
    {"; TLS change-cipher-spec and what follows: from here on the payload is encrypted"}
wire-tls-application-data =
    {"; TLS application data: encrypted, only the two ends can read it (the HTTP request and "}response travel this way)
wire-tls-alert = {"; a TLS alert (close_notify when a side is done), encrypted"}
wire-tls-other = {"; TLS records: the payload is encrypted, only the two ends can read it"}
# $closer is wire-who-server or wire-who-client; $states is the state change (" → ...") or
# nothing.
# $unread is "5 bytes".
wire-reset-unread =
    reset: { $closer } closed with { $unread } unread, so its kernel aborts the connection instead of ending it with a FIN; the peer's
    next recv() fails with ECONNRESET{ $states }
# $packets is "11 packets" (count-packets).
wire-http-packets =
    what travelled: { $packets } on lo, in order — the three-way handshake of connect(), the request's and the response's
    segments, each acknowledged, then the FINs of close():
wire-dropped =
    the capture missed { $packets }: the kernel dropped them before netlearn could read them

## Capture files netlearn cannot read, captures it cannot start, frames it cannot decode.
# $bytes: the file's first four bytes, e.g. "[74, 68, 69, 73]".
wire-file-wrong-magic = not a pcap or pcapng file (it starts with { $bytes })
wire-file-empty = the file is empty
wire-file-unknown-link-type =
    link type { $number } is not one netlearn reads (Ethernet, Linux cooked SLL/SLL2, raw IP)
# $part: one of wire-part-*.
wire-file-truncated = the file ends in the middle of { $part }
wire-file-too-long = { $part } claims { $claimed } bytes, more than the { $limit } allowed
wire-file-unknown-interface = packet for interface { $number }, which the file never described
wire-file-section-byte-order = pcapng section header with an unknown byte order
wire-file-section-length = pcapng section header with an impossible length
wire-file-block-length = pcapng block with an impossible length
# $block: one of wire-block-*.
wire-file-short-block = { $block } shorter than its header
wire-file-packet-past-block = { $block } whose packet runs past the block
wire-file-too-many-interfaces = more than { $limit } interfaces in one section
# $error: one of the wire-file-* texts; $read: whole packet records read before it.
wire-file-error-after = { $error } (after { $read } packets)
wire-part-file-header = the file header
wire-part-pcap-file-header = the pcap file header
wire-part-packet-header = a packet header
wire-part-packet = a packet
wire-part-packet-record = a packet record
wire-part-section-header = a section header
wire-part-block-header = a block header
wire-part-block = a block
wire-part-pcapng-block = a pcapng block
wire-block-enhanced-packet = enhanced packet block
wire-block-simple-packet = simple packet block
wire-block-packet = packet block
wire-block-interface-description = interface description block
# $name: the interface given to --iface.
wire-live-no-permission =
    capturing packets on { $name } needs CAP_NET_RAW, which this process does not have: run it as root (sudo netlearn capture ...), or read a capture file instead (netlearn capture --read FILE)
wire-live-no-such-interface =
    --iface { $name }: there is no such interface here (netlearn ifaces lists them)
# $error: one of wire-live-* below, or the system's error text.
wire-live-failed = capturing on { $name }: { $error }
wire-live-not-linux =
    live capture needs Linux's packet sockets; read a capture file instead (netlearn capture --read FILE)
wire-live-needs-cap-net-raw = opening a packet socket needs CAP_NET_RAW
wire-live-no-interface-called = there is no interface called { $name }
# $hardware: the ARPHRD_ number from /sys/class/net/NAME/type.
wire-live-unknown-hardware =
    interface { $name } has link type { $hardware }, which netlearn does not decode
wire-live-unreadable-hardware = interface { $name } has an unreadable interface type
# $what: etherparse's own description (the JSON record's `error` keeps it in English); the
# Japanese says first whether the packet is cut short or a header field is wrong.
wire-undecodable-cut-short = { $what }
wire-undecodable-bad-header = { $what }
# $needs: the header's length; $has: the frame's.
wire-undecodable-short-ethernet = Ethernet header needs { $needs } bytes, the frame has { $has }
wire-undecodable-short-sll = Linux cooked (SLL) header needs { $needs } bytes, the frame has { $has }
wire-undecodable-short-sll2 =
    Linux cooked (SLL2) header needs { $needs } bytes, the frame has { $has }
wire-undecodable-raw-ip-version = raw IP packet with IP version { $version }
wire-undecodable-empty-raw-ip = empty raw IP packet

## capture --read: its output (standard output) could not be written; the system's error follows.
wire-cannot-write = cannot write the packets
