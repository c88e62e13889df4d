//! TLS shared by DNS and HTTP: trust roots (webpki or a private CA file), an inspecting
//! verifier for --insecure, certificate facts in plain words, and throwaway server certificates.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use serde::Serialize;
use x509_parser::time::ASN1Time;

use crate::cause::Cause;

/// Why TLS settings could not be built (worded in `app::tls_view`; the messages here are
/// for logs and debugging).
#[derive(Debug, thiserror::Error)]
pub enum TlsSetupError {
    #[error("CA file {}", .path.display())]
    CaFile {
        path: PathBuf,
        #[source]
        problem: CaFileProblem,
    },
    /// rustls refused the settings.
    #[error("TLS settings")]
    Rustls(#[source] rustls::Error),
    /// rustls could not build the certificate verifier from the roots.
    #[error("certificate verifier")]
    Verifier(#[source] rustls::client::VerifierBuilderError),
    /// rcgen could not make a throwaway certificate.
    #[error("throwaway certificate")]
    Certificate(#[source] rcgen::Error),
    /// rcgen made a private key that rustls does not take (rustls says which way).
    #[error("throwaway key: {0}")]
    UnusableKey(&'static str),
}

/// What is wrong with a `--ca-file`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CaFileProblem {
    /// The file could not be read (an I/O error inside) or holds broken PEM.
    #[error(transparent)]
    Unreadable(Cause<PemError>),
    /// webpki refused a certificate in it.
    #[error(transparent)]
    Refused(Cause<rustls::Error>),
    /// It parses, but holds no `CERTIFICATE` block.
    #[error("no certificate")]
    NoCertificate,
}

/// The PEM reader's error (`Io` when the file could not be read).
pub use rustls::pki_types::pem::Error as PemError;

pub fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The webpki root CAs, or only the CAs in `ca_file` (a private CA).
pub fn root_store(ca_file: Option<&Path>) -> Result<RootCertStore, TlsSetupError> {
    let mut roots = RootCertStore::empty();
    match ca_file {
        Some(path) => {
            let bad = |problem: CaFileProblem| TlsSetupError::CaFile {
                path: path.to_path_buf(),
                problem,
            };
            let unreadable = |e: PemError| bad(CaFileProblem::Unreadable(e.into()));
            let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
                .map_err(unreadable)?
                .collect::<Result<_, _>>()
                .map_err(unreadable)?;
            if certs.is_empty() {
                return Err(bad(CaFileProblem::NoCertificate));
            }
            for cert in certs {
                roots
                    .add(cert)
                    .map_err(|e| bad(CaFileProblem::Refused(e.into())))?;
            }
        }
        None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
    }
    Ok(roots)
}

/// Client settings that verify the server against `ca_file` (or the webpki roots).
pub fn client_config(
    ca_file: Option<&Path>,
    alpn: &[&[u8]],
) -> Result<ClientConfig, TlsSetupError> {
    let mut config = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(TlsSetupError::Rustls)?
        .with_root_certificates(root_store(ca_file)?)
        .with_no_client_auth();
    config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    Ok(config)
}

/// A verifier that runs the real checks, remembers what they said, and lets the handshake go
/// on anyway (`--insecure`), so the learner still sees *why* it would have failed.
#[derive(Debug)]
pub struct InspectingVerifier {
    inner: Arc<WebPkiServerVerifier>,
    provider: Arc<CryptoProvider>,
    pub failure: Mutex<Option<rustls::Error>>,
}

impl ServerCertVerifier for InspectingVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if let Err(error) = self.inner.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        ) && let Ok(mut failure) = self.failure.lock()
        {
            *failure = Some(error);
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// Client settings for `--insecure`: every certificate accepted, every verdict kept.
pub fn insecure_client_config(
    ca_file: Option<&Path>,
    alpn: &[&[u8]],
) -> Result<(ClientConfig, Arc<InspectingVerifier>), TlsSetupError> {
    let provider = provider();
    let inner = WebPkiServerVerifier::builder_with_provider(
        Arc::new(root_store(ca_file)?),
        provider.clone(),
    )
    .build()
    .map_err(TlsSetupError::Verifier)?;
    let verifier = Arc::new(InspectingVerifier {
        inner,
        provider: provider.clone(),
        failure: Mutex::new(None),
    });
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(TlsSetupError::Rustls)?
        .dangerous()
        .with_custom_certificate_verifier(verifier.clone())
        .with_no_client_auth();
    config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    Ok((config, verifier))
}

/// webpki reports a certificate's names in Debug form (`DnsName("a.test")`,
/// `IpAddress(127.0.0.1)`); people want the name itself.
fn presented_name(name: &str) -> &str {
    for (open, close) in [("DnsName(\"", "\")"), ("IpAddress(", ")")] {
        if let Some(inner) = name
            .strip_prefix(open)
            .and_then(|rest| rest.strip_suffix(close))
        {
            return inner;
        }
    }
    name
}

/// Why a TLS handshake was refused, typed: the HTTP and DNS clients both report it, in the
/// same words (worded in `app::tls_view`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TlsRejection {
    Expired,
    NotValidYet,
    /// The certificate is for other names; `presented` is empty when it named none at all.
    WrongName {
        expected: Option<String>,
        presented: Vec<String>,
    },
    UnknownIssuer,
    BadSignature,
    Revoked,
    /// Another certificate verdict (the view shows rustls's own name for it).
    OtherCertificate(Cause<CertificateError>),
    /// The handshake failed before or apart from the certificate (versions, alerts, ...).
    Handshake(Cause<rustls::Error>),
}

impl TlsRejection {
    pub fn of(error: &rustls::Error) -> TlsRejection {
        let rustls::Error::InvalidCertificate(certificate) = error else {
            return TlsRejection::Handshake(error.clone().into());
        };
        match certificate {
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                TlsRejection::Expired
            }
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                TlsRejection::NotValidYet
            }
            CertificateError::NotValidForName => TlsRejection::WrongName {
                expected: None,
                presented: Vec::new(),
            },
            CertificateError::NotValidForNameContext {
                expected,
                presented,
            } => TlsRejection::WrongName {
                expected: Some(expected.to_str().into_owned()),
                presented: presented
                    .iter()
                    .map(|n| presented_name(n).to_string())
                    .collect(),
            },
            CertificateError::UnknownIssuer => TlsRejection::UnknownIssuer,
            CertificateError::BadSignature => TlsRejection::BadSignature,
            CertificateError::Revoked => TlsRejection::Revoked,
            other => TlsRejection::OtherCertificate(other.clone().into()),
        }
    }

    /// The rustls error inside an I/O error, as tokio-rustls hands it back, or anywhere in an
    /// error's chain of sources (hickory's DoH errors wrap it).
    pub fn find(error: &(dyn std::error::Error + 'static)) -> Option<TlsRejection> {
        let mut cause = Some(error);
        // Bounded: a chain of sources is short, and a cyclic one must not hang the client.
        for _ in 0..16 {
            let current = cause?;
            if let Some(tls) = current.downcast_ref::<rustls::Error>() {
                return Some(TlsRejection::of(tls));
            }
            if let Some(tls) = current
                .downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
            {
                return Some(TlsRejection::of(tls));
            }
            cause = current.source();
        }
        None
    }
}

/// What one certificate says, for people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CertificateFacts {
    pub subject: String,
    pub issuer: String,
    /// Subject alternative names: the DNS names and IP addresses it is valid for.
    pub names: Vec<String>,
    /// The validity period; the JSON writes each time as OpenSSL does
    /// (`Jan  1 00:00:00 2019 +00:00`).
    #[serde(serialize_with = "serialize_time")]
    pub not_before: ASN1Time,
    #[serde(serialize_with = "serialize_time")]
    pub not_after: ASN1Time,
    pub self_signed: bool,
    pub is_ca: bool,
}

fn serialize_time<S: serde::Serializer>(time: &ASN1Time, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(time)
}

/// Reads a DER certificate; None when it does not parse as X.509.
pub fn certificate_facts(der: &[u8]) -> Option<CertificateFacts> {
    use x509_parser::extensions::GeneralName;
    let (_, cert) = x509_parser::parse_x509_certificate(der).ok()?;
    let names = cert
        .subject_alternative_name()
        .ok()
        .flatten()
        .map(|san| {
            san.value
                .general_names
                .iter()
                .map(|name| match name {
                    GeneralName::DNSName(dns) => dns.to_string(),
                    // An address of another length is not an address: x509-parser's own
                    // form (`IPAddress(0a:00)`) shows its bytes.
                    GeneralName::IPAddress(bytes) => {
                        san_address(bytes).map_or_else(|| name.to_string(), |ip| ip.to_string())
                    }
                    other => other.to_string(),
                })
                .collect()
        })
        .unwrap_or_default();
    let subject = cert.subject().to_string();
    let issuer = cert.issuer().to_string();
    Some(CertificateFacts {
        self_signed: subject == issuer,
        is_ca: cert.is_ca(),
        subject,
        issuer,
        names,
        not_before: cert.validity().not_before,
        not_after: cert.validity().not_after,
    })
}

/// The address in an iPAddress subjectAltName: 4 bytes IPv4, 16 bytes IPv6 (RFC 5280).
fn san_address(bytes: &[u8]) -> Option<std::net::IpAddr> {
    match bytes.len() {
        4 => <[u8; 4]>::try_from(bytes).ok().map(std::net::IpAddr::from),
        16 => <[u8; 16]>::try_from(bytes).ok().map(std::net::IpAddr::from),
        _ => None,
    }
}

/// A throwaway CA and a server certificate it signed, for loopback demos and tests.
pub struct ThrowawayCertificates {
    /// The CA certificate (PEM): what a client passes with --ca-file.
    pub ca_pem: String,
    pub chain: Vec<CertificateDer<'static>>,
    pub key: PrivateKeyDer<'static>,
}

/// Makes a CA named `ca_name` and a server certificate for `names` (DNS names or IPs).
pub fn throwaway_certificates(
    ca_name: &str,
    names: &[&str],
) -> Result<ThrowawayCertificates, TlsSetupError> {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
    let bad = TlsSetupError::Certificate;
    let ca_key = KeyPair::generate().map_err(bad)?;
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).map_err(bad)?;
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, ca_name);
    let ca_cert = ca_params.self_signed(&ca_key).map_err(bad)?;
    let issuer = Issuer::new(ca_params, ca_key);
    let key = KeyPair::generate().map_err(bad)?;
    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let mut params = CertificateParams::new(names.clone()).map_err(bad)?;
    params.distinguished_name.push(
        DnType::CommonName,
        names.first().cloned().unwrap_or_default(),
    );
    let cert = params.signed_by(&key, &issuer).map_err(bad)?;
    Ok(ThrowawayCertificates {
        ca_pem: ca_cert.pem(),
        chain: vec![cert.der().clone(), ca_cert.der().clone()],
        key: PrivateKeyDer::try_from(key.serialize_der()).map_err(TlsSetupError::UnusableKey)?,
    })
}

/// Server settings presenting `chain` (HTTP/1.1 by ALPN).
pub fn server_config(
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
) -> Result<rustls::ServerConfig, TlsSetupError> {
    let mut config = rustls::ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(TlsSetupError::Rustls)?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(TlsSetupError::Rustls)?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throwaway_certificates_describe_themselves() {
        let made = throwaway_certificates("netlearn demo CA", &["localhost", "127.0.0.1"]).unwrap();
        let leaf = certificate_facts(&made.chain[0]).unwrap();
        assert_eq!(leaf.names, ["localhost", "127.0.0.1"]);
        assert!(leaf.issuer.contains("netlearn demo CA"), "{}", leaf.issuer);
        assert!(!leaf.self_signed && !leaf.is_ca);
        let ca = certificate_facts(&made.chain[1]).unwrap();
        assert!(ca.self_signed && ca.is_ca);
        assert!(certificate_facts(b"not a certificate").is_none());
        assert!(made.ca_pem.starts_with("-----BEGIN CERTIFICATE-----"));
    }

    #[test]
    fn san_addresses_are_four_or_sixteen_bytes() {
        assert_eq!(
            san_address(&[10, 0, 0, 1]),
            Some("10.0.0.1".parse().unwrap())
        );
        let mut v6 = [0u8; 16];
        v6[15] = 1;
        assert_eq!(san_address(&v6), Some("::1".parse().unwrap()));
        assert_eq!(san_address(&[10, 0]), None);
        assert_eq!(
            x509_parser::extensions::GeneralName::IPAddress(&[10, 0]).to_string(),
            "IPAddress(0a:00)"
        );
    }

    #[test]
    fn a_ca_file_without_certificates_is_typed() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.pem");
        std::fs::write(&empty, "no PEM here\n").unwrap();
        assert!(matches!(
            root_store(Some(&empty)),
            Err(TlsSetupError::CaFile { path, problem: CaFileProblem::NoCertificate }) if path == empty
        ));
        let missing = dir.path().join("missing.pem");
        assert!(matches!(
            root_store(Some(&missing)),
            Err(TlsSetupError::CaFile {
                problem: CaFileProblem::Unreadable(pem),
                ..
            }) if matches!(&*pem, PemError::Io(io) if io.kind() == std::io::ErrorKind::NotFound)
        ));
    }

    #[test]
    fn verification_failures_are_typed() {
        let expired = rustls::Error::InvalidCertificate(CertificateError::Expired);
        assert_eq!(TlsRejection::of(&expired), TlsRejection::Expired);
        let unknown = rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer);
        assert_eq!(TlsRejection::of(&unknown), TlsRejection::UnknownIssuer);
        let name = rustls::Error::InvalidCertificate(CertificateError::NotValidForName);
        assert_eq!(
            TlsRejection::of(&name),
            TlsRejection::WrongName {
                expected: None,
                presented: Vec::new()
            }
        );
        let named = rustls::Error::InvalidCertificate(CertificateError::NotValidForNameContext {
            expected: ServerName::try_from("127.0.0.1").unwrap(),
            presented: vec![
                "DnsName(\"localhost\")".into(),
                "IpAddress(10.0.0.1)".into(),
            ],
        });
        assert_eq!(
            TlsRejection::of(&named),
            TlsRejection::WrongName {
                expected: Some("127.0.0.1".into()),
                presented: vec!["localhost".into(), "10.0.0.1".into()],
            }
        );
    }

    #[test]
    fn a_rejection_is_found_inside_an_io_error_and_a_chain_of_sources() {
        let unknown = rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer);
        let io = std::io::Error::new(std::io::ErrorKind::InvalidData, unknown.clone());
        assert_eq!(TlsRejection::find(&io), Some(TlsRejection::UnknownIssuer));
        #[derive(Debug, thiserror::Error)]
        #[error("wrapper")]
        struct Wrapper(#[source] std::io::Error);
        let wrapped = Wrapper(io);
        assert_eq!(
            TlsRejection::find(&wrapped),
            Some(TlsRejection::UnknownIssuer)
        );
        let plain = std::io::Error::other("no TLS here");
        assert_eq!(TlsRejection::find(&plain), None);
    }
}
