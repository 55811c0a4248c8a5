//! The batch command (`report --all-units`, examples/report.rs) accounts for every input row: each is a figure
//! judged in the rows of the targets that read it, or listed as an error with its row, unit and code, or both (a
//! duplicate). Checked on the small many-unit file of tests/batch/ (bad rows planted on purpose) through the
//! functions the command calls, against the records the csv crate finds in the file, on one thread and on several.

use chitieu::batch::{self, BatchTable};
use chitieu::{parse_as_of, Catalogue, Options};
use std::collections::BTreeSet;

const FILE: &str = include_str!("../../tests/batch/many_units.csv");

/// The line each non-blank record of `text` starts on, by the csv crate.
fn record_lines(text: &str) -> BTreeSet<usize> {
    let mut rdr = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(text.as_bytes());
    let (b, mut seen, mut line) = (text.as_bytes(), 0, 1);
    rdr.records()
        .map(|r| r.expect("readable"))
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .map(|r| {
            // the line its first byte is on (the csv crate's position may be at a blank line before it)
            let mut at = r.position().expect("a position").byte() as usize;
            while matches!(b.get(at), Some(b'\n' | b'\r')) {
                at += 1;
            }
            line += b[seen..at].iter().filter(|c| **c == b'\n').count();
            seen = at;
            line
        })
        .collect()
}

/// What the command does: read leniently on `threads`, judge, account for the rows.
fn run(cat: &Catalogue, text: &str, threads: usize) -> (BatchTable, batch::RowAccount, BTreeSet<usize>) {
    let (figures, errors) = batch::read_csv_threads(cat, text, threads).unwrap();
    let account = batch::account_rows(&figures, &errors);
    let figure_rows: BTreeSet<usize> = figures.rows().collect();
    let options = Options::new(parse_as_of("2030").unwrap());
    let table = batch::evaluate_threads(cat, &figures, errors, &options, threads).unwrap();
    (table, account, figure_rows)
}

#[test]
fn every_row_of_the_many_unit_file_is_accounted_for() {
    let cat = Catalogue::builtin();
    let lines = record_lines(FILE);
    assert_eq!(lines.len(), 28);
    for threads in [1, 2] {
        let (table, account, figure_rows) = run(&cat, FILE, threads);
        let error_rows: BTreeSet<usize> = table.errors.iter().filter_map(|e| e.row).collect();
        // every record is a figure or a bad row, and nothing else is
        let accounted: BTreeSet<usize> = figure_rows.union(&error_rows).copied().collect();
        assert_eq!(accounted, lines);
        assert_eq!(account.read, Some(28));
        assert!(account.all_accounted());
        assert_eq!((account.rows, account.figures, account.bad_rows, account.both), (28, 19, 10, 1));
        // the planted bad rows, each with its unit and code
        let listed: Vec<(Option<usize>, Option<&str>, &str)> =
            table.errors.iter().map(|e| (e.row, e.unit.as_deref(), e.error.code())).collect();
        assert_eq!(
            listed,
            [
                (Some(11), Some("TN"), "not_a_number"),
                (Some(16), Some("TN"), "not_whole_count"),
                (Some(17), Some("TN"), "numerator_above_denominator"),
                (Some(19), Some("KA"), "duplicate_figure"),
                (Some(20), Some("KA"), "invalid_period"),
                (Some(21), Some("KA"), "percentage_out_of_range"),
                (Some(22), Some("KA"), "unknown_indicator"),
                (Some(25), Some("KA"), "figures_syntax"),
                (Some(27), Some("PL"), "period_outside_programme"),
                (Some(29), Some("PL"), "negative_count"),
            ]
        );
        // every unit has a row for every target; a target reading a series with a bad row points to its error
        assert_eq!(table.len(), 5 * cat.targets.len());
        let row = |unit: Option<&str>, target: &str| {
            table.iter().find(|r| table.unit(r) == unit && table.target(r) == target).expect("a row")
        };
        let ka_grdp = row(Some("KA"), "grdp_growth");
        assert_eq!((ka_grdp.status, ka_grdp.error.map(|e| table.errors[e as usize].row)), (None, Some(Some(19))));
        assert_eq!(row(Some("HD"), "online_dossiers_2030").status.map(|s| s.code()), Some("not_achieved"));
        assert_eq!(row(Some("TN"), "online_dossiers_2030").status.map(|s| s.code()), Some("achieved"));
        assert!(row(None, "grdp_growth").error.is_none()); // the row without a unit is a unit of its own
                                                           // the files the command writes: a table line a row, an error line an error
        let csv = table.to_csv();
        assert_eq!(csv.lines().count(), 1 + table.len());
        assert_eq!(csv.lines().next(), Some(batch::CSV_HEADER));
        let errors_csv = table.errors_csv();
        assert_eq!(record_lines(&errors_csv).len(), table.errors.len());
        assert!(errors_csv.starts_with(batch::ERRORS_CSV_HEADER));
        let json: serde_json::Value = serde_json::from_str(&table.to_json()).unwrap();
        assert_eq!(json["format"], "chitieu.batch/1");
        assert_eq!(json["rows"].as_array().map(Vec::len), Some(table.len()));
        assert_eq!(json["errors"][3]["row"], 19);
        assert_eq!(json["errors"][3]["code"], "duplicate_figure");
        let ka = json["rows"].as_array().unwrap().iter().find(|r| r["unit"] == "KA" && r["target"] == "grdp_growth");
        assert_eq!(ka.map(|r| (&r["error_code"], &r["error_row"])), Some((&"duplicate_figure".into(), &19.into())));
    }
}

/// Many units of synthetic figures with planted bad rows, read on one thread and on three: every row accounted
/// for, the same table.
#[cfg(feature = "synthetic")]
#[test]
fn every_row_of_synthetic_units_is_accounted_for() {
    use chitieu::synthetic::{to_csv_string, Synthetic};
    let cat = Catalogue::builtin();
    let (csv, planted) = to_csv_string(&cat, &Synthetic { units: 80, bad_unit_per_mille: 200, ..Synthetic::default() });
    assert!(!planted.bad.is_empty());
    let lines = record_lines(&csv);
    let (one, account, figure_rows) = run(&cat, &csv, 1);
    let (three, account3, _) = run(&cat, &csv, 3);
    assert!(one == three);
    assert_eq!(account, account3);
    assert!(account.all_accounted());
    let error_rows: BTreeSet<usize> = one.errors.iter().filter_map(|e| e.row).collect();
    assert_eq!(figure_rows.union(&error_rows).copied().collect::<BTreeSet<_>>(), lines);
    for bad in &planted.bad {
        assert!(error_rows.contains(&bad.row), "planted bad row {} not listed", bad.row);
    }
}

/// The table's CSV is each row's cells as `Display` writes them, quoted as the csv crate quotes them.
#[test]
fn the_csv_table_writes_each_cell_as_display_does() {
    let cat = Catalogue::builtin();
    let (table, _, _) = run(&cat, FILE, 1);
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    w.write_record(batch::CSV_HEADER.split(',')).unwrap();
    let d = |x: Option<chitieu::Decimal>| x.map(|v| v.to_string()).unwrap_or_default();
    for r in table.iter() {
        let n = r.outcome.unwrap_or_default();
        let err = r.error.map(|e| &table.errors[e as usize]);
        w.write_record([
            table.unit(&r).unwrap_or("").to_string(),
            table.target(&r).to_string(),
            r.status.map(|s| s.code().to_string()).unwrap_or_default(),
            d(n.value),
            n.value_period.map(|p| p.to_string()).unwrap_or_default(),
            d(n.margin),
            d(n.achievement_ratio),
            d(n.progress_ratio),
            d(n.rate_to_date),
            d(n.rate_required),
            d(n.expected_to_date),
            d(n.projected),
            n.aim_reached.map(|b| b.to_string()).unwrap_or_default(),
            err.map(|e| e.error.code().to_string()).unwrap_or_default(),
            err.and_then(|e| e.row).map(|r| r.to_string()).unwrap_or_default(),
        ])
        .unwrap();
    }
    let expected = String::from_utf8(w.into_inner().unwrap()).unwrap();
    assert_eq!(table.to_csv(), expected);
    assert!(expected.contains(",duplicate_figure,19\n"));
}

/// The builder can be shared between threads as before (`Send` and `Sync`).
#[test]
fn the_figures_builder_is_send_and_sync() {
    fn both<T: Send + Sync>() {}
    both::<chitieu::FiguresBuilder>();
    both::<chitieu::Figures>();
}
