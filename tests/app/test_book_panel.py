"""The Book panel driven through its widgets: a book of the sample and the two starters."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from briefbook.app import book_panel
from briefbook.app.book_panel import PROBLEM_ROLE, BookPanel
from briefbook.document.book import BookController
from briefbook.fileformat.book import read_book
from briefbook.model.book import THROUGH_BOOK, Book

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "templates" / "samples" / "182-SPE-24-E.brief.yaml"
STARTERS = sorted((REPO / "templates" / "starters").glob("*.brief.yaml"))
NAMES = [SAMPLE.name, *(s.name for s in STARTERS)]


@pytest.fixture
def book_file(tmp_path: Path) -> Path:
    for brief in [SAMPLE, *STARTERS]:
        shutil.copy(brief, tmp_path / brief.name)
    path = tmp_path / "summit.book.yaml"
    BookController(Book(title="Summit", entries=list(NAMES)), path).save()
    return path


def open_panel(qtbot, path: Path) -> tuple[BookController, BookPanel]:
    controller, result = BookController.open(path)
    assert controller is not None
    panel = BookPanel(controller)
    panel.note_result(result)
    qtbot.addWidget(panel)
    panel.resize(520, 420)
    panel.show()
    return controller, panel


def rows(panel: BookPanel) -> list[str]:
    return [panel.list.item(r).text() for r in range(panel.list.count())]


def test_the_panel_lists_title_and_path_of_each_brief(qtbot, book_file: Path) -> None:
    _, panel = open_panel(qtbot, book_file)
    texts = rows(panel)
    assert len(texts) == 3
    for text, name in zip(texts, NAMES, strict=True):
        assert text.endswith(name)
    assert " ".join(read_book(book_file).briefs[0].brief.meta.title.split()) in texts[0]
    panel.grab().save("/tmp/bookui-panel.png")


def test_move_buttons_reorder_and_save_writes_the_new_order(qtbot, book_file: Path) -> None:
    controller, panel = open_panel(qtbot, book_file)
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.down, Qt.MouseButton.LeftButton)
    assert controller.book.entries == [NAMES[1], NAMES[0], NAMES[2]]
    assert panel.current_entry() == NAMES[0], "the moved brief stays chosen"
    qtbot.mouseClick(panel.down, Qt.MouseButton.LeftButton)
    assert controller.book.entries == [NAMES[1], NAMES[2], NAMES[0]]
    controller.save()
    assert read_book(book_file).book.entries == [NAMES[1], NAMES[2], NAMES[0]]


def test_a_drop_reorders_through_the_controller(qtbot, book_file: Path) -> None:
    controller, panel = open_panel(qtbot, book_file)
    # what the list's InternalMove leaves after a drag: the new order, reported by `dropped`
    panel.list.dropped.emit([NAMES[2], NAMES[0], NAMES[1]])
    assert controller.book.entries == [NAMES[2], NAMES[0], NAMES[1]]
    assert rows(panel)[0].endswith(NAMES[2])
    controller.undo()
    assert controller.book.entries == NAMES


def test_add_and_remove_a_brief(qtbot, book_file: Path, tmp_path: Path, monkeypatch) -> None:
    controller, panel = open_panel(qtbot, book_file)
    extra = tmp_path / "extra.brief.yaml"
    shutil.copy(STARTERS[0], extra)
    monkeypatch.setattr(book_panel.QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(extra)], ""))
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    assert controller.book.entries == [NAMES[0], "extra.brief.yaml", NAMES[1], NAMES[2]]
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.remove, Qt.MouseButton.LeftButton)
    assert controller.book.entries == ["extra.brief.yaml", NAMES[1], NAMES[2]]
    assert (book_file.parent / NAMES[0]).exists()


def test_title_and_numbering_are_edited_from_the_panel(qtbot, book_file: Path) -> None:
    controller, panel = open_panel(qtbot, book_file)
    panel.title_edit.clear()
    qtbot.keyClicks(panel.title_edit, "Madrid Summit")
    qtbot.keyClick(panel.title_edit, Qt.Key.Key_Return)
    assert controller.book.title == "Madrid Summit"
    panel.numbering.setCurrentIndex(1)
    panel.numbering.activated.emit(1)
    assert controller.book.footnotes == THROUGH_BOOK
    assert controller.modified


def test_a_missing_brief_is_shown_greyed_with_its_path_and_the_others_open(qtbot, book_file: Path) -> None:
    (book_file.parent / NAMES[1]).unlink()
    _, panel = open_panel(qtbot, book_file)
    item = panel.list.item(1)
    assert "missing" in item.data(PROBLEM_ROLE)
    assert NAMES[1] in item.text()
    chosen: list[Path] = []
    panel.briefChosen.connect(chosen.append)
    panel._choose(item)
    assert chosen == [], "a missing brief is not opened"
    panel._choose(panel.list.item(2))
    assert chosen == [book_file.parent / NAMES[2]]
    panel.grab().save("/tmp/bookui-panel-missing.png")
