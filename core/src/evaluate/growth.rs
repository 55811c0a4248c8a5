//! "Tăng bình quân X%/năm": compound average annual growth of a level, judged exactly through integer powers
//! (`G >= g  <=>  Y_n >= Y_0 (1 + g)^n`, so no root is taken on the verdict's path).

use super::display::{annual_rate_of, approx_f64, projection_of, round, with_places, DecIndex};
use super::rules::{classify, commitment, figure_quantity, final_status, judge, Dir};
use super::select::whole_unit;
use super::{Ctx, Evaluation, Kind, Outcome, PeriodResult};
use crate::error::{Error, Result};
use crate::exact::Rational;
use crate::figures::FigureValue;
use crate::model::Rule;
use crate::period::{Date, Period};
use crate::status::Status;
use crate::text::{ne, nv, status_words, values, Pair};
use rust_decimal::Decimal;

/// "tăng bình quân X%/năm": compound average annual growth of a level from the year before `from` to `to`.
pub(crate) struct Growth {
    /// First year of growth (the base is `from - 1`).
    pub(crate) from: i32,
    /// Last year.
    pub(crate) to: i32,
}

/// What the explanation of a growth target needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Facts {
    /// No figure links a year of the term to the base year.
    Missing { base: i32, from: i32 },
    /// The average growth from the base year to the latest year linked to it.
    Rate { base: i32, latest: i32, final_verdict: bool },
}

impl Kind for Growth {
    type Facts = Facts;

    fn judge(&self, ctx: &mut Ctx, ev: &mut Outcome) -> Result<Facts> {
        growth(ctx, ev, self.from, self.to)
    }

    fn explain(ev: &Evaluation, f: &Facts) -> (String, String) {
        match *f {
            Facts::Missing { base, from } => growth_missing(ev, base, from),
            Facts::Rate { base, latest, final_verdict } => growth_text(ev, base, latest, final_verdict),
        }
    }
}

/// Average annual growth (compound), judged exactly through integer powers.
pub(crate) fn growth(ctx: &mut Ctx, ev: &mut Outcome, from: i32, to: i32) -> Result<Facts> {
    let dp = ctx.options.decimals;
    let base = from - 1;
    let figs = whole_unit(ctx);
    let year_fig = |y: i32| figs.iter().find(|f| f.period == Period::Year(y)).copied();
    // the base level: exact (for the verdict) and as a decimal (for display; rounded when a share or rate is a
    // quotient that is not a decimal)
    let per = ctx.per;
    let (base_level, base_exact) = match year_fig(base).map(|f| (&f.value, f.row)) {
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
            (Some(*v), Some(Rational::from(*v)))
        }
        Some((v @ FigureValue::Ratio(..), row)) => {
            let q = figure_quantity(v, per).unwrap_or_else(Rational::zero);
            if q.signum() <= 0 {
                return Err(Error::NonPositiveBase {
                    indicator: ctx.target.indicator.clone(),
                    period: base.to_string(),
                    value: "0".into(),
                    target: ctx.target.id.clone(),
                });
            }
            if ctx.detail {
                ev.rows.push(row);
            }
            (q.to_decimal(20), Some(q))
        }
        _ => (None, None),
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
                base_exact.as_ref().map(|b| Rational::from(*v).div(b).unwrap_or_else(Rational::zero)),
                base_level.map_or(DecIndex::Missing, |b| DecIndex::Quotient(*v, b)),
            ),
            Some(v @ FigureValue::Ratio(..)) => {
                let i = base_exact.as_ref().and_then(|b| figure_quantity(v, per)?.div(b));
                let i_dec = i.as_ref().and_then(|i| i.to_decimal(20)).map_or(DecIndex::Missing, DecIndex::Value);
                (i, i_dec)
            }
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
            ev.periods.push(PeriodResult::of(Period::Year(y), yoy.and_then(|r| round(&r, dp)), None));
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
        return Ok(Facts::Missing { base, from });
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
        if let Rule::Band { low, high } = ctx.target.rule {
            ev.numbers.margin = r.checked_sub(low).zip(high.checked_sub(r)).map(|(a, b)| a.min(b));
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
            ev.numbers.expected_to_date = base_exact.as_ref().and_then(|e| round(&e.mul(&memo.factor(c, k)), dp));
            ev.numbers.projected = if k == n {
                // the latest figure is the term's last year: the pace to date leads to the level reached, the base
                // times the index, exactly (no root of the index to raise to its power again)
                base_exact.as_ref().and_then(|e| round(&e.mul(&it), dp)).map(|x| with_places(x, dp))
            } else {
                projection_of(b, it_f, || latest_dec.get(), n, k, dp)
            };
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
    Ok(Facts::Rate { base, latest: t, final_verdict: after && t == to })
}

/// Growth targets without a usable figure.
fn growth_missing(ev: &Evaluation, base: i32, from: i32) -> (String, String) {
    let (sv, se) = status_words(ev.status);
    let mut p = Pair::new();
    p.add(
        format_args!(
            "{sv}: cần số liệu năm gốc {base} và ít nhất một năm từ {from} (hoặc tốc độ tăng từng năm) để tính tăng \
             bình quân ({})",
            ev.reference_vi
        ),
        format_args!(
            "{se}: average growth needs the {base} base level and a later year (or each year's growth rate) ({})",
            ev.reference_en
        ),
    );
    p.done()
}

/// Growth targets.
fn growth_text(ev: &Evaluation, base: i32, t: i32, final_verdict: bool) -> (String, String) {
    let (sv, se) = status_words(ev.status);
    let (v, e) = values(ev);
    let mut p = Pair::new();
    p.add(
        format_args!("{sv}: tăng bình quân {base}-{t} là {v} (yêu cầu {})", ev.reference_vi),
        format_args!("{se}: average growth {base}-{t} is {e} (target {})", ev.reference_en),
    );
    if !final_verdict {
        if let Some(r) = ev.rate_required {
            p.add(
                format_args!("; các năm còn lại cần tăng bình quân {}%/năm để đạt mức sàn", nv(r)),
                format_args!("; the remaining years need {}% a year to reach the floor", ne(r)),
            );
        }
        if let Some(x) = ev.projected {
            p.add(
                format_args!("; nếu giữ tốc độ hiện nay, năm cuối đạt {}", nv(x)),
                format_args!("; at the pace to date the last year would reach {}", ne(x)),
            );
        }
    }
    if ev.aim_reached == Some(true) {
        p.str("; đã đạt mức phấn đấu", "; the aim is reached");
    }
    p.str(
        ". Phán định tính chính xác bằng lũy thừa nguyên, không làm tròn",
        ". The verdict is exact (integer powers, no rounding)",
    );
    p.done()
}
