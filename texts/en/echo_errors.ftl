# The echo family's limits and refusals, worded from the typed values the server reports.

## Why a connection closed (after "closed PEER:" in the server's log).
# $seconds: how long nothing moved, e.g. "30".
echo-reason-idle = idle for { $seconds }s
echo-reason-shutdown = server shutting down
echo-reason-too-many = refused: { $max } connections already open (--max-conns)
# $message: the operating system's error, e.g. "Connection reset by peer (os error 104)".
echo-reason-error = error: { $message }

## Why a datagram was dropped instead of echoed (also in the JSON record's invalid_example).
echo-invalid-over-max-frame = datagram of { $len } bytes exceeds --max-frame { $max }
echo-invalid-longer-than-fixed =
    datagram of { $len } bytes is longer than the fixed frame of { $size }
echo-invalid-short-for-prefix =
    datagram of { $len } bytes is too short for a 4-byte length prefix
echo-invalid-prefix-disagrees =
    length prefix says { $declared } bytes but the datagram carries { $carried }
echo-invalid-unnamed-sender =
    sender has no socket file of its own, so there is nowhere to send the echo (bind the
    client's socket to a path first)

## echo bench.
echo-bench-udp-needs-latency =
    UDP has no streams or connections to measure: use --mode latency with --udp
