"""Replay every golden vector of tests/vectors/*.json (format: tests/vectors/README.md) through Python."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

import chitieu

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"
DECIMAL_FIELDS = {
    "value",
    "margin",
    "achievement_ratio",
    "progress_ratio",
    "rate_to_date",
    "rate_required",
    "expected_to_date",
    "projected",
}


def _cases() -> List[Tuple[str, Dict[str, Any]]]:
    out = []
    for path in sorted(VECTORS.glob("*.json")):
        # numbers keep their digits: parse them as Decimal, never float
        doc = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
        for case in doc["cases"]:
            out.append((f"{path.stem}::{case['name']}", case))
    return out


CASES = _cases()


def test_there_are_vectors() -> None:
    assert CASES, f"no golden vectors in {VECTORS}"


def _json_text(v: Any) -> str:
    """JSON text with every number written as it was in the vector file (numbers were read as Decimal/int)."""
    if isinstance(v, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{_json_text(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ",".join(_json_text(x) for x in v) + "]"
    if isinstance(v, Decimal):
        return str(v)
    return json.dumps(v, ensure_ascii=False)


def _catalogue(case: Dict[str, Any]) -> chitieu.Catalogue:
    if isinstance(case.get("catalogue_json"), str):
        return chitieu.Catalogue.from_json(case["catalogue_json"])
    if case.get("catalogue") is not None:
        return chitieu.Catalogue.from_json(_json_text(case["catalogue"]))
    return chitieu.Catalogue.builtin()


def _run(case: Dict[str, Any], via_records: bool = False) -> chitieu.Scorecard:
    """The case as the format says (CSV text, or the JSON array as JSON text); with ``via_records`` the JSON
    figures go through the Python translation of a list of dicts instead."""
    catalogue = _catalogue(case)
    if ("figures_csv" in case) == ("figures" in case):
        raise AssertionError("a case has figures_csv or figures, exactly one")
    if "figures_csv" in case:
        read = case.get("read", {})
        figures = chitieu.Figures.from_csv(
            case["figures_csv"], catalogue, decimal_comma=read.get("decimal_comma", False)
        )
    elif via_records:
        figures = chitieu.Figures.from_records(case["figures"], catalogue)
    else:
        figures = chitieu.Figures.from_json(_json_text(case["figures"]), catalogue)
    options = dict(case.get("options", {}))
    as_of = options.pop("as_of")
    return chitieu.evaluate(figures, as_of, catalogue=catalogue, **options)


def _records_apply(case: Dict[str, Any]) -> bool:
    """Whether the JSON figures are a list of flat dicts, which a Python caller would pass as they are."""
    figs = case.get("figures")
    return isinstance(figs, list) and all(
        isinstance(f, dict) and all(not isinstance(v, (dict, list)) for v in f.values()) for f in figs
    )


def _same_number(expected: Any, actual: Any) -> bool:
    if expected is None or actual is None:
        return expected is None and actual is None
    return Decimal(str(expected)) == actual


@pytest.mark.parametrize("name,case", CASES, ids=[n for n, _ in CASES])
def test_vector(name: str, case: Dict[str, Any]) -> None:
    _check(name, case, via_records=False)


RECORD_CASES = [(n, c) for n, c in CASES if _records_apply(c)]


@pytest.mark.parametrize("name,case", RECORD_CASES, ids=[n for n, _ in RECORD_CASES])
def test_vector_through_a_list_of_dicts(name: str, case: Dict[str, Any]) -> None:
    _check(name, case, via_records=True)


def _check(name: str, case: Dict[str, Any], via_records: bool) -> None:
    if "expect_error" in case:
        expected = dict(case["expect_error"])
        code = expected.pop("code")
        with pytest.raises(chitieu.ChitieuError) as info:
            _run(case, via_records)
        err = info.value
        assert err.code == code, f"{name}: {err}"
        assert isinstance(err, chitieu.error_class(code))
        for key, value in expected.items():
            assert err.details[key] == value, f"{name}: details[{key!r}] = {err.details[key]!r}, expected {value!r}"
        return
    card = _run(case, via_records)
    raw = {e["target"]: e for e in card.to_dict()["evaluations"]}
    for target, fields in case["expect"].items():
        ev = card[target]
        as_json = raw[target]
        for field, value in fields.items():
            if field == "status":
                assert ev.status.value == value, f"{name}: {target}.status = {ev.status.value}, expected {value}"
            elif field in DECIMAL_FIELDS:
                actual = getattr(ev, field)
                assert _same_number(value, actual), f"{name}: {target}.{field} = {actual}, expected {value}"
            else:
                actual = as_json.get(field)
                assert actual == _plain(value), f"{name}: {target}.{field} = {actual!r}, expected {value!r}"


def _plain(v: Any) -> Any:
    """Expected JSON values as the core writes them (decimals in a JSON file come back as text)."""
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v
