//! The reading itself: the document's structure (parts, sections, Phụ lục rows), then sentences and clauses,
//! then each number with the words around it.

use super::lexicon::{find_all, match_at, Entry, Found, Lexicon};
use super::text::{ascii_fold, lines, tokens, Token};
use super::{too_large, Confidence, Draft, Review, Skipped, MAX_TEXT_BYTES};
use crate::{Catalogue, Decimal, Result};
use serde_json::{json, Map, Value};

/// What the drafter may be told instead of reading it from the text.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The base year; by default the first year of the term found in the text ("nhiệm kỳ 2025-2030").
    pub base_year: Option<i32>,
    /// The last year; by default the term's last year.
    pub last_year: Option<i32>,
}

/// A clause longer than this is not read (it is listed as skipped): programmes' sentences are a few hundred
/// characters, and the reading of a clause looks at every number in it.
const MAX_CLAUSE_BYTES: usize = 4000;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Front,
    Body,
    Row,
    Project,
}

#[derive(Debug)]
struct Block {
    section: String,
    text: String,
    kind: Kind,
    /// Under a "Mục tiêu" (objectives) heading.
    objectives: bool,
}

struct Years {
    base: i32,
    last: i32,
}

struct Proposal {
    section: String,
    quote: String,
    indicator: Value,
    rule: Value,
    timing: Value,
    confidence: Confidence,
    reasons: Vec<String>,
    universe: Option<Value>,
    /// Other places stating the same target (section, quote).
    more: Vec<(String, String)>,
    /// For a count: the total it is part of ("04/09").
    out_of: Option<Decimal>,
}

/// Drafts a catalogue from a programme's text, with settings.
pub fn draft_with(text: &str, settings: &Settings) -> Result<super::Draft> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(too_large(text.len()));
    }
    let lines = lines(text);
    let whole = lines.join(" ");
    let lexicon = Lexicon::new();
    let mut notes = Vec::new();
    let (programme, years) = programme(&lines, settings, &mut notes);
    let (blocks, sections) = structure(&lines);
    let mut r =
        Reader { lexicon: &lexicon, entries: &lexicon.entries, years, proposals: Vec::new(), skipped: Vec::new() };
    for b in &blocks {
        match b.kind {
            Kind::Front => r.skip_numbers(b, "the document's heading: a number, a date or a term, not a target"),
            Kind::Project => r.skip_numbers(b, "a project's figure: this Phụ lục lists projects, not targets"),
            Kind::Body => r.body(b),
            Kind::Row => r.row(b),
        }
    }
    let Reader { proposals, skipped, .. } = r;
    if proposals.len() > super::MAX_DRAFTED_TARGETS {
        return Err(crate::Error::LimitExceeded {
            what: "targets drafted from one text".into(),
            limit: super::MAX_DRAFTED_TARGETS.to_string(),
            at: proposals.len().to_string(),
            row: None,
            field: None,
        });
    }
    let mut skipped = skipped;
    let (catalogue, review) = assemble(programme, sections, proposals, notes, &mut skipped)?;
    Ok(Draft { catalogue, review, skipped, text: whole })
}

// ---------------------------------------------------------------------------------------------------------
// The programme's title, issuer, date and term.

fn programme(lines: &[String], settings: &Settings, notes: &mut Vec<String>) -> (Value, Years) {
    let head: Vec<&String> = lines.iter().take(40).collect();
    let number = head.iter().find_map(|l| {
        let l = l.trim();
        l.strip_prefix("Số ").or_else(|| l.strip_prefix("Số: ")).map(|s| s.trim().to_string())
    });
    let issuer = head
        .iter()
        .find(|l| {
            let u = l.to_uppercase();
            (u.starts_with("ĐẢNG ỦY") || u.starts_with("ĐẢNG UỶ") || u.starts_with("ỦY BAN") || u.starts_with("UỶ BAN"))
                && ***l == u
        })
        .map(|l| l.to_string());
    let title_at = head.iter().position(|l| {
        let u = l.to_uppercase();
        **l == u && (u.starts_with("CHƯƠNG TRÌNH") || u.starts_with("KẾ HOẠCH") || u.starts_with("NGHỊ QUYẾT"))
    });
    let title = title_at.map(|i| {
        let mut parts = vec![head[i].clone()];
        for l in head.iter().skip(i + 1).take(4) {
            if l.starts_with('-') || l.ends_with(':') {
                break;
            }
            parts.push((*l).clone());
            if l.contains("nhiệm kỳ") || l.contains("giai đoạn") {
                break;
            }
        }
        parts.join(" ")
    });
    let mut adopted = None;
    for l in &head {
        let toks = tokens(l);
        for (i, t) in toks.iter().enumerate() {
            if t.word() == Some("ngày") {
                let w = |k: usize| toks.get(i + k);
                if let (Some(d), Some(m), Some(y)) = (w(1), w(3), w(5)) {
                    if w(2).and_then(Token::word) == Some("tháng") && w(4).and_then(Token::word) == Some("năm") {
                        if let (Some(d), Some(m), Some(y)) = (d.num(), m.num(), y.num()) {
                            adopted = Some(format!("{y}-{:02}-{:02}", m, d));
                        }
                    }
                }
            }
        }
        if adopted.is_some() {
            break;
        }
    }
    let mut term = None;
    for l in lines.iter().take(200) {
        let toks = tokens(l);
        for i in 0..toks.len() {
            for p in ["nhiệm kỳ YYYY - YYYY", "giai đoạn YYYY - YYYY"] {
                if let Some(f) = match_at(&super::lexicon::parse(p), &toks, i) {
                    if f.years.len() == 2 && f.years[0] < f.years[1] {
                        term.get_or_insert((f.years[0], f.years[1]));
                    }
                }
            }
        }
        if term.is_some() {
            break;
        }
    }
    let adopted_year = adopted.as_deref().and_then(|a| a[..4].parse::<i32>().ok());
    let (first, last) = match (term, adopted_year) {
        (Some(t), _) => t,
        (None, Some(y)) => {
            notes.push(format!("No term found in the text: {y}-{} assumed from the date of issue.", y + 5));
            (y, y + 5)
        }
        (None, None) => {
            notes.push("No term and no date found in the text: 2025-2030 assumed; set the years.".into());
            (2025, 2030)
        }
    };
    let base = settings.base_year.unwrap_or(first);
    let last = settings.last_year.unwrap_or(last);
    let title = title.unwrap_or_else(|| "(no title found)".into());
    let id_source = number.clone().unwrap_or_else(|| title.clone());
    let id: String = {
        let folded = ascii_fold(&id_source);
        let mut id = String::from("draft");
        let mut gap = true;
        for c in folded.chars() {
            if c.is_ascii_alphanumeric() {
                if gap {
                    id.push('_');
                }
                id.push(c);
                gap = false;
            } else {
                gap = true;
            }
            if id.len() > 60 {
                break;
            }
        }
        id
    };
    notes.push(format!(
        "Drafted by chitieu's drafter from the text: every target's quote is the document's words; the English \
         fields hold the Vietnamese words until translated. Years: base {base}, every-year targets {}-{last}.",
        base + 1
    ));
    let mut p = Map::new();
    p.insert("id".into(), json!(id));
    p.insert("title_vi".into(), json!(title));
    p.insert("title_en".into(), json!(title));
    p.insert("issuer".into(), json!(issuer.unwrap_or_else(|| "(no issuer found)".into())));
    if let Some(a) = adopted {
        p.insert("adopted".into(), json!(a));
    }
    p.insert("base_year".into(), json!(base));
    p.insert("first_year".into(), json!(first.min(base)));
    p.insert("last_year".into(), json!(last));
    (Value::Object(p), Years { base, last })
}

// ---------------------------------------------------------------------------------------------------------
// Structure: headings, paragraphs, appendix rows.

fn roman(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
}

/// `I.`, `1.`, `a)` and `A.` at the start of a line: (level, label, rest).
fn heading(line: &str) -> Option<(u8, String, &str)> {
    let (label, rest) = line.split_once(' ')?;
    let rest = rest.trim();
    let starts_upper = rest.chars().next().is_some_and(|c| c.is_uppercase());
    if let Some(l) = label.strip_suffix('.') {
        if l.len() == 1 && l.chars().all(|c| c.is_ascii_uppercase()) && !roman(l) && starts_upper {
            return Some((0, l.to_string(), rest));
        }
        if roman(l) && starts_upper {
            return Some((1, l.to_string(), rest));
        }
        if !l.is_empty() && l.len() <= 2 && l.chars().all(|c| c.is_ascii_digit()) && starts_upper {
            return Some((2, l.trim_start_matches('0').to_string(), rest));
        }
    }
    if let Some(l) = label.strip_suffix(')') {
        let mut cs = l.chars();
        if let (Some(c), None) = (cs.next(), cs.next()) {
            if c.is_lowercase() && c.is_alphabetic() {
                return Some((3, l.to_string(), rest));
            }
        }
    }
    None
}

fn appendix(line: &str) -> Option<String> {
    let u = line.to_uppercase();
    let rest = u.strip_prefix("PHỤ LỤC")?.trim();
    let n: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    // "PHỤ LỤC 2", "PHỤ LỤC II", or a lone "PHỤ LỤC" (its rows are "PL I.5").
    if rest.len() > 12 || n.len() != rest.len() {
        None
    } else {
        Some(n)
    }
}

/// A table row number: `1.1`, `2.10`.
fn row_number(line: &str) -> Option<(&str, &str)> {
    let (label, rest) = line.split_once(' ').unwrap_or((line, ""));
    let (a, b) = label.split_once('.')?;
    let ok = |s: &str| !s.is_empty() && s.len() <= 2 && s.chars().all(|c| c.is_ascii_digit());
    (ok(a) && ok(b)).then_some((label, rest))
}

fn ends_sentence(line: &str) -> bool {
    line.ends_with('.') || line.ends_with(':') || line.ends_with('!') || line.ends_with('?')
}

fn structure(lines: &[String]) -> (Vec<Block>, Vec<Value>) {
    let mut blocks = Vec::new();
    let mut sections: Vec<Value> = Vec::new();
    let mut levels: [Option<String>; 4] = Default::default();
    let mut titles: [Option<String>; 4] = Default::default();
    let mut objectives = false;
    let mut current: Option<Block> = None;
    let mut appendix_no: Option<String> = None;
    let mut projects = false;
    let mut group: Option<String> = None;
    let mut seen_body = false;
    let flush = |current: &mut Option<Block>, blocks: &mut Vec<Block>| {
        if let Some(b) = current.take() {
            blocks.push(b);
        }
    };
    let add_section = |id: String, title: &str, sections: &mut Vec<Value>| {
        if !sections.iter().any(|s| s["id"] == json!(id)) {
            let t: String = title.chars().take(160).collect();
            sections.push(json!({"id": id, "title_vi": t, "title_en": t}));
        }
    };
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].as_str();
        i += 1;
        if let Some(n) = appendix(line) {
            flush(&mut current, &mut blocks);
            let title: String = lines[i..].iter().take(3).cloned().collect::<Vec<_>>().join(" ").to_uppercase();
            projects = title.contains("CÔNG TRÌNH") || title.contains("DỰ ÁN");
            add_section(
                format!("PL{n}"),
                &lines[i..].iter().take(2).cloned().collect::<Vec<_>>().join(" "),
                &mut sections,
            );
            appendix_no = Some(n);
            group = None;
            continue;
        }
        if let Some(n) = &appendix_no {
            // A table: groups (I, II), sub-groups (1, 2) and rows (1.1).
            if let Some((label, rest)) = line.split_once(' ') {
                if roman(label) && rest.chars().next().is_some_and(char::is_uppercase) {
                    flush(&mut current, &mut blocks);
                    group = Some(label.to_string());
                    add_section(format!("PL{n} {label}"), rest, &mut sections);
                    continue;
                }
                if label.len() <= 2
                    && label.chars().all(|c| c.is_ascii_digit())
                    && !label.starts_with('0')
                    && rest.chars().next().is_some_and(char::is_uppercase)
                    && !projects
                {
                    flush(&mut current, &mut blocks);
                    let id = match &group {
                        Some(g) => format!("PL{n} {g}.{label}"),
                        None => format!("PL{n} {label}"),
                    };
                    add_section(id, rest, &mut sections);
                    continue;
                }
            }
            // A lone number: a page number before a repeated table header, else a row ("1", "2" in tables
            // whose rows are numbered within each group).
            let lone = line.len() <= 3 && line.chars().all(|c| c.is_ascii_digit());
            if lone && lines.get(i).is_some_and(|next| next.starts_with("STT")) {
                if let Some(b) = &mut current {
                    b.text.push(' ');
                    b.text.push_str(line);
                }
                continue;
            }
            // A block of the table: a row ("PL2 I.1.1") or the words before the first row of a group ("PL2 I").
            let table_block = |label: Option<&str>, text: &str, row: Kind| {
                let section = match (&group, label) {
                    (Some(g), Some(l)) => format!("PL{n} {g}.{l}"),
                    (None, Some(l)) => format!("PL{n} {l}"),
                    (Some(g), None) => format!("PL{n} {g}"),
                    (None, None) => format!("PL{n}"),
                };
                let kind = if projects { Kind::Project } else { row };
                Block { section, text: text.to_string(), kind, objectives: false }
            };
            if let Some((label, rest)) = row_number(line).or_else(|| (lone && group.is_some()).then_some((line, ""))) {
                flush(&mut current, &mut blocks);
                current = Some(table_block(Some(label), rest, Kind::Row));
                continue;
            }
            match &mut current {
                Some(b) => {
                    if !b.text.is_empty() {
                        b.text.push(' ');
                    }
                    b.text.push_str(line)
                }
                None => current = Some(table_block(None, line, Kind::Front)),
            }
            continue;
        }
        if let Some((level, label, rest)) = heading(line) {
            if level <= 1 {
                seen_body = true;
            }
            if seen_body {
                flush(&mut current, &mut blocks);
                levels[level as usize] = Some(label);
                titles[level as usize] = Some(rest.to_lowercase());
                for (l, t) in levels.iter_mut().zip(titles.iter_mut()).skip(level as usize + 1) {
                    *l = None;
                    *t = None;
                }
                // Objectives: under a heading that names them ("a) Mục tiêu", "II. MỤC TIÊU, CHỈ TIÊU").
                objectives = titles.iter().flatten().any(|t| t.starts_with("mục tiêu") || t.contains("chỉ tiêu"))
                    && !rest.to_lowercase().contains("tổng quát");
                let id = levels.iter().flatten().cloned().collect::<Vec<_>>().join(".");
                add_section(id.clone(), rest.trim_end_matches(':'), &mut sections);
                current = Some(Block { section: id, text: rest.to_string(), kind: Kind::Body, objectives });
                if ends_sentence(line) {
                    flush(&mut current, &mut blocks);
                }
                continue;
            }
        }
        let section = levels.iter().flatten().cloned().collect::<Vec<_>>().join(".");
        let kind = if seen_body { Kind::Body } else { Kind::Front };
        let new_paragraph = line.starts_with('-')
            || line.starts_with('+')
            || line.starts_with('•')
            || kind == Kind::Front
            || current.as_ref().map_or(true, |b| b.kind != kind || ends_sentence(&b.text));
        if new_paragraph {
            flush(&mut current, &mut blocks);
            current = Some(Block { section, text: line.to_string(), kind, objectives });
        } else if let Some(b) = &mut current {
            b.text.push(' ');
            b.text.push_str(line);
        }
    }
    flush(&mut current, &mut blocks);
    (blocks, sections)
}

// ---------------------------------------------------------------------------------------------------------
// Sentences and clauses.

/// Byte ranges of the sentences of a paragraph: ended by `.`, `!` or `?` before a space and a capital letter (or
/// the end), never between digits.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?') {
            let after = &text[i + 1..];
            let next_upper =
                after.trim_start().chars().next().map_or(true, |n| n.is_uppercase() || n == '-' || n.is_ascii_digit());
            let spaced = after.is_empty() || after.starts_with(' ');
            let digit_before = i > 0 && bytes[i - 1].is_ascii_digit();
            let digit_after = after.chars().next().is_some_and(|n| n.is_ascii_digit());
            if spaced && next_upper && !(digit_before && digit_after) {
                out.push((start, i + 1));
                start = i + 1;
            }
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out.into_iter().map(|(a, b)| trim_range(text, a, b)).filter(|(a, b)| b > a).collect()
}

fn trim_range(text: &str, a: usize, b: usize) -> (usize, usize) {
    let s = &text[a..b];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    (a + lead, b - trail)
}

/// The clauses of a sentence: split at `;`, at ` - ` list dashes, and before ", trong đó" (a part of the whole
/// just stated).
fn clauses(text: &str, (a, b): (usize, usize)) -> Vec<(usize, usize)> {
    let s = &text[a..b];
    let mut cuts = vec![0];
    for (i, c) in s.char_indices() {
        if c == ';' {
            cuts.push(i + 1);
        }
    }
    // A new figure after a comma opens its own clause ("đạt chuẩn quốc gia về y tế, 100% trạm y tế ...").
    for (i, _) in s.match_indices(", ") {
        if s[i + 2..].chars().next().is_some_and(|c| c.is_ascii_digit()) {
            cuts.push(i + 1);
        }
    }
    let mut k = 0;
    while let Some(p) = s[k..].find(", trong đó") {
        cuts.push(k + p + 1);
        k += p + 1;
    }
    let mut k = 0;
    while let Some(p) = s[k..].find(" - ") {
        let at = k + p;
        // A dash between numbers or words of a name ("2025 - 2030", "Nông - Lâm") is not a list.
        let before = s[..at].chars().last();
        let after = s[at + 3..].chars().next();
        if before.is_some_and(|c| c == ':' || c == '.' || c == ';') || after.is_some_and(|c| c == '-') {
            cuts.push(at + 1);
        }
        k = at + 3;
    }
    cuts.push(s.len());
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| trim_range(text, a + w[0], a + w[1]))
        .map(|(x, y)| {
            let t = &text[x..y];
            let t2 = t.trim_start_matches([',', ';', '-', ' ']).trim_end_matches([';', ',', ' ']);
            let x2 = x + (t.len() - t.trim_start_matches([',', ';', '-', ' ']).len());
            (x2, x2 + t2.len())
        })
        .filter(|(x, y)| y > x)
        .collect()
}

// ---------------------------------------------------------------------------------------------------------
// Reading numbers.

struct Reader<'e> {
    lexicon: &'e Lexicon,
    entries: &'e [Entry],
    years: Years,
    proposals: Vec<Proposal>,
    skipped: Vec<Skipped>,
}

/// A timing read from words.
#[derive(Debug, Clone)]
enum When {
    Yearly(i32),
    Quarterly,
    Deadline(String),
    Term(i32, i32),
    Growth {
        decline: bool,
    },
    /// "so với năm YYYY": a change from that year.
    Change(i32),
    /// "so với năm trước": each year against the one before.
    YearlyChange,
    /// "bình quân hằng năm": the mean of the years.
    Average,
}

/// A timing chosen for a number: what, the words, and whether it came from elsewhere than its own words.
type Chosen = (When, String, bool);

/// Why a number is not a target's value, if it is plainly something else.
fn not_a_value(toks: &[Token], q: usize) -> Option<&'static str> {
    let w = |k: isize| -> Option<&str> {
        let i = q as isize + k;
        if i < 0 {
            return None;
        }
        toks.get(i as usize).and_then(Token::word)
    };
    let sym = |k: isize, c: char| {
        let i = q as isize + k;
        i >= 0 && toks.get(i as usize).is_some_and(|t| t.is_sym(c))
    };
    let t = &toks[q];
    if super::lexicon::year_of(t).is_some() {
        return Some("a year");
    }
    if matches!(w(-1), Some("ngày" | "tháng")) || (sym(1, '/') && sym(3, '/')) || (sym(-1, '/') && sym(-3, '/')) {
        return Some("a date");
    }
    if matches!(w(-1), Some("số" | "điều" | "khoản" | "chương" | "mục" | "khóa" | "khoá" | "lần" | "thứ"))
        || ((sym(1, '-') || sym(1, '/')) && w(2).is_some_and(|x| x.chars().any(|c| c.is_alphabetic())))
    {
        return Some("a document number or a label");
    }
    if sym(-1, '/') && toks.get(q.wrapping_sub(2)).and_then(Token::num).is_some() {
        return Some("a scale or a fraction's total");
    }
    if matches!(w(-1), Some("độ" | "cấp" | "hạng" | "loại" | "quý" | "giai")) || w(-2) == Some("mức") {
        return Some("a level or a grade, not a quantity");
    }
    if w(-1) == Some("trên") && t.num() == Some(Decimal::ONE) && w(1).is_some() {
        return Some("'trên 01 ...': per one unit, not a comparison");
    }
    if w(-1) == Some("đất") && sym(1, '%') {
        return Some("a land category ('đất X%'), not a share");
    }
    if matches!(w(1), Some("stt")) {
        return Some("a page number");
    }
    if matches!(w(1), Some("sao" | "hạng")) {
        return Some("a grade ('3 sao'), not a quantity");
    }
    if sym(1, '/') && toks.get(q + 2).and_then(Token::num) == t.num() {
        return Some("a restatement of every one ('09/09')");
    }
    if matches!(w(1), Some("tuổi")) {
        return Some("an age in a definition");
    }
    if sym(1, '/') && toks.get(q + 2).and_then(Token::num).is_some() && w(-1) == Some("lệ") {
        return Some("a map scale");
    }
    None
}

/// A timing that opens a table cell ("Năm 2030", "Hằng năm" in the progress column): a capital letter, and no
/// comma after its first two words (unlike "Hàng năm, kết nạp ..." opening a sentence).
fn cell_start(text: &str, toks: &[Token], at: usize) -> bool {
    let upper = toks.get(at).is_some_and(|t| text[t.start..].chars().next().is_some_and(char::is_uppercase));
    upper && !toks.get(at + 2).is_some_and(|t| t.is_sym(','))
}

fn yearly_words(toks: &[Token]) -> bool {
    toks.windows(2).any(|w| {
        matches!(w[0].word(), Some("hằng" | "hàng" | "mỗi")) && w[1].word() == Some("năm")
            || w[0].is_sym('/') && w[1].word() == Some("năm")
    })
}

impl Reader<'_> {
    fn skip_numbers(&mut self, b: &Block, reason: &str) {
        if tokens(&b.text).iter().any(|t| t.num().is_some()) {
            self.skipped.push(Skipped { section: b.section.clone(), text: b.text.clone(), reason: reason.into() })
        }
    }

    /// The timings the words of `toks[from..to]` state, in order.
    fn timings(&self, toks: &[Token], from: usize, to: usize) -> Vec<(When, String, usize)> {
        let mut out = Vec::new();
        let found = find_all(self.lexicon, |e| !e.timing.is_empty() && !e.has_slot(), toks, from, to);
        let mut skip_to = 0;
        for (e, f) in found {
            if f.start < skip_to {
                continue;
            }
            let words = format!("'{}'", e.text);
            let when = match e.timing {
                "yearly" if e.has_slot() => continue,
                "yearly" => Some(When::Yearly(f.years.first().copied().unwrap_or(self.years.base + 1))),
                "quarterly" => Some(When::Quarterly),
                "deadline" => {
                    let y = f.years.first().copied();
                    match (y, f.quarter) {
                        (Some(y), Some(q)) => Some(When::Deadline(format!("{y}-Q{q}"))),
                        (Some(y), None) => Some(When::Deadline(y.to_string())),
                        _ => None,
                    }
                }
                "cumulative" => match f.years.as_slice() {
                    [a, b] => Some(When::Term(*a, *b)),
                    _ => Some(When::Term(self.years.base + 1, self.years.last)),
                },
                "average_growth" if !e.has_slot() => Some(When::Growth {
                    decline: e.pattern.iter().any(|p| *p == super::lexicon::P::Word("giảm".into())),
                }),
                "change" => f.years.first().map(|&y| When::Change(y)),
                "yearly_change" if e.rule.is_empty() || e.rule == "at_least" => Some(When::YearlyChange),
                "average" => Some(When::Average),
                _ => None,
            };
            if let Some(w) = when {
                skip_to = f.end;
                out.push((w, words, f.start));
            }
        }
        out
    }

    /// The comparison read before and after the number at `q`: the heaviest pattern whose slot is `q`.
    fn comparison(&self, toks: &[Token], q: usize, lo: usize) -> Option<(&Entry, Found)> {
        let mut best: Option<(&Entry, Found)> = None;
        for e in self.entries.iter().filter(|e| e.has_slot() && (e.timing.is_empty() || e.timing == "change")) {
            let before = e.pattern.iter().position(|p| *p == super::lexicon::P::Slot).unwrap_or(0);
            if q < before || q - before < lo {
                continue;
            }
            if let Some(f) = match_at(&e.pattern, toks, q - before) {
                if f.slots.first().map(|s| s.0) == Some(q)
                    && best.as_ref().map_or(true, |(b, bf)| (e.weight(), f.end) > (b.weight(), bf.end))
                {
                    best = Some((e, f));
                }
            }
        }
        best
    }

    fn body(&mut self, b: &Block) {
        let text = b.text.as_str();
        for s in sentences(text) {
            let sentence_toks = tokens(&text[s.0..s.1]);
            let sentence_yearly =
                sentence_toks.iter().take(4).any(|t| matches!(t.word(), Some("hằng" | "hàng" | "mỗi")))
                    && yearly_words(&sentence_toks[..sentence_toks.len().min(4)]);
            let mut inherited: Option<(When, String)> = None;
            for c in clauses(text, s) {
                let clause = &text[c.0..c.1];
                if clause.len() > MAX_CLAUSE_BYTES {
                    self.skipped.push(Skipped {
                        section: b.section.clone(),
                        text: clause.chars().take(200).collect(),
                        reason: format!("a clause too long to read ({} bytes)", clause.len()),
                    });
                    continue;
                }
                self.read_clause(b, clause, inherited.as_ref(), sentence_yearly);
                let toks = tokens(clause);
                if let Some((w, words, _)) = self
                    .timings(&toks, 0, toks.len())
                    .into_iter()
                    .find(|(w, _, _)| matches!(w, When::Yearly(_) | When::Deadline(_) | When::Term(..)))
                {
                    inherited = Some((w, words));
                }
            }
        }
    }

    /// Reads one clause; when it holds a number and no target came of it, lists it as skipped with the reason.
    fn read_clause(&mut self, b: &Block, clause: &str, inherited: Option<&(When, String)>, sentence_yearly: bool) {
        let before = self.proposals.len();
        let why = self.clause(b, clause, inherited, sentence_yearly);
        if self.proposals.len() == before {
            if let Some(why) = why {
                self.skipped.push(Skipped { section: b.section.clone(), text: clause.into(), reason: why });
            }
        }
    }

    /// Reads one clause; returns why it became no target when it holds a number and none came of it.
    fn clause(
        &mut self,
        b: &Block,
        clause: &str,
        inherited: Option<&(When, String)>,
        sentence_yearly: bool,
    ) -> Option<String> {
        if clause.len() > MAX_CLAUSE_BYTES {
            return Some(format!("a passage too long to read as one sentence ({} bytes)", clause.len()));
        }
        let toks = tokens(clause);
        let lower = clause.to_lowercase();
        let past = ["nhiệm kỳ trước", "nhiệm kỳ qua", "đã đạt", "đã hoàn thành", "giai đoạn 2020"];
        let has_number = toks.iter().any(|t| t.num().is_some());
        if let Some(p) = past.iter().find(|p| lower.contains(*p)) {
            return has_number.then(|| format!("an achievement of the past term ('{p}')"));
        }
        let mut timings = self.timings(&toks, 0, toks.len());
        if b.kind == Kind::Row {
            timings.retain(|(w, _, at)| {
                !matches!(w, When::Yearly(_) | When::Deadline(_) | When::Term(..)) || !cell_start(clause, &toks, *at)
            });
        }
        let mut reasons_skip: Vec<String> = Vec::new();
        let mut q = 0;
        let mut made = false;
        // Where the words of the current number begin: after the previous number's match.
        let mut seg_start = 0;
        while q < toks.len() {
            let Some(value) = toks[q].num() else {
                q += 1;
                continue;
            };
            if let Some(why) = not_a_value(&toks, q) {
                if !reasons_skip.iter().any(|r| r.ends_with(why)) {
                    reasons_skip.push(format!("'{}': {why}", &clause[toks[q].start..toks[q].end]));
                }
                q += 1;
                continue;
            }
            let cmp = self.comparison(&toks, q, 0);
            let percent = toks.get(q + 1).is_some_and(|t| t.is_sym('%'));
            let permille = toks.get(q + 1).is_some_and(|t| t.is_sym('‰'));
            let mut reasons = Vec::new();
            let mut confidence = if b.objectives || b.kind == Kind::Row { Confidence::High } else { Confidence::Check };
            let (rule, end) = match &cmp {
                Some((e, f)) => {
                    let v = |k: usize| f.slots.get(k).map(|s| s.1);
                    let rule = match e.rule {
                        "band" => {
                            let (lo, hi) = (v(0).unwrap_or(value), v(1).unwrap_or(value));
                            reasons.push(format!("'{}' read as a band {lo}-{hi} where both ends bind", e.text));
                            json!({"kind": "band", "low": lo.to_string(), "high": hi.to_string()})
                        }
                        "range" => {
                            let (lo, hi) = (v(0).unwrap_or(value), v(1).unwrap_or(value));
                            let mut r = json!({"kind": "range", "floor": lo.to_string(), "aim": hi.to_string()});
                            if e.aim_inclusive {
                                r["aim_inclusive"] = json!(true);
                            }
                            reasons.push(format!("'{}' read as a floor {lo} with an aim {hi}", e.text));
                            r
                        }
                        kind => {
                            if e.weight() == 0 {
                                reasons.push(format!(
                                    "a bare '{value}{}' read as at least {value}",
                                    if percent { "%" } else { "" }
                                ));
                                let opens = q == 0
                                    || toks[q - 1].is_sym(':')
                                    || toks[q - 1].is_sym(',')
                                    || toks[q - 1].is_sym('(')
                                    || toks[q - 1].is_sym('-');
                                if !percent
                                    && !permille
                                    && !((opens || formal_count(clause, &toks, q))
                                        && toks.get(q + 1).and_then(Token::word).is_some())
                                {
                                    let why =
                                        "a number without a comparison inside the words (a name, a label or a detail)";
                                    if !reasons_skip.iter().any(|r| r.ends_with(why)) {
                                        reasons_skip.push(format!("'{}': {why}", &clause[toks[q].start..toks[q].end]));
                                    }
                                    q += 1;
                                    continue;
                                } else {
                                    confidence = confidence.max(Confidence::Check);
                                }
                            } else {
                                reasons.push(format!("'{}' read as {}", e.text, e.wording.meaning));
                            }
                            json!({"kind": kind, "value": value.to_string()})
                        }
                    };
                    (rule, f.end)
                }
                None => {
                    q += 1;
                    continue;
                }
            };
            let rule = if percent && value == Decimal::ONE_HUNDRED && rule["kind"] == json!("at_least") {
                reasons.retain(|r| !r.contains("read as at least"));
                reasons.push("'100%' read as every one (rule all)".into());
                confidence = if b.objectives || b.kind == Kind::Row { Confidence::High } else { Confidence::Check };
                json!({"kind": "all"})
            } else {
                rule
            };
            // The unit: %, ‰, or the words after the number.
            let last_slot = cmp.as_ref().and_then(|(_, f)| f.slots.last().map(|s| s.0)).unwrap_or(q);
            let unit_at = last_slot + if percent || permille { 2 } else { 1 };
            let unit = if percent {
                "%".to_string()
            } else if permille {
                "‰".to_string()
            } else {
                unit_words(clause, &toks, unit_at)
            };
            // The timing.
            // The words of this number: from the previous number's match to the next number that could be a
            // value; a timing after the number that a comma follows opens the next phrase ("Năm 2027, có 01").
            let seg_end = (end..toks.len())
                .find(|&k| toks[k].num().is_some() && not_a_value(&toks, k).is_none())
                .unwrap_or(toks.len());
            let opens_phrase = |at: usize| {
                toks.get(at + 2).is_some_and(|t| t.is_sym(','))
                    && (clause[toks[at].start..].starts_with(char::is_uppercase)
                        || at > 0 && (toks[at - 1].is_sym(',') || toks[at - 1].is_sym('.')))
            };
            let in_segment = |at: usize| at >= seg_start && at < seg_end && (at < q || !opens_phrase(at));
            let growth =
                timings.iter().find(|(w, _, at)| matches!(w, When::Growth { .. }) && *at < q && *at >= seg_start);
            // The timing nearest before the number ("từ mức 62 triệu đồng năm 2025, đến năm 2030 đạt trên 95"),
            // else the first after it.
            let own = timings
                .iter()
                .rfind(|(w, _, at)| !matches!(w, When::Growth { .. }) && in_segment(*at) && *at < q)
                .or_else(|| {
                    timings.iter().find(|(w, _, at)| !matches!(w, When::Growth { .. }) && in_segment(*at) && *at > q)
                });
            let cmp_start = cmp.as_ref().map_or(q, |(_, f)| f.start);
            let mut verb_start = cmp_start;
            while verb_start > seg_start && cmp_start - verb_start < 3 && toks[verb_start - 1].word().is_some() {
                verb_start -= 1;
            }
            let words_end = if seg_end < toks.len() {
                self.comparison(&toks, seg_end, 0).map_or(seg_end, |(_, f)| f.start.max(q + 1))
            } else {
                seg_end
            };
            let segment = toks
                .get(verb_start)
                .zip(toks.get(words_end.saturating_sub(1)))
                .map_or(String::new(), |(a, z)| clause[a.start..z.end.max(a.start)].to_lowercase());
            let count_like = !percent && !permille;
            let own_all: Vec<&(When, String, usize)> =
                timings.iter().filter(|(w, _, at)| !matches!(w, When::Growth { .. }) && in_segment(*at)).collect();
            let special = if growth.is_none() {
                self.change_timing(&toks, q, cmp.as_ref(), cmp_start, &own_all, percent, permille, &lower, &mut reasons)
            } else {
                None
            };
            if special.is_some() {
                confidence = confidence.max(Confidence::Check);
            }
            let (timing, rule) = if let Some((timing, decline)) = special {
                (timing, if decline { negate(rule) } else { rule })
            } else if let Some((When::Growth { decline }, words, _)) = growth {
                reasons
                    .push(format!("{words}: compound average growth from {} to {}", self.years.base, self.years.last));
                let share_subject = lower.contains("tỷ lệ");
                let rule = if *decline { negate(rule) } else { rule };
                if share_subject {
                    reasons.push("TWO READINGS of a share falling so many % a year: points or relative; points chosen (the usual official reading), say which".into());
                    confidence = confidence.max(Confidence::Check);
                    (
                        json!({"kind": "average_change", "from": self.years.base + 1, "to": self.years.last, "reading": "absolute"}),
                        rule,
                    )
                } else {
                    (json!({"kind": "average_growth", "from": self.years.base + 1, "to": self.years.last}), rule)
                }
            } else {
                let recurring = (rule["kind"] == json!("all"))
                    .then(|| {
                        self.entries
                            .iter()
                            .filter(|e| e.rule == "all" && e.timing == "yearly")
                            .find(|e| match_at(&e.pattern, &toks, q).is_some())
                    })
                    .flatten();
                let recurring = || {
                    recurring.map(|e| {
                        (When::Yearly(self.years.base + 1), format!("'{}' (things that recur)", e.text), false)
                    })
                };
                let inherited = || inherited.map(|(w, words)| (w.clone(), words.clone(), true));
                // In the body the sentence's own timing comes first ("Trong nhiệm kỳ, 100% chi bộ ..."); in a
                // table row, things that recur come before the row's progress cell.
                let (first, second): (Option<Chosen>, Option<Chosen>) =
                    if b.kind == Kind::Row { (recurring(), inherited()) } else { (inherited(), recurring()) };
                let when =
                    own.map(|(w, words, _)| (w.clone(), words.clone(), false)).or(first).or(second).or_else(|| {
                        sentence_yearly.then(|| {
                            (When::Yearly(self.years.base + 1), "'hằng năm' opening the sentence".to_string(), true)
                        })
                    });
                let creation = [
                    "thành lập",
                    "mới thành lập",
                    "công nhận mới",
                    "thêm",
                    "được công nhận",
                    "xây dựng",
                    "mở",
                    "tổ chức",
                    "hỗ trợ",
                    "hoàn thành",
                ];
                let created = count_like && creation.iter().any(|c| segment.contains(c));
                match when {
                    Some((When::Deadline(by), words, inherited))
                        if created
                            && by.len() == 4
                            && by.parse::<i32>().is_ok_and(|y| y > self.years.base)
                            && matches!(rule["kind"].as_str(), Some("at_least" | "range")) =>
                    {
                        if inherited {
                            confidence = confidence.max(Confidence::Check);
                        }
                        let y: i32 = by.parse().unwrap_or(self.years.last);
                        reasons
                            .push(format!("{words} with things to create: a total over {}-{y}", self.years.base + 1));
                        (json!({"kind": "cumulative", "from": self.years.base + 1, "to": y}), rule)
                    }
                    Some((When::Term(_, to), words, true)) if rule["kind"] == json!("all") && b.kind == Kind::Row => {
                        reasons.push(format!("{words} with 100%: every one by {to}"));
                        confidence = confidence.max(Confidence::Check);
                        (json!({"kind": "deadline", "by": to.to_string()}), rule)
                    }
                    Some((w, words, inherited)) => {
                        if inherited {
                            reasons.push(format!("the timing {words} read from earlier in the sentence"));
                            confidence = confidence.max(Confidence::Check);
                        }
                        (self.timing_json(&w, &words, count_like, rule["kind"] == json!("all"), &mut reasons), rule)
                    }
                    None if created && rule["kind"] != json!("about") => {
                        reasons.push("no year: a number of things to create, read as a total over the term".into());
                        confidence = confidence.max(Confidence::Check);
                        (json!({"kind": "cumulative", "from": self.years.base + 1, "to": self.years.last}), rule)
                    }
                    None => {
                        reasons.push(format!("no year: read as by the end of the term ({})", self.years.last));
                        confidence = confidence.max(Confidence::Check);
                        (json!({"kind": "deadline", "by": self.years.last.to_string()}), rule)
                    }
                }
            };
            let measure = if timing["kind"] == json!("coverage") {
                "status"
            } else if timing["kind"] == json!("average_growth") {
                "level"
            } else if percent {
                "share"
            } else if permille {
                "rate"
            } else if value.fract().is_zero() && unit != "m2/người" && !unit.contains('/') {
                "count"
            } else {
                "level"
            };
            let direction = match rule["kind"].as_str() {
                Some("at_most" | "less_than" | "none") => "decrease",
                Some("about") => "neutral",
                Some("range") if rule["floor"].as_str().is_some_and(|f| f.starts_with('-')) => "decrease",
                _ => "increase",
            };
            let unit = if measure == "status" {
                // Each entity's figure is done or not; the unit names the entities.
                let after = unit_words(clause, &toks, unit_at);
                if after.is_empty() {
                    "(đơn vị)".to_string()
                } else {
                    after
                }
            } else if measure == "level" && timing["kind"] == json!("average_growth") {
                reasons.push("the level's unit is not stated: set it".into());
                "(đơn vị)".to_string()
            } else if unit.is_empty() {
                reasons.push("no unit after the number: set it".into());
                "(đơn vị)".to_string()
            } else {
                unit
            };
            let per_10000 = unit.contains("/vạn") || unit.contains("/ vạn");
            let measure = if per_10000 { "rate" } else { measure };
            let mut indicator =
                json!({"name_vi": name_of(clause), "unit": unit, "measure": measure, "direction": direction});
            if measure == "rate" {
                indicator["per"] = json!(if per_10000 { "10000" } else { "1000" });
            }
            // "04/09 thôn": a count of a stated total.
            let out_of = (measure == "count" && toks.get(q + 1).is_some_and(|t| t.is_sym('/')))
                .then(|| toks.get(q + 2).and_then(Token::num))
                .flatten();
            if let Some(total) = out_of {
                reasons.push(format!("'{value}/{total}': a count out of {total}"));
            }
            if !b.objectives && b.kind == Kind::Body {
                reasons.push("in the tasks, not the objectives, of its section".into());
                if cmp.as_ref().map_or(true, |(e, _)| e.weight() == 0) {
                    confidence = Confidence::Low;
                }
            }
            if made {
                reasons.push("one of several numbers in the same words".into());
            }
            let universe = if timing["kind"] == json!("coverage") {
                reasons.push(
                    "every entity over the term: the universe (how many there are) is an indicator to fill".into(),
                );
                Some(
                    json!({"name_vi": format!("Tổng số (mẫu số) của: {}", name_of(clause)), "unit": "(đơn vị)", "measure": "count", "direction": "neutral"}),
                )
            } else {
                None
            };
            self.proposals.push(Proposal {
                section: b.section.clone(),
                quote: clause.to_string(),
                indicator,
                rule,
                timing,
                confidence,
                reasons,
                universe,
                more: Vec::new(),
                out_of,
            });
            made = true;
            q = end.max(q + 1);
            // "8-10%/năm": the "/năm" belongs to this number, not to the next.
            if toks.get(q).is_some_and(|t| t.is_sym('/'))
                && toks.get(q + 1).and_then(Token::word).is_some_and(|w| w == "năm" || w == "quý")
            {
                q += 2;
            }
            seg_start = q;
        }
        if !made {
            // Words without a number: none ("không còn"), a milestone ("hoàn thành") in the objectives.
            if b.objectives || (b.kind == Kind::Body && self.strong_words(&toks).is_some()) {
                if let Some(p) = self.words_only(b, clause, &toks, &timings, inherited, sentence_yearly) {
                    self.proposals.push(p);
                    return None;
                }
            }
            if has_number {
                if reasons_skip.is_empty() {
                    reasons_skip.push("could not read the comparison".into());
                }
                return Some(reasons_skip.join("; "));
            }
        }
        None
    }

    /// The timings of a change: from a base year ("tăng 35% so với năm 2025", "gấp 1,5 lần năm 2025", "tăng
    /// thêm 9 tuyến"), on the year before ("so với năm trước", "mỗi năm tăng ..."), the mean of the years
    /// ("bình quân hằng năm"), a rate per 1,000 falling so much a year ("giảm 0,2‰/năm"). With whether the
    /// words say a fall ("giảm"), which makes the rule's value negative.
    #[allow(clippy::too_many_arguments)]
    fn change_timing(
        &self,
        toks: &[Token],
        q: usize,
        cmp: Option<&(&Entry, Found)>,
        cmp_start: usize,
        own: &[&(When, String, usize)],
        percent: bool,
        permille: bool,
        lower: &str,
        reasons: &mut Vec<String>,
    ) -> Option<(Value, bool)> {
        let (base, last) = (self.years.base, self.years.last);
        let verb = toks[..cmp_start].iter().rev().find_map(Token::word);
        let verb_is = |v: &str| verb == Some(v) || cmp.is_some_and(|(e, _)| e.text.starts_with(v));
        let decline = verb_is("giảm");
        let moving = decline || verb_is("tăng");
        let share_subject = lower.contains("tỷ lệ");
        let deadlines: Vec<i32> = own
            .iter()
            .filter_map(|(w, _, _)| match w {
                When::Deadline(by) if by.len() == 4 => by.parse().ok(),
                _ => None,
            })
            .collect();
        let cmp_end = cmp.map_or(q + 1, |(_, f)| f.end);
        let reading = |reasons: &mut Vec<String>| {
            if percent && share_subject {
                reasons.push(
                    "TWO READINGS of a share changing by X%: percentage points or percent of itself; points chosen, \
                     say which"
                        .into(),
                );
                "absolute"
            } else if percent {
                "relative"
            } else {
                "absolute"
            }
        };
        let thêm = |e: &Entry| {
            e.pattern.contains(&super::lexicon::P::Word("gấp".into()))
                || e.pattern.contains(&super::lexicon::P::Word("thêm".into()))
        };
        if let Some((e, _)) = cmp.filter(|(e, _)| e.timing == "change" && thêm(e)) {
            // "gấp 1,5 lần năm 2025", "tăng thêm 9 tuyến so với năm 2025".
            let multiple = e.pattern.contains(&super::lexicon::P::Word("gấp".into()));
            let base_year = own
                .iter()
                .find_map(|(w, _, at)| match w {
                    When::Change(y) => Some(*y),
                    When::Deadline(by) if *at >= cmp_end && *at <= cmp_end + 1 => by.parse().ok(),
                    _ => None,
                })
                .unwrap_or(base);
            let to = deadlines.iter().copied().filter(|&y| y > base_year).max().unwrap_or(last);
            let kind = if multiple { "multiple" } else { "absolute" };
            reasons.push(format!("'{}': a change from {base_year} to {to} ({kind})", e.text));
            return Some((json!({"kind": "change", "base": base_year, "to": to, "change": kind}), decline));
        }
        if let Some(from) = own.iter().find_map(|(w, _, _)| match w {
            When::Change(y) => Some(*y),
            _ => None,
        }) {
            let to = deadlines.iter().copied().filter(|&y| y > from).max().unwrap_or(last);
            let kind = reading(reasons);
            reasons.push(format!("'so với năm {from}': a change from {from} to {to} ({kind})"));
            return Some((json!({"kind": "change", "base": from, "to": to, "change": kind}), decline));
        }
        if permille && moving && own.iter().any(|(w, _, _)| matches!(w, When::Yearly(_))) {
            reasons.push("a rate per 1,000 changing so much a year: the average change in points".into());
            return Some((
                json!({"kind": "average_change", "from": base + 1, "to": last, "reading": "absolute"}),
                decline,
            ));
        }
        if own.iter().any(|(w, _, _)| matches!(w, When::Average)) {
            reasons.push(format!("the mean of the years {}-{last}", base + 1));
            return Some((json!({"kind": "average", "from": base + 1, "to": last}), false));
        }
        let yearly_change = own.iter().any(|(w, _, _)| matches!(w, When::YearlyChange))
            || (moving && own.iter().any(|(w, _, _)| matches!(w, When::Yearly(_))));
        if yearly_change {
            let kind = reading(reasons);
            reasons.push(format!("each year against the one before, {}-{last} ({kind})", base + 1));
            return Some((json!({"kind": "yearly_change", "from": base + 1, "to": last, "reading": kind}), decline));
        }
        None
    }

    fn timing_json(&self, w: &When, words: &str, count: bool, all: bool, reasons: &mut Vec<String>) -> Value {
        let (base, last) = (self.years.base, self.years.last);
        match w {
            When::Yearly(from) => {
                reasons.push(format!("{words}: every year {from}-{last}"));
                json!({"kind": "yearly", "from": from, "to": last})
            }
            When::Quarterly => {
                reasons.push(format!("{words}: every quarter {}-{last}", base + 1));
                json!({"kind": "quarterly", "from": base + 1, "to": last})
            }
            When::Deadline(by) => {
                reasons.push(format!("{words}: by {by}"));
                json!({"kind": "deadline", "by": by})
            }
            When::Term(a, b) => {
                let from = (*a).max(base + 1);
                if all {
                    reasons.push(format!("{words} with 100%: every entity covered over {from}-{b}"));
                    json!({"kind": "coverage", "from": from, "to": b})
                } else if count {
                    reasons.push(format!("{words}: a total over {from}-{b}"));
                    json!({"kind": "cumulative", "from": from, "to": b})
                } else {
                    reasons.push(format!("{words} with a share: the level by {b}"));
                    json!({"kind": "deadline", "by": b.to_string()})
                }
            }
            When::Growth { .. } => json!({"kind": "average_growth", "from": base + 1, "to": last}),
            When::Change(from) => {
                reasons.push(format!("{words}: the change from {from} to {last}, in the indicator's unit"));
                json!({"kind": "change", "base": from, "to": last, "change": "absolute"})
            }
            When::YearlyChange => {
                reasons.push(format!("{words}: each year against the one before, {}-{last}", base + 1));
                json!({"kind": "yearly_change", "from": base + 1, "to": last, "reading": "relative"})
            }
            When::Average => {
                reasons.push(format!("{words}: the mean of the years {}-{last}", base + 1));
                json!({"kind": "average", "from": base + 1, "to": last})
            }
        }
    }

    /// A target without a number: none ("không còn", "không để xảy ra") or a milestone ("hoàn thành", "đạt
    /// chuẩn"), in the objectives only.
    /// Where the progress column starts in a cell's words: the first token after the first that opens a cell
    /// with a timing ("Năm 2030", "Hằng năm") or with "Thường xuyên", and that `also` accepts.
    fn progress_cell(&self, text: &str, toks: &[Token], also: impl Fn(usize) -> bool) -> Option<usize> {
        let timings = self.timings(toks, 0, toks.len());
        (1..toks.len()).find(|&i| {
            let opens = timings
                .iter()
                .any(|(w, _, at)| *at == i && matches!(w, When::Yearly(_) | When::Deadline(_) | When::Term(..)))
                || toks[i].word() == Some("thường") && toks.get(i + 1).and_then(Token::word) == Some("xuyên");
            opens && cell_start(text, toks, i) && also(i)
        })
    }

    /// A wording that sets a target without a number and is read even among the tasks: a row of the table
    /// whose rule has a value of its own ("vượt dự toán": at least 100) or whose timing is fixed ("duy trì đạt
    /// chuẩn": every year); with the value its rule states.
    fn strong_words(&self, toks: &[Token]) -> Option<(&Entry, Decimal)> {
        find_all(
            self.lexicon,
            |e| {
                !e.has_slot()
                    && (matches!(e.rule, "at_least" | "more_than")
                        || (e.rule == "done" && !e.timing.is_empty() && e.timing != "deadline"))
            },
            toks,
            0,
            toks.len(),
        )
        .into_iter()
        .find_map(|(e, _)| {
            if e.rule == "done" {
                return Some((e, Decimal::ONE));
            }
            // Only a rule whose value the table states ("value": 100), not one the text must give ("X", "N").
            let value = serde_json::from_str::<Value>(e.wording.rule).ok()?["value"].as_u64()?;
            let _ = &e.rule;
            Some((e, Decimal::from(value)))
        })
    }

    fn words_only(
        &self,
        b: &Block,
        clause: &str,
        toks: &[Token],
        timings: &[(When, String, usize)],
        inherited: Option<&(When, String)>,
        sentence_yearly: bool,
    ) -> Option<Proposal> {
        let none = find_all(self.lexicon, |e| e.rule == "none", toks, 0, toks.len()).into_iter().next();
        let done = find_all(self.lexicon, |e| e.rule == "done", toks, 0, toks.len()).into_iter().next();
        let lower = clause.to_lowercase();
        let keep = lower.starts_with("duy trì") || lower.contains("tiếp tục duy trì");
        let mut reasons = Vec::new();
        let when = timings
            .iter()
            .find(|(w, _, _)| !matches!(w, When::Growth { .. }))
            .map(|(w, words, _)| (w.clone(), words.clone()))
            .or_else(|| inherited.cloned())
            .or_else(|| sentence_yearly.then(|| (When::Yearly(self.years.base + 1), "'hằng năm'".to_string())));
        let strong = self.strong_words(toks);
        let changes = strong.filter(|(e, _)| matches!(e.timing, "change" | "yearly_change"));
        let (rule, measure, unit, direction) = if let Some((e, value)) = strong.filter(|(e, _)| e.rule != "done") {
            reasons.push(format!("'{}' read as {} ({} {value})", e.text, e.wording.meaning, e.rule));
            let (measure, unit) = if changes.is_some() {
                ("level", "(đơn vị)")
            } else if value == Decimal::ONE_HUNDRED {
                ("share", "%")
            } else {
                ("count", "lần")
            };
            (json!({"kind": e.rule, "value": value.to_string()}), measure, unit.to_string(), "increase")
        } else if let Some((e, _)) = none {
            reasons.push(format!("'{}' read as none (zero)", e.text));
            (json!({"kind": "none"}), "count", "(đơn vị)".to_string(), "decrease")
        } else if let Some((e, _)) = done {
            reasons.push(format!("'{}' read as a milestone (done)", e.text));
            (json!({"kind": "done"}), "completion", String::new(), "increase")
        } else {
            return None;
        };
        let years: Vec<i32> = timings
            .iter()
            .filter_map(|(w, _, _)| match w {
                When::Deadline(by) if by.len() == 4 => by.parse().ok(),
                When::Change(y) => Some(*y),
                _ => None,
            })
            .collect();
        let timing = match (changes, when) {
            (Some((e, _)), _) if e.timing == "yearly_change" => {
                reasons.push(format!("each year against the one before, {}-{}", self.years.base + 1, self.years.last));
                json!({"kind": "yearly_change", "from": self.years.base + 1, "to": self.years.last, "reading": "relative"})
            }
            (Some((e, _)), _) => {
                // "đến năm 2030 gấp đôi năm 2025": the base is the earlier year, the deadline the later.
                let from = years.iter().copied().min().filter(|&y| y <= self.years.base).unwrap_or(self.years.base);
                let to = years.iter().copied().filter(|&y| y > from).max().unwrap_or(self.years.last);
                reasons.push(format!("'{}': a multiple of {from} by {to}", e.text));
                json!({"kind": "change", "base": from, "to": to, "change": "multiple"})
            }
            (None, Some((w, words))) => self.timing_json(&w, &words, true, false, &mut reasons),
            (None, None) if keep || rule["kind"] == json!("none") => {
                reasons.push("'duy trì' (keep) without a year: every year".into());
                json!({"kind": "yearly", "from": self.years.base + 1, "to": self.years.last})
            }
            (None, None) => {
                reasons.push(format!("no year: read as by the end of the term ({})", self.years.last));
                json!({"kind": "deadline", "by": self.years.last.to_string()})
            }
        };
        let measure =
            if rule["kind"] == json!("done") && timing["kind"] != json!("deadline") { "status" } else { measure };
        let unit = if measure == "completion" {
            "ngày".to_string()
        } else if measure == "status" {
            "có/không".to_string()
        } else {
            unit
        };
        Some(Proposal {
            section: b.section.clone(),
            quote: clause.to_string(),
            indicator: json!({"name_vi": name_of(clause), "unit": unit, "measure": measure, "direction": direction}),
            rule,
            timing,
            confidence: Confidence::Check,
            reasons,
            universe: None,
            more: Vec::new(),
            out_of: None,
        })
    }

    /// A Phụ lục row: its numbers read like clauses (their timing from the row's progress cell when their own
    /// words state none); without a number, a milestone when the row gives a date or "hằng năm".
    fn row(&mut self, b: &Block) {
        let text = b.text.as_str();
        let toks = tokens(text);
        let timings = self.timings(&toks, 0, toks.len());
        let lower = text.to_lowercase();
        let standing = lower.contains("thường xuyên") || lower.contains("duy trì");
        let is_progress = |w: &When| matches!(w, When::Yearly(_) | When::Deadline(_) | When::Term(..));
        // The progress column: timings that open a cell.
        let progress: Vec<(When, String)> = timings
            .iter()
            .filter(|(w, _, at)| is_progress(w) && cell_start(text, &toks, *at))
            .map(|(w, words, _)| (w.clone(), words.clone()))
            .collect();
        let before = self.proposals.len();
        let items = row_items(text);
        // An item holds a value when one of its numbers is a percentage, follows a comparison, or opens the
        // item or a list ("09 công trình"); other numbers are part of a name ("Chi bộ 4 tốt").
        let valued = |t: &str| {
            let tk = tokens(t);
            tk.iter().enumerate().any(|(i, x)| {
                x.num().is_some()
                    && not_a_value(&tk, i).is_none()
                    && (tk.get(i + 1).is_some_and(|n| n.is_sym('%') || n.is_sym('‰'))
                        || self.comparison(&tk, i, 0).is_some_and(|(e, _)| e.weight() > 0)
                        || i == 0
                        || formal_count(t, &tk, i)
                        || tk[i - 1].is_sym(':')
                        || tk[i - 1].is_sym(',')
                        || tk[i - 1].is_sym('('))
            })
        };
        let item_valued: Vec<bool> = items.iter().map(|&(a, z)| valued(&text[a..z])).collect();
        let numbered: Vec<(usize, usize)> =
            items.iter().zip(&item_valued).filter(|(_, &v)| v).map(|(&i, _)| i).collect();
        // Without a cell that opens with a timing, the timings after the row's last figure stand for its
        // progress ("Thường xuyên; rà soát quý IV hằng năm; đến năm 2030 đạt toàn bộ các chỉ tiêu").
        let last_value = (0..toks.len())
            .rev()
            .find(|&k| toks[k].num().is_some() && not_a_value(&toks, k).is_none())
            .map_or(text.len(), |k| toks[k].end);
        let trailing: Vec<(When, String)> = timings
            .iter()
            .filter(|(w, _, at)| is_progress(w) && toks[*at].start >= last_value && !numbered.is_empty())
            .map(|(w, words, _)| (w.clone(), words.clone()))
            .collect();
        let column = if progress.is_empty() { &trailing } else { &progress };
        let preferred = column
            .iter()
            .find(|(w, _)| matches!(w, When::Deadline(_)))
            .or_else(|| column.iter().find(|(w, _)| matches!(w, When::Yearly(_))))
            .or_else(|| column.first())
            .cloned()
            .or_else(|| {
                standing.then(|| (When::Yearly(self.years.base + 1), "'thường xuyên' (a standing task)".into()))
            });
        for (k, &(a, z)) in numbered.iter().enumerate() {
            // The item's words end where the progress column starts.
            let item_toks = tokens(&text[a..z]);
            let first_number = item_toks.iter().position(|t| t.num().is_some()).unwrap_or(item_toks.len());
            // (only after the item's first number: "thường xuyên" before it is the item's own words, and a
            // "thường xuyên" after it opens the progress column as any timing does)
            let cut =
                self.progress_cell(&text[a..z], &item_toks, |i| i > first_number).map_or(z, |i| a + item_toks[i].start);
            let item = text[a..cut].trim_end();
            let paired = if numbered.len() > 1 && progress.len() == numbered.len() {
                progress.get(k).map(|(w, words)| (w.clone(), format!("{words} (its line of the progress column)")))
            } else {
                preferred.clone().map(|(w, words)| (w, format!("{words} (the row's progress)")))
            };
            // The sentences of the item that hold a number (the task's sentences before it are its context).
            for (sa, sz) in sentences(item) {
                let sentence = &item[sa..sz];
                if !tokens(sentence).iter().any(|t| t.num().is_some()) {
                    continue;
                }
                self.read_clause(b, sentence, paired.as_ref(), false);
            }
        }
        // Items without a number that say "none" ("không còn", "không để xảy ra").
        for (&(a, z), _) in items.iter().zip(&item_valued).filter(|(_, &v)| !v) {
            let item_toks = tokens(&text[a..z]);
            if let Some((e, f)) =
                find_all(self.lexicon, |e| e.rule == "none", &item_toks, 0, item_toks.len()).into_iter().next()
            {
                let end = item_toks.get(f.end..).and_then(|rest| {
                    rest.iter()
                        .enumerate()
                        .find(|(i, _)| cell_start(&text[a..z], &item_toks, f.end + i))
                        .map(|(_, t)| a + t.start)
                });
                let quote = text[a..end.unwrap_or(z)].trim_end().trim_end_matches([';', ',']).to_string();
                let mut reasons = vec![format!("'{}' read as none (zero)", e.text)];
                let keep = quote.to_lowercase().contains("duy trì");
                let (w, words) = if keep {
                    (When::Yearly(self.years.base + 1), "'duy trì' (keep)".to_string())
                } else {
                    preferred.clone().unwrap_or((When::Yearly(self.years.base + 1), "no date".into()))
                };
                let timing = self.timing_json(&w, &words, true, false, &mut reasons);
                self.proposals.push(Proposal {
                    section: b.section.clone(),
                    indicator: json!({"name_vi": name_of(&quote), "unit": "(đơn vị)", "measure": "count", "direction": "decrease"}),
                    quote,
                    rule: json!({"kind": "none"}),
                    timing,
                    confidence: Confidence::Check,
                    reasons,
                    universe: None,
                    more: Vec::new(),
                    out_of: None,
                });
            } else if self.strong_words(&item_toks).is_some() {
                // "Thu ngân sách năm sau cao hơn năm trước", "gấp đôi năm 2025": a target without a figure.
                let end = self.progress_cell(&text[a..z], &item_toks, |_| true).map(|i| a + item_toks[i].start);
                let quote = text[a..end.unwrap_or(z)].trim_end();
                let qt = tokens(quote);
                let own = self.timings(&qt, 0, qt.len());
                let inherited = preferred.clone().map(|(w, words)| (w, format!("{words} (the row's progress)")));
                if let Some(p) = self.words_only(b, quote, &qt, &own, inherited.as_ref(), false) {
                    self.proposals.push(p);
                }
            }
        }
        if self.proposals.len() > before {
            return;
        }
        // A milestone: the row's output with its date.
        let pool: Vec<(When, String)> = if progress.is_empty() {
            timings.iter().filter(|(w, _, _)| is_progress(w)).map(|(w, s, _)| (w.clone(), s.clone())).collect()
        } else {
            progress.clone()
        };
        let latest = |pool: &[(When, String)]| {
            pool.iter()
                .filter_map(|(w, words)| match w {
                    When::Deadline(by) => Some((by.clone(), words.clone())),
                    _ => None,
                })
                .max_by(|a, b| a.0.cmp(&b.0))
        };
        // A date in the task's own words ("... đến năm 2030") when the progress cell gives only a period.
        let all_timings: Vec<(When, String)> =
            timings.iter().filter(|(w, _, _)| is_progress(w)).map(|(w, s, _)| (w.clone(), s.clone())).collect();
        let (dated, from_task) = match latest(&pool) {
            Some(d) => (Some(d), false),
            None if pool.iter().all(|(w, _)| matches!(w, When::Term(..))) => (latest(&all_timings), true),
            None => (None, false),
        };
        let yearly = pool.iter().find(|(w, _)| matches!(w, When::Yearly(_)));
        let mut reasons = Vec::new();
        let (timing, measure, unit) = if let Some((by, words)) = dated {
            if from_task {
                reasons.push(format!("{words} in the task's words: done by {by} (the progress cell gives a period)"));
            } else {
                reasons.push(format!("{words} in the row: done by {by}"));
            }
            (json!({"kind": "deadline", "by": by}), "completion", "ngày")
        } else if let Some((_, words)) = yearly {
            reasons.push(format!("{words} in the row: done every year {}-{}", self.years.base + 1, self.years.last));
            (json!({"kind": "yearly", "from": self.years.base + 1, "to": self.years.last}), "status", "có/không")
        } else {
            if standing || toks.iter().any(|t| t.num().is_some()) || !pool.is_empty() {
                self.skipped.push(Skipped {
                    section: b.section.clone(),
                    text: text.into(),
                    reason: if standing {
                        "a standing task ('thường xuyên') with no date or figure".into()
                    } else if pool.iter().any(|(w, _)| matches!(w, When::Term(..))) {
                        "a programme carried out over a period, with neither a count nor a date".into()
                    } else {
                        "no date and no comparison in the row".into()
                    },
                });
            }
            return;
        };
        reasons.push("a row of the table without a figure, read as a milestone: its output done".into());
        // The outputs: list items that are not progress lines ("- Năm 2026 ban hành ..."), and documents listed
        // with ';' ("Quyết định ...; Quyết định ..."); one milestone each, or one for the row.
        let progress_words = ["năm", "hằng", "hàng", "thường", "thực", "quý", "giai", "trong", "tháng", "đến", "duy"];
        let done_words = ["hoàn thành", "ban hành", "hoàn thiện"];
        let dated_line = items.iter().skip(1).copied().find(|&(a, z)| {
            let t = &text[a..z];
            let tk = tokens(t);
            let lower = t.to_lowercase();
            done_words.iter().any(|d| lower.contains(d))
                && self.timings(&tk, 0, tk.len()).iter().any(|(w, _, _)| matches!(w, When::Deadline(_)))
        });
        let mut outputs: Vec<(usize, usize)> = items
            .iter()
            .skip(1)
            .copied()
            .filter(|&(a, z)| {
                let tk = tokens(&text[a..z]);
                tk.first().and_then(Token::word).is_some_and(|w| !progress_words.contains(&w))
                    && self.timings(&tk, 0, tk.len()).is_empty()
            })
            .collect();
        let documents = ["Quyết định", "Kế hoạch", "Chương trình", "Chỉ thị", "Nghị quyết", "Đề án", "Báo cáo"];
        let first = items.first().copied().unwrap_or((0, text.len()));
        let parts: Vec<(usize, usize)> = {
            let head = &text[first.0..first.1];
            let mut starts = vec![];
            for (i, _) in head.match_indices("; ") {
                if documents.iter().any(|d| head[i + 2..].starts_with(d)) {
                    starts.push(i);
                }
            }
            let mut v = Vec::new();
            if !starts.is_empty() {
                // The first document: from its word back in the head.
                let first_doc = documents.iter().filter_map(|d| head[..starts[0]].rfind(d)).max().unwrap_or(0);
                let mut from = first_doc;
                for &st in &starts {
                    v.push((first.0 + from, first.0 + st));
                    from = st + 2;
                }
                let end = head[from..].find("; ").map_or(head.len(), |e| from + e);
                v.push((first.0 + from, first.0 + end));
            }
            v
        };
        if let Some(line) = dated_line.filter(|_| parts.is_empty()) {
            // "- Hoàn thành xây dựng Kế hoạch trong năm 2025": the milestone is that line.
            outputs = vec![line];
        }
        if !parts.is_empty() {
            outputs = parts;
        }
        let cut_at_progress = |a: usize, z: usize| -> usize {
            let tk = tokens(&text[a..z]);
            self.progress_cell(&text[a..z], &tk, |_| true).map_or(z, |i| a + tk[i].start)
        };
        let quotes: Vec<String> = if outputs.is_empty() {
            // The quote: the row up to the end of its progress cell's first words.
            let first_progress = toks.iter().enumerate().find(|(i, _)| {
                cell_start(text, &toks, *i) && timings.iter().any(|(w, _, at)| at == i && is_progress(w))
            });
            let quote_end = first_progress.map_or(text.len(), |(i, _)| toks.get(i + 1).map_or(text.len(), |t| t.end));
            vec![text[..quote_end].trim().to_string()]
        } else {
            outputs
                .iter()
                .map(|&(a, z)| text[a..cut_at_progress(a, z)].trim().trim_end_matches([';', ',', '.']).to_string())
                .filter(|q| !q.is_empty())
                .collect()
        };
        let several = quotes.len() > 1;
        for quote in quotes {
            let mut reasons = reasons.clone();
            if several {
                reasons.push("one of the row's several outputs".into());
            }
            self.proposals.push(Proposal {
                section: b.section.clone(),
                quote: quote.clone(),
                indicator: json!({"name_vi": name_of(&quote), "unit": unit, "measure": measure, "direction": "increase"}),
                rule: json!({"kind": "done"}),
                timing: timing.clone(),
                confidence: Confidence::Check,
                reasons,
                universe: None,
                more: Vec::new(),
                out_of: None,
            });
        }
    }
}

/// The items of a table row: split at dashes that open a list item (" - " after a word, or "- " at the start).
fn row_items(text: &str) -> Vec<(usize, usize)> {
    let mut cuts = vec![0];
    for (i, _) in text.match_indices("- ") {
        let before = text[..i].chars().last();
        // An item opens with a capital or a figure ("- Năm 2026", "- 100%"); "chính trị - xã hội" is a name.
        let opens = text[i + 2..].chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if (i == 0 || before == Some(' ')) && opens {
            let prev = text[..i].trim_end().chars().last();
            if i == 0
                || prev.is_some_and(|c| {
                    c.is_alphabetic() || c == '.' || c == ';' || c == ')' || c == '%' || c.is_ascii_digit()
                })
            {
                cuts.push(i);
            }
        }
    }
    cuts.push(text.len());
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let s = &text[w[0]..w[1]];
            let t = s.trim_start_matches(['-', ' ']).trim_end();
            let a = w[0] + (s.len() - s.trim_start_matches(['-', ' ']).len());
            (a, a + t.len())
        })
        .filter(|(a, z)| z > a)
        .collect()
}

fn negate(mut rule: Value) -> Value {
    let neg = |v: &Value| -> Value {
        match v.as_str().and_then(|s| s.parse::<Decimal>().ok()) {
            Some(d) => json!((-d).to_string()),
            None => v.clone(),
        }
    };
    match rule["kind"].as_str() {
        Some("range") => {
            rule["floor"] = neg(&rule["floor"]);
            rule["aim"] = neg(&rule["aim"]);
        }
        Some("at_least") => {
            let v = neg(&rule["value"]);
            rule = json!({"kind": "at_most", "value": v});
        }
        _ => {}
    }
    rule
}

/// A count written as documents write counts, with a leading zero ("02 di tích", "09 công trình"), followed by
/// a word; names carry bare numbers ("Chi bộ 4 tốt", "Trà Khê 1").
fn formal_count(text: &str, toks: &[Token], q: usize) -> bool {
    let t = &toks[q];
    let raw = &text[t.start..t.end];
    raw.len() >= 2 && raw.starts_with('0') && toks.get(q + 1).and_then(Token::word).is_some()
}

/// Abbreviations programmes use, and their words: restatements are compared on the words.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("bhyt", "bảo hiểm y tế"),
    ("bhxh", "bảo hiểm xã hội"),
    ("tthc", "thủ tục hành chính"),
    ("attp", "an toàn thực phẩm"),
    ("tdp", "tổ dân phố"),
    ("hđnd", "hội đồng nhân dân"),
    ("ubnd", "ủy ban nhân dân"),
    ("mttq", "mặt trận tổ quốc"),
    ("cntt", "công nghệ thông tin"),
    ("cb", "cán bộ"),
];

/// Words too common in programmes to tell two statements apart.
const COMMON_WORDS: &[&str] = &[
    "các",
    "được",
    "của",
    "và",
    "có",
    "trên",
    "địa",
    "bàn",
    "phường",
    "đạt",
    "trở",
    "lên",
    "từ",
    "năm",
    "hằng",
    "hàng",
    "mỗi",
    "phấn",
    "đấu",
    "đảm",
    "bảo",
    "thực",
    "hiện",
    "những",
    "cho",
    "với",
    "trong",
    "đó",
    "là",
    "tỷ",
    "lệ",
    "ít",
    "nhất",
    "100",
    "người",
    "dân",
    "tổ",
    "chức",
    "theo",
    "quy",
    "định",
];

/// The telling words of a text: without numbers, signs and [`COMMON_WORDS`].
fn word_set(text: &str) -> std::collections::HashSet<String> {
    tokens(text)
        .into_iter()
        .filter_map(|t| t.word().map(str::to_string))
        .flat_map(|w| match ABBREVIATIONS.iter().find(|(a, _)| *a == w) {
            Some((_, words)) => words.split(' ').map(str::to_string).collect(),
            None => vec![w],
        })
        .filter(|w| !COMMON_WORDS.contains(&w.as_str()))
        .collect()
}

/// Restatements become one target with several sources: the same rule, timing and unit, and words mostly
/// shared (at least 60% of the shorter statement's words, and three words). A milestone ("done") is never
/// merged: the table's outputs share their wording ("Kế hoạch và tổ chức thực hiện") without being the same.
const MERGE_WINDOW: usize = 400;

fn merge_restatements(proposals: Vec<Proposal>) -> Vec<Proposal> {
    let first_word =
        |p: &Proposal| p.indicator["unit"].as_str().and_then(|u| u.split_whitespace().next()).map(str::to_string);
    /// What the comparison of two statements reads, computed once for each.
    struct Key {
        words: std::collections::HashSet<String>,
        timing: String,
        timing_kind: String,
        unit: Option<String>,
        table: bool,
    }
    let key_of = |p: &Proposal| Key {
        words: word_set(&p.quote),
        timing: p.timing.to_string(),
        timing_kind: p.timing["kind"].to_string(),
        unit: first_word(p),
        table: p.section.starts_with("PL"),
    };
    let mut kept: Vec<Proposal> = Vec::new();
    let mut kept_words: Vec<Key> = Vec::new();
    // Only proposals with the same rule can be restatements of each other: compared within those groups.
    let mut groups: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for p in proposals {
        let pk = key_of(&p);
        let pw = &pk.words;
        let key = p.rule.to_string();
        let group = groups.entry(key).or_default();
        // A restatement says the same words again (found at once), or words mostly shared, looked for among the
        // latest MERGE_WINDOW statements of the same rule: a programme has a few hundred targets, and a text
        // repeating one sentence thousands of times is read in linear time.
        let exact =
            group.iter().rev().take(MERGE_WINDOW).copied().find(|&k| {
                kept_words[k].timing == pk.timing && kept[k].quote == p.quote && kept[k].section != p.section
            });
        let same = exact.or_else(|| {
            group.iter().rev().take(MERGE_WINDOW).copied().find(|&k| {
                let (e, ek) = (&kept[k], &kept_words[k]);
                let done = p.rule["kind"] == json!("done");
                // A table restating the body may date it differently ("Giai đoạn 2026-2030" for a level by 2030):
                // merged, the difference shown in the reasons. Two rows of a table are two tasks, even when their
                // outputs read alike; and so are two milestones of the body.
                let across = ek.table != pk.table;
                if (ek.table && pk.table)
                    || (done && !across)
                    || (ek.timing_kind != pk.timing_kind && !across)
                    || (ek.unit != pk.unit && !(across && done))
                    || e.quote == p.quote
                {
                    return false;
                }
                let ew = &ek.words;
                let shared = ew.intersection(pw).count();
                let smaller = ew.len().min(pw.len());
                // A count of the same things with the same rule and years is the same target when two telling words
                // agree ("03 mô hình"); a share needs most of its words.
                let counted = !matches!(p.indicator["unit"].as_str(), Some("%" | "(đơn vị)" | "ngày" | "có/không"));
                if ek.timing != pk.timing {
                    // Dated differently: only when the words are nearly the same.
                    shared >= 3 && shared * 10 >= smaller * 8
                } else if counted
                    && matches!(p.rule["kind"].as_str(), Some("at_least" | "range" | "more_than" | "about"))
                {
                    shared >= 2
                } else {
                    shared >= 3 && shared * 10 >= smaller * 6
                }
            })
        });
        match same.map(|k| &mut kept[k]) {
            Some(e) => {
                if e.timing == p.timing {
                    e.reasons
                        .push(format!("also stated in {}: merged as one target (split it if they differ)", p.section));
                } else {
                    // The document dates it differently there: shown, not reconciled.
                    e.reasons.push(format!(
                        "also stated in {} with other years ({}): merged, keeping the first statement's years; check",
                        p.section, p.timing
                    ));
                    e.confidence = e.confidence.max(Confidence::Check);
                }
                e.confidence = e.confidence.min(p.confidence).max(if e.timing == p.timing {
                    Confidence::High
                } else {
                    Confidence::Check
                });
                e.more.push((p.section, p.quote));
            }
            None => {
                group.push(kept.len());
                kept.push(p);
                kept_words.push(pk);
            }
        }
    }
    kept
}

/// The unit words after a number: up to two words, stopping at a sign (`người/km2` is kept whole).
fn unit_words(clause: &str, toks: &[Token], at: usize) -> String {
    let mut end = None;
    let start = toks.get(at).map(|t| t.start);
    let mut words = 0;
    let mut k = at;
    while let Some(t) = toks.get(k) {
        match t.word() {
            Some(_) if words < 2 => {
                words += 1;
                end = Some(t.end);
            }
            None if t.is_sym('/') && words > 0 && toks.get(k + 1).and_then(Token::word).is_some() => {
                end = Some(toks[k + 1].end);
                k += 1;
            }
            _ => break,
        }
        k += 1;
    }
    match (start, end) {
        (Some(s), Some(e)) => clause[s..e].replace("m2", "m²"),
        _ => String::new(),
    }
}

/// An indicator's name: the clause's words, without an opening "Phấn đấu", "Hằng năm," and the like, cut at
/// 160 characters.
fn name_of(clause: &str) -> String {
    let mut s = clause.trim();
    for opener in ["Phấn đấu", "Hằng năm,", "Hàng năm,", "Đảm bảo", "Bảo đảm", "- "] {
        if let Some(rest) = s.strip_prefix(opener) {
            s = rest.trim_start();
        }
    }
    let s = s.trim_end_matches(['.', ';', ',', ' ']);
    let mut out: String = s.chars().take(160).collect();
    if s.chars().count() > 160 {
        out.push('…');
    }
    let mut c = out.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => "(no name)".into(),
    }
}

// ---------------------------------------------------------------------------------------------------------
// The catalogue.

/// Fills a drafted indicator's English unit from the core's table ([`crate::units`]). Where the table has no
/// word, or only a generic one ("cuộc": missions? dialogues?), it writes the Vietnamese word or the generic one
/// (so the draft loads) and returns the review reason that says it must be translated.
fn english_unit(ind: &mut Value) -> Option<String> {
    let unit = ind["unit"].as_str().unwrap_or("").to_string();
    if unit == "(đơn vị)" {
        // the drafter's placeholder for a unit the text does not state: the review already asks to set it
        ind["unit_en"] = json!("(unit)");
        ind["unit_en_one"] = json!("(unit)");
        return None;
    }
    match crate::units::english(&unit) {
        Some(e) if !e.generic => {
            // a unit the table knows for sure needs nothing in the catalogue
            None
        }
        found => {
            let (one, other) = match &found {
                Some(e) => (e.one.to_string(), e.other.to_string()),
                None => (unit.clone(), unit.clone()),
            };
            ind["unit_en"] = json!(other);
            ind["unit_en_one"] = json!(one);
            Some(match found {
                Some(_) => format!(
                    "the unit \"{unit}\" means different things in English: unit_en \"{other}\" is a generic word, \
                     say what is counted (\"missions\", \"dialogues\") in unit_en and unit_en_one"
                ),
                None => format!(
                    "the unit \"{unit}\" has no English word in the library's table: unit_en holds the Vietnamese \
                     word; translate it (unit_en, plural; unit_en_one, singular)"
                ),
            })
        }
    }
}

/// The years a timing names.
fn timing_years(timing: &Value) -> Vec<i64> {
    let mut years: Vec<i64> = ["from", "to", "base"].iter().filter_map(|k| timing[*k].as_i64()).collect();
    if let Some(by) = timing["by"].as_str() {
        years.extend(by.get(..4).and_then(|y| y.parse::<i64>().ok()));
    }
    years
}

fn assemble(
    programme: Value,
    sections: Vec<Value>,
    proposals: Vec<Proposal>,
    notes: Vec<String>,
    skipped: &mut Vec<Skipped>,
) -> Result<(Catalogue, Vec<Review>)> {
    // A year outside the programme's term ("Năm 2024 toàn xã đã có 70% ...") is a past or later figure, not a
    // target of this programme: listed, not drafted.
    let (first, last) = (programme["first_year"].as_i64().unwrap_or(0), programme["last_year"].as_i64().unwrap_or(0));
    let (proposals, outside): (Vec<Proposal>, Vec<Proposal>) = proposals.into_iter().partition(|p| {
        timing_years(&p.timing).iter().all(|y| (first..=last).contains(y) || p.timing["base"].as_i64() == Some(*y))
    });
    for p in outside {
        skipped.push(Skipped {
            section: p.section,
            text: p.quote,
            reason: format!(
                "its years ({}) fall outside the programme's term {first}-{last}: a figure of another term",
                timing_years(&p.timing).iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
            ),
        });
    }
    let mut programme = programme;
    programme["notes"] = json!(notes);
    let mut indicators = Vec::new();
    let mut targets = Vec::new();
    let mut review = Vec::new();
    let mut sections = sections;
    let proposals = merge_restatements(proposals);
    for (n, p) in proposals.into_iter().enumerate() {
        let id = format!("t{:03}", n + 1);
        let mut ind = p.indicator;
        ind["id"] = json!(id);
        ind["name_en"] = ind["name_vi"].clone();
        let mut reasons = p.reasons;
        reasons.extend(english_unit(&mut ind));
        let mut timing = p.timing;
        // A span the text gives backwards or before the base year ("từ năm 2024") is kept as one year, its end.
        if let (Some(from), Some(to)) = (timing["from"].as_i64(), timing["to"].as_i64()) {
            if from > to {
                timing["from"] = json!(to);
            }
        }
        if let Some(mut u) = p.universe {
            let uid = format!("{id}_universe");
            u["id"] = json!(uid);
            u["name_en"] = u["name_vi"].clone();
            reasons.extend(english_unit(&mut u));
            indicators.push(u);
            timing["universe_indicator"] = json!(uid);
        }
        indicators.push(ind);
        if !sections.iter().any(|s| s["id"] == json!(p.section)) {
            sections.push(json!({"id": p.section, "title_vi": p.section, "title_en": p.section}));
        }
        targets.push(json!({
            "id": id,
            "indicator": id,
            "rule": p.rule,
            "timing": timing,
            "summary_en": "",
            "sources": std::iter::once((p.section.clone(), p.quote.clone())).chain(p.more.iter().cloned())
                .map(|(section, quote)| json!({"section": section, "quote": quote})).collect::<Vec<_>>(),
            "notes": format!("Drafted ({}): {}", p.confidence.name(), reasons.join("; ")),
        }));
        if let Some(total) = p.out_of {
            targets.last_mut().expect("just pushed")["out_of"] = json!(total.to_string());
        }
        review.push(Review { target: id, section: p.section, confidence: p.confidence, reasons, quote: p.quote });
    }
    let doc = json!({
        "format": 1,
        "programme": programme,
        "sections": sections,
        "indicators": indicators,
        "targets": targets,
    });
    let mut catalogue = Catalogue::from_json(&doc.to_string())?;
    // The summary as an evaluation words it, with the default tolerance of "about" (5% of X).
    let options = crate::Options::new(crate::Date::end_of_year(last as i32));
    let by_id: std::collections::HashMap<&str, &crate::Indicator> =
        catalogue.indicators.iter().map(|i| (i.id.as_str(), i)).collect();
    let summaries: Vec<String> = catalogue
        .targets
        .iter()
        .map(|t| match by_id.get(t.indicator.as_str()) {
            Some(ind) => crate::text::reference(t, ind, crate::evaluate::about_tolerance(&t.rule, &options)).1,
            None => String::new(),
        })
        .collect();
    for (t, s) in catalogue.targets.iter_mut().zip(summaries) {
        t.summary_en = s;
    }
    Ok((catalogue, review))
}
