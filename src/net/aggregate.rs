//! Address lists: a fast reader (straight from bytes, no per-line allocation on the common
//! IPv4 path) and the merge into the minimal sorted CIDR cover.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr};

use super::address::{Family, ParseError, parse_addr, parse_net, to_u128};
use super::special::bounds;
use super::subnet::range_to_cidrs;

/// A line that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    /// 1-based line number.
    pub line: usize,
    pub error: ParseError,
}

/// Errors kept in full; beyond this only the count grows (a huge bad file must not use
/// unbounded memory for its error list).
pub const KEPT_ERRORS: usize = 100;

/// Reads a list of networks (one per line, blank lines and `#` comments skipped), keeping each
/// as written; bad lines come back with their numbers.
pub fn parse_networks(input: &[u8]) -> (Vec<ipnet::IpNet>, Vec<LineError>) {
    let mut networks = Vec::new();
    let mut errors = Vec::new();
    for (index, line) in input.split(|&b| b == b'\n').enumerate() {
        let entry = trim(line);
        if entry.is_empty() {
            continue;
        }
        match parse_net(&String::from_utf8_lossy(entry)) {
            Ok(net) => networks.push(net),
            Err(error) => errors.push(LineError {
                line: index + 1,
                error,
            }),
        }
    }
    (networks, errors)
}

/// The intervals read from a list, by family.
#[derive(Debug, Default)]
pub struct AddressList {
    /// IPv4 intervals packed as `first << 32 | last`, so sorting is one integer sort.
    v4: Vec<u64>,
    v6: Vec<(u128, u128)>,
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
        while i < addr.len() && addr[i].is_ascii_hexdigit() {
            group = (group << 4) | u32::from((addr[i] as char).to_digit(16)? as u8);
            i += 1;
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

fn v4_interval(addr: u32, prefix: u8) -> u64 {
    let host = u32::MAX.checked_shr(u32::from(prefix)).unwrap_or(0);
    let first = addr & !host;
    (u64::from(first) << 32) | u64::from(first | host)
}

fn trim(mut line: &[u8]) -> &[u8] {
    if let Some(hash) = memchr::memchr(b'#', line) {
        line = &line[..hash];
    }
    line.trim_ascii()
}

impl AddressList {
    /// Reads one entry per line: a network in any `parse_net` form, or a range `A-B`.
    /// Blank lines and `#` comments are skipped; bad lines are recorded with their number.
    pub fn parse(input: &[u8]) -> AddressList {
        let mut list = AddressList::default();
        let mut line_number = 0;
        list.feed(input, &mut line_number);
        list
    }

    /// Reads a list from `reader` a chunk at a time, so memory holds the intervals, not the
    /// text (a million prefixes are 16 MB of text but 8 MB of intervals).
    pub fn read_from(mut reader: impl std::io::Read) -> std::io::Result<AddressList> {
        const CHUNK: usize = 1 << 20;
        let mut list = AddressList::default();
        let mut line_number = 0;
        let mut buf = vec![0u8; CHUNK];
        let mut filled = 0;
        loop {
            if filled == buf.len() {
                // One line longer than the buffer: let it grow (it will be reported as bad).
                buf.resize(buf.len() * 2, 0);
            }
            let n = match reader.read(&mut buf[filled..]) {
                Ok(n) => n,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            };
            if n == 0 {
                list.feed(&buf[..filled], &mut line_number);
                return Ok(list);
            }
            filled += n;
            if let Some(last_newline) = memchr::memrchr(b'\n', &buf[..filled]) {
                list.feed(&buf[..last_newline], &mut line_number);
                buf.copy_within(last_newline + 1..filled, 0);
                filled -= last_newline + 1;
            }
        }
    }

    /// Parses complete lines (the text must not end inside a line unless it is the end).
    fn feed(&mut self, input: &[u8], line_number: &mut usize) {
        for line in input.split(|&b| b == b'\n') {
            *line_number += 1;
            let entry = trim(line);
            if entry.is_empty() {
                continue;
            }
            self.entries += 1;
            if let Some((addr, prefix)) = parse_v4_fast(entry) {
                self.v4.push(v4_interval(addr, prefix));
                continue;
            }
            if let Some((addr, prefix)) = parse_v6_fast(entry) {
                self.v6.push(v6_interval(addr, prefix));
                continue;
            }
            if let Err(error) = self.push_slow(entry) {
                self.error_count += 1;
                if self.errors.len() < KEPT_ERRORS {
                    self.errors.push(LineError {
                        line: *line_number,
                        error,
                    });
                }
            }
        }
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

    fn push_slow(&mut self, entry: &[u8]) -> Result<(), ParseError> {
        let text = match std::str::from_utf8(entry) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(entry),
        };
        if let Some((first, last)) = text.split_once('-') {
            let whole = || ParseError::BadAddress {
                input: text.to_string(),
            };
            let (first, last) = (
                parse_addr(first).map_err(|_| whole())?,
                parse_addr(last).map_err(|_| whole())?,
            );
            if Family::of(first) != Family::of(last) {
                return Err(ParseError::BadAddress {
                    input: text.to_string(),
                });
            }
            let (a, b) = (to_u128(first), to_u128(last));
            let (low, high) = (a.min(b), a.max(b));
            match first {
                IpAddr::V4(_) => self.v4.push((low << 32 | high) as u64),
                IpAddr::V6(_) => self.v6.push((low, high)),
            }
            return Ok(());
        }
        let net = parse_net(&text)?;
        let (first, last) = bounds(&net);
        match net.addr() {
            IpAddr::V4(_) => self.v4.push((first << 32 | last) as u64),
            IpAddr::V6(_) => self.v6.push((first, last)),
        }
        Ok(())
    }

    /// Sorts and coalesces overlapping and adjacent intervals: IPv4 then IPv6, ascending.
    pub fn merge(mut self) -> Merged {
        self.v4.sort_unstable();
        let mut v4: Vec<(u32, u32)> = Vec::new();
        for packed in self.v4 {
            let (first, last) = ((packed >> 32) as u32, packed as u32);
            match v4.last_mut() {
                Some((_, end)) if first <= end.saturating_add(1) || *end == u32::MAX => {
                    *end = (*end).max(last);
                }
                _ => v4.push((first, last)),
            }
        }
        self.v6.sort_unstable();
        let mut v6: Vec<(u128, u128)> = Vec::new();
        for (first, last) in self.v6 {
            match v6.last_mut() {
                Some((_, end)) if first <= end.saturating_add(1) || *end == u128::MAX => {
                    *end = (*end).max(last);
                }
                _ => v6.push((first, last)),
            }
        }
        Merged { v4, v6 }
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

impl Merged {
    /// Writes the minimal CIDR cover, one block per line (buffered in small batches, so a
    /// large result streams instead of being held in memory).
    pub fn write_cidrs(&self, out: &mut dyn Write) -> std::io::Result<()> {
        const FLUSH_AT: usize = 64 * 1024;
        let mut batch = Vec::with_capacity(FLUSH_AT + 64);
        for &(first, last) in &self.v4 {
            for block in range_to_cidrs(Family::V4, u128::from(first), u128::from(last)) {
                let IpAddr::V4(addr) = block.addr() else {
                    continue;
                };
                push_v4_cidr(&mut batch, u32::from(addr), block.prefix_len());
                if batch.len() >= FLUSH_AT {
                    out.write_all(&batch)?;
                    batch.clear();
                }
            }
        }
        for &(first, last) in &self.v6 {
            for block in range_to_cidrs(Family::V6, first, last) {
                writeln!(batch, "{block}")?;
                if batch.len() >= FLUSH_AT {
                    out.write_all(&batch)?;
                    batch.clear();
                }
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

    /// Addresses covered, IPv4 and IPv6 (IPv6 saturates at u128::MAX).
    pub fn address_counts(&self) -> (u64, u128) {
        let v4 = self.v4.iter().map(|&(a, b)| u64::from(b - a) + 1).sum();
        let v6 = self.v6.iter().fold(0u128, |sum, &(a, b)| {
            sum.saturating_add((b - a).saturating_add(1))
        });
        (v4, v6)
    }
}

/// Formats an IPv4 address (exposed for tests of the fast writer).
pub fn format_v4_cidr(addr: Ipv4Addr, prefix: u8) -> String {
    let mut out = Vec::new();
    push_v4_cidr(&mut out, u32::from(addr), prefix);
    String::from_utf8_lossy(&out).trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn bad_lines_are_reported_with_their_numbers() {
        let list = AddressList::parse(b"10.0.0.0/8\nabc\n\n192.168.0.0/33\n");
        assert_eq!(list.error_count, 2);
        assert_eq!(list.errors[0].line, 2);
        assert_eq!(list.errors[1].line, 4);
        assert_eq!(list.entries, 3);
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
