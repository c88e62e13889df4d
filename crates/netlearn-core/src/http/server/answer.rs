//! Answering one request from the file system: the method, the path under the root, symbolic
//! links kept inside it, regular files only (never blocking on what replaced one), ranges,
//! index pages and listings.

use std::io;
use std::path::Path;

use hyper::header::{self, HeaderValue};
use hyper::{Method, Response, StatusCode};
use tokio::io::AsyncSeekExt;

use super::body::{FileBody, ServeBody};
use super::page::{ErrorPage, Pages, error_page, listing, page, refused, respond};
use super::path::{relative_path, url_path};
use super::range::{ByteRange, byte_range};
use super::refusal::{FileKind, Refusal};

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
    let cannot_read = |error: io::Error| refused(pages, Refusal::CannotRead(error.into()));
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
            return refused(pages, Refusal::CannotRead(error.into()));
        }
        ServeBody::File(FileBody::new(file, length))
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
            Err(error) => refused(pages, Refusal::CannotList(error.into())),
        };
    }
    file(&resolved, &metadata, method, range, pages).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::server::page::BarePages;
    use crate::http::server::path::PathRefusal;

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
}
