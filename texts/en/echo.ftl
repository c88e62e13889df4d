# The echo server's log, the echo client's hints and `netlearn echo demo`'s narration.
# Counts arrive as text with their noun ($bytes is "6 bytes"); the unit-* messages of ja/ name
# the nouns in Japanese, English keeps its own (src/output/words.rs).

## Nouns counted in log lines ($count is the number).

unit-byte =
    { $count ->
        [one] byte
       *[other] bytes
    }
unit-frame =
    { $count ->
        [one] frame
       *[other] frames
    }
unit-echo =
    { $count ->
        [one] echo
       *[other] echoes
    }
unit-message =
    { $count ->
        [one] message
       *[other] messages
    }
unit-connection =
    { $count ->
        [one] connection
       *[other] connections
    }
unit-open-connection =
    { $count ->
        [one] open connection
       *[other] open connections
    }
unit-datagram =
    { $count ->
        [one] datagram
       *[other] datagrams
    }

## The log (echo serve and echo demo).

echo-warning = warning: { $message }
# After "[conn N]".
echo-open = open from { $peer }
echo-received = received { $bytes }:
echo-closed =
    closed { $peer }: { $reason }; { $bytes_in } in, { $bytes_out } out, { $frames }, { $ms } ms
echo-reason-peer-closed = peer closed its side
echo-reason-quit = peer sent quit
echo-reason-frame-too-long = frame of { $bytes } exceeds --max-frame { $max }
echo-reason-text-as-length =
    the first 4 bytes read as a length of { $length } ("{ $text }"), over --max-frame { $max }: is
    the client using --framing line? Client and server must use the same --framing
echo-shutting-down =
    shutting down: no new connections; finishing { $open } (up to { $grace_ms } ms)
# $traffic is "N connections (R refused, C cut at shutdown)" or "N datagrams (D dropped)".
echo-summary =
    summary: { $traffic }, { $bytes_in } in, { $bytes_out } out, { $frames }, up { $uptime } s

## The client.

echo-framing-hint =
    check that client and server use the same --framing (this client uses { $framing };
    `netlearn echo serve --framing { $framing }` matches it, and the article's server.py needs
    --framing raw)

## echo demo: what each framing means, then the narration between the socket calls.

echo-story-line = delimiter: the message ends at a newline byte (0a)
echo-story-length = length prefix: 4 bytes (big-endian) say how many bytes of message follow
echo-story-fixed = fixed length: every message is exactly { $size } bytes
echo-story-raw = close the connection: no marks at all, the message ends when the sender closes
echo-demo-server-tcp = echo server on { $server } (tcp), { $story }
echo-demo-server-udp =
    echo server on { $server } (udp): no listen() and no accept(), each datagram is one message
echo-demo-clients-at-once =
    { $clients } clients are connected at once: the server accepted all of them without waiting
    for the first to finish (a blocking one-at-a-time server would not)
# $wire is the bytes in hex and as text.
echo-demo-sending = sending { $bytes } bytes: { $wire }
echo-demo-write-side-closed = write side closed: the server reads to end of stream, yet can still answer
echo-demo-verified = echo verified: { $bytes } bytes, byte for byte
echo-demo-sending-datagram = sending one datagram of { $bytes } bytes: { $wire }
echo-demo-verified-datagram =
    echo verified: one datagram of { $bytes } bytes; no connection was ever set up, and nothing
    would have resent it had it been lost
echo-demo-result =
    result: { $proto } with { $framing } framing: { $echoes } verified; the server saw
    { $bytes_in } in, { $bytes_out } out, { $frames }
