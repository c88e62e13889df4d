//! What a link does wrong on purpose: loss, a rate limit with its queue, delay. The types;
//! applying them to a built lab is the lab builder's job.

use std::time::Duration;

/// A share of packets lost, in hundredths of a percent (an exact, comparable number).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Loss(u16);

impl Loss {
    /// `percent` in 0..=100, kept to a hundredth of a percent; `None` outside.
    pub fn from_percent(percent: f64) -> Option<Loss> {
        (0.0..=100.0)
            .contains(&percent)
            .then(|| Loss((percent * 100.0).round() as u16))
    }

    pub fn percent(self) -> f64 {
        f64::from(self.0) / 100.0
    }

    /// Hundredths of a percent (0..=10000).
    pub fn basis_points(self) -> u16 {
        self.0
    }
}

/// Everything a link may do wrong, each direction alike. `Default` is a perfect link.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Impairment {
    pub loss: Option<Loss>,
    /// The most bits per second the link carries.
    pub rate_bits_per_second: Option<u64>,
    /// How many bytes may wait in the link's queue at that rate (the rest are dropped).
    pub queue_bytes: Option<u32>,
    /// One-way delay added to every frame.
    pub delay: Option<Duration>,
}

impl Impairment {
    /// A perfect link: nothing to apply.
    pub fn is_perfect(&self) -> bool {
        *self == Impairment::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loss_keeps_hundredths_of_a_percent_and_refuses_the_impossible() {
        assert_eq!(Loss::from_percent(20.0).map(Loss::basis_points), Some(2000));
        assert_eq!(Loss::from_percent(0.25).map(Loss::percent), Some(0.25));
        assert_eq!(Loss::from_percent(100.5), None);
        assert_eq!(Loss::from_percent(-1.0), None);
        assert!(Impairment::default().is_perfect());
    }
}
