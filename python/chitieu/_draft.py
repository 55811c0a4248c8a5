"""``draft_catalogue``: a programme's text to a draft catalogue and its review list (the core's drafter).

Every reading is the core's (``chitieu::draft``); this module turns its results into a ``Catalogue``, DataFrames and
notebook HTML.
"""

from __future__ import annotations

import json
import typing
from html import escape
from typing import Any, Dict, List

from . import _native
from ._api import Catalogue

if typing.TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["Draft", "draft_catalogue", "CONFIDENCES", "REVIEW_COLUMNS", "SKIPPED_COLUMNS"]

CONFIDENCES = ("high", "check", "low")
"""The drafter's confidence levels, surest first."""

REVIEW_COLUMNS = ("target", "section", "confidence", "reads", "reasons", "quote")
"""The columns of ``Draft.review``."""

SKIPPED_COLUMNS = ("section", "reason", "text")
"""The columns of ``Draft.skipped``."""

# Colours of the confidence levels (background): green, amber, grey.
CONFIDENCE_COLOURS = {"high": "#1a7f37", "check": "#b35900", "low": "#6e7781"}


class Draft:
    """A draft catalogue drafted from a programme's text, with every proposed target's words and doubts.

    ``catalogue`` is a ``Catalogue`` like any loaded one (evaluate figures against it); ``catalogue_json`` its JSON
    in the loader's format (save it, correct it, load it with ``chitieu.load_catalogue``); ``review`` one row a
    target (how sure the drafter is and why); ``skipped`` every passage with a number that became no target.
    """

    __slots__ = ("_native", "_catalogue", "_review", "_skipped")

    def __init__(self, native: _native.Draft) -> None:
        self._native = native
        self._catalogue: typing.Optional[Catalogue] = None
        self._review: typing.Optional[List[Dict[str, Any]]] = None
        self._skipped: typing.Optional[List[Dict[str, Any]]] = None

    @property
    def catalogue(self) -> Catalogue:
        """The draft catalogue (the core built it through its own loader)."""
        if self._catalogue is None:
            self._catalogue = Catalogue(self._native.catalogue())
        return self._catalogue

    @property
    def catalogue_json(self) -> str:
        """The draft catalogue as JSON, in the loader's format."""
        return self._native.catalogue_json()

    @property
    def text(self) -> str:
        """The text as the drafter read it (NFC, whitespace collapsed): every quote is a substring of it."""
        return self._native.text

    def review_records(self) -> List[Dict[str, Any]]:
        """The review as dicts (``target``, ``section``, ``confidence``, ``reads``, ``reasons`` (a list),
        ``quote``), in catalogue order; ``reads`` is the target's rule and timing in words (its ``summary_en``)."""
        if self._review is None:
            words = {t.id: t.summary_en for t in self.catalogue.targets}
            self._review = [
                {
                    "target": r["target"],
                    "section": r["section"],
                    "confidence": r["confidence"],
                    "reads": words.get(r["target"], ""),
                    "reasons": list(r["reasons"]),
                    "quote": r["quote"],
                }
                for r in json.loads(self._native.review_json())
            ]
        return [dict(r, reasons=list(r["reasons"])) for r in self._review]

    def skipped_records(self) -> List[Dict[str, Any]]:
        """The passages with a number that became no target, as dicts (``section``, ``reason``, ``text``)."""
        if self._skipped is None:
            self._skipped = [
                {"section": s["section"], "reason": s["reason"], "text": s["text"]}
                for s in json.loads(self._native.skipped_json())
            ]
        return [dict(s) for s in self._skipped]

    @property
    def review(self) -> "pandas.DataFrame":
        """One row a target: ``target``, ``section``, ``confidence`` (categorical: high, check, low), ``reads``
        (the rule and timing in words), ``reasons`` (joined by "; ") and ``quote``."""
        import pandas as pd

        rows = self.review_records()
        frame = pd.DataFrame(
            {
                c: [("; ".join(r[c]) if c == "reasons" else r[c]) for r in rows]
                for c in REVIEW_COLUMNS
            },
            columns=list(REVIEW_COLUMNS),
        )
        frame["confidence"] = pd.Categorical(frame["confidence"], categories=list(CONFIDENCES))
        return frame

    @property
    def skipped(self) -> "pandas.DataFrame":
        """One row a passage with a number that became no target: ``section``, ``reason``, ``text``."""
        import pandas as pd

        rows = self.skipped_records()
        return pd.DataFrame({c: [r[c] for r in rows] for c in SKIPPED_COLUMNS}, columns=list(SKIPPED_COLUMNS))

    def counts(self) -> Dict[str, int]:
        """How many targets at each confidence, and how many passages were skipped."""
        rows = self.review_records()
        out = {c: sum(r["confidence"] == c for r in rows) for c in CONFIDENCES}
        out["skipped"] = len(self.skipped_records())
        return out

    def review_text(self) -> str:
        """The review list as the core's plain table."""
        return self._native.review_text()

    def to_markdown(self) -> str:
        """The draft and its review as one Markdown document (the core's)."""
        return self._native.to_markdown()

    def measure(self, answer: Catalogue) -> Dict[str, Any]:
        """The core's measure of this draft against a catalogue written by hand: ``recall``, ``precision``,
        ``matched``, ``misses``, ``extras``..."""
        if not isinstance(answer, Catalogue):
            raise TypeError(f"answer must be a chitieu.Catalogue, not {type(answer).__name__}")
        return typing.cast(Dict[str, Any], json.loads(self._native.measure_json(answer._native)))

    def __len__(self) -> int:
        return len(self._native)

    def __repr__(self) -> str:
        c = self.counts()
        return (
            f"<chitieu.Draft {len(self)} targets ({c['high']} high, {c['check']} check, {c['low']} low), "
            f"{c['skipped']} skipped>"
        )

    def _repr_html_(self) -> str:
        return draft_html(self)


def draft_catalogue(text: str) -> Draft:
    """Draft a catalogue from a programme's text (as extracted from a PDF or copied from Word).

    Raises ``LimitExceededError`` for a text over the core's limit (16 MiB); a text with no target gives an
    empty draft.

    >>> d = draft_catalogue("B. CHƯƠNG TRÌNH\\nI. KINH TẾ\\na) Mục tiêu:\\n- Hằng năm, có trên 85% hồ sơ nộp trực tuyến.")
    >>> [(r["section"], r["confidence"], r["reads"]) for r in d.review_records()]
    [('B.I.a', 'high', 'more than 85%, every year 2026-2030')]
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    return Draft(_native.draft(text))


def draft_html(d: Draft) -> str:
    """The draft: counts, the review table coloured by confidence, the skipped passages."""
    from ._html import _STYLE

    c = d.counts()
    title = d.catalogue.programme.title_vi
    out: List[str] = [_STYLE, '<div class="chitieu chitieu-draft">', f"<h3>Draft: {escape(title)}</h3>"]
    chips = " ".join(
        f'<span class="chip chitieu-confidence-{k}" style="background:{CONFIDENCE_COLOURS[k]}">'
        f"{escape(k)} {c[k]}</span>"
        for k in CONFIDENCES
    )
    out.append(f"<p>{len(d)} targets drafted: {chips} · {c['skipped']} passages with numbers skipped</p>")
    out.append(
        "<table><thead><tr><th>Confidence</th><th>Target</th><th>Section</th><th>Reads</th><th>Reasons</th>"
        "<th>Quote</th></tr></thead><tbody>"
    )
    for r in d.review_records():
        colour = CONFIDENCE_COLOURS.get(r["confidence"], "#6e7781")
        reasons = "".join(f"<li>{escape(x)}</li>" for x in r["reasons"])
        out.append(
            f'<tr class="chitieu-draft-row chitieu-confidence-{escape(r["confidence"])}" '
            f'data-target="{escape(r["target"])}">'
            f'<td><span class="chip" style="background:{colour}">{escape(r["confidence"])}</span></td>'
            f"<td><code>{escape(r['target'])}</code></td><td>{escape(r['section'])}</td>"
            f"<td>{escape(r['reads'])}</td><td><ul>{reasons}</ul></td><td>“{escape(r['quote'])}”</td></tr>"
        )
    out.append("</tbody></table>")
    skipped = d.skipped_records()
    out.append(f"<details><summary>Skipped: {len(skipped)} passages with a number that became no target</summary>")
    out.append("<table><thead><tr><th>Section</th><th>Why</th><th>Words</th></tr></thead><tbody>")
    for s in skipped:
        out.append(
            f"<tr class='chitieu-skipped'><td>{escape(s['section'])}</td><td>{escape(s['reason'])}</td>"
            f"<td>{escape(s['text'])}</td></tr>"
        )
    out.append("</tbody></table></details></div>")
    return "\n".join(out)
