//! Byte ranges: what a `Range` header asks of a file of a given length (RFC 9110 section 14).

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

#[cfg(test)]
mod tests {
    use super::*;

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
        fn a_part_always_lies_inside_the_file(header in "(bytes|x)=[-0-9, ]{0,12}", len in 0u64..200) {
            if let ByteRange::Part { start, end } = byte_range(&header, len) {
                proptest::prop_assert!(start <= end && end < len);
            }
        }
    }
}
