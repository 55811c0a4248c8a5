//! The JSON Schema of the catalogue format, generated from the Rust types (feature `schema`), so that it cannot
//! drift from what the loader reads. `docs/catalogue.schema.json` is this schema; a test compares the two, and
//! `cargo run -p chitieu --features schema --example schema > docs/catalogue.schema.json` regenerates it.
//!
//! Point an editor at it and a catalogue is checked as it is typed: in VS Code, put
//! `"$schema": "https://…/catalogue.schema.json"` (or a relative path) at the top of the catalogue, or map the
//! file in the `json.schemas` setting. The schema knows the shape (fields, kinds, required readings); the loader
//! checks the rest (ids, years within the programme, rules that fit their measure) and names the target and field.

use crate::model::Catalogue;

/// The catalogue format's JSON Schema (draft 2020-12), pretty-printed, ending with a newline.
pub fn catalogue_schema() -> String {
    let mut schema = schemars::schema_for!(Catalogue);
    schema.insert("title".into(), "chitieu catalogue (format 1)".into());
    schema.insert(
        "description".into(),
        "A programme of plan targets as data: indicators, targets with their rule, timing and the document's exact \
         words, discrepancies and projects. Generated from the Rust types of the chitieu crate."
            .into(),
    );
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
