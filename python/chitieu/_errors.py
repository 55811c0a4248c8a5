"""Exceptions: ``ChitieuError`` (a ``ValueError``) and one subclass per error code of the core.

Each class carries the code as ``.code`` and the core's structured details as ``.details`` and as attributes
(``row``, ``other_row``, ``field``, ``indicator``, ``target``, ``value``, and ``sheet`` and ``cell`` for an error
from a cell of a workbook or of wide CSV; ``None`` where they do not apply).
Rows count from 1: in CSV the header is row 1; in JSON, a list of dicts and a DataFrame the first figure is row 1.

The classes are written out below so that type checkers and readers see them; the mapping from code to class is
built from the core's list of codes (``chitieu._native.ERROR_CODES``), so a code without a class still gets
one at import time, and a test fails until it is written out here.
"""

from __future__ import annotations

from typing import Any, ClassVar, Dict, List, Mapping, Optional, Tuple, Type

from . import _native

DETAIL_KEYS: Tuple[str, ...] = ("row", "other_row", "field", "indicator", "target", "value", "sheet", "cell")


class ChitieuError(ValueError):
    """Base class of every error chitieu raises. ``code`` is the core's stable machine-readable code."""

    code: ClassVar[str] = ""

    def __init__(self, message: str, details: Optional[Mapping[str, Any]] = None) -> None:
        super().__init__(message)
        self.message = message
        d = dict(details or {})
        self.details: Dict[str, Any] = {k: d.get(k) for k in DETAIL_KEYS}
        self.row: Optional[int] = self.details["row"]
        self.other_row: Optional[int] = self.details["other_row"]
        self.field: Optional[str] = self.details["field"]
        self.indicator: Optional[str] = self.details["indicator"]
        self.target: Optional[str] = self.details["target"]
        self.value: Optional[str] = self.details["value"]
        self.sheet: Optional[str] = self.details["sheet"]
        self.cell: Optional[str] = self.details["cell"]

    def __str__(self) -> str:
        return f"{self.message} [{self.code}]"

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (self.message, self.details))


class CatalogueSyntaxError(ChitieuError):
    """A catalogue document is not valid JSON or does not have the catalogue's shape."""

    code = "catalogue_syntax"


class CatalogueInvalidError(ChitieuError):
    """A catalogue is readable but breaks a rule (unknown indicator, impossible rule...)."""

    code = "catalogue_invalid"


class DuplicateIdError(ChitieuError):
    """Two catalogue entries share one id."""

    code = "duplicate_id"


class FiguresSyntaxError(ChitieuError):
    """Figures are not valid CSV/JSON, or a row has the wrong shape (an unknown column...)."""

    code = "figures_syntax"


class UnknownIndicatorError(ChitieuError):
    """A figure names an indicator the catalogue does not have."""

    code = "unknown_indicator"


class MissingFieldError(ChitieuError):
    """A required field of a figure is missing."""

    code = "missing_field"


class NotANumberError(ChitieuError):
    """A field that must hold a number does not (including infinity)."""

    code = "not_a_number"


class InvalidPeriodError(ChitieuError):
    """A period or date that cannot be read."""

    code = "invalid_period"


class DuplicateFigureError(ChitieuError):
    """Two figures for the same indicator, period, reporting unit and entity (``row`` and ``other_row``)."""

    code = "duplicate_figure"


class NumeratorAboveDenominatorError(ChitieuError):
    """Numerator larger than the denominator of a share."""

    code = "numerator_above_denominator"


class NonPositiveDenominatorError(ChitieuError):
    """A denominator that is zero or negative."""

    code = "non_positive_denominator"


class NegativeCountError(ChitieuError):
    """A count (or a numerator) below zero."""

    code = "negative_count"


class NotWholeCountError(ChitieuError):
    """A count that is not a whole number."""

    code = "not_whole_count"


class PercentageOutOfRangeError(ChitieuError):
    """A percentage outside 0-100."""

    code = "percentage_out_of_range"


class PeriodOutsideProgrammeError(ChitieuError):
    """A period outside the programme's years."""

    code = "period_outside_programme"


class WrongKindError(ChitieuError):
    """A figure of the wrong kind for its indicator (a date for a share, a value for a yes/no status...)."""

    code = "wrong_kind"


class NonPositiveBaseError(ChitieuError):
    """Average growth asked from a base level at or below zero."""

    code = "non_positive_base"


class LimitExceededError(ChitieuError):
    """An input beyond a documented limit of the core (size, count, digits, magnitude); ``value`` is the limit."""

    code = "limit_exceeded"


class InvalidSettingError(ChitieuError):
    """An as-of date or setting that cannot be used."""

    code = "invalid_setting"


class DocxSyntaxError(ChitieuError):
    """A .docx that cannot be read: not a zip, truncated, no ``word/document.xml``, an unknown compression,
    encryption, malformed XML or not UTF-8. ``field`` names the part (``zip`` or ``word/document.xml``)."""

    code = "docx_syntax"


class XlsxSyntaxError(ChitieuError):
    """An .xlsx workbook that cannot be read: not a zip, damaged, no workbook part, or a sheet's XML malformed.
    ``sheet`` names the sheet when the problem is one sheet's."""

    code = "xlsx_syntax"


class InternalError(ChitieuError):
    """A defect inside chitieu (a panic in the native code), never caused by the input. Please report it."""

    code = "internal"


def _class_name(code: str) -> str:
    return "".join(part.capitalize() for part in code.split("_")) + "Error"


def _declared() -> Dict[str, Type[ChitieuError]]:
    out: Dict[str, Type[ChitieuError]] = {}
    for obj in list(globals().values()):
        if isinstance(obj, type) and issubclass(obj, ChitieuError) and obj is not ChitieuError:
            out[obj.code] = obj
    return out


def _build_classes() -> Dict[str, Type[ChitieuError]]:
    declared = _declared()
    classes: Dict[str, Type[ChitieuError]] = {}
    for code in (*_native.ERROR_CODES, _native.INTERNAL_ERROR_CODE):
        cls = declared.get(code)
        if cls is None:
            # A code the core added after this file was written: still a class of its own.
            name = _class_name(code)
            cls = type(name, (ChitieuError,), {"code": code, "__doc__": f"Error code {code!r}.", "__module__": __name__})
            globals()[name] = cls
        classes[code] = cls
    return classes


ERROR_CLASSES: Dict[str, Type[ChitieuError]] = _build_classes()
"""Code -> exception class, for every code of the core and ``internal``."""

def error_class(code: str) -> Type[ChitieuError]:
    """The exception class of an error code (``KeyError`` for an unknown code)."""
    return ERROR_CLASSES[code]


def error_catalogue() -> List[Dict[str, Any]]:
    """The core's error catalogue: every code once, with its meaning, an example input and its exception class."""
    return [
        {"code": code, "meaning": meaning, "example": example, "exception": ERROR_CLASSES[code]}
        for code, meaning, example in _native.ERROR_CATALOGUE
    ]


def _from_native(code: str, message: str, details: Mapping[str, Any]) -> ChitieuError:
    """Called by the native module to build the exception it raises."""
    cls = ERROR_CLASSES.get(code, ChitieuError)
    return cls(message, details)

