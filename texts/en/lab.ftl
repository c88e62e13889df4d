# `netlearn lab` (the guided scenario and each --mistake), `lab up|run|shell`, `lab ping|trace`
# and `netlearn ping|trace` on this machine (src/app/lab/text.rs). Addresses, host names (h1,
# r1, h2, dns), MAC addresses, durations and counts arrive as placeholders; durations are
# already formatted ("1.25").

## The scenario's steps: a title (`== ...`) and its text.

lab-build-title = Building the lab: 4 hosts, 3 cables, 1 switch ({ $ms } ms)
lab-build =
    Each host is a network namespace of the Linux kernel: its own interfaces, addresses, routes
    and ARP table. Each cable is a veth pair with a MAC address at each end; r1's second side is
    a bridge (a switch) joining h2 and dns. r1 forwards packets between its sides; h1, h2 and dns
    send everything not on their subnet to r1, their default gateway.

lab-dns-title = h1 looks up { $name }
# $answers: the addresses found, joined with ", ", or lab-dns-no-address.
lab-dns =
    h1 asks the lab's DNS server { $server } for the A record of { $name } (one UDP datagram to
    port 53) and gets { $answers } back in { $ms } ms. Names are for people; the packets that
    follow carry only the address.
lab-dns-no-address = no address

lab-route-title = h1 decides where { $destination } goes
lab-route-network =
    h1's address { $address }/{ $prefix } has mask { $mask }: its network is { $address } AND
    { $mask } = { $network }.
# The second line of the routing decision: the destination's network, then the verdict.
lab-route-destination = { $destination } AND { $mask } = { $destination_network }: { $verdict }
lab-route-on-link =
    the same network, so { $destination } counts as on-link: h1 will ask ARP for
    { $destination } itself and send it straight there on { $interface }.
lab-route-gateway =
    not in { $network }/{ $prefix } (mask { $mask }): send to the default gateway { $gateway }.
lab-route-no-route =
    not in { $network }/{ $prefix }, and h1 has no default gateway: no route to
    { $destination }.

lab-arp-title = ARP: who has { $asked }?
# $gateway is "yes" when the answer came from r1's eth0, as it should.
lab-arp =
    An Ethernet frame needs a destination MAC address, and h1 knows only the IP address
    { $asked }. It broadcasts "who has { $asked }?" to ff:ff:ff:ff:ff:ff; r1 answers
    "{ $asked } is at { $mac }"{ $gateway ->
        [yes] {" (r1's eth0)"}
       *[other] {", which is not r1's eth0"}
    }. h1 keeps that in its ARP table and puts it in every frame for the gateway; the IP
    destination stays 198.51.100.20.
lab-arp-unanswered = h1 asked "who has { $asked }?" and no answer was seen.

lab-ping-title = ping: ICMP echo from h1 to h2, and the TTL
lab-ping-arrival = it arrives at h2 with TTL { $ttl }
lab-ping-arrival-unseen = its arrival at h2 was not captured
# $arrival: lab-ping-arrival or lab-ping-arrival-unseen.
lab-ping =
    The echo request leaves h1 with TTL { $sent }; r1 lowers it by one as it forwards, so
    { $arrival }. h2's echo reply starts at 64 and reaches h1 with TTL { $ttl }, after
    { $ms } ms. Every router on the way takes one off: a TTL that reaches 0 is dropped, so no
    packet can loop for ever.
# $answer: one of the lab-answer-* texts.
lab-ping-failed = The echo request left with TTL { $sent }, but { $answer }.

## What came back for one probe (ping, traceroute, the scenario). $kind is an ICMP message
## name, as ping prints it ("Destination Host Unreachable"); $error is the system's words.

lab-answer-echo = { $from } answered (TTL { $ttl }, { $ms } ms)
lab-answer-time-exceeded = { $from } said Time Exceeded
lab-answer-unreachable = { $from } said { $kind }
lab-answer-silence = no answer came back
lab-answer-not-sent = the kernel refused to send it: { $error }

lab-trace-title = traceroute: who is on the way to h2
lab-trace-hop = TTL { $ttl }: { $address }
lab-trace-hop-named = TTL { $ttl }: { $address } ({ $host })
lab-trace-hop-silent = TTL { $ttl }: no answer
lab-trace-separator = {"; "}
# $hops: the lab-trace-hop* items joined by lab-trace-separator.
lab-trace =
    traceroute sends echo requests with TTL 1, 2, ...: the router where the TTL runs out drops
    the packet and sends back ICMP Time Exceeded from its own address, so each TTL names one hop.
    { $hops }.

lab-echo-title = The echo client in h1 talks to the echo server in h2
# $message: the line sent, quoted; $matches is "yes" when it came back unchanged.
lab-echo =
    The article's program, across a router: a TCP connection from 192.0.2.10 to 198.51.100.20
    port 5008 (three-way handshake through r1), the line { $message } sent and { $matches ->
        [yes] echoed back byte for byte
       *[other] something else came back
    } in { $ms } ms, then the connection closed. TCP never sees r1: routing happens below it.

lab-http-title = An HTTP GET from h1 to h2
lab-http =
    GET http://198.51.100.20/ over a new TCP connection: status { $status }, { $bytes } bytes of
    HTML in { $ms } ms. The same routing, ARP and TTL rules carry it as carried the ping.

lab-teardown-title = Tearing the lab down ({ $ms } ms; { $total_ms } ms in all)
lab-teardown =
    Closing the namespaces' descriptors is all it takes: the kernel removes each namespace with
    its interfaces, addresses and routes (finishing in the background). Nothing was mounted under
    /run/netns and nothing on this machine's own network was touched.

# Above the packets of a step: where they were captured ("h1 eth0").
lab-captured-on = captured on { $at }:
# After the title of a step that did not do what it should.
lab-step-failed-mark = {"  [failed]"}

## --mistake: what is wrong, and what it leads to.

lab-mistake-mask = The mistake: h1's mask is 240.0.0.0 (/4) instead of 255.255.255.0
lab-mistake-gateway = The mistake: h1 has no default gateway
lab-mistake-gateway-off-subnet = The mistake: h1's gateway is 198.51.100.1, outside h1's subnet
lab-mistake-no-forwarding = The mistake: r1 does not forward packets (ip_forward = 0)

lab-route-refused-title = h1: default via { $gateway } refused
lab-route-refused =
    Adding "default via { $gateway }" on h1 was refused by the kernel: { $error }. A gateway must
    be reachable directly, on one of the host's own subnets, because h1 must find its MAC address
    with ARP; { $gateway } is in 198.51.100.0/24, which h1 is not on. h1 is left with no default
    route.

# $seen: one of the lab-answer-* texts; $unanswered: how many ARP requests went unanswered.
lab-outcome-mask =
    h1 believes 198.51.100.20 is on its own wire, so it asks ARP for it instead of for the
    gateway: { $unanswered } "who has 198.51.100.20?" went unanswered (nobody on h1's cable has
    that address), and ping reports: { $seen }. The fix: mask 255.255.255.0 (/24), and the packet
    goes to 192.0.2.1.
lab-outcome-gateway =
    With no route for 198.51.100.20, the packet never leaves h1: { $seen }. ping says "Network is
    unreachable". The fix: "default via 192.0.2.1", an address on h1's own subnet.
# $seen starts the sentence (its first letter is made upper case).
lab-outcome-no-forwarding =
    The request leaves h1 and reaches r1 (ARP for the gateway works), but r1 is not a router any
    more: a packet for someone else is dropped without a word. { $seen }. From h1 this looks like
    a lost packet or a firewall; the fix is net.ipv4.ip_forward = 1 on r1.

lab-mistake-failed =
    the lab with --mistake { $mistake } did not fail as it should: see the steps above
lab-scenario-failed = the lab's scenario step did not do what it should: see above

## Errors and `lab up`.

# $reason: lab-refusal, which holds one of the lab-refusal-* reasons below as $why.
lab-cannot-build = cannot build the lab here: { $reason }
lab-refusal =
    each host is a Linux network namespace, which needs root or a user namespace of its own, and
    { $why }
lab-refusal-sysctl =
    this kernel has unprivileged user namespaces switched off (sysctl
    kernel.unprivileged_userns_clone or user.max_user_namespaces is 0); an administrator can
    switch them on, or run the lab as root
lab-refusal-seccomp =
    making a user namespace was refused (EPERM): inside a container, the runtime's seccomp profile
    (Docker's default) forbids it; run the lab on the host, in a container started with
    --privileged or a profile that allows unshare, or as root
lab-refusal-apparmor =
    the user namespace was made but AppArmor withholds its capabilities (Ubuntu 24.04's
    kernel.apparmor_restrict_unprivileged_userns = 1); run the lab with sudo, or give netlearn
    an AppArmor profile that allows userns
lab-refusal-no-capabilities =
    the user namespace was made but gives no capabilities; run the lab with sudo
lab-refusal-failed = no user namespace: { $error }; run the lab with sudo
lab-refusal-unsupported = the lab needs Linux network namespaces

lab-up-ready =
    The lab is up: h1 192.0.2.10, r1 192.0.2.1 and 198.51.100.1, h2 198.51.100.20 (echo on port
    5008, HTTP on 80), dns 198.51.100.53 (answers h1.lab, h2.lab, r1.lab, dns.lab).
lab-up-step-in =
    From another terminal, step into it: netlearn lab shell h1, or netlearn lab run h1 --
    netlearn echo client 198.51.100.20 (lab run and lab shell join this lab while it is up).
lab-up-owner =
    Its namespaces belong to this process ({ $pid }) and end with it: press Ctrl-C to tear it
    down.
lab-up-down = The lab is down ({ $ms } ms): its namespaces are closed, nothing is left.
lab-already-up = a lab is already up (process { $pid })
lab-cannot-join = cannot step into the lab of process { $pid } (lab up)
lab-cannot-build-lab = cannot build the lab
lab-cannot-start-servers = cannot start the lab's servers
lab-cannot-find-self = cannot find netlearn's own program
lab-cannot-start-child = cannot start the lab in a child process
lab-run-needs-command = lab run needs a command after --
# $program: the command, quoted.
lab-cannot-run = cannot run { $program } in { $host }
# $host: what was typed, quoted.
lab-host-unknown = { $host } is not a host of the lab: use h1, r1, h2 or dns
lab-target-unknown =
    { $target } is neither an IPv4 address nor a lab name (h1, r1, h2, dns, or NAME.lab)

## ping and trace: one line per probe, then ping's statistics.

lab-ping-line = seq { $seq } (TTL { $ttl }): { $answer }
lab-ping-summary = {"---"} { $target }: { $sent } sent, { $received } received, { $loss }% packet loss
lab-no-icmp-socket =
    ping needs a raw ICMP socket (root or CAP_NET_RAW) or an ICMP datagram socket, which the
    kernel gives only to groups in net.ipv4.ping_group_range (here "{ $range }"; your group is
    { $gid }): run it with sudo, or once `sudo setcap cap_net_raw+ep $(command -v netlearn)`, or
    let groups ping with `sudo sysctl -w net.ipv4.ping_group_range="0 2147483647"`; inside the
    lab (netlearn lab ping h1 h2) it works without any of these
lab-icmp-socket-failed = cannot open an ICMP socket: { $error }

## Why the lab could not be built, its servers did not start, or it could not be published.
# $error: the system's error text.
lab-build-namespace = cannot make a network namespace: { $error }
# $step: one of lab-step-*.
lab-build-step = { $host }: { $step }: { $error }
lab-build-not-up = { $host }: { $step }: { $interface } did not come up within { $seconds } s
# $host: quoted, e.g. "h3" or "h1/eth9".
lab-build-unknown-host = the topology names a host { $host } it does not define
lab-step-cable = cable { $interface } to { $peer }
lab-step-configure = configure
lab-step-wait-for-links = wait for its links
lab-start-no-host = no host { $host }
lab-start-not-started = a lab server did not start within { $seconds } s
lab-publish-cannot-write = cannot write { $path }: { $error }
# $path: lab up's runtime directory; $owner: the user id that owns it.
lab-runtime-not-ours =
    { $path } belongs to user id { $owner }, not to you: lab up keeps its state in that
    directory and will not use one another user made (it may be a trap); remove it if you did
    not make it, or set XDG_RUNTIME_DIR to a directory of your own
lab-runtime-not-directory =
    { $path } is a symbolic link or a file, not a directory: lab up keeps its state in a
    directory of that name and follows no link; remove it, or set XDG_RUNTIME_DIR to a
    directory of your own
# $tries queries were sent, each waited $ms milliseconds.
lab-lookup-no-answer = no answer from the DNS server ({ $tries } queries, { $ms } ms each)
