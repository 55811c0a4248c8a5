//! Benchmark: the national batch. Every target of the built-in catalogue for every unit of a synthetic national
//! dataset (3,321 units by default, 2025-2030, seed 1; see `chitieu::synthetic`), read leniently from CSV and
//! evaluated into one table.
//!
//! ```sh
//! cargo run --release -p chitieu --features synthetic --example batch                 # national, medians of 7
//! cargo run --release -p chitieu --features synthetic --example batch -- --units 100 --runs 3
//! cargo run --release -p chitieu --features synthetic --example batch -- --scaling    # 100 -> 3,321 units
//! cargo run --release -p chitieu --features synthetic --example batch -- --units 50 --csv > verdicts.csv
//! cargo run --release -p chitieu --features synthetic --example batch -- --as-of 2030    # after the term (default 2028)
//! ```
//!
//! It prints, as medians: the time to read the figures (on one thread and on all cores), to evaluate them (one
//! thread, all cores), to write the table as CSV, and the end-to-end time of the batch command's work (`report
//! --all-units --out`: the file read from disk a stretch at a time on all cores (`batch::read_csv_reader`), judged
//! on all cores, the table and its errors written to files), with the ratio read/evaluate; it checks that the tables are identical whatever the
//! threads, that every planted bad row is reported with its unit, row and code and every row accounted for, and
//! prints the peak memory of the process.

use chitieu::synthetic::{to_csv_string, Synthetic};
use chitieu::{batch, parse_as_of, Catalogue, Date, Options};
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn arg<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> T {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Peak resident memory of this process in MiB (Linux), if known.
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// CPU time of this process so far (user and system) in ms, from /proc (Linux; ticks of 10 ms), if known: on a
/// machine shared with other work, the one-thread phases' CPU time is steadier than their wall time.
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // the fields after the command name (which is in parentheses): utime and stime are the 12th and 13th
    let after = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks * 10.0)
}

/// Wall and CPU time of `f` in ms.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, Option<f64>) {
    let (c, t) = (cpu_ms(), Instant::now());
    let out = f();
    let wall = t.elapsed().as_secs_f64() * 1e3;
    (out, wall, cpu_ms().zip(c).map(|(b, a)| b - a))
}

struct Run {
    rows: usize,
    figures: usize,
    bytes: usize,
    read_ms: f64,
    read_cpu_ms: Option<f64>,
    one_cpu_ms: Option<f64>,
    read_all_ms: f64,
    write_ms: f64,
    end_to_end_ms: f64,
    one_ms: f64,
    all_ms: f64,
    stream_ms: f64,
    float_columns_ms: f64,
    text_columns_ms: f64,
}

fn run(cat: &Catalogue, units: usize, seed: u64, runs: usize, threads: usize, csv_out: bool, as_of: Date) -> Run {
    let (csv, planted) = to_csv_string(cat, &Synthetic { seed, units, ..Synthetic::default() });
    let options = Options::new(as_of);
    // reading, on one thread and on all cores (the same figures and bad rows), runs alternated
    let (mut reads, mut reads_all, mut read_cpu) = (Vec::new(), Vec::new(), Vec::new());
    let mut read = None;
    for _ in 0..runs {
        let (one, wall, cpu) = timed(|| batch::read_csv(cat, &csv).expect("the synthetic file has a valid header"));
        reads.push(wall);
        read_cpu.extend(cpu);
        drop(read.take());
        let t = Instant::now();
        let all = batch::read_csv_threads(cat, &csv, threads).expect("the synthetic file has a valid header");
        reads_all.push(t.elapsed().as_secs_f64() * 1e3);
        assert!(all.1 == one.1 && all.0.len() == one.0.len(), "reading on {threads} threads differs");
        drop(all);
        read = Some(one);
    }
    let (figures, errors) = read.expect("runs >= 1");
    let account = batch::account_rows(&figures, &errors);
    assert!(account.all_accounted(), "rows not accounted for: {account:?}");
    let bytes = csv.len();
    // the file the end-to-end runs read (below), written now so that the text is not held while evaluating
    let dir = std::env::temp_dir().join(format!("chitieu-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let input = dir.join("figures.csv");
    std::fs::write(&input, &csv).expect("the figures written");
    drop(csv);
    let (mut one, mut all, mut stream, mut one_cpu) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut tables = (None, None);
    for _ in 0..runs {
        let (table, wall, cpu) =
            timed(|| batch::evaluate(cat, &figures, errors.clone(), &options).expect("valid options"));
        one.push(wall);
        one_cpu.extend(cpu);
        tables.0 = Some(table);
        let t = Instant::now();
        let table = batch::evaluate_threads(cat, &figures, errors.clone(), &options, threads).expect("valid options");
        all.push(t.elapsed().as_secs_f64() * 1e3);
        tables.1 = Some(table);
        let t = Instant::now();
        let mut achieved = 0usize;
        batch::for_each_row(cat, &figures, errors.clone(), &options, |row, _| {
            achieved += usize::from(row.status == Some(chitieu::Status::Achieved))
        })
        .expect("valid options");
        stream.push(t.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(achieved);
    }
    let (one_table, all_table) = (tables.0.expect("runs >= 1"), tables.1.expect("runs >= 1"));
    // the table as the wrappers' columns (BatchTable::columns): floats, and exact texts
    let (mut floats, mut texts) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(one_table.columns(batch::NumberColumns::Float));
        floats.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        std::hint::black_box(one_table.columns(batch::NumberColumns::Text));
        texts.push(t.elapsed().as_secs_f64() * 1e3);
    }
    assert!(one_table == all_table, "one thread and {threads} threads must give the same table");
    // every planted bad row is reported with its unit, row and code
    for bad in &planted.bad {
        let found = one_table.errors.iter().any(|e| {
            e.row == Some(bad.row) && e.unit.as_deref() == Some(bad.unit.as_str()) && e.error.code() == bad.code
        });
        assert!(found, "planted bad row {} ({}, {}) not reported", bad.row, bad.unit, bad.code);
    }
    // writing the table as CSV
    let mut writes = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(one_table.to_csv());
        writes.push(t.elapsed().as_secs_f64() * 1e3);
    }
    if csv_out {
        print!("{}", one_table.to_csv());
    }
    // end to end, what `report --all-units --format csv --out FILE` does: from the file on disk to the table and
    // its errors in files, on all cores
    let rows = one_table.len();
    drop((one_table, all_table));
    let mut ends = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let file = std::fs::File::open(&input).expect("the figures read back");
        let size = file.metadata().map(|m| m.len()).ok();
        let (f, e) = batch::read_csv_reader(cat, std::io::BufReader::new(file), threads, &Default::default(), size)
            .expect("the file read")
            .expect("a valid header");
        assert!(batch::account_rows(&f, &e).all_accounted());
        let table = batch::evaluate_threads(cat, &f, e, &options, threads).expect("valid options");
        drop(f);
        std::fs::write(dir.join("verdicts.csv"), table.to_csv()).expect("the table written");
        std::fs::write(dir.join("verdicts.csv.errors.csv"), table.errors_csv()).expect("the errors written");
        ends.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let _ = std::fs::remove_dir_all(&dir);
    Run {
        rows,
        figures: figures.len(),
        bytes,
        read_ms: median(reads),
        read_cpu_ms: (!read_cpu.is_empty()).then(|| median(read_cpu)),
        one_cpu_ms: (!one_cpu.is_empty()).then(|| median(one_cpu)),
        read_all_ms: median(reads_all),
        write_ms: median(writes),
        end_to_end_ms: median(ends),
        one_ms: median(one),
        all_ms: median(all),
        stream_ms: median(stream),
        float_columns_ms: median(floats),
        text_columns_ms: median(texts),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let units: usize = arg(&args, "--units", 3321);
    let seed: u64 = arg(&args, "--seed", 1);
    let runs: usize = arg::<usize>(&args, "--runs", 7).max(1);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads: usize = arg(&args, "--threads", cores);
    let csv_out = args.iter().any(|a| a == "--csv");
    let as_of_text: String = arg(&args, "--as-of", "2028".to_string());
    let Some(as_of) = parse_as_of(&as_of_text) else {
        eprintln!("--as-of: not a date or year: {as_of_text:?}");
        std::process::exit(2);
    };
    let cat = Catalogue::builtin();
    if args.iter().any(|a| a == "--scaling") {
        eprintln!("units   figures   result rows   evaluate (1 thread, median)   per unit");
        for n in [100, 330, 1000, 3321] {
            let r = run(&cat, n, seed, runs, threads, false, as_of);
            eprintln!(
                "{n:>5} {:>9} {:>13} {:>17.1} ms {:>17.1} µs",
                r.figures,
                r.rows,
                r.one_ms,
                r.one_ms * 1e3 / n as f64
            );
        }
        return;
    }
    let r = run(&cat, units, seed, runs, threads, csv_out, as_of);
    eprintln!(
        "{units} units, {} targets: {} figures ({:.1} MB of CSV), {} result rows, as of {as_of_text}; medians of {runs} runs",
        cat.targets.len(),
        r.figures,
        r.bytes as f64 / 1e6,
        r.rows
    );
    eprintln!("median read, 1 thread       : {:8.1} ms (batch::read_csv, lenient)", r.read_ms);
    eprintln!(
        "median read, {threads} threads      : {:8.1} ms (batch::read_csv_threads, the same figures)",
        r.read_all_ms
    );
    eprintln!("median evaluate, 1 thread   : {:8.1} ms", r.one_ms);
    eprintln!("median evaluate, {threads} threads  : {:8.1} ms (the same table)", r.all_ms);
    eprintln!("median write CSV table      : {:8.1} ms (BatchTable::to_csv)", r.write_ms);
    eprintln!(
        "median end to end          : {:8.1} ms (report --all-units --out: file -> read -> judge -> files, {threads} threads)",
        r.end_to_end_ms
    );
    eprintln!(
        "ratio read/evaluate         : {:8.2} on 1 thread, {:.2} on {threads} threads",
        r.read_ms / r.one_ms,
        r.read_all_ms / r.all_ms
    );
    if let (Some(read), Some(one)) = (r.read_cpu_ms, r.one_cpu_ms) {
        eprintln!(
            "median CPU time, 1 thread   : {read:8.0} ms read, {one:.0} ms evaluate (ratio {:.2}; ticks of 10 ms)",
            read / one
        );
    }
    eprintln!("median stream rows, 1 thread: {:8.1} ms (batch::for_each_row, no table kept)", r.stream_ms);
    eprintln!(
        "median table as columns     : {:8.1} ms floats, {:.1} ms exact texts (BatchTable::columns)",
        r.float_columns_ms, r.text_columns_ms
    );
    if let Some(mib) = peak_mib() {
        eprintln!("peak memory                 : {mib:8.0} MiB (of the whole benchmark: figures text, figures read twice, tables)");
    }
}
