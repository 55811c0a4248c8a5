//! Plain-language explanations in Vietnamese and English, and number formatting.
//!
//! Vietnamese text writes numbers the Vietnamese way (`2.500`, `11,23`); English text the English way
//! (`2,500`, `11.23`).

use crate::evaluate::Evaluation;
use crate::model::{Indicator, Rule, Target, Timing};
use crate::period::{Date, Period};
use crate::status::Status;
use rust_decimal::Decimal;

fn fmt_with(d: Decimal, thousands: char, decimal: char) -> String {
    let s = d.normalize().to_string();
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let mut out = String::with_capacity(s.len() + int.len() / 3 + 2);
    if neg {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(thousands);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(decimal);
        out.push_str(frac);
    }
    out
}

/// A number in Vietnamese notation: `2.500`, `11,23`.
pub fn vi(d: Decimal) -> String {
    fmt_with(d, '.', ',')
}

/// A number in English notation: `2,500`, `11.23`.
pub fn en(d: Decimal) -> String {
    fmt_with(d, ',', '.')
}

fn unit_suffix(unit: &str) -> String {
    if unit == "%" || unit.starts_with('%') {
        unit.to_string()
    } else {
        format!(" {unit}")
    }
}

/// The rule in words: (Vietnamese, English).
pub fn reference(t: &Target, ind: &Indicator, tolerance: Decimal) -> (String, String) {
    let growth = matches!(t.timing, Timing::AverageGrowth { .. });
    let u = if growth { "%/năm".to_string() } else { unit_suffix(&ind.unit) };
    let ue = if growth { "% a year".to_string() } else { unit_suffix(&ind.unit) };
    let (mut v, mut e) = match &t.rule {
        Rule::AtLeast { value } => (format!("từ {}{u} trở lên", vi(*value)), format!("at least {}{ue}", en(*value))),
        Rule::MoreThan { value } => (format!("trên {}{u}", vi(*value)), format!("more than {}{ue}", en(*value))),
        Rule::AtMost { value } => (format!("không quá {}{u}", vi(*value)), format!("at most {}{ue}", en(*value))),
        Rule::LessThan { value } => (format!("dưới {}{u}", vi(*value)), format!("less than {}{ue}", en(*value))),
        Rule::Exactly { value } => (format!("đúng {}{u}", vi(*value)), format!("exactly {}{ue}", en(*value))),
        Rule::All => ("100% (tất cả)".to_string(), "100% (all)".to_string()),
        Rule::None => ("không có (bằng 0)".to_string(), "none (zero)".to_string()),
        Rule::Range { floor, aim, aim_inclusive } => {
            if *aim_inclusive {
                (
                    format!("ít nhất {}, phấn đấu {}{u}", vi(*floor), vi(*aim)),
                    format!("at least {}, aiming at {}{ue}", en(*floor), en(*aim)),
                )
            } else if growth && floor < &Decimal::ZERO {
                (
                    format!("giảm từ {}% đến {}%/năm", vi(-*floor), vi(-*aim)),
                    format!("a decline of {}% to {}% a year", en(-*floor), en(-*aim)),
                )
            } else {
                (format!("từ {} đến {}{u}", vi(*floor), vi(*aim)), format!("from {} to {}{ue}", en(*floor), en(*aim)))
            }
        }
        Rule::About { value, .. } => (
            format!("khoảng {}{u} (±{})", vi(*value), vi(tolerance)),
            format!("about {}{ue} (±{})", en(*value), en(tolerance)),
        ),
        Rule::Done => ("hoàn thành".to_string(), "completed".to_string()),
    };
    let (tv, te) = match &t.timing {
        Timing::Yearly { from, to } => (format!(", mỗi năm {from}-{to}"), format!(", every year {from}-{to}")),
        Timing::Quarterly { from, to } => (format!(", mỗi quý {from}-{to}"), format!(", every quarter {from}-{to}")),
        Timing::AverageGrowth { from, to } => (
            format!(", tăng bình quân {}-{to} so với {}", from, from - 1),
            format!(", average annual growth {from}-{to} from {}", from - 1),
        ),
        Timing::Cumulative { from, to } => (format!(", cộng dồn {from}-{to}"), format!(", in total over {from}-{to}")),
        Timing::Coverage { from, to, .. } => {
            (format!(", số đối tượng khác nhau {from}-{to}"), format!(", distinct entities over {from}-{to}"))
        }
        Timing::Deadline { by } => (format!(", đến {}", period_vi(*by)), format!(", by {}", period_en(*by))),
    };
    if matches!(t.rule, Rule::Range { .. }) && growth {
        // the range text already says growth
        v.push_str(&tv.replace(", tăng bình quân", ", bình quân"));
    } else {
        v.push_str(&tv);
    }
    e.push_str(&te);
    if t.per_entity {
        v.push_str(" (mỗi đối tượng)");
        e.push_str(" (each entity)");
    }
    (v, e)
}

/// A period in Vietnamese words.
pub fn period_vi(p: Period) -> String {
    match p {
        Period::Year(y) => format!("năm {y}"),
        Period::Quarter(y, q) => format!("Quý {}/{y}", ["I", "II", "III", "IV"][usize::from(q - 1)]),
        Period::Day(d) => format!("ngày {}/{}/{}", d.day, d.month, d.year),
    }
}

/// A period in English words.
pub fn period_en(p: Period) -> String {
    match p {
        Period::Year(y) => y.to_string(),
        Period::Quarter(y, q) => format!("Q{q} {y}"),
        Period::Day(d) => d.to_string(),
    }
}

fn date_vi(d: Date) -> String {
    format!("{}/{}/{}", d.day, d.month, d.year)
}

/// A yes/no figure judged by "done" every period (a status indicator on a yearly or quarterly timing) is shown
/// as yes/no rather than as the 100/0 the rule compares.
pub(crate) fn yes_no(ev: &Evaluation) -> Option<(&'static str, &'static str)> {
    match (&ev.rule, ev.value) {
        (Rule::Done, Some(v)) => Some(if v >= Decimal::ONE_HUNDRED { ("có", "yes") } else { ("không", "no") }),
        _ => None,
    }
}

fn value_pair(ev: &Evaluation) -> (String, String) {
    if let Some((v, e)) = yes_no(ev) {
        return (v.to_string(), e.to_string());
    }
    let u = unit_suffix(&ev.unit);
    let ue = if ev.unit == "%/năm" { "% a year".to_string() } else { u.clone() };
    match ev.value {
        Some(v) => (format!("{}{u}", vi(v)), format!("{}{ue}", en(v))),
        None => ("—".into(), "—".into()),
    }
}

fn status_words(s: Status) -> (&'static str, &'static str) {
    (s.label_vi(), s.label_en())
}

fn margin_words(ev: &Evaluation) -> (String, String) {
    if matches!(ev.rule, Rule::About { .. } | Rule::Exactly { .. } | Rule::Done) {
        return (String::new(), String::new());
    }
    match ev.margin {
        Some(m) if m < Decimal::ZERO => (format!(", còn thiếu {}", vi(-m)), format!(", {} short", en(-m))),
        Some(m) if m > Decimal::ZERO => (format!(", vượt {}", vi(m)), format!(", {} beyond", en(m))),
        _ => (String::new(), String::new()),
    }
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
    if due == 0 {
        return (
            format!("{sv}: chưa có kỳ nào đến hạn tính đến {}.", date_vi(ev.as_of)),
            format!("{se}: no period is due by {}.", ev.as_of),
        );
    }
    let (v, e) = value_pair(ev);
    let latest = ev.value_period.map(|p| (period_vi(p), period_en(p)));
    let mut out_v = format!("{sv}: {met}/{due} kỳ đã đến hạn đạt yêu cầu ({})", ev.reference_vi);
    let mut out_e = format!("{se}: {met} of {due} periods due meet the target ({})", ev.reference_en);
    if missed > 0 {
        out_v.push_str(&format!("; {missed} kỳ không đạt"));
        out_e.push_str(&format!("; {missed} missed"));
    }
    if missing > 0 {
        out_v.push_str(&format!("; {missing} kỳ chưa có số liệu"));
        out_e.push_str(&format!("; {missing} without a figure"));
    }
    if let Some((pv, pe)) = latest {
        let (mv, me) = margin_words(ev);
        let (wv, we) = if per_entity { (" (đối tượng thấp nhất)", " (weakest entity)") } else { ("", "") };
        out_v.push_str(&format!(". Kỳ gần nhất {pv}: {v}{wv}{mv}"));
        out_e.push_str(&format!(". Latest, {pe}: {e}{we}{me}"));
    }
    if total > due && !ev.status.is_final() {
        out_v.push_str(&format!(". Chỉ tiêu đòi hỏi đạt ở tất cả {total} kỳ"));
        out_e.push_str(&format!(". The target needs every one of {total} periods"));
    }
    out_v.push('.');
    out_e.push('.');
    (out_v, out_e)
}

/// Growth targets without a usable figure.
pub fn growth_missing(ev: &Evaluation, base: i32, from: i32) -> (String, String) {
    let (sv, se) = status_words(ev.status);
    (
        format!("{sv}: cần số liệu năm gốc {base} và ít nhất một năm từ {from} (hoặc tốc độ tăng từng năm) để tính tăng bình quân ({})." , ev.reference_vi),
        format!("{se}: average growth needs the {base} base level and a later year (or each year's growth rate) ({}).", ev.reference_en),
    )
}

/// Growth targets.
pub fn growth(ev: &Evaluation, base: i32, t: i32, final_verdict: bool) -> (String, String) {
    let (sv, se) = status_words(ev.status);
    let (v, e) = value_pair(ev);
    let mut out_v = format!("{sv}: tăng bình quân {base}-{t} là {v} (yêu cầu {})", ev.reference_vi);
    let mut out_e = format!("{se}: average growth {base}-{t} is {e} (target {})", ev.reference_en);
    if !final_verdict {
        if let Some(r) = ev.rate_required {
            out_v.push_str(&format!("; các năm còn lại cần tăng bình quân {}%/năm để đạt mức sàn", vi(r)));
            out_e.push_str(&format!("; the remaining years need {}% a year to reach the floor", en(r)));
        }
        if let Some(p) = ev.projected {
            out_v.push_str(&format!("; nếu giữ tốc độ hiện nay, năm cuối đạt {}", vi(p)));
            out_e.push_str(&format!("; at the pace to date the last year would reach {}", en(p)));
        }
    }
    if ev.aim_reached == Some(true) {
        out_v.push_str("; đã đạt mức phấn đấu");
        out_e.push_str("; the aim is reached");
    }
    out_v.push_str(". Phán định tính chính xác bằng lũy thừa nguyên, không làm tròn.");
    out_e.push_str(". The verdict is exact (integer powers, no rounding).");
    (out_v, out_e)
}

/// Cumulative or coverage targets without figures.
pub fn cumulative_missing(ev: &Evaluation, from: i32, to: i32, coverage: bool) -> (String, String) {
    let (sv, se) = status_words(ev.status);
    let (wv, we) = if coverage {
        ("số đối tượng được bao phủ", "distinct entities covered")
    } else {
        ("số cộng dồn", "the running total")
    };
    (
        format!("{sv}: chưa có số liệu để tính {wv} {from}-{to} ({}).", ev.reference_vi),
        format!("{se}: no figures yet for {we} {from}-{to} ({}).", ev.reference_en),
    )
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
    let (v, e) = value_pair(ev);
    let (wv, we) = if coverage {
        ("số đối tượng khác nhau đã bao phủ", "distinct entities covered")
    } else {
        ("cộng dồn", "total")
    };
    let (mv, me) = margin_words(ev);
    let mut out_v = format!(
        "{sv}: {wv} {from}-{to} đến nay là {v} (yêu cầu {}){mv}; đã qua {elapsed}/{total} năm",
        ev.reference_vi
    );
    let mut out_e = format!(
        "{se}: {we} {from}-{to} so far is {e} (target {}){me}; {elapsed} of {total} years elapsed",
        ev.reference_en
    );
    if let Some(x) = ev.expected_to_date.filter(|_| !ev.status.is_final()) {
        out_v.push_str(&format!("; theo tiến độ đều cần khoảng {}", vi(x)));
        out_e.push_str(&format!("; an even pace would have {} by now", en(x)));
    }
    if let Some((m, n)) = per_entity {
        out_v.push_str(&format!("; {m}/{n} đối tượng đạt"));
        out_e.push_str(&format!("; {m} of {n} entities meet it"));
    }
    out_v.push('.');
    out_e.push('.');
    (out_v, out_e)
}

/// Deadline targets without a figure.
pub fn deadline_missing(ev: &Evaluation, by: Period) -> (String, String) {
    let (sv, se) = status_words(ev.status);
    (
        format!("{sv}: chưa có số liệu ({}, hạn {}).", ev.reference_vi, period_vi(by)),
        format!("{se}: no figure yet ({}, due {}).", ev.reference_en, period_en(by)),
    )
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
    let (v, e) = value_pair(ev);
    let (pv, pe) = ev.value_period.map(|p| (period_vi(p), period_en(p))).unwrap_or_default();
    let (mv, me) = margin_words(ev);
    let mut out_v = format!("{sv}: {pv} đạt {v} (yêu cầu {}){mv}", ev.reference_vi);
    let mut out_e = format!("{se}: {pe} figure {e} (target {}){me}", ev.reference_en);
    if !after {
        if let (Some((b, bp)), Some(x)) = (baseline, ev.expected_to_date) {
            out_v.push_str(&format!(
                "; từ mức {} ({}) theo lộ trình đều cần khoảng {} vào lúc này",
                vi(b),
                period_vi(bp),
                vi(x)
            ));
            out_e.push_str(&format!(
                "; from {} in {} a straight path would need about {} by now",
                en(b),
                period_en(bp),
                en(x)
            ));
        }
        if let Some(p) = ev.projected {
            out_v.push_str(&format!("; theo xu hướng hiện nay {} sẽ đạt khoảng {}", period_vi(by), vi(p)));
            out_e.push_str(&format!("; at the trend to date {} would be about {}", period_en(by), en(p)));
        }
        if baseline.is_none() && ev.status == Status::AtRisk {
            out_v.push_str("; chưa đạt và không có số liệu năm gốc để đo tiến độ");
            out_e.push_str("; not met yet, and no base-year figure to measure progress from");
        }
    }
    if let Some((m, n)) = per_entity {
        out_v.push_str(&format!("; {m}/{n} đối tượng đạt"));
        out_e.push_str(&format!("; {m} of {n} entities meet it"));
    }
    out_v.push('.');
    out_e.push('.');
    (out_v, out_e)
}

/// Milestones.
pub fn milestone(ev: &Evaluation, by: Period, done: Option<Date>, explicit_not_done: bool) -> (String, String) {
    let (sv, se) = status_words(ev.status);
    let (dv, de) = (period_vi(by), period_en(by));
    match done {
        Some(d) => {
            (format!("{sv}: hoàn thành ngày {} (hạn {dv}).", date_vi(d)), format!("{se}: completed on {d} (due {de})."))
        }
        None if explicit_not_done => {
            (format!("{sv}: chưa hoàn thành khi hết hạn {dv}."), format!("{se}: not completed by the deadline, {de}."))
        }
        None => (
            format!("{sv}: chưa có thông tin hoàn thành (hạn {dv})."),
            format!("{se}: no completion reported (due {de})."),
        ),
    }
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
