//! Round-trip-time statistics shared by `client --count` and `bench`.

use hdrhistogram::Histogram;
use serde::Serialize;

/// Summary of recorded round-trip times, in microseconds.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct LatencyStats {
    pub min_us: f64,
    pub mean_us: f64,
    pub p50_us: f64,
    pub p90_us: f64,
    pub p99_us: f64,
    pub max_us: f64,
}

/// A histogram for RTTs in nanoseconds, 1 ns to 100 s at 3 significant figures
/// (None only if those constant bounds were ever invalid).
pub fn new_histogram() -> Option<Histogram<u64>> {
    Histogram::new_with_bounds(1, 100_000_000_000, 3).ok()
}

impl LatencyStats {
    /// None when nothing was recorded.
    pub fn from_histogram(histogram: &Histogram<u64>) -> Option<LatencyStats> {
        if histogram.is_empty() {
            return None;
        }
        let micros = |nanos: u64| nanos as f64 / 1000.0;
        Some(LatencyStats {
            min_us: micros(histogram.min()),
            mean_us: histogram.mean() / 1000.0,
            p50_us: micros(histogram.value_at_quantile(0.50)),
            p90_us: micros(histogram.value_at_quantile(0.90)),
            p99_us: micros(histogram.value_at_quantile(0.99)),
            max_us: micros(histogram.max()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_come_from_the_recorded_values() {
        let mut histogram = new_histogram().unwrap();
        for micros in 1..=100u64 {
            histogram.record(micros * 1000).unwrap();
        }
        let stats = LatencyStats::from_histogram(&histogram).unwrap();
        assert!((stats.p50_us - 50.0).abs() < 0.1, "{stats:?}");
        assert!((stats.max_us - 100.0).abs() < 0.1, "{stats:?}");
        assert!(LatencyStats::from_histogram(&new_histogram().unwrap()).is_none());
    }
}
