//! Many reporting units at once: every target of a catalogue for every unit of a set of figures, in one pass,
//! into a flat table of verdicts.
//!
//! A province follows the programmes of all its communes and wards; the country has 3,321 of them. Read the
//! figures of every unit together (the `unit` column names the unit), leniently, so that a bad row is reported
//! with its unit and row and does not stop the others, then evaluate:
//!
//! ```
//! use chitieu::{batch, parse_as_of, Catalogue, Options};
//!
//! let cat = Catalogue::builtin();
//! let csv = "unit,indicator,period,value\n\
//!            U01,grdp,2025,10000\nU01,grdp,2030,21003.416576\n\
//!            U02,grdp,2025,10000\nU02,grdp,2030,21003.416575\n\
//!            U03,grdp,2025,10000\nU03,grdp,2030,21003,4\n";
//! let (figures, bad_rows) = batch::read_csv(&cat, csv).unwrap();
//! let table = batch::evaluate(&cat, &figures, bad_rows, &Options::new(parse_as_of("2030").unwrap())).unwrap();
//!
//! let grdp = |unit: &str| table.iter()
//!     .find(|r| table.unit(r) == Some(unit) && table.target(r) == "grdp_growth").unwrap();
//! assert_eq!(grdp("U01").status.unwrap().code(), "achieved");     // exactly 1.16^5 times 2025
//! assert_eq!(grdp("U02").status.unwrap().code(), "not_achieved"); // one millionth less
//! // U03's 2030 row has a comma decimal: reported with its unit and row; its GRDP targets carry the error
//! assert_eq!(table.errors[0].row, Some(7));
//! assert_eq!(table.errors[0].unit.as_deref(), Some("U03"));
//! assert_eq!(table.errors[0].error.code(), "figures_syntax");
//! assert_eq!(grdp("U03").status, None);
//! assert_eq!(grdp("U03").error, Some(0));
//! ```
//!
//! Rows come unit by unit (units sorted by code), each unit's targets in catalogue order: deterministic whatever
//! the order of the input. Every row of a unit is exactly what [`crate::evaluate()`] gives for that unit alone
//! (`Options::unit` set to it); a test checks this.
//!
//! Bad rows do not hide other results: the table lists them in [`BatchTable::errors`] (row, unit, error code),
//! and each target whose figures include a bad row (its unit and indicator) has a row with no status and the
//! index of that error in `error`. Every other target of the unit, and every other unit, is judged as usual.
//! A target that cannot be judged (growth from a base year at or below zero) is reported the same way.

use crate::error::{Error, Result};
pub use crate::evaluate::Numbers;
use crate::evaluate::{judge_target, Memo, Options, Outcome};
use crate::figures::{Figures, ReadOptions, RowError};
use crate::model::{Catalogue, Timing};
use crate::period::Period;
use crate::status::Status;
use rust_decimal::Decimal;

/// One row of the table: one target of one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchRow {
    /// The unit: index into [`BatchTable::units`].
    pub unit: u32,
    /// The target: index into [`BatchTable::targets`] (the catalogue's order).
    pub target: u32,
    /// The verdict; `None` when the target could not be judged (see `error`).
    pub status: Option<Status>,
    /// The numbers behind the verdict (as in an [`crate::Evaluation`]); `None` with an error.
    pub outcome: Option<Numbers>,
    /// Index into [`BatchTable::errors`] of the error that stopped this target.
    pub error: Option<u32>,
}

/// A row as the table keeps it: a [`BatchRow`] without its unit and target (row `i` is unit `i / targets`, target
/// `i % targets`) nor its decimals, which the table stores densely, 8 bytes each (only those present: most rows
/// have two to four of the eight). A national table takes ~23 MB rather than ~90: a table is new memory, and the
/// pages it touches were most of its cost.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Packed {
    /// Where the row's decimals start in the table's store.
    first: u32,
    /// Index of the error that stopped the target, or [`NO_ERROR`].
    error: u32,
    value_period: Option<Period>,
    status: Option<Status>,
    /// Bit `k`: the `k`-th decimal of [`DECIMAL_COLUMNS`] is present.
    present: u8,
    aim_reached: Option<bool>,
    /// [`JUDGED`] (the row has numbers: `BatchRow::outcome` is `Some`), [`PERCENT`].
    flags: u8,
}

const NO_ERROR: u32 = u32::MAX;
const JUDGED: u8 = 1;
const PERCENT: u8 = 2;

/// A decimal in 8 bytes: the mantissa (below 2^58 in size: every number a table shows in practice) shifted left by
/// five bits above the scale; scale 31 (never a decimal's) marks an index into the overflow list instead (larger
/// mantissas, and a negative zero, whose sign the mantissa cannot carry).
fn pack_decimal(d: Decimal, overflow: &mut Vec<Decimal>) -> u64 {
    const LIMIT: i128 = 1 << 58;
    let m = d.mantissa();
    if (-LIMIT..LIMIT).contains(&m) && !(m == 0 && d.is_sign_negative()) {
        ((m as i64 as u64) << 5) | u64::from(d.scale())
    } else {
        overflow.push(d);
        (((overflow.len() - 1) as u64) << 5) | 31
    }
}

fn unpack_decimal(v: u64, overflow: &[Decimal]) -> Option<Decimal> {
    match (v & 31) as u32 {
        31 => overflow.get((v >> 5) as usize).copied(),
        scale => Some(Decimal::new((v as i64) >> 5, scale)),
    }
}

/// A packed decimal's nearest float ([`nearest_f64`]) without making the decimal when the mantissa and the
/// power of ten are exact floats.
fn packed_f64(v: u64, overflow: &[Decimal]) -> f64 {
    let scale = (v & 31) as usize;
    let m = (v as i64) >> 5;
    match POWERS_F64.get(scale) {
        Some(p) if m.unsigned_abs() < 1 << 53 => m as f64 / p,
        // scale 31: the overflow list (large mantissas, negative zero)
        _ => unpack_decimal(v, overflow).as_ref().map_or(f64::NAN, nearest_f64),
    }
}

/// 10^0 ..= 10^22, every one exact as a float.
const POWERS_F64: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// How [`BatchTable::columns`] gives the decimal columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberColumns {
    /// Floats: the float nearest each decimal ([`nearest_f64`]), NaN where absent. For display, sorting, plots;
    /// the verdicts were decided on the exact decimals.
    Float,
    /// The exact decimals as text ([`push_decimal`]).
    Text,
}

/// Texts written one after another: text `i` is `text[ends[i - 1]..ends[i]]` (from 0 for the first). Only ASCII is
/// written, so the offsets are also JavaScript's string offsets.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextColumn {
    /// The texts, one after another.
    pub text: String,
    /// Where each text ends in `text`.
    pub ends: Vec<u32>,
}

impl TextColumn {
    /// Text `i`, `None` past the end.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.text.get(start..end)
    }

    /// Number of texts.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are no texts.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// A [`BatchTable`] as flat columns ([`BatchTable::columns`]): every column has one entry a row, in table order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Columns {
    /// Index into [`BatchTable::units`].
    pub unit: Vec<u32>,
    /// Index into [`BatchTable::targets`].
    pub target: Vec<u32>,
    /// Index into [`Status::ALL`]; -1 when the target could not be judged.
    pub status: Vec<i8>,
    /// The decimal columns as floats, in [`DECIMAL_COLUMNS`] order ([`NumberColumns::Float`]; else empty).
    pub floats: Vec<Vec<f64>>,
    /// The decimal columns as exact texts, in [`DECIMAL_COLUMNS`] order ([`NumberColumns::Text`]; else empty):
    /// each cell an index into `texts`, -1 when absent.
    pub text_codes: Vec<Vec<i32>>,
    /// The texts of the decimal columns, each once, in the order first met ([`NumberColumns::Text`]); the rare
    /// decimals the table keeps apart (a mantissa of 2^58 or more, a negative zero) have a text a cell.
    pub texts: TextColumn,
    /// Index into `periods`; -1 when absent.
    pub value_period: Vec<i32>,
    /// The distinct periods of `value_period`, in the order first met.
    pub periods: Vec<Period>,
    /// 1 yes, 0 no, -1 absent.
    pub aim_reached: Vec<i8>,
    /// 1 when `value` is a percent rather than in the indicator's unit.
    pub percent: Vec<u8>,
    /// Index into [`BatchTable::errors`] of the error that stopped the row's target; -1 when none.
    pub error: Vec<i32>,
}

impl Columns {
    /// The exact text of decimal column `column` (in [`DECIMAL_COLUMNS`] order) at `row`, with
    /// [`NumberColumns::Text`]; `None` when absent.
    pub fn text(&self, column: usize, row: usize) -> Option<&str> {
        let code = *self.text_codes.get(column)?.get(row)?;
        self.texts.get(usize::try_from(code).ok()?)
    }
}

/// Codes for distinct keys, in the order first met: an open-addressing table (no hashing library: this is the
/// table's only hash table, and the WebAssembly build counts its bytes).
#[derive(Default)]
struct Distinct {
    /// `(key, code)`; [`EMPTY`] as the code marks an empty slot.
    slots: Vec<(u64, u32)>,
    len: usize,
}

const EMPTY: u32 = u32::MAX;

impl Distinct {
    /// The code of `key`, calling `new` the first time it is met (it gets the next code).
    fn code(&mut self, key: u64, new: impl FnOnce()) -> u32 {
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut at = Distinct::slot(key, mask);
        loop {
            match self.slots[at] {
                (_, EMPTY) => {
                    let code = self.len as u32;
                    self.slots[at] = (key, code);
                    self.len += 1;
                    new();
                    return code;
                }
                (k, code) if k == key => return code,
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// Fibonacci hashing: the high bits of the product.
    fn slot(key: u64, mask: usize) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask
    }

    fn grow(&mut self) {
        let size = (2 * self.slots.len()).max(256);
        let old = std::mem::replace(&mut self.slots, vec![(0, EMPTY); size]);
        let mask = size - 1;
        for (key, code) in old.into_iter().filter(|(_, c)| *c != EMPTY) {
            let mut at = Distinct::slot(key, mask);
            while self.slots[at].1 != EMPTY {
                at = (at + 1) & mask;
            }
            self.slots[at] = (key, code);
        }
    }
}

/// A key for a period: its kind, then its numbers.
fn period_key(p: Period) -> u64 {
    let year = |y: i32| u64::from(y as u32);
    match p {
        Period::Year(y) => year(y),
        Period::Quarter(y, q) => (1 << 48) | (u64::from(q) << 32) | year(y),
        Period::Day(d) => (2 << 48) | (u64::from(d.month) << 40) | (u64::from(d.day) << 32) | year(d.year),
    }
}

/// The verdicts of every target for every unit, and the errors. Rows are read with [`BatchTable::iter`] or
/// [`BatchTable::row`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BatchTable {
    /// Unit codes (`None` for figures without a unit), sorted; rows refer to them by index.
    pub units: Vec<Option<String>>,
    /// Target ids in catalogue order; rows refer to them by index.
    pub targets: Vec<String>,
    /// Bad rows and targets that could not be judged, in row order (evaluation errors last).
    pub errors: Vec<RowError>,
    /// One row per unit and target: unit by unit, targets in catalogue order.
    store: Store,
}

/// Rows kept compactly (see [`Packed`]).
#[derive(Debug, Clone, PartialEq, Default)]
struct Store {
    /// Targets a unit (rows per unit), so that a row's position gives its unit and target.
    targets: usize,
    rows: Vec<Packed>,
    /// The rows' decimals, row after row (see [`pack_decimal`]).
    decimals: Vec<u64>,
    overflow: Vec<Decimal>,
}

impl Store {
    fn with_capacity(targets: usize, rows: usize) -> Store {
        // about 3.3 decimals a row in the national benchmark
        let decimals = Vec::with_capacity(rows * 7 / 2);
        Store { targets, rows: Vec::with_capacity(rows), decimals, overflow: Vec::new() }
    }

    #[cfg(test)]
    fn push(&mut self, r: &BatchRow) {
        match (r.status, &r.outcome) {
            (Some(s), Some(n)) => self.push_verdict(Ok((s, n))),
            _ => self.push_verdict(Err(r.error.unwrap_or(NO_ERROR))),
        }
    }

    fn push_verdict(&mut self, verdict: Verdict) {
        let first = self.decimals.len() as u32;
        let Ok((status, n)) = verdict else {
            self.rows.push(Packed {
                first,
                error: verdict.err().unwrap_or(NO_ERROR),
                value_period: None,
                status: None,
                present: 0,
                aim_reached: None,
                flags: 0,
            });
            return;
        };
        let mut present = 0u8;
        for (k, d) in n.decimals().into_iter().enumerate() {
            if let Some(d) = d {
                present |= 1 << k;
                let v = pack_decimal(d, &mut self.overflow);
                self.decimals.push(v);
            }
        }
        self.rows.push(Packed {
            first,
            error: NO_ERROR,
            value_period: n.value_period,
            status: Some(status),
            present,
            aim_reached: n.aim_reached,
            flags: JUDGED | if n.percent { PERCENT } else { 0 },
        });
    }

    /// Append `other` (the rows of the next units) after these rows.
    fn append(&mut self, mut other: Store) {
        let (decimals, overflow) = (self.decimals.len() as u32, self.overflow.len() as u64);
        if self.rows.is_empty() {
            *self = other;
            return;
        }
        for r in &mut other.rows {
            r.first += decimals;
        }
        if overflow > 0 {
            for v in other.decimals.iter_mut().filter(|v| **v & 31 == 31) {
                *v += overflow << 5;
            }
        }
        self.rows.append(&mut other.rows);
        self.decimals.append(&mut other.decimals);
        self.overflow.append(&mut other.overflow);
    }

    /// Row `i` (`p`).
    fn unpack(&self, i: usize, p: &Packed) -> BatchRow {
        let outcome = (p.flags & JUDGED != 0).then(|| {
            let mut d = [None; 8];
            let mut at = p.first as usize;
            for (k, slot) in d.iter_mut().enumerate() {
                if p.present & (1 << k) != 0 {
                    *slot = self.decimals.get(at).and_then(|v| unpack_decimal(*v, &self.overflow));
                    at += 1;
                }
            }
            let [value, margin, achievement_ratio, progress_ratio, rate_to_date, rate_required, expected_to_date, projected] =
                d;
            Numbers {
                value,
                value_period: p.value_period,
                margin,
                achievement_ratio,
                progress_ratio,
                rate_to_date,
                rate_required,
                expected_to_date,
                projected,
                aim_reached: p.aim_reached,
                percent: p.flags & PERCENT != 0,
            }
        });
        let targets = self.targets.max(1);
        BatchRow {
            unit: (i / targets) as u32,
            target: (i % targets) as u32,
            status: p.status,
            outcome,
            error: (p.error != NO_ERROR).then_some(p.error),
        }
    }
}

impl BatchTable {
    /// Number of rows (units times targets).
    pub fn len(&self) -> usize {
        self.store.rows.len()
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.store.rows.is_empty()
    }

    /// Row `i` (unit by unit, targets in catalogue order), or `None` past the end.
    pub fn row(&self, i: usize) -> Option<BatchRow> {
        self.store.rows.get(i).map(|p| self.store.unpack(i, p))
    }

    /// The rows in table order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = BatchRow> + '_ {
        self.store.rows.iter().enumerate().map(|(i, p)| self.store.unpack(i, p))
    }

    /// Append the table of the next block of units, judged on its own (the figures of whole units read and
    /// evaluated a block at a time, so that a national run holds one block's figures at once): the joined table is
    /// the one a single evaluation of every figure gives. The bad rows of both are merged in row order, then come
    /// the evaluation errors of this table and of `next`; every row's error is renumbered to match.
    ///
    /// `next` must be evaluated with the same catalogue, and its units must all sort after this table's (blocks of
    /// whole units in the table's order of units: sorted by code, figures without a unit first); otherwise an
    /// [`Error::InvalidSetting`] names what differs and neither table is changed.
    ///
    /// ```
    /// use chitieu::{batch, parse_as_of, Catalogue, Options};
    /// let cat = Catalogue::builtin();
    /// let options = Options::new(parse_as_of("2030").expect("a date"));
    /// let judge = |csv: &str| -> Result<batch::BatchTable, chitieu::Error> {
    ///     let (figures, bad_rows) = batch::read_csv(&cat, csv)?;
    ///     batch::evaluate(&cat, &figures, bad_rows, &options)
    /// };
    /// let head = "unit,indicator,period,value\n";
    /// let mut table = judge(&format!("{head}HD,online_dossiers,2030,85.5\n"))?;
    /// table.append(judge(&format!("{head}TN,online_dossiers,2030,80\n"))?)?;
    /// let whole = judge(&format!("{head}HD,online_dossiers,2030,85.5\nTN,online_dossiers,2030,80\n"))?;
    /// assert_eq!(table, whole);
    /// // a block whose units do not come after the table's is refused
    /// let e = table.append(judge(&format!("{head}AB,online_dossiers,2030,90\n"))?).unwrap_err();
    /// assert_eq!(e.code(), "invalid_setting");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn append(&mut self, mut next: BatchTable) -> Result<()> {
        if self.targets.is_empty() && self.units.is_empty() && self.store.rows.is_empty() && self.errors.is_empty() {
            *self = next;
            return Ok(());
        }
        if next.targets != self.targets {
            return Err(Error::InvalidSetting {
                field: "targets".into(),
                message: "the tables to join were judged against different catalogues".into(),
            });
        }
        if let (Some(last), Some(first)) = (self.units.last(), next.units.first()) {
            if first <= last {
                let name = |u: &Option<String>| u.as_deref().map_or("(no unit)".to_string(), |c| format!("{c:?}"));
                return Err(Error::InvalidSetting {
                    field: "units".into(),
                    message: format!(
                        "the next block's units must come after this table's: its first unit {} is not after {}",
                        name(first),
                        name(last)
                    ),
                });
            }
        }
        // the bad rows (they come first, without a target) of both, merged in row order (this table's first on a
        // tie); where each error goes
        let read_of = |t: &BatchTable| t.errors.iter().take_while(|e| e.target.is_none()).count();
        let (read_a, read_b) = (read_of(self), read_of(&next));
        let (eval_a, eval_b) = (self.errors.len() - read_a, next.errors.len() - read_b);
        let mut to_a = Vec::with_capacity(self.errors.len());
        let mut to_b = Vec::with_capacity(next.errors.len());
        let (mut i, mut j) = (0, 0);
        while i < read_a || j < read_b {
            let take_a = j == read_b || (i < read_a && self.errors[i].row <= next.errors[j].row);
            if take_a {
                to_a.push((i + j) as u32);
                i += 1;
            } else {
                to_b.push((i + j) as u32);
                j += 1;
            }
        }
        let read = (read_a + read_b) as u32;
        to_a.extend((0..eval_a as u32).map(|k| read + k));
        to_b.extend((0..eval_b as u32).map(|k| read + eval_a as u32 + k));
        let mut slots: Vec<Option<RowError>> = (0..self.errors.len() + next.errors.len()).map(|_| None).collect();
        for (e, at) in std::mem::take(&mut self.errors).into_iter().zip(&to_a) {
            slots[*at as usize] = Some(e);
        }
        for (e, at) in std::mem::take(&mut next.errors).into_iter().zip(&to_b) {
            slots[*at as usize] = Some(e);
        }
        self.errors = slots.into_iter().flatten().collect();
        for (rows, to) in [(&mut self.store.rows, &to_a), (&mut next.store.rows, &to_b)] {
            for r in rows.iter_mut().filter(|r| r.error != NO_ERROR) {
                // (an index past the errors, in a table whose errors were cut by hand, stays as it was)
                r.error = to.get(r.error as usize).copied().unwrap_or(r.error);
            }
        }
        self.units.append(&mut next.units);
        self.store.append(next.store);
        Ok(())
    }

    /// The unit code of a row.
    pub fn unit(&self, row: &BatchRow) -> Option<&str> {
        self.units.get(row.unit as usize).and_then(|u| u.as_deref())
    }

    /// The target id of a row.
    pub fn target(&self, row: &BatchRow) -> &str {
        &self.targets[row.target as usize]
    }

    /// The table as flat columns, one entry a row, in one pass: what the wrappers hand to typed arrays and data
    /// frames. The decimal columns come as floats ([`nearest_f64`], NaN where absent) or as exact texts
    /// ([`push_decimal`]), as `numbers` asks; the texts as codes into one list holding each text once (a national
    /// table has ~1.5 million decimals but ~120,000 distinct ones: a wrapper makes each string once).
    pub fn columns(&self, numbers: NumberColumns) -> Columns {
        let n = self.len();
        let text = numbers == NumberColumns::Text;
        let st = &self.store;
        let targets = st.targets.max(1);
        // each column made at its full length, then the cells that are not absent set in place (a push a cell
        // is a call a cell in the WebAssembly build, which is optimised for size)
        let rows = &st.rows;
        let mut c = Columns {
            unit: (0..n).map(|i| (i / targets) as u32).collect(),
            target: (0..n).map(|i| (i % targets) as u32).collect(),
            status: rows.iter().map(|p| p.status.map_or(-1, |s| s.index() as i8)).collect(),
            floats: (0..if text { 0 } else { 8 }).map(|_| vec![f64::NAN; n]).collect(),
            text_codes: (0..if text { 8 } else { 0 }).map(|_| vec![-1; n]).collect(),
            texts: TextColumn::default(),
            value_period: vec![-1; n],
            periods: Vec::new(),
            aim_reached: rows.iter().map(|p| p.aim_reached.map_or(-1, i8::from)).collect(),
            percent: rows.iter().map(|p| u8::from(p.flags & PERCENT != 0)).collect(),
            error: rows.iter().map(|p| if p.error == NO_ERROR { -1 } else { p.error as i32 }).collect(),
        };
        // codes of the distinct periods and decimal texts met; a period's is usually the last one's
        let mut last: Option<(Period, i32)> = None;
        let mut period_codes = Distinct::default();
        let mut distinct = Distinct::default();
        // the last decimal met in each column of each target, with its code: a third of the cells hold the same
        // number as the previous unit's (a value met, a ratio of 1)
        let mut recent: Vec<(u64, i32)> = vec![(0, -1); if text { 8 * targets } else { 0 }];
        let mut bytes: Vec<u8> = Vec::new();
        for (i, p) in rows.iter().enumerate() {
            if let Some(q) = p.value_period {
                c.value_period[i] = match last {
                    Some((l, code)) if l == q => code,
                    _ => {
                        let code = period_codes.code(period_key(q), || c.periods.push(q)) as i32;
                        last = Some((q, code));
                        code
                    }
                };
            }
            // the row's decimals, in column order, only those present (none unless judged)
            let mut present = if p.flags & JUDGED != 0 { p.present } else { 0 };
            let mut at = p.first as usize;
            while present != 0 {
                let k = present.trailing_zeros() as usize;
                present &= present - 1;
                let Some(&v) = st.decimals.get(at) else { break };
                at += 1;
                if let Some(codes) = c.text_codes.get_mut(k) {
                    // the packed form is the key: the same mantissa and scale give the same text (a decimal of
                    // the overflow list is keyed by its place there, so each such cell has a text of its own)
                    let last = &mut recent[8 * (i % targets) + k];
                    if last.1 < 0 || last.0 != v {
                        let code = distinct.code(v, || {
                            if let Some(d) = unpack_decimal(v, &st.overflow) {
                                push_decimal(&mut bytes, &d);
                            }
                            c.texts.ends.push(bytes.len() as u32);
                        });
                        *last = (v, code as i32);
                    }
                    codes[i] = last.1;
                } else if let Some(floats) = c.floats.get_mut(k) {
                    floats[i] = packed_f64(v, &st.overflow);
                }
            }
        }
        // ASCII by construction (digits, a point, a sign): checked once (never fails; if it did, the texts would
        // be empty and `TextColumn::get` would give `None`, never a wrong text)
        c.texts.text = String::from_utf8(bytes).unwrap_or_default();
        c
    }

    /// Rows by status code, and the rows without a status (errors) under `"error"`, in [`Status::ALL`] order.
    pub fn count(&self) -> Vec<(&'static str, usize)> {
        let mut counts = [0usize; Status::ALL.len() + 1];
        for r in &self.store.rows {
            let k = r.status.map_or(Status::ALL.len(), |s| s.index());
            counts[k] += 1;
        }
        Status::ALL.iter().map(|s| s.code()).chain(["error"]).zip(counts).collect()
    }

    /// The table as CSV: `unit,target,status,value,value_period,margin,achievement_ratio,progress_ratio,
    /// rate_to_date,rate_required,expected_to_date,projected,aim_reached,error_code,error_row`. Decimals are
    /// written exactly; an empty cell is an absent value.
    pub fn to_csv(&self) -> String {
        let mut out = String::with_capacity(self.len() * 64);
        out.push_str(CSV_HEADER);
        out.push('\n');
        for r in self.iter() {
            self.write_csv_row(&r, &mut out);
        }
        out
    }

    /// Append one row of [`BatchTable::to_csv`] (a line, without the header) to `out`: to write a table part by
    /// part (with progress, or to a file as it goes).
    pub fn push_csv_row(&self, r: &BatchRow, out: &mut String) {
        self.write_csv_row(r, out)
    }

    /// The table as JSON: `{"format": "chitieu.batch/1", "rows": [...], "errors": [...]}`, a row an object with
    /// the columns of [`BatchTable::to_csv`] as keys (absent cells left out; decimals as exact strings,
    /// `aim_reached` a boolean, `error_row` a number), an error an object as in [`BatchTable::errors_csv`]. One row
    /// a line.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(self.len() * 96);
        out.push_str("{\"format\": \"chitieu.batch/1\", \"rows\": [\n");
        for (i, r) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(",\n");
            }
            self.push_json_row(&r, &mut out);
        }
        out.push_str("\n], \"errors\": ");
        out.push_str(&self.errors_json());
        out.push_str("}\n");
        out
    }

    /// The error list as a JSON array (the `errors` of [`BatchTable::to_json`]): an object an error with `row`,
    /// `unit`, `target` (where known), `code` and `message`, one a line.
    pub fn errors_json(&self) -> String {
        let mut out = String::from("[\n");
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                out.push_str(",\n");
            }
            push_json_error(e, &mut out);
        }
        out.push_str("\n]");
        out
    }

    /// Append one row of [`BatchTable::to_json`] (an object, without a separator) to `out`.
    pub fn push_json_row(&self, r: &BatchRow, out: &mut String) {
        let n = r.outcome.unwrap_or_default();
        let err = r.error.and_then(|e| self.errors.get(e as usize));
        let mut fields: Vec<(&str, serde_json::Value)> = Vec::with_capacity(8);
        let text = |t: String| serde_json::Value::String(t);
        if let Some(u) = self.unit(r) {
            fields.push(("unit", text(u.to_string())));
        }
        fields.push(("target", text(self.target(r).to_string())));
        if let Some(s) = r.status {
            fields.push(("status", text(s.code().to_string())));
        }
        let decimals = n.decimals();
        for (k, (name, d)) in DECIMAL_COLUMNS.iter().zip(decimals).enumerate() {
            if let Some(d) = d {
                fields.push((name, text(d.to_string())));
            }
            if k == 0 {
                if let Some(p) = n.value_period {
                    fields.push(("value_period", text(p.to_string())));
                }
            }
        }
        if let Some(b) = n.aim_reached {
            fields.push(("aim_reached", serde_json::Value::Bool(b)));
        }
        if let Some(e) = err {
            fields.push(("error_code", text(e.error.code().to_string())));
            if let Some(row) = e.row {
                fields.push(("error_row", serde_json::Value::from(row)));
            }
        }
        out.push('{');
        for (i, (k, v)) in fields.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push('"');
            out.push_str(k);
            out.push_str("\": ");
            out.push_str(&v.to_string());
        }
        out.push('}');
    }

    /// The error list as CSV: `row,unit,target,code,message`, one line an error in the order of
    /// [`BatchTable::errors`] (bad rows by row, then the targets that could not be judged); a row's `error` cell
    /// in the table points into this order.
    pub fn errors_csv(&self) -> String {
        let mut out = String::from(ERRORS_CSV_HEADER);
        out.push('\n');
        for e in &self.errors {
            crate::figures::push_csv_record(
                &mut out,
                &[
                    e.row.map(|r| r.to_string()).unwrap_or_default(),
                    e.unit.clone().unwrap_or_default(),
                    e.target.clone().unwrap_or_default(),
                    e.error.code().to_string(),
                    e.error.to_string(),
                ],
            );
        }
        out
    }

    fn write_csv_row(&self, r: &BatchRow, out: &mut String) {
        use std::fmt::Write;
        let n = r.outcome.unwrap_or_default();
        let err = r.error.and_then(|e| self.errors.get(e as usize));
        crate::figures::push_csv_field(out, self.unit(r).unwrap_or(""));
        out.push(',');
        crate::figures::push_csv_field(out, self.target(r));
        out.push(',');
        out.push_str(r.status.map(|s| s.code()).unwrap_or(""));
        // the decimals as `Display` writes them (push_decimal), `value_period` after `value`
        let mut digits = Vec::with_capacity(32);
        for (k, d) in n.decimals().iter().enumerate() {
            out.push(',');
            if let Some(d) = d {
                digits.clear();
                push_decimal(&mut digits, d);
                out.push_str(std::str::from_utf8(&digits).unwrap_or_default());
            }
            if k == 0 {
                out.push(',');
                if let Some(p) = n.value_period {
                    let _ = write!(out, "{p}");
                }
            }
        }
        out.push(',');
        out.push_str(match n.aim_reached {
            Some(true) => "true",
            Some(false) => "false",
            None => "",
        });
        out.push(',');
        if let Some(e) = err {
            out.push_str(e.error.code());
            out.push(',');
            if let Some(row) = e.row {
                let _ = write!(out, "{row}");
            }
        } else {
            out.push(',');
        }
        out.push('\n');
    }
}

/// The decimal columns of the table, in the order of [`CSV_HEADER`] (the decimal fields of [`Numbers`] but
/// `value_period`): what the wrappers turn into float or exact columns.
pub const DECIMAL_COLUMNS: [&str; 8] = [
    "value",
    "margin",
    "achievement_ratio",
    "progress_ratio",
    "rate_to_date",
    "rate_required",
    "expected_to_date",
    "projected",
];

/// Append `d` to `out` as its exact decimal text, in ASCII: the same text as `d.to_string()` (`Display`: every
/// digit of the mantissa, `scale` of them after the point, a leading `0` before a point, `-` when the sign is
/// negative), written without the formatting machinery. The wrappers use it to turn a table's decimal columns
/// into text quickly (bytes, so that a column of texts is checked as UTF-8 once, not once a cell).
pub fn push_decimal(out: &mut Vec<u8>, d: &Decimal) {
    let Ok(mut m) = u64::try_from(d.mantissa().unsigned_abs()) else {
        // beyond 64 bits (rare): Display itself
        out.extend_from_slice(d.to_string().as_bytes());
        return;
    };
    // written from the end into a buffer, then appended at once: the `scale` digits after the point (zeros when
    // the mantissa is shorter), the point, the digits before it (at least one), the sign. At most 31 bytes.
    let mut buf = [0u8; 40];
    let mut at = buf.len();
    let mut put = |c: u8| {
        at -= 1;
        buf[at] = c;
    };
    let scale = d.scale(); // at most 28
    let mut written = 0;
    loop {
        if written == scale && scale > 0 {
            put(b'.');
        }
        let digit = match u32::try_from(m) {
            // m / 10 by a multiplication (exact for every u32): a division is slow in WebAssembly
            Ok(x) => {
                let q = ((u64::from(x) * 0xCCCC_CCCD) >> 35) as u32;
                m = u64::from(q);
                x - q * 10
            }
            Err(_) => {
                let digit = (m % 10) as u32;
                m /= 10;
                digit
            }
        };
        put(b'0' + digit as u8);
        written += 1;
        if m == 0 && written > scale {
            break;
        }
    }
    if d.is_sign_negative() {
        put(b'-');
    }
    out.extend_from_slice(&buf[at..]);
}

/// The float nearest to `d` (ties to even), as `d.to_string().parse::<f64>()` gives it: what the wrappers put in
/// a float column of the table (the verdicts are decided on the exact decimals; a float column is for display,
/// sorting and plots). When the mantissa and the power of ten are both exact floats (below 2^53 and 10^22), one
/// IEEE division of the two is correctly rounded; otherwise the decimal's text is parsed.
pub fn nearest_f64(d: &Decimal) -> f64 {
    let m = d.mantissa();
    match POWERS_F64.get(d.scale() as usize) {
        Some(p) if m.unsigned_abs() < 1 << 53 => {
            let x = m as i64 as f64 / p;
            // -0 stays -0 (as the text "-0.00" parses)
            if d.is_sign_negative() {
                -x.abs()
            } else {
                x
            }
        }
        _ => d.to_string().parse().unwrap_or(f64::NAN),
    }
}

/// The header of [`BatchTable::errors_csv`].
pub const ERRORS_CSV_HEADER: &str = "row,unit,target,code,message";

fn push_json_error(e: &RowError, out: &mut String) {
    let mut o = serde_json::Map::new();
    if let Some(r) = e.row {
        o.insert("row".into(), r.into());
    }
    if let Some(u) = &e.unit {
        o.insert("unit".into(), u.clone().into());
    }
    if let Some(t) = &e.target {
        o.insert("target".into(), t.clone().into());
    }
    o.insert("code".into(), e.error.code().into());
    o.insert("message".into(), e.error.to_string().into());
    out.push_str(&serde_json::Value::Object(o).to_string());
}

/// Where the rows of an input went, read leniently ([`read_csv`]): every row holding a figure (judged in the
/// rows of the targets that read its indicator) and every bad row (listed in the errors). A duplicate figure is
/// both: kept, and listed at the later of its rows, so that the targets reading it report the error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RowAccount {
    /// Rows accounted for: holding a figure, listed as an error, or both.
    pub rows: usize,
    /// Rows holding a figure.
    pub figures: usize,
    /// Rows listed as errors.
    pub bad_rows: usize,
    /// Rows both (duplicates).
    pub both: usize,
    /// The rows that held something, as the reader counted them ([`Figures::read_rows`]), when known.
    pub read: Option<usize>,
}

impl RowAccount {
    /// Whether every row read is accounted for (`rows` equals the rows read, when the reader counted them).
    pub fn all_accounted(&self) -> bool {
        self.read.map_or(true, |r| r == self.rows)
    }
}

/// Account for the rows of an input from its figures and its bad rows (as [`read_csv`] gives them): a caller
/// checks `rows` against the rows it gave (the records that are not blank).
pub fn account_rows(figures: &Figures, read_errors: &[RowError]) -> RowAccount {
    let mut bad: Vec<usize> = read_errors.iter().filter_map(|e| e.row).collect();
    bad.sort_unstable();
    bad.dedup();
    let both = figures.rows().filter(|r| bad.binary_search(r).is_ok()).count();
    RowAccount {
        rows: figures.len() + bad.len() - both,
        figures: figures.len(),
        bad_rows: bad.len(),
        both,
        read: figures.read_rows(),
    }
}

/// The header of [`BatchTable::to_csv`].
pub const CSV_HEADER: &str = "unit,target,status,value,value_period,margin,achievement_ratio,progress_ratio,\
rate_to_date,rate_required,expected_to_date,projected,aim_reached,error_code,error_row";

/// Read the figures of many units from CSV, leniently: the figures, and the bad rows (each with its row, unit and
/// error). Only a problem with the whole input (no header, an unknown column, a size limit) is an `Err`.
pub fn read_csv(catalogue: &Catalogue, text: &str) -> Result<(Figures, Vec<RowError>)> {
    read_csv_threads(catalogue, text, 1)
}

/// [`read_csv`] on up to `threads` threads (a thread for each megabyte at most): the text cut at line feeds, the
/// parts read at once and joined in order. The same figures and bad rows, with the same row numbers, as on one
/// thread. On WebAssembly, and with `threads <= 1`, everything runs on the calling thread.
pub fn read_csv_threads(catalogue: &Catalogue, text: &str, threads: usize) -> Result<(Figures, Vec<RowError>)> {
    read_csv_with(catalogue, text, threads, &ReadOptions::default())
}

/// [`read_csv_threads`] with [`ReadOptions`]: the separator (`,`, `;` or a tab) found from the header, a decimal
/// comma when asked for (and the separator allows it), and the wide layout read from its header
/// ([`crate::grid`]; on one thread).
pub fn read_csv_with(
    catalogue: &Catalogue,
    text: &str,
    threads: usize,
    options: &ReadOptions,
) -> Result<(Figures, Vec<RowError>)> {
    crate::figures::read_csv_lenient(catalogue, text, threads, options)
}

/// Read the figures of many units from JSON, leniently, as [`read_csv`] reads CSV: the long format's objects (an
/// array of them, or `{"figures": [...]}`, as [`Figures::from_json`] reads), each a figure or a bad row, rows
/// numbered from 1 in the array's order. An element that is not a figure (not an object, an unknown field, a field
/// given twice, a field holding an array or an object) is a bad row (`figures_syntax`) of its unit as far as it could
/// be read. The text is read a figure at a time (no tree of the whole JSON is built). Text that is not JSON, or not
/// of that shape, or past a limit, is an `Err`.
///
/// ```
/// use chitieu::{batch, Catalogue};
/// let json = r#"[{"unit": "HD", "indicator": "online_dossiers", "period": "2030", "value": 85.5},
///                {"unit": "TN", "indicator": "online_dossiers", "period": "2030", "value": 85.5, "valeu": 1}]"#;
/// let (figures, bad_rows) = batch::read_json(&Catalogue::builtin(), json)?;
/// assert_eq!((figures.len(), bad_rows.len(), bad_rows[0].row), (1, 1, Some(2)));
/// assert_eq!((bad_rows[0].unit.as_deref(), bad_rows[0].error.code()), (Some("TN"), "figures_syntax"));
/// # Ok::<(), chitieu::Error>(())
/// ```
pub fn read_json(catalogue: &Catalogue, text: &str) -> Result<(Figures, Vec<RowError>)> {
    crate::figures::read_json_lenient(catalogue, text)
}

/// Read the figures of many units from text, leniently, told by its first character as [`Figures::from_text_with`]
/// tells it: JSON ([`read_json`]; a decimal comma asked for is refused there, `invalid_setting`) or CSV
/// ([`read_csv_with`], on up to `threads` threads).
///
/// ```
/// use chitieu::{batch, Catalogue, ReadOptions};
/// let cat = Catalogue::builtin();
/// let csv = "unit,indicator,period,value\nHD,online_dossiers,2030,85.5\n";
/// let json = r#"[{"unit": "HD", "indicator": "online_dossiers", "period": 2030, "value": 85.5}]"#;
/// let (a, _) = batch::read_text(&cat, csv, 1, &ReadOptions::new())?;
/// let (b, _) = batch::read_text(&cat, json, 1, &ReadOptions::new())?;
/// assert_eq!(a.series("online_dossiers", Some("HD"))[0].value, b.series("online_dossiers", Some("HD"))[0].value);
/// let comma = batch::read_text(&cat, json, 1, &ReadOptions::new().decimal_comma(true));
/// assert_eq!(comma.unwrap_err().code(), "invalid_setting");
/// # Ok::<(), chitieu::Error>(())
/// ```
pub fn read_text(
    catalogue: &Catalogue,
    text: &str,
    threads: usize,
    options: &ReadOptions,
) -> Result<(Figures, Vec<RowError>)> {
    match text.trim_start().chars().next() {
        Some('[') | Some('{') => options.check_json().and_then(|()| read_json(catalogue, text)),
        _ => read_csv_with(catalogue, text, threads, options),
    }
}

/// [`read_csv_with`] from a byte source (a file), read a stretch at a time so that the text is never held whole: the
/// same figures and bad rows, row for row, in about the memory of the figures alone. A source whose header holds a
/// quote or is in the wide layout is read whole, and so is the rest of it from the first stretch that holds a quote
/// (a quoted field may hold a line break). `size_hint` is the source's length in bytes if known (a file's), to
/// size the figures' storage once. An error of the source, or text that is not UTF-8, is the outer `Err`; a
/// problem with the figures as a whole (the header, a limit) the inner one. Not in the WebAssembly build.
///
/// ```
/// use chitieu::{batch, Catalogue, ReadOptions};
/// let csv = "unit,indicator,period,value\nHD,online_dossiers,2030,85.5\nTN,online_dossiers,2030,x\n";
/// let (figures, bad_rows) = batch::read_csv_reader(&Catalogue::builtin(), csv.as_bytes(), 2, &ReadOptions::new(), None)??;
/// assert_eq!((figures.len(), bad_rows.len(), bad_rows[0].row), (1, 1, Some(3)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(not(target_arch = "wasm32"))]
pub fn read_csv_reader<R: std::io::Read>(
    catalogue: &Catalogue,
    source: R,
    threads: usize,
    options: &ReadOptions,
    size_hint: Option<u64>,
) -> std::io::Result<Result<(Figures, Vec<RowError>)>> {
    crate::figures::read_csv_stream(catalogue, source, threads, options, STRETCH, 1 << 20, size_hint)
}

/// The bytes [`read_csv_reader`] reads at a time: 4 MiB, a few milliseconds of reading each (the buffer holds up to
/// twice that: a stretch and the line it cut).
#[cfg(not(target_arch = "wasm32"))]
const STRETCH: usize = 4 << 20;

/// What each target reads: the index of its indicator and of its coverage universe's indicator in the figures.
fn plan(catalogue: &Catalogue, figures: &Figures) -> Vec<(Option<usize>, Option<usize>)> {
    catalogue
        .targets
        .iter()
        .map(|t| {
            let universe = match &t.timing {
                Timing::Coverage { universe: None, universe_indicator: Some(ui), .. } => figures.indicator_number(ui),
                _ => None,
            };
            (figures.indicator_number(&t.indicator), universe)
        })
        .collect()
}

/// What a row of the table says: a verdict and its numbers, or the index of the error that stopped the target.
type Verdict<'o> = std::result::Result<(Status, &'o Numbers), u32>;

/// Judge every target for one unit, calling `out(target, verdict)` for each target in catalogue order.
/// Evaluation errors are appended to `errors` (their index goes in the verdict).
fn unit_rows(
    catalogue: &Catalogue,
    figures: &Figures,
    plan: &[(Option<usize>, Option<usize>)],
    memos: &[Memo],
    options: &Options,
    u: u32,
    first_error: usize,
    errors: &mut Vec<RowError>,
    out: &mut dyn FnMut(u32, Verdict),
) {
    let mut scratch = Vec::new();
    let mut outcome = Outcome::new();
    for (k, (t, (ind, universe))) in catalogue.targets.iter().zip(plan).enumerate() {
        let refused = [*ind, *universe].into_iter().flatten().find_map(|i| figures.refused_at(u, i));
        if let Some(e) = refused {
            out(k as u32, Err(e as u32));
            continue;
        }
        let series = ind.map(|i| figures.series_at(u, i)).unwrap_or(&[]);
        let universe_series = universe.map(|i| figures.series_at(u, i));
        match judge_target(catalogue, t, series, universe_series, options, false, &mut scratch, &memos[k], &mut outcome)
        {
            Ok(()) => out(k as u32, Ok((outcome.status, &outcome.numbers))),
            Err(error) => {
                let e = (first_error + errors.len()) as u32;
                errors.push(RowError {
                    row: None,
                    unit: figures.unit_code(u).map(str::to_string),
                    target: Some(t.id.clone()),
                    error,
                });
                out(k as u32, Err(e));
            }
        }
    }
}

/// Stream the table's rows without holding them: `each(row, errors)` is called for every unit and target in
/// table order (units sorted by code, targets in catalogue order), on the calling thread; `errors` holds the read
/// errors followed by the evaluation errors so far (a row's `error` indexes it). Returns every error.
pub fn for_each_row(
    catalogue: &Catalogue,
    figures: &Figures,
    read_errors: Vec<RowError>,
    options: &Options,
    mut each: impl FnMut(&BatchRow, &[RowError]),
) -> Result<Vec<RowError>> {
    options.validate()?;
    let plan = plan(catalogue, figures);
    let mut errors = read_errors;
    let mut rows = Vec::with_capacity(catalogue.targets.len());
    let memos: Vec<Memo> = catalogue.targets.iter().map(|_| Memo::default()).collect();
    for (pos, &u) in figures.unit_order().iter().enumerate() {
        rows.clear();
        // the errors so far are numbered from 0: a new one's index is the list's length
        unit_rows(catalogue, figures, &plan, &memos, options, u, 0, &mut errors, &mut |target, verdict| {
            rows.push(BatchRow {
                unit: pos as u32,
                target,
                status: verdict.ok().map(|(s, _)| s),
                outcome: verdict.ok().map(|(_, n)| *n),
                error: verdict.err(),
            })
        });
        for r in &rows {
            each(r, &errors);
        }
    }
    Ok(errors)
}

/// Evaluate every target for every unit of `figures` (read against `catalogue`, e.g. with [`read_csv`]) as of
/// `options.as_of` (`options.unit` and `options.explain` are not used), on one thread. `read_errors` are the bad
/// rows the figures were read with; they open the table's error list.
pub fn evaluate(
    catalogue: &Catalogue,
    figures: &Figures,
    read_errors: Vec<RowError>,
    options: &Options,
) -> Result<BatchTable> {
    evaluate_threads(catalogue, figures, read_errors, options, 1)
}

/// [`evaluate`] on up to `threads` threads (units split in contiguous blocks; the table is the same as on one
/// thread). On WebAssembly, and with `threads <= 1`, everything runs on the calling thread.
pub fn evaluate_threads(
    catalogue: &Catalogue,
    figures: &Figures,
    read_errors: Vec<RowError>,
    options: &Options,
    threads: usize,
) -> Result<BatchTable> {
    options.validate()?;
    let plan = plan(catalogue, figures);
    let units: Vec<u32> = figures.unit_order().to_vec();
    let n = catalogue.targets.len();
    let mut table = BatchTable {
        units: units.iter().map(|u| figures.unit_code(*u).map(str::to_string)).collect(),
        targets: catalogue.targets.iter().map(|t| t.id.clone()).collect(),
        ..BatchTable::default()
    };
    let first = read_errors.len();
    // one block of units -> its rows and its evaluation errors (numbered from 0 within the block)
    let block = |units: &[(usize, u32)]| {
        let mut store = Store::with_capacity(n, units.len() * n);
        let memos: Vec<Memo> = catalogue.targets.iter().map(|_| Memo::default()).collect();
        let mut errors = Vec::new();
        // (a row's unit and target are its position: every unit has a row for every target, in order)
        for &(_, u) in units {
            unit_rows(catalogue, figures, &plan, &memos, options, u, first, &mut errors, &mut |_, verdict| {
                store.push_verdict(verdict)
            });
        }
        (store, errors)
    };
    let numbered: Vec<(usize, u32)> = units.iter().copied().enumerate().collect();
    let threads = if cfg!(target_arch = "wasm32") { 1 } else { threads.clamp(1, 64) };
    let parts: Vec<(Store, Vec<RowError>)> = if threads == 1 || numbered.len() < 2 * threads {
        vec![block(&numbered)]
    } else {
        let size = numbered.len().div_ceil(threads);
        std::thread::scope(|s| {
            let handles: Vec<_> = numbered.chunks(size).map(|c| s.spawn(move || block(c))).collect();
            // a panic in a worker is a bug: raise it here rather than lose that block's rows
            handles.into_iter().map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))).collect()
        })
    };
    table.errors = read_errors;
    for (mut store, errors) in parts {
        // evaluation errors are numbered within their block (after the read errors): move them after the ones
        // of the blocks before
        let base = table.errors.len();
        if base > first {
            for r in store.rows.iter_mut().filter(|r| r.status.is_none() && r.error != NO_ERROR) {
                if r.error as usize >= first {
                    r.error = (r.error as usize - first + base) as u32;
                }
            }
        }
        table.store.append(store);
        table.errors.extend(errors);
    }
    Ok(table)
}

/// Read and judge blocks of whole units one after the other, joining their tables ([`BatchTable::append`]): the
/// table one evaluation of every block's figures gives, holding one block's figures at a time (a thread). `read`
/// gives a block's figures and bad rows (leniently); `judged(k)` is called once block `k` is judged (a progress
/// bar). The blocks must be in the table's order of units (sorted by code, figures without a unit first), each
/// holding whole units; a block out of order is an [`Error::InvalidSetting`].
///
/// With `threads > 1` the blocks are cut into that many runs of consecutive blocks, each judged on a thread of its
/// own and the runs' tables joined in order (one block alone is judged on `threads` threads); the table does not
/// depend on it. On WebAssembly everything runs on the calling thread. The first error, in block order, stops the
/// work and is returned.
///
/// ```
/// use chitieu::{batch, parse_as_of, Catalogue, Options};
/// let cat = Catalogue::builtin();
/// let options = Options::new(parse_as_of("2030").expect("a date"));
/// let head = "unit,indicator,period,value\n";
/// let blocks = [format!("{head}HD,online_dossiers,2030,85.5\n"), format!("{head}TN,online_dossiers,2030,80\n")];
/// let table = batch::evaluate_blocks(&cat, &options, 2, &blocks, |csv| batch::read_csv(&cat, csv), |_| {})?;
/// let (figures, bad_rows) = batch::read_csv(&cat, &format!("{head}HD,online_dossiers,2030,85.5\nTN,online_dossiers,2030,80\n"))?;
/// assert_eq!(table, batch::evaluate(&cat, &figures, bad_rows, &options)?);
/// # Ok::<(), chitieu::Error>(())
/// ```
pub fn evaluate_blocks<B, E>(
    catalogue: &Catalogue,
    options: &Options,
    threads: usize,
    blocks: &[B],
    read: impl Fn(&B) -> std::result::Result<(Figures, Vec<RowError>), E> + Sync,
    judged: impl Fn(usize) + Sync,
) -> std::result::Result<BatchTable, E>
where
    B: Sync,
    E: From<Error> + Send,
{
    options.validate()?;
    let threads = if cfg!(target_arch = "wasm32") { 1 } else { threads.clamp(1, 64) };
    let runs = threads.min(blocks.len()).max(1);
    // one run: its blocks judged on every thread; several: a thread a run, each block on its thread
    let inner = if runs == 1 { threads } else { 1 };
    let run = |first: usize, part: &[B]| -> std::result::Result<BatchTable, E> {
        let mut table = BatchTable::default();
        for (k, block) in part.iter().enumerate() {
            let (figures, errors) = read(block)?;
            let next = evaluate_threads(catalogue, &figures, errors, options, inner)?;
            drop(figures);
            table.append(next)?;
            judged(first + k);
        }
        if part.is_empty() {
            // no block: the table of no figures (its targets listed), as an evaluation of none gives it
            table = evaluate_threads(catalogue, &Figures::default(), Vec::new(), options, 1)?;
        }
        Ok(table)
    };
    if runs == 1 {
        return run(0, blocks);
    }
    // runs of consecutive blocks, as even in count as they can be
    let bounds: Vec<usize> = (0..=runs).map(|r| r * blocks.len() / runs).collect();
    let tables: Vec<std::result::Result<BatchTable, E>> = std::thread::scope(|s| {
        let handles: Vec<_> = bounds
            .windows(2)
            .map(|w| {
                let run = &run;
                s.spawn(move || run(w[0], &blocks[w[0]..w[1]]))
            })
            .collect();
        // a panic in a worker is a bug: raise it here rather than lose that run's rows
        handles.into_iter().map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))).collect()
    });
    let mut table = BatchTable::default();
    for t in tables {
        table.append(t?)?;
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::{nearest_f64, push_decimal, BatchRow, BatchTable, NumberColumns, Numbers, Store};
    use crate::period::Period;
    use crate::status::Status;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    proptest! {
        /// A table keeps every row exactly, in two blocks joined as threads' blocks are: each subset of the eight
        /// decimals (small and large mantissas, negative zero: compared as text, so the scale and sign count),
        /// the flags, the period, the error; a row's unit and target are its position.
        #[test]
        fn packed_rows_read_back_as_pushed(rows in proptest::collection::vec(
            (any::<u8>(), any::<bool>(), prop_oneof![Just(None), any::<bool>().prop_map(Some)], any::<bool>(),
             prop_oneof![Just(0i128), -1000i128..1000, any::<i64>().prop_map(i128::from), any::<i128>().prop_map(|m| m >> 32)],
             0u32..=28, any::<bool>(), prop_oneof![Just(None), (2020i32..2040).prop_map(|y| Some(Period::Year(y)))],
             any::<u32>()), 0..40), split in 0usize..40) {
            const TARGETS: usize = 7;
            let mut blocks = [Store { targets: TARGETS, ..Store::default() }, Store { targets: TARGETS, ..Store::default() }];
            let mut pushed = Vec::new();
            for (k, (mask, judged, aim, percent, m, scale, negative, period, error)) in rows.into_iter().enumerate() {
                let d = |i: i128| {
                    (mask & (1 << i) != 0).then(|| {
                        let mut d = Decimal::from_i128_with_scale(m.wrapping_add(i), scale);
                        d.set_sign_negative(negative);
                        d
                    })
                };
                let outcome = judged.then(|| Numbers {
                    value: d(0), margin: d(1), achievement_ratio: d(2), progress_ratio: d(3), rate_to_date: d(4),
                    rate_required: d(5), expected_to_date: d(6), projected: d(7),
                    value_period: period, aim_reached: aim, percent,
                });
                let row = BatchRow {
                    unit: (k / TARGETS) as u32, target: (k % TARGETS) as u32,
                    status: judged.then_some(Status::OnTrack), outcome,
                    // a row is judged, or carries the error that stopped it
                    error: (!judged).then_some(error % (u32::MAX - 1)),
                };
                blocks[usize::from(k >= split)].push(&row);
                pushed.push(row);
            }
            let [mut store, second] = blocks;
            store.append(second);
            let back: Vec<BatchRow> = store.rows.iter().enumerate().map(|(i, p)| store.unpack(i, p)).collect();
            prop_assert_eq!(format!("{back:?}"), format!("{pushed:?}"));
            let table = BatchTable { store, ..BatchTable::default() };
            check_columns(&table, &pushed);
        }
    }

    /// The table of distinct decimals gives one code a value, in the order first met, across its growth; a
    /// decimal of the overflow list one code a cell.
    #[test]
    fn distinct_codes_each_text_once() {
        let mut distinct = super::Distinct::default();
        let mut overflow = Vec::new();
        let mut texts: Vec<String> = Vec::new();
        let mut first_codes = Vec::new();
        // 5,000 values met twice each, with large mantissas and negative zeros (the overflow list) among them
        for round in 0..2 {
            for i in 0..5000i64 {
                let d = match i % 50 {
                    0 => -Decimal::new(0, (i % 7) as u32),
                    1 => Decimal::from_i128_with_scale((1i128 << 70) + i128::from(i), 3),
                    _ => Decimal::new(i * 7919 - 100_000, (i % 5) as u32),
                };
                let v = super::pack_decimal(d, &mut overflow);
                let code = distinct.code(v, || texts.push(d.to_string()));
                assert_eq!(texts[code as usize], d.to_string(), "round {round} value {i}");
                if round == 0 {
                    first_codes.push(code);
                } else if i % 50 > 1 {
                    assert_eq!(code, first_codes[i as usize], "value {i} met again");
                }
            }
        }
        // one text a value, and one a cell for the 200 cells a round kept apart in the overflow list
        assert_eq!(texts.len(), 4800 + 2 * 200);
        assert_eq!(distinct.len, texts.len());
    }

    /// Periods of every kind get keys of their own.
    #[test]
    fn period_keys_differ() {
        use crate::period::Date;
        let mut periods = Vec::new();
        for y in [-1, 0, 1, 2025, 2030, i32::MAX] {
            periods.push(Period::Year(y));
            for q in 1..=4 {
                periods.push(Period::Quarter(y, q));
            }
            for (month, day) in [(1, 1), (1, 2), (2, 1), (12, 31)] {
                periods.push(Period::Day(Date { year: y, month, day }));
            }
        }
        let mut keys: Vec<u64> = periods.iter().map(|p| super::period_key(*p)).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), periods.len());
    }

    /// The text columns' memory of each target's last decimal: units with the same numbers as the previous unit,
    /// then other numbers, then the first numbers again (the memory must follow each change).
    #[test]
    fn text_columns_follow_each_targets_last_decimal() {
        const TARGETS: usize = 3;
        let mut store = Store { targets: TARGETS, ..Store::default() };
        let mut rows = Vec::new();
        for (u, pattern) in [0i64, 0, 1, 0, 0, 2, 1].into_iter().enumerate() {
            for t in 0..TARGETS {
                let d = |k: i64| Some(Decimal::new(1000 * pattern + 10 * t as i64 + k, 2));
                let outcome = Numbers {
                    value: d(1),
                    margin: d(2),
                    achievement_ratio: if pattern == 1 { None } else { d(3) },
                    progress_ratio: None,
                    rate_to_date: None,
                    rate_required: None,
                    expected_to_date: d(7),
                    projected: d(8),
                    value_period: Some(Period::Year(2026)),
                    aim_reached: None,
                    percent: false,
                };
                let row = BatchRow {
                    unit: u as u32,
                    target: t as u32,
                    status: Some(Status::OnTrack),
                    outcome: Some(outcome),
                    error: None,
                };
                store.push(&row);
                rows.push(row);
            }
        }
        let table = BatchTable { store, ..BatchTable::default() };
        check_columns(&table, &rows);
        // each distinct number once: three patterns, three targets, five columns (one absent for pattern 1)
        assert_eq!(table.columns(NumberColumns::Text).texts.len(), 3 * 3 * 5 - 3);
    }

    /// The table's columns say what its rows say: each cell worked out from the row by the plain path.
    fn check_columns(table: &BatchTable, rows: &[BatchRow]) {
        let floats = table.columns(NumberColumns::Float);
        let texts = table.columns(NumberColumns::Text);
        assert_eq!(
            (floats.floats.len(), floats.text_codes.len(), texts.floats.len(), texts.text_codes.len()),
            (8, 0, 0, 8)
        );
        for c in [&floats, &texts] {
            assert_eq!(c.unit.len(), rows.len());
            assert_eq!(
                [
                    c.target.len(),
                    c.status.len(),
                    c.value_period.len(),
                    c.aim_reached.len(),
                    c.percent.len(),
                    c.error.len()
                ],
                [rows.len(); 6]
            );
        }
        for (i, r) in rows.iter().enumerate() {
            let status = r.status.map_or(-1, |s| Status::ALL.iter().position(|x| *x == s).unwrap() as i8);
            let n = r.outcome.unwrap_or_default();
            for c in [&floats, &texts] {
                assert_eq!((c.unit[i], c.target[i], c.status[i]), (r.unit, r.target, status), "row {i}");
                assert_eq!(c.error[i], r.error.map_or(-1, |e| e as i32), "row {i}");
                assert_eq!(c.aim_reached[i], n.aim_reached.map_or(-1, i8::from), "row {i}");
                assert_eq!(c.percent[i], u8::from(n.percent), "row {i}");
                let period = usize::try_from(c.value_period[i]).ok().map(|k| c.periods[k]);
                assert_eq!(period, n.value_period, "row {i}");
            }
            for (k, d) in n.decimals().into_iter().enumerate() {
                let want = d.map_or(f64::NAN, |d| d.to_string().parse().unwrap());
                assert_eq!(floats.floats[k][i].to_bits(), want.to_bits(), "row {i} column {k}: {d:?}");
                assert_eq!(texts.text(k, i), d.map(|d| d.to_string()).as_deref(), "row {i} column {k}");
            }
        }
        // the distinct periods, each once
        let mut seen = floats.periods.clone();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), floats.periods.len());
        // each text once, but those of decimals kept apart in the overflow list (negative zero, 18 digits or more)
        let mut seen: Vec<&str> = (0..texts.texts.len()).map(|i| texts.texts.get(i).unwrap()).collect();
        seen.sort();
        for pair in seen.windows(2).filter(|w| w[0] == w[1]) {
            let digits = pair[0].trim_start_matches(['-', '0', '.']).chars().filter(char::is_ascii_digit).count();
            assert!(pair[0].starts_with("-0") && digits == 0 || digits >= 18, "{} twice", pair[0]);
        }
    }

    fn text(d: Decimal) -> String {
        let mut out = b"x".to_vec();
        push_decimal(&mut out, &d);
        String::from_utf8(out.split_off(1)).unwrap()
    }

    #[test]
    fn push_decimal_writes_what_display_writes() {
        for s in ["0", "0.00", "-0", "-0.00", "85", "85.000001", "0.05", "-0.05", "1234.5", "-1234.50", "1e-28"] {
            let d: Decimal = s.parse().or_else(|_| Decimal::from_scientific(s)).unwrap();
            assert_eq!(text(d), d.to_string(), "{s}");
        }
        assert_eq!(text("85".parse().unwrap()), "85");
        assert_eq!(text("0.050".parse().unwrap()), "0.050");
        // negative zero keeps its sign, as Display does
        assert_eq!(text(-Decimal::new(0, 2)), "-0.00");
        // 2^64 - 1 (the fast path's largest), 2^64 and the extremes (Display's path)
        for m in [u64::MAX as i128, u64::MAX as i128 + 1, -(u64::MAX as i128)] {
            for scale in [0, 5, 19, 20, 28] {
                let d = Decimal::from_i128_with_scale(m, scale);
                assert_eq!(text(d), d.to_string(), "{m} {scale}");
            }
        }
        // around the 32-bit path's edges (its division by 10 is a multiplication)
        for m in [9u64, 10, 99, 100, 999_999_999, 1_000_000_000, u32::MAX as u64 - 1, u32::MAX as u64, 1 << 32] {
            for scale in [0, 1, 9, 10, 28] {
                let d = Decimal::from_i128_with_scale(m as i128, scale);
                assert_eq!(text(d), d.to_string(), "{m} {scale}");
            }
        }
        for d in [Decimal::MAX, Decimal::MIN, Decimal::new(1, 28), Decimal::new(-1, 28)] {
            assert_eq!(text(d), d.to_string());
        }
    }

    proptest! {
        #[test]
        fn push_decimal_matches_display(lo: u32, mid in prop_oneof![Just(0u32), any::<u32>()], hi in prop_oneof![Just(0u32), any::<u32>()],
                                        negative: bool, scale in 0u32..=28) {
            let d = Decimal::from_parts(lo, mid, hi, negative, scale);
            prop_assert_eq!(text(d), d.to_string());
        }

        #[test]
        fn push_decimal_matches_display_below_2_pow_32(m: u32, negative: bool, scale in 0u32..=28) {
            let d = Decimal::from_parts(m, 0, 0, negative, scale);
            prop_assert_eq!(text(d), d.to_string());
        }
    }

    /// The float the text of `d` parses as, compared bit for bit (so the sign of zero counts).
    fn parsed(d: Decimal) -> f64 {
        d.to_string().parse().unwrap()
    }

    #[test]
    fn nearest_f64_is_the_parsed_text() {
        for s in [
            "0",
            "0.00",
            "85",
            "85.000001",
            "0.1",
            "-0.3",
            "12.35",
            "1e-28",
            "9007199254740991",
            "9007199254740992",
            "9007199254740993",
            "0.9007199254740993",
            "1234567890123456789012345678",
        ] {
            let d: Decimal = s.parse().or_else(|_| Decimal::from_scientific(s)).unwrap();
            assert_eq!(nearest_f64(&d).to_bits(), parsed(d).to_bits(), "{s}");
        }
        // scale 22 (the largest exact power) and 23 (through the text), each at the 2^53 edge
        for scale in [21, 22, 23, 28] {
            for m in [(1i128 << 53) - 1, 1 << 53, (1 << 53) + 1, -((1 << 53) - 1)] {
                let d = Decimal::from_i128_with_scale(m, scale);
                assert_eq!(nearest_f64(&d).to_bits(), parsed(d).to_bits(), "{m} {scale}");
            }
        }
        assert_eq!(nearest_f64(&Decimal::MAX), 7.922816251426434e28);
        // negative zero (the text "-0.00") is -0.0
        let zero = -Decimal::new(0, 2);
        assert_eq!(zero.to_string(), "-0.00");
        assert_eq!(nearest_f64(&zero).to_bits(), (-0.0f64).to_bits());
    }

    proptest! {
        #[test]
        fn nearest_f64_matches_the_parsed_text(lo: u32, mid in prop_oneof![Just(0u32), 0u32..(1 << 21), any::<u32>()],
                                               hi in prop_oneof![Just(0u32), any::<u32>()], negative: bool, scale in 0u32..=28) {
            let d = Decimal::from_parts(lo, mid, hi, negative, scale);
            prop_assert_eq!(nearest_f64(&d).to_bits(), parsed(d).to_bits(), "{}", d);
        }
    }
}
