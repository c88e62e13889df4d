//! The HTTP client, one request per connection with every phase timed: resolve, connect, TLS
//! handshake (with its facts), request bytes, optional half-close, response head and body.

use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use rustls::ClientConfig;
use rustls::pki_types::ServerName;
use serde::Serialize;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::TcpStream;

use super::target::{Scheme, Target};
use super::wire::{self, BodyFraming, ResponseHead, ResponseLimits, WireError};
use crate::tls::{CertificateFacts, InspectingVerifier, TlsRejection, certificate_facts};

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

/// What one exchange may cost in time and bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// The whole exchange, from resolving the name to the last body byte: per-read timeouts
    /// alone let a server that sends one byte just inside each keep the client forever.
    pub max_time: Duration,
    pub response: ResponseLimits,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            max_time: Duration::from_secs(30),
            response: ResponseLimits::default(),
        }
    }
}

/// Why an exchange failed (worded by the http view: `app::http::words`, which also names the
/// flag that changes a limit).
#[derive(Debug)]
pub enum HttpError {
    Resolve {
        host: String,
        error: std::io::Error,
    },
    /// The name resolved to no address at all.
    NoAddresses {
        host: String,
    },
    Connect {
        addr: SocketAddr,
        error: std::io::Error,
    },
    /// Nothing arrived during `phase` for the per-wait limit.
    Timeout {
        phase: Phase,
        after: Duration,
    },
    /// The whole exchange ran past its limit during `phase`.
    Deadline {
        phase: Phase,
        limit: Duration,
    },
    Tls {
        host: String,
        failure: TlsFailure,
    },
    /// An http:// URL whose port answered in TLS; `suggestion` is the https:// URL.
    SpeaksTls {
        addr: SocketAddr,
        suggestion: String,
    },
    /// An https:// URL whose port answered in plain HTTP; `suggestion` is the http:// URL.
    NotTls {
        addr: SocketAddr,
        suggestion: String,
    },
    Wire(WireError),
    /// The server closed the connection before the response was complete.
    Closed(Closed),
    Io(std::io::Error),
}

impl From<WireError> for HttpError {
    fn from(error: WireError) -> Self {
        HttpError::Wire(error)
    }
}

impl From<std::io::Error> for HttpError {
    fn from(error: std::io::Error) -> Self {
        HttpError::Io(error)
    }
}

/// The step of an exchange a wait belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Resolving,
    Connecting,
    TlsHandshake,
    SendingRequest,
    HalfClosing,
    WaitingForResponse,
    ReadingBody,
}

/// Where in the exchange the server closed the connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closed {
    /// No address could be tried at all.
    BeforeOpen,
    /// After `received` bytes, before the response head was complete.
    BeforeHead { received: usize },
    /// After `received` of the `promised` body bytes Content-Length promised.
    InBody { received: usize, promised: u64 },
    /// Before the last chunk of a chunked body.
    InChunkedBody,
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

/// What the TLS handshake settled (its JSON is the http view's: the verification is worded).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlsFacts {
    pub version: String,
    pub cipher_suite: String,
    pub alpn: Option<String>,
    /// The chain the server sent, its own certificate first.
    pub chain: Vec<CertificateFacts>,
    pub verified: bool,
    pub verification: Verification,
}

/// How the server's certificate chain was judged (worded by the command's view).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verification {
    /// The chain leads to a trusted CA and names this host.
    Trusted,
    /// Checking was switched off, and the chain would have passed anyway.
    UncheckedButValid,
    /// Checking was switched off, and the chain would have been refused for this reason.
    Unchecked(TlsRejection),
}

/// One request and its response (its JSON is the http view's, which words the verification).
#[derive(Clone, Debug, PartialEq)]
pub struct Exchange {
    pub url: String,
    pub resolved: Vec<IpAddr>,
    pub peer: SocketAddr,
    pub local: SocketAddr,
    pub request: Vec<u8>,
    pub request_text: String,
    pub half_closed: bool,
    pub tls: Option<TlsFacts>,
    /// Interim 1xx responses that came before the final one.
    pub informational: Vec<ResponseHead>,
    pub head: ResponseHead,
    pub framing: BodyFraming,
    pub body: Vec<u8>,
    pub body_bytes: usize,
    /// The first chunk sizes of a chunked body (at most `wire::MAX_RECORDED_CHUNKS`).
    pub chunk_sizes: Vec<usize>,
    /// Every chunk of a chunked body, listed in `chunk_sizes` or not.
    pub chunk_count: usize,
    pub timings: Timings,
}

trait Stream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Stream for T {}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// The two clocks of an exchange: a limit per wait, and one deadline for the whole.
#[derive(Clone, Copy)]
struct Clock {
    per_wait: Duration,
    deadline: Instant,
    max_time: Duration,
}

impl Clock {
    fn new(per_wait: Duration, max_time: Duration) -> Clock {
        let now = Instant::now();
        Clock {
            per_wait,
            // A deadline past what the clock can hold is as good as none.
            deadline: now.checked_add(max_time).unwrap_or(now + per_wait),
            max_time,
        }
    }

    /// Runs `work` until the per-wait timeout or the whole-exchange deadline, whichever is
    /// sooner, and names the one that ran out.
    async fn within<T>(&self, phase: Phase, work: impl Future<Output = T>) -> Result<T, HttpError> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        // Checked before the work starts: a timeout only fires while the work waits, and a
        // server that always has the next byte ready never makes it wait.
        if left.is_zero() {
            return Err(HttpError::Deadline {
                phase,
                limit: self.max_time,
            });
        }
        let (limit, error) = if self.per_wait < left {
            (
                self.per_wait,
                HttpError::Timeout {
                    phase,
                    after: self.per_wait,
                },
            )
        } else {
            (
                left,
                HttpError::Deadline {
                    phase,
                    limit: self.max_time,
                },
            )
        };
        tokio::time::timeout(limit, work).await.map_err(|_| error)
    }
}

async fn resolve(
    target: &Target,
    clock: &Clock,
) -> Result<(Vec<SocketAddr>, Option<f64>), HttpError> {
    if let Ok(ip) = target.host.parse::<IpAddr>() {
        return Ok((vec![SocketAddr::new(ip, target.port)], None));
    }
    let started = Instant::now();
    let found = clock
        .within(
            Phase::Resolving,
            tokio::net::lookup_host((target.host.as_str(), target.port)),
        )
        .await?
        .map_err(|error| HttpError::Resolve {
            host: target.host.clone(),
            error,
        })?
        .collect::<Vec<_>>();
    if found.is_empty() {
        return Err(HttpError::NoAddresses {
            host: target.host.clone(),
        });
    }
    Ok((found, Some(ms(started))))
}

async fn connect(addrs: &[SocketAddr], clock: &Clock) -> Result<TcpStream, HttpError> {
    let mut last = None;
    for &addr in addrs {
        match clock
            .within(Phase::Connecting, TcpStream::connect(addr))
            .await
        {
            Ok(Ok(stream)) => return Ok(stream),
            Ok(Err(error)) => last = Some(HttpError::Connect { addr, error }),
            Err(deadline @ HttpError::Deadline { .. }) => return Err(deadline),
            Err(timeout) => last = Some(timeout),
        }
    }
    Err(last.unwrap_or(HttpError::Closed(Closed::BeforeOpen)))
}

/// Why TLS with a server failed, typed.
#[derive(Debug)]
pub enum TlsFailure {
    /// The handshake or the certificate was refused (rustls's verdict).
    Rejected(TlsRejection),
    /// The handshake broke off for another reason (the connection closed, an I/O error).
    Broken(std::io::Error),
    /// The host is not something a certificate can name.
    BadServerName(rustls::pki_types::InvalidDnsNameError),
    /// An https:// URL without TLS settings.
    NoSettings,
}

fn tls_failure(host: &str, error: std::io::Error) -> HttpError {
    let failure = match error
        .get_ref()
        .and_then(|e| e.downcast_ref::<rustls::Error>())
    {
        Some(tls) => TlsFailure::Rejected(TlsRejection::of(tls)),
        None => TlsFailure::Broken(error),
    };
    HttpError::Tls {
        host: host.to_string(),
        failure,
    }
}

/// The same URL with the other scheme, for "this port speaks …" hints.
fn with_scheme(target: &Target, scheme: Scheme) -> String {
    let mut other = target.clone();
    // An explicit port stays; a default one follows the scheme.
    if target.port == target.scheme.default_port() {
        other.port = scheme.default_port();
    }
    other.scheme = scheme;
    other.to_string()
}

/// Keeps the first bytes the server sends during the TLS handshake: when the handshake fails
/// they tell a plain-HTTP server ("HTTP/1.1 400 …") from a broken TLS one.
struct Sniff<S> {
    inner: S,
    first: [u8; 5],
    seen: usize,
}

impl<S: AsyncRead + Unpin> AsyncRead for Sniff<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = polled {
            let seen = self.seen;
            let new = &buf.filled()[before..];
            let take = new.len().min(self.first.len() - seen);
            self.first[seen..seen + take].copy_from_slice(&new[..take]);
            self.seen += take;
        }
        polled
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Sniff<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Makes the request and reads the whole response, within the default budget.
pub async fn fetch(target: &Target, options: &FetchOptions) -> Result<Exchange, HttpError> {
    fetch_within(target, options, &Budget::default()).await
}

/// Makes the request and reads the whole response; whatever the server sends, the exchange
/// ends within `budget` (time and bytes) with the response or an error naming the limit.
pub async fn fetch_within(
    target: &Target,
    options: &FetchOptions,
    budget: &Budget,
) -> Result<Exchange, HttpError> {
    let started = Instant::now();
    let clock = Clock::new(options.timeout, budget.max_time);
    let limits = &budget.response;
    let mut timings = Timings::default();
    let (addrs, dns_ms) = resolve(target, &clock).await?;
    timings.dns_ms = dns_ms;
    let connect_started = Instant::now();
    let tcp = connect(&addrs, &clock).await?;
    timings.connect_ms = ms(connect_started);
    tcp.set_nodelay(true)?;
    let peer = tcp.peer_addr()?;
    let local = tcp.local_addr()?;

    let (stream, tls): (Box<dyn Stream>, Option<TlsFacts>) = match (&target.scheme, &options.tls) {
        (Scheme::Https, Some(settings)) => {
            let tls_started = Instant::now();
            let name = ServerName::try_from(target.host.clone()).map_err(|e| HttpError::Tls {
                host: target.host.clone(),
                failure: TlsFailure::BadServerName(e),
            })?;
            let connector = tokio_rustls::TlsConnector::from(settings.config.clone());
            let sniff = Sniff {
                inner: tcp,
                first: [0; 5],
                seen: 0,
            };
            let stream = match clock
                .within(
                    Phase::TlsHandshake,
                    connector.connect(name, sniff).into_fallible(),
                )
                .await?
            {
                Ok(stream) => stream,
                Err((_, sniff)) if sniff.first[..sniff.seen].starts_with(b"HTTP/") => {
                    return Err(HttpError::NotTls {
                        addr: peer,
                        suggestion: with_scheme(target, Scheme::Http),
                    });
                }
                Err((error, _)) => return Err(tls_failure(&target.host, error)),
            };
            timings.tls_ms = Some(ms(tls_started));
            let facts = handshake_facts(stream.get_ref().1, settings);
            (Box::new(stream), Some(facts))
        }
        (Scheme::Https, None) => {
            return Err(HttpError::Tls {
                host: target.host.clone(),
                failure: TlsFailure::NoSettings,
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
    let mut conn = Connection {
        stream,
        buf: Vec::new(),
        scratch: vec![0u8; 64 * 1024],
        clock,
    };
    let sent = Instant::now();
    clock
        .within(Phase::SendingRequest, conn.stream.write_all(&request))
        .await??;
    if options.half_close {
        clock
            .within(Phase::HalfClosing, conn.stream.shutdown())
            .await??;
    }

    let mut first_byte = None;
    let mut informational = Vec::new();
    let mut searched = 0;
    let head = loop {
        if conn.buf.len() >= 3 && target.scheme == Scheme::Http && wire::looks_like_tls(&conn.buf) {
            return Err(HttpError::SpeaksTls {
                addr: peer,
                suggestion: with_scheme(target, Scheme::Https),
            });
        }
        if wire::may_hold_head_end(&conn.buf, searched)
            && let Some(head) = wire::parse_head_within(&conn.buf, limits.max_head)?
        {
            conn.buf.drain(..head.head_bytes);
            searched = 0;
            // 1xx answers (100 Continue, 103 Early Hints) come before the real one.
            if (100..200).contains(&head.status) && head.status != 101 {
                if informational.len() >= limits.max_interim {
                    return Err(WireError::TooManyInterim {
                        limit: limits.max_interim,
                    }
                    .into());
                }
                informational.push(head);
                continue;
            }
            break head;
        }
        // Bytes that cannot end a head never make a complete one: refuse them as soon as
        // they pass the limit, not when the server stops.
        if conn.buf.len() > limits.max_head {
            return Err(WireError::HeadTooLarge {
                limit: limits.max_head,
            }
            .into());
        }
        searched = conn.buf.len();
        let n = conn.read(Phase::WaitingForResponse).await?;
        first_byte.get_or_insert_with(|| ms(sent));
        if n == 0 {
            return Err(HttpError::Closed(Closed::BeforeHead {
                received: conn.buf.len(),
            }));
        }
        conn.buf.extend_from_slice(&conn.scratch[..n]);
    };
    timings.first_byte_ms = first_byte.unwrap_or_default();
    let framing = wire::body_framing(&options.method, &head)?;
    let mut leftover = std::mem::take(&mut conn.buf);
    let mut chunk_sizes = Vec::new();
    let mut chunk_count = 0;
    let body = match framing {
        BodyFraming::None => Vec::new(),
        BodyFraming::ContentLength(length) => {
            if length > limits.max_body {
                return Err(WireError::BodyTooLarge {
                    limit: limits.max_body,
                }
                .into());
            }
            // Reserve what was promised, a little at a time: a server may promise much and
            // send nothing.
            let length = usize::try_from(length).unwrap_or(usize::MAX);
            leftover.truncate(length);
            let mut body = leftover;
            body.reserve(length.min(1 << 20).saturating_sub(body.len()));
            while body.len() < length {
                let n = conn.read(Phase::ReadingBody).await?;
                if n == 0 {
                    return Err(HttpError::Closed(Closed::InBody {
                        received: body.len(),
                        promised: length as u64,
                    }));
                }
                let take = n.min(length - body.len());
                body.extend_from_slice(&conn.scratch[..take]);
            }
            body
        }
        BodyFraming::Chunked => {
            let mut decoder = wire::ChunkedDecoder::new(*limits);
            let mut body = Vec::new();
            decoder.feed(&leftover, &mut body)?;
            drop(leftover);
            while !decoder.is_done() {
                let n = conn.read(Phase::ReadingBody).await?;
                if n == 0 {
                    return Err(HttpError::Closed(Closed::InChunkedBody));
                }
                decoder.feed(&conn.scratch[..n], &mut body)?;
            }
            chunk_count = decoder.chunk_count();
            chunk_sizes = decoder.take_chunk_sizes();
            body
        }
        BodyFraming::UntilClose => {
            let mut body = leftover;
            loop {
                if body.len() as u64 > limits.max_body {
                    return Err(WireError::BodyTooLarge {
                        limit: limits.max_body,
                    }
                    .into());
                }
                let n = conn.read(Phase::ReadingBody).await?;
                if n == 0 {
                    break body;
                }
                body.extend_from_slice(&conn.scratch[..n]);
            }
        }
    };
    timings.total_ms = ms(started);
    // Closing politely is a courtesy, not part of the exchange: it gets one short wait.
    let _ = tokio::time::timeout(Duration::from_millis(200), conn.stream.shutdown()).await;
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
        chunk_count,
        timings,
    })
}

/// The response side of the connection: a reusable read buffer and the bytes not yet used.
struct Connection {
    stream: Box<dyn Stream>,
    /// Received bytes of a response head not yet parsed (at most the head limit plus a read).
    buf: Vec<u8>,
    scratch: Vec<u8>,
    clock: Clock,
}

impl Connection {
    /// Reads once into `scratch`; 0 at end of stream. A TLS peer that closes without
    /// close_notify is treated as end of stream, as browsers do for bodies that end with the
    /// connection.
    async fn read(&mut self, phase: Phase) -> Result<usize, HttpError> {
        match self
            .clock
            .within(phase, self.stream.read(&mut self.scratch))
            .await?
        {
            Ok(n) => Ok(n),
            Err(error) if error.kind() == std::io::ErrorKind::UnexpectedEof => Ok(0),
            Err(error) => Err(error.into()),
        }
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
        (_, Some(error)) => (false, Verification::Unchecked(TlsRejection::of(&error))),
        (Some(_), None) => (true, Verification::UncheckedButValid),
        (None, None) => (true, Verification::Trusted),
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
