"""evaluate_batch's column reader (python/src/batch.rs, chunk by chunk, column by column) against a second reader:
the core's CSV reader of the same frame written by pandas, on frames with every kind of cell a user can hand in
(bad numbers, periods, dates and yes/no texts, blank and half-blank rows, spaces, long texts, unknown and missing
indicators, infinities, integers and floats in text fields), categorical codes of every width, and floats at the
edges of exactness."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, List, Optional

import numpy as np
import pandas as pd
import pytest

import chitieu

AS_OF = "2030"
NUMBERS = ("value", "numerator", "denominator", "growth")


def messy_frame(seed: int, units: int = 6, long_texts: bool = True) -> pd.DataFrame:
    """The synthetic figures of a few units (every indicator), as object columns, with about one cell in 25
    spoiled or changed in ways a user's frame can hold, some blank rows, and the rows shuffled. Without
    `long_texts`, no text is too long for its field (the reader then checks lengths on no row)."""
    rng = np.random.default_rng(seed)
    base = chitieu.synthetic_figures(seed=seed, units=units, bad_unit_per_mille=200).astype(object)
    base = base.where(base.notna(), None)
    base["note"] = None
    n = len(base)
    spoil: dict = {
        "unit": [None, " U0001 ", "  ", "U0001", "Ü-" + "x" * 201],
        "indicator": [None, "grdp_typo", " grdp ", "", "online_dossiers", "x" * 201],
        "period": [None, "2030-Q5", " 2027 ", 2027, "2026-Q2", "20x6", "2031", "2026-03-01"],
        "value": [None, "x1", " 12 ", "1e3", "85,5", float("inf"), 85.00000000000001, 0.1 + 0.2, 2**53, -0.0,
                  "-0", 85.0, 1e-4, "1" * 30],
        "numerator": [None, 5, "abc", 0.5],
        "denominator": [None, 0, 7, "7.0"],
        "growth": [None, 11.5, "-3", "n/a"],
        "done": [None, "maybe", "có", "1", "FALSE", " yes ", 1],  # (a float 0.0 is "0" here, "0.0" in CSV)
        "completed": [None, "2026-02-30", "2026-09-21", "soon", " 2027-01-01 "],
        "entity": [None, "E01", " E02 ", "e" * 201, 3],
        "note": [None, "checked", "n" * 300],
    }
    if not long_texts:
        spoil = {c: [x for x in choices if not (isinstance(x, str) and len(x) > 200)] for c, choices in spoil.items()}
    for column, choices in spoil.items():
        where = np.flatnonzero(rng.random(n) < 0.04)
        picks = rng.integers(0, len(choices), len(where))
        for row, k in zip(where, picks):
            base.iat[row, base.columns.get_loc(column)] = choices[k]
    blank = np.flatnonzero(rng.random(n) < 0.03)
    for row in blank:
        for column in base.columns:
            base.iat[row, base.columns.get_loc(column)] = None
    return base.sample(frac=1.0, random_state=seed).reset_index(drop=True)


def as_csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def decimals(series: pd.Series) -> List[Optional[Decimal]]:
    return [None if x is None else Decimal(x) for x in series]


def plain(series: pd.Series) -> List[Any]:
    return [None if pd.isna(x) else x for x in series.astype(object)]


def assert_same(got: chitieu.BatchResult, want: chitieu.BatchResult, row_shift: int) -> None:
    """The same verdicts (numbers as decimals: a float read as 85 and the CSV text 85.0 are the same number) and
    the same errors (rows shifted by the CSV header)."""
    a, b = got.verdicts, want.verdicts
    assert len(a) == len(b)
    assert list(a["unit"].astype(object)) == list(b["unit"].astype(object))
    assert list(a["target"].astype(object)) == list(b["target"].astype(object))
    assert plain(a["status"]) == plain(b["status"])
    for column in ("value", "margin", "achievement_ratio", "progress_ratio", "rate_to_date", "rate_required",
                   "expected_to_date", "projected"):
        assert decimals(a[column]) == decimals(b[column]), column
    assert plain(a["error_code"]) == plain(b["error_code"])
    rows = [None if pd.isna(r) else int(r) + row_shift for r in a["error_row"]]
    assert rows == [None if pd.isna(r) else int(r) for r in b["error_row"]]
    mine = [(int(r.row) + row_shift if not pd.isna(r.row) else None, r.unit, r.target, r.code, r.field)
            for r in got.errors.itertuples()]
    theirs = [(None if pd.isna(r.row) else int(r.row), r.unit, r.target, r.code, r.field)
              for r in want.errors.itertuples()]
    assert mine == theirs


@pytest.mark.parametrize("seed, long_texts", [(11, True), (12, False), (13, False), (14, True)])
def test_messy_frames_read_as_the_csv_reader_reads_them(seed: int, long_texts: bool) -> None:
    frame = messy_frame(seed, long_texts=long_texts)
    assert len(frame) > 2 * 256  # several chunks of the column reader
    want = chitieu.evaluate_batch(as_csv(frame), as_of=AS_OF, numbers="text", threads=1)
    assert len(want.errors) > 20, "the frame should have many bad rows"
    codes = set(want.errors["code"])
    assert {"not_a_number", "invalid_period", "unknown_indicator", "missing_field", "wrong_kind"} <= codes
    assert ("limit_exceeded" in codes) == long_texts
    # object columns (mixed Python objects, read one distinct value at a time)
    got = chitieu.evaluate_batch(frame, as_of=AS_OF, numbers="text", threads=1)
    assert_same(got, want, row_shift=1)
    # the text columns categorical (their own codes), as pandas reads a CSV with dtype="category"
    text_columns = ["unit", "indicator", "period", "done", "completed", "entity", "note"]
    categorical = frame.astype({c: "str" for c in text_columns}).astype({c: "category" for c in text_columns})
    for c in text_columns:  # None became "None" through str: put the empty cells back
        categorical[c] = categorical[c].cat.remove_categories(["None"]) if "None" in categorical[c].cat.categories else categorical[c]
    got = chitieu.evaluate_batch(categorical, as_of=AS_OF, numbers="text", threads=1)
    assert_same(got, want, row_shift=1)
    # threads: blocks of whole units, joined
    got = chitieu.evaluate_batch(frame, as_of=AS_OF, numbers="text", threads=2)
    assert_same(got, want, row_shift=1)


def test_float_number_columns_read_as_their_text() -> None:
    """Float columns (NaN empty, infinity refused) read as the CSV of the same floats (Python's repr)."""
    frame = messy_frame(21, long_texts=False)
    for column in NUMBERS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    frame.loc[frame.index[::97], "value"] = np.inf
    assert frame["value"].dtype == np.float64
    want = chitieu.evaluate_batch(as_csv(frame), as_of=AS_OF, numbers="text", threads=1)
    got = chitieu.evaluate_batch(frame, as_of=AS_OF, numbers="text", threads=1)
    assert_same(got, want, row_shift=1)
    assert (got.errors["code"] == "not_a_number").sum() >= len(frame.index[::97]) // 2


@pytest.mark.parametrize("categories", [3, 300, 40_000])
def test_categorical_codes_of_every_width(categories: int) -> None:
    """int8 (up to 127 categories), int16 and int32 codes, with unused categories and empty cells (-1), read as
    the same texts in an object column."""
    units = [f"U{k:05d}" for k in range(categories)]
    rows = [
        ("online_dossiers", "2030", 85.0),
        ("online_dossiers", "2030", 85.00000000000001),
        ("grdp", "2025", 10000.0),
        ("grdp", "2030", 21003.416576),
    ]
    unit_of = ["U00000", "U00001", None, units[-1]]
    frame = pd.DataFrame(
        {
            "unit": pd.Categorical(unit_of, categories=units),
            "indicator": pd.Categorical([r[0] for r in rows]),
            "period": pd.Categorical([r[1] for r in rows]),
            "value": [r[2] for r in rows],
        }
    )
    width = {3: np.int8, 300: np.int16, 40_000: np.int32}[categories]
    assert frame["unit"].cat.codes.dtype == width
    assert frame["indicator"].cat.codes.dtype == np.int8
    plain = frame.astype({"unit": object, "indicator": object, "period": object})
    got = chitieu.evaluate_batch(frame, as_of=AS_OF, numbers="text")
    want = chitieu.evaluate_batch(plain, as_of=AS_OF, numbers="text")
    pd.testing.assert_frame_equal(got.verdicts, want.verdicts)
    pd.testing.assert_frame_equal(got.errors, want.errors)
    v = got.verdicts.set_index(["unit", "target"])
    assert v.loc[("U00000", "online_dossiers_2030"), "status"] == "not_achieved"  # 85 is not more than 85
    assert v.loc[("U00001", "online_dossiers_2030"), "status"] == "achieved"
    assert v.loc[("U00001", "online_dossiers_2030"), "value"] == "85.00000000000001"
    assert got.verdicts["unit"].isna().any()  # the row without a unit is judged as the unit "no unit"


def echoed(indicator: str, target: str, values: List[float]) -> List[str]:
    """The value the verdict of `target` gives back for each float (one unit a float), as exact text."""
    frame = pd.DataFrame(
        {
            "unit": [f"A{k:02d}" for k in range(len(values))],
            "indicator": [indicator] * len(values),
            "period": ["2030"] * len(values),
            "value": values,
        }
    )
    r = chitieu.evaluate_batch(frame, as_of=AS_OF, numbers="text")
    assert len(r.errors) == 0, r.errors
    v = r.verdicts[r.verdicts["target"] == target]
    return list(v["value"])


def test_floats_at_the_edges_of_exactness() -> None:
    """Each float reads as its shortest decimal, as Python's repr writes it (without a trailing .0), whichever
    path of the reader takes it: whole floats up to 2^53 and beyond, floats with up to 4 decimals below 10^11 (the
    fast path), and every other (the printed text). 85.0 is not above 85; the next float up is."""
    shares = [85.0, 85.00000000000001, 84.99999999999999, 0.1 + 0.2, 0.3, 1e-4, 5e-5, 1.5e-4, 12.3456, 12.34567,
              99.99999999999999, 100.0, 0.0, -0.0]
    got = echoed("online_dossiers", "online_dossiers_2030", shares)
    # Python's repr of each, without a trailing ".0" and in plain notation (repr(5e-05) == "5e-05")
    assert got == ["85", "85.00000000000001", "84.99999999999999", "0.30000000000000004", "0.3", "0.0001",
                   "0.00005", "0.00015", "12.3456", "12.34567", "99.99999999999999", "100", "0", "0"]
    counts = [85.0, 2.0**53, 2.0**53 + 2, 1e15, 1e20, 12345678901.0, 99999999999.0]
    got = echoed("enterprises_active", "enterprises_active", counts)
    assert got == ["85", "9007199254740992", "9007199254740994", "1000000000000000", "100000000000000000000",
                   "12345678901", "99999999999"]
    statuses = chitieu.evaluate_batch(
        pd.DataFrame(
            {
                "unit": ["at", "above", "below"],
                "indicator": ["online_dossiers"] * 3,
                "period": [2030] * 3,
                "value": [85.0, 85.00000000000001, 84.99999999999999],
            }
        ),
        as_of=AS_OF,
    ).verdicts
    s = statuses[statuses["target"] == "online_dossiers_2030"].set_index("unit")["status"]
    assert (s["at"], s["above"], s["below"]) == ("not_achieved", "achieved", "not_achieved")


def test_float_result_columns_can_be_changed() -> None:
    """The float columns of the verdict table are the frame's own (made from the core's buffers without an extra
    copy): a cell changes without touching the others, or another call's result."""
    frame = chitieu.synthetic_figures(seed=2, units=5)
    for threads in (1, 2):
        v = chitieu.evaluate_batch(frame, as_of=AS_OF, threads=threads).verdicts
        again = chitieu.evaluate_batch(frame, as_of=AS_OF, threads=threads).verdicts
        before = v["margin"].copy()
        v.loc[v.index[0], "value"] = -1.0
        v.loc[v.index[1], "value"] = -2.0
        assert list(v["value"][:2]) == [-1.0, -2.0]
        pd.testing.assert_series_equal(v["margin"], before)
        assert again["value"][0] != -1.0 or np.isnan(again["value"][0])
