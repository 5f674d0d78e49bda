"""The list of changes Replace All shows before it makes them: each place, the text before and after.

Nothing is changed until the analyst confirms; the changes are then one undo step.
Matches that cannot be replaced without changing the formatting around them are
listed apart, with the reason, and are left as they are.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTreeView, QVBoxLayout, QWidget

from briefbook.app.find_panel import CONTEXT_ROLE, ContextDelegate
from briefbook.search import Edit, PlaceNames, Plan, Skip


class ChangesModel(QAbstractTableModel):
    """Rows of ``place | before | after``, made as the list draws them."""

    def __init__(self, edits: list[Edit], skipped: list[Skip], names: PlaceNames,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.edits, self.skipped, self.names = edits, skipped, names

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's signature
        return 0 if parent.isValid() else len(self.edits) + len(self.skipped)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's signature
        return 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Place", "Before", "After")[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == CONTEXT_ROLE and row < len(self.edits) and column:
            edit = self.edits[row]
            return edit.before, edit.old if column == 1 else edit.new, edit.after
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if row < len(self.edits):
            edit = self.edits[row]
            return (self.names.name(edit.address), f"{edit.before}[{edit.old}]{edit.after}",
                    f"{edit.before}[{edit.new}]{edit.after}")[column]
        skip = self.skipped[row - len(self.edits)]
        return (self.names.name(skip.address), f"[{skip.matched}]", f"left as it is: {skip.reason}")[column]


class ReplaceAllDialog(QDialog):
    """Every change of a Replace All, to confirm or cancel."""

    def __init__(self, plan: Plan, names: PlaceNames, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Replace All")
        layout = QVBoxLayout(self)
        count = len(plan.edits)
        places = len(plan.changes)
        intro = (f"Replace {count} match{'es' if count != 1 else ''} in {places} text{'s' if places != 1 else ''}? "
                 "Undo takes them all back in one step.")
        if plan.skipped:
            intro += (f" {len(plan.skipped)} match{'es' if len(plan.skipped) != 1 else ''} "
                      "would change the formatting around {0} and will be left as {0} {1}.").format(
                          "them" if len(plan.skipped) != 1 else "it", "are" if len(plan.skipped) != 1 else "is")
        label = QLabel(intro)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.view = QTreeView()
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.model = ChangesModel(plan.edits, plan.skipped, names, self)
        self.view.setModel(self.model)
        for column in (1, 2):  # the match and what it becomes, marked as in the results
            self.view.setItemDelegateForColumn(column, ContextDelegate(self.view))
        header = self.view.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 180)
        header.resizeSection(1, 330)
        header.setStretchLastSection(True)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(f"Replace {count}")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 460)
