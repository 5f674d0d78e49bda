"""The dialog a reviewer writes a note in, and who the reviewer is.

A note names its author and initials as Word's comments do. The first time, they are
the computer's own idea of the user (the account's full name, else the login name);
whatever the reviewer types in the dialog is remembered (:meth:`Session.set_reviewer
<briefbook.app.session.Session.set_reviewer>`) and offered next time.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from briefbook.checks import clean_text

#: The longest quotation of the words shown at the top of the dialog.
QUOTE_SHOWN = 120


@dataclass(frozen=True)
class NoteAnswer:
    """What the reviewer wrote: the note's text and who they are."""

    text: str
    author: str
    initials: str


def login_name() -> str:
    """The account's full name (from the password database), else its login name, else ``""``."""
    try:
        import pwd

        full = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
        if full:
            return full
    except (ImportError, KeyError, AttributeError, OSError):
        pass  # not a Unix system, or an account the database does not list
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in the environment either
        return ""


def initials_of(name: str) -> str:
    """Word's initials of a name: the first letter of each of its words (``Jane Doe`` → ``JD``)."""
    return "".join(word[0] for word in name.replace("-", " ").split() if word[0].isalpha()).upper()[:4]


def shown_quote(quote: str) -> str:
    """The words a note is on, as the dialog and the notes panel name them (long ones cut short)."""
    if not quote:
        return "the whole text"
    words = " ".join(quote.split())
    return f"\u201c{words if len(words) <= QUOTE_SHOWN else words[:QUOTE_SHOWN - 1] + '…'}\u201d"


class NoteDialog(QDialog):
    """The note's text (several lines), the author's name and initials."""

    def __init__(self, title: str, place: str, quote: str, text: str, author: str, initials: str,
                 parent: QWidget | None = None, edit_author: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        on = QLabel(f"On {shown_quote(quote)} in {place}")
        on.setWordWrap(True)
        on.setObjectName("hint")
        layout.addWidget(on)
        self.text = QPlainTextEdit()
        self.text.setPlainText(text)
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName("Note")
        self.text.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        label = QLabel("&Note:")
        label.setBuddy(self.text)
        layout.addWidget(label)
        layout.addWidget(self.text, 1)
        form = QFormLayout()
        self.author = QLineEdit(author)
        self.initials = QLineEdit(initials)
        self.initials.setMaxLength(8)
        self.author.setEnabled(edit_author)
        self.initials.setEnabled(edit_author)
        self.author.textEdited.connect(self._author_edited)
        self._initials_typed = bool(initials) and initials != initials_of(author)
        self.initials.textEdited.connect(lambda _text: setattr(self, "_initials_typed", True))
        form.addRow("&Author:", self.author)
        form.addRow("&Initials:", self.initials)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.text.textChanged.connect(self._follow_text)
        layout.addWidget(buttons)
        self._follow_text()
        self.text.setFocus()

    def _author_edited(self, name: str) -> None:
        if not self._initials_typed:  # initials follow the name until the reviewer types their own
            self.initials.setText(initials_of(name))

    def _follow_text(self) -> None:
        self._ok.setEnabled(bool(self.text.toPlainText().strip()))

    def answer(self) -> NoteAnswer:
        """The note as written: trailing blanks gone, characters a brief cannot hold left out."""
        text = clean_text(self.text.toPlainText().strip()).text
        return NoteAnswer(text, clean_text(self.author.text().strip()).text,
                          clean_text(self.initials.text().strip()).text)


def ask_note(parent: QWidget, title: str, place: str, quote: str, text: str, author: str, initials: str,
             edit_author: bool = True) -> NoteAnswer | None:
    """Show the dialog; the note written, or ``None`` when cancelled."""
    dialog = NoteDialog(title, place, quote, text, author, initials, parent, edit_author)
    try:
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
