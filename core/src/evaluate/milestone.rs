//! A milestone: done (a completion date, or a yes status) on or before its deadline.

use super::rules::rank_worse;
use super::select::{by_entity, entity_groups, whole_unit};
use super::{Ctx, Evaluation, Kind, Outcome};
use crate::error::Result;
use crate::figures::FigureValue;
use crate::period::{Date, Period};
use crate::status::Status;
use crate::text::{status_words, DateVi, Pair, PeriodEn, PeriodVi};

/// A milestone ("Quý I/2026 ban hành ..."): done by its deadline.
pub(crate) struct Milestone {
    /// The deadline.
    pub(crate) by: Period,
}

/// What the explanation of a milestone needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Facts {
    by: Period,
    done_on: Option<Date>,
    explicit_not_done: bool,
}

impl Kind for Milestone {
    type Facts = Facts;

    fn judge(&self, ctx: &mut Ctx, ev: &mut Outcome) -> Result<Facts> {
        Ok(milestone(ctx, ev, self.by))
    }

    fn explain(ev: &Evaluation, f: &Facts) -> (String, String) {
        explain(ev, f.by, f.done_on, f.explicit_not_done)
    }
}

/// A milestone: completed on or before its deadline.
fn milestone(ctx: &mut Ctx, ev: &mut Outcome, by: Period) -> Facts {
    let as_of = ctx.options.as_of;
    let end = by.end();
    let figs = if ctx.target.per_entity { by_entity(ctx) } else { whole_unit(ctx) };
    let groups = entity_groups(&figs);
    if groups.is_empty() {
        ev.status = if as_of < end { Status::NotDue } else { Status::NoData };
        ctx.figs = figs;
        return Facts { by, done_on: None, explicit_not_done: false };
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
    drop(groups);
    ctx.figs = figs;
    Facts { by, done_on, explicit_not_done }
}

/// The explanation of a milestone.
fn explain(ev: &Evaluation, by: Period, done: Option<Date>, explicit_not_done: bool) -> (String, String) {
    let (sv, se) = status_words(ev.status);
    let (dv, de) = (PeriodVi(by), PeriodEn(by));
    let mut p = Pair::new();
    match done {
        Some(d) => p.add(
            format_args!("{sv}: hoàn thành ngày {} (hạn {dv})", DateVi(d)),
            format_args!("{se}: completed on {d} (due {de})"),
        ),
        None if explicit_not_done => p.add(
            format_args!("{sv}: chưa hoàn thành khi hết hạn {dv}"),
            format_args!("{se}: not completed by the deadline, {de}"),
        ),
        None => p.add(
            format_args!("{sv}: chưa có thông tin hoàn thành (hạn {dv})"),
            format_args!("{se}: no completion reported (due {de})"),
        ),
    }
    p.done()
}
