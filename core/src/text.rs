//! Plain-language explanations in Vietnamese and English, and number formatting.
//!
//! Vietnamese text writes numbers the Vietnamese way (`2.500`, `11,23`); English text the English way
//! (`2,500`, `11.23`).
//!
//! Every text is written straight into its own `String` (one allocation for each), through the small
//! [`Display`] types below, so a whole catalogue's explanations cost little beside the verdicts.

use crate::evaluate::Evaluation;
use crate::model::{ChangeKind, Indicator, Reading, Rule, Target, Timing};
use crate::period::{Date, Period};
use crate::status::Status;
use crate::units::English;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::fmt::{self, Display, Write as _};

/// A decimal written with the given thousands and decimal separators, without trailing zeros; formatted from
/// the mantissa's digits, with no intermediate string.
pub(crate) struct Num {
    d: Decimal,
    thousands: char,
    decimal: char,
}

impl Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.d.normalize();
        let mantissa = d.mantissa();
        let scale = d.scale() as usize;
        // a 96-bit mantissa has at most 29 digits
        let mut digits = [b'0'; 40];
        let mut n = 0;
        let mut m = mantissa.unsigned_abs();
        while m > 0 {
            digits[digits.len() - 1 - n] = b'0' + (m % 10) as u8;
            m /= 10;
            n += 1;
        }
        // at least one integer digit and the scale's digits (leading zeros are already '0')
        let width = n.max(scale + 1);
        let all = &digits[digits.len() - width..];
        let (int, frac) = all.split_at(width - scale);
        if mantissa < 0 {
            f.write_char('-')?;
        }
        for (i, c) in int.iter().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                f.write_char(self.thousands)?;
            }
            f.write_char(char::from(*c))?;
        }
        if !frac.is_empty() {
            f.write_char(self.decimal)?;
            for c in frac {
                f.write_char(char::from(*c))?;
            }
        }
        Ok(())
    }
}

pub(crate) fn nv(d: Decimal) -> Num {
    Num { d, thousands: '.', decimal: ',' }
}

pub(crate) fn ne(d: Decimal) -> Num {
    Num { d, thousands: ',', decimal: '.' }
}

/// A number in Vietnamese notation: `2.500`, `11,23`.
pub fn vi(d: Decimal) -> String {
    nv(d).to_string()
}

/// A number in English notation: `2,500`, `11.23`.
pub fn en(d: Decimal) -> String {
    ne(d).to_string()
}

/// A unit after a number: `%`, `‰` and `%/năm` stick to it, other units follow a space.
pub(crate) struct Suffix<'a>(pub(crate) &'a str);

impl Display for Suffix<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.0.starts_with(['%', '‰']) {
            f.write_char(' ')?;
        }
        f.write_str(self.0)
    }
}

/// The unit of a change in points of an indicator's unit: "điểm %" (percentage points) for a share in percent,
/// "điểm ‰" for a per-mille rate; any other unit as it is (a change of 15 thôn is in thôn).
pub fn points_unit(unit: &str) -> Cow<'_, str> {
    match unit {
        "%" => Cow::Borrowed("điểm %"),
        "‰" => Cow::Borrowed("điểm ‰"),
        u => Cow::Borrowed(u),
    }
}

/// The unit of an evaluation's value (and margin): what the rule is stated in. The indicator's unit for a level,
/// share or count; `%/năm` for average growth; for the change timings, `%` (relative), the indicator's unit in
/// points (absolute: "điểm %" for a share) or `lần` (a multiple), a year for the average change; `%` for a
/// coverage over a universe (`percent`).
pub fn value_unit<'a>(timing: &Timing, indicator: &'a Indicator, percent: bool) -> Cow<'a, str> {
    match timing {
        Timing::AverageGrowth { .. } | Timing::AverageChange { reading: Some(Reading::Relative), .. } => {
            Cow::Borrowed("%/năm")
        }
        Timing::AverageChange { .. } => Cow::Owned(format!("{}/năm", points_unit(&indicator.unit))),
        Timing::Change { change: Some(ChangeKind::Relative), .. }
        | Timing::YearlyChange { reading: Some(Reading::Relative), .. } => Cow::Borrowed("%"),
        Timing::Change { change: Some(ChangeKind::Multiple), .. } => Cow::Borrowed("lần"),
        Timing::Change { .. } | Timing::YearlyChange { .. } => points_unit(&indicator.unit),
        _ if percent => Cow::Borrowed("%"),
        _ => Cow::Borrowed(&indicator.unit),
    }
}

/// A unit in English words (the plural) where the library writes one in Vietnamese ("%/năm" is "% a year",
/// "điểm %" "percentage points", "lần" "times") or where [`crate::units`] knows the word ("hộ/năm" is "households
/// a year", "tấn" "tonnes"); any other word is kept. An evaluation's own English unit, which follows the
/// catalogue's `unit_en`, is [`Evaluation::unit_en`]: prefer it.
pub fn unit_en(unit: &str) -> Cow<'_, str> {
    let (stem, year) = match unit.strip_suffix("/năm") {
        Some(stem) => (stem, " a year"),
        None => (unit, ""),
    };
    let stem: Cow<'_, str> = match stem {
        "điểm %" => Cow::Borrowed("percentage points"),
        "điểm ‰" => Cow::Borrowed("‰ points"),
        "lần" => Cow::Borrowed("times"),
        s => match crate::units::english(s) {
            Some(e) => e.other,
            None => Cow::Borrowed(s),
        },
    };
    if year.is_empty() && stem == unit {
        Cow::Borrowed(unit)
    } else {
        Cow::Owned(format!("{stem}{year}"))
    }
}

/// The English of [`value_unit`], singular and plural: the indicator's English unit ([`Indicator::unit_english`])
/// where the value is in it, and the library's words otherwise ("% a year", "percentage points", "times").
pub fn value_unit_en(timing: &Timing, indicator: &Indicator, percent: bool) -> English {
    let fixed = |s: &'static str| English { one: Cow::Borrowed(s), other: Cow::Borrowed(s), generic: false };
    let points = || match indicator.unit.as_str() {
        "%" => English {
            one: Cow::Borrowed("percentage point"),
            other: Cow::Borrowed("percentage points"),
            generic: false,
        },
        "‰" => English { one: Cow::Borrowed("‰ point"), other: Cow::Borrowed("‰ points"), generic: false },
        _ => indicator.unit_english(),
    };
    match timing {
        Timing::AverageGrowth { .. } | Timing::AverageChange { reading: Some(Reading::Relative), .. } => {
            fixed("% a year")
        }
        Timing::AverageChange { .. } => {
            let p = points();
            English {
                one: Cow::Owned(format!("{} a year", p.one)),
                other: Cow::Owned(format!("{} a year", p.other)),
                generic: p.generic,
            }
        }
        Timing::Change { change: Some(ChangeKind::Relative), .. }
        | Timing::YearlyChange { reading: Some(Reading::Relative), .. } => fixed("%"),
        Timing::Change { change: Some(ChangeKind::Multiple), .. } => fixed("times"),
        Timing::Change { .. } | Timing::YearlyChange { .. } => points(),
        _ if percent => fixed("%"),
        _ => indicator.unit_english(),
    }
}

/// The number a rule's words put just before the unit: the value, the aim of a range, the far end of a band.
fn unit_number(rule: &Rule) -> Decimal {
    match rule {
        Rule::AtLeast { value }
        | Rule::MoreThan { value }
        | Rule::AtMost { value }
        | Rule::LessThan { value }
        | Rule::Exactly { value }
        | Rule::About { value, .. } => *value,
        Rule::Range { aim, .. } => *aim,
        Rule::Band { low, high } => {
            if *high <= Decimal::ZERO {
                *low
            } else {
                *high
            }
        }
        Rule::All | Rule::None | Rule::Done => Decimal::ZERO,
    }
}

/// A period in Vietnamese words.
pub(crate) struct PeriodVi(pub(crate) Period);

impl Display for PeriodVi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Period::Year(y) => write!(f, "năm {y}"),
            Period::Quarter(y, q) => write!(f, "Quý {}/{y}", ["I", "II", "III", "IV"][usize::from(q - 1)]),
            Period::Day(d) => write!(f, "ngày {}", DateVi(d)),
        }
    }
}

/// A period in English words.
pub(crate) struct PeriodEn(pub(crate) Period);

impl Display for PeriodEn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Period::Year(y) => write!(f, "{y}"),
            Period::Quarter(y, q) => write!(f, "Q{q} {y}"),
            Period::Day(d) => write!(f, "{d}"),
        }
    }
}

/// A date the Vietnamese way: day/month/year.
pub(crate) struct DateVi(pub(crate) Date);

impl Display for DateVi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}", self.0.day, self.0.month, self.0.year)
    }
}

/// A period in Vietnamese words.
pub fn period_vi(p: Period) -> String {
    PeriodVi(p).to_string()
}

/// A period in English words.
pub fn period_en(p: Period) -> String {
    PeriodEn(p).to_string()
}

/// Two texts being written, Vietnamese and English.
pub(crate) struct Pair {
    pub(crate) vi: String,
    pub(crate) en: String,
}

impl Pair {
    pub(crate) fn new() -> Pair {
        Pair { vi: String::with_capacity(160), en: String::with_capacity(160) }
    }

    /// Append to both (writing to a `String` cannot fail).
    pub(crate) fn add(&mut self, vi: fmt::Arguments<'_>, en: fmt::Arguments<'_>) {
        let _ = self.vi.write_fmt(vi);
        let _ = self.en.write_fmt(en);
    }

    pub(crate) fn str(&mut self, vi: &str, en: &str) {
        self.vi.push_str(vi);
        self.en.push_str(en);
    }

    pub(crate) fn done(mut self) -> (String, String) {
        self.vi.push('.');
        self.en.push('.');
        (self.vi, self.en)
    }

    pub(crate) fn end(self) -> (String, String) {
        (self.vi, self.en)
    }
}

/// The rule in words: (Vietnamese, English).
pub fn reference(t: &Target, ind: &Indicator, tolerance: Decimal) -> (String, String) {
    let unit = value_unit(&t.timing, ind, false);
    let english = value_unit_en(&t.timing, ind, false);
    let unit_e = english.of(unit_number(&t.rule));
    let (u, ue) = (Suffix(&unit), Suffix(&unit_e));
    let growth = matches!(t.timing, Timing::AverageGrowth { .. });
    let mut p = Pair::new();
    match (&t.rule, &t.timing) {
        (_, Timing::Change { change: Some(ChangeKind::Multiple), .. }) => multiple_words(&mut p, &t.rule, tolerance),
        (_, Timing::Change { .. } | Timing::AverageChange { .. } | Timing::YearlyChange { .. }) => {
            change_words(&mut p, &t.rule, &t.timing, u, ue, tolerance)
        }
        (Rule::AtLeast { value }, _) => {
            p.add(format_args!("từ {}{u} trở lên", nv(*value)), format_args!("at least {}{ue}", ne(*value)))
        }
        (Rule::MoreThan { value }, _) => {
            p.add(format_args!("trên {}{u}", nv(*value)), format_args!("more than {}{ue}", ne(*value)))
        }
        (Rule::AtMost { value }, _) => {
            p.add(format_args!("không quá {}{u}", nv(*value)), format_args!("at most {}{ue}", ne(*value)))
        }
        (Rule::LessThan { value }, _) => {
            p.add(format_args!("dưới {}{u}", nv(*value)), format_args!("less than {}{ue}", ne(*value)))
        }
        (Rule::Exactly { value }, _) => {
            p.add(format_args!("đúng {}{u}", nv(*value)), format_args!("exactly {}{ue}", ne(*value)))
        }
        (Rule::All, _) => p.str("100% (tất cả)", "100% (all)"),
        (Rule::None, _) => p.str("không có (bằng 0)", "none (zero)"),
        (Rule::Range { floor, aim, aim_inclusive }, _) => {
            if *aim_inclusive {
                p.add(
                    format_args!("ít nhất {}, phấn đấu {}{u}", nv(*floor), nv(*aim)),
                    format_args!("at least {}, aiming at {}{ue}", ne(*floor), ne(*aim)),
                )
            } else if growth && floor < &Decimal::ZERO {
                p.add(
                    format_args!("giảm từ {}% đến {}%/năm", nv(-*floor), nv(-*aim)),
                    format_args!("a decline of {}% to {}% a year", ne(-*floor), ne(-*aim)),
                )
            } else {
                p.add(
                    format_args!("từ {} đến {}{u}", nv(*floor), nv(*aim)),
                    format_args!("from {} to {}{ue}", ne(*floor), ne(*aim)),
                )
            }
        }
        (Rule::About { value, .. }, _) => p.add(
            format_args!("khoảng {}{u} (±{})", nv(*value), nv(tolerance)),
            format_args!("about {}{ue} (±{})", ne(*value), ne(tolerance)),
        ),
        (Rule::Done, _) => p.str("hoàn thành", "completed"),
        (Rule::Band { low, high }, _) => p.add(
            format_args!("trong khoảng {}-{}{u} (cả hai đầu)", nv(*low), nv(*high)),
            format_args!("between {} and {}{ue} (both ends bind)", ne(*low), ne(*high)),
        ),
    }
    if let Some(n) = t.out_of {
        p.add(format_args!(" (trên tổng số {})", nv(n)), format_args!(" (of {})", ne(n)));
    }
    match &t.timing {
        Timing::Yearly { from, to } => {
            p.add(format_args!(", mỗi năm {from}-{to}"), format_args!(", every year {from}-{to}"))
        }
        Timing::Quarterly { from, to } => {
            p.add(format_args!(", mỗi quý {from}-{to}"), format_args!(", every quarter {from}-{to}"))
        }
        Timing::AverageGrowth { from, to } => p.add(
            // a range already says growth ("từ 16 đến 18%/năm"): only "bình quân"
            format_args!(
                ", {}bình quân {from}-{to} so với {}",
                if matches!(t.rule, Rule::Range { .. }) { "" } else { "tăng " },
                from - 1
            ),
            format_args!(", average annual growth {from}-{to} from {}", from - 1),
        ),
        Timing::Cumulative { from, to } => {
            p.add(format_args!(", cộng dồn {from}-{to}"), format_args!(", in total over {from}-{to}"))
        }
        Timing::Coverage { from, to, .. } => p.add(
            format_args!(", số đối tượng khác nhau {from}-{to}"),
            format_args!(", distinct entities over {from}-{to}"),
        ),
        Timing::Deadline { by } => {
            p.add(format_args!(", đến {}", PeriodVi(*by)), format_args!(", by {}", PeriodEn(*by)))
        }
        Timing::Change { base, to, .. } => {
            if zero_comparative(&t.rule) {
                p.add(format_args!(" năm {base}, đến năm {to}"), format_args!(" in {base}, by {to}"))
            } else {
                p.add(format_args!(" so với năm {base}, đến năm {to}"), format_args!(" on {base}, by {to}"))
            }
        }
        Timing::AverageChange { from, to, reading } => {
            let (kv, ke) = match reading {
                Some(Reading::Relative) => (" (tăng trưởng kép)", " compound"),
                _ => ("", ""),
            };
            p.add(
                format_args!(", bình quân{kv} {from}-{to} so với {}", from - 1),
                format_args!(",{ke} average {from}-{to} from {}", from - 1),
            )
        }
        Timing::Average { from, to } => {
            p.add(format_args!(", bình quân mỗi năm {from}-{to}"), format_args!(", the yearly mean over {from}-{to}"))
        }
        Timing::YearlyChange { from, to, .. } => {
            if zero_comparative(&t.rule) {
                p.add(
                    format_args!(" năm trước, mỗi năm {from}-{to}"),
                    format_args!(" the year before, every year {from}-{to}"),
                )
            } else {
                p.add(
                    format_args!(" so với năm trước, mỗi năm {from}-{to}"),
                    format_args!(" on the year before, every year {from}-{to}"),
                )
            }
        }
    }
    if t.per_entity {
        p.str(" (mỗi đối tượng)", " (each entity)");
    }
    p.end()
}

/// A change compared with zero, said as a comparison: "cao hơn năm trước" (more than 0), "không thấp hơn".
fn zero_comparative(rule: &Rule) -> bool {
    matches!(
        rule,
        Rule::MoreThan { value } | Rule::AtLeast { value } | Rule::LessThan { value } | Rule::AtMost { value }
            if value.is_zero()
    )
}

/// A change's rule in words, with the verb its sign asks for: "tăng từ 35% trở lên" (at least 35), "giảm từ 20%
/// trở lên" (at most -20), "cao hơn" (more than 0: the timing's words add "năm trước" or the base year).
fn change_words(p: &mut Pair, rule: &Rule, timing: &Timing, u: Suffix<'_>, ue: Suffix<'_>, tolerance: Decimal) {
    let z = Decimal::ZERO;
    // (rises, Vietnamese verb, English noun)
    let verb = |rise: bool| if rise { ("tăng", "a rise") } else { ("giảm", "a fall") };
    // an average change a year says it is on average after the rule ("bình quân ... so với 2025")
    let than = if matches!(timing, Timing::AverageChange { .. }) { "" } else { " than" };
    match rule {
        Rule::MoreThan { value } if value.is_zero() => p.add(format_args!("cao hơn"), format_args!("higher{}", than)),
        Rule::AtLeast { value } if value.is_zero() => {
            p.add(format_args!("không thấp hơn"), format_args!("not lower{}", than))
        }
        Rule::LessThan { value } if value.is_zero() => p.add(format_args!("thấp hơn"), format_args!("lower{}", than)),
        Rule::AtMost { value } if value.is_zero() => {
            p.add(format_args!("không cao hơn"), format_args!("not higher{}", than))
        }
        Rule::AtLeast { value } => {
            let (v, e) = verb(*value > z);
            let (wv, tail, we) =
                if *value > z { ("từ", " trở lên", "at least") } else { ("không quá", "", "at most") };
            p.add(
                format_args!("{v} {wv} {}{u}{tail}", nv(value.abs())),
                format_args!("{e} of {we} {}{ue}", ne(value.abs())),
            )
        }
        Rule::MoreThan { value } => {
            let (v, e) = verb(*value > z);
            let (wv, we) = if *value > z { ("trên", "more than") } else { ("ít hơn", "less than") };
            p.add(format_args!("{v} {wv} {}{u}", nv(value.abs())), format_args!("{e} of {we} {}{ue}", ne(value.abs())))
        }
        Rule::AtMost { value } => {
            let (v, e) = verb(*value > z);
            let (wv, we, tail) =
                if *value < z { ("từ", "at least", " trở lên") } else { ("không quá", "at most", "") };
            p.add(
                format_args!("{v} {wv} {}{u}{tail}", nv(value.abs())),
                format_args!("{e} of {we} {}{ue}", ne(value.abs())),
            )
        }
        Rule::LessThan { value } => {
            let (v, e) = verb(*value > z);
            let (wv, we) = if *value < z { ("trên", "more than") } else { ("dưới", "less than") };
            p.add(format_args!("{v} {wv} {}{u}", nv(value.abs())), format_args!("{e} of {we} {}{ue}", ne(value.abs())))
        }
        Rule::Exactly { value } => {
            let (v, e) = verb(*value >= z);
            p.add(
                format_args!("{v} đúng {}{u}", nv(value.abs())),
                format_args!("{e} of exactly {}{ue}", ne(value.abs())),
            )
        }
        Rule::Range { floor, aim, aim_inclusive } => {
            let same_sign = (*floor >= z && *aim >= z) || (*floor <= z && *aim <= z);
            let (v, e) = if same_sign { verb(*floor > z || *aim > z) } else { ("thay đổi", "a change") };
            let show = |d: Decimal| if same_sign { d.abs() } else { d };
            if *aim_inclusive {
                p.add(
                    format_args!("{v} ít nhất {}, phấn đấu {}{u}", nv(show(*floor)), nv(show(*aim))),
                    format_args!("{e} of at least {}, aiming at {}{ue}", ne(show(*floor)), ne(show(*aim))),
                )
            } else {
                p.add(
                    format_args!("{v} từ {} đến {}{u}", nv(show(*floor)), nv(show(*aim))),
                    format_args!("{e} of {} to {}{ue}", ne(show(*floor)), ne(show(*aim))),
                )
            }
        }
        Rule::About { value, .. } => {
            let (v, e) = verb(*value >= z);
            p.add(
                format_args!("{v} khoảng {}{u} (±{})", nv(value.abs()), nv(tolerance)),
                format_args!("{e} of about {}{ue} (±{})", ne(value.abs()), ne(tolerance)),
            )
        }
        Rule::Band { low, high } => {
            if *low >= z {
                p.add(
                    format_args!("tăng trong khoảng {}-{}{u} (cả hai đầu)", nv(*low), nv(*high)),
                    format_args!("a rise of {} to {}{ue} (both ends bind)", ne(*low), ne(*high)),
                )
            } else if *high <= z {
                p.add(
                    format_args!("giảm trong khoảng {}-{}{u} (cả hai đầu)", nv(-*high), nv(-*low)),
                    format_args!("a fall of {} to {}{ue} (both ends bind)", ne(-*high), ne(-*low)),
                )
            } else {
                p.add(
                    format_args!("thay đổi trong khoảng {} đến {}{u} (cả hai đầu)", nv(*low), nv(*high)),
                    format_args!("a change of {} to {}{ue} (both ends bind)", ne(*low), ne(*high)),
                )
            }
        }
        // refused by the loader on a change
        Rule::All | Rule::None | Rule::Done => p.str("—", "—"),
    }
}

/// A multiple's rule in words: "gấp từ 1,5 lần trở lên" / "at least 1.5 times".
fn multiple_words(p: &mut Pair, rule: &Rule, tolerance: Decimal) {
    match rule {
        Rule::AtLeast { value } => {
            p.add(format_args!("gấp từ {} lần trở lên", nv(*value)), format_args!("at least {} times", ne(*value)))
        }
        Rule::MoreThan { value } => {
            p.add(format_args!("gấp trên {} lần", nv(*value)), format_args!("more than {} times", ne(*value)))
        }
        Rule::AtMost { value } => {
            p.add(format_args!("gấp không quá {} lần", nv(*value)), format_args!("at most {} times", ne(*value)))
        }
        Rule::LessThan { value } => {
            p.add(format_args!("gấp dưới {} lần", nv(*value)), format_args!("less than {} times", ne(*value)))
        }
        Rule::Exactly { value } => {
            p.add(format_args!("gấp đúng {} lần", nv(*value)), format_args!("exactly {} times", ne(*value)))
        }
        Rule::Range { floor, aim, aim_inclusive: true } => p.add(
            format_args!("gấp ít nhất {}, phấn đấu {} lần", nv(*floor), nv(*aim)),
            format_args!("at least {}, aiming at {} times", ne(*floor), ne(*aim)),
        ),
        Rule::Range { floor, aim, .. } => p.add(
            format_args!("gấp từ {} đến {} lần", nv(*floor), nv(*aim)),
            format_args!("{} to {} times", ne(*floor), ne(*aim)),
        ),
        Rule::About { value, .. } => p.add(
            format_args!("gấp khoảng {} lần (±{})", nv(*value), nv(tolerance)),
            format_args!("about {} times (±{})", ne(*value), ne(tolerance)),
        ),
        Rule::Band { low, high } => p.add(
            format_args!("gấp từ {} đến {} lần (cả hai đầu)", nv(*low), nv(*high)),
            format_args!("{} to {} times (both ends bind)", ne(*low), ne(*high)),
        ),
        Rule::All | Rule::None | Rule::Done => p.str("—", "—"),
    }
}

/// A yes/no figure judged by "done" every period (a status indicator on a yearly or quarterly timing) is shown
/// as yes/no rather than as the 100/0 the rule compares.
pub(crate) fn yes_no(ev: &Evaluation) -> Option<(&'static str, &'static str)> {
    match (&ev.rule, ev.value) {
        (Rule::Done, Some(v)) => Some(if v >= Decimal::ONE_HUNDRED { ("có", "yes") } else { ("không", "no") }),
        _ => None,
    }
}

/// The value judged with its unit (or yes/no), in Vietnamese (`vi`) or English.
pub(crate) struct Value<'a> {
    ev: &'a Evaluation,
    vi: bool,
}

impl Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ev = self.ev;
        if let Some((v, e)) = yes_no(ev) {
            return f.write_str(if self.vi { v } else { e });
        }
        match ev.value {
            Some(v) if self.vi => write!(f, "{}{}", nv(v), Suffix(&ev.unit)),
            Some(v) => write!(f, "{}{}", ne(v), Suffix(ev.unit_en_of(v))),
            None => f.write_str("—"),
        }
    }
}

pub(crate) fn values(ev: &Evaluation) -> (Value<'_>, Value<'_>) {
    (Value { ev, vi: true }, Value { ev, vi: false })
}

/// How far beyond or short of the commitment (nothing for rules without a side).
pub(crate) struct Margin<'a> {
    ev: &'a Evaluation,
    vi: bool,
}

impl Display for Margin<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if matches!(self.ev.rule, Rule::About { .. } | Rule::Exactly { .. } | Rule::Done) {
            return Ok(());
        }
        match self.ev.margin {
            Some(m) if m < Decimal::ZERO && self.vi => write!(f, ", còn thiếu {}", nv(-m)),
            Some(m) if m < Decimal::ZERO => write!(f, ", {} short", ne(-m)),
            Some(m) if m > Decimal::ZERO && self.vi => write!(f, ", vượt {}", nv(m)),
            Some(m) if m > Decimal::ZERO => write!(f, ", {} beyond", ne(m)),
            _ => Ok(()),
        }
    }
}

pub(crate) fn margins(ev: &Evaluation) -> (Margin<'_>, Margin<'_>) {
    (Margin { ev, vi: true }, Margin { ev, vi: false })
}

pub(crate) fn status_words(s: Status) -> (&'static str, &'static str) {
    (s.label_vi(), s.label_en())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn notation() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(vi(d("2500")), "2.500");
        assert_eq!(vi(d("11.23")), "11,23");
        assert_eq!(en(d("1234567.5")), "1,234,567.5");
        assert_eq!(vi(d("-1234.50")), "-1.234,5");
        assert_eq!(en(d("100")), "100");
    }
}
