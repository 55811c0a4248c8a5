// Type-checked with `tsc --noEmit -p wasm/tests/types` (and again through the package's exports map by
// types.test.mjs): every function with its input and output types, as a user would write it.
import {
  Batch,
  builtinCatalogue,
  builtinCatalogueJson,
  draftCatalogue,
  assessProgress,
  figureNeeds,
  figureRows,
  figuresCsv,
  openSdgIndicator,
  readWorkbook,
  reportXlsx,
  templateCsv,
  templateXlsx,
  errorCatalogue,
  errorCodes,
  evaluate,
  inspectFigures,
  loadCatalogue,
  report,
  requiredPath,
  requiredPaths,
  scorecard,
  statuses,
  unitEn,
  version,
} from "chitieu";
import type {
  ActualPoint,
  BatchError,
  BatchResult,
  Catalogue,
  ChangeKind,
  ChitieuError,
  CoreErrorCode,
  Decimal,
  Confidence,
  Discrepancy,
  DraftResult,
  DraftReview,
  DraftSkipped,
  ErrorCode,
  ErrorInfo,
  Evaluation,
  FigureInput,
  FigureNeed,
  FigureRow,
  FiguresSummary,
  IndicatorAssessment,
  NeedField,
  SheetLayout,
  WorkbookSummary,
  Indicator,
  Measure,
  OptionsInput,
  PathPoint,
  PathShape,
  PeriodResult,
  Project,
  Reading,
  ReadInput,
  Rule,
  Scorecard,
  StatusCode,
  StatusInfo,
  Target,
  TargetPath,
  Timing,
} from "chitieu";
import init, { initSync, scorecard as webScorecard } from "chitieu/web";
// @ts-expect-error: the main web module has neither Batch nor report: they are chitieu/full's (and the Node build's)
import { Batch as NoBatch, report as noReport } from "chitieu/web";
// @ts-expect-error: nor draftCatalogue (chitieu/draft's)
import { draftCatalogue as noDraft } from "chitieu/web";
// @ts-expect-error: chitieu/full has no drafter either
import { draftCatalogue as noFullDraft } from "chitieu/full";
import initFull, { Batch as FullBatch, report as fullReport } from "chitieu/full";
import initDraft, { draftCatalogue as webDraft, evaluate as draftEvaluate } from "chitieu/draft";
// @ts-expect-error: chitieu/draft has neither Batch nor report
import { Batch as NoDraftBatch } from "chitieu/draft";
import type { BatchResult as FullBatchResult } from "chitieu/full";
import initOffice, { reportXlsx as officeReport } from "chitieu/office";
// @ts-expect-error: the main web module has no office functions (chitieu/office's)
import { readWorkbook as noOffice } from "chitieu/web";

const csv = "indicator,period,value\nonline_dossiers,2027,78.9\n";
const options: OptionsInput = { as_of: "2027", on_track_ratio: "0.95", at_risk_ratio: 0.6, decimals: 2, unit: null };
const rows: FigureInput[] = [
  { indicator: "grdp", period: 2025, value: 12480 },
  { indicator: "grdp", period: "2026", value: "14600.5" },
  { indicator: "budget_revenue", period: "2026", growth: 11n },
  { indicator: "online_dossiers", period: "2026-Q2", numerator: "1", denominator: 2 },
  { indicator: "school_smart_classroom", period: "2026", done: true, entity: "TH Hưng Đạo", note: null },
  { indicator: "election_2026_directives", completed: "2026-02-10" },
];

const evaluations: Evaluation[] = evaluate(csv, options);
const again: Evaluation[] = evaluate(rows, { as_of: "2027-12-31" }, builtinCatalogueJson());
const objects: Evaluation[] = evaluate({ figures: rows }, options, builtinCatalogue());
const card: Scorecard = scorecard(csv, options, null);
const text: string = report(csv, options, "markdown", "vi");
const csvOut: string = report(csv, options, "csv");
const summary: FiguresSummary = inspectFigures(rows);
const catalogue: Catalogue = loadCatalogue(builtinCatalogueJson());
const codes: CoreErrorCode[] = errorCodes();
const infos: ErrorInfo[] = errorCatalogue();
const firstMeaning: string = infos[0].meaning;
void firstMeaning;
const labels: StatusInfo[] = statuses();
const v: string = version();

// outputs: decimals are strings, statuses a closed set, optional fields may be absent
for (const e of [...evaluations, ...again, ...objects, ...card.evaluations]) {
  const status: StatusCode = e.status;
  const value: Decimal | undefined = e.value;
  const periods: PeriodResult[] = e.periods ?? [];
  const rule: Rule = e.rule;
  const timing: Timing = e.timing;
  if (rule.kind === "range") {
    const floor: Decimal = rule.floor;
    const inclusive: boolean = rule.aim_inclusive;
    void floor, inclusive;
  }
  if (timing.kind === "deadline") {
    const by: string = timing.by;
    void by;
  } else if (timing.kind === "coverage") {
    const universe: Decimal | undefined = timing.universe;
    void universe;
  } else if (timing.kind === "change") {
    const span: number = timing.to - timing.base;
    void span;
  } else {
    const span: number = timing.to - timing.from;
    void span;
  }
  void status, value, periods;
}
const counted: number = card.counts.reduce((n, c) => n + c.count, 0);
const discrepancies: Discrepancy[] = catalogue.discrepancies;
const projects: Project[] = catalogue.projects;
const latest: number | null = summary.latest_year;

// errors: a real Error with a stable code and details
try {
  evaluate("x", options);
} catch (err) {
  const e = err as ChitieuError;
  const code: ErrorCode = e.code;
  const row: number | undefined = e.details.row;
  const message: string = e.message;
  if (e.name === "ChitieuError" && code !== "panic") {
    const core: CoreErrorCode = code;
    void core;
  }
  void row, message;
}

// the browser build: initialise, then the same functions
async function inBrowser(url: URL, bytes: ArrayBuffer): Promise<Scorecard> {
  await init({ module_or_path: url });
  initSync({ module: bytes });
  return webScorecard(csv, { as_of: "2027" });
}

// the full web module, for a page that needs many units at once or the report writers: loaded when first needed
async function fullInBrowser(units: string): Promise<[FullBatchResult, string]> {
  await initFull();
  const batch = new FullBatch(units);
  const table: FullBatchResult = batch.evaluate({ as_of: "2030" });
  batch.free();
  return [table, fullReport(units, { as_of: "2030", unit: "A" }, "text", "en")];
}
void fullInBrowser, NoBatch, noReport;

// mistakes the types catch
// @ts-expect-error: as_of is required
evaluate(csv, {});
// @ts-expect-error: an unknown report format
report(csv, options, "pdf");
// @ts-expect-error: a status is not any string
const wrong: StatusCode = "done";
// @ts-expect-error: decimals in outputs are strings, not numbers
const notNumber: number = evaluations[0].value;
// @ts-expect-error: a figure needs an indicator
const noIndicator: FigureInput = { period: "2026", value: 1 };

void text, csvOut, codes, labels, v, counted, discrepancies, projects, latest, inBrowser, wrong, notNumber, noIndicator;

// Many units at once: a Batch read leniently (bad rows listed, not thrown), its verdicts as columns.
const batch = new Batch("unit,indicator,period,value\nU1,grdp,2025,10000\nU2,grdp,2025,x\n");
const fromObjects = new Batch([{ unit: "U1", indicator: "grdp", period: 2025, value: 10000 }], null);
// Excel's CSV in a Vietnamese locale: ";" between fields and a decimal comma, declared
const commas = new Batch("unit;indicator;period;value\nU1;online_dossiers;2030;85,01\n", undefined, { decimalComma: true });
const readAs: ReadInput = { decimalComma: null };
void commas, readAs;
const badRows: BatchError[] = batch.errors;
const unitCodes: (string | null)[] = batch.units;
const figureCount: number = batch.figureCount + fromObjects.figureCount;
const table: BatchResult = batch.evaluate({ as_of: "2030" });
const exact: BatchResult<"text"> = batch.evaluate({ as_of: "2030", numbers: "text" });
const fast: BatchResult<"float"> = batch.evaluate({ as_of: "2030", numbers: "float", decimals: 1 });
for (let i = 0; i < table.length; i++) {
  const unitCode: string | null = table.units[table.unit[i]];
  const targetId: string = table.targets[table.target[i]];
  const verdict: StatusCode | null = table.status[i];
  const value: Decimal | null = table.value[i];
  const same: Decimal | null = exact.value[i];
  const float: number = fast.margin[i];
  const error: BatchError | undefined = table.error[i] >= 0 ? table.errors[table.error[i]] : undefined;
  void [unitCode, targetId, verdict, value, same, float, error, badRows, unitCodes, figureCount];
}
// @ts-expect-error: with numbers "float" the decimal columns are Float64Arrays, not strings
const notText: (Decimal | null)[] = fast.value;
// @ts-expect-error: numbers is "float" or "text"
batch.evaluate({ as_of: "2030", numbers: "decimal" });
void notText;
batch.free();

// The kinds of target other programmes use: a rate per N, a band, changes from the base year, average changes,
// averages, yearly changes, a count of a stated total; and the required path a chart draws.
const rate: Indicator = {
  id: "doctors_per_10k",
  name_vi: "Số bác sĩ/vạn dân",
  name_en: "Doctors per 10,000 people",
  unit: "bác sĩ/vạn dân",
  measure: "rate",
  per: "10000",
  direction: "increase",
};
const measure: Measure = rate.measure;
const band: Rule = { kind: "band", low: "45", high: "50" };
const kinds: ChangeKind[] = ["relative", "absolute", "multiple"];
const readings: Reading[] = ["absolute", "relative"];
const timings: Timing[] = [
  { kind: "change", base: 2025, to: 2030, change: kinds[0] },
  { kind: "average_change", from: 2026, to: 2030, reading: readings[0] },
  { kind: "average", from: 2026, to: 2030 },
  { kind: "yearly_change", from: 2026, to: 2030, reading: "relative" },
];
const outOf: Target = {
  id: "villages_standard",
  indicator: "villages_new_rural",
  rule: { kind: "at_least", value: "4" },
  timing: { kind: "deadline", by: "2030" },
  out_of: "9",
  summary_en: "At least 4 of the 9 villages",
  sources: [{ section: "II.2", quote: "04/09 thôn" }],
};
const withSchema: Catalogue = { ...catalogue, $schema: "https://example.invalid/chitieu.schema.json", indicators: [rate], targets: [outOf] };
for (const t of [...withSchema.targets.map((t) => t.timing), ...timings]) {
  if (t.kind === "change") {
    const how: ChangeKind = t.change;
    const years: number = t.to - t.base;
    void how, years;
  } else if (t.kind === "average_change" || t.kind === "yearly_change") {
    const reading: Reading = t.reading;
    void reading;
  }
}
if (band.kind === "band") {
  const ends: [Decimal, Decimal] = [band.low, band.high];
  void ends;
}
const path: TargetPath | null = requiredPath("crop_value_per_ha_change", csv, { as_of: "2027" }, withSchema);
if (path !== null) {
  const shape: PathShape = path.shape;
  const first: PathPoint = path.required[0];
  const aim: Decimal | undefined = first.aim;
  const figure: ActualPoint | undefined = path.actual[0];
  const x: number = first.year;
  const row: number | undefined = figure?.row;
  void shape, aim, x, row;
}
const everyPath: (TargetPath | null)[] = requiredPaths(rows, { as_of: "2027" });
const english: string = unitEn(evaluations[0].unit);
// @ts-expect-error: a change must say how it is stated
const unstated: Timing = { kind: "change", base: 2025, to: 2030 };
// @ts-expect-error: "percent" is not a ChangeKind
const percent: ChangeKind = "percent";
// @ts-expect-error: a band has low and high, not a value
const bandValue: Rule = { kind: "band", value: "45" };
// @ts-expect-error: a path's values are decimal strings
const pathNumber: number = path!.required[0].required;
void measure, everyPath, english, unstated, percent, bandValue, pathNumber;

// the drafter: a programme's text to a draft catalogue, its review and the skipped passages
const drafted: DraftResult = draftCatalogue("I. KINH TẾ\n- Hằng năm, có trên 85% hồ sơ được nộp trực tuyến.\n");
const firstReview: DraftReview | undefined = drafted.review[0];
const level: Confidence | undefined = firstReview?.confidence;
const why: string[] = firstReview?.reasons ?? [];
const skippedWords: string[] = drafted.skipped.map((s: DraftSkipped) => `${s.section}: ${s.reason}: ${s.text}`);
const draftedCard: Scorecard = scorecard(csv, { as_of: "2027" }, drafted.catalogue);
const draftedAgain: Evaluation[] = evaluate(csv, { as_of: "2027" }, drafted.catalogue_json);
const draftTexts: string[] = [drafted.markdown, drafted.review_text];
async function draftInBrowser(text: string): Promise<[DraftResult, Evaluation[]]> {
  await initDraft();
  const draft = webDraft(text);
  return [draft, draftEvaluate(csv, { as_of: "2027" }, draft.catalogue)];
}
void level, why, skippedWords, draftedCard, draftedAgain, draftTexts, draftInBrowser, noDraft, noFullDraft, NoDraftBatch;

// the office functions (the Node build, chitieu/office): workbooks, the template, the report as .xlsx, the methods,
// the form's reader and writer
const workbookBytes: Uint8Array = templateXlsx({ as_of: "2027" });
const sheets: WorkbookSummary = readWorkbook(workbookBytes, null, { decimalComma: true });
const firstLayout: SheetLayout | undefined = sheets.sheets[0]?.layout;
const fromBytes: Scorecard = scorecard(csv, { as_of: "2027" });
const reportBytes: Uint8Array = reportXlsx(workbookBytes, { as_of: "2027" }, "vi");
const dueNow: FigureNeed[] = figureNeeds({ as_of: "2027" });
const dueField: NeedField | undefined = dueNow[0]?.field;
const templateText: string = templateCsv({ as_of: "2027" });
const formRows: FigureRow[] = figureRows(csv);
const backToCsv: string = figuresCsv(formRows.map((r) => r.figure));
const assessed = assessProgress("open_sdg", { values: { "2020": "100", "2022": 121 }, direction: "increase" });
const aggregate: IndicatorAssessment = openSdgIndicator([{ kind: "series", score: 4 }, { kind: "group", entries: [] }]);
// @ts-expect-error: a method's code is one of four (or "all")
assessProgress("wrong", { values: {}, direction: "increase" });
async function officeInBrowser(bytes: ArrayBuffer): Promise<Uint8Array> {
  await initOffice();
  return officeReport(bytes, { as_of: "2027" }, "en");
}
void sheets, firstLayout, fromBytes, reportBytes, dueField, templateText, backToCsv, assessed, aggregate, officeInBrowser, noOffice;
