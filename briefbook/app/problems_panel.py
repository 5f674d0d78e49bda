"""The problems list: what the checks found, errors apart from warnings, updated as one types.

The window runs the checks a moment after typing stops and hands the result here;
activating a problem (double-click or Enter) asks the window to go to its place.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QStyle, QTreeWidget, QTreeWidgetItem

from briefbook.model import Address
from briefbook.problems import Problem

PATH_ROLE = Qt.ItemDataRole.UserRole
#: The row's position in :attr:`ProblemsPanel.problems`.
INDEX_ROLE = Qt.ItemDataRole.UserRole + 1


def describe_place(path: tuple) -> str:
    """A short human description of a model address, for the problem's second column."""
    address = Address.of(path)
    if not address:
        return "file"
    area = address.area
    if area == "budget":
        return "brief"
    if area == "meta":
        return "cover" + (f" \u203a {address.field}" if address.field else "")
    if area == "takeaways":
        return "key takeaways"
    if area == "footnotes":
        return f"footnote {address.field}" if address.field else "footnotes"
    if area == "sources":
        return f"source {address[1] + 1}" if len(address) > 1 and isinstance(address[1], int) else "sources"
    if address.in_section:
        return "section " + ".".join(str(index + 1) for index in address.section_indexes)
    return "body"


class ProblemsPanel(QTreeWidget):
    """Two groups, Errors and Warnings; ``problemActivated(path)`` and ``problemChosen(problem)`` when one is chosen.

    The problems come in parts, each set by its owner (the window's checks, the sources and
    their quotations), so that one part is brought up to date without the others.
    """

    problemActivated = Signal(tuple)
    problemChosen = Signal(object)
    countsChanged = Signal(int, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(["Problem", "Where"])
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setAccessibleName("Problems")
        self.setHeaderHidden(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)
        style = self.style()
        self._errors = QTreeWidgetItem(["Errors"])
        self._errors.setIcon(0, style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical))
        self._warnings = QTreeWidgetItem(["Warnings"])
        self._warnings.setIcon(0, style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
        for group in (self._errors, self._warnings):
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addTopLevelItem(group)
        self.itemActivated.connect(self._activated)
        self.problems: list[Problem] = []
        self._parts: dict[str, list[Problem]] = {}
        self.set_problems([])

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Three rows: enough to see there is something to fix without crowding the editor."""
        return QSize(600, max(self.sizeHintForRow(0), self.fontMetrics().height() + 6) * 3 + 6)

    def set_problems(self, problems: list[Problem], part: str = "checks") -> None:
        """Show ``problems`` in place of the part's earlier ones (the other parts' stay)."""
        if self._parts.get(part) == problems:
            return  # the same again (a check after typing that changed nothing): nothing to redraw
        self._parts[part] = list(problems)
        self.problems = [problem for kept in self._parts.values() for problem in kept]
        for group, errors in ((self._errors, True), (self._warnings, False)):
            for taken in group.takeChildren():
                shiboken6.delete(taken)  # a taken row is no one's: PySide would keep it for ever
            chosen = [(i, p) for i, p in enumerate(self.problems) if p.is_error == errors]
            for index, problem in chosen:
                child = QTreeWidgetItem([problem.message, describe_place(problem.path)])
                child.setData(0, PATH_ROLE, tuple(problem.path))
                child.setData(0, INDEX_ROLE, index)
                child.setToolTip(0, problem.message)
                group.addChild(child)
            group.setText(0, f"{'Errors' if errors else 'Warnings'} ({len(chosen)})")
            group.setExpanded(True)
        self.countsChanged.emit(self.error_count(), self.warning_count())

    def error_count(self) -> int:
        return self._errors.childCount()

    def warning_count(self) -> int:
        return self._warnings.childCount()

    def item_for(self, index: int) -> QTreeWidgetItem | None:
        """The index-th problem row (errors first), for keyboard-driven tests and navigation."""
        rows = [g.child(i) for g in (self._errors, self._warnings) for i in range(g.childCount())]
        return rows[index] if 0 <= index < len(rows) else None

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        path, index = item.data(0, PATH_ROLE), item.data(0, INDEX_ROLE)
        if path is not None:
            self.problemActivated.emit(tuple(path))
        if isinstance(index, int) and 0 <= index < len(self.problems):
            self.problemChosen.emit(self.problems[index])
