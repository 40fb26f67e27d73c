//! Small number helpers that keep `core::fmt`'s float machinery out of the wasm.
//!
//! Formatting an `f64` with `{}`, `{:.1}` or `{:?}` links Rust's float-to-decimal code
//! (Grisu, Dragon4 and their tables: about 15 KB of wasm). So does `f64::clamp`, whose
//! "min > max" assertion prints both bounds with `{:?}`. The widget writes numbers into SVG
//! paths, transforms, styles and labels through [`push_fixed`] instead, which uses integer
//! arithmetic only, and clamps with [`clamp`].

/// 10^0 ..= 10^22, every one exact in an f64: the one table of powers of ten, for
/// [`push_fixed`] and the story's JSON number reader (a `static`, so that the wasm holds
/// it once).
pub(crate) static POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    1e19, 1e20, 1e21, 1e22,
];

/// The scaled integers this module writes stay below 10^38, so they fit 128 bits.
const LIMIT: f64 = 1e38;

/// 2^64.
const TWO_64: f64 = 18_446_744_073_709_551_616.0;

/// 2^53: above it an f64 no longer holds every integer, so digits scaled up past it are
/// noise of the multiplication, not digits of `x`.
const EXACT: f64 = 9_007_199_254_740_992.0;

/// Appends `x` rounded to `decimals` places: no trailing zeros (and no "." when no
/// decimals remain), never "-0", no "+", no exponent.
///
/// `x · 10^decimals` is rounded to the nearest integer, ties to even, so `push_fixed(s,
/// 0.125, 2)` writes "0.12" and `push_fixed(s, 2.5, 0)` writes "2". `decimals` above 20
/// count as 20. When `x · 10^decimals` is above 2^53 in magnitude, decimals are dropped
/// until it is not (or none are left): the digits they would show are beyond an f64's
/// precision. NaN, the infinities and numbers of magnitude 10^38 or more are written as
/// "0", so that an SVG attribute built from them stays parseable.
pub fn push_fixed(out: &mut String, x: f64, decimals: u32) {
    let mut d = decimals.min(20) as usize;
    let mut scaled = (x * POW10[d]).round_ties_even();
    while d > 0 && scaled.abs() > EXACT && x.is_finite() {
        d -= 1;
        scaled = (x * POW10[d]).round_ties_even();
    }
    if scaled.is_nan() || scaled.abs() >= LIMIT {
        out.push('0');
        return;
    }
    // The integer as four 32-bit limbs, most significant first, divided by ten with 64-bit
    // arithmetic ([`div10`]): a `u128` division would link compiler-builtins' 128-bit
    // divider. Both halves are exact: `v` is a whole number below 2^127, and its part
    // below 2^64 has no bit that `v` lacks.
    let v = scaled.abs();
    let hi = (v / TWO_64).trunc();
    let lo = (v - hi * TWO_64) as u64;
    let hi = hi as u64;
    let mut n = [(hi >> 32) as u32, hi as u32, (lo >> 32) as u32, lo as u32];
    while d > 0 {
        let mut tenth = n;
        if div10(&mut tenth) != 0 {
            break;
        }
        n = tenth;
        d -= 1;
    }
    if n != [0; 4] && scaled < 0.0 {
        out.push('-');
    }
    // Digits from the least significant, with the point after the first `d` of them and at
    // least one digit before it: at most 38 digits and a point, or a point, 20 decimals and
    // the 0 before the point.
    let mut buf = [0u8; 40];
    let mut i = buf.len();
    let mut written = 0;
    loop {
        i -= 1;
        buf[i] = b'0' + div10(&mut n) as u8;
        written += 1;
        if written == d {
            i -= 1;
            buf[i] = b'.';
        }
        if n == [0; 4] && written > d {
            break;
        }
    }
    // ASCII digits, a sign and a point: always UTF-8.
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or_default());
}

/// Divides the 128-bit number `n` (32-bit limbs, most significant first) by ten in place;
/// returns the remainder.
fn div10(n: &mut [u32; 4]) -> u32 {
    let mut rem: u64 = 0;
    for limb in n.iter_mut() {
        let cur = rem << 32 | u64::from(*limb);
        *limb = (cur / 10) as u32;
        rem = cur % 10;
    }
    rem as u32
}

/// `x` rounded to `decimals` places as a new string; see [`push_fixed`].
pub fn fixed(x: f64, decimals: u32) -> String {
    let mut s = String::new();
    push_fixed(&mut s, x, decimals);
    s
}

/// `x` limited to `lo..=hi`, like `f64::clamp` (NaN stays NaN), but never panics: when
/// `lo > hi` a value below `lo` gives `lo` and any other gives at most `hi`. `f64::clamp`
/// would instead assert, and its message links the float formatter.
pub fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    if x < lo {
        lo
    } else if x > hi {
        hi
    } else {
        x
    }
}

/// A decimal integer as `str::parse` reads one — an optional sign, then ASCII digits,
/// nothing else — within `min..=max`. One function for the widget's `i32` and `usize`
/// readings (years, tour stops, row indices): each `str::parse::<T>` would link its own
/// copy of std's integer parser.
pub fn parse_int(text: &str, min: i64, max: i64) -> Option<i64> {
    let (negative, digits) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        all => (false, all),
    };
    // An unsigned `str::parse` refuses any minus sign, "-0" too.
    if digits.is_empty() || (negative && min >= 0) {
        return None;
    }
    let mut n: i64 = 0;
    for &b in digits {
        if !b.is_ascii_digit() {
            return None;
        }
        let d = i64::from(b - b'0');
        n = n.checked_mul(10)?.checked_add(if negative { -d } else { d })?;
    }
    (min..=max).contains(&n).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_and_trims() {
        let cases: &[(f64, u32, &str)] = &[
            (0.0, 2, "0"),
            (1.0, 3, "1"),
            (1.5, 0, "2"),
            (2.5, 0, "2"), // ties to even
            (3.5, 0, "4"),
            (0.125, 2, "0.12"),
            (0.375, 2, "0.38"),
            (12.3456, 2, "12.35"),
            (12.3, 5, "12.3"),
            (100.0, 1, "100"),
            (1200.0, 0, "1200"),
            (0.05, 2, "0.05"),
            (0.001, 3, "0.001"),
            (0.0004, 3, "0"),
            (0.0005, 3, "0"), // 0.0005 is just below the tie in binary
            (-3.14659, 2, "-3.15"),
            (-0.4, 0, "0"), // never "-0"
            (-0.0, 1, "0"),
            (-0.04, 1, "0"),
            (-0.06, 1, "-0.1"),
            (6.25e-6, 11, "0.00000625"),
            (1e-20, 20, "0.00000000000000000001"),
            (-1e-20, 25, "-0.00000000000000000001"),
            (123456789.123, 2, "123456789.12"),
            (9_007_199_254_740_993.0, 0, "9007199254740992"),
            (1e18, 0, "1000000000000000000"),
        ];
        for &(x, d, want) in cases {
            assert_eq!(fixed(x, d), want, "{x} with {d} decimals");
        }
    }

    #[test]
    fn matches_std_formatting_where_both_apply() {
        // std's {:.N} rounds the exact binary value; on values of a few decimals scaled by
        // a power of ten the two agree except at exact binary ties, which these avoid.
        let mut x = -1234.5678_f64;
        while x < 1234.0 {
            for d in 0..6 {
                let ours = fixed(x, d);
                let std = format!("{x:.*}", d as usize);
                let std =
                    if std.contains('.') { std.trim_end_matches('0').trim_end_matches('.') } else { &std };
                let std = if std == "-0" { "0" } else { std };
                assert_eq!(ours, std, "{x} with {d} decimals");
            }
            x += 7.654321;
        }
    }

    #[test]
    fn drops_decimals_beyond_the_precision_and_writes_0_for_the_rest() {
        assert_eq!(fixed(1e18, 5), "1000000000000000000");
        assert_eq!(fixed(1e14 + 0.25, 2), "100000000000000.2");
        assert_eq!(fixed(1e15 + 0.25, 2), "1000000000000000");
        assert_eq!(fixed(1e16 + 2.0, 2), "10000000000000002");
        assert_eq!(fixed(-1.5e17, 3), "-150000000000000000");
        assert_eq!(fixed(1e21, 0), "1000000000000000000000");
        assert_eq!(fixed(1e21, 20), "1000000000000000000000");
        assert_eq!(fixed(1e38, 0), "0");
        // Whole numbers past 2^64, every digit of the f64's exact value.
        for x in [TWO_64, TWO_64 + 4096.0, 3e19, 1e30, -1.2345e37, 9.99e37] {
            assert_eq!(fixed(x, 0), format!("{x:.0}"), "{x:e}");
        }
        assert_eq!(fixed(-1e300, 2), "0");
        assert_eq!(fixed(f64::NAN, 2), "0");
        assert_eq!(fixed(f64::INFINITY, 0), "0");
        assert_eq!(fixed(f64::NEG_INFINITY, 3), "0");
    }

    #[test]
    fn push_fixed_appends() {
        let mut s = String::from("M");
        push_fixed(&mut s, 1.25, 1);
        s.push(',');
        push_fixed(&mut s, -7.0, 1);
        assert_eq!(s, "M1.2,-7");
    }

    #[test]
    fn clamp_is_f64_clamp_without_the_panic() {
        for x in [-2.0, -1.0, 0.0, 0.5, 1.0, 3.0, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(clamp(x, -1.0, 1.0), x.clamp(-1.0, 1.0));
        }
        assert!(clamp(f64::NAN, 0.0, 1.0).is_nan());
        assert_eq!(clamp(-0.0, 0.0, 1.0).to_bits(), (-0.0f64).to_bits());
        // lo > hi: f64::clamp panics; this picks a bound.
        assert_eq!(clamp(5.0, 3.0, 1.0), 1.0);
        assert_eq!(clamp(0.0, 3.0, 1.0), 3.0);
        assert_eq!(clamp(2.0, 3.0, 1.0), 3.0);
    }

    #[test]
    fn reads_integers_as_str_parse_does() {
        let cases = [
            "0",
            "7",
            "+7",
            "-7",
            "-0",
            "1989",
            "-2147483648",
            "2147483647",
            "2147483648",
            "-2147483649",
            "4294967295",
            "4294967296",
            "18446744073709551615",
            "99999999999999999999999",
            "",
            "+",
            "-",
            " 1",
            "1 ",
            "1.5",
            "1e3",
            "0x10",
            "--1",
            "+-1",
            "١٢",
            "007",
        ];
        for text in cases {
            let as_i32 = parse_int(text, i32::MIN.into(), i32::MAX.into()).map(|n| n as i32);
            assert_eq!(as_i32, text.parse::<i32>().ok(), "i32 {text:?}");
            let as_u32 = parse_int(text, 0, u32::MAX.into()).map(|n| n as u32);
            assert_eq!(as_u32, text.parse::<u32>().ok(), "u32 {text:?}");
        }
    }
}
