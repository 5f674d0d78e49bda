"""The source pane: the stored text of one of the brief's sources, beside the text being written.

An analyst drafts with the source open: the pane shows the chosen source's stored text
(read-only, wrapped, in a reading face), its title as a link to its address and its date
above, a search inside it (Enter and F3 go on to the next match, every match highlighted,
the count beside the field), and the commands that take a passage into the brief: Quote
and Quote with Citation. Below the text, the brief's quotations with the class the
quotation check gave each (:mod:`briefbook.app.quote_view`).

The pane holds no state of the brief: the window's
:class:`~briefbook.app.source_actions.SourceActions` gives it the sources and their texts
(read by ``briefbook.sources.store``) and does what its signals ask. Files dropped on it are
handed over as paths to add.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from html import escape
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QKeyEvent,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefbook.app.find_bar import ALL_MATCHES, CURRENT_MATCH, highlights
from briefbook.app.quote_view import QuotationList
from briefbook.model import Source

#: The kinds of file a source can be added from (``briefbook.sources.extract`` reads them).
SOURCE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
#: Matches counted and highlighted at most (a common word in fifty pages stays quick to show).
MAX_MATCHES = 2000
#: The search follows the field this long after the last key.
SEARCH_DELAY_MS = 120
#: A passage found by a jump from a quotation: shown in a colour of its own until the next search.
PASSAGE = QColor("#c8e6c9")


def search_pattern(query: str) -> re.Pattern[str] | None:
    """The query as a literal, case-insensitive pattern whose spaces match any run of white space,
    so a phrase broken across two lines of the source is found (linear: no nested repetition)."""
    words = query.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(word) for word in words), re.IGNORECASE)


def find_spans(text: str, query: str, most: int = MAX_MATCHES) -> tuple[list[tuple[int, int]], bool]:
    """Where ``query`` is in ``text`` (at most ``most`` places), and whether there were more."""
    pattern = search_pattern(query)
    if pattern is None:
        return [], False
    spans: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        if len(spans) == most:
            return spans, True
        spans.append(match.span())
    return spans, False


def readable_date(iso: str) -> str:
    """``2024-10-18`` as ``18 October 2024`` (as given, if it is no date)."""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day.strftime('%B')} {day.year}"


def files_of(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """The local files a drag brings whose kind a source can be added from."""
    data = event.mimeData()
    if not data.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in data.urls()
            if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in SOURCE_SUFFIXES]


class SourceTextView(QPlainTextEdit):
    """The source's text: read-only and selectable, wrapped, in a serif face a little larger than the UI's."""

    def __init__(self, pane: SourcePane) -> None:
        super().__init__()
        self._pane = pane
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.setAccessibleName("Source text")
        font = QFont(self.font())
        font.setFamilies(["Georgia", "Source Serif Pro", "DejaVu Serif", "Liberation Serif", "Times New Roman"])
        font.setStyleHint(QFont.StyleHint.Serif)
        size = font.pointSizeF()
        if size > 0:
            font.setPointSizeF(size + 1)
        self.setFont(font)
        self.document().setDocumentMargin(10)
        self.setAcceptDrops(True)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt's name
        menu = self.createStandardContextMenu(event.pos())
        first = menu.actions()[0] if menu.actions() else None
        for button in (self._pane.quote_button, self._pane.cite_button):
            action = menu.addAction(button.text().replace("&", ""), button.click)
            action.setEnabled(button.isEnabled())
            menu.removeAction(action)
            menu.insertAction(first, action)
        if first is not None:
            menu.insertSeparator(first)
        menu.exec(event.globalPos())
        menu.deleteLater()

    # A read-only text edit refuses drops; files dropped on the text are sources to add.
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        self._pane.dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if files_of(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        self._pane.dropEvent(event)


class _SearchKeys(QObject):
    """Enter, Shift+Enter, F3 and Shift+F3 in the search field step through the matches; Esc leaves it.

    F3 is also the window's Find Next (the text being edited): in this field it is the pane's.
    """

    def __init__(self, pane: SourcePane) -> None:
        super().__init__(pane)
        self._pane = pane

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(event, QKeyEvent):
            return False
        step_keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3)
        if event.type() == QEvent.Type.ShortcutOverride and event.key() in (*step_keys, Qt.Key.Key_Escape):
            event.accept()  # the field's, not the window's shortcut
            return True
        if event.type() == QEvent.Type.KeyPress:
            if event.key() in step_keys:
                self._pane.step(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self._pane.search.clear()
                self._pane.view.setFocus()
                return True
        return False


class SourcePane(QWidget):
    """The chosen source's text, its search, the quote commands and the brief's quotations."""

    #: Quote (False) or Quote with Citation (True) the selected passage.
    quoteRequested = Signal(bool)
    #: Add Source… from the pane's button.
    addRequested = Signal()
    #: Files dropped on the pane (paths of a kind a source can be added from).
    filesDropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourcePane")
        self.setAcceptDrops(True)
        self._sources: list[Source] = []
        self._texts: dict[int, str] = {}
        self._states: dict[int, str] = {}
        self._read_only = False
        self.spans: list[tuple[int, int]] = []
        self.current_match = -1
        self._more = False
        self._passage: tuple[int, int] | None = None
        self._build()
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.view.selectionChanged.connect(self._update_buttons)
        self.set_sources([], {}, {})

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.setSpacing(6)
        top = QHBoxLayout()
        heading = QLabel("Source")
        heading.setObjectName("pageHeading")
        self.chooser = QComboBox()
        self.chooser.setAccessibleName("Source shown")
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(12)
        self.chooser.currentIndexChanged.connect(self._chosen)
        heading.setBuddy(self.chooser)
        self.add_button = QToolButton()
        self.add_button.setText("Add…")
        self.add_button.setToolTip("Add a source: a text, Markdown, HTML, Word or PDF file (or drop one here)")
        self.add_button.clicked.connect(self.addRequested)
        top.addWidget(heading)
        top.addWidget(self.chooser, 1)
        top.addWidget(self.add_button)
        layout.addLayout(top)
        self.details = QLabel()
        self.details.setObjectName("sourceDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setOpenExternalLinks(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        layout.addWidget(self.details)
        search_row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search this source")
        self.search.setToolTip("Enter or F3: next match; Shift+Enter or Shift+F3: previous; Esc: clear")
        self.search.setAccessibleName("Search in the source")
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(_SearchKeys(self))
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance("2000+ matches "))
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        previous, following = QToolButton(), QToolButton()
        previous.setArrowType(Qt.ArrowType.UpArrow)
        previous.setToolTip("Previous match (Shift+Enter)")
        previous.clicked.connect(lambda: self.step(-1))
        following.setArrowType(Qt.ArrowType.DownArrow)
        following.setToolTip("Next match (Enter)")
        following.clicked.connect(lambda: self.step(1))
        for widget in (self.search, self.count_label, previous, following):
            search_row.addWidget(widget, 1 if widget is self.search else 0)
        layout.addLayout(search_row)
        self.view = SourceTextView(self)
        self.quotations = QuotationList()
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 6, 0, 0)
        below_layout.setSpacing(2)
        self.quotations_summary = QLabel()
        self.quotations_summary.setWordWrap(True)
        self.quotations.summaryChanged.connect(
            lambda text: self.quotations_summary.setText(f"<b>Quotations in the brief</b> \u2014 {escape(text)}"))
        self.quotations_summary.setText(f"<b>Quotations in the brief</b> \u2014 {escape(self.quotations.summary)}")
        below_layout.addWidget(self.quotations_summary)
        self.quotations.setMinimumHeight((self.quotations.fontMetrics().height() + 8) * 4)
        below_layout.addWidget(self.quotations, 1)
        self.difference = QLabel()
        self.difference.setObjectName("quotationDifference")
        self.difference.setWordWrap(True)
        self.difference.setTextFormat(Qt.TextFormat.RichText)
        self.difference.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.difference.hide()
        below_layout.addWidget(self.difference)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setObjectName("sourceSplit")
        self.split.addWidget(self.view)
        self.split.addWidget(below)
        self.split.setChildrenCollapsible(False)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        layout.addWidget(self.split, 1)
        buttons = QHBoxLayout()
        self.quote_button = QPushButton("Quote")
        self.quote_button.setToolTip("Insert the selected passage, in quotation marks, where you were writing")
        self.quote_button.clicked.connect(lambda: self.quoteRequested.emit(False))
        self.cite_button = QPushButton("Quote with Citation")
        self.cite_button.setToolTip("Insert the passage and a footnote citing this source")
        self.cite_button.clicked.connect(lambda: self.quoteRequested.emit(True))
        self.hint = QLabel("Select a passage to quote it.")
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        buttons.addWidget(self.quote_button)
        buttons.addWidget(self.cite_button)
        buttons.addWidget(self.hint, 1)
        layout.addLayout(buttons)

    # -- what is shown ---------------------------------------------------------------------------
    def set_sources(self, sources: Sequence[Source], texts: dict[int, str], states: dict[int, str],
                    choose: int | None = None) -> None:
        """Show the brief's ``sources``; ``texts`` and ``states`` by position in the list (a stored text,
        or why there is none: missing, changed, unreadable). The source shown stays shown if it is still
        there, unless ``choose`` names another."""
        shown = self.current_source()
        titles_before = [source.title for source in self._sources]
        self._sources, self._texts, self._states = list(sources), dict(texts), dict(states)
        wanted = choose if choose is not None else shown
        if wanted is None or not 0 <= wanted < len(self._sources):
            wanted = next((index for index in range(len(self._sources)) if index in self._texts), 0)
        self.chooser.blockSignals(True)
        try:
            if [source.title for source in self._sources] != titles_before or self.chooser.count() != len(sources):
                self.chooser.clear()
                for index, source in enumerate(self._sources):
                    self.chooser.addItem(source.title or f"Source {index + 1}", index)
            if self._sources:
                self.chooser.setCurrentIndex(wanted)
        finally:
            self.chooser.blockSignals(False)
        self._show(self.current_source())

    def current_source(self) -> int | None:
        """The position in the brief's list of the source shown (``None``: the brief has none)."""
        index = self.chooser.currentIndex()
        return index if 0 <= index < len(self._sources) else None

    def choose(self, index: int) -> None:
        if 0 <= index < len(self._sources) and index != self.current_source():
            self.chooser.setCurrentIndex(index)

    def _chosen(self, _row: int) -> None:
        self._show(self.current_source())

    def _show(self, index: int | None) -> None:
        if index is None:
            self.details.setText("<i>The brief has no sources yet.</i> Add one with <b>Add…</b>, "
                                 "or drop a file here: its text is kept beside the brief.")
            self._set_text("")
            self._update_buttons()
            return
        source = self._sources[index]
        title = escape(source.title or f"Source {index + 1}")
        parts = [f'<a href="{escape(source.url, quote=True)}">{title}</a>' if source.url else f"<b>{title}</b>"]
        date = source.date
        if date:
            parts.append(escape(readable_date(date)))
        state = self._states.get(index)
        if state:
            parts.append(f'<span style="color:#b3261e">{escape(state)}</span>')
        self.details.setText(" \u00b7 ".join(parts))
        self.details.setToolTip(source.url)
        text = self._texts.get(index)
        self._set_text(text or "")
        if text is None:
            self.view.setPlaceholderText(
                state or "No text of this source is kept with the brief: add its file (Add…) to quote from it.")
        self._update_buttons()

    def _set_text(self, text: str) -> None:
        if text != self.view.toPlainText():
            self._passage = None
            self.view.setPlainText(text)
        self.run_search()

    def text(self) -> str:
        return self.view.toPlainText()

    def set_read_only(self, read_only: bool) -> None:
        """A read-only brief: the source can be read and searched, nothing quoted into the brief or added."""
        self._read_only = read_only
        self.add_button.setEnabled(not read_only)
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = self.view.textCursor().hasSelection()
        for button in (self.quote_button, self.cite_button):
            button.setEnabled(selected and not self._read_only)
        if self._read_only:
            self.hint.setText("The brief is read-only: nothing can be quoted into it.")
        else:
            self.hint.setText("Ctrl+Shift+Q, or Ctrl+Alt+Q with a footnote." if selected
                              else "Select a passage to quote it.")

    def selected_passage(self) -> str:
        """The passage selected in the source's text, as the source has it (line breaks included)."""
        return self.view.textCursor().selection().toPlainText()

    # -- search ----------------------------------------------------------------------------------
    def run_search(self) -> None:
        """Find the search field's words in the text shown; highlight them all and select the first."""
        self._search_timer.stop()
        self.spans, self._more = find_spans(self.text(), self.search.text())
        self.current_match = -1
        if self.spans:
            position = self.view.textCursor().selectionStart()
            self.current_match = next((i for i, (start, _) in enumerate(self.spans) if start >= position), 0)
            self._select(*self.spans[self.current_match])
        self._paint()
        self._tell_count()

    def step(self, direction: int) -> None:
        """Go on to the next (1) or previous (-1) match, wrapping around."""
        if self._search_timer.isActive() or not self.spans:
            self.run_search()
            if not self.spans:
                return
            if direction > 0:
                return  # the first match from the cursor is the one asked for
        self.current_match = (self.current_match + direction) % len(self.spans)
        self._select(*self.spans[self.current_match])
        self._paint()
        self._tell_count()

    def _tell_count(self) -> None:
        if not self.search.text().strip():
            self.count_label.setText("")
        elif not self.spans:
            self.count_label.setText("No matches")
        else:
            total = f"{len(self.spans)}+" if self._more else str(len(self.spans))
            self.count_label.setText(f"{self.current_match + 1} of {total}")

    def show_passage(self, index: int, start: int, end: int) -> None:
        """Show the passage ``start:end`` of source ``index`` selected (a quotation's place in it)."""
        self.choose(index)
        if self.current_source() != index:
            return
        length = len(self.text())
        start, end = max(0, min(start, length)), max(0, min(end, length))
        self._passage = (start, end)
        self._select(start, end, centre=True)
        self._paint()

    def show_difference(self, text: str) -> None:
        """The verdict on the quotation gone to, under the list (an altered one's difference word by word)."""
        self.difference.setText(text)
        self.difference.setVisible(bool(text))

    def _select(self, start: int, end: int, centre: bool = False) -> None:
        cursor = self.view.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(cursor)
        if centre:
            self.view.centerCursor()
            QTimer.singleShot(0, self.view.centerCursor)  # again once a pane just shown is laid out
        self.view.ensureCursorVisible()

    def _paint(self) -> None:
        document = self.view.document()
        marks = [(span, CURRENT_MATCH if i == self.current_match else ALL_MATCHES) for i, span in enumerate(self.spans)]
        if self._passage is not None:
            marks.insert(0, (self._passage, PASSAGE))
        self.view.setExtraSelections(highlights(document, marks))

    # -- files dropped ---------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if files_of(event) and not self._read_only:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        files = files_of(event)
        if files and not self._read_only:
            event.acceptProposedAction()
            self.filesDropped.emit(files)
        else:
            event.ignore()
