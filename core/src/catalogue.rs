//! Loading and validating catalogues; the built-in programme of Hưng Đạo ward (09-CTr/ĐU).

use crate::error::{limits, Error, Result};
use crate::model::{Catalogue, Measure, Rule, Timing};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The built-in catalogue as JSON text (the programme 09-CTr/ĐU of Hưng Đạo ward, Hải Phòng).
pub const BUILTIN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/builtin.json"));

/// The source document (text extracted from the PDF), kept so every quote can be checked against it.
pub const SOURCE_DOCUMENT: &str = include_str!("../data/09-CTr-DU.txt");

impl Catalogue {
    /// The built-in catalogue: Hưng Đạo ward's programme, loaded through [`Catalogue::from_json`] like any other.
    /// A copy of [`Catalogue::shared_builtin`], to change at will.
    pub fn builtin() -> Catalogue {
        Catalogue::shared_builtin().clone()
    }

    /// The built-in catalogue, loaded once per process and shared: what to evaluate against without copying it
    /// for every call (the WebAssembly package does this on every edit of the page).
    ///
    /// ```
    /// let cat = chitieu::Catalogue::shared_builtin();
    /// assert!(std::ptr::eq(cat, chitieu::Catalogue::shared_builtin()));
    /// assert_eq!(cat.targets.len(), chitieu::Catalogue::builtin().targets.len());
    /// ```
    pub fn shared_builtin() -> &'static Catalogue {
        static CELL: OnceLock<Catalogue> = OnceLock::new();
        CELL.get_or_init(|| {
            // The built-in data is tested to load; a failure here is a build defect caught by `cargo test`.
            Catalogue::from_json(BUILTIN_JSON).unwrap_or_else(|e| panic!("built-in catalogue is invalid: {e}"))
        })
    }

    /// Load a catalogue from JSON text and validate it.
    pub fn from_json(text: &str) -> Result<Catalogue> {
        if text.len() > limits::MAX_CATALOGUE_BYTES {
            return Err(Error::LimitExceeded {
                what: format!("catalogue text of {} bytes", text.len()),
                limit: format!("{} bytes", limits::MAX_CATALOGUE_BYTES),
                at: String::new(),
                row: None,
                field: None,
            });
        }
        let c: Catalogue = serde_json::from_str(text)
            .map_err(|e| Error::CatalogueSyntax { message: e.to_string(), row: Some(e.line()) })?;
        c.validate()?;
        Ok(c)
    }

    /// Serialise to pretty JSON (the format [`Catalogue::from_json`] reads).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Check the catalogue: unique ids, known indicators, rules that fit their measure and timing, sane years.
    pub fn validate(&self) -> Result<()> {
        let invalid = |id: &str, field: &str, message: String| Error::CatalogueInvalid {
            id: id.to_string(),
            field: field.to_string(),
            message,
        };
        if self.format != 1 {
            return Err(invalid(
                "format",
                "format",
                format!("unsupported format {} (this library reads 1)", self.format),
            ));
        }
        let p = &self.programme;
        if !(p.first_year <= p.base_year && p.base_year <= p.last_year) || p.last_year - p.first_year > 100 {
            return Err(invalid(
                &p.id,
                "programme",
                format!(
                    "years must satisfy first_year <= base_year <= last_year (got {}, {}, {})",
                    p.first_year, p.base_year, p.last_year
                ),
            ));
        }
        let counts = [
            ("indicators", self.indicators.len()),
            ("targets", self.targets.len()),
            ("discrepancies", self.discrepancies.len()),
            ("projects", self.projects.len()),
            ("sections", self.sections.len()),
        ];
        for (what, n) in counts {
            if n > limits::MAX_CATALOGUE_ENTRIES {
                return Err(Error::LimitExceeded {
                    what: format!("number of {what}"),
                    limit: limits::MAX_CATALOGUE_ENTRIES.to_string(),
                    at: String::new(),
                    row: None,
                    field: Some(what.to_string()),
                });
            }
        }
        let mut ids = HashSet::new();
        for i in &self.indicators {
            check_id(&i.id)?;
            if !ids.insert(i.id.as_str()) {
                return Err(Error::DuplicateId { id: i.id.clone() });
            }
        }
        let indicators: HashMap<&str, &crate::model::Indicator> =
            self.indicators.iter().map(|i| (i.id.as_str(), i)).collect();
        let mut target_ids = HashSet::new();
        for t in &self.targets {
            check_id(&t.id)?;
            if !target_ids.insert(t.id.as_str()) {
                return Err(Error::DuplicateId { id: t.id.clone() });
            }
        }
        for t in &self.targets {
            let ind = indicators
                .get(t.indicator.as_str())
                .ok_or_else(|| invalid(&t.id, "indicator", format!("unknown indicator {:?}", t.indicator)))?;
            if t.sources.is_empty() {
                return Err(invalid(&t.id, "sources", "a target needs at least one source".into()));
            }
            for s in t.sources.iter() {
                if s.section.trim().is_empty() || s.quote.trim().is_empty() {
                    return Err(invalid(&t.id, "sources", "a source needs a section and a quote".into()));
                }
            }
            for r in &t.related {
                if !target_ids.contains(r.as_str()) || r == &t.id {
                    return Err(invalid(&t.id, "related", format!("related target {r:?} does not exist")));
                }
            }
            // years
            let (from, to) = match &t.timing {
                Timing::Yearly { from, to }
                | Timing::Quarterly { from, to }
                | Timing::AverageGrowth { from, to }
                | Timing::Cumulative { from, to }
                | Timing::Coverage { from, to, .. } => (*from, *to),
                Timing::Deadline { by } => (by.year(), by.year()),
            };
            if from > to {
                return Err(invalid(&t.id, "timing", format!("from {from} is after to {to}")));
            }
            let first_allowed =
                if matches!(t.timing, Timing::AverageGrowth { .. }) { p.first_year + 1 } else { p.first_year };
            if from < first_allowed || to > p.last_year {
                return Err(invalid(
                    &t.id,
                    "timing",
                    format!("years {from}-{to} fall outside the programme ({}-{})", p.first_year, p.last_year),
                ));
            }
            // rule against measure and timing
            let m = ind.measure;
            let growth = matches!(t.timing, Timing::AverageGrowth { .. });
            match (&t.rule, m) {
                (Rule::Done, Measure::Completion | Measure::Status) => {}
                (Rule::Done, _) => {
                    return Err(invalid(&t.id, "rule", "\"done\" needs a completion or status indicator".into()))
                }
                (_, Measure::Completion) => {
                    return Err(invalid(&t.id, "rule", "a completion indicator is judged by the rule \"done\"".into()))
                }
                (Rule::All, Measure::Status) => {}
                (_, Measure::Status) if !matches!(t.timing, Timing::Coverage { .. }) => {
                    return Err(invalid(&t.id, "rule", "a status indicator is judged by \"done\" or \"all\"".into()))
                }
                _ => {}
            }
            if growth && m != Measure::Level {
                return Err(invalid(&t.id, "timing", "average growth needs a level indicator".into()));
            }
            if growth && matches!(t.rule, Rule::All | Rule::None | Rule::Done) {
                return Err(invalid(&t.id, "rule", "average growth is judged against a rate".into()));
            }
            if matches!(t.timing, Timing::Cumulative { .. }) && m != Measure::Count && m != Measure::Level {
                return Err(invalid(&t.id, "timing", "a cumulative sum needs a count or level indicator".into()));
            }
            if let Timing::Coverage { universe, universe_indicator, .. } = &t.timing {
                if m != Measure::Count && m != Measure::Status {
                    return Err(invalid(
                        &t.id,
                        "timing",
                        "coverage counts entities of a count or status indicator".into(),
                    ));
                }
                if let Some(u) = universe {
                    if *u <= Decimal::ZERO || u.fract() != Decimal::ZERO {
                        return Err(invalid(&t.id, "timing", "universe must be a whole number above zero".into()));
                    }
                }
                if let Some(ui) = universe_indicator {
                    match indicators.get(ui.as_str()) {
                        Some(i) if i.measure == Measure::Count => {}
                        _ => {
                            return Err(invalid(
                                &t.id,
                                "timing",
                                format!("universe indicator {ui:?} must be a count indicator"),
                            ))
                        }
                    }
                }
                if matches!(t.rule, Rule::All) && universe.is_none() && universe_indicator.is_none() {
                    return Err(invalid(&t.id, "timing", "\"all\" over a coverage needs a universe".into()));
                }
            }
            if t.per_entity && matches!(t.timing, Timing::Coverage { .. } | Timing::AverageGrowth { .. }) {
                return Err(invalid(
                    &t.id,
                    "per_entity",
                    "per-entity targets are yearly, quarterly, cumulative or by a deadline".into(),
                ));
            }
            let hundred = Decimal::ONE_HUNDRED;
            let check_value = |v: Decimal, field: &str| -> Result<()> {
                if growth {
                    if v <= -hundred {
                        return Err(invalid(&t.id, field, format!("a growth rate of {v}% is impossible")));
                    }
                } else if m == Measure::Share && (v < Decimal::ZERO || v > hundred) {
                    return Err(invalid(&t.id, field, format!("a share of {v}% is outside 0-100")));
                } else if m == Measure::Count && v < Decimal::ZERO {
                    return Err(invalid(&t.id, field, format!("a count of {v} is negative")));
                }
                Ok(())
            };
            match &t.rule {
                Rule::AtLeast { value }
                | Rule::MoreThan { value }
                | Rule::AtMost { value }
                | Rule::LessThan { value }
                | Rule::Exactly { value } => check_value(*value, "rule")?,
                Rule::Range { floor, aim, .. } => {
                    check_value(*floor, "rule")?;
                    check_value(*aim, "rule")?;
                    if floor == aim {
                        return Err(invalid(&t.id, "rule", "a range needs a floor and a different aim".into()));
                    }
                }
                Rule::About { value, tolerance } => {
                    check_value(*value, "rule")?;
                    if tolerance.is_some_and(|x| x < Decimal::ZERO) {
                        return Err(invalid(&t.id, "rule", "tolerance cannot be negative".into()));
                    }
                }
                Rule::All | Rule::None | Rule::Done => {}
            }
        }
        let mut other = HashSet::new();
        for d in &self.discrepancies {
            check_id(&d.id)?;
            if !other.insert(d.id.as_str()) || ids.contains(d.id.as_str()) || target_ids.contains(d.id.as_str()) {
                return Err(Error::DuplicateId { id: d.id.clone() });
            }
            for t in &d.targets {
                if !target_ids.contains(t.as_str()) {
                    return Err(invalid(&d.id, "targets", format!("unknown target {t:?}")));
                }
            }
        }
        for pr in &self.projects {
            check_id(&pr.id)?;
            if !other.insert(pr.id.as_str()) || ids.contains(pr.id.as_str()) || target_ids.contains(pr.id.as_str()) {
                return Err(Error::DuplicateId { id: pr.id.clone() });
            }
            if let Some(ind) = &pr.indicator {
                match indicators.get(ind.as_str()) {
                    Some(i) if i.measure == Measure::Count => {}
                    _ => {
                        return Err(invalid(
                            &pr.id,
                            "indicator",
                            format!("a project counts towards a count indicator; {ind:?} is not one"),
                        ))
                    }
                }
            }
        }
        let mut sections = HashSet::new();
        for s in &self.sections {
            if !sections.insert(s.id.as_str()) {
                return Err(Error::DuplicateId { id: s.id.clone() });
            }
        }
        Ok(())
    }

    /// The indicator of a given id.
    pub fn indicator(&self, id: &str) -> Option<&crate::model::Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The target of a given id.
    pub fn target(&self, id: &str) -> Option<&crate::model::Target> {
        self.targets.iter().find(|t| t.id == id)
    }

    /// The heading a section reference belongs to: the longest section id that is a prefix of it.
    pub fn section_of(&self, reference: &str) -> Option<&crate::model::Section> {
        self.sections
            .iter()
            .filter(|s| {
                reference == s.id
                    || reference.strip_prefix(s.id.as_str()).is_some_and(|rest| rest.starts_with(['.', ' ']))
            })
            .max_by_key(|s| s.id.len())
    }
}

fn check_id(id: &str) -> Result<()> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && id.as_bytes()[0].is_ascii_lowercase();
    if ok {
        Ok(())
    } else {
        Err(Error::CatalogueInvalid {
            id: id.to_string(),
            field: "id".into(),
            message: "ids are snake_case ascii (a-z, 0-9, _), start with a letter, at most 64 characters".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue_with_project(project_indicator: &str) -> String {
        format!(
            r#"{{
  "format": 1,
  "programme": {{"id": "p", "title_vi": "t", "title_en": "t", "base_year": 2025, "first_year": 2025,
                 "last_year": 2030, "notes": ["a sentence without a year is read as the level by 2030"]}},
  "indicators": [
    {{"id": "works", "name_vi": "w", "name_en": "w", "unit": "công trình", "measure": "count", "direction": "increase"}},
    {{"id": "share", "name_vi": "s", "name_en": "s", "unit": "%", "measure": "share", "direction": "increase"}}
  ],
  "targets": [],
  "projects": [
    {{"id": "pl1_i_1", "group": "I", "number": 1, "section": "PL1 I.1", "name_vi": "n", "scale_vi": "s",
      "funding_vi": "NSNN", "period_vi": "2026-2030", "indicator": {project_indicator}}}
  ]
}}"#
        )
    }

    #[test]
    fn project_indicator_link_must_be_a_count_indicator() {
        let c = Catalogue::from_json(&catalogue_with_project("\"works\"")).unwrap();
        assert_eq!(c.projects[0].indicator.as_deref(), Some("works"));
        assert_eq!(c.programme.notes.len(), 1);
        // the link and the notes survive a round trip
        assert_eq!(Catalogue::from_json(&c.to_json()).unwrap(), c);

        let e = Catalogue::from_json(&catalogue_with_project("\"share\"")).unwrap_err();
        assert_eq!(e.code(), "catalogue_invalid");
        assert_eq!(e.details().field.as_deref(), Some("indicator"));
        let e = Catalogue::from_json(&catalogue_with_project("\"nowhere\"")).unwrap_err();
        assert_eq!(e.code(), "catalogue_invalid");

        // both fields are optional
        let c = Catalogue::from_json(&catalogue_with_project("null")).unwrap();
        assert_eq!(c.projects[0].indicator, None);
        assert!(!c.to_json().contains("\"indicator\": null"));
    }
}
