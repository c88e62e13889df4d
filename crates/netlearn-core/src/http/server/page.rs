//! The pages the server builds: responses with its headers, plain-text error pages worded by
//! the [`Pages`] the command gives, and directory listings.

use std::io;
use std::path::Path;

use bytes::Bytes;
use hyper::header::{self, HeaderValue};
use hyper::{Response, StatusCode};

use super::body::ServeBody;
use super::path::{SEGMENT, name_bytes};
use super::refusal::Refusal;

/// Entries shown in one directory listing at most (a listing is built in memory).
pub const MAX_LISTING: usize = 10_000;

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

pub(super) fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A response with the server's headers, `length` as its Content-Length and `body`.
pub(super) fn respond(
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

pub(super) fn page(status: StatusCode, content_type: &str, body: Vec<u8>) -> Response<ServeBody> {
    let length = body.len() as u64;
    respond(
        status,
        content_type,
        length,
        ServeBody::Full(Some(Bytes::from(body))),
    )
}

/// A plain-text error page: the status line, then the line the pages give (if any).
pub(super) fn error_page(
    status: StatusCode,
    pages: &dyn Pages,
    about: ErrorPage<'_>,
) -> Response<ServeBody> {
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
pub(super) fn refused(
    pages: &dyn Pages,
    refusal: Refusal,
) -> (Response<ServeBody>, Option<Refusal>) {
    let page = error_page(StatusCode::FORBIDDEN, pages, ErrorPage::Refused(&refusal));
    (page, Some(refusal))
}

pub(super) async fn listing(
    directory: &Path,
    request_path: &str,
    pages: &dyn Pages,
) -> io::Result<Vec<u8>> {
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
