//! A catalogue as a reference document (Markdown), generated from the data so that it cannot drift.
//!
//! [`catalogue_markdown`] renders every target (sections, the document's words, the English meaning, rule,
//! timing, unit, lead unit), the reading notes, the indicators without a target, the discrepancy list and the
//! Phụ lục 1 projects with the road-width check. `docs/catalogue.md` is this text for the built-in catalogue;
//! a test compares the two, and `cargo run -p chitieu --example catalogue_doc > docs/catalogue.md` regenerates it.

use crate::model::{Catalogue, DiscrepancyKind, Project, Rule, Target, Timing};
use crate::report::group_targets;
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::fmt::Write;

/// Escape a table cell.
/// A unit in the document's word and in English: "hội nghị (conferences)", "%", or "—" for none.
fn both_units(vi: &str, en: &str) -> String {
    match (vi.is_empty(), vi == en) {
        (true, _) => "—".to_string(),
        (false, true) => vi.to_string(),
        (false, false) => format!("{vi} ({en})"),
    }
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn num(d: Decimal) -> String {
    d.normalize().to_string()
}

/// The rule in short English words, with its exact figures.
pub fn rule_words(rule: &Rule) -> String {
    match rule {
        Rule::AtLeast { value } => format!("at least {}", num(*value)),
        Rule::MoreThan { value } => format!("more than {}", num(*value)),
        Rule::AtMost { value } => format!("at most {}", num(*value)),
        Rule::LessThan { value } => format!("less than {}", num(*value)),
        Rule::Exactly { value } => format!("exactly {}", num(*value)),
        Rule::All => "all (100%)".to_string(),
        Rule::None => "none (zero)".to_string(),
        Rule::Range { floor, aim, aim_inclusive } => format!(
            "range: floor {}, aim {}{}",
            num(*floor),
            num(*aim),
            if *aim_inclusive { " (reaching the aim exceeds)" } else { "" }
        ),
        Rule::About { value, tolerance } => match tolerance {
            Some(t) => format!("about {} (± {})", num(*value), num(*t)),
            None => format!("about {} (± 5% by default)", num(*value)),
        },
        Rule::Done => "done".to_string(),
        Rule::Band { low, high } => format!("band {}-{} (both ends bind)", num(*low), num(*high)),
    }
}

/// The timing in short English words.
pub fn timing_words(timing: &Timing) -> String {
    match timing {
        Timing::Yearly { from, to } => format!("every year {from}-{to}"),
        Timing::Quarterly { from, to } => format!("every quarter {from}-{to}"),
        Timing::AverageGrowth { from, to } => format!("average growth {}→{to}", from - 1),
        Timing::Cumulative { from, to } => format!("sum over {from}-{to}"),
        Timing::Coverage { from, to, universe, universe_indicator } => {
            let of = match (universe, universe_indicator) {
                (Some(u), _) => format!(" of {}", num(*u)),
                (None, Some(ui)) => format!(" of `{ui}`"),
                (None, None) => String::new(),
            };
            format!("distinct coverage {from}-{to}{of}")
        }
        Timing::Deadline { by } => format!("by {by}"),
        Timing::Change { base, to, change } => {
            let how = change.map_or("unstated", |c| c.name());
            format!("change {base}→{to} ({how})")
        }
        Timing::AverageChange { from, to, reading } => {
            format!("average change a year {}→{to} ({})", from - 1, reading.map_or("unstated", |r| r.name()))
        }
        Timing::Average { from, to } => format!("mean of the years {from}-{to}"),
        Timing::YearlyChange { from, to, reading } => {
            format!("change on the year before, every year {from}-{to} ({})", reading.map_or("unstated", |r| r.name()))
        }
    }
}

/// The table of wordings ([`crate::wordings::WORDINGS`]) as Markdown: wording, meaning, rule, timing, notes, and
/// the exact words the drafter reads.
pub fn wordings_markdown() -> String {
    let mut o =
        String::from("| wording | meaning | rule | timing | notes | the drafter reads |\n|---|---|---|---|---|---|\n");
    let code = |s: &str| if s == "—" { "—".to_string() } else { format!("`{}`", s.replace('|', "\\|")) };
    for w in crate::wordings::WORDINGS {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} |",
            cell(w.wording),
            cell(w.meaning),
            code(w.rule),
            code(w.timing),
            cell(w.notes),
            if w.reads.is_empty() {
                "—".to_string()
            } else {
                w.reads.iter().map(|r| format!("`{}`", r.replace('|', "\\|"))).collect::<Vec<_>>().join(", ")
            }
        );
    }
    o
}

/// What a road check says, in words: `25 = 15 + 2×5` (consistent), the sum that disagrees, or the parts missing.
pub fn road_words(project: &Project) -> Option<String> {
    let r = project.road.as_ref()?;
    Some(match project.road_check() {
        Some(c) => {
            let mut parts = vec![r.bm.map(num).unwrap_or_default()];
            if let (Some(w), Some(n)) = (r.bhe_each, r.bhe_count) {
                parts.push(format!("{n}×{}", num(w)));
            }
            if let Some(m) = r.median {
                parts.push(num(m));
            }
            let sum = parts.join(" + ");
            if c.consistent {
                format!("Bn {} = {sum} ✓", num(c.width))
            } else {
                format!("inconsistent: Bn {} ≠ {sum} = {}", num(c.width), num(c.parts))
            }
        }
        None => {
            let mut missing = Vec::new();
            if r.bn.is_none() {
                missing.push("Bn");
            }
            if r.bm.is_none() {
                missing.push("Bm");
            }
            if r.bhe_each.is_none() || r.bhe_count.is_none() {
                missing.push("Bhe");
            }
            format!("cannot be checked (no {})", missing.join(", "))
        }
    })
}

fn sections_of(t: &Target) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for s in t.sources.iter() {
        if !seen.contains(&s.section.as_str()) {
            seen.push(&s.section);
        }
    }
    seen.join(", ")
}

/// The whole catalogue as a Markdown reference.
pub fn catalogue_markdown(catalogue: &Catalogue) -> String {
    let mut o = String::new();
    let p = &catalogue.programme;
    let _ = writeln!(o, "# Catalogue: {}\n", p.title_en);
    let _ = writeln!(o, "{}\n", p.title_vi);
    let _ = writeln!(
        o,
        "<!-- Generated from the catalogue data by `cargo run -p chitieu --example catalogue_doc [-- catalogue.json]`; \
         do not edit by hand. -->\n"
    );
    let adopted = p.adopted.as_deref().map(|a| format!(", adopted {a}")).unwrap_or_default();
    let _ = writeln!(
        o,
        "Issued by {}{adopted}. Base year {}; figures from {} to {}.\n",
        p.issuer, p.base_year, p.first_year, p.last_year
    );
    let used: BTreeSet<&str> = catalogue.targets.iter().map(|t| t.indicator.as_str()).collect();
    let without: Vec<_> = catalogue.indicators.iter().filter(|i| !used.contains(i.id.as_str())).collect();
    let contradictions = catalogue.discrepancies.iter().filter(|d| d.kind == DiscrepancyKind::Contradiction).count();
    let _ = writeln!(
        o,
        "{} targets on {} indicators; {} indicators without a target; {} contradictions and {} oddities; {} projects.\n",
        catalogue.targets.len(),
        used.len(),
        without.len(),
        contradictions,
        catalogue.discrepancies.len() - contradictions,
        catalogue.projects.len()
    );

    // counts
    let groups = group_targets(catalogue);
    o.push_str("## Targets by section\n\n| Section | Heading | Targets |\n|---|---|---|\n");
    for g in &groups {
        let _ = writeln!(o, "| {} | {} | {} |", g.section, cell(&g.title_en), g.targets.len());
    }
    let _ = writeln!(o, "| | **total** | **{}** |\n", catalogue.targets.len());
    o.push_str("By kind of rule: ");
    o.push_str(&kind_counts(catalogue.targets.iter().map(|t| t.rule.kind())));
    o.push_str(".  \nBy kind of timing: ");
    o.push_str(&kind_counts(catalogue.targets.iter().map(|t| t.timing.kind())));
    let per_entity = catalogue.targets.iter().filter(|t| t.per_entity).count();
    let _ = writeln!(o, ".  \nPer entity: {per_entity}.\n");

    o.push_str("## Reading conventions\n\n");
    for n in &p.notes {
        let _ = writeln!(o, "- {n}");
    }
    if !p.notes.is_empty() {
        o.push('\n');
    }
    o.push_str(
        "How the library reads the words programmes use (the table of `chitieu::wordings`, the same as in \
         docs/authoring.md):\n\n",
    );
    o.push_str(&wordings_markdown());
    o.push('\n');

    // targets
    o.push_str("## Targets\n\n");
    for g in &groups {
        let _ = writeln!(o, "### {} {}\n\n_{}_\n", g.section, g.title_en, g.title_vi);
        o.push_str(
            "| id | section(s) | Vietnamese words | English meaning | rule | timing | unit | lead unit |\n\
             |---|---|---|---|---|---|---|---|\n",
        );
        for id in &g.targets {
            let Some(t) = catalogue.target(id) else { continue };
            let unit = match catalogue.indicator(&t.indicator) {
                Some(i) => both_units(
                    &crate::text::value_unit(&t.timing, i, false),
                    &crate::text::value_unit_en(&t.timing, i, false).other,
                ),
                None => "—".to_string(),
            };
            let words = t
                .sources
                .iter()
                .map(|s| format!("“{}” ({})", cell(&s.quote), s.section))
                .collect::<Vec<_>>()
                .join("<br>");
            let mut timing = timing_words(&t.timing);
            if t.per_entity {
                timing.push_str(", per entity");
            }
            let _ = writeln!(
                o,
                "| `{}` | {} | {} | {} | {} | {} | {} | {} |",
                t.id,
                sections_of(t),
                words,
                cell(&t.summary_en),
                cell(&rule_words(&t.rule)),
                cell(&timing),
                cell(&unit),
                cell(t.lead_unit.as_deref().unwrap_or("—"))
            );
        }
        o.push('\n');
    }

    // notes
    o.push_str("## Reading notes\n\nHow each target's words were read, where there was a choice.\n\n");
    for t in &catalogue.targets {
        if t.notes.is_none() && t.related.is_empty() {
            continue;
        }
        let _ = write!(o, "- `{}` ({}):", t.id, t.section());
        if let Some(n) = &t.notes {
            let _ = write!(o, " {n}");
        }
        if !t.related.is_empty() {
            let rel = t.related.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(", ");
            let _ = write!(o, " Related: {rel}.");
        }
        o.push('\n');
    }
    o.push('\n');

    // indicators without a target
    o.push_str("## Indicators without a target\n\n");
    o.push_str(
        "Measures the document names without a figure or date, and the universes that coverage targets divide by.\n\n\
         | id | Vietnamese name | English name | unit | measure | why |\n|---|---|---|---|---|---|\n",
    );
    for i in &without {
        let universe_of: Vec<&str> = catalogue
            .targets
            .iter()
            .filter(|t| matches!(&t.timing, Timing::Coverage { universe_indicator: Some(u), .. } if u == &i.id))
            .map(|t| t.id.as_str())
            .collect();
        let mut why = i.notes.clone().unwrap_or_default();
        if !universe_of.is_empty() && why.is_empty() {
            why = format!("universe of {}", universe_of.join(", "));
        }
        let _ = writeln!(
            o,
            "| `{}` | {} | {} | {} | {} | {} |",
            i.id,
            cell(&i.name_vi),
            cell(&i.name_en),
            cell(&both_units(&i.unit, &i.unit_english().other)),
            i.measure.name(),
            cell(&why)
        );
    }
    o.push('\n');

    // statements of one target, compared
    let checks = catalogue.restatement_checks();
    if !checks.is_empty() {
        o.push_str("## Statements of one target\n\nWhere the document states one commitment several ways (a share, a count of a \
                    stated total, a change), each is its own target; the library compares them.\n\n");
        o.push_str("| targets | check | |\n|---|---|---|\n");
        for c in &checks {
            let verdict = match c.consistent {
                Some(true) => "consistent",
                Some(false) => "**contradiction**",
                None => "to check against the figures",
            };
            let ids = c.targets.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ");
            let _ = writeln!(o, "| {ids} | {} | {verdict} |", cell(&c.summary_en));
        }
        o.push('\n');
    }

    // discrepancies
    o.push_str("## Contradictions and oddities\n\n");
    for kind in [DiscrepancyKind::Contradiction, DiscrepancyKind::Oddity] {
        for d in catalogue.discrepancies.iter().filter(|d| d.kind == kind) {
            let k = if kind == DiscrepancyKind::Contradiction { "contradiction" } else { "oddity" };
            let _ = writeln!(o, "### `{}` ({k})\n", d.id);
            let _ = writeln!(o, "{}\n\n_{}_\n", d.summary_en, d.summary_vi);
            if !d.targets.is_empty() {
                let t = d.targets.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ");
                let _ = writeln!(o, "Targets: {t}.\n");
            }
            for q in &d.quotes {
                let _ = writeln!(o, "- {}: “{}”", q.section, q.quote);
            }
            o.push('\n');
        }
    }

    // projects
    if !catalogue.projects.is_empty() {
        o.push_str("## Phụ lục 1 projects\n\n");
        o.push_str(
            "| id | name | scale | funding | period | counts towards | road check |\n|---|---|---|---|---|---|---|\n",
        );
        for pr in &catalogue.projects {
            let _ = writeln!(
                o,
                "| `{}` ({}) | {} | {} | {} | {} | {} | {} |",
                pr.id,
                pr.section,
                cell(&pr.name_vi),
                cell(&pr.scale_vi),
                cell(&pr.funding_vi),
                cell(&pr.period_vi),
                pr.indicator.as_deref().map(|i| format!("`{i}`")).unwrap_or_else(|| "—".into()),
                road_words(pr).map(|w| cell(&w)).unwrap_or_else(|| "—".into())
            );
        }
        o.push('\n');
        let roads: Vec<&Project> = catalogue.projects.iter().filter(|p| p.road.is_some()).collect();
        let checks: Vec<_> = roads.iter().filter_map(|p| p.road_check()).collect();
        let bad: Vec<String> = checks.iter().filter(|c| !c.consistent).map(|c| format!("`{}`", c.project)).collect();
        let unchecked: Vec<String> =
            roads.iter().filter(|p| p.road_check().is_none()).map(|p| format!("`{}`", p.id)).collect();
        let list = |v: &[String]| if v.is_empty() { "none".to_string() } else { v.join(", ") };
        let _ = writeln!(
            o,
            "Road check (Bm + sidewalks + median = Bn): {} roads, {} consistent; inconsistent: {}; cannot be checked: {}.\n",
            roads.len(),
            checks.iter().filter(|c| c.consistent).count(),
            list(&bad),
            list(&unchecked)
        );
        o.push_str("Project notes:\n\n");
        for pr in &catalogue.projects {
            let mut extra = Vec::new();
            if let Some(a) = pr.area_m2 {
                extra.push(format!("area {} m²", num(a)));
            }
            if let Some(h) = pr.hectares {
                extra.push(format!("{} ha", num(h)));
            }
            let extra = if extra.is_empty() { String::new() } else { format!(" [{}]", extra.join(", ")) };
            let _ = writeln!(o, "- `{}`{extra}: {}", pr.id, pr.notes.as_deref().unwrap_or(""));
        }
    }
    o
}

fn kind_counts<'a>(kinds: impl Iterator<Item = &'a str>) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for k in kinds {
        match counts.iter_mut().find(|(x, _)| *x == k) {
            Some((_, n)) => *n += 1,
            None => counts.push((k, 1)),
        }
    }
    counts.sort();
    counts.iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RoadProfile;

    fn road(bn: &str, bm: Option<&str>, each: &str, median: Option<&str>) -> Project {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        Project {
            id: "pl1_i_1".into(),
            group: "I".into(),
            number: 1,
            section: "PL1 I.1".into(),
            name_vi: "n".into(),
            scale_vi: "s".into(),
            road: Some(RoadProfile {
                bn: Some(d(bn)),
                bm: bm.map(d),
                bhe_each: Some(d(each)),
                bhe_count: Some(2),
                median: median.map(d),
            }),
            area_m2: None,
            hectares: None,
            funding_vi: "f".into(),
            period_vi: "2026-2030".into(),
            period_from: Some(2026),
            period_to: Some(2030),
            indicator: None,
            notes: None,
        }
    }

    #[test]
    fn road_words_say_what_the_check_found() {
        assert_eq!(road_words(&road("35", Some("21"), "5", Some("4"))).unwrap(), "Bn 35 = 21 + 2×5 + 4 ✓");
        assert_eq!(road_words(&road("35", Some("20"), "5", None)).unwrap(), "inconsistent: Bn 35 ≠ 20 + 2×5 = 30");
        assert_eq!(road_words(&road("68", None, "7.5", Some("23"))).unwrap(), "cannot be checked (no Bm)");
    }

    #[test]
    fn rule_and_timing_words() {
        let r = Rule::Range { floor: Decimal::from(4), aim: Decimal::from(5), aim_inclusive: true };
        assert_eq!(rule_words(&r), "range: floor 4, aim 5 (reaching the aim exceeds)");
        assert_eq!(rule_words(&Rule::MoreThan { value: Decimal::new(8500, 2) }), "more than 85");
        assert_eq!(timing_words(&Timing::AverageGrowth { from: 2026, to: 2030 }), "average growth 2025→2030");
    }
}
