# The echo family's limits and refusals, worded from the typed values the server reports.

## Why a connection closed (after "closed PEER:" in the server's log).
# $seconds: how long nothing moved, e.g. "30".
echo-reason-idle = idle for { $seconds } s
echo-reason-shutdown = server shutting down
echo-reason-too-many = refused: { $max } connections already open (--max-conns)
# $message: the operating system's error, e.g. "Connection reset by peer (os error 104)".
echo-reason-error = error: { $message }

## Why a datagram was dropped instead of echoed (also in the JSON record's invalid_example).
# $bytes, here and below: a counted noun (count-bytes), e.g. "9 bytes".
echo-invalid-over-max-frame = datagram of { $bytes } exceeds --max-frame { $max }
echo-invalid-longer-than-fixed =
    datagram of { $bytes } is longer than the fixed frame of { $size }
echo-invalid-short-for-prefix =
    datagram of { $bytes } is too short for a 4-byte length prefix
echo-invalid-prefix-disagrees =
    length prefix says { $bytes } but the datagram carries { $carried }
echo-invalid-unnamed-sender =
    sender has no socket file of its own, so there is nowhere to send the echo (bind the
    client's socket to a path first)

## Why a Unix datagram was not answered at its sender's address: the file there is no longer
## the sender's own socket, so the echo could reach another one (also in the JSON record's
## untrusted_sender_example).
# $uid: the sending user's id, as the kernel gave it; $risk: one of the texts below.
echo-sender-from-uid = from uid { $uid }: { $risk }
echo-sender-no-credentials = the kernel gave no sender credentials with it
echo-sender-gone = there is no file at its address any more
echo-sender-link = its address is now a symbolic link, which could lead to any socket
echo-sender-not-socket = its address is no longer a socket
# $owner: the user id that owns the socket file.
echo-sender-other-owner = the socket at its address belongs to uid { $owner }, not to the sender
# $error: the operating system's error.
echo-sender-unreachable = its address cannot be opened: { $error }

## Sizes over what netlearn holds in memory (exit 2).
# After "invalid value '1GiB' for '--size <SIZE>': ". $max_mib: the limit in MiB; $max: the
# same in bytes, thousands separated.
echo-size-over-max =
    more than the limit of { $max_mib } MiB ({ $max } bytes) per message (each message is
    held whole in memory)
# $connections, $size: as given (thousands separated); $held: their product, e.g. "6.1 GiB".
echo-bench-over-memory =
    --connections { $connections } × --size { $size } would hold { $held } of messages at
    once, more than the limit of { $max_mib } MiB: use fewer connections or a smaller --size

## echo bench.
echo-bench-udp-needs-latency =
    UDP has no streams or connections to measure: use --mode latency with --udp
# $size: bytes; $framing: the framing as typed, e.g. "fixed:8"; $error: why it cannot.
echo-bench-message = cannot frame a { $size }-byte message as { $framing }: { $error }
# $first_error: one of the echo-bench-* failures below, or echo-bench-no-attempt.
echo-bench-no-connection = no connection to { $peer } could be opened: { $first_error }
echo-bench-no-attempt = no attempt made
## Why one connection or socket of a run failed (the report's "first error", also in JSON).
# $error: the operating system's error, e.g. "Connection refused (os error 111)".
echo-bench-not-inet = { $peer }: not an IP address and port
echo-bench-udp-socket = udp socket for { $peer }: { $error }
echo-bench-connect = connect to { $peer }: { $error }
echo-bench-send = send: { $error }
echo-bench-sendto = sendto: { $error }
echo-bench-recv = recv: { $error }
echo-bench-exchange = echo: { $error }
echo-bench-connect-exchange = connect/echo: { $error }
# $waited: the timeout with its unit, e.g. "5 s" or "500 ms".
echo-bench-no-echo = no echo within { $waited }
echo-bench-stopped-reading = server stopped reading for { $waited }
# $bytes: a counted noun (count-bytes).
echo-bench-closed-early = server closed after echoing { $bytes }
echo-bench-unframeable = cannot frame a datagram
# $error: the runtime's text, e.g. "task 12 panicked".
echo-bench-task-panicked = a measuring task panicked (a bug in netlearn: please report it)
echo-bench-task-cancelled = a measuring task was cancelled before it finished

## Warnings in the server's log (after "warning: "); the server goes on.
# $error: the operating system's error, e.g. "Too many open files (os error 24)".
echo-warning-accept = accept failed: { $error }
echo-warning-recvfrom = recvfrom failed: { $error }
# $peer: the address the reply was for.
echo-warning-sendto = sendto { $peer } failed: { $error }
echo-warning-not-loopback =
    { $addr } is not a loopback address: other machines can reach this echo server

## What was left when a peer closed in the middle of a frame (after "[conn N] ").
# $bytes: a counted noun, e.g. "8 bytes".
echo-tail = { $tail } ({ $bytes } echoed anyway)
echo-tail-unterminated = last { $bytes } had no newline
# $len: bytes received; $expected: the fixed frame size as a counted noun.
echo-tail-short-frame = last frame was { $len } of { $expected }
echo-tail-truncated = stream ended { $missing } short of a full frame

## Why a datagram from a source port is not answered (one example in the dropped line).
echo-risk-port-zero = source port 0 is not a valid source and is not answered
# $service: the service's name as services(5) spells it, e.g. "DNS".
echo-risk-service = source port { $port } ({ $service }) is not answered
echo-risk-service-rfc = source port { $port } ({ $service }, RFC { $rfc }) is not answered
echo-risk-echo-loop =
    source port { $port } (echo, RFC 862: two echo servers would bounce forever) is not answered
echo-risk-chargen-loop =
    source port { $port } (chargen, RFC 864: the classic echo/chargen loop) is not answered
echo-risk-well-known = source port { $port } is a well-known service port and is not answered
# $name: the protocol, e.g. "memcached".
echo-risk-reflector = source port { $port } ({ $name }) is a known reflector and is not answered

## Framing: a --framing value that is not one, and a message a framing cannot carry.
# $value: what was typed, e.g. "lines".
echo-framing-unknown = unknown framing '{ $value }': expected line, length, fixed:N or raw
echo-framing-bad-fixed-size =
    invalid fixed frame size '{ $value }': expected a whole number of bytes from 1 to { $max }
echo-encode-newline-in-line = a line-framed message cannot contain a newline byte
echo-encode-wrong-fixed-size =
    message is { $len ->
        [one] { $len } byte
       *[other] { $len } bytes
    } but fixed framing needs exactly { $size }
echo-encode-too-long-for-prefix =
    message is { $len } bytes, more than a u32 length prefix can describe

## A --unix socket file that cannot be bound (the server does not start).
# $path: the --unix path; $error: the operating system's error.
echo-unix-in-use =
    cannot listen on { $path }: another server is accepting connections on it (stop it, or
    choose another --unix path)
echo-unix-not-a-socket =
    cannot listen on { $path }: the path exists and is not a socket, so it is left alone
    (choose another --unix path)
echo-unix-unprobed =
    cannot listen on { $path }: a socket file is there and it cannot be told whether a server
    uses it ({ $error })
echo-unix-io = cannot listen on { $path }: { $error }

## Why `echo demo` stopped.
# $framing: e.g. "fixed:8"; $error: why the message does not fit it.
echo-demo-error-encode = { $framing } framing cannot carry this message: { $error }
# $error: the operating system's error, or why the socket file could not be bound.
echo-demo-error-bind = the demo server could not start: { $error }
# $client: the client's number, from 1.
echo-demo-error-client = client { $client }: { $error }
# $waited: a duration with its unit, e.g. "5 s"; $step: the socket call, e.g. "recv()".
echo-demo-error-timeout = client { $client }: no complete echo within { $waited }
echo-demo-error-stalled = client { $client }: { $step } did not finish within { $waited }
echo-demo-error-mismatch = client { $client }: the echo differs from what was sent
# echo demo --nonblocking: the first recv() was to find nothing yet, and found the echo.
echo-demo-error-early =
    client { $client }: the echo came before the server's delay: recv() did not have to wait
# The demo's own task ended without finishing (it panicked or was cancelled).
echo-demo-error-stopped = the demo stopped unexpectedly

## echo demo's own input (exit 2).
# $framing: as typed, e.g. "fixed:4"; $message: the message as typed, quoted; $error: why
# (echo-encode-*).
echo-demo-unframeable = { $framing } framing cannot carry { $message }: { $error }
# $delay, $timeout: as Rust writes a duration, e.g. "300ms", "5s".
echo-demo-delay-not-shorter =
    --delay { $delay } must be shorter than --timeout { $timeout }, or every wait times out

## echo serve: the server's own task ended without a summary (it panicked or was cancelled).
echo-server-stopped = the echo server stopped unexpectedly

## Flags that do not go together, and a port that cannot be had.
echo-bench-unix-dgram = --unix with --udp: echo bench measures Unix stream sockets; drop --udp
# $size: the fixed frame's bytes; $max: the --max-frame value.
echo-fixed-over-max-frame = --framing fixed:{ $size } is larger than --max-frame { $max }
# $addr: address and port; $error: the operating system's error.
echo-cannot-listen = cannot listen on { $addr } (tcp): { $error }
echo-cannot-bind = cannot bind { $addr } (udp): { $error }
