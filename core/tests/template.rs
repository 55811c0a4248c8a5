//! What each target needs (`chitieu::template::needs`) against the evaluators themselves: for the built-in
//! catalogue and An Lạc's, at several as-of dates, figures filling every need leave no due target without data,
//! and every single needed figure, taken away, changes some evaluation of a target that needs it (under a fill
//! that meets the rules or under one that falls short). And the CSV template: one row per need, the right columns.

use chitieu::template::{needs, template_csv, Field, Need};
use chitieu::{evaluate, parse_as_of, Catalogue, Date, Decimal, Evaluation, Figures, Options, Period, Rule, Status};
use chitieu::{Measure, Timing};
use std::collections::BTreeMap;

fn an_lac() -> Catalogue {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/catalogues/an_lac.json"))
        .expect("An Lạc's catalogue");
    Catalogue::from_json(&text).expect("loads")
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The number a rule is about (in the rule's units), and whether the rule wants more (`Some(true)`), less
/// (`Some(false)`) or closeness (`None`).
fn threshold(rule: &Rule) -> (Decimal, Option<bool>) {
    match rule {
        Rule::AtLeast { value } => (*value, Some(true)),
        Rule::MoreThan { value } => (*value + Decimal::ONE, Some(true)),
        Rule::AtMost { value } => (*value, Some(false)),
        Rule::LessThan { value } => (*value - Decimal::ONE, Some(false)),
        Rule::Exactly { value } | Rule::About { value, .. } => (*value, None),
        Rule::All | Rule::Done => (Decimal::ONE_HUNDRED, Some(true)),
        Rule::None => (Decimal::ZERO, Some(false)),
        Rule::Range { floor, aim, .. } => (*floor, Some(aim > floor)),
        Rule::Band { low, high } => ((*low + *high) / Decimal::TWO, None),
    }
}

/// A fill: every needed cell gets a figure; `short` gives values that fall short of the rule.
struct Fill<'a> {
    cat: &'a Catalogue,
    as_of: Date,
    short: bool,
}

impl Fill<'_> {
    /// The quantity (rule units) for one period of a need, following its first target.
    fn quantity(&self, need: &Need, period: Period) -> Decimal {
        let t = self.cat.targets.iter().find(|t| t.id == need.targets[0]).unwrap();
        let ind = self.cat.indicator(&need.indicator).unwrap();
        let (mut q, dir) = threshold(&t.rule);
        if self.short {
            q = match dir {
                Some(true) => q - (q.abs() / Decimal::TWO).max(Decimal::ONE),
                Some(false) => q + Decimal::ONE + q.abs() / Decimal::TWO,
                None => q + Decimal::TEN + q.abs() / Decimal::TWO,
            };
        }
        let y = period.year();
        let base_share = |b: Decimal| if ind.measure == Measure::Share { Decimal::from(40) } else { b };
        let level = match t.timing {
            Timing::AverageGrowth { from, .. } => grown(base_share(d("100")), q, y - (from - 1)),
            Timing::AverageChange { from, reading, .. } | Timing::YearlyChange { from, reading, .. } => {
                let k = y - (from - 1);
                if reading == Some(chitieu::Reading::Relative) {
                    grown(base_share(d("100")), q, k)
                } else {
                    Decimal::from(50) + q * Decimal::from(k)
                }
            }
            Timing::Change { base, change, .. } => {
                let b = base_share(d("100"));
                if y == base {
                    b
                } else {
                    match change {
                        Some(chitieu::ChangeKind::Relative) => b * (Decimal::ONE + q / Decimal::ONE_HUNDRED),
                        Some(chitieu::ChangeKind::Absolute) => b + q,
                        _ => b * q,
                    }
                }
            }
            Timing::Cumulative { from, to } => {
                // the total spread over the years, at least 1 a year (0 for "none")
                let n = Decimal::from(to - from + 1);
                if q <= Decimal::ZERO {
                    Decimal::ZERO
                } else {
                    (q / n).ceil().max(Decimal::ONE)
                }
            }
            Timing::Coverage { .. } => Decimal::ONE,
            _ => q,
        };
        let mut v = level.round_dp(6);
        if matches!(ind.measure, Measure::Share) {
            v = v.max(Decimal::ZERO).min(Decimal::ONE_HUNDRED);
        }
        if matches!(ind.measure, Measure::Count) {
            v = v.max(Decimal::ZERO).ceil();
        }
        if matches!(ind.measure, Measure::Rate) {
            v = v.max(Decimal::ZERO);
        }
        v
    }

    /// How many entities a need by entity is filled for.
    fn entities(&self, need: &Need) -> usize {
        let t = self.cat.targets.iter().find(|t| t.id == need.targets[0]).unwrap();
        match &t.timing {
            Timing::Coverage { universe, .. } => {
                let (q, _) = threshold(&t.rule);
                let n = if matches!(t.rule, Rule::All) { universe.unwrap_or(d("3")) } else { q.ceil() };
                let n = usize::try_from(n.ceil().mantissa()).unwrap_or(3).clamp(1, 60);
                if self.short {
                    (n / 2).max(1)
                } else {
                    n
                }
            }
            _ => 2,
        }
    }

    /// Long-format CSV rows, one per cell: (key of the cell, the row's text).
    fn cells(&self, all: &[Need]) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for need in all {
            let ind = self.cat.indicator(&need.indicator).unwrap();
            let entities: Vec<Option<String>> = if need.per_entity {
                (1..=self.entities(need)).map(|i| Some(format!("E{i}"))).collect()
            } else {
                vec![None]
            };
            for (i, e) in entities.iter().enumerate() {
                let ent = e.clone().unwrap_or_default();
                if need.field == Field::Completed {
                    let t = self.cat.targets.iter().find(|t| t.id == need.targets[0]).unwrap();
                    let day = t.timing.deadline().min(self.as_of);
                    let row = if self.short {
                        // not done, as of the latest year ended
                        let y = if Date::end_of_year(self.as_of.year) <= self.as_of {
                            self.as_of.year
                        } else {
                            self.as_of.year - 1
                        };
                        format!("{},{y},,,,false,,{ent}", need.indicator)
                    } else {
                        format!("{},,,,,,{day},{ent}", need.indicator)
                    };
                    out.push((format!("{}|completed|{ent}", need.indicator), row));
                    continue;
                }
                // coverage: each entity once, in one of the periods (any one is enough)
                let periods: Vec<Period> =
                    if need.any_period { vec![need.periods[i % need.periods.len()]] } else { need.periods.clone() };
                for p in &periods {
                    let q = self.quantity(need, *p);
                    let (key, row) = match need.field {
                        Field::Value => ("value", format!("{},{p},{q},,,,,{ent}", need.indicator)),
                        Field::Numerator => {
                            let per = ind.per.unwrap();
                            ("ratio", format!("{},{p},,{q},{per},,,{ent}", need.indicator))
                        }
                        // the denominator is entered with its numerator (one figure)
                        Field::Denominator => continue,
                        Field::Done => {
                            let yes = (q > Decimal::ZERO) != self.short;
                            ("done", format!("{},{p},,,,{yes},,{ent}", need.indicator))
                        }
                        Field::Growth | Field::Completed => unreachable!("not asked"),
                    };
                    out.push((format!("{}|{key}|{p}|{ent}", need.indicator), row));
                }
            }
        }
        out
    }
}

/// `b (1 + r/100)^k`.
fn grown(b: Decimal, r: Decimal, k: i32) -> Decimal {
    let f = Decimal::ONE + r / Decimal::ONE_HUNDRED;
    (0..k.max(0)).fold(b, |acc, _| (acc * f).round_dp(10))
}

fn evaluate_cells(cat: &Catalogue, cells: &[(String, String)], as_of: Date) -> Vec<Evaluation> {
    let mut csv = String::from("indicator,period,value,numerator,denominator,done,completed,entity\n");
    for (_, row) in cells {
        csv.push_str(row);
        csv.push('\n');
    }
    let figures = Figures::from_csv(cat, &csv).unwrap_or_else(|e| panic!("{e}\n{csv}"));
    evaluate(cat, &figures, &Options::new(as_of)).unwrap()
}

/// What taking a figure away may change: the verdict and the numbers behind it (not the rows, which renumber).
fn shown(e: &Evaluation) -> String {
    format!(
        "{:?} {:?} {:?} {:?} {:?} {:?} {:?}",
        e.status, e.value, e.value_period, e.progress_ratio, e.margin, e.expected_to_date, e.periods
    )
}

fn check(cat: &Catalogue, as_of: &str) -> usize {
    let as_of = parse_as_of(as_of).unwrap();
    let all = needs(cat, as_of);
    assert!(!all.is_empty());
    let meet = Fill { cat, as_of, short: false };
    let short = Fill { cat, as_of, short: true };
    let (meet_cells, short_cells) = (meet.cells(&all), short.cells(&all));
    let (meet_ev, short_ev) = (evaluate_cells(cat, &meet_cells, as_of), evaluate_cells(cat, &short_cells, as_of));
    // every need filled: no due target lacks data (under either fill)
    for ev in meet_ev.iter().chain(&short_ev) {
        assert_ne!(ev.status, Status::NoData, "{} lacks data as of {as_of}: {}", ev.target, ev.explanation_en);
    }
    // and every target due is served by some need (the others are not due)
    let served: Vec<&String> = all.iter().flat_map(|n| &n.targets).collect();
    for ev in &meet_ev {
        if !served.contains(&&ev.target) {
            assert_eq!(ev.status, Status::NotDue, "{} needs nothing but is due", ev.target);
        }
    }
    // every needed figure is used: taken away, some evaluation of a target that needs it changes
    let by_target =
        |evs: &[Evaluation]| -> BTreeMap<String, String> { evs.iter().map(|e| (e.target.clone(), shown(e))).collect() };
    let (meet_base, short_base) = (by_target(&meet_ev), by_target(&short_ev));
    let mut checked = 0;
    for (i, (key, _)) in meet_cells.iter().enumerate() {
        let need = all.iter().find(|n| key.starts_with(&format!("{}|", n.indicator))).unwrap();
        let targets: Vec<&String> =
            all.iter().filter(|n| n.indicator == need.indicator).flat_map(|n| &n.targets).collect();
        let changed = |cells: &[(String, String)], base: &BTreeMap<String, String>| {
            let Some(j) = cells.iter().position(|(k, _)| k == key) else { return false };
            let mut fewer = cells.to_vec();
            fewer.remove(j);
            let after = by_target(&evaluate_cells(cat, &fewer, as_of));
            targets.iter().any(|t| after[*t] != base[*t])
        };
        assert!(
            changed(&meet_cells, &meet_base) || changed(&short_cells, &short_base),
            "the figure {key} (cell {i}) is listed as needed as of {as_of}, but no evaluation of {targets:?} changes without it"
        );
        checked += 1;
    }
    checked
}

#[test]
fn every_need_filled_leaves_no_due_target_without_data_and_every_need_is_used() {
    for as_of in ["2025", "2026", "2027-06-30", "2028", "2030"] {
        let n = check(&Catalogue::builtin(), as_of);
        assert!(n > 0);
        check(&an_lac(), as_of);
    }
}

#[test]
fn the_periods_due_follow_the_timing() {
    let cat = Catalogue::builtin();
    let as_of = parse_as_of("2027").unwrap();
    let all = needs(&cat, as_of);
    let periods = |ind: &str| -> Vec<String> {
        all.iter().find(|n| n.indicator == ind).unwrap().periods.iter().map(|p| p.to_string()).collect()
    };
    // average growth 2026-2030: the base year 2025 and the years ended
    assert_eq!(periods("grdp"), ["2025", "2026", "2027"]);
    // nothing after the as-of date, nothing before the programme's first year
    for n in &all {
        for p in &n.periods {
            assert!(p.end() <= as_of, "{} {p}", n.indicator);
            assert!(p.year() >= cat.programme.first_year, "{} {p}", n.indicator);
        }
        assert_eq!(n.periods.is_empty(), n.field == Field::Completed, "{}", n.indicator);
    }
    // a day earlier, 2027 is not due
    let before = needs(&cat, Date::new(2027, 12, 30).unwrap());
    assert!(before.iter().all(|n| n.periods.iter().all(|p| p.year() < 2027 || matches!(p, Period::Quarter(..)))));
    // a completion date is asked of milestones, with no period
    assert!(all.iter().any(|n| n.field == Field::Completed));
}

/// A CSV record's cells (quoted cells with commas and doubled quotes), read independently of the crate.
fn cells_of(text: &str) -> Vec<Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    rdr.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

#[test]
fn the_csv_template_has_a_row_per_need_and_the_keyed_columns() {
    for cat in [Catalogue::builtin(), an_lac()] {
        for as_of in ["2026", "2028"] {
            let as_of = parse_as_of(as_of).unwrap();
            let all = needs(&cat, as_of);
            let table = cells_of(&template_csv(&cat, as_of));
            let header = &table[0];
            assert_eq!(table.len() - 1, all.len());
            let col = |key: &str| header.iter().position(|h| h.ends_with(&format!("({key})"))).unwrap();
            let (ind, field, section) = (col("indicator"), col("field"), col("section"));
            assert_eq!(header[ind], "Mã chỉ tiêu (indicator)");
            // every need is a row (indicator, field) in its part
            for n in &all {
                assert!(
                    table[1..]
                        .iter()
                        .any(|r| r[ind] == n.indicator && r[field] == n.field.name() && r[section] == n.section),
                    "{} {}",
                    n.indicator,
                    n.field.name()
                );
            }
            // the period columns are exactly the periods due, in order, and every cell to fill is empty
            let periods: Vec<&String> = header.iter().filter(|h| h.parse::<Period>().is_ok()).collect();
            let mut due: Vec<Period> = all.iter().flat_map(|n| n.periods.clone()).collect();
            due.sort_by_key(chitieu::template::period_key);
            due.dedup();
            assert_eq!(periods, due.iter().map(|p| p.to_string()).collect::<Vec<_>>().iter().collect::<Vec<_>>());
            for r in &table[1..] {
                assert_eq!(r.len(), header.len());
                for (h, c) in header.iter().zip(r) {
                    if h.parse::<Period>().is_ok() || h.ends_with("(note)") || h.ends_with("(completed)") {
                        assert!(c.is_empty());
                    }
                }
            }
        }
    }
}

/// The CSV template filled from the sample figures, cell by cell, and read back (the wide layout) gives the same
/// verdicts as the same figures in the long format: the template's layout and the reader agree, and figures that
/// share a sheet row (2025 and 2027 of one indicator) stay distinct figures.
#[test]
fn the_csv_template_filled_and_read_back_judges_as_the_long_csv() {
    let cat = Catalogue::builtin();
    let sample = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/sample_figures.csv"))
        .expect("the sample figures");
    let mut long = csv::Reader::from_reader(sample.as_bytes());
    let head: Vec<String> = long.headers().unwrap().iter().map(str::to_string).collect();
    let rows: Vec<BTreeMap<String, String>> =
        long.records().map(|r| head.iter().cloned().zip(r.unwrap().iter().map(str::to_string)).collect()).collect();
    for when in ["2026", "2027", "2030"] {
        let as_of = parse_as_of(when).unwrap();
        let template = template_csv(&cat, as_of);
        let mut grid = csv::Reader::from_reader(template.as_bytes());
        let keys: Vec<String> = grid.headers().unwrap().iter().map(chitieu::figures::header_key).collect();
        let col = |k: &str| keys.iter().position(|x| x == k);
        let mut out = csv::Writer::from_writer(Vec::new());
        out.write_record(&keys).unwrap();
        let mut used = csv::Writer::from_writer(Vec::new());
        used.write_record(&head).unwrap();
        let mut filled = 0;
        for record in grid.records() {
            let mut cells: Vec<String> = record.unwrap().iter().map(str::to_string).collect();
            let (ind, field) = (cells[col("indicator").unwrap()].clone(), cells[col("field").unwrap()].clone());
            for f in rows.iter().filter(|f| f["indicator"] == ind && f["entity"].is_empty() && !f[&field].is_empty()) {
                let at = if field == "completed" { col("completed") } else { col(&f["period"]) };
                let Some(c) = at else { continue };
                cells[c] = f[&field].clone();
                used.write_record(head.iter().map(|h| f[h].as_str())).unwrap();
                filled += 1;
            }
            out.write_record(&cells).unwrap();
        }
        assert!(filled > 40, "{when}: only {filled} cells filled");
        let wide = String::from_utf8(out.into_inner().unwrap()).unwrap();
        let used = String::from_utf8(used.into_inner().unwrap()).unwrap();
        // a numerator row and its denominator row both wrote the figure's long row: keep it once
        let mut seen = std::collections::BTreeSet::new();
        let used: String = used.lines().filter(|l| seen.insert(l.to_string())).map(|l| format!("{l}\n")).collect();
        let by_wide = Figures::from_csv(&cat, &wide).unwrap_or_else(|e| panic!("{when}: {e}"));
        let by_long = Figures::from_csv(&cat, &used).unwrap_or_else(|e| panic!("{when}: {e}"));
        assert_eq!(by_wide.len(), by_long.len(), "{when}");
        let options = Options::new(as_of);
        let (a, b) = (evaluate(&cat, &by_wide, &options).unwrap(), evaluate(&cat, &by_long, &options).unwrap());
        let verdict =
            |e: &Evaluation| (e.target.clone(), e.status, e.value, e.progress_ratio, e.explanation_en.clone());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(verdict(x), verdict(y), "{when}");
        }
    }
}
