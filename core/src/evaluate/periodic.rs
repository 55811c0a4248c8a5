//! Every year ("hằng năm") or every quarter ("hàng quý"): each period judged on its own figure; the term verdict
//! needs every period.

use super::display::shown;
use super::rules::{cmp_with, figure_quantity, fill_margin, judge, term_status, worst};
use super::select::{by_entity, whole_unit};
use super::{Ctx, Evaluation, Kind, Outcome, PeriodResult};
use crate::error::Result;
use crate::exact::Rational;
use crate::period::Period;
use crate::status::Status;
use crate::text::{margins, status_words, values, DateVi, Pair, PeriodEn, PeriodVi};

/// Yearly and quarterly targets: each period judged; the term needs every period.
pub(crate) struct Periodic {
    from: i32,
    to: i32,
    quarterly: bool,
}

/// What the explanation of a periodic target needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Facts {
    due: usize,
    met: usize,
    missed: usize,
    missing: usize,
    total: usize,
    per_entity: bool,
}

impl Periodic {
    /// Every year of `from..=to`.
    pub(crate) fn years(from: i32, to: i32) -> Periodic {
        Periodic { from, to, quarterly: false }
    }

    /// Every quarter of the years `from..=to`.
    pub(crate) fn quarters(from: i32, to: i32) -> Periodic {
        Periodic { from, to, quarterly: true }
    }
}

impl Kind for Periodic {
    type Facts = Facts;

    fn judge(&self, ctx: &mut Ctx, ev: &mut Outcome) -> Result<Facts> {
        let (from, to) = (self.from, self.to);
        Ok(if self.quarterly {
            periodic(ctx, ev, (from..=to).flat_map(|y| (1..=4).map(move |q| Period::Quarter(y, q))))
        } else {
            periodic(ctx, ev, (from..=to).map(Period::Year))
        })
    }

    fn explain(ev: &Evaluation, f: &Facts) -> (String, String) {
        explain(ev, f.due, f.met, f.missed, f.missing, f.total, f.per_entity)
    }
}

fn periodic(ctx: &mut Ctx, ev: &mut Outcome, periods: impl Iterator<Item = Period>) -> Facts {
    let per = ctx.per;
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
                ev.periods.push(PeriodResult::of(*p, None, Some(Status::NoData)));
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
            let Some(q) = figure_quantity(&f.value, per) else { continue };
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
    ev.status = term_status(n, met, missed, missing, after, exceeded_all);
    ctx.figs = figs;
    Facts { due: n, met, missed, missing, total, per_entity: ctx.target.per_entity }
}

/// The explanation of a yearly or quarterly target.
fn explain(
    ev: &Evaluation,
    due: usize,
    met: usize,
    missed: usize,
    missing: usize,
    total: usize,
    per_entity: bool,
) -> (String, String) {
    let (sv, se) = status_words(ev.status);
    let mut p = Pair::new();
    if due == 0 {
        p.add(
            format_args!("{sv}: chưa có kỳ nào đến hạn tính đến {}.", DateVi(ev.as_of)),
            format_args!("{se}: no period is due by {}.", ev.as_of),
        );
        return p.end();
    }
    p.add(
        format_args!("{sv}: {met}/{due} kỳ đã đến hạn đạt yêu cầu ({})", ev.reference_vi),
        format_args!("{se}: {met} of {due} periods due meet the target ({})", ev.reference_en),
    );
    if missed > 0 {
        p.add(format_args!("; {missed} kỳ không đạt"), format_args!("; {missed} missed"));
    }
    if missing > 0 {
        p.add(format_args!("; {missing} kỳ chưa có số liệu"), format_args!("; {missing} without a figure"));
    }
    if let Some(period) = ev.value_period {
        let ((v, e), (mv, me)) = (values(ev), margins(ev));
        let (wv, we) = if per_entity { (" (đối tượng thấp nhất)", " (weakest entity)") } else { ("", "") };
        p.add(
            format_args!(". Kỳ gần nhất {}: {v}{wv}{mv}", PeriodVi(period)),
            format_args!(". Latest, {}: {e}{we}{me}", PeriodEn(period)),
        );
    }
    if total > due && !ev.status.is_final() {
        p.add(
            format_args!(". Chỉ tiêu đòi hỏi đạt ở tất cả {total} kỳ"),
            format_args!(". The target needs every one of {total} periods"),
        );
    }
    p.done()
}
