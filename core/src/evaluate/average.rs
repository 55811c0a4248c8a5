//! The average of the term's yearly figures: "bình quân mỗi năm giải quyết việc làm cho trên 300 lao động", "sản
//! lượng lương thực bình quân hằng năm 20.000 tấn", "bình quân hằng năm kết nạp đảng viên mới trên 3%". The rule
//! applies to the mean of the yearly figures, decided exactly as the sum against the number of years times the
//! threshold (`mean >= x  <=>  sum >= n x`); every year of the term needs a figure.
//!
//! Before the deadline: the mean so far against the commitment (progress ratio `mean / c`, or `c / mean` for a
//! ceiling), and the mean still required of the remaining years, `(n c - sum) / years left`.

use super::display::{round, shown};
use super::rules::{band_side, classify, commitment, figure_quantity, fill_margin, final_status, judge, Dir};
use super::select::{elapsed_years, on_whole_unit};
use super::{Ctx, Evaluation, Kind, Outcome, PeriodResult};
use crate::error::Result;
use crate::exact::Rational;
use crate::figures::Figure;
use crate::model::Rule;
use crate::period::{Date, Period};
use crate::status::Status;
use crate::text::{margins, ne, nv, status_words, values, Pair, Suffix};
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// `{"kind": "average", "from": 2026, "to": 2030}`.
pub(crate) struct Average {
    /// First year.
    pub(crate) from: i32,
    /// Last year.
    pub(crate) to: i32,
}

/// What the explanation of an average needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Facts {
    /// No yearly figure yet.
    Missing { from: i32, to: i32, elapsed: i32 },
    /// The mean of the years with a figure.
    Mean { from: i32, to: i32, years: i32, elapsed: i32, missing: i32, after: bool },
}

impl Kind for Average {
    type Facts = Facts;

    fn judge(&self, ctx: &mut Ctx, ev: &mut Outcome) -> Result<Facts> {
        Ok(on_whole_unit(ctx, |ctx, figs| average(self.from, self.to, ctx, ev, figs)))
    }

    fn explain(ev: &Evaluation, f: &Facts) -> (String, String) {
        let (sv, se) = status_words(ev.status);
        let mut p = Pair::new();
        match *f {
            Facts::Missing { from, to, elapsed } => {
                if elapsed == 0 {
                    p.add(
                        format_args!("{sv}: chưa hết năm nào của giai đoạn {from}-{to} ({})", ev.reference_vi),
                        format_args!("{se}: no year of {from}-{to} has ended yet ({})", ev.reference_en),
                    )
                } else {
                    p.add(
                        format_args!("{sv}: chưa có số liệu năm nào của giai đoạn {from}-{to} ({})", ev.reference_vi),
                        format_args!("{se}: no yearly figure yet for {from}-{to} ({})", ev.reference_en),
                    )
                }
            }
            Facts::Mean { from, to, years, elapsed, missing, after } => {
                let ((v, e), (mv, me)) = (values(ev), margins(ev));
                let total = to - from + 1;
                p.add(
                    format_args!(
                        "{sv}: bình quân {years} năm có số liệu là {v} (yêu cầu {}){mv}; đã qua {elapsed}/{total} năm",
                        ev.reference_vi
                    ),
                    format_args!(
                        "{se}: the mean of {years} year(s) with a figure is {e} (target {}){me}; {elapsed} of {total} \
                         years elapsed",
                        ev.reference_en
                    ),
                );
                if missing > 0 {
                    p.add(
                        format_args!("; {missing} năm đã qua chưa có số liệu"),
                        format_args!("; {missing} past year(s) without a figure"),
                    );
                }
                if !after {
                    if let Some(r) = ev.rate_required {
                        let unit = ev.unit.as_ref();
                        p.add(
                            format_args!("; các năm còn lại cần bình quân {}{}", nv(r), Suffix(unit)),
                            format_args!("; the remaining years need {}{} on average", ne(r), Suffix(ev.unit_en_of(r))),
                        );
                    }
                }
            }
        }
        p.done()
    }
}

fn average(from: i32, to: i32, ctx: &mut Ctx, ev: &mut Outcome, figs: &[&Figure]) -> Facts {
    let dp = ctx.options.decimals;
    let as_of = ctx.options.as_of;
    let per = ctx.per;
    let after = as_of >= Date::end_of_year(to);
    let n = to - from + 1;
    let elapsed = elapsed_years(from, to, as_of);
    if ctx.detail && figs.iter().any(|f| !matches!(f.period, Period::Year(_))) {
        ctx.warnings.push("figures for quarters or days are not read: the average reads yearly figures".into());
    }
    let mut sum = Rational::zero();
    let (mut years, mut latest) = (0i32, None);
    let mut missing_years = Vec::new();
    for y in from..=to {
        if Date::end_of_year(y) > as_of {
            break;
        }
        let q = figs
            .iter()
            .find(|f| f.period == Period::Year(y))
            .and_then(|f| Some((f.row, figure_quantity(&f.value, per)?)));
        match q {
            Some((row, q)) => {
                sum = sum.add(&q);
                years += 1;
                latest = Some(y);
                if ctx.detail {
                    ev.rows.push(row);
                    ev.periods.push(PeriodResult::of(Period::Year(y), shown(&q, dp), None));
                }
            }
            None => {
                missing_years.push(y);
                if ctx.detail {
                    ev.periods.push(PeriodResult::of(Period::Year(y), None, Some(Status::NoData)));
                }
            }
        }
    }
    let missing = missing_years.len() as i32;
    let Some(latest) = latest else {
        ev.status = if elapsed == 0 && !after { Status::NotDue } else { Status::NoData };
        return Facts::Missing { from, to, elapsed };
    };
    let m = Rational::int(i64::from(years));
    let mean = sum.div(&m).unwrap_or_else(Rational::zero);
    // mean >= x  <=>  sum >= m x
    let cmp = |x: Decimal| sum.cmp(&m.mul(&Rational::from(x)));
    let rule = &ctx.target.rule;
    let verdict = judge(rule, ctx.tolerance, &cmp);
    ev.numbers.value = shown(&mean, dp);
    ev.numbers.value_period = Some(Period::Year(latest));
    ev.numbers.aim_reached = verdict.aim_reached;
    fill_margin(ctx, ev, &mean);
    let facts = Facts::Mean { from, to, years, elapsed, missing, after };
    if after {
        ev.status = if missing > 0 {
            if ctx.detail {
                let list = missing_years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ");
                ctx.warnings.push(format!("the mean of {from}-{to} needs every year; no figure for {list}"));
            }
            Status::NoData
        } else {
            final_status(&verdict)
        };
        return facts;
    }
    let target = match rule {
        Rule::Band { .. } => band_side(rule, &mean),
        _ => commitment(rule).filter(|(_, dir)| *dir != Dir::Neutral),
    };
    if let Some((c, _)) = target {
        if elapsed < n && missing == 0 {
            let need = Rational::from(c).mul(&Rational::int(i64::from(n))).sub(&sum);
            ev.numbers.rate_required = need.div(&Rational::int(i64::from(n - elapsed))).and_then(|r| round(&r, dp));
        }
    }
    let status = if verdict.met {
        Status::OnTrack
    } else {
        match target {
            // mean / c >= r  <=>  sum >= r c m
            Some((c, Dir::Up)) if c > Decimal::ZERO => {
                let cr = Rational::from(c);
                ev.numbers.progress_ratio = mean.div(&cr).and_then(|r| round(&r, dp + 2));
                classify(ctx.options, &|r| sum.cmp(&cr.mul(&Rational::from(r)).mul(&m)) != Ordering::Less)
            }
            // a ceiling: c / mean >= r  <=>  c m >= r sum
            Some((c, Dir::Down)) if c > Decimal::ZERO => {
                let cr = Rational::from(c);
                ev.numbers.progress_ratio = cr.div(&mean).and_then(|r| round(&r, dp + 2));
                classify(ctx.options, &|r| cr.mul(&m).cmp(&sum.mul(&Rational::from(r))) != Ordering::Less)
            }
            _ => Status::AtRisk,
        }
    };
    // a past year without a figure leaves the mean of the term open
    ev.status = if missing > 0 && status == Status::OnTrack { Status::AtRisk } else { status };
    facts
}
