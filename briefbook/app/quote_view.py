"""A passage of a source as the brief quotes it, and the list of the brief's quotations with their class.

:func:`quote_text` is what Quote inserts: the passage between the brief's quotation
marks (“…” in English, « … » with non-breaking spaces in French), its line breaks joined
into spaces, the characters a brief cannot hold taken out (:func:`briefbook.checks.clean_text`)
and the markup characters escaped (:func:`briefbook.markup.escape`), so that the quotation
prints exactly as the source reads — and so the quotation check finds it verified.

:class:`QuotationList` shows every quotation the check found with its class — verified,
altered, not found — the same classes ``briefbook check --quotes`` prints; choosing one
goes to it in the brief and shows its passage in the source.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from briefbook.checks import clean_text
from briefbook.markup import escape

if TYPE_CHECKING:
    from briefbook.quotes import Quotation, Verdict

NBSP = "\u00a0"
#: Each language's quotation marks, opening and closing (English's for any other language).
MARKS = {"en": ("\u201c", "\u201d"), "fr": ("\u00ab" + NBSP, NBSP + "\u00bb")}
#: Marks a passage may be selected with, taken off before the brief's own are put around it.
_OUTER_MARKS = {('"', '"'), ("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("\u201e", "\u201c"), ("'", "'"),
                ("\u2018", "\u2019")}
_BREAKS = re.compile(r"[ \t]*[\n\r\u2028\u2029]+[ \t]*")
_SPACES = re.compile(r"[ \t]{2,}")

#: The colour of each class in the list (readable on the light and the dark palette).
CLASS_COLOURS = {"verified": QColor("#2e7d32"), "altered": QColor("#b26a00"), "not found": QColor("#c62828")}
CLASS_SIGNS = {"verified": "\u2713", "altered": "\u2260", "not found": "\u2717"}


def marks_for(language: str) -> tuple[str, str]:
    """The opening and closing quotation marks of a brief in ``language`` (its ``meta.language``)."""
    return MARKS.get((language or "en").split("-")[0].lower(), MARKS["en"])


def passage_words(passage: str) -> str:
    """The passage on one line: line breaks joined into single spaces, white space at its ends and the
    quotation marks it was selected with taken off, and the characters a brief cannot hold removed."""
    text = clean_text(passage.replace("\u2029", "\n").replace("\u2028", "\n")).text
    text = _SPACES.sub(" ", _BREAKS.sub(" ", text)).strip()
    while len(text) >= 2 and (text[0], text[-1]) in _OUTER_MARKS:
        text = text[1:-1].strip()
    return text


def quote_text(passage: str, language: str) -> str:
    """What Quote inserts for ``passage`` in a brief in ``language`` (see the module docstring);
    ``""`` when the passage has nothing to quote."""
    words = passage_words(passage)
    if not words:
        return ""
    opening, closing = marks_for(language)
    return f"{opening}{escape(words)}{closing}"


def first_words(printed: str, count: int = 9) -> str:
    """A quotation's first words for the list, its marks kept."""
    words = printed[1:-1].split()
    if len(words) <= count:
        return printed
    return f"{printed[0]}{' '.join(words[:count])}\u2026{printed[-1]}"


def difference_html(kind: str, title: str, diff: Sequence[tuple[str, str]], keep: int = 8) -> str:
    """What the analyst reads under the quotations: the verdict, and for an altered quotation the
    source's wording with the words changed struck through and the brief's in their place."""
    from briefbook.quotes.check import shortened  # the terminal's rule; loaded with the check, not at start

    source = f"\u2018{html.escape(title)}\u2019"
    if kind == "verified":
        return f"<b>Verified</b> word for word in {source}."
    if kind != "altered":
        return "<b>Not found</b> in any source kept with the brief."
    parts = []
    for position, (op, words) in enumerate(diff):
        text = html.escape(words)
        if op == "delete":
            parts.append(f'<s style="color:#c62828">{text}</s>')
        elif op == "insert":
            parts.append(f'<b style="color:#2e7d32">{text}</b>')
        elif op == "elided":
            parts.append("[\u2026]")
        else:
            parts.append(html.escape(shortened(words, keep, position > 0, position < len(diff) - 1)))
    return ("<b>Altered</b> \u2014 the source\u2019s words <s style=\"color:#c62828\">struck</s>, the brief\u2019s "
            f"<b style=\"color:#2e7d32\">in green</b>:<br>\u201c{' '.join(parts)}\u201d")


class QuotationList(QTreeWidget):
    """Every quotation of the brief and its class; ``quotationActivated(row)`` when one is chosen."""

    quotationActivated = Signal(int)
    #: The line that sums the list up changed (how many of each class, or why nothing was checked).
    summaryChanged = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("quotations")
        self.setColumnCount(3)
        self.setHeaderLabels(["Class", "Quotation", "Where"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setAccessibleName("Quotations")
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, header.ResizeMode.Stretch)
        header.setSectionResizeMode(2, header.ResizeMode.ResizeToContents)
        self.itemActivated.connect(lambda item, _column: self.quotationActivated.emit(self.indexOfTopLevelItem(item)))
        self.summary = ""
        self._results: list = []
        self.set_results([], lambda _q: "", checked=False)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(320, (self.fontMetrics().height() + 8) * 6)

    def select_row(self, row: int) -> None:
        """Show which quotation the editor went to (``-1``: none of the list's)."""
        item = self.topLevelItem(row) if row >= 0 else None
        self.blockSignals(True)
        try:
            self.setCurrentItem(item) if item is not None else self.clearSelection()
        finally:
            self.blockSignals(False)
        if item is not None:
            self.scrollToItem(item)
            QTimer.singleShot(0, self._scroll_to_current)  # again once a list just shown has its height

    def _scroll_to_current(self) -> None:
        if self.currentItem() is not None:
            self.scrollToItem(self.currentItem())

    def set_results(self, results: Sequence[tuple[Quotation, Verdict]], describe: Callable[[Quotation], str],
                    checked: bool = True) -> None:
        """Show ``results`` (quotation, verdict), each placed by ``describe``; ``checked`` False: the brief has
        no stored source text, so nothing was checked."""
        row = self.indexOfTopLevelItem(self.currentItem()) if self.currentItem() is not None else -1
        chosen = self._results[row][0] if 0 <= row < len(self._results) else None
        self._results = list(results)
        self.blockSignals(True)
        self.clear()
        self.blockSignals(False)
        counts = {"verified": 0, "altered": 0, "not found": 0}
        for quotation, verdict in results:
            counts[verdict.kind] = counts.get(verdict.kind, 0) + 1
            item = QTreeWidgetItem([f"{CLASS_SIGNS.get(verdict.kind, '')} {verdict.kind}",
                                    first_words(quotation.printed), describe(quotation)])
            item.setForeground(0, QBrush(CLASS_COLOURS.get(verdict.kind, QColor("#555555"))))
            tip = quotation.printed
            if verdict.kind != "not found":
                tip += f"\n\nIn \u2018{verdict.title}\u2019: \u201c{verdict.wording}\u201d"
            item.setToolTip(1, tip)
            item.setToolTip(0, {"verified": "Found word for word in the source",
                                "altered": "Found in the source with differences: see the Problems panel",
                                "not found": "Not in any source kept with the brief"}.get(verdict.kind, ""))
            self.addTopLevelItem(item)
        if chosen is not None:  # the quotation chosen stays chosen when the list is drawn again
            self.select_row(next((i for i, (quotation, _) in enumerate(self._results) if quotation == chosen), -1))
        if not checked:
            self.summary = "Quotations are checked once a source's text is kept with the brief."
        elif not results:
            self.summary = "The brief quotes nothing yet."
        else:
            self.summary = " \u00b7 ".join(f"{number} {kind}" for kind, number in counts.items())
        self.summaryChanged.emit(self.summary)
