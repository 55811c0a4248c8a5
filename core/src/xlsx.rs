//! Figures from an Excel workbook (.xlsx), feature `xlsx`: every sheet with a header row, in the long format or
//! the wide layout (see [`crate::grid`]), read into one set of figures with the same checks as CSV.
//!
//! ```
//! use chitieu::{xlsx, Catalogue, ReadOptions};
//!
//! // anything that is not a workbook is a typed error, never a panic
//! let err = xlsx::read_xlsx(&Catalogue::builtin(), b"%PDF-1.7", &ReadOptions::default()).unwrap_err();
//! assert_eq!(err.code(), "xlsx_syntax");
//! ```
//!
//! How cells are read:
//! - a number cell as Excel shows it in General format (15 significant digits: a cached formula value
//!   8.550000000000001 is 8.55, 85.5 is 85.5; [`crate::figures::decimal_from_excel`]);
//! - a text cell by the CSV rules (a `.` decimal mark, or a decimal comma when [`ReadOptions::decimal_comma`]
//!   says so; a text cell "85,5" is refused otherwise);
//! - a boolean cell as `true`/`false` (a `done`);
//! - a date cell (a number with a date format) as the day it shows, in the workbook's date system (1900, with its
//!   1900-02-29 that never was refused, or 1904); a time of day is dropped;
//! - a formula by its cached value (the value Excel last computed and saved; a formula never computed has none,
//!   and its cell reads as empty);
//! - an error cell (`#DIV/0!`, `#N/A`) is an error naming the cell.
//!
//! Errors: [`Error::XlsxSyntax`] (code `xlsx_syntax`) for bytes that are not a readable workbook;
//! [`Error::LimitExceeded`] for a workbook whose parts inflate past [`limits::MAX_XLSX_INFLATED_BYTES`] (checked
//! before anything is parsed: a zip bomb stops there) or holding more than [`limits::MAX_XLSX_CELLS`] cells; the
//! figure errors of CSV wrapped in [`Error::InCell`] with the sheet and the cell.

use crate::error::{limits, Error, Result};
use crate::figures::{Figures, ReadOptions, Reading, RowError};
use crate::grid::{Cell, GridReader, Layout, Sheet};
use crate::model::Catalogue;
use calamine::{DataRef, ExcelDateTime, ExcelDateTimeType, Reader, SheetType, Xlsx};
use std::io::{Cursor, Read};

/// One sheet of a workbook, as it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRead {
    /// The sheet's name.
    pub name: String,
    /// How it was laid out ([`Layout::Skipped`]: no header row, not read).
    pub layout: Layout,
    /// The figures read from it (cells of the wide layout that combine into one figure count once).
    pub figures: usize,
}

/// What a workbook gave: the figures, and every sheet with how it was read.
#[derive(Debug, Clone)]
pub struct XlsxRead {
    /// The figures of every sheet read, together.
    pub figures: Figures,
    /// Every sheet, in the workbook's order.
    pub sheets: Vec<SheetRead>,
}

fn syntax(sheet: Option<&str>, message: impl std::fmt::Display) -> Error {
    Error::XlsxSyntax { sheet: sheet.map(str::to_string), message: message.to_string() }
}

/// Read the figures of a workbook's bytes (see the [module docs](self)): the first error, in reading order
/// (sheet after sheet, row after row), is the error.
pub fn read_xlsx(catalogue: &Catalogue, bytes: &[u8], options: &ReadOptions) -> Result<XlsxRead> {
    let (reader, sheets) = read_sheets(catalogue, bytes, options, true)?;
    let (figures, errors, counts) = reader.finish();
    match errors.into_iter().next() {
        Some(e) => Err(e.error),
        None => Ok(XlsxRead { sheets: sheets_read(sheets, &counts), figures }),
    }
}

/// [`read_xlsx`] leniently (as [`crate::batch::read_csv`] reads CSV): the figures and every bad row.
pub fn read_xlsx_lenient(
    catalogue: &Catalogue,
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<(XlsxRead, Vec<RowError>)> {
    let (reader, sheets) = read_sheets(catalogue, bytes, options, false)?;
    let (figures, errors, counts) = reader.finish();
    Ok((XlsxRead { sheets: sheets_read(sheets, &counts), figures }, errors))
}

/// Whether bytes look like a zip (an .xlsx, .docx...): they start with a zip's local header.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The sheets with the figures each gave (`counts` by sheet read, in order; skipped sheets give none).
fn sheets_read(sheets: Vec<SheetSeen>, counts: &[usize]) -> Vec<SheetRead> {
    sheets
        .into_iter()
        .map(|(name, layout, at)| SheetRead {
            name,
            layout,
            figures: at.and_then(|i| counts.get(i)).copied().unwrap_or(0),
        })
        .collect()
}

/// A sheet as seen: its name, its layout, and its number among the sheets read (`None`: skipped).
type SheetSeen = (String, Layout, Option<usize>);

fn read_sheets<'a>(
    catalogue: &'a Catalogue,
    bytes: &[u8],
    options: &ReadOptions,
    strict: bool,
) -> Result<(GridReader<'a>, Vec<SheetSeen>)> {
    check_inflated_size(bytes)?;
    let mut book: Xlsx<Cursor<&[u8]>> = Xlsx::new(Cursor::new(bytes)).map_err(|e| syntax(None, e))?;
    let reading = Reading { sep: b';', decimal_comma: options.decimal_comma };
    let mut reader = GridReader::new(catalogue, reading, strict);
    let meta: Vec<(String, SheetType)> = book.sheets_metadata().iter().map(|s| (s.name.clone(), s.typ)).collect();
    let mut out = Vec::new();
    let mut cells_read = 0usize;
    let mut read = 0usize;
    for (name, typ) in meta {
        if typ != SheetType::WorkSheet {
            out.push((name, Layout::Skipped, None));
            continue;
        }
        let sheet = read_sheet(&mut book, &name, &mut cells_read)?;
        let layout = reader.read_sheet(&sheet)?;
        out.push((name, layout, Some(read)));
        read += 1;
    }
    Ok((reader, out))
}

/// Inflate every part of the zip into nothing, counting: more than [`limits::MAX_XLSX_INFLATED_BYTES`] in all is
/// `limit_exceeded`, before the workbook is parsed (which holds some parts in memory whole).
fn check_inflated_size(bytes: &[u8]) -> Result<()> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| syntax(None, format!("not a zip: {e}")))?;
    let limit = limits::MAX_XLSX_INFLATED_BYTES;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| syntax(None, e))?;
        let name = part.name().to_string();
        let mut budget = (&mut part).take(limit - total + 1);
        let n = std::io::copy(&mut budget, &mut std::io::sink()).map_err(|e| syntax(None, format!("{name}: {e}")))?;
        total += n;
        if total > limit {
            return Err(Error::LimitExceeded {
                what: "the workbook's parts inflated".into(),
                limit: format!("{limit} bytes"),
                at: format!(" (at {name})"),
                row: None,
                field: None,
            });
        }
    }
    Ok(())
}

/// The cells of one sheet (empty ones left out), counted against [`limits::MAX_XLSX_CELLS`].
fn read_sheet(book: &mut Xlsx<Cursor<&[u8]>>, name: &str, cells_read: &mut usize) -> Result<Sheet> {
    let mut sheet = Sheet { name: Some(name.to_string()), rows: Vec::new() };
    // the cells holding a formula: one without a cached value (never computed) is an error, not an empty cell
    let mut formulas = std::collections::HashSet::new();
    let mut cells = book.worksheet_cells_reader(name).map_err(|e| syntax(Some(name), e))?;
    while let Some(cell) = cells.next_formula().map_err(|e| syntax(Some(name), e))? {
        if !cell.get_value().is_empty() {
            formulas.insert(cell.get_position());
            if formulas.len() > limits::MAX_XLSX_CELLS {
                return Err(too_many_cells(name, cell.get_position()));
            }
        }
    }
    drop(cells);
    let mut cells = book.worksheet_cells_reader(name).map_err(|e| syntax(Some(name), e))?;
    let mut sorted = true;
    while let Some(cell) = cells.next_cell().map_err(|e| syntax(Some(name), e))? {
        let (row, col) = cell.get_position();
        let value = match cell.get_value() {
            // a formula with no `<v>`, or an empty one (as openpyxl writes them)
            DataRef::Empty | DataRef::String(_) | DataRef::SharedString(_)
                if formulas.contains(&(row, col)) && data_is_blank(cell.get_value()) =>
            {
                Cell::Error(UNCOMPUTED.into())
            }
            DataRef::Empty => continue,
            DataRef::Int(i) => Cell::Number(*i as f64),
            DataRef::Float(x) => Cell::Number(*x),
            DataRef::String(s) => Cell::Text(s.clone()),
            DataRef::SharedString(s) => Cell::Text((*s).to_string()),
            DataRef::Bool(b) => Cell::Bool(*b),
            DataRef::DateTime(d) => date_cell(d),
            DataRef::DateTimeIso(s) => Cell::Text(s.split('T').next().unwrap_or(s).to_string()),
            DataRef::DurationIso(s) => Cell::Text(format!("{s} (a duration)")),
            DataRef::Error(e) => Cell::Error(format!("the cell holds the error {e}")),
        };
        *cells_read += 1;
        if *cells_read > limits::MAX_XLSX_CELLS {
            return Err(too_many_cells(name, (row, col)));
        }
        match sheet.rows.last_mut() {
            Some((r, cells)) if *r == row => {
                sorted &= cells.last().map_or(true, |(c, _)| *c < col);
                cells.push((col, value));
            }
            last => {
                sorted &= last.map_or(true, |(r, _)| *r < row);
                sheet.rows.push((row, vec![(col, value)]));
            }
        }
    }
    if !sorted {
        // cells out of order (allowed by the format, never written so by Excel): put them in order, and two cells
        // at one place are a damaged sheet
        let mut all: Vec<(u32, u32, Cell)> =
            sheet.rows.drain(..).flat_map(|(r, cells)| cells.into_iter().map(move |(c, v)| (r, c, v))).collect();
        all.sort_by_key(|(r, c, _)| (*r, *c));
        if let Some(w) = all.windows(2).find(|w| (w[0].0, w[0].1) == (w[1].0, w[1].1)) {
            return Err(syntax(Some(name), format!("cell {} is given twice", crate::grid::a1(w[0].0, w[0].1))));
        }
        for (r, c, v) in all {
            match sheet.rows.last_mut() {
                Some((row, cells)) if *row == r => cells.push((c, v)),
                _ => sheet.rows.push((r, vec![(c, v)])),
            }
        }
    }
    Ok(sheet)
}

/// Whether a cell's value is empty or empty text.
fn data_is_blank(value: &DataRef) -> bool {
    match value {
        DataRef::Empty => true,
        DataRef::String(s) => s.is_empty(),
        DataRef::SharedString(s) => s.is_empty(),
        _ => false,
    }
}

/// Why a formula cell without a cached value is refused.
const UNCOMPUTED: &str = "the cell's formula has no computed value (the workbook was saved by a program that does \
                          not compute formulas: open it in Excel or LibreOffice and save it)";

fn too_many_cells(name: &str, (row, col): (u32, u32)) -> Error {
    Error::LimitExceeded {
        what: "cells of the workbook".into(),
        limit: limits::MAX_XLSX_CELLS.to_string(),
        at: format!(" (sheet {name:?}, cell {})", crate::grid::a1(row, col)),
        row: Some(row as usize + 1),
        field: None,
    }
}

/// A date cell: its serial and its workbook's date system (read from the value: calamine keeps the system inside).
fn date_cell(d: &ExcelDateTime) -> Cell {
    let serial = d.as_f64();
    let is = |typ, from_1904| *d == ExcelDateTime::new(serial, typ, from_1904);
    if is(ExcelDateTimeType::TimeDelta, false) || is(ExcelDateTimeType::TimeDelta, true) {
        return Cell::Text(format!("{serial} (a duration)"));
    }
    Cell::Date { serial, from_1904: is(ExcelDateTimeType::DateTime, true) }
}
