//! What each target needs: which figures (indicator, long-format field, periods, by entity or not) a catalogue's
//! targets read as of a date, and the fill-in template built on that list (CSV here; the .xlsx workbook in
//! [`crate::office`], feature `xlsx-write`).
//!
//! The periods are those the evaluators read (`core/src/evaluate/*`), kind by kind:
//!
//! | timing | periods due as of the date (years ended by it, within the programme's years) |
//! | --- | --- |
//! | `yearly`, `average`, `cumulative`, `coverage` | every year of the window ended |
//! | `quarterly` | every quarter of the window ended |
//! | `average_growth`, `average_change`, `yearly_change` | the base year (`from - 1`) and every year of the window ended, once the first has |
//! | `change` | the base year and the latest year ended up to `to`, once `base + 1` has |
//! | `deadline` | before it: the programme's base year (for the progress path; not for "exactly", whose verdict has no path) and the latest year ended; once reached: the deadline's own period |
//! | `deadline` with rule `done` | a completion date (`completed`, no period), or for a yes/no indicator `done` for the deadline period (or the latest year ended before it) |
//!
//! A coverage target with a `universe_indicator` also needs that indicator's latest year. Fields follow the
//! indicator's measure: `value` for levels (growth rates accepted instead where growth is judged), shares
//! (percent) and counts; `numerator` and `denominator` for rates per N (the rate is worked out exactly); `done`
//! for yes/no statuses; `completed` for completion dates.
//!
//! ```
//! use chitieu::{parse_as_of, template, Catalogue};
//! let cat = Catalogue::builtin();
//! let needs = template::needs(&cat, parse_as_of("2027").unwrap());
//! let grdp = needs.iter().find(|n| n.indicator == "grdp").unwrap();
//! assert_eq!(grdp.field, template::Field::Value);
//! assert_eq!(grdp.periods.iter().map(|p| p.to_string()).collect::<Vec<_>>(), ["2025", "2026", "2027"]);
//! let csv = template::template_csv(&cat, parse_as_of("2027").unwrap());
//! assert!(csv.starts_with("Phần (section),STT (stt),Chỉ tiêu (name)"));
//! ```

use crate::evaluate::{about_tolerance, commitment, Dir, Options};
use crate::model::{Catalogue, Indicator, Measure, Reading, Rule, Target, Timing};
use crate::period::{Date, Period};
use crate::text;
use serde::Serialize;

/// A long-format field a figure is entered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// `value`: a level, a percent (0-100) or a count.
    Value,
    /// `numerator` of a share or rate.
    Numerator,
    /// `denominator` of a share or rate.
    Denominator,
    /// `growth` over the previous year, percent (levels only).
    Growth,
    /// `done`: yes/no.
    Done,
    /// `completed`: a completion date.
    Completed,
}

impl Field {
    /// Every field, in a fixed order.
    pub const ALL: [Field; 6] =
        [Field::Value, Field::Numerator, Field::Denominator, Field::Growth, Field::Done, Field::Completed];

    /// The long-format column name (`value`, `numerator`...).
    pub fn name(&self) -> &'static str {
        match self {
            Field::Value => "value",
            Field::Numerator => "numerator",
            Field::Denominator => "denominator",
            Field::Growth => "growth",
            Field::Done => "done",
            Field::Completed => "completed",
        }
    }
}

/// One figure series a catalogue's targets need as of a date: an indicator's field, for some periods, for the
/// whole unit or entity by entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Need {
    /// Indicator id.
    pub indicator: String,
    /// The field to enter.
    pub field: Field,
    /// A field accepted instead (`growth` for a level whose growth is judged), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instead: Option<Field>,
    /// The periods due, in order (empty for [`Field::Completed`]: a date, no period).
    pub periods: Vec<Period>,
    /// Figures entity by entity (a per-entity or coverage target): the `entity` column is filled, a row an entity.
    pub per_entity: bool,
    /// One figure in any of the periods is enough (coverage counts the distinct entities with a positive figure
    /// over the window): the periods are where it may go, not each a figure the verdict reads.
    pub any_period: bool,
    /// The targets that read it, in catalogue order.
    pub targets: Vec<String>,
    /// The part of the programme (top-level section id) of the first of them: the template's sheet.
    pub section: String,
}

/// The top-level section a target belongs to: the outermost catalogue section containing its primary section's
/// heading (the target's own reference when the catalogue lists none).
pub fn part_of(catalogue: &Catalogue, target: &Target) -> String {
    let Some(s) = catalogue.section_of(target.section()) else { return target.section().to_string() };
    let within = |outer: &str, inner: &str| {
        inner == outer || inner.strip_prefix(outer).is_some_and(|rest| rest.starts_with(['.', ' ']))
    };
    catalogue
        .sections
        .iter()
        .filter(|o| within(&o.id, &s.id))
        .min_by_key(|o| o.id.len())
        .map_or_else(|| s.id.clone(), |o| o.id.clone())
}

/// The parts of the programme in the document's order (top-level sections that hold a target), with their
/// Vietnamese and English headings.
pub fn parts(catalogue: &Catalogue) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = Vec::new();
    for g in crate::report::group_targets(catalogue) {
        let Some(t) = g.targets.first().and_then(|id| catalogue.targets.iter().find(|t| &t.id == id)) else {
            continue;
        };
        let id = part_of(catalogue, t);
        if out.iter().any(|(p, _, _)| *p == id) {
            continue;
        }
        let (vi, en) = match catalogue.sections.iter().find(|s| s.id == id) {
            Some(s) => (s.title_vi.clone(), s.title_en.clone()),
            None => (id.clone(), id.clone()),
        };
        out.push((id, vi, en));
    }
    out
}

/// The periods a target reads as of `as_of`, and whether it reads a completion date (see the module's table).
fn periods_due(catalogue: &Catalogue, target: &Target, indicator: &Indicator, as_of: Date) -> (Vec<Period>, bool) {
    let p = &catalogue.programme;
    let ended = |y: i32| Date::end_of_year(y) <= as_of;
    let years = |a: i32, b: i32| -> Vec<Period> {
        (a.max(p.first_year)..=b.min(p.last_year)).filter(|y| ended(*y)).map(Period::Year).collect()
    };
    // the latest year ended, up to `to`
    let latest = |to: i32| (p.first_year..=to.min(p.last_year)).rev().find(|y| ended(*y));
    match &target.timing {
        Timing::Yearly { from, to } | Timing::Average { from, to } => (years(*from, *to), false),
        Timing::Cumulative { from, to } | Timing::Coverage { from, to, .. } => (years(*from, *to), false),
        Timing::Quarterly { from, to } => {
            let q = (*from.max(&p.first_year)..=*to.min(&p.last_year))
                .flat_map(|y| (1..=4).map(move |q| Period::Quarter(y, q)))
                .filter(|q| q.end() <= as_of)
                .collect();
            (q, false)
        }
        Timing::AverageGrowth { from, to }
        | Timing::AverageChange { from, to, .. }
        | Timing::YearlyChange { from, to, .. } => {
            if ended(*from) {
                (years(from - 1, *to), false)
            } else {
                (Vec::new(), false)
            }
        }
        Timing::Change { base, to, .. } => match latest(*to) {
            Some(l) if l > *base && ended(base + 1) => {
                let mut v = years(*base, *base);
                v.push(Period::Year(l));
                (v, false)
            }
            _ => (Vec::new(), false),
        },
        Timing::Deadline { by } => {
            let reached = by.end() <= as_of;
            if matches!(target.rule, Rule::Done) {
                if indicator.measure == Measure::Completion {
                    return (Vec::new(), as_of.year >= p.first_year);
                }
                let v = if reached { vec![*by] } else { latest(by.year() - 1).map(Period::Year).into_iter().collect() };
                return (v, false);
            }
            if reached {
                return (vec![*by], false);
            }
            let Some(l) = latest(by.year() - 1) else { return (Vec::new(), false) };
            let mut v = Vec::new();
            // the progress path starts at the base year's figure (the evaluator's baseline): for a rule with a
            // direction, "about" and a band; "exactly" has no path
            let path = match &target.rule {
                Rule::About { .. } | Rule::Band { .. } => true,
                rule => commitment(rule).is_some_and(|(_, d)| d != Dir::Neutral),
            };
            if path && p.base_year < l && p.base_year >= p.first_year {
                v.push(Period::Year(p.base_year));
            }
            v.push(Period::Year(l));
            (v, false)
        }
    }
}

/// The fields a target reads of its indicator's figures, with the field accepted instead, if any.
fn fields(target: &Target, indicator: &Indicator) -> Vec<(Field, Option<Field>)> {
    match indicator.measure {
        Measure::Level => {
            let growth = matches!(
                target.timing,
                Timing::AverageGrowth { .. }
                    | Timing::AverageChange { reading: Some(Reading::Relative), .. }
                    | Timing::YearlyChange { reading: Some(Reading::Relative), .. }
            );
            vec![(Field::Value, growth.then_some(Field::Growth))]
        }
        Measure::Share | Measure::Count => vec![(Field::Value, None)],
        Measure::Rate => vec![(Field::Numerator, None), (Field::Denominator, None)],
        Measure::Status => vec![(Field::Done, None)],
        Measure::Completion => vec![(Field::Completed, None)],
    }
}

/// Sort key of a period for columns: by year, then the year itself before its quarters and days.
pub fn period_key(p: &Period) -> (i32, u8, Date) {
    match p {
        Period::Year(y) => (*y, 0, Date::end_of_year(*y)),
        Period::Quarter(y, q) => (*y, *q, p.end()),
        Period::Day(d) => (d.year, 5, *d),
    }
}

/// Every figure series the catalogue's targets need as of `as_of`: one [`Need`] per (indicator, field, by entity
/// or not), in the order of the targets that first read them. A target whose periods are not due yet needs
/// nothing (it is "not due"); a milestone's completion date is asked as soon as the programme has begun.
pub fn needs(catalogue: &Catalogue, as_of: Date) -> Vec<Need> {
    let mut out: Vec<Need> = Vec::new();
    let mut add = |indicator: &str, field: Field, instead, periods: &[Period], per_entity, any, target: &Target| {
        let completed = field == Field::Completed;
        match out.iter_mut().find(|n| n.indicator == indicator && n.field == field && n.per_entity == per_entity) {
            Some(n) => {
                for p in periods {
                    if !n.periods.contains(p) {
                        n.periods.push(*p);
                    }
                }
                if !n.targets.contains(&target.id) {
                    n.targets.push(target.id.clone());
                }
                if n.instead.is_none() {
                    n.instead = instead;
                }
                n.any_period &= any;
            }
            None => out.push(Need {
                indicator: indicator.to_string(),
                field,
                instead,
                periods: if completed { Vec::new() } else { periods.to_vec() },
                per_entity,
                any_period: any,
                targets: vec![target.id.clone()],
                section: part_of(catalogue, target),
            }),
        }
    };
    for t in &catalogue.targets {
        let Some(ind) = catalogue.indicator(&t.indicator) else { continue };
        let (periods, completion) = periods_due(catalogue, t, ind, as_of);
        if periods.is_empty() && !completion {
            continue;
        }
        let coverage = matches!(t.timing, Timing::Coverage { .. });
        let per_entity = t.per_entity || coverage;
        for (field, instead) in fields(t, ind) {
            add(&ind.id, field, instead, &periods, per_entity, coverage, t);
        }
        // a coverage share over a measured universe: that indicator's latest figure
        if let Timing::Coverage { universe: None, universe_indicator: Some(u), .. } = &t.timing {
            if let (Some(ui), Some(last)) = (catalogue.indicator(u), periods.last()) {
                for (field, instead) in fields(t, ui) {
                    add(&ui.id, field, instead, &[*last], false, false, t);
                }
            }
        }
    }
    for n in &mut out {
        n.periods.sort_by_key(period_key);
    }
    out
}

/// The header keys of the template's columns, in order (the key is what the wide reader reads; see
/// `docs/office-out.md`): `section` (CSV only), `stt`, `name`, `measure_unit`, `enter`, `target`, `indicator`,
/// `field`, `entity` (when a row is by entity), the periods, `completed` (when a row asks for a date), `note`.
pub(crate) fn header_vi(key: &str) -> &'static str {
    match key {
        "section" => "Phần",
        "stt" => "STT",
        "name" => "Chỉ tiêu",
        "measure_unit" => "Đơn vị tính",
        "enter" => "Nhập",
        "target" => "Mục tiêu",
        "indicator" => "Mã chỉ tiêu",
        "field" => "Trường",
        "entity" => "Đối tượng",
        "completed" => "Ngày hoàn thành",
        "note" => "Ghi chú",
        _ => "",
    }
}

/// A header cell: `Vietnamese (key)`.
pub(crate) fn header_cell(key: &str) -> String {
    format!("{} ({key})", header_vi(key))
}

/// What to enter in a row, in Vietnamese.
pub(crate) fn enter_vi(need: &Need, indicator: &Indicator) -> String {
    let mut s = match (need.field, indicator.measure) {
        (Field::Value, Measure::Share) => "Tỷ lệ (%), số từ 0 đến 100".to_string(),
        (Field::Value, Measure::Count) => "Số lượng, số nguyên từ 0 trở lên".to_string(),
        (Field::Value, Measure::Rate) => format!("Tỷ suất (trên {})", text::vi(indicator.per.unwrap_or_default())),
        (Field::Value, _) => "Giá trị (số)".to_string(),
        (Field::Numerator, _) => "Tử số, số từ 0 trở lên".to_string(),
        (Field::Denominator, _) => "Mẫu số, số lớn hơn 0".to_string(),
        (Field::Growth, _) => "Tốc độ tăng so với năm trước (%)".to_string(),
        (Field::Done, _) => "Đã thực hiện: có / không".to_string(),
        (Field::Completed, _) => "Ngày hoàn thành (cột Ngày hoàn thành)".to_string(),
    };
    if need.instead == Some(Field::Growth) {
        s.push_str("; hoặc tốc độ tăng (%) ở một hàng trường growth");
    }
    if need.per_entity {
        s.push_str("; mỗi đối tượng một hàng (cột Đối tượng)");
    }
    s
}

/// The targets of a need in words (Vietnamese), each as the core words its rule, joined by "; ".
pub(crate) fn targets_vi(catalogue: &Catalogue, need: &Need, as_of: Date) -> String {
    let options = Options::new(as_of);
    need.targets
        .iter()
        .filter_map(|id| catalogue.targets.iter().find(|t| &t.id == id))
        .filter_map(|t| {
            let ind = catalogue.indicator(&t.indicator)?;
            Some(text::reference(t, ind, about_tolerance(&t.rule, &options)).0)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// One row of the template (both the CSV and the workbook): the descriptive cells and the keys.
pub(crate) struct Row<'a> {
    pub(crate) need: &'a Need,
    pub(crate) indicator: &'a Indicator,
    pub(crate) enter: String,
    pub(crate) target: String,
}

/// The rows of the template, each with its indicator (needs whose indicator is unknown are left out: a loaded
/// catalogue has none).
/// Rows come part by part, in the document's order of the parts (and within a part, in the targets' order).
pub(crate) fn rows<'a>(catalogue: &'a Catalogue, needs: &'a [Need], as_of: Date) -> Vec<Row<'a>> {
    let order: Vec<String> = parts(catalogue).into_iter().map(|(id, _, _)| id).collect();
    let mut rows: Vec<Row<'a>> = needs
        .iter()
        .filter_map(|n| {
            let indicator = catalogue.indicator(&n.indicator)?;
            Some(Row { need: n, indicator, enter: enter_vi(n, indicator), target: targets_vi(catalogue, n, as_of) })
        })
        .collect();
    // a stable sort: rows of one part keep the targets' order
    rows.sort_by_key(|r| order.iter().position(|p| *p == r.need.section).unwrap_or(usize::MAX));
    rows
}

/// The columns before the periods (`entity` only when some row is by entity).
pub(crate) fn leading_keys(any_entity: bool) -> Vec<&'static str> {
    let mut k = vec!["stt", "name", "measure_unit", "enter", "target", "indicator", "field"];
    if any_entity {
        k.push("entity");
    }
    k
}

/// The periods of a set of needs, in column order.
pub(crate) fn period_columns<'a>(needs: impl Iterator<Item = &'a Need>) -> Vec<Period> {
    let mut v: Vec<Period> = Vec::new();
    for n in needs {
        for p in &n.periods {
            if !v.contains(p) {
                v.push(*p);
            }
        }
    }
    v.sort_by_key(period_key);
    v
}

/// The fill-in template as CSV: the wide layout (one row per needed indicator and field, one column per period
/// due), header row first, a `section` column naming the part of the programme. Cells to fill are empty; cells
/// of periods a row does not need are empty too (the .xlsx template shades them).
pub fn template_csv(catalogue: &Catalogue, as_of: Date) -> String {
    let needs = needs(catalogue, as_of);
    let rows = rows(catalogue, &needs, as_of);
    let any_entity = needs.iter().any(|n| n.per_entity);
    let any_completed = needs.iter().any(|n| n.field == Field::Completed);
    let periods = period_columns(needs.iter());
    let mut header: Vec<String> = vec![header_cell("section")];
    header.extend(leading_keys(any_entity).iter().map(|k| header_cell(k)));
    header.extend(periods.iter().map(|p| p.to_string()));
    if any_completed {
        header.push(header_cell("completed"));
    }
    header.push(header_cell("note"));
    let mut out = String::new();
    crate::figures::push_csv_record(&mut out, &header);
    let mut stt = 0usize;
    let mut part = "";
    for r in &rows {
        if r.need.section != part {
            part = &r.need.section;
            stt = 0;
        }
        stt += 1;
        let mut cells = vec![
            r.need.section.clone(),
            stt.to_string(),
            r.indicator.name_vi.clone(),
            r.indicator.unit.clone(),
            r.enter.clone(),
            r.target.clone(),
            r.indicator.id.clone(),
            r.need.field.name().to_string(),
        ];
        if any_entity {
            cells.push(String::new());
        }
        cells.extend(periods.iter().map(|_| String::new()));
        if any_completed {
            cells.push(String::new());
        }
        cells.push(String::new());
        crate::figures::push_csv_record(&mut out, &cells);
    }
    out
}
