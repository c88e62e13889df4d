//! HTTP/1.1 on the wire, by hand so every byte can be shown: the request a client sends, the
//! response head (parsed with httparse) and the body's framing — Content-Length, chunked
//! transfer coding, or the end of the connection (RFC 9112 section 6).

use serde::Serialize;

/// Most header lines a response may have.
const MAX_HEADERS: usize = 100;
/// Largest response head accepted (status line and headers).
pub const MAX_HEAD: usize = 64 * 1024;

/// The bytes of a request: request line, Host, the given headers, an empty line.
pub fn build_request(
    method: &str,
    host_header: &str,
    target: &str,
    headers: &[(String, String)],
) -> Vec<u8> {
    let mut request = format!("{method} {target} HTTP/1.1\r\nHost: {host_header}\r\n");
    let has = |name: &str| headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
    if !has("user-agent") {
        request.push_str(concat!(
            "User-Agent: netlearn/",
            env!("CARGO_PKG_VERSION"),
            "\r\n"
        ));
    }
    if !has("accept") {
        request.push_str("Accept: */*\r\n");
    }
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    // One request per connection keeps the exchange easy to read, as in the article.
    if !has("connection") {
        request.push_str("Connection: close\r\n");
    }
    request.push_str("\r\n");
    request.into_bytes()
}

/// A response's status line and headers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ResponseHead {
    pub version: String,
    pub status: u16,
    pub reason: String,
    pub headers: Vec<(String, String)>,
    /// Bytes the head took on the wire, up to and including the empty line.
    pub head_bytes: usize,
}

impl ResponseHead {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WireError {
    #[error("the response is not HTTP: {0}")]
    BadHead(String),
    #[error("the response head is larger than {MAX_HEAD} bytes")]
    HeadTooLarge,
    #[error("Content-Length {0:?} is not a number")]
    BadLength(String),
    #[error("bad chunked encoding: {0}")]
    BadChunk(String),
}

/// Parses the head if it is complete: Ok(None) means "read more".
pub fn parse_head(buf: &[u8]) -> Result<Option<ResponseHead>, WireError> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut headers);
    match response.parse(buf) {
        Ok(httparse::Status::Complete(head_bytes)) => Ok(Some(ResponseHead {
            version: format!("HTTP/1.{}", response.version.unwrap_or(1)),
            status: response.code.unwrap_or(0),
            reason: response.reason.unwrap_or("").to_string(),
            headers: response
                .headers
                .iter()
                .map(|h| {
                    (
                        h.name.to_string(),
                        String::from_utf8_lossy(h.value).into_owned(),
                    )
                })
                .collect(),
            head_bytes,
        })),
        Ok(httparse::Status::Partial) if buf.len() > MAX_HEAD => Err(WireError::HeadTooLarge),
        Ok(httparse::Status::Partial) => Ok(None),
        Err(error) => Err(WireError::BadHead(error.to_string())),
    }
}

/// How the body's end is found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "bytes", rename_all = "kebab-case")]
pub enum BodyFraming {
    /// No body: HEAD, 1xx, 204 and 304 (RFC 9112 section 6.3).
    None,
    ContentLength(u64),
    Chunked,
    /// Neither: the body is everything until the server closes the connection.
    UntilClose,
}

pub fn body_framing(method: &str, head: &ResponseHead) -> Result<BodyFraming, WireError> {
    if method.eq_ignore_ascii_case("HEAD")
        || (100..200).contains(&head.status)
        || head.status == 204
        || head.status == 304
    {
        return Ok(BodyFraming::None);
    }
    if let Some(coding) = head.header("transfer-encoding")
        && coding
            .rsplit(',')
            .next()
            .is_some_and(|last| last.trim().eq_ignore_ascii_case("chunked"))
    {
        return Ok(BodyFraming::Chunked);
    }
    if let Some(length) = head.header("content-length") {
        let length = length.trim();
        return length
            .parse::<u64>()
            .map(BodyFraming::ContentLength)
            .map_err(|_| WireError::BadLength(length.to_string()));
    }
    Ok(BodyFraming::UntilClose)
}

/// A chunked body decoded: the payload, the chunk sizes seen, and the bytes consumed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dechunked {
    pub body: Vec<u8>,
    pub chunk_sizes: Vec<usize>,
    pub consumed: usize,
}

fn find_crlf(buf: &[u8], from: usize) -> Option<usize> {
    buf.get(from..)?
        .windows(2)
        .position(|w| w == b"\r\n")
        .map(|p| from + p)
}

/// Decodes a chunked body as it arrives: each call resumes after the last whole chunk, so a
/// large body costs one pass, not one pass per read.
#[derive(Clone, Debug, Default)]
pub struct ChunkedDecoder {
    body: Vec<u8>,
    chunk_sizes: Vec<usize>,
    /// Where the next chunk-size line starts in the buffer given to `feed`.
    at: usize,
}

impl ChunkedDecoder {
    /// `buf` is everything received after the head so far (it only ever grows). Ok(None)
    /// means "read more".
    pub fn feed(&mut self, buf: &[u8], max_body: u64) -> Result<Option<Dechunked>, WireError> {
        loop {
            let at = self.at;
            let Some(line_end) = find_crlf(buf, at) else {
                if buf.len().saturating_sub(at) > 1024 {
                    return Err(WireError::BadChunk(
                        "chunk size line longer than 1 KiB".into(),
                    ));
                }
                return Ok(None);
            };
            let line = String::from_utf8_lossy(&buf[at..line_end]);
            let size_text = line.split(';').next().unwrap_or("").trim();
            let size = usize::from_str_radix(size_text, 16)
                .map_err(|_| WireError::BadChunk(format!("chunk size {size_text:?} is not hex")))?;
            if self.body.len() as u64 + size as u64 > max_body {
                return Err(WireError::BadChunk(format!(
                    "body larger than {max_body} bytes"
                )));
            }
            let data = line_end + 2;
            if size == 0 {
                // Trailer fields, then an empty line.
                let mut trailer = data;
                loop {
                    let Some(end) = find_crlf(buf, trailer) else {
                        return Ok(None);
                    };
                    let empty = end == trailer;
                    trailer = end + 2;
                    if empty {
                        return Ok(Some(Dechunked {
                            body: std::mem::take(&mut self.body),
                            chunk_sizes: std::mem::take(&mut self.chunk_sizes),
                            consumed: trailer,
                        }));
                    }
                }
            }
            if buf.len() < data + size + 2 {
                return Ok(None);
            }
            if &buf[data + size..data + size + 2] != b"\r\n" {
                return Err(WireError::BadChunk(
                    "chunk data not followed by CRLF".into(),
                ));
            }
            self.body.extend_from_slice(&buf[data..data + size]);
            self.chunk_sizes.push(size);
            self.at = data + size + 2;
        }
    }
}

/// Decodes a chunked body if all of it is in `buf`; Ok(None) means "read more".
pub fn decode_chunked(buf: &[u8], max_body: u64) -> Result<Option<Dechunked>, WireError> {
    ChunkedDecoder::default().feed(buf, max_body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_exact_bytes() {
        let request = build_request("GET", "example.test:8080", "/a?b=c", &[]);
        let text = String::from_utf8(request).unwrap();
        assert!(text.starts_with("GET /a?b=c HTTP/1.1\r\nHost: example.test:8080\r\n"));
        assert!(text.ends_with("Connection: close\r\n\r\n"));
        let custom = build_request("HEAD", "h", "/", &[("Accept".into(), "text/html".into())]);
        let custom = String::from_utf8(custom).unwrap();
        assert!(custom.contains("Accept: text/html\r\n") && !custom.contains("*/*"));
    }

    #[test]
    fn heads_parse_when_complete() {
        assert_eq!(parse_head(b"HTTP/1.1 200 OK\r\nContent-Le").unwrap(), None);
        let head = parse_head(b"HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nabc")
            .unwrap()
            .unwrap();
        assert_eq!(head.status, 404);
        assert_eq!(head.reason, "Not Found");
        assert_eq!(head.head_bytes, 45);
        assert_eq!(
            body_framing("GET", &head).unwrap(),
            BodyFraming::ContentLength(3)
        );
        assert_eq!(body_framing("HEAD", &head).unwrap(), BodyFraming::None);
        assert!(parse_head(b"SSH-2.0-OpenSSH\r\n\r\n").is_err());
    }

    #[test]
    fn chunked_bodies_decode_incrementally() {
        let wire = b"4\r\nWiki\r\n6;ext=1\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\nX-Trailer: 1\r\n\r\nrest";
        for cut in 0..wire.len() - 4 {
            assert_eq!(
                decode_chunked(&wire[..cut], 1 << 20).unwrap(),
                None,
                "cut at {cut}"
            );
        }
        let done = decode_chunked(wire, 1 << 20).unwrap().unwrap();
        assert_eq!(done.body, b"Wikipedia in \r\n\r\nchunks.");
        assert_eq!(done.chunk_sizes, [4, 6, 14]);
        assert_eq!(done.consumed, wire.len() - 4);
        assert!(decode_chunked(b"zz\r\n", 100).is_err());
        assert!(decode_chunked(b"ff\r\n", 100).is_err(), "over the limit");
        assert!(decode_chunked(b"2\r\nabX\r\n", 100).is_err());
    }

    #[test]
    fn the_decoder_resumes_where_it_stopped() {
        let wire = b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
        let mut decoder = ChunkedDecoder::default();
        for end in 0..wire.len() {
            assert_eq!(decoder.feed(&wire[..end], 100).unwrap(), None, "at {end}");
        }
        let done = decoder.feed(wire, 100).unwrap().unwrap();
        assert_eq!(done.body, b"abcde");
        assert_eq!(done.chunk_sizes, [3, 2]);
    }

    #[test]
    fn framing_follows_rfc_9112() {
        let head = |headers: &str| {
            parse_head(format!("HTTP/1.1 200 OK\r\n{headers}\r\n").as_bytes())
                .unwrap()
                .unwrap()
        };
        assert_eq!(
            body_framing(
                "GET",
                &head("Transfer-Encoding: gzip, chunked\r\nContent-Length: 9\r\n")
            )
            .unwrap(),
            BodyFraming::Chunked
        );
        assert_eq!(
            body_framing("GET", &head("")).unwrap(),
            BodyFraming::UntilClose
        );
        assert!(body_framing("GET", &head("Content-Length: x\r\n")).is_err());
        let no_content = parse_head(b"HTTP/1.1 204 No Content\r\n\r\n")
            .unwrap()
            .unwrap();
        assert_eq!(body_framing("GET", &no_content).unwrap(), BodyFraming::None);
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
            let _ = parse_head(&bytes);
            let _ = decode_chunked(&bytes, 1 << 16);
        }
    }
}
