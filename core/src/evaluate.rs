//! The evaluation engine: targets + figures + an as-of date -> evaluations.
//!
//! Every comparison that decides a status is exact (see [`crate::exact`]); numbers shown beside a verdict (rates,
//! ratios, projections) are rounded for display and never feed back into a verdict.

use crate::error::{Error, Result};
use crate::exact::Rational;
use crate::figures::{Figure, FigureValue, Figures};
use crate::model::{Catalogue, Indicator, Rule, Source, Target, Timing};
use crate::period::{Date, Period};
use crate::status::Status;
use crate::text;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// How to evaluate: the as-of date, the reporting unit, and the progress cut-offs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// The day the evaluation speaks for. Figures for periods ending after it are not used (and are counted).
    pub as_of: Date,
    /// The reporting unit to evaluate; `None` uses the figures without a unit, or the only unit present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Progress ratio at or above which a target is on track (default 0.95: at least 95 % of the progress
    /// required to date, the international convention).
    #[serde(default = "default_on_track")]
    pub on_track_ratio: Decimal,
    /// Progress ratio at or above which a target is at risk rather than off track (default 0.60, the "moderate
    /// progress" cut-off of Open SDG and Eurostat).
    #[serde(default = "default_at_risk")]
    pub at_risk_ratio: Decimal,
    /// Tolerance of "khoảng X" (about X) when the catalogue gives none, in percent of X (default 5).
    #[serde(default = "default_about")]
    pub about_tolerance_percent: Decimal,
    /// Decimal places of displayed values (default 2; ratios get two more).
    #[serde(default = "default_decimals")]
    pub decimals: u32,
    /// Write the rule and the explanation in words (default true). Batch work that only needs statuses and
    /// numbers can turn it off: `reference_*` and `explanation_*` are then empty.
    #[serde(default = "default_explain")]
    pub explain: bool,
}

fn default_on_track() -> Decimal {
    Decimal::new(95, 2)
}
fn default_at_risk() -> Decimal {
    Decimal::new(60, 2)
}
fn default_about() -> Decimal {
    Decimal::from(5)
}
fn default_decimals() -> u32 {
    2
}
fn default_explain() -> bool {
    true
}

impl Options {
    /// Defaults with the given as-of date.
    pub fn new(as_of: Date) -> Options {
        Options {
            as_of,
            unit: None,
            on_track_ratio: default_on_track(),
            at_risk_ratio: default_at_risk(),
            about_tolerance_percent: default_about(),
            decimals: default_decimals(),
            explain: true,
        }
    }

    /// Check the settings.
    pub fn validate(&self) -> Result<()> {
        let bad =
            |field: &str, message: &str| Err(Error::InvalidSetting { field: field.into(), message: message.into() });
        if self.at_risk_ratio < Decimal::ZERO || self.at_risk_ratio > self.on_track_ratio {
            return bad("at_risk_ratio", "must be between 0 and on_track_ratio");
        }
        if self.on_track_ratio > Decimal::ONE {
            return bad("on_track_ratio", "must be at most 1");
        }
        if self.about_tolerance_percent < Decimal::ZERO || self.about_tolerance_percent > Decimal::ONE_HUNDRED {
            return bad("about_tolerance_percent", "must be between 0 and 100");
        }
        if self.decimals > 10 {
            return bad("decimals", "must be at most 10");
        }
        Ok(())
    }
}

/// One period of a yearly, quarterly or growth target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodResult {
    /// The period.
    pub period: Period,
    /// Its value (for growth targets: growth over the previous year, percent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Decimal>,
    /// Its verdict (absent for the informational rows of growth targets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// For per-entity targets: entities meeting the rule / entities with a figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entities_met: Option<usize>,
    /// For per-entity targets: entities with a figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entities: Option<usize>,
}

/// The verdict on one target, with the numbers behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    /// Target id.
    pub target: String,
    /// Indicator id.
    pub indicator: String,
    /// Primary section reference.
    pub section: String,
    /// Short English meaning of the target.
    pub summary_en: String,
    /// Indicator name in Vietnamese.
    pub indicator_vi: String,
    /// Unit of `value`, `margin`, `projected`: the indicator's unit, or `%/năm` for growth targets.
    pub unit: Cow<'static, str>,
    /// The as-of date.
    pub as_of: Date,
    /// The deadline (last day the target can be met).
    pub deadline: Date,
    /// The verdict.
    pub status: Status,
    /// Its Vietnamese label.
    pub status_vi: Cow<'static, str>,
    /// Its English label.
    pub status_en: Cow<'static, str>,
    /// The rule (the reference: threshold, range, tolerance).
    pub rule: Rule,
    /// The timing.
    pub timing: Timing,
    /// The rule in words, Vietnamese.
    pub reference_vi: String,
    /// The rule in words, English.
    pub reference_en: String,
    /// The value judged: the latest figure, the sum, the distinct count, or the average growth rate to date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Decimal>,
    /// The period the value is for (the latest period used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_period: Option<Period>,
    /// How far the value is beyond (+) or short of (-) the commitment, in the value's unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub margin: Option<Decimal>,
    /// Value / commitment (commitment / value for "at most" rules).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achievement_ratio: Option<Decimal>,
    /// Progress made / progress required to date (before the deadline), compared with the cut-offs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress_ratio: Option<Decimal>,
    /// For growth targets: average annual growth from the base year to the latest year, percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_to_date: Option<Decimal>,
    /// For growth targets: average annual growth still required for the rest of the term to meet the floor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_required: Option<Decimal>,
    /// The value the required path expects at the latest period (a level for growth and deadline targets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_to_date: Option<Decimal>,
    /// The value projected at the deadline if the pace to date continues (a level for growth targets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub projected: Option<Decimal>,
    /// Whether the aim of a range ("đến 18%", "4-5") is reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aim_reached: Option<bool>,
    /// Period by period, for yearly, quarterly and growth targets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<PeriodResult>,
    /// Plain explanation, Vietnamese.
    pub explanation_vi: String,
    /// Plain explanation, English.
    pub explanation_en: String,
    /// Rows of the figures used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<usize>,
    /// Things the user should know (figures after the as-of date, figures by entity not read...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Where the document states the target (shared with the catalogue's target, not copied).
    pub sources: Arc<[Source]>,
    /// Lead unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_unit: Option<String>,
    /// Reading notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Arc<str>>,
}

/// The part of an [`Evaluation`] that its target alone decides: the same in every evaluation of that target, under
/// any figures and options. Serialises to exactly those fields of the evaluation's JSON; [`VerdictPart`] to all the
/// others (the two key sets are disjoint and together make the evaluation's, which a test checks). A caller that
/// sends evaluations on, as the WebAssembly package does, can send this part once per catalogue and the verdict
/// part on every call.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetPart<'a> {
    /// Indicator id.
    pub indicator: &'a str,
    /// Primary section reference.
    pub section: &'a str,
    /// Short English meaning of the target.
    pub summary_en: &'a str,
    /// Indicator name in Vietnamese.
    pub indicator_vi: &'a str,
    /// The deadline.
    pub deadline: Date,
    /// The rule.
    pub rule: &'a Rule,
    /// The timing.
    pub timing: &'a Timing,
    /// Where the document states the target.
    pub sources: &'a [Source],
    /// Lead unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead_unit: Option<&'a str>,
    /// Reading notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<&'a str>,
}

/// The part of an [`Evaluation`] that the figures and options decide, with the target id to join it to its
/// [`TargetPart`]. Fields as in [`Evaluation`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[allow(missing_docs)]
pub struct VerdictPart<'a> {
    pub target: &'a str,
    pub unit: &'a str,
    pub as_of: Date,
    pub status: Status,
    pub status_vi: &'a str,
    pub status_en: &'a str,
    pub reference_vi: &'a str,
    pub reference_en: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_period: Option<Period>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub achievement_ratio: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress_ratio: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_to_date: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_required: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_to_date: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projected: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aim_reached: Option<bool>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub periods: &'a [PeriodResult],
    pub explanation_vi: &'a str,
    pub explanation_en: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub rows: &'a [usize],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub warnings: &'a [String],
}

impl Evaluation {
    /// What the target alone decides (see [`TargetPart`]).
    pub fn target_part(&self) -> TargetPart<'_> {
        TargetPart {
            indicator: &self.indicator,
            section: &self.section,
            summary_en: &self.summary_en,
            indicator_vi: &self.indicator_vi,
            deadline: self.deadline,
            rule: &self.rule,
            timing: &self.timing,
            sources: &self.sources,
            lead_unit: self.lead_unit.as_deref(),
            notes: self.notes.as_deref(),
        }
    }

    /// What the figures and options decide, with the target id (see [`VerdictPart`]).
    pub fn verdict_part(&self) -> VerdictPart<'_> {
        VerdictPart {
            target: &self.target,
            unit: &self.unit,
            as_of: self.as_of,
            status: self.status,
            status_vi: &self.status_vi,
            status_en: &self.status_en,
            reference_vi: &self.reference_vi,
            reference_en: &self.reference_en,
            value: self.value,
            value_period: self.value_period,
            margin: self.margin,
            achievement_ratio: self.achievement_ratio,
            progress_ratio: self.progress_ratio,
            rate_to_date: self.rate_to_date,
            rate_required: self.rate_required,
            expected_to_date: self.expected_to_date,
            projected: self.projected,
            aim_reached: self.aim_reached,
            periods: &self.periods,
            explanation_vi: &self.explanation_vi,
            explanation_en: &self.explanation_en,
            rows: &self.rows,
            warnings: &self.warnings,
        }
    }
}

/// The numbers of a verdict, as in an [`Evaluation`] (same names, same meaning, same rounding): what [`crate::batch`]
/// rows hold.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Numbers {
    /// The value judged.
    pub value: Option<Decimal>,
    /// The period the value is for.
    pub value_period: Option<Period>,
    /// Beyond (+) or short of (-) the commitment.
    pub margin: Option<Decimal>,
    /// Value / commitment.
    pub achievement_ratio: Option<Decimal>,
    /// Progress made / progress required to date.
    pub progress_ratio: Option<Decimal>,
    /// Average annual growth to date.
    pub rate_to_date: Option<Decimal>,
    /// Average annual growth still required.
    pub rate_required: Option<Decimal>,
    /// The value the required path expects at the latest period.
    pub expected_to_date: Option<Decimal>,
    /// The value projected at the deadline.
    pub projected: Option<Decimal>,
    /// Whether the aim of a range is reached.
    pub aim_reached: Option<bool>,
    /// The value is a percent (coverage over a universe) rather than in the indicator's unit.
    pub percent: bool,
}

impl Numbers {
    /// The eight decimals, in the order of [`crate::batch::DECIMAL_COLUMNS`] (`value`, `margin`,
    /// `achievement_ratio`, `progress_ratio`, `rate_to_date`, `rate_required`, `expected_to_date`, `projected`).
    pub fn decimals(&self) -> [Option<Decimal>; 8] {
        [
            self.value,
            self.margin,
            self.achievement_ratio,
            self.progress_ratio,
            self.rate_to_date,
            self.rate_required,
            self.expected_to_date,
            self.projected,
        ]
    }
}

/// A verdict without names and words: the status and its [`Numbers`], and what an [`Evaluation`] is built from.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The verdict.
    pub status: Status,
    /// The numbers behind it.
    pub numbers: Numbers,
    pub(crate) periods: Vec<PeriodResult>,
    pub(crate) rows: Vec<usize>,
    pub(crate) warnings: Vec<String>,
    facts: Facts,
}

/// What the explanation needs beyond the numbers.
#[derive(Debug, Clone, PartialEq)]
enum Facts {
    None,
    Periodic { due: usize, met: usize, missed: usize, missing: usize, total: usize, per_entity: bool },
    GrowthMissing { base: i32, from: i32 },
    Growth { base: i32, latest: i32, final_verdict: bool },
    CumulativeMissing { from: i32, to: i32, coverage: bool },
    Cumulative { from: i32, to: i32, elapsed: i32, total: i32, coverage: bool, per_entity: Option<(usize, usize)> },
    DeadlineMissing { by: Period },
    Deadline { by: Period, after: bool, baseline: Option<(Decimal, Period)>, per_entity: Option<(usize, usize)> },
    Milestone { by: Period, done_on: Option<Date>, explicit_not_done: bool },
}

impl Outcome {
    /// Back to a fresh outcome, keeping the buffers (a batch judges every target into the same one).
    pub(crate) fn reset(&mut self) {
        self.status = Status::NoData;
        self.numbers = Numbers::default();
        self.periods.clear();
        self.rows.clear();
        self.warnings.clear();
        self.facts = Facts::None;
    }

    pub(crate) fn new() -> Outcome {
        Outcome {
            status: Status::NoData,
            numbers: Numbers::default(),
            periods: Vec::new(),
            rows: Vec::new(),
            warnings: Vec::new(),
            facts: Facts::None,
        }
    }
}

/// Evaluate every target of a catalogue, in catalogue order.
pub fn evaluate(catalogue: &Catalogue, figures: &Figures, options: &Options) -> Result<Vec<Evaluation>> {
    options.validate()?;
    let unit = resolve_unit(figures, options)?;
    let mut out = Vec::with_capacity(catalogue.targets.len());
    for t in &catalogue.targets {
        out.push(evaluate_one(catalogue, t, figures, unit.as_deref(), options)?);
    }
    Ok(out)
}

/// Evaluate one target.
pub fn evaluate_target(
    catalogue: &Catalogue,
    target: &Target,
    figures: &Figures,
    options: &Options,
) -> Result<Evaluation> {
    options.validate()?;
    let unit = resolve_unit(figures, options)?;
    evaluate_one(catalogue, target, figures, unit.as_deref(), options)
}

pub(crate) fn resolve_unit(figures: &Figures, options: &Options) -> Result<Option<String>> {
    if options.unit.is_some() {
        return Ok(options.unit.clone());
    }
    let units = figures.units();
    match units.as_slice() {
        [] | [None] => Ok(None),
        [Some(u)] => Ok(Some(u.clone())),
        _ => Err(Error::InvalidSetting {
            field: "unit".into(),
            message: format!(
                "the figures hold several reporting units ({}); choose one",
                units.iter().map(|u| u.as_deref().unwrap_or("(none)")).collect::<Vec<_>>().join(", ")
            ),
        }),
    }
}

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
    }
}

struct Verdict {
    met: bool,
    exceeded: bool,
    aim_reached: Option<bool>,
}

/// Judge a quantity against a rule. `cmp(x)` compares the quantity with the threshold `x` (in rule units),
/// exactly. Tolerance of "about" is resolved by the caller.
fn judge(rule: &Rule, tolerance: Decimal, cmp: &dyn Fn(Decimal) -> Ordering) -> Verdict {
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
            let lo = cmp(*value - tolerance);
            let hi = cmp(*value + tolerance);
            plain(lo != Less && hi != Greater, false)
        }
    }
}

fn about_tolerance(rule: &Rule, options: &Options) -> Decimal {
    match rule {
        Rule::About { value, tolerance } => tolerance
            .unwrap_or_else(|| (value.abs() * options.about_tolerance_percent / Decimal::ONE_HUNDRED).normalize()),
        _ => Decimal::ZERO,
    }
}

/// The progress classification from a comparison against scaled commitments: `meets(c)` says whether progress
/// reaches `c` times what is required to date.
fn classify(options: &Options, meets: &dyn Fn(Decimal) -> bool) -> Status {
    if meets(options.on_track_ratio) {
        Status::OnTrack
    } else if meets(options.at_risk_ratio) {
        Status::AtRisk
    } else {
        Status::OffTrack
    }
}

/// The quantity a figure stands for, as an exact rational in rule units (percent for shares and statuses).
pub(crate) fn figure_quantity(v: &FigureValue) -> Option<Rational> {
    match v {
        FigureValue::Number(d) => Some(Rational::from(*d)),
        FigureValue::Ratio(n, d) => Rational::from(*n).mul(&Rational::int(100)).div(&Rational::from(*d)),
        FigureValue::Done(b) => Some(Rational::int(if *b { 100 } else { 0 })),
        FigureValue::Growth(_) | FigureValue::Completed(_) => None,
    }
}

fn cmp_with(q: &Rational) -> impl Fn(Decimal) -> Ordering + '_ {
    move |x: Decimal| q.cmp(&Rational::from(x))
}

/// Display helpers (rounded; never used for a verdict).
fn round(r: &Rational, dp: u32) -> Option<Decimal> {
    r.to_decimal(dp)
}

/// A value as shown: exact when it is a decimal (a figure as given, a sum, 170/200 of 100), else rounded.
fn shown(r: &Rational, dp: u32) -> Option<Decimal> {
    r.to_decimal_exact_or(dp)
}

/// n-th root of a positive decimal, for display (Newton's method in decimal arithmetic).
fn nth_root(x: Decimal, n: u32) -> Option<Decimal> {
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
fn rounded_if_clear(x: f64, dp: u32) -> Option<Decimal> {
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
fn approx_f64(d: Decimal) -> f64 {
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
fn with_places(mut x: Decimal, dp: u32) -> Decimal {
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
fn annual_rate_of(xf: f64, x: impl FnOnce() -> Option<Decimal>, n: u32, dp: u32) -> Option<Decimal> {
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
fn projection_of(
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
fn seed_decimal(x: f64) -> Option<Decimal> {
    if !x.is_finite() {
        return None;
    }
    [15u32, 10, 5, 0].into_iter().find_map(|scale| {
        let m = (x * 10f64.powi(scale as i32)).round();
        (m.abs() < 1e28).then(|| Decimal::try_from_i128_with_scale(m as i128, scale).ok()).flatten()
    })
}

/// `(x)^(a/b)` for display.
fn frac_pow(x: Decimal, a: u32, b: u32) -> Option<Decimal> {
    let r = nth_root(x, b)?;
    let mut out = Decimal::ONE;
    for _ in 0..a {
        out = out.checked_mul(r)?;
    }
    Some(out)
}

/// What judging a target works out from the target and the options alone, kept for the next unit: a batch holds
/// one for each target (unit after unit, on one thread); a single evaluation starts with an empty one.
#[derive(Default)]
pub(crate) struct Memo {
    /// `(x, k, (1 + x/100)^k)`, exact: a growth threshold compounded over `k` years. A handful per target (its
    /// thresholds and cut-offs times the years), looked up by value.
    factors: RefCell<Vec<(Decimal, u32, Rational)>>,
    /// `(c, n, (1 + c/100)^n)` in decimals, for the rate still required (display): the last one worked out.
    commit_pow: RefCell<Option<(Decimal, u32, Option<Decimal>)>>,
}

impl Memo {
    /// `(1 + x/100)^k`, exactly.
    fn factor(&self, x: Decimal, k: u32) -> Rational {
        if let Some((_, _, f)) = self.factors.borrow().iter().find(|(y, j, _)| *j == k && *y == x) {
            return f.clone();
        }
        let f = Rational::one().add(&Rational::from(x).div(&Rational::int(100)).unwrap_or_else(Rational::zero)).pow(k);
        let mut factors = self.factors.borrow_mut();
        // bounded: the values asked for come from the rule and the options, not from the figures
        if factors.len() < 64 {
            factors.push((x, k, f.clone()));
        }
        f
    }

    /// `(1 + c/100)^n` in decimals (`None` beyond their range).
    fn commit_pow(&self, c: Decimal, n: u32) -> Option<Decimal> {
        if let Some((d, m, p)) = *self.commit_pow.borrow() {
            if m == n && d == c {
                return p;
            }
        }
        let f = Decimal::ONE + c / Decimal::ONE_HUNDRED;
        let p = (0..n).try_fold(Decimal::ONE, |acc, _| acc.checked_mul(f));
        *self.commit_pow.borrow_mut() = Some((c, n, p));
        p
    }
}

struct Ctx<'a> {
    catalogue: &'a Catalogue,
    target: &'a Target,
    options: &'a Options,
    memo: &'a Memo,
    figs: Vec<&'a Figure>,
    warnings: Vec<String>,
    tolerance: Decimal,
    /// Record periods, rows and warnings (an [`Evaluation`]); a batch row needs only the numbers.
    detail: bool,
}

fn evaluate_one(
    catalogue: &Catalogue,
    target: &Target,
    figures: &Figures,
    unit: Option<&str>,
    options: &Options,
) -> Result<Evaluation> {
    let indicator = catalogue.indicator(&target.indicator).ok_or_else(|| Error::CatalogueInvalid {
        id: target.id.clone(),
        field: "indicator".into(),
        message: format!("unknown indicator {:?}", target.indicator),
    })?;
    let universe = match &target.timing {
        Timing::Coverage { universe: None, universe_indicator: Some(ui), .. } => Some(figures.series(ui, unit)),
        _ => None,
    };
    let series = figures.series(&target.indicator, unit);
    let mut out = Outcome::new();
    judge_target(catalogue, target, series, universe, options, true, &mut Vec::new(), &Memo::default(), &mut out)?;
    Ok(evaluation(target, indicator, out, options))
}

/// The verdict on one target from its series of figures (and, for coverage over a universe indicator, that
/// indicator's series). `detail` records periods, rows and warnings. `scratch` is a buffer lent for the figures
/// read (a batch lends the same one to every target, so that judging a target allocates nothing in most cases).
pub(crate) fn judge_target<'a>(
    catalogue: &'a Catalogue,
    target: &'a Target,
    all: &'a [Figure],
    universe_series: Option<&[Figure]>,
    options: &'a Options,
    detail: bool,
    scratch: &mut Vec<&'a Figure>,
    memo: &'a Memo,
    ev: &mut Outcome,
) -> Result<()> {
    ev.reset();
    let mut warnings = Vec::new();
    let mut figs = std::mem::take(scratch);
    figs.clear();
    figs.reserve(all.len());
    let mut later = Vec::new();
    for f in all {
        let end = match f.value {
            FigureValue::Completed(d) => d,
            _ => f.period.end(),
        };
        if end <= options.as_of {
            figs.push(f);
        } else if detail {
            later.push(f.row);
        }
    }
    if !later.is_empty() {
        warnings.push(rows_warning(
            format_args!("{} figure(s) for periods after {} not used", later.len(), options.as_of),
            &later,
        ));
    }
    let tolerance = about_tolerance(&target.rule, options);
    let mut ctx = Ctx { catalogue, target, options, memo, figs, warnings, tolerance, detail };
    match &target.timing {
        Timing::Yearly { from, to } => periodic(&mut ctx, ev, (*from..=*to).map(Period::Year)),
        Timing::Quarterly { from, to } => {
            periodic(&mut ctx, ev, (*from..=*to).flat_map(|y| (1..=4).map(move |q| Period::Quarter(y, q))))
        }
        Timing::AverageGrowth { from, to } => growth(&mut ctx, ev, *from, *to)?,
        Timing::Cumulative { from, to } => cumulative(&mut ctx, ev, *from, *to, None),
        Timing::Coverage { from, to, universe, .. } => {
            let u = match (universe, universe_series) {
                (Some(u), _) => Some((*u, None)),
                (None, Some(series)) => latest_universe(series, options),
                (None, None) => None,
            };
            cumulative(&mut ctx, ev, *from, *to, Some(u))
        }
        Timing::Deadline { by } => {
            if matches!(target.rule, Rule::Done) {
                milestone(&mut ctx, ev, *by)
            } else {
                deadline(&mut ctx, ev, *by)
            }
        }
    }
    *scratch = std::mem::take(&mut ctx.figs);
    ev.warnings = ctx.warnings;
    Ok(())
}

/// A warning naming rows: `"{message} (rows [3, 4, 9])"`, written without the `Debug` machinery (every target
/// judged before the end of the term warns about the later figures, so this is on the hot path).
fn rows_warning(message: std::fmt::Arguments<'_>, rows: &[usize]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(96 + 6 * rows.len());
    let _ = out.write_fmt(message);
    out.push_str(" (rows [");
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_number(&mut out, *row);
    }
    out.push_str("])");
    out
}

/// Decimal digits of `n`.
fn push_number(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[i..].iter().map(|d| char::from(*d)));
}

fn latest_universe(series: &[Figure], options: &Options) -> Option<(Decimal, Option<Period>)> {
    series
        .iter()
        .filter(|f| f.entity.is_none() && f.period.end() <= options.as_of)
        .filter_map(|f| match f.value {
            FigureValue::Number(v) => Some((v, Some(f.period))),
            _ => None,
        })
        .next_back()
}

/// An [`Evaluation`]: the outcome with the target's names, sources and (when asked) explanations.
fn evaluation(t: &Target, indicator: &Indicator, out: Outcome, options: &Options) -> Evaluation {
    let tolerance = about_tolerance(&t.rule, options);
    let growth = matches!(t.timing, Timing::AverageGrowth { .. });
    let unit = if growth {
        Cow::Borrowed("%/năm")
    } else if out.numbers.percent {
        Cow::Borrowed("%")
    } else {
        Cow::Owned(indicator.unit.clone())
    };
    let (reference_vi, reference_en) =
        if options.explain { text::reference(t, indicator, tolerance) } else { Default::default() };
    let mut ev = Evaluation {
        target: t.id.clone(),
        indicator: t.indicator.clone(),
        section: t.section().to_string(),
        summary_en: t.summary_en.clone(),
        indicator_vi: indicator.name_vi.clone(),
        unit,
        as_of: options.as_of,
        deadline: t.timing.deadline(),
        status: out.status,
        status_vi: Cow::Borrowed(out.status.label_vi()),
        status_en: Cow::Borrowed(out.status.label_en()),
        rule: t.rule.clone(),
        timing: t.timing.clone(),
        reference_vi,
        reference_en,
        value: out.numbers.value,
        value_period: out.numbers.value_period,
        margin: out.numbers.margin,
        achievement_ratio: out.numbers.achievement_ratio,
        progress_ratio: out.numbers.progress_ratio,
        rate_to_date: out.numbers.rate_to_date,
        rate_required: out.numbers.rate_required,
        expected_to_date: out.numbers.expected_to_date,
        projected: out.numbers.projected,
        aim_reached: out.numbers.aim_reached,
        periods: out.periods,
        explanation_vi: String::new(),
        explanation_en: String::new(),
        rows: out.rows,
        warnings: out.warnings,
        sources: t.sources.clone(),
        lead_unit: t.lead_unit.clone(),
        notes: t.notes.clone(),
    };
    if options.explain {
        let (vi, en) = match out.facts {
            Facts::None => Default::default(),
            Facts::Periodic { due, met, missed, missing, total, per_entity } => {
                text::periodic(&ev, due, met, missed, missing, total, per_entity)
            }
            Facts::GrowthMissing { base, from } => text::growth_missing(&ev, base, from),
            Facts::Growth { base, latest, final_verdict } => text::growth(&ev, base, latest, final_verdict),
            Facts::CumulativeMissing { from, to, coverage } => text::cumulative_missing(&ev, from, to, coverage),
            Facts::Cumulative { from, to, elapsed, total, coverage, per_entity } => {
                text::cumulative(&ev, from, to, elapsed, total, coverage, per_entity)
            }
            Facts::DeadlineMissing { by } => text::deadline_missing(&ev, by),
            Facts::Deadline { by, after, baseline, per_entity } => text::deadline(&ev, by, after, baseline, per_entity),
            Facts::Milestone { by, done_on, explicit_not_done } => text::milestone(&ev, by, done_on, explicit_not_done),
        };
        ev.explanation_vi = vi;
        ev.explanation_en = en;
    }
    ev
}

/// Margin and achievement ratio of a quantity against the rule's commitment (display).
fn fill_margin(ctx: &Ctx, ev: &mut Outcome, q: &Rational) {
    let dp = ctx.options.decimals;
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

fn final_status(v: &Verdict) -> Status {
    if !v.met {
        Status::NotAchieved
    } else if v.exceeded {
        Status::Exceeded
    } else {
        Status::Achieved
    }
}

/// The figures a non-per-entity target reads: those without an entity. Warns when entity figures are left out.
fn whole_unit<'a>(ctx: &mut Ctx<'a>) -> Vec<&'a Figure> {
    keep(ctx, false)
}

/// Per-entity: the entity figures (figures without an entity are reported and not read).
fn by_entity<'a>(ctx: &mut Ctx<'a>) -> Vec<&'a Figure> {
    keep(ctx, true)
}

/// Take the usable figures with (or without) an entity, warning about the others.
fn keep<'a>(ctx: &mut Ctx<'a>, with_entity: bool) -> Vec<&'a Figure> {
    let mut figs = std::mem::take(&mut ctx.figs);
    if figs.iter().any(|f| f.entity.is_some() != with_entity) {
        if ctx.detail {
            let rows: Vec<usize> = figs.iter().filter(|f| f.entity.is_some() != with_entity).map(|f| f.row).collect();
            ctx.warnings.push(if with_entity {
                rows_warning(
                    format_args!(
                        "{} figure(s) without an entity not read: this target is judged entity by entity",
                        rows.len()
                    ),
                    &rows,
                )
            } else {
                rows_warning(
                    format_args!(
                        "{} figure(s) by entity not read: this target reads the figure for the whole unit",
                        rows.len()
                    ),
                    &rows,
                )
            });
        }
        figs.retain(|f| f.entity.is_some() == with_entity);
    }
    figs
}

/// Yearly and quarterly targets: each period judged; the term needs every period.
fn periodic(ctx: &mut Ctx, ev: &mut Outcome, periods: impl Iterator<Item = Period>) {
    let dp = ctx.options.decimals;
    let figs = if ctx.target.per_entity { by_entity(ctx) } else { whole_unit(ctx) };
    let as_of = ctx.options.as_of;
    let (mut met, mut missed, mut missing, mut exceeded_all) = (0usize, 0usize, 0usize, true);
    let (mut n, mut total) = (0usize, 0usize);
    let mut last: Option<(Period, Rational)> = None;
    // the figures are sorted by period (then entity), and so are the term's periods: walk both together
    let mut cursor = 0usize;
    for p in periods {
        total += 1;
        if p.end() > as_of {
            continue;
        }
        n += 1;
        let p = &p;
        while cursor < figs.len() && figs[cursor].period < *p {
            cursor += 1;
        }
        let start = cursor;
        while cursor < figs.len() && figs[cursor].period == *p {
            cursor += 1;
        }
        let here = &figs[start..cursor];
        if here.is_empty() {
            missing += 1;
            if ctx.detail {
                ev.periods.push(PeriodResult {
                    period: *p,
                    value: None,
                    status: Some(Status::NoData),
                    entities_met: None,
                    entities: None,
                });
            }
            continue;
        }
        if ctx.detail {
            ev.rows.extend(here.iter().map(|f| f.row));
        }
        let mut ok = 0usize;
        let mut all_exceed = true;
        let mut shown: Option<Rational> = None;
        for f in here {
            let Some(q) = figure_quantity(&f.value) else { continue };
            let v = judge(&ctx.target.rule, ctx.tolerance, &cmp_with(&q));
            if v.met {
                ok += 1;
            }
            all_exceed &= v.exceeded;
            // the value shown for a per-entity period is the worst entity's
            shown = Some(match shown {
                None => q,
                Some(s) => worst(&ctx.target.rule, s, q),
            });
        }
        let pmet = ok == here.len();
        let st = if pmet {
            if all_exceed {
                Status::Exceeded
            } else {
                Status::Achieved
            }
        } else {
            Status::NotAchieved
        };
        if pmet {
            met += 1;
        } else {
            missed += 1;
        }
        exceeded_all &= pmet && all_exceed;
        let (em, en) = if ctx.target.per_entity { (Some(ok), Some(here.len())) } else { (None, None) };
        if ctx.detail {
            ev.periods.push(PeriodResult {
                period: *p,
                value: shown.as_ref().and_then(|s| self::shown(s, dp)),
                status: Some(st),
                entities_met: em,
                entities: en,
            });
        }
        if let Some(s) = shown {
            last = Some((*p, s));
        }
    }
    if let Some((p, q)) = &last {
        ev.numbers.value = shown(q, dp);
        ev.numbers.value_period = Some(*p);
        fill_margin(ctx, ev, q);
    }
    let after = as_of >= ctx.target.timing.deadline();
    ev.status = if n == 0 {
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
    };
    ev.facts = Facts::Periodic { due: n, met, missed, missing, total, per_entity: ctx.target.per_entity };
    ctx.figs = figs;
}

/// The worse of two quantities under a rule (lower for "up" rules, higher for "down" rules, farther for neutral).
fn worst(rule: &Rule, a: Rational, b: Rational) -> Rational {
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

/// Average annual growth (compound), judged exactly through integer powers.
fn growth(ctx: &mut Ctx, ev: &mut Outcome, from: i32, to: i32) -> Result<()> {
    let dp = ctx.options.decimals;
    let base = from - 1;
    let figs = whole_unit(ctx);
    let year_fig = |y: i32| figs.iter().find(|f| f.period == Period::Year(y)).copied();
    let base_level = match year_fig(base).map(|f| (&f.value, f.row)) {
        Some((FigureValue::Number(v), row)) => {
            if *v <= Decimal::ZERO {
                return Err(Error::NonPositiveBase {
                    indicator: ctx.target.indicator.clone(),
                    period: base.to_string(),
                    value: v.to_string(),
                    target: ctx.target.id.clone(),
                });
            }
            if ctx.detail {
                ev.rows.push(row);
            }
            Some(*v)
        }
        _ => None,
    };
    // index I_y = level_y / level_base, from levels or chained yearly growth
    let mut prev: Option<Rational> = Some(Rational::one());
    let mut latest: Option<(i32, Rational)> = None;
    // the same index in decimals, for display (rounded to 28 digits; never used for a verdict); a level's quotient
    // is only divided out when it is used (the latest year, or a year that later growth rates chain from)
    let mut prev_dec = DecIndex::Value(Decimal::ONE);
    let mut latest_dec = DecIndex::Missing;
    for y in from..=to {
        let f = year_fig(y);
        let (i, i_dec) = match f.map(|f| &f.value) {
            Some(FigureValue::Number(v)) => (
                base_level.map(|b| Rational::from(*v).div(&Rational::from(b)).unwrap_or_else(Rational::zero)),
                base_level.map_or(DecIndex::Missing, |b| DecIndex::Quotient(*v, b)),
            ),
            Some(FigureValue::Growth(g)) => (
                prev.as_ref().map(|p| {
                    p.mul(
                        &Rational::one()
                            .add(&Rational::from(*g).div(&Rational::int(100)).unwrap_or_else(Rational::zero)),
                    )
                }),
                prev_dec
                    .get()
                    .and_then(|p| p.checked_mul(Decimal::ONE + *g / Decimal::ONE_HUNDRED))
                    .map_or(DecIndex::Missing, DecIndex::Value),
            ),
            _ => (None, DecIndex::Missing),
        };
        prev_dec = i_dec;
        if i.is_some() {
            latest_dec = i_dec;
        }
        if let (Some(f), Some(_)) = (f, &i) {
            if ctx.detail {
                ev.rows.push(f.row);
            }
        }
        if f.is_some() && i.is_none() {
            if ctx.detail {
                ctx.warnings.push(format!(
                    "the {y} figure cannot be linked to the base year {base}: give the {base} level, or growth rates for every year"
                ));
            }
        }
        if ctx.detail {
            let yoy = match (&i, &prev) {
                (Some(i), Some(p)) => i.div(p).map(|r| r.sub(&Rational::one()).mul(&Rational::int(100))),
                _ => None,
            };
            ev.periods.push(PeriodResult {
                period: Period::Year(y),
                value: yoy.and_then(|r| round(&r, dp)),
                status: None,
                entities_met: None,
                entities: None,
            });
        }
        if let Some(iv) = &i {
            if iv.signum() <= 0 {
                return Err(Error::NonPositiveBase {
                    indicator: ctx.target.indicator.clone(),
                    period: y.to_string(),
                    value: "a level at or below zero".into(),
                    target: ctx.target.id.clone(),
                });
            }
            latest = Some((y, iv.clone()));
        }
        prev = i;
    }
    let as_of = ctx.options.as_of;
    let after = as_of >= ctx.target.timing.deadline();
    let n = (to - base) as u32;
    ctx.figs = figs;
    let Some((t, it)) = latest else {
        ev.status = if as_of < Date::end_of_year(from) { Status::NotDue } else { Status::NoData };
        ev.facts = Facts::GrowthMissing { base, from };
        return Ok(());
    };
    let k = (t - base) as u32;
    // cmp(x): is the average growth over k years above, at or below x percent?  I_t vs (1 + x/100)^k
    let memo = ctx.memo;
    let cmp_k = |x: Decimal| it.cmp(&memo.factor(x, k));
    let verdict = judge(&ctx.target.rule, ctx.tolerance, &cmp_k);
    // display numbers: from the index as a float when that decides the digits, else in decimals
    let it_f = latest_dec.approx();
    let rate = annual_rate_of(it_f, || latest_dec.get(), k, dp);
    ev.numbers.rate_to_date = rate;
    ev.numbers.value = rate;
    ev.numbers.value_period = Some(Period::Year(t));
    ev.numbers.aim_reached = verdict.aim_reached;
    let commit = commitment(&ctx.target.rule);
    if let (Some(r), Some((c, dir))) = (rate, commit) {
        ev.numbers.margin = Some(match dir {
            Dir::Down => c - r,
            _ => r - c,
        });
        if c != Decimal::ZERO && dir != Dir::Neutral {
            ev.numbers.achievement_ratio = r.checked_div(c).map(|x| x.round_dp(dp + 2));
        }
    }
    if let Some((c, _)) = commit {
        if k < n {
            // rate still required: ((1+c)^n / I_t)^(1/(n-k)) - 1
            if let Some(p) = memo.commit_pow(c, n) {
                let need = || latest_dec.get().and_then(|i| p.checked_div(i));
                ev.numbers.rate_required = annual_rate_of(approx_f64(p) / it_f, need, n - k, dp);
            }
        }
        if let Some(b) = base_level {
            ev.numbers.expected_to_date = round(&Rational::from(b).mul(&memo.factor(c, k)), dp);
            ev.numbers.projected = projection_of(b, it_f, || latest_dec.get(), n, k, dp);
        }
    }
    if after {
        if t != to {
            ev.status = Status::NoData;
            if ctx.detail {
                ctx.warnings.push(format!("no figure links {to} to the base year {base}; the latest is {t}"));
            }
        } else {
            ev.status = final_status(&verdict);
        }
    } else if verdict.met {
        ev.status = Status::OnTrack;
        ev.numbers.progress_ratio = ev.numbers.achievement_ratio;
    } else {
        match commit {
            Some((c, Dir::Up | Dir::Down)) if c != Decimal::ZERO => {
                // progress ratio = rate to date / committed rate; ratio >= r  <=>  growth reaches r*c (exact)
                let cut = |r: Decimal| {
                    let v = judge(&Rule::AtLeast { value: c * r }, Decimal::ZERO, &|x| {
                        let o = cmp_k(x);
                        if c < Decimal::ZERO {
                            o.reverse()
                        } else {
                            o
                        }
                    });
                    v.met
                };
                ev.status = classify(ctx.options, &cut);
                ev.numbers.progress_ratio = ev.numbers.achievement_ratio;
            }
            _ => ev.status = Status::AtRisk,
        }
    }
    ev.facts = Facts::Growth { base, latest: t, final_verdict: after && t == to };
    Ok(())
}

/// A growth index in decimals, for display: a level over the base level, divided only when read.
#[derive(Clone, Copy)]
enum DecIndex {
    Missing,
    Quotient(Decimal, Decimal),
    Value(Decimal),
}

impl DecIndex {
    fn get(self) -> Option<Decimal> {
        match self {
            DecIndex::Missing => None,
            DecIndex::Quotient(v, b) => v.checked_div(b),
            DecIndex::Value(x) => Some(x),
        }
    }

    /// The index as a float, close to [`DecIndex::get`] (see [`approx_f64`]); NaN when missing.
    fn approx(self) -> f64 {
        match self {
            DecIndex::Missing => f64::NAN,
            DecIndex::Quotient(v, b) => approx_f64(v) / approx_f64(b),
            DecIndex::Value(x) => approx_f64(x),
        }
    }
}

/// Years of `from..=to` whose end is on or before the as-of date.
fn elapsed_years(from: i32, to: i32, as_of: Date) -> i32 {
    (from..=to).filter(|y| Date::end_of_year(*y) <= as_of).count() as i32
}

/// Cumulative sums and distinct coverage over the term.
fn cumulative(
    ctx: &mut Ctx,
    ev: &mut Outcome,
    from: i32,
    to: i32,
    coverage: Option<Option<(Decimal, Option<Period>)>>,
) {
    let dp = ctx.options.decimals;
    let as_of = ctx.options.as_of;
    let in_window = |f: &&Figure| f.period.year() >= from && f.period.year() <= to;
    let total_years = to - from + 1;
    let elapsed = elapsed_years(from, to, as_of);
    let after = as_of >= ctx.target.timing.deadline();
    // (entity or whole) -> quantity
    let mut groups = Sums::default();
    let mut any = false;
    let mut universe_shown = None;
    if let Some(universe) = &coverage {
        let mut entities = BTreeSet::new();
        let mut unnamed = Vec::new();
        for f in ctx.figs.iter().copied().filter(in_window) {
            let positive = match &f.value {
                FigureValue::Done(b) => *b,
                FigureValue::Number(v) => *v > Decimal::ZERO,
                _ => false,
            };
            match &f.entity {
                Some(e) => {
                    any = true;
                    if ctx.detail {
                        ev.rows.push(f.row);
                    }
                    if positive {
                        entities.insert(e.as_str());
                    }
                }
                None => unnamed.push(f.row),
            }
        }
        if !unnamed.is_empty() {
            if ctx.detail {
                ctx.warnings.push(rows_warning(
                    format_args!(
                        "{} figure(s) without an entity not read: coverage counts distinct entities",
                        unnamed.len()
                    ),
                    &unnamed,
                ));
            }
        }
        let count = Rational::int(entities.len() as i64);
        let q = if matches!(ctx.target.rule, Rule::All) {
            match universe {
                Some((u, _)) => {
                    universe_shown = Some(*u);
                    ev.numbers.percent = true;
                    if Rational::from(*u).cmp(&count) == Ordering::Less {
                        if ctx.detail {
                            ctx.warnings.push(format!(
                                "{} distinct entities covered, more than the universe of {u}",
                                entities.len()
                            ));
                        }
                    }
                    count.mul(&Rational::int(100)).div(&Rational::from(*u))
                }
                None => {
                    if ctx.detail {
                        ctx.warnings.push("no universe figure: the share covered cannot be computed".into());
                    }
                    None
                }
            }
        } else {
            Some(count)
        };
        match q {
            Some(q) => {
                groups.add(None, &q);
            }
            None => any = false,
        }
    } else {
        let figs: Vec<&Figure> = if ctx.target.per_entity { by_entity(ctx) } else { whole_unit(ctx) };
        for f in figs.iter().filter(|f| in_window(f)) {
            if let Some(q) = figure_quantity(&f.value) {
                any = true;
                if ctx.detail {
                    ev.rows.push(f.row);
                }
                groups.add(f.entity.as_deref(), &q);
            }
        }
        // per-year sums for the breakdown (whole-unit targets; recorded periods only)
        if ctx.detail && !ctx.target.per_entity {
            for y in from..=to.min(as_of.year) {
                if Date::end_of_year(y) > as_of {
                    break;
                }
                let s = figs
                    .iter()
                    .filter(|f| f.period.year() == y)
                    .filter_map(|f| figure_quantity(&f.value))
                    .fold(None, |acc: Option<Rational>, q| Some(acc.map_or(q.clone(), |a| a.add(&q))));
                ev.periods.push(PeriodResult {
                    period: Period::Year(y),
                    value: s.and_then(|s| shown(&s, dp)),
                    status: None,
                    entities_met: None,
                    entities: None,
                });
            }
        }
        ctx.figs = figs;
    }
    let _ = universe_shown;
    if !any || groups.is_empty() {
        ev.status = if elapsed == 0 && !after { Status::NotDue } else { Status::NoData };
        ev.facts = Facts::CumulativeMissing { from, to, coverage: coverage.is_some() };
        return;
    }
    // judge each group (one group unless per-entity); the shown value is the worst group's
    let mut all_met = true;
    let mut all_exceeded = true;
    let mut shown: Option<Rational> = None;
    let progress_ok = |r: Decimal, q: &Rational| -> bool {
        // progress ratio = sum / (commitment * elapsed / total) >= r  <=>  sum * total >= r * c * elapsed
        match commitment(&ctx.target.rule) {
            Some((c, Dir::Up)) if elapsed > 0 => {
                q.mul(&Rational::int(total_years as i64))
                    .cmp(&Rational::from(c).mul(&Rational::from(r)).mul(&Rational::int(elapsed as i64)))
                    != Ordering::Less
            }
            _ => false,
        }
    };
    let mut worst_progress = Status::OnTrack;
    let mut met_count = 0usize;
    for q in groups.values() {
        let v = judge(&ctx.target.rule, ctx.tolerance, &cmp_with(q));
        all_met &= v.met;
        all_exceeded &= v.exceeded;
        if v.met {
            met_count += 1;
        }
        if ev.numbers.aim_reached.is_none() || v.aim_reached == Some(false) {
            ev.numbers.aim_reached = v.aim_reached;
        }
        let p = if v.met {
            Status::OnTrack
        } else {
            match commitment(&ctx.target.rule) {
                Some((_, Dir::Up)) => classify(ctx.options, &|r| progress_ok(r, q)),
                _ => Status::OffTrack,
            }
        };
        worst_progress = worst_progress.max(p);
        shown = Some(match shown {
            None => q.clone(),
            Some(s) => worst(&ctx.target.rule, s, q.clone()),
        });
    }
    let q = shown.unwrap_or_else(Rational::zero);
    ev.numbers.value = self::shown(&q, dp);
    fill_margin(ctx, ev, &q);
    if let Some((c, Dir::Up)) = commitment(&ctx.target.rule) {
        if elapsed > 0 && c != Decimal::ZERO {
            let expected =
                Rational::from(c).mul(&Rational::int(elapsed as i64)).div(&Rational::int(total_years as i64));
            ev.numbers.expected_to_date = expected.as_ref().and_then(|e| round(e, dp));
            if !after {
                ev.numbers.progress_ratio = expected.and_then(|e| q.div(&e)).and_then(|r| round(&r, dp + 2));
                ev.numbers.projected = q
                    .mul(&Rational::int(total_years as i64))
                    .div(&Rational::int(elapsed as i64))
                    .and_then(|p| round(&p, dp));
            }
        }
    }
    ev.status = if after {
        if !all_met {
            Status::NotAchieved
        } else if all_exceeded {
            Status::Exceeded
        } else {
            Status::Achieved
        }
    } else if elapsed == 0 && !all_met {
        Status::NotDue
    } else {
        worst_progress
    };
    let groups_n = groups.len();
    ev.facts = Facts::Cumulative {
        from,
        to,
        elapsed,
        total: total_years,
        coverage: coverage.is_some(),
        per_entity: ctx.target.per_entity.then_some((met_count, groups_n)),
    };
}

/// Sums by entity (`None` for the whole unit), read in entity order (`None` first), as a `BTreeMap` would give
/// them; a single group (the usual case) is kept without allocating.
#[derive(Default)]
struct Sums<'a> {
    one: Option<(Option<&'a str>, Rational)>,
    more: BTreeMap<Option<&'a str>, Rational>,
}

impl<'a> Sums<'a> {
    fn add(&mut self, key: Option<&'a str>, q: &Rational) {
        if self.more.is_empty() {
            match &mut self.one {
                None => {
                    self.one = Some((key, q.clone()));
                    return;
                }
                Some((k, sum)) if *k == key => {
                    *sum = sum.add(q);
                    return;
                }
                Some(_) => {
                    if let Some((k, sum)) = self.one.take() {
                        self.more.insert(k, sum);
                    }
                }
            }
        }
        let e = self.more.entry(key).or_insert_with(Rational::zero);
        *e = e.add(q);
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn len(&self) -> usize {
        usize::from(self.one.is_some()) + self.more.len()
    }

    fn values(&self) -> impl Iterator<Item = &Rational> {
        self.one.iter().map(|(_, q)| q).chain(self.more.values())
    }
}

/// A level, share or count by a deadline, with a straight-line path from the base year before it.
fn deadline(ctx: &mut Ctx, ev: &mut Outcome, by: Period) {
    let dp = ctx.options.decimals;
    let as_of = ctx.options.as_of;
    let end = by.end();
    let after = as_of >= end;
    let base_year = ctx.catalogue.programme.base_year;
    let mut usable = if ctx.target.per_entity { by_entity(ctx) } else { whole_unit(ctx) };
    // figures with a quantity (not growth rates or completion dates), up to the deadline
    usable.retain(|f| f.period.end() <= end && !matches!(f.value, FigureValue::Growth(_) | FigureValue::Completed(_)));
    // group by entity; take each group's latest figure
    let groups = entity_groups(&usable);
    if groups.is_empty() {
        ev.status = Status::NoData;
        ev.facts = Facts::DeadlineMissing { by };
        ctx.figs = usable;
        return;
    }
    let commit = commitment(&ctx.target.rule);
    let deadline_year = by.year();
    let mut worst_status: Option<Status> = None;
    let mut shown: Option<(Rational, Period)> = None;
    let mut met_count = 0;
    let mut baseline_used: Option<(Decimal, Period)> = None;
    for list in groups.lists() {
        let latest = list.last().copied().expect("non-empty group");
        let q = figure_quantity(&latest.value).unwrap_or_else(Rational::zero);
        if ctx.detail {
            ev.rows.push(latest.row);
        }
        let v = judge(&ctx.target.rule, ctx.tolerance, &cmp_with(&q));
        if v.met {
            met_count += 1;
        }
        if ev.numbers.aim_reached.is_none() || v.aim_reached == Some(false) {
            ev.numbers.aim_reached = v.aim_reached;
        }
        let st = if after {
            if latest.period.year() != deadline_year {
                if ctx.detail {
                    ctx.warnings.push(format!("no figure for {deadline_year}; the latest is for {}", latest.period));
                }
                Status::NoData
            } else {
                final_status(&v)
            }
        } else if v.met {
            Status::OnTrack
        } else {
            // baseline: the base-year figure, else the earliest figure
            let base = list.iter().find(|f| f.period == Period::Year(base_year)).or(list.first()).copied();
            match (base, commit) {
                (Some(b), Some((c, dir)))
                    if b.row != latest.row && dir != Dir::Neutral
                        || (b.row != latest.row && matches!(ctx.target.rule, Rule::About { .. })) =>
                {
                    let bq = figure_quantity(&b.value).unwrap_or_else(Rational::zero);
                    if ctx.detail {
                        ev.rows.push(b.row);
                    }
                    if let FigureValue::Number(bv) = b.value {
                        baseline_used = Some((bv, b.period));
                    } else {
                        baseline_used = bq.to_decimal(dp + 2).map(|x| (x, b.period));
                    }
                    let by_y = Rational::int(i64::from(deadline_year - b.period.year()));
                    let el = Rational::int(i64::from(latest.period.year() - b.period.year()));
                    let gap = Rational::from(c).sub(&bq); // required movement
                    let moved = q.sub(&bq);
                    if gap.signum() == 0 || el.signum() <= 0 || by_y.signum() <= 0 {
                        Status::AtRisk
                    } else {
                        // progress ratio = (moved / gap) / (elapsed / span)  >= r  <=> moved*span*sign >= r*gap*elapsed*sign
                        let sign = gap.signum();
                        let lhs = moved.mul(&by_y);
                        let meets = |r: Decimal| {
                            let rhs = gap.mul(&Rational::from(r)).mul(&el);
                            let o = lhs.cmp(&rhs);
                            if sign > 0 {
                                o != Ordering::Less
                            } else {
                                o != Ordering::Greater
                            }
                        };
                        if let Some(pr) = lhs.div(&gap.mul(&el)) {
                            ev.numbers.progress_ratio = round(&pr, dp + 2);
                        }
                        let exp = bq.add(&gap.mul(&el).div(&by_y).unwrap_or_else(Rational::zero));
                        ev.numbers.expected_to_date = round(&exp, dp);
                        ev.numbers.projected =
                            moved.mul(&by_y).div(&el).map(|m| bq.add(&m)).and_then(|p| round(&p, dp));
                        classify(ctx.options, &meets)
                    }
                }
                _ => Status::AtRisk,
            }
        };
        worst_status = Some(worst_status.map_or(st, |w: Status| rank_worse(w, st)));
        shown = Some(match shown {
            None => (q, latest.period),
            Some((s, p)) => {
                let w = worst(&ctx.target.rule, s.clone(), q.clone());
                if w.cmp(&s) == Ordering::Equal {
                    (s, p)
                } else {
                    (q, latest.period)
                }
            }
        });
    }
    if let Some((q, p)) = &shown {
        ev.numbers.value = self::shown(q, dp);
        ev.numbers.value_period = Some(*p);
        fill_margin(ctx, ev, q);
    }
    ev.status = worst_status.unwrap_or(Status::NoData);
    let per = ctx.target.per_entity.then_some((met_count, groups.len()));
    ev.facts = Facts::Deadline { by, after, baseline: baseline_used, per_entity: per };
    drop(groups);
    ctx.figs = usable;
}

/// Figures grouped by entity (entities in order; no entity first), each group in period order.
enum Groups<'a, 'f> {
    /// One group, the list itself: every figure has the same entity (the usual case: none). Nothing allocated.
    One(&'f [&'a Figure]),
    /// Several entities.
    Many(Vec<Vec<&'a Figure>>),
}

impl<'a, 'f> Groups<'a, 'f> {
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn len(&self) -> usize {
        match self {
            Groups::One(list) => usize::from(!list.is_empty()),
            Groups::Many(groups) => groups.len(),
        }
    }

    fn lists(&self) -> impl Iterator<Item = &[&'a Figure]> {
        let (one, many) = match self {
            Groups::One(list) => ((!list.is_empty()).then_some(*list), &[][..]),
            Groups::Many(groups) => (None, &groups[..]),
        };
        one.into_iter().chain(many.iter().map(|g| &g[..]))
    }
}

fn entity_groups<'a, 'f>(figs: &'f [&'a Figure]) -> Groups<'a, 'f> {
    match figs.first() {
        None => Groups::One(figs),
        Some(first) if figs.iter().all(|f| f.entity == first.entity) => Groups::One(figs),
        Some(_) => {
            let mut groups: BTreeMap<Option<&str>, Vec<&Figure>> = BTreeMap::new();
            for f in figs {
                groups.entry(f.entity.as_deref()).or_default().push(f);
            }
            Groups::Many(groups.into_values().collect())
        }
    }
}

/// Combine two statuses, keeping the worse (for per-entity targets).
fn rank_worse(a: Status, b: Status) -> Status {
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

/// A milestone: completed on or before its deadline.
fn milestone(ctx: &mut Ctx, ev: &mut Outcome, by: Period) {
    let as_of = ctx.options.as_of;
    let end = by.end();
    let figs = if ctx.target.per_entity { by_entity(ctx) } else { whole_unit(ctx) };
    let groups = entity_groups(&figs);
    if groups.is_empty() {
        ev.status = if as_of < end { Status::NotDue } else { Status::NoData };
        ev.facts = Facts::Milestone { by, done_on: None, explicit_not_done: false };
        ctx.figs = figs;
        return;
    }
    let mut worst_status: Option<Status> = None;
    let mut done_on: Option<Date> = None;
    let mut explicit_not_done = false;
    for list in groups.lists() {
        // completion: a completed date, or a yes status at the end of its period
        let done = list.iter().find_map(|f| match f.value {
            FigureValue::Completed(d) => Some((d, f.row)),
            FigureValue::Done(true) => Some((f.period.end(), f.row)),
            _ => None,
        });
        let not_done = list.iter().any(|f| matches!(f.value, FigureValue::Done(false)));
        if ctx.detail {
            ev.rows.extend(list.iter().map(|f| f.row));
        }
        let st = match done {
            Some((d, _)) => {
                done_on = Some(done_on.map_or(d, |x: Date| x.max(d)));
                if d <= end {
                    Status::Achieved
                } else {
                    Status::NotAchieved
                }
            }
            None if as_of < end => Status::NotDue,
            None => {
                explicit_not_done |= not_done;
                if not_done {
                    Status::NotAchieved
                } else {
                    Status::NoData
                }
            }
        };
        worst_status = Some(worst_status.map_or(st, |w| rank_worse(w, st)));
    }
    ev.status = worst_status.unwrap_or(Status::NoData);
    ev.numbers.value_period = done_on.map(Period::Day);
    ev.facts = Facts::Milestone { by, done_on, explicit_not_done };
    drop(groups);
    ctx.figs = figs;
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
    fn a_memo_answers_for_the_values_asked() {
        let memo = Memo::default();
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        // (1 + 16/100)^5 and (1 + 10/100)^5, asked in turn: each its own, also when asked again
        for _ in 0..2 {
            assert_eq!(memo.commit_pow(d("16"), 5), Some(d("2.1003416576")));
            assert_eq!(memo.commit_pow(d("10"), 5), Some(d("1.61051")));
            assert_eq!(memo.commit_pow(d("10"), 2), Some(d("1.21")));
        }
        // exact factors: 1.16^3 = 1.560896, 1.1^2 = 1.21
        for _ in 0..2 {
            assert_eq!(memo.factor(d("16"), 3).to_decimal_exact_or(2), Some(d("1.560896")));
            assert_eq!(memo.factor(d("10"), 2).to_decimal_exact_or(2), Some(d("1.21")));
            assert_eq!(memo.factor(d("16.00"), 3).to_decimal_exact_or(2), Some(d("1.560896")));
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
