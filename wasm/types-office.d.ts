// The types of the office module's functions, which only the Node build and the office web module
// (`chitieu/office`) export (src/office.rs, cargo feature `office`): added to their .d.ts after types.d.ts, whose
// types they use.

/** The bytes of an .xlsx workbook; the office builds take them wherever figures are taken. */
export type WorkbookBytes = Uint8Array | ArrayBuffer;

/** Figures as the office builds take them: the main module's inputs, or a workbook's bytes. */
export type OfficeFiguresInput = FiguresInput | WorkbookBytes;

/** How a sheet of a workbook was read: the long format, the wide layout, or not at all (no header row). */
export type SheetLayout = "long" | "wide" | "skipped";

/** One sheet of a workbook as read. */
export interface SheetSummary {
  name: string;
  layout: SheetLayout;
  /** The figures it gave (cells of the wide layout that make one figure count once). */
  figures: number;
}

/** What `readWorkbook` returns: `inspectFigures`'s summary and every sheet in the workbook's order. */
export interface WorkbookSummary extends FiguresSummary {
  sheets: SheetSummary[];
}

/** A long-format field a figure is entered in. */
export type NeedField = "value" | "numerator" | "denominator" | "growth" | "done" | "completed";

/** One figure series the catalogue's targets need as of a date (the core's `template::Need`). */
export interface FigureNeed {
  indicator: string;
  field: NeedField;
  /** A field accepted instead (`growth` for a level whose growth is judged). */
  instead?: NeedField;
  /** The periods due ("2026", "2026-Q2", "2026-03-15"), in order; empty for `completed`. */
  periods: string[];
  /** Figures entity by entity: a row an entity, the `entity` column filled. */
  per_entity: boolean;
  /** One figure in any of the periods is enough (coverage). */
  any_period: boolean;
  /** The targets that read it, in catalogue order. */
  targets: string[];
  /** The part of the programme (top-level section id) of the first of them. */
  section: string;
}

/** A figure as written, unvalidated (the core's `Observation`: decimals as exact strings). */
export interface FigureRecord {
  indicator: string;
  period?: string;
  value?: string;
  numerator?: string;
  denominator?: string;
  growth?: string;
  done?: boolean;
  completed?: string;
  unit?: string;
  entity?: string;
  note?: string;
}

/** One row of `figureRows`: its number as the reader counts it (in CSV the header is row 1) and the figure. */
export interface FigureRow {
  row: number;
  figure: FigureRecord;
}

/** One entry of `openSdgIndicator`: a series' score, or a group averaged first and counted once. */
export type OpenSdgEntry =
  | { kind: "series"; score: number | null; target_achieved?: boolean }
  | { kind: "group"; entries: OpenSdgEntry[] };

/** Open SDG's indicator aggregate (the core's `methods::IndicatorAssessment`). */
export interface IndicatorAssessment {
  score: number | null;
  status: ProgressStatus;
  entries_scored: number;
}
