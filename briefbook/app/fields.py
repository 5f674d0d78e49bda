"""Text fields whose Ctrl+Z goes to the window's undo stack instead of their own.

Qt's line and text edits keep a private undo history. Briefbook has one history
for the whole brief, so these fields hand Undo and Redo back to the window's
actions; every edit they make is recorded there instead (see ``commands``).

They also turn away characters a brief cannot hold (:func:`saveable`): what an
input method or a paste into a field brings reaches the brief without them, and the
status bar says what was removed.

Given the window's spell check (``set_spell_check``), both underline unknown words as
the body does and offer the same spelling entries in their context menu: a
:class:`TextEdit` through a highlighter, a :class:`LineEdit` by drawing over its own
paint (see :mod:`briefbook.app.spell_underline` for why it stays a ``QLineEdit``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QKeySequence, QPaintEvent, QTextCursor
from PySide6.QtWidgets import QLineEdit, QMainWindow, QMenu, QPlainTextEdit, QWidget

from briefbook.checks import clean_text

if TYPE_CHECKING:
    from briefbook.app.spell_check import SpellCheck
    from briefbook.app.spell_underline import FieldHighlighter

_HANDED_BACK = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


def set_field_read_only(field: QWidget, read_only: bool) -> None:
    """Show a brief opened read-only: the text can be read, selected and copied, never changed.

    A read-only text field keeps a cursor the keyboard moves (Qt's own read-only mode
    leaves only the mouse); widgets without a read-only mode (lists, check boxes) are disabled.
    """
    if isinstance(field, QPlainTextEdit):
        field.setReadOnly(read_only)
        if read_only:
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    elif isinstance(field, QLineEdit):
        field.setReadOnly(read_only)
    else:
        field.setEnabled(not read_only)


def window_undo_in_menu(menu: QMenu, widget: QWidget) -> QMenu:
    """Put the window's Undo and Redo (the brief's history, named after its step) in place of a field's own.

    A field's standard context menu would undo the field's private history, which these
    fields do not keep; the window's actions are those of the Edit menu.
    """
    window = widget.window()
    for name, attribute in (("edit-undo", "undo_action"), ("edit-redo", "redo_action")):
        ours = getattr(window, attribute, None)
        theirs = next((a for a in menu.actions() if a.objectName() == name), None)
        if ours is not None and theirs is not None:
            menu.insertAction(theirs, ours)
            menu.removeAction(theirs)
    return menu


def is_undo_key(event: QKeyEvent) -> bool:
    return any(event.matches(key) for key in _HANDED_BACK)


def tell(widget: QWidget, text: str, milliseconds: int = 10000) -> None:
    """Show ``text`` in the status bar of the window holding ``widget`` (if it has one)."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, milliseconds)


def saveable(widget: QWidget, text: str, what: str = "Typed text") -> str:
    """``text`` without the characters a brief cannot hold; if any were there, the status bar says so."""
    cleaned = clean_text(text)
    if cleaned.changed:
        tell(widget, cleaned.notice(what))
    return cleaned.text


class UndoKeysToWindow(QObject):
    """Event filter for a text widget not made here (the body editor): its Ctrl+Z goes to the window."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and is_undo_key(event):  # type: ignore[arg-type]
            event.ignore()  # not overridden: the window's Undo/Redo shortcut fires
            return True
        return False


class _HandsUndoToWindow:
    """Mixed into the fields below: Undo and Redo keys are left for the window's shortcuts."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and is_undo_key(event):  # type: ignore[arg-type]
            event.ignore()
            return False
        return super().event(event)  # type: ignore[misc]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if is_undo_key(event):
            event.ignore()
            return
        super().keyPressEvent(event)  # type: ignore[misc]


class LineEdit(_HandsUndoToWindow, QLineEdit):
    """A one-line field; ``edited(str)`` fires on user edits only, never on ``set_value``."""

    edited = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.textEdited.connect(self._edited)
        #: The window's spell checker, once the field is given it.
        self.spell: SpellCheck | None = None
        #: The words of reviewers' notes, drawn on yellow: ``(start, end, tooltip)``.
        self.note_marks: list[tuple[int, int, str]] = []

    def set_note_marks(self, marks: list[tuple[int, int, str]]) -> None:
        if marks != self.note_marks:
            self.note_marks = marks
            self.update()

    def set_spell_check(self, spell: SpellCheck) -> None:
        """Underline unknown words; a word learnt or ignored anywhere clears them here at once."""
        self.spell = spell
        spell.changed.connect(self.update)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if self.note_marks:
            from briefbook.app.note_marks import paint_marks

            paint_marks(self, self.note_marks)
        if self.spell is not None and self.echoMode() == QLineEdit.EchoMode.Normal:
            from briefbook.app.spell_underline import paint_underlines

            paint_underlines(self, self.spell.unknown(self.text()))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt's name
        menu = window_undo_in_menu(self.createStandardContextMenu(), self)
        if self.spell is not None:
            from briefbook.app.spell_menu import add_line_spelling_entries

            add_line_spelling_entries(menu, self, self.spell, self.cursorPositionAt(event.pos()))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _edited(self, text: str) -> None:
        clean = saveable(self, text)
        if clean != text:
            position = self.cursorPosition() - (len(text) - len(clean))
            self.setText(clean)
            self.set_cursor(position)
        self.edited.emit(clean)

    def set_value(self, text: str) -> None:
        if self.text() != text:
            self.setText(text)

    # QLineEdit's own cut() and paste() change a read-only field (and report it as typed).
    def cut(self) -> None:
        if self.isReadOnly():
            self.copy()
        else:
            super().cut()

    def paste(self) -> None:
        if not self.isReadOnly():
            super().paste()

    def set_cursor(self, position: int) -> None:
        self.setCursorPosition(max(0, min(position, len(self.text()))))


class TextEdit(_HandsUndoToWindow, QPlainTextEdit):
    """A multi-line plain field (event, title, footnote text) with the same rules as :class:`LineEdit`."""

    edited = Signal(str)
    #: Each line is spell-checked whole (the body's lines have bullet and heading marks).
    spell_plain = True

    def __init__(self, lines: int = 2, parent=None) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._lines = lines
        self._setting = False
        #: The text last shown or reported: Qt reports a highlighter's new underlines as a change too.
        self._shown = ""
        self.textChanged.connect(self._changed)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._fit()
        self.spell: SpellCheck | None = None
        self.highlighter: FieldHighlighter | None = None

    def set_spell_check(self, spell: SpellCheck) -> None:
        """Underline unknown words; a word learnt or ignored anywhere clears them here at once."""
        from briefbook.app.spell_underline import FieldHighlighter

        self.spell = spell
        self.highlighter = FieldHighlighter(self.document(), self)
        self.highlighter.set_spell_check(spell)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt's name
        menu = window_undo_in_menu(self.createStandardContextMenu(event.pos()), self)
        if self.spell is not None:
            from briefbook.app.spell_menu import add_spelling_entries

            add_spelling_entries(menu, self, self.spell, self.cursorForPosition(event.pos()))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _fit(self) -> None:
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        height = metrics.lineSpacing() * self._lines + 2 * self.document().documentMargin()
        self.setFixedHeight(int(height + margins.top() + margins.bottom() + 2))

    def _changed(self) -> None:
        if self._setting:
            return
        text = self.toPlainText()
        if text == self._shown:
            return  # only the look changed (a word underlined)
        clean = saveable(self, text)
        if clean != text:
            position = self.textCursor().position() - (len(text) - len(clean))
            self.set_value(clean)
            self.set_cursor(position)
        self._shown = clean
        self.edited.emit(clean)

    def set_value(self, text: str) -> None:
        self._shown = text
        if self.toPlainText() == text:
            return
        self._setting = True
        try:
            self.setPlainText(text)
        finally:
            self._setting = False

    def set_cursor(self, position: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(max(0, min(position, len(self.toPlainText()))))
        self.setTextCursor(cursor)

    def move_to_end(self) -> None:
        self.moveCursor(QTextCursor.MoveOperation.End)
