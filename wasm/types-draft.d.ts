// The types of `draftCatalogue`, which only the Node build and the draft web module (`chitieu/draft`) export
// (src/draft.rs, cargo feature `draft`): added to their .d.ts after types.d.ts, whose types they use.

/** How sure the drafter is of a target: every part read from explicit words, a choice made, or probably no target. */
export type Confidence = "high" | "check" | "low";

/** One proposed target of a draft and how it was read (the core's `draft::Review`). */
export interface DraftReview {
  /** The target's id in the draft catalogue (`catalogue.targets[i]` is `review[i]`'s target). */
  target: string;
  /** Its section reference (`B.II.1.a`, `PL2 I.7.2`). */
  section: string;
  confidence: Confidence;
  /** Why: each reading chosen, each default taken. */
  reasons: string[];
  /** The words it came from (a substring of the text, NFC, whitespace collapsed). */
  quote: string;
}

/** A sentence or table row that holds a number but became no target (the core's `draft::Skipped`). */
export interface DraftSkipped {
  /** Its section reference, or "" before the first section. */
  section: string;
  text: string;
  /** Why it became no target ("a date of issue", "a document number"...). */
  reason: string;
}

/** What `draftCatalogue` returns. */
export interface DraftResult {
  /** The draft catalogue (it went through the loader): pass it, or `catalogue_json`, as any function's `catalogue`. */
  catalogue: Catalogue;
  /** The same catalogue as JSON text, in the loader's format. */
  catalogue_json: string;
  /** One entry a target, in the catalogue's order. */
  review: DraftReview[];
  /** Every passage with a number that became no target. */
  skipped: DraftSkipped[];
  /** The review as the core's plain table. */
  review_text: string;
  /** The draft, its review, the skipped passages and the catalogue's JSON as one Markdown document. */
  markdown: string;
}
