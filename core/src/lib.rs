//! # chitieu: exact verdicts on plan targets (chỉ tiêu)
//!
//! A programme of plan targets is data (a [`Catalogue`]: indicators, targets with their rule, timing and the
//! document's exact words). Statisticians supply figures ([`Figures`], read from CSV or JSON in a long format).
//! [`evaluate()`] judges every target as of a date: achieved or not after the deadline, on track or not before it,
//! with the numbers behind each verdict and an explanation in Vietnamese and English.
//!
//! ```
//! use chitieu::{Catalogue, Figures, Options, Status, parse_as_of};
//!
//! let catalogue = Catalogue::builtin(); // Hưng Đạo ward, 09-CTr/ĐU
//! let figures = Figures::from_csv(&catalogue, "\
//! indicator,period,value
//! online_dossiers,2030,85
//! grdp,2025,10000
//! grdp,2030,21003.416
//! ")?;
//! let options = Options::new(parse_as_of("2030").unwrap());
//! let evaluations = chitieu::evaluate(&catalogue, &figures, &options)?;
//!
//! // "trên 85%" is strict: exactly 85 is not achieved.
//! let online = evaluations.iter().find(|e| e.target == "online_dossiers_2030").unwrap();
//! assert_eq!(online.status, Status::NotAchieved);
//!
//! // 10000 * 1.16^5 = 21003.416576: one unit short of the 16% floor, decided exactly.
//! let grdp = evaluations.iter().find(|e| e.target == "grdp_growth").unwrap();
//! assert_eq!(grdp.status, Status::NotAchieved);
//! # Ok::<(), chitieu::Error>(())
//! ```
//!
//! Percentages are always in percent units: `85.2` means 85.2 %.
//!
//! Every comparison that decides a status uses exact rational arithmetic over the decimals given (growth through
//! integer powers, `G >= g  <=>  Y_n >= Y_0 (1+g)^n`, so no root is taken); rates, ratios and projections shown
//! beside a verdict are rounded for display only.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod batch;
pub mod catalogue;
#[cfg(feature = "columnar")]
pub mod columnar;
#[cfg(feature = "docx")]
pub mod docx;
#[cfg(feature = "draft")]
pub mod draft;
pub mod error;
pub mod evaluate;
pub mod exact;
pub mod figures;
#[cfg(feature = "wide")]
pub mod grid;
#[cfg(feature = "methods")]
pub mod methods;
pub mod model;
#[cfg(feature = "xlsx-write")]
pub mod office;
pub mod path;
pub mod period;
pub mod reference;
pub mod report;
#[cfg(feature = "schema")]
pub mod schema;
pub mod status;
#[cfg(feature = "synthetic")]
pub mod synthetic;
pub mod template;
pub mod text;
pub mod units;
pub mod wordings;
#[cfg(feature = "xlsx")]
pub mod xlsx;

pub use catalogue::{BUILTIN_JSON, SOURCE_DOCUMENT};
pub use error::{Error, ErrorDetails, Result};
pub use evaluate::{evaluate, evaluate_target, Evaluation, Options, PeriodResult, TargetPart, VerdictPart};
pub use figures::{
    decimal_from_f64, Fields, Figure, FigureValue, Figures, FiguresBuilder, Observation, ReadOptions, RowError,
};
#[cfg(feature = "methods")]
pub use methods::{alternative_views, AlternativeView, Assessment, Method, ProgressStatus};
pub use model::{
    Catalogue, ChangeKind, Direction, Discrepancy, DiscrepancyKind, Indicator, Measure, MissingQuote, Programme,
    Project, Reading, RestatementCheck, RoadCheck, RoadProfile, Rule, Section, Source, Target, Timing,
};
pub use path::{required_path, ActualPoint, PathPoint, PathShape, TargetPath};
pub use period::{parse_as_of, Date, Period};
pub use report::{scorecard, Lang, Scorecard, StatusCount};
pub use rust_decimal::Decimal;
pub use status::Status;

/// Collapse every run of whitespace to one space and trim: the form in which quotes are compared with the
/// source document (the PDF extraction breaks lines and table cells anywhere).
pub fn normalize_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
