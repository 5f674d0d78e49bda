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

    def open_brief(self, path: Path) -> bool:
        """Open a brief of the book for editing; unsaved changes to the one shown are asked about first."""
        return self.window.files.open_file(str(path))


__all__ = ["BookActions"]
