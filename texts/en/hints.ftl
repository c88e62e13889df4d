# The next step for the errors a beginner meets first (src/app/hints.rs).

## A port that is already in use. $addr is the address asked for, $proto tcp or udp,
## $what one of the hint-in-use-* reasons below.

hint-in-use = { $addr } ({ $proto }) is already in use: { $what }
hint-in-use-by-program =
    { $program } (pid { $pid }) is bound to { $local }; stop it, or choose another port with
    --port (--port 0 lets the system pick a free one)
hint-in-use-by-hidden =
    another program is bound to { $local } (its process is not visible to this user: `sudo ss
    -lntup 'sport = :{ $port }'` names it); stop it, or choose another port with --port
# $seconds is how long the last of them has left (60 when unknown).
hint-in-use-time-wait =
    no program holds port { $port }, only { $connections } closed { $connections ->
        [one] connection
       *[other] connections
    } in TIME_WAIT, which end within { $seconds } s. They were made by a server that did not set
    SO_REUSEADDR (the article's server.py does not), and Linux lets a new socket share a port
    with them only when both set it. Wait, or choose another port with --port; `netlearn
    explain TIME_WAIT` shows why
hint-in-use-connections =
    { $connections } open { $connections ->
        [one] connection
       *[other] connections
    } use port { $port }; choose another port with --port
hint-in-use-unknown =
    another program holds it (not visible from here); choose another port with --port

## A refused connection. $how is hint-refused-tcp or hint-refused-udp; $command the netlearn
## command that would listen there.

hint-refused-tcp = the connection was refused
hint-refused-udp = an ICMP "port unreachable" came back
hint-refused = nothing listens on { $addr } ({ $proto }): { $how }
hint-refused-start =
    nothing listens on { $addr } ({ $proto }): { $how }. Is the server running? Start one with
    `{ $command }` in another terminal, then try again

## Shared by every family: a bad input line quoted in an error, cut because it is long.
# $shown: the escaped start of the line, $length: how many characters the whole line has.
quote-cut = '{ $shown }…' ({ $length } characters in all)

## Shared by every family: netlearn was started with its standard output closed (`>&-`), so
## whatever it printed would be lost.
stdout-closed = standard output is closed, so nothing netlearn prints could be read; redirect it to a file or to /dev/null instead

## Shared by every family: the async runtime (its threads and I/O driver) could not be made, because
## the system refused a thread or a descriptor; the system's own error follows it.
process-no-runtime = cannot start the async runtime

## Shared by the servers (echo serve, http serve): their log on standard output, which never
## holds a server up.
# $lines: log lines dropped since the last such line (a number).
server-log-dropped =
    … { $lines ->
        [one] { $lines } log line
       *[other] { $lines } log lines
    } dropped: the log's reader was slower than the server
# On standard error, once. $why: server-log-reader-gone, or the system's error.
server-log-closed =
    the server log can no longer be written ({ $why }); still serving, stop with Ctrl-C or SIGTERM
server-log-reader-gone = the program reading it went away
