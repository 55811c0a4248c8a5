//! The evaluation engine: targets + figures + an as-of date -> evaluations.
//!
//! Every comparison that decides a status is exact (see [`crate::exact`]); numbers shown beside a verdict (rates,
//! ratios, projections) are rounded for display and never feed back into a verdict.
//!
//! Each kind of target is a module of this folder behind one small interface, `Kind`: how its verdict is worked
//! out from the figures, and how it is explained. The verdict primitives shared by every kind (reading a rule,
//! classifying progress) are in `rules`, the selection of figures in `select`, and the numbers shown beside a
//! verdict (roots, projections, rounding for display) in `display`, apart from every verdict.

mod average;
mod average_change;
mod change;
mod cumulative;
mod deadline;
mod display;
mod growth;
mod milestone;
mod periodic;
mod rules;
pub(crate) use rules::about_tolerance;
mod select;
mod yearly_change;

use crate::error::{Error, Result};
use crate::exact::Rational;
use crate::figures::{Figure, FigureValue, Figures};
use crate::model::{Catalogue, Indicator, Reading, Rule, Source, Target, Timing};
use crate::period::{Date, Period};
use crate::status::Status;
use crate::text;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::Arc;

pub(crate) use display::frac_pow as display_frac_pow;

pub(crate) use rules::{commitment, figure_quantity, Dir};
use select::latest_universe;

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

impl PeriodResult {
    /// A period with its value (and verdict, where the period is judged on its own).
    pub(crate) fn of(period: Period, value: Option<Decimal>, status: Option<Status>) -> PeriodResult {
        PeriodResult { period, value, status, entities_met: None, entities: None }
    }
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
    /// `unit` in English, the plural ("missions", "% a year", "percentage points"): the catalogue's `unit_en`
    /// where the value is in the indicator's unit.
    pub unit_en: Cow<'static, str>,
    /// `unit` in English for a value of exactly 1 ("mission"), when it differs from `unit_en`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_en_one: Option<Cow<'static, str>>,
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
    pub unit_en: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_en_one: Option<&'a str>,
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

    /// The English unit for a number `n` of it: `unit_en_one` for exactly 1, else `unit_en`.
    pub fn unit_en_of(&self, n: Decimal) -> &str {
        match &self.unit_en_one {
            Some(one) if n.abs() == Decimal::ONE => one,
            _ => &self.unit_en,
        }
    }

    /// What the figures and options decide, with the target id (see [`VerdictPart`]).
    pub fn verdict_part(&self) -> VerdictPart<'_> {
        VerdictPart {
            target: &self.target,
            unit: &self.unit,
            unit_en: &self.unit_en,
            unit_en_one: self.unit_en_one.as_deref(),
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

/// What the explanation needs beyond the numbers: each kind's own facts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Facts {
    None,
    Periodic(periodic::Facts),
    Growth(growth::Facts),
    Cumulative(cumulative::Facts),
    Deadline(deadline::Facts),
    Milestone(milestone::Facts),
    Change(change::Facts),
    AverageChange(average_change::Facts),
    Average(average::Facts),
    YearlyChange(yearly_change::Facts),
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

/// What judging a target works out from the target and the options alone, kept for the next unit: a batch holds
/// one for each target (unit after unit, on one thread); a single evaluation starts with an empty one.
#[derive(Default)]
pub(crate) struct Memo {
    /// `(x, k, (1 + x/100)^k)`, exact: a growth threshold compounded over `k` years. A handful per target (its
    /// thresholds and cut-offs times the years), looked up by value.
    factors: RefCell<Vec<(Decimal, u32, Rational)>>,
    /// `(c, n, (1 + c/100)^n)` in decimals, for the rate still required (display): the last one worked out.
    commit_pow: RefCell<Option<(Decimal, u32, Option<Decimal>)>>,
    /// The `per` of the target's indicator, with the target it was looked up for.
    per: RefCell<Option<(usize, Option<Decimal>)>>,
}

impl Memo {
    /// The `per` of a target's indicator (a rate's N), looked up once for the target.
    fn per(&self, catalogue: &Catalogue, target: &Target) -> Option<Decimal> {
        if let Some((t, per)) = *self.per.borrow() {
            if t == target as *const Target as usize {
                return per;
            }
        }
        let per = catalogue.indicator(&target.indicator).and_then(|i| i.per);
        *self.per.borrow_mut() = Some((target as *const Target as usize, per));
        per
    }

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

pub(crate) struct Ctx<'a> {
    pub(crate) catalogue: &'a Catalogue,
    pub(crate) target: &'a Target,
    pub(crate) options: &'a Options,
    pub(crate) memo: &'a Memo,
    pub(crate) figs: Vec<&'a Figure>,
    pub(crate) warnings: Vec<String>,
    pub(crate) tolerance: Decimal,
    /// Record periods, rows and warnings (an [`Evaluation`]); a batch row needs only the numbers.
    pub(crate) detail: bool,
    /// For a rate indicator: per how many (its `per`); `None` for every other measure.
    pub(crate) per: Option<Decimal>,
}

/// One kind of target: a module of this folder. Adding a kind is adding a module with a type that implements
/// this, a variant of [`Timing`] (or of [`Rule`]), and an arm in [`judge_target`] and in [`Facts`]'s explanation.
pub(crate) trait Kind {
    /// What the explanation needs beyond the evaluation's numbers.
    type Facts;
    /// Judge `ctx.target` into `ev`: the status and the numbers, and (when `ctx.detail`) the periods, rows and
    /// warnings. Every comparison that decides the status is exact.
    fn judge(&self, ctx: &mut Ctx, ev: &mut Outcome) -> Result<Self::Facts>;
    /// The explanation, in Vietnamese and in English, of a finished evaluation.
    fn explain(ev: &Evaluation, facts: &Self::Facts) -> (String, String);
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
    let memo = Memo::default();
    // the indicator is known: its `per` need not be looked up again
    *memo.per.borrow_mut() = Some((target as *const Target as usize, indicator.per));
    judge_target(catalogue, target, series, universe, options, true, &mut Vec::new(), &memo, &mut out)?;
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
    let per = memo.per(catalogue, target);
    let mut ctx = Ctx { catalogue, target, options, memo, figs, warnings, tolerance, detail, per };
    let c = &mut ctx;
    ev.facts = match &target.timing {
        Timing::Yearly { from, to } => Facts::Periodic(periodic::Periodic::years(*from, *to).judge(c, ev)?),
        Timing::Quarterly { from, to } => Facts::Periodic(periodic::Periodic::quarters(*from, *to).judge(c, ev)?),
        Timing::AverageGrowth { from, to } => Facts::Growth(growth::Growth { from: *from, to: *to }.judge(c, ev)?),
        Timing::Cumulative { from, to } => {
            Facts::Cumulative(cumulative::Cumulative { from: *from, to: *to, coverage: None }.judge(c, ev)?)
        }
        Timing::Coverage { from, to, universe, .. } => {
            let u = match (universe, universe_series) {
                (Some(u), _) => Some((*u, None)),
                (None, Some(series)) => latest_universe(series, options),
                (None, None) => None,
            };
            Facts::Cumulative(cumulative::Cumulative { from: *from, to: *to, coverage: Some(u) }.judge(c, ev)?)
        }
        Timing::Deadline { by } => {
            if matches!(target.rule, Rule::Done) {
                Facts::Milestone(milestone::Milestone { by: *by }.judge(c, ev)?)
            } else {
                Facts::Deadline(deadline::Deadline { by: *by }.judge(c, ev)?)
            }
        }
        Timing::Change { base, to, change } => {
            let kind = stated(target, "timing.change", *change)?;
            Facts::Change(change::Change { base: *base, to: *to, kind }.judge(c, ev)?)
        }
        Timing::AverageChange { from, to, reading } => match stated(target, "timing.reading", *reading)? {
            Reading::Absolute => {
                Facts::AverageChange(average_change::AverageChange { from: *from, to: *to }.judge(c, ev)?)
            }
            Reading::Relative => Facts::Growth(growth::Growth { from: *from, to: *to }.judge(c, ev)?),
        },
        Timing::Average { from, to } => Facts::Average(average::Average { from: *from, to: *to }.judge(c, ev)?),
        Timing::YearlyChange { from, to, reading } => {
            let reading = stated(target, "timing.reading", *reading)?;
            Facts::YearlyChange(yearly_change::YearlyChange { from: *from, to: *to, reading }.judge(c, ev)?)
        }
    };
    *scratch = std::mem::take(&mut ctx.figs);
    ev.warnings = ctx.warnings;
    Ok(())
}

/// A reading the catalogue must state (`change`, `reading`): the loader refuses a catalogue without it, and so
/// does the engine for a catalogue built in code.
fn stated<T>(target: &Target, field: &str, value: Option<T>) -> Result<T> {
    value.ok_or_else(|| crate::catalogue::unstated_reading(&target.id, field))
}

/// A warning naming rows: `"{message} (rows [3, 4, 9])"`, written without the `Debug` machinery (every target
/// judged before the end of the term warns about the later figures, so this is on the hot path).
pub(crate) fn rows_warning(message: std::fmt::Arguments<'_>, rows: &[usize]) -> String {
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

/// An [`Evaluation`]: the outcome with the target's names, sources and (when asked) explanations.
fn evaluation(t: &Target, indicator: &Indicator, out: Outcome, options: &Options) -> Evaluation {
    let tolerance = about_tolerance(&t.rule, options);
    let unit: Cow<'static, str> = Cow::Owned(text::value_unit(&t.timing, indicator, out.numbers.percent).into_owned());
    let english = text::value_unit_en(&t.timing, indicator, out.numbers.percent);
    let unit_en_one = (english.one != english.other).then(|| Cow::Owned(english.one.into_owned()));
    let unit_en: Cow<'static, str> = Cow::Owned(english.other.into_owned());
    let (reference_vi, reference_en) =
        if options.explain { text::reference(t, indicator, tolerance) } else { Default::default() };
    let mut ev = Evaluation {
        target: t.id.clone(),
        indicator: t.indicator.clone(),
        section: t.section().to_string(),
        summary_en: t.summary_en.clone(),
        indicator_vi: indicator.name_vi.clone(),
        unit,
        unit_en,
        unit_en_one,
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
        let (vi, en) = match &out.facts {
            Facts::None => Default::default(),
            Facts::Periodic(f) => periodic::Periodic::explain(&ev, f),
            Facts::Growth(f) => growth::Growth::explain(&ev, f),
            Facts::Cumulative(f) => cumulative::Cumulative::explain(&ev, f),
            Facts::Deadline(f) => deadline::Deadline::explain(&ev, f),
            Facts::Milestone(f) => milestone::Milestone::explain(&ev, f),
            Facts::Change(f) => change::Change::explain(&ev, f),
            Facts::AverageChange(f) => average_change::AverageChange::explain(&ev, f),
            Facts::Average(f) => average::Average::explain(&ev, f),
            Facts::YearlyChange(f) => yearly_change::YearlyChange::explain(&ev, f),
        };
        ev.explanation_vi = vi;
        ev.explanation_en = en;
    }
    ev
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
