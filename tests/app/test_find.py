"""Find and replace in the window, driven as an analyst would: Ctrl+F, Ctrl+Shift+F, Ctrl+H, F3, Esc, Ctrl+Z."""

from __future__ import annotations

import re

import test_main_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_main_window import CTRL, SHIFT, key, select, type_text

from briefbook.app.pages import PAGE_BODY, PAGE_FOOTNOTES
from briefbook.fileformat import read
from briefbook.markup import plain_text
from briefbook.model import Address
from briefbook.model.outline import iter_block_texts
from briefbook.search import Plan

dialogs, make_window, sample = test_main_window.dialogs, test_main_window.make_window, test_main_window.sample
settings_dir, window = test_main_window.settings_dir, test_main_window.window

SECTION_ONE = Address.section(0)


def printed_count(window, section: Address, word: str) -> int:
    """How many times ``word`` prints in a section's body, counted from the model without the search code."""
    texts = [place.text for place in iter_block_texts(section.resolve(window.document.brief).body, ())]
    return sum(len(re.findall(re.escape(word), plain_text(text), re.IGNORECASE)) for text in texts)


def results(window) -> list[tuple[str, str]]:
    """The panel's rows as shown: place and text."""
    window.find.flush()
    model = window.find.panel.model
    return [(model.index(row, 0).data(), model.index(row, 1).data()) for row in range(model.rowCount())]


def click_row(qtbot, window, row: int) -> None:
    view = window.find.panel.view
    rect = view.visualRect(window.find.panel.model.index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_ctrl_f_highlights_every_match_of_the_text_and_f3_walks_them(qtbot, window) -> None:
    select(qtbot, window, SECTION_ONE)
    window.editor.setFocus()
    key(qtbot, Qt.Key.Key_F, CTRL)
    bar = window.find.bar
    assert bar.isVisible() and QApplication.focusWidget() is bar.query
    type_text(qtbot, bar.query, "defence")
    expected = printed_count(window, SECTION_ONE, "defence")
    assert expected > 5
    highlighted = [s.cursor.selectedText() for s in window.editor.extraSelections()]
    assert len(highlighted) == expected and {w.lower() for w in highlighted} == {"defence"}
    first = window.editor.textCursor()  # typing went to the first match
    assert first.selectedText().lower() == "defence" and bar.count.text() == f"1 of {expected}"
    key(qtbot, Qt.Key.Key_Return)
    second = window.editor.textCursor()
    assert second.selectedText().lower() == "defence" and second.selectionStart() > first.selectionStart()
    key(qtbot, Qt.Key.Key_F3)
    assert bar.count.text() == f"3 of {expected}"
    key(qtbot, Qt.Key.Key_F3, SHIFT)
    key(qtbot, Qt.Key.Key_F3, SHIFT)
    assert window.editor.textCursor().selectionStart() == first.selectionStart()
    assert bar.count.text() == f"1 of {expected}"
    key(qtbot, Qt.Key.Key_Escape)
    assert not bar.isVisible() and QApplication.focusWidget() is window.editor
    assert window.editor.extraSelections() == []


def test_ctrl_f_finds_inside_bold_and_never_in_markup(qtbot, window) -> None:
    select(qtbot, window, SECTION_ONE)
    window.editor.setFocus()
    key(qtbot, Qt.Key.Key_F, CTRL)
    type_text(qtbot, window.find.bar.query, "**")
    assert window.editor.extraSelections() == [] and window.find.bar.count.text() == "No matches"
    window.find.bar.query.clear()
    type_text(qtbot, window.find.bar.query, "Defence Ministers continued")  # the bullet is all in **bold**
    [start] = [s.cursor.selectionStart() for s in window.editor.extraSelections()]
    assert window.editor.toPlainText()[start - 2:start] == "**"


def test_ctrl_f_in_a_field_selects_the_match_there(qtbot, window) -> None:
    select(qtbot, window, SECTION_ONE)
    window.pages.title_edit.setFocus()
    key(qtbot, Qt.Key.Key_F, CTRL)
    type_text(qtbot, window.find.bar.query, "deterrence")
    assert window.pages.title_edit.selectedText() == "DETERRENCE"
    assert window.find.bar.count.text() == "1 of 1"
    window.pages.title_edit.end(False)
    type_text(qtbot, window.pages.title_edit, " and deterrence")  # the bar follows the text as it is typed
    qtbot.waitUntil(lambda: window.find.bar.count.text().endswith("of 2"), timeout=2000)


def test_find_in_brief_lists_sections_and_footnotes_and_goes_to_each(qtbot, window) -> None:
    key(qtbot, Qt.Key.Key_F, CTRL | SHIFT)
    panel = window.find.panel
    assert window.find.dock.isVisible() and QApplication.focusWidget() is panel.query
    assert not panel.replacement.isVisible()
    type_text(qtbot, panel.query, "participating nations")
    rows = results(window)
    places = [place for place, _ in rows]
    assert places == ["Key takeaways", "V ADDITIONAL NOTES", "Footnote 1"]
    assert rows[2][1].startswith("For participating nations, please refer to the NATO press")
    assert "](" not in rows[2][1] and "nato.int" not in rows[2][1]  # what prints: no link markup
    click_row(qtbot, window, 0)
    assert window.pages.currentIndex() == PAGE_BODY and window.pages.current == Address.takeaways()
    assert window.editor.textCursor().selectedText() == "Participating nations"
    click_row(qtbot, window, 2)
    assert window.pages.currentIndex() == PAGE_FOOTNOTES
    assert window.pages.footnotes.text.textCursor().selectedText() == "participating nations"
    panel.query.clear()
    type_text(qtbot, panel.query, "nato.int")  # in the sources' address, never in a link's address
    assert {place for place, _ in results(window)} == {"Source 1: address"}


def test_results_follow_the_brief_as_it_changes(qtbot, window) -> None:
    key(qtbot, Qt.Key.Key_F, CTRL | SHIFT)
    type_text(qtbot, window.find.panel.query, "zanzibar")
    assert results(window) == []
    select(qtbot, window, Address.takeaways())
    window.editor.setFocus()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    type_text(qtbot, window.editor, " Zanzibar")
    qtbot.waitUntil(lambda: window.find.job.running or len(window.find.panel.model.results) == 1, timeout=3000)
    assert [place for place, _ in results(window)] == ["Key takeaways"]


def test_an_invalid_expression_is_a_message_not_a_traceback(qtbot, window) -> None:
    key(qtbot, Qt.Key.Key_F, CTRL | SHIFT)
    window.find.panel.regular_expression.setChecked(True)
    type_text(qtbot, window.find.panel.query, "(Rutte")
    window.find.search_now()
    assert "not valid" in window.find.panel.status.text() and results(window) == []


def test_replace_all_shows_each_change_then_one_undo_takes_them_back(qtbot, window, monkeypatch, sample) -> None:
    key(qtbot, Qt.Key.Key_H, CTRL)
    panel = window.find.panel
    assert panel.replacement.isVisible()
    panel.match_case.setChecked(True)
    type_text(qtbot, panel.query, "Rutte")
    type_text(qtbot, panel.replacement, "RUTTE")
    found = results(window)
    assert len(found) > 5
    shown: list[Plan] = []
    monkeypatch.setattr(window.find, "confirm_replace_all", lambda plan, names: shown.append(plan) or True)
    qtbot.mouseClick(panel.replace_all_button, Qt.MouseButton.LeftButton)
    [plan] = shown
    assert [(edit.old, edit.new) for edit in plan.edits] == [("Rutte", "RUTTE")] * len(found)
    assert not plan.skipped
    assert results(window) == []
    brief = window.document.brief
    assert "Rutte" not in str(brief) and str(brief).count("RUTTE") == len(found)
    assert "**Mark RUTTE's inaugural ministerial meeting**" in brief.takeaways[0].text  # the bold kept
    assert window.undo_action.text() == "&Undo Replace All"
    assert QApplication.focusWidget() not in (panel.query, panel.replacement)  # whose Ctrl+Z is their own
    key(qtbot, Qt.Key.Key_Z, CTRL)  # one Ctrl+Z
    assert window.document.brief == read(sample).brief
    assert not window.document.is_modified()
    window.find.search_now()
    assert len(results(window)) == len(found)


def test_replace_all_cancelled_changes_nothing(qtbot, window, monkeypatch, sample) -> None:
    key(qtbot, Qt.Key.Key_H, CTRL)
    type_text(qtbot, window.find.panel.query, "Ukraine")
    results(window)
    monkeypatch.setattr(window.find, "confirm_replace_all", lambda plan, names: False)
    window.find.replace_all()
    assert window.document.brief == read(sample).brief and not window.document.is_modified()


def test_replace_one_goes_to_the_next_and_is_undone_alone(qtbot, window, sample) -> None:
    key(qtbot, Qt.Key.Key_H, CTRL)
    panel = window.find.panel
    type_text(qtbot, panel.query, "Zelenskyy")
    type_text(qtbot, panel.replacement, "Zelensky")
    count = len(results(window))
    click_row(qtbot, window, 0)
    qtbot.mouseClick(panel.replace_button, Qt.MouseButton.LeftButton)
    assert len(results(window)) == count - 1
    assert str(window.document.brief).count("Zelensky") == count  # one changed, the others still "Zelenskyy"
    assert window.editor.textCursor().selectedText() == "Zelenskyy"  # the next one is shown
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert window.document.brief == read(sample).brief


def test_a_read_only_brief_can_be_searched_but_not_changed(qtbot, make_window, sample) -> None:
    window = make_window()
    window.document.claim(str(sample), "read-only")
    window.document.replace(read(sample).brief, str(sample))
    assert window.document.read_only
    assert not window.replace_action.isEnabled()
    window.find_in_brief_action.trigger()
    type_text(qtbot, window.find.panel.query, "Rutte")
    assert len(results(window)) > 5
    panel = window.find.panel
    assert not panel.replace_button.isEnabled() and not panel.replace_all_button.isEnabled()
    assert not panel.replacement.isEnabled()
    window.find.replace_all()
    assert window.document.brief == read(sample).brief


def test_the_replace_all_list_shows_each_change_and_what_is_left_alone(qtbot, window) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from briefbook.app.find_dialog import ReplaceAllDialog
    from briefbook.model import Brief, Paragraph, Section
    from briefbook.search import PlaceNames, Query, plan_replace_all

    brief = Brief(sections=[Section("Title", [Paragraph("Mark Rutte spoke"), Paragraph("**Rutte** said")])])
    plan = plan_replace_all(brief, Query("Rutte").compile(), " Rutte")
    assert len(plan.edits) == len(plan.skipped) == 1  # a space just inside ** would end the bold: left alone
    dialog = ReplaceAllDialog(plan, PlaceNames(brief), window)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() == len(plan.edits) + len(plan.skipped)
    edit = plan.edits[0]
    assert model.index(0, 0).data() == "I Title"
    assert model.index(0, 1).data() == f"{edit.before}[Rutte]{edit.after}" == "Mark [Rutte] spoke"
    assert model.index(0, 2).data() == f"{edit.before}[ Rutte]{edit.after}"
    last = model.rowCount() - 1
    assert model.index(last, 2).data().startswith("left as it is: the formatting around it would change")
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == f"Replace {len(plan.edits)}"
