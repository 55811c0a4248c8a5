//! Parquet and Arrow IPC in and out (feature `columnar`): the batch table written and read back by the Arrow
//! readers, compared cell by cell with the table's CSV text (an independent writer); figures read from Parquet and
//! Arrow equal those read from the same rows as CSV, bad rows included (a property test); each accepted type; the
//! errors for a type not read; the decimal boundary.

use arrow_array::cast::AsArray;
use arrow_array::types::{Decimal128Type, Int32Type, Int64Type};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, Date64Array, Decimal128Array, Decimal256Array, DictionaryArray,
    Float32Array, Float64Array, Int16Array, Int32Array, Int64Array, LargeStringArray, NullArray, RecordBatch,
    StringArray, StringViewArray, TimestampSecondArray, UInt64Array, UInt8Array,
};
use arrow_schema::{DataType, Field, Schema};
use chitieu::batch::{self, BatchTable, DECIMAL_COLUMNS};
use chitieu::columnar::{self, batch_to_ipc, batch_to_parquet, read_figures, Format};
use chitieu::figures::FIELDS;
use chitieu::{parse_as_of, Catalogue, Decimal, Figures, Options, RowError};
use proptest::prelude::*;
use std::str::FromStr;
use std::sync::Arc;

fn national_table(units: usize, bad: u32) -> (BatchTable, String) {
    let cat = Catalogue::builtin();
    let opts = chitieu::synthetic::Synthetic { units, bad_unit_per_mille: bad, ..Default::default() };
    let (csv, _) = chitieu::synthetic::to_csv_string(&cat, &opts);
    let (figures, errors) = batch::read_csv(&cat, &csv).unwrap();
    let options = Options::new(parse_as_of("2027").unwrap());
    let table = batch::evaluate(&cat, &figures, errors, &options).unwrap();
    let text = table.to_csv();
    (table, text)
}

/// The Parquet file's record batches, read by the parquet crate's Arrow reader.
fn parquet_batches(bytes: &[u8]) -> (Arc<Schema>, Vec<RecordBatch>) {
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let b = ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::copy_from_slice(bytes)).unwrap();
    let schema = b.schema().clone();
    (schema, b.with_batch_size(5000).build().unwrap().map(Result::unwrap).collect())
}

fn ipc_batches(bytes: &[u8]) -> (Arc<Schema>, Vec<RecordBatch>) {
    let r = arrow_ipc::reader::FileReader::try_new(std::io::Cursor::new(bytes), None).unwrap();
    let schema = r.schema();
    (schema, r.map(Result::unwrap).collect())
}

/// A cell of a column as text: a null as empty, a decimal as its exact decimal (checked by value elsewhere).
fn cell_text(a: &dyn Array, i: usize) -> String {
    if a.is_null(i) {
        return String::new();
    }
    match a.data_type() {
        DataType::Utf8 => a.as_string::<i32>().value(i).to_string(),
        DataType::Dictionary(_, _) => {
            let d = a.as_dictionary::<Int32Type>();
            let k = d.keys().value(i) as usize;
            d.values().as_string::<i32>().value(k).to_string()
        }
        DataType::Decimal128(_, s) => scaled_text(a.as_primitive::<Decimal128Type>().value(i), *s as usize),
        DataType::Boolean => a.as_boolean().value(i).to_string(),
        DataType::Int64 => a.as_primitive::<Int64Type>().value(i).to_string(),
        other => panic!("unexpected type {other}"),
    }
}

/// An unscaled integer with `scale` digits after the point, as text (not through rust_decimal: Decimal128 holds
/// 38 digits, more than a Decimal).
fn scaled_text(v: i128, scale: usize) -> String {
    let digits = format!("{:0>w$}", v.unsigned_abs(), w = scale + 1);
    let (int, frac) = digits.split_at(digits.len() - scale);
    let sign = if v < 0 { "-" } else { "" };
    if scale == 0 {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

/// Every cell of the written table equals the table's CSV cell (decimals by value: a Decimal128 column has one
/// scale).
fn compare_with_csv(schema: &Schema, batches: &[RecordBatch], csv: &str) -> usize {
    let header: Vec<&str> = batch::CSV_HEADER.split(',').collect();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(names, header);
    assert_eq!(schema.metadata().get("format").map(String::as_str), Some("chitieu.batch/1"));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let mut row = 0;
    let mut decimals_compared = 0;
    for b in batches {
        for i in 0..b.num_rows() {
            let rec = &records[row];
            for (c, name) in header.iter().enumerate() {
                let got = cell_text(b.column(c).as_ref(), i);
                let want = &rec[c];
                if DECIMAL_COLUMNS.contains(name) && !want.is_empty() {
                    assert_eq!(Decimal::from_str(&got).unwrap(), Decimal::from_str(want).unwrap(), "{name} row {row}");
                    decimals_compared += 1;
                } else {
                    assert_eq!(&got, want, "column {name}, row {row}");
                }
            }
            row += 1;
        }
    }
    assert_eq!(row, records.len(), "every row written");
    decimals_compared
}

#[test]
fn the_batch_table_round_trips_through_parquet_and_arrow() {
    let (table, csv) = national_table(60, 100);
    assert!(!table.errors.is_empty(), "bad rows planted");
    let (schema, batches) = parquet_batches(&batch_to_parquet(&table).unwrap());
    let compared = compare_with_csv(&schema, &batches, &csv);
    assert!(compared > 1000, "{compared} decimals compared");
    let (schema, batches) = ipc_batches(&batch_to_ipc(&table).unwrap());
    compare_with_csv(&schema, &batches, &csv);
    // decimals as Decimal128(38, s), said in the metadata
    let kinds: serde_json::Value = serde_json::from_str(&schema.metadata()["chitieu.decimal"]).unwrap();
    for name in DECIMAL_COLUMNS {
        assert_eq!(kinds[name], "decimal128", "{name}");
        let f = schema.field_with_name(name).unwrap();
        assert!(matches!(f.data_type(), DataType::Decimal128(38, _)), "{name}: {}", f.data_type());
        assert_eq!(f.metadata()["chitieu.decimal"], "decimal128");
    }
}

/// A level figure per unit (the revenue against the year's estimate, judged each year): the table's `value`
/// column holds it.
fn table_of_values(values: &[&str]) -> BatchTable {
    let cat = Catalogue::builtin();
    let mut csv = String::from("unit,indicator,period,value\n");
    for (k, v) in values.iter().enumerate() {
        csv.push_str(&format!("U{k},budget_revenue_vs_estimate,2026,{v}\n"));
    }
    let (figures, errors) = batch::read_csv(&cat, &csv).unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    batch::evaluate(&cat, &figures, errors, &Options::new(parse_as_of("2026").unwrap())).unwrap()
}

#[test]
fn a_decimal_column_that_does_not_fit_decimal128_is_exact_text() {
    // scale 28 and 10 digits before the point: 38 digits, the most Decimal128 holds
    let fits = table_of_values(&["0.0000000000000000000000000001", "9999999999"]);
    let column = |t: &BatchTable| {
        let (schema, batches) = parquet_batches(&batch_to_parquet(t).unwrap());
        let f = schema.field_with_name("value").unwrap().clone();
        let c = schema.index_of("value").unwrap();
        let cells: Vec<String> = batches
            .iter()
            .flat_map(|b| {
                let a = b.column(c).clone();
                (0..a.len()).map(move |i| cell_text(a.as_ref(), i))
            })
            .collect();
        (f, cells, schema.metadata()["chitieu.decimal"].clone())
    };
    let (f, cells, meta) = column(&fits);
    assert_eq!(f.data_type(), &DataType::Decimal128(38, 28));
    assert!(cells.contains(&"9999999999.0000000000000000000000000000".to_string()), "{cells:?}");
    assert!(meta.contains("\"value\":\"decimal128\""), "{meta}");
    // one more digit (or a 29-digit value beside scale 28): the column is written as exact text
    for big in ["10000000000", "12345678901234567890123456789"] {
        let t = table_of_values(&["0.0000000000000000000000000001", big]);
        let (f, cells, meta) = column(&t);
        assert_eq!(f.data_type(), &DataType::Utf8, "{big}");
        assert_eq!(f.metadata()["chitieu.decimal"], "text");
        assert!(meta.contains("\"value\":\"text\""), "{meta}");
        assert!(cells.contains(&big.to_string()), "{cells:?}");
        assert!(cells.contains(&"0.0000000000000000000000000001".to_string()), "{cells:?}");
        // the other columns keep their types
        assert!(meta.contains("\"expected_to_date\":\"decimal128\""), "{meta}");
    }
}

// ---------------------------------------------------------------------------------------------------------
// Figures in

fn write_parquet(batches: &[RecordBatch], row_group: usize) -> Vec<u8> {
    use parquet::arrow::ArrowWriter;
    use parquet::file::properties::WriterProperties;
    let props = WriterProperties::builder().set_max_row_group_size(row_group.max(1)).build();
    let mut w = ArrowWriter::try_new(Vec::new(), batches[0].schema(), Some(props)).unwrap();
    for b in batches {
        w.write(b).unwrap();
    }
    w.into_inner().unwrap()
}

fn write_ipc(batches: &[RecordBatch]) -> Vec<u8> {
    let mut w = arrow_ipc::writer::FileWriter::try_new(Vec::new(), &batches[0].schema()).unwrap();
    for b in batches {
        w.write(b).unwrap();
    }
    w.finish().unwrap();
    w.into_inner().unwrap()
}

fn write_stream(batches: &[RecordBatch]) -> Vec<u8> {
    let mut w = arrow_ipc::writer::StreamWriter::try_new(Vec::new(), &batches[0].schema()).unwrap();
    for b in batches {
        w.write(b).unwrap();
    }
    w.finish().unwrap();
    w.into_inner().unwrap()
}

/// Everything the reading gave: each unit's figures by indicator, with rows, and the bad rows.
fn everything(cat: &Catalogue, read: &(Figures, Vec<RowError>)) -> (Vec<String>, Vec<RowError>, Option<usize>) {
    let (f, errors) = read;
    let mut out = Vec::new();
    for u in f.units() {
        for i in &cat.indicators {
            let s = f.series(&i.id, u.as_deref());
            if !s.is_empty() {
                out.push(format!("{u:?} {} {s:?}", i.id));
            }
        }
    }
    (out, errors.clone(), f.read_rows())
}

/// How a column is given to Arrow in the property test.
#[derive(Debug, Clone, Copy)]
enum As {
    Utf8,
    Large,
    View,
    Dict,
}

/// `cells` as an array; a dictionary's values are `all` (one dictionary for every batch, as an IPC file needs).
fn text_array(cells: &[Option<String>], how: As, all: &[String]) -> ArrayRef {
    let cells: Vec<Option<&str>> = cells.iter().map(|c| c.as_deref()).collect();
    match how {
        As::Utf8 => Arc::new(StringArray::from(cells)),
        As::Large => Arc::new(LargeStringArray::from(cells)),
        As::View => Arc::new(StringViewArray::from(cells)),
        As::Dict => {
            let keys: Int32Array =
                cells.iter().map(|c| c.map(|t| all.iter().position(|a| a == t).unwrap() as i32)).collect();
            let values: ArrayRef = Arc::new(StringArray::from_iter_values(all));
            Arc::new(DictionaryArray::<Int32Type>::try_new(keys, values).unwrap())
        }
    }
}

/// The cells of a field in the property test: good and bad texts, typed where the field allows.
fn cell_text_strategy(field: usize) -> BoxedStrategy<String> {
    let names = prop_oneof![
        Just("grdp".to_string()),
        Just("online_dossiers".to_string()),
        Just("poor_households".to_string()),
        Just("nope".to_string()),
        Just(" grdp ".to_string()),
        Just("party_organisation_inspected".to_string()), // yes/no
        Just("socialism_project_plan".to_string()),       // a completion date
    ];
    match FIELDS[field] {
        "indicator" => names.boxed(),
        "period" => prop_oneof![
            (2020i32..2032).prop_map(|y| y.to_string()),
            Just("2026-Q2".to_string()),
            Just("2026-13-01".to_string()),
            Just("20x6".to_string()),
        ]
        .boxed(),
        "value" | "numerator" | "denominator" | "growth" => prop_oneof![
            (-1000i64..100000, 0u32..6).prop_map(|(m, s)| Decimal::new(m, s).to_string()),
            (0i64..i64::MAX, 0u32..29).prop_map(|(m, s)| Decimal::new(m, s).to_string()),
            Just("1e3".to_string()),
            Just("12,5".to_string()),
            Just("abc".to_string()),
            Just("123456789012345678901234567890".to_string()),
        ]
        .boxed(),
        "done" => prop_oneof![Just("true"), Just("no"), Just("có"), Just("maybe")].prop_map(str::to_string).boxed(),
        "completed" => {
            prop_oneof![Just("2026-03-01"), Just("2026-02-30"), Just("2027-12-31")].prop_map(str::to_string).boxed()
        }
        "unit" => {
            prop_oneof![Just("U1"), Just("U2"), Just(" U3"), Just("Phường Hưng Đạo")].prop_map(str::to_string).boxed()
        }
        "entity" => prop_oneof![Just("a"), Just("b")].prop_map(str::to_string).boxed(),
        _ => prop_oneof![Just("a note".to_string()), Just("x".repeat(4001))].boxed(),
    }
}

/// A CSV field, quoted when it must be.
fn csv_field(t: &str) -> String {
    if t.contains([',', '"', '\n']) || t.starts_with(' ') || t.ends_with(' ') {
        format!("\"{}\"", t.replace('"', "\"\""))
    } else {
        t.to_string()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn figures_from_parquet_and_arrow_are_those_of_the_same_rows_as_csv(
        columns in proptest::sample::subsequence((1..11).collect::<Vec<usize>>(), 2..=6),
        hows in proptest::collection::vec(0u8..4, 11),
        rows in proptest::collection::vec(proptest::collection::vec((0u8..10, any::<u64>()), 11), 0..40),
        row_group in 1usize..8,
    ) {
        let cat = Catalogue::builtin();
        let mut fields: Vec<usize> = vec![0];
        fields.extend(columns);
        // each cell: empty (null) 1 time in 5, else a text from the field's pool
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let pools: Vec<Vec<String>> = (0..11)
            .map(|f| (0..12).map(|_| cell_text_strategy(f).new_tree(&mut runner).unwrap().current()).collect())
            .collect();
        let table: Vec<Vec<Option<String>>> = rows
            .iter()
            .map(|r| fields.iter().map(|&f| {
                let (empty, pick) = r[f];
                (empty >= 2).then(|| pools[f][(pick % 12) as usize].clone())
            }).collect())
            .collect();
        let mut csv = fields.iter().map(|&f| FIELDS[f]).collect::<Vec<_>>().join(",");
        csv.push('\n');
        for r in &table {
            let cells: Vec<String> = r.iter().map(|c| c.as_deref().map(csv_field).unwrap_or_default()).collect();
            csv.push_str(&cells.join(","));
            csv.push('\n');
        }
        let from_csv = batch::read_csv(&cat, &csv).unwrap();
        let schema_fields: Vec<Field> = fields.iter().enumerate().map(|(k, &f)| {
            let how = [As::Utf8, As::Large, As::View, As::Dict][hows[k] as usize];
            let t = match how {
                As::Utf8 => DataType::Utf8,
                As::Large => DataType::LargeUtf8,
                As::View => DataType::Utf8View,
                As::Dict => DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8)),
            };
            // names as a spreadsheet may write them: capitals, spaces around
            let name = if k % 2 == 1 { format!(" {} ", FIELDS[f].to_uppercase()) } else { FIELDS[f].to_string() };
            Field::new(name, t, true)
        }).collect();
        let schema = Arc::new(Schema::new(schema_fields));
        // the rows cut into record batches of `row_group` rows
        let mut batches = Vec::new();
        for chunk in table.chunks(row_group) {
            let arrays: Vec<ArrayRef> = fields.iter().enumerate().map(|(k, &f)| {
                let cells: Vec<Option<String>> = chunk.iter().map(|r| r[k].clone()).collect();
                text_array(&cells, [As::Utf8, As::Large, As::View, As::Dict][hows[k] as usize], &pools[f])
            }).collect();
            batches.push(RecordBatch::try_new(schema.clone(), arrays).unwrap());
        }
        if batches.is_empty() {
            batches.push(RecordBatch::new_empty(schema.clone()));
        }
        let want = everything(&cat, &from_csv);
        for (what, bytes) in [
            ("parquet", write_parquet(&batches, row_group)),
            ("arrow", write_ipc(&batches)),
            ("stream", write_stream(&batches)),
        ] {
            let got = read_figures(&cat, &bytes).unwrap();
            prop_assert_eq!(&everything(&cat, &got), &want, "{}", what);
            let account = batch::account_rows(&got.0, &got.1);
            prop_assert!(account.all_accounted(), "{:?}", account);
        }
    }

    /// Typed columns read as their text would: decimals at every scale, floats, integers, booleans, dates.
    #[test]
    fn typed_columns_read_as_their_text(
        cells in proptest::collection::vec(
            (0u8..6, any::<i64>(), 0u8..29, any::<f64>(), 2020i32..2031, any::<bool>(), -400i32..4000, 0u8..4), 1..30),
    ) {
        let cat = Catalogue::builtin();
        let mut csv = String::from("indicator,period,value,numerator,denominator,done,completed,unit\n");
        let (mut ind, mut period, mut value, mut num, mut den, mut done, mut comp, mut unit) =
            (vec![], vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
        for (k, &(which, m, _, x, y, b, day, u)) in cells.iter().enumerate() {
            let id = ["grdp", "poor_households", "online_dossiers", "new_rural_standard", "nope", "grdp"][which as usize];
            ind.push(id);
            period.push((k % 7 != 3).then_some(y as i64));
            // value: a Decimal128 at scale s (texts at every scale, beyond 28 digits refused as in CSV)
            let v = (k % 5 != 4).then_some(m as i128 * if k % 3 == 0 { 1_000_000_000_000 } else { 1 });
            value.push(v);
            // numerator: a float (NaN and infinities refused as their text is)
            num.push((k % 4 != 1).then_some(if k % 9 == 8 { f64::NAN } else { x / 1e9 }));
            den.push((k % 4 != 1).then_some((m % 1000) as i16));
            done.push((k % 6 == 5).then_some(b));
            comp.push((k % 6 == 2).then_some(day * 7 + 20000));
            unit.push(["U1", "U2", "U3", "U4"][u as usize]);
        }
        let scale = cells[0].2 as i8;
        let dec = Decimal128Array::from(value.clone()).with_precision_and_scale(38, scale).unwrap();
        // the text a CSV file would hold: the digits with `scale` of them after the point
        let text_of_dec = |v: i128| scaled_text(v, scale as usize);
        for k in 0..cells.len() {
            let date = comp[k].map(|d| {
                let (y, m, dd) = civil_from_days(d as i64);
                format!("{y:04}-{m:02}-{dd:02}")
            });
            let row = [
                ind[k].to_string(),
                period[k].map(|p| p.to_string()).unwrap_or_default(),
                value[k].map(text_of_dec).unwrap_or_default(),
                num[k].map(|x| chitieu::decimal_from_f64(x).map_or_else(|| x.to_string(), |d| d.to_string())).unwrap_or_default(),
                den[k].map(|x| x.to_string()).unwrap_or_default(),
                done[k].map(|b| b.to_string()).unwrap_or_default(),
                date.unwrap_or_default(),
                unit[k].to_string(),
            ];
            csv.push_str(&row.join(","));
            csv.push('\n');
        }
        let from_csv = batch::read_csv(&cat, &csv).unwrap();
        let schema = Arc::new(Schema::new(vec![
            Field::new("indicator", DataType::Utf8, false),
            Field::new("period", DataType::Int64, true),
            Field::new("value", DataType::Decimal128(38, scale), true),
            Field::new("numerator", DataType::Float64, true),
            Field::new("denominator", DataType::Int16, true),
            Field::new("done", DataType::Boolean, true),
            Field::new("completed", DataType::Date32, true),
            Field::new("unit", DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8)), false),
        ]));
        let batch = RecordBatch::try_new(schema, vec![
            Arc::new(StringArray::from(ind.clone())),
            Arc::new(Int64Array::from(period.clone())),
            Arc::new(dec),
            Arc::new(Float64Array::from(num.clone())),
            Arc::new(Int16Array::from(den.clone())),
            Arc::new(BooleanArray::from(done.clone())),
            Arc::new(Date32Array::from(comp.clone())),
            Arc::new(unit.iter().copied().collect::<DictionaryArray<Int32Type>>()),
        ]).unwrap();
        let want = everything(&cat, &from_csv);
        for bytes in [write_parquet(std::slice::from_ref(&batch), 1 << 20), write_ipc(std::slice::from_ref(&batch))] {
            let got = read_figures(&cat, &bytes).unwrap();
            prop_assert_eq!(&everything(&cat, &got), &want);
        }
    }
}

/// Days since 1970-01-01 to a civil date (an independent copy of the usual algorithm, for the test's CSV).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m as u32, d as u32)
}

fn one_batch(columns: Vec<(&str, ArrayRef)>) -> RecordBatch {
    RecordBatch::try_from_iter(columns).unwrap()
}

fn read(batch: &RecordBatch) -> (Figures, Vec<RowError>) {
    let cat = Catalogue::builtin();
    let a = read_figures(&cat, &write_parquet(std::slice::from_ref(batch), 1 << 20)).unwrap();
    let b = read_figures(&cat, &write_ipc(std::slice::from_ref(batch))).unwrap();
    assert_eq!(everything(&cat, &a), everything(&cat, &b));
    a
}

fn values(f: &Figures, indicator: &str, unit: Option<&str>) -> Vec<String> {
    f.series(indicator, unit).iter().map(|x| format!("{} {:?} r{}", x.period, x.value, x.row)).collect()
}

#[test]
fn each_accepted_type_reads_as_documented() {
    // numbers: Decimal128, Decimal256, integers, floats (their shortest decimal), text
    let b = one_batch(vec![
        ("indicator", Arc::new(StringArray::from(vec!["grdp"; 6])) as ArrayRef),
        ("period", Arc::new(UInt8Array::from(vec![None, None, None, None, None, None])) as ArrayRef),
        ("Unit", Arc::new(StringArray::from(vec!["a", "b", "c", "d", "e", "f"])) as ArrayRef),
    ]);
    // a period column of UInt8 with only nulls: every row misses its period
    let (f, errors) = read(&b);
    assert_eq!(f.len(), 0);
    assert_eq!(errors.len(), 6);
    assert!(errors.iter().all(|e| e.error.code() == "missing_field"), "{errors:?}");

    let years = || Arc::new(Int32Array::from(vec![2025, 2026, 2027, 2028])) as ArrayRef;
    let grdp = || Arc::new(StringArray::from(vec!["grdp"; 4])) as ArrayRef;
    let cases: Vec<(ArrayRef, [&str; 4])> = vec![
        (
            Arc::new(Decimal128Array::from(vec![12345, -5, 0, 100]).with_precision_and_scale(10, 3).unwrap()),
            ["12.345", "-0.005", "0.000", "0.100"],
        ),
        (
            Arc::new(
                Decimal256Array::from(vec![
                    arrow_buffer::i256::from_i128(7),
                    arrow_buffer::i256::from_i128(10).wrapping_pow(40),
                    arrow_buffer::i256::from_i128(1),
                    arrow_buffer::i256::from_i128(25),
                ])
                .with_precision_and_scale(76, 1)
                .unwrap(),
            ),
            ["0.7", "refused", "0.1", "2.5"],
        ),
        (Arc::new(UInt64Array::from(vec![1, u64::MAX, 3, 4])), ["1", "18446744073709551615", "3", "4"]),
        (
            Arc::new(Float64Array::from(vec![0.1, 1e-7, f64::INFINITY, 21003.416576])),
            ["0.1", "0.0000001", "refused", "21003.416576"],
        ),
        (Arc::new(Float32Array::from(vec![0.1f32, 85.2, f32::NAN, 3.0])), ["0.1", "85.2", "refused", "3"]),
        (
            Arc::new(StringArray::from(vec![Some(" 12.5 "), Some("1e2"), Some("12,5"), None])),
            ["12.5", "100", "refused", "none"],
        ),
    ];
    for (array, want) in cases {
        let t = array.data_type().clone();
        let b = one_batch(vec![("indicator", grdp()), ("period", years()), ("value", array)]);
        let (f, errors) = read(&b);
        let got: Vec<String> = (0..4)
            .map(|k| {
                let row = k + 2;
                if let Some(e) = errors.iter().find(|e| e.row == Some(row)) {
                    assert!(["not_a_number", "missing_field"].contains(&e.error.code()), "{t}: {e:?}");
                    return if e.error.code() == "not_a_number" { "refused".into() } else { "none".into() };
                }
                let fig = f.series("grdp", None).iter().find(|x| x.row == row).unwrap();
                match &fig.value {
                    chitieu::FigureValue::Number(d) => d.to_string(),
                    other => panic!("{other:?}"),
                }
            })
            .collect();
        assert_eq!(got, want, "{t}");
    }
    // done: Boolean; completed: Date32, Date64, Timestamp (a time of day is refused, with its text)
    let status = Catalogue::builtin()
        .indicators
        .iter()
        .find(|i| i.measure == chitieu::Measure::Status)
        .map(|i| i.id.clone())
        .expect("a yes/no indicator");
    let b = one_batch(vec![
        ("indicator", Arc::new(StringArray::from(vec![status.as_str(); 2])) as ArrayRef),
        ("period", Arc::new(Int64Array::from(vec![2026, 2027])) as ArrayRef),
        ("done", Arc::new(BooleanArray::from(vec![Some(false), Some(true)])) as ArrayRef),
    ]);
    let (f, errors) = read(&b);
    assert!(errors.is_empty(), "{errors:?}");
    let got: Vec<String> = f.series(&status, None).iter().map(|x| format!("{:?}", x.value)).collect();
    assert_eq!(got, ["Done(false)", "Done(true)"]);
    let completion = Catalogue::builtin()
        .indicators
        .iter()
        .find(|i| i.measure == chitieu::Measure::Completion)
        .map(|i| i.id.clone())
        .expect("a completion indicator");
    let day = 20_513; // 2026-03-01
    for (array, want) in [
        (Arc::new(Date32Array::from(vec![day])) as ArrayRef, Ok("2026-03-01")),
        (Arc::new(Date64Array::from(vec![day as i64 * 86_400_000])) as ArrayRef, Ok("2026-03-01")),
        (Arc::new(TimestampSecondArray::from(vec![day as i64 * 86_400])) as ArrayRef, Ok("2026-03-01")),
        (
            Arc::new(TimestampSecondArray::from(vec![day as i64 * 86_400 + 3_723]).with_timezone("UTC")) as ArrayRef,
            Err("2026-03-01T01:02:03"),
        ),
        (Arc::new(Date64Array::from(vec![day as i64 * 86_400_000 + 5])) as ArrayRef, Err("2026-03-01T00:00:00.005")),
    ] {
        let t = array.data_type().clone();
        let b = one_batch(vec![
            ("indicator", Arc::new(StringArray::from(vec![completion.as_str()])) as ArrayRef),
            ("completed", array),
        ]);
        let (f, errors) = read(&b);
        match want {
            Ok(d) => {
                assert!(errors.is_empty(), "{t}: {errors:?}");
                let s = f.series(&completion, None);
                assert_eq!(
                    format!("{:?}", s[0].value),
                    format!("Completed({:?})", chitieu::Date::from_str(d).unwrap())
                );
            }
            Err(text) => {
                assert_eq!(errors.len(), 1, "{t}");
                assert_eq!(errors[0].error.code(), "invalid_period");
                assert_eq!(errors[0].error.details().value.as_deref(), Some(text), "{t}");
                assert_eq!(errors[0].row, Some(2));
            }
        }
    }
    // a Null column is empty cells; a dictionary of text reads as its texts
    let b = one_batch(vec![
        ("indicator", Arc::new(vec!["grdp", "grdp"].into_iter().collect::<DictionaryArray<Int32Type>>()) as ArrayRef),
        ("period", Arc::new(StringArray::from(vec!["2025", "2026"])) as ArrayRef),
        ("value", Arc::new(StringArray::from(vec!["1", "2"])) as ArrayRef),
        ("note", Arc::new(NullArray::new(2)) as ArrayRef),
        ("unit", Arc::new(NullArray::new(2)) as ArrayRef),
    ]);
    let (f, errors) = read(&b);
    assert!(errors.is_empty());
    assert_eq!(values(&f, "grdp", None), ["2025 Number(1) r2", "2026 Number(2) r3"]);
}

#[test]
fn a_column_of_a_type_not_read_is_a_syntax_error_naming_it() {
    let cat = Catalogue::builtin();
    let cases: Vec<(&str, ArrayRef, &str)> = vec![
        ("period", Arc::new(Float64Array::from(vec![2025.0])), "\"period\" is of type Float64"),
        ("value", Arc::new(BooleanArray::from(vec![true])), "\"value\" is of type Boolean"),
        ("done", Arc::new(Int32Array::from(vec![1])), "\"done\" is of type Int32"),
        ("unit", Arc::new(Int64Array::from(vec![7])), "\"unit\" is of type Int64"),
        ("completed", Arc::new(Int32Array::from(vec![1])), "\"completed\" is of type Int32"),
        (
            "completed",
            Arc::new(TimestampSecondArray::from(vec![0]).with_timezone("+07:00")),
            "\"completed\" is of type Timestamp",
        ),
    ];
    for (name, array, message) in cases {
        let b = one_batch(vec![("indicator", Arc::new(StringArray::from(vec!["grdp"])) as ArrayRef), (name, array)]);
        for bytes in [write_parquet(std::slice::from_ref(&b), 10), write_ipc(std::slice::from_ref(&b))] {
            let e = read_figures(&cat, &bytes).unwrap_err();
            assert_eq!(e.code(), "figures_syntax");
            assert_eq!(e.details().row, Some(1));
            assert!(e.to_string().contains(message), "{e}");
        }
    }
    // the header errors of the CSV reader
    let text = |name: &str| one_batch(vec![(name, Arc::new(StringArray::from(vec!["grdp"])) as ArrayRef)]);
    let e = read_figures(&cat, &write_parquet(&[text("amount")], 10)).unwrap_err();
    assert_eq!(e, batch::read_csv(&cat, "amount\ngrdp\n").unwrap_err());
    let e = read_figures(&cat, &write_parquet(&[text("value")], 10)).unwrap_err();
    assert_eq!(e, batch::read_csv(&cat, "value\ngrdp\n").unwrap_err());
    let twice = one_batch(vec![
        ("indicator", Arc::new(StringArray::from(vec!["grdp"])) as ArrayRef),
        ("Indicator", Arc::new(StringArray::from(vec!["grdp"])) as ArrayRef),
    ]);
    let e = read_figures(&cat, &write_ipc(&[twice])).unwrap_err();
    assert_eq!(e, batch::read_csv(&cat, "indicator,Indicator\ngrdp,grdp\n").unwrap_err());
    // not a columnar file, a damaged one
    assert_eq!(read_figures(&cat, b"indicator\ngrdp\n").unwrap_err().code(), "figures_syntax");
    let mut damaged = write_parquet(&[text("indicator")], 10);
    damaged.truncate(damaged.len() - 9);
    assert_eq!(read_figures(&cat, &damaged).unwrap_err().code(), "figures_syntax");
    assert_eq!(columnar::detect(&damaged), Some(Format::Parquet));
}

#[test]
fn strict_reading_gives_the_first_error_as_the_csv_reader() {
    let cat = Catalogue::builtin();
    let b = one_batch(vec![
        ("indicator", Arc::new(StringArray::from(vec!["grdp", "grdp", "nope", "grdp"])) as ArrayRef),
        ("period", Arc::new(Int32Array::from(vec![2025, 2026, 2026, 2025])) as ArrayRef),
        ("value", Arc::new(Float64Array::from(vec![1.0, 2.0, 3.0, 4.0])) as ArrayRef),
    ]);
    let csv = "indicator,period,value\ngrdp,2025,1\ngrdp,2026,2\nnope,2026,3\ngrdp,2025,4\n";
    let want = Figures::from_csv(&cat, csv).unwrap_err();
    assert_eq!(columnar::figures_from_bytes(&cat, &write_parquet(std::slice::from_ref(&b), 2)).unwrap_err(), want);
    assert_eq!(want.code(), "unknown_indicator");
    let good = one_batch(vec![
        ("indicator", Arc::new(StringArray::from(vec!["grdp", "grdp"])) as ArrayRef),
        ("period", Arc::new(Int32Array::from(vec![2025, 2030])) as ArrayRef),
        ("value", Arc::new(StringArray::from(vec!["10000", "21003.416576"])) as ArrayRef),
    ]);
    let f = columnar::figures_from_bytes(&cat, &write_stream(&[good])).unwrap();
    let e = chitieu::evaluate(&cat, &f, &Options::new(parse_as_of("2030").unwrap())).unwrap();
    let g = e.iter().find(|e| e.target == "grdp_growth").unwrap();
    assert_eq!(g.status.code(), "achieved");
}

#[test]
fn national_figures_from_parquet_equal_those_from_csv() {
    let cat = Catalogue::builtin();
    for bad in [0, 200] {
        let opts = chitieu::synthetic::Synthetic { units: 40, bad_unit_per_mille: bad, ..Default::default() };
        let (csv, _) = chitieu::synthetic::to_csv_string(&cat, &opts);
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(csv.as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let header: Vec<&str> = records[0].iter().collect();
        let rows: Vec<Vec<Option<&str>>> = records[1..].iter().map(|r| r.iter().map(Some).collect()).collect();
        let bytes = columnar::texts_to_parquet(&header, &rows).unwrap();
        let got = read_figures(&cat, &bytes).unwrap();
        let want = batch::read_csv(&cat, &csv).unwrap();
        // the same bad rows (their messages quote numbers at their column's scale)
        let keys = |e: &[RowError]| -> Vec<_> { e.iter().map(|e| (e.row, e.unit.clone(), e.error.code())).collect() };
        assert_eq!(keys(&got.1), keys(&want.1));
        assert_eq!(got.0.read_rows(), want.0.read_rows());
        assert_eq!(got.0.len(), want.0.len());
        // verdicts equal (the typed columns store each number at its column's scale: the same numbers)
        let options = Options::new(parse_as_of("2027").unwrap());
        let a = batch::evaluate(&cat, &got.0, got.1, &options).unwrap();
        let b = batch::evaluate(&cat, &want.0, want.1, &options).unwrap();
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b.iter()) {
            assert_eq!((x.status, x.outcome, x.error), (y.status, y.outcome, y.error));
        }
        if bad == 0 {
            // the number columns typed
            let (schema, _) = parquet_batches(&bytes);
            assert!(matches!(schema.field_with_name("value").unwrap().data_type(), DataType::Decimal128(38, _)));
        }
    }
}

/// The exact threshold through a typed Parquet file: "trên 85%" (online_dossiers_2030) is not met by 85 nor by 85.00
/// (a Decimal128 column of scale 2 stores 85 as 8500), and is by 85.01 (margin 0.01), as from CSV.
#[test]
fn the_exact_threshold_reads_the_same_from_parquet() {
    let cat = Catalogue::builtin();
    let header = ["unit", "indicator", "period", "value"];
    let rows: Vec<Vec<Option<&str>>> = [("A", "85"), ("B", "85.00"), ("C", "85.01"), ("D", "84.99")]
        .iter()
        .map(|(u, v)| vec![Some(*u), Some("online_dossiers"), Some("2030"), Some(*v)])
        .collect();
    let bytes = columnar::texts_to_parquet(&header, &rows).unwrap();
    let (figures, errors) = read_figures(&cat, &bytes).unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    let options = Options::new(parse_as_of("2030").unwrap());
    let table = batch::evaluate(&cat, &figures, errors, &options).unwrap();
    let verdict = |unit: &str| {
        let r =
            table.iter().find(|r| table.unit(r) == Some(unit) && table.target(r) == "online_dossiers_2030").unwrap();
        (r.status.map(|s| s.code()), r.outcome.and_then(|n| n.margin).map(|m| m.to_string()))
    };
    assert_eq!(verdict("A").0, Some("not_achieved"));
    assert_eq!(verdict("B").0, Some("not_achieved"));
    assert_eq!(verdict("D").0, Some("not_achieved"));
    let (status, margin) = verdict("C");
    assert_eq!(status, Some("achieved"));
    assert_eq!(Decimal::from_str(&margin.unwrap()).unwrap(), Decimal::from_str("0.01").unwrap());
}
