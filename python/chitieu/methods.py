"""International progress methods: Open SDG / Statistics Canada, Eurostat, UNSD 2022 and 2023.

These are *compatibility* methods: they reproduce published reference implementations, which compute in binary
floating point, so their numbers are floats (chitieu's own verdicts stay exact decimals). All the logic is the
core's (``chitieu::methods``); this module only builds the core's JSON input and reads its output.

>>> from chitieu import methods
>>> a = methods.assess({2015: "14.5", 2023: "10.2"}, direction="decrease", target="7.25", target_year=2030)
>>> a["status"], round(a["progress"], 6)
('substantial_progress', 0.95259)
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union, cast

from . import _native

Number = Union[Decimal, int, str, float]

METHODS = ("open_sdg", "eurostat", "unsd_2022", "unsd_2023")
"""The method codes, in the core's order."""


def _text(value: Number) -> str:
    # Decimal, int and numeric strings as written; a float by its shortest printed form (0.1 is 0.1)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def series_json(
    values: Mapping[Any, Number],
    *,
    direction: str,
    target: Optional[Number] = None,
    target_year: Optional[int] = None,
    base_year: Optional[int] = None,
    limit: Optional[Number] = None,
) -> str:
    """The core's ``Series`` as JSON. ``values`` maps year -> value (a dict or a pandas Series); NaN is no value."""
    items = values.items() if hasattr(values, "items") else dict(values).items()
    out: Dict[str, Any] = {"values": {}, "direction": direction}
    for year, value in items:
        if isinstance(value, float) and value != value:  # NaN: no figure that year
            continue
        out["values"][str(int(year))] = _text(value)
    if target is not None:
        out["target"] = _text(target)
    if target_year is not None:
        out["target_year"] = int(target_year)
    if base_year is not None:
        out["base_year"] = int(base_year)
    if limit is not None:
        out["limit"] = _text(limit)
    return json.dumps(out)


def assess(values: Mapping[Any, Number], *, direction: str, method: str = "open_sdg", **kwargs: Any) -> Dict[str, Any]:
    """One method's assessment of a series (year -> value): status, growth to date and required, progress value,
    score, substitutions and notes, as the core returns them. ``direction`` is ``"increase"`` or ``"decrease"``."""
    return cast(Dict[str, Any], json.loads(_native.methods_assess_json(method, series_json(values, direction=direction, **kwargs))))


def assess_all(values: Mapping[Any, Number], *, direction: str, **kwargs: Any) -> List[Dict[str, Any]]:
    """Every method's assessment of a series, in :data:`METHODS` order."""
    return cast(List[Dict[str, Any]], json.loads(_native.methods_assess_json("all", series_json(values, direction=direction, **kwargs))))


def open_sdg_indicator(entries: Sequence[Mapping[str, Any]]) -> Dict[str, Any]:
    """Open SDG's indicator aggregate over entries ``{"kind": "series", "score": s, "target_achieved": b}`` or
    ``{"kind": "group", "entries": [...]}`` (groups are averaged first and count once)."""
    return cast(Dict[str, Any], json.loads(_native.methods_open_sdg_indicator_json(json.dumps(list(entries)))))
