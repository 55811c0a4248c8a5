"""Shared fixtures. The tests import the installed `chitieu` (pytest runs with --import-mode=importlib)."""

from __future__ import annotations

import os
from pathlib import Path

from typing import Callable, Tuple

import pandas as pd
import pytest

import chitieu

os.environ.setdefault("MPLBACKEND", "Agg")

REPO = Path(__file__).resolve().parents[2]
SAMPLE_CSV = REPO / "examples" / "data" / "sample_figures.csv"


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def sample_csv() -> Path:
    return SAMPLE_CSV


# the decimal columns of the verdict table, in the core's order (batch::DECIMAL_COLUMNS)
DECIMALS = (
    "value",
    "margin",
    "achievement_ratio",
    "progress_ratio",
    "rate_to_date",
    "rate_required",
    "expected_to_date",
    "projected",
)


def assert_rows_are_the_evaluations(rows: pd.DataFrame, card: chitieu.Scorecard, unit: str) -> int:
    """The batch rows of one unit against the evaluations of that unit alone: status, every decimal written the
    same way (scale included), the period of the value and whether a range's aim is reached. Returns the count."""
    assert list(rows["target"]) == [e.target for e in card.evaluations]
    columns = {c: rows[c].tolist() for c in rows.columns}
    for k, ev in enumerate(card.evaluations):
        assert columns["status"][k] == ev.status.value, (unit, ev.target)
        for col in DECIMALS:
            want = getattr(ev, col)
            assert columns[col][k] == (None if want is None else str(want)), (unit, ev.target, col)
        period = columns["value_period"][k]
        assert (period if isinstance(period, str) else None) == ev.value_period, (unit, ev.target)
        aim = columns["aim_reached"][k]
        assert (None if pd.isna(aim) else bool(aim)) == ev.aim_reached, (unit, ev.target)
    return len(card.evaluations)


@pytest.fixture
def decimal_columns() -> Tuple[str, ...]:
    """The decimal columns of the verdict table."""
    return DECIMALS


@pytest.fixture
def rows_are_the_evaluations() -> Callable[[pd.DataFrame, chitieu.Scorecard, str], int]:
    """The check that a unit's batch rows say what a single evaluation says."""
    return assert_rows_are_the_evaluations
