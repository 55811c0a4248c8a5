//! The office module (cargo feature `office`): Excel in and out, the fill-in template, the international progress
//! methods, and the core's figure reader and CSV writer for a form. In the Node build and the office web module
//! (`chitieu/office`) only: the workbook reader (calamine and its zip inflater), the writer (rust_xlsxwriter and its
//! deflater) and the methods cost more than the main module's size budget leaves.
//!
//! In these builds every function that takes figures (`evaluate`, `scorecard`, `inspectFigures`, `requiredPath(s)`,
//! `reportXlsx`) also takes the bytes of an .xlsx workbook (a `Uint8Array` or an `ArrayBuffer`), read by the core's
//! `xlsx::read_xlsx`: errors in a cell carry `details.sheet` and `details.cell` (A1).

use super::{
    catalogue_arg, figures_arg, invalid, options_arg, read_options_arg, to_js, to_js_error, to_json, JsResult,
};
use chitieu::figures::{Observation, ReadOptions};
use chitieu::{report, Lang};
use js_sys::{ArrayBuffer, Uint8Array};
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// The TypeScript types of the office module's functions (hand-written like ../types.d.ts, which has the rest).
#[wasm_bindgen(typescript_custom_section)]
const TYPES_OFFICE: &str = include_str!("../types-office.d.ts");

/// The bytes of a `Uint8Array` or an `ArrayBuffer` (a workbook), or `None` for any other value.
pub(crate) fn bytes_of(value: &JsValue) -> Option<Vec<u8>> {
    if let Some(array) = value.dyn_ref::<Uint8Array>() {
        Some(array.to_vec())
    } else {
        value.dyn_ref::<ArrayBuffer>().map(|buffer| Uint8Array::new(buffer).to_vec())
    }
}

/// Read a workbook's figures (the core's `read_xlsx`), as `figures_arg` does for bytes.
pub(crate) fn read_workbook_figures(
    catalogue: &chitieu::Catalogue,
    bytes: &[u8],
    read: &ReadOptions,
) -> JsResult<chitieu::xlsx::XlsxRead> {
    chitieu::xlsx::read_xlsx(catalogue, bytes, read).map_err(to_js_error)
}

/// Read a workbook (the bytes of an .xlsx: `Uint8Array` or `ArrayBuffer`) against the catalogue: how many figures,
/// which reporting units, the latest year, and every sheet with its layout (`"long"`, `"wide"` or `"skipped"`) and
/// the figures it gave. Throws a `ChitieuError` for the first bad cell (`details.sheet`, `details.cell`) or for
/// bytes that are not a workbook (`xlsx_syntax`).
#[wasm_bindgen(js_name = readWorkbook, unchecked_return_type = "WorkbookSummary")]
pub fn read_workbook(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CatalogueInput")] catalogue: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "ReadInput")] options: Option<JsValue>,
) -> JsResult {
    let read = read_options_arg(options.as_ref())?;
    let catalogue = catalogue_arg(catalogue.as_ref())?;
    let Some(bytes) = bytes_of(&bytes) else {
        return Err(invalid("bytes", "expected the workbook's bytes (a Uint8Array or an ArrayBuffer)".into()));
    };
    let out = read_workbook_figures(&catalogue, &bytes, &read)?;
    let sheets: Vec<Value> = out
        .sheets
        .iter()
        .map(|s| {
            let layout = match s.layout {
                chitieu::grid::Layout::Long => "long",
                chitieu::grid::Layout::Wide => "wide",
                chitieu::grid::Layout::Skipped => "skipped",
            };
            serde_json::json!({"name": s.name, "layout": layout, "figures": s.figures})
        })
        .collect();
    to_js(&serde_json::json!({
        "count": out.figures.len(),
        "units": out.figures.units(),
        "latest_year": out.figures.latest_year(),
        "sheets": sheets,
    }))
}

/// Every figure series the catalogue's targets need as of `options.as_of` (the core's `template::needs`): an
/// indicator's field, the periods due, whether entity by entity, the targets that read it and the part of the
/// programme.
#[wasm_bindgen(js_name = figureNeeds, unchecked_return_type = "FigureNeed[]")]
pub fn figure_needs(
    #[wasm_bindgen(unchecked_param_type = "OptionsInput")] options: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CatalogueInput")] catalogue: Option<JsValue>,
) -> JsResult {
    let (options, _) = options_arg(&options)?;
    let catalogue = catalogue_arg(catalogue.as_ref())?;
    to_js(&chitieu::template::needs(&catalogue, options.as_of))
}

/// The fill-in template as an .xlsx workbook (the core's `office::template_xlsx`) for `options.as_of`.
#[wasm_bindgen(js_name = templateXlsx)]
pub fn template_xlsx(
    #[wasm_bindgen(unchecked_param_type = "OptionsInput")] options: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CatalogueInput")] catalogue: Option<JsValue>,
) -> JsResult<Vec<u8>> {
    let (options, _) = options_arg(&options)?;
    let catalogue = catalogue_arg(catalogue.as_ref())?;
    chitieu::office::template_xlsx(&catalogue, options.as_of).map_err(to_js_error)
}

/// The fill-in template as CSV text in the wide layout (the core's `template::template_csv`).
#[wasm_bindgen(js_name = templateCsv)]
pub fn template_csv(
    #[wasm_bindgen(unchecked_param_type = "OptionsInput")] options: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CatalogueInput")] catalogue: Option<JsValue>,
) -> JsResult<String> {
    let (options, _) = options_arg(&options)?;
    let catalogue = catalogue_arg(catalogue.as_ref())?;
    Ok(chitieu::template::template_csv(&catalogue, options.as_of))
}

/// The scorecard as an .xlsx workbook (the core's `office::report_xlsx`) in `lang` (`"vi"` or `"en"`, default
/// English, as `report`).
#[wasm_bindgen(js_name = reportXlsx)]
pub fn report_xlsx(
    #[wasm_bindgen(unchecked_param_type = "OfficeFiguresInput")] figures: JsValue,
    #[wasm_bindgen(unchecked_param_type = "OptionsInput")] options: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "\"en\" | \"vi\" | null")] lang: Option<String>,
    #[wasm_bindgen(unchecked_optional_param_type = "CatalogueInput")] catalogue: Option<JsValue>,
) -> JsResult<Vec<u8>> {
    let lang: Lang = match lang {
        None => Lang::default(),
        Some(l) => serde_json::from_value(Value::String(l.clone()))
            .map_err(|_| invalid("lang", format!("expected \"en\" or \"vi\", got {l:?}")))?,
    };
    let (options, read) = options_arg(&options)?;
    let catalogue = catalogue_arg(catalogue.as_ref())?;
    let figures = figures_arg(&catalogue, &figures, &read)?;
    let card = report::scorecard(&catalogue, &figures, &options).map_err(to_js_error)?;
    chitieu::office::report_xlsx(&catalogue, &card, &figures, lang).map_err(to_js_error)
}

/// One of the international progress methods over a yearly series (the core's `methods::assess_json`): `method`
/// is `"open_sdg"`, `"eurostat"`, `"unsd_2022"`, `"unsd_2023"`, or `"all"` for a list of the four; `series` is
/// `{values: {year: value}, direction, target?, target_year?, base_year?, limit?}` (values as strings or numbers).
#[wasm_bindgen(js_name = assessProgress, unchecked_return_type = "ProgressAssessment | ProgressAssessment[]")]
pub fn assess_progress(
    #[wasm_bindgen(unchecked_param_type = "ProgressMethod | \"all\"")] method: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ProgressSeries")] series: JsValue,
) -> JsResult {
    let Some(method) = method.as_string() else {
        return Err(invalid("method", "expected a method's code as a string".into()));
    };
    let out = chitieu::methods::assess_json(&method, &to_json(&series).to_string()).map_err(to_js_error)?;
    js_sys::JSON::parse(&out)
}

/// Open SDG's indicator aggregate over entries (the core's `methods::open_sdg_indicator_json`): each
/// `{kind: "series", score, target_achieved}` or `{kind: "group", entries: [...]}`.
#[wasm_bindgen(js_name = openSdgIndicator, unchecked_return_type = "IndicatorAssessment")]
pub fn open_sdg_indicator(#[wasm_bindgen(unchecked_param_type = "OpenSdgEntry[]")] entries: JsValue) -> JsResult {
    let out = chitieu::methods::open_sdg_indicator_json(&to_json(&entries).to_string()).map_err(to_js_error)?;
    js_sys::JSON::parse(&out)
}

/// The rows of figures as written, unvalidated (the core's `figures::read_csv` for CSV text, `read_json` for JSON
/// text: the first character decides), each `{row, figure}`: what a form is prefilled from. Throws a `ChitieuError`
/// for text the readers cannot parse (the row and field named).
#[wasm_bindgen(js_name = figureRows, unchecked_return_type = "FigureRow[]")]
pub fn figure_rows(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> JsResult {
    let Some(text) = text.as_string() else {
        return Err(invalid("text", "expected CSV or JSON text".into()));
    };
    let rows = if text.trim_start().starts_with(['[', '{']) {
        chitieu::figures::read_json(&text)
    } else {
        chitieu::figures::read_csv(&text)
    }
    .map_err(to_js_error)?;
    let out: Vec<Value> = rows.iter().map(|(row, figure)| serde_json::json!({"row": row, "figure": figure})).collect();
    to_js(&out)
}

/// Figures as long-format CSV text written by the core (`figures::observations_to_csv`): the columns used, in the
/// core's order, RFC 4180 quoting. `observations` are figure objects (the JSON form: decimals as strings or
/// numbers). Throws a `ChitieuError` (`figures_syntax`, the row) for an object of the wrong shape.
#[wasm_bindgen(js_name = figuresCsv)]
pub fn figures_csv(#[wasm_bindgen(unchecked_param_type = "FigureInput[]")] observations: JsValue) -> JsResult<String> {
    if !js_sys::Array::is_array(&observations) {
        return Err(invalid("observations", "expected an array of figure objects".into()));
    }
    let rows = chitieu::figures::read_json(&to_json(&observations).to_string()).map_err(to_js_error)?;
    let list: Vec<Observation> = rows.into_iter().map(|(_, o)| o).collect();
    Ok(chitieu::figures::observations_to_csv(&list))
}
