"""*File ▸ Import from Word…*: a brief written in Word, opened as a new, unsaved brief.

The same function as ``briefbook import`` (:func:`briefbook.wordimport.import_docx`). The
brief read is shown untitled and unsaved (:meth:`Document.adopt_imported
<briefbook.document.Document.adopt_imported>`), Save As proposing the document's name as
a brief beside it, so nothing is written until the analyst chooses; what the document
held that a brief cannot (tables, pictures, text boxes) is listed with its place in a
dialog the analyst can copy from, and the status bar says what came in.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication

from briefbook.problems import Problem, Severity


class ImportActions(QObject):
    """The window's Import from Word command."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window

    def import_dialog(self) -> bool:
        window = self.window
        if not window.files.confirm_close():
            return False
        path = window.dialogs.ask_import_path(window.session.folder("import"))
        return self.import_file(path) if path else False

    def import_file(self, path: str) -> bool:
        """Read the Word document at ``path`` into the window; on failure say why and change nothing."""
        from briefbook.model import iter_sections
        from briefbook.model.notes import count_notes
        from briefbook.wordimport import WordImportError, default_output, import_docx

        window = self.window
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            imported = import_docx(path)
        except WordImportError as exc:
            QApplication.restoreOverrideCursor()
            window.dialogs.show_message("Cannot import", str(exc), error=True)
            return False
        QApplication.restoreOverrideCursor()
        window.session.set_folder("import", path)
        window.remember()
        window.document.adopt_imported(imported.brief, str(default_output(Path(path))))
        brief = imported.brief
        sections = sum(1 for _ in iter_sections(brief))
        notes = count_notes(brief)
        summary = (f"Imported {Path(path).name}: {sections} section{'s' * (sections != 1)}, "
                   f"{len(brief.footnotes)} footnote{'s' * (len(brief.footnotes) != 1)}, "
                   f"{notes} note{'s' * (notes != 1)}. Save it to keep it as a brief.")
        window.statusBar().showMessage(summary, 15000)
        if imported.remarks:
            problems = [Problem(Severity.WARNING, f"{remark.place}: {remark.message}", file=Path(path).name)
                        for remark in imported.remarks]
            count = len(problems)
            window.dialogs.show_problems(
                "Imported with remarks",
                f"{count} thing{'s' * (count != 1)} in {Path(path).name} could not be imported as "
                f"{'they are' if count != 1 else 'it is'}:", problems)
        return True
