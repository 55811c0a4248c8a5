//! The properties each fuzz target checks, shared by the libFuzzer targets (fuzz/) and the regression test
//! (core/tests/fuzz_regressions.rs) that replays saved inputs on stable Rust.
#![allow(dead_code)]

use chitieu::{evaluate, parse_as_of, report, Catalogue, Decimal, Error, Figures, Lang, Options};

fn known(e: &Error) {
    assert!(Error::CODES.contains(&e.code()), "unknown error code {}", e.code());
}

/// Catalogue loading: any text either loads and survives a round trip, or is refused with a typed error.
pub fn catalogue(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Catalogue::from_json(text) {
        Ok(cat) => {
            let again = Catalogue::from_json(&cat.to_json()).expect("a loaded catalogue reloads");
            assert_eq!(again, cat);
            if let Err(e) = evaluate(&cat, &Figures::default(), &Options::new(parse_as_of("2030").unwrap())) {
                known(&e);
            }
        }
        Err(e) => known(&e),
    }
}

/// Figure parsing (CSV and JSON) against the built-in catalogue, and evaluation of whatever parses.
pub fn figures(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let cat = Catalogue::builtin();
    for parsed in [Figures::from_csv(&cat, text), Figures::from_json(&cat, text)] {
        match parsed {
            Ok(figs) => {
                for as_of in ["2025", "2026-Q1", "2027-06-30", "2030"] {
                    let mut o = Options::new(parse_as_of(as_of).unwrap());
                    if let Err(e) = evaluate(&cat, &figs, &o) {
                        known(&e);
                    }
                    o.explain = false;
                    let _ = evaluate(&cat, &figs, &o);
                }
            }
            Err(e) => known(&e),
        }
    }
}

/// Evaluation over structured random figures (every indicator, any period, extreme decimals); the scorecard
/// renders in every format and its JSON reads back.
pub fn evaluate_structured(data: &[u8]) {
    let cat = Catalogue::builtin();
    let mut csv = String::from("indicator,period,value,numerator,denominator,growth,done,completed,entity\n");
    for chunk in data.chunks_exact(14) {
        let ind = &cat.indicators[chunk[0] as usize % cat.indicators.len()];
        let year = 2025 + i32::from(chunk[1] % 6);
        let period = match chunk[2] % 3 {
            0 => format!("{year}"),
            1 => format!("{year}-Q{}", 1 + chunk[2] % 4),
            _ => format!("{year}-{:02}-{:02}", 1 + chunk[3] % 12, 1 + chunk[3] % 28),
        };
        let m = i64::from_le_bytes(chunk[4..12].try_into().unwrap());
        let v = Decimal::new(m, u32::from(chunk[12] % 29));
        let d = Decimal::new(i64::from(chunk[13]) - 20, u32::from(chunk[3] % 3));
        let entity = if chunk[13] % 3 == 0 { format!("e{}", chunk[13] % 5) } else { String::new() };
        let row = match chunk[2] % 6 {
            0 => format!("{},{period},{v},,,,,,{entity}", ind.id),
            1 => format!("{},{period},,{v},{d},,,,{entity}", ind.id),
            2 => format!("{},{period},,,,{d},,,{entity}", ind.id),
            3 => format!("{},{period},,,,,{},,{entity}", ind.id, chunk[4] % 2 == 0),
            4 => format!("{},,,,,,,{year}-0{}-1{},{entity}", ind.id, 1 + chunk[5] % 9, chunk[6] % 10),
            _ => format!("{},{period},{d},,,,,,{entity}", ind.id),
        };
        csv.push_str(&row);
        csv.push('\n');
    }
    let figs = match Figures::from_csv(&cat, &csv) {
        Ok(f) => f,
        Err(e) => return known(&e),
    };
    for as_of in ["2026", "2028-Q3", "2030"] {
        match report::scorecard(&cat, &figs, &Options::new(parse_as_of(as_of).unwrap())) {
            Ok(card) => {
                let _ = (card.to_text(Lang::Vi), card.to_markdown(Lang::En), card.to_csv());
                let back: report::Scorecard = serde_json::from_str(&card.to_json()).expect("scorecard JSON reads back");
                assert_eq!(back.evaluations.len(), cat.targets.len());
            }
            Err(e) => known(&e),
        }
    }
}

/// A programme and its figures together (the catalogue's JSON, a line `---`, the figures' CSV or JSON): whatever
/// loads is evaluated before, at and after the deadlines, with and without words, and its scorecard written; every
/// failure is a typed error, never a panic. This reaches the kinds of target a catalogue chooses (changes, averages,
/// rates, bands) with figures of any size.
pub fn programme(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (cat_text, figs_text) = text.split_once("\n---\n").unwrap_or((text, ""));
    let cat = match Catalogue::from_json(cat_text) {
        Ok(c) => c,
        Err(e) => return known(&e),
    };
    let again = Catalogue::from_json(&cat.to_json()).expect("a loaded catalogue reloads");
    assert_eq!(again, cat);
    let _ = cat.restatement_checks();
    let _ = cat.missing_quotes(figs_text);
    let figs = match Figures::from_text(&cat, figs_text) {
        Ok(f) => f,
        Err(e) => return known(&e),
    };
    for as_of in ["2025", "2026-06-30", "2027", "2029-Q3", "2030", "2031"] {
        let Some(date) = parse_as_of(as_of) else { continue };
        let mut o = Options::new(date);
        match report::scorecard(&cat, &figs, &o) {
            Ok(card) => {
                let _ = card.to_text(Lang::Vi);
                let _ = card.to_json();
            }
            Err(e) => known(&e),
        }
        o.explain = false;
        if let Err(e) = evaluate(&cat, &figs, &o) {
            known(&e);
        }
        for t in &cat.targets {
            if let Err(e) = chitieu::required_path(&cat, t, &figs, &o) {
                known(&e);
            }
        }
    }
}

/// Reading a .docx (the core's feature `docx`; the fuzz crate's feature of the same name turns it on): any bytes
/// give the body's text, one line per paragraph, or a typed error; never a panic, never more text than the
/// inflated size the core allows.
#[cfg(feature = "docx")]
pub fn docx(data: &[u8]) {
    match chitieu::docx::docx_text(data) {
        Ok(text) => {
            assert!(text.len() <= chitieu::error::limits::MAX_DOCX_XML_BYTES);
            assert!(text.is_empty() || text.ends_with('\n'), "every paragraph ends its line");
        }
        Err(e) => {
            known(&e);
            assert!(matches!(e.code(), "docx_syntax" | "limit_exceeded"), "{e}");
        }
    }
}

/// The drafter: any text (the bytes read as UTF-8, lossily) gives a draft whose every quote is in the text read
/// and whose catalogue loads again, or a typed error (a limit); never a panic.
pub fn draft(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match chitieu::draft::draft(&text) {
        Ok(d) => {
            assert_eq!(d.review.len(), d.catalogue.targets.len());
            for t in &d.catalogue.targets {
                for s in t.sources.iter() {
                    assert!(d.text.contains(&s.quote), "{}: a quote not in the text", t.id);
                }
            }
            chitieu::Catalogue::from_json(&d.catalogue_json()).expect("a draft loads again");
        }
        Err(e) => {
            known(&e);
            assert_eq!(e.code(), "limit_exceeded", "{e}");
        }
    }
}
