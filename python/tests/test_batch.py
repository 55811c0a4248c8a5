"""Many units at once: evaluate_batch against the single-unit API, bad rows, order, threads, input left alone,
boundaries, empty and malformed input, and synthetic_figures."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, List, Tuple

import numpy as np
import pandas as pd
import pytest

import chitieu

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2030"


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    # 40 units, many of them with planted bad rows
    return chitieu.synthetic_figures(seed=7, units=40, bad_unit_per_mille=300)


@pytest.fixture(scope="module")
def exact(frame: pd.DataFrame) -> chitieu.BatchResult:
    return chitieu.evaluate_batch(frame, as_of=AS_OF, numbers="text", threads=1)


def test_columns_and_dtypes(frame: pd.DataFrame, decimal_columns: Tuple[str, ...]) -> None:
    verdicts, errors = chitieu.evaluate_batch(frame, as_of=AS_OF)
    assert tuple(verdicts.columns) == chitieu.BATCH_COLUMNS
    assert tuple(errors.columns) == chitieu.BATCH_ERROR_COLUMNS
    n_targets = len(chitieu.Catalogue.builtin())
    assert len(verdicts) == 40 * n_targets
    assert list(verdicts["status"].cat.categories) == [s.value for s in chitieu.Status.in_report_order()]
    assert list(verdicts["error_code"].cat.categories) == list(chitieu._native.ERROR_CODES)
    for col in decimal_columns:
        assert verdicts[col].dtype == np.float64, col
    assert str(verdicts["aim_reached"].dtype) == "boolean"
    assert str(verdicts["error_row"].dtype) == "Int64"
    assert list(verdicts["unit"].cat.categories) == [f"U{k:04d}" for k in range(1, 41)]
    # units sorted, targets in catalogue order within each unit
    assert list(verdicts["target"][:n_targets]) == chitieu.Catalogue.builtin().targets.ids()
    assert verdicts["unit"].is_monotonic_increasing


def test_each_unit_equals_the_single_unit_api(
    frame: pd.DataFrame, exact: chitieu.BatchResult, rows_are_the_evaluations: Callable[..., int]
) -> None:
    verdicts = exact.verdicts
    bad_units = {p["unit"] for p in frame.attrs["planted"]}
    clean = [u for u in frame["unit"].cat.categories if u not in bad_units]
    assert len(clean) >= 5 and bad_units
    checked = 0
    for unit in clean[:8]:
        alone = frame[frame["unit"] == unit]
        card = chitieu.evaluate(alone, as_of=AS_OF, unit=unit, explain=False)
        rows = verdicts[verdicts["unit"] == unit]
        checked += rows_are_the_evaluations(rows, card, unit)
    assert checked == 8 * len(chitieu.Catalogue.builtin())


def test_planted_bad_rows_are_reported_and_other_units_unaffected(
    frame: pd.DataFrame, exact: chitieu.BatchResult
) -> None:
    verdicts, errors = exact
    planted = frame.attrs["planted"]
    assert len(planted) >= 5
    read_errors = errors[errors["target"].isna()]
    got = {(int(r.row), r.unit, r.code) for r in read_errors.itertuples()}
    for p in planted:
        # rows count from 1 at the first DataFrame row
        assert (p["row"], p["unit"], p["code"]) in got, p
    assert len(read_errors) == len(planted)
    # every target whose series had a bad row: no status, the code and row of the series' first bad row
    marked = verdicts[verdicts["error_row"].notna() & verdicts["target"].notna()]
    read_marked = marked[marked["error_row"].isin(read_errors["row"])]
    assert len(read_marked) >= len(planted) // 2 and read_marked["status"].isna().all()
    code_at = dict(zip(read_errors["row"], read_errors["code"]))
    unit_at = dict(zip(read_errors["row"], read_errors["unit"]))
    for r in read_marked.itertuples():
        assert (r.error_code, r.unit) == (code_at[r.error_row], unit_at[r.error_row])
    assert list(read_errors["row"]) == sorted(read_errors["row"])  # in row order
    bad_units = {p["unit"] for p in planted}
    others = verdicts[~verdicts["unit"].isin(bad_units)]
    assert others["error_code"].isna().all() and others["status"].notna().all()
    # the same units evaluated without the bad ones: identical verdicts
    clean = frame[~frame["unit"].isin(bad_units)]
    alone = chitieu.evaluate_batch(clean, as_of=AS_OF, numbers="text", threads=1).verdicts
    text = {"unit": object, "value_period": object}
    a = others.reset_index(drop=True).drop(columns=["error_row"]).astype(text)
    b = alone.drop(columns=["error_row"]).astype(text)
    pd.testing.assert_frame_equal(a, b)


def test_input_order_does_not_change_the_result(frame: pd.DataFrame, exact: chitieu.BatchResult) -> None:
    shuffled = frame.sample(frac=1.0, random_state=3)
    # the same row numbers as the original frame: then the result is identical, errors included
    again = chitieu.evaluate_batch(shuffled, as_of=AS_OF, numbers="text", threads=1, row_numbers=shuffled.index + 1)
    pd.testing.assert_frame_equal(again.verdicts, exact.verdicts)
    pd.testing.assert_frame_equal(again.errors, exact.errors)
    # without them only the row numbers differ
    plain = chitieu.evaluate_batch(shuffled, as_of=AS_OF, numbers="text", threads=1)
    pd.testing.assert_frame_equal(plain.verdicts.drop(columns="error_row"), exact.verdicts.drop(columns="error_row"))


@pytest.mark.parametrize("numbers", ["float", "text"])
def test_threads_and_progress_give_the_same_frames(frame: pd.DataFrame, numbers: str) -> None:
    one = chitieu.evaluate_batch(frame, as_of=AS_OF, numbers=numbers, threads=1)
    two = chitieu.evaluate_batch(frame, as_of=AS_OF, numbers=numbers, threads=2)
    pd.testing.assert_frame_equal(one.verdicts, two.verdicts)
    pd.testing.assert_frame_equal(one.errors, two.errors)
    pytest.importorskip("tqdm")
    bar = chitieu.evaluate_batch(frame, as_of=AS_OF, numbers=numbers, threads=1, progress=True)
    pd.testing.assert_frame_equal(one.verdicts, bar.verdicts)
    pd.testing.assert_frame_equal(one.errors, bar.errors)


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("order", ["grouped", "shuffled"])
def test_blocks_of_whole_units_give_the_frames_of_one_call(
    frame: pd.DataFrame, monkeypatch: pytest.MonkeyPatch, threads: int, order: str
) -> None:
    """A frame read and judged a block of whole units at a time (a few hundred rows a block here; 65,536 by
    default), the core joining the blocks' tables: the frames of one call, bad rows and errors in their order
    included, whether the rows come grouped by unit (blocks are ranges of rows) or shuffled (their bad rows
    interleave)."""
    data = frame if order == "grouped" else frame.sample(frac=1.0, random_state=5)
    rows = data.index + 1
    one = chitieu.evaluate_batch(data, as_of=AS_OF, numbers="text", threads=1, row_numbers=rows)
    assert len(one.errors) > 20, "the frame should have many bad rows"
    calls: List[int] = []
    native = chitieu._native.batch_columns

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(len(args[7]) if len(args) > 7 and args[7] is not None else 0)
        return native(*args, **kwargs)

    monkeypatch.setattr(chitieu._batch, "_BLOCK_ROWS", 300)
    monkeypatch.setattr(chitieu._native, "batch_columns", spy)
    blocks = chitieu.evaluate_batch(data, as_of=AS_OF, numbers="text", threads=threads, row_numbers=rows)
    if order == "grouped":
        assert len(calls) == 1 and calls[0] > 3 * threads, f"one call, blocks: {calls}"
    else:
        assert calls == [threads], f"scattered rows: a block a worker, read in one pass ({calls})"
    pd.testing.assert_frame_equal(blocks.verdicts, one.verdicts)
    pd.testing.assert_frame_equal(blocks.errors, one.errors)
    if order == "shuffled":
        # scattered blocks of a few hundred rows too (their bad rows interleave): the same frames
        chunks = chitieu._batch._unit_chunks
        monkeypatch.setattr(chitieu._batch, "_unit_chunks", lambda c, n, scattered=None: chunks(c, n))
        calls.clear()
        again = chitieu.evaluate_batch(data, as_of=AS_OF, numbers="text", threads=threads, row_numbers=rows)
        assert len(calls) == 1 and calls[0] > 3 * threads, f"one call, blocks: {calls}"
        pd.testing.assert_frame_equal(again.verdicts, one.verdicts)
        pd.testing.assert_frame_equal(again.errors, one.errors)


@pytest.mark.parametrize("threads", [1, 2])
def test_the_progress_bar_counts_every_row_once_and_its_errors_are_raised(
    frame: pd.DataFrame, exact: chitieu.BatchResult, monkeypatch: pytest.MonkeyPatch, threads: int
) -> None:
    """``progress=True``: the bar is told each block's rows once it is judged (from the workers' threads), so it
    ends at the frame's rows; the result is that of one call. A bar that raises stops the call with its error."""
    updates: List[int] = []

    class Bar:
        def __init__(self, total: int, **_: Any) -> None:
            self.total = total

        def __enter__(self) -> "Bar":
            return self

        def __exit__(self, *_: Any) -> None:
            pass

        def update(self, n: int) -> None:
            updates.append(n)

    monkeypatch.setattr(chitieu._batch, "_progress_bar", lambda: Bar)
    got = chitieu.evaluate_batch(frame, as_of=AS_OF, numbers="text", threads=threads, progress=True)
    pd.testing.assert_frame_equal(got.verdicts, exact.verdicts)
    pd.testing.assert_frame_equal(got.errors, exact.errors)
    assert sum(updates) == len(frame) and len(updates) >= 20, updates

    class Broken(Bar):
        def update(self, n: int) -> None:
            raise RuntimeError("the bar broke")

    monkeypatch.setattr(chitieu._batch, "_progress_bar", lambda: Broken)
    with pytest.raises(RuntimeError, match="the bar broke"):
        chitieu.evaluate_batch(frame, as_of=AS_OF, threads=threads, progress=True)


def test_number_modes_agree(frame: pd.DataFrame, exact: chitieu.BatchResult, decimal_columns: Tuple[str, ...]) -> None:
    floats = chitieu.evaluate_batch(frame, as_of=AS_OF, threads=1).verdicts
    decimals = chitieu.evaluate_batch(frame, as_of=AS_OF, numbers="decimal", threads=1).verdicts
    for col in decimal_columns:
        text = exact.verdicts[col]
        assert [None if t is None else Decimal(t) for t in text] == list(decimals[col]), col
        want = np.array([np.nan if t is None else float(t) for t in text])
        np.testing.assert_array_equal(floats[col].to_numpy(), want)  # the nearest float, exactly


def test_text_and_object_columns_read_the_same(frame: pd.DataFrame, exact: chitieu.BatchResult) -> None:
    # as pd.read_csv(..., dtype=str) gives them: every column text, numbers as their text
    texts = chitieu.synthetic_figures(seed=7, units=40, bad_unit_per_mille=300, numbers="text")
    as_text = texts.astype({c: object for c in texts.columns if c not in ("value", "numerator", "denominator", "growth")})
    r = chitieu.evaluate_batch(as_text, as_of=AS_OF, numbers="text", threads=1)
    same = r.verdicts["status"] == exact.verdicts["status"]
    # only the planted "not a number" texts differ: a float column holds them as infinity
    assert same[exact.verdicts["status"].notna()].all()
    codes = set(r.errors["code"])
    assert codes == set(exact.errors["code"])
    # mixed Python objects in one column (ints, floats, Decimal, text) are read one by one
    mixed = pd.DataFrame(
        {
            "unit": ["A", "A", "B"],
            "indicator": ["grdp", "grdp", "online_dossiers"],
            "period": [2025, "2030", 2030.0],
            "value": [10000, Decimal("21003.416576"), "85.5"],
        }
    )
    v = chitieu.evaluate_batch(mixed, as_of=AS_OF, numbers="text").verdicts.set_index(["unit", "target"])
    assert v.loc[("A", "grdp_growth"), "status"] == "achieved"
    assert v.loc[("B", "online_dossiers_2030"), "status"] == "achieved"


def test_arrow_tables_and_polars_frames_read_as_the_dataframe(frame: pd.DataFrame, exact: chitieu.BatchResult) -> None:
    pa = pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    # the frame's own shape in Arrow: dictionary (categorical) text columns, float64 numbers
    table = pa.Table.from_pandas(frame, preserve_index=False)
    assert pa.types.is_dictionary(table.schema.field("unit").type)
    # plain Arrow strings, numbers with nulls, integer years: read as pandas reads them
    plain = pa.table(
        {
            name: (
                table.column(name).cast(pa.string())
                if pa.types.is_dictionary(table.schema.field(name).type)
                else table.column(name)
            )
            for name in table.column_names
        }
    )
    assert pa.types.is_string(plain.schema.field("unit").type)
    years = pa.table({"unit": ["A", "B"], "indicator": ["online_dossiers"] * 2, "period": [2030, 2030],
                      "value": pa.array([85.0, None])})
    # chunked columns (as a table read from several files is)
    chunked = pa.concat_tables([table.slice(0, 1000), table.slice(1000)])
    assert chunked.column("value").num_chunks == 2
    for source in (table, plain, chunked, pl.from_arrow(table), pl.from_arrow(plain)):
        got = chitieu.evaluate_batch(source, as_of=AS_OF, numbers="text", threads=1)
        pd.testing.assert_frame_equal(got.verdicts, exact.verdicts)
        pd.testing.assert_frame_equal(got.errors, exact.errors)
    # exact decimals (decimal128) read as the same Decimal objects in a pandas column are
    money = {"unit": ["A", "A", "B"], "indicator": ["online_dossiers", "grdp", "grdp"], "period": ["2030", "2025", "2025"]}
    amounts = [Decimal("85.5"), Decimal("10000"), None]
    from_arrow = chitieu.evaluate_batch(pa.table({**money, "value": pa.array(amounts, pa.decimal128(12, 2))}), as_of=AS_OF)
    from_pandas = chitieu.evaluate_batch(pd.DataFrame({**money, "value": amounts}), as_of=AS_OF)
    pd.testing.assert_frame_equal(from_arrow.verdicts, from_pandas.verdicts)
    pd.testing.assert_frame_equal(from_arrow.errors, from_pandas.errors)
    assert list(from_arrow.errors["code"]) == ["missing_field"]
    small = chitieu.evaluate_batch(years, as_of=AS_OF, numbers="text").verdicts.set_index(["unit", "target"])
    assert small.loc[("A", "online_dossiers_2030"), "status"] == "not_achieved"  # 85 is not more than 85
    assert small.loc[("B", "online_dossiers_2030"), "value"] is None  # a null number is an empty cell
    with pytest.raises(TypeError, match="pyarrow Table"):
        chitieu.evaluate_batch([1, 2], as_of=AS_OF)


def test_a_polars_frame_without_pyarrow_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    pl = pytest.importorskip("polars")
    frame = pl.DataFrame({"unit": ["A"], "indicator": ["online_dossiers"], "period": ["2030"], "value": [85.5]})
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if pyarrow were not installed
    with pytest.raises(ImportError, match=r"polars DataFrame needs pyarrow \(pip install pyarrow\)"):
        chitieu.evaluate_batch(frame, as_of=AS_OF)


def test_the_dataframe_is_not_modified(frame: pd.DataFrame) -> None:
    before = frame.copy(deep=True)
    chitieu.evaluate_batch(frame, as_of=AS_OF, threads=2)
    chitieu.evaluate_batch(frame, as_of=AS_OF, threads=1, progress=True)
    pd.testing.assert_frame_equal(frame, before)
    assert frame.attrs["planted"] == before.attrs["planted"]


def test_boundary_exactly_85_percent_is_not_more_than_85() -> None:
    figures = pd.DataFrame(
        {
            "unit": ["at", "above", "float", "grdp_exact", "grdp_exact", "grdp_short", "grdp_short"],
            "indicator": ["online_dossiers"] * 3 + ["grdp"] * 4,
            "period": [2030, 2030, 2030, 2025, 2030, 2025, 2030],
            "value": [85, 85.0001, 85.0, 10000, 21003.416576, 10000, 21003.416575],
        }
    )
    figures["value"] = figures["value"].astype(float)
    v = chitieu.evaluate_batch(figures, as_of="2030", numbers="text").verdicts.set_index(["unit", "target"])
    assert v.loc[("at", "online_dossiers_2030"), "status"] == "not_achieved"  # "trên 85%": more than 85
    assert v.loc[("float", "online_dossiers_2030"), "status"] == "not_achieved"
    assert v.loc[("above", "online_dossiers_2030"), "status"] == "achieved"
    assert v.loc[("at", "online_dossiers_2030"), "value"] == "85"
    assert v.loc[("grdp_exact", "grdp_growth"), "status"] in ("achieved", "exceeded")  # exactly 1.16^5
    assert v.loc[("grdp_short", "grdp_growth"), "status"] == "not_achieved"  # one millionth short


def test_empty_frames() -> None:
    empty = pd.DataFrame({"unit": [], "indicator": [], "period": [], "value": []})
    verdicts, errors = chitieu.evaluate_batch(empty, as_of=AS_OF)
    assert len(verdicts) == 0 and len(errors) == 0
    assert tuple(verdicts.columns) == chitieu.BATCH_COLUMNS
    # blank rows hold no figure
    blank = pd.DataFrame({"unit": [None, np.nan], "indicator": [None, None], "value": [np.nan, np.nan]})
    verdicts, errors = chitieu.evaluate_batch(blank, as_of=AS_OF)
    assert len(verdicts) == 0 and len(errors) == 0


def test_whole_input_problems_raise_the_library_errors() -> None:
    with pytest.raises(chitieu.FiguresSyntaxError, match="indicator"):
        chitieu.evaluate_batch(pd.DataFrame({"unit": ["A"], "value": [1.0]}), as_of=AS_OF)
    with pytest.raises(chitieu.FiguresSyntaxError, match="unknown column"):
        chitieu.evaluate_batch(pd.DataFrame({"indicator": ["grdp"], "colour": ["red"]}), as_of=AS_OF)
    dup = pd.DataFrame([["grdp", "grdp"]], columns=["indicator", "indicator"])
    with pytest.raises(chitieu.FiguresSyntaxError, match="twice"):
        chitieu.evaluate_batch(dup, as_of=AS_OF)
    with pytest.raises(chitieu.FiguresSyntaxError, match="no \"indicator\""):
        chitieu.evaluate_batch(pd.DataFrame(), as_of=AS_OF)
    ok = pd.DataFrame({"indicator": ["grdp"], "period": [2025], "value": [1.0]})
    with pytest.raises(chitieu.InvalidSettingError):
        chitieu.evaluate_batch(ok, as_of="soon")
    with pytest.raises(chitieu.InvalidSettingError):
        chitieu.evaluate_batch(ok, as_of=AS_OF, threads=0)
    with pytest.raises(TypeError):
        chitieu.evaluate_batch([{"indicator": "grdp"}], as_of=AS_OF)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        chitieu.evaluate_batch(ok, as_of=AS_OF, numbers="double")


def test_wrong_cells_are_bad_rows_with_their_codes() -> None:
    figures = pd.DataFrame(
        {
            "unit": ["A", "A", "B", "B", "C", "D"],
            "indicator": ["grdp", "grdp", "online_dossiers", "grdp_typo", "online_dossiers", None],
            "period": ["2025", "2030", "2030-Q5", "2030", "2030", "2030"],
            "value": ["10000", "21003,4", "90", "1", "inf", "1"],
        }
    )
    verdicts, errors = chitieu.evaluate_batch(figures, as_of=AS_OF)
    got = [(r.row, r.unit, r.code) for r in errors.itertuples()]
    assert got == [
        (2, "A", "not_a_number"),
        (3, "B", "invalid_period"),
        (4, "B", "unknown_indicator"),
        (5, "C", "not_a_number"),
        (6, "D", "missing_field"),
    ]
    v = verdicts.set_index(["unit", "target"])
    assert pd.isna(v.loc[("A", "grdp_growth"), "status"]) and v.loc[("A", "grdp_growth"), "error_row"] == 2
    assert v.loc[("A", "online_dossiers_2030"), "status"] == "no_data"
    # float infinity in a float column is refused the same way
    inf = pd.DataFrame({"unit": ["C"], "indicator": ["online_dossiers"], "period": [2030], "value": [np.inf]})
    assert list(chitieu.evaluate_batch(inf, as_of=AS_OF).errors["code"]) == ["not_a_number"]


def test_csv_text_and_files(frame: pd.DataFrame, tmp_path: Path) -> None:
    small = frame[frame["unit"].isin(["U0001", "U0002", "U0003"])].reset_index(drop=True)
    text = small.to_csv(index=False)
    from_df = chitieu.evaluate_batch(small, as_of=AS_OF, numbers="text")
    from_csv = chitieu.evaluate_batch(text, as_of=AS_OF, numbers="text")
    path = tmp_path / "figures.csv"
    path.write_text(text, encoding="utf-8")
    from_file = chitieu.evaluate_batch(path, as_of=AS_OF, numbers="text")
    pd.testing.assert_frame_equal(from_csv.verdicts, from_file.verdicts)
    assert list(from_csv.verdicts["status"]) == list(from_df.verdicts["status"])
    # in CSV the header is row 1: every row number is one more
    assert [r + 1 for r in from_df.errors["row"]] == list(from_csv.errors["row"])


def test_json_text_and_files(frame: pd.DataFrame, tmp_path: Path) -> None:
    import csv
    import io
    import json

    text = frame.to_csv(index=False)  # 40 units, with planted bad rows
    records = list(csv.reader(io.StringIO(text)))
    # each CSV record as an object of its filled cells (the numbers as the CSV's text)
    figures = [{k: v for k, v in zip(records[0], r) if v} for r in records[1:]]
    from_csv = chitieu.evaluate_batch(text, as_of=AS_OF, numbers="text")
    from_json = chitieu.evaluate_batch(json.dumps(figures), as_of=AS_OF, numbers="text")  # one line of text
    path = tmp_path / "figures.json"
    path.write_text(json.dumps({"figures": figures}, indent=1), encoding="utf-8")
    from_file = chitieu.evaluate_batch(path, as_of=AS_OF, numbers="text")
    pd.testing.assert_frame_equal(from_json.verdicts.drop(columns="error_row"), from_csv.verdicts.drop(columns="error_row"))
    pd.testing.assert_frame_equal(from_json.verdicts, from_file.verdicts)
    assert len(from_json.errors) > 0
    # in JSON the first figure is row 1: every row number one less than in CSV (whose header is row 1)
    assert [r - 1 for r in from_csv.errors["row"]] == list(from_json.errors["row"])
    assert list(from_csv.errors["code"]) == list(from_json.errors["code"])
    with pytest.raises(chitieu.ChitieuError, match="decimal comma"):
        chitieu.evaluate_batch(json.dumps(figures), as_of=AS_OF, decimal_comma=True)


def test_the_exact_boundary_holds_in_json() -> None:
    # "trên 85%" (more than): 85.00 is not enough, 85.01 is, as JSON numbers (their digits kept) and as text
    text = """[{"unit": "A", "indicator": "online_dossiers", "period": 2030, "value": 85.00},
               {"unit": "B", "indicator": "online_dossiers", "period": 2030, "value": 85.01},
               {"unit": "D", "indicator": "online_dossiers", "period": "2030", "value": "85.00"},
               {"unit": "C", "indicator": "online_dossiers", "period": 2030, "value": "85,5"}]"""
    result = chitieu.evaluate_batch(text, as_of=AS_OF, numbers="text", threads=1)
    v = result.verdicts.set_index(["unit", "target"])
    status = {u: v.loc[(u, "online_dossiers_2030"), "status"] for u in "ABCD"}
    assert (status["A"], status["B"], status["D"]) == ("not_achieved", "achieved", "not_achieved")
    assert pd.isna(status["C"])
    assert v.loc[("B", "online_dossiers_2030"), "margin"] == "0.01"
    assert list(zip(result.errors["row"], result.errors["unit"], result.errors["code"])) == [(4, "C", "not_a_number")]


def test_a_json_field_given_twice_is_a_bad_row_not_one_of_its_values() -> None:
    # Python's json module would keep the last value (90: achieved); the core reads neither, for the batch and for
    # one unit alike
    text = """[{"unit": "A", "indicator": "online_dossiers", "period": 2030, "value": 85.5},
               {"unit": "B", "indicator": "online_dossiers", "period": 2030, "value": 80, "value": 90}]"""
    result = chitieu.evaluate_batch(text, as_of=AS_OF, numbers="text", threads=1)
    errors = result.errors
    assert list(zip(errors["row"], errors["unit"], errors["code"])) == [(2, "B", "figures_syntax")]
    assert 'field "value" is given twice' in errors["message"][0]
    v = result.verdicts.set_index(["unit", "target"])
    assert v.loc[("A", "online_dossiers_2030"), "status"] == "achieved"
    assert pd.isna(v.loc[("B", "online_dossiers_2030"), "status"])
    with pytest.raises(chitieu.FiguresSyntaxError, match="given twice") as info:
        chitieu.evaluate(text.replace('"unit": "A", ', "").replace('"unit": "B", ', ""), as_of=AS_OF)
    assert info.value.row == 2


def test_synthetic_figures_are_deterministic_and_compact() -> None:
    a = chitieu.synthetic_figures(seed=5, units=12)
    b = chitieu.synthetic_figures(seed=5, units=12)
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs["planted"] == b.attrs["planted"]
    assert list(a.columns) == ["unit", "indicator", "period", "value", "numerator", "denominator", "growth", "done", "completed", "entity"]
    for col in ("unit", "indicator", "period", "done", "completed", "entity"):
        assert isinstance(a[col].dtype, pd.CategoricalDtype), col
    for col in ("value", "numerator", "denominator", "growth"):
        assert a[col].dtype == np.float64, col
    big = chitieu.synthetic_figures(seed=5, units=20)
    first = big[big["unit"].isin(a["unit"].cat.categories)].reset_index(drop=True)
    pd.testing.assert_frame_equal(first.astype(object), a.astype(object))  # 12 units: the start of 20
    clean = chitieu.synthetic_figures(seed=5, units=12, bad_unit_per_mille=0)
    assert clean.attrs["planted"] == [] and len(chitieu.evaluate_batch(clean, as_of=AS_OF).errors) == 0
    with pytest.raises(TypeError):
        chitieu.synthetic_figures(units=-1)


def test_dask_example_runs() -> None:
    pytest.importorskip("dask", reason="dask is not installed (pip install dask): the example needs it")
    r = subprocess.run(
        [sys.executable, str(REPO / "examples" / "dask_batch.py"), "--units", "30"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "same as one call: True" in r.stdout
