"""Showing body text as it will print while keeping every markup character visible.

The highlighter reads each line with the same rules as the model
(:func:`briefbook.model.bodytext.parse_line`) and the same inline parser as the renderers
(:func:`briefbook.markup.scan`), so what looks bold here is bold in Word. Markup
characters stay in the text (the analyst edits them) but are dimmed.

The parser reports where every piece of a line sits, so :func:`inline_spans` only
maps pieces to how they look. Results are cached per line text: rehighlighting a
line the analyst did not touch costs a dictionary look-up, and a key costs one parse
of the line it changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QWidget

from briefbook.app.note_marks import NoteMarks
from briefbook.app.spell_underline import SpellingHighlighter
from briefbook.markup import BREAK, FOOTNOTE, TEXT
from briefbook.model.bodytext import parse_line
from briefbook.spelling import scanned


@dataclass(frozen=True)
class Span:
    """Characters ``start`` to ``end`` of a text and how they print.

    ``role`` is ``"text"`` (printed), ``"markup"`` (not printed) or ``"footnote"`` (a
    ``[^id]`` reference, printed as a number).
    """

    start: int
    end: int
    role: str
    bold: bool = False
    italic: bool = False
    link: bool = False


@lru_cache(maxsize=64)
def inline_spans(text: str) -> tuple[Span, ...]:
    """Where the printed runs, markup characters and footnote references of ``text`` sit."""
    spans: list[Span] = []
    for piece in scanned(text):  # the pieces the spell check reads too
        if piece.kind in (TEXT, BREAK):  # a line separator (Shift+Enter) prints as a line break
            look = ("text", piece.bold, piece.italic, piece.href is not None)
        elif piece.kind == FOOTNOTE:
            look = ("footnote", False, False, False)
        else:
            look = ("markup", False, False, False)
        last = spans[-1] if spans else None
        if last and (last.role, last.bold, last.italic, last.link) == look:
            spans[-1] = Span(last.start, piece.end, *look)
        else:
            spans.append(Span(piece.start, piece.end, *look))
    return tuple(spans)


class BodyHighlighter(SpellingHighlighter):
    """Bold, italic, links, footnote marks, bullets and headings of body text, in palette colours;
    unknown words underlined (see :class:`~briefbook.app.spell_underline.SpellingHighlighter`);
    the words of reviewers' notes on yellow (:class:`~briefbook.app.note_marks.NoteMarks`)."""

    def __init__(self, document: QTextDocument, widget: QWidget) -> None:
        super().__init__(document, widget)
        self._formats: dict[tuple, QTextCharFormat] = {}
        #: The words reviewers' notes are on, on a highlighter's yellow.
        self.notes = NoteMarks(self)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the formats from the widget's palette and font (call on a theme change)."""
        palette = self._widget.palette()
        text, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
        self._dim = QColor(
            (text.red() + base.red()) // 2, (text.green() + base.green()) // 2, (text.blue() + base.blue()) // 2)
        self._link = palette.color(QPalette.ColorRole.Link)
        self._accent = palette.color(QPalette.ColorRole.Accent)
        self._point_size = self._widget.font().pointSizeF()
        self._formats.clear()
        self.forget_formats()
        self.rehighlight()

    def _format(self, role: str, bold: bool = False, italic: bool = False, link: bool = False,
                heading: bool = False) -> QTextCharFormat:
        key = (role, bold, italic, link, heading)
        cached = self._formats.get(key)
        if cached is not None:
            return cached
        fmt = QTextCharFormat()
        if heading:
            fmt.setFontWeight(QFont.Weight.Bold)
            if self._point_size > 0:
                fmt.setFontPointSize(self._point_size * 1.15)
        if role == "markup":
            fmt.setForeground(self._dim)
        elif role == "bullet":
            fmt.setForeground(self._accent)
            fmt.setFontWeight(QFont.Weight.Bold)
        elif role == "footnote":
            fmt.setForeground(self._accent)
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
        else:
            if bold:
                fmt.setFontWeight(QFont.Weight.Bold)
            if italic:
                fmt.setFontItalic(True)
            if link:
                fmt.setForeground(self._link)
                fmt.setFontUnderline(True)
        self._formats[key] = fmt
        return fmt

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        line = parse_line(text)
        if line.kind == "blank":
            self.spell_block("", 0, [])
            return
        heading = line.kind == "heading"
        if line.kind == "bullet":
            self.setFormat(line.indent, line.marker_end - line.indent, self._format("bullet"))
        elif line.text_start > line.indent:
            self.setFormat(line.indent, line.text_start - line.indent, self._format("markup", heading=heading))
        offset = line.text_start
        spans = inline_spans(line.text)
        looks = [self._format(span.role, span.bold, span.italic, span.link, heading) for span in spans]
        for span, fmt in zip(spans, looks, strict=True):
            self.setFormat(offset + span.start, span.end - span.start, fmt)
        if self.spell is not None:
            self.spell_block(line.text, offset, [(span.start, span.end, look)
                                                 for span, look in zip(spans, looks, strict=True)])
        self.notes.paint(len(text))
