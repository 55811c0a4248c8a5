//! Replays every saved fuzz input (tests/fuzz-regressions/<target>/*) through the checks the fuzz targets run,
//! on stable Rust. Crashes found by `scripts/fuzz.sh` are added there; the hand-made seeds cover known-hard
//! shapes (deep nesting, huge exponents, overlapping periods, 28-digit values).

#[path = "../../tests/fuzz_checks.rs"]
mod checks;

use std::path::PathBuf;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fuzz-regressions").join(target);
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().path())
                .filter(|p| p.is_file())
                .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn catalogue_inputs() {
    let all = inputs("catalogue");
    assert!(!all.is_empty());
    for (name, data) in all {
        eprintln!("{name}");
        checks::catalogue(&data);
    }
}

#[test]
fn figure_inputs() {
    let all = inputs("figures");
    assert!(!all.is_empty());
    for (name, data) in all {
        eprintln!("{name}");
        checks::figures(&data);
    }
}

#[test]
fn evaluate_inputs() {
    let all = inputs("evaluate");
    assert!(!all.is_empty());
    for (name, data) in all {
        eprintln!("{name}");
        checks::evaluate_structured(&data);
    }
}

#[test]
fn deep_json_nesting_is_a_syntax_error_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let cat = chitieu::Catalogue::builtin();
    assert_eq!(chitieu::Figures::from_json(&cat, &deep).unwrap_err().code(), "figures_syntax");
    assert_eq!(chitieu::Catalogue::from_json(&deep).unwrap_err().code(), "catalogue_syntax");
}

#[test]
fn programme_inputs() {
    let all = inputs("programme");
    assert!(!all.is_empty());
    for (name, data) in all {
        eprintln!("{name}");
        checks::programme(&data);
    }
}

#[cfg(feature = "docx")]
#[test]
fn docx_inputs() {
    let all = inputs("docx");
    assert!(!all.is_empty());
    for (name, data) in all {
        eprintln!("{name}");
        checks::docx(&data);
    }
}

#[cfg(feature = "draft")]
#[test]
fn draft_inputs() {
    let all = inputs("draft");
    assert!(!all.is_empty());
    for (name, data) in all {
        eprintln!("{name}");
        checks::draft(&data);
    }
}
