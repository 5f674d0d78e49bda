"""The preview keeps its place: it follows the cursor, shows the place a brief was left on reopening,
and a click on it goes to the text — checked on real scroll positions of the window's own preview."""

from __future__ import annotations

import pytest
import test_main_window
import test_preview_fill
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from briefbook.app import preview
from briefbook.app.main_window import MainWindow
from briefbook.app.session import Session
from briefbook.document import AppFolders
from briefbook.model import Address
from briefbook.render.html import path_name
from briefbook.resources import sample_brief

settings_dir = test_main_window.settings_dir
dialogs = test_main_window.dialogs
make_window = test_main_window.make_window
sample = test_main_window.sample
window = test_main_window.window
select = test_main_window.select
settle = test_main_window.settle
one_group_per_chunk = test_preview_fill.one_group_per_chunk


def long_sample(path) -> None:
    """The sample with its sections three times over, so the preview is many screens long."""
    from briefbook.fileformat import load, save

    brief = load(sample_brief())
    brief.sections = [section for _ in range(3) for section in load(sample_brief()).sections]
    save(brief, str(path))


@pytest.fixture
def long_brief(tmp_path):
    target = tmp_path / "long" / "long.brief.yaml"
    target.parent.mkdir()
    long_sample(target)
    return target


def preview_block(window: MainWindow, path: tuple):
    """The preview's text block drawing ``path`` (the run whose anchor names it)."""
    wanted = path_name(Address(path))
    block = window.preview.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if wanted in it.fragment().charFormat().anchorNames():
                return block
            it += 1
        block = block.next()
    raise AssertionError(f"the preview draws nothing for {path}")


def shown(window: MainWindow, path: tuple) -> bool:
    """Whether the block drawing ``path`` lies within the preview's viewport, as scrolled now."""
    browser = window.preview.browser
    rect = window.preview.document().documentLayout().blockBoundingRect(preview_block(window, path))
    top = browser.verticalScrollBar().value()
    return rect.top() >= top and rect.bottom() <= top + browser.viewport().height()


def last_bullet_of(window: MainWindow, section: int) -> tuple:
    body = window.document.brief.sections[section].body
    index = max(i for i, block in enumerate(body) if hasattr(block, "items"))
    return ("sections", section, "body", index, "bullets", len(body[index].items) - 1)


def test_moving_the_cursor_scrolls_the_preview_to_the_block(qtbot, make_window, long_brief) -> None:
    window = make_window()
    assert window.files.open_file(str(long_brief), ask=False)
    window.preview.flush()
    bar = window.preview.browser.verticalScrollBar()
    select(qtbot, window, ("sections", 0))
    window.editor.setFocus()
    top = bar.value()
    # Deep into the last section: Ctrl+End on its page brings its last line into the preview.
    last = len(window.document.brief.sections) - 1
    select(qtbot, window, ("sections", last))
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    target = last_bullet_of(window, last)
    assert window.editor.current_path_suffix() == target[3:]
    assert bar.value() > top + 1000 and shown(window, target)
    # Up a line by the arrow key: still shown, and the view does not jump when it need not.
    value = bar.value()
    qtbot.keyClick(window.editor, Qt.Key.Key_Up)
    settle(qtbot)
    above = ("sections", last, "body", *window.editor.current_path_suffix())
    assert shown(window, above) and bar.value() == value
    # Back to the first line of the body: the view follows up.
    qtbot.keyClick(window.editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    first = ("sections", last, "body", *window.editor.current_path_suffix())
    assert shown(window, first) and bar.value() < value


@pytest.mark.parametrize("slow_fill", [False, True], ids=["fill as it comes", "fill still drawing"])
def test_typing_on_a_line_does_not_move_the_preview(qtbot, make_window, long_brief, monkeypatch, request,
                                                    slow_fill) -> None:
    """The line typed on stays where the reader scrolled it, whether the fill was done or still
    drawing the sections above it (the view then follows it down by what they add)."""
    if slow_fill:  # chunks of one group each: the last section is drawn early, the rest still to come
        request.getfixturevalue("one_group_per_chunk")
        monkeypatch.setattr(preview, "FIRST_GROUPS", 1)
    window = make_window()
    assert window.files.open_file(str(long_brief), ask=False)
    last = len(window.document.brief.sections) - 1
    select(qtbot, window, ("sections", last))
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    bar = window.preview.browser.verticalScrollBar()
    layout = window.preview.document().documentLayout()
    typed_on = last_bullet_of(window, last)

    def line_in_view() -> float:
        return layout.blockBoundingRect(preview_block(window, typed_on)).top() - bar.value()

    assert window.preview.is_filling() or not slow_fill
    bar.setValue(bar.value() - 300)  # the reader looks a little higher, the line being typed still in view
    bar.triggerAction(bar.SliderAction.SliderNoAction)
    seen = line_in_view()
    for char in " and more":
        qtbot.keyClicks(window.editor, char)
        settle(qtbot)
    window.preview.flush()
    settle(qtbot)
    assert not window.preview.is_filling()
    assert abs(line_in_view() - seen) <= 1


def run_like_start(qtbot, settings_dir, dialogs) -> MainWindow:
    """What ``briefbook`` does at start: layout restored, the last brief opened, then the window shown."""
    window = MainWindow(Session(AppFolders(settings_dir)))
    dialogs.attach(window)
    qtbot.addWidget(window)
    window.restore_layout()
    assert window.files.open_last()
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    settle(qtbot)
    return window


def test_reopening_shows_the_place_left_in_the_preview(qtbot, make_window, settings_dir, dialogs,
                                                       long_brief) -> None:
    window = make_window()
    assert window.files.open_file(str(long_brief), ask=False)
    last = len(window.document.brief.sections) - 1
    select(qtbot, window, ("sections", last))
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    target = last_bullet_of(window, last)
    assert shown(window, target)
    window.close()

    again = run_like_start(qtbot, settings_dir, dialogs)
    assert again.pages.current == ("sections", last)
    qtbot.waitUntil(lambda: not again.preview.is_filling())
    settle(qtbot)
    bar = again.preview.browser.verticalScrollBar()
    assert bar.value() > 1000
    assert shown(again, target), "the preview shows the text the cursor was left in"


def test_clicking_a_preview_block_goes_to_its_text(qtbot, make_window, long_brief) -> None:
    window = make_window()
    assert window.files.open_file(str(long_brief), ask=False)
    window.preview.flush()
    target = last_bullet_of(window, 2)
    assert window.preview.scroll_to(target)
    block = preview_block(window, target)
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + 4)
    rect = window.preview.browser.cursorRect(cursor)
    QTest.mouseClick(window.preview.browser.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(rect.center().x(), rect.center().y()))
    settle(qtbot)
    assert window.pages.current == ("sections", 2)
    assert window.editor.current_path_suffix() == target[3:]
    assert QApplication.focusWidget() is window.editor
    assert shown(window, target), "the preview stays on the block clicked"
