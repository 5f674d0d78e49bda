"""Word's wavy red underline under unknown words, in every text field, without delaying a keystroke.

:class:`SpellingHighlighter` is the base of the body's highlighter and of
:class:`FieldHighlighter` (the cover's, a title's or a footnote's several-line fields).
A block is spell-checked as it is highlighted while the event-loop turn that highlights it
has spent less than :data:`TURN_BUDGET` (a keystroke highlights one block: always
checked at once). A long text loaded or highlighted again all at once (a section opened,
the dictionary ready, a word learnt) gets its first blocks checked in that turn and the
rest in background turns of at most :data:`TURN_BUDGET` each, the blocks on screen first.
A block's state (Qt's ``userState``) says whether it still waits: a checked block holds
the current generation, and what makes every block wait (a word learnt) is a new
generation. Qt highlights the next block again when a block's state changes, so one
block checked in a background turn carries the check down the text until the turn's
time is up.

One-line fields stay ``QLineEdit``s (their Enter, ``editingFinished``, completer and
undo behaviour is what the rest of the window relies on); :func:`paint_underlines`
draws the same underline over one after its own paint, placed from the cursor's own
geometry so horizontal scrolling and margins are Qt's.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPen,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

if TYPE_CHECKING:
    from briefbook.app.spell_check import SpellCheck
    from briefbook.spelling import Word

#: Seconds of spell checking one event-loop turn may spend (see the module docstring).
TURN_BUDGET = 0.002
#: The underline's colour (Word's).
MISSPELT = QColor(210, 40, 40)
#: The share of a background turn spent highlighting; Qt lays out the lines highlighted in the rest.
HIGHLIGHT_SHARE = 0.5


class SpellingHighlighter(QSyntaxHighlighter):
    """A highlighter that underlines unknown words, checking long texts in the background."""

    #: No block waits for its underlines any more (after background turns).
    spellingDone = Signal()

    def __init__(self, document: QTextDocument, widget: QWidget) -> None:
        super().__init__(document)
        self._widget = widget
        self._misspelt_formats: dict[int, QTextCharFormat] = {}
        #: Underlines unknown words when set (:class:`briefbook.app.spell_check.SpellCheck`).
        self.spell: SpellCheck | None = None
        self._in_turn = self._in_background = self._noted = False
        #: The view whose blocks were all checked in the last turn (see :meth:`_view`).
        self._seen_view: tuple[int, int] | None = None
        #: The first block left waiting since the last background turn began, if any.
        self._restart: int | None = None
        #: The state of a checked block; a block with another state waits (Qt's new blocks have -1).
        self._generation = 1
        #: Blocks changed but not checked again in their turn (see :meth:`spell_block`).
        self._stale: list[int] = []
        self._deadline = 0.0
        #: Where the next background turn goes on looking for waiting blocks (blocks are kept by
        #: number, never as ``QTextBlock``: one whose line was deleted points at freed memory).
        self._resume = 0
        document.contentsChange.connect(self._text_changed)
        self._turns = QTimer(self)
        self._turns.setSingleShot(True)
        self._turns.setInterval(0)  # keys and paints are handled between turns, which are short
        self._turns.timeout.connect(self._background_turn)

    def set_spell_check(self, spell: SpellCheck) -> None:
        """Underline with ``spell``; what it learns or ignores clears underlines here at once."""
        self.spell = spell
        spell.changed.connect(self.check_again)
        self.check_again()

    def check_again(self) -> None:
        """What is known changed: every block waits to be checked again, those on screen at once.

        A text of thousands of lines is drawn again in background turns, not in one pause;
        marking every block waiting is one number (the blocks checked before hold the one before).
        """
        self._generation += 1
        self._restart = 0
        self._background_turn()

    def _waiting(self, block: QTextBlock) -> bool:
        return block.userState() != self._generation

    # -- when a block is checked -----------------------------------------------------------------
    def spell_block(self, text: str, offset: int, looks: list[tuple[int, int, QTextCharFormat]]) -> None:
        """Underline the unknown words of ``text`` (at ``offset`` in the block) now, or leave it waiting.

        ``looks`` are the block's formats by stretch (start and end in ``text``), so that an
        underlined word keeps its bold, italic or link look.
        """
        if self.spell is None:
            return
        if not text:
            self.setCurrentBlockState(self._generation)
            return
        if not self._may_check():
            # Its state is left as it was, so that Qt stops carrying the highlight down the text;
            # a block that was checked (its text changed since) is marked waiting in the next turn.
            number = self.currentBlock().blockNumber()
            if self.currentBlockState() == self._generation:
                self._stale.append(number)
            if not self._noted:  # the first block left waiting in a pass is the first of them
                self._noted = not self._in_background
                if self._restart is None or number < self._restart:
                    self._restart = number
            if not self._turns.isActive():
                self._turns.start(0)
            return
        self.setCurrentBlockState(self._generation)
        unknown = self.spell.unknown(text)
        if unknown:
            self._underline(unknown, offset, looks)

    def _may_check(self) -> bool:
        if not self._in_turn:
            self._in_turn, self._noted = True, False
            self._deadline = time.perf_counter() + TURN_BUDGET
            QTimer.singleShot(0, self._end_turn)
        return time.perf_counter() < self._deadline

    def _end_turn(self) -> None:
        self._in_turn = False

    def _background_turn(self) -> None:
        """Check waiting blocks for about :data:`TURN_BUDGET`: those on screen, then the rest in order."""
        self._in_turn = self._in_background = True
        self._noted = False
        # the highlighting gets part of the turn: Qt lays the lines out again after it
        self._deadline = time.perf_counter() + TURN_BUDGET * HIGHLIGHT_SHARE
        try:
            document = self.document()
            for number in self._stale:
                document.findBlockByNumber(number).setUserState(-1)  # (a number past the end: no block)
            self._stale.clear()
            view = self._view()
            if self._restart is not None or view != self._seen_view:  # on screen, something may wait
                self._seen_view = view
                for shown in self._visible_blocks():
                    if time.perf_counter() >= self._deadline:
                        self._seen_view = None  # not all seen: look again next turn
                        break
                    if self._waiting(shown):
                        self.rehighlightBlock(shown)  # carries on down the text while there is time
            restart, self._restart = self._restart, None
            if restart is not None:
                self._resume = min(self._resume, restart)
            block = document.findBlockByNumber(self._resume)
            layout = self.document().documentLayout()
            # Off screen: Qt's text layout would have the whole viewport painted again for each
            # block highlighted anywhere (a paint longer than the turn); a block off screen is laid
            # out afresh when it is scrolled to, so nothing is lost by not telling the viewport.
            quiet = layout.signalsBlocked()
            layout.blockSignals(isinstance(self._widget, QPlainTextEdit))
            try:
                while block.isValid() and time.perf_counter() < self._deadline:
                    if self._waiting(block):
                        self.rehighlightBlock(block)
                    block = block.next()
            finally:
                layout.blockSignals(quiet)
            self._resume = block.blockNumber() if block.isValid() else document.blockCount()
        finally:
            self._in_turn = self._in_background = False
        if block.isValid() or self._restart is not None:
            self._turns.start(0)
        else:
            self.spellingDone.emit()

    def _text_changed(self, position: int, removed: int, added: int) -> None:
        """Lines were added or removed: blocks are found again from there (they are kept by number)."""
        if removed != added and not self._in_background:
            self._resume = min(self._resume, self.document().findBlock(position).blockNumber())

    def _view(self) -> tuple[int, int] | None:
        """Where the widget is scrolled to, and how tall its viewport is."""
        widget = self._widget
        if not isinstance(widget, QPlainTextEdit):
            return None
        return widget.verticalScrollBar().value(), widget.viewport().height()

    def _visible_blocks(self):
        widget = self._widget
        if not isinstance(widget, QPlainTextEdit):
            return
        block, offset, bottom = widget.firstVisibleBlock(), widget.contentOffset(), widget.viewport().height()
        while block.isValid() and widget.blockBoundingGeometry(block).translated(offset).top() < bottom:
            yield block
            block = block.next()

    def remaining(self) -> int:
        """How many blocks still wait for their underlines."""
        count, block = 0, self.document().begin()
        while block.isValid():
            count += self._waiting(block)
            block = block.next()
        return count

    # -- drawing -----------------------------------------------------------------------------------
    def _underline(self, unknown: list[Word], offset: int, looks: list[tuple[int, int, QTextCharFormat]]) -> None:
        """Underline each unknown word: one range per stretch of the word that looks the same."""
        index, count = 0, len(looks)
        for word in unknown:
            while index < count and looks[index][1] <= word.start:
                index += 1
            at = index
            while at < count and looks[at][0] < word.end:
                start, end, look = looks[at]
                start, end = max(start, word.start), min(end, word.end)
                if start < end:
                    self.setFormat(offset + start, end - start, self._misspelt(look))
                at += 1

    def _misspelt(self, look: QTextCharFormat) -> QTextCharFormat:
        """``look`` with Word's wavy red underline, made once per look."""
        cached = self._misspelt_formats.get(id(look))
        if cached is None:
            cached = QTextCharFormat(look)
            cached.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
            cached.setUnderlineColor(MISSPELT)
            self._misspelt_formats[id(look)] = cached
        return cached

    def forget_formats(self) -> None:
        """The looks were made again (a theme change): their underlined copies are too."""
        self._misspelt_formats.clear()


class FieldHighlighter(SpellingHighlighter):
    """Underlines the unknown words of a plain text field (cover, title, footnote): nothing else."""

    def __init__(self, document: QTextDocument, widget: QWidget) -> None:
        super().__init__(document, widget)
        self._plain = QTextCharFormat()
        from briefbook.app.note_marks import NoteMarks

        #: The words reviewers' notes are on, on a highlighter's yellow.
        self.notes = NoteMarks(self)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self.spell_block(text, 0, [(0, len(text), self._plain)])
        self.notes.paint(len(text))


def paint_underlines(field: QLineEdit, words: list[Word]) -> None:
    """Draw the wavy underline under ``words`` of a one-line field (call after its own paint).

    Where each character sits is found from the cursor's rectangle (which Qt places after
    scrolling and margins) and the font's advances, so nothing of ``QLineEdit``'s inner
    layout is redone here.
    """
    if not words:
        return
    text = field.displayText()
    metrics = field.fontMetrics()
    cursor = field.cursorPosition()
    origin = field.cursorRect().center().x() - metrics.horizontalAdvance(text[:cursor])
    baseline = field.cursorRect().center().y() + metrics.ascent() / 2 + metrics.descent() / 2 + 1
    baseline = min(baseline, field.height() - 3)
    painter = QPainter(field)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(MISSPELT, 1))
    right = field.width() - field.textMargins().right()
    for word in words:
        left = origin + metrics.horizontalAdvance(text[:word.start])
        end = origin + metrics.horizontalAdvance(text[:word.end])
        left, end = max(left, 2), min(end, right - 2)
        if end > left:
            painter.drawPath(_wave(left, end, baseline))
    painter.end()


def _wave(left: float, right: float, y: float, height: float = 1.5, period: float = 4.0) -> QPainterPath:
    """A wave from ``left`` to ``right`` about ``y``, as Qt draws a spelling underline."""
    path = QPainterPath(QPointF(left, y))
    steps = max(2, int((right - left) / (period / 4)))
    for step in range(1, steps + 1):
        x = left + (right - left) * step / steps
        path.lineTo(QPointF(x, y + height * math.sin((x - left) * 2 * math.pi / period)))
    return path
