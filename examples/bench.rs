//! Benchmark: evaluate the whole built-in catalogue for one ward with six years (2025-2030) of figures.
//!
//! ```sh
//! cargo run --release --example bench            # prints medians; add a number to change the iterations
//! ```
//!
//! The figures are synthetic (one plausible figure per indicator, year and entity, built from the catalogue so
//! that every target has something to judge). Parsing is timed separately from evaluation. Last, the drafter
//! ([`chitieu::draft`]) on the programme's whole text.

use chitieu::{evaluate, parse_as_of, Catalogue, Figures, Measure, Options};
use std::time::Instant;

/// One CSV of figures for every indicator of the catalogue, 2025-2030.
fn synthetic_figures(cat: &Catalogue) -> String {
    let mut out = String::from("indicator,period,value,numerator,denominator,done,completed,entity\n");
    for (i, ind) in cat.indicators.iter().enumerate() {
        // a per-entity or coverage target reads entity figures; give those indicators three entities
        let per_entity = cat
            .targets
            .iter()
            .any(|t| t.indicator == ind.id && (t.per_entity || matches!(t.timing, chitieu::Timing::Coverage { .. })));
        let entities: Vec<String> =
            if per_entity { (1..=3).map(|e| format!("e{e}")).collect() } else { vec![String::new()] };
        for year in 2025..=2030 {
            for e in &entities {
                let k = (year - 2025) as i64;
                let row = match ind.measure {
                    Measure::Level | Measure::Rate => {
                        format!("{},{year},{},,,,,{e}", ind.id, 1000 * (100 + 15 * k + i as i64) / 100)
                    }
                    Measure::Share => format!("{},{year},,{},200,,,{e}", ind.id, 150 + 8 * k),
                    Measure::Count => format!("{},{year},{},,,,,{e}", ind.id, 2 + k),
                    Measure::Status => format!("{},{year},,,,true,,{e}", ind.id),
                    Measure::Completion => {
                        if year == 2026 {
                            format!("{},,,,,,2026-03-01,{e}", ind.id)
                        } else {
                            continue;
                        }
                    }
                };
                out.push_str(&row);
                out.push('\n');
            }
        }
    }
    out
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let iterations: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(2000);
    let cat = Catalogue::builtin();
    let csv = synthetic_figures(&cat);
    let options = Options::new(parse_as_of("2028").unwrap());

    let mut parse = Vec::with_capacity(iterations);
    let mut eval = Vec::with_capacity(iterations);
    let mut numbers = Vec::with_capacity(iterations);
    let mut quiet = options.clone();
    quiet.explain = false;
    let mut figures = Figures::default();
    for _ in 0..iterations {
        let t = Instant::now();
        figures = Figures::from_csv(&cat, &csv).expect("synthetic figures are valid");
        parse.push(t.elapsed().as_secs_f64() * 1e6);
        let t = Instant::now();
        let evs = evaluate(&cat, &figures, &options).expect("evaluation");
        eval.push(t.elapsed().as_secs_f64() * 1e6);
        std::hint::black_box(evs);
        let t = Instant::now();
        let evs = evaluate(&cat, &figures, &quiet).expect("evaluation");
        numbers.push(t.elapsed().as_secs_f64() * 1e6);
        std::hint::black_box(evs);
    }
    println!(
        "catalogue: {} targets; figures: {} rows (2025-2030); {iterations} iterations",
        cat.targets.len(),
        figures.len()
    );
    println!("median parse CSV                      : {:8.1} µs", median(parse));
    println!("median evaluate, with explanations    : {:8.1} µs", median(eval));
    println!("median evaluate, numbers only (explain=false): {:8.1} µs", median(numbers));

    // The drafter on the whole of 09-CTr/ĐU's text (issue 17: under 50 ms natively).
    let runs = (iterations / 20).clamp(5, 200);
    let mut draft = Vec::with_capacity(runs);
    let mut targets = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let d = chitieu::draft::draft(chitieu::SOURCE_DOCUMENT).expect("the programme drafts");
        draft.push(t.elapsed().as_secs_f64() * 1e3);
        targets = d.catalogue.targets.len();
    }
    println!(
        "median draft 09-CTr/ĐU ({} KB, {targets} targets, {runs} runs): {:8.1} ms",
        chitieu::SOURCE_DOCUMENT.len() / 1024,
        median(draft)
    );
}
