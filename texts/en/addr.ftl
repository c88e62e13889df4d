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
addr-no-broadcast-31 = none (/31 point-to-point link, RFC 3021)
addr-no-broadcast-32 = none (/32 is a single host)
addr-no-broadcast-v6 = none (IPv6 has no broadcast; it uses multicast)
# $class is an addr-class-word; $name, $block and $rfc are the IANA registry's own words.
addr-class-registered = { $class } ({ $name }, { $block }, { $rfc })
addr-class-mixed = { $class } (overlaps special-purpose blocks)
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
    .ipv4 = 32 bits (2^32, about 4.3 billion)
    .ipv6 = 128 bits (2^128)

addr-compare-notation = notation
    .ipv4 = dotted decimal: 192.0.2.1
    .ipv6 = hex groups, :: for zeros: 2001:db8::1

addr-compare-header = header
    .ipv4 = 20 to 60 bytes (options)
    .ipv6 = 40 bytes fixed, plus extension headers

addr-compare-header-checksum = header checksum
    .ipv4 = yes, recomputed at every hop
    .ipv6 = none (UDP checksum becomes mandatory)

addr-compare-fragmentation = fragmentation
    .ipv4 = sender or any router (unless DF is set)
    .ipv6 = sender only (Fragment header); links carry at least 1280 bytes

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

## Input that is not an address, network or mask. $input (and $octet, $prefix, $text) arrive
## quoted and escaped: '192.168.1.300'.
addr-error-empty = empty input
# $value: what the octet means in decimal.
addr-error-leading-zero =
    { $input }: octet { $octet } has a leading zero (some tools read it as octal, others as decimal; write { $value })
addr-error-bad-address = { $input } is not an IPv4 or IPv6 address
# $position: 1 for the first octet.
addr-error-octet-too-big = { $input }: octet { $position } is { $value }, above 255
addr-error-octet-too-many-digits = { $input }: octet { $position } is a { $digits }-digit number, above 255
addr-error-octet-not-number = { $input }: octet { $position } is { $text }, not a number from 0 to 255
addr-error-octet-empty = { $input }: octet { $position } is empty, not a number from 0 to 255
# $length: the octet's length in characters (too long to quote).
addr-error-octet-long =
    { $input }: octet { $position } is { $length } characters long, not a number from 0 to 255
addr-error-octet-count = { $input }: an IPv4 address has 4 octets, this has { $count }
addr-error-bad-prefix = { $input }: prefix length { $prefix } is not a number
# $family: 4 or 6; $max: 32 or 128.
addr-error-prefix-out-of-range =
    { $input }: prefix length { $prefix } is out of range for IPv{ $family } (0 to { $max })
# $fault: one of the addr-mask-fault texts.
addr-error-not-a-netmask = { $input } is not a valid netmask: { $fault }
addr-error-mask-on-ipv6 = { $input }: a dotted netmask only applies to IPv4 addresses
addr-mask-fault-inverted = it looks like a wildcard (inverted) mask
# $bit: counted from 1 at the left.
addr-mask-fault-gap =
    its ones are not contiguous (bit { $bit } is 0 but a later bit is 1); a netmask is N ones followed by zeros
addr-mask-fault-not-contiguous = its ones are not contiguous; a netmask is N ones followed by zeros
# `netlearn mask` given an inverted mask; $error is addr-error-not-a-netmask.
addr-error-pass-wildcard = { $error }; pass --wildcard to read it as one

## List operations (cidr split, supernet, range) that cannot be done.
addr-error-split-prefix =
    cannot split { $net } into /{ $prefix }: the new prefix must be longer than /{ $current } and at most /{ $max }
addr-error-too-many-subnets =
    splitting { $net } into /{ $prefix } makes 2^{ $exponent } subnets; at most 2^{ $limit } are listed
addr-error-cannot-hold-subnets = { $net } cannot hold { $wanted } subnets
addr-error-cannot-hold-hosts = { $net } cannot hold { $wanted } usable hosts
addr-error-supernet-prefix = the supernet prefix /{ $prefix } must be shorter than /{ $current }
addr-error-mixed-families = { $first } and { $last } are not the same IP version

## A bad line of a list (cidr merge, contains, exclude read from standard input).
# $error: one of the addr-error texts.
addr-line-error = line { $line }: { $error }
# $head: the line's first bytes, escaped.
addr-line-not-text = line { $line } is not UTF-8 text: '{ $head }'
addr-line-not-text-cut = line { $line } is not UTF-8 text: '{ $head }…' ({ $len } bytes, first { $shown } shown)
addr-line-too-long = line { $line } is longer than { $max } bytes ({ $len } bytes); it was not read

## cidr and ip given too little, or two things that do not go together.
addr-error-network-required = a network is required, e.g. netlearn cidr 192.168.0.0/24
addr-error-address-required = an address is required, e.g. netlearn ip 127.0.0.1
# $net: a network with its prefix length, e.g. 10.0.0.0/8.
addr-error-prefix-and-mask =
    '{ $net }' already has a prefix length; give either /LEN or a separate mask
addr-error-mask-not-ipv4 = a dotted netmask only applies to IPv4, not '{ $addr }'
addr-error-range-of-network = '{ $net }' is a network; a range takes two addresses
addr-error-no-networks = no networks given, as arguments or on standard input
# $first: the first bad line (addr-line-* text); $count: how many there were.
addr-error-bad-lines =
    { $first } ({ $count ->
        [one] 1 bad line
       *[other] { $count } bad lines
    } in all)
addr-error-more-bad-lines = ... and { $count ->
        [one] 1 more bad line
       *[other] { $count } more bad lines
    }
addr-error-entries-unread =
    { $count } of { $entries } entries could not be read (see above; --skip-invalid carries on without them)

## A prefix's class (IANA special-purpose registry slug; JSON keeps the slug).
addr-class-word-6to4 = 6to4
addr-class-word-amt = amt
addr-class-word-anycast = anycast
addr-class-word-as112 = as112
addr-class-word-benchmarking = benchmarking
addr-class-word-broadcast = broadcast
addr-class-word-deprecated-6to4-relay = deprecated-6to4-relay
addr-class-word-deprecated-orchid = deprecated-orchid
addr-class-word-discard = discard
addr-class-word-documentation = documentation
addr-class-word-drone-det = drone-det
addr-class-word-dummy = dummy
addr-class-word-ietf-protocol = ietf-protocol
addr-class-word-ipv4-mapped = ipv4-mapped
addr-class-word-link-local = link-local
addr-class-word-loopback = loopback
addr-class-word-multicast = multicast
addr-class-word-nat64 = nat64
addr-class-word-nat64-discovery = nat64-discovery
addr-class-word-nat64-local = nat64-local
addr-class-word-orchid-v2 = orchid-v2
addr-class-word-private = private
addr-class-word-reserved = reserved
addr-class-word-service-continuity = service-continuity
addr-class-word-shared = shared
addr-class-word-srv6 = srv6
addr-class-word-teredo = teredo
addr-class-word-this-host = this-host
addr-class-word-this-network = this-network
addr-class-word-unique-local = unique-local
addr-class-word-unspecified = unspecified
addr-class-word-mixed = mixed
addr-class-word-global = global

## The IANA special-purpose registries' name of a block, as the registry writes it (the
## class line of `ip` and `cidr`). The id is made of the name's letters and digits; another
## language keeps the name and adds its meaning where the class word does not say it.
addr-iana-this-network = "This network"
addr-iana-this-host-on-this-network = "This host on this network"
addr-iana-private-use = Private-Use
addr-iana-shared-address-space = Shared Address Space
addr-iana-loopback = Loopback
addr-iana-link-local = Link Local
addr-iana-ietf-protocol-assignments = IETF Protocol Assignments
addr-iana-ipv4-service-continuity-prefix = IPv4 Service Continuity Prefix
addr-iana-ipv4-dummy-address = IPv4 dummy address
addr-iana-port-control-protocol-anycast = Port Control Protocol Anycast
addr-iana-traversal-using-relays-around-nat-anycast = Traversal Using Relays around NAT Anycast
addr-iana-nat64-dns64-discovery = NAT64/DNS64 Discovery
addr-iana-documentation-test-net-1 = Documentation (TEST-NET-1)
addr-iana-as112-v4 = AS112-v4
addr-iana-amt = AMT
addr-iana-deprecated-6to4-relay-anycast = Deprecated (6to4 Relay Anycast)
addr-iana-direct-delegation-as112-service = Direct Delegation AS112 Service
addr-iana-benchmarking = Benchmarking
addr-iana-documentation-test-net-2 = Documentation (TEST-NET-2)
addr-iana-documentation-test-net-3 = Documentation (TEST-NET-3)
addr-iana-multicast = Multicast
addr-iana-reserved = Reserved
addr-iana-limited-broadcast = Limited Broadcast
addr-iana-unspecified-address = Unspecified Address
addr-iana-loopback-address = Loopback Address
addr-iana-ipv4-mapped-address = IPv4-mapped Address
addr-iana-ipv4-ipv6-translat = IPv4-IPv6 Translat.
addr-iana-discard-only-address-block = Discard-Only Address Block
addr-iana-dummy-ipv6-prefix = Dummy IPv6 Prefix
addr-iana-teredo = TEREDO
addr-iana-dns-sd-service-registration-protocol-anycast-address = DNS-SD Service Registration Protocol Anycast Address
addr-iana-as112-v6 = AS112-v6
addr-iana-deprecated-previously-orchid = Deprecated (previously ORCHID)
addr-iana-orchidv2 = ORCHIDv2
addr-iana-drone-remote-id-protocol-entity-tags-dets-prefix = Drone Remote ID Protocol Entity Tags (DETs) Prefix
addr-iana-documentation = Documentation
addr-iana-6to4 = 6to4
addr-iana-segment-routing-srv6-sids = Segment Routing (SRv6) SIDs
addr-iana-unique-local = Unique-Local
addr-iana-link-local-unicast = Link-Local Unicast

## A citation in `ip compare`'s RFC column. $rfc is an RFC ("RFC 8200"), $section,
## $first and $second section numbers.
addr-cite-section = { $rfc } section { $section }
addr-cite-sections = { $rfc } sections { $first } and { $second }

## cidr contains, one line per item after the item: whether it lies in the network.
# $net: the network asked about, e.g. "10.0.0.0/8".
addr-contains-inside = inside { $net }
addr-contains-outside = outside { $net }
