# netlearn http get: why TLS with a server failed. $host is the server's name, $reason one of
# the http-tls-* reasons below or a refused certificate (tls-* in dns.ftl).
http-tls-failed = TLS with { $host } failed: { $reason }
# $error: the operating system's or the connection's error.
http-tls-broken = the handshake failed: { $error }
http-tls-bad-server-name = { $host } is not a valid TLS server name
http-tls-no-settings = no TLS settings were given for an https:// URL
