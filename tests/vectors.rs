//! Replays the golden vectors of `tests/vectors/*.json` (format in `tests/vectors/README.md`).
//! The same files are replayed by pytest and node.

use chitieu::{evaluate, Catalogue, Decimal, Error, Figures, Options, ReadOptions};
use serde_json::Value;
use std::path::PathBuf;
use std::str::FromStr;

const DECIMAL_FIELDS: &[&str] = &[
    "value",
    "margin",
    "achievement_ratio",
    "progress_ratio",
    "rate_to_date",
    "rate_required",
    "expected_to_date",
    "projected",
];

fn vector_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

/// Run one case: Ok(evaluations as JSON) or the error.
fn run(case: &Value) -> Result<Vec<Value>, Error> {
    let catalogue = match (case.get("catalogue"), case.get("catalogue_json")) {
        (_, Some(Value::String(text))) => Catalogue::from_json(text)?,
        (Some(c), _) if !c.is_null() => Catalogue::from_json(&c.to_string())?,
        _ => Catalogue::builtin(),
    };
    let figures = match (case.get("figures_csv"), case.get("figures")) {
        (Some(Value::String(csv)), None) => {
            // `read`: how the text writes numbers (`{"decimal_comma": true}`)
            let comma = case.get("read").and_then(|r| r.get("decimal_comma")).and_then(Value::as_bool);
            Figures::from_csv_with(&catalogue, csv, &ReadOptions::default().decimal_comma(comma.unwrap_or(false)))?
        }
        (None, Some(json)) => Figures::from_json(&catalogue, &json.to_string())?,
        _ => panic!("a case needs exactly one of figures_csv and figures"),
    };
    let options: Options = serde_json::from_value(case["options"].clone()).expect("options parse");
    let evs = evaluate(&catalogue, &figures, &options)?;
    Ok(evs.iter().map(|e| serde_json::to_value(e).unwrap()).collect())
}

fn check_case(file: &str, case: &Value) -> Vec<String> {
    let name = format!("{file} / {}", case["name"].as_str().unwrap_or("?"));
    let mut problems = Vec::new();
    match (run(case), case.get("expect_error")) {
        (Err(e), Some(want)) => {
            let details = serde_json::to_value(e.details()).unwrap();
            for (k, v) in want.as_object().unwrap() {
                let got = if k == "code" {
                    Value::String(e.code().into())
                } else {
                    details.get(k).cloned().unwrap_or(Value::Null)
                };
                if &got != v {
                    problems.push(format!("{name}: error {k} is {got}, expected {v} ({e})"));
                }
            }
        }
        (Err(e), None) => problems.push(format!("{name}: unexpected error {} ({e})", e.code())),
        (Ok(_), Some(want)) => problems.push(format!("{name}: expected error {}, got a result", want["code"])),
        (Ok(evs), None) => {
            for (target, fields) in case["expect"].as_object().expect("expect") {
                let Some(ev) = evs.iter().find(|e| e["target"] == *target) else {
                    problems.push(format!("{name}: no evaluation for {target}"));
                    continue;
                };
                for (k, want) in fields.as_object().unwrap() {
                    let got = ev.get(k).cloned().unwrap_or(Value::Null);
                    let same = if DECIMAL_FIELDS.contains(&k.as_str()) {
                        match (got.as_str(), want.as_str()) {
                            (Some(g), Some(w)) => Decimal::from_str(g).ok() == Decimal::from_str(w).ok(),
                            _ => got == *want,
                        }
                    } else {
                        got == *want
                    };
                    if !same {
                        problems.push(format!(
                            "{name}: {target}.{k} is {got}, expected {want}; explanation: {}",
                            ev["explanation_en"]
                        ));
                    }
                }
            }
        }
    }
    problems
}

#[test]
fn golden_vectors() {
    let mut files: Vec<_> = std::fs::read_dir(vector_dir())
        .expect("tests/vectors exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "golden vector files missing");
    let mut problems = Vec::new();
    let mut cases = 0;
    for f in &files {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).expect("vector file is JSON");
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        for case in v["cases"].as_array().expect("cases") {
            cases += 1;
            problems.extend(check_case(&name, case));
        }
    }
    assert!(cases > 100, "only {cases} cases");
    assert!(problems.is_empty(), "{} of {cases} vector checks failed:\n{}", problems.len(), problems.join("\n"));
}

/// Every error code of the core is produced by at least one golden vector (so every binding's replay covers it).
#[test]
fn every_error_code_has_a_vector() {
    let mut seen = std::collections::BTreeSet::new();
    for f in std::fs::read_dir(vector_dir()).unwrap() {
        let p = f.unwrap().path();
        if p.extension().is_some_and(|x| x == "json") {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            for c in v["cases"].as_array().unwrap() {
                if let Some(code) = c.get("expect_error").and_then(|e| e["code"].as_str()) {
                    seen.insert(code.to_string());
                }
            }
        }
    }
    // `docx_syntax` comes from reading a .docx (feature `docx`), not from evaluating: the WebAssembly build, which
    // replays these vectors too, has no .docx reader. core/tests/docx.rs and python/tests/test_docx.py produce it.
    // `xlsx_syntax` likewise comes from reading a workbook: core/tests/xlsx.rs and python/tests/test_xlsx.py.
    let not_from_evaluation = ["docx_syntax", "xlsx_syntax"];
    let missing: Vec<_> =
        Error::CODES.iter().filter(|c| !seen.contains(**c) && !not_from_evaluation.contains(c)).collect();
    assert!(missing.is_empty(), "error codes without a golden vector: {missing:?}");
}
