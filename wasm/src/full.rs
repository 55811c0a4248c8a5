//! What only the full modules hold (cargo feature `full`, on by default): `report`, the core's text, Markdown, JSON
//! and CSV writers, and `Batch`, many reporting units at once with its columnar results (and the JavaScript glue of
//! its columns, js/columns.js). The Node build and the full web module (`chitieu/full`) are built with it; the main
//! web module (`chitieu`, `chitieu/web`: what a page downloads, within its 250 KB gzipped budget) without it
//! (`--no-default-features`: scripts/build-wasm.sh).

use super::{
    catalogue_arg, figures_arg, invalid, options_arg, options_of, read_options_arg, to_js, to_js_error, to_json,
    JsResult,
};
use chitieu::batch::{self, BatchTable, NumberColumns};
use chitieu::figures::FIELDS;
use chitieu::{report, Catalogue, Error, Figures, FiguresBuilder, Lang, Options, RowError, Status};
use js_sys::{Array, Object, Reflect};
use serde_json::Value;
use std::borrow::Cow;
use wasm_bindgen::prelude::*;

/// The TypeScript types of `report` and `Batch` (hand-written like ../types.d.ts, which has the rest).
#[wasm_bindgen(typescript_custom_section)]
const TYPES_FULL: &str = include_str!("../types-full.d.ts");

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
    let (options, read) = options_arg(&options)?;
    let catalogue = catalogue_arg(catalogue.as_ref())?;
    let figures = figures_arg(&catalogue, &figures, &read)?;
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

/// A batch's options: the core's, and `numbers` (`"text"`, the default, or `"float"`): whether the decimal
/// columns come as the exact decimal strings or as `Float64Array`s.
fn batch_options_arg(options: &JsValue) -> JsResult<(Options, NumberColumns)> {
    let mut value = to_json(options);
    let numbers = match &mut value {
        Value::Object(map) => match map.remove("numbers") {
            None | Some(Value::Null) => NumberColumns::Text,
            Some(Value::String(s)) if s == "float" => NumberColumns::Float,
            Some(Value::String(s)) if s == "text" => NumberColumns::Text,
            Some(other) => return Err(invalid("numbers", format!("must be \"float\" or \"text\", not {other}"))),
        },
        _ => NumberColumns::Text,
    };
    Ok((options_of(value)?, numbers))
}

/// Figures of many reporting units (a city, a province, the country), read once and leniently: a bad row is
/// listed in `errors` with its row, unit and code and does not stop the others. `evaluate(options)` judges every
/// target of the catalogue for every unit (the core's `batch::evaluate`, on this thread) into a columnar table.
#[wasm_bindgen]
pub struct Batch {
    catalogue: Cow<'static, Catalogue>,
    figures: Figures,
    errors: Vec<RowError>,
}

#[wasm_bindgen]
impl Batch {
    /// Read the figures: CSV text (the long format, a `unit` column naming the unit), JSON text (read by the core
    /// as in Rust and Python: numbers with the digits written, a field given twice a bad row), an array of figure
    /// objects or `{figures: [...]}`. `options.decimalComma` (default false): `;`- or tab-separated text
    /// writes its numbers with a decimal comma, as Excel saves CSV in a Vietnamese locale (refused,
    /// `invalid_setting`, for comma-separated text and for JSON). Throws a `ChitieuError` only for a problem with
    /// the whole input (no header, an unknown column, JSON that does not parse, not an array, a catalogue error, an
    /// option).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "FiguresInput")] figures: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CatalogueInput")] catalogue: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "ReadInput")] options: Option<JsValue>,
    ) -> JsResult<Batch> {
        let catalogue = catalogue_arg(catalogue.as_ref())?;
        let read = read_options_arg(options.as_ref())?;
        let (figures, errors) = match figures.as_string() {
            // CSV or JSON text, told by its first character, read by the core as in Rust and Python (JSON a figure
            // at a time: numbers with the digits written, a field given twice refused)
            Some(text) => {
                reserve_memory(text.len() * 2);
                batch::read_text(&catalogue, &text, 1, &read).map_err(to_js_error)?
            }
            None => {
                read.check_json().map_err(to_js_error)?;
                read_objects(&catalogue, &figures)?
            }
        };
        Ok(Batch { catalogue, figures, errors })
    }

    /// How many figures were read (bad rows not counted).
    #[wasm_bindgen(getter, js_name = figureCount)]
    pub fn figure_count(&self) -> usize {
        self.figures.len()
    }

    /// The reporting units present, sorted (`null` for figures without a unit); units with only bad rows too.
    #[wasm_bindgen(getter, unchecked_return_type = "(string | null)[]")]
    pub fn units(&self) -> Array {
        self.figures.units().iter().map(|u| opt_str(u.as_deref())).collect()
    }

    /// The bad rows, in row order (each with row, unit, code, message, details).
    #[wasm_bindgen(getter, unchecked_return_type = "BatchError[]")]
    pub fn errors(&self) -> Array {
        self.errors.iter().map(row_error).collect()
    }

    /// Evaluate every target for every unit as of `options.as_of` (`options.unit` is not used): the columnar
    /// table `BatchResult` (one row per unit and target, unit by unit in code order, targets in catalogue order).
    ///
    /// `options.numbers` chooses the decimal columns: `"text"` (the default) gives arrays of the exact decimal
    /// strings (null where absent), `"float"` `Float64Array`s (the float nearest each decimal, NaN where absent).
    /// The statuses are decided on the exact decimals either way.
    #[wasm_bindgen(skip_typescript)]
    pub fn evaluate(&self, options: JsValue) -> JsResult {
        let (options, numbers) = batch_options_arg(&options)?;
        let table =
            batch::evaluate(&self.catalogue, &self.figures, self.errors.clone(), &options).map_err(to_js_error)?;
        Ok(table_to_js(&table, &options, numbers).into())
    }

    /// The core's evaluation alone, without building the columns: the number of rows. For the benchmark
    /// (wasm/bench/batch.mjs), to tell the core's time in WebAssembly from the translation's. Not part of the API.
    #[wasm_bindgen(js_name = __evaluateRowCount, skip_typescript)]
    pub fn evaluate_row_count(&self, options: JsValue) -> JsResult<usize> {
        let (options, _) = batch_options_arg(&options)?;
        let table =
            batch::evaluate(&self.catalogue, &self.figures, self.errors.clone(), &options).map_err(to_js_error)?;
        Ok(table.len())
    }
}

/// Grow the module's memory once, by about `bytes`, before building large figures: growing it a page at a time
/// (the allocator's default) makes the JS engine collect garbage at each step, which made reading the national
/// file several times slower. The block is freed at once and reused by the allocator.
fn reserve_memory(bytes: usize) {
    drop(Vec::<u8>::with_capacity(bytes));
}

/// Figures given as JS objects (an array, or `{figures: [...]}`), read leniently: row `i + 1` is element `i`.
fn read_objects(catalogue: &Catalogue, input: &JsValue) -> JsResult<(Figures, Vec<RowError>)> {
    let shape = || {
        to_js_error(Error::FiguresSyntax {
            row: 0,
            message: "expected CSV text, an array of figures or an object {figures: [...]}".into(),
        })
    };
    let list: Array = if Array::is_array(input) {
        input.clone().unchecked_into()
    } else if input.is_object() && !input.is_function() {
        let figures = Reflect::get(input, &"figures".into()).unwrap_or_default();
        if !Array::is_array(&figures) || Object::keys(input.unchecked_ref::<Object>()).length() != 1 {
            return Err(shape());
        }
        figures.unchecked_into()
    } else {
        return Err(shape());
    };
    reserve_memory(list.length() as usize * 128);
    let keys: Vec<JsValue> = FIELDS.iter().map(|f| JsValue::from_str(f)).collect();
    let mut b = FiguresBuilder::lenient(catalogue);
    b.reserve(list.length() as usize);
    let mut texts: Vec<Option<String>> = vec![None; FIELDS.len()];
    for (i, item) in list.iter().enumerate() {
        let row = i + 1;
        let mut bad: Option<String> = None;
        if !item.is_object() || item.is_function() || Array::is_array(&item) {
            bad = Some("a figure must be an object".into());
        } else {
            let mut present = 0u32;
            for (k, key) in keys.iter().enumerate() {
                let v = Reflect::get(&item, key).unwrap_or_default();
                if !v.is_undefined() {
                    present += 1;
                }
                texts[k] = match field_text(&v) {
                    Ok(t) => t,
                    Err(()) => {
                        bad.get_or_insert(format!("field {:?} must be a string, number or boolean", FIELDS[k]));
                        None
                    }
                };
            }
            if Object::keys(item.unchecked_ref::<Object>()).length() > present {
                let unknown = Object::keys(item.unchecked_ref::<Object>())
                    .iter()
                    .filter_map(|k| k.as_string())
                    .find(|k| !FIELDS.contains(&k.as_str()));
                if let Some(k) = unknown {
                    bad = Some(format!("unknown field {k:?} (known: {})", FIELDS.join(", ")));
                }
            }
        }
        let fields: [Option<&str>; 11] = std::array::from_fn(|k| texts.get(k).and_then(|t| t.as_deref()));
        let result = match bad {
            None => b.push_texts(row, &fields),
            Some(message) => {
                let cell = |name: &str| {
                    let k = FIELDS.iter().position(|f| *f == name).unwrap_or(0);
                    fields[k].map(str::trim).filter(|s| !s.is_empty())
                };
                let unit = b.unit(cell("unit"));
                let indicator = cell("indicator").and_then(|i| b.indicator(i));
                b.refuse(row, unit, indicator, Error::FiguresSyntax { row, message })
            }
        };
        result.map_err(to_js_error)?;
        texts.iter_mut().for_each(|t| *t = None);
    }
    Ok(b.finish_lenient())
}

/// One field of a figure object as the text the core reads: strings as given, numbers as their shortest decimal
/// (the core's `decimal_from_f64`; NaN, infinities and numbers beyond 28 digits as `String(x)`, which the core
/// refuses), bigints by their digits, booleans as `true`/`false`; `null`/`undefined` absent. `Err` for anything
/// else.
fn field_text(v: &JsValue) -> Result<Option<String>, ()> {
    if v.is_null() || v.is_undefined() {
        Ok(None)
    } else if let Some(s) = v.as_string() {
        Ok(Some(s))
    } else if let Some(x) = v.as_f64() {
        Ok(Some(match chitieu::decimal_from_f64(x) {
            Some(d) => d.to_string(),
            None => js_sys::Number::from(x).to_string_with_radix(10).map(String::from).unwrap_or_default(),
        }))
    } else if let Some(b) = v.as_bool() {
        Ok(Some(b.to_string()))
    } else if v.is_bigint() {
        Ok(Some(String::from(v.clone().unchecked_into::<js_sys::BigInt>().to_string(10).unwrap_or_default())))
    } else {
        Err(())
    }
}

fn opt_str(s: Option<&str>) -> JsValue {
    s.map(JsValue::from_str).unwrap_or(JsValue::NULL)
}

fn set(object: &Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(object, &key.into(), value);
}

/// A bad row or an unjudged target as `{row, unit, target, code, message, details}`.
fn row_error(e: &RowError) -> JsValue {
    let o = Object::new();
    set(&o, "row", &e.row.map(|r| JsValue::from(r as f64)).unwrap_or(JsValue::NULL));
    set(&o, "unit", &opt_str(e.unit.as_deref()));
    set(&o, "target", &opt_str(e.target.as_deref()));
    set(&o, "code", &e.error.code().into());
    set(&o, "message", &e.error.to_string().into());
    set(&o, "details", &to_js(&e.error.details()).unwrap_or_else(|_| Object::new().into()));
    o.into()
}

#[wasm_bindgen(module = "/js/columns.js")]
extern "C" {
    /// Cell `i` is `texts.slice(ends[i - 1], ends[i])`, `null` when empty (see js/columns.js).
    #[wasm_bindgen(js_name = textColumn)]
    fn js_text_column(texts: &str, ends: &[u32]) -> Array;
    /// Cell `i` is `labels[codes[i]]`, `null` for a negative code.
    #[wasm_bindgen(js_name = labelColumn)]
    fn js_label_column(codes: &[i8], labels: &Array) -> Array;
    /// The same with 32-bit codes.
    #[wasm_bindgen(js_name = labelColumn)]
    fn js_label_column_i32(codes: &[i32], labels: &Array) -> Array;
}

/// The core's table as columns (see `BatchResult` in types-full.d.ts; the core's `BatchTable::columns` makes them in
/// one pass): indexes and flags as typed arrays (copied out of the module's memory), statuses, periods and
/// `aim_reached` as small codes turned into labels by JavaScript, decimals as `Float64Array`s or as codes into the
/// distinct texts, which JavaScript cuts once each and shares between the cells (`numbers`).
fn table_to_js(table: &BatchTable, options: &Options, numbers: NumberColumns) -> Object {
    let c = table.columns(numbers);
    let out = Object::new();
    set(&out, "as_of", &options.as_of.to_string().into());
    set(&out, "units", &table.units.iter().map(|u| opt_str(u.as_deref())).collect::<Array>());
    set(&out, "targets", &table.targets.iter().map(|t| JsValue::from_str(t)).collect::<Array>());
    set(&out, "length", &(table.len() as f64).into());
    set(&out, "unit", &js_sys::Uint32Array::from(&c.unit[..]));
    set(&out, "target", &js_sys::Uint32Array::from(&c.target[..]));
    let labels: Array = Status::ALL.iter().map(|s| JsValue::from_str(s.code())).collect();
    set(&out, "status", &js_label_column(&c.status, &labels));
    // one of the two lists is empty; the texts are codes into the distinct texts, each made into a string once
    let texts = if c.text_codes.is_empty() { Array::new() } else { js_text_column(&c.texts.text, &c.texts.ends) };
    for (name, codes) in batch::DECIMAL_COLUMNS.iter().zip(&c.text_codes) {
        set(&out, name, &js_label_column_i32(codes, &texts));
    }
    for (name, column) in batch::DECIMAL_COLUMNS.iter().zip(&c.floats) {
        set(&out, name, &js_sys::Float64Array::from(&column[..]));
    }
    let labels: Array = c.periods.iter().map(|p| JsValue::from_str(&p.to_string())).collect();
    set(&out, "value_period", &js_label_column_i32(&c.value_period, &labels));
    let booleans: Array = [false, true].into_iter().map(JsValue::from_bool).collect();
    set(&out, "aim_reached", &js_label_column(&c.aim_reached, &booleans));
    set(&out, "percent", &js_sys::Uint8Array::from(&c.percent[..]));
    set(&out, "error", &js_sys::Int32Array::from(&c.error[..]));
    set(&out, "errors", &table.errors.iter().map(row_error).collect::<Array>());
    let counts = Array::new();
    for (code, n) in table.count() {
        let c = Object::new();
        set(&c, "status", &code.into());
        set(&c, "count", &(n as f64).into());
        counts.push(&c);
    }
    set(&out, "counts", &counts);
    out
}
