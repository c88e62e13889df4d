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

## Why one exchange with a DNS server failed. $limit, $total and $each are durations
## ("5 s", "800 ms").
dns-timeout = no answer within { $limit }
dns-port-unreachable = port unreachable: the host answered with ICMP, nothing listens on that UDP port
dns-connection-refused = connection refused: nothing listens on that TCP port
dns-network-unreachable = network unreachable: this machine has no route to that address
dns-host-unreachable = host unreachable: no way to that address was found
# $reason is one of the tls-* texts, or the library's own words.
dns-tls-failed = TLS failed: { $reason }
dns-https-failed = DNS over HTTPS failed: { $reason }
# A reason of dns-https-failed: the connection failed; $error is the system's error
# (system.ftl). English keeps hickory's own prefix.
dns-https-io = io error: { $error }
dns-no-tls-settings = no TLS settings
# $name is the name in double quotes.
dns-bad-tls-name = { $name } is not a valid TLS server name
dns-https-no-answer = the server sent no answer
# $what is the library's own words.
dns-cannot-encode = cannot encode the query: { $what }
dns-query-too-long = the query is too long for TCP
dns-closed-without-answer = the server closed the connection without answering
# $what is one of dns-malformed-*; $detail the decoder's own words.
dns-malformed = the server's answer is malformed: { $what } ({ $detail })
dns-malformed-points-forward = a compressed name points forward
dns-malformed-overlapping = compressed names overlap
dns-malformed-ends-in-record = it ends in the middle of a record
dns-malformed-rdata-length = a record's data is not as long as its length field says
dns-malformed-name-too-long = a name is longer than DNS allows
dns-malformed-unknown-label = a name uses an unknown label type
dns-malformed-duplicate-edns = it carries more than one EDNS record
dns-malformed-other = a record could not be decoded
dns-truncated-retry-timeout = answer truncated over UDP; the TCP retry timed out (no answer within { $limit })
dns-truncated-retry-failed = answer truncated over UDP; the TCP retry failed: { $reason }
# Several tries that timed out: "no answer in 15 s: 3 tries of 5 s".
dns-timeouts = no answer in { $total }: { $count } tries of { $each }
# Several tries that ended alike; $what is how they ended.
dns-tries = { $what } ({ $count } tries)
# $server is an address and port, $transport udp, tcp, tls or https.
dns-at-server = { $server } over { $transport }: { $what }
dns-no-server = no server to ask
dns-no-name = no name to ask

## Notes on how a question was answered. $path is the hosts file.
# $payload is a number of bytes.
dns-note-truncated = the UDP answer was truncated (TC flag: more than { $payload } bytes); asked again over TCP
dns-note-hosts-file = answered from { $path }
# $record_type is A or AAAA.
dns-note-localhost-loopback =
    { $path } has no { $record_type } line for it; RFC 6761 says localhost is always this
    machine's loopback, and is never sent to DNS
dns-note-localhost-hosts-file = answered from { $path }; localhost names are never sent to DNS (RFC 6761)
# $server is the DNS server's address ("?" when none answered), $answers its answers.
dns-note-hosts-override = { $path } overrides DNS for this name: DNS ({ $server }) answers { $answers }
dns-note-localhost-asked =
    applications never send localhost names to DNS (RFC 6761): they answer them with this
    machine's loopback; --system resolves it as they do

## What a response code means, in a few words.
dns-status-noerror = the name exists
dns-status-nodata = the name exists but has no records of this type
dns-status-nxdomain = no such name
dns-status-servfail = the server failed to get an answer
dns-status-refused = the server refuses to answer this question
dns-status-formerr = the server could not understand the query
dns-status-notimp = the server does not implement this kind of query
dns-status-unusual = an unusual response code

## A status as the STATUS cell and the `tried:` lines say it: the protocol's response codes
## (and RFC 2308's NODATA) as dig prints them; netlearn's own words for a question no server
## answered. JSON keeps the codes.
dns-status-word-noerror = NOERROR
dns-status-word-nodata = NODATA
dns-status-word-nxdomain = NXDOMAIN
dns-status-word-servfail = SERVFAIL
dns-status-word-refused = REFUSED
dns-status-word-formerr = FORMERR
dns-status-word-notimp = NOTIMP
# $code is a response code netlearn has no words for (YXDOMAIN, ...).
dns-status-word-other = { $code }
dns-status-word-timeout = TIMEOUT
dns-status-word-unreachable = UNREACHABLE
dns-status-word-error = ERROR

## The command's error line.
# $status is a response code (NXDOMAIN), $meaning one of dns-status-*, $server an address.
dns-status-from = { $status } ({ $meaning }) from { $server }
# $said is why a question failed, $next what to do (dns-note-localhost-asked).
dns-and-next-step = { $said }; { $next }

## Where the servers came from (the report's first line).
dns-source-given = given with @
dns-source-system = the operating system's network configuration
# $source is the resolv.conf path.
dns-config-no-nameserver = { $source } is missing or names no server; like the C library, 127.0.0.1 is asked

## The report and its errors. Labels end in a colon, as dig-like tools print them.
dns-name-required = a name to look up is required, e.g. netlearn dns python.org (or -x ADDR)
dns-ca-file-needs-tls = --ca-file is for --tls or --https
dns-settings-unreadable = the system's DNS settings could not be read
# $path is the hosts file, $error the system's words.
dns-hosts-unreadable = cannot read the hosts file { $path }: { $error }
# After the first failure on the error line; $count is a number of questions.
dns-more-failed = {" "}(and { $count } more failed)
# $servers is a comma-separated list, $source where they came from, $transport udp, tcp, ...
dns-servers-line = servers: { $servers } ({ $source }), over { $transport }
# $hosts is the hosts file, $search the search list or dns-search-none.
dns-system-rules-line = system rules: hosts file { $hosts }, search list { $search }
dns-search-none = none
dns-label-note = note: { $text }
dns-no-records = no records
dns-col-name = NAME
dns-col-type = TYPE
dns-col-ttl = TTL
dns-col-data = DATA
dns-col-query = QUERY
dns-col-status = STATUS
dns-col-from = FROM
dns-col-via = VIA
dns-col-time = TIME
dns-col-size = SIZE
# The VIA cell of an answer from the hosts file.
dns-via-file = file
dns-idn-line = idn: { $unicode } is asked as { $ascii } (punycode, RFC 3492)
dns-search-line = search: { $name } was asked as { $asked }
# $at is dns-at-server.
dns-tried-at = at { $at }
# $who is the questions (a.test. A, AAAA), $what dns-tried-at.
dns-tried-line = tried: { $who } { $what }
dns-error-line = error: { $text }

## Words that cannot become a query (`dns WORD...`, `-t TYPE`). $input is the word as typed,
## in quotes; $reason one of the texts below it, or hickory's own words.
dns-bad-name = { $input } is not a valid domain name: { $reason }
dns-bad-name-empty = it is empty
dns-bad-name-idna = it cannot be converted to punycode (IDNA)
dns-bad-name-empty-label = a label is empty (two dots in a row, or a dot first)
# $len: the label's or the name's length in bytes, as DNS carries it.
dns-bad-name-label-too-long = a label has { $len } bytes, at most 63 are allowed
dns-bad-name-too-long = the name has { $len } bytes, at most 255 are allowed
dns-bad-type =
    { $input } is not a record type netlearn can ask for: { $reason } (try A, AAAA, MX, TXT, ...
    or TYPE123)
dns-bad-type-number = type numbers go up to 65535
dns-bad-type-mnemonic = unknown mnemonic
dns-bad-type-zone-transfer = zone transfers are not lookups
dns-bad-type-opt = OPT is the EDNS pseudo-record, not something to ask for

## A server that cannot be used (`@SERVER`, `--server`). $spec is the server as written, in
## quotes; $reason one of the texts below it.
dns-bad-server = { $spec } is not a server: { $reason }
dns-bad-server-not-https = only https:// URLs name a server
dns-bad-server-port-zero = port 0 is not a port a server listens on
dns-bad-server-port-number = the port must be a number from 1 to 65535
dns-bad-server-host-missing = the host is missing
dns-bad-server-ipv6 = write an IPv6 address with a port as [::1]:53
dns-bad-server-not-host = a host is an address or a host name
# $host is the host name, in quotes; $reason the system resolver's words or dns-server-no-address.
dns-server-unresolvable = cannot find the server { $host }: { $reason }
dns-server-no-address = no address

## The system's resolver settings could not be read. $error and $reason are the system's or
## hickory's words.
dns-resolv-conf-unreadable = cannot read { $path }: { $error }
# $source is a resolv.conf path or dns-source-system.
dns-settings-unusable = cannot use the system's DNS settings ({ $source }): { $reason }
dns-resolv-conf-unix-only = a resolv.conf file is only read on Unix
