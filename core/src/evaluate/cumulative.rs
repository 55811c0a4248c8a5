//! Over the term: a running total of yearly figures ("trong nhiệm kỳ ... ít nhất 12"), or the number of distinct
//! entities covered ("100% trường học được ..."), judged against the commitment, with an even pace before the end.

use super::display::{round, shown};
use super::rules::{classify, cmp_with, commitment, figure_quantity, fill_margin, judge, worst, Dir};
use super::select::{by_entity, elapsed_years, whole_unit, Sums};
use super::{rows_warning, Ctx, Evaluation, Kind, Outcome, PeriodResult};
use crate::error::Result;
use crate::exact::Rational;
use crate::figures::{Figure, FigureValue};
use crate::model::Rule;
use crate::period::{Date, Period};
use crate::status::Status;
use crate::text::{margins, ne, nv, status_words, values, Pair};
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::collections::BTreeSet;

/// "Trong nhiệm kỳ": the sum of yearly counts over the term; or the distinct entities covered over it.
pub(crate) struct Cumulative {
    /// First year.
    pub(crate) from: i32,
    /// Last year.
    pub(crate) to: i32,
    /// For coverage: the universe and the period of its figure, when known.
    pub(crate) coverage: Option<Option<(Decimal, Option<Period>)>>,
}

/// What the explanation of a cumulative or coverage target needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Facts {
    /// No figure in the term yet.
    Missing { from: i32, to: i32, coverage: bool },
    /// The running total (or distinct count).
    Total { from: i32, to: i32, elapsed: i32, total: i32, coverage: bool, per_entity: Option<(usize, usize)> },
}

impl Kind for Cumulative {
    type Facts = Facts;

    fn judge(&self, ctx: &mut Ctx, ev: &mut Outcome) -> Result<Facts> {
        Ok(cumulative(ctx, ev, self.from, self.to, self.coverage))
    }

    fn explain(ev: &Evaluation, f: &Facts) -> (String, String) {
        match *f {
            Facts::Missing { from, to, coverage } => cumulative_missing(ev, from, to, coverage),
            Facts::Total { from, to, elapsed, total, coverage, per_entity } => {
                cumulative_text(ev, from, to, elapsed, total, coverage, per_entity)
            }
        }
    }
}

/// Cumulative sums and distinct coverage over the term.
fn cumulative(
    ctx: &mut Ctx,
    ev: &mut Outcome,
    from: i32,
    to: i32,
    coverage: Option<Option<(Decimal, Option<Period>)>>,
) -> Facts {
    let dp = ctx.options.decimals;
    let per = ctx.per;
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
                        entities.insert(&**e);
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
            if let Some(q) = figure_quantity(&f.value, per) {
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
                    .filter_map(|f| figure_quantity(&f.value, per))
                    .fold(None, |acc: Option<Rational>, q| Some(acc.map_or(q.clone(), |a| a.add(&q))));
                ev.periods.push(PeriodResult::of(Period::Year(y), s.and_then(|s| shown(&s, dp)), None));
            }
        }
        ctx.figs = figs;
    }
    let _ = universe_shown;
    if !any || groups.is_empty() {
        ev.status = if elapsed == 0 && !after { Status::NotDue } else { Status::NoData };
        return Facts::Missing { from, to, coverage: coverage.is_some() };
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
    Facts::Total {
        from,
        to,
        elapsed,
        total: total_years,
        coverage: coverage.is_some(),
        per_entity: ctx.target.per_entity.then_some((met_count, groups_n)),
    }
}

/// Cumulative or coverage targets without figures.
fn cumulative_missing(ev: &Evaluation, from: i32, to: i32, coverage: bool) -> (String, String) {
    let (sv, se) = status_words(ev.status);
    let (wv, we) = if coverage {
        ("số đối tượng được bao phủ", "distinct entities covered")
    } else {
        ("số cộng dồn", "the running total")
    };
    let mut p = Pair::new();
    p.add(
        format_args!("{sv}: chưa có số liệu để tính {wv} {from}-{to} ({})", ev.reference_vi),
        format_args!("{se}: no figures yet for {we} {from}-{to} ({})", ev.reference_en),
    );
    p.done()
}

/// Cumulative or coverage targets.
fn cumulative_text(
    ev: &Evaluation,
    from: i32,
    to: i32,
    elapsed: i32,
    total: i32,
    coverage: bool,
    per_entity: Option<(usize, usize)>,
) -> (String, String) {
    let (sv, se) = status_words(ev.status);
    let ((v, e), (mv, me)) = (values(ev), margins(ev));
    let (wv, we) = if coverage {
        ("số đối tượng khác nhau đã bao phủ", "distinct entities covered")
    } else {
        ("cộng dồn", "total")
    };
    let mut p = Pair::new();
    p.add(
        format_args!(
            "{sv}: {wv} {from}-{to} đến nay là {v} (yêu cầu {}){mv}; đã qua {elapsed}/{total} năm",
            ev.reference_vi
        ),
        format_args!(
            "{se}: {we} {from}-{to} so far is {e} (target {}){me}; {elapsed} of {total} years elapsed",
            ev.reference_en
        ),
    );
    if let Some(x) = ev.expected_to_date.filter(|_| !ev.status.is_final()) {
        p.add(
            format_args!("; theo tiến độ đều cần khoảng {}", nv(x)),
            format_args!("; an even pace would have {} by now", ne(x)),
        );
    }
    if let Some((m, n)) = per_entity {
        p.add(format_args!("; {m}/{n} đối tượng đạt"), format_args!("; {m} of {n} entities meet it"));
    }
    p.done()
}
