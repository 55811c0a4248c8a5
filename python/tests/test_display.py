"""Notebook HTML and plots."""

from __future__ import annotations

import re
import typing

import pytest

import chitieu
from chitieu import Status
from chitieu._html import STATUS_COLOURS


@pytest.fixture(scope="module")
def card() -> chitieu.Scorecard:
    rows = [
        {"indicator": "grdp", "period": "2025", "value": "10000"},
        {"indicator": "grdp", "period": "2026", "value": "11000"},
        {"indicator": "online_dossiers", "period": "2025", "value": "61.5"},
        {"indicator": "online_dossiers", "period": "2026", "value": "70.2"},
        {"indicator": "doctors", "period": "2026", "value": "3"},
        {"indicator": "new_enterprises", "period": "2026", "value": "10"},
        {"indicator": "party_admission_rate", "period": "2026", "numerator": 3, "denominator": 100},
        {"indicator": "election_2026_directives", "completed": "2026-03-01", "note": "<script>alert(1)</script>"},
    ]
    return chitieu.evaluate(rows, as_of="2026")


def test_scorecard_html(card: chitieu.Scorecard) -> None:
    html = card._repr_html_()
    assert html == str(card.html("en"))
    # one row per target, each with its status chip in its colour
    rows = re.findall(
        r'<tr class="chitieu-row" data-target="([a-z0-9_]+)">'
        r'<td><span class="chip chitieu-([a-z_]+)" style="background:(#[0-9a-f]{6})">',
        html,
    )
    assert [r[0] for r in rows] == [t for g in card.groups for t in g.targets]
    assert sorted(r[0] for r in rows) == sorted(e.target for e in card)
    for target, status, colour in rows:
        assert card[target].status.value == status
        assert STATUS_COLOURS[Status(status)] == colour
    # grouped by the document's headings, in the core's order
    headings = re.findall(r'<h4 class="chitieu-group">([^<]+)</h4>', html)
    assert len(headings) == len(card.groups)
    assert headings[0].startswith(card.groups[0].section)
    # counts of every status present
    counts = re.search(r'<p class="chitieu-counts">(.*?)</p>', html)
    assert counts is not None
    for c in card.counts:
        if c.count:
            assert f"{c.label_en} {c.count}</span>" in counts.group(1)
    assert "As of 2026-12-31" in html


def test_scorecard_html_in_vietnamese(card: chitieu.Scorecard) -> None:
    html = card.html("vi")
    assert "Tính đến 2026-12-31" in html and card.programme.title_vi.split()[0] in html
    assert card["grdp_growth"].status_vi in html
    assert html._repr_html_() == html
    with pytest.raises(ValueError):
        card.html("fr")


def test_html_escapes_text() -> None:
    cat = chitieu.Catalogue.builtin()
    doc = cat.to_json().replace("GRDP grows 16-18% a year on average", "<b>GRDP</b> & growth")
    other = chitieu.Catalogue.from_json(doc)
    card = other.evaluate([], as_of="2026")
    html = card._repr_html_()
    assert "&lt;b&gt;GRDP&lt;/b&gt; &amp; growth" in html and "<b>GRDP</b>" not in html


def test_evaluation_html(card: chitieu.Scorecard) -> None:
    e = card["grdp_growth"]
    html = e._repr_html_()
    assert f'chitieu-{e.status.value}' in html and "grdp_growth" in html
    assert str(e.rate_to_date) in html
    assert e.sources[0].quote in html
    assert "<td>2026</td>" in html


def test_catalogue_html() -> None:
    html = chitieu.Catalogue.builtin()._repr_html_()
    assert "grdp_growth" in html and "hung_dao_09_ctr_du" in html


def test_plot_path_draws_the_cores_numbers(card: chitieu.Scorecard) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    ax = card.plot_path("grdp_growth")
    path = card.path("grdp_growth")
    assert path is not None
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert set(lines) == {"required path", "aim", "actual"}
    assert list(lines["required path"].get_xdata()) == [2025, 2026, 2027, 2028, 2029, 2030]
    assert list(lines["required path"].get_ydata()) == [float(p.required) for p in path.required]
    # 10000 * 1.16^n, 10000 * 1.18^n
    assert lines["required path"].get_ydata()[1] == 11600.0 and lines["aim"].get_ydata()[1] == 11800.0
    assert list(lines["actual"].get_ydata()) == [10000.0, 11000.0]
    assert lines["actual"].get_color() == STATUS_COLOURS[card["grdp_growth"].status]
    plt.close("all")


def test_plot_path_deadline_and_errors(card: chitieu.Scorecard) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    ax = card.plot_path("online_dossiers_2030", lang="vi")
    ys = {line.get_label(): list(line.get_ydata()) for line in ax.get_lines()}
    # 61.5 in 2025 straight to 85 in 2030
    assert ys["lộ trình yêu cầu"][0] == 61.5 and ys["lộ trình yêu cầu"][-1] == 85.0
    assert ys["thực tế"] == [61.5, 70.2]
    with pytest.raises(ValueError):
        card.plot_path("election_2026_directives")
    with pytest.raises(KeyError):
        card.plot_path("nope")
    plt.close("all")


def test_plot_scorecard(card: chitieu.Scorecard) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    ax = card.plot()
    heights = [int(p.get_height()) for p in ax.patches]
    assert heights == [c.count for c in card.counts]
    assert [t.get_text() for t in ax.get_xticklabels()] == [c.status.label_en for c in card.counts]
    plt.close("all")


def _outside_the_figure(fig: "typing.Any") -> list:
    """Every text of the figure (tick labels, axis labels, titles, legend texts) whose drawn extent leaves the
    figure, as (text, extent, figure size) in pixels."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    out = []
    for ax in fig.axes:
        texts = []
        # the labels of the ticks drawn: those inside the axis's view (matplotlib keeps labels for the ticks
        # just beyond it, which it does not draw)
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            for loc, tick in zip(axis.get_majorticklocs(), axis.get_major_ticks()):
                if low - 1e-9 <= loc <= high + 1e-9:
                    texts.append(tick.label1)
        texts += [ax.xaxis.label, ax.yaxis.label, ax.title, ax._left_title, ax._right_title]
        legend = ax.get_legend()
        if legend is not None:
            texts += list(legend.get_texts())
        for t in texts:
            if not t.get_visible() or not t.get_text():
                continue
            b = t.get_window_extent(renderer)
            if b.x0 < 0 or b.y0 < 0 or b.x1 > width or b.y1 > height:
                out.append((t.get_text(), (b.x0, b.y0, b.x1, b.y1), (width, height)))
    return out


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_plot_fits_its_labels(card: chitieu.Scorecard, lang: str, tmp_path: "typing.Any") -> None:
    """Rendered to a PNG through Agg, every tick label, axis label, title and legend text lies inside the
    figure (the status summary's rotated labels were clipped at its left and bottom edges)."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plots = {
        "scorecard": lambda: card.plot(lang=lang),
        "growth path": lambda: card.plot_path("grdp_growth", lang=lang),
        "deadline path": lambda: card.plot_path("online_dossiers_2030", lang=lang),
    }
    for name, draw in plots.items():
        ax = draw()
        fig = ax.figure
        fig.savefig(tmp_path / f"{name}.png")
        assert (tmp_path / f"{name}.png").stat().st_size > 1000
        assert _outside_the_figure(fig) == [], name
        plt.close(fig)


def test_the_fit_check_can_fail() -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(3, 2))
    ax.set_xticks([0])
    ax.set_xticklabels(["a label far too long for a figure three inches wide, clipped at both edges"])
    assert _outside_the_figure(fig) != []
    plt.close(fig)


def test_english_units_come_from_the_catalogue(card: chitieu.Scorecard) -> None:
    # the core's English words for the catalogue's units, singular for exactly 1
    e = card["new_enterprises_term"]
    assert (e.unit, e.unit_en, e.unit_en_one) == ("doanh nghiệp", "enterprises", "enterprise")
    assert e.unit_in("en", e.value) == "enterprises" and e.unit_in("en", 1) == "enterprise"
    assert e.unit_in("vi") == "doanh nghiệp"
    assert "10 enterprises" in e.explanation_en and "doanh nghiệp" not in e.explanation_en
    growth = card["grdp_growth"]
    assert (growth.unit, growth.unit_en, growth.unit_en_one) == ("%/năm", "% a year", None)
    path = card.path("grdp_growth")
    assert path is not None and (path.unit, path.unit_en) == ("tỷ đồng", "billion VND")
    indicator = next(i for i in card.catalogue.indicators if i.id == "front_supervisions")
    assert (indicator.unit, indicator.unit_en, indicator.unit_en_one) == ("cuộc", "supervision missions", "supervision mission")
    assert "10 enterprises" in str(card.html("en")) and "10 doanh nghiệp" in str(card.html("vi"))


def test_period_positions() -> None:
    from chitieu.plot import period_position

    assert period_position("2027") == 2027.0
    assert period_position("2027-Q2") == 2026.5
    assert period_position("2027-Q4") == 2027.0
    assert period_position("2027-12-31") == 2027.0
    assert 2026.49 < period_position("2027-07-01") < 2026.51
