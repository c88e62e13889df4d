//! DNS lookups on hickory: names and types, transports, system settings, answers.

pub mod answer;
pub mod lookup;
pub mod name;
pub mod server;
pub mod system;
pub mod transport;

use std::time::Duration;

/// A duration as people say it: `800 ms`, `2 s`, `1.5 s`.
pub(crate) fn format_duration(duration: Duration) -> String {
    let ms = duration.as_secs_f64() * 1000.0;
    if ms < 1000.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{} s", (ms / 100.0).round() / 10.0)
    }
}
