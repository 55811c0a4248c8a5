//! The verdict primitives every kind shares: a rule's commitment and direction, judging a quantity against a
//! rule exactly, classifying progress by the cut-offs, and the margin shown beside a verdict.

use super::display::{round, shown};
use super::{Ctx, Options, Outcome};
use crate::exact::Rational;
use crate::figures::FigureValue;
use crate::model::Rule;
use crate::status::Status;
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// Direction of a commitment.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Dir {
    Up,
    Down,
    Neutral,
}

/// The commitment of a rule: the threshold that separates met from not met, and its direction.
pub(crate) fn commitment(rule: &Rule) -> Option<(Decimal, Dir)> {
    match rule {
        Rule::AtLeast { value } | Rule::MoreThan { value } => Some((*value, Dir::Up)),
        Rule::AtMost { value } | Rule::LessThan { value } => Some((*value, Dir::Down)),
        Rule::Range { floor, aim, .. } => Some((*floor, if aim > floor { Dir::Up } else { Dir::Down })),
        Rule::All | Rule::Done => Some((Decimal::ONE_HUNDRED, Dir::Up)),
        Rule::None => Some((Decimal::ZERO, Dir::Down)),
        Rule::Exactly { value } | Rule::About { value, .. } => Some((*value, Dir::Neutral)),
        // a band has two commitments; its lower end stands for it where one number is asked (see `band_side`)
        Rule::Band { low, .. } => Some((*low, Dir::Neutral)),
    }
}

/// For a band: the end a quantity outside it must move to, with the direction of that movement (`None` inside).
pub(crate) fn band_side(rule: &Rule, q: &Rational) -> Option<(Decimal, Dir)> {
    match rule {
        Rule::Band { low, high } => {
            if q.cmp(&Rational::from(*low)) == Ordering::Less {
                Some((*low, Dir::Up))
            } else if q.cmp(&Rational::from(*high)) == Ordering::Greater {
                Some((*high, Dir::Down))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// How far inside a band a quantity is: `min(q - low, high - q)`, negative outside (the distance to the band).
pub(crate) fn band_margin(q: &Rational, low: Decimal, high: Decimal) -> Rational {
    let (a, b) = (q.sub(&Rational::from(low)), Rational::from(high).sub(q));
    if a.cmp(&b) == Ordering::Less {
        a
    } else {
        b
    }
}

pub(crate) struct Verdict {
    pub(crate) met: bool,
    pub(crate) exceeded: bool,
    pub(crate) aim_reached: Option<bool>,
}

/// Judge a quantity against a rule. `cmp(x)` compares the quantity with the threshold `x` (in rule units),
/// exactly. Tolerance of "about" is resolved by the caller.
pub(crate) fn judge(rule: &Rule, tolerance: Decimal, cmp: &dyn Fn(Decimal) -> Ordering) -> Verdict {
    use Ordering::*;
    let plain = |met: bool, exceeded: bool| Verdict { met, exceeded, aim_reached: None };
    match rule {
        Rule::AtLeast { value } => {
            let c = cmp(*value);
            plain(c != Less, c == Greater)
        }
        Rule::MoreThan { value } => plain(cmp(*value) == Greater, false),
        Rule::AtMost { value } => {
            let c = cmp(*value);
            plain(c != Greater, c == Less)
        }
        Rule::LessThan { value } => plain(cmp(*value) == Less, false),
        Rule::Exactly { value } => plain(cmp(*value) == Equal, false),
        Rule::All | Rule::Done => plain(cmp(Decimal::ONE_HUNDRED) != Less, false),
        Rule::None => plain(cmp(Decimal::ZERO) != Greater, false),
        Rule::Range { floor, aim, aim_inclusive } => {
            let up = aim > floor;
            let (cf, ca) = (cmp(*floor), cmp(*aim));
            let (met, beyond) = if up {
                (cf != Less, if *aim_inclusive { ca != Less } else { ca == Greater })
            } else {
                (cf != Greater, if *aim_inclusive { ca != Greater } else { ca == Less })
            };
            let reached = if up { ca != Less } else { ca != Greater };
            Verdict { met, exceeded: met && beyond, aim_reached: Some(reached) }
        }
        Rule::About { value, .. } => {
            // beyond the decimals' range the bound saturates: no figure lies beyond it either
            let lo = cmp(value.checked_sub(tolerance).unwrap_or(Decimal::MIN));
            let hi = cmp(value.checked_add(tolerance).unwrap_or(Decimal::MAX));
            plain(lo != Less && hi != Greater, false)
        }
        // both ends bind: never exceeded
        Rule::Band { low, high } => plain(cmp(*low) != Less && cmp(*high) != Greater, false),
    }
}

pub(crate) fn about_tolerance(rule: &Rule, options: &Options) -> Decimal {
    match rule {
        Rule::About { value, tolerance } => tolerance.unwrap_or_else(|| {
            // a value near the largest decimal is divided first (no overflow; its last digits do not matter)
            let p = options.about_tolerance_percent;
            match value.abs().checked_mul(p) {
                Some(x) => x / Decimal::ONE_HUNDRED,
                None => value.abs() / Decimal::ONE_HUNDRED * p,
            }
            .normalize()
        }),
        _ => Decimal::ZERO,
    }
}

/// The progress classification from a comparison against scaled commitments: `meets(c)` says whether progress
/// reaches `c` times what is required to date.
pub(crate) fn classify(options: &Options, meets: &dyn Fn(Decimal) -> bool) -> Status {
    if meets(options.on_track_ratio) {
        Status::OnTrack
    } else if meets(options.at_risk_ratio) {
        Status::AtRisk
    } else {
        Status::OffTrack
    }
}

/// The quantity a figure stands for, as an exact rational in rule units (percent for shares and statuses; per
/// `per` for a rate's numerator and denominator, whose indicator gives `per`).
pub(crate) fn figure_quantity(v: &FigureValue, per: Option<Decimal>) -> Option<Rational> {
    match v {
        FigureValue::Number(d) => Some(Rational::from(*d)),
        FigureValue::Ratio(n, d) => {
            let per = per.map_or_else(|| Rational::int(100), Rational::from);
            Rational::from(*n).mul(&per).div(&Rational::from(*d))
        }
        FigureValue::Done(b) => Some(Rational::int(if *b { 100 } else { 0 })),
        FigureValue::Growth(_) | FigureValue::Completed(_) => None,
    }
}

pub(crate) fn cmp_with(q: &Rational) -> impl Fn(Decimal) -> Ordering + '_ {
    move |x: Decimal| q.cmp(&Rational::from(x))
}

/// Margin and achievement ratio of a quantity against the rule's commitment (display).
pub(crate) fn fill_margin(ctx: &Ctx, ev: &mut Outcome, q: &Rational) {
    let dp = ctx.options.decimals;
    if let Rule::Band { low, high } = ctx.target.rule {
        ev.numbers.margin = shown(&band_margin(q, low, high), dp);
        return;
    }
    if let Some((c, dir)) = commitment(&ctx.target.rule) {
        let cr = Rational::from(c);
        let (margin, ratio) = match dir {
            Dir::Up => (q.sub(&cr), q.div(&cr)),
            Dir::Down => (cr.sub(q), if q.signum() == 0 { None } else { cr.div(q) }),
            Dir::Neutral => {
                let d = q.sub(&cr);
                let abs = if d.signum() < 0 { d.neg() } else { d };
                (Rational::from(ctx.tolerance).sub(&abs), q.div(&cr))
            }
        };
        ev.numbers.margin = shown(&margin, dp);
        if matches!(ctx.target.rule, Rule::None) {
            ev.numbers.achievement_ratio = None;
        } else {
            ev.numbers.achievement_ratio = ratio.and_then(|r| round(&r, dp + 2));
        }
    }
}

/// The verdict on a target judged period by period (every year, every quarter, every year's change): `due`
/// periods ended by the as-of date, of which `met` met the rule, `missed` did not and `missing` had no figure;
/// `exceeded_all` when every period went beyond it. The term needs every period.
pub(crate) fn term_status(
    due: usize,
    met: usize,
    missed: usize,
    missing: usize,
    after: bool,
    exceeded_all: bool,
) -> Status {
    if due == 0 {
        Status::NotDue
    } else if missed > 0 {
        if after {
            Status::NotAchieved
        } else {
            Status::OffTrack
        }
    } else if missing > 0 {
        if after || met == 0 {
            Status::NoData
        } else {
            Status::AtRisk
        }
    } else if after {
        if exceeded_all {
            Status::Exceeded
        } else {
            Status::Achieved
        }
    } else {
        Status::OnTrack
    }
}

/// The margin and achievement ratio of a change `q` (a change, a change a year, a year's change) against the rule,
/// for display: beyond (+) or short of (-) the commitment (for a band, the room to its nearer end; for "about" and
/// "exactly", the tolerance left), and `q / c` for a rule with a direction.
pub(crate) fn change_margin(
    rule: &Rule,
    tolerance: Decimal,
    q: &Rational,
    dp: u32,
) -> (Option<Decimal>, Option<Decimal>) {
    if let Rule::Band { low, high } = rule {
        return (shown(&band_margin(q, *low, *high), dp), None);
    }
    let Some((c, dir)) = commitment(rule) else { return (None, None) };
    let cr = Rational::from(c);
    let margin = match dir {
        Dir::Up => q.sub(&cr),
        Dir::Down => cr.sub(q),
        Dir::Neutral => {
            let d = q.sub(&cr);
            Rational::from(tolerance).sub(&if d.signum() < 0 { d.neg() } else { d })
        }
    };
    let ratio = if dir == Dir::Neutral { None } else { q.div(&cr).and_then(|r| round(&r, dp + 2)) };
    (shown(&margin, dp), ratio)
}

pub(crate) fn final_status(v: &Verdict) -> Status {
    if !v.met {
        Status::NotAchieved
    } else if v.exceeded {
        Status::Exceeded
    } else {
        Status::Achieved
    }
}

/// The worse of two quantities under a rule (lower for "up" rules, higher for "down" rules, farther for neutral).
pub(crate) fn worst(rule: &Rule, a: Rational, b: Rational) -> Rational {
    if let Rule::Band { low, high } = rule {
        return if band_margin(&b, *low, *high).cmp(&band_margin(&a, *low, *high)) == Ordering::Less { b } else { a };
    }
    match commitment(rule) {
        Some((_, Dir::Down)) => {
            if a.cmp(&b) == Ordering::Less {
                b
            } else {
                a
            }
        }
        Some((c, Dir::Neutral)) => {
            let c = Rational::from(c);
            let da = a.sub(&c);
            let db = b.sub(&c);
            let abs = |r: Rational| if r.signum() < 0 { r.neg() } else { r };
            if abs(da).cmp(&abs(db)) == Ordering::Less {
                b
            } else {
                a
            }
        }
        _ => {
            if a.cmp(&b) == Ordering::Greater {
                b
            } else {
                a
            }
        }
    }
}

/// Combine two statuses, keeping the worse (for per-entity targets).
pub(crate) fn rank_worse(a: Status, b: Status) -> Status {
    let rank = |s: Status| match s {
        Status::Exceeded => 0,
        Status::Achieved => 1,
        Status::OnTrack => 2,
        Status::NotDue => 3,
        Status::AtRisk => 4,
        Status::NoData => 5,
        Status::OffTrack => 6,
        Status::NotAchieved => 7,
    };
    if rank(a) >= rank(b) {
        a
    } else {
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_judgement() {
        let rule = Rule::Range { floor: Decimal::from(16), aim: Decimal::from(18), aim_inclusive: false };
        let at = |x: i64| judge(&rule, Decimal::ZERO, &|t| Decimal::from(x).cmp(&t));
        assert!(!at(15).met);
        assert!(at(16).met && !at(16).exceeded);
        assert!(at(18).met && !at(18).exceeded && at(18).aim_reached == Some(true));
        assert!(at(19).exceeded);
        let down = Rule::Range { floor: Decimal::from(-5), aim: Decimal::from(-6), aim_inclusive: false };
        let at = |x: i64| judge(&down, Decimal::ZERO, &|t| Decimal::from(x).cmp(&t));
        assert!(!at(-4).met);
        assert!(at(-5).met && !at(-5).exceeded);
        assert!(at(-7).exceeded);
        let floor_aim = Rule::Range { floor: Decimal::from(4), aim: Decimal::from(5), aim_inclusive: true };
        let at = |x: i64| judge(&floor_aim, Decimal::ZERO, &|t| Decimal::from(x).cmp(&t));
        assert!(!at(3).met);
        assert!(at(4).met && !at(4).exceeded);
        assert!(at(5).exceeded);
    }
}
