# `netlearn ifaces`, `netlearn gateway` and `netlearn port` (src/app/host): table headings,
# cell words, notes. Headings are upper case in English, as ip, ss and netstat print them.

## Shared.
# A note under a table; $note is one of the notes below.
host-note = note: { $note }

## ifaces
host-col-index = #
host-col-interface = INTERFACE
host-col-state = STATE
host-col-mac = MAC
host-col-mtu = MTU
host-col-address = ADDRESS
host-col-network = NETWORK
host-col-scope = SCOPE
# $name is the interface's name (lo).
host-iface-loopback = { $name } (loopback)
host-state-up-no-carrier = up, no carrier
host-state-up = up
host-state-down = down
host-state-unknown = ?
host-no-address = (no address)
host-scope-loopback = loopback (host)
host-scope-link-local = link-local
host-scope-unique-local = unique local (ULA)
host-scope-private = private (RFC 1918)
host-scope-shared-nat = shared (carrier NAT)
host-scope-documentation = documentation
host-scope-multicast = multicast
host-scope-unspecified = unspecified
host-scope-global = global
# `ifaces --loopback`: what 127.0.0.0/8 and ::1 are, one paragraph each.
host-loopback-stays =
    Loopback never leaves this machine: what is sent to it comes straight back up the stack.
host-loopback-v4 =
    IPv4 reserves the whole 127.0.0.0/8 block (16.7 million addresses) for it; 127.0.0.1 is
    the one everyone uses, and any 127.x.y.z works too.
host-loopback-v6 = IPv6 has exactly one loopback address, ::1/128.
host-loopback-name =
    "localhost" is the name for both (RFC 6761): a server bound to 127.0.0.1, like the
    article's, is reachable only from here.
host-loopback-no-v6 = This machine has no ::1: IPv6 is off here, so only 127.0.0.1 answers.
# $error is the library's own words.
host-problem-addresses = if-addrs: { $error }
host-problem-no-links = netdev listed no interfaces (no MAC or MTU available)

## gateway
host-gateway-what =
    A default gateway is the router this machine hands every packet to whose destination is
    on none of its own networks; it must sit on one of them.
host-gateway-none = No default route: this machine reaches only the networks it is attached to.
host-col-family = FAMILY
host-col-gateway = GATEWAY
host-col-metric = METRIC
host-col-on-link = ON-LINK SUBNET
host-col-this-host = THIS HOST
host-col-gateway-mac = GATEWAY MAC
host-col-destination = DESTINATION
host-col-kind = KIND
host-point-to-point = (point-to-point)
host-routes-heading = Routing table (most specific match wins, then lowest metric):
# $destination is a network (0.0.0.0/0).
host-route-default = { $destination } (default)
host-kind-on-link = on-link
host-kind-via-gateway = via gateway
host-kind-local = local
host-kind-multicast = multicast
host-kind-unreachable = unreachable
# $problem is the library's own words.
host-gateway-unreadable = could not read the default gateway ({ $problem })
# $family is IPv4 or IPv6.
host-gateway-no-default =
    no { $family } default route: { $family } destinations off this machine's own networks are
    unreachable
host-routes-linux-only = --routes reads /proc/net/route, which only Linux has
# $path is a /proc file, $error the system's words.
host-route-unreadable = cannot read { $path }: { $error }
# $file is a /proc file, $line a line number, $reason one of host-route-bad-*.
host-route-bad-line = { $file } line { $line }: { $reason }
host-route-bad-field-count = { $found } fields, expected { $expected }
# $field is the field's name (destination, next hop), $text the field as the file has it
# (quoted), $digits 8 or 32.
host-route-bad-hex = { $field } { $text } is not { $digits } hex digits
host-route-bad-metric = metric { $text } is not a number
host-route-bad-mask = mask { $mask } is not contiguous
host-route-bad-prefix = prefix { $text } is not 0..=0x80

## port
# $port is a number, $meaning one of host-range-*.
host-port-meaning = port { $port }: { $meaning }
host-range-system =
    system (well-known) port, 0-1023: assigned by IANA; binding needs privilege on Unix
host-range-user = user (registered) port, 1024-49151: registered with IANA on request
host-range-dynamic =
    dynamic (ephemeral) port, 49152-65535: never assigned; used for client sockets
host-range-system-short = system
host-range-user-short = user
host-range-dynamic-short = dynamic
# Where the services come from when no services file has entries.
host-port-built-in-table = built-in table (IANA registry excerpt)
# $source is a services file or the built-in table.
host-port-unregistered = no service is registered on it in { $source }
host-port-two-protocols =
    (TCP and UDP have separate port numbers: 5008/tcp and 5008/udp are two different ports)
host-port-source = source: { $source }
host-port-unused = on this machine: no socket uses port { $port } now
host-port-used = on this machine now:
host-col-port = PORT
host-col-proto = PROTO
host-col-service = SERVICE
host-col-aliases = ALIASES
host-col-range = RANGE
host-col-description = DESCRIPTION
host-col-local = LOCAL
host-col-remote = REMOTE
host-col-process = PROCESS
# $program is a program name, $pid its process id.
host-port-process = { $program } (pid { $pid })
# A socket in TIME_WAIT that no process holds; $seconds is a whole number.
host-port-gone-in = none: gone in { $seconds } s
# $count is a number of services (it chooses the noun), $n the same as shown (1,234).
host-port-entries =
    { $count ->
        [one] { $n } entry
       *[other] { $n } entries
    } from { $source }
host-port-empty = an empty port: give a number (80) or a name (http)
# $input is what was typed.
host-port-too-big = { $input } is not a port: port numbers are 0-65535 (16 bits)
# $name is the name asked for (quoted), $hint empty or host-port-did-you-mean.
host-port-no-such-name = no service named { $name } in { $source }{ $hint }
# $names is a comma-separated list of service names.
host-port-did-you-mean = ; did you mean { $names }?

## netlearn port: what each service of the built-in table is (its DESCRIPTION; JSON keeps the
## English). The id after host-service- is the service's IANA name.
host-service-echo = Echo (RFC 862): sends back what it receives
host-service-discard = Discard (RFC 863)
host-service-daytime = Daytime (RFC 867)
host-service-ftp-data = FTP data connection (RFC 959)
host-service-ftp = FTP control connection (RFC 959)
host-service-ssh = Secure Shell (RFC 4251)
host-service-telnet = Telnet (RFC 854)
host-service-smtp = Simple Mail Transfer (RFC 5321)
host-service-domain = Domain Name System, DNS (RFC 1035)
host-service-bootps = DHCP server (RFC 2131)
host-service-bootpc = DHCP client (RFC 2131)
host-service-tftp = Trivial File Transfer (RFC 1350)
host-service-http = World Wide Web HTTP (RFC 9110)
host-service-pop3 = Post Office Protocol 3 (RFC 1939)
host-service-ntp = Network Time Protocol (RFC 5905)
host-service-imap = Internet Message Access Protocol (RFC 9051)
host-service-snmp = SNMP (RFC 3411)
host-service-ldap = LDAP (RFC 4511)
host-service-https = HTTP over TLS, and HTTP/3 over QUIC on UDP (RFC 9110, 9114)
host-service-submissions = Mail submission over TLS (RFC 8314)
host-service-syslog = Syslog (RFC 5426)
host-service-submission = Mail submission (RFC 6409)
host-service-ldaps = LDAP over TLS
host-service-domain-s = DNS over TLS (RFC 7858) and over QUIC (RFC 9250)
host-service-imaps = IMAP over TLS (RFC 8314)
host-service-pop3s = POP3 over TLS (RFC 8314)
host-service-ms-sql-s = Microsoft SQL Server
host-service-openvpn = OpenVPN
host-service-mqtt = MQTT
host-service-mysql = MySQL
host-service-rdp = Remote Desktop (ms-wbt-server)
host-service-postgresql = PostgreSQL
host-service-mdns = Multicast DNS (RFC 6762)
host-service-amqp = AMQP
host-service-redis = Redis
host-service-http-alt = HTTP alternate
