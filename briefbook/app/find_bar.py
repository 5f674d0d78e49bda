"""The find bar (Ctrl+F): every match in the text being edited highlighted, Enter or F3 to the next.

"The text being edited" is the text field with the keyboard focus — the body editor,
a section's title, a cover field, a footnote's text — or, when the focus is elsewhere,
the body editor of the page shown. Matching is the brief-wide find's own
(:mod:`briefbook.search`): on what prints, so ``Rutte`` is found inside ``**Rutte**``
and never inside a link's address. Every match of a multi-line text is painted with
the editor's extra selections (its highlighter, which marks markup and spelling, is
left alone); a one-line field has no extra selections in Qt, so there the current
match is selected and the bar counts the others.

Enter and F3 go to the next match, Shift+Enter and Shift+F3 to the previous one, Esc
closes the bar and gives the focus back to the text. While the bar is open, the
highlights follow the text as it is typed, a moment after the last key.
"""

from __future__ import annotations

import contextlib
from typing import Literal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)

from briefbook.search import Options, Query, QueryError, find_in_body, find_in_text

TextKind = Literal["body", "marked", "plain"]

#: How long after the last key the highlights follow a text being typed (ms).
FOLLOW_MS = 200

#: Match colours: every match, and the current one (Word's and the browsers' yellow and orange).
ALL_MATCHES = QColor("#fff176")
CURRENT_MATCH = QColor("#ffb74d")


def option_button(text: str, tip: str) -> QToolButton:
    """A checkable option (Match case, Whole word, Regular expression) as a small toggle."""
    button = QToolButton()
    button.setText(text)
    button.setCheckable(True)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    return button


class FindBar(QWidget):
    """Find in one text (see the module docstring); the window decides which text (:meth:`open_for`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 8, 3)
        label = QLabel("F&ind:")
        self.query = QLineEdit()
        self.query.setObjectName("findBarQuery")
        self.query.setPlaceholderText("Find in this text")
        self.query.setClearButtonEnabled(True)
        self.query.setMinimumWidth(220)
        self.query.setAccessibleName("Find in this text")
        label.setBuddy(self.query)
        self.count = QLabel()
        self.count.setObjectName("findCount")
        self.count.setMinimumWidth(120)
        self.previous_button = QToolButton()
        self.previous_button.setArrowType(Qt.ArrowType.UpArrow)
        self.previous_button.setToolTip("Previous match (Shift+F3)")
        self.next_button = QToolButton()
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.next_button.setToolTip("Next match (Enter, F3)")
        self.match_case = option_button("Aa", "Match case")
        self.whole_word = option_button("Word", "Whole word")
        self.regular_expression = option_button(".*", "Regular expression")
        close = QToolButton()
        close.setText("\u2715")
        close.setToolTip("Close (Esc)")
        close.setAutoRaise(True)
        for widget in (label, self.query, self.previous_button, self.next_button, self.count, self.match_case,
                       self.whole_word, self.regular_expression):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(close)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        close.clicked.connect(self.close_bar)
        self.query.textChanged.connect(self._query_changed)
        for button in (self.match_case, self.whole_word, self.regular_expression):
            button.toggled.connect(self._query_changed)
        self.query.returnPressed.connect(self._return_pressed)
        self.target: QWidget | None = None
        self.kind: TextKind = "plain"
        self.spans: list[tuple[int, int]] = []
        self.current = -1
        self._follow = QTimer(self, singleShot=True, interval=FOLLOW_MS)
        self._follow.timeout.connect(self.refresh)
        self.hide()

    # -- opening and closing -----------------------------------------------------------------------
    def open_for(self, target: QWidget, kind: TextKind) -> None:
        """Show the bar for ``target`` (a text field or the body editor), the selected words as the query."""
        self._detach()
        self.target = target
        self.kind = kind
        signal = getattr(target, "textChanged", None)
        if signal is not None:
            signal.connect(self._text_changed)
        selected = _selected_text(target)
        if selected and "\n" not in selected and "\u2029" not in selected:
            self.query.blockSignals(True)
            self.query.setText(selected)
            self.query.blockSignals(False)
        self.show()
        self.query.setFocus()
        self.query.selectAll()
        self.refresh(go=False)

    def _text_changed(self, *_text: str) -> None:
        self._follow.start()  # a one-line field's signal carries its text; the editor's nothing

    def close_bar(self) -> None:
        """Hide the bar, clear the highlights and give the focus back to the text."""
        target = self.target
        self._detach()
        self.hide()
        if target is not None:
            target.setFocus()

    def _detach(self) -> None:
        self._follow.stop()
        target = self.target
        if target is not None:
            signal = getattr(target, "textChanged", None)
            if signal is not None:
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(self._text_changed)
            if isinstance(target, QPlainTextEdit):
                target.setExtraSelections([])
        self.target = None
        self.spans, self.current = [], -1

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if event.matches(QKeySequence.StandardKey.FindNext):
            self.step(1)
            return
        if event.matches(QKeySequence.StandardKey.FindPrevious):
            self.step(-1)
            return
        super().keyPressEvent(event)

    def _return_pressed(self) -> None:
        shift = QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier
        self.step(-1 if shift else 1)

    # -- matching ------------------------------------------------------------------------------------
    def options(self) -> Options:
        return Options(self.match_case.isChecked(), self.whole_word.isChecked(), self.regular_expression.isChecked())

    def _query_changed(self) -> None:
        self.refresh(go=True)

    def refresh(self, go: bool = False) -> None:
        """Find the query in the target again and paint every match; ``go`` selects the one at or after the cursor."""
        target = self.target
        if target is None or not self.isVisible():
            return
        self.spans, self.current = [], -1
        text = _text_of(target)
        if self.query.text():
            try:
                matcher = Query(self.query.text(), self.options()).compile()
                self.spans = (find_in_body(text, matcher) if self.kind == "body"
                              else find_in_text(text, matcher, self.kind == "marked"))
            except QueryError as exc:
                self._say(str(exc), error=True)
                self._paint()
                return
        if self.spans:
            cursor_at = _selection_start(target)
            self.current = next((i for i, (start, _) in enumerate(self.spans) if start >= cursor_at), 0)
            if go:
                self._select(self.current)
        self._paint()
        self._tell_count()

    def step(self, direction: int) -> None:
        """Go to the next (``1``) or previous (``-1``) match, round the end of the text."""
        if self.target is None:
            return
        if not self.spans:
            self.refresh()
            if not self.spans:
                return
        if self.current < 0:
            self.current = 0
        else:
            self.current = (self.current + direction) % len(self.spans)
        self._select(self.current)
        self._paint()
        self._tell_count()

    def _select(self, index: int) -> None:
        start, end = self.spans[index]
        target = self.target
        if isinstance(target, QPlainTextEdit):
            cursor = target.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            target.setTextCursor(cursor)
            target.ensureCursorVisible()
        elif isinstance(target, QLineEdit):
            target.setSelection(start, end - start)

    def _paint(self) -> None:
        target = self.target
        if not isinstance(target, QPlainTextEdit):
            return
        target.setExtraSelections(highlights(target.document(), [
            (span, CURRENT_MATCH if index == self.current else ALL_MATCHES) for index, span in enumerate(self.spans)]))

    def _tell_count(self) -> None:
        if not self.query.text():
            self._say("")
        elif not self.spans:
            self._say("No matches", error=True)
        else:
            self._say(f"{self.current + 1} of {len(self.spans)}" if self.current >= 0 else
                      f"{len(self.spans)} match{'es' if len(self.spans) > 1 else ''}")

    def _say(self, text: str, error: bool = False) -> None:
        self.count.setText(text)
        self.count.setToolTip(text)
        self.count.setProperty("error", error)
        self.count.setStyleSheet("color: #c62828;" if error else "")


def _text_of(target: QWidget) -> str:
    if hasattr(target, "body_text"):
        return target.body_text()  # type: ignore[attr-defined]
    if isinstance(target, QPlainTextEdit):
        return target.toPlainText()
    if isinstance(target, QLineEdit):
        return target.text()
    return ""


def _selected_text(target: QWidget) -> str:
    if isinstance(target, QPlainTextEdit):
        return target.textCursor().selectedText()
    if isinstance(target, QLineEdit):
        return target.selectedText()
    return ""


def _selection_start(target: QWidget) -> int:
    if isinstance(target, QPlainTextEdit):
        return target.textCursor().selectionStart()
    if isinstance(target, QLineEdit):
        return target.selectionStart() if target.hasSelectedText() else target.cursorPosition()
    return 0


def highlights(document: QTextDocument, marks: list[tuple[tuple[int, int], QColor]]) -> list[QTextEdit.ExtraSelection]:
    """Each ``((start, end), colour)`` of ``document`` as a selection painted in that colour, in black text."""
    selections = []
    for (start, end), colour in marks:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        look = QTextCharFormat()
        look.setBackground(colour)
        look.setForeground(QColor("#000000"))
        selection.format = look
        selections.append(selection)
    return selections
