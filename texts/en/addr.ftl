# `cidr`, `mask`, `ip` and `ip compare` as a person reads them (JSON keeps its own keys).

addr-label-address = address
addr-label-version = version
addr-label-cidr = cidr
addr-label-network = network
addr-label-netmask = netmask
addr-label-wildcard = wildcard
addr-label-broadcast = broadcast
addr-label-first-host = first host
addr-label-last-host = last host
addr-label-addresses = addresses
addr-label-usable-hosts = usable hosts
addr-label-class = class
addr-label-globally-reachable = globally reachable
addr-label-binary = binary
addr-label-netmask-binary = netmask binary
addr-label-reverse-zone = reverse zone
addr-label-expanded = expanded
addr-label-compressed = compressed
addr-label-ipv4-mapped = ipv4-mapped
addr-label-embedded-ipv4 = embedded ipv4
addr-label-integer = integer
addr-label-hex = hex
addr-label-scope = scope
addr-label-reverse-pointer = reverse pointer
addr-label-prefix = prefix

addr-host-bits-set = (host bits set)
addr-no-broadcast-31 = none (/31 point-to-point link, RFC 3021)
addr-no-broadcast-32 = none (/32 is a single host)
addr-no-broadcast-v6 = none (IPv6 has no broadcast; it uses multicast)
addr-class-mixed = mixed (overlaps special-purpose blocks)
addr-class-not-special = { $class } (not special-purpose)
addr-yes = yes
addr-no = no
addr-not-applicable = n/a
addr-mask-is-ipv6 = note: /{ $prefix } is longer than any IPv4 prefix (0–32), so it is an IPv6 mask

addr-scope-multicast-scoped = multicast, { $name } (scope { $nibble })
addr-scope-host = host (never leaves this machine)
addr-scope-link = link (never crosses a router)
addr-scope-site = site (private network, not routed on the internet)
addr-scope-multicast = multicast
addr-scope-none = none (means "no address yet" or "any")
addr-scope-broadcast = link (limited broadcast)
addr-scope-documentation = none (documentation only, never on a real network)
addr-scope-mapped = that of the embedded IPv4 address (an IPv6 socket's view of IPv4)
addr-scope-global = global

addr-compare-address-size = address size
    .ipv4 = 32 bits (2^32, about 4.3 billion)
    .ipv6 = 128 bits (2^128)

addr-compare-notation = notation
    .ipv4 = dotted decimal: 192.0.2.1
    .ipv6 = hex groups, :: for zeros: 2001:db8::1

addr-compare-header = header
    .ipv4 = 20 to 60 bytes (options)
    .ipv6 = 40 bytes fixed, plus extension headers

addr-compare-header-checksum = header checksum
    .ipv4 = yes, recomputed at every hop
    .ipv6 = none (UDP checksum becomes mandatory)

addr-compare-fragmentation = fragmentation
    .ipv4 = sender or any router (unless DF is set)
    .ipv6 = sender only (Fragment header); links carry at least 1280 bytes

addr-compare-hop-count-field = hop count field
    .ipv4 = TTL
    .ipv6 = Hop Limit

addr-compare-broadcast = broadcast
    .ipv4 = yes: 255.255.255.255 and directed broadcast
    .ipv6 = none: multicast (ff02::1 all nodes) and anycast instead

addr-compare-address-resolution = address resolution
    .ipv4 = ARP
    .ipv6 = Neighbor Discovery (NDP, over ICMPv6)

addr-compare-configuration = configuration
    .ipv4 = DHCP (or static)
    .ipv6 = SLAAC and/or DHCPv6 (or static)

addr-compare-control-messages = control messages
    .ipv4 = ICMP
    .ipv6 = ICMPv6 (also carries NDP and MLD)

addr-compare-loopback = loopback
    .ipv4 = 127.0.0.0/8 (127.0.0.1, localhost)
    .ipv6 = ::1/128 only

addr-compare-unspecified-address = unspecified address
    .ipv4 = 0.0.0.0
    .ipv6 = ::

addr-compare-private-addresses = private addresses
    .ipv4 = 10/8, 172.16/12, 192.168/16, usually behind NAT
    .ipv6 = Unique Local fc00::/7 (no NAT needed)

addr-compare-link-local = link-local
    .ipv4 = 169.254.0.0/16, only without DHCP
    .ipv6 = fe80::/10, on every interface always

addr-compare-ipv4-inside-ipv6 = IPv4 inside IPv6
    .ipv4 = -
    .ipv6 = ::ffff:0:0/96 mapped (sockets), 64:ff9b::/96 NAT64

addr-compare-dns-record = DNS record
    .ipv4 = A
    .ipv6 = AAAA

addr-compare-reverse-dns = reverse DNS
    .ipv4 = in-addr.arpa, by octet
    .ipv6 = ip6.arpa, by nibble

addr-compare-socket-family = socket family
    .ipv4 = AF_INET
    .ipv6 = AF_INET6
