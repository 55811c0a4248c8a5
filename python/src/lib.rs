//! `chitieu._native`: the compiled part of the Python package `chitieu`.
//!
//! It only translates between Python and the core crate: text in (catalogue JSON, figures as CSV or JSON,
//! settings as text), core objects held in opaque handles, JSON and text out. Every rule, default and verdict
//! is the core's. The pure-Python package (`python/chitieu/`) turns the JSON into typed objects and adds
//! pandas, notebook display and plots.
//!
//! Errors: a core error becomes an instance of the exception class the Python package defines for its code
//! (`chitieu._errors._from_native`), with the core's details; a panic is caught here and raised as the class
//! for the code `internal`, never as pyo3's `PanicException`.

use chitieu::{figures::parse_decimal, Date, Error, ErrorDetails, Lang, Status};
use pyo3::exceptions::{PyKeyError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyTuple};
use rust_decimal::Decimal;
use std::panic::{catch_unwind, AssertUnwindSafe};

mod batch;
mod draft;

/// The code of the Python exception raised when the native code panics (a defect, never bad input).
const INTERNAL: &str = "internal";

/// Something that went wrong below the boundary, before it becomes a Python exception.
enum Failure {
    Core(Error),
    Py(PyErr),
    Panic(String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Core(e)
    }
}

impl From<PyErr> for Failure {
    fn from(e: PyErr) -> Failure {
        Failure::Py(e)
    }
}

/// The exception factory of the Python package: `_from_native(code, message, details) -> ChitieuError`.
static FACTORY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn exception(py: Python<'_>, code: &str, message: &str, details: &ErrorDetails) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let factory = FACTORY.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
            Ok(py.import("chitieu._errors")?.getattr("_from_native")?.unbind())
        })?;
        let d = PyDict::new(py);
        d.set_item("row", details.row)?;
        d.set_item("other_row", details.other_row)?;
        d.set_item("field", details.field.as_deref())?;
        d.set_item("indicator", details.indicator.as_deref())?;
        d.set_item("target", details.target.as_deref())?;
        d.set_item("value", details.value.as_deref())?;
        d.set_item("sheet", details.sheet.as_deref())?;
        d.set_item("cell", details.cell.as_deref())?;
        Ok(PyErr::from_value(factory.bind(py).call1((code, message, d))?))
    };
    // Without the Python package (the module imported on its own) the error is still a ValueError with its code.
    build().unwrap_or_else(|_| PyValueError::new_err(format!("{message} [{code}]")))
}

fn to_pyerr(py: Python<'_>, failure: Failure) -> PyErr {
    match failure {
        Failure::Core(e) => exception(py, e.code(), &e.to_string(), &e.details()),
        Failure::Py(e) => e,
        Failure::Panic(m) => {
            exception(py, INTERNAL, &format!("internal error in chitieu: {m}"), &ErrorDetails::default())
        }
    }
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}

/// Run core work without holding the interpreter, catching panics: the one door into the core.
fn run<T, F>(py: Python<'_>, f: F) -> PyResult<T>
where
    T: Send,
    F: FnOnce() -> Result<T, Failure> + Send,
{
    let out = py.detach(|| match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => Err(Failure::Panic(panic_message(payload))),
    });
    out.map_err(|e| to_pyerr(py, e))
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string(value).map_err(|e| Failure::Panic(format!("cannot serialise: {e}")))
}

fn setting(field: &str, message: String) -> Failure {
    Failure::Core(Error::InvalidSetting { field: field.into(), message })
}

fn lang(text: &str) -> Result<Lang, Failure> {
    match text {
        "en" => Ok(Lang::En),
        "vi" => Ok(Lang::Vi),
        other => Err(setting("lang", format!("must be \"en\" or \"vi\", not {other:?}"))),
    }
}

/// A programme's catalogue of indicators and targets (validated).
#[pyclass(frozen, module = "chitieu._native")]
struct Catalogue {
    inner: chitieu::Catalogue,
}

#[pymethods]
impl Catalogue {
    /// The built-in catalogue: programme 09-CTr/ĐU of Hưng Đạo ward, Hải Phòng.
    #[staticmethod]
    fn builtin(py: Python<'_>) -> PyResult<Catalogue> {
        run(py, || Ok(Catalogue { inner: chitieu::Catalogue::builtin() }))
    }

    /// Read and validate a catalogue from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Catalogue> {
        run(py, || Ok(Catalogue { inner: chitieu::Catalogue::from_json(text)? }))
    }

    /// The catalogue as pretty JSON (the form `from_json` reads).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || Ok(self.inner.to_json()))
    }

    /// The catalogue as compact JSON.
    fn to_compact_json(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || json(&self.inner))
    }

    /// JSON array of the road checks of Phụ lục 1 projects (Bm + sidewalks + median against Bn).
    fn road_checks_json(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || json(&self.inner.projects.iter().filter_map(|p| p.road_check()).collect::<Vec<_>>()))
    }

    fn __len__(&self) -> usize {
        self.inner.targets.len()
    }

    fn __repr__(&self) -> String {
        format!("<chitieu._native.Catalogue {} ({} targets)>", self.inner.programme.id, self.inner.targets.len())
    }
}

/// Figures validated against a catalogue.
#[pyclass(frozen, module = "chitieu._native")]
struct Figures {
    inner: chitieu::Figures,
}

#[pymethods]
impl Figures {
    /// Read figures from delimited text (',', ';' or a tab; long or wide; the header is row 1), numbers with a
    /// decimal comma when `decimal_comma` (';' or tab only).
    #[staticmethod]
    #[pyo3(signature = (catalogue, text, decimal_comma=false))]
    fn from_csv(py: Python<'_>, catalogue: &Catalogue, text: &str, decimal_comma: bool) -> PyResult<Figures> {
        let read = chitieu::ReadOptions::default().decimal_comma(decimal_comma);
        run(py, || Ok(Figures { inner: chitieu::Figures::from_csv_with(&catalogue.inner, text, &read)? }))
    }

    /// Read figures from an Excel workbook's bytes (every sheet with a header row, long or wide): the figures and
    /// every sheet as `(name, layout, figures)`, layout `"long"`, `"wide"` or `"skipped"`.
    #[staticmethod]
    #[pyo3(signature = (catalogue, data, decimal_comma=false))]
    fn from_xlsx(
        py: Python<'_>,
        catalogue: &Catalogue,
        data: &[u8],
        decimal_comma: bool,
    ) -> PyResult<(Figures, Vec<(String, &'static str, usize)>)> {
        let read = chitieu::ReadOptions::default().decimal_comma(decimal_comma);
        run(py, || {
            let r = chitieu::xlsx::read_xlsx(&catalogue.inner, data, &read)?;
            let sheets = r
                .sheets
                .into_iter()
                .map(|s| {
                    let layout = match s.layout {
                        chitieu::grid::Layout::Long => "long",
                        chitieu::grid::Layout::Wide => "wide",
                        chitieu::grid::Layout::Skipped => "skipped",
                    };
                    (s.name, layout, s.figures)
                })
                .collect();
            Ok((Figures { inner: r.figures }, sheets))
        })
    }

    /// Read figures from JSON text: an array of objects (the first is row 1) or `{"figures": [...]}`.
    #[staticmethod]
    fn from_json(py: Python<'_>, catalogue: &Catalogue, text: &str) -> PyResult<Figures> {
        run(py, || Ok(Figures { inner: chitieu::Figures::from_json(&catalogue.inner, text)? }))
    }

    /// Read figures given column by column: field names and, per column, the text of each cell (`None` for
    /// an empty cell). The first figure is row 1; an all-empty row holds no figure.
    #[staticmethod]
    fn from_columns(
        py: Python<'_>,
        catalogue: &Catalogue,
        names: Vec<String>,
        columns: Vec<Vec<Option<String>>>,
    ) -> PyResult<Figures> {
        run(py, || Ok(Figures { inner: chitieu::Figures::from_columns(&catalogue.inner, &names, &columns)? }))
    }

    /// Read CSV or JSON, guessing from the first non-blank character (`decimal_comma` as in `from_csv`).
    #[staticmethod]
    #[pyo3(signature = (catalogue, text, decimal_comma=false))]
    fn from_text(py: Python<'_>, catalogue: &Catalogue, text: &str, decimal_comma: bool) -> PyResult<Figures> {
        let read = chitieu::ReadOptions::default().decimal_comma(decimal_comma);
        run(py, || Ok(Figures { inner: chitieu::Figures::from_text_with(&catalogue.inner, text, &read)? }))
    }

    /// The reporting units present (`None` for figures without one), sorted.
    fn units(&self) -> Vec<Option<String>> {
        self.inner.units()
    }

    /// The latest year any figure is for.
    fn latest_year(&self) -> Option<i32> {
        self.inner.latest_year()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!("<chitieu._native.Figures ({} figures)>", self.inner.len())
    }
}

/// Evaluation settings: the as-of date and the cut-offs (defaults are the core's).
#[pyclass(frozen, module = "chitieu._native")]
struct Options {
    inner: chitieu::Options,
}

#[pymethods]
impl Options {
    /// `as_of` is `YYYY`, `YYYY-Qn` or `YYYY-MM-DD`; numbers are given as text (`"0.9"`); `None` keeps the
    /// core's default.
    #[new]
    #[pyo3(signature = (as_of, unit=None, on_track_ratio=None, at_risk_ratio=None, about_tolerance_percent=None, decimals=None, explain=None))]
    fn new(
        py: Python<'_>,
        as_of: &str,
        unit: Option<String>,
        on_track_ratio: Option<&str>,
        at_risk_ratio: Option<&str>,
        about_tolerance_percent: Option<&str>,
        decimals: Option<i64>,
        explain: Option<bool>,
    ) -> PyResult<Options> {
        run(py, || {
            let date = chitieu::parse_as_of(as_of)
                .ok_or_else(|| setting("as_of", format!("not YYYY, YYYY-Qn or YYYY-MM-DD: {as_of:?}")))?;
            let mut o = chitieu::Options::new(date);
            o.unit = unit;
            let number = |field: &str, text: Option<&str>, default: Decimal| -> Result<Decimal, Failure> {
                match text {
                    None => Ok(default),
                    Some(t) => parse_decimal(t).ok_or_else(|| setting(field, format!("not a number: {t:?}"))),
                }
            };
            o.on_track_ratio = number("on_track_ratio", on_track_ratio, o.on_track_ratio)?;
            o.at_risk_ratio = number("at_risk_ratio", at_risk_ratio, o.at_risk_ratio)?;
            o.about_tolerance_percent =
                number("about_tolerance_percent", about_tolerance_percent, o.about_tolerance_percent)?;
            if let Some(d) = decimals {
                o.decimals =
                    u32::try_from(d).map_err(|_| setting("decimals", format!("must be 0 or more, got {d}")))?;
            }
            if let Some(e) = explain {
                o.explain = e;
            }
            o.validate()?;
            Ok(Options { inner: o })
        })
    }

    /// The as-of date, `YYYY-MM-DD`.
    #[getter]
    fn as_of(&self) -> String {
        self.inner.as_of.to_string()
    }

    /// The reporting unit evaluated, if set.
    #[getter]
    fn unit(&self) -> Option<String> {
        self.inner.unit.clone()
    }

    /// Progress ratio at or above which a target is on track.
    #[getter]
    fn on_track_ratio(&self) -> Decimal {
        self.inner.on_track_ratio
    }

    /// Progress ratio at or above which a target is at risk rather than off track.
    #[getter]
    fn at_risk_ratio(&self) -> Decimal {
        self.inner.at_risk_ratio
    }

    /// Tolerance of "khoảng X" in percent of X, when the catalogue gives none.
    #[getter]
    fn about_tolerance_percent(&self) -> Decimal {
        self.inner.about_tolerance_percent
    }

    /// Decimal places of displayed values.
    #[getter]
    fn decimals(&self) -> u32 {
        self.inner.decimals
    }

    /// Whether the rule and the explanation are written in words.
    #[getter]
    fn explain(&self) -> bool {
        self.inner.explain
    }

    /// The settings as JSON (the core's `Options`).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || json(&self.inner))
    }

    fn __repr__(&self) -> String {
        let o = &self.inner;
        format!(
            "Options(as_of='{}', unit={}, on_track_ratio=Decimal('{}'), at_risk_ratio=Decimal('{}'), \
             about_tolerance_percent=Decimal('{}'), decimals={}, explain={})",
            o.as_of,
            o.unit.as_ref().map_or("None".to_string(), |u| format!("{u:?}")),
            o.on_track_ratio,
            o.at_risk_ratio,
            o.about_tolerance_percent,
            o.decimals,
            if o.explain { "True" } else { "False" }
        )
    }
}

/// Every evaluation of a catalogue as of a date, with counts and groups.
#[pyclass(frozen, module = "chitieu._native")]
struct Scorecard {
    inner: chitieu::Scorecard,
}

#[pymethods]
impl Scorecard {
    /// The stable JSON form (format `chitieu.scorecard/1`), pretty by default.
    #[pyo3(signature = (pretty=true))]
    fn to_json(&self, py: Python<'_>, pretty: bool) -> PyResult<String> {
        run(py, || if pretty { Ok(self.inner.to_json()) } else { json(&self.inner) })
    }

    /// Plain text, grouped by section; `lang` is "en" or "vi".
    #[pyo3(signature = (lang="en"))]
    fn to_text(&self, py: Python<'_>, lang: &str) -> PyResult<String> {
        run(py, || Ok(self.inner.to_text(self::lang(lang)?)))
    }

    /// Markdown, a table per section; `lang` is "en" or "vi".
    #[pyo3(signature = (lang="en"))]
    fn to_markdown(&self, py: Python<'_>, lang: &str) -> PyResult<String> {
        run(py, || Ok(self.inner.to_markdown(self::lang(lang)?)))
    }

    /// CSV, one row per target.
    fn to_csv(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || Ok(self.inner.to_csv()))
    }

    fn __len__(&self) -> usize {
        self.inner.evaluations.len()
    }

    fn __repr__(&self) -> String {
        format!("<chitieu._native.Scorecard as of {} ({} targets)>", self.inner.as_of, self.inner.evaluations.len())
    }
}

/// Evaluate every target of a catalogue.
#[pyfunction]
fn scorecard(py: Python<'_>, catalogue: &Catalogue, figures: &Figures, options: &Options) -> PyResult<Scorecard> {
    run(py, || Ok(Scorecard { inner: chitieu::scorecard(&catalogue.inner, &figures.inner, &options.inner)? }))
}

/// A target's required path and actual figures as JSON, or `None` when it has no single path.
#[pyfunction]
fn required_path(
    py: Python<'_>,
    catalogue: &Catalogue,
    target: &str,
    figures: &Figures,
    options: &Options,
) -> PyResult<Option<String>> {
    let Some(t) = catalogue.inner.target(target) else {
        return Err(PyKeyError::new_err(target.to_string()));
    };
    run(py, || match chitieu::required_path(&catalogue.inner, t, &figures.inner, &options.inner)? {
        Some(p) => Ok(Some(json(&p)?)),
        None => Ok(None),
    })
}

/// The as-of date a text stands for (`2027` is 2027-12-31), as `YYYY-MM-DD`.
#[pyfunction]
fn parse_as_of(py: Python<'_>, text: &str) -> PyResult<String> {
    run(py, || {
        chitieu::parse_as_of(text)
            .map(|d: Date| d.to_string())
            .ok_or_else(|| setting("as_of", format!("not YYYY, YYYY-Qn or YYYY-MM-DD: {text:?}")))
    })
}

/// The international progress methods (compatibility mode, floating point): assess a series given as the JSON
/// of `chitieu::methods::Series` with one method (`open_sdg`, `eurostat`, `unsd_2022`, `unsd_2023`) or `all`;
/// returns the JSON of the assessment (or of the list of assessments).
#[pyfunction]
fn methods_assess_json(py: Python<'_>, method: &str, series_json: &str) -> PyResult<String> {
    run(py, || Ok(chitieu::methods::assess_json(method, series_json)?))
}

/// Open SDG's indicator aggregate over entries given as JSON (the core's `methods::open_sdg_indicator_json`).
#[pyfunction]
fn methods_open_sdg_indicator_json(py: Python<'_>, entries_json: &str) -> PyResult<String> {
    run(py, || Ok(chitieu::methods::open_sdg_indicator_json(entries_json)?))
}

/// A unit in English words where the library writes one in Vietnamese (`"điểm %/năm"` is `"percentage points a
/// year"`, `"lần"` `"times"`); a catalogue's own unit words are kept (the core's `text::unit_en`, as its English
/// report writes units).
#[pyfunction]
fn unit_en(unit: &str) -> String {
    chitieu::text::unit_en(unit).into_owned()
}

/// The text of a .docx file's body given its bytes (the core's `chitieu::docx::docx_text`): one line per
/// paragraph, table cells in reading order.
#[pyfunction]
fn docx_text(py: Python<'_>, data: &[u8]) -> PyResult<String> {
    run(py, || Ok(chitieu::docx::docx_text(data)?))
}

fn as_of(text: &str) -> Result<Date, Failure> {
    chitieu::parse_as_of(text).ok_or_else(|| setting("as_of", format!("not YYYY, YYYY-Qn or YYYY-MM-DD: {text:?}")))
}

/// What each target needs as of a date (the core's `template::needs`), as JSON.
#[pyfunction]
fn template_needs_json(py: Python<'_>, catalogue: &Catalogue, as_of: &str) -> PyResult<String> {
    run(py, || json(&chitieu::template::needs(&catalogue.inner, self::as_of(as_of)?)))
}

/// The fill-in template as CSV (the core's `template::template_csv`).
#[pyfunction]
fn template_csv(py: Python<'_>, catalogue: &Catalogue, as_of: &str) -> PyResult<String> {
    run(py, || Ok(chitieu::template::template_csv(&catalogue.inner, self::as_of(as_of)?)))
}

/// The fill-in template as an .xlsx workbook (the core's `office::template_xlsx`).
#[pyfunction]
fn template_xlsx(py: Python<'_>, catalogue: &Catalogue, as_of: &str) -> PyResult<Py<PyBytes>> {
    let bytes = run(py, || Ok(chitieu::office::template_xlsx(&catalogue.inner, self::as_of(as_of)?)?))?;
    Ok(PyBytes::new(py, &bytes).unbind())
}

/// A scorecard as an .xlsx workbook (the core's `office::report_xlsx`).
#[pyfunction]
fn report_xlsx(
    py: Python<'_>,
    catalogue: &Catalogue,
    card: &Scorecard,
    figures: &Figures,
    lang: &str,
) -> PyResult<Py<PyBytes>> {
    let bytes = run(py, || {
        Ok(chitieu::office::report_xlsx(&catalogue.inner, &card.inner, &figures.inner, self::lang(lang)?)?)
    })?;
    Ok(PyBytes::new(py, &bytes).unbind())
}

/// Panics below the boundary, so tests can check that a panic arrives as the `internal` error class.
#[pyfunction]
fn _panic_for_tests(py: Python<'_>, message: &str) -> PyResult<()> {
    run(py, || -> Result<(), Failure> { panic!("{message}") })
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    // Every error code of the core, once; the Python package has a class for each (and for `internal`).
    m.add("ERROR_CODES", PyTuple::new(py, Error::CODES)?)?;
    m.add("INTERNAL_ERROR_CODE", INTERNAL)?;
    // The core's error catalogue: (code, meaning, example input), in ERROR_CODES order.
    let catalogue: Vec<(String, String, String)> =
        Error::catalogue().into_iter().map(|e| (e.code, e.meaning, e.example)).collect();
    m.add("ERROR_CATALOGUE", PyTuple::new(py, catalogue)?)?;
    // Every status in report order: (code, Vietnamese label, English label).
    let statuses: Vec<(&str, &str, &str)> =
        Status::ALL.iter().map(|s| (s.code(), s.label_vi(), s.label_en())).collect();
    m.add("STATUSES", PyTuple::new(py, statuses)?)?;
    m.add("SCORECARD_FORMAT", chitieu::report::SCORECARD_FORMAT)?;
    let batch_columns: Vec<&str> = chitieu::batch::CSV_HEADER.split(',').collect();
    m.add("BATCH_COLUMNS", PyTuple::new(py, batch_columns)?)?;
    m.add("BATCH_DECIMALS", PyTuple::new(py, chitieu::batch::DECIMAL_COLUMNS)?)?;
    m.add_class::<Catalogue>()?;
    m.add_class::<Figures>()?;
    m.add_class::<Options>()?;
    m.add_class::<Scorecard>()?;
    m.add_class::<draft::Draft>()?;
    m.add_function(wrap_pyfunction!(scorecard, m)?)?;
    m.add_function(wrap_pyfunction!(required_path, m)?)?;
    m.add_function(wrap_pyfunction!(parse_as_of, m)?)?;
    m.add_function(wrap_pyfunction!(unit_en, m)?)?;
    m.add_function(wrap_pyfunction!(docx_text, m)?)?;
    m.add_function(wrap_pyfunction!(template_needs_json, m)?)?;
    m.add_function(wrap_pyfunction!(template_csv, m)?)?;
    m.add_function(wrap_pyfunction!(template_xlsx, m)?)?;
    m.add_function(wrap_pyfunction!(report_xlsx, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    m.add_function(wrap_pyfunction!(methods_assess_json, m)?)?;
    m.add_function(wrap_pyfunction!(methods_open_sdg_indicator_json, m)?)?;
    m.add_function(wrap_pyfunction!(batch::batch_columns, m)?)?;
    m.add_function(wrap_pyfunction!(batch::batch_csv, m)?)?;
    m.add_function(wrap_pyfunction!(batch::synthetic_columns, m)?)?;
    m.add_function(wrap_pyfunction!(draft::draft, m)?)?;
    Ok(())
}
