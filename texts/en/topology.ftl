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
