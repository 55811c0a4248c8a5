// The types of `report` and `Batch`, which only the full modules export (the Node build and the full web module,
// `chitieu/full`; src/full.rs, cargo feature `full`): added to their .d.ts after types.d.ts, whose types they use.

export type ReportFormat = "text" | "markdown" | "json" | "csv";
export type Lang = "en" | "vi";

/** A bad row of a batch's figures, or a target a batch could not judge (`row` null, `target` set). */
export interface BatchError {
  /** Row in the input (a CSV header is row 1; the first element of an array is row 1); null when not one row's. */
  row: number | null;
  /** The reporting unit, when it could be read. */
  unit: string | null;
  /** The target that could not be judged (evaluation errors only). */
  target: string | null;
  code: CoreErrorCode;
  message: string;
  details: ErrorDetails;
}

/** Rows of a batch by status, and the rows without a status under "error". */
export interface BatchCount {
  status: StatusCode | "error";
  count: number;
}

/** Options of `Batch.evaluate`: the evaluation's, and how the decimal columns come. */
export interface BatchOptionsInput extends OptionsInput {
  /**
   * `"text"` (the default): each decimal column is an array of the exact decimal strings, null where absent.
   * `"float"`: a `Float64Array` of the float nearest each rounded decimal, NaN where absent (faster; for sorting,
   * plotting and arithmetic). The statuses are decided on the exact decimals either way.
   */
  numbers?: "float" | "text";
}

/** How `Batch.evaluate` gives the decimal columns (`BatchOptionsInput.numbers`). */
export type BatchNumbers = "float" | "text";
/** A decimal column of a `BatchResult`: exact strings (null where absent) or floats (`numbers: "float"`, NaN). */
export type BatchDecimalColumn<N extends BatchNumbers> = N extends "text" ? (Decimal | null)[] : Float64Array;

/**
 * The verdicts of every target for every unit of a `Batch`, as columns: row `i` of the table is `unit[i]`,
 * `target[i]`, `status[i]`, `value[i]`... One row per unit and target, unit by unit (units sorted by code),
 * targets in catalogue order, whatever the order of the input. Decimals are rounded for display as in an
 * `Evaluation` (`decimals` of the options): exact strings by default (null where absent), `Float64Array`s with
 * `numbers: "float"` (`BatchResult<"float">`, NaN where absent).
 */
export interface BatchResult<N extends BatchNumbers = "text"> {
  as_of: DateString;
  /** Unit codes, sorted (null for figures without a unit); `unit[i]` indexes this. */
  units: (string | null)[];
  /** Target ids in catalogue order; `target[i]` indexes this. */
  targets: string[];
  /** Number of rows (every column has this length). */
  length: number;
  unit: Uint32Array;
  target: Uint32Array;
  /** The verdict; null when the target could not be judged (see `error`). */
  status: (StatusCode | null)[];
  value: BatchDecimalColumn<N>;
  value_period: (PeriodString | null)[];
  margin: BatchDecimalColumn<N>;
  achievement_ratio: BatchDecimalColumn<N>;
  progress_ratio: BatchDecimalColumn<N>;
  rate_to_date: BatchDecimalColumn<N>;
  rate_required: BatchDecimalColumn<N>;
  expected_to_date: BatchDecimalColumn<N>;
  projected: BatchDecimalColumn<N>;
  aim_reached: (boolean | null)[];
  /** 1 when `value` is a percent (coverage over a universe) rather than in the indicator's unit, else 0. */
  percent: Uint8Array;
  /** Index into `errors` of the error that stopped the row's target, or -1. */
  error: Int32Array;
  /** The bad rows (row order), then the targets that could not be judged. */
  errors: BatchError[];
  /** Rows by status in report order, then "error". */
  counts: BatchCount[];
}

/** `Batch.evaluate`'s overloads (merged into the class): the decimal columns' type follows `numbers`. */
export interface Batch {
  /**
   * Evaluate every target for every unit as of `options.as_of` (`options.unit` is not used): the columnar table
   * (one row per unit and target, unit by unit in code order, targets in catalogue order). Decimal columns are
   * the exact strings, or `Float64Array`s with `numbers: "float"`.
   */
  evaluate(options: BatchOptionsInput & { numbers: "float" }): BatchResult<"float">;
  evaluate(options: BatchOptionsInput & { numbers?: "text" }): BatchResult<"text">;
  evaluate(options: BatchOptionsInput): BatchResult<"text"> | BatchResult<"float">;
}
