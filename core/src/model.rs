//! The vocabulary: programme, indicators, targets (rule + timing + sources), discrepancies and projects.
//!
//! Everything here is plain data with serde in and out; the built-in catalogue is a JSON document of
//! [`Catalogue`] shape. Percentages are always in percent units: `85.2` means 85.2 %.

use crate::period::Period;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The programme a catalogue encodes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// Stable id, e.g. `hung_dao_09_ctr_du`.
    pub id: String,
    /// Title in Vietnamese.
    pub title_vi: String,
    /// Title in English.
    pub title_en: String,
    /// Who adopted it, e.g. "Ban Chấp hành Đảng bộ phường Hưng Đạo".
    #[serde(default)]
    pub issuer: String,
    /// Date of adoption (`YYYY-MM-DD`), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted: Option<String>,
    /// The base year: the year before the term, against which growth is measured (2025 for 2026-2030).
    pub base_year: i32,
    /// First year a figure may be for (usually the base year).
    pub first_year: i32,
    /// Last year of the term.
    pub last_year: i32,
    /// Reading conventions that apply to the whole catalogue (how a sentence without a year is read, which
    /// years a term target covers...). Each target's own `notes` say what was chosen for it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// What an indicator measures, and so which fields a figure for it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// A level in the indicator's unit (`value`): GRDP, income, density. May be any sign.
    Level,
    /// A share in percent (`value` 0-100, or `numerator` + `denominator`).
    Share,
    /// A count of whole units (`value` >= 0, whole).
    Count,
    /// A yes/no status (`done`: true/false).
    Status,
    /// A completion date (`completed`: YYYY-MM-DD), for milestones.
    Completion,
    /// A rate per N ("số bác sĩ/vạn dân", "‰"): `value` already per N (>= 0), or `numerator` + `denominator`
    /// (the rate is numerator / denominator x N, exactly). N is the indicator's [`Indicator::per`].
    Rate,
}

impl Measure {
    /// English name, used in messages.
    pub fn name(&self) -> &'static str {
        match self {
            Measure::Level => "a level",
            Measure::Share => "a share in percent",
            Measure::Count => "a count",
            Measure::Status => "a yes/no status",
            Measure::Completion => "a completion date",
            Measure::Rate => "a rate per N",
        }
    }
}

/// Desirable direction of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher is better.
    Increase,
    /// Lower is better.
    Decrease,
    /// Closer to a reference is better (e.g. population density "about 2,500").
    Neutral,
}

/// A measured quantity. Several targets may share one indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Stable snake_case id.
    pub id: String,
    /// Name in Vietnamese.
    pub name_vi: String,
    /// Name in English.
    pub name_en: String,
    /// Unit of a figure, e.g. `%`, `tỷ đồng`, `doanh nghiệp`, `người/km²`.
    pub unit: String,
    /// The unit in English, the plural ("missions" for "cuộc"), as English texts write it after any number
    /// but 1. Required unless [`crate::units`] knows `unit` for sure (`%`, `hộ`, `tỷ đồng`, `người/km²`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_en: Option<String>,
    /// The unit in English for a value of exactly 1 ("mission"): required with `unit_en` for a count or a rate;
    /// for other measures `unit_en` serves when it is absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_en_one: Option<String>,
    /// What a figure is.
    pub measure: Measure,
    /// For a rate ([`Measure::Rate`]): per how many (10000 for "/vạn dân", 1000 for "‰"). Required for a rate,
    /// refused for every other measure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<Decimal>,
    /// Desirable direction.
    pub direction: Direction,
    /// Reading notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl Indicator {
    /// The unit in English: `unit_en` (and `unit_en_one`) when the catalogue gives them, else the word of
    /// [`crate::units::UNITS`]; a unit neither gives (a catalogue the loader did not check) is kept as it is.
    pub fn unit_english(&self) -> crate::units::English {
        use std::borrow::Cow;
        match &self.unit_en {
            Some(other) => crate::units::English {
                one: Cow::Owned(self.unit_en_one.clone().unwrap_or_else(|| other.clone())),
                other: Cow::Owned(other.clone()),
                generic: false,
            },
            None => crate::units::english(&self.unit).unwrap_or_else(|| crate::units::English {
                one: Cow::Owned(self.unit.clone()),
                other: Cow::Owned(self.unit.clone()),
                generic: false,
            }),
        }
    }
}

/// The rule a target sets. For an average-growth timing the rule applies to the average annual growth rate in
/// percent; for the change timings ([`Timing::Change`], [`Timing::AverageChange`], [`Timing::YearlyChange`]) to
/// the change; for [`Timing::Average`] to the mean; otherwise to the figure itself (for shares in percent).
// Deserialize is written by hand (through `RuleFields`), so that the schema is derived from the variants.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// "từ X trở lên", "ít nhất X", "tối thiểu X", "đạt X": value >= X.
    AtLeast {
        /// X.
        value: Decimal,
    },
    /// "trên X", "hơn X": value > X (exactly X is not achieved).
    MoreThan {
        /// X.
        value: Decimal,
    },
    /// "không quá X", "tối đa X": value <= X.
    AtMost {
        /// X.
        value: Decimal,
    },
    /// "dưới X": value < X.
    LessThan {
        /// X.
        value: Decimal,
    },
    /// Exactly X.
    Exactly {
        /// X.
        value: Decimal,
    },
    /// "100% ...": every one (a share of 100, a yes status).
    All,
    /// "không còn ...", "không để xảy ra ...": zero.
    None,
    /// "từ X đến Y", "ít nhất 4-5": the floor is the commitment, the aim is the aspiration. When `aim < floor`
    /// the range points downward (a decline: growth from -5 to -6).
    Range {
        /// The firm commitment (X).
        floor: Decimal,
        /// The aspiration (Y).
        aim: Decimal,
        /// `true` for "ít nhất 4-5" (reaching the aim itself counts as going beyond the floor's commitment);
        /// `false` for "từ X đến Y" (only beyond Y is exceeding).
        #[serde(default)]
        aim_inclusive: bool,
    },
    /// "khoảng X": within a tolerance of X.
    About {
        /// X.
        value: Decimal,
        /// Absolute tolerance in the indicator's unit; when absent the setting
        /// [`Options::about_tolerance_percent`](crate::Options) of X applies.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tolerance: Option<Decimal>,
    },
    /// A milestone: done (a completion date, or a yes status) by the deadline.
    Done,
    /// "cơ cấu: dịch vụ chiếm 55-60%": a band where both ends bind, `low <= value <= high`; outside either end is
    /// not achieved, and nothing is "exceeded" (unlike [`Rule::Range`], whose upper end is an aim).
    Band {
        /// The lower end (inclusive).
        low: Decimal,
        /// The upper end (inclusive).
        high: Decimal,
    },
}

/// How a change from the base year is stated ([`Timing::Change`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// In percent of the base ("tăng 35% so với năm 2025": the rule's value 35; a decline is negative).
    Relative,
    /// In the indicator's unit, percentage points for a share ("tăng thêm 15 thôn": 15; "giảm 200 hộ": -200).
    Absolute,
    /// Times the base ("gấp 1,5 lần năm 2025": 1.5; "gấp đôi": 2).
    Multiple,
}

impl ChangeKind {
    /// Every kind, in a fixed order.
    pub const ALL: [ChangeKind; 3] = [ChangeKind::Relative, ChangeKind::Absolute, ChangeKind::Multiple];

    /// Stable snake_case name.
    pub fn name(&self) -> &'static str {
        match self {
            ChangeKind::Relative => "relative",
            ChangeKind::Absolute => "absolute",
            ChangeKind::Multiple => "multiple",
        }
    }
}

/// How a change a year is read ([`Timing::AverageChange`], [`Timing::YearlyChange`]): the document's meaning,
/// which the catalogue must state ("giảm bình quân 1,5%/năm" of a poverty rate is usually points, but can be
/// relative).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Reading {
    /// In the indicator's unit a year: percentage points for a share, ‰ points for a per-mille rate.
    Absolute,
    /// In percent of the level a year (compound, as average growth).
    Relative,
}

impl Reading {
    /// Every reading, in a fixed order.
    pub const ALL: [Reading; 2] = [Reading::Absolute, Reading::Relative];

    /// Stable snake_case name.
    pub fn name(&self) -> &'static str {
        match self {
            Reading::Absolute => "absolute",
            Reading::Relative => "relative",
        }
    }
}

/// When and over what a rule is judged.
// Deserialize is written by hand (through `TimingFields`), so that the schema is derived from the variants.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(transform = require_readings))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Timing {
    /// "Hằng năm": every year from..=to separately; the term verdict needs every year.
    Yearly {
        /// First year.
        from: i32,
        /// Last year.
        to: i32,
    },
    /// "Mỗi quý": every quarter of the years from..=to.
    Quarterly {
        /// First year.
        from: i32,
        /// Last year.
        to: i32,
    },
    /// "tăng bình quân X%/năm": compound average annual growth of the level from the year before `from` to `to`.
    AverageGrowth {
        /// First year of growth (the base is `from - 1`).
        from: i32,
        /// Last year.
        to: i32,
    },
    /// "trong nhiệm kỳ": the sum of yearly counts over from..=to.
    Cumulative {
        /// First year.
        from: i32,
        /// Last year.
        to: i32,
    },
    /// Distinct coverage over from..=to: the number of distinct entities with a positive figure (a yes status,
    /// a count above zero). A share rule divides by the universe.
    Coverage {
        /// First year.
        from: i32,
        /// Last year.
        to: i32,
        /// How many entities there are, when the document says (for share rules).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        universe: Option<Decimal>,
        /// A count indicator whose latest figure gives the universe, when it is measured.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        universe_indicator: Option<String>,
    },
    /// By a deadline (a year or a quarter): the level, share or completion on or before its end.
    Deadline {
        /// The deadline, e.g. `2030` or `2026-Q1`.
        by: Period,
    },
    /// "tăng 35% so với năm 2025", "tăng thêm 15 thôn", "gấp đôi": the change from the figure of year `base` to the
    /// figure of year `to`, by the end of `to`. The rule applies to the change, stated as `change` says.
    Change {
        /// The year compared with.
        base: i32,
        /// The deadline year.
        to: i32,
        /// How the change is stated: relative (percent), absolute (the indicator's unit) or multiple (times).
        /// Required: a catalogue without it is refused (the loader names the target and the choices).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "schema", schemars(with = "ChangeKind"))]
        change: Option<ChangeKind>,
    },
    /// "tỷ lệ hộ nghèo giảm bình quân 1-1,5%/năm": the average change a year from the year before `from` to `to`,
    /// in points (absolute) or compound percent (relative). The rule applies to the change a year.
    AverageChange {
        /// First year of the term (the base is `from - 1`).
        from: i32,
        /// Last year.
        to: i32,
        /// Points or percent a year. Required: a catalogue without it is refused.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "schema", schemars(with = "Reading"))]
        reading: Option<Reading>,
    },
    /// "bình quân mỗi năm ... trên 300 lao động": the mean of the yearly figures of `from..=to` (every year needs a
    /// figure). The rule applies to the mean.
    Average {
        /// First year.
        from: i32,
        /// Last year.
        to: i32,
    },
    /// "năm sau cao hơn năm trước", "tăng so với năm trước từ 8% trở lên": the change over the previous year, every
    /// year of `from..=to` (year `from` against `from - 1`); the term needs every year. The rule applies to each
    /// year's change.
    YearlyChange {
        /// First year judged.
        from: i32,
        /// Last year.
        to: i32,
        /// Points or percent over the previous year. Required: a catalogue without it is refused.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "schema", schemars(with = "Reading"))]
        reading: Option<Reading>,
    },
}

/// A rule as read: every field any kind takes, checked against its kind by `TryFrom` (one flat reader instead of
/// serde's tagged-enum machinery for every kind: the same errors, a fraction of the code in the WebAssembly build).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFields {
    kind: String,
    #[serde(default)]
    value: Option<Decimal>,
    #[serde(default)]
    floor: Option<Decimal>,
    #[serde(default)]
    aim: Option<Decimal>,
    #[serde(default)]
    aim_inclusive: Option<bool>,
    #[serde(default)]
    tolerance: Option<Decimal>,
    #[serde(default)]
    low: Option<Decimal>,
    #[serde(default)]
    high: Option<Decimal>,
}

/// The error of a kind read with a field it lacks or does not take: worded as serde words its own ("missing field
/// `value`"), so that the loader names the field.
fn kind_fields(kind: &str, present: &[(&'static str, bool)], takes: &[&str], needs: &[&str]) -> Result<(), String> {
    if let Some((f, _)) = present.iter().find(|(f, there)| !there && needs.contains(f)) {
        return Err(format!("missing field `{f}` (kind {kind:?} needs {})", needs.join(", ")));
    }
    if let Some((f, _)) = present.iter().find(|(f, there)| *there && !takes.contains(f)) {
        let list = if takes.is_empty() { "no other field".to_string() } else { takes.join(", ") };
        return Err(format!("unknown field `{f}` (kind {kind:?} takes {list})"));
    }
    Ok(())
}

/// An unknown kind, worded as serde words it.
fn unknown_kind(kind: &str, expected: &[&str]) -> String {
    let list = expected.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
    format!("unknown variant `{kind}`, expected one of {list}")
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Rule, D::Error> {
        Rule::try_from(RuleFields::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for Timing {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Timing, D::Error> {
        Timing::try_from(TimingFields::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<RuleFields> for Rule {
    type Error = String;

    fn try_from(r: RuleFields) -> std::result::Result<Rule, String> {
        let present = [
            ("value", r.value.is_some()),
            ("floor", r.floor.is_some()),
            ("aim", r.aim.is_some()),
            ("aim_inclusive", r.aim_inclusive.is_some()),
            ("tolerance", r.tolerance.is_some()),
            ("low", r.low.is_some()),
            ("high", r.high.is_some()),
        ];
        let k = r.kind.as_str();
        let check = |takes: &[&str], needs: &[&str]| kind_fields(k, &present, takes, needs);
        let zero = Decimal::ZERO;
        Ok(match k {
            "at_least" | "more_than" | "at_most" | "less_than" | "exactly" => {
                check(&["value"], &["value"])?;
                let value = r.value.unwrap_or(zero);
                match k {
                    "at_least" => Rule::AtLeast { value },
                    "more_than" => Rule::MoreThan { value },
                    "at_most" => Rule::AtMost { value },
                    "less_than" => Rule::LessThan { value },
                    _ => Rule::Exactly { value },
                }
            }
            "all" | "none" | "done" => {
                check(&[], &[])?;
                match k {
                    "all" => Rule::All,
                    "none" => Rule::None,
                    _ => Rule::Done,
                }
            }
            "range" => {
                check(&["floor", "aim", "aim_inclusive"], &["floor", "aim"])?;
                Rule::Range {
                    floor: r.floor.unwrap_or(zero),
                    aim: r.aim.unwrap_or(zero),
                    aim_inclusive: r.aim_inclusive.unwrap_or(false),
                }
            }
            "about" => {
                check(&["value", "tolerance"], &["value"])?;
                Rule::About { value: r.value.unwrap_or(zero), tolerance: r.tolerance }
            }
            "band" => {
                check(&["low", "high"], &["low", "high"])?;
                Rule::Band { low: r.low.unwrap_or(zero), high: r.high.unwrap_or(zero) }
            }
            other => {
                let kinds = [
                    "at_least",
                    "more_than",
                    "at_most",
                    "less_than",
                    "exactly",
                    "all",
                    "none",
                    "range",
                    "about",
                    "done",
                    "band",
                ];
                return Err(unknown_kind(other, &kinds));
            }
        })
    }
}

/// A timing as read: every field any kind takes, checked against its kind (see [`RuleFields`]).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TimingFields {
    kind: String,
    #[serde(default)]
    from: Option<i32>,
    #[serde(default)]
    to: Option<i32>,
    #[serde(default)]
    by: Option<Period>,
    #[serde(default)]
    universe: Option<Decimal>,
    #[serde(default)]
    universe_indicator: Option<String>,
    #[serde(default)]
    base: Option<i32>,
    #[serde(default)]
    change: Option<ChangeKind>,
    #[serde(default)]
    reading: Option<Reading>,
}

impl TryFrom<TimingFields> for Timing {
    type Error = String;

    fn try_from(t: TimingFields) -> std::result::Result<Timing, String> {
        let present = [
            ("from", t.from.is_some()),
            ("to", t.to.is_some()),
            ("by", t.by.is_some()),
            ("universe", t.universe.is_some()),
            ("universe_indicator", t.universe_indicator.is_some()),
            ("base", t.base.is_some()),
            ("change", t.change.is_some()),
            ("reading", t.reading.is_some()),
        ];
        let k = t.kind.as_str();
        let check = |takes: &[&str], needs: &[&str]| kind_fields(k, &present, takes, needs);
        let (from, to) = (t.from.unwrap_or(0), t.to.unwrap_or(0));
        // the readings a catalogue must state are read as options: the loader refuses their absence, naming the
        // target and the choices
        Ok(match k {
            "yearly" | "quarterly" | "average_growth" | "cumulative" | "average" => {
                check(&["from", "to"], &["from", "to"])?;
                match k {
                    "yearly" => Timing::Yearly { from, to },
                    "quarterly" => Timing::Quarterly { from, to },
                    "average_growth" => Timing::AverageGrowth { from, to },
                    "cumulative" => Timing::Cumulative { from, to },
                    _ => Timing::Average { from, to },
                }
            }
            "coverage" => {
                check(&["from", "to", "universe", "universe_indicator"], &["from", "to"])?;
                Timing::Coverage { from, to, universe: t.universe, universe_indicator: t.universe_indicator }
            }
            "deadline" => {
                check(&["by"], &["by"])?;
                Timing::Deadline { by: t.by.unwrap_or(Period::Year(0)) }
            }
            "change" => {
                check(&["base", "to", "change"], &["base", "to"])?;
                Timing::Change { base: t.base.unwrap_or(0), to, change: t.change }
            }
            "average_change" | "yearly_change" => {
                check(&["from", "to", "reading"], &["from", "to"])?;
                if k == "average_change" {
                    Timing::AverageChange { from, to, reading: t.reading }
                } else {
                    Timing::YearlyChange { from, to, reading: t.reading }
                }
            }
            other => {
                let kinds = [
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
                ];
                return Err(unknown_kind(other, &kinds));
            }
        })
    }
}

/// In the schema, the readings a catalogue must state are required (the loader refuses a target without them,
/// naming it; serde reads them as options so that the loader can).
#[cfg(feature = "schema")]
fn require_readings(schema: &mut schemars::Schema) {
    let Some(variants) = schema.get_mut("oneOf").and_then(|v| v.as_array_mut()) else { return };
    for v in variants {
        let field = match v.pointer("/properties/kind/const").and_then(|k| k.as_str()) {
            Some("change") => "change",
            Some("average_change" | "yearly_change") => "reading",
            _ => continue,
        };
        if let Some(required) = v.get_mut("required").and_then(|r| r.as_array_mut()) {
            required.push(field.into());
        }
    }
}

impl Timing {
    /// The last day on which the target can still be met.
    pub fn deadline(&self) -> crate::period::Date {
        match self {
            Timing::Yearly { to, .. }
            | Timing::Quarterly { to, .. }
            | Timing::AverageGrowth { to, .. }
            | Timing::Cumulative { to, .. }
            | Timing::Coverage { to, .. }
            | Timing::Change { to, .. }
            | Timing::AverageChange { to, .. }
            | Timing::Average { to, .. }
            | Timing::YearlyChange { to, .. } => crate::period::Date::end_of_year(*to),
            Timing::Deadline { by } => by.end(),
        }
    }

    /// Stable snake_case name of the timing kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Timing::Yearly { .. } => "yearly",
            Timing::Quarterly { .. } => "quarterly",
            Timing::AverageGrowth { .. } => "average_growth",
            Timing::Cumulative { .. } => "cumulative",
            Timing::Coverage { .. } => "coverage",
            Timing::Deadline { .. } => "deadline",
            Timing::Change { .. } => "change",
            Timing::AverageChange { .. } => "average_change",
            Timing::Average { .. } => "average",
            Timing::YearlyChange { .. } => "yearly_change",
        }
    }
}

impl Rule {
    /// Stable snake_case name of the rule kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Rule::AtLeast { .. } => "at_least",
            Rule::MoreThan { .. } => "more_than",
            Rule::AtMost { .. } => "at_most",
            Rule::LessThan { .. } => "less_than",
            Rule::Exactly { .. } => "exactly",
            Rule::All => "all",
            Rule::None => "none",
            Rule::Range { .. } => "range",
            Rule::About { .. } => "about",
            Rule::Done => "done",
            Rule::Band { .. } => "band",
        }
    }
}

/// One place the document states a target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Section reference: `B.II.1.a`, `PL2 II.1.1`, `PL1 I.4`.
    pub section: String,
    /// The exact Vietnamese words (whitespace-normalised).
    pub quote: String,
}

/// A target: an indicator, a rule, a timing and the words that set it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Stable id, e.g. `grdp_growth`.
    pub id: String,
    /// The indicator judged.
    pub indicator: String,
    /// The rule.
    pub rule: Rule,
    /// The timing.
    pub timing: Timing,
    /// The rule applies to every entity's figure separately ("mỗi đại biểu ít nhất 2 buổi/năm"): the target is
    /// met when every entity meets it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub per_entity: bool,
    /// Short English meaning.
    pub summary_en: String,
    /// Every place the document states it; the first is the primary one, used for grouping. Shared (not copied)
    /// with every evaluation of the target.
    pub sources: Arc<[Source]>,
    /// Lead unit (Đơn vị chủ trì) from Phụ lục 2, where given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_unit: Option<String>,
    /// Reading notes: every choice made where the wording is ambiguous. Shared with every evaluation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Arc<str>>,
    /// Other targets stating the same commitment differently (see the discrepancy list), or stating it another
    /// way ("58% (29/50 thôn, tăng thêm 9 thôn)": a share, a count and a change, each its own target).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    /// For a count: the total it is a part of, as the document states it ("04/09 thôn": 4 out of 9). The rule
    /// judges the count; the total is shown beside it and checked against the rule and related shares.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of: Option<Decimal>,
}

impl Target {
    /// The primary section reference (of the first source).
    pub fn section(&self) -> &str {
        self.sources.first().map(|s| s.section.as_str()).unwrap_or("")
    }
}

/// A heading of the document, for grouping reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Reference prefix, e.g. `B.II.1` (targets whose section starts with it belong here).
    pub id: String,
    /// Heading in Vietnamese.
    pub title_vi: String,
    /// Heading in English.
    pub title_en: String,
}

/// Kind of a discrepancy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DiscrepancyKind {
    /// Two places state one target differently.
    Contradiction,
    /// Something else that affects a reading (a misprint, a duplicated number, a period outside the title...).
    Oddity,
}

/// A place where the document contradicts itself or reads oddly. Shown, never smoothed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Discrepancy {
    /// Stable id.
    pub id: String,
    /// Kind.
    pub kind: DiscrepancyKind,
    /// Targets concerned (each commitment is kept as its own target).
    #[serde(default)]
    pub targets: Vec<String>,
    /// What differs, in English.
    pub summary_en: String,
    /// What differs, in Vietnamese.
    pub summary_vi: String,
    /// The words on each side.
    pub quotes: Vec<Source>,
}

/// A quote of a catalogue not found in its document (see [`Catalogue::missing_quotes`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingQuote {
    /// The target, discrepancy or project whose quote it is.
    pub id: String,
    /// The section it cites (for a project, the field: `name_vi`, `scale_vi`, `funding_vi`).
    pub section: String,
    /// The words not found.
    pub quote: String,
}

/// Two statements of one commitment compared (see [`Catalogue::restatement_checks`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RestatementCheck {
    /// The two targets.
    pub targets: Vec<String>,
    /// Whether they agree; `None` when the document gives nothing to compare with (the implied base-year count).
    pub consistent: Option<bool>,
    /// What was compared, in English.
    pub summary_en: String,
    /// What was compared, in Vietnamese.
    pub summary_vi: String,
}

/// A road's cross-section from Phụ lục 1 (widths in metres).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RoadProfile {
    /// Bn: width of the road bed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bn: Option<Decimal>,
    /// Bm: carriageway width.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bm: Option<Decimal>,
    /// Bhe: width of one sidewalk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bhe_each: Option<Decimal>,
    /// Number of sidewalks (the 2 of "Bhe=2x5m").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bhe_count: Option<u32>,
    /// Median width (dải/giải phân cách), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median: Option<Decimal>,
}

/// A project of Phụ lục 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// Stable id, e.g. `pl1_i_4`.
    pub id: String,
    /// Group (Roman numeral of Phụ lục 1), e.g. `I`.
    pub group: String,
    /// Number within the group.
    pub number: u32,
    /// Section reference, e.g. `PL1 I.4`.
    pub section: String,
    /// Name as written.
    pub name_vi: String,
    /// Scale of investment as written.
    pub scale_vi: String,
    /// Road cross-section, for roads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub road: Option<RoadProfile>,
    /// Building or site area in m², where given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_m2: Option<Decimal>,
    /// Area in hectares, where given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hectares: Option<Decimal>,
    /// Funding source as written.
    pub funding_vi: String,
    /// Implementation period as written.
    pub period_vi: String,
    /// First year of the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_from: Option<i32>,
    /// Last year of the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_to: Option<i32>,
    /// The count indicator this project's completion counts towards (e.g. `transport_works_completed` for the
    /// works Phụ lục 2 II.1.7 counts), when the document counts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// The result of checking a road's parts against its width.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoadCheck {
    /// Project id.
    pub project: String,
    /// Bn as written.
    pub width: Decimal,
    /// Bm + sidewalks + median.
    pub parts: Decimal,
    /// Whether they agree.
    pub consistent: bool,
}

impl Project {
    /// Checks Bm + Bhe x n + median = Bn; `None` when a part is missing (the check is not possible).
    pub fn road_check(&self) -> Option<RoadCheck> {
        let r = self.road.as_ref()?;
        let width = r.bn?;
        let sidewalks = r.bhe_each?.checked_mul(Decimal::from(r.bhe_count?))?;
        let parts = r.bm?.checked_add(sidewalks)?.checked_add(r.median.unwrap_or(Decimal::ZERO))?;
        Some(RoadCheck { project: self.id.clone(), width, parts, consistent: parts == width })
    }
}

/// A whole programme as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// The JSON Schema the document follows, for editors (`docs/catalogue.schema.json`); ignored by the loader.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Format version of this document (currently 1).
    pub format: u32,
    /// The programme.
    pub programme: Programme,
    /// Headings for grouping.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Indicators.
    pub indicators: Vec<Indicator>,
    /// Targets.
    pub targets: Vec<Target>,
    /// Contradictions and oddities of the document.
    #[serde(default)]
    pub discrepancies: Vec<Discrepancy>,
    /// Phụ lục 1 projects.
    #[serde(default)]
    pub projects: Vec<Project>,
}
