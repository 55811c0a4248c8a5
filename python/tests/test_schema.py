"""The catalogue format's JSON Schema (docs/catalogue.schema.json, generated from the Rust types) checked by a
second implementation: every catalogue the loader reads is valid against it, and what the loader refuses for its
shape is refused by the schema too."""

import copy
import json
from pathlib import Path

import jsonschema
import pytest

import chitieu

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "catalogue.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
CATALOGUES = [ROOT / "core" / "data" / "hung_dao_09_ctr_du.json", ROOT / "examples" / "catalogues" / "an_lac.json"]


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_every_catalogue_the_loader_reads_is_valid(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    chitieu.Catalogue.from_json(text)  # the loader reads it
    errors = [f"{list(e.path)}: {e.message}" for e in VALIDATOR.iter_errors(json.loads(text))]
    assert errors == []


def _an_lac() -> dict:
    return json.loads(CATALOGUES[1].read_text(encoding="utf-8"))


def _first(doc: dict, kind: str) -> dict:
    return next(t for t in doc["targets"] if t["timing"]["kind"] == kind)


@pytest.mark.parametrize(
    "break_it",
    [
        pytest.param(lambda d: _first(d, "average_change")["timing"].pop("reading"), id="unstated reading"),
        pytest.param(lambda d: _first(d, "change")["timing"].pop("change"), id="unstated change"),
        pytest.param(lambda d: d["targets"][0]["rule"].update(kind="at_leats"), id="unknown rule kind"),
        pytest.param(lambda d: d["targets"][0].update(colour="red"), id="unknown field"),
        pytest.param(lambda d: d["indicators"][0].update(measure="ratio"), id="unknown measure"),
    ],
)
def test_what_the_loader_refuses_for_its_shape_the_schema_refuses(break_it) -> None:
    doc = copy.deepcopy(_an_lac())
    break_it(doc)
    assert list(VALIDATOR.iter_errors(doc)), "the schema accepts it"
    with pytest.raises(chitieu.ChitieuError):
        chitieu.Catalogue.from_json(json.dumps(doc, ensure_ascii=False))
