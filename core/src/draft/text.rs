//! The drafter's view of text: Unicode normalisation, lines, and tokens with their place in the text.

use rust_decimal::Decimal;
use unicode_normalization::UnicodeNormalization;

/// The text as the drafter reads it: NFC, every control character and unusual space made a plain space, each
/// line's whitespace collapsed; empty lines dropped. Joining the lines with one space gives the whole text with
/// its whitespace collapsed, of which every quote is a substring.
pub(crate) fn lines(text: &str) -> Vec<String> {
    let nfc: String = text
        .nfc()
        .map(|c| match c {
            '\n' => '\n',
            '\u{00AD}' | '\u{200B}' | '\u{FEFF}' => '\u{0}',
            c if c.is_control() || c.is_whitespace() => ' ',
            c => c,
        })
        .filter(|&c| c != '\u{0}')
        .collect();
    nfc.split('\n').map(crate::normalize_whitespace).filter(|l| !l.is_empty()).collect()
}

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    /// A word, lower-cased (letters and digits after a letter: `m2`, `km2`).
    Word(String),
    /// A number in Vietnamese notation, with its text.
    Num(Decimal),
    /// A sign: `%`, `‰`, `/`, `-`, `(`, `)`, `,`, `;`, `.`, `:`, a quotation mark.
    Sym(char),
}

/// A token and where it is in the text it was read from (byte offsets).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub tok: Tok,
    pub start: usize,
    pub end: usize,
    /// For a number: its text ("02", "2.500", "11,23").
    pub raw_len: usize,
}

impl Token {
    pub(crate) fn word(&self) -> Option<&str> {
        match &self.tok {
            Tok::Word(w) => Some(w),
            _ => None,
        }
    }
    pub(crate) fn num(&self) -> Option<Decimal> {
        match self.tok {
            Tok::Num(d) => Some(d),
            _ => None,
        }
    }
    pub(crate) fn is_sym(&self, c: char) -> bool {
        self.tok == Tok::Sym(c)
    }
}

/// Reads a number in Vietnamese notation: `.` groups thousands (`2.500`, `1.207`), `,` marks decimals (`11,23`).
/// A `.` followed by other than exactly three digits is a decimal point (`1.5`), as in text typed in English.
/// `None` for more than 28 significant digits.
pub(crate) fn vi_number(raw: &str) -> Option<Decimal> {
    let (int, frac) = match raw.rfind(',') {
        Some(i) => (&raw[..i], Some(&raw[i + 1..])),
        None => (raw, None),
    };
    let groups: Vec<&str> = int.split('.').collect();
    let thousands = groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3);
    let text = if frac.is_some() || thousands || groups.len() == 1 {
        let digits: String = int.chars().filter(|c| c.is_ascii_digit()).collect();
        match frac {
            Some(f) if !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()) => format!("{digits}.{f}"),
            Some(_) => return None,
            None => digits,
        }
    } else if groups.len() == 2 {
        format!("{}.{}", groups[0], groups[1])
    } else {
        return None;
    };
    if text.chars().filter(|c| c.is_ascii_digit()).count() > 28 {
        return None;
    }
    text.parse::<Decimal>().ok().map(|d| d.normalize())
}

/// The tokens of a text. Letters run into words; digits with `.` or `,` between them into one number; a run
/// of digits after a letter stays in the word (`m2`). Other characters are signs; spaces separate.
pub(crate) fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |&(i, _)| i);
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if c.is_alphabetic() {
            let mut j = k;
            while j < chars.len() && chars[j].1.is_alphanumeric() {
                j += 1;
            }
            let end = end_of(j);
            out.push(Token { tok: Tok::Word(text[i..end].to_lowercase()), start: i, end, raw_len: 0 });
            k = j;
        } else if c.is_ascii_digit() {
            let mut j = k;
            while j < chars.len() {
                let d = chars[j].1;
                let joins = (d == '.' || d == ',') && chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit()) && j > k;
                if d.is_ascii_digit() || joins {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = end_of(j);
            let raw = &text[i..end];
            match vi_number(raw) {
                Some(d) => out.push(Token { tok: Tok::Num(d), start: i, end, raw_len: raw.len() }),
                None => out.push(Token { tok: Tok::Word(raw.to_string()), start: i, end, raw_len: raw.len() }),
            }
            k = j;
        } else if c.is_whitespace() {
            k += 1;
        } else {
            let sign = match c {
                '–' | '—' | '‐' | '−' => '-',
                '“' | '”' | '"' | '«' | '»' => '"',
                c => c,
            };
            out.push(Token { tok: Tok::Sym(sign), start: i, end: end_of(k + 1), raw_len: 0 });
            k += 1;
        }
    }
    out
}

/// Letters without their marks, lower-cased, for ids: "Hưng Đạo" -> "hung dao".
pub(crate) fn ascii_fold(text: &str) -> String {
    text.nfd()
        .filter_map(|c| match c {
            'đ' | 'Đ' => Some('d'),
            c if c.is_ascii() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn vietnamese_numbers() {
        assert_eq!(vi_number("2.500"), Some(d("2500")));
        assert_eq!(vi_number("1.207"), Some(d("1207")));
        assert_eq!(vi_number("11,23"), Some(d("11.23")));
        assert_eq!(vi_number("16,61"), Some(d("16.61")));
        assert_eq!(vi_number("1.234.567,5"), Some(d("1234567.5")));
        assert_eq!(vi_number("02"), Some(d("2")));
        assert_eq!(vi_number("1.5"), Some(d("1.5")));
        assert_eq!(vi_number("1.2.3"), None);
        assert_eq!(vi_number(&"9".repeat(40)), None);
    }

    #[test]
    fn tokens_keep_their_place() {
        let t = "đạt 11,23m2/người; 90% (ít nhất)";
        let toks = tokens(t);
        let kinds: Vec<Tok> = toks.iter().map(|t| t.tok.clone()).collect();
        assert_eq!(
            kinds,
            vec![
                Tok::Word("đạt".into()),
                Tok::Num(d("11.23")),
                Tok::Word("m2".into()),
                Tok::Sym('/'),
                Tok::Word("người".into()),
                Tok::Sym(';'),
                Tok::Num(d("90")),
                Tok::Sym('%'),
                Tok::Sym('('),
                Tok::Word("ít".into()),
                Tok::Word("nhất".into()),
                Tok::Sym(')'),
            ]
        );
        for tok in &toks {
            assert!(t.is_char_boundary(tok.start) && t.is_char_boundary(tok.end));
        }
        assert_eq!(&t[toks[1].start..toks[1].end], "11,23");
    }

    #[test]
    fn nfd_input_reads_as_nfc() {
        let nfd: String = "Hằng năm".nfd().collect();
        assert_ne!(nfd, "Hằng năm");
        assert_eq!(lines(&format!("  {nfd} \u{a0}\n\n x ")), vec!["Hằng năm".to_string(), "x".to_string()]);
        assert_eq!(ascii_fold("Hưng Đạo 09-CTr/ĐU"), "hung dao 09-ctr/du");
    }
}
