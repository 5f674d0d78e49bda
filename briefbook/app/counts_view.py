"""The window's counts: words and pages in the status bar and, on request, in the outline.

The counting is :mod:`briefbook.counts`'s (one :class:`~briefbook.counts.BriefCounts`
per window, which the checks share for the budget warnings); this module only says
when to count and where to show it. A keystroke costs nothing here but telling the
counts which section changed and restarting a timer: the status bar and the outline
follow 300 ms after the last change, when the section typed in is counted again and
the rest is known. A brief opened or restructured is counted a few milliseconds at a
time between events, so a long brief does not freeze the window while it is counted.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QStatusBar

from briefbook.counts import BriefCounts, Count, page_share
from briefbook.document import Change, Document
from briefbook.model import Address, Budget, Section, section_label

#: The counts follow this long after the last change.
COUNT_DELAY_MS = 300
#: The longest turn of the first count of a brief, in seconds.
CHUNK_SECONDS = 0.002
#: Milliseconds between looks at whether the work counting waits for is done.
WAIT_MS = 30
#: Where the choice to show counts in the outline is remembered (see :class:`~briefbook.app.session.Session`).
OUTLINE_FLAG = "outline_counts"

TAKEAWAYS = Address.takeaways()


def _words(number: int) -> str:
    return f"{number:,} word{'' if number == 1 else 's'}"


def over_budget(budget: Budget, words: int, pages: float) -> bool:
    return (budget.words is not None and words > budget.words) or (budget.pages is not None and pages > budget.pages)


def _warning_colour() -> QColor:
    """The warning colour of the theme (:mod:`briefbook.app.theme`), light or dark."""
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    return QColor("#f0b44c") if window.lightness() < 128 else QColor("#9a5b00")


class CountsView(QObject):
    """Shows the counts of the current section and of the brief, and on request each section's in the outline."""

    def __init__(self, document: Document, outline, status_bar: QStatusBar, current: Callable[[], Address],
                 session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.outline = outline
        self.session = session
        self._current = current
        self.counts = BriefCounts()
        self.label = QLabel()
        self.label.setObjectName("counts")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAccessibleName("Word count")
        status_bar.insertPermanentWidget(0, self.label)
        self.outline_counts = bool(session.flag(OUTLINE_FLAG, False))
        #: Outline entries whose counts changed since they were last shown; ``None``: all of them.
        self._dirty: set[Address] | None = None
        self._timer = QTimer(self, singleShot=True, interval=COUNT_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._chunks = QTimer(self, singleShot=True, interval=0)
        self._chunks.timeout.connect(self._count_some)
        #: Whether more urgent work is under way, which counting waits for (the window sets it).
        self.wait_for: Callable[[], bool] = lambda: False
        # connected before the window's own handlers, so the checks that follow count the brief as it is now
        document.changed.connect(self._changed)
        document.replaced.connect(self._replaced)
        outline.currentItemChanged.connect(lambda *_: QTimer.singleShot(0, self, self._show_status))

    # -- following the document ------------------------------------------------------------------
    def _changed(self, change: Change) -> None:
        brief = self.document.brief
        if change.structural:
            self.counts.forget()
            self._dirty = None
            self._chunks.start()
            return
        self.counts.forget(brief, change.path)
        if self._dirty is not None:
            self._dirty.add(Address.of(change.where))
        self._timer.start()

    def _replaced(self, _select: object) -> None:
        self.counts.forget()
        self._dirty = None
        self._chunks.start()

    def _count_some(self) -> None:
        """Count a few sections; once the brief is counted, show it."""
        if self.wait_for():  # a long preview being drawn goes first: the status bar's counts come after it
            self._chunks.start(WAIT_MS)
            return
        self._chunks.setInterval(0)
        if self.counts.advance(self.document.brief, CHUNK_SECONDS):
            self.refresh()
        else:
            self._show_status()
            self._chunks.start()

    # -- showing ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Bring the status bar and the outline up to date (the counts are asked only for what changed)."""
        if not self.counts.complete and not self.counts.advance(self.document.brief, CHUNK_SECONDS):
            self._chunks.start()
            self._show_status()
            return
        self._show_status()
        if self.outline_counts:
            self._show_in_outline()
        self._dirty = set()

    def status_parts(self) -> list[tuple[str, bool]]:
        """What the status bar says, piece by piece, each with whether it is over its budget:
        the current section's (or the key takeaways') words, then the brief's words and pages."""
        brief = self.document.brief
        where = Address.of(self._current() or ())
        parts: list[tuple[str, bool]] = []
        if where == TAKEAWAYS:
            parts.append((f"Key takeaways: {_words(self.counts.takeaways(brief).words)}", False))
        elif where.is_section and isinstance(section := where.resolve(brief), Section):
            count = self.counts.section(brief, where)
            label = section_label(where.level, where.index + 1).rstrip(".")
            note = self._budget_note(section.budget, count.words, page_share(self.counts.metrics, count))
            parts.append((f"Section {label}: {_words(count.words)}{note}", bool(note)))
        if self.counts.complete:
            totals = self.counts.totals(brief)
            pages = f"about {totals.pages} page{'' if totals.pages == 1 else 's'}"
            note = self._budget_note(brief.budget, totals.body.words, totals.pages)
            parts.append((f"Brief: {_words(totals.body.words)}, {pages}{note}", bool(note)))
        else:
            parts.append(("Brief: counting\u2026", False))
        return parts

    def status_text(self) -> str:
        return "  \u00b7  ".join(text for text, _ in self.status_parts())

    @staticmethod
    def _budget_note(budget: Budget, words: int, pages: float) -> str:
        """`` (budget 500)`` when over the budget, else ""."""
        if budget.words is not None and words > budget.words:
            return f" (budget {budget.words:,})"
        if budget.pages is not None and pages > budget.pages:
            return f" (budget {budget.pages} page{'' if budget.pages == 1 else 's'})"
        return ""

    def _show_status(self) -> None:
        colour = _warning_colour().name()
        pieces = [f'<span style="color:{colour}">{escape(text)}</span>' if over else escape(text)
                  for text, over in self.status_parts()]
        self.label.setText(" &nbsp;\u00b7&nbsp; ".join(pieces))
        self.label.setToolTip("Words of the body text: paragraphs and bullets, without headings, footnote marks "
                              "or footnotes. Pages are estimated from the Word template.")

    # -- the outline -----------------------------------------------------------------------------
    def set_outline_counts(self, shown: bool) -> None:
        """View ▸ Show Word Counts in Outline; remembered for the next session."""
        self.outline_counts = bool(shown)
        self.session.save_flag(OUTLINE_FLAG, self.outline_counts)
        self.outline.show_counts_column(self.outline_counts)
        if self.outline_counts:
            self._dirty = None
            self.refresh()

    def _show_in_outline(self) -> None:
        brief = self.document.brief
        if self._dirty is None or not self.outline.has_counts():  # everything, in one pass over the sections
            self.outline.show_counts_column(True)
            self._set_item(TAKEAWAYS, self.counts.takeaways(brief), Budget())
            for row in self.counts.sections(brief):
                self._set_item(row.address, row.count, row.entry.section.budget)
            self.outline.fit_counts()
            return
        for where in self._dirty:
            if where == TAKEAWAYS:
                self._set_item(TAKEAWAYS, self.counts.takeaways(brief), Budget())
            elif where.is_section:
                address = where
                while address:  # the section and those it is part of
                    section = address.resolve(brief)
                    if isinstance(section, Section):
                        self._set_item(address, self.counts.section(brief, address), section.budget)
                    address = address.parent_section
        self.outline.fit_counts()

    def _set_item(self, address: Address, count: Count, budget: Budget) -> None:
        pages = page_share(self.counts.metrics, count)
        over = over_budget(budget, count.words, pages)
        text = f"{count.words:,}"
        tip = f"{_words(count.words)}, about {pages:.1f} pages"
        if budget.words is not None:
            text += f" / {budget.words:,}"
        if budget:
            limits = [f"{budget.words:,} words" if budget.words is not None else "",
                      f"{budget.pages} pages" if budget.pages is not None else ""]
            tip += f"; budget {' and '.join(p for p in limits if p)}" + (" \u2014 over budget" if over else "")
        colour = QBrush(_warning_colour()) if over else QBrush()
        self.outline.set_count(address, text, tip, colour, over)


__all__ = ["COUNT_DELAY_MS", "OUTLINE_FLAG", "CountsView", "over_budget"]
