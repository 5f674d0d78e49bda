"""What the window does when its brief's file changes on disk, and when a save finds it changed.

The document controller notices (:mod:`briefbook.document.watch`); this asks the user
and carries out the answer, so that every outcome keeps both versions somewhere:

- no unsaved changes: the brief reloads and the status bar says so; Undo brings back
  the version shown before;
- unsaved changes: reload (Undo brings them back), keep them (the version on disk is
  saved as a copy beside the file first), or decide later — the next save asks again;
- the file deleted or moved away: the brief is marked unsaved, and saving writes it again.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QStatusBar

from briefbook.app.dialogs import Dialogs
from briefbook.document import Document
from briefbook.document.compare import differences
from briefbook.document.copies import keep_copy
from briefbook.document.watch import DiskChange
from briefbook.problems import SaveError


class DiskWindow(Protocol):
    """What the disk-change handling uses of its window."""

    document: Document
    dialogs: Dialogs

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt's name


class DiskChanges(QObject):
    """Answers the document's :attr:`~briefbook.document.Document.diskChanged` (see the module docstring)."""

    def __init__(self, window: DiskWindow) -> None:
        super().__init__()
        self.window = window
        self.document = window.document
        self.document.diskChanged.connect(self.changed_on_disk)
        app = QApplication.instance()
        if isinstance(app, QApplication):  # back to the front: watchers miss network folders
            app.applicationStateChanged.connect(self._application_state)

    def _application_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.document.watch.check()

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 15000)

    def changed_on_disk(self, change: DiskChange) -> None:
        name = self.document.name
        if change.deleted:
            self.document.keep_mine(change)
            self._status(f"{name} was deleted or moved by another program. Save writes it again.")
        elif not self.document.is_modified():
            if self._reload(change):
                self._status(f"{name} was changed by another program and has been reloaded. "
                             "Undo brings back the version shown before.")
        else:
            self.resolve(change, saving=False)

    def resolve(self, change: DiskChange, saving: bool) -> bool:
        """Ask what to do with a version on disk the brief has not seen; True when a save may go ahead."""
        from briefbook.fileformat import dumps

        name = self.document.name
        theirs = (change.data or b"").decode("utf-8", "replace")
        answer = self.window.dialogs.ask_disk_changed(
            name, differences(theirs, dumps(self.document.brief), f"{name} (on disk)", f"{name} (yours)"), saving)
        if answer == "reload":
            if self._reload(change):
                self._status(f"Reloaded {name} from disk. Undo brings back your version.")
            return False
        if answer != "keep":
            return False
        try:
            copy = keep_copy(change.path, change.data or b"", "changed on disk")
        except SaveError as exc:
            self.window.dialogs.show_message("Cannot keep the other version", f"{exc} Nothing was changed.",
                                             error=True)
            return False
        self.document.keep_mine(change)
        self._status(f"The version on disk was kept as {copy.name}.")
        return True

    def _reload(self, change: DiskChange) -> bool:
        from briefbook.fileformat import loads

        result = loads(change.data or b"", change.path)
        if result.brief is None or change.data is None:
            self.window.dialogs.show_problems(
                "Cannot reload", f"{change.path} was changed by another program, but cannot be read now; "
                "the brief on screen is kept, and saving it asks first:", result.problems)
            return False
        self.document.reload(result.brief, change.version, result.had_comments)
        return True
