//! Batch evaluation of many units: the same verdicts as one unit at a time, bad rows reported with their unit
//! and row without hiding anything else, and a table that does not depend on input order or threads.
#![cfg(feature = "synthetic")]

use chitieu::batch::{self, BatchTable};
use chitieu::synthetic::{to_csv_string, Synthetic};
use chitieu::{evaluate, parse_as_of, Catalogue, Figures, Options, Status};

fn national(units: usize, seed: u64) -> (Catalogue, String, chitieu::synthetic::Planted) {
    let cat = Catalogue::builtin();
    // one unit in five with bad rows, so that a small file has several
    let (csv, planted) =
        to_csv_string(&cat, &Synthetic { seed, units, bad_unit_per_mille: 200, ..Synthetic::default() });
    (cat, csv, planted)
}

fn table(cat: &Catalogue, csv: &str, as_of: &str) -> BatchTable {
    let (figures, errors) = batch::read_csv(cat, csv).unwrap();
    batch::evaluate(cat, &figures, errors, &Options::new(parse_as_of(as_of).unwrap())).unwrap()
}

/// The rows of one unit, with its bad rows removed (the planted ones), read strictly.
fn unit_csv(csv: &str, unit: &str, skip_rows: &[usize]) -> String {
    let mut lines = csv.lines().enumerate();
    let (_, header) = lines.next().unwrap();
    let mut out = format!("{header}\n");
    for (i, line) in lines {
        if line.starts_with(&format!("{unit},")) && !skip_rows.contains(&(i + 1)) {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn many_units_give_exactly_the_per_unit_verdicts() {
    let (cat, csv, planted) = national(40, 7);
    for as_of in ["2027", "2030"] {
        let t = table(&cat, &csv, as_of);
        assert_eq!(t.units.len(), 40);
        assert_eq!(t.len(), 40 * cat.targets.len());
        let mut compared = 0;
        for (u, code) in t.units.iter().enumerate() {
            let code = code.as_deref().unwrap();
            let bad: Vec<usize> = planted.bad.iter().filter(|b| b.unit == code).map(|b| b.row).collect();
            if !bad.is_empty() {
                continue; // checked in the next test
            }
            let one = Figures::from_csv(&cat, &unit_csv(&csv, code, &[])).unwrap();
            let mut options = Options::new(parse_as_of(as_of).unwrap());
            options.unit = Some(code.to_string());
            let evs = evaluate(&cat, &one, &options).unwrap();
            let rows: Vec<_> = t.iter().filter(|r| r.unit as usize == u).collect();
            assert_eq!(rows.len(), evs.len());
            for (r, ev) in rows.iter().zip(&evs) {
                assert_eq!(t.target(r), ev.target);
                assert_eq!(r.status, Some(ev.status), "{code} {}", ev.target);
                let n = r.outcome.unwrap();
                assert_eq!(
                    (n.value, n.margin, n.achievement_ratio, n.progress_ratio),
                    (ev.value, ev.margin, ev.achievement_ratio, ev.progress_ratio),
                    "{code} {}",
                    ev.target
                );
                assert_eq!(
                    (n.rate_to_date, n.rate_required, n.expected_to_date, n.projected, n.aim_reached, n.value_period),
                    (
                        ev.rate_to_date,
                        ev.rate_required,
                        ev.expected_to_date,
                        ev.projected,
                        ev.aim_reached,
                        ev.value_period
                    ),
                    "{code} {}",
                    ev.target
                );
                compared += 1;
            }
        }
        assert!(compared >= 30 * cat.targets.len(), "most units are clean: {compared}");
    }
}

#[test]
fn bad_rows_are_reported_with_unit_and_row_and_hide_nothing_else() {
    let (cat, csv, planted) = national(40, 7);
    assert!(planted.bad.len() >= 5, "the file has bad rows: {}", planted.bad.len());
    let t = table(&cat, &csv, "2030");
    for bad in &planted.bad {
        let e = t
            .errors
            .iter()
            .position(|e| e.row == Some(bad.row) && e.unit.as_deref() == Some(bad.unit.as_str()))
            .unwrap_or_else(|| panic!("row {} of {} not reported", bad.row, bad.unit));
        assert_eq!(t.errors[e].error.code(), bad.code, "row {}", bad.row);
        // the unit's targets reading that indicator carry the error; its other targets have verdicts
        let u = t.units.iter().position(|c| c.as_deref() == Some(bad.unit.as_str())).unwrap();
        let unit_rows: Vec<_> = t.iter().filter(|r| r.unit as usize == u).collect();
        assert_eq!(unit_rows.len(), cat.targets.len());
        // (a misspelt indicator cannot be tied to the indicator it was meant for: only the row is reported)
        if let Some(ind) = cat.indicators.iter().find(|i| i.id == bad.indicator && bad.code != "unknown_indicator") {
            let reading: Vec<_> =
                unit_rows.iter().filter(|r| cat.targets[r.target as usize].indicator == ind.id).collect();
            assert!(reading.iter().all(|r| r.status.is_none() && r.error.is_some()), "{} {}", bad.unit, ind.id);
        }
        assert!(unit_rows.iter().filter(|r| r.status.is_some()).count() > cat.targets.len() / 2);
    }
    // error rows are the only rows without a status
    assert!(t.iter().all(|r| r.status.is_some() == r.error.is_none()));
    // and clean units have no error at all
    let bad_units: std::collections::BTreeSet<&str> = planted.bad.iter().map(|b| b.unit.as_str()).collect();
    for r in t.iter() {
        if !bad_units.contains(t.unit(&r).unwrap()) {
            assert!(r.status.is_some());
        }
    }
}

#[test]
fn input_order_and_threads_do_not_change_the_table() {
    let (cat, csv, _) = national(30, 11);
    let t = table(&cat, &csv, "2028");
    // reverse the data lines: the same table (units sorted, targets in catalogue order), errors aside (rows move)
    let mut lines: Vec<&str> = csv.lines().collect();
    let header = lines.remove(0);
    lines.reverse();
    let reversed = format!("{header}\n{}\n", lines.join("\n"));
    let r = table(&cat, &reversed, "2028");
    assert_eq!(t.units, r.units);
    let key = |t: &BatchTable| t.iter().map(|r| (r.unit, r.target, r.status, r.outcome)).collect::<Vec<_>>();
    assert_eq!(key(&t), key(&r));
    let (figures, errors) = batch::read_csv(&cat, &csv).unwrap();
    let options = Options::new(parse_as_of("2028").unwrap());
    for threads in [2, 3, 7] {
        let m = batch::evaluate_threads(&cat, &figures, errors.clone(), &options, threads).unwrap();
        assert!(m == t, "{threads} threads");
    }
    // read on several threads (a megabyte a thread at least: 30 units are ~1.2 MB, so 90 for three threads):
    // the same table, bad rows and row numbers
    let (cat, csv, _) = national(90, 12);
    assert!(csv.len() > 3 << 20, "{} bytes", csv.len());
    let (figures, errors) = batch::read_csv(&cat, &csv).unwrap();
    let one = batch::evaluate(&cat, &figures, errors.clone(), &options).unwrap();
    assert!(!errors.is_empty());
    for threads in [2, 3] {
        let (f, e) = batch::read_csv_threads(&cat, &csv, threads).unwrap();
        assert_eq!((f.len(), f.units()), (figures.len(), figures.units()), "{threads} threads");
        assert_eq!(e, errors, "{threads} threads");
        assert!(batch::evaluate(&cat, &f, e, &options).unwrap() == one, "{threads} threads");
    }
    let (figures, errors) = batch::read_csv(&cat, &national(30, 11).1).unwrap();
    // streaming gives the same rows
    let mut streamed = Vec::new();
    let errs = batch::for_each_row(&cat, &figures, errors, &options, |row, _| streamed.push(row.clone())).unwrap();
    assert_eq!(streamed, t.iter().collect::<Vec<_>>());
    assert_eq!(errs, t.errors);
}

#[test]
fn the_exact_boundary_holds_in_a_batch() {
    // "trên 85%" (more than) for online dossiers by 2030: 85 is not enough, 85.0001 is
    let cat = Catalogue::builtin();
    let csv = "unit,indicator,period,value\nA,online_dossiers,2030,85\nB,online_dossiers,2030,85.0001\nC,online_dossiers,2030,85,5\n";
    let t = table(&cat, csv, "2030");
    let status = |unit: &str| {
        t.iter().find(|r| t.unit(r) == Some(unit) && t.target(r) == "online_dossiers_2030").unwrap().status
    };
    assert_eq!(status("A"), Some(Status::NotAchieved));
    assert_eq!(status("B"), Some(Status::Achieved));
    assert_eq!(status("C"), None); // the comma decimal is a bad row
    assert_eq!(t.errors.len(), 1, "{:?}", t.errors);
    assert_eq!((t.errors[0].row, t.errors[0].unit.as_deref()), (Some(4), Some("C")));
    // the CSV output carries the error code and row
    let out = t.to_csv();
    assert!(out.starts_with(batch::CSV_HEADER));
    assert!(
        out.lines().any(|l| l.starts_with("C,online_dossiers_2030,,") && l.ends_with(",figures_syntax,4")),
        "{out}"
    );
    assert!(out.lines().any(|l| l.starts_with("A,online_dossiers_2030,not_achieved,85,")));
    let counts = t.count();
    // every target of C reading online dossiers (the document states them three ways) carries the error
    let reading = cat.targets.iter().filter(|t| t.indicator == "online_dossiers").count();
    assert!(reading >= 2);
    assert_eq!(counts.iter().find(|(c, _)| *c == "error").unwrap().1, reading);
    assert_eq!(counts.iter().map(|(_, n)| n).sum::<usize>(), t.len());
}

#[test]
fn the_exact_boundary_holds_in_a_json_batch() {
    // "trên 85%" (more than): 85.00 is not enough, 85.01 is, as JSON numbers (their digits kept) and as text;
    // "85,5" is a bad row of its unit, row 5 (the first figure is row 1)
    let cat = Catalogue::builtin();
    let json = r#"{"figures": [
        {"unit": "A", "indicator": "online_dossiers", "period": 2030, "value": 85.00},
        {"unit": "B", "indicator": "online_dossiers", "period": 2030, "value": 85.01},
        {"unit": "D", "indicator": "online_dossiers", "period": "2030", "value": "85.00"},
        {"unit": "E", "indicator": "online_dossiers", "period": "2030", "value": "84.99"},
        {"unit": "C", "indicator": "online_dossiers", "period": 2030, "value": "85,5"}]}"#;
    let (figures, errors) = batch::read_json(&cat, json).unwrap();
    let t = batch::evaluate(&cat, &figures, errors, &Options::new(parse_as_of("2030").unwrap())).unwrap();
    let row = |unit: &str| {
        t.iter().find(|r| t.unit(r) == Some(unit) && t.target(r) == "online_dossiers_2030").unwrap().clone()
    };
    assert_eq!(row("A").status, Some(Status::NotAchieved));
    assert_eq!(row("B").status, Some(Status::Achieved));
    assert_eq!(row("D").status, Some(Status::NotAchieved));
    assert_eq!(row("E").status, Some(Status::NotAchieved));
    assert_eq!(row("C").status, None);
    assert_eq!(t.errors.len(), 1, "{:?}", t.errors);
    assert_eq!(
        (t.errors[0].row, t.errors[0].unit.as_deref(), t.errors[0].error.code()),
        (Some(5), Some("C"), "not_a_number")
    );
    // the margin above the line, exactly: 0.01
    assert!(
        t.to_csv().lines().any(|l| l.starts_with("B,online_dossiers_2030,achieved,85.01,2030,0.01,")),
        "{}",
        t.to_csv()
    );
}

#[test]
fn the_decimal_columns_are_those_of_the_csv_header_in_order() {
    let header: Vec<&str> = batch::CSV_HEADER.split(',').collect();
    let positions: Vec<usize> =
        batch::DECIMAL_COLUMNS.iter().map(|c| header.iter().position(|h| h == c).expect("in the header")).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert_eq!(header.len(), 15);
}

#[test]
fn rows_keep_their_unit_and_target_when_the_lists_are_moved_out() {
    // a caller may take `units` and `targets` out of the table (the Python wrapper does) and read rows after
    let (cat, csv, _) = national(3, 5);
    let mut t = table(&cat, &csv, "2028");
    let rows: Vec<_> = t.iter().collect();
    let n = cat.targets.len();
    assert_eq!((rows[n + 1].unit, rows[n + 1].target), (1, 1));
    assert_eq!((rows[3 * n - 1].unit, rows[3 * n - 1].target), (2, n as u32 - 1));
    let (units, targets) = (std::mem::take(&mut t.units), std::mem::take(&mut t.targets));
    assert_eq!(t.iter().collect::<Vec<_>>(), rows);
    assert_eq!((units.len(), targets.len()), (3, n));
}

/// The tables of blocks of whole units, each read and judged on its own, joined with `BatchTable::append`: the
/// table of the whole file, errors and their order included; with the file's lines in order (the blocks' bad rows
/// follow one another) and reversed (they interleave in row order, so the join merges them), blocks of one unit, of
/// a few units and all of them, before and after the deadline.
#[test]
fn tables_of_blocks_of_whole_units_join_into_the_whole_table() {
    let (cat, mut csv, _) = national(24, 5);
    // two more units whose GRDP base is zero: the growth target cannot be judged (an evaluation error each)
    for unit in ["U0003Z", "U0017Z"] {
        csv.push_str(&format!("{unit},grdp,2025,0,,,,,,\n{unit},grdp,2026,10,,,,,,\n"));
    }
    let mut lines: Vec<&str> = csv.lines().collect();
    let header = lines.remove(0);
    let in_order = csv.clone();
    lines.reverse();
    let reversed = format!("{header}\n{}\n", lines.join("\n"));
    let mut merged_some = false;
    for text in [&in_order, &reversed] {
        for as_of in ["2027", "2030"] {
            let whole = table(&cat, text, as_of);
            let read_errors = whole.errors.iter().filter(|e| e.target.is_none()).count();
            assert!(read_errors > 3 && whole.errors.len() >= read_errors + 2, "bad rows and targets not judged");
            let units = whole.units.clone();
            let options = Options::new(parse_as_of(as_of).unwrap());
            for size in [1, 5, units.len()] {
                let mut joined = BatchTable::default();
                let mut last_rows: Vec<usize> = Vec::new();
                let mut parts = Vec::new();
                for block in units.chunks(size) {
                    // the other units' lines left blank, so that every row keeps its number
                    let mut part = format!("{header}\n");
                    for line in text.lines().skip(1) {
                        let unit = line.split(',').next().filter(|u| !u.is_empty()).map(str::to_string);
                        if block.contains(&unit) {
                            part.push_str(line);
                        }
                        part.push('\n');
                    }
                    let t = table(&cat, &part, as_of);
                    assert_eq!(t.units, block, "a block judges its own units");
                    let rows: Vec<usize> = t.errors.iter().filter_map(|e| e.row).collect();
                    merged_some |= rows.first().zip(last_rows.last()).is_some_and(|(a, b)| a < b);
                    last_rows.extend(rows);
                    joined.append(t).unwrap();
                    parts.push(part);
                }
                assert!(joined == whole, "{as_of}, blocks of {size}: the joined table differs");
                // the same blocks read and judged by `evaluate_blocks`, on one thread and in runs on several
                for threads in [1, 2, 3] {
                    let judged = std::sync::Mutex::new(Vec::new());
                    let t = batch::evaluate_blocks(
                        &cat,
                        &options,
                        threads,
                        &parts,
                        |p| batch::read_csv(&cat, p),
                        |k| judged.lock().unwrap().push(k),
                    )
                    .unwrap();
                    assert!(t == whole, "{as_of}, blocks of {size}, {threads} threads: evaluate_blocks differs");
                    let mut judged = judged.into_inner().unwrap();
                    judged.sort_unstable();
                    assert_eq!(judged, (0..parts.len()).collect::<Vec<_>>(), "each block judged once");
                }
            }
        }
    }
    assert!(merged_some, "no block's bad rows came before the previous block's: the merge was not exercised");
}

/// A block that does not follow the table (a unit again, or an earlier one) or was judged against another
/// catalogue is refused with `invalid_setting`, naming the field, and the table is left as it was.
#[test]
fn a_block_out_of_order_or_of_another_catalogue_is_refused() {
    let (cat, csv, _) = national(3, 2);
    let options = Options::new(parse_as_of("2030").unwrap());
    let block = |unit: &str, cat: &Catalogue| {
        let text = unit_csv(&csv, unit, &[]);
        let (figures, errors) = batch::read_csv(cat, &text).unwrap();
        batch::evaluate(cat, &figures, errors, &options).unwrap()
    };
    let mut t = block("U0002", &cat);
    let before = t.clone();
    for unit in ["U0001", "U0002"] {
        let e = t.append(block(unit, &cat)).unwrap_err();
        assert_eq!((e.code(), e.details().field.as_deref()), ("invalid_setting", Some("units")), "{unit}");
        assert!(e.to_string().contains(&format!("{unit:?}")), "{e}");
        assert!(t == before, "{unit}: the table changed");
    }
    let mut other = cat.clone();
    other.targets.pop();
    let e = t.append(block("U0003", &other)).unwrap_err();
    assert_eq!((e.code(), e.details().field.as_deref()), ("invalid_setting", Some("targets")));
    assert!(t == before);
    t.append(block("U0003", &cat)).unwrap();
    assert_eq!(t.units, [Some("U0002".to_string()), Some("U0003".to_string())]);
}

/// `evaluate_blocks` stops at the first error in block order (a block that cannot be read, on whatever thread, or a
/// block out of order) and returns it; with no block it gives the table of no figures.
#[test]
fn evaluate_blocks_returns_the_first_error_in_block_order() {
    let (cat, csv, _) = national(6, 3);
    let options = Options::new(parse_as_of("2030").unwrap());
    let units = ["U0001", "U0002", "U0003", "U0004", "U0005", "U0006"];
    let parts: Vec<String> = units.iter().map(|u| unit_csv(&csv, u, &[])).collect();
    // blocks 2 and 4 cannot be read: block 2's error comes back, on one thread or in runs on several
    let bad = |k: usize| chitieu::Error::InvalidSetting { field: format!("block {k}"), message: "unreadable".into() };
    for threads in [1, 2, 3, 6] {
        let e = batch::evaluate_blocks(
            &cat,
            &options,
            threads,
            &(0..units.len()).collect::<Vec<_>>(),
            |&k| if k == 2 || k == 4 { Err(bad(k)) } else { batch::read_csv(&cat, &parts[k]) },
            |_| {},
        )
        .unwrap_err();
        assert_eq!(e.details().field.as_deref(), Some("block 2"), "{threads} threads");
    }
    // blocks out of order (U0002 after U0003, inside one run and across runs)
    for threads in [1, 2, 3] {
        let swapped = [&parts[0], &parts[2], &parts[1], &parts[3]];
        let e = batch::evaluate_blocks(&cat, &options, threads, &swapped, |p| batch::read_csv(&cat, p), |_| {})
            .unwrap_err();
        assert_eq!((e.code(), e.details().field.as_deref()), ("invalid_setting", Some("units")), "{threads}");
    }
    // no block: the table of no figures
    let none: [&str; 0] = [];
    let t = batch::evaluate_blocks(&cat, &options, 2, &none, |p| batch::read_csv(&cat, p), |_| {}).unwrap();
    let (f, e) = batch::read_csv(&cat, "unit,indicator,period,value\n").unwrap();
    assert!(t == batch::evaluate(&cat, &f, e, &options).unwrap() && t.is_empty() && !t.targets.is_empty());
}
