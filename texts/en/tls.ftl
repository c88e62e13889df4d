# TLS shared by `dns --tls`, `dns --https`, `http get` and `http serve --tls` (src/app/tls_view.rs).

## Why a TLS certificate or handshake was refused.
tls-expired = the certificate has expired: its validity period ended before now
tls-not-valid-yet = the certificate is not valid yet: its validity period starts in the future
tls-wrong-name = wrong name: the certificate is not for the host you asked for
# $expected is the name asked for, $names the certificate's names or tls-no-names.
tls-wrong-name-for = wrong name: the certificate is not for { $expected }, it is for { $names }
tls-no-names = no names at all (no subjectAltName)
tls-unknown-issuer =
    unknown issuer: the certificate chain does not lead to a CA you trust (a self-signed or
    private-CA certificate: pass that CA with --ca-file)
tls-bad-signature = bad signature: the certificate was not signed by the key it claims
tls-revoked = the certificate has been revoked by its CA
# $what is rustls's own name for the verdict.
tls-other-certificate = the certificate was rejected: { $what }
tls-handshake = the TLS handshake failed: { $what }

## Why TLS settings could not be built. $reason is the system's error (system.ftl) when the
## file cannot be read, else the PEM reader's, webpki's, rustls's or rcgen's own words.
# $path is the --ca-file; $reason may be tls-ca-file-no-certificate.
tls-ca-file = cannot read the CA file { $path }: { $reason }
tls-ca-file-no-certificate = it holds no PEM certificate
tls-setup-failed = TLS setup failed: { $reason }
tls-cannot-make-certificate = cannot make a certificate: { $reason }
