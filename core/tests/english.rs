//! English is English: every unit has an English name, English texts use it (singular for exactly 1), and the
//! English report of the built-in catalogue holds Vietnamese words only where it quotes the document.

use chitieu::{Catalogue, Date, Error, Figures, Lang, Options};

/// Vietnamese letters: the vowels with their marks and đ (the ASCII letters Vietnamese shares with English are
/// not told apart; the marks are what an untranslated word cannot hide).
fn vietnamese(s: &str) -> Vec<char> {
    const MARKED: &str = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";
    s.chars().filter(|c| c.to_lowercase().any(|l| MARKED.contains(l))).collect()
}

#[test]
fn the_vietnamese_check_can_fail() {
    assert_eq!(vietnamese("3 cuộc"), vec!['ộ']);
    assert_eq!(vietnamese("Đơn vị"), vec!['Đ', 'ơ', 'ị']);
    assert!(vietnamese("11 missions, 2,500 people per km², 0.2 ‰ points").is_empty());
}

fn catalogue(unit_en: &str) -> String {
    format!(
        r#"{{"format": 1,
  "programme": {{"id": "p", "title_vi": "t", "title_en": "t", "base_year": 2025, "first_year": 2025, "last_year": 2030}},
  "indicators": [{{"id": "missions", "name_vi": "Số cuộc giám sát", "name_en": "Supervision missions", "unit": "cuộc",
    {unit_en} "measure": "count", "direction": "increase"}}],
  "targets": [{{"id": "missions_yearly", "indicator": "missions", "rule": {{"kind": "at_least", "value": 2}},
    "timing": {{"kind": "yearly", "from": 2026, "to": 2030}}, "summary_en": "at least 2 missions a year",
    "sources": [{{"section": "A", "quote": "ít nhất 02 cuộc giám sát"}}]}},
    {{"id": "one_mission", "indicator": "missions", "rule": {{"kind": "at_least", "value": 1}},
    "timing": {{"kind": "deadline", "by": "2030"}}, "summary_en": "at least 1 mission by 2030",
    "sources": [{{"section": "A", "quote": "ít nhất 01 cuộc"}}]}}]}}"#
    )
}

fn explain(value: &str) -> (chitieu::Evaluation, chitieu::Evaluation) {
    let cat = Catalogue::from_json(&catalogue(r#""unit_en": "missions", "unit_en_one": "mission","#)).unwrap();
    let figs = Figures::from_csv(&cat, &format!("indicator,period,value\nmissions,2026,{value}\n")).unwrap();
    let opts = Options::new(Date::end_of_year(2026));
    let evs = chitieu::evaluate(&cat, &figs, &opts).unwrap();
    (evs[0].clone(), evs[1].clone())
}

#[test]
fn a_count_of_one_is_singular_and_of_eleven_plural() {
    let (yearly, deadline) = explain("1");
    assert_eq!(yearly.unit_en, "missions");
    assert_eq!(yearly.unit_en_one.as_deref(), Some("mission"));
    assert_eq!(yearly.unit_en_of(1.into()), "mission");
    assert!(yearly.explanation_en.contains("Latest, 2026: 1 mission, 1 short"), "{}", yearly.explanation_en);
    assert!(yearly.reference_en.starts_with("at least 2 missions"), "{}", yearly.reference_en);
    assert_eq!(deadline.reference_en, "at least 1 mission, by 2030");
    assert!(
        deadline.explanation_en.contains("2026 figure 1 mission (target at least 1 mission"),
        "{}",
        deadline.explanation_en
    );
    for e in [&yearly, &deadline] {
        assert!(!e.explanation_en.contains("missions (") && !e.explanation_en.contains("1 missions"));
        assert!(vietnamese(&e.explanation_en).is_empty(), "{}", e.explanation_en);
        // the Vietnamese keeps the document's word
        assert!(e.explanation_vi.contains("1 cuộc"), "{}", e.explanation_vi);
    }
    let (yearly, _) = explain("11");
    assert!(yearly.explanation_en.contains("Latest, 2026: 11 missions, 9 beyond"), "{}", yearly.explanation_en);
    let (yearly, _) = explain("0");
    assert!(yearly.explanation_en.contains("0 missions"), "{}", yearly.explanation_en);
}

#[test]
fn the_loader_asks_for_the_english_unit_by_indicator_and_field() {
    let field = |e: Error| (e.code(), e.details().target, e.details().field);
    let invalid = |f: &str| (Some("catalogue_invalid"), Some("missions".to_string()), Some(f.to_string())).clone();
    // "cuộc" may be missions, dialogues or consultations: the catalogue must say
    let e = Catalogue::from_json(&catalogue("")).unwrap_err();
    assert!(e.to_string().contains("\"cuộc\""), "{e}");
    let (code, target, f) = field(e);
    assert_eq!((Some(code), target, f), invalid("unit_en"));
    // a count can be 1: the singular is required beside the plural
    let (code, target, f) = field(Catalogue::from_json(&catalogue(r#""unit_en": "missions","#)).unwrap_err());
    assert_eq!((Some(code), target, f), invalid("unit_en_one"));
    // the singular alone, or a blank English word, is refused
    let (code, _, f) = field(Catalogue::from_json(&catalogue(r#""unit_en_one": "mission","#)).unwrap_err());
    assert_eq!((code, f.as_deref()), ("catalogue_invalid", Some("unit_en_one")));
    let (code, _, f) =
        field(Catalogue::from_json(&catalogue(r#""unit_en": " ", "unit_en_one": "mission","#)).unwrap_err());
    assert_eq!((code, f.as_deref()), ("catalogue_invalid", Some("unit_en")));
    // a word the core knows for sure needs nothing: "hộ" is households
    let known = catalogue("").replace("\"cuộc\"", "\"hộ\"");
    let cat = Catalogue::from_json(&known).unwrap();
    let e = chitieu::units::english(&cat.indicators[0].unit).unwrap();
    assert_eq!((e.one.as_ref(), e.other.as_ref()), ("household", "households"));
    let figs = Figures::from_csv(&cat, "indicator,period,value\nmissions,2026,1\n").unwrap();
    let evs = chitieu::evaluate(&cat, &figs, &Options::new(Date::end_of_year(2026))).unwrap();
    assert!(evs[0].explanation_en.contains("1 household,"), "{}", evs[0].explanation_en);
    // an unknown word is refused too
    let unknown = catalogue("").replace("\"cuộc\"", "\"chuyến\"");
    let (code, _, f) = field(Catalogue::from_json(&unknown).unwrap_err());
    assert_eq!((code, f.as_deref()), ("catalogue_invalid", Some("unit_en")));
}

fn an_lac() -> Catalogue {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/catalogues/an_lac.json");
    Catalogue::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn every_unit_of_the_two_catalogues_has_an_english_name() {
    for cat in [Catalogue::builtin(), an_lac()] {
        for i in &cat.indicators {
            let e = i.unit_english();
            assert!(vietnamese(&e.one).is_empty() && vietnamese(&e.other).is_empty(), "{}: {e:?}", i.id);
            assert_eq!(e.other.is_empty(), i.unit.is_empty(), "{}", i.id);
            // a word unit is named in the catalogue itself, not only by the library's table
            if i.unit.chars().any(char::is_alphabetic) && !matches!(i.unit.as_str(), "km" | "ha") {
                assert!(i.unit_en.is_some(), "{} ({}) has no unit_en", i.id, i.unit);
            }
        }
        for t in &cat.targets {
            let i = cat.indicator(&t.indicator).unwrap();
            let e = chitieu::text::value_unit_en(&t.timing, i, false);
            assert!(vietnamese(&e.other).is_empty(), "{}: {e:?}", t.id);
            let (_, en) = chitieu::text::reference(t, i, 1.into());
            assert!(vietnamese(&en).is_empty(), "{}: {en}", t.id);
        }
    }
}

const SAMPLE: &str = include_str!("../../examples/data/sample_figures.csv");
const AN_LAC_FIGURES: &str = include_str!("../../examples/catalogues/an_lac_figures.csv");

/// The English report, with what may hold Vietnamese by design taken out: the document's quotes (between “ and
/// ”), the document's section references (lettered the Vietnamese way: "II.2.đ"), and the catalogue's own
/// English prose that names the document's parts and terms (the programme's title, the discrepancies' summaries:
/// "Phụ lục 2", "cán bộ, công chức"). Everything the library writes must be left without a Vietnamese letter.
fn report_without_quotes(cat: &Catalogue, figures: &str, lang_markdown: bool) -> String {
    let figs = Figures::from_csv(cat, figures).unwrap();
    let opts = Options::new(Date::end_of_year(2027));
    let card = chitieu::scorecard(cat, &figs, &opts).unwrap();
    for e in &card.evaluations {
        for (what, s) in [
            ("explanation_en", &e.explanation_en),
            ("reference_en", &e.reference_en),
            ("unit_en", &e.unit_en.to_string()),
            ("status_en", &e.status_en.to_string()),
        ] {
            assert!(vietnamese(s).is_empty(), "{} {what}: {s}", e.target);
        }
    }
    let mut text = if lang_markdown { card.to_markdown(Lang::En) } else { card.to_text(Lang::En) };
    let mut allowed: Vec<&str> = vec![&cat.programme.title_en];
    allowed.extend(cat.discrepancies.iter().map(|d| d.summary_en.as_str()));
    allowed.extend(cat.sections.iter().map(|s| s.id.as_str()));
    allowed.extend(cat.targets.iter().flat_map(|t| t.sources.iter().map(|s| s.section.as_str())));
    // longest first, so that a reference is not cut by a shorter one inside it
    allowed.sort_by_key(|a| std::cmp::Reverse(a.len()));
    for a in allowed {
        text = text.replace(a, "");
    }
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(open) = rest.find('“') {
        out.push_str(&rest[..open]);
        match rest[open..].find('”') {
            Some(close) => rest = &rest[open + close..],
            None => break,
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn the_english_report_speaks_english_outside_the_documents_words() {
    for markdown in [false, true] {
        for (cat, figs) in [(Catalogue::builtin(), SAMPLE), (an_lac(), AN_LAC_FIGURES)] {
            let text = report_without_quotes(&cat, figs, markdown);
            let bad: Vec<&str> = text.lines().filter(|l| !vietnamese(l).is_empty()).collect();
            assert!(bad.is_empty(), "{} (markdown {markdown}): {bad:#?}", cat.programme.id);
        }
    }
    // and the check sees a Vietnamese unit when one is there
    let text = report_without_quotes(&Catalogue::builtin(), SAMPLE, false);
    assert!(text.contains("conferences") && !text.contains("hội nghị"));
}

#[test]
fn the_drafter_fills_the_english_unit_and_asks_where_it_cannot() {
    let text = "B. CHƯƠNG TRÌNH\nI. CHÍNH TRỊ\n1. Công tác dân vận\na) Mục tiêu:\n\
                - Hằng năm, tổ chức ít nhất 02 hội nghị chuyên đề.\n\
                - Hằng năm, tổ chức giám sát từ 08 đến 10 cuộc.\n\
                - Hằng năm, thực hiện ít nhất 03 chuyến thăm hỏi.\n";
    let draft = chitieu::draft::draft(text).unwrap();
    let unit_of = |i: usize| {
        let ind = draft.catalogue.indicator(&draft.catalogue.targets[i].indicator).unwrap();
        (ind.unit.clone(), ind.unit_en.clone(), ind.unit_en_one.clone())
    };
    assert_eq!(draft.catalogue.targets.len(), 3, "{:#?}", draft.review);
    // a word the table knows for sure: nothing to write, nothing to review
    assert_eq!(unit_of(0), ("hội nghị".into(), None, None));
    assert!(!draft.review[0].reasons.iter().any(|r| r.contains("unit_en")), "{:?}", draft.review[0].reasons);
    assert!(
        draft.catalogue.targets[0].summary_en.contains("2 conferences"),
        "{}",
        draft.catalogue.targets[0].summary_en
    );
    // a generic word: written, and flagged
    assert_eq!(unit_of(1), ("cuộc".into(), Some("events".into()), Some("event".into())));
    assert!(draft.review[1].reasons.iter().any(|r| r.contains("\"cuộc\"") && r.contains("unit_en")));
    // an unknown word: the Vietnamese word, and the review says to translate it
    let (unit, en, one) = unit_of(2);
    assert_eq!((en.as_deref(), one.as_deref()), (Some(unit.as_str()), Some(unit.as_str())));
    assert!(draft.review[2].reasons.iter().any(|r| r.contains("translate it")), "{:?}", draft.review[2].reasons);
    // and the draft loads as it is
    Catalogue::from_json(&draft.catalogue_json()).unwrap();
}
