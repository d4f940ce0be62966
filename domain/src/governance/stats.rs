//! Means and 95 % intervals from running sums, so that rollups (which keep
//! count, sum and sum of squares) can answer without the raw ratings.

use serde::{Deserialize, Serialize};

/// Count, sum and sum of squares of some answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sums {
    pub n: i64,
    pub sum: f64,
    pub sq: f64,
}

impl Sums {
    pub fn add(&mut self, other: Sums) {
        self.n += other.n;
        self.sum += other.sum;
        self.sq += other.sq;
    }

    pub fn mean(self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }

    /// The 95 % interval of the mean (normal approximation with the sample
    /// variance; `None` below two answers).
    pub fn interval(self) -> Option<(f64, f64)> {
        if self.n < 2 {
            return None;
        }
        let n = self.n as f64;
        let mean = self.sum / n;
        let var = ((self.sq - n * mean * mean) / (n - 1.0)).max(0.0);
        let half = 1.96 * (var / n).sqrt();
        Some((mean - half, mean + half))
    }

    /// Answers on a `min..=max` scale, rescaled to 1–5 so that criteria with
    /// differently sized questions can be pooled.
    pub fn rescaled(n: i64, total: i64, total_sq: i64, min: i64, max: i64) -> Sums {
        if max <= min {
            return Sums { n, sum: 3.0 * n as f64, sq: 9.0 * n as f64 };
        }
        // y = a + b·x with b = 4 / (max − min), a = 1 − b·min.
        let b = 4.0 / (max - min) as f64;
        let a = 1.0 - b * min as f64;
        let (nf, t, s) = (n as f64, total as f64, total_sq as f64);
        Sums { n, sum: a * nf + b * t, sq: a * a * nf + 2.0 * a * b * t + b * b * s }
    }
}

/// Wilson's 95 % interval for a share `hits / n`.
pub fn wilson(hits: i64, n: i64) -> Option<(f64, f64)> {
    if n <= 0 {
        return None;
    }
    let (n, p, z) = (n as f64, hits as f64 / n as f64, 1.96_f64);
    let centre = (p + z * z / (2.0 * n)) / (1.0 + z * z / n);
    let half = z * ((p * (1.0 - p) + z * z / (4.0 * n)) / n).sqrt() / (1.0 + z * z / n);
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// The median of some numbers (`None` when empty).
pub fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_and_interval_from_sums() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample sd ≈ 2.138.
        let xs = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        let s = Sums { n: 8, sum: xs.iter().sum(), sq: xs.iter().map(|x| x * x).sum() };
        assert_eq!(s.mean(), Some(5.0));
        let (lo, hi) = s.interval().unwrap();
        assert!((hi - lo - 2.0 * 1.96 * 2.138 / 8f64.sqrt()).abs() < 0.01);
    }

    #[test]
    fn rescaling_keeps_a_one_to_five_scale() {
        let s = Sums::rescaled(2, 0 + 10, 100, 0, 10); // answers 0 and 10
        assert_eq!(s.mean(), Some(3.0));
        assert_eq!(Sums::rescaled(1, 4, 16, 1, 5).mean(), Some(4.0));
        assert_eq!(Sums::rescaled(1, 4, 16, 1, 5).sq, 16.0);
    }

    #[test]
    fn wilson_interval_is_inside_zero_one() {
        let (lo, hi) = wilson(0, 10).unwrap();
        assert!(lo == 0.0 && hi > 0.2 && hi < 0.35);
        let (lo, hi) = wilson(50, 100).unwrap();
        assert!((lo - 0.404).abs() < 0.01 && (hi - 0.596).abs() < 0.01);
        assert_eq!(median(vec![3.0, 1.0, 2.0, 10.0]), Some(2.5));
    }
}
