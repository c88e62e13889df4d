# netlearn http get: why TLS with a server failed. $host is the server's name, $reason one of
# the http-tls-* reasons below or a refused certificate (tls-* in dns.ftl).
http-tls-failed = TLS with { $host } failed: { $reason }
# $error: the operating system's or the connection's error.
http-tls-broken = the handshake failed: { $error }
http-tls-bad-server-name = { $host } is not a valid TLS server name
http-tls-no-settings = no TLS settings were given for an https:// URL

## netlearn http get: the verdict on the server's certificate chain (a `*` line, and JSON's
## `verification`). $reason: why the chain would have been refused (tls-* in tls.ftl).
http-verified-trusted = verified: the chain leads to a trusted CA and names this host
http-verified-anyway = verified (the chain would have passed even without --insecure)
http-not-verified = NOT verified (--insecure): { $reason }

## Sizes: a limit in plain bytes (KiB, MiB and GiB are written as symbols).
http-size-bytes = { $n } bytes

## A URL that is not an http:// or https:// target. $url is the text as given, quoted.
# $reason: the url crate's reason, e.g. "invalid port number".
http-target-invalid = { $url } is not a URL: { $reason }
http-target-scheme = { $url }: only http:// and https:// are supported, not { $scheme }://
http-target-no-host = { $url } has no host

## A response that cannot be read. $limit is a size (64 KiB) or, for interim answers, a count;
## quoted values came from the server.
# $reason: one of the http-head-* texts (httparse's own words in English).
http-wire-bad-head = the response is not HTTP: { $reason }
http-head-header-name = invalid header name
http-head-header-value = invalid header value
http-head-new-line = invalid new line
http-head-status = invalid response status
http-head-token = invalid token
http-head-too-many-headers = too many headers
http-head-version = invalid HTTP version
http-wire-head-too-large = the response head is larger than the limit of { $limit }
http-wire-too-many-interim = more than { $limit } interim (1xx) answers came before the real one
http-wire-bad-length = Content-Length { $value } is not a number
http-wire-conflicting-length =
    two different Content-Length values, { $first } and { $second }: the body's end is ambiguous
http-wire-body-too-large = the body is larger than the limit of { $limit }
http-wire-chunk-extensions-too-large =
    the chunk extensions add up to more than the limit of { $limit }
http-wire-trailers-too-large =
    the trailer fields after the last chunk are larger than the limit of { $limit }
# $problem: one of the http-chunk-* texts.
http-wire-bad-chunk = bad chunked encoding: { $problem }
http-chunk-data-without-crlf = chunk data not followed by CRLF
http-chunk-line-without-crlf = a chunk-size or trailer line does not end in CRLF
http-chunk-size-line-too-long = a chunk-size line is longer than { $limit }
http-chunk-not-hex = chunk size { $size } is not a hexadecimal number

## netlearn http get: an exchange that failed.
http-resolve = cannot resolve { $host }: { $error }
http-no-addresses = cannot resolve { $host }: no addresses
# $reason: http-connection-refused or the operating system's error.
http-connect = cannot connect to { $addr }: { $reason }
http-connection-refused = connection refused: nothing listens on that port
# $phase: one of the http-phase-* texts; $after and $limit are durations (5 s).
http-timeout = { $phase } timed out after { $after }: nothing arrived for that long
http-deadline = gave up { $phase }: the whole exchange took longer than its limit of { $limit }
http-phase-resolving = resolving the name
http-phase-connecting = connecting
http-phase-tls-handshake = the TLS handshake
http-phase-sending-request = sending the request
http-phase-half-closing = half-closing
http-phase-waiting-for-response = waiting for the response
http-phase-reading-body = reading the body
# $suggestion: the same URL with the other scheme.
http-speaks-tls =
    { $addr } answered in TLS, not plain HTTP: this port speaks TLS, try { $suggestion }
http-not-tls =
    { $addr } answered in plain HTTP, not TLS: this port speaks plain HTTP, try { $suggestion }
http-closed-before-open = the server closed the connection before it opened
http-closed-before-head =
    the server closed the connection after { $received } bytes, before a complete response head
http-closed-in-body =
    the server closed the connection after { $received } of the { $promised } body bytes Content-Length promised
http-closed-in-chunked-body = the server closed the connection in the middle of a chunked body
http-network = network error: { $error }
# $error: one of the texts above; $flag: the option that changes the limit it reached.
http-flag-changes-it = { $error } ({ $flag } changes it)

## netlearn http serve: why a request was refused (the log's note) and why a connection failed.
http-path-bad-encoding = the path is not valid percent-encoded UTF-8
http-path-traversal = the path tries to leave the served directory ("..")
http-path-forbidden-character = the path holds a forbidden character (NUL or backslash)
http-refused-link-outside = a symbolic link points outside the served directory
# $kind: one of the http-kind-* texts.
http-refused-not-regular = only regular files are served, this is { $kind }
http-kind-fifo = a FIFO (named pipe)
http-kind-char-device = a character device
http-kind-block-device = a block device
http-kind-socket = a socket
http-kind-other = not a regular file
http-kind-directory-for-file = a directory that replaced a file
http-conn-tls-timeout = TLS handshake timed out
# $error: rustls's words, or the system's error (system.ftl).
http-conn-tls-failed = TLS handshake failed: { $error }
## What hyper found wrong with a connection, else hyper's own words. The English texts are
## hyper's own (the JSON log's `message` keeps them as they were).
http-conn-incomplete = connection closed before message completed
# $what: hyper's own words ("message head is too large", "read header from client timeout",
# "invalid HTTP method parsed"); the Japanese says what they mean.
http-conn-head-too-large = { $what }
http-conn-head-timeout = { $what }
http-conn-malformed = { $what }

## netlearn http serve: the pages it sends. An error page is its status line ("404 Not Found")
## and one of these lines; a directory listing has a title and, when cut, a note.
http-page-method-not-allowed = this server only reads files: GET and HEAD
http-page-not-found = no such file
http-page-add-slash = a directory: add a /
# $len: the file's size in bytes.
http-page-range = the file has { $len } bytes
http-page-cannot-read = cannot read this file
http-page-cannot-list = cannot list this directory
http-listing-title = Index of { $path }
http-listing-cut = Only the first { $shown } entries are listed.

## netlearn http get: the `*` lines around an exchange (the demo's share demo-http-* in
## demo.ftl) and its usage errors. $ms is a duration already written with its unit (http-ms);
## quoted values and names came from the network or the command line, escaped.
http-ms = { $ms } ms
http-get-resolved = resolved to { $addresses } ({ $ms })
# $version: TLSv1_3 and the like; $suite: the cipher suite's name; $alpn: the protocol agreed.
http-get-tls = { $version }, cipher suite { $suite }, ALPN { $alpn } ({ $ms })
http-get-alpn-none = none
# $role: http-get-cert-server for the first certificate, http-get-cert-chain for the others.
http-get-cert = certificate { $n } ({ $role }): { $subject }
http-get-cert-server = server
http-get-cert-chain = chain
# The next three lines are indented under http-get-cert and aligned with each other.
http-get-cert-issuer = issued by: { $issuer }
http-get-cert-names = names:     { $names }
http-get-cert-valid = valid:     { $from } until { $until }
http-get-interim = (an interim { $status } answer; the real one follows)
# $note: one of the two texts after it.
http-get-binary = { $bytes } bytes of binary data ({ $note })
http-get-binary-not-terminal = not written to a terminal; redirect or pipe the output for the raw bytes
http-get-binary-body-flag = --body writes them raw
http-get-more = … { $bytes } more bytes (--body shows all)
http-get-escaped =
    control characters in the body are shown escaped on a terminal; pipe the output for the
    exact bytes
# $sizes: the chunks' sizes, "5, 5"; $listed: http-get-chunks-listed when only the first are.
http-get-chunked =
    { $bytes } bytes, chunked transfer coding: { $chunks } { $chunks ->
        [one] chunk
       *[other] chunks
    } of { $sizes } bytes{ $listed }, then a 0-size chunk
http-get-chunks-listed = {" "}(the first { $count } listed)
# The phases of the timings line (demo-http-timings): dns, connect and tls are protocol and call names.
http-get-phase-dns = dns { $ms }
http-get-phase-connect = connect { $ms }
http-get-phase-tls = tls { $ms }
http-get-fail = the server answered { $status } { $reason } (--fail)
# $header: the --header value as typed, quoted.
http-get-header-form = header { $header } must look like "Name: value"
http-get-header-token = header { $header }: the name must be a token and the value one line
http-get-tls-flags = --ca-file and --insecure are for https:// URLs

## netlearn http serve: its first lines, one log line per request or connection that ended
## badly, and the summary. $conn is the connection's number, $peer the client's address,
## $seconds a duration with its unit (echo-duration-*).
http-serve-listening = listening on { $local } ({ $scheme }, serving { $dir })
http-serve-open = open { $url } in a browser, or: netlearn http get { $url }
http-serve-certificate =
    certificate for { $names } from a throwaway CA; clients trust it with --ca-file { $ca }
http-serve-not-loopback =
    warning: { $addr } is not a loopback address: other machines can reach this server
http-serve-descriptors =
    warning: only { $limit } file descriptors may be open; --max-conns { $max } needs about two
    per download
# $reason: the status's reason phrase (OK, Not Found), as HTTP names it; $ms: milliseconds.
http-serve-request = [conn { $conn }] { $method } { $path } -> { $status } { $reason }, { $bytes } B, { $ms } ms ({ $peer })
# A refused request's line with why (http-path-*, http-refused-*, or the system's words).
http-serve-request-note = { $line }: { $note }
# $message: http-conn-* or hyper's words.
http-serve-conn-error = [conn { $conn }] { $peer }: { $message }
http-serve-refused = refused { $peer }: { $max } connections already open (--max-conns)
http-serve-cut-idle = [conn { $conn }] { $peer }: cut, nothing moved for { $seconds } (--idle-timeout)
http-serve-cut-grace = [conn { $conn }] { $peer }: cut, still open after the { $seconds } grace period (--grace)
http-serve-shutting-down =
    shutting down: { $open } { $open ->
        [one] connection
       *[other] connections
    } open, grace { $grace }; a second Ctrl-C exits at once
# A server a demo started stops when the demo is over (no signal, so no Ctrl-C to press).
http-serve-demo-stopped = the demo is over: the server stops
http-serve-summary =
    served { $requests } { $requests ->
        [one] request
       *[other] requests
    } on { $connections } { $connections ->
        [one] connection
       *[other] connections
    }
# Each is added to http-serve-summary when its count is not zero.
http-serve-summary-refused = {", "}{ $count } refused (--max-conns)
http-serve-summary-cut-idle = {", "}{ $count } cut idle (--idle-timeout)
http-serve-summary-cut-at-grace = {", "}{ $count } cut at shutdown (--grace)
http-serve-summary-errors = {", "}{ $count } ended in errors
http-serve-summary-dropped = {", "}{ $count } log lines dropped
# $dir: the directory as given; $error: the system's words.
http-serve-cannot-serve = cannot serve { $dir }: { $error }
http-serve-not-a-directory = cannot serve { $dir }: not a directory
http-serve-cannot-write = cannot write { $file }
http-serve-task-failed = the server task failed
