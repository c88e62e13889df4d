# The narration of `ftp demo` (src/learn/demo/ftp.rs), `echo demo --unix`
# (src/learn/demo/unix.rs) and `echo demo --vanish` (src/learn/demo/vanish.rs). Addresses,
# ports, paths, file names and byte counts arrive as placeholders; FTP commands, socket calls
# and flags stay as they are.

## ftp demo: its notes, in the order the demo says them.

ftp-server =
    FTP server (netlearn's own, in this process) on { $addr }, serving a private temporary
    directory with { $first } and { $second }
ftp-control = the control connection: commands and replies are lines of text, one at a time
ftp-password =
    the password just crossed the network as plain text: anyone who can see the packets reads it
    (FTPS adds TLS; SFTP is another protocol, over SSH)
ftp-type-i = TYPE I: binary ("image"), every byte as it is; TYPE A would rewrite line ends
ftp-active =
    active mode: the client listens and tells the server where, with PORT h1,h2,h3,h4,p1,p2
# $port = $p1 × 256 + $p2; $local: the client's address and port the server connects to.
ftp-active-nat =
    { $port } = { $p1 } × 256 + { $p2 }: the server will connect to { $local }. Behind NAT that
    address is private and a firewall sees an unexpected incoming connection: why active FTP
    breaks there, and passive mode exists
# $client: the control connection's client address; $lowest: 1024.
ftp-active-bounce =
    the server connects back only to the address the control connection comes from
    ({ $client }), and only to a port of { $lowest } or more (RFC 2577): otherwise PORT could make
    it connect to a third machine and send it a file (the FTP bounce attack), or show by its
    replies which ports answer there
ftp-pasv =
    PASV's answer names where the server waits for the data connection: address { $ip } and port
    p1 × 256 + p2 = { $p1 } × 256 + { $p2 } = { $port }
ftp-epsv =
    EPSV (RFC 2428) names only the port, { $port }: the address is the control connection's,
    which also works over IPv6 and through NAT
# $bytes, here and in the ftp-data-* and unix-* lines: a counted noun, e.g. "12 bytes".
ftp-retrieved = { $file } arrived whole: { $bytes }, the same as on the server's disk
ftp-stored = { $file } is now in the server's directory, byte for byte
# $count: the transfers made (a number), one data connection each.
ftp-transfers =
    { $count ->
        [one] { $count } transfer, { $count } data connection
       *[other] { $count } transfers, { $count } data connections
    }; one control connection from login to QUIT

## ftp demo: the data connections (after ftp-tag-data) and the last line.

# The mark at the start of a data connection's line.
ftp-tag-data = [data]

ftp-data-opened-passive =
    connection opened: client { $local } -> server { $peer } (passive: the client connected)
ftp-data-opened-active =
    connection opened: server { $peer } -> client { $local } (active: the server connected back)
ftp-data-closed-by-server =
    closed by the server after { $bytes }: that close marks the end of the data (no length
    was sent)
ftp-data-closed-by-client =
    closed by the client after sending { $bytes }: the close tells the server the file is
    complete
# $mode: passive or active, as in JSON; $connections, $files: numbers.
ftp-result =
    result: { $mode } mode: { $connections ->
        [one] { $connections } data connection
       *[other] { $connections } data connections
    } opened and closed while the control connection stayed open; { $files ->
        [one] { $files } file
       *[other] { $files } files
    } verified byte for byte

## ftp demo --serve.

ftp-listening =
    listening on { $addr } (ftp, files in { $root }); any user name and password log in; Ctrl-C
    stops
# $command: a Python one-liner that lists the files.
ftp-try = try: { $command }
# $file and $stored: sizes with their unit ("64 MiB"); $idle: seconds.
ftp-limits =
    limits: { $per_address } sessions from one address, { $sessions } in all; uploads up to
    { $file } per file, { $stored } in all; a session idle for { $idle } s is closed

## ftp demo: what can go wrong.

ftp-download-differs = the downloaded file differs from the server's
ftp-upload-differs = the uploaded file on the server differs from what was sent
ftp-cannot-make-root = cannot make the FTP server's directory
ftp-server-cannot-start = the demo server could not start
ftp-demo-stopped = the demo stopped unexpectedly

## echo demo --unix.

# $proto: unix or unix-dgram; $story: how messages are framed (echo-story-*).
unix-server = echo server on the socket file { $path } ({ $proto }), { $story }
unix-permissions =
    the socket file is mode { $mode }, owner uid { $uid }: connect() needs write permission on it,
    so only that user may connect (`ls -l` shows it as srw-------); 0660 would let the file's
    group in too. No port is taken, and no other machine can reach it
unix-cannot-examine = the socket file cannot be examined: { $error }
# $gone is "yes" when the file is no longer there, as it should be.
unix-removed =
    the server removed its socket file on the way out (it is { $gone ->
        [yes] gone
       *[other] still there
    }): a file left behind would make the next bind fail with "address in use", which is why
    netlearn echo serve --unix replaces a stale one it finds
unix-peer =
    a Unix socket's client has no address of its own: the server above knows it by the process
    and user the kernel recorded at connect (SO_PEERCRED)
unix-verified =
    echo verified: { $bytes }, byte for byte, with no TCP, no IP and no port: the kernel
    copied them from one process's socket buffer to the other's
unix-dgram-own-file =
    a datagram client binds a file of its own: without one the server would have no address to
    send the echo to
unix-dgram-verified =
    echo verified: one datagram of { $bytes }, whole, as sent (a Unix datagram socket is
    reliable and ordered, unlike UDP: it never leaves the machine)
unix-socketpair =
    socketpair(): two sockets connected to each other from the start, with no file, no bind, no
    listen and no accept; a parent keeps one end and hands the other to the child it starts (that
    is how many programs talk to their helpers)
# $wire: the bytes in hex and as text.
unix-socketpair-received = b received the { $bytes } a sent: { $wire }

## echo demo --vanish.

# $seconds: the idle timeout ("3.0"); $keepalive is "yes" with --keepalive.
vanish-server =
    echo server on { $server } (tcp): it closes a connection after { $seconds } s with nothing
    received (its idle timeout){ $keepalive ->
        [yes] {", and TCP keepalive probes an idle peer every second"}
       *[other] {""}
    }
vanish-polite = client 1 says goodbye properly: send, read the echo, close()
vanish-fin =
    the close sent a FIN: the server's recv() returned 0 bytes at once and it closed its side
    (see [conn 1] above)
vanish-frozen-intro =
    client 2 is another process (netlearn echo client); after one echo it is frozen with SIGSTOP:
    it neither sends nor closes, as a hung program or a machine that lost power would
vanish-frozen = client 2 frozen (SIGSTOP)
vanish-waiting =
    conn 2's recv() still waiting: { $waited } s of nothing (idle timeout at { $seconds } s)
vanish-keepalive =
    keepalive did not end it: the frozen process's kernel still answers the probes, so the
    connection looks alive. Keepalive finds a dead machine or a cut path; only the application's
    own timeout finds a peer that hangs
vanish-forever =
    without the idle timeout the server would wait forever (the HOWTO: the peer "may hang,
    thinking you're just being slow"); client 2's process is now ended
vanish-no-stdin = the child's standard input is missing
vanish-no-stdout = the child's standard output is missing
vanish-bad-pid = the child's process id is out of range

## What went wrong talking FTP in ftp demo. $text, $line and $reply come from the server.
ftp-error-connect = cannot connect to { $addr }: { $error }
# $limit: the --timeout, e.g. "5s".
ftp-error-timeout = no answer within { $limit }
ftp-error-closed = the server closed the control connection
ftp-error-line-too-long = a reply line longer than { $max } bytes
ftp-error-too-many-lines = a reply of more than { $max } lines
ftp-error-not-a-reply = not an FTP reply: { $line }
# $command: the command sent, e.g. "RETR hello.txt"; $code and $text: the server's reply.
ftp-error-refused = { $command } failed: { $code } { $text }
ftp-error-bad-passive = cannot read the data port from { $reply }
ftp-error-port-needs-ipv4 = PORT names an IPv4 address, and the data listener is IPv6
ftp-error-too-much-data = more than { $limit } bytes on the data connection

## `ftp ls` and `ftp get`: the client of any server.
# The target is not an FTP address: what was given, and why.
ftp-client-bad-target =
    { $target } is not an FTP address ({ $why }): write ftp://[USER[:PASSWORD]@]HOST[:PORT][/PATH]
    or HOST[:PORT][/PATH], e.g. 127.0.0.1:2121/hello.txt
ftp-client-scheme = the scheme is { $scheme }, not ftp
ftp-client-unreadable = it cannot be read as a URL
ftp-client-no-host = it names no host
# `ftp get` of a target without a file name.
ftp-client-no-file = { $target } names no file: add its path, e.g. { $target }/hello.txt
# A host name that resolved to no address.
ftp-client-no-address = { $host } has no address to connect to
# The --output file could not be written.
ftp-client-cannot-write = cannot write { $path }: { $cause }
