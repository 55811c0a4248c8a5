//! Exact rational arithmetic for verdicts.
//!
//! `rust_decimal` rounds silently once a product needs more than 28 digits (1.1661^5 times a six-digit GRDP
//! already does). A verdict must never depend on such rounding, so every comparison that decides a status is made
//! here, on rationals with arbitrary-size integers: a [`Decimal`] is `mantissa / 10^scale` exactly, and products,
//! sums and integer powers of them stay exact. Only comparison is needed, never division, so no root is ever taken
//! on a verdict path (see METHODS: `G >= g  <=>  Yn >= Y0 * (1+g)^n`).

use rust_decimal::Decimal;
use std::cmp::Ordering;

/// Unsigned big integer, little-endian base 2^32 limbs, no trailing zero limbs.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Nat(Vec<u32>);

impl Nat {
    fn from_u128(mut v: u128) -> Nat {
        let mut limbs = Vec::with_capacity(4);
        while v > 0 {
            limbs.push(v as u32);
            v >>= 32;
        }
        Nat(limbs)
    }

    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    fn trim(mut self) -> Nat {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
        self
    }

    fn mul(&self, other: &Nat) -> Nat {
        if self.is_zero() || other.is_zero() {
            return Nat(Vec::new());
        }
        let mut out = vec![0u32; self.0.len() + other.0.len()];
        for (i, &a) in self.0.iter().enumerate() {
            let mut carry: u64 = 0;
            for (j, &b) in other.0.iter().enumerate() {
                let t = u64::from(a) * u64::from(b) + u64::from(out[i + j]) + carry;
                out[i + j] = t as u32;
                carry = t >> 32;
            }
            let mut k = i + other.0.len();
            while carry > 0 {
                let t = u64::from(out[k]) + carry;
                out[k] = t as u32;
                carry = t >> 32;
                k += 1;
            }
        }
        Nat(out).trim()
    }

    fn add(&self, other: &Nat) -> Nat {
        let (long, short) = if self.0.len() >= other.0.len() { (self, other) } else { (other, self) };
        let mut out = Vec::with_capacity(long.0.len() + 1);
        let mut carry = 0u64;
        for i in 0..long.0.len() {
            let t = u64::from(long.0[i]) + u64::from(*short.0.get(i).unwrap_or(&0)) + carry;
            out.push(t as u32);
            carry = t >> 32;
        }
        if carry > 0 {
            out.push(carry as u32);
        }
        Nat(out).trim()
    }

    /// `self - other`, requires `self >= other`.
    fn sub(&self, other: &Nat) -> Nat {
        let mut out = Vec::with_capacity(self.0.len());
        let mut borrow = 0i64;
        for i in 0..self.0.len() {
            let mut t = i64::from(self.0[i]) - i64::from(*other.0.get(i).unwrap_or(&0)) - borrow;
            if t < 0 {
                t += 1 << 32;
                borrow = 1;
            } else {
                borrow = 0;
            }
            out.push(t as u32);
        }
        Nat(out).trim()
    }

    fn cmp(&self, other: &Nat) -> Ordering {
        self.0.len().cmp(&other.0.len()).then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }

    fn pow10(n: u32) -> Nat {
        let mut r = Nat::from_u128(1);
        let ten9 = Nat::from_u128(1_000_000_000);
        let mut left = n;
        while left >= 9 {
            r = r.mul(&ten9);
            left -= 9;
        }
        r.mul(&Nat::from_u128(10u128.pow(left)))
    }
}

/// Signed big integer.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Int {
    negative: bool,
    mag: Nat,
}

impl Int {
    fn new(negative: bool, mag: Nat) -> Int {
        let negative = negative && !mag.is_zero();
        Int { negative, mag }
    }

    fn mul(&self, other: &Int) -> Int {
        Int::new(self.negative != other.negative, self.mag.mul(&other.mag))
    }

    fn add(&self, other: &Int) -> Int {
        if self.negative == other.negative {
            return Int::new(self.negative, self.mag.add(&other.mag));
        }
        match self.mag.cmp(&other.mag) {
            Ordering::Less => Int::new(other.negative, other.mag.sub(&self.mag)),
            _ => Int::new(self.negative, self.mag.sub(&other.mag)),
        }
    }

    fn cmp(&self, other: &Int) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.mag.cmp(&other.mag),
            (true, true) => other.mag.cmp(&self.mag),
        }
    }
}

/// The arbitrary-size form of a rational: `num / den`, `den > 0`, not normalised.
#[derive(Clone, Debug)]
struct Big {
    num: Int,
    den: Nat,
}

impl Big {
    /// `self * other`.
    fn mul(&self, other: &Big) -> Big {
        Big { num: self.num.mul(&other.num), den: self.den.mul(&other.den) }
    }

    /// `self / other`; `None` when `other` is zero.
    fn div(&self, other: &Big) -> Option<Big> {
        if other.num.mag.is_zero() {
            return None;
        }
        let num = self.num.mul(&Int::new(other.num.negative, other.den.clone()));
        Some(Big { num, den: self.den.mul(&other.num.mag) })
    }

    /// `self + other`.
    fn add(&self, other: &Big) -> Big {
        let a = self.num.mul(&Int::new(false, other.den.clone()));
        let b = other.num.mul(&Int::new(false, self.den.clone()));
        Big { num: a.add(&b), den: self.den.mul(&other.den) }
    }

    /// `-self`.
    fn neg(&self) -> Big {
        Big { num: Int::new(!self.num.negative, self.num.mag.clone()), den: self.den.clone() }
    }

    /// Sign: -1, 0 or 1.
    fn signum(&self) -> i32 {
        if self.num.mag.is_zero() {
            0
        } else if self.num.negative {
            -1
        } else {
            1
        }
    }

    /// Exact comparison.
    fn cmp(&self, other: &Big) -> Ordering {
        let a = self.num.mul(&Int::new(false, other.den.clone()));
        let b = other.num.mul(&Int::new(false, self.den.clone()));
        a.cmp(&b)
    }

    /// The value itself when it is a decimal of at most 28 places that fits a [`Decimal`] (85.05, a 28-digit
    /// figure); otherwise the nearest decimal with `dp` places. For display only.
    fn to_decimal_exact_or(&self, dp: u32) -> Option<Decimal> {
        if self.num.mag.0.len() <= 4 && self.den.0.len() <= 4 {
            let to_u128 = |n: &Nat| n.0.iter().rev().fold(0u128, |acc, l| (acc << 32) | u128::from(*l));
            let (n, d) = (to_u128(&self.num.mag), to_u128(&self.den));
            for k in 0..=28u32 {
                let Some(scaled) = 10u128.checked_pow(k).and_then(|p| n.checked_mul(p)) else { break };
                if scaled % d == 0 {
                    let q = scaled / d;
                    if q >= (1u128 << 96) {
                        break;
                    }
                    let m = i128::try_from(q).ok()?;
                    let v = Decimal::try_from_i128_with_scale(if self.num.negative { -m } else { m }, k).ok()?;
                    return Some(v);
                }
            }
        }
        self.to_decimal(dp)
    }

    /// Nearest decimal with up to `dp` decimal places (for display only; rounds half away from zero).
    /// `None` when the value does not fit a [`Decimal`].
    fn to_decimal(&self, dp: u32) -> Option<Decimal> {
        // fast path: everything fits in 128 bits
        if self.num.mag.0.len() <= 4 && self.den.0.len() <= 4 && dp <= 28 {
            let to_u128 = |n: &Nat| n.0.iter().rev().fold(0u128, |acc, l| (acc << 32) | u128::from(*l));
            let (n, d) = (to_u128(&self.num.mag), to_u128(&self.den));
            if let Some(scaled) = 10u128.checked_pow(dp).and_then(|p| n.checked_mul(p)) {
                let (q, r) = (scaled / d, scaled % d);
                let q = if r >= d - r { q + 1 } else { q };
                if q < (1u128 << 96) {
                    let m = i128::try_from(q).ok()?;
                    let v = Decimal::try_from_i128_with_scale(if self.num.negative { -m } else { m }, dp).ok()?;
                    return Some(v.normalize());
                }
            }
        }
        // q = round(num * 10^dp / den)
        let scaled = self.num.mag.mul(&Nat::pow10(dp));
        let (q, r) = divmod(&scaled, &self.den);
        let twice_r = r.add(&r);
        let q = if twice_r.cmp(&self.den) != Ordering::Less { q.add(&Nat::from_u128(1)) } else { q };
        if q.0.len() > 3 {
            return None;
        }
        let mut v: u128 = 0;
        for limb in q.0.iter().rev() {
            v = (v << 32) | u128::from(*limb);
        }
        if v >= (1u128 << 96) {
            return None;
        }
        let m = i128::try_from(v).ok()?;
        let d = Decimal::try_from_i128_with_scale(if self.num.negative { -m } else { m }, dp).ok()?;
        Some(d.normalize())
    }
}

/// An exact rational number `num / den` with `den > 0`. Not normalised: only used to compare and to display.
///
/// Small values (the usual case) live in two `i128`s; an operation that would overflow moves to big integers,
/// so no operation ever rounds or overflows.
#[derive(Clone, Debug)]
pub struct Rational(Repr);

#[derive(Clone, Debug)]
enum Repr {
    Small(i128, i128),
    Big(Big),
}

impl Big {
    fn from_small(n: i128, d: i128) -> Big {
        Big { num: Int::new(n < 0, Nat::from_u128(n.unsigned_abs())), den: Nat::from_u128(d.unsigned_abs()) }
    }
}

impl Rational {
    fn big(&self) -> Big {
        match &self.0 {
            Repr::Small(n, d) => Big::from_small(*n, *d),
            Repr::Big(b) => b.clone(),
        }
    }

    /// Zero.
    pub fn zero() -> Rational {
        Rational(Repr::Small(0, 1))
    }

    /// One.
    pub fn one() -> Rational {
        Rational(Repr::Small(1, 1))
    }

    /// Integer.
    pub fn int(v: i64) -> Rational {
        Rational(Repr::Small(i128::from(v), 1))
    }

    /// `self * other`.
    pub fn mul(&self, other: &Rational) -> Rational {
        if let (Repr::Small(a, b), Repr::Small(c, d)) = (&self.0, &other.0) {
            if let (Some(n), Some(m)) = (mul128(*a, *c), mul128(*b, *d)) {
                return Rational(Repr::Small(n, m));
            }
        }
        Rational(Repr::Big(self.big().mul(&other.big())))
    }

    /// `self / other`; `None` when `other` is zero.
    pub fn div(&self, other: &Rational) -> Option<Rational> {
        if other.signum() == 0 {
            return None;
        }
        if let (Repr::Small(a, b), Repr::Small(c, d)) = (&self.0, &other.0) {
            let n = mul128(*a, *d).and_then(|x| if *c < 0 { x.checked_neg() } else { Some(x) });
            if let (Some(n), Some(m)) = (n, c.checked_abs().and_then(|c| mul128(*b, c))) {
                return Some(Rational(Repr::Small(n, m)));
            }
        }
        self.big().div(&other.big()).map(|b| Rational(Repr::Big(b)))
    }

    /// `self + other`.
    pub fn add(&self, other: &Rational) -> Rational {
        if let (Repr::Small(a, b), Repr::Small(c, d)) = (&self.0, &other.0) {
            if b == d {
                if let Some(n) = a.checked_add(*c) {
                    return Rational(Repr::Small(n, *b));
                }
            }
            let n = mul128(*a, *d).zip(mul128(*c, *b)).and_then(|(x, y)| x.checked_add(y));
            if let (Some(n), Some(m)) = (n, mul128(*b, *d)) {
                return Rational(Repr::Small(n, m));
            }
        }
        Rational(Repr::Big(self.big().add(&other.big())))
    }

    /// `self - other`.
    pub fn sub(&self, other: &Rational) -> Rational {
        self.add(&other.neg())
    }

    /// `-self`.
    pub fn neg(&self) -> Rational {
        match &self.0 {
            Repr::Small(n, d) if *n != i128::MIN => Rational(Repr::Small(-n, *d)),
            _ => Rational(Repr::Big(self.big().neg())),
        }
    }

    /// `self^n` for a natural `n`.
    pub fn pow(&self, n: u32) -> Rational {
        let mut out = Rational::one();
        let mut base = self.clone();
        let mut e = n;
        while e > 0 {
            if e & 1 == 1 {
                out = out.mul(&base);
            }
            e >>= 1;
            if e > 0 {
                base = base.mul(&base);
            }
        }
        out
    }

    /// Sign: -1, 0 or 1.
    #[inline(always)]
    pub fn signum(&self) -> i32 {
        match &self.0 {
            Repr::Small(n, _) => n.signum() as i32,
            Repr::Big(b) => b.signum(),
        }
    }

    /// Exact comparison.
    pub fn cmp(&self, other: &Rational) -> Ordering {
        if let (Repr::Small(a, b), Repr::Small(c, d)) = (&self.0, &other.0) {
            if b == d {
                return a.cmp(c);
            }
            if let (Some(x), Some(y)) = (mul128(*a, *d), mul128(*c, *b)) {
                return x.cmp(&y);
            }
            // a/b vs c/d with b, d > 0: compare a*d with c*b in 256 bits, without allocating
            let (sa, sc) = (a.signum(), c.signum());
            if sa != sc {
                return sa.cmp(&sc);
            }
            let left = wide_mul(a.unsigned_abs(), d.unsigned_abs());
            let right = wide_mul(c.unsigned_abs(), b.unsigned_abs());
            return if sa < 0 { right.cmp(&left) } else { left.cmp(&right) };
        }
        self.big().cmp(&other.big())
    }

    /// The value itself when it is a decimal of at most 28 places that fits a [`Decimal`] (85.05, a 28-digit
    /// figure); otherwise the nearest decimal with `dp` places. For display only.
    pub fn to_decimal_exact_or(&self, dp: u32) -> Option<Decimal> {
        if let Repr::Small(n, d) = self.0 {
            if let Some(v) = small_exact(n, d) {
                return Some(v);
            }
            if let Some(v) = small_round(n, d, dp) {
                return Some(v);
            }
        }
        self.big().to_decimal_exact_or(dp)
    }

    /// Nearest decimal with up to `dp` decimal places (for display only; rounds half away from zero).
    /// `None` when the value does not fit a [`Decimal`].
    pub fn to_decimal(&self, dp: u32) -> Option<Decimal> {
        if let Repr::Small(n, d) = self.0 {
            if let Some(v) = small_round(n, d, dp) {
                return Some(v);
            }
        }
        self.big().to_decimal(dp)
    }
}

/// `a * b`, `None` on overflow. When both fit in 64 bits the product cannot overflow, and is one multiplication
/// instead of `i128::checked_mul`'s library call (the usual case: figures have few digits).
#[inline(always)]
fn mul128(a: i128, b: i128) -> Option<i128> {
    // WebAssembly has no 64x64->128 multiplication (it is a library call there): operands of 32 bits take one
    // 64-bit multiplication
    #[cfg(target_arch = "wasm32")]
    if let (Ok(x), Ok(y)) = (i32::try_from(a), i32::try_from(b)) {
        return Some(i128::from(i64::from(x) * i64::from(y)));
    }
    match (i64::try_from(a), i64::try_from(b)) {
        (Ok(x), Ok(y)) => Some(i128::from(x) * i128::from(y)),
        _ => a.checked_mul(b),
    }
}

/// The full 256-bit product of two naturals, as (high, low) halves (so tuples compare as the numbers do).
fn wide_mul(a: u128, b: u128) -> (u128, u128) {
    const LOW: u128 = u64::MAX as u128;
    let (a1, a0) = (a >> 64, a & LOW);
    let (b1, b0) = (b >> 64, b & LOW);
    let (p00, p01, p10, p11) = (a0 * b0, a0 * b1, a1 * b0, a1 * b1);
    let mid = (p00 >> 64) + (p01 & LOW) + (p10 & LOW);
    let low = (p00 & LOW) | (mid << 64);
    let high = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    (high, low)
}

/// `base^k` for `k` in 0..=28 (up to the largest scale of a [`Decimal`]).
const fn powers(base: u128) -> [u128; 29] {
    let mut t = [1u128; 29];
    let mut k = 1;
    while k < 29 {
        t[k] = t[k - 1] * base;
        k += 1;
    }
    t
}

/// `5^k` for `k` in 0..=28.
const POW5: [u128; 29] = powers(5);

/// `10^k` for `k` in 0..=28.
const POW10: [u128; 29] = powers(10);

/// `n / d` exactly as a decimal of at most 28 places, without big integers; `None` when it is not one or does
/// not fit (the caller falls back to the general path).
fn small_exact(n: i128, d: i128) -> Option<Decimal> {
    let (m, den) = (n.unsigned_abs(), d.unsigned_abs());
    // the usual case in 64 bits: a decimal as read, or a sum or difference of decimals (`den` a power of ten)
    if let (Ok(m), Ok(den)) = (u64::try_from(m), u64::try_from(den)) {
        let twos = den.trailing_zeros();
        if twos < 28 && den >> twos == POW5[twos as usize] as u64 {
            return Some(decimal_of_u64(m, twos, n < 0));
        }
    }
    let twos = den.trailing_zeros();
    // the usual case: a decimal as read (mantissa / 10^scale), or a sum or difference of decimals
    if twos <= 28 && den >> twos == POW5[twos as usize] {
        return decimal_of(m, twos, n < 0);
    }
    // n/d is a finite decimal iff, once the factors 2 and 5 are taken out of d, what is left divides n
    let mut fives = 0u32;
    let rest = match u64::try_from(den >> twos) {
        Ok(mut r) => {
            // 64-bit division by a constant is a multiplication; 128-bit division is a library call
            while r % 5 == 0 {
                r /= 5;
                fives += 1;
            }
            u128::from(r)
        }
        Err(_) => {
            let mut r = den >> twos;
            while r % 5 == 0 {
                r /= 5;
                fives += 1;
            }
            r
        }
    };
    if rest != 1 && div_rem(m, rest).1 != 0 {
        return None;
    }
    // m * 10^k / den is a whole number for k = max(twos, fives); then drop the trailing zeros
    let k = twos.max(fives);
    if k > 28 {
        return small_exact_slow(m, den, n < 0);
    }
    // (a product beyond 128 bits may still give a decimal at a smaller scale, when m has factors of 2 or 5)
    let Some(scaled) = m.checked_mul(10u128.pow(k)) else { return small_exact_slow(m, den, n < 0) };
    let q = div_rem(scaled, den).0;
    decimal_of(q, k, n < 0)
}

/// `(a / b, a % b)`, in 64 bits when both fit.
fn div_rem(a: u128, b: u128) -> (u128, u128) {
    match (u64::try_from(a), u64::try_from(b)) {
        (Ok(a), Ok(b)) => (u128::from(a / b), u128::from(a % b)),
        _ => (a / b, a % b),
    }
}

/// [`small_exact`] for the rare denominators with more than 28 factors of 2 or 5: the smallest scale that works.
fn small_exact_slow(m: u128, den: u128, negative: bool) -> Option<Decimal> {
    for k in 0..=28u32 {
        let scaled = 10u128.checked_pow(k).and_then(|p| m.checked_mul(p))?;
        if scaled % den == 0 {
            return decimal_of(scaled / den, k, negative);
        }
    }
    None
}

/// The decimal `±q / 10^k` with its trailing zeros dropped (`85.000` is `85`); `None` beyond 96 bits.
fn decimal_of(mut q: u128, mut k: u32, negative: bool) -> Option<Decimal> {
    if q >= (1u128 << 96) {
        return None;
    }
    if q == 0 {
        k = 0;
    }
    if let Ok(mut small) = u64::try_from(q) {
        // in 64 bits (the usual case; a 128-bit remainder is a library call)
        while k > 0 && small % 10 == 0 {
            small /= 10;
            k -= 1;
        }
        q = u128::from(small);
    } else {
        while k > 0 && q % 10 == 0 {
            q /= 10;
            k -= 1;
        }
    }
    let q = q as i128; // below 2^96
    Decimal::try_from_i128_with_scale(if negative { -q } else { q }, k).ok()
}

/// [`decimal_of`] for `q` below 2^64 and `k` at most 28 (the callers' bounds): `±q / 10^k`, trailing zeros dropped.
fn decimal_of_u64(mut q: u64, mut k: u32, negative: bool) -> Decimal {
    if q == 0 {
        return Decimal::ZERO;
    }
    while k > 0 && q % 10 == 0 {
        q /= 10;
        k -= 1;
    }
    Decimal::from_parts(q as u32, (q >> 32) as u32, 0, negative, k)
}

/// `n / d` rounded half away from zero to `dp` places, without big integers; `None` when it does not fit.
fn small_round(n: i128, d: i128, dp: u32) -> Option<Decimal> {
    let (m, den) = (n.unsigned_abs(), d.unsigned_abs());
    // in 64 bits when everything fits (the usual case: 128-bit products and quotients are library calls)
    if let (Ok(m), Ok(den), true) = (u64::try_from(m), u64::try_from(den), dp < 20) {
        if let Some(scaled) = m.checked_mul(POW10[dp as usize] as u64) {
            let (q, r) = (scaled / den, scaled % den);
            // no overflow: rounding up needs r > 0, so den >= 2 and q <= u64::MAX / 2
            let q = if r >= den - r { q + 1 } else { q };
            return Some(decimal_of_u64(q, dp, n < 0));
        }
    }
    let scaled = POW10.get(dp as usize).and_then(|p| m.checked_mul(*p))?;
    let (q, r) = div_rem(scaled, den);
    let q = if r >= den - r { q + 1 } else { q };
    decimal_of(q, dp, n < 0)
}

/// Long division of naturals: by one limb, limb by limb; otherwise schoolbook, bit by bit, in place (inputs here
/// are a few hundred bits at most, and `to_decimal` runs for every number shown, so no allocation per bit).
fn divmod(a: &Nat, b: &Nat) -> (Nat, Nat) {
    if a.cmp(b) == Ordering::Less {
        return (Nat(Vec::new()), a.clone());
    }
    if let [d] = b.0[..] {
        let d = u64::from(d);
        let mut q = vec![0u32; a.0.len()];
        let mut rem = 0u64;
        for i in (0..a.0.len()).rev() {
            let cur = (rem << 32) | u64::from(a.0[i]);
            q[i] = (cur / d) as u32;
            rem = cur % d;
        }
        return (Nat(q).trim(), Nat::from_u128(u128::from(rem)));
    }
    // invariant: r < b before each step, so r * 2 + 1 < 2b fits in one limb more than b
    let mut r = vec![0u32; b.0.len() + 1];
    let mut q = vec![0u32; a.0.len()];
    for i in (0..a.0.len() * 32).rev() {
        let mut carry = (a.0[i / 32] >> (i % 32)) & 1;
        for limb in r.iter_mut() {
            let out = *limb >> 31;
            *limb = (*limb << 1) | carry;
            carry = out;
        }
        let limb = |i: usize| b.0.get(i).copied().unwrap_or(0);
        let at_least_b = (0..r.len()).rev().find(|&i| r[i] != limb(i)).map_or(true, |i| r[i] > limb(i));
        if at_least_b {
            let mut borrow = 0u64;
            for (i, x) in r.iter_mut().enumerate() {
                let t = u64::from(*x).wrapping_sub(u64::from(limb(i))).wrapping_sub(borrow);
                *x = t as u32;
                borrow = (t >> 63) & 1;
            }
            q[i / 32] |= 1 << (i % 32);
        }
    }
    (Nat(q).trim(), Nat(r).trim())
}

impl From<Decimal> for Rational {
    fn from(d: Decimal) -> Rational {
        // a Decimal's mantissa has at most 96 bits and its scale is at most 28, so both fit an i128
        Rational(Repr::Small(d.mantissa(), POW10[d.scale().min(28) as usize] as i128))
    }
}

impl From<&Decimal> for Rational {
    fn from(d: &Decimal) -> Rational {
        Rational::from(*d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn growth_boundary_beyond_decimal_precision() {
        // 987654.321 * 1.1661^5 needs more than 28 significant digits.
        let base = Rational::from(d("987654.321"));
        let factor = Rational::from(d("1.1661")).pow(5);
        let exact = base.mul(&factor);
        // 1.1661^5 = 2.15665453395296... times base, exactly:
        let f = d("1.1661");
        let expected = f * f * f * f * f; // rust_decimal rounds this product
        let approx = Rational::from(d("987654.321") * expected);
        // The exact product and the rounded one differ in the last digits; the comparison must see it.
        assert_ne!(exact.cmp(&approx), Ordering::Equal);
        assert_eq!(exact.cmp(&exact.clone()), Ordering::Equal);
    }

    #[test]
    fn to_decimal_rounds() {
        let third = Rational::one().div(&Rational::int(3)).unwrap();
        assert_eq!(third.to_decimal(4), Some(d("0.3333")));
        let two_thirds = Rational::int(-2).div(&Rational::int(3)).unwrap();
        assert_eq!(two_thirds.to_decimal(2), Some(d("-0.67")));
    }

    #[test]
    fn a_decimal_beyond_128_bit_products_is_still_shown_exactly() {
        // 808409815273398602 / (640 * 10^14) = 12.63140336364685315625: m * 10^21 overflows 128 bits, the value
        // is a decimal of 20 places all the same (the small path once rounded it to 13)
        let r = Rational(Repr::Small(808_409_815_273_398_602, 640 * 10i128.pow(14)));
        assert_eq!(r.to_decimal_exact_or(0).map(|d| d.to_string()).as_deref(), Some("12.63140336364685315625"));
    }

    proptest! {
        /// Comparisons whose cross products overflow 128 bits agree with the big-integer comparison.
        #[test]
        fn wide_comparison_agrees_with_big(a in any::<i128>(), b in 1i128..i128::MAX, c in any::<i128>(), d in 1i128..i128::MAX) {
            let (x, y) = (Rational(Repr::Small(a, b)), Rational(Repr::Small(c, d)));
            prop_assert_eq!(x.cmp(&y), x.big().cmp(&y.big()));
        }

        /// The fast exact-decimal test (factors of 2 and 5) gives what the plain search over scales gives.
        #[test]
        fn exact_decimal_by_factors_equals_search(n in -10_000_000_000i64..10_000_000_000, twos in 0u32..12,
                                                  fives in 0u32..12, other in prop::sample::select(vec![1i128, 3, 7, 9, 11, 21, 1001])) {
            let d = (1i128 << twos) * 5i128.pow(fives) * other;
            let fast = small_exact(i128::from(n), d);
            let slow = small_exact_slow(u128::from(n.unsigned_abs()), d as u128, n < 0);
            prop_assert_eq!(fast.map(|x| (x, x.scale())), slow.map(|x| (x, x.scale())));
        }

        #[test]
        fn agrees_with_i128(a in -1_000_000_000i64..1_000_000_000, b in -1_000_000_000i64..1_000_000_000,
                            c in -1_000_000i64..1_000_000, e in 0u32..4) {
            let ra = Rational::int(a);
            let rb = Rational::int(b);
            prop_assert_eq!(ra.cmp(&rb), a.cmp(&b));
            let sum = ra.add(&rb).sub(&Rational::int(c));
            prop_assert_eq!(sum.cmp(&Rational::int(0)), (i128::from(a) + i128::from(b) - i128::from(c)).cmp(&0));
            let p = Rational::int(c).pow(e);
            let expect = i128::from(c).pow(e);
            prop_assert_eq!(p.cmp(&Rational::int(0)), expect.cmp(&0));
            prop_assert_eq!(p.to_decimal(0), Some(Decimal::from_i128_with_scale(expect, 0)));
        }

        #[test]
        fn small_and_big_paths_agree(n in any::<i64>(), d in 1i64..i64::MAX, e in any::<i64>(), f in 1i64..1_000_000, dp in 0u32..12) {
            let small = Rational(Repr::Small(i128::from(n), i128::from(d)));
            let big = Rational(Repr::Big(Big::from_small(i128::from(n), i128::from(d))));
            let other = Rational(Repr::Small(i128::from(e), i128::from(f)));
            prop_assert_eq!(small.to_decimal(dp), big.to_decimal(dp));
            prop_assert_eq!(small.to_decimal_exact_or(dp), big.to_decimal_exact_or(dp));
            prop_assert_eq!(small.cmp(&other), big.cmp(&other));
            prop_assert_eq!(small.mul(&other).cmp(&big.mul(&other)), Ordering::Equal);
            prop_assert_eq!(small.add(&other).cmp(&big.add(&other)), Ordering::Equal);
            prop_assert_eq!(small.pow(3).cmp(&big.pow(3)), Ordering::Equal);
        }

        #[test]
        fn decimal_denominators_take_the_fast_paths_to_the_same_digits(n in any::<i64>(), k in 0usize..19,
                                                                         dp in 0u32..22, scale_up in 1i64..1000) {
            // the 64-bit fast paths (a power of ten below, or any denominator when rounding) write the same
            // digits and scale as the general path: compared as text, since decimals equal in value may differ
            // in scale
            for d in [POW10[k] as i128, i128::from(scale_up), POW10[k] as i128 * i128::from(scale_up)] {
                let small = Rational(Repr::Small(i128::from(n), d));
                let big = Rational(Repr::Big(Big::from_small(i128::from(n), d)));
                let text = |x: Option<Decimal>| x.map(|x| x.to_string());
                prop_assert_eq!(text(small.to_decimal_exact_or(dp)), text(big.to_decimal_exact_or(dp)));
                prop_assert_eq!(text(small.to_decimal(dp)), text(big.to_decimal(dp)));
            }
        }

        #[test]
        fn division_agrees_with_u128(a in any::<u128>(), b in 1..=u128::MAX) {
            let (q, r) = divmod(&Nat::from_u128(a), &Nat::from_u128(b));
            prop_assert_eq!(q, Nat::from_u128(a / b));
            prop_assert_eq!(r, Nat::from_u128(a % b));
        }

        #[test]
        fn division_of_large_products(x in any::<u128>(), y in 1..=u128::MAX, z in any::<u128>(), small in 1u32..) {
            // (x * y + z mod y) / y = x, remainder z mod y, for numbers of up to 256 bits and divisors of one limb
            for d in [y, u128::from(small)] {
                let r = z % d;
                let a = Nat::from_u128(x).mul(&Nat::from_u128(d)).add(&Nat::from_u128(r));
                let (q, rem) = divmod(&a, &Nat::from_u128(d));
                prop_assert_eq!(q, Nat::from_u128(x));
                prop_assert_eq!(rem, Nat::from_u128(r));
            }
        }

        #[test]
        fn decimal_round_trip(m in -10_000_000_000_000i64..10_000_000_000_000, s in 0u32..10) {
            let x = Decimal::new(m, s);
            prop_assert_eq!(Rational::from(x).to_decimal(s), Some(x.normalize()));
        }
    }
}
