//! Pure networking domain: no printing, no command-line parsing, no tables.

pub mod echo;
