//! The committed JSON Schema (`docs/catalogue.schema.json`) is the one generated from the Rust types, and it
//! describes what the loader reads: every kind of rule and timing, and the readings a catalogue must state.

use serde_json::Value;

fn generated() -> Value {
    serde_json::from_str(&chitieu::schema::catalogue_schema()).expect("the schema is JSON")
}

#[test]
fn the_committed_schema_is_generated_from_the_types() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/catalogue.schema.json");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == chitieu::schema::catalogue_schema(),
        "docs/catalogue.schema.json is out of date; regenerate it from the workspace root with\n\n    \
         cargo run -p chitieu --features schema --example schema > docs/catalogue.schema.json\n"
    );
}

/// Every `kind` a tagged enum of the schema allows, with the properties its variant requires.
fn kinds(schema: &Value, def: &str) -> Vec<(String, Vec<String>)> {
    let variants = schema["$defs"][def]["oneOf"].as_array().unwrap_or_else(|| panic!("{def} has variants"));
    variants
        .iter()
        .map(|v| {
            let kind = v["properties"]["kind"]["const"].as_str().expect("a const kind").to_string();
            let required =
                v["required"].as_array().map(|r| r.iter().map(|x| x.as_str().unwrap().to_string()).collect());
            (kind, required.unwrap_or_default())
        })
        .collect()
}

#[test]
fn the_schema_knows_every_kind_and_requires_the_readings() {
    let schema = generated();
    let rules: Vec<String> = kinds(&schema, "Rule").into_iter().map(|(k, _)| k).collect();
    for k in
        ["at_least", "more_than", "at_most", "less_than", "exactly", "all", "none", "range", "about", "done", "band"]
    {
        assert!(rules.contains(&k.to_string()), "rule {k}");
    }
    let timings = kinds(&schema, "Timing");
    let required = |kind: &str| timings.iter().find(|(k, _)| k == kind).map(|(_, r)| r.clone()).unwrap_or_default();
    assert!(required("change").contains(&"change".to_string()), "{:?}", required("change"));
    assert!(required("average_change").contains(&"reading".to_string()));
    assert!(required("yearly_change").contains(&"reading".to_string()));
    assert!(!required("deadline").contains(&"reading".to_string()));
    // the measures, with rate
    let measures = &schema["$defs"]["Measure"];
    assert!(measures.to_string().contains("\"rate\""), "{measures}");
    // unknown fields are refused, as by the loader
    assert_eq!(schema["$defs"]["Target"]["additionalProperties"], Value::Bool(false));
}
