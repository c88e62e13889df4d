# The narration of the demos besides `echo demo`'s own (echo.ftl): `echo demo --nonblocking`,
# `echo demo --reset`, `socket demo` and `http demo`. Socket calls, errno names, Python lines
# and flags stay as they are; these are the sentences around them.

## echo demo --nonblocking

demo-nb-server =
    echo server on { $server } (tcp) that holds each echo for { $delay_ms } ms, standing in for a
    slow server
demo-nb-nonblocking =
    non-blocking: from now on no call waits; one that cannot finish at once returns an error that
    says so, and the program carries on
demo-nb-in-progress =
    the handshake has started but not finished: wait until the socket is writable, then SO_ERROR
    says whether it connected
demo-nb-connected = getsockopt(SO_ERROR) -> 0: connected
# $us is whole microseconds.
demo-nb-would-block =
    recv() returned after { $us } µs with no data: the echo is not there yet, and instead of
    waiting the call says "try again later"
# $wire is the bytes in hex and as text.
demo-nb-polled =
    poll() slept { $ms } ms until the echo arrived, then recv() had it: { $wire } (a real program
    polls many sockets at once this way: that is what select/poll/epoll, and asyncio, are for)
demo-nb-blocking = the same with a blocking socket (the default):
demo-nb-stood-still =
    recv() stood still for { $ms } ms: the program could do nothing else until the echo came
# $connect is demo-nb-result-connect or nothing; $echoes is "2 echoes".
demo-nb-result =
    result: non-blocking: { $connect }recv() said EWOULDBLOCK after { $us } µs, poll() waited
    { $poll_ms } ms for the echo; blocking: recv() stood still { $blocking_ms } ms (the server's
    delay: { $delay_ms } ms); { $echoes } verified
demo-nb-result-connect = {"connect() said EINPROGRESS, "}

## echo demo --reset

demo-reset-server =
    server on { $server } (tcp) that accepts a connection and closes it without reading what the
    client sent
# $bytes is a counted noun, e.g. "5 bytes"; $wire the bytes in hex and as text.
demo-reset-sending = sending { $bytes }: { $wire }
# $bytes is "5 bytes".
demo-reset-closed =
    closed with { $bytes } unread in the receive queue: the kernel resets the connection (RST) rather than end it with
    a FIN, for the data can no longer be delivered
demo-reset-recv-fails =
    recv() fails: ConnectionResetError: [Errno 104] Connection reset by peer. A reset throws away
    whatever was in flight; a program sees it as this error on its next call

## socket demo

demo-socket-refused-free = the port was free a moment ago, and now no socket listens on it
demo-socket-refused-rst =
    the client's SYN was answered with a reset (RST): the kernel found no socket listening on
    that port. That is all "connection refused" means
# $hint is netlearn's own error for a refused connection.
demo-socket-refused-hint = netlearn's own clients say it like this: { $hint }
demo-socket-udp-send =
    UDP has no handshake, so send() succeeds although nobody listens; the kernel answers the
    datagram with an ICMP "port unreachable" message
demo-socket-udp-recv =
    a connected UDP socket reports that ICMP answer on its next call: recv() fails with
    ECONNREFUSED. An unconnected socket (sendto without connect) never hears of it
demo-socket-in-use =
    only one socket may listen on { $addr }: SO_REUSEADDR does not let a second server in (on
    Linux it only lets a new socket past old connections in TIME_WAIT)
demo-socket-round-1 = round 1: a server that does not set SO_REUSEADDR, like the article's server.py
demo-socket-round-2 = round 2: the same server with SO_REUSEADDR set, as netlearn's servers do
demo-socket-time-wait =
    the server closed the connection first (after "quit"), so its side goes from FIN_WAIT to
    TIME_WAIT and stays there for 60 s (twice the maximum segment lifetime): late packets of
    this connection cannot be mistaken for a new one's
demo-socket-restart-refused =
    bind() fails although the server closed its listening socket: a connection in TIME_WAIT
    still uses port { $port }, and Linux lets a new socket share the port only when the old one
    had SO_REUSEADDR too. This is why the article's server.py, restarted within a minute, says
    "Address already in use"
demo-socket-restart-ok =
    with SO_REUSEADDR on both sockets the restart binds at once, TIME_WAIT or not: set it on
    every server socket before bind()
demo-socket-holder =
    who holds it, from /proc: { $program } (pid { $pid }) listens on { $local } — this demo's own
    first socket. A server in this situation stops the other program or chooses another port
    (--port 0 lets the system pick a free one)
demo-socket-holder-unknown = who holds it, from /proc: { $holder }
demo-socket-table = {"  "}the kernel's table for port { $port } now (/proc/net/tcp):
# The scenario could not go on; $error: the operating system's error.
demo-socket-stopped =
    the demo stopped: { $error } (is the loopback interface up? `ip link set lo up`)
demo-socket-time-left = {", "}{ $seconds } s left, held by no process

## http demo

demo-http-server = server: { $url } (serving a demo page; its log is at the end)
demo-http-server-log = server log:
# The exchange's narration (after "* "), as in `http get`.
demo-http-connected = connected to { $peer } from { $local } ({ $ms })
demo-http-half-closed =
    shutdown(SHUT_WR): request complete, our sending side is closed; the server still answers
# $framing is one of demo-http-body-*.
demo-http-body = body: { $framing }
demo-http-body-none = no body (HEAD, 1xx, 204 or 304 never carry one)
# The demo server could not bind a port of 127.0.0.1; the system's error follows.
demo-http-cannot-listen = cannot listen on 127.0.0.1
# $bytes is a counted noun, e.g. "13 bytes".
demo-http-body-length = { $bytes }, framed by Content-Length
demo-http-body-until-close =
    { $bytes }, ended by the server closing the connection (no length given)
# $phases is "connect 1.20 ms · first byte 2.00 ms · total 3.10 ms".
demo-http-timings = timings: { $phases }
demo-http-first-byte = first byte { $ms }
demo-http-total = total { $ms }

## echo demo --zero-copy

# $seconds is how long each server is streamed through, e.g. "1 s".
demo-zc-intro =
    zero-copy: the same raw echo served twice on 127.0.0.1, one connection streaming through
    each for { $seconds }
demo-zc-no-splice =
    this system has no splice(2): both servers copy, so the two figures should be about the same
# $rate is e.g. "2,345 MB/s"; $bytes e.g. "2.3 GiB".
demo-zc-splice =
    splice(2): socket → pipe → the same socket, the bytes never enter the server's memory:
    { $rate } ({ $bytes } echoed)
demo-zc-copy =
    read() + write(): socket → the server's buffer → socket, every byte copied twice: { $rate }
    ({ $bytes } echoed)
# $ratio is e.g. "1.42".
demo-zc-result =
    result: splice echoed { $ratio }× as fast as copying (the client, in this same process,
    still copies what it sends and reads)
demo-zc-mismatch = an echo came back different from what was sent
