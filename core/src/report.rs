//! Scorecards: every evaluation of a catalogue with status counts, grouped by the document's sections, rendered
//! as text, Markdown, JSON (the stable machine interface) or CSV.

use crate::error::Result;
use crate::evaluate::{evaluate, Evaluation, Options};
use crate::figures::{sort_indices, Figures};
use crate::model::{Catalogue, Discrepancy, Programme};
use crate::period::Date;
use crate::status::Status;
use crate::text;
use serde::{Deserialize, Serialize};

/// Format tag of the JSON scorecard. Bumped only on a breaking change.
pub const SCORECARD_FORMAT: &str = "chitieu.scorecard/1";

/// How many targets have a status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCount {
    /// Status.
    pub status: Status,
    /// Vietnamese label.
    pub label_vi: String,
    /// English label.
    pub label_en: String,
    /// Number of targets.
    pub count: usize,
}

/// A heading of the document with the targets under it, in catalogue order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// Section id (e.g. `B.II.1`).
    pub section: String,
    /// Heading in Vietnamese.
    pub title_vi: String,
    /// Heading in English.
    pub title_en: String,
    /// Target ids.
    pub targets: Vec<String>,
}

/// Everything a report shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    /// Always [`SCORECARD_FORMAT`].
    pub format: String,
    /// The programme.
    pub programme: Programme,
    /// As-of date.
    pub as_of: Date,
    /// Reporting unit, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Counts for every status (zeros included), in [`Status::ALL`] order.
    pub counts: Vec<StatusCount>,
    /// Groups by section.
    pub groups: Vec<Group>,
    /// One evaluation per target, in catalogue order.
    pub evaluations: Vec<Evaluation>,
    /// The document's contradictions and oddities.
    pub discrepancies: Vec<Discrepancy>,
    /// What the international progress methods (compatibility mode, floating point) would say of every growth
    /// target and every level target with a deadline: alternative views beside chitieu's own verdicts.
    #[cfg(feature = "methods")]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternative_views: Vec<crate::methods::AlternativeView>,
}

/// Report language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Vietnamese.
    Vi,
}

/// The part of a [`Scorecard`] that the catalogue alone decides (programme, groups, discrepancies), and the
/// [`TargetPart`](crate::evaluate::TargetPart) of each evaluation. Serialises to those fields; [`ScorecardVerdictPart`] to the others (tested:
/// the two together are the scorecard's JSON). See [`Scorecard::catalogue_part`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScorecardCataloguePart<'a> {
    /// The programme.
    pub programme: &'a Programme,
    /// Groups by section.
    pub groups: &'a [Group],
    /// The document's contradictions and oddities.
    pub discrepancies: &'a [Discrepancy],
}

/// The part of a [`Scorecard`] that the figures and options decide, each evaluation as its [`VerdictPart`](crate::evaluate::VerdictPart).
#[derive(Debug, Clone, Serialize)]
pub struct ScorecardVerdictPart<'a> {
    /// Always [`SCORECARD_FORMAT`].
    pub format: &'a str,
    /// As-of date.
    pub as_of: Date,
    /// Reporting unit, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'a str>,
    /// Counts for every status.
    pub counts: &'a [StatusCount],
    /// The verdict part of each evaluation, in catalogue order.
    #[serde(serialize_with = "verdict_parts")]
    pub evaluations: &'a [Evaluation],
    /// The international methods' views (feature `methods`).
    #[cfg(feature = "methods")]
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub alternative_views: &'a [crate::methods::AlternativeView],
}

fn verdict_parts<S: serde::Serializer>(evaluations: &&[Evaluation], s: S) -> std::result::Result<S::Ok, S::Error> {
    s.collect_seq(evaluations.iter().map(Evaluation::verdict_part))
}

impl Scorecard {
    /// What the catalogue alone decides: the same for every scorecard of a catalogue. With
    /// [`Scorecard::verdict_part`] it splits the JSON in two, so that a caller can keep this part between calls;
    /// each evaluation's own catalogue part is [`Evaluation::target_part`].
    ///
    /// ```
    /// use chitieu::{parse_as_of, report, Catalogue, Figures, Options};
    /// let cat = Catalogue::builtin();
    /// let card = report::scorecard(&cat, &Figures::default(), &Options::new(parse_as_of("2027").unwrap()))?;
    /// let fixed = serde_json::to_value(card.catalogue_part()).unwrap();
    /// let varying = serde_json::to_value(card.verdict_part()).unwrap();
    /// assert!(fixed.get("discrepancies").is_some() && fixed.get("counts").is_none());
    /// assert!(varying.get("counts").is_some() && varying.get("discrepancies").is_none());
    /// assert!(varying["evaluations"][0].get("status").is_some() && varying["evaluations"][0].get("sources").is_none());
    /// # Ok::<(), chitieu::Error>(())
    /// ```
    pub fn catalogue_part(&self) -> ScorecardCataloguePart<'_> {
        ScorecardCataloguePart { programme: &self.programme, groups: &self.groups, discrepancies: &self.discrepancies }
    }

    /// What the figures and options decide (see [`Scorecard::catalogue_part`]).
    pub fn verdict_part(&self) -> ScorecardVerdictPart<'_> {
        ScorecardVerdictPart {
            format: &self.format,
            as_of: self.as_of,
            unit: self.unit.as_deref(),
            counts: &self.counts,
            evaluations: &self.evaluations,
            #[cfg(feature = "methods")]
            alternative_views: &self.alternative_views,
        }
    }
}

/// Evaluate a catalogue and gather the scorecard.
pub fn scorecard(catalogue: &Catalogue, figures: &Figures, options: &Options) -> Result<Scorecard> {
    let evaluations = evaluate(catalogue, figures, options)?;
    let unit = options.unit.clone().or_else(|| match figures.units().as_slice() {
        [Some(u)] => Some(u.clone()),
        _ => None,
    });
    Ok(Scorecard {
        format: SCORECARD_FORMAT.to_string(),
        programme: catalogue.programme.clone(),
        as_of: options.as_of,
        unit,
        counts: count_statuses(&evaluations),
        groups: group_targets(catalogue),
        evaluations,
        discrepancies: catalogue.discrepancies.clone(),
        #[cfg(feature = "methods")]
        alternative_views: crate::methods::alternative_views(catalogue, figures, options)?,
    })
}

/// Counts of every status.
pub fn count_statuses(evaluations: &[Evaluation]) -> Vec<StatusCount> {
    Status::ALL
        .iter()
        .map(|s| StatusCount {
            status: *s,
            label_vi: s.label_vi().to_string(),
            label_en: s.label_en().to_string(),
            count: evaluations.iter().filter(|e| e.status == *s).count(),
        })
        .collect()
}

/// Group targets by their primary section's heading (catalogue order of first appearance).
pub fn group_targets(catalogue: &Catalogue) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for t in &catalogue.targets {
        let (id, tv, te) = match catalogue.section_of(t.section()) {
            Some(s) => (s.id.clone(), s.title_vi.clone(), s.title_en.clone()),
            None => (t.section().to_string(), t.section().to_string(), t.section().to_string()),
        };
        match groups.iter_mut().find(|g| g.section == id) {
            Some(g) => g.targets.push(t.id.clone()),
            None => groups.push(Group { section: id, title_vi: tv, title_en: te, targets: vec![t.id.clone()] }),
        }
    }
    // the document's order of headings first, then headings the catalogue does not list
    let order = |id: &str| catalogue.sections.iter().position(|s| s.id == id).unwrap_or(usize::MAX);
    let keys: Vec<usize> = groups.iter().map(|g| order(&g.section)).collect();
    // through the crate's one index sort (stable: headings of one rank keep their order), not a sort of its own
    let mut by_rank: Vec<u32> = (0..groups.len() as u32).collect();
    sort_indices(&mut by_rank, &|a, b| keys[a as usize].cmp(&keys[b as usize]));
    let mut slots: Vec<Option<Group>> = groups.into_iter().map(Some).collect();
    by_rank.iter().filter_map(|&i| slots[i as usize].take()).collect()
}

fn short(ev: &Evaluation, lang: Lang) -> String {
    let unit = match lang {
        Lang::En => ev.unit_en_of(ev.value.unwrap_or_default()),
        Lang::Vi => &ev.unit,
    };
    let unit = if unit.starts_with(['%', '‰']) { unit.to_string() } else { format!(" {unit}") };
    let num = |d| if lang == Lang::Vi { text::vi(d) } else { text::en(d) };
    if let (Some((yes_vi, yes_en)), Some(p)) = (text::yes_no(ev), ev.value_period) {
        return if lang == Lang::Vi {
            format!("{yes_vi} ({})", text::period_vi(p))
        } else {
            format!("{yes_en} ({})", text::period_en(p))
        };
    }
    match (ev.value, ev.value_period) {
        (Some(v), Some(p)) => {
            format!("{}{unit} ({})", num(v), if lang == Lang::Vi { text::period_vi(p) } else { text::period_en(p) })
        }
        (Some(v), None) => format!("{}{unit}", num(v)),
        // a milestone's completion date; any other value too large to show is a dash
        (None, Some(p)) if matches!(ev.rule, crate::model::Rule::Done) => format!("done {}", p),
        (None, _) => "—".to_string(),
    }
}

impl Scorecard {
    fn eval(&self, id: &str) -> Option<&Evaluation> {
        self.evaluations.iter().find(|e| e.target == id)
    }

    /// The heading lines of every rendering: title, as-of date and number of targets, unit, counts.
    #[cfg_attr(not(feature = "xlsx-write"), allow(dead_code))] // the .xlsx report's title rows
    pub(crate) fn header_lines(&self, lang: Lang) -> Vec<String> {
        self.header(lang)
    }

    fn header(&self, lang: Lang) -> Vec<String> {
        let title = if lang == Lang::Vi { &self.programme.title_vi } else { &self.programme.title_en };
        let counts = self
            .counts
            .iter()
            .filter(|c| c.count > 0)
            .map(|c| format!("{} {}", if lang == Lang::Vi { &c.label_vi } else { &c.label_en }, c.count))
            .collect::<Vec<_>>()
            .join(" · ");
        let (asof, targets) = if lang == Lang::Vi { ("Tính đến", "chỉ tiêu") } else { ("As of", "targets") };
        let mut v = vec![title.clone(), format!("{asof} {} · {} {targets}", self.as_of, self.evaluations.len())];
        if let Some(u) = &self.unit {
            v.push(format!("Unit: {u}"));
        }
        v.push(counts);
        v
    }

    /// Plain text, grouped by section, two lines a target (verdict line, explanation).
    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = self.header(lang).join("\n");
        out.push('\n');
        for g in &self.groups {
            let title = if lang == Lang::Vi { &g.title_vi } else { &g.title_en };
            out.push_str(&format!("\n{} {}\n", g.section, title));
            for id in &g.targets {
                let Some(ev) = self.eval(id) else { continue };
                let label = if lang == Lang::Vi { &ev.status_vi } else { &ev.status_en };
                let reference = if lang == Lang::Vi { &ev.reference_vi } else { &ev.reference_en };
                out.push_str(&format!("  [{label:<15}] {:<34} {}  ·  {}\n", ev.target, short(ev, lang), reference));
                let expl = if lang == Lang::Vi { &ev.explanation_vi } else { &ev.explanation_en };
                out.push_str(&format!("  {:17} {expl}\n", ""));
            }
        }
        if !self.discrepancies.is_empty() {
            out.push_str(if lang == Lang::Vi {
                "\nMâu thuẫn và điểm bất thường của văn bản\n"
            } else {
                "\nContradictions and oddities in the document\n"
            });
            for d in &self.discrepancies {
                let s = if lang == Lang::Vi { &d.summary_vi } else { &d.summary_en };
                out.push_str(&format!("  - {} [{}]: {s}\n", d.id, d.targets.join(", ")));
                for q in &d.quotes {
                    out.push_str(&format!("      {}: \u{201c}{}\u{201d}\n", q.section, q.quote));
                }
            }
        }
        out
    }

    /// Markdown: a table per section, then the discrepancies.
    pub fn to_markdown(&self, lang: Lang) -> String {
        let esc = |s: &str| s.replace('|', "\\|").replace('\n', " ");
        let h = self.header(lang);
        let mut out = format!("# {}\n\n{}\n\n", h[0], h[1..].join("  \n"));
        let cols = if lang == Lang::Vi {
            "| Trạng thái | Chỉ tiêu | Giá trị | Yêu cầu | Giải thích |\n|---|---|---|---|---|\n"
        } else {
            "| Status | Target | Value | Target reads | Explanation |\n|---|---|---|---|---|\n"
        };
        for g in &self.groups {
            let title = if lang == Lang::Vi { &g.title_vi } else { &g.title_en };
            out.push_str(&format!("## {} {}\n\n{cols}", g.section, esc(title)));
            for id in &g.targets {
                let Some(ev) = self.eval(id) else { continue };
                let (label, reference, expl) = if lang == Lang::Vi {
                    (&ev.status_vi, &ev.reference_vi, &ev.explanation_vi)
                } else {
                    (&ev.status_en, &ev.reference_en, &ev.explanation_en)
                };
                out.push_str(&format!(
                    "| {} | `{}` | {} | {} | {} |\n",
                    esc(label),
                    ev.target,
                    esc(&short(ev, lang)),
                    esc(reference),
                    esc(expl)
                ));
            }
            out.push('\n');
        }
        if !self.discrepancies.is_empty() {
            out.push_str(if lang == Lang::Vi {
                "## Mâu thuẫn và điểm bất thường\n\n"
            } else {
                "## Contradictions and oddities\n\n"
            });
            for d in &self.discrepancies {
                let s = if lang == Lang::Vi { &d.summary_vi } else { &d.summary_en };
                out.push_str(&format!("- **{}** ({}): {}\n", d.id, d.targets.join(", "), esc(s)));
                for q in &d.quotes {
                    out.push_str(&format!("  - {}: “{}”\n", q.section, esc(&q.quote)));
                }
            }
        }
        out
    }

    /// The alternative views as a table: each target's chitieu status beside each international method's.
    #[cfg(feature = "methods")]
    pub fn views_table(&self, lang: Lang, markdown: bool) -> String {
        use crate::methods::Method;
        let mut out = String::new();
        let title = if lang == Lang::Vi {
            "Đối chiếu với các phương pháp quốc tế (chế độ tương thích, số thực dấu phẩy động)"
        } else {
            "International progress methods beside chitieu (compatibility mode, floating point)"
        };
        let mut header = vec!["target".to_string(), "chitieu".to_string()];
        header.extend(Method::ALL.iter().map(|m| if lang == Lang::Vi { m.name_vi() } else { m.name_en() }.to_string()));
        let mut rows = Vec::new();
        for v in &self.alternative_views {
            let own = self.eval(&v.target).map(|e| e.status.code()).unwrap_or("");
            let mut row = vec![v.target.clone(), own.to_string()];
            for m in Method::ALL {
                let cell = v
                    .assessments
                    .iter()
                    .find(|a| a.method == m)
                    .map(|a| match a.progress {
                        Some(p) => format!("{} ({:.3})", a.status.code(), p),
                        None => a.status.code().to_string(),
                    })
                    .unwrap_or_else(|| "—".to_string());
                row.push(cell);
            }
            rows.push(row);
        }
        if markdown {
            out.push_str(&format!("## {title}\n\n| {} |\n|{}\n", header.join(" | "), "---|".repeat(header.len())));
            for r in rows {
                out.push_str(&format!("| `{}` | {} |\n", r[0], r[1..].join(" | ")));
            }
        } else {
            out.push_str(&format!("\n{title}\n"));
            let widths: Vec<usize> = (0..header.len())
                .map(|i| {
                    rows.iter().map(|r| r[i].chars().count()).chain([header[i].chars().count()]).max().unwrap_or(0)
                })
                .collect();
            for r in std::iter::once(&header).chain(rows.iter()) {
                let cells: Vec<String> =
                    r.iter().zip(&widths).map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count()))).collect();
                out.push_str(&format!("  {}\n", cells.join("  ").trim_end()));
            }
        }
        out
    }

    /// JSON, the stable machine interface (see the README for the fields).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// CSV: one row per target.
    pub fn to_csv(&self) -> String {
        evaluations_to_csv(&self.evaluations)
    }
}

/// The CSV columns of [`evaluations_to_csv`].
pub const CSV_COLUMNS: &[&str] = &[
    "target",
    "section",
    "indicator",
    "status",
    "status_vi",
    "status_en",
    "value",
    "unit",
    "value_period",
    "reference_vi",
    "reference_en",
    "margin",
    "achievement_ratio",
    "progress_ratio",
    "rate_to_date",
    "rate_required",
    "expected_to_date",
    "projected",
    "deadline",
    "explanation_vi",
    "explanation_en",
    "sources",
];

/// One CSV row per evaluation, with the columns of [`CSV_COLUMNS`].
pub fn evaluations_to_csv(evaluations: &[Evaluation]) -> String {
    let mut out = String::new();
    let o = |d: Option<rust_decimal::Decimal>| d.map(|d| d.to_string()).unwrap_or_default();
    crate::figures::push_csv_record(&mut out, CSV_COLUMNS);
    for e in evaluations {
        let sources = e.sources.iter().map(|s| s.section.as_str()).collect::<Vec<_>>().join("; ");
        crate::figures::push_csv_record(
            &mut out,
            &[
                e.target.clone(),
                e.section.clone(),
                e.indicator.clone(),
                e.status.code().to_string(),
                e.status_vi.to_string(),
                e.status_en.to_string(),
                o(e.value),
                e.unit.to_string(),
                e.value_period.map(|p| p.to_string()).unwrap_or_default(),
                e.reference_vi.clone(),
                e.reference_en.clone(),
                o(e.margin),
                o(e.achievement_ratio),
                o(e.progress_ratio),
                o(e.rate_to_date),
                o(e.rate_required),
                o(e.expected_to_date),
                o(e.projected),
                e.deadline.to_string(),
                e.explanation_vi.clone(),
                e.explanation_en.clone(),
                sources,
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yearly_yes_no_figures_read_as_yes_and_no() {
        let catalogue = Catalogue::from_json(
            r#"{"format": 1,
                "programme": {"id": "p", "title_vi": "t", "title_en": "t", "base_year": 2025, "first_year": 2025, "last_year": 2030},
                "indicators": [{"id": "plan", "name_vi": "k", "name_en": "k", "unit": "", "measure": "status", "direction": "increase"}],
                "targets": [{"id": "plan_yearly", "indicator": "plan", "rule": {"kind": "done"},
                             "timing": {"kind": "yearly", "from": 2026, "to": 2030}, "summary_en": "s",
                             "sources": [{"section": "PL2 I.2.3", "quote": "q"}]}]}"#,
        )
        .unwrap();
        let figures =
            Figures::from_csv(&catalogue, "indicator,period,done\nplan,2026,true\nplan,2027,false\n").unwrap();
        let card = scorecard(&catalogue, &figures, &Options::new(Date::end_of_year(2027))).unwrap();
        let ev = &card.evaluations[0];
        assert_eq!(ev.status, Status::OffTrack);
        assert!(ev.explanation_en.contains("Latest, 2027: no."), "{}", ev.explanation_en);
        assert!(ev.explanation_vi.contains("năm 2027: không."), "{}", ev.explanation_vi);
        assert!(!ev.explanation_en.contains("short"), "{}", ev.explanation_en);
        assert!(card.to_text(Lang::En).contains("no (2027)"));
        assert!(card.to_markdown(Lang::Vi).contains("| không (năm 2027) |"));
        let figures = Figures::from_csv(&catalogue, "indicator,period,done\nplan,2026,true\nplan,2027,true\n").unwrap();
        let card = scorecard(&catalogue, &figures, &Options::new(Date::end_of_year(2027))).unwrap();
        assert!(card.to_text(Lang::En).contains("yes (2027)"));
        assert_eq!(card.evaluations[0].status, Status::OnTrack);
    }
}
