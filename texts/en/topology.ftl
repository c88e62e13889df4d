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
