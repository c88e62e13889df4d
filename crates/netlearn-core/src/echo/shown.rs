//! Which received messages a server logs: a few a second for the whole server, the rest only
//! counted, so a busy server's log stays readable and costs almost nothing per message.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// Message lines a server shows per second (also the burst it may show at once).
pub const MESSAGE_LINES_PER_SECOND: u32 = 20;

/// A connection adds its hidden count to the server's after this many, so one long busy
/// connection is still reported about once a second, without touching a shared counter on
/// every message.
const LOCAL_FLUSH: u64 = 256;

/// A token bucket shared by every connection, kept as one atomic "theoretical arrival time"
/// (the generic cell rate algorithm): a refused message costs one atomic load, and only an
/// admitted one (a few a second) writes.
#[derive(Debug)]
pub struct MessageGate {
    enabled: bool,
    start: Instant,
    /// Nanoseconds between admitted messages at the steady rate.
    interval_ns: u64,
    /// How far ahead of now the arrival time may run: the burst.
    tolerance_ns: u64,
    /// Nanoseconds since `start` at which the bucket is full again.
    tat_ns: AtomicU64,
    hidden: AtomicU64,
}

impl MessageGate {
    /// `per_second` lines a second in bursts of as many; `enabled` false shows none and
    /// counts none (`--quiet`).
    pub fn new(per_second: u32, enabled: bool) -> MessageGate {
        let per_second = u64::from(per_second.max(1));
        let interval_ns = 1_000_000_000 / per_second;
        MessageGate {
            enabled,
            start: Instant::now(),
            interval_ns,
            tolerance_ns: interval_ns * (per_second - 1),
            tat_ns: AtomicU64::new(0),
            hidden: AtomicU64::new(0),
        }
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// Whether a message arriving at `now` may be shown.
    pub fn admit(&self, now: Instant) -> bool {
        if !self.enabled {
            return false;
        }
        let now_ns =
            u64::try_from(now.saturating_duration_since(self.start).as_nanos()).unwrap_or(u64::MAX);
        let mut tat = self.tat_ns.load(Ordering::Relaxed);
        loop {
            let from = tat.max(now_ns);
            if from - now_ns > self.tolerance_ns {
                return false;
            }
            match self.tat_ns.compare_exchange_weak(
                tat,
                from.saturating_add(self.interval_ns),
                Ordering::Relaxed,
                Ordering::Relaxed,
            ) {
                Ok(_) => return true,
                Err(seen) => tat = seen,
            }
        }
    }

    /// Takes the count of messages not shown so far (server-wide).
    pub fn take_hidden(&self) -> u64 {
        self.hidden.swap(0, Ordering::Relaxed)
    }
}

/// One connection's view of the gate: counts what it hides locally.
#[derive(Debug, Default)]
pub struct HiddenCount {
    local: u64,
}

impl HiddenCount {
    /// Counts one message not shown.
    pub fn add(&mut self, gate: &MessageGate) {
        self.local += 1;
        if self.local >= LOCAL_FLUSH {
            self.flush(gate);
        }
    }

    /// Adds this connection's count to the server's.
    pub fn flush(&mut self, gate: &MessageGate) {
        if self.local > 0 {
            gate.hidden.fetch_add(self.local, Ordering::Relaxed);
            self.local = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_burst_shows_the_bucket_then_one_per_interval() {
        let gate = MessageGate::new(20, true);
        let now = Instant::now();
        let shown = (0..500).filter(|_| gate.admit(now)).count();
        assert_eq!(shown, 20);
        // Half a second later the bucket has refilled by ten.
        let later = now + Duration::from_millis(500);
        let shown = (0..500).filter(|_| gate.admit(later)).count();
        assert_eq!(shown, 10);
    }

    #[test]
    fn hidden_messages_are_counted_across_connections() {
        let gate = MessageGate::new(20, true);
        let mut first = HiddenCount::default();
        let mut second = HiddenCount::default();
        for _ in 0..300 {
            first.add(&gate);
        }
        second.add(&gate);
        assert_eq!(gate.take_hidden(), 256, "flushed at the local threshold");
        first.flush(&gate);
        second.flush(&gate);
        assert_eq!(gate.take_hidden(), 45);
        assert_eq!(gate.take_hidden(), 0);
    }

    #[test]
    fn quiet_shows_nothing() {
        let gate = MessageGate::new(20, false);
        assert!(!gate.admit(Instant::now()));
        assert!(!gate.enabled());
    }
}
