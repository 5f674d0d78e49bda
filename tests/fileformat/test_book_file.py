"""The book file: canonical round trip, problems at FILE:LINE:COLUMN, briefs read relative to the book."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefbook.fileformat.book import (
    dumps_book,
    is_book_path,
    loads_book,
    read_book,
    relative_entry,
    save_book,
)
from briefbook.model.book import THROUGH_BOOK, Book, BookCover

from conftest import REPO

SAMPLE = REPO / "templates" / "samples" / "182-SPE-24-E.brief.yaml"
STARTERS = sorted((REPO / "templates" / "starters").glob("*.brief.yaml"))

TEXT = """book: 1
title: 'WASHINGTON SUMMIT: BRIEFING BOOK'
cover:
  body: NATO PARLIAMENTARY ASSEMBLY
  event: NATO SUMMIT
  dates: 9-11 July 2024
  reference: 200 SPE 24 E
  issued: July 2024
  language: en
footnotes: book
briefs:
  - briefs/182-SPE-24-E.brief.yaml
  - key-takeaways.brief.yaml
"""


def test_a_book_file_reads_and_is_written_back_byte_for_byte() -> None:
    book, positions, problems = loads_book(TEXT, "summit.book.yaml")
    assert problems == []
    assert book == Book("WASHINGTON SUMMIT: BRIEFING BOOK", BookCover("NATO PARLIAMENTARY ASSEMBLY", "NATO SUMMIT",
                                                                        "9-11 July 2024", "200 SPE 24 E", "July 2024",
                                                                        "en"),
                        ["briefs/182-SPE-24-E.brief.yaml", "key-takeaways.brief.yaml"], THROUGH_BOOK)
    assert positions == [(12, 5), (13, 5)]
    assert dumps_book(book) == TEXT


def test_saving_keeps_the_previous_version_and_saving_again_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "summit.book.yaml"
    book, _, _ = loads_book(TEXT)
    first = save_book(book, path)
    assert first.backup is None and path.read_text(encoding="utf-8") == TEXT
    book.title = "ANOTHER"
    second = save_book(book, path)
    assert second.backup == tmp_path / "summit.book.yaml~"
    assert second.backup.read_text(encoding="utf-8") == TEXT
    again, _, _ = loads_book(path.read_bytes())
    assert again == book and dumps_book(again) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("text", "where", "words"), [
    ("book: 1\ntitel: X\n", (2, 1), "unknown key 'titel' in the book; did you mean 'title'?"),
    ("book: 1\nfootnotes: each\n", (2, 12), "expected how footnotes are numbered, 'per-brief'"),
    ("book: 1\nbriefs:\n  - a.brief.yaml\n  - [x]\n", (4, 5), "expected a brief's path, found a list"),
    ("book: 1\ncover:\n  language: de\n", (3, 3), "expected the language 'en' or 'fr'"),
    ("book: 2\n", (1, 7), "expected the book format version 'book: 1'"),
    ("title: X\n", (1, 1), "this is not a book"),
    ("book: 1\nbriefs: [a\n", None, ""),
])
def test_problems_are_reported_at_their_line_and_column(text: str, where, words: str) -> None:
    book, _, problems = loads_book(text, "b.book.yaml")
    assert book is None
    assert problems and problems[0].is_error and problems[0].file == "b.book.yaml"
    if where is not None:
        assert (problems[0].line, problems[0].column) == where, problems[0].format()
        assert words in problems[0].message


def _book_folder(tmp_path: Path) -> Path:
    (tmp_path / "briefs").mkdir()
    shutil.copy(SAMPLE, tmp_path / "briefs" / SAMPLE.name)
    shutil.copy(STARTERS[0], tmp_path / STARTERS[0].name)
    path = tmp_path / "summit.book.yaml"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_the_briefs_are_read_relative_to_the_book(tmp_path: Path, monkeypatch) -> None:
    path = _book_folder(tmp_path)
    monkeypatch.chdir("/")
    result = read_book(path)
    assert result.errors == []
    assert [entry.brief.meta.reference for entry, _ in result.loaded] == ["182 SPE 24 E", "000 SPE 26 E"]


def test_a_missing_brief_is_reported_at_its_entry_and_the_others_load(tmp_path: Path) -> None:
    path = _book_folder(tmp_path)
    (tmp_path / "key-takeaways.brief.yaml").unlink()
    result = read_book(path)
    assert [p.format() for p in result.errors] == [
        f"{path}:13:5: error: the brief key-takeaways.brief.yaml is missing (no file at "
        f"{tmp_path / 'key-takeaways.brief.yaml'}); the book is made without it"]
    assert [entry.entry for entry, _ in result.loaded] == ["briefs/182-SPE-24-E.brief.yaml"]


def test_a_broken_brief_is_reported_with_its_own_place_and_its_entry(tmp_path: Path) -> None:
    path = _book_folder(tmp_path)
    (tmp_path / "key-takeaways.brief.yaml").write_text("briefbook: 1\nmeta:\n  titel: X\n", encoding="utf-8")
    result = read_book(path)
    messages = [p.format() for p in result.errors]
    assert messages[0].startswith(f"{tmp_path / 'key-takeaways.brief.yaml'}:3:3: error: unknown key 'titel'")
    assert messages[1].startswith(f"{path}:13:5: error: the brief key-takeaways.brief.yaml has errors and is left out")
    assert len(result.loaded) == 1


def test_a_book_is_known_by_its_name_or_its_first_key(tmp_path: Path) -> None:
    plain = tmp_path / "summit.yaml"
    plain.write_text("# the Summit\nbook: 1\n", encoding="utf-8")
    assert is_book_path(tmp_path / "x.book.yaml")
    assert is_book_path(plain)
    assert not is_book_path(SAMPLE)
    assert not is_book_path(tmp_path / "nothing.yaml")


def test_entries_are_relative_to_the_book_s_folder(tmp_path: Path) -> None:
    assert relative_entry(tmp_path / "a" / "b.brief.yaml", tmp_path / "books" / "x.book.yaml") == "../a/b.brief.yaml"
    assert relative_entry(tmp_path / "b.brief.yaml", tmp_path / "x.book.yaml") == "b.brief.yaml"
