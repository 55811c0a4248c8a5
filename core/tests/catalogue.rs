//! The built-in catalogue against its source document: verbatim quotes, unique ids, well-formed sections, the
//! Phụ lục 1 road widths and works counts, the generated reference, and sample figures that exercise it.

use chitieu::{
    Catalogue, Decimal, DiscrepancyKind, Figures, Measure, Options, Project, RoadProfile, Rule, Status, Timing,
    SOURCE_DOCUMENT,
};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// A project cell split by other cells or a page header is written with this marker between its pieces.
const SPLIT: &str = " [...] ";

/// Every quote that fails, as `id (section or field): quote`, by the core's check ([`Catalogue::missing_quotes`]).
fn missing_quotes(c: &Catalogue) -> Vec<String> {
    for t in &c.targets {
        for s in t.sources.iter() {
            assert!(!s.quote.contains(SPLIT), "{}: a target quote is one contiguous piece", t.id);
        }
    }
    c.missing_quotes(SOURCE_DOCUMENT).into_iter().map(|m| format!("{} ({}): {:?}", m.id, m.section, m.quote)).collect()
}

#[test]
fn every_quote_is_verbatim_in_the_source_document() {
    let c = Catalogue::builtin();
    let bad = missing_quotes(&c);
    assert!(bad.is_empty(), "{} quote(s) not found verbatim in the document:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn the_verbatim_check_catches_a_changed_quote() {
    let mut c = Catalogue::builtin();
    // "trên 85%" turned into "đạt 85%": a reading smoothed over must be caught
    let target = c.targets.iter_mut().find(|t| t.id == "online_dossiers_2030").unwrap();
    let mut sources = target.sources.to_vec();
    sources[0].quote = "Phấn đấu đến năm 2030, có đạt 85% hồ sơ thủ tục hành chính được nộp trực tuyến.".into();
    target.sources = sources.into();
    c.projects[0].scale_vi.push_str(" [...] Bề rộng nền đường Bn=26m");
    let bad = missing_quotes(&c);
    assert_eq!(bad.len(), 2, "{bad:?}");
    assert!(bad[0].starts_with("online_dossiers_2030 (B.II.5.a)"), "{bad:?}");
    assert!(bad[1].starts_with("pl1_i_1 (scale_vi)"), "{bad:?}");
}

#[test]
fn ids_are_unique() {
    let c = Catalogue::builtin();
    let mut seen = HashSet::new();
    for t in &c.targets {
        assert!(seen.insert(t.id.as_str()), "target id {} is used twice", t.id);
    }
    let mut seen = HashSet::new();
    for i in &c.indicators {
        assert!(seen.insert(i.id.as_str()), "indicator id {} is used twice", i.id);
    }
    let mut seen = HashSet::new();
    for id in c.discrepancies.iter().map(|d| &d.id).chain(c.projects.iter().map(|p| &p.id)) {
        assert!(seen.insert(id.as_str()), "id {id} is used twice");
    }
}

#[test]
fn a_catalogue_with_a_duplicate_id_is_rejected() {
    let mut v: serde_json::Value = serde_json::from_str(chitieu::BUILTIN_JSON).unwrap();
    let first_target = v["targets"][0].clone();
    v["targets"].as_array_mut().unwrap().push(first_target);
    let e = Catalogue::from_json(&v.to_string()).unwrap_err();
    assert_eq!(e.code(), "duplicate_id");

    let mut v: serde_json::Value = serde_json::from_str(chitieu::BUILTIN_JSON).unwrap();
    let first_indicator = v["indicators"][0].clone();
    v["indicators"].as_array_mut().unwrap().push(first_indicator);
    let e = Catalogue::from_json(&v.to_string()).unwrap_err();
    assert_eq!(e.code(), "duplicate_id");

    let mut v: serde_json::Value = serde_json::from_str(chitieu::BUILTIN_JSON).unwrap();
    let first_project = v["projects"][0].clone();
    v["projects"].as_array_mut().unwrap().push(first_project);
    let e = Catalogue::from_json(&v.to_string()).unwrap_err();
    assert_eq!(e.code(), "duplicate_id");
}

fn number_in(s: &str, range: std::ops::RangeInclusive<u32>) -> bool {
    !s.starts_with('0') && s.parse::<u32>().is_ok_and(|n| range.contains(&n))
}

/// `B.<I|II>.<n>.<a|b>`, `PL2 <I|II>.<group>.<row>`, `PL1 <I..IV>.<n>` with the document's ranges.
fn well_formed(section: &str) -> bool {
    let parts: Vec<&str> = section.split('.').collect();
    if let Some(rest) = section.strip_prefix("PL2 ") {
        let p: Vec<&str> = rest.split('.').collect();
        return match p.as_slice() {
            ["I", g, r] => number_in(g, 1..=7) && number_in(r, 1..=9),
            ["II", g, r] => number_in(g, 1..=6) && number_in(r, 1..=9),
            _ => false,
        };
    }
    if let Some(rest) = section.strip_prefix("PL1 ") {
        let p: Vec<&str> = rest.split('.').collect();
        return match p.as_slice() {
            ["I", n] => number_in(n, 1..=11),
            ["II", n] => number_in(n, 1..=8),
            ["III", n] => number_in(n, 1..=6),
            ["IV", n] => number_in(n, 1..=7),
            _ => false,
        };
    }
    match parts.as_slice() {
        ["B", "I", n, ab] => number_in(n, 1..=7) && matches!(*ab, "a" | "b"),
        ["B", "II", n, ab] => number_in(n, 1..=6) && matches!(*ab, "a" | "b"),
        _ => false,
    }
}

#[test]
fn sections_are_well_formed() {
    for ok in ["B.I.7.a", "B.II.6.b", "PL2 I.7.6", "PL2 II.1.7", "PL1 I.11", "PL1 IV.7"] {
        assert!(well_formed(ok), "{ok}");
    }
    for bad in
        ["B.I.8.a", "B.II.1.c", "B.II.1", "PL2 II.7.1", "PL2 I.01.2", "PL1 V.1", "PL1 II.9", "PL2 II.1", "pl2 I.1.1"]
    {
        assert!(!well_formed(bad), "{bad}");
    }
    let c = Catalogue::builtin();
    for t in &c.targets {
        for s in t.sources.iter() {
            assert!(well_formed(&s.section), "target {}: section {:?} is not well-formed", t.id, s.section);
        }
        assert!(c.section_of(t.section()).is_some(), "target {}: no heading for {}", t.id, t.section());
        assert!(!t.summary_en.trim().is_empty(), "target {} has no English meaning", t.id);
    }
    // discrepancy quotes may also cite a heading: `PL1`, `PL2`, or part C of the body
    for d in &c.discrepancies {
        for s in &d.quotes {
            let heading = matches!(s.section.as_str(), "PL1" | "PL2")
                || s.section.strip_prefix("C.").is_some_and(|n| number_in(n, 1..=6));
            assert!(heading || well_formed(&s.section), "discrepancy {}: section {:?}", d.id, s.section);
        }
    }
    for p in &c.projects {
        assert_eq!(p.section, format!("PL1 {}.{}", p.group, p.number), "{}", p.id);
        assert_eq!(p.id, format!("pl1_{}_{}", p.group.to_lowercase(), p.number));
        assert!(well_formed(&p.section), "{}", p.id);
    }
}

#[test]
fn every_target_from_phu_luc_2_names_its_lead_unit() {
    for t in Catalogue::builtin().targets {
        if t.sources.iter().any(|s| s.section.starts_with("PL2 ")) {
            assert!(t.lead_unit.is_some(), "target {} is stated in Phụ lục 2 but has no lead unit", t.id);
        } else {
            assert!(t.lead_unit.is_none(), "target {} has a lead unit but no Phụ lục 2 source", t.id);
        }
    }
}

#[test]
fn related_links_go_both_ways_and_contradictions_are_linked() {
    let c = Catalogue::builtin();
    for t in &c.targets {
        for r in &t.related {
            let other = c.target(r).unwrap();
            assert!(other.related.contains(&t.id), "{} -> {r} but not back", t.id);
        }
    }
    for d in &c.discrepancies {
        assert!(!d.quotes.is_empty(), "{}", d.id);
        if d.kind == DiscrepancyKind::Contradiction {
            assert!(d.targets.len() >= 2 && d.quotes.len() >= 2, "contradiction {} needs two sides", d.id);
            for a in &d.targets {
                for b in d.targets.iter().filter(|b| *b != a) {
                    assert!(c.target(a).unwrap().related.contains(b), "{}: {a} is not related to {b}", d.id);
                }
            }
        }
    }
    let contradictions: BTreeSet<&str> =
        c.discrepancies.iter().filter(|d| d.kind == DiscrepancyKind::Contradiction).map(|d| d.id.as_str()).collect();
    let expected: BTreeSet<&str> = [
        "grdp_growth_range_vs_point",
        "industry_services_growth_split",
        "budget_revenue_growth_range_vs_point",
        "online_dossiers_three_ways",
        "staff_digital_skills_scope",
    ]
    .into();
    assert_eq!(contradictions, expected);
}

#[test]
fn indicators_without_a_target_say_why() {
    let c = Catalogue::builtin();
    let used: HashSet<&str> = c.targets.iter().map(|t| t.indicator.as_str()).collect();
    for i in c.indicators.iter().filter(|i| !used.contains(i.id.as_str())) {
        assert!(i.notes.is_some(), "indicator {} has no target and no note saying why", i.id);
    }
}

/// Parses `Bn=25m`, `Bn = 68m`, `Bhe=2x7,5m`, `Bgpcg= 4m` from a scale text (Vietnamese decimal comma).
fn road_from_scale(scale: &str) -> RoadProfile {
    let value = |key: &str| -> Option<String> {
        let at = scale.find(key)? + key.len();
        let rest = scale[at..].trim_start().strip_prefix('=')?.trim_start();
        let end = rest.find('m')?;
        Some(rest[..end].trim().replace(',', "."))
    };
    let dec = |s: String| s.parse::<Decimal>().unwrap();
    let bhe = value("Bhe").map(|s| {
        let (n, w) = s.split_once('x').expect("Bhe is written NxW");
        (n.parse::<u32>().unwrap(), dec(w.to_string()))
    });
    RoadProfile {
        bn: value("Bn").map(dec),
        bm: value("Bm").map(dec),
        bhe_each: bhe.map(|b| b.1),
        bhe_count: bhe.map(|b| b.0),
        median: value("Bgpcg").map(dec),
    }
}

#[test]
fn road_widths() {
    let c = Catalogue::builtin();
    let roads: Vec<&Project> = c.projects.iter().filter(|p| p.road.is_some()).collect();
    // every transport project of Phụ lục 1 I is a road, and its figures are those its scale text gives
    let group_i: Vec<&str> = c.projects.iter().filter(|p| p.group == "I").map(|p| p.id.as_str()).collect();
    assert_eq!(roads.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), group_i);
    assert_eq!(roads.len(), 11);
    for p in &roads {
        assert_eq!(
            p.road.as_ref().unwrap(),
            &road_from_scale(&p.scale_vi),
            "{}: road data differ from its scale",
            p.id
        );
    }
    let uncheckable: BTreeSet<&str> =
        roads.iter().filter(|p| p.road_check().is_none()).map(|p| p.id.as_str()).collect();
    let inconsistent: BTreeSet<&str> = roads
        .iter()
        .filter_map(|p| p.road_check())
        .filter(|r| !r.consistent)
        .map(|r| c.projects.iter().find(|p| p.id == r.project).unwrap().id.as_str())
        .collect();
    // I.10 gives only Bn = 50.5 m; I.11 gives Bn, sidewalks and median but no carriageway (Bm)
    assert_eq!(uncheckable, BTreeSet::from(["pl1_i_10", "pl1_i_11"]));
    // the nine other roads add up: 15 + 2x5 = 25, 12 + 2x3 = 18, 21 + 2x5 + 4 = 35
    assert_eq!(inconsistent, BTreeSet::new());
    let checked: Vec<_> = roads.iter().filter_map(|p| p.road_check()).collect();
    assert_eq!(checked.len(), 9);
    assert!(checked.iter().all(|r| r.width == r.parts));

    // the check can fail: a 35 m road with a 20 m carriageway
    let mut wrong = (*roads[3]).clone();
    wrong.road.as_mut().unwrap().bm = Some(Decimal::from(20));
    let r = wrong.road_check().unwrap();
    assert!(!r.consistent);
    assert_eq!((r.width, r.parts), (Decimal::from(35), Decimal::from(34)));
}

#[test]
fn works_counts_of_phu_luc_2_match_the_projects_of_phu_luc_1() {
    let c = Catalogue::builtin();
    let mut linked: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for p in &c.projects {
        if let Some(i) = &p.indicator {
            linked.entry(i.as_str()).or_default().push(p.id.as_str());
            assert!(p.funding_vi == "NSNN theo phân cấp", "{} counts towards {i} but is not funded by the ward", p.id);
        }
    }
    let expect = |ind: &str, target: &str, figure: i64, projects: &[&str]| {
        let t = c.target(target).unwrap();
        assert_eq!(t.indicator, ind);
        assert_eq!(t.rule, Rule::AtLeast { value: Decimal::from(figure) });
        assert_eq!(t.timing, Timing::Cumulative { from: 2026, to: 2030 });
        assert!(t.sources.iter().all(|s| s.section == "PL2 II.1.7"));
        assert_eq!(linked[ind], projects, "{ind}");
        assert_eq!(c.indicator(ind).unwrap().measure, Measure::Count);
    };
    let ids =
        |g: &str, n: std::ops::RangeInclusive<u32>| -> Vec<String> { n.map(|i| format!("pl1_{g}_{i}")).collect() };
    let v = ids("i", 1..=9);
    expect(
        "transport_works_completed",
        "transport_works_completed",
        9,
        &v.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let v = ids("ii", 1..=7);
    expect("school_works_completed", "school_works_completed", 7, &v.iter().map(String::as_str).collect::<Vec<_>>());
    // 03 cultural houses counted, four listed (III.1-III.4): an oddity of the document, recorded
    let v = ids("iii", 1..=4);
    expect(
        "culture_house_works_completed",
        "culture_house_works_completed",
        3,
        &v.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    expect("urban_works_completed", "urban_works_completed", 1, &["pl1_iv_1"]);
    assert!(c.discrepancies.iter().any(|d| d.id == "culture_works_count"));
}

#[test]
fn project_periods() {
    let c = Catalogue::builtin();
    assert_eq!(c.projects.len(), 32);
    for p in &c.projects {
        let (from, to) = (p.period_from.unwrap(), p.period_to.unwrap());
        assert_eq!(p.period_vi, format!("{from}-{to}"), "{}", p.id);
        assert!(from <= to);
    }
    // Phụ lục 1 is titled 2026-2030; these start in 2025 (an oddity recorded in the discrepancy list)
    let early: BTreeSet<&str> =
        c.projects.iter().filter(|p| p.period_from < Some(2026)).map(|p| p.id.as_str()).collect();
    let expected: BTreeSet<&str> = [
        "pl1_i_6", "pl1_i_11", "pl1_ii_3", "pl1_ii_8", "pl1_iv_2", "pl1_iv_3", "pl1_iv_4", "pl1_iv_5", "pl1_iv_6",
        "pl1_iv_7",
    ]
    .into();
    assert_eq!(early, expected);
    assert!(c.discrepancies.iter().any(|d| d.id == "pl1_periods_outside_title"));
}

#[test]
fn the_committed_reference_is_generated_from_the_data() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/catalogue.md");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    let generated = chitieu::reference::catalogue_markdown(&Catalogue::builtin());
    if committed != generated {
        let line = committed.lines().zip(generated.lines()).position(|(a, b)| a != b);
        panic!(
            "docs/catalogue.md is out of date (first difference at line {}); regenerate it from the workspace root with\n\
             \n    cargo run -p chitieu --example catalogue_doc > docs/catalogue.md\n",
            line.map(|l| (l + 1).to_string()).unwrap_or_else(|| "the end".into())
        );
    }
}

/// The illustrative figures of the report example exercise every kind of target the catalogue has.
#[test]
fn sample_figures_exercise_every_kind_of_target() {
    let c = Catalogue::builtin();
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/sample_figures.csv")).unwrap();
    for line in text.lines().skip(1) {
        assert!(line.contains("ILLUSTRATIVE"), "every sample row says it is illustrative: {line}");
    }
    let figures = Figures::from_csv(&c, &text).unwrap();
    let evaluations = chitieu::evaluate(&c, &figures, &Options::new(chitieu::parse_as_of("2027").unwrap())).unwrap();
    let with_data: Vec<_> = evaluations.iter().filter(|e| !e.rows.is_empty()).collect();
    let kind = |e: &chitieu::Evaluation| {
        let t = c.target(&e.target).unwrap();
        let mut k = format!("{}/{}", t.rule.kind(), t.timing.kind());
        if t.per_entity {
            k.push_str("/per_entity");
        }
        if let Rule::Range { floor, aim, aim_inclusive } = &t.rule {
            k.push_str(if aim < floor { "/down" } else { "/up" });
            if *aim_inclusive {
                k.push_str("/inclusive");
            }
        }
        if let Timing::Coverage { universe, .. } = &t.timing {
            k.push_str(if universe.is_some() { "/universe" } else { "/universe_indicator" });
        }
        if let Timing::Deadline { by } = &t.timing {
            k.push_str(if by.to_string().contains('Q') { "/quarter" } else { "/year" });
        }
        k
    };
    let in_catalogue: BTreeSet<String> = evaluations.iter().map(kind).collect();
    let exercised: BTreeSet<String> = with_data.iter().map(|e| kind(e)).collect();
    let missing: Vec<_> = in_catalogue.difference(&exercised).collect();
    assert!(missing.is_empty(), "no sample figure for a target of kind {missing:?}");
    // milestones both done and not done, and every verdict a user can meet before the deadline or after it
    let statuses: BTreeSet<Status> = with_data.iter().map(|e| e.status).collect();
    for s in [
        Status::Exceeded,
        Status::Achieved,
        Status::NotAchieved,
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
        Status::NoData,
    ] {
        assert!(statuses.contains(&s), "no sample target ends {s:?} as of 2027 ({statuses:?})");
    }
    let done =
        |s: Status| with_data.iter().any(|e| matches!(c.target(&e.target).unwrap().rule, Rule::Done) && e.status == s);
    assert!(done(Status::Achieved) && done(Status::NotAchieved), "milestones done and not done");
}
