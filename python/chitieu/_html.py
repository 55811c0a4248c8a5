"""Notebook display: HTML for a scorecard, an evaluation and a catalogue (presentation only)."""

from __future__ import annotations

import typing
from decimal import Decimal
from html import escape
from typing import Dict, List, Optional

from ._model import Evaluation, Status

if typing.TYPE_CHECKING:  # pragma: no cover
    from ._api import Catalogue, Scorecard

# Colours of the statuses (background, text): greens for met, amber for at risk, reds for missed, greys for
# nothing to judge yet.
STATUS_COLOURS: Dict[Status, str] = {
    Status.EXCEEDED: "#0f5323",
    Status.ACHIEVED: "#1a7f37",
    Status.NOT_ACHIEVED: "#a40e26",
    Status.ON_TRACK: "#2da44e",
    Status.AT_RISK: "#b35900",
    Status.OFF_TRACK: "#d1242f",
    Status.NOT_DUE: "#6e7781",
    Status.NO_DATA: "#8c959f",
}

_STYLE = """<style>
.chitieu {font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 13px; line-height: 1.4}
.chitieu table {border-collapse: collapse; margin: 4px 0 12px 0; width: 100%}
.chitieu th, .chitieu td {border-bottom: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top}
.chitieu th {background: #f6f8fa}
.chitieu .chip {display: inline-block; border-radius: 10px; padding: 1px 8px; color: #fff; white-space: nowrap;
  font-weight: 600; font-size: 12px}
.chitieu .muted {color: #57606a; font-size: 12px}
.chitieu h3, .chitieu h4 {margin: 10px 0 4px 0}
.chitieu blockquote {margin: 2px 0 2px 8px; padding-left: 8px; border-left: 3px solid #d0d7de; color: #24292f}
</style>"""

_WORDS = {
    "en": {
        "as_of": "As of",
        "targets": "targets",
        "unit": "Unit",
        "status": "Status",
        "target": "Target",
        "value": "Value",
        "reads": "Target reads",
        "explanation": "Explanation",
        "discrepancies": "Contradictions and oddities in the document",
        "margin": "Margin",
        "rate_to_date": "Change a year to date",
        "rate_required": "Still required a year",
        "expected": "Required path at the latest figure",
        "projected": "Projected at the deadline",
        "progress": "Progress ratio",
        "deadline": "Deadline",
        "period": "Period",
        "sources": "Sources",
        "warnings": "Warnings",
    },
    "vi": {
        "as_of": "Tính đến",
        "targets": "chỉ tiêu",
        "unit": "Đơn vị",
        "status": "Trạng thái",
        "target": "Chỉ tiêu",
        "value": "Giá trị",
        "reads": "Yêu cầu",
        "explanation": "Giải thích",
        "discrepancies": "Mâu thuẫn và điểm bất thường của văn bản",
        "margin": "Chênh lệch",
        "rate_to_date": "Mức thay đổi bình quân năm đến nay",
        "rate_required": "Mức còn cần mỗi năm",
        "expected": "Lộ trình yêu cầu tại số liệu mới nhất",
        "projected": "Dự báo tại hạn",
        "progress": "Tỷ lệ tiến độ",
        "deadline": "Hạn",
        "period": "Kỳ",
        "sources": "Nguồn",
        "warnings": "Lưu ý",
    },
}


def _words(lang: str) -> Dict[str, str]:
    if lang not in _WORDS:
        raise ValueError('lang must be "en" or "vi"')
    return _WORDS[lang]


def chip(status: Status, lang: str = "en", count: Optional[int] = None) -> str:
    """A coloured label for a status."""
    label = status.label(lang) + ("" if count is None else f" {count}")
    return (
        f'<span class="chip chitieu-{status.value}" style="background:{STATUS_COLOURS[status]}">'
        f"{escape(label)}</span>"
    )


def _num(d: Optional[Decimal]) -> str:
    return "—" if d is None else escape(str(d))


def _value(e: Evaluation, lang: str = "en") -> str:
    # the unit as the core's report writes it: the core's English words (the catalogue's unit_en; "lần" is
    # "times"; the singular for exactly 1); %, ‰ and %/năm stick to the number
    unit = e.unit_in(lang, e.value)
    if e.value is None:
        return f"✔ {escape(e.value_period)}" if e.value_period else "—"
    text = f"{e.value}{unit}" if unit.startswith(("%", "‰")) else f"{e.value} {unit}".rstrip()
    if e.value_period:
        text += f" ({e.value_period})"
    return escape(text)


def scorecard_html(card: "Scorecard", lang: str = "en") -> str:
    """The scorecard: header with counts, then a table per heading of the document, then the discrepancies."""
    w = _words(lang)
    p = card.programme
    title = p.title_vi if lang == "vi" else p.title_en
    out: List[str] = [_STYLE, '<div class="chitieu chitieu-scorecard">', f"<h3>{escape(title)}</h3>"]
    meta = f"{w['as_of']} {card.as_of.isoformat()} · {len(card)} {w['targets']}"
    if card.unit:
        meta += f" · {w['unit']}: {escape(card.unit)}"
    out.append(f'<p class="muted">{escape(meta)}</p>')
    out.append(
        '<p class="chitieu-counts">' + " ".join(chip(c.status, lang, c.count) for c in card.counts if c.count) + "</p>"
    )
    for g in card.groups:
        heading = g.title_vi if lang == "vi" else g.title_en
        out.append(f'<h4 class="chitieu-group">{escape(g.section)} {escape(heading)}</h4>')
        out.append(
            f"<table><thead><tr><th>{w['status']}</th><th>{w['target']}</th><th>{w['value']}</th>"
            f"<th>{w['reads']}</th><th>{w['explanation']}</th></tr></thead><tbody>"
        )
        for t in g.targets:
            if t not in card:
                continue
            e = card[t]
            summary = e.indicator_vi if lang == "vi" else e.summary_en
            out.append(
                f'<tr class="chitieu-row" data-target="{escape(e.target)}">'
                f"<td>{chip(e.status, lang)}</td>"
                f"<td><code>{escape(e.target)}</code><br><span class='muted'>{escape(summary)}</span></td>"
                f"<td>{_value(e, lang)}</td>"
                f"<td>{escape(e.reference_vi if lang == 'vi' else e.reference_en)}</td>"
                f"<td>{escape(e.explanation_vi if lang == 'vi' else e.explanation_en)}</td></tr>"
            )
        out.append("</tbody></table>")
    if card.discrepancies:
        out.append(f"<details><summary>{w['discrepancies']} ({len(card.discrepancies)})</summary><ul>")
        for d in card.discrepancies:
            summary = d.summary_vi if lang == "vi" else d.summary_en
            quotes = "".join(f"<blockquote>{escape(q.section)}: “{escape(q.quote)}”</blockquote>" for q in d.quotes)
            out.append(f"<li><b>{escape(d.id)}</b> ({escape(', '.join(d.targets))}): {escape(summary)}{quotes}</li>")
        out.append("</ul></details>")
    out.append("</div>")
    return "\n".join(out)


def evaluation_html(e: Evaluation, lang: str = "en") -> str:
    """One evaluation: verdict, the rule, the numbers behind it, period by period, sources."""
    w = _words(lang)
    vi = lang == "vi"
    out: List[str] = [_STYLE, '<div class="chitieu chitieu-evaluation">']
    out.append(
        f"<h4>{chip(e.status, lang)} <code>{escape(e.target)}</code> "
        f"<span class='muted'>{escape(e.section)}</span></h4>"
    )
    out.append(f"<p>{escape(e.indicator_vi if vi else e.summary_en)}</p>")
    rows = [
        (w["reads"], escape(e.reference_vi if vi else e.reference_en)),
        (w["value"], _value(e, lang)),
        (w["margin"], _num(e.margin)),
        (w["progress"], _num(e.progress_ratio)),
        (w["rate_to_date"], _num(e.rate_to_date)),
        (w["rate_required"], _num(e.rate_required)),
        (w["expected"], _num(e.expected_to_date)),
        (w["projected"], _num(e.projected)),
        (w["deadline"], escape(e.deadline.isoformat())),
    ]
    out.append("<table><tbody>")
    out.extend(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows if v != "—")
    out.append("</tbody></table>")
    out.append(f"<p>{escape(e.explanation_vi if vi else e.explanation_en)}</p>")
    if e.periods:
        out.append(f"<table><thead><tr><th>{w['period']}</th><th>{w['value']}</th><th>{w['status']}</th></tr></thead>")
        out.append("<tbody>")
        for p in e.periods:
            st = chip(p.status, lang) if p.status else ""
            out.append(f"<tr><td>{escape(p.period)}</td><td>{_num(p.value)}</td><td>{st}</td></tr>")
        out.append("</tbody></table>")
    if e.warnings:
        out.append(f"<p class='muted'>{w['warnings']}: " + "; ".join(escape(x) for x in e.warnings) + "</p>")
    out.append(f"<p class='muted'>{w['sources']}:</p>")
    out.extend(f"<blockquote>{escape(s.section)}: “{escape(s.quote)}”</blockquote>" for s in e.sources)
    out.append("</div>")
    return "\n".join(out)


def catalogue_html(cat: "Catalogue") -> str:
    """The catalogue: programme and a table of targets with their first quote."""
    p = cat.programme
    out: List[str] = [_STYLE, '<div class="chitieu chitieu-catalogue">', f"<h3>{escape(p.title_en)}</h3>"]
    out.append(
        f"<p class='muted'>{escape(p.id)} · {p.first_year}-{p.last_year} · {len(cat)} targets · "
        f"{len(cat.indicators)} indicators · {len(cat.discrepancies)} discrepancies · "
        f"{len(cat.projects)} projects</p>"
    )
    out.append("<table><thead><tr><th>Target</th><th>Section</th><th>Rule</th><th>Quote</th></tr></thead><tbody>")
    for t in cat.targets:
        quote = t.sources[0].quote if t.sources else ""
        out.append(
            f"<tr><td><code>{escape(t.id)}</code><br><span class='muted'>{escape(t.summary_en)}</span></td>"
            f"<td>{escape(t.section)}</td><td>{escape(t.rule.kind)} / {escape(t.timing.kind)}</td>"
            f"<td>“{escape(quote)}”</td></tr>"
        )
    out.append("</tbody></table></div>")
    return "\n".join(out)
