"""Offering back the unsaved work a crash, a kill or a power cut left in recovery files.

Each pending recovery file (:func:`briefbook.document.recovery.pending`) is offered —
when its brief is opened, and at start whichever brief it belongs to — whatever the
timestamps say, with what differs from the file on disk, and stays until the user
decides: restore it, keep the file on disk (the recovery file is then deleted), keep the
recovered text as a copy beside the file, or decide later (it is offered again at the
next opening). A recovery file identical to the file on disk
holds nothing to lose and is removed without asking.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QStatusBar

from briefbook.app.dialogs import Dialogs
from briefbook.app.pages import EditorPages
from briefbook.document import Document, display_name
from briefbook.document.compare import differences
from briefbook.document.copies import keep_copy
from briefbook.document.recovery import Found, pending
from briefbook.problems import SaveError


class RecoveryWindow(Protocol):
    """What offering recovered work uses of its window."""

    document: Document
    dialogs: Dialogs

    pages: EditorPages

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt's name


class RecoveryOffers:
    """Offers the pending recovery files of the brief shown (see the module docstring)."""

    def __init__(self, window: RecoveryWindow) -> None:
        self.window = window

    def offer(self) -> bool:
        """Offer each pending autosave of the brief shown, newest first; True once one is restored."""
        return any(self._offer(found) for found in self.window.document.pending_recovery())

    def offer_elsewhere(self, open_brief: Callable[[str], bool]) -> bool:
        """At start: offer the unsaved work of the other briefs a crash left behind (a second window's).

        Restoring one first opens its brief here with ``open_brief(path)``, and ends the
        offers: the rest are offered at the next start, or when their brief is opened.
        """
        document = self.window.document
        if document.read_only or document.is_modified():
            return False
        for found in pending(document.folders, every=True):
            if found.path is not None and found.path != document.path and self._offer(found, open_brief):
                return True
        return False

    def _offer(self, found: Found, open_brief: Callable[[str], bool] | None = None) -> bool:
        dialogs = self.window.dialogs
        try:
            recovered = found.text()
        except OSError as exc:
            dialogs.show_message("Cannot recover", f"The autosaved copy {found.file} cannot be read: "
                                 f"{exc.strerror or exc}.", error=True)
            return False
        name = display_name(found.path)
        on_disk = _disk_text(found.path)
        if on_disk == recovered:
            found.discard()  # nothing in it that the file does not hold
            return False
        answer = dialogs.ask_recover(name, found.saved, differences(
            on_disk or "", recovered, f"{name} (on disk)" if on_disk is not None else "(no file on disk)",
            f"{name} (unsaved changes)"))
        if answer == "restore":
            if open_brief is not None and (found.path is None or not open_brief(found.path)):
                return False
            return self._restore(found, recovered)
        if answer == "copy":
            self._keep_copy(found, recovered)
        elif answer == "keep":
            found.discard()
        return False

    def _restore(self, found: Found, recovered: str) -> bool:
        from briefbook.fileformat import loads

        result = loads(recovered, str(found.file))
        if result.brief is None:
            self.window.dialogs.show_problems("Cannot recover", "The autosaved copy could not be read; it is "
                                              "kept in the recovery folder:", result.problems)
            return False
        self.window.document.adopt_recovered(result.brief, found, self.window.pages.current)
        return True

    def _keep_copy(self, found: Found, recovered: str) -> None:
        dialogs = self.window.dialogs
        data = recovered.encode("utf-8", "replace")
        try:
            if found.path is not None:
                copy = keep_copy(found.path, data, "recovered")
            else:
                chosen = dialogs.ask_save_path(str(Path.home() / "Recovered.brief.yaml"))
                if not chosen:
                    return  # nothing written: the recovery file stays for later
                copy = keep_copy(chosen, data, "recovered")
        except SaveError as exc:
            dialogs.show_message("Cannot keep a copy", f"{exc} The unsaved changes stay in the recovery "
                                 "folder and are offered again.", error=True)
            return
        found.discard()
        self.window.statusBar().showMessage(f"Unsaved changes kept as {copy}", 15000)


def _disk_text(path: str | None) -> str | None:
    """The brief's file as it is on disk now, or ``None`` when there is none to read."""
    if path is None:
        return None
    from briefbook.fileformat.disk import current

    _, data = current(path)
    return data.decode("utf-8", "replace") if data is not None else None
