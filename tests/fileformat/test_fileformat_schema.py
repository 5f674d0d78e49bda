"""resources/brief.schema.json: in step with the reader, described, and valid for good briefs.

Validation needs the ``jsonschema`` package, which Briefbook does not depend on; those
tests skip (with the reason shown by ``pytest -rs``) when it is not installed.
"""

from __future__ import annotations

import json
import random

import pytest
import yaml

from briefbook.fileformat import dumps
from briefbook.fileformat.reader import BLOCK_KEYS, BUDGET_KEYS, META_KEYS, SECTION_KEYS, SOURCE_KEYS, TOP_KEYS

from conftest import REPO

SCHEMA_PATH = REPO / "resources" / "brief.schema.json"
BAD = REPO / "tests" / "data" / "bad"


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _properties(node: object):
    """Every (name, definition) under a ``properties`` keyword, anywhere in the schema."""
    if isinstance(node, dict):
        for name, value in node.get("properties", {}).items():
            yield name, value
        for value in node.values():
            yield from _properties(value)
    elif isinstance(node, list):
        for value in node:
            yield from _properties(value)


def test_every_key_has_a_description(schema: dict) -> None:
    keys = list(_properties(schema))
    assert len(keys) > 20
    for name, definition in keys:
        assert definition.get("description", "").strip(), name
    for name, definition in schema["definitions"].items():
        assert definition.get("description", "").strip(), name


def test_the_schema_knows_exactly_the_reader_s_keys(schema: dict) -> None:
    definitions = schema["definitions"]
    assert tuple(schema["properties"]) == TOP_KEYS
    assert tuple(schema["properties"]["meta"]["properties"]) == META_KEYS
    assert tuple(definitions["section1"]["properties"]) == SECTION_KEYS
    assert tuple(definitions["section3"]["properties"]) == tuple(k for k in SECTION_KEYS if k != "sections")  # no 4th
    assert tuple(definitions["budget"]["properties"]) == BUDGET_KEYS
    assert tuple(k for option in definitions["block"]["anyOf"] for k in option.get("properties", {})) == BLOCK_KEYS
    assert tuple(definitions["source"]["properties"]) == SOURCE_KEYS


@pytest.fixture(scope="module")
def validator(schema: dict):
    jsonschema = pytest.importorskip(
        "jsonschema", reason="jsonschema is not installed (it is optional: pip install jsonschema to run this)")
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_shipped_briefs_are_valid(validator) -> None:
    shipped = sorted((REPO / "templates").rglob("*.brief.yaml"))
    assert shipped
    for path in shipped:
        errors = [e.message for e in validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))]
        assert errors == [], path


def test_generated_briefs_are_valid(validator) -> None:
    from test_fileformat_write import make_brief

    for seed in range(30):
        data = yaml.safe_load(dumps(make_brief(random.Random(seed))))
        data["footnotes"] = {str(k): v for k, v in data.get("footnotes", {}).items()}
        assert [e.message for e in validator.iter_errors(data)] == [], seed


@pytest.mark.parametrize("name", ["unknown-keys", "unknown-block-key", "deep-sections", "wrong-types",
                                  "unknown-language", "newer-version", "missing-version", "toc-not-boolean"])
def test_structurally_bad_briefs_are_invalid(validator, name: str) -> None:
    data = yaml.safe_load((BAD / f"{name}.brief.yaml").read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)), name
