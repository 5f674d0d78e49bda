"""A book opened in the real window: the Book dock, a brief chosen there edited and saved."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import test_main_window
from PySide6.QtCore import Qt

from briefbook.app.book_actions import BookActions
from briefbook.document.book import BookController
from briefbook.fileformat.book import read_book
from briefbook.model.book import Book
from briefbook.render.paged.soffice import find_soffice

settings_dir = test_main_window.settings_dir
dialogs = test_main_window.dialogs
make_window = test_main_window.make_window

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "templates" / "samples" / "182-SPE-24-E.brief.yaml"
STARTERS = sorted((REPO / "templates" / "starters").glob("*.brief.yaml"))


def test_a_brief_chosen_in_the_book_is_edited_in_the_window(qtbot, make_window, tmp_path: Path) -> None:
    names = []
    for brief in [SAMPLE, *STARTERS]:
        shutil.copy(brief, tmp_path / brief.name)
        names.append(brief.name)
    book_path = tmp_path / "summit.book.yaml"
    BookController(Book(title="Summit", entries=names), book_path).save()
    window = make_window()
    actions = BookActions(window)
    assert actions.open_book(book_path)
    assert Path(window.document.path) == tmp_path / names[0]
    actions.panel.list.setCurrentRow(1)
    qtbot.mouseClick(actions.panel.down, Qt.MouseButton.LeftButton)
    actions.controller.save()
    item = actions.panel.list.item(2)
    rect = actions.panel.list.visualItemRect(item)
    qtbot.mouseClick(actions.panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert Path(window.document.path) == tmp_path / names[1]
    test_main_window.select(qtbot, window, ("sections", 0))
    test_main_window.type_at_end(qtbot, window, " Typed in the book.")
    assert window.files.save()
    assert "Typed in the book." in (tmp_path / names[1]).read_text(encoding="utf-8")
    window.grab().save("/tmp/bookui-window.png")
    assert read_book(book_path).book.entries == [names[0], names[2], names[1]]


def test_a_missing_brief_is_shown_with_its_path_and_the_others_open(qtbot, make_window, tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / SAMPLE.name)
    book_path = tmp_path / "summit.book.yaml"
    BookController(Book(title="Summit", entries=["gone.brief.yaml", SAMPLE.name]), book_path).save()
    window = make_window()
    actions = BookActions(window)
    assert actions.open_book(book_path)
    assert Path(window.document.path) == tmp_path / SAMPLE.name
    assert "gone.brief.yaml" in actions.panel.list.item(0).text()
    assert "missing" in actions.panel.list.item(0).text()


def test_file_open_of_a_book_opens_it_in_the_book_dock(qtbot, make_window, tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / SAMPLE.name)
    book_path = tmp_path / "summit.book.yaml"
    BookController(Book(title="Summit", entries=[SAMPLE.name]), book_path).save()
    window = make_window()
    assert window.files.open_file(str(book_path), ask=False)
    assert window.book_actions.dock.isVisible()
    assert Path(window.document.path) == tmp_path / SAMPLE.name


def test_closing_with_unsaved_book_changes_asks_and_saves(qtbot, make_window, tmp_path: Path) -> None:
    for brief in [SAMPLE, *STARTERS]:
        shutil.copy(brief, tmp_path / brief.name)
    names = [SAMPLE.name, *(s.name for s in STARTERS)]
    book_path = tmp_path / "summit.book.yaml"
    BookController(Book(title="Summit", entries=names), book_path).save()
    window = make_window()
    assert window.book_actions.open_book(book_path)
    window.book_actions.panel.list.setCurrentRow(2)
    qtbot.mouseClick(window.book_actions.panel.remove, Qt.MouseButton.LeftButton)
    answers = ["cancel"]
    window.dialogs.ask_save_changes = lambda path: answers.pop(0)
    assert not window.close(), "Cancel keeps the window open"
    assert read_book(book_path).book.entries == names
    answers.append("save")
    assert window.close()
    assert read_book(book_path).book.entries == names[:2]
    assert (tmp_path / names[2]).exists()


def test_export_from_the_window_exports_the_whole_book(qtbot, make_window, dialogs, tmp_path: Path) -> None:
    from docx import Document as WordDocument

    for brief in [SAMPLE, *STARTERS]:
        shutil.copy(brief, tmp_path / brief.name)
    names = [SAMPLE.name, *(s.name for s in STARTERS)]
    book_path = tmp_path / "summit.book.yaml"
    BookController(Book(title="Summit", entries=names), book_path).save()
    window = make_window()
    assert window.files.open_file(str(book_path), ask=False)
    out = tmp_path / "out" / "summit.docx"
    out.parent.mkdir()
    window.dialogs.ask_export_path = lambda suggested: str(out)
    assert window.files.export_dialog(), dialogs.asked
    qtbot.waitUntil(lambda: not window.files.layout_run.busy(), timeout=180000)  # laid out by LibreOffice
    word = WordDocument(str(out))
    assert len(word.sections) >= 3, "each brief is a Word section of its own"
    text = "\n".join(p.text for p in word.paragraphs)
    for name in names:
        title = read_book(book_path).briefs[names.index(name)].brief.meta.title.split()[0]
        assert title in text


def test_new_book_from_the_menu_makes_and_opens_an_empty_book(qtbot, make_window, tmp_path: Path) -> None:
    window = make_window()
    target = tmp_path / "madrid"
    window.dialogs.ask_save_path = lambda suggested: str(target)
    window.new_book_action.trigger()
    made = tmp_path / "madrid.book.yaml"
    assert read_book(made).book.title == "madrid"
    assert window.book_actions.dock.isVisible()
    assert window.book_actions.panel.list.count() == 0


def test_a_book_named_at_start_opens_in_the_book_dock(qtbot, make_window, tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / SAMPLE.name)
    book_path = tmp_path / "summit.book.yaml"
    BookController(Book(title="Summit", entries=[SAMPLE.name]), book_path).save()
    window = make_window()
    assert window.files.open_last(str(book_path))
    assert window.book_actions.controller.path == book_path
    assert Path(window.document.path) == tmp_path / SAMPLE.name


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_export_to_pdf_from_the_window_lays_out_the_whole_book(qtbot, make_window, tmp_path: Path) -> None:
    """File ▸ Export to PDF… with a book open: every brief, and the contents with their page numbers."""
    import pypdfium2

    for brief in [SAMPLE, *STARTERS]:
        shutil.copy(brief, tmp_path / brief.name)
    names = [SAMPLE.name, *(s.name for s in STARTERS)]
    book_path = tmp_path / "summit.book.yaml"
    BookController(Book(title="Summit", entries=names), book_path).save()
    window = make_window()
    assert window.files.open_file(str(book_path), ask=False)
    out = tmp_path / "summit.pdf"
    window.dialogs.ask_pdf_path = lambda suggested: str(out)
    assert window.files.export_pdf_dialog()
    qtbot.waitUntil(lambda: not window.files.layout_run.busy(), timeout=180000)
    pdf = pypdfium2.PdfDocument(str(out))
    pages = [pdf[k].get_textpage().get_text_range() for k in range(len(pdf))]
    assert len(pages) >= 6
    contents = pages[0]
    for brief in read_book(book_path).loaded:
        title = brief[1].meta.title.split()[0]
        assert title in contents
    numbered = re.findall(r"\.{3,}\s*(\d+)", contents)
    assert numbered and all(1 <= int(n) <= len(pages) for n in numbered) and max(map(int, numbered)) > 1


def test_file_save_saves_the_book_s_changes_with_the_brief(qtbot, make_window, tmp_path: Path) -> None:
    for brief in [SAMPLE, *STARTERS]:
        shutil.copy(brief, tmp_path / brief.name)
    names = [SAMPLE.name, *(s.name for s in STARTERS)]
    book_path = tmp_path / "summit.book.yaml"
    BookController(Book(title="Summit", entries=names), book_path).save()
    window = make_window()
    assert window.files.open_file(str(book_path), ask=False)
    window.book_actions.controller.move(0, 2)
    assert window.book_actions.controller.modified
    window.save_action.trigger()
    assert read_book(book_path).book.entries == [names[1], names[2], names[0]]
    assert not window.book_actions.controller.modified
