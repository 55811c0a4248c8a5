"""Many reporting units at once: ``evaluate_batch`` (a DataFrame of figures in, a DataFrame of verdicts out) and
``synthetic_figures`` (the core's synthetic national figures as a DataFrame).

Only translation happens here. A DataFrame goes to the core column by column, without a Python object per cell
where pandas has none: a float column of numbers as its float64 buffer (NaN is an empty cell), an integer column
of numbers or years as its int64 buffer, every other column (categorical, text, object, dates, booleans...) as
the codes of its distinct cells (``pandas.factorize``, or a categorical's own codes) plus the text of each
distinct cell, converted once by the same rules as ``chitieu.evaluate`` (``chitieu._figures``). The core reads
every text with its own readers, every float as its shortest decimal, and judges every unit (``chitieu::batch``),
with the interpreter released. The verdicts come back as flat buffers and codes and become columns with
``numpy.frombuffer`` and ``pandas.Categorical.from_codes``.
"""

from __future__ import annotations

import os
import typing
import warnings
from decimal import Decimal
from typing import Any, Dict, Iterator, List, Optional, Tuple, Union

from . import _figures, _native
from ._api import AsOf, Catalogue, Number, _catalogue, options

if typing.TYPE_CHECKING:  # pragma: no cover
    import numpy
    import pandas
    import polars
    import pyarrow

__all__ = ["BatchResult", "evaluate_batch", "synthetic_figures", "BATCH_COLUMNS", "BATCH_ERROR_COLUMNS"]

BatchSource = Union["pandas.DataFrame", "pyarrow.Table", "polars.DataFrame", str, "os.PathLike[str]"]

BATCH_COLUMNS: Tuple[str, ...] = tuple(_native.BATCH_COLUMNS)
"""The columns of ``BatchResult.verdicts``, in order (the core's ``BatchTable::to_csv`` columns)."""

BATCH_ERROR_COLUMNS: Tuple[str, ...] = ("row", "unit", "target", "code", "field", "message")
"""The columns of ``BatchResult.errors``, in order."""

_DECIMAL_FIELDS: Tuple[str, ...] = tuple(_native.BATCH_DECIMALS)

_NUMBERS = ("float", "decimal", "text")

Column = Tuple[str, str, bytes, Optional[List[Optional[str]]]]


class BatchResult:
    """What ``evaluate_batch`` returns: ``verdicts`` (one row per unit and target) and ``errors`` (bad rows and
    targets that could not be judged), both DataFrames. Unpacks as ``verdicts, errors = result``.

    ``timings`` holds the seconds spent reading the figures (``read``), judging (``evaluate``) and writing the
    table's columns (``output``) in the core, and building the DataFrames (``frames``) and the columns' buffers
    (``columns``) in Python.
    """

    __slots__ = ("verdicts", "errors", "as_of", "timings")

    def __init__(self, verdicts: "pandas.DataFrame", errors: "pandas.DataFrame", as_of: str, timings: Dict[str, float]):
        self.verdicts = verdicts
        self.errors = errors
        self.as_of = as_of
        self.timings = timings

    def __iter__(self) -> Iterator["pandas.DataFrame"]:
        return iter((self.verdicts, self.errors))

    def status_counts(self) -> Dict[str, int]:
        """Rows by status code (every status, in report order) and the rows without a status under ``"error"``."""
        counts = self.verdicts["status"].value_counts(sort=False, dropna=False)
        out = {code: int(counts.get(code, 0)) for code, _, _ in _native.STATUSES}
        out["error"] = int(self.verdicts["status"].isna().sum())
        return out

    def __repr__(self) -> str:
        units = self.verdicts["unit"].nunique(dropna=False) if len(self.verdicts) else 0
        return (
            f"<chitieu.BatchResult as of {self.as_of}: {units} units, {len(self.verdicts)} verdicts, "
            f"{len(self.errors)} errors>"
        )


def _text_converter(name: str) -> Any:
    return _figures.number_text if name in _figures.NUMBER_FIELDS else _figures.text_text


# the codes the core reads as they are, by kind: int32, and a categorical's own int16 and int8 codes
_CODE_DTYPES = {"codes": "<i4", "codes16": "<i2", "codes8": "i1"}

# Rows a block of whole units holds, about, when one worker reads and judges a frame a block at a time: 4-5 MB of
# figures, which stay in the processor's cache while they are judged and whose memory the next block uses again
# (python/bench/bench_batch.py measures the effect).
_BLOCK_ROWS = 65_536


def _codes_column(name: str, codes: Any, uniques: Any) -> Column:
    import numpy as np

    convert = _text_converter(name)
    texts = [convert(x) for x in uniques]
    codes = np.asarray(codes)
    # a categorical's codes are int8 up to 127 categories, int16 up to 32,767: passed without widening them
    if codes.dtype == np.dtype("i1"):
        kind = "codes8"
    elif codes.dtype == np.dtype("<i2"):
        kind = "codes16"
    else:
        kind, codes = "codes", codes.astype("<i4", copy=False)
    return (name, kind, codes.tobytes(), texts)


def _column(name: str, series: Any) -> Column:
    """One column for the core: a buffer of floats or integers, or codes and the text of each distinct cell."""
    import numpy as np
    import pandas as pd

    dtype = series.dtype
    number = name in _figures.NUMBER_FIELDS
    if isinstance(dtype, pd.CategoricalDtype):
        return _codes_column(name, series.cat.codes.to_numpy(), dtype.categories.tolist())
    if isinstance(dtype, np.dtype):
        if dtype.kind == "f" and number:
            return (name, "float", series.to_numpy(dtype="<f8").tobytes(), None)
        if dtype.kind in "iu" and (number or name == "period"):
            values = series.to_numpy()
            if dtype.kind == "i" or dtype.itemsize < 8 or not len(values) or values.max() <= np.iinfo(np.int64).max:
                return (name, "int", values.astype("<i8", copy=False).tobytes(), None)
        if dtype.kind == "O" and pd.api.types.infer_dtype(series, skipna=True) not in ("string", "empty"):
            # mixed Python objects: each cell's text by the rules of chitieu.evaluate, then its distinct texts
            convert = _text_converter(name)
            texts = np.array([x if type(x) is str else convert(x) for x in series.tolist()], dtype=object)
            codes, uniques = pd.factorize(texts, use_na_sentinel=True)
            return (name, "codes", codes.astype("<i4", copy=False).tobytes(), list(uniques))
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return _codes_column(name, codes, uniques.tolist())


def _columns(frame: Any) -> List[Column]:
    if frame.attrs:
        # pandas deep-copies a frame's attrs into every column taken from it: once here, not once a column
        frame = frame.copy(deep=False)
        frame.attrs = {}
    # by position: a repeated column name reaches the core, which refuses it
    return [_column(str(name), frame.iloc[:, k]) for k, name in enumerate(frame.columns)]


def _is_arrow_table(x: Any) -> bool:
    """A pyarrow Table (checked without importing pyarrow)."""
    return type(x).__name__ == "Table" and type(x).__module__.startswith("pyarrow")


def _is_polars_frame(x: Any) -> bool:
    """A polars DataFrame (checked without importing polars)."""
    return type(x).__name__ == "DataFrame" and type(x).__module__.startswith("polars")


def _arrow_column(name: str, chunked: Any) -> Column:
    """One pyarrow column for the core, as ``_column`` does for pandas: float numbers as their float64 buffer
    (null is NaN), integer numbers or years without nulls as int64, a dictionary column as its indices and the
    text of each dictionary value, anything else dictionary-encoded by pyarrow (one conversion per distinct
    value). No Python object per cell."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = chunked.combine_chunks() if isinstance(chunked, pa.ChunkedArray) else chunked
    kind = arr.type
    number = name in _figures.NUMBER_FIELDS
    if number and pa.types.is_floating(kind):
        values = pc.fill_null(arr.cast(pa.float64()), float("nan")).to_numpy(zero_copy_only=False)
        return (name, "float", values.astype("<f8", copy=False).tobytes(), None)
    if (number or name == "period") and pa.types.is_integer(kind) and arr.null_count == 0:
        if not pa.types.is_uint64(kind) or len(arr) == 0 or pc.max(arr).as_py() <= np.iinfo(np.int64).max:
            return (name, "int", arr.cast(pa.int64()).to_numpy().astype("<i8", copy=False).tobytes(), None)
    if not pa.types.is_dictionary(kind):
        arr = pc.dictionary_encode(arr)
    codes = pc.fill_null(arr.indices.cast(pa.int32()), -1).to_numpy(zero_copy_only=False)
    return _codes_column(name, codes, arr.dictionary.to_pylist())


def _arrow_columns(figures: Any) -> List[Column]:
    """The columns of a pyarrow Table or a polars DataFrame (through ``to_arrow()``)."""
    try:
        import pyarrow  # noqa: F401
    except ImportError as e:
        raise ImportError(
            f"reading a {type(figures).__module__.split('.')[0]} {type(figures).__name__} needs pyarrow "
            "(pip install pyarrow)"
        ) from e
    table = figures.to_arrow() if _is_polars_frame(figures) else figures
    # by position: a repeated column name reaches the core, which refuses it
    return [_arrow_column(str(name), table.column(k)) for k, name in enumerate(table.column_names)]


def _threads(threads: Optional[int]) -> Optional[int]:
    if threads is None:
        return None
    if isinstance(threads, bool) or not isinstance(threads, int):
        raise TypeError("threads must be an int or None")
    return threads


Block = Union[Tuple[int, int], "numpy.ndarray"]


def _unit_chunks(columns: List[Column], chunks: int, scattered: Optional[int] = None) -> List[Block]:
    """Up to ``chunks`` blocks of whole units, about as many units each, in the core's order of units (sorted by
    code, no unit first): ranges of rows ``(start, end)`` when the rows come grouped by unit in that order (the
    usual case). Otherwise up to ``scattered`` blocks (default ``chunks``), each its rows' positions in the frame's
    order: a block of scattered rows is read in a pass over the whole frame, so fewer are better; one is all the
    rows, ``(0, n)``."""
    import numpy as np

    n = _column_length(columns)
    unit = next((c for c in columns if c[0] == "unit"), None)
    if n == 0:
        return []
    if unit is None or unit[1] not in _CODE_DTYPES:
        # no unit column: one unit (no unit); numbers for units: one block (rare)
        return [(0, n)]
    texts = [None if t is None or not t.strip() else t.strip() for t in (unit[3] or [])]
    keys = sorted(set(texts) | {None}, key=lambda t: (t is not None, t or ""))
    order = {k: r for r, k in enumerate(keys)}
    # a unit's rank in the core's order by its code; code -1 (no unit) takes the last entry, no unit's rank
    of_code = np.array([order[t] for t in texts] + [order[None]], dtype=np.int32)
    codes = np.frombuffer(unit[2], dtype=_CODE_DTYPES[unit[1]])
    # the runs of equal codes: the rows are grouped in the core's order when the runs' ranks go up strictly
    starts = np.flatnonzero(codes[1:] != codes[:-1]) + 1
    run_starts = np.concatenate(([0], starts))
    run_rank = of_code[codes[run_starts]]
    if bool((run_rank[1:] > run_rank[:-1]).all()):
        # cut between runs, about as many units a block
        picks = np.linspace(0, len(run_starts), min(chunks, len(run_starts)) + 1).round().astype(np.int64)
        edges = [int(run_starts[k]) if k < len(run_starts) else n for k in picks]
        return [(a, b) for a, b in zip(edges[:-1], edges[1:]) if b > a]
    chunks = chunks if scattered is None else scattered
    if chunks <= 1:
        return [(0, n)]
    rank = of_code[codes]
    present = np.flatnonzero(np.bincount(rank, minlength=len(keys)))  # the ranks the rows hold, in order
    bounds = present[np.linspace(0, len(present), min(chunks, len(present)) + 1).round().astype(np.int64)[:-1]]
    # numpy sorts 16-bit integers by radix (linear time)
    small = rank.astype(np.int16) if len(keys) < 2**15 else rank
    by_rank = np.argsort(small, kind="stable")
    cuts = np.searchsorted(rank[by_rank], bounds)[1:]
    return [np.sort(p) for p in np.split(by_rank, cuts) if len(p)]


def _block_arg(block: Block) -> Any:
    """A block as the core reads it: a range of rows as is, positions as int64 bytes."""
    return block if isinstance(block, tuple) else block.astype("<i8", copy=False).tobytes()


def _column_length(columns: List[Column]) -> int:
    import numpy as np

    for _, kind, data, _ in columns:
        return len(data) // (np.dtype(_CODE_DTYPES[kind]).itemsize if kind in _CODE_DTYPES else 8)
    return 0


def _decimals(texts: List[Optional[str]]) -> List[Optional[Decimal]]:
    """The exact texts as ``Decimal``s, one object for each distinct text (a national table repeats most of them;
    a ``Decimal`` is immutable, so sharing it is safe)."""
    made: Dict[str, Decimal] = {}
    out: List[Optional[Decimal]] = []
    for t in texts:
        if t is None:
            out.append(None)
            continue
        d = made.get(t)
        if d is None:
            d = made[t] = Decimal(t)
        out.append(d)
    return out


def _frames(out: Dict[str, Any], numbers: str) -> Tuple["pandas.DataFrame", "pandas.DataFrame"]:
    import numpy as np
    import pandas as pd

    units: List[Optional[str]] = out["units"]
    unit = np.frombuffer(out["unit"], "<i4")
    if units and units[0] is None:  # figures without a unit sort first: a missing unit in the table
        unit, units = unit - 1, units[1:]
    statuses = [code for code, _, _ in _native.STATUSES]
    columns: Dict[str, Any] = {
        "unit": pd.Categorical.from_codes(unit, categories=pd.Index(units, dtype=object)),
        "target": pd.Categorical.from_codes(np.frombuffer(out["target"], "<i4"), categories=out["targets"]),
        "status": pd.Categorical.from_codes(np.frombuffer(out["status"], "i1"), categories=statuses),
    }
    for name in _DECIMAL_FIELDS:
        raw = out["numbers"][name]
        if numbers == "float":
            # a read-only view of the core's bytes: the DataFrame copies it once into its block of floats
            columns[name] = np.frombuffer(raw, "<f8")
        elif numbers == "decimal":
            columns[name] = pd.Series(_decimals(raw), dtype=object)
        else:
            columns[name] = pd.Series(raw, dtype=object)  # object, not pandas' inferred string dtype
        if name == "value":
            # periods as categories in sorted order, whatever units the table holds
            periods = out["periods"]
            order = sorted(range(len(periods)), key=periods.__getitem__)
            remap = np.empty(len(periods) + 1, dtype=np.int32)
            remap[order] = np.arange(len(periods), dtype=np.int32)
            remap[-1] = -1
            codes = np.frombuffer(out["value_period"], "<i4")
            columns["value_period"] = pd.Categorical.from_codes(
                remap[codes], pd.Index([periods[k] for k in order], dtype=object)
            )
    aim = np.frombuffer(out["aim_reached"], "i1")
    columns["aim_reached"] = pd.arrays.BooleanArray(aim == 1, aim < 0)
    columns["error_code"] = pd.Categorical.from_codes(
        np.frombuffer(out["error_code"], "<i4"), categories=list(_native.ERROR_CODES)
    )
    rows = np.frombuffer(out["error_row"], "<i8")
    columns["error_row"] = pd.arrays.IntegerArray(rows.copy(), rows < 0)
    verdicts = pd.DataFrame(columns, columns=list(BATCH_COLUMNS))
    errs = out["errors"]
    errors = pd.DataFrame(
        {
            "row": pd.array([e[0] for e in errs], dtype="Int64"),
            "unit": pd.Series([e[1] for e in errs], dtype=object),
            "target": pd.Series([e[2] for e in errs], dtype=object),
            "code": pd.Series([e[3] for e in errs], dtype=object),
            "field": pd.Series([e[4] for e in errs], dtype=object),
            "message": pd.Series([e[5] for e in errs], dtype=object),
        },
        columns=list(BATCH_ERROR_COLUMNS),
    )
    return verdicts, errors


def evaluate_batch(
    figures: BatchSource,
    as_of: AsOf,
    *,
    catalogue: Optional[Catalogue] = None,
    threads: Optional[int] = None,
    progress: bool = False,
    numbers: str = "float",
    on_track_ratio: Optional[Number] = None,
    at_risk_ratio: Optional[Number] = None,
    about_tolerance_percent: Optional[Number] = None,
    decimals: Optional[int] = None,
    row_numbers: Any = None,
    decimal_comma: bool = False,
) -> BatchResult:
    """Evaluate every target for every reporting unit of a long-format DataFrame (the ``unit`` column names the
    unit; a pandas DataFrame, a pyarrow Table or a polars DataFrame), or of a CSV or JSON file or text (JSON: an
    array of figures, or ``{"figures": [...]}``, each with its ``unit``), as of a date, in one call.

    Bad rows do not stop the others: each is listed in ``result.errors`` with its row (the first DataFrame row is
    row 1; in CSV the header is row 1; in JSON the first figure is row 1), unit and error code, and every target whose series had a bad row (that
    unit and indicator) has no status and the error's code and row in ``error_code`` / ``error_row``. Every other
    target, and every other unit, is judged exactly as ``chitieu.evaluate(..., unit=...)`` judges it alone.
    Whole-input problems (no ``indicator`` column, an unknown or repeated column) raise ``FiguresSyntaxError``.

    ``result.verdicts`` has one row per unit and target (units sorted by code, targets in catalogue order) with
    the columns of ``BATCH_COLUMNS``: ``unit`` and ``target`` (categorical), ``status`` (categorical with the
    core's status codes in report order; missing when not judged), the numbers ``value``, ``margin``,
    ``achievement_ratio``, ``progress_ratio``, ``rate_to_date``, ``rate_required``, ``expected_to_date``,
    ``projected``, ``value_period`` (categorical text), ``aim_reached`` (nullable boolean), ``error_code``
    (categorical over the core's codes) and ``error_row`` (nullable integer).

    ``numbers``: ``"float"`` (default; float64 columns, the float nearest to each exact decimal, NaN when absent),
    ``"decimal"`` (object columns of ``decimal.Decimal``, exact, slower) or ``"text"`` (the exact decimals as
    ``str``). ``decimals`` is the core's display rounding of those numbers, as in ``chitieu.evaluate``.

    ``threads``: threads for the evaluation (default: the machine's cores; the result does not depend on it). A
    frame is read and judged a block of whole units at a time (about 65,536 rows), so that only one block's figures
    are held at once; the blocks' tables are joined by the core into the table of one evaluation.
    ``progress=True`` shows a tqdm progress bar (if tqdm is installed), running the work in blocks of whole
    units; the result is the same. ``row_numbers``: the row number to report for each DataFrame row (e.g.
    ``partition.index + 1`` for a partition of a larger frame with a default index); by default 1, 2, ...

    >>> import pandas as pd, chitieu
    >>> frame = pd.DataFrame({"unit": ["A", "B"], "indicator": ["online_dossiers"] * 2,
    ...                       "period": [2030, 2030], "value": [85.0, 85.5]})
    >>> verdicts, errors = chitieu.evaluate_batch(frame, as_of="2030", threads=1)
    >>> verdicts.loc[verdicts.target == "online_dossiers_2030", ["unit", "status"]].to_string(index=False)
    'unit       status\\n   A not_achieved\\n   B     achieved'
    """
    import time

    if numbers not in _NUMBERS:
        raise ValueError('numbers must be "float", "decimal" or "text"')
    cat = _catalogue(catalogue)
    opts = options(
        as_of,
        on_track_ratio=on_track_ratio,
        at_risk_ratio=at_risk_ratio,
        about_tolerance_percent=about_tolerance_percent,
        decimals=decimals,
    )
    n_threads = _threads(threads)
    native_numbers = "float" if numbers == "float" else "text"
    start = time.perf_counter()
    if isinstance(figures, (str, os.PathLike)):
        if row_numbers is not None:
            raise ValueError("row_numbers applies to a DataFrame; in CSV the rows are line numbers")
        if isinstance(figures, str) and ("\n" in figures or figures.lstrip()[:1] in ("[", "{")):
            text = figures  # CSV text, or JSON text (one line of it too)
        else:
            text = _figures.read_text(figures)
        prepared = time.perf_counter()
        out = _native.batch_csv(cat._native, text, opts, n_threads, native_numbers, decimal_comma)
    elif _figures.is_dataframe(figures) or _is_arrow_table(figures) or _is_polars_frame(figures):
        import numpy as np

        if _figures.is_dataframe(figures):
            columns = _columns(figures)
        else:
            # a polars frame through Arrow (polars hands its buffers over without copying where it can)
            columns = _arrow_columns(figures)
        n_rows = len(figures) if _figures.is_dataframe(figures) else int(figures.shape[0])
        rows: Optional[bytes] = None
        if row_numbers is not None:
            given = np.asarray(row_numbers, dtype=np.int64)
            if given.shape != (n_rows,):
                raise ValueError(f"row_numbers must hold one number per row ({n_rows})")
            if len(given) and given.min() < 1:
                raise ValueError("row numbers start at 1")
            rows = given.astype("<i8").tobytes()
        prepared = time.perf_counter()
        bar = _progress_bar() if progress else None
        workers = min(64, n_threads if n_threads is not None else (os.cpu_count() or 1))  # the core takes 64 at most
        # blocks of whole units (about _BLOCK_ROWS rows each, 50 or more with a progress bar) in the table's order
        # of units, which the core reads and judges one after the other, the workers side by side with a run of
        # consecutive blocks each, and joins into the table one evaluation gives (one block's figures in memory at
        # once a thread, that memory used again by the next block); rows not grouped by unit: a block a worker (ten
        # for a bar), each read in one pass over the frame
        n_blocks = max(workers, -(-n_rows // _BLOCK_ROWS), 50 if bar is not None else 1)
        scattered = max(workers, 10) if bar is not None else workers
        blocks = [_block_arg(b) for b in _unit_chunks(columns, n_blocks, scattered=scattered)] if n_blocks > 1 else []
        prepared = time.perf_counter()  # the blocks are part of the columns' preparation
        if not blocks:
            out = _native.batch_columns(cat._native, columns, opts, n_threads, native_numbers, None, rows)
        elif bar is None:
            out = _native.batch_columns(cat._native, columns, opts, n_threads, native_numbers, None, rows, blocks)
        else:
            with bar(total=n_rows, unit="rows", desc="chitieu") as b:
                out = _native.batch_columns(
                    cat._native, columns, opts, n_threads, native_numbers, None, rows, blocks, b.update
                )
    else:
        raise TypeError(
            "evaluate_batch reads a pandas DataFrame, a pyarrow Table, a polars DataFrame, a CSV file path or CSV "
            f"text, not {type(figures).__name__}"
        )
    native_done = time.perf_counter()
    verdicts, errors = _frames(out, numbers)
    read, evaluate, output = out["timings"]
    timings = {
        "columns": prepared - start,
        "read": read,
        "evaluate": evaluate,
        "output": output,
        "frames": time.perf_counter() - native_done,
    }
    return BatchResult(verdicts, errors, opts.as_of, timings)


def _progress_bar() -> Any:
    try:
        from tqdm.auto import tqdm
    except ImportError:
        warnings.warn("progress=True needs tqdm (pip install tqdm); running without a progress bar", stacklevel=3)
        return None
    return tqdm


def synthetic_figures(
    seed: int = 1,
    units: int = 3321,
    *,
    missing_per_mille: int = 20,
    bad_unit_per_mille: int = 5,
    numbers: str = "float",
    catalogue: Optional[Catalogue] = None,
) -> "pandas.DataFrame":
    """Synthetic figures for ``units`` communes and wards (``U0001``...), every year of the programme, from the
    core's deterministic generator (``chitieu::synthetic``): the same seed gives the same frame; the first
    ``n`` units of a larger frame are the frame of ``n`` units. Illustrative, not official statistics.

    Columns ``unit``, ``indicator``, ``period``, ``value``, ``numerator``, ``denominator``, ``growth``, ``done``,
    ``completed``, ``entity``: the text columns are categorical (periods are text such as ``2026`` and
    ``2026-Q1``), the numbers float64 (``numbers="text"``: object columns of the exact text the core wrote).

    About ``missing_per_mille`` of the rows are left out, and about ``bad_unit_per_mille`` of the units get one
    to three bad rows. ``frame.attrs["planted"]`` lists them (``row``, counted from 1 at the first DataFrame row,
    ``other_row`` for a duplicate, ``unit``, ``indicator``, ``code``: the error code reading the row gives). A
    planted text that is not a number cannot be held by a float column: it is +infinity there, which the core
    refuses with the same code (``not_a_number``).
    """
    import numpy as np
    import pandas as pd

    if numbers not in ("float", "text"):
        raise ValueError('numbers must be "float" or "text"')
    for name, v in (("seed", seed), ("units", units), ("missing_per_mille", missing_per_mille)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise TypeError(f"{name} must be an int, 0 or more")
    if isinstance(bad_unit_per_mille, bool) or not isinstance(bad_unit_per_mille, int) or bad_unit_per_mille < 0:
        raise TypeError("bad_unit_per_mille must be an int, 0 or more")
    cat = _catalogue(catalogue)
    out = _native.synthetic_columns(cat._native, seed, units, missing_per_mille, bad_unit_per_mille, numbers)
    data: Dict[str, Any] = {}
    for col in out["columns"]:
        name, kind, payload = col[0], col[1], col[2]
        if kind == "codes":
            data[name] = pd.Categorical.from_codes(np.frombuffer(payload, "<i4"), categories=col[3])
        elif kind == "float":
            data[name] = np.frombuffer(payload, "<f8").copy()
        else:
            data[name] = pd.Series(payload, dtype=object)
    frame = pd.DataFrame(data)
    frame.attrs["planted"] = [
        {"row": r, "other_row": o, "unit": u, "indicator": i, "code": c} for r, o, u, i, c in out["bad"]
    ]
    return frame
