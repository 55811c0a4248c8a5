//! Print the catalogue reference (Markdown) of the built-in catalogue, or of a catalogue file.
//!
//! ```sh
//! cargo run -p chitieu --example catalogue_doc > docs/catalogue.md     # regenerate the committed reference
//! cargo run -p chitieu --example catalogue_doc -- my_catalogue.json    # another programme's catalogue
//! cargo run -p chitieu --example catalogue_doc -- --wordings           # the wordings table (docs/authoring.md)
//! ```

use chitieu::Catalogue;
use std::process::ExitCode;

fn main() -> ExitCode {
    let catalogue = match std::env::args().nth(1) {
        None => Catalogue::builtin(),
        Some(flag) if flag == "--wordings" => {
            print!("{}", chitieu::reference::wordings_markdown());
            return ExitCode::SUCCESS;
        }
        Some(path) => {
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("error: cannot read {path}: {e}");
                    return ExitCode::from(1);
                }
            };
            match Catalogue::from_json(&text) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("error: {path}: {e} [{}]", e.code());
                    return ExitCode::from(1);
                }
            }
        }
    };
    print!("{}", chitieu::reference::catalogue_markdown(&catalogue));
    ExitCode::SUCCESS
}
