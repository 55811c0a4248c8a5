// Type-checked with `tsc --noEmit -p wasm/tests/types` (and again through the package's exports map by
// types.test.mjs): every function with its input and output types, as a user would write it.
import {
  Batch,
  builtinCatalogue,
  builtinCatalogueJson,
  errorCatalogue,
  errorCodes,
  evaluate,
  inspectFigures,
  loadCatalogue,
  report,
  scorecard,
  statuses,
  version,
} from "chitieu";
import type {
  BatchError,
  BatchResult,
  Catalogue,
  ChitieuError,
  CoreErrorCode,
  Decimal,
  Discrepancy,
  ErrorCode,
  ErrorInfo,
  Evaluation,
  FigureInput,
  FiguresSummary,
  OptionsInput,
  PeriodResult,
  Project,
  Rule,
  Scorecard,
  StatusCode,
  StatusInfo,
  Timing,
} from "chitieu";
import init, { initSync, scorecard as webScorecard } from "chitieu/web";

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
