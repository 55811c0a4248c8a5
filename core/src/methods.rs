//! International progress methods, in **compatibility mode** (binary floating point).
//!
//! Statistics offices judge progress towards targets with a few published methods. chitieu offers four of them as
//! *alternative views* beside its own verdicts, so that a ward's figures can be read the way an SDG platform, Eurostat
//! or the UN would read them:
//!
//! | [`Method`] | source | with a target | without a target |
//! | --- | --- | --- | --- |
//! | [`OpenSdg`](Method::OpenSdg) | Open SDG / Statistics Canada, sdg-build 2.4.0 (`sdg/ProgressMeasure.py`) | `P = s·d·CAGR_o / \|CAGR_r\|`, cut-offs 0.95 / 0.60 / 0, score in [-5, 5] | `P = s·d·CAGR_o`, cut-offs 1.5 % / 0.5 % / 0 scaled by the limit coefficient C |
//! | [`Eurostat`](Method::Eurostat) | Eurostat, *Sustainable development in the European Union* monitoring report, methodological annex | `RR = CAGR_a / CAGR_r`, cut-offs 95 % / 60 % / 0 | `d·CAGR_a`, cut-offs 1 % / 0 / -1 % |
//! | [`Unsd2022`](Method::Unsd2022) | UN Statistics Division, *SDG Progress Chart 2022 Technical Note* | `CR = CAGR_a / CAGR_r`, cut-offs 0.95 / 0.5 / -0.1 | `d·CAGR_a`, cut-offs 1 % / 0.5 % / -1 % |
//! | [`Unsd2023`](Method::Unsd2023) | UN Statistics Division, *Progress Chart 2023 Technical Note* | `CR = (v̂ - v_b) / (T - v_b)`, `v̂ = v_t (1+CAGR_a)^(t_T - t)`, cut-offs 0.95 / 0.10 | `d·CAGR_a`, cut-offs 2 % / 0.5 % |
//!
//! # Compatibility mode: why this module computes in `f64`
//!
//! These methods are *defined by their reference implementations*, which compute in binary floating point (IEEE 754
//! double precision) and, for Open SDG, with rounded constants (the score uses 7.1429, 4.2857 and 4.1667, not 50/7,
//! 30/7 and 25/6). To give the same answers as those tools, down to the last bit where possible, this module
//! reproduces them as they are: inputs are given as exact [`Decimal`]s, converted to the nearest `f64` (through their
//! decimal text, as Python's `float()` does), and every number of an [`Assessment`] is an `f64`. This is the **only**
//! place in chitieu where binary floating point decides anything. chitieu's own verdicts ([`crate::evaluate()`]) stay
//! exact decimal and never read these numbers.
//!
//! The price is the floating-point noise the reference tools have at their cut-offs: a compound annual growth rate
//! computed in `f64` is `p - 1` for a double `p`, so between -50 % and +100 % it is a multiple of 2⁻⁵³ and can never
//! equal 0.01 exactly; "exactly 1 %" falls on whichever side the rounding of `v_t / v_b` puts it, as in Python.
//!
//! # Notation
//!
//! Base year and value `t_b`, `v_b`; latest year and value `t`, `v_t`; target `T` in year `t_T`; `d = +1` when
//! higher is better ([`Direction::Increase`]) and `-1` when lower is better; `s = -1` if `v_b < 0`, else `+1`.
//! `CAGR(a, b, t1, t0) = (a/b)^(1/(t1-t0)) - 1`; the growth to date is `CAGR_o = CAGR_a = CAGR(v_t, v_b, t, t_b)` and
//! the growth required is `CAGR_r = CAGR(T, v_b, t_T, t_b)`.
//!
//! Common to every method: the latest year is the last year of [`Series::values`]; the base year is
//! [`Series::base_year`] when it has a value, else the **next later year that has one** (Open SDG's rule; with no
//! base year given, the first year with a value); at least two years are needed (base and latest); the target year
//! defaults to [`DEFAULT_TARGET_YEAR`] (2030). A [`Direction::Neutral`] series is refused: none of these methods has
//! a "closer is better" reading.
//!
//! # Open SDG / Statistics Canada (sdg-build 2.4.0)
//!
//! 1. A target of exactly 0 is replaced by 0.001 before anything else ([`Substitution::TargetZero`]).
//! 2. *Target achieved* is tested first, inclusively: `d = +1` and `v_t >= T`, or `d = -1` and `v_t <= T`. Then the
//!    status is [`ProgressStatus::TargetAchieved`] and the score 5, whatever `P` is (which is still reported). This
//!    test needs one value only.
//! 3. `s` and the limit coefficient are computed from `v_b` as given; only then is a base of exactly 0 replaced by
//!    0.001 ([`Substitution::BaseZero`]).
//! 4. `P` is null when `v_b` and `v_t` have opposite signs, when there is a single year, and (2.4.0) when the
//!    required growth is zero, i.e. `T == v_b` ([`Note::TargetEqualsBase`]).
//! 5. Without a target, `P = s·d·CAGR_o` and the cut-offs are `high = 0.015·C`, `med = 0.005·C`, `low = 0`, where C
//!    is the limit coefficient for a natural limit L ([`Series::limit`]): with `b = |v_b|`, `L = |limit|`, `a = 4.44`,
//!    `C = 1` with no limit or when `b >= 2L`, `C = 1 - (b/L)^a` when `b <= L`, else `C = 1 - ((2L-b)/L)^a`.
//! 6. With a target, `P = s·d·CAGR_o / |CAGR_r|` and the cut-offs are 0.95 / 0.60 / 0. A limit is ignored
//!    ([`Note::LimitIgnored`]).
//! 7. Status: `P >= high` [`SubstantialProgress`](ProgressStatus::SubstantialProgress), `>= med`
//!    [`ModerateProgress`](ProgressStatus::ModerateProgress), `>= low`
//!    [`LimitedProgress`](ProgressStatus::LimitedProgress), else
//!    [`Deterioration`](ProgressStatus::Deterioration); no `P`: [`NotAvailable`](ProgressStatus::NotAvailable).
//! 8. Score in [-5, 5], the shipped formulas: with a target, `P >= med`: `min(7.1429·P - 4.2857, 5)`, else
//!    `max(4.1667·P - 2.5, -5)`; without, `P < low`: `max(125·P - 2.5, -5)`; else if `C == 0`: 5; `P >= high`:
//!    `min(500·P/C - 5, 5)`; `P >= med`: `250·P/C - 1.25`; else `500·P/C - 2.5`.
//! 9. An indicator's score ([`open_sdg_indicator`]) is the mean of its entries' non-null scores, a configured group
//!    being averaged first (recursively) and counting as one entry; a duplicated entry counts once per occurrence.
//!    Status bands: [2.5, 5] substantial, [0, 2.5) moderate, [-2.5, 0) limited, [-5, -2.5) deterioration;
//!    `target_achieved` only when every scored entry achieved its target; `not_available` when none is scored. An
//!    indicator whose automatic calculation is off is not computed at all: see [`IndicatorProgress::Stated`].
//!
//! One deliberate departure, for a case the reference cannot compute: a target of the opposite sign to the base
//! (`T / v_b < 0`) makes Python take a complex root or produce NaN (depending on the integer type of the base
//! year); here `P` is null and [`Note::TargetOppositeSign`] says why.
//!
//! Checked against 379 real series results and 337 indicator aggregates published by Statistics Canada (see
//! `tests/peer/`): every status exactly, every progress value and score within 1e-9 relative.
//!
//! # Eurostat
//!
//! With a target: `RR = CAGR_a / CAGR_r` (the ratio of the actual to the required growth, the required growth
//! measured from the base year to the target year): `RR >= 0.95` significant progress, `>= 0.60` moderate progress,
//! `>= 0` insufficient progress, else movement away from the target. Without a target, on `g = d·CAGR_a` (signs
//! mirrored when lower is better), the bands above 1 %, 0 to 1 %, -1 % to 0 and below -1 % are read with these
//! edges: `g > 1 %` significant progress, `g > 0` moderate progress, `g >= -1 %` moderate movement away, else
//! significant movement away (so no change at all counts as moderate movement away). No substitution: a base of 0
//! makes growth undefined ([`Note::ZeroBase`]).
//!
//! # UN Statistics Division, 2022 and 2023 editions
//!
//! 2022: with a target `CR = CAGR_a / CAGR_r`, cut-offs 0.95 (substantial progress / on track), 0.5 (fair progress but
//! acceleration needed), -0.1 (limited or no progress; below: deterioration). Without a target, on `g = d·CAGR_a`:
//! 1 %, 0.5 % and -1 % with the same four categories.
//!
//! 2023: with a target the latest value is extrapolated to the target year at the pace to date,
//! `v̂ = v_t (1+CAGR_a)^(t_T - t)`, and `CR = (v̂ - v_b) / (T - v_b)`: `CR >= 0.95` target met or almost met,
//! `>= 0.10` fair progress but acceleration needed, else stagnation or regression. Without a target, on
//! `g = d·CAGR_a`: `g >= 2 %`, `g >= 0.5 %` with the same three categories.
//!
//! Every lower cut-off of these two editions is inclusive (`>=`). The with-target cut-offs and the 2023 no-target
//! cut-offs are those the technical notes state; the 2022 no-target cut-offs (1 % / 0.5 % / -1 %) are as read from
//! secondary sources, and every cut-off can be replaced through [`Series::thresholds`].
//!
//! # Example
//!
//! ```
//! use chitieu::methods::{assess, Method, ProgressStatus, Series};
//! use chitieu::{Decimal, Direction};
//! use std::str::FromStr;
//!
//! let d = |s: &str| Decimal::from_str(s).unwrap();
//! // Statistics Canada, GIF 1.2.1: 14.5 % in 2015, 10.2 % in 2023, target 7.25 % by 2030, lower is better.
//! let mut series = Series::new(Direction::Decrease, [(2015, d("14.5")), (2023, d("10.2"))]);
//! series.target = Some(d("7.25"));
//! series.target_year = Some(2030);
//! let a = assess(Method::OpenSdg, &series)?;
//! assert_eq!(a.status, ProgressStatus::SubstantialProgress);
//! assert_eq!(a.progress, Some(0.9525901792032172)); // bit for bit what sdg-build published
//! assert_eq!(a.score, Some(2.5185563910306596));
//! # Ok::<(), chitieu::Error>(())
//! ```

use crate::error::{Error, Result};
use crate::evaluate::{self, Options};
use crate::exact::Rational;
use crate::figures::{FigureValue, Figures};
use crate::model::{Catalogue, Direction, Rule, Target, Timing};
use crate::period::Period;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The target year when a series gives none: the 2030 Agenda's horizon, the default of every method here.
pub const DEFAULT_TARGET_YEAR: i32 = 2030;

/// Open SDG's exponent of the limit coefficient.
const LIMIT_EXPONENT: f64 = 4.44;

/// What replaces a zero base or target in Open SDG.
const OPEN_SDG_ZERO: f64 = 0.001;

/// A progress method. See the [module documentation](self) for the formulas and sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Method {
    /// Open SDG / Statistics Canada automatic progress measure, sdg-build 2.4.0.
    #[serde(rename = "open_sdg")]
    OpenSdg,
    /// Eurostat EU SDG monitoring: with a target, the ratio of actual to required growth; without, the growth rate.
    #[serde(rename = "eurostat")]
    Eurostat,
    /// UN Statistics Division SDG Progress Chart, 2022 edition (ratio of actual to required growth).
    #[serde(rename = "unsd_2022")]
    Unsd2022,
    /// UN Statistics Division SDG Progress Chart, 2023 edition (share of the required change expected by the target
    /// year at the pace to date).
    #[serde(rename = "unsd_2023")]
    Unsd2023,
}

impl Method {
    /// Every method, in the order reports show them.
    pub const ALL: [Method; 4] = [Method::OpenSdg, Method::Eurostat, Method::Unsd2022, Method::Unsd2023];

    /// Stable snake_case code (`open_sdg`, `eurostat`, `unsd_2022`, `unsd_2023`).
    pub fn code(&self) -> &'static str {
        match self {
            Method::OpenSdg => "open_sdg",
            Method::Eurostat => "eurostat",
            Method::Unsd2022 => "unsd_2022",
            Method::Unsd2023 => "unsd_2023",
        }
    }

    /// English name.
    pub fn name_en(&self) -> &'static str {
        match self {
            Method::OpenSdg => "Open SDG / Statistics Canada (sdg-build 2.4.0)",
            Method::Eurostat => "Eurostat (EU SDG monitoring)",
            Method::Unsd2022 => "UN Statistics Division, Progress Chart 2022",
            Method::Unsd2023 => "UN Statistics Division, Progress Chart 2023",
        }
    }

    /// Vietnamese name.
    pub fn name_vi(&self) -> &'static str {
        match self {
            Method::OpenSdg => "Open SDG / Thống kê Canada (sdg-build 2.4.0)",
            Method::Eurostat => "Eurostat (giám sát SDG của EU)",
            Method::Unsd2022 => "Cơ quan Thống kê Liên hợp quốc, biểu đồ tiến độ 2022",
            Method::Unsd2023 => "Cơ quan Thống kê Liên hợp quốc, biểu đồ tiến độ 2023",
        }
    }
}

/// Cut-offs replacing a method's defaults, in the unit of the method's progress value (a ratio with a target, a
/// growth rate as a fraction without: `0.015` is 1.5 % a year). `high >= medium >= low` is required.
///
/// They replace the defaults of whichever variant applies (with or without a target). For Open SDG without a target
/// they are scaled by the limit coefficient, as sdg-build scales its `progress_thresholds`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// The top cut-off.
    pub high: Decimal,
    /// The middle cut-off.
    pub medium: Decimal,
    /// The bottom cut-off: required by every method except [`Method::Unsd2023`], which has three categories and
    /// refuses one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<Decimal>,
}

/// A series to judge: values by year, the desirable direction, and optionally a target. Plain serde data; in JSON
/// `{"values": {"2015": "14.5", "2023": "10.2"}, "direction": "decrease", "target": "7.25", "target_year": 2030}`.
///
/// The values are exact decimals; the methods convert them to `f64` (compatibility mode, see the module docs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    /// Value by year. Years without a value are simply absent.
    pub values: BTreeMap<i32, Decimal>,
    /// Desirable direction: [`Direction::Increase`] (higher is better) or [`Direction::Decrease`].
    /// [`Direction::Neutral`] is refused.
    pub direction: Direction,
    /// Base year; when it has no value the next later year with one is used. `None`: the first year with a value.
    /// (sdg-build's configuration default is 2015; give it explicitly to mimic a platform.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_year: Option<i32>,
    /// Target value, in the unit of the values. `None`: each method's variant without a target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Decimal>,
    /// Target year; `None` means [`DEFAULT_TARGET_YEAR`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_year: Option<i32>,
    /// Natural limit (a ceiling such as 100 %, or a floor), used by Open SDG without a target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<Decimal>,
    /// Cut-offs replacing the method's defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thresholds: Option<Thresholds>,
}

impl Series {
    /// A series without a target, base year, limit or custom cut-offs.
    pub fn new(direction: Direction, values: impl IntoIterator<Item = (i32, Decimal)>) -> Series {
        Series {
            values: values.into_iter().collect(),
            direction,
            base_year: None,
            target: None,
            target_year: None,
            limit: None,
            thresholds: None,
        }
    }
}

/// A status of an international method. The codes are shared where methods name the same thing; which codes a
/// method can give is listed on each variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgressStatus {
    /// Open SDG: the latest value meets the target (inclusive), whatever the trend.
    TargetAchieved,
    /// Open SDG: progress value at or above the high cut-off (shown as "On track" by Open SDG sites); UNSD 2022:
    /// "Substantial progress / on track".
    SubstantialProgress,
    /// Open SDG: between the medium and the high cut-off ("Progress made but acceleration needed"); Eurostat:
    /// moderate progress.
    ModerateProgress,
    /// Open SDG: between the low and the medium cut-off.
    LimitedProgress,
    /// Open SDG, UNSD 2022: below the low cut-off.
    Deterioration,
    /// Eurostat: significant progress (towards the target, or towards the objective).
    SignificantProgress,
    /// Eurostat with a target: progress, but below 60 % of the required pace.
    InsufficientProgress,
    /// Eurostat with a target: movement away from the target.
    MovementAway,
    /// Eurostat without a target: moderate movement away from the objective.
    ModerateMovementAway,
    /// Eurostat without a target: significant movement away from the objective.
    SignificantMovementAway,
    /// UNSD 2022 and 2023: fair progress, but acceleration needed.
    FairProgress,
    /// UNSD 2022: limited or no progress.
    LimitedOrNoProgress,
    /// UNSD 2023: target met or almost met.
    TargetMetOrAlmostMet,
    /// UNSD 2023: stagnation or regression.
    StagnationOrRegression,
    /// Every method: not enough data, or a progress value that cannot be computed (see the notes).
    NotAvailable,
}

impl ProgressStatus {
    /// Every status.
    pub const ALL: [ProgressStatus; 15] = [
        ProgressStatus::TargetAchieved,
        ProgressStatus::SubstantialProgress,
        ProgressStatus::ModerateProgress,
        ProgressStatus::LimitedProgress,
        ProgressStatus::Deterioration,
        ProgressStatus::SignificantProgress,
        ProgressStatus::InsufficientProgress,
        ProgressStatus::MovementAway,
        ProgressStatus::ModerateMovementAway,
        ProgressStatus::SignificantMovementAway,
        ProgressStatus::FairProgress,
        ProgressStatus::LimitedOrNoProgress,
        ProgressStatus::TargetMetOrAlmostMet,
        ProgressStatus::StagnationOrRegression,
        ProgressStatus::NotAvailable,
    ];

    /// Stable snake_case code, as serialised.
    pub fn code(&self) -> &'static str {
        match self {
            ProgressStatus::TargetAchieved => "target_achieved",
            ProgressStatus::SubstantialProgress => "substantial_progress",
            ProgressStatus::ModerateProgress => "moderate_progress",
            ProgressStatus::LimitedProgress => "limited_progress",
            ProgressStatus::Deterioration => "deterioration",
            ProgressStatus::SignificantProgress => "significant_progress",
            ProgressStatus::InsufficientProgress => "insufficient_progress",
            ProgressStatus::MovementAway => "movement_away",
            ProgressStatus::ModerateMovementAway => "moderate_movement_away",
            ProgressStatus::SignificantMovementAway => "significant_movement_away",
            ProgressStatus::FairProgress => "fair_progress",
            ProgressStatus::LimitedOrNoProgress => "limited_or_no_progress",
            ProgressStatus::TargetMetOrAlmostMet => "target_met_or_almost_met",
            ProgressStatus::StagnationOrRegression => "stagnation_or_regression",
            ProgressStatus::NotAvailable => "not_available",
        }
    }

    /// English label.
    pub fn label_en(&self) -> &'static str {
        match self {
            ProgressStatus::TargetAchieved => "Target achieved",
            ProgressStatus::SubstantialProgress => "Substantial progress / on track",
            ProgressStatus::ModerateProgress => "Moderate progress",
            ProgressStatus::LimitedProgress => "Limited progress",
            ProgressStatus::Deterioration => "Deterioration",
            ProgressStatus::SignificantProgress => "Significant progress",
            ProgressStatus::InsufficientProgress => "Insufficient progress",
            ProgressStatus::MovementAway => "Movement away from the target",
            ProgressStatus::ModerateMovementAway => "Moderate movement away",
            ProgressStatus::SignificantMovementAway => "Significant movement away",
            ProgressStatus::FairProgress => "Fair progress, but acceleration needed",
            ProgressStatus::LimitedOrNoProgress => "Limited or no progress",
            ProgressStatus::TargetMetOrAlmostMet => "Target met or almost met",
            ProgressStatus::StagnationOrRegression => "Stagnation or regression",
            ProgressStatus::NotAvailable => "Not available",
        }
    }

    /// Vietnamese label.
    pub fn label_vi(&self) -> &'static str {
        match self {
            ProgressStatus::TargetAchieved => "Đã đạt mục tiêu",
            ProgressStatus::SubstantialProgress => "Tiến bộ đáng kể / đúng tiến độ",
            ProgressStatus::ModerateProgress => "Tiến bộ vừa phải",
            ProgressStatus::LimitedProgress => "Tiến bộ hạn chế",
            ProgressStatus::Deterioration => "Suy giảm",
            ProgressStatus::SignificantProgress => "Tiến bộ rõ rệt",
            ProgressStatus::InsufficientProgress => "Tiến bộ chưa đủ",
            ProgressStatus::MovementAway => "Đi xa mục tiêu",
            ProgressStatus::ModerateMovementAway => "Đi xa mục tiêu ở mức vừa",
            ProgressStatus::SignificantMovementAway => "Đi xa mục tiêu rõ rệt",
            ProgressStatus::FairProgress => "Có tiến bộ nhưng cần tăng tốc",
            ProgressStatus::LimitedOrNoProgress => "Tiến bộ hạn chế hoặc không tiến bộ",
            ProgressStatus::TargetMetOrAlmostMet => "Đã đạt hoặc gần đạt mục tiêu",
            ProgressStatus::StagnationOrRegression => "Đình trệ hoặc thụt lùi",
            ProgressStatus::NotAvailable => "Không đánh giá được",
        }
    }
}

/// A value replaced before computing (Open SDG only). Reported so that it is never silent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Substitution {
    /// The target was exactly 0 and is replaced by 0.001 (before every other step).
    #[serde(rename = "target_zero_to_0.001")]
    TargetZero,
    /// The base value was exactly 0 and is replaced by 0.001 (after the sign and the limit coefficient, which use 0).
    #[serde(rename = "base_zero_to_0.001")]
    BaseZero,
}

impl Substitution {
    /// Stable code, as serialised (`target_zero_to_0.001`, `base_zero_to_0.001`).
    pub fn code(&self) -> &'static str {
        match self {
            Substitution::TargetZero => "target_zero_to_0.001",
            Substitution::BaseZero => "base_zero_to_0.001",
        }
    }
}

/// Why a number is missing, or what to keep in mind when reading an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Note {
    /// The series has no value at all.
    NoData,
    /// No value in the base year or after it.
    NoDataFromBaseYear,
    /// The base year had no value; the next later year with one is used.
    BaseYearFallback,
    /// Only one year from the base year on (the base year is the latest): growth needs two.
    SingleYear,
    /// Base and latest values have opposite signs: growth is undefined.
    OppositeSigns,
    /// The base value is 0: growth is undefined (Eurostat, UNSD; Open SDG substitutes 0.001).
    ZeroBase,
    /// The base value is negative: the growth rate of a negative series moves opposite to its level (Eurostat, UNSD
    /// take it as it is; Open SDG corrects with `s`).
    NegativeBase,
    /// The target equals the base value (the required growth is zero): the ratio is undefined.
    TargetEqualsBase,
    /// The target has the opposite sign to the base value: the required growth is undefined.
    TargetOppositeSign,
    /// The target year is not after the base year: in the same year the required growth is undefined (no ratio);
    /// before it the formula runs backwards, as the reference implementations let it.
    TargetYearNotAfterBase,
    /// The latest year is after the target year (UNSD 2023 then extrapolates backwards, as its formula says).
    TargetYearPassed,
    /// Open SDG ignores a limit when there is a target.
    LimitIgnored,
    /// The method has no use for a limit.
    LimitUnused,
    /// The computation overflowed to infinity or NaN.
    NotFinite,
}

impl Note {
    /// Every note.
    pub const ALL: [Note; 14] = [
        Note::NoData,
        Note::NoDataFromBaseYear,
        Note::BaseYearFallback,
        Note::SingleYear,
        Note::OppositeSigns,
        Note::ZeroBase,
        Note::NegativeBase,
        Note::TargetEqualsBase,
        Note::TargetOppositeSign,
        Note::TargetYearNotAfterBase,
        Note::TargetYearPassed,
        Note::LimitIgnored,
        Note::LimitUnused,
        Note::NotFinite,
    ];

    /// Stable snake_case code, as serialised.
    pub fn code(&self) -> &'static str {
        match self {
            Note::NoData => "no_data",
            Note::NoDataFromBaseYear => "no_data_from_base_year",
            Note::BaseYearFallback => "base_year_fallback",
            Note::SingleYear => "single_year",
            Note::OppositeSigns => "opposite_signs",
            Note::ZeroBase => "zero_base",
            Note::NegativeBase => "negative_base",
            Note::TargetEqualsBase => "target_equals_base",
            Note::TargetOppositeSign => "target_opposite_sign",
            Note::TargetYearNotAfterBase => "target_year_not_after_base",
            Note::TargetYearPassed => "target_year_passed",
            Note::LimitIgnored => "limit_ignored",
            Note::LimitUnused => "limit_unused",
            Note::NotFinite => "not_finite",
        }
    }

    /// English explanation.
    pub fn label_en(&self) -> &'static str {
        match self {
            Note::NoData => "the series has no value",
            Note::NoDataFromBaseYear => "no value in the base year or after it",
            Note::BaseYearFallback => "no value in the base year: the next later year with a value is used",
            Note::SingleYear => "only one year of data from the base year: growth needs two",
            Note::OppositeSigns => "base and latest values have opposite signs: growth is undefined",
            Note::ZeroBase => "the base value is 0: growth is undefined",
            Note::NegativeBase => "the base value is negative: its growth rate moves opposite to its level",
            Note::TargetEqualsBase => "the target equals the base value: the required growth is zero",
            Note::TargetOppositeSign => "the target has the opposite sign to the base value",
            Note::TargetYearNotAfterBase => "the target year is not after the base year",
            Note::TargetYearPassed => "the latest year is after the target year",
            Note::LimitIgnored => "the limit is ignored when there is a target",
            Note::LimitUnused => "this method has no use for a limit",
            Note::NotFinite => "the computation overflowed",
        }
    }
}

/// The cut-offs an assessment applied (after Open SDG's limit scaling), in the unit of [`Assessment::progress`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CutOffs {
    /// Top cut-off.
    pub high: f64,
    /// Middle cut-off.
    pub medium: f64,
    /// Bottom cut-off (`None` for UNSD 2023, which has three categories).
    pub low: Option<f64>,
}

/// What a method says about a series: its status and the numbers behind it.
///
/// **Compatibility mode**: every number is an IEEE 754 double computed as the reference implementation computes it
/// (see the module docs); none of them is exact, and none feeds chitieu's own verdicts. Numbers that cannot be
/// computed are `None` (JSON `null`); every field is always serialised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    /// The method.
    pub method: Method,
    /// Whether the variant with a target was used.
    pub with_target: bool,
    /// The status.
    pub status: ProgressStatus,
    /// Effective base year (after the fallback to the next later year with a value).
    pub base_year: Option<i32>,
    /// Value in the base year, as used (after [`Substitution::BaseZero`]).
    pub base_value: Option<f64>,
    /// Latest year with a value.
    pub current_year: Option<i32>,
    /// Its value.
    pub current_value: Option<f64>,
    /// Target, as used (after [`Substitution::TargetZero`]).
    pub target: Option<f64>,
    /// Target year (with a target).
    pub target_year: Option<i32>,
    /// Whether the latest value meets the target, inclusively (`v_t >= T` for increase, `v_t <= T` for decrease).
    /// Decides the status of Open SDG only; reported by every method for information.
    pub target_achieved: Option<bool>,
    /// Compound annual growth rate to date, `CAGR(v_t, v_b, t, t_b)`, as a fraction (0.05 is 5 % a year).
    pub growth_to_date: Option<f64>,
    /// Compound annual growth rate required to reach the target from the base year, `CAGR(T, v_b, t_T, t_b)`.
    pub growth_required: Option<f64>,
    /// UNSD 2023: the value expected in the target year at the pace to date, `v_t (1 + CAGR_a)^(t_T - t)`.
    pub projected: Option<f64>,
    /// The number the cut-offs are applied to: Open SDG's `P`, Eurostat's `RR`, UNSD's `CR`, or `d·CAGR`
    /// (Open SDG: `s·d·CAGR`) without a target.
    pub progress: Option<f64>,
    /// Open SDG's score in [-5, 5] (other methods: `None`).
    pub score: Option<f64>,
    /// Open SDG's limit coefficient C (without a target, with a limit).
    pub limit_coefficient: Option<f64>,
    /// The cut-offs applied.
    pub cut_offs: CutOffs,
    /// Values replaced before computing.
    pub substitutions: Vec<Substitution>,
    /// Why a number is missing, or what to keep in mind.
    pub notes: Vec<Note>,
}

/// Assess a series with one method.
///
/// Errors ([`Error::InvalidSetting`]): a [`Direction::Neutral`] series, or thresholds that are not ordered
/// `high >= medium >= low` or lack a `low` the method needs (or give one to [`Method::Unsd2023`]).
pub fn assess(method: Method, series: &Series) -> Result<Assessment> {
    let d = match series.direction {
        Direction::Increase => 1.0,
        Direction::Decrease => -1.0,
        Direction::Neutral => {
            return Err(invalid(
                "direction",
                "the international progress methods need a direction (increase or decrease), not neutral",
            ))
        }
    };
    let custom = custom_cut_offs(method, series.thresholds.as_ref())?;
    let data = Data::read(series);
    Ok(match method {
        Method::OpenSdg => open_sdg(series, data, d, custom),
        Method::Eurostat | Method::Unsd2022 | Method::Unsd2023 => ratio_method(method, series, data, d, custom),
    })
}

/// Assess a series with every method, in [`Method::ALL`] order.
pub fn assess_all(series: &Series) -> Result<Vec<Assessment>> {
    Method::ALL.iter().map(|m| assess(*m, series)).collect()
}

fn invalid(field: &str, message: &str) -> Error {
    Error::InvalidSetting { field: field.into(), message: message.into() }
}

/// The nearest double to a decimal, as Python's `float(str)` gives it ([`crate::batch::nearest_f64`]).
fn to_f64(d: Decimal) -> f64 {
    crate::batch::nearest_f64(&d)
}

/// Custom cut-offs, validated and converted.
fn custom_cut_offs(method: Method, t: Option<&Thresholds>) -> Result<Option<CutOffs>> {
    let Some(t) = t else { return Ok(None) };
    let three = method == Method::Unsd2023;
    let low = match (three, t.low) {
        (true, Some(_)) => {
            return Err(invalid("thresholds.low", "UNSD 2023 has three categories: give no low cut-off"))
        }
        (false, None) => return Err(invalid("thresholds.low", "this method needs a low cut-off")),
        (_, low) => low,
    };
    if t.high < t.medium || low.is_some_and(|l| t.medium < l) {
        return Err(invalid("thresholds", "cut-offs must be ordered high >= medium >= low"));
    }
    Ok(Some(CutOffs { high: to_f64(t.high), medium: to_f64(t.medium), low: low.map(to_f64) }))
}

/// The values in double precision, with the effective base and the latest year.
struct Data {
    /// Effective base year and value (value as given, before any substitution).
    base: Option<(i32, f64)>,
    /// Latest year and value.
    current: Option<(i32, f64)>,
    notes: Vec<Note>,
}

impl Data {
    fn read(series: &Series) -> Data {
        let values: BTreeMap<i32, f64> = series.values.iter().map(|(y, v)| (*y, to_f64(*v))).collect();
        let mut notes = Vec::new();
        let current = values.iter().next_back().map(|(y, v)| (*y, *v));
        if current.is_none() {
            notes.push(Note::NoData);
            return Data { base: None, current, notes };
        }
        let wanted = series.base_year.or_else(|| values.keys().next().copied());
        let base = wanted.and_then(|w| values.range(w..).next().map(|(y, v)| (*y, *v)));
        match (wanted, base) {
            (Some(w), Some((y, _))) if y != w => notes.push(Note::BaseYearFallback),
            (_, None) => notes.push(Note::NoDataFromBaseYear),
            _ => {}
        }
        Data { base, current, notes }
    }
}

/// `(a/b)^(1/(t1-t0)) - 1`, in the order of operations of the reference implementations.
fn cagr(a: f64, b: f64, t1: i32, t0: i32) -> f64 {
    (a / b).powf(1.0 / f64::from(t1 - t0)) - 1.0
}

/// An empty assessment, filled by the methods.
fn blank(method: Method, with_target: bool, data: &Data, cut_offs: CutOffs) -> Assessment {
    Assessment {
        method,
        with_target,
        status: ProgressStatus::NotAvailable,
        base_year: data.base.map(|b| b.0),
        base_value: data.base.map(|b| b.1),
        current_year: data.current.map(|c| c.0),
        current_value: data.current.map(|c| c.1),
        target: None,
        target_year: None,
        target_achieved: None,
        growth_to_date: None,
        growth_required: None,
        projected: None,
        progress: None,
        score: None,
        limit_coefficient: None,
        cut_offs,
        substitutions: Vec::new(),
        notes: data.notes.clone(),
    }
}

/// A finite number, or `None` with a note.
fn finite(x: f64, notes: &mut Vec<Note>) -> Option<f64> {
    if x.is_finite() {
        Some(x)
    } else {
        if !notes.contains(&Note::NotFinite) {
            notes.push(Note::NotFinite);
        }
        None
    }
}

fn achieved(d: f64, current: f64, target: f64) -> bool {
    (d < 0.0 && current <= target) || (d > 0.0 && current >= target)
}

/// Open SDG's limit coefficient C for base value `base` and limit `limit` (checked in sdg-build's order, so that a
/// zero base and a zero limit give 1).
pub fn open_sdg_limit_coefficient(base: f64, limit: f64) -> f64 {
    let (b, l) = (base.abs(), limit.abs());
    if b >= 2.0 * l {
        1.0
    } else if b <= l {
        1.0 - (b / l).powf(LIMIT_EXPONENT)
    } else {
        1.0 - ((2.0 * l - b) / l).powf(LIMIT_EXPONENT)
    }
}

fn open_sdg(series: &Series, data: Data, d: f64, custom: Option<CutOffs>) -> Assessment {
    let mut substitutions = Vec::new();
    let target = series.target.map(to_f64).map(|t| {
        if t == 0.0 {
            substitutions.push(Substitution::TargetZero);
            OPEN_SDG_ZERO
        } else {
            t
        }
    });
    let with_target = target.is_some();
    let target_year = series.target_year.unwrap_or(DEFAULT_TARGET_YEAR);
    let defaults = if with_target {
        CutOffs { high: 0.95, medium: 0.6, low: Some(0.0) }
    } else {
        CutOffs { high: 0.015, medium: 0.005, low: Some(0.0) }
    };
    let mut cut = custom.unwrap_or(defaults);
    let mut a = blank(Method::OpenSdg, with_target, &data, cut);
    a.target = target;
    a.target_year = target.map(|_| target_year);
    a.substitutions = substitutions;
    let (Some((tb, vb_given)), Some((t, vt))) = (data.base, data.current) else {
        // no data at all, or none from the base year on (sdg-build stops there too)
        if let (Some(tt), Some((_, vt))) = (target, data.current) {
            a.target_achieved = Some(achieved(d, vt, tt));
            if achieved(d, vt, tt) {
                a.status = ProgressStatus::TargetAchieved;
                a.score = Some(5.0);
            }
        }
        return a;
    };
    let s = if vb_given < 0.0 { -1.0 } else { 1.0 };
    // cut-offs: without a target, scaled by the limit coefficient computed from the base value as given
    let mut coefficient = None;
    match (with_target, series.limit) {
        (true, Some(_)) => a.notes.push(Note::LimitIgnored),
        (false, Some(limit)) => {
            let c = open_sdg_limit_coefficient(vb_given, to_f64(limit));
            cut.high *= c;
            cut.medium *= c;
            cut.low = cut.low.map(|l| l * c);
            coefficient = Some(c);
        }
        _ => {}
    }
    a.cut_offs = cut;
    a.limit_coefficient = coefficient;
    let target_achieved = target.is_some_and(|tt| achieved(d, vt, tt));
    a.target_achieved = target.map(|_| target_achieved);
    // progress value
    let mut vb = vb_given;
    if vb == 0.0 {
        vb = OPEN_SDG_ZERO;
        a.substitutions.push(Substitution::BaseZero);
        a.base_value = Some(vb);
    }
    let progress = if (vb > 0.0 && vt < 0.0) || (vb < 0.0 && vt > 0.0) {
        a.notes.push(Note::OppositeSigns);
        None
    } else if t - tb < 1 {
        a.notes.push(Note::SingleYear);
        None
    } else {
        let growth = cagr(vt, vb, t, tb);
        a.growth_to_date = finite(growth, &mut a.notes);
        match target {
            None => finite(s * d * growth, &mut a.notes),
            Some(tt) => {
                if target_year <= tb {
                    a.notes.push(Note::TargetYearNotAfterBase);
                }
                if target_year == tb {
                    None
                } else if tt / vb < 0.0 {
                    a.notes.push(Note::TargetOppositeSign);
                    None
                } else {
                    let required = cagr(tt, vb, target_year, tb);
                    a.growth_required = finite(required, &mut a.notes);
                    if required == 0.0 {
                        a.notes.push(Note::TargetEqualsBase);
                        None
                    } else {
                        finite(s * d * growth / required.abs(), &mut a.notes)
                    }
                }
            }
        }
    };
    a.progress = progress;
    let low = cut.low.unwrap_or(0.0);
    a.status = if target_achieved {
        ProgressStatus::TargetAchieved
    } else {
        match progress {
            None => ProgressStatus::NotAvailable,
            Some(p) if p >= cut.high => ProgressStatus::SubstantialProgress,
            Some(p) if p >= cut.medium => ProgressStatus::ModerateProgress,
            Some(p) if p >= low => ProgressStatus::LimitedProgress,
            Some(_) => ProgressStatus::Deterioration,
        }
    };
    a.score = if target_achieved {
        Some(5.0)
    } else {
        progress.map(|p| {
            if with_target {
                if p >= cut.medium {
                    (7.1429 * p - 4.2857).min(5.0)
                } else {
                    (4.1667 * p - 2.5).max(-5.0)
                }
            } else {
                let c = coefficient.unwrap_or(1.0);
                if p < low {
                    (125.0 * p - 2.5).max(-5.0)
                } else if c == 0.0 {
                    5.0
                } else if p >= cut.high {
                    (500.0 * p / c - 5.0).min(5.0)
                } else if p >= cut.medium {
                    250.0 * p / c - 1.25
                } else {
                    500.0 * p / c - 2.5
                }
            }
        })
    };
    a
}

/// Eurostat and the two UNSD editions: growth to date against the required growth (or the change expected by the
/// target year), no score, no substitution.
fn ratio_method(method: Method, series: &Series, data: Data, d: f64, custom: Option<CutOffs>) -> Assessment {
    let target = series.target.map(to_f64);
    let with_target = target.is_some();
    let target_year = series.target_year.unwrap_or(DEFAULT_TARGET_YEAR);
    let defaults = match (method, with_target) {
        (Method::Eurostat, true) => CutOffs { high: 0.95, medium: 0.6, low: Some(0.0) },
        (Method::Eurostat, false) => CutOffs { high: 0.01, medium: 0.0, low: Some(-0.01) },
        (Method::Unsd2022, true) => CutOffs { high: 0.95, medium: 0.5, low: Some(-0.1) },
        (Method::Unsd2022, false) => CutOffs { high: 0.01, medium: 0.005, low: Some(-0.01) },
        (_, true) => CutOffs { high: 0.95, medium: 0.1, low: None },
        (_, false) => CutOffs { high: 0.02, medium: 0.005, low: None },
    };
    let cut = custom.unwrap_or(defaults);
    let mut a = blank(method, with_target, &data, cut);
    a.target = target;
    a.target_year = target.map(|_| target_year);
    if series.limit.is_some() {
        a.notes.push(Note::LimitUnused);
    }
    if let (Some(tt), Some((_, vt))) = (target, data.current) {
        a.target_achieved = Some(achieved(d, vt, tt));
    }
    let (Some((tb, vb)), Some((t, vt))) = (data.base, data.current) else { return a };
    let growth = if vb == 0.0 {
        a.notes.push(Note::ZeroBase);
        None
    } else if (vb > 0.0 && vt < 0.0) || (vb < 0.0 && vt > 0.0) {
        a.notes.push(Note::OppositeSigns);
        None
    } else if t - tb < 1 {
        a.notes.push(Note::SingleYear);
        None
    } else {
        if vb < 0.0 {
            a.notes.push(Note::NegativeBase);
        }
        finite(cagr(vt, vb, t, tb), &mut a.notes)
    };
    a.growth_to_date = growth;
    let Some(g) = growth else { return a };
    let progress = match target {
        None => Some(d * g),
        Some(tt) if method == Method::Unsd2023 => {
            if t > target_year {
                a.notes.push(Note::TargetYearPassed);
            }
            let projected = finite(vt * (1.0 + g).powf(f64::from(target_year - t)), &mut a.notes);
            a.projected = projected;
            if tt == vb {
                a.notes.push(Note::TargetEqualsBase);
                None
            } else {
                projected.and_then(|p| finite((p - vb) / (tt - vb), &mut a.notes))
            }
        }
        Some(tt) => {
            if target_year <= tb {
                a.notes.push(Note::TargetYearNotAfterBase);
            }
            if target_year == tb {
                None
            } else if tt / vb < 0.0 {
                a.notes.push(Note::TargetOppositeSign);
                None
            } else {
                let required = finite(cagr(tt, vb, target_year, tb), &mut a.notes);
                a.growth_required = required;
                match required {
                    Some(r) => {
                        if r == 0.0 {
                            a.notes.push(Note::TargetEqualsBase);
                            None
                        } else {
                            finite(g / r, &mut a.notes)
                        }
                    }
                    None => None,
                }
            }
        }
    };
    a.progress = progress;
    let Some(p) = progress else { return a };
    use ProgressStatus::*;
    let low = cut.low.unwrap_or(f64::NEG_INFINITY);
    a.status = match (method, with_target) {
        (Method::Eurostat, true) => {
            pick(p, &cut, [SignificantProgress, ModerateProgress, InsufficientProgress, MovementAway])
        }
        (Method::Eurostat, false) => {
            // "more than 1 %", "more than 0", "-1 % or more"
            if p > cut.high {
                SignificantProgress
            } else if p > cut.medium {
                ModerateProgress
            } else if p >= low {
                ModerateMovementAway
            } else {
                SignificantMovementAway
            }
        }
        (Method::Unsd2022, _) => pick(p, &cut, [SubstantialProgress, FairProgress, LimitedOrNoProgress, Deterioration]),
        _ => pick(p, &cut, [TargetMetOrAlmostMet, FairProgress, StagnationOrRegression, StagnationOrRegression]),
    };
    a
}

/// The category of `p` with inclusive lower cut-offs: `>= high`, `>= medium`, `>= low` (or no low), else the last.
fn pick(p: f64, cut: &CutOffs, categories: [ProgressStatus; 4]) -> ProgressStatus {
    if p >= cut.high {
        categories[0]
    } else if p >= cut.medium {
        categories[1]
    } else if cut.low.map_or(true, |l| p >= l) {
        categories[2]
    } else {
        categories[3]
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Open SDG indicator aggregate
// ---------------------------------------------------------------------------------------------------------------

/// One entry of an Open SDG indicator's `progress_calculation_options`: a series result, or a configured group of
/// entries (groups nest). In JSON `{"kind": "series", "score": 2.5, "target_achieved": false}` or
/// `{"kind": "group", "entries": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Entry {
    /// A series result.
    Series {
        /// Its score (`None` when not scored).
        score: Option<f64>,
        /// Whether it achieved its target.
        target_achieved: bool,
    },
    /// A group: averaged first, then counted as one entry.
    Group {
        /// Its members.
        entries: Vec<Entry>,
    },
}

impl From<&Assessment> for Entry {
    fn from(a: &Assessment) -> Entry {
        Entry::Series { score: a.score, target_achieved: a.target_achieved.unwrap_or(false) }
    }
}

/// An Open SDG indicator aggregate, computed from its entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorAssessment {
    /// Mean of the entries' scores (groups averaged first); `None` when no entry is scored.
    pub score: Option<f64>,
    /// Status from the score bands, or `target_achieved`, or `not_available`.
    pub status: ProgressStatus,
    /// Top-level entries with a score (a group counts once).
    pub entries_scored: usize,
}

/// Open SDG's indicator-level result. sdg-build computes an aggregate only when the indicator's metadata turns
/// `auto_progress_calculation` on; otherwise it computes nothing and publishes a null score beside whatever
/// `progress_status` the metadata states (free text such as `not_available_manual`, `target_achieved`, or empty).
/// chitieu keeps that second case apart instead of pretending to compute it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IndicatorProgress {
    /// Automatic calculation on: the aggregate of the entries ([`open_sdg_indicator`]).
    Computed(IndicatorAssessment),
    /// Automatic calculation off: no score, and the status as the metadata states it, verbatim (possibly empty).
    Stated {
        /// The metadata's `progress_status`.
        status: String,
    },
}

impl IndicatorProgress {
    /// The score (always `None` for a stated status).
    pub fn score(&self) -> Option<f64> {
        match self {
            IndicatorProgress::Computed(a) => a.score,
            IndicatorProgress::Stated { .. } => None,
        }
    }

    /// The status code: a [`ProgressStatus`] code when computed, the metadata's text when stated.
    pub fn status_code(&self) -> &str {
        match self {
            IndicatorProgress::Computed(a) => a.status.code(),
            IndicatorProgress::Stated { status } => status,
        }
    }
}

/// A scored entry: (score, target achieved), `None` when nothing in it is scored.
fn entry_score(entry: &Entry) -> Result<Option<(f64, bool)>> {
    match entry {
        Entry::Series { score: None, .. } => Ok(None),
        Entry::Series { score: Some(s), target_achieved } => {
            if !s.is_finite() || !(-5.0..=5.0).contains(s) {
                return Err(invalid("score", "an Open SDG score lies in [-5, 5]"));
            }
            Ok(Some((*s, *target_achieved)))
        }
        Entry::Group { entries } => {
            let scored = scored(entries)?;
            Ok(mean(&scored).map(|m| (m, scored.iter().all(|(_, t)| *t))))
        }
    }
}

fn scored(entries: &[Entry]) -> Result<Vec<(f64, bool)>> {
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        if let Some(x) = entry_score(e)? {
            out.push(x);
        }
    }
    Ok(out)
}

/// Arithmetic mean, summing left to right.
fn mean(xs: &[(f64, bool)]) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    Some(xs.iter().map(|(s, _)| *s).sum::<f64>() / xs.len() as f64)
}

/// Open SDG's indicator aggregate (sdg-build 2.4.0, automatic calculation on): the mean of the entries' non-null
/// scores (a group averaged first and counted once; a group with no score dropped; a duplicated entry counted per
/// occurrence); `target_achieved` when every scored entry achieved its target, else the score band ([2.5, 5]
/// substantial, [0, 2.5) moderate, [-2.5, 0) limited, [-5, -2.5) deterioration); `not_available` without any score.
///
/// Errors ([`Error::InvalidSetting`]): a score outside [-5, 5] or not finite.
pub fn open_sdg_indicator(entries: &[Entry]) -> Result<IndicatorAssessment> {
    let scored = scored(entries)?;
    let score = mean(&scored);
    let status = match score {
        None => ProgressStatus::NotAvailable,
        Some(_) if scored.iter().all(|(_, t)| *t) => ProgressStatus::TargetAchieved,
        Some(s) if s >= 2.5 => ProgressStatus::SubstantialProgress,
        Some(s) if s >= 0.0 => ProgressStatus::ModerateProgress,
        Some(s) if s >= -2.5 => ProgressStatus::LimitedProgress,
        Some(_) => ProgressStatus::Deterioration,
    };
    Ok(IndicatorAssessment { score, status, entries_scored: scored.len() })
}

// ---------------------------------------------------------------------------------------------------------------
// JSON in and out, for the bindings (Python's `chitieu.methods`, JavaScript's `assessProgress` and
// `openSdgIndicator`): one reading of their inputs, here
// ---------------------------------------------------------------------------------------------------------------

/// [`assess`] with one method by its code (`open_sdg`, `eurostat`, `unsd_2022`, `unsd_2023`), or [`assess_all`]
/// with `"all"`, over a series given as the JSON of [`Series`]; the JSON of the assessment (of the list for
/// `"all"`). Errors: [`Error::InvalidSetting`] naming `series` or `method`, and those of [`assess`].
pub fn assess_json(method: &str, series_json: &str) -> Result<String> {
    let series: Series = serde_json::from_str(series_json).map_err(|e| invalid("series", &e.to_string()))?;
    let text = if method == "all" {
        serde_json::to_string(&assess_all(&series)?)
    } else {
        let m = Method::ALL
            .into_iter()
            .find(|m| m.code() == method)
            .ok_or_else(|| invalid("method", &format!("unknown method {method:?}")))?;
        serde_json::to_string(&assess(m, &series)?)
    };
    text.map_err(|e| invalid("series", &e.to_string()))
}

/// [`open_sdg_indicator`] over entries given as JSON: a list of `{"kind": "series", "score": number | null,
/// "target_achieved": bool}` and `{"kind": "group", "entries": [...]}`; the JSON of the assessment. Errors:
/// [`Error::InvalidSetting`] naming `entries`, and those of [`open_sdg_indicator`].
pub fn open_sdg_indicator_json(entries_json: &str) -> Result<String> {
    // read by hand: serde's tagged enums cannot take floats while serde_json keeps the numbers' text
    fn entry(v: &serde_json::Value, depth: usize) -> Result<Entry> {
        let bad = |m: &str| invalid("entries", m);
        if depth > 64 {
            return Err(bad("groups are nested more than 64 deep"));
        }
        match v.get("kind").and_then(|k| k.as_str()) {
            Some("series") => Ok(Entry::Series {
                score: match v.get("score") {
                    None | Some(serde_json::Value::Null) => None,
                    Some(x) => Some(x.as_f64().ok_or_else(|| bad("score must be a number or null"))?),
                },
                target_achieved: v.get("target_achieved").and_then(|b| b.as_bool()).unwrap_or(false),
            }),
            Some("group") => Ok(Entry::Group {
                entries: v
                    .get("entries")
                    .and_then(|e| e.as_array())
                    .ok_or_else(|| bad("a group needs entries"))?
                    .iter()
                    .map(|e| entry(e, depth + 1))
                    .collect::<Result<_>>()?,
            }),
            _ => Err(bad("an entry's kind is series or group")),
        }
    }
    let value: serde_json::Value =
        serde_json::from_str(entries_json).map_err(|e| invalid("entries", &e.to_string()))?;
    let entries = value
        .as_array()
        .ok_or_else(|| invalid("entries", "expected a list of entries"))?
        .iter()
        .map(|e| entry(e, 0))
        .collect::<Result<Vec<_>>>()?;
    serde_json::to_string(&open_sdg_indicator(&entries)?).map_err(|e| invalid("entries", &e.to_string()))
}

// ---------------------------------------------------------------------------------------------------------------
// The ward's targets through the international methods
// ---------------------------------------------------------------------------------------------------------------

/// Why a target's view is partial or empty, or what the international reading changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ViewNote {
    /// The rule has no direction ("about X", "exactly X"): the methods do not apply.
    NoDirection,
    /// The target is judged entity by entity: the methods read one series, so they do not apply.
    PerEntity,
    /// The rule gives no threshold the methods can use.
    NoThreshold,
    /// No base-year level for a growth target: neither the series nor the target level can be built.
    NoBaseLevel,
    /// The base-year level of a growth target is zero or negative: growth is undefined.
    NonPositiveBase,
    /// A yearly growth figure could not be linked to a level (the previous year's level is missing): it is left out.
    GrowthNotLinked,
    /// Figures for quarters or days are left out: the methods read one value a year.
    SubAnnualFiguresSkipped,
    /// The rule is strict ("trên", "dưới"); the methods read it as inclusive.
    StrictReadInclusive,
    /// The rule is a range; its floor (the commitment) is the target.
    RangeFloorUsed,
    /// A growth target: the target is the level the floor rate gives at the deadline,
    /// `base level × (1 + floor/100)^n`.
    TargetFromGrowthFloor,
    /// The deadline is a quarter or a day; the methods read its year.
    DeadlineReadAsYear,
}

impl ViewNote {
    /// Every view note.
    pub const ALL: [ViewNote; 11] = [
        ViewNote::NoDirection,
        ViewNote::PerEntity,
        ViewNote::NoThreshold,
        ViewNote::NoBaseLevel,
        ViewNote::NonPositiveBase,
        ViewNote::GrowthNotLinked,
        ViewNote::SubAnnualFiguresSkipped,
        ViewNote::StrictReadInclusive,
        ViewNote::RangeFloorUsed,
        ViewNote::TargetFromGrowthFloor,
        ViewNote::DeadlineReadAsYear,
    ];

    /// Stable snake_case code, as serialised.
    pub fn code(&self) -> &'static str {
        match self {
            ViewNote::NoDirection => "no_direction",
            ViewNote::PerEntity => "per_entity",
            ViewNote::NoThreshold => "no_threshold",
            ViewNote::NoBaseLevel => "no_base_level",
            ViewNote::NonPositiveBase => "non_positive_base",
            ViewNote::GrowthNotLinked => "growth_not_linked",
            ViewNote::SubAnnualFiguresSkipped => "sub_annual_figures_skipped",
            ViewNote::StrictReadInclusive => "strict_read_inclusive",
            ViewNote::RangeFloorUsed => "range_floor_used",
            ViewNote::TargetFromGrowthFloor => "target_from_growth_floor",
            ViewNote::DeadlineReadAsYear => "deadline_read_as_year",
        }
    }

    /// English explanation.
    pub fn label_en(&self) -> &'static str {
        match self {
            ViewNote::NoDirection => "the rule has no direction: the international methods do not apply",
            ViewNote::PerEntity => "judged entity by entity: the international methods read one series",
            ViewNote::NoThreshold => "the rule gives no threshold the international methods can use",
            ViewNote::NoBaseLevel => "no base-year level: the series and the target level cannot be built",
            ViewNote::NonPositiveBase => "the base-year level is zero or negative: growth is undefined",
            ViewNote::GrowthNotLinked => "a yearly growth figure could not be linked to a level and is left out",
            ViewNote::SubAnnualFiguresSkipped => "figures for quarters or days are left out",
            ViewNote::StrictReadInclusive => "the rule is strict; the international methods read it as inclusive",
            ViewNote::RangeFloorUsed => "the floor of the range is the target",
            ViewNote::TargetFromGrowthFloor => "the target is the level the floor growth rate gives at the deadline",
            ViewNote::DeadlineReadAsYear => "the deadline is read as its year",
        }
    }
}

/// What the international methods say about one of the programme's targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlternativeView {
    /// Target id.
    pub target: String,
    /// Indicator id.
    pub indicator: String,
    /// The series given to the methods: levels by year (a growth target's yearly growth figures chained into
    /// levels), the target level and year, the direction. `None` when none could be built (see `notes`).
    pub series: Option<Series>,
    /// One assessment per method, in [`Method::ALL`] order (empty when there is no series).
    pub assessments: Vec<Assessment>,
    /// What to keep in mind.
    pub notes: Vec<ViewNote>,
}

/// The programme's own targets seen through the international methods: for every average-growth target
/// ([`Timing::AverageGrowth`]) and every level or share target with a deadline ([`Timing::Deadline`], milestones
/// excepted), in catalogue order, the series built from the figures (as of `options.as_of`, for the reporting unit
/// `options.unit` as [`crate::evaluate()`] resolves it) and each method's [`Assessment`].
///
/// - Growth target from `from` to `to`: base year `from - 1` and its level; yearly levels (a yearly growth figure
///   is chained onto the previous level); target `base level × (1 + floor/100)^(to - from + 1)` in year `to`, where
///   the floor is the rule's commitment (the floor of a range); direction increase when the rule asks for more
///   growth, decrease when it asks for a decline.
/// - Deadline target: the yearly figures (shares as percentages), base year the programme's base year (falling back
///   to the next year with a figure); target the rule's commitment (at least / more than / at most / less than X,
///   the floor of a range, 100 for "all", 0 for "none") in the deadline's year; direction from the rule.
///
/// These are alternative views for comparison: chitieu's verdicts ([`crate::evaluate()`]) are exact and read the
/// document's words (strict or inclusive, ranges, every year); these read what the international methods can read.
pub fn alternative_views(catalogue: &Catalogue, figures: &Figures, options: &Options) -> Result<Vec<AlternativeView>> {
    options.validate()?;
    let unit = evaluate::resolve_unit(figures, options)?;
    let mut out = Vec::new();
    for target in &catalogue.targets {
        let view = match &target.timing {
            Timing::AverageGrowth { from, to } => growth_view(target, figures, unit.as_deref(), options, *from, *to),
            Timing::Deadline { by } if !matches!(target.rule, Rule::Done) => {
                deadline_view(catalogue, target, figures, unit.as_deref(), options, *by)
            }
            _ => continue,
        };
        out.push(view?);
    }
    Ok(out)
}

fn view(target: &Target, series: Option<Series>, notes: Vec<ViewNote>) -> Result<AlternativeView> {
    let assessments = match &series {
        Some(s) => assess_all(s)?,
        None => Vec::new(),
    };
    Ok(AlternativeView { target: target.id.clone(), indicator: target.indicator.clone(), series, assessments, notes })
}

/// The commitment of a rule as the international methods read it: threshold, direction, notes.
fn international_commitment(rule: &Rule, notes: &mut Vec<ViewNote>) -> Option<(Decimal, Direction)> {
    match rule {
        Rule::MoreThan { .. } | Rule::LessThan { .. } => notes.push(ViewNote::StrictReadInclusive),
        Rule::Range { .. } => notes.push(ViewNote::RangeFloorUsed),
        _ => {}
    }
    match evaluate::commitment(rule) {
        Some((_, evaluate::Dir::Neutral)) => {
            notes.push(ViewNote::NoDirection);
            None
        }
        Some((c, evaluate::Dir::Up)) => Some((c, Direction::Increase)),
        Some((c, evaluate::Dir::Down)) => Some((c, Direction::Decrease)),
        None => {
            notes.push(ViewNote::NoThreshold);
            None
        }
    }
}

fn growth_view(
    target: &Target,
    figures: &Figures,
    unit: Option<&str>,
    options: &Options,
    from: i32,
    to: i32,
) -> Result<AlternativeView> {
    let mut notes = Vec::new();
    if target.per_entity {
        notes.push(ViewNote::PerEntity);
        return view(target, None, notes);
    }
    let Some((floor, direction)) = international_commitment(&target.rule, &mut notes) else {
        return view(target, None, notes);
    };
    let base = from - 1;
    let figs: Vec<_> = figures
        .series(&target.indicator, unit)
        .iter()
        .filter(|f| f.entity.is_none() && f.period.end() <= options.as_of)
        .collect();
    if figs.iter().any(|f| !matches!(f.period, Period::Year(_))) {
        notes.push(ViewNote::SubAnnualFiguresSkipped);
    }
    let level = |y: i32| figs.iter().find(|f| f.period == Period::Year(y)).map(|f| &f.value);
    let base_level = match level(base) {
        Some(FigureValue::Number(v)) => *v,
        _ => {
            notes.push(ViewNote::NoBaseLevel);
            return view(target, None, notes);
        }
    };
    if base_level <= Decimal::ZERO {
        notes.push(ViewNote::NonPositiveBase);
        return view(target, None, notes);
    }
    let mut values = BTreeMap::new();
    values.insert(base, base_level);
    let mut prev = Some(base_level);
    for y in from..=to {
        let v = match level(y) {
            Some(FigureValue::Number(v)) => Some(*v),
            Some(FigureValue::Growth(g)) => {
                let linked = prev.and_then(|p| p.checked_mul(Decimal::ONE + *g / Decimal::ONE_HUNDRED));
                if linked.is_none() && !notes.contains(&ViewNote::GrowthNotLinked) {
                    notes.push(ViewNote::GrowthNotLinked);
                }
                linked
            }
            _ => None,
        };
        if let Some(v) = v {
            values.insert(y, v);
        }
        prev = v;
    }
    // target level: base × (1 + floor/100)^n, exact in rationals, shown with 20 decimals
    let factor = Rational::one().add(&Rational::from(floor).div(&Rational::int(100)).unwrap_or_else(Rational::zero));
    let level_at_deadline = Rational::from(base_level).mul(&factor.pow((to - base) as u32));
    let target_level = level_at_deadline.to_decimal_exact_or(20);
    notes.push(ViewNote::TargetFromGrowthFloor);
    let series = Series {
        values,
        direction,
        base_year: Some(base),
        target: target_level,
        target_year: Some(to),
        limit: None,
        thresholds: None,
    };
    view(target, Some(series), notes)
}

fn deadline_view(
    catalogue: &Catalogue,
    target: &Target,
    figures: &Figures,
    unit: Option<&str>,
    options: &Options,
    by: Period,
) -> Result<AlternativeView> {
    let mut notes = Vec::new();
    if target.per_entity {
        notes.push(ViewNote::PerEntity);
        return view(target, None, notes);
    }
    let Some((threshold, direction)) = international_commitment(&target.rule, &mut notes) else {
        return view(target, None, notes);
    };
    if !matches!(by, Period::Year(_)) {
        notes.push(ViewNote::DeadlineReadAsYear);
    }
    let mut values = BTreeMap::new();
    let mut sub_annual = false;
    for f in figures.series(&target.indicator, unit) {
        if f.entity.is_some() || f.period.end() > options.as_of || f.period.year() > by.year() {
            continue;
        }
        let Period::Year(y) = f.period else {
            sub_annual = true;
            continue;
        };
        let per = catalogue.indicator(&target.indicator).and_then(|i| i.per);
        if let Some(q) = evaluate::figure_quantity(&f.value, per) {
            if let Some(v) = q.to_decimal_exact_or(20) {
                values.insert(y, v);
            }
        }
    }
    if sub_annual {
        notes.push(ViewNote::SubAnnualFiguresSkipped);
    }
    let series = Series {
        values,
        direction,
        base_year: Some(catalogue.programme.base_year),
        target: Some(threshold),
        target_year: Some(by.year()),
        limit: None,
        thresholds: None,
    };
    view(target, Some(series), notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_to_double_is_correctly_rounded() {
        use std::str::FromStr;
        for s in ["0.1", "14.5", "1.04761056139202", "0.005839995229728112", "-3.25", "100"] {
            assert_eq!(to_f64(Decimal::from_str(s).unwrap()), s.parse::<f64>().unwrap(), "{s}");
        }
    }

    #[test]
    fn limit_coefficient_cases() {
        assert_eq!(open_sdg_limit_coefficient(0.0, 0.0), 1.0); // b >= 2L first
        assert_eq!(open_sdg_limit_coefficient(200.0, 100.0), 1.0);
        assert_eq!(open_sdg_limit_coefficient(100.0, 100.0), 0.0);
        assert_eq!(open_sdg_limit_coefficient(0.0, 100.0), 1.0);
        // b = 50, L = 100: 1 - 0.5^4.44; b = 150: the mirror image, same value
        let c = 1.0 - 0.5f64.powf(4.44);
        assert_eq!(open_sdg_limit_coefficient(50.0, 100.0), c);
        assert_eq!(open_sdg_limit_coefficient(150.0, 100.0), c);
        assert_eq!(open_sdg_limit_coefficient(-50.0, -100.0), c);
    }
}
