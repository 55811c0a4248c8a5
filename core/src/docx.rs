//! The text of a .docx (Word) file, for programmes drafted in Word (feature `docx`).
//!
//! [`docx_text`] returns the body of the document as plain text, in the shape a PDF extraction gives: one line
//! per paragraph, and tables flattened so that each cell's paragraphs come out in reading order, one line each,
//! cell after cell and row after row.
//!
//! ```
//! use chitieu::docx::docx_text;
//!
//! // Anything that is not a .docx is a typed error, never a panic.
//! let err = docx_text(b"%PDF-1.7 not a Word document").unwrap_err();
//! assert_eq!(err.code(), "docx_syntax");
//! assert_eq!(err.details().field.as_deref(), Some("zip"));
//! ```
//!
//! What is read, and how:
//! - Only the main part, `word/document.xml`, and in it only `w:body`: headers, footers, footnotes, endnotes and
//!   comments live in other parts and are not read.
//! - Each paragraph (`w:p`) ends with `\n`, empty paragraphs (and empty table cells) included, so the text of a
//!   document of N paragraphs has N lines. A paragraph inside a paragraph (a text box) starts a line of its own.
//! - A paragraph's text is its runs' `w:t` text joined as it is (a word split over several runs comes out whole);
//!   `w:tab` is a tab, `w:br` and `w:cr` a line break (`\n`), `w:noBreakHyphen` a hyphen-minus. A line break
//!   written inside `w:t` itself is read as a space, since Word shows it as one.
//! - Left out: deleted text (`w:del`, `w:moveFrom`, `w:delText`), field instructions (`w:instrText`; the field's
//!   result is kept), and the fallback copy of alternate content (`mc:Fallback`, which repeats its `mc:Choice`).
//!   Inserted text (`w:ins`), hyperlinks, content controls and simple fields are read like any run.
//! - XML entities (`&amp; &lt; &gt; &quot; &apos;`, `&#...;`, `&#x...;`) are decoded; the text is otherwise
//!   byte for byte what the document holds (no Unicode normalisation: NFC and NFD text both come out unchanged).
//!
//! Errors: [`Error::DocxSyntax`] (code `docx_syntax`, `field` naming the part: `zip` for the container, else
//! `word/document.xml`) for bytes that are not a zip, a truncated or damaged one, a zip without
//! `word/document.xml`, a compression other than stored or deflate, encryption, XML that is not well formed
//! (unbalanced tags, an unknown entity, a DOCTYPE) or text that is not UTF-8; [`Error::LimitExceeded`] for a
//! document that inflates past [`limits::MAX_DOCX_XML_BYTES`] (a zip bomb stops there) or nests deeper than
//! [`limits::MAX_DOCX_XML_DEPTH`].
//!
//! The zip's central directory is read here (ZIP64 included); its entries are inflated by `miniz_oxide` with the
//! size capped, and checked against their recorded size and CRC-32.

use crate::error::{limits, Error, Result};

/// The part of a .docx holding the document's body.
pub const DOCUMENT_PART: &str = "word/document.xml";

/// The text of a .docx file's body: one line per paragraph (each ending with `\n`), table cells in reading order.
/// See the [module docs](self) for what is read and the errors.
pub fn docx_text(bytes: &[u8]) -> Result<String> {
    let xml = read_zip_entry(bytes, DOCUMENT_PART)?;
    let text = match std::str::from_utf8(&xml) {
        Ok(t) => t,
        Err(e) => {
            return Err(syntax(
                DOCUMENT_PART,
                format!("the XML is not UTF-8 (invalid byte at {})", e.valid_up_to()),
                None,
            ))
        }
    };
    body_text(text.strip_prefix('\u{feff}').unwrap_or(text))
}

fn syntax(part: &str, message: impl Into<String>, value: Option<String>) -> Error {
    Error::DocxSyntax { part: part.into(), message: message.into(), value }
}

fn zip_error(message: impl Into<String>) -> Error {
    syntax("zip", message, None)
}

// ---------------------------------------------------------------------------------------------------------------
// The zip container

const EOCD_SIGNATURE: u32 = 0x0605_4b50;
const ZIP64_LOCATOR_SIGNATURE: u32 = 0x0706_4b50;
const ZIP64_EOCD_SIGNATURE: u32 = 0x0606_4b50;
const CENTRAL_SIGNATURE: u32 = 0x0201_4b50;
const LOCAL_SIGNATURE: u32 = 0x0403_4b50;

/// Little-endian reads that fail instead of panicking past the end.
fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    let s = b.get(at..at.checked_add(8)?)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(s);
    Some(u64::from_le_bytes(a))
}

fn to_usize(x: u64) -> Result<usize> {
    usize::try_from(x).map_err(|_| zip_error(format!("an offset or size of {x} bytes does not fit this machine")))
}

/// Where the central directory is and how many entries it holds.
struct Directory {
    offset: usize,
    size: usize,
    entries: u64,
}

fn find_directory(b: &[u8]) -> Result<Directory> {
    const NOT_A_ZIP: &str = "not a zip file, or a truncated one: no end-of-central-directory record";
    if b.len() < 22 {
        return Err(zip_error(NOT_A_ZIP));
    }
    // The record is the last thing in the file, followed only by a comment of at most 65,535 bytes.
    let lowest = b.len().saturating_sub(22 + 0xFFFF);
    let mut at = b.len() - 22;
    let eocd = loop {
        if u32_at(b, at) == Some(EOCD_SIGNATURE) {
            let comment = u16_at(b, at + 20).unwrap_or(0) as usize;
            if at + 22 + comment <= b.len() {
                break at;
            }
        }
        if at == lowest {
            return Err(zip_error(NOT_A_ZIP));
        }
        at -= 1;
    };
    let field16 = |o: usize| u16_at(b, eocd + o).unwrap_or(0);
    let field32 = |o: usize| u32_at(b, eocd + o).unwrap_or(0);
    if field16(4) != 0 || field16(6) != 0 {
        return Err(zip_error("a zip split over several files is not supported"));
    }
    let (entries, size, offset) = (field16(10), field32(12), field32(16));
    if entries != 0xFFFF && size != 0xFFFF_FFFF && offset != 0xFFFF_FFFF {
        return Ok(Directory { offset: offset as usize, size: size as usize, entries: entries.into() });
    }
    // ZIP64: a locator just before the record points at the 64-bit record.
    let truncated = || zip_error("damaged ZIP64 end-of-central-directory record");
    let locator = eocd.checked_sub(20).ok_or_else(truncated)?;
    if u32_at(b, locator) != Some(ZIP64_LOCATOR_SIGNATURE) {
        return Err(truncated());
    }
    let record = to_usize(u64_at(b, locator + 8).ok_or_else(truncated)?)?;
    if u32_at(b, record) != Some(ZIP64_EOCD_SIGNATURE) {
        return Err(truncated());
    }
    let entries = u64_at(b, record + 32).ok_or_else(truncated)?;
    let size = to_usize(u64_at(b, record + 40).ok_or_else(truncated)?)?;
    let offset = to_usize(u64_at(b, record + 48).ok_or_else(truncated)?)?;
    Ok(Directory { offset, size, entries })
}

/// The inflated bytes of the entry `name`.
pub(crate) fn read_zip_entry(b: &[u8], name: &str) -> Result<Vec<u8>> {
    let dir = find_directory(b)?;
    let end = dir.offset.checked_add(dir.size).filter(|&e| e <= b.len());
    let Some(end) = end else {
        return Err(zip_error("truncated: the central directory lies beyond the end of the file"));
    };
    let damaged = |what: &str, at: usize| zip_error(format!("damaged central directory: {what} at byte {at}"));
    let mut at = dir.offset;
    for _ in 0..dir.entries {
        if u32_at(b, at) != Some(CENTRAL_SIGNATURE) || at + 46 > end {
            return Err(damaged("no entry header", at));
        }
        let flags = u16_at(b, at + 8).unwrap_or(0);
        let method = u16_at(b, at + 10).unwrap_or(0);
        let crc = u32_at(b, at + 16).unwrap_or(0);
        let mut compressed = u64::from(u32_at(b, at + 20).unwrap_or(0));
        let mut size = u64::from(u32_at(b, at + 24).unwrap_or(0));
        let name_len = usize::from(u16_at(b, at + 28).unwrap_or(0));
        let extra_len = usize::from(u16_at(b, at + 30).unwrap_or(0));
        let comment_len = usize::from(u16_at(b, at + 32).unwrap_or(0));
        let mut local = u64::from(u32_at(b, at + 42).unwrap_or(0));
        let next = at + 46 + name_len + extra_len + comment_len;
        if next > end {
            return Err(damaged("an entry runs past the directory's end", at));
        }
        let entry_name = &b[at + 46..at + 46 + name_len];
        if entry_name != name.as_bytes() {
            at = next;
            continue;
        }
        // ZIP64 extended information: the 64-bit values of the fields saturated above, in this order.
        let extra = &b[at + 46 + name_len..at + 46 + name_len + extra_len];
        let mut e = 0;
        while e + 4 <= extra.len() {
            let id = u16_at(extra, e).unwrap_or(0);
            let len = usize::from(u16_at(extra, e + 2).unwrap_or(0));
            let data = extra.get(e + 4..e + 4 + len).ok_or_else(|| damaged("a truncated extra field", at))?;
            if id == 0x0001 {
                let mut k = 0;
                for field in [&mut size, &mut compressed, &mut local] {
                    if *field == 0xFFFF_FFFF {
                        *field = u64_at(data, k).ok_or_else(|| damaged("a short ZIP64 field", at))?;
                        k += 8;
                    }
                }
            }
            e += 4 + len;
        }
        return inflate_entry(b, name, Entry { flags, method, crc, compressed, size, local });
    }
    Err(zip_error(format!("no {name} in the zip: not a Word document")))
}

struct Entry {
    flags: u16,
    method: u16,
    crc: u32,
    compressed: u64,
    size: u64,
    local: u64,
}

fn inflate_entry(b: &[u8], name: &str, e: Entry) -> Result<Vec<u8>> {
    let too_big = || Error::LimitExceeded {
        what: format!("{name} inflated"),
        limit: format!("{} bytes", limits::MAX_DOCX_XML_BYTES),
        at: String::new(),
        row: None,
        field: Some(name.to_string()),
    };
    if e.flags & 1 != 0 {
        return Err(syntax(name, "the entry is encrypted", None));
    }
    if e.size > limits::MAX_DOCX_XML_BYTES as u64 {
        return Err(too_big());
    }
    let local = to_usize(e.local)?;
    if u32_at(b, local) != Some(LOCAL_SIGNATURE) {
        return Err(zip_error(format!("damaged: no local header for {name} at byte {local}")));
    }
    let name_len = usize::from(u16_at(b, local + 26).unwrap_or(0));
    let extra_len = usize::from(u16_at(b, local + 28).unwrap_or(0));
    let start = local + 30 + name_len + extra_len;
    let data = to_usize(e.compressed)
        .ok()
        .and_then(|len| b.get(start..start.checked_add(len)?))
        .ok_or_else(|| zip_error(format!("truncated: the data of {name} runs past the end of the file")))?;
    let out = match e.method {
        0 => data.to_vec(),
        8 => match miniz_oxide::inflate::decompress_to_vec_with_limit(data, limits::MAX_DOCX_XML_BYTES) {
            Ok(out) => out,
            Err(err) if err.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => return Err(too_big()),
            Err(_) => return Err(zip_error(format!("damaged or truncated deflate data in {name}"))),
        },
        other => {
            return Err(zip_error(format!(
                "{name} is compressed with method {other}; only stored (0) and deflate (8) are read"
            )))
        }
    };
    if out.len() as u64 != e.size || crc32(&out) != e.crc {
        return Err(zip_error(format!("damaged: {name} does not match its recorded size and CRC-32")));
    }
    Ok(out)
}

/// CRC-32 (IEEE 802.3, the zip's), bit by bit through a table built at compile time.
fn crc32(data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut t = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
                k += 1;
            }
            t[i] = c;
            i += 1;
        }
        t
    };
    !data.iter().fold(!0u32, |c, &x| TABLE[((c ^ u32::from(x)) & 0xFF) as usize] ^ (c >> 8))
}

// ---------------------------------------------------------------------------------------------------------------
// The XML of word/document.xml: a scanner for well-formed XML that acts on the few WordprocessingML elements that
// carry text, with namespaces resolved (the prefix `w:` is a convention, not a rule).

const W_TRANSITIONAL: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const MARKUP_COMPATIBILITY: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

/// What an open element means for the text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Body,
    Paragraph,
    Run,
    Text,
    /// `w:tab`, `w:br`, `w:cr`, `w:noBreakHyphen` in a run: the character they stand for.
    Char(char),
    /// Deleted or fallback content: nothing inside is read.
    Skip,
    Other,
}

struct Open<'a> {
    name: &'a str,
    kind: Kind,
    /// Length of the namespace scope before this element's declarations.
    scope: usize,
}

struct Reader<'a> {
    src: &'a str,
    pos: usize,
    stack: Vec<Open<'a>>,
    /// (prefix, namespace) bindings in scope; "" is the default namespace.
    scope: Vec<(&'a str, String)>,
    body: usize,
    skip: usize,
    paragraphs: usize,
    line: String,
    out: String,
    root_seen: bool,
}

fn xml_error(message: String, value: Option<&str>) -> Error {
    syntax(DOCUMENT_PART, message, value.map(|v| v.chars().take(80).collect()))
}

fn body_text(src: &str) -> Result<String> {
    let mut r = Reader {
        src,
        pos: 0,
        stack: Vec::new(),
        scope: Vec::new(),
        body: 0,
        skip: 0,
        paragraphs: 0,
        line: String::new(),
        out: String::new(),
        root_seen: false,
    };
    r.run()?;
    Ok(r.out)
}

impl<'a> Reader<'a> {
    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    /// Skip past `end`, or fail naming what was left open.
    fn skip_past(&mut self, end: &str, what: &str) -> Result<&'a str> {
        let start = self.pos;
        match self.rest().find(end) {
            Some(i) => {
                self.pos += i + end.len();
                Ok(&self.src[start..start + i])
            }
            None => {
                Err(xml_error(format!("unexpected end of the XML: {what} opened at byte {start} is not closed"), None))
            }
        }
    }

    fn run(&mut self) -> Result<()> {
        while self.pos < self.src.len() {
            let rest = self.rest();
            if !rest.starts_with('<') {
                let len = rest.find('<').unwrap_or(rest.len());
                let raw = &rest[..len];
                let at = self.pos;
                self.pos += len;
                self.text(raw, at, true)?;
            } else if rest.starts_with("<?") {
                self.skip_past("?>", "a processing instruction")?;
            } else if rest.starts_with("<!--") {
                self.skip_past("-->", "a comment")?;
            } else if rest.starts_with("<![CDATA[") {
                let at = self.pos;
                self.pos += "<![CDATA[".len();
                let raw = self.skip_past("]]>", "a CDATA section")?;
                self.text(raw, at, false)?;
            } else if rest.starts_with("<!") {
                return Err(xml_error(
                    format!("a DOCTYPE or declaration at byte {} is not allowed in a .docx", self.pos),
                    Some(rest),
                ));
            } else if rest.starts_with("</") {
                self.end_tag()?;
            } else {
                self.start_tag()?;
            }
        }
        if let Some(open) = self.stack.last() {
            return Err(xml_error(
                format!("unexpected end of the XML: <{}> is not closed", open.name),
                Some(open.name),
            ));
        }
        if !self.root_seen {
            return Err(xml_error("no XML element".into(), None));
        }
        if !self.line.is_empty() {
            self.end_line();
        }
        Ok(())
    }

    fn end_line(&mut self) {
        self.out.push_str(&self.line);
        self.out.push('\n');
        self.line.clear();
    }

    /// Character data at byte `at`: checked everywhere, kept inside `w:t` of the body.
    fn text(&mut self, raw: &'a str, at: usize, entities: bool) -> Result<()> {
        let keep = self.body > 0 && self.skip == 0 && self.stack.last().is_some_and(|o| o.kind == Kind::Text);
        if !keep {
            if self.stack.is_empty() && !raw.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n')).is_empty() {
                return Err(xml_error(format!("text outside the root element at byte {at}"), Some(raw)));
            }
            if entities && raw.contains('&') {
                decode(raw, at, &mut String::new())?;
            }
            return Ok(());
        }
        let mut decoded = String::new();
        let text = if entities && raw.contains('&') {
            decode(raw, at, &mut decoded)?;
            decoded.as_str()
        } else {
            raw
        };
        // A line break inside w:t is shown by Word as a space; CR LF counts once (XML's end-of-line handling).
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    self.line.push(' ');
                }
                '\n' => self.line.push(' '),
                c => self.line.push(c),
            }
        }
        Ok(())
    }

    /// An XML name at the current position (ends at whitespace, `/`, `>`, `=`).
    fn name(&mut self) -> Result<&'a str> {
        let rest = self.rest();
        let len =
            rest.find(|c: char| c.is_ascii_whitespace() || matches!(c, '/' | '>' | '=' | '<')).unwrap_or(rest.len());
        let name = &rest[..len];
        let bad = name.is_empty()
            || name.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '.' | ':'))
            || name.contains(['&', '"', '\'', ';', '!', '?']);
        if bad {
            return Err(xml_error(
                format!("a malformed name at byte {}", self.pos),
                Some(&rest[..len.max(1).min(rest.len())]),
            ));
        }
        self.pos += len;
        Ok(name)
    }

    fn skip_space(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_whitespace()).len();
    }

    fn start_tag(&mut self) -> Result<()> {
        let at = self.pos;
        self.pos += 1;
        let name = self.name()?;
        if self.stack.is_empty() && self.root_seen {
            return Err(xml_error(format!("a second root element <{name}> at byte {at}"), Some(name)));
        }
        self.root_seen = true;
        let scope = self.scope.len();
        let mut seen: Vec<&str> = Vec::new();
        let self_closing = loop {
            let before = self.pos;
            self.skip_space();
            let rest = self.rest();
            if rest.starts_with("/>") {
                self.pos += 2;
                break true;
            }
            if rest.starts_with('>') {
                self.pos += 1;
                break false;
            }
            if rest.is_empty() {
                return Err(xml_error(
                    format!("unexpected end of the XML inside the tag <{name}> at byte {at}"),
                    Some(name),
                ));
            }
            if self.pos == before {
                return Err(xml_error(format!("a malformed tag <{name}> at byte {at}"), Some(name)));
            }
            let attr = self.name()?;
            if seen.contains(&attr) {
                return Err(xml_error(
                    format!("the attribute {attr} is repeated in <{name}> at byte {at}"),
                    Some(attr),
                ));
            }
            seen.push(attr);
            self.skip_space();
            if !self.rest().starts_with('=') {
                return Err(xml_error(
                    format!("the attribute {attr} of <{name}> at byte {at} has no value"),
                    Some(attr),
                ));
            }
            self.pos += 1;
            self.skip_space();
            let quote = match self.rest().chars().next() {
                Some(q @ ('"' | '\'')) => q,
                _ => {
                    return Err(xml_error(
                        format!("the value of {attr} in <{name}> at byte {at} is not quoted"),
                        Some(attr),
                    ))
                }
            };
            self.pos += 1;
            let vstart = self.pos;
            let rest = self.rest();
            let Some(len) = rest.find(quote) else {
                return Err(xml_error(
                    format!("unexpected end of the XML inside the tag <{name}> at byte {at}"),
                    Some(name),
                ));
            };
            let raw = &rest[..len];
            if raw.contains('<') {
                return Err(xml_error(format!("a '<' in the value of {attr} in <{name}> at byte {at}"), Some(raw)));
            }
            self.pos += len + 1;
            let mut value = String::new();
            if raw.contains('&') {
                decode(raw, vstart, &mut value)?;
            } else {
                value.push_str(raw);
            }
            if attr == "xmlns" {
                self.scope.push(("", value));
            } else if let Some(prefix) = attr.strip_prefix("xmlns:") {
                self.scope.push((prefix, value));
            }
        };
        let kind = self.kind_of(name, at)?;
        if self_closing {
            self.open(kind);
            self.close(kind);
            self.scope.truncate(scope);
            return Ok(());
        }
        if self.stack.len() >= limits::MAX_DOCX_XML_DEPTH {
            return Err(Error::LimitExceeded {
                what: format!("XML nesting of {DOCUMENT_PART}"),
                limit: format!("{} levels", limits::MAX_DOCX_XML_DEPTH),
                at: format!(" at byte {at}"),
                row: None,
                field: Some(DOCUMENT_PART.into()),
            });
        }
        self.open(kind);
        self.stack.push(Open { name, kind, scope });
        Ok(())
    }

    /// The meaning of an element named `name` opening here (its declarations already in scope).
    fn kind_of(&self, name: &str, at: usize) -> Result<Kind> {
        let (prefix, local) = name.split_once(':').unwrap_or(("", name));
        let namespace = if prefix == "xml" {
            XML_NAMESPACE
        } else {
            match self.scope.iter().rev().find(|(p, _)| *p == prefix) {
                Some((_, ns)) => ns.as_str(),
                None if prefix.is_empty() => "",
                None => {
                    return Err(xml_error(format!("the prefix of <{name}> at byte {at} is not declared"), Some(name)))
                }
            }
        };
        let reading = self.body > 0 && self.skip == 0;
        let parent = self.stack.last().map(|o| o.kind);
        let kind = if namespace == W_TRANSITIONAL || namespace == W_STRICT {
            match local {
                "del" | "moveFrom" => Kind::Skip,
                "body" => Kind::Body,
                "p" if reading => Kind::Paragraph,
                "r" if reading => Kind::Run,
                "t" if reading && parent == Some(Kind::Run) => Kind::Text,
                "tab" if reading && parent == Some(Kind::Run) => Kind::Char('\t'),
                "br" | "cr" if reading && parent == Some(Kind::Run) => Kind::Char('\n'),
                "noBreakHyphen" if reading && parent == Some(Kind::Run) => Kind::Char('-'),
                _ => Kind::Other,
            }
        } else if namespace == MARKUP_COMPATIBILITY && local == "Fallback" {
            Kind::Skip
        } else {
            Kind::Other
        };
        Ok(kind)
    }

    /// An element of this kind opens (or stands alone, followed by [`Reader::close`]).
    fn open(&mut self, kind: Kind) {
        match kind {
            Kind::Body => self.body += 1,
            Kind::Skip => self.skip += 1,
            Kind::Paragraph => {
                // a paragraph inside a paragraph (a text box): what came before it is a line of its own
                if self.paragraphs > 0 && !self.line.is_empty() {
                    self.end_line();
                }
                self.paragraphs += 1;
            }
            Kind::Char(c) => self.line.push(c),
            Kind::Run | Kind::Text | Kind::Other => {}
        }
    }

    fn close(&mut self, kind: Kind) {
        match kind {
            Kind::Body => self.body -= 1,
            Kind::Skip => self.skip -= 1,
            Kind::Paragraph => {
                self.paragraphs -= 1;
                self.end_line();
            }
            Kind::Char(_) | Kind::Run | Kind::Text | Kind::Other => {}
        }
    }

    fn end_tag(&mut self) -> Result<()> {
        let at = self.pos;
        self.pos += 2;
        let name = self.name()?;
        self.skip_space();
        if !self.rest().starts_with('>') {
            return Err(xml_error(format!("a malformed end tag </{name}> at byte {at}"), Some(name)));
        }
        self.pos += 1;
        let Some(open) = self.stack.pop() else {
            return Err(xml_error(format!("the end tag </{name}> at byte {at} closes nothing"), Some(name)));
        };
        if open.name != name {
            return Err(xml_error(
                format!("the end tag </{name}> at byte {at} does not close <{}>", open.name),
                Some(name),
            ));
        }
        self.scope.truncate(open.scope);
        self.close(open.kind);
        Ok(())
    }
}

/// Decode the entities of `raw` (found at byte `at`) into `out`.
fn decode(raw: &str, at: usize, out: &mut String) -> Result<()> {
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find(';').filter(|&e| e <= 12);
        let Some(end) = end else {
            let shown: String = rest[i..].chars().take(12).collect();
            return Err(xml_error(
                format!("an '&' that starts no entity at byte {}", at + raw.len() - rest.len() + i),
                Some(&shown),
            ));
        };
        let entity = &after[..end];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => {
                let number = if let Some(hex) = entity.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16).ok().filter(|_| hex.bytes().all(|b| b.is_ascii_hexdigit()))
                } else if let Some(dec) = entity.strip_prefix('#') {
                    dec.parse::<u32>().ok().filter(|_| dec.bytes().all(|b| b.is_ascii_digit()))
                } else {
                    None
                };
                number.and_then(char::from_u32).filter(|&c| is_xml_char(c))
            }
        };
        let Some(c) = c else {
            let shown = format!("&{entity};");
            return Err(xml_error(
                format!("an unknown entity or character reference {shown} at byte {}", at + raw.len() - rest.len() + i),
                Some(&shown),
            ));
        };
        out.push(c);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(())
}

/// XML 1.0's `Char`: tab, line feed, carriage return and everything from space up but the surrogates (which
/// `char` excludes already) and U+FFFE, U+FFFF.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_of_known_strings() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b"The quick brown fox jumps over the lazy dog"), 0x414F_A339);
    }

    #[test]
    fn entities_decode() {
        let mut s = String::new();
        decode("a &amp; b &lt;&gt;&quot;&apos; &#7841;&#x1EA1;", 0, &mut s).unwrap();
        assert_eq!(s, "a & b <>\"' ạạ");
        for bad in ["&nbsp;", "&#0;", "&#xD800;", "&#x110000;", "&", "&#;", "&#x;", "&#-1;", "&#1;", "&#xFFFE;"] {
            assert_eq!(decode(bad, 0, &mut String::new()).unwrap_err().code(), "docx_syntax", "{bad}");
        }
    }
}
