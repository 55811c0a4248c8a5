"""The new kinds of target through Python: the second programme (xã An Lạc, ILLUSTRATIVE) loads, round-trips
and is judged on its sample figures; the loader's refusals arrive as typed exceptions naming the target and the
field; the batch gives each unit what a single evaluation gives; paths, plots and notebook HTML for the new
kinds; a rate per 10,000 judged exactly at its threshold."""

from __future__ import annotations

import copy
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Dict, List

import pandas as pd
import pytest

import chitieu
from chitieu import Status

REPO = Path(__file__).resolve().parents[2]
AN_LAC = REPO / "examples" / "catalogues" / "an_lac.json"
AN_LAC_FIGURES = REPO / "examples" / "catalogues" / "an_lac_figures.csv"
AS_OF = "2027"

# the kinds the catalogue format gained (spec/kinds.md), and the unit each evaluation is stated in
NEW_TIMINGS = ("change", "average_change", "average", "yearly_change")
UNITS = {
    "income_multiple_pl": "lần",  # change, multiple: times the 2025 figure
    "crop_value_per_ha_change": "%",  # change, relative: percent of the 2025 figure
    "enterprises_added": "doanh nghiệp",  # change, absolute, on a count: the indicator's unit
    "poverty_rate_decline": "điểm %/năm",  # average change of a share, absolute: percentage points a year
    "birth_rate_decline": "điểm ‰/năm",  # average change of a per-mille rate, absolute: per-mille points a year
    "tourist_visits_growth": "%/năm",  # average change, relative: compound percent a year
    "jobs_average": "lao động",  # the mean of the yearly figures, in the indicator's unit
    "budget_revenue_rises": "%",  # yearly change, relative: percent over the year before
    "social_insurance_rise": "điểm %",  # yearly change of a share, absolute: percentage points over the year before
    "services_share_band": "%",  # a band on a share
    "doctors_2030": "bác sĩ/vạn dân",  # a rate per 10,000 by a deadline
    "model_villages_2030": "thôn",  # a count out of a stated total
}


@pytest.fixture(scope="module")
def catalogue() -> chitieu.Catalogue:
    return chitieu.Catalogue.from_file(AN_LAC)


@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    return pd.read_csv(AN_LAC_FIGURES, dtype=str)


@pytest.fixture(scope="module")
def card(catalogue: chitieu.Catalogue, figures: pd.DataFrame) -> chitieu.Scorecard:
    return catalogue.evaluate(figures, as_of=AS_OF)


def _is_new_kind(catalogue: chitieu.Catalogue, target: chitieu.Target) -> bool:
    indicator = catalogue.indicator(target.indicator)
    return (
        target.timing.kind in NEW_TIMINGS
        or target.rule.kind == "band"
        or indicator.measure == "rate"
        or target.out_of is not None
    )


def _doc() -> Dict[str, Any]:
    return dict(json.loads(AN_LAC.read_text(encoding="utf-8")))


# --- the catalogue ---------------------------------------------------------------------------------------------


def test_the_second_programme_loads_with_every_new_field(catalogue: chitieu.Catalogue) -> None:
    assert catalogue.programme.id == "an_lac_illustrative"
    assert chitieu.load_catalogue(AN_LAC).targets == catalogue.targets
    assert chitieu.load_catalogue(AN_LAC.read_text(encoding="utf-8")).programme == catalogue.programme
    doctors = catalogue.indicator("doctors_per_10k")
    assert (doctors.measure, doctors.per) == ("rate", Decimal("10000"))
    band = catalogue.target("services_share_band").rule
    assert (band.kind, band.low, band.high) == ("band", Decimal("45"), Decimal("50"))
    change = catalogue.target("income_multiple_pl").timing
    assert (change.kind, change.base, change.to, change.change) == ("change", 2025, 2030, "multiple")
    average_change = catalogue.target("poverty_rate_decline").timing
    assert (average_change.kind, average_change.from_, average_change.reading) == ("average_change", 2026, "absolute")
    assert catalogue.target("model_villages_2030").out_of == Decimal("9")
    # every key the core writes is known to the records, and nothing is lost or added on the way back
    raw = catalogue.to_dict()
    for t, d in zip(catalogue.targets, raw["targets"]):
        assert t.to_dict() == d
    for i, d in zip(catalogue.indicators, raw["indicators"]):
        assert i.to_dict() == d
    assert len(catalogue.targets) == len(raw["targets"]) == len(_doc()["targets"])
    # the tables carry the new fields as columns
    table = catalogue.targets.to_pandas().set_index("id")
    assert table.loc["services_share_band", "rule_low"] == Decimal("45")
    assert table.loc["income_multiple_pl", "timing_change"] == "multiple"
    assert table.loc["poverty_rate_decline", "timing_reading"] == "absolute"
    assert table.loc["model_villages_2030", "out_of"] == Decimal("9")
    assert catalogue.indicators.to_pandas().set_index("id").loc["crude_birth_rate", "per"] == Decimal("1000")


def test_a_catalogue_naming_its_schema_round_trips(catalogue: chitieu.Catalogue) -> None:
    # the example names its schema for editors; without the key it is the same catalogue
    doc = _doc()
    assert doc["$schema"] == "../../docs/catalogue.schema.json" == catalogue.schema
    plain = chitieu.Catalogue.from_dict({k: v for k, v in doc.items() if k != "$schema"})
    assert plain.schema is None and "$schema" not in plain.to_dict()
    assert plain.targets == catalogue.targets
    named = chitieu.Catalogue.from_dict(doc)
    assert named.schema == "../../docs/catalogue.schema.json"
    # the records do not mind the key (it is not theirs, and it is not a Python identifier)
    assert named.targets == catalogue.targets and named.programme == catalogue.programme
    assert named.indicators == catalogue.indicators
    # to_dict, to_json and from_dict / from_json keep it
    out = named.to_dict()
    assert out["$schema"] == doc["$schema"]
    again = chitieu.Catalogue.from_dict(out)
    assert again.to_dict() == out and again.schema == named.schema
    assert chitieu.Catalogue.from_json(named.to_json()).to_dict() == out
    assert json.loads(named.to_json())["$schema"] == doc["$schema"]
    # to_dict is a fresh copy each time
    out["$schema"] = "elsewhere"
    assert named.to_dict()["$schema"] == doc["$schema"]
    # and the scorecard of a catalogue naming its schema is the same
    figures = pd.read_csv(AN_LAC_FIGURES, dtype=str)
    assert named.evaluate(figures, as_of=AS_OF).to_dict()["evaluations"] == plain.evaluate(
        figures, as_of=AS_OF
    ).to_dict()["evaluations"]


# --- the evaluation --------------------------------------------------------------------------------------------


def test_every_target_of_a_new_kind_is_judged_in_numbers_and_words(
    catalogue: chitieu.Catalogue, card: chitieu.Scorecard
) -> None:
    frame = card.to_pandas().set_index("target")
    new = [t for t in catalogue.targets if _is_new_kind(catalogue, t)]
    # every new kind is in the programme
    kinds = {t.timing.kind for t in new} | {t.rule.kind for t in new}
    assert set(NEW_TIMINGS) | {"band"} <= kinds
    assert {t.timing.change for t in new if t.timing.kind == "change"} == {"relative", "absolute", "multiple"}
    assert {t.timing.reading for t in new if t.timing.kind == "average_change"} == {"relative", "absolute"}
    assert any(t.out_of is not None for t in new)
    assert {catalogue.indicator(t.indicator).per for t in new} >= {Decimal("1000"), Decimal("10000")}
    assert len(new) >= 20
    raw = {e["target"]: e for e in card.to_dict()["evaluations"]}
    for t in new:
        row = frame.loc[t.id]
        assert isinstance(row["status"], str) and Status(row["status"]), t.id
        assert row["status"] == raw[t.id]["status"]
        # the sample figures give every new-kind target a number by 2027
        assert isinstance(row["value"], Decimal), t.id
        assert row["value"] == Decimal(raw[t.id]["value"]), t.id
        for col in ("margin", "achievement_ratio", "progress_ratio", "rate_to_date", "rate_required"):
            assert row[col] is None or isinstance(row[col], Decimal), (t.id, col)
            assert row[col] == (None if raw[t.id].get(col) is None else Decimal(raw[t.id][col])), (t.id, col)
        assert row["unit"] == raw[t.id]["unit"], t.id
        assert row["explanation_vi"] and row["explanation_en"], t.id
        assert row["explanation_vi"] != row["explanation_en"], t.id
        assert row["reference_vi"] and row["reference_en"], t.id
        e = card[t.id]
        assert e.status is Status(row["status"]) and e.value == row["value"] and e.unit == row["unit"]
    for target, unit in UNITS.items():
        assert frame.loc[target, "unit"] == unit, target
    # a few verdicts of the sample figures, worked by hand
    assert frame.loc["income_multiple_pl", "value"] == Decimal("1.17")  # 72.6 / 62 = 1.1709...
    assert frame.loc["enterprises_added", "value"] == Decimal("4")  # 68 - 64
    assert frame.loc["jobs_average", "value"] == Decimal("307")  # (318 + 296) / 2
    assert frame.loc["poverty_rate_decline", "value"] == Decimal("-1.35")  # (5.1 - 7.8) / 2, in points a year
    assert frame.loc["services_share_band", "status"] == "on_track"  # 44.1 below 45, on the path from 41
    assert frame.loc["budget_revenue_rises", "status"] == "off_track"  # 2027 fell below 2026
    assert frame.loc["traffic_accidents_decline", "value"] == Decimal("-40")  # 9 / 15 - 1
    # every year judged on its own change: 2026 rose (41.2 > 38.5), 2027 fell (40.6 < 41.2)
    periods = [(p.period, p.status) for p in card["budget_revenue_rises"].periods]
    assert periods[:2] == [("2026", Status.ACHIEVED), ("2027", Status.NOT_ACHIEVED)]
    # the units in English words, as the core's English report writes them (the catalogue's unit_en)
    english = {t: card[t].unit_in("en") for t in UNITS}
    assert english["income_multiple_pl"] == "times"
    assert english["poverty_rate_decline"] == "percentage points a year"
    assert english["birth_rate_decline"] == "‰ points a year"
    assert english["social_insurance_rise"] == "percentage points"
    assert english["tourist_visits_growth"] == "% a year"
    assert english["doctors_2030"] == "doctors per 10,000 people" and card["doctors_2030"].unit_in("vi") == "bác sĩ/vạn dân"
    assert english["crop_value_per_ha_change"] == "%"
    with pytest.raises(ValueError):
        card["income_multiple_pl"].unit_in("fr")
    # the English words read the library's units in English
    assert "1.17 times" in card["income_multiple_pl"].explanation_en
    assert "lần" in card["income_multiple_pl"].explanation_vi


# --- the loader's refusals, typed ------------------------------------------------------------------------------


def _with_timing(target: str, **change: Any) -> Dict[str, Any]:
    doc = _doc()
    for t in doc["targets"]:
        if t["id"] == target:
            for key, value in change.items():
                if value is None:
                    t["timing"].pop(key)
                else:
                    t["timing"][key] = value
    return doc


def test_an_unstated_reading_is_catalogue_invalid_naming_target_and_field() -> None:
    with pytest.raises(chitieu.CatalogueInvalidError) as info:
        chitieu.Catalogue.from_dict(_with_timing("poverty_rate_decline", reading=None))
    e = info.value
    assert type(e) is chitieu.CatalogueInvalidError and e.code == "catalogue_invalid"
    assert (e.target, e.field) == ("poverty_rate_decline", "timing.reading")
    assert '"absolute"' in str(e) and '"relative"' in str(e)  # the choices
    with pytest.raises(chitieu.CatalogueInvalidError) as info:
        chitieu.Catalogue.from_dict(_with_timing("social_insurance_rise", reading=None))
    assert (info.value.target, info.value.field) == ("social_insurance_rise", "timing.reading")
    with pytest.raises(chitieu.CatalogueInvalidError) as info:
        chitieu.Catalogue.from_dict(_with_timing("income_multiple_pl", change=None))
    assert (info.value.target, info.value.field) == ("income_multiple_pl", "timing.change")
    assert '"multiple"' in str(info.value)
    # average growth of a share has two readings: refused, pointing at the timing
    doc = _with_timing("poverty_rate_decline", kind="average_growth", reading=None)
    with pytest.raises(chitieu.CatalogueInvalidError) as info:
        chitieu.Catalogue.from_dict(doc)
    assert (info.value.target, info.value.field) == ("poverty_rate_decline", "timing")


def test_an_unknown_rule_is_catalogue_syntax_naming_target_and_field() -> None:
    doc = _doc()
    doc["targets"][3]["rule"] = {"kind": "between", "low": 45, "high": 50}
    with pytest.raises(chitieu.CatalogueSyntaxError) as info:
        chitieu.Catalogue.from_dict(doc)
    e = info.value
    assert type(e) is chitieu.CatalogueSyntaxError and e.code == "catalogue_syntax"
    assert (e.target, e.field) == ("services_share_band", "rule")
    assert "between" in str(e)
    # a field of the wrong shape inside the timing is named with its path
    doc = _doc()
    doc["targets"][2]["timing"]["base"] = "last year"
    with pytest.raises(chitieu.CatalogueSyntaxError) as info:
        chitieu.Catalogue.from_dict(doc)
    assert info.value.target == "income_multiple_pl" and info.value.field is not None
    assert info.value.field.startswith("timing")


# --- many units at once ----------------------------------------------------------------------------------------



def _second_unit(figures: pd.DataFrame) -> pd.DataFrame:
    """Another commune's figures from the sample: 2027 a little worse or better, so the verdicts differ."""
    other = figures.copy()
    is_2027 = other["period"] == "2027"
    changes = {
        "services_share": "52",  # beyond the band's upper end, from below it in 2025
        "crop_value_per_ha": "215",  # ahead of the path
        "jobs_created": "250",  # the mean drops to 284
        "multidim_poverty_rate": None,  # given as numerator/denominator below
        "budget_revenue": "43.0",  # rises this time
        "crude_birth_rate": "15.9",
        "active_enterprises": "75",
    }
    for indicator, value in changes.items():
        at = is_2027 & (other["indicator"] == indicator)
        assert at.sum() == 1, indicator
        if value is not None:
            other.loc[at, "value"] = value
    other.loc[is_2027 & (other["indicator"] == "multidim_poverty_rate"), "numerator"] = "420"
    return other


def test_the_batch_gives_each_unit_what_evaluate_gives_it_alone(
    catalogue: chitieu.Catalogue, figures: pd.DataFrame, rows_are_the_evaluations: Callable[..., int]
) -> None:
    a = figures.assign(unit="XA_AN_LAC")
    b = _second_unit(figures).assign(unit="XA_BINH_YEN")
    frame = pd.concat([a, b], ignore_index=True).drop(columns=["note"])
    result = chitieu.evaluate_batch(frame, as_of=AS_OF, catalogue=catalogue, numbers="text", threads=1)
    verdicts, errors = result
    assert len(errors) == 0, errors
    assert len(verdicts) == 2 * len(catalogue)
    statuses: Dict[str, List[Any]] = {}
    for unit in ("XA_AN_LAC", "XA_BINH_YEN"):
        alone = frame[frame["unit"] == unit]
        card = chitieu.evaluate(alone, as_of=AS_OF, catalogue=catalogue, unit=unit, explain=False)
        rows = verdicts[verdicts["unit"] == unit]
        assert [e.target for e in card.evaluations] == catalogue.targets.ids()
        rows_are_the_evaluations(rows, card, unit)
        statuses[unit] = rows["status"].tolist()
    # the two communes are judged apart: their verdicts differ where their figures do
    differ = {
        t for t, x, y in zip(catalogue.targets.ids(), statuses["XA_AN_LAC"], statuses["XA_BINH_YEN"]) if x != y
    }
    assert {"services_share_band", "budget_revenue_rises"} <= differ
    # the float columns are the nearest floats to the same decimals
    floats = chitieu.evaluate_batch(frame, as_of=AS_OF, catalogue=catalogue, threads=2).verdicts
    texts = verdicts["value"].tolist()
    assert [None if pd.isna(x) else x for x in floats["value"]] == [None if t is None else float(t) for t in texts]


# --- paths and plots -------------------------------------------------------------------------------------------


def _line(ax: Any, label: str) -> Any:
    lines = [line for line in ax.get_lines() if line.get_label() == label]
    assert len(lines) == 1, [line.get_label() for line in ax.get_lines()]
    return lines[0]


@pytest.mark.parametrize(
    "target, shape, first_year, required_last",
    [
        ("crop_value_per_ha_change", "linear", 2025, "249.75"),  # 185 x 1.35 by 2030, straight from 2025
        ("income_multiple_pl", "compound", 2025, "93"),  # 62 x 1.5 by 2030, compound from 2025
        ("poverty_rate_decline", "linear", 2025, "2.8"),  # 7.8 - 5 x 1 points by 2030
        ("jobs_average", "flat", 2026, "300"),  # the mean asked of every year
    ],
)
def test_the_path_of_a_new_kind_is_drawn(
    card: chitieu.Scorecard, target: str, shape: str, first_year: int, required_last: str
) -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = card.path(target)
    assert path is not None
    assert path.shape == shape
    assert path.required[0].year == first_year and path.required[-1].year == 2030
    assert path.required[-1].required == Decimal(required_last)
    assert len(path.actual) >= 2
    tidy = path.to_pandas()
    assert set(tidy["series"]) >= {"required", "actual"}
    ax = card.plot_path(target)
    try:
        required = _line(ax, "threshold" if shape == "flat" else "required path")
        assert list(required.get_xdata()) == [p.year for p in path.required]
        assert list(required.get_ydata()) == [float(p.required) for p in path.required]
        actual = _line(ax, "actual")
        assert list(actual.get_xdata()) == [float(a.period) for a in path.actual]
        assert list(actual.get_ydata()) == [float(a.value) for a in path.actual]
        assert target in ax.get_title()
    finally:
        plt.close(ax.figure)


def test_the_path_of_a_band_draws_both_ends(card: chitieu.Scorecard) -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = card.path("services_share_band")
    assert path is not None
    assert (path.required[-1].required, path.required[-1].aim) == (Decimal("45"), Decimal("50"))
    for lang, low, high in (("en", "lower end", "upper end"), ("vi", "cận dưới", "cận trên")):
        ax = card.plot_path("services_share_band", lang=lang)
        try:
            assert list(_line(ax, low).get_ydata()) == [float(p.required) for p in path.required]
            assert list(_line(ax, high).get_ydata()) == [float(p.aim or 0) for p in path.required]
            _line(ax, "actual" if lang == "en" else "thực tế")
        finally:
            plt.close(ax.figure)


# --- the notebook view -----------------------------------------------------------------------------------------


def _row(html: str, target: str) -> str:
    m = re.search(rf'<tr class="chitieu-row" data-target="{target}">(.*?)</tr>', html, flags=re.S)
    assert m is not None, target
    return m.group(1)


def test_the_scorecard_html_shows_band_and_change_rows(card: chitieu.Scorecard) -> None:
    html = str(card.html("en"))
    band = _row(html, "services_share_band")
    assert 'class="chip chitieu-on_track"' in band
    assert "<td>44.1% (2027)</td>" in band
    assert "between 45 and 50% (both ends bind)" in band  # the rule in words, the core's
    change = _row(html, "crop_value_per_ha_change")
    e = card["crop_value_per_ha_change"]
    assert f'class="chip chitieu-{e.status.value}"' in change
    assert "<td>10.27% (2027)</td>" in change
    assert e.reference_en in change and e.explanation_en in change
    # the library's units in English, as the core writes them in its English report
    assert "<td>1.17 times (2027)</td>" in _row(html, "income_multiple_pl")
    assert "<td>-1.35 percentage points a year (2027)</td>" in _row(html, "poverty_rate_decline")
    assert "<td>1.6 percentage points (2027)</td>" in _row(html, "social_insurance_rise")
    vi = str(card.html("vi"))
    assert "<td>44.1% (2027)</td>" in _row(vi, "services_share_band")
    assert "<td>1.17 lần (2027)</td>" in _row(vi, "income_multiple_pl")
    assert "<td>-1.35 điểm %/năm (2027)</td>" in _row(vi, "poverty_rate_decline")
    assert card["crop_value_per_ha_change"].explanation_vi in _row(vi, "crop_value_per_ha_change")
    # one evaluation on its own, with the numbers behind it
    one = card["poverty_rate_decline"].html("en")
    assert "-1.35 percentage points a year" in one and "Change a year to date" in one


# --- exact at the threshold ------------------------------------------------------------------------------------

RATE_CATALOGUE: Dict[str, Any] = {
    "format": 1,
    "programme": {
        "id": "mini",
        "title_vi": "Chương trình thử",
        "title_en": "Test programme",
        "base_year": 2025,
        "first_year": 2025,
        "last_year": 2030,
    },
    "indicators": [
        {
            "id": "doctors_per_10k",
            "name_vi": "Số bác sĩ/vạn dân",
            "name_en": "Doctors per 10,000 people",
            "unit": "bác sĩ/vạn dân",
            "measure": "rate",
            "per": 10000,
            "direction": "increase",
        }
    ],
    "targets": [
        {
            "id": "doctors_2030",
            "indicator": "doctors_per_10k",
            "rule": {"kind": "at_least", "value": "10"},
            "timing": {"kind": "deadline", "by": "2030"},
            "summary_en": "At least 10 doctors per 10,000 people by 2030",
            "sources": [{"section": "A.1", "quote": "Đạt 10 bác sĩ/vạn dân"}],
        }
    ],
}


@pytest.mark.parametrize(
    "numerator, denominator, status, value, margin",
    [
        (100, 100000, "achieved", "10", "0"),  # exactly 10 per 10,000
        (99, 100000, "not_achieved", "9.9", "-0.1"),  # one doctor fewer
        (100, 99999, "exceeded", "10", "0"),  # one person fewer: 10.0001..., shown rounded as 10
        (101, 100000, "exceeded", "10.1", "0.1"),  # one doctor more
    ],
)
def test_a_rate_per_10000_is_exact_at_its_threshold(
    numerator: int, denominator: int, status: str, value: str, margin: str
) -> None:
    catalogue = chitieu.Catalogue.from_dict(copy.deepcopy(RATE_CATALOGUE))
    rows = [{"indicator": "doctors_per_10k", "period": "2030", "numerator": numerator, "denominator": denominator}]
    e = catalogue.evaluate(rows, as_of="2030")["doctors_2030"]
    assert e.status is Status(status)
    assert (str(e.value), str(e.margin)) == (value, margin)
    assert e.unit == "bác sĩ/vạn dân"
    # the same figure as a value per 10,000, exact (ints and text are exact; floats by their printed form)
    as_value = Decimal(numerator) * 10000 / Decimal(denominator)
    if as_value == as_value.quantize(Decimal("0.01")):
        again = catalogue.evaluate(
            [{"indicator": "doctors_per_10k", "period": "2030", "value": str(as_value)}], as_of="2030"
        )
        assert again["doctors_2030"].status is Status(status)
    # and through the batch, as floats of the same decimals
    frame = pd.DataFrame(
        {"unit": ["U1"], "indicator": ["doctors_per_10k"], "period": ["2030"], "numerator": [numerator], "denominator": [denominator]}
    )
    assert list(chitieu.evaluate_batch(frame, as_of="2030", catalogue=catalogue).verdicts["status"]) == [status]
