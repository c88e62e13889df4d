//! Numbers in sentences: "1 frame", "2 frames", "1,234 connections".

/// `n` with its noun in the right number: `count(1, "frame", "frames")` is "1 frame".
/// When the texts name the noun (`unit-<singular>`, such as `unit-open-connection`), it is
/// said in the reader's language.
pub fn count(n: u64, singular: &str, plural: &str) -> String {
    let unit_id = format!("unit-{}", singular.replace(' ', "-"));
    if crate::i18n::has(crate::i18n::Lang::En, &unit_id, None) {
        let unit = crate::tr!(&unit_id, count = n);
        return format!("{} {unit}", thousands(n));
    }
    format!(
        "{} {}",
        thousands(n),
        if n == 1 { singular } else { plural }
    )
}

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
/// speaks: SI symbols).
pub fn duration(duration: std::time::Duration) -> String {
    let ms = duration.as_secs_f64() * 1000.0;
    if ms < 1000.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{} s", (ms / 100.0).round() / 10.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singular_only_for_one() {
        assert_eq!(count(0, "frame", "frames"), "0 frames");
        assert_eq!(count(1, "echo", "echoes"), "1 echo");
        assert_eq!(count(2, "connection", "connections"), "2 connections");
        assert_eq!(count(1_751_477_356, "byte", "bytes"), "1,751,477,356 bytes");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
    }
}
