"""File ▸ Compare with Saved Version… and Compare with File…: a redline of the brief in the window.

The brief in the window, as it is now (saved or not), is the new version; the file on
disk — the version last saved, or one the analyst chooses — is the old. The redline is
written by :func:`briefbook.redline.export_redline` (the same function as
``briefbook compare``) with the brief's export template, to a file the analyst names,
and the status bar says where it went and what changed. Nothing here changes the brief,
so a brief opened read-only can be compared too.

The file dialogs are this module's functions (:func:`ask_old_version`,
:func:`ask_redline_path`), which tests replace; messages go through ``window.dialogs``.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from briefbook.app.dialogs import BRIEF_FILTER, DOCX_FILTER

#: How many of a version's errors the message lists (the rest are counted).
_ERRORS_SHOWN = 5


def ask_old_version(parent: QWidget, folder: str) -> str | None:
    """The brief file to compare the window's brief with, or ``None`` if the analyst cancels."""
    path, _ = QFileDialog.getOpenFileName(parent, "Compare with File", folder, BRIEF_FILTER)
    return path or None


def ask_redline_path(parent: QWidget, suggested: str) -> str | None:
    """Where to write the redline, or ``None`` if the analyst cancels."""
    path, _ = QFileDialog.getSaveFileName(parent, "Save Redline", suggested, DOCX_FILTER)
    return path or None


def redline_name(old: str, new: str | None) -> str:
    """``NEW.redline.docx`` — or, against another file, ``NEW-vs-OLD.redline.docx``."""
    def stem(path: str) -> str:
        name = Path(path).name
        for suffix in (".brief.yaml", ".yaml", ".yml"):
            if name.endswith(suffix):
                return name[: -len(suffix)]
        return name

    base = stem(new) if new else "Untitled"
    if new and os.path.abspath(old) == os.path.abspath(new):
        return f"{base}.redline.docx"
    return f"{base}-vs-{stem(old)}.redline.docx"


class CompareActions:
    """What the two Compare commands do to the window: ask, read the old version, write the redline, say where."""

    def __init__(self, window) -> None:
        self.window = window
        self.document = window.document
        #: The redline last written (for the status bar and the tests).
        self.last_redline: str | None = None

    def compare_with_saved(self) -> bool:
        """File ▸ Compare with Saved Version…: the brief as it is now against the file it was last saved to."""
        path = self.document.path
        if not path:
            self.window.dialogs.show_message(
                "Nothing to compare with", "This brief has not been saved yet, so there is no saved version to "
                "compare it with. Use Compare with File… to choose another version.")
            return False
        return self._compare(path)

    def compare_with_file(self) -> bool:
        """File ▸ Compare with File…: the brief as it is now against a version the analyst chooses."""
        folder = str(Path(self.document.path).parent) if self.document.path else self.window.session.folder("open")
        path = ask_old_version(self.window, folder)
        if not path:
            return False
        return self._compare(path)

    def _compare(self, old_path: str) -> bool:
        from briefbook.problems import SaveError
        from briefbook.redline import export_redline

        old = self._read(old_path)
        if old is None:
            return False
        new_path = self.document.path
        folder = str(Path(new_path).parent) if new_path else self.window.session.folder("export")
        target = ask_redline_path(self.window, os.path.join(folder, redline_name(old_path, new_path)))
        if not target:
            return False
        if not target.lower().endswith(".docx"):
            target += ".docx"
        try:
            summary = export_redline(old, self.document.brief, target, template=self.window.files.export_template())
        except SaveError as exc:
            self.window.dialogs.show_message("Cannot write the redline", str(exc), error=True)
            return False
        except Exception as exc:  # noqa: BLE001 - whatever went wrong, the user gets words, not a traceback
            self.window.dialogs.show_message("Cannot write the redline", f"Writing the redline to {target} failed: "
                                             f"{exc}", error=True)
            return False
        self.last_redline = target
        self.window.statusBar().showMessage(f"Redline written to {target} — {summary.describe()}", 15000)
        return True

    def _read(self, path: str):
        """The old version's brief, or ``None`` after telling the analyst why it cannot be read."""
        from briefbook.fileformat import read

        result = read(path)
        errors = [problem for problem in result.problems if problem.is_error]
        if result.brief is not None and not errors:
            return result.brief
        listed = "\n".join(problem.format() for problem in errors[:_ERRORS_SHOWN])
        more = len(errors) - _ERRORS_SHOWN
        if more > 0:
            listed += f"\n… and {more} more"
        self.window.dialogs.show_message("Cannot compare", f"{path} cannot be compared with: it cannot be read as a "
                                         f"brief.\n\n{listed}", error=True)
        return None
