//! One DNS exchange with one server over UDP, TCP, TLS (DoT, RFC 7858) or HTTPS (DoH,
//! RFC 8484). UDP uses a connected socket so an ICMP "port unreachable" ends the wait at once,
//! and a truncated UDP answer is asked again over TCP (RFC 7766).

use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use hickory_resolver::net::NetError;
use hickory_resolver::net::h2::HttpsClientStream;
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::xfer::DnsHandle;
use hickory_resolver::proto::ProtoError;
use hickory_resolver::proto::op::{DnsRequest, DnsRequestOptions, Message};
use hickory_resolver::proto::serialize::binary::DecodeError;
use rustls::ClientConfig;
use rustls::pki_types::ServerName;
use serde::Serialize;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpStream, UdpSocket};

use crate::cause::{Cause, IoCause};

/// How a query travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Transport {
    Udp,
    Tcp,
    Tls,
    Https,
}

impl Transport {
    /// The port a server listens on for this transport unless told otherwise.
    pub fn default_port(self) -> u16 {
        match self {
            Transport::Udp | Transport::Tcp => 53,
            Transport::Tls => 853,
            Transport::Https => 443,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Transport::Udp => "udp",
            Transport::Tcp => "tcp",
            Transport::Tls => "tls",
            Transport::Https => "https",
        }
    }
}

impl fmt::Display for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A server to ask, and for TLS/HTTPS the name its certificate must carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Server {
    pub addr: SocketAddr,
    /// The name checked against the certificate (a host name, or the address itself).
    pub tls_name: String,
    /// The DoH path, `/dns-query` by default.
    pub https_path: String,
}

impl Server {
    pub fn at(addr: SocketAddr) -> Server {
        Server {
            addr,
            tls_name: addr.ip().to_string(),
            https_path: "/dns-query".to_string(),
        }
    }
}

/// What came back, and how.
#[derive(Debug)]
pub struct Exchanged {
    pub response: Message,
    /// Size of the response on the wire, in bytes.
    pub size: usize,
    /// The transport that carried the answer (TCP after a truncated UDP answer).
    pub transport: Transport,
    pub tcp_after_truncation: bool,
    pub elapsed: Duration,
}

/// Why an exchange failed, typed: the dns view says it in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExchangeError {
    /// No answer within the whole exchange's time.
    Timeout(Duration),
    /// The host answered with ICMP port unreachable: nothing listens on that UDP port.
    PortUnreachable,
    /// Nothing listens on that TCP port.
    ConnectionRefused,
    /// The kernel (or a router, by ICMP) found no way to the server: ENETUNREACH or
    /// EHOSTUNREACH. Nothing was asked, so asking again soon is pointless.
    NoRoute(NoRoute),
    /// The server's certificate or the handshake was refused; the same words as `http get`.
    TlsRejected(TlsRejection),
    /// Another I/O failure: the operating system's error.
    Network(IoCause),
    /// The query could not be encoded: hickory's error.
    Encode(Cause<ProtoError>),
    /// The query does not fit a two-byte length prefix.
    QueryTooLong,
    /// The stream ended before the answer's length arrived.
    ClosedWithoutAnswer,
    /// TLS or HTTPS was asked for without TLS settings.
    NoTlsSettings(Transport),
    /// The name to check the certificate against is not a valid TLS server name.
    BadTlsName(String),
    /// DNS over HTTPS failed: hickory's error.
    Https(Cause<NetError>),
    /// The HTTP/2 stream ended without a response.
    HttpsNoAnswer,
    /// The answer could not be decoded: what is wrong, and the decoder's error (its own
    /// account is kept for --json; it may quote the peer's bytes).
    Malformed {
        what: Malformed,
        detail: Cause<DecodeError>,
    },
    /// The UDP answer had the TC flag, and asking again over TCP ran out of time.
    TruncatedRetryTimeout(Duration),
    /// The UDP answer had the TC flag, and asking again over TCP failed.
    TruncatedRetryFailed(Box<ExchangeError>),
}

/// What is wrong with an answer that could not be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Malformed {
    PointsForward,
    Overlapping,
    EndsInRecord,
    RdataLength,
    NameTooLong,
    UnknownLabel,
    DuplicateEdns,
    Other,
}

/// Which "no route" the system said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoRoute {
    /// ENETUNREACH: no route matches the address, not even a default one.
    Network,
    /// EHOSTUNREACH: a route exists but the host behind it did not answer ARP/ND, or a
    /// router sent ICMP "host unreachable".
    Host,
}

impl NoRoute {
    pub fn of(error: &io::Error) -> Option<NoRoute> {
        match error.kind() {
            io::ErrorKind::NetworkUnreachable => Some(NoRoute::Network),
            io::ErrorKind::HostUnreachable => Some(NoRoute::Host),
            _ => None,
        }
    }
}

/// What a decoding error means.
fn malformed_what(error: &DecodeError) -> Malformed {
    match error {
        DecodeError::PointerNotPriorToLabel { .. } => Malformed::PointsForward,
        DecodeError::LabelOverlapsWithOther { .. } => Malformed::Overlapping,
        DecodeError::InsufficientBytes => Malformed::EndsInRecord,
        DecodeError::IncorrectRDataLengthRead { .. } => Malformed::RdataLength,
        DecodeError::LabelBytesTooLong(_) | DecodeError::DomainNameTooLong(_) => {
            Malformed::NameTooLong
        }
        DecodeError::UnrecognizedLabelCode(_) => Malformed::UnknownLabel,
        DecodeError::DuplicateEdns => Malformed::DuplicateEdns,
        _ => Malformed::Other,
    }
}

fn malformed(error: &DecodeError) -> ExchangeError {
    ExchangeError::Malformed {
        what: malformed_what(error),
        detail: error.clone().into(),
    }
}

impl From<io::Error> for ExchangeError {
    fn from(error: io::Error) -> ExchangeError {
        if error.kind() == io::ErrorKind::ConnectionRefused {
            return ExchangeError::ConnectionRefused;
        }
        if let Some(no_route) = NoRoute::of(&error) {
            return ExchangeError::NoRoute(no_route);
        }
        match TlsRejection::find(&error) {
            Some(rejection) => ExchangeError::TlsRejected(rejection),
            None => ExchangeError::Network(error.into()),
        }
    }
}

/// Asks `server` the question in `query` over `transport`, within `timeout` for the whole
/// exchange (connection and handshake included).
pub async fn exchange(
    server: &Server,
    transport: Transport,
    query: &Message,
    timeout: Duration,
    tls: Option<&Arc<ClientConfig>>,
) -> Result<Exchanged, ExchangeError> {
    let started = Instant::now();
    let wire = query
        .to_vec()
        .map_err(|e| ExchangeError::Encode(e.into()))?;
    // One deadline for the whole exchange, the TCP retry of a truncated answer included;
    // a retry that runs out of it is reported as such, not as a UDP timeout.
    let deadline = tokio::time::Instant::now() + timeout;
    let timed_out = |_| ExchangeError::Timeout(timeout);
    let (response, size, transport, tcp_after_truncation) = match transport {
        Transport::Udp => {
            let (response, size) =
                tokio::time::timeout_at(deadline, udp_exchange(server.addr, &wire, query))
                    .await
                    .map_err(timed_out)??;
            if response.metadata.truncation {
                let (response, size) =
                    tokio::time::timeout_at(deadline, tcp_exchange(server.addr, &wire, query))
                        .await
                        .map_err(|_| ExchangeError::TruncatedRetryTimeout(timeout))?
                        .map_err(|e| ExchangeError::TruncatedRetryFailed(Box::new(e)))?;
                (response, size, Transport::Tcp, true)
            } else {
                (response, size, Transport::Udp, false)
            }
        }
        Transport::Tcp => {
            let (response, size) =
                tokio::time::timeout_at(deadline, tcp_exchange(server.addr, &wire, query))
                    .await
                    .map_err(timed_out)??;
            (response, size, Transport::Tcp, false)
        }
        Transport::Tls => {
            let config = tls.ok_or(ExchangeError::NoTlsSettings(Transport::Tls))?;
            let (response, size) =
                tokio::time::timeout_at(deadline, tls_exchange(server, config, &wire, query))
                    .await
                    .map_err(timed_out)??;
            (response, size, Transport::Tls, false)
        }
        Transport::Https => {
            let config = tls.ok_or(ExchangeError::NoTlsSettings(Transport::Https))?;
            let (response, size) =
                tokio::time::timeout_at(deadline, https_exchange(server, config, query))
                    .await
                    .map_err(timed_out)??;
            (response, size, Transport::Https, false)
        }
    };
    Ok(Exchanged {
        response,
        size,
        transport,
        tcp_after_truncation,
        elapsed: started.elapsed(),
    })
}

/// The largest UDP answer we invite (EDNS payload size, DNS Flag Day 2020 / RFC 9715).
pub const EDNS_PAYLOAD: u16 = 1232;

async fn udp_exchange(
    addr: SocketAddr,
    wire: &[u8],
    query: &Message,
) -> Result<(Message, usize), ExchangeError> {
    let local: SocketAddr = match addr.ip() {
        IpAddr::V4(_) => (Ipv4Addr::UNSPECIFIED, 0).into(),
        IpAddr::V6(_) => (Ipv6Addr::UNSPECIFIED, 0).into(),
    };
    let socket = UdpSocket::bind(local).await?;
    // Connected: only this server's datagrams are delivered, and its ICMP errors surface.
    socket.connect(addr).await?;
    socket.send(wire).await.map_err(udp_error)?;
    let mut buf = vec![0u8; 65535];
    loop {
        let len = socket.recv(&mut buf).await.map_err(udp_error)?;
        // A datagram that is not the answer to this query (late, spoofed, garbage) is skipped.
        if let Some(answer) = matching_answer(&buf[..len], query)? {
            return Ok((answer, len));
        }
    }
}

fn udp_error(error: io::Error) -> ExchangeError {
    if error.kind() == io::ErrorKind::ConnectionRefused {
        ExchangeError::PortUnreachable
    } else {
        error.into()
    }
}

async fn tcp_exchange(
    addr: SocketAddr,
    wire: &[u8],
    query: &Message,
) -> Result<(Message, usize), ExchangeError> {
    let mut stream = TcpStream::connect(addr).await?;
    let _ = stream.set_nodelay(true);
    stream_exchange(&mut stream, wire, query).await
}

async fn tls_exchange(
    server: &Server,
    config: &Arc<ClientConfig>,
    wire: &[u8],
    query: &Message,
) -> Result<(Message, usize), ExchangeError> {
    let name = ServerName::try_from(server.tls_name.clone())
        .map_err(|_| ExchangeError::BadTlsName(server.tls_name.clone()))?;
    let tcp = TcpStream::connect(server.addr).await?;
    let _ = tcp.set_nodelay(true);
    let connector = tokio_rustls::TlsConnector::from(config.clone());
    let mut stream = connector.connect(name, tcp).await?;
    stream_exchange(&mut stream, wire, query).await
}

/// DNS over a stream: each message behind a two-byte length (RFC 1035 §4.2.2).
async fn stream_exchange<S: AsyncRead + AsyncWrite + Unpin>(
    stream: &mut S,
    wire: &[u8],
    query: &Message,
) -> Result<(Message, usize), ExchangeError> {
    let len = u16::try_from(wire.len()).map_err(|_| ExchangeError::QueryTooLong)?;
    let mut framed = Vec::with_capacity(wire.len() + 2);
    framed.extend_from_slice(&len.to_be_bytes());
    framed.extend_from_slice(wire);
    stream.write_all(&framed).await?;
    stream.flush().await?;
    let mut buf = Vec::new();
    loop {
        let len = match stream.read_u16().await {
            Ok(len) => usize::from(len),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
                return Err(ExchangeError::ClosedWithoutAnswer);
            }
            Err(e) => return Err(e.into()),
        };
        buf.resize(len, 0);
        stream.read_exact(&mut buf).await?;
        if let Some(answer) = matching_answer(&buf, query)? {
            return Ok((answer, len));
        }
    }
}

async fn https_exchange(
    server: &Server,
    config: &Arc<ClientConfig>,
    query: &Message,
) -> Result<(Message, usize), ExchangeError> {
    let https = https_error;
    // The provider owns the task set that runs the HTTP/2 connection: it must outlive the
    // exchange, or the connection is aborted as soon as `exchange()` returns.
    let provider = TokioRuntimeProvider::new();
    let exchange = HttpsClientStream::builder(config.clone(), provider.clone())
        .exchange(
            server.addr,
            Arc::from(server.tls_name.as_str()),
            Arc::from(server.https_path.as_str()),
        )
        .await
        .map_err(|e| https(&e))?;
    let mut responses = exchange.send(DnsRequest::new(query.clone(), DnsRequestOptions::default()));
    let response = responses
        .next()
        .await
        .ok_or(ExchangeError::HttpsNoAnswer)?
        .map_err(|e| https(&e))?;
    drop(provider);
    let (message, wire) = response.into_parts();
    Ok((message, wire.len()))
}

/// A DoH failure: what the connection said (refused, no route, a refused certificate) as
/// for the other transports, anything else in hickory's words. hickory keeps the I/O error
/// in its `Io` variant without exposing it as a source, so it is looked at there.
fn https_error(error: &NetError) -> ExchangeError {
    if let NetError::Io(io) = error {
        if io.kind() == io::ErrorKind::ConnectionRefused {
            return ExchangeError::ConnectionRefused;
        }
        if let Some(no_route) = NoRoute::of(io) {
            return ExchangeError::NoRoute(no_route);
        }
        if let Some(rejection) = TlsRejection::find(io.as_ref()) {
            return ExchangeError::TlsRejected(rejection);
        }
    }
    match TlsRejection::find(error) {
        Some(rejection) => ExchangeError::TlsRejected(rejection),
        None => ExchangeError::Https(error.clone().into()),
    }
}

/// The answer to `query` in `bytes`, or None when the bytes answer something else.
fn matching_answer(bytes: &[u8], query: &Message) -> Result<Option<Message>, ExchangeError> {
    if bytes.len() < 2 || bytes[..2] != query.metadata.id.to_be_bytes() {
        return Ok(None);
    }
    let answer = Message::from_vec(bytes).map_err(|e| malformed(&e))?;
    let same_question = answer.queries.len() == query.queries.len()
        && answer.queries.iter().zip(&query.queries).all(|(a, q)| {
            a.query_type() == q.query_type() && a.name().to_lowercase() == q.name().to_lowercase()
        });
    // A server may leave the question out of an error answer (FORMERR, REFUSED).
    if !same_question && !answer.queries.is_empty() {
        return Ok(None);
    }
    Ok(Some(answer))
}

pub use crate::tls::{TlsRejection, TlsSetupError};

/// TLS client settings: the webpki root CAs, or only the CAs in `ca_file` (a private CA);
/// `alpn` is "dot" for DNS over TLS and "h2" for DNS over HTTPS.
pub fn tls_config(ca_file: Option<&Path>, alpn: &[u8]) -> Result<Arc<ClientConfig>, TlsSetupError> {
    crate::tls::client_config(ca_file, &[alpn]).map(Arc::new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hickory_resolver::proto::op::Query;
    use hickory_resolver::proto::rr::{Name, RecordType};

    fn query() -> Message {
        let mut message = Message::query();
        message.add_query(Query::query(
            Name::from_ascii("a.test.").unwrap(),
            RecordType::A,
        ));
        message
    }

    #[test]
    fn answers_to_other_ids_or_questions_are_skipped() {
        let q = query();
        let mut other = q.clone();
        other.metadata.id = q.metadata.id.wrapping_add(1);
        assert!(
            matching_answer(&other.to_vec().unwrap(), &q)
                .unwrap()
                .is_none()
        );

        let mut wrong_question = Message::response(q.metadata.id, q.metadata.op_code);
        wrong_question.add_query(Query::query(
            Name::from_ascii("b.test.").unwrap(),
            RecordType::A,
        ));
        assert!(
            matching_answer(&wrong_question.to_vec().unwrap(), &q)
                .unwrap()
                .is_none()
        );

        let mut right = Message::response(q.metadata.id, q.metadata.op_code);
        right.add_query(Query::query(
            Name::from_ascii("A.TEST.").unwrap(),
            RecordType::A,
        ));
        assert!(
            matching_answer(&right.to_vec().unwrap(), &q)
                .unwrap()
                .is_some()
        );
    }

    #[test]
    fn garbage_with_the_right_id_is_malformed() {
        let q = query();
        let mut bytes = q.metadata.id.to_be_bytes().to_vec();
        bytes.extend_from_slice(&[0x81, 0x80, 0, 5]);
        assert!(matches!(
            matching_answer(&bytes, &q),
            Err(ExchangeError::Malformed { .. })
        ));
    }

    #[tokio::test]
    async fn a_closed_udp_port_is_reported_as_unreachable_at_once() {
        let socket = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        let addr = socket.local_addr().unwrap();
        drop(socket);
        let error = exchange(
            &Server::at(addr),
            Transport::Udp,
            &query(),
            Duration::from_secs(20),
            None,
        )
        .await
        .unwrap_err();
        assert_eq!(error, ExchangeError::PortUnreachable);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn no_route_and_a_refused_certificate_are_typed() {
        for (raw, expected) in [(101, NoRoute::Network), (113, NoRoute::Host)] {
            assert_eq!(
                ExchangeError::from(io::Error::from_raw_os_error(raw)),
                ExchangeError::NoRoute(expected),
                "errno {raw}"
            );
        }
        let unknown = rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer);
        let error = ExchangeError::from(io::Error::new(io::ErrorKind::InvalidData, unknown));
        assert_eq!(
            error,
            ExchangeError::TlsRejected(TlsRejection::UnknownIssuer)
        );
    }

    #[test]
    fn a_ca_file_without_certificates_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.pem");
        std::fs::write(&path, "not a certificate\n").unwrap();
        let error = tls_config(Some(&path), b"dot").unwrap_err();
        assert!(
            matches!(&error, crate::tls::TlsSetupError::CaFile { path: named, .. } if named == &path),
            "{error:?}"
        );
    }
}
