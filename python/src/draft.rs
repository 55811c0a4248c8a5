//! The drafter (`chitieu.draft_catalogue`): a programme's text to the core's draft catalogue and its review list.
//! Translation only: the core's `chitieu::draft::draft` does all the reading; the review and the skipped passages
//! cross as the JSON of the core's `Review` and `Skipped`, the catalogue as a `Catalogue` handle.

use super::{json, run, Catalogue, Failure};
use pyo3::prelude::*;

/// A draft catalogue with its review list (the core's `chitieu::draft::Draft`).
#[pyclass(frozen, module = "chitieu._native")]
pub(crate) struct Draft {
    inner: chitieu::draft::Draft,
}

#[pymethods]
impl Draft {
    /// The draft catalogue (loadable as it is: the core built it through its own loader).
    fn catalogue(&self, py: Python<'_>) -> PyResult<Catalogue> {
        run(py, || Ok(Catalogue { inner: self.inner.catalogue.clone() }))
    }

    /// The draft catalogue as JSON, in the loader's format (pretty).
    fn catalogue_json(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || Ok(self.inner.catalogue_json()))
    }

    /// JSON array of the review entries (target, section, confidence, reasons, quote), in catalogue order.
    fn review_json(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || json(&self.inner.review))
    }

    /// JSON array of the passages with a number that became no target (section, text, reason).
    fn skipped_json(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || json(&self.inner.skipped))
    }

    /// The review list as the core's plain table.
    fn review_text(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || Ok(self.inner.review_text()))
    }

    /// The draft and its review as one Markdown document (the core's).
    fn to_markdown(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || Ok(self.inner.to_markdown()))
    }

    /// The text as the drafter read it (NFC, whitespace collapsed): every quote is a substring of it.
    #[getter]
    fn text(&self) -> String {
        self.inner.text.clone()
    }

    /// JSON of the core's measure of this draft against a catalogue written by hand (recall, precision, the
    /// misses and the extras).
    fn measure_json(&self, py: Python<'_>, answer: &Catalogue) -> PyResult<String> {
        run(py, || json(&chitieu::draft::measure(&self.inner, &answer.inner)))
    }

    fn __len__(&self) -> usize {
        self.inner.catalogue.targets.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<chitieu._native.Draft ({} targets, {} skipped)>",
            self.inner.catalogue.targets.len(),
            self.inner.skipped.len()
        )
    }
}

/// Draft a catalogue from a programme's text (the core's `chitieu::draft::draft`).
#[pyfunction]
pub(crate) fn draft(py: Python<'_>, text: &str) -> PyResult<Draft> {
    run(py, || -> Result<Draft, Failure> { Ok(Draft { inner: chitieu::draft::draft(text)? }) })
}
