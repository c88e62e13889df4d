# `netlearn explain` (around the glossary's entries) and `netlearn tour`.

## Shared by every list a sentence names.

# Between the items of a list (related terms, other names).
list-separator = {", "}

## explain

explain-list-intro = The glossary: `netlearn explain TERM` for one entry and its live demo.
# The labels of an entry's fields, padded to 12 columns.
explain-standard = standard:
explain-aliases = also called:
explain-see-also = see also:
explain-try = try it:
explain-and = and:
# $word is the word looked up, quoted.
explain-not-found = no glossary entry for { $word }; `netlearn explain` lists them all
# $suggestions is one to three quoted names joined by explain-or.
explain-did-you-mean = no glossary entry for { $word }; did you mean { $suggestions }? `netlearn explain` lists them all
# Every word of $word is in each of $terms (quoted names joined by list-separator, the last
# one perhaps explain-more).
explain-several = { $word } is in several glossary entries: { $terms }; add a word, or see them all with `netlearn explain`
# After the first names of a long list: how many were left out.
explain-more = { $count } more
explain-or = {" or "}
explain-demo-failed = (this demo could not run here: { $error })

## tour: each section is a title and its .text, then netlearn commands run live.

tour-echo = Your echo server, done right
    .text =
        The article's server binds 127.0.0.1:5008, listens, accepts one client and echoes what
        recv() returns. Here the same calls run for real on a free port, server and client in
        one process: every line is one socket call (with its Python spelling), and the bytes on
        the wire are shown with their framing (a newline ends each message).
tour-half-close = Half-close: "I am done sending"
    .text =
        shutdown(SHUT_WR) closes only the client's sending side. The server's recv() returns 0
        bytes (end of stream), yet it still sends the echo back: that is how an HTTP client says
        its request is complete.
tour-udp = TCP and UDP
    .text =
        The same echo over UDP: no connect, listen or accept, and each datagram is one whole
        message, so it needs no framing (and gets no retransmission).

tour-blocking = Blocking vs non-blocking
    .text =
        A blocking recv() stops the program until data comes. Set the socket non-blocking
        (s.setblocking(False)) and recv() returns at once with EWOULDBLOCK (Python's
        BlockingIOError) when nothing is there yet; select/poll then waits until the socket is
        ready. The demo's server answers after 100 ms, so both are seen.

tour-loopback = Loopback: where 127.0.0.1 lives
    .text =
        Everything so far went over the loopback interface, which never leaves this machine.
tour-interfaces = This machine on its network
    .text =
        Every interface with its addresses. The MAC address and MTU are the Ethernet (link
        layer) part; each address/prefix names the subnet it sits in.
tour-gateway = The default gateway
    .text =
        Packets for any other network go to the default gateway, a router on one of these
        subnets.
tour-localhost = localhost, resolved the way programs do
    .text =
        Before DNS, your system checks the hosts file; RFC 6761 makes localhost mean loopback
        everywhere, so it resolves with no network at all.
tour-http = HTTP: the article's request, on your own machine
    .text =
        The article sends a request to python.org over a raw socket, calls shutdown(SHUT_WR)
        and reads the answer to the end. Here the same exchange runs against a small web server
        on 127.0.0.1: the request bytes (>), the response (<), how its body is framed, and the
        server's side of it.
tour-addresses = The addresses you saw
    .text =
        127.0.0.1 and ::1 explained: which special-purpose block each belongs to and what its
        forms are.
tour-wire = What travelled
    .text =
        The packets behind section 2's calls, read from lo: the three-way handshake under
        connect() and none under accept(), the message and its echo with their
        acknowledgements, the client's FIN under shutdown(SHUT_WR), the server's after its echo,
        and the TCP state each side enters. Seeing packets needs root or a private network
        namespace made at start (running the demo on its own makes one); where none can be had
        the demo says why in its first line.

tour-lab = The lab: a real network with a router
    .text =
        Everything so far stayed on this machine. `netlearn lab` builds a small real network in
        a fraction of a second: hosts h1 and h2 on two subnets with the router r1 between them,
        each host a network namespace of the kernel. A ping from h1 arrives with TTL 63 (r1 took
        one off), and traceroute names r1 on the way; `netlearn lab` runs the whole story, DNS
        and ARP included, with the packets.
# Added to section 5 before the command that shows this host's subnet.
tour-own-subnet = Then this host's own subnet, worked out like a subnet calculator:
tour-no-subnet =
    This machine has no address besides loopback (no network attached), so it has no subnet
    of its own: it can still talk to itself, as the echo demo did.
# $why is live-loopback-down or live-loopback-unreachable.
# The messages the tour's echo demos send (a command's last argument): sent as UTF-8 bytes.
tour-message-echo = hello from the tour
tour-message-half-close = last words
tour-message-udp = one datagram
tour-not-run = (not run here: { $why }.)
tour-not-run-again = (not run here: loopback is down, as said above.)
tour-step-failed = (this step could not run here: { $error })
tour-press-enter = -- press Enter for the next section --
tour-next =
    Next: `netlearn explain` lists every term with its own live demo; `netlearn echo serve` and
    `netlearn echo client` are the article's programs done right; `netlearn cidr`, `netlearn
    dns` and `netlearn ip` are tools worth keeping; `netlearn lab up` keeps the lab running to
    play in, and `netlearn lab --mistake mask` shows what a wrong mask breaks.

## Why the live demos cannot run (explain and tour check loopback first).

live-loopback-down =
    the loopback interface { $name } is down, so 127.0.0.1 is unreachable: `ip link set { $name }
    up` (as root) brings it up
# A demo of a glossary entry or of the tour is a command line of netlearn's own; these say it
# is not one. $command: the command line; $error: clap's one-line error.
live-demo-unparsed = the demo `{ $command }` is not a command line netlearn takes: { $error }
live-demo-nested = the demo `{ $command }` would run the glossary or the tour inside itself
live-loopback-unreachable = 127.0.0.1 is unreachable on this machine ({ $error })
