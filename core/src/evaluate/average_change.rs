//! The average change a year in points: "tỷ lệ hộ nghèo giảm bình quân 1-1,5%/năm" (percentage points of a share),
//! "tỷ suất sinh thô giảm 0,2‰/năm", "tỷ lệ đô thị hoá tăng bình quân 2%/năm". The rule applies to
//! `Q = (S_t - S_0) / k` over the `k` years from the base year (the year before the term) to the latest figure,
//! decided exactly as `S_t - S_0` against `k x`. The relative reading of the same words is compound growth, judged
//! by the growth module.
//!
//! Before the deadline: the points gained so far against the commitment times the years elapsed (progress ratio
//! `Q / c`), the points a year still required for the remaining years, and the level at the deadline at the pace
//! so far.

use super::display::{round, shown};
use super::rules::{band_side, change_margin, classify, commitment, figure_quantity, final_status, judge, Dir};
use super::select::on_whole_unit;
use super::{Ctx, Evaluation, Kind, Outcome, PeriodResult};
use crate::error::Result;
use crate::exact::Rational;
use crate::figures::{Figure, FigureValue};
use crate::model::Rule;
use crate::period::{Date, Period};
use crate::status::Status;
use crate::text::{margins, ne, nv, status_words, values, Pair, Suffix};
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// `{"kind": "average_change", "from": 2026, "to": 2030, "reading": "absolute"}`.
pub(crate) struct AverageChange {
    /// First year of the term (the base is `from - 1`).
    pub(crate) from: i32,
    /// Last year.
    pub(crate) to: i32,
}

/// What the explanation of an average change needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Facts {
    /// No base-year figure, or none in the term.
    Missing { base: i32, from: i32, to: i32 },
    /// The average change a year from the base to the latest year.
    Judged { base: i32, latest: i32, to: i32, base_level: Option<Decimal>, level: Option<Decimal>, after: bool },
}

impl Kind for AverageChange {
    type Facts = Facts;

    fn judge(&self, ctx: &mut Ctx, ev: &mut Outcome) -> Result<Facts> {
        Ok(on_whole_unit(ctx, |ctx, figs| average_change(self.from, self.to, ctx, ev, figs)))
    }

    fn explain(ev: &Evaluation, f: &Facts) -> (String, String) {
        let (sv, se) = status_words(ev.status);
        let mut p = Pair::new();
        match *f {
            Facts::Missing { base, from, to } => p.add(
                format_args!(
                    "{sv}: cần số liệu năm gốc {base} và ít nhất một năm từ {from} đến {to} để tính mức thay đổi bình \
                     quân ({})",
                    ev.reference_vi
                ),
                format_args!(
                    "{se}: the average change needs the {base} figure and a year from {from} to {to} ({})",
                    ev.reference_en
                ),
            ),
            Facts::Judged { base, latest, to, base_level, level, after } => {
                let ((v, e), (mv, me)) = (values(ev), margins(ev));
                let show = |x: Option<Decimal>, vi: bool| match x {
                    Some(x) if vi => nv(x).to_string(),
                    Some(x) => ne(x).to_string(),
                    None => "—".into(),
                };
                p.add(
                    format_args!(
                        "{sv}: từ {} năm {base} đến {} năm {latest}, bình quân {v} (yêu cầu {}){mv}",
                        show(base_level, true),
                        show(level, true),
                        ev.reference_vi
                    ),
                    format_args!(
                        "{se}: from {} in {base} to {} in {latest}, {e} on average (target {}){me}",
                        show(base_level, false),
                        show(level, false),
                        ev.reference_en
                    ),
                );
                if !after {
                    let unit = ev.unit.as_ref();
                    if let Some(r) = ev.rate_required {
                        p.add(
                            format_args!("; các năm còn lại cần bình quân {}{}", nv(r), Suffix(unit)),
                            format_args!("; the remaining years need {}{}", ne(r), Suffix(ev.unit_en_of(r))),
                        );
                    }
                    if let Some(x) = ev.projected {
                        p.add(
                            format_args!("; theo tốc độ hiện nay năm {to} đạt khoảng {}", nv(x)),
                            format_args!("; at the pace to date {to} would be about {}", ne(x)),
                        );
                    }
                }
            }
        }
        p.done()
    }
}

fn average_change(from: i32, to: i32, ctx: &mut Ctx, ev: &mut Outcome, figs: &[&Figure]) -> Facts {
    let dp = ctx.options.decimals;
    let as_of = ctx.options.as_of;
    let per = ctx.per;
    let base = from - 1;
    let after = as_of >= Date::end_of_year(to);
    if ctx.detail {
        if figs.iter().any(|f| matches!(f.value, FigureValue::Growth(_))) {
            ctx.warnings.push("growth rates are not read by an average change in points: give the levels".into());
        }
        if figs.iter().any(|f| !matches!(f.period, Period::Year(_))) {
            ctx.warnings
                .push("figures for quarters or days are not read: the average change reads yearly figures".into());
        }
    }
    let quantity = |f: &Figure| match f.period {
        Period::Year(_) => figure_quantity(&f.value, per),
        _ => None,
    };
    let base_fig = figs.iter().find(|f| f.period == Period::Year(base)).and_then(|f| Some((*f, quantity(f)?)));
    let latest = figs
        .iter()
        .rev()
        .filter(|f| f.period.year() >= from && f.period.year() <= to)
        .find_map(|f| Some((*f, quantity(f)?)));
    let (Some((bf, s0)), Some((lf, st))) = (base_fig, latest) else {
        ev.status = if !after && as_of < Date::end_of_year(from) { Status::NotDue } else { Status::NoData };
        return Facts::Missing { base, from, to };
    };
    if ctx.detail {
        ev.rows.push(bf.row);
        ev.rows.push(lf.row);
    }
    let t = lf.period.year();
    let (k, n) = (t - base, to - base);
    let (kr, nr) = (Rational::int(i64::from(k)), Rational::int(i64::from(n)));
    let d = st.sub(&s0);
    let q = d.div(&kr).unwrap_or_else(Rational::zero);
    // Q >= x  <=>  S_t - S_0 >= k x
    let cmp = |x: Decimal| d.cmp(&kr.mul(&Rational::from(x)));
    let rule = &ctx.target.rule;
    let verdict = judge(rule, ctx.tolerance, &cmp);
    ev.numbers.value = shown(&q, dp);
    ev.numbers.rate_to_date = ev.numbers.value;
    ev.numbers.value_period = Some(Period::Year(t));
    ev.numbers.aim_reached = verdict.aim_reached;
    if ctx.detail {
        // the change over each year with figures for both ends, for the breakdown
        let year = |y: i32| figs.iter().find(|f| f.period == Period::Year(y)).and_then(|f| quantity(f));
        for y in from..=t {
            let change = year(y).zip(year(y - 1)).map(|(a, b)| a.sub(&b));
            ev.periods.push(PeriodResult::of(Period::Year(y), change.and_then(|c| shown(&c, dp)), None));
        }
    }
    let commit = commitment(rule);
    (ev.numbers.margin, ev.numbers.achievement_ratio) = change_margin(rule, ctx.tolerance, &q, dp);
    let facts = Facts::Judged { base, latest: t, to, base_level: shown(&s0, dp), level: shown(&st, dp), after };
    if after {
        ev.status = if t != to {
            if ctx.detail {
                ctx.warnings.push(format!("no figure for {to}; the latest is for {t}"));
            }
            Status::NoData
        } else {
            final_status(&verdict)
        };
        return facts;
    }
    let target = match rule {
        Rule::Band { .. } => band_side(rule, &q),
        _ => commit.filter(|(_, dir)| *dir != Dir::Neutral),
    };
    if let Some((c, _)) = target {
        let cr = Rational::from(c);
        ev.numbers.expected_to_date = round(&s0.add(&cr.mul(&kr)), dp);
        ev.numbers.projected = d.mul(&nr).div(&kr).map(|m| s0.add(&m)).and_then(|x| round(&x, dp));
        if k < n {
            ev.numbers.rate_required =
                cr.mul(&nr).sub(&d).div(&Rational::int(i64::from(n - k))).and_then(|r| round(&r, dp));
        }
    }
    ev.status = if verdict.met {
        Status::OnTrack
    } else {
        match target {
            // the progress ratio Q / c, where c points the rule's way: Q / c >= r  <=>  D >= r c k (c > 0)
            Some((c, dir)) if (dir == Dir::Up && c > Decimal::ZERO) || (dir == Dir::Down && c < Decimal::ZERO) => {
                let cr = Rational::from(c);
                ev.numbers.progress_ratio = q.div(&cr).and_then(|r| round(&r, dp + 2));
                let meets = |r: Decimal| {
                    let o = d.cmp(&cr.mul(&Rational::from(r)).mul(&kr));
                    if c > Decimal::ZERO {
                        o != Ordering::Less
                    } else {
                        o != Ordering::Greater
                    }
                };
                classify(ctx.options, &meets)
            }
            _ => Status::AtRisk,
        }
    };
    facts
}
