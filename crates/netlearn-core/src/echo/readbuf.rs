//! A connection's read buffer that follows its traffic: small while the peer sends little,
//! doubled each time a read fills it (the peer had more waiting), up to a cap, and back to
//! small once the connection has been quiet for a while. The way tokio's `BytesMut::reserve`,
//! Go's `bufio` and nginx's proxy buffers adapt: a busy peer is served with few large system
//! calls, and ten thousand quiet ones cost a few KiB each. The cap bounds what one peer's data
//! can cost.

use std::time::Duration;

/// How long a grown buffer stays grown once nothing arrives: a pause that long ends the burst,
/// and growing again takes a handful of reads.
pub const QUIET_AFTER: Duration = Duration::from_secs(1);

/// A read buffer of `small` bytes that grows up to `cap` and shrinks back.
#[derive(Debug)]
pub struct ReadBuffer {
    bytes: Vec<u8>,
    small: usize,
    cap: usize,
}

impl ReadBuffer {
    /// A buffer of `small` bytes (at most `cap`) that may grow to `cap`.
    pub fn new(small: usize, cap: usize) -> Self {
        let small = small.clamp(1, cap.max(1));
        ReadBuffer {
            bytes: vec![0; small],
            small,
            cap: cap.max(small),
        }
    }

    /// Bytes it holds now.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The size it starts at and returns to.
    pub fn small(&self) -> usize {
        self.small
    }

    /// The most it grows to.
    pub fn cap(&self) -> usize {
        self.cap
    }

    /// Whether it is larger than its small size (so there is something to give back).
    pub fn is_grown(&self) -> bool {
        self.bytes.len() > self.small
    }

    /// After a read of `read` bytes into `space` free bytes: when the read filled the space the
    /// peer may have more waiting, so the buffer doubles (up to the cap). True when it grew.
    pub fn after_read(&mut self, read: usize, space: usize) -> bool {
        read >= space && self.grow()
    }

    /// Doubles it, up to the cap: true when it grew.
    pub fn grow(&mut self) -> bool {
        if self.bytes.len() >= self.cap {
            return false;
        }
        let grown = self.bytes.len().saturating_mul(2).min(self.cap);
        self.bytes.resize(grown, 0);
        true
    }

    /// The connection went quiet: back to the small size (or the smallest doubling of it that
    /// still holds the `pending` bytes at the front), the rest handed back to the allocator.
    /// True when it shrank.
    pub fn quiet(&mut self, pending: usize) -> bool {
        let mut size = self.small;
        while size < pending && size < self.cap {
            size = size.saturating_mul(2).min(self.cap);
        }
        if size >= self.bytes.len() {
            return false;
        }
        self.bytes.truncate(size);
        self.bytes.shrink_to_fit();
        true
    }
}

impl std::ops::Deref for ReadBuffer {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.bytes
    }
}

impl std::ops::DerefMut for ReadBuffer {
    fn deref_mut(&mut self) -> &mut [u8] {
        &mut self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KIB: usize = 1024;

    #[test]
    fn full_reads_double_it_up_to_the_cap_and_short_reads_leave_it() {
        let mut buf = ReadBuffer::new(4 * KIB, 1024 * KIB);
        assert_eq!(buf.len(), 4 * KIB);
        assert!(!buf.is_grown());
        // A read that left room: the peer had no more, keep the size.
        assert!(!buf.after_read(4 * KIB - 1, 4 * KIB));
        assert_eq!(buf.len(), 4 * KIB);
        let mut sizes = vec![buf.len()];
        while buf.after_read(buf.len(), buf.len()) {
            sizes.push(buf.len());
        }
        assert_eq!(
            sizes,
            [4, 8, 16, 32, 64, 128, 256, 512, 1024].map(|k| k * KIB)
        );
        // At the cap, full reads change nothing.
        assert!(!buf.after_read(1024 * KIB, 1024 * KIB));
        assert_eq!(buf.len(), 1024 * KIB);
        assert!(buf.is_grown());
    }

    #[test]
    fn a_cap_that_is_no_doubling_of_the_small_size_is_reached_exactly() {
        let mut buf = ReadBuffer::new(4 * KIB, 10 * KIB);
        while buf.after_read(buf.len(), buf.len()) {}
        assert_eq!(buf.len(), 10 * KIB);
        // A small size above the cap is the cap.
        let buf = ReadBuffer::new(8 * KIB, 2 * KIB);
        assert_eq!(
            (buf.len(), buf.small(), buf.cap()),
            (2 * KIB, 2 * KIB, 2 * KIB)
        );
    }

    #[test]
    fn quiet_returns_it_to_its_small_size_and_frees_the_rest() {
        let mut buf = ReadBuffer::new(4 * KIB, 1024 * KIB);
        while buf.after_read(buf.len(), buf.len()) {}
        buf[..3].copy_from_slice(b"abc");
        assert!(buf.quiet(3));
        assert_eq!(buf.len(), 4 * KIB);
        assert!(buf.bytes.capacity() < 8 * KIB, "{}", buf.bytes.capacity());
        assert_eq!(&buf[..3], b"abc");
        assert!(!buf.is_grown());
        // Quiet again: nothing to give back.
        assert!(!buf.quiet(0));
        // It grows again when the peer is busy again.
        assert!(buf.after_read(4 * KIB, 4 * KIB));
        assert_eq!(buf.len(), 8 * KIB);
    }

    #[test]
    fn quiet_keeps_room_for_the_bytes_still_pending() {
        let mut buf = ReadBuffer::new(4 * KIB, 1024 * KIB);
        while buf.after_read(buf.len(), buf.len()) {}
        let pending = 100 * KIB + 1;
        for (i, byte) in buf[..pending].iter_mut().enumerate() {
            *byte = i as u8;
        }
        assert!(buf.quiet(pending));
        assert_eq!(buf.len(), 128 * KIB);
        assert!(
            buf[..pending]
                .iter()
                .enumerate()
                .all(|(i, b)| *b == i as u8)
        );
        // Everything pending that fills the cap: nothing to shrink.
        let mut full = ReadBuffer::new(4 * KIB, 16 * KIB);
        while full.after_read(full.len(), full.len()) {}
        assert!(!full.quiet(16 * KIB));
        assert_eq!(full.len(), 16 * KIB);
    }
}
