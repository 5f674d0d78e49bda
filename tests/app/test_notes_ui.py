"""Reviewers' notes in the window, driven as a reviewer would: select words, Ctrl+Alt+M, the notes panel, Undo."""

from __future__ import annotations

from pathlib import Path

import test_main_window
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from test_main_window import ALT, CTRL, key, select

from briefbook.app.note_dialog import NoteAnswer, initials_of, shown_quote
from briefbook.app.note_marks import NOTE_YELLOW
from briefbook.app.notes_panel import note_rows
from briefbook.fileformat import read
from briefbook.model import Address, iter_notes
from briefbook.notes import locate

dialogs, make_window, sample = test_main_window.dialogs, test_main_window.make_window, test_main_window.sample
settings_dir, window = test_main_window.settings_dir, test_main_window.window

SECTION_ONE = Address.section(0)
SHOTS = Path("/tmp/shots-notesui")


class NoteDialogs:
    """Answers the note dialog as told, and records what it was shown."""

    def __init__(self, window, text: str = "Is this the minister's wording?", author: str = "Jane Doe",
                 initials: str = "JD") -> None:
        self.asked: list[tuple] = []
        self.answer: NoteAnswer | None = NoteAnswer(text, author, initials)
        window.notes.ask_note = self.ask

    def ask(self, *args) -> NoteAnswer | None:
        self.asked.append(args)
        return self.answer


def select_words(field, words: str) -> tuple[int, int]:
    """Select the first ``words`` in a plain-text field or the body editor, as a drag would."""
    text = field.toPlainText() if hasattr(field, "toPlainText") else field.text()
    start = text.index(words)
    if hasattr(field, "textCursor"):
        cursor = field.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(start + len(words), QTextCursor.MoveMode.KeepAnchor)
        field.setTextCursor(cursor)
    else:
        field.setSelection(start, len(words))
    field.setFocus()
    return start, start + len(words)


def new_note(qtbot) -> None:
    key(qtbot, Qt.Key.Key_M, CTRL | ALT)


def notes_of(window) -> list[tuple[Address, str, str]]:
    return [(address, note.quote, note.text) for address, note in iter_notes(window.document.brief)]


def yellow_ranges(editor) -> list[tuple[int, int]]:
    """Where the editor's highlighter laid the notes' yellow, in document positions."""
    out = []
    block = editor.document().begin()
    while block.isValid():
        for fmt in block.layout().formats():
            if fmt.format.background().color() == NOTE_YELLOW:
                out.append((block.position() + fmt.start, block.position() + fmt.start + fmt.length))
        block = block.next()
    return out


def joined(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def test_a_note_on_words_of_a_body_is_kept_saved_undone_and_redone(qtbot, window, sample) -> None:
    answers = NoteDialogs(window)
    select(qtbot, window, SECTION_ONE)
    start, end = select_words(window.editor, "Rutte")
    new_note(qtbot)
    assert len(answers.asked) == 1 and answers.asked[0][2] == "Rutte"
    body = SECTION_ONE.child("body")
    assert notes_of(window) == [(body, "Rutte", "Is this the minister's wording?")]
    note = next(note for _a, note in iter_notes(window.document.brief))
    assert (note.author, note.initials, note.occurrence) == ("Jane Doe", "JD", 1)
    assert note.date.endswith("Z") and note.date[:2] == "20"
    assert locate(window.document.brief, body, note) == (start, end)
    # the panel opened on it, and the word is on yellow in the editor
    assert window.notes.dock.isVisible()
    assert [(row.place, row.quote) for row in window.notes.panel.rows] == [
        (window.notes.panel.rows[0].place, "Rutte")]
    assert window.notes.panel.rows[0].place.startswith("I. ")
    assert joined(yellow_ranges(window.editor)) == [(start, end)]
    # saved in the file's notes:
    window.files.save()
    saved = sample.read_text(encoding="utf-8")
    assert "notes:" in saved and "quote: Rutte" in saved and "Is this the minister" in saved
    assert [(a, n.quote) for a, n in iter_notes(read(sample).brief)] == [(body, "Rutte")]
    # one undo takes it away, redo brings it back
    window.undo_action.trigger()
    assert notes_of(window) == []
    qtbot.waitUntil(lambda: window.notes.panel.rows == [] and yellow_ranges(window.editor) == [])
    window.redo_action.trigger()
    assert notes_of(window) == [(body, "Rutte", "Is this the minister's wording?")]
    qtbot.waitUntil(lambda: len(window.notes.panel.rows) == 1)
    qtbot.waitUntil(lambda: joined(yellow_ranges(window.editor)) == [(start, end)])


def test_a_note_on_a_section_title_and_on_a_cover_field(qtbot, window) -> None:
    answers = NoteDialogs(window, "Shorter?")
    select(qtbot, window, SECTION_ONE)
    title = window.pages.title_edit
    words = title.text().split()[0]
    select_words(title, words)
    new_note(qtbot)
    assert notes_of(window) == [(SECTION_ONE.child("title"), words, "Shorter?")]
    assert title.note_marks and title.note_marks[0][:2] == (0, len(words))
    select(qtbot, window, ("meta",))
    field = window.pages.meta_form.widgets["title"]
    cover_words = field.toPlainText().split()[1]
    select_words(field, cover_words)
    answers.answer = NoteAnswer("Capitals as printed?", "Jane Doe", "JD")
    new_note(qtbot)
    cover = Address.cover("title")
    assert (cover, cover_words, "Capitals as printed?") in notes_of(window)
    note = next(n for a, n in iter_notes(window.document.brief) if a == cover)
    assert note.on == "meta/title"
    assert joined(yellow_ranges(field)) == [locate(window.document.brief, cover, note)]
    places = [row.place for row in window.notes.panel.rows]
    assert places[0] == "Cover: title" and places[1].endswith("\u2014 title")  # print order: the cover first
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert notes_of(window) == []


def test_no_selection_takes_the_word_at_the_cursor_and_a_footnote_can_have_a_note(qtbot, window) -> None:
    NoteDialogs(window, "Source?")
    select(qtbot, window, ("footnotes",))
    text = window.pages.footnotes.text
    text.setFocus()
    cursor = text.textCursor()
    cursor.setPosition(text.toPlainText().index("participating") + 3)
    text.setTextCursor(cursor)
    new_note(qtbot)
    fid = window.pages.footnotes.current_id()
    assert notes_of(window) == [(Address.footnotes(fid), "participating", "Source?")]
    assert window.notes.panel.rows[0].place.startswith("Footnote ")


def test_the_panel_goes_to_the_words_and_deletes_a_note_undoably(qtbot, window) -> None:
    NoteDialogs(window)
    select(qtbot, window, SECTION_ONE)
    start, end = select_words(window.editor, "Rutte")
    new_note(qtbot)
    select(qtbot, window, ("takeaways",))
    view = window.notes.panel.view
    item = view.topLevelItem(0)
    view.setCurrentItem(item)
    view.itemActivated.emit(item, 0)  # Enter or a double-click
    assert window.pages.current == SECTION_ONE
    cursor = window.editor.textCursor()
    assert (cursor.selectionStart(), cursor.selectionEnd(), cursor.selectedText()) == (start, end, "Rutte")
    assert QApplication.focusWidget() is window.editor
    window.notes.panel.delete_button.click()
    assert notes_of(window) == [] and window.notes.panel.rows == []
    window.undo_action.trigger()
    assert [quote for _a, quote, _t in notes_of(window)] == ["Rutte"]


def test_editing_a_note_is_one_step_and_next_note_walks_them(qtbot, window) -> None:
    answers = NoteDialogs(window, "First")
    select(qtbot, window, SECTION_ONE)
    select_words(window.editor, "Rutte")
    new_note(qtbot)
    answers.answer = NoteAnswer("Second", "Jane Doe", "JD")
    select(qtbot, window, ("takeaways",))
    words = window.editor.toPlainText().split("\n")[0].split()[-1].strip(".,*")
    select_words(window.editor, words)
    new_note(qtbot)
    rows = window.notes.panel.rows
    assert [row.text for row in rows] == ["Second", "First"]  # the takeaways print before section I
    window.notes.panel.view.setCurrentItem(None)
    key(qtbot, Qt.Key.Key_N, CTRL | ALT)
    assert window.pages.current == ("takeaways",) and window.editor.textCursor().selectedText() == words
    key(qtbot, Qt.Key.Key_N, CTRL | ALT)
    assert window.pages.current == SECTION_ONE and window.editor.textCursor().selectedText() == "Rutte"
    key(qtbot, Qt.Key.Key_P, CTRL | ALT)
    assert window.pages.current == ("takeaways",)
    answers.answer = NoteAnswer("Second, rewritten", "", "")
    window.notes.panel.edit_button.click()
    assert answers.asked[-1][3] == "Second"  # the dialog showed the note's text
    assert [n for _a, _q, n in notes_of(window)] == ["Second, rewritten", "First"]
    window.undo_action.trigger()
    assert [n for _a, _q, n in notes_of(window)] == ["Second", "First"]


def test_typing_moves_the_yellow_and_a_note_whose_words_are_gone_says_so(qtbot, window) -> None:
    NoteDialogs(window)
    select(qtbot, window, SECTION_ONE)
    start, end = select_words(window.editor, "Secretary General")  # printed once in the section
    new_note(qtbot)
    cursor = window.editor.textCursor()
    cursor.setPosition(0)
    window.editor.setTextCursor(cursor)
    test_main_window.type_text(qtbot, window.editor, "ab")
    assert joined(yellow_ranges(window.editor)) == [(start + 2, end + 2)]  # moved with the keys, at once
    cursor = window.editor.textCursor()
    cursor.setPosition(start + 2)
    cursor.setPosition(end + 2, QTextCursor.MoveMode.KeepAnchor)
    window.editor.setTextCursor(cursor)
    key(qtbot, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.notes.panel.rows and window.notes.panel.rows[0].gone, timeout=3000)
    assert yellow_ranges(window.editor) == []
    assert "(words gone)" in window.notes.panel.view.topLevelItem(0).text(1)


def test_a_read_only_brief_refuses_notes_with_a_message(qtbot, make_window, sample) -> None:
    window = make_window()
    answers = NoteDialogs(window)
    window.document.claim(str(sample), "read-only")
    window.document.replace(read(sample).brief, str(sample))
    select(qtbot, window, SECTION_ONE)
    select_words(window.editor, "Rutte")
    new_note(qtbot)
    assert answers.asked == [] and notes_of(window) == []
    assert "read-only" in window.statusBar().currentMessage()


def test_a_cancelled_dialog_changes_nothing_and_the_author_is_remembered(qtbot, window, settings_dir) -> None:
    answers = NoteDialogs(window, author="Ann Other", initials="AO")
    select(qtbot, window, SECTION_ONE)
    select_words(window.editor, "Rutte")
    new_note(qtbot)
    assert window.session.reviewer() == ("Ann Other", "AO")
    answers.answer = None
    select_words(window.editor, "NATO")
    new_note(qtbot)
    assert answers.asked[-1][4:6] == ("Ann Other", "AO")  # offered the name given last time
    assert len(notes_of(window)) == 1


def test_rows_describe_places_and_quotes() -> None:
    assert initials_of("Jane van der Doe-Smith") == "JVDD"
    assert shown_quote("") == "the whole text" and shown_quote("a  b") == "\u201ca b\u201d"
    assert note_rows(read(test_main_window.sample_brief()).brief) == []


def test_the_window_with_the_notes_panel(qtbot, window) -> None:
    """A screenshot to look at: notes in the body, the title and the panel."""
    answers = NoteDialogs(window, "Is this the minister's wording? Check against the press release.")
    select(qtbot, window, SECTION_ONE)
    select_words(window.editor, "Rutte")
    new_note(qtbot)
    answers.answer = NoteAnswer("Too long for a heading.", "Ann Other", "AO")
    select_words(window.pages.title_edit, window.pages.title_edit.text().split()[0])
    new_note(qtbot)
    cursor = window.editor.textCursor()
    cursor.setPosition(0)
    window.editor.setTextCursor(cursor)
    window.editor.setFocus()
    qtbot.wait(50)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SHOTS / "notes-panel.png"))
