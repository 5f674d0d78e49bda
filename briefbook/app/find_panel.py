"""Find in Brief (Ctrl+Shift+F) and Replace (Ctrl+H): a panel that lists every match in the brief.

The panel holds the query, the replacement, Word's three options and the results:
each match's place ("II.A Support for Ukraine", "Footnote 3", "Cover: event") and the
printed text around it with the match marked. Choosing a result shows it in the editor;
the window does that (:class:`briefbook.app.find_actions.FindActions`), as it does
Replace and Replace All, which change the brief through the document.

Searching runs in turns of about 2 ms on the UI thread (:class:`SearchJob`): the brief's
printed texts are gathered into an :class:`~briefbook.search.find.Index` a few at a
time, then searched a part at a time, so a search of a 600-page brief never holds up a
keystroke. The results are a model over the matches found, which makes a row only
when the list draws it: a common word has thousands of matches.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from briefbook.app.find_bar import ALL_MATCHES
from briefbook.model import Brief
from briefbook.search import HIT_LIMIT, Hit, Matcher, Options, PlaceNames, QueryError, places
from briefbook.search.find import Index, Results

#: The longest one turn of a search may take (s).
TURN_SECONDS = 0.002
#: Characters of the joined text searched per step of a turn.
_STEP_CHARACTERS = 16_384
#: How long after the last key of the query, or the last change of the brief, the panel searches again (ms).
QUERY_PAUSE_MS = 150
BRIEF_PAUSE_MS = 500

CONTEXT_ROLE = Qt.ItemDataRole.UserRole + 1


class SearchJob(QObject):
    """One search of the brief, done in short turns; ``finished(results)`` or ``failed(message)`` ends it."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self._turn)
        self._places = None
        self._index: Index | None = None
        self._matcher: Matcher | None = None
        self._next = 0
        self._spans: list[tuple[int, int]] = []
        self._where: list[int] | None = None

    def start(self, brief: Brief, matcher: Matcher) -> None:
        self._places = places(brief)
        self._index, self._matcher = Index(), matcher
        self._next, self._spans, self._where = 0, [], None
        self._timer.start()

    def cancel(self) -> None:
        self._timer.stop()
        self._places = self._index = self._matcher = None

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def run_to_end(self) -> None:
        """Finish now (a replacement needs the results at once; the tests do too)."""
        while self._timer.isActive():
            self._turn()

    def _turn(self) -> None:
        index, matcher = self._index, self._matcher
        if index is None or matcher is None:
            self._timer.stop()
            return
        deadline = time.perf_counter() + TURN_SECONDS
        if self._places is not None:
            for place in self._places:
                index.add(place)
                if time.perf_counter() > deadline:
                    return
            index.finish()
            self._places = None
            return
        matcher.start()  # the regular expression's time limit counts the time spent searching
        segments = index.segments
        try:
            while self._next < len(segments) and time.perf_counter() < deadline:
                first = self._next
                if Index.joined(matcher):
                    last, reach = first + 1, index.starts[first] + _STEP_CHARACTERS
                    while last < len(segments) and index.starts[last] < reach:
                        last += 1
                else:
                    last = first + 1
                spans, where = index.search_part(matcher, first, last, HIT_LIMIT - len(self._spans))
                self._spans.extend(spans)
                if where is not None:
                    if self._where is None:
                        self._where = []
                    self._where.extend(where)
                self._next = last
                if len(self._spans) >= HIT_LIMIT:
                    self._next = len(segments)
        except QueryError as exc:
            self.cancel()
            self.failed.emit(str(exc))
            return
        if self._next >= len(segments):
            self._timer.stop()
            results = Results(index, self._spans, self._where if not Index.joined(matcher) else None)
            self._index = self._matcher = None
            self.finished.emit(results)


class ResultsModel(QAbstractTableModel):
    """The matches as rows: where each is, and the printed text around it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.results: Results | list[Hit] = []
        self.names: PlaceNames | None = None
        self._hits: dict[int, Hit] = {}

    def set_results(self, results: Results | list[Hit], names: PlaceNames | None) -> None:
        self.beginResetModel()
        self.results, self.names, self._hits = results, names, {}
        self.endResetModel()

    def hit(self, row: int) -> Hit | None:
        if not 0 <= row < len(self.results):
            return None
        hit = self._hits.get(row)
        if hit is None:
            hit = self._hits[row] = self.results[row]
        return hit

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's signature
        return 0 if parent.isValid() else len(self.results)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's signature
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Place", "Text")[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if index.column() == 0 and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.names.name(hit.address) if self.names is not None else ""
        if index.column() == 1:
            if role == CONTEXT_ROLE:
                return hit.context()
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                before, matched, after = hit.context(80 if role == Qt.ItemDataRole.ToolTipRole else 40)
                return f"{before}{matched}{after}"
        return None


class ContextDelegate(QStyledItemDelegate):
    """Draws a result's text with the match in bold on the match colour."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        context = index.data(CONTEXT_ROLE)
        if not context:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        before, matched, after = context
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        plain, bold = QFont(option.font), QFont(option.font)
        bold.setBold(True)
        rect = option.rect.adjusted(4, 0, -4, 0)
        x = rect.left()
        for text, font, marked in ((before, plain, False), (matched, bold, True), (after, plain, False)):
            metrics = QFontMetrics(font)
            width = metrics.horizontalAdvance(text)
            if x >= rect.right():
                break
            box = QRect(x, rect.top(), min(width, rect.right() - x), rect.height())
            if marked:
                painter.fillRect(box.adjusted(-1, 2, 1, -2), ALL_MATCHES)
                painter.setPen(QColor("#000000"))
            else:
                painter.setPen(option.palette.color(role))
            painter.setFont(font)
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, box.width()) if width > box.width() else text
            painter.drawText(box, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), shown)
            x += width
        painter.restore()


class FindPanel(QWidget):
    """The query, the replacement, the options and the results (see the module docstring)."""

    #: The query or an option changed: search again (after a pause in typing).
    queryChanged = Signal()
    #: A result was chosen: show it; True when the editor should take the keyboard (Enter, double-click).
    hitChosen = Signal(object, bool)
    replaceRequested = Signal()
    replaceAllRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        grid = QGridLayout()
        self.query = QLineEdit()
        self.query.setObjectName("findQuery")
        self.query.setPlaceholderText("Words, or a regular expression")
        self.query.setClearButtonEnabled(True)
        self.query.setAccessibleName("Find in the brief")
        self.replacement = QLineEdit()
        self.replacement.setObjectName("findReplacement")
        self.replacement.setPlaceholderText("Replace with (empty deletes)")
        self.replacement.setAccessibleName("Replace with")
        find_label, replace_label = QLabel("Fi&nd:"), QLabel("Re&place with:")
        find_label.setBuddy(self.query)
        replace_label.setBuddy(self.replacement)
        self.match_case = QCheckBox("Match &case")
        self.whole_word = QCheckBox("&Whole word")
        self.regular_expression = QCheckBox("Regular e&xpression")
        self.replace_button = QPushButton("&Replace")
        self.replace_button.setToolTip("Replace the chosen match, then go to the next")
        self.replace_all_button = QPushButton("Replace &All…")
        self.replace_all_button.setToolTip("Show every change, then make them all as one step Undo takes back")
        options = QHBoxLayout()
        for box in (self.match_case, self.whole_word, self.regular_expression):
            options.addWidget(box)
        options.addStretch(1)
        grid.addWidget(find_label, 0, 0)
        grid.addWidget(self.query, 0, 1)
        grid.addLayout(options, 0, 2)
        grid.addWidget(replace_label, 1, 0)
        grid.addWidget(self.replacement, 1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.replace_button)
        buttons.addWidget(self.replace_all_button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 1, 2)
        grid.setColumnStretch(1, 1)
        self.replace_widgets = (replace_label, self.replacement, self.replace_button, self.replace_all_button)
        layout.addLayout(grid)
        self.status = QLabel()
        self.status.setObjectName("findStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.model = ResultsModel(self)
        self.view = QTreeView()
        self.view.setObjectName("findResults")
        self.view.setAccessibleName("Matches")
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(1, ContextDelegate(self.view))
        header = self.view.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(0, 230)
        layout.addWidget(self.view, 1)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.activated.connect(lambda index: self._choose(index.row(), True))
        self.query.textChanged.connect(self.queryChanged)
        self.query.returnPressed.connect(self._return_in_query)
        self.replacement.returnPressed.connect(self.replaceRequested)
        for box in (self.match_case, self.whole_word, self.regular_expression):
            box.toggled.connect(self.queryChanged)
        self.replace_button.clicked.connect(self.replaceRequested)
        self.replace_all_button.clicked.connect(self.replaceAllRequested)
        self._read_only = False
        self._choosing = True
        self.set_results([], None)

    def options(self) -> Options:
        return Options(self.match_case.isChecked(), self.whole_word.isChecked(), self.regular_expression.isChecked())

    def set_replace_visible(self, visible: bool) -> None:
        for widget in self.replace_widgets:
            widget.setVisible(visible)

    def set_read_only(self, read_only: bool) -> None:
        """A brief opened read-only can be searched, never changed."""
        self._read_only = read_only
        self.replacement.setEnabled(not read_only)
        self._follow_results()

    def set_results(self, results: Results | list[Hit], names: PlaceNames | None, keep_row: int = -1) -> None:
        self.model.set_results(results, names)
        self._follow_results()
        if 0 <= keep_row < len(results):
            self.show_row(keep_row, choose=False)

    def _follow_results(self) -> None:
        has = len(self.model.results) > 0
        self.replace_button.setEnabled(has and not self._read_only)
        self.replace_all_button.setEnabled(has and not self._read_only)
        tip = "The brief is open read-only: it can be searched, not changed." if self._read_only else ""
        for button in (self.replace_button, self.replace_all_button):
            button.setToolTip(tip or button.toolTip())

    def say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #c62828;" if error else "")

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def current_hit(self) -> Hit | None:
        return self.model.hit(self.current_row())

    def show_row(self, row: int, choose: bool = True) -> None:
        """Make ``row`` the current result (and show it in the editor when ``choose``)."""
        self._choosing = choose
        try:
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.scrollTo(self.model.index(row, 0))
        finally:
            self._choosing = True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and self._choosing:
            self._choose(current.row(), False)

    def _choose(self, row: int, focus_editor: bool) -> None:
        hit = self.model.hit(row)
        if hit is not None:
            self.hitChosen.emit(hit, focus_editor)

    def _return_in_query(self) -> None:
        """Enter in the query goes to the next result, as in the find bar."""
        rows = len(self.model.results)
        if rows:
            self.show_row((self.current_row() + 1) % rows)
