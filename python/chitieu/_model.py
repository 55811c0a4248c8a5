"""Typed, read-only views of the core's data: the JSON the core writes, turned into dataclasses.

Every class mirrors a serde struct of the core crate field for field (a test fails if the core writes a key a
class does not know). Decimals arrive as text and become ``decimal.Decimal`` exactly; dates become
``datetime.date``; periods stay text (``"2027"``, ``"2027-Q2"``, ``"2027-06-30"``).
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import typing
from decimal import Decimal
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple, Type, TypeVar

from . import _native
from ._errors import InternalError

if typing.TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "Status",
    "Records",
    "Programme",
    "Section",
    "Indicator",
    "Rule",
    "Timing",
    "Source",
    "Target",
    "Discrepancy",
    "RoadProfile",
    "Project",
    "RoadCheck",
    "PeriodResult",
    "Evaluation",
    "StatusCount",
    "Group",
    "PathPoint",
    "ActualPoint",
    "TargetPath",
    "evaluation_row",
]

_LABELS: Dict[str, Tuple[str, str]] = {code: (vi, en) for code, vi, en in _native.STATUSES}


class Status(str, enum.Enum):
    """A verdict, with the core's stable code as its value (``Status("on_track")``)."""

    EXCEEDED = "exceeded"
    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not_achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NOT_DUE = "not_due"
    NO_DATA = "no_data"

    def __str__(self) -> str:
        return str(self.value)

    @property
    def label_vi(self) -> str:
        """Vietnamese label (the core's)."""
        return _LABELS[self.value][0]

    @property
    def label_en(self) -> str:
        """English label (the core's)."""
        return _LABELS[self.value][1]

    def label(self, lang: str = "en") -> str:
        """The label in ``"en"`` or ``"vi"``."""
        return self.label_vi if lang == "vi" else self.label_en

    @classmethod
    def in_report_order(cls) -> Tuple["Status", ...]:
        """Every status, in the core's report order."""
        return tuple(cls(code) for code in _LABELS)


R = TypeVar("R", bound="_Record")


def _json_value(v: Any) -> Any:
    if isinstance(v, _Record):
        return v.to_dict()
    if isinstance(v, enum.Enum):
        return v.value
    if isinstance(v, Decimal):
        return str(v)
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, tuple):
        return [_json_value(x) for x in v]
    return v


class _Record:
    """Base of the dataclasses: JSON in and out, and a flat row for pandas."""

    @classmethod
    def from_dict(cls: Type[R], data: Mapping[str, Any]) -> R:
        """Build from the core's JSON form (decimals as text)."""
        spec, defaults, count = _spec(cls)
        values = dict(defaults)
        for key, raw in data.items():
            try:
                name, convert = spec[key]
            except KeyError:
                raise InternalError(f"{cls.__name__}: the core wrote an unknown field {key!r}") from None
            values[name] = raw if convert is None else convert(raw)
        if len(values) != count:
            missing = sorted(set(f.name for f in dataclasses.fields(cls)) - set(values))  # type: ignore[arg-type]
            raise InternalError(f"{cls.__name__}: the core left out {missing}")
        # The fields are set directly (the dataclass __init__ of a frozen class is slow, and the values are
        # already converted); the object is as frozen as one built by __init__.
        obj = object.__new__(cls)
        obj.__dict__.update(values)
        return obj

    def to_dict(self) -> Dict[str, Any]:
        """The core's JSON form, key for key: decimals as text, dates as ``YYYY-MM-DD``, absent values left out
        as the core leaves them out (``Evaluation.from_dict(d).to_dict() == d``)."""
        out: Dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            v = getattr(self, f.name)
            if v is None or (v == () and f.metadata.get("skip_empty")) or (v is False and f.metadata.get("skip_false")):
                continue
            out[f.metadata.get("key", f.name)] = _json_value(v)
        return out

    def _row(self) -> Dict[str, Any]:
        """A flat row for ``to_pandas``: nested records flattened with a prefix, lists joined."""
        row: Dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            v = getattr(self, f.name)
            key = f.metadata.get("key", f.name)
            if isinstance(v, _Record):
                for k, x in v._row().items():
                    row[f"{key}_{k}"] = x
            elif isinstance(v, tuple):
                if all(isinstance(x, Source) for x in v):
                    row["sections"] = "; ".join(x.section for x in v)
                elif all(isinstance(x, (str, int)) for x in v):
                    row[key] = ", ".join(str(x) for x in v)
            elif isinstance(v, enum.Enum):
                row[key] = v.value
            else:
                row[key] = v
        return row


_SPECS: Dict[type, Tuple[Dict[str, Tuple[str, Optional[Callable[[Any], Any]]]], Dict[str, Any], int]] = {}


def _converter(tp: Any) -> Optional[Callable[[Any], Any]]:
    """How to turn the JSON value of a field of this type into the field's value; ``None``: as it is."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Union:
        inner = _converter(next(a for a in args if a is not type(None)))
        if inner is None:
            return None
        convert = inner
        return lambda v: None if v is None else convert(v)
    if origin is tuple:
        item = _converter(args[0])
        if item is None:
            return tuple
        convert_item = item
        return lambda v: tuple([convert_item(x) for x in v])
    if tp is Decimal:
        return Decimal
    if tp is datetime.date:
        return datetime.date.fromisoformat
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp
    if isinstance(tp, type) and issubclass(tp, _Record):
        record: Type[_Record] = tp
        return record.from_dict
    return None


def _spec(cls: type) -> Tuple[Dict[str, Tuple[str, Optional[Callable[[Any], Any]]]], Dict[str, Any], int]:
    """JSON key -> (field name, converter); the fields' defaults; the number of fields."""
    spec = _SPECS.get(cls)
    if spec is None:
        hints = typing.get_type_hints(cls)
        fields = dataclasses.fields(cls)
        keys = {f.metadata.get("key", f.name): (f.name, _converter(hints[f.name])) for f in fields}
        defaults = {f.name: f.default for f in fields if f.default is not dataclasses.MISSING}
        spec = (keys, defaults, len(fields))
        _SPECS[cls] = spec
    return spec


class Records(Tuple[R, ...]):
    """A tuple of records (targets, indicators, evaluations...) with lookup by id and ``to_pandas()``."""

    def get(self, id: str) -> Optional[R]:
        """The record with this id (``target`` for evaluations), or ``None``."""
        for r in self:
            if getattr(r, "id", None) == id or getattr(r, "target", None) == id:
                return r
        return None

    def ids(self) -> List[str]:
        """The ids, in order."""
        return [str(getattr(r, "id", None) or getattr(r, "target", "")) for r in self]

    def to_pandas(self) -> "pandas.DataFrame":
        """One row per record, flat columns (decimals stay ``Decimal``)."""
        import pandas as pd

        rows = [r._row() for r in self]
        keys: Dict[str, None] = {}
        for r in rows:
            keys.update(dict.fromkeys(r))
        return pd.DataFrame({k: [r.get(k) for r in rows] for k in keys})


def _field(key: Optional[str] = None, default: Any = None, skip_empty: bool = False, skip_false: bool = False) -> Any:
    """A field with the core's serde details: its JSON key, and whether the core leaves it out when empty."""
    meta: Dict[str, Any] = {"skip_empty": skip_empty, "skip_false": skip_false}
    if key is not None:
        meta["key"] = key
    return dataclasses.field(default=default, metadata=meta)


_frozen = dataclasses.dataclass(frozen=True)


@_frozen
class Programme(_Record):
    """The programme a catalogue encodes."""

    id: str
    title_vi: str
    title_en: str
    base_year: int
    first_year: int
    last_year: int
    issuer: str = ""
    adopted: Optional[str] = None
    notes: Tuple[str, ...] = _field(default=(), skip_empty=True)


@_frozen
class Section(_Record):
    """A heading of the document, for grouping."""

    id: str
    title_vi: str
    title_en: str


@_frozen
class Indicator(_Record):
    """A measured quantity (``measure``: level, share, count, status, completion or rate; ``per``: a rate's N).

    ``unit`` is the document's word; ``unit_en`` its English plural and ``unit_en_one`` its singular, when the
    catalogue gives them (the loader requires them unless the core's table knows the word)."""

    id: str
    name_vi: str
    name_en: str
    unit: str
    measure: str
    direction: str
    per: Optional[Decimal] = None
    notes: Optional[str] = None
    unit_en: Optional[str] = None
    unit_en_one: Optional[str] = None


@_frozen
class Rule(_Record):
    """The rule of a target; ``kind`` is the core's: at_least, more_than, at_most, less_than, exactly (``value``),
    range (``floor``, ``aim``, ``aim_inclusive``), about (``value``, ``tolerance``), band (``low``, ``high``: both
    ends bind, never exceeded), all, none, done."""

    kind: str
    value: Optional[Decimal] = None
    floor: Optional[Decimal] = None
    aim: Optional[Decimal] = None
    aim_inclusive: Optional[bool] = None
    tolerance: Optional[Decimal] = None
    low: Optional[Decimal] = None
    high: Optional[Decimal] = None


@_frozen
class Timing(_Record):
    """When a rule is judged, and on what quantity; ``kind`` is the core's: deadline (``by``), yearly, quarterly,
    cumulative, coverage (``universe`` or ``universe_indicator``), average_growth (``from_``, ``to``), and the
    change kinds: change (``base``, ``to``, ``change``: relative in percent of the base, absolute in the
    indicator's unit, multiple in times the base), average_change (``from_``, ``to``, ``reading``: absolute in
    points a year, relative in compound percent a year), average (the mean of the yearly figures of
    ``from_``..``to``), yearly_change (every year against the year before, ``reading``).

    ``from_`` is the core's ``from`` (a Python keyword).
    """

    kind: str
    from_: Optional[int] = _field("from")
    to: Optional[int] = None
    by: Optional[str] = None
    universe: Optional[Decimal] = None
    universe_indicator: Optional[str] = None
    base: Optional[int] = None
    change: Optional[str] = None
    reading: Optional[str] = None


@_frozen
class Source(_Record):
    """A place the document states a target: section reference and the exact words."""

    section: str
    quote: str


@_frozen
class Target(_Record):
    """A target: an indicator, a rule, a timing and the words that set it (``out_of``: the stated total of a
    count, "04/09 thôn" is at least 4 ``out_of`` 9; display only)."""

    id: str
    indicator: str
    rule: Rule
    timing: Timing
    summary_en: str
    sources: Tuple[Source, ...]
    per_entity: bool = _field(default=False, skip_false=True)
    lead_unit: Optional[str] = None
    notes: Optional[str] = None
    related: Tuple[str, ...] = _field(default=(), skip_empty=True)
    out_of: Optional[Decimal] = None

    @property
    def section(self) -> str:
        """The primary section reference."""
        return self.sources[0].section if self.sources else ""

    def _row(self) -> Dict[str, Any]:
        row: Dict[str, Any] = {"id": self.id, "indicator": self.indicator, "section": self.section}
        row.update(super()._row())
        row["quote"] = self.sources[0].quote if self.sources else None
        return row


@_frozen
class Discrepancy(_Record):
    """A place where the document contradicts itself or reads oddly (``kind``: contradiction or oddity)."""

    id: str
    kind: str
    summary_en: str
    summary_vi: str
    quotes: Tuple[Source, ...]
    targets: Tuple[str, ...] = ()


@_frozen
class RoadProfile(_Record):
    """A road's cross-section (metres): Bn, Bm, sidewalks, median."""

    bn: Optional[Decimal] = None
    bm: Optional[Decimal] = None
    bhe_each: Optional[Decimal] = None
    bhe_count: Optional[int] = None
    median: Optional[Decimal] = None


@_frozen
class Project(_Record):
    """A project of Phụ lục 1."""

    id: str
    group: str
    number: int
    section: str
    name_vi: str
    scale_vi: str
    funding_vi: str
    period_vi: str
    road: Optional[RoadProfile] = None
    area_m2: Optional[Decimal] = None
    hectares: Optional[Decimal] = None
    period_from: Optional[int] = None
    period_to: Optional[int] = None
    notes: Optional[str] = None
    indicator: Optional[str] = None


@_frozen
class RoadCheck(_Record):
    """Bm + sidewalks + median against Bn for a road project (the core's check)."""

    project: str
    width: Decimal
    parts: Decimal
    consistent: bool


@_frozen
class PeriodResult(_Record):
    """One period of a yearly, quarterly or growth target."""

    period: str
    value: Optional[Decimal] = None
    status: Optional[Status] = None
    entities_met: Optional[int] = None
    entities: Optional[int] = None


@_frozen
class Evaluation(_Record):
    """The verdict on one target as of a date, with the numbers behind it (all from the core).

    ``unit`` is the unit of ``value`` and ``margin``: the indicator's unit, or what the rule is stated in:
    ``%/năm`` (average growth), ``%`` (a relative change), ``lần`` (times the base), ``điểm %`` (percentage
    points of a share; ``điểm ‰`` for a per-mille rate), ``<unit>/năm`` (an average change a year).
    ``unit_en`` is the same in English, the plural, from the catalogue's ``unit_en`` ("missions", "% a year",
    "percentage points"); ``unit_en_one`` the singular for a value of exactly 1, when it differs.
    ``unit_in("en", n)`` picks the one the core's English texts write after the number ``n``.
    """

    target: str
    indicator: str
    section: str
    summary_en: str
    indicator_vi: str
    unit: str
    unit_en: str
    as_of: datetime.date
    deadline: datetime.date
    status: Status
    status_vi: str
    status_en: str
    rule: Rule
    timing: Timing
    reference_vi: str
    reference_en: str
    explanation_vi: str
    explanation_en: str
    sources: Tuple[Source, ...]
    value: Optional[Decimal] = None
    value_period: Optional[str] = None
    margin: Optional[Decimal] = None
    achievement_ratio: Optional[Decimal] = None
    progress_ratio: Optional[Decimal] = None
    rate_to_date: Optional[Decimal] = None
    rate_required: Optional[Decimal] = None
    expected_to_date: Optional[Decimal] = None
    projected: Optional[Decimal] = None
    aim_reached: Optional[bool] = None
    periods: Tuple[PeriodResult, ...] = _field(default=(), skip_empty=True)
    rows: Tuple[int, ...] = _field(default=(), skip_empty=True)
    warnings: Tuple[str, ...] = _field(default=(), skip_empty=True)
    lead_unit: Optional[str] = None
    notes: Optional[str] = None
    unit_en_one: Optional[str] = None

    def label(self, lang: str = "en") -> str:
        """The status label in ``"en"`` or ``"vi"``."""
        return self.status_vi if lang == "vi" else self.status_en

    def unit_in(self, lang: str = "en", n: Optional[Decimal] = None) -> str:
        """The unit of ``value`` in ``"vi"`` (as the core writes it) or ``"en"`` (the core's ``unit_en``: the
        catalogue's English word, ``"lần"`` is ``"times"``), for the number ``n`` (the singular
        ``unit_en_one`` for exactly 1; the plural when ``n`` is not given)."""
        if lang not in ("en", "vi"):
            raise ValueError('lang must be "en" or "vi"')
        if lang == "vi":
            return self.unit
        if n is not None and abs(n) == 1 and self.unit_en_one is not None:
            return self.unit_en_one
        return self.unit_en

    def __repr__(self) -> str:
        # short: the verdict and its number (every field is an attribute; to_dict() has them all)
        value = "None" if self.value is None else f"Decimal('{self.value}')"
        return (
            f"Evaluation(target={self.target!r}, status={self.status.value!r}, value={value}, unit={self.unit!r}, "
            f"value_period={self.value_period!r}, as_of={self.as_of.isoformat()!r})"
        )

    def _row(self) -> Dict[str, Any]:
        return evaluation_row(self.to_dict())

    def html(self, lang: str = "en") -> str:
        """The evaluation as HTML (what a notebook shows), in ``"en"`` or ``"vi"``."""
        from ._html import evaluation_html

        return evaluation_html(self, lang)

    def _repr_html_(self) -> str:
        return self.html()


# the decimal fields of an evaluation, as the core lists them (its batch table has the same decimal columns)
_EVALUATION_DECIMALS: Tuple[str, ...] = tuple(_native.BATCH_DECIMALS)


def _decimal(text: Optional[str]) -> Optional[Decimal]:
    return None if text is None else Decimal(text)


def evaluation_row(e: Mapping[str, Any]) -> Dict[str, Any]:
    """The ``to_pandas`` row of an evaluation, from its JSON form (decimals become ``Decimal``)."""
    get = e.get
    number = {k: _decimal(get(k)) for k in _EVALUATION_DECIMALS}
    return {
        "target": e["target"],
        "section": e["section"],
        "indicator": e["indicator"],
        "status": e["status"],
        "status_vi": e["status_vi"],
        "status_en": e["status_en"],
        "value": number["value"],
        "unit": e["unit"],
        "unit_en": e["unit_en"],
        "value_period": get("value_period"),
        "reference_vi": e["reference_vi"],
        "reference_en": e["reference_en"],
        "margin": number["margin"],
        "achievement_ratio": number["achievement_ratio"],
        "progress_ratio": number["progress_ratio"],
        "rate_to_date": number["rate_to_date"],
        "rate_required": number["rate_required"],
        "expected_to_date": number["expected_to_date"],
        "projected": number["projected"],
        "aim_reached": get("aim_reached"),
        "deadline": datetime.date.fromisoformat(e["deadline"]),
        "explanation_vi": e["explanation_vi"],
        "explanation_en": e["explanation_en"],
        "sections": "; ".join(s["section"] for s in e["sources"]),
        "summary_en": e["summary_en"],
        "indicator_vi": e["indicator_vi"],
        "warnings": "; ".join(get("warnings", ())),
        "lead_unit": get("lead_unit"),
    }


@_frozen
class StatusCount(_Record):
    """How many targets have a status."""

    status: Status
    label_vi: str
    label_en: str
    count: int


@_frozen
class Group(_Record):
    """A heading of the document with the targets under it."""

    section: str
    title_vi: str
    title_en: str
    targets: Tuple[str, ...]


@_frozen
class PathPoint(_Record):
    """One year of a required path: what the commitment (and the aim of a range) requires by its end."""

    year: int
    required: Decimal
    aim: Optional[Decimal] = None


@_frozen
class ActualPoint(_Record):
    """An actual figure on a path's scale (a level, a share in percent, a running sum)."""

    period: str
    value: Decimal
    row: int


@_frozen
class TargetPath(_Record):
    """A target's required path year by year beside the actual figures (the core's ``required_path``).

    ``shape`` is ``compound`` (average growth, a multiple of the base year, an average change in percent a year),
    ``linear`` (deadline, cumulative, a relative or absolute change from the base year, an average change in
    points a year) or ``flat`` (yearly, the mean of the yearly figures). For a band, ``required`` runs to the
    lower end and ``aim`` to the upper end; for a range, ``aim`` to its aim.
    """

    target: str
    indicator: str
    unit: str
    unit_en: str
    shape: str
    required: Tuple[PathPoint, ...]
    actual: Tuple[ActualPoint, ...]

    def to_pandas(self) -> "pandas.DataFrame":
        """Tidy: one row per point, columns ``series`` (required, aim, actual), ``period``, ``value``."""
        import pandas as pd

        rows: List[Dict[str, Any]] = []
        for p in self.required:
            rows.append({"series": "required", "period": str(p.year), "value": p.required})
        for p in self.required:
            if p.aim is not None:
                rows.append({"series": "aim", "period": str(p.year), "value": p.aim})
        for a in self.actual:
            rows.append({"series": "actual", "period": a.period, "value": a.value})
        return pd.DataFrame(rows, columns=["series", "period", "value"])

