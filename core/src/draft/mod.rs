//! The drafter: a programme's text (as extracted from a PDF or copied from Word) to a **draft catalogue** in the
//! loader's own format, with a **review list** that shows, for every proposed target, the words it came from,
//! how sure the reader is and why, and for every sentence or table row that holds a number but became no
//! target, why not.
//!
//! It is deterministic and rule-based: the words it knows are the `reads` of the one table of wordings
//! ([`crate::wordings::WORDINGS`]), the table the authoring guide shows. Nothing is invented: every name and
//! quote is the document's words (NFC, whitespace collapsed: every quote is a substring of
//! [`Draft::text`]); the English fields hold the Vietnamese words until someone translates them, and the
//! review says so.
//!
//! ```
//! let text = "B. CHƯƠNG TRÌNH\nI. KINH TẾ\n1. Phát triển kinh tế\na) Mục tiêu:\n\
//!             - Hằng năm, có trên 85% hồ sơ được nộp trực tuyến.\n";
//! let draft = chitieu::draft::draft(text)?;
//! let t = &draft.catalogue.targets[0];
//! assert_eq!(t.rule, chitieu::Rule::MoreThan { value: 85.into() });
//! assert_eq!(t.timing, chitieu::Timing::Yearly { from: 2026, to: 2030 });
//! assert_eq!(t.sources[0].section, "B.I.1.a");
//! assert!(draft.review[0].reasons.iter().any(|r| r.contains("strictly more than")));
//! # Ok::<(), chitieu::Error>(())
//! ```

mod lexicon;
mod measure;
mod read;
pub(crate) mod text;

use crate::{Catalogue, Error, Result};
use serde::Serialize;

pub use measure::{measure, Measured};
pub use read::draft_with;

/// How sure the drafter is of a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Every part was read from explicit words: a comparison, a number, a timing.
    High,
    /// A choice was made (a reading, a default timing, an inherited year): read the reasons.
    Check,
    /// Probably not a target of the programme (a task's detail, a count without a comparison): kept so that
    /// nothing is hidden.
    Low,
}

impl Confidence {
    /// `high`, `check` or `low`.
    pub fn name(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Check => "check",
            Confidence::Low => "low",
        }
    }
}

/// One proposed target and how it was read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    /// The target's id in the draft catalogue.
    pub target: String,
    /// Its section reference (`B.II.1.a`, `PL2 I.7.2`).
    pub section: String,
    /// How sure the drafter is.
    pub confidence: Confidence,
    /// Why: each reading chosen, each default taken.
    pub reasons: Vec<String>,
    /// The words it came from.
    pub quote: String,
}

/// A sentence or table row that holds a number but became no target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    /// Its section reference, or "" before the first section.
    pub section: String,
    /// Its words.
    pub text: String,
    /// Why it became no target ("a date of issue", "a document number"...).
    pub reason: String,
}

/// The drafter's result.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The draft catalogue, loadable as it is (it went through [`Catalogue::from_json`]).
    pub catalogue: Catalogue,
    /// One entry a target, in the catalogue's order.
    pub review: Vec<Review>,
    /// Every sentence or row with a number that became no target.
    pub skipped: Vec<Skipped>,
    /// The text as read: NFC, whitespace collapsed. Every quote is a substring of it.
    pub text: String,
}

/// The largest text the drafter reads: 16 MiB (a programme is some 100 KB).
pub const MAX_TEXT_BYTES: usize = 16 << 20;

/// The most targets one text may give: 5,000 (09-CTr/ĐU gives 132). More is not a programme but a text
/// repeated or generated, and gets a typed error (`limit_exceeded`) rather than a catalogue nobody can review.
pub const MAX_DRAFTED_TARGETS: usize = 5_000;

/// Drafts a catalogue from a programme's text, with the defaults of [`read::Settings`] (years from the text).
pub fn draft(text: &str) -> Result<Draft> {
    draft_with(text, &read::Settings::default())
}

pub use read::Settings;

impl Draft {
    /// The draft catalogue as JSON, in the loader's format (pretty-printed).
    pub fn catalogue_json(&self) -> String {
        self.catalogue.to_json()
    }

    /// "N targets drafted: H high, C check, L low".
    fn counts(&self) -> String {
        let count = |c: Confidence| self.review.iter().filter(|r| r.confidence == c).count();
        format!(
            "{} targets drafted: {} high, {} check, {} low",
            self.review.len(),
            count(Confidence::High),
            count(Confidence::Check),
            count(Confidence::Low)
        )
    }

    /// The review list as a plain table: one line a target (id, confidence, section, reasons, quote), then the
    /// skipped sentences.
    pub fn review_text(&self) -> String {
        let mut o = format!("{}; {} passages with numbers skipped\n\n", self.counts(), self.skipped.len());
        for r in &self.review {
            o.push_str(&format!("{:<6} {:<5} {:<12} {}\n", r.target, r.confidence.name(), r.section, r.quote));
            for reason in &r.reasons {
                o.push_str(&format!("{:25}- {reason}\n", ""));
            }
        }
        if !self.skipped.is_empty() {
            o.push_str("\nskipped (a number, no target):\n");
            for s in &self.skipped {
                o.push_str(&format!("{:<12} {}: {}\n", s.section, s.reason, s.text));
            }
        }
        o
    }

    /// The draft and its review as one Markdown document: the counts, the review table, the skipped passages
    /// and the catalogue's JSON.
    pub fn to_markdown(&self) -> String {
        let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
        let mut o = format!("# Draft catalogue: {}\n\n", cell(&self.catalogue.programme.title_vi));
        o.push_str(&format!("{}; {} passages with numbers became no target.\n\n", self.counts(), self.skipped.len()));
        o.push_str("## Review\n\n| target | confidence | section | rule and timing | reasons | quote |\n");
        o.push_str("|---|---|---|---|---|---|\n");
        for (r, t) in self.review.iter().zip(&self.catalogue.targets) {
            o.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                r.target,
                r.confidence.name(),
                r.section,
                cell(&t.summary_en),
                cell(&r.reasons.join("; ")),
                cell(&r.quote)
            ));
        }
        o.push_str("\n## Skipped\n\n| section | why | words |\n|---|---|---|\n");
        for s in &self.skipped {
            o.push_str(&format!("| {} | {} | {} |\n", s.section, cell(&s.reason), cell(&s.text)));
        }
        o.push_str("\n## Catalogue\n\n```json\n");
        o.push_str(&self.catalogue_json());
        o.push_str("\n```\n");
        o
    }
}

fn too_large(len: usize) -> Error {
    Error::LimitExceeded {
        what: "programme text".into(),
        limit: format!("{MAX_TEXT_BYTES} bytes"),
        at: format!("{len} bytes"),
        row: None,
        field: None,
    }
}
