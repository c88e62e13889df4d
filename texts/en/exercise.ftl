## netlearn lab exercise and lab check: graded exercises on the built-in lab.

# `lab exercise` without a name: one line per exercise, then how to start one.
# $name: the exercise's name (as typed), padded; $topic: one of exercise-topic-*.
exercise-list-line = { $name }  { $topic }
exercise-topic-mask = a subnet mask (ip addr)
exercise-topic-gateway = the default gateway (ip route)
exercise-topic-dns = the resolver's DNS server (/etc/resolv.conf)
exercise-topic-forwarding = a router that forwards (/proc/sys/net/ipv4/ip_forward)
exercise-topic-firewall = a firewall rule (nft)
exercise-list-start =
    Start one with netlearn lab exercise NAME (it keeps the lab up until Ctrl-C); then fix it
    from another terminal, and netlearn lab check grades it.

# `lab exercise NAME`, once the broken lab is up. $name: the exercise's name.
exercise-started = Exercise { $name }: the lab is up, and something in it is broken.
exercise-task-mask =
    Your task: h1 cannot reach h2 (198.51.100.20), although r1 (192.0.2.1) answers it. Find out
    why and fix it from inside the lab.
exercise-task-gateway =
    Your task: h1 cannot reach h2 (198.51.100.20): its ping says the network is unreachable.
    Find out why and fix it from inside the lab.
exercise-task-dns =
    Your task: h1 reaches h2 by its address (198.51.100.20), but cannot find the name h2.lab.
    Find out why and fix it from inside the lab.
exercise-task-forwarding =
    Your task: h1 reaches r1 (192.0.2.1), but nothing behind it: h2 (198.51.100.20) stays
    silent. Find out why and fix it from inside the lab.
exercise-task-firewall =
    Your task: h1 pings h2 (198.51.100.20), but h1's echo client cannot talk to h2's echo server
    on port 5008. Find out why and fix it from inside the lab.
exercise-how =
    Work from another terminal: netlearn lab shell h1 opens a shell in h1 (or in r1, h2, dns);
    netlearn lab run h1 -- ip addr runs one command there; netlearn lab check grades your fix.
    Each host has its own /etc/resolv.conf.
# $name: the exercise's name; $error: why (one of exercise-nft-* or the system's words).
exercise-cannot-break = cannot set up exercise { $name }: { $error }
exercise-nft-missing = the nft program is not installed (Debian and Ubuntu: the nftables package)
# $said: what nft printed.
exercise-nft-refused = nft refused the rule: { $said }

## lab check: one line per check, a hint under each that fails, then the verdict.

exercise-no-lab =
    no exercise is running: start one with netlearn lab exercise NAME (netlearn lab exercise
    lists them), then run netlearn lab check from another terminal
# $pid: the process of the running lab up.
exercise-not-exercise =
    the running lab (process { $pid }) is a plain lab up, not an exercise: stop it with Ctrl-C,
    then start one with netlearn lab exercise NAME
exercise-unknown = the running lab's exercise { $name } is not one this netlearn knows
# The checks. $from: the host; $target: the host that has the address $to; $port: a port;
# $name: a DNS name.
exercise-check-ping = { $from } pings { $target } ({ $to })
exercise-check-echo =
    { $from } gets its line back from the echo server on { $target } ({ $to } port { $port })
# $server: the first nameserver of the host's resolver file.
exercise-check-resolve = { $from } finds { $name } through its resolver (server { $server })
exercise-check-resolve-none = { $from } finds { $name } through its resolver
# A failed check: $check is one of exercise-check-*, $why one of exercise-why-*.
exercise-failed = { $check }: { $why }
exercise-why-connect-timeout = no answer to the connection request within { $ms } ms
exercise-why-connect-refused = nothing accepts connections on that port
# $error: the system's words.
exercise-why-connect = the connection was not made: { $error }
exercise-why-no-echo =
    connected, but the line did not come back ({ $received } of { $sent } bytes within the
    time)
exercise-why-resolver-file = cannot read its /etc/resolv.conf: { $error }
exercise-why-no-nameserver = its /etc/resolv.conf names no DNS server (no nameserver line)
# $tries queries, each waited $ms milliseconds.
exercise-why-dns-silent = no answer from the server ({ $tries } queries, { $ms } ms each)
exercise-why-dns-refused =
    { $server } answered that nothing listens on port 53 (ICMP port unreachable)
exercise-why-dns-error = no answer from { $server }: { $error }
# $rcode: the DNS response code (NoError, NXDomain, ...); $expect: the address expected.
exercise-why-dns-wrong = the server answered { $rcode } without { $expect }
exercise-why-io = could not look: { $error }
# Hints: what the lab's state shows about a failed check.
# $address: ADDRESS/PREFIX; $mask: the dotted mask; $first, $last: the range it makes on-link.
exercise-hint-mask =
    hint: { $host }'s { $interface } has { $address } (mask { $mask }), so { $host } takes every
    address from { $first } to { $last } for its own network and asks ARP for them itself
    instead of handing them to its gateway; compare with r1's address on that side (ip addr
    on { $host } and on r1)
exercise-hint-no-address =
    hint: { $host }'s { $interface } no longer has the address { $planned } (ip addr on
    { $host } shows what it has)
exercise-hint-no-route =
    hint: { $host } has no IPv4 default route, so it does not know where to send packets for
    networks that are not its own; its router is r1 (ip route on { $host })
exercise-hint-wrong-gateway =
    hint: { $host }'s default route goes through { $gateway }, but its router on its network is
    { $planned } (ip route on { $host })
exercise-hint-not-forwarding =
    hint: { $host } does not forward: net.ipv4.ip_forward is 0 there, so it drops every packet
    that is not addressed to itself (cat /proc/sys/net/ipv4/ip_forward on { $host })
# $rule: the nft rule as nft prints it; $table: e.g. "inet filter"; $chain: e.g. "input".
exercise-hint-firewall =
    hint: { $host }'s firewall has the rule `{ $rule }` in table { $table }, chain { $chain }:
    it drops what arrives for port { $port } (nft -a list ruleset on { $host } shows it with its
    handle)
# $nameserver: the address the file names; $owner: the lab host that has it.
exercise-hint-resolver-host =
    hint: { $host }'s /etc/resolv.conf sends its questions to { $nameserver }, which is
    { $owner }: does { $owner } run a DNS server? (cat /etc/resolv.conf in { $host }; the lab's
    hosts are listed where lab exercise runs)
exercise-hint-resolver =
    hint: { $host }'s /etc/resolv.conf sends its questions to { $nameserver }, where no host of
    the lab is (cat /etc/resolv.conf in { $host })
exercise-hint-resolver-none =
    hint: { $host }'s /etc/resolv.conf names no DNS server: it needs a line nameserver ADDRESS
exercise-hint-same = hint: the same cause as above
exercise-hint-look =
    hint: look at h1's addresses and routes (ip addr, ip route), r1's forwarding and h2's
    firewall (nft list ruleset)
# The verdict. $count: the checks; $failed: how many fail; $name: the exercise.
exercise-passed =
    All { $count } checks pass: exercise { $name } is solved. Press Ctrl-C where lab exercise
    runs to tear the lab down.
exercise-not-yet =
    { $failed } of { $count } checks fail: fix what the hints point at, then run netlearn lab
    check again.
