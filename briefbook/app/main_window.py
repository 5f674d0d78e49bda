"""The main window: outline, editor and live preview side by side, problems below.

The window owns the brief and its undo stack. Widgets report what the user did;
the window turns it into a command (:mod:`briefbook.app.commands`), and when a
command has changed the model, :meth:`MainWindow.changed` brings outline, editor,
preview and problems up to date from the model. File handling (new, open, save,
export, autosave, reopening where one left off) lives in :mod:`briefbook.app.files`.

The body editor reports typing a moment after the key (see
:meth:`BodyEditor.flush_pending_edit`), so that the key is painted before the undo
command is built. Everything here that reads or replaces the model, or leaves the
text being typed, first records that typing with :meth:`MainWindow.flush_edits`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices, QShowEvent, QTextCursor, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from briefbook.app.body_editor import BodyEditor
from briefbook.app.commands import Change, EditValue, Snapshot
from briefbook.app.fields import LineEdit, UndoKeysToWindow
from briefbook.app.files import FileActions
from briefbook.app.footnotes_panel import FootnotesPanel
from briefbook.app.menus import build_menus
from briefbook.app.meta_form import MetaForm
from briefbook.app.outline import COVER, FOOTNOTES, SOURCES, TAKEAWAYS, Outline, is_section
from briefbook.app.preview import PreviewPane
from briefbook.app.problems_panel import ProblemsPanel
from briefbook.app.session import Session
from briefbook.app.sources_panel import SourcesPanel
from briefbook.markup import footnote_refs
from briefbook.model import Brief, Path, iter_sections, iter_texts, resolve, structure

CHECK_DELAY_MS = 300
PAGE_META, PAGE_BODY, PAGE_FOOTNOTES, PAGE_SOURCES = range(4)


def owner_of(path: Path) -> Path:
    """The outline entry a model path belongs to (the section holding a bullet, the cover for a field)."""
    if not path:
        return COVER
    if path[0] in ("meta", "takeaways", "footnotes", "sources"):
        return (path[0],)
    end = 2
    while end + 2 <= len(path) and path[end] == "sections":
        end += 2
    return tuple(path[:end])


def body_path(where: Path) -> Path:
    """Where the blocks edited for an outline entry live: ("takeaways",) or (*section, "body")."""
    return TAKEAWAYS if where == TAKEAWAYS else (*where, "body")


class _UndoStack(QUndoStack):
    """The window's undo stack: undo and redo first record typing not yet recorded.

    Otherwise Ctrl+Z right after a key would take back the step before the key, and
    the key's own step would be recorded after the undo, from a stale text.
    """

    def __init__(self, before: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._before = before

    def undo(self) -> None:
        self._before()
        super().undo()

    def redo(self) -> None:
        self._before()
        super().redo()


class MainWindow(FileActions, QMainWindow):
    def __init__(self, session: Session | None = None) -> None:
        super().__init__()
        self.session = session or Session()
        self.brief = Brief()
        self.undo_stack = _UndoStack(self.flush_edits, self)
        self._preview_stale = False
        self.current: Path = COVER
        self._body_text = ""
        self._problem_index = -1
        self._reference_cursor: dict[str, int] = {}
        self._checks = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._checks.timeout.connect(self.run_checks)
        self._build()
        build_menus(self)
        for action, slot in ((self.undo_action, self.undo_stack.undo), (self.redo_action, self.undo_stack.redo)):
            action.triggered.disconnect()  # the stack's own C++ slot would skip flush_edits
            action.triggered.connect(slot)
        self.init_files()
        self._sized = False
        self._loaded = False  # the empty brief is drawn on first show, unless a file was opened before

    # building ----------------------------------------------------------------------------------
    def _build(self) -> None:
        self.setObjectName("MainWindow")
        self.outline = Outline()
        self.outline.setMinimumWidth(180)
        self.outline.pathSelected.connect(self.select)
        self.outline.sectionDropped.connect(self.drop_section)
        self.outline.deleteRequested.connect(self.delete_section)

        self.meta_form = MetaForm()
        self.meta_form.fieldEdited.connect(self._meta_edited)

        body_page = QWidget()
        layout = QVBoxLayout(body_page)
        layout.setContentsMargins(16, 12, 16, 8)
        self.body_heading = QLabel()
        self.body_heading.setObjectName("pageHeading")
        self.body_hint = QLabel()
        self.body_hint.setObjectName("hint")
        self.body_hint.setWordWrap(True)
        self.title_label = QLabel("Section &title:")
        self.title_edit = LineEdit()
        self.title_edit.setObjectName("sectionTitle")
        self.title_label.setBuddy(self.title_edit)
        self.title_edit.edited.connect(self._title_edited)
        self.editor = BodyEditor()
        self.editor.setUndoRedoEnabled(False)
        self._undo_keys = UndoKeysToWindow(self)
        self.editor.installEventFilter(self._undo_keys)
        self.editor.bodyEdited.connect(self._body_edited)
        self.editor.pathChanged.connect(self._editor_moved)
        self.editor.setAccessibleName("Body")
        layout.addWidget(self.body_heading)
        layout.addWidget(self.body_hint)
        layout.addWidget(self.title_label)
        layout.addWidget(self.title_edit)
        layout.addSpacing(4)
        layout.addWidget(self.editor, 1)

        self.footnotes = FootnotesPanel()
        self.footnotes.textEdited.connect(self._footnote_edited)
        self.footnotes.findReferences.connect(self.find_references)
        self.footnotes.deleteRequested.connect(self.delete_footnote)
        self.sources = SourcesPanel()
        self.sources.cellEdited.connect(self._source_edited)
        self.sources.addRequested.connect(self.add_source)
        self.sources.removeRequested.connect(self.remove_source)

        self.pages = QStackedWidget()
        for page in (self.meta_form, body_page, self.footnotes, self.sources):
            self.pages.addWidget(page)

        self.preview = PreviewPane()
        self.preview.setMinimumWidth(240)
        self.preview.pathActivated.connect(self.go_to_path)
        self.preview.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.outline)
        self.splitter.addWidget(self.pages)
        self.splitter.addWidget(self.preview)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([240, 560, 560])
        self.setCentralWidget(self.splitter)

        self.problems = ProblemsPanel()
        self.problems.problemActivated.connect(self.go_to_path)
        self.problems.countsChanged.connect(self._show_counts)
        self.problems_dock = QDockWidget("Problems", self)
        self.problems_dock.setObjectName("problemsDock")
        self.problems_dock.setWidget(self.problems)
        self.problems_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                                       | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.counts_label = QLabel()
        self.statusBar().addPermanentWidget(self.counts_label)
        self.undo_stack.cleanChanged.connect(self._update_title)

    # showing -----------------------------------------------------------------------------------
    def show_brief(self, brief: Brief, select: Path | None) -> None:
        """Show a freshly loaded brief: outline, preview, problems; nothing to undo yet."""
        self.flush_edits()  # typing in the brief being replaced belongs to it, not to this one
        self.brief = brief
        self._loaded = True
        self.undo_stack.clear()
        self.outline.set_brief(brief, select or COVER)
        self.preview.set_brief(brief)
        self.current = ()
        self.select(self.outline.current_path() or COVER)
        self.run_checks()

    def select(self, where: Path) -> None:
        """Show the editor for an outline entry."""
        self.flush_edits()
        if resolve(self.brief, where) is None:
            where = COVER
        elsewhere = where != self.current
        self.current = where
        if self.outline.current_path() != where:
            self.outline.select(where, emit=False)
        if where == COVER:
            self.meta_form.set_meta(self.brief.meta)
            self.pages.setCurrentIndex(PAGE_META)
        elif where == FOOTNOTES:
            self.footnotes.set_brief(self.brief)
            self.pages.setCurrentIndex(PAGE_FOOTNOTES)
        elif where == SOURCES:
            self.sources.set_brief(self.brief)
            self.pages.setCurrentIndex(PAGE_SOURCES)
        else:
            self._load_body(where, elsewhere)
            self.pages.setCurrentIndex(PAGE_BODY)
        if where[0] in ("takeaways", "sections"):
            self.preview.scroll_to(where)
        self.update_section_actions()

    def _load_body(self, where: Path, elsewhere: bool) -> None:
        is_sec = is_section(where)
        self.title_label.setVisible(is_sec)
        self.title_edit.setVisible(is_sec)
        if is_sec:
            self.title_edit.set_value(resolve(self.brief, where).title)
            level = structure.level_of(where)
            self.body_heading.setText(f"Section {self.outline.item_text(where).split(chr(0x2002))[0]}")
            self.body_hint.setText(f"Level {level} of 3. Alt+\u2191/\u2193 moves the section, Alt+\u2190/\u2192 "
                                   "changes its level; numbers follow.")
        else:
            self.body_heading.setText("Key takeaways")
            self.body_hint.setText("\u201c- \u201d starts a bullet, Tab nests it, \u201c## \u201d a sub-heading; "
                                   "Ctrl+B bold, Ctrl+I italic, Ctrl+Alt+F footnote.")
        self.editor.blockSignals(True)
        try:
            self.editor.set_body(resolve(self.brief, body_path(where)))
            if elsewhere:  # another text: start at its top (the same one keeps its cursor)
                self.editor.moveCursor(QTextCursor.MoveOperation.Start)
        finally:
            self.editor.blockSignals(False)
        self._body_text = self.editor.body_text()

    def _to_focus(self, name: str) -> None:
        """Menu Cut/Copy/Paste/Select All act on the text field that has the keyboard focus."""
        widget = QApplication.focusWidget()
        method = getattr(widget, name, None)
        if callable(method):
            method()

    def focus_editor(self) -> None:
        page = self.pages.currentIndex()
        if page == PAGE_BODY:
            self.editor.setFocus()
        elif page == PAGE_META:
            self.meta_form.set_cursor("body", None)
        elif page == PAGE_FOOTNOTES:
            self.footnotes.table.setFocus()
        else:
            self.sources.table.setFocus()

    def set_preview_visible(self, visible: bool) -> None:
        self.preview.setVisible(visible)
        self.preview_action.setChecked(visible)
        if visible:
            self._preview_stale = False
            self.preview.update_brief(self.brief)  # no hint: edits made while hidden were not followed

    # changes -------------------------------------------------------------------------------------
    def changed(self, change: Change, from_stack: bool) -> None:
        """A command changed the model: bring every view up to date."""
        if change.structural:
            self.outline.set_brief(self.brief, change.where)
            self.select(change.where if resolve(self.brief, change.where) is not None else COVER)
        else:
            path = change.path
            if path and path[-1] == "title" and is_section(path[:-1]):
                self.outline.update_section_title(self.brief, path[:-1])
            if from_stack:
                self._reveal_value(change)
            elif change.where == COVER:
                self.meta_form.refresh()
        self.outline.update_counts(self.brief)
        if self.preview.isVisible():
            # The changed value lets the preview re-render its section alone; after a
            # structural change, or edits it did not follow while hidden, it compares all.
            hint = None if change.structural or self._preview_stale or not change.path else change.path
            self._preview_stale = False
            self.preview.update_brief(self.brief, changed=hint)
        else:
            self._preview_stale = True
        self._checks.start()
        self.setWindowModified(self.is_modified())

    def _reveal_value(self, change: Change) -> None:
        """After undo or redo: go to the changed value, show it, and put the cursor where it changed."""
        if self.current != change.where:
            self.outline.select(change.where, emit=False)
            self.select(change.where)
        path, where = change.path, change.where
        if where == COVER:
            self.meta_form.set_meta(self.brief.meta)
            self.meta_form.set_cursor(path[-1], change.cursor)
        elif where == FOOTNOTES:
            self.footnotes.set_brief(self.brief, select=path[-1])
            self.footnotes.set_cursor(change.cursor)
        elif where == SOURCES:
            self.sources.set_brief(self.brief)
        elif path[-1] == "title":
            self.title_edit.set_value(resolve(self.brief, path))
            self.title_edit.setFocus()
            self.title_edit.set_cursor(change.cursor or 0)
        else:
            self._set_body_text(change.text, change.cursor)

    def _set_body_text(self, text: str | None, cursor: int | None) -> None:
        self.editor.blockSignals(True)
        try:
            if text is None:
                self.editor.set_body(resolve(self.brief, body_path(self.current)))
            else:
                self.editor.set_body_text(text)
            if cursor is not None:
                text_cursor = self.editor.textCursor()
                text_cursor.setPosition(min(cursor, len(self.editor.toPlainText())))
                self.editor.setTextCursor(text_cursor)
                self.editor.ensureCursorVisible()
        finally:
            self.editor.blockSignals(False)
        self._body_text = self.editor.body_text()
        self.editor.setFocus()

    def flush_edits(self) -> None:
        """Record typing in the body editor that it has not reported yet (see the module docstring)."""
        self.editor.flush_pending_edit()

    def push_value(self, label: str, where: Path, path: Path, new: object,
                   old_text: str | None = None, new_text: str | None = None, words: bool = True) -> None:
        """Record an edit of one value; ``new`` must be the caller's own (the command keeps it)."""
        self.flush_edits()
        old = copy.deepcopy(resolve(self.brief, path))  # the one copy: the command owns it
        self.undo_stack.push(EditValue(self, label, where, path, old, new, old_text, new_text, words=words))

    def push_structure(self, label: str, after: Brief, where_after: Path) -> None:
        self.flush_edits()
        self.undo_stack.push(Snapshot(self, label, self.brief, after, self.current, where_after))

    def _body_edited(self) -> None:
        if self.current not in (TAKEAWAYS,) and not is_section(self.current):
            return
        old_text, new_text = self._body_text, self.editor.body_text()
        if old_text == new_text:
            return
        self._body_text = new_text
        self.push_value("Typing", self.current, body_path(self.current), self.editor.body(), old_text, new_text)

    def _editor_moved(self, suffix=None) -> None:
        """The preview follows the cursor to the paragraph or bullet being edited."""
        if suffix is not None and self.preview.isVisible() and self.pages.currentIndex() == PAGE_BODY:
            self.preview.scroll_to((*body_path(self.current), *suffix))

    def _title_edited(self, text: str) -> None:
        if is_section(self.current):
            self.push_value("Rename Section", self.current, (*self.current, "title"), text, words=False)

    def _meta_edited(self, name: str, value: object) -> None:
        label = "Edit " + name.replace("toc", "Table of Contents").capitalize()
        self.push_value(label, COVER, ("meta", name), value, words=name in ("event", "title", "disclaimer"))

    def _footnote_edited(self, fid: str, text: str) -> None:
        self.push_value("Edit Footnote", FOOTNOTES, ("footnotes", fid), text)

    def _source_edited(self, row: int, field: str, value: str) -> None:
        self.push_value("Edit Source", SOURCES, ("sources", row, field), value)

    # structure -------------------------------------------------------------------------------------
    def _structure(self, label: str, edit) -> None:
        """Run ``edit(copy) -> new selection`` on a copy; if it did something, record it as one step."""
        self.flush_edits()
        after = copy.deepcopy(self.brief)
        where = edit(after)
        if where is not None:
            self.push_structure(label, after, where)

    def add_section(self, child: bool = False) -> None:
        anchor = self.current if is_section(self.current) else None
        if anchor is None and self.brief.sections and not child:
            anchor = ("sections", len(self.brief.sections) - 1)
        label = "Add Sub-section" if child else "Add Section"
        self._structure(label, lambda b: structure.add_section(b, anchor, "NEW SECTION", child=child))
        self.rename_section()

    def rename_section(self) -> None:
        if is_section(self.current):
            self.title_edit.setFocus()
            self.title_edit.selectAll()

    def delete_section(self) -> None:
        if is_section(self.current):
            path = self.current
            self._structure("Delete Section", lambda b: structure.delete_section(b, path) or TAKEAWAYS)

    def move_section(self, step: int) -> None:
        if is_section(self.current):
            path = self.current
            self._structure("Move Section", lambda b: structure.move(b, path, step))

    def relevel(self, deeper: bool) -> None:
        if is_section(self.current):
            path = self.current
            if deeper:
                self._structure("Demote Section", lambda b: structure.demote(b, path))
            else:
                self._structure("Promote Section", lambda b: structure.promote(b, path))

    def drop_section(self, path: Path, parent: Path, index: int) -> None:
        self._structure("Move Section", lambda b: structure.move_to(b, path, parent, index))

    def update_section_actions(self) -> None:
        path = self.current
        sec = is_section(path)
        for action in (self.rename_action, self.delete_section_action):
            action.setEnabled(sec)
        self.up_action.setEnabled(sec and path[-1] > 0)
        self.down_action.setEnabled(sec and path[-1] + 1 < len(structure.siblings(self.brief, path)))
        self.promote_action.setEnabled(sec and structure.level_of(path) > 1)
        self.demote_action.setEnabled(sec and structure.can_demote(self.brief, path))
        self.add_sub_action.setEnabled(sec and structure.level_of(path) < 3)
        self.footnote_action.setEnabled(path == TAKEAWAYS or sec)

    # footnotes and sources ---------------------------------------------------------------------------
    def insert_footnote(self) -> None:
        """Word's Ctrl+Alt+F: a reference at the cursor and its text ready to type, as one undo step."""
        if self.pages.currentIndex() != PAGE_BODY:
            return
        self.flush_edits()
        fid = self.ask_footnote_id(structure.new_footnote_id(self.brief), list(self.brief.footnotes))
        if not fid:
            return
        self.undo_stack.beginMacro("Insert Footnote")
        try:
            if fid not in self.brief.footnotes:
                after = copy.deepcopy(self.brief)
                after.footnotes[fid] = ""
                self.undo_stack.push(Snapshot(self, "Add Footnote", self.brief, after, self.current, self.current))
            self.editor.setFocus()
            self.editor.insert_footnote_reference(fid)
            self.flush_edits()  # the reference is recorded inside the macro
        finally:
            self.undo_stack.endMacro()
        if not self.brief.footnotes.get(fid):
            self.outline.select(FOOTNOTES)
            self.footnotes.select(fid, focus_text=True)

    def find_references(self, fid: str) -> None:
        """Go to the next place referring to ``fid`` (each click moves on, wrapping around)."""
        self.flush_edits()
        places = [(place.path, ref.offset) for place in iter_texts(self.brief)
                  for ref in footnote_refs(place.text) if ref.id == fid]
        if not places:
            self.statusBar().showMessage(f"Footnote {fid} is not referenced anywhere.", 5000)
            return
        index = self._reference_cursor.get(fid, -1) + 1
        self._reference_cursor = {fid: index % len(places)}
        path, offset = places[index % len(places)]
        self.go_to_path(path, offset)
        self.statusBar().showMessage(f"Reference {index % len(places) + 1} of {len(places)} to footnote {fid}", 5000)

    def delete_footnote(self, fid: str) -> None:
        def edit(after: Brief) -> Path:
            after.footnotes.pop(fid, None)
            return FOOTNOTES
        self._structure("Delete Footnote", edit)

    def add_source(self) -> None:
        def edit(after: Brief) -> Path:
            from briefbook.model import Source

            after.sources.append(Source(title="New source"))
            return SOURCES
        self._structure("Add Source", edit)

    def remove_source(self, row: int) -> None:
        def edit(after: Brief) -> Path:
            del after.sources[row]
            return SOURCES
        self._structure("Remove Source", edit)

    # navigation ------------------------------------------------------------------------------------
    def go_to_path(self, path: Path, offset: int = 0) -> None:
        """Show the place a model path names: outline entry, then the field or line within it."""
        self.flush_edits()
        path = tuple(path)
        where = owner_of(path)
        if resolve(self.brief, where) is None:
            return
        if self.current != where:
            self.outline.select(where, emit=False)
            self.select(where)
        rest = path[len(where):]
        if where == COVER:
            self.meta_form.set_cursor(rest[0] if rest else "body", offset if rest else None)
        elif where == FOOTNOTES:
            if rest:
                self.footnotes.select(str(rest[0]), focus_text=True)
        elif where == SOURCES:
            if rest:
                self.sources.table.setCurrentCell(int(rest[0]), 0)
            self.sources.table.setFocus()
        elif rest[:1] == ("title",):
            self.title_edit.setFocus()
            self.title_edit.set_cursor(offset)
        else:
            suffix = rest[1:] if rest[:1] == ("body",) else rest
            self.editor.setFocus()
            self.editor.go_to(tuple(suffix), offset)

    def next_problem(self) -> None:
        problems = self.problems.problems
        if problems:
            index = (self._problem_index + 1) % len(problems)
            self._problem_index = index
            item = self.problems.item_for(index)
            if item is not None:
                self.problems.setCurrentItem(item)
            self.go_to_path(problems[index].path)

    # checks ----------------------------------------------------------------------------------------
    def run_checks(self) -> None:
        from briefbook.checks import check

        try:
            problems = check(self.brief)
        except Exception as exc:  # a check must never take the editor down with it
            from briefbook.problems import error

            problems = [error(f"The checks stopped: {exc}")]
        self.problems.set_problems(problems)

    def _show_counts(self, errors: int, warnings: int) -> None:
        sections = sum(1 for _ in iter_sections(self.brief))
        def count(number: int, word: str) -> str:
            return f"{number} {word}{'' if number == 1 else 's'}"

        self.counts_label.setText("  \u00b7  ".join((count(sections, "section"), count(errors, "error"),
                                                      count(warnings, "warning"))))

    def about(self) -> None:
        from briefbook import __version__

        self.show_message("About Briefbook", f"Briefbook {__version__}\n\n"
                          "Drafts NATO Parliamentary Assembly policy briefs and exports them to Word.")

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if not self._loaded:
            self.show_brief(self.brief, None)
        super().showEvent(event)
        if not self._sized and self.session.bytes("state") is None:
            # first run: a slim problems pane; later runs restore the user's own layout
            self.resizeDocks([self.problems_dock], [self.problems.sizeHint().height() + 24], Qt.Orientation.Vertical)
        self._sized = True

    # files: what reads or replaces the model records pending typing first -----------------------
    def save_to(self, path: str) -> bool:
        self.flush_edits()
        return super().save_to(path)

    def export_to(self, path: str) -> bool:
        self.flush_edits()
        return super().export_to(path)

    def autosave(self) -> None:
        self.flush_edits()
        super().autosave()

    def confirm_close(self) -> bool:
        self.flush_edits()  # unsaved typing must count as unsaved
        return super().confirm_close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.confirm_close():
            self.remember()
            self.release_lock()
            event.accept()
        else:
            event.ignore()
