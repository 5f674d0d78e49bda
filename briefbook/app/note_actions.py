"""Reviewers' notes in the window: writing one on the words selected, the notes panel, the yellow in the fields.

:class:`NoteActions` holds the slots of the Review menu — New Note… (Ctrl+Alt+M), Edit
Note…, Delete Note, Next and Previous Note — and the notes panel's dock (View ▸ Show
Notes). It changes the brief only through the document's note commands
(:meth:`Document.add_note <briefbook.document.Document.add_note>`, ``edit_note``,
``remove_note``), each one undo step; it keeps no notes of its own, only where they were
last found, for the panel's rows and the fields' marks.

A note is written on the selection of the text field that has the keyboard focus — the
body editor (a section's or the key takeaways), a section's title, a cover field, a
footnote's text — or, with nothing selected, on the word at the cursor; its words are
named as they print (:func:`briefbook.notes.anchor`). Where the notes' words are is
found again (:func:`briefbook.notes.locate`) when the notes change, when another page is
shown, and 300 ms after typing pauses in a body; typing in between only moves the marks
(:class:`~briefbook.app.note_marks.NoteMarks`). Typing in a short field with notes finds
them again in that field alone; a field without notes costs one dictionary look-up.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QComboBox, QDockWidget, QLineEdit, QPlainTextEdit, QWidget

from briefbook.app.fields import LineEdit
from briefbook.app.note_dialog import NoteAnswer, ask_note, initials_of, login_name, shown_quote
from briefbook.app.note_marks import Mark, NoteMarks, NoteTips, note_tip
from briefbook.app.notes_panel import NotesPanel, describe_note_place, note_rows
from briefbook.app.pages import PAGE_BODY, PAGE_FOOTNOTES, PAGE_META
from briefbook.document import Change
from briefbook.model import Address, Note, iter_notes
from briefbook.model.notes import META_FIELDS, find_note
from briefbook.notes import anchor, locate, typed_text

#: Typing in a body is followed this long after it pauses (the marks move with each key meanwhile).
NOTES_PAUSE_MS = 300


def utc_now() -> str:
    """Now, as a note's date: ISO 8601 in UTC to the second."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def word_at(text: str, position: int) -> tuple[int, int]:
    """The span of the word at ``position`` of a one-line text (empty when the cursor is between words)."""
    def in_word(char: str) -> bool:
        return char.isalnum() or char in "'\u2019-_"

    start = end = max(0, min(position, len(text)))
    while start > 0 and in_word(text[start - 1]):
        start -= 1
    while end < len(text) and in_word(text[end]):
        end += 1
    return start, end


class NoteActions(QObject):
    """The window's notes: the Review menu's slots, the panel, the marks (see the module docstring)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.pages = window.pages
        self.panel = NotesPanel()
        self.dock = QDockWidget("Notes", window)
        self.dock.setObjectName("notesDock")
        self.dock.setWidget(self.panel)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                              | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        window.splitDockWidget(window.problems_dock, self.dock, Qt.Orientation.Horizontal)
        self.dock.hide()
        self.panel.noteChosen.connect(self.go_to_note)
        self.panel.editRequested.connect(self.edit_note)
        self.panel.deleteRequested.connect(self.delete_note)
        self.dock.visibilityChanged.connect(lambda shown: shown and self._panel_stale and self.refresh_panel())
        #: Dialog hook (tests replace it): ``(title, place, quote, text, author, initials, edit_author) -> answer``.
        self.ask_note = lambda *args: ask_note(window, *args)
        self.tips = NoteTips(self)
        for field in self._fields():
            self.tips.watch(field)
        #: The notes on each text, as last found (rebuilt when the notes or the sections change).
        self._on: dict[Address, list[Note]] = {}
        self._panel_stale = True
        self._pause = QTimer(self, singleShot=True, interval=NOTES_PAUSE_MS)
        self._pause.timeout.connect(self.refresh)
        self._soon = QTimer(self, singleShot=True, interval=0)
        self._soon.timeout.connect(self.refresh)
        self.pages.footnotes.table.currentItemChanged.connect(lambda *_: self._soon.start())
        self.document.changed.connect(self._brief_changed)
        self.document.replaced.connect(lambda _select: self._soon.start())
        self.document.readOnlyChanged.connect(self.panel.set_read_only)

    # -- the Review menu's commands --------------------------------------------------------------------
    def new_note(self) -> None:
        """Ctrl+Alt+M: a note on the selection (or the word at the cursor) of the text with the focus."""
        if self._refused("added"):
            return
        target = self._target()
        if target is None:
            self._say("Click in a text or select words first: a note is on words of the body, a title, "
                      "a cover field or a footnote.")
            return
        address, _field, start, end = target
        brief = self.document.brief
        quote, occurrence = anchor(brief, address, start, end) if start < end else ("", 1)
        remembered = self.window.session.reviewer()
        author, initials = remembered or (login_name(), initials_of(login_name()))
        answer: NoteAnswer | None = self.ask_note("New Note", describe_note_place(brief, address), quote, "",
                                                  author, initials, True)
        if answer is None or not answer.text:
            return
        if answer.author:
            self.window.session.set_reviewer(answer.author, answer.initials)
        note = Note(answer.text, quote, occurrence, answer.author, answer.initials, utc_now())
        index = sum(1 for at, _note in iter_notes(brief) if at == address)
        span = locate(brief, address, note) if quote else None
        if not self.document.add_note(address, note, cursor=span[0] if span else start):
            self._say("A note cannot be put on this text.")
            return
        self.show_panel()
        self.refresh()
        self.panel.select(address, index)
        self._say(f"Note added on {shown_quote(quote)}.", 5000)

    def edit_note(self, address: Address | None = None, index: int = -1) -> None:
        """Edit… in the panel or the Review menu: the note's text (the note chosen, else the one at the cursor)."""
        if self._refused("edited"):
            return
        chosen = self._chosen(address, index)
        if chosen is None:
            return
        address, index, note = chosen
        answer = self.ask_note("Edit Note", describe_note_place(self.document.brief, address), note.quote,
                               note.text, note.author, note.initials, False)
        if answer is None or not answer.text or answer.text == note.text:
            return
        span = locate(self.document.brief, address, note)
        self.document.edit_note(address, index, answer.text, cursor=span[0] if span else 0)
        self.refresh()
        self.panel.select(address, index)

    def delete_note(self, address: Address | None = None, index: int = -1) -> None:
        """Delete in the panel or the Review menu: the note chosen (else the one at the cursor); Undo brings it back."""
        if self._refused("deleted"):
            return
        chosen = self._chosen(address, index)
        if chosen is None:
            return
        address, index, note = chosen
        row = self.panel.current_row()
        span = locate(self.document.brief, address, note)
        if self.document.remove_note(address, index, cursor=span[0] if span else 0):
            self.refresh()
            if self.panel.rows:
                self.panel.view.setCurrentItem(self.panel.view.topLevelItem(min(max(row, 0), len(self.panel.rows) - 1)))
            self._say(f"Note on {shown_quote(note.quote)} deleted (Undo brings it back).", 6000)

    def step(self, direction: int) -> None:
        """Next Note / Previous Note: the note after (or before) the one chosen, in print order, its words selected."""
        if self._panel_stale:
            self.refresh_panel()
        rows = self.panel.rows
        if not rows:
            self._say("The brief has no notes.", 4000)
            return
        row = self.panel.current_row()
        row = (row + direction) % len(rows) if row >= 0 else (0 if direction > 0 else len(rows) - 1)
        self.panel.view.setCurrentItem(self.panel.view.topLevelItem(row))
        self.go_to_note(rows[row].address, rows[row].index)

    def set_visible(self, visible: bool) -> None:
        self.dock.setVisible(visible)

    def show_panel(self) -> None:
        """Show the panel beside the problems, with the larger share of the width when it had a narrow one."""
        if self.dock.isVisible():
            return
        self.dock.show()
        self.dock.raise_()
        window = self.window

        def place() -> None:  # once the dock is laid out
            width = window.width()
            if self.dock.width() < width * 0.5 and not window.problems_dock.isFloating():
                window.resizeDocks([window.problems_dock, self.dock], [int(width * 0.35), int(width * 0.65)],
                                   Qt.Orientation.Horizontal)
        QTimer.singleShot(0, place)

    def focus_panel(self) -> None:
        """Go to Notes: the panel shown, the keyboard in its list."""
        self.show_panel()
        self.panel.view.setFocus()
        if self.panel.current_row() < 0 and self.panel.rows:
            self.panel.view.setCurrentItem(self.panel.view.topLevelItem(0))

    # -- going to a note -------------------------------------------------------------------------------
    def go_to_note(self, address: Address, index: int) -> None:
        """Show the note's text and select its words there (the way a problem or a match is gone to)."""
        brief = self.document.brief
        note = find_note(brief, address, index)
        if note is None:
            return
        self.window.go_to_path(address)
        span = locate(brief, address, note)
        field = self._field_of(address)
        if field is None:
            return
        if span is None:
            self._say(f"The words {shown_quote(note.quote)} are no longer in this text: the note is on it "
                      "as a whole.", 8000)
            return
        start, end = span
        if isinstance(field, QLineEdit):
            field.setFocus()
            field.setSelection(start, end - start)
        elif isinstance(field, QPlainTextEdit):
            field.setFocus()
            cursor = field.textCursor()
            cursor.setPosition(min(start, field.document().characterCount() - 1))
            cursor.setPosition(min(end, field.document().characterCount() - 1), QTextCursor.MoveMode.KeepAnchor)
            field.setTextCursor(cursor)
            field.ensureCursorVisible()
        self._say(note_tip(note.author, " ".join(note.text.split())), 8000)

    # -- which text, which words -----------------------------------------------------------------------
    def _target(self) -> tuple[Address, QWidget, int, int] | None:
        """The text the keyboard is in, with the typed span a new note goes on."""
        focus = QApplication.focusWidget()
        shown = self._shown_fields()
        field = None
        for address, widget in shown.items():
            if focus is widget or (isinstance(widget, QComboBox) and focus is widget.lineEdit()):
                field = (address, widget)
        if field is None and self.pages.currentIndex() == PAGE_BODY:
            field = next(((a, w) for a, w in shown.items() if w is self.pages.editor), None)
        if field is None:
            return None
        address, widget = field
        if typed_text(self.document.brief, address) is None and not isinstance(widget, QPlainTextEdit):
            return None
        start, end = self._span(widget)
        return address, widget, start, end

    @staticmethod
    def _span(widget: QWidget) -> tuple[int, int]:
        """The selection, else the word at the cursor, else nothing (the whole text)."""
        if isinstance(widget, QComboBox):
            widget = widget.lineEdit()
        if isinstance(widget, QPlainTextEdit):
            cursor = widget.textCursor()
            if not cursor.hasSelection():
                cursor.select(QTextCursor.SelectionType.WordUnderCursor)
                if not cursor.selectedText().strip():
                    return 0, 0
            return cursor.selectionStart(), cursor.selectionEnd()
        if isinstance(widget, QLineEdit):
            if widget.hasSelectedText():
                return widget.selectionStart(), widget.selectionStart() + len(widget.selectedText())
            return word_at(widget.text(), widget.cursorPosition())
        return 0, 0

    def _chosen(self, address: Address | None, index: int) -> tuple[Address, int, Note] | None:
        """The note named, else the one whose words the cursor is on, else the one chosen in the panel."""
        if address is None:
            at_cursor = self._note_at_cursor()
            chosen = at_cursor if at_cursor is not None else self.panel.current()
            if chosen is None:
                self._say("Put the cursor on a note's words, or choose a note in the notes panel.")
                return None
            address, index = chosen
        note = find_note(self.document.brief, address, index)
        return (address, index, note) if note is not None else None

    def _note_at_cursor(self) -> tuple[Address, int] | None:
        focus = QApplication.focusWidget()
        if not isinstance(focus, (QLineEdit, QPlainTextEdit)) or not self.pages.isAncestorOf(focus):
            return None
        target = self._target()
        if target is None:
            return None
        address, widget, _start, _end = target
        if isinstance(widget, QPlainTextEdit):
            position = widget.textCursor().position()
        elif isinstance(widget, QLineEdit):
            position = widget.cursorPosition()
        else:
            return None
        brief = self.document.brief
        mine = [note for at, note in iter_notes(brief) if at == address]
        for index, note in enumerate(mine):
            span = locate(brief, address, note)
            if span is not None and span[0] <= position <= span[1]:
                return address, index
        return None

    def _refused(self, done: str) -> bool:
        if self.document.read_only:
            self._say(f"This brief is open read-only: notes cannot be {done}. Save a copy (File \u25b8 Save As…) "
                      "to review it.")
            return True
        return False

    def _say(self, text: str, milliseconds: int = 8000) -> None:
        self.window.statusBar().showMessage(text, milliseconds)

    # -- the fields and their marks --------------------------------------------------------------------
    def _fields(self) -> list[QWidget]:
        """Every text field a note can be on (for the tooltips)."""
        pages = self.pages
        fields: list[QWidget] = [pages.editor, pages.title_edit, pages.footnotes.text]
        fields += [w for name, w in pages.meta_form.widgets.items() if name in META_FIELDS
                   and isinstance(w, (QLineEdit, QPlainTextEdit))]
        return fields

    def _shown_fields(self) -> dict[Address, QWidget]:
        """The text fields of the page shown, by the address of the text each edits."""
        pages, current = self.pages, self.pages.current
        page = pages.currentIndex()
        if page == PAGE_BODY and current.area in ("takeaways", "sections"):
            fields: dict[Address, QWidget] = {current.body: pages.editor}
            if current.is_section:
                fields[current.title] = pages.title_edit
            return fields
        if page == PAGE_META:
            return {Address.cover(name): widget for name, widget in pages.meta_form.widgets.items()
                    if name in META_FIELDS}
        if page == PAGE_FOOTNOTES:
            fid = pages.footnotes.current_id()
            return {Address.footnotes(fid): pages.footnotes.text} if fid else {}
        return {}

    def _field_of(self, address: Address) -> QWidget | None:
        field = self._shown_fields().get(Address.of(address))
        return field.lineEdit() if isinstance(field, QComboBox) else field

    def follow_page(self) -> None:
        """Another page (or another section) is shown: its fields' marks now."""
        self.refresh_marks()

    def refresh(self) -> None:
        """Find every note again: the marks of the page shown, and the panel's rows (when it is shown)."""
        self._pause.stop()
        self._soon.stop()
        self._on = {}
        for address, note in iter_notes(self.document.brief):
            self._on.setdefault(address, []).append(note)
        self.refresh_marks()
        self._panel_stale = True
        if self.dock.isVisible():
            self.refresh_panel()

    def refresh_panel(self) -> None:
        self._panel_stale = False
        self.panel.set_rows(note_rows(self.document.brief))

    def refresh_marks(self, only: Address | None = None) -> None:
        """Show where the notes' words are in the fields of the page shown (``only``: in that field alone)."""
        brief = self.document.brief
        for address, widget in self._shown_fields().items():
            if only is not None and address != only:
                continue
            marks: list[Mark] = []
            for note in self._on.get(address, ()):
                span = locate(brief, address, note)
                if span is not None and span[1] > span[0]:
                    marks.append((span[0], span[1], note_tip(note.author, note.text)))
            if isinstance(widget, LineEdit):
                widget.set_note_marks(marks)
            elif isinstance(widget, QPlainTextEdit):
                notes = getattr(getattr(widget, "highlighter", None), "notes", None)
                if isinstance(notes, NoteMarks):
                    notes.set_marks(marks)

    def _brief_changed(self, change: Change) -> None:
        """Notes changed or sections moved: found again at once; typing: after a pause, or in its field alone."""
        if change.structural or (change.splice is None and change.text is None):
            self._soon.start()  # after the window has shown the change (an undo may show another page)
            return
        if change.text is not None and change.path in self._on:
            self.refresh_marks(change.path)  # a short text: its notes found again as it is typed
        self._pause.start()
