//! By a deadline ("đến năm 2030", "Quý IV/2026"): the latest figure up to the deadline judged against the rule;
//! before the deadline, progress along the straight path from the baseline figure to the commitment.

use super::display::{round, shown};
use super::rules::{
    band_side, classify, cmp_with, commitment, figure_quantity, fill_margin, final_status, judge, rank_worse, worst,
    Dir,
};
use super::select::{by_entity, entity_groups, whole_unit};
use super::{Ctx, Evaluation, Kind, Outcome};
use crate::error::Result;
use crate::exact::Rational;
use crate::figures::FigureValue;
use crate::model::Rule;
use crate::period::Period;
use crate::status::Status;
use crate::text::{margins, ne, nv, status_words, values, Pair, PeriodEn, PeriodVi};
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::fmt::Write as _;

/// "Đến năm 2030", "Quý IV/2026": a level, share or count by a deadline.
pub(crate) struct Deadline {
    /// The deadline.
    pub(crate) by: Period,
}

/// What the explanation of a deadline target needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Facts {
    /// No figure up to the deadline.
    Missing { by: Period },
    /// The latest figure judged, with the baseline of its path when progress was measured.
    Latest { by: Period, after: bool, baseline: Option<(Decimal, Period)>, per_entity: Option<(usize, usize)> },
}

impl Kind for Deadline {
    type Facts = Facts;

    fn judge(&self, ctx: &mut Ctx, ev: &mut Outcome) -> Result<Facts> {
        Ok(deadline(ctx, ev, self.by))
    }

    fn explain(ev: &Evaluation, f: &Facts) -> (String, String) {
        match *f {
            Facts::Missing { by } => deadline_missing(ev, by),
            Facts::Latest { by, after, baseline, per_entity } => deadline_text(ev, by, after, baseline, per_entity),
        }
    }
}

/// A level, share or count by a deadline, with a straight-line path from the base year before it.
fn deadline(ctx: &mut Ctx, ev: &mut Outcome, by: Period) -> Facts {
    let per = ctx.per;
    let dp = ctx.options.decimals;
    let as_of = ctx.options.as_of;
    let end = by.end();
    let after = as_of >= end;
    let base_year = ctx.catalogue.programme.base_year;
    let mut usable = if ctx.target.per_entity { by_entity(ctx) } else { whole_unit(ctx) };
    // figures with a quantity (not growth rates or completion dates), up to the deadline
    usable.retain(|f| f.period.end() <= end && !matches!(f.value, FigureValue::Growth(_) | FigureValue::Completed(_)));
    // group by entity; take each group's latest figure
    let groups = entity_groups(&usable);
    if groups.is_empty() {
        ev.status = Status::NoData;
        ctx.figs = usable;
        return Facts::Missing { by };
    }
    let commit = commitment(&ctx.target.rule);
    let deadline_year = by.year();
    let mut worst_status: Option<Status> = None;
    let mut shown: Option<(Rational, Period)> = None;
    let mut met_count = 0;
    let mut baseline_used: Option<(Decimal, Period)> = None;
    for list in groups.lists() {
        let latest = list.last().copied().expect("non-empty group");
        let q = figure_quantity(&latest.value, per).unwrap_or_else(Rational::zero);
        if ctx.detail {
            ev.rows.push(latest.row);
        }
        let v = judge(&ctx.target.rule, ctx.tolerance, &cmp_with(&q));
        if v.met {
            met_count += 1;
        }
        if ev.numbers.aim_reached.is_none() || v.aim_reached == Some(false) {
            ev.numbers.aim_reached = v.aim_reached;
        }
        let st = if after {
            if latest.period.year() != deadline_year {
                if ctx.detail {
                    ctx.warnings.push(format!("no figure for {deadline_year}; the latest is for {}", latest.period));
                }
                Status::NoData
            } else {
                final_status(&v)
            }
        } else if v.met {
            Status::OnTrack
        } else {
            // baseline: the base-year figure, else the earliest figure
            let base = list.iter().find(|f| f.period == Period::Year(base_year)).or(list.first()).copied();
            // a band's commitment is its end on the side of the figure (outside it, as it is not met)
            let band = band_side(&ctx.target.rule, &q);
            let band_ok = |b: &crate::figures::Figure, (c, dir): (Decimal, Dir)| {
                // the baseline on the same side of the band as the figure: a path towards the band
                let gap = Rational::from(c).sub(&figure_quantity(&b.value, per).unwrap_or_else(Rational::zero));
                (gap.signum() > 0) == (dir == Dir::Up) && gap.signum() != 0
            };
            let commit = match band {
                Some(side) => base.filter(|b| band_ok(b, side)).map(|_| side),
                None => commit,
            };
            match (base, commit) {
                // the base figure is not the latest one itself (compared as figures, not by row: the cells of one
                // row of a wide sheet are several figures with one row number)
                (Some(b), Some((c, dir)))
                    if !std::ptr::eq(b, latest)
                        && (dir != Dir::Neutral || matches!(ctx.target.rule, Rule::About { .. })) =>
                {
                    let bq = figure_quantity(&b.value, per).unwrap_or_else(Rational::zero);
                    if ctx.detail {
                        ev.rows.push(b.row);
                    }
                    if let FigureValue::Number(bv) = b.value {
                        baseline_used = Some((bv, b.period));
                    } else {
                        baseline_used = bq.to_decimal(dp + 2).map(|x| (x, b.period));
                    }
                    let by_y = Rational::int(i64::from(deadline_year - b.period.year()));
                    let el = Rational::int(i64::from(latest.period.year() - b.period.year()));
                    let gap = Rational::from(c).sub(&bq); // required movement
                    let moved = q.sub(&bq);
                    if gap.signum() == 0 || el.signum() <= 0 || by_y.signum() <= 0 {
                        Status::AtRisk
                    } else {
                        // progress ratio = (moved / gap) / (elapsed / span)  >= r  <=> moved*span*sign >= r*gap*elapsed*sign
                        let sign = gap.signum();
                        let lhs = moved.mul(&by_y);
                        let meets = |r: Decimal| {
                            let rhs = gap.mul(&Rational::from(r)).mul(&el);
                            let o = lhs.cmp(&rhs);
                            if sign > 0 {
                                o != Ordering::Less
                            } else {
                                o != Ordering::Greater
                            }
                        };
                        if let Some(pr) = lhs.div(&gap.mul(&el)) {
                            ev.numbers.progress_ratio = round(&pr, dp + 2);
                        }
                        let exp = bq.add(&gap.mul(&el).div(&by_y).unwrap_or_else(Rational::zero));
                        ev.numbers.expected_to_date = round(&exp, dp);
                        ev.numbers.projected =
                            moved.mul(&by_y).div(&el).map(|m| bq.add(&m)).and_then(|p| round(&p, dp));
                        classify(ctx.options, &meets)
                    }
                }
                _ => Status::AtRisk,
            }
        };
        worst_status = Some(worst_status.map_or(st, |w: Status| rank_worse(w, st)));
        shown = Some(match shown {
            None => (q, latest.period),
            Some((s, p)) => {
                let w = worst(&ctx.target.rule, s.clone(), q.clone());
                if w.cmp(&s) == Ordering::Equal {
                    (s, p)
                } else {
                    (q, latest.period)
                }
            }
        });
    }
    if let Some((q, p)) = &shown {
        ev.numbers.value = self::shown(q, dp);
        ev.numbers.value_period = Some(*p);
        fill_margin(ctx, ev, q);
    }
    ev.status = worst_status.unwrap_or(Status::NoData);
    let per = ctx.target.per_entity.then_some((met_count, groups.len()));
    drop(groups);
    ctx.figs = usable;
    Facts::Latest { by, after, baseline: baseline_used, per_entity: per }
}

/// Deadline targets without a figure.
fn deadline_missing(ev: &Evaluation, by: Period) -> (String, String) {
    let (sv, se) = status_words(ev.status);
    let mut p = Pair::new();
    p.add(
        format_args!("{sv}: chưa có số liệu ({}, hạn {})", ev.reference_vi, PeriodVi(by)),
        format_args!("{se}: no figure yet ({}, due {})", ev.reference_en, PeriodEn(by)),
    );
    p.done()
}

/// Deadline targets.
fn deadline_text(
    ev: &Evaluation,
    by: Period,
    after: bool,
    baseline: Option<(Decimal, Period)>,
    per_entity: Option<(usize, usize)>,
) -> (String, String) {
    let (sv, se) = status_words(ev.status);
    let ((v, e), (mv, me)) = (values(ev), margins(ev));
    let mut p = Pair::new();
    let _ = write!(p.vi, "{sv}: ");
    let _ = write!(p.en, "{se}: ");
    if let Some(period) = ev.value_period {
        p.add(format_args!("{}", PeriodVi(period)), format_args!("{}", PeriodEn(period)));
    }
    p.add(
        format_args!(" đạt {v} (yêu cầu {}){mv}", ev.reference_vi),
        format_args!(" figure {e} (target {}){me}", ev.reference_en),
    );
    if !after {
        if let (Some((b, bp)), Some(x)) = (baseline, ev.expected_to_date) {
            p.add(
                format_args!(
                    "; từ mức {} ({}) theo lộ trình đều cần khoảng {} vào lúc này",
                    nv(b),
                    PeriodVi(bp),
                    nv(x)
                ),
                format_args!("; from {} in {} a straight path would need about {} by now", ne(b), PeriodEn(bp), ne(x)),
            );
        }
        if let Some(x) = ev.projected {
            p.add(
                format_args!("; theo xu hướng hiện nay {} sẽ đạt khoảng {}", PeriodVi(by), nv(x)),
                format_args!("; at the trend to date {} would be about {}", PeriodEn(by), ne(x)),
            );
        }
        if baseline.is_none() && ev.status == Status::AtRisk {
            p.str(
                "; chưa đạt và không có số liệu năm gốc để đo tiến độ",
                "; not met yet, and no base-year figure to measure progress from",
            );
        }
    }
    if let Some((m, n)) = per_entity {
        p.add(format_args!("; {m}/{n} đối tượng đạt"), format_args!("; {m} of {n} entities meet it"));
    }
    p.done()
}
