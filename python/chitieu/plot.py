"""Plots (needs matplotlib: ``pip install "chitieu[plot]"``).

- ``plot_path(card, target)``: a target's required path against the actual figures. Growth targets (and an
  average change read in percent a year): the compound path from the base-year level at the committed rate (and
  at the aim of a range) against the actual levels; a level, share or rate by a deadline: the straight line
  from the baseline figure to the target (a band: to each of its ends); a sum over the term: the straight line
  from zero against the running sum; a change from the base year: the straight line from the base-year figure
  to the level the change requires (a multiple: the compound path); an average change in points a year: the
  straight line at that many points a year; a yearly threshold or the mean asked of every year: the threshold,
  flat. The numbers are the core's (``Scorecard.path``); this module only draws them.
- ``plot_scorecard(card)``: a bar chart of the status counts.
"""

from __future__ import annotations

import datetime
import textwrap
import typing
from typing import List, Optional

from ._html import STATUS_COLOURS
from ._model import Status

if typing.TYPE_CHECKING:  # pragma: no cover
    import matplotlib.axes

    from ._api import Scorecard

__all__ = ["plot_path", "plot_scorecard", "period_position"]


def _pyplot() -> typing.Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError('chitieu\'s plots need matplotlib: pip install "chitieu[plot]"') from e
    return plt


def period_position(period: str) -> float:
    """Where a period sits on a time axis in years, at its end: ``2027`` -> 2027.0, ``2027-Q2`` -> 2026.5,
    ``2027-06-30`` -> about 2026.5 (so the end of year Y is Y, like the points of a required path)."""
    if len(period) == 4:
        return float(period)
    if "-Q" in period:
        year, quarter = period.split("-Q")
        return int(year) - 1 + int(quarter) / 4
    d = datetime.date.fromisoformat(period)
    start = datetime.date(d.year, 1, 1)
    days = (datetime.date(d.year + 1, 1, 1) - start).days
    return d.year - 1 + ((d - start).days + 1) / days


def plot_path(
    card: "Scorecard", target: str, *, ax: Optional["matplotlib.axes.Axes"] = None, lang: str = "en"
) -> "matplotlib.axes.Axes":
    """Draw a target's required path and its actual figures; returns the axes.

    Raises ``KeyError`` for an unknown target and ``ValueError`` for a target that has no single path
    (milestones, per-entity, coverage, quarterly and every-year-change targets, or no figure to start from).
    """
    e = card[target]
    path = card.path(target)
    if path is None:
        raise ValueError(
            f"target {target!r} has no required path to draw (a milestone, per-entity, coverage, quarterly or "
            "every-year-change target, or no figure to start from: a growth or change path needs the base-year "
            "figure)"
        )
    if ax is None:
        # constrained layout makes room for every label, whatever its language's length
        _, ax = _pyplot().subplots(figsize=(7, 4), constrained_layout=True)
    assert ax is not None
    vi = lang == "vi"
    years = [p.year for p in path.required]
    band = e.rule.kind == "band"
    floor_label = {"compound": "required path", "linear": "required path", "flat": "threshold"}[path.shape]
    if vi:
        floor_label = {"compound": "lộ trình yêu cầu", "linear": "lộ trình yêu cầu", "flat": "ngưỡng"}[path.shape]
    if band:
        # both ends of a band bind: the path to each end
        floor_label = "cận dưới" if vi else "lower end"
    aim_label = ("cận trên" if vi else "upper end") if band else ("mức phấn đấu" if vi else "aim")
    ax.plot(years, [float(p.required) for p in path.required], color="#57606a", linewidth=2, label=floor_label)
    aims = [p for p in path.required if p.aim is not None]
    if aims:
        ax.plot(
            [p.year for p in aims],
            [float(p.aim) for p in aims if p.aim is not None],
            color="#57606a",
            linestyle="--",
            linewidth=1.5,
            label=aim_label,
        )
    if path.actual:
        xs = [period_position(a.period) for a in path.actual]
        ax.plot(
            xs,
            [float(a.value) for a in path.actual],
            color=STATUS_COLOURS[e.status],
            marker="o",
            linewidth=2,
            label="thực tế" if vi else "actual",
        )
    # a long rule in words is wrapped, so that the title fits the figure's width
    reference = textwrap.fill(f"{target}: {e.reference_vi if vi else e.reference_en}", width=80)
    ax.set_title(f"{reference}\n{e.label(lang)}", fontsize=10)
    # the unit as the core names it: the document's word, or the catalogue's English (unit_en)
    ax.set_ylabel(path.unit if vi else path.unit_en)
    ax.set_xticks(years)
    ax.set_xticklabels([str(y) for y in years])
    ax.grid(True, alpha=0.3)
    ax.legend(loc="best", fontsize=9)
    return ax


def plot_scorecard(
    card: "Scorecard", *, ax: Optional["matplotlib.axes.Axes"] = None, lang: str = "en"
) -> "matplotlib.axes.Axes":
    """A bar chart of how many targets have each status (every status, in report order); returns the axes."""
    if ax is None:
        # constrained layout sizes the margins from the labels (the rotated status names, in either language)
        _, ax = _pyplot().subplots(figsize=(7, 4), constrained_layout=True)
    assert ax is not None
    statuses: List[Status] = [c.status for c in card.counts]
    counts = [c.count for c in card.counts]
    bars = ax.bar(
        range(len(statuses)), counts, color=[STATUS_COLOURS[s] for s in statuses], tick_label=[s.label(lang) for s in statuses]
    )
    ax.bar_label(bars)
    ax.set_ylabel("chỉ tiêu" if lang == "vi" else "targets")
    ax.set_title(f"{card.programme.id} · {card.as_of.isoformat()}", fontsize=10)
    ax.tick_params(axis="x", labelrotation=30)
    for label in ax.get_xticklabels():
        # anchored at its tick's end, so the rotated label ends under its bar and stays inside the figure
        label.set_horizontalalignment("right")
        label.set_rotation_mode("anchor")
    return ax
