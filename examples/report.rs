//! The main job: evaluate figures against a programme's targets and print a scorecard.
//!
//! ```sh
//! cargo run --release --example report                      # built-in programme, illustrative sample figures
//! cargo run --release --example report -- --format json     # the stable machine interface
//! cargo run --release --example report -- --figures my.csv --as-of 2027 --lang vi
//! cargo run --release --example report -- --list            # the catalogue
//! cargo run --release --example report -- --catalogue mine.json --check-quotes mine.txt   # quotes verbatim?
//! cargo run --release --example report -- --draft programme.txt > draft.json   # review on stderr
//! cargo run --release --example report -- --figures many_units.csv --all-units --format csv --out verdicts.csv
//! cargo run --release --example report -- --figures many_units.csv --all-units --format xlsx --out verdicts.xlsx
//! cargo run --release --example report -- --template 2027 --out mau_so_lieu.xlsx   # the fill-in template (.csv too)
//! cargo run --release --example report -- --figures my.csv --format xlsx --lang vi --out bao_cao.xlsx
//! cargo run --release --features columnar --example report -- --figures national.parquet --all-units \
//!     --format parquet --out verdicts.parquet      # Parquet / Arrow IPC in and out (feature `columnar`)
//! ```
//!
//! With `--all-units` it is the batch command: every target of every unit of a many-unit CSV, JSON (the long
//! format's array of figures) or Parquet/Arrow file or workbook (the `unit` column), read leniently, into the flat verdict table (`chitieu::batch`), with the bad rows listed in
//! `<out>.errors.csv` (on stderr without `--out`; in the workbook's sheet `errors` with `--format xlsx`) and every
//! input row accounted for.

use chitieu::{parse_as_of, report, Catalogue, Figures, Lang, Options};
use std::process::ExitCode;

const SAMPLE: &str = include_str!("data/sample_figures.csv");

const HELP: &str = "\
report: evaluate figures against plan targets and print a scorecard

USAGE: cargo run --release --example report -- [OPTIONS]

OPTIONS:
  --figures FILE     figures in CSV (separated by ',', ';' or a tab), JSON, or an Excel workbook (.xlsx), in the
                     long format (one figure a row) or the wide one (a row an indicator, a column a period;
                     docs/office-in.md); default: the bundled ILLUSTRATIVE sample (not official statistics).
                     A Parquet file or an Arrow IPC file or stream (told by its first bytes) in the long format
                     is read too when built with the feature columnar
  --decimal-comma    numbers in a ';'- or tab-separated file (or in text cells of a workbook) are written with a
                     decimal comma (85,5), as Excel saves CSV in a Vietnamese locale
  --as-of WHEN       YYYY, YYYY-Qn or YYYY-MM-DD; default: end of the latest year with a figure
  --format FORMAT    text (default), markdown, json, csv or xlsx (a workbook: needs --out FILE); with
                     --all-units also parquet or arrow (an Arrow IPC file; both need --out FILE and the
                     feature columnar)
  --lang LANG        en (default) or vi, for text and markdown
  --catalogue FILE   another programme's catalogue (JSON); default: the built-in 09-CTr/ĐU
  --unit CODE        reporting unit to evaluate when the figures hold several
  --methods          add what the international progress methods (Open SDG, Eurostat, UNSD) would say
  --all-units        the batch command: judge every unit of a many-unit CSV or JSON file (field `unit`) into one flat
                     table, one row a unit and target (--format csv, json or xlsx); bad rows do not stop the
                     others, they are listed with their row, unit and code in OUT.errors.csv (on stderr without
                     --out; with xlsx, in the workbook's sheet \"errors\")
  --out FILE         with --all-units: write the table to FILE (default: stdout); with --format xlsx or
                     --template: the file to write
  --template WHEN    the fill-in template of the figures the targets need as of WHEN (YYYY, YYYY-Qn or
                     YYYY-MM-DD): an .xlsx workbook or a CSV file by --out's extension (CSV on stdout without --out)
  --threads N        with --all-units: threads to read and judge on (default: every core)
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
    all_units: bool,
    out: Option<String>,
    threads: usize,
    template: Option<String>,
    read: chitieu::ReadOptions,
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
        all_units: false,
        out: None,
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        template: None,
        read: chitieu::ReadOptions::default(),
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
            "--all-units" => a.all_units = true,
            "--decimal-comma" => a.read = a.read.decimal_comma(true),
            "--out" => a.out = Some(value("--out")?),
            "--template" => a.template = Some(value("--template")?),
            "--threads" => {
                let v = value("--threads")?;
                a.threads = v.parse().ok().filter(|n| *n >= 1).ok_or(format!("--threads {v:?} is not a count"))?;
            }
            "-h" | "--help" => {
                print!("{HELP}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let columnar = ["parquet", "arrow"].contains(&a.format.as_str());
    if !["text", "markdown", "json", "csv", "xlsx"].contains(&a.format.as_str()) && !columnar {
        return Err(format!("--format must be text, markdown, json, csv, xlsx, parquet or arrow, not {:?}", a.format));
    }
    if columnar && !a.all_units {
        return Err(format!("--format {} writes the batch table: it goes with --all-units", a.format));
    }
    if columnar && a.out.is_none() {
        return Err(format!("--format {} writes a binary file, not text: give the file with --out FILE", a.format));
    }
    if columnar && !cfg!(feature = "columnar") {
        return Err(format!("--format {}: {NOT_BUILT}", a.format));
    }
    if a.format == "xlsx" && a.out.is_none() && !a.all_units {
        return Err("--format xlsx writes a workbook, not text: give the file with --out FILE.xlsx".into());
    }
    if a.all_units && !["json", "csv", "xlsx"].contains(&a.format.as_str()) && !columnar {
        return Err(format!(
            "--all-units writes a table: --format csv, json, xlsx, parquet or arrow, not {:?}",
            a.format
        ));
    }
    if a.all_units && a.format == "xlsx" && a.out.is_none() {
        return Err("--all-units --format xlsx writes a workbook, not text: give the file with --out FILE.xlsx".into());
    }
    if a.out.is_some() && !a.all_units && a.template.is_none() && a.format != "xlsx" {
        return Err("--out is for --all-units, --template and --format xlsx (the scorecard goes to stdout)".into());
    }
    Ok(a)
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
}

/// What to say when a columnar file is given to a build without the feature.
const NOT_BUILT: &str = "Parquet and Arrow files are read and written with the feature columnar, which this build \
                         lacks: cargo run --release --features columnar --example report -- ...";

/// Whether a file's first bytes are those of a Parquet file or an Arrow IPC file or stream.
fn is_columnar(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PAR1") || bytes.starts_with(b"ARROW1") || bytes.starts_with(&[0xFF; 4])
}

/// Figures from a columnar file: leniently (the batch command) or strictly (the scorecard).
#[cfg(feature = "columnar")]
fn read_columnar(catalogue: &Catalogue, bytes: &[u8]) -> chitieu::Result<(Figures, Vec<chitieu::RowError>)> {
    chitieu::columnar::read_figures(catalogue, bytes)
}

#[cfg(not(feature = "columnar"))]
fn read_columnar(_catalogue: &Catalogue, _bytes: &[u8]) -> chitieu::Result<(Figures, Vec<chitieu::RowError>)> {
    Err(chitieu::Error::FiguresSyntax { row: 0, message: NOT_BUILT.into() })
}

/// Whether a figures file is an Excel workbook (by its extension).
fn is_xlsx(path: &str) -> bool {
    std::path::Path::new(path).extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// Say on stderr which sheets of a workbook were read and which were skipped (none is left out silently).
fn say_sheets(path: &str, sheets: &[chitieu::xlsx::SheetRead]) {
    for s in sheets {
        let how = match s.layout {
            chitieu::grid::Layout::Long => format!("read (long format), {} figures", s.figures),
            chitieu::grid::Layout::Wide => format!("read (wide layout), {} figures", s.figures),
            chitieu::grid::Layout::Skipped => "skipped (no header row with an indicator column)".to_string(),
        };
        eprintln!("{path}: sheet {:?} {how}", s.name);
    }
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
    if args.all_units {
        return all_units(&catalogue, &args);
    }
    if let Some(when) = &args.template {
        let as_of =
            parse_as_of(when).ok_or_else(|| format!("--template {when:?} is not YYYY, YYYY-Qn or YYYY-MM-DD"))?;
        return match args.out.as_deref() {
            Some(p) if p.to_lowercase().ends_with(".xlsx") => {
                let bytes =
                    chitieu::office::template_xlsx(&catalogue, as_of).map_err(|e| format!("{e} [{}]", e.code()))?;
                std::fs::write(p, bytes).map_err(|e| format!("cannot write {p}: {e}"))
            }
            Some(p) if p.to_lowercase().ends_with(".csv") => {
                std::fs::write(p, chitieu::template::template_csv(&catalogue, as_of))
                    .map_err(|e| format!("cannot write {p}: {e}"))
            }
            Some(p) => Err(format!("--out {p:?}: the template is written as .xlsx or .csv (by the extension)")),
            None => {
                print!("{}", chitieu::template::template_csv(&catalogue, as_of));
                Ok(())
            }
        };
    }
    const SAMPLE_LABEL: &str = "bundled sample figures (ILLUSTRATIVE, not official statistics)";
    let label = args.figures.clone().unwrap_or_else(|| SAMPLE_LABEL.to_string());
    let figures = match &args.figures {
        Some(p) if is_xlsx(p) => {
            let bytes = std::fs::read(p).map_err(|e| format!("cannot read {p}: {e}"))?;
            chitieu::xlsx::read_xlsx(&catalogue, &bytes, &args.read).map(|read| {
                say_sheets(p, &read.sheets);
                read.figures
            })
        }
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|e| format!("cannot read {p}: {e}"))?;
            if is_columnar(&bytes) {
                // strict, as the text readers: the first bad row in row order is the error
                read_columnar(&catalogue, &bytes).and_then(|(figures, errors)| match errors.into_iter().next() {
                    Some(e) => Err(e.error),
                    None => Ok(figures),
                })
            } else {
                let text = String::from_utf8(bytes).map_err(|e| format!("cannot read {p}: {e}"))?;
                Figures::from_text_with(&catalogue, &text, &args.read)
            }
        }
        None => Figures::from_text_with(&catalogue, SAMPLE, &args.read),
    }
    .map_err(|e| format!("{label}: {e} [{}]", e.code()))?;
    let as_of = match &args.as_of {
        Some(s) => parse_as_of(s).ok_or_else(|| format!("--as-of {s:?} is not YYYY, YYYY-Qn or YYYY-MM-DD"))?,
        None => chitieu::Date::end_of_year(figures.latest_year().unwrap_or(catalogue.programme.base_year)),
    };
    let mut options = Options::new(as_of);
    options.unit = args.unit.clone();
    let card = report::scorecard(&catalogue, &figures, &options).map_err(|e| format!("{e} [{}]", e.code()))?;
    match args.format.as_str() {
        "xlsx" => {
            let p = args.out.as_deref().unwrap_or("report.xlsx");
            let bytes = chitieu::office::report_xlsx(&catalogue, &card, &figures, args.lang)
                .map_err(|e| format!("{e} [{}]", e.code()))?;
            std::fs::write(p, bytes).map_err(|e| format!("cannot write {p}: {e}"))?;
        }
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

/// What the progress line shows: the phase, how far it is when known, and whether the run is over.
type Shown = (String, Option<f64>, bool);

/// A progress line on stderr, drawn only when stderr is a terminal and the run has taken more than a second
/// (`\r` updates, no dependency): the phase, a bar when the phase knows how far it is, the time so far.
struct Progress {
    state: std::sync::Arc<(std::sync::Mutex<Shown>, std::sync::Condvar)>,
    drawer: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    fn start() -> Progress {
        use std::io::IsTerminal;
        let shown: Shown = (String::new(), None, false);
        let state = std::sync::Arc::new((std::sync::Mutex::new(shown), std::sync::Condvar::new()));
        let drawer = std::io::stderr().is_terminal().then(|| {
            let state = state.clone();
            std::thread::spawn(move || {
                let t = std::time::Instant::now();
                let mut drawn = false;
                let (lock, wake) = &*state;
                let Ok(mut s) = lock.lock() else { return };
                loop {
                    let Ok((next, _)) = wake.wait_timeout(s, std::time::Duration::from_millis(100)) else { return };
                    s = next;
                    let (phase, fraction, done) = (&s.0, s.1, s.2);
                    if done {
                        break;
                    }
                    let secs = t.elapsed().as_secs_f64();
                    if secs < 1.0 {
                        continue;
                    }
                    let bar = match fraction {
                        Some(f) => {
                            let full = (f.clamp(0.0, 1.0) * 30.0) as usize;
                            format!(" [{}{}] {:3.0}%", "#".repeat(full), "-".repeat(30 - full), f * 100.0)
                        }
                        None => String::new(),
                    };
                    eprint!("\r\x1b[K{phase}{bar} {secs:.1} s");
                    drawn = true;
                }
                if drawn {
                    eprint!("\r\x1b[K");
                }
            })
        });
        Progress { state, drawer }
    }

    fn set(&self, phase: &str, fraction: Option<f64>) {
        if let Ok(mut s) = self.state.0.lock() {
            s.0.clear();
            s.0.push_str(phase);
            s.1 = fraction;
        }
    }

    fn fraction(&self, fraction: f64) {
        if let Ok(mut s) = self.state.0.lock() {
            s.1 = Some(fraction);
        }
    }

    fn finish(mut self) {
        if let Ok(mut s) = self.state.0.lock() {
            s.2 = true;
        }
        self.state.1.notify_all();
        if let Some(d) = self.drawer.take() {
            let _ = d.join();
        }
    }
}

/// The batch command: every unit of a many-unit CSV file into the flat verdict table (see the module docs).
fn all_units(catalogue: &Catalogue, args: &Args) -> Result<(), String> {
    use chitieu::batch;
    use std::io::Write;
    let started = std::time::Instant::now();
    let progress = Progress::start();
    let path =
        args.figures.as_deref().ok_or("--all-units needs --figures FILE (a CSV or JSON file with a unit field)")?;
    progress.set(&format!("reading {path}"), None);
    let (figures, read_errors) = if is_xlsx(path) {
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
        let (read, errors) = chitieu::xlsx::read_xlsx_lenient(catalogue, &bytes, &args.read)
            .map_err(|e| format!("{path}: {e} [{}]", e.code()))?;
        say_sheets(path, &read.sheets);
        (read.figures, errors)
    } else {
        // read a stretch at a time (batch::read_csv_reader): the text is never held whole; a columnar file (told by
        // its first bytes) is read whole
        use std::io::BufRead;
        let cannot = |e: std::io::Error| format!("cannot read {path}: {e}");
        let file = std::fs::File::open(path).map_err(cannot)?;
        let size = file.metadata().map(|m| m.len()).ok();
        let mut source = std::io::BufReader::with_capacity(1 << 16, file);
        let start = source.fill_buf().map_err(cannot)?;
        if is_columnar(start) {
            let bytes = std::fs::read(path).map_err(cannot)?;
            read_columnar(catalogue, &bytes).map_err(|e| format!("{path}: {e} [{}]", e.code()))?
        } else {
            if matches!(start.iter().find(|c| !c.is_ascii_whitespace()), Some(b'[') | Some(b'{')) {
                // the JSON long format: read whole, a figure at a time (no tree of the text is built)
                args.read.check_json().map_err(|e| format!("{path}: {e} [{}]", e.code()))?;
                let text = std::fs::read_to_string(path).map_err(cannot)?;
                batch::read_json(catalogue, &text).map_err(|e| format!("{path}: {e} [{}]", e.code()))?
            } else {
                batch::read_csv_reader(catalogue, source, args.threads, &args.read, size)
                    .map_err(cannot)?
                    .map_err(|e| format!("{path}: {e} [{}]", e.code()))?
            }
        }
    };
    let account = batch::account_rows(&figures, &read_errors);
    if !account.all_accounted() {
        return Err(format!(
            "{path}: {} rows read but {} accounted for ({account:?})",
            account.read.unwrap_or(0),
            account.rows
        ));
    }
    let as_of = match &args.as_of {
        Some(s) => parse_as_of(s).ok_or_else(|| format!("--as-of {s:?} is not YYYY, YYYY-Qn or YYYY-MM-DD"))?,
        None => chitieu::Date::end_of_year(figures.latest_year().unwrap_or(catalogue.programme.base_year)),
    };
    let units = figures.units().len();
    progress.set(&format!("judging {units} units"), None);
    let mut options = Options::new(as_of);
    options.explain = false;
    let table = batch::evaluate_threads(catalogue, &figures, read_errors, &options, args.threads)
        .map_err(|e| format!("{e} [{}]", e.code()))?;
    drop(figures);
    progress.set(&format!("writing {} rows", table.len()), Some(0.0));
    if args.format == "xlsx" {
        // the verdicts and the errors in one workbook (checked above: --out is given)
        let p = args.out.as_deref().unwrap_or("verdicts.xlsx");
        let bytes = chitieu::office::batch_xlsx(&table).map_err(|e| format!("{e} [{}]", e.code()))?;
        std::fs::write(p, bytes).map_err(|e| format!("cannot write {p}: {e}"))?;
        progress.finish();
        return summary(catalogue, &table, units, as_of, started, &account, &format!("the sheet \"errors\" of {p}"));
    }
    if ["parquet", "arrow"].contains(&args.format.as_str()) {
        write_columnar(&table, &args.format, args.out.as_deref().unwrap_or_default())?;
    } else {
        let file = |p: &str| std::fs::File::create(p).map_err(|e| format!("cannot write {p}: {e}"));
        let mut out: Box<dyn Write> = match &args.out {
            Some(p) => Box::new(std::io::BufWriter::new(file(p)?)),
            None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
        };
        let fail = |e: std::io::Error| format!("cannot write the table: {e}");
        let json = args.format == "json";
        let mut buf = String::with_capacity(1 << 17);
        buf.push_str(if json { "{\"format\": \"chitieu.batch/1\", \"rows\": [\n" } else { batch::CSV_HEADER });
        if !json {
            buf.push('\n');
        }
        let n = table.len();
        for (i, r) in table.iter().enumerate() {
            if json {
                if i > 0 {
                    buf.push_str(",\n");
                }
                table.push_json_row(&r, &mut buf);
            } else {
                table.push_csv_row(&r, &mut buf);
            }
            if buf.len() >= 1 << 16 {
                out.write_all(buf.as_bytes()).map_err(fail)?;
                buf.clear();
                progress.fraction(i as f64 / n as f64);
            }
        }
        if json {
            // the errors, as in BatchTable::to_json
            buf.push_str("\n], \"errors\": ");
            buf.push_str(&table.errors_json());
            buf.push_str("}\n");
        }
        out.write_all(buf.as_bytes()).and_then(|()| out.flush()).map_err(fail)?;
        drop(out);
    }
    let errors_to = match &args.out {
        Some(p) => {
            let e = format!("{p}.errors.csv");
            std::fs::write(&e, table.errors_csv()).map_err(|err| format!("cannot write {e}: {err}"))?;
            e
        }
        None => {
            eprint!("{}", table.errors_csv());
            "stderr".to_string()
        }
    };
    progress.finish();
    summary(catalogue, &table, units, as_of, started, &account, &errors_to)
}

/// The batch command's last two lines on stderr: the verdicts counted, and every row accounted for.
fn summary(
    catalogue: &Catalogue,
    table: &chitieu::batch::BatchTable,
    units: usize,
    as_of: chitieu::Date,
    started: std::time::Instant,
    account: &chitieu::batch::RowAccount,
    errors_to: &str,
) -> Result<(), String> {
    let counts: Vec<String> =
        table.count().into_iter().filter(|(_, k)| *k > 0).map(|(s, k)| format!("{k} {s}")).collect();
    eprintln!(
        "{units} units, {} targets as of {as_of}: {} rows ({}) in {:.2} s",
        catalogue.targets.len(),
        table.len(),
        counts.join(", "),
        started.elapsed().as_secs_f64()
    );
    eprintln!(
        "{} rows read, every one accounted for: {} figures judged, {} rows listed as errors in {errors_to} \
         ({} of them duplicate figures, both); {} errors in all",
        account.rows,
        account.figures,
        account.bad_rows,
        account.both,
        table.errors.len()
    );
    Ok(())
}

/// The batch table as a Parquet or Arrow IPC file at `path`.
#[cfg(feature = "columnar")]
fn write_columnar(table: &chitieu::batch::BatchTable, format: &str, path: &str) -> Result<(), String> {
    let bytes = match format {
        "parquet" => chitieu::columnar::batch_to_parquet(table),
        _ => chitieu::columnar::batch_to_ipc(table),
    }
    .map_err(|e| format!("{e} [{}]", e.code()))?;
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {path}: {e}"))
}

#[cfg(not(feature = "columnar"))]
fn write_columnar(_table: &chitieu::batch::BatchTable, format: &str, _path: &str) -> Result<(), String> {
    Err(format!("--format {format}: {NOT_BUILT}"))
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
