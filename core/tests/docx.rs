//! The text of a .docx (feature `docx`): paragraphs, runs, tables, entities, Vietnamese, tabs and breaks, deleted
//! text; and hostile input (not a zip, no document, truncated, zip bombs, malformed XML, invalid UTF-8).
//!
//! The .docx files are built here: a small zip writer below (stored or deflated entries), around XML written by
//! hand. Every expected text is written out by hand too. python/tests/test_docx.py reads files made by python-docx.

use chitieu::docx::docx_text;
use chitieu::error::limits;
use chitieu::Error;
use proptest::prelude::*;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// One zip entry: name, bytes, compressed (deflate) or stored.
struct Part<'a> {
    name: &'a str,
    data: Vec<u8>,
    deflate: bool,
}

fn part(name: &str, data: impl Into<Vec<u8>>) -> Part<'_> {
    Part { name, data: data.into(), deflate: true }
}

fn crc32(data: &[u8]) -> u32 {
    // bit by bit, independent of the library's table
    let mut c = !0u32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
    }
    !c
}

/// A zip of `parts`, written by the book (APPNOTE 4.3): local headers and data, the central directory, its end.
/// `declared` overrides the recorded uncompressed size of every entry (to lie about it).
fn zip_with(parts: &[Part<'_>], declared: Option<u32>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for p in parts {
        let body = if p.deflate { miniz_oxide::deflate::compress_to_vec(&p.data, 6) } else { p.data.clone() };
        let method: u16 = if p.deflate { 8 } else { 0 };
        let crc = crc32(&p.data);
        let size = declared.unwrap_or(p.data.len() as u32);
        let offset = out.len() as u32;
        let header = |sig: u32, central_form: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central_form {
                h.extend(20u16.to_le_bytes()); // version made by
            }
            h.extend(20u16.to_le_bytes()); // version needed
            h.extend(0u16.to_le_bytes()); // flags
            h.extend(method.to_le_bytes());
            h.extend(0u32.to_le_bytes()); // time and date
            h.extend(crc.to_le_bytes());
            h.extend((body.len() as u32).to_le_bytes());
            h.extend(size.to_le_bytes());
            h.extend((p.name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central_form {
                h.extend(0u16.to_le_bytes()); // comment
                h.extend(0u16.to_le_bytes()); // disk
                h.extend(0u16.to_le_bytes()); // internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(p.name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(&body);
        central.extend(header(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]); // disks
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// A .docx whose body is `body` (WordprocessingML with the prefix `w`), with the parts Word writes beside it.
fn docx(body: &str) -> Vec<u8> {
    zip_with(
        &[
            part(
                "[Content_Types].xml",
                r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
            ),
            part("word/document.xml", document(body)),
            part(
                "word/header1.xml",
                format!(r#"<w:hdr xmlns:w="{W}"><w:p><w:r><w:t>HEADER</w:t></w:r></w:p></w:hdr>"#),
            ),
            part(
                "word/footnotes.xml",
                format!(
                    r#"<w:footnotes xmlns:w="{W}"><w:footnote><w:p><w:r><w:t>FOOTNOTE</w:t></w:r></w:p></w:footnote></w:footnotes>"#
                ),
            ),
        ],
        None,
    )
}

fn document(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document xmlns:w=\"{W}\" \
         xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" mc:Ignorable=\"w14\">\
         <w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"
    )
}

/// A paragraph of one run.
fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn text(body: &str) -> String {
    docx_text(&docx(body)).unwrap_or_else(|e| panic!("{e} [{}]", e.code()))
}

fn err(bytes: &[u8]) -> Error {
    match docx_text(bytes) {
        Ok(t) => panic!("expected an error, got text {t:?}"),
        Err(e) => e,
    }
}

#[test]
fn paragraphs_one_a_line_empty_ones_included() {
    let body = format!("{}{}<w:p/><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p>{}", p("Một"), p("Hai"), p("Ba"));
    assert_eq!(text(&body), "Một\nHai\n\n\nBa\n");
    assert_eq!(text(""), "");
}

#[test]
fn runs_split_mid_word_join_as_written() {
    let body = "<w:p><w:r><w:t>chỉ ti</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>êu</w:t></w:r>\
                <w:proofErr w:type=\"spellStart\"/><w:r><w:t xml:space=\"preserve\"> số </w:t></w:r>\
                <w:hyperlink r:id=\"rId4\" xmlns:r=\"urn:r\"><w:r><w:t>1</w:t></w:r></w:hyperlink>\
                <w:smartTag w:uri=\"u\" w:element=\"e\"><w:r><w:t>5</w:t></w:r></w:smartTag></w:p>";
    assert_eq!(text(body), "chỉ tiêu số 15\n");
}

#[test]
fn a_table_reads_cell_by_cell_row_after_row() {
    // | STT | Chỉ tiêu                  | 2030      |
    // | 1   | Tỷ lệ hồ sơ (two paras)   | trên 85%  |
    // | 2   | merged over two columns              |
    // | 3   | vertically merged start   | (empty)   |
    // |     | (continuation)            | 100%      |
    let cell = |paras: &str| format!("<w:tc><w:tcPr><w:tcW w:w=\"1000\" w:type=\"dxa\"/></w:tcPr>{paras}</w:tc>");
    let row = |cells: &[String]| format!("<w:tr><w:trPr/>{}</w:tr>", cells.concat());
    let body = format!(
        "{}<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"1\"/></w:tblGrid>{}{}{}{}{}</w:tbl>{}",
        p("Phụ lục 2"),
        row(&[cell(&p("STT")), cell(&p("Chỉ tiêu")), cell(&p("2030"))]),
        row(&[cell(&p("1")), cell(&format!("{}{}", p("Tỷ lệ hồ sơ"), p("trực tuyến toàn trình"))), cell(&p("trên 85%"))]),
        row(&[
            cell(&p("2")),
            format!("<w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>{}</w:tc>", p("Gộp hai cột")),
        ]),
        row(&[
            cell(&p("3")),
            format!("<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>{}</w:tc>", p("Gộp hai dòng")),
            cell("<w:p/>"),
        ]),
        row(&[cell("<w:p/>"), "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>".to_string(), cell(&p("100%"))]),
        p("Sau bảng"),
    );
    let want = "Phụ lục 2\n\
                STT\nChỉ tiêu\n2030\n\
                1\nTỷ lệ hồ sơ\ntrực tuyến toàn trình\ntrên 85%\n\
                2\nGộp hai cột\n\
                3\nGộp hai dòng\n\n\
                \n\n100%\n\
                Sau bảng\n";
    assert_eq!(text(&body), want);
}

#[test]
fn a_table_inside_a_table_comes_out_in_reading_order() {
    let body = format!(
        "<w:tbl><w:tr><w:tc>{}<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
        p("a"),
        p("b"),
        p("c"),
        p("d"),
        p("e")
    );
    assert_eq!(text(&body), "a\nb\nc\nd\ne\n");
}

#[test]
fn entities_are_decoded() {
    let body = p("R&amp;D &lt;5% &gt; 3 &quot;x&quot; &apos;y&apos; &#273;&#x1EA1;t &#37;");
    assert_eq!(text(&body), "R&D <5% > 3 \"x\" 'y' đạt %\n");
    // in CDATA nothing is decoded
    let body = "<w:p><w:r><w:t><![CDATA[a &amp; <b>]]></w:t></w:r></w:p>";
    assert_eq!(text(body), "a &amp; <b>\n");
}

#[test]
fn vietnamese_nfc_and_nfd_come_out_byte_for_byte() {
    let nfc = "Phường Hưng Đạo: tỷ lệ hộ nghèo dưới 1%";
    // the same words decomposed: base letters followed by combining marks (U+0300 grave, U+0309 hook above,
    // U+031B horn, U+0323 dot below)
    let nfd = "Phu\u{31b}\u{300}o\u{31b}ng Hu\u{31b}ng \u{110}a\u{323}o: ty\u{309} le\u{302}\u{323} ho\u{302}\u{323} ngh\u{e8}o";
    assert_ne!(nfc.as_bytes(), nfd.as_bytes());
    let out = text(&format!("{}{}", p(nfc), p(nfd)));
    assert_eq!(out.as_bytes(), format!("{nfc}\n{nfd}\n").as_bytes());
    // a split between a base letter and its combining mark is kept as it is
    let body = "<w:p><w:r><w:t>Đa</w:t></w:r><w:r><w:t>\u{323}o</w:t></w:r></w:p>";
    assert_eq!(text(body), "Đa\u{323}o\n");
}

#[test]
fn tabs_and_breaks() {
    let body = "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>\
                <w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t><w:br w:type=\"page\"/></w:r>\
                <w:r><w:t>2025</w:t><w:noBreakHyphen/><w:t>2030</w:t></w:r></w:p>";
    assert_eq!(text(body), "a\tb\nc\nd\n2025-2030\n");
    // a line break written inside w:t is a space (CR LF once); a tab inside it stays a tab
    let body = "<w:p><w:r><w:t>x\ny\r\nz\tw</w:t></w:r></w:p>";
    assert_eq!(text(body), "x y z\tw\n");
}

#[test]
fn deleted_text_instructions_and_fallbacks_are_left_out() {
    let body = "<w:p>\
        <w:r><w:t>giữ </w:t></w:r>\
        <w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>xoá </w:delText></w:r></w:del>\
        <w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t>thêm </w:t></w:r></w:ins>\
        <w:moveFrom w:id=\"3\"><w:r><w:t>chuyển đi </w:t></w:r></w:moveFrom>\
        <w:moveTo w:id=\"4\"><w:r><w:t>chuyển đến </w:t></w:r></w:moveTo>\
        <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
        <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
        <w:fldSimple w:instr=\"NUMPAGES\"><w:r><w:t>/9</w:t></w:r></w:fldSimple>\
        <w:commentRangeStart w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r>\
        <w:r><w:footnoteReference w:id=\"1\"/></w:r>\
        </w:p>";
    assert_eq!(text(body), "giữ thêm chuyển đến 7/9\n");
}

#[test]
fn a_text_box_is_read_once_on_lines_of_its_own() {
    let box_ = |inner: &str| format!("<w:txbxContent>{inner}</w:txbxContent>");
    let body = format!(
        "<w:p><w:r><w:t>trước</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>{}</w:drawing></mc:Choice>\
         <mc:Fallback><w:pict>{}</w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>sau</w:t></w:r></w:p>",
        box_(&p("trong hộp")),
        box_(&p("trong hộp")),
    );
    assert_eq!(text(&body), "trước\ntrong hộp\nsau\n");
}

#[test]
fn namespaces_not_prefixes_decide() {
    // another prefix, the default namespace, and Strict OOXML's namespace
    let xml = format!(
        r#"<x:document xmlns:x="{W}"><x:body><x:p><x:r><x:t>một</x:t></x:r></x:p><w:p xmlns:w="urn:not-word"><w:r><w:t>không</w:t></w:r></w:p></x:body></x:document>"#
    );
    let doc = zip_with(&[part("word/document.xml", xml)], None);
    assert_eq!(docx_text(&doc).unwrap(), "một\n");
    let xml = format!(r#"<document xmlns="{W}"><body><p><r><t>hai</t></r></p></body></document>"#);
    assert_eq!(docx_text(&zip_with(&[part("word/document.xml", xml)], None)).unwrap(), "hai\n");
    let xml = r#"<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body><w:p><w:r><w:t>ba</w:t></w:r></w:p></w:body></w:document>"#;
    assert_eq!(docx_text(&zip_with(&[part("word/document.xml", xml)], None)).unwrap(), "ba\n");
}

#[test]
fn stored_entries_a_bom_and_comments_are_read() {
    let xml = format!("\u{feff}<?xml version=\"1.0\"?><!-- a comment <w:t> --><w:document xmlns:w='{W}'><w:body>{}</w:body></w:document>\n", p("lưu"));
    let doc = zip_with(&[Part { name: "word/document.xml", data: xml.into_bytes(), deflate: false }], None);
    assert_eq!(docx_text(&doc).unwrap(), "lưu\n");
    // a comment at the end of the zip does not hide its directory
    let mut with_comment = doc.clone();
    let n = with_comment.len();
    with_comment[n - 2..].copy_from_slice(&5u16.to_le_bytes());
    with_comment.extend(b"hello");
    assert_eq!(docx_text(&with_comment).unwrap(), "lưu\n");
}

/// A ZIP64 archive of one stored entry: the 32-bit sizes and offsets saturated, the real ones in the entry's
/// ZIP64 extra field and in the ZIP64 end-of-central-directory record (APPNOTE 4.3.14, 4.3.15, 4.5.3).
fn zip64(name: &str, data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let extra = |with_offset: bool| {
        let mut e = Vec::new();
        e.extend(1u16.to_le_bytes());
        e.extend((if with_offset { 24u16 } else { 16 }).to_le_bytes());
        e.extend((data.len() as u64).to_le_bytes()); // uncompressed
        e.extend((data.len() as u64).to_le_bytes()); // compressed
        if with_offset {
            e.extend(0u64.to_le_bytes()); // local header offset
        }
        e
    };
    let header = |sig: u32, central: bool| {
        let mut h = Vec::new();
        h.extend(sig.to_le_bytes());
        if central {
            h.extend(45u16.to_le_bytes());
        }
        h.extend(45u16.to_le_bytes());
        h.extend(0u16.to_le_bytes());
        h.extend(0u16.to_le_bytes()); // stored
        h.extend(0u32.to_le_bytes());
        h.extend(crc32(data).to_le_bytes());
        h.extend(u32::MAX.to_le_bytes());
        h.extend(u32::MAX.to_le_bytes());
        h.extend((name.len() as u16).to_le_bytes());
        h.extend((extra(central).len() as u16).to_le_bytes());
        if central {
            h.extend([0u8; 6]); // comment length, disk, internal attributes
            h.extend(0u32.to_le_bytes()); // external attributes
            h.extend(u32::MAX.to_le_bytes()); // offset: in the extra field
        }
        h.extend(name.as_bytes());
        h.extend(extra(central));
        h
    };
    out.extend(header(0x0403_4b50, false));
    out.extend(data);
    let cd_offset = out.len() as u64;
    let central = header(0x0201_4b50, true);
    out.extend(&central);
    let record = out.len() as u64;
    out.extend(0x0606_4b50u32.to_le_bytes());
    out.extend(44u64.to_le_bytes());
    out.extend(45u16.to_le_bytes());
    out.extend(45u16.to_le_bytes());
    out.extend([0u8; 8]); // disks
    out.extend(1u64.to_le_bytes());
    out.extend(1u64.to_le_bytes());
    out.extend((central.len() as u64).to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0x0706_4b50u32.to_le_bytes());
    out.extend(0u32.to_le_bytes());
    out.extend(record.to_le_bytes());
    out.extend(1u32.to_le_bytes());
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend(u16::MAX.to_le_bytes());
    out.extend(u16::MAX.to_le_bytes());
    out.extend(u32::MAX.to_le_bytes());
    out.extend(u32::MAX.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

#[test]
fn a_zip64_archive_is_read() {
    let doc = zip64("word/document.xml", document(&p("sáu mươi tư")).as_bytes());
    assert_eq!(docx_text(&doc).unwrap(), "sáu mươi tư\n");
    // without its locator the ZIP64 record cannot be found
    let n = doc.len();
    let mut broken = doc.clone();
    broken[n - 22 - 20] ^= 0xFF;
    assert!(err(&broken).to_string().contains("ZIP64"), "{}", err(&broken));
    for len in 0..doc.len() {
        assert_eq!(err(&doc[..len]).code(), "docx_syntax", "cut at {len}");
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile input

fn code_and_part(e: &Error) -> (&'static str, Option<String>) {
    (e.code(), e.details().field)
}

#[test]
fn not_a_zip() {
    for bytes in [&b""[..], b"PK", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", &[0u8; 100], b"<w:document/>"] {
        let e = err(bytes);
        assert_eq!(code_and_part(&e), ("docx_syntax", Some("zip".into())), "{e}");
        assert!(e.to_string().starts_with("docx is not readable (zip): not a zip file"), "{e}");
    }
}

#[test]
fn a_zip_without_the_document() {
    let doc = zip_with(&[part("word/styles.xml", "<x/>"), part("Word/Document.xml", "<x/>")], None);
    let e = err(&doc);
    assert_eq!(code_and_part(&e), ("docx_syntax", Some("zip".into())));
    assert!(e.to_string().contains("no word/document.xml in the zip"), "{e}");
    assert_eq!(err(&zip_with(&[], None)).code(), "docx_syntax");
}

#[test]
fn every_truncation_is_an_error() {
    let doc = docx(&p("Chương trình hành động"));
    for len in 0..doc.len() {
        let e = err(&doc[..len]);
        assert_eq!(e.code(), "docx_syntax", "cut at {len}: {e}");
    }
}

#[test]
fn damaged_data_is_caught_by_size_and_crc() {
    let xml = document(&p("abc"));
    let good = zip_with(&[Part { name: "word/document.xml", data: xml.clone().into_bytes(), deflate: false }], None);
    let at = good.windows(3).position(|w| w == b"abc").unwrap();
    let mut bad = good.clone();
    bad[at] = b'x';
    let e = err(&bad);
    assert!(e.to_string().contains("CRC-32"), "{e}");
    // a deflate stream with its middle flipped
    let mut bad = docx(&p("abc"));
    let start = bad.windows(17).position(|w| w == b"word/document.xml").unwrap() + 17;
    for b in &mut bad[start + 5..start + 25] {
        *b ^= 0x55;
    }
    assert_eq!(err(&bad).code(), "docx_syntax");
}

#[test]
fn other_compressions_and_encryption_are_refused() {
    let doc = zip_with(&[Part { name: "word/document.xml", data: document("").into_bytes(), deflate: false }], None);
    let central = doc.windows(4).rposition(|w| w == 0x0201_4b50u32.to_le_bytes()).unwrap();
    let mut bzip2 = doc.clone();
    bzip2[central + 10..central + 12].copy_from_slice(&12u16.to_le_bytes());
    assert!(err(&bzip2).to_string().contains("method 12"), "{}", err(&bzip2));
    let mut encrypted = doc.clone();
    encrypted[central + 8] |= 1;
    let e = err(&encrypted);
    assert_eq!(code_and_part(&e), ("docx_syntax", Some("word/document.xml".into())));
    assert!(e.to_string().contains("encrypted"));
    let mut split = doc.clone();
    let n = split.len();
    split[n - 18] = 1; // number of this disk
    assert!(err(&split).to_string().contains("split"));
}

#[test]
fn a_zip_bomb_stops_at_the_limit() {
    // 1 MiB past the limit of zeros deflates to about 65 KB
    let big = vec![b' '; limits::MAX_DOCX_XML_BYTES + (1 << 20)];
    for declared in [None, Some(100)] {
        let doc = zip_with(&[Part { name: "word/document.xml", data: big.clone(), deflate: true }], declared);
        assert!(doc.len() < 200_000, "{}", doc.len());
        let e = err(&doc);
        assert_eq!(e.code(), "limit_exceeded", "{e}");
        assert_eq!(e.details().field.as_deref(), Some("word/document.xml"));
        assert_eq!(e.details().value, Some(format!("{} bytes", limits::MAX_DOCX_XML_BYTES)));
    }
}

#[test]
fn the_depth_is_limited() {
    let deep = limits::MAX_DOCX_XML_DEPTH;
    let body = format!("<w:p>{}{}</w:p>", "<w:r>".repeat(deep), "</w:r>".repeat(deep));
    let e = err(&docx(&body));
    assert_eq!(e.code(), "limit_exceeded", "{e}");
    let ok = format!("<w:p>{}{}</w:p>", "<w:r>".repeat(deep - 10), "</w:r>".repeat(deep - 10));
    assert_eq!(text(&ok), "\n");
}

#[test]
fn malformed_xml_is_an_error_naming_the_part() {
    let cases: &[(&str, &str)] = &[
        ("<w:p><w:r><w:t>a</w:t></w:r>", "</w:body> at byte 320 does not close <w:p>"),
        ("<w:p><w:r><w:t>a</w:r></w:t></w:p>", "does not close"),
        ("<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p>", "&nbsp;"),
        ("<w:p><w:r><w:t>a & b</w:t></w:r></w:p>", "'&'"),
        ("<w:p><w:r><w:t>&#0;</w:t></w:r></w:p>", "&#0;"),
        ("<w:p><w:r><w:t>&#xD800;</w:t></w:r></w:p>", "&#xD800;"),
        ("<w:p><v:r><w:t>a</w:t></v:r></w:p>", "prefix"),
        ("<w:p w:rsidR=00A1></w:p>", "not quoted"),
        ("<w:p w:a=\"1\" w:a=\"2\"></w:p>", "repeated"),
        ("<w:p w:a></w:p>", "no value"),
        ("<w:p w:a=\"<\"></w:p>", "'<'"),
        ("<w:p><!-- open", "comment"),
        ("<w:p></ w:p>", "malformed"),
        ("</w:x>", "does not close"),
        ("<w:p><w:r><w:t>a</w:t></w:r></w:p></w:body></w:document></w:x>", "closes nothing"),
    ];
    for (body, says) in cases {
        let e = err(&docx(body));
        assert_eq!(code_and_part(&e), ("docx_syntax", Some("word/document.xml".into())), "{body}: {e}");
        assert!(e.to_string().contains(says), "{body}: {e}");
    }
    let raw = |xml: &str| zip_with(&[part("word/document.xml", xml)], None);
    for (xml, says) in [
        ("", "no XML element"),
        ("   ", "no XML element"),
        ("<d><e>", "<e> is not closed"),
        ("<!DOCTYPE d [<!ENTITY e \"lol\">]><d/>", "DOCTYPE"),
        ("text<d/>", "outside the root"),
        ("<d/><d/>", "second root"),
        ("<d", "inside the tag"),
        ("<d a=\"1", "inside the tag"),
        ("<?xml version=\"1.0\"", "processing instruction"),
        ("<d><![CDATA[x</d>", "CDATA"),
    ] {
        let e = err(&raw(xml));
        assert_eq!(code_and_part(&e), ("docx_syntax", Some("word/document.xml".into())), "{xml}: {e}");
        assert!(e.to_string().contains(says), "{xml}: {e}");
    }
    // the offending text is in the details
    assert_eq!(err(&docx("<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p>")).details().value.as_deref(), Some("&nbsp;"));
}

#[test]
fn invalid_utf8_and_utf16_are_errors() {
    let mut xml = document(&p("ab")).into_bytes();
    let at = xml.windows(2).position(|w| w == b"ab").unwrap();
    xml[at] = 0xC3; // a lead byte followed by 'b'
    let e = err(&zip_with(&[Part { name: "word/document.xml", data: xml, deflate: true }], None));
    assert_eq!(code_and_part(&e), ("docx_syntax", Some("word/document.xml".into())));
    assert!(e.to_string().contains("not UTF-8"), "{e}");
    let utf16: Vec<u8> = "\u{feff}<d/>".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    assert_eq!(err(&zip_with(&[part("word/document.xml", utf16)], None)).code(), "docx_syntax");
}

#[test]
fn the_error_is_listed_with_its_code() {
    assert!(Error::CODES.contains(&"docx_syntax"));
    assert!(Error::catalogue().iter().any(|e| e.code == "docx_syntax"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        if let Err(e) = docx_text(&bytes) {
            prop_assert!(Error::CODES.contains(&e.code()));
        }
    }

    #[test]
    fn a_docx_with_bytes_changed_never_panics(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        stored in any::<bool>(),
    ) {
        let xml = document(&format!("{}<w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>", p("a &amp; b"), p("ô")));
        let mut doc = zip_with(&[Part { name: "word/document.xml", data: xml.into_bytes(), deflate: !stored }], None);
        for (i, b) in flips {
            let k = i.index(doc.len());
            doc[k] = b;
        }
        let _ = docx_text(&doc);
    }

    #[test]
    fn arbitrary_xml_never_panics(xml in "(<[/!?]?[wx]:?[a-z]{0,3}( [a-z:]{1,6}=[\"'][^\"'<]{0,4}[\"'])?/?>|&[#a-z0-9]{0,6};?|[^<&]{0,4}|<!\\[CDATA\\[|\\]\\]>|<!--|-->){0,40}") {
        let doc = zip_with(&[Part { name: "word/document.xml", data: document(&xml).into_bytes(), deflate: false }], None);
        if let Err(e) = docx_text(&doc) {
            prop_assert!(Error::CODES.contains(&e.code()));
        }
    }
}

/// A programme typed in Word drafts as its text does: each line a paragraph (XML-escaped), read back and drafted,
/// gives the same catalogue as the text itself (feature `draft`).
#[cfg(feature = "draft")]
#[test]
fn a_programme_in_word_drafts_as_its_text() {
    let text = include_str!("../../examples/catalogues/an_lac.txt");
    let escape = |l: &str| l.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let body: String = text.lines().map(|l| p(&escape(l))).collect();
    let read = docx_text(&docx(&body)).unwrap();
    let from_word = chitieu::draft::draft(&read).unwrap();
    let from_text = chitieu::draft::draft(text).unwrap();
    assert!(from_word.catalogue.targets.len() > 40);
    assert_eq!(from_word.catalogue.to_json(), from_text.catalogue.to_json());
}
