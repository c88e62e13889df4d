//! A count of log records dropped because a bounded queue was full, shared by every task that
//! logs: a server never waits for its reader.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Log records dropped so far; clones share one count.
#[derive(Clone, Debug, Default)]
pub struct DropCount(Arc<AtomicU64>);

impl DropCount {
    pub fn add(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }

    pub fn total(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}
