//! JSON numbers to `f64`, correctly rounded, without the standard library's float parser
//! in the wasm.
//!
//! `str::parse::<f64>` links Rust's decimal-to-float code, whose table of 128-bit powers of
//! five (10.4 KB) and big-decimal fallback do not compress: 14.4 KB of the widget's
//! gzipped wasm, measured when it was removed. Story files hold numbers of a few kinds —
//! coordinates with up to 17 significant digits, small integers, the odd exponent — that
//! this module turns into the nearest `f64` exactly (round half to even, as the standard
//! library and JavaScript do):
//!
//! - [`decimal`]: a significand of up to 19 digits times a power of ten within ±22. A
//!   first guess in `f64` arithmetic is at most a unit or two in the last place off; it
//!   is then checked, and moved, against the exact midpoints to its neighbours, compared in
//!   128-bit integers.
//! - [`fallback`]: anything else (more digits, bigger exponents). Natively the standard
//!   library's parser; in the wasm the browser's `parseFloat`, which is correctly rounded
//!   too. Both accept every JSON number.

use std::cmp::Ordering;

use crate::num::POW10;

/// The largest power of ten [`decimal`] takes, either way.
pub const MAX_EXP10: i32 = 22;

/// `significand × 10^exp10` as the nearest `f64` (ties to even), or `None` when
/// `exp10` is beyond ±[`MAX_EXP10`].
pub fn decimal(significand: u64, exp10: i32) -> Option<f64> {
    if significand == 0 {
        return Some(0.0);
    }
    if !(-MAX_EXP10..=MAX_EXP10).contains(&exp10) {
        return None;
    }
    let power = POW10[exp10.unsigned_abs() as usize];
    // Two roundings (the significand, then the product or quotient): within two units in
    // the last place of the exact value. Every value here lies between 10⁻²² and 2⁶⁴·10²²,
    // far inside the normal range, so the neighbours are normal numbers too.
    let mut guess = if exp10 >= 0 { significand as f64 * power } else { significand as f64 / power };
    for _ in 0..4 {
        let odd = guess.to_bits() & 1 == 1;
        let next = f64::from_bits(guess.to_bits() + 1);
        let previous = f64::from_bits(guess.to_bits() - 1);
        match vs_midpoint_above(significand, exp10, guess) {
            Ordering::Greater => guess = next,
            Ordering::Equal if odd => guess = next,
            _ => match vs_midpoint_above(significand, exp10, previous) {
                Ordering::Less => guess = previous,
                Ordering::Equal if odd => guess = previous,
                _ => return Some(guess),
            },
        }
    }
    None
}

/// Compares the exact value `significand × 10^exp10` with the midpoint between the
/// positive normal `x` and the next `f64` up.
fn vs_midpoint_above(significand: u64, exp10: i32, x: f64) -> Ordering {
    let bits = x.to_bits();
    // x = f × 2^e, with the implicit leading bit.
    let f = (bits & ((1 << 52) - 1)) | (1 << 52);
    let e = ((bits >> 52) & 0x7ff) as i32 - 1075;
    // The midpoint is (2f + 1) × 2^(e − 1); the value is significand × 5^exp10 × 2^exp10.
    let mid = u128::from(2 * f + 1);
    let five = |n: u32| u128::from(5u64.pow(n)); // 5²² < 2⁵²: exact
    if exp10 >= 0 {
        // significand × 5^exp10 < 2⁶⁴ × 2⁵² fits.
        shifted_cmp(u128::from(significand) * five(exp10 as u32), exp10 - (e - 1), mid)
    } else {
        // significand × 2^exp10 vs mid × 5^−exp10 × 2^(e − 1); mid × 5^k < 2⁵⁴ × 2⁵² fits.
        shifted_cmp(u128::from(significand), exp10 - (e - 1), mid * five(exp10.unsigned_abs()))
    }
}

/// Compares `a × 2^shift` with `b`, both non-zero, exactly.
fn shifted_cmp(a: u128, shift: i32, b: u128) -> Ordering {
    if shift >= 0 {
        if a.leading_zeros() < shift as u32 {
            return Ordering::Greater; // a × 2^shift ≥ 2¹²⁸ > b
        }
        (a << shift).cmp(&b)
    } else {
        let up = shift.unsigned_abs();
        if b.leading_zeros() < up {
            return Ordering::Less; // b × 2^up ≥ 2¹²⁸ > a
        }
        a.cmp(&(b << up))
    }
}

/// A JSON number's text as the nearest `f64`, for what [`decimal`] does not take.
#[cfg(not(target_arch = "wasm32"))]
pub fn fallback(text: &str) -> Option<f64> {
    text.parse().ok()
}

/// A JSON number's text as the nearest `f64`, for what [`decimal`] does not take: the
/// browser's `parseFloat` (every JSON number is a JavaScript number literal).
#[cfg(target_arch = "wasm32")]
pub fn fallback(text: &str) -> Option<f64> {
    let v = js_sys::parse_float(text);
    (!v.is_nan()).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small, fixed-seed generator (xorshift), so that failures reproduce.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    fn check(significand: u64, exp10: i32) {
        let text = format!("{significand}e{exp10}");
        let expected: f64 = text.parse().unwrap();
        let got = decimal(significand, exp10).unwrap();
        assert_eq!(got.to_bits(), expected.to_bits(), "{text}: {got} against {expected}");
    }

    #[test]
    fn agrees_with_the_standard_library_bit_for_bit() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..400_000 {
            // Significands of every length from 1 to 19 digits (and 20, up to u64::MAX).
            let digits = 1 + (rng.next() % 20) as u32;
            let significand = if digits == 20 { rng.next() } else { rng.next() % 10u64.pow(digits) };
            let exp10 = (rng.next() % 45) as i32 - 22;
            check(significand.max(1), exp10);
        }
    }

    #[test]
    fn coordinates_as_mapping_tools_write_them() {
        // 17 significant digits, as JavaScript's and Python's shortest round trip print.
        let mut rng = Rng(1989);
        for _ in 0..200_000 {
            let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * 360.0 - 180.0;
            let text = format!("{}", x.abs());
            let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
            let digits = format!("{int}{frac}");
            let Ok(significand) = digits.parse::<u64>() else { continue };
            let exp10 = -(frac.len() as i32);
            assert_eq!(decimal(significand, exp10).unwrap().to_bits(), x.abs().to_bits(), "{text}");
        }
    }

    #[test]
    fn halfway_cases_round_to_even() {
        // 2⁵³ + 1 lies halfway between 2⁵³ and 2⁵³ + 2: it rounds to the even 2⁵³.
        check(9_007_199_254_740_993, 0);
        // 2⁵³ + 3 lies halfway between 2⁵³ + 2 and 2⁵³ + 4: it rounds to 2⁵³ + 4.
        check(9_007_199_254_740_995, 0);
        // Just above and below a halfway point.
        check(90_071_992_547_409_931, -1);
        check(90_071_992_547_409_929, -1);
        // The extremes of the significand and the exponent.
        for (s, e) in [
            (1, -1),
            (3, -1),
            (7, -22),
            (1, 22),
            (18_446_744_073_709_551_615, 22),
            (18_446_744_073_709_551_615, -22),
        ] {
            check(s, e);
        }
        // Exact midpoints between consecutive doubles above 2⁵²: (2⁵² + k) + ½, written
        // as (2⁵² + k) × 10 + 5 tenths; half round down to an even, half up.
        for k in 0..2_000u64 {
            check(((1u64 << 52) + k) * 10 + 5, -1);
        }
    }

    #[test]
    fn zero_and_out_of_range_exponents() {
        assert_eq!(decimal(0, 5).unwrap().to_bits(), 0.0f64.to_bits());
        assert_eq!(decimal(0, -400), Some(0.0));
        assert_eq!(decimal(1, 23), None);
        assert_eq!(decimal(1, -23), None);
        assert_eq!(fallback("1e-400"), Some(0.0));
        assert_eq!(fallback("-1.5e300"), Some(-1.5e300));
    }
}
