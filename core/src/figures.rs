//! Figures (observations) in: the long format, one figure a row, from CSV or JSON, validated against a catalogue.
//!
//! Columns (CSV header names, JSON keys):
//!
//! | field | required | meaning |
//! | --- | --- | --- |
//! | `indicator` | yes | indicator id of the catalogue |
//! | `period` | yes, except for completion dates | `2026`, `2026-Q1` or `2026-03-15` |
//! | `value` | by measure | level, percent (0-100) or count; `.` is the decimal mark, no thousands separators |
//! | `numerator`, `denominator` | for shares, instead of `value` | the share is numerator / denominator |
//! | `growth` | for levels, instead of `value` | growth over the previous year, in percent |
//! | `done` | for yes/no statuses | `true`/`false` (also `yes`/`no`, `có`/`không`, `1`/`0`) |
//! | `completed` | for milestones | completion date `YYYY-MM-DD` |
//! | `unit` | no | reporting-unit code (ward or commune) |
//! | `entity` | no | entity for per-entity and coverage targets (a delegate, a school...) |
//! | `note` | no | free text, kept as given |
//!
//! Rows are numbered from 1: in CSV the header is row 1, so the first figure is row 2 (the line number); in JSON
//! the first element of the array is row 1; given column by column ([`Figures::from_columns`]) the first figure
//! is row 1.

use crate::error::{limits, Error, Result};
use crate::model::{Catalogue, Measure};
use crate::period::{Date, Period};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::str::FromStr;

/// One figure as supplied, typed. Exactly the fields its indicator's measure needs must be set.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    /// Indicator id.
    pub indicator: String,
    /// Period; may be omitted for completion dates (then the completion day is the period).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Level, percent or count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Decimal>,
    /// Numerator of a share.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<Decimal>,
    /// Denominator of a share.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<Decimal>,
    /// Growth over the previous year, percent (levels only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth: Option<Decimal>,
    /// Yes/no status (statuses, and "not completed" for milestones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
    /// Completion date (milestones).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed: Option<Date>,
    /// Reporting-unit code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// Note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A validated figure's content.
#[derive(Debug, Clone, PartialEq)]
pub enum FigureValue {
    /// A level, a percent, or a count.
    Number(Decimal),
    /// A share as numerator / denominator (percent = 100 * n / d).
    Ratio(Decimal, Decimal),
    /// Growth over the previous year, percent.
    Growth(Decimal),
    /// A yes/no status.
    Done(bool),
    /// Completed on that day.
    Completed(Date),
}

/// A validated figure with the row it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Row in the input.
    pub row: usize,
    /// Period.
    pub period: Period,
    /// Content.
    pub value: FigureValue,
    /// Entity, if any.
    pub entity: Option<String>,
}

/// Key of a series: indicator and reporting unit.
type SeriesKey = (String, Option<String>);

/// Validated figures, indexed by indicator and reporting unit. Build with [`Figures::from_csv`],
/// [`Figures::from_json`] or [`Figures::from_observations`].
#[derive(Debug, Clone, Default)]
pub struct Figures {
    series: HashMap<SeriesKey, Vec<Figure>>,
    units: std::collections::BTreeSet<Option<String>>,
    len: usize,
}

impl Figures {
    /// Number of figures.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no figures.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The reporting units present (`None` for figures without a unit), sorted.
    pub fn units(&self) -> Vec<Option<String>> {
        self.units.iter().cloned().collect()
    }

    /// The latest year any figure is for (a sensible default as-of year), `None` when there are no figures.
    pub fn latest_year(&self) -> Option<i32> {
        self.series
            .values()
            .flatten()
            .map(|f| match f.value {
                FigureValue::Completed(d) => d.year.max(f.period.year()),
                _ => f.period.year(),
            })
            .max()
    }

    /// Figures of one indicator for one reporting unit, sorted by period then entity.
    pub fn series(&self, indicator: &str, unit: Option<&str>) -> &[Figure] {
        self.series.get(&(indicator.to_string(), unit.map(str::to_string))).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Validate typed observations against a catalogue. Row numbers are `first_row`, `first_row + 1`, ...
    pub fn from_observations(catalogue: &Catalogue, observations: &[Observation], first_row: usize) -> Result<Figures> {
        let mut b = Builder::new(catalogue);
        for (i, obs) in observations.iter().enumerate() {
            b.push(first_row + i, obs)?;
        }
        Ok(b.finish())
    }

    /// Read and validate figures from CSV text (header row required; see the module docs for the columns).
    pub fn from_csv(catalogue: &Catalogue, text: &str) -> Result<Figures> {
        check_size(text)?;
        let mut b = Builder::new(catalogue);
        for (row, obs) in read_csv(text)? {
            b.push(row, &obs)?;
        }
        Ok(b.finish())
    }

    /// Read and validate figures from JSON text: an array of objects, or an object with a `figures` array.
    pub fn from_json(catalogue: &Catalogue, text: &str) -> Result<Figures> {
        check_size(text)?;
        let mut b = Builder::new(catalogue);
        for (row, obs) in read_json(text)? {
            b.push(row, &obs)?;
        }
        Ok(b.finish())
    }

    /// Read and validate figures given column by column, as a data-frame library holds them: `names[i]` is a
    /// field of the long format (the CSV header names) and `columns[i]` holds its text for every figure (`None`
    /// or empty for an empty cell). Rows are numbered from 1 (the first figure is row 1, as in JSON); a row with
    /// every cell empty holds no figure, as a blank CSV line. Column errors (an unknown or repeated name, no
    /// `indicator` column, columns of different lengths) are reported at row 0, the input as a whole.
    pub fn from_columns<N: AsRef<str>, T: AsRef<str>>(
        catalogue: &Catalogue,
        names: &[N],
        columns: &[Vec<Option<T>>],
    ) -> Result<Figures> {
        let bad = |message: String| Error::FiguresSyntax { row: 0, message };
        if names.len() != columns.len() {
            return Err(bad(format!("{} column names for {} columns", names.len(), columns.len())));
        }
        let mut slots = Vec::with_capacity(names.len());
        for name in names {
            let name = name.as_ref();
            let Some(slot) = FIELDS.iter().position(|f| *f == name) else {
                return Err(bad(format!("unknown column {name:?} (known: {})", FIELDS.join(", "))));
            };
            if slots.contains(&slot) {
                return Err(bad(format!("column {name:?} appears twice")));
            }
            slots.push(slot);
        }
        if !names.iter().any(|n| n.as_ref() == "indicator") {
            return Err(bad("no \"indicator\" column".into()));
        }
        let len = columns.first().map_or(0, Vec::len);
        if let Some((name, c)) = names.iter().zip(columns).find(|(_, c)| c.len() != len) {
            return Err(bad(format!("column {:?} has {} cells, the first column {len}", name.as_ref(), c.len())));
        }
        check_rows(len, len)?;
        let mut b = Builder::new(catalogue);
        for i in 0..len {
            let mut fields: [Option<&str>; 11] = [None; 11];
            for (slot, column) in slots.iter().zip(columns) {
                fields[*slot] = column[i].as_ref().map(AsRef::as_ref);
            }
            if fields.iter().all(|f| f.map_or(true, |t| t.trim().is_empty())) {
                continue; // an empty row holds no figure
            }
            let row = i + 1;
            b.push(row, &observation_from_fields(row, &fields)?)?;
        }
        Ok(b.finish())
    }

    /// Read CSV or JSON, guessing from the first non-blank character (`[` or `{` means JSON).
    pub fn from_text(catalogue: &Catalogue, text: &str) -> Result<Figures> {
        match text.trim_start().chars().next() {
            Some('[') | Some('{') => Figures::from_json(catalogue, text),
            _ => Figures::from_csv(catalogue, text),
        }
    }
}

/// What went wrong in a CSV record, in words (the reader reads from memory, so there is no I/O error).
fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("this row has {len} fields but the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { err, .. } => format!("field {} is not valid UTF-8", err.field() + 1),
        _ => "the CSV cannot be read".to_string(),
    }
}

fn check_size(text: &str) -> Result<()> {
    if text.len() > limits::MAX_FIGURES_BYTES {
        return Err(Error::LimitExceeded {
            what: format!("figure text of {} bytes", text.len()),
            limit: format!("{} bytes", limits::MAX_FIGURES_BYTES),
            at: String::new(),
            row: None,
            field: None,
        });
    }
    Ok(())
}

fn check_rows(row_count: usize, row: usize) -> Result<()> {
    if row_count > limits::MAX_FIGURES {
        return Err(Error::LimitExceeded {
            what: "number of figures".into(),
            limit: limits::MAX_FIGURES.to_string(),
            at: format!(" at row {row}"),
            row: Some(row),
            field: None,
        });
    }
    Ok(())
}

const FIELDS: &[&str] = &[
    "indicator",
    "period",
    "value",
    "numerator",
    "denominator",
    "growth",
    "done",
    "completed",
    "unit",
    "entity",
    "note",
];

/// Parse a decimal exactly: optional sign, digits with `.` as the decimal mark, optional exponent. No thousands
/// separators, no comma decimals (ambiguous between Vietnamese and English notation), no NaN or infinity, and no
/// silent rounding: a figure with more than 28 significant digits is refused.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let t = text.trim();
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let digits = mantissa.strip_prefix(['+', '-']).unwrap_or(mantissa);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let plain = Decimal::from_str_exact(mantissa).ok();
    match exponent {
        None => plain,
        Some(e) => {
            let ev = e.strip_prefix('+').unwrap_or(e);
            let body = ev.strip_prefix('-').unwrap_or(ev);
            if body.is_empty() || body.len() > 3 || !body.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let e: i32 = ev.parse().ok()?;
            let m = plain?;
            // shift the decimal point exactly
            let scale = i64::from(m.scale()) - i64::from(e);
            if scale >= 0 {
                if scale > 28 {
                    return None;
                }
                Decimal::try_from_i128_with_scale(m.mantissa(), scale as u32).ok()
            } else {
                let mut v = Decimal::try_from_i128_with_scale(m.mantissa(), 0).ok()?;
                for _ in 0..(-scale) {
                    v = v.checked_mul(Decimal::TEN)?;
                }
                Some(v)
            }
        }
    }
}

fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "true" | "yes" | "1" | "có" | "co" | "x" => Some(true),
        "false" | "no" | "0" | "không" | "khong" => Some(false),
        _ => None,
    }
}

/// A raw row: the text of each field of [`FIELDS`], by position (`None` when absent).
fn observation_from_fields(row: usize, fields: &[Option<&str>; 11]) -> Result<Observation> {
    for (k, v) in FIELDS.iter().zip(fields.iter()) {
        let Some(v) = v else { continue };
        let max = if *k == "note" { limits::MAX_TEXT_CHARS } else { limits::MAX_NAME_CHARS };
        if v.len() > max && v.chars().count() > max {
            return Err(Error::LimitExceeded {
                what: format!("field {k:?}"),
                limit: format!("{max} characters"),
                at: format!(" at row {row}"),
                row: Some(row),
                field: Some(k.to_string()),
            });
        }
    }
    let get = |k: &str| {
        let i = FIELDS.iter().position(|f| *f == k).expect("a known field");
        fields[i].map(str::trim).filter(|s| !s.is_empty())
    };
    let num = |k: &str| -> Result<Option<Decimal>> {
        match get(k) {
            None => Ok(None),
            Some(t) => parse_decimal(t).map(Some).ok_or_else(|| Error::NotANumber {
                row,
                field: k.to_string(),
                text: t.to_string(),
            }),
        }
    };
    let indicator = get("indicator").ok_or_else(|| Error::MissingField {
        row,
        field: "indicator".into(),
        indicator: String::new(),
    })?;
    let period = match get("period") {
        None => None,
        Some(t) => Some(Period::from_str(t).map_err(|_| Error::InvalidPeriod {
            row,
            field: "period".into(),
            text: t.to_string(),
        })?),
    };
    let completed = match get("completed") {
        None => None,
        Some(t) => Some(Date::from_str(t).map_err(|_| Error::InvalidPeriod {
            row,
            field: "completed".into(),
            text: t.to_string(),
        })?),
    };
    let done = match get("done") {
        None => None,
        Some(t) => Some(parse_bool(t).ok_or_else(|| Error::WrongKind {
            row,
            field: "done".into(),
            indicator: indicator.to_string(),
            measure: "a yes/no status (true/false)".into(),
        })?),
    };
    Ok(Observation {
        indicator: indicator.to_string(),
        period,
        value: num("value")?,
        numerator: num("numerator")?,
        denominator: num("denominator")?,
        growth: num("growth")?,
        done,
        completed,
        unit: get("unit").map(str::to_string),
        entity: get("entity").map(str::to_string),
        note: get("note").map(str::to_string),
    })
}

/// Parse CSV text into observations with their row numbers (the header is row 1).
pub fn read_csv(text: &str) -> Result<Vec<(usize, Observation)>> {
    let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| Error::FiguresSyntax { row: 1, message: csv_message(&e) })?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_lowercase())
        .collect::<Vec<_>>();
    for h in &headers {
        if !FIELDS.contains(&h.as_str()) {
            return Err(Error::FiguresSyntax {
                row: 1,
                message: format!("unknown column {h:?} (known: {})", FIELDS.join(", ")),
            });
        }
    }
    let mut seen = std::collections::HashSet::new();
    for h in &headers {
        if !seen.insert(h) {
            return Err(Error::FiguresSyntax { row: 1, message: format!("column {h:?} appears twice") });
        }
    }
    if !headers.iter().any(|h| h == "indicator") {
        return Err(Error::FiguresSyntax { row: 1, message: "no \"indicator\" column".into() });
    }
    let slots: Vec<usize> =
        headers.iter().map(|h| FIELDS.iter().position(|f| f == h).expect("checked above")).collect();
    // Rows are line numbers of the text (the csv reader does not count blank lines, so count them here).
    let bytes = text.as_bytes();
    let (mut line, mut seen_to) = (1usize, 0usize);
    let mut line_of = |byte: usize| {
        // a record's position is where the reader started looking: skip the blank lines before it
        let mut byte = byte.min(bytes.len());
        while byte < bytes.len() && (bytes[byte] == b'\n' || bytes[byte] == b'\r') {
            byte += 1;
        }
        if byte >= seen_to {
            line += bytes[seen_to..byte].iter().filter(|b| **b == b'\n').count();
            seen_to = byte;
        }
        line
    };
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let row = e.position().map(|p| line_of(p.byte() as usize)).unwrap_or(0);
                return Err(Error::FiguresSyntax { row, message: csv_message(&e) });
            }
        };
        let row = rec.position().map(|p| line_of(p.byte() as usize)).unwrap_or(0);
        check_rows(out.len() + 1, row)?;
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue; // a blank line holds no figure
        }
        let mut fields: [Option<&str>; 11] = [None; 11];
        for (slot, cell) in slots.iter().zip(rec.iter()) {
            fields[*slot] = Some(cell);
        }
        out.push((row, observation_from_fields(row, &fields)?));
    }
    Ok(out)
}

/// Parse JSON text into observations with their row numbers (the first element is row 1).
pub fn read_json(text: &str) -> Result<Vec<(usize, Observation)>> {
    let v: serde_json::Value =
        serde_json::from_str(text).map_err(|e| Error::FiguresSyntax { row: 0, message: e.to_string() })?;
    let rows = match v {
        serde_json::Value::Array(a) => a,
        serde_json::Value::Object(mut o) => match o.remove("figures") {
            Some(serde_json::Value::Array(a)) if o.is_empty() => a,
            _ => {
                return Err(Error::FiguresSyntax {
                    row: 0,
                    message: "expected an array of figures or an object {\"figures\": [...]}".into(),
                })
            }
        },
        _ => return Err(Error::FiguresSyntax { row: 0, message: "expected an array of figures".into() }),
    };
    let mut out = Vec::with_capacity(rows.len());
    check_rows(rows.len(), rows.len())?;
    for (i, item) in rows.into_iter().enumerate() {
        let row = i + 1;
        let obj = match item {
            serde_json::Value::Object(o) => o,
            _ => return Err(Error::FiguresSyntax { row, message: "a figure must be an object".into() }),
        };
        let mut texts: [Option<String>; 11] = Default::default();
        for (k, v) in obj {
            let Some(slot) = FIELDS.iter().position(|f| *f == k) else {
                return Err(Error::FiguresSyntax {
                    row,
                    message: format!("unknown field {k:?} (known: {})", FIELDS.join(", ")),
                });
            };
            let text = match v {
                serde_json::Value::Null => continue,
                serde_json::Value::String(s) => s,
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::Bool(b) => b.to_string(),
                _ => {
                    return Err(Error::FiguresSyntax {
                        row,
                        message: format!("field {k:?} must be a string or number"),
                    })
                }
            };
            texts[slot] = Some(text);
        }
        let fields: [Option<&str>; 11] = std::array::from_fn(|i| texts[i].as_deref());
        out.push((row, observation_from_fields(row, &fields)?));
    }
    Ok(out)
}

/// Interned key parts: indicator index, unit id and entity id (0 = none).
type Key = (usize, u32, u32);

struct Builder<'a> {
    catalogue: &'a Catalogue,
    measures: HashMap<&'a str, (usize, Measure)>,
    names: HashMap<String, u32>,
    seen: HashMap<(Key, Period), usize>,
    completion_seen: HashMap<Key, usize>,
    // (key, year) -> (row, is whole-year)
    years: HashMap<(Key, i32), (usize, bool)>,
    series: HashMap<(usize, u32), Vec<Figure>>,
    units: std::collections::BTreeSet<Option<String>>,
    len: usize,
}

impl<'a> Builder<'a> {
    fn new(catalogue: &'a Catalogue) -> Builder<'a> {
        Builder {
            catalogue,
            measures: catalogue.indicators.iter().enumerate().map(|(n, i)| (i.id.as_str(), (n, i.measure))).collect(),
            names: HashMap::new(),
            seen: HashMap::new(),
            completion_seen: HashMap::new(),
            years: HashMap::new(),
            series: HashMap::new(),
            units: Default::default(),
            len: 0,
        }
    }

    /// A small id for a unit or entity name (0 for none), allocating only the first time a name is seen.
    fn intern(&mut self, name: &Option<String>) -> u32 {
        match name {
            None => 0,
            Some(n) => {
                if let Some(id) = self.names.get(n.as_str()) {
                    return *id;
                }
                let id = self.names.len() as u32 + 1;
                self.names.insert(n.clone(), id);
                id
            }
        }
    }

    fn push(&mut self, row: usize, o: &Observation) -> Result<()> {
        let ind = o.indicator.as_str();
        let (ind_index, measure) =
            *self.measures.get(ind).ok_or_else(|| Error::UnknownIndicator { row, indicator: o.indicator.clone() })?;
        let wrong = |field: &str| Error::WrongKind {
            row,
            field: field.to_string(),
            indicator: o.indicator.clone(),
            measure: measure.name().to_string(),
        };
        let missing =
            |field: &str| Error::MissingField { row, field: field.to_string(), indicator: o.indicator.clone() };
        // Fields that do not belong to the measure are refused, never ignored.
        let allowed: &[&str] = match measure {
            Measure::Level => &["value", "growth"],
            Measure::Share => &["value", "numerator", "denominator"],
            Measure::Count => &["value"],
            Measure::Status => &["done"],
            Measure::Completion => &["completed", "done"],
        };
        let present = [
            ("value", o.value.is_some()),
            ("numerator", o.numerator.is_some()),
            ("denominator", o.denominator.is_some()),
            ("growth", o.growth.is_some()),
            ("done", o.done.is_some()),
            ("completed", o.completed.is_some()),
        ];
        for (name, is) in present {
            if is && !allowed.contains(&name) {
                return Err(wrong(name));
            }
        }
        let value = match measure {
            Measure::Level => match (o.value, o.growth) {
                (Some(v), None) => FigureValue::Number(v),
                (None, Some(g)) => FigureValue::Growth(g),
                (Some(_), Some(_)) => return Err(wrong("growth")),
                (None, None) => return Err(missing("value")),
            },
            Measure::Share => match (o.value, o.numerator, o.denominator) {
                (Some(v), None, None) => {
                    if v < Decimal::ZERO || v > Decimal::ONE_HUNDRED {
                        return Err(Error::PercentageOutOfRange {
                            row,
                            indicator: o.indicator.clone(),
                            value: v.to_string(),
                        });
                    }
                    FigureValue::Number(v)
                }
                (None, Some(n), Some(d)) => {
                    if d <= Decimal::ZERO {
                        return Err(Error::NonPositiveDenominator {
                            row,
                            indicator: o.indicator.clone(),
                            denominator: d.to_string(),
                        });
                    }
                    if n < Decimal::ZERO {
                        return Err(Error::NegativeCount {
                            row,
                            field: "numerator".into(),
                            indicator: o.indicator.clone(),
                            value: n.to_string(),
                        });
                    }
                    if n > d {
                        return Err(Error::NumeratorAboveDenominator {
                            row,
                            indicator: o.indicator.clone(),
                            numerator: n.to_string(),
                            denominator: d.to_string(),
                        });
                    }
                    FigureValue::Ratio(n, d)
                }
                (Some(_), _, _) => return Err(wrong("numerator")),
                (None, Some(_), None) => return Err(missing("denominator")),
                (None, None, Some(_)) => return Err(missing("numerator")),
                (None, None, None) => return Err(missing("value")),
            },
            Measure::Count => {
                let v = o.value.ok_or_else(|| missing("value"))?;
                if v < Decimal::ZERO {
                    return Err(Error::NegativeCount {
                        row,
                        field: "value".into(),
                        indicator: o.indicator.clone(),
                        value: v.to_string(),
                    });
                }
                if v.fract() != Decimal::ZERO {
                    return Err(Error::NotWholeCount { row, indicator: o.indicator.clone(), value: v.to_string() });
                }
                FigureValue::Number(v)
            }
            Measure::Status => FigureValue::Done(o.done.ok_or_else(|| missing("done"))?),
            Measure::Completion => match (o.completed, o.done) {
                (Some(d), None) | (Some(d), Some(true)) => FigureValue::Completed(d),
                (None, Some(false)) => FigureValue::Done(false),
                (Some(_), Some(false)) => return Err(wrong("done")),
                (None, _) => return Err(missing("completed")),
            },
        };
        let period = match (o.period, &value) {
            (Some(p), _) => p,
            (None, FigureValue::Completed(d)) => Period::Day(*d),
            (None, _) => return Err(missing("period")),
        };
        let p = &self.catalogue.programme;
        if period.year() < p.first_year || period.year() > p.last_year {
            return Err(Error::PeriodOutsideProgramme {
                row,
                indicator: o.indicator.clone(),
                period: period.to_string(),
                first: p.first_year,
                last: p.last_year,
            });
        }
        if let FigureValue::Completed(d) = value {
            if d.year < p.first_year || d.year > p.last_year {
                return Err(Error::PeriodOutsideProgramme {
                    row,
                    indicator: o.indicator.clone(),
                    period: d.to_string(),
                    first: p.first_year,
                    last: p.last_year,
                });
            }
        }
        let key: Key = (ind_index, self.intern(&o.unit), self.intern(&o.entity));
        let dup = |first_row: usize, shown: String| Error::DuplicateFigure {
            first_row,
            row,
            indicator: o.indicator.clone(),
            period: shown,
            unit_entity: describe(&o.unit, &o.entity),
        };
        if measure == Measure::Completion {
            // One milestone is done once: a second figure for it would contradict or repeat the first.
            if let Some(&first) = self.completion_seen.get(&key) {
                return Err(dup(first, period.to_string()));
            }
            self.completion_seen.insert(key, row);
        } else {
            if let Some(&first) = self.seen.get(&(key, period)) {
                return Err(dup(first, period.to_string()));
            }
            self.seen.insert((key, period), row);
            // A whole-year figure and a quarter or day figure of the same year overlap: summing both would count
            // twice, choosing one would drop the other.
            let whole = matches!(period, Period::Year(_));
            match self.years.get(&(key, period.year())) {
                Some(&(first, first_whole)) if first_whole || whole => {
                    return Err(dup(first, format!("{} (overlapping periods of {})", period, period.year())));
                }
                Some(_) => {}
                None => {
                    self.years.insert((key, period.year()), (row, whole));
                }
            }
        }
        if !self.units.contains(&o.unit) {
            self.units.insert(o.unit.clone());
        }
        self.len += 1;
        self.series.entry((ind_index, key.1)).or_default().push(Figure {
            row,
            period,
            value,
            entity: o.entity.clone(),
        });
        Ok(())
    }

    fn finish(self) -> Figures {
        let mut unit_names: HashMap<u32, String> = HashMap::new();
        for (name, id) in self.names {
            unit_names.insert(id, name);
        }
        let mut series = HashMap::with_capacity(self.series.len());
        for ((ind, unit), mut v) in self.series {
            v.sort_by(|a, b| a.period.cmp(&b.period).then_with(|| a.entity.cmp(&b.entity)));
            let unit = if unit == 0 { None } else { unit_names.get(&unit).cloned() };
            series.insert((self.catalogue.indicators[ind].id.clone(), unit), v);
        }
        Figures { series, units: self.units, len: self.len }
    }
}

fn describe(unit: &Option<String>, entity: &Option<String>) -> String {
    let mut s = String::new();
    if let Some(u) = unit {
        s.push_str(&format!(", unit {u:?}"));
    }
    if let Some(e) = entity {
        s.push_str(&format!(", entity {e:?}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_parse_exactly_or_not_at_all() {
        let d = |s: &str| parse_decimal(s).map(|d| d.to_string());
        assert_eq!(d("85"), Some("85".into()));
        assert_eq!(d("85.00"), Some("85.00".into()));
        assert_eq!(d("0.1"), Some("0.1".into()));
        assert_eq!(d("-3.5"), Some("-3.5".into()));
        assert_eq!(d("+2"), Some("2".into()));
        assert_eq!(d(".5"), Some("0.5".into()));
        assert_eq!(d("1e-05"), Some("0.00001".into()));
        assert_eq!(d("1.5E3"), Some("1500".into()));
        assert_eq!(d("1234567890123456789012345678"), Some("1234567890123456789012345678".into()));
        for bad in
            ["", " ", "abc", "1,5", "2.500.000", "NaN", "inf", "-", ".", "1e", "1e9999", "1_000", "0x10", "1 000"]
        {
            assert_eq!(parse_decimal(bad), None, "{bad:?}");
        }
        // too many significant digits to hold exactly: refused, not rounded
        assert_eq!(parse_decimal("0.12345678901234567890123456789"), None);
    }

    #[test]
    fn columns_read_like_csv_with_rows_from_one() {
        let cat = Catalogue::builtin();
        let csv = "indicator,period,value,numerator,denominator\n\
                   grdp,2025,100,,\ngrdp,2026,117,,\nonline_dossiers,2030,,17,20\n";
        let names = ["indicator", "period", "value", "numerator", "denominator"];
        let columns = vec![
            vec![Some("grdp"), Some("grdp"), None, Some("online_dossiers")],
            vec![Some("2025"), Some("2026"), None, Some("2030")],
            vec![Some("100"), Some("117"), Some(" "), None],
            vec![None, None, None, Some("17")],
            vec![None, None, None, Some("20")],
        ];
        let from_columns = Figures::from_columns(&cat, &names, &columns).unwrap();
        let from_csv = Figures::from_csv(&cat, csv).unwrap();
        assert_eq!(from_columns.len(), 3); // the empty third row holds no figure
        for ind in ["grdp", "online_dossiers"] {
            let a: Vec<_> = from_columns.series(ind, None).iter().map(|f| (f.period, f.value.clone())).collect();
            let b: Vec<_> = from_csv.series(ind, None).iter().map(|f| (f.period, f.value.clone())).collect();
            assert_eq!(a, b);
        }
        // rows count figures from 1, the empty row included
        assert_eq!(from_columns.series("online_dossiers", None)[0].row, 4);
        assert_eq!(from_csv.series("online_dossiers", None)[0].row, 4); // CSV: the header is row 1
        let dup = vec![vec![Some("grdp"), Some("grdp")], vec![Some("2026"), Some("2026")], vec![Some("1"), Some("2")]];
        let e = Figures::from_columns(&cat, &["indicator", "period", "value"], &dup).unwrap_err();
        assert_eq!((e.code(), e.details().row, e.details().other_row), ("duplicate_figure", Some(2), Some(1)));
    }

    #[test]
    fn column_errors() {
        let cat = Catalogue::builtin();
        let code = |names: &[&str], columns: Vec<Vec<Option<&str>>>| {
            let e = Figures::from_columns(&cat, names, &columns).unwrap_err();
            (e.code(), e.details().row)
        };
        let one = || vec![Some("grdp")];
        assert_eq!(code(&["indicator", "colour"], vec![one(), one()]), ("figures_syntax", Some(0)));
        assert_eq!(code(&["indicator", "indicator"], vec![one(), one()]), ("figures_syntax", Some(0)));
        assert_eq!(code(&["period"], vec![vec![Some("2026")]]), ("figures_syntax", Some(0)));
        assert_eq!(code(&["indicator", "period"], vec![one(), vec![]]), ("figures_syntax", Some(0)));
        assert_eq!(code(&["indicator"], vec![]), ("figures_syntax", Some(0)));
        assert_eq!(code(&["indicator", "value"], vec![one(), vec![None]]), ("missing_field", Some(1)));
        assert_eq!(
            code(&["indicator", "period", "value"], vec![one(), vec![Some("2026")], vec![Some("1,5")]]),
            ("not_a_number", Some(1))
        );
        let none: Vec<Vec<Option<&str>>> = vec![vec![]];
        assert!(Figures::from_columns(&cat, &["indicator"], &none).unwrap().is_empty());
    }
}
