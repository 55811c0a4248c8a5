//! JavaScript bindings of [`chitieu`]: the npm package `chitieu` (built by `scripts/build-wasm.sh`).
//!
//! The wrapper only translates. JavaScript values become the JSON forms the core reads (figures, options,
//! catalogues), the core's results come back as the JSON forms it writes (decimals as strings, exact), and the
//! core's [`chitieu::Error`] becomes a real JS `Error` named `ChitieuError` with the stable `code` and the
//! `details` (row, other_row, field, indicator, target, value). Every rule, default and verdict is the core's.
//!
//! Numbers: a JS number given where the core expects a decimal is read through its shortest string form
//! (`String(x)`, so `0.1` is `"0.1"`); a `bigint` through its digits; `NaN` and `±Infinity` reach the core as the
//! text `"NaN"`/`"Infinity"` and are refused there (`not_a_number` for a figure). Give figures with more digits
//! than a double holds as strings.
//!
//! Panics: none is expected (the core returns errors). Should one happen anyway, the panic hook schedules a fresh
//! instance for the next call and throws a `ChitieuError` with code `"panic"` to the caller, so the page or the
//! server keeps working.
//!
//! The crate compiles to nothing except for WebAssembly, so `cargo test` at the workspace root stays pure.
#![cfg(target_family = "wasm")]
#![deny(missing_docs)]

use chitieu::{report, Catalogue, Error, Figures, Lang, Options};
use js_sys::{Array, Object, Reflect, JSON};
use serde::Serialize;
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::*;

/// The TypeScript types of every input and output (hand-written, checked by `tsc` against a usage file and
/// against real outputs in the tests).
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("../types.d.ts");

/// Install the panic hook (runs when the module is instantiated, and again after a reinitialisation; wasm-bindgen
/// exports it too, hidden from the types: calling it again is harmless).
#[wasm_bindgen(start, js_name = __installPanicHook, skip_typescript)]
fn install_panic_hook() {
    std::panic::set_hook(Box::new(on_panic));
}

/// A panic leaves the instance in an unknown state (panic=abort: no unwinding, the shadow stack and any borrow are
/// not restored). Ask wasm-bindgen for a fresh instance before the next call, and throw a catchable error now.
fn on_panic(info: &std::panic::PanicHookInfo<'_>) {
    wasm_bindgen::handler::schedule_reinit();
    let error =
        js_error(&format!("internal error (a bug, please report it): {info}"), "panic", JsValue::from(Object::new()));
    wasm_bindgen::throw_val(error);
}

fn js_error(message: &str, code: &str, details: JsValue) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("ChitieuError");
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(&error, &"code".into(), &code.into());
    let _ = Reflect::set(&error, &"details".into(), &details);
    error.into()
}

/// The core's error as a JS `Error`: `name` "ChitieuError", `code`, `details`, and the core's message.
fn to_js_error(e: Error) -> JsValue {
    js_error(&e.to_string(), e.code(), to_js(&e.details()).unwrap_or_else(|_| Object::new().into()))
}

/// A serialisable core value as a plain JS value, through its JSON form (decimals stay strings).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))?;
    JSON::parse(&text)
}

type JsResult<T = JsValue> = Result<T, JsValue>;

/// A JS value as JSON, for the core's readers. Strings, booleans, null/undefined, arrays and plain objects map
/// one to one; a finite number becomes a JSON number with the digits of `String(x)`; a bigint a JSON number with
/// its digits; `NaN` and `±Infinity` the strings "NaN", "Infinity", "-Infinity" (which the core refuses as numbers).
/// Anything else (a function, a symbol) becomes an empty array, which the core reports as the wrong shape.
fn to_json(v: &JsValue) -> Value {
    if v.is_null() || v.is_undefined() {
        Value::Null
    } else if let Some(s) = v.as_string() {
        Value::String(s)
    } else if let Some(b) = v.as_bool() {
        Value::Bool(b)
    } else if let Some(x) = v.as_f64() {
        let text = js_sys::Number::from(x).to_string_with_radix(10).map(String::from).unwrap_or_default();
        if x.is_finite() {
            number(&text)
        } else {
            Value::String(text)
        }
    } else if v.is_bigint() {
        number(&String::from(v.clone().unchecked_into::<js_sys::BigInt>().to_string(10).unwrap_or_default()))
    } else if Array::is_array(v) {
        Value::Array(Array::from(v).iter().map(|x| to_json(&x)).collect())
    } else if v.is_object() && !v.is_function() {
        let mut map = Map::new();
        for entry in Object::entries(v.unchecked_ref()).iter() {
            let pair = Array::from(&entry);
            if let Some(key) = pair.get(0).as_string() {
                map.insert(key, to_json(&pair.get(1)));
            }
        }
        Value::Object(map)
    } else {
        Value::Array(Vec::new())
    }
}

/// A JSON number with exactly these digits (serde_json's arbitrary precision keeps them).
fn number(text: &str) -> Value {
    serde_json::from_str::<Number>(text).map(Value::Number).unwrap_or_else(|_| Value::String(text.to_string()))
}

/// The catalogue argument: absent for the built-in one, JSON text, or a catalogue object.
fn catalogue_arg(catalogue: Option<&JsValue>) -> JsResult<Catalogue> {
    let Some(catalogue) = catalogue.filter(|c| !c.is_null() && !c.is_undefined()) else {
        return Ok(Catalogue::builtin());
    };
    let text = match catalogue.as_string() {
        Some(text) => text,
        None => to_json(catalogue).to_string(),
    };
    Catalogue::from_json(&text).map_err(to_js_error)
}

/// The figures argument: CSV or JSON text (the core guesses by the first character), an array of figure
/// objects, or `{figures: [...]}`.
fn figures_arg(catalogue: &Catalogue, figures: &JsValue) -> JsResult<Figures> {
    let result = match figures.as_string() {
        Some(text) => Figures::from_text(catalogue, &text),
        None => Figures::from_json(catalogue, &to_json(figures).to_string()),
    };
    result.map_err(to_js_error)
}

/// The options argument: the JSON form of the core's `Options`; `as_of` may also be a year or a quarter, read by
/// the core's `parse_as_of` (the end of that period).
fn options_arg(options: &JsValue) -> JsResult<Options> {
    let invalid = |field: &str, message: String| to_js_error(Error::InvalidSetting { field: field.into(), message });
    let mut value = to_json(options);
    let Value::Object(map) = &mut value else {
        return Err(invalid("options", "expected an object such as {as_of: \"2027-12-31\"}".into()));
    };
    match map.get("as_of") {
        Some(Value::String(s)) => match chitieu::parse_as_of(s) {
            Some(date) => {
                map.insert("as_of".into(), Value::String(date.to_string()));
            }
            None => return Err(invalid("as_of", format!("not a date (YYYY-MM-DD, YYYY-Qn or YYYY): {s:?}"))),
        },
        Some(other) => return Err(invalid("as_of", format!("expected a string, got {other}"))),
        None => return Err(invalid("as_of", "is required".into())),
    }
    serde_json::from_value(value).map_err(|e| invalid("options", e.to_string()))
}

/// The version of the package (the crate's).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Every error code the core can report, once, in a fixed order.
#[wasm_bindgen(js_name = errorCodes, unchecked_return_type = "CoreErrorCode[]")]
pub fn error_codes() -> JsResult {
    to_js(&Error::CODES)
}

/// The core's error catalogue: every code once, with its meaning and an example input, in `errorCodes` order.
#[wasm_bindgen(js_name = errorCatalogue, unchecked_return_type = "ErrorInfo[]")]
pub fn error_catalogue() -> JsResult {
    to_js(&Error::catalogue())
}

/// Every status with its labels, in report order.
#[wasm_bindgen(unchecked_return_type = "StatusInfo[]")]
pub fn statuses() -> JsResult {
    let list: Vec<Value> = chitieu::Status::ALL
        .iter()
        .map(|s| serde_json::json!({"status": s, "label_vi": s.label_vi(), "label_en": s.label_en()}))
        .collect();
    to_js(&list)
}

/// The built-in catalogue (programme 09-CTr/ĐU of Hưng Đạo ward) as an object.
#[wasm_bindgen(js_name = builtinCatalogue, unchecked_return_type = "Catalogue")]
pub fn builtin_catalogue() -> JsResult {
    to_js(&Catalogue::builtin())
}

/// The built-in catalogue as JSON text (the format `loadCatalogue` reads).
#[wasm_bindgen(js_name = builtinCatalogueJson)]
pub fn builtin_catalogue_json() -> String {
    chitieu::BUILTIN_JSON.to_string()
}

/// Read and validate a catalogue (JSON text or an object); returns it as an object. Throws a `ChitieuError`
/// (`catalogue_syntax`, `catalogue_invalid`, `duplicate_id`).
#[wasm_bindgen(js_name = loadCatalogue, unchecked_return_type = "Catalogue")]
pub fn load_catalogue(#[wasm_bindgen(unchecked_param_type = "string | Catalogue")] catalogue: JsValue) -> JsResult {
    if catalogue.is_null() || catalogue.is_undefined() {
        return Err(to_js_error(Error::CatalogueSyntax { message: "no catalogue given".into(), row: None }));
    }
    to_js(&catalogue_arg(Some(&catalogue))?)
}

/// Read and validate figures against a catalogue without evaluating: how many, which reporting units, the latest
/// year. Throws a `ChitieuError` for the first bad figure.
#[wasm_bindgen(js_name = inspectFigures, unchecked_return_type = "FiguresSummary")]
pub fn inspect_figures(
    #[wasm_bindgen(unchecked_param_type = "FiguresInput")] figures: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CatalogueInput")] catalogue: Option<JsValue>,
) -> JsResult {
    let catalogue = catalogue_arg(catalogue.as_ref())?;
    let figures = figures_arg(&catalogue, &figures)?;
    to_js(&serde_json::json!({
        "count": figures.len(),
        "units": figures.units(),
        "latest_year": figures.latest_year(),
    }))
}

/// Evaluate every target of the catalogue (the built-in one when `catalogue` is absent) as of `options.as_of`.
#[wasm_bindgen(unchecked_return_type = "Evaluation[]")]
pub fn evaluate(
    #[wasm_bindgen(unchecked_param_type = "FiguresInput")] figures: JsValue,
    #[wasm_bindgen(unchecked_param_type = "OptionsInput")] options: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CatalogueInput")] catalogue: Option<JsValue>,
) -> JsResult {
    let options = options_arg(&options)?;
    let catalogue = catalogue_arg(catalogue.as_ref())?;
    let figures = figures_arg(&catalogue, &figures)?;
    to_js(&chitieu::evaluate(&catalogue, &figures, &options).map_err(to_js_error)?)
}

/// The scorecard: status counts, the targets grouped by the document's sections, every evaluation and the
/// document's discrepancies (the core's JSON scorecard, format "chitieu.scorecard/1").
#[wasm_bindgen(unchecked_return_type = "Scorecard")]
pub fn scorecard(
    #[wasm_bindgen(unchecked_param_type = "FiguresInput")] figures: JsValue,
    #[wasm_bindgen(unchecked_param_type = "OptionsInput")] options: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CatalogueInput")] catalogue: Option<JsValue>,
) -> JsResult {
    let options = options_arg(&options)?;
    let catalogue = catalogue_arg(catalogue.as_ref())?;
    let figures = figures_arg(&catalogue, &figures)?;
    to_js(&report::scorecard(&catalogue, &figures, &options).map_err(to_js_error)?)
}

/// The scorecard rendered by the core as text, Markdown, JSON or CSV (`format`), in English or Vietnamese
/// (`lang`, for text and Markdown; default English).
#[wasm_bindgen]
pub fn report(
    #[wasm_bindgen(unchecked_param_type = "FiguresInput")] figures: JsValue,
    #[wasm_bindgen(unchecked_param_type = "OptionsInput")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReportFormat")] format: String,
    #[wasm_bindgen(unchecked_optional_param_type = "Lang | null")] lang: Option<String>,
    #[wasm_bindgen(unchecked_optional_param_type = "CatalogueInput")] catalogue: Option<JsValue>,
) -> JsResult<String> {
    let lang: Lang = match lang {
        None => Lang::default(),
        Some(l) => serde_json::from_value(Value::String(l.clone())).map_err(|_| {
            to_js_error(Error::InvalidSetting {
                field: "lang".into(),
                message: format!("expected \"en\" or \"vi\", got {l:?}"),
            })
        })?,
    };
    let options = options_arg(&options)?;
    let catalogue = catalogue_arg(catalogue.as_ref())?;
    let figures = figures_arg(&catalogue, &figures)?;
    let card = report::scorecard(&catalogue, &figures, &options).map_err(to_js_error)?;
    match format.as_str() {
        "text" => Ok(card.to_text(lang)),
        "markdown" => Ok(card.to_markdown(lang)),
        "json" => Ok(card.to_json()),
        "csv" => Ok(card.to_csv()),
        other => Err(to_js_error(Error::InvalidSetting {
            field: "format".into(),
            message: format!("expected \"text\", \"markdown\", \"json\" or \"csv\", got {other:?}"),
        })),
    }
}

/// Panics on purpose, so the tests can prove a panic reaches JavaScript as a catchable `ChitieuError` (code
/// "panic") and that the next call works. Not part of the API.
#[wasm_bindgen(js_name = __testPanic, skip_typescript)]
pub fn test_panic() {
    panic!("deliberate panic for the test suite");
}
