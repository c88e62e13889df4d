//! A foreign error (the operating system's, a library's) kept whole inside a typed value, so
//! a view can look at what it is (its `io::ErrorKind`, its errno, its own sources) and word it,
//! instead of receiving a sentence.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// `E`, shared: the values that carry it (events, close reasons, failures) stay `Clone`.
/// Two causes are equal when they say the same thing (foreign errors seldom compare; tests
/// compare the values around them). It displays, serializes and chains its sources as `E`
/// does, so a JSON field that carried the error's text carries the same text.
pub struct Cause<E>(Arc<E>);

impl<E> Cause<E> {
    pub fn new(error: E) -> Cause<E> {
        Cause(Arc::new(error))
    }
}

impl<E> From<E> for Cause<E> {
    fn from(error: E) -> Cause<E> {
        Cause::new(error)
    }
}

impl<E> Clone for Cause<E> {
    fn clone(&self) -> Self {
        Cause(Arc::clone(&self.0))
    }
}

impl<E> Deref for Cause<E> {
    type Target = E;
    fn deref(&self) -> &E {
        &self.0
    }
}

impl<E> AsRef<E> for Cause<E> {
    fn as_ref(&self) -> &E {
        &self.0
    }
}

impl<E: fmt::Debug> fmt::Debug for Cause<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<E: fmt::Display> fmt::Display for Cause<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<E: fmt::Display> PartialEq for Cause<E> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0.to_string() == other.0.to_string()
    }
}

impl<E: fmt::Display> Eq for Cause<E> {}

/// Transparent: the cause is `E` itself, so its sources are `E`'s.
impl<E: std::error::Error> std::error::Error for Cause<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

impl<E: fmt::Display> serde::Serialize for Cause<E> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// An operating-system (I/O) failure kept whole.
pub type IoCause = Cause<std::io::Error>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;

    #[test]
    fn a_cause_keeps_the_error_and_says_what_it_says() {
        let cause = IoCause::from(io::Error::from_raw_os_error(libc::ECONNRESET));
        assert_eq!(cause.raw_os_error(), Some(libc::ECONNRESET));
        assert_eq!(cause.kind(), io::ErrorKind::ConnectionReset);
        let text = io::Error::from_raw_os_error(libc::ECONNRESET).to_string();
        assert_eq!(cause.to_string(), text);
        assert_eq!(
            serde_json::to_string(&cause).unwrap(),
            serde_json::to_string(&text).unwrap()
        );
        assert_eq!(
            cause,
            IoCause::from(io::Error::from_raw_os_error(libc::ECONNRESET))
        );
        assert_ne!(
            cause,
            IoCause::from(io::Error::from_raw_os_error(libc::EPIPE))
        );
    }
}
