//! Peer check: the Open SDG method against the results Statistics Canada's bots published with sdg-build 2.4.0
//! (tests/peer/open-sdg-statcan, see its README). Every series: status exactly, progress value and score within
//! 1e-9 relative (nulls as nulls). Every indicator aggregate: auto-on ones recomputed from the series results (and
//! groups.json for the 5 grouped indicators), auto-off ones represented as a stated status with no score.

use chitieu::figures::parse_decimal;
use chitieu::methods::{
    assess, open_sdg_indicator, Assessment, Entry, IndicatorProgress, Method, ProgressStatus, Series,
};
use chitieu::Direction;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/peer/open-sdg-statcan");

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{DIR}/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn rows(name: &str) -> Vec<HashMap<String, String>> {
    let text = read(name);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| headers.iter().zip(rec.unwrap().iter()).map(|(h, v)| (h.into(), v.into())).collect())
        .collect()
}

fn opt_f64(s: &str) -> Option<f64> {
    (!s.is_empty()).then(|| s.parse().unwrap_or_else(|_| panic!("not a number: {s:?}")))
}

fn opt_year(s: &str) -> Option<i32> {
    (!s.is_empty()).then(|| s.parse().unwrap())
}

fn dec(s: &str) -> Option<chitieu::Decimal> {
    (!s.is_empty()).then(|| parse_decimal(s).unwrap_or_else(|| panic!("not a decimal: {s:?}")))
}

/// The method's input from the published components: base and latest values (the same year when there is one), the
/// effective base year, target, target year, direction, limit.
fn series(get: &dyn Fn(&str) -> String) -> Series {
    let direction = match get("direction").as_str() {
        "positive" => Direction::Increase,
        "negative" => Direction::Decrease,
        d => panic!("direction {d:?}"),
    };
    let mut values = BTreeMap::new();
    if let (Some(y), Some(v)) = (opt_year(&get("base_year")), dec(&get("base_value"))) {
        values.insert(y, v);
    }
    if let (Some(y), Some(v)) = (opt_year(&get("current_year")), dec(&get("current_value"))) {
        values.insert(y, v);
    }
    let mut s = Series::new(direction, values);
    s.base_year = opt_year(&get("base_year"));
    s.target = dec(&get("target"));
    s.target_year = opt_year(&get("target_year"));
    s.limit = dec(&get("limit"));
    s
}

/// Within 1e-9 relative, or both null. Counts bit-identical results.
fn close(what: &str, got: Option<f64>, want: Option<f64>, identical: &mut usize) -> Result<(), String> {
    match (got, want) {
        (None, None) => Ok(()),
        (Some(g), Some(w)) => {
            if g.to_bits() == w.to_bits() {
                *identical += 1;
            }
            if (g - w).abs() <= 1e-9 * g.abs().max(w.abs()) {
                Ok(())
            } else {
                Err(format!("{what}: got {g:?}, want {w:?}"))
            }
        }
        _ => Err(format!("{what}: got {got:?}, want {want:?}")),
    }
}

struct Published {
    /// (corpus, indicator) -> series results in file order
    by_indicator: BTreeMap<(String, String), Vec<Assessment>>,
    /// (corpus, series key) -> result
    by_key: HashMap<(String, String), Assessment>,
}

fn replay_series() -> Published {
    let mut by_indicator: BTreeMap<(String, String), Vec<Assessment>> = BTreeMap::new();
    let mut by_key = HashMap::new();
    let (mut ok, mut failures) = (0usize, Vec::new());
    let (mut same_p, mut same_s, mut n_p, mut n_s) = (0usize, 0usize, 0usize, 0usize);
    let mut per_corpus: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut statuses: BTreeMap<&'static str, usize> = BTreeMap::new();
    for row in rows("series.csv") {
        let get = |k: &str| row[k].clone();
        let a = assess(Method::OpenSdg, &series(&get)).expect("valid series");
        let want_p = opt_f64(&get("expected_progress"));
        let want_s = opt_f64(&get("expected_score"));
        n_p += usize::from(want_p.is_some());
        n_s += usize::from(want_s.is_some());
        let mut errs = Vec::new();
        if a.status.code() != get("expected_status") {
            errs.push(format!("status: got {}, want {}", a.status.code(), get("expected_status")));
        }
        if let Err(e) = close("progress", a.progress, want_p, &mut same_p) {
            errs.push(e);
        }
        if let Err(e) = close("score", a.score, want_s, &mut same_s) {
            errs.push(e);
        }
        let c = per_corpus.entry(get("corpus")).or_default();
        c.1 += 1;
        if errs.is_empty() {
            ok += 1;
            c.0 += 1;
        } else {
            failures.push(format!(
                "{} {} {:?}: {}",
                get("corpus"),
                get("indicator"),
                get("series_key"),
                errs.join("; ")
            ));
        }
        *statuses.entry(a.status.code()).or_default() += 1;
        by_indicator.entry((get("corpus"), get("indicator"))).or_default().push(a.clone());
        assert!(by_key.insert((get("corpus"), get("series_key")), a).is_none(), "duplicate key {}", get("series_key"));
    }
    println!("series: {ok}/{} reproduced {per_corpus:?}", ok + failures.len());
    println!("bit-identical: progress {same_p}/{n_p}, score {same_s}/{n_s}");
    println!("statuses: {statuses:?}");
    assert!(failures.is_empty(), "{} series differ:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(ok, 379);
    Published { by_indicator, by_key }
}

#[test]
fn every_series_reproduces() {
    replay_series();
}

/// An entry of groups.json: a published series (by key), a series lost to a key collision (recomputed from its
/// inputs, and checked against the corpus author's recomputation), or a group.
fn entry(v: &Value, corpus: &str, published: &Published, lost: &mut usize) -> Entry {
    if let Some(members) = v.get("group") {
        let entries = members.as_array().unwrap().iter().map(|m| entry(m, corpus, published, lost)).collect();
        return Entry::Group { entries };
    }
    if let Some(key) = v.get("series_key") {
        let key = key.as_str().unwrap();
        let a = published.by_key.get(&(corpus.to_string(), key.to_string())).unwrap_or_else(|| panic!("no {key}"));
        return Entry::from(a);
    }
    let inputs = &v["inputs"];
    let get = |k: &str| inputs[k].as_str().unwrap_or_default().to_string();
    let a = assess(Method::OpenSdg, &series(&get)).unwrap();
    let mut same = 0;
    close("lost progress", a.progress, v["recomputed_progress"].as_f64(), &mut same).unwrap();
    close("lost score", a.score, v["recomputed_score"].as_f64(), &mut same).unwrap();
    assert_eq!(a.status.code(), v["recomputed_status"].as_str().unwrap(), "{}", v["lost_series"]);
    *lost += 1;
    Entry::from(&a)
}

#[test]
fn every_indicator_aggregate_reproduces() {
    let published = replay_series();
    let groups: Value = serde_json::from_str(&read("groups.json")).unwrap();
    let (mut computed, mut grouped, mut stated, mut lost, mut same) = (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut failures = Vec::new();
    let mut not_available = 0usize;
    for row in rows("indicators.csv") {
        let get = |k: &str| row[k].clone();
        let (corpus, indicator) = (get("corpus"), get("indicator"));
        let results = published.by_indicator.get(&(corpus.clone(), indicator.clone()));
        assert_eq!(results.map_or(0, Vec::len), get("n_series").parse::<usize>().unwrap(), "{corpus} {indicator}");
        let progress = if get("auto_progress_calculation") == "true" {
            let entries: Vec<Entry> = match groups.get(format!("{corpus}/{indicator}")) {
                Some(g) => {
                    assert_eq!(get("uses_group"), "true");
                    grouped += 1;
                    g.as_array().unwrap().iter().map(|e| entry(e, &corpus, &published, &mut lost)).collect()
                }
                None => {
                    assert_eq!(get("uses_group"), "false");
                    // one entry per published series (gif 15-1-2 lists its only series twice: the mean is the same)
                    results.map(|r| r.iter().map(Entry::from).collect()).unwrap_or_default()
                }
            };
            computed += 1;
            IndicatorProgress::Computed(open_sdg_indicator(&entries).unwrap())
        } else {
            // automatic calculation off: sdg-build computes nothing; the metadata's status is carried as stated
            assert_eq!(results.map_or(0, Vec::len), 0, "{corpus} {indicator}: auto off but series results");
            stated += 1;
            IndicatorProgress::Stated { status: get("expected_status") }
        };
        if progress.status_code() == ProgressStatus::NotAvailable.code() {
            not_available += usize::from(matches!(progress, IndicatorProgress::Computed(_)));
        }
        let mut errs = Vec::new();
        if progress.status_code() != get("expected_status") {
            errs.push(format!("status: got {}, want {}", progress.status_code(), get("expected_status")));
        }
        if let Err(e) = close("score", progress.score(), opt_f64(&get("expected_score")), &mut same) {
            errs.push(e);
        }
        if !errs.is_empty() {
            failures.push(format!("{corpus} {indicator}: {}", errs.join("; ")));
        }
    }
    println!(
        "indicators: {computed} computed ({grouped} grouped, {lost} lost series recomputed, {not_available} not \
         available), {stated} stated; scores bit-identical {same}"
    );
    assert!(failures.is_empty(), "{} aggregates differ:\n{}", failures.len(), failures.join("\n"));
    assert_eq!((computed, grouped, stated, lost), (219, 5, 118, 7));
}
