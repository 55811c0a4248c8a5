//! `draftCatalogue`: the core's drafter (`chitieu::draft`), a programme's text to a draft catalogue and its review
//! list. In the Node build and the draft web module (`chitieu/draft`) only (cargo feature `draft`, which turns on the
//! core's): the drafter brings its reader, its words and the Unicode normalisation and case tables (~139 KB
//! gzipped), which the main and full web modules do without.

use super::{invalid, to_js, to_js_error, JsResult};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The TypeScript types of `draftCatalogue` (hand-written like ../types.d.ts, which has the rest).
#[wasm_bindgen(typescript_custom_section)]
const TYPES_DRAFT: &str = include_str!("../types-draft.d.ts");

/// What `draftCatalogue` returns, through its JSON form: the core's values as they are.
#[derive(Serialize)]
struct DraftOut<'a> {
    catalogue: &'a chitieu::Catalogue,
    catalogue_json: String,
    review: &'a [chitieu::draft::Review],
    skipped: &'a [chitieu::draft::Skipped],
    review_text: String,
    markdown: String,
}

/// Draft a catalogue from a programme's text (as extracted from a PDF or copied from Word): the draft catalogue as
/// an object and as JSON text (either can be passed as the `catalogue` of every other function), the review list (one
/// entry a target, in the catalogue's order), the passages with a number that became no target, and the core's
/// renderings of the review as text and of everything as Markdown. Throws a `ChitieuError` (`limit_exceeded` for a
/// text over 16 MiB).
///
/// The text is taken as any JS value and checked here: wasm-bindgen's own conversion of a `String` argument reads
/// out of bounds when given a number or an object (a trap, not an error).
#[wasm_bindgen(js_name = draftCatalogue, unchecked_return_type = "DraftResult")]
pub fn draft_catalogue(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> JsResult {
    let Some(text) = text.as_string() else {
        return Err(invalid("text", "expected the programme's text as a string".into()));
    };
    let draft = chitieu::draft::draft(&text).map_err(to_js_error)?;
    to_js(&DraftOut {
        catalogue: &draft.catalogue,
        catalogue_json: draft.catalogue_json(),
        review: &draft.review,
        skipped: &draft.skipped,
        review_text: draft.review_text(),
        markdown: draft.to_markdown(),
    })
}
