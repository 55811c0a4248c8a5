"""chitieu.docx_text on files written by python-docx (as Word writes them), and on files that are not .docx.

The expected texts are written out by hand from what the document shows, not copied from the library's output.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

import pytest

import chitieu

docx = pytest.importorskip("docx")

NFC = "Phường Hưng Đạo: tỷ lệ hộ nghèo dưới 1%"
NFD = unicodedata.normalize("NFD", "Hưng Đạo đạt chỉ tiêu")


def _programme(path: Path) -> Path:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "ĐẢNG BỘ PHƯỜNG (header)"
    d.sections[0].footer.paragraphs[0].text = "Trang 1 (footer)"
    d.add_heading("CHƯƠNG TRÌNH HÀNH ĐỘNG", level=1)
    p = d.add_paragraph()
    p.add_run("chỉ ti")
    p.add_run("êu").bold = True  # a word split over two runs
    p.add_run(" số 09-CTr/ĐU")
    d.add_paragraph("R&D <5% > 3 \"x\" 'y'")
    d.add_paragraph(NFC)
    d.add_paragraph(NFD)
    p = d.add_paragraph()
    r = p.add_run("a")
    r.add_tab()
    r.add_text("b")
    r.add_break()
    r.add_text("c")
    d.add_paragraph()  # an empty paragraph

    t = d.add_table(rows=5, cols=3)
    for c, text in enumerate(["STT", "Chỉ tiêu", "Năm 2030"]):
        t.cell(0, c).text = text
    t.cell(1, 0).text = "1"
    t.cell(1, 1).text = "Tỷ lệ hồ sơ"
    t.cell(1, 1).add_paragraph("trực tuyến toàn trình")  # a cell of two paragraphs
    t.cell(1, 2).text = "trên 85%"
    t.cell(2, 0).text = "2"
    t.cell(2, 1).merge(t.cell(2, 2)).text = "Gộp hai cột"  # merged across
    t.cell(3, 0).text = "3"
    t.cell(3, 1).text = "Xã"
    t.cell(4, 1).text = "Phường"
    t.cell(3, 2).merge(t.cell(4, 2)).text = "100%"  # merged down
    d.add_paragraph("Sau bảng")
    d.save(str(path))
    return path


EXPECTED = (
    "CHƯƠNG TRÌNH HÀNH ĐỘNG\n"
    "chỉ tiêu số 09-CTr/ĐU\n"
    "R&D <5% > 3 \"x\" 'y'\n"
    f"{NFC}\n"
    f"{NFD}\n"
    "a\tb\nc\n"
    "\n"
    # the table: cell by cell, row after row; the lower half of a cell merged down is an empty cell
    "STT\nChỉ tiêu\nNăm 2030\n"
    "1\nTỷ lệ hồ sơ\ntrực tuyến toàn trình\ntrên 85%\n"
    "2\nGộp hai cột\n"
    "3\nXã\n100%\n"
    "\nPhường\n\n"
    "Sau bảng\n"
)


@pytest.fixture
def programme(tmp_path: Path) -> Path:
    return _programme(tmp_path / "chuong_trinh.docx")


def test_the_text_of_a_word_document(programme: Path) -> None:
    text = chitieu.docx_text(programme)
    assert text == EXPECTED
    assert "header" not in text and "footer" not in text
    # NFC and NFD both come back byte for byte
    assert NFD in text and NFC in text and unicodedata.normalize("NFC", NFD) not in text


def test_paths_bytes_and_files_give_the_same_text(programme: Path) -> None:
    data = programme.read_bytes()
    assert chitieu.docx_text(str(programme)) == EXPECTED
    assert chitieu.docx_text(data) == EXPECTED
    assert chitieu.docx_text(bytearray(data)) == EXPECTED
    assert chitieu.docx_text(memoryview(data)) == EXPECTED
    with open(programme, "rb") as f:
        assert chitieu.docx_text(f) == EXPECTED
    assert chitieu.docx_text(io.BytesIO(data)) == EXPECTED


def test_wrong_types() -> None:
    with pytest.raises(TypeError):
        chitieu.docx_text(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        chitieu.docx_text(io.StringIO("text"))  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        chitieu.docx_text("no such file.docx")


def _zip(name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, data)
    return out.getvalue()


def test_not_a_docx() -> None:
    for data in (b"", b"%PDF-1.7", b"PK\x03\x04 truncated"):
        with pytest.raises(chitieu.DocxSyntaxError) as info:
            chitieu.docx_text(data)
        assert info.value.code == "docx_syntax" and info.value.field == "zip"
        assert isinstance(info.value, ValueError)
    with pytest.raises(chitieu.DocxSyntaxError, match="no word/document.xml") as info:
        chitieu.docx_text(_zip("word/styles.xml", b"<x/>"))
    assert info.value.field == "zip"


def test_truncated(programme: Path) -> None:
    data = programme.read_bytes()
    for cut in (10, len(data) // 2, len(data) - 1):
        with pytest.raises(chitieu.DocxSyntaxError):
            chitieu.docx_text(data[:cut])


def test_malformed_xml_and_invalid_utf8() -> None:
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for xml, says in (
        (b"<w:document", "inside the tag"),
        (f'<w:document xmlns:w="{W}"><w:body><w:p></w:body></w:document>'.encode(), "does not close"),
        (f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p></w:body></w:document>'.encode(), "&nbsp;"),
        (f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>\xff</w:t></w:r></w:p></w:body></w:document>'.encode("latin-1"), "not UTF-8"),
    ):
        with pytest.raises(chitieu.DocxSyntaxError, match=says) as info:
            chitieu.docx_text(_zip("word/document.xml", xml))
        assert info.value.field == "word/document.xml"


def test_a_zip_bomb_stops_at_64_mib() -> None:
    bomb = _zip("word/document.xml", b" " * (64 * 1024 * 1024 + 1))
    assert len(bomb) < 200_000
    with pytest.raises(chitieu.LimitExceededError) as info:
        chitieu.docx_text(bomb)
    assert info.value.field == "word/document.xml"
    assert info.value.value == f"{64 * 1024 * 1024} bytes"
