//! Address lists: a fast reader (straight from bytes, no per-line allocation on the common
//! IPv4 path) and the merge into the minimal sorted CIDR cover. Input is read as bytes in
//! lines of bounded length, so neither a huge line nor binary data costs more than a line's
//! worth of memory or reaches an error message raw.

use std::io::{self, BufRead, Write};
use std::net::IpAddr;
#[cfg(test)]
use std::net::Ipv4Addr;
use std::sync::{Mutex, PoisonError};

use super::address::{Family, ParseError, parse_addr, parse_net, to_u128};
use super::quote::QUOTE_LIMIT;
use super::special::bounds;

/// Longest line read from a list. Longer lines are counted, not kept: a 100 MB line costs
/// this much memory, not 100 MB. Far above any address, range or sensible comment.
pub const MAX_LINE: usize = 16 * 1024;

/// One line of input as the line reader hands it over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line<'a> {
    /// The line's bytes, without its newline.
    Text(&'a [u8]),
    /// A line longer than [`MAX_LINE`]: only its length was kept.
    TooLong(u64),
}

/// Calls `each` with every line of `reader` and its 1-based number. Memory stays within the
/// reader's buffer plus [`MAX_LINE`], whatever the input.
pub fn for_each_line<R: BufRead>(
    mut reader: R,
    mut each: impl FnMut(usize, Line<'_>) -> io::Result<()>,
) -> io::Result<()> {
    let mut number = 0;
    // The start of a line the buffer cut in two.
    let mut carry: Vec<u8> = Vec::new();
    // The length so far of a line already known to be too long.
    let mut over: Option<u64> = None;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if chunk.is_empty() {
            if let Some(len) = over {
                each(number + 1, Line::TooLong(len))?;
            } else if !carry.is_empty() {
                each(number + 1, Line::Text(&carry))?;
            }
            return Ok(());
        }
        let consumed = chunk.len();
        let mut start = 0;
        while let Some(pos) = memchr::memchr(b'\n', &chunk[start..]) {
            let piece = &chunk[start..start + pos];
            number += 1;
            if let Some(len) = over.take() {
                each(number, Line::TooLong(len + piece.len() as u64))?;
            } else if !carry.is_empty() {
                if carry.len() + piece.len() > MAX_LINE {
                    each(number, Line::TooLong((carry.len() + piece.len()) as u64))?;
                } else {
                    carry.extend_from_slice(piece);
                    each(number, Line::Text(&carry))?;
                }
                carry.clear();
            } else if piece.len() > MAX_LINE {
                each(number, Line::TooLong(piece.len() as u64))?;
            } else {
                each(number, Line::Text(piece))?;
            }
            start += pos + 1;
        }
        let rest = &chunk[start..];
        match over.as_mut() {
            Some(len) => *len += rest.len() as u64,
            None if carry.len() + rest.len() > MAX_LINE => {
                over = Some((carry.len() + rest.len()) as u64);
                carry = Vec::new();
            }
            None => carry.extend_from_slice(rest),
        }
        reader.consume(consumed);
    }
}

/// What is wrong with one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineProblem {
    Parse(ParseError),
    /// Not UTF-8: the first bytes (at most [`QUOTE_LIMIT`]) and the line's length.
    NotText {
        head: Vec<u8>,
        len: usize,
    },
    TooLong {
        len: u64,
    },
}

/// A line that could not be read (worded by the addr view: `app::addr::words`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    /// 1-based line number.
    pub line: usize,
    pub error: LineProblem,
}

fn not_text(bytes: &[u8]) -> LineProblem {
    LineProblem::NotText {
        head: bytes[..bytes.len().min(QUOTE_LIMIT)].to_vec(),
        len: bytes.len(),
    }
}

/// Errors kept in full; beyond this only the count grows (a huge bad file must not use
/// unbounded memory for its error list).
pub const KEPT_ERRORS: usize = 100;

/// Reads a list of networks (one per line, blank lines and `#` comments skipped), keeping each
/// as written and handing each over as it is read, with bad lines numbered.
pub fn read_networks<R: BufRead>(
    reader: R,
    mut each: impl FnMut(Result<ipnet::IpNet, LineError>) -> io::Result<()>,
) -> io::Result<()> {
    for_each_line(reader, |line, text| {
        let bytes = match text {
            Line::TooLong(len) => {
                return each(Err(LineError {
                    line,
                    error: LineProblem::TooLong { len },
                }));
            }
            Line::Text(bytes) => bytes,
        };
        let entry = trim(bytes);
        if entry.is_empty() {
            return Ok(());
        }
        let parsed = match std::str::from_utf8(entry) {
            Ok(text) => parse_net(text).map_err(LineProblem::Parse),
            Err(_) => Err(not_text(entry)),
        };
        each(parsed.map_err(|error| LineError { line, error }))
    })
}

/// Reads a whole list of networks from bytes (see [`read_networks`]).
#[cfg(test)]
pub fn parse_networks(input: &[u8]) -> (Vec<ipnet::IpNet>, Vec<LineError>) {
    let mut networks = Vec::new();
    let mut errors = Vec::new();
    // Reading from a slice cannot fail.
    let _ = read_networks(input, |entry| {
        match entry {
            Ok(net) => networks.push(net),
            Err(error) => errors.push(error),
        }
        Ok(())
    });
    (networks, errors)
}

/// Reading threads at most (the machine this was measured on has two cores; the sort and
/// merge are split in two halves as well).
const READERS: usize = 2;

/// Bytes of whole lines a reading thread takes from the input at a time (more than
/// [`MAX_LINE`]: a line that does not fit is too long).
const CHUNK: usize = 1 << 18;

/// Below this many intervals the sort and merge stay on one thread (a thread costs more).
const PARALLEL_MIN: usize = 1 << 16;

/// IPv4 lists per reading thread, by the network's top bits: half of them sort and merge on
/// each thread, each is small enough for a radix sort with a small spare buffer, and a block
/// in one takes 4 bytes (the network's other 26 bits and the prefix length's 6).
const V4_PART_BITS: u32 = 6;
const V4_PARTS: usize = 1 << V4_PART_BITS;

/// A part longer than this (a list crowded into a 64th of the space) is sorted in place
/// instead, so the radix sort's spare buffer stays within 256 KiB per thread.
const RADIX_MAX: usize = 1 << 16;

/// The intervals one reading thread found.
#[derive(Debug)]
struct Shard {
    /// IPv4 CIDR blocks (a range is read as its blocks) in [`V4_PARTS`] lists by the
    /// network's top bits, each packed as `network << 6 | prefix length` in 32 bits (the top
    /// bits are the list's), so that sorting is one integer sort by network.
    v4: Vec<Vec<u32>>,
    v6: Vec<(u128, u128)>,
}

impl Default for Shard {
    fn default() -> Shard {
        Shard {
            v4: (0..V4_PARTS).map(|_| Vec::new()).collect(),
            v6: Vec::new(),
        }
    }
}

/// The interval of a packed block in list `part`.
fn v4_unpack(part: usize, packed: u32) -> (u32, u32) {
    let first = ((part as u32) << (32 - V4_PART_BITS)) | (packed >> V4_PART_BITS);
    let prefix = packed & ((1 << V4_PART_BITS) - 1);
    (first, first | u32::MAX.checked_shr(prefix).unwrap_or(0))
}

/// The intervals read from a list, by family.
#[derive(Debug, Default)]
pub struct AddressList {
    /// One per reading thread.
    shards: Vec<Shard>,
    pub errors: Vec<LineError>,
    pub error_count: usize,
    pub entries: usize,
}

/// Parses `a.b.c.d` or `a.b.c.d/len` with no leading zeros; None for anything else (the
/// strict general parser then decides, and explains errors).
fn parse_v4_fast(text: &[u8]) -> Option<(u32, u8)> {
    let mut value: u32 = 0;
    let mut octets = 0;
    let mut i = 0;
    while octets < 4 {
        let start = i;
        let mut octet: u32 = 0;
        while i < text.len() && text[i].is_ascii_digit() {
            octet = octet * 10 + u32::from(text[i] - b'0');
            i += 1;
            if i - start > 3 {
                return None;
            }
        }
        let digits = i - start;
        if digits == 0 || octet > 255 || (digits > 1 && text[start] == b'0') {
            return None;
        }
        value = (value << 8) | octet;
        octets += 1;
        if octets < 4 {
            if i >= text.len() || text[i] != b'.' {
                return None;
            }
            i += 1;
        }
    }
    if i == text.len() {
        return Some((value, 32));
    }
    if text[i] != b'/' {
        return None;
    }
    let digits = &text[i + 1..];
    if digits.is_empty() || digits.len() > 2 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let prefix = digits
        .iter()
        .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    (prefix <= 32).then_some((value, prefix as u8))
}

/// How many of a word's bytes (little-endian) are ASCII digits before the first that is not
/// (4 when all are), and the word with each digit byte turned into its value.
#[inline]
fn leading_digits(word: u32) -> (u32, u32) {
    // '0'..='9' become 0..=9 and every other byte something above 9.
    let values = word ^ 0x3030_3030;
    let above_nine = (((values & 0x7f7f_7f7f) + 0x7676_7676) | values) & 0x8080_8080;
    (above_nine.trailing_zeros() / 8, values)
}

/// [`parse_v4_line`] where at least 24 bytes follow `at` (a line is at most 19): each octet's
/// digits are found and valued from one 4-byte word, with no branch per digit (the number of
/// digits varies from line to line, so such branches are mispredicted).
#[inline]
fn parse_v4_line_wide(text: &[u8], at: usize) -> Option<(u32, u8, usize)> {
    let window: &[u8; 24] = text.get(at..at + 24)?.try_into().ok()?;
    let word =
        |i: usize| u32::from_le_bytes([window[i], window[i + 1], window[i + 2], window[i + 3]]);
    let mut i = 0;
    let mut value: u32 = 0;
    for octet_index in 0..4 {
        let (len, digits) = leading_digits(word(i));
        // One to three digits, no leading zero.
        if len.wrapping_sub(1) > 2 || (len > 1 && digits & 0xff == 0) {
            return None;
        }
        // The digits moved to the top of three bytes: d0 d1 d2, 0 d0 d1 or 0 0 d0.
        let aligned = (digits & (u32::MAX >> (32 - 8 * len))) << (8 * (3 - len));
        let octet =
            (aligned & 0xff) * 100 + ((aligned >> 8) & 0xff) * 10 + ((aligned >> 16) & 0xff);
        if octet > 255 {
            return None;
        }
        value = (value << 8) | octet;
        i += len as usize;
        if octet_index < 3 {
            if window[i] != b'.' {
                return None;
            }
            i += 1;
        }
    }
    match window[i] {
        b'\n' => Some((value, 32, at + i)),
        b'/' => {
            let (len, digits) = leading_digits(word(i + 1));
            let prefix = match len {
                1 => digits & 0xff,
                2 => (digits & 0xff) * 10 + ((digits >> 8) & 0xff),
                _ => return None,
            };
            let end = i + 1 + len as usize;
            (prefix <= 32 && window[end] == b'\n').then_some((value, prefix as u8, at + end))
        }
        _ => None,
    }
}

/// Parses the line starting at `at` when it is exactly `a.b.c.d` or `a.b.c.d/len` (no
/// leading zeros in the address) up to its newline or the end of `text`, finding that newline
/// itself: the address, the prefix length and where the line ends. None for anything else.
#[inline]
fn parse_v4_line(text: &[u8], at: usize) -> Option<(u32, u8, usize)> {
    // The end of the text reads as a newline.
    let byte = |i: usize| text.get(i).copied().unwrap_or(b'\n');
    let digit = |i: usize| byte(i).wrapping_sub(b'0');
    let mut i = at;
    let mut value: u32 = 0;
    for octet_index in 0..4 {
        let first = digit(i);
        if first > 9 {
            return None;
        }
        let second = digit(i + 1);
        let octet = if second > 9 {
            i += 1;
            u32::from(first)
        } else if first == 0 {
            return None; // a leading zero
        } else {
            let third = digit(i + 2);
            if third > 9 {
                i += 2;
                u32::from(first) * 10 + u32::from(second)
            } else {
                i += 3;
                let octet = u32::from(first) * 100 + u32::from(second) * 10 + u32::from(third);
                if octet > 255 {
                    return None;
                }
                octet
            }
        };
        value = (value << 8) | octet;
        if octet_index < 3 {
            if byte(i) != b'.' {
                return None;
            }
            i += 1;
        }
    }
    match byte(i) {
        b'\n' => Some((value, 32, i)),
        b'/' => {
            let first = digit(i + 1);
            if first > 9 {
                return None;
            }
            let second = digit(i + 2);
            let (prefix, end) = if second > 9 {
                (first, i + 2)
            } else {
                (first * 10 + second, i + 3)
            };
            (prefix <= 32 && byte(end) == b'\n').then_some((value, prefix, end))
        }
        _ => None,
    }
}

const NOT_HEX: u8 = 0xff;

/// The value of each hex digit byte; [`NOT_HEX`] for every other byte.
const HEX_VALUE: [u8; 256] = {
    let mut table = [NOT_HEX; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'a' as usize + i] = 10 + i as u8;
        table[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    table
};

/// Parses plain IPv6 text (hex groups, at most one `::`, optional `/len`); None for anything
/// else, including embedded IPv4 forms, which the general parser handles.
fn parse_v6_fast(text: &[u8]) -> Option<(u128, u8)> {
    let (addr, prefix) = match memchr::memchr(b'/', text) {
        Some(slash) => {
            let digits = &text[slash + 1..];
            if digits.is_empty() || digits.len() > 3 || !digits.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let prefix = digits
                .iter()
                .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
            if prefix > 128 {
                return None;
            }
            (&text[..slash], prefix as u8)
        }
        None => (text, 128),
    };
    let mut head = [0u16; 8];
    let mut tail = [0u16; 8];
    let (mut head_len, mut tail_len) = (0, 0);
    let mut seen_gap = false;
    let mut i = 0;
    if addr.starts_with(b"::") {
        seen_gap = true;
        i = 2;
    }
    while i < addr.len() {
        let start = i;
        let mut group: u32 = 0;
        while i < addr.len() && HEX_VALUE[usize::from(addr[i])] != NOT_HEX {
            group = (group << 4) | u32::from(HEX_VALUE[usize::from(addr[i])]);
            i += 1;
            if i - start > 4 {
                return None;
            }
        }
        if i - start == 0 || i - start > 4 {
            return None;
        }
        if seen_gap {
            *tail.get_mut(tail_len)? = group as u16;
            tail_len += 1;
        } else {
            *head.get_mut(head_len)? = group as u16;
            head_len += 1;
        }
        if i == addr.len() {
            break;
        }
        if addr[i] != b':' {
            return None;
        }
        i += 1;
        if i < addr.len() && addr[i] == b':' {
            if seen_gap {
                return None;
            }
            seen_gap = true;
            i += 1;
        } else if i == addr.len() {
            return None;
        }
    }
    let groups = head_len + tail_len;
    if (seen_gap && groups > 7) || (!seen_gap && groups != 8) {
        return None;
    }
    let mut value: u128 = 0;
    for (index, group) in head[..head_len].iter().enumerate() {
        value |= u128::from(*group) << (112 - 16 * index);
    }
    for (index, group) in tail[..tail_len].iter().enumerate() {
        value |= u128::from(*group) << (16 * (tail_len - 1 - index));
    }
    Some((value, prefix))
}

fn v6_interval(addr: u128, prefix: u8) -> (u128, u128) {
    let host = u128::MAX.checked_shr(u32::from(prefix)).unwrap_or(0);
    (addr & !host, addr | host)
}

/// The network of `addr/prefix`.
fn v4_network(addr: u32, prefix: u8) -> u32 {
    addr & !u32::MAX.checked_shr(u32::from(prefix)).unwrap_or(0)
}

fn trim(mut line: &[u8]) -> &[u8] {
    if let Some(hash) = memchr::memchr(b'#', line) {
        line = &line[..hash];
    }
    line.trim_ascii()
}

/// Where the next chunk of whole lines comes from; shared by the reading threads.
struct Source<R> {
    reader: R,
    /// The start of a line the last chunk cut off.
    carry: Vec<u8>,
    /// The next chunk's sequence number.
    next: usize,
    done: bool,
}

/// What a reading thread got from [`Source::next_chunk`].
enum Chunk {
    /// Sequence number, and the length of the whole lines at the start of the buffer.
    Lines(usize, usize),
    /// Sequence number, and the length of the one line longer than the buffer.
    Long(usize, u64),
    End,
}

impl<R: io::Read> Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.reader.read(buf) {
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                result => return result,
            }
        }
    }

    /// Fills `buf` with whole lines (only the input's last line may lack its newline).
    fn next_chunk(&mut self, buf: &mut [u8]) -> io::Result<Chunk> {
        if self.done {
            return Ok(Chunk::End);
        }
        let result = self.fill(buf);
        if result.is_err() {
            self.done = true;
        }
        result
    }

    fn fill(&mut self, buf: &mut [u8]) -> io::Result<Chunk> {
        let mut filled = self.carry.len();
        buf[..filled].copy_from_slice(&self.carry);
        self.carry.clear();
        let mut end_of_input = false;
        while filled < buf.len() {
            let n = self.read(&mut buf[filled..])?;
            if n == 0 {
                end_of_input = true;
                break;
            }
            filled += n;
        }
        if end_of_input {
            self.done = true;
            if filled == 0 {
                return Ok(Chunk::End);
            }
        }
        let seq = self.next;
        self.next += 1;
        if end_of_input {
            return Ok(Chunk::Lines(seq, filled));
        }
        if let Some(last) = memchr::memrchr(b'\n', &buf[..filled]) {
            self.carry.extend_from_slice(&buf[last + 1..filled]);
            return Ok(Chunk::Lines(seq, last + 1));
        }
        // One line longer than the buffer: measured, none of it kept.
        let mut len = filled as u64;
        loop {
            let n = self.read(buf)?;
            if n == 0 {
                self.done = true;
                return Ok(Chunk::Long(seq, len));
            }
            if let Some(newline) = memchr::memchr(b'\n', &buf[..n]) {
                self.carry.extend_from_slice(&buf[newline + 1..n]);
                return Ok(Chunk::Long(seq, len + newline as u64));
            }
            len += n as u64;
        }
    }
}

/// One reading thread's findings. Line numbers are counted within each chunk until every
/// chunk's length in lines is known.
#[derive(Default)]
struct ChunkParser {
    shard: Shard,
    /// Errors (at most [`KEPT_ERRORS`]) with the sequence number of their chunk.
    errors: Vec<(usize, LineError)>,
    error_count: usize,
    entries: usize,
    /// The number of lines in each chunk read, by sequence number.
    chunks: Vec<(usize, usize)>,
}

impl ChunkParser {
    /// Adds the block `network/prefix` (host bits clear).
    fn push_v4(&mut self, network: u32, prefix: u8) {
        let part = (network >> (32 - V4_PART_BITS)) as usize;
        self.shard.v4[part].push((network << V4_PART_BITS) | u32::from(prefix));
    }

    /// Reads every line of `text` (whole lines; the last may lack its newline).
    fn parse_chunk(&mut self, seq: usize, text: &[u8]) {
        let mut line = 0;
        let mut at = 0;
        while at < text.len() {
            line += 1;
            // The common line is a bare prefix: it parses as it stands, its newline found on
            // the way, without looking for a comment or blanks.
            let parsed = if text.len() - at >= 24 {
                parse_v4_line_wide(text, at)
            } else {
                parse_v4_line(text, at)
            };
            if let Some((addr, prefix, end)) = parsed {
                self.entries += 1;
                self.push_v4(v4_network(addr, prefix), prefix);
                at = end + 1;
                continue;
            }
            let end = memchr::memchr(b'\n', &text[at..]).map_or(text.len(), |n| at + n);
            let piece = &text[at..end];
            if piece.len() > MAX_LINE {
                self.entries += 1;
                self.record(
                    seq,
                    line,
                    LineProblem::TooLong {
                        len: piece.len() as u64,
                    },
                );
            } else {
                self.add_text(seq, line, piece);
            }
            at = end + 1;
        }
        self.chunks.push((seq, line));
    }

    /// A chunk that is one line longer than the buffer.
    fn long_line(&mut self, seq: usize, len: u64) {
        self.entries += 1;
        self.record(seq, 1, LineProblem::TooLong { len });
        self.chunks.push((seq, 1));
    }

    fn add_text(&mut self, seq: usize, line: usize, entry: &[u8]) {
        if let Some((addr, prefix)) = parse_v6_fast(entry) {
            self.entries += 1;
            self.shard.v6.push(v6_interval(addr, prefix));
            return;
        }
        let entry = trim(entry);
        if entry.is_empty() {
            return;
        }
        self.entries += 1;
        if let Some((addr, prefix)) = parse_v4_fast(entry) {
            self.push_v4(v4_network(addr, prefix), prefix);
            return;
        }
        if let Some((addr, prefix)) = parse_v6_fast(entry) {
            self.shard.v6.push(v6_interval(addr, prefix));
            return;
        }
        if let Err(error) = self.push_slow(entry) {
            self.record(seq, line, error);
        }
    }

    fn record(&mut self, seq: usize, line: usize, error: LineProblem) {
        self.error_count += 1;
        if self.errors.len() < KEPT_ERRORS {
            self.errors.push((seq, LineError { line, error }));
        }
    }

    fn push_slow(&mut self, entry: &[u8]) -> Result<(), LineProblem> {
        let text = std::str::from_utf8(entry).map_err(|_| not_text(entry))?;
        if let Some((first, last)) = text.split_once('-') {
            let whole = || ParseError::BadAddress {
                input: text.to_string(),
            };
            let (first, last) = (
                parse_addr(first).map_err(|_| LineProblem::Parse(whole()))?,
                parse_addr(last).map_err(|_| LineProblem::Parse(whole()))?,
            );
            if Family::of(first) != Family::of(last) {
                return Err(LineProblem::Parse(whole()));
            }
            let (a, b) = (to_u128(first), to_u128(last));
            let (low, high) = (a.min(b), a.max(b));
            match first {
                IpAddr::V4(_) => {
                    for_each_block(low, high, 32, |network, prefix| {
                        self.push_v4(network as u32, prefix);
                    });
                }
                IpAddr::V6(_) => self.shard.v6.push((low, high)),
            }
            return Ok(());
        }
        let net = parse_net(text).map_err(LineProblem::Parse)?;
        let (first, last) = bounds(&net);
        match net.addr() {
            IpAddr::V4(_) => self.push_v4(first as u32, net.prefix_len()),
            IpAddr::V6(_) => self.shard.v6.push((first, last)),
        }
        Ok(())
    }
}

/// Takes chunks from `source` and reads them until the input ends.
fn read_chunks<R: io::Read>(
    source: &Mutex<Source<R>>,
    parser: &mut ChunkParser,
    chunk: usize,
) -> io::Result<()> {
    let mut buf = vec![0u8; chunk];
    loop {
        let chunk = source
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .next_chunk(&mut buf)?;
        match chunk {
            Chunk::Lines(seq, len) => parser.parse_chunk(seq, &buf[..len]),
            Chunk::Long(seq, len) => parser.long_line(seq, len),
            Chunk::End => return Ok(()),
        }
    }
}

/// Runs `a` on a second thread and `b` on this one when `work` is worth a thread (and one
/// can be had); otherwise one after the other here.
fn in_parallel<A: Send, B>(
    work: usize,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B,
) -> (A, B) {
    if work < PARALLEL_MIN || readers() < 2 {
        return (a(), b());
    }
    // `a` runs on the thread if it starts, here otherwise.
    let slot = Mutex::new(Some(a));
    std::thread::scope(|scope| {
        let slot = &slot;
        let run = move || {
            let a = slot.lock().unwrap_or_else(PoisonError::into_inner).take();
            a.map(|a| a())
        };
        let helper = std::thread::Builder::new().spawn_scoped(scope, run).ok();
        let b = b();
        let a = helper
            .and_then(|helper| {
                helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .or_else(run);
        (a.expect("`a` ran on one thread or the other"), b)
    })
}

/// An address as an integer, for coalescing either family.
trait Address: Copy + Ord {
    /// The next address (the same at the end of the space).
    fn next(self) -> Self;
}

impl Address for u32 {
    fn next(self) -> Self {
        self.saturating_add(1)
    }
}

impl Address for u128 {
    fn next(self) -> Self {
        self.saturating_add(1)
    }
}

fn readers() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(READERS)
}

/// Appends the interval to sorted, coalesced `out`, joining it to the last one when they
/// overlap or touch.
#[inline]
fn push_coalesced<T: Address>(out: &mut Vec<(T, T)>, first: T, last: T) {
    match out.last_mut() {
        Some((_, end)) if first <= end.next() => *end = (*end).max(last),
        _ => out.push((first, last)),
    }
}

/// Calls `each` with every item of sorted `a` and `b`, in order.
#[inline]
fn merge_sorted<T: Copy + Ord>(a: &[T], b: &[T], mut each: impl FnMut(T)) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        let take_a = x <= y;
        each(if take_a { x } else { y });
        i += usize::from(take_a);
        j += usize::from(!take_a);
    }
    a[i..].iter().chain(&b[j..]).for_each(|&item| each(item));
}

/// Sorts the lists of each part and coalesces them all, part after part (each part's
/// addresses come before the next one's); the first part is list `first_part`. A part has
/// one list per reading thread.
fn coalesce_v4(parts: Vec<Vec<Vec<u32>>>, first_part: usize) -> Vec<(u32, u32)> {
    // As long as it could get: memory is only used as it is written, and it never moves.
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(parts.iter().flatten().map(Vec::len).sum());
    let mut spare = Vec::new();
    for (part, mut lists) in (first_part..).zip(parts) {
        if lists.len() > 2 {
            lists = vec![lists.concat()];
        }
        for list in &mut lists {
            sort_v4_by_first(list, &mut spare);
        }
        let (a, b) = match lists.as_slice() {
            [] => continue,
            [a] => (a.as_slice(), &[][..]),
            [a, b, ..] => (a.as_slice(), b.as_slice()),
        };
        merge_sorted(a, b, |packed| {
            let (first, last) = v4_unpack(part, packed);
            push_coalesced(&mut out, first, last);
        });
    }
    out
}

/// Sorts each list and coalesces them all.
fn coalesce_v6(mut lists: Vec<Vec<(u128, u128)>>) -> Vec<(u128, u128)> {
    if lists.len() > 2 {
        let all = lists.concat();
        lists = vec![all];
    }
    // As long as it could get: memory is only used as it is written, and it never moves (a
    // list grown by doubling left the heap holding its old copies: 10 MB more for 1M IPv6).
    let mut out = Vec::with_capacity(lists.iter().map(Vec::len).sum());
    let (a, b) = match lists.as_mut_slice() {
        [] => return out,
        [a] => {
            sort_v6_by_first(a);
            (a.as_slice(), &[][..])
        }
        [a, b, ..] => {
            in_parallel(
                a.len().min(b.len()),
                || sort_v6_by_first(a),
                || sort_v6_by_first(b),
            );
            (a.as_slice(), b.as_slice())
        }
    };
    merge_sorted(a, b, |(first, last)| push_coalesced(&mut out, first, last));
    out
}

impl AddressList {
    /// Reads one entry per line: a network in any `parse_net` form, or a range `A-B`.
    /// Blank lines and `#` comments are skipped; bad lines are recorded with their number.
    pub fn parse(input: &[u8]) -> AddressList {
        // A slice is its own buffer: one chunk, no copy.
        let mut parser = ChunkParser::default();
        parser.parse_chunk(0, input);
        AddressList::from_parsers(vec![parser])
    }

    /// Reads a list from `reader` a chunk of lines at a time, so memory holds the intervals,
    /// not the text (a million prefixes are 16 MB of text but 8 MB of intervals). Two threads
    /// take chunks in turn and read them at once; line numbers are as in the input.
    pub fn read_from<R: io::Read + Send>(reader: R) -> io::Result<AddressList> {
        AddressList::read_in_chunks(reader, CHUNK)
    }

    /// [`AddressList::read_from`] with chunks of `chunk` bytes, more than [`MAX_LINE`] (a
    /// line longer than a chunk is taken as too long).
    fn read_in_chunks<R: io::Read + Send>(reader: R, chunk: usize) -> io::Result<AddressList> {
        let chunk = chunk.max(MAX_LINE + 1);
        let source = Mutex::new(Source {
            reader,
            carry: Vec::new(),
            next: 0,
            done: false,
        });
        let mut parsers: Vec<ChunkParser> =
            (0..readers()).map(|_| ChunkParser::default()).collect();
        let source = &source;
        std::thread::scope(|scope| {
            let (mine, others) = parsers.split_first_mut().expect("at least one reader");
            let helpers: Vec<_> = others
                .iter_mut()
                .filter_map(|parser| {
                    std::thread::Builder::new()
                        .spawn_scoped(scope, move || read_chunks(source, parser, chunk))
                        .ok()
                })
                .collect();
            let mut result = read_chunks(source, mine, chunk);
            for helper in helpers {
                let theirs = helper
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                result = result.and(theirs);
            }
            result
        })?;
        Ok(AddressList::from_parsers(parsers))
    }

    /// Gathers the threads' findings, numbering each error's line from the input's start.
    fn from_parsers(parsers: Vec<ChunkParser>) -> AddressList {
        let chunks: usize = parsers.iter().map(|parser| parser.chunks.len()).sum();
        // Lines before each chunk.
        let mut before = vec![0usize; chunks];
        for parser in &parsers {
            for &(seq, lines) in &parser.chunks {
                before[seq] = lines;
            }
        }
        let mut total = 0;
        for slot in &mut before {
            let lines = *slot;
            *slot = total;
            total += lines;
        }
        let mut list = AddressList::default();
        for parser in parsers {
            list.entries += parser.entries;
            list.error_count += parser.error_count;
            list.errors
                .extend(parser.errors.into_iter().map(|(seq, mut error)| {
                    error.line += before[seq];
                    error
                }));
            list.shards.push(parser.shard);
        }
        // Each thread kept its first errors in input order: the first of all are among them.
        list.errors.sort_by_key(|error| error.line);
        list.errors.truncate(KEPT_ERRORS);
        list
    }

    /// Adds entries given as separate strings (command-line arguments), numbered from 1.
    pub fn parse_items<'a>(items: impl IntoIterator<Item = &'a str>) -> AddressList {
        let mut text = Vec::new();
        for item in items {
            text.extend_from_slice(item.as_bytes());
            text.push(b'\n');
        }
        AddressList::parse(&text)
    }

    /// Sorts and coalesces overlapping and adjacent intervals: IPv4 then IPv6, ascending.
    /// The two halves of the IPv4 space sort and merge on two threads, as do the threads'
    /// IPv6 lists.
    pub fn merge(self) -> Merged {
        let mut low: Vec<Vec<Vec<u32>>> = (0..V4_PARTS).map(|_| Vec::new()).collect();
        let mut v6 = Vec::new();
        for shard in self.shards {
            for (part, list) in low.iter_mut().zip(shard.v4) {
                part.push(list);
            }
            v6.push(shard.v6);
        }
        let high = low.split_off(V4_PARTS / 2);
        let size = |parts: &[Vec<Vec<u32>>]| parts.iter().flatten().map(Vec::len).sum::<usize>();
        let work = size(&low).min(size(&high));
        let (high, mut v4) = in_parallel(
            work,
            || coalesce_v4(high, V4_PARTS / 2),
            || coalesce_v4(low, 0),
        );
        for (first, last) in high {
            push_coalesced(&mut v4, first, last);
        }
        Merged {
            v4,
            v6: coalesce_v6(v6),
        }
    }
}

/// Bits per radix digit: 2048 buckets, whose counters stay in L1 cache.
const RADIX_BITS: u32 = 11;
/// Below this many items a comparison sort is faster than counting.
const RADIX_MIN: usize = 512;

/// One least-significant-digit radix pass per digit of `key` (a `key_bits`-wide integer),
/// stable, skipping digits every item shares. The order of items with equal keys is kept.
/// `spare` is the second buffer (any length; it ends up holding another list's buffer).
fn radix_sort_by<T: Copy + Default>(
    items: &mut Vec<T>,
    spare: &mut Vec<T>,
    key_bits: u32,
    key: impl Fn(&T) -> u64,
) {
    let passes = key_bits.div_ceil(RADIX_BITS) as usize;
    let buckets = 1usize << RADIX_BITS;
    let mask = (buckets - 1) as u64;
    let mut counts = vec![0usize; passes * buckets];
    for item in items.iter() {
        let k = key(item);
        for pass in 0..passes {
            counts[pass * buckets + ((k >> (pass as u32 * RADIX_BITS)) & mask) as usize] += 1;
        }
    }
    spare.clear();
    spare.resize(items.len(), T::default());
    for pass in 0..passes {
        let counts = &mut counts[pass * buckets..(pass + 1) * buckets];
        if counts.contains(&items.len()) {
            continue; // every key has the same digit here
        }
        let mut offset = 0;
        for count in counts.iter_mut() {
            let n = *count;
            *count = offset;
            offset += n;
        }
        let shift = pass as u32 * RADIX_BITS;
        for item in items.iter() {
            let slot = &mut counts[((key(item) >> shift) & mask) as usize];
            spare[*slot] = *item;
            *slot += 1;
        }
        std::mem::swap(items, spare);
    }
}

/// Sorts a list of packed IPv4 blocks (by network, then length): a radix sort through
/// `spare` for a list of up to [`RADIX_MAX`] items, in place otherwise. (One radix sort over
/// the whole list needed a second buffer as large as the list, taking peak memory above
/// iprange's: BENCHMARKS.md, "CIDR merge".)
fn sort_v4_by_first(v4: &mut Vec<u32>, spare: &mut Vec<u32>) {
    if (RADIX_MIN..=RADIX_MAX).contains(&v4.len()) {
        radix_sort_by(v4, spare, 32, |packed| u64::from(*packed));
    } else {
        v4.sort_unstable();
    }
}

/// Sorts IPv6 intervals by their first address: a radix sort on its high 64 bits, then a
/// comparison sort within each run sharing them (long runs only when many entries share a /64).
fn sort_v6_by_first(v6: &mut Vec<(u128, u128)>) {
    if v6.len() < RADIX_MIN {
        v6.sort_unstable();
        return;
    }
    radix_sort_by(v6, &mut Vec::new(), 64, |(first, _)| (first >> 64) as u64);
    let mut start = 0;
    while start < v6.len() {
        let high = v6[start].0 >> 64;
        let mut end = start + 1;
        while end < v6.len() && v6[end].0 >> 64 == high {
            end += 1;
        }
        if end - start > 1 {
            v6[start..end].sort_unstable();
        }
        start = end;
    }
}

/// Calls `each` with the blocks of the minimal CIDR cover of `first..=last`, in order, as
/// (network, prefix length), for addresses `bits` wide (32 or 128). The same cover as
/// [`range_to_cidrs`](super::subnet::range_to_cidrs), without a list per range.
fn for_each_block(first: u128, last: u128, bits: u32, mut each: impl FnMut(u128, u8)) {
    let mut start = first;
    loop {
        // The largest block aligned at `start` that does not run past `last`.
        let align = if start == 0 {
            bits
        } else {
            start.trailing_zeros().min(bits)
        };
        let span = last - start;
        let fit = if span == u128::MAX {
            128
        } else {
            127 - (span + 1).leading_zeros()
        };
        let host_bits = align.min(fit).min(bits);
        each(start, (bits - host_bits) as u8);
        let size_minus_one = u128::MAX.checked_shr(128 - host_bits).unwrap_or(0);
        match (start + size_minus_one).checked_add(1) {
            Some(next) if next <= last => start = next,
            _ => return,
        }
    }
}

/// Coalesced intervals, ready to be written as CIDR blocks.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Merged {
    pub v4: Vec<(u32, u32)>,
    pub v6: Vec<(u128, u128)>,
}

fn push_decimal(out: &mut Vec<u8>, mut value: u32) {
    let mut digits = [0u8; 10];
    let mut n = 0;
    loop {
        digits[n] = b'0' + (value % 10) as u8;
        n += 1;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend(digits[..n].iter().rev());
}

/// Appends `a.b.c.d/len\n`.
fn push_v4_cidr(out: &mut Vec<u8>, addr: u32, prefix: u8) {
    for (i, octet) in addr.to_be_bytes().iter().enumerate() {
        if i > 0 {
            out.push(b'.');
        }
        push_decimal(out, u32::from(*octet));
    }
    out.push(b'/');
    push_decimal(out, u32::from(prefix));
    out.push(b'\n');
}

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Appends one group in lower-case hex without leading zeros.
fn push_hex(out: &mut Vec<u8>, group: u16) {
    let digits = (16 - group.leading_zeros()).div_ceil(4).max(1);
    for shift in (0..digits).rev() {
        out.push(HEX_DIGITS[usize::from((group >> (shift * 4)) as u8 & 0xf)]);
    }
}

/// Appends `addr/len\n` exactly as `IpNet`'s `Display` writes it (RFC 5952: lower case, the
/// first longest run of two or more zero groups as `::`, IPv4-mapped addresses dotted).
fn push_v6_cidr(out: &mut Vec<u8>, addr: u128, prefix: u8) {
    let ip = std::net::Ipv6Addr::from(addr);
    if ip.to_ipv4_mapped().is_some() {
        // Rare: let std write the dotted tail. Writing into a Vec cannot fail.
        let _ = writeln!(out, "{ip}/{prefix}");
        return;
    }
    let groups = ip.segments();
    // The first longest run of zero groups.
    let (mut best_at, mut best_len) = (0, 0);
    let mut i = 0;
    while i < 8 {
        if groups[i] == 0 {
            let at = i;
            while i < 8 && groups[i] == 0 {
                i += 1;
            }
            if i - at > best_len {
                (best_at, best_len) = (at, i - at);
            }
        } else {
            i += 1;
        }
    }
    if best_len > 1 {
        for (n, group) in groups[..best_at].iter().enumerate() {
            if n > 0 {
                out.push(b':');
            }
            push_hex(out, *group);
        }
        out.extend_from_slice(b"::");
        for (n, group) in groups[best_at + best_len..].iter().enumerate() {
            if n > 0 {
                out.push(b':');
            }
            push_hex(out, *group);
        }
    } else {
        for (n, group) in groups.iter().enumerate() {
            if n > 0 {
                out.push(b':');
            }
            push_hex(out, *group);
        }
    }
    out.push(b'/');
    push_decimal(out, u32::from(prefix));
    out.push(b'\n');
}

impl Merged {
    /// Writes the minimal CIDR cover, one block per line (buffered in small batches, so a
    /// large result streams instead of being held in memory).
    pub fn write_cidrs(&self, out: &mut dyn Write) -> std::io::Result<()> {
        const FLUSH_AT: usize = 64 * 1024;
        let mut batch = Vec::with_capacity(FLUSH_AT + 64);
        for &(first, last) in &self.v4 {
            for_each_block(u128::from(first), u128::from(last), 32, |addr, prefix| {
                push_v4_cidr(&mut batch, addr as u32, prefix);
            });
            if batch.len() >= FLUSH_AT {
                out.write_all(&batch)?;
                batch.clear();
            }
        }
        for &(first, last) in &self.v6 {
            for_each_block(first, last, 128, |addr, prefix| {
                push_v6_cidr(&mut batch, addr, prefix);
            });
            if batch.len() >= FLUSH_AT {
                out.write_all(&batch)?;
                batch.clear();
            }
        }
        out.write_all(&batch)
    }

    /// The minimal CIDR cover as strings.
    pub fn cidrs(&self) -> Vec<String> {
        let mut out = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = self.write_cidrs(&mut out);
        String::from_utf8_lossy(&out)
            .lines()
            .map(str::to_string)
            .collect()
    }
}

/// Formats an IPv4 address (for tests of the fast writer).
#[cfg(test)]
fn format_v4_cidr(addr: Ipv4Addr, prefix: u8) -> String {
    let mut out = Vec::new();
    push_v4_cidr(&mut out, u32::from(addr), prefix);
    String::from_utf8_lossy(&out).trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::subnet::range_to_cidrs;

    fn merged(text: &str) -> Vec<String> {
        AddressList::parse(text.as_bytes()).merge().cidrs()
    }

    #[test]
    fn fast_parser_is_strict_and_agrees_with_the_general_one() {
        assert_eq!(parse_v4_fast(b"10.0.0.0/8"), Some((0x0a00_0000, 8)));
        assert_eq!(parse_v4_fast(b"255.255.255.255"), Some((u32::MAX, 32)));
        for bad in [
            "010.0.0.0",
            "1.2.3",
            "1.2.3.4.5",
            "256.0.0.0",
            "1.2.3.4/33",
            "1.2.3.4/",
            "1..2.3",
            "1.2.3.4/008",
        ] {
            assert_eq!(parse_v4_fast(bad.as_bytes()), None, "{bad}");
        }
        assert_eq!(
            format_v4_cidr(Ipv4Addr::new(192, 168, 0, 10), 31),
            "192.168.0.10/31"
        );
    }

    #[test]
    fn merge_aggregates_overlaps_adjacency_and_duplicates() {
        let input = "# comment\n10.0.0.0/25\n10.0.0.128/25\n10.0.0.7\n\n10.0.0.0/24 # dup\n192.168.0.0/24\n2001:db8::/33\n2001:db8:8000::/33\n1.1.1.1-1.1.1.6\n";
        assert_eq!(
            merged(input),
            [
                "1.1.1.1/32",
                "1.1.1.2/31",
                "1.1.1.4/31",
                "1.1.1.6/32",
                "10.0.0.0/24",
                "192.168.0.0/24",
                "2001:db8::/32"
            ]
        );
        assert_eq!(merged("0.0.0.0/0\n255.255.255.255\n"), ["0.0.0.0/0"]);
        assert_eq!(merged("::/0\n::1\n"), ["::/0"]);
        assert_eq!(
            merged("10.0.0.5/24"),
            ["10.0.0.0/24"],
            "host bits are cleared"
        );
    }

    proptest::proptest! {
        /// The fast IPv6 reader agrees with std's parser wherever it answers, and answers for
        /// every canonical form.
        #[test]
        fn fast_v6_parser_agrees_with_std(value in proptest::prelude::any::<u128>(), prefix in 0u8..=128, zeros in 0usize..8) {
            // Force runs of zero groups so `::` appears in many places.
            let mask = if zeros == 0 { u128::MAX } else { !((1u128 << (16 * zeros)) - 1) };
            let addr = std::net::Ipv6Addr::from(value & mask);
            for text in [addr.to_string(), format!("{addr}/{prefix}")] {
                let is_embedded_v4 = text.contains('.');
                match parse_v6_fast(text.as_bytes()) {
                    Some((parsed, len)) => {
                        proptest::prop_assert_eq!(parsed, u128::from(addr));
                        proptest::prop_assert!(len == 128 || len == prefix);
                    }
                    None => proptest::prop_assert!(is_embedded_v4, "{} was not parsed", text),
                }
            }
            let expanded: Vec<String> = addr.segments().iter().map(|s| format!("{s:x}")).collect();
            proptest::prop_assert_eq!(parse_v6_fast(expanded.join(":").as_bytes()).map(|p| p.0), Some(u128::from(addr)));
        }
    }

    #[test]
    fn fast_v6_parser_rejects_what_std_rejects() {
        for bad in [
            ":::",
            "1:::2",
            "1::2::3",
            "12345::",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7",
            "g::",
            "1:",
            ":1",
            "::/129",
            "::/",
        ] {
            assert_eq!(parse_v6_fast(bad.as_bytes()), None, "{bad}");
        }
        assert_eq!(parse_v6_fast(b"::"), Some((0, 128)));
        assert_eq!(parse_v6_fast(b"::1/64"), Some((1, 64)));
        assert_eq!(parse_v6_fast(b"1::"), Some((1u128 << 112, 128)));
    }

    /// A reader handing out the input in the given sizes of read, in turn.
    struct Reads<'a> {
        input: &'a [u8],
        sizes: Vec<usize>,
        turn: usize,
    }

    impl std::io::Read for Reads<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let size = self.sizes[self.turn % self.sizes.len()];
            self.turn += 1;
            let n = self.input.len().min(buf.len()).min(size);
            buf[..n].copy_from_slice(&self.input[..n]);
            self.input = &self.input[n..];
            Ok(n)
        }
    }

    /// One line of a list for the chunked reader: every kind it must take apart.
    fn any_line(kind: u8, value: u32, extra: u16) -> Vec<u8> {
        let v4 = Ipv4Addr::from(value);
        let text = match kind {
            0..=5 => format!("{v4}/{}", 8 + value % 25),
            6 => format!("{v4}"),
            7 => format!("{v4}/{}\r", value % 33),
            8 => format!("  {v4}/24 # note"),
            9 => String::new(),
            10 => "# a comment".to_string(),
            11 => format!("2001:db8::{:x}/{}", value & 0xffff, 112 + value % 17),
            12 => format!("{v4}/{}", 33 + value % 60),
            13 => format!("010.{}.0.0/16", value % 256),
            14 => "not an address".to_string(),
            // Long lines: past the limit, or past a chunk (longer than the limit as well).
            15 => "9".repeat(MAX_LINE + 1 + usize::from(extra)),
            _ => format!("{v4}\t"),
        };
        text.into_bytes()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        /// Reading in chunks on two threads (chunk ends anywhere in a line, reads of any size,
        /// CRLF, comments, blanks, bad and over-long lines on either thread) finds what one
        /// pass over the whole text finds, and numbers each bad line as the line reader does.
        #[test]
        fn chunked_reading_on_two_threads_matches_one_pass(
            lines in proptest::collection::vec((0u8..17, proptest::prelude::any::<u32>(), 0u16..600), 0..4000),
            chunk_over in 1usize..600,
            sizes in proptest::collection::vec(1usize..40_000, 1..6),
            final_newline in proptest::prelude::any::<bool>(),
        ) {
            // Few long lines: each costs a chunk's worth of text.
            let mut input = Vec::new();
            let mut long = 0;
            for &(kind, value, extra) in &lines {
                if kind == 15 {
                    long += 1;
                }
                let kind = if kind == 15 && long > 3 { 0 } else { kind };
                input.extend(any_line(kind, value, extra));
                input.push(b'\n');
            }
            if !final_newline {
                input.pop();
            }
            let whole = AddressList::parse(&input);
            let reads = Reads { input: &input, sizes, turn: 0 };
            let chunked = AddressList::read_in_chunks(reads, MAX_LINE + chunk_over).unwrap();
            let (_, expected_errors) = parse_networks(&input);
            proptest::prop_assert_eq!(chunked.entries, whole.entries);
            proptest::prop_assert_eq!(chunked.error_count, expected_errors.len());
            proptest::prop_assert_eq!(&chunked.errors[..], &expected_errors[..expected_errors.len().min(KEPT_ERRORS)]);
            proptest::prop_assert_eq!(&whole.errors, &chunked.errors);
            proptest::prop_assert_eq!(chunked.merge(), whole.merge());
        }

        /// The line parsers that find their own newline agree with the strict fast parser on
        /// the line's text, whatever follows the newline, near the end of a chunk or not.
        #[test]
        fn v4_line_parsers_agree_with_the_fast_parser(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "0", "1", "7", "10", "25", "99", "255", "256", "300", "01", "0000", ".", ".", ".",
                "/", "/", "8", "32", "33", "\n", "\r", " ", "#", "a",
            ]), 0..14),
            at in 0usize..4,
            after in proptest::sample::select(vec![b'\n', b'7', b'.', b'/']),
        ) {
            let bytes = pieces.concat().into_bytes();
            let at = at.min(bytes.len());
            let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
            let expected = parse_v4_fast(&bytes[at..end]).map(|(addr, prefix)| (addr, prefix, end));
            proptest::prop_assert_eq!(parse_v4_line(&bytes, at), expected);
            // Also with a long chunk after it (the word-at-a-time parser).
            let mut padded = bytes.clone();
            padded.push(after);
            padded.extend(std::iter::repeat_n(b'7', 40));
            let end = memchr::memchr(b'\n', &padded[at..]).map_or(padded.len(), |n| at + n);
            let expected = parse_v4_fast(&padded[at..end]).map(|(addr, prefix)| (addr, prefix, end));
            proptest::prop_assert_eq!(parse_v4_line(&padded, at), expected);
            proptest::prop_assert_eq!(parse_v4_line_wide(&padded, at), expected);
        }
    }

    #[test]
    fn word_at_a_time_parser_on_lines_that_nearly_parse() {
        for line in [
            "1.2.3.4",
            "255.255.255.255/32",
            "10.0.0.0/8",
            "0.0.0.0/0",
            "1.2.3.4/5",
            "1.2.3.4/08",
            "9.99.199.200/24",
            "01.2.3.4",
            "1.2.3.04",
            "1.2.3.4/33",
            "256.1.1.1",
            "1.2.3.1000",
            "1.2.3",
            "1.2.3.4/",
            "1.2.3.4/123",
            "1.2.3.4 ",
            "1.2.3.4\r",
            "1.2.3.4.",
            ".1.2.3",
            "1..2.3",
            "1.2.3.4//8",
            "",
        ] {
            let mut text = format!("{line}\n").into_bytes();
            text.extend(std::iter::repeat_n(b'5', 30));
            let expected =
                parse_v4_fast(line.as_bytes()).map(|(addr, prefix)| (addr, prefix, line.len()));
            assert_eq!(parse_v4_line_wide(&text, 0), expected, "{line}");
            assert_eq!(parse_v4_line(&text, 0), expected, "{line}");
        }
        assert_eq!(
            parse_v4_line_wide(b"1.2.3.4/24\n", 0),
            None,
            "too short for a word at a time"
        );
    }

    #[test]
    fn a_chunk_of_one_line_and_a_line_past_a_chunk() {
        let mut input = b"10.0.0.0/8\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', MAX_LINE * 3));
        input.extend_from_slice(b"\nbad\n10.1.0.0/16");
        for size in [1, 7, MAX_LINE, 1 << 20] {
            let reads = Reads {
                input: &input,
                sizes: vec![size],
                turn: 0,
            };
            let list = AddressList::read_in_chunks(reads, MAX_LINE + 1).unwrap();
            assert_eq!(list.entries, 4);
            assert_eq!(list.error_count, 2);
            assert_eq!(
                list.errors[0],
                LineError {
                    line: 2,
                    error: LineProblem::TooLong {
                        len: (MAX_LINE * 3) as u64
                    }
                }
            );
            assert_eq!(list.errors[1].line, 3);
            assert_eq!(list.merge().cidrs(), ["10.0.0.0/8"]);
        }
    }

    #[test]
    fn chunked_reading_matches_whole_reading() {
        let text: String = (0..5000)
            .map(|i| format!("10.{}.{}.0/24\n", i / 256, i % 256))
            .collect();
        let whole = AddressList::parse(text.as_bytes()).merge();
        // A reader that returns a few bytes at a time splits lines everywhere.
        struct Trickle<'a>(&'a [u8]);
        impl std::io::Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(buf.len()).min(7);
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let chunked = AddressList::read_from(Trickle(text.as_bytes())).unwrap();
        assert_eq!(chunked.entries, 5000);
        assert_eq!(chunked.merge(), whole);
        let bad = AddressList::read_from(Trickle(b"10.0.0.0/8\nxx\n1.2.3.4")).unwrap();
        assert_eq!(bad.errors[0].line, 2);
        assert_eq!(bad.entries, 3);
    }

    #[test]
    fn network_lists_keep_each_entry_and_number_bad_lines() {
        let (networks, errors) = parse_networks(b"# list\n10.0.0.1\n\n2001:db8::/32 # doc\nnope\n");
        let shown: Vec<String> = networks.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["10.0.0.1/32", "2001:db8::/32"]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 5);
    }

    fn lines_of(input: &[u8], buffer: usize) -> Vec<(usize, Result<Vec<u8>, u64>)> {
        let mut lines = Vec::new();
        for_each_line(io::BufReader::with_capacity(buffer, input), |n, line| {
            lines.push((
                n,
                match line {
                    Line::Text(bytes) => Ok(bytes.to_vec()),
                    Line::TooLong(len) => Err(len),
                },
            ));
            Ok(())
        })
        .unwrap();
        lines
    }

    #[test]
    fn over_long_lines_are_measured_not_kept_whatever_the_buffer() {
        let mut input = b"10.0.0.0/8\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', MAX_LINE * 3 + 5));
        input.extend_from_slice(b"\n1.2.3.4\n");
        input.extend(std::iter::repeat_n(b'y', MAX_LINE + 1));
        for buffer in [7, 4096, MAX_LINE, 1 << 20] {
            let lines = lines_of(&input, buffer);
            assert_eq!(
                lines,
                vec![
                    (1, Ok(b"10.0.0.0/8".to_vec())),
                    (2, Err((MAX_LINE * 3 + 5) as u64)),
                    (3, Ok(b"1.2.3.4".to_vec())),
                    (4, Err((MAX_LINE + 1) as u64)),
                ],
                "buffer {buffer}"
            );
        }
        let exact = vec![b'z'; MAX_LINE];
        assert_eq!(lines_of(&exact, 7), vec![(1, Ok(exact.clone()))]);
    }

    #[test]
    fn bad_lines_keep_a_short_piece_of_what_they_held() {
        let mut long = b"10.0.0.\x1b]0;owned\x07".to_vec();
        long.extend(std::iter::repeat_n(b'9', 5000));
        let mut input = long.clone();
        input.extend_from_slice(b"\n1.2.3.\xff\xfe\n");
        input.extend(std::iter::repeat_n(b'1', MAX_LINE + 10));
        let list = AddressList::parse(&input);
        assert_eq!(list.error_count, 3);
        assert!(matches!(
            &list.errors[0],
            LineError {
                line: 1,
                error: LineProblem::Parse(ParseError::BadOctet { position: 4, .. })
            }
        ));
        assert_eq!(
            list.errors[1],
            LineError {
                line: 2,
                error: LineProblem::NotText {
                    head: b"1.2.3.\xff\xfe".to_vec(),
                    len: 8
                }
            }
        );
        assert_eq!(
            list.errors[2],
            LineError {
                line: 3,
                error: LineProblem::TooLong {
                    len: (MAX_LINE + 10) as u64
                }
            }
        );
        let (networks, errors) = parse_networks(&input);
        assert!(networks.is_empty());
        assert_eq!(errors, list.errors);
    }

    #[test]
    fn bad_lines_are_reported_with_their_numbers() {
        let list = AddressList::parse(b"10.0.0.0/8\nabc\n\n192.168.0.0/33\n");
        assert_eq!(list.error_count, 2);
        assert_eq!(list.errors[0].line, 2);
        assert_eq!(list.errors[1].line, 4);
        assert_eq!(list.entries, 3);
    }

    /// One entry of a generated list: an address with its host bits set, in a small
    /// universe so that entries overlap, touch and repeat.
    fn entry_text(family: u8, low: u32, prefix: u8, style: u8) -> String {
        let body = match family {
            0 => {
                let prefix = 16 + prefix % 17;
                format!("{}/{prefix}", Ipv4Addr::from(0x0a00_0000 | (low & 0xfffff)))
            }
            1 => {
                let prefix = 100 + prefix % 29;
                let addr = (0x2001_0db8u128 << 96) | u128::from(low & 0xfffff);
                format!("{}/{prefix}", std::net::Ipv6Addr::from(addr))
            }
            2 => {
                // IPv4-mapped and the unspecified neighbourhood: other printing rules.
                let addr = if low.is_multiple_of(2) {
                    (0xffffu128 << 32) | u128::from(low)
                } else {
                    u128::from(low & 0xff)
                };
                format!("{}/{}", std::net::Ipv6Addr::from(addr), 96 + prefix % 33)
            }
            _ => {
                let a = 0x0a00_0000 | (low & 0xfffff);
                let b = a.wrapping_add(u32::from(prefix) * 37);
                format!("{}-{}", Ipv4Addr::from(a), Ipv4Addr::from(b))
            }
        };
        match style % 4 {
            0 => format!("  {body}\t# note"),
            1 => format!("{body}\r"),
            _ => body,
        }
    }

    /// The slow, obvious merge: std parses each entry, intervals are sorted as tuples and
    /// joined one by one, and `range_to_cidrs` with `IpNet`'s `Display` writes the cover.
    fn reference_merge(lines: &[String]) -> Vec<u8> {
        let mut v4: Vec<(u128, u128)> = vec![];
        let mut v6: Vec<(u128, u128)> = vec![];
        for line in lines {
            let text = line.split('#').next().unwrap().trim();
            let (first, last, is_v4) = if let Some((a, b)) = text.split_once('-') {
                let (a, b): (IpAddr, IpAddr) = (a.parse().unwrap(), b.parse().unwrap());
                let (a, b) = (to_u128(a), to_u128(b));
                (a.min(b), a.max(b), text.contains('.'))
            } else {
                let net: ipnet::IpNet = text.parse().unwrap();
                let (net, last) = (net.network(), net.broadcast());
                (to_u128(net), to_u128(last), net.is_ipv4())
            };
            if is_v4 { &mut v4 } else { &mut v6 }.push((first, last));
        }
        let mut out = Vec::new();
        for (family, mut list) in [(Family::V4, v4), (Family::V6, v6)] {
            list.sort();
            let mut joined: Vec<(u128, u128)> = Vec::new();
            for (first, last) in list {
                match joined.last_mut() {
                    Some((_, end)) if first <= end.saturating_add(1) => *end = (*end).max(last),
                    _ => joined.push((first, last)),
                }
            }
            for (first, last) in joined {
                for block in range_to_cidrs(family, first, last) {
                    writeln!(out, "{block}").unwrap();
                }
            }
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// The merged text is byte for byte what the slow merge writes, for IPv4, IPv6 and
        /// mixed lists with overlaps, adjacency, duplicates, host bits, ranges, comments and
        /// blanks; long enough lists take the radix sort.
        #[test]
        fn merge_writes_what_the_slow_merge_writes(
            entries in proptest::collection::vec((0u8..4, proptest::prelude::any::<u32>(), 0u8..=255, 0u8..8), 0..1500),
            repeat in 0usize..3,
        ) {
            let mut lines: Vec<String> = entries.iter().map(|&(f, low, p, style)| entry_text(f, low, p, style)).collect();
            // Duplicates of whole stretches.
            let copy: Vec<String> = lines.iter().take(lines.len() / 3).cloned().collect();
            for _ in 0..repeat {
                lines.extend(copy.iter().cloned());
            }
            let text = lines.join("\n");
            let list = AddressList::parse(text.as_bytes());
            proptest::prop_assert_eq!(list.error_count, 0);
            let mut ours = Vec::new();
            list.merge().write_cidrs(&mut ours).unwrap();
            let expected = reference_merge(&lines);
            proptest::prop_assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(expected).unwrap());
        }

        /// The IPv6 writer agrees with std's `Display` for every address, zero runs anywhere.
        #[test]
        fn v6_writer_agrees_with_std(value in proptest::prelude::any::<u128>(), holes in proptest::prelude::any::<u8>(), prefix in 0u8..=128, mapped in proptest::prelude::any::<bool>()) {
            let mut addr = value;
            for group in 0..8 {
                if holes & (1 << group) != 0 {
                    addr &= !(0xffffu128 << (16 * group));
                }
            }
            if mapped {
                addr = (0xffffu128 << 32) | (addr & 0xffff_ffff);
            }
            let mut out = Vec::new();
            push_v6_cidr(&mut out, addr, prefix);
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), format!("{}/{prefix}\n", std::net::Ipv6Addr::from(addr)));
        }

        /// The radix sorts order by first address and lose or invent nothing.
        #[test]
        fn radix_sorts_order_by_first(
            keys in proptest::collection::vec(proptest::prelude::any::<u64>(), 0..5000),
            narrow in proptest::prelude::any::<bool>(),
        ) {
            let narrowing = if narrow { 0x0000_0fff_0000_0fff } else { u64::MAX };
            let mut v4: Vec<u32> = keys.iter().map(|k| (k & narrowing) as u32).collect();
            let mut expected = v4.clone();
            let mut spare = vec![7u32; keys.len() % 7 * 300];
            sort_v4_by_first(&mut v4, &mut spare);
            expected.sort_unstable();
            proptest::prop_assert_eq!(v4, expected);

            // IPv6: many entries share their high 64 bits when narrowed.
            let mut v6: Vec<(u128, u128)> = keys.iter().map(|&k| {
                let k = k & narrowing;
                ((u128::from(k >> 40) << 64) | u128::from(k), u128::from(k))
            }).collect();
            let mut expected = v6.clone();
            sort_v6_by_first(&mut v6);
            proptest::prop_assert!(v6.windows(2).all(|w| w[0].0 <= w[1].0));
            v6.sort_unstable();
            expected.sort_unstable();
            proptest::prop_assert_eq!(v6, expected);
        }
    }

    #[test]
    fn merge_output_edges() {
        // Host bits, both families, the ends of each space, adjacency across a /1 boundary.
        let text = "10.0.0.5/24\n::ffff:10.0.0.1/128\n255.255.255.255\n127.255.255.255/32\n128.0.0.0/32\n::/127\n::2\nffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128\n0.0.0.0\n";
        assert_eq!(
            merged(text),
            [
                "0.0.0.0/32",
                "10.0.0.0/24",
                "127.255.255.255/32",
                "128.0.0.0/32",
                "255.255.255.255/32",
                "::/127",
                "::2/128",
                "::ffff:10.0.0.1/128",
                "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"
            ]
        );
    }

    proptest::proptest! {
        /// Merging covers exactly the union of the inputs (checked address by address on a
        /// small universe: the oracle is a bitmap).
        #[test]
        fn merge_covers_exactly_the_union(entries in proptest::collection::vec((0u32..256, 24u8..=32), 0..30)) {
            let mut text = String::new();
            let mut expected = [false; 256];
            for (host, prefix) in &entries {
                let addr = 0x0a00_0000 | host;
                text.push_str(&format!("{}/{prefix}\n", Ipv4Addr::from(addr)));
                let size = 1u32 << (32 - prefix);
                let first = host & !(size - 1);
                for a in first..first + size {
                    expected[a as usize] = true;
                }
            }
            let merged = AddressList::parse(text.as_bytes()).merge();
            let mut covered = [false; 256];
            for block in merged.cidrs() {
                let net: ipnet::Ipv4Net = block.parse().unwrap();
                let (first, last) = (u32::from(net.network()), u32::from(net.broadcast()));
                for a in first..=last {
                    proptest::prop_assert!(!covered[(a & 0xff) as usize], "blocks overlap");
                    covered[(a & 0xff) as usize] = true;
                }
            }
            proptest::prop_assert_eq!(covered, expected);
            // Minimal: no two output blocks could be joined into one.
            let blocks = merged.cidrs();
            let again = AddressList::parse(blocks.join("\n").as_bytes()).merge().cidrs();
            proptest::prop_assert_eq!(again, blocks);
        }
    }
}
