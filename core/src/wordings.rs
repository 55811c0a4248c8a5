//! How the words of a programme become a catalogue: one table of data, the reading conventions shown by
//! `docs/catalogue.md` and `docs/authoring.md` (both generated from it and tested against it, so the documents
//! cannot drift from each other or from the library).
//!
//! Each row is a typical wording (X, Y and N stand for numbers, YYYY for a year, as programmes write them), the
//! rule and the timing it becomes (in the catalogue's JSON), and what to know when choosing it.

/// One way programmes word a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Wording {
    /// The words, as programmes write them.
    pub wording: &'static str,
    /// What they mean, in English.
    pub meaning: &'static str,
    /// The rule they become (JSON), or `—` when the words set only the timing or the measure.
    pub rule: &'static str,
    /// The timing they become (JSON), or `—` when the words set only the rule or the measure.
    pub timing: &'static str,
    /// What to know: the exact reading, an ambiguity and how to state the choice.
    pub notes: &'static str,
    /// The exact word sequences the drafter ([`crate::draft`]) recognises for this row, longest first where one
    /// contains another: `X`, `Y` and `N` stand for a number (with its `%` or `‰`), `YYYY` for a year, `Q` for a
    /// quarter (I-IV or 1-4) and `...` for any few words; every other word is matched case-insensitively, and
    /// `/`, `-` and `%` as signs. Empty where the drafter does not propose this reading by itself.
    pub reads: &'static [&'static str],
}

const fn w(
    wording: &'static str,
    meaning: &'static str,
    rule: &'static str,
    timing: &'static str,
    notes: &'static str,
) -> Wording {
    Wording { wording, meaning, rule, timing, notes, reads: &[] }
}

impl Wording {
    const fn reads(self, reads: &'static [&'static str]) -> Wording {
        Wording { reads, ..self }
    }
}

/// The wordings the library knows, in the order the authoring guide teaches them.
pub const WORDINGS: &[Wording] = &[
    w(
        "từ X% trở lên; X% trở lên; ít nhất X; tối thiểu X; không dưới X; đạt X",
        "at least X (X itself achieves it)",
        r#"{"kind": "at_least", "value": X}"#,
        "—",
        "Inclusive: exactly X is achieved, more than X exceeded. \"đạt 100%\" is every one (rule all).",
    )
    .reads(&[
        "từ X trở lên",
        "X trở lên",
        "ít nhất từ X",
        "ít nhất là X",
        "ít nhất X",
        "tối thiểu là X",
        "tối thiểu X",
        "không dưới X",
        "không thấp hơn X",
        "đạt từ X",
        "đạt tối thiểu X",
        "đạt ít nhất X",
        "đạt X",
        "từ X",
        "có thêm X",
        "có X",
        "X",
    ]),
    w(
        "trên X; hơn X; vượt X",
        "strictly more than X",
        r#"{"kind": "more_than", "value": X}"#,
        "—",
        "Strict: exactly X is NOT achieved (85.00 against \"trên 85%\").",
    )
    .reads(&["đạt trên X", "trên X", "hơn X", "vượt X"]),
    w(
        "không quá X; tối đa X; không vượt quá X",
        "at most X",
        r#"{"kind": "at_most", "value": X}"#,
        "—",
        "Inclusive; lower is beyond the commitment.",
    )
    .reads(&["không vượt quá X", "không quá X", "tối đa X", "đạt tối đa X"]),
    w("dưới X; thấp hơn X", "strictly less than X", r#"{"kind": "less_than", "value": X}"#, "—", "Strict.")
        .reads(&["dưới X", "thấp hơn X"]),
    w(
        "100% ...; tất cả; mọi ...; mỗi ... đều",
        "every one",
        r#"{"kind": "all"}"#,
        "—",
        "A share of 100, a yes status, or every entity of a universe (with a coverage timing).",
    )
    .reads(&["100%"]),
    w(
        "100% nghị quyết; 100% ý kiến, kiến nghị; 100% kỳ họp; 100% thủ tục hành chính; 100% hồ sơ ...",
        "every one of things that recur, every year",
        r#"{"kind": "all"}"#,
        r#"{"kind": "yearly", "from": 2026, "to": 2030}"#,
        "Things that come round every year (resolutions, petitions, sessions, dossiers, payments): a standing \
         practice, judged year by year even where the sentence gives no year.",
    )
    .reads(&[
        "100% nghị quyết",
        "100% ý kiến",
        "100% kỳ họp",
        "100% thủ tục hành chính",
        "100% hồ sơ",
        "100% đối tượng chính sách",
        "100% các khoản thu",
        "100% chi bộ",
        "100% tổ dân phố tổ chức",
    ]),
    w(
        "không còn ...; không để xảy ra ...; không có ...",
        "none",
        r#"{"kind": "none"}"#,
        "—",
        "Zero. \"Duy trì không còn ...\" is zero every year (timing yearly).",
    )
    .reads(&["không còn", "không để xảy ra", "không để phát sinh"]),
    w(
        "từ X đến Y; X-Y",
        "a floor X with an aim Y",
        r#"{"kind": "range", "floor": X, "aim": Y}"#,
        "—",
        "Below X not achieved; X to Y achieved; above Y exceeded. A plan's range is a floor with an aspiration.",
    )
    .reads(&["từ X đến Y", "từ X - Y", "X đến Y", "X - Y"]),
    w(
        "ít nhất X-Y",
        "at least X, aiming at Y",
        r#"{"kind": "range", "floor": X, "aim": Y, "aim_inclusive": true}"#,
        "—",
        "Reaching Y itself counts as going beyond the commitment.",
    )
    .reads(&["ít nhất từ X đến Y", "ít nhất X - Y", "ít nhất từ X - Y"]),
    w(
        "khoảng X",
        "about X",
        r#"{"kind": "about", "value": X, "tolerance": T}"#,
        "—",
        "Within T of X either way; without T the option about_tolerance_percent (5% of X) applies. Say T when the \
         document implies one.",
    )
    .reads(&["khoảng X", "xấp xỉ X"]),
    w(
        "cơ cấu ...: ... chiếm X-Y%",
        "a band where both ends bind",
        r#"{"kind": "band", "low": X, "high": Y}"#,
        "—",
        "Shares of a structure: outside either end is not achieved and nothing is \"exceeded\" (unlike a range).",
    )
    .reads(&["chiếm từ X đến Y", "chiếm X - Y"]),
    w(
        "hoàn thành ...; ban hành ...; đưa vào sử dụng ... (with a date)",
        "a milestone",
        r#"{"kind": "done"}"#,
        r#"{"kind": "deadline", "by": "YYYY"}"#,
        "A completion indicator (a date) or a status indicator (yes/no).",
    )
    .reads(&["hoàn thành", "ban hành", "đưa vào sử dụng", "đạt chuẩn", "được công nhận", "trở thành"]),
    w(
        "duy trì đạt chuẩn ...; tiếp tục duy trì đạt chuẩn ...",
        "keep a standard, every year",
        r#"{"kind": "done"}"#,
        r#"{"kind": "yearly", "from": 2026, "to": 2030}"#,
        "A yes/no status judged every year: the standard is held or not. Read so even among the tasks.",
    )
    .reads(&["tiếp tục duy trì đạt chuẩn", "duy trì đạt chuẩn"]),
    w(
        "hoàn thành và vượt dự toán ...; vượt kế hoạch ...",
        "at least the whole plan",
        r#"{"kind": "at_least", "value": 100}"#,
        "—",
        "A share of the plan or estimate in percent (revenue collected against the estimate): 100 is the plan \
         met, more is beyond it. Read so even among the tasks.",
    )
    .reads(&["vượt dự toán", "vượt kế hoạch"]),
    w(
        "tổ chức ... hàng quý (with no number)",
        "at least once every quarter",
        r#"{"kind": "at_least", "value": 1}"#,
        r#"{"kind": "quarterly", "from": 2026, "to": 2030}"#,
        "An event held every period with no number stated: at least one each period. Read so even among the \
         tasks.",
    )
    .reads(&["tổ chức ... hàng quý", "tổ chức ... hằng quý", "tổ chức ... mỗi quý"]),
    w(
        "hằng năm; hàng năm; mỗi năm; hằng năm đạt ...",
        "every year",
        "—",
        r#"{"kind": "yearly", "from": 2026, "to": 2030}"#,
        "Each year judged on its own figure; the term needs every year.",
    )
    .reads(&["hằng năm", "hàng năm", "mỗi năm", "/ năm", "từ năm YYYY"]),
    w(
        "hàng quý; mỗi quý",
        "every quarter",
        "—",
        r#"{"kind": "quarterly", "from": 2026, "to": 2030}"#,
        "Each quarter judged on its own figure.",
    )
    .reads(&["hàng quý", "hằng quý", "mỗi quý", "/ quý"]),
    w(
        "đến năm YYYY; năm YYYY; Quý IV/YYYY; trước YYYY",
        "by a deadline",
        "—",
        r#"{"kind": "deadline", "by": "YYYY"} or "YYYY-Q4""#,
        "The latest figure up to the deadline; before it, progress along the straight path from the base year. A \
         sentence with no year is read by the end of the term: say so in the target's notes.",
    )
    .reads(&[
        "đến hết năm YYYY",
        "đến năm YYYY",
        "trước năm YYYY",
        "trong năm YYYY",
        "quý Q / YYYY",
        "quý Q năm YYYY",
        "năm YYYY",
    ]),
    w(
        "trong nhiệm kỳ ... ít nhất N; giai đoạn 2026-2030 ... N",
        "a total over the term",
        r#"{"kind": "at_least", "value": N}"#,
        r#"{"kind": "cumulative", "from": 2026, "to": 2030}"#,
        "The sum of the yearly counts over the years.",
    )
    .reads(&["trong nhiệm kỳ", "cả nhiệm kỳ", "giai đoạn YYYY - YYYY"]),
    w(
        "100% trường học (thôn, hộ...) được ...",
        "every entity covered over the term",
        r#"{"kind": "all"}"#,
        r#"{"kind": "coverage", "from": 2026, "to": 2030, "universe": N}"#,
        "Distinct entities with a figure; the universe is a number or a count indicator (universe_indicator).",
    ),
    w(
        "tăng bình quân X%/năm (a level: GRDP, income, revenue)",
        "compound average growth",
        r#"{"kind": "at_least", "value": X}"#,
        r#"{"kind": "average_growth", "from": 2026, "to": 2030}"#,
        "From the base year (2025) to the last: G >= X exactly when Y_2030 >= Y_2025 (1 + X/100)^5.",
    )
    .reads(&["tăng trưởng bình quân", "tăng bình quân"]),
    w(
        "giảm bình quân từ X% đến Y%/năm (a level)",
        "compound average decline",
        r#"{"kind": "range", "floor": -X, "aim": -Y}"#,
        r#"{"kind": "average_growth", "from": 2026, "to": 2030}"#,
        "A steeper fall is in the desired direction.",
    )
    .reads(&["giảm bình quân"]),
    w(
        "tỷ lệ ... giảm bình quân X%/năm (a share or a rate)",
        "percentage points a year (the usual official reading)",
        r#"{"kind": "at_most", "value": -X}"#,
        r#"{"kind": "average_change", "from": 2026, "to": 2030, "reading": "absolute"}"#,
        "TWO READINGS: points (a rate of 6% falling 1.5%/năm reaches 4.5% after a year) or relative. The catalogue \
         must say \"reading\"; without it the loader refuses the target. Ranges: floor -X, aim -Y.",
    )
    .reads(&["tỷ lệ ... giảm bình quân"]),
    w(
        "tỷ lệ ... giảm bình quân X%/năm, read relatively",
        "percent of the rate a year, compound",
        r#"{"kind": "at_most", "value": -X}"#,
        r#"{"kind": "average_change", "from": 2026, "to": 2030, "reading": "relative"}"#,
        "Only where the document means a relative fall; say why in the notes.",
    ),
    w(
        "tăng X% so với năm 2025; giảm X% so với năm 2025",
        "a change from the base year, in percent",
        r#"{"kind": "at_least", "value": X} or {"kind": "at_most", "value": -X}"#,
        r#"{"kind": "change", "base": 2025, "to": 2030, "change": "relative"}"#,
        "Y_2030 >= Y_2025 (1 + X/100); a decline is negative. For a share \"tăng X%\" can also mean points: \
         \"change\" says which (relative or absolute).",
    )
    .reads(&["so với năm YYYY", "tăng X", "giảm X"]),
    w(
        "tăng thêm N ...; giảm N ... (so với năm 2025)",
        "a change from the base year, in the indicator's unit",
        r#"{"kind": "at_least", "value": N} or {"kind": "at_most", "value": -N}"#,
        r#"{"kind": "change", "base": 2025, "to": 2030, "change": "absolute"}"#,
        "Y_2030 - Y_2025 >= N; for a share the unit is percentage points.",
    )
    .reads(&["tăng thêm X", "giảm thêm X"]),
    w(
        "gấp N lần năm 2025; gấp đôi",
        "a multiple of the base year",
        r#"{"kind": "at_least", "value": N}"#,
        r#"{"kind": "change", "base": 2025, "to": 2030, "change": "multiple"}"#,
        "Y_2030 >= N Y_2025 (gấp đôi: N = 2); before the deadline, the compound path Y_2025 N^(t/5).",
    )
    .reads(&["gấp X lần"]),
    w(
        "gấp đôi năm 2025",
        "twice the base year",
        r#"{"kind": "at_least", "value": 2}"#,
        r#"{"kind": "change", "base": 2025, "to": 2030, "change": "multiple"}"#,
        "\"gấp N lần\" with N = 2.",
    )
    .reads(&["gấp đôi"]),
    w(
        "bình quân mỗi năm X; bình quân hằng năm X",
        "the mean of the yearly figures",
        r#"{"kind": "at_least", "value": X}"#,
        r#"{"kind": "average", "from": 2026, "to": 2030}"#,
        "Sum of the years >= 5 X exactly; every year needs a figure.",
    )
    .reads(&["bình quân mỗi năm", "bình quân hằng năm", "bình quân hàng năm"]),
    w(
        "năm sau cao hơn năm trước",
        "higher than the year before, every year",
        r#"{"kind": "more_than", "value": 0}"#,
        r#"{"kind": "yearly_change", "from": 2026, "to": 2030, "reading": "relative"}"#,
        "Each year against the one before (2026 against 2025).",
    )
    .reads(&["năm sau cao hơn năm trước"]),
    w(
        "tăng so với năm trước từ X% trở lên; tăng hằng năm X% trở lên",
        "growth over the previous year, every year",
        r#"{"kind": "at_least", "value": X}"#,
        r#"{"kind": "yearly_change", "from": 2026, "to": 2030, "reading": "relative"}"#,
        "TWO READINGS of \"X%/năm\" without \"bình quân\": every year (this) or on average (average_growth); the \
         timing says which. For a share, \"reading\" says points or percent.",
    )
    .reads(&["so với năm trước"]),
    w(
        "số bác sĩ/vạn dân; số giường bệnh/vạn dân",
        "a rate per 10,000",
        "—",
        "—",
        "An indicator with \"measure\": \"rate\", \"per\": 10000; figures as value or numerator and denominator \
         (compared exactly by cross-multiplication).",
    )
    .reads(&["/ vạn dân"]),
    w(
        "... ‰ (tỷ suất sinh thô, tỷ lệ ...‰)",
        "a rate per 1,000",
        "—",
        "—",
        "\"measure\": \"rate\", \"per\": 1000, unit \"‰\"; a fall in ‰ a year is an average_change, absolute.",
    )
    .reads(&["‰"]),
    w(
        "58% (29/50 thôn, tăng thêm 9 thôn)",
        "one target stated three ways",
        r#"share at_least 58; count at_least 29 with "out_of": 50; change absolute at_least 9"#,
        "the same deadline",
        "Each statement is its own target, each listing the others in \"related\"; each is judged on its own \
         figures, and the library checks that the statements agree.",
    ),
    w(
        "04/09 thôn, làng ...",
        "a count of a stated total",
        r#"{"kind": "at_least", "value": 4}, "out_of": 9"#,
        "—",
        "\"out_of\" on the target (count indicators); shown beside the count and checked against the rule.",
    )
    .reads(&["X / N"]),
];

/// The rule kinds the loader reads.
#[cfg_attr(not(feature = "draft"), allow(dead_code))] // the drafter's lexicon and the tests read them
pub(crate) const RULE_KINDS: &[&str] =
    &["at_least", "more_than", "at_most", "less_than", "all", "none", "range", "about", "band", "done"];

/// The timing kinds the loader reads.
#[cfg_attr(not(feature = "draft"), allow(dead_code))]
pub(crate) const TIMING_KINDS: &[&str] = &[
    "yearly",
    "quarterly",
    "deadline",
    "cumulative",
    "coverage",
    "average_growth",
    "average_change",
    "change",
    "average",
    "yearly_change",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_json_fragment_names_a_kind_the_loader_reads() {
        let (kinds_rule, kinds_timing) = (RULE_KINDS, TIMING_KINDS);
        for w in WORDINGS {
            for (text, kinds) in [(w.rule, kinds_rule), (w.timing, kinds_timing)] {
                for part in text.split("\"kind\": \"").skip(1) {
                    let kind = &part[..part.find('"').unwrap()];
                    assert!(kinds.contains(&kind), "{:?}: unknown kind {kind}", w.wording);
                }
            }
        }
    }
}
