"""Catalogue, Figures, Scorecard and ``evaluate``: the public objects over the native handles."""

from __future__ import annotations

import datetime
import json
import os
import typing
from decimal import Decimal
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Union

from . import _figures, _native
from ._model import (
    Discrepancy,
    Evaluation,
    Group,
    Indicator,
    Programme,
    Project,
    Records,
    RoadCheck,
    Section,
    Status,
    StatusCount,
    Target,
    TargetPath,
    _EVALUATION_DECIMALS,
    evaluation_row,
)

if typing.TYPE_CHECKING:  # pragma: no cover
    import matplotlib.axes
    import pandas

__all__ = [
    "Catalogue",
    "Figures",
    "Scorecard",
    "evaluate",
    "load_catalogue",
    "docx_text",
    "FigureSource",
    "DocxSource",
    "SheetRead",
    "AsOf",
    "Number",
]

PathLike = Union[str, "os.PathLike[str]"]
FigureSource = Union[
    "Figures", "pandas.DataFrame", Iterable[Mapping[str, Any]], str, "os.PathLike[str]", bytes, bytearray
]
"""What ``evaluate`` reads figures from: a DataFrame, a list of dicts, a CSV/JSON/.xlsx file path, CSV/JSON text (a
string with a line break), the bytes of an .xlsx workbook, or ``Figures``."""


class SheetRead(typing.NamedTuple):
    """One sheet of a workbook as it was read: its name, its layout (``"long"``, ``"wide"`` or ``"skipped"``: no
    header row with an ``indicator`` column in its first 30 rows) and the figures it gave."""

    name: str
    layout: str
    figures: int


AsOf = Union[str, int, datetime.date]
"""An as-of date: ``"2027"`` (end of 2027), ``"2027-Q2"`` (end of the quarter), ``"2027-06-30"``, ``2027`` or a
``datetime.date``."""
Number = Union[Decimal, int, str, float]
"""A number setting: ``Decimal``, ``int``, numeric text, or a float (read by its shortest printed form)."""
DocxSource = Union[bytes, bytearray, memoryview, str, "os.PathLike[str]", typing.BinaryIO]
"""What ``docx_text`` reads: the bytes of a .docx, a path to one, or a file opened in binary mode."""


class Catalogue:
    """A programme's indicators and targets, validated by the core.

    ``Catalogue.builtin()`` is Hưng Đạo ward's programme 09-CTr/ĐU; ``from_json`` / ``from_file`` load another.
    """

    __slots__ = ("_native", "_data", "_cache")

    def __init__(self, native: _native.Catalogue) -> None:
        self._native = native
        self._data: Optional[Dict[str, Any]] = None
        self._cache: Dict[str, Any] = {}

    @classmethod
    def builtin(cls) -> "Catalogue":
        """The built-in catalogue (one shared object; it is read-only)."""
        global _BUILTIN
        if _BUILTIN is None:
            _BUILTIN = cls(_native.Catalogue.builtin())
        return _BUILTIN

    @classmethod
    def from_json(cls, text: str) -> "Catalogue":
        """Read and validate a catalogue from JSON text (the shape of ``to_json()``)."""
        return cls(_native.Catalogue.from_json(text))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Catalogue":
        """Read and validate a catalogue from its JSON form as Python objects."""
        return cls.from_json(json.dumps(data, ensure_ascii=False, default=str))

    @classmethod
    def from_file(cls, path: PathLike) -> "Catalogue":
        """Read and validate a catalogue from a JSON file."""
        return cls.from_json(_figures.read_text(path))

    def to_json(self) -> str:
        """The catalogue as JSON (what ``from_json`` reads)."""
        return self._native.to_json()

    def to_dict(self) -> Dict[str, Any]:
        """The catalogue as the core writes it, as Python objects (decimals as text), a fresh copy: what
        ``from_dict`` reads. Top-level keys the records do not carry are kept, e.g. ``"$schema"``."""
        return typing.cast(Dict[str, Any], json.loads(self._native.to_compact_json()))

    def _json(self) -> Dict[str, Any]:
        if self._data is None:
            self._data = self.to_dict()
        return self._data

    # The typed objects are built once, on first use (the catalogue cannot change).
    def _records(self, key: str, build: Any) -> Any:
        if key not in self._cache:
            self._cache[key] = Records(build(x) for x in self._json().get(key, []))
        return self._cache[key]

    @property
    def programme(self) -> Programme:
        """The programme: id, titles, base year, first and last year."""
        if "programme" not in self._cache:
            self._cache["programme"] = Programme.from_dict(self._json()["programme"])
        return typing.cast(Programme, self._cache["programme"])

    @property
    def schema(self) -> Optional[str]:
        """The JSON Schema the document names (its ``"$schema"``, for editors), or ``None``; the core ignores it."""
        return typing.cast(Optional[str], self._json().get("$schema"))

    @property
    def sections(self) -> Records[Section]:
        """The document's headings, for grouping."""
        return typing.cast(Records[Section], self._records("sections", Section.from_dict))

    @property
    def indicators(self) -> Records[Indicator]:
        """Every indicator (``.to_pandas()`` for a table)."""
        return typing.cast(Records[Indicator], self._records("indicators", Indicator.from_dict))

    @property
    def targets(self) -> Records[Target]:
        """Every target, in the document's order (``.to_pandas()`` for a table)."""
        return typing.cast(Records[Target], self._records("targets", Target.from_dict))

    @property
    def discrepancies(self) -> Records[Discrepancy]:
        """The places where the document contradicts itself or reads oddly."""
        return typing.cast(Records[Discrepancy], self._records("discrepancies", Discrepancy.from_dict))

    @property
    def projects(self) -> Records[Project]:
        """The projects of Phụ lục 1 (Appendix 1)."""
        return typing.cast(Records[Project], self._records("projects", Project.from_dict))

    def road_checks(self) -> Records[RoadCheck]:
        """For each road project with a full cross-section: do its parts add up to its width? (the core's check)"""
        return Records(RoadCheck.from_dict(r) for r in json.loads(self._native.road_checks_json()))

    def target(self, id: str) -> Target:
        """The target with this id (``KeyError`` if none)."""
        t = self.targets.get(id)
        if t is None:
            raise KeyError(id)
        return t

    def indicator(self, id: str) -> Indicator:
        """The indicator with this id (``KeyError`` if none)."""
        i = self.indicators.get(id)
        if i is None:
            raise KeyError(id)
        return i

    def figures(self, source: FigureSource, *, decimal_comma: bool = False) -> "Figures":
        """Read figures for this catalogue (see ``Figures.read``)."""
        return Figures.read(source, catalogue=self, decimal_comma=decimal_comma)

    def evaluate(self, figures: FigureSource, as_of: AsOf, **settings: Any) -> "Scorecard":
        """Evaluate every target (see ``chitieu.evaluate``)."""
        return evaluate(figures, as_of, catalogue=self, **settings)

    def needs(self, as_of: AsOf) -> List[Dict[str, Any]]:
        """What each target needs as of a date (the core's ``template::needs``): one dict per indicator, field and
        by-entity-or-not, with ``indicator``, ``field`` (``value``, ``numerator``, ``denominator``, ``done``,
        ``completed``), ``instead``, ``periods`` (text, e.g. ``"2026"``), ``per_entity``, ``any_period``,
        ``targets`` and ``section`` (the part of the programme)."""
        return typing.cast(List[Dict[str, Any]], json.loads(_native.template_needs_json(self._native, _as_of_text(as_of))))

    def template(self, as_of: AsOf, path: Optional[PathLike] = None, format: Optional[str] = None) -> Union[bytes, str, None]:
        """The fill-in template of the figures the targets need as of ``as_of`` (the core's, see
        docs/office-out.md): an .xlsx workbook or a CSV table in the wide layout.

        With ``path``, the file is written in the format its extension says (``.xlsx`` or ``.csv``) and nothing is
        returned; without, the workbook's bytes (``format="xlsx"``, the default) or the CSV text (``"csv"``).

        >>> import chitieu
        >>> chitieu.Catalogue.builtin().template(2027, format="csv").splitlines()[0][:40]
        'Phần (section),STT (stt),Chỉ tiêu (name)'
        """
        when = _as_of_text(as_of)
        if path is not None:
            kind = format or os.path.splitext(os.fspath(path))[1].lower().lstrip(".")
        else:
            kind = format or "xlsx"
        if kind not in ("xlsx", "csv"):
            raise ValueError(f"the template is written as xlsx or csv, not {kind!r}")
        data: Union[bytes, str] = (
            _native.template_xlsx(self._native, when) if kind == "xlsx" else _native.template_csv(self._native, when)
        )
        if path is None:
            return data
        if isinstance(data, bytes):
            with open(path, "wb") as f:
                f.write(data)
        else:
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(data)
        return None

    def __len__(self) -> int:
        return len(self._native)

    def __repr__(self) -> str:
        p = self.programme
        return f"<chitieu.Catalogue {p.id}: {len(self)} targets, {p.first_year}-{p.last_year}>"

    def _repr_html_(self) -> str:
        from ._html import catalogue_html

        return catalogue_html(self)


_BUILTIN: Optional[Catalogue] = None


def load_catalogue(source: Optional[PathLike] = None) -> Catalogue:
    """The built-in catalogue (no argument), or one read from a JSON file or JSON text."""
    if source is None:
        return Catalogue.builtin()
    if isinstance(source, str) and source.lstrip().startswith("{"):
        return Catalogue.from_json(source)
    return Catalogue.from_file(source)


def docx_text(source: DocxSource) -> str:
    """The text of a .docx (Word) file's body, in the shape a PDF extraction gives (the core's ``docx_text``).

    One line per paragraph (each ending with ``"\\n"``, empty paragraphs included); a word split over several runs
    comes out whole; ``w:tab`` is a tab, ``w:br`` a line break; a table comes out cell by cell, row after row, each
    cell's paragraphs one line each. Entities are decoded and the text is otherwise unchanged (no Unicode
    normalisation). Headers, footers, footnotes, comments, deleted text and field codes are left out.

    ``source`` is the file's bytes, a path (``str`` or ``os.PathLike``) or a binary file object. A file that is not
    a readable .docx raises ``DocxSyntaxError`` (``field`` is ``"zip"`` or ``"word/document.xml"``); one whose
    document inflates past 64 MiB raises ``LimitExceededError``.

    >>> from chitieu import DocxSyntaxError, docx_text
    >>> try:
    ...     docx_text(b"%PDF-1.7")
    ... except DocxSyntaxError as e:
    ...     print(e.code, e.field)
    docx_syntax zip
    """
    return _native.docx_text(_bytes_of(source, "a .docx"))


def _bytes_of(source: Any, what: str) -> bytes:
    """The bytes of a file given as bytes, a path or a binary file object (``what`` names it in errors)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as f:
            return f.read()
    if hasattr(source, "read"):
        data = source.read()
        if not isinstance(data, bytes):
            raise TypeError(f"{what} is read from a binary file, not one that gives {type(data).__name__}")
        return data
    raise TypeError(f"cannot read {what} from {type(source).__name__}")


def template(
    as_of: AsOf, path: Optional[PathLike] = None, format: Optional[str] = None, catalogue: Optional[Catalogue] = None
) -> Union[bytes, str, None]:
    """The fill-in template of the built-in catalogue (or ``catalogue``): see ``Catalogue.template``."""
    return _catalogue(catalogue).template(as_of, path, format)


def _catalogue(catalogue: Optional[Catalogue]) -> Catalogue:
    if catalogue is None:
        return Catalogue.builtin()
    if not isinstance(catalogue, Catalogue):
        raise TypeError(f"catalogue must be a chitieu.Catalogue, not {type(catalogue).__name__}")
    return catalogue


def _is_xlsx_path(path: PathLike) -> bool:
    return os.fspath(path).lower().endswith(".xlsx")


def _is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


class Figures:
    """Figures validated against a catalogue: read from the long format (one figure a row), the wide layout (a row
    an indicator, a column a period) or an Excel workbook. ``sheets`` lists a workbook's sheets as they were read
    (``None`` for figures read otherwise)."""

    __slots__ = ("_native", "catalogue", "sheets")

    def __init__(
        self, native: _native.Figures, catalogue: Catalogue, sheets: Optional[List[SheetRead]] = None
    ) -> None:
        self._native = native
        self.catalogue = catalogue
        self.sheets = sheets

    @classmethod
    def read(
        cls, source: FigureSource, catalogue: Optional[Catalogue] = None, *, decimal_comma: bool = False
    ) -> "Figures":
        """Figures from a DataFrame, a list of dicts, a CSV/JSON/.xlsx file path, CSV/JSON text, the bytes of an
        .xlsx workbook or ``Figures``.

        ``decimal_comma``: numbers in ``;``- or tab-separated text (and in text cells of a workbook) are written
        with a decimal comma (``85,5``), as Excel saves CSV in a Vietnamese locale; refused (``InvalidSettingError``)
        for comma-separated text and JSON, where it would be ambiguous."""
        cat = _catalogue(catalogue)
        if not isinstance(decimal_comma, bool):
            raise TypeError("decimal_comma must be True or False")
        if isinstance(source, Figures):
            if catalogue is not None and source.catalogue is not catalogue:
                raise ValueError("these figures were read for another catalogue")
            return source
        if _figures.is_dataframe(source):
            return cls.from_dataframe(source, cat)
        if isinstance(source, str):
            if "\n" in source:
                return cls(_native.Figures.from_text(cat._native, source, decimal_comma), cat)
            return cls.from_file(source, cat, decimal_comma=decimal_comma)
        if isinstance(source, os.PathLike):
            return cls.from_file(source, cat, decimal_comma=decimal_comma)
        if isinstance(source, (bytes, bytearray)):
            if _is_zip(bytes(source)):
                return cls.from_xlsx(bytes(source), cat, decimal_comma=decimal_comma)
            raise TypeError("figures given as bytes must be an .xlsx workbook; decode CSV or JSON text first")
        if isinstance(source, Mapping):
            raise TypeError("figures must be a list of dicts (one figure each), not a single dict")
        if isinstance(source, Iterable):
            return cls.from_records(typing.cast(Iterable[Mapping[str, Any]], source), cat)
        raise TypeError(f"cannot read figures from {type(source).__name__}")

    @classmethod
    def from_dataframe(cls, frame: "pandas.DataFrame", catalogue: Optional[Catalogue] = None) -> "Figures":
        """From a DataFrame in the long format (columns indicator, period, value, ...; row 1 is the first row)."""
        cat = _catalogue(catalogue)
        names, columns = _figures.frame_columns(frame)
        return cls(_native.Figures.from_columns(cat._native, names, columns), cat)

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]], catalogue: Optional[Catalogue] = None) -> "Figures":
        """From dicts, one figure each (keys as the long format's columns; the first is row 1)."""
        cat = _catalogue(catalogue)
        return cls(_native.Figures.from_json(cat._native, _figures.records_to_json(records)), cat)

    @classmethod
    def from_csv(
        cls, text: str, catalogue: Optional[Catalogue] = None, *, decimal_comma: bool = False
    ) -> "Figures":
        """From delimited text (the header is row 1; ``,``, ``;`` or a tab between fields, found from the header;
        the long format or the wide layout, told by the header). ``decimal_comma`` as in ``Figures.read``."""
        cat = _catalogue(catalogue)
        return cls(_native.Figures.from_csv(cat._native, text, decimal_comma), cat)

    @classmethod
    def from_xlsx(
        cls,
        source: Union[bytes, bytearray, PathLike, typing.BinaryIO],
        catalogue: Optional[Catalogue] = None,
        *,
        decimal_comma: bool = False,
    ) -> "Figures":
        """From an Excel workbook (its bytes, a path or a binary file): every sheet with a header row (a row with an
        ``indicator`` column in its first 30), in the long format or the wide layout, into one set of figures with
        the checks of CSV; errors name the sheet and the cell (``e.sheet``, ``e.cell``). Numbers are read as Excel
        shows them (15 significant digits), text cells by the CSV rules, formulas by their cached values.
        ``figures.sheets`` says which sheets were read and which skipped."""
        cat = _catalogue(catalogue)
        data = _bytes_of(source, "a workbook")
        native, sheets = _native.Figures.from_xlsx(cat._native, data, decimal_comma)
        return cls(native, cat, [SheetRead(*s) for s in sheets])

    @classmethod
    def from_json(cls, text: str, catalogue: Optional[Catalogue] = None) -> "Figures":
        """From JSON text: an array of objects (the first is row 1) or ``{"figures": [...]}``."""
        cat = _catalogue(catalogue)
        return cls(_native.Figures.from_json(cat._native, text), cat)

    @classmethod
    def from_file(
        cls, path: PathLike, catalogue: Optional[Catalogue] = None, *, decimal_comma: bool = False
    ) -> "Figures":
        """From an .xlsx workbook (by its extension), or a CSV or JSON file (JSON when it starts with ``[`` or
        ``{``)."""
        cat = _catalogue(catalogue)
        if _is_xlsx_path(path):
            return cls.from_xlsx(path, cat, decimal_comma=decimal_comma)
        return cls(_native.Figures.from_text(cat._native, _figures.read_text(path), decimal_comma), cat)

    def units(self) -> List[Optional[str]]:
        """The reporting units present (``None`` for figures without one)."""
        return self._native.units()

    def latest_year(self) -> Optional[int]:
        """The latest year any figure is for."""
        return self._native.latest_year()

    def __len__(self) -> int:
        return len(self._native)

    def __repr__(self) -> str:
        return f"<chitieu.Figures: {len(self)} figures>"


def _as_of_text(as_of: AsOf) -> str:
    if isinstance(as_of, datetime.datetime):
        return as_of.date().isoformat()
    if isinstance(as_of, datetime.date):
        return as_of.isoformat()
    if isinstance(as_of, bool):
        raise TypeError("as_of must be text, a year or a date, not a bool")
    if isinstance(as_of, (int, str)):
        return str(as_of)
    raise TypeError(f"as_of must be text (2027, 2027-Q2, 2027-06-30), a year or a date, not {type(as_of).__name__}")


def _setting_text(x: Optional[Number]) -> Optional[str]:
    if x is None:
        return None
    if isinstance(x, float):
        return float.__repr__(x)
    if isinstance(x, (Decimal, int, str)) and not isinstance(x, bool):
        return str(x)
    raise TypeError(f"a number setting must be a Decimal, int, float or numeric text, not {type(x).__name__}")


def options(
    as_of: AsOf,
    *,
    unit: Optional[str] = None,
    on_track_ratio: Optional[Number] = None,
    at_risk_ratio: Optional[Number] = None,
    about_tolerance_percent: Optional[Number] = None,
    decimals: Optional[int] = None,
    explain: Optional[bool] = None,
) -> _native.Options:
    """Evaluation settings; every ``None`` is the core's default."""
    if decimals is not None and (isinstance(decimals, bool) or not isinstance(decimals, int)):
        raise TypeError("decimals must be an int")
    if explain is not None and not isinstance(explain, bool):
        raise TypeError("explain must be True or False")
    return _native.Options(
        _as_of_text(as_of),
        unit,
        _setting_text(on_track_ratio),
        _setting_text(at_risk_ratio),
        _setting_text(about_tolerance_percent),
        decimals,
        explain,
    )


def evaluate(
    figures: FigureSource,
    as_of: AsOf,
    *,
    catalogue: Optional[Catalogue] = None,
    unit: Optional[str] = None,
    on_track_ratio: Optional[Number] = None,
    at_risk_ratio: Optional[Number] = None,
    about_tolerance_percent: Optional[Number] = None,
    decimals: Optional[int] = None,
    explain: Optional[bool] = None,
    decimal_comma: bool = False,
) -> "Scorecard":
    """Evaluate every target of a catalogue (the built-in one by default) from figures, as of a date.

    ``figures``: a DataFrame or a list of dicts in the long format, a CSV/JSON/.xlsx file path, CSV/JSON text, the
    bytes of an .xlsx workbook, or ``Figures``; ``decimal_comma`` says ``;``- or tab-separated text writes numbers
    with a decimal comma (see ``Figures.read``). ``as_of``: ``"2027"``, ``"2027-Q2"``, ``"2027-06-30"``, ``2027`` or a ``datetime.date``.
    The cut-offs (``on_track_ratio``, ``at_risk_ratio``), the tolerance of "khoảng", the display decimals and
    ``explain`` (write the rule and explanation in words; off for batch work that needs only statuses and
    numbers) default to the core's values when left as ``None``; ``unit`` picks a reporting unit when the
    figures hold several.

    Numbers: ``Decimal``, ``int`` and numeric text are exact; a float is read by its shortest printed form
    (``repr``: 85.0 is 85.0, 0.1 is 0.1); NaN is an empty cell; infinity raises ``NotANumberError``. Results
    are ``Decimal``. Rows are numbered from 1 (the first dict or DataFrame row; the header of a CSV file).

    >>> import chitieu
    >>> card = chitieu.evaluate([{"indicator": "online_dossiers", "period": "2030", "value": 85}], as_of="2030")
    >>> card["online_dossiers_2030"].status
    <Status.NOT_ACHIEVED: 'not_achieved'>
    """
    if isinstance(figures, Figures) and catalogue is None:
        catalogue = figures.catalogue
    cat = _catalogue(catalogue)
    figs = Figures.read(figures, cat, decimal_comma=decimal_comma)
    opts = options(
        as_of,
        unit=unit,
        on_track_ratio=on_track_ratio,
        at_risk_ratio=at_risk_ratio,
        about_tolerance_percent=about_tolerance_percent,
        decimals=decimals,
        explain=explain,
    )
    return Scorecard(_native.scorecard(cat._native, figs._native, opts), cat, figs, opts)


class Scorecard:
    """Every evaluation of a catalogue as of a date, with the status counts and the document's grouping.

    ``card["grdp_growth"]`` is one ``Evaluation``; ``card.to_pandas()`` one row per target; ``card.to_json()``
    the core's stable JSON; in a notebook the scorecard shows itself as a coloured table.
    """

    __slots__ = ("_native", "catalogue", "figures", "options", "_data", "_cache")

    def __init__(self, native: _native.Scorecard, catalogue: Catalogue, figures: Figures, options: _native.Options):
        self._native = native
        self.catalogue = catalogue
        self.figures = figures
        self.options = options
        self._data: Optional[Dict[str, Any]] = None
        self._cache: Dict[str, Any] = {}

    # The typed objects are built on first use from the core's JSON.
    def _json(self) -> Dict[str, Any]:
        if self._data is None:
            self._data = json.loads(self._native.to_json(False))
        return self._data

    def _cached(self, key: str, build: Any) -> Any:
        if key not in self._cache:
            self._cache[key] = build(self._json()[key])
        return self._cache[key]

    @property
    def programme(self) -> Programme:
        """The programme evaluated."""
        return typing.cast(Programme, self._cached("programme", Programme.from_dict))

    @property
    def as_of(self) -> datetime.date:
        """The as-of date."""
        return typing.cast(datetime.date, self._cached("as_of", datetime.date.fromisoformat))

    @property
    def unit(self) -> Optional[str]:
        """The reporting unit, if any."""
        return typing.cast(Optional[str], self._json().get("unit"))

    @property
    def counts(self) -> Records[StatusCount]:
        """How many targets have each status (every status, in report order)."""
        return typing.cast(Records[StatusCount], self._cached("counts", lambda x: Records(map(StatusCount.from_dict, x))))

    @property
    def groups(self) -> Records[Group]:
        """The document's headings with their targets."""
        return typing.cast(Records[Group], self._cached("groups", lambda x: Records(map(Group.from_dict, x))))

    @property
    def evaluations(self) -> Records[Evaluation]:
        """One evaluation per target, in catalogue order."""
        return typing.cast(
            Records[Evaluation], self._cached("evaluations", lambda x: Records(map(Evaluation.from_dict, x)))
        )

    @property
    def discrepancies(self) -> Records[Discrepancy]:
        """The document's contradictions and oddities."""
        return typing.cast(
            Records[Discrepancy], self._cached("discrepancies", lambda x: Records(map(Discrepancy.from_dict, x)))
        )

    @property
    def alternative_views(self) -> List[Dict[str, Any]]:
        """The core's alternative views: the targets assessed by international progress methods in
        compatibility mode (Open SDG, Eurostat...), as the core's JSON (floats there are the methods' own)."""
        return list(self._json().get("alternative_views", []))

    def _by_id(self) -> Dict[str, Evaluation]:
        if "_by_id" not in self._cache:
            self._cache["_by_id"] = {e.target: e for e in self.evaluations}
        return typing.cast(Dict[str, Evaluation], self._cache["_by_id"])

    def __getitem__(self, target: str) -> Evaluation:
        return self._by_id()[target]

    def __contains__(self, target: object) -> bool:
        return target in self._by_id()

    def __iter__(self) -> Iterator[Evaluation]:
        return iter(self.evaluations)

    def __len__(self) -> int:
        return len(self.evaluations)

    def __repr__(self) -> str:
        counts = ", ".join(f"{c.status.value} {c.count}" for c in self.counts if c.count)
        return f"<chitieu.Scorecard {self.programme.id} as of {self.as_of}: {counts}>"

    def status_counts(self) -> Dict[Status, int]:
        """Number of targets per status (every status, zeros included, in report order)."""
        return {c.status: c.count for c in self.counts}

    def with_status(self, *statuses: Union[Status, str]) -> Records[Evaluation]:
        """The evaluations with any of these statuses, e.g. ``card.with_status("off_track", "at_risk")``."""
        wanted = {Status(s) for s in statuses}
        return Records(e for e in self.evaluations if e.status in wanted)

    def group_of(self, target: str) -> Optional[Group]:
        """The heading a target is grouped under."""
        for g in self.groups:
            if target in g.targets:
                return g
        return None

    def to_pandas(self, numbers: str = "decimal") -> "pandas.DataFrame":
        """One row per target (catalogue order), tidy columns.

        Columns: target, section, group, group_title_en, group_title_vi, indicator, status (categorical, report
        order), status_vi, status_en, value, unit, value_period, reference_vi, reference_en, margin,
        achievement_ratio, progress_ratio, rate_to_date, rate_required, expected_to_date, projected,
        aim_reached, deadline, explanation_vi, explanation_en, sections, summary_en, indicator_vi, warnings,
        lead_unit. Numbers are ``Decimal`` (``numbers="float"`` for float64 columns).
        """
        import pandas as pd

        if numbers not in ("decimal", "float"):
            raise ValueError('numbers must be "decimal" or "float"')
        group = {t: g for g in self.groups for t in g.targets}
        rows = []
        # straight from the core's JSON: the Evaluation objects are not needed for a table
        for raw in self._json()["evaluations"]:
            row = evaluation_row(raw)
            g = group.get(raw["target"])
            rows.append(
                {
                    "target": row.pop("target"),
                    "section": row.pop("section"),
                    "group": g.section if g else None,
                    "group_title_en": g.title_en if g else None,
                    "group_title_vi": g.title_vi if g else None,
                    **row,
                }
            )
        columns = _columns(rows)
        if not columns:
            return pd.DataFrame()
        if numbers == "float":
            for col in _DECIMAL_COLUMNS:
                columns[col] = [float("nan") if x is None else float(x) for x in columns[col]]
        frame = pd.DataFrame(columns)
        frame["status"] = pd.Categorical(frame["status"], categories=[s.value for s in Status.in_report_order()])
        return frame

    def to_dict(self) -> Dict[str, Any]:
        """The core's JSON scorecard as Python objects (decimals as text), a fresh copy."""
        return typing.cast(Dict[str, Any], json.loads(self._native.to_json(False)))

    def to_json(self, pretty: bool = True) -> str:
        """The core's stable JSON scorecard (format ``chitieu.scorecard/1``; decimals as text)."""
        return self._native.to_json(pretty)

    def to_text(self, lang: str = "en") -> str:
        """Plain text grouped by section (the core's rendering); ``lang`` is ``"en"`` or ``"vi"``."""
        return self._native.to_text(lang)

    def to_markdown(self, lang: str = "en") -> str:
        """Markdown, a table per section (the core's rendering)."""
        return self._native.to_markdown(lang)

    def to_csv(self) -> str:
        """CSV, one row per target (the core's columns)."""
        return self._native.to_csv()

    def to_excel(self, path: Optional[PathLike] = None, lang: str = "vi") -> Optional[bytes]:
        """The report as an .xlsx workbook (the core's, see docs/office-out.md): the progress-report layout (STT,
        chỉ tiêu, đơn vị tính, mục tiêu, thực hiện by period, so sánh, đánh giá) grouped by section, a sheet of
        counts and one of the document's discrepancies; ``lang`` is ``"vi"`` (default) or ``"en"``. Written to
        ``path`` when given, else returned as bytes."""
        data = _native.report_xlsx(self.catalogue._native, self._native, self.figures._native, lang)
        if path is None:
            return data
        with open(path, "wb") as f:
            f.write(data)
        return None

    def path(self, target: str) -> Optional[TargetPath]:
        """The target's required path year by year beside its figures (the core's ``required_path``), or
        ``None`` when it has none (milestones, per-entity, coverage, quarterly and every-year-change targets, no
        starting figure)."""
        text = _native.required_path(self.catalogue._native, target, self.figures._native, self.options)
        return None if text is None else TargetPath.from_dict(json.loads(text))

    def html(self, lang: str = "en") -> "Html":
        """The coloured scorecard as HTML (displays itself in a notebook); ``lang`` is ``"en"`` or ``"vi"``."""
        from ._html import scorecard_html

        return Html(scorecard_html(self, lang))

    def _repr_html_(self) -> str:
        return str(self.html())

    def plot(self, ax: Optional["matplotlib.axes.Axes"] = None, lang: str = "en") -> "matplotlib.axes.Axes":
        """A bar chart of the status counts (needs ``chitieu[plot]``)."""
        from .plot import plot_scorecard

        return plot_scorecard(self, ax=ax, lang=lang)

    def plot_path(
        self, target: str, ax: Optional["matplotlib.axes.Axes"] = None, lang: str = "en"
    ) -> "matplotlib.axes.Axes":
        """A target's required path against the actual figures (needs ``chitieu[plot]``)."""
        from .plot import plot_path

        return plot_path(self, target, ax=ax, lang=lang)


# the evaluation fields that hold decimals: one list, the model's
_DECIMAL_COLUMNS = _EVALUATION_DECIMALS


def _columns(rows: List[Dict[str, Any]]) -> Dict[str, List[Any]]:
    """Rows (dicts with the same keys) as columns: pandas builds a frame faster from columns."""
    if not rows:
        return {}
    return {k: [r[k] for r in rows] for k in rows[0]}


class Html(str):
    """HTML text that a notebook displays as HTML."""

    def _repr_html_(self) -> str:
        return str(self)
