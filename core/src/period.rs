//! Dates and reporting periods: a year (`2026`), a quarter (`2026-Q1`) or a day (`2026-03-15`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2026.
    pub year: i32,
    /// Month 1-12.
    pub month: u8,
    /// Day 1-31.
    pub day: u8,
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 {
                29
            } else {
                28
            }
        }
    }
}

impl Date {
    /// A checked date; `None` if the day does not exist or the year is outside 1-9999.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The last day of a year.
    pub fn end_of_year(year: i32) -> Date {
        Date { year, month: 12, day: 31 }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn parse_year(s: &str) -> Option<i32> {
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok().filter(|y| *y >= 1)
    } else {
        None
    }
}

impl FromStr for Date {
    type Err = ();
    fn from_str(s: &str) -> Result<Date, ()> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        if parts.len() != 3 || parts[1].len() != 2 || parts[2].len() != 2 {
            return Err(());
        }
        let y = parse_year(parts[0]).ok_or(())?;
        let m: u8 = parts[1].parse().map_err(|_| ())?;
        let d: u8 = parts[2].parse().map_err(|_| ())?;
        Date::new(y, m, d).ok_or(())
    }
}

/// The period a figure is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    /// A calendar year.
    Year(i32),
    /// A quarter 1-4 of a year.
    Quarter(i32, u8),
    /// A single day (used for completion dates and point-in-time counts).
    Day(Date),
}

impl Period {
    /// The year the period falls in.
    pub fn year(&self) -> i32 {
        match self {
            Period::Year(y) | Period::Quarter(y, _) => *y,
            Period::Day(d) => d.year,
        }
    }

    /// The last day of the period.
    pub fn end(&self) -> Date {
        match *self {
            Period::Year(y) => Date::end_of_year(y),
            Period::Quarter(y, q) => {
                let month = q * 3;
                Date { year: y, month, day: days_in_month(y, month) }
            }
            Period::Day(d) => d,
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y:04}"),
            Period::Quarter(y, q) => write!(f, "{y:04}-Q{q}"),
            Period::Day(d) => write!(f, "{d}"),
        }
    }
}

impl FromStr for Period {
    type Err = ();
    /// `2026`, `2026-Q1` (also `2026Q1`, `Q1/2026`), or `2026-03-15`.
    fn from_str(s: &str) -> Result<Period, ()> {
        let s = s.trim();
        if let Some(y) = parse_year(s) {
            return Ok(Period::Year(y));
        }
        let upper = s.to_ascii_uppercase();
        let quarter = |y: &str, q: &str| -> Option<Period> {
            let y = parse_year(y)?;
            let q: u8 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
            Some(Period::Quarter(y, q))
        };
        if let Some((y, q)) = upper.split_once("-Q").or_else(|| upper.split_once('Q').filter(|(y, _)| y.len() == 4)) {
            return quarter(y, q).ok_or(());
        }
        if let Some(rest) = upper.strip_prefix('Q') {
            if let Some((q, y)) = rest.split_once('/') {
                return quarter(y, q).ok_or(());
            }
        }
        Date::from_str(s).map(Period::Day)
    }
}

macro_rules! string_serde {
    ($t:ty, $what:literal) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                <$t>::from_str(&s).map_err(|_| serde::de::Error::custom(format!("not {}: {s:?}", $what)))
            }
        }
    };
}
string_serde!(Date, "a date (YYYY-MM-DD)");
string_serde!(Period, "a period (YYYY, YYYY-Qn or YYYY-MM-DD)");

#[cfg(feature = "schema")]
macro_rules! string_schema {
    ($t:ty, $name:literal, $description:literal, $pattern:literal) => {
        impl schemars::JsonSchema for $t {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({"type": "string", "description": $description, "pattern": $pattern})
            }
        }
    };
}
#[cfg(feature = "schema")]
string_schema!(Date, "Date", "A day: YYYY-MM-DD.", r"^\d{4}-\d{2}-\d{2}$");
#[cfg(feature = "schema")]
string_schema!(
    Period,
    "Period",
    "A year (2030), a quarter (2026-Q1) or a day (2026-03-15).",
    r"^\d{4}(-Q[1-4]|-\d{2}-\d{2})?$"
);

/// Parse an as-of date: `2027` (end of that year), `2027-Q2` (end of the quarter) or `2027-06-30`.
pub fn parse_as_of(s: &str) -> Option<Date> {
    Period::from_str(s).ok().map(|p| p.end())
}

/// The proleptic Gregorian date `days` after 1970-01-01, as (year, month, day): H. Hinnant's `civil_from_days`. For
/// the readers of dates stored as day counts (spreadsheet serials, Arrow's Date32).
#[cfg(any(feature = "wide", feature = "columnar"))]
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_periods() {
        assert_eq!("2026".parse::<Period>(), Ok(Period::Year(2026)));
        assert_eq!("2026-Q1".parse::<Period>(), Ok(Period::Quarter(2026, 1)));
        assert_eq!("2026q4".parse::<Period>(), Ok(Period::Quarter(2026, 4)));
        assert_eq!("Q1/2026".parse::<Period>(), Ok(Period::Quarter(2026, 1)));
        assert_eq!("2026-02-28".parse::<Period>(), Ok(Period::Day(Date { year: 2026, month: 2, day: 28 })));
        for bad in ["2026-Q5", "2026-Q0", "26", "2026-02-29", "2026-13-01", "", "x2026", "2026-1-01", "0000"] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
        assert_eq!("2024-02-29".parse::<Period>().unwrap().end(), Date { year: 2024, month: 2, day: 29 });
    }

    #[test]
    fn ends() {
        assert_eq!(Period::Quarter(2026, 1).end().to_string(), "2026-03-31");
        assert_eq!(Period::Quarter(2026, 2).end().to_string(), "2026-06-30");
        assert_eq!(Period::Year(2030).end().to_string(), "2030-12-31");
        assert_eq!(parse_as_of("2027").unwrap().to_string(), "2027-12-31");
    }
}
