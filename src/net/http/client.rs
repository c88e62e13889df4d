//! The HTTP client, one request per connection with every phase timed: resolve, connect, TLS
//! handshake (with its facts), request bytes, optional half-close, response head and body.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::ClientConfig;
use rustls::pki_types::ServerName;
use serde::Serialize;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;

use super::target::{Scheme, Target};
use super::wire::{self, BodyFraming, ResponseHead, WireError};
use crate::net::tls::{
    CertificateFacts, InspectingVerifier, certificate_facts, explain_verification,
};

/// Largest body read (bigger ones are an error rather than unbounded memory).
pub const MAX_BODY: u64 = 64 * 1024 * 1024;

/// How to check the server's certificate.
#[derive(Clone)]
pub struct TlsSettings {
    pub config: Arc<ClientConfig>,
    /// Set under --insecure: the verdict the real checks gave.
    pub inspector: Option<Arc<InspectingVerifier>>,
}

#[derive(Clone)]
pub struct FetchOptions {
    pub method: String,
    pub headers: Vec<(String, String)>,
    /// After the request, shutdown(SHUT_WR): "my request is complete", as in the article.
    pub half_close: bool,
    /// Longest wait for each phase.
    pub timeout: Duration,
    pub tls: Option<TlsSettings>,
}

#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("cannot resolve {host}: {reason}")]
    Resolve { host: String, reason: String },
    #[error("cannot connect to {addr}: {reason}")]
    Connect { addr: SocketAddr, reason: String },
    #[error("{phase} timed out after {}", crate::net::dns::format_duration(*.after))]
    Timeout {
        phase: &'static str,
        after: Duration,
    },
    #[error("TLS with {host} failed: {reason}")]
    Tls { host: String, reason: String },
    #[error("{0}")]
    Wire(#[from] WireError),
    #[error("the server closed the connection {0}")]
    Closed(String),
    #[error("the body is larger than {MAX_BODY} bytes")]
    BodyTooLarge,
    #[error("network error: {0}")]
    Io(#[from] std::io::Error),
}

/// Milliseconds each phase took; None when it did not happen (no DNS for an IP, no TLS).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Timings {
    pub dns_ms: Option<f64>,
    pub connect_ms: f64,
    pub tls_ms: Option<f64>,
    /// From sending the request to the first response byte.
    pub first_byte_ms: f64,
    pub total_ms: f64,
}

/// What the TLS handshake settled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TlsFacts {
    pub version: String,
    pub cipher_suite: String,
    pub alpn: Option<String>,
    /// The chain the server sent, its own certificate first.
    pub chain: Vec<CertificateFacts>,
    pub verified: bool,
    /// "verified ..." or, under --insecure, why verification would have failed.
    pub verification: String,
}

/// One request and its response.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Exchange {
    pub url: String,
    pub resolved: Vec<IpAddr>,
    pub peer: SocketAddr,
    pub local: SocketAddr,
    #[serde(skip)]
    pub request: Vec<u8>,
    pub request_text: String,
    pub half_closed: bool,
    pub tls: Option<TlsFacts>,
    /// Interim 1xx responses that came before the final one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub informational: Vec<ResponseHead>,
    pub head: ResponseHead,
    pub framing: BodyFraming,
    #[serde(skip)]
    pub body: Vec<u8>,
    pub body_bytes: usize,
    pub chunk_sizes: Vec<usize>,
    pub timings: Timings,
}

trait Stream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Stream for T {}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

async fn within<T>(
    timeout: Duration,
    phase: &'static str,
    work: impl Future<Output = T>,
) -> Result<T, HttpError> {
    tokio::time::timeout(timeout, work)
        .await
        .map_err(|_| HttpError::Timeout {
            phase,
            after: timeout,
        })
}

async fn resolve(
    target: &Target,
    timeout: Duration,
) -> Result<(Vec<SocketAddr>, Option<f64>), HttpError> {
    if let Ok(ip) = target.host.parse::<IpAddr>() {
        return Ok((vec![SocketAddr::new(ip, target.port)], None));
    }
    let started = Instant::now();
    let found = within(
        timeout,
        "resolving the name",
        tokio::net::lookup_host((target.host.as_str(), target.port)),
    )
    .await?
    .map_err(|e| HttpError::Resolve {
        host: target.host.clone(),
        reason: e.to_string(),
    })?
    .collect::<Vec<_>>();
    if found.is_empty() {
        return Err(HttpError::Resolve {
            host: target.host.clone(),
            reason: "no addresses".into(),
        });
    }
    Ok((found, Some(ms(started))))
}

async fn connect(addrs: &[SocketAddr], timeout: Duration) -> Result<TcpStream, HttpError> {
    let mut last = None;
    for &addr in addrs {
        match within(timeout, "connecting", TcpStream::connect(addr)).await {
            Ok(Ok(stream)) => return Ok(stream),
            Ok(Err(error)) => {
                last = Some(HttpError::Connect {
                    addr,
                    reason: match error.kind() {
                        std::io::ErrorKind::ConnectionRefused => {
                            "connection refused: nothing listens on that port".to_string()
                        }
                        _ => error.to_string(),
                    },
                })
            }
            Err(timeout) => last = Some(timeout),
        }
    }
    Err(last.unwrap_or(HttpError::Closed("before it opened".into())))
}

fn tls_failure(host: &str, error: &std::io::Error) -> HttpError {
    let reason = match error
        .get_ref()
        .and_then(|e| e.downcast_ref::<rustls::Error>())
    {
        Some(tls) => explain_verification(tls),
        None => format!("the handshake failed: {error}"),
    };
    HttpError::Tls {
        host: host.to_string(),
        reason,
    }
}

/// Makes the request and reads the whole response.
pub async fn fetch(target: &Target, options: &FetchOptions) -> Result<Exchange, HttpError> {
    let started = Instant::now();
    let mut timings = Timings::default();
    let (addrs, dns_ms) = resolve(target, options.timeout).await?;
    timings.dns_ms = dns_ms;
    let connect_started = Instant::now();
    let tcp = connect(&addrs, options.timeout).await?;
    timings.connect_ms = ms(connect_started);
    tcp.set_nodelay(true)?;
    let peer = tcp.peer_addr()?;
    let local = tcp.local_addr()?;

    let (mut stream, tls): (Box<dyn Stream>, Option<TlsFacts>) =
        match (&target.scheme, &options.tls) {
            (Scheme::Https, Some(settings)) => {
                let tls_started = Instant::now();
                let name =
                    ServerName::try_from(target.host.clone()).map_err(|e| HttpError::Tls {
                        host: target.host.clone(),
                        reason: format!("{:?} is not a valid TLS server name: {e}", target.host),
                    })?;
                let connector = tokio_rustls::TlsConnector::from(settings.config.clone());
                let stream = within(
                    options.timeout,
                    "the TLS handshake",
                    connector.connect(name, tcp),
                )
                .await?
                .map_err(|e| tls_failure(&target.host, &e))?;
                timings.tls_ms = Some(ms(tls_started));
                let facts = handshake_facts(stream.get_ref().1, settings);
                (Box::new(stream), Some(facts))
            }
            (Scheme::Https, None) => {
                return Err(HttpError::Tls {
                    host: target.host.clone(),
                    reason: "no TLS settings were given for an https:// URL".into(),
                });
            }
            (Scheme::Http, _) => (Box::new(tcp), None),
        };

    let request = wire::build_request(
        &options.method,
        &target.host_header(),
        &target.path_and_query,
        &options.headers,
    );
    let sent = Instant::now();
    within(
        options.timeout,
        "sending the request",
        stream.write_all(&request),
    )
    .await??;
    if options.half_close {
        within(options.timeout, "half-closing", stream.shutdown()).await??;
    }

    let mut buf: Vec<u8> = Vec::with_capacity(16 * 1024);
    let mut chunk = vec![0u8; 64 * 1024];
    let mut first_byte = None;
    let mut eof = false;
    let mut informational = Vec::new();
    let head = loop {
        if let Some(head) = wire::parse_head(&buf)? {
            // 1xx answers (100 Continue, 103 Early Hints) come before the real one.
            if (100..200).contains(&head.status) && head.status != 101 {
                buf.drain(..head.head_bytes);
                informational.push(head);
                continue;
            }
            break head;
        }
        if eof {
            return Err(HttpError::Closed(format!(
                "after {} bytes, before a complete response head",
                buf.len()
            )));
        }
        eof = read_some(
            &mut stream,
            &mut chunk,
            &mut buf,
            options.timeout,
            "waiting for the response",
        )
        .await?;
        first_byte.get_or_insert_with(|| ms(sent));
    };
    timings.first_byte_ms = first_byte.unwrap_or_default();
    let framing = wire::body_framing(&options.method, &head)?;
    let mut chunk_sizes = Vec::new();
    let mut dechunker = wire::ChunkedDecoder::default();
    let body = loop {
        let rest = &buf[head.head_bytes..];
        match framing {
            BodyFraming::None => break Vec::new(),
            BodyFraming::ContentLength(length) => {
                if length > MAX_BODY {
                    return Err(HttpError::BodyTooLarge);
                }
                if rest.len() as u64 >= length {
                    break rest[..length as usize].to_vec();
                }
                if eof {
                    return Err(HttpError::Closed(format!(
                        "after {} of the {length} body bytes Content-Length promised",
                        rest.len()
                    )));
                }
            }
            BodyFraming::Chunked => {
                if let Some(done) = dechunker.feed(rest, MAX_BODY)? {
                    chunk_sizes = done.chunk_sizes;
                    break done.body;
                }
                if eof {
                    return Err(HttpError::Closed("in the middle of a chunked body".into()));
                }
            }
            BodyFraming::UntilClose => {
                if rest.len() as u64 > MAX_BODY {
                    return Err(HttpError::BodyTooLarge);
                }
                if eof {
                    break rest.to_vec();
                }
            }
        }
        eof = read_some(
            &mut stream,
            &mut chunk,
            &mut buf,
            options.timeout,
            "reading the body",
        )
        .await?;
    };
    timings.total_ms = ms(started);
    let _ = stream.shutdown().await;
    Ok(Exchange {
        url: target.to_string(),
        resolved: addrs.iter().map(SocketAddr::ip).collect(),
        peer,
        local,
        request_text: String::from_utf8_lossy(&request).into_owned(),
        request,
        half_closed: options.half_close,
        tls,
        informational,
        body_bytes: body.len(),
        head,
        framing,
        body,
        chunk_sizes,
        timings,
    })
}

/// Reads once into `buf`; true at end of stream. A TLS peer that closes without close_notify
/// is treated as end of stream, as browsers do for bodies that end with the connection.
async fn read_some(
    stream: &mut Box<dyn Stream>,
    chunk: &mut [u8],
    buf: &mut Vec<u8>,
    timeout: Duration,
    phase: &'static str,
) -> Result<bool, HttpError> {
    match within(timeout, phase, stream.read(chunk)).await? {
        Ok(0) => Ok(true),
        Ok(n) => {
            buf.extend_from_slice(&chunk[..n]);
            Ok(false)
        }
        Err(error) if error.kind() == std::io::ErrorKind::UnexpectedEof => Ok(true),
        Err(error) => Err(error.into()),
    }
}

fn handshake_facts(connection: &rustls::ClientConnection, settings: &TlsSettings) -> TlsFacts {
    let chain = connection
        .peer_certificates()
        .unwrap_or_default()
        .iter()
        .filter_map(|der| certificate_facts(der))
        .collect();
    let failure = settings
        .inspector
        .as_ref()
        .and_then(|i| i.failure.lock().ok().and_then(|mut f| f.take()));
    let (verified, verification) = match (&settings.inspector, failure) {
        (_, Some(error)) => (
            false,
            format!(
                "NOT verified (--insecure): {}",
                explain_verification(&error)
            ),
        ),
        (Some(_), None) => (
            true,
            "verified (the chain would have passed even without --insecure)".to_string(),
        ),
        (None, None) => (
            true,
            "verified: the chain leads to a trusted CA and names this host".to_string(),
        ),
    };
    TlsFacts {
        version: match connection.protocol_version() {
            Some(rustls::ProtocolVersion::TLSv1_3) => "TLS 1.3".to_string(),
            Some(rustls::ProtocolVersion::TLSv1_2) => "TLS 1.2".to_string(),
            Some(other) => format!("{other:?}"),
            None => "?".to_string(),
        },
        cipher_suite: connection
            .negotiated_cipher_suite()
            .map_or("?".into(), |s| format!("{:?}", s.suite())),
        alpn: connection
            .alpn_protocol()
            .map(|p| String::from_utf8_lossy(p).into_owned()),
        chain,
        verified,
        verification,
    }
}
