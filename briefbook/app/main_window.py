"""The main window: outline, editing pages and live preview side by side, problems below.

The window composes views and actions and holds no state of the brief: the
:class:`~briefbook.document.Document` owns the brief, its file and its history. The
views observe the document — :meth:`MainWindow._document_changed` brings outline,
page, preview and problems up to date after every command — and send it commands
(typing and field edits through :class:`~briefbook.app.pages.EditorPages`, file
commands through :class:`~briefbook.app.file_actions.FileActions`, section, footnote
and source commands through :class:`~briefbook.app.structure_actions.StructureActions`).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices, QShowEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from briefbook.app import heap
from briefbook.app.book_actions import BookActions
from briefbook.app.compare_actions import CompareActions
from briefbook.app.counts_view import CountsView
from briefbook.app.dialogs import Dialogs
from briefbook.app.disk_changes import DiskChanges
from briefbook.app.file_actions import FileActions
from briefbook.app.find_actions import FindActions
from briefbook.app.import_actions import ImportActions
from briefbook.app.menus import build_menus
from briefbook.app.note_actions import NoteActions
from briefbook.app.outline import COVER, Outline
from briefbook.app.pages import EditorPages
from briefbook.app.preview import PreviewPane
from briefbook.app.problems_panel import ProblemsPanel
from briefbook.app.session import Session
from briefbook.app.source_actions import PANE_FLAG, SourceActions
from briefbook.app.source_pane import SourcePane
from briefbook.app.spell_check import SpellCheck, check_every_field
from briefbook.app.structure_actions import StructureActions
from briefbook.app.version_actions import VersionActions
from briefbook.checks import CheckRun
from briefbook.document import AppFolders, Change, Document
from briefbook.model import Address, iter_sections

#: The checks run this long after the last change (they read the whole brief).
CHECK_DELAY_MS = 300
#: Seconds of checking per turn of the event loop after a pause in typing.
CHECK_TURN_SECONDS = 0.003
#: Milliseconds between looks at whether a long preview's drawing, which the checks wait for, is done.
CHECK_WAIT_MS = 30
#: The share of the screen's free area a first window takes (no layout saved yet): room for
#: outline, text and preview side by side, the desktop still seen around it.
FIRST_WIDTH, FIRST_HEIGHT = 0.8, 0.85


def first_geometry(available: QRect, least: QSize | None = None) -> QRect:
    """Where a first window opens: a share of the screen's free area (``available``), centred in it,
    and no smaller than ``least`` (the window's own minimum) while the screen has room for it."""
    size = QSize(int(available.width() * FIRST_WIDTH), int(available.height() * FIRST_HEIGHT))
    if least is not None:
        size = size.expandedTo(least).boundedTo(available.size())
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(available.center())
    return rect


class MainWindow(QMainWindow):
    """One brief's window (see the module docstring)."""

    def __init__(self, session: Session | None = None, folders: AppFolders | None = None) -> None:
        super().__init__()
        self.session = session or Session(folders)
        self.document = Document(folders or self.session.folders, self)
        self.dialogs = Dialogs(self)
        self._preview_stale = False
        self._problem_index = -1
        self._checks = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._checks.timeout.connect(self._start_checks)
        self._check_turns = QTimer(self, singleShot=True, interval=0)
        self._check_turns.timeout.connect(self._check_turn)
        self._check_run: CheckRun | None = None
        # Typing is recorded in the key press; the editor paints the key before the preview redraws.
        self._paint_first = QTimer(self, singleShot=True, interval=0)
        self._paint_first.timeout.connect(self._paint_editor)
        self._build()
        self.disk_changes = DiskChanges(self)
        self.files = FileActions(self)
        self.structure = StructureActions(self)
        self.notes = NoteActions(self)  # before find: its dock goes beside the problems, find's in a tab
        self.find = FindActions(self)
        self.source_actions = SourceActions(self, self.source_pane)
        # A long preview being drawn (the first seconds after opening) goes before the counts and
        # the quotation check (and the checks, see _check_turn), which the reader does not wait for;
        # keys go before all of them.
        self.counts.wait_for = self.source_actions.check.wait_for = self.preview.is_busy
        self.compare_actions = CompareActions(self)
        self.import_actions = ImportActions(self)
        self.book_actions = BookActions(self)
        self.versions = VersionActions(self)  # the other language version: its pane, marks and commands
        build_menus(self)
        self.document.changed.connect(self._document_changed)
        self.document.replaced.connect(self._document_replaced)
        self.document.stateChanged.connect(self._update_title)
        self.document.message.connect(lambda text, ms: self.statusBar().showMessage(text, ms))
        self._update_title()
        self._sized = False
        self._loaded = False  # the empty brief is drawn on first show, unless a file was opened before

    def _build(self) -> None:
        self.setObjectName("MainWindow")
        self.outline = Outline()
        self.outline.setMinimumWidth(180)
        self.outline.pathSelected.connect(lambda path: self.select(Address(path)))
        self.outline.sectionDropped.connect(lambda *drop: self.structure.drop_section(*drop))
        self.outline.deleteRequested.connect(lambda: self.structure.delete_section())
        self.pages = EditorPages(self.document, self)
        self.editor = self.pages.editor
        self.spell = SpellCheck(self.document, self.session.folders,
                                lambda text: self.statusBar().showMessage(text, 15000), lambda: self.pages.current)
        check_every_field(self.pages, self.spell)
        self.pages.footnotes.findReferences.connect(lambda fid: self.structure.find_references(fid))
        self.pages.footnotes.deleteRequested.connect(lambda fid: self.structure.delete_footnote(fid))
        self.pages.footnotes.renameRequested.connect(lambda old, new: self.structure.rename_footnote(old, new))
        self.pages.sources.addRequested.connect(lambda: self.structure.add_source())
        self.pages.sources.removeRequested.connect(lambda row: self.structure.remove_source(row))
        self.pages.placeChanged.connect(lambda place: self.preview.isVisible() and self.preview.scroll_to(place))
        self.preview = PreviewPane()
        self.preview.setMinimumWidth(240)
        self.preview.pathActivated.connect(self.go_to_path)
        self.preview.filled.connect(heap.freeze)
        self.preview.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        # The source beside the text being written, the preview after both (View ▸ Source Pane).
        self.source_pane = SourcePane()
        self.source_pane.setMinimumWidth(280)
        self.source_pane.hide()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        for widget in (self.outline, self.pages, self.source_pane, self.preview):
            self.splitter.addWidget(widget)
        self.splitter.setChildrenCollapsible(False)
        for index, stretch in enumerate((0, 3, 3, 3)):
            self.splitter.setStretchFactor(index, stretch)
        self.splitter.setSizes([240, 560, 0, 560])
        # The panes, and below them the find bar (FindActions adds it): laid out before the window
        # takes them, so that the whole tree is moved into the window once.
        central = QWidget()
        self._below_panes = QVBoxLayout(central)
        self._below_panes.setContentsMargins(0, 0, 0, 0)
        self._below_panes.setSpacing(0)
        self._below_panes.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.problems = ProblemsPanel()
        self.problems.problemChosen.connect(self.go_to_problem)
        self.problems.countsChanged.connect(self._show_counts)
        self.problems_dock = QDockWidget("Problems", self)
        self.problems_dock.setObjectName("problemsDock")
        self.problems_dock.setWidget(self.problems)
        self.problems_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                                       | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.counts_label = QLabel()
        self.statusBar().addPermanentWidget(self.counts_label)
        self.counts = CountsView(self.document, self.outline, self.statusBar(), lambda: self.pages.current,
                                 self.session, self)

    # -- following the document ---------------------------------------------------------------------
    def add_below_panes(self, bar: QWidget) -> None:
        """Put ``bar`` across the window under the outline, the editor and the preview (the find bar)."""
        self._below_panes.addWidget(bar)

    def _document_replaced(self, select: Address | None) -> None:
        """Another brief is shown: outline, preview, problems afresh."""
        heap.release()  # the brief shown before may go
        brief = self.document.brief
        self._loaded = True
        self.outline.set_brief(brief, select or COVER)
        self.preview.set_brief(brief)
        self.pages.current = Address()
        self.select(self.outline.current_path() or COVER)
        if self.preview.is_filling():
            self.problems.set_problems([])  # not the brief shown before's
            self._start_checks()  # a long brief: drawn first, its problems follow once its preview is
        else:
            self.run_checks()
        heap.freeze()  # and again once a long brief's preview is whole (below)

    def _document_changed(self, change: Change) -> None:
        """A command changed the brief: bring every view up to date."""
        brief = self.document.brief
        if change.structural:  # the outline's counts of footnotes and sources change only here
            self.outline.set_brief(brief, change.where)
            self.select(change.where if change.where.resolve(brief) is not None else COVER)
        else:
            if change.path.is_title:
                self.outline.update_section_title(brief, change.path.section_address)
            if change.from_stack and self.pages.current != change.where:
                self.outline.select(change.where, emit=False)
            self.pages.show_change(change)
        if not change.from_stack and change.splice is not None:
            self._paint_first.start()  # started before the preview's own timer, so it runs first
        if self.preview.isVisible():
            # The changed value lets the preview re-render its section alone; after a
            # structural change, or edits it did not follow while hidden, it compares all.
            hint = None if change.structural or self._preview_stale or not change.path else change.path
            self._preview_stale = False
            self.preview.update_brief(brief, changed=hint)
        else:
            self._preview_stale = True
        self._check_run = None  # a run half done read the brief as it was
        self._check_turns.stop()
        self._checks.start()

    def _paint_editor(self) -> None:
        if self.editor.change_unpainted and self.editor.isVisible():
            self.editor.viewport().repaint()

    def _update_title(self) -> None:
        read_only = " (read-only)" if self.document.read_only else ""
        self.setWindowTitle(f"{self.document.name}{read_only}[*] \u2014 Briefbook")
        self.setWindowModified(self.document.is_modified())

    # -- navigation ----------------------------------------------------------------------------------
    def select(self, where: Address) -> None:
        """Show the page of an outline entry, and the preview at it."""
        where = Address.of(where)
        self.pages.select(where)
        self.notes.follow_page()
        if self.outline.current_path() != self.pages.current:
            self.outline.select(self.pages.current, emit=False)
        if self.pages.current.area in ("takeaways", "sections"):
            self.preview.scroll_to(self.pages.current)
        self.structure.update_actions()

    def go_to_path(self, path: tuple, offset: int = 0) -> None:
        """Show the place an address names: its outline entry, then the field or line within it."""
        path = Address.of(path)
        where = path.owner if path.area != "budget" else COVER  # the brief's budget belongs to no page
        if where.resolve(self.document.brief) is None:
            return
        if self.pages.current != where:
            self.outline.select(where, emit=False)
            self.select(where)
        self.pages.go_to(path, offset)

    def next_problem(self) -> None:
        problems = self.problems.problems
        if problems:
            index = (self._problem_index + 1) % len(problems)
            self._problem_index = index
            item = self.problems.item_for(index)
            if item is not None:
                self.problems.setCurrentItem(item)
            self.go_to_problem(problems[index])

    def go_to_problem(self, problem) -> None:
        """Go to a problem's place; a quotation's warning selects the quotation and shows its source."""
        if not self.source_actions.go_to_problem(problem):
            self.go_to_path(problem.path)

    def to_focus(self, name: str) -> None:
        """Menu Cut/Copy/Paste/Select All act on the text field that has the keyboard focus."""
        method = getattr(QApplication.focusWidget(), name, None)
        if callable(method):
            method()

    def set_preview_visible(self, visible: bool) -> None:
        self.preview.setVisible(visible)
        self.preview_action.setChecked(visible)
        if visible:
            self._preview_stale = False
            # no hint: edits made while hidden were not followed; and showing it is not typing
            self.preview.update_brief(self.document.brief, typed=False)

    # -- checks ------------------------------------------------------------------------------------
    def run_checks(self) -> None:
        """Every check of the brief now (a brief just opened is checked before it is first seen)."""
        self._check_turns.stop()
        self._check_run = CheckRun(self.document.brief, self.counts.counts)
        self._check_turn(budget=float("inf"))

    def _start_checks(self) -> None:
        """A pause in typing: the checks again, a turn at a time, so that keys typed meanwhile get through."""
        self._check_run = CheckRun(self.document.brief, self.counts.counts)
        self._check_turn()

    def _check_turn(self, budget: float = CHECK_TURN_SECONDS) -> None:
        run = self._check_run
        if run is None:
            return
        if budget < 1.0 and self.preview.is_busy():  # a long brief's preview goes first
            self._check_turns.start(CHECK_WAIT_MS)
            return
        self._check_turns.setInterval(0)
        try:
            if not run.step(budget):
                self._check_turns.start()
                return
            problems = run.problems or []
        except Exception as exc:  # noqa: BLE001 - a check must never take the editor down with it
            from briefbook.problems import error

            problems = [error(f"The checks stopped: {exc}")]
        self._check_run = None
        self.problems.set_problems(problems)

    def _show_counts(self, errors: int, warnings: int) -> None:
        sections = sum(1 for _ in iter_sections(self.document.brief))

        def count(number: int, word: str) -> str:
            return f"{number} {word}{'' if number == 1 else 's'}"

        self.counts_label.setText("  \u00b7  ".join((count(sections, "section"), count(errors, "error"),
                                                      count(warnings, "warning"))))

    def show_shortcuts(self) -> None:
        """Help ▸ Keyboard Shortcuts, read from the menus as they are."""
        from briefbook.app.dialogs import shortcut_rows

        self.dialogs.show_shortcuts(shortcut_rows(self))

    def about(self) -> None:
        from briefbook import __version__

        self.dialogs.show_message("About Briefbook", f"Briefbook {__version__}\n\n"
                                  "Drafts NATO Parliamentary Assembly policy briefs and exports them to Word.")

    # -- the window's life ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if not self._loaded:
            self._document_replaced(None)
        super().showEvent(event)
        self.spell.schedule(shown=True)  # its dictionary after the first paint, not before
        if not self._sized and self.session.bytes("state") is None:
            # first run: a slim problems pane; later runs restore the user's own layout
            self.resizeDocks([self.problems_dock], [self.problems.sizeHint().height() + 24], Qt.Orientation.Vertical)
        self._sized = True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.book_actions.confirm_close() and self.files.confirm_close():
            self.remember()
            self.files.layout_run.stop_for_exit()  # an export still being laid out: LibreOffice goes too
            self.document.close()
            event.accept()
        else:
            event.ignore()

    def remember(self) -> None:
        """Store where the user is in the current brief, and the window's layout."""
        self.session.save_bytes("geometry", self.saveGeometry())
        self.session.save_bytes("state", self.saveState())
        self.session.save_bytes("splitter", self.splitter.saveState())
        self.session.save_flag("preview", self.preview_action.isChecked())
        self.session.save_flag(PANE_FLAG, self.source_pane_action.isChecked())
        path = self.document.path
        if path:
            self.session.save_place(path, {
                "selection": list(self.pages.current),
                "cursor": self.editor.textCursor().position(),
                "scroll": self.editor.verticalScrollBar().value(),
                "outline_scroll": self.outline.verticalScrollBar().value(),
            })
            self.session.add_recent(path)
        self.session.sync()

    def restore_layout(self) -> None:
        """The window as the user left it; the first time, a share of the screen (see :func:`first_geometry`)."""
        if self.session.bytes("geometry") is None:
            screen = self.screen() or QApplication.primaryScreen()
            if screen is not None:
                self.setGeometry(first_geometry(screen.availableGeometry(), self.minimumSizeHint()))
        for key, apply in (("geometry", self.restoreGeometry), ("state", self.restoreState),
                           ("splitter", self.splitter.restoreState)):
            value = self.session.bytes(key)
            if value is not None:
                apply(value)
        self.set_preview_visible(self.session.flag("preview", True))
        self.source_actions.set_visible(self.session.flag(PANE_FLAG, False))

    def restore_place(self, place: dict) -> None:
        """Put the cursor and scroll bars where the user left this brief, the preview at that text,
        and the keyboard in the editor there, so that the first keys typed land where the user left off."""
        def apply() -> None:
            cursor, scroll = place.get("cursor"), place.get("scroll")
            if isinstance(cursor, int):
                text_cursor = self.editor.textCursor()
                text_cursor.setPosition(min(cursor, len(self.editor.toPlainText())))
                self.editor.setTextCursor(text_cursor)
            if isinstance(scroll, int):
                self.editor.verticalScrollBar().setValue(scroll)
            if isinstance(place.get("outline_scroll"), int):
                self.outline.verticalScrollBar().setValue(place["outline_scroll"])
            if self.preview_action.isChecked():  # shown or about to be: it keeps the place through its first layout
                self.preview.scroll_to(self.pages.current_place())
            self.pages.focus_editor()

        apply()
        QTimer.singleShot(0, apply)  # again once the layout has settled and scroll ranges are known
