//! HTTP/1.1 on the wire, by hand so every byte can be shown: the request a client sends, the
//! response head (parsed with httparse) and the body's framing — Content-Length, chunked
//! transfer coding, or the end of the connection (RFC 9112 section 6).

use serde::Serialize;

/// Most header lines a response may have.
const MAX_HEADERS: usize = 100;
/// Largest response head accepted by default (status line and headers).
pub const MAX_HEAD: usize = 64 * 1024;
/// Longest chunk size before any extensions (leading zeros are allowed, so it is a line
/// length, not a digit count): real ones are a few bytes.
pub const MAX_CHUNK_LINE: usize = 1024;
/// Chunk sizes kept for the report; the rest are only counted, so a body of a million 1-byte
/// chunks does not cost a million list entries.
pub const MAX_RECORDED_CHUNKS: usize = 1000;

/// What one response may cost, so a hostile server cannot make the client allocate without
/// end. Each is checked as bytes arrive, before they are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResponseLimits {
    /// Bytes of one response head (interim or final).
    pub max_head: usize,
    /// Interim 1xx answers (100 Continue, 103 Early Hints) before the final one.
    pub max_interim: usize,
    /// Bytes of chunk extensions (`;name=value` after a chunk size), summed over the body.
    pub max_chunk_extensions: usize,
    /// Bytes of trailer fields after the last chunk.
    pub max_trailers: usize,
    /// Bytes of body (after any chunked framing is removed).
    pub max_body: u64,
}

impl Default for ResponseLimits {
    fn default() -> ResponseLimits {
        ResponseLimits {
            max_head: MAX_HEAD,
            max_interim: 10,
            max_chunk_extensions: 4 * 1024,
            max_trailers: 16 * 1024,
            max_body: 64 * 1024 * 1024,
        }
    }
}

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

/// What httparse finds wrong with a head.
pub use httparse::Error as HeadError;

/// Why a response cannot be read (worded by the http view: `app::http::words`). Text from the
/// peer is kept as it came; the view escapes it.
#[derive(Debug, PartialEq, Eq)]
pub enum WireError {
    /// Not an HTTP response head: what httparse found wrong.
    BadHead(HeadError),
    HeadTooLarge {
        limit: usize,
    },
    /// More interim (1xx) answers than the limit before the final one.
    TooManyInterim {
        limit: usize,
    },
    /// A Content-Length value that is not a number, as sent.
    BadLength(String),
    /// Two different Content-Length values, as sent: the body's end is ambiguous.
    ConflictingLength(String, String),
    BodyTooLarge {
        limit: u64,
    },
    ChunkExtensionsTooLarge {
        limit: usize,
    },
    /// The trailer fields after the last chunk passed their limit.
    TrailersTooLarge {
        limit: usize,
    },
    BadChunk(ChunkError),
}

/// What is wrong with a chunked body's framing.
#[derive(Debug, PartialEq, Eq)]
pub enum ChunkError {
    /// A chunk's data is not followed by CRLF.
    DataWithoutCrlf,
    /// A chunk-size or trailer line ends in a bare LF.
    LineWithoutCrlf,
    /// A chunk-size line (before any extensions) longer than this many bytes.
    SizeLineTooLong { limit: usize },
    /// A chunk size that is not bare hexadecimal digits, as sent.
    NotHex(String),
}

/// Parses the head if it is complete: Ok(None) means "read more". The default head limit.
pub fn parse_head(buf: &[u8]) -> Result<Option<ResponseHead>, WireError> {
    parse_head_within(buf, MAX_HEAD)
}

/// Parses the head if it is complete and at most `max_head` bytes: Ok(None) means "read more".
pub fn parse_head_within(buf: &[u8], max_head: usize) -> Result<Option<ResponseHead>, WireError> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut headers);
    match response.parse(buf) {
        Ok(httparse::Status::Complete(head_bytes)) if head_bytes > max_head => {
            Err(WireError::HeadTooLarge { limit: max_head })
        }
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
        Ok(httparse::Status::Partial) if buf.len() > max_head => {
            Err(WireError::HeadTooLarge { limit: max_head })
        }
        Ok(httparse::Status::Partial) => Ok(None),
        Err(error) => Err(WireError::BadHead(error)),
    }
}

/// True when the head might have ended in `buf[from..]`: an empty line (CRLF CRLF, or bare LF
/// as httparse also accepts). Lets a reader skip re-parsing a head that cannot be complete, so
/// a server trickling one byte at a time costs one search per byte, not one parse.
pub fn may_hold_head_end(buf: &[u8], from: usize) -> bool {
    let start = from.saturating_sub(3);
    buf[start..]
        .windows(2)
        .any(|w| w == b"\n\n" || w == b"\n\r")
}

/// True when bytes look like a TLS record (handshake or alert, version 3.x) rather than HTTP:
/// what a TLS server answers to a plain-text request.
pub fn looks_like_tls(buf: &[u8]) -> bool {
    matches!(buf, [0x14..=0x17, 0x03, 0x00..=0x04, ..])
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

/// A Content-Length value: one or more decimal digits and nothing else (no sign, no spaces
/// inside), as RFC 9110 section 8.6 defines it.
fn content_length(text: &str) -> Result<u64, WireError> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(WireError::BadLength(text.to_string()));
    }
    text.parse::<u64>()
        .map_err(|_| WireError::BadLength(text.to_string()))
}

pub fn body_framing(method: &str, head: &ResponseHead) -> Result<BodyFraming, WireError> {
    if method.eq_ignore_ascii_case("HEAD")
        || (100..200).contains(&head.status)
        || head.status == 204
        || head.status == 304
    {
        return Ok(BodyFraming::None);
    }
    let all = |name: &'static str| {
        head.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
    };
    // RFC 9112 section 6.3: Transfer-Encoding overrides Content-Length; a response whose last
    // coding is not chunked runs until the connection closes.
    if let Some(last) = all("transfer-encoding").rfind(|c| !c.is_empty()) {
        return Ok(if last.eq_ignore_ascii_case("chunked") {
            BodyFraming::Chunked
        } else {
            BodyFraming::UntilClose
        });
    }
    // Repeats of one value are allowed (a list "5, 5" or two headers); different values make
    // the body's end ambiguous, the start of response smuggling, and must be refused.
    let mut length: Option<(u64, &str)> = None;
    for text in all("content-length") {
        let value = content_length(text)?;
        match length {
            Some((first, first_text)) if first != value => {
                return Err(WireError::ConflictingLength(
                    first_text.to_string(),
                    text.to_string(),
                ));
            }
            Some(_) => {}
            None => length = Some((value, text)),
        }
    }
    Ok(match length {
        Some((value, _)) => BodyFraming::ContentLength(value),
        None => BodyFraming::UntilClose,
    })
}

/// A chunked body decoded: the payload, the chunk sizes seen, and the bytes consumed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dechunked {
    pub body: Vec<u8>,
    /// The first [`MAX_RECORDED_CHUNKS`] chunk sizes.
    pub chunk_sizes: Vec<usize>,
    /// Every chunk, recorded or not (the 0-size last chunk not included).
    pub chunk_count: usize,
    pub consumed: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ChunkState {
    /// Reading a chunk-size line into `line`.
    Size,
    /// This many data bytes of the current chunk are still to come.
    Data(u64),
    /// After a chunk's data: this many bytes of its CRLF have been seen.
    DataEnd(u8),
    /// After the last chunk: reading trailer lines into `line`.
    Trailers,
    Done,
}

/// Decodes a chunked body as it arrives, keeping only the payload: the wire bytes are
/// consumed as they are fed, so what a peer sends costs at most one line of buffer beyond
/// the body itself, whatever the chunk sizes, extensions or trailers.
#[derive(Clone, Debug)]
pub struct ChunkedDecoder {
    limits: ResponseLimits,
    state: ChunkState,
    /// The line being read (a chunk-size line or a trailer line), without its CRLF.
    line: Vec<u8>,
    body_bytes: u64,
    extension_bytes: usize,
    trailer_bytes: usize,
    chunk_sizes: Vec<usize>,
    chunk_count: usize,
}

impl Default for ChunkedDecoder {
    fn default() -> ChunkedDecoder {
        ChunkedDecoder::new(ResponseLimits::default())
    }
}

impl ChunkedDecoder {
    pub fn new(limits: ResponseLimits) -> ChunkedDecoder {
        ChunkedDecoder {
            limits,
            state: ChunkState::Size,
            line: Vec::new(),
            body_bytes: 0,
            extension_bytes: 0,
            trailer_bytes: 0,
            chunk_sizes: Vec::new(),
            chunk_count: 0,
        }
    }

    /// True once the last chunk and the trailers have been read.
    pub fn is_done(&self) -> bool {
        self.state == ChunkState::Done
    }

    /// The chunk sizes recorded so far (at most [`MAX_RECORDED_CHUNKS`]).
    pub fn chunk_sizes(&self) -> &[usize] {
        &self.chunk_sizes
    }

    pub fn take_chunk_sizes(&mut self) -> Vec<usize> {
        std::mem::take(&mut self.chunk_sizes)
    }

    /// Every chunk seen so far, recorded or not.
    pub fn chunk_count(&self) -> usize {
        self.chunk_count
    }

    /// Consumes the next bytes of the body, appending payload to `body`. Returns how many
    /// bytes were used: all of `input` unless the body ended inside it.
    pub fn feed(&mut self, input: &[u8], body: &mut Vec<u8>) -> Result<usize, WireError> {
        let mut at = 0;
        while at < input.len() {
            let rest = &input[at..];
            match self.state {
                ChunkState::Done => break,
                ChunkState::Data(remaining) => {
                    let take = rest
                        .len()
                        .min(usize::try_from(remaining).unwrap_or(usize::MAX));
                    body.extend_from_slice(&rest[..take]);
                    at += take;
                    let remaining = remaining - take as u64;
                    self.state = if remaining == 0 {
                        ChunkState::DataEnd(0)
                    } else {
                        ChunkState::Data(remaining)
                    };
                }
                ChunkState::DataEnd(seen) => {
                    let expected = b"\r\n"[usize::from(seen)];
                    if rest[0] != expected {
                        return Err(WireError::BadChunk(ChunkError::DataWithoutCrlf));
                    }
                    at += 1;
                    self.state = if seen == 1 {
                        ChunkState::Size
                    } else {
                        ChunkState::DataEnd(1)
                    };
                }
                ChunkState::Size | ChunkState::Trailers => {
                    let Some(end) = rest.iter().position(|&b| b == b'\n') else {
                        self.push_line(rest)?;
                        at = input.len();
                        break;
                    };
                    self.push_line(&rest[..end])?;
                    at += end + 1;
                    let mut line = std::mem::take(&mut self.line);
                    if line.pop() != Some(b'\r') {
                        return Err(WireError::BadChunk(ChunkError::LineWithoutCrlf));
                    }
                    if self.state == ChunkState::Size {
                        self.size_line(&line)?;
                    } else if line.is_empty() {
                        self.state = ChunkState::Done;
                    }
                    line.clear();
                    self.line = line;
                }
            }
        }
        Ok(at)
    }

    /// Adds bytes of the current line, within its limit.
    fn push_line(&mut self, bytes: &[u8]) -> Result<(), WireError> {
        if self.state == ChunkState::Trailers {
            self.trailer_bytes += bytes.len();
            if self.trailer_bytes > self.limits.max_trailers {
                return Err(WireError::TrailersTooLarge {
                    limit: self.limits.max_trailers,
                });
            }
        } else {
            // The size part and the extensions have separate limits, checked before the line
            // is complete so that a line without end cannot grow.
            let length = self.line.len() + bytes.len();
            let semicolon = self.line.iter().chain(bytes).position(|&b| b == b';');
            if semicolon.unwrap_or(length) > MAX_CHUNK_LINE {
                return Err(WireError::BadChunk(ChunkError::SizeLineTooLong {
                    limit: MAX_CHUNK_LINE,
                }));
            }
            if let Some(semicolon) = semicolon
                && self.extension_bytes + (length - semicolon) > self.limits.max_chunk_extensions
            {
                return Err(WireError::ChunkExtensionsTooLarge {
                    limit: self.limits.max_chunk_extensions,
                });
            }
        }
        self.line.extend_from_slice(bytes);
        Ok(())
    }

    /// A whole chunk-size line (CRLF removed): `1*HEXDIG [ BWS ; extensions ]`.
    fn size_line(&mut self, line: &[u8]) -> Result<(), WireError> {
        let (size_part, extensions) = match line.iter().position(|&b| b == b';') {
            Some(semicolon) => (&line[..semicolon], &line[semicolon..]),
            None => (line, &[][..]),
        };
        self.extension_bytes += extensions.len();
        if self.extension_bytes > self.limits.max_chunk_extensions {
            return Err(WireError::ChunkExtensionsTooLarge {
                limit: self.limits.max_chunk_extensions,
            });
        }
        // Whitespace may precede a ';' (BWS), nothing else may surround the digits: a sign or
        // "0x" would let two parsers disagree about where the body ends.
        let digits = trim_trailing_bws(size_part);
        let significant = digits
            .iter()
            .position(|&b| b != b'0')
            .map_or(&[][..], |p| &digits[p..]);
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_hexdigit) || significant.len() > 16
        {
            return Err(WireError::BadChunk(ChunkError::NotHex(
                String::from_utf8_lossy(size_part).into_owned(),
            )));
        }
        let mut size: u64 = 0;
        for &digit in significant {
            let value = (digit as char).to_digit(16).unwrap_or(0);
            size = (size << 4) | u64::from(value);
        }
        if size == 0 {
            self.state = ChunkState::Trailers;
            return Ok(());
        }
        if self.body_bytes.saturating_add(size) > self.limits.max_body {
            return Err(WireError::BodyTooLarge {
                limit: self.limits.max_body,
            });
        }
        self.body_bytes += size;
        self.chunk_count += 1;
        if self.chunk_sizes.len() < MAX_RECORDED_CHUNKS {
            self.chunk_sizes
                .push(usize::try_from(size).unwrap_or(usize::MAX));
        }
        self.state = ChunkState::Data(size);
        Ok(())
    }
}

fn trim_trailing_bws(mut bytes: &[u8]) -> &[u8] {
    while let [rest @ .., b' ' | b'\t'] = bytes {
        bytes = rest;
    }
    bytes
}

/// Feeds `bytes` to a decoder with small limits in two pieces cut at `split`: the body, the
/// bytes used and whether it finished, or the error. Any cut must give the same answer (a
/// check for the fuzzer and the property tests).
pub fn fed_in_two(bytes: &[u8], split: usize) -> Result<(Vec<u8>, usize, bool), WireError> {
    let mut decoder = ChunkedDecoder::new(ResponseLimits {
        max_chunk_extensions: 64,
        max_trailers: 64,
        max_body: 1 << 16,
        ..ResponseLimits::default()
    });
    let (first, second) = bytes.split_at(split.min(bytes.len()));
    let mut body = Vec::new();
    let mut used = decoder.feed(first, &mut body)?;
    if !decoder.is_done() {
        used += decoder.feed(second, &mut body)?;
    }
    Ok((body, used, decoder.is_done()))
}

/// Decodes a chunked body if all of it is in `buf`; Ok(None) means "read more".
pub fn decode_chunked(buf: &[u8], max_body: u64) -> Result<Option<Dechunked>, WireError> {
    let mut decoder = ChunkedDecoder::new(ResponseLimits {
        max_body,
        ..ResponseLimits::default()
    });
    let mut body = Vec::new();
    let consumed = decoder.feed(buf, &mut body)?;
    if !decoder.is_done() {
        return Ok(None);
    }
    Ok(Some(Dechunked {
        body,
        chunk_count: decoder.chunk_count(),
        chunk_sizes: decoder.take_chunk_sizes(),
        consumed,
    }))
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
        let wire = b"3\r\nabc\r\n2\r\nde\r\n0\r\nX: y\r\n\r\nnext";
        // Fed in every split, one byte at a time included, it consumes the same bytes.
        for step in 1..wire.len() {
            let mut decoder = ChunkedDecoder::default();
            let mut body = Vec::new();
            let mut used = 0;
            for piece in wire.chunks(step) {
                used += decoder.feed(piece, &mut body).unwrap();
            }
            assert!(decoder.is_done(), "step {step}");
            assert_eq!(body, b"abcde");
            assert_eq!(used, wire.len() - 4, "stops before what follows the body");
            assert_eq!(decoder.chunk_sizes(), [3, 2]);
        }
    }

    fn decode_with(limits: ResponseLimits, wire: &[u8]) -> Result<Vec<u8>, WireError> {
        let mut decoder = ChunkedDecoder::new(limits);
        let mut body = Vec::new();
        decoder.feed(wire, &mut body)?;
        Ok(body)
    }

    #[test]
    fn chunk_extensions_and_trailers_have_budgets() {
        let limits = ResponseLimits {
            max_chunk_extensions: 100,
            max_trailers: 50,
            ..ResponseLimits::default()
        };
        let ext = format!("1;{}\r\nx\r\n", "e".repeat(40));
        assert!(decode_with(limits, ext.repeat(2).as_bytes()).is_ok());
        assert_eq!(
            decode_with(limits, ext.repeat(3).as_bytes()),
            Err(WireError::ChunkExtensionsTooLarge { limit: 100 })
        );
        // A line that never ends is refused once its extension passes the budget.
        let endless = format!("1;{}", "e".repeat(200));
        assert_eq!(
            decode_with(limits, endless.as_bytes()),
            Err(WireError::ChunkExtensionsTooLarge { limit: 100 })
        );
        let trailers = "0\r\n".to_string() + &"X-T: 1234567\r\n".repeat(5);
        assert_eq!(
            decode_with(limits, trailers.as_bytes()),
            Err(WireError::TrailersTooLarge { limit: 50 })
        );
        let zeros = "0".repeat(2000) + "1\r\n";
        assert!(matches!(
            decode_with(limits, zeros.as_bytes()),
            Err(WireError::BadChunk(_))
        ));
    }

    #[test]
    fn chunk_sizes_are_bare_hex_digits() {
        for bad in [
            "+5",
            "-1",
            "0x5",
            " 5",
            "",
            "5 5",
            "1_0",
            "10000000000000000",
        ] {
            let wire = format!("{bad}\r\nhello\r\n0\r\n\r\n");
            assert!(
                matches!(
                    decode_chunked(wire.as_bytes(), u64::MAX),
                    Err(WireError::BadChunk(_))
                ),
                "{bad:?} must be refused"
            );
        }
        for good in ["5", "05", "00000005", "5 ", "5 ;ext"] {
            let wire = format!("{good}\r\nhello\r\n0\r\n\r\n");
            let done = decode_chunked(wire.as_bytes(), 100).unwrap().unwrap();
            assert_eq!(done.body, b"hello", "{good:?}");
        }
    }

    #[test]
    fn many_tiny_chunks_are_counted_not_all_recorded() {
        let wire = "1\r\nx\r\n".repeat(MAX_RECORDED_CHUNKS + 5) + "0\r\n\r\n";
        let done = decode_chunked(wire.as_bytes(), 1 << 20).unwrap().unwrap();
        assert_eq!(done.body.len(), MAX_RECORDED_CHUNKS + 5);
        assert_eq!(done.chunk_count, MAX_RECORDED_CHUNKS + 5);
        assert_eq!(done.chunk_sizes.len(), MAX_RECORDED_CHUNKS);
    }

    #[test]
    fn heads_have_a_size_limit_and_tls_is_recognised() {
        let big = format!("HTTP/1.1 200 OK\r\nX: {}\r\n\r\n", "a".repeat(200));
        assert_eq!(
            parse_head_within(big.as_bytes(), 100),
            Err(WireError::HeadTooLarge { limit: 100 })
        );
        assert_eq!(
            parse_head_within(&big.as_bytes()[..150], 100),
            Err(WireError::HeadTooLarge { limit: 100 })
        );
        assert!(parse_head_within(big.as_bytes(), 1000).unwrap().is_some());
        assert!(may_hold_head_end(b"HTTP/1.1 200 OK\r\n\r\n", 18));
        assert!(!may_hold_head_end(b"HTTP/1.1 200 OK\r\nX: y", 10));
        assert!(looks_like_tls(&[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x32]));
        assert!(!looks_like_tls(b"HTTP/1.1 200 OK"));
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
        assert!(body_framing("GET", &head("Content-Length: +5\r\n")).is_err());
        assert_eq!(
            body_framing("GET", &head("Content-Length: 5\r\nContent-Length: 5\r\n")).unwrap(),
            BodyFraming::ContentLength(5)
        );
        assert_eq!(
            body_framing("GET", &head("Content-Length: 5, 5\r\n")).unwrap(),
            BodyFraming::ContentLength(5)
        );
        assert!(matches!(
            body_framing("GET", &head("Content-Length: 5\r\nContent-Length: 6\r\n")),
            Err(WireError::ConflictingLength(..))
        ));
        assert_eq!(
            body_framing(
                "GET",
                &head("Transfer-Encoding: gzip\r\nContent-Length: 9\r\n")
            )
            .unwrap(),
            BodyFraming::UntilClose,
            "a final coding other than chunked runs until close"
        );
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

        #[test]
        fn splitting_the_input_changes_nothing(
            bytes in proptest::collection::vec(proptest::sample::select(b"0123456789abcdefAF;= \r\nxX+-".to_vec()), 0..200),
            split in 0usize..200,
        ) {
            proptest::prop_assert_eq!(fed_in_two(&bytes, split), fed_in_two(&bytes, 0));
        }
    }
}
