"""The API: catalogue, figures from every source, scorecard objects, DataFrames, JSON, text, paths."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

import chitieu
from chitieu import Status


@pytest.fixture(scope="module")
def card() -> chitieu.Scorecard:
    sample = Path(__file__).resolve().parents[2] / "examples" / "data" / "sample_figures.csv"
    return chitieu.evaluate(pd.read_csv(sample), as_of="2027")


def test_builtin_catalogue() -> None:
    cat = chitieu.Catalogue.builtin()
    assert cat is chitieu.Catalogue.builtin() is chitieu.load_catalogue()
    assert cat.programme.id == "hung_dao_09_ctr_du"
    assert (cat.programme.base_year, cat.programme.last_year) == (2025, 2030)
    assert len(cat) == len(cat.targets) > 0
    grdp = cat.target("grdp_growth")
    assert grdp.rule.kind == "range" and grdp.rule.floor == Decimal("16") and grdp.rule.aim == Decimal("18")
    assert grdp.timing.kind == "average_growth" and (grdp.timing.from_, grdp.timing.to) == (2026, 2030)
    assert "16%" in grdp.sources[0].quote
    assert cat.indicator("grdp").measure == "level"
    with pytest.raises(KeyError):
        cat.target("nope")
    assert isinstance(cat.projects, tuple)  # Phụ lục 1: may be empty while the catalogue is being filled
    assert all(isinstance(p, chitieu.Project) for p in cat.projects)
    assert all(isinstance(r.consistent, bool) for r in cat.road_checks())


def test_catalogue_tables() -> None:
    cat = chitieu.Catalogue.builtin()
    targets = cat.targets.to_pandas()
    assert list(targets["id"]) == cat.targets.ids()
    for col in ("indicator", "section", "rule_kind", "rule_floor", "timing_kind", "timing_from", "sections", "quote"):
        assert col in targets.columns, col
    indicators = cat.indicators.to_pandas()
    assert {"id", "name_vi", "name_en", "unit", "measure", "direction"} <= set(indicators.columns)
    assert len(indicators) == len(cat.indicators)
    disc = cat.discrepancies.to_pandas()
    assert len(disc) == len(cat.discrepancies)


def test_catalogue_round_trips_through_json(tmp_path: Path) -> None:
    cat = chitieu.Catalogue.builtin()
    again = chitieu.Catalogue.from_json(cat.to_json())
    assert again.targets == cat.targets
    path = tmp_path / "programme.json"
    path.write_text(cat.to_json(), encoding="utf-8")
    assert chitieu.load_catalogue(path).targets == cat.targets
    assert chitieu.load_catalogue(str(path)).programme == cat.programme
    assert chitieu.Catalogue.from_dict(json.loads(cat.to_json())).indicators == cat.indicators


def test_records_mirror_the_core_json_exactly() -> None:
    # every key the core writes is known, and nothing is lost or added on the way back
    cat = chitieu.Catalogue.builtin()
    doc = json.loads(cat.to_json())
    for t, raw in zip(cat.targets, doc["targets"]):
        assert t.to_dict() == raw
    for i, raw in zip(cat.indicators, doc["indicators"]):
        assert i.to_dict() == raw
    for d, raw in zip(cat.discrepancies, doc["discrepancies"]):
        assert d.to_dict() == raw
    for p, raw in zip(cat.projects, doc.get("projects", [])):
        assert p.to_dict() == raw


def test_evaluations_mirror_the_core_json_exactly(card: chitieu.Scorecard) -> None:
    raw = card.to_dict()
    assert raw["format"] == chitieu.SCORECARD_FORMAT
    assert [e.to_dict() for e in card.evaluations] == raw["evaluations"]
    assert [c.to_dict() for c in card.counts] == raw["counts"]
    assert [g.to_dict() for g in card.groups] == raw["groups"]


def test_unknown_or_missing_core_fields_are_caught() -> None:
    with pytest.raises(chitieu.InternalError):
        chitieu.Section.from_dict({"id": "A", "title_vi": "a", "title_en": "a", "colour": "red"})
    with pytest.raises(chitieu.InternalError):
        chitieu.Section.from_dict({"id": "A", "title_vi": "a"})
    s = chitieu.Section.from_dict({"id": "A", "title_vi": "a", "title_en": "b"})
    assert s == chitieu.Section("A", "a", "b") and hash(s) == hash(chitieu.Section("A", "a", "b"))
    with pytest.raises(AttributeError):
        s.id = "B"  # type: ignore[misc]


def test_figures_from_every_source_agree(tmp_path: Path, sample_csv: Path) -> None:
    cat = chitieu.Catalogue.builtin()
    text = sample_csv.read_text(encoding="utf-8")
    from_path = chitieu.evaluate(sample_csv, as_of="2027")
    from_str_path = chitieu.evaluate(str(sample_csv), as_of="2027")
    from_text = chitieu.evaluate(text, as_of="2027")
    from_frame = chitieu.evaluate(pd.read_csv(sample_csv), as_of="2027")
    from_frame_str = chitieu.evaluate(pd.read_csv(sample_csv, dtype=str), as_of="2027")
    records = pd.read_csv(sample_csv, dtype=str).to_dict("records")
    from_records = chitieu.evaluate(records, as_of="2027")
    figures = chitieu.Figures.from_csv(text, cat)
    from_figures = chitieu.evaluate(figures, as_of="2027")
    json_path = tmp_path / "figures.json"
    json_path.write_text(json.dumps(records, ensure_ascii=False, default=str).replace("NaN", "null"), encoding="utf-8")
    from_json = chitieu.evaluate(json_path, as_of="2027")

    def verdicts(c: chitieu.Scorecard) -> list:
        return [(e.target, e.status, e.value, e.margin, e.projected, e.explanation_en) for e in c]

    expected = verdicts(from_path)
    for other in (from_str_path, from_text, from_frame, from_frame_str, from_records, from_figures, from_json):
        assert verdicts(other) == expected
    assert len(figures) == len(pd.read_csv(sample_csv))
    assert figures.latest_year() == 2027
    assert figures.units() == [None]


def test_as_of_forms() -> None:
    rows = [{"indicator": "online_dossiers", "period": "2027", "value": 80}]
    for as_of, day in [
        ("2027", "2027-12-31"),
        (2027, "2027-12-31"),
        ("2027-Q2", "2027-06-30"),
        ("2027-06-30", "2027-06-30"),
        (datetime.date(2027, 6, 30), "2027-06-30"),
        (datetime.datetime(2027, 6, 30, 12, 0), "2027-06-30"),
    ]:
        card = chitieu.evaluate(rows, as_of=as_of)
        assert card.as_of.isoformat() == day
        assert card.options.as_of == day
    assert chitieu.parse_as_of("2027-Q1") == "2027-03-31"


def test_defaults_are_the_cores(card: chitieu.Scorecard) -> None:
    o = card.options
    assert (o.on_track_ratio, o.at_risk_ratio, o.about_tolerance_percent, o.decimals) == (
        Decimal("0.95"),
        Decimal("0.60"),
        Decimal("5"),
        2,
    )
    assert json.loads(o.to_json())["on_track_ratio"] == "0.95"
    custom = chitieu.evaluate([], as_of="2027", on_track_ratio=0.9, at_risk_ratio=Decimal("0.5"), decimals=3)
    assert (custom.options.on_track_ratio, custom.options.at_risk_ratio, custom.options.decimals) == (
        Decimal("0.9"),
        Decimal("0.5"),
        3,
    )


def test_scorecard_objects(card: chitieu.Scorecard) -> None:
    assert len(card) == len(chitieu.Catalogue.builtin().targets)
    assert [e.target for e in card] == chitieu.Catalogue.builtin().targets.ids()
    assert "grdp_growth" in card and "nope" not in card
    grdp = card["grdp_growth"]
    assert isinstance(grdp.value, Decimal) and isinstance(grdp.status, Status)
    assert grdp.as_of == datetime.date(2027, 12, 31) and grdp.deadline == datetime.date(2030, 12, 31)
    counts = card.status_counts()
    assert list(counts) == list(Status.in_report_order())
    assert sum(counts.values()) == len(card)
    late = card.with_status("off_track", Status.AT_RISK)
    assert {e.status for e in late} <= {Status.OFF_TRACK, Status.AT_RISK}
    assert len(late) == counts[Status.OFF_TRACK] + counts[Status.AT_RISK]
    assert card.group_of("grdp_growth") is not None
    assert Status.ON_TRACK.label_vi == "Đúng tiến độ" and Status("no_data").label_en == "No data"


def test_alternative_views_are_the_cores(card: chitieu.Scorecard) -> None:
    views = card.alternative_views
    assert views == card.to_dict().get("alternative_views", [])
    assert all(v["target"] in card for v in views)


def test_scorecard_to_pandas(card: chitieu.Scorecard) -> None:
    df = card.to_pandas()
    assert len(df) == len(card)
    assert list(df["target"]) == [e.target for e in card]
    for col in (
        "status",
        "status_vi",
        "status_en",
        "value",
        "reference_vi",
        "reference_en",
        "margin",
        "rate_required",
        "projected",
        "explanation_vi",
        "explanation_en",
        "sections",
        "group",
    ):
        assert col in df.columns, col
    row = df.set_index("target").loc["grdp_growth"]
    assert row["value"] == card["grdp_growth"].value and isinstance(row["value"], Decimal)
    assert row["status"] == card["grdp_growth"].status.value
    assert list(df["status"].cat.categories) == [s.value for s in Status.in_report_order()]
    floats = card.to_pandas(numbers="float")
    assert floats["value"].dtype == "float64"
    assert floats.set_index("target").loc["grdp_growth", "value"] == float(card["grdp_growth"].value)
    with pytest.raises(ValueError):
        card.to_pandas(numbers="text")


def test_renderings_are_the_cores(card: chitieu.Scorecard) -> None:
    assert json.loads(card.to_json())["as_of"] == "2027-12-31"
    assert "grdp_growth" in card.to_text() and "Đúng tiến độ" in card.to_text("vi")
    assert card.to_markdown().startswith("# ")
    csv = card.to_csv()
    assert csv.splitlines()[0].startswith("target,section,indicator,status")
    with pytest.raises(chitieu.InvalidSettingError):
        card.to_text("fr")


def test_required_paths_come_from_the_core(card: chitieu.Scorecard) -> None:
    grdp = card.path("grdp_growth")
    assert grdp is not None and grdp.shape == "compound"
    # sample: GRDP 12480 in 2025; 12480 * 1.16 = 14476.8, * 1.16^2 = 16793.088, * 1.18 = 14726.4
    assert [p.year for p in grdp.required] == list(range(2025, 2031))
    assert grdp.required[1].required == Decimal("14476.8") and grdp.required[1].aim == Decimal("14726.4")
    assert grdp.required[2].required == card["grdp_growth"].expected_to_date == Decimal("16793.09")
    assert [(a.period, a.value) for a in grdp.actual] == [
        ("2025", Decimal("12480")),
        ("2026", Decimal("14600")),
        ("2027", Decimal("16950")),
    ]
    tidy = grdp.to_pandas()
    assert set(tidy["series"]) == {"required", "aim", "actual"}
    online = card.path("online_dossiers_2030")
    assert online is not None and online.shape == "linear"
    # 61.5 in 2025 to 85 in 2030: 61.5 + 23.5 * 2/5 = 70.9 in 2027
    assert online.required[2].required == Decimal("70.9")
    assert card.path("election_2026_directives") is None
    with pytest.raises(KeyError):
        card.path("nope")


def test_evaluate_through_the_catalogue() -> None:
    cat = chitieu.Catalogue.builtin()
    card = cat.evaluate([{"indicator": "doctors", "period": "2027", "value": 5}], as_of="2027")
    assert card["doctors_2027"].status is Status.EXCEEDED
    assert card.catalogue is cat
    assert len(cat.figures([{"indicator": "doctors", "period": "2027", "value": 5}])) == 1


def test_reporting_units() -> None:
    rows = [
        {"indicator": "doctors", "period": "2027", "value": 5, "unit": "hung_dao"},
        {"indicator": "doctors", "period": "2027", "value": 3, "unit": "anh_dung"},
    ]
    with pytest.raises(chitieu.InvalidSettingError) as info:
        chitieu.evaluate(rows, as_of="2027")
    assert info.value.field == "unit"
    card = chitieu.evaluate(rows, as_of="2027", unit="anh_dung")
    assert card.unit == "anh_dung" and card["doctors_2027"].status is Status.NOT_ACHIEVED


def test_reprs(card: chitieu.Scorecard) -> None:
    assert "hung_dao_09_ctr_du" in repr(card)
    assert "Catalogue" in repr(chitieu.Catalogue.builtin())
    assert "Options(as_of='2027-12-31'" in repr(card.options)
    r = repr(card["grdp_growth"])
    assert r.startswith("Evaluation(target='grdp_growth', status='") and "explanation" not in r
