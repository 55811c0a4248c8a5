//! Write synthetic national figures: every commune and ward following the built-in catalogue (or one given).
//!
//! ```sh
//! cargo run --release -p chitieu --features synthetic --example synthetic -- --seed 1 --units 3321 --out national.csv
//! ```
//!
//! Options: `--seed N` (1), `--units N` (3321), `--missing PER_MILLE` (20), `--bad PER_MILLE` (units with bad
//! rows, 5), `--catalogue FILE.json` (the built-in one), `--out FILE` (standard output), `--planted FILE.json`
//! (the planted bad rows as JSON). A summary goes to standard error.
//!
//! `--out FILE.parquet` writes the same rows as a Parquet file (feature `columnar`: `--features
//! synthetic,columnar`): `period` as Int32 and the number columns as Decimal128 where every cell allows (with
//! `--bad 0`; a planted bad cell keeps its column text), the others as dictionary-encoded text
//! (`chitieu::columnar::texts_to_parquet`); the rows and their numbers are those of the CSV file.

use chitieu::synthetic::{write_csv, Synthetic};
use chitieu::Catalogue;
use std::io::{BufWriter, Write};
use std::time::Instant;

fn main() {
    if let Err(e) = run() {
        eprintln!("synthetic: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let mut opts = Synthetic::default();
    let (mut out, mut catalogue, mut planted_out) = (None, None, None);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        let number = |s: String| s.parse::<u64>().map_err(|_| format!("{a}: not a number: {s:?}"));
        match a.as_str() {
            "--seed" => opts.seed = number(value()?)?,
            "--units" => opts.units = number(value()?)? as usize,
            "--missing" => opts.missing_per_mille = number(value()?)?.min(1000) as u32,
            "--bad" => opts.bad_unit_per_mille = number(value()?)?.min(1000) as u32,
            "--out" => out = Some(value()?),
            "--catalogue" => catalogue = Some(value()?),
            "--planted" => planted_out = Some(value()?),
            "-h" | "--help" => {
                eprintln!("usage: synthetic [--seed N] [--units N] [--missing PER_MILLE] [--bad PER_MILLE] [--catalogue FILE] [--out FILE] [--planted FILE]");
                return Ok(());
            }
            _ => return Err(format!("unknown argument {a:?} (try --help)")),
        }
    }
    let catalogue = match catalogue {
        None => Catalogue::builtin(),
        Some(path) => {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
            Catalogue::from_json(&text).map_err(|e| format!("{path}: {e}"))?
        }
    };
    let start = Instant::now();
    let planted = match &out {
        Some(path) if path.to_ascii_lowercase().ends_with(".parquet") => Ok(write_parquet(&catalogue, &opts, path)?),
        Some(path) => {
            let file = std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?;
            write_csv(&catalogue, &opts, BufWriter::with_capacity(1 << 20, file))
        }
        None => write_csv(&catalogue, &opts, BufWriter::new(std::io::stdout().lock())),
    }
    .map_err(|e| e.to_string())?;
    let elapsed = start.elapsed();
    if let Some(path) = planted_out {
        let json = serde_json::to_string_pretty(&planted).map_err(|e| e.to_string())?;
        std::fs::write(&path, json + "\n").map_err(|e| format!("{path}: {e}"))?;
    }
    let mut err = std::io::stderr().lock();
    let size = out.as_ref().and_then(|p| std::fs::metadata(p).ok()).map(|m| m.len());
    let _ = writeln!(
        err,
        "{} units, {} rows (+ header){}, {} missing, {} bad rows in {} units; {:.2} s (seed {})",
        planted.units,
        planted.rows,
        size.map(|s| format!(", {:.1} MB", s as f64 / 1e6)).unwrap_or_default(),
        planted.missing,
        planted.bad.len(),
        planted.bad.iter().map(|b| &b.unit).collect::<std::collections::BTreeSet<_>>().len(),
        elapsed.as_secs_f64(),
        opts.seed,
    );
    for (code, n) in planted.bad_by_code() {
        let _ = writeln!(err, "  {code:<28} {n}");
    }
    Ok(())
}

/// The synthetic figures as a Parquet file (through their CSV text, parsed by the csv crate).
#[cfg(feature = "columnar")]
fn write_parquet(catalogue: &Catalogue, opts: &Synthetic, path: &str) -> Result<chitieu::synthetic::Planted, String> {
    let (text, planted) = chitieu::synthetic::to_csv_string(catalogue, opts);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = records.next().ok_or("no header")?.map_err(|e| e.to_string())?;
    let header: Vec<&str> = header.iter().collect();
    let rows: Vec<csv::StringRecord> = records.collect::<Result<_, _>>().map_err(|e| e.to_string())?;
    let cells: Vec<Vec<Option<&str>>> = rows.iter().map(|r| r.iter().map(Some).collect()).collect();
    let bytes = chitieu::columnar::texts_to_parquet(&header, &cells).map_err(|e| format!("{path}: {e}"))?;
    std::fs::write(path, bytes).map_err(|e| format!("{path}: {e}"))?;
    Ok(planted)
}

#[cfg(not(feature = "columnar"))]
fn write_parquet(_: &Catalogue, _: &Synthetic, path: &str) -> Result<chitieu::synthetic::Planted, String> {
    Err(format!(
        "{path}: Parquet is written with the feature columnar: cargo run --release -p chitieu --features \
         synthetic,columnar --example synthetic -- --out {path}"
    ))
}
