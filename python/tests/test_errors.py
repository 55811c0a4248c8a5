"""Every error code of the core raises its own class with its code and details; panics become InternalError."""

from __future__ import annotations

import json
import pickle
from typing import Any, Callable, Dict

import pandas as pd
import pytest

import chitieu
from chitieu import _native


def _builtin() -> Dict[str, Any]:
    return json.loads(chitieu.Catalogue.builtin().to_json())


def _catalogue_invalid() -> None:
    doc = _builtin()
    doc["format"] = 2
    chitieu.Catalogue.from_dict(doc)


def _duplicate_id() -> None:
    doc = _builtin()
    doc["indicators"].append(dict(doc["indicators"][0]))
    chitieu.Catalogue.from_dict(doc)


def _figures(*rows: Dict[str, Any]) -> Callable[[], Any]:
    return lambda: chitieu.evaluate(list(rows), as_of="2030")


def _overflow() -> None:
    # the required path from a base at the largest decimal does not fit a decimal a year later
    card = chitieu.evaluate(
        [{"indicator": "grdp", "period": "2025", "value": "79228162514264337593543950335"}], as_of="2025"
    )
    card.path("grdp_growth")


# code -> (a way to trigger it, the details it must carry)
TRIGGERS: Dict[str, Any] = {
    "catalogue_syntax": (lambda: chitieu.Catalogue.from_json("{"), {}),
    "catalogue_invalid": (_catalogue_invalid, {"field": "format"}),
    "duplicate_id": (_duplicate_id, {"target": _builtin()["indicators"][0]["id"]}),
    "figures_syntax": (lambda: chitieu.Figures.from_csv("indicator,period,colour\n"), {"row": 1}),
    "unknown_indicator": (_figures({"indicator": "gdp", "period": "2026", "value": 1}), {"row": 1, "indicator": "gdp"}),
    "missing_field": (_figures({"indicator": "grdp", "period": "2026"}), {"row": 1, "field": "value"}),
    "not_a_number": (
        _figures({"indicator": "grdp", "period": "2026", "value": "1,5"}),
        {"row": 1, "field": "value", "value": "1,5"},
    ),
    "invalid_period": (
        _figures({"indicator": "grdp", "period": "2026-Q5", "value": 1}),
        {"row": 1, "field": "period", "value": "2026-Q5"},
    ),
    "duplicate_figure": (
        _figures({"indicator": "grdp", "period": "2026", "value": 1}, {"indicator": "grdp", "period": "2026", "value": 2}),
        {"row": 2, "other_row": 1, "indicator": "grdp"},
    ),
    "numerator_above_denominator": (
        _figures({"indicator": "online_dossiers", "period": "2026", "numerator": 5, "denominator": 4}),
        {"row": 1, "field": "numerator", "indicator": "online_dossiers", "value": "5"},
    ),
    "non_positive_denominator": (
        _figures({"indicator": "online_dossiers", "period": "2026", "numerator": 0, "denominator": 0}),
        {"row": 1, "field": "denominator"},
    ),
    "negative_count": (
        _figures({"indicator": "new_enterprises", "period": "2026", "value": -1}),
        {"row": 1, "field": "value", "value": "-1"},
    ),
    "not_whole_count": (
        _figures({"indicator": "new_enterprises", "period": "2026", "value": 1.5}),
        {"row": 1, "value": "1.5"},
    ),
    "percentage_out_of_range": (
        _figures({"indicator": "online_dossiers", "period": "2026", "value": 100.5}),
        {"row": 1, "value": "100.5"},
    ),
    "period_outside_programme": (
        _figures({"indicator": "grdp", "period": "2031", "value": 1}),
        {"row": 1, "field": "period", "value": "2031"},
    ),
    "wrong_kind": (_figures({"indicator": "grdp", "period": "2026", "done": True}), {"row": 1, "field": "done"}),
    "non_positive_base": (
        _figures({"indicator": "grdp", "period": "2025", "value": 0}, {"indicator": "grdp", "period": "2026", "value": 1}),
        {"indicator": "grdp", "target": "grdp_growth"},
    ),
    "limit_exceeded": (_overflow, {"value": "79228162514264337593543950335 (the largest decimal)", "row": None}),
    "invalid_setting": (lambda: chitieu.evaluate([], as_of="2030", on_track_ratio=2), {"field": "on_track_ratio"}),
    "docx_syntax": (lambda: chitieu.docx_text(b"not a zip"), {"field": "zip"}),
    "xlsx_syntax": (lambda: chitieu.Figures.read(b"PK\x03\x04 not a workbook"), {"sheet": None}),
    "internal": (lambda: _native._panic_for_tests("boom"), {}),
}


def test_every_code_of_the_core_has_a_declared_class() -> None:
    codes = set(_native.ERROR_CODES) | {_native.INTERNAL_ERROR_CODE}
    assert set(chitieu.ERROR_CLASSES) == codes
    names = set(chitieu.__all__)
    for code, cls in chitieu.ERROR_CLASSES.items():
        assert cls.code == code
        assert issubclass(cls, chitieu.ChitieuError) and issubclass(cls, ValueError)
        # written out in chitieu/_errors.py (not generated at import time) and exported
        assert cls.__name__ in names, f"no class written out for error code {code!r}"
        assert getattr(chitieu, cls.__name__) is cls
    assert len({cls for cls in chitieu.ERROR_CLASSES.values()}) == len(codes)


def test_every_code_is_triggered_here() -> None:
    assert set(TRIGGERS) == set(chitieu.ERROR_CLASSES)


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_code_raises_its_class(code: str) -> None:
    trigger, details = TRIGGERS[code]
    with pytest.raises(chitieu.ChitieuError) as info:
        trigger()
    err = info.value
    assert type(err) is chitieu.error_class(code)
    assert err.code == code
    assert f"[{code}]" in str(err)
    for key, value in details.items():
        assert err.details[key] == value, (key, err.details)
        assert getattr(err, key) == value
    assert set(err.details) == {"row", "other_row", "field", "indicator", "target", "value", "sheet", "cell"}


def test_named_classes() -> None:
    assert chitieu.DuplicateFigureError.code == "duplicate_figure"
    assert chitieu.LimitExceededError.code == "limit_exceeded"
    assert chitieu.InternalError.code == "internal"
    with pytest.raises(ValueError):
        chitieu.Catalogue.from_json("[]")


def test_a_panic_is_not_a_panic_exception() -> None:
    with pytest.raises(chitieu.InternalError) as info:
        _native._panic_for_tests("something broke")
    assert "something broke" in str(info.value)
    assert type(info.value).__mro__[1] is chitieu.ChitieuError


def test_errors_pickle() -> None:
    try:
        chitieu.evaluate([{"indicator": "gdp", "period": "2026", "value": 1}], as_of="2030")
    except chitieu.UnknownIndicatorError as e:
        again = pickle.loads(pickle.dumps(e))
        assert type(again) is type(e) and again.details == e.details and str(again) == str(e)
    else:  # pragma: no cover
        pytest.fail("no error")


def test_as_of_errors() -> None:
    for bad in ("2027-13", "next year", "2027-Q5", "", 20270):
        with pytest.raises(chitieu.InvalidSettingError) as info:
            chitieu.evaluate([], as_of=bad)
        assert info.value.field == "as_of"
    with pytest.raises(TypeError):
        chitieu.evaluate([], as_of=2027.0)  # type: ignore[arg-type]
    with pytest.raises(chitieu.InvalidSettingError):
        chitieu.evaluate([], as_of="2030", decimals=-1)
    with pytest.raises(chitieu.InvalidSettingError):
        chitieu.evaluate([], as_of="2030", at_risk_ratio="lots")


def test_dataframe_rows_count_from_one_whatever_the_index() -> None:
    df = pd.DataFrame(
        {"indicator": ["grdp", "grdp", "grdp"], "period": ["2025", "2026", "2026"], "value": [1, 2, 3]},
        index=[10, 20, 30],
    )
    with pytest.raises(chitieu.DuplicateFigureError) as info:
        chitieu.evaluate(df, as_of="2030")
    assert (info.value.row, info.value.other_row) == (3, 2)


def test_dataframe_unknown_and_repeated_columns() -> None:
    df = pd.DataFrame({"indicator": ["grdp"], "period": ["2025"], "Value": [1]})
    with pytest.raises(chitieu.FiguresSyntaxError):
        chitieu.evaluate(df, as_of="2030")
    df = pd.DataFrame([["grdp", "2025", 1, 2]], columns=["indicator", "period", "value", "value"])
    with pytest.raises(chitieu.FiguresSyntaxError) as info:
        chitieu.evaluate(df, as_of="2030")
    assert "appears twice" in str(info.value) and info.value.row == 0


def test_wrong_python_types() -> None:
    with pytest.raises(TypeError):
        chitieu.evaluate(42, as_of="2030")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        chitieu.evaluate({"indicator": "grdp"}, as_of="2030")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        chitieu.evaluate([["grdp", "2025", 1]], as_of="2030")  # type: ignore[list-item]


def test_the_error_catalogue_lists_every_code_with_its_class():
    entries = chitieu.error_catalogue()
    assert [e["code"] for e in entries] == list(chitieu._native.ERROR_CODES)
    for e in entries:
        assert e["meaning"] and e["example"]
        assert issubclass(e["exception"], chitieu.ChitieuError)
        assert e["exception"].code == e["code"]


def test_evaluating_a_dataframe_leaves_it_unchanged():
    pd = pytest.importorskip("pandas")
    nan = float("nan")
    df = pd.DataFrame(
        {
            "indicator": ["online_dossiers", "grdp", "party_admission_rate"],
            "period": ["2030", "2025", "2026"],
            "value": [85.0, 10000.0, nan],
            "numerator": [nan, nan, 30.0],
            "denominator": [nan, nan, 1000.0],
        }
    )
    before = df.copy(deep=True)
    chitieu.evaluate(df, as_of="2030")
    pd.testing.assert_frame_equal(df, before)
