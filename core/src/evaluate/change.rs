//! A change from the base year by a deadline: "tăng 35% so với năm 2025" (relative), "tăng thêm 15 thôn", "giảm
//! 200 hộ" (absolute), "gấp 1,5 lần năm 2025", "gấp đôi" (a multiple). The rule applies to the change from the
//! figure of the base year to the figure of the deadline year, decided exactly by cross-multiplication:
//! `Q >= x` is `Y_t >= Y_0 (1 + x/100)` (relative), `Y_t - Y_0 >= x` (absolute), `Y_t >= x Y_0` (multiple).
//!
//! Before the deadline: a relative or absolute change is on the straight path from `Y_0` to the level the
//! commitment requires, as a deadline target is; a multiple on the compound path `Y_0 k^(e)`, `e` the share of the
//! term elapsed, whose progress ratio `(I - 1) / (k^e - 1)` (`I = Y_t / Y_0`) is compared with a cut-off `r` through
//! integer powers: `(1 + (I - 1)/r)^span >= k^elapsed`, so no root decides a status.

use super::display::{annual_rate_of, approx_f64, frac_pow, projection_of, round, shown};
use super::rules::{band_side, change_margin, classify, commitment, figure_quantity, final_status, judge, Dir};
use super::select::on_whole_unit;
use super::{Ctx, Evaluation, Kind, Outcome};
use crate::error::{Error, Result};
use crate::exact::Rational;
use crate::figures::{Figure, FigureValue};
use crate::model::{ChangeKind, Rule, Timing};
use crate::period::{Date, Period};
use crate::status::Status;
use crate::text::{margins, ne, nv, status_words, values, Pair, PeriodEn, PeriodVi, Suffix};
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// `{"kind": "change", "base": 2025, "to": 2030, "change": "relative"}`.
pub(crate) struct Change {
    /// The year compared with.
    pub(crate) base: i32,
    /// The deadline year.
    pub(crate) to: i32,
    /// How the change is stated.
    pub(crate) kind: ChangeKind,
}

/// What the explanation of a change needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Facts {
    /// No base-year figure, or none after it.
    Missing { base: i32, to: i32, has_base: bool },
    /// The change from the base figure to the latest one.
    Judged { base: i32, to: i32, base_level: Option<Decimal>, level: Option<Decimal>, period: Period, after: bool },
}

impl Kind for Change {
    type Facts = Facts;

    fn judge(&self, ctx: &mut Ctx, ev: &mut Outcome) -> Result<Facts> {
        on_whole_unit(ctx, |ctx, figs| change(self, ctx, ev, figs))
    }

    fn explain(ev: &Evaluation, f: &Facts) -> (String, String) {
        let (sv, se) = status_words(ev.status);
        let mut p = Pair::new();
        match *f {
            Facts::Missing { base, to, has_base } => {
                let (wv, we) = if has_base {
                    ("một số liệu sau năm gốc", "a later figure")
                } else {
                    ("số liệu năm gốc", "the base-year figure")
                };
                p.add(
                    format_args!("{sv}: chưa có {wv} để tính mức thay đổi {base}-{to} ({})", ev.reference_vi),
                    format_args!("{se}: the change {base}-{to} needs {we} ({})", ev.reference_en),
                );
            }
            Facts::Judged { base, to, base_level, level, period, after } => {
                let ((v, e), (mv, me)) = (values(ev), margins(ev));
                let lv = |x: Option<Decimal>| x.map(|x| nv(x).to_string()).unwrap_or_else(|| "—".into());
                let le = |x: Option<Decimal>| x.map(|x| ne(x).to_string()).unwrap_or_else(|| "—".into());
                let multiple = matches!(ev.timing, Timing::Change { change: Some(ChangeKind::Multiple), .. });
                let (cv, ce, te) =
                    if multiple { ("gấp", "", " as much") } else { ("thay đổi", "a change of ", "") };
                p.add(
                    format_args!(
                        "{sv}: {} đạt {} so với {} năm {base}, {cv} {v} (yêu cầu {}){mv}",
                        PeriodVi(period),
                        lv(level),
                        lv(base_level),
                        ev.reference_vi
                    ),
                    format_args!(
                        "{se}: {} at {} against {} in {base}, {ce}{e}{te} (target {}){me}",
                        PeriodEn(period),
                        le(level),
                        le(base_level),
                        ev.reference_en
                    ),
                );
                if !after {
                    if let Some(x) = ev.expected_to_date {
                        p.add(
                            format_args!("; theo lộ trình cần khoảng {} vào lúc này", nv(x)),
                            format_args!("; the path needs about {} by now", ne(x)),
                        );
                    }
                    if let Some(r) = ev.rate_required {
                        let (uv, ue) = per_year_units(ev, r);
                        p.add(
                            format_args!("; các năm còn lại cần thay đổi {}{} mỗi năm", nv(r), Suffix(uv)),
                            format_args!("; the remaining years need {}{} a year", ne(r), Suffix(ue)),
                        );
                    }
                    if let Some(x) = ev.projected {
                        p.add(
                            format_args!("; theo xu hướng hiện nay năm {to} đạt khoảng {}", nv(x)),
                            format_args!("; at the trend to date {to} would be about {}", ne(x)),
                        );
                    }
                }
            }
        }
        p.done()
    }
}

/// The unit of the change a year still required: the change's own unit, or percent a year for a multiple.
fn per_year_units(ev: &Evaluation, r: Decimal) -> (&str, &str) {
    match &ev.timing {
        Timing::Change { change: Some(ChangeKind::Multiple), .. } => ("%", "%"),
        _ => (&ev.unit, ev.unit_en_of(r)),
    }
}

/// The required level for a commitment `c` of the change: `Y_0 (1 + c/100)`, `Y_0 + c` or `Y_0 c`.
fn level_for(kind: ChangeKind, y0: &Rational, c: Decimal) -> Rational {
    let c = Rational::from(c);
    match kind {
        ChangeKind::Relative => {
            y0.mul(&Rational::int(100).add(&c)).div(&Rational::int(100)).unwrap_or_else(Rational::zero)
        }
        ChangeKind::Absolute => y0.add(&c),
        ChangeKind::Multiple => y0.mul(&c),
    }
}

fn change(this: &Change, ctx: &mut Ctx, ev: &mut Outcome, figs: &[&Figure]) -> Result<Facts> {
    let (base, to, kind) = (this.base, this.to, this.kind);
    let dp = ctx.options.decimals;
    let as_of = ctx.options.as_of;
    let per = ctx.per;
    let after = as_of >= Date::end_of_year(to);
    if ctx.detail && figs.iter().any(|f| matches!(f.value, FigureValue::Growth(_))) {
        ctx.warnings.push("growth rates are not read by a change from the base year: give the levels".into());
    }
    let quantity = |f: &Figure| figure_quantity(&f.value, per);
    let base_fig = figs.iter().find(|f| f.period == Period::Year(base) && quantity(f).is_some());
    let latest = figs.iter().rev().find(|f| f.period.year() > base && f.period.year() <= to && quantity(f).is_some());
    let (Some(b), Some(l)) = (base_fig, latest) else {
        ev.status = if !after && as_of < Date::end_of_year(base + 1) { Status::NotDue } else { Status::NoData };
        return Ok(Facts::Missing { base, to, has_base: base_fig.is_some() });
    };
    let (y0, yt) = (quantity(b).unwrap_or_else(Rational::zero), quantity(l).unwrap_or_else(Rational::zero));
    if kind != ChangeKind::Absolute && y0.signum() <= 0 {
        return Err(Error::NonPositiveBase {
            indicator: ctx.target.indicator.clone(),
            period: base.to_string(),
            value: shown(&y0, dp).map(|d| d.to_string()).unwrap_or_default(),
            target: ctx.target.id.clone(),
        });
    }
    if ctx.detail {
        ev.rows.push(b.row);
        ev.rows.push(l.row);
    }
    // the change, exactly, and the comparison of the change with a threshold x (in the rule's unit)
    let q = match kind {
        ChangeKind::Relative => yt.div(&y0).map(|i| i.sub(&Rational::one()).mul(&Rational::int(100))),
        ChangeKind::Absolute => Some(yt.sub(&y0)),
        ChangeKind::Multiple => yt.div(&y0),
    }
    .unwrap_or_else(Rational::zero);
    let cmp = |x: Decimal| yt.cmp(&level_for(kind, &y0, x));
    let rule = &ctx.target.rule;
    let verdict = judge(rule, ctx.tolerance, &cmp);
    let t = l.period.year();
    let (el, span) = (t - base, to - base);
    ev.numbers.value = shown(&q, dp);
    ev.numbers.value_period = Some(l.period);
    ev.numbers.aim_reached = verdict.aim_reached;
    let commit = commitment(rule);
    (ev.numbers.margin, ev.numbers.achievement_ratio) = change_margin(rule, ctx.tolerance, &q, dp);
    // display numbers of the pace so far
    let base_dec = y0.to_decimal(dp + 6);
    let index = || yt.div(&y0).and_then(|i| i.to_decimal(20));
    match kind {
        ChangeKind::Multiple => {
            let i_dec = index();
            let i_f = i_dec.map_or(f64::NAN, approx_f64);
            ev.numbers.rate_to_date = annual_rate_of(i_f, || i_dec, el as u32, dp);
        }
        _ => ev.numbers.rate_to_date = q.div(&Rational::int(i64::from(el))).and_then(|r| round(&r, dp)),
    }
    if after {
        ev.status = if t != to {
            if ctx.detail {
                ctx.warnings.push(format!("no figure for {to}; the latest is for {}", l.period));
            }
            Status::NoData
        } else {
            final_status(&verdict)
        };
        return Ok(Facts::Judged {
            base,
            to,
            base_level: shown(&y0, dp),
            level: shown(&yt, dp),
            period: l.period,
            after,
        });
    }
    // before the deadline: the commitment to move towards (a band's nearer end)
    let target = match rule {
        Rule::Band { .. } => band_side(rule, &q),
        _ => commit.filter(|(_, d)| *d != Dir::Neutral),
    };
    if let Some((c, _)) = target {
        if el < span {
            let left = Rational::int(i64::from(span - el));
            ev.numbers.rate_required = match kind {
                ChangeKind::Multiple => {
                    let need = index().and_then(|i| c.checked_div(i));
                    need.and_then(|x| annual_rate_of(approx_f64(x), || Some(x), (span - el) as u32, dp))
                }
                _ => Rational::from(c).sub(&q).div(&left).and_then(|r| round(&r, dp)),
            };
        }
    }
    ev.status = if verdict.met {
        Status::OnTrack
    } else {
        match target {
            Some((c, dir)) => progress(ctx, ev, kind, &y0, &yt, c, dir, el, span, base_dec),
            None => Status::AtRisk,
        }
    };
    Ok(Facts::Judged { base, to, base_level: shown(&y0, dp), level: shown(&yt, dp), period: l.period, after })
}

/// Progress before the deadline towards the commitment `c` (direction `dir`), with its numbers.
#[allow(clippy::too_many_arguments)]
fn progress(
    ctx: &Ctx,
    ev: &mut Outcome,
    kind: ChangeKind,
    y0: &Rational,
    yt: &Rational,
    c: Decimal,
    dir: Dir,
    el: i32,
    span: i32,
    base_dec: Option<Decimal>,
) -> Status {
    let dp = ctx.options.decimals;
    let (el_r, span_r) = (Rational::int(i64::from(el)), Rational::int(i64::from(span)));
    if kind == ChangeKind::Multiple {
        // the compound path Y_0 k^(el/span); I = Y_t / Y_0
        let (k, i) = (Rational::from(c), yt.div(y0).unwrap_or_else(Rational::one));
        let up = match dir {
            Dir::Up if c > Decimal::ONE => true,
            Dir::Down if c < Decimal::ONE && c > Decimal::ZERO => false,
            _ => return Status::AtRisk,
        };
        let k_el = k.pow(el as u32);
        let meets = |r: Decimal| -> bool {
            let moved = i.sub(&Rational::one());
            if r == Decimal::ZERO {
                let s = moved.signum();
                return if up { s >= 0 } else { s <= 0 };
            }
            // x = 1 + (I - 1)/r against k^(el/span), through integer powers
            let x = Rational::one().add(&moved.div(&Rational::from(r)).unwrap_or_else(Rational::zero));
            if x.signum() <= 0 {
                return !up;
            }
            let o = x.pow(span as u32).cmp(&k_el);
            if up {
                o != Ordering::Less
            } else {
                o != Ordering::Greater
            }
        };
        // display: k^e, the expected level, the progress ratio, the projection at the pace so far
        if let (Some(ke), Some(i_dec)) = (frac_pow(c, el as u32, span as u32), i.to_decimal(20)) {
            if let Some(b) = base_dec {
                ev.numbers.expected_to_date = b.checked_mul(ke).map(|x| x.round_dp(dp));
                ev.numbers.projected = projection_of(b, approx_f64(i_dec), || Some(i_dec), span as u32, el as u32, dp);
            }
            let den = ke - Decimal::ONE;
            if den != Decimal::ZERO {
                ev.numbers.progress_ratio = (i_dec - Decimal::ONE).checked_div(den).map(|x| x.round_dp(dp + 2));
            }
        }
        return classify(ctx.options, &meets);
    }
    // relative and absolute: the straight path from Y_0 to the level the commitment requires
    let gap = level_for(kind, y0, c).sub(y0);
    let moved = yt.sub(y0);
    let sign = gap.signum();
    if sign == 0 || (dir == Dir::Up) != (sign > 0) {
        // the base already meets the commitment: no path to measure progress along
        return Status::AtRisk;
    }
    let lhs = moved.mul(&span_r);
    let meets = |r: Decimal| {
        let o = lhs.cmp(&gap.mul(&Rational::from(r)).mul(&el_r));
        if sign > 0 {
            o != Ordering::Less
        } else {
            o != Ordering::Greater
        }
    };
    ev.numbers.progress_ratio = lhs.div(&gap.mul(&el_r)).and_then(|r| round(&r, dp + 2));
    ev.numbers.expected_to_date = gap.mul(&el_r).div(&span_r).map(|g| y0.add(&g)).and_then(|x| round(&x, dp));
    ev.numbers.projected = moved.mul(&span_r).div(&el_r).map(|m| y0.add(&m)).and_then(|x| round(&x, dp));
    classify(ctx.options, &meets)
}
