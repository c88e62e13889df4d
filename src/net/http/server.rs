//! A small static-file HTTP/1.1 server on hyper: GET and HEAD for files under one directory
//! (never outside it), directory listings, optional TLS, one log record per request.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde::Serialize;
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio_rustls::TlsAcceptor;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// Largest file served (a learning server reads files whole).
pub const MAX_FILE: u64 = 256 * 1024 * 1024;
/// How long open connections may finish after a shutdown request.
pub const GRACE: Duration = Duration::from_secs(2);
/// A connection idle this long before its request is closed (slow or stuck clients).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(30);

/// Why a request path was refused before touching the file system.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PathRefusal {
    #[error("the path is not valid percent-encoded UTF-8")]
    BadEncoding,
    #[error("the path tries to leave the served directory (\"..\")")]
    Traversal,
    #[error("the path holds a forbidden character (NUL or backslash)")]
    ForbiddenCharacter,
}

/// Maps a request path to a relative file path under the root, refusing anything that could
/// leave it. Symbolic links are checked separately, after the file system resolves them.
pub fn relative_path(request_path: &str) -> Result<PathBuf, PathRefusal> {
    let decoded = percent_encoding::percent_decode_str(request_path)
        .decode_utf8()
        .map_err(|_| PathRefusal::BadEncoding)?;
    let mut relative = PathBuf::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => continue,
            ".." => return Err(PathRefusal::Traversal),
            s if s.contains(['\0', '\\']) => return Err(PathRefusal::ForbiddenCharacter),
            s => {
                // A segment such as "C:" would make the path absolute on Windows.
                let piece = Path::new(s);
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What the server reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ServerEvent {
    Request(RequestLog),
    ConnectionError {
        conn: u64,
        peer: SocketAddr,
        message: String,
    },
}

pub struct FileServer {
    /// The served directory, canonical.
    pub root: PathBuf,
    pub tls: Option<TlsAcceptor>,
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

fn response(status: StatusCode, content_type: &str, body: Vec<u8>) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(
        header::SERVER,
        HeaderValue::from_static(concat!("netlearn/", env!("CARGO_PKG_VERSION"))),
    );
    response
}

fn error_page(status: StatusCode, detail: &str) -> Response<Full<Bytes>> {
    let reason = status.canonical_reason().unwrap_or("");
    let body = format!("{} {reason}\n{detail}\n", status.as_u16());
    response(status, "text/plain; charset=utf-8", body.into_bytes())
}

async fn listing(directory: &Path, request_path: &str) -> std::io::Result<Vec<u8>> {
    let mut entries = Vec::new();
    let mut reader = tokio::fs::read_dir(directory).await?;
    while let Some(entry) = reader.next_entry().await? {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_dir = entry.file_type().await.map(|t| t.is_dir()).unwrap_or(false);
        entries.push(if is_dir { format!("{name}/") } else { name });
    }
    entries.sort();
    let title = html_escape(request_path);
    let mut page = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Index of {title}</title></head>\n<body><h1>Index of {title}</h1>\n<ul>\n"
    );
    for name in entries {
        let href: String =
            percent_encoding::utf8_percent_encode(&name, percent_encoding::NON_ALPHANUMERIC)
                .to_string()
                .replace("%2F", "/")
                .replace("%2E", ".");
        page.push_str(&format!(
            "<li><a href=\"{href}\">{}</a></li>\n",
            html_escape(&name)
        ));
    }
    page.push_str("</ul>\n</body></html>\n");
    Ok(page.into_bytes())
}

/// Answers one request from the file system; the note says why a request was refused.
pub async fn answer(
    root: &Path,
    method: &Method,
    request_path: &str,
) -> (Response<Full<Bytes>>, Option<String>) {
    if method != Method::GET && method != Method::HEAD {
        let mut refused = error_page(
            StatusCode::METHOD_NOT_ALLOWED,
            "this server only reads files: GET and HEAD",
        );
        refused
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return (refused, None);
    }
    let relative = match relative_path(request_path) {
        Ok(relative) => relative,
        Err(refusal) => {
            return (
                error_page(StatusCode::FORBIDDEN, &refusal.to_string()),
                Some(refusal.to_string()),
            );
        }
    };
    let candidate = root.join(&relative);
    // Symbolic links are followed, but only to places inside the root.
    let resolved = match tokio::fs::canonicalize(&candidate).await {
        Ok(resolved) => resolved,
        Err(_) => return (error_page(StatusCode::NOT_FOUND, "no such file"), None),
    };
    if !resolved.starts_with(root) {
        let note = "a symbolic link points outside the served directory".to_string();
        return (error_page(StatusCode::FORBIDDEN, &note), Some(note));
    }
    let metadata = match tokio::fs::metadata(&resolved).await {
        Ok(metadata) => metadata,
        Err(_) => return (error_page(StatusCode::NOT_FOUND, "no such file"), None),
    };
    if metadata.is_dir() {
        if !request_path.ends_with('/') {
            let mut moved = error_page(StatusCode::MOVED_PERMANENTLY, "a directory: add a /");
            if let Ok(location) = HeaderValue::from_str(&format!("{request_path}/")) {
                moved.headers_mut().insert(header::LOCATION, location);
            }
            return (moved, None);
        }
        let index = resolved.join("index.html");
        if tokio::fs::metadata(&index).await.is_ok_and(|m| m.is_file()) {
            return file(&index).await;
        }
        return match listing(&resolved, request_path).await {
            Ok(page) => (
                response(StatusCode::OK, "text/html; charset=utf-8", page),
                None,
            ),
            Err(error) => (
                error_page(StatusCode::FORBIDDEN, "cannot list this directory"),
                Some(error.to_string()),
            ),
        };
    }
    file(&resolved).await
}

async fn file(path: &Path) -> (Response<Full<Bytes>>, Option<String>) {
    match tokio::fs::metadata(path).await {
        Ok(m) if m.len() > MAX_FILE => {
            let note = format!("file larger than {MAX_FILE} bytes");
            return (error_page(StatusCode::PAYLOAD_TOO_LARGE, &note), Some(note));
        }
        _ => {}
    }
    match tokio::fs::read(path).await {
        Ok(bytes) => (response(StatusCode::OK, content_type(path), bytes), None),
        Err(error) => (
            error_page(StatusCode::FORBIDDEN, "cannot read this file"),
            Some(error.to_string()),
        ),
    }
}

/// Accepts connections until `shutdown`, serving each on its own task.
pub async fn serve(
    listener: TcpListener,
    server: Arc<FileServer>,
    events: mpsc::Sender<ServerEvent>,
    shutdown: CancellationToken,
) {
    let tracker = TaskTracker::new();
    let next_conn = AtomicU64::new(0);
    loop {
        let accepted = tokio::select! {
            _ = shutdown.cancelled() => break,
            accepted = listener.accept() => accepted,
        };
        let Ok((stream, peer)) = accepted else {
            // Out of descriptors and the like: pause instead of spinning.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let conn = next_conn.fetch_add(1, Ordering::Relaxed) + 1;
        let server = server.clone();
        let events = events.clone();
        let shutdown = shutdown.clone();
        tracker.spawn(async move {
            let result = serve_connection(stream, peer, conn, &server, &events, shutdown).await;
            if let Err(message) = result {
                let _ = events
                    .send(ServerEvent::ConnectionError {
                        conn,
                        peer,
                        message,
                    })
                    .await;
            }
        });
    }
    tracker.close();
    if tokio::time::timeout(GRACE, tracker.wait()).await.is_err() {
        // Connections still open after the grace period are dropped with the runtime.
    }
}

async fn serve_connection(
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    conn: u64,
    server: &FileServer,
    events: &mpsc::Sender<ServerEvent>,
    shutdown: CancellationToken,
) -> Result<(), String> {
    let _ = stream.set_nodelay(true);
    let root = server.root.clone();
    let events = events.clone();
    let service = service_fn(move |request: Request<Incoming>| {
        let root = root.clone();
        let events = events.clone();
        async move {
            let started = Instant::now();
            let method = request.method().clone();
            let path = request.uri().path().to_string();
            let (mut response, note) = answer(&root, &method, &path).await;
            let bytes = hyper::body::Body::size_hint(response.body())
                .exact()
                .unwrap_or(0);
            if method == Method::HEAD {
                // Same headers as GET, no body (RFC 9110 section 9.3.2).
                let length = HeaderValue::from(bytes);
                *response.body_mut() = Full::new(Bytes::new());
                response
                    .headers_mut()
                    .insert(header::CONTENT_LENGTH, length);
            }
            let _ = events
                .send(ServerEvent::Request(RequestLog {
                    conn,
                    peer,
                    method: method.to_string(),
                    path,
                    status: response.status().as_u16(),
                    bytes,
                    ms: started.elapsed().as_secs_f64() * 1000.0,
                    note,
                }))
                .await;
            Ok::<_, Infallible>(response)
        }
    });
    let mut builder = http1::Builder::new();
    // The article's client half-closes after its request; the answer must still go out.
    builder
        .half_close(true)
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT);
    let result = match &server.tls {
        Some(acceptor) => {
            let tls = tokio::time::timeout(HEADER_TIMEOUT, acceptor.accept(stream))
                .await
                .map_err(|_| "TLS handshake timed out".to_string())?
                .map_err(|e| format!("TLS handshake failed: {e}"))?;
            let connection = builder.serve_connection(TokioIo::new(tls), service);
            drive(connection, shutdown).await
        }
        None => {
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            drive(connection, shutdown).await
        }
    };
    result.map_err(|e| e.to_string())
}

/// Runs a connection, asking it to finish gracefully when the server shuts down.
async fn drive<I, S>(
    connection: http1::Connection<I, S>,
    shutdown: CancellationToken,
) -> Result<(), hyper::Error>
where
    I: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
    S: hyper::service::HttpService<Incoming, ResBody = Full<Bytes>>,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    tokio::pin!(connection);
    tokio::select! {
        result = connection.as_mut() => result,
        _ = shutdown.cancelled() => {
            connection.as_mut().graceful_shutdown();
            connection.await
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
        assert_eq!(relative_path("/%ff"), Err(PathRefusal::BadEncoding));
    }

    proptest::proptest! {
        #[test]
        fn no_accepted_path_has_a_parent_or_root_component(path in "[/a.%2eEfF5c0\\\\]{0,40}") {
            if let Ok(relative) = relative_path(&path) {
                proptest::prop_assert!(relative.components().all(|c| matches!(c, Component::Normal(_))));
            }
        }
    }
}
