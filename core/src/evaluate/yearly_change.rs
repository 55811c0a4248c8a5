//! The change over the previous year, every year: "thu ngân sách năm sau cao hơn năm trước", "tăng so với năm trước
//! từ 8% trở lên". Each year of the term is judged on its change from the year before, exactly: relative,
//! `Y_y >= Y_{y-1} (1 + x/100)` (or a growth figure given for the year, compared as it is); absolute,
//! `Y_y - Y_{y-1} >= x`. The term verdict needs every year, as for every-year targets.

use super::display::shown;
use super::rules::{change_margin, figure_quantity, judge, term_status};
use super::select::on_whole_unit;
use super::{Ctx, Evaluation, Kind, Outcome, PeriodResult};
use crate::error::{Error, Result};
use crate::exact::Rational;
use crate::figures::{Figure, FigureValue};
use crate::model::Reading;
use crate::period::{Date, Period};
use crate::status::Status;
use crate::text::{margins, status_words, values, DateVi, Pair};
use rust_decimal::Decimal;

/// `{"kind": "yearly_change", "from": 2026, "to": 2030, "reading": "relative"}`.
pub(crate) struct YearlyChange {
    /// First year judged (against the year before it).
    pub(crate) from: i32,
    /// Last year.
    pub(crate) to: i32,
    /// Percent or points over the previous year.
    pub(crate) reading: Reading,
}

/// What the explanation of a yearly change needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Facts {
    due: usize,
    met: usize,
    missed: usize,
    missing: usize,
    total: usize,
}

impl Kind for YearlyChange {
    type Facts = Facts;

    fn judge(&self, ctx: &mut Ctx, ev: &mut Outcome) -> Result<Facts> {
        on_whole_unit(ctx, |ctx, figs| yearly_change(self, ctx, ev, figs))
    }

    fn explain(ev: &Evaluation, f: &Facts) -> (String, String) {
        let (sv, se) = status_words(ev.status);
        let mut p = Pair::new();
        if f.due == 0 {
            p.add(
                format_args!("{sv}: chưa có năm nào đến hạn tính đến {}.", DateVi(ev.as_of)),
                format_args!("{se}: no year is due by {}.", ev.as_of),
            );
            return p.end();
        }
        p.add(
            format_args!("{sv}: {}/{} năm đã đến hạn đạt yêu cầu so với năm trước ({})", f.met, f.due, ev.reference_vi),
            format_args!(
                "{se}: {} of {} years due meet the target on the year before ({})",
                f.met, f.due, ev.reference_en
            ),
        );
        if f.missed > 0 {
            p.add(format_args!("; {} năm không đạt", f.missed), format_args!("; {} missed", f.missed));
        }
        if f.missing > 0 {
            p.add(
                format_args!("; {} năm thiếu số liệu (của năm đó hoặc năm trước)", f.missing),
                format_args!("; {} without the figures (of the year or the year before)", f.missing),
            );
        }
        if let Some(Period::Year(y)) = ev.value_period {
            let ((v, e), (mv, me)) = (values(ev), margins(ev));
            p.add(format_args!(". Năm gần nhất {y}: {v}{mv}"), format_args!(". Latest, {y}: {e}{me}"));
        }
        if f.total > f.due && !ev.status.is_final() {
            p.add(
                format_args!(". Chỉ tiêu đòi hỏi đạt ở tất cả {} năm", f.total),
                format_args!(". The target needs every one of {} years", f.total),
            );
        }
        p.done()
    }
}

fn yearly_change(this: &YearlyChange, ctx: &mut Ctx, ev: &mut Outcome, figs: &[&Figure]) -> Result<Facts> {
    let dp = ctx.options.decimals;
    let as_of = ctx.options.as_of;
    let per = ctx.per;
    let rule = &ctx.target.rule;
    let relative = this.reading == Reading::Relative;
    let level = |y: i32| {
        figs.iter().find(|f| f.period == Period::Year(y)).and_then(|f| Some((f.row, figure_quantity(&f.value, per)?)))
    };
    let growth = |y: i32| {
        figs.iter().find(|f| f.period == Period::Year(y)).and_then(|f| match f.value {
            FigureValue::Growth(g) => Some((f.row, g)),
            _ => None,
        })
    };
    let (mut due, mut met, mut missed, mut missing, mut total) = (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut exceeded_all = true;
    let mut last: Option<(i32, Rational)> = None;
    for y in this.from..=this.to {
        total += 1;
        if Date::end_of_year(y) > as_of {
            continue;
        }
        due += 1;
        // the change of year y, exactly, and its comparison with a threshold x
        let judged = if let (true, Some((row, g))) = (relative, growth(y)) {
            let v = judge(rule, ctx.tolerance, &|x: Decimal| g.cmp(&x));
            Some((v, Rational::from(g), [Some(row), None]))
        } else {
            match (level(y), level(y - 1)) {
                (Some((row, cur)), Some((prow, prev))) => {
                    if relative && prev.signum() <= 0 {
                        return Err(Error::NonPositiveBase {
                            indicator: ctx.target.indicator.clone(),
                            period: (y - 1).to_string(),
                            value: shown(&prev, dp).map(|d| d.to_string()).unwrap_or_default(),
                            target: ctx.target.id.clone(),
                        });
                    }
                    let (v, change) = if relative {
                        let hundred = Rational::int(100);
                        let cmp = |x: Decimal| cur.mul(&hundred).cmp(&prev.mul(&hundred.add(&Rational::from(x))));
                        let change = cur.div(&prev).map(|i| i.sub(&Rational::one()).mul(&hundred));
                        (judge(rule, ctx.tolerance, &cmp), change.unwrap_or_else(Rational::zero))
                    } else {
                        let d = cur.sub(&prev);
                        (judge(rule, ctx.tolerance, &|x: Decimal| d.cmp(&Rational::from(x))), d)
                    };
                    Some((v, change, [Some(row), Some(prow)]))
                }
                _ => None,
            }
        };
        let Some((v, change, rows)) = judged else {
            missing += 1;
            if ctx.detail {
                ev.periods.push(PeriodResult::of(Period::Year(y), None, Some(Status::NoData)));
            }
            continue;
        };
        let status = if !v.met {
            missed += 1;
            Status::NotAchieved
        } else {
            met += 1;
            if v.exceeded {
                Status::Exceeded
            } else {
                Status::Achieved
            }
        };
        exceeded_all &= v.met && v.exceeded;
        if ctx.detail {
            ev.rows.extend(rows.into_iter().flatten());
            ev.periods.push(PeriodResult::of(Period::Year(y), shown(&change, dp), Some(status)));
        }
        last = Some((y, change));
    }
    if ctx.detail {
        ev.rows.sort_unstable();
        ev.rows.dedup();
    }
    if let Some((y, g)) = &last {
        ev.numbers.value = shown(g, dp);
        ev.numbers.value_period = Some(Period::Year(*y));
        (ev.numbers.margin, ev.numbers.achievement_ratio) = change_margin(rule, ctx.tolerance, g, dp);
    }
    let after = as_of >= Date::end_of_year(this.to);
    ev.status = term_status(due, met, missed, missing, after, exceeded_all);
    Ok(Facts { due, met, missed, missing, total })
}
