"""Figures in: a DataFrame, a list of dicts, a file or text, translated to the core's JSON or CSV form.

Only translation happens here; the core reads, checks and rejects. A cell becomes text:

- ``str`` as is; ``int`` and ``Decimal`` by ``str()``; ``bool`` as ``true``/``false``;
- ``float`` by its shortest printed form (``repr``): ``85.0`` is read as 85.0 and ``0.1`` as 0.1 exactly, never as
  the binary fraction nearest to it. In the text columns (``period``, ``done``, ``unit``, ``entity``,
  ``indicator``, ``completed``, ``note``) a whole float is written without ``.0``, because pandas turns a column
  of years with a blank in it into floats (2026.0);
- ``datetime.date`` / ``datetime`` / ``pandas.Timestamp`` as ``YYYY-MM-DD``;
- ``None``, NaN (float, ``Decimal`` or numpy), ``pandas.NA`` and ``NaT`` are an empty cell, exactly like an empty
  CSV cell: the field is absent;
- infinity is passed on as ``inf`` and the core refuses it (``NotANumberError`` with the row and field);
- anything else by ``str()``, for the core to accept or refuse.

Rows are numbered from 1 in the order given (the first dict, the first DataFrame row, whatever its index). A
DataFrame goes to the core column by column (``Figures::from_columns``): a row with every cell empty holds no
figure, like a blank CSV line. A list of dicts goes as a JSON array (``Figures::from_json``).
"""

from __future__ import annotations

import datetime
import json
import os
from decimal import Decimal
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Tuple

NUMBER_FIELDS = frozenset({"value", "numerator", "denominator", "growth"})


def _nan_like(x: Any) -> bool:
    try:
        return bool(x != x)
    except (TypeError, ValueError):
        # pandas.NA refuses to be a bool
        return type(x).__name__ == "NAType"


def number_text(x: Any) -> Optional[str]:
    """The text of a cell in a number column (``None`` for an empty cell)."""
    t = type(x)
    if t is str:
        return x  # type: ignore[no-any-return]
    if x is None:
        return None
    if t is float or isinstance(x, float):
        return None if x != x else float.__repr__(x)
    if t is int:
        return str(x)
    if t is bool:
        return "true" if x else "false"
    if isinstance(x, Decimal):
        return None if x.is_nan() else str(x)
    if isinstance(x, datetime.datetime):
        return None if _nan_like(x) else x.date().isoformat()
    if isinstance(x, datetime.date):
        return x.isoformat()
    if _nan_like(x):
        return None
    return str(x)


def text_text(x: Any) -> Optional[str]:
    """The text of a cell in a text column: like a number, but a whole float loses its ``.0``."""
    if type(x) is str:
        return x
    if isinstance(x, float):
        if x != x:
            return None
        if x.is_integer():
            return str(int(x))
        return float.__repr__(x)
    return number_text(x)


def _converter(field: str) -> Callable[[Any], Optional[str]]:
    return number_text if field in NUMBER_FIELDS else text_text


def records_to_json(records: Iterable[Mapping[str, Any]]) -> str:
    """A list of dicts as the core's JSON array (every value as text, empty cells left out)."""
    rows: List[Dict[str, str]] = []
    for rec in records:
        if not isinstance(rec, Mapping):
            raise TypeError(f"a figure must be a dict (a mapping), not {type(rec).__name__}")
        row: Dict[str, str] = {}
        for key, cell in rec.items():
            k = str(key)
            text = _converter(k)(cell)
            if text is not None:
                row[k] = text
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def frame_columns(frame: Any) -> Tuple[List[str], List[List[Optional[str]]]]:
    """A DataFrame in the long format as column names and the text of every cell (the index is ignored)."""
    names = [str(c) for c in frame.columns]
    # one object array for the whole frame: much faster than a Series per column
    raw = frame.to_numpy(dtype=object).T.tolist() if names else []
    # text cells (most of them) pass as they are without a call
    return names, [
        [x if type(x) is str else convert(x) for x in column] for convert, column in zip(map(_converter, names), raw)
    ]


def is_dataframe(x: Any) -> bool:
    """A pandas DataFrame (checked without importing pandas)."""
    return any(c.__name__ == "DataFrame" and c.__module__.startswith("pandas") for c in type(x).__mro__)


def read_text(path: "os.PathLike[str] | str") -> str:
    """A file's text (UTF-8; a byte-order mark is dropped)."""
    with open(path, encoding="utf-8-sig") as f:
        return f.read()
