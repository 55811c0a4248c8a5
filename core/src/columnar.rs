//! Columnar files (feature `columnar`): figures in from Apache Parquet and Arrow IPC files, and the batch table of
//! verdicts ([`crate::batch`]) out to them, so that a national run can skip text.
//!
//! **Figures in** ([`read_figures`], leniently; [`figures_from_bytes`], strictly; the format told by [`detect`]): the long
//! format, the same columns as the CSV file ([`crate::figures::FIELDS`]), matched by name as the CSV header is
//! (case and spaces around ignored), with the same errors for an unknown, a repeated or a missing `indicator`
//! column (`figures_syntax` at row 1). Every cell means what its text would mean in a CSV file, read by the same
//! readers with the same errors; a column may hold:
//!
//! | type | fields | read as |
//! | --- | --- | --- |
//! | Utf8, LargeUtf8, Utf8View, a dictionary of these | any | the text, by the CSV rules |
//! | Decimal128, Decimal256 | the numbers (`value`, `numerator`, `denominator`, `growth`) | exactly (the text it prints: beyond 28 digits it is refused as in CSV) |
//! | Int8 ... Int64, UInt8 ... UInt64 | the numbers, `period` (a year) | the whole number |
//! | Float32, Float64 | the numbers | the shortest decimal that reads back as the same float ([`crate::decimal_from_f64`], as the Python wrapper reads a float column; a Float32 by its own shortest decimal); NaN and infinities are refused (`not_a_number`) |
//! | Boolean | `done` | yes / no |
//! | Date32, Date64, Timestamp (no time zone, or UTC) | `completed` | the day; a time of day other than midnight is refused (`invalid_period`, the text `YYYY-MM-DDTHH:MM:SS`) |
//! | Null | any | empty cells |
//!
//! Any other type is a `figures_syntax` error at row 1 naming the column, its type and the types read for it.
//! A null cell is an empty one; a row whose cells are all empty holds no figure (a blank CSV line).
//!
//! **Row numbers**: data row `i` (counted from 0 over all the row groups or record batches) is row `i + 2`, as if
//! the table were written as CSV with its header on row 1: the same table read from Parquet, Arrow or CSV gives
//! the same figures and the same bad rows with the same row numbers (a property test checks it). The lenient
//! readers set [`Figures::read_rows`], so [`crate::batch::account_rows`] accounts for every row.
//!
//! **Verdicts out** ([`batch_to_parquet`], [`batch_to_ipc`], [`batch_record_batch`]): the columns of
//! [`crate::batch::CSV_HEADER`], in its order: `unit`, `target`, `status`, `value_period` and `error_code` as
//! dictionary-encoded Utf8, the decimal columns ([`crate::batch::DECIMAL_COLUMNS`]) as `Decimal128(38, s)` with
//! `s` the column's largest scale (exact), `aim_reached` Boolean, `error_row` Int64; an absent cell is null. A
//! decimal column holding a value that `Decimal128(38, s)` cannot represent (more than 38 digits once every value
//! has `s` decimals) is written as its exact text (Utf8) instead; the schema's metadata says which
//! (`chitieu.decimal`: a JSON object from each decimal column to `"decimal128"` or `"text"`; the field's own
//! metadata says the same). The schema's metadata `format` is `chitieu.batch/1`, as in the JSON table. Parquet
//! pages are compressed with Snappy (the one codec built in; files compressed otherwise cannot be read).

use crate::batch::{BatchTable, DECIMAL_COLUMNS};
use crate::error::{limits, Error, Result};
use crate::figures::{
    check_figure_count, header_key, parse_decimal, parse_done, Fields, Figures, FiguresBuilder, RowError, FIELDS,
};
use crate::model::Catalogue;
use crate::period::{Date, Period};
use crate::status::Status;
use arrow_array::cast::AsArray;
use arrow_array::types::{
    self, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Decimal128Array, DictionaryArray, Int64Array, RecordBatch, StringArray,
};
use arrow_buffer::ArrowNativeType;
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef, TimeUnit};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Arc;

/// The kinds of columnar file, told by their first bytes ([`detect`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Apache Parquet (starts with `PAR1`).
    Parquet,
    /// Arrow IPC file format (`.arrow`, Feather 2; starts with `ARROW1`).
    ArrowFile,
    /// Arrow IPC stream format (starts with a continuation marker `FF FF FF FF`, or an older stream's message
    /// length).
    ArrowStream,
}

/// The columnar format of `bytes` by their magic bytes, `None` when they are neither Parquet nor Arrow IPC.
/// (An Arrow stream is recognised by its continuation marker only.)
pub fn detect(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(b"PAR1") {
        Some(Format::Parquet)
    } else if bytes.starts_with(b"ARROW1") {
        Some(Format::ArrowFile)
    } else if bytes.starts_with(&[0xFF, 0xFF, 0xFF, 0xFF]) {
        Some(Format::ArrowStream)
    } else {
        None
    }
}

/// The error for a file that cannot be read as a whole (row 0: the input as a whole).
fn unreadable(what: &str, e: impl std::fmt::Display) -> Error {
    Error::FiguresSyntax { row: 0, message: format!("not a readable {what} file: {e}") }
}

/// Read figures leniently from a Parquet or Arrow IPC file (told by [`detect`]): the figures, and the bad rows
/// with their row (data row `i` is row `i + 2`) and unit, as [`crate::batch::read_csv`] reads CSV. Only a problem
/// with the whole file (not Parquet nor Arrow, unreadable, a column unknown or of a type not read) is an `Err`.
pub fn read_figures(catalogue: &Catalogue, bytes: &[u8]) -> Result<(Figures, Vec<RowError>)> {
    if bytes.len() > limits::MAX_FIGURES_BYTES {
        return Err(Error::LimitExceeded {
            what: format!("figure file of {} bytes", bytes.len()),
            limit: format!("{} bytes", limits::MAX_FIGURES_BYTES),
            at: String::new(),
            row: None,
            field: None,
        });
    }
    match detect(bytes) {
        Some(Format::Parquet) => read_parquet(catalogue, bytes),
        Some(Format::ArrowFile) | Some(Format::ArrowStream) => read_ipc(catalogue, bytes),
        None => Err(Error::FiguresSyntax {
            row: 0,
            message: "neither a Parquet file (PAR1) nor an Arrow IPC file or stream (ARROW1)".into(),
        }),
    }
}

/// Read figures strictly from a Parquet or Arrow IPC file: the figures, or the first error in row order (what
/// [`Figures::from_csv`] gives for the same table as CSV).
pub fn figures_from_bytes(catalogue: &Catalogue, bytes: &[u8]) -> Result<Figures> {
    let (figures, errors) = read_figures(catalogue, bytes)?;
    match errors.into_iter().next() {
        Some(e) => Err(e.error),
        None => Ok(figures),
    }
}

/// Rows a record batch when reading.
const BATCH_ROWS: usize = 64 * 1024;

/// [`read_figures`] for a Parquet file.
fn read_parquet(catalogue: &Catalogue, bytes: &[u8]) -> Result<(Figures, Vec<RowError>)> {
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let what = "Parquet";
    let data = bytes::Bytes::copy_from_slice(bytes);
    let builder = ParquetRecordBatchReaderBuilder::try_new(data.clone()).map_err(|e| unreadable(what, e))?;
    let rows = usize::try_from(builder.metadata().file_metadata().num_rows()).unwrap_or(usize::MAX);
    let schema = builder.schema().clone();
    // the limit on figures before anything is decoded
    check_figure_count(rows, rows.saturating_add(1))?;
    // text columns asked for as dictionaries (what a Parquet writer stores them as, usually): each distinct text
    // is then read once, and decoded without a copy a row
    let as_dictionary = |t: &DataType| match t {
        DataType::Utf8 | DataType::LargeUtf8 => {
            Some(DataType::Dictionary(Box::new(DataType::Int32), Box::new(t.clone())))
        }
        _ => None,
    };
    let builder = if schema.fields().iter().any(|f| as_dictionary(f.data_type()).is_some()) {
        let fields: Vec<Field> = schema
            .fields()
            .iter()
            .map(|f| match as_dictionary(f.data_type()) {
                Some(t) => f.as_ref().clone().with_data_type(t),
                None => f.as_ref().clone(),
            })
            .collect();
        let hinted = Arc::new(Schema::new_with_metadata(fields, schema.metadata().clone()));
        let options = parquet::arrow::arrow_reader::ArrowReaderOptions::new().with_schema(hinted);
        // a file the hint does not suit is read as it is
        ParquetRecordBatchReaderBuilder::try_new_with_options(data, options).unwrap_or(builder)
    } else {
        builder
    };
    let reader = builder.with_batch_size(BATCH_ROWS).build().map_err(|e| unreadable(what, e))?;
    read_batches(catalogue, &schema, rows, reader, what)
}

/// [`read_figures`] for an Arrow IPC file or stream.
fn read_ipc(catalogue: &Catalogue, bytes: &[u8]) -> Result<(Figures, Vec<RowError>)> {
    use arrow_ipc::reader::{FileReader, StreamReader};
    let cursor = std::io::Cursor::new(bytes);
    if bytes.starts_with(b"ARROW1") {
        let what = "Arrow IPC";
        let reader = FileReader::try_new(cursor, None).map_err(|e| unreadable(what, e))?;
        let schema = reader.schema();
        read_batches(catalogue, &schema, 0, reader, what)
    } else {
        let what = "Arrow IPC stream";
        let reader = StreamReader::try_new(cursor, None).map_err(|e| unreadable(what, e))?;
        let schema = reader.schema();
        read_batches(catalogue, &schema, 0, reader, what)
    }
}

/// What a column may hold for a field.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Name,
    Period,
    Number,
    Done,
    Completed,
}

fn kind(field: usize) -> Kind {
    match FIELDS[field] {
        "period" => Kind::Period,
        "value" | "numerator" | "denominator" | "growth" => Kind::Number,
        "done" => Kind::Done,
        "completed" => Kind::Completed,
        _ => Kind::Name,
    }
}

fn is_text(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

fn is_integer(t: &DataType) -> bool {
    t.is_integer()
}

/// Whether a column of type `t` is read for a field of kind `k`.
fn accepted(t: &DataType, k: Kind) -> bool {
    match t {
        DataType::Null => true,
        t if is_text(t) => true,
        DataType::Dictionary(key, value) => is_integer(key) && is_text(value),
        DataType::Decimal128(..) | DataType::Decimal256(..) | DataType::Float32 | DataType::Float64 => {
            k == Kind::Number
        }
        t if is_integer(t) => matches!(k, Kind::Number | Kind::Period),
        DataType::Boolean => k == Kind::Done,
        DataType::Date32 | DataType::Date64 => k == Kind::Completed,
        DataType::Timestamp(_, tz) => {
            k == Kind::Completed && tz.as_deref().map_or(true, |z| matches!(z, "UTC" | "+00:00" | "Z" | "Etc/UTC"))
        }
        _ => false,
    }
}

fn accepted_list(k: Kind) -> &'static str {
    match k {
        Kind::Name => "text (Utf8, LargeUtf8, Utf8View, a dictionary of text) or Null",
        Kind::Period => "text, an integer (a year) or Null",
        Kind::Number => "text, Decimal128, Decimal256, an integer, Float32, Float64 or Null",
        Kind::Done => "text, Boolean or Null",
        Kind::Completed => "text, Date32, Date64, Timestamp (no time zone or UTC) or Null",
    }
}

/// Find each field's column, checked as the CSV header is (row 1).
fn columns_of(schema: &Schema) -> Result<[Option<usize>; 11]> {
    let mut slots: [Option<usize>; 11] = [None; 11];
    for (c, f) in schema.fields().iter().enumerate() {
        let key = header_key(f.name());
        let Some(slot) = FIELDS.iter().position(|n| *n == key) else {
            return Err(Error::FiguresSyntax {
                row: 1,
                message: format!("unknown column {key:?} (known: {})", FIELDS.join(", ")),
            });
        };
        if slots[slot].is_some() {
            return Err(Error::FiguresSyntax { row: 1, message: format!("column {key:?} appears twice") });
        }
        slots[slot] = Some(c);
    }
    if slots[INDICATOR].is_none() {
        return Err(Error::FiguresSyntax { row: 1, message: "no \"indicator\" column".into() });
    }
    for (slot, c) in slots.iter().enumerate() {
        if let Some(c) = c {
            let f = schema.field(*c);
            let k = kind(slot);
            if !accepted(f.data_type(), k) {
                return Err(Error::FiguresSyntax {
                    row: 1,
                    message: format!(
                        "column {:?} is of type {}, which is not read for the field {:?}: {} is",
                        f.name(),
                        f.data_type(),
                        FIELDS[slot],
                        accepted_list(k)
                    ),
                });
            }
        }
    }
    Ok(slots)
}

use crate::figures::field::{COMPLETED, DONE, ENTITY, INDICATOR, NOTE, NUMBERS, PERIOD, UNIT};

/// A column of one record batch, ready to read cell by cell.
enum Col<'a> {
    Absent,
    Text(Texts<'a>),
    /// A dictionary: the key of each row (`None`: null) into `values`.
    Dict {
        keys: Vec<Option<u32>>,
        values: Texts<'a>,
    },
    Dec128(&'a Decimal128Array, i8),
    Dec256(&'a arrow_array::Decimal256Array, i8),
    Int(Ints<'a>),
    F32(&'a arrow_array::Float32Array),
    F64(&'a arrow_array::Float64Array),
    Bool(&'a BooleanArray),
    /// Days since 1970-01-01.
    Date32(&'a arrow_array::Date32Array),
    /// A count of `per_day` parts of a day since 1970-01-01 (Date64: milliseconds; timestamps).
    Time(Int64Array, i64),
}

enum Texts<'a> {
    Utf8(&'a arrow_array::StringArray),
    Large(&'a arrow_array::LargeStringArray),
    View(&'a arrow_array::StringViewArray),
}

impl Texts<'_> {
    #[inline]
    fn get(&self, i: usize) -> Option<&str> {
        match self {
            Texts::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            Texts::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Texts::View(a) => a.is_valid(i).then(|| a.value(i)),
        }
    }

    fn len(&self) -> usize {
        match self {
            Texts::Utf8(a) => a.len(),
            Texts::Large(a) => a.len(),
            Texts::View(a) => a.len(),
        }
    }
}

enum Ints<'a> {
    I8(&'a arrow_array::Int8Array),
    I16(&'a arrow_array::Int16Array),
    I32(&'a arrow_array::Int32Array),
    I64(&'a arrow_array::Int64Array),
    U8(&'a arrow_array::UInt8Array),
    U16(&'a arrow_array::UInt16Array),
    U32(&'a arrow_array::UInt32Array),
    U64(&'a arrow_array::UInt64Array),
}

impl Ints<'_> {
    #[inline]
    fn get(&self, i: usize) -> Option<i128> {
        macro_rules! at {
            ($a:expr) => {
                $a.is_valid(i).then(|| i128::from($a.value(i)))
            };
        }
        match self {
            Ints::I8(a) => at!(a),
            Ints::I16(a) => at!(a),
            Ints::I32(a) => at!(a),
            Ints::I64(a) => at!(a),
            Ints::U8(a) => at!(a),
            Ints::U16(a) => at!(a),
            Ints::U32(a) => at!(a),
            Ints::U64(a) => at!(a),
        }
    }
}

fn texts(a: &dyn Array) -> Option<Texts<'_>> {
    match a.data_type() {
        DataType::Utf8 => Some(Texts::Utf8(a.as_string::<i32>())),
        DataType::LargeUtf8 => Some(Texts::Large(a.as_string::<i64>())),
        DataType::Utf8View => Some(Texts::View(a.as_string_view())),
        _ => None,
    }
}

fn dict_keys<K: arrow_array::types::ArrowDictionaryKeyType>(a: &dyn Array) -> (Vec<Option<u32>>, &ArrayRef) {
    let d: &DictionaryArray<K> = a.as_dictionary::<K>();
    // (a negative key, which Arrow refuses when it validates an array, would read as an empty cell)
    let keys = d.keys().iter().map(|k| k.and_then(|k| k.to_usize()).and_then(|k| u32::try_from(k).ok())).collect();
    (keys, d.values())
}

fn col_of<'a>(a: &'a ArrayRef) -> Col<'a> {
    let a: &dyn Array = a.as_ref();
    match a.data_type() {
        DataType::Null => Col::Absent,
        t if is_text(t) => texts(a).map_or(Col::Absent, Col::Text),
        DataType::Dictionary(key, _) => {
            let (keys, values) = match key.as_ref() {
                DataType::Int8 => dict_keys::<Int8Type>(a),
                DataType::Int16 => dict_keys::<Int16Type>(a),
                DataType::Int32 => dict_keys::<Int32Type>(a),
                DataType::Int64 => dict_keys::<Int64Type>(a),
                DataType::UInt8 => dict_keys::<UInt8Type>(a),
                DataType::UInt16 => dict_keys::<UInt16Type>(a),
                DataType::UInt32 => dict_keys::<UInt32Type>(a),
                _ => dict_keys::<UInt64Type>(a),
            };
            match texts(values.as_ref()) {
                Some(values) => Col::Dict { keys, values },
                None => Col::Absent,
            }
        }
        DataType::Decimal128(_, s) => Col::Dec128(a.as_primitive(), *s),
        DataType::Decimal256(_, s) => Col::Dec256(a.as_primitive(), *s),
        DataType::Int8 => Col::Int(Ints::I8(a.as_primitive())),
        DataType::Int16 => Col::Int(Ints::I16(a.as_primitive())),
        DataType::Int32 => Col::Int(Ints::I32(a.as_primitive())),
        DataType::Int64 => Col::Int(Ints::I64(a.as_primitive())),
        DataType::UInt8 => Col::Int(Ints::U8(a.as_primitive())),
        DataType::UInt16 => Col::Int(Ints::U16(a.as_primitive())),
        DataType::UInt32 => Col::Int(Ints::U32(a.as_primitive())),
        DataType::UInt64 => Col::Int(Ints::U64(a.as_primitive())),
        DataType::Float32 => Col::F32(a.as_primitive()),
        DataType::Float64 => Col::F64(a.as_primitive()),
        DataType::Boolean => Col::Bool(a.as_boolean()),
        DataType::Date32 => Col::Date32(a.as_primitive()),
        DataType::Date64 => {
            Col::Time(a.as_primitive::<arrow_array::types::Date64Type>().reinterpret_cast::<Int64Type>(), 86_400_000)
        }
        DataType::Timestamp(unit, _) => {
            let per_day = match unit {
                TimeUnit::Second => 86_400,
                TimeUnit::Millisecond => 86_400_000,
                TimeUnit::Microsecond => 86_400_000_000,
                TimeUnit::Nanosecond => 86_400_000_000_000,
            };
            let ints = match unit {
                TimeUnit::Second => a.as_primitive::<types::TimestampSecondType>().reinterpret_cast::<Int64Type>(),
                TimeUnit::Millisecond => a.as_primitive::<types::TimestampMillisecondType>().reinterpret_cast(),
                TimeUnit::Microsecond => a.as_primitive::<types::TimestampMicrosecondType>().reinterpret_cast(),
                TimeUnit::Nanosecond => a.as_primitive::<types::TimestampNanosecondType>().reinterpret_cast(),
            };
            Col::Time(ints, per_day)
        }
        _ => Col::Absent, // refused before (columns_of)
    }
}

/// One cell.
#[derive(Clone, Copy)]
enum Cell<'a> {
    Empty,
    /// Text as written (not trimmed), and its dictionary key.
    Text(&'a str, Option<u32>),
    Dec(i128, i8),
    /// A Decimal256 (its array and row: the cell stays small).
    Dec256(&'a arrow_array::Decimal256Array, usize, i8),
    Int(i128),
    F32(f32),
    F64(f64),
    Bool(bool),
    /// Days since 1970-01-01, and the part of the day (in `per day`) when not midnight.
    Day(i64, i64, i64),
}

impl Col<'_> {
    #[inline]
    fn cell(&self, i: usize) -> Cell<'_> {
        match self {
            Col::Absent => Cell::Empty,
            Col::Text(t) => t.get(i).map_or(Cell::Empty, |s| Cell::Text(s, None)),
            Col::Dict { keys, values } => match keys[i] {
                // a key outside the dictionary cannot come from a validated array: read as an empty cell
                Some(k) if (k as usize) < values.len() => {
                    values.get(k as usize).map_or(Cell::Empty, |s| Cell::Text(s, Some(k)))
                }
                _ => Cell::Empty,
            },
            Col::Dec128(a, s) => {
                if a.is_valid(i) {
                    Cell::Dec(a.value(i), *s)
                } else {
                    Cell::Empty
                }
            }
            Col::Dec256(a, s) => {
                if a.is_valid(i) {
                    Cell::Dec256(a, i, *s)
                } else {
                    Cell::Empty
                }
            }
            Col::Int(a) => a.get(i).map_or(Cell::Empty, Cell::Int),
            Col::F32(a) => {
                if a.is_valid(i) {
                    Cell::F32(a.value(i))
                } else {
                    Cell::Empty
                }
            }
            Col::F64(a) => {
                if a.is_valid(i) {
                    Cell::F64(a.value(i))
                } else {
                    Cell::Empty
                }
            }
            Col::Bool(a) => {
                if a.is_valid(i) {
                    Cell::Bool(a.value(i))
                } else {
                    Cell::Empty
                }
            }
            Col::Date32(a) => {
                if a.is_valid(i) {
                    Cell::Day(i64::from(a.value(i)), 0, 1)
                } else {
                    Cell::Empty
                }
            }
            Col::Time(a, per_day) => match a.is_valid(i) {
                true => {
                    let v = a.value(i);
                    Cell::Day(v.div_euclid(*per_day), v.rem_euclid(*per_day), *per_day)
                }
                false => Cell::Empty,
            },
        }
    }

    /// How many distinct texts a dictionary column holds (0 for the others).
    fn distinct(&self) -> usize {
        match self {
            Col::Dict { values, .. } => values.len(),
            _ => 0,
        }
    }
}

impl Cell<'_> {
    /// Whether the cell is empty as a CSV field is: nothing, or only spaces.
    #[inline]
    fn is_blank(self) -> bool {
        match self {
            Cell::Empty => true,
            // the usual cell starts with a character that is not a space
            Cell::Text(s, _) => s.as_bytes().first().map_or(true, |c| *c <= b' ' || *c >= 0x80) && s.trim().is_empty(),
            _ => false,
        }
    }
}

/// The text a cell stands for: a text cell as written; a number, yes/no or date as a CSV file would hold it
/// (the decimal with its scale, the whole number, the float's shortest decimal, `true`/`false`, `YYYY-MM-DD`).
fn text_of(c: Cell<'_>) -> Option<Cow<'_, str>> {
    Some(match c {
        Cell::Empty => return None,
        Cell::Text(s, _) => Cow::Borrowed(s),
        Cell::Dec(m, s) => Cow::Owned(scaled(m.to_string(), s)),
        Cell::Dec256(a, i, s) => Cow::Owned(scaled(a.value(i).to_string(), s)),
        Cell::Int(v) => Cow::Owned(v.to_string()),
        Cell::F32(x) => Cow::Owned(x.to_string()),
        // the decimal the float reads as (a negative zero is zero), its own text when it reads as none
        Cell::F64(x) => Cow::Owned(crate::decimal_from_f64(x).map_or_else(|| x.to_string(), |d| d.to_string())),
        Cell::Bool(b) => Cow::Borrowed(if b { "true" } else { "false" }),
        Cell::Day(days, part, per_day) => Cow::Owned(day_text(days, part, per_day)),
    })
}

/// A decimal's text from its unscaled digits (with a sign) and its scale (negative: zeros appended).
fn scaled(digits: String, scale: i8) -> String {
    let (sign, digits) = match digits.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", digits.as_str()),
    };
    if scale <= 0 {
        if digits == "0" {
            return format!("{sign}0");
        }
        return format!("{sign}{digits}{}", "0".repeat(usize::from(scale.unsigned_abs())));
    }
    let s = scale as usize;
    let padded =
        if digits.len() <= s { format!("{}{digits}", "0".repeat(s + 1 - digits.len())) } else { digits.into() };
    let (int, frac) = padded.split_at(padded.len() - s);
    format!("{sign}{int}.{frac}")
}

/// `YYYY-MM-DD`, and `THH:MM:SS` (with the fraction of a second) when the time of day is not midnight.
fn day_text(days: i64, part: i64, per_day: i64) -> String {
    let (y, m, d) = crate::period::civil_from_days(days);
    let mut out = if y < 0 { format!("-{:04}-{m:02}-{d:02}", -y) } else { format!("{y:04}-{m:02}-{d:02}") };
    if part != 0 {
        let per_second = per_day / 86_400;
        let (seconds, fraction) = (part / per_second, part % per_second);
        let (h, mi, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        out.push_str(&format!("T{h:02}:{mi:02}:{s:02}"));
        if fraction != 0 {
            let width = per_second.to_string().len() - 1;
            out.push_str(&format!(".{fraction:0width$}"));
        }
    }
    out
}

/// A cell read for a field, as far as the quick path goes: empty, read, or to be read by the CSV rules from its
/// text (a problem, or a form the quick path leaves to the full readers).
#[derive(Clone, Copy)]
enum Read<T> {
    Empty,
    Ok(T),
    Slow,
}

/// A text cell trimmed as the CSV reader trims it; `Slow` when it may be too long for its field.
#[inline]
fn trimmed(s: &str, max: usize) -> Read<&str> {
    if s.len() > max {
        return Read::Slow;
    }
    match s.trim() {
        "" => Read::Empty,
        t => Read::Ok(t),
    }
}

#[inline]
fn name(c: Cell<'_>, max: usize) -> Read<&str> {
    match c {
        Cell::Empty => Read::Empty,
        Cell::Text(s, _) => trimmed(s, max),
        _ => Read::Slow,
    }
}

const BELOW_28_DIGITS: i128 = 10_000_000_000_000_000_000_000_000_000;

fn number(c: Cell<'_>) -> Read<Decimal> {
    let ok = |d: Option<Decimal>| d.map_or(Read::Slow, Read::Ok);
    match c {
        Cell::Empty => Read::Empty,
        Cell::Text(s, _) => match trimmed(s, limits::MAX_NAME_CHARS) {
            Read::Ok(t) => ok(parse_decimal(t)),
            other => other.map_none(),
        },
        Cell::Dec(m, s) if (0..=28).contains(&s) && m.unsigned_abs() < BELOW_28_DIGITS as u128 => {
            ok(Decimal::try_from_i128_with_scale(m, s as u32).ok())
        }
        Cell::Dec256(a, i, s) => match a.value(i).to_i128() {
            Some(m) => number(Cell::Dec(m, s)),
            None => Read::Slow,
        },
        Cell::Int(v) if v.unsigned_abs() < 1_000_000_000_000_000_000 => Read::Ok(Decimal::from(v as i64)),
        Cell::F64(x) => ok(crate::decimal_from_f64(x)),
        Cell::F32(x) if x.is_finite() => ok(parse_decimal(&x.to_string())),
        _ => Read::Slow,
    }
}

impl<T> Read<T> {
    /// An `Empty` or `Slow` of another type.
    fn map_none<U>(self) -> Read<U> {
        match self {
            Read::Empty => Read::Empty,
            _ => Read::Slow,
        }
    }
}

fn period(c: Cell<'_>) -> Read<Period> {
    match c {
        Cell::Empty => Read::Empty,
        Cell::Text(s, _) => match trimmed(s, limits::MAX_NAME_CHARS) {
            Read::Ok(t) => {
                if let [a, b, c, d] = *t.as_bytes() {
                    if [a, b, c, d].iter().all(u8::is_ascii_digit) {
                        let y = [a, b, c, d].iter().fold(0i32, |y, c| y * 10 + i32::from(c - b'0'));
                        if y >= 1 {
                            return Read::Ok(Period::Year(y));
                        }
                    }
                }
                Period::from_str(t).map_or(Read::Slow, Read::Ok)
            }
            other => other.map_none(),
        },
        Cell::Int(y) if (1000..=9999).contains(&y) => Read::Ok(Period::Year(y as i32)),
        _ => Read::Slow,
    }
}

fn done(c: Cell<'_>) -> Read<bool> {
    match c {
        Cell::Empty => Read::Empty,
        Cell::Bool(b) => Read::Ok(b),
        Cell::Text(s, _) => match trimmed(s, limits::MAX_NAME_CHARS) {
            Read::Ok(t) => parse_done(t).map_or(Read::Slow, Read::Ok),
            other => other.map_none(),
        },
        _ => Read::Slow,
    }
}

fn completed(c: Cell<'_>) -> Read<Date> {
    match c {
        Cell::Empty => Read::Empty,
        Cell::Text(s, _) => match trimmed(s, limits::MAX_NAME_CHARS) {
            Read::Ok(t) => Date::from_str(t).map_or(Read::Slow, Read::Ok),
            other => other.map_none(),
        },
        Cell::Day(days, 0, _) => Date::from_str(&day_text(days, 0, 1)).map_or(Read::Slow, Read::Ok),
        _ => Read::Slow,
    }
}

/// What each distinct text of a dictionary column reads as, found the first time a row uses it.
struct Memo<T> {
    by_key: Vec<Option<Read<T>>>,
}

impl<T: Copy> Memo<T> {
    /// A memo for a column of `rows` rows: none when its dictionary is larger than half the rows (the texts of
    /// a number column are mostly distinct: each is read as it comes rather than a large table cleared a batch).
    fn new(col: &Col, rows: usize) -> Memo<T> {
        let distinct = col.distinct();
        Memo { by_key: if distinct <= rows / 2 { vec![None; distinct] } else { Vec::new() } }
    }

    #[inline]
    fn read<'a>(&mut self, c: Cell<'a>, f: impl Fn(Cell<'a>) -> Read<T>) -> Read<T> {
        match c {
            Cell::Text(_, Some(k)) => match self.by_key.get_mut(k as usize) {
                Some(slot) => *slot.get_or_insert_with(|| f(c)),
                None => f(c),
            },
            _ => f(c),
        }
    }
}

/// Read record batches of the long format into figures, leniently (see the module docs). `rows` is a hint of the
/// row count (0 when unknown).
fn read_batches<I>(
    catalogue: &Catalogue,
    schema: &Schema,
    rows: usize,
    batches: I,
    what: &str,
) -> Result<(Figures, Vec<RowError>)>
where
    I: Iterator<Item = std::result::Result<RecordBatch, ArrowError>>,
{
    let slots = columns_of(schema)?;
    let mut b = FiguresBuilder::lenient(catalogue);
    b.reserve(rows.min(limits::MAX_FIGURES));
    let (mut before, mut read) = (0usize, 0usize);
    let mut none_unit: Option<u32> = None;
    for batch in batches {
        let batch = batch.map_err(|e| unreadable(what, e))?;
        let n = batch.num_rows();
        if before + n > limits::MAX_FIGURES {
            // as the CSV reader: the record past the limit is where it is reached
            check_figure_count(limits::MAX_FIGURES + 1, limits::MAX_FIGURES + 2)?;
        }
        let cols: [Col; 11] = std::array::from_fn(|f| match slots[f] {
            Some(c) if c < batch.num_columns() => col_of(batch.column(c)),
            _ => Col::Absent,
        });
        let present: Vec<usize> = (0..11).filter(|f| !matches!(cols[*f], Col::Absent)).collect();
        // a unit cell's number, an indicator cell's index (`None`: left to the full readers), by dictionary key
        let mut units: Vec<Option<u32>> = vec![None; cols[UNIT].distinct()];
        let mut indicators: Vec<Option<Option<usize>>> = vec![None; cols[INDICATOR].distinct()];
        let mut last_unit: Option<(&str, u32)> = None;
        let mut last_indicator: Option<(&str, Option<usize>)> = None;
        let mut periods: Memo<Period> = Memo::new(&cols[PERIOD], n);
        let mut dones: Memo<bool> = Memo::new(&cols[DONE], n);
        let mut dates: Memo<Date> = Memo::new(&cols[COMPLETED], n);
        let mut numbers: [Memo<Decimal>; 4] = std::array::from_fn(|k| Memo::new(&cols[NUMBERS[k]], n));
        for i in 0..n {
            let row = before + i + 2;
            let mut cells = [Cell::Empty; 11];
            for &f in &present {
                cells[f] = cols[f].cell(i);
            }
            if cells.iter().all(|c| c.is_blank()) {
                continue; // a blank line holds no figure
            }
            read += 1;
            // the quick path: every cell read as it stands, the names resolved once each
            let quick = (|| {
                // a dictionary's texts are resolved once each; a text column's rows come grouped, the last text
                // is tried first (compared as written: equal texts are equal trimmed)
                let unit = match cells[UNIT] {
                    Cell::Text(_, Some(k)) if units[k as usize].is_some() => units[k as usize]?,
                    Cell::Text(raw, key) => {
                        let u = match last_unit {
                            Some((l, u)) if key.is_none() && l == raw => u,
                            _ => match trimmed(raw, limits::MAX_NAME_CHARS) {
                                Read::Slow => return None,
                                Read::Empty => *none_unit.get_or_insert_with(|| b.unit(None)),
                                Read::Ok(t) => b.unit(Some(t)),
                            },
                        };
                        match key {
                            Some(k) => units[k as usize] = Some(u),
                            None => last_unit = Some((raw, u)),
                        }
                        u
                    }
                    Cell::Empty => *none_unit.get_or_insert_with(|| b.unit(None)),
                    _ => return None,
                };
                let indicator = match cells[INDICATOR] {
                    Cell::Text(raw, key) => {
                        let known = match key {
                            Some(k) => indicators[k as usize],
                            None => last_indicator.filter(|(l, _)| *l == raw).map(|(_, found)| found),
                        };
                        let found = match known {
                            Some(found) => found,
                            None => {
                                // unknown, empty or too long: the full readers say which
                                let found = match trimmed(raw, limits::MAX_NAME_CHARS) {
                                    Read::Ok(id) => b.indicator(id),
                                    _ => None,
                                };
                                match key {
                                    Some(k) => indicators[k as usize] = Some(found),
                                    None => last_indicator = Some((raw, found)),
                                }
                                found
                            }
                        };
                        found?
                    }
                    _ => return None,
                };
                let entity = match name(cells[ENTITY], limits::MAX_NAME_CHARS) {
                    Read::Ok(t) => Some(t),
                    Read::Empty => None,
                    Read::Slow => return None,
                };
                if let Read::Slow = name(cells[NOTE], limits::MAX_TEXT_CHARS) {
                    return None;
                }
                let opt = |r: Read<_>| match r {
                    Read::Ok(v) => Some(Some(v)),
                    Read::Empty => Some(None),
                    Read::Slow => None,
                };
                let period = opt(periods.read(cells[PERIOD], period))?;
                let completed = match dates.read(cells[COMPLETED], completed) {
                    Read::Ok(v) => Some(v),
                    Read::Empty => None,
                    Read::Slow => return None,
                };
                let done = match dones.read(cells[DONE], done) {
                    Read::Ok(v) => Some(v),
                    Read::Empty => None,
                    Read::Slow => return None,
                };
                let mut values = [None; 4];
                for (k, memo) in numbers.iter_mut().enumerate() {
                    values[k] = match memo.read(cells[NUMBERS[k]], number) {
                        Read::Ok(v) => Some(v),
                        Read::Empty => None,
                        Read::Slow => return None,
                    };
                }
                let fields = Fields {
                    period,
                    value: values[0],
                    numerator: values[1],
                    denominator: values[2],
                    growth: values[3],
                    done,
                    completed,
                };
                Some((unit, indicator, entity, fields))
            })();
            match quick {
                Some((unit, indicator, entity, fields)) => b.push_fields(row, unit, indicator, entity, &fields)?,
                None => {
                    // the full readers, on the texts the cells stand for: the same figure or error as CSV
                    let texts: [Option<Cow<str>>; 11] = std::array::from_fn(|f| text_of(cells[f]));
                    let fields: [Option<&str>; 11] = std::array::from_fn(|f| texts[f].as_deref());
                    b.push_texts(row, &fields)?;
                }
            }
        }
        before += n;
    }
    b.count_read_rows(read);
    Ok(b.finish_lenient())
}

/// Rows a record batch / row group when writing.
const WRITE_ROWS: usize = 1 << 20;

/// A dictionary column: one code a row into `values` (null where absent).
fn dictionary(codes: Vec<Option<i32>>, values: &[&str]) -> ArrayRef {
    let keys = arrow_array::Int32Array::from(codes);
    let values: ArrayRef = Arc::new(StringArray::from(values.to_vec()));
    Arc::new(DictionaryArray::<Int32Type>::try_new(keys, values).expect("codes index the values"))
}

/// A column of texts coded by first appearance.
#[derive(Default)]
struct Coder {
    values: Vec<String>,
    index: HashMap<String, i32>,
    codes: Vec<Option<i32>>,
}

impl Coder {
    fn push(&mut self, text: Option<&str>) {
        let code = text.map(|t| match self.index.get(t) {
            Some(c) => *c,
            None => {
                let c = self.values.len() as i32;
                self.values.push(t.to_string());
                self.index.insert(t.to_string(), c);
                c
            }
        });
        self.codes.push(code);
    }

    fn array(self) -> ArrayRef {
        let values: Vec<&str> = self.values.iter().map(String::as_str).collect();
        dictionary(self.codes, &values)
    }
}

/// A decimal column as `Decimal128(38, s)` (s: the largest scale), or `None` when a value does not fit there.
fn decimal128(values: &[Option<Decimal>]) -> Option<(ArrayRef, u8)> {
    const LIMIT: i128 = 10i128.pow(38);
    let scale = values.iter().flatten().map(|d| d.scale()).max().unwrap_or(0);
    let mut out = Vec::with_capacity(values.len());
    for v in values {
        out.push(match v {
            None => None,
            Some(d) => {
                let m = d.mantissa().checked_mul(10i128.checked_pow(scale - d.scale())?)?;
                if m.unsigned_abs() >= LIMIT as u128 {
                    return None;
                }
                Some(m)
            }
        });
    }
    let a = Decimal128Array::from(out).with_precision_and_scale(38, scale as i8).ok()?;
    Some((Arc::new(a), scale as u8))
}

/// The batch table as one Arrow record batch: the columns of [`crate::batch::CSV_HEADER`] (see the module docs
/// for their types and the schema's metadata).
pub fn batch_record_batch(table: &BatchTable) -> Result<RecordBatch> {
    let n = table.len();
    let units: Vec<&str> = table.units.iter().map(|u| u.as_deref().unwrap_or("")).collect();
    let targets: Vec<&str> = table.targets.iter().map(String::as_str).collect();
    let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.code()).collect();
    let mut unit = Vec::with_capacity(n);
    let mut target = Vec::with_capacity(n);
    let mut status = Vec::with_capacity(n);
    let mut decimals: Vec<Vec<Option<Decimal>>> = (0..DECIMAL_COLUMNS.len()).map(|_| Vec::with_capacity(n)).collect();
    let mut period = Coder::default();
    let mut aim = Vec::with_capacity(n);
    let mut error_code = Vec::with_capacity(n);
    let mut error_row: Vec<Option<i64>> = Vec::with_capacity(n);
    let codes: Vec<&str> = table.errors.iter().map(|e| e.error.code()).collect();
    let mut code_index: HashMap<&str, i32> = HashMap::new();
    let mut code_values: Vec<&str> = Vec::new();
    let mut period_text = String::new();
    for r in table.iter() {
        let u = r.unit as usize;
        unit.push(table.units.get(u).and_then(|c| c.as_ref()).map(|_| u as i32));
        target.push(Some(r.target as i32));
        status.push(r.status.and_then(|s| Status::ALL.iter().position(|x| *x == s)).map(|k| k as i32));
        let numbers = r.outcome.unwrap_or_default();
        for (k, d) in numbers.decimals().into_iter().enumerate() {
            decimals[k].push(d);
        }
        period_text.clear();
        if let Some(p) = numbers.value_period {
            use std::fmt::Write;
            let _ = write!(period_text, "{p}");
        }
        period.push(numbers.value_period.map(|_| period_text.as_str()));
        aim.push(numbers.aim_reached);
        let err = r.error.and_then(|e| table.errors.get(e as usize).map(|x| (e as usize, x)));
        error_code.push(err.map(|(e, _)| {
            let code = codes[e];
            *code_index.entry(code).or_insert_with(|| {
                code_values.push(code);
                code_values.len() as i32 - 1
            })
        }));
        error_row.push(err.and_then(|(_, x)| x.row).and_then(|row| i64::try_from(row).ok()));
    }
    let dict = || DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8));
    let mut fields =
        vec![Field::new("unit", dict(), true), Field::new("target", dict(), false), Field::new("status", dict(), true)];
    let mut columns: Vec<ArrayRef> =
        vec![dictionary(unit, &units), dictionary(target, &targets), dictionary(status, &statuses)];
    let mut kinds = serde_json::Map::new();
    for (k, values) in decimals.iter().enumerate() {
        let name = DECIMAL_COLUMNS[k];
        let (array, kind, data_type) = match decimal128(values) {
            Some((a, s)) => (a, "decimal128", DataType::Decimal128(38, s as i8)),
            None => {
                let texts: StringArray = values.iter().map(|d| d.map(|d| d.to_string())).collect();
                (Arc::new(texts) as ArrayRef, "text", DataType::Utf8)
            }
        };
        kinds.insert(name.to_string(), kind.into());
        let meta = HashMap::from([("chitieu.decimal".to_string(), kind.to_string())]);
        let field = Field::new(name, data_type, true).with_metadata(meta);
        let at = fields.len();
        fields.push(field);
        columns.push(array);
        if k == 0 {
            // value_period follows value, as in the CSV
            let _ = at;
            fields.push(Field::new("value_period", dict(), true));
            columns.push(std::mem::take(&mut period).array());
        }
    }
    fields.push(Field::new("aim_reached", DataType::Boolean, true));
    columns.push(Arc::new(BooleanArray::from(aim)));
    fields.push(Field::new("error_code", dict(), true));
    columns.push(dictionary(error_code, &code_values));
    fields.push(Field::new("error_row", DataType::Int64, true));
    columns.push(Arc::new(Int64Array::from(error_row)));
    let metadata = HashMap::from([
        ("format".to_string(), "chitieu.batch/1".to_string()),
        ("chitieu.decimal".to_string(), serde_json::Value::Object(kinds).to_string()),
    ]);
    let schema: SchemaRef = Arc::new(Schema::new_with_metadata(fields, metadata));
    RecordBatch::try_new(schema, columns).map_err(|e| write_error("Arrow", e))
}

fn write_error(what: &str, e: impl std::fmt::Display) -> Error {
    Error::InvalidSetting { field: "format".into(), message: format!("the table cannot be written as {what}: {e}") }
}

/// The batch table as a Parquet file (Snappy-compressed pages; row groups of up to a million rows): see the module
/// docs for the columns.
pub fn batch_to_parquet(table: &BatchTable) -> Result<Vec<u8>> {
    write_parquet(&batch_record_batch(table)?)
}

/// The batch table as an Arrow IPC file (`.arrow`, uncompressed): see the module docs for the columns.
pub fn batch_to_ipc(table: &BatchTable) -> Result<Vec<u8>> {
    write_ipc(&batch_record_batch(table)?)
}

/// A record batch as a Parquet file (Snappy-compressed pages; row groups of up to a million rows).
pub fn write_parquet(batch: &RecordBatch) -> Result<Vec<u8>> {
    use parquet::arrow::ArrowWriter;
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_max_row_group_size(WRITE_ROWS)
        .set_created_by(format!("chitieu {}", env!("CARGO_PKG_VERSION")))
        .build();
    let fail = |e: parquet::errors::ParquetError| write_error("Parquet", e);
    let mut w = ArrowWriter::try_new(Vec::new(), batch.schema(), Some(props)).map_err(fail)?;
    w.write(batch).map_err(fail)?;
    w.into_inner().map_err(fail)
}

/// A record batch as an Arrow IPC file (uncompressed).
pub fn write_ipc(batch: &RecordBatch) -> Result<Vec<u8>> {
    let fail = |e: ArrowError| write_error("Arrow IPC", e);
    let mut w = arrow_ipc::writer::FileWriter::try_new(Vec::new(), &batch.schema()).map_err(fail)?;
    w.write(batch).map_err(fail)?;
    w.finish().map_err(fail)?;
    w.into_inner().map_err(fail)
}

/// Figures in the long format given as text cells (a header and rows, as a CSV file holds them) written as a
/// Parquet file, for test data and benchmarks: see [`texts_to_record_batch`] with `typed`.
pub fn texts_to_parquet(header: &[&str], rows: &[Vec<Option<&str>>]) -> Result<Vec<u8>> {
    write_parquet(&texts_to_record_batch(header, rows, true)?)
}

/// Figures in the long format given as text cells (a header and rows, as a CSV file holds them) as one record
/// batch. With `typed`: `period` as Int32 when every cell is a four-digit year, each number column as
/// `Decimal128(38, s)` (s: its largest scale, so `1.5` in a column of scale 2 is stored as `1.50`, the same
/// number) when every cell reads as a decimal that fits there; every other column (all of them without `typed`)
/// as dictionary-encoded Utf8, the text as given. Empty cells are null. `Err` when a row's length is not the
/// header's.
pub fn texts_to_record_batch(header: &[&str], rows: &[Vec<Option<&str>>], typed: bool) -> Result<RecordBatch> {
    if let Some((i, r)) = rows.iter().enumerate().find(|(_, r)| r.len() != header.len()) {
        return Err(Error::FiguresSyntax {
            row: i + 2,
            message: format!("this row has {} fields but the header has {}", r.len(), header.len()),
        });
    }
    let mut fields = Vec::new();
    let mut columns: Vec<ArrayRef> = Vec::new();
    for (c, name) in header.iter().enumerate() {
        let cells: Vec<Option<&str>> = rows.iter().map(|r| r[c].filter(|t| !t.is_empty())).collect();
        let key = header_key(name);
        let typed: Option<(ArrayRef, DataType)> = if !typed {
            None
        } else if key == "period" {
            let years: Option<Vec<Option<i32>>> = cells
                .iter()
                .map(|t| match t {
                    None => Some(None),
                    Some(t) if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) => t.parse().ok().map(Some),
                    Some(_) => None,
                })
                .collect();
            years.map(|y| (Arc::new(arrow_array::Int32Array::from(y)) as ArrayRef, DataType::Int32))
        } else if FIELDS.iter().position(|f| *f == key).is_some_and(|f| kind(f) == Kind::Number) {
            let numbers: Option<Vec<Option<Decimal>>> =
                cells.iter().map(|t| t.map_or(Some(None), |t| parse_decimal(t).map(Some))).collect();
            numbers.and_then(|n| decimal128(&n)).map(|(a, s)| (a, DataType::Decimal128(38, s as i8)))
        } else {
            None
        };
        let (array, data_type) = typed.unwrap_or_else(|| {
            let mut coder = Coder::default();
            for t in &cells {
                coder.push(*t);
            }
            (coder.array(), DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8)))
        });
        fields.push(Field::new(*name, data_type, true));
        columns.push(array);
    }
    let schema: SchemaRef = Arc::new(Schema::new(fields));
    RecordBatch::try_new_with_options(
        schema,
        columns,
        &arrow_array::RecordBatchOptions::new().with_row_count(Some(rows.len())),
    )
    .map_err(|e| write_error("Arrow", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_of_typed_cells() {
        assert_eq!(scaled("12345".into(), 3), "12.345");
        assert_eq!(scaled("-5".into(), 3), "-0.005");
        assert_eq!(scaled("0".into(), 2), "0.00");
        assert_eq!(scaled("12".into(), -2), "1200");
        assert_eq!(scaled("0".into(), -2), "0");
        assert_eq!(crate::period::civil_from_days(0), (1970, 1, 1));
        assert_eq!(crate::period::civil_from_days(-1), (1969, 12, 31));
        assert_eq!(crate::period::civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(crate::period::civil_from_days(20_513), (2026, 3, 1));
        assert_eq!(day_text(20_513, 0, 1), "2026-03-01");
        assert_eq!(day_text(20_513, 3_723_000_001, 86_400_000_000), "2026-03-01T01:02:03.000001");
        assert_eq!(day_text(-719_529, 0, 1), "-0001-12-31");
    }

    #[test]
    fn decimal128_holds_38_digits_at_the_largest_scale() {
        let d = |s: &str| Some(Decimal::from_str(s).unwrap());
        let (a, scale) = decimal128(&[d("0.0000000000000000000000000001"), None, d("9999999999")]).unwrap();
        assert_eq!(scale, 28);
        let a = a.as_primitive::<arrow_array::types::Decimal128Type>();
        assert_eq!(a.value(2), 99_999_999_990_000_000_000_000_000_000_000_000_000);
        assert!(a.is_null(1));
        assert!(decimal128(&[d("0.0000000000000000000000000001"), d("10000000000")]).is_none());
        assert!(decimal128(&[d("-0.0000000000000000000000000001"), d("-10000000000")]).is_none());
        let (_, scale) = decimal128(&[d("79228162514264337593543950335"), d("1.5")]).unwrap();
        assert_eq!(scale, 1);
        assert_eq!(decimal128(&[None, None]).map(|(_, s)| s), Some(0));
    }
}
