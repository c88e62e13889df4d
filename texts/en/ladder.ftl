## Ladder diagrams (`--ladder`): the words on and around the arrows. Flags, state names
## (RFC 9293: SYN-SENT, TIME-WAIT) and socket calls stay as they are in every language.

# Before the words of an arrow whose data was sent before (shown in brackets).
ladder-retransmission = [retransmission]
# Before the words of an arrow that arrived ahead of a gap.
ladder-out-of-order = [out of order]
# Over the column of the end that opened a TCP connection, and of the end it opened to.
ladder-client = client
ladder-server = server
# Over each conversation when a page has too many ends to draw side by side: its number and
# its two ends.
ladder-conversation = ── { $n }: { $a } ⇄ { $b }
# `--json` with a ladder, or two pictures asked for standard output at once.
ladder-one-output =
    a ladder is drawn for people or written to files: use at most one of --ladder, --mermaid -
    and --svg -, and no --json
# After the picture files when the capture had more packets than a picture holds.
ladder-picture-cut = the Mermaid and SVG pictures show the first { $kept }
# A picture file could not be written: its path and what the system said.
ladder-cannot-write-file = cannot write { $path }: { $cause }
# Over the data connection's ends in an FTP ladder (the control connection's are client and
# server).
ladder-client-data = client data
ladder-server-data = server data
# Over each ladder of `ftp demo --ladder`: which data connection it shows, beside the control
# connection.
ladder-ftp-page = ── data connection { $n }, beside the control connection
