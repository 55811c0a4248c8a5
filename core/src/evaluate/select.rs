//! Which figures a target reads: the whole unit's or each entity's, grouped by entity, summed, counted by year.

use super::{rows_warning, Ctx, Options};
use crate::exact::Rational;
use crate::figures::{Figure, FigureValue};
use crate::period::{Date, Period};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The figures a non-per-entity target reads: those without an entity. Warns when entity figures are left out.
pub(crate) fn whole_unit<'a>(ctx: &mut Ctx<'a>) -> Vec<&'a Figure> {
    keep(ctx, false)
}

/// Run `f` on the whole unit's figures (warning about entity figures, as [`whole_unit`]), then give them back to
/// the context: the shape of every kind that reads one series for the whole unit.
pub(crate) fn on_whole_unit<'a, T>(ctx: &mut Ctx<'a>, f: impl FnOnce(&mut Ctx<'a>, &[&'a Figure]) -> T) -> T {
    let figs = whole_unit(ctx);
    let out = f(ctx, &figs);
    ctx.figs = figs;
    out
}

/// Per-entity: the entity figures (figures without an entity are reported and not read).
pub(crate) fn by_entity<'a>(ctx: &mut Ctx<'a>) -> Vec<&'a Figure> {
    keep(ctx, true)
}

/// Take the usable figures with (or without) an entity, warning about the others.
pub(crate) fn keep<'a>(ctx: &mut Ctx<'a>, with_entity: bool) -> Vec<&'a Figure> {
    let mut figs = std::mem::take(&mut ctx.figs);
    if figs.iter().any(|f| f.entity.is_some() != with_entity) {
        if ctx.detail {
            let rows: Vec<usize> = figs.iter().filter(|f| f.entity.is_some() != with_entity).map(|f| f.row).collect();
            ctx.warnings.push(if with_entity {
                rows_warning(
                    format_args!(
                        "{} figure(s) without an entity not read: this target is judged entity by entity",
                        rows.len()
                    ),
                    &rows,
                )
            } else {
                rows_warning(
                    format_args!(
                        "{} figure(s) by entity not read: this target reads the figure for the whole unit",
                        rows.len()
                    ),
                    &rows,
                )
            });
        }
        figs.retain(|f| f.entity.is_some() == with_entity);
    }
    figs
}

/// Years of `from..=to` whose end is on or before the as-of date.
pub(crate) fn elapsed_years(from: i32, to: i32, as_of: Date) -> i32 {
    (from..=to).filter(|y| Date::end_of_year(*y) <= as_of).count() as i32
}

/// Sums by entity (`None` for the whole unit), read in entity order (`None` first), as a `BTreeMap` would give
/// them; a single group (the usual case) is kept without allocating.
#[derive(Default)]
pub(crate) struct Sums<'a> {
    one: Option<(Option<&'a str>, Rational)>,
    more: BTreeMap<Option<&'a str>, Rational>,
}

impl<'a> Sums<'a> {
    pub(crate) fn add(&mut self, key: Option<&'a str>, q: &Rational) {
        if self.more.is_empty() {
            match &mut self.one {
                None => {
                    self.one = Some((key, q.clone()));
                    return;
                }
                Some((k, sum)) if *k == key => {
                    *sum = sum.add(q);
                    return;
                }
                Some(_) => {
                    if let Some((k, sum)) = self.one.take() {
                        self.more.insert(k, sum);
                    }
                }
            }
        }
        let e = self.more.entry(key).or_insert_with(Rational::zero);
        *e = e.add(q);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub(crate) fn len(&self) -> usize {
        usize::from(self.one.is_some()) + self.more.len()
    }

    pub(crate) fn values(&self) -> impl Iterator<Item = &Rational> {
        self.one.iter().map(|(_, q)| q).chain(self.more.values())
    }
}

/// Figures grouped by entity (entities in order; no entity first), each group in period order.
pub(crate) enum Groups<'a, 'f> {
    /// One group, the list itself: every figure has the same entity (the usual case: none). Nothing allocated.
    One(&'f [&'a Figure]),
    /// Several entities.
    Many(Vec<Vec<&'a Figure>>),
}

impl<'a, 'f> Groups<'a, 'f> {
    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            Groups::One(list) => usize::from(!list.is_empty()),
            Groups::Many(groups) => groups.len(),
        }
    }

    pub(crate) fn lists(&self) -> impl Iterator<Item = &[&'a Figure]> {
        let (one, many) = match self {
            Groups::One(list) => ((!list.is_empty()).then_some(*list), &[][..]),
            Groups::Many(groups) => (None, &groups[..]),
        };
        one.into_iter().chain(many.iter().map(|g| &g[..]))
    }
}

pub(crate) fn entity_groups<'a, 'f>(figs: &'f [&'a Figure]) -> Groups<'a, 'f> {
    match figs.first() {
        None => Groups::One(figs),
        Some(first) if figs.iter().all(|f| f.entity == first.entity) => Groups::One(figs),
        Some(_) => {
            let mut groups: BTreeMap<Option<&str>, Vec<&Figure>> = BTreeMap::new();
            for f in figs {
                groups.entry(f.entity.as_deref()).or_default().push(f);
            }
            Groups::Many(groups.into_values().collect())
        }
    }
}

/// The latest figure of a universe indicator on or before the as-of date (the whole unit's).
pub(crate) fn latest_universe(series: &[Figure], options: &Options) -> Option<(Decimal, Option<Period>)> {
    series
        .iter()
        .filter(|f| f.entity.is_none() && f.period.end() <= options.as_of)
        .filter_map(|f| match f.value {
            FigureValue::Number(v) => Some((v, Some(f.period))),
            _ => None,
        })
        .next_back()
}
