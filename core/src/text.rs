//! Plain-language explanations in Vietnamese and English, and number formatting.
//!
//! Vietnamese text writes numbers the Vietnamese way (`2.500`, `11,23`); English text the English way
//! (`2,500`, `11.23`).
//!
//! Every text is written straight into its own `String` (one allocation for each), through the small
//! [`Display`] types below, so a whole catalogue's explanations cost little beside the verdicts.

use crate::evaluate::Evaluation;
use crate::model::{Indicator, Rule, Target, Timing};
use crate::period::{Date, Period};
use crate::status::Status;
use rust_decimal::Decimal;
use std::fmt::{self, Display, Write as _};

/// A decimal written with the given thousands and decimal separators, without trailing zeros; formatted from
/// the mantissa's digits, with no intermediate string.
struct Num {
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

fn nv(d: Decimal) -> Num {
    Num { d, thousands: '.', decimal: ',' }
}

fn ne(d: Decimal) -> Num {
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

/// A unit after a number: `%` and `%/năm` stick to it, other units follow a space.
struct Suffix<'a>(&'a str);

impl Display for Suffix<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.0.starts_with('%') {
            f.write_char(' ')?;
        }
        f.write_str(self.0)
    }
}

/// A period in Vietnamese words.
struct PeriodVi(Period);

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
struct PeriodEn(Period);

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
struct DateVi(Date);

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
struct Pair {
    vi: String,
    en: String,
}

impl Pair {
    fn new() -> Pair {
        Pair { vi: String::with_capacity(160), en: String::with_capacity(160) }
    }

    /// Append to both (writing to a `String` cannot fail).
    fn add(&mut self, vi: fmt::Arguments<'_>, en: fmt::Arguments<'_>) {
        let _ = self.vi.write_fmt(vi);
        let _ = self.en.write_fmt(en);
    }

    fn str(&mut self, vi: &str, en: &str) {
        self.vi.push_str(vi);
        self.en.push_str(en);
    }

    fn done(mut self) -> (String, String) {
        self.vi.push('.');
        self.en.push('.');
        (self.vi, self.en)
    }

    fn end(self) -> (String, String) {
        (self.vi, self.en)
    }
}

/// The rule in words: (Vietnamese, English).
pub fn reference(t: &Target, ind: &Indicator, tolerance: Decimal) -> (String, String) {
    let growth = matches!(t.timing, Timing::AverageGrowth { .. });
    let (u, ue) = if growth { (Suffix("%/năm"), Suffix("% a year")) } else { (Suffix(&ind.unit), Suffix(&ind.unit)) };
    let mut p = Pair::new();
    match &t.rule {
        Rule::AtLeast { value } => {
            p.add(format_args!("từ {}{u} trở lên", nv(*value)), format_args!("at least {}{ue}", ne(*value)))
        }
        Rule::MoreThan { value } => {
            p.add(format_args!("trên {}{u}", nv(*value)), format_args!("more than {}{ue}", ne(*value)))
        }
        Rule::AtMost { value } => {
            p.add(format_args!("không quá {}{u}", nv(*value)), format_args!("at most {}{ue}", ne(*value)))
        }
        Rule::LessThan { value } => {
            p.add(format_args!("dưới {}{u}", nv(*value)), format_args!("less than {}{ue}", ne(*value)))
        }
        Rule::Exactly { value } => {
            p.add(format_args!("đúng {}{u}", nv(*value)), format_args!("exactly {}{ue}", ne(*value)))
        }
        Rule::All => p.str("100% (tất cả)", "100% (all)"),
        Rule::None => p.str("không có (bằng 0)", "none (zero)"),
        Rule::Range { floor, aim, aim_inclusive } => {
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
        Rule::About { value, .. } => p.add(
            format_args!("khoảng {}{u} (±{})", nv(*value), nv(tolerance)),
            format_args!("about {}{ue} (±{})", ne(*value), ne(tolerance)),
        ),
        Rule::Done => p.str("hoàn thành", "completed"),
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
    }
    if t.per_entity {
        p.str(" (mỗi đối tượng)", " (each entity)");
    }
    p.end()
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
struct Value<'a> {
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
            Some(v) if ev.unit == "%/năm" => write!(f, "{}% a year", ne(v)),
            Some(v) => write!(f, "{}{}", ne(v), Suffix(&ev.unit)),
            None => f.write_str("—"),
        }
    }
}

fn values(ev: &Evaluation) -> (Value<'_>, Value<'_>) {
    (Value { ev, vi: true }, Value { ev, vi: false })
}

/// How far beyond or short of the commitment (nothing for rules without a side).
struct Margin<'a> {
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

fn margins(ev: &Evaluation) -> (Margin<'_>, Margin<'_>) {
    (Margin { ev, vi: true }, Margin { ev, vi: false })
}

fn status_words(s: Status) -> (&'static str, &'static str) {
    (s.label_vi(), s.label_en())
}

/// Yearly or quarterly targets.
pub fn periodic(
    ev: &Evaluation,
    due: usize,
    met: usize,
    missed: usize,
    missing: usize,
    total: usize,
    per_entity: bool,
) -> (String, String) {
    let (sv, se) = status_words(ev.status);
    let mut p = Pair::new();
    if due == 0 {
        p.add(
            format_args!("{sv}: chưa có kỳ nào đến hạn tính đến {}.", DateVi(ev.as_of)),
            format_args!("{se}: no period is due by {}.", ev.as_of),
        );
        return p.end();
    }
    p.add(
        format_args!("{sv}: {met}/{due} kỳ đã đến hạn đạt yêu cầu ({})", ev.reference_vi),
        format_args!("{se}: {met} of {due} periods due meet the target ({})", ev.reference_en),
    );
    if missed > 0 {
        p.add(format_args!("; {missed} kỳ không đạt"), format_args!("; {missed} missed"));
    }
    if missing > 0 {
        p.add(format_args!("; {missing} kỳ chưa có số liệu"), format_args!("; {missing} without a figure"));
    }
    if let Some(period) = ev.value_period {
        let ((v, e), (mv, me)) = (values(ev), margins(ev));
        let (wv, we) = if per_entity { (" (đối tượng thấp nhất)", " (weakest entity)") } else { ("", "") };
        p.add(
            format_args!(". Kỳ gần nhất {}: {v}{wv}{mv}", PeriodVi(period)),
            format_args!(". Latest, {}: {e}{we}{me}", PeriodEn(period)),
        );
    }
    if total > due && !ev.status.is_final() {
        p.add(
            format_args!(". Chỉ tiêu đòi hỏi đạt ở tất cả {total} kỳ"),
            format_args!(". The target needs every one of {total} periods"),
        );
    }
    p.done()
}

/// Growth targets without a usable figure.
pub fn growth_missing(ev: &Evaluation, base: i32, from: i32) -> (String, String) {
    let (sv, se) = status_words(ev.status);
    let mut p = Pair::new();
    p.add(
        format_args!(
            "{sv}: cần số liệu năm gốc {base} và ít nhất một năm từ {from} (hoặc tốc độ tăng từng năm) để tính tăng \
             bình quân ({})",
            ev.reference_vi
        ),
        format_args!(
            "{se}: average growth needs the {base} base level and a later year (or each year's growth rate) ({})",
            ev.reference_en
        ),
    );
    p.done()
}

/// Growth targets.
pub fn growth(ev: &Evaluation, base: i32, t: i32, final_verdict: bool) -> (String, String) {
    let (sv, se) = status_words(ev.status);
    let (v, e) = values(ev);
    let mut p = Pair::new();
    p.add(
        format_args!("{sv}: tăng bình quân {base}-{t} là {v} (yêu cầu {})", ev.reference_vi),
        format_args!("{se}: average growth {base}-{t} is {e} (target {})", ev.reference_en),
    );
    if !final_verdict {
        if let Some(r) = ev.rate_required {
            p.add(
                format_args!("; các năm còn lại cần tăng bình quân {}%/năm để đạt mức sàn", nv(r)),
                format_args!("; the remaining years need {}% a year to reach the floor", ne(r)),
            );
        }
        if let Some(x) = ev.projected {
            p.add(
                format_args!("; nếu giữ tốc độ hiện nay, năm cuối đạt {}", nv(x)),
                format_args!("; at the pace to date the last year would reach {}", ne(x)),
            );
        }
    }
    if ev.aim_reached == Some(true) {
        p.str("; đã đạt mức phấn đấu", "; the aim is reached");
    }
    p.str(
        ". Phán định tính chính xác bằng lũy thừa nguyên, không làm tròn",
        ". The verdict is exact (integer powers, no rounding)",
    );
    p.done()
}

/// Cumulative or coverage targets without figures.
pub fn cumulative_missing(ev: &Evaluation, from: i32, to: i32, coverage: bool) -> (String, String) {
    let (sv, se) = status_words(ev.status);
    let (wv, we) = if coverage {
        ("số đối tượng được bao phủ", "distinct entities covered")
    } else {
        ("số cộng dồn", "the running total")
    };
    let mut p = Pair::new();
    p.add(
        format_args!("{sv}: chưa có số liệu để tính {wv} {from}-{to} ({})", ev.reference_vi),
        format_args!("{se}: no figures yet for {we} {from}-{to} ({})", ev.reference_en),
    );
    p.done()
}

/// Cumulative or coverage targets.
pub fn cumulative(
    ev: &Evaluation,
    from: i32,
    to: i32,
    elapsed: i32,
    total: i32,
    coverage: bool,
    per_entity: Option<(usize, usize)>,
) -> (String, String) {
    let (sv, se) = status_words(ev.status);
    let ((v, e), (mv, me)) = (values(ev), margins(ev));
    let (wv, we) = if coverage {
        ("số đối tượng khác nhau đã bao phủ", "distinct entities covered")
    } else {
        ("cộng dồn", "total")
    };
    let mut p = Pair::new();
    p.add(
        format_args!(
            "{sv}: {wv} {from}-{to} đến nay là {v} (yêu cầu {}){mv}; đã qua {elapsed}/{total} năm",
            ev.reference_vi
        ),
        format_args!(
            "{se}: {we} {from}-{to} so far is {e} (target {}){me}; {elapsed} of {total} years elapsed",
            ev.reference_en
        ),
    );
    if let Some(x) = ev.expected_to_date.filter(|_| !ev.status.is_final()) {
        p.add(
            format_args!("; theo tiến độ đều cần khoảng {}", nv(x)),
            format_args!("; an even pace would have {} by now", ne(x)),
        );
    }
    if let Some((m, n)) = per_entity {
        p.add(format_args!("; {m}/{n} đối tượng đạt"), format_args!("; {m} of {n} entities meet it"));
    }
    p.done()
}

/// Deadline targets without a figure.
pub fn deadline_missing(ev: &Evaluation, by: Period) -> (String, String) {
    let (sv, se) = status_words(ev.status);
    let mut p = Pair::new();
    p.add(
        format_args!("{sv}: chưa có số liệu ({}, hạn {})", ev.reference_vi, PeriodVi(by)),
        format_args!("{se}: no figure yet ({}, due {})", ev.reference_en, PeriodEn(by)),
    );
    p.done()
}

/// Deadline targets.
pub fn deadline(
    ev: &Evaluation,
    by: Period,
    after: bool,
    baseline: Option<(Decimal, Period)>,
    per_entity: Option<(usize, usize)>,
) -> (String, String) {
    let (sv, se) = status_words(ev.status);
    let ((v, e), (mv, me)) = (values(ev), margins(ev));
    let mut p = Pair::new();
    let _ = write!(p.vi, "{sv}: ");
    let _ = write!(p.en, "{se}: ");
    if let Some(period) = ev.value_period {
        p.add(format_args!("{}", PeriodVi(period)), format_args!("{}", PeriodEn(period)));
    }
    p.add(
        format_args!(" đạt {v} (yêu cầu {}){mv}", ev.reference_vi),
        format_args!(" figure {e} (target {}){me}", ev.reference_en),
    );
    if !after {
        if let (Some((b, bp)), Some(x)) = (baseline, ev.expected_to_date) {
            p.add(
                format_args!(
                    "; từ mức {} ({}) theo lộ trình đều cần khoảng {} vào lúc này",
                    nv(b),
                    PeriodVi(bp),
                    nv(x)
                ),
                format_args!("; from {} in {} a straight path would need about {} by now", ne(b), PeriodEn(bp), ne(x)),
            );
        }
        if let Some(x) = ev.projected {
            p.add(
                format_args!("; theo xu hướng hiện nay {} sẽ đạt khoảng {}", PeriodVi(by), nv(x)),
                format_args!("; at the trend to date {} would be about {}", PeriodEn(by), ne(x)),
            );
        }
        if baseline.is_none() && ev.status == Status::AtRisk {
            p.str(
                "; chưa đạt và không có số liệu năm gốc để đo tiến độ",
                "; not met yet, and no base-year figure to measure progress from",
            );
        }
    }
    if let Some((m, n)) = per_entity {
        p.add(format_args!("; {m}/{n} đối tượng đạt"), format_args!("; {m} of {n} entities meet it"));
    }
    p.done()
}

/// Milestones.
pub fn milestone(ev: &Evaluation, by: Period, done: Option<Date>, explicit_not_done: bool) -> (String, String) {
    let (sv, se) = status_words(ev.status);
    let (dv, de) = (PeriodVi(by), PeriodEn(by));
    let mut p = Pair::new();
    match done {
        Some(d) => p.add(
            format_args!("{sv}: hoàn thành ngày {} (hạn {dv})", DateVi(d)),
            format_args!("{se}: completed on {d} (due {de})"),
        ),
        None if explicit_not_done => p.add(
            format_args!("{sv}: chưa hoàn thành khi hết hạn {dv}"),
            format_args!("{se}: not completed by the deadline, {de}"),
        ),
        None => p.add(
            format_args!("{sv}: chưa có thông tin hoàn thành (hạn {dv})"),
            format_args!("{se}: no completion reported (due {de})"),
        ),
    }
    p.done()
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
