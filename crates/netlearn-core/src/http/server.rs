//! A small static-file HTTP/1.1 server on hyper: GET and HEAD (with single byte ranges) for
//! regular files under one directory (never outside it), directory listings, optional TLS, one
//! log record per request. A hostile client costs bounded memory and time: files are streamed
//! in bounded frames, connections are capped, a connection where nothing moves is cut, and a
//! shutdown finishes within a grace period.

use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll, ready};
use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;
use tokio::io::{AsyncRead, AsyncSeekExt, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, mpsc};
use tokio_rustls::TlsAcceptor;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::drops::DropCount;

/// Bytes read from a file per body frame: what one connection holds of a file at a time,
/// whatever the file's size.
pub const FRAME: usize = 32 * 1024;
/// hyper's read and write buffer limit per connection; it also bounds a request's head.
pub const CONN_BUFFER: usize = 64 * 1024;
/// Entries shown in one directory listing at most (a listing is built in memory).
pub const MAX_LISTING: usize = 10_000;
/// Default cap on connections open at once.
pub const DEFAULT_MAX_CONNS: usize = 1000;
/// Default time a connection may go without a byte moving either way.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(30);
/// Default time open connections may finish in after a shutdown request.
pub const DEFAULT_GRACE: Duration = Duration::from_secs(5);
/// How long connections cut at the end of the grace period get to let go of their tasks.
const CUT_WAIT: Duration = Duration::from_millis(500);

/// What the server allows each client and all of them together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Connections open at once; further ones are closed at once (503 on plain HTTP).
    pub max_conns: usize,
    /// A connection where no byte moved either way for this long is cut (a client that stopped
    /// reading its download or stopped sending); also the longest wait for a request head and
    /// for a TLS handshake.
    pub idle_timeout: Duration,
    /// After a shutdown request, how long open connections may finish before they are cut.
    pub grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_conns: DEFAULT_MAX_CONNS,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            grace: DEFAULT_GRACE,
        }
    }
}

/// Why a request path was refused before touching the file system.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathRefusal {
    /// Not valid percent-encoded UTF-8 (where file names must be UTF-8).
    BadEncoding,
    /// A ".." segment, or one the file system would read as a root or a drive.
    Traversal,
    /// NUL or a backslash.
    ForbiddenCharacter,
}

/// Why the server refused a request (403), as its log says it (worded by the http view:
/// `app::http::words`). The operating system's error text is kept as it gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    Path(PathRefusal),
    /// A symbolic link resolves to a place outside the served directory.
    LinkOutside,
    /// Only regular files are served.
    NotRegular(FileKind),
    /// The file could not be opened or read.
    CannotRead(String),
    /// The directory could not be listed.
    CannotList(String),
}

/// A file that is not served: what it is instead of a regular file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Fifo,
    CharDevice,
    BlockDevice,
    Socket,
    /// Some other kind the platform knows.
    Other,
    /// A directory that was a regular file when first looked at.
    DirectoryForFile,
}

/// What an error page is about: its second line says it, under the status line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorPage<'a> {
    /// Not GET or HEAD (405).
    MethodNotAllowed,
    NotFound,
    /// A directory asked for without its trailing slash (301).
    AddSlash,
    /// A Range past the end of a file of `len` bytes (416).
    RangeNotSatisfiable {
        len: u64,
    },
    Refused(&'a Refusal),
}

/// The words of the pages the server builds: an error page's line under its status line, a
/// directory listing's title and the note when a listing is cut. The command that starts the
/// server gives them, so that what the server says is worded with the rest of its view.
pub trait Pages: Send + Sync {
    /// The line under an error page's status line; empty for none.
    fn error_detail(&self, page: ErrorPage<'_>) -> String;
    /// A directory listing's title (HTML-escaped by the server).
    fn listing_title(&self, path: &str) -> String;
    /// Said under a listing cut at `shown` entries (HTML-escaped by the server).
    fn listing_cut(&self, shown: usize) -> String;
}

/// Pages for a server started without words: error pages carry their status line only, a
/// listing is titled with its path.
pub struct BarePages;

impl Pages for BarePages {
    fn error_detail(&self, _: ErrorPage<'_>) -> String {
        String::new()
    }

    fn listing_title(&self, path: &str) -> String {
        path.to_string()
    }

    fn listing_cut(&self, _: usize) -> String {
        String::new()
    }
}

/// A path segment as the file system names it: any bytes on Unix (file names need not be
/// UTF-8 there), UTF-8 elsewhere.
#[cfg(unix)]
fn segment_path(bytes: &[u8]) -> Result<&Path, PathRefusal> {
    use std::os::unix::ffi::OsStrExt;
    Ok(Path::new(std::ffi::OsStr::from_bytes(bytes)))
}

#[cfg(not(unix))]
fn segment_path(bytes: &[u8]) -> Result<&Path, PathRefusal> {
    std::str::from_utf8(bytes)
        .map(Path::new)
        .map_err(|_| PathRefusal::BadEncoding)
}

/// Maps a request path to a relative file path under the root, refusing anything that could
/// leave it. Symbolic links are checked separately, after the file system resolves them.
pub fn relative_path(request_path: &str) -> Result<PathBuf, PathRefusal> {
    let decoded: Vec<u8> = percent_encoding::percent_decode_str(request_path).collect();
    let mut relative = PathBuf::new();
    for segment in decoded.split(|&b| b == b'/') {
        match segment {
            b"" | b"." => continue,
            b".." => return Err(PathRefusal::Traversal),
            s if s.contains(&0) || s.contains(&b'\\') => {
                return Err(PathRefusal::ForbiddenCharacter);
            }
            s => {
                let piece = segment_path(s)?;
                // A segment such as "C:" would make the path absolute on Windows.
                if piece
                    .components()
                    .any(|c| !matches!(c, Component::Normal(_)))
                {
                    return Err(PathRefusal::Traversal);
                }
                relative.push(piece);
            }
        }
    }
    Ok(relative)
}

/// Characters left as they are in a path segment of a link or a redirect.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'.')
    .remove(b'-')
    .remove(b'_')
    .remove(b'~');

#[cfg(unix)]
fn name_bytes(name: &std::ffi::OsStr) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(name.as_bytes())
}

#[cfg(not(unix))]
fn name_bytes(name: &std::ffi::OsStr) -> std::borrow::Cow<'_, [u8]> {
    std::borrow::Cow::Owned(name.to_string_lossy().into_owned().into_bytes())
}

/// The absolute URL path of a relative file path, each segment percent-encoded: always one
/// leading slash, so a redirect never reads as another host ("//host/").
pub fn url_path(relative: &Path) -> String {
    let mut path = String::from("/");
    for component in relative.components() {
        if let Component::Normal(name) = component {
            path.extend(percent_encoding::percent_encode(&name_bytes(name), SEGMENT));
            path.push('/');
        }
    }
    path
}

/// What a `Range` header asks of a file of `len` bytes (RFC 9110 section 14).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ByteRange {
    /// No usable range (absent, malformed, several ranges): the whole file, 200.
    Whole,
    /// Bytes `start..=end`, 206.
    Part { start: u64, end: u64 },
    /// A range that starts past the end, 416.
    Unsatisfiable,
}

fn digits(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // A position too large for u64 is past the end of any file.
    Some(text.parse::<u64>().unwrap_or(u64::MAX))
}

/// Reads a `Range` header for a file of `len` bytes. Only one range is answered as asked;
/// a header the server does not understand is ignored, as RFC 9110 allows.
pub fn byte_range(header: &str, len: u64) -> ByteRange {
    let header = header.trim();
    let Some((unit, spec)) = header.split_once('=') else {
        return ByteRange::Whole;
    };
    if !unit.trim().eq_ignore_ascii_case("bytes") || spec.contains(',') {
        return ByteRange::Whole;
    }
    let Some((first, last)) = spec.split_once('-') else {
        return ByteRange::Whole;
    };
    let (first, last) = (first.trim(), last.trim());
    if first.is_empty() {
        let Some(suffix) = digits(last) else {
            return ByteRange::Whole;
        };
        if suffix == 0 || len == 0 {
            return ByteRange::Unsatisfiable;
        }
        return ByteRange::Part {
            start: len - suffix.min(len),
            end: len - 1,
        };
    }
    let Some(start) = digits(first) else {
        return ByteRange::Whole;
    };
    let end = if last.is_empty() {
        u64::MAX
    } else {
        match digits(last) {
            Some(end) if end >= start => end,
            _ => return ByteRange::Whole,
        }
    };
    if start >= len {
        return ByteRange::Unsatisfiable;
    }
    ByteRange::Part {
        start,
        end: end.min(len - 1),
    }
}

/// One request as the log shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RequestLog {
    pub conn: u64,
    pub peer: SocketAddr,
    pub method: String,
    pub path: String,
    pub status: u16,
    pub bytes: u64,
    pub ms: f64,
    /// Why the request was refused, when it was (the http view's JSON words it as `note`).
    #[serde(skip)]
    pub note: Option<Refusal>,
}

/// Why the server cut a connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CutReason {
    /// No byte moved either way for the idle timeout.
    Idle,
    /// Still open at the end of the shutdown grace period.
    Grace,
}

/// What the server reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ServerEvent {
    Request(RequestLog),
    ConnectionError {
        conn: u64,
        peer: SocketAddr,
        /// The http view's JSON words it as `message`.
        #[serde(skip)]
        message: ConnectionFailure,
    },
    /// A connection closed at once because `max_conns` were open.
    ConnectionRefused {
        peer: SocketAddr,
        max_conns: usize,
    },
    /// A connection the server closed: `seconds` is the limit that was reached.
    ConnectionCut {
        conn: u64,
        peer: SocketAddr,
        reason: CutReason,
        seconds: f64,
    },
    /// The server stopped accepting; `open` connections have `grace_seconds` to finish.
    ShuttingDown {
        open: usize,
        grace_seconds: f64,
    },
}

/// Why a connection ended in an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConnectionFailure {
    /// No TLS handshake within the idle timeout.
    TlsHandshakeTimeout,
    /// The TLS handshake failed: rustls's or the connection's error text.
    TlsHandshake(String),
    /// hyper's error text (a malformed request, a reset, a body that could not be sent).
    Http(String),
}

/// Where the server's tasks put log events: never waits. An event the queue cannot take is
/// dropped and counted, so a slow or paused log reader never slows serving.
#[derive(Clone, Debug)]
pub struct EventSink {
    sender: mpsc::Sender<ServerEvent>,
    dropped: DropCount,
}

impl EventSink {
    pub fn new(sender: mpsc::Sender<ServerEvent>, dropped: DropCount) -> Self {
        EventSink { sender, dropped }
    }

    pub fn emit(&self, event: ServerEvent) {
        if let Err(mpsc::error::TrySendError::Full(_)) = self.sender.try_send(event) {
            self.dropped.add();
        }
    }
}

/// What a server did from start to shutdown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ServeSummary {
    pub connections: u64,
    pub requests: u64,
    pub refused: u64,
    pub cut_idle: u64,
    pub cut_at_grace: u64,
    pub errors: u64,
}

#[derive(Default)]
struct Counters {
    connections: AtomicU64,
    requests: AtomicU64,
    refused: AtomicU64,
    cut_idle: AtomicU64,
    cut_at_grace: AtomicU64,
    errors: AtomicU64,
}

impl Counters {
    fn summary(&self) -> ServeSummary {
        let get = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
        ServeSummary {
            connections: get(&self.connections),
            requests: get(&self.requests),
            refused: get(&self.refused),
            cut_idle: get(&self.cut_idle),
            cut_at_grace: get(&self.cut_at_grace),
            errors: get(&self.errors),
        }
    }
}

fn bump(counter: &AtomicU64) {
    counter.fetch_add(1, Ordering::Relaxed);
}

/// What a server serves; the words of its pages are given to [`serve_with`].
pub struct FileServer {
    /// The served directory, canonical.
    pub root: PathBuf,
    pub tls: Option<TlsAcceptor>,
}

/// A response body: nothing, a page built in memory, or a file read one frame at a time.
pub enum ServeBody {
    Empty,
    Full(Option<Bytes>),
    File(FileBody),
}

/// A file (or a range of it) read in frames of at most [`FRAME`] bytes, each read only when
/// hyper asks for it, that is when the previous one could be written to the client.
pub struct FileBody {
    file: tokio::fs::File,
    remaining: u64,
    chunk: BytesMut,
}

impl FileBody {
    fn poll_next(&mut self, cx: &mut Context<'_>) -> Poll<Option<io::Result<Frame<Bytes>>>> {
        if self.remaining == 0 {
            return Poll::Ready(None);
        }
        let want = usize::try_from(self.remaining).map_or(FRAME, |r| r.min(FRAME));
        if self.chunk.len() != want {
            self.chunk.clear();
            self.chunk.resize(want, 0);
        }
        let mut buf = ReadBuf::new(&mut self.chunk[..]);
        ready!(Pin::new(&mut self.file).poll_read(cx, &mut buf))?;
        let read = buf.filled().len();
        if read == 0 {
            // The declared length can no longer be met: end the connection, not the framing.
            return Poll::Ready(Some(Err(io::ErrorKind::UnexpectedEof.into())));
        }
        self.remaining -= read as u64;
        let data = self.chunk.split_to(read).freeze();
        self.chunk.clear();
        Poll::Ready(Some(Ok(Frame::data(data))))
    }
}

impl Body for ServeBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        match self.get_mut() {
            ServeBody::Empty => Poll::Ready(None),
            ServeBody::Full(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            ServeBody::File(file) => file.poll_next(cx),
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            ServeBody::Empty => true,
            ServeBody::Full(bytes) => bytes.is_none(),
            ServeBody::File(file) => file.remaining == 0,
        }
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(match self {
            ServeBody::Empty => 0,
            ServeBody::Full(bytes) => bytes.as_ref().map_or(0, |b| b.len() as u64),
            ServeBody::File(file) => file.remaining,
        })
    }
}

fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "txt" | "md" | "rs" | "py" | "toml" => "text/plain; charset=utf-8",
        "css" => "text/css",
        "js" => "text/javascript",
        "json" => "application/json",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A response with the server's headers, `length` as its Content-Length and `body`.
fn respond(
    status: StatusCode,
    content_type: &str,
    length: u64,
    body: ServeBody,
) -> Response<ServeBody> {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    headers.insert(
        header::SERVER,
        HeaderValue::from_static(concat!("netlearn/", env!("CARGO_PKG_VERSION"))),
    );
    response
}

fn page(status: StatusCode, content_type: &str, body: Vec<u8>) -> Response<ServeBody> {
    let length = body.len() as u64;
    respond(
        status,
        content_type,
        length,
        ServeBody::Full(Some(Bytes::from(body))),
    )
}

/// A plain-text error page: the status line, then the line the pages give (if any).
fn error_page(status: StatusCode, pages: &dyn Pages, about: ErrorPage<'_>) -> Response<ServeBody> {
    let reason = status.canonical_reason().unwrap_or("");
    let mut body = format!("{} {reason}\n", status.as_u16());
    let detail = pages.error_detail(about);
    if !detail.is_empty() {
        body.push_str(&detail);
        body.push('\n');
    }
    page(status, "text/plain; charset=utf-8", body.into_bytes())
}

/// A refusal's 403 page and the refusal for the log.
fn refused(pages: &dyn Pages, refusal: Refusal) -> (Response<ServeBody>, Option<Refusal>) {
    let page = error_page(StatusCode::FORBIDDEN, pages, ErrorPage::Refused(&refusal));
    (page, Some(refusal))
}

async fn listing(directory: &Path, request_path: &str, pages: &dyn Pages) -> io::Result<Vec<u8>> {
    let mut entries = Vec::new();
    let mut more = false;
    let mut reader = tokio::fs::read_dir(directory).await?;
    while let Some(entry) = reader.next_entry().await? {
        if entries.len() == MAX_LISTING {
            more = true;
            break;
        }
        let is_dir = entry.file_type().await.map(|t| t.is_dir()).unwrap_or(false);
        entries.push((entry.file_name(), is_dir));
    }
    entries.sort_by(|a, b| name_bytes(&a.0).cmp(&name_bytes(&b.0)));
    let title = html_escape(&pages.listing_title(request_path));
    let mut page = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body><h1>{title}</h1>\n<ul>\n"
    );
    for (name, is_dir) in entries {
        // Links carry the name's raw bytes, percent-encoded, so that names which are not
        // UTF-8 can be fetched too; the text shows them readably.
        let slash = if is_dir { "/" } else { "" };
        let href = percent_encoding::percent_encode(&name_bytes(&name), SEGMENT).to_string();
        let text = html_escape(&name.to_string_lossy());
        page.push_str(&format!(
            "<li><a href=\"{href}{slash}\">{text}{slash}</a></li>\n"
        ));
    }
    page.push_str("</ul>\n");
    let cut = if more {
        pages.listing_cut(MAX_LISTING)
    } else {
        String::new()
    };
    if !cut.is_empty() {
        page.push_str(&format!("<p>{}</p>\n", html_escape(&cut)));
    }
    page.push_str("</body></html>\n");
    Ok(page.into_bytes())
}

/// What kind of non-regular file this is, or None for a regular file or a directory.
fn special_kind(file_type: std::fs::FileType) -> Option<FileKind> {
    if file_type.is_file() || file_type.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some(FileKind::Fifo);
        }
        if file_type.is_char_device() {
            return Some(FileKind::CharDevice);
        }
        if file_type.is_block_device() {
            return Some(FileKind::BlockDevice);
        }
        if file_type.is_socket() {
            return Some(FileKind::Socket);
        }
    }
    Some(FileKind::Other)
}

/// Opens a file that was a regular file when checked, never blocking on what replaced it,
/// and checks the type again on the opened descriptor.
async fn open_regular(
    path: &Path,
    pages: &dyn Pages,
) -> Result<tokio::fs::File, (Response<ServeBody>, Option<Refusal>)> {
    let mut options = tokio::fs::OpenOptions::new();
    options.read(true);
    // O_NONBLOCK: opening a FIFO that was swapped in after the type check returns at once
    // instead of waiting for a writer. Regular files ignore the flag.
    #[cfg(unix)]
    options.custom_flags(libc::O_NONBLOCK);
    let cannot_read = |error: io::Error| refused(pages, Refusal::CannotRead(error.to_string()));
    let file = options.open(path).await.map_err(cannot_read)?;
    let metadata = file.metadata().await.map_err(cannot_read)?;
    if let Some(kind) = special_kind(metadata.file_type()) {
        return Err(refused(pages, Refusal::NotRegular(kind)));
    }
    if metadata.is_dir() {
        return Err(refused(
            pages,
            Refusal::NotRegular(FileKind::DirectoryForFile),
        ));
    }
    Ok(file)
}

/// Answers for a file whose metadata says it is regular: headers from the metadata (all a HEAD
/// needs), the body streamed from an opened descriptor for GET.
async fn file(
    path: &Path,
    metadata: &std::fs::Metadata,
    method: &Method,
    range: Option<&str>,
    pages: &dyn Pages,
) -> (Response<ServeBody>, Option<Refusal>) {
    if let Some(kind) = special_kind(metadata.file_type()) {
        return refused(pages, Refusal::NotRegular(kind));
    }
    let len = metadata.len();
    let (status, start, length) = match range.map(|r| byte_range(r, len)) {
        None | Some(ByteRange::Whole) => (StatusCode::OK, 0, len),
        Some(ByteRange::Part { start, end }) => {
            (StatusCode::PARTIAL_CONTENT, start, end - start + 1)
        }
        Some(ByteRange::Unsatisfiable) => {
            let mut refused = error_page(
                StatusCode::RANGE_NOT_SATISFIABLE,
                pages,
                ErrorPage::RangeNotSatisfiable { len },
            );
            if let Ok(value) = HeaderValue::from_str(&format!("bytes */{len}")) {
                refused.headers_mut().insert(header::CONTENT_RANGE, value);
            }
            return (refused, None);
        }
    };
    let body = if method == Method::HEAD {
        ServeBody::Empty
    } else {
        let mut file = match open_regular(path, pages).await {
            Ok(file) => file,
            Err(refusal) => return refusal,
        };
        if start > 0
            && let Err(error) = file.seek(io::SeekFrom::Start(start)).await
        {
            return refused(pages, Refusal::CannotRead(error.to_string()));
        }
        ServeBody::File(FileBody {
            file,
            remaining: length,
            chunk: BytesMut::new(),
        })
    };
    let mut response = respond(status, content_type(path), length, body);
    let headers = response.headers_mut();
    headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    if status == StatusCode::PARTIAL_CONTENT
        && let Ok(value) =
            HeaderValue::from_str(&format!("bytes {start}-{}/{len}", start + length - 1))
    {
        headers.insert(header::CONTENT_RANGE, value);
    }
    (response, None)
}

/// Answers one request from the file system, with the refusal when it was refused.
/// `range` is the request's Range header, when it should be honoured.
pub async fn answer(
    root: &Path,
    method: &Method,
    request_path: &str,
    range: Option<&str>,
    pages: &dyn Pages,
) -> (Response<ServeBody>, Option<Refusal>) {
    if method != Method::GET && method != Method::HEAD {
        let mut refused = error_page(
            StatusCode::METHOD_NOT_ALLOWED,
            pages,
            ErrorPage::MethodNotAllowed,
        );
        refused
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return (refused, None);
    }
    let relative = match relative_path(request_path) {
        Ok(relative) => relative,
        Err(refusal) => return refused(pages, Refusal::Path(refusal)),
    };
    let candidate = root.join(&relative);
    // Symbolic links are followed, but only to places inside the root.
    let resolved = match tokio::fs::canonicalize(&candidate).await {
        Ok(resolved) => resolved,
        Err(_) => {
            let missing = error_page(StatusCode::NOT_FOUND, pages, ErrorPage::NotFound);
            return (missing, None);
        }
    };
    if !resolved.starts_with(root) {
        return refused(pages, Refusal::LinkOutside);
    }
    // The type is decided from metadata before anything is opened: opening a FIFO would wait
    // for a writer, reading a device may never end.
    let metadata = match tokio::fs::metadata(&resolved).await {
        Ok(metadata) => metadata,
        Err(_) => {
            let missing = error_page(StatusCode::NOT_FOUND, pages, ErrorPage::NotFound);
            return (missing, None);
        }
    };
    if metadata.is_dir() {
        if !request_path.ends_with('/') {
            let mut moved = error_page(StatusCode::MOVED_PERMANENTLY, pages, ErrorPage::AddSlash);
            if let Ok(location) = HeaderValue::from_str(&url_path(&relative)) {
                moved.headers_mut().insert(header::LOCATION, location);
            }
            return (moved, None);
        }
        let index = resolved.join("index.html");
        if let Ok(index_metadata) = tokio::fs::metadata(&index).await
            && index_metadata.is_file()
        {
            return file(&index, &index_metadata, method, range, pages).await;
        }
        return match listing(&resolved, request_path, pages).await {
            Ok(listed) => (
                page(StatusCode::OK, "text/html; charset=utf-8", listed),
                None,
            ),
            Err(error) => refused(pages, Refusal::CannotList(error.to_string())),
        };
    }
    file(&resolved, &metadata, method, range, pages).await
}

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

/// Accepts connections until `shutdown` with the default [`Limits`] and [`BarePages`],
/// logging into `events` (an event the queue cannot take is dropped).
pub async fn serve(
    listener: TcpListener,
    server: Arc<FileServer>,
    events: mpsc::Sender<ServerEvent>,
    shutdown: CancellationToken,
) -> ServeSummary {
    let sink = EventSink::new(events, DropCount::default());
    serve_with(
        listener,
        server,
        Limits::default(),
        &BarePages,
        sink,
        shutdown,
    )
    .await
}

/// What a connection refused for lack of room is told, when it speaks plain HTTP.
const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\nRetry-After: 1\r\n\r\n";

/// Accepts connections until `shutdown`, serving each on its own task within `limits`. On
/// shutdown, stops accepting at once, lets open connections finish for `limits.grace`, then
/// cuts the rest and returns.
pub async fn serve_with(
    listener: TcpListener,
    server: Arc<FileServer>,
    limits: Limits,
    pages: &'static dyn Pages,
    events: EventSink,
    shutdown: CancellationToken,
) -> ServeSummary {
    let tracker = TaskTracker::new();
    let max_conns = limits.max_conns.clamp(1, Semaphore::MAX_PERMITS);
    let room = Arc::new(Semaphore::new(max_conns));
    let counters = Arc::new(Counters::default());
    let cut = CancellationToken::new();
    let mut next_conn = 0u64;
    loop {
        let accepted = tokio::select! {
            biased;
            _ = shutdown.cancelled() => break,
            accepted = listener.accept() => accepted,
        };
        let Ok((stream, peer)) = accepted else {
            // Out of descriptors and the like: pause instead of spinning.
            tokio::select! {
                _ = shutdown.cancelled() => break,
                _ = tokio::time::sleep(Duration::from_millis(50)) => continue,
            }
        };
        let Ok(permit) = room.clone().try_acquire_owned() else {
            bump(&counters.refused);
            if server.tls.is_none() {
                // Never waits: a client that does not read gets nothing, not a stuck task.
                let _ = stream.try_write(BUSY);
            }
            events.emit(ServerEvent::ConnectionRefused { peer, max_conns });
            continue;
        };
        next_conn += 1;
        bump(&counters.connections);
        let task = Connection {
            conn: next_conn,
            peer,
            server: server.clone(),
            limits,
            pages,
            events: events.clone(),
            counters: counters.clone(),
            shutdown: shutdown.clone(),
            cut: cut.clone(),
        };
        let _ = stream.set_nodelay(true);
        tracker.spawn(async move {
            task.run(stream).await;
            drop(permit);
        });
    }
    // New connections are refused by the kernel from here on, not queued.
    drop(listener);
    let open = max_conns - room.available_permits();
    events.emit(ServerEvent::ShuttingDown {
        open,
        grace_seconds: limits.grace.as_secs_f64(),
    });
    tracker.close();
    if tokio::time::timeout(limits.grace, tracker.wait())
        .await
        .is_err()
    {
        cut.cancel();
        // Cut connections drop their sockets and files at once; a file read already handed to
        // a blocking thread is left to finish on its own.
        let _ = tokio::time::timeout(CUT_WAIT, tracker.wait()).await;
    }
    counters.summary()
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

/// Entry points for the fuzz targets in fuzz/: what a client controls, with the invariants
/// that must hold whatever it sends. A panic is a bug. Test harness, not API: hidden from the
/// docs, public only because the fuzz crate and the smoke test live outside this crate.
#[cfg(feature = "testing")]
pub mod fuzzing {
    use std::sync::{Arc, OnceLock};
    use std::time::Duration;

    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::sync::mpsc;

    use super::{
        BarePages, ByteRange, Component, EventSink, FileServer, Limits, byte_range, relative_path,
        serve_stream, url_path,
    };
    use crate::drops::DropCount;

    /// A request path and a Range header: accepted paths stay below the root and come back
    /// from their URL form unchanged; a range lies inside the file.
    pub fn request_path(data: &[u8]) {
        let text = String::from_utf8_lossy(data);
        if let Ok(relative) = relative_path(&text) {
            assert!(
                relative
                    .components()
                    .all(|c| matches!(c, Component::Normal(_)))
            );
            let location = url_path(&relative);
            assert!(location.starts_with('/') && !location.starts_with("//"));
            assert_eq!(relative_path(&location), Ok(relative));
        }
        if let Some((len, header)) = data.split_first_chunk::<8>() {
            let len = u64::from_le_bytes(*len);
            if let ByteRange::Part { start, end } =
                byte_range(&String::from_utf8_lossy(header), len)
            {
                assert!(start <= end && end < len);
            }
        }
    }

    struct Site {
        _dir: tempfile::TempDir,
        server: Arc<FileServer>,
        runtime: tokio::runtime::Runtime,
    }

    fn site() -> Option<&'static Site> {
        static SITE: OnceLock<Option<Site>> = OnceLock::new();
        SITE.get_or_init(|| {
            let dir = tempfile::tempdir().ok()?;
            std::fs::write(dir.path().join("hello.txt"), "hello, world\n").ok()?;
            std::fs::create_dir(dir.path().join("sub")).ok()?;
            std::fs::write(dir.path().join("sub/index.html"), "<p>sub</p>\n").ok()?;
            let root = dir.path().canonicalize().ok()?;
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            Some(Site {
                _dir: dir,
                server: Arc::new(FileServer { root, tls: None }),
                runtime,
            })
        })
        .as_ref()
    }

    /// Most answer bytes read back per input: the site's files are small.
    const MAX_ANSWER: u64 = 1 << 20;

    /// Whatever a client sends on a connection (request heads, pipelined requests, bodies,
    /// garbage), then end of stream: the server answers with well-formed HTTP/1.x response
    /// heads (HTTP/1.0 to a 1.0 client), or closes.
    pub fn request_head(data: &[u8]) {
        let Some(site) = site() else {
            return;
        };
        site.runtime.block_on(async {
            let (client, server_side) = tokio::io::duplex(64 * 1024);
            let (events, _) = mpsc::channel(1);
            let limits = Limits {
                idle_timeout: Duration::from_secs(2),
                ..Limits::default()
            };
            let peer = std::net::SocketAddr::from(([127, 0, 0, 1], 9));
            let served = tokio::spawn(serve_stream(
                server_side,
                peer,
                site.server.clone(),
                limits,
                &BarePages,
                EventSink::new(events, DropCount::default()),
            ));
            let (read, mut write) = tokio::io::split(client);
            let send = async {
                let _ = write.write_all(data).await;
                let _ = write.shutdown().await;
            };
            let mut answer = Vec::new();
            let mut read = read.take(MAX_ANSWER);
            let receive = read.read_to_end(&mut answer);
            let exchange = async { tokio::join!(send, receive) };
            let _ = tokio::time::timeout(Duration::from_secs(10), exchange).await;
            served.abort();
            if !answer.is_empty() {
                assert!(answer.starts_with(b"HTTP/1."), "{answer:?}");
                if let Ok(Some(head)) = crate::http::wire::parse_head(&answer) {
                    assert!((100..600).contains(&head.status));
                }
            }
        });
    }
}

/// How a connection ended other than normally.
enum End {
    Cut(CutReason),
    Failed(ConnectionFailure),
}

struct Connection {
    conn: u64,
    peer: SocketAddr,
    server: Arc<FileServer>,
    limits: Limits,
    pages: &'static dyn Pages,
    events: EventSink,
    counters: Arc<Counters>,
    shutdown: CancellationToken,
    cut: CancellationToken,
}

impl Connection {
    async fn run<T>(self, stream: T)
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
                        .map_err(|e| End::Failed(ConnectionFailure::TlsHandshake(e.to_string())))?,
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
                    return result.map_err(|e| End::Failed(ConnectionFailure::Http(e.to_string())));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused_before_the_file_system() {
        assert_eq!(relative_path("/a/b.txt").unwrap(), PathBuf::from("a/b.txt"));
        assert_eq!(relative_path("/./a//b/").unwrap(), PathBuf::from("a/b"));
        assert_eq!(relative_path("/").unwrap(), PathBuf::new());
        assert_eq!(relative_path("/../etc/passwd"), Err(PathRefusal::Traversal));
        assert_eq!(
            relative_path("/a/%2e%2e/%2e%2e/x"),
            Err(PathRefusal::Traversal)
        );
        assert_eq!(relative_path("/a/..%2f..%2fx"), Err(PathRefusal::Traversal));
        assert_eq!(
            relative_path("/a%5c..%5cx"),
            Err(PathRefusal::ForbiddenCharacter)
        );
        assert_eq!(
            relative_path("/a%00b"),
            Err(PathRefusal::ForbiddenCharacter)
        );
    }

    #[test]
    fn pages_carry_the_words_the_command_gives() {
        struct Marked;
        impl Pages for Marked {
            fn error_detail(&self, page: ErrorPage<'_>) -> String {
                format!("detail {page:?}")
            }
            fn listing_title(&self, path: &str) -> String {
                format!("<{path}>")
            }
            fn listing_cut(&self, shown: usize) -> String {
                format!("cut {shown}")
            }
        }
        fn body(response: Response<ServeBody>) -> String {
            match response.into_body() {
                ServeBody::Full(Some(bytes)) => String::from_utf8(bytes.to_vec()).unwrap(),
                _ => String::new(),
            }
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("d")).unwrap();
        let root = dir.path().canonicalize().unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let (missing, note) = answer(&root, &Method::GET, "/nothing", None, &Marked).await;
            assert_eq!((missing.status(), note), (StatusCode::NOT_FOUND, None));
            assert_eq!(body(missing), "404 Not Found\ndetail NotFound\n");
            let (bare, _) = answer(&root, &Method::GET, "/nothing", None, &BarePages).await;
            assert_eq!(body(bare), "404 Not Found\n", "the status line only");
            let (refused, note) = answer(&root, &Method::GET, "/../x", None, &Marked).await;
            assert_eq!(note, Some(Refusal::Path(PathRefusal::Traversal)));
            assert_eq!(
                body(refused),
                "403 Forbidden\ndetail Refused(Path(Traversal))\n"
            );
            let (listed, _) = answer(&root, &Method::GET, "/d/", None, &Marked).await;
            let listed = body(listed);
            assert!(
                listed.contains("<title>&lt;/d/&gt;</title>") && !listed.contains("cut"),
                "{listed}"
            );
            let (post, _) = answer(&root, &Method::POST, "/", None, &Marked).await;
            assert_eq!(
                body(post),
                "405 Method Not Allowed\ndetail MethodNotAllowed\n"
            );
        });
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_map_to_their_raw_bytes_and_back() {
        use std::os::unix::ffi::OsStrExt;
        let relative = relative_path("/d/caf%E9.txt").unwrap();
        assert_eq!(relative.as_os_str().as_bytes(), b"d/caf\xe9.txt");
        assert_eq!(url_path(&relative), "/d/caf%E9.txt/");
    }

    #[test]
    fn a_redirect_location_is_always_one_path_never_a_host() {
        for request in ["//sub", "///sub", "/./sub", "//evil.example/x", "/a b"] {
            let location = url_path(&relative_path(request).unwrap());
            assert!(location.starts_with('/'), "{location}");
            assert!(!location.starts_with("//"), "{request} -> {location}");
            assert!(location.ends_with('/'), "{location}");
        }
        assert_eq!(url_path(&relative_path("//sub").unwrap()), "/sub/");
        assert_eq!(url_path(&relative_path("/a b").unwrap()), "/a%20b/");
    }

    #[test]
    fn ranges_follow_rfc_9110() {
        use ByteRange::*;
        assert_eq!(byte_range("bytes=0-9", 100), Part { start: 0, end: 9 });
        assert_eq!(byte_range("bytes=90-", 100), Part { start: 90, end: 99 });
        assert_eq!(byte_range("bytes=-10", 100), Part { start: 90, end: 99 });
        assert_eq!(byte_range("bytes=-500", 100), Part { start: 0, end: 99 });
        assert_eq!(
            byte_range("bytes=50-5000", 100),
            Part { start: 50, end: 99 }
        );
        assert_eq!(byte_range("BYTES = 1-1", 100), Part { start: 1, end: 1 });
        assert_eq!(byte_range("bytes=100-", 100), Unsatisfiable);
        assert_eq!(byte_range("bytes=-0", 100), Unsatisfiable);
        assert_eq!(byte_range("bytes=0-", 0), Unsatisfiable);
        assert_eq!(
            byte_range("bytes=99999999999999999999999-", 100),
            Unsatisfiable
        );
        assert_eq!(byte_range("bytes=5-1", 100), Whole);
        assert_eq!(byte_range("bytes=0-1,5-6", 100), Whole);
        assert_eq!(byte_range("items=0-1", 100), Whole);
        assert_eq!(byte_range("bytes=+1-2", 100), Whole);
        assert_eq!(byte_range("bytes=", 100), Whole);
    }

    proptest::proptest! {
        #[test]
        fn no_accepted_path_has_a_parent_or_root_component(path in "[/a.%2eEfF5c0\\\\]{0,40}") {
            if let Ok(relative) = relative_path(&path) {
                proptest::prop_assert!(relative.components().all(|c| matches!(c, Component::Normal(_))));
                let location = url_path(&relative);
                proptest::prop_assert!(!location.starts_with("//"));
            }
        }

        #[test]
        fn a_part_always_lies_inside_the_file(header in "(bytes|x)=[-0-9, ]{0,12}", len in 0u64..200) {
            if let ByteRange::Part { start, end } = byte_range(&header, len) {
                proptest::prop_assert!(start <= end && end < len);
            }
        }
    }
}
