"""The problems list: what the checks found, errors apart from warnings, updated as one types.

The window runs the checks a moment after typing stops and hands the result here;
activating a problem (double-click or Enter) asks the window to go to its place.
"""

from __future__ import annotations

import functools

import shiboken6
from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QStyle, QTreeWidget, QTreeWidgetItem

from briefbook.model import Address
from briefbook.problems import Problem

PATH_ROLE = Qt.ItemDataRole.UserRole
#: The row's problem itself.
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1
#: Distinct places (and their widths) remembered between updates, at most.
KEPT_PLACES = 4096
#: Rows a part's problems are made into in one go (some 1.5 ms); the rest of a long part
#: (the quotation warnings of a long brief) follow from the event loop, as many at a time.
ROWS_AT_ONCE = 150


@functools.lru_cache(maxsize=KEPT_PLACES)
def _place(path: tuple) -> str:
    return describe_place(path)


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
        header.setSectionResizeMode(1, header.ResizeMode.Fixed)
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
        # Each part's problems and its rows (errors, warnings), in the order the parts came.
        self._parts: dict[str, list[Problem]] = {}
        self._rows: dict[str, tuple[list[QTreeWidgetItem], list[QTreeWidgetItem]]] = {}
        self._widths: dict[str, int] = {}  # each part's widest place
        self._measured: dict[str, int] = {}
        self._unmade: dict[str, int] = {}  # each part's problems not made into rows yet: from this one on
        self._more = QTimer(self, singleShot=True, interval=0)
        self._more.timeout.connect(self._make_more)
        self.set_problems([])

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Three rows: enough to see there is something to fix without crowding the editor."""
        return QSize(600, max(self.sizeHintForRow(0), self.fontMetrics().height() + 6) * 3 + 6)

    def set_problems(self, problems: list[Problem], part: str = "checks") -> None:
        """Show ``problems`` in place of the part's earlier ones (the other parts' stay).

        Only the part's own rows are made anew, and of a long part only the first
        :data:`ROWS_AT_ONCE` at once: the quotation check of a long brief hands over some 400
        warnings, and the checks' part changes as one types. The counts are whole at once.
        """
        if self._parts.get(part) == problems:
            return  # the same again (a check after typing that changed nothing): nothing to redraw
        self._parts[part] = list(problems)
        self.problems = [problem for kept in self._parts.values() for problem in kept]
        old = self._rows.get(part, ([], []))
        self._rows[part] = ([], [])
        self._widths[part] = 0
        self._unmade[part] = 0
        self._make(part, ROWS_AT_ONCE)
        for which, group in enumerate((self._errors, self._warnings)):
            group.takeChildren()  # all parts' rows out, and back in one insertion each: no row at a time
            group.addChildren([row for kept in self._rows.values() for row in kept[which]])
            group.setExpanded(True)
            for taken in old[which]:
                shiboken6.delete(taken)  # a taken row is no one's: PySide would keep it for ever
        self._show_counts()

    def _make(self, part: str, count: int | None) -> tuple[list[QTreeWidgetItem], list[QTreeWidgetItem]]:
        """Make rows of ``count`` (None: all) of the part's problems still without one; the new rows."""
        problems, start = self._parts[part], self._unmade[part]
        end = len(problems) if count is None else min(len(problems), start + count)
        errors: list[QTreeWidgetItem] = []
        warnings: list[QTreeWidgetItem] = []
        places = set()
        for problem in problems[start:end]:
            place = _place(tuple(problem.path))
            places.add(place)
            row = QTreeWidgetItem([problem.message, place])
            row.setData(0, PATH_ROLE, tuple(problem.path))
            row.setData(0, PROBLEM_ROLE, problem)
            row.setToolTip(0, problem.message)
            (errors if problem.is_error else warnings).append(row)
        made = self._rows[part]
        made[0].extend(errors)
        made[1].extend(warnings)
        self._widths[part] = max((self._width(place) for place in places), default=self._widths[part])
        margin = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1)
        self.header().resizeSection(1, max(self._widths.values()) + margin + self.indentation() // 4)
        if end < len(problems):
            self._unmade[part] = end
            self._more.start()
        else:
            del self._unmade[part]
        return errors, warnings

    def _make_more(self) -> None:
        """The next rows of a long part, inserted after those it has."""
        if not self._unmade:
            return
        part = next(iter(self._unmade))
        errors, warnings = self._make(part, ROWS_AT_ONCE)
        for which, (group, rows) in enumerate(((self._errors, errors), (self._warnings, warnings))):
            if rows:
                before = 0
                for name, kept in self._rows.items():
                    before += len(kept[which])
                    if name == part:
                        break
                group.insertChildren(before - len(rows), rows)

    def finish(self) -> None:
        """Make every row still to be made now (a row asked for; tests)."""
        while self._unmade:
            self._make_more()
        self._more.stop()

    def _show_counts(self) -> None:
        errors = sum(1 for problem in self.problems if problem.is_error)
        warnings = len(self.problems) - errors
        self._errors.setText(0, f"Errors ({errors})")
        self._warnings.setText(0, f"Warnings ({warnings})")
        self.countsChanged.emit(errors, warnings)

    def _width(self, place: str) -> int:
        """The place's width in the second column, which is sized here over the distinct places
        of a part changed, where Qt's resizing to contents would measure every row after every change."""
        width = self._measured.get(place)
        if width is None:
            if len(self._measured) > KEPT_PLACES:
                self._measured.clear()
            width = self._measured[place] = self.fontMetrics().horizontalAdvance(place)
        return width

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FontChange:
            self._measured.clear()
        super().changeEvent(event)

    def error_count(self) -> int:
        return sum(1 for problem in self.problems if problem.is_error)

    def warning_count(self) -> int:
        return len(self.problems) - self.error_count()

    def item_for(self, index: int) -> QTreeWidgetItem | None:
        """The row of ``problems[index]``, for keyboard-driven tests and navigation."""
        if not 0 <= index < len(self.problems):
            return None
        self.finish()
        for part, kept in self._parts.items():
            if index < len(kept):
                problem = kept[index]
                errors, warnings = self._rows[part]
                rows = errors if problem.is_error else warnings
                position = sum(1 for earlier in kept[:index] if earlier.is_error == problem.is_error)
                return rows[position]
            index -= len(kept)
        return None

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        path, problem = item.data(0, PATH_ROLE), item.data(0, PROBLEM_ROLE)
        if path is not None:
            self.problemActivated.emit(tuple(path))
        if isinstance(problem, Problem):
            self.problemChosen.emit(problem)
