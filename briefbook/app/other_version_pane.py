"""The pane beside the editor that shows the other language version's same section.

It only draws what it is given — the other version's name, the section's title and
text, whether the open section is behind — and offers *Mark Section Up to Date*; the
window's :class:`briefbook.app.version_actions.VersionActions` decides what to show and
carries out the command through the document.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget


class OtherVersionPane(QWidget):
    """The other version's section, read-only, and the state of the open one."""

    markRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("otherVersionPane")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        bold = QFont(self.heading.font())
        bold.setBold(True)
        self.heading.setFont(bold)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setFont(bold)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setObjectName("otherVersionText")
        self.mark_button = QPushButton("Mark Section Up to Date")
        self.mark_button.setToolTip("Record that this section's text now follows the other version's as it is")
        self.mark_button.clicked.connect(self.markRequested)
        for widget in (self.heading, self.state, self.title):
            layout.addWidget(widget)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.mark_button)

    def show_section(self, heading: str, title: str, text: str, state: str, behind: bool, can_mark: bool) -> None:
        """Show the other version's section (``title``, ``text``) and the open section's ``state``."""
        self.heading.setText(heading)
        self.title.setText(title)
        if self.text.toPlainText() != text:
            self.text.setPlainText(text)
        self.state.setText(state)
        self.state.setStyleSheet("color: #a15c00; font-weight: bold;" if behind else "color: #2e7d32;")
        self.mark_button.setVisible(can_mark)
        self.mark_button.setEnabled(behind)


__all__ = ["OtherVersionPane"]
