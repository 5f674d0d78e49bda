"""A book opened in the window: the Book panel in a dock, and a brief chosen there opened for editing.

The window edits one brief at a time through its :class:`briefbook.document.Document`; a
brief chosen in the panel is opened through File ▸ Open's own path
(:meth:`briefbook.app.file_actions.FileActions.open_file`), which asks about unsaved
changes first, so switching briefs never loses typing. The book itself is owned by
:class:`briefbook.document.book.BookController`.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from briefbook.app.book_panel import BookPanel
from briefbook.document.book import BookController
from briefbook.model.book import Book
from briefbook.problems import SaveError


class BookActions:
    """What the window does with a book: open it beside the brief, and open its briefs."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.controller: BookController | None = None
        self.panel: BookPanel | None = None
        self.dock: QDockWidget | None = None

    def open_book(self, path: str | os.PathLike[str]) -> bool:
        """Show the book at ``path`` in the Book dock and open its first brief that loads."""
        if not self.confirm_close():
            return False
        controller, result = BookController.open(path)
        if controller is None:
            self.window.dialogs.show_problems("Cannot open book", f"{os.fspath(path)} could not be opened:",
                                              result.problems)
            return False
        if self.dock is None:
            self.dock = QDockWidget("Book", self.window)
            self.dock.setObjectName("bookDock")
            self.window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.controller = controller
        self.panel = BookPanel(controller)
        self.panel.note_result(result)
        self.panel.briefChosen.connect(self.open_brief)
        self.dock.setWidget(self.panel)
        self.dock.show()
        first = next((entry for entry, _ in result.loaded), None)
        if first is not None:
            self.open_brief(first.path)
        return True

    def new_book(self) -> bool:
        """File ▸ New Book…: an empty book saved where the user says, opened for briefs to be added."""
        path = self.window.dialogs.ask_save_path(os.path.join(self.window.session.folder("open"), "untitled.book.yaml"))
        if not path:
            return False
        if not path.endswith(".book.yaml"):
            path = path.removesuffix(".yaml") + ".book.yaml"
        try:
            BookController(Book(title=Path(path).name.removesuffix(".book.yaml")), path).save()
        except SaveError as exc:
            self.window.dialogs.show_message("Cannot make the book", str(exc), error=True)
            return False
        return self.open_book(path)

    def save_changes(self) -> bool:
        """File ▸ Save with a book open saves the book's own changes too; False (and said) if that failed."""
        if self.controller is None or not self.controller.modified or self.controller.path is None:
            return True
        try:
            self.controller.save()
        except SaveError as exc:
            self.window.dialogs.show_message("Cannot save the book", str(exc), error=True)
            return False
        return True

    def confirm_close(self) -> bool:
        """True when the book may go: saved, or the user chose to save or discard its changes."""
        if self.controller is None or not self.controller.modified:
            return True
        answer = self.window.dialogs.ask_save_changes(str(self.controller.path))
        if answer == "save":
            try:
                self.controller.save()
            except SaveError as exc:
                self.window.dialogs.show_message("Cannot save the book", str(exc), error=True)
                return False
            return True
        return answer == "discard"

    def book_data(self, path: str) -> bytes | None:
        """The whole book as one Word document's bytes, its contents' page numbers empty; ``None`` if it failed.

        The brief on screen goes in as it is in the window, saved or not; the others as
        their files hold them. A missing or broken brief is left out and named in a message.
        The page numbers are LibreOffice's: the window has the bytes laid out in another
        process (:meth:`briefbook.app.file_actions.FileActions.export_book`).
        """
        from briefbook.fileformat import read
        from briefbook.render.book_export import book_docx

        assert self.controller is not None
        shown = Path(self.window.document.path).resolve() if self.window.document.path else None
        briefs, left_out = [], []
        for entry in self.controller.entries():
            if shown is not None and entry.path.resolve() == shown:
                briefs.append(self.window.document.brief)
                continue
            result = read(entry.path) if entry.path.exists() else None
            if result is None or result.brief is None:
                left_out.append(entry.entry)
            else:
                briefs.append(result.brief)
        try:
            data = book_docx(self.controller.book, briefs, path, self.window.files.export_template())
        except Exception as exc:  # noqa: BLE001 - the user gets words, not a traceback
            self.window.dialogs.show_message("Cannot export the book", f"Cannot export to {path}: {exc}", error=True)
            return None
        if left_out:
            self.window.dialogs.show_message("Briefs left out", "These briefs could not be read and are not in "
                                             f"the book: {', '.join(left_out)}.")
        return data

    def export_docx(self, path: str) -> bool:
        """The book's Word document written as it is, where LibreOffice is not found to lay it out."""
        from briefbook.atomic import writable_target, write_checked

        data = self.book_data(path)
        if data is None:
            return False
        try:
            write_checked(writable_target(path), data)
        except Exception as exc:  # noqa: BLE001 - the user gets words, not a traceback
            self.window.dialogs.show_message("Cannot export the book", f"Cannot export to {path}: {exc}", error=True)
            return False
        self.window.statusBar().showMessage(f"Exported the book to {path}", 5000)
        return True

    def open_brief(self, path: Path) -> bool:
        """Open a brief of the book for editing; unsaved changes to the one shown are asked about first."""
        return self.window.files.open_file(str(path))


__all__ = ["BookActions"]
