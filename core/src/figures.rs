//! Figures (observations) in: the long format, one figure a row, from CSV or JSON, validated against a catalogue.
//!
//! Columns (CSV header names, JSON keys):
//!
//! | field | required | meaning |
//! | --- | --- | --- |
//! | `indicator` | yes | indicator id of the catalogue |
//! | `period` | yes, except for completion dates | `2026`, `2026-Q1` or `2026-03-15` |
//! | `value` | by measure | level, percent (0-100) or count; `.` is the decimal mark, no thousands separators |
//! | `numerator`, `denominator` | for shares and rates, instead of `value` | the share is numerator / denominator (in percent); a rate numerator / denominator x its indicator's `per` |
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
use crate::model::{Catalogue, Indicator, Measure};
use crate::period::{Date, Period};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
#[cfg(not(target_arch = "wasm32"))]
use std::collections::HashSet;
use std::str::FromStr;
use std::sync::Arc;

/// A hash map keyed by short names (unit codes, indicator ids) with a fast hasher: the keys come from the
/// figures' own text, and a map answers lookups, not a public service's requests (no denial-of-service concern
/// beyond the input's size, which the limits bound).
type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// The multiply-rotate hash of Firefox and rustc (FxHash), over 8 bytes at a time.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &c in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(c)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

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
    /// A share as numerator / denominator (percent = 100 * n / d), or a rate (n / d x the indicator's `per`).
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
    /// Entity, if any (one shared copy of each name a builder saw: figures of the same entity point to it).
    pub entity: Option<Arc<str>>,
}

/// Validated figures, indexed by reporting unit and indicator. Build with [`Figures::from_csv`],
/// [`Figures::from_json`], [`Figures::from_observations`] or a [`FiguresBuilder`].
#[derive(Debug, Clone, Default)]
pub struct Figures {
    indicators: FastMap<String, usize>,
    n_indicators: usize,
    units: Vec<Option<String>>,
    unit_index: FastMap<String, u32>,
    none_unit: Option<u32>,
    unit_order: Vec<u32>,
    /// Every figure, series after series (unit by unit, indicators in catalogue order), so that the figures of
    /// one unit are read from one stretch of memory.
    figures: Vec<Figure>,
    /// Where each series (unit * indicators + indicator) starts in `figures`; one more entry marks the end.
    starts: Vec<u32>,
    refused: Vec<u32>,
    len: usize,
    /// The rows that held something (not blank), when read from a CSV text leniently.
    read_rows: Option<usize>,
}

impl Figures {
    /// The rows of the input that held something (blank ones aside), when the figures were read from CSV text
    /// leniently ([`crate::batch::read_csv`]): each is a figure, a bad row, or both (a duplicate). `None` for
    /// figures built otherwise.
    pub fn read_rows(&self) -> Option<usize> {
        self.read_rows
    }

    /// Renumber the figures' rows (figures read from places, given back the rows of their sheets).
    #[cfg(feature = "wide")]
    pub(crate) fn map_rows(&mut self, f: &dyn Fn(usize) -> usize) {
        for fig in &mut self.figures {
            fig.row = f(fig.row);
        }
    }

    /// Number of figures.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no figures.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The row of every figure (where it was read), series after series.
    pub fn rows(&self) -> impl Iterator<Item = usize> + '_ {
        self.figures.iter().map(|f| f.row)
    }

    /// The reporting units present (`None` for figures without a unit), sorted.
    pub fn units(&self) -> Vec<Option<String>> {
        self.unit_order.iter().map(|u| self.units[*u as usize].clone()).collect()
    }

    /// The latest year any figure is for (a sensible default as-of year), `None` when there are no figures.
    pub fn latest_year(&self) -> Option<i32> {
        self.figures
            .iter()
            .map(|f| match f.value {
                FigureValue::Completed(d) => d.year.max(f.period.year()),
                _ => f.period.year(),
            })
            .max()
    }

    /// Figures of one indicator for one reporting unit, sorted by period then entity.
    pub fn series(&self, indicator: &str, unit: Option<&str>) -> &[Figure] {
        match (self.indicators.get(indicator), self.unit_number(unit)) {
            (Some(i), Some(u)) => self.series_at(u, *i),
            _ => &[],
        }
    }

    /// The number of a reporting unit, if it has figures (or had bad rows, read leniently).
    pub(crate) fn unit_number(&self, unit: Option<&str>) -> Option<u32> {
        match unit {
            None => self.none_unit,
            Some(u) => self.unit_index.get(u).copied(),
        }
    }

    /// The units by number, in sorted order of their codes.
    pub(crate) fn unit_order(&self) -> &[u32] {
        &self.unit_order
    }

    /// The code of unit number `u`.
    pub(crate) fn unit_code(&self, u: u32) -> Option<&str> {
        self.units.get(u as usize).and_then(|c| c.as_deref())
    }

    /// The index of an indicator id in the catalogue the figures were read against.
    pub(crate) fn indicator_number(&self, indicator: &str) -> Option<usize> {
        self.indicators.get(indicator).copied()
    }

    /// Figures of unit number `u` for the indicator at catalogue index `i`.
    pub(crate) fn series_at(&self, u: u32, i: usize) -> &[Figure] {
        let slot = u as usize * self.n_indicators + i;
        match (self.starts.get(slot), self.starts.get(slot + 1)) {
            (Some(&a), Some(&b)) => &self.figures[a as usize..b as usize],
            _ => &[],
        }
    }

    /// For figures read leniently: the index (in the bad-row list) of the first bad row of unit `u` and the
    /// indicator at index `i`, if it had one.
    pub(crate) fn refused_at(&self, u: u32, i: usize) -> Option<usize> {
        self.refused.get(u as usize * self.n_indicators + i).filter(|r| **r != CLEAN).map(|r| *r as usize)
    }

    /// Validate typed observations against a catalogue. Row numbers are `first_row`, `first_row + 1`, ...
    pub fn from_observations(catalogue: &Catalogue, observations: &[Observation], first_row: usize) -> Result<Figures> {
        let mut b = FiguresBuilder::new(catalogue);
        for (i, obs) in observations.iter().enumerate() {
            if b.push(first_row + i, obs).is_err() {
                break;
            }
        }
        b.finish()
    }

    /// Read and validate figures from CSV text (header row required; see the module docs for the columns), with
    /// the default [`ReadOptions`] (a decimal point).
    pub fn from_csv(catalogue: &Catalogue, text: &str) -> Result<Figures> {
        Figures::from_csv_with(catalogue, text, &ReadOptions::default())
    }

    /// Read and validate figures from delimited text: the separator (`,`, `;` or a tab) is found from the header
    /// ([`detect_separator`]), and the header says the layout: the long format (see the module docs), or the wide
    /// one (a row an indicator, a column a period: see [`crate::grid`]). `options` says how numbers are written:
    /// a decimal comma is read only when asked for, and only from `;`- or tab-separated text (asked for with
    /// `,` between fields, it is [`Error::InvalidSetting`] on the field `decimal_comma`).
    pub fn from_csv_with(catalogue: &Catalogue, text: &str, options: &ReadOptions) -> Result<Figures> {
        check_size(text)?;
        let reading = Reading::of(text, options)?;
        if cfg!(feature = "wide") && is_wide(&csv_header_keys(text, reading.sep)) {
            return read_wide(catalogue, text, reading, false).map(|(f, _)| f);
        }
        let mut b = FiguresBuilder::new(catalogue);
        // a record that cannot be read (a ragged row, a bad number or period...) is the error, whatever comes
        // before it; else the first bad figure in row order (figures pushed up to the first bad one)
        let mut failed = false;
        read_csv_records(text, reading, &mut |row, _, fields| {
            let r = fields?;
            if !failed {
                failed = b.push_row(row, &r).is_err();
            }
            Ok(())
        })?;
        b.finish()
    }

    /// Read and validate figures from JSON text: an array of objects, or an object with a `figures` array.
    pub fn from_json(catalogue: &Catalogue, text: &str) -> Result<Figures> {
        check_size(text)?;
        let mut b = FiguresBuilder::new(catalogue);
        for (row, obs) in read_json(text)? {
            if b.push(row, &obs).is_err() {
                break;
            }
        }
        b.finish()
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
        let mut b = FiguresBuilder::new(catalogue);
        for i in 0..len {
            let mut fields: [Option<&str>; 11] = [None; 11];
            for (slot, column) in slots.iter().zip(columns) {
                fields[*slot] = column[i].as_ref().map(AsRef::as_ref);
            }
            if fields.iter().all(|f| f.map_or(true, |t| t.trim().is_empty())) {
                continue; // an empty row holds no figure
            }
            let row = i + 1;
            let r = match row_fields(row, &fields, Reading::PLAIN) {
                Ok(r) => r,
                Err(e) => {
                    let _ = b.refuse(row, 0, None, e);
                    break;
                }
            };
            if b.push_row(row, &r).is_err() {
                break;
            }
        }
        b.finish()
    }

    /// Read CSV or JSON, guessing from the first non-blank character (`[` or `{` means JSON).
    pub fn from_text(catalogue: &Catalogue, text: &str) -> Result<Figures> {
        Figures::from_text_with(catalogue, text, &ReadOptions::default())
    }

    /// [`Figures::from_text`] with [`ReadOptions`] for delimited text ([`Figures::from_csv_with`]). JSON has no
    /// decimal comma: asked for with JSON, it is [`Error::InvalidSetting`] on the field `decimal_comma`.
    pub fn from_text_with(catalogue: &Catalogue, text: &str, options: &ReadOptions) -> Result<Figures> {
        match text.trim_start().chars().next() {
            Some('[') | Some('{') => options.check_json().and_then(|()| Figures::from_json(catalogue, text)),
            _ => Figures::from_csv_with(catalogue, text, options),
        }
    }
}

/// How figures given as text are read: [`Figures::from_csv_with`], [`Figures::from_text_with`],
/// [`crate::batch::read_csv_with`], and text cells of a workbook (feature `xlsx`).
///
/// ```
/// use chitieu::{Catalogue, Figures, ReadOptions};
///
/// let cat = Catalogue::builtin();
/// // Excel in a Vietnamese locale saves ";" between fields and a decimal comma
/// let text = "indicator;period;value\ngrdp;2026;85,5\n";
/// let figures = Figures::from_csv_with(&cat, text, &ReadOptions::default().decimal_comma(true)).unwrap();
/// assert_eq!(figures.len(), 1);
/// // not declared: "85,5" is refused, as in a comma-separated file
/// assert_eq!(Figures::from_csv(&cat, text).unwrap_err().code(), "not_a_number");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadOptions {
    /// Numbers are written with a decimal comma (`85,5`), as Excel saves CSV in a Vietnamese or European locale.
    /// Read only from `;`- or tab-separated text (with `,` between fields it would be ambiguous, and asking for it
    /// there is an error). With it, a `.` in a number is refused (`1.234,5` or `85.5`: as a thousands separator or
    /// a decimal point it would be a guess), as is more than one comma. Off by default: `85,5` is then refused.
    pub decimal_comma: bool,
}

impl ReadOptions {
    /// The defaults: a decimal point.
    pub fn new() -> ReadOptions {
        ReadOptions::default()
    }

    /// Set [`ReadOptions::decimal_comma`].
    pub fn decimal_comma(mut self, yes: bool) -> ReadOptions {
        self.decimal_comma = yes;
        self
    }

    /// `Ok` unless a decimal comma is asked for figures given as JSON (text, or objects as JSON holds them), which
    /// have none: then [`Error::InvalidSetting`] on the field `decimal_comma`.
    pub fn check_json(&self) -> Result<()> {
        if self.decimal_comma {
            return Err(Error::InvalidSetting {
                field: "decimal_comma".into(),
                message: "JSON figures have no decimal comma (numbers are JSON numbers or text with a '.')".into(),
            });
        }
        Ok(())
    }
}

/// How one text is read: its separator and its decimal mark (from [`ReadOptions`], checked against the separator).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reading {
    pub(crate) sep: u8,
    pub(crate) decimal_comma: bool,
}

impl Reading {
    /// Comma-separated, decimal point: the readers of fields that are not delimited text (JSON, columns).
    pub(crate) const PLAIN: Reading = Reading { sep: b',', decimal_comma: false };

    /// The reading of `text` asked for with `options`: its separator found from its header, and the decimal comma
    /// refused with a `,` separator.
    pub(crate) fn of(text: &str, options: &ReadOptions) -> Result<Reading> {
        let sep = detect_separator(text);
        if options.decimal_comma && sep == b',' {
            return Err(Error::InvalidSetting {
                field: "decimal_comma".into(),
                message: "a decimal comma is read only from ';'- or tab-separated text: this header is separated by \
                          ',' (or by nothing), where \"1,5\" would be ambiguous"
                    .into(),
            });
        }
        Ok(Reading { sep, decimal_comma: options.decimal_comma })
    }

    /// A number field's text read as a decimal; the reason it is refused (for the message) otherwise.
    fn number(self, t: &str) -> std::result::Result<Decimal, &'static str> {
        if !self.decimal_comma {
            return parse_decimal(t).ok_or_else(|| {
                let comma = self.sep != b',' && t.matches(',').count() == 1 && !t.contains('.');
                if comma && parse_decimal(&t.replace(',', ".")).is_some() {
                    NOT_DECLARED_COMMA
                } else {
                    ""
                }
            });
        }
        if t.contains('.') {
            return Err(POINT_IN_DECIMAL_COMMA);
        }
        match t.matches(',').count() {
            0 => parse_decimal(t).ok_or(""),
            1 => parse_decimal(&t.replace(',', ".")).ok_or(""),
            _ => Err(""),
        }
    }
}

/// Why a number with a decimal comma is refused when none was declared.
const NOT_DECLARED_COMMA: &str = "; a decimal comma is read only when the figures are declared decimal-comma \
                                  (--decimal-comma, decimal_comma=True, {decimalComma: true})";
/// Why a number with a `.` is refused from figures declared decimal-comma.
const POINT_IN_DECIMAL_COMMA: &str = "; the figures were declared decimal-comma, where a '.' is refused (as a \
                                      thousands separator or a decimal point it would be a guess)";

/// The separator of delimited text, found from its header line (the first line, up to a line feed): the one of
/// `,`, `;` and a tab it holds; when it holds several, the one that splits it into names a header may hold (the
/// long format's columns, the wide layout's keys and periods: [`crate::grid`]), if exactly one does. Else `,`
/// (the reader then reports the header).
pub fn detect_separator(text: &str) -> u8 {
    let line = text.split('\n').next().unwrap_or("");
    let line = line.strip_suffix('\r').unwrap_or(line);
    const SEPARATORS: [u8; 3] = [b',', b';', b'\t'];
    let held = |s: &u8| line.as_bytes().contains(s);
    let fits =
        |s: &u8| line.split(char::from(*s)).all(|name| is_header_name(&header_key(name.trim().trim_matches('"'))));
    for test in [&held as &dyn Fn(&u8) -> bool, &|s: &u8| held(s) && fits(s)] {
        let mut found = SEPARATORS.iter().filter(|s| test(s));
        match (found.next(), found.next()) {
            (Some(one), None) => return *one,
            (None, _) => return b',',
            _ => {}
        }
    }
    b','
}

/// A header cell's key: the text inside its last pair of parentheses if it has one (`Mã chỉ tiêu (indicator)` is
/// `indicator`), else the whole text; trimmed (a byte-order mark too) and lower-cased (ASCII).
pub fn header_key(text: &str) -> String {
    let t = text.trim_start_matches('\u{feff}').trim();
    let inner = t.rfind(')').and_then(|close| t[..close].rfind('(').map(|open| &t[open + 1..close]));
    inner.unwrap_or(t).trim().to_ascii_lowercase()
}

/// The keys of a wide sheet's columns besides the periods and the long format's fields ([`crate::grid`]).
const WIDE_KEYS: &[&str] = &["field", "stt", "name", "measure_unit", "enter", "target", "section", "deadline"];

/// Whether a header key may head a column: a field of the long format, a key of the wide layout, or a period.
pub(crate) fn is_header_name(key: &str) -> bool {
    FIELDS.contains(&key) || WIDE_KEYS.contains(&key) || Period::from_str(key).is_ok()
}

/// Whether header keys are of the wide layout: an `indicator`, no `period`, and a `field` or a period column.
pub(crate) fn is_wide(keys: &[String]) -> bool {
    let has = |k: &str| keys.iter().any(|x| x == k);
    has("indicator") && !has("period") && (has("field") || keys.iter().any(|k| Period::from_str(k).is_ok()))
}

/// Read delimited text in the wide layout ([`crate::grid`], feature `wide`): the figures and the bad rows (kept
/// when `lenient`, else the first is the error). Without the feature, the error that says so.
fn read_wide(catalogue: &Catalogue, text: &str, reading: Reading, lenient: bool) -> Result<(Figures, Vec<RowError>)> {
    #[cfg(feature = "wide")]
    return crate::grid::read_wide_csv(catalogue, text, reading, lenient);
    #[cfg(not(feature = "wide"))]
    {
        let _ = (catalogue, text, reading, lenient);
        Err(wide_not_built())
    }
}

/// The error for a header of the wide layout in a build without its reader (cargo feature `wide`).
fn wide_not_built() -> Error {
    Error::FiguresSyntax {
        row: 1,
        message: "this header is of the wide layout (a row an indicator, a column a period), which this build does \
                  not read (cargo feature `wide`): write the figures in the long format"
            .into(),
    }
}

/// The keys of a delimited text's header (its first record), split at `sep`.
fn csv_header_keys(text: &str, sep: u8) -> Vec<String> {
    let mut records = CsvRecords { text, pos: 0, line: 1, sep };
    let mut rec = Vec::new();
    match records.next_record(&mut rec) {
        Some(_) => rec.iter().map(|h| header_key(h)).collect(),
        None => Vec::new(),
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

#[cfg_attr(not(target_arch = "wasm32"), inline)]
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

/// The fields of the long format (the CSV header names), in the order [`FiguresBuilder::push_texts`] takes them.
pub const FIELDS: &[&str] = &[
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
    plain_decimal(text.as_bytes()).or_else(|| parse_decimal_in_full(text))
}

/// The usual figure read straight from its bytes: an optional `-`, digits, and optionally `.` and more digits,
/// 18 digits at most (the same decimal as [`parse_decimal_in_full`] gives, scale and sign included); `None` for
/// anything else, which the full reader decides.
fn plain_decimal(b: &[u8]) -> Option<Decimal> {
    let (negative, digits) = match b {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, b),
    };
    let (mut m, mut count, mut scale, mut point) = (0u64, 0u32, 0u32, false);
    for &c in digits {
        match c {
            b'0'..=b'9' => {
                m = m * 10 + u64::from(c - b'0');
                count += 1;
                scale += u32::from(point);
            }
            b'.' if !point && count > 0 => point = true,
            _ => return None,
        }
    }
    if count == 0 || count > 18 || (point && scale == 0) {
        return None;
    }
    Some(Decimal::from_parts(m as u32, (m >> 32) as u32, 0, negative, scale))
}

/// [`parse_decimal`] for every form it reads (spaces around, a `+`, an exponent, a leading `.`, 28 digits).
fn parse_decimal_in_full(text: &str) -> Option<Decimal> {
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

#[cfg(feature = "wide")]
/// The decimal a number cell of a workbook shows, as Excel displays it in General format and in its formula bar:
/// the float rounded to 15 significant digits, trailing zeros dropped (a cached formula value 8.550000000000001
/// is 8.55, 0.1 + 0.2 is 0.3; 12345678901234567 is 12345678901234600, as Excel shows it). `None` for NaN,
/// infinities, and magnitudes a decimal cannot hold (beyond 28 digits either side).
pub fn decimal_from_excel(x: f64) -> Option<Decimal> {
    if !x.is_finite() {
        return None;
    }
    if x == 0.0 {
        return Some(Decimal::ZERO);
    }
    let s = format!("{x:.14e}");
    let (m, e) = s.split_once('e')?;
    let e: i64 = e.parse().ok()?;
    let negative = m.starts_with('-');
    let mut mantissa: i128 = m.bytes().filter(u8::is_ascii_digit).fold(0i128, |n, d| n * 10 + i128::from(d - b'0'));
    let mut scale = 14 - e;
    while scale > 0 && mantissa % 10 == 0 {
        mantissa /= 10;
        scale -= 1;
    }
    if negative {
        mantissa = -mantissa;
    }
    if scale >= 0 {
        Decimal::try_from_i128_with_scale(mantissa, u32::try_from(scale).ok().filter(|s| *s <= 28)?).ok()
    } else {
        let mut v = Decimal::try_from_i128_with_scale(mantissa, 0).ok()?;
        for _ in 0..(-scale) {
            v = v.checked_mul(Decimal::TEN)?;
        }
        Some(v)
    }
}

/// Delimited text as a sheet of text cells (row and column from 0; empty fields left out), for the wide reader.
#[cfg(feature = "wide")]
pub(crate) fn csv_sheet(text: &str, sep: u8) -> Result<crate::grid::Sheet> {
    let mut records = CsvRecords { text, pos: 0, line: 1, sep };
    let mut rec: Vec<Cow<str>> = Vec::new();
    let mut sheet = crate::grid::Sheet::default();
    let mut count = 0;
    while let Some(line) = records.next_record(&mut rec) {
        count += 1;
        check_rows(count, line)?;
        let cells: Vec<(u32, crate::grid::Cell)> = rec
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(c, t)| (c as u32, crate::grid::Cell::Text(t.to_string())))
            .collect();
        if !cells.is_empty() {
            sheet.rows.push(((line - 1) as u32, cells));
        }
    }
    Ok(sheet)
}

/// The decimal a float stands for: the shortest decimal that reads back as the same float, as Python's `repr`
/// and JavaScript's `String(x)` print it (`0.1` is `0.1`, not `0.1000000000000000055...`). `None` for NaN and
/// infinities (and for floats beyond 28 digits). This is how figures given as floats (a pandas `float64`
/// column, a JavaScript number) are read: exact for any figure written with up to 15 significant digits.
#[cfg_attr(not(target_arch = "wasm32"), inline)]
pub fn decimal_from_f64(x: f64) -> Option<Decimal> {
    if !x.is_finite() {
        return None;
    }
    // fast path: below 10^11 with up to 4 decimals the float is the nearest to N / 10^4 for one whole N (decimals
    // 10^-4 apart are more than two float steps apart there), found by rounding x * 10^4 (off by less than 0.3:
    // half a step of x times 10^4 plus half a step of the product) and checked by dividing back (IEEE division is
    // correctly rounded, so the check is exact); N's trailing zeros are then taken off the scale, which gives the
    // shortest decimal (a shorter one would be found the same way with fewer decimals)
    if x.abs() < 1e11 {
        // rounds to a whole number below 2^50 in magnitude (|x * 10^4| < 1e15 here) with two additions: adding
        // 1.5 * 2^52 leaves no bits below the units, taking it off again is exact (ties go to even, which cannot
        // matter: a float exactly halfway between two whole numbers fails the check below either way)
        const ROUND: f64 = 6_755_399_441_055_744.0;
        let n = (x * 1e4 + ROUND) - ROUND;
        if n / 1e4 == x {
            let m = n as i64;
            // the usual figure is whole: one remainder tells
            let (m, scale) = if m % 10_000 == 0 {
                (m / 10_000, 0)
            } else if m % 1_000 == 0 {
                (m / 1_000, 1)
            } else if m % 100 == 0 {
                (m / 100, 2)
            } else if m % 10 == 0 {
                (m / 10, 3)
            } else {
                (m, 4)
            };
            return Some(Decimal::new(m, scale));
        }
    }
    shortest_decimal(x)
}

/// [`decimal_from_f64`] for any finite float: its shortest text, read.
#[cold]
#[inline(never)]
fn shortest_decimal(x: f64) -> Option<Decimal> {
    parse_decimal(&x.to_string())
}

/// Read a yes/no cell (`done`) as every reader does: `true`/`false`, `yes`/`no`, `có`/`không`, `1`/`0` (any case,
/// spaces around ignored); `None` when it is none of them. For wrappers that read a column's distinct texts once.
pub fn parse_done(text: &str) -> Option<bool> {
    parse_bool(text)
}

/// Check the length of one field's text as every reader does (`note` may be longer than the names and codes):
/// `Error::LimitExceeded` with the row and field when it is too long. `field` is a column name of the long format.
pub fn check_field_length(row: usize, field: &str, text: &str) -> Result<()> {
    let max = if field == "note" { limits::MAX_TEXT_CHARS } else { limits::MAX_NAME_CHARS };
    if text.len() > max && text.chars().count() > max {
        return Err(Error::LimitExceeded {
            what: format!("field {field:?}"),
            limit: format!("{max} characters"),
            at: format!(" at row {row}"),
            row: Some(row),
            field: Some(field.to_string()),
        });
    }
    Ok(())
}

/// Check the number of figures against the limit (as the readers do), `row` being where the count is reached.
pub fn check_figure_count(count: usize, row: usize) -> Result<()> {
    check_rows(count, row)
}

fn parse_bool(text: &str) -> Option<bool> {
    // the usual words, as written by the readers' own writers, answered first (natively: the WebAssembly build
    // counts its bytes)
    if !cfg!(target_arch = "wasm32") {
        match text {
            "true" => return Some(true),
            "false" => return Some(false),
            _ => {}
        }
    }
    const WORDS: [(&str, bool); 9] = [
        ("true", true),
        ("false", false),
        ("yes", true),
        ("no", false),
        ("1", true),
        ("0", false),
        ("co", true),
        ("khong", false),
        ("x", true),
    ];
    if text.is_ascii() {
        let t = text.trim();
        return WORDS.iter().find(|(w, _)| t.eq_ignore_ascii_case(w)).map(|(_, b)| *b);
    }
    // the words are ASCII but for "có" and "không": their capitals are spelled out rather than lower-cased with
    // Unicode tables (which would cost the WebAssembly build kilobytes)
    let t = text.trim().to_ascii_lowercase().replace('Ó', "ó").replace('Ô', "ô");
    match t.as_str() {
        "true" | "yes" | "1" | "có" | "co" | "x" => Some(true),
        "false" | "no" | "0" | "không" | "khong" => Some(false),
        _ => None,
    }
}

/// The positions of the fields in [`FIELDS`], for readers that hold a row's cells by position (the columnar
/// reader, the Python wrapper's).
pub mod field {
    /// `indicator`.
    pub const INDICATOR: usize = 0;
    /// `period`.
    pub const PERIOD: usize = 1;
    /// `value`.
    pub const VALUE: usize = 2;
    /// `numerator`.
    pub const NUMERATOR: usize = 3;
    /// `denominator`.
    pub const DENOMINATOR: usize = 4;
    /// `growth`.
    pub const GROWTH: usize = 5;
    /// `done`.
    pub const DONE: usize = 6;
    /// `completed`.
    pub const COMPLETED: usize = 7;
    /// `unit`.
    pub const UNIT: usize = 8;
    /// `entity`.
    pub const ENTITY: usize = 9;
    /// `note`.
    pub const NOTE: usize = 10;
    /// The number fields, in order: `value`, `numerator`, `denominator`, `growth`.
    pub const NUMBERS: [usize; 4] = [VALUE, NUMERATOR, DENOMINATOR, GROWTH];
}
pub(crate) use field::{COMPLETED, DENOMINATOR, DONE, ENTITY, GROWTH, INDICATOR, NOTE, NUMERATOR, PERIOD, UNIT, VALUE};

/// A cell's text without the white space around it, `None` when nothing is left: `str::trim`, with the usual
/// cell (no space at either end, ASCII there) answered from its first and last bytes.
fn cell(text: &str) -> Option<&str> {
    let plain = |c: u8| c > b' ' && c < 0x80;
    match text.as_bytes() {
        [] => None,
        [first, .., last] if plain(*first) && plain(*last) => Some(text),
        [only] if plain(*only) => Some(text),
        _ => Some(text.trim()).filter(|t| !t.is_empty()),
    }
}

/// A row's fields read and typed, its names borrowed from the text: what an [`Observation`] holds, without a
/// string allocated per row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowFields<'t> {
    pub(crate) indicator: &'t str,
    pub(crate) unit: Option<&'t str>,
    pub(crate) entity: Option<&'t str>,
    pub(crate) note: Option<&'t str>,
    pub(crate) fields: Fields,
}

impl RowFields<'_> {
    fn to_observation(self) -> Observation {
        let f = self.fields;
        Observation {
            indicator: self.indicator.to_string(),
            period: f.period,
            value: f.value,
            numerator: f.numerator,
            denominator: f.denominator,
            growth: f.growth,
            done: f.done,
            completed: f.completed,
            unit: self.unit.map(str::to_string),
            entity: self.entity.map(str::to_string),
            note: self.note.map(str::to_string),
        }
    }
}

/// A raw row: the text of each field of [`FIELDS`], by position (`None` when absent).
fn observation_from_fields(row: usize, fields: &[Option<&str>; 11]) -> Result<Observation> {
    row_fields(row, fields, Reading::PLAIN).map(RowFields::to_observation)
}

/// Read and type a raw row's fields (see [`observation_from_fields`]); the first problem, in this order: a field
/// too long (in the order of [`FIELDS`]), no indicator, the period, the completion date, the yes/no, then the
/// numbers (value, numerator, denominator, growth).
pub(crate) fn row_fields<'t>(row: usize, fields: &[Option<&'t str>; 11], reading: Reading) -> Result<RowFields<'t>> {
    row_fields_checked(row, fields, reading, true)
}

/// [`row_fields`], the fields' lengths checked only when `lengths` (a caller who knows that no field can be too
/// long, the record being shorter than the shortest limit, skips the check). Inlined natively into the reader of
/// the usual record, where the fields it reads never leave the registers.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
#[cfg_attr(target_arch = "wasm32", inline)]
fn row_fields_checked<'t>(
    row: usize,
    fields: &[Option<&'t str>; 11],
    reading: Reading,
    lengths: bool,
) -> Result<RowFields<'t>> {
    if lengths {
        for (k, v) in fields.iter().enumerate() {
            let max = if k == NOTE { limits::MAX_TEXT_CHARS } else { limits::MAX_NAME_CHARS };
            match v {
                Some(v) if v.len() > max => check_field_length(row, FIELDS[k], v)?,
                _ => {}
            }
        }
    }
    let get = |k: usize| fields[k].and_then(cell);
    let num = |k: usize| -> Result<Option<Decimal>> {
        match get(k) {
            None => Ok(None),
            Some(t) => match plain_decimal(t.as_bytes()) {
                Some(d) if !reading.decimal_comma => Ok(Some(d)),
                _ => reading.number(t).map(Some).map_err(|why| Error::NotANumber {
                    row,
                    field: FIELDS[k].to_string(),
                    text: t.to_string(),
                    why,
                }),
            },
        }
    };
    let indicator = get(INDICATOR).ok_or_else(|| Error::MissingField {
        row,
        field: "indicator".into(),
        indicator: String::new(),
    })?;
    let period = match get(PERIOD) {
        None => None,
        Some(t) => Some(parse_period(t).ok_or_else(|| Error::InvalidPeriod {
            row,
            field: "period".into(),
            text: t.to_string(),
        })?),
    };
    let completed = match get(COMPLETED) {
        None => None,
        Some(t) => Some(parse_date(t).ok_or_else(|| Error::InvalidPeriod {
            row,
            field: "completed".into(),
            text: t.to_string(),
        })?),
    };
    let done = match get(DONE) {
        None => None,
        Some(t) => Some(parse_bool(t).ok_or_else(|| Error::WrongKind {
            row,
            field: "done".into(),
            indicator: indicator.to_string(),
            measure: "a yes/no status (true/false)".into(),
        })?),
    };
    let fields = Fields {
        period,
        value: num(VALUE)?,
        numerator: num(NUMERATOR)?,
        denominator: num(DENOMINATOR)?,
        growth: num(GROWTH)?,
        done,
        completed,
    };
    Ok(RowFields { indicator, unit: get(UNIT), entity: get(ENTITY), note: get(NOTE), fields })
}

/// A period as [`Period::from_str`] reads it, a plain year (four digits, the usual cell) read directly, and natively
/// a quarter `2026-Q2` and a day `2026-03-15` too (the WebAssembly build counts its bytes).
#[inline]
fn parse_period(t: &str) -> Option<Period> {
    if let [a, b, c, d] = *t.as_bytes() {
        if [a, b, c, d].iter().all(u8::is_ascii_digit) {
            let y = [a, b, c, d].iter().fold(0i32, |y, c| y * 10 + i32::from(c - b'0'));
            if y >= 1 {
                return Some(Period::Year(y));
            }
        }
    }
    other_period(t)
}

/// [`parse_period`] of anything but a plain year.
#[cfg_attr(not(target_arch = "wasm32"), inline(never))]
fn other_period(t: &str) -> Option<Period> {
    let b = t.as_bytes();
    if !cfg!(target_arch = "wasm32") && b.len() == 7 && b[4] == b'-' && b[5] == b'Q' {
        if let (Some(y), Some(q @ 1..=4)) = (digits(b, 0..4).filter(|y| *y >= 1), digits(b, 6..7)) {
            return Some(Period::Quarter(y, q as u8));
        }
    }
    if !cfg!(target_arch = "wasm32") {
        if let Some(d) = plain_date(b) {
            return Some(Period::Day(d));
        }
    }
    Period::from_str(t).ok()
}

/// A date as [`Date::from_str`] reads it, natively `2026-03-15` (digits only, a real day) read directly.
fn parse_date(t: &str) -> Option<Date> {
    if !cfg!(target_arch = "wasm32") {
        if let Some(d) = plain_date(t.as_bytes()) {
            return Some(d);
        }
    }
    Date::from_str(t).ok()
}

/// `yyyy-mm-dd` in digits, a day of the calendar; `None` for anything else.
fn plain_date(b: &[u8]) -> Option<Date> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let part = |r: std::ops::Range<usize>| digits(b, r).and_then(|n| u8::try_from(n).ok());
    Date::new(digits(b, 0..4)?, part(5..7)?, part(8..10)?)
}

/// The number written in `b[range]`, all ASCII digits (`None` otherwise, or when `b` is shorter).
fn digits(b: &[u8], range: std::ops::Range<usize>) -> Option<i32> {
    b.get(range)?.iter().try_fold(0i32, |n, c| c.is_ascii_digit().then(|| n * 10 + i32::from(c - b'0')))
}

/// Parse CSV text (long format; the separator found from the header, a decimal point) into observations with their
/// row numbers (the header is row 1).
pub fn read_csv(text: &str) -> Result<Vec<(usize, Observation)>> {
    let mut out = Vec::new();
    read_csv_records(text, Reading::of(text, &ReadOptions::default())?, &mut |row, _, obs| {
        out.push((row, obs?.to_observation()));
        Ok(())
    })?;
    Ok(out)
}

/// Read CSV text record by record: `each(row, (unit, indicator) as written, the row's fields or its error)`.
/// A problem with the whole text (the header) is an `Err`; an `Err` from `each` stops the reading. Compiled once
/// for all its callers (the strict reader and the batch's lenient one): a second copy of the CSV machinery would
/// cost the WebAssembly build ~1 KB gzipped of its size budget.
fn read_csv_records(text: &str, reading: Reading, each: &mut RecordSink) -> Result<()> {
    let mut records = CsvRecords { text, pos: 0, line: 1, sep: reading.sep };
    let header = read_csv_header(&mut records, reading)?;
    let mut count = 0;
    read_csv_body(&header, &mut records, text.len(), &mut count, each)
}

/// What the CSV reader hands each record to: `(row, its unit and indicator as written, its fields or its error)`;
/// an `Err` stops the reading.
type RecordSink<'s> = dyn FnMut(usize, Keys, Result<RowFields<'_>>) -> Result<()> + 's;

/// A row's unit and indicator as written (trimmed, `None` when blank), for a bad row's report.
type Keys<'r> = (Option<&'r str>, Option<&'r str>);

/// What the header says: the field of [`FIELDS`] each column holds, and where the unit and indicator are.
struct CsvHeader {
    slots: Vec<usize>,
    /// The column of each field of [`FIELDS`] ([`NO_COLUMN`] for a field the header does not name), natively.
    #[cfg(not(target_arch = "wasm32"))]
    column: [u8; 11],
    unit: Option<usize>,
    indicator: Option<usize>,
    reading: Reading,
}

/// A plain record's cells by field (natively, for [`FiguresBuilder::usual`]): where [`CsvRecords::split_plain`] cut
/// the record, and the column of each field.
#[cfg(not(target_arch = "wasm32"))]
struct Cells<'t, 'c> {
    text: &'t str,
    cuts: &'c [usize; PLAIN_FIELDS + 1],
    column: &'c [u8; 11],
}

#[cfg(not(target_arch = "wasm32"))]
impl<'t> Cells<'t, '_> {
    /// The cell of field `f` ([`FIELDS`]) as [`cell`] reads it: trimmed, `None` when blank or not in the header.
    #[inline(always)]
    fn get(&self, f: usize) -> Option<&'t str> {
        let c = usize::from(*self.column.get(f)?);
        let (a, z) = (*self.cuts.get(c)?, self.cuts.get(c + 1)?.checked_sub(1)?);
        if a >= z {
            return None;
        }
        self.text.get(a..z).and_then(cell)
    }

    /// The number in field `f`: `Some(None)` when blank, `None` unless written plainly ([`plain_decimal`]).
    #[inline(always)]
    fn number(&self, f: usize) -> Option<Option<Decimal>> {
        match self.get(f) {
            None => Some(None),
            Some(t) => plain_decimal(t.as_bytes()).map(Some),
        }
    }
}

/// A usual row's checked figure ([`FiguresBuilder::usual`]), with its unit's code, its indicator's index and its
/// entity.
#[cfg(not(target_arch = "wasm32"))]
struct Usual<'c> {
    unit: Option<&'c str>,
    indicator: usize,
    entity: Option<&'c str>,
    period: Period,
    value: FigureValue,
}

/// [`CsvHeader::column`] of a field the header does not name.
#[cfg(not(target_arch = "wasm32"))]
const NO_COLUMN: u8 = u8::MAX;

/// The message for an unknown column. A header that is one column holding known names joined by ";" or a tab is
/// one whose separator could not be found ([`detect_separator`]: a header in quotes): the message says so.
fn unknown_column(h: &str, columns: usize) -> String {
    let known = format!("unknown column {h:?} (known: {})", FIELDS.join(", "));
    let separated = [(';', "\";\""), ('\t', "a tab")]
        .into_iter()
        .find(|(sep, _)| columns == 1 && h.contains(*sep) && h.split(*sep).all(|name| FIELDS.contains(&name.trim())));
    match separated {
        Some((_, name)) => format!(
            "{known}: the header looks separated by {name} but reads as one column (is it in quotes?); a header \
             separated by \",\", \";\" or a tab is read as such"
        ),
        None => known,
    }
}

/// Read and check the header (row 1).
fn read_csv_header(records: &mut CsvRecords, reading: Reading) -> Result<CsvHeader> {
    let mut rec: Vec<Cow<str>> = Vec::new();
    let headers = match records.next_record(&mut rec) {
        // column names are ASCII: lower-cased without Unicode tables
        Some(_) => rec.iter().map(|h| header_key(h)).collect::<Vec<_>>(),
        None => Vec::new(),
    };
    if !cfg!(feature = "wide") && is_wide(&headers) {
        // a build without the wide reader (the WebAssembly modules): say so rather than name a period column
        return Err(wide_not_built());
    }
    for h in &headers {
        if !FIELDS.contains(&h.as_str()) {
            return Err(Error::FiguresSyntax { row: 1, message: unknown_column(h, headers.len()) });
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
    let slots: Vec<usize> = headers.iter().filter_map(|h| FIELDS.iter().position(|f| f == h)).collect();
    #[cfg(not(target_arch = "wasm32"))]
    let mut column = [NO_COLUMN; 11];
    #[cfg(not(target_arch = "wasm32"))]
    for (i, f) in slots.iter().enumerate() {
        column[*f] = u8::try_from(i).unwrap_or(NO_COLUMN);
    }
    Ok(CsvHeader {
        slots,
        #[cfg(not(target_arch = "wasm32"))]
        column,
        unit: headers.iter().position(|h| h == "unit"),
        indicator: headers.iter().position(|h| h == "indicator"),
        reading,
    })
}

/// Read the records that start before `end` (a record may run past it), counting them in `count` (the limit on
/// figures counts every record, blank ones too).
fn read_csv_body<'t>(
    header: &CsvHeader,
    records: &mut CsvRecords<'t>,
    end: usize,
    count: &mut usize,
    each: &mut RecordSink,
) -> Result<()> {
    let mut rec: Vec<Cow<str>> = Vec::new();
    let mut cells: [&str; PLAIN_FIELDS] = [""; PLAIN_FIELDS];
    loop {
        records.skip_blank_lines(end);
        if records.pos >= end {
            return Ok(());
        }
        // the usual record is split into `cells` without a copy; any other is read in full into `rec`
        // (not in the WebAssembly build, whose size counts more than the speed of reading large files)
        let plain = if cfg!(target_arch = "wasm32") { None } else { records.plain_record(&mut cells) };
        let (row, rec) = match plain {
            Some(p) => (p.line, Record::Plain(&cells[..p.count])),
            None => match records.next_record(&mut rec) {
                Some(row) => (row, Record::Full(&rec)),
                None => return Ok(()),
            },
        };
        *count += 1;
        check_rows(*count, row)?;
        let (len, at) = (rec.len(), |i: usize| rec.get(i));
        let get = |slot: Option<usize>| slot.and_then(at).and_then(cell);
        let keys = (get(header.unit), get(header.indicator));
        // a row naming its indicator is not blank; any other is looked at cell by cell
        if keys.1.is_none() && (0..len).all(|i| at(i).and_then(cell).is_none()) {
            continue; // a blank line holds no figure
        }
        if len != header.slots.len() {
            let message = format!("this row has {len} fields but the header has {}", header.slots.len());
            each(row, keys, Err(Error::FiguresSyntax { row, message }))?;
            continue;
        }
        let mut fields: [Option<&str>; 11] = [None; 11];
        let mut bytes = 0;
        for (i, slot) in header.slots.iter().enumerate() {
            let f = at(i);
            bytes += f.map_or(0, str::len);
            fields[*slot] = f;
        }
        // no field of a record this short can be too long: the lengths need no check one by one (natively: the
        // WebAssembly build, for size, checks them all)
        let short = !cfg!(target_arch = "wasm32") && bytes <= limits::MAX_NAME_CHARS;
        each(row, keys, row_fields_checked(row, &fields, header.reading, !short))?;
    }
}

/// [`read_csv_body`] into a lenient builder, each record counted in its `read_rows`. Natively the usual record
/// (plain, with as many fields as the header, short enough that no field can be too long, no decimal comma) is cut
/// where its fields end and goes to its checked figure in one step ([`FiguresBuilder::usual`]); any other record,
/// or one whose figure `usual` does not give (a cell not written the usual way, an unknown indicator, a figure
/// [`check`] refuses), is read again from its start by [`read_csv_body`], as every record is on WebAssembly, so
/// that every error comes from the general reader.
#[cfg_attr(target_arch = "wasm32", inline(always))]
fn read_csv_into<'t>(
    header: &CsvHeader,
    records: &mut CsvRecords<'t>,
    end: usize,
    count: &mut usize,
    b: &mut FiguresBuilder,
) -> Result<()> {
    if cfg!(target_arch = "wasm32") {
        return read_csv_body(header, records, end, count, &mut |row, keys, f| b.push_record(row, keys, f));
    }
    #[cfg(not(target_arch = "wasm32"))]
    let (columns, mut cuts) = (header.slots.len(), [0; PLAIN_FIELDS + 1]);
    loop {
        records.skip_blank_lines(end);
        if records.pos >= end {
            return Ok(());
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let (pos, line) = (records.pos, records.line);
            if let Some(p) = records.split_plain(columns, &mut cuts).filter(|p| p.count == columns) {
                // no field of a record this short can be too long
                let short = records.pos - pos <= limits::MAX_NAME_CHARS;
                let cells = Cells { text: records.text, cuts: &cuts, column: &header.column };
                if short && !header.reading.decimal_comma {
                    if let Some(Usual { unit, indicator, entity, period, value }) = b.usual(p.line, &cells) {
                        *count += 1;
                        check_rows(*count, p.line)?;
                        b.read_rows = b.read_rows.map(|n| n + 1);
                        let unit = b.unit(unit);
                        b.store(p.line, unit, indicator, entity, period, value);
                        continue;
                    }
                }
            }
            // any other record: read again from its start by the general reader
            (records.pos, records.line) = (pos, line);
        }
        // (the records that start before the next byte: this one)
        let next = records.pos + 1;
        read_csv_body(header, records, next, count, &mut |row, keys, f| b.push_record(row, keys, f))?;
    }
}

/// [`read_csv_lenient`] from a byte source read `chunk` bytes at a time, so that the text is never held whole: the
/// same figures and bad rows, with the same row numbers. Each stretch of whole lines is read as it comes (in parts
/// on up to `threads` threads, joined as [`read_csv_in_parts`] joins them). The source is read whole, as
/// [`read_csv_lenient`] reads a text, when its header holds a quote or is in the wide layout, and from the first
/// stretch holding a quote on (a quoted field may hold a line break across any later cut). Errors of the source,
/// and text that is not UTF-8, are the outer `Err`; a problem with the figures as a whole (the header, a limit) is
/// the inner one. `size_hint`, the source's length if known, sizes the figures' storage once.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn read_csv_stream<R: std::io::Read>(
    catalogue: &Catalogue,
    mut source: R,
    threads: usize,
    options: &ReadOptions,
    chunk: usize,
    part: usize,
    size_hint: Option<u64>,
) -> std::io::Result<Result<(Figures, Vec<RowError>)>> {
    use std::io::{Error as IoError, ErrorKind};
    let chunk = chunk.max(1);
    let mut buf: Vec<u8> = Vec::new();
    let mut eof = false;
    // append up to `chunk` more bytes of the source to `buf` (fewer at its end)
    let mut more = |buf: &mut Vec<u8>, eof: &mut bool| -> std::io::Result<()> {
        let start = buf.len();
        buf.resize(start + chunk, 0);
        let mut got = 0;
        while got < chunk {
            match source.read(&mut buf[start + got..]) {
                Ok(0) => {
                    *eof = true;
                    break;
                }
                Ok(n) => got += n,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        buf.truncate(start + got);
        Ok(())
    };
    fn utf8(bytes: &[u8], line: usize) -> std::io::Result<&str> {
        std::str::from_utf8(bytes).map_err(|e| {
            let at = line + bytes[..e.valid_up_to()].iter().filter(|c| **c == b'\n').count();
            IoError::new(ErrorKind::InvalidData, format!("the figures are not UTF-8 text (line {at})"))
        })
    }
    // the header: up to the line feed that ends the first line holding something
    let head_end = loop {
        let first = buf.iter().position(|c| *c != b'\n' && *c != b'\r');
        if let Some(nl) = first.and_then(|f| buf[f..].iter().position(|c| *c == b'\n').map(|i| f + i + 1)) {
            break nl;
        }
        if eof {
            break buf.len();
        }
        more(&mut buf, &mut eof)?;
    };
    let head = utf8(&buf[..head_end], 1)?;
    let reading = match Reading::of(head, options) {
        Ok(r) => r,
        Err(e) => return Ok(Err(e)),
    };
    if head.contains('"') || (cfg!(feature = "wide") && is_wide(&csv_header_keys(head, reading.sep))) {
        drop(more);
        if !eof {
            source.read_to_end(&mut buf)?;
        }
        return Ok(read_csv_lenient(catalogue, utf8(&buf, 1)?, threads, options));
    }
    let mut records = CsvRecords { text: head, pos: 0, line: 1, sep: reading.sep };
    let header = match read_csv_header(&mut records, reading) {
        Ok(h) => h,
        Err(e) => return Ok(Err(e)),
    };
    let (mut line, mut done) = (records.line, records.pos);
    let mut b = FiguresBuilder::lenient(catalogue);
    b.read_rows = Some(0);
    let mut count = 0usize;
    let mut sized = false;
    loop {
        buf.drain(..done);
        done = 0;
        if !eof {
            more(&mut buf, &mut eof)?;
        }
        // whole records only, but at the end: up to the last line feed, or where a quote is, the last line feed
        // outside a quoted field
        let lf = buf.iter().rposition(|c| *c == b'\n').map_or(0, |i| i + 1);
        let cut = match (eof, buf[..lf].contains(&b'"')) {
            (true, _) => buf.len(),
            (false, false) => lf,
            (false, true) => records_end(&buf[..lf], reading.sep),
        };
        if cut == 0 {
            if eof {
                break;
            }
            continue;
        }
        if !sized {
            // the figures' storage sized once from the first stretch's lines per byte (what is not used of it is
            // never touched, so costs no memory)
            let lines = count_lines(utf8(&buf[..cut], line)?).max(1);
            let rows = size_hint.map_or(0, |n| (n as f64 * lines as f64 / cut as f64 * 1.05) as usize);
            b.reserve(rows.min(limits::MAX_FIGURES));
            sized = true;
        }
        let text = utf8(&buf[..cut], line)?;
        // a record may hold a line break where there are quotes: such a stretch is not cut into parts
        let threads = if text.contains('"') { 1 } else { threads };
        if let Err(e) = read_stretch(catalogue, &header, &mut b, text, line, &mut count, threads, part) {
            return Ok(Err(e));
        }
        line += count_lines(text);
        done = cut;
        if eof && done == buf.len() {
            break;
        }
    }
    Ok(Ok(b.finish_lenient()))
}

/// Where the last record of `bytes` (which start with a record) that ends with a line feed ends: the position after
/// the last line feed outside a quoted field, as [`CsvRecords`] reads quotes (a quote opens a quoted field only at a
/// field's start, `""` inside one is a quote); 0 when there is none.
#[cfg(not(target_arch = "wasm32"))]
fn records_end(bytes: &[u8], sep: u8) -> usize {
    let (mut field_start, mut quoted, mut end) = (true, false, 0);
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if quoted {
            if c == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if c == b'"' && field_start {
            quoted = true;
            field_start = false;
        } else if c == b'\n' {
            field_start = true;
            end = i + 1;
        } else {
            field_start = c == sep || c == b'\r';
        }
        i += 1;
    }
    end
}

/// Read a stretch of whole records starting on line `line` into `b`: on one thread, or cut at line feeds into parts (of `part` bytes at least) read on up to `threads` threads
/// and appended in order (the same as one thread; when the parts would pass the limit on records, the stretch is
/// read again on one thread for the limit's exact row). Only a stretch holding no quote may be cut (no record of it
/// crosses a line feed).
#[cfg(not(target_arch = "wasm32"))]
#[allow(clippy::too_many_arguments)]
fn read_stretch(
    catalogue: &Catalogue,
    header: &CsvHeader,
    b: &mut FiguresBuilder,
    text: &str,
    line: usize,
    count: &mut usize,
    threads: usize,
    part: usize,
) -> Result<()> {
    let one = |b: &mut FiguresBuilder, count: &mut usize| {
        let mut records = CsvRecords { text, pos: 0, line, sep: header.reading.sep };
        read_csv_into(header, &mut records, text.len(), count, b)
    };
    let threads = threads.clamp(1, 64).min(text.len() / part.max(1)).max(1);
    if threads == 1 {
        return one(b, count);
    }
    let bytes = text.as_bytes();
    let mut cuts = vec![0];
    for k in 1..threads {
        let near = text.len() / threads * k;
        if let Some(i) = bytes[near..].iter().position(|c| *c == b'\n') {
            if near + i + 1 > cuts[cuts.len() - 1] && near + i + 1 < text.len() {
                cuts.push(near + i + 1);
            }
        }
    }
    cuts.push(text.len());
    let mut lines = vec![line];
    for w in cuts.windows(2) {
        lines.push(lines[lines.len() - 1] + count_lines(&text[w[0]..w[1]]));
    }
    let parts: Vec<Result<(FiguresBuilder, usize)>> = std::thread::scope(|s| {
        let handles: Vec<_> = cuts
            .windows(2)
            .zip(&lines)
            .map(|(w, &at)| {
                let part = &text[w[0]..w[1]];
                s.spawn(move || {
                    let mut p = FiguresBuilder::lenient(catalogue);
                    p.read_rows = Some(0);
                    let mut records = CsvRecords { text: part, pos: 0, line: at, sep: header.reading.sep };
                    let mut n = 0;
                    read_csv_into(header, &mut records, part.len(), &mut n, &mut p).map(|()| (p, n))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| {
                    Err(Error::FiguresSyntax { row: line, message: "a reader thread failed".into() })
                })
            })
            .collect()
    });
    let total: usize = parts.iter().map(|p| p.as_ref().map_or(0, |(_, n)| *n)).sum();
    if parts.iter().any(|p| p.is_err()) || *count + total > limits::MAX_FIGURES {
        return one(b, count);
    }
    for (p, n) in parts.into_iter().flatten() {
        b.append(p);
        *count += n;
    }
    Ok(())
}

/// Read CSV figures leniently (see [`FiguresBuilder::lenient`]): the figures and the bad rows, each with its row
/// and unit. On up to `threads` threads (not on WebAssembly): the text is cut at line feeds into one stretch a
/// thread, each read on its own with the rows numbered from where it starts, and the parts joined in order into
/// exactly what one thread would have built. A stretch that does not start on a record (a quoted field holding a
/// line break across the cut), or records beyond the limit, and the whole text is read again on one thread.
pub(crate) fn read_csv_lenient(
    catalogue: &Catalogue,
    text: &str,
    threads: usize,
    options: &ReadOptions,
) -> Result<(Figures, Vec<RowError>)> {
    let reading = Reading::of(text, options)?;
    if cfg!(feature = "wide") && is_wide(&csv_header_keys(text, reading.sep)) {
        return read_wide(catalogue, text, reading, true);
    }
    read_csv_in_parts(catalogue, text, reading, threads, 1 << 20)
}

/// [`read_csv_lenient`] with at least `part` bytes a thread.
#[cfg_attr(target_arch = "wasm32", allow(unused_variables))]
fn read_csv_in_parts(
    catalogue: &Catalogue,
    text: &str,
    reading: Reading,
    threads: usize,
    part: usize,
) -> Result<(Figures, Vec<RowError>)> {
    let mut records = CsvRecords { text, pos: 0, line: 1, sep: reading.sep };
    let header = read_csv_header(&mut records, reading)?;
    let body = records.pos..text.len();
    #[cfg(not(target_arch = "wasm32"))]
    let threads = threads.clamp(1, 64).min(body.len() / part.max(1)).max(1);
    let read = |records: &mut CsvRecords, end: usize, count: &mut usize| {
        let mut b = FiguresBuilder::lenient(catalogue);
        b.reserve(count_lines(&text[records.pos.min(end)..end]));
        b.read_rows = Some(0);
        read_csv_into(&header, records, end, count, &mut b).map(|()| b)
    };
    #[cfg(not(target_arch = "wasm32"))]
    if threads > 1 {
        // cut after a line feed near each 1/threads of the body
        let b = text.as_bytes();
        let mut cuts = vec![body.start];
        for k in 1..threads {
            let near = body.start + body.len() / threads * k;
            let at = b[near..].iter().position(|c| *c == b'\n').map_or(text.len(), |i| near + i + 1);
            if at > *cuts.last().unwrap_or(&0) && at < text.len() {
                cuts.push(at);
            }
        }
        cuts.push(text.len());
        // the line each stretch starts on
        let mut lines = vec![records.line];
        for w in cuts.windows(2) {
            lines.push(lines[lines.len() - 1] + count_lines(&text[w[0]..w[1]]));
        }
        let parts: Vec<Option<(FiguresBuilder, usize, usize)>> = std::thread::scope(|s| {
            let read = &read;
            let handles: Vec<_> = cuts
                .windows(2)
                .zip(&lines)
                .map(|(w, &line)| {
                    let (start, end) = (w[0], w[1]);
                    s.spawn(move || {
                        let mut records = CsvRecords { text, pos: start, line, sep: header.reading.sep };
                        let mut count = 0;
                        read(&mut records, end, &mut count).ok().map(|b| (b, records.pos, count))
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().ok().flatten()).collect()
        });
        // each stretch must start where the one before it stopped
        let mut joined: Option<FiguresBuilder> = None;
        let mut total = 0usize;
        let mut at = body.start;
        for (part, start) in parts.into_iter().zip(&cuts) {
            match part {
                Some((b, stop, count)) if *start == at => {
                    at = stop;
                    total += count;
                    match &mut joined {
                        None => joined = Some(b),
                        Some(j) => j.append(b),
                    }
                }
                _ => {
                    joined = None;
                    break;
                }
            }
        }
        if let Some(b) = joined.filter(|_| total <= limits::MAX_FIGURES) {
            return Ok(b.finish_lenient());
        }
    }
    let mut count = 0;
    let b = read(&mut records, text.len(), &mut count)?;
    Ok(b.finish_lenient())
}

/// A record's fields: borrowed from the text, or read in full (quoted fields may be copies).
#[derive(Clone, Copy)]
enum Record<'r, 't> {
    Plain(&'r [&'t str]),
    Full(&'r [Cow<'t, str>]),
}

impl<'r> Record<'r, '_> {
    fn len(self) -> usize {
        match self {
            Record::Plain(c) => c.len(),
            Record::Full(c) => c.len(),
        }
    }

    fn get(self, i: usize) -> Option<&'r str> {
        match self {
            Record::Plain(c) => c.get(i).copied(),
            Record::Full(c) => c.get(i).map(|c| c.as_ref()),
        }
    }
}

/// The records of CSV text, each with the line it starts on (RFC 4180: `,` between fields; a field in `"` may
/// hold `,`, line breaks and `""` for a quote; lines end with `\n`, `\r\n` or `\r`; a blank line is no record).
/// Text after a closing quote is kept as part of the field and a `"` inside an unquoted field is an ordinary
/// character, so every text reads as some records: a CSV error is only ever a row of the wrong length.
struct CsvRecords<'t> {
    text: &'t str,
    pos: usize,
    line: usize,
    /// The separator between fields: `,`, `;` or a tab ([`detect_separator`]).
    sep: u8,
}

/// The most fields [`CsvRecords::plain_record`] splits (more than a header of the long format can have).
const PLAIN_FIELDS: usize = 12;

/// A plain record: where its fields are (`cells[..count]`), and the line it starts on.
struct Plain {
    count: usize,
    line: usize,
}

impl<'t> CsvRecords<'t> {
    /// Skip line ends (blank lines), up to `end` at most.
    fn skip_blank_lines(&mut self, end: usize) {
        let b = self.text.as_bytes();
        while self.pos < end.min(b.len()) && (b[self.pos] == b'\n' || b[self.pos] == b'\r') {
            self.line += usize::from(b[self.pos] == b'\n');
            self.pos += 1;
        }
    }

    /// The next record when it is plain (no quote, at most [`PLAIN_FIELDS`] fields, ending with `\n`, `\r\n`
    /// or the text), its fields borrowed into `cells`: the usual record, split in one pass over its bytes.
    /// `None`, with nothing consumed, for any other record (read it with [`CsvRecords::next_record`]), and at the
    /// end.
    fn plain_record(&mut self, cells: &mut [&'t str; PLAIN_FIELDS]) -> Option<Plain> {
        let mut cuts = [0; PLAIN_FIELDS + 1];
        let p = self.split_plain(PLAIN_FIELDS, &mut cuts)?;
        for (i, cell) in cells.iter_mut().enumerate().take(p.count) {
            // the cuts lie next to ASCII bytes (separators, line ends): character boundaries
            *cell = self.text.get(cuts[i]..cuts[i + 1] - 1).unwrap_or_default();
        }
        Some(p)
    }

    /// [`CsvRecords::plain_record`] with at most `max` fields (at most [`PLAIN_FIELDS`]), given as where they are:
    /// field `i` is `text[cuts[i]..cuts[i + 1] - 1]` (each cut is the byte after a field's end). A record that
    /// turns out not to be plain has had some cuts written.
    #[inline(always)]
    fn split_plain(&mut self, max: usize, cuts: &mut [usize; PLAIN_FIELDS + 1]) -> Option<Plain> {
        let b = self.text.as_bytes();
        let max = max.min(PLAIN_FIELDS);
        let mut pos = self.pos;
        let mut line = self.line;
        while pos < b.len() && (b[pos] == b'\n' || b[pos] == b'\r') {
            line += usize::from(b[pos] == b'\n');
            pos += 1;
        }
        if pos >= b.len() {
            return None;
        }
        let sep = self.sep;
        let mut count = 0;
        cuts[0] = pos;
        // what the byte at `k` does to the record: nothing (`None`), the end of a field, or the end of the record
        // (`Some(Some(its end))`) or of its plainness (`Some(None)`: a quote, a line ending with `\r` alone, too
        // many fields)
        // (the end of the text, `k == b.len()`, ends the record)
        let mut byte_at = |k: usize| -> Option<Option<usize>> {
            let c = b.get(k).copied().unwrap_or(b'\n');
            let end = if c == sep {
                None
            } else if c == b'\n' {
                Some((k + 1).min(b.len()))
            } else if c == b'\r' && b.get(k + 1) == Some(&b'\n') {
                Some(k + 2)
            } else if c == b'\r' || c == b'"' {
                return Some(None);
            } else {
                return None;
            };
            if count >= max {
                return Some(None);
            }
            count += 1;
            cuts[count] = k + 1;
            end.map(Some)
        };
        // Eight bytes at a time: the bytes below `limit` (the separator, the line ends and the quote among them, as
        // few others as can be) are flagged in `below` ("has less than" of Bit Twiddling Hacks: a flag may be wrong
        // only above a right one, never missing), and each flagged one is looked at.
        const ONES: u64 = u64::from_le_bytes([1; 8]);
        const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
        let limit = ONES * u64::from(sep.max(b'"') + 1);
        let mut at = pos;
        let end = 'scan: {
            while let Some(word) = b[at..].first_chunk::<8>() {
                let w = u64::from_le_bytes(*word);
                let mut below = w.wrapping_sub(limit) & !w & HIGHS;
                while below != 0 {
                    let k = at + (below.trailing_zeros() / 8) as usize;
                    if let Some(end) = byte_at(k) {
                        break 'scan end;
                    }
                    below &= below - 1;
                }
                at += 8;
            }
            loop {
                if let Some(end) = byte_at(at) {
                    break 'scan end;
                }
                at += 1;
            }
        };
        let end = end?;
        self.pos = end;
        self.line = line + usize::from(b[..end].last() == Some(&b'\n'));
        Some(Plain { count, line })
    }

    /// Read the next record into `fields`; its line, or `None` at the end.
    fn next_record(&mut self, fields: &mut Vec<Cow<'t, str>>) -> Option<usize> {
        fields.clear();
        let (text, b) = (self.text, self.text.as_bytes());
        while self.pos < b.len() && (b[self.pos] == b'\n' || b[self.pos] == b'\r') {
            self.line += usize::from(b[self.pos] == b'\n');
            self.pos += 1;
        }
        if self.pos >= b.len() {
            return None;
        }
        let start_line = self.line;
        let sep = self.sep;
        let field_end = |from: usize| {
            let mut at = from;
            while at < b.len() && b[at] != sep && !matches!(b[at], b'\n' | b'\r') {
                at += 1;
            }
            at
        };
        loop {
            if b.get(self.pos) == Some(&b'"') {
                // quoted: up to the closing quote, `""` standing for one quote
                let mut owned: Option<String> = None;
                let mut seg = self.pos + 1;
                let mut at = seg;
                let closed = loop {
                    match b[at..].iter().position(|c| *c == b'"') {
                        None => break None,
                        Some(k) if b.get(at + k + 1) == Some(&b'"') => {
                            owned.get_or_insert_with(String::new).push_str(&text[seg..=at + k]);
                            at += k + 2;
                            seg = at;
                        }
                        Some(k) => break Some(at + k),
                    }
                };
                let (inner_end, after) = match closed {
                    Some(q) => (q, q + 1),
                    None => (b.len(), b.len()),
                };
                self.line += b[self.pos..inner_end].iter().filter(|c| **c == b'\n').count();
                let rest_end = field_end(after);
                let field = match owned {
                    None if rest_end == after => Cow::Borrowed(&text[seg..inner_end]),
                    owned => {
                        let mut f = owned.unwrap_or_default();
                        f.push_str(&text[seg..inner_end]);
                        f.push_str(&text[after..rest_end]);
                        Cow::Owned(f)
                    }
                };
                fields.push(field);
                self.pos = rest_end;
            } else {
                let end = field_end(self.pos);
                fields.push(Cow::Borrowed(&text[self.pos..end]));
                self.pos = end;
            }
            match b.get(self.pos) {
                Some(&c) if c == sep => self.pos += 1,
                Some(b'\r') => {
                    self.pos += 1;
                    if b.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                        self.line += 1;
                    }
                    return Some(start_line);
                }
                Some(_) => {
                    self.pos += 1;
                    self.line += 1;
                    return Some(start_line);
                }
                None => return Some(start_line),
            }
        }
    }
}

/// The number of line feeds in `text` (a bound on its records), counted in blocks the compiler vectorises.
pub(crate) fn count_lines(text: &str) -> usize {
    text.as_bytes().chunks(255).map(|c| usize::from(c.iter().fold(0u8, |n, b| n + u8::from(*b == b'\n')))).sum()
}

/// Append a CSV field, quoted when it holds a comma, a quote or a line break (a quote doubled inside).
pub(crate) fn push_csv_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// Append a CSV record (fields joined by commas, then a line feed).
pub(crate) fn push_csv_record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_csv_field(out, f.as_ref());
    }
    out.push('\n');
}

/// Figures as long-format CSV text, the header row first: `indicator` and the other columns of [`FIELDS`] that at
/// least one observation uses, in that order; fields quoted as RFC 4180 says (a comma, a quote or a line break);
/// decimals as written (exact, a `.` decimal mark), `done` as `true`/`false`. [`read_csv`] reads the text back to
/// the same observations (a property test checks it). What a form writes back into a CSV box.
///
/// ```
/// use chitieu::figures::{observations_to_csv, read_csv, Observation};
///
/// let obs = Observation {
///     indicator: "online_dossiers".into(),
///     period: Some("2027".parse().unwrap()),
///     value: Some("85.5".parse().unwrap()),
///     note: Some("estimate, \"provisional\"".into()),
///     ..Observation::default()
/// };
/// let text = observations_to_csv(&[obs.clone()]);
/// assert_eq!(text, "indicator,period,value,note\nonline_dossiers,2027,85.5,\"estimate, \"\"provisional\"\"\"\n");
/// assert_eq!(read_csv(&text).unwrap(), vec![(2, obs)]);
/// ```
pub fn observations_to_csv(observations: &[Observation]) -> String {
    let cells = |o: &Observation| -> [Option<String>; 11] {
        let d = |x: &Option<Decimal>| x.as_ref().map(Decimal::to_string);
        [
            Some(o.indicator.clone()),
            o.period.as_ref().map(Period::to_string),
            d(&o.value),
            d(&o.numerator),
            d(&o.denominator),
            d(&o.growth),
            o.done.map(|b| b.to_string()),
            o.completed.as_ref().map(Date::to_string),
            o.unit.clone(),
            o.entity.clone(),
            o.note.clone(),
        ]
    };
    let rows: Vec<[Option<String>; 11]> = observations.iter().map(cells).collect();
    let used: Vec<usize> = (0..FIELDS.len()).filter(|&k| k == 0 || rows.iter().any(|r| r[k].is_some())).collect();
    let mut out = String::new();
    push_csv_record(&mut out, &used.iter().map(|&k| FIELDS[k]).collect::<Vec<_>>());
    for row in &rows {
        push_csv_record(&mut out, &used.iter().map(|&k| row[k].as_deref().unwrap_or("")).collect::<Vec<_>>());
    }
    out
}

/// Parse JSON text into observations with their row numbers (the first element is row 1). The first problem, in
/// this order: the text is not JSON, it is not an array of figures (or an object whose one key `figures` holds
/// one), it holds more figures than the limit, then the first row that is not a figure (not an object, an unknown
/// field, a field given twice, a field holding an array or an object) or whose fields cannot be read.
pub fn read_json(text: &str) -> Result<Vec<(usize, Observation)>> {
    let mut out = Vec::new();
    let mut first: Option<Error> = None;
    read_json_rows(text, |row, fields: &[Option<Cow<str>>; 11], problem| {
        if first.is_none() {
            let texts: [Option<&str>; 11] = std::array::from_fn(|i| fields[i].as_deref());
            match problem.map_or_else(|| observation_from_fields(row, &texts), Err) {
                Ok(o) => out.push((row, o)),
                Err(e) => first = Some(e),
            }
        }
    })?;
    first.map_or(Ok(out), Err)
}

/// Read JSON figures leniently (see [`read_json_rows`] and [`FiguresBuilder::lenient`]): every element of the array
/// is a figure or a bad row (one that is not a figure is a bad row of its unit and indicator, as far as they could
/// be read), each counted in `read_rows`.
pub(crate) fn read_json_lenient(catalogue: &Catalogue, text: &str) -> Result<(Figures, Vec<RowError>)> {
    check_size(text)?;
    let mut b = FiguresBuilder::lenient(catalogue);
    b.read_rows = Some(0);
    let mut failed = None;
    read_json_rows(text, |row, fields: &[Option<Cow<str>>; 11], problem| {
        let texts: [Option<&str>; 11] = std::array::from_fn(|i| fields[i].as_deref());
        let keys = (texts[UNIT].and_then(cell), texts[INDICATOR].and_then(cell));
        let read = problem.map_or_else(|| row_fields(row, &texts, Reading::PLAIN), Err);
        if let Err(e) = b.push_record(row, keys, read) {
            failed.get_or_insert(e);
        }
    })?;
    match failed {
        Some(e) => Err(e),
        None => Ok(b.finish_lenient()),
    }
}

/// What [`read_json_rows`] hands each figure to: its row, the text of each field of [`FIELDS`] (a number as
/// written, `true` or `false`; `None` when absent or null), and the first problem with its shape, if any.
type JsonSink<'s> = dyn FnMut(usize, &[Option<Cow<'_, str>>; 11], Option<Error>) + 's;

/// Read the figures of JSON text (an array of objects, or an object whose one key `figures` holds that array) one
/// by one, rows numbered from 1 in the array's order, a figure at a time (no tree of the text is built; the same
/// reader on every platform). A figure that is not an object, or has an unknown field, a field given twice or a
/// field holding an array or an object, is handed over with that problem (the first one in the order of the fields'
/// names), its fields read as far as they could be (a field given twice: its first value). The `Err`, even after
/// figures were handed over: text that is not JSON, not of that shape (`figures` given twice too), or more figures
/// than the limit.
fn read_json_rows(text: &str, mut each: impl FnMut(usize, &[Option<Cow<'_, str>>; 11], Option<Error>)) -> Result<()> {
    read_json_stream(text, &mut each)
}

/// [`read_json_rows`] reading the text a figure at a time, without building its tree.
fn read_json_stream(text: &str, each: &mut JsonSink) -> Result<()> {
    use serde::de::DeserializeSeed;
    let syntax = |e: serde_json::Error| Error::FiguresSyntax { row: 0, message: e.to_string() };
    let mut de = serde_json::Deserializer::from_str(text);
    let mut top = json::Top { each, rows: 0, shape: None };
    (&mut top).deserialize(&mut de).map_err(syntax)?;
    de.end().map_err(syntax)?;
    if let Some(message) = top.shape {
        return Err(Error::FiguresSyntax { row: 0, message: message.into() });
    }
    check_rows(top.rows, top.rows)
}

/// The tests' reference for [`read_json_stream`]: the tree of the whole text read (as the WebAssembly build read JSON
/// before it streamed). A field given twice is read as its last value here: the tree cannot tell.
#[cfg(test)]
fn read_json_tree(text: &str, mut each: impl FnMut(usize, &[Option<Cow<'_, str>>; 11], Option<Error>)) -> Result<()> {
    use serde_json::Value;
    let v: Value = serde_json::from_str(text).map_err(|e| Error::FiguresSyntax { row: 0, message: e.to_string() })?;
    let shape = |message: &str| Error::FiguresSyntax { row: 0, message: message.into() };
    let rows = match v {
        Value::Array(a) => a,
        Value::Object(mut o) => match o.remove("figures") {
            Some(Value::Array(a)) if o.is_empty() => a,
            _ => return Err(shape(json::NOT_FIGURES)),
        },
        _ => return Err(shape(json::NOT_AN_ARRAY)),
    };
    check_rows(rows.len(), rows.len())?;
    for (i, item) in rows.into_iter().enumerate() {
        let row = i + 1;
        let mut fields: [Option<Cow<str>>; 11] = Default::default();
        let Value::Object(object) = item else {
            each(row, &fields, Some(json::Problem::NotAnObject.error(row)));
            continue;
        };
        let mut problem = None;
        // (in the order of the names: the map is sorted)
        for (k, v) in object {
            let Some(slot) = FIELDS.iter().position(|f| *f == k) else {
                problem.get_or_insert(json::Problem::Unknown(k));
                continue;
            };
            fields[slot] = match v {
                Value::Null => None,
                Value::String(s) => Some(Cow::Owned(s)),
                Value::Number(n) => Some(Cow::Owned(n.to_string())),
                Value::Bool(b) => Some(Cow::Borrowed(if b { "true" } else { "false" })),
                Value::Array(_) | Value::Object(_) => {
                    problem.get_or_insert(json::Problem::NotText(FIELDS[slot]));
                    None
                }
            };
        }
        each(row, &fields, problem.map(|p| p.error(row)));
    }
    Ok(())
}

/// The visitors of [`read_json_stream`], and the problems a figure's shape can have.
mod json {
    use super::{Error, FIELDS};
    use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
    use std::borrow::Cow;
    use std::fmt;

    pub(super) const NOT_AN_ARRAY: &str = "expected an array of figures";
    pub(super) const NOT_FIGURES: &str = "expected an array of figures or an object {\"figures\": [...]}";

    /// How serde_json hands a visitor a number when its digits are kept (the `arbitrary_precision` feature, which
    /// the workspace turns on): a map of one entry under this key, the number's text its value. (A test checks it.)
    pub(super) const NUMBER_KEY: &str = "$serde_json::private::Number";

    /// The whole text: an array of figures, or `{"figures": [...]}`; anything else is a problem with its shape.
    pub(super) struct Top<'a, 's> {
        pub(super) each: &'a mut super::JsonSink<'s>,
        pub(super) rows: usize,
        pub(super) shape: Option<&'static str>,
    }

    impl<'de> DeserializeSeed<'de> for &mut Top<'_, '_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(Node { top: self, level: Level::Text }).map(drop)
        }
    }

    impl Top<'_, '_> {
        /// Hand one figure over (past the limit on figures, only count it: the reading fails at the end).
        fn figure(&mut self, fields: &[Option<Cow<str>>; 11], problem: Option<Problem>) {
            self.rows += 1;
            if self.rows <= crate::error::limits::MAX_FIGURES {
                (self.each)(self.rows, fields, problem.map(|p| p.error(self.rows)));
            }
        }
    }

    /// What can be wrong with a figure's shape (its row is known where it is handed over).
    pub(super) enum Problem {
        NotAnObject,
        Unknown(String),
        NotText(&'static str),
        Twice(&'static str),
    }

    impl Problem {
        pub(super) fn error(self, row: usize) -> Error {
            let message = match self {
                Problem::NotAnObject => "a figure must be an object".to_string(),
                Problem::Unknown(k) => format!("unknown field {k:?} (known: {})", FIELDS.join(", ")),
                Problem::NotText(k) => format!("field {k:?} must be a string or number"),
                Problem::Twice(k) => format!("field {k:?} is given twice (which one holds the figure?)"),
            };
            Error::FiguresSyntax { row, message }
        }
    }

    /// Where a value stands in the text, which says how it is read.
    #[derive(Clone, Copy, PartialEq)]
    enum Level {
        /// The whole text: the array of figures, or an object whose one key `figures` holds it.
        Text,
        /// The value of `figures`: the array of figures.
        Within,
        /// An element of the array: a figure, handed over as soon as it is read.
        Figure,
        /// A field's value: its text (a string, a number as written, `true`/`false`), or `None` for null.
        Field,
    }

    /// The one visitor of every level (one copy of the parser's code for all: the WebAssembly build's size). Its
    /// value is a field's: `Some(Some(text))`, `Some(None)` for null, `None` for an array or an object (and
    /// nothing at the other levels, whose work is handed to `top`).
    struct Node<'t, 'a, 's> {
        top: &'t mut Top<'a, 's>,
        level: Level,
    }

    type Read<'de> = Option<Option<Cow<'de, str>>>;

    impl<'de> DeserializeSeed<'de> for Node<'_, '_, '_> {
        type Value = Read<'de>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Read<'de>, D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'t, 'a, 's> Node<'t, 'a, 's> {
        fn at<'u>(&'u mut self, level: Level) -> Node<'u, 'a, 's> {
            Node { top: &mut *self.top, level }
        }

        /// A scalar (its text) where a value of this level should be.
        fn scalar<'de>(self, text: Cow<'de, str>) -> Read<'de> {
            match self.level {
                Level::Text => self.not_figures(NOT_AN_ARRAY),
                Level::Within => self.not_figures(NOT_FIGURES),
                Level::Figure => self.top.figure(&Default::default(), Some(Problem::NotAnObject)),
                Level::Field => return Some(Some(text)),
            }
            None
        }

        fn not_figures(self, message: &'static str) {
            self.top.shape.get_or_insert(message);
        }
    }

    impl<'de> Visitor<'de> for Node<'_, '_, '_> {
        type Value = Read<'de>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(NOT_AN_ARRAY)
        }
        fn visit_borrowed_str<E>(self, t: &'de str) -> Result<Read<'de>, E> {
            Ok(self.scalar(Cow::Borrowed(t)))
        }
        fn visit_str<E>(self, t: &str) -> Result<Read<'de>, E> {
            Ok(self.scalar(Cow::Owned(t.to_string())))
        }
        fn visit_string<E>(self, t: String) -> Result<Read<'de>, E> {
            Ok(self.scalar(Cow::Owned(t)))
        }
        fn visit_bool<E>(self, b: bool) -> Result<Read<'de>, E> {
            Ok(self.scalar(Cow::Borrowed(if b { "true" } else { "false" })))
        }
        // (an integer that fits 64 bits comes as one; any other number as its text, in `visit_map`)
        fn visit_u64<E>(self, n: u64) -> Result<Read<'de>, E> {
            Ok(self.scalar(Cow::Owned(n.to_string())))
        }
        fn visit_i64<E>(self, n: i64) -> Result<Read<'de>, E> {
            Ok(self.scalar(Cow::Owned(n.to_string())))
        }
        fn visit_unit<E>(self) -> Result<Read<'de>, E> {
            if self.level == Level::Field {
                return Ok(Some(None));
            }
            Ok(self.scalar(Cow::Borrowed("")))
        }
        fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Read<'de>, A::Error> {
            if let Level::Text | Level::Within = self.level {
                while seq.next_element_seed(self.at(Level::Figure))?.is_some() {}
                return Ok(None);
            }
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            if self.level == Level::Figure {
                self.top.figure(&Default::default(), Some(Problem::NotAnObject));
            }
            Ok(None)
        }
        fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Read<'de>, A::Error> {
            match self.level {
                Level::Text => {
                    let mut figures = false;
                    while let Some(key) = map.next_key_seed(Text)? {
                        if key == "figures" && !figures {
                            figures = true;
                            map.next_value_seed(self.at(Level::Within))?;
                        } else {
                            // (a number, whose text comes under its own key, is no array either)
                            let message = if key == NUMBER_KEY { NOT_AN_ARRAY } else { NOT_FIGURES };
                            self.top.shape.get_or_insert(message);
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                    if !figures {
                        self.not_figures(NOT_FIGURES);
                    }
                    Ok(None)
                }
                Level::Within => {
                    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                    self.not_figures(NOT_FIGURES);
                    Ok(None)
                }
                Level::Figure => {
                    let (fields, problem) = figure(&mut self, &mut map)?;
                    self.top.figure(&fields, problem);
                    Ok(None)
                }
                Level::Field => {
                    // a number, its digits as written; or an object
                    let number = match map.next_key_seed(Text)? {
                        Some(k) if k == NUMBER_KEY => Some(map.next_value_seed(Text)?),
                        Some(_) => {
                            map.next_value::<IgnoredAny>()?;
                            None
                        }
                        None => None,
                    };
                    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                    Ok(number.map(Some))
                }
            }
        }
    }

    /// A figure's fields, as far as they could be read, and the first problem with its shape: in the order of the
    /// fields' names, as the tree of the text was read before (a field given twice, or else one holding an array
    /// or an object; an unknown field). A field given twice keeps its first value: nothing is overwritten.
    #[allow(clippy::type_complexity)]
    fn figure<'de, A: MapAccess<'de>>(
        node: &mut Node<'_, '_, '_>,
        map: &mut A,
    ) -> Result<([Option<Cow<'de, str>>; 11], Option<Problem>), A::Error> {
        let mut fields: [Option<Cow<'de, str>>; 11] = Default::default();
        let (mut seen, mut not_text, mut twice) = ([false; 11], [false; 11], [false; 11]);
        let mut unknown: Option<Cow<'de, str>> = None;
        let mut number = false;
        while let Some(key) = map.next_key_seed(Text)? {
            match FIELDS.iter().position(|f| *f == key) {
                Some(k) if seen[k] => {
                    twice[k] = true;
                    map.next_value::<IgnoredAny>()?;
                }
                Some(k) => {
                    seen[k] = true;
                    match map.next_value_seed(node.at(Level::Field))? {
                        Some(t) => fields[k] = t,
                        None => not_text[k] = true,
                    }
                }
                None => {
                    // (a number where a figure should be comes as a map under its own key)
                    number |= key == NUMBER_KEY;
                    if unknown.as_ref().map_or(true, |u| key < *u) {
                        unknown = Some(key);
                    }
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        // the known field with a problem first in the names' order, and its problem
        let bad = (0..FIELDS.len()).filter(|k| twice[*k] || not_text[*k]).min_by_key(|k| FIELDS[*k]);
        let field = bad.map(|k| if twice[k] { Problem::Twice(FIELDS[k]) } else { Problem::NotText(FIELDS[k]) });
        let problem = match (bad, unknown) {
            _ if number => Some(Problem::NotAnObject),
            (Some(k), Some(u)) if *FIELDS[k] < *u => field,
            (_, Some(u)) => Some(Problem::Unknown(u.into_owned())),
            (Some(_), None) => field,
            (None, None) => None,
        };
        Ok((fields, problem))
    }

    /// A text (a key, a string), borrowed from the JSON text unless it holds an escape.
    struct Text;

    impl<'de> DeserializeSeed<'de> for Text {
        type Value = Cow<'de, str>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
            d.deserialize_str(self)
        }
    }

    impl<'de> Visitor<'de> for Text {
        type Value = Cow<'de, str>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_borrowed_str<E>(self, t: &'de str) -> Result<Cow<'de, str>, E> {
            Ok(Cow::Borrowed(t))
        }
        fn visit_str<E>(self, t: &str) -> Result<Cow<'de, str>, E> {
            Ok(Cow::Owned(t.to_string()))
        }
        fn visit_string<E>(self, t: String) -> Result<Cow<'de, str>, E> {
            Ok(Cow::Owned(t))
        }
    }
}

/// A bad row of figures read leniently ([`FiguresBuilder::lenient`]), or a target a batch could not judge
/// ([`crate::batch`]): where, and the error (with its stable code, [`Error::code`]).
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    /// Row in the input (see the module docs for how rows are numbered); `None` when the error is not one row's.
    pub row: Option<usize>,
    /// The reporting unit, when it could be read.
    pub unit: Option<String>,
    /// The target that could not be judged (batch evaluation errors only).
    pub target: Option<String>,
    /// What is wrong.
    pub error: Error,
}

/// The typed content of one figure, without its names (see [`FiguresBuilder::push_fields`]). Exactly the fields
/// the indicator's measure needs must be set, as for [`Observation`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Fields {
    /// Period; may be omitted for completion dates.
    pub period: Option<Period>,
    /// Level, percent or count.
    pub value: Option<Decimal>,
    /// Numerator of a share.
    pub numerator: Option<Decimal>,
    /// Denominator of a share.
    pub denominator: Option<Decimal>,
    /// Growth over the previous year, percent (levels only).
    pub growth: Option<Decimal>,
    /// Yes/no status.
    pub done: Option<bool>,
    /// Completion date.
    pub completed: Option<Date>,
}

impl Observation {
    fn fields(&self) -> Fields {
        Fields {
            period: self.period,
            value: self.value,
            numerator: self.numerator,
            denominator: self.denominator,
            growth: self.growth,
            done: self.done,
            completed: self.completed,
        }
    }
}

/// `a == b` for the short texts compared on every row (a unit's code, an indicator's id): a word at a time, inlined
/// (the comparison of slices calls `memcmp`, whose dispatch on the length costs more than the few bytes compared).
/// (The WebAssembly build, for size, compares them as slices.)
#[inline(always)]
fn same(a: &str, b: &str) -> bool {
    let (a, b, n) = (a.as_bytes(), b.as_bytes(), a.len());
    if cfg!(target_arch = "wasm32") || n != b.len() {
        return a == b;
    }
    let word = |s: &[u8], k: usize| s.get(k..).and_then(<[u8]>::first_chunk::<8>).map(|w| u64::from_le_bytes(*w));
    let half = |s: &[u8], k: usize| s.get(k..).and_then(<[u8]>::first_chunk::<4>).map(|w| u32::from_le_bytes(*w));
    match n {
        0..=3 => a.iter().zip(b).all(|(x, y)| x == y),
        // two words (halves) that overlap when `n` is not a multiple of 8 (4)
        4..=8 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        _ => {
            let mut k = 0;
            while k + 8 < n {
                if word(a, k) != word(b, k) {
                    return false;
                }
                k += 8;
            }
            word(a, n - 8) == word(b, n - 8)
        }
    }
}

/// No refusal recorded for a series.
const CLEAN: u32 = u32::MAX;

/// Builds [`Figures`] one figure at a time, validating each against the catalogue.
///
/// Strict (the default, what [`Figures::from_csv`] and the other readers use): the first bad figure, in row order,
/// is the error. Lenient ([`FiguresBuilder::lenient`], for batches of many reporting units): every bad row is kept
/// as a [`RowError`] and the series it belongs to (its unit and indicator) is marked, so that the targets reading
/// it report the error instead of a verdict, while every other series is evaluated.
///
/// The names of units and indicators can be resolved once ([`FiguresBuilder::unit`],
/// [`FiguresBuilder::indicator`]) and the figures pushed by number ([`FiguresBuilder::push_fields`]), which is
/// how the Python and JavaScript wrappers pass a data frame's columns without a string per cell.
pub struct FiguresBuilder<'a> {
    catalogue: &'a Catalogue,
    measures: FastMap<&'a str, usize>,
    /// The indicator found last and the unit numbered last (rows come grouped: most lookups end here).
    last_indicator: usize,
    last_unit: Option<u32>,
    units: Vec<Option<String>>,
    unit_index: FastMap<String, u32>,
    none_unit: Option<u32>,
    /// The figures as pushed, and the series (unit * indicators + indicator) of each.
    figs: Vec<Figure>,
    slots: Vec<u32>,
    refused: Vec<u32>,
    lenient: bool,
    errors: Vec<RowError>,
    len: usize,
    /// The rows handed in, counted by the lenient CSV reader.
    read_rows: Option<usize>,
    /// The entities' names, each kept once, and the last one used (not in the WebAssembly build: see `entity`).
    #[cfg(not(target_arch = "wasm32"))]
    entities: HashSet<Arc<str>, std::hash::BuildHasherDefault<FxHasher>>,
    #[cfg(not(target_arch = "wasm32"))]
    last_entity: Option<Arc<str>>,
}

impl<'a> FiguresBuilder<'a> {
    /// A strict builder: the first bad figure is the error.
    pub fn new(catalogue: &'a Catalogue) -> FiguresBuilder<'a> {
        FiguresBuilder {
            catalogue,
            measures: catalogue.indicators.iter().enumerate().map(|(n, i)| (i.id.as_str(), n)).collect(),
            last_indicator: 0,
            last_unit: None,
            units: Vec::new(),
            unit_index: FastMap::default(),
            none_unit: None,
            figs: Vec::new(),
            slots: Vec::new(),
            refused: Vec::new(),
            lenient: false,
            errors: Vec::new(),
            len: 0,
            read_rows: None,
            #[cfg(not(target_arch = "wasm32"))]
            entities: HashSet::default(),
            #[cfg(not(target_arch = "wasm32"))]
            last_entity: None,
        }
    }

    /// The shared copy of an entity's name (the last one used tried first: rows of one entity often come together).
    /// The WebAssembly build, whose size counts more than the memory of large inputs, makes a copy a figure.
    #[cfg(target_arch = "wasm32")]
    fn entity(&self, name: &str) -> Arc<str> {
        Arc::from(name)
    }

    /// The shared copy of an entity's name (the last one used tried first: rows of one entity often come together).
    #[cfg(not(target_arch = "wasm32"))]
    fn entity(&mut self, name: &str) -> Arc<str> {
        if let Some(last) = self.last_entity.as_ref().filter(|l| &***l == name) {
            return Arc::clone(last);
        }
        let shared = match self.entities.get(name) {
            Some(e) => Arc::clone(e),
            None => {
                let e: Arc<str> = Arc::from(name);
                self.entities.insert(Arc::clone(&e));
                e
            }
        };
        self.last_entity = Some(Arc::clone(&shared));
        shared
    }

    /// A lenient builder: bad rows are collected, not fatal (see the type's docs).
    pub fn lenient(catalogue: &'a Catalogue) -> FiguresBuilder<'a> {
        FiguresBuilder { lenient: true, ..FiguresBuilder::new(catalogue) }
    }

    /// Make room for `additional` more figures at once (a caller who knows the row count saves the copies and
    /// page faults of growing the storage row by row: a third of the time of reading national figures).
    pub fn reserve(&mut self, additional: usize) {
        self.figs.reserve(additional);
        self.slots.reserve(additional);
    }

    /// The index of an indicator in the catalogue, `None` if the catalogue has no such indicator.
    pub fn indicator(&self, id: &str) -> Option<usize> {
        self.measures.get(id).copied()
    }

    /// [`FiguresBuilder::indicator`], the last one found tried first, then the one after it in the catalogue (rows
    /// usually come indicator by indicator, in the catalogue's order as the template lists them).
    fn indicator_cached(&mut self, id: &str) -> Option<usize> {
        let last = self.last_indicator;
        let indicators = &self.catalogue.indicators;
        if indicators.get(last).is_some_and(|i| same(&i.id, id)) {
            return Some(last);
        }
        if indicators.get(last + 1).is_some_and(|i| same(&i.id, id)) {
            self.last_indicator = last + 1;
            return Some(last + 1);
        }
        let found = self.indicator(id);
        if let Some(i) = found {
            self.last_indicator = i;
        }
        found
    }

    /// The number of a reporting unit (`None` for figures without a unit), given the first time it is seen.
    pub fn unit(&mut self, code: Option<&str>) -> u32 {
        // rows usually come unit by unit: the last one seen is tried first
        if let Some(last) = self.last_unit {
            let unchanged = match (self.units[last as usize].as_deref(), code) {
                (Some(a), Some(b)) if !cfg!(target_arch = "wasm32") => same(a, b),
                (a, b) => a == b,
            };
            if unchanged {
                return last;
            }
        }
        let known = match code {
            None => self.none_unit,
            Some(c) => self.unit_index.get(c).copied(),
        };
        if let Some(id) = known {
            self.last_unit = Some(id);
            return id;
        }
        let id = self.units.len() as u32;
        self.units.push(code.map(str::to_string));
        match code {
            None => self.none_unit = Some(id),
            Some(c) => {
                self.unit_index.insert(c.to_string(), id);
            }
        }
        let n = self.catalogue.indicators.len();
        self.refused.resize(self.refused.len() + n, CLEAN);
        self.last_unit = Some(id);
        id
    }

    /// Add an observation (names resolved here).
    pub fn push(&mut self, row: usize, o: &Observation) -> Result<()> {
        let unit = self.unit(o.unit.as_deref());
        match self.indicator(&o.indicator) {
            Some(ind) => self.push_fields(row, unit, ind, o.entity.as_deref(), &o.fields()),
            None => self.refuse(row, unit, None, Error::UnknownIndicator { row, indicator: o.indicator.clone() }),
        }
    }

    /// Add a row read from text (names resolved here), as [`FiguresBuilder::push`] an observation.
    pub(crate) fn push_row(&mut self, row: usize, r: &RowFields) -> Result<()> {
        let unit = self.unit(r.unit);
        match self.indicator_cached(r.indicator) {
            Some(ind) => self.push_fields(row, unit, ind, r.entity, &r.fields),
            None => self.refuse(row, unit, None, Error::UnknownIndicator { row, indicator: r.indicator.to_string() }),
        }
    }

    /// Add a figure of unit number `unit` (from [`FiguresBuilder::unit`]) for the indicator at index `indicator`
    /// (from [`FiguresBuilder::indicator`]). In strict mode a bad figure is the error; in lenient mode it is
    /// recorded and `Ok` is returned.
    pub fn push_fields(
        &mut self,
        row: usize,
        unit: u32,
        indicator: usize,
        entity: Option<&str>,
        fields: &Fields,
    ) -> Result<()> {
        let n = self.catalogue.indicators.len();
        if indicator >= n || unit as usize >= self.units.len() {
            return Err(Error::FiguresSyntax { row, message: "unknown unit or indicator number".into() });
        }
        match check(self.catalogue, row, indicator, fields) {
            Ok((period, value)) => {
                self.store(row, unit, indicator, entity, period, value);
                Ok(())
            }
            Err(e) => self.refuse(row, unit, Some(indicator), e),
        }
    }

    /// Keep a checked figure of unit number `unit` for the indicator at index `indicator` (both known).
    #[inline]
    fn store(
        &mut self,
        row: usize,
        unit: u32,
        indicator: usize,
        entity: Option<&str>,
        period: Period,
        value: FigureValue,
    ) {
        self.len += 1;
        self.slots.push((unit as usize * self.catalogue.indicators.len() + indicator) as u32);
        let entity = entity.map(|e| self.entity(e));
        self.figs.push(Figure { row, period, value, entity });
    }

    /// The usual row read straight to its checked figure, its cells given by field (`cell_of`, trimmed, `None` when
    /// blank): `(unit, indicator, entity, period, value)` when the row names a known indicator, every cell reads
    /// the usual way (a period, numbers written plainly, `true`/`false`, a day `yyyy-mm-dd`) and the figure passes
    /// [`check`]; `None` for any other row, which the general reader reads, errors and all. The same cells and the
    /// same [`check`] as the general reader's: only the fields the row holds are read, and none is typed twice.
    #[cfg(not(target_arch = "wasm32"))]
    #[inline(always)]
    fn usual<'c>(&mut self, row: usize, cells: &Cells<'c, '_>) -> Option<Usual<'c>> {
        let indicator = self.indicator_cached(cells.get(INDICATOR)?)?;
        let fields = Fields {
            period: match cells.get(PERIOD) {
                None => None,
                Some(t) => Some(parse_period(t)?),
            },
            value: cells.number(VALUE)?,
            numerator: cells.number(NUMERATOR)?,
            denominator: cells.number(DENOMINATOR)?,
            growth: cells.number(GROWTH)?,
            done: match cells.get(DONE) {
                None => None,
                Some(t) => Some(parse_bool(t)?),
            },
            completed: match cells.get(COMPLETED) {
                None => None,
                Some(t) => Some(parse_date(t)?),
            },
        };
        let (period, value) = check(self.catalogue, row, indicator, &fields).ok()?;
        Some(Usual { unit: cells.get(UNIT), indicator, entity: cells.get(ENTITY), period, value })
    }

    /// Add a record as the lenient CSV reader hands it over: its row, its unit and indicator as written, and its
    /// fields read or the reason they could not be; the record counted in `read_rows`.
    fn push_record(&mut self, row: usize, keys: (Option<&str>, Option<&str>), fields: Result<RowFields>) -> Result<()> {
        self.read_rows = self.read_rows.map(|n| n + 1);
        match fields {
            Ok(r) => self.push_row(row, &r),
            Err(e) => {
                let u = self.unit(keys.0);
                let i = keys.1.and_then(|i| self.indicator_cached(i));
                self.refuse(row, u, i, e)
            }
        }
    }

    /// Add one figure given as the text of each field of [`FIELDS`], by position (`None` or blank for an empty
    /// cell), as a CSV record or a JSON object holds it; names are resolved here. A row with every field empty holds
    /// no figure and is skipped. A field that cannot be read (a bad number, period, date or yes/no, no indicator, a
    /// field too long) is a bad row like a bad figure: in lenient mode it is recorded against the unit and the
    /// indicator as written in the row, and `Ok` is returned.
    pub fn push_texts(&mut self, row: usize, fields: &[Option<&str>; 11]) -> Result<()> {
        if fields.iter().all(|f| f.map_or(true, |t| t.trim().is_empty())) {
            return Ok(());
        }
        match row_fields(row, fields, Reading::PLAIN) {
            Ok(r) => self.push_row(row, &r),
            Err(e) => {
                let unit = self.unit(fields[UNIT].and_then(cell));
                let indicator = fields[INDICATOR].and_then(cell).and_then(|i| self.indicator(i));
                self.refuse(row, unit, indicator, e)
            }
        }
    }

    /// Set the count of rows handed in that held something ([`Figures::read_rows`]), for a lenient reader that
    /// counted them itself (the columnar one).
    #[cfg(feature = "columnar")]
    pub(crate) fn count_read_rows(&mut self, rows: usize) {
        self.read_rows = Some(rows);
    }

    #[cfg(not(target_arch = "wasm32"))]
    /// Append what `other` (lenient, for the same catalogue) read from the rows after this one's: the same builder
    /// as if it had read them itself (units numbered in order of first appearance, figures and bad rows in row
    /// order, each series marked with its first bad row).
    fn append(&mut self, other: FiguresBuilder) {
        let n = self.catalogue.indicators.len();
        let units: Vec<u32> = other.units.iter().map(|u| self.unit(u.as_deref())).collect();
        let first = self.errors.len() as u32;
        for (local, r) in other.refused.iter().enumerate() {
            if *r != CLEAN {
                let slot = &mut self.refused[units[local / n] as usize * n + local % n];
                if *slot == CLEAN {
                    *slot = first + r;
                }
            }
        }
        self.errors.extend(other.errors);
        self.slots.extend(other.slots.iter().map(|s| units[*s as usize / n] * n as u32 + s % n as u32));
        self.figs.extend(other.figs);
        self.len += other.len;
        self.read_rows = self.read_rows.zip(other.read_rows).map(|(a, b)| a + b);
    }

    /// Record a bad row (lenient) or fail (strict). `indicator` marks the series the row belonged to.
    pub fn refuse(&mut self, row: usize, unit: u32, indicator: Option<usize>, error: Error) -> Result<()> {
        let unit_code = self.units.get(unit as usize).cloned().flatten();
        if !self.lenient {
            // kept for `finish`, which reports the first error in row order (a duplicate may come earlier)
            self.errors.push(RowError { row: Some(row), unit: unit_code, target: None, error: error.clone() });
            return Err(error);
        }
        let n = self.catalogue.indicators.len();
        let k = self.errors.len() as u32;
        if let Some(i) = indicator.filter(|i| *i < n) {
            let slot = &mut self.refused[unit as usize * n + i];
            if *slot == CLEAN {
                *slot = k;
            }
        }
        self.errors.push(RowError { row: Some(row), unit: unit_code, target: None, error });
        Ok(())
    }

    /// Finish a strict builder: the figures, or the first error in row order (a duplicate is found here, at the
    /// later of its two rows).
    pub fn finish(self) -> Result<Figures> {
        let (figures, errors) = self.finish_lenient();
        match errors.into_iter().min_by_key(|e| e.row) {
            Some(e) => Err(e.error),
            None => Ok(figures),
        }
    }

    /// Finish, keeping every bad row: the figures (with the series that had a bad row marked) and the bad rows in
    /// row order.
    pub fn finish_lenient(mut self) -> (Figures, Vec<RowError>) {
        let n = self.catalogue.indicators.len();
        let series_count = self.refused.len();
        // series after series: usually the figures come unit by unit and indicator by indicator already; else
        // place them with a counting sort on the series (stable: row order within a series is kept)
        let mut figs = std::mem::take(&mut self.figs);
        let slots = std::mem::take(&mut self.slots);
        let mut starts = vec![0u32; series_count + 1];
        for s in &slots {
            starts[*s as usize + 1] += 1;
        }
        for i in 0..series_count {
            starts[i + 1] += starts[i];
        }
        if slots.windows(2).any(|w| w[0] > w[1]) {
            let mut next = starts.clone();
            let mut placed: Vec<Option<Figure>> = (0..figs.len()).map(|_| None).collect();
            for (f, s) in figs.drain(..).zip(&slots) {
                let at = &mut next[*s as usize];
                placed[*at as usize] = Some(f);
                *at += 1;
            }
            figs = placed.into_iter().map(|f| f.expect("every place filled once")).collect();
        }
        drop(slots);
        for slot in 0..series_count {
            let (a, b) = (starts[slot] as usize, starts[slot + 1] as usize);
            if b - a < 2 {
                continue;
            }
            let (unit, ind) = (slot / n, slot % n);
            let indicator = &self.catalogue.indicators[ind];
            let series = &mut figs[a..b];
            // the usual series: whole years, in order, one figure per year and entity; nothing to check or sort
            let plain = indicator.measure != Measure::Completion
                && series.iter().all(|f| matches!(f.period, Period::Year(_)))
                && series.windows(2).all(|w| (w[0].period, &w[0].entity) < (w[1].period, &w[1].entity));
            if plain {
                continue;
            }
            let found = duplicates(indicator, series, &self.units[unit]);
            for e in found {
                let k = self.errors.len() as u32;
                if self.refused[slot] == CLEAN {
                    self.refused[slot] = k;
                }
                self.errors.push(RowError {
                    row: e.details().row,
                    unit: self.units[unit].clone(),
                    target: None,
                    error: e,
                });
            }
            if !cfg!(target_arch = "wasm32") && series.iter().all(|f| matches!(f.period, Period::Year(_))) {
                // `duplicates` left them by entity, year (or none, for milestones) and row: a stable sort by the year
                // alone puts them by period, entity and row, with a comparison a fraction of the one below's cost
                // (natively: the WebAssembly build would carry a second sort of figures)
                series.sort_by_key(|f| f.period.year());
            } else {
                sort_figures(series, &|a, b| {
                    a.period.cmp(&b.period).then_with(|| a.entity.cmp(&b.entity)).then_with(|| a.row.cmp(&b.row))
                });
            }
        }
        // errors by row (a stable sort: errors of one row keep their order); the series marks point into this order
        let mut order: Vec<u32> = (0..self.errors.len() as u32).collect();
        sort_indices(&mut order, &|a, b| self.errors[a as usize].row.cmp(&self.errors[b as usize].row));
        let mut new_index = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old as usize] = new as u32;
        }
        for r in &mut self.refused {
            if *r != CLEAN {
                *r = new_index[*r as usize];
            }
        }
        let mut errors: Vec<Option<RowError>> = self.errors.into_iter().map(Some).collect();
        let errors: Vec<RowError> =
            order.iter().map(|&i| errors[i as usize].take().expect("each error once")).collect();
        let mut unit_order: Vec<u32> = (0..self.units.len() as u32).collect();
        sort_indices(&mut unit_order, &|a, b| self.units[a as usize].cmp(&self.units[b as usize]));
        let figures = Figures {
            indicators: self.measures.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            n_indicators: n,
            units: self.units,
            unit_index: self.unit_index,
            none_unit: self.none_unit,
            unit_order,
            figures: figs,
            starts,
            refused: self.refused,
            len: self.len,
            read_rows: self.read_rows,
        };
        (figures, errors)
    }
}

/// Validate one figure's fields against its indicator: the period and the typed value, or the error.
#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
fn check(catalogue: &Catalogue, row: usize, ind: usize, o: &Fields) -> Result<(Period, FigureValue)> {
    let indicator = &catalogue.indicators[ind];
    let measure = indicator.measure;
    let name = || indicator.id.clone();
    let wrong = |field: &str| Error::WrongKind {
        row,
        field: field.to_string(),
        indicator: name(),
        measure: measure.name().to_string(),
    };
    let missing = |field: &str| Error::MissingField { row, field: field.to_string(), indicator: name() };
    // Fields that do not belong to the measure are refused, never ignored. (Bits in the order of `present`.)
    const VALUE: u8 = 1;
    const NUMERATOR: u8 = 2;
    const DENOMINATOR: u8 = 4;
    const GROWTH: u8 = 8;
    const DONE: u8 = 16;
    const COMPLETED: u8 = 32;
    let allowed = match measure {
        Measure::Level => VALUE | GROWTH,
        Measure::Share => VALUE | NUMERATOR | DENOMINATOR,
        Measure::Count => VALUE,
        Measure::Status => DONE,
        Measure::Completion => COMPLETED | DONE,
        Measure::Rate => VALUE | NUMERATOR | DENOMINATOR,
    };
    let present = u8::from(o.value.is_some())
        | u8::from(o.numerator.is_some()) << 1
        | u8::from(o.denominator.is_some()) << 2
        | u8::from(o.growth.is_some()) << 3
        | u8::from(o.done.is_some()) << 4
        | u8::from(o.completed.is_some()) << 5;
    let extra = present & !allowed;
    if extra != 0 {
        // the first field, in this order, that does not belong
        const NAMES: [&str; 6] = ["value", "numerator", "denominator", "growth", "done", "completed"];
        return Err(wrong(NAMES[extra.trailing_zeros() as usize]));
    }
    let value = match measure {
        Measure::Level => match (o.value, o.growth) {
            (Some(v), None) => FigureValue::Number(v),
            (None, Some(g)) => FigureValue::Growth(g),
            (Some(_), Some(_)) => return Err(wrong("growth")),
            (None, None) => return Err(missing("value")),
        },
        // a share in percent (0-100; its numerator at most its denominator), or a rate per N (>= 0; its numerator
        // may exceed its denominator: 120 beds for 100 people is a rate)
        Measure::Share | Measure::Rate => match (o.value, o.numerator, o.denominator) {
            (Some(v), None, None) => {
                if measure == Measure::Share && (below_zero(v) || above_hundred(v)) {
                    return Err(Error::PercentageOutOfRange { row, indicator: name(), value: v.to_string() });
                }
                if below_zero(v) {
                    return Err(Error::NegativeCount {
                        row,
                        field: "value".into(),
                        indicator: name(),
                        value: v.to_string(),
                    });
                }
                FigureValue::Number(v)
            }
            (None, Some(n), Some(d)) => {
                if d <= Decimal::ZERO {
                    return Err(Error::NonPositiveDenominator { row, indicator: name(), denominator: d.to_string() });
                }
                if n < Decimal::ZERO {
                    return Err(Error::NegativeCount {
                        row,
                        field: "numerator".into(),
                        indicator: name(),
                        value: n.to_string(),
                    });
                }
                if measure == Measure::Share && n > d {
                    return Err(Error::NumeratorAboveDenominator {
                        row,
                        indicator: name(),
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
            if below_zero(v) {
                return Err(Error::NegativeCount {
                    row,
                    field: "value".into(),
                    indicator: name(),
                    value: v.to_string(),
                });
            }
            if !whole(v) {
                return Err(Error::NotWholeCount { row, indicator: name(), value: v.to_string() });
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
    let p = &catalogue.programme;
    let outside = |shown: String| Error::PeriodOutsideProgramme {
        row,
        indicator: name(),
        period: shown,
        first: p.first_year,
        last: p.last_year,
    };
    if period.year() < p.first_year || period.year() > p.last_year {
        return Err(outside(period.to_string()));
    }
    if let FigureValue::Completed(d) = value {
        if d.year < p.first_year || d.year > p.last_year {
            return Err(outside(d.to_string()));
        }
    }
    Ok((period, value))
}

/// `d < 0` (read on every figure: without a general comparison, which rescales).
fn below_zero(d: Decimal) -> bool {
    d.is_sign_negative() && !d.is_zero()
}

/// `d > 100`: its mantissa against 100 at its scale (10^30 at most, within an `i128`).
fn above_hundred(d: Decimal) -> bool {
    !d.is_sign_negative() && d.mantissa() > 100 * 10i128.pow(d.scale())
}

/// Whether `d` is a whole number (`d.fract() == 0`, without the subtraction).
fn whole(d: Decimal) -> bool {
    let (m, p) = (d.mantissa().unsigned_abs(), 10u128.pow(d.scale()));
    match (u64::try_from(m), u64::try_from(p)) {
        (Ok(m), Ok(p)) => m % p == 0,
        _ => m % p == 0,
    }
}

/// A stable sort of figures. Every figure sort goes through this one function and every index sort through
/// [`sort_indices`], so that each is compiled once (a sort is kilobytes of code, and the WebAssembly build counts
/// its bytes); the comparisons are dynamic calls, on the rare series that need sorting.
fn sort_figures(figs: &mut [Figure], cmp: &dyn Fn(&Figure, &Figure) -> std::cmp::Ordering) {
    figs.sort_by(|a, b| cmp(a, b));
}

/// A stable sort of indices (see [`sort_figures`]).
pub(crate) fn sort_indices(indices: &mut [u32], cmp: &dyn Fn(u32, u32) -> std::cmp::Ordering) {
    indices.sort_by(|a, b| cmp(*a, *b));
}

/// The duplicate and overlapping figures of one series (figures in row order), each reported at the later row:
/// two figures for the same period and entity; a whole-year figure and a quarter or day of the same year (summing
/// both would count twice, choosing one would drop the other); a second figure for a milestone (done once).
fn duplicates(indicator: &Indicator, figs: &mut [Figure], unit: &Option<String>) -> Vec<Error> {
    let mut found = Vec::new();
    if figs.len() < 2 {
        return found;
    }
    let completion = indicator.measure == Measure::Completion;
    // by entity, then year (not for milestones: one per entity), then row
    sort_figures(figs, &|a, b| {
        let y = |f: &Figure| if completion { 0 } else { f.period.year() };
        a.entity.cmp(&b.entity).then_with(|| y(a).cmp(&y(b))).then_with(|| a.row.cmp(&b.row))
    });
    let dup = |first_row: usize, f: &Figure, shown: String| Error::DuplicateFigure {
        first_row,
        row: f.row,
        indicator: indicator.id.clone(),
        period: shown,
        unit_entity: describe(unit, f.entity.as_deref()),
    };
    // periods seen so far in a group, with their first row (at most 371 distinct periods fit one year): one buffer
    // for every group
    let mut seen: Vec<(Period, usize)> = Vec::new();
    let mut start = 0;
    while start < figs.len() {
        let same =
            |f: &Figure| f.entity == figs[start].entity && (completion || f.period.year() == figs[start].period.year());
        let mut end = start + 1;
        while end < figs.len() && same(&figs[end]) {
            end += 1;
        }
        let group = &figs[start..end];
        let first = &group[0];
        let whole = |f: &Figure| matches!(f.period, Period::Year(_));
        seen.clear();
        seen.push((first.period, first.row));
        for f in &group[1..] {
            if completion {
                found.push(dup(first.row, f, f.period.to_string()));
            } else if let Some(&(_, r)) = seen.iter().find(|(p, _)| *p == f.period) {
                found.push(dup(r, f, f.period.to_string()));
            } else if whole(first) || whole(f) {
                found.push(dup(first.row, f, format!("{} (overlapping periods of {})", f.period, f.period.year())));
            } else {
                seen.push((f.period, f.row));
            }
        }
        start = end;
    }
    found
}

pub(crate) fn describe(unit: &Option<String>, entity: Option<&str>) -> String {
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

    /// The records as the figure readers read them: plain ones split in place, any other read in full.
    fn our_records(text: &str) -> Vec<(usize, Vec<String>)> {
        records_with(text, b',')
    }

    /// [`our_records`] with the separator `sep`.
    fn records_with(text: &str, sep: u8) -> Vec<(usize, Vec<String>)> {
        let mut r = CsvRecords { text, pos: 0, line: 1, sep };
        let mut fields = Vec::new();
        let mut cells = [""; PLAIN_FIELDS];
        let mut out = Vec::new();
        loop {
            if let Some(p) = r.plain_record(&mut cells) {
                out.push((p.line, cells[..p.count].iter().map(|f| f.to_string()).collect()));
            } else if let Some(line) = r.next_record(&mut fields) {
                out.push((line, fields.iter().map(|f| f.to_string()).collect()));
            } else {
                return out;
            }
        }
    }

    /// The records read in full, one by one.
    fn full_records(text: &str) -> Vec<(usize, Vec<String>)> {
        let mut r = CsvRecords { text, pos: 0, line: 1, sep: b',' };
        let mut fields = Vec::new();
        let mut out = Vec::new();
        while let Some(line) = r.next_record(&mut fields) {
            out.push((line, fields.iter().map(|f| f.to_string()).collect()));
        }
        out
    }

    /// Everything the figures hold, in a form to compare.
    fn everything(cat: &Catalogue, read: &(Figures, Vec<RowError>)) -> impl PartialEq + std::fmt::Debug {
        let (f, errors) = read;
        let mut series = Vec::new();
        for &u in f.unit_order() {
            for i in 0..cat.indicators.len() {
                series.push((f.unit_code(u).map(str::to_string), i, f.series_at(u, i).to_vec(), f.refused_at(u, i)));
            }
        }
        (f.len(), f.units(), series, errors.clone())
    }

    /// [`read_csv_stream`] over a text, in stretches of `chunk` bytes and parts of `part` bytes.
    fn streamed(
        cat: &Catalogue,
        text: &str,
        threads: usize,
        chunk: usize,
        part: usize,
    ) -> std::io::Result<Result<(Figures, Vec<RowError>)>> {
        read_csv_stream(cat, text.as_bytes(), threads, &ReadOptions::default(), chunk, part, Some(text.len() as u64))
    }

    proptest::proptest! {
        /// Read from a stream a stretch at a time, the figures, bad rows and rows read are those of the whole text,
        /// whatever the stretches, the threads and the header (blank lines before it, `\r\n`, a quote in it, a
        /// wide one): bad and ragged rows, duplicates across stretches, quotes from some stretch on.
        #[test]
        fn reading_a_stream_reads_as_the_whole_text(rows in proptest::collection::vec((0usize..4, 0usize..5, 0usize..7, 0usize..9), 0..40),
                                                     quotes in proptest::bool::ANY, head in 0usize..4,
                                                     threads in 1usize..4, chunk in 1usize..90, part in 1usize..64) {
            let cat = Catalogue::builtin();
            let mut text = String::from(["unit,indicator,period,value,note\n", "\n\r\nunit,indicator,period,value,note\r\n",
                                         "unit,\"indicator\",period,value,note\n", "unit,indicator,field,2025,2026\n"][head]);
            let values = ["10", "1,5", "x", "\"7\"", "12.5", "", "-3", "101", "5"];
            for (unit, period, kind, value) in rows {
                let v = if quotes { values[value] } else { ["10", "12.5", "x", "", "-3", "101", "5", "7", "0"][value] };
                let line = match kind {
                    0 => format!("U{unit},grdp,{},{}\n", 2025 + period, v),
                    1 if quotes => format!("U{unit},online_dossiers,{},{},\"a\nb\"\n", 2025 + period, v),
                    2 => "\n\r\n".to_string(),
                    3 => format!("U{unit},online_dossiers,{},{},\r\n", 2026 + period, v),
                    4 => format!("U{unit},gdp,{},1,\n", 2025 + period),
                    5 => format!("U{unit},grdp,{}\n", 2025 + period),
                    6 if quotes => format!("U{unit},online_dossiers,{},{},\"q\"\"\"\n", 2025 + period, v),
                    _ => format!("U{unit},online_dossiers,{},{},n\n", 2025 + period, v),
                };
                text.push_str(&line);
            }
            let whole = read_csv_lenient(&cat, &text, 1, &ReadOptions::default());
            let stream = streamed(&cat, &text, threads, chunk, part).unwrap();
            match (whole, stream) {
                (Ok(w), Ok(s)) => {
                    proptest::prop_assert_eq!(w.0.read_rows(), s.0.read_rows());
                    proptest::prop_assert_eq!(everything(&cat, &w), everything(&cat, &s));
                }
                (Err(w), Err(s)) => proptest::prop_assert_eq!(w, s),
                (w, s) => proptest::prop_assert!(false, "{:?} / {:?}", w.map(|r| r.1), s.map(|r| r.1)),
            }
        }
    }

    /// The lenient reader without its fast path: every record through [`read_csv_body`], as on WebAssembly.
    fn read_generally(cat: &Catalogue, text: &str, options: &ReadOptions) -> Result<(Figures, Vec<RowError>)> {
        let reading = Reading::of(text, options)?;
        let mut records = CsvRecords { text, pos: 0, line: 1, sep: reading.sep };
        let header = read_csv_header(&mut records, reading)?;
        let mut b = FiguresBuilder::lenient(cat);
        b.read_rows = Some(0);
        let mut count = 0;
        read_csv_body(&header, &mut records, text.len(), &mut count, &mut |row, keys, f| b.push_record(row, keys, f))?;
        Ok(b.finish_lenient())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
        /// The usual record's path from its cells to the builder reads every text as the general path does: the
        /// same figures, bad rows (codes, fields, rows, units) and rows read, whatever the separator, the columns'
        /// order, spaces and non-ASCII letters in cells, blank and missing cells, ragged and quoted records, `\r\n`,
        /// a field past the length limit, a decimal comma, every kind of measure, figures at and past the limits
        /// of each (a share of 100 and 101, a numerator above its denominator, a denominator of 0 or below, a
        /// count not whole, a level with a growth too), and the text's end.
        #[test]
        fn the_usual_records_path_reads_as_the_general_one(
            rows in proptest::collection::vec((0usize..5, 0usize..9, 0usize..9, 0usize..16, 0usize..6, 0usize..5, 0usize..9), 0..30),
            more in proptest::collection::vec((0usize..4, 0usize..4, 0usize..3), 30),
            sep in 0usize..3, order in 0usize..3, comma in proptest::bool::ANY, last_newline in proptest::bool::ANY,
        ) {
            let cat = Catalogue::builtin();
            let sep = [",", ";", "\t"][sep];
            let columns: &[&str] = [
                &["unit", "indicator", "period", "value", "numerator", "denominator", "done", "completed", "entity"][..],
                &["indicator", "value", "period", "unit", "entity", "done", "completed", "numerator", "denominator",
                  "growth"][..],
                &["entity", "done", "denominator", "numerator", "completed", "value", "period", "indicator", "unit",
                  "note", "growth"][..],
            ][order];
            let mut text = columns.join(sep) + "\n";
            let long = "a".repeat(limits::MAX_NAME_CHARS + 1);
            for ((unit, indicator, period, value, done, entity, shape), (den, growth, note)) in rows.into_iter().zip(more) {
                let unit = ["U1", " U2 ", "", "Ủy ban", "U1"][unit];
                let indicator = ["grdp", "online_dossiers", "ideology_conferences", "party_organisation_inspected",
                                 "friendly_government_recognised", "gdp", "", " grdp", "online_dossiers"][indicator];
                let period = ["2025", "2026", "2030", "2026-Q2", "2024", "x", "", " 2027", "2026-03-01"][period];
                let value = ["10", "-3", "12.5", "1,5", "101", "", " 7 ", "1e3", "0", "85.00", "1.234,5", "0,5",
                             "7.", "99999999999999999999", "100", "100.01"][value];
                let done = ["", "true", "false", "có", "x", "KHÔNG"][done];
                let entity = ["", "Tổ 1", "A", &long, "Tổ \"2\""][entity];
                // a denominator above, equal to, and below numerators, zero, negative
                let den = ["250", "0", "10", "-4"][den];
                let growth = ["", "5.5", "-2", "x"][growth];
                let note = ["", "ghi chú", " "][note];
                // value or numerator/denominator, by the shape of the row
                // (a milestone's row: its day completed, no number; with a blank period or one given)
                let (v, n, d) = match shape % 3 {
                    _ if shape == 7 => ("", "", ""),
                    0 => (value, "", ""),
                    1 => ("", value, den),
                    _ => (value, "3", ""),
                };
                // (the day: one of four, picked by the value's length; outside the programme, spaced, not plain)
                let days = ["2027-05-01", "2024-12-31", " 2026-01-15", "2026-5-1"];
                let completed = if shape == 7 { days[value.len() % 4] } else { "" };
                let cells: Vec<&str> = columns.iter().map(|c| match *c {
                    "unit" => unit, "indicator" => indicator, "period" => period, "value" => v, "numerator" => n,
                    "denominator" => d, "done" => done, "completed" => completed, "growth" => growth, "note" => note,
                    _ => entity,
                }).collect();
                let line = match shape {
                    8 => vec![""; cells.len()].join(sep),               // every cell blank
                    3 => cells[..cells.len() - 1].join(sep),          // a field short
                    4 => cells.join(sep) + sep + "extra",            // a field more
                    5 => format!("\"{}\"{sep}{}", cells[0], cells[1..].join(sep)), // quoted
                    _ => cells.join(sep),
                };
                text.push_str(&line);
                text.push_str(if shape == 6 { "\r\n" } else { "\n" });
            }
            if !last_newline && text.ends_with('\n') {
                text.pop();
                if text.ends_with('\r') {
                    text.pop();
                }
            }
            let options = ReadOptions::new().decimal_comma(comma && sep != ",");
            let fast = read_csv_in_parts(&cat, &text, Reading::of(&text, &options).unwrap(), 1, 1);
            let general = read_generally(&cat, &text, &options);
            match (fast, general) {
                (Ok(f), Ok(g)) => {
                    proptest::prop_assert_eq!(f.0.read_rows(), g.0.read_rows());
                    proptest::prop_assert_eq!(everything(&cat, &f), everything(&cat, &g));
                }
                (f, g) => proptest::prop_assert_eq!(f.map(|r| r.1), g.map(|r| r.1)),
            }
        }

        /// Plain records split eight bytes at a time are the records the csv crate reads, for every separator, with
        /// the bytes just below and above the scan's limit (space, `-`, digits, `;`), non-ASCII letters and records
        /// longer than a word.
        #[test]
        fn plain_records_match_the_csv_crate_for_every_separator(
            text in "([a0-9 ,;\t\"\r\n.+-]|ó|Ủ){0,160}", sep in 0usize..3,
        ) {
            let sep = [b',', b';', b'\t'][sep];
            let ours = records_with(&text, sep);
            let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(sep)
                .from_reader(text.as_bytes());
            let theirs: Vec<Vec<String>> =
                rdr.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
            proptest::prop_assert_eq!(ours.into_iter().map(|(_, r)| r).collect::<Vec<_>>(), theirs);
        }
    }

    proptest::proptest! {
        /// Every series is kept by period, entity and row, whatever order its rows come in (by entity then year, as
        /// national files give them, or shuffled), with quarters among the years or not, and for a milestone;
        /// checked against a sort of the rows read.
        #[test]
        fn series_are_kept_by_period_entity_and_row(rows in proptest::collection::vec((0usize..3, 0usize..6, 0usize..3), 0..40),
                                                    by_entity in proptest::bool::ANY, quarters in proptest::bool::ANY,
                                                    milestone in proptest::bool::ANY) {
            let cat = Catalogue::builtin();
            let mut rows = rows;
            if by_entity {
                rows.sort();
            }
            let indicator = if milestone { "friendly_government_recognised" } else { "party_organisation_inspected" };
            let mut text = String::from("unit,indicator,period,done,entity\n");
            for (entity, year, quarter) in &rows {
                let period = if quarters && *quarter > 0 { format!("{}-Q{quarter}", 2025 + year) } else { (2025 + year).to_string() };
                text.push_str(&format!("U1,{indicator},{period},false,E{entity}\n"));
            }
            let (figures, errors) = read_csv_lenient(&cat, &text, 1, &ReadOptions::default()).unwrap();
            let series = figures.series(indicator, Some("U1"));
            let mut want: Vec<(Period, Option<Arc<str>>, usize)> =
                series.iter().map(|f| (f.period, f.entity.clone(), f.row)).collect();
            want.sort();
            let got: Vec<(Period, Option<Arc<str>>, usize)> = series.iter().map(|f| (f.period, f.entity.clone(), f.row)).collect();
            proptest::prop_assert_eq!(got, want);
            // every row is a figure or a bad row (a duplicate is both)
            let duplicates = errors.iter().filter(|e| e.error.code() == "duplicate_figure").count();
            proptest::prop_assert_eq!(series.len() + errors.len() - duplicates, rows.len());
        }
    }

    proptest::proptest! {
        /// Periods and dates read directly are those `Period::from_str` and `Date::from_str` read, for the usual
        /// forms and near misses (year 0000, quarter 0 and 5, day 31 of a 30-day month, 29 February, signs, spaces,
        /// lower case, other lengths).
        #[test]
        fn periods_read_directly_as_in_full(t in "[0-9]{4}|[0-9]{4}-[qQ][0-9]|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9 +Qq/-]{0,11}|Q[0-9]/[0-9]{4}") {
            proptest::prop_assert_eq!(parse_period(&t), Period::from_str(&t).ok(), "{:?}", t);
            proptest::prop_assert_eq!(parse_date(&t), Date::from_str(&t).ok(), "{:?}", t);
        }
    }

    /// A milestone's usual row (a day completed, the period left blank) goes straight to its figure: the usual path
    /// reads it, with the period the general path gives it (the day); so does the ordinary row beside it.
    #[test]
    fn a_milestone_row_without_a_period_takes_the_usual_path() {
        let cat = Catalogue::builtin();
        let text = "unit,indicator,period,value,completed,done\n\
                    U1,friendly_government_recognised,,,2026-09-27,\n\
                    U1,socialism_project_plan,,,2027-01-02,true\n\
                    U1,grdp,2026,12.5,,\n";
        let reading = Reading::of(text, &ReadOptions::default()).unwrap();
        let mut records = CsvRecords { text, pos: 0, line: 1, sep: reading.sep };
        let header = read_csv_header(&mut records, reading).unwrap();
        let mut b = FiguresBuilder::lenient(&cat);
        let mut cuts = [0; PLAIN_FIELDS + 1];
        let mut taken = Vec::new();
        while records.pos < text.len() {
            let p = records.split_plain(header.slots.len(), &mut cuts).unwrap();
            let cells = Cells { text, cuts: &cuts, column: &header.column };
            taken.push(b.usual(p.line, &cells).map(|u| (u.period, u.value)));
        }
        let day = |y, m, d| Date::new(y, m, d).unwrap();
        assert_eq!(
            taken,
            [
                Some((Period::Day(day(2026, 9, 27)), FigureValue::Completed(day(2026, 9, 27)))),
                Some((Period::Day(day(2027, 1, 2)), FigureValue::Completed(day(2027, 1, 2)))),
                Some((Period::Year(2026), FigureValue::Number(Decimal::new(125, 1)))),
            ]
        );
        let (general, errors) = read_generally(&cat, text, &ReadOptions::default()).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        let day_of = |milestone| general.series(milestone, Some("U1")).iter().map(|f| f.period).collect::<Vec<_>>();
        assert_eq!(day_of("friendly_government_recognised"), [Period::Day(day(2026, 9, 27))]);
        assert_eq!(day_of("socialism_project_plan"), [Period::Day(day(2027, 1, 2))]);
    }

    #[test]
    fn usual_periods_and_dates() {
        for (t, want) in [
            ("2026", Some(Period::Year(2026))),
            ("0000", None),
            ("2026-Q4", Some(Period::Quarter(2026, 4))),
            ("2026-Q5", None),
            ("2024-02-29", Date::new(2024, 2, 29).map(Period::Day)),
            ("2025-02-29", None),
            ("2025-04-31", None),
        ] {
            assert_eq!(parse_period(t), want, "{t}");
            assert_eq!(parse_period(t), Period::from_str(t).ok(), "{t}");
        }
        assert_eq!(parse_date("2030-12-31"), Date::new(2030, 12, 31));
    }

    #[test]
    fn a_stream_that_is_not_utf8_or_fails_is_an_io_error() {
        let cat = Catalogue::builtin();
        let mut bytes = b"unit,indicator,period,value\nU1,grdp,2025,1\nU1,grdp,2026,2\nU1,gr\xffdp,2027,3\n".to_vec();
        for chunk in [1, 7, 1000] {
            let e = read_csv_stream(&cat, &bytes[..], 1, &ReadOptions::default(), chunk, 1, None).unwrap_err();
            assert_eq!(e.kind(), std::io::ErrorKind::InvalidData);
            assert!(e.to_string().contains("line 4"), "{e}");
        }
        bytes.truncate(40);
        struct Failing<'a>(&'a [u8]);
        impl std::io::Read for Failing<'_> {
            fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                if self.0.is_empty() {
                    return Err(std::io::Error::other("disk gone"));
                }
                let n = out.len().min(self.0.len());
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let e = read_csv_stream(&cat, Failing(&bytes), 1, &ReadOptions::default(), 16, 1, None).unwrap_err();
        assert_eq!(e.to_string(), "disk gone");
    }

    proptest::proptest! {
        /// Read in parts on several threads, the figures and bad rows are those read on one thread, whatever the
        /// cuts: blank lines, `\r\n`, quoted fields with line breaks across a cut, bad and ragged rows, units
        /// split between parts, duplicates across parts.
        #[test]
        fn reading_in_parts_reads_as_one_thread(rows in proptest::collection::vec((0usize..4, 0usize..5, 0usize..7, 0usize..9), 0..40),
                                                threads in 2usize..5, part in 1usize..64) {
            let cat = Catalogue::builtin();
            let mut text = String::from("unit,indicator,period,value,note\n");
            let values = ["10", "1,5", "x", "\"7\"", "12.5", "", "-3", "101", "5"];
            for (unit, period, kind, value) in rows {
                let line = match kind {
                    0 => format!("U{unit},grdp,{},{}\n", 2025 + period, values[value]),
                    1 => format!("U{unit},online_dossiers,{},{},\"a\nb\"\n", 2025 + period, values[value]),
                    2 => "\n\r\n".to_string(),
                    3 => format!("U{unit},online_dossiers,{},{},\r\n", 2026 + period, values[value]),
                    4 => format!("U{unit},gdp,{},1,\n", 2025 + period),
                    5 => format!("U{unit},grdp,{}\n", 2025 + period),
                    _ => format!("U{unit},online_dossiers,{},{},\"q\"\"\"\n", 2025 + period, values[value]),
                };
                text.push_str(&line);
            }
            let one = read_csv_in_parts(&cat, &text, Reading::PLAIN, 1, part).unwrap();
            let many = read_csv_in_parts(&cat, &text, Reading::PLAIN, threads, part).unwrap();
            proptest::prop_assert_eq!(everything(&cat, &one), everything(&cat, &many));
        }
    }

    #[test]
    fn plain_records_are_split_in_place() {
        let text = "a,b\r\n\n,,\nx,\"y\"\n1,2,3,4,5,6,7,8,9,10,11,12,13\nlast,line";
        let mut r = CsvRecords { text, pos: 0, line: 1, sep: b',' };
        let mut cells = [""; PLAIN_FIELDS];
        let mut plain = |r: &mut CsvRecords<'static>| r.plain_record(&mut cells).map(|p| (p.line, p.count));
        assert_eq!(plain(&mut r), Some((1, 2)));
        assert_eq!(plain(&mut r), Some((3, 3))); // after a blank line
        assert_eq!(plain(&mut r), None); // a quote: read in full
        let mut rec = Vec::new();
        assert_eq!(r.next_record(&mut rec), Some(4));
        assert_eq!(plain(&mut r), None); // 13 fields: read in full
        assert_eq!(r.next_record(&mut rec), Some(5));
        assert_eq!(plain(&mut r), Some((6, 2))); // ends with the text
        assert_eq!(plain(&mut r), None);
        assert_eq!(our_records(text), full_records(text));
    }

    proptest::proptest! {
        /// The CSV reader reads every text as the csv crate does (records and fields), and numbers records by the
        /// line they start on.
        #[test]
        fn csv_records_match_the_csv_crate(text in "[a,\"\n\r ]{0,40}|([a,\n]{0,8}(\r\n)?){0,6}") {
            let ours = our_records(&text);
            let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
            let theirs: Vec<(usize, Vec<String>)> = rdr
                .records()
                .map(|r| {
                    let r = r.unwrap();
                    // the line a record starts on: line feeds before its first byte, blank lines skipped
                    let mut at = r.position().unwrap().byte() as usize;
                    while at < text.len() && matches!(text.as_bytes()[at], b'\n' | b'\r') {
                        at += 1;
                    }
                    (1 + text.as_bytes()[..at].iter().filter(|b| **b == b'\n').count(), r.iter().map(str::to_string).collect())
                })
                .collect();
            proptest::prop_assert_eq!(&ours, &theirs);
            proptest::prop_assert_eq!(full_records(&text), theirs);
        }

        /// Fields written by the CSV writer read back unchanged.
        #[test]
        fn csv_fields_round_trip(fields in proptest::collection::vec("[a,\"\n\r ]{0,6}", 1..5)) {
            let mut out = String::new();
            push_csv_record(&mut out, &fields);
            let back = our_records(&out);
            // a record of one empty field is a blank line: no record
            if fields.len() == 1 && fields[0].is_empty() {
                proptest::prop_assert!(back.is_empty());
            } else {
                proptest::prop_assert_eq!(back.len(), 1);
                proptest::prop_assert_eq!(&back[0].1, &fields);
            }
        }
    }

    proptest::proptest! {
        /// Floats read as their shortest decimal, the fast path agreeing with printing and parsing.
        #[test]
        fn figure_checks_agree_with_decimal_comparisons(lo: u32, mid: u32, hi in proptest::prop_oneof![proptest::strategy::Just(0u32), proptest::prelude::any::<u32>()],
                                                        negative: bool, scale in 0u32..=28) {
            let d = Decimal::from_parts(lo, mid % 4, hi, negative, scale);
            proptest::prop_assert_eq!(below_zero(d), d < Decimal::ZERO);
            proptest::prop_assert_eq!(above_hundred(d), d > Decimal::ONE_HUNDRED);
            proptest::prop_assert_eq!(whole(d), d.fract() == Decimal::ZERO);
            for m in [0i64, 100, -100, 10_000, 100_001] {
                let d = Decimal::new(m, scale.min(6));
                proptest::prop_assert_eq!(above_hundred(d), d > Decimal::ONE_HUNDRED);
                proptest::prop_assert_eq!(whole(d), d.fract() == Decimal::ZERO);
            }
        }

        #[test]
        fn floats_read_as_their_shortest_decimal(m in -10_000_000_000_000i64..10_000_000_000_000, k in 0u32..8,
                                                 bits in proptest::num::f64::NORMAL) {
            let x = m as f64 / 10f64.powi(k as i32);
            proptest::prop_assert_eq!(decimal_from_f64(x), parse_decimal(&x.to_string()));
            proptest::prop_assert_eq!(decimal_from_f64(bits), parse_decimal(&bits.to_string()));
        }

        /// The fast path gives the very decimal the previous implementation gave and printing then parsing gives,
        /// scale and sign included (`Decimal`'s `==` ignores the scale: 85 == 85.0), over floats near decimals of
        /// every scale, whole floats around 2^53, any bit pattern, and the 10^11 edge of the fast path.
        #[test]
        fn floats_read_as_before_scale_included(m in -100_000_000_000_000i64..100_000_000_000_000, k in 0u32..10,
                                                ulps in -3i64..=3, raw: u64, big in 0u64..=(1u64 << 54)) {
            let near = m as f64 / 10f64.powi(k as i32);
            let nudged = f64::from_bits((near.to_bits() as i64).wrapping_add(ulps) as u64);
            for x in [near, nudged, f64::from_bits(raw), big as f64, -(big as f64), 1e11 - near.abs() % 1e4] {
                let want = previous_decimal_from_f64(x);
                let got = decimal_from_f64(x);
                proptest::prop_assert_eq!(exactly(got), exactly(want), "{:?}", x);
                if x.is_finite() {
                    proptest::prop_assert_eq!(exactly(got), exactly(parse_decimal(&x.to_string())), "{:?}", x);
                }
            }
        }
    }

    /// What a JSON reader hands over for a text: each figure's row, fields and problem, or the text's error.
    type Handed = Result<Vec<(usize, [Option<String>; 11], Option<Error>)>>;

    fn handed(read: fn(&str, &mut JsonSink) -> Result<()>, text: &str) -> Handed {
        let mut seen = Vec::new();
        read(text, &mut |row, fields, problem| {
            seen.push((row, fields.clone().map(|f| f.map(Cow::into_owned)), problem))
        })?;
        Ok(seen)
    }

    /// A JSON text of figures from generated parts: elements that are figures (numbers as JSON numbers or strings,
    /// nulls, booleans, spaces), and some that are not (an unknown field, an array or object in a field, a number,
    /// a string or an array where a figure should be), in an array or under `figures`, or a broken or other text.
    fn json_text(rows: &[(usize, usize, usize, usize, usize)], wrap: usize) -> String {
        let figures: Vec<String> = rows
            .iter()
            .map(|&(indicator, period, value, extra, shape)| {
                let indicator = [
                    "\"grdp\"",
                    "\"online_dossiers\"",
                    "\"ideology_conferences\"",
                    "\"gdp\"",
                    "null",
                    "\" online_dossiers \"",
                    "\"party_organisation_inspected\"",
                ][indicator];
                let period = ["\"2026\"", "2026", "\"2026-Q2\"", "null", "\"x\"", "\"2024\""][period];
                let value = ["85.5", "\"85.5\"", "-3", "1e2", "\"1,5\"", "true", "null", "101", "0.10", "12"][value];
                let extra = [
                    "",
                    ", \"unit\": \"HD\"",
                    ", \"unit\": \"TN\", \"entity\": \"Tổ \\\"1\\\"\"",
                    // unknown and bad fields (the first in the names' order, not the text's), a field given twice
                    ", \"valeu\": 1, \"aaa\": 2",
                    ", \"note\": [1, {\"a\": 2}], \"done\": {\"x\": 1}",
                    ", \"zz\": 1, \"done\": {\"x\": 1}",
                    ", \"growth\": null",
                    ", \"unit\": \"H\\u0044\"",
                    ", \"value\": 7, \"value\": [7]",
                    ", \"note\": [], \"note\": \"x\"",
                ][extra];
                match shape {
                    0 => "12".to_string(),
                    1 => "\"a figure\"".to_string(),
                    2 => "[1, 2]".to_string(),
                    3 => "null".to_string(),
                    _ => format!("{{\"indicator\": {indicator}, \"period\": {period}, \"value\": {value}{extra}}}"),
                }
            })
            .collect();
        let array = format!("[{}]", figures.join(",\n "));
        match wrap {
            0 => array,
            1 => format!("{{\"figures\": {array}}}"),
            2 => format!("{{\"figures\": {array}, \"more\": 1}}"),
            3 => format!("{{\"data\": {array}}}"),
            // broken off about halfway (at a character's start: the names hold letters of several bytes)
            4 => array[..(0..=array.len() / 2).rev().find(|&k| array.is_char_boundary(k)).unwrap_or(0)].to_string(),
            5 => format!("{array} x"), // text after it
            6 => "12".to_string(),
            _ => "{\"figures\": 3}".to_string(),
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
        /// The streaming JSON reader reads every text as the tree of the text would be read: the same figures,
        /// fields and problems row for row, and the same error for a text that is not JSON or not an array of
        /// figures; but a field given twice, which the tree cannot see (it keeps the last value), is that row's
        /// problem, and the field keeps its first value.
        #[test]
        fn json_read_a_figure_at_a_time_reads_as_the_tree(
            rows in proptest::collection::vec((0usize..7, 0usize..6, 0usize..10, 0usize..10, 0usize..12), 0..12),
            wrap in 0usize..8,
        ) {
            let text = json_text(&rows, wrap);
            let mut want = handed(|t, e| read_json_tree(t, e), &text);
            if let Ok(want) = &mut want {
                // the rows whose extra fields give one twice (see `json_text`); the value read first: "note": []
                // is none, "value" the row's own (the tree's reading of the row without the extra)
                for ((row, fields, problem), &(indicator, period, value, extra, shape)) in want.iter_mut().zip(&rows) {
                    if shape < 4 || extra < 8 {
                        continue;
                    }
                    let (field, first) = if extra == 8 {
                        let alone = json_text(&[(indicator, period, value, 0, shape)], 0);
                        ("value", handed(|t, e| read_json_tree(t, e), &alone).unwrap()[0].1[VALUE].clone())
                    } else {
                        ("note", None)
                    };
                    fields[FIELDS.iter().position(|f| *f == field).unwrap()] = first;
                    *problem = Some(json::Problem::Twice(field).error(*row));
                }
            }
            proptest::prop_assert_eq!(handed(read_json_stream, &text), want, "{}", text);
        }

        /// JSON figures read leniently are the CSV reader's, row for row (the JSON's rows one lower: CSV has a
        /// header), bad rows included; and every element of the array is accounted for.
        #[cfg(all(feature = "wide", not(target_arch = "wasm32")))]
        #[test]
        fn json_figures_read_leniently_as_csv_rows_are(
            rows in proptest::collection::vec((0usize..4, 0usize..7, 0usize..6, 0usize..10, 0usize..4), 0..30),
        ) {
            let cat = Catalogue::builtin();
            let mut csv = String::from("unit,indicator,period,value,entity\n");
            let mut objects = Vec::new();
            for (unit, indicator, period, value, entity) in rows {
                let unit = ["HD", "TN", "", " HD "][unit];
                let indicator = ["grdp", "online_dossiers", "ideology_conferences", "gdp", "",
                                 "party_organisation_inspected", "friendly_government_recognised"][indicator];
                let period = ["2026", "2027", "2026-Q2", "", "x", "2024"][period];
                let value = ["85.5", "-3", "100", "100.01", "1e2", "x", "", "0", "12", "12.5"][value];
                let entity = ["", "Tổ 1", "A", "Tổ 2"][entity];
                csv.push_str(&[unit, indicator, period, value, entity].join(","));
                csv.push('\n');
                // a blank cell is an absent field, or null; a number a JSON number when it is one
                let mut o = serde_json::Map::new();
                for (name, text) in [("unit", unit), ("indicator", indicator), ("period", period), ("value", value),
                                     ("entity", entity)] {
                    let v = match serde_json::from_str::<serde_json::Number>(text) {
                        Ok(n) if name == "value" => serde_json::Value::Number(n),
                        _ if text.is_empty() && name == "entity" => continue,
                        _ if text.is_empty() => serde_json::Value::Null,
                        _ => serde_json::Value::String(text.into()),
                    };
                    o.insert(name.into(), v);
                }
                objects.push(serde_json::Value::Object(o));
            }
            let json = serde_json::Value::Array(objects).to_string();
            let from_json = read_json_lenient(&cat, &json).unwrap();
            let (mut figures, errors) = crate::batch::read_csv(&cat, &csv).unwrap();
            figures.map_rows(&|r| r - 1);
            let errors: Vec<RowError> = errors
                .into_iter()
                .map(|e| RowError { row: e.row.map(|r| r - 1), error: e.error.map_rows(&|r| r - 1), ..e })
                .collect();
            let blank_lines = csv.lines().skip(1).filter(|l| l.split(',').all(str::is_empty)).count();
            proptest::prop_assert_eq!(from_json.0.read_rows(), figures.read_rows().map(|n| n + blank_lines));
            if blank_lines == 0 {
                proptest::prop_assert_eq!(everything(&cat, &from_json), everything(&cat, &(figures, errors)));
            }
        }
    }

    #[test]
    fn json_numbers_are_read_as_written() {
        // serde_json hands a number that is not a 64-bit integer to a visitor under json::NUMBER_KEY
        // (arbitrary_precision): the digits as written (an exponent with its sign), as the tree kept them
        let text = r#"{"figures": [{"indicator": "x", "value": 12.50, "numerator": -0.0, "denominator": 1e3,
                       "growth": 123456789012345678901234567890, "done": true, "note": null, "unit": "H\u0044"}]}"#;
        let mut seen = Vec::new();
        read_json_rows(text, |row, fields: &[Option<Cow<str>>; 11], problem| {
            seen.push((row, fields.clone().map(|f| f.map(Cow::into_owned)), problem));
        })
        .unwrap();
        let f = |s: &str| Some(s.to_string());
        let mut want: [Option<String>; 11] = Default::default();
        (want[INDICATOR], want[VALUE], want[NUMERATOR], want[DENOMINATOR]) = (f("x"), f("12.50"), f("-0.0"), f("1e+3"));
        (want[GROWTH], want[DONE], want[UNIT]) = (f("123456789012345678901234567890"), f("true"), f("HD"));
        assert_eq!(seen, vec![(1, want, None)]);
    }

    #[test]
    fn json_figures_that_are_not_figures() {
        let cat = Catalogue::builtin();
        // a field given twice is refused, whichever value would pass: neither is taken for the figure
        for twice in [
            r#"[{"indicator": "online_dossiers", "period": "2030", "value": 85, "value": 90}]"#,
            r#"[{"indicator": "online_dossiers", "period": "2030", "value": 85, "value": 85}]"#,
            r#"[{"indicator": "online_dossiers", "period": "2030", "value": 85, "value": null}]"#,
        ] {
            let e = read_json(twice).unwrap_err();
            assert_eq!((e.code(), e.details().row), ("figures_syntax", Some(1)));
            assert!(e.to_string().contains("field \"value\" is given twice"), "{e}");
        }
        // leniently: each element a figure or a bad row of the unit it names, every one counted
        let text = r#"[{"unit": "HD", "indicator": "online_dossiers", "period": "2030", "value": 85.01},
                       {"unit": "TN", "indicator": "online_dossiers", "period": "2030", "value": [85]},
                       12,
                       {"unit": "TN", "indicator": "online_dossiers", "period": "2030", "valeu": 85},
                       {"unit": "TN", "indicator": "online_dossiers", "period": "2030", "value": "85,5"},
                       {"unit": "HD", "indicator": "online_dossiers", "period": "2031", "value": 1, "unit": "TN"},
                       {"unit": "HD", "indicator": "online_dossiers", "period": "2029", "value": 86, "valeu": 1}]"#;
        let (figures, errors) = read_json_lenient(&cat, text).unwrap();
        assert_eq!((figures.len(), figures.read_rows()), (1, Some(7)));
        let got: Vec<(Option<usize>, Option<&str>, &str)> =
            errors.iter().map(|e| (e.row, e.unit.as_deref(), e.error.code())).collect();
        assert_eq!(
            got,
            [
                (Some(2), Some("TN"), "figures_syntax"),
                (Some(3), None, "figures_syntax"),
                (Some(4), Some("TN"), "figures_syntax"),
                (Some(5), Some("TN"), "not_a_number"),
                // (the unit given twice: the bad row is its first unit's)
                (Some(6), Some("HD"), "figures_syntax"),
                (Some(7), Some("HD"), "figures_syntax"),
            ]
        );
        assert!(errors[2].error.to_string().contains("unknown field \"valeu\""), "{}", errors[2].error);
        assert!(errors[4].error.to_string().contains("field \"unit\" is given twice"), "{}", errors[4].error);
        // the first problem in the names' order: "unit" (twice) before "valeu" (unknown) before "value"
        let both = r#"[{"indicator": "grdp", "period": "2026", "valeu": 1, "unit": "A", "unit": "B"},
                       {"indicator": "grdp", "period": "2026", "valeu": 1, "value": 2, "value": 3},
                       {"indicator": "grdp", "period": "2026", "note": [1], "note": "x", "done": {}}]"#;
        let (_, errors) = read_json_lenient(&cat, both).unwrap();
        let messages: Vec<String> = errors.iter().map(|e| e.error.to_string()).collect();
        assert!(messages[0].contains("field \"unit\" is given twice"), "{messages:?}");
        assert!(messages[1].contains("unknown field \"valeu\""), "{messages:?}");
        assert!(messages[2].contains("field \"done\" must be a string or number"), "{messages:?}");
        // the text as a whole: not JSON, not figures
        for (text, why) in [("[{\"indicator\": 1}", "EOF"), ("{\"figures\": 3}", "expected an array of figures or")] {
            let e = read_json_lenient(&cat, text).unwrap_err();
            assert!(e.to_string().contains(why), "{e}");
        }
    }

    #[test]
    fn texts_read_leniently_as_csv_rows_are() {
        let cat = Catalogue::builtin();
        let csv = "unit,indicator,period,value\nU1,grdp,2025,10\nU1,grdp,2026,1,5\n,,,\nU2,grdp,2025,x\n\
                   U2,gdp,2025,1\nU3,grdp,2025,7\nU3,grdp,2025,8\n";
        let (from_csv, csv_errors) = crate::batch::read_csv(&cat, csv).unwrap();
        let mut b = FiguresBuilder::lenient(&cat);
        for (i, line) in csv.lines().enumerate().skip(1) {
            let cells: Vec<&str> = line.split(',').collect();
            let mut fields: [Option<&str>; 11] = [None; 11];
            for (name, cell) in ["unit", "indicator", "period", "value"].iter().zip(&cells) {
                fields[FIELDS.iter().position(|f| f == name).unwrap()] = Some(*cell);
            }
            if cells.len() > 4 {
                // the CSV reader refuses the row for its field count; here the extra cell is a bad value
                fields[FIELDS.iter().position(|f| *f == "value").unwrap()] = Some("1,5");
            }
            b.push_texts(i + 1, &fields).unwrap();
        }
        let (figures, errors) = b.finish_lenient();
        assert_eq!(figures.len(), from_csv.len());
        assert_eq!(figures.units(), from_csv.units());
        let where_ = |e: &[RowError]| e.iter().map(|e| (e.row, e.unit.clone())).collect::<Vec<_>>();
        assert_eq!(where_(&errors), where_(&csv_errors));
        let codes: Vec<&str> = errors.iter().map(|e| e.error.code()).collect();
        assert_eq!(codes, ["not_a_number", "not_a_number", "unknown_indicator", "duplicate_figure"]);
        assert_eq!(figures.refused_at(1, figures.indicator_number("grdp").unwrap()), Some(1)); // U2's grdp
        assert_eq!(figures.series("grdp", Some("U1")).len(), 1);
        assert_eq!(figures.series("grdp", Some("U3")).len(), 2);
    }

    /// `decimal_from_f64` as it was before its one-division fast path (up to five divisions): the reference.
    fn previous_decimal_from_f64(x: f64) -> Option<Decimal> {
        if !x.is_finite() {
            return None;
        }
        if x.abs() < 1e11 {
            const ROUND: f64 = 6_755_399_441_055_744.0;
            let mut p = 1.0f64;
            for k in 0..=4u32 {
                let n = (x * p + ROUND) - ROUND;
                if n / p == x {
                    return Some(Decimal::new(n as i64, k));
                }
                p *= 10.0;
            }
        }
        parse_decimal(&x.to_string())
    }

    /// A decimal as it is written, scale and sign included (with `Decimal`'s `==`, 85 == 85.0 and -0 == 0).
    fn exactly(d: Option<Decimal>) -> Option<(i128, u32, bool, String)> {
        d.map(|d| (d.mantissa(), d.scale(), d.is_sign_negative(), d.to_string()))
    }

    #[test]
    fn floats_read_exactly_at_the_edges() {
        let two53 = 9_007_199_254_740_992.0f64;
        let edges = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            85.0,
            85.00000000000001,
            84.99999999999999,
            0.1,
            0.2,
            0.1 + 0.2,
            0.3,
            1e-4,
            5e-5,
            1.5e-4,
            0.00015,
            0.12345,
            1.2345,
            99_999_999_999.9999,
            99_999_999_999.999,
            1e11,
            -1e11,
            1e11 - 1.0,
            123_456_789_012.0,
            1e15,
            1e16,
            two53,
            two53 + 2.0,
            two53 - 1.0,
            -two53,
            1e21,
            1e22,
            1e28,
            1e29,
            1e300,
            5e-324,
            f64::MIN_POSITIVE,
            f64::MAX,
            f64::MIN,
            f64::EPSILON,
            21003.416576,
            21003.416575,
            0.5,
            2.5,
            -2.5,
            1.0 / 3.0,
            2.0 / 3.0,
            100.0 / 7.0,
            1234.5678,
            1234.56789,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for x in edges {
            let want = previous_decimal_from_f64(x);
            assert_eq!(exactly(decimal_from_f64(x)), exactly(want), "{x:?}");
            if x.is_finite() {
                assert_eq!(exactly(decimal_from_f64(x)), exactly(parse_decimal(&x.to_string())), "{x:?}");
            }
        }
        let d = |x: f64| decimal_from_f64(x).map(|d| d.to_string());
        assert_eq!(d(85.00000000000001), Some("85.00000000000001".into())); // not 85: above the threshold
        assert_eq!(d(85.0), Some("85".into()));
        assert_eq!(d(1e-4), Some("0.0001".into()));
        assert_eq!(d(5e-5), Some("0.00005".into()));
        assert_eq!(d(two53), Some("9007199254740992".into()));
        assert_eq!(d(two53 + 2.0), Some("9007199254740994".into()));
        assert_eq!(d(99_999_999_999.9999), Some("99999999999.9999".into()));
        assert_eq!(d(-2.5), Some("-2.5".into()));
        assert_eq!(d(5e-324), None); // 324 decimals: more than 28 digits, refused, not rounded
    }

    #[test]
    fn floats_read_exactly() {
        let d = |x: f64| decimal_from_f64(x).map(|d| d.to_string());
        assert_eq!(d(0.1), Some("0.1".into()));
        assert_eq!(d(85.0), Some("85".into()));
        assert_eq!(d(21003.416576), Some("21003.416576".into()));
        assert_eq!(d(-3.5), Some("-3.5".into()));
        assert_eq!(d(-0.0), Some("0".into()));
        assert_eq!(d(0.1 + 0.2), Some("0.30000000000000004".into()));
        assert_eq!(d(f64::NAN), None);
        for (text, b) in [("CÓ", true), ("Có", true), ("KHÔNG", false), ("Không", false), ("TRUE", true), ("No", false)]
        {
            assert_eq!(parse_bool(text), Some(b), "{text}");
        }
        assert_eq!(d(f64::INFINITY), None);
        assert_eq!(d(1e300), None); // more than 28 digits: refused, not rounded
    }

    proptest::proptest! {
        /// The usual figures, read from their bytes, are the decimals the full reader gives (sign and scale too).
        #[test]
        fn plain_decimals_read_as_in_full(text in "-?[0-9]{0,20}(\\.[0-9]{0,10})?|[-+. 0-9eE]{0,12}") {
            let fast = plain_decimal(text.as_bytes());
            let full = parse_decimal_in_full(&text);
            if let Some(f) = fast {
                let full = full.expect("the full reader reads what the fast one does");
                proptest::prop_assert_eq!((f.mantissa(), f.scale(), f.is_sign_negative()),
                                          (full.mantissa(), full.scale(), full.is_sign_negative()), "{}", text);
            }
            let both = parse_decimal(&text).map(|d| (d.mantissa(), d.scale(), d.is_sign_negative()));
            proptest::prop_assert_eq!(both, full.map(|d| (d.mantissa(), d.scale(), d.is_sign_negative())));
        }
    }

    #[test]
    fn plain_decimals_at_their_limits() {
        let both = |t: &str| {
            (
                plain_decimal(t.as_bytes()).map(|d| (d.mantissa(), d.scale(), d.is_sign_negative())),
                parse_decimal_in_full(t).map(|d| (d.mantissa(), d.scale(), d.is_sign_negative())),
            )
        };
        for t in ["0", "-0", "-0.00", "999999999999999999", "-99999999999999999.9", "0.00000000000000001", "85.00"] {
            let (fast, full) = both(t);
            assert!(fast.is_some(), "{t}");
            assert_eq!(fast, full, "{t}");
        }
        // 19 digits, a bare point, a leading point, a plus: the full reader's
        for t in ["1000000000000000000", "5.", ".5", "+5", "-", "", "1.2.3", "1e3", " 1"] {
            assert_eq!(plain_decimal(t.as_bytes()), None, "{t}");
        }
    }

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
    fn a_header_separated_otherwise_says_so() {
        let cat = Catalogue::builtin();
        // the separator is found from the header; a header in quotes is one field, and then the message says what
        // it looks like
        let e = Figures::from_csv(&cat, "\"indicator;period;value\"\ngrdp;2026;85\n").unwrap_err();
        assert_eq!(e.code(), "figures_syntax");
        assert!(e.to_string().contains("separated by \";\""), "{e}");
        // one unknown name among ';'-separated ones: the plain message, naming it
        let e = Figures::from_csv(&cat, "indicator;amount\n").unwrap_err();
        assert!(e.to_string().contains("unknown column \"amount\"") && !e.to_string().contains("separated by"), "{e}");
        // ',' and ';' both in the header, and only ',' splits it into known names: ','
        let e = Figures::from_csv(&cat, "indicator,period;value\n").unwrap_err();
        assert!(e.to_string().contains("\"period;value\""), "{e}");
    }

    #[test]
    fn separators_and_decimal_commas() {
        let cat = Catalogue::builtin();
        let comma = ReadOptions::default().decimal_comma(true);
        let value = |f: &Figures| f.series("grdp", None).iter().map(|x| x.value.clone()).collect::<Vec<_>>();
        let number = |t: &str| vec![FigureValue::Number(Decimal::from_str_exact(t).unwrap())];
        for text in [
            "indicator,period,value,note\ngrdp,2026,85.5,\"a; b\"\n",
            "indicator;period;value;note\ngrdp;2026;85.5;a, b\n",
            "indicator\tperiod\tvalue\tnote\r\ngrdp\t2026\t85.5\ta, b; c\r\n",
            "\u{feff}Mã chỉ tiêu (indicator);Kỳ (period);value\ngrdp;2026;85.5\n",
        ] {
            assert_eq!(value(&Figures::from_csv(&cat, text).unwrap()), number("85.5"), "{text:?}");
            let (f, bad) = read_csv_lenient(&cat, text, 1, &ReadOptions::default()).unwrap();
            assert!(bad.is_empty(), "{text:?}");
            assert_eq!(value(&f), number("85.5"));
        }
        // a decimal comma, declared, from ';' or tab
        for (text, shown) in [
            ("indicator;period;value\ngrdp;2026;85,5\n", "85.5"),
            ("indicator\tperiod\tvalue\ngrdp\t2026\t-0,25\n", "-0.25"),
            ("indicator;period;value\ngrdp;2026;1234\n", "1234"),
            ("indicator;period;value\ngrdp;2026;\"85,5\"\n", "85.5"),
        ] {
            assert_eq!(value(&Figures::from_csv_with(&cat, text, &comma).unwrap()), number(shown), "{text:?}");
            let (f, bad) = read_csv_lenient(&cat, text, 2, &comma).unwrap();
            assert!(bad.is_empty());
            assert_eq!(value(&f), number(shown));
        }
        // not declared: refused, saying how to declare it
        let e = Figures::from_csv(&cat, "indicator;period;value\ngrdp;2026;85,5\n").unwrap_err();
        assert_eq!((e.code(), e.details().row, e.details().value.as_deref()), ("not_a_number", Some(2), Some("85,5")));
        assert!(e.to_string().contains("declared decimal-comma"), "{e}");
        // declared: a '.' is refused (a thousands separator or a decimal point, either would be a guess), and so
        // are two commas
        for bad in ["85.5", "1.234,5", "1,234,5", "1 234,5", ",", "8,5,"] {
            let text = format!("indicator;period;value\ngrdp;2026;{bad}\n");
            let e = Figures::from_csv_with(&cat, &text, &comma).unwrap_err();
            assert_eq!((e.code(), e.details().value.as_deref()), ("not_a_number", Some(bad)), "{bad}");
            if bad.contains('.') {
                assert!(e.to_string().contains("declared decimal-comma"), "{e}");
            }
        }
        // with ',' between fields a decimal comma is never read: "1,5" stays refused, and asking for it is a setting
        // error (in every reader)
        let e = Figures::from_csv(&cat, "indicator,period,value\ngrdp,2026,\"1,5\"\n").unwrap_err();
        assert_eq!(e.code(), "not_a_number");
        assert!(!e.to_string().contains("decimal-comma"), "{e}");
        let text = "indicator,period,value\ngrdp,2026,1\n";
        for e in [
            Figures::from_csv_with(&cat, text, &comma).unwrap_err(),
            read_csv_lenient(&cat, text, 1, &comma).unwrap_err(),
            Figures::from_text_with(&cat, "[]", &comma).unwrap_err(),
        ] {
            assert_eq!((e.code(), e.details().field.as_deref()), ("invalid_setting", Some("decimal_comma")), "{e}");
        }
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

    #[test]
    fn cell_helpers_follow_the_readers() {
        assert_eq!(parse_done(" Có "), Some(true));
        assert_eq!(parse_done("0"), Some(false));
        assert_eq!(parse_done("maybe"), None);
        let long = "x".repeat(limits::MAX_NAME_CHARS + 1);
        assert!(check_field_length(3, "unit", &"x".repeat(limits::MAX_NAME_CHARS)).is_ok());
        let e = check_field_length(3, "unit", &long).unwrap_err();
        assert_eq!(
            (e.code(), e.details().row, e.details().field.as_deref()),
            ("limit_exceeded", Some(3), Some("unit"))
        );
        assert!(check_field_length(3, "note", &long).is_ok());
        // the same error as a reader gives for the same cell
        let csv = format!("indicator,period,value,unit\ngrdp,2025,1,{long}\n");
        assert_eq!(
            Figures::from_csv(&Catalogue::builtin(), &csv).unwrap_err(),
            check_field_length(2, "unit", &long).unwrap_err()
        );
        assert!(check_figure_count(limits::MAX_FIGURES, 1).is_ok());
        assert_eq!(check_figure_count(limits::MAX_FIGURES + 1, 9).unwrap_err().code(), "limit_exceeded");
    }
}
