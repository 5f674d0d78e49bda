"""The source pane beside the editor, driven as an analyst would: show it, search the source, Quote,
Quote with Citation, one Ctrl+Z undoing it all, and the quotation check in the Problems panel."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import test_main_window
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from test_main_window import ALT, CTRL, SHIFT, key, select, type_at_end, type_text

from briefbook.app.quote_view import passage_words, quote_text
from briefbook.app.source_pane import find_spans
from briefbook.fileformat import read
from briefbook.model import Address
from briefbook.resources import sample_brief

dialogs, make_window = test_main_window.dialogs, test_main_window.make_window
settings_dir = test_main_window.settings_dir

#: The Secretary General's words on Ukraine's membership, as the press release has them (straight quotes).
MEMBERSHIP = "Ukraine will be member of NATO, there is no doubt about it"
#: The section and bullet of the sample that quote them (curly quotes, in bold).
UKRAINE = Address.section(1)


@pytest.fixture
def sourced(tmp_path: Path) -> Path:
    """The sample brief with its sources' stored texts beside it, as a colleague receives the folder."""
    original = sample_brief()
    target = tmp_path / "briefs" / original.name
    target.parent.mkdir()
    shutil.copy(original, target)
    for source in read(original).brief.sources:
        if source.file:
            (target.parent / source.file).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(original.parent / source.file, target.parent / source.file)
    return target


@pytest.fixture
def window(make_window, sourced):
    window = make_window()
    assert window.files.open_file(str(sourced), ask=False)
    return window


def show_pane(qtbot, window) -> None:
    """Ctrl+Shift+O where the keyboard is (in the editor if nothing has it)."""
    if QApplication.focusWidget() is None:
        window.pages.focus_editor()
    key(qtbot, Qt.Key.Key_O, CTRL | SHIFT)
    assert window.source_pane.isVisible() and window.source_pane_action.isChecked()


def select_in_source(window, words: str) -> None:
    """Select ``words`` in the pane's text as a mouse drag would."""
    view = window.source_pane.view
    start = view.toPlainText().index(words)
    cursor = view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(words), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def cursor_at_end_of_first_bullet(qtbot, window, section: Address) -> str:
    """Click into a section's text, at the end of its first line; returns that line."""
    select(qtbot, window, section)
    editor = window.editor
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    return cursor.block().text()


# --- the passage as quoted -------------------------------------------------------------------------

def test_quote_text_joins_lines_escapes_markup_and_uses_the_briefs_marks() -> None:
    assert quote_text("to move further\nand  faster ", "en") == "\u201cto move further and faster\u201d"
    assert quote_text('"Ukraine will prevail,"', "en") == "\u201cUkraine will prevail,\u201d"
    assert quote_text("un *engagement* [ferme]", "fr") == "\u00ab\u00a0un \\*engagement\\* \\[ferme\\]\u00a0\u00bb"
    assert quote_text("a\u2029b\x07c", "en") == "\u201ca bc\u201d"  # a paragraph break; an invisible control
    assert quote_text("  \n ", "en") == ""
    assert passage_words("\u201cquoted\u201d") == "quoted"


def test_search_spans_cross_line_breaks_and_stop_at_the_limit() -> None:
    assert find_spans("Allies\nneed to move", "allies need") == ([(0, 11)], False)
    assert find_spans("a a a", "a", most=2) == ([(0, 1), (2, 3)], True)
    assert find_spans("text", "   ") == ([], False)


# --- the pane ---------------------------------------------------------------------------------------

def test_pane_shows_the_source_with_its_link_and_finds_words(qtbot, window) -> None:
    show_pane(qtbot, window)
    pane = window.source_pane
    source = window.document.brief.sources[0]
    assert pane.chooser.currentText() == source.title
    assert MEMBERSHIP in pane.text()
    assert f'href="{source.url}"' in pane.details.text()
    pane.search.setFocus()
    qtbot.keyClicks(pane.search, "ukraine")
    key(qtbot, Qt.Key.Key_Return)
    total = pane.text().lower().count("ukraine")
    assert total > 2 and pane.count_label.text() == f"1 of {total}"
    first = pane.view.textCursor().selectionStart()
    key(qtbot, Qt.Key.Key_F3)  # the pane's next match, not the window's Find Next
    assert pane.count_label.text() == f"2 of {total}" and pane.view.textCursor().selectionStart() > first
    key(qtbot, Qt.Key.Key_Return, SHIFT)
    assert pane.count_label.text() == f"1 of {total}"
    assert len(pane.view.extraSelections()) == total  # every match highlighted
    assert pane.search.hasFocus()


def test_pane_is_remembered_beside_the_editor(qtbot, make_window, window, sourced) -> None:
    show_pane(qtbot, window)
    splitter = window.splitter
    assert splitter.indexOf(window.source_pane) == splitter.indexOf(window.pages) + 1  # text and source side by side
    assert window.source_pane.width() > 250 and window.editor.width() > 250
    window.close()
    again = make_window()
    again.restore_layout()  # at start, before the brief is opened (as ``briefbook.app.run`` does)
    assert again.files.open_file(str(sourced), ask=False)
    assert again.source_pane.isVisible() and again.source_pane_action.isChecked()
    again.pages.focus_editor()
    key(qtbot, Qt.Key.Key_O, CTRL | SHIFT)
    assert not again.source_pane.isVisible()


def test_shortcuts_of_the_pane_collide_with_nothing(window) -> None:
    from briefbook.app.list_keys import EDITOR_KEYS

    taken = [shortcut.toString() for action in window.actions() for shortcut in action.shortcuts()]
    editor_keys = {key.strip() for keys, _what in EDITOR_KEYS for key in keys.split(",")}
    for mine in ("Ctrl+Shift+O", "Ctrl+Shift+Q", "Ctrl+Alt+Q", "Ctrl+4"):
        assert taken.count(mine) == 1 and mine not in editor_keys


# --- quoting ----------------------------------------------------------------------------------------

def test_quote_goes_where_the_analyst_was_writing_and_undoes_in_one_step(qtbot, window) -> None:
    line = cursor_at_end_of_first_bullet(qtbot, window, UKRAINE)
    before = window.editor.body_text()
    show_pane(qtbot, window)
    select_in_source(window, "Allied airspace breached by Russian drones")
    window.source_pane.view.setFocus()  # the keyboard in the pane, as after a mouse selection
    assert window.source_pane.quote_button.isEnabled()
    qtbot.mouseClick(window.source_pane.quote_button, Qt.MouseButton.LeftButton)
    text = window.editor.textCursor().block().text()
    assert text == line + " \u201cAllied airspace breached by Russian drones\u201d"
    assert window.editor.hasFocus()  # the keyboard back where the quotation went, to go on typing
    assert window.undo_action.text().startswith("&Undo Quote")
    window.undo_action.trigger()
    assert window.editor.body_text() == before


def test_quote_with_citation_adds_a_footnote_citing_the_source_in_one_step(qtbot, window) -> None:
    cursor_at_end_of_first_bullet(qtbot, window, UKRAINE)
    brief = window.document.brief
    before_body, before_notes = window.editor.body_text(), dict(brief.footnotes)
    show_pane(qtbot, window)
    select_in_source(window, "air and missile defence remains an Alliance priority")
    key(qtbot, Qt.Key.Key_Q, CTRL | ALT)
    brief = window.document.brief
    added = [fid for fid in brief.footnotes if fid not in before_notes]
    assert len(added) == 1
    source = brief.sources[0]
    note = brief.footnotes[added[0]]
    assert f"]({source.url})" in note and note.endswith(".")
    line = window.editor.textCursor().block().text()
    assert line.endswith(f"\u201cair and missile defence remains an Alliance priority\u201d[^{added[0]}]")
    assert window.undo_action.text() == "&Undo Quote with Citation"
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert window.editor.body_text() == before_body
    assert window.document.brief.footnotes == before_notes
    key(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert added[0] in window.document.brief.footnotes


def test_quote_in_a_french_brief_takes_guillemets(qtbot, window) -> None:
    window.document.set_value("Edit Language", Address.cover("language"), "fr", words=False)
    cursor_at_end_of_first_bullet(qtbot, window, UKRAINE)
    show_pane(qtbot, window)
    select_in_source(window, "vital")
    key(qtbot, Qt.Key.Key_Q, CTRL | SHIFT)
    assert window.editor.textCursor().block().text().endswith(" \u00ab\u00a0vital\u00a0\u00bb")


def test_quote_into_a_cover_field(qtbot, window) -> None:
    select(qtbot, window, ("meta",))
    field = window.pages.meta_form.widgets["event"]
    field.setFocus()
    field.move_to_end()
    show_pane(qtbot, window)
    select_in_source(window, "top priority")
    key(qtbot, Qt.Key.Key_Q, CTRL | SHIFT)
    assert window.document.brief.meta.event.endswith("\u201ctop priority\u201d")


def test_quote_without_a_selection_says_what_to_do(qtbot, window) -> None:
    cursor_at_end_of_first_bullet(qtbot, window, UKRAINE)
    before = window.editor.body_text()
    key(qtbot, Qt.Key.Key_Q, CTRL | SHIFT)
    assert window.editor.body_text() == before
    assert "Select the passage" in window.statusBar().currentMessage()


# --- the quotation check ------------------------------------------------------------------------------

def quotation_rows(window) -> list[tuple[str, str]]:
    """The pane's list of quotations as shown: class and first words."""
    window.source_actions.set_visible(True)
    window.source_actions.check.flush()
    panel = window.source_pane.quotations
    return [(panel.topLevelItem(i).text(0).split(" ", 1)[1], panel.topLevelItem(i).text(1))
            for i in range(panel.topLevelItemCount())]


def test_the_pane_lists_the_classes_the_command_line_gives(window) -> None:
    from briefbook.quotes import check_brief

    rows = quotation_rows(window)
    expected = [verdict.kind for _quotation, verdict in
                check_brief(window.document.brief, window.source_actions.check.checker.index.texts)]
    assert [kind for kind, _words in rows] == expected
    membership = next(kind for kind, words in rows if words.startswith("\u201cUkraine will be member"))
    assert membership == "verified"
    assert "not found" in {kind for kind, _ in rows}


def test_an_altered_quotation_is_a_warning_that_goes_to_it_and_to_the_source(qtbot, window) -> None:
    select(qtbot, window, UKRAINE)
    editor = window.editor
    text = editor.body_text()
    at = text.index("there is no doubt about it")
    cursor = editor.textCursor()
    cursor.setPosition(at + len("there is no "))
    cursor.setPosition(at + len("there is no doubt"), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.setFocus()
    type_text(qtbot, editor, "question")
    window.source_actions.check.flush()
    problems = window.problems.problems
    index = next(i for i, p in enumerate(problems) if p.message.startswith("quotation altered"))
    assert "doubt" in problems[index].message and "question" in problems[index].message
    select(qtbot, window, Address.takeaways())  # somewhere else
    window.problems.setCurrentItem(window.problems.item_for(index))
    window.problems.setFocus()
    key(qtbot, Qt.Key.Key_Return)
    assert window.pages.current == UKRAINE
    assert editor.textCursor().selectedText().startswith("\u201cUkraine will be member of NATO, there is no question")
    pane = window.source_pane
    assert pane.isVisible()
    assert pane.view.textCursor().selectedText().startswith("Ukraine will be member of NATO, there is no doubt")
    rows = quotation_rows(window)
    assert ("altered", next(w for _, w in rows if w.startswith("\u201cUkraine will"))) in rows


def test_the_checks_modules_load_after_the_open_and_the_check_runs_on_its_own(qtbot, window) -> None:
    check = window.source_actions.check
    assert check.checking is False and check._loading is None  # nothing competing with the first paint
    assert check.busy()
    qtbot.waitUntil(lambda: check._loading is not None, timeout=5000)  # the pause after the open is over
    qtbot.waitUntil(lambda: not check.busy() and check.checking, timeout=20000)
    assert check.results and any(verdict.source is not None for _, verdict in check.results)


def test_checking_waits_for_a_pause_and_rereads_only_what_changed(qtbot, window, monkeypatch) -> None:
    from briefbook.quotes import find as quote_find

    window.source_actions.check.flush()
    read_texts: list[str] = []
    real = quote_find.quotations_in

    def counting(address, text, marked=True):
        read_texts.append(text)
        return real(address, text, marked)
    monkeypatch.setattr(quote_find, "quotations_in", counting)
    select(qtbot, window, UKRAINE)
    type_at_end(qtbot, window, ' "words"')  # straight marks pair too (the test keyboard types ASCII)
    assert read_texts == []  # nothing on the keystroke path
    assert window.source_actions.check.busy()
    window.source_actions.check.flush()
    assert len(read_texts) == 1 and read_texts[0].endswith('"words"')


# --- read-only ----------------------------------------------------------------------------------------

def test_a_read_only_brief_can_be_read_in_the_pane_but_not_quoted_into(qtbot, make_window, dialogs,
                                                                       sourced) -> None:
    from test_locks import lock_of_another_machine

    lock_of_another_machine(sourced)
    dialogs.open_locked = "read-only"
    window = make_window()
    assert window.files.open_file(str(sourced), ask=False) and window.document.read_only
    select(qtbot, window, UKRAINE)
    before = window.editor.body_text()
    show_pane(qtbot, window)
    select_in_source(window, "vital")
    assert MEMBERSHIP in window.source_pane.text()  # read and searched as ever
    for action in (window.quote_action, window.cite_action, window.add_source_action):
        assert not action.isEnabled()
    assert not window.source_pane.quote_button.isEnabled() and not window.source_pane.add_button.isEnabled()
    window.source_actions.quote(True)  # even if asked some other way
    window.source_actions.add_files([sourced])
    assert window.editor.body_text() == before and not window.document.is_modified()


def test_quotation_warnings_stay_when_the_other_checks_run_again(qtbot, window) -> None:
    window.source_actions.check.flush()
    quoted = [p for p in window.problems.problems if p.message.startswith("quotation")]
    assert quoted
    window.document.brief.sections[1].body[0].items[0].text = "Broken [^nowhere] reference"
    window.run_checks()
    messages = [p.message for p in window.problems.problems]
    assert any("nowhere" in message for message in messages)
    assert [p for p in window.problems.problems if p.message.startswith("quotation")] == quoted


def test_the_list_is_drawn_when_the_pane_is_shown(qtbot, window) -> None:
    assert not window.source_pane.isVisible()
    window.source_actions.check.flush()
    assert window.source_pane.quotations.topLevelItemCount() == 0  # nothing drawn out of sight
    window.source_actions.set_visible(True)
    assert window.source_pane.quotations.topLevelItemCount() == len(window.source_actions.check.results) > 0
