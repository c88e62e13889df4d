# `netlearn echo client`: why it stopped, what it says at its prompt, and its --count report.

## Why the client stopped (after "netlearn: error: ", or in the --count report's result).
# $addr: the server's address or socket file; $cause: the operating system's error.
echo-client-connect = cannot connect to { $addr }: { $cause }
# $proto: tcp, udp, unix or unix-dgram.
echo-client-address-does-not-fit =
    cannot connect to { $addr }: this address does not fit the transport ({ $proto })
# $waited: how long the client waited, e.g. "5s" or "500ms".
echo-client-timeout =
    no echo within { $waited }: got { $received } of { $expected ->
        [one] { $expected } byte
       *[other] { $expected } bytes
    }
echo-client-closed =
    server closed the connection after echoing { $received } of { $expected ->
        [one] { $expected } byte
       *[other] { $expected } bytes
    }
# $error: one of the texts above; $hint: echo-framing-hint.
echo-client-other-framing = { $error }: { $hint }
# A Unix socket nobody serves. $path: the socket file; $udp: " --udp" or nothing;
# $what: echo-client-unix-stale or echo-client-unix-missing.
# A --unix path that exists but is no socket. $kind: one of echo-client-kind-*; $example: a
# path to start a server on (inside the directory, when the path is one); $udp: " --udp" or
# nothing.
echo-client-unix-not-a-socket =
    { $path } is { $kind }, not a socket, so no server can be reached there: give --unix the
    socket file a server listens on (its first line, `listening on PATH`, names it), or start
    one on a free path, e.g. `netlearn echo serve --unix { $example }{ $udp }`
echo-client-kind-file = a regular file
echo-client-kind-fifo = a FIFO (named pipe)
echo-client-kind-directory = a directory
echo-client-kind-other = a device or another kind of file
echo-client-unix-nothing-listens =
    nothing listens on { $path } ({ $proto }): { $what }. Is the server running? Start one
    with `netlearn echo serve --unix { $path }{ $udp }` in another terminal, then try again
echo-client-unix-stale =
    the socket file is there but no server accepts on it (left by a server that ended
    without removing it)
echo-client-unix-missing = there is no socket file at that path

## Failures of the client's own machinery.
echo-client-no-editor = cannot start the line editor
echo-client-no-terminal = cannot read from the terminal
# $size: the --size given; $frame: the fixed frame's size.
echo-client-size-not-fixed =
    --size { $size } does not fit --framing fixed:{ $frame }: fixed framing sends exactly { $frame ->
        [one] { $frame } byte
       *[other] { $frame } bytes
    }

## The interactive prompt.
# $peer, $local: addresses; $framing: line, length, fixed:N or raw; $how: one of the
# echo-client-how-* texts.
echo-client-connected =
    connected to { $peer } from { $local } ({ $proto }, { $framing } framing: { $how }). Type a message; "quit" or Ctrl-D ends.
echo-client-how-raw =
    each line is sent as typed, without its newline, as the article's client does
echo-client-how-line = each line is sent with its newline
echo-client-how-length = each line is sent after a 4-byte length
echo-client-how-fixed = each line is padded to one fixed frame
# $echoed: the echoed message (made safe for the terminal); $us: the round-trip time in
# microseconds, e.g. "52.3".
echo-client-echo = echo: { $echoed }  ({ $us } µs)
echo-client-echo-differs =
    echo: { $echoed }  ({ $us } µs, DIFFERS from what was sent: { $hint })
# $reason: why the framing cannot carry the message.
echo-client-cannot-send = cannot send that: { $reason }
# $error: echo-client-timeout.
echo-client-datagram-lost = { $error } (datagrams are not retransmitted; try again)
echo-client-server-gone =
    the server closed the connection (it was stopped, or ended the session); nothing more can
    be sent
echo-client-server-gone-enter = { $gone }: press Enter to leave

## After "quit".
echo-client-quit-closed = server closed the connection
# $then: echo-client-quit-bare-closed or echo-client-quit-bare-open.
echo-client-quit-echoed =
    the server sent "quit\n" back instead of closing: it does not end on a quit line (the
    article's server.py compares each recv() with "quit", and line framing adds a newline to
    every message, which it also printed after each one). Sent a bare "quit" as the article's
    client does: { $then }. With such a server use --framing raw, which sends exactly what you
    type, one message per Enter
echo-client-quit-bare-closed = the server closed the connection
echo-client-quit-bare-open = the server still did not close; closing ours
# $seconds: how long the client waited; $sent: "quit\n" or "quit", as sent.
echo-client-quit-still-open =
    server did not close the connection within { $seconds } s of quit; closing ours (does it
    end on "quit"? with { $framing } framing the client sent { $sent })

## The --count report: row names, then their values.
echo-client-row-server = server
echo-client-row-messages = messages
echo-client-row-payload = payload
echo-client-row-rtt = rtt
echo-client-row-result = result
# The server row of the --count report: address, transport and --framing value.
echo-client-server = { $peer } ({ $proto }, { $framing })
# $sent, $echoed, $mismatched: counts with thousands separators, e.g. "1,000".
echo-client-messages = { $sent } sent, { $echoed } echoed, { $mismatched } mismatched
# $bytes: a counted noun, e.g. "64 bytes".
echo-client-payload = { $bytes } each
# Each value is in microseconds with one decimal, e.g. "52.3".
echo-client-rtt = min { $min } µs, p50 { $p50 } µs, p99 { $p99 } µs, max { $max } µs
echo-client-stopped = stopped: { $error }
echo-client-all-matched = every echo matched
echo-client-some-differed = some echoes differed from what was sent: { $hint }
