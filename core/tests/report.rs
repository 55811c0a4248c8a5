//! The scorecard and its renderings: every target appears with its status, sources and explanation.

use chitieu::{parse_as_of, report, Catalogue, Figures, Lang, Options, Status};
use serde_json::Value;

const SAMPLE: &str = include_str!("../../examples/data/sample_figures.csv");

fn card() -> report::Scorecard {
    let cat = Catalogue::builtin();
    let figs = Figures::from_csv(&cat, SAMPLE).expect("sample figures are valid");
    report::scorecard(&cat, &figs, &Options::new(parse_as_of("2027").unwrap())).expect("scorecard")
}

#[test]
fn json_has_every_target_with_status_sources_and_explanation() {
    let cat = Catalogue::builtin();
    let v: Value = serde_json::from_str(&card().to_json()).unwrap();
    assert_eq!(v["format"], "chitieu.scorecard/1");
    assert_eq!(v["as_of"], "2027-12-31");
    let evs = v["evaluations"].as_array().unwrap();
    assert_eq!(evs.len(), cat.targets.len());
    for (ev, t) in evs.iter().zip(&cat.targets) {
        assert_eq!(ev["target"], t.id.as_str());
        let status: Status = ev["status"].as_str().unwrap().parse().expect("a status code");
        assert_eq!(ev["status_vi"], status.label_vi());
        assert_eq!(ev["status_en"], status.label_en());
        assert!(!ev["explanation_vi"].as_str().unwrap().is_empty(), "{}", t.id);
        assert!(!ev["explanation_en"].as_str().unwrap().is_empty(), "{}", t.id);
        assert_eq!(ev["sources"].as_array().unwrap().len(), t.sources.len());
        assert_eq!(ev["sources"][0]["quote"], t.sources[0].quote.as_str());
        // decimals cross as strings, never floats
        if let Some(val) = ev.get("value") {
            assert!(val.is_string(), "{}: value {val}", t.id);
        }
    }
    // counts add up and list every status
    let counts = v["counts"].as_array().unwrap();
    assert_eq!(counts.len(), Status::ALL.len());
    let total: u64 = counts.iter().map(|c| c["count"].as_u64().unwrap()).sum();
    assert_eq!(total as usize, cat.targets.len());
    // and the JSON reads back into the same scorecard
    let back: report::Scorecard = serde_json::from_str(&card().to_json()).unwrap();
    assert_eq!(back, card());
}

#[test]
fn text_groups_by_section_and_shows_every_target() {
    let cat = Catalogue::builtin();
    let c = card();
    for lang in [Lang::En, Lang::Vi] {
        let text = c.to_text(lang);
        for t in &cat.targets {
            assert!(text.contains(&t.id), "{} missing from the {lang:?} text", t.id);
        }
        let md = c.to_markdown(lang);
        assert!(md.starts_with("# "));
        for g in &c.groups {
            assert!(md.contains(&format!("## {} ", g.section)), "section {} missing", g.section);
        }
    }
    // every target sits in exactly one group
    let grouped: usize = c.groups.iter().map(|g| g.targets.len()).sum();
    assert_eq!(grouped, cat.targets.len());
    // groups follow the document's order of headings
    let order: Vec<usize> =
        c.groups.iter().filter_map(|g| cat.sections.iter().position(|s| s.id == g.section)).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(c.to_text(Lang::En).contains("Contradictions and oddities"));
}

#[test]
fn csv_has_a_row_per_target_and_the_documented_columns() {
    let c = card();
    let csv = c.to_csv();
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(headers, report::CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), c.evaluations.len());
    for (row, ev) in rows.iter().zip(&c.evaluations) {
        assert_eq!(&row[0], ev.target);
        assert_eq!(&row[3], ev.status.code());
    }
}

#[test]
fn errors_name_the_row_and_field() {
    let cat = Catalogue::builtin();
    let e = Figures::from_csv(&cat, "indicator,period,value\ngrdp,2026,1\nonline_dossiers,2026,101\n").unwrap_err();
    assert_eq!(e.code(), "percentage_out_of_range");
    let d = e.details();
    assert_eq!((d.row, d.field.as_deref(), d.indicator.as_deref()), (Some(3), Some("value"), Some("online_dossiers")));
    assert_eq!(e.to_string(), "row 3: percentage 101 of indicator \"online_dossiers\" is outside 0-100");
    let e = Figures::from_csv(&cat, "indicator,period,value\ngrdp,2026,1\ngrdp,2026,1\n").unwrap_err();
    assert_eq!((e.code(), e.details().row, e.details().other_row), ("duplicate_figure", Some(3), Some(2)));
}

#[test]
fn the_sample_exercises_every_status_family() {
    let c = card();
    let have: std::collections::BTreeSet<Status> = c.evaluations.iter().map(|e| e.status).collect();
    for s in [Status::OnTrack, Status::AtRisk, Status::OffTrack, Status::Achieved] {
        assert!(have.contains(&s), "the sample shows no {s:?}");
    }
}

#[test]
fn the_readme_documents_every_error_code() {
    let readme = include_str!("../../README.md");
    for code in chitieu::Error::CODES {
        assert!(readme.contains(&format!("| `{code}` |")), "README's error table lacks {code}");
    }
}

#[test]
fn the_views_table_lists_every_alternative_view() {
    let c = card();
    assert!(!c.alternative_views.is_empty());
    for markdown in [false, true] {
        let t = c.views_table(Lang::En, markdown);
        for v in &c.alternative_views {
            let own = c.evaluations.iter().find(|e| e.target == v.target).unwrap().status.code();
            let line = t.lines().find(|l| l.contains(&v.target)).unwrap_or_else(|| panic!("{} missing", v.target));
            assert!(line.contains(own), "{line}");
        }
    }
}

#[test]
fn csv_rows_are_line_numbers_even_after_blank_lines() {
    let cat = Catalogue::builtin();
    let e = Figures::from_csv(&cat, "indicator,period,value\n\ngrdp,2026,1\n\ngrdp,2026,2\n").unwrap_err();
    assert_eq!((e.details().row, e.details().other_row), (Some(5), Some(3)));
}

/// The catalogue part and the verdict part of a scorecard (and of each evaluation) have disjoint keys and
/// together make exactly the scorecard's JSON: a field added to `Evaluation` or `Scorecard` but to neither part
/// fails here. Several dates, so that every kind of value, period list and warning appears.
#[test]
fn catalogue_and_verdict_parts_recompose_the_json() {
    fn merge(into: &mut serde_json::Map<String, Value>, from: Value) {
        for (k, v) in from.as_object().expect("an object").clone() {
            assert!(into.insert(k.clone(), v).is_none(), "key {k} is in both parts");
        }
    }
    let cat = Catalogue::builtin();
    let figs = Figures::from_csv(&cat, SAMPLE).unwrap();
    for when in ["2025", "2026-Q2", "2027", "2028-06-30", "2030", "2031"] {
        let card = report::scorecard(&cat, &figs, &Options::new(parse_as_of(when).unwrap())).unwrap();
        let whole = serde_json::to_value(&card).unwrap();
        let mut rebuilt = serde_json::Map::new();
        merge(&mut rebuilt, serde_json::to_value(card.catalogue_part()).unwrap());
        let mut verdicts = serde_json::to_value(card.verdict_part()).unwrap();
        let evaluations = verdicts.as_object_mut().unwrap().remove("evaluations").unwrap();
        merge(&mut rebuilt, verdicts);
        let mut evs = Vec::new();
        for (ev, verdict) in card.evaluations.iter().zip(evaluations.as_array().unwrap()) {
            let mut one = serde_json::Map::new();
            merge(&mut one, serde_json::to_value(ev.target_part()).unwrap());
            merge(&mut one, verdict.clone());
            assert_eq!(Value::Object(one.clone()), serde_json::to_value(ev).unwrap(), "{} as of {when}", ev.target);
            evs.push(Value::Object(one));
        }
        assert_eq!(evs.len(), cat.targets.len());
        rebuilt.insert("evaluations".into(), Value::Array(evs));
        assert_eq!(Value::Object(rebuilt), whole, "as of {when}");
    }
    // the catalogue part is the same whatever the figures and date
    let empty = report::scorecard(&cat, &Figures::default(), &Options::new(parse_as_of("2026").unwrap())).unwrap();
    let full = report::scorecard(&cat, &figs, &Options::new(parse_as_of("2030").unwrap())).unwrap();
    assert_eq!(
        serde_json::to_value(empty.catalogue_part()).unwrap(),
        serde_json::to_value(full.catalogue_part()).unwrap()
    );
    for (a, b) in empty.evaluations.iter().zip(&full.evaluations) {
        assert_eq!(a.target_part(), b.target_part());
    }
}
