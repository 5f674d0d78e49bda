"""The sources the brief was drafted from: title, address, date and stored text, one per row.

The last column says whether the source's stored text is there as it was added
(``missing``, ``changed``, ``unreadable`` otherwise, the reason in its tooltip); the
window's source actions tell it (:meth:`SourcesPanel.set_states`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefbook.app.fields import saveable, tell
from briefbook.model import Brief

COLUMNS = ("title", "url", "date", "file")
#: The column after the editable ones: the state of the stored text.
STATE_COLUMN = len(COLUMNS)


def state_word(reason: str) -> str:
    """One word for why a source's stored text is not as it was added (``reason`` names it whole)."""
    lowered = reason.lower()
    if "missing" in lowered or "not found" in lowered or "no such" in lowered:
        return "missing"
    if "changed" in lowered or "checksum" in lowered or "differs" in lowered:
        return "changed"
    return "unreadable"


class SourcesPanel(QWidget):
    """Edits the sources table; the window records each edit as an undoable change."""

    #: (row, field, new value)
    cellEdited = Signal(int, str, str)
    addRequested = Signal()
    removeRequested = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        heading = QLabel("Sources")
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        self.table = QTableWidget(0, len(COLUMNS) + 1)
        self.table.setHorizontalHeaderLabels(["Title", "Address (URL)", "Date", "Stored text", "State"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAccessibleName("Sources")
        self.table.itemChanged.connect(self._item_changed)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add = add = QPushButton("&Add source")
        add.clicked.connect(self.addRequested)
        self.remove = QPushButton("&Remove source")
        self.remove.clicked.connect(self._remove)
        row.addWidget(add)
        row.addWidget(self.remove)
        row.addStretch(1)
        layout.addLayout(row)
        self._loading = False
        self._read_only = False
        self._edit_triggers = self.table.editTriggers()
        self._states: dict[int, str] = {}
        self._brief_sources: list = []

    def set_read_only(self, read_only: bool) -> None:
        """A brief opened read-only: the sources can be read and copied, not changed."""
        self._read_only = read_only
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only
                                   else self._edit_triggers)
        self.add.setEnabled(not read_only)
        self.remove.setEnabled(not read_only and self.table.rowCount() > 0)

    def set_brief(self, brief: Brief) -> None:
        self._brief_sources = list(brief.sources)
        self._loading = True
        try:
            self.table.setRowCount(len(brief.sources))
            for index, source in enumerate(brief.sources):
                for column, name in enumerate(COLUMNS):
                    self.table.setItem(index, column, QTableWidgetItem(getattr(source, name)))
                self.table.setItem(index, STATE_COLUMN, self._state_item(source.file, self._states.get(index, "")))
        finally:
            self._loading = False
        self.remove.setEnabled(bool(brief.sources) and not self._read_only)

    def set_states(self, states: dict[int, str]) -> None:
        """Each source's problem with its stored text, by row (rows not named: stored as added)."""
        self._states = dict(states)
        self._loading = True
        try:
            for row in range(self.table.rowCount()):
                file_item = self.table.item(row, COLUMNS.index("file"))
                self.table.setItem(row, STATE_COLUMN,
                                   self._state_item(file_item.text() if file_item else "", self._states.get(row, "")))
        finally:
            self._loading = False

    @staticmethod
    def _state_item(file: str, reason: str) -> QTableWidgetItem:
        item = QTableWidgetItem(state_word(reason) if reason else ("stored" if file else "no text"))
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        item.setToolTip(reason or ("The text is kept beside the brief, as it was added." if file else
                                   "No text of this source is kept: add its file to quote from it."))
        return item

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() >= len(COLUMNS):
            return
        if COLUMNS[item.column()] == "date":
            from briefbook.app.source_dialog import date_problem

            problem = date_problem(item.text())
            if problem:
                tell(self, problem)
                self._loading = True
                try:
                    item.setText(self._brief_sources[item.row()].date)
                finally:
                    self._loading = False
                return
        text = saveable(self, item.text(), "Text typed into the sources")
        if COLUMNS[item.column()] == "date":
            text = text.strip()
        if text != item.text():
            self._loading = True
            try:
                item.setText(text)  # what the brief holds, shown as it is
            finally:
                self._loading = False
        self.cellEdited.emit(item.row(), COLUMNS[item.column()], text)

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.removeRequested.emit(row)
