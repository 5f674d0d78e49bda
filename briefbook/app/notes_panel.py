"""The notes panel: every reviewer's note of the brief, in the order the brief prints, as Word's comments pane.

Each row names the note's place (a section's number and title, a cover field, the key
takeaways, a footnote by its printed number), the words it is on, what it says, who wrote
it and when. A note whose words are no longer in its text says so. The rows are worked
out from the brief by :func:`note_rows` (no Qt) and shown by :class:`NotesPanel`, which
only reports what the reviewer chose: the window goes to the words, edits or deletes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import shiboken6
from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefbook.app.note_dialog import shown_quote
from briefbook.model import Address, Brief, Section, footnote_numbers, iter_notes, section_label
from briefbook.notes import locate

#: The row's (text address, index among the notes on that text).
NOTE_ROLE = Qt.ItemDataRole.UserRole
#: The share of the list's width the place and the words each take.
PLACE_SHARE = 0.22


@dataclass(frozen=True)
class NoteRow:
    """One note as the panel lists it."""

    address: Address
    #: Which of the notes on that text it is (in its owner's order).
    index: int
    place: str
    quote: str
    text: str
    author: str
    date: str
    #: The note's words are no longer in its text.
    gone: bool
    #: Where the words start in the typed text (``-1`` when they are gone).
    start: int


def describe_note_place(brief: Brief, address: Address, numbers: dict[str, int] | None = None) -> str:
    """Where a note is, as the reviewer reads it: ``II. Title``, ``Cover: title``, ``Key takeaways``, ``Footnote 3``."""
    area = address.area
    if area == "meta":
        return f"Cover: {address.field}"
    if area == "takeaways":
        return "Key takeaways"
    if area == "footnotes":
        number = (numbers if numbers is not None else footnote_numbers(brief)).get(str(address.field))
        return f"Footnote {number}" if number else f"Footnote \u201c{address.field}\u201d (not cited)"
    section_address = address.section_address
    section = section_address.resolve(brief) if section_address is not None else None
    if isinstance(section, Section) and section_address is not None:
        label = section_label(section_address.level, section_address.index + 1)
        title = " ".join(section.title.split()) or "(untitled)"
        return f"{label} {title}" + (" \u2014 title" if address.is_title else "")
    return "?"


def _print_key(address: Address, numbers: dict[str, int], order: dict[Address, int]) -> tuple:
    """Cover, key takeaways, the sections in order, then the footnotes by number: as the brief prints."""
    area = address.area
    if area == "meta":
        return (0, 0)
    if area == "takeaways":
        return (1, 0)
    if area == "footnotes":
        return (3, numbers.get(str(address.field), 1 << 30))
    section = address.section_address
    return (2, order.get(section, 0) if section is not None else 0, 0 if address.is_title else 1)


def note_rows(brief: Brief) -> list[NoteRow]:
    """Every note of ``brief`` with its place and whether its words are still there, in print order."""
    numbers = footnote_numbers(brief)
    rows: list[tuple[tuple, NoteRow]] = []
    counts: dict[Address, int] = {}
    order: dict[Address, int] = {}
    for address, note in iter_notes(brief):
        section = address.section_address
        if section is not None and section not in order:
            order[section] = len(order)  # iter_notes goes section by section, depth first: the printed order
        index = counts.get(address, 0)
        counts[address] = index + 1
        span = locate(brief, address, note)
        start = span[0] if span is not None else -1
        row = NoteRow(address, index, describe_note_place(brief, address, numbers), note.quote, note.text,
                      note.author, note.date, span is None, start)
        rows.append(((_print_key(address, numbers, order), start if start >= 0 else 1 << 30), row))
    rows.sort(key=lambda pair: pair[0])
    return [row for _key, row in rows]


def shown_date(date: str) -> str:
    """A note's ISO date as the panel shows it: the local day and time, or the text as written."""
    if not date:
        return ""
    try:
        moment = datetime.fromisoformat(date.replace("Z", "+00:00"))
    except ValueError:
        return date
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d %b %Y %H:%M")


class NotesPanel(QWidget):
    """The list of notes with Edit… and Delete; ``noteChosen(address, index)`` when one is activated."""

    noteChosen = Signal(object, int)
    editRequested = Signal(object, int)
    deleteRequested = Signal(object, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.view = QTreeWidget()
        self.view.setHeaderLabels(["Where", "On", "Note", "By", "When"])
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setAccessibleName("Notes")
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.itemActivated.connect(lambda item, _column: self._emit(self.noteChosen, item))
        self.view.currentItemChanged.connect(lambda *_: self._follow_current())
        header = self.view.header()
        header.setStretchLastSection(False)
        for column, mode in enumerate((header.ResizeMode.Interactive, header.ResizeMode.Interactive,
                                       header.ResizeMode.Stretch, header.ResizeMode.ResizeToContents,
                                       header.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(4, 0, 4, 2)
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.edit_button = QPushButton("&Edit…")
        self.delete_button = QPushButton("&Delete")
        self.edit_button.clicked.connect(lambda: self._emit(self.editRequested, self.view.currentItem()))
        self.delete_button.clicked.connect(lambda: self._emit(self.deleteRequested, self.view.currentItem()))
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        layout.addLayout(buttons)
        self.rows: list[NoteRow] = []
        self._read_only = False
        self.set_rows([])

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(600, self.fontMetrics().height() * 8)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """The place and the words take a share of the width each; the note's text has the rest."""
        super().resizeEvent(event)
        width = self.view.viewport().width()
        for column in (0, 1):
            self.view.header().resizeSection(column, max(90, int(width * PLACE_SHARE)))

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._follow_current()

    def set_rows(self, rows: list[NoteRow]) -> None:
        """Show ``rows``; the note chosen stays chosen when it is still there."""
        if rows == self.rows:
            return  # nothing changed (a pause in typing far from any note): the list stays as it is
        chosen = self.current()
        self.rows = list(rows)
        self.view.blockSignals(True)
        try:
            for taken in self.view.invisibleRootItem().takeChildren():
                shiboken6.delete(taken)  # a taken row is no one's: PySide would keep it for ever
            gone_brush = QBrush(QColor(150, 60, 40))
            for row in rows:
                quote = "(words gone) " + shown_quote(row.quote) if row.gone else shown_quote(row.quote)
                text = " ".join(row.text.split())
                item = QTreeWidgetItem([row.place, quote, text, row.author, shown_date(row.date)])
                item.setData(0, NOTE_ROLE, (tuple(row.address), row.index))
                item.setToolTip(1, ("These words are no longer in the text: the note is on the text as a whole.\n"
                                    if row.gone else "") + (row.quote or "The whole text"))
                item.setToolTip(2, row.text)
                item.setToolTip(4, row.date)
                if row.gone:
                    item.setForeground(1, gone_brush)
                self.view.addTopLevelItem(item)
            if chosen is not None:
                self.select(*chosen)
        finally:
            self.view.blockSignals(False)
        count = len(rows)
        gone = sum(row.gone for row in rows)
        self.summary.setText(("No notes. Select words and choose Review \u25b8 New Note (Ctrl+Alt+M)."
                              if not count else f"{count} note{'' if count == 1 else 's'}")
                             + (f", {gone} whose words are gone" if gone else ""))
        self._follow_current()

    def current(self) -> tuple[Address, int] | None:
        """The (text address, index) of the note chosen, if any."""
        item = self.view.currentItem()
        data = item.data(0, NOTE_ROLE) if item is not None else None
        return (Address(data[0]), int(data[1])) if data else None

    def current_row(self) -> int:
        item = self.view.currentItem()
        return self.view.indexOfTopLevelItem(item) if item is not None else -1

    def select(self, address: Address, index: int) -> bool:
        """Make the note at ``address``/``index`` the chosen row; False when it is not listed."""
        for row, shown in enumerate(self.rows):
            if shown.address == address and shown.index == index:
                self.view.setCurrentItem(self.view.topLevelItem(row))
                return True
        return False

    def _follow_current(self) -> None:
        chosen = self.view.currentItem() is not None
        self.edit_button.setEnabled(chosen and not self._read_only)
        self.delete_button.setEnabled(chosen and not self._read_only)

    def _emit(self, signal, item: QTreeWidgetItem | None) -> None:
        data = item.data(0, NOTE_ROLE) if item is not None else None
        if data:
            signal.emit(Address(data[0]), int(data[1]))

    def _context_menu(self, at: QPoint) -> None:
        item = self.view.itemAt(at)
        if item is None:
            return
        menu = QMenu(self)
        menu.addAction("&Go to Words", lambda: self._emit(self.noteChosen, item))
        menu.addSeparator()
        for text, signal in (("&Edit…", self.editRequested), ("&Delete", self.deleteRequested)):
            action = menu.addAction(text, lambda s=signal: self._emit(s, item))
            action.setEnabled(not self._read_only)
        menu.exec(self.view.viewport().mapToGlobal(at))
        menu.deleteLater()
