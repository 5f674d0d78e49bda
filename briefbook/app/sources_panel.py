"""The sources the brief was drafted from: title, address and optional local copy, one per row."""

from __future__ import annotations

from PySide6.QtCore import Signal
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

from briefbook.app.fields import saveable
from briefbook.model import Brief

COLUMNS = ("title", "url", "file")


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
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(["Title", "Address (URL)", "Local copy"])
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

    def set_read_only(self, read_only: bool) -> None:
        """A brief opened read-only: the sources can be read and copied, not changed."""
        self._read_only = read_only
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only
                                   else self._edit_triggers)
        self.add.setEnabled(not read_only)
        self.remove.setEnabled(not read_only and self.table.rowCount() > 0)

    def set_brief(self, brief: Brief) -> None:
        self._loading = True
        try:
            self.table.setRowCount(len(brief.sources))
            for index, source in enumerate(brief.sources):
                for column, name in enumerate(COLUMNS):
                    self.table.setItem(index, column, QTableWidgetItem(getattr(source, name)))
        finally:
            self._loading = False
        self.remove.setEnabled(bool(brief.sources) and not self._read_only)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        text = saveable(self, item.text(), "Text typed into the sources")
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
