"""Exact numbers through Python: boundaries, float/Decimal/str inputs, NaN and infinity, digits kept."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd
import pytest

import chitieu
from chitieu import Status


def verdict(target: str, as_of: str, *figures: dict) -> chitieu.Evaluation:
    return chitieu.evaluate(list(figures), as_of=as_of)[target]


def online(value: Any) -> chitieu.Evaluation:
    return verdict("online_dossiers_2030", "2030", {"indicator": "online_dossiers", "period": "2030", "value": value})


# "trên 85%": strictly more than 85.
@pytest.mark.parametrize("value", [85, "85", Decimal("85"), 85.0, "85.000", Decimal("85.00")])
def test_exactly_85_is_not_achieved(value: Any) -> None:
    assert online(value).status is Status.NOT_ACHIEVED


@pytest.mark.parametrize("value", ["85.01", Decimal("85.01"), 85.01, "85.0000000000000000000001"])
def test_just_above_85_is_achieved(value: Any) -> None:
    assert online(value).status is Status.ACHIEVED


def test_just_below_85_through_a_float_is_not_rounded_up() -> None:
    # 84.99999999999999 prints as itself: it is below 85, whatever binary value lies behind it
    assert online(84.99999999999999).status is Status.NOT_ACHIEVED
    assert online(85.00000000000001).status is Status.ACHIEVED


def party(n: Any, d: Any, as_of: str = "2026") -> chitieu.Evaluation:
    row = {"indicator": "party_admission_rate", "period": "2026", "numerator": n, "denominator": d}
    return verdict("party_admission_rate", as_of, row)


@pytest.mark.parametrize("n,d", [(3, 100), ("30", "1000"), (Decimal("36"), Decimal("1200")), (12.0, 400.0)])
def test_party_admission_exactly_3_percent_is_met(n: Any, d: Any) -> None:
    ev = party(n, d)
    assert ev.status is Status.ON_TRACK  # 2026 met, the term is not over
    assert ev.periods[0].status is Status.ACHIEVED  # exactly 3%: met, not beyond
    assert ev.value == Decimal("3")


def test_party_admission_just_below_3_percent_is_missed() -> None:
    ev = party(36, 1201)  # 2.99750...%
    assert ev.periods[0].status is Status.NOT_ACHIEVED
    assert ev.status is Status.OFF_TRACK
    assert ev.value == Decimal("3.00")  # shown rounded; the verdict is exact


def test_party_admission_every_year_exactly_3_percent_is_achieved() -> None:
    rows = [
        {"indicator": "party_admission_rate", "period": str(y), "numerator": 3, "denominator": 100}
        for y in range(2026, 2031)
    ]
    ev = chitieu.evaluate(rows, as_of="2030")["party_admission_rate"]
    assert ev.status is Status.ACHIEVED
    assert [p.status for p in ev.periods] == [Status.ACHIEVED] * 5


def test_grdp_growth_boundary_through_a_dataframe() -> None:
    # 10000 * 1.16^5 = 21003.416576 exactly
    def grdp(level: Any) -> Status:
        df = pd.DataFrame({"indicator": ["grdp", "grdp"], "period": [2025, 2030], "value": [10000, level]})
        return chitieu.evaluate(df, as_of="2030")["grdp_growth"].status

    assert grdp("21003.416576") is Status.ACHIEVED
    assert grdp(21003.416576) is Status.ACHIEVED  # the float prints as 21003.416576
    assert grdp("21003.416575") is Status.NOT_ACHIEVED
    assert grdp(Decimal("21003.4165759999999")) is Status.NOT_ACHIEVED


def test_point_one_comes_back_unchanged() -> None:
    for value in (0.1, "0.1", Decimal("0.1")):
        ev = online(value)
        assert ev.value == Decimal("0.1")
        assert str(ev.value) == "0.1"
    ev = verdict("population_density", "2030", {"indicator": "population_density", "period": "2030", "value": 0.1})
    assert str(ev.value) == "0.1"


def test_28_digit_level_comes_back_unchanged() -> None:
    big = "1234567890123456789012345678"
    for value in (big, Decimal(big), int(big)):
        ev = verdict("population_density", "2030", {"indicator": "population_density", "period": "2030", "value": value})
        assert ev.value == Decimal(big)
        assert str(ev.value) == big
    df = pd.DataFrame({"indicator": ["population_density"], "period": ["2030"], "value": [Decimal(big)]})
    assert str(chitieu.evaluate(df, as_of="2030")["population_density"].value) == big


def test_too_many_digits_are_refused_not_rounded() -> None:
    with pytest.raises(chitieu.NotANumberError) as e:
        online("0.12345678901234567890123456789")
    assert e.value.field == "value"


def test_float_85_0_is_85_0_and_float_columns_read_by_repr() -> None:
    df = pd.DataFrame({"indicator": ["online_dossiers"], "period": ["2030"], "value": [85.0]})
    assert df["value"].dtype == "float64"
    assert chitieu.evaluate(df, as_of="2030")["online_dossiers_2030"].status is Status.NOT_ACHIEVED


def test_nan_is_an_empty_cell() -> None:
    # a share given by numerator/denominator; the value column is NaN on that row (pandas fills it)
    df = pd.DataFrame(
        {
            "indicator": ["online_dossiers", "online_dossiers"],
            "period": ["2029", "2030"],
            "value": [80.0, float("nan")],
            "numerator": [float("nan"), 86.0],
            "denominator": [float("nan"), 100.0],
        }
    )
    ev = chitieu.evaluate(df, as_of="2030")["online_dossiers_2030"]
    assert ev.status is Status.ACHIEVED
    assert ev.value == Decimal("86")
    # a row whose only number is NaN has no value: the core says the field is missing
    with pytest.raises(chitieu.MissingFieldError) as e:
        chitieu.evaluate(df.iloc[[0]].assign(value=float("nan")), as_of="2030")
    assert (e.value.row, e.value.field) == (1, "value")


def test_an_all_empty_dataframe_row_holds_no_figure() -> None:
    df = pd.DataFrame(
        {"indicator": ["grdp", None, "grdp"], "period": [2025, None, 2026], "value": [100.0, None, 117.0]}
    )
    card = chitieu.evaluate(df, as_of="2026")
    assert card["grdp_growth"].value == Decimal("17")
    assert card["grdp_growth"].rows == (1, 3)  # rows still count the empty one


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, Decimal("NaN")])
def test_missing_markers_are_empty_cells(missing: Any) -> None:
    rows = [
        {"indicator": "online_dossiers", "period": "2030", "value": 86, "numerator": missing, "denominator": missing}
    ]
    assert chitieu.evaluate(rows, as_of="2030")["online_dossiers_2030"].status is Status.ACHIEVED


@pytest.mark.parametrize("inf", [float("inf"), float("-inf"), Decimal("Infinity")])
def test_infinity_is_not_a_number(inf: Any) -> None:
    df = pd.DataFrame({"indicator": ["grdp", "grdp"], "period": ["2025", "2026"], "value": [100, inf]})
    with pytest.raises(chitieu.NotANumberError) as e:
        chitieu.evaluate(df, as_of="2026")
    assert e.value.code == "not_a_number"
    assert (e.value.row, e.value.field) == (2, "value")


def test_years_that_pandas_turned_into_floats() -> None:
    # a period column with a blank (a completion row) is float64 in pandas: 2026.0 is the year 2026
    df = pd.DataFrame(
        {
            "indicator": ["grdp", "grdp", "election_2026_directives"],
            "period": [2025, 2026, None],
            "value": [100.0, 117.0, None],
            "completed": [None, None, "2026-03-01"],
        }
    )
    assert df["period"].dtype == "float64"
    card = chitieu.evaluate(df, as_of="2026")
    assert card["grdp_growth"].value == Decimal("17")
    assert card["election_2026_directives"].status is Status.ACHIEVED
    # ...but a fractional float period is no period
    with pytest.raises(chitieu.InvalidPeriodError):
        chitieu.evaluate([{"indicator": "grdp", "period": 2025.5, "value": 1}], as_of="2026")


def test_numpy_scalars() -> None:
    np = pytest.importorskip("numpy")
    rows = [
        {"indicator": "online_dossiers", "period": np.int64(2030), "value": np.float32(85.01)},
    ]
    assert chitieu.evaluate(rows, as_of="2030")["online_dossiers_2030"].status is Status.ACHIEVED
    rows = [{"indicator": "online_dossiers", "period": "2030", "value": np.float64(85.0)}]
    assert chitieu.evaluate(rows, as_of="2030")["online_dossiers_2030"].status is Status.NOT_ACHIEVED


def test_booleans_and_dates() -> None:
    import datetime

    rows = [
        {"indicator": "school_smart_classroom", "period": 2026, "done": True, "entity": "A"},
        {"indicator": "school_smart_classroom", "period": 2026, "done": False, "entity": "B"},
        {"indicator": "public_schools", "period": 2026, "value": 2},
        {"indicator": "election_2026_directives", "completed": datetime.date(2026, 3, 31)},
    ]
    card = chitieu.evaluate(rows, as_of=datetime.date(2026, 12, 31))
    assert card["schools_smart_classroom"].value == Decimal("50")  # 1 of 2 schools
    assert card["election_2026_directives"].status is Status.ACHIEVED
