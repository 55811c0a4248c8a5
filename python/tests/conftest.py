"""Shared fixtures. The tests import the installed `chitieu` (pytest runs with --import-mode=importlib)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

REPO = Path(__file__).resolve().parents[2]
SAMPLE_CSV = REPO / "examples" / "data" / "sample_figures.csv"


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def sample_csv() -> Path:
    return SAMPLE_CSV
