//! Numbers as log lines print them: "1,234" and "800 ms" (a number with its noun is a
//! `count-*` text, `app::text::counted`).

/// `n` with thousands separated by commas, as the log lines print counts: 1,234,567.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A duration as people say it: `800 ms`, `2 s`, `1.5 s` (the same in every language netlearn
/// speaks: SI symbols), the number joined to its unit by a no-break space so that no line is
/// wrapped between them (the sink writes it as a plain space).
pub fn duration(duration: std::time::Duration) -> String {
    let ms = duration.as_secs_f64() * 1000.0;
    if ms < 1000.0 {
        format!("{ms:.0}\u{a0}ms")
    } else {
        format!("{}\u{a0}s", (ms / 100.0).round() / 10.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated_by_commas() {
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
    }

    #[test]
    fn a_duration_keeps_its_number_and_unit_together() {
        use std::time::Duration;
        assert_eq!(duration(Duration::from_millis(400)), "400\u{a0}ms");
        assert_eq!(duration(Duration::from_millis(1500)), "1.5\u{a0}s");
        assert_eq!(duration(Duration::from_secs(2)), "2\u{a0}s");
    }
}
