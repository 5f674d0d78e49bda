"""Counts in the window: the status bar follows typing, the outline shows counts on request, budgets warn."""

from __future__ import annotations

import test_main_window
from PySide6.QtCore import Qt
from test_main_window import TAKEAWAYS, key, select, type_at_end

from briefbook.app.counts_view import COUNT_DELAY_MS
from briefbook.model import Address

dialogs, make_window, sample = test_main_window.dialogs, test_main_window.make_window, test_main_window.sample
settings_dir, window = test_main_window.settings_dir, test_main_window.window

SECOND = Address.section(1)


def status(window) -> str:
    return window.counts.status_text()


def shown(window) -> str:
    """The status bar's counts as drawn (rich text, without the markup)."""
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setHtml(window.counts.label.text())
    return document.toPlainText()


def brief_words(window) -> int:
    return window.counts.counts.totals(window.document.brief).body.words


def test_the_status_bar_counts_the_section_and_the_brief(qtbot, window) -> None:
    select(qtbot, window, SECOND)
    qtbot.waitUntil(lambda: "Section II:" in shown(window), timeout=3000)
    assert shown(window).replace("\u00a0", " ") == "Section II: 414 words  \u00b7  Brief: 1,605 words, about 5 pages"
    select(qtbot, window, TAKEAWAYS)
    qtbot.waitUntil(lambda: shown(window).startswith("Key takeaways: 189 words"), timeout=3000)


def test_counts_follow_typing_after_a_pause(qtbot, window) -> None:
    select(qtbot, window, SECOND)
    qtbot.waitUntil(lambda: "Brief: 1,605 words" in shown(window), timeout=3000)
    window.editor.setFocus()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, " Three more words")
    assert "Brief: 1,605 words" in shown(window)  # not on the keystroke: after the pause
    qtbot.waitUntil(lambda: "Brief: 1,608 words" in shown(window), timeout=COUNT_DELAY_MS * 10)
    assert "Section II: 417 words" in shown(window)
    key(qtbot, Qt.Key.Key_Return)
    type_at_end(qtbot, window, "- A new bullet of seven words here")
    qtbot.waitUntil(lambda: "Section II: 424 words" in shown(window), timeout=COUNT_DELAY_MS * 10)
    assert brief_words(window) == 1615
    window.document.history.undo()
    qtbot.waitUntil(lambda: "Section II: 424 words" not in shown(window), timeout=COUNT_DELAY_MS * 10)


def test_outline_counts_on_request_follow_typing_and_are_remembered(qtbot, window, make_window, sample) -> None:
    outline = window.outline
    assert outline.columnCount() == 1
    assert not window.outline_counts_action.isChecked()
    window.outline_counts_action.trigger()
    assert outline.columnCount() == 2
    qtbot.waitUntil(lambda: outline.item_for(SECOND).text(1) == "414", timeout=3000)
    assert outline.item_for(TAKEAWAYS).text(1) == "189"
    assert outline.item_for(Address.section(0)).text(1) == "297"
    select(qtbot, window, SECOND)
    type_at_end(qtbot, window, " two more")
    qtbot.waitUntil(lambda: outline.item_for(SECOND).text(1) == "416", timeout=COUNT_DELAY_MS * 10)
    window.structure.move_section(-1)  # a structural change: the outline is rebuilt, its counts shown again
    qtbot.waitUntil(lambda: outline.item_for(Address.section(0)).text(1) == "416", timeout=3000)
    window.document.history.undo()
    window.document.history.undo()
    window.close()
    again = make_window()
    assert again.files.open_file(str(sample), ask=False)
    assert again.outline_counts_action.isChecked()
    qtbot.waitUntil(lambda: again.outline.item_for(SECOND).text(1) == "414", timeout=3000)
    again.outline_counts_action.trigger()
    assert again.outline.columnCount() == 1


def test_going_over_a_budget_shows_in_problems_outline_and_status_bar(qtbot, make_window, sample) -> None:
    text = sample.read_text(encoding="utf-8").replace(
        "  - title: SUPPORT FOR UKRAINE\n", "  - title: SUPPORT FOR UKRAINE\n    budget: {words: 416}\n")
    sample.write_text(text, encoding="utf-8")
    window = make_window()
    assert window.files.open_file(str(sample), ask=False)
    window.outline_counts_action.trigger()
    assert not [p for p in window.problems.problems if "budget" in p.message]
    item = window.outline.item_for(SECOND)
    qtbot.waitUntil(lambda: item.text(1) == "414 / 416", timeout=3000)
    assert not item.font(1).bold()
    select(qtbot, window, SECOND)
    type_at_end(qtbot, window, " three more words")
    expected = "section II 'SUPPORT FOR UKRAINE' is 417 words; its budget is 416"
    qtbot.waitUntil(lambda: [p.message for p in window.problems.problems if "budget" in p.message] == [expected],
                    timeout=3000)
    qtbot.waitUntil(lambda: window.outline.item_for(SECOND).text(1) == "417 / 416", timeout=3000)
    assert window.outline.item_for(SECOND).font(1).bold()
    assert "over budget" in window.outline.item_for(SECOND).toolTip(1)
    assert "Section II: 417 words (budget 416)" in shown(window)
    assert "color:" in window.counts.label.text()  # the section's part in the warning colour
    # the problem goes to its section
    select(qtbot, window, TAKEAWAYS)
    index = next(i for i, p in enumerate(window.problems.problems) if "budget" in p.message)
    window.problems.setCurrentItem(window.problems.item_for(index))
    window.problems.setFocus()
    key(qtbot, Qt.Key.Key_Return)
    assert window.pages.current == SECOND


def test_the_brief_s_budget_problem_goes_to_the_cover(qtbot, make_window, sample) -> None:
    text = sample.read_text(encoding="utf-8").replace("takeaways:\n", "budget: {pages: 4}\ntakeaways:\n", 1)
    sample.write_text(text, encoding="utf-8")
    window = make_window()
    assert window.files.open_file(str(sample), ask=False)
    [problem] = [p for p in window.problems.problems if "budget" in p.message]
    assert problem.message == "the brief is about 5 pages; its budget is 4 pages"
    select(qtbot, window, SECOND)
    index = window.problems.problems.index(problem)
    assert window.problems.item_for(index).text(1) == "brief"
    window.problems.setCurrentItem(window.problems.item_for(index))
    window.problems.setFocus()
    key(qtbot, Qt.Key.Key_Return)
    assert window.pages.current == Address.cover()
    qtbot.waitUntil(lambda: "(budget 4 pages)" in shown(window), timeout=3000)


def test_a_long_brief_s_preview_is_drawn_before_its_counts_and_checks(qtbot, make_window, sample) -> None:
    """While a long brief's preview fills, the counts and the checks wait; they come once it is whole."""
    import copy

    from briefbook.fileformat import load, save

    brief = load(sample)
    brief.sections = [copy.deepcopy(section) for _ in range(40) for section in brief.sections]
    save(brief, sample)
    window = make_window()
    assert window.files.open_file(str(sample), ask=False)
    assert window.preview.is_filling()
    qtbot.wait(100)
    assert window.preview.is_filling(), "a preview of 200 sections takes longer than this to draw"
    assert not window.counts.counts.complete
    assert window.problems.problems == [], "the checks wait for the preview too"
    qtbot.waitUntil(lambda: not window.preview.is_filling(), timeout=60000)
    qtbot.waitUntil(lambda: window.counts.counts.complete and bool(window.problems.problems), timeout=10000)
    assert "words" in status(window)
