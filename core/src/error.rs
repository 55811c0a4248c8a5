//! The one error type of the crate, with a stable machine-readable code per kind.
//!
//! Every error names what it can: the row (1-based, counting the header of a CSV file as row 1 and the first
//! element of a JSON array as row 1), the field, the indicator or target id. Bindings pick their exception
//! class from [`Error::code`] and copy [`Error::details`]; they never parse the message.

use serde::Serialize;

/// Where in the input an error was found. Every field is optional; bindings expose them as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ErrorDetails {
    /// Row of the figure or catalogue entry (1-based; see the module docs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// The other row, for duplicates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_row: Option<usize>,
    /// Column or field name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Indicator id concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// Target id concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The offending text or value, as given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The sheet of a workbook the error comes from (feature `xlsx`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The cell the error comes from, in A1 notation (`D7`): a workbook's cell, or a field of delimited text in
    /// the wide layout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
}

/// Everything that can go wrong. Messages are lowercase, without a full stop.
/// The fields of each variant are what [`Error::details`] exposes (row, field, indicator, value...).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[allow(missing_docs)]
pub enum Error {
    /// A catalogue document is not valid JSON or does not have the catalogue's shape.
    #[error("catalogue is not readable: {message}")]
    CatalogueSyntax { message: String, row: Option<usize>, id: Option<String>, field: Option<String> },
    /// A catalogue is readable but breaks a rule (duplicate id, unknown indicator, impossible rule...).
    #[error("catalogue entry {id:?} is invalid: {message}")]
    CatalogueInvalid { id: String, field: String, message: String },
    /// Two catalogue entries share one id.
    #[error("catalogue id {id:?} is used twice")]
    DuplicateId { id: String },
    /// A figure file is not valid CSV/JSON, or a row has the wrong shape.
    #[error("figures are not readable at row {row}: {message}")]
    FiguresSyntax { row: usize, message: String },
    /// A figure names an indicator the catalogue does not have.
    #[error("row {row}: unknown indicator {indicator:?}")]
    UnknownIndicator { row: usize, indicator: String },
    /// A required field of a figure is missing.
    #[error("row {row}: field {field:?} is required for indicator {indicator:?}")]
    MissingField { row: usize, field: String, indicator: String },
    /// A field that must hold a number does not.
    /// `why` is empty or says why the text is refused (`; ...`, a decimal comma not declared, or a `.` in figures
    /// declared decimal-comma).
    #[error("row {row}: field {field:?} is not a number: {text:?}{why}")]
    NotANumber { row: usize, field: String, text: String, why: &'static str },
    /// A period or date that cannot be read.
    #[error("row {row}: field {field:?} is not a period (YYYY, YYYY-Qn or YYYY-MM-DD): {text:?}")]
    InvalidPeriod { row: usize, field: String, text: String },
    /// Two figures for the same indicator, period, reporting unit and entity.
    #[error("rows {first_row} and {row}: two figures for indicator {indicator:?}, period {period}{unit_entity}")]
    DuplicateFigure { first_row: usize, row: usize, indicator: String, period: String, unit_entity: String },
    /// Numerator larger than the denominator of a share.
    #[error("row {row}: numerator {numerator} is above denominator {denominator} for indicator {indicator:?}")]
    NumeratorAboveDenominator { row: usize, indicator: String, numerator: String, denominator: String },
    /// A denominator that is zero or negative.
    #[error("row {row}: denominator must be above zero, got {denominator} for indicator {indicator:?}")]
    NonPositiveDenominator { row: usize, indicator: String, denominator: String },
    /// A count (or a numerator) below zero.
    #[error("row {row}: field {field:?} of indicator {indicator:?} cannot be negative, got {value}")]
    NegativeCount { row: usize, field: String, indicator: String, value: String },
    /// A count that is not a whole number.
    #[error("row {row}: indicator {indicator:?} counts whole units, got {value}")]
    NotWholeCount { row: usize, indicator: String, value: String },
    /// A percentage outside 0-100.
    #[error("row {row}: percentage {value} of indicator {indicator:?} is outside 0-100")]
    PercentageOutOfRange { row: usize, indicator: String, value: String },
    /// A period outside the programme's years.
    #[error("row {row}: period {period} of indicator {indicator:?} is outside the programme ({first}-{last})")]
    PeriodOutsideProgramme { row: usize, indicator: String, period: String, first: i32, last: i32 },
    /// A figure of the wrong kind for its indicator (a date for a share, a value for a yes/no status...).
    #[error("row {row}: field {field:?} does not fit indicator {indicator:?}, which measures {measure}")]
    WrongKind { row: usize, field: String, indicator: String, measure: String },
    /// Average growth asked from a base level that is zero or negative: growth is undefined there.
    #[error("indicator {indicator:?}: growth is undefined from a base of {value} in {period}")]
    NonPositiveBase { indicator: String, period: String, value: String, target: String },
    /// An input beyond a documented limit (see [`limits`]).
    #[error("{what} exceeds the limit of {limit}{at}")]
    LimitExceeded { what: String, limit: String, at: String, row: Option<usize>, field: Option<String> },
    /// An as-of date or setting that cannot be used.
    #[error("invalid setting {field:?}: {message}")]
    InvalidSetting { field: String, message: String },
    /// A .docx (Word) file that cannot be read: not a zip, truncated or damaged, without `word/document.xml`,
    /// compressed or encrypted in a way the reader does not know, or whose XML is malformed or not UTF-8.
    /// `part` is what was being read (`zip` for the container, else the part's name); `value` the offending
    /// text where there is one. Only with the feature `docx` ([`crate::docx`]).
    #[cfg(feature = "docx")]
    #[error("docx is not readable ({part}): {message}")]
    DocxSyntax { part: String, message: String, value: Option<String> },
    /// A workbook (.xlsx) that cannot be read: not a zip, damaged, without a workbook part, or a sheet whose XML
    /// is malformed. `sheet` names the sheet when the problem is one sheet's. Only with the feature `xlsx`
    /// ([`crate::xlsx`]).
    #[cfg(feature = "xlsx")]
    #[error("xlsx is not readable{}: {message}", sheet.as_ref().map(|s| format!(" (sheet {s:?})")).unwrap_or_default())]
    XlsxSyntax { sheet: Option<String>, message: String },
    /// An error found in a cell of a sheet (a workbook's, or delimited text in the wide layout): `error` is what
    /// it would be for a row of CSV (its code and details are this error's), its rows numbered as the sheet
    /// numbers them; `sheet` and `cell` (A1 notation) say where, and `other` where the first of two duplicates is.
    #[cfg(feature = "wide")]
    #[error("{}cell {cell}{}: {error}", sheet.as_ref().map(|s| format!("sheet {s:?}, ")).unwrap_or_default(), other.as_ref().map(|o| format!(" (and {o})")).unwrap_or_default())]
    InCell { sheet: Option<String>, cell: String, other: Option<String>, error: Box<Error> },
}

impl Error {
    /// Every code, once, in a fixed order.
    pub const CODES: &'static [&'static str] = &[
        "catalogue_syntax",
        "catalogue_invalid",
        "duplicate_id",
        "figures_syntax",
        "unknown_indicator",
        "missing_field",
        "not_a_number",
        "invalid_period",
        "duplicate_figure",
        "numerator_above_denominator",
        "non_positive_denominator",
        "negative_count",
        "not_whole_count",
        "percentage_out_of_range",
        "period_outside_programme",
        "wrong_kind",
        "non_positive_base",
        "limit_exceeded",
        "invalid_setting",
        #[cfg(feature = "docx")]
        "docx_syntax",
        #[cfg(feature = "xlsx")]
        "xlsx_syntax",
    ];

    /// The error catalogue: every code once, with its meaning and an input that produces it.
    pub fn catalogue() -> Vec<ErrorInfo> {
        ERROR_CATALOGUE
            .iter()
            .map(|(code, meaning, example)| ErrorInfo {
                code: (*code).to_string(),
                meaning: (*meaning).to_string(),
                example: (*example).to_string(),
            })
            .collect()
    }

    /// The stable machine-readable code of this error (snake_case, never changes between versions).
    pub fn code(&self) -> &'static str {
        match self {
            Error::CatalogueSyntax { .. } => "catalogue_syntax",
            Error::CatalogueInvalid { .. } => "catalogue_invalid",
            Error::DuplicateId { .. } => "duplicate_id",
            Error::FiguresSyntax { .. } => "figures_syntax",
            Error::UnknownIndicator { .. } => "unknown_indicator",
            Error::MissingField { .. } => "missing_field",
            Error::NotANumber { .. } => "not_a_number",
            Error::InvalidPeriod { .. } => "invalid_period",
            Error::DuplicateFigure { .. } => "duplicate_figure",
            Error::NumeratorAboveDenominator { .. } => "numerator_above_denominator",
            Error::NonPositiveDenominator { .. } => "non_positive_denominator",
            Error::NegativeCount { .. } => "negative_count",
            Error::NotWholeCount { .. } => "not_whole_count",
            Error::PercentageOutOfRange { .. } => "percentage_out_of_range",
            Error::PeriodOutsideProgramme { .. } => "period_outside_programme",
            Error::WrongKind { .. } => "wrong_kind",
            Error::NonPositiveBase { .. } => "non_positive_base",
            Error::LimitExceeded { .. } => "limit_exceeded",
            Error::InvalidSetting { .. } => "invalid_setting",
            #[cfg(feature = "docx")]
            Error::DocxSyntax { .. } => "docx_syntax",
            #[cfg(feature = "xlsx")]
            Error::XlsxSyntax { .. } => "xlsx_syntax",
            #[cfg(feature = "wide")]
            Error::InCell { error, .. } => error.code(),
        }
    }

    /// Structured details: row, field, indicator, target, value, as far as they apply.
    pub fn details(&self) -> ErrorDetails {
        let s = |x: &str| Some(x.to_string());
        let mut d = ErrorDetails::default();
        match self {
            Error::CatalogueSyntax { row, id, field, .. } => {
                d.row = *row;
                d.target = id.clone();
                d.field = field.clone();
            }
            Error::CatalogueInvalid { id, field, .. } => {
                d.target = s(id);
                d.field = s(field);
            }
            Error::DuplicateId { id } => {
                d.target = s(id);
                d.field = s("id");
            }
            Error::FiguresSyntax { row, .. } => d.row = Some(*row),
            Error::UnknownIndicator { row, indicator } => {
                d.row = Some(*row);
                d.field = s("indicator");
                d.indicator = s(indicator);
            }
            Error::MissingField { row, field, indicator } => {
                d.row = Some(*row);
                d.field = s(field);
                d.indicator = s(indicator);
            }
            Error::NotANumber { row, field, text, .. } | Error::InvalidPeriod { row, field, text } => {
                d.row = Some(*row);
                d.field = s(field);
                d.value = s(text);
            }
            Error::DuplicateFigure { first_row, row, indicator, period, .. } => {
                d.row = Some(*row);
                d.other_row = Some(*first_row);
                d.indicator = s(indicator);
                d.field = s("period");
                d.value = s(period);
            }
            Error::NumeratorAboveDenominator { row, indicator, numerator, .. } => {
                d.row = Some(*row);
                d.field = s("numerator");
                d.indicator = s(indicator);
                d.value = s(numerator);
            }
            Error::NonPositiveDenominator { row, indicator, denominator } => {
                d.row = Some(*row);
                d.field = s("denominator");
                d.indicator = s(indicator);
                d.value = s(denominator);
            }
            Error::NegativeCount { row, field, indicator, value } => {
                d.row = Some(*row);
                d.field = s(field);
                d.indicator = s(indicator);
                d.value = s(value);
            }
            Error::NotWholeCount { row, indicator, value } | Error::PercentageOutOfRange { row, indicator, value } => {
                d.row = Some(*row);
                d.field = s("value");
                d.indicator = s(indicator);
                d.value = s(value);
            }
            Error::PeriodOutsideProgramme { row, indicator, period, .. } => {
                d.row = Some(*row);
                d.field = s("period");
                d.indicator = s(indicator);
                d.value = s(period);
            }
            Error::WrongKind { row, field, indicator, .. } => {
                d.row = Some(*row);
                d.field = s(field);
                d.indicator = s(indicator);
            }
            Error::NonPositiveBase { indicator, period, value, target } => {
                d.indicator = s(indicator);
                d.target = s(target);
                d.field = s("period");
                d.value = Some(format!("{period}: {value}"));
            }
            Error::LimitExceeded { row, field, limit, .. } => {
                d.row = *row;
                d.field = field.clone();
                d.value = s(limit);
            }
            Error::InvalidSetting { field, .. } => d.field = s(field),
            #[cfg(feature = "docx")]
            Error::DocxSyntax { part, value, .. } => {
                d.field = s(part);
                d.value = value.clone();
            }
            #[cfg(feature = "xlsx")]
            Error::XlsxSyntax { sheet, .. } => d.sheet = sheet.clone(),
            #[cfg(feature = "wide")]
            Error::InCell { sheet, cell, error, .. } => {
                d = error.details();
                d.sheet = sheet.clone();
                d.cell = s(cell);
            }
        }
        d
    }

    /// The same error with its row numbers given by `f` (figures read from places numbered in reading order get
    /// back the rows of their sheets).
    #[cfg(feature = "wide")]
    pub(crate) fn map_rows(self, f: &dyn Fn(usize) -> usize) -> Error {
        match self {
            Error::FiguresSyntax { row, message } => Error::FiguresSyntax { row: f(row), message },
            Error::UnknownIndicator { row, indicator } => Error::UnknownIndicator { row: f(row), indicator },
            Error::MissingField { row, field, indicator } => Error::MissingField { row: f(row), field, indicator },
            Error::NotANumber { row, field, text, why } => Error::NotANumber { row: f(row), field, text, why },
            Error::InvalidPeriod { row, field, text } => Error::InvalidPeriod { row: f(row), field, text },
            Error::DuplicateFigure { first_row, row, indicator, period, unit_entity } => {
                Error::DuplicateFigure { first_row: f(first_row), row: f(row), indicator, period, unit_entity }
            }
            Error::NumeratorAboveDenominator { row, indicator, numerator, denominator } => {
                Error::NumeratorAboveDenominator { row: f(row), indicator, numerator, denominator }
            }
            Error::NonPositiveDenominator { row, indicator, denominator } => {
                Error::NonPositiveDenominator { row: f(row), indicator, denominator }
            }
            Error::NegativeCount { row, field, indicator, value } => {
                Error::NegativeCount { row: f(row), field, indicator, value }
            }
            Error::NotWholeCount { row, indicator, value } => Error::NotWholeCount { row: f(row), indicator, value },
            Error::PercentageOutOfRange { row, indicator, value } => {
                Error::PercentageOutOfRange { row: f(row), indicator, value }
            }
            Error::PeriodOutsideProgramme { row, indicator, period, first, last } => {
                Error::PeriodOutsideProgramme { row: f(row), indicator, period, first, last }
            }
            Error::WrongKind { row, field, indicator, measure } => {
                Error::WrongKind { row: f(row), field, indicator, measure }
            }
            Error::LimitExceeded { what, limit, row: Some(row), field, .. } => {
                Error::LimitExceeded { what, limit, at: format!(" at row {}", f(row)), row: Some(f(row)), field }
            }
            other => other,
        }
    }
}

/// One entry of the error catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorInfo {
    /// The stable code.
    pub code: String,
    /// What it means.
    pub meaning: String,
    /// An input that produces it (figures as CSV unless said otherwise).
    pub example: String,
}

/// (code, meaning, example) for every code, in [`Error::CODES`] order.
const ERROR_CATALOGUE: &[(&str, &str, &str)] = &[
    ("catalogue_syntax", "the catalogue is not JSON of the catalogue's shape", "catalogue text `{\"format\": 1,`"),
    ("catalogue_invalid", "a catalogue entry breaks a rule: unknown indicator, share above 100, years outside the programme, a rule that does not fit its measure", "a target whose `indicator` is not among the indicators"),
    ("duplicate_id", "two catalogue entries share an id", "two targets with id `x_2030`"),
    ("figures_syntax", "the figures are not readable, have an unknown column, or a row of the wrong shape", "header `indicator,period,amount`"),
    ("unknown_indicator", "a figure names an indicator the catalogue does not have", "`gdp,2026,1`"),
    ("missing_field", "a field the indicator needs is missing", "`online_dossiers,2026,,5,` (numerator without denominator)"),
    ("not_a_number", "a number field holds something else; comma decimals and thousands separators are refused as ambiguous", "`grdp,2026,\"1,5\"`"),
    ("invalid_period", "a period or date that does not exist", "`grdp,2026-Q5,1`"),
    ("duplicate_figure", "two figures for the same indicator, period, unit and entity, or a whole-year and a quarter figure of one year; both rows are named", "`grdp,2026,1` twice"),
    ("numerator_above_denominator", "a share above 100%", "`online_dossiers,2026,,201,200`"),
    ("non_positive_denominator", "a denominator of zero or below", "`online_dossiers,2026,,0,0`"),
    ("negative_count", "a count or numerator below zero", "`enterprises_active,2026,-1`"),
    ("not_whole_count", "a count with a fraction", "`doctors,2026,2.5`"),
    ("percentage_out_of_range", "a percentage outside 0-100", "`online_dossiers,2026,100.1`"),
    ("period_outside_programme", "a period outside the programme's years", "`grdp,2031,1` (programme 2025-2030)"),
    ("wrong_kind", "a field that does not fit the indicator's measure", "`done=true` for a share"),
    ("non_positive_base", "average growth from a base level of zero or below is undefined (never a silent 0.001)", "`grdp,2025,0` then `grdp,2030,100`"),
    ("limit_exceeded", "an input beyond a documented limit (size, rows, field length, years)", "a note of 5,000 characters"),
    ("invalid_setting", "an option out of range, or several reporting units and none chosen", "`at_risk_ratio` above `on_track_ratio`"),
    #[cfg(feature = "docx")]
    ("docx_syntax", "a .docx that cannot be read: not a zip, truncated, no word/document.xml, an unknown compression or encryption, malformed XML or not UTF-8 (feature `docx`)", "the bytes of a PDF given as a .docx"),
    #[cfg(feature = "xlsx")]
    ("xlsx_syntax", "an .xlsx workbook that cannot be read: not a zip, damaged, no workbook part, or a sheet's XML malformed (feature `xlsx`)", "the bytes of a PDF given as an .xlsx"),
];

/// The limits on input, each reported as `limit_exceeded` naming what and where.
pub mod limits {
    /// Largest figure text (CSV or JSON) read at once, in bytes.
    pub const MAX_FIGURES_BYTES: usize = 512 * 1024 * 1024;
    /// Largest catalogue text, in bytes.
    pub const MAX_CATALOGUE_BYTES: usize = 32 * 1024 * 1024;
    /// Most figures in one input.
    pub const MAX_FIGURES: usize = 20_000_000;
    /// Longest id, unit, entity or period text, in characters.
    pub const MAX_NAME_CHARS: usize = 200;
    /// Longest note or quote, in characters.
    pub const MAX_TEXT_CHARS: usize = 4_000;
    /// Most targets, indicators, discrepancies or projects in a catalogue.
    pub const MAX_CATALOGUE_ENTRIES: usize = 100_000;
    /// Deepest JSON nesting accepted (serde_json's own recursion limit; deeper input is a syntax error).
    pub const MAX_JSON_DEPTH: usize = 128;
    /// Numbers: at most 28 significant digits (a figure that would need rounding is refused), and magnitudes
    /// up to 79,228,162,514,264,337,593,543,950,335; programme years 1-9999, a programme at most 100 years long.
    pub const MAX_SIGNIFICANT_DIGITS: usize = 28;
    /// Largest `word/document.xml` a .docx may inflate to, in bytes (a zip bomb stops here, before the memory).
    pub const MAX_DOCX_XML_BYTES: usize = 64 * 1024 * 1024;
    /// Deepest XML nesting read in a .docx (Word's own documents stay far below; nested tables add four a level).
    pub const MAX_DOCX_XML_DEPTH: usize = 512;
    /// Most bytes the parts of an .xlsx workbook may inflate to, all together (a zip bomb stops here, checked
    /// before anything is parsed).
    pub const MAX_XLSX_INFLATED_BYTES: u64 = 256 * 1024 * 1024;
    /// Most non-empty cells read from a workbook, all sheets together.
    pub const MAX_XLSX_CELLS: usize = 5_000_000;
}

/// `Result` with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_lists_every_code_once_in_order() {
        let cat = Error::catalogue();
        let codes: Vec<&str> = cat.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(codes, Error::CODES);
        assert!(cat.iter().all(|e| !e.meaning.is_empty() && !e.example.is_empty()));
    }

    #[test]
    fn codes_are_unique_snake_case() {
        let mut seen = std::collections::BTreeSet::new();
        for c in Error::CODES {
            assert!(seen.insert(*c), "code {c} listed twice");
            assert!(c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'), "{c}");
        }
    }
}
