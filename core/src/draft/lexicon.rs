//! The words the drafter knows, read from the one table of wordings ([`crate::wordings::WORDINGS`]): each row's
//! `reads` become patterns over tokens, tagged with the row's rule and timing kinds.

use super::text::{tokens, Tok, Token};
use crate::wordings::{Wording, WORDINGS};
use rust_decimal::Decimal;

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum P {
    /// A word, lower-cased.
    Word(String),
    /// A sign.
    Sym(char),
    /// A number (X, Y, N), with the `%` or `‰` after it.
    Slot,
    /// A year, 1900-2100.
    Year,
    /// A quarter: I-IV or 1-4.
    Quarter,
    /// Any few tokens (0 to 6).
    Any,
    /// The number 100 followed by `%`.
    Hundred,
}

/// A pattern and the row it comes from.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub pattern: Vec<P>,
    /// The rule kind of the row (`at_least`...), or "" when the row sets no rule.
    pub rule: &'static str,
    /// The timing kind of the row, or "".
    pub timing: &'static str,
    /// The row's rule says `aim_inclusive`.
    pub aim_inclusive: bool,
    /// The row, for the reasons given to the reader.
    pub wording: &'static Wording,
    /// The pattern's text, as the table writes it.
    pub text: &'static str,
}

impl Entry {
    /// How many words and signs the pattern pins down: longer patterns win.
    pub(crate) fn weight(&self) -> usize {
        self.pattern.iter().filter(|p| matches!(p, P::Word(_) | P::Sym(_) | P::Hundred)).count()
    }
    pub(crate) fn has_slot(&self) -> bool {
        self.pattern.contains(&P::Slot)
    }
}

/// What a match found.
#[derive(Debug, Clone, Default)]
pub(crate) struct Found {
    /// One past the last token matched.
    pub end: usize,
    /// The first token matched.
    pub start: usize,
    /// The numbers in the slots, in order, with their token index.
    pub slots: Vec<(usize, Decimal)>,
    /// The years matched.
    pub years: Vec<i32>,
    /// The quarter matched.
    pub quarter: Option<u8>,
}

fn first_kind(json: &str) -> &'static str {
    const KINDS: [&[&str]; 2] = [crate::wordings::RULE_KINDS, crate::wordings::TIMING_KINDS];
    json.split("\"kind\": \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|k| KINDS.iter().flat_map(|l| l.iter()).find(|&&x| x == k).copied())
        .unwrap_or("")
}

pub(crate) fn parse(pattern: &str) -> Vec<P> {
    let mut out = Vec::new();
    for piece in pattern.split_whitespace() {
        match piece {
            "X" | "Y" | "N" => out.push(P::Slot),
            "YYYY" => out.push(P::Year),
            "Q" => out.push(P::Quarter),
            "..." => out.push(P::Any),
            "100%" => out.push(P::Hundred),
            other => {
                for t in tokens(other) {
                    out.push(match t.tok {
                        Tok::Word(w) => P::Word(w),
                        Tok::Sym(c) => P::Sym(c),
                        Tok::Num(d) => P::Word(d.to_string()),
                    })
                }
            }
        }
    }
    out
}

/// The patterns of the table, indexed by the word they start with (most start with one), so that a place in
/// the text is tried only against the patterns that can match there.
pub(crate) struct Lexicon {
    pub entries: Vec<Entry>,
    by_word: std::collections::HashMap<String, Vec<usize>>,
    /// Patterns that start with something else (a number, a sign, a year).
    others: Vec<usize>,
}

impl Lexicon {
    pub(crate) fn new() -> Lexicon {
        let entries = entries();
        let mut by_word: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
        let mut others = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            match e.pattern.first() {
                Some(P::Word(w)) => by_word.entry(w.clone()).or_default().push(i),
                _ => others.push(i),
            }
        }
        Lexicon { entries, by_word, others }
    }

    /// The patterns that may match at `t`.
    fn candidates<'a>(&'a self, t: &Token) -> impl Iterator<Item = &'a Entry> + 'a {
        let words = t.word().and_then(|w| self.by_word.get(w)).map(Vec::as_slice).unwrap_or(&[]);
        words.iter().chain(&self.others).map(move |&i| &self.entries[i])
    }
}

/// Every pattern of the table.
pub(crate) fn entries() -> Vec<Entry> {
    let mut out = Vec::new();
    for w in WORDINGS {
        for text in w.reads {
            out.push(Entry {
                pattern: parse(text),
                rule: first_kind(w.rule),
                timing: first_kind(w.timing),
                aim_inclusive: w.rule.contains("aim_inclusive"),
                wording: w,
                text,
            });
        }
    }
    out
}

fn year(t: &Token) -> Option<i32> {
    let d = t.num()?;
    if d.fract().is_zero() && d >= Decimal::from(1900) && d <= Decimal::from(2100) && t.raw_len == 4 {
        i32::try_from(d.mantissa() / 10i128.pow(d.scale())).ok()
    } else {
        None
    }
}

fn quarter(t: &Token) -> Option<u8> {
    match &t.tok {
        Tok::Word(w) => match w.as_str() {
            "i" => Some(1),
            "ii" => Some(2),
            "iii" => Some(3),
            "iv" => Some(4),
            _ => None,
        },
        Tok::Num(d) => (1..=4u8).find(|&q| *d == Decimal::from(q)),
        _ => None,
    }
}

/// Matches `pattern` at token `i`.
pub(crate) fn match_at(pattern: &[P], toks: &[Token], i: usize) -> Option<Found> {
    let mut found = Found { start: i, ..Found::default() };
    if go(pattern, toks, i, &mut found) {
        Some(found)
    } else {
        None
    }
}

fn go(pattern: &[P], toks: &[Token], i: usize, found: &mut Found) -> bool {
    let Some((p, rest)) = pattern.split_first() else {
        found.end = i;
        return true;
    };
    match p {
        P::Any => {
            for skip in 0..=6 {
                if i + skip > toks.len() {
                    break;
                }
                let mut f = found.clone();
                if go(rest, toks, i + skip, &mut f) {
                    *found = f;
                    return true;
                }
            }
            false
        }
        _ => {
            let Some(t) = toks.get(i) else { return false };
            let mut next = i + 1;
            let ok = match p {
                P::Word(w) => t.word() == Some(w.as_str()),
                P::Sym(c) => t.is_sym(*c),
                P::Slot => match t.num() {
                    Some(d) => {
                        found.slots.push((i, d));
                        if toks.get(i + 1).is_some_and(|n| n.is_sym('%') || n.is_sym('‰')) {
                            next += 1;
                        }
                        true
                    }
                    None => false,
                },
                P::Year => match year(t) {
                    Some(y) => {
                        found.years.push(y);
                        true
                    }
                    None => false,
                },
                P::Quarter => match quarter(t) {
                    Some(q) => {
                        found.quarter = Some(q);
                        true
                    }
                    None => false,
                },
                P::Hundred => {
                    if t.num() == Some(Decimal::ONE_HUNDRED) && toks.get(i + 1).is_some_and(|n| n.is_sym('%')) {
                        found.slots.push((i, Decimal::ONE_HUNDRED));
                        next += 1;
                        true
                    } else {
                        false
                    }
                }
                P::Any => unreachable!("handled above"),
            };
            ok && go(rest, toks, next, found)
        }
    }
}

/// Every match of the entries chosen by `pick` in `toks[from..to]`, leftmost first, the heaviest at a place.
pub(crate) fn find_all<'e>(
    lexicon: &'e Lexicon,
    pick: impl Fn(&Entry) -> bool,
    toks: &[Token],
    from: usize,
    to: usize,
) -> Vec<(&'e Entry, Found)> {
    let mut out: Vec<(&Entry, Found)> = Vec::new();
    let window = &toks[..to.min(toks.len())];
    for i in from..window.len() {
        let best = lexicon
            .candidates(&window[i])
            .filter(|e| pick(e))
            .filter_map(|e| match_at(&e.pattern, window, i).map(|f| (e, f)))
            .max_by_key(|(e, f)| (e.weight(), f.end));
        if let Some(b) = best {
            out.push(b);
        }
    }
    out
}

/// The year a token holds, if it reads as one.
pub(crate) fn year_of(t: &Token) -> Option<i32> {
    year(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_reads_as_patterns_with_a_kind() {
        let all = entries();
        assert!(all.len() > 50);
        for e in &all {
            assert!(!e.pattern.is_empty(), "{:?}", e.text);
            assert!(
                !(e.rule.is_empty() && e.timing.is_empty()) || e.text.contains('‰') || e.text.contains("vạn"),
                "{:?}",
                e.text
            );
        }
    }

    #[test]
    fn patterns_match_tokens() {
        let toks = tokens("có ít nhất từ 90% chi bộ đến năm 2030");
        let p = parse("ít nhất từ X");
        let f = match_at(&p, &toks, 1).unwrap();
        assert_eq!(f.slots, vec![(4, Decimal::from(90))]);
        assert_eq!(f.end, 6);
        let f = match_at(&parse("đến năm YYYY"), &toks, 8).unwrap();
        assert_eq!(f.years, vec![2030]);
        assert!(match_at(&parse("quý Q / YYYY"), &tokens("Quý IV/2025"), 0).is_some_and(|f| f.quarter == Some(4)));
        assert!(match_at(&parse("tỷ lệ ... giảm bình quân"), &tokens("tỷ lệ hộ nghèo giảm bình quân"), 0).is_some());
        assert!(match_at(&parse("100%"), &tokens("100 %"), 0).is_some());
        assert!(match_at(&parse("100%"), &tokens("1000 %"), 0).is_none());
    }
}
