"""Find and replace in the window: the find bar, the find panel, and what they do to the brief.

:class:`FindActions` is the owner of the window's find state (the query, the last
results) and the slots of the Edit menu's Find… (Ctrl+F), Find in Brief…
(Ctrl+Shift+F), Replace… (Ctrl+H), Find Next (F3) and Find Previous (Shift+F3). It
shows a match by going to its place the way the problems panel does
(:meth:`MainWindow.go_to_path`) and selecting it there, and it changes the brief only
through :meth:`Document.set_texts`, one undo step for a Replace and one for a Replace
All. The results follow the brief: a moment after it changes, the panel searches again.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from briefbook.app.find_bar import FindBar, TextKind
from briefbook.app.find_dialog import ReplaceAllDialog
from briefbook.app.find_panel import BRIEF_PAUSE_MS, QUERY_PAUSE_MS, FindPanel, SearchJob
from briefbook.app.pages import PAGE_BODY
from briefbook.app.sources_panel import COLUMNS as SOURCE_COLUMNS
from briefbook.search import HIT_LIMIT, Hit, Matcher, PlaceNames, Plan, Query, QueryError, body_offset
from briefbook.search import plan_replace as plan_one
from briefbook.search import plan_replace_all as plan_all


class FindActions(QObject):
    """The window's find bar and find panel (see the module docstring)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.bar = FindBar()
        window.add_below_panes(self.bar)
        self.panel = FindPanel()
        self.dock = QDockWidget("Find and Replace", window)
        self.dock.setObjectName("findDock")
        self.dock.setWidget(self.panel)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                              | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.problems_dock, self.dock)
        self.dock.hide()
        self.job = SearchJob(self)
        self.job.finished.connect(self._found)
        self.job.failed.connect(lambda message: self._show_error(message))
        self._keep_row = -1
        self._query_pause = QTimer(self, singleShot=True, interval=QUERY_PAUSE_MS)
        self._query_pause.timeout.connect(self.search)
        self._brief_pause = QTimer(self, singleShot=True, interval=BRIEF_PAUSE_MS)
        self._brief_pause.timeout.connect(lambda: self.search(keep=True))
        self.panel.queryChanged.connect(self._query_pause.start)
        self.panel.hitChosen.connect(self.show_hit)
        self.panel.replaceRequested.connect(self.replace_current)
        self.panel.replaceAllRequested.connect(self.replace_all)
        self.document.changed.connect(self._brief_changed)
        self.document.replaced.connect(lambda _select: self._brief_changed(None))
        self.document.readOnlyChanged.connect(self.panel.set_read_only)
        self.dock.visibilityChanged.connect(lambda shown: shown and self._brief_pause.start())

    # -- the menu's commands -------------------------------------------------------------------------
    def find_in_text(self) -> None:
        """Ctrl+F: the find bar for the text being edited."""
        target = self._current_text()
        if target is None:
            self.window.statusBar().showMessage("Click in a text to find in it, or find in the whole brief "
                                                "with Ctrl+Shift+F.", 6000)
            return
        self.bar.open_for(*target)

    def find_in_brief(self) -> None:
        """Ctrl+Shift+F: the find panel, on the words selected if any."""
        self._open_panel(replace=False)

    def replace(self) -> None:
        """Ctrl+H: the find panel with its replacement."""
        self._open_panel(replace=True)

    def step(self, direction: int) -> None:
        """F3 / Shift+F3: the next or previous match, in the find bar if it is open, else in the panel's list."""
        if self.bar.isVisible() and self.bar.target is not None:
            self.bar.step(direction)
            return
        rows = len(self.panel.model.results)
        if self.dock.isVisible() and rows:
            row = self.panel.current_row()
            self.panel.show_row((row + direction) % rows if row >= 0 else (0 if direction > 0 else rows - 1))
            return
        self.find_in_text()

    def _open_panel(self, replace: bool) -> None:
        selected = self._selected_words()
        self.panel.set_replace_visible(replace)
        self.dock.show()
        self.dock.raise_()
        self.window.resizeDocks([self.dock], [max(self.dock.height(), 300)], Qt.Orientation.Vertical)
        if selected:
            self.panel.query.setText(selected)
        self.panel.query.setFocus()
        self.panel.query.selectAll()
        self.search()

    def _current_text(self) -> tuple[QWidget, TextKind] | None:
        """The text field with the focus (or the body editor of the page shown), and how it is matched."""
        pages = self.window.pages
        focus = QApplication.focusWidget()
        if focus is self.bar.query and self.bar.target is not None:
            return self.bar.target, self.bar.kind
        if isinstance(focus, (QPlainTextEdit, QLineEdit)) and pages.isAncestorOf(focus):
            if focus is pages.editor:
                return focus, "body"
            marked = (pages.title_edit, pages.meta_form.widgets.get("title"), pages.footnotes.text)
            return focus, "marked" if focus in marked else "plain"
        if pages.currentIndex() == PAGE_BODY:
            return pages.editor, "body"
        return None

    def _selected_words(self) -> str:
        focus = QApplication.focusWidget()
        text = ""
        if isinstance(focus, QPlainTextEdit):
            text = focus.textCursor().selectedText()
        elif isinstance(focus, QLineEdit) and focus is not self.panel.query:
            text = focus.selectedText()
        return text if "\u2029" not in text and "\n" not in text else ""

    # -- searching -----------------------------------------------------------------------------------
    def matcher(self) -> Matcher | None:
        """The panel's query compiled, or ``None`` (with the reason shown) when it cannot be searched for."""
        text = self.panel.query.text()
        if not text:
            return None
        try:
            return Query(text, self.panel.options()).compile()
        except QueryError as exc:
            self._show_error(str(exc))
            return None

    def search(self, keep: bool = False) -> None:
        """Search the brief again for the panel's query, in short turns; ``keep`` stays on the same row."""
        self._query_pause.stop()
        self._brief_pause.stop()
        self.job.cancel()
        self._keep_row = self.panel.current_row() if keep else -1
        if not self.panel.query.text():
            self.panel.set_results([], None)
            self.panel.say("")
            return
        matcher = self.matcher()
        if matcher is None:
            return
        self.job.start(self.document.brief, matcher)

    def search_now(self, keep: bool = False) -> None:
        """:meth:`search`, finished before returning (after a replacement, and in tests)."""
        self.search(keep)
        self.job.run_to_end()

    def flush(self) -> None:
        """Finish the search that is due or under way now (the tests read the results at once)."""
        if self._query_pause.isActive():
            self.search()
        elif self._brief_pause.isActive():
            self.search(keep=True)
        self.job.run_to_end()

    def _found(self, results) -> None:
        self.panel.set_results(results, PlaceNames(self.document.brief), self._keep_row)
        count = len(results)
        if not count:
            self.panel.say("No matches in the brief.")
        else:
            more = f" (the first {HIT_LIMIT:,}; Replace All changes every one)" if count >= HIT_LIMIT else ""
            self.panel.say(f"{count:,} match{'es' if count != 1 else ''}{more}. Choose one to go to it.")

    def _show_error(self, message: str) -> None:
        self.panel.set_results([], None)
        self.panel.say(message, error=True)

    def _brief_changed(self, _change) -> None:
        self.job.cancel()  # it was reading the brief as it was
        if self.dock.isVisible() and self.panel.query.text():
            self._brief_pause.start()  # after a pause: not a search per keystroke

    # -- showing a match -----------------------------------------------------------------------------
    def show_hit(self, hit: Hit, focus_editor: bool = True) -> None:
        """Go to the match's place and select it there; the list keeps the keyboard unless ``focus_editor``."""
        window, pages = self.window, self.window.pages
        had_focus = QApplication.focusWidget()
        address = hit.address
        if address.resolve(self.document.brief) is None:
            return
        start, end = hit.span
        field: QWidget | None = None
        if address.block_suffix:
            found = body_offset(self.document.brief, address)
            window.go_to_path(address)
            if found is not None:
                base = found[1]
                cursor = pages.editor.textCursor()
                cursor.setPosition(base + start)
                cursor.setPosition(base + end, QTextCursor.MoveMode.KeepAnchor)
                pages.editor.setTextCursor(cursor)
                pages.editor.ensureCursorVisible()
        elif address.is_title:
            window.go_to_path(address, start)
            field = pages.title_edit
        elif address.area == "meta":
            window.go_to_path(address, start)
            field = pages.meta_form.widgets.get(str(address.field))
        elif address.area == "footnotes":
            window.go_to_path(address)
            field = pages.footnotes.text
        elif address.area == "sources":
            window.go_to_path(address)
            name = str(address.field)
            if name in SOURCE_COLUMNS:
                pages.sources.table.setCurrentCell(int(address[1]), SOURCE_COLUMNS.index(name))
        if isinstance(field, QComboBox):
            field = field.lineEdit()
        if isinstance(field, QLineEdit):
            field.setSelection(start, end - start)
        elif isinstance(field, QPlainTextEdit):
            cursor = field.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            field.setTextCursor(cursor)
            field.ensureCursorVisible()
        if not focus_editor:  # the list (or the query, after Enter) keeps the keyboard
            (had_focus if had_focus is not None and self.panel.isAncestorOf(had_focus) else self.panel.view).setFocus()

    # -- replacing -----------------------------------------------------------------------------------
    def replace_current(self) -> None:
        """Replace the chosen match (the first when none is chosen), then go to the next one."""
        if self.document.read_only:
            return
        matcher = self.matcher()
        row = max(self.panel.current_row(), 0)
        hit = self.panel.model.hit(row)
        if matcher is None or hit is None:
            return
        try:
            plan = plan_one(self.document.brief, matcher, self.panel.replacement.text(), hit)
        except QueryError as exc:
            self._show_error(str(exc))
            return
        if plan.skipped:
            self.panel.say(f"Not replaced: {plan.skipped[0].reason}.", error=True)
            self.panel.show_row(row + 1 if row + 1 < len(self.panel.model.results) else row)
            return
        self._apply("Replace", plan)
        self.search_now()
        if len(self.panel.model.results):
            self.panel.show_row(min(row, len(self.panel.model.results) - 1))
        self.panel.say(f"Replaced 1. {self.panel.status.text()}")

    def replace_all(self) -> None:
        """Work out every replacement, show them, and make them as one step once the analyst agrees."""
        if self.document.read_only:
            return
        matcher = self.matcher()
        if matcher is None:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            plan = plan_all(self.document.brief, matcher, self.panel.replacement.text())
        except QueryError as exc:
            self._show_error(str(exc))
            return
        finally:
            QApplication.restoreOverrideCursor()
        if not plan.edits:
            reason = f": {plan.skipped[0].reason}" if plan.skipped else ""
            self.panel.say(f"Nothing to replace{reason}.", error=bool(plan.skipped))
            return
        if not self.confirm_replace_all(plan, PlaceNames(self.document.brief)):
            return
        if not self._apply("Replace All", plan):
            return
        self.search_now()
        left = f"; {len(plan.skipped)} left as they were (see the list before replacing)" if plan.skipped else ""
        self.panel.say(f"Replaced {len(plan.edits):,} match{'es' if len(plan.edits) != 1 else ''} in "
                       f"{len(plan.changes)} text{'s' if len(plan.changes) != 1 else ''}{left}. Undo (Ctrl+Z) "
                       "takes them all back.")

    def confirm_replace_all(self, plan: Plan, names: PlaceNames) -> bool:
        """Show every change before it is made; True to make them (tests answer instead)."""
        dialog = ReplaceAllDialog(plan, names, self.window)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def _apply(self, label: str, plan: Plan) -> bool:
        changes = [(change.value, change.old, change.new) for change in plan.changes]
        if not self.document.set_texts(label, changes):
            self.panel.say("The brief changed while the replacement was worked out; nothing was replaced. "
                           "Try again.", error=True)
            self.search()
            return False
        return True
