//! The transcendental functions the core uses: the browser's `Math` in the wasm, Rust's
//! own natively.
//!
//! `f64::sin`, `ln`, `powf`, … have no WebAssembly instruction, so in the wasm they are
//! compiled from Rust's port of musl's libm (about 15 KB for the dozen the widget uses).
//! The browser already ships them as `Math.sin` & co., so on `wasm32` they are called
//! through js-sys instead; natively (tests, the checker, the build tools) the core stays
//! free of any browser dependency and uses std. Both are accurate to about one unit in the
//! last place, so results may differ in the last bit between the two, never more.

#[cfg(target_arch = "wasm32")]
mod imp {
    use js_sys::Math;

    pub fn sin(x: f64) -> f64 {
        Math::sin(x)
    }
    pub fn cos(x: f64) -> f64 {
        Math::cos(x)
    }
    pub fn asin(x: f64) -> f64 {
        Math::asin(x)
    }
    pub fn atan(x: f64) -> f64 {
        Math::atan(x)
    }
    pub fn atan2(y: f64, x: f64) -> f64 {
        Math::atan2(y, x)
    }
    pub fn sinh(x: f64) -> f64 {
        Math::sinh(x)
    }
    pub fn cosh(x: f64) -> f64 {
        Math::cosh(x)
    }
    pub fn tanh(x: f64) -> f64 {
        Math::tanh(x)
    }
    pub fn asinh(x: f64) -> f64 {
        Math::asinh(x)
    }
    pub fn atanh(x: f64) -> f64 {
        Math::atanh(x)
    }
    pub fn exp(x: f64) -> f64 {
        Math::exp(x)
    }
    pub fn exp2(x: f64) -> f64 {
        Math::pow(2.0, x)
    }
    pub fn ln(x: f64) -> f64 {
        Math::log(x)
    }
    pub fn log2(x: f64) -> f64 {
        Math::log2(x)
    }
    pub fn log10(x: f64) -> f64 {
        Math::log10(x)
    }
    pub fn powf(x: f64, y: f64) -> f64 {
        Math::pow(x, y)
    }
    pub fn hypot(x: f64, y: f64) -> f64 {
        Math::hypot(x, y)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn sin(x: f64) -> f64 {
        x.sin()
    }
    pub fn cos(x: f64) -> f64 {
        x.cos()
    }
    pub fn asin(x: f64) -> f64 {
        x.asin()
    }
    pub fn atan(x: f64) -> f64 {
        x.atan()
    }
    pub fn atan2(y: f64, x: f64) -> f64 {
        y.atan2(x)
    }
    pub fn sinh(x: f64) -> f64 {
        x.sinh()
    }
    pub fn cosh(x: f64) -> f64 {
        x.cosh()
    }
    pub fn tanh(x: f64) -> f64 {
        x.tanh()
    }
    pub fn asinh(x: f64) -> f64 {
        x.asinh()
    }
    pub fn atanh(x: f64) -> f64 {
        x.atanh()
    }
    pub fn exp(x: f64) -> f64 {
        x.exp()
    }
    pub fn exp2(x: f64) -> f64 {
        x.exp2()
    }
    pub fn ln(x: f64) -> f64 {
        x.ln()
    }
    pub fn log2(x: f64) -> f64 {
        x.log2()
    }
    pub fn log10(x: f64) -> f64 {
        x.log10()
    }
    pub fn powf(x: f64, y: f64) -> f64 {
        x.powf(y)
    }
    pub fn hypot(x: f64, y: f64) -> f64 {
        x.hypot(y)
    }
}

/// sin, cos, asin, atan, atan2(y, x), sinh, cosh, tanh, asinh, atanh, exp, exp2, ln
/// (natural), log2, log10, powf(x, y) = x^y and hypot(x, y) = √(x² + y²).
pub use imp::{
    asin, asinh, atan, atan2, atanh, cos, cosh, exp, exp2, hypot, ln, log10, log2, powf, sin, sinh, tanh,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natively_these_are_std() {
        let x = 0.7_f64;
        assert_eq!(sin(x), x.sin());
        assert_eq!(atan2(x, -2.0), x.atan2(-2.0));
        assert_eq!(powf(x, 3.5), x.powf(3.5));
        assert_eq!(hypot(3.0, 4.0), 5.0);
        assert_eq!(exp2(10.0), 1024.0);
        assert_eq!(ln(1.0), 0.0);
        assert!(atanh(1.0).is_infinite());
    }
}
