//! Figures from a grid of cells: a sheet of a workbook ([`crate::xlsx`], feature `xlsx`) or delimited text in the
//! wide layout ([`Figures::from_csv_with`]). One reader for both, so that a sheet and a CSV file in the same layout
//! give the same figures and the same errors.
//!
//! A sheet's header row is the first row, among its first 30, holding a cell whose key ([`header_key`]) is
//! `indicator`; rows above it are not read, and a sheet without one holds no figures (it is skipped, and said to
//! be). A header cell's key is the text inside its last pair of parentheses if it has one (`Mã chỉ tiêu
//! (indicator)` is `indicator`), else its whole text, compared without case (ASCII).
//!
//! - With a `period` column the sheet is in the **long** format: the columns of [`crate::figures`], one figure a
//!   row.
//! - Otherwise it is **wide**: a row an indicator (and field), a column a period. Keys: `indicator` (required);
//!   `field` (which field of the long format the row's period cells fill: `value`, `numerator`, `denominator`,
//!   `growth`, `done` or `completed`; without the column, or with the cell empty, `value`); `unit`, `entity`,
//!   `note` (for every figure of the row); `completed` (the completion date, for rows whose field is `completed`,
//!   whose period cells stay empty); descriptive columns that are not read (`stt`, `name`, `measure_unit`,
//!   `enter`, `target`, `section`, `deadline`); and period columns (`2026`, `2026-Q1`, `2026-03-15`, as text or a
//!   whole number). Any other non-empty header cell is an error naming its cell.
//!
//! In the rows below the header: a row with every cell empty is skipped; a row with no indicator but something in
//! a period (or `completed`) cell is an error, one with no indicator and nothing there (a section's title) is
//! skipped; an empty period cell holds no figure. Each non-empty period cell is one field of the figure
//! (indicator, unit, entity, period): the `numerator` and `denominator` rows of an indicator combine into one
//! figure a period, and the same field given twice for one figure is a `duplicate_figure` naming both cells.
//!
//! Errors have the codes they have in CSV (`not_a_number`, `missing_field`, `duplicate_figure`...), wrapped in
//! [`Error::InCell`]: the sheet (for a workbook) and the cell in A1 notation (`D7`), and rows numbered as the
//! sheet numbers them.

use crate::error::{Error, Result};
use crate::figures::{
    check_figure_count, decimal_from_excel, describe, header_key, row_fields, Figures, FiguresBuilder, Reading,
    RowError, FIELDS,
};
use crate::model::Catalogue;
use crate::period::{Date, Period};
use std::borrow::Cow;
use std::collections::HashMap;
use std::str::FromStr;

/// The columns of a wide sheet that are read by nobody (descriptions for the people filling it in).
const DESCRIPTIVE: &[&str] = &["stt", "name", "measure_unit", "enter", "target", "section", "deadline"];

/// How many rows from the top the header row may be.
const HEADER_WITHIN: u32 = 30;

/// A cell's content as read.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(not(feature = "xlsx"), allow(dead_code))]
pub(crate) enum Cell {
    /// Text (a CSV field, a text cell).
    Text(String),
    /// A number cell (or a formula's cached number).
    Number(f64),
    /// A boolean cell.
    Bool(bool),
    /// A date cell: its serial number, and whether the workbook counts from 1904.
    Date { serial: f64, from_1904: bool },
    /// A cell that cannot give a value: an error cell (`#DIV/0!`, `#N/A`...) or a formula never computed; the
    /// message says which.
    Error(String),
}

/// A sheet: its name (`None` for CSV text) and its non-empty cells, row by row (rows and columns from 0, ascending).
#[derive(Debug, Clone, Default)]
pub(crate) struct Sheet {
    pub(crate) name: Option<String>,
    pub(crate) rows: Vec<(u32, Vec<(u32, Cell)>)>,
}

/// How a sheet was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The long format: one figure a row.
    Long,
    /// The wide layout: a row an indicator (and field), a column a period.
    Wide,
    /// No header row (no `indicator` cell in the first 30 rows): not read.
    Skipped,
}

/// A1 notation of a cell (row and column from 0).
pub(crate) fn a1(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let r = (c - 1) % 26;
        letters.push(b'A' + r as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// The date of an Excel serial number (whole days; a time of day is dropped: the day is the date), as text
/// `YYYY-MM-DD`. The 1900 system counts 1900-01-01 as 1 and, as Lotus 1-2-3 did, has a 1900-02-29 (serial 60) that
/// never was: that serial, 0 and anything before are written as they would read (`1900-02-29`, `1900-01-00`) so
/// that the date reader refuses them. The 1904 system counts 1904-01-01 as 0.
pub(crate) fn excel_date_text(serial: f64, from_1904: bool) -> String {
    if !(0.0..2_958_466.0).contains(&serial) {
        return format!("Excel date serial {serial}");
    }
    let s = serial.floor() as i64;
    let days = if from_1904 {
        -24_107 + s
    } else if s == 60 {
        return "1900-02-29".into();
    } else if s == 0 {
        return "1900-01-00".into();
    } else if s < 60 {
        -25_568 + s
    } else {
        -25_569 + s
    };
    let (y, m, d) = crate::period::civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A cell as the text of a field (see the module docs of [`crate::xlsx`] for numbers, booleans and dates); `Err`
/// for an error cell (the error's name).
/// The cells of a row that hold something, as text, in the columns `read` keeps; and the first cell whose text
/// cannot be had (an error cell: column, why), which is left out of the list.
#[allow(clippy::type_complexity)]
fn filled(cells: &[(u32, Cell)], read: impl Fn(u32) -> bool) -> (Vec<(u32, Cow<'_, str>)>, Option<(u32, String)>) {
    let (mut out, mut bad) = (Vec::with_capacity(cells.len()), None);
    for (c, cell) in cells.iter().filter(|(c, _)| read(*c)) {
        match cell_text(cell) {
            Ok(text) if text.trim().is_empty() => {}
            Ok(text) => out.push((*c, text)),
            Err(e) => {
                bad.get_or_insert((*c, e.to_string()));
            }
        }
    }
    (out, bad)
}

fn cell_text(cell: &Cell) -> std::result::Result<Cow<'_, str>, &str> {
    match cell {
        Cell::Text(t) => Ok(Cow::Borrowed(t)),
        Cell::Number(x) => Ok(Cow::Owned(match decimal_from_excel(*x) {
            Some(d) => d.normalize().to_string(),
            None => x.to_string(),
        })),
        Cell::Bool(b) => Ok(Cow::Borrowed(if *b { "true" } else { "false" })),
        Cell::Date { serial, from_1904 } => Ok(Cow::Owned(excel_date_text(*serial, *from_1904))),
        Cell::Error(e) => Err(e),
    }
}

/// Where a figure (or a cell of one) came from: its sheet, its first row, and the cell (row, column) of each of
/// its fields (a field of the long format by position in [`FIELDS`]; `usize::MAX` for a cell of no field).
struct Loc {
    sheet: usize,
    row: u32,
    cols: Vec<(usize, u32, u32)>,
}

impl Loc {
    /// The cell of the field named `field`, else the first one recorded.
    fn cell(&self, field: Option<&str>) -> (u32, u32) {
        let slot = field.and_then(|f| FIELDS.iter().position(|x| *x == f));
        slot.and_then(|s| self.cols.iter().find(|(k, _, _)| *k == s))
            .or_else(|| self.cols.first())
            .map_or((self.row, 0), |(_, r, c)| (*r, *c))
    }
}

/// One figure of the wide layout as its cells are gathered: the text of each field of [`FIELDS`] and its place.
struct Gathered {
    id: usize,
    texts: [Option<String>; 11],
}

/// The reader of sheets into one builder (every sheet's figures into one set, with the same checks).
pub(crate) struct GridReader<'a> {
    builder: FiguresBuilder<'a>,
    reading: Reading,
    names: Vec<Option<String>>,
    locs: Vec<Loc>,
    /// Wide figures gathered: (indicator, unit, entity, period) to its index in `gathered`.
    wide: HashMap<(String, Option<String>, Option<String>, String), usize>,
    gathered: Vec<Gathered>,
    failed: bool,
    count: usize,
}

use crate::figures::{COMPLETED, ENTITY, INDICATOR, NOTE, PERIOD, UNIT};

/// What a column of a wide sheet holds.
#[derive(Clone, PartialEq)]
enum Column {
    /// A field of the long format: `indicator`, `unit`, `entity`, `note`, `completed`.
    Field(usize),
    /// Which field the row's period cells fill.
    Which,
    /// A period (its text as the long format writes it).
    Period(String),
    /// Not read.
    Ignored,
}

impl<'a> GridReader<'a> {
    /// A reader into a strict builder (the first error is the error) or a lenient one (see
    /// [`FiguresBuilder::lenient`]).
    pub(crate) fn new(catalogue: &'a Catalogue, reading: Reading, strict: bool) -> GridReader<'a> {
        let builder = if strict { FiguresBuilder::new(catalogue) } else { FiguresBuilder::lenient(catalogue) };
        GridReader {
            builder,
            reading,
            names: Vec::new(),
            locs: Vec::new(),
            wide: HashMap::new(),
            gathered: Vec::new(),
            failed: false,
            count: 0,
        }
    }

    /// A new place, its id (the "row" the builder sees: places in reading order).
    fn place(&mut self, sheet: usize, row: u32, cols: Vec<(usize, u32)>) -> usize {
        let cols = cols.into_iter().map(|(k, c)| (k, row, c)).collect();
        self.locs.push(Loc { sheet, row, cols });
        self.locs.len()
    }

    /// An error about one cell, not through the builder.
    fn cell_error(&self, sheet: usize, row: u32, col: u32, message: String) -> Error {
        Error::InCell {
            sheet: self.names[sheet].clone(),
            cell: a1(row, col),
            other: None,
            error: Box::new(Error::FiguresSyntax { row: row as usize + 1, message }),
        }
    }

    /// Hand the builder a bad row (strict: the reading stops).
    fn refuse(&mut self, id: usize, unit: Option<&str>, indicator: Option<&str>, e: Error) {
        let u = self.builder.unit(unit);
        let i = indicator.and_then(|i| self.builder.indicator(i));
        if self.builder.refuse(id, u, i, e).is_err() {
            self.failed = true;
        }
    }

    fn count_one(&mut self, row: u32) -> Result<()> {
        self.count += 1;
        check_figure_count(self.count, row as usize + 1)
    }

    /// Read one sheet: how it was laid out. Errors that stop the reading (a header cell that is not known, the
    /// limit on figures) are `Err`; bad figures go to the builder.
    pub(crate) fn read_sheet(&mut self, sheet: &Sheet) -> Result<Layout> {
        let s = self.names.len();
        self.names.push(sheet.name.clone());
        let header = sheet.rows.iter().position(|(r, cells)| {
            *r < HEADER_WITHIN && cells.iter().any(|(_, c)| matches!(c, Cell::Text(t) if header_key(t) == "indicator"))
        });
        let Some(h) = header else { return Ok(Layout::Skipped) };
        let (hrow, hcells) = &sheet.rows[h];
        let keys: Vec<(u32, String, &Cell)> = hcells
            .iter()
            .map(|(c, cell)| {
                let key = match cell {
                    Cell::Text(t) => header_key(t),
                    other => cell_text(other).map(|t| t.into_owned()).unwrap_or_default(),
                };
                (*c, key, cell)
            })
            .filter(|(_, k, _)| !k.is_empty())
            .collect();
        let mut seen = std::collections::HashSet::new();
        for (c, k, _) in &keys {
            if !seen.insert(k.clone()) {
                return Err(self.cell_error(s, *hrow, *c, format!("column {k:?} appears twice")));
            }
        }
        let body = &sheet.rows[h + 1..];
        if keys.iter().any(|(_, k, _)| k == "period") {
            let mut cols: HashMap<u32, usize> = HashMap::new();
            for (c, k, _) in &keys {
                match FIELDS.iter().position(|f| f == k) {
                    Some(slot) => cols.insert(*c, slot),
                    None => {
                        let message = format!("unknown column {k:?} (known: {})", FIELDS.join(", "));
                        return Err(self.cell_error(s, *hrow, *c, message));
                    }
                };
            }
            for (row, cells) in body {
                if self.failed {
                    break;
                }
                self.read_long_row(s, *row, cells, &cols)?;
            }
            return Ok(Layout::Long);
        }
        let mut cols: HashMap<u32, Column> = HashMap::new();
        for (c, k, cell) in &keys {
            let column = match k.as_str() {
                "indicator" => Column::Field(INDICATOR),
                "unit" => Column::Field(UNIT),
                "entity" => Column::Field(ENTITY),
                "note" => Column::Field(NOTE),
                "completed" => Column::Field(COMPLETED),
                "field" => Column::Which,
                k if DESCRIPTIVE.contains(&k) => Column::Ignored,
                _ => match period_of(cell) {
                    Some(p) => Column::Period(p),
                    None => {
                        let message = format!(
                            "unknown column {k:?}: a wide sheet has indicator, field, unit, entity, completed, note, \
                             periods (2026, 2026-Q1, 2026-03-15) and the columns not read ({})",
                            DESCRIPTIVE.join(", ")
                        );
                        return Err(self.cell_error(s, *hrow, *c, message));
                    }
                },
            };
            cols.insert(*c, column);
        }
        for (row, cells) in body {
            if self.failed {
                break;
            }
            self.read_wide_row(s, *row, cells, &cols)?;
        }
        Ok(Layout::Wide)
    }

    fn read_long_row(&mut self, s: usize, row: u32, cells: &[(u32, Cell)], cols: &HashMap<u32, usize>) -> Result<()> {
        let mut texts: [Option<Cow<str>>; 11] = Default::default();
        let mut places = Vec::new();
        let (texts_, mut bad) = filled(cells, |_| true);
        for (c, text) in texts_ {
            match cols.get(&c) {
                Some(slot) => {
                    texts[*slot] = Some(text);
                    places.push((*slot, c));
                }
                None => {
                    bad.get_or_insert((c, String::new()));
                }
            }
        }
        if texts.iter().all(Option::is_none) && bad.is_none() {
            return Ok(());
        }
        self.count_one(row)?;
        let fields: [Option<&str>; 11] = std::array::from_fn(|i| texts[i].as_deref());
        let id = self.place(s, row, places);
        let (unit, indicator) = (fields[UNIT].map(str::trim), fields[INDICATOR].map(str::trim));
        if let Some((c, what)) = bad {
            self.locs[id - 1].cols.insert(0, (usize::MAX, row, c));
            let message = if what.is_empty() { "a value in a column without a header".to_string() } else { what };
            self.refuse(id, unit, indicator, Error::FiguresSyntax { row: id, message });
            return Ok(());
        }
        match row_fields(id, &fields, self.reading) {
            Ok(r) => {
                if self.builder.push_row(id, &r).is_err() {
                    self.failed = true;
                }
            }
            Err(e) => self.refuse(id, unit, indicator, e),
        }
        Ok(())
    }

    fn read_wide_row(&mut self, s: usize, row: u32, cells: &[(u32, Cell)], cols: &HashMap<u32, Column>) -> Result<()> {
        let mut fixed: [Option<(u32, Cow<str>)>; 11] = Default::default();
        let mut which: Option<(u32, Cow<str>)> = None;
        let mut periods: Vec<(u32, &str, Cow<str>)> = Vec::new();
        let (texts_, mut bad) = filled(cells, |c| cols.get(&c) != Some(&Column::Ignored));
        for (c, text) in texts_ {
            match cols.get(&c) {
                Some(Column::Field(k)) => fixed[*k] = Some((c, text)),
                Some(Column::Which) => which = Some((c, text)),
                Some(Column::Period(p)) => periods.push((c, p, text)),
                Some(Column::Ignored) => {}
                None => {
                    bad.get_or_insert((c, "a value in a column without a header".into()));
                }
            }
        }
        let has_data = !periods.is_empty() || fixed[COMPLETED].is_some();
        if !has_data && bad.is_none() {
            return Ok(()); // blank, or a title, or an indicator still to fill in
        }
        let get = |k: usize| fixed[k].as_ref().map(|(_, t)| t.trim());
        let (indicator, unit, entity) = (get(INDICATOR), get(UNIT), get(ENTITY));
        if let Some((c, message)) = bad {
            self.count_one(row)?;
            let id = self.place(s, row, vec![(usize::MAX, c)]);
            self.refuse(id, unit, indicator, Error::FiguresSyntax { row: id, message });
            return Ok(());
        }
        let Some(indicator) = indicator else {
            let col = cols.iter().find(|(_, k)| **k == Column::Field(INDICATOR)).map_or(0, |(c, _)| *c);
            self.count_one(row)?;
            let id = self.place(s, row, vec![(INDICATOR, col)]);
            let e = Error::MissingField { row: id, field: "indicator".into(), indicator: String::new() };
            self.refuse(id, unit, None, e);
            return Ok(());
        };
        let field = match &which {
            None => 2, // value
            Some((c, t)) => {
                let t = t.trim().to_ascii_lowercase();
                match ["value", "numerator", "denominator", "growth", "done", "completed"].iter().position(|f| *f == t)
                {
                    Some(k) => k + 2,
                    None => {
                        self.count_one(row)?;
                        let id = self.place(s, row, vec![(usize::MAX, *c)]);
                        let message =
                            format!("field {t:?} is none of value, numerator, denominator, growth, done, completed");
                        self.refuse(id, unit, Some(indicator), Error::FiguresSyntax { row: id, message });
                        return Ok(());
                    }
                }
            }
        };
        // a completion date lives in the `completed` column, every other field in the period cells
        if field == COMPLETED {
            if let Some((c, _, _)) = periods.first() {
                self.count_one(row)?;
                let id = self.place(s, row, vec![(usize::MAX, *c)]);
                let message = "a row whose field is \"completed\" takes its date in the completed column and \
                               leaves the period cells empty"
                    .to_string();
                self.refuse(id, unit, Some(indicator), Error::FiguresSyntax { row: id, message });
                return Ok(());
            }
        } else if let Some((c, _)) = &fixed[COMPLETED] {
            self.count_one(row)?;
            let id = self.place(s, row, vec![(usize::MAX, *c)]);
            let message = "only a row whose field is \"completed\" has a date in the completed column".to_string();
            self.refuse(id, unit, Some(indicator), Error::FiguresSyntax { row: id, message });
            return Ok(());
        }
        let mut cells: Vec<(u32, String, Cow<str>)> =
            periods.into_iter().map(|(c, p, t)| (c, p.to_string(), t)).collect();
        let base = (indicator.to_string(), unit.map(str::to_string), entity.map(str::to_string));
        let note = get(NOTE).map(str::to_string);
        if field == COMPLETED {
            if let Some((c, t)) = fixed[COMPLETED].clone() {
                cells.push((c, String::new(), t));
            }
        }
        for (c, period, text) in cells {
            self.count_one(row)?;
            let key = (base.0.clone(), base.1.clone(), base.2.clone(), period.clone());
            let at = match self.wide.get(&key) {
                Some(&k) => k,
                None => {
                    let id = self.place(s, row, Vec::new());
                    let mut texts: [Option<String>; 11] = Default::default();
                    texts[INDICATOR] = Some(base.0.clone());
                    texts[UNIT] = base.1.clone();
                    texts[ENTITY] = base.2.clone();
                    texts[NOTE] = note.clone();
                    if !period.is_empty() {
                        texts[PERIOD] = Some(period.clone());
                    }
                    self.gathered.push(Gathered { id, texts });
                    self.wide.insert(key, self.gathered.len() - 1);
                    self.gathered.len() - 1
                }
            };
            let g = &self.gathered[at];
            let first = g.id;
            if g.texts[field].is_some() {
                // the same field twice for one figure: both cells named
                let id = self.place(s, row, vec![(field, c)]);
                let e = Error::DuplicateFigure {
                    first_row: first,
                    row: id,
                    indicator: base.0.clone(),
                    period: if period.is_empty() { "(completion)".into() } else { period.clone() },
                    unit_entity: describe(&base.1, base.2.as_deref()),
                };
                self.refuse(id, unit, Some(indicator), e);
                continue;
            }
            // the cells of the figure: its fields' (the first is where an error about the whole figure points), the
            // period (the first field's cell), the indicator
            let loc = &mut self.locs[first - 1];
            let fresh = loc.cols.is_empty();
            loc.cols.push((field, row, c));
            if fresh {
                loc.cols.push((PERIOD, row, c));
                loc.cols.push((INDICATOR, row, cols_of(cols, INDICATOR).unwrap_or(c)));
            }
            self.gathered[at].texts[field] = Some(text.into_owned());
        }
        Ok(())
    }

    /// Push the wide figures gathered, then finish: the figures, the bad rows (lenient), each error wrapped with
    /// its sheet and cell and its rows as the sheets number them, and the number of figures read from each sheet.
    pub(crate) fn finish(mut self) -> (Figures, Vec<RowError>, Vec<usize>) {
        let gathered = std::mem::take(&mut self.gathered);
        for g in gathered {
            if self.failed {
                break;
            }
            let fields: [Option<&str>; 11] = std::array::from_fn(|i| g.texts[i].as_deref());
            match row_fields(g.id, &fields, self.reading) {
                Ok(r) => {
                    if self.builder.push_row(g.id, &r).is_err() {
                        self.failed = true;
                    }
                }
                Err(e) => self.refuse(g.id, fields[UNIT], fields[INDICATOR], e),
            }
        }
        let (mut figures, errors) = self.builder.finish_lenient();
        let locs = &self.locs;
        let names = &self.names;
        let real = |id: usize| locs.get(id.wrapping_sub(1)).map_or(id, |l| l.row as usize + 1);
        let mut per_sheet = vec![0usize; names.len()];
        for id in figures.rows() {
            if let Some(l) = locs.get(id.wrapping_sub(1)) {
                per_sheet[l.sheet] += 1;
            }
        }
        figures.map_rows(&real);
        let errors = errors
            .into_iter()
            .map(|mut e| {
                let id = e.row.unwrap_or(0);
                e.error = in_cell(e.error, id, locs, names);
                e.row = e.error.details().row.or(e.row.map(real));
                e
            })
            .collect();
        (figures, errors, per_sheet)
    }

    /// Finish strictly: the figures, or the first error in reading order.
    pub(crate) fn finish_strict(self) -> Result<Figures> {
        let (figures, errors, _) = self.finish();
        match errors.into_iter().next() {
            Some(e) => Err(e.error),
            None => Ok(figures),
        }
    }
}

/// The column holding the field `slot` of the long format, in a wide sheet.
fn cols_of(cols: &HashMap<u32, Column>, slot: usize) -> Option<u32> {
    cols.iter().find(|(_, k)| **k == Column::Field(slot)).map(|(c, _)| *c)
}

/// An error from the builder (its rows being places) as the sheet has it: its rows the sheet's, and its cell.
fn in_cell(error: Error, id: usize, locs: &[Loc], names: &[Option<String>]) -> Error {
    let Some(loc) = locs.get(id.wrapping_sub(1)) else { return error };
    let field = error.details().field;
    // a wide cell given twice: the place of the second holds that cell alone, and the first figure's place has it too
    let wide_field = match loc.cols.as_slice() {
        [(k, _, _)] => FIELDS.get(*k).copied(),
        _ => None,
    };
    let other = match &error {
        Error::DuplicateFigure { first_row, .. } => locs.get(first_row.wrapping_sub(1)).map(|o| {
            let (r, c) = o.cell(wide_field.or(Some("period")));
            let cell = a1(r, c);
            match (&names[o.sheet], o.sheet == loc.sheet) {
                (Some(n), false) => format!("sheet {n:?}, cell {cell}"),
                _ => format!("cell {cell}"),
            }
        }),
        _ => None,
    };
    let (row, col) = loc.cell(field.as_deref());
    // the error's own row is its cell's; another (a duplicate's first) is that place's cell's
    let error = error.map_rows(&|r| match locs.get(r.wrapping_sub(1)) {
        _ if r == id => row as usize + 1,
        Some(l) => l.cell(wide_field.or(Some("period"))).0 as usize + 1,
        None => r,
    });
    Error::InCell { sheet: names[loc.sheet].clone(), cell: a1(row, col), other, error: Box::new(error) }
}

/// The period a header cell names (as the long format writes it), if it names one.
fn period_of(cell: &Cell) -> Option<String> {
    let text = match cell {
        Cell::Number(x) if x.fract() == 0.0 && *x >= 1.0 && *x <= 9999.0 => return Some(format!("{}", *x as i64)),
        Cell::Date { serial, from_1904 } => excel_date_text(*serial, *from_1904),
        Cell::Text(t) => header_key(t),
        _ => return None,
    };
    let p = Period::from_str(text.trim()).ok()?;
    if let Period::Day(d) = p {
        // a day must be a real one
        Date::new(d.year, d.month, d.day)?;
    }
    Some(p.to_string())
}

/// Read delimited text in the wide layout (its separator found already): the figures, and the bad rows (lenient).
pub(crate) fn read_wide_csv(
    catalogue: &Catalogue,
    text: &str,
    reading: Reading,
    lenient: bool,
) -> Result<(Figures, Vec<RowError>)> {
    let sheet = crate::figures::csv_sheet(text, reading.sep)?;
    let mut r = GridReader::new(catalogue, reading, !lenient);
    r.read_sheet(&sheet)?;
    if lenient {
        let (figures, errors, _) = r.finish();
        Ok((figures, errors))
    } else {
        r.finish_strict().map(|f| (f, Vec::new()))
    }
}
