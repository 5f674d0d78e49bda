"""Showing body text as it will print while keeping every markup character visible.

The highlighter reads each line with the same rules as the model
(:func:`briefbook.bodytext.parse_line`) and the same inline parser as the renderers
(:func:`briefbook.markup.parse`), so what looks bold here is bold in Word. Markup
characters stay in the text (the analyst edits them) but are dimmed.

:func:`inline_spans` locates the parser's runs in the source text. markdown-it does
not report source positions for inline tokens, so the runs are aligned with the
text character by character: escapes are taken whole, emphasis delimiters are
expected where the formatting changes and a link's ``](…)`` where it ends, and any
source character a run does not account for is markup. Results are cached per line
text, so rehighlighting a line the analyst did not touch costs a dictionary look-up.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache

from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from PySide6.QtGui import QColor, QFont, QPalette, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QWidget

from briefbook.markup import FootnoteRef, parse
from briefbook.model.bodytext import parse_line

_ESCAPABLE = frozenset(string.punctuation)


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


def _link_tail_end(text: str, pos: int) -> int:
    """End of a link's ``](destination "title")`` starting at ``pos``, or ``pos`` if there is none."""
    if not text.startswith("](", pos):
        return pos
    end, limit = pos + 2, len(text)
    while end < limit and text[end] in " \t":
        end += 1
    destination = parseLinkDestination(text, end, limit)
    if destination.ok:
        end = destination.pos
        while end < limit and text[end] in " \t":
            end += 1
        title = parseLinkTitle(text, end, limit)
        if title.ok:
            end = title.pos
        while end < limit and text[end] in " \t":
            end += 1
    if end < limit and text[end] == ")":
        return end + 1
    close = text.find(")", pos)
    return close + 1 if close >= 0 else pos


@lru_cache(maxsize=8192)
def _prints_as(typed: str, printed: str) -> bool:
    """Whether a typed character is the printed one; a line separator (Shift+Enter) prints as a line break."""
    return typed == printed or (printed == "\n" and typed == "\u2028")


def inline_spans(text: str) -> tuple[Span, ...]:
    """Where the printed runs, markup characters and footnote references of ``text`` sit."""
    spans: list[Span] = []
    pos, limit = 0, len(text)
    state: tuple[bool, bool, str | None] = (False, False, None)

    def add(start: int, end: int, role: str, bold: bool = False, italic: bool = False, link: bool = False) -> None:
        if end <= start:
            return
        last = spans[-1] if spans else None
        if last and last.end == start and (last.role, last.bold, last.italic, last.link) == (role, bold, italic, link):
            spans[-1] = Span(last.start, end, role, bold, italic, link)
        else:
            spans.append(Span(start, end, role, bold, italic, link))

    for item in parse(text):
        if isinstance(item, FootnoteRef):
            end = item.offset + len(item.id) + 3
            if item.offset >= pos and text.startswith(f"[^{item.id}]", item.offset):
                add(pos, item.offset, "markup")
                add(item.offset, end, "footnote")
                pos = end
            continue
        new = (item.bold, item.italic, item.href)
        if new != state:
            # Delimiters expected at this change: ** per bold change, * per italic change,
            # ](…) when a link ends and [ when one starts, in whichever order they were typed.
            budget = 2 * (state[0] != new[0]) + (state[1] != new[1])
            closing = state[2] is not None and state[2] != new[2]
            opening = new[2] is not None and state[2] != new[2]
            while pos < limit:
                ch = text[pos]
                if ch in "*_" and budget:
                    budget -= 1
                    pos += 1
                elif closing and text.startswith("](", pos):
                    end = _link_tail_end(text, pos)
                    add(pos, end, "markup")
                    pos, closing = end, False
                    continue
                elif opening and ch == "[":
                    opening = False
                    pos += 1
                else:
                    break
                add(pos - 1, pos, "markup")
            state = new
        for ch in item.text:
            while pos < limit:
                if text[pos] == "\\" and pos + 1 < limit and text[pos + 1] in _ESCAPABLE:
                    add(pos, pos + 1, "markup")
                    pos += 1
                    if _prints_as(text[pos], ch):
                        add(pos, pos + 1, "text", item.bold, item.italic, item.href is not None)
                        pos += 1
                        break
                    add(pos, pos + 1, "markup")
                    pos += 1
                elif _prints_as(text[pos], ch):
                    add(pos, pos + 1, "text", item.bold, item.italic, item.href is not None)
                    pos += 1
                    break
                else:
                    add(pos, pos + 1, "markup")
                    pos += 1
    add(pos, limit, "markup")
    return tuple(spans)


class BodyHighlighter(QSyntaxHighlighter):
    """Bold, italic, links, footnote marks, bullets and headings of body text, in palette colours."""

    def __init__(self, document: QTextDocument, widget: QWidget) -> None:
        super().__init__(document)
        self._widget = widget
        self._formats: dict[tuple, QTextCharFormat] = {}
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
            return
        heading = line.kind == "heading"
        if line.kind == "bullet":
            self.setFormat(line.indent, line.marker_end - line.indent, self._format("bullet"))
        elif line.text_start > line.indent:
            self.setFormat(line.indent, line.text_start - line.indent, self._format("markup", heading=heading))
        offset = line.text_start
        for span in inline_spans(line.text):
            fmt = self._format(span.role, span.bold, span.italic, span.link, heading)
            self.setFormat(offset + span.start, span.end - span.start, fmt)
