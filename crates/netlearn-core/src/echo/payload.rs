//! Generated message payloads for `--count` and `bench`: printable, newline-free, and
//! reproducible, so an echo can be verified without keeping a copy of what was sent.

/// The largest generated message (`echo client --size`, `echo bench --size`): each one is
/// held whole in memory, a few times over (as sent, framed and echoed), so a typo cannot ask
/// for gigabytes. As large as the largest fixed frame.
pub const MAX_MESSAGE_SIZE: usize = super::framing::MAX_FIXED_FRAME;

/// First and last byte of the printable ASCII cycle (`!` to `~`): no spaces, no newline,
/// and never the word `quit` on a line of its own.
const FIRST: u8 = b'!';
const CYCLE: usize = (b'~' - b'!') as usize + 1;

/// `size` printable bytes starting `seed` places into the cycle.
pub fn pattern(size: usize, seed: u64) -> Vec<u8> {
    let start = (seed % CYCLE as u64) as usize;
    (0..size)
        .map(|i| FIRST + ((start + i) % CYCLE) as u8)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_is_printable_and_depends_on_seed() {
        let a = pattern(300, 0);
        assert_eq!(a.len(), 300);
        assert!(a.iter().all(|b| b.is_ascii_graphic()));
        assert_ne!(pattern(10, 1), pattern(10, 2));
        assert_eq!(pattern(10, 5), pattern(10, 5 + CYCLE as u64));
    }
}
