"""The compiled part of chitieu (Rust, pyo3). Private: use the ``chitieu`` package.

Checked against the built module by ``python -m mypy.stubtest chitieu._native`` (python/tests/test_stub.py).
"""

from decimal import Decimal
from typing import Any, Optional, Tuple, final

__all__ = [
    "__version__",
    "ERROR_CATALOGUE",
    "ERROR_CODES",
    "INTERNAL_ERROR_CODE",
    "STATUSES",
    "SCORECARD_FORMAT",
    "BATCH_COLUMNS",
    "BATCH_DECIMALS",
    "Catalogue",
    "Figures",
    "Options",
    "Scorecard",
    "scorecard",
    "required_path",
    "methods_assess_json",
    "methods_open_sdg_indicator_json",
    "parse_as_of",
    "unit_en",
    "docx_text",
    "_panic_for_tests",
    "batch_columns",
    "batch_csv",
    "synthetic_columns",
]

__version__: str
ERROR_CODES: Tuple[str, ...]
ERROR_CATALOGUE: Tuple[Tuple[str, str, str], ...]
INTERNAL_ERROR_CODE: str
STATUSES: Tuple[Tuple[str, str, str], ...]
SCORECARD_FORMAT: str
BATCH_COLUMNS: Tuple[str, ...]
BATCH_DECIMALS: Tuple[str, ...]

@final
class Catalogue:
    @staticmethod
    def builtin() -> Catalogue: ...
    @staticmethod
    def from_json(text: str) -> Catalogue: ...
    def to_json(self) -> str: ...
    def to_compact_json(self) -> str: ...
    def road_checks_json(self) -> str: ...
    def __len__(self) -> int: ...

@final
class Figures:
    @staticmethod
    def from_csv(catalogue: Catalogue, text: str) -> Figures: ...
    @staticmethod
    def from_json(catalogue: Catalogue, text: str) -> Figures: ...
    @staticmethod
    def from_columns(catalogue: Catalogue, names: list[str], columns: list[list[Optional[str]]]) -> Figures: ...
    @staticmethod
    def from_text(catalogue: Catalogue, text: str) -> Figures: ...
    def units(self) -> list[Optional[str]]: ...
    def latest_year(self) -> Optional[int]: ...
    def __len__(self) -> int: ...

@final
class Options:
    def __new__(
        cls,
        as_of: str,
        unit: Optional[str] = None,
        on_track_ratio: Optional[str] = None,
        at_risk_ratio: Optional[str] = None,
        about_tolerance_percent: Optional[str] = None,
        decimals: Optional[int] = None,
        explain: Optional[bool] = None,
    ) -> Options: ...
    @property
    def as_of(self) -> str: ...
    @property
    def unit(self) -> Optional[str]: ...
    @property
    def on_track_ratio(self) -> Decimal: ...
    @property
    def at_risk_ratio(self) -> Decimal: ...
    @property
    def about_tolerance_percent(self) -> Decimal: ...
    @property
    def decimals(self) -> int: ...
    @property
    def explain(self) -> bool: ...
    def to_json(self) -> str: ...

@final
class Scorecard:
    def to_json(self, pretty: bool = True) -> str: ...
    def to_text(self, lang: str = "en") -> str: ...
    def to_markdown(self, lang: str = "en") -> str: ...
    def to_csv(self) -> str: ...
    def __len__(self) -> int: ...

def scorecard(catalogue: Catalogue, figures: Figures, options: Options) -> Scorecard: ...
def required_path(catalogue: Catalogue, target: str, figures: Figures, options: Options) -> Optional[str]: ...
def parse_as_of(text: str) -> str: ...
def unit_en(unit: str) -> str: ...
def docx_text(data: bytes) -> str: ...
def _panic_for_tests(message: str) -> None: ...
def methods_assess_json(method: str, series_json: str) -> str: ...
def methods_open_sdg_indicator_json(entries_json: str) -> str: ...

# Many units at once (chitieu._batch): columns as (name, kind, buffer, texts of the distinct cells); a dict of
# buffers and lists back (see python/src/batch.rs).
def batch_columns(
    catalogue: Catalogue,
    columns: list[tuple[str, str, bytes, Optional[list[Optional[str]]]]],
    options: Options,
    threads: Optional[int] = None,
    numbers: str = "float",
    positions: Optional[bytes] = None,
    row_numbers: Optional[bytes] = None,
) -> dict[str, Any]: ...
def batch_csv(
    catalogue: Catalogue, text: str, options: Options, threads: Optional[int] = None, numbers: str = "float"
) -> dict[str, Any]: ...
def synthetic_columns(
    catalogue: Catalogue,
    seed: int = 1,
    units: int = 3321,
    missing_per_mille: int = 20,
    bad_unit_per_mille: int = 5,
    numbers: str = "float",
) -> dict[str, Any]: ...
