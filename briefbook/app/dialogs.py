"""The window's dialogs: choosing a starter template, listing a file's problems, a brief open elsewhere,
the export template, the keyboard shortcuts.

They are small modal dialogs. Everything the window asks the user goes through one
:class:`Dialogs` object (``window.dialogs``), whose ``ask_*`` and ``show_*`` methods
tests replace so that nothing blocks.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefbook.document import display_name
from briefbook.document.lock import LockHolder
from briefbook.problems import Problem

BRIEF_FILTER = "Briefs (*.brief.yaml);;YAML files (*.yaml *.yml);;All files (*)"
#: What File ▸ Open offers: briefs, and Word documents (imported as new briefs).
OPEN_FILTER = ("Briefs (*.brief.yaml);;Briefing books (*.book.yaml);;Word documents, imported (*.docx);;"
               "YAML files (*.yaml *.yml);;All files (*)")
DOCX_FILTER = "Word documents (*.docx)"
PDF_FILTER = "PDF documents (*.pdf)"


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


#: The heading under which the body editor's own keys are listed.
EDITOR_KEYS_HEADING = "Typing in the body"


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every menu command that has keys, then the body editor's own keys.

    Read from the window's menus as they are, so that the list cannot fall behind them.
    """
    from briefbook.app.list_keys import EDITOR_KEYS
    from briefbook.app.menus import keys_text

    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, heading: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{heading} \u25b8 {_plain(action.text())}")
            elif not action.isSeparator() and keys_text(action):
                rows.append((heading, _plain(action.text().split("\t", 1)[0]), keys_text(action)))

    for action in window.menuBar().actions():
        if action.menu() is not None:
            walk(action.menu(), _plain(action.text()))
    rows.extend((EDITOR_KEYS_HEADING, what, keys) for keys, what in EDITOR_KEYS)
    return rows


def _plain(text: str) -> str:
    """A menu text as read: without its mnemonic ampersand (``&&`` stays one ``&``)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class ShortcutsDialog(QDialog):
    """Help ▸ Keyboard Shortcuts: each menu's commands with their keys, and the editor's own keys."""

    def __init__(self, rows: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        layout = QVBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Command", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName("Keyboard shortcuts")
        headings: dict[str, QTreeWidgetItem] = {}
        for heading, command, keys in rows:
            group = headings.get(heading)
            if group is None:
                group = headings[heading] = QTreeWidgetItem([heading])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                self.tree.addTopLevelItem(group)
                group.setFirstColumnSpanned(True)  # only once the item is in the tree
            group.addChild(QTreeWidgetItem([command, keys]))
        self.tree.expandAll()
        self.tree.setItemsExpandable(False)
        self.tree.resizeColumnToContents(1)
        self.tree.setColumnWidth(0, 470)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(720, 640)


def locked_box(path: str, holder: LockHolder, starting: bool, parent: QWidget | None) -> QMessageBox:
    """The question asked when a brief is open elsewhere; the answer is left in its ``choice`` property."""
    name = display_name(path)
    if holder.this_process:
        where = f"{name} is already open in another Briefbook window"
    else:
        where = f"{name} is open in Briefbook by {holder.describe()}"
    details = ["If you both edit it, whoever saves last overwrites the other's changes. Read-only, you can "
               "read it, export it and save a copy under a new name."]
    if not holder.this_computer:
        details.append("Briefbook cannot tell from here whether it is still open there; if that computer "
                       "stopped without closing it, open it anyway.")
    if starting:
        details.append("Cancel closes Briefbook without opening it.")  # the user asked for this brief by name
    box = QMessageBox(QMessageBox.Icon.Warning, "Brief open elsewhere", where.rstrip(".") + ".",
                      QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText("\n\n".join(details))
    read_only = box.addButton("Open &Read-Only", QMessageBox.ButtonRole.AcceptRole)
    anyway = box.addButton("Open &Anyway", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(read_only)
    box.setEscapeButton(cancel)
    choices = {read_only: "read-only", anyway: "anyway", cancel: "cancel"}
    box.buttonClicked.connect(lambda button: box.setProperty("choice", choices.get(button, "cancel")))
    return box


class Dialogs:
    """The questions Briefbook asks, each a modal dialog over ``parent``."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def ask_starter(self) -> Path | None:
        from briefbook.resources import starter_templates

        dialog = StarterDialog(starter_templates(), self.parent)
        return dialog.chosen() if dialog.exec() else None

    def ask_open_path(self, folder: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.parent, "Open Brief", folder, OPEN_FILTER)
        return path or None

    def ask_import_path(self, folder: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.parent, "Import from Word", folder, DOCX_FILTER)
        return path or None

    def ask_save_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, "Save Brief As", suggested, BRIEF_FILTER)
        return path or None

    def ask_export_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, "Export to Word", suggested, DOCX_FILTER)
        return path or None

    def ask_pdf_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, "Export to PDF", suggested, PDF_FILTER)
        return path or None

    def ask_save_changes(self, path: str | None) -> str:
        """'save', 'discard' or 'cancel'."""
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.warning(
            self.parent, "Unsaved changes", f"Save the changes to {display_name(path)} before closing?",
            buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
        return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")

    def ask_open_locked(self, path: str, holder: LockHolder, starting: bool = False) -> str:
        """The brief is open elsewhere: ``"read-only"``, ``"anyway"`` or ``"cancel"``."""
        box = locked_box(path, holder, starting, self.parent)
        box.exec()
        return box.property("choice") or "cancel"

    def confirm_comments_lost(self, path: str | None) -> bool:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.information(
            self.parent, "Comments are not kept",
            f"{display_name(path)} contains YAML comments. Briefbook writes the brief in its own "
            "canonical form, so the comments will not be kept in the saved file.",
            buttons.Save | buttons.Cancel, buttons.Save)
        return answer == buttons.Save

    def ask_footnote_id(self, suggested: str, existing: list[str]) -> str | None:
        from briefbook.markup import FOOTNOTE_ID

        fid, ok = QInputDialog.getItem(self.parent, "Insert Footnote",
                                       "Footnote &id (a new one, or pick an existing footnote):",
                                       [suggested, *existing], 0, True)
        fid = fid.strip()
        if not ok or not fid:
            return None
        if not FOOTNOTE_ID.fullmatch(fid):
            self.show_message("Insert Footnote", f"“{fid}” cannot be a footnote id: use letters, digits, "
                              "“-”, “_” or “.”, without spaces.", error=True)
            return None
        return fid

    def ask_export_template(self, current: str | None, folder: str) -> str | None:
        """The Word template to export with: a file's path, ``""`` for the house style, ``None`` to keep it."""
        box = QMessageBox(QMessageBox.Icon.Question, "Export Template",
                          f"This brief is exported with {Path(current).name if current else 'the house style'}.",
                          QMessageBox.StandardButton.NoButton, self.parent)
        box.setInformativeText("Choose another Word document whose styles the export (and the preview) "
                               "should use, or go back to the Assembly's house style. Briefbook remembers the "
                               "choice for this brief.")
        choose = box.addButton("&Choose File…", QMessageBox.ButtonRole.AcceptRole)
        house = box.addButton("Use the &House Style", QMessageBox.ButtonRole.ResetRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        house.setEnabled(bool(current))
        box.setDefaultButton(choose)
        box.setEscapeButton(cancel)
        box.exec()
        if box.clickedButton() is house:
            return ""
        if box.clickedButton() is not choose:
            return None
        path, _ = QFileDialog.getOpenFileName(self.parent, "Export Template", str(Path(current).parent)
                                              if current else folder, "Word documents and templates "
                                              "(*.docx *.dotx);;All files (*)")
        return path or None

    def show_shortcuts(self, rows: list[tuple[str, str, str]]) -> None:
        ShortcutsDialog(rows, self.parent).exec()

    def show_problems(self, title: str, intro: str, problems: list[Problem]) -> None:
        ProblemsDialog(title, intro, problems, self.parent).exec()

    def show_message(self, title: str, text: str, error: bool = False) -> None:
        if error:
            QMessageBox.critical(self.parent, title, text)
        else:
            QMessageBox.information(self.parent, title, text)

    # -- unsaved work and changes on disk: each choice keeps something, none loses it silently
    def ask_recover(self, name: str, saved: str, differences: str) -> str:
        """'restore', 'keep' (the file on disk), 'copy' (the recovered text as a copy) or 'later'."""
        return _choose(self.parent, "Recover unsaved work",
                       f"Briefbook found unsaved changes to {name}, autosaved {saved} by a session that ended "
                       "without saving them.",
                       "Restore them to go on where you left off, keep the file as it is on disk (the unsaved "
                       "changes are then deleted), or keep them as a separate copy beside the file. "
                       "“Show Details…” lists what differs from the file on disk.",
                       [("restore", "&Restore Unsaved Changes", QMessageBox.ButtonRole.AcceptRole),
                        ("copy", "Keep as a &Copy", QMessageBox.ButtonRole.ActionRole),
                        ("keep", "&Keep File on Disk", QMessageBox.ButtonRole.DestructiveRole),
                        ("later", "Decide &Later", QMessageBox.ButtonRole.RejectRole)],
                       "restore", "later", differences)

    def ask_disk_changed(self, name: str, differences: str, saving: bool) -> str:
        """The file changed on disk while the brief has unsaved changes: 'reload', 'keep' or 'cancel'."""
        then = ("Saving now would overwrite that version." if saving
                else "Your unsaved changes are to the version you had before.")
        return _choose(self.parent, "Changed by another program",
                       f"{name} was changed on disk by another program (a colleague, a sync tool or an "
                       f"editor) since Briefbook opened or last saved it. {then}",
                       "Reload the version on disk (yours can be brought back with Undo), or keep yours — the "
                       "other version is then saved as a copy beside the file so nothing is lost. "
                       "“Show Details…” compares the two.",
                       [("keep", "&Keep Mine", QMessageBox.ButtonRole.AcceptRole),
                        ("reload", "&Reload from Disk", QMessageBox.ButtonRole.DestructiveRole),
                        ("cancel", "Cancel" if saving else "Decide &Later", QMessageBox.ButtonRole.RejectRole)],
                       "keep", "cancel", differences)


def _choose(parent: QWidget | None, title: str, text: str, informative: str,
            choices: list[tuple[str, str, QMessageBox.ButtonRole]], default: str, escape: str,
            details: str) -> str:
    """A question with named answers; ``details`` (a diff) behind “Show Details…”."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
        for view in box.findChildren(QTextEdit):  # a diff lines up only in a fixed-width font
            view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
            view.setMinimumWidth(640)
    buttons = {}
    for key, label, role in choices:
        buttons[key] = box.addButton(label, role)
    box.setDefaultButton(buttons[default])
    box.setEscapeButton(buttons[escape])
    box.exec()
    clicked = box.clickedButton()
    return next((key for key, button in buttons.items() if button is clicked), escape)
