# netlearn http get: why TLS with a server failed. $host is the server's name, $reason one of
# the http-tls-* reasons below.
http-tls-failed = TLS with { $host } failed: { $reason }
http-tls-expired = the certificate has expired: its validity period ended before now
http-tls-not-valid-yet =
    the certificate is not valid yet: its validity period starts in the future
http-tls-wrong-name = wrong name: the certificate is not for the host you asked for
# $names: the names the certificate is for, comma-separated, or http-tls-no-names.
http-tls-wrong-name-for =
    wrong name: the certificate is not for { $expected }, it is for { $names }
http-tls-no-names = no names at all (no subjectAltName)
http-tls-unknown-issuer =
    unknown issuer: the certificate chain does not lead to a CA you trust (a self-signed or
    private-CA certificate: pass that CA with --ca-file)
http-tls-bad-signature =
    bad signature: the certificate was not signed by the key it claims
http-tls-revoked = the certificate has been revoked by its CA
# $what: rustls's own name for the verdict.
http-tls-other-certificate = the certificate was rejected: { $what }
http-tls-handshake = the TLS handshake failed: { $what }
# $error: the operating system's or the connection's error.
http-tls-broken = the handshake failed: { $error }
http-tls-bad-server-name = { $host } is not a valid TLS server name
http-tls-no-settings = no TLS settings were given for an https:// URL
