//! Hand-derived tests of the international progress methods (chitieu::methods).
//!
//! The methods compute in binary floating point (compatibility mode). To test a cut-off *exactly*, the inputs are
//! built so that every step is exact in `f64`: a base value of 1 one year before the latest value `v`, so that the
//! growth to date is `v/1 - 1 = v - 1` with no rounding (`x^1 = x`, and `v - 1` is exact for the values used,
//! checked by `exact`); a target `1 + 2^k` in the latest year, so that the required growth is exactly `2^k`; the
//! ratio `(v - 1) / 2^k` is then exact. For a cut-off `c` the value giving a ratio of exactly `c` is
//! `v = 1 + c·2^k` (k chosen so that this sum is exact), and its neighbour one unit in the last place away gives a
//! ratio just past `c`. Where a growth rate must equal a cut-off (no target), the cut-off itself is chosen as a power
//! of two through custom thresholds, since a growth rate computed in `f64` near zero is a multiple of 2^-53 and can
//! never equal 0.01 or 0.005; the default cut-offs are then tested at the two nearest achievable growth rates.

use chitieu::methods::{
    alternative_views, assess, open_sdg_indicator, open_sdg_limit_coefficient, Assessment, Entry, Method, Note,
    ProgressStatus, Series, Substitution, Thresholds, ViewNote,
};
use chitieu::{parse_as_of, Catalogue, Decimal, Direction, Figures, Options};
use std::str::FromStr;
use ProgressStatus::*;

/// A decimal that converts back to exactly `x` (shortest round-trip text).
fn exact(x: f64) -> Decimal {
    let s = format!("{x}");
    assert_eq!(s.parse::<f64>().unwrap().to_bits(), x.to_bits(), "{s} does not round-trip");
    Decimal::from_str(&s).unwrap()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn next_up(x: f64) -> f64 {
    assert!(x > 0.0);
    f64::from_bits(x.to_bits() + 1)
}

fn next_down(x: f64) -> f64 {
    assert!(x > 0.0);
    f64::from_bits(x.to_bits() - 1)
}

/// Whether `x - 1` is exact in `f64` (Knuth's TwoSum error term is zero).
fn minus_one_is_exact(x: f64) -> bool {
    let s = x - 1.0;
    let bb = s - x;
    (x - (s - bb)) + (-1.0 - bb) == 0.0
}

/// Base 1 in 2020, `v` in 2021: growth to date exactly `v - 1`.
fn one_year(direction: Direction, v: f64) -> Series {
    assert!(minus_one_is_exact(v), "{v} - 1 must be exact");
    Series::new(direction, [(2020, Decimal::ONE), (2021, exact(v))])
}

/// As `one_year`, with target `t` in 2021: required growth exactly `t - 1`.
fn with_target(direction: Direction, v: f64, t: f64) -> Series {
    let mut s = one_year(direction, v);
    assert!(minus_one_is_exact(t));
    s.target = Some(exact(t));
    s.target_year = Some(2021);
    s
}

/// For a ratio cut-off `c`: the latest value giving a ratio of exactly `c`, the value giving a ratio just below `c`,
/// and the target (required growth `r = ±2^k`).
fn ratio_case(c: f64, r_sign: f64) -> (f64, f64, f64) {
    for k in -3..12 {
        let r = r_sign * 2f64.powi(k);
        let a = c * r;
        let (v, t) = (1.0 + a, 1.0 + r);
        if v > 0.0 && t >= 0.0 && v - 1.0 == a && t - 1.0 == r && a / r == c {
            assert!(minus_one_is_exact(v) && minus_one_is_exact(t));
            // the ratio a/r falls when a moves against the sign of r: the nearest such v with v - 1 exact
            let mut below = v;
            loop {
                below = if r > 0.0 { next_down(below) } else { next_up(below) };
                if minus_one_is_exact(below) {
                    break;
                }
            }
            assert!((below - 1.0) / r < c);
            return (v, below, t);
        }
    }
    panic!("no exact construction for {c}");
}

fn run(method: Method, s: &Series) -> Assessment {
    assess(method, s).unwrap()
}

/// Check a ratio cut-off of a method: exactly `c` gives `at`, just below gives `below`, for a rising series (target
/// above the base) and, when `falling`, a falling one (target below the base, lower is better). The ratio itself
/// does not depend on the direction; a falling series cannot hit ±0.1 exactly with this construction (0.1 is not a
/// multiple of 2^-53), so those cut-offs are checked rising only.
fn ratio_boundary(method: Method, c: f64, at: ProgressStatus, below: ProgressStatus) {
    let falling = c.abs() != 0.1;
    let cases: &[(Direction, f64)] = if falling {
        &[(Direction::Increase, 1.0), (Direction::Decrease, -1.0)]
    } else {
        &[(Direction::Increase, 1.0)]
    };
    for &(direction, sign) in cases {
        let (v, v_below, t) = ratio_case(c, sign);
        let a = run(method, &with_target(direction, v, t));
        assert_eq!(a.progress, Some(c), "{method:?} {c} {direction:?}");
        assert_eq!(a.status, at, "{method:?} at {c} {direction:?}");
        let b = run(method, &with_target(direction, v_below, t));
        assert!(b.progress.unwrap() < c);
        assert_eq!(b.status, below, "{method:?} below {c} {direction:?}");
    }
}

#[test]
fn eurostat_with_target_cut_offs_are_inclusive() {
    ratio_boundary(Method::Eurostat, 0.95, SignificantProgress, ModerateProgress);
    ratio_boundary(Method::Eurostat, 0.6, ModerateProgress, InsufficientProgress);
    ratio_boundary(Method::Eurostat, 0.0, InsufficientProgress, MovementAway);
}

#[test]
fn unsd_2022_with_target_cut_offs_are_inclusive() {
    ratio_boundary(Method::Unsd2022, 0.95, SubstantialProgress, FairProgress);
    ratio_boundary(Method::Unsd2022, 0.5, FairProgress, LimitedOrNoProgress);
    ratio_boundary(Method::Unsd2022, -0.1, LimitedOrNoProgress, Deterioration);
}

#[test]
fn unsd_2023_with_target_cut_offs_are_inclusive() {
    // target year = latest year: the value expected in the target year is the latest value itself
    // (v (1+g)^0 = v), so CR = (v - 1)/(T - 1), the same exact ratio
    ratio_boundary(Method::Unsd2023, 0.95, TargetMetOrAlmostMet, FairProgress);
    ratio_boundary(Method::Unsd2023, 0.1, FairProgress, StagnationOrRegression);
    let (v, _, t) = ratio_case(0.1, 1.0);
    let a = run(Method::Unsd2023, &with_target(Direction::Increase, v, t));
    assert_eq!(a.projected, Some(v));
}

#[test]
fn unsd_2023_extrapolates_at_the_pace_to_date() {
    // 100 (2020) -> 121 (2022): growth exactly 10 % a year (1.21^(1/2) = 1.1); by 2024: 121 * 1.1^2 = 146.41;
    // target 200: CR = 46.41 / 100
    let mut s = Series::new(Direction::Increase, [(2020, d("100")), (2022, d("121"))]);
    s.target = Some(d("200"));
    s.target_year = Some(2024);
    let a = run(Method::Unsd2023, &s);
    let g = a.growth_to_date.unwrap();
    assert!((g - 0.1).abs() < 1e-15, "{g}");
    assert!((a.projected.unwrap() - 146.41).abs() < 1e-12);
    assert!((a.progress.unwrap() - 0.4641).abs() < 1e-14);
    assert_eq!(a.status, FairProgress);
    assert_eq!(a.growth_required, None, "UNSD 2023 uses no required rate");
}

/// Growth rates `(lo, hi)` achievable with `one_year` on each side of `c`: `lo - 1 < c <= hi - 1` when
/// `hi_reaches` is true (a `>=` cut-off), else `lo - 1 <= c < hi - 1` (a `>` cut-off); both exact.
fn nearest(c: f64, hi_reaches: bool) -> (f64, f64) {
    let v = 1.0 + c;
    let reaches = |x: f64| if hi_reaches { x - 1.0 >= c } else { x - 1.0 > c };
    let (lo, hi) = if reaches(v) { (next_down(v), v) } else { (v, next_up(v)) };
    assert!(!reaches(lo) && reaches(hi));
    (lo, hi)
}

fn growth_boundary(method: Method, c: f64, inclusive: bool, at: ProgressStatus, below: ProgressStatus) {
    let (lo, hi) = nearest(c, inclusive);
    assert_eq!(run(method, &one_year(Direction::Increase, hi)).status, at, "{method:?} {c} up");
    assert_eq!(run(method, &one_year(Direction::Increase, lo)).status, below, "{method:?} {c} up");
    // lower is better: the mirror image (growth -(v-1))
    let (lo, hi) = (2.0 - hi, 2.0 - lo);
    assert_eq!(run(method, &one_year(Direction::Decrease, lo)).status, at, "{method:?} {c} down");
    assert_eq!(run(method, &one_year(Direction::Decrease, hi)).status, below, "{method:?} {c} down");
}

#[test]
fn default_cut_offs_without_target_at_the_nearest_growth_rates() {
    growth_boundary(Method::Eurostat, 0.01, false, SignificantProgress, ModerateProgress);
    growth_boundary(Method::Eurostat, -0.01, true, ModerateMovementAway, SignificantMovementAway);
    growth_boundary(Method::Unsd2022, 0.01, true, SubstantialProgress, FairProgress);
    growth_boundary(Method::Unsd2022, 0.005, true, FairProgress, LimitedOrNoProgress);
    growth_boundary(Method::Unsd2022, -0.01, true, LimitedOrNoProgress, Deterioration);
    growth_boundary(Method::Unsd2023, 0.02, true, TargetMetOrAlmostMet, FairProgress);
    growth_boundary(Method::Unsd2023, 0.005, true, FairProgress, StagnationOrRegression);
}

#[test]
fn eurostat_without_target_zero_growth_is_movement_away() {
    // "more than 0" is moderate progress: no change at all is moderate movement away; one unit in the last place of
    // growth (2^-52) is progress
    let flat = Series::new(Direction::Increase, [(2020, d("5")), (2025, d("5"))]);
    let a = run(Method::Eurostat, &flat);
    assert_eq!((a.progress, a.status), (Some(0.0), ModerateMovementAway));
    assert_eq!(run(Method::Eurostat, &one_year(Direction::Increase, next_up(1.0))).status, ModerateProgress);
    assert_eq!(run(Method::Eurostat, &one_year(Direction::Decrease, next_down(1.0))).status, ModerateProgress);
}

fn powers_of_two(high: &str, medium: &str, low: Option<&str>) -> Option<Thresholds> {
    Some(Thresholds { high: d(high), medium: d(medium), low: low.map(d) })
}

#[test]
fn custom_power_of_two_cut_offs_show_each_comparison() {
    // 2^-7 = 0.0078125, 2^-8 = 0.00390625: growth rates exactly equal to them are achievable (1 + 2^-7 is exact)
    let g = 2f64.powi(-7);
    let series = |v: f64, m: Method| {
        let mut s = one_year(Direction::Increase, v);
        s.thresholds = if m == Method::Unsd2023 {
            powers_of_two("0.0078125", "0.00390625", None)
        } else {
            powers_of_two("0.0078125", "0", Some("-0.0078125"))
        };
        s
    };
    let status = |m: Method, v: f64| run(m, &series(v, m)).status;
    // Eurostat: strict "more than" at high and medium, inclusive at low
    assert_eq!(status(Method::Eurostat, 1.0 + g), ModerateProgress);
    assert_eq!(status(Method::Eurostat, next_up(1.0 + g)), SignificantProgress);
    assert_eq!(status(Method::Eurostat, 1.0 - g), ModerateMovementAway);
    assert_eq!(status(Method::Eurostat, next_down(1.0 - g)), SignificantMovementAway);
    // UNSD 2022: inclusive everywhere
    assert_eq!(status(Method::Unsd2022, 1.0 + g), SubstantialProgress);
    assert_eq!(status(Method::Unsd2022, next_down(1.0 + g)), FairProgress);
    assert_eq!(status(Method::Unsd2022, 1.0), FairProgress);
    assert_eq!(status(Method::Unsd2022, next_down(1.0)), LimitedOrNoProgress);
    assert_eq!(status(Method::Unsd2022, 1.0 - g), LimitedOrNoProgress);
    assert_eq!(status(Method::Unsd2022, next_down(1.0 - g)), Deterioration);
    // UNSD 2023: three categories
    assert_eq!(status(Method::Unsd2023, 1.0 + g), TargetMetOrAlmostMet);
    assert_eq!(status(Method::Unsd2023, 1.0 + g / 2.0), FairProgress);
    assert_eq!(status(Method::Unsd2023, next_down(1.0 + g / 2.0)), StagnationOrRegression);
    // Open SDG without a target: inclusive, and the score's pieces meet at the cut-offs
    let a = run(Method::OpenSdg, &series(1.0 + g, Method::OpenSdg));
    assert_eq!((a.status, a.score), (SubstantialProgress, Some(500.0 * g - 5.0)));
}

#[test]
fn open_sdg_score_pieces_and_cut_offs() {
    // no target, no limit: P = growth; high 0.015, med 0.005 (not representable: nearest achievable values)
    let score = |v: f64| run(Method::OpenSdg, &one_year(Direction::Increase, v)).score.unwrap();
    let status = |v: f64| run(Method::OpenSdg, &one_year(Direction::Increase, v)).status;
    let (lo, hi) = nearest(0.015, true);
    assert_eq!((status(hi), status(lo)), (SubstantialProgress, ModerateProgress));
    assert_eq!(score(hi), (500.0 * (hi - 1.0) - 5.0).min(5.0));
    assert_eq!(score(lo), 250.0 * (lo - 1.0) - 1.25);
    let (lo, hi) = nearest(0.005, true);
    assert_eq!((status(hi), status(lo)), (ModerateProgress, LimitedProgress));
    assert_eq!(score(lo), 500.0 * (lo - 1.0) - 2.5);
    // zero growth is limited progress (>= 0), score -2.5; any fall is deterioration
    assert_eq!((status(1.0), score(1.0)), (LimitedProgress, -2.5));
    assert_eq!(status(next_down(1.0)), Deterioration);
    // clamps: +3 % a year scores 5; -5 % scores max(125 * -0.05 - 2.5, -5) = -5
    assert_eq!(score(1.03), 5.0);
    assert_eq!(score(0.95), -5.0);
    // with a target: the pieces meet at the medium cut-off 0.6 (7.1429 * 0.6 - 4.2857 = 0.00004, 4.1667 * 0.6 - 2.5
    // = 0.00002: the rounded constants leave a step of 2e-5 there)
    let (v, below, t) = ratio_case(0.6, 1.0);
    let at = run(Method::OpenSdg, &with_target(Direction::Increase, v, t));
    assert_eq!((at.status, at.score), (ModerateProgress, Some(7.1429 * 0.6 - 4.2857)));
    let b = run(Method::OpenSdg, &with_target(Direction::Increase, below, t));
    assert_eq!(b.status, LimitedProgress);
    assert_eq!(b.score, Some(4.1667 * b.progress.unwrap() - 2.5));
    let (v, below, t) = ratio_case(0.95, 1.0);
    assert_eq!(run(Method::OpenSdg, &with_target(Direction::Increase, v, t)).status, SubstantialProgress);
    assert_eq!(run(Method::OpenSdg, &with_target(Direction::Increase, below, t)).status, ModerateProgress);
}

#[test]
fn open_sdg_target_achieved_first_and_inclusive() {
    // one value only, already at the target: achieved, score 5, no progress value
    let mut s = Series::new(Direction::Increase, [(2025, d("15"))]);
    s.target = Some(d("15"));
    let a = run(Method::OpenSdg, &s);
    assert_eq!((a.status, a.score, a.progress), (TargetAchieved, Some(5.0), None));
    assert_eq!(a.notes, vec![Note::SingleYear]);
    // lower is better: at the target is achieved too; the progress value is still reported
    let mut s = Series::new(Direction::Decrease, [(2015, d("20")), (2020, d("10"))]);
    s.target = Some(d("10"));
    let a = run(Method::OpenSdg, &s);
    assert_eq!((a.status, a.score, a.target_achieved), (TargetAchieved, Some(5.0), Some(true)));
    assert!(a.progress.unwrap() > 1.0);
    // the other methods only report it
    assert_eq!(run(Method::Eurostat, &s).target_achieved, Some(true));
}

#[test]
fn open_sdg_target_equal_to_base() {
    // achieved: null progress value, score 5 (the 9 such rows of the peer corpus)
    let mut s = Series::new(Direction::Increase, [(2015, d("10")), (2020, d("12"))]);
    s.target = Some(d("10"));
    let a = run(Method::OpenSdg, &s);
    assert_eq!((a.status, a.progress, a.score), (TargetAchieved, None, Some(5.0)));
    assert_eq!(a.growth_required, Some(0.0));
    // not achieved: not available, no score
    s.values.insert(2020, d("9"));
    let a = run(Method::OpenSdg, &s);
    assert_eq!((a.status, a.progress, a.score), (NotAvailable, None, None));
    assert!(a.notes.contains(&Note::TargetEqualsBase));
}

#[test]
fn open_sdg_zero_substitutions_are_reported() {
    // target 0 -> 0.001 before anything else: 4 (2015) -> 2 (2020), lower is better
    let mut s = Series::new(Direction::Decrease, [(2015, d("4")), (2020, d("2"))]);
    s.target = Some(Decimal::ZERO);
    let a = run(Method::OpenSdg, &s);
    assert_eq!(a.substitutions, vec![Substitution::TargetZero]);
    assert_eq!(a.target, Some(0.001));
    let o = 0.5f64.powf(0.2) - 1.0;
    let r = (0.001f64 / 4.0).powf(1.0 / 15.0) - 1.0;
    assert_eq!(a.progress, Some(-o / r.abs())); // s d CAGR_o / |CAGR_r| with s d = -1
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["substitutions"], serde_json::json!(["target_zero_to_0.001"]));
    // base 0 -> 0.001 after the sign and the limit coefficient, which see 0
    let mut s = Series::new(Direction::Increase, [(2015, Decimal::ZERO), (2020, d("3"))]);
    s.limit = Some(d("100"));
    let a = run(Method::OpenSdg, &s);
    assert_eq!(a.substitutions, vec![Substitution::BaseZero]);
    assert_eq!(a.base_value, Some(0.001));
    assert_eq!(a.limit_coefficient, Some(1.0)); // 1 - (0/100)^4.44
    assert_eq!(a.progress, Some((3.0f64 / 0.001).powf(0.2) - 1.0));
    // Eurostat and UNSD substitute nothing: growth from 0 is undefined
    let e = run(Method::Eurostat, &s);
    assert_eq!((e.status, e.substitutions.len()), (NotAvailable, 0));
    assert!(e.notes.contains(&Note::ZeroBase) && e.notes.contains(&Note::LimitUnused));
}

#[test]
fn open_sdg_limit_coefficient_branches() {
    // at the limit (C = 0): thresholds all 0; no fall is substantial progress with score 5
    let mut s = Series::new(Direction::Increase, [(2015, d("100")), (2020, d("100"))]);
    s.limit = Some(d("100"));
    let a = run(Method::OpenSdg, &s);
    assert_eq!((a.limit_coefficient, a.status, a.score), (Some(0.0), SubstantialProgress, Some(5.0)));
    // a fall at the limit scores as usual: 100 -> 50 in one year, P = -0.5: max(125 * -0.5 - 2.5, -5) = -5
    let s2 = {
        let mut s2 = Series::new(Direction::Increase, [(2015, d("100")), (2016, d("50"))]);
        s2.limit = Some(d("100"));
        s2
    };
    let a = run(Method::OpenSdg, &s2);
    assert_eq!((a.status, a.score), (Deterioration, Some(-5.0)));
    // L < b < 2L (a floor approached from above, lower is better): C = 1 - ((2L - b)/L)^4.44
    let mut s = Series::new(Direction::Decrease, [(2015, d("150")), (2020, d("140"))]);
    s.limit = Some(d("100"));
    let a = run(Method::OpenSdg, &s);
    let c = 1.0 - 0.5f64.powf(4.44);
    assert_eq!(a.limit_coefficient, Some(c));
    assert_eq!(a.cut_offs.high, 0.015 * c);
    assert_eq!(open_sdg_limit_coefficient(150.0, 100.0), c);
    // a limit with a target is ignored
    s.target = Some(d("120"));
    let a = run(Method::OpenSdg, &s);
    assert_eq!(a.limit_coefficient, None);
    assert!(a.notes.contains(&Note::LimitIgnored));
}

#[test]
fn negative_and_opposite_signs() {
    // all negative, higher is better: -10 -> -5 is progress (s = -1 flips the growth of the ratio)
    let s = Series::new(Direction::Increase, [(2015, d("-10")), (2020, d("-5"))]);
    let a = run(Method::OpenSdg, &s);
    assert_eq!(a.progress, Some(-(0.5f64.powf(0.2) - 1.0)));
    assert_eq!(a.status, SubstantialProgress);
    // Eurostat takes the ratio as it is, and says so
    let e = run(Method::Eurostat, &s);
    assert_eq!(e.status, SignificantMovementAway);
    assert!(e.notes.contains(&Note::NegativeBase));
    // opposite signs: not available everywhere
    let s = Series::new(Direction::Increase, [(2015, d("-1")), (2020, d("2"))]);
    for m in Method::ALL {
        let a = run(m, &s);
        assert_eq!(a.status, NotAvailable, "{m:?}");
        assert!(a.notes.contains(&Note::OppositeSigns));
    }
    // a target of the opposite sign to the base: no required growth (a departure from Python's complex root)
    let mut s = Series::new(Direction::Decrease, [(2015, d("5")), (2020, d("3"))]);
    s.target = Some(d("-1"));
    let a = run(Method::OpenSdg, &s);
    assert_eq!((a.status, a.progress), (NotAvailable, None));
    assert!(a.notes.contains(&Note::TargetOppositeSign));
}

#[test]
fn base_year_fallback_and_missing_data() {
    let mut s = Series::new(Direction::Increase, [(2014, d("1")), (2016, d("10")), (2020, d("12"))]);
    s.base_year = Some(2015);
    let a = run(Method::OpenSdg, &s);
    assert_eq!((a.base_year, a.base_value), (Some(2016), Some(10.0)));
    assert_eq!(a.notes, vec![Note::BaseYearFallback]);
    assert_eq!(a.growth_to_date, Some(1.2f64.powf(0.25) - 1.0));
    // nothing from the base year on
    s.base_year = Some(2021);
    let a = run(Method::Eurostat, &s);
    assert_eq!((a.status, a.base_year), (NotAvailable, None));
    assert!(a.notes.contains(&Note::NoDataFromBaseYear));
    // no base year given: the first year with a value
    s.base_year = None;
    assert_eq!(run(Method::Unsd2022, &s).base_year, Some(2014));
    // no data
    let a = run(Method::OpenSdg, &Series::new(Direction::Increase, []));
    assert_eq!((a.status, a.notes.clone()), (NotAvailable, vec![Note::NoData]));
}

#[test]
fn invalid_settings_are_errors() {
    let code = |m: Method, s: &Series| assess(m, s).unwrap_err().code();
    let neutral = Series::new(Direction::Neutral, [(2015, d("1"))]);
    assert_eq!(code(Method::OpenSdg, &neutral), "invalid_setting");
    let mut s = Series::new(Direction::Increase, [(2015, d("1"))]);
    s.thresholds = powers_of_two("0.5", "0.75", Some("0"));
    assert_eq!(code(Method::Eurostat, &s), "invalid_setting");
    s.thresholds = powers_of_two("0.75", "0.5", None);
    assert_eq!(code(Method::Unsd2022, &s), "invalid_setting");
    assert!(assess(Method::Unsd2023, &s).is_ok());
    s.thresholds = powers_of_two("0.75", "0.5", Some("0"));
    assert_eq!(code(Method::Unsd2023, &s), "invalid_setting");
}

#[test]
fn series_and_assessments_are_plain_json() {
    let s: Series = serde_json::from_str(
        r#"{"values": {"2015": "14.5", "2023": 10.2}, "direction": "decrease", "target": "7.25", "target_year": 2030,
            "base_year": 2015}"#,
    )
    .unwrap();
    assert_eq!(s.values[&2023], d("10.2"));
    let a = run(Method::OpenSdg, &s);
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["method"], "open_sdg");
    assert_eq!(json["status"], "substantial_progress");
    assert_eq!(json["limit_coefficient"], serde_json::Value::Null);
    assert_eq!(json["cut_offs"]["high"], 0.95);
    let back: Assessment = serde_json::from_value(json).unwrap();
    assert_eq!(back, a);
    assert!(serde_json::from_str::<Series>(r#"{"values": {}, "direction": "increase", "extra": 1}"#).is_err());
    let codes: Vec<_> = Method::ALL.iter().map(|m| serde_json::to_value(m).unwrap()).collect();
    assert_eq!(codes, ["open_sdg", "eurostat", "unsd_2022", "unsd_2023"]);
    for st in ProgressStatus::ALL {
        assert_eq!(serde_json::to_value(st).unwrap(), st.code());
        assert!(!st.label_en().is_empty() && !st.label_vi().is_empty());
    }
    for n in Note::ALL {
        assert_eq!(serde_json::to_value(n).unwrap(), n.code());
    }
    for n in ViewNote::ALL {
        assert_eq!(serde_json::to_value(n).unwrap(), n.code());
    }
    for sub in [Substitution::TargetZero, Substitution::BaseZero] {
        assert_eq!(serde_json::to_value(sub).unwrap(), sub.code());
    }
}

fn series_entry(score: f64, target_achieved: bool) -> Entry {
    Entry::Series { score: Some(score), target_achieved }
}

#[test]
fn open_sdg_indicator_aggregate() {
    // groups first: (4 + (1 + 2)/2) / 2 = 2.75
    let entries = vec![
        series_entry(4.0, false),
        Entry::Group {
            entries: vec![
                series_entry(1.0, false),
                series_entry(2.0, false),
                Entry::Series { score: None, target_achieved: false },
            ],
        },
        Entry::Group { entries: vec![Entry::Series { score: None, target_achieved: true }] }, // dropped
    ];
    let a = open_sdg_indicator(&entries).unwrap();
    assert_eq!((a.score, a.status, a.entries_scored), (Some(2.75), SubstantialProgress, 2));
    // duplicated entries count once per occurrence: (5 + 5 + -1) / 3 = 3
    let dup = vec![series_entry(5.0, false), series_entry(5.0, false), series_entry(-1.0, false)];
    assert_eq!(open_sdg_indicator(&dup).unwrap().score, Some(3.0));
    // bands at their exact edges
    let band = |s: f64| open_sdg_indicator(&[series_entry(s, false)]).unwrap().status;
    assert_eq!(band(2.5), SubstantialProgress);
    assert_eq!(band(next_down(2.5)), ModerateProgress);
    assert_eq!(band(0.0), ModerateProgress);
    assert_eq!(band(-f64::MIN_POSITIVE), LimitedProgress);
    assert_eq!(band(-2.5), LimitedProgress);
    assert_eq!(band(-next_up(2.5)), Deterioration);
    // target achieved only when every scored entry achieved it (unscored ones do not count)
    let all = vec![
        series_entry(5.0, true),
        Entry::Group { entries: vec![series_entry(5.0, true)] },
        Entry::Series { score: None, target_achieved: false },
    ];
    assert_eq!(open_sdg_indicator(&all).unwrap().status, TargetAchieved);
    let most = vec![series_entry(5.0, true), series_entry(5.0, false)];
    assert_eq!(open_sdg_indicator(&most).unwrap().status, SubstantialProgress);
    // nothing scored
    let none = open_sdg_indicator(&[Entry::Series { score: None, target_achieved: false }]).unwrap();
    assert_eq!((none.score, none.status), (None, NotAvailable));
    assert_eq!(open_sdg_indicator(&[series_entry(5.5, false)]).unwrap_err().code(), "invalid_setting");
    let json = serde_json::to_value(&entries[1]).unwrap();
    assert_eq!(json["kind"], "group");
}

// ---------------------------------------------------------------------------------------------------------------
// The ward's own targets, on the built-in sample figures (examples/data/sample_figures.csv), as of 2027
// ---------------------------------------------------------------------------------------------------------------

fn rel(got: Option<f64>, want: f64) {
    let g = got.unwrap_or_else(|| panic!("missing, want {want}"));
    assert!((g - want).abs() <= 1e-12 * want.abs(), "got {g}, want {want}");
}

#[test]
fn alternative_views_of_the_sample_figures() {
    let cat = Catalogue::builtin();
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/sample_figures.csv")).unwrap();
    let figs = Figures::from_csv(&cat, &text).unwrap();
    let views = alternative_views(&cat, &figs, &Options::new(parse_as_of("2027").unwrap())).unwrap();
    let ids: Vec<&str> = views.iter().map(|v| v.target.as_str()).collect();
    // every growth target and every non-milestone deadline target, in catalogue order
    let eligible: Vec<&str> = cat
        .targets
        .iter()
        .filter(|t| match &t.timing {
            chitieu::Timing::AverageGrowth { .. } => true,
            chitieu::Timing::Deadline { .. } => !matches!(t.rule, chitieu::Rule::Done),
            _ => false,
        })
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(ids, eligible);
    for id in [
        "grdp_growth",
        "grdp_growth_pl2",
        "industry_services_growth",
        "agriculture_decline",
        "enterprises_active",
        "budget_revenue_growth",
        "income_growth",
        "online_dossiers_2030",
        "female_committee_share",
        "trained_labour_share",
        "population_density",
        "doctors_2027",
    ] {
        assert!(ids.contains(&id), "{id} has no alternative view");
    }
    let view = |id: &str| views.iter().find(|v| v.target == id).unwrap();
    let by = |id: &str, m: Method| view(id).assessments.iter().find(|a| a.method == m).unwrap().clone();

    // GRDP "16-18 %/year" 2026-2030: 12480 (2025) -> 16950 (2027). Target level 12480 x 1.16^5 = 26212.263886848.
    // CAGR_o = (16950/12480)^(1/2) - 1 = 0.165406828932745; CAGR_r = 0.16; P = RR = CR = 1.033792680829659;
    // score 7.1429 P - 4.2857 = 3.098577739898167. UNSD 2023: 16950 x 1.1654068^3 = 26828.86982928286,
    // CR = (26828.87 - 12480) / (26212.26 - 12480) = 1.044901987575800.
    let v = view("grdp_growth");
    let s = v.series.as_ref().unwrap();
    assert_eq!(s.target, Some(d("26212.263886848")));
    assert_eq!((s.base_year, s.target_year, s.direction), (Some(2025), Some(2030), Direction::Increase));
    assert!(v.notes.contains(&ViewNote::RangeFloorUsed) && v.notes.contains(&ViewNote::TargetFromGrowthFloor));
    let o = by("grdp_growth", Method::OpenSdg);
    assert_eq!(o.status, SubstantialProgress);
    rel(o.growth_to_date, 0.16540682893274528);
    rel(o.growth_required, 0.16);
    rel(o.progress, 1.0337926808296585);
    rel(o.score, 3.0985777398981673);
    let e = by("grdp_growth", Method::Eurostat);
    assert_eq!(e.status, SignificantProgress);
    rel(e.progress, 1.0337926808296585);
    assert_eq!(by("grdp_growth", Method::Unsd2022).status, SubstantialProgress);
    let u = by("grdp_growth", Method::Unsd2023);
    assert_eq!(u.status, TargetMetOrAlmostMet);
    rel(u.projected, 26828.86982928286);
    rel(u.progress, 1.0449019875758003);

    // Agriculture "decline 5-6 %/year": 520 -> 470; target 520 x 0.95^5 = 402.3660875, lower is better.
    // CAGR_o = (470/520)^(1/2) - 1 = -0.0492917619762865; CAGR_r = -0.05. Open SDG P = s d CAGR_o / |CAGR_r| =
    // 0.985835239525729 (score 2.756022532408328); Eurostat RR = CAGR_o / CAGR_r, the same; UNSD 2023:
    // 470 x (1 - 0.04929)^3 = 403.868172652766, CR = (403.868 - 520) / (402.366 - 520) = 0.987230849328708.
    let s = view("agriculture_decline").series.clone().unwrap();
    assert_eq!((s.target, s.direction), (Some(d("402.3660875")), Direction::Decrease));
    let o = by("agriculture_decline", Method::OpenSdg);
    assert_eq!(o.status, SubstantialProgress);
    rel(o.progress, 0.9858352395257288);
    rel(o.score, 2.756022532408328);
    let e = by("agriculture_decline", Method::Eurostat);
    assert_eq!(e.status, SignificantProgress);
    rel(e.progress, 0.9858352395257288);
    let u = by("agriculture_decline", Method::Unsd2023);
    assert_eq!(u.status, TargetMetOrAlmostMet);
    rel(u.progress, 0.9872308493287084);

    // Budget revenue "10-12 %/year", given as 410 (2025) then growth 11.5 % and 8.2 %: levels 457.15 and 494.6363;
    // target 410 x 1.1^5 = 660.3091. CAGR_o = (494.6363/410)^(1/2) - 1 = 0.0983760740292916, P = 0.983760740292915,
    // score 2.741204591838264.
    let s = view("budget_revenue_growth").series.clone().unwrap();
    assert_eq!(s.values.values().copied().collect::<Vec<_>>(), [d("410"), d("457.15"), d("494.6363")]);
    assert_eq!(s.target, Some(d("660.3091")));
    let o = by("budget_revenue_growth", Method::OpenSdg);
    rel(o.progress, 0.9837607402929152);
    rel(o.score, 2.7412045918382635);
    assert_eq!(o.status, SubstantialProgress);

    // Online dossiers "more than 85 %" by 2030 (read as at least 85): 61.5 (2025) -> 78.9 (2027).
    // CAGR_o = (78.9/61.5)^(1/2) - 1 = 0.132663599339315; CAGR_r = (85/61.5)^(1/5) - 1 = 0.0668632663268278;
    // P = 1.984102880808354: substantial, score 5 (capped).
    let v = view("online_dossiers_2030");
    assert!(v.notes.contains(&ViewNote::StrictReadInclusive));
    let o = by("online_dossiers_2030", Method::OpenSdg);
    rel(o.progress, 1.9841028808083536);
    assert_eq!((o.status, o.score), (SubstantialProgress, Some(5.0)));
    rel(by("online_dossiers_2030", Method::Unsd2023).progress, 2.2617670058765618);

    // Female committee members "at least 15 %": only 2025, 5/33 = 15.1515...%: already at the target. Open SDG:
    // target achieved (needs one value), score 5; the others cannot compute growth from one year.
    let o = by("female_committee_share", Method::OpenSdg);
    assert_eq!((o.status, o.score, o.progress), (TargetAchieved, Some(5.0), None));
    for m in [Method::Eurostat, Method::Unsd2022, Method::Unsd2023] {
        let a = by("female_committee_share", m);
        assert_eq!((a.status, a.target_achieved), (NotAvailable, Some(true)));
        assert!(a.notes.contains(&Note::SingleYear));
    }

    // Doctors "at least 4-5" by 2027: 3 (2025) -> 4 (2027), the floor 4 reached in the deadline year: achieved for
    // Open SDG; Eurostat RR = CAGR_o / CAGR_r = 1 (the same rate); UNSD 2023 CR = (4 - 3)/(4 - 3) = 1.
    assert_eq!(by("doctors_2027", Method::OpenSdg).status, TargetAchieved);
    let e = by("doctors_2027", Method::Eurostat);
    assert_eq!((e.progress, e.status), (Some(1.0), SignificantProgress));
    assert_eq!(by("doctors_2027", Method::Unsd2023).progress, Some(1.0));

    // Population density "about 2,500": no direction, no view
    let v = view("population_density");
    assert_eq!((v.series.is_none(), v.assessments.len()), (true, 0));
    assert_eq!(v.notes, vec![ViewNote::NoDirection]);

    // every other view has one assessment per method
    for v in &views {
        if v.target != "population_density" {
            assert_eq!(v.assessments.iter().map(|a| a.method).collect::<Vec<_>>(), Method::ALL, "{}", v.target);
        }
    }
}

#[test]
fn alternative_views_respect_the_as_of_date() {
    let cat = Catalogue::builtin();
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/sample_figures.csv")).unwrap();
    let figs = Figures::from_csv(&cat, &text).unwrap();
    let views = alternative_views(&cat, &figs, &Options::new(parse_as_of("2026").unwrap())).unwrap();
    let grdp = views.iter().find(|v| v.target == "grdp_growth").unwrap();
    let s = grdp.series.as_ref().unwrap();
    assert_eq!(s.values.keys().copied().collect::<Vec<_>>(), [2025, 2026]);
    // 12480 -> 14600 in one year: 16.987 % against 16 %
    rel(grdp.assessments[0].growth_to_date, 14600.0 / 12480.0 - 1.0);
}

/// The JSON entry points the bindings call: the same readings as the typed functions, and typed errors.
#[test]
fn the_json_entry_points_read_and_refuse_like_the_typed_functions() {
    use chitieu::methods::{assess_json, open_sdg_indicator_json};
    let err = |r: chitieu::Result<String>| r.unwrap_err();
    let e = err(assess_json("nope", r#"{"direction":"increase","values":{"2020":"1"}}"#));
    assert_eq!((e.code(), e.details().field.as_deref()), ("invalid_setting", Some("method")));
    let e = err(assess_json("open_sdg", "[1,"));
    assert_eq!((e.code(), e.details().field.as_deref()), ("invalid_setting", Some("series")));
    let entries = r#"[{"kind":"series","score":4,"target_achieved":false},
                      {"kind":"group","entries":[{"kind":"series","score":-1},{"kind":"series","score":null}]}]"#;
    let out: serde_json::Value = serde_json::from_str(&open_sdg_indicator_json(entries).unwrap()).unwrap();
    let typed = chitieu::methods::open_sdg_indicator(&[
        chitieu::methods::Entry::Series { score: Some(4.0), target_achieved: false },
        chitieu::methods::Entry::Group {
            entries: vec![
                chitieu::methods::Entry::Series { score: Some(-1.0), target_achieved: false },
                chitieu::methods::Entry::Series { score: None, target_achieved: false },
            ],
        },
    ])
    .unwrap();
    assert_eq!(out, serde_json::to_value(&typed).unwrap());
    assert_eq!(out["score"], serde_json::json!(1.5)); // (4 + (-1)) / 2: the group counted once
    let e = err(open_sdg_indicator_json(r#"[{"kind":"series","score":"x"}]"#));
    assert_eq!(e.details().field.as_deref(), Some("entries"));
    let deep = format!("{}{}", r#"[{"kind":"group","entries":"#.repeat(100), "]}".repeat(100));
    assert_eq!(err(open_sdg_indicator_json(&format!("{deep}]"))).code(), "invalid_setting");
}
