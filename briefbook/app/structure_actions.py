"""The Section menu and the footnote and source commands: each one undo step on the document.

The edits themselves are plain model functions (:mod:`briefbook.model.structure`);
here they are run through :meth:`Document.restructure`, which records the brief
before and after as one step, and the actions are enabled for what the current
outline entry allows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStatusBar

from briefbook.app.dialogs import Dialogs
from briefbook.app.outline import FOOTNOTES, SOURCES, TAKEAWAYS, Outline
from briefbook.app.pages import PAGE_BODY, EditorPages
from briefbook.document import Document
from briefbook.markup import footnote_refs
from briefbook.model import MAX_LEVEL, Address, Brief, Source, iter_texts, structure


class StructureWindow(Protocol):
    """What the structure actions use of their window (the actions are made by ``menus.build_menus``)."""

    document: Document
    pages: EditorPages
    dialogs: Dialogs
    outline: Outline
    rename_action: QAction
    delete_section_action: QAction
    up_action: QAction
    down_action: QAction
    promote_action: QAction
    demote_action: QAction
    add_section_action: QAction
    add_sub_action: QAction
    footnote_action: QAction

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt's name

    def go_to_path(self, path: tuple, offset: int = 0) -> None: ...


class StructureActions(QObject):
    """Section, footnote and source commands of one window."""

    def __init__(self, window: StructureWindow) -> None:
        super().__init__()
        self.window = window
        self.document = window.document
        self.pages = window.pages
        self._reference_cursor: dict[str, int] = {}
        self.document.readOnlyChanged.connect(self._read_only_changed)

    def _restructure(self, label: str, edit: Callable[[Brief], Address | None]) -> Address | None:
        if self.document.read_only:  # the actions are disabled; a drop or a key must not get through either
            return None
        return self.document.restructure(label, edit, self.pages.current)

    def _read_only_changed(self, read_only: bool) -> None:
        from PySide6.QtWidgets import QAbstractItemView

        mode = QAbstractItemView.DragDropMode
        self.window.outline.setDragDropMode(mode.NoDragDrop if read_only else mode.InternalMove)
        self.update_actions()

    # -- sections ---------------------------------------------------------------------------------
    def add_section(self, child: bool = False) -> None:
        current, brief = self.pages.current, self.document.brief
        anchor = current if current.is_section else None
        if anchor is None and brief.sections and not child:
            anchor = Address.section(len(brief.sections) - 1)
        label = "Add Sub-section" if child else "Add Section"
        self._restructure(label, lambda b: structure.add_section(b, anchor, "NEW SECTION", child=child))
        self.rename_section()

    def rename_section(self) -> None:
        if self.pages.current.is_section:
            self.pages.title_edit.setFocus()
            self.pages.title_edit.selectAll()

    def delete_section(self) -> None:
        path = self.pages.current
        if path.is_section:
            self._restructure("Delete Section", lambda b: structure.delete_section(b, path) or TAKEAWAYS)

    def move_section(self, step: int) -> None:
        path = self.pages.current
        if path.is_section:
            self._restructure("Move Section", lambda b: structure.move(b, path, step))

    def relevel(self, deeper: bool) -> None:
        path = self.pages.current
        if not path.is_section:
            return
        if deeper:
            self._restructure("Demote Section", lambda b: structure.demote(b, path))
        else:
            self._restructure("Promote Section", lambda b: structure.promote(b, path))

    def drop_section(self, path: tuple, parent: tuple, index: int) -> None:
        self._restructure("Move Section", lambda b: structure.move_to(b, path, parent, index))

    def update_actions(self) -> None:
        """Enable what the current outline entry allows (nothing that edits, read-only)."""
        window, path, brief = self.window, self.pages.current, self.document.brief
        editable = not self.document.read_only
        sec = path.is_section and editable
        window.add_section_action.setEnabled(editable)
        for action in (window.rename_action, window.delete_section_action):
            action.setEnabled(sec)
        window.up_action.setEnabled(sec and path.index > 0)
        window.down_action.setEnabled(sec and path.index + 1 < len(structure.siblings(brief, path)))
        window.promote_action.setEnabled(sec and path.level > 1)
        window.demote_action.setEnabled(sec and structure.can_demote(brief, path))
        window.add_sub_action.setEnabled(sec and path.level < MAX_LEVEL)
        window.footnote_action.setEnabled(editable and (path == TAKEAWAYS or sec))

    # -- footnotes and sources --------------------------------------------------------------------
    def insert_footnote(self) -> None:
        """Word's Ctrl+Alt+F: a reference at the cursor and its text ready to type, as one undo step.

        Nothing is asked: the id is made from the words the footnote follows (or the
        selection it is put after), unique in the brief, and can be renamed in the
        footnotes pane.
        """
        if self.pages.currentIndex() != PAGE_BODY or self.document.read_only:
            return
        self._insert_reference(structure.footnote_id_from_text(self.document.brief, *self._words_at_cursor()))

    def refer_to_footnote(self) -> None:
        """Format ▸ Refer to Existing Footnote…: a reference to a footnote the brief has (or a new id typed)."""
        if self.pages.currentIndex() != PAGE_BODY or self.document.read_only:
            return
        brief = self.document.brief
        existing = list(brief.footnotes)
        fid = self.window.dialogs.ask_footnote_id(existing[0] if existing else structure.new_footnote_id(brief),
                                                  existing)
        if fid:
            self._insert_reference(fid)

    def _words_at_cursor(self) -> tuple[str, bool]:
        """What prints of the selection (and False), or of the cursor's line before it (and True)."""
        from briefbook.model.bodytext import parse_line

        cursor = self.pages.editor.textCursor()
        block = self.pages.editor.document().findBlock(cursor.selectionEnd())  # the reference goes there
        start = parse_line(block.text()).text_start
        text = block.text()[start:]
        base = block.position() + start
        low, high = cursor.selectionStart() - base, cursor.selectionEnd() - base
        if cursor.hasSelection() and high > max(low, 0):
            return structure.printed_text(text, max(low, 0), high), False
        return structure.printed_text(text, 0, max(high, 0)), True

    def _insert_reference(self, fid: str) -> None:
        brief = self.document.brief
        with self.document.one_step("Insert Footnote"):
            if fid not in brief.footnotes:
                self._restructure("Add Footnote", lambda after: _add_footnote(after, fid, self.pages.current))
            self.pages.editor.setFocus()
            self.pages.editor.insert_footnote_reference(fid)  # recorded inside the step as it is typed
        if not self.document.brief.footnotes.get(fid):
            self.window.outline.select(FOOTNOTES)
            self.pages.footnotes.select(fid, focus_text=True)

    def find_references(self, fid: str) -> None:
        """Go to the next place referring to ``fid`` (each click moves on, wrapping around)."""
        places = [(place.path, ref.offset) for place in iter_texts(self.document.brief)
                  for ref in footnote_refs(place.text) if ref.id == fid]
        status = self.window.statusBar()
        if not places:
            status.showMessage(f"Footnote {fid} is not referenced anywhere.", 5000)
            return
        index = self._reference_cursor.get(fid, -1) + 1
        self._reference_cursor = {fid: index % len(places)}
        path, offset = places[index % len(places)]
        self.window.go_to_path(path, offset)
        status.showMessage(f"Reference {index % len(places) + 1} of {len(places)} to footnote {fid}", 5000)

    def rename_footnote(self, old: str, new: str) -> bool:
        """Give a footnote another id, every reference to it included, as one undo step; refuse in words."""
        new = new.strip()
        if self.document.read_only or new == old:
            self.pages.footnotes.set_brief(self.document.brief, select=old)
            return False
        problem = structure.footnote_id_problem(self.document.brief, old, new)
        if problem:
            self.window.dialogs.show_message("Rename Footnote", problem, error=True)
            self.pages.footnotes.set_brief(self.document.brief, select=old)  # the old id back in its cell
            return False
        self._restructure("Rename Footnote", lambda after: structure.rename_footnote(after, old, new))
        self.pages.footnotes.select(new)
        self.window.statusBar().showMessage(f"Footnote {old} is now {new}, in every reference to it.", 5000)
        return True

    def delete_footnote(self, fid: str) -> None:
        def edit(after: Brief) -> Address:
            after.footnotes.pop(fid, None)
            return FOOTNOTES
        self._restructure("Delete Footnote", edit)

    def add_source(self) -> None:
        def edit(after: Brief) -> Address:
            after.sources.append(Source(title="New source"))
            return SOURCES
        self._restructure("Add Source", edit)

    def remove_source(self, row: int) -> None:
        def edit(after: Brief) -> Address:
            del after.sources[row]
            return SOURCES
        self._restructure("Remove Source", edit)


def _add_footnote(brief: Brief, fid: str, where: Address) -> Address:
    brief.footnotes[fid] = ""
    return where
