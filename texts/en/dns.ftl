# `netlearn dns`: why no DNS server could be reached (src/app/dns).

dns-server-one = the DNS server { $server }
# $servers is a comma-separated list of addresses.
dns-server-many = the DNS servers { $servers }
# $which is dns-server-one or dns-server-many.
dns-no-route-ipv6 = no route to { $which }: this machine has no IPv6 route out (see `netlearn gateway`)
dns-no-route-offline =
    no route to { $which }: this machine looks offline (no default route: see `netlearn gateway`)
dns-no-route-host =
    no route to { $which } (host unreachable): this machine looks offline, or that server's
    network is down (see `netlearn gateway`)
