## The lab drawn (`netlearn lab`): each network with what is on it, and its mistakes marked.

# After a network's prefixes: what carries it.
lab-picture-cable = a cable
lab-picture-switch = a switch on { $host } { $interface }
# In brackets after a host that joins networks.
lab-picture-router = router
lab-picture-router-off = router that does not forward
# Under a host: where it sends what is not on its own network.
lab-picture-gateway = default gateway { $gateways }
lab-picture-no-gateway = no default gateway
lab-picture-no-gateway-v4 = no IPv4 default gateway
lab-picture-gateway-v6 = IPv6 default gateway { $gateways }
# After ✗: what each mistake breaks.
lab-picture-why-mask =
    the mask /{ $prefix } makes { $host } see { $wrong_network } as its own network, but this wire
    carries { $network }: { $host } asks ARP for hosts behind the router instead of sending to its
    gateway
lab-picture-why-no-gateway =
    { $host } has no default gateway: it can reach only its own network, and a packet for any other
    fails at once with "Network is unreachable"
lab-picture-why-gateway-off =
    { $gateway } is not on any network of { $host }: a gateway must be reachable directly, so the
    kernel refuses the route and { $host } has no way out
lab-picture-why-not-forwarding =
    { $host } joins two networks but does not forward: packets for the other side stop here
    (net.ipv4.ip_forward = 0)

## `lab --topology FILE`: a lab from a file.
# A mistake in the file: where (FILE:LINE:COLUMN), then what is wrong.
lab-file-error = { $file }:{ $line }:{ $column }: { $problem }
lab-file-unreadable = cannot read the topology file { $file }: { $cause }
lab-file-syntax = not a topology: { $words }
lab-file-unknown-host = the link names host "{ $name }", which no [host.{ $name }] declares
lab-file-bad-name =
    host name "{ $name }": expected 1 to { $max } characters of a-z, 0-9 and "-"
lab-file-bad-address =
    "{ $text }" is not an address with its prefix length (expected e.g. "10.0.1.10/24")
lab-file-bad-gateway = gateway "{ $text }" is not an address (expected e.g. "10.0.1.1")
lab-file-lonely-link = a link needs at least two hosts (one line "NAME = ADDRESS" each)
lab-file-lan-without-router =
    a link of more than two hosts is a LAN, and one of them must be a router (router = true) to
    hold its switch
lab-file-duplicate-address = { $address } is given twice; every address must be unique
lab-file-host-count = { $count } hosts: a topology has 1 to { $max } ([host.NAME] tables)
lab-file-unlinked = host "{ $name }" is on no link
# The lab of a file, built: how big, how long it took.
lab-file-built = == The lab of { $file }: { $hosts } hosts, { $links } cables ({ $ms } ms)
lab-file-reach-title = == Every host pings every other (one echo request each):
# One ping across the lab: from, to, the address, and what came back.
lab-file-reach = {"  "}{ $from } → { $to } ({ $address }): { $answer }
lab-file-reached = answered in { $ms } ms
lab-file-time-exceeded = time exceeded at { $from } (a routing loop?)
lab-file-unreachable = unreachable, said { $from }
lab-file-silence = no answer within { $ms } ms
lab-file-not-sent = not sent: { $why }
lab-file-no-pinger = could not open an ICMP socket in the host
lab-file-torn-down = == Torn down ({ $ms } ms): nothing is left behind.
lab-file-reserved-name =
    host name "{ $name }": { $keys } are the keys of a link's impairment, not host names
lab-file-unknown-service = service "{ $name }": expected one of { $allowed }
lab-file-bad-loss = loss "{ $text }": expected a share like "20%" (0% to 100%)
lab-file-bad-rate =
    rate "{ $text }": expected a rate like "10mbit" (bits per second: kbit, mbit, gbit)
lab-file-bad-queue = queue "{ $text }": expected a size like "64kB" (B, kB, KiB, MB, MiB)
lab-file-bad-delay =
    delay "{ $text }": expected a delay like "20ms" (us, ms or s, at most { $max } s)
lab-file-queue-without-rate =
    queue needs a rate on the same link: only a rate limit makes packets wait in a queue
lab-file-bad-target = to "{ $text }": expected a host of this file or an IPv4 address
lab-file-expectation-count =
    { $count } expectations: a topology has at most { $max } ([[expect]] tables)
# Between the items of a list (hosts, servers).
lab-file-list-separator = {", "}
# An unknown host given to lab run/shell/ping/trace, and the hosts there are.
lab-host-not-in-default = { $host } is not a host of the lab: use { $hosts }
lab-host-not-in-running =
    { $host } is not a host of the running lab (lab up, process { $pid }): use { $hosts }
# The servers the file's hosts run: "h2 (echo 5008, http 80), dns (dns 53)".
lab-file-servers = == Servers: { $servers }
# What the file expects, each checked: ✓ met or ✗ not, from, to, the check (ping, echo, http,
# dns), then the verdict with what came back.
lab-file-expect-title = == What the file expects:
lab-file-expect = {"  "}{ $mark } { $from } → { $to } ({ $address }) { $check }: { $verdict }
lab-file-expect-reached = reached, as expected: { $answer }
lab-file-expect-blocked = not reached, as expected: { $answer }
lab-file-expect-missed = expected to reach, but: { $answer }
lab-file-expect-leaked = expected not to reach, but it did: { $answer }
lab-file-expect-summary =
    == { $met } of { $total } { $total ->
        [one] expectation
       *[other] expectations
    } met.
lab-file-connected = connected in { $ms } ms
lab-file-http-status = HTTP status { $status } in { $ms } ms
lab-file-dns-answered = the DNS server answered in { $ms } ms
lab-file-dns-silent =
    no DNS answer ({ $tries } { $tries ->
        [one] query
       *[other] queries
    }, { $ms } ms each)
lab-file-not-http = the answer was not HTTP
lab-file-no-address = the host has no IPv4 address
# A cable that misbehaves on purpose (the file's loss, rate, queue, delay); $bytes is a counted
# noun (count-bytes).
lab-file-impaired = == { $a } ── { $b } misbehaves: { $what }
lab-file-impaired-loss = loses { $percent }%
lab-file-impaired-rate = carries { $kbit } kbit/s
lab-file-impaired-rate-mbit = carries { $mbit } Mbit/s
lab-file-impaired-queue = queues up to { $bytes }
lab-file-impaired-delay = delays { $ms } ms
# `lab up --topology FILE`, once the lab is up: its hosts (each with its IPv4 addresses and
# servers), then how to step in.
lab-file-up = The lab is up: { $hosts }.
lab-file-up-step-in =
    From another terminal, step into it: netlearn lab shell { $host }, or netlearn lab run
    { $host } -- COMMAND (lab run, shell, ping and trace join this lab while it is up).
