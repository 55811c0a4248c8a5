"""The batch command's Parquet and Arrow IPC tables (feature `columnar`), read with pyarrow (a second
implementation, not ours) and compared cell by cell with the CSV table of the same run: the decimals exactly (as
Python Decimals), the texts, the yes/no and the error rows.

scripts/test.sh writes the files into target/columnar-check/ (or $CHITIEU_COLUMNAR_CHECK) before the Python tests
run: verdicts.csv, verdicts.parquet and verdicts.arrow from one synthetic Parquet file. A Python-only run without
them skips these tests, saying so.
"""

import csv
import decimal
import json
import os
import pathlib

import pytest

pa = pytest.importorskip("pyarrow")
import pyarrow.ipc  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
DIR = pathlib.Path(os.environ.get("CHITIEU_COLUMNAR_CHECK", ROOT / "target" / "columnar-check"))
DECIMALS = ["value", "margin", "achievement_ratio", "progress_ratio", "rate_to_date", "rate_required",
            "expected_to_date", "projected"]


def _table(name):
    path = DIR / name
    if not path.exists():
        pytest.skip(f"{path} not written (scripts/test.sh writes it with the feature columnar)")
    if name.endswith(".parquet"):
        return pq.read_table(path)
    with pa.memory_map(str(path)) as source:
        return pa.ipc.open_file(source).read_all()


def _csv_rows():
    with open(DIR / "verdicts.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _text(v):
    """A cell as the CSV table writes it (decimals are compared by value, not here)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


@pytest.mark.parametrize("name", ["verdicts.parquet", "verdicts.arrow"])
def test_the_columnar_table_is_the_csv_table(name):
    table = _table(name)
    rows = _csv_rows()
    meta = table.schema.metadata
    assert meta[b"format"] == b"chitieu.batch/1"
    kinds = json.loads(meta[b"chitieu.decimal"])
    assert set(kinds) == set(DECIMALS)
    with open(DIR / "verdicts.csv", encoding="utf-8") as f:
        header = f.readline().strip().split(",")
    assert table.column_names == header
    assert table.num_rows == len(rows) > 0
    for column in DECIMALS:
        field = table.schema.field(column)
        if kinds[column] == "decimal128":
            assert pa.types.is_decimal128(field.type) and field.type.precision == 38, field
        else:
            assert pa.types.is_string(field.type), field
    assert pa.types.is_int64(table.schema.field("error_row").type)
    assert pa.types.is_boolean(table.schema.field("aim_reached").type)
    cells = table.to_pydict()
    compared = 0
    for i, row in enumerate(rows):
        for column in header:
            got, want = cells[column][i], row[column]
            if column in DECIMALS and want != "":
                # exact: Decimal128's value (at the column's scale) or the exact text, against the CSV's text
                assert decimal.Decimal(str(got)) == decimal.Decimal(want), (column, i, got, want)
                compared += 1
            else:
                assert _text(got) == want, (column, i, got, want)
    assert compared > 1000
    # the bad rows are in the table's error columns as in the CSV
    assert sum(1 for r in rows if r["error_code"]) == sum(1 for c in cells["error_code"] if c is not None) > 0
