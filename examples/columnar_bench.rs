//! Benchmark: the national figures read from Parquet and Arrow IPC against the same rows read from CSV, on one
//! thread (feature `columnar`), and the batch table written as CSV, Parquet and Arrow IPC.
//!
//! ```sh
//! cargo run --release -p chitieu --features synthetic,columnar --example columnar_bench            # 3,321 units, 7 runs
//! cargo run --release -p chitieu --features synthetic,columnar --example columnar_bench -- --units 200 --runs 3
//! ```
//!
//! The synthetic national figures (seed 1) as CSV text; as Parquet with typed columns where every cell allows
//! (`chitieu::columnar::texts_to_parquet`: `period` Int32, the numbers Decimal128, the names dictionary text) and
//! with every column dictionary text; as an Arrow IPC file of the typed columns. Each read is timed in turn
//! (alternating, so that a load shared with other work falls on all alike), and the medians of wall and CPU time
//! are printed; the figures and bad rows read are checked equal to the CSV reader's.

use chitieu::synthetic::{to_csv_string, Synthetic};
use chitieu::{batch, columnar, parse_as_of, Catalogue, Options};
use std::time::Instant;

fn arg<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> T {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// CPU time of this process so far (user and system) in ms, from /proc (Linux; ticks of 10 ms).
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |s| s.1);
    let f: Vec<&str> = after.split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|t| t.parse::<f64>().ok()).unwrap_or(0.0);
    (tick(11) + tick(12)) * 10.0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let units: usize = arg(&args, "--units", 3321);
    let runs: usize = arg(&args, "--runs", 7);
    let cat = Catalogue::builtin();
    let opts = Synthetic { units, ..Default::default() };
    let (csv, _) = to_csv_string(&cat, &opts);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(csv.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("the generator writes CSV")).collect();
    let header: Vec<&str> = records[0].iter().collect();
    let rows: Vec<Vec<Option<&str>>> = records[1..].iter().map(|r| r.iter().map(Some).collect()).collect();
    let typed_batch = columnar::texts_to_record_batch(&header, &rows, true).expect("a batch");
    let typed = columnar::write_parquet(&typed_batch).expect("written");
    let ipc = columnar::write_ipc(&typed_batch).expect("written");
    let text_batch = columnar::texts_to_record_batch(&header, &rows, false).expect("a batch");
    let text = columnar::write_parquet(&text_batch).expect("written");
    // the same texts as plain Utf8 columns (as pyarrow writes a pandas column of strings)
    let plain = {
        use arrow_array::cast::AsArray;
        use arrow_array::types::Int32Type;
        let columns: Vec<(String, arrow_array::ArrayRef)> = text_batch
            .schema()
            .fields()
            .iter()
            .zip(text_batch.columns())
            .map(|(f, c)| {
                let d = c.as_dictionary::<Int32Type>();
                let values = d.values().as_string::<i32>();
                let texts: arrow_array::StringArray =
                    d.keys().iter().map(|k| k.map(|k| values.value(k as usize))).collect();
                (f.name().clone(), std::sync::Arc::new(texts) as arrow_array::ArrayRef)
            })
            .collect();
        columnar::write_parquet(&arrow_array::RecordBatch::try_from_iter(columns).expect("a batch")).expect("written")
    };
    let types: Vec<String> =
        typed_batch.schema().fields().iter().map(|f| format!("{} {}", f.name(), f.data_type())).collect();
    println!("typed columns: {}", types.join(", "));
    println!(
        "{units} units, {} rows: CSV {:.1} MB, Parquet typed {:.1} MB, Parquet text {:.1} MB (utf8 {:.1} MB), Arrow \
         IPC {:.1} MB",
        rows.len(),
        csv.len() as f64 / 1e6,
        typed.len() as f64 / 1e6,
        text.len() as f64 / 1e6,
        plain.len() as f64 / 1e6,
        ipc.len() as f64 / 1e6
    );
    let want = batch::read_csv(&cat, &csv).expect("read");
    let key = |e: &[chitieu::RowError]| -> Vec<(Option<usize>, Option<String>, &'static str)> {
        e.iter().map(|e| (e.row, e.unit.clone(), e.error.code())).collect()
    };
    for (name, bytes) in
        [("parquet typed", &typed), ("parquet text", &text), ("parquet utf8", &plain), ("arrow ipc", &ipc)]
    {
        let got = columnar::read_figures(&cat, bytes).expect("read");
        assert_eq!(got.0.len(), want.0.len(), "{name}");
        assert_eq!(key(&got.1), key(&want.1), "{name}");
        assert_eq!(got.0.read_rows(), want.0.read_rows(), "{name}");
    }
    let names = [
        "csv (1 thread)",
        "parquet typed",
        "parquet dict text",
        "parquet utf8 text",
        "arrow ipc typed",
        "(parquet decode)",
    ];
    let mut wall = vec![Vec::new(); names.len()];
    let mut cpu = vec![Vec::new(); names.len()];
    for _ in 0..runs {
        for (k, w) in wall.iter_mut().enumerate() {
            let (c, t) = (cpu_ms(), Instant::now());
            let read = match k {
                0 => batch::read_csv_threads(&cat, &csv, 1),
                1 => columnar::read_figures(&cat, &typed),
                2 => columnar::read_figures(&cat, &text),
                3 => columnar::read_figures(&cat, &plain),
                4 => columnar::read_figures(&cat, &ipc),
                _ => {
                    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
                    let data = bytes::Bytes::copy_from_slice(&typed);
                    let reader = ParquetRecordBatchReaderBuilder::try_new(data).expect("a file");
                    let n: usize = reader
                        .with_batch_size(65536)
                        .build()
                        .expect("a reader")
                        .map(|b| b.expect("a batch").num_rows())
                        .sum();
                    assert_eq!(n, rows.len());
                    Ok((chitieu::Figures::default(), Vec::new()))
                }
            }
            .expect("read");
            w.push(t.elapsed().as_secs_f64() * 1e3);
            cpu[k].push(cpu_ms() - c);
            drop(read);
        }
    }
    println!("read (median of {runs}, wall / CPU ms):");
    for (k, n) in names.iter().enumerate() {
        println!("  {n:<18} {:8.1} / {:8.1}", median(wall[k].clone()), median(cpu[k].clone()));
    }
    // the table written
    let (figures, errors) = batch::read_csv(&cat, &csv).expect("read");
    let table = batch::evaluate(&cat, &figures, errors, &Options::new(parse_as_of("2027").expect("a date")))
        .expect("evaluated");
    let mut times = vec![Vec::new(); 3];
    let mut sizes = [0usize; 3];
    for _ in 0..runs.min(5) {
        for (k, t) in times.iter_mut().enumerate() {
            let start = Instant::now();
            sizes[k] = match k {
                0 => table.to_csv().len(),
                1 => columnar::batch_to_parquet(&table).expect("written").len(),
                _ => columnar::batch_to_ipc(&table).expect("written").len(),
            };
            t.push(start.elapsed().as_secs_f64() * 1e3);
        }
    }
    println!("the table of {} rows written (median, wall ms, size):", table.len());
    for (k, n) in ["csv", "parquet", "arrow ipc"].iter().enumerate() {
        println!("  {n:<18} {:8.1}   {:.1} MB", median(times[k].clone()), sizes[k] as f64 / 1e6);
    }
}
