//! The kinds of target other programmes use (a change from the base year, the average change a year, the mean of
//! the yearly figures, the change over the previous year, a rate per N, a band, a count of a stated total): the
//! loader's refusals, properties of the verdicts (monotone in the figures; the exact verdict agrees with a float
//! computation away from the boundary), and the second programme of `examples/catalogues/`, checked against its
//! text. The golden vectors (`tests/vectors/kinds_*.json`) pin each boundary.

use chitieu::{evaluate, parse_as_of, Catalogue, Evaluation, Figures, Measure, Options, Rule, Status, Timing};
use proptest::prelude::*;
use std::collections::BTreeSet;

/// A catalogue of one indicator and one target, in the JSON a user writes.
fn catalogue(measure: &str, extra_indicator: &str, rule: &str, timing: &str) -> String {
    format!(
        r#"{{"format": 1,
  "programme": {{"id": "p", "title_vi": "t", "title_en": "t", "base_year": 2025, "first_year": 2025, "last_year": 2030}},
  "indicators": [{{"id": "x", "name_vi": "x", "name_en": "x", "unit": "%", "measure": "{measure}", "direction": "increase"{extra_indicator}}}],
  "targets": [{{"id": "t", "indicator": "x", "rule": {rule}, "timing": {timing}, "summary_en": "t",
               "sources": [{{"section": "1", "quote": "q"}}]}}]}}"#
    )
}

fn load(text: &str) -> Catalogue {
    Catalogue::from_json(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn judge(cat: &Catalogue, csv: &str, as_of: &str) -> Evaluation {
    let figures = Figures::from_csv(cat, csv).unwrap_or_else(|e| panic!("{e}\n{csv}"));
    evaluate(cat, &figures, &Options::new(parse_as_of(as_of).unwrap())).unwrap().remove(0)
}

// ---------------------------------------------------------------------------------------------------------------
// The loader

#[test]
fn an_unstated_reading_is_refused_naming_the_target_the_field_and_the_choices() {
    for (timing, field, choices) in [
        (
            r#"{"kind": "change", "base": 2025, "to": 2030}"#,
            "timing.change",
            ["relative", "absolute", "multiple"].as_slice(),
        ),
        (r#"{"kind": "average_change", "from": 2026, "to": 2030}"#, "timing.reading", &["absolute", "relative"]),
        (r#"{"kind": "yearly_change", "from": 2026, "to": 2030}"#, "timing.reading", &["absolute", "relative"]),
    ] {
        let e =
            Catalogue::from_json(&catalogue("share", "", r#"{"kind": "at_least", "value": 1}"#, timing)).unwrap_err();
        assert_eq!(e.code(), "catalogue_invalid", "{timing}");
        let d = e.details();
        assert_eq!((d.target.as_deref(), d.field.as_deref()), (Some("t"), Some(field)), "{timing}");
        for c in choices {
            assert!(e.to_string().contains(&format!("{c:?}")), "{e} names {c}");
        }
        // stated, it loads
        let stated = timing.replace('}', &format!(r#", "{}": "{}"}}"#, &field[7..], choices[0]));
        load(&catalogue("share", "", r#"{"kind": "at_least", "value": 1}"#, &stated));
    }
}

#[test]
fn average_growth_of_a_share_has_two_readings_and_is_refused() {
    for measure in ["share", "rate"] {
        let per = if measure == "rate" { r#", "per": 1000"# } else { "" };
        let text = catalogue(
            measure,
            per,
            r#"{"kind": "at_most", "value": -2}"#,
            r#"{"kind": "average_growth", "from": 2026, "to": 2030}"#,
        );
        let e = Catalogue::from_json(&text).unwrap_err();
        assert_eq!((e.code(), e.details().field.as_deref()), ("catalogue_invalid", Some("timing")));
        assert!(e.to_string().contains("average_change") && e.to_string().contains("\"absolute\""), "{e}");
    }
}

#[test]
fn an_entry_of_the_wrong_shape_is_named_by_its_id_and_field() {
    let text = catalogue("share", "", r#"{"kind": "at_leats", "value": 1}"#, r#"{"kind": "deadline", "by": "2030"}"#);
    let e = Catalogue::from_json(&text).unwrap_err();
    let d = e.details();
    assert_eq!((e.code(), d.target.as_deref(), d.field.as_deref()), ("catalogue_syntax", Some("t"), Some("rule")));
    assert!(e.to_string().contains("at_leats"), "{e}");
    // a missing field inside the timing is named with its path
    let text = catalogue("share", "", r#"{"kind": "at_least", "value": 1}"#, r#"{"kind": "average", "from": 2026}"#);
    let e = Catalogue::from_json(&text).unwrap_err();
    assert_eq!((e.details().target.as_deref(), e.details().field.as_deref()), (Some("t"), Some("timing.to")));
    // an unknown field of an indicator names the indicator
    let text = catalogue(
        "share",
        r#", "pre": 10"#,
        r#"{"kind": "at_least", "value": 1}"#,
        r#"{"kind": "deadline", "by": "2030"}"#,
    );
    let e = Catalogue::from_json(&text).unwrap_err();
    assert_eq!((e.details().target.as_deref(), e.details().field.as_deref()), (Some("x"), Some("pre")));
    // a JSON syntax error keeps its line
    assert_eq!(Catalogue::from_json("{\n\"format\": ").unwrap_err().details().row, Some(2));
}

#[test]
fn a_rate_states_per_how_many_and_only_a_rate_does() {
    let rule = r#"{"kind": "at_least", "value": 10}"#;
    let deadline = r#"{"kind": "deadline", "by": "2030"}"#;
    for (measure, extra, field) in
        [("rate", "", Some("per")), ("rate", r#", "per": 0"#, Some("per")), ("share", r#", "per": 100"#, Some("per"))]
    {
        let e = Catalogue::from_json(&catalogue(measure, extra, rule, deadline)).unwrap_err();
        assert_eq!((e.code(), e.details().field.as_deref()), ("catalogue_invalid", field), "{measure}{extra}");
        assert_eq!(e.details().target.as_deref(), Some("x"));
    }
    let cat = load(&catalogue("rate", r#", "per": 10000"#, rule, deadline));
    assert_eq!(cat.indicators[0].measure, Measure::Rate);
    // 100 doctors for 100,000 people: 10 per 10,000 exactly; 99: 9.9; a numerator above its denominator is fine
    let csv = |n: &str, d: &str| format!("indicator,period,numerator,denominator\nx,2030,{n},{d}\n");
    assert_eq!(judge(&cat, &csv("100", "100000"), "2030").status, Status::Achieved);
    assert_eq!(judge(&cat, &csv("99", "100000"), "2030").status, Status::NotAchieved);
    assert_eq!(judge(&cat, &csv("3", "2"), "2030").value.unwrap().to_string(), "15000");
}

#[test]
fn a_band_needs_two_ends_and_a_count_its_total() {
    let deadline = r#"{"kind": "deadline", "by": "2030"}"#;
    let e = Catalogue::from_json(&catalogue("share", "", r#"{"kind": "band", "low": 60, "high": 55}"#, deadline))
        .unwrap_err();
    assert_eq!((e.code(), e.details().field.as_deref()), ("catalogue_invalid", Some("rule")));
    let with_total = |measure: &str, total: &str| {
        catalogue(measure, "", r#"{"kind": "at_least", "value": 4}"#, deadline)
            .replace(r#""summary_en": "t""#, &format!(r#""summary_en": "t", "out_of": {total}"#))
    };
    let c = load(&with_total("count", "9"));
    assert_eq!(c.targets[0].out_of.map(|d| d.to_string()).as_deref(), Some("9"));
    for (measure, total) in [("share", "9"), ("count", "3"), ("count", "8.5"), ("count", "0")] {
        let e = Catalogue::from_json(&with_total(measure, total)).unwrap_err();
        assert_eq!(
            (e.code(), e.details().field.as_deref()),
            ("catalogue_invalid", Some("out_of")),
            "{measure} {total}"
        );
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Properties: monotone in the figures, and the exact verdict against a float computation away from the boundary

/// Better statuses rank higher (after the deadline, and before it).
fn rank(s: Status) -> i32 {
    match s {
        Status::NotAchieved | Status::OffTrack => 0,
        Status::Achieved | Status::AtRisk => 1,
        Status::Exceeded | Status::OnTrack => 2,
        _ => -1,
    }
}

fn met(s: Status) -> bool {
    matches!(s, Status::Achieved | Status::Exceeded | Status::OnTrack)
}

/// A kind for the properties: its name, its catalogue, the CSV of a base figure `b` and a latest `y`, the quantity
/// its rule judges computed in floats, and the rule's threshold.
type KindCase = (&'static str, String, Box<dyn Fn(f64, f64) -> String>, Box<dyn Fn(f64, f64) -> f64>, f64);

/// The kinds, each with a rule whose direction is up, a timing, and the CSV of a base figure `b` and a latest `y`.
fn kinds() -> Vec<KindCase> {
    let two = |b: f64, y: f64| format!("indicator,period,value\nx,2025,{b}\nx,2030,{y}\n");
    vec![
        // (name, catalogue, figures, the quantity judged in floats, the threshold)
        (
            "change relative at least 35",
            catalogue(
                "level",
                "",
                r#"{"kind": "at_least", "value": 35}"#,
                r#"{"kind": "change", "base": 2025, "to": 2030, "change": "relative"}"#,
            ),
            Box::new(two),
            Box::new(|b, y| (y / b - 1.0) * 100.0),
            35.0,
        ),
        (
            "change absolute at least 15",
            catalogue(
                "level",
                "",
                r#"{"kind": "at_least", "value": 15}"#,
                r#"{"kind": "change", "base": 2025, "to": 2030, "change": "absolute"}"#,
            ),
            Box::new(two),
            Box::new(|b, y| y - b),
            15.0,
        ),
        (
            "change multiple at least 1.5",
            catalogue(
                "level",
                "",
                r#"{"kind": "at_least", "value": 1.5}"#,
                r#"{"kind": "change", "base": 2025, "to": 2030, "change": "multiple"}"#,
            ),
            Box::new(two),
            Box::new(|b, y| y / b),
            1.5,
        ),
        (
            "average change absolute at least 2 points a year",
            catalogue(
                "level",
                "",
                r#"{"kind": "at_least", "value": 2}"#,
                r#"{"kind": "average_change", "from": 2026, "to": 2030, "reading": "absolute"}"#,
            ),
            Box::new(two),
            Box::new(|b, y| (y - b) / 5.0),
            2.0,
        ),
        (
            "average change relative at least 8% a year",
            catalogue(
                "level",
                "",
                r#"{"kind": "at_least", "value": 8}"#,
                r#"{"kind": "average_change", "from": 2026, "to": 2030, "reading": "relative"}"#,
            ),
            Box::new(two),
            Box::new(|b, y| ((y / b).powf(0.2) - 1.0) * 100.0),
            8.0,
        ),
        (
            "yearly change relative at least 8% (one year)",
            catalogue(
                "level",
                "",
                r#"{"kind": "at_least", "value": 8}"#,
                r#"{"kind": "yearly_change", "from": 2030, "to": 2030, "reading": "relative"}"#,
            ),
            Box::new(|b: f64, y: f64| format!("indicator,period,value\nx,2029,{b}\nx,2030,{y}\n")),
            Box::new(|b, y| (y / b - 1.0) * 100.0),
            8.0,
        ),
        (
            "yearly change absolute at least 1.5 (one year)",
            catalogue(
                "level",
                "",
                r#"{"kind": "at_least", "value": 1.5}"#,
                r#"{"kind": "yearly_change", "from": 2030, "to": 2030, "reading": "absolute"}"#,
            ),
            Box::new(|b: f64, y: f64| format!("indicator,period,value\nx,2029,{b}\nx,2030,{y}\n")),
            Box::new(|b, y| y - b),
            1.5,
        ),
        (
            "mean of the years at least 300 (2029 and 2030, the others 300)",
            catalogue(
                "level",
                "",
                r#"{"kind": "at_least", "value": 300}"#,
                r#"{"kind": "average", "from": 2026, "to": 2030}"#,
            ),
            Box::new(|b: f64, y: f64| {
                format!("indicator,period,value\nx,2026,300\nx,2027,300\nx,2028,300\nx,2029,{b}\nx,2030,{y}\n")
            }),
            Box::new(|b, y| (900.0 + b + y) / 5.0),
            300.0,
        ),
        (
            "rate per 10000 at least 10 (the base is the population)",
            catalogue(
                "rate",
                r#", "per": 10000"#,
                r#"{"kind": "at_least", "value": 10}"#,
                r#"{"kind": "deadline", "by": "2030"}"#,
            ),
            Box::new(|b: f64, y: f64| {
                format!("indicator,period,numerator,denominator\nx,2030,{y},{:.0}\n", (b * 1000.0).round())
            }),
            Box::new(|b, y| y / (b * 1000.0).round() * 10000.0),
            10.0,
        ),
    ]
}

/// A positive decimal with two places, as text, from cents.
fn money(cents: u32) -> f64 {
    f64::from(cents) / 100.0
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A higher latest figure never gets a worse verdict (upward rules), for every kind, after the deadline.
    #[test]
    fn verdicts_are_monotone_in_the_latest_figure(b in 1_000u32..1_000_000, y1 in 1u32..3_000_000, y2 in 1u32..3_000_000) {
        let (lo, hi) = (y1.min(y2), y1.max(y2));
        for (name, text, csv, _, _) in kinds() {
            let cat = load(&text);
            let s_lo = judge(&cat, &csv(money(b), money(lo)), "2030").status;
            let s_hi = judge(&cat, &csv(money(b), money(hi)), "2030").status;
            prop_assert!(rank(s_hi) >= rank(s_lo), "{name}: {lo} -> {s_lo:?}, {hi} -> {s_hi:?}");
        }
    }

    /// Away from the boundary (a relative margin above 1e-9), the exact verdict is the float computation's.
    #[test]
    fn the_exact_verdict_agrees_with_floats_away_from_the_boundary(b in 1_000u32..1_000_000, y in 1u32..3_000_000) {
        for (name, text, csv, quantity, threshold) in kinds() {
            let cat = load(&text);
            let (bf, yf) = (money(b), money(y));
            let q = quantity(bf, yf);
            if (q - threshold).abs() <= 1e-9 * threshold.abs().max(1.0) {
                continue;
            }
            let s = judge(&cat, &csv(bf, yf), "2030").status;
            prop_assert_eq!(met(s), q >= threshold, "{}: q = {} against {}, status {:?}", name, q, threshold, s);
        }
    }

    /// Before the deadline, a higher latest figure is never less on track (a change, the average change a year).
    #[test]
    fn progress_is_monotone_in_the_latest_figure(b in 1_000u32..1_000_000, y1 in 1u32..3_000_000, y2 in 1u32..3_000_000) {
        let (lo, hi) = (y1.min(y2), y1.max(y2));
        for (name, text, _, _, _) in kinds().into_iter().take(5) {
            let cat = load(&text);
            let csv = |y: u32| format!("indicator,period,value\nx,2025,{}\nx,2027,{}\n", money(b), money(y));
            let s_lo = judge(&cat, &csv(lo), "2027").status;
            let s_hi = judge(&cat, &csv(hi), "2027").status;
            prop_assert!(rank(s_hi) >= rank(s_lo), "{name}: {lo} -> {s_lo:?}, {hi} -> {s_hi:?}");
        }
    }

    /// A band is met exactly between its ends, inclusive, and is never exceeded.
    #[test]
    fn a_band_binds_at_both_ends(v in 0u32..=10_000) {
        let cat = load(&catalogue("share", "", r#"{"kind": "band", "low": 55, "high": 60}"#, r#"{"kind": "deadline", "by": "2030"}"#));
        let s = judge(&cat, &format!("indicator,period,value\nx,2030,{}\n", money(v)), "2030").status;
        let inside = (5_500..=6_000).contains(&v);
        prop_assert_eq!(s, if inside { Status::Achieved } else { Status::NotAchieved });
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The second programme: examples/catalogues/an_lac.json and its text

fn an_lac() -> Catalogue {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/catalogues/an_lac.json"))
        .expect("examples/catalogues/an_lac.json");
    load(&text)
}

#[test]
fn the_second_programme_loads_and_every_quote_is_in_its_text() {
    let cat = an_lac();
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/catalogues/an_lac.txt"))
        .expect("examples/catalogues/an_lac.txt");
    assert!(text.contains("ILLUSTRATIVE"), "the text says at its top that it is illustrative");
    let bad: Vec<String> =
        cat.missing_quotes(&text).into_iter().map(|m| format!("{} ({}): {:?}", m.id, m.section, m.quote)).collect();
    assert!(bad.is_empty(), "quotes not found verbatim in an_lac.txt:\n{}", bad.join("\n"));
    // the check can fail: a changed word is caught, a reflowed line is not a change
    let mut changed = cat.clone();
    let mut sources = changed.targets[0].sources.to_vec();
    sources[0].quote = sources[0].quote.replacen(' ', "\n  ", 1);
    changed.targets[0].sources = sources.clone().into();
    assert!(changed.missing_quotes(&text).is_empty());
    sources[0].quote = sources[0].quote.replacen(' ', " x ", 1);
    changed.targets[0].sources = sources.into();
    assert_eq!(changed.missing_quotes(&text).len(), 1);
}

#[test]
fn the_second_programme_has_every_kind_of_target() {
    let cat = an_lac();
    let rules: BTreeSet<&str> = cat.targets.iter().map(|t| t.rule.kind()).collect();
    let timings: BTreeSet<&str> = cat.targets.iter().map(|t| t.timing.kind()).collect();
    for r in ["at_least", "more_than", "at_most", "less_than", "all", "none", "range", "about", "done", "band"] {
        assert!(rules.contains(r), "no {r} rule");
    }
    for t in [
        "yearly",
        "quarterly",
        "average_growth",
        "cumulative",
        "coverage",
        "deadline",
        "change",
        "average_change",
        "average",
        "yearly_change",
    ] {
        assert!(timings.contains(t), "no {t} timing");
    }
    let has = |f: &dyn Fn(&chitieu::Target) -> bool| cat.targets.iter().any(f);
    for kind in chitieu::ChangeKind::ALL {
        assert!(has(&|t| matches!(t.timing, Timing::Change { change: Some(k), .. } if k == kind)), "{kind:?}");
    }
    for reading in chitieu::Reading::ALL {
        assert!(has(&|t| matches!(t.timing, Timing::AverageChange { reading: Some(r), .. } if r == reading)));
        assert!(has(&|t| matches!(t.timing, Timing::YearlyChange { reading: Some(r), .. } if r == reading)));
    }
    assert!(has(&|t| t.out_of.is_some()), "a count of a stated total");
    assert!(has(&|t| t.per_entity), "a per-entity target");
    assert!(has(&|t| matches!(t.rule, Rule::Range { aim_inclusive: true, .. })));
    assert!(
        has(&|t| matches!(t.timing, Timing::Change { .. })
            && matches!(t.rule, Rule::AtMost { value } if value.is_sign_negative())),
        "a decline"
    );
    assert!(cat.indicators.iter().any(|i| i.measure == Measure::Rate && i.per == Some(1000.into())), "per mille");
    assert!(cat.indicators.iter().any(|i| i.measure == Measure::Rate && i.per == Some(10000.into())), "per 10,000");
    // one target stated three ways, each linked to the others
    assert!(cat
        .targets
        .iter()
        .any(|t| t.related.len() >= 2 && t.related.iter().all(|r| cat.target(r).unwrap().related.contains(&t.id))));
    assert!(!cat.discrepancies.is_empty());
}

#[test]
fn the_second_programme_is_judged_on_its_sample_figures() {
    let cat = an_lac();
    let csv =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/catalogues/an_lac_figures.csv"))
            .expect("examples/catalogues/an_lac_figures.csv");
    for line in csv.lines().skip(1) {
        assert!(line.contains("ILLUSTRATIVE"), "every sample row says it is illustrative: {line}");
    }
    let figures = Figures::from_csv(&cat, &csv).unwrap();
    let evs = evaluate(&cat, &figures, &Options::new(parse_as_of("2027").unwrap())).unwrap();
    let statuses: BTreeSet<Status> = evs.iter().map(|e| e.status).collect();
    for s in [Status::Achieved, Status::NotAchieved, Status::OnTrack, Status::AtRisk, Status::OffTrack, Status::NoData]
    {
        assert!(statuses.contains(&s), "no target ends {s:?} as of 2027");
    }
    // every new kind has figures and an explanation in both languages
    for e in &evs {
        let t = cat.target(&e.target).unwrap();
        if matches!(
            t.timing,
            Timing::Change { .. } | Timing::AverageChange { .. } | Timing::Average { .. } | Timing::YearlyChange { .. }
        ) {
            assert!(!e.rows.is_empty(), "{}: no figures", e.target);
            assert!(e.explanation_vi.len() > 40 && e.explanation_en.len() > 40, "{}", e.target);
        }
    }
}

#[test]
fn the_second_programmes_reference_is_generated_from_its_catalogue() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/catalogues/an_lac.md");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == chitieu::reference::catalogue_markdown(&an_lac()),
        "examples/catalogues/an_lac.md is out of date; regenerate it from the workspace root with\n\n    \
         cargo run -p chitieu --example catalogue_doc -- examples/catalogues/an_lac.json > examples/catalogues/an_lac.md\n"
    );
}

#[test]
fn statements_of_one_target_are_compared_and_a_disagreement_shown() {
    let mut cat = an_lac();
    let checks = cat.restatement_checks();
    let share = |checks: &[chitieu::RestatementCheck]| {
        checks.iter().find(|c| c.targets.iter().any(|t| t == "lit_roads_share_2030")).cloned().unwrap()
    };
    // 29 of 50 is 58%
    assert_eq!(share(&checks).consistent, Some(true), "{:?}", share(&checks));
    let implied = checks.iter().find(|c| c.targets.iter().any(|t| t == "lit_roads_added")).unwrap();
    assert_eq!(implied.consistent, None);
    assert!(implied.summary_en.contains("implies 20 in 2025"), "{}", implied.summary_en);
    // a document saying 60% for 29/50 is shown as a contradiction
    let t = cat.targets.iter_mut().find(|t| t.id == "lit_roads_share_2030").unwrap();
    t.rule = Rule::AtLeast { value: 60.into() };
    let c = share(&cat.restatement_checks());
    assert_eq!(c.consistent, Some(false));
    assert!(c.summary_en.contains("DISAGREES"), "{}", c.summary_en);
    // a share rounded as the document writes it agrees: 4/9 is 44.44...%, written 44.4 (not 44.5)
    let count = cat.targets.iter_mut().find(|t| t.id == "lit_roads_2030").unwrap();
    count.rule = Rule::AtLeast { value: 4.into() };
    count.out_of = Some(9.into());
    for (written, agrees) in [("44.4", true), ("44.44", true), ("44.5", false), ("44", true), ("45", false)] {
        let t = cat.targets.iter_mut().find(|t| t.id == "lit_roads_share_2030").unwrap();
        t.rule = Rule::AtLeast { value: written.parse().unwrap() };
        assert_eq!(share(&cat.restatement_checks()).consistent, Some(agrees), "4/9 against {written}%");
    }
}

// ---------------------------------------------------------------------------------------------------------------
// docs/authoring.md: its wordings table is the library's, and every worked example loads

fn authoring() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/authoring.md")).expect("docs/authoring.md")
}

#[test]
fn the_authoring_guides_wordings_table_is_the_librarys() {
    let doc = authoring();
    let start = doc.find("<!-- wordings:start").expect("start marker");
    let start = start + doc[start..].find('\n').unwrap() + 1;
    let end = doc.find("<!-- wordings:end -->").expect("end marker");
    assert!(
        doc[start..end] == chitieu::reference::wordings_markdown(),
        "the wordings table of docs/authoring.md is out of date; replace it with the output of\n\n    \
         cargo run -p chitieu --example catalogue_doc -- --wordings\n"
    );
    // and the catalogue references show the same table
    let reference = chitieu::reference::catalogue_markdown(&an_lac());
    assert!(reference.contains(&chitieu::reference::wordings_markdown()));
}

#[test]
fn every_worked_example_of_the_authoring_guide_loads() {
    let doc = authoring();
    let blocks: Vec<&str> = doc.split("```json\n").skip(1).map(|b| &b[..b.find("```").unwrap()]).collect();
    assert!(blocks.len() >= 6, "{} worked examples", blocks.len());
    for block in blocks {
        let part: serde_json::Value = serde_json::from_str(block).unwrap_or_else(|e| panic!("{e}\n{block}"));
        let full = serde_json::json!({
            "format": 1,
            "programme": {"id": "p", "title_vi": "t", "title_en": "t", "base_year": 2025, "first_year": 2025, "last_year": 2030},
            "indicators": part["indicators"],
            "targets": part["targets"],
        });
        let cat = load(&full.to_string());
        assert!(!cat.targets.is_empty());
    }
}

/// An average growth target's projection: at the term's end it is the level reached, exactly (the base times the
/// index, rounded half away from zero as every exact display number); before, the pace to date carried on,
/// `base * (latest / base)^(n / k)`.
#[test]
fn a_growth_projection_at_the_end_of_the_term_is_the_level_reached() {
    let cat = load(&catalogue(
        "level",
        "",
        r#"{"kind": "at_least", "value": 16}"#,
        r#"{"kind": "average_growth", "from": 2026, "to": 2030}"#,
    ));
    // levels with more places than shown: a midpoint, one unit of the third place either side, a quotient of 28
    // digits (2100.125 / 1000 is exact; 7 / 3 is not)
    for (base, latest, shown) in [
        ("1000", "2100.125", "2100.13"),
        ("1000", "2100.124", "2100.12"),
        ("1000", "2100.126", "2100.13"),
        ("1000", "1234.5", "1234.50"),
        ("3", "7", "7.00"),
        ("3", "6.995", "7.00"),
        ("3", "6.985", "6.99"),
    ] {
        let csv = format!("indicator,period,value\nx,2025,{base}\nx,2030,{latest}\n");
        let ev = judge(&cat, &csv, "2030-12-31");
        assert_eq!(ev.projected.map(|d| d.to_string()).as_deref(), Some(shown), "{base} -> {latest}");
    }
    // before the end: the pace to date carried on (checked in floats, far from a rounding midpoint)
    let ev = judge(&cat, "indicator,period,value\nx,2025,1000\nx,2028,1500\n", "2028-12-31");
    let expected = 1000.0 * 1.5f64.powf(5.0 / 3.0);
    let got: f64 = ev.projected.expect("a projection").to_string().parse().unwrap();
    assert!((got - expected).abs() < 0.006, "{got} against {expected}");
}
