//! Synthetic national figures: every commune and ward of a country following one catalogue, reproducible by
//! seed, with realistic spreads, some missing rows and some bad rows planted where tests can find them.
//!
//! Behind the cargo feature `synthetic` (not a default feature). It writes the long CSV format read by
//! [`Figures::from_csv`](crate::Figures::from_csv), one figure a row, with the header
//! `unit,indicator,period,value,numerator,denominator,growth,done,completed,entity`, for every year of the
//! programme (2025-2030 for the built-in one). Row numbers are line numbers: the header is row 1.
//!
//! ```
//! use chitieu::synthetic::{write_csv, Synthetic};
//! use chitieu::{evaluate, parse_as_of, Catalogue, Figures, Options};
//!
//! let catalogue = Catalogue::builtin();
//! let opts = Synthetic { units: 3, bad_unit_per_mille: 0, ..Synthetic::default() };
//! let mut csv = Vec::new();
//! let planted = write_csv(&catalogue, &opts, &mut csv)?;
//! let text = String::from_utf8(csv).unwrap();
//! assert_eq!(text.lines().count(), planted.rows + 1); // the header is row 1
//! assert!(planted.bad.is_empty()); // no bad rows were asked for: the whole file is valid
//!
//! let figures = Figures::from_csv(&catalogue, &text).unwrap();
//! let mut options = Options::new(parse_as_of("2030").unwrap());
//! options.unit = Some("U0002".to_string());
//! let evaluations = evaluate(&catalogue, &figures, &options).unwrap();
//! assert_eq!(evaluations.len(), catalogue.targets.len());
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! # What the figures look like
//!
//! Units are coded `U0001`, `U0002`, ... ([`unit_code`]); 3,321 by default, the number of communes and wards
//! of Vietnam after the 2025 reorganisation. Each unit draws a latent performance, so that some units meet their
//! targets and some miss them, and each indicator's figures are drawn from what its targets ask:
//!
//! - levels with an average-growth target grow at about the target rate (above it for good units, below for
//!   weak ones; steeper falls for a target of decline); money levels start at magnitudes that differ by orders
//!   of magnitude across units; a few units sit exactly on the growth boundary (`Y_n = Y_0 (1+g)^n` to the last
//!   digit) where the rate allows it in four decimals; levels with a threshold lie around it; other levels grow
//!   8-25 % a year; some units give the years between the base and the last year as `growth` instead;
//! - shares lie around their threshold, some just above, some just below, some exactly on it (so that `trên`
//!   (more than) and `từ ... trở lên` (at least) part); "100 %" targets are met fully by most units, every
//!   year; shares are given as a percent `value` or as `numerator`/`denominator`;
//! - counts are whole numbers around their threshold (per year, per quarter, or per year of a cumulative
//!   target), `0` for "none" targets;
//! - statuses are mostly `true`; milestones are completed on a day spread over the term, mostly before the
//!   deadline, some after it, a few not at all (`done=false` in the last year);
//! - per-entity and coverage indicators get a few entities (`E01`, `E02`, ...) per unit, and the count that gives
//!   a coverage target's universe counts those entities.
//!
//! Decimals are written with `.` and at most four decimals, built from integers, so the same seed and options
//! give the same bytes on every platform, and every value survives a trip through a 64-bit float (pandas float
//! columns) unchanged. A unit's figures depend only on the seed, its position and the catalogue: the file for
//! 100 units is the first part of the file for 3,321.
//!
//! # Missing and bad rows
//!
//! About [`Synthetic::missing_per_mille`] of the good rows are left out. About [`Synthetic::bad_unit_per_mille`]
//! of the units get one to three bad rows, each replacing one of its good rows (a duplicate is written after the
//! row it repeats). [`Planted`] lists them with the error code [`Figures::from_csv`](crate::Figures::from_csv)
//! gives: each bad row, fed after the good rows before it (or alone under the header; a duplicate with the row
//! it repeats), fails with exactly its code. The codes planted are in [`BAD_CODES`].

use crate::model::{Catalogue, Measure, Rule, Timing};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};

/// The header line written first (row 1).
pub const HEADER: &str = "unit,indicator,period,value,numerator,denominator,growth,done,completed,entity";

/// The error codes of the bad rows that can be planted (each a code of [`Error::code`](crate::Error::code)).
pub const BAD_CODES: &[&str] = &[
    "not_a_number",
    "invalid_period",
    "period_outside_programme",
    "duplicate_figure",
    "unknown_indicator",
    "numerator_above_denominator",
    "percentage_out_of_range",
    "non_positive_denominator",
    "negative_count",
    "not_whole_count",
];

/// What to generate. `Synthetic::default()` is the national file: seed 1, 3,321 units, about 2 % of the rows
/// missing, bad rows in about one unit in 200.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Synthetic {
    /// Seed of the generator: the same seed and options give the same bytes.
    pub seed: u64,
    /// Number of reporting units (communes and wards), coded `U0001`...
    pub units: usize,
    /// Good rows left out, per thousand (0-1000).
    pub missing_per_mille: u32,
    /// Units with one to three bad rows, per thousand (0-1000); 0 gives a file that reads without error.
    pub bad_unit_per_mille: u32,
}

impl Default for Synthetic {
    fn default() -> Synthetic {
        Synthetic { seed: 1, units: 3321, missing_per_mille: 20, bad_unit_per_mille: 5 }
    }
}

/// One planted bad row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BadRow {
    /// Its line number (the header is row 1).
    pub row: usize,
    /// For a duplicate, the line of the good row it repeats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_row: Option<usize>,
    /// Unit code.
    pub unit: String,
    /// The indicator id of the row it replaces (an unknown-indicator row names a misspelling of it).
    pub indicator: String,
    /// The error code reading the row must give (one of [`BAD_CODES`]).
    pub code: &'static str,
}

/// What was written and planted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Planted {
    /// Figure rows written (the header not counted), bad rows included.
    pub rows: usize,
    /// Good rows left out.
    pub missing: usize,
    /// Units written.
    pub units: usize,
    /// The bad rows, in file order.
    pub bad: Vec<BadRow>,
}

impl Planted {
    /// The number of bad rows by error code.
    pub fn bad_by_code(&self) -> BTreeMap<&'static str, usize> {
        let mut m = BTreeMap::new();
        for b in &self.bad {
            *m.entry(b.code).or_insert(0) += 1;
        }
        m
    }
}

/// The code of the unit at a 1-based position: `U0001`, ..., `U3321` (more digits past 9,999).
pub fn unit_code(position: usize) -> String {
    format!("U{position:04}")
}

/// Write the figures of `opts.units` units as CSV to `out`, unit after unit (nothing is held but one unit's
/// rows). Returns what was written and planted; fails only when `out` does.
pub fn write_csv<W: Write>(catalogue: &Catalogue, opts: &Synthetic, mut out: W) -> io::Result<Planted> {
    let gen = Generator::new(catalogue);
    let mut planted = Planted { units: opts.units, ..Planted::default() };
    let mut line = 1usize;
    out.write_all(HEADER.as_bytes())?;
    out.write_all(b"\n")?;
    let mut buf = String::with_capacity(128 * 1024);
    let mut rows = Vec::new();
    for position in 1..=opts.units {
        buf.clear();
        gen.unit(opts, position, &mut line, &mut planted, &mut rows, &mut buf);
        out.write_all(buf.as_bytes())?;
    }
    out.flush()?;
    Ok(planted)
}

/// The same as [`write_csv`], into a string.
pub fn to_csv_string(catalogue: &Catalogue, opts: &Synthetic) -> (String, Planted) {
    let mut bytes = Vec::new();
    let planted = write_csv(catalogue, opts, &mut bytes).expect("writing to memory does not fail");
    (String::from_utf8(bytes).expect("the generator writes UTF-8"), planted)
}

// ---------------------------------------------------------------------------------------------------------
// Randomness: splitmix64, and only exact float operations (no transcendental functions), so that every
// platform draws the same numbers.

struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((self.next() as u128 * n as u128) >> 64) as u64
    }

    /// True with probability `per_mille` / 1000 (always draws once).
    fn per_mille(&mut self, per_mille: u32) -> bool {
        self.below(1000) < u64::from(per_mille)
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// About normal with mean 0 and deviation 1 (a sum of four uniforms), within ±3.5.
    fn normal(&mut self) -> f64 {
        (self.unit() + self.unit() + self.unit() + self.unit() - 2.0) * 1.732_050_807_568_877_2
    }
}

// ---------------------------------------------------------------------------------------------------------
// What each indicator's figures look like, read once from the catalogue.

/// Decimals are carried as integers of 1/10,000.
const SCALE: i64 = 10_000;
/// 100 % in that scale.
const HUNDRED: i64 = 100 * SCALE;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Dir {
    Up,
    Down,
    Near,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Entities {
    /// One figure for the whole unit.
    None,
    /// A per-entity target: counts by entity.
    PerEntity,
    /// A coverage target: a yes/no (or count) by entity; `Some(n)` when the catalogue fixes the universe.
    Coverage(Option<u16>),
}

#[derive(Clone, Debug)]
enum Shape {
    /// A level growing at about `rate` percent a year (scaled) for `years` years, towards `dir`; `exact` = (a, b)
    /// when 1 + rate/100 = a/b lets a unit sit on the boundary in four decimals.
    Growth { rate: i64, dir: Dir, exact: Option<(i128, i128)>, years: u32 },
    /// A level around a threshold (scaled).
    LevelNear { x: i64, dir: Dir },
    /// A level with no threshold: grows 8-25 % a year.
    LevelFree,
    /// A share around `x` percent (scaled).
    Share { x: i64, dir: Dir },
    /// A count around `x` per period (scaled, so that a cumulative 9 over 5 years is 1.8 a year).
    Count { x: i64, dir: Dir, trend: bool },
    /// A count that other targets read as a universe: the number of entities of the unit.
    Universe,
    /// A count with no threshold.
    CountFree,
    /// A yes/no status.
    Status,
    /// A completion date, due by the deadline (year, month, day).
    Completion { deadline: (i32, u8, u8) },
}

struct Plan<'a> {
    id: &'a str,
    measure: Measure,
    shape: Shape,
    quarterly: bool,
    entities: Entities,
    /// For a level in billions of đồng: its share of the unit's economy (the first such level with a growth
    /// target, GRDP in the built-in catalogue, is the whole; others a fixed part drawn from the id).
    money: Option<f64>,
    /// A per-capita level (millions of đồng).
    per_capita: bool,
    /// Which coverage indicators this universe counts the entities of (their index in the plan list).
    universe_of: Option<usize>,
}

fn to_scaled(d: Decimal) -> Option<i64> {
    d.checked_mul(Decimal::from(SCALE))?.round().to_i64()
}

/// The threshold a rule sets and the direction that meets it.
fn threshold(rule: &Rule, measure: Measure) -> Option<(Decimal, Dir)> {
    match rule {
        Rule::AtLeast { value } | Rule::MoreThan { value } => Some((*value, Dir::Up)),
        Rule::AtMost { value } | Rule::LessThan { value } => Some((*value, Dir::Down)),
        Rule::Exactly { value } | Rule::About { value, .. } => Some((*value, Dir::Near)),
        Rule::All => match measure {
            Measure::Share => Some((Decimal::ONE_HUNDRED, Dir::Up)),
            _ => None,
        },
        Rule::None => Some((Decimal::ZERO, Dir::Down)),
        Rule::Range { floor, aim, .. } => Some((*floor, if aim < floor { Dir::Down } else { Dir::Up })),
        Rule::Band { low, high } => Some(((*low + *high) / Decimal::TWO, Dir::Near)),
        Rule::Done => None,
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

/// (a, b) with 1 + rate/100 = a/b in lowest terms, when b^n is small enough for a plausible base level.
fn exact_growth(rate: i64, years: u32) -> Option<(i128, i128)> {
    let a = i128::from(HUNDRED + rate);
    let b = i128::from(HUNDRED);
    let g = gcd(a, b);
    let (a, b) = (a / g, b / g);
    if a <= 0 {
        return None;
    }
    a.checked_pow(years)?;
    // the base level is a multiple of b^n (in 1/10,000): keep it below 10,000 (in units of the indicator)
    (b.checked_pow(years)? <= 100_000_000).then_some((a, b))
}

struct Generator<'a> {
    plans: Vec<Plan<'a>>,
    known: HashSet<&'a str>,
    first_year: i32,
    last_year: i32,
}

impl<'a> Generator<'a> {
    fn new(cat: &'a Catalogue) -> Generator<'a> {
        let p = &cat.programme;
        let (first_year, last_year) = (p.first_year, p.last_year.max(p.first_year));
        let mut plans: Vec<Plan<'a>> = Vec::with_capacity(cat.indicators.len());
        for ind in &cat.indicators {
            let targets: Vec<_> = cat.targets.iter().filter(|t| t.indicator == ind.id).collect();
            let quarterly = targets.iter().any(|t| matches!(t.timing, Timing::Quarterly { .. }));
            let entities = if let Some(t) = targets.iter().find(|t| matches!(t.timing, Timing::Coverage { .. })) {
                match &t.timing {
                    Timing::Coverage { universe: Some(u), .. } => {
                        Entities::Coverage(u.to_u16().filter(|n| (1..=50).contains(n)))
                    }
                    _ => Entities::Coverage(None),
                }
            } else if targets.iter().any(|t| t.per_entity) {
                Entities::PerEntity
            } else {
                Entities::None
            };
            let growth = targets.iter().find_map(|t| match t.timing {
                Timing::AverageGrowth { from, to } => Some((t, (to - from + 1).max(1) as u32)),
                _ => None,
            });
            let ruled = targets.iter().find_map(|t| threshold(&t.rule, ind.measure).map(|r| (t, r)));
            let shape = match ind.measure {
                Measure::Level => match (growth, ruled) {
                    (Some((t, years)), _) => {
                        match threshold(&t.rule, ind.measure).and_then(|(x, d)| Some((to_scaled(x)?, d))) {
                            Some((rate, dir)) => Shape::Growth { rate, dir, exact: exact_growth(rate, years), years },
                            None => Shape::LevelFree,
                        }
                    }
                    (None, Some((_, (x, dir)))) => match to_scaled(x) {
                        Some(x) if x > 0 => Shape::LevelNear { x, dir },
                        _ => Shape::LevelFree,
                    },
                    _ => Shape::LevelFree,
                },
                Measure::Share => match ruled.and_then(|(_, (x, d))| Some((to_scaled(x)?, d))) {
                    Some((x, dir)) if (0..=HUNDRED).contains(&x) => Shape::Share { x, dir },
                    _ => Shape::Share { x: 80 * SCALE, dir: Dir::Near },
                },
                Measure::Count => match ruled {
                    Some((t, (x, dir))) => {
                        let per = match t.timing {
                            Timing::Cumulative { from, to } => x / Decimal::from((to - from + 1).max(1)),
                            _ => x,
                        };
                        match to_scaled(per) {
                            Some(x) if x >= 0 => {
                                Shape::Count { x, dir, trend: matches!(t.timing, Timing::Deadline { .. }) }
                            }
                            _ => Shape::CountFree,
                        }
                    }
                    None => Shape::CountFree,
                },
                // a rate per N is generated as a level near its threshold (never negative)
                Measure::Rate => match ruled.and_then(|(_, (x, d))| Some((to_scaled(x)?, d))) {
                    Some((x, dir)) if x > 0 => Shape::LevelNear { x, dir },
                    _ => Shape::LevelFree,
                },
                Measure::Status => Shape::Status,
                Measure::Completion => {
                    let d = targets.iter().map(|t| t.timing.deadline()).min();
                    let d = d.map_or((last_year, 12, 31), |d| (d.year, d.month, d.day));
                    // a deadline outside the programme's years is clamped into them
                    let d = if d.0 > last_year {
                        (last_year, 12, 31)
                    } else if d.0 < first_year {
                        (first_year, 12, 31)
                    } else {
                        d
                    };
                    Shape::Completion { deadline: d }
                }
            };
            let money = ind.unit.contains("tỷ").then(|| {
                let first = ind.measure == Measure::Level
                    && growth.is_some()
                    && !plans.iter().any(|p: &Plan| p.money.is_some() && matches!(p.shape, Shape::Growth { .. }));
                if first {
                    1.0
                } else {
                    // FNV-1a of the id: the same part in every unit and on every platform
                    let h = ind
                        .id
                        .bytes()
                        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
                    0.03 + 0.6 * (h % 1000) as f64 / 1000.0
                }
            });
            let per_capita = ind.unit.contains("triệu");
            plans.push(Plan {
                id: &ind.id,
                measure: ind.measure,
                shape,
                quarterly,
                entities,
                money,
                per_capita,
                universe_of: None,
            });
        }
        // a count read as a coverage target's universe counts that target's entities
        for t in &cat.targets {
            if let Timing::Coverage { universe_indicator: Some(u), .. } = &t.timing {
                let of = plans.iter().position(|p| p.id == t.indicator);
                if let Some(p) = plans.iter_mut().find(|p| p.id == u && p.measure == Measure::Count) {
                    if p.universe_of.is_none() {
                        p.universe_of = of;
                        p.shape = Shape::Universe;
                    }
                }
            }
        }
        let known = cat.indicators.iter().map(|i| i.id.as_str()).collect();
        Generator { plans, known, first_year, last_year }
    }

    fn periods(&self, plan: &Plan) -> Vec<Per> {
        let mut v = Vec::new();
        for y in self.first_year..=self.last_year {
            if plan.quarterly {
                v.extend((1..=4).map(|q| Per::Quarter(y, q)));
            } else {
                v.push(Per::Year(y));
            }
        }
        v
    }
}

// ---------------------------------------------------------------------------------------------------------
// Rows.

#[derive(Clone, Debug)]
enum Per {
    None,
    Year(i32),
    Quarter(i32, u8),
    Raw(String),
}

#[derive(Clone, Debug)]
enum Num {
    Empty,
    /// In 1/10,000.
    Dec(i64),
    Raw(String),
}

#[derive(Clone, Debug)]
struct Row {
    period: Per,
    value: Num,
    numerator: Num,
    denominator: Num,
    growth: Num,
    done: Option<bool>,
    completed: Option<(i32, u8, u8)>,
    entity: u16,
    indicator: Option<String>,
}

impl Row {
    fn new(period: Per) -> Row {
        Row {
            period,
            value: Num::Empty,
            numerator: Num::Empty,
            denominator: Num::Empty,
            growth: Num::Empty,
            done: None,
            completed: None,
            entity: 0,
            indicator: None,
        }
    }
}

fn push_dec(out: &mut String, v: i64) {
    use std::fmt::Write as _;
    if v < 0 {
        out.push('-');
    }
    let a = v.unsigned_abs();
    let (int, frac) = (a / SCALE as u64, a % SCALE as u64);
    let _ = write!(out, "{int}");
    if frac != 0 {
        let mut digits = format!("{frac:04}");
        while digits.ends_with('0') {
            digits.pop();
        }
        out.push('.');
        out.push_str(&digits);
    }
}

fn push_text(out: &mut String, t: &str) {
    if t.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&t.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(t);
    }
}

fn push_num(out: &mut String, n: &Num) {
    match n {
        Num::Empty => {}
        Num::Dec(v) => push_dec(out, *v),
        Num::Raw(t) => push_text(out, t),
    }
}

fn write_row(out: &mut String, unit: &str, indicator: &str, r: &Row) {
    use std::fmt::Write as _;
    out.push_str(unit);
    out.push(',');
    push_text(out, r.indicator.as_deref().unwrap_or(indicator));
    out.push(',');
    match &r.period {
        Per::None => {}
        Per::Year(y) => {
            let _ = write!(out, "{y:04}");
        }
        Per::Quarter(y, q) => {
            let _ = write!(out, "{y:04}-Q{q}");
        }
        Per::Raw(t) => push_text(out, t),
    }
    for n in [&r.value, &r.numerator, &r.denominator, &r.growth] {
        out.push(',');
        push_num(out, n);
    }
    out.push(',');
    if let Some(d) = r.done {
        out.push_str(if d { "true" } else { "false" });
    }
    out.push(',');
    if let Some((y, m, d)) = r.completed {
        let _ = write!(out, "{y:04}-{m:02}-{d:02}");
    }
    out.push(',');
    if r.entity > 0 {
        let _ = write!(out, "E{:02}", r.entity);
    }
    out.push('\n');
}

// ---------------------------------------------------------------------------------------------------------
// One unit.

/// What a unit is like: its performance and size.
struct Traits {
    /// Latent performance, about normal(0, 1): above 0 meets more targets.
    perf: f64,
    /// Size of the economy in billions of đồng (100 to 100,000), scaled.
    size: f64,
    /// Income per head, millions of đồng.
    income: f64,
    /// Number of entities for per-entity and coverage indicators (3-8).
    entities: u16,
}

fn round_to(v: f64, step: i64) -> i64 {
    ((v / step as f64).round() as i64) * step
}

impl Generator<'_> {
    fn unit(
        &self,
        opts: &Synthetic,
        position: usize,
        line: &mut usize,
        planted: &mut Planted,
        rows: &mut Vec<Row>,
        out: &mut String,
    ) {
        let code = unit_code(position);
        let mut rng = Rng::new(opts.seed, position as u64);
        let perf = rng.normal();
        let magnitude = [100.0, 1_000.0, 10_000.0][rng.below(3) as usize];
        let traits = Traits {
            perf,
            size: magnitude * (1.0 + 9.0 * rng.unit()),
            income: 45.0 + 60.0 * rng.unit() + 25.0 * perf.max(-1.5),
            entities: 3 + rng.below(6) as u16,
        };
        // bad rows: which indicators, which kinds
        let mut bad: Vec<(usize, &'static str)> = Vec::new();
        if rng.per_mille(opts.bad_unit_per_mille.min(1000)) {
            let n = 1 + rng.below(3);
            let mut tries = 0;
            while (bad.len() as u64) < n && tries < 50 {
                tries += 1;
                let code = BAD_CODES[rng.below(BAD_CODES.len() as u64) as usize];
                let fits: Vec<usize> = (0..self.plans.len())
                    .filter(|i| bad_fits(code, self.plans[*i].measure) && !bad.iter().any(|(j, _)| j == i))
                    .collect();
                if !fits.is_empty() {
                    bad.push((fits[rng.below(fits.len() as u64) as usize], code));
                }
            }
        }
        for (i, plan) in self.plans.iter().enumerate() {
            rows.clear();
            self.rows(plan, &traits, &mut rng, rows);
            let corrupt = bad.iter().find(|(j, _)| *j == i).map(|(_, c)| *c);
            let at = match corrupt {
                Some(_) if !rows.is_empty() => Some(rng.below(rows.len() as u64) as usize),
                _ => None,
            };
            for (j, row) in rows.iter().enumerate() {
                let missing = rng.per_mille(opts.missing_per_mille.min(1000));
                match (at == Some(j), corrupt) {
                    (true, Some("duplicate_figure")) => {
                        *line += 1;
                        let first = *line;
                        write_row(out, &code, plan.id, row);
                        *line += 1;
                        write_row(out, &code, plan.id, row);
                        planted.bad.push(BadRow {
                            row: *line,
                            other_row: Some(first),
                            unit: code.clone(),
                            indicator: plan.id.to_string(),
                            code: "duplicate_figure",
                        });
                    }
                    (true, Some(kind)) => {
                        let bad_row = self.corrupt(kind, plan, row, &mut rng);
                        *line += 1;
                        write_row(out, &code, plan.id, &bad_row);
                        planted.bad.push(BadRow {
                            row: *line,
                            other_row: None,
                            unit: code.clone(),
                            indicator: plan.id.to_string(),
                            code: kind,
                        });
                    }
                    _ if missing => planted.missing += 1,
                    _ => {
                        *line += 1;
                        write_row(out, &code, plan.id, row);
                    }
                }
            }
        }
        planted.rows = *line - 1;
    }

    /// The good rows of one indicator for one unit.
    fn rows(&self, plan: &Plan, u: &Traits, rng: &mut Rng, rows: &mut Vec<Row>) {
        let n_entities = match (plan.entities, plan.universe_of) {
            (Entities::Coverage(Some(n)), _) => n,
            (Entities::None, None) => 0,
            _ => u.entities,
        };
        let by_entity = matches!(
            plan.shape,
            Shape::Growth { .. } | Shape::LevelNear { .. } | Shape::LevelFree | Shape::Share { .. }
        );
        if n_entities > 0 && by_entity {
            // levels and shares by entity: each entity a series of its own
            for e in 1..=n_entities {
                let start = rows.len();
                self.series(plan, u, rng, rows, 0);
                for r in &mut rows[start..] {
                    r.entity = e;
                }
            }
        } else {
            self.series(plan, u, rng, rows, n_entities);
        }
    }

    /// One series (counts, statuses and milestones: one by entity when `n_entities` > 0).
    fn series(&self, plan: &Plan, u: &Traits, rng: &mut Rng, rows: &mut Vec<Row>, n_entities: u16) {
        // this unit's standing on this indicator: mostly its performance, partly chance
        let o = 0.7 * u.perf + 0.7 * rng.normal();
        let boundary = rng.chance(0.04);
        let periods = self.periods(plan);
        let span = (self.last_year - self.first_year) as f64;
        match &plan.shape {
            Shape::Growth { rate, dir, exact, years } => {
                let base = if let Some(part) = plan.money {
                    u.size * part * (0.85 + 0.3 * rng.unit())
                } else if plan.per_capita {
                    u.income
                } else {
                    10.0 * (1.0 + 99.0 * rng.unit())
                };
                let base = round_to(base * SCALE as f64, 100).max(100);
                let sign = match dir {
                    Dir::Up => 1.0,
                    Dir::Down => -1.0,
                    Dir::Near => {
                        if rng.chance(0.5) {
                            1.0
                        } else {
                            -1.0
                        }
                    }
                };
                let avg = *rate as f64 / SCALE as f64 + sign * 1.5 * o;
                let as_growth = rng.chance(0.1);
                let on_boundary = match exact {
                    Some((a, b)) if boundary => {
                        let m = ((base as f64 / b.pow(*years) as f64).round() as i128).max(1);
                        (m * a.pow(*years) < 100_000_000_000_000).then_some((m, *a, *b))
                    }
                    _ => None,
                };
                let mut level = base;
                for (k, p) in periods.iter().enumerate() {
                    let year_index = k as u32;
                    let prev = level;
                    level = match on_boundary {
                        // y_k = m b^n (a/b)^k = m a^k b^(n-k): exact at the target rate
                        Some((m, a, b)) if year_index <= *years => {
                            (m * a.pow(year_index) * b.pow(*years - year_index)) as i64
                        }
                        _ if k == 0 => base,
                        _ => {
                            let g = avg + 2.0 * rng.normal();
                            round_to(prev as f64 * (1.0 + g / 100.0), 100).max(100)
                        }
                    };
                    let mut r = Row::new(p.clone());
                    if as_growth && k > 0 && k + 1 < periods.len() && on_boundary.is_none() {
                        // yearly growth in percent, one decimal: (level - prev) / prev
                        let g = round_to((level - prev) as f64 * 100.0 * SCALE as f64 / prev as f64, 1000);
                        r.growth = Num::Dec(g);
                    } else {
                        r.value = Num::Dec(level);
                    }
                    rows.push(r);
                }
            }
            Shape::LevelNear { x, dir } => {
                // where this unit sits around the threshold, for the whole term
                let z = rng.normal();
                for (k, p) in periods.iter().enumerate() {
                    let lag = (span - k as f64) * 0.01;
                    let v = if boundary {
                        *x
                    } else {
                        let f = match dir {
                            Dir::Up => 1.0 + 0.05 * o - lag + 0.01 * rng.normal(),
                            Dir::Down => 1.0 - 0.05 * o + lag + 0.01 * rng.normal(),
                            Dir::Near => 1.0 + 0.06 * z * (1.0 - 0.3 * o.clamp(-1.0, 1.0)) + 0.005 * rng.normal(),
                        };
                        round_to(*x as f64 * f, 100).max(100)
                    };
                    let mut r = Row::new(p.clone());
                    r.value = Num::Dec(v);
                    rows.push(r);
                }
            }
            Shape::LevelFree => {
                let base = match plan.money {
                    Some(part) => u.size * part * (0.85 + 0.3 * rng.unit()),
                    None => 1.0 + 99.0 * rng.unit(),
                };
                let g = 8.0 + 17.0 * rng.unit();
                let mut level = round_to(base * SCALE as f64, 100).max(100);
                for (k, p) in periods.iter().enumerate() {
                    if k > 0 {
                        level = round_to(level as f64 * (1.0 + (g + 2.0 * rng.normal()) / 100.0), 100).max(100);
                    }
                    let mut r = Row::new(p.clone());
                    r.value = Num::Dec(level);
                    rows.push(r);
                }
            }
            Shape::Share { x, dir } => {
                let ratio = rng.chance(0.35);
                let mut d = (50 + rng.below(4950)) as i64;
                let room = (*x).min(HUNDRED - *x);
                let spread = (room / 2).clamp(SCALE / 2, 5 * SCALE) as f64;
                for (k, p) in periods.iter().enumerate() {
                    let lag = (span - k as f64) * 0.1 * spread;
                    let noise = rng.normal();
                    let pct = if boundary {
                        *x
                    } else if *x == HUNDRED && *dir == Dir::Up {
                        // "100 %": met fully, or a little short
                        if o + 0.4 * noise > -0.9 {
                            HUNDRED
                        } else {
                            HUNDRED - round_to((0.2 + 8.0 * rng.unit()) * SCALE as f64, 100)
                        }
                    } else if *x == 0 && *dir == Dir::Down {
                        if o + 0.4 * noise > -0.9 {
                            0
                        } else {
                            round_to((0.2 + 5.0 * rng.unit()) * SCALE as f64, 100)
                        }
                    } else {
                        let v = match dir {
                            Dir::Up => *x as f64 + spread * (o + 0.3 * noise) - lag,
                            Dir::Down => *x as f64 - spread * (o + 0.3 * noise) + lag,
                            Dir::Near => *x as f64 + 2.0 * spread * noise,
                        };
                        round_to(v, 100).clamp(0, HUNDRED)
                    };
                    let mut r = Row::new(p.clone());
                    if ratio {
                        if k > 0 {
                            d += (d as f64 * 0.02 * rng.unit()) as i64;
                        }
                        let (n, dd) = ratio_for(pct, d);
                        r.numerator = Num::Dec(n * SCALE);
                        r.denominator = Num::Dec(dd * SCALE);
                    } else {
                        r.value = Num::Dec(pct);
                    }
                    rows.push(r);
                }
            }
            Shape::Count { x, dir, trend } => {
                let per_entity = n_entities.max(1);
                for p in &periods {
                    for e in 0..per_entity {
                        let k = p.year_index(self.first_year) as f64;
                        let lag = if *trend { (span - k) * 0.04 } else { 0.0 };
                        let xf = *x as f64 / SCALE as f64;
                        let step = (xf * 0.2).max(1.0);
                        let v = if boundary && x % SCALE == 0 {
                            x / SCALE
                        } else if *x == 0 {
                            if o + 0.5 * rng.normal() > -1.0 {
                                0
                            } else {
                                1 + rng.below(4) as i64
                            }
                        } else {
                            let s = match dir {
                                Dir::Up => 1.0,
                                Dir::Down => -1.0,
                                Dir::Near => 0.0,
                            };
                            let v = xf * (1.0 - s * lag)
                                + s * step * (o + 0.5 * rng.normal())
                                + if s == 0.0 { step * rng.normal() } else { 0.0 };
                            (v.round() as i64).max(0)
                        };
                        let mut r = Row::new(p.clone());
                        r.value = Num::Dec(v * SCALE);
                        r.entity = if n_entities > 0 { e + 1 } else { 0 };
                        rows.push(r);
                    }
                }
            }
            Shape::Universe => {
                for p in &periods {
                    let mut r = Row::new(p.clone());
                    r.value = Num::Dec(i64::from(u.entities) * SCALE);
                    rows.push(r);
                }
            }
            Shape::CountFree => {
                let mut v = (5 + rng.below(56)) as i64;
                let per_entity = n_entities.max(1);
                for (k, p) in periods.iter().enumerate() {
                    if k > 0 {
                        v = (v + rng.below(3) as i64 - 1).max(0);
                    }
                    for e in 0..per_entity {
                        let mut r = Row::new(p.clone());
                        r.value = Num::Dec(v * SCALE);
                        r.entity = if n_entities > 0 { e + 1 } else { 0 };
                        rows.push(r);
                    }
                }
            }
            Shape::Status => {
                if n_entities > 0 {
                    // coverage: each entity is reached in some year (or never) and stays reached
                    for e in 1..=n_entities {
                        let reached = if rng.chance((0.9 + 0.08 * o).clamp(0.3, 0.995)) {
                            Some(self.first_year + rng.below((self.last_year - self.first_year + 1) as u64) as i32)
                        } else {
                            None
                        };
                        for p in &periods {
                            let mut r = Row::new(p.clone());
                            r.done = Some(reached.is_some_and(|y| p.year() >= y));
                            r.entity = e;
                            rows.push(r);
                        }
                    }
                } else {
                    for p in &periods {
                        let mut r = Row::new(p.clone());
                        r.done = Some(0.5 * o + rng.normal() > -1.8);
                        rows.push(r);
                    }
                }
            }
            Shape::Completion { deadline } => {
                let entities = n_entities.max(1);
                for e in 0..entities {
                    let roll = rng.unit();
                    let late = (0.10 - 0.05 * o).clamp(0.02, 0.3);
                    let never = (0.05 - 0.03 * o).clamp(0.01, 0.2);
                    let end = (self.last_year, 12, 31);
                    let mut r = if roll < never || (roll < never + late && *deadline >= end) {
                        let mut r = Row::new(Per::Year(self.last_year));
                        r.done = Some(false);
                        r
                    } else {
                        let day = if boundary {
                            *deadline
                        } else if roll < never + late {
                            self.date_between(rng, next_day(*deadline), end)
                        } else {
                            self.date_between(rng, (self.first_year, 1, 1), *deadline)
                        };
                        let mut r = Row::new(Per::None);
                        r.completed = Some(day);
                        r
                    };
                    r.entity = if n_entities > 0 { e + 1 } else { 0 };
                    rows.push(r);
                }
            }
        }
    }

    /// A day in from..=to (both valid, from <= to).
    fn date_between(&self, rng: &mut Rng, from: (i32, u8, u8), to: (i32, u8, u8)) -> (i32, u8, u8) {
        let (a, b) = (day_number(from), day_number(to));
        from_day_number(a + rng.below((b - a + 1).max(1) as u64) as i64)
    }

    /// A bad copy of a good row that reading must refuse with `kind`.
    fn corrupt(&self, kind: &str, plan: &Plan, row: &Row, rng: &mut Rng) -> Row {
        let mut r = row.clone();
        let year = match row.period {
            Per::Year(y) | Per::Quarter(y, _) => y,
            _ => self.last_year,
        };
        match kind {
            "not_a_number" => {
                let texts = ["12,5", "1.234.567", "n/a", "85%", "—"];
                let t = Num::Raw(texts[rng.below(texts.len() as u64) as usize].to_string());
                if !matches!(r.value, Num::Empty) {
                    r.value = t;
                } else if !matches!(r.growth, Num::Empty) {
                    r.growth = t;
                } else {
                    r.numerator = t;
                }
            }
            "invalid_period" => {
                let texts = [format!("{year}-Q5"), format!("{year}-13-01"), format!("{}", year % 100)];
                r.period = Per::Raw(texts[rng.below(texts.len() as u64) as usize].clone());
            }
            "period_outside_programme" => {
                let y = if rng.chance(0.5) { self.last_year + 1 } else { self.first_year - 1 };
                r.period = match row.period {
                    Per::Quarter(_, q) => Per::Quarter(y, q),
                    _ => Per::Year(y),
                };
            }
            "unknown_indicator" => {
                let id = plan.id;
                let mut candidates = Vec::new();
                if id.len() > 3 && id.is_ascii() {
                    // a dropped letter, two letters swapped
                    let k = 1 + rng.below(id.len() as u64 - 2) as usize;
                    candidates.push(format!("{}{}", &id[..k], &id[k + 1..]));
                    let b = id.as_bytes();
                    let mut s = b.to_vec();
                    s.swap(k, k + 1);
                    candidates.push(String::from_utf8(s).unwrap_or_default());
                }
                candidates.push(format!("{id}_old"));
                candidates.push(format!("{id}_2"));
                r.indicator = candidates
                    .into_iter()
                    .find(|c| !c.is_empty() && !self.known.contains(c.as_str()) && c.trim() == c)
                    .or(Some(format!("x_{id}_x")));
            }
            "numerator_above_denominator" => {
                let d = 20 + rng.below(2000) as i64;
                r.value = Num::Empty;
                r.numerator = Num::Dec((d + 1 + rng.below((d as u64 / 10).max(1)) as i64) * SCALE);
                r.denominator = Num::Dec(d * SCALE);
            }
            "percentage_out_of_range" => {
                let v = if rng.chance(0.7) {
                    HUNDRED + 100 + round_to(20.0 * SCALE as f64 * rng.unit(), 100)
                } else {
                    -(100 + round_to(5.0 * SCALE as f64 * rng.unit(), 100))
                };
                r.value = Num::Dec(v);
                r.numerator = Num::Empty;
                r.denominator = Num::Empty;
            }
            "non_positive_denominator" => {
                r.value = Num::Empty;
                r.numerator = Num::Dec(rng.below(50) as i64 * SCALE);
                r.denominator = Num::Dec(if rng.chance(0.7) { 0 } else { -(1 + rng.below(100) as i64) * SCALE });
            }
            "negative_count" => r.value = Num::Dec(-(1 + rng.below(9) as i64) * SCALE),
            "not_whole_count" => {
                let v = match r.value {
                    Num::Dec(v) => v,
                    _ => 0,
                };
                r.value = Num::Dec(v + SCALE / 2);
            }
            _ => unreachable!("every planted kind is handled"),
        }
        r
    }
}

/// Whether a bad row of this kind can be made from a figure of this measure.
fn bad_fits(code: &str, m: Measure) -> bool {
    match code {
        "duplicate_figure" | "unknown_indicator" => true,
        "not_a_number" => matches!(m, Measure::Level | Measure::Share | Measure::Count),
        "invalid_period" | "period_outside_programme" => m != Measure::Completion,
        "numerator_above_denominator" | "percentage_out_of_range" | "non_positive_denominator" => m == Measure::Share,
        "negative_count" | "not_whole_count" => m == Measure::Count,
        _ => false,
    }
}

impl Per {
    fn year(&self) -> i32 {
        match self {
            Per::Year(y) | Per::Quarter(y, _) => *y,
            _ => 0,
        }
    }

    fn year_index(&self, first: i32) -> i32 {
        self.year() - first
    }
}

/// numerator and denominator (whole numbers, denominator about `d`) whose ratio is `pct` (scaled percent), to
/// the nearest whole numerator; exactly when `pct` allows a denominator near `d`.
fn ratio_for(pct: i64, d: i64) -> (i64, i64) {
    // pct / HUNDRED = n / dd exactly when dd is a multiple of HUNDRED / gcd(pct, HUNDRED)
    let g = gcd(i128::from(pct), i128::from(HUNDRED)) as i64;
    let unit = HUNDRED / g.max(1);
    if unit <= d {
        let dd = (d / unit) * unit;
        return (pct / g * (dd / unit), dd);
    }
    (((pct as i128 * d as i128 + i128::from(HUNDRED) / 2) / i128::from(HUNDRED)) as i64, d)
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn month_days(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => 28 + u8::from(is_leap(y)),
    }
}

/// Days since 0001-01-01 (proleptic Gregorian).
fn day_number((y, m, d): (i32, u8, u8)) -> i64 {
    let mut n: i64 = 0;
    let py = i64::from(y - 1);
    n += py * 365 + py / 4 - py / 100 + py / 400;
    for mm in 1..m {
        n += i64::from(month_days(y, mm));
    }
    n + i64::from(d) - 1
}

fn from_day_number(mut n: i64) -> (i32, u8, u8) {
    let mut y = 1 + (n / 366) as i32;
    while day_number((y + 1, 1, 1)) <= n {
        y += 1;
    }
    n -= day_number((y, 1, 1));
    let mut m = 1u8;
    while n >= i64::from(month_days(y, m)) {
        n -= i64::from(month_days(y, m));
        m += 1;
    }
    (y, m, n as u8 + 1)
}

fn next_day(d: (i32, u8, u8)) -> (i32, u8, u8) {
    from_day_number(day_number(d) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_written_from_integers() {
        let s = |v: i64| {
            let mut o = String::new();
            push_dec(&mut o, v);
            o
        };
        assert_eq!(s(0), "0");
        assert_eq!(s(850_000), "85");
        assert_eq!(s(850_100), "85.01");
        assert_eq!(s(1), "0.0001");
        assert_eq!(s(-12_345), "-1.2345");
        assert_eq!(s(102_555_745), "10255.5745");
    }

    #[test]
    fn days_round_trip() {
        for d in [(2025, 1, 1), (2028, 2, 29), (2028, 12, 31), (2030, 12, 31), (2026, 3, 31)] {
            assert_eq!(from_day_number(day_number(d)), d);
        }
        assert_eq!(next_day((2028, 2, 28)), (2028, 2, 29));
        assert_eq!(next_day((2026, 12, 31)), (2027, 1, 1));
        assert_eq!(day_number((2026, 1, 1)) - day_number((2025, 1, 1)), 365);
    }

    #[test]
    fn exact_growth_paths() {
        // 1.16 = 29/25: a base of m * 25^5 / 10^4 ends at m * 29^5 / 10^4
        assert_eq!(exact_growth(16 * SCALE, 5), Some((29, 25)));
        assert_eq!(exact_growth(-5 * SCALE, 5), Some((19, 20)));
        assert_eq!(exact_growth(1661 * 100, 5), None); // 1.1661^5 needs 20 decimals
        assert_eq!(ratio_for(90 * SCALE, 1234), (1107, 1230));
        assert_eq!(ratio_for(HUNDRED, 77), (77, 77));
    }
}
