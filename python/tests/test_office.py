"""The fill-in template and the report as .xlsx, read back with openpyxl (a second implementation, not ours), and
the CSV template read with the csv module."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest

import chitieu

SAMPLE = "examples/data/sample_figures.csv"


def _header(ws):
    """The header row (the one holding the `indicator` key) and its cells' keys by column letter."""
    for row in ws.iter_rows(min_row=1, max_row=30):
        keys = {}
        for c in row:
            if isinstance(c.value, str):
                text = c.value.strip()
                keys[c.column_letter] = text[text.rfind("(") + 1 : -1] if text.endswith(")") else text
            elif isinstance(c.value, int):
                keys[c.column_letter] = str(c.value)
        if "indicator" in keys.values():
            return row[0].row, keys
    return None, {}


def test_template_workbook_sheets_headers_validations_and_panes(tmp_path):
    cat = chitieu.Catalogue.builtin()
    path = tmp_path / "mau_so_lieu.xlsx"
    assert cat.template(2027, path) is None
    wb = openpyxl.load_workbook(path)
    needs = cat.needs(2027)
    parts = []
    for n in needs:
        if n["section"] not in parts:
            parts.append(n["section"])
    assert wb.sheetnames[0] == "Hướng dẫn"
    assert sorted(wb.sheetnames[1:]) == sorted(parts)
    assert _header(wb["Hướng dẫn"])[0] is None  # the instructions are not read as figures
    rows = 0
    for name in wb.sheetnames[1:]:
        ws = wb[name]
        head, keys = _header(ws)
        assert head == 3
        assert ws.freeze_panes == "C4"
        col = {v: k for k, v in keys.items()}
        assert ws[f"{col['indicator']}{head}"].value == "Mã chỉ tiêu (indicator)"
        # a note on every header cell
        for letter in keys:
            assert ws[f"{letter}{head}"].comment is not None, (name, letter)
        mine = [n for n in needs if n["section"] == name]
        for i, n in enumerate(mine):
            r = head + 1 + i
            assert ws[f"{col['indicator']}{r}"].value == n["indicator"]
            assert ws[f"{col['field']}{r}"].value == n["field"]
            # the cells to fill are exactly the periods due, and they are unlocked
            for p in n["periods"]:
                cell = ws[f"{col[p]}{r}"]
                assert cell.value is None and cell.protection.locked is False, (name, n["indicator"], p)
            for key, letter in col.items():
                if key[:1].isdigit() and key not in n["periods"]:
                    assert ws[f"{letter}{r}"].protection.locked is True
            rows += 1
        assert ws[f"{col['indicator']}{head + 1 + len(mine)}"].value is None
    assert rows == len(needs)
    # grdp: 2025-2027 due, decimal numbers; a share's value 0-100; yes/no from a list; dates
    ws = wb["B.II.1"]
    head, keys = _header(ws)
    col = {v: k for k, v in keys.items()}
    assert {"2025", "2026", "2027"} <= set(col) and "2028" not in col
    grdp = next(r for r in range(head + 1, ws.max_row + 1) if ws[f"{col['indicator']}{r}"].value == "grdp")
    validations = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    assert validations[f"{col['2027']}{grdp}"].type == "decimal"
    kinds = {
        (v.type, v.operator, v.formula1, v.formula2)
        for name in wb.sheetnames[1:]
        for v in wb[name].data_validations.dataValidation
    }
    # "between" is the default operator, which the file leaves unsaid
    assert ("decimal", None, "0", "100") in kinds
    assert ("whole", "greaterThanOrEqual", "0", None) in kinds
    assert any(k[0] == "list" and k[2] == '"có,không"' for k in kinds)
    assert any(k[0] == "date" for k in kinds)


def test_template_csv_has_a_row_per_need():
    text = chitieu.template("2026-12-31", format="csv")
    table = list(csv.reader(io.StringIO(text)))
    header, body = table[0], table[1:]
    needs = chitieu.Catalogue.builtin().needs("2026-12-31")
    assert len(body) == len(needs)
    ind, field = header.index("Mã chỉ tiêu (indicator)"), header.index("Trường (field)")
    assert sorted((r[ind], r[field]) for r in body) == sorted((n["indicator"], n["field"]) for n in needs)
    assert "2027" not in header and "2026" in header
    # bytes by default, and the same CSV through a path
    assert chitieu.template(2027)[:2] == b"PK"
    with pytest.raises(ValueError):
        chitieu.template(2027, format="ods")


def test_report_workbook_layout_status_colours_and_print_setup(tmp_path):
    card = chitieu.evaluate(SAMPLE, as_of="2027")
    path = tmp_path / "bao_cao.xlsx"
    card.to_excel(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Báo cáo", "Tổng hợp", "Mâu thuẫn"]
    ws = wb["Báo cáo"]
    assert ws["A5"].value == "STT" and ws["B5"].value == "Chỉ tiêu" and ws["C5"].value == "Đơn vị tính"
    assert ws["D5"].value == "Mục tiêu" and ws["E5"].value == "Thực hiện"
    headers = {c.value: c.column_letter for c in ws[5] if c.value}
    years = {c.value: c.column_letter for c in ws[6] if c.value}
    assert "năm 2025" in years and "năm 2027" in years
    # the grdp growth row: its figures as numbers, its status in words on the status colour of the HTML view
    row = next(r for r in range(7, ws.max_row + 1) if ws[f"{headers['Mã']}{r}"].value == "grdp_growth")
    assert ws[f"{years['năm 2025']}{row}"].value == 12480
    assert ws[f"{years['năm 2027']}{row}"].value == 16950
    # a growth rate given instead of a level: a number, shown as a signed percent
    brow = next(r for r in range(7, ws.max_row + 1) if ws[f"{headers['Mã']}{r}"].value == "budget_revenue_growth")
    assert ws[f"{years['năm 2025']}{brow}"].value == 410
    growth = ws[f"{years['năm 2026']}{brow}"]
    assert growth.value == 11.5 and '"%"' in growth.number_format and growth.number_format.startswith("+")
    ev = card["grdp_growth"]
    status = ws[f"{headers['Đánh giá']}{row}"]
    assert status.value == ev.status_vi
    colours = {
        "exceeded": "0F5323",
        "achieved": "1A7F37",
        "not_achieved": "A40E26",
        "on_track": "2DA44E",
        "at_risk": "B35900",
        "off_track": "D1242F",
        "not_due": "6E7781",
        "no_data": "8C959F",
    }
    assert status.fill.fgColor.rgb[-6:] == colours[ev.status.value]
    # so sánh: the achievement ratio as a number, shown in percent
    ratio = ws[f"{headers['So sánh']}{row}"]
    if ev.achievement_ratio is not None:
        assert Decimal(str(ratio.value)) == ev.achievement_ratio
        assert "%" in ratio.number_format
    # print set-up: A4 landscape, fitted to one page wide, the two header rows repeated
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == "9"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert str(ws.page_setup.fitToHeight) == "0"
    assert ws.print_title_rows == "$5:$6"
    assert ws.freeze_panes == "C7"
    # counts and discrepancies
    counts = wb["Tổng hợp"]
    total = [r for r in counts.iter_rows(values_only=True) if r[0] == "Tổng cộng"]
    assert total and total[0][1] == len(card.evaluations)
    d = wb["Mâu thuẫn"]
    ids = {r[1] for r in d.iter_rows(min_row=4, values_only=True)}
    assert {x.id for x in card.catalogue.discrepancies} <= ids
    # English, and bytes without a path
    en = openpyxl.load_workbook(io.BytesIO(card.to_excel(lang="en")))
    assert en.sheetnames == ["Report", "Summary", "Discrepancies"]
    assert en["Report"]["A5"].value == "No."


def _xlsx_reader():
    """The wide/long .xlsx reader, once merged (issue 18, part 1): None until then."""
    for owner, name in ((chitieu.Figures, "from_xlsx"), (chitieu, "read_xlsx")):
        if hasattr(owner, name):
            return getattr(owner, name)
    return None


@pytest.mark.skipif(_xlsx_reader() is None, reason="chitieu has no .xlsx reader yet (issue 18, part 1)")
def test_template_filled_and_read_back_gives_the_csv_verdicts(tmp_path):
    cat = chitieu.Catalogue.builtin()
    as_of = "2027"
    # fill the template with openpyxl from the sample figures, wide, cell by cell
    long = list(csv.DictReader(open(SAMPLE, encoding="utf-8")))
    path = tmp_path / "filled.xlsx"
    cat.template(as_of, path)
    wb = openpyxl.load_workbook(path)
    used = []
    for name in wb.sheetnames[1:]:
        ws = wb[name]
        head, keys = _header(ws)
        col = {v: k for k, v in keys.items()}
        for r in range(head + 1, ws.max_row + 1):
            ind, field = ws[f"{col['indicator']}{r}"].value, ws[f"{col['field']}{r}"].value
            for f in long:
                if f["indicator"] != ind or f["entity"] or not f.get(field):
                    continue
                if field == "completed" and "completed" in col:
                    ws[f"{col['completed']}{r}"] = f["completed"]
                elif f["period"] in col:
                    ws[f"{col[f['period']]}{r}"] = float(f[field]) if field != "done" else f[field]
                else:
                    continue
                used.append(f)
    wb.save(path)
    reader = _xlsx_reader()
    figures = reader(str(path), catalogue=cat) if reader is not chitieu.Figures.from_xlsx else reader(path, cat)
    # the same figures as CSV
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(long[0].keys()))
    w.writeheader()
    # a numerator row and its denominator row both took the figure's long row: keep it once
    w.writerows([dict(t) for t in dict.fromkeys(tuple(f.items()) for f in used)])
    by_csv = chitieu.evaluate(chitieu.Figures.from_csv(out.getvalue()), as_of=as_of)
    by_xlsx = chitieu.evaluate(figures, as_of=as_of)
    assert [(e.target, e.status, e.value) for e in by_xlsx.evaluations] == [
        (e.target, e.status, e.value) for e in by_csv.evaluations
    ]
