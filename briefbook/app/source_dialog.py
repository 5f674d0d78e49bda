"""The dialogs of adding a source: which files, then the title, address and date of each.

The title is prefilled from what the extraction found (an HTML page's title, a Word
document's first heading, else the file's name); the analyst confirms or corrects it and
gives the address the source was published at and its date, which the citation prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

FILE_FILTER = ("Sources (*.txt *.md *.html *.htm *.docx *.pdf);;Text (*.txt *.md);;Web pages (*.html *.htm);;"
               "Word documents (*.docx);;PDF (*.pdf);;All files (*)")


@dataclass(frozen=True)
class SourceDetails:
    """What the analyst confirmed of a source being added."""

    title: str
    url: str = ""
    date: str = ""


def date_problem(text: str) -> str:
    """Why ``text`` is not a date a source can have (``""``: it is one, or empty)."""
    text = text.strip()
    if not text:
        return ""
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return f"\u201c{text}\u201d is not a date: write it as YYYY-MM-DD, e.g. 2024-10-18."
    if len(text) != 10:
        return f"\u201c{text}\u201d: write the date as YYYY-MM-DD, e.g. 2024-10-18."
    return ""


def ask_source_files(parent: QWidget | None, folder: str) -> list[Path]:
    """The files chosen in a file dialog (none: cancelled)."""
    names, _filter = QFileDialog.getOpenFileNames(parent, "Add Source", folder, FILE_FILTER)
    return [Path(name) for name in names]


class SourceDetailsDialog(QDialog):
    """Title, address (URL) and date of one source, with the file it comes from named."""

    def __init__(self, file: Path, details: SourceDetails, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add Source")
        layout = QVBoxLayout(self)
        intro = QLabel(f"The text of <b>{file.name}</b> will be kept beside the brief. "
                       "Check how the citation names it:")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.title = QLineEdit(details.title)
        self.url = QLineEdit(details.url)
        self.url.setPlaceholderText("https://\u2026")
        self.date = QLineEdit(details.date)
        self.date.setPlaceholderText("YYYY-MM-DD")
        form.addRow("&Title:", self.title)
        form.addRow("&Address (URL):", self.url)
        form.addRow("&Date:", self.date)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setObjectName("fieldWarning")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add Source")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def details(self) -> SourceDetails:
        return SourceDetails(" ".join(self.title.text().split()), self.url.text().strip(), self.date.text().strip())

    def _accept(self) -> None:
        chosen = self.details()
        problem = "A source needs a title." if not chosen.title else date_problem(chosen.date)
        if problem:
            self.problem.setText(problem)
            return
        self.accept()


def ask_source_details(parent: QWidget | None, file: Path, details: SourceDetails) -> SourceDetails | None:
    """The details confirmed for ``file`` (``None``: the analyst cancelled)."""
    dialog = SourceDetailsDialog(file, details, parent)
    try:
        return dialog.details() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
