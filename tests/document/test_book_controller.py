"""The book controller: reorder, add, remove and settings as undo steps, the modified state, saving."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefbook.document.book import BookController
from briefbook.fileformat.book import read_book
from briefbook.model.book import PER_BRIEF, THROUGH_BOOK, Book

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "templates" / "samples" / "182-SPE-24-E.brief.yaml"
STARTERS = sorted((REPO / "templates" / "starters").glob("*.brief.yaml"))


@pytest.fixture
def book_file(tmp_path: Path) -> Path:
    names = []
    for brief in [SAMPLE, *STARTERS]:
        shutil.copy(brief, tmp_path / brief.name)
        names.append(brief.name)
    path = tmp_path / "summit.book.yaml"
    controller = BookController(Book(title="Summit", entries=names), path)
    controller.save()
    return path


def test_open_reads_the_book_and_its_briefs(book_file: Path) -> None:
    controller, result = BookController.open(book_file)
    assert controller is not None
    assert controller.book.title == "Summit"
    assert [e.path for e in controller.entries()] == [book_file.parent / n for n in controller.book.entries]
    assert all(entry.brief is not None for entry in result.briefs)
    assert not controller.modified


def test_a_missing_brief_is_a_problem_at_its_entry_and_the_book_still_opens(book_file: Path) -> None:
    (book_file.parent / STARTERS[0].name).unlink()
    controller, result = BookController.open(book_file)
    assert controller is not None
    assert len(controller.book.entries) == 3
    missing = [p for p in controller.problems if "missing" in p.message]
    assert missing and STARTERS[0].name in missing[0].message
    assert [e.brief is None for e in result.briefs] == [False, True, False]


def test_move_is_one_undo_step_and_modifies(book_file: Path, qtbot) -> None:
    controller, _ = BookController.open(book_file)
    first = list(controller.book.entries)
    with qtbot.waitSignal(controller.stateChanged):
        controller.move(0, 2)
    assert controller.book.entries == [first[1], first[2], first[0]]
    assert controller.modified
    controller.undo()
    assert controller.book.entries == first
    assert not controller.modified
    controller.redo()
    assert controller.book.entries == [first[1], first[2], first[0]]


def test_add_remove_and_settings_save_to_the_book_file(book_file: Path, tmp_path: Path) -> None:
    controller, _ = BookController.open(book_file)
    extra = tmp_path / "more" / "extra.brief.yaml"
    extra.parent.mkdir()
    shutil.copy(SAMPLE, extra)
    assert controller.add_brief(extra) == "more/extra.brief.yaml"
    controller.remove_brief(0)
    controller.set_title("Summit book")
    controller.set_cover(event="Madrid Summit", dates="1-2 June")
    controller.set_footnotes(THROUGH_BOOK)
    controller.save()
    assert not controller.modified
    assert (book_file.parent / SAMPLE.name).exists(), "removing a brief from the book keeps its file"
    again = read_book(book_file)
    assert again.book.entries == [STARTERS[0].name, STARTERS[1].name, "more/extra.brief.yaml"]
    assert again.book.title == "Summit book"
    assert again.book.cover.event == "Madrid Summit"
    assert again.book.footnotes == THROUGH_BOOK
    assert not again.errors


def test_an_edit_after_undoing_past_the_save_stays_modified(book_file: Path) -> None:
    controller, _ = BookController.open(book_file)
    controller.set_title("A")
    controller.save()
    controller.undo()
    assert controller.modified
    controller.set_footnotes(THROUGH_BOOK)
    assert controller.modified
    controller.undo()
    assert controller.modified, "the saved version cannot be reached again by undo"


def test_bad_settings_are_refused_and_no_op_edits_add_no_step(book_file: Path) -> None:
    controller, _ = BookController.open(book_file)
    with pytest.raises(ValueError):
        controller.set_footnotes("alternate")
    with pytest.raises(ValueError):
        controller.set_cover(colour="red")
    controller.set_footnotes(PER_BRIEF)
    controller.move(1, 1)
    assert not controller.can_undo


def test_save_as_in_another_folder_names_the_same_briefs(book_file: Path, tmp_path: Path) -> None:
    controller, _ = BookController.open(book_file)
    other = tmp_path / "elsewhere" / "copy.book.yaml"
    other.parent.mkdir()
    controller.save(other)
    result = read_book(other)
    assert not result.errors
    assert [e.path.resolve() for e in result.briefs] == [(book_file.parent / n).resolve() for n in
                                                         (SAMPLE.name, *(s.name for s in STARTERS))]
