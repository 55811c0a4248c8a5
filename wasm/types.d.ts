// Types of the chitieu package: every input and output of the functions below. Outputs are the core's JSON
// forms (snake_case keys, decimals as exact strings). Written by hand from the core's serde types and checked in
// the tests: `tsc --noEmit` compiles a usage file and the real outputs of the package against these types.

/** An exact decimal number as a string: "85", "0.1", "-3.50", "1234567890123456789012345678". */
export type Decimal = string;
/**
 * A number on input: a string (exact, "." as the decimal mark, no thousands separators), a JS number (read by
 * its shortest string form `String(x)`, so `0.1` is "0.1"; NaN and Infinity are refused) or a bigint (its digits).
 * Figures with more digits than a double holds must be strings.
 */
export type DecimalInput = string | number | bigint;
/** A calendar day, `YYYY-MM-DD`. */
export type DateString = string;
/** A period: `YYYY`, `YYYY-Qn` or `YYYY-MM-DD`. */
export type PeriodString = string;

/** The verdict on a target. */
export type StatusCode =
  | "exceeded"
  | "achieved"
  | "not_achieved"
  | "on_track"
  | "at_risk"
  | "off_track"
  | "not_due"
  | "no_data";

/** The core's stable error codes (`errorCodes()` lists them). */
export type CoreErrorCode =
  | "catalogue_syntax"
  | "catalogue_invalid"
  | "duplicate_id"
  | "figures_syntax"
  | "unknown_indicator"
  | "missing_field"
  | "not_a_number"
  | "invalid_period"
  | "duplicate_figure"
  | "numerator_above_denominator"
  | "non_positive_denominator"
  | "negative_count"
  | "not_whole_count"
  | "percentage_out_of_range"
  | "period_outside_programme"
  | "wrong_kind"
  | "non_positive_base"
  | "limit_exceeded"
  | "invalid_setting"
  /** An .xlsx that cannot be read: only from the builds that read workbooks (the Node build, `chitieu/office`). */
  | "xlsx_syntax";
/** One entry of the error catalogue (`errorCatalogue()`). */
export interface ErrorInfo {
  code: CoreErrorCode;
  /** What it means. */
  meaning: string;
  /** An input that produces it. */
  example: string;
}

/** A core error code, or "panic" for an internal error (a bug; the module starts afresh on the next call). */
export type ErrorCode = CoreErrorCode | "panic";

/** Where an error was found; every field is optional. Rows count from 1 (a CSV header is row 1). */
export interface ErrorDetails {
  row?: number;
  other_row?: number;
  field?: string;
  indicator?: string;
  target?: string;
  value?: string;
  /** The sheet of a workbook (the builds that read workbooks: the Node build, `chitieu/office`). */
  sheet?: string;
  /** The cell, in A1 notation (a workbook's, or wide-layout CSV's in those builds). */
  cell?: string;
}

/** What every function throws: a real `Error` with `name` "ChitieuError", a stable `code` and `details`. */
export interface ChitieuError extends Error {
  name: "ChitieuError";
  code: ErrorCode;
  details: ErrorDetails;
}

/**
 * What an indicator's figures are: a level in its unit, a share in percent, a count of whole things, a yes/no
 * status, a completion date, or a rate per N (`Indicator.per`: 1000 for "‰", 10000 for "bác sĩ/vạn dân").
 */
export type Measure = "level" | "share" | "count" | "status" | "completion" | "rate";
export type Direction = "increase" | "decrease" | "neutral";

export interface Programme {
  id: string;
  title_vi: string;
  title_en: string;
  issuer: string;
  adopted?: string;
  base_year: number;
  first_year: number;
  last_year: number;
  /** Reading conventions of the catalogue. */
  notes?: string[];
}

export interface Indicator {
  id: string;
  name_vi: string;
  name_en: string;
  /** The document's unit word ("cuộc", "tỷ đồng", "%"). */
  unit: string;
  /**
   * The unit in English, the plural ("supervision missions"); required unless the core's table knows `unit` for
   * sure (`hộ`, `tỷ đồng`, `%`).
   */
  unit_en?: string;
  /** The unit in English for a value of exactly 1 ("supervision mission"); required with `unit_en` for a count or a rate. */
  unit_en_one?: string;
  measure: Measure;
  /**
   * N of a rate per N (`measure: "rate"` only, where it is required): a figure's `value` is already per N, or
   * `numerator` / `denominator` x N.
   */
  per?: Decimal;
  direction: Direction;
  notes?: string;
}

/**
 * The rule a target sets. It applies to the figure itself (a share in percent), or as the timing says: to the
 * growth rate in percent (`average_growth`), to the change (`change`, `average_change`, `yearly_change`), to the
 * mean (`average`).
 */
export type Rule =
  | { kind: "at_least"; value: Decimal }
  | { kind: "more_than"; value: Decimal }
  | { kind: "at_most"; value: Decimal }
  | { kind: "less_than"; value: Decimal }
  | { kind: "exactly"; value: Decimal }
  | { kind: "all" }
  | { kind: "none" }
  | { kind: "range"; floor: Decimal; aim: Decimal; aim_inclusive: boolean }
  | { kind: "about"; value: Decimal; tolerance?: Decimal }
  | { kind: "done" }
  /** Both ends bind ("chiếm 45-50%"): achieved when low <= value <= high; never "exceeded". */
  | { kind: "band"; low: Decimal; high: Decimal };

/** How a change from the base year is stated: percent of the base, in the indicator's unit, or times the base. */
export type ChangeKind = "relative" | "absolute" | "multiple";
/** How a change a year is read: in the indicator's unit (points for a share or a ‰ rate), or percent of the level. */
export type Reading = "absolute" | "relative";

/** When and over what a rule is judged. */
export type Timing =
  | { kind: "yearly"; from: number; to: number }
  | { kind: "quarterly"; from: number; to: number }
  | { kind: "average_growth"; from: number; to: number }
  | { kind: "cumulative"; from: number; to: number }
  | { kind: "coverage"; from: number; to: number; universe?: Decimal; universe_indicator?: string }
  | { kind: "deadline"; by: PeriodString }
  /** The change from the figure of year `base` to that of year `to` ("tăng 35% so với năm 2025", "gấp đôi"). */
  | { kind: "change"; base: number; to: number; change: ChangeKind }
  /** The average change a year from the figure of `from - 1` to that of `to` ("giảm bình quân 1-1,5%/năm"). */
  | { kind: "average_change"; from: number; to: number; reading: Reading }
  /** The mean of the yearly figures of from..=to ("bình quân mỗi năm trên 300 lao động"). */
  | { kind: "average"; from: number; to: number }
  /** Every year of from..=to against the year before ("năm sau cao hơn năm trước"). */
  | { kind: "yearly_change"; from: number; to: number; reading: Reading };

/** One place the document states a target: section reference and the exact Vietnamese words. */
export interface Source {
  section: string;
  quote: string;
}

export interface Target {
  id: string;
  indicator: string;
  rule: Rule;
  timing: Timing;
  per_entity?: boolean;
  summary_en: string;
  sources: Source[];
  lead_unit?: string;
  notes?: string;
  related?: string[];
  /** A count of a stated total ("04/09 thôn": at least 4 `out_of` 9); count indicators only, for display. */
  out_of?: Decimal;
}

export interface Section {
  id: string;
  title_vi: string;
  title_en: string;
}

export type DiscrepancyKind = "contradiction" | "oddity";

/** A place where the document contradicts itself or reads oddly. */
export interface Discrepancy {
  id: string;
  kind: DiscrepancyKind;
  targets: string[];
  summary_en: string;
  summary_vi: string;
  quotes: Source[];
}

export interface RoadProfile {
  bn?: Decimal;
  bm?: Decimal;
  bhe_each?: Decimal;
  bhe_count?: number;
  median?: Decimal;
}

/** A project of the programme's Phụ lục 1. */
export interface Project {
  id: string;
  group: string;
  number: number;
  section: string;
  name_vi: string;
  scale_vi: string;
  road?: RoadProfile;
  area_m2?: Decimal;
  hectares?: Decimal;
  funding_vi: string;
  period_vi: string;
  period_from?: number;
  period_to?: number;
  /** The count indicator (Phụ lục 2 II.1.7 works counts) this project's completion feeds. */
  indicator?: string;
  notes?: string;
}

/** A whole programme as data (the JSON catalogue format, version 1). */
export interface Catalogue {
  /** A JSON Schema reference for editors; ignored by the loader. */
  $schema?: string;
  format: number;
  programme: Programme;
  sections: Section[];
  indicators: Indicator[];
  targets: Target[];
  discrepancies: Discrepancy[];
  projects: Project[];
}

/** A catalogue argument: JSON text, a catalogue object, or null/undefined for the built-in programme. */
export type CatalogueInput = string | Catalogue | null;

/**
 * One figure, in the long format (one figure a row). Which of value / numerator+denominator / growth / done /
 * completed a figure needs depends on its indicator's measure. null and undefined fields count as absent.
 */
export interface FigureInput {
  indicator: string;
  /** `2026`, `"2026"`, `"2026-Q1"` or `"2026-03-15"`; may be omitted for completion dates. */
  period?: PeriodString | number | null;
  value?: DecimalInput | null;
  numerator?: DecimalInput | null;
  denominator?: DecimalInput | null;
  /** Growth over the previous year, percent (levels only). */
  growth?: DecimalInput | null;
  /** `true`/`false` (also "yes"/"no", "có"/"không", 1/0). */
  done?: boolean | string | number | null;
  completed?: DateString | null;
  unit?: string | null;
  entity?: string | null;
  note?: string | null;
}

/** Figures: CSV or JSON text (JSON when it starts with `[` or `{`), an array of figures, or `{figures: [...]}`. */
export type FiguresInput = string | readonly FigureInput[] | { figures: readonly FigureInput[] };

/** How to evaluate (the core's Options; snake_case like every other key). */
export interface OptionsInput {
  /** The day the evaluation speaks for: `YYYY-MM-DD`, or `YYYY` / `YYYY-Qn` for the end of that period. */
  as_of: string;
  /** The reporting unit to evaluate when the figures hold several. */
  unit?: string | null;
  /** Default 0.95. */
  on_track_ratio?: DecimalInput;
  /** Default 0.60. */
  at_risk_ratio?: DecimalInput;
  /** Tolerance of "khoảng X" in percent of X when the catalogue gives none; default 5. */
  about_tolerance_percent?: DecimalInput;
  /** Decimal places of displayed values; default 2. */
  decimals?: number;
  /**
   * Figures given as `;`- or tab-separated text write numbers with a decimal comma (`85,5`), as Excel saves CSV in
   * a Vietnamese locale; default false. Refused (`invalid_setting`) for comma-separated text and JSON.
   */
  decimalComma?: boolean;
}

/**
 * How numbers written as text are read where the full and office modules read figures on their own (many units at
 * once, workbooks): a decimal comma only when asked (`;`- or tab-separated text; refused, `invalid_setting`, for
 * comma-separated text and JSON).
 */
export interface ReadInput {
  decimalComma?: boolean | null;
}

/** One period of a yearly, quarterly, cumulative or growth target. */
export interface PeriodResult {
  period: PeriodString;
  /** The period's value (for growth targets: growth over the previous year, percent). */
  value?: Decimal;
  status?: StatusCode;
  entities_met?: number;
  entities?: number;
}

/**
 * The verdict on one target, with the numbers behind it. Decimals are rounded for display (`decimals`).
 *
 * The object is new on every call, but the objects in it that the catalogue alone decides (`rule`, `timing`,
 * `sources`) are frozen and, for the built-in catalogue, the same objects in every result.
 */
export interface Evaluation {
  target: string;
  indicator: string;
  section: string;
  summary_en: string;
  indicator_vi: string;
  /**
   * Unit of `value` and `margin`, what the rule is stated in (Vietnamese; `unit_en` is the English): the
   * indicator's unit; "%/năm" for average growth and a relative average change; for a change from the base year
   * "%" (relative), the indicator's unit in points (absolute: "điểm %" for a share, "điểm ‰") or "lần"
   * (multiple); the points a year ("điểm %/năm", "<unit>/năm") for an absolute average change; "%" for a
   * relative yearly change and for a coverage over a universe. `expected_to_date` and `projected` are levels in
   * the indicator's unit.
   */
  unit: string;
  /** `unit` in English, the plural: the catalogue's `unit_en` ("missions"), or the library's words ("% a year"). */
  unit_en: string;
  /** `unit` in English for a value of exactly 1 ("mission"), when it differs from `unit_en`. */
  unit_en_one?: string;
  as_of: DateString;
  deadline: DateString;
  status: StatusCode;
  status_vi: string;
  status_en: string;
  readonly rule: Readonly<Rule>;
  readonly timing: Readonly<Timing>;
  reference_vi: string;
  reference_en: string;
  value?: Decimal;
  value_period?: PeriodString;
  margin?: Decimal;
  achievement_ratio?: Decimal;
  progress_ratio?: Decimal;
  rate_to_date?: Decimal;
  rate_required?: Decimal;
  expected_to_date?: Decimal;
  projected?: Decimal;
  aim_reached?: boolean;
  periods?: PeriodResult[];
  explanation_vi: string;
  explanation_en: string;
  rows?: number[];
  warnings?: string[];
  readonly sources: readonly Readonly<Source>[];
  lead_unit?: string;
  notes?: string;
}

/** How a required path runs: compound growth, a straight line, or the same threshold every year. */
export type PathShape = "compound" | "linear" | "flat";

/** One year of a required path (the value is for the end of the year). */
export interface PathPoint {
  year: number;
  /** What the commitment (the floor of a range, the lower end of a band) requires by then. */
  required: Decimal;
  /** What the aim of a range, or the upper end of a band, requires by then. */
  aim?: Decimal;
}

/** A figure on the path's scale: a level, a share in percent, a rate per N, a running sum. */
export interface ActualPoint {
  period: PeriodString;
  value: Decimal;
  /** The figure's row in the input (for chained growth and running sums: the row of that year's figure). */
  row: number;
}

/**
 * A target's required path year by year and the figures beside it (`requiredPath`), what a progress chart draws:
 * the core's `chitieu::required_path`. Required values are rounded like `expected_to_date` (`decimals`), figures
 * shown like `value`.
 */
export interface TargetPath {
  target: string;
  indicator: string;
  /** Unit of every value: the indicator's (percent for a share), whatever the unit of the evaluation's value. */
  unit: string;
  /** `unit` in English (the catalogue's `unit_en`, the plural). */
  unit_en: string;
  shape: PathShape;
  /** From the path's origin (the base year, the baseline figure's year, the year before a sum starts) to its end. */
  required: PathPoint[];
  /** The figures used, in period order, up to the as-of date. */
  actual: ActualPoint[];
}

export interface StatusCount {
  status: StatusCode;
  label_vi: string;
  label_en: string;
  count: number;
}

/** A heading of the document with its targets' ids, in catalogue order. */
export interface Group {
  section: string;
  title_vi: string;
  title_en: string;
  targets: string[];
}

/**
 * The JSON scorecard (format "chitieu.scorecard/1"). `programme`, `groups` and `discrepancies` depend on the
 * catalogue alone: frozen, and for the built-in catalogue the same objects in every result.
 */
export interface Scorecard {
  format: "chitieu.scorecard/1";
  readonly programme: Readonly<Programme>;
  as_of: DateString;
  unit?: string;
  /** Every status, zeros included, in report order. */
  counts: StatusCount[];
  readonly groups: readonly Readonly<Group>[];
  evaluations: Evaluation[];
  readonly discrepancies: readonly Readonly<Discrepancy>[];
  /**
   * Each target through the international progress methods (Open SDG, Eurostat, UNSD), for comparison only: in
   * the builds with the core's `methods` (the Node build and `chitieu/office`), absent from the other web modules.
   */
  alternative_views?: AlternativeView[];
}

// The international progress methods (the core's `methods`): in the scorecards of the Node build and chitieu/office,
// and behind `assessProgress` and `openSdgIndicator` there.

/** An international progress method. */
export type ProgressMethod = "open_sdg" | "eurostat" | "unsd_2022" | "unsd_2023";

/** A yearly series for `assessProgress` (the core's `methods::Series`). */
export interface ProgressSeries {
  /** Year -> value; decimals as strings (exact) or numbers. */
  values: Record<string, DecimalInput>;
  direction: "increase" | "decrease";
  target?: DecimalInput | null;
  target_year?: number | null;
  base_year?: number | null;
  limit?: DecimalInput | null;
}

/** A status of the international methods (each method uses some of them). */
export type ProgressStatus =
  | "target_achieved"
  | "substantial_progress"
  | "moderate_progress"
  | "limited_progress"
  | "deterioration"
  | "significant_progress"
  | "insufficient_progress"
  | "movement_away"
  | "moderate_movement_away"
  | "significant_movement_away"
  | "fair_progress"
  | "limited_or_no_progress"
  | "target_met_or_almost_met"
  | "stagnation_or_regression"
  | "not_available";

/** Why a number is missing, or what to keep in mind (the core's `methods::Note`). */
export type ProgressNote =
  | "no_data"
  | "no_data_from_base_year"
  | "base_year_fallback"
  | "single_year"
  | "opposite_signs"
  | "zero_base"
  | "negative_base"
  | "target_equals_base"
  | "target_opposite_sign"
  | "target_year_not_after_base";

/**
 * What a method says of a series (the core's `methods::Assessment`). These methods compute in floating point, as
 * their publishers do: numbers here are JS numbers (none feeds chitieu's own verdicts); null where not computable.
 */
export interface ProgressAssessment {
  method: ProgressMethod;
  with_target: boolean;
  status: ProgressStatus;
  base_year: number | null;
  base_value: number | null;
  current_year: number | null;
  current_value: number | null;
  target: number | null;
  target_year: number | null;
  target_achieved: boolean | null;
  /** Compound annual growth to date, a fraction (0.05 is 5 % a year). */
  growth_to_date: number | null;
  growth_required: number | null;
  projected: number | null;
  progress: number | null;
  score: number | null;
  limit_coefficient: number | null;
  cut_offs: { high: number; medium: number; low: number | null };
  substitutions: ("target_zero_to_0.001" | "base_zero_to_0.001")[];
  notes: ProgressNote[];
}

/** Why a target's international view is partial or empty, or what the international reading changes. */
export type ViewNote =
  | "no_direction"
  | "per_entity"
  | "no_threshold"
  | "no_base_level"
  | "non_positive_base"
  | "growth_not_linked"
  | "sub_annual_figures_skipped"
  | "strict_read_inclusive"
  | "range_floor_used"
  | "target_from_growth_floor"
  | "deadline_read_as_year";

/** One target through the international methods (the core's `methods::AlternativeView`). */
export interface AlternativeView {
  target: string;
  indicator: string;
  /** The yearly series the methods read (decimals as exact strings); null when none could be built. */
  series: {
    values: Record<string, Decimal>;
    direction: "increase" | "decrease";
    base_year?: number | null;
    target?: Decimal | null;
    target_year?: number | null;
    limit?: Decimal | null;
  } | null;
  assessments: ProgressAssessment[];
  notes: ViewNote[];
}

export interface StatusInfo {
  status: StatusCode;
  label_vi: string;
  label_en: string;
}

/** What `inspectFigures` tells about figures. */
export interface FiguresSummary {
  count: number;
  /** Reporting units present (null for figures without a unit), sorted. */
  units: (string | null)[];
  /** The latest year any figure is for; null without figures. */
  latest_year: number | null;
}
