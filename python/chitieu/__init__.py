"""chitieu: exact verdicts on plan targets (chỉ tiêu) from statistical figures.

>>> import chitieu
>>> card = chitieu.evaluate("examples/data/sample_figures.csv", as_of="2027")  # doctest: +SKIP
>>> card.to_pandas()                                                             # doctest: +SKIP

The built-in catalogue is Hưng Đạo ward's programme 09-CTr/ĐU (Hải Phòng, 2025-2030); any programme in the same
JSON shape can be loaded. Every rule, default and verdict is the Rust core's; this package translates: figures in
(a DataFrame, a list of dicts, a CSV/JSON file), results out as typed objects with ``decimal.Decimal`` numbers,
DataFrames, JSON, notebook HTML and plots (``chitieu.plot``).
"""

from ._api import AsOf, Catalogue, Figures, FigureSource, Number, Scorecard, evaluate, load_catalogue, options
from ._batch import BATCH_COLUMNS, BATCH_ERROR_COLUMNS, BatchResult, evaluate_batch, synthetic_figures
from ._draft import CONFIDENCES, REVIEW_COLUMNS, SKIPPED_COLUMNS, Draft, draft_catalogue
from ._errors import (
    ERROR_CLASSES,
    CatalogueInvalidError,
    CatalogueSyntaxError,
    ChitieuError,
    DuplicateFigureError,
    DuplicateIdError,
    FiguresSyntaxError,
    InternalError,
    InvalidPeriodError,
    InvalidSettingError,
    LimitExceededError,
    MissingFieldError,
    NegativeCountError,
    NonPositiveBaseError,
    NonPositiveDenominatorError,
    NotANumberError,
    NotWholeCountError,
    NumeratorAboveDenominatorError,
    PercentageOutOfRangeError,
    PeriodOutsideProgrammeError,
    UnknownIndicatorError,
    WrongKindError,
    error_catalogue,
    error_class,
)
from ._model import (
    ActualPoint,
    Discrepancy,
    Evaluation,
    Group,
    Indicator,
    PathPoint,
    PeriodResult,
    Programme,
    Project,
    Records,
    RoadCheck,
    RoadProfile,
    Rule,
    Section,
    Source,
    Status,
    StatusCount,
    Target,
    TargetPath,
    Timing,
)
from ._native import SCORECARD_FORMAT, Options, __version__, parse_as_of

__all__ = [
    # reading and evaluating
    "Catalogue",
    "Figures",
    "Scorecard",
    "Options",
    "evaluate",
    "load_catalogue",
    "options",
    "parse_as_of",
    "AsOf",
    "FigureSource",
    "Number",
    "SCORECARD_FORMAT",
    "__version__",
    # many units at once
    "evaluate_batch",
    "BatchResult",
    "BATCH_COLUMNS",
    "BATCH_ERROR_COLUMNS",
    "synthetic_figures",
    # a programme's text to a draft catalogue
    "draft_catalogue",
    "Draft",
    "CONFIDENCES",
    "REVIEW_COLUMNS",
    "SKIPPED_COLUMNS",
    # data
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
    "Evaluation",
    "PeriodResult",
    "StatusCount",
    "Group",
    "TargetPath",
    "PathPoint",
    "ActualPoint",
    # errors
    "ChitieuError",
    "ERROR_CLASSES",
    "error_class",
    "error_catalogue",
    "CatalogueSyntaxError",
    "CatalogueInvalidError",
    "DuplicateIdError",
    "FiguresSyntaxError",
    "UnknownIndicatorError",
    "MissingFieldError",
    "NotANumberError",
    "InvalidPeriodError",
    "DuplicateFigureError",
    "NumeratorAboveDenominatorError",
    "NonPositiveDenominatorError",
    "NegativeCountError",
    "NotWholeCountError",
    "PercentageOutOfRangeError",
    "PeriodOutsideProgrammeError",
    "WrongKindError",
    "NonPositiveBaseError",
    "LimitExceededError",
    "InvalidSettingError",
    "InternalError",
]
