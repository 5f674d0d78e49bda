"""The editing pages: the cover form, the body editor, the footnotes and the sources, one at a time.

:class:`EditorPages` shows the page of the outline entry the user chose and keeps it
in step with the :class:`~briefbook.document.Document`: what the user types becomes
a document command at once, and what a command changed (undo, redo, a change made
elsewhere) is shown on the page, with the cursor where the change was.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from briefbook.app.body_editor import BodyEditor, EditorEdit
from briefbook.app.fields import LineEdit, UndoKeysToWindow, set_field_read_only
from briefbook.app.footnotes_panel import FootnotesPanel
from briefbook.app.meta_form import MetaForm
from briefbook.app.outline import COVER, FOOTNOTES, SOURCES, TAKEAWAYS
from briefbook.app.sources_panel import SourcesPanel
from briefbook.document import Change, Document, Splice
from briefbook.document.commands import Span, body_owner
from briefbook.model import Address, section_label
from briefbook.model.brief import body_text

PAGE_META, PAGE_BODY, PAGE_FOOTNOTES, PAGE_SOURCES = range(4)

_TAKEAWAYS_HINT = ("\u201c- \u201d starts a bullet, Tab nests it, \u201c## \u201d a sub-heading; "
                   "Ctrl+B bold, Ctrl+I italic, Ctrl+Alt+F footnote.")
_SECTION_HINT = ("Level {level} of 3. Alt+\u2191/\u2193 moves the section, Alt+\u2190/\u2192 "
                 "changes its level; numbers follow.")


class EditorPages(QStackedWidget):
    """The page editing the current outline entry (see the module docstring)."""

    #: The cursor went onto another text of the body: its address, for the preview to follow.
    placeChanged = Signal(object)

    def __init__(self, document: Document, window: QWidget) -> None:
        super().__init__()
        self.document = document
        #: The outline entry being edited.
        self.current: Address = COVER
        self.meta_form = MetaForm()
        self.meta_form.fieldEdited.connect(self._meta_edited)
        self.footnotes = FootnotesPanel()
        self.footnotes.textEdited.connect(
            lambda fid, text: document.set_value("Edit Footnote", Address.footnotes(fid), text))
        self.sources = SourcesPanel()
        self.sources.cellEdited.connect(
            lambda row, name, value: document.set_value("Edit Source", Address.sources(row, name), value))
        for page in (self.meta_form, self._build_body_page(window), self.footnotes, self.sources):
            self.addWidget(page)
        document.readOnlyChanged.connect(self.set_read_only)

    def set_read_only(self, read_only: bool) -> None:
        """The brief was opened read-only (or is editable again): every page follows."""
        for field in (self.editor, self.title_edit):
            set_field_read_only(field, read_only)
        self.meta_form.set_read_only(read_only)
        self.footnotes.set_read_only(read_only)
        self.sources.set_read_only(read_only)

    def _build_body_page(self, window: QWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
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
        self.title_edit.returnPressed.connect(self._title_entered)
        self.editor = BodyEditor()
        self.editor.setUndoRedoEnabled(False)
        self._undo_keys = UndoKeysToWindow(window)
        self.editor.installEventFilter(self._undo_keys)
        self.editor.on_edit = self._body_edited
        self.editor.pathChanged.connect(self._editor_moved)
        self.editor.setAccessibleName("Body")
        for widget in (self.body_heading, self.body_hint, self.title_label, self.title_edit):
            layout.addWidget(widget)
        layout.addSpacing(4)
        layout.addWidget(self.editor, 1)
        return page

    # -- showing ---------------------------------------------------------------------------------
    def select(self, where: Address) -> None:
        """Show the page for an outline entry (the cover when the entry is gone)."""
        where = Address.of(where)
        brief = self.document.brief
        if where.resolve(brief) is None:
            where = COVER
        elsewhere = where != self.current
        self.current = where
        if where == COVER:
            self.meta_form.set_meta(brief.meta)
            self.setCurrentIndex(PAGE_META)
        elif where == FOOTNOTES:
            self.footnotes.set_brief(brief)
            self.setCurrentIndex(PAGE_FOOTNOTES)
        elif where == SOURCES:
            self.sources.set_brief(brief)
            self.setCurrentIndex(PAGE_SOURCES)
        else:
            self._load_body(where, elsewhere)
            self.setCurrentIndex(PAGE_BODY)

    def _load_body(self, where: Address, elsewhere: bool) -> None:
        brief = self.document.brief
        is_section = where.is_section
        self.title_label.setVisible(is_section)
        self.title_edit.setVisible(is_section)
        if is_section:
            self.title_edit.set_value(where.resolve(brief).title)
            self.body_heading.setText(f"Section {self._label(where)}")
            self.body_hint.setText(_SECTION_HINT.format(level=where.level))
        else:
            self.body_heading.setText("Key takeaways")
            self.body_hint.setText(_TAKEAWAYS_HINT)
        self.editor.blockSignals(True)
        try:
            self.editor.set_body_text(body_text(body_owner(brief, where.body)))
            if elsewhere:  # another text: start at its top (the same one keeps its cursor)
                self.editor.moveCursor(QTextCursor.MoveOperation.Start)
        finally:
            self.editor.blockSignals(False)

    @staticmethod
    def _label(section: Address) -> str:
        """The section's printed number, as the outline shows it (``B.``)."""
        return section_label(section.level, section.index + 1)

    def go_to(self, path: Address, offset: int = 0) -> None:
        """Put the cursor ``offset`` characters into the value at ``path`` (the page is already shown)."""
        path = Address.of(path)
        where = path.owner
        rest = path[len(where):]
        if where == COVER:
            self.meta_form.set_cursor(str(rest[0]) if rest else "body", offset if rest else None)
        elif where == FOOTNOTES:
            if rest:
                self.footnotes.select(str(rest[0]), focus_text=True)
        elif where == SOURCES:
            if rest:
                self.sources.table.setCurrentCell(int(rest[0]), 0)
            self.sources.table.setFocus()
        elif path.is_title:
            self.title_edit.setFocus()
            self.title_edit.set_cursor(offset)
        else:
            self.editor.setFocus()
            self.editor.go_to(path.block_suffix, offset)

    def focus_editor(self) -> None:
        page = self.currentIndex()
        if page == PAGE_BODY:
            self.editor.setFocus()
        elif page == PAGE_META:
            self.meta_form.set_cursor("body", None)
        elif page == PAGE_FOOTNOTES:
            self.footnotes.table.setFocus()
        else:
            self.sources.table.setFocus()

    def show_change(self, change: Change) -> None:
        """After a command: show its value on its page (undo, redo), or refresh what derives from it."""
        if change.structural:
            return  # the window rebuilds the outline and selects again
        if not change.from_stack:
            if change.where == COVER:
                self.meta_form.refresh()
            return
        if self.current != change.where:
            self.select(change.where)
        path, brief = change.path, self.document.brief
        if change.where == COVER:
            self.meta_form.set_meta(brief.meta)
            self.meta_form.set_cursor(str(path[-1]), change.cursor)
        elif change.where == FOOTNOTES:
            self.footnotes.set_brief(brief, select=str(path[-1]))
            self.footnotes.set_cursor(change.cursor)
        elif change.where == SOURCES:
            self.sources.set_brief(brief)
        elif path.is_title:
            self.title_edit.set_value(path.resolve(brief))
            self.title_edit.setFocus()
            self.title_edit.set_cursor(change.cursor or 0)
        else:
            self._show_splice(change)

    def _show_splice(self, change: Change) -> None:
        """Show an undone or redone edit of the body, the cursor where it was made."""
        splice = change.splice
        shown = self.editor.body_text()
        text = body_text(body_owner(self.document.brief, change.path))
        if shown == text:  # the page was just loaded with the changed body
            self.editor.place_cursor(change.cursor or 0)
        elif splice is not None and len(shown) - len(splice.removed) + len(splice.inserted) == len(text):
            self.editor.apply_splice(splice.start, len(splice.removed), splice.inserted)
        else:
            self.editor.set_body_text(text)
            self.editor.place_cursor(change.cursor or 0)
        self.editor.ensureCursorVisible()
        self.editor.setFocus()

    # -- edits ---------------------------------------------------------------------------------
    def _body_edited(self, edit: EditorEdit) -> None:
        """The user changed the body: record the change in the document as one splice of its text."""
        if self.current != TAKEAWAYS and not self.current.is_section:
            return
        body = self.current.body
        text = body_text(body_owner(self.document.brief, body))
        splice = Splice(edit.position, text[edit.position:edit.position + edit.removed], edit.inserted)
        if len(text) - edit.removed + len(edit.inserted) != edit.length:
            # Qt reported a range that does not add up: compare the whole texts instead.
            shown = self.editor.body_text()
            splice = Span.between(text, shown).splice(text, shown)
        if splice.removed != splice.inserted:
            self.document.edit_body(body, splice)

    def current_place(self) -> Address:
        """The text the cursor is in: a line of the body being edited, else the outline entry shown."""
        if self.currentIndex() == PAGE_BODY and self.current.area in ("takeaways", "sections"):
            suffix = self.editor.current_path_suffix()
            if suffix is not None:
                return self.current.body.child(*suffix)
        return self.current

    def _editor_moved(self) -> None:
        suffix = self.editor.current_path_suffix()
        if suffix is not None and self.currentIndex() == PAGE_BODY:
            self.placeChanged.emit(self.current.body.child(*suffix))

    def _title_entered(self) -> None:
        """Enter in a section's title goes on to its body, as Enter after a heading does in Word."""
        self.editor.setFocus()
        self.editor.moveCursor(QTextCursor.MoveOperation.Start)
        self.editor.ensureCursorVisible()

    def _title_edited(self, text: str) -> None:
        if self.current.is_section:
            self.document.set_value("Rename Section", self.current.title, text, words=False)

    def _meta_edited(self, name: str, value: object) -> None:
        label = "Edit " + name.replace("toc", "Table of Contents").capitalize()
        self.document.set_value(label, Address.cover(name), value, words=name in ("event", "title", "disclaimer"))
