//! Figures from .xlsx workbooks (feature `xlsx`) and delimited text in the wide layout.
//!
//! The workbooks are built here, part by part, with the zip crate's writer (the zip crate is a dependency of the
//! feature): the XML of each sheet is written out by hand, so that every cell's type, style and cached value is
//! what the test says (a second writer, openpyxl, is used by the Python tests).

use chitieu::figures::decimal_from_excel;
use chitieu::grid::Layout;
use chitieu::xlsx::{read_xlsx, read_xlsx_lenient};
use chitieu::{Catalogue, Decimal, Error, FigureValue, Figures, ReadOptions};
use proptest::prelude::*;
use std::io::Write;
use std::str::FromStr;

/// A cell as the test writes it.
#[derive(Clone)]
enum C {
    /// Nothing written.
    Empty,
    /// A text cell (inline string).
    S(&'static str),
    /// A number cell, its `<v>` text as written.
    N(&'static str),
    /// A formula with its cached number (`None`: a formula never computed, no `<v>`).
    F(&'static str, Option<&'static str>),
    /// A boolean cell.
    B(bool),
    /// A date cell: a serial number with a date format.
    D(&'static str),
    /// An error cell.
    E(&'static str),
}

fn col_letters(mut c: usize) -> String {
    let mut s = Vec::new();
    c += 1;
    while c > 0 {
        s.push(b'A' + ((c - 1) % 26) as u8);
        c = (c - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

fn esc(t: &str) -> String {
    t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn sheet_xml(rows: &[Vec<C>]) -> String {
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        x.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", col_letters(c), r + 1);
            let body = match cell {
                C::Empty => continue,
                C::S(t) => format!(r#"<c r="{at}" t="inlineStr"><is><t>{}</t></is></c>"#, esc(t)),
                C::N(v) => format!(r#"<c r="{at}"><v>{v}</v></c>"#),
                C::F(f, Some(v)) => format!(r#"<c r="{at}"><f>{}</f><v>{v}</v></c>"#, esc(f)),
                C::F(f, None) => format!(r#"<c r="{at}"><f>{}</f></c>"#, esc(f)),
                C::B(b) => format!(r#"<c r="{at}" t="b"><v>{}</v></c>"#, u8::from(*b)),
                C::D(v) => format!(r#"<c r="{at}" s="1"><v>{v}</v></c>"#),
                C::E(e) => format!(r#"<c r="{at}" t="e"><v>{}</v></c>"#, esc(e)),
            };
            x.push_str(&body);
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    x
}

/// A workbook of named sheets (1900 date system unless `from_1904`).
fn workbook(sheets: &[(&str, Vec<Vec<C>>)], from_1904: bool) -> Vec<u8> {
    let mut parts: Vec<(String, String)> = Vec::new();
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
    );
    let mut book = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr{}/><sheets>"#,
        if from_1904 { r#" date1904="1""# } else { "" }
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    );
    for (i, (name, rows)) in sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        book.push_str(&format!(r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#, esc(name)));
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
        parts.push((format!("xl/worksheets/sheet{n}.xml"), sheet_xml(rows)));
    }
    types.push_str("</Types>");
    book.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    let styles = r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#;
    parts.push(("[Content_Types].xml".into(), types));
    parts.push((
        "_rels/.rels".into(),
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into(),
    ));
    parts.push(("xl/workbook.xml".into(), book));
    parts.push(("xl/_rels/workbook.xml.rels".into(), rels));
    parts.push(("xl/styles.xml".into(), styles.into()));
    zip_of(&parts.iter().map(|(n, d)| (n.as_str(), d.as_bytes())).collect::<Vec<_>>())
}

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(*name, options).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn cat() -> Catalogue {
    Catalogue::builtin()
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn read(book: &[u8]) -> chitieu::Result<Figures> {
    read_xlsx(&cat(), book, &ReadOptions::default()).map(|r| r.figures)
}

fn values(f: &Figures, indicator: &str) -> Vec<(String, FigureValue)> {
    f.series(indicator, None).iter().map(|x| (x.period.to_string(), x.value.clone())).collect()
}

fn num(p: &str, v: &str) -> (String, FigureValue) {
    (p.to_string(), FigureValue::Number(dec(v)))
}

/// Where an error says it comes from: (code, sheet, cell, row, field).
fn place(e: &Error) -> (&'static str, Option<String>, Option<String>, Option<usize>, Option<String>) {
    let d = e.details();
    (e.code(), d.sheet, d.cell, d.row, d.field)
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

#[test]
fn numbers_read_as_excel_shows_them() {
    // 15 significant digits, the shortest: worked out by hand from each float's digits
    for (x, shown) in [
        (85.5, "85.5"),
        (0.1 + 0.2, "0.3"),
        (8.550000000000001, "8.55"),
        (1e-7, "0.0000001"),
        (-5.25, "-5.25"),
        (2026.0, "2026"),
        (123_456_789_012_345.0, "123456789012345"),
        (1_234_567_890_123_456_789.0, "1234567890123460000"),
        (0.1 + 0.7, "0.8"),
        (1.0 / 3.0, "0.333333333333333"),
        (-0.0, "0"),
    ] {
        assert_eq!(decimal_from_excel(x).map(|d| d.normalize().to_string()).as_deref(), Some(shown), "{x:e}");
    }
    assert_eq!(decimal_from_excel(f64::NAN), None);
    assert_eq!(decimal_from_excel(f64::INFINITY), None);
    assert_eq!(decimal_from_excel(1e-40), None, "beyond 28 decimals: refused, not rounded to 0");
}

#[test]
fn a_long_sheet_below_its_title_rows() {
    let book = workbook(
        &[(
            "Số liệu",
            vec![
                vec![C::S("Số liệu năm 2026 (title)")],
                vec![],
                vec![C::S("Mã chỉ tiêu (indicator)"), C::S("Kỳ (period)"), C::S("Giá trị (value)"), C::S("note")],
                vec![C::S("grdp"), C::N("2026"), C::N("85.5"), C::S("đã kiểm tra")],
                vec![C::S("grdp"), C::S("2027"), C::F("0.1+0.2", Some("0.30000000000000004")), C::Empty],
                vec![C::S("grdp"), C::N("2028"), C::S("1e-7")],
                vec![C::S("grdp"), C::N("2029"), C::N("-5.25")],
                vec![],
                vec![C::S("doctors"), C::N("2026"), C::N("12")],
            ],
        )],
        false,
    );
    let r = read_xlsx(&cat(), &book, &ReadOptions::default()).unwrap();
    assert_eq!(
        values(&r.figures, "grdp"),
        vec![num("2026", "85.5"), num("2027", "0.3"), num("2028", "0.0000001"), num("2029", "-5.25")]
    );
    assert_eq!(values(&r.figures, "doctors"), vec![num("2026", "12")]);
    // rows as the sheet numbers them
    assert_eq!(r.figures.series("grdp", None)[0].row, 4);
    assert_eq!(r.figures.series("doctors", None)[0].row, 9);
    assert_eq!(r.sheets.len(), 1);
    assert_eq!((r.sheets[0].name.as_str(), r.sheets[0].layout, r.sheets[0].figures), ("Số liệu", Layout::Long, 5));
}

/// The wide sheet of an office: a row an indicator (and field), a column a period, descriptive columns.
fn wide_sheet() -> Vec<Vec<C>> {
    vec![
        vec![C::S("BIỂU SỐ LIỆU")],
        vec![
            C::S("STT (stt)"),
            C::S("Chỉ tiêu (name)"),
            C::S("Mã chỉ tiêu (indicator)"),
            C::S("Trường (field)"),
            C::N("2026"),
            C::S("2027"),
            C::S("Ngày hoàn thành (completed)"),
            C::S("Ghi chú (note)"),
        ],
        vec![C::S("I"), C::S("KINH TẾ")],
        vec![
            C::N("1"),
            C::S("Tăng trưởng"),
            C::S("grdp"),
            C::S("value"),
            C::N("85.5"),
            C::F("A1*2", Some("8.550000000000001")),
        ],
        vec![C::N("2"), C::S("Hồ sơ"), C::S("online_dossiers"), C::S("numerator"), C::N("45"), C::N("50")],
        vec![C::N("2"), C::S("Hồ sơ"), C::S("online_dossiers"), C::S("denominator"), C::N("50"), C::N("50")],
        vec![
            C::N("3"),
            C::S("Kiểm tra"),
            C::S("party_organisation_inspected"),
            C::S("done"),
            C::B(true),
            C::S("không"),
        ],
        vec![
            C::N("4"),
            C::S("Đề án"),
            C::S("socialism_project_plan"),
            C::S("completed"),
            C::Empty,
            C::Empty,
            C::D("46096"),
        ],
        vec![C::N("5"), C::S("Bác sĩ"), C::S("doctors"), C::S("value"), C::Empty, C::Empty, C::Empty, C::S("chưa có")],
    ]
}

#[test]
fn a_wide_sheet_reads_as_the_long_csv() {
    let book =
        workbook(&[("Hướng dẫn", vec![vec![C::S("Điền số liệu vào các ô trống")]]), ("Kinh tế", wide_sheet())], false);
    let r = read_xlsx(&cat(), &book, &ReadOptions::default()).unwrap();
    // the same figures written long by hand (46096 is 2026-03-15: 45658 is 2025-01-01, then 365 + 31 + 28 + 14 days)
    let long = "indicator,period,value,numerator,denominator,done,completed\n\
                grdp,2026,85.5,,,,\n\
                grdp,2027,8.55,,,,\n\
                online_dossiers,2026,,45,50,,\n\
                online_dossiers,2027,,50,50,,\n\
                party_organisation_inspected,2026,,,,true,\n\
                party_organisation_inspected,2027,,,,false,\n\
                socialism_project_plan,,,,,,2026-03-15\n";
    let expected = Figures::from_csv(&cat(), long).unwrap();
    for id in ["grdp", "online_dossiers", "party_organisation_inspected", "socialism_project_plan", "doctors"] {
        assert_eq!(values(&r.figures, id), values(&expected, id), "{id}");
    }
    assert_eq!(r.figures.len(), 7);
    let layouts: Vec<_> = r.sheets.iter().map(|s| (s.name.as_str(), s.layout, s.figures)).collect();
    assert_eq!(layouts, vec![("Hướng dẫn", Layout::Skipped, 0), ("Kinh tế", Layout::Wide, 7)]);
}

#[test]
fn dates_in_both_systems() {
    // serial -> day, worked out from the systems' definitions: 1900 counts 1900-01-01 as 1 and has a 1900-02-29
    // (60); 1904 counts 1904-01-01 as 0
    let completion = |serial: &'static str, from_1904: bool| {
        let rows = vec![
            vec![C::S("indicator"), C::S("field"), C::S("completed"), C::S("2026")],
            vec![C::S("socialism_project_plan"), C::S("completed"), C::D(serial)],
        ];
        read_xlsx(&Catalogue::builtin(), &workbook(&[("s", rows)], from_1904), &ReadOptions::default())
            .map(|r| values(&r.figures, "socialism_project_plan"))
    };
    let day = |d: &str| vec![(d.to_string(), FigureValue::Completed(chitieu::Date::from_str(d).unwrap()))];
    assert_eq!(completion("46096", false).unwrap(), day("2026-03-15"));
    assert_eq!(completion("46096.75", false).unwrap(), day("2026-03-15"), "a time of day is dropped");
    assert_eq!(completion("44634", true).unwrap(), day("2026-03-15"), "1904: 1462 days fewer");
    // outside the programme but read right: the error shows the day
    let outside = |serial: &'static str, from_1904: bool| completion(serial, from_1904).unwrap_err().details().value;
    assert_eq!(outside("59", false), s("1900-02-28"));
    assert_eq!(outside("61", false), s("1900-03-01"));
    assert_eq!(outside("1", false), s("1900-01-01"));
    assert_eq!(outside("0", true), s("1904-01-01"));
    // the day that never was, and serial 0 in 1900: refused as dates
    for bad in ["60", "0"] {
        let e = completion(bad, false).unwrap_err();
        assert_eq!(place(&e), ("invalid_period", s("s"), s("C2"), Some(2), s("completed")), "{e}");
    }
}

#[test]
fn cells_that_are_refused_name_their_sheet_and_cell() {
    let long = |value: C| {
        let rows = vec![
            vec![C::S("indicator"), C::S("period"), C::S("value")],
            vec![C::S("grdp"), C::N("2026"), C::N("1")],
            vec![C::S("grdp"), C::N("2027"), value],
        ];
        read(&workbook(&[("Trang 1", rows)], false)).unwrap_err()
    };
    let e = long(C::E("#DIV/0!"));
    assert_eq!(place(&e), ("figures_syntax", s("Trang 1"), s("C3"), Some(3), None), "{e}");
    assert!(e.to_string().contains("#DIV/0!") && e.to_string().contains("sheet \"Trang 1\", cell C3"), "{e}");
    let e = long(C::S("85,5"));
    assert_eq!(place(&e), ("not_a_number", s("Trang 1"), s("C3"), Some(3), s("value")), "{e}");
    let e = long(C::B(true));
    assert_eq!(place(&e), ("not_a_number", s("Trang 1"), s("C3"), Some(3), s("value")), "{e}");
    // a formula never computed (as openpyxl writes them): refused, not read as an empty cell
    let e = long(C::F("1+1", None));
    assert_eq!(place(&e), ("figures_syntax", s("Trang 1"), s("C3"), Some(3), None), "{e}");
    assert!(e.to_string().contains("no computed value"), "{e}");
    let e = long(C::F("1+1", Some("")));
    assert_eq!(place(&e), ("figures_syntax", s("Trang 1"), s("C3"), Some(3), None), "{e}");
    let e = long(C::S("abc"));
    assert_eq!(e.details().value, s("abc"));
    // a text cell with a decimal comma, declared
    let rows =
        vec![vec![C::S("indicator"), C::S("period"), C::S("value")], vec![C::S("grdp"), C::N("2026"), C::S("85,5")]];
    let r = read_xlsx(&cat(), &workbook(&[("a", rows)], false), &ReadOptions::default().decimal_comma(true)).unwrap();
    assert_eq!(values(&r.figures, "grdp"), vec![num("2026", "85.5")]);

    // wide: a bad number names its cell; an unknown header cell too; a value without an indicator
    let mut rows = wide_sheet();
    rows[5][5] = C::S("n/a");
    let e = read(&workbook(&[("Kinh tế", rows)], false)).unwrap_err();
    assert_eq!(place(&e), ("not_a_number", s("Kinh tế"), s("F6"), Some(6), s("denominator")), "{e}");
    let mut rows = wide_sheet();
    rows[1][7] = C::S("Số tiền (amount)");
    let e = read(&workbook(&[("Kinh tế", rows)], false)).unwrap_err();
    assert_eq!(place(&e), ("figures_syntax", s("Kinh tế"), s("H2"), Some(2), None), "{e}");
    let mut rows = wide_sheet();
    rows[3][2] = C::Empty;
    let e = read(&workbook(&[("Kinh tế", rows)], false)).unwrap_err();
    assert_eq!(place(&e), ("missing_field", s("Kinh tế"), s("C4"), Some(4), s("indicator")), "{e}");
    // a numerator without its denominator: the usual missing field, at the numerator's cell
    let mut rows = wide_sheet();
    rows[5][5] = C::Empty;
    let e = read(&workbook(&[("Kinh tế", rows)], false)).unwrap_err();
    assert_eq!(place(&e), ("missing_field", s("Kinh tế"), s("F5"), Some(5), s("denominator")), "{e}");
    // a figure outside the share's range: the numerator's cell
    let mut rows = wide_sheet();
    rows[4][4] = C::N("51");
    let e = read(&workbook(&[("Kinh tế", rows)], false)).unwrap_err();
    assert_eq!(place(&e), ("numerator_above_denominator", s("Kinh tế"), s("E5"), Some(5), s("numerator")), "{e}");
    // a value in a column without a header
    let mut rows = wide_sheet();
    rows[3].extend([C::Empty, C::Empty, C::N("7")]);
    let e = read(&workbook(&[("Kinh tế", rows)], false)).unwrap_err();
    assert_eq!(place(&e), ("figures_syntax", s("Kinh tế"), s("I4"), Some(4), None), "{e}");
}

#[test]
fn duplicates_name_both_cells_across_sheets() {
    let a = vec![vec![C::S("indicator"), C::S("2026")], vec![C::S("grdp"), C::N("1")]];
    let b = vec![
        vec![C::S("indicator"), C::S("period"), C::S("value")],
        vec![],
        vec![C::S("grdp"), C::N("2026"), C::N("2")],
    ];
    let e = read(&workbook(&[("A", a.clone()), ("B", b)], false)).unwrap_err();
    assert_eq!(place(&e), ("duplicate_figure", s("B"), s("B3"), Some(3), s("period")), "{e}");
    assert_eq!(e.details().other_row, Some(2));
    assert!(e.to_string().contains("sheet \"A\", cell B2"), "{e}");
    // the same field twice in one wide sheet
    let twice =
        vec![vec![C::S("indicator"), C::S("2026")], vec![C::S("grdp"), C::N("1")], vec![C::S("grdp"), C::N("1")]];
    let e = read(&workbook(&[("A", twice)], false)).unwrap_err();
    assert_eq!(place(&e), ("duplicate_figure", s("A"), s("B3"), Some(3), s("period")), "{e}");
    assert!(e.to_string().contains("(and cell B2)"), "{e}");
}

#[test]
fn lenient_reading_keeps_every_bad_cell() {
    let mut rows = wide_sheet();
    rows[3][4] = C::S("abc");
    rows[6][5] = C::S("maybe");
    let (r, bad) = read_xlsx_lenient(&cat(), &workbook(&[("K", rows)], false), &ReadOptions::default()).unwrap();
    let cells: Vec<_> = bad.iter().map(|b| (b.row, b.error.details().cell)).collect();
    assert_eq!(cells, vec![(Some(4), s("E4")), (Some(7), s("F7"))]);
    assert_eq!(values(&r.figures, "grdp"), vec![num("2027", "8.55")]);
}

#[test]
fn workbooks_that_cannot_be_read() {
    for bytes in [&b"%PDF-1.7"[..], b"", b"PK\x03\x04 truncated"] {
        let e = read(bytes).unwrap_err();
        assert_eq!(e.code(), "xlsx_syntax", "{e}");
    }
    // a zip that is not a workbook
    let e = read(&zip_of(&[("hello.txt", b"hi")])).unwrap_err();
    assert_eq!(e.code(), "xlsx_syntax", "{e}");
    // cut anywhere: an error, never a panic
    let book = workbook(&[("K", wide_sheet())], false);
    for len in (0..book.len()).step_by(97) {
        let e = read(&book[..len]).unwrap_err();
        assert!(matches!(e.code(), "xlsx_syntax" | "limit_exceeded"), "{len}: {e}");
    }
    // malformed sheet XML
    let mut parts = vec![];
    let good = workbook(&[("K", wide_sheet())], false);
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&good[..])).unwrap();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut data).unwrap();
        if f.name().ends_with("sheet1.xml") {
            data.truncate(data.len() / 2);
        }
        parts.push((f.name().to_string(), data));
    }
    let e = read(&zip_of(&parts.iter().map(|(n, d)| (n.as_str(), d.as_slice())).collect::<Vec<_>>())).unwrap_err();
    assert_eq!((e.code(), e.details().sheet), ("xlsx_syntax", s("K")), "{e}");
}

#[test]
fn a_zip_bomb_stops_at_the_limit() {
    // 300 MB of zeros deflate to about 300 KB; the workbook is never parsed
    let zeros = vec![0u8; 1 << 20];
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    w.start_file("xl/sharedStrings.xml", options).unwrap();
    for _ in 0..300 {
        w.write_all(&zeros).unwrap();
    }
    let bytes = w.finish().unwrap().into_inner();
    assert!(bytes.len() < 4 << 20, "{}", bytes.len());
    let e = read(&bytes).unwrap_err();
    assert_eq!(e.code(), "limit_exceeded", "{e}");
}

#[test]
fn wide_csv_reads_as_the_wide_sheet() {
    let csv = "STT (stt);Mã chỉ tiêu (indicator);Trường (field);2026;2027;Ngày hoàn thành (completed)\n\
               1;grdp;value;85,5;8,55;\n\
               2;online_dossiers;numerator;45;50;\n\
               2;online_dossiers;denominator;50;50;\n\
               3;party_organisation_inspected;done;có;không;\n\
               4;socialism_project_plan;completed;;;2026-03-15\n";
    let f = Figures::from_csv_with(&cat(), csv, &ReadOptions::default().decimal_comma(true)).unwrap();
    let book = read(&workbook(&[("Kinh tế", wide_sheet())], false)).unwrap();
    for id in ["grdp", "online_dossiers", "party_organisation_inspected", "socialism_project_plan"] {
        assert_eq!(values(&f, id), values(&book, id), "{id}");
    }
    // the batch reads it too, keeping bad cells
    let bad = csv.replace("85,5", "x");
    let (f, errors) =
        chitieu::batch::read_csv_with(&cat(), &bad, 1, &ReadOptions::default().decimal_comma(true)).unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].row, errors[0].error.details().cell), (Some(2), s("D2")));
    assert_eq!(f.series("grdp", None).len(), 1);
    // errors name the cell, without a sheet
    let e = Figures::from_csv(&cat(), "indicator,2026\ngrdp,abc\n").unwrap_err();
    assert_eq!(place(&e), ("not_a_number", None, s("B2"), Some(2), s("value")), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Any figures written wide as CSV read back as the same figures as written long.
    #[test]
    fn wide_csv_equals_long_csv(
        grdp in proptest::collection::btree_map(2025i32..=2030, -1_000_000i64..1_000_000, 0..6),
        shares in proptest::collection::btree_map(2025i32..=2030, (0u32..1000, 1u32..1000), 0..6),
        units in proptest::collection::vec("[a-c]{1,2}", 1..3),
        sep in prop_oneof![Just(','), Just(';'), Just('\t')],
        scale in 0u32..4,
    ) {
        let mut long = String::from("indicator,unit,period,value,numerator,denominator\n");
        let years: Vec<i32> = (2025..=2030).collect();
        let mut wide = ["indicator", "unit", "field"].join(&sep.to_string());
        for y in &years {
            wide.push(sep);
            wide.push_str(&y.to_string());
        }
        wide.push('\n');
        let mut seen = std::collections::BTreeSet::new();
        for unit in units.iter().filter(|u| seen.insert((*u).clone())) {
            let mut value_row = vec!["grdp".to_string(), unit.clone(), "value".into()];
            let mut num_row = vec!["online_dossiers".to_string(), unit.clone(), "numerator".into()];
            let mut den_row = vec!["online_dossiers".to_string(), unit.clone(), "denominator".into()];
            for y in &years {
                let v = grdp.get(y).map(|v| Decimal::new(*v, scale).to_string());
                if let Some(v) = &v {
                    long.push_str(&format!("grdp,{unit},{y},{v},,\n"));
                }
                value_row.push(v.unwrap_or_default());
                let (n, d) = match shares.get(y) {
                    Some((n, d)) => {
                        let (n, d) = ((*n).min(*d), *d);
                        long.push_str(&format!("online_dossiers,{unit},{y},,{n},{d}\n"));
                        (n.to_string(), d.to_string())
                    }
                    None => (String::new(), String::new()),
                };
                num_row.push(n);
                den_row.push(d);
            }
            for row in [value_row, num_row, den_row] {
                wide.push_str(&row.join(&sep.to_string()));
                wide.push('\n');
            }
        }
        let a = Figures::from_csv(&cat(), &long).unwrap();
        let b = Figures::from_csv(&cat(), &wide).unwrap();
        prop_assert_eq!(a.len(), b.len());
        prop_assert_eq!(a.units(), b.units());
        for u in a.units() {
            for id in ["grdp", "online_dossiers"] {
                let strip = |f: &Figures| f.series(id, u.as_deref()).iter().map(|x| (x.period, x.value.clone())).collect::<Vec<_>>();
                prop_assert_eq!(strip(&a), strip(&b));
            }
        }
    }
}
