//! One connection: HTTP/1.1 served by hyper on any byte stream, cut when nothing moves for
//! the idle timeout or when the shutdown grace period ends, its requests logged and counted.

use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll, ready};
use std::time::{Duration, Instant};

use hyper::body::Incoming;
use hyper::header;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio_util::sync::CancellationToken;

use super::answer::answer;
use super::body::ServeBody;
use super::config::{FileServer, Limits};
use super::log::{
    ConnectionFailure, Counters, CutReason, EventSink, RequestLog, ServerEvent, bump,
};
use super::page::Pages;

/// hyper's read and write buffer limit per connection; it also bounds a request's head.
pub const CONN_BUFFER: usize = 64 * 1024;

/// When a byte last moved on a connection, either way.
struct Progress {
    start: Instant,
    last_ms: AtomicU64,
}

impl Progress {
    fn new() -> Self {
        Progress {
            start: Instant::now(),
            last_ms: AtomicU64::new(0),
        }
    }

    fn touch(&self) {
        let ms = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_ms.store(ms, Ordering::Relaxed);
    }

    fn last(&self) -> Instant {
        self.start + Duration::from_millis(self.last_ms.load(Ordering::Relaxed))
    }
}

/// A transport that records when bytes move: a client that stops reading its download (writes
/// pend) or stops sending looks the same, nothing moves.
struct Watched<T> {
    inner: T,
    progress: Arc<Progress>,
}

impl<T: AsyncRead + Unpin> AsyncRead for Watched<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        ready!(Pin::new(&mut self.inner).poll_read(cx, buf))?;
        if buf.filled().len() > before {
            self.progress.touch();
        }
        Poll::Ready(Ok(()))
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Watched<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let written = ready!(Pin::new(&mut self.inner).poll_write(cx, buf))?;
        if written > 0 {
            self.progress.touch();
        }
        Poll::Ready(Ok(written))
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let written = ready!(Pin::new(&mut self.inner).poll_write_vectored(cx, bufs))?;
        if written > 0 {
            self.progress.touch();
        }
        Poll::Ready(Ok(written))
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Serves one client over any byte stream, as one connection of a server that is never shut
/// down: for in-memory peers (the fuzzer, tests).
pub async fn serve_stream<T>(
    stream: T,
    peer: SocketAddr,
    server: Arc<FileServer>,
    limits: Limits,
    pages: &'static dyn Pages,
    events: EventSink,
) where
    T: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let connection = Connection {
        conn: 1,
        peer,
        server,
        limits,
        pages,
        events,
        counters: Arc::new(Counters::default()),
        shutdown: CancellationToken::new(),
        cut: CancellationToken::new(),
    };
    connection.run(stream).await;
}

/// How a connection ended other than normally.
enum End {
    Cut(CutReason),
    Failed(ConnectionFailure),
}

pub(super) struct Connection {
    pub(super) conn: u64,
    pub(super) peer: SocketAddr,
    pub(super) server: Arc<FileServer>,
    pub(super) limits: Limits,
    pub(super) pages: &'static dyn Pages,
    pub(super) events: EventSink,
    pub(super) counters: Arc<Counters>,
    pub(super) shutdown: CancellationToken,
    pub(super) cut: CancellationToken,
}

impl Connection {
    pub(super) async fn run<T>(self, stream: T)
    where
        T: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        match self.serve(stream).await {
            Ok(()) => {}
            Err(End::Cut(reason)) => {
                let (counter, limit) = match reason {
                    CutReason::Idle => (&self.counters.cut_idle, self.limits.idle_timeout),
                    CutReason::Grace => (&self.counters.cut_at_grace, self.limits.grace),
                };
                bump(counter);
                self.events.emit(ServerEvent::ConnectionCut {
                    conn: self.conn,
                    peer: self.peer,
                    reason,
                    seconds: limit.as_secs_f64(),
                });
            }
            Err(End::Failed(message)) => {
                bump(&self.counters.errors);
                self.events.emit(ServerEvent::ConnectionError {
                    conn: self.conn,
                    peer: self.peer,
                    message,
                });
            }
        }
    }

    async fn serve<T>(&self, stream: T) -> Result<(), End>
    where
        T: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let progress = Arc::new(Progress::new());
        let io = Watched {
            inner: stream,
            progress: progress.clone(),
        };
        let root = self.server.root.clone();
        let events = self.events.clone();
        let counters = self.counters.clone();
        let pages = self.pages;
        let (conn, peer) = (self.conn, self.peer);
        let service = service_fn(move |request: Request<Incoming>| {
            let root = root.clone();
            let events = events.clone();
            let counters = counters.clone();
            async move {
                bump(&counters.requests);
                let started = Instant::now();
                let method = request.method().clone();
                let path = request.uri().path().to_string();
                // A Range is honoured only without If-Range: without validators to compare,
                // the whole file is the safe answer.
                let range = request
                    .headers()
                    .get(header::RANGE)
                    .filter(|_| !request.headers().contains_key(header::IF_RANGE))
                    .and_then(|v| v.to_str().ok());
                let (mut response, note) = answer(&root, &method, &path, range, pages).await;
                let bytes = response
                    .headers()
                    .get(header::CONTENT_LENGTH)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                if method == Method::HEAD {
                    // Same headers as GET, no body (RFC 9110 section 9.3.2).
                    *response.body_mut() = ServeBody::Empty;
                }
                events.emit(ServerEvent::Request(RequestLog {
                    conn,
                    peer,
                    method: method.to_string(),
                    path,
                    status: response.status().as_u16(),
                    bytes,
                    ms: started.elapsed().as_secs_f64() * 1000.0,
                    note,
                }));
                Ok::<_, Infallible>(response)
            }
        });
        let mut builder = http1::Builder::new();
        // The article's client half-closes after its request; the answer must still go out.
        builder
            .half_close(true)
            .max_buf_size(CONN_BUFFER)
            .timer(hyper_util::rt::TokioTimer::new())
            .header_read_timeout(self.limits.idle_timeout);
        match &self.server.tls {
            Some(acceptor) => {
                let handshake = tokio::time::timeout(self.limits.idle_timeout, acceptor.accept(io));
                let tls = tokio::select! {
                    tls = handshake => tls
                        .map_err(|_| End::Failed(ConnectionFailure::TlsHandshakeTimeout))?
                        .map_err(|e| End::Failed(ConnectionFailure::TlsHandshake(e.into())))?,
                    _ = self.shutdown.cancelled() => return Ok(()),
                };
                let connection = builder.serve_connection(TokioIo::new(tls), service);
                self.drive(connection, &progress).await
            }
            None => {
                let connection = builder.serve_connection(TokioIo::new(io), service);
                self.drive(connection, &progress).await
            }
        }
    }

    /// Runs a connection until it ends, nothing moved on it for the idle timeout, or the grace
    /// period is over; on shutdown it is asked to finish its request and close.
    async fn drive<I, S>(
        &self,
        connection: http1::Connection<I, S>,
        progress: &Progress,
    ) -> Result<(), End>
    where
        I: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
        S: hyper::service::HttpService<Incoming, ResBody = ServeBody>,
        S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        tokio::pin!(connection);
        let mut draining = false;
        loop {
            let deadline =
                tokio::time::Instant::from_std(progress.last() + self.limits.idle_timeout);
            tokio::select! {
                result = connection.as_mut() => {
                    return result.map_err(|e| End::Failed(ConnectionFailure::Http(e.into())));
                }
                _ = self.shutdown.cancelled(), if !draining => {
                    connection.as_mut().graceful_shutdown();
                    draining = true;
                }
                _ = self.cut.cancelled() => return Err(End::Cut(CutReason::Grace)),
                _ = tokio::time::sleep_until(deadline) => {
                    if progress.last().elapsed() >= self.limits.idle_timeout {
                        return Err(End::Cut(CutReason::Idle));
                    }
                }
            }
        }
    }
}
