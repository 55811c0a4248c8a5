//! Loading and validating catalogues; the built-in programme of Hưng Đạo ward (09-CTr/ĐU).

use crate::error::{limits, Error, Result};
use crate::model::{Catalogue, ChangeKind, Indicator, Measure, Reading, Rule, Target, Timing};
use rust_decimal::Decimal;
use serde::Deserialize;
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
        // read as JSON first (a syntax error has its line), then into the catalogue's shape from the JSON value,
        // so that an entry of the wrong shape can be found and named (its id and field)
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| Error::CatalogueSyntax {
            message: e.to_string(),
            row: Some(e.line()),
            id: None,
            field: None,
        })?;
        let c = Catalogue::deserialize(&value).map_err(|e| locate_shape_error(&value, e))?;
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
            match (i.measure, i.per) {
                (Measure::Rate, Some(per)) if per > Decimal::ZERO => {}
                (Measure::Rate, _) => {
                    return Err(invalid(
                        &i.id,
                        "per",
                        "a rate needs \"per\": per how many, above zero (10000 for /vạn dân, 1000 for ‰)".into(),
                    ))
                }
                (_, Some(_)) => {
                    return Err(invalid(
                        &i.id,
                        "per",
                        format!("\"per\" is for rates; this indicator is {}", i.measure.name()),
                    ))
                }
                (_, None) => {}
            }
            check_unit_en(i)?;
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
            check_target(self, t, ind, &indicators)?;
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

    /// The statements of one commitment that can be compared with each other ("58% (29/50 thôn, tăng thêm 9
    /// thôn)"): for each count with a stated total (`out_of`) and each target it is `related` to, by the same year,
    /// whether the two say the same. A share of the same commitment must be the count over the total (58 = 29/50
    /// of 100, or its rounding to the share's decimals); an absolute change of the same count implies the count of
    /// the base year, shown for the reader to check against the figures. The document is the authority: a
    /// disagreement is reported here, never reconciled.
    ///
    /// ```
    /// let cat = chitieu::Catalogue::from_json(&std::fs::read_to_string(
    ///     concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/catalogues/an_lac.json")).unwrap()).unwrap();
    /// let checks = cat.restatement_checks();
    /// let share = checks.iter().find(|c| c.targets.contains(&"lit_roads_share_2030".to_string())).unwrap();
    /// assert_eq!(share.consistent, Some(true)); // 29/50 of 100 is 58
    /// ```
    pub fn restatement_checks(&self) -> Vec<crate::model::RestatementCheck> {
        use crate::model::RestatementCheck;
        let mut out = Vec::new();
        let year = |t: &Target| t.timing.deadline().year;
        let value = |t: &Target| match &t.rule {
            Rule::AtLeast { value }
            | Rule::MoreThan { value }
            | Rule::AtMost { value }
            | Rule::LessThan { value }
            | Rule::Exactly { value }
            | Rule::About { value, .. } => Some(*value),
            Rule::Range { floor, .. } => Some(*floor),
            _ => None,
        };
        let num = |d: Decimal| crate::text::en(d);
        for count in self.targets.iter().filter(|t| t.out_of.is_some()) {
            let (Some(total), Some(c)) = (count.out_of, value(count)) else { continue };
            for other in count.related.iter().filter_map(|r| self.target(r)) {
                if year(other) != year(count) {
                    continue;
                }
                let measure = self.indicator(&other.indicator).map(|i| i.measure);
                match (&other.timing, measure, value(other)) {
                    (Timing::Change { change: Some(ChangeKind::Absolute), base, .. }, _, Some(d))
                        if other.indicator == count.indicator =>
                    {
                        let Some(implied) = c.checked_sub(d) else { continue };
                        out.push(RestatementCheck {
                            targets: vec![count.id.clone(), other.id.clone()],
                            consistent: None,
                            summary_en: format!(
                                "{} of {} by {} with a change of {} implies {} in {base}",
                                num(c),
                                num(total),
                                year(count),
                                num(d),
                                num(implied)
                            ),
                            summary_vi: format!(
                                "{}/{} năm {} và tăng thêm {} có nghĩa năm {base} là {}",
                                crate::text::vi(c),
                                crate::text::vi(total),
                                year(count),
                                crate::text::vi(d),
                                crate::text::vi(implied)
                            ),
                        });
                    }
                    (_, Some(Measure::Share), Some(p)) if !matches!(other.timing, Timing::Change { .. }) => {
                        // c / total of 100, exactly, against p as written (rounded to p's decimals)
                        let Some(exact) = c.checked_mul(Decimal::ONE_HUNDRED).and_then(|x| x.checked_div(total)) else {
                            continue;
                        };
                        let exactly = c.checked_mul(Decimal::ONE_HUNDRED) == p.checked_mul(total);
                        let consistent = exactly || exact.round_dp(p.scale()) == p;
                        let word = if consistent { "agrees with" } else { "DISAGREES with" };
                        out.push(RestatementCheck {
                            targets: vec![count.id.clone(), other.id.clone()],
                            consistent: Some(consistent),
                            summary_en: format!(
                                "{}/{} is {}%, which {word} the share of {}%",
                                num(c),
                                num(total),
                                num(exact.round_dp(4)),
                                num(p)
                            ),
                            summary_vi: format!(
                                "{}/{} là {}%, {} tỷ lệ {}%",
                                crate::text::vi(c),
                                crate::text::vi(total),
                                crate::text::vi(exact.round_dp(4)),
                                if consistent { "khớp với" } else { "KHÔNG khớp với" },
                                crate::text::vi(p)
                            ),
                        });
                    }
                    _ => {}
                }
            }
        }
        out
    }

    /// Every quote of the catalogue not found verbatim in `document` (the programme's text), after collapsing
    /// each run of whitespace to one space on both sides (text extracted from a PDF breaks lines anywhere): the
    /// quotes of the targets and discrepancies, and the project fields `name_vi`, `scale_vi` and `funding_vi`. A
    /// project field whose cell the extraction interrupts is written with ` [...] ` between its verbatim pieces,
    /// and each piece is checked. Both texts should be in the same Unicode form (NFC, as Word and most PDF
    /// extractions give).
    ///
    /// ```
    /// let cat = chitieu::Catalogue::builtin();
    /// assert!(cat.missing_quotes(chitieu::SOURCE_DOCUMENT).is_empty());
    /// // against another text, every quote is reported with its target and section
    /// let missing = cat.missing_quotes("another text");
    /// let quotes: usize = cat.targets.iter().map(|t| t.sources.len()).sum();
    /// assert_eq!(missing.iter().filter(|m| cat.target(&m.id).is_some()).count(), quotes);
    /// assert!(missing.iter().any(|m| m.id == "online_dossiers_2030" && m.section == "B.II.5.a"));
    /// ```
    pub fn missing_quotes(&self, document: &str) -> Vec<crate::model::MissingQuote> {
        const SPLIT: &str = " [...] ";
        let doc = crate::normalize_whitespace(document);
        let mut out = Vec::new();
        let mut check = |id: &str, section: &str, text: &str, split: bool| {
            let pieces: Vec<&str> = if split { text.split(SPLIT).collect() } else { vec![text] };
            for piece in pieces {
                let q = crate::normalize_whitespace(piece);
                if q.is_empty() || !doc.contains(&q) {
                    out.push(crate::model::MissingQuote {
                        id: id.to_string(),
                        section: section.to_string(),
                        quote: piece.to_string(),
                    });
                }
            }
        };
        for t in &self.targets {
            for s in t.sources.iter() {
                check(&t.id, &s.section, &s.quote, false);
            }
        }
        for d in &self.discrepancies {
            for s in &d.quotes {
                check(&d.id, &s.section, &s.quote, false);
            }
        }
        for p in &self.projects {
            check(&p.id, "name_vi", &p.name_vi, true);
            check(&p.id, "scale_vi", &p.scale_vi, true);
            check(&p.id, "funding_vi", &p.funding_vi, true);
        }
        out
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

/// A catalogue whose JSON does not have the catalogue's shape: the entry at fault (the first indicator, target,
/// discrepancy, project or section that cannot be read, named by its id) and the field (`rule`, `timing`,
/// `timing.reading`...), found by reading the entries one by one.
fn locate_shape_error(value: &serde_json::Value, error: serde_json::Error) -> Error {
    use serde_json::Value;
    let message = error.to_string();
    // the field a serde message names: "missing field `x`", "unknown field `x`, expected ..."
    let named = |m: &str| {
        ["missing field `", "unknown field `"].iter().find_map(|p| {
            let rest = &m[m.find(p)? + p.len()..];
            Some(rest[..rest.find('`')?].to_string())
        })
    };
    let fail = |id: Option<&str>, field: Option<String>, message: String| Error::CatalogueSyntax {
        message,
        row: None,
        id: id.map(str::to_string),
        field,
    };
    // which part of an entry fails: a nested part (rule, timing, a source) is named with its own field
    fn part<T: for<'de> Deserialize<'de>>(entry: &Value, key: &str) -> Option<String> {
        entry.get(key).and_then(|v| T::deserialize(v).err()).map(|e| e.to_string())
    }
    // each list of entries, with the check of one entry: its error's message, if it cannot be read
    type Check = fn(&Value) -> Option<String>;
    let lists: [(&str, Check); 5] = [
        ("indicators", |v| crate::model::Indicator::deserialize(v).err().map(|e| e.to_string())),
        ("targets", |v| Target::deserialize(v).err().map(|e| e.to_string())),
        ("discrepancies", |v| crate::model::Discrepancy::deserialize(v).err().map(|e| e.to_string())),
        ("projects", |v| crate::model::Project::deserialize(v).err().map(|e| e.to_string())),
        ("sections", |v| crate::model::Section::deserialize(v).err().map(|e| e.to_string())),
    ];
    for (list, check) in lists {
        let Some(entries) = value.get(list).and_then(Value::as_array) else { continue };
        for (i, entry) in entries.iter().enumerate() {
            let Some(m) = check(entry) else { continue };
            let id = entry.get("id").and_then(Value::as_str);
            let nested = if list == "targets" {
                [("rule", part::<Rule>(entry, "rule")), ("timing", part::<Timing>(entry, "timing"))]
                    .into_iter()
                    .find_map(|(k, e)| e.map(|e| (k, e)))
            } else {
                None
            };
            let (field, m) = match nested {
                Some((k, e)) => (Some(named(&e).map_or_else(|| k.to_string(), |f| format!("{k}.{f}"))), e),
                None => (named(&m), m),
            };
            let at = match id {
                Some(id) => format!("{list}[{i}] ({id:?})"),
                None => format!("{list}[{i}]"),
            };
            return fail(id, field, format!("{at}: {m}"));
        }
    }
    let field = named(&message);
    fail(None, field, message)
}

/// The error for a reading the catalogue must state and does not (`timing.change`, `timing.reading`): it names the
/// target, the field and the choices.
pub(crate) fn unstated_reading(target: &str, field: &str) -> Error {
    let message = if field == "timing.change" {
        let choices = ChangeKind::ALL.iter().map(|k| format!("{:?}", k.name())).collect::<Vec<_>>().join(", ");
        format!(
            "a change from the base year must say how it is stated: \"change\": one of {choices} (percent of the \
             base, the indicator's unit, or times the base)"
        )
    } else {
        let choices = Reading::ALL.iter().map(|r| format!("{:?}", r.name())).collect::<Vec<_>>().join(", ");
        format!(
            "a change a year has two readings, and the catalogue must choose: \"reading\": one of {choices} \
             (points of the indicator's unit a year, or percent of the level a year)"
        )
    };
    Error::CatalogueInvalid { id: target.to_string(), field: field.to_string(), message }
}

/// The checks of one target: its years, its rule against its indicator's measure and its timing, the readings it
/// must state, and the values of its rule.
fn check_target(c: &Catalogue, t: &Target, ind: &Indicator, indicators: &HashMap<&str, &Indicator>) -> Result<()> {
    let p = &c.programme;
    let invalid =
        |field: &str, message: String| Error::CatalogueInvalid { id: t.id.clone(), field: field.to_string(), message };
    let m = ind.measure;
    // the readings the catalogue must state
    match &t.timing {
        Timing::Change { change: None, .. } => return Err(unstated_reading(&t.id, "timing.change")),
        Timing::AverageChange { reading: None, .. } | Timing::YearlyChange { reading: None, .. } => {
            return Err(unstated_reading(&t.id, "timing.reading"))
        }
        _ => {}
    }
    // years
    let (from, to) = match &t.timing {
        Timing::Yearly { from, to }
        | Timing::Quarterly { from, to }
        | Timing::AverageGrowth { from, to }
        | Timing::Cumulative { from, to }
        | Timing::Coverage { from, to, .. }
        | Timing::AverageChange { from, to, .. }
        | Timing::Average { from, to }
        | Timing::YearlyChange { from, to, .. } => (*from, *to),
        Timing::Change { base, to, .. } => (*base, *to),
        Timing::Deadline { by } => (by.year(), by.year()),
    };
    if matches!(t.timing, Timing::Change { .. }) && from >= to {
        return Err(invalid("timing", format!("the base year {from} must be before the year {to}")));
    }
    if from > to {
        return Err(invalid("timing", format!("from {from} is after to {to}")));
    }
    // timings that compare with the year before their first: the year before must be in the programme
    let compares_before =
        matches!(t.timing, Timing::AverageGrowth { .. } | Timing::AverageChange { .. } | Timing::YearlyChange { .. });
    let first_allowed = if compares_before { p.first_year + 1 } else { p.first_year };
    if from < first_allowed || to > p.last_year {
        return Err(invalid(
            "timing",
            format!("years {from}-{to} fall outside the programme ({}-{})", p.first_year, p.last_year),
        ));
    }
    // rule against measure and timing
    let growth = matches!(t.timing, Timing::AverageGrowth { .. });
    let changes = matches!(
        t.timing,
        Timing::Change { .. } | Timing::AverageChange { .. } | Timing::YearlyChange { .. } | Timing::Average { .. }
    );
    match (&t.rule, m) {
        (Rule::Done, Measure::Completion | Measure::Status) => {}
        (Rule::Done, _) => return Err(invalid("rule", "\"done\" needs a completion or status indicator".into())),
        (_, Measure::Completion) => {
            return Err(invalid("rule", "a completion indicator is judged by the rule \"done\"".into()))
        }
        (_, Measure::Status) if changes => {
            return Err(invalid("timing", format!("a {} needs figures with a quantity, not yes/no", t.timing.kind())))
        }
        (Rule::All, Measure::Status) => {}
        (_, Measure::Status) if !matches!(t.timing, Timing::Coverage { .. }) => {
            return Err(invalid("rule", "a status indicator is judged by \"done\" or \"all\"".into()))
        }
        _ => {}
    }
    if changes && matches!(t.rule, Rule::All | Rule::None | Rule::Done) {
        return Err(invalid(
            "rule",
            format!(
                "a {} is judged against a value (at least, more than, a range...), not {:?}",
                t.timing.kind(),
                t.rule.kind()
            ),
        ));
    }
    if growth && matches!(m, Measure::Share | Measure::Rate) {
        return Err(invalid(
            "timing",
            format!(
                "\"tăng/giảm bình quân X%/năm\" of {} has two readings: use the timing \"average_change\" with \
                 \"reading\": \"absolute\" (points a year) or \"relative\" (compound percent a year)",
                m.name()
            ),
        ));
    }
    if growth && m != Measure::Level {
        return Err(invalid(
            "timing",
            "average growth needs a level indicator (for a count, use \"average_change\" with \"reading\": \"relative\")"
                .into(),
        ));
    }
    if growth && matches!(t.rule, Rule::All | Rule::None | Rule::Done) {
        return Err(invalid("rule", "average growth is judged against a rate".into()));
    }
    if matches!(t.timing, Timing::Cumulative { .. }) && m != Measure::Count && m != Measure::Level {
        return Err(invalid("timing", "a cumulative sum needs a count or level indicator".into()));
    }
    if let Timing::Coverage { universe, universe_indicator, .. } = &t.timing {
        if m != Measure::Count && m != Measure::Status {
            return Err(invalid("timing", "coverage counts entities of a count or status indicator".into()));
        }
        if let Some(u) = universe {
            if *u <= Decimal::ZERO || u.fract() != Decimal::ZERO {
                return Err(invalid("timing", "universe must be a whole number above zero".into()));
            }
        }
        if let Some(ui) = universe_indicator {
            match indicators.get(ui.as_str()) {
                Some(i) if i.measure == Measure::Count => {}
                _ => return Err(invalid("timing", format!("universe indicator {ui:?} must be a count indicator"))),
            }
        }
        if matches!(t.rule, Rule::All) && universe.is_none() && universe_indicator.is_none() {
            return Err(invalid("timing", "\"all\" over a coverage needs a universe".into()));
        }
    }
    if t.per_entity
        && !matches!(
            t.timing,
            Timing::Yearly { .. } | Timing::Quarterly { .. } | Timing::Cumulative { .. } | Timing::Deadline { .. }
        )
    {
        return Err(invalid(
            "per_entity",
            "per-entity targets are yearly, quarterly, cumulative or by a deadline".into(),
        ));
    }
    // the values of the rule, in the unit the rule is stated in
    let hundred = Decimal::ONE_HUNDRED;
    let check_value = |v: Decimal| -> Result<()> {
        match &t.timing {
            Timing::AverageGrowth { .. } | Timing::AverageChange { reading: Some(Reading::Relative), .. } => {
                if v <= -hundred {
                    return Err(invalid("rule", format!("a growth rate of {v}% is impossible")));
                }
            }
            Timing::Change { change: Some(ChangeKind::Relative), .. }
            | Timing::YearlyChange { reading: Some(Reading::Relative), .. } => {
                if v < -hundred {
                    return Err(invalid("rule", format!("a fall of more than 100% ({v}%) is impossible")));
                }
            }
            Timing::Change { change: Some(ChangeKind::Multiple), .. } => {
                if v < Decimal::ZERO {
                    return Err(invalid("rule", format!("a multiple of {v} times is negative")));
                }
            }
            // a change in points: a share moves by at most 100 points either way
            Timing::Change { .. } | Timing::AverageChange { .. } | Timing::YearlyChange { .. } => {
                if m == Measure::Share && v.abs() > hundred {
                    return Err(invalid("rule", format!("a share cannot move by {v} points")));
                }
            }
            _ => {
                if m == Measure::Share && (v < Decimal::ZERO || v > hundred) {
                    return Err(invalid("rule", format!("a share of {v}% is outside 0-100")));
                } else if m == Measure::Count && v < Decimal::ZERO {
                    return Err(invalid("rule", format!("a count of {v} is negative")));
                } else if m == Measure::Rate && v < Decimal::ZERO {
                    return Err(invalid("rule", format!("a rate of {v} is negative")));
                }
            }
        }
        Ok(())
    };
    let values: Vec<Decimal> = match &t.rule {
        Rule::AtLeast { value }
        | Rule::MoreThan { value }
        | Rule::AtMost { value }
        | Rule::LessThan { value }
        | Rule::Exactly { value } => vec![*value],
        Rule::Range { floor, aim, .. } => {
            if floor == aim {
                return Err(invalid("rule", "a range needs a floor and a different aim".into()));
            }
            vec![*floor, *aim]
        }
        Rule::About { value, tolerance } => {
            if tolerance.is_some_and(|x| x < Decimal::ZERO) {
                return Err(invalid("rule", "tolerance cannot be negative".into()));
            }
            vec![*value]
        }
        Rule::Band { low, high } => {
            if low >= high {
                return Err(invalid("rule", format!("a band needs low < high (got {low} and {high})")));
            }
            vec![*low, *high]
        }
        Rule::All | Rule::None | Rule::Done => Vec::new(),
    };
    for v in &values {
        check_value(*v)?;
    }
    if let Some(n) = t.out_of {
        if m != Measure::Count {
            return Err(invalid("out_of", "\"out_of\" is the stated total of a count (\"04/09 thôn\")".into()));
        }
        if n <= Decimal::ZERO || n.fract() != Decimal::ZERO {
            return Err(invalid("out_of", format!("the total {n} must be a whole number above zero")));
        }
        if changes {
            return Err(invalid("out_of", "\"out_of\" is for a count judged as it is, not a change".into()));
        }
        if let Some(v) = values.iter().find(|v| **v > n) {
            return Err(invalid("out_of", format!("the rule's {v} is more than the total {n}")));
        }
    }
    Ok(())
}

/// An indicator's English unit: `unit_en` given (not blank), with `unit_en_one` for a count or a rate (a count
/// can be 1: "1 mission", "11 missions"); or a unit the core's table ([`crate::units`]) knows for sure. English
/// texts never carry a Vietnamese unit word by default.
fn check_unit_en(i: &Indicator) -> Result<()> {
    let invalid =
        |field: &str, message: String| Error::CatalogueInvalid { id: i.id.clone(), field: field.to_string(), message };
    let blank = |s: &Option<String>| s.as_deref().is_some_and(|s| s.trim().is_empty());
    if !i.unit.trim().is_empty() && (blank(&i.unit_en) || blank(&i.unit_en_one)) {
        let field = if blank(&i.unit_en) { "unit_en" } else { "unit_en_one" };
        return Err(invalid(field, format!("the English unit of {:?} is blank", i.unit)));
    }
    match (&i.unit_en, &i.unit_en_one) {
        (None, Some(_)) => {
            Err(invalid("unit_en_one", "\"unit_en_one\" (the singular) needs \"unit_en\" (the plural)".into()))
        }
        (Some(other), None) if matches!(i.measure, Measure::Count | Measure::Rate) => Err(invalid(
            "unit_en_one",
            format!(
                "{} can be exactly 1: give the English singular beside \"unit_en\": {other:?} (the same word if \
                 it does not change)",
                i.measure.name()
            ),
        )),
        (Some(_), _) => Ok(()),
        (None, None) => match crate::units::english(&i.unit) {
            Some(e) if !e.generic => Ok(()),
            Some(e) => Err(invalid(
                "unit_en",
                format!(
                    "the unit {:?} means different things in English (the library's generic word is {:?}): give \
                     \"unit_en\" (the plural, e.g. \"missions\") and \"unit_en_one\" (\"mission\")",
                    i.unit, e.other
                ),
            )),
            None => Err(invalid(
                "unit_en",
                format!(
                    "the unit {:?} has no English word the library knows: give \"unit_en\" (the plural, e.g. \
                     \"missions\") and, for a count or a rate, \"unit_en_one\" (\"mission\")",
                    i.unit
                ),
            )),
        },
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
