//! The one way a number is rounded for people, wherever it is printed (the
//! PDF's tables and sentences, the window, the CLI, the CSV): half away from
//! zero, after the noise of floating point is taken off. A mean's difference
//! that is 0.15 exactly may be computed as 0.1499999999999999 (7/4 − 8/5);
//! rounded as it is, a table would say 0.1 where a sentence says 0.2.

/// `x` rounded to `places` decimals, half away from zero (1.25 → 1.3,
/// −0.15 → −0.2), never −0.
pub fn round(x: f64, places: i32) -> f64 {
    // Scaled first, then snapped to six more decimals (far more than a mean
    // of 1–4 scores or a share needs, far fewer than the last bits a
    // subtraction leaves wrong), so a half lands on .5 exactly.
    let f = 10f64.powi(places);
    let scaled = ((x * f) * 1e6).round() / 1e6;
    let r = scaled.round() / f;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// 「1.25」: `x` with `places` decimals, rounded by [`round`].
pub fn fixed(x: f64, places: usize) -> String {
    format!("{:.*}", places, round(x, places as i32))
}

/// 「+1.25」「-0.50」「+0.00」: with its sign, rounded by [`round`].
pub fn signed(x: f64, places: usize) -> String {
    format!("{:+.*}", places, round(x, places as i32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_go_away_from_zero_whatever_the_float_noise() {
        let noisy = 7.0 / 4.0 - 8.0 / 5.0;
        assert!(noisy < 0.15, "the noise this module is for: {noisy:?}");
        assert_eq!(fixed(noisy, 1), "0.2");
        assert_eq!(fixed(-noisy, 1), "-0.2");
        assert_eq!(fixed(1.25, 1), "1.3");
        assert_eq!(fixed(56.25, 1), "56.3");
        assert_eq!(fixed(2.0 / 3.0, 2), "0.67");
        assert_eq!(fixed(-0.04, 1), "0.0", "never -0.0");
        assert_eq!(signed(1.005, 2), "+1.01");
        assert_eq!(signed(-0.5, 2), "-0.50");
        assert_eq!(signed(0.0, 2), "+0.00");
        assert_eq!(fixed(3.0, 0), "3");
    }
}
