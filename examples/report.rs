//! The main job: evaluate figures against a programme's targets and print a scorecard.
//!
//! ```sh
//! cargo run --release --example report                      # built-in programme, illustrative sample figures
//! cargo run --release --example report -- --format json     # the stable machine interface
//! cargo run --release --example report -- --figures my.csv --as-of 2027 --lang vi
//! cargo run --release --example report -- --list            # the catalogue
//! cargo run --release --example report -- --catalogue mine.json --check-quotes mine.txt   # quotes verbatim?
//! cargo run --release --example report -- --draft programme.txt > draft.json   # review on stderr
//! ```

use chitieu::{parse_as_of, report, Catalogue, Figures, Lang, Options};
use std::process::ExitCode;

const SAMPLE: &str = include_str!("data/sample_figures.csv");

const HELP: &str = "\
report: evaluate figures against plan targets and print a scorecard

USAGE: cargo run --release --example report -- [OPTIONS]

OPTIONS:
  --figures FILE     figures in CSV or JSON (long format, one figure a row);
                     default: the bundled ILLUSTRATIVE sample (not official statistics)
  --as-of WHEN       YYYY, YYYY-Qn or YYYY-MM-DD; default: end of the latest year with a figure
  --format FORMAT    text (default), markdown, json or csv
  --lang LANG        en (default) or vi, for text and markdown
  --catalogue FILE   another programme's catalogue (JSON); default: the built-in 09-CTr/ĐU
  --unit CODE        reporting unit to evaluate when the figures hold several
  --methods          add what the international progress methods (Open SDG, Eurostat, UNSD) would say
  --list             print the catalogue's targets instead of evaluating
  --check-quotes DOC check that every quote of the catalogue is in the programme's text DOC (whitespace
                     collapsed), list those that are not, and exit with 1 if any
  --draft FILE       draft a catalogue from a programme's text (as extracted from a PDF or copied from
                     Word, or a .docx): the catalogue's JSON on stdout, the review list on stderr; with --format
                     markdown, both as one document on stdout
  -h, --help         this help
";

struct Args {
    figures: Option<String>,
    as_of: Option<String>,
    format: String,
    lang: Lang,
    catalogue: Option<String>,
    unit: Option<String>,
    list: bool,
    methods: bool,
    check_quotes: Option<String>,
    draft: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        figures: None,
        as_of: None,
        format: "text".into(),
        lang: Lang::En,
        catalogue: None,
        unit: None,
        list: false,
        methods: false,
        check_quotes: None,
        draft: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--figures" => a.figures = Some(value("--figures")?),
            "--as-of" => a.as_of = Some(value("--as-of")?),
            "--format" => a.format = value("--format")?,
            "--lang" => {
                a.lang = match value("--lang")?.as_str() {
                    "en" => Lang::En,
                    "vi" => Lang::Vi,
                    other => return Err(format!("--lang must be en or vi, not {other:?}")),
                }
            }
            "--catalogue" => a.catalogue = Some(value("--catalogue")?),
            "--unit" => a.unit = Some(value("--unit")?),
            "--list" => a.list = true,
            "--methods" => a.methods = true,
            "--check-quotes" => a.check_quotes = Some(value("--check-quotes")?),
            "--draft" => a.draft = Some(value("--draft")?),
            "-h" | "--help" => {
                print!("{HELP}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if !["text", "markdown", "json", "csv"].contains(&a.format.as_str()) {
        return Err(format!("--format must be text, markdown, json or csv, not {:?}", a.format));
    }
    Ok(a)
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
}

fn list(catalogue: &Catalogue, format: &str, lang: Lang) -> String {
    match format {
        "json" => catalogue.to_json(),
        _ => {
            let mut out = String::new();
            let md = format == "markdown";
            if md {
                out.push_str("| id | section | rule | quote |\n|---|---|---|---|\n");
            }
            for t in &catalogue.targets {
                let ind = catalogue.indicator(&t.indicator).expect("validated catalogue");
                let (rv, re) = chitieu::text::reference(t, ind, rust_decimal_zero());
                let rule = if lang == Lang::Vi { rv } else { re };
                let quote = &t.sources[0].quote;
                if md {
                    out.push_str(&format!(
                        "| `{}` | {} | {} | {} |\n",
                        t.id,
                        t.section(),
                        rule,
                        quote.replace('|', "\\|")
                    ));
                } else if format == "csv" {
                    out.push_str(&format!(
                        "{},{},\"{}\",\"{}\"\n",
                        t.id,
                        t.section(),
                        rule.replace('"', "\"\""),
                        quote.replace('"', "\"\"")
                    ));
                } else {
                    out.push_str(&format!("{:<34} {:<12} {}\n{:47}“{}”\n", t.id, t.section(), rule, "", quote));
                }
            }
            out
        }
    }
}

fn rust_decimal_zero() -> chitieu::Decimal {
    chitieu::Decimal::ZERO
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    if let Some(path) = &args.draft {
        // A Word document is read for its text (paragraphs and table cells, one a line); anything else as text.
        let text = if path.to_lowercase().ends_with(".docx") {
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            chitieu::docx::docx_text(&bytes).map_err(|e| format!("{path}: {e} [{}]", e.code()))?
        } else {
            read(path)?
        };
        let draft = chitieu::draft::draft(&text).map_err(|e| format!("{path}: {e} [{}]", e.code()))?;
        if args.format == "markdown" {
            print!("{}", draft.to_markdown());
        } else {
            println!("{}", draft.catalogue_json());
            eprint!("{}", draft.review_text());
        }
        return Ok(());
    }
    let catalogue = match &args.catalogue {
        Some(p) => Catalogue::from_json(&read(p)?).map_err(|e| format!("{} [{}]", e, e.code()))?,
        None => Catalogue::builtin(),
    };
    if args.list {
        print!("{}", list(&catalogue, &args.format, args.lang));
        return Ok(());
    }
    if let Some(doc) = &args.check_quotes {
        let missing = catalogue.missing_quotes(&read(doc)?);
        for m in &missing {
            println!("{} ({}): not in {doc}: “{}”", m.id, m.section, m.quote);
        }
        let quotes = catalogue.targets.iter().map(|t| t.sources.len()).sum::<usize>()
            + catalogue.discrepancies.iter().map(|d| d.quotes.len()).sum::<usize>();
        if missing.is_empty() {
            println!(
                "every quote of {} targets and {} discrepancies ({quotes} quotes) is in {doc}",
                catalogue.targets.len(),
                catalogue.discrepancies.len()
            );
            return Ok(());
        }
        return Err(format!("{} quote(s) not found verbatim in {doc}", missing.len()));
    }
    let (text, label) = match &args.figures {
        Some(p) => (read(p)?, p.clone()),
        None => (SAMPLE.to_string(), "bundled sample figures (ILLUSTRATIVE, not official statistics)".to_string()),
    };
    let figures = Figures::from_text(&catalogue, &text).map_err(|e| format!("{label}: {e} [{}]", e.code()))?;
    let as_of = match &args.as_of {
        Some(s) => parse_as_of(s).ok_or_else(|| format!("--as-of {s:?} is not YYYY, YYYY-Qn or YYYY-MM-DD"))?,
        None => chitieu::Date::end_of_year(figures.latest_year().unwrap_or(catalogue.programme.base_year)),
    };
    let mut options = Options::new(as_of);
    options.unit = args.unit.clone();
    let card = report::scorecard(&catalogue, &figures, &options).map_err(|e| format!("{e} [{}]", e.code()))?;
    match args.format.as_str() {
        "json" => println!("{}", card.to_json()),
        "csv" => print!("{}", card.to_csv()),
        "markdown" => {
            print!("Figures: {label}\n\n{}", card.to_markdown(args.lang));
            if args.methods {
                print!("\n{}", card.views_table(args.lang, true));
            }
        }
        _ => {
            print!("Figures: {label}\n{}", card.to_text(args.lang));
            if args.methods {
                print!("{}", card.views_table(args.lang, false));
            }
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
