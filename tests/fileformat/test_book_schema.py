"""resources/book.schema.json: in step with the book reader, described, valid for the books it writes."""

from __future__ import annotations

import json

import pytest
import yaml

from briefbook.fileformat.book import COVER_KEYS, TOP_KEYS, dumps_book
from briefbook.model.book import FOOTNOTE_NUMBERINGS, Book, BookCover

from conftest import REPO

SCHEMA_PATH = REPO / "resources" / "book.schema.json"


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema: dict):
    jsonschema = pytest.importorskip(
        "jsonschema", reason="jsonschema is not installed (it is optional: pip install jsonschema to run this)")
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_the_schema_knows_exactly_the_reader_s_keys(schema: dict) -> None:
    assert tuple(schema["properties"]) == TOP_KEYS
    assert tuple(schema["properties"]["cover"]["properties"]) == COVER_KEYS
    assert tuple(schema["properties"]["footnotes"]["enum"]) == FOOTNOTE_NUMBERINGS


def test_every_key_has_a_description(schema: dict) -> None:
    assert schema["description"].strip()
    for name, definition in [*schema["properties"].items(), *schema["properties"]["cover"]["properties"].items()]:
        assert definition.get("description", "").strip(), name


def test_books_as_written_are_valid(validator) -> None:
    books = [Book(), Book(title="NATO SUMMIT", cover=BookCover(event="NATO SUMMIT", dates="9-11 July 2024",
                                                           reference="100 BB 24 E", language="fr"),
                      entries=["a.brief.yaml", "briefs/b c.brief.yaml"], footnotes="book")]
    for book in books:
        data = yaml.safe_load(dumps_book(book))
        assert [e.message for e in validator.iter_errors(data)] == []


@pytest.mark.parametrize("text", [
    "title: no version\n",
    "book: 2\n",
    "book: 1\nfootnotes: chapter\n",
    "book: 1\nbriefs: a.brief.yaml\n",
    "book: 1\nbriefs:\n  - ''\n",
    "book: 1\ncover:\n  colour: blue\n",
    "book: 1\nchapters: []\n",
])
def test_books_the_reader_refuses_are_invalid(validator, text: str) -> None:
    from briefbook.fileformat.book import loads_book

    book, _, problems = loads_book(text, "x.book.yaml")
    assert book is None and problems
    assert list(validator.iter_errors(yaml.safe_load(text))), text
