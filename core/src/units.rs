//! Unit words in English: one table of the common Vietnamese unit words of programmes, with their English
//! singular and plural ("cuộc" may be a mission, a dialogue or a consultation, so it is marked as needing the
//! catalogue's own word).
//!
//! A catalogue's indicator names its English unit in `unit_en` (plural) and `unit_en_one` (singular, for a value
//! of exactly 1). The loader lets an indicator leave them out only when its unit is one this table knows for
//! sure (or a symbol such as `%`); the drafter fills them from this table, and where the table has no word, or
//! only a generic one, it writes its best and says in the review that the word must be checked.
//!
//! ```
//! use chitieu::units::english;
//! let households = english("hộ").unwrap();
//! assert_eq!((households.one.as_ref(), households.other.as_ref()), ("household", "households"));
//! assert_eq!(english("triệu đồng/người/năm").unwrap().other, "million VND per person a year");
//! assert_eq!(english("bác sĩ/vạn dân").unwrap().of(1.into()), "doctor per 10,000 people");
//! assert!(english("cuộc").unwrap().generic); // missions? dialogues? the catalogue says
//! assert!(english("xyz").is_none());
//! ```

use rust_decimal::Decimal;
use std::borrow::Cow;

/// One unit word: Vietnamese, English singular, English plural, and whether the English is only a generic word
/// that a catalogue should replace with its own ("cuộc": missions, dialogues or consultations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct UnitWord {
    /// The Vietnamese word, as programmes write it.
    pub vi: &'static str,
    /// English for one ("household").
    pub one: &'static str,
    /// English for any other number ("households").
    pub other: &'static str,
    /// `true` when the English is a generic stand-in that depends on what is counted.
    pub generic: bool,
}

const fn u(vi: &'static str, one: &'static str, other: &'static str) -> UnitWord {
    UnitWord { vi, one, other, generic: false }
}

const fn g(vi: &'static str, one: &'static str, other: &'static str) -> UnitWord {
    UnitWord { vi, one, other, generic: true }
}

/// The common unit words of Vietnamese programmes and their English. Symbols (`%`, `‰`, `km`, `ha`, `m²`) are
/// the same in English.
pub const UNITS: &[UnitWord] = &[
    u("%", "%", "%"),
    u("‰", "‰", "‰"),
    u("km", "km", "km"),
    u("km²", "km²", "km²"),
    u("m", "m", "m"),
    u("m²", "m²", "m²"),
    u("m³", "m³", "m³"),
    u("ha", "ha", "ha"),
    u("tấn", "tonne", "tonnes"),
    u("kg", "kg", "kg"),
    u("đồng", "VND", "VND"),
    u("nghìn đồng", "thousand VND", "thousand VND"),
    u("triệu đồng", "million VND", "million VND"),
    u("tỷ đồng", "billion VND", "billion VND"),
    u("USD", "USD", "USD"),
    u("triệu USD", "million USD", "million USD"),
    u("người", "person", "people"),
    u("hộ", "household", "households"),
    u("hộ gia đình", "household", "households"),
    u("gia đình", "family", "families"),
    u("lao động", "worker", "workers"),
    u("đảng viên", "party member", "party members"),
    u("chi bộ", "party cell", "party cells"),
    u("tổ chức", "organisation", "organisations"),
    u("tổ chức đảng", "party organisation", "party organisations"),
    u("tổ dân phố", "residential group", "residential groups"),
    u("thôn", "village", "villages"),
    u("làng", "village", "villages"),
    u("xóm", "hamlet", "hamlets"),
    u("khu dân cư", "residential area", "residential areas"),
    u("xã", "commune", "communes"),
    u("phường", "ward", "wards"),
    u("doanh nghiệp", "enterprise", "enterprises"),
    u("hợp tác xã", "cooperative", "cooperatives"),
    u("hộ kinh doanh", "household business", "household businesses"),
    u("cơ sở", "establishment", "establishments"),
    u("trường", "school", "schools"),
    u("lớp", "course", "courses"),
    u("khóa", "course", "courses"),
    u("khoá", "course", "courses"),
    u("học sinh", "pupil", "pupils"),
    u("bác sĩ", "doctor", "doctors"),
    u("bác sỹ", "doctor", "doctors"),
    u("giường bệnh", "hospital bed", "hospital beds"),
    u("trạm", "station", "stations"),
    u("hội nghị", "conference", "conferences"),
    u("mô hình", "model", "models"),
    u("công trình", "work", "works"),
    u("dự án", "project", "projects"),
    u("sản phẩm", "product", "products"),
    u("chợ", "market", "markets"),
    u("hệ thống", "system", "systems"),
    u("phần mềm", "software application", "software applications"),
    u("hồ sơ", "dossier", "dossiers"),
    u("văn bản", "document", "documents"),
    u("nghị quyết", "resolution", "resolutions"),
    u("quy hoạch", "plan", "plans"),
    u("thuê bao", "subscription", "subscriptions"),
    u("câu lạc bộ", "club", "clubs"),
    u("nhà văn hóa", "cultural house", "cultural houses"),
    u("lượt khách", "visit", "visits"),
    u("ngày", "day", "days"),
    u("tháng", "month", "months"),
    u("năm", "year", "years"),
    u("lần", "time", "times"),
    u("có/không", "yes/no", "yes/no"),
    // words whose English depends on what is counted: the catalogue gives its own
    g("cuộc", "event", "events"),
    g("buổi", "session", "sessions"),
    g("lượt", "time", "times"),
    g("tuyến", "route", "routes"),
    g("vụ", "case", "cases"),
    g("điểm", "site", "sites"),
    g("đơn vị", "unit", "units"),
    g("cái", "item", "items"),
    g("chiếc", "item", "items"),
];

/// "per" parts of a compound unit that are not "per one X": `năm` is "a year", `vạn dân` "per 10,000 people".
const PER: &[(&str, &str)] = &[
    ("năm", " a year"),
    ("vạn dân", " per 10,000 people"),
    ("nghìn dân", " per 1,000 people"),
    ("100 dân", " per 100 people"),
    ("1.000 dân", " per 1,000 people"),
    ("10.000 dân", " per 10,000 people"),
];

/// A unit in English: the singular and the plural, and whether a word in it is only generic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct English {
    /// For a value of exactly 1.
    pub one: Cow<'static, str>,
    /// For any other value.
    pub other: Cow<'static, str>,
    /// Some word is a generic stand-in ([`UnitWord::generic`]).
    pub generic: bool,
}

impl English {
    /// The word for `n`: the singular for exactly 1 (1, 1.0, -1), else the plural.
    pub fn of(&self, n: Decimal) -> &str {
        if n.abs() == Decimal::ONE {
            &self.one
        } else {
            &self.other
        }
    }
}

fn word(vi: &str) -> Option<&'static UnitWord> {
    let vi = vi.trim();
    // exact words only: case folding would pull Unicode's case tables into the WebAssembly module
    UNITS.iter().find(|w| w.vi == vi)
}

/// The English of a unit this table knows: a word of [`UNITS`] (an empty unit is empty), or a compound
/// `X/Y[/Z]` of known words, read "X per Y" ("người/km²" people per km², "triệu đồng/người/năm" million VND per
/// person a year). `None` when some word is unknown.
pub fn english(vi: &str) -> Option<English> {
    let vi = vi.trim();
    if vi.is_empty() {
        return Some(English { one: Cow::Borrowed(""), other: Cow::Borrowed(""), generic: false });
    }
    if let Some(w) = word(vi) {
        return Some(English { one: Cow::Borrowed(w.one), other: Cow::Borrowed(w.other), generic: w.generic });
    }
    let mut parts = vi.split('/');
    let head = word(parts.next()?)?;
    let mut generic = head.generic;
    let mut tail = String::new();
    for part in parts {
        let part = part.trim();
        if let Some((_, e)) = PER.iter().find(|(v, _)| *v == part) {
            tail.push_str(e);
        } else {
            let w = word(part)?;
            generic |= w.generic;
            tail.push_str(" per ");
            tail.push_str(w.one);
        }
    }
    if tail.is_empty() {
        return None;
    }
    Some(English {
        one: Cow::Owned(format!("{}{tail}", head.one)),
        other: Cow::Owned(format!("{}{tail}", head.other)),
        generic,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_once_and_plural_given() {
        let mut seen = std::collections::HashSet::new();
        for w in UNITS {
            assert!(seen.insert(w.vi), "{} twice", w.vi);
            assert!(!w.one.is_empty() && !w.other.is_empty(), "{}", w.vi);
            // no Vietnamese letters in the English
            assert!(w.one.is_ascii() || w.one.contains(['²', '³', '‰']), "{}", w.one);
            assert!(w.other.is_ascii() || w.other.contains(['²', '³', '‰']), "{}", w.other);
        }
    }

    #[test]
    fn compounds_and_counts() {
        let e = english("người/km²").unwrap();
        assert_eq!((e.one.as_ref(), e.other.as_ref()), ("person per km²", "people per km²"));
        assert_eq!(english("m²/người").unwrap().other, "m² per person");
        assert_eq!(english("triệu đồng/ha").unwrap().other, "million VND per ha");
        let c = english("hội nghị").unwrap();
        assert_eq!(c.of(Decimal::ONE), "conference");
        assert_eq!(c.of(Decimal::new(10, 1)), "conference");
        assert_eq!(c.of(Decimal::new(11, 0)), "conferences");
        assert_eq!(c.of(Decimal::ZERO), "conferences");
        assert_eq!(c.of(Decimal::new(15, 1)), "conferences");
        assert!(english("xyz/người").is_none());
        assert!(english("người/xyz").is_none());
        assert!(english("cuộc/năm").unwrap().generic);
    }
}
