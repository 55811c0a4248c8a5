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
//! Three sets of exports: every function below is in every build; `report` and `Batch` (module `full`, cargo feature
//! `full`) only in the Node build and the full web module (`chitieu/full`); `draftCatalogue` (module `draft`, cargo
//! feature `draft`) only in the Node build and the draft web module (`chitieu/draft`). Both features are on by
//! default (the Node build); the main web module a page downloads has neither (`--no-default-features`, to stay
//! within its size budget).
//!
//! The crate compiles to nothing except for WebAssembly, so `cargo test` at the workspace root stays pure.
#![cfg(target_family = "wasm")]
#![deny(missing_docs)]

#[cfg(feature = "draft")]
mod draft;
#[cfg(feature = "full")]
mod full;
#[cfg(feature = "office")]
mod office;

use chitieu::{report, Catalogue, Error, Figures, Options, ReadOptions};
use js_sys::{Array, Object, Reflect, JSON};
use serde::Serialize;
use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use wasm_bindgen::prelude::*;

/// The TypeScript types of every input and output (hand-written, checked by `tsc` against a usage file and
/// against real outputs in the tests); those of `report` and `Batch` are in types-full.d.ts (module `full`).
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

/// Freeze a JS value and everything in it (the parts of results shared between calls).
fn deep_freeze(value: &JsValue) {
    if let Some(object) = value.dyn_ref::<Object>() {
        for inner in Object::values(object).iter() {
            deep_freeze(&inner);
        }
        Object::freeze(object);
    }
}

/// The catalogue's parts of evaluations and scorecards as frozen JS objects: one per target
/// (`Evaluation::target_part`) and the scorecard's (`Scorecard::catalogue_part`).
struct FixedParts {
    targets: Vec<JsValue>,
    card: Option<JsValue>,
}

impl FixedParts {
    fn of(evaluations: &[chitieu::Evaluation]) -> JsResult<FixedParts> {
        let parts: Vec<_> = evaluations.iter().map(chitieu::Evaluation::target_part).collect();
        let array: Array = to_js(&parts)?.unchecked_into();
        let targets: Vec<JsValue> = array.iter().collect();
        targets.iter().for_each(deep_freeze);
        Ok(FixedParts { targets, card: None })
    }
}

thread_local! {
    /// The built-in catalogue's fixed parts, made on first use: every later call sends only the verdicts.
    static BUILTIN_PARTS: std::cell::RefCell<Option<FixedParts>> = const { std::cell::RefCell::new(None) };
}

/// Run `f` with the fixed parts of this catalogue's evaluations: kept for the built-in catalogue, made now for
/// another one.
fn with_fixed_parts<R>(
    catalogue: &Cow<'static, Catalogue>,
    evaluations: &[chitieu::Evaluation],
    f: impl FnOnce(&mut FixedParts) -> JsResult<R>,
) -> JsResult<R> {
    if matches!(catalogue, Cow::Borrowed(_)) && evaluations.len() == catalogue.targets.len() {
        BUILTIN_PARTS.with(|cell| {
            let mut slot = cell.borrow_mut();
            if slot.is_none() {
                *slot = Some(FixedParts::of(evaluations)?);
            }
            match slot.as_mut() {
                Some(parts) => f(parts),
                None => Err(js_sys::Error::new("fixed parts are missing").into()),
            }
        })
    } else {
        f(&mut FixedParts::of(evaluations)?)
    }
}

/// Evaluations as JS objects: the verdict part of each through JSON, joined with the target's fixed part (the
/// same frozen `rule`, `timing` and `sources` objects on every call for the built-in catalogue).
fn evaluations_to_js(parts: &FixedParts, evaluations: &[chitieu::Evaluation]) -> JsResult<Array> {
    let verdicts: Vec<_> = evaluations.iter().map(chitieu::Evaluation::verdict_part).collect();
    let array: Array = to_js(&verdicts)?.unchecked_into();
    for (i, part) in parts.targets.iter().enumerate() {
        let target: Object = array.get(i as u32).unchecked_into();
        Object::assign(&target, part.unchecked_ref::<Object>());
    }
    Ok(array)
}

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
fn catalogue_arg(catalogue: Option<&JsValue>) -> JsResult<Cow<'static, Catalogue>> {
    let Some(catalogue) = catalogue.filter(|c| !c.is_null() && !c.is_undefined()) else {
        return Ok(Cow::Borrowed(Catalogue::shared_builtin()));
    };
    let text = match catalogue.as_string() {
        Some(text) => text,
        None => to_json(catalogue).to_string(),
    };
    Catalogue::from_json(&text).map(Cow::Owned).map_err(to_js_error)
}

/// The figures argument: CSV or JSON text (the core guesses by the first character; `read` says how delimited
/// text writes numbers), an array of figure objects, or `{figures: [...]}`; in the office builds also the bytes of
/// an .xlsx workbook.
fn figures_arg(catalogue: &Catalogue, figures: &JsValue, read: &ReadOptions) -> JsResult<Figures> {
    // the office builds also take an .xlsx workbook's bytes (a Uint8Array or an ArrayBuffer)
    #[cfg(feature = "office")]
    if let Some(bytes) = office::bytes_of(figures) {
        return office::read_workbook_figures(catalogue, &bytes, read).map(|out| out.figures);
    }
    let result = match figures.as_string() {
        Some(text) => Figures::from_text_with(catalogue, &text, read),
        None => Figures::from_json(catalogue, &to_json(figures).to_string()),
    };
    result.map_err(to_js_error)
}

/// The options argument: the JSON form of the core's `Options`; `as_of` may also be a year or a quarter, read by
/// the core's `parse_as_of` (the end of that period). `decimalComma` (a boolean, default false) is how figures
/// given as delimited text write numbers (the core's `ReadOptions`).
fn options_arg(options: &JsValue) -> JsResult<(Options, ReadOptions)> {
    let mut value = to_json(options);
    let decimal_comma = match &mut value {
        Value::Object(map) => match map.remove("decimalComma") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => b,
            Some(other) => return Err(invalid("decimalComma", format!("must be true or false, not {other}"))),
        },
        _ => false,
    };
    Ok((options_of(value)?, ReadOptions::default().decimal_comma(decimal_comma)))
}

/// The optional `{decimalComma}` options of `new Batch`, `readWorkbook` and `figureRows` (how numbers written as
/// text are read); any other key is refused.
#[cfg(any(feature = "full", feature = "office"))]
fn read_options_arg(options: Option<&JsValue>) -> JsResult<ReadOptions> {
    let Some(options) = options.filter(|o| !o.is_null() && !o.is_undefined()) else {
        return Ok(ReadOptions::default());
    };
    let Value::Object(map) = to_json(options) else {
        return Err(invalid("options", "expected an object such as {decimalComma: true}".into()));
    };
    let mut comma = false;
    for (key, value) in map {
        match (key.as_str(), value) {
            ("decimalComma", Value::Bool(b)) => comma = b,
            ("decimalComma", Value::Null) => {}
            ("decimalComma", other) => {
                return Err(invalid("decimalComma", format!("must be true or false, not {other}")))
            }
            (other, _) => return Err(invalid("options", format!("unknown option {other:?} (only decimalComma)"))),
        }
    }
    Ok(ReadOptions::default().decimal_comma(comma))
}

fn invalid(field: &str, message: String) -> JsValue {
    to_js_error(Error::InvalidSetting { field: field.into(), message })
}

fn options_of(mut value: Value) -> JsResult<Options> {
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
    to_js(Catalogue::shared_builtin())
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
        return Err(to_js_error(Error::CatalogueSyntax {
            message: "no catalogue given".into(),
            row: None,
            id: None,
            field: None,
        }));
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
    let figures = figures_arg(&catalogue, &figures, &ReadOptions::default())?;
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
    let (options, read) = options_arg(&options)?;
    let catalogue = catalogue_arg(catalogue.as_ref())?;
    let figures = figures_arg(&catalogue, &figures, &read)?;
    let evaluations = chitieu::evaluate(&catalogue, &figures, &options).map_err(to_js_error)?;
    with_fixed_parts(&catalogue, &evaluations, |parts| evaluations_to_js(parts, &evaluations).map(JsValue::from))
}

/// The scorecard: status counts, the targets grouped by the document's sections, every evaluation and the
/// document's discrepancies (the core's JSON scorecard, format "chitieu.scorecard/1").
#[wasm_bindgen(unchecked_return_type = "Scorecard")]
pub fn scorecard(
    #[wasm_bindgen(unchecked_param_type = "FiguresInput")] figures: JsValue,
    #[wasm_bindgen(unchecked_param_type = "OptionsInput")] options: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CatalogueInput")] catalogue: Option<JsValue>,
) -> JsResult {
    let (options, read) = options_arg(&options)?;
    let catalogue = catalogue_arg(catalogue.as_ref())?;
    let figures = figures_arg(&catalogue, &figures, &read)?;
    let card = report::scorecard(&catalogue, &figures, &options).map_err(to_js_error)?;
    with_fixed_parts(&catalogue, &card.evaluations, |parts| {
        if parts.card.is_none() {
            let fixed = to_js(&card.catalogue_part())?;
            deep_freeze(&fixed);
            parts.card = Some(fixed);
        }
        let verdicts = card.verdict_part();
        // the verdicts without their evaluations, which come joined with their fixed parts
        let out: Object = to_js(&report::ScorecardVerdictPart { evaluations: &[], ..verdicts })?.unchecked_into();
        Reflect::set(&out, &"evaluations".into(), &evaluations_to_js(parts, &card.evaluations)?.into())?;
        if let Some(fixed) = &parts.card {
            Object::assign(&out, fixed.unchecked_ref::<Object>());
        }
        Ok(out.into())
    })
}

/// The path a target requires year by year and the figures beside it, as of `options.as_of`: the core's
/// `required_path` (what a progress chart draws: the required line, the aim of a range or the upper end of a band,
/// the actual figures). `null` when the target has no single path (milestones, quarterly, coverage, per-entity and
/// every-year-change targets) or no figure to start it from. Throws a `ChitieuError` `invalid_setting` (field
/// "target") for an id the catalogue does not have.
#[wasm_bindgen(js_name = requiredPath, unchecked_return_type = "TargetPath | null")]
pub fn required_path(
    #[wasm_bindgen(js_name = targetId)] target_id: String,
    #[wasm_bindgen(unchecked_param_type = "FiguresInput")] figures: JsValue,
    #[wasm_bindgen(unchecked_param_type = "OptionsInput")] options: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CatalogueInput")] catalogue: Option<JsValue>,
) -> JsResult {
    paths(Some(&target_id), &figures, &options, catalogue.as_ref())
}

/// `requiredPath` of every target of the catalogue, in catalogue order (`null` where a target has none), reading
/// the figures and the catalogue once: what a page drawing a chart for each target calls.
#[wasm_bindgen(js_name = requiredPaths, unchecked_return_type = "(TargetPath | null)[]")]
pub fn required_paths(
    #[wasm_bindgen(unchecked_param_type = "FiguresInput")] figures: JsValue,
    #[wasm_bindgen(unchecked_param_type = "OptionsInput")] options: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CatalogueInput")] catalogue: Option<JsValue>,
) -> JsResult {
    paths(None, &figures, &options, catalogue.as_ref())
}

/// The path of one target (`Some(id)`: a path or null), or of every target (an array).
fn paths(target: Option<&str>, figures: &JsValue, options: &JsValue, catalogue: Option<&JsValue>) -> JsResult {
    let (options, read) = options_arg(options)?;
    let catalogue = catalogue_arg(catalogue)?;
    let figures = figures_arg(&catalogue, figures, &read)?;
    let path = |t| to_js(&chitieu::required_path(&catalogue, t, &figures, &options).map_err(to_js_error)?);
    match target {
        Some(id) => {
            path(catalogue.target(id).ok_or_else(|| invalid("target", format!("no target {id:?} in the catalogue")))?)
        }
        None => catalogue.targets.iter().map(path).collect::<JsResult<Array>>().map(JsValue::from),
    }
}

/// A unit the core writes in Vietnamese (an evaluation's `unit`: "%/năm", "điểm %", "lần"...) in the English words
/// the core's own English text uses ("% a year", "percentage points", "times"), and the words of the core's unit
/// table ("hộ" households); other words are kept. An evaluation's own `unit_en` follows the catalogue: prefer it.
#[wasm_bindgen(js_name = unitEn)]
pub fn unit_en(unit: &str) -> String {
    chitieu::text::unit_en(unit).into_owned()
}

/// Panics on purpose, so the tests can prove a panic reaches JavaScript as a catchable `ChitieuError` (code
/// "panic") and that the next call works. Not part of the API.
#[wasm_bindgen(js_name = __testPanic, skip_typescript)]
pub fn test_panic() {
    panic!("deliberate panic for the test suite");
}
