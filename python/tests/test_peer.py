"""Statistics Canada's published Open SDG results, reproduced through the Python API (the core computes).

Progress-measure test data derived from Statistics Canada's SDG data repositories (see
tests/peer/open-sdg-statcan/README.md for provenance and licence): 379 series and 337 indicator aggregates.
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

from chitieu import methods

PEER = Path(__file__).resolve().parents[2] / "tests" / "peer" / "open-sdg-statcan"


def rows(name: str) -> List[Dict[str, str]]:
    with open(PEER / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def close(got: Optional[float], want: str) -> bool:
    if want == "":
        return got is None
    w = float(want)
    return got is not None and math.isclose(got, w, rel_tol=1e-9, abs_tol=0.0 if w else 1e-12)


def assess_row(r: Dict[str, str]) -> Dict[str, Any]:
    values = {}
    if r["base_year"] and r["base_value"]:
        values[int(r["base_year"])] = r["base_value"]
    if r["current_year"] and r["current_value"]:
        values[int(r["current_year"])] = r["current_value"]
    return methods.assess(
        values,
        direction="increase" if r["direction"] == "positive" else "decrease",
        target=r["target"] or None,
        target_year=int(r["target_year"]) if r["target_year"] else None,
        base_year=int(r["base_year"]) if r["base_year"] else None,
        limit=r["limit"] or None,
    )


SERIES = rows("series.csv")


def test_the_corpus_is_complete():
    assert len(SERIES) == 379


def test_every_series_reproduces():
    failures = []
    for r in SERIES:
        a = assess_row(r)
        ok = (
            a["status"] == r["expected_status"]
            and close(a["progress"], r["expected_progress"])
            and close(a["score"], r["expected_score"])
        )
        if not ok:
            failures.append((r["corpus"], r["series_key"], a["status"], a["progress"], a["score"]))
    assert failures == [], f"{len(failures)} of {len(SERIES)} series differ: {failures[:5]}"


def entry_of(corpus: str, e: Dict[str, Any], results: Dict[Any, Dict[str, Any]]) -> Dict[str, Any]:
    if "group" in e:
        return {"kind": "group", "entries": [entry_of(corpus, x, results) for x in e["group"]]}
    if "lost_series" in e:
        a = assess_row(e["inputs"])
    else:
        a = results[(corpus, e["series_key"])]
    return {"kind": "series", "score": a["score"], "target_achieved": a["status"] == "target_achieved"}


def test_every_indicator_aggregate_reproduces():
    groups = json.loads((PEER / "groups.json").read_text(encoding="utf-8"))
    by_indicator: Dict[str, List[Dict[str, str]]] = {}
    results: Dict[Any, Dict[str, Any]] = {}  # (corpus, series key): keys repeat across the two corpora
    for r in SERIES:
        key = f"{r['corpus']}/{r['indicator']}"
        by_indicator.setdefault(key, []).append(r)
        results[(r["corpus"], r["series_key"])] = assess_row(r)
    checked = 0
    for ind in rows("indicators.csv"):
        key = f"{ind['corpus']}/{ind['indicator']}"
        if ind["auto_progress_calculation"] != "true":
            # sdg-build computes nothing: a null score and the metadata's own status; nothing to reproduce
            assert ind["expected_score"] == ""
            continue
        if key in groups:
            entries = [entry_of(ind["corpus"], e, results) for e in groups[key]]
        else:
            entries = [
                {"kind": "series", "score": results[(r["corpus"], r["series_key"])]["score"],
                 "target_achieved": results[(r["corpus"], r["series_key"])]["status"] == "target_achieved"}
                for r in by_indicator.get(key, [])
            ]
        agg = methods.open_sdg_indicator(entries)
        assert agg["status"] == ind["expected_status"], key
        assert close(agg["score"], ind["expected_score"]), (key, agg["score"], ind["expected_score"])
        checked += 1
    assert checked == 219


def test_methods_reject_bad_input_with_a_typed_error():
    import chitieu

    with pytest.raises(chitieu.InvalidSettingError):
        methods.assess({2020: "1", 2025: "2"}, direction="increase", method="no_such_method")


def test_all_methods_at_once():
    got = methods.assess_all({2015: "14.5", 2023: "10.2"}, direction="decrease", target="7.25", target_year=2030)
    assert [a["method"] for a in got] == list(methods.METHODS)
    assert got[0]["status"] == "substantial_progress"
