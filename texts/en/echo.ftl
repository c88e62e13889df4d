# The echo server's log, the echo client's hints and `netlearn echo demo`'s narration.
# Counts arrive as text with their noun ($bytes is "6 bytes", a count-* message below).

## A number with its noun, in the right number ($count: the number, which chooses the form;
## $n: the same number as shown, thousands separated: "1,234 bytes").
count-bytes =
    { $count ->
        [one] { $n } byte
       *[other] { $n } bytes
    }
count-frames =
    { $count ->
        [one] { $n } frame
       *[other] { $n } frames
    }
count-echoes =
    { $count ->
        [one] { $n } echo
       *[other] { $n } echoes
    }
count-messages =
    { $count ->
        [one] { $n } message
       *[other] { $n } messages
    }
count-connections =
    { $count ->
        [one] { $n } connection
       *[other] { $n } connections
    }
count-open-connections =
    { $count ->
        [one] { $n } open connection
       *[other] { $n } open connections
    }
count-datagrams =
    { $count ->
        [one] { $n } datagram
       *[other] { $n } datagrams
    }
# The noun alone, for the per-packet texts of wire.ftl (filled from a template, not counted).
unit-byte =
    { $count ->
        [one] byte
       *[other] bytes
    }

## A framing by name (echo demo's result, echo bench's report): the --framing value.
echo-framing-name-line = line
echo-framing-name-length = length
# $size: the frame's size in bytes.
echo-framing-name-fixed = fixed:{ $size }
echo-framing-name-raw = raw
## A duration: milliseconds below a second, else seconds with one decimal at most.
echo-duration-ms = { $ms } ms
echo-duration-s = { $seconds } s
## echo bench's --mode, by name.
echo-bench-mode-throughput = throughput
echo-bench-mode-latency = latency
echo-bench-mode-connect = connect

## The log (echo serve and echo demo).

## Who a line is about, at its start: the server, the client, a connection by its number
## (the socket demos: the accepted connection, unnumbered, and a second server on the port).
## Lines are aligned by the widest of them.
echo-tag-server = [server]
echo-tag-client = [client]
echo-tag-conn = [conn { $conn }]
echo-tag-conn-accepted = [conn]
echo-tag-restart = [restart]

echo-warning = warning: { $message }
# After "[conn N]".
echo-open = open from { $peer }
echo-received = received { $bytes }:
echo-closed =
    closed { $peer }: { $reason }; { $bytes_in } in, { $bytes_out } out, { $frames }, { $ms } ms
echo-reason-peer-closed = peer closed its side
echo-reason-quit = peer sent quit
echo-reason-frame-too-long = frame of { $bytes } exceeds --max-frame { $max }
echo-reason-text-as-length =
    the first 4 bytes read as a length of { $length } ("{ $text }"), over --max-frame { $max }: is
    the client using --framing line? Client and server must use the same --framing
# $grace: the grace period with its unit (echo-duration-*).
echo-shutting-down =
    shutting down: no new connections; finishing { $open } (up to { $grace })
# $traffic is echo-summary-connections or echo-summary-datagrams.
echo-summary =
    summary: { $traffic }, { $bytes_in } in, { $bytes_out } out, { $frames }, up { $uptime } s

## --trace: a socket call as strace shows it. The call and its arguments are code, the same in
## every language; the bytes it moved and what it came to are words.
# $count: the bytes the call moved (a number).
echo-call-recv =
    recv() -> { $count ->
        [one] { $count } byte
       *[other] { $count } bytes
    }
echo-call-recv-end = recv() -> 0 bytes (end of stream)
echo-call-send =
    send({ $count ->
        [one] { $count } byte
       *[other] { $count } bytes
    })
# $peer: the address and port the datagram came from.
echo-call-recvfrom =
    recvfrom() -> { $count ->
        [one] { $count } byte
       *[other] { $count } bytes
    } from { $peer }
echo-call-sendto =
    sendto({ $count ->
        [one] { $count } byte
       *[other] { $count } bytes
    }, { $peer })
echo-call-socketpair = socketpair(AF_UNIX, SOCK_STREAM) -> two connected sockets
# $event: POLLIN or POLLOUT; $timeout_ms: the longest wait; $waited_ms: how long it took.
echo-call-poll-ready = poll({ $event }, { $timeout_ms } ms) -> ready after { $waited_ms } ms
echo-call-poll-timed-out =
    poll({ $event }, { $timeout_ms } ms) -> timed out after { $waited_ms } ms
# $connections: count-connections; $refused, $cut: numbers, thousands separated.
echo-summary-connections = { $connections } ({ $refused } refused, { $cut } cut at shutdown)
# $datagrams: count-datagrams; $dropped: a number, thousands separated.
echo-summary-datagrams = { $datagrams } ({ $dropped } dropped)

## The client.

echo-framing-hint =
    check that client and server use the same --framing (this client uses { $framing };
    `netlearn echo serve --framing { $framing }` matches it, and the article's server.py needs
    --framing raw)

## echo demo: what each framing means, then the narration between the socket calls.

echo-story-line = delimiter: the message ends at a newline byte (0a)
echo-story-length = length prefix: 4 bytes (big-endian) say how many bytes of message follow
# $size: the frame size as a counted noun (count-bytes), e.g. "8 bytes".
echo-story-fixed = fixed length: every message is exactly { $size }
echo-story-raw = close the connection: no marks at all, the message ends when the sender closes
echo-demo-server-tcp = echo server on { $server } (tcp), { $story }
echo-demo-server-udp =
    echo server on { $server } (udp): no listen() and no accept(), each datagram is one message
echo-demo-clients-at-once =
    { $clients } clients are connected at once: the server accepted all of them without waiting
    for the first to finish (a blocking one-at-a-time server would not)
# $wire is the bytes in hex and as text; $bytes, here and below, a counted noun (count-bytes),
# e.g. "6 bytes".
echo-demo-sending = sending { $bytes }: { $wire }
echo-demo-write-side-closed = write side closed: the server reads to end of stream, yet can still answer
echo-demo-verified = echo verified: { $bytes }, byte for byte
echo-demo-sending-datagram = sending one datagram of { $bytes }: { $wire }
echo-demo-verified-datagram =
    echo verified: one datagram of { $bytes }; no connection was ever set up, and nothing
    would have resent it had it been lost
echo-demo-result =
    result: { $proto } with { $framing } framing: { $echoes } verified; the server saw
    { $bytes_in } in, { $bytes_out } out, { $frames }
# After a datagram run (--udp, and --unix --udp): each message is one datagram, so no framing is
# named. $proto: udp or unix-dgram; $datagrams: a counted noun (count-datagrams).
echo-demo-result-datagram =
    result: { $proto }, one datagram per message (a datagram keeps its own boundaries, so no
    framing is needed to mark where a message ends): { $echoes } verified; the server saw
    { $bytes_in } in, { $bytes_out } out, { $datagrams }

## A Unix socket's peer with no file of its own, named by its process (SO_PEERCRED).
echo-peer-process = pid { $pid } (uid { $uid })
echo-peer-uid = uid { $uid }
echo-peer-unnamed = (unnamed)

## The server's first lines.
# $proto: tcp, udp, unix or unix-dgram; $framing: as typed, e.g. "fixed:8".
echo-listening = listening on { $addr } ({ $proto }, { $framing })
# $mode: the socket file's permission bits in octal, e.g. "0600".
echo-listening-mode = listening on { $addr } ({ $proto }, { $framing }, mode { $mode })
echo-replaced-stale =
    replaced a stale socket file: nobody was listening on it (a run that ended without
    removing it)

## What the log leaves out, and what the server refused or dropped.
# $dump: bytes in hex and as text; $bytes: a counted noun, e.g. "6 bytes".
echo-dump-more = { $dump } (and { $bytes } not shown)
# $messages: a counted noun; $rate: lines shown a second at most.
echo-messages-not-shown = … { $messages } not shown (at most { $rate } a second; -q hides them all)
# $calls: a count, thousands separated; $kept: how many calls the client keeps for --trace.
echo-calls-not-shown =
    … { $calls } earlier socket calls not shown (the client keeps the last { $kept } for --trace)
echo-refused = refused { $peer }: { $reason }
# Between the items of a list in one line.
echo-list-separator = {", "}
# $datagrams: a counted noun; $period: one of the two below; $parts: the reasons, listed.
echo-dropped = dropped { $datagrams } in { $period }: { $parts }
echo-dropped-last-second = the last second
echo-dropped-last-seconds = the last { $seconds } s
# $count: a number with thousands separated, e.g. "1,200"; $sources: addresses with counts.
echo-dropped-over-rate =
    { $count } over the rate limit of { $rate }/s per source (--udp-rate) from { $sources }
echo-dropped-other-sources = other sources ({ $count })
echo-dropped-own-address =
    { $count } from the server's own address (answering would loop forever)
echo-dropped-service-ports = { $count } from service ports
# $source: the address and port; $risk: why that port is not answered.
echo-dropped-service-ports-example = { $count } from service ports (e.g. { $source }: { $risk })
echo-dropped-invalid = { $count } invalid
echo-dropped-invalid-example = { $count } invalid (e.g. { $reason })
echo-dropped-untrusted-sender = { $count } whose sender's address is not its own socket
# $reason: echo-sender-from-uid (or one of the echo-sender-* reasons alone).
echo-dropped-untrusted-sender-example =
    { $count } whose sender's address is not its own socket (e.g. { $reason })

## echo bench: the report's row names, then their values, and the progress line on a terminal.
echo-bench-row-server = server
echo-bench-row-mode = mode
echo-bench-row-connections = connections
echo-bench-row-message = message
echo-bench-row-elapsed = elapsed
echo-bench-row-messages = messages
echo-bench-row-echoed = echoed
echo-bench-row-connection-rate = connection rate
echo-bench-row-rtt = rtt
echo-bench-row-lost = lost
echo-bench-row-errors = errors
echo-bench-row-verified = verified
echo-bench-row-first-error = first error
# $peer: the server; $proto: tcp, udp or unix; $framing: echo-framing-name-*.
echo-bench-server = { $peer } ({ $proto }, { $framing } framing)
# $connected, $connections: counts, thousands separated.
echo-bench-connected = { $connected } of { $connections } connected
# --mode connect: $connected connections opened (one per echo), $connections at a time.
echo-bench-connected-one-by-one = { $connected } opened and closed, { $connections } at a time
# $count: the message's size in bytes (a number); $n: the same, thousands separated.
echo-bench-payload =
    { $count ->
        [one] { $n } byte
       *[other] { $n } bytes
    } payload
# $messages: thousands separated; $rate: messages a second.
echo-bench-messages = { $messages } ({ $rate } msgs/s)
# $rate: connections a second.
echo-bench-connection-rate = { $rate } conns/s
# Round-trip times in microseconds.
echo-bench-rtt =
    min { $min } µs, p50 { $p50 } µs, p90 { $p90 } µs, p99 { $p99 } µs, max { $max } µs
# $count: datagrams with no echo (a number); $n: the same, thousands separated.
echo-bench-lost =
    { $count ->
        [one] { $n } datagram
       *[other] { $n } datagrams
    } (no echo within the timeout)
echo-bench-all-matched = every echoed byte matched
# $count: echoes that differed from what was sent (a number); $n: the same, as shown.
echo-bench-mismatches =
    { $count ->
        [one] { $n } mismatch
       *[other] { $n } mismatches
    }
# On stderr while the run goes on: $seconds elapsed, connections open, messages echoed, MB
# echoed, errors.
echo-bench-progress =
    { $seconds } s  { $connected } connected  { $messages } messages  { $mb } MB  { $errors } errors
