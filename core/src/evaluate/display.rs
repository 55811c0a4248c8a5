//! The numbers shown beside a verdict: rounding for display, roots, average rates and projections. Nothing here
//! decides a status; every verdict is made exactly in the kinds' modules before these numbers are worked out.

use crate::exact::Rational;
use rust_decimal::Decimal;

/// Display helpers (rounded; never used for a verdict).
pub(crate) fn round(r: &Rational, dp: u32) -> Option<Decimal> {
    r.to_decimal(dp)
}

/// A value as shown: exact when it is a decimal (a figure as given, a sum, 170/200 of 100), else rounded.
pub(crate) fn shown(r: &Rational, dp: u32) -> Option<Decimal> {
    r.to_decimal_exact_or(dp)
}

/// n-th root of a positive decimal, for display (Newton's method in decimal arithmetic).
pub(crate) fn nth_root(x: Decimal, n: u32) -> Option<Decimal> {
    if x <= Decimal::ZERO || n == 0 {
        return None;
    }
    if n == 1 {
        return Some(x);
    }
    // seed from the float approximation (display only); refined in decimals
    use rust_decimal::prelude::ToPrimitive;
    let seed = x.to_f64()?.powf(1.0 / f64::from(n));
    let mut y = seed_decimal(seed).filter(|y| *y > Decimal::ZERO)?;
    let nd = Decimal::from(n);
    // the seed has ~12 correct digits; Newton doubles them each step
    for _ in 0..4 {
        let mut p = Decimal::ONE;
        for _ in 0..n - 1 {
            p = p.checked_mul(y)?;
        }
        let next = (y.checked_mul(nd - Decimal::ONE)?.checked_add(x.checked_div(p)?)?).checked_div(nd)?;
        if next == y {
            break;
        }
        y = next;
    }
    Some(y)
}

/// A display number from a float when the float decides it: `x` rounded to `dp` places and written with `dp`
/// places (as [`Decimal::round_dp`] rounds), or `None` when `x` is within float error of a rounding midpoint or too large, where
/// the caller computes in decimals. Floats here only shorten the display path; the result is the same digits.
pub(crate) fn rounded_if_clear(x: f64, dp: u32) -> Option<Decimal> {
    let q = x * 10f64.powi(dp as i32);
    if !q.is_finite() || q.abs() >= 1e12 {
        return None;
    }
    // the float's error (a few units in the last place of each input, a few more from powf) is far below this
    // margin: 1e-6 of the last place shown, or 1e-13 of the number for large ones
    let margin = q.abs().mul_add(1e-13, 1e-6);
    let frac = q - q.floor();
    if (frac - 0.5).abs() < margin || frac < margin || frac > 1.0 - margin {
        return None;
    }
    Some(Decimal::new(q.round() as i64, dp))
}

/// A decimal as a float, within a few units in the last place (the mantissa over a power of ten), for the
/// display shortcuts only: never for a verdict. `rust_decimal`'s own conversion is closer and much slower.
pub(crate) fn approx_f64(d: Decimal) -> f64 {
    const POW10: [f64; 29] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28,
    ];
    let m = d.mantissa();
    let m = match i64::try_from(m) {
        Ok(small) => small as f64,
        Err(_) => m as f64,
    };
    m / POW10[d.scale().min(28) as usize]
}

/// `x` written with exactly `dp` places (`16` as `16.00`), as the float path writes it.
pub(crate) fn with_places(mut x: Decimal, dp: u32) -> Decimal {
    if x.scale() < dp {
        x.rescale(dp);
    }
    x
}

/// Average annual growth in percent, `(x^(1/n) - 1) * 100`, rounded to `dp` places, for display.
#[cfg(test)]
fn annual_rate(x: Decimal, n: u32, dp: u32) -> Option<Decimal> {
    annual_rate_of(approx_f64(x), || Some(x), n, dp)
}

/// [`annual_rate`] of a number known as a float `xf` (close to it, see [`approx_f64`]) and, when the float does not
/// decide the digits, in decimals from `x()` (so that the decimal, a quotient, is only divided out then).
pub(crate) fn annual_rate_of(xf: f64, x: impl FnOnce() -> Option<Decimal>, n: u32, dp: u32) -> Option<Decimal> {
    if n == 0 {
        return None;
    }
    if xf > 0.0 {
        if let Some(v) = rounded_if_clear((xf.powf(1.0 / f64::from(n)) - 1.0) * 100.0, dp) {
            return Some(v);
        }
    }
    let x = x().filter(|x| *x > Decimal::ZERO)?;
    nth_root(x, n).map(|r| with_places(((r - Decimal::ONE) * Decimal::ONE_HUNDRED).round_dp(dp), dp))
}

/// The level at the end of the term at the pace to date, `base * x^(n/k)`, rounded to `dp` places, for display.
#[cfg(test)]
fn projection(base: Decimal, x: Decimal, n: u32, k: u32, dp: u32) -> Option<Decimal> {
    projection_of(base, approx_f64(x), || Some(x), n, k, dp)
}

/// [`projection`] of `x` known as a float and, when needed, in decimals (as [`annual_rate_of`]).
pub(crate) fn projection_of(
    base: Decimal,
    xf: f64,
    x: impl FnOnce() -> Option<Decimal>,
    n: u32,
    k: u32,
    dp: u32,
) -> Option<Decimal> {
    if xf > 0.0 && k > 0 {
        if let Some(v) = rounded_if_clear(approx_f64(base) * xf.powf(f64::from(n) / f64::from(k)), dp) {
            return Some(v);
        }
    }
    frac_pow(x()?, n, k).and_then(|p| base.checked_mul(p)).map(|v| with_places(v.round_dp(dp), dp))
}

/// A float as a decimal with up to 15 places, for a Newton seed (its last digits do not matter).
pub(crate) fn seed_decimal(x: f64) -> Option<Decimal> {
    if !x.is_finite() {
        return None;
    }
    [15u32, 10, 5, 0].into_iter().find_map(|scale| {
        let m = (x * 10f64.powi(scale as i32)).round();
        (m.abs() < 1e28).then(|| Decimal::try_from_i128_with_scale(m as i128, scale).ok()).flatten()
    })
}

/// `(x)^(a/b)` for display.
pub(crate) fn frac_pow(x: Decimal, a: u32, b: u32) -> Option<Decimal> {
    let r = nth_root(x, b)?;
    let mut out = Decimal::ONE;
    for _ in 0..a {
        out = out.checked_mul(r)?;
    }
    Some(out)
}

/// A growth index in decimals, for display: a level over the base level, divided only when read.
#[derive(Clone, Copy)]
pub(crate) enum DecIndex {
    Missing,
    Quotient(Decimal, Decimal),
    Value(Decimal),
}

impl DecIndex {
    pub(crate) fn get(self) -> Option<Decimal> {
        match self {
            DecIndex::Missing => None,
            DecIndex::Quotient(v, b) => v.checked_div(b),
            DecIndex::Value(x) => Some(x),
        }
    }

    /// The index as a float, close to [`DecIndex::get`] (see [`approx_f64`]); NaN when missing.
    pub(crate) fn approx(self) -> f64 {
        match self {
            DecIndex::Missing => f64::NAN,
            DecIndex::Quotient(v, b) => approx_f64(v) / approx_f64(b),
            DecIndex::Value(x) => approx_f64(x),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The float shortcut for displayed rates and projections gives the digits the decimal path gives.
        #[test]
        fn display_shortcut_agrees_with_decimals(m in 1i64..100_000_000_000, scale in 0u32..8, n in 1u32..9,
                                                 k in 1u32..7, b in 1i64..10_000_000_000) {
            let x = Decimal::new(m, scale);
            let slow = nth_root(x, n).map(|r| with_places(((r - Decimal::ONE) * Decimal::ONE_HUNDRED).round_dp(2), 2));
            proptest::prop_assert_eq!(annual_rate(x, n, 2).map(|d| (d, d.scale())), slow.map(|d| (d, d.scale())));
            let base = Decimal::new(b, 2);
            let slow = frac_pow(x, n, k).and_then(|p| base.checked_mul(p)).map(|v| with_places(v.round_dp(2), 2));
            proptest::prop_assert_eq!(projection(base, x, n, k, 2).map(|d| (d, d.scale())), slow.map(|d| (d, d.scale())));
        }
    }

    #[test]
    fn roots_for_display() {
        let r = nth_root(Decimal::new(32, 0), 5).unwrap();
        assert!((r - Decimal::TWO).abs() < Decimal::new(1, 20), "{r}");
        let r = nth_root(Decimal::new(2, 0), 2).unwrap();
        assert_eq!(r.round_dp(10).to_string(), "1.4142135624");
        assert_eq!(nth_root(Decimal::ZERO, 3), None);
    }
}
