//! The path a target requires, year by year, beside the figures supplied: what a progress chart draws.
//!
//! - Average growth: the compound path from the base-year level at the committed rate (and at the aim of a
//!   range), against the actual levels (given, or chained from yearly growth rates).
//! - A level, share or count by a deadline: the straight line from the baseline figure (the base year's, else
//!   the earliest) to the commitment in the deadline year, against every figure up to the deadline.
//! - A sum over the term: the straight line from zero to the commitment, against the running sum.
//! - Every year: the threshold itself, flat, against each year's figure.
//!
//! The same arithmetic as the evaluation: the required value in the latest year with a figure is the
//! evaluation's `expected_to_date`. Values are exact until rounded to [`Options::decimals`] places for display.
//! Milestones, quarterly targets, coverage and per-entity targets have no single path (`None`).

use crate::error::{Error, Result};
use crate::evaluate::{commitment, figure_quantity, resolve_unit, Dir, Options};
use crate::exact::Rational;
use crate::figures::{Figure, FigureValue, Figures};
use crate::model::{Catalogue, ChangeKind, Reading, Rule, Target, Timing};
use crate::period::Period;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How the required path runs between its start and its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PathShape {
    /// Compound growth at a constant rate (average-growth targets).
    Compound,
    /// A straight line (deadline and cumulative targets).
    Linear,
    /// The same threshold every year (yearly targets).
    Flat,
}

/// One year of a required path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathPoint {
    /// The year (the value is for its end).
    pub year: i32,
    /// What the commitment (the floor of a range) requires by then, in the indicator's unit.
    pub required: Decimal,
    /// What the aim of a range requires by then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aim: Option<Decimal>,
}

/// An actual figure on the path's scale (a level, a share in percent, a running sum).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActualPoint {
    /// The period of the figure.
    pub period: Period,
    /// Its value.
    pub value: Decimal,
    /// The row of the figure (for chained growth and running sums: the row of the year's figure).
    pub row: usize,
}

/// A target's required path and the actual figures, for charts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetPath {
    /// Target id.
    pub target: String,
    /// Indicator id.
    pub indicator: String,
    /// Unit of every value (the indicator's unit; percent for shares).
    pub unit: String,
    /// `unit` in English, the plural (the catalogue's `unit_en`: "missions", "billion VND").
    pub unit_en: String,
    /// Shape of the required path.
    pub shape: PathShape,
    /// The required path, one point a year, starting from its origin (the base year, the baseline figure's
    /// year, or the year before a sum starts).
    pub required: Vec<PathPoint>,
    /// The actual figures used, in period order, up to the as-of date.
    pub actual: Vec<ActualPoint>,
}

/// The required path of a target and the figures beside it, as of `options.as_of`. `Ok(None)` when the target
/// has no single path (see the module docs) or there is no figure to start it from.
pub fn required_path(
    catalogue: &Catalogue,
    target: &Target,
    figures: &Figures,
    options: &Options,
) -> Result<Option<TargetPath>> {
    options.validate()?;
    if target.per_entity || matches!(target.rule, Rule::Done) {
        return Ok(None);
    }
    let indicator = catalogue.indicator(&target.indicator).ok_or_else(|| Error::CatalogueInvalid {
        id: target.id.clone(),
        field: "indicator".into(),
        message: format!("unknown indicator {:?}", target.indicator),
    })?;
    let Some((c, dir)) = commitment(&target.rule) else { return Ok(None) };
    // the aim of a range, or the upper end of a band (both ends of a band are drawn)
    let aim = match target.rule {
        Rule::Range { aim, .. } => Some(aim),
        Rule::Band { high, .. } => Some(high),
        _ => None,
    };
    let per = indicator.per;
    let unit = resolve_unit(figures, options)?;
    // the figures an evaluation of this target would read: whole unit, up to the as-of date
    let figs: Vec<&Figure> = figures
        .series(&target.indicator, unit.as_deref())
        .iter()
        .filter(|f| f.entity.is_none() && f.period.end() <= options.as_of)
        .collect();
    let dp = options.decimals;
    // required values are rounded like the evaluation's expected_to_date; actual values are shown like its
    // value (exact when they are decimals, e.g. a figure as given)
    let shown = |r: &Rational| r.to_decimal(dp);
    let actual = |r: &Rational| r.to_decimal_exact_or(dp);
    let mut path = TargetPath {
        target: target.id.clone(),
        indicator: target.indicator.clone(),
        unit: indicator.unit.clone(),
        unit_en: indicator.unit_english().other.into_owned(),
        shape: PathShape::Linear,
        required: Vec::new(),
        actual: Vec::new(),
    };
    let mut point = |year: i32, required: Option<Rational>, aim: Option<Rational>| -> Result<()> {
        let overflow = || Error::LimitExceeded {
            what: format!("the required path of target {:?} in {year}", target.id),
            limit: "79228162514264337593543950335 (the largest decimal)".into(),
            at: String::new(),
            row: None,
            field: None,
        };
        let required = required.as_ref().and_then(shown).ok_or_else(overflow)?;
        let aim = match aim {
            Some(a) => Some(shown(&a).ok_or_else(overflow)?),
            None => None,
        };
        path.required.push(PathPoint { year, required, aim });
        Ok(())
    };
    match target.timing {
        Timing::AverageGrowth { from, to } => {
            let base = from - 1;
            let level = |f: &Figure| match f.value {
                FigureValue::Number(v) => Some(v),
                _ => None,
            };
            let Some(b) = figs.iter().find(|f| f.period == Period::Year(base)).and_then(|f| level(f)) else {
                return Ok(None);
            };
            if b <= Decimal::ZERO {
                return Err(Error::NonPositiveBase {
                    indicator: target.indicator.clone(),
                    period: base.to_string(),
                    value: b.to_string(),
                    target: target.id.clone(),
                });
            }
            let b = Rational::from(b);
            let factor = |rate: Decimal| Rational::one().add(&Rational::from(rate).mul(&ratio(1, 100)));
            for y in base..=to {
                let n = (y - base) as u32;
                point(y, Some(b.mul(&factor(c).pow(n))), aim.map(|a| b.mul(&factor(a).pow(n))))?;
            }
            path.shape = PathShape::Compound;
            // actual levels: given, or chained from the previous year's level by a growth rate
            let mut prev: Option<Rational> = None;
            for y in base..=to {
                let f = figs.iter().find(|f| f.period == Period::Year(y));
                let l = match f.map(|f| &f.value) {
                    Some(FigureValue::Number(v)) => Some(Rational::from(*v)),
                    Some(FigureValue::Growth(g)) => prev.map(|p| p.mul(&factor(*g))),
                    _ => None,
                };
                if let (Some(f), Some(value)) = (f, l.as_ref().and_then(actual)) {
                    path.actual.push(ActualPoint { period: f.period, value, row: f.row });
                }
                prev = l;
            }
        }
        Timing::Deadline { by } => {
            let end = by.end();
            let usable: Vec<(&Figure, Rational)> = figs
                .iter()
                .filter(|f| f.period.end() <= end)
                .filter_map(|f| figure_quantity(&f.value, per).map(|q| (*f, q)))
                .collect();
            let base_year = catalogue.programme.base_year;
            let Some((b, bq)) = usable.iter().find(|(f, _)| f.period == Period::Year(base_year)).or(usable.first())
            else {
                return Ok(None);
            };
            let (start, deadline) = (b.period.year(), by.year());
            let line = |goal: Decimal, y: i32| -> Rational {
                if deadline == start {
                    return Rational::from(goal);
                }
                let gap = Rational::from(goal).sub(bq);
                bq.add(&gap.mul(&ratio(i64::from(y - start), i64::from(deadline - start))))
            };
            for y in start..=deadline.max(start) {
                point(y, Some(line(c, y)), aim.map(|a| line(a, y)))?;
            }
            for (f, q) in &usable {
                if let Some(value) = actual(q) {
                    path.actual.push(ActualPoint { period: f.period, value, row: f.row });
                }
            }
        }
        Timing::Cumulative { from, to } => {
            if dir != Dir::Up {
                return Ok(None);
            }
            let years = i64::from(to - from + 1);
            for y in from - 1..=to {
                let share = |goal: Decimal| Rational::from(goal).mul(&ratio(i64::from(y - from + 1), years));
                point(y, Some(share(c)), aim.map(share))?;
            }
            let mut sum = Rational::zero();
            for y in from..=to {
                let here: Vec<&&Figure> = figs.iter().filter(|f| f.period.year() == y).collect();
                let Some(last) = here.last() else { continue };
                for f in &here {
                    if let Some(q) = figure_quantity(&f.value, per) {
                        sum = sum.add(&q);
                    }
                }
                if let Some(value) = actual(&sum) {
                    path.actual.push(ActualPoint { period: Period::Year(y), value, row: last.row });
                }
            }
        }
        Timing::Yearly { from, to } => {
            let threshold = match target.rule {
                Rule::Range { floor, .. } => floor,
                _ => c,
            };
            for y in from..=to {
                point(y, Some(Rational::from(threshold)), aim.map(Rational::from))?;
            }
            path.shape = PathShape::Flat;
            for f in figs.iter().filter(|f| matches!(f.period, Period::Year(y) if (from..=to).contains(&y))) {
                if let Some(value) = figure_quantity(&f.value, per).as_ref().and_then(actual) {
                    path.actual.push(ActualPoint { period: f.period, value, row: f.row });
                }
            }
        }
        Timing::Change { base, to, change: Some(kind) } => {
            let quantity = |f: &Figure| figure_quantity(&f.value, per);
            let Some(y0) = figs.iter().find(|f| f.period == Period::Year(base)).and_then(|f| quantity(f)) else {
                return Ok(None);
            };
            let span = i64::from(to - base);
            match kind {
                ChangeKind::Multiple => {
                    // Y_0 k^((y - base) / span): a root, for display
                    let y0d = y0.to_decimal(dp + 6);
                    let level = |k: Decimal, y: i32| -> Option<Rational> {
                        let f = crate::evaluate::display_frac_pow(k, (y - base) as u32, span as u32)?;
                        Some(Rational::from(y0d?.checked_mul(f)?))
                    };
                    for y in base..=to {
                        point(y, level(c, y), aim.and_then(|a| level(a, y)))?;
                    }
                    path.shape = PathShape::Compound;
                }
                _ => {
                    let goal = |x: Decimal| match kind {
                        ChangeKind::Relative => y0.mul(&Rational::int(100).add(&Rational::from(x))).mul(&ratio(1, 100)),
                        _ => y0.add(&Rational::from(x)),
                    };
                    let line = |x: Decimal, y: i32| y0.add(&goal(x).sub(&y0).mul(&ratio(i64::from(y - base), span)));
                    for y in base..=to {
                        point(y, Some(line(c, y)), aim.map(|a| line(a, y)))?;
                    }
                }
            }
            for f in figs.iter().filter(|f| f.period.year() >= base && f.period.year() <= to) {
                if let Some(value) = quantity(f).as_ref().and_then(actual) {
                    path.actual.push(ActualPoint { period: f.period, value, row: f.row });
                }
            }
        }
        Timing::AverageChange { from, to, reading: Some(Reading::Absolute) } => {
            // S_0 + c (y - base): the points a year, from the base year's figure
            let base = from - 1;
            let quantity = |f: &Figure| figure_quantity(&f.value, per);
            let Some(s0) = figs.iter().find(|f| f.period == Period::Year(base)).and_then(|f| quantity(f)) else {
                return Ok(None);
            };
            let line = |x: Decimal, y: i32| s0.add(&Rational::from(x).mul(&Rational::int(i64::from(y - base))));
            for y in base..=to {
                point(y, Some(line(c, y)), aim.map(|a| line(a, y)))?;
            }
            for f in figs.iter().filter(|f| matches!(f.period, Period::Year(y) if y >= base && y <= to)) {
                if let Some(value) = quantity(f).as_ref().and_then(actual) {
                    path.actual.push(ActualPoint { period: f.period, value, row: f.row });
                }
            }
        }
        Timing::AverageChange { from, to, reading: Some(Reading::Relative) } => {
            // compound, as average growth, from the base year's figure (a share's percent, a rate per N)
            let base = from - 1;
            let quantity = |f: &Figure| figure_quantity(&f.value, per);
            let Some(b) = figs.iter().find(|f| f.period == Period::Year(base)).and_then(|f| quantity(f)) else {
                return Ok(None);
            };
            if b.signum() <= 0 {
                return Err(Error::NonPositiveBase {
                    indicator: target.indicator.clone(),
                    period: base.to_string(),
                    value: actual(&b).map(|d| d.to_string()).unwrap_or_default(),
                    target: target.id.clone(),
                });
            }
            let factor = |rate: Decimal| Rational::one().add(&Rational::from(rate).mul(&ratio(1, 100)));
            for y in base..=to {
                let n = (y - base) as u32;
                point(y, Some(b.mul(&factor(c).pow(n))), aim.map(|a| b.mul(&factor(a).pow(n))))?;
            }
            path.shape = PathShape::Compound;
            for f in figs.iter().filter(|f| matches!(f.period, Period::Year(y) if y >= base && y <= to)) {
                if let Some(value) = quantity(f).as_ref().and_then(actual) {
                    path.actual.push(ActualPoint { period: f.period, value, row: f.row });
                }
            }
        }
        Timing::Average { from, to } => {
            // the mean the rule asks of every year, flat, against each year's figure
            for y in from..=to {
                point(y, Some(Rational::from(c)), aim.map(Rational::from))?;
            }
            path.shape = PathShape::Flat;
            for f in figs.iter().filter(|f| matches!(f.period, Period::Year(y) if (from..=to).contains(&y))) {
                if let Some(value) = figure_quantity(&f.value, per).as_ref().and_then(actual) {
                    path.actual.push(ActualPoint { period: f.period, value, row: f.row });
                }
            }
        }
        // every year against the year before: no single path; unstated readings are refused by the loader
        Timing::Quarterly { .. }
        | Timing::Coverage { .. }
        | Timing::YearlyChange { .. }
        | Timing::Change { change: None, .. }
        | Timing::AverageChange { reading: None, .. } => return Ok(None),
    }
    Ok(Some(path))
}

/// `a / b` for a non-zero `b`.
fn ratio(a: i64, b: i64) -> Rational {
    Rational::int(a).div(&Rational::int(b)).unwrap_or_else(Rational::zero)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::evaluate_target;
    use crate::period::parse_as_of;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn path(target: &str, csv: &str, as_of: &str) -> Option<TargetPath> {
        let cat = Catalogue::builtin();
        let figures = Figures::from_csv(&cat, csv).unwrap();
        let t = cat.target(target).unwrap();
        required_path(&cat, t, &figures, &Options::new(parse_as_of(as_of).unwrap())).unwrap()
    }

    fn required(p: &TargetPath) -> Vec<(i32, Decimal, Option<Decimal>)> {
        p.required.iter().map(|x| (x.year, x.required, x.aim)).collect()
    }

    #[test]
    fn growth_is_compound_from_the_base_level() {
        let csv = "indicator,period,value,growth\ngrdp,2025,10000,\ngrdp,2026,11000,\ngrdp,2027,,10\n";
        let p = path("grdp_growth", csv, "2027").unwrap();
        assert_eq!(p.shape, PathShape::Compound);
        assert_eq!(p.unit, "tỷ đồng");
        // 10000 * 1.16^n and 10000 * 1.18^n, worked by hand:
        // 1.16^2 = 1.3456, 1.16^5 = 2.1003416576 -> 21003.42; 1.18^2 = 1.3924, 1.18^5 = 2.2877577568 -> 22877.58
        let r = required(&p);
        assert_eq!(r.len(), 6);
        assert_eq!(r[0], (2025, d("10000"), Some(d("10000"))));
        assert_eq!(r[1], (2026, d("11600"), Some(d("11800"))));
        assert_eq!(r[2], (2027, d("13456"), Some(d("13924"))));
        assert_eq!(r[5], (2030, d("21003.42"), Some(d("22877.58"))));
        // actual: two levels given, the third chained: 11000 * 1.10 = 12100
        let a: Vec<(String, Decimal)> = p.actual.iter().map(|x| (x.period.to_string(), x.value)).collect();
        assert_eq!(a, vec![("2025".into(), d("10000")), ("2026".into(), d("11000")), ("2027".into(), d("12100"))]);
        assert_eq!(p.actual[2].row, 4);
    }

    #[test]
    fn growth_path_agrees_with_the_evaluation() {
        let cat = Catalogue::builtin();
        let csv = "indicator,period,value\ngrdp,2025,12480\ngrdp,2026,14600\ngrdp,2027,16950\n";
        let figures = Figures::from_csv(&cat, csv).unwrap();
        let options = Options::new(parse_as_of("2027").unwrap());
        let t = cat.target("grdp_growth").unwrap();
        let ev = evaluate_target(&cat, t, &figures, &options).unwrap();
        let p = required_path(&cat, t, &figures, &options).unwrap().unwrap();
        let at_2027 = p.required.iter().find(|x| x.year == 2027).unwrap().required;
        assert_eq!(Some(at_2027), ev.expected_to_date);
        assert_eq!(at_2027, d("16793.09")); // 12480 * 1.3456 = 16793.0880
    }

    #[test]
    fn deadline_is_a_straight_line_from_the_baseline() {
        let csv = "indicator,period,value,numerator,denominator\n\
                   online_dossiers,2025,61.5,,\nonline_dossiers,2026,,70,100\nonline_dossiers,2027,78.9,,\n";
        let p = path("online_dossiers_2030", csv, "2027").unwrap();
        assert_eq!(p.shape, PathShape::Linear);
        // 61.5 + (85 - 61.5) * k / 5: 61.5, 66.2, 70.9, 75.6, 80.3, 85
        let r: Vec<Decimal> = p.required.iter().map(|x| x.required).collect();
        assert_eq!(r, ["61.5", "66.2", "70.9", "75.6", "80.3", "85"].map(d).to_vec());
        assert_eq!(p.required[0].year, 2025);
        assert_eq!(p.required[5].year, 2030);
        // numerator/denominator shown in percent
        let a: Vec<Decimal> = p.actual.iter().map(|x| x.value).collect();
        assert_eq!(a, ["61.5", "70", "78.9"].map(d).to_vec());
    }

    #[test]
    fn actual_figures_are_shown_as_given_required_values_rounded() {
        let csv = "indicator,period,value\nonline_dossiers,2025,61.555\nonline_dossiers,2026,70.125\n";
        let p = path("online_dossiers_2030", csv, "2026").unwrap();
        let a: Vec<Decimal> = p.actual.iter().map(|x| x.value).collect();
        assert_eq!(a, vec![d("61.555"), d("70.125")]);
        // 61.555 + (85 - 61.555) / 5 = 66.244, shown with 2 places
        assert_eq!(p.required[1].required, d("66.24"));
    }

    #[test]
    fn deadline_path_agrees_with_the_evaluation() {
        let cat = Catalogue::builtin();
        let csv = "indicator,period,value\ntrained_labour_share,2025,78\ntrained_labour_share,2027,80\n";
        let figures = Figures::from_csv(&cat, csv).unwrap();
        let options = Options::new(parse_as_of("2027").unwrap());
        let t = cat.target("trained_labour_share").unwrap();
        let ev = evaluate_target(&cat, t, &figures, &options).unwrap();
        let p = required_path(&cat, t, &figures, &options).unwrap().unwrap();
        let at_2027 = p.required.iter().find(|x| x.year == 2027).unwrap().required;
        assert_eq!(ev.expected_to_date, Some(at_2027));
        assert_eq!(at_2027, d("80.8")); // 78 + 7 * 2/5
    }

    #[test]
    fn range_paths_carry_the_aim_and_downward_ranges_work() {
        let csv = "indicator,period,value\nagriculture_value,2025,1000\n";
        let p = path("agriculture_decline", csv, "2025").unwrap();
        // 1000 * 0.95 = 950, 1000 * 0.94 = 940
        assert_eq!(required(&p)[1], (2026, d("950"), Some(d("940"))));
        assert!(p.actual.len() == 1);
    }

    #[test]
    fn cumulative_and_yearly() {
        let csv = "indicator,period,value\nnew_enterprises,2026,41\nnew_enterprises,2027,37\n";
        let p = path("new_enterprises_term", csv, "2027").unwrap();
        let r: Vec<(i32, Decimal)> = p.required.iter().map(|x| (x.year, x.required)).collect();
        assert_eq!(r[0], (2025, d("0")));
        assert_eq!(r[2], (2027, d("80")));
        assert_eq!(r[5], (2030, d("200")));
        let a: Vec<Decimal> = p.actual.iter().map(|x| x.value).collect();
        assert_eq!(a, vec![d("41"), d("78")]);

        let csv = "indicator,period,numerator,denominator\nparty_admission_rate,2026,3,100\n";
        let p = path("party_admission_rate", csv, "2026").unwrap();
        assert_eq!(p.shape, PathShape::Flat);
        assert!(p.required.iter().all(|x| x.required == d("3")));
        assert_eq!(p.actual[0].value, d("3"));
    }

    #[test]
    fn no_path_without_a_start_or_for_milestones() {
        assert!(path("grdp_growth", "indicator,period,value\ngrdp,2026,100\n", "2026").is_none());
        assert!(path("online_dossiers_2030", "indicator,period,value\n", "2026").is_none());
        assert!(path("election_2026_directives", "indicator,period,value\n", "2026").is_none());
        assert!(path("voter_meetings_per_delegate", "indicator,period,value\n", "2026").is_none());
    }

    #[test]
    fn figures_after_the_as_of_date_are_left_out() {
        let csv = "indicator,period,value\ngrdp,2025,100\ngrdp,2026,110\ngrdp,2027,120\n";
        let p = path("grdp_growth", csv, "2026").unwrap();
        assert_eq!(p.actual.len(), 2);
        assert_eq!(p.required.len(), 6);
    }

    #[test]
    fn non_positive_base_is_an_error() {
        let cat = Catalogue::builtin();
        let figures = Figures::from_csv(&cat, "indicator,period,value\ngrdp,2025,0\n").unwrap();
        let t = cat.target("grdp_growth").unwrap();
        let e = required_path(&cat, t, &figures, &Options::new(parse_as_of("2026").unwrap())).unwrap_err();
        assert_eq!(e.code(), "non_positive_base");
    }
}
