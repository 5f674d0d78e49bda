"""The window's dialogs: choosing a starter template, listing a file's problems.

They are small modal dialogs; the window calls them through overridable methods
(``ask_*``, ``show_*``), which tests replace so nothing blocks.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from briefbook.problems import Problem


def starter_title(path: Path) -> str:
    """The starter's title from its cover, read cheaply; the file name if that fails."""
    from briefbook.fileformat import read

    result = read(path)
    if result.brief is None:
        return path.name
    return " ".join(result.brief.meta.title.split()) or path.name


class StarterDialog(QDialog):
    """New brief: pick a starter template."""

    def __init__(self, starters: dict[str, Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New Brief")
        layout = QVBoxLayout(self)
        label = QLabel("&Start from a template:")
        self.list = QListWidget()
        label.setBuddy(self.list)
        for name, path in starters.items():
            pretty = name.replace("-", " ").capitalize()
            item = QListWidgetItem(f"{pretty}\n{starter_title(path)}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(label)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(520, 300)

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None


class ProblemsDialog(QDialog):
    """A file could not be opened: every problem as FILE:LINE:COLUMN, selectable and copyable."""

    def __init__(self, title: str, intro: str, problems: list[Problem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        listing = QPlainTextEdit("\n".join(p.format() for p in problems))
        listing.setReadOnly(True)
        listing.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        listing.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(text)
        layout.addWidget(listing, 1)
        layout.addWidget(buttons)
        self.resize(720, 320)
