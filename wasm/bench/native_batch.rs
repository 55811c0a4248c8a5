//! The native side of the JavaScript batch benchmark (wasm/bench/batch.mjs): the same CSV file read with the
//! core's `batch::read_csv` and evaluated with `batch::evaluate` on one thread, timed; one JSON line out.
//!
//! ```sh
//! cargo run --release -p chitieu-wasm --example native_batch -- FILE.csv [AS_OF] [RUNS]
//! ```

use chitieu::{batch, parse_as_of, Catalogue, Options};
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: native_batch FILE.csv [AS_OF] [RUNS]");
        std::process::exit(2);
    };
    let as_of = args.get(1).map(String::as_str).unwrap_or("2028");
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(7).max(1);
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let cat = Catalogue::builtin();
    let options = Options::new(parse_as_of(as_of).expect("a date, a quarter or a year"));
    let t = Instant::now();
    let (figures, errors) = batch::read_csv(&cat, &text).expect("a CSV header");
    let parse_ms = t.elapsed().as_secs_f64() * 1e3;
    let mut times = Vec::new();
    let mut rows = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let table = batch::evaluate(&cat, &figures, errors.clone(), &options).expect("valid options");
        times.push(t.elapsed().as_secs_f64() * 1e3);
        rows = table.len();
    }
    println!(
        "{{\"figures\":{},\"bad_rows\":{},\"rows\":{rows},\"parse_ms\":{parse_ms:.1},\"evaluate_ms\":{:.1},\"runs\":{runs}}}",
        figures.len(),
        errors.len(),
        median(times)
    );
}
