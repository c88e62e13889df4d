## `netlearn lab nat`: a private LAN behind a router that rewrites addresses (NAT), captured
## on both sides of the router, its connection-tracking entries, and the way in that is closed.

# Title of the first step; $ms is the build time.
nat-build-title = The NAT lab: h1 and h2 on a private LAN behind r1, srv outside ({ $ms } ms)
nat-build =
    h1 (10.0.0.10) and h2 (10.0.0.20) have private addresses (RFC 1918: 10.0.0.0/8,
    172.16.0.0/12 and 192.168.0.0/16). Any home or office may use them, so no router on the
    internet carries them. r1, their gateway, has one address outside, 203.0.113.1, and whatever
    it forwards out of eth1 leaves with that address as its source: many hosts behind one
    address. That is NAT (network address translation; this kind is also called masquerading,
    or NAPT). srv (203.0.113.80), outside, runs netlearn's echo server on port 5008; it has no
    route into the LAN (the ✗ below), as no host on the internet has one.
# Above r1's nftables rules, shown as they are.
nat-ruleset = r1's rule, in nftables' own language (`nft -f` reads it as it is):

nat-pairs-title = h1 and h2 talk to srv: r1 rewrites their address on the way out and back
# $h1 is h1's own end (10.0.0.10:40000), $h1_outside the same end after r1 (203.0.113.1:...).
nat-pairs =
    h1 and h2 each open a TCP connection to srv's port 5008, both from port { $port }, and send
    a line that srv echoes. r1 was captured on both sides, so each packet shows twice. On the way
    out, r1 replaces h1's source { $h1 } with its own { $h1_outside }: srv sees only r1, and
    answers r1. On the way back, r1 puts { $h1 } back as the destination and passes the packet
    to h1. TCP's sequence numbers are left as they are: they tell which two lines are one packet.
# Above the pairs; $inside and $outside are where they were captured (r1 eth0, r1 eth1).
nat-pair-legend =
    Each pair is a packet as it entered r1, then as it left: { $inside } is the LAN side,
    { $outside } the outside. { $shown } of { $pairs } pairs are shown; the plain
    acknowledgements and the second connection's data are rewritten alike (--json lists them
    all).
# Above the pairs of one LAN host's connection.
nat-connection = { $host }'s connection:
# After the carets under what r1 changed.
nat-rewritten = rewritten by r1
# $taken is h1's end outside (203.0.113.1:40000); $outside is the end r1 gave h2 instead.
nat-port-rewritten =
    h2 chose port { $port } too, but { $taken } was already taken by a connection to the same
    server (h1's). So r1 gave h2's connection { $outside }: when it must, r1 rewrites the port as
    well, and tells its connections apart by it.
nat-port-kept = h2's connection left r1 as { $outside }: the address rewritten, the port kept.
nat-private-outside = A packet with a private address was seen outside r1: the masquerade rule did not act.
nat-exchange-failed = { $host } could not talk to srv: { $error }

nat-conntrack-title = r1's connection tracking: how the answers find their way back
nat-conntrack =
    r1 wrote each connection down when its first packet went through (the kernel's conntrack
    table, read inside r1 from /proc/net/nf_conntrack; `conntrack -L` shows the same). An entry
    holds two tuples of addresses and ports, one per direction:
nat-conntrack-original = original: the connection as { $host } sent it, from { $inside } to { $server }, before any rewriting.
nat-conntrack-reply =
    reply: what an answer looks like when it reaches r1: from { $server } to { $outside }, r1's
    own address. A packet that matches it is rewritten back to { $inside } and passed to { $host }.
nat-conntrack-established =
    ESTABLISHED: r1 saw the three-way handshake go through. [ASSURED]: packets went both ways, so
    the entry is kept even when the table fills up. It is forgotten { $seconds } s after the
    connection's last packet.
nat-conntrack-state =
    { $state }: the TCP state r1 has followed the connection to. The entry is forgotten
    { $seconds } s after the connection's last packet.
nat-conntrack-port = { $host }'s entry reads the same, with { $outside } in its reply tuple: the port r1 chose for it.
nat-conntrack-none = r1's table has no entry for { $host }'s connection.
# One entry's first line: "h1: tcp ESTABLISHED, forgotten in 431999 s".
nat-entry-head = { $host }: { $protocol } { $state }, forgotten in { $seconds } s
# Labels of an entry's two tuples.
nat-entry-original = original
nat-entry-reply = reply
nat-conntrack-missing =
    r1's connection-tracking table cannot be read here: there is no /proc/net/nf_conntrack and no
    conntrack program (Debian: apt install conntrack).
nat-conntrack-refused = conntrack could not list r1's table: { $said }
nat-conntrack-unreadable = r1's connection-tracking table has a line netlearn cannot read (line { $line }: "{ $word }").
nat-conntrack-failed = r1's connection-tracking table cannot be read: { $error }
nat-nft-missing = cannot load r1's NAT rule: the nft program is not installed (Debian: apt install nftables).
nat-nft-refused = cannot load r1's NAT rule: nft said: { $said }
nat-nft-failed = cannot load r1's NAT rule: { $error }
nat-server-failed = cannot start the echo server on srv: { $error }

nat-outside-title = From outside: srv cannot open a connection to h1
# $outcome is one of nat-outcome-*.
nat-outside-private =
    srv → { $target }: { $outcome }. srv has no route to h1's address: private addresses are
    used by many networks at once, so no router outside carries them, and srv's table holds
    only its own network, 203.0.113.0/24. Yet h1 listens on port { $port } all the while.
nat-outside-router =
    srv → { $target }: { $outcome }. r1's address is the only way into the LAN that srv can see,
    but a connection that starts outside matches no entry in r1's table: r1 rewrites nothing,
    takes the SYN as meant for itself, and answers with a RST, since nothing listens on r1.
    Only a rule that forwards a port inward (DNAT, "port forwarding") would pass it on to h1.
nat-outside-lan = Packets that reached the LAN ({ $at }) meanwhile: { $count }.
nat-outcome-connected = connected
nat-outcome-no-route = "Network is unreachable" (nothing was sent)
nat-outcome-refused = refused (r1 answered with a RST)
nat-outcome-timed-out = no answer
nat-failed = the NAT lab did not do what it should (see the steps marked [failed])
