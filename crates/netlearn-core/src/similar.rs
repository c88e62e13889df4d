//! How alike two names are, for "did you mean": a case-insensitive edit distance.

/// Longest word that still gets "did you mean" suggestions: nothing suggested is long, so a
/// long word cannot be a near miss (and comparing it stays cheap).
pub const MAX_SUGGESTABLE: usize = 64;

/// Levenshtein distance, case-insensitive.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(&a.to_lowercase(), &b.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_edits_ignoring_case() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("TCP", "tcp"), 0);
        assert_eq!(edit_distance("ポート", "ポー"), 1);
    }
}
