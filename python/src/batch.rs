//! Many reporting units at once: a data frame's columns in, the core's batch table out, both as flat buffers.
//!
//! In: each column as `(name, kind, data, categories)`, where `kind` is
//! - `"codes"`, `"codes16"` or `"codes8"`: `data` holds one little-endian `int32` (`int16`, `int8`) per row, an
//!   index into `categories` (the texts of the column's distinct cells, read once each), `-1` for an empty cell
//!   (how the Python side passes categorical columns, with their own codes, and text and object columns after
//!   `pandas.factorize`);
//! - `"float"`: one little-endian `float64` per row, NaN for an empty cell (a float column of numbers);
//! - `"int"`: one little-endian `int64` per row (an integer column of numbers or of years).
//!
//! Nothing here decides what a cell means: texts go through the core's readers (`parse_decimal`,
//! `Period::from_str`, `Date::from_str`, `parse_done`, `check_field_length`), floats through `decimal_from_f64`,
//! and the figures through `FiguresBuilder::lenient` and `batch::evaluate_threads`. The wrapper only finds each
//! row's cells, resolves each distinct text once, and writes the table's columns as buffers for numpy.

use crate::{run, setting, Catalogue, Failure, Options};
use chitieu::batch::{BatchTable, NumberColumns};
use chitieu::figures::{check_field_length, check_figure_count, parse_decimal, parse_done};
use chitieu::{decimal_from_f64, Date, Error, Fields, FiguresBuilder, Period, RowError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use chitieu::figures::field::{COMPLETED, DONE, ENTITY, INDICATOR, NOTE, NUMBERS, PERIOD, UNIT};
/// The columns of the long format, in the core's order.
use chitieu::figures::FIELDS;

/// The decimal columns of the output, in order (the core's).
use chitieu::batch::DECIMAL_COLUMNS as DECIMALS;

fn syntax(message: String) -> Failure {
    Failure::Core(Error::FiguresSyntax { row: 0, message })
}

/// The codes of a `codes` column, as passed: 1, 2 or 4 little-endian bytes a row.
#[derive(Clone, Copy)]
enum Codes<'a> {
    I8(&'a [u8]),
    I16(&'a [u8]),
    I32(&'a [u8]),
}

impl Codes<'_> {
    fn len(&self) -> usize {
        match self {
            Codes::I8(b) => b.len(),
            Codes::I16(b) => b.len() / 2,
            Codes::I32(b) => b.len() / 4,
        }
    }

    #[inline(always)]
    fn at(&self, i: usize) -> i32 {
        match self {
            Codes::I8(b) => i32::from(b[i] as i8),
            Codes::I16(b) => i32::from(i16::from_le_bytes([b[2 * i], b[2 * i + 1]])),
            Codes::I32(b) => i32::from_le_bytes(b[4 * i..4 * i + 4].try_into().expect("4 bytes")),
        }
    }
}

/// One column as passed, borrowed from the Python bytes.
enum Col<'a> {
    Absent,
    Codes { codes: Codes<'a>, texts: Vec<Option<String>> },
    Float(&'a [u8]),
    Int(&'a [u8]),
}

/// A text cell as the readers take it: spaces around are not part of it, and an empty cell is absent.
fn trimmed(texts: &[Option<String>]) -> Vec<Option<String>> {
    texts.iter().map(|t| t.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)).collect()
}

/// One cell.
#[derive(Clone, Copy)]
enum Cell<'a> {
    Empty,
    /// A text cell: the index of its category and its trimmed text.
    Text(usize, &'a str),
    Float(f64),
    Int(i64),
}

/// The index of a code's category in a table of `count` categories plus the empty cell: `code + 1`, 0 for `-1`
/// (an empty cell) and for a code outside the categories (which the Python side never passes).
#[inline(always)]
fn slot(code: i32, count: usize) -> usize {
    let s = (code as isize + 1) as usize;
    if s <= count {
        s
    } else {
        0
    }
}

impl<'a> Col<'a> {
    fn len(&self) -> Option<usize> {
        match self {
            Col::Absent => None,
            Col::Codes { codes, .. } => Some(codes.len()),
            Col::Float(b) | Col::Int(b) => Some(b.len() / 8),
        }
    }

    /// Row `i`'s cell (for the rows that need more than the decoded fields: errors, numbers in text fields).
    fn cell(&self, i: usize) -> Cell<'_> {
        match self {
            Col::Absent => Cell::Empty,
            Col::Codes { codes, texts } => {
                // the texts are trimmed, and empty ones removed, when the column is taken ([`trimmed`])
                match slot(codes.at(i), texts.len()).checked_sub(1).map(|c| (c, &texts[c])) {
                    Some((c, Some(t))) => Cell::Text(c, t),
                    _ => Cell::Empty,
                }
            }
            Col::Float(b) => {
                let x = f64::from_le_bytes(b[8 * i..8 * i + 8].try_into().expect("8 bytes"));
                if x.is_nan() {
                    Cell::Empty
                } else {
                    Cell::Float(x)
                }
            }
            Col::Int(b) => Cell::Int(i64::from_le_bytes(b[8 * i..8 * i + 8].try_into().expect("8 bytes"))),
        }
    }
}

/// Rows decoded at once, column by column, before their figures are pushed one row at a time (small enough for
/// the chunk's decoded fields to stay in the processor's cache).
const CHUNK: usize = 256;

/// A row's flags while its chunk is read: it has a cell in some column; the bits above say which typed fields
/// (by position in [`FIELDS`]) could not be read.
const FILLED: u16 = 1;
const fn bad(field: usize) -> u16 {
    2 << field
}

/// What a distinct cell (category, integer) of a typed column reads as, found the first time a row has it.
#[derive(Clone, Copy)]
enum Known<T> {
    Unread,
    Empty,
    Ok(T),
    Bad,
}

/// One typed field (the period, a number...): how each distinct text and integer of its column reads.
struct Field<T: Copy> {
    /// By category (index: the code + 1; 0 is the empty cell).
    by_text: Vec<Known<T>>,
    by_int: HashMap<i64, Known<T>>,
}

/// A typed field: how to read its text, how to read a float given for it, and where it goes in [`Fields`].
trait Kind {
    type T: Copy;
    const FIELD: usize;
    fn text(text: &str) -> Option<Self::T>;
    fn float(x: f64) -> Option<Self::T>;
    fn set(fields: &mut Fields, value: Option<Self::T>);
}

struct PeriodField;
impl Kind for PeriodField {
    type T = Period;
    const FIELD: usize = PERIOD;
    fn text(text: &str) -> Option<Period> {
        Period::from_str(text).ok()
    }
    fn float(_: f64) -> Option<Period> {
        None
    }
    #[inline(always)]
    fn set(fields: &mut Fields, value: Option<Period>) {
        fields.period = value;
    }
}

struct CompletedField;
impl Kind for CompletedField {
    type T = Date;
    const FIELD: usize = COMPLETED;
    fn text(text: &str) -> Option<Date> {
        Date::from_str(text).ok()
    }
    fn float(_: f64) -> Option<Date> {
        None
    }
    #[inline(always)]
    fn set(fields: &mut Fields, value: Option<Date>) {
        fields.completed = value;
    }
}

struct DoneField;
impl Kind for DoneField {
    type T = bool;
    const FIELD: usize = DONE;
    fn text(text: &str) -> Option<bool> {
        parse_done(text)
    }
    fn float(x: f64) -> Option<bool> {
        parse_done(&text_from_float(x))
    }
    #[inline(always)]
    fn set(fields: &mut Fields, value: Option<bool>) {
        fields.done = value;
    }
}

/// The number fields, by their position among [`NUMBERS`].
struct NumberField<const K: usize>;
impl<const K: usize> Kind for NumberField<K> {
    type T = Decimal;
    const FIELD: usize = NUMBERS[K];
    fn text(text: &str) -> Option<Decimal> {
        parse_decimal(text)
    }
    #[inline(always)]
    fn float(x: f64) -> Option<Decimal> {
        // infinity (and a float beyond 28 digits) is refused
        decimal_from_f64(x)
    }
    #[inline(always)]
    fn set(fields: &mut Fields, value: Option<Decimal>) {
        match K {
            0 => fields.value = value,
            1 => fields.numerator = value,
            2 => fields.denominator = value,
            _ => fields.growth = value,
        }
    }
}

impl<T: Copy> Field<T> {
    fn new(col: &Col) -> Field<T> {
        let mut by_text = vec![Known::Unread; category_count(col) + 1];
        by_text[0] = Known::Empty;
        if let Col::Codes { texts, .. } = col {
            for (c, t) in texts.iter().enumerate() {
                if t.is_none() {
                    by_text[c + 1] = Known::Empty;
                }
            }
        }
        Field { by_text, by_int: HashMap::new() }
    }
}

/// One cell of a `codes` column of field `F`: its category's reading (read the first time) into the row's fields.
#[inline(always)]
fn decode_code<F: Kind>(
    table: &mut [Known<F::T>],
    texts: &[Option<String>],
    code: i32,
    out: &mut Fields,
    flag: &mut u16,
) {
    let s = slot(code, texts.len());
    let mut k = table[s];
    if let Known::Unread = k {
        k = read_category::<F>(table, texts, s);
    }
    match k {
        Known::Ok(v) => {
            F::set(out, Some(v));
            *flag |= FILLED;
        }
        Known::Bad => {
            F::set(out, None);
            *flag |= FILLED | bad(F::FIELD);
        }
        _ => F::set(out, None),
    }
}

/// How the category at `s` (its code + 1) reads as field `F`, read once and kept.
#[cold]
#[inline(never)]
fn read_category<F: Kind>(table: &mut [Known<F::T>], texts: &[Option<String>], s: usize) -> Known<F::T> {
    // the texts are trimmed, and empty ones removed, when the column is taken
    let k = match texts[s - 1].as_deref().map(F::text) {
        None => Known::Empty,
        Some(Some(v)) => Known::Ok(v),
        Some(None) => Known::Bad,
    };
    table[s] = k;
    k
}

/// Decode field `F` of `rows` from its column into `out` (one [`Fields`] a row), flagging in `flags` the rows
/// with something in the column and those whose cell cannot be read.
#[inline]
fn decode<F: Kind>(field: &mut Field<F::T>, col: &Col, rows: &[usize], out: &mut [Fields], flags: &mut [u16]) {
    let bad = bad(F::FIELD);
    let to_flags = |k: Known<F::T>| match k {
        Known::Ok(_) => FILLED,
        Known::Bad => FILLED | bad,
        _ => 0,
    };
    match col {
        Col::Absent => {}
        Col::Codes { codes, texts } => {
            let table = &mut field.by_text[..];
            // one loop per width of the codes (each a tight loop without a branch on the width)
            macro_rules! each {
                ($at:expr) => {
                    for ((&i, o), f) in rows.iter().zip(out.iter_mut()).zip(flags.iter_mut()) {
                        decode_code::<F>(table, texts, $at(i), o, f);
                    }
                };
            }
            match codes {
                Codes::I8(b) => each!(|i: usize| i32::from(b[i] as i8)),
                Codes::I16(b) => each!(|i: usize| i32::from(i16::from_le_bytes([b[2 * i], b[2 * i + 1]]))),
                Codes::I32(b) => each!(|i: usize| i32::from_le_bytes(b[4 * i..4 * i + 4].try_into().expect("4 bytes"))),
            }
        }
        Col::Float(b) => {
            for ((&i, o), f) in rows.iter().zip(out.iter_mut()).zip(flags.iter_mut()) {
                let x = f64::from_le_bytes(b[8 * i..8 * i + 8].try_into().expect("8 bytes"));
                if x.is_nan() {
                    F::set(o, None);
                } else {
                    let v = F::float(x);
                    F::set(o, v);
                    *f |= if v.is_some() { FILLED } else { FILLED | bad };
                }
            }
        }
        Col::Int(b) => {
            for ((&i, o), f) in rows.iter().zip(out.iter_mut()).zip(flags.iter_mut()) {
                let v = i64::from_le_bytes(b[8 * i..8 * i + 8].try_into().expect("8 bytes"));
                let k = *field.by_int.entry(v).or_insert_with(|| match F::text(&v.to_string()) {
                    Some(v) => Known::Ok(v),
                    None => Known::Bad,
                });
                F::set(o, if let Known::Ok(v) = k { Some(v) } else { None });
                *f |= to_flags(k) | FILLED;
            }
        }
    }
}

/// Categories of a text field (indicator, unit, entity, note) for a chunk: [`EMPTY`], [`OTHER`] (a number given
/// for the text field; rare: read again through [`Col::cell`]), or the category.
const EMPTY: u32 = u32::MAX;
const OTHER: u32 = u32::MAX - 1;

/// The category of each code of a text column's `codes` + 1 (0: the empty cell), [`EMPTY`] for an empty text;
/// empty for other columns.
fn token_table(col: &Col) -> Vec<u32> {
    match col {
        Col::Codes { texts, .. } => std::iter::once(EMPTY)
            .chain(texts.iter().enumerate().map(|(c, t)| if t.is_some() { c as u32 } else { EMPTY }))
            .collect(),
        _ => Vec::new(),
    }
}

/// The cells of a text field for `rows` as categories (through `table`, its [`token_table`]), flagging in `flags`
/// the rows with something in it.
fn tokens(col: &Col, table: &[u32], rows: &[usize], flags: &mut [u16], out: &mut Vec<u32>) {
    out.clear();
    match col {
        Col::Absent => out.resize(rows.len(), EMPTY),
        Col::Codes { codes, texts } => {
            let count = texts.len();
            macro_rules! each {
                ($at:expr) => {
                    for (&i, f) in rows.iter().zip(flags.iter_mut()) {
                        let t = table[slot($at(i), count)];
                        *f |= u16::from(t != EMPTY);
                        out.push(t);
                    }
                };
            }
            match codes {
                Codes::I8(b) => each!(|i: usize| i32::from(b[i] as i8)),
                Codes::I16(b) => each!(|i: usize| i32::from(i16::from_le_bytes([b[2 * i], b[2 * i + 1]]))),
                Codes::I32(b) => each!(|i: usize| i32::from_le_bytes(b[4 * i..4 * i + 4].try_into().expect("4 bytes"))),
            }
        }
        Col::Float(b) => {
            for (&i, f) in rows.iter().zip(flags.iter_mut()) {
                let x = f64::from_le_bytes(b[8 * i..8 * i + 8].try_into().expect("8 bytes"));
                let t = if x.is_nan() { EMPTY } else { OTHER };
                *f |= u16::from(t != EMPTY);
                out.push(t);
            }
        }
        Col::Int(_) => {
            out.resize(rows.len(), OTHER);
            flags.iter_mut().for_each(|f| *f |= FILLED);
        }
    }
}

/// The text of a category of a `codes` column.
#[inline(always)]
fn category_text<'a>(col: &'a Col, c: u32) -> &'a str {
    match col {
        Col::Codes { texts, .. } => texts[c as usize].as_deref().unwrap_or_default(),
        _ => "",
    }
}

/// The text of a text field's cell in row `i` of the chunk, from its category.
#[inline(always)]
fn token_text<'a>(col: &'a Col, token: u32, i: usize) -> Option<Cow<'a, str>> {
    match token {
        EMPTY => None,
        OTHER => text_of(col.cell(i)),
        c => Some(Cow::Borrowed(category_text(col, c))),
    }
}

/// The text to quote for a refused cell: the cell as written, a float as `float` writes it.
fn bad_text(cell: Cell<'_>, float: impl Fn(f64) -> String) -> String {
    match cell {
        Cell::Text(_, t) => t.to_string(),
        Cell::Float(x) => float(x),
        Cell::Int(v) => v.to_string(),
        Cell::Empty => String::new(),
    }
}

/// A float cell of a text column: its shortest decimal's text (the Python side sends text columns as codes, so
/// this only happens when a caller passes floats for a text field).
fn text_from_float(x: f64) -> String {
    decimal_from_f64(x).map(|d| d.normalize().to_string()).unwrap_or_else(|| x.to_string())
}

/// The columns, checked as `Figures::from_columns` checks them.
fn check_columns<'a>(parts: Vec<(String, Col<'a>)>) -> Result<([Col<'a>; 11], usize), Failure> {
    let mut cols: [Col<'a>; 11] = std::array::from_fn(|_| Col::Absent);
    for (name, col) in parts {
        let Some(slot) = FIELDS.iter().position(|f| *f == name) else {
            return Err(syntax(format!("unknown column {name:?} (known: {})", FIELDS.join(", "))));
        };
        if !matches!(cols[slot], Col::Absent) {
            return Err(syntax(format!("column {name:?} appears twice")));
        }
        cols[slot] = col;
    }
    if matches!(cols[INDICATOR], Col::Absent) {
        return Err(syntax("no \"indicator\" column".into()));
    }
    let len = cols[INDICATOR].len().unwrap_or(0);
    for (name, c) in FIELDS.iter().zip(&cols) {
        if let Some(n) = c.len() {
            if n != len {
                return Err(syntax(format!("column {name:?} has {n} cells, the column \"indicator\" {len}")));
            }
        }
    }
    Ok((cols, len))
}

/// How the distinct cells of the typed fields read.
struct Typed {
    period: Field<Period>,
    completed: Field<Date>,
    done: Field<bool>,
    numbers: [Field<Decimal>; 4],
}

/// Rows of the columns to read: at positions (int64 bytes), or a range `start..end`.
#[derive(Clone, Copy)]
enum Rows<'a> {
    Positions(&'a [u8]),
    Range(usize, usize),
}

/// A block of rows as Python gives it: a range `(start, end)` or positions (int64 bytes).
#[derive(FromPyObject)]
pub(crate) enum BlockArg<'py> {
    Range(usize, usize),
    Positions(Bound<'py, PyBytes>),
}

impl BlockArg<'_> {
    fn rows(&self) -> Rows<'_> {
        match self {
            BlockArg::Range(a, b) => Rows::Range(*a, *b),
            BlockArg::Positions(p) => Rows::Positions(p.as_bytes()),
        }
    }
}

/// Read the rows at `positions` (all rows when `None`) into a lenient builder; `row_numbers[i]` is the row
/// reported for position `i` (position + 1 when `None`).
///
/// The rows are taken a chunk at a time: first each column of the chunk is decoded on its own into the rows'
/// [`Fields`] (a tight loop per column, each distinct text read once), then each row is pushed, or its first
/// error found in the readers' order. What a row gives is what `FiguresBuilder::push_texts` gives for the same
/// cells as text.
fn read_columns(
    catalogue: &chitieu::Catalogue,
    cols: &[Col; 11],
    len: usize,
    positions: Option<Rows<'_>>,
    row_numbers: Option<&[u8]>,
) -> Result<(chitieu::Figures, Vec<RowError>), Failure> {
    let count = match positions {
        None => len,
        Some(Rows::Positions(p)) => p.len() / 8,
        Some(Rows::Range(a, b)) if a <= b && b <= len => b - a,
        Some(Rows::Range(a, b)) => {
            return Err(Failure::Panic(format!("rows {a}..{b} outside the {len} rows of the columns")));
        }
    };
    check_figure_count(count, count)?;
    if let Some(r) = row_numbers {
        if r.len() / 8 != len {
            return Err(setting("row_numbers", format!("{} row numbers for {len} rows", r.len() / 8)));
        }
    }
    let mut b = FiguresBuilder::lenient(catalogue);
    b.reserve(count);
    // what each distinct unit and indicator text is, resolved the first time a row uses it
    const UNRESOLVED: u32 = u32::MAX;
    let mut units: Vec<u32> = vec![UNRESOLVED; category_count(&cols[UNIT])];
    let mut none_unit: Option<u32> = None;
    let mut indicators: Vec<Option<Option<usize>>> = vec![None; category_count(&cols[INDICATOR])];
    let mut typed = Typed {
        period: Field::new(&cols[PERIOD]),
        completed: Field::new(&cols[COMPLETED]),
        done: Field::new(&cols[DONE]),
        numbers: std::array::from_fn(|k| Field::new(&cols[NUMBERS[k]])),
    };
    // texts too long for a field, found once per category
    let too_long: Vec<Vec<bool>> = FIELDS
        .iter()
        .zip(cols.iter())
        .map(|(name, c)| match c {
            Col::Codes { texts, .. } => {
                let long: Vec<bool> = texts
                    .iter()
                    .map(|t| t.as_deref().is_some_and(|t| check_field_length(0, name, t).is_err()))
                    .collect();
                if long.contains(&true) {
                    long
                } else {
                    Vec::new()
                }
            }
            _ => Vec::new(),
        })
        .collect();
    let any_long = too_long.iter().any(|l| !l.is_empty());
    let mut rows: Vec<usize> = Vec::with_capacity(CHUNK);
    let mut numbers_of_rows: Vec<usize> = Vec::with_capacity(CHUNK);
    let mut flags: Vec<u16> = Vec::with_capacity(CHUNK);
    let mut fields: Vec<Fields> = vec![Fields::default(); CHUNK];
    let mut tokens_of: [Vec<u32>; 4] = std::array::from_fn(|_| Vec::with_capacity(CHUNK));
    let token_tables = [INDICATOR, UNIT, ENTITY, NOTE].map(|f| token_table(&cols[f]));
    for start in (0..count).step_by(CHUNK) {
        let end = (start + CHUNK).min(count);
        rows.clear();
        numbers_of_rows.clear();
        for k in start..end {
            let i = match positions {
                Some(Rows::Positions(p)) => {
                    let i = i64::from_le_bytes(p[8 * k..8 * k + 8].try_into().expect("8 bytes"));
                    usize::try_from(i).ok().filter(|i| *i < len).ok_or_else(|| {
                        Failure::Panic(format!("row position {i} outside the {len} rows of the columns"))
                    })?
                }
                Some(Rows::Range(a, _)) => a + k,
                None => k,
            };
            let row = match row_numbers {
                Some(r) => {
                    let n = i64::from_le_bytes(r[8 * i..8 * i + 8].try_into().expect("8 bytes"));
                    usize::try_from(n).map_err(|_| setting("row_numbers", format!("not a row number: {n}")))?
                }
                None => i + 1,
            };
            rows.push(i);
            numbers_of_rows.push(row);
        }
        let n = rows.len();
        // each column of the chunk on its own
        flags.clear();
        flags.resize(n, 0);
        let out = &mut fields[..n];
        let [indicator_tok, unit_tok, entity_tok, note_tok] = &mut tokens_of;
        tokens(&cols[INDICATOR], &token_tables[0], &rows, &mut flags, indicator_tok);
        tokens(&cols[UNIT], &token_tables[1], &rows, &mut flags, unit_tok);
        tokens(&cols[ENTITY], &token_tables[2], &rows, &mut flags, entity_tok);
        tokens(&cols[NOTE], &token_tables[3], &rows, &mut flags, note_tok);
        let t = &mut typed;
        decode::<PeriodField>(&mut t.period, &cols[PERIOD], &rows, out, &mut flags);
        decode::<CompletedField>(&mut t.completed, &cols[COMPLETED], &rows, out, &mut flags);
        decode::<DoneField>(&mut t.done, &cols[DONE], &rows, out, &mut flags);
        let [value, numerator, denominator, growth] = &mut t.numbers;
        decode::<NumberField<0>>(value, &cols[NUMBERS[0]], &rows, out, &mut flags);
        decode::<NumberField<1>>(numerator, &cols[NUMBERS[1]], &rows, out, &mut flags);
        decode::<NumberField<2>>(denominator, &cols[NUMBERS[2]], &rows, out, &mut flags);
        decode::<NumberField<3>>(growth, &cols[NUMBERS[3]], &rows, out, &mut flags);
        // then row by row
        for j in 0..n {
            let flag = flags[j];
            if flag == 0 {
                continue; // an empty row holds no figure, as a blank CSV line
            }
            let (i, row) = (rows[j], numbers_of_rows[j]);
            let unit = match unit_tok[j] {
                EMPTY => *none_unit.get_or_insert_with(|| b.unit(None)),
                OTHER => b.unit(text_of(cols[UNIT].cell(i)).as_deref()),
                c => {
                    let u = &mut units[c as usize];
                    if *u == UNRESOLVED {
                        *u = b.unit(Some(category_text(&cols[UNIT], c)));
                    }
                    *u
                }
            };
            let indicator = match indicator_tok[j] {
                EMPTY => None,
                OTHER => text_of(cols[INDICATOR].cell(i)).and_then(|t| b.indicator(&t)),
                c => *indicators[c as usize].get_or_insert_with(|| b.indicator(category_text(&cols[INDICATOR], c))),
            };
            // a row with a cell that cannot be read, a text too long or no indicator: its first error
            let error = if flag != FILLED || any_long || indicator_tok[j] == EMPTY {
                row_error(row, cols, i, flag, &too_long, indicator_tok[j])
            } else {
                None
            };
            let pushed = match (error, indicator) {
                (Some(e), _) => b.refuse(row, unit, indicator, e),
                (None, None) => {
                    let text = token_text(&cols[INDICATOR], indicator_tok[j], i);
                    let e = Error::UnknownIndicator { row, indicator: text.map(Cow::into_owned).unwrap_or_default() };
                    b.refuse(row, unit, None, e)
                }
                (None, Some(ind)) => {
                    let entity = token_text(&cols[ENTITY], entity_tok[j], i);
                    b.push_fields(row, unit, ind, entity.as_deref(), &fields[j])
                }
            };
            pushed?; // lenient: only a wrapper defect (a unit or indicator number out of range) is an error here
        }
    }
    Ok(b.finish_lenient())
}

/// The text of a cell of a text column (a number passed for a text field reads as its shortest decimal).
#[inline]
fn text_of(cell: Cell<'_>) -> Option<Cow<'_, str>> {
    match cell {
        Cell::Text(_, t) => Some(Cow::Borrowed(t)),
        Cell::Empty => None,
        Cell::Float(x) => Some(Cow::Owned(text_from_float(x))),
        Cell::Int(v) => Some(Cow::Owned(v.to_string())),
    }
}

fn category_count(col: &Col) -> usize {
    match col {
        Col::Codes { texts, .. } => texts.len(),
        _ => 0,
    }
}

/// The first error of row `i` in the readers' order, `None` if it has none before its indicator is looked up: a
/// field too long, no indicator, then a period, completion date, yes/no or number (value, numerator,
/// denominator, growth) that cannot be read.
#[cold]
#[inline(never)]
fn row_error(
    row: usize,
    cols: &[Col; 11],
    i: usize,
    flag: u16,
    too_long: &[Vec<bool>],
    indicator: u32,
) -> Option<Error> {
    for (f, col) in cols.iter().enumerate() {
        if too_long[f].is_empty() {
            continue;
        }
        if let Cell::Text(c, t) = col.cell(i) {
            if too_long[f].get(c).copied().unwrap_or(false) {
                if let Err(e) = check_field_length(row, FIELDS[f], t) {
                    return Some(e);
                }
            }
        }
    }
    if indicator == EMPTY {
        return Some(Error::MissingField { row, field: "indicator".into(), indicator: String::new() });
    }
    let text = |f: usize, float: fn(f64) -> String| bad_text(cols[f].cell(i), float);
    if flag & bad(PERIOD) != 0 {
        return Some(Error::InvalidPeriod { row, field: "period".into(), text: text(PERIOD, text_from_float) });
    }
    if flag & bad(COMPLETED) != 0 {
        return Some(Error::InvalidPeriod { row, field: "completed".into(), text: text(COMPLETED, text_from_float) });
    }
    if flag & bad(DONE) != 0 {
        let indicator = token_text(&cols[INDICATOR], indicator, i).map(Cow::into_owned).unwrap_or_default();
        return Some(Error::WrongKind {
            row,
            field: "done".into(),
            indicator,
            measure: "a yes/no status (true/false)".into(),
        });
    }
    for f in NUMBERS {
        if flag & bad(f) != 0 {
            return Some(Error::NotANumber { row, field: FIELDS[f].into(), text: text(f, |x| x.to_string()), why: "" });
        }
    }
    None
}

/// The table as flat columns.
struct Output {
    units: Vec<Option<String>>,
    targets: Vec<String>,
    unit: Vec<u32>,
    target: Vec<u32>,
    status: Vec<i8>,
    /// the float columns (`numbers="float"`), else empty
    floats: Vec<Vec<f64>>,
    /// codes into `texts` (`numbers="text"`), else empty
    text_codes: Vec<Vec<i32>>,
    texts: chitieu::batch::TextColumn,
    periods: Vec<String>,
    period: Vec<i32>,
    aim: Vec<i8>,
    error_code: Vec<i32>,
    error_row: Vec<i64>,
    errors: Vec<ErrorRow>,
}

type ErrorRow = (Option<usize>, Option<String>, Option<String>, &'static str, Option<String>, String);

/// A column as little-endian bytes for `numpy.frombuffer`, written straight into the Python bytes object.
fn le_bytes<'py, T: Copy, const N: usize>(
    py: Python<'py>,
    values: &[T],
    bytes: impl Fn(T) -> [u8; N],
) -> PyResult<Bound<'py, PyBytes>> {
    PyBytes::new_with(py, N * values.len(), |buf| {
        for (out, v) in buf.chunks_exact_mut(N).zip(values) {
            out.copy_from_slice(&bytes(*v));
        }
        Ok(())
    })
}

fn output(mut table: BatchTable, exact: bool) -> Output {
    let c = table.columns(if exact { NumberColumns::Text } else { NumberColumns::Float });
    // per error: its code's position in `Error::CODES` and its row
    let code_of = |e: &RowError| Error::CODES.iter().position(|c| *c == e.error.code()).map_or(-1, |k| k as i32);
    let by_error: Vec<(i32, i64)> = table.errors.iter().map(|e| (code_of(e), e.row.map_or(-1, |r| r as i64))).collect();
    let of_row = |e: i32| usize::try_from(e).ok().and_then(|e| by_error.get(e)).copied().unwrap_or((-1, -1));
    let (error_code, error_row): (Vec<i32>, Vec<i64>) = c.error.iter().map(|e| of_row(*e)).unzip();
    let errors = std::mem::take(&mut table.errors)
        .into_iter()
        .map(|e| {
            let field = e.error.details().field;
            (e.row, e.unit, e.target, e.error.code(), field, e.error.to_string())
        })
        .collect();
    Output {
        units: std::mem::take(&mut table.units),
        targets: std::mem::take(&mut table.targets),
        unit: c.unit,
        target: c.target,
        status: c.status,
        floats: c.floats,
        text_codes: c.text_codes,
        texts: c.texts,
        periods: c.periods.iter().map(|p| p.to_string()).collect(),
        period: c.value_period,
        aim: c.aim_reached,
        error_code,
        error_row,
        errors,
    }
}

fn threads_of(threads: Option<i64>) -> Result<usize, Failure> {
    match threads {
        None => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
        Some(t) if t >= 1 => Ok(usize::try_from(t).unwrap_or(usize::MAX).min(64)),
        Some(t) => Err(setting("threads", format!("must be 1 or more, got {t}"))),
    }
}

fn output_dict<'py>(py: Python<'py>, out: Output, timings: [f64; 3]) -> PyResult<Bound<'py, PyDict>> {
    let start = Instant::now();
    let d = PyDict::new(py);
    d.set_item("units", out.units)?;
    d.set_item("targets", out.targets)?;
    d.set_item("unit", le_bytes(py, &out.unit, u32::to_le_bytes)?)?;
    d.set_item("target", le_bytes(py, &out.target, u32::to_le_bytes)?)?;
    d.set_item("status", le_bytes(py, &out.status, i8::to_le_bytes)?)?;
    let numbers = PyDict::new(py);
    // one of the two lists is empty; each distinct text is made into a Python string once
    for (name, buf) in DECIMALS.iter().zip(&out.floats) {
        numbers.set_item(*name, le_bytes(py, buf, f64::to_le_bytes)?)?;
    }
    let texts: Vec<Bound<'py, PyString>> =
        (0..out.texts.len()).map(|i| PyString::new(py, out.texts.get(i).unwrap_or_default())).collect();
    for (name, codes) in DECIMALS.iter().zip(&out.text_codes) {
        let cells = codes.iter().map(|c| usize::try_from(*c).ok().and_then(|c| texts.get(c)));
        numbers.set_item(*name, PyList::new(py, cells)?)?;
    }
    d.set_item("numbers", numbers)?;
    d.set_item("periods", out.periods)?;
    d.set_item("value_period", le_bytes(py, &out.period, i32::to_le_bytes)?)?;
    d.set_item("aim_reached", le_bytes(py, &out.aim, i8::to_le_bytes)?)?;
    d.set_item("error_code", le_bytes(py, &out.error_code, i32::to_le_bytes)?)?;
    d.set_item("error_row", le_bytes(py, &out.error_row, i64::to_le_bytes)?)?;
    d.set_item("errors", out.errors)?;
    let [read, evaluate, table] = timings;
    let buffers = start.elapsed().as_secs_f64();
    d.set_item("timings", (read, evaluate, table + buffers))?;
    Ok(d)
}

/// Evaluate every target for every unit of a data frame given column by column (see the module docs for the
/// columns). `positions` (int64 bytes) picks the rows to read, `row_numbers` (int64 bytes, one per row) the row
/// reported for each; `numbers` is `"float"` (float64 buffers) or `"text"` (the exact decimals as text).
/// `blocks` (instead of `positions`: a list of blocks, each the rows of whole units as a range `(start, end)` or as
/// int64 positions, the blocks in the table's order of units) reads and judges one block at a time, with `threads`
/// runs of blocks side by side, and joins the tables (`batch::evaluate_blocks`): the same table, with one block's
/// figures in memory at once a thread; `progress(rows)` is called with each block's rows once it is judged.
/// Returns a dict of buffers and lists that the Python package turns into DataFrames.
#[pyfunction]
#[pyo3(signature = (catalogue, columns, options, threads=None, numbers="float", positions=None, row_numbers=None, blocks=None, progress=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn batch_columns<'py>(
    py: Python<'py>,
    catalogue: &Catalogue,
    columns: Vec<(String, String, Bound<'py, PyBytes>, Option<Vec<Option<String>>>)>,
    options: &Options,
    threads: Option<i64>,
    numbers: &str,
    positions: Option<Bound<'py, PyBytes>>,
    row_numbers: Option<Bound<'py, PyBytes>>,
    blocks: Option<Vec<BlockArg<'py>>>,
    progress: Option<Py<PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let exact = exact_of(py, numbers)?;
    let mut parts = Vec::with_capacity(columns.len());
    for (name, kind, data, texts) in &columns {
        let bytes = data.as_bytes();
        let col = match (kind.as_str(), texts) {
            ("codes", Some(t)) if bytes.len() % 4 == 0 => Col::Codes { codes: Codes::I32(bytes), texts: trimmed(t) },
            ("codes16", Some(t)) if bytes.len() % 2 == 0 => Col::Codes { codes: Codes::I16(bytes), texts: trimmed(t) },
            ("codes8", Some(t)) => Col::Codes { codes: Codes::I8(bytes), texts: trimmed(t) },
            ("float", None) if bytes.len() % 8 == 0 => Col::Float(bytes),
            ("int", None) if bytes.len() % 8 == 0 => Col::Int(bytes),
            _ => {
                return Err(crate::to_pyerr(py, syntax(format!("column {name:?}: not a column of kind {kind:?}"))));
            }
        };
        parts.push((name.clone(), col));
    }
    let positions = positions.as_ref().map(|p| Rows::Positions(p.as_bytes()));
    let row_numbers = row_numbers.as_ref().map(|p| p.as_bytes());
    let blocks: Option<Vec<Rows<'_>>> = blocks.as_ref().map(|b| b.iter().map(BlockArg::rows).collect());
    let (out, timings) = run(py, || {
        let threads = threads_of(threads)?;
        let start = Instant::now();
        let (cols, len) = check_columns(parts)?;
        let Some(blocks) = blocks else {
            let (figures, errors) = read_columns(&catalogue.inner, &cols, len, positions, row_numbers)?;
            drop(cols);
            let read = start.elapsed().as_secs_f64();
            return evaluate_output(catalogue, figures, errors, options, threads, exact, read);
        };
        if positions.is_some() {
            return Err(setting("blocks", "give the rows as positions or as blocks, not both".into()));
        }
        let count: usize = blocks
            .iter()
            .map(|b| match *b {
                Rows::Positions(p) => p.len() / 8,
                Rows::Range(a, b) => b.saturating_sub(a),
            })
            .sum();
        check_figure_count(count, count)?;
        // the time each worker spends reading its blocks and judging them, summed (the core calls `read` and then
        // `judged` for each block on the thread that judges it)
        thread_local!(static READ_DONE: std::cell::Cell<Option<Instant>> = const { std::cell::Cell::new(None) });
        let (read_ns, evaluate_ns) = (AtomicU64::new(0), AtomicU64::new(0));
        let nanos = |d: std::time::Duration| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        let progress_error: Mutex<Option<PyErr>> = Mutex::new(None);
        let setup = start.elapsed().as_secs_f64();
        let table = chitieu::batch::evaluate_blocks(
            &catalogue.inner,
            &options.inner,
            threads,
            &blocks,
            |block| {
                let start = Instant::now();
                let read = read_columns(&catalogue.inner, &cols, len, Some(*block), row_numbers);
                read_ns.fetch_add(nanos(start.elapsed()), Ordering::Relaxed);
                READ_DONE.with(|t| t.set(Some(Instant::now())));
                read
            },
            |k| {
                if let Some(t) = READ_DONE.with(|t| t.take()) {
                    evaluate_ns.fetch_add(nanos(t.elapsed()), Ordering::Relaxed);
                }
                if let Some(bar) = &progress {
                    let rows = match blocks[k] {
                        Rows::Positions(p) => p.len() / 8,
                        Rows::Range(a, b) => b.saturating_sub(a),
                    };
                    if let Err(e) = Python::attach(|py| bar.call1(py, (rows,)).map(drop)) {
                        if let Ok(mut first) = progress_error.lock() {
                            first.get_or_insert(e);
                        }
                    }
                }
            },
        )?;
        // a progress callback that raised: its error, after the work (the table is not returned half-shown)
        if let Some(e) = progress_error.into_inner().ok().flatten() {
            return Err(Failure::Py(e));
        }
        let read = setup + read_ns.into_inner() as f64 / 1e9;
        let evaluate = evaluate_ns.into_inner() as f64 / 1e9;
        let start = Instant::now();
        let out = output(table, exact);
        Ok((out, [read, evaluate, start.elapsed().as_secs_f64()]))
    })?;
    output_dict(py, out, timings)
}

fn exact_of(py: Python<'_>, numbers: &str) -> PyResult<bool> {
    match numbers {
        "float" => Ok(false),
        "text" => Ok(true),
        other => Err(crate::to_pyerr(py, setting("numbers", format!("must be \"float\" or \"text\", not {other:?}")))),
    }
}

fn evaluate_output(
    catalogue: &Catalogue,
    figures: chitieu::Figures,
    errors: Vec<RowError>,
    options: &Options,
    threads: usize,
    exact: bool,
    read: f64,
) -> Result<(Output, [f64; 3]), Failure> {
    let start = Instant::now();
    let table = chitieu::batch::evaluate_threads(&catalogue.inner, &figures, errors, &options.inner, threads)?;
    drop(figures);
    let evaluate = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let out = output(table, exact);
    Ok((out, [read, evaluate, start.elapsed().as_secs_f64()]))
}

/// [`batch_columns`] for CSV text (the long format; the header is row 1) or JSON text (an array of figures, or
/// `{"figures": [...]}`; rows from 1), read leniently by the core (`batch::read_text`).
#[pyfunction]
#[pyo3(signature = (catalogue, text, options, threads=None, numbers="float", decimal_comma=false))]
pub(crate) fn batch_csv<'py>(
    py: Python<'py>,
    catalogue: &Catalogue,
    text: &str,
    options: &Options,
    threads: Option<i64>,
    numbers: &str,
    decimal_comma: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let exact = exact_of(py, numbers)?;
    let (out, timings) = run(py, || {
        let threads = threads_of(threads)?;
        let start = Instant::now();
        let read = chitieu::ReadOptions::default().decimal_comma(decimal_comma);
        let (figures, errors) = chitieu::batch::read_text(&catalogue.inner, text, 1, &read)?;
        let read = start.elapsed().as_secs_f64();
        evaluate_output(catalogue, figures, errors, options, threads, exact, read)
    })?;
    output_dict(py, out, timings)
}

/// The core's synthetic national figures (`chitieu::synthetic`) as columns: `unit`, `indicator`, `period`, `done`,
/// `completed` and `entity` as codes and categories, the numbers as float64 buffers (`numbers="float"`; a planted
/// text that is not a number, which a float column cannot hold, is +infinity there, refused with the same code)
/// or as their text (`numbers="text"`, exactly as the core wrote them). Also the planted bad rows (rows counted
/// from 1 at the first figure, as in a DataFrame) and the counts.
#[pyfunction]
#[pyo3(signature = (catalogue, seed=1, units=3321, missing_per_mille=20, bad_unit_per_mille=5, numbers="float"))]
pub(crate) fn synthetic_columns<'py>(
    py: Python<'py>,
    catalogue: &Catalogue,
    seed: u64,
    units: usize,
    missing_per_mille: u32,
    bad_unit_per_mille: u32,
    numbers: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let exact = exact_of(py, numbers)?;
    type Columns = (Vec<(Vec<u8>, Vec<String>)>, Vec<Vec<u8>>, Vec<Vec<Option<String>>>, chitieu::synthetic::Planted);
    let (codes, floats, texts, planted): Columns = run(py, || {
        if missing_per_mille > 1000 || bad_unit_per_mille > 1000 {
            return Err(setting("missing_per_mille", "per mille values are 0-1000".into()));
        }
        if units > 1_000_000 {
            return Err(setting("units", format!("at most 1,000,000 units, not {units}")));
        }
        let opts = chitieu::synthetic::Synthetic { seed, units, missing_per_mille, bad_unit_per_mille };
        let (text, planted) = chitieu::synthetic::to_csv_string(&catalogue.inner, &opts);
        let mut rdr = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
        let header: Vec<String> =
            rdr.headers().map_err(|e| Failure::Panic(e.to_string()))?.iter().map(str::to_string).collect();
        if header.join(",") != chitieu::synthetic::HEADER {
            return Err(Failure::Panic(format!("unexpected synthetic header {header:?}")));
        }
        let number_slots: Vec<usize> = header
            .iter()
            .enumerate()
            .filter(|(_, h)| NUMBERS.iter().any(|k| FIELDS[*k] == *h))
            .map(|(i, _)| i)
            .collect();
        let mut codes: Vec<(Vec<u8>, Vec<String>)> = vec![(Vec::new(), Vec::new()); header.len()];
        let mut index: Vec<HashMap<String, i32>> = vec![HashMap::new(); header.len()];
        let mut floats: Vec<Vec<u8>> = vec![Vec::new(); header.len()];
        let mut texts: Vec<Vec<Option<String>>> = vec![Vec::new(); header.len()];
        let mut rec = csv::StringRecord::new();
        while rdr.read_record(&mut rec).map_err(|e| Failure::Panic(e.to_string()))? {
            for (slot, cell) in rec.iter().enumerate() {
                if number_slots.contains(&slot) {
                    if exact {
                        texts[slot].push(if cell.is_empty() { None } else { Some(cell.to_string()) });
                    } else {
                        let x = if cell.is_empty() { f64::NAN } else { cell.parse::<f64>().unwrap_or(f64::INFINITY) };
                        floats[slot].extend_from_slice(&x.to_le_bytes());
                    }
                } else {
                    let code = if cell.is_empty() {
                        -1
                    } else {
                        let (_, cats) = &mut codes[slot];
                        let next = cats.len() as i32;
                        *index[slot].entry(cell.to_string()).or_insert_with(|| {
                            cats.push(cell.to_string());
                            next
                        })
                    };
                    codes[slot].0.extend_from_slice(&code.to_le_bytes());
                }
            }
        }
        Ok((codes, floats, texts, planted))
    })?;
    let d = PyDict::new(py);
    let cols = PyList::empty(py);
    let header: Vec<&str> = chitieu::synthetic::HEADER.split(',').collect();
    for (slot, name) in header.iter().enumerate() {
        if NUMBERS.iter().any(|k| FIELDS[*k] == *name) {
            if exact {
                cols.append((*name, "text", PyList::new(py, &texts[slot])?))?;
            } else {
                cols.append((*name, "float", PyBytes::new(py, &floats[slot])))?;
            }
        } else {
            let (buf, cats) = &codes[slot];
            cols.append((*name, "codes", PyBytes::new(py, buf), cats.clone()))?;
        }
    }
    d.set_item("columns", cols)?;
    let bad: Vec<(usize, Option<usize>, String, String, &str)> = planted
        .bad
        .iter()
        .map(|b| (b.row - 1, b.other_row.map(|r| r - 1), b.unit.clone(), b.indicator.clone(), b.code))
        .collect();
    d.set_item("bad", bad)?;
    d.set_item("rows", planted.rows)?;
    d.set_item("missing", planted.missing)?;
    d.set_item("units", planted.units)?;
    Ok(d)
}
