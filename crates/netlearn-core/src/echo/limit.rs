//! Per-source rate limiting for the datagram echo servers, in bounded memory whatever the
//! sources: a UDP source IP address, or the user id a Unix datagram came from.
//!
//! A UDP source address is whatever the sender writes in the packet, so a flood can claim a
//! new source in every datagram: the table of sources is capped, and sources beyond the cap
//! share one bucket, which keeps the total answered from unknown sources at the same rate.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// Sources tracked one by one; the rest share one bucket.
pub const MAX_SOURCES: usize = 4096;

/// Shortest time between two sweeps of the table, so a flood of new sources cannot make
/// every datagram pay for a scan of the whole table.
const SWEEP_EVERY: Duration = Duration::from_millis(100);

#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    last: Instant,
}

/// Token buckets, one per source (an IP address by default): each holds up to one second's
/// worth of datagrams (the burst) and refills at the rate.
#[derive(Debug)]
pub struct SourceLimiter<K = IpAddr> {
    per_second: u32,
    max_sources: usize,
    buckets: HashMap<K, Bucket>,
    overflow: Bucket,
    last_sweep: Instant,
}

impl<K: Hash + Eq> SourceLimiter<K> {
    /// `per_second` datagrams answered per source (0 = no limit), at most `max_sources`
    /// sources with a bucket of their own.
    pub fn new(per_second: u32, max_sources: usize, now: Instant) -> Self {
        SourceLimiter {
            per_second,
            max_sources,
            buckets: HashMap::new(),
            overflow: Bucket {
                tokens: f64::from(per_second),
                last: now,
            },
            last_sweep: now,
        }
    }

    pub fn per_second(&self) -> u32 {
        self.per_second
    }

    /// Sources with a bucket of their own right now.
    pub fn tracked(&self) -> usize {
        self.buckets.len()
    }

    /// Whether a datagram from `source` arriving at `now` may be answered; spends a token.
    pub fn allow(&mut self, source: K, now: Instant) -> bool {
        if self.per_second == 0 {
            return true;
        }
        let rate = f64::from(self.per_second);
        if let Some(bucket) = self.buckets.get_mut(&source) {
            return take(bucket, now, rate);
        }
        if self.buckets.len() >= self.max_sources {
            self.sweep(now);
        }
        if self.buckets.len() < self.max_sources {
            let bucket = self.buckets.entry(source).or_insert(Bucket {
                tokens: rate,
                last: now,
            });
            return take(bucket, now, rate);
        }
        take(&mut self.overflow, now, rate)
    }

    /// Forgets sources whose bucket has refilled: a full bucket is what a new source gets,
    /// so forgetting it changes no decision.
    fn sweep(&mut self, now: Instant) {
        if now.saturating_duration_since(self.last_sweep) < SWEEP_EVERY {
            return;
        }
        self.last_sweep = now;
        let refill = Duration::from_secs(1);
        self.buckets
            .retain(|_, bucket| now.saturating_duration_since(bucket.last) < refill);
    }
}

fn take(bucket: &mut Bucket, now: Instant, rate: f64) -> bool {
    let elapsed = now.saturating_duration_since(bucket.last).as_secs_f64();
    bucket.tokens = (bucket.tokens + elapsed * rate).min(rate);
    bucket.last = now;
    if bucket.tokens >= 1.0 {
        bucket.tokens -= 1.0;
        true
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(last: u8) -> IpAddr {
        IpAddr::from([127, 0, 0, last])
    }

    #[test]
    fn a_source_gets_its_burst_then_the_rate() {
        let start = Instant::now();
        let mut limiter = SourceLimiter::new(100, 16, start);
        let burst = (0..1000).filter(|_| limiter.allow(ip(1), start)).count();
        assert_eq!(burst, 100);
        // Another source has its own bucket.
        assert!(limiter.allow(ip(2), start));
        // Half a second later, half a second's worth more.
        let later = start + Duration::from_millis(500);
        let refilled = (0..1000).filter(|_| limiter.allow(ip(1), later)).count();
        assert_eq!(refilled, 50);
    }

    #[test]
    fn any_key_will_do_a_user_id_as_well() {
        let start = Instant::now();
        let mut limiter: SourceLimiter<u32> = SourceLimiter::new(5, 16, start);
        assert_eq!((0..100).filter(|_| limiter.allow(65534, start)).count(), 5);
        assert!(
            limiter.allow(0, start),
            "another user has a bucket of its own"
        );
    }

    #[test]
    fn zero_means_no_limit() {
        let start = Instant::now();
        let mut limiter = SourceLimiter::new(0, 16, start);
        assert!((0..10_000).all(|_| limiter.allow(ip(1), start)));
        assert_eq!(limiter.tracked(), 0);
    }

    #[test]
    fn spoofed_sources_cannot_grow_the_table_or_escape_the_rate() {
        let start = Instant::now();
        let mut limiter = SourceLimiter::new(10, 64, start);
        let mut answered = 0;
        for n in 0..100_000u32 {
            let source = IpAddr::from(n.to_be_bytes());
            if limiter.allow(source, start) {
                answered += 1;
            }
        }
        assert_eq!(limiter.tracked(), 64);
        // Each of the 64 tracked sources is answered once; every other one shares a bucket.
        assert_eq!(answered, 64 + 10);
        // Once their buckets have refilled, quiet sources are forgotten to make room.
        let later = start + Duration::from_secs(2);
        assert!(limiter.allow(ip(200), later));
        assert_eq!(limiter.tracked(), 1);
    }
}
