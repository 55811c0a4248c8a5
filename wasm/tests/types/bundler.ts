// Type-checked by types.test.mjs through the package's exports map as a bundler resolves it (moduleResolution
// "bundler": the conditions "types" and "import", not "node"): what a TypeScript user of a page sees. "chitieu" is
// the main web module, without `report` and `Batch` and without their types; "chitieu/full" has them.
import init, { evaluate, requiredPaths, scorecard, unitEn } from "chitieu";
import type { Evaluation, Scorecard, TargetPath } from "chitieu";
// @ts-expect-error: the main web module has no Batch (it is chitieu/full's)
import { Batch as NoBatch } from "chitieu";
// @ts-expect-error: nor report
import { report as noReport } from "chitieu";
// @ts-expect-error: nor the types of Batch's results
import type { BatchResult as NoBatchResult } from "chitieu";
// @ts-expect-error: nor the report's formats
import type { ReportFormat as NoReportFormat } from "chitieu";
// @ts-expect-error: nor the drafter (chitieu/draft's)
import { draftCatalogue as noDraft } from "chitieu";
// @ts-expect-error: nor its types
import type { DraftResult as NoDraftResult } from "chitieu";
import initFull, { Batch, report, scorecard as fullScorecard } from "chitieu/full";
import type { BatchResult, ReportFormat, Scorecard as FullScorecard } from "chitieu/full";
// @ts-expect-error: the full module has no drafter
import { draftCatalogue as noFullDraft } from "chitieu/full";
import type { DraftResult } from "chitieu/draft";

const csv = "indicator,period,value\nonline_dossiers,2027,78.9\n";

export async function page(): Promise<[Scorecard, (TargetPath | null)[], Evaluation[], string]> {
  await init();
  const card: Scorecard = scorecard(csv, { as_of: "2027" });
  return [card, requiredPaths(csv, { as_of: "2027" }), evaluate(csv, { as_of: "2027" }), unitEn(card.evaluations[0].unit)];
}

// a page that needs many units at once or the report writers loads the full module when first needed
export async function manyUnits(units: string): Promise<[BatchResult, string, FullScorecard]> {
  await initFull();
  const batch = new Batch(units);
  const format: ReportFormat = "markdown";
  const table: BatchResult = batch.evaluate({ as_of: "2030" });
  batch.free();
  return [table, report(units, { as_of: "2030", unit: "A" }, format, "vi"), fullScorecard(csv, { as_of: "2027" })];
}

export async function lazily(units: string): Promise<number> {
  const full = await import("chitieu/full");
  await full.default();
  const batch = new full.Batch(units);
  return batch.evaluate({ as_of: "2030", numbers: "float" }).value.length;
}

// the page's "your programme" view loads the draft module when first used, and evaluates against the draft
export async function yourProgramme(text: string): Promise<[DraftResult, Scorecard]> {
  const drafter = await import("chitieu/draft");
  await drafter.default();
  const draft: DraftResult = drafter.draftCatalogue(text);
  return [draft, scorecard(csv, { as_of: "2027" }, draft.catalogue_json)];
}

void NoBatch, noReport, noDraft, noFullDraft;
export type Unused = [NoBatchResult, NoReportFormat, NoDraftResult];
