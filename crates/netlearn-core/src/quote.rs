//! How much of a bad input line an error keeps to quote back.

/// Longest piece of a bad input line quoted back in an error message, in characters.
pub const QUOTE_LIMIT: usize = 80;
