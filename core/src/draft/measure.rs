//! How good a draft is, against a catalogue written by hand (the answer): recall and precision, with the misses
//! and the extras listed.

use super::{Confidence, Draft};
use crate::{Catalogue, Target};
use serde::Serialize;
use serde_json::Value;

/// A draft measured against an answer.
#[derive(Debug, Clone, Serialize)]
pub struct Measured {
    /// Targets of the answer.
    pub answer_targets: usize,
    /// Targets drafted.
    pub drafted_targets: usize,
    /// Answer targets proposed: same rule kind and values, same timing kind and years, overlapping quotes (each
    /// drafted target stands for one answer target at most).
    pub matched: usize,
    /// Drafted targets that match no answer target but are marked low confidence.
    pub low_extras: usize,
    /// matched / answer targets.
    pub recall: f64,
    /// (matched + low extras) / drafted targets.
    pub precision: f64,
    /// The answer's targets not proposed: id, section, and the closest drafted target's rule and timing when one
    /// overlaps its quote.
    pub misses: Vec<String>,
    /// The drafted targets that match nothing and are not marked low: id, section, rule, timing, quote.
    pub extras: Vec<String>,
    /// Each matched pair: the answer's target id and the drafted target id standing for it.
    pub pairs: Vec<(String, String)>,
}

/// The parts of a rule that make it the same rule: its kind and values (not the tolerance of "about").
fn rule_key(t: &Target) -> Value {
    let mut v = serde_json::to_value(&t.rule).unwrap_or(Value::Null);
    if let Some(o) = v.as_object_mut() {
        o.remove("tolerance");
        o.remove("tolerance_percent");
        for (_, x) in o.iter_mut() {
            if let Some(d) = x.as_str().and_then(|s| s.parse::<crate::Decimal>().ok()) {
                *x = Value::String(d.normalize().to_string());
            } else if x.is_number() {
                if let Ok(d) = x.to_string().parse::<crate::Decimal>() {
                    *x = Value::String(d.normalize().to_string());
                }
            }
        }
    }
    v
}

/// The parts of a timing that make it the same timing: its kind and years.
fn timing_key(t: &Target) -> Value {
    let mut v = serde_json::to_value(&t.timing).unwrap_or(Value::Null);
    if let Some(o) = v.as_object_mut() {
        o.retain(|k, _| matches!(k.as_str(), "kind" | "from" | "to" | "by" | "base"));
    }
    v
}

fn overlaps(a: &str, b: &str) -> bool {
    let (a, b) = (crate::normalize_whitespace(a).to_lowercase(), crate::normalize_whitespace(b).to_lowercase());
    let (short, long) = if a.chars().count() <= b.chars().count() { (a, b) } else { (b, a) };
    if long.contains(&short) {
        return true;
    }
    let chars: Vec<char> = short.chars().collect();
    const RUN: usize = 15;
    chars.len() >= RUN && chars.windows(RUN).any(|w| long.contains(&w.iter().collect::<String>()))
}

fn quotes_overlap(a: &Target, b: &Target) -> bool {
    a.sources.iter().any(|x| b.sources.iter().any(|y| overlaps(&x.quote, &y.quote)))
}

fn describe(t: &Target) -> String {
    format!("{} [{}] {} / {}", t.id, t.section(), rule_key(t), timing_key(t))
}

/// Measures `draft` against `answer`.
pub fn measure(draft: &Draft, answer: &Catalogue) -> Measured {
    let drafted = &draft.catalogue.targets;
    let fits: Vec<Vec<usize>> = answer
        .targets
        .iter()
        .map(|a| {
            let (r, t) = (rule_key(a), timing_key(a));
            (0..drafted.len())
                .filter(|&j| {
                    rule_key(&drafted[j]) == r && timing_key(&drafted[j]) == t && quotes_overlap(a, &drafted[j])
                })
                .collect()
        })
        .collect();
    // The largest one-to-one matching (augmenting paths).
    let mut owner: Vec<Option<usize>> = vec![None; drafted.len()];
    fn augment(i: usize, fits: &[Vec<usize>], owner: &mut [Option<usize>], seen: &mut [bool]) -> bool {
        for &j in &fits[i] {
            if !seen[j] {
                seen[j] = true;
                if owner[j].map_or(true, |k| augment(k, fits, owner, seen)) {
                    owner[j] = Some(i);
                    return true;
                }
            }
        }
        false
    }
    for i in 0..answer.targets.len() {
        let mut seen = vec![false; drafted.len()];
        augment(i, &fits, &mut owner, &mut seen);
    }
    let matched_answers: Vec<bool> = (0..answer.targets.len()).map(|i| owner.contains(&Some(i))).collect();
    let matched = matched_answers.iter().filter(|&&m| m).count();
    let misses = answer
        .targets
        .iter()
        .zip(&matched_answers)
        .filter(|(_, &m)| !m)
        .map(|(a, _)| {
            let near: Vec<String> =
                drafted.iter().filter(|d| d.section() == a.section() && quotes_overlap(a, d)).map(describe).collect();
            let quote: String = a.sources[0].quote.chars().take(90).collect();
            if near.is_empty() {
                format!("{}  «{quote}»  (nothing drafted from these words)", describe(a))
            } else {
                format!("{}  «{quote}»  drafted instead: {}", describe(a), near.join(" | "))
            }
        })
        .collect();
    let pairs = owner
        .iter()
        .enumerate()
        .filter_map(|(j, o)| o.map(|i| (answer.targets[i].id.clone(), drafted[j].id.clone())))
        .collect();
    let mut low_extras = 0;
    let mut extras = Vec::new();
    for (j, d) in drafted.iter().enumerate() {
        if owner[j].is_some() {
            continue;
        }
        let low = draft.review.get(j).is_some_and(|r| r.confidence == Confidence::Low);
        if low {
            low_extras += 1;
        } else {
            let quote: String = d.sources[0].quote.chars().take(90).collect();
            extras.push(format!("{}  «{quote}»", describe(d)));
        }
    }
    let ratio = |n: usize, d: usize| if d == 0 { 1.0 } else { n as f64 / d as f64 };
    Measured {
        answer_targets: answer.targets.len(),
        drafted_targets: drafted.len(),
        matched,
        low_extras,
        recall: ratio(matched, answer.targets.len()),
        precision: ratio(matched + low_extras, drafted.len()),
        misses,
        extras,
        pairs,
    }
}

impl std::fmt::Display for Measured {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "recall {:.1}% ({} of {} targets proposed); precision {:.1}% ({} matched + {} marked low, of {} drafted)",
            self.recall * 100.0,
            self.matched,
            self.answer_targets,
            self.precision * 100.0,
            self.matched,
            self.low_extras,
            self.drafted_targets
        )?;
        writeln!(f, "misses ({}):", self.misses.len())?;
        for m in &self.misses {
            writeln!(f, "  {m}")?;
        }
        writeln!(f, "extras ({}):", self.extras.len())?;
        for e in &self.extras {
            writeln!(f, "  {e}")?;
        }
        Ok(())
    }
}
