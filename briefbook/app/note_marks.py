"""The words reviewers' notes are on, on the preview's yellow in the editor's text fields.

Where a note's words are is found by :func:`briefbook.notes.locate` — once per change of
the notes or after a pause in typing, never per key (see
:class:`~briefbook.app.note_actions.NoteActions`) — and handed to the field as marks:
typed spans with the note's text as their tooltip.

- A several-line field (the body editor, the cover's event, title and disclaimer, a
  footnote's text) shows them through its highlighter: :class:`NoteMarks` keeps the spans
  in step with each edit (a shift, O(number of marks)) until they are found again, and
  adds the background to the formats of the lines they are on. A line without marks costs
  one test of an empty list.
- A one-line field (a section's title, the cover's one-line fields) is a ``QLineEdit``
  with no formats: :func:`paint_marks` lays the yellow over it after its own paint,
  multiplied so the text stays as dark as it was.

:class:`NoteTips` shows the notes' texts as the mouse rests on their words.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRectF
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPalette, QTextCharFormat
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QToolTip, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QSyntaxHighlighter

#: The preview's yellow (:data:`briefbook.render.html.NOTE_BACKGROUND`).
NOTE_YELLOW = QColor("#fbe7a1")
#: The text on the yellow when the theme's own text is light (a dark theme).
ON_YELLOW = QColor("#1a1a1a")

#: One note's words in a field: typed start and end, and the tooltip (the note's text).
Mark = tuple[int, int, str]


def note_tip(author: str, text: str) -> str:
    """A note as its tooltip reads: who wrote it, then what it says."""
    return f"{author}: {text}" if author else text


class NoteMarks:
    """The notes' spans shown by one highlighter, kept sorted and in step with its document's edits."""

    def __init__(self, highlighter: QSyntaxHighlighter) -> None:
        self._highlighter = highlighter
        self.marks: list[Mark] = []
        self._starts: list[int] = []
        self._busy = False
        self._length = highlighter.document().characterCount()
        highlighter.document().contentsChange.connect(self._shift)

    def set_marks(self, marks: list[Mark]) -> None:
        """Show ``marks`` in place of the ones shown: only the lines either touches are highlighted again."""
        marks = sorted(marks)
        if marks == self.marks:
            return
        old, self.marks = self.marks, marks
        self._starts = [start for start, _end, _tip in marks]
        self._rehighlight(old + marks)

    def tip_at(self, position: int) -> str:
        """The texts of the notes whose words are at ``position`` (``""``: none)."""
        return "\n\n".join(tip for start, end, tip in self.marks if start <= position < end)

    def paint(self, text_length: int) -> None:
        """Lay the yellow under the marked words of the block being highlighted (call last in ``highlightBlock``)."""
        if not self.marks:
            return
        highlighter = self._highlighter
        block_start = highlighter.currentBlock().position()
        block_end = block_start + text_length
        dark = _dark_theme(highlighter)
        for start, end, _tip in self.marks[:bisect_left(self._starts, block_end)]:
            first, last = max(start, block_start) - block_start, min(end, block_end) - block_start
            if first < last:
                _add_background(highlighter, first, last, dark)

    def _shift(self, position: int, removed: int, added: int) -> None:
        """An edit moved the text after ``position``: the marks after it move with it until found again."""
        length, self._length = self._length, self._highlighter.document().characterCount()
        if removed == added or not self.marks or self._busy:
            return  # a change of formats only (or nothing to move)
        if position == 0 and removed >= length - 1:
            self.marks, self._starts = [], []  # the whole text replaced (another one loaded): found again by the owner
            return
        delta, edit_end = added - removed, position + removed
        moved: list[Mark] = []
        touched = False
        for start, end, tip in self.marks:
            if end < position:
                moved.append((start, end, tip))
                continue
            touched = True
            new_start = start + delta if start >= edit_end else min(start, position)
            new_end = end + delta if end >= edit_end else max(position + added, new_start)
            if new_end > new_start:
                moved.append((new_start, new_end, tip))
        self.marks = sorted(moved)
        self._starts = [start for start, _end, _tip in self.marks]
        if touched:  # Qt highlighted the edited line before the marks moved: once more, for that line only
            block = self._highlighter.document().findBlock(position)
            self._busy = True
            try:
                self._highlighter.rehighlightBlock(block)
            finally:
                self._busy = False

    def _rehighlight(self, marks: list[Mark]) -> None:
        document = self._highlighter.document()
        numbers: set[int] = set()
        for start, end, _tip in marks:
            first, last = document.findBlock(start), document.findBlock(max(start, end - 1))
            numbers.update(range(first.blockNumber(), last.blockNumber() + 1))
        self._busy = True
        try:
            for number in sorted(numbers):
                block = document.findBlockByNumber(number)
                if block.isValid():
                    self._highlighter.rehighlightBlock(block)
        finally:
            self._busy = False


def _dark_theme(highlighter: QSyntaxHighlighter) -> bool:
    widget = getattr(highlighter, "_widget", None)
    return isinstance(widget, QWidget) and widget.palette().color(QPalette.ColorRole.Text).lightness() > 128


def _add_background(highlighter: QSyntaxHighlighter, first: int, last: int, dark: bool) -> None:
    """The yellow under characters ``first`` to ``last`` of the block, each run keeping its own look."""
    run, look = first, highlighter.format(first)
    for at in range(first + 1, last + 1):
        following = highlighter.format(at) if at < last else None
        if following is not None and following == look:
            continue
        marked = QTextCharFormat(look)
        marked.setBackground(NOTE_YELLOW)
        if dark:
            marked.setForeground(ON_YELLOW)
        highlighter.setFormat(run, at - run, marked)
        if following is not None:
            run, look = at, following


def paint_marks(field: QLineEdit, marks: list[Mark]) -> None:
    """Lay the yellow over the marked words of a one-line field (call after its own paint).

    Characters are placed as the spelling underline places them (the cursor's rectangle
    and the font's advances); the yellow is multiplied into what is drawn, so the text
    on it keeps its colour and a selection stays visible.
    """
    if not marks or field.echoMode() != QLineEdit.EchoMode.Normal:
        return
    text = field.displayText()
    metrics = field.fontMetrics()
    cursor_rect = field.cursorRect()
    origin = cursor_rect.center().x() - metrics.horizontalAdvance(text[:field.cursorPosition()])
    top = cursor_rect.center().y() - metrics.height() / 2
    right = field.width() - field.textMargins().right() - 2
    painter = QPainter(field)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
    for start, end, _tip in marks:
        left = max(origin + metrics.horizontalAdvance(text[:start]), 2)
        stop = min(origin + metrics.horizontalAdvance(text[:end]), right)
        if stop > left:
            painter.fillRect(QRectF(left, top, stop - left, metrics.height()), NOTE_YELLOW)
    painter.end()


class NoteTips(QObject):
    """Shows a note's text as the mouse rests on its words, in any field given to :meth:`watch`."""

    def watch(self, field: QWidget) -> None:
        (field.viewport() if isinstance(field, QPlainTextEdit) else field).installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        field = watched.parent() if not isinstance(watched, QLineEdit) else watched
        tip = ""
        if isinstance(field, QPlainTextEdit):
            marks = getattr(getattr(field, "highlighter", None), "notes", None)
            if isinstance(marks, NoteMarks) and marks.marks:
                tip = marks.tip_at(field.cursorForPosition(event.pos()).position())
        elif isinstance(field, QLineEdit):
            marks_of = getattr(field, "note_marks", [])
            if marks_of:
                position = field.cursorPositionAt(event.pos())
                tip = "\n\n".join(t for start, end, t in marks_of if start <= position < end)
        if not tip:
            return False  # the field's own tooltip, if it has one
        QToolTip.showText(event.globalPos(), tip, watched if isinstance(watched, QWidget) else None)
        return True
