//! The JSON Schema of the catalogue format, generated from the Rust types:
//!
//! ```sh
//! cargo run -p chitieu --features schema --example schema > docs/catalogue.schema.json
//! ```

fn main() {
    print!("{}", chitieu::schema::catalogue_schema());
}
